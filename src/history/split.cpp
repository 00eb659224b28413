#include "rkplan/split.hpp"

#include <algorithm>
#include <array>

namespace rkplan {

namespace {

// Bytes that mean nothing to the lexer in any state: everything but line breaks, the
// comment sign, quotes, backslashes and brackets.
constexpr std::array<bool, 256> quiet_bytes = [] {
    std::array<bool, 256> table{};
    for (std::size_t c = 0; c < 256; ++c) table[c] = true;
    for (char c : std::string_view("\n#\"'\\[]{}")) table[static_cast<unsigned char>(c)] = false;
    return table;
}();

bool bare_key_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool blank(char c) { return c == ' ' || c == '\t'; }

// What a top-level line starting with '[' at `i` is, for the entry arrays.
struct Header {
    enum Kind { other, entry, sub } kind = other;  // [[name]], [name.x] / [[name.x]], anything else
    std::size_t name = 0;                          // index into the entry names
};

Header classify(std::string_view text, std::size_t i, const std::vector<std::string_view>& names) {
    bool array = i + 1 < text.size() && text[i + 1] == '[';
    i += array ? 2 : 1;
    while (i < text.size() && blank(text[i])) ++i;
    std::size_t key_begin = i;
    while (i < text.size() && bare_key_char(text[i])) ++i;
    auto key = text.substr(key_begin, i - key_begin);
    auto found = std::find(names.begin(), names.end(), key);
    if (key.empty() || found == names.end()) return {};
    auto index = static_cast<std::size_t>(found - names.begin());
    while (i < text.size() && blank(text[i])) ++i;
    if (i < text.size() && text[i] == '.') return {Header::sub, index};
    if (array && text.substr(i, 2) == "]]") return {Header::entry, index};
    return {};  // [name]: a table where an array belongs, an error the whole parse reports
}

}  // namespace

std::string joined_text(std::string_view text, const std::vector<TextSpan>& spans) {
    std::string out;
    for (const auto& s : spans) out += span_text(text, s);
    return out;
}

namespace {

// split_toml_entries' pass over the text: it follows TOML's strings, comments and brackets
// (a line break in none of them ends a top-level line), and at the start of each top-level
// line looks for a header that begins or ends a span.
class EntrySplitter {
public:
    EntrySplitter(std::string_view text, const std::vector<std::string_view>& entry_names, std::size_t batch_bytes)
        : text_(text), names_(entry_names), batch_bytes_(batch_bytes) {}

    std::optional<TomlSplit> run() {
        if (!line_start(0)) return std::nullopt;
        while (true) {
            skip_quiet();
            if (i_ >= text_.size()) break;
            char c = text_[i_];
            if (!lex(c)) return std::nullopt;
            if (c == '\n' && !end_of_line()) return std::nullopt;
            ++i_;
        }
        if (state_ != State::normal && state_ != State::comment) return std::nullopt;
        if (depth_ != 0) return std::nullopt;
        close_span(text_.size());
        if (out_.batches.empty()) return std::nullopt;
        return std::move(out_);
    }

private:
    enum class State { normal, comment, basic, literal, ml_basic, ml_literal };

    // Moves past the bytes that mean nothing in any state: most of the text, in a tight
    // loop with the position in a local.
    void skip_quiet() {
        const char* data = text_.data();
        const std::size_t size = text_.size();
        std::size_t i = i_;
        while (i < size && quiet_bytes[static_cast<unsigned char>(data[i])]) ++i;
        i_ = i;
    }

    // The byte `c` at the current position, in the current state: moves to the state it
    // leads to, and past the bytes it takes with it (a quote's two more, an escaped byte).
    // False where the text cannot be split.
    bool lex(char c) {
        switch (state_) {
            case State::normal: return top_level(c);
            case State::comment: return true;
            case State::basic: return in_basic_string(c);
            case State::literal:
                if (c == '\'') state_ = State::normal;
                return true;
            case State::ml_basic:
            case State::ml_literal: return in_multiline_string(c);
        }
        return true;
    }

    // Outside strings and comments: comments and strings open, brackets count.
    bool top_level(char c) {
        if (c == '#') {
            state_ = State::comment;
        } else if (c == '"' || c == '\'') {
            bool multiline = text_.substr(i_, 3) == (c == '"' ? "\"\"\"" : "'''");
            if (multiline) i_ += 2;
            if (c == '"') state_ = multiline ? State::ml_basic : State::basic;
            else state_ = multiline ? State::ml_literal : State::literal;
        } else if (c == '[' || c == '{') {
            ++depth_;
        } else if (c == ']' || c == '}') {
            if (--depth_ < 0) return false;
        } else if (c == '\\') {
            return false;  // a backslash outside strings is an error; let the parser say so
        }
        return true;
    }

    bool in_basic_string(char c) {
        if (c == '\\') {
            if (i_ + 1 < text_.size() && text_[i_ + 1] == '\n') return false;
            ++i_;
        } else if (c == '"') {
            state_ = State::normal;
        }
        return true;
    }

    // A multi-line string ends at three of its quotes, and takes up to two more.
    bool in_multiline_string(char c) {
        char quote = state_ == State::ml_basic ? '"' : '\'';
        if (c == '\\' && state_ == State::ml_basic) {
            if (i_ + 1 < text_.size() && text_[i_ + 1] != '\n') ++i_;  // an escaped line break is still a line
        } else if (c == quote) {
            std::size_t run = 1;
            while (i_ + run < text_.size() && text_[i_ + run] == quote) ++run;
            if (run >= 3) {
                if (run > 5) return false;  // more quotes than a string may end with
                state_ = State::normal;
            }
            i_ += run - 1;
        }
        return true;
    }

    // A line break: a single-line string left open cannot be split, a comment ends, and
    // outside every value the next line may begin with a header.
    bool end_of_line() {
        ++line_;
        if (state_ == State::basic || state_ == State::literal) return false;  // unterminated
        if (state_ == State::comment) state_ = State::normal;
        return state_ != State::normal || depth_ != 0 || line_start(i_ + 1);
    }

    // At the start of a line outside any value: a header may begin here. [[name]] starts
    // a batch (or goes on with the current one, below batch_bytes), another header ends
    // it, and a [name.x] sub-table must follow its own entry.
    bool line_start(std::size_t at) {
        std::size_t i = at;
        while (i < text_.size() && blank(text_[i])) ++i;
        if (i >= text_.size() || text_[i] != '[') return true;
        auto header = classify(text_, i, names_);
        if (header.kind == Header::sub) return in_entries_ && header.name == last_entry_;
        if (header.kind == Header::entry) {
            if (!in_entries_ || at - current_.begin >= batch_bytes_) start_span(at, true);
            last_entry_ = header.name;
        } else if (in_entries_) {
            start_span(at, false);
        }
        return true;
    }

    void start_span(std::size_t at, bool entries) {
        close_span(at);
        current_ = {at, 0, line_};
        in_entries_ = entries;
    }

    void close_span(std::size_t at) {
        current_.end = at;
        if (current_.end > current_.begin) (in_entries_ ? out_.batches : out_.head).push_back(current_);
    }

    std::string_view text_;
    const std::vector<std::string_view>& names_;
    std::size_t batch_bytes_;
    TomlSplit out_;
    State state_ = State::normal;
    std::size_t i_ = 0;
    int line_ = 1;
    int depth_ = 0;               // open brackets and braces of values
    bool in_entries_ = false;     // the current span is a batch
    std::size_t last_entry_ = 0;  // the array of the batch's last [[name]]
    TextSpan current_{0, 0, 1};
};

}  // namespace

std::optional<TomlSplit> split_toml_entries(std::string_view text, const std::vector<std::string_view>& entry_names,
                                            std::size_t batch_bytes) {
    if (batch_bytes == 0) return std::nullopt;
    return EntrySplitter(text, entry_names, batch_bytes).run();
}

}  // namespace rkplan
