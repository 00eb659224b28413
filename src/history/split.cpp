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

std::optional<TomlSplit> split_toml_entries(std::string_view text, const std::vector<std::string_view>& entry_names,
                                            std::size_t batch_bytes) {
    if (batch_bytes == 0) return std::nullopt;
    enum class State { normal, comment, basic, literal, ml_basic, ml_literal } state = State::normal;
    TomlSplit out;
    bool in_entries = false;   // the current span is a batch
    std::size_t last_entry = 0;  // the array of the batch's last [[name]]
    TextSpan current{0, 0, 1};
    int line = 1;
    int depth = 0;  // open brackets and braces of values
    const std::size_t size = text.size();
    auto close_span = [&](std::size_t at) {
        current.end = at;
        if (current.end > current.begin) (in_entries ? out.batches : out.head).push_back(current);
    };
    // At the start of a line outside any value: a header may begin here.
    auto line_start = [&](std::size_t at) -> bool {
        std::size_t i = at;
        while (i < size && blank(text[i])) ++i;
        if (i >= size || text[i] != '[') return true;
        auto header = classify(text, i, entry_names);
        if (header.kind == Header::sub) return in_entries && header.name == last_entry;
        if (header.kind == Header::entry) {
            if (!in_entries || at - current.begin >= batch_bytes) {
                close_span(at);
                current = {at, 0, line};
                in_entries = true;
            }
            last_entry = header.name;
            return true;
        }
        if (in_entries) {
            close_span(at);
            current = {at, 0, line};
            in_entries = false;
        }
        return true;
    };
    if (!line_start(0)) return std::nullopt;
    std::size_t i = 0;
    while (i < size) {
        auto c = text[i];
        if (quiet_bytes[static_cast<unsigned char>(c)]) {
            ++i;
            continue;
        }
        switch (state) {
        case State::normal:
            if (c == '#') state = State::comment;
            else if (c == '"') {
                if (text.substr(i, 3) == "\"\"\"") {
                    state = State::ml_basic;
                    i += 2;
                } else
                    state = State::basic;
            } else if (c == '\'') {
                if (text.substr(i, 3) == "'''") {
                    state = State::ml_literal;
                    i += 2;
                } else
                    state = State::literal;
            } else if (c == '[' || c == '{')
                ++depth;
            else if (c == ']' || c == '}') {
                if (--depth < 0) return std::nullopt;
            } else if (c == '\\')
                return std::nullopt;  // a backslash outside strings is an error; let the parser say so
            break;
        case State::comment:
            break;
        case State::basic:
            if (c == '\\') {
                if (i + 1 < size && text[i + 1] == '\n') return std::nullopt;
                ++i;
            } else if (c == '"')
                state = State::normal;
            break;
        case State::literal:
            if (c == '\'') state = State::normal;
            break;
        case State::ml_basic:
        case State::ml_literal: {
            char quote = state == State::ml_basic ? '"' : '\'';
            if (c == '\\' && state == State::ml_basic) {
                if (i + 1 < size && text[i + 1] != '\n') ++i;  // an escaped line break is still a line
            } else if (c == quote) {
                std::size_t run = 1;
                while (i + run < size && text[i + run] == quote) ++run;
                if (run >= 3) {
                    if (run > 5) return std::nullopt;  // more quotes than a string may end with
                    state = State::normal;
                }
                i += run - 1;
            }
            break;
        }
        }
        if (c == '\n') {
            ++line;
            if (state == State::basic || state == State::literal) return std::nullopt;  // unterminated
            if (state == State::comment) state = State::normal;
            if (state == State::normal && depth == 0 && !line_start(i + 1)) return std::nullopt;
        }
        ++i;
    }
    if (state != State::normal && state != State::comment) return std::nullopt;
    if (depth != 0) return std::nullopt;
    close_span(size);
    if (out.batches.empty()) return std::nullopt;
    return out;
}

}  // namespace rkplan
