#include "json_check.hpp"

#include <cctype>
#include <cstddef>
#include <string>

namespace rkplan {

namespace {

class Parser {
public:
    explicit Parser(std::string_view t) : t_(t) {}

    bool document(std::string& error) {
        ws();
        if (!value(0)) {
            error = "invalid JSON at byte " + std::to_string(i_);
            return false;
        }
        ws();
        if (i_ != t_.size()) {
            error = "trailing bytes at " + std::to_string(i_);
            return false;
        }
        return true;
    }

private:
    std::string_view t_;
    std::size_t i_ = 0;

    bool eat(char c) {
        if (i_ < t_.size() && t_[i_] == c) return ++i_, true;
        return false;
    }
    void ws() {
        while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
    }
    bool literal(std::string_view word) {
        if (t_.substr(i_, word.size()) != word) return false;
        i_ += word.size();
        return true;
    }
    bool digits() {
        std::size_t start = i_;
        while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') ++i_;
        return i_ > start;
    }
    bool number() {
        eat('-');
        if (eat('0')) {
        } else if (!digits()) {
            return false;
        }
        if (eat('.') && !digits()) return false;
        if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
            ++i_;
            if (!eat('+')) eat('-');
            if (!digits()) return false;
        }
        return true;
    }
    bool string() {
        if (!eat('"')) return false;
        while (i_ < t_.size()) {
            unsigned char c = static_cast<unsigned char>(t_[i_++]);
            if (c == '"') return true;
            if (c < 0x20) return false;
            if (c == '\\') {
                if (i_ >= t_.size()) return false;
                char e = t_[i_++];
                if (e == 'u') {
                    for (int k = 0; k < 4; ++k, ++i_)
                        if (i_ >= t_.size() || !std::isxdigit(static_cast<unsigned char>(t_[i_]))) return false;
                } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                    return false;
                }
            }
        }
        return false;
    }
    bool value(int depth) {
        if (depth > 64 || i_ >= t_.size()) return false;
        char c = t_[i_];
        if (c == '{') {
            ++i_;
            ws();
            if (eat('}')) return true;
            do {
                ws();
                if (!string()) return false;
                ws();
                if (!eat(':')) return false;
                ws();
                if (!value(depth + 1)) return false;
                ws();
            } while (eat(','));
            return eat('}');
        }
        if (c == '[') {
            ++i_;
            ws();
            if (eat(']')) return true;
            do {
                ws();
                if (!value(depth + 1)) return false;
                ws();
            } while (eat(','));
            return eat(']');
        }
        if (c == '"') return string();
        if (c == 't') return literal("true");
        if (c == 'f') return literal("false");
        if (c == 'n') return literal("null");
        return number();
    }
};

}  // namespace

bool json_valid(std::string_view text, std::string& error) { return Parser(text).document(error); }

}  // namespace rkplan
