#include "rkplan/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>

namespace rkplan {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
            diag = up;
        }
    }
    return row[b.size()];
}

bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

std::string_view nearest_name(std::string_view word, const std::vector<std::string_view>& names) {
    if (word.size() > 64) return {};
    std::string_view best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (auto name : names) {
        auto d = edit_distance(word, name);
        if (d < best_distance) {
            best_distance = d;
            best = name;
        }
    }
    if (!best.empty()) return best;
    // A shortened or lengthened name ("miles" for "mi") is a likely slip too.
    for (auto name : names) {
        if (name.size() < 2 || word.size() < 2) continue;
        bool prefix = word.substr(0, name.size()) == name || name.substr(0, word.size()) == word;
        if (prefix && name.size() > best.size()) best = name;
    }
    return best;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        auto at = text.find(separator, start);
        parts.push_back(text.substr(start, at == std::string_view::npos ? at : at - start));
        if (at == std::string_view::npos) return parts;
        start = at + 1;
    }
}

std::optional<Utf8Char> decode_utf8(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return Utf8Char{c, 1};
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0 || c > 0xF4 || c == 0xC0 || c == 0xC1 || i + len > s.size()) return std::nullopt;
    char32_t code = c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[len] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return std::nullopt;
    return Utf8Char{code, len};
}

namespace {

// Characters that would move the cursor, change the terminal's state or reorder the
// text around them: C0, DEL, C1, and the bidirectional formatting characters.
bool is_control(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string quote_escaped(std::string_view s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            default: break;
        }
        auto ch = decode_utf8(s, i);
        if (ch && is_control(ch->code)) out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(ch->code));
        else out.append(s.substr(i, ch ? ch->length : 1));
        if (ch) i += ch->length - 1;
    }
    return out + '"';
}

std::string display_text(std::string_view s, Tabs tabs) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto ch = decode_utf8(s, i);
        if (!ch) {
            out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i]));
            continue;
        }
        if (!is_control(ch->code) || (ch->code == '\t' && tabs == Tabs::keep)) out.append(s.substr(i, ch->length));
        else if (ch->code == '\n') out += "\\n";
        else if (ch->code == '\r') out += "\\r";
        else if (ch->code == '\t') out += "\\t";
        else out += fmt::format("\\u{:04X}", static_cast<std::uint32_t>(ch->code));
        i += ch->length - 1;
    }
    return out;
}

namespace {

// East Asian wide and fullwidth characters and emoji: two columns on a terminal.
bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

bool is_combining(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B || c == 0x200D ||
           (c >= 0xFE00 && c <= 0xFE0F);
}

}  // namespace

std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto ch = decode_utf8(s, i);
        if (!ch) {
            ++width;
            continue;
        }
        width += is_combining(ch->code) ? 0 : is_wide(ch->code) ? 2 : 1;
        i += ch->length - 1;
    }
    return width;
}

std::optional<double> parse_clock_duration(std::string_view text) {
    auto parts = split(text, ':');
    if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (!digits(parts[i]) || parts[i].size() > 4) return std::nullopt;
        // After the first part, minutes and seconds have two digits below 60.
        if (i > 0 && (parts[i].size() != 2 || to_int(parts[i]) > 59)) return std::nullopt;
    }
    double minutes = 0;
    if (parts.size() == 3) minutes = to_int(parts[0]) * 60.0 + to_int(parts[1]) + to_int(parts[2]) / 60.0;
    else minutes = to_int(parts[0]) + to_int(parts[1]) / 60.0;
    return minutes;
}

double round_to(double v, int decimals) {
    double f = std::pow(10.0, decimals);
    return std::round(v * f) / f;
}

std::string count_of(long n, std::string_view one, std::string_view many) {
    if (n == 1) return fmt::format("1 {}", one);
    return many.empty() ? fmt::format("{} {}s", n, one) : fmt::format("{} {}", n, many);
}

namespace {

// `v` rounded to `decimals` places, without the sign of a negative zero.
double rounded_unsigned_zero(double v, int decimals) {
    double r = round_to(v, decimals);
    return r == 0 ? 0.0 : r;
}

}  // namespace

std::string format_shortest(double v) { return fmt::format("{}", v); }

std::string format_trimmed(double v, int decimals) { return format_shortest(rounded_unsigned_zero(v, decimals)); }

std::string format_fixed(double v, int decimals) {
    return fmt::format("{:.{}f}", rounded_unsigned_zero(v, decimals), decimals);
}

std::string format_distinct(double v, int decimals) {
    bool extra_place_differs = round_to(v, decimals) != round_to(v, decimals + 1);
    return format_fixed(v, extra_place_differs ? decimals + 1 : decimals);
}

std::string format_decimal(double v) {
    auto s = format_trimmed(v, 3);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

std::string_view other_unicode_encoding(std::string_view text) {
    auto starts = [&](std::string_view bom) { return text.substr(0, bom.size()) == bom; };
    using namespace std::string_view_literals;
    // UTF-32 first: its little-endian mark begins like UTF-16's.
    if (starts("\xFF\xFE\0\0"sv)) return "UTF-32 (little-endian)";
    if (starts("\0\0\xFE\xFF"sv)) return "UTF-32 (big-endian)";
    if (starts("\xFF\xFE"sv)) return "UTF-16 (little-endian)";
    if (starts("\xFE\xFF"sv)) return "UTF-16 (big-endian)";
    // Without a mark: a history begins with ASCII ('#', '[', a key), whose characters
    // are one byte and one, two or three NULs.
    auto zero = [&](std::size_t i) { return i < text.size() && text[i] == '\0'; };
    auto ascii = [&](std::size_t i) { return i < text.size() && text[i] != '\0' && static_cast<unsigned char>(text[i]) < 0x80; };
    if (text.size() >= 4) {
        if (ascii(0) && zero(1) && zero(2) && zero(3)) return "UTF-32 (little-endian)";
        if (zero(0) && zero(1) && zero(2) && ascii(3)) return "UTF-32 (big-endian)";
    }
    if (ascii(0) && zero(1) && (text.size() == 2 || (ascii(2) && zero(3)))) return "UTF-16 (little-endian)";
    if (zero(0) && ascii(1) && (text.size() == 2 || (zero(2) && ascii(3)))) return "UTF-16 (big-endian)";
    return {};
}

namespace {

// Bytes that only move the column in every state of the scan: printable ASCII other than
// the comment sign, the quotes and the backslash.
constexpr std::array<bool, 256> plain_bytes = [] {
    std::array<bool, 256> table{};
    for (std::size_t c = 0x20; c < 0x7f; ++c) table[c] = c != '#' && c != '"' && c != '\'' && c != '\\';
    return table;
}();

// scan_toml_text's pass over the bytes: it follows where comments and strings begin and
// end (all it needs of TOML) and judges each non-ASCII and control character by where it is.
class TomlScanner {
public:
    explicit TomlScanner(std::string_view text) : text_(text) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // a UTF-8 byte-order mark is allowed
    }

    std::vector<Diagnostic> run() {
        while (i_ < text_.size() && out_.size() <= max_reported_diagnostics) {
            unsigned char c = byte(i_);
            if (only_moves(c)) skip_plain();
            else if (c < 0x80) advance(ascii(c));
            else if (!non_ascii(c)) break;
        }
        return std::move(out_);
    }

private:
    enum class State { normal, comment, basic, literal, ml_basic, ml_literal };

    unsigned char byte(std::size_t k) const { return static_cast<unsigned char>(text_[k]); }
    bool starts(std::string_view s) const { return text_.substr(i_, s.size()) == s; }
    void report(std::string message, std::string expected) {
        out_.push_back({{line_, column_}, std::move(message), std::move(expected)});
    }

    // Most bytes only move the cursor: printable ASCII that neither opens nor closes
    // anything, in any state, and line breaks outside strings and comments.
    bool only_moves(unsigned char c) const { return plain_bytes[c] || (c == '\n' && state_ == State::normal); }

    // Moves past the bytes that only move the cursor: most of the time spent on a long
    // history. A tight loop sees every byte, with the position in locals.
    void skip_plain() {
        const char* data = text_.data();
        const std::size_t size = text_.size();
        const bool normal = state_ == State::normal;
        std::size_t i = i_;
        int line = line_, column = column_;
        for (; i < size; ++i) {
            unsigned char c = static_cast<unsigned char>(data[i]);
            if (plain_bytes[c]) {
                ++column;
            } else if (c == '\n' && normal) {
                ++line;
                column = 1;
            } else {
                break;
            }
        }
        i_ = i;
        line_ = line;
        column_ = column;
    }

    // One UTF-8 character (overlong forms, surrogates and values past U+10FFFF refused).
    // False where the bytes are not UTF-8 and no line follows to resynchronise at.
    bool non_ascii(unsigned char c) {
        auto ch = decode_utf8(text_, i_);
        if (!ch) return invalid_utf8(c);
        if (state_ == State::normal)
            report("a non-ASCII character outside a string or comment",
                   "keys and values in ASCII; put text in quotes, such as note = \"...\"");
        i_ += ch->length;
        ++column_;
        return true;
    }

    // Reports the byte `c`, which begins no UTF-8 character, and resynchronises at the next
    // line: the rest of this one cannot be trusted. False where no line follows.
    bool invalid_utf8(unsigned char c) {
        report(fmt::format("invalid UTF-8 byte 0x{:02X}", c), "a file saved as UTF-8 text");
        auto nl = text_.find('\n', i_);
        if (nl == std::string_view::npos) return false;
        i_ = nl;
        return true;
    }

    // The ASCII character `c` at the current byte, in the current state: moves to the state
    // it leads to and returns how many bytes it takes (three quotes, an escape's two).
    std::size_t ascii(unsigned char c) {
        switch (state_) {
            case State::normal: return opening(c);
            case State::comment:
                if (c == '\n' || (c == '\r' && starts("\r\n"))) state_ = State::normal;
                else if ((c < 0x20 && c != '\t') || c == 0x7f)
                    report(fmt::format("control character U+{:04X} in a comment", c), "comments of printable text");
                return 1;
            case State::basic:
                if (c == '\\') return escape_length();
                if (c == '"' || c == '\n') state_ = State::normal;
                return 1;
            case State::literal:
                if (c == '\'' || c == '\n') state_ = State::normal;
                return 1;
            case State::ml_basic:
                if (c == '\\') return escape_length();
                return c == '"' ? multiline_end('"') : 1;
            case State::ml_literal: return c == '\'' ? multiline_end('\'') : 1;
        }
        return 1;
    }

    // Outside strings and comments: the comment sign and the quotes open one.
    std::size_t opening(unsigned char c) {
        if (c == '#') state_ = State::comment;
        if (c != '"' && c != '\'') return 1;
        bool multiline = starts(three(static_cast<char>(c)));
        if (c == '"') state_ = multiline ? State::ml_basic : State::basic;
        else state_ = multiline ? State::ml_literal : State::literal;
        return multiline ? 3 : 1;
    }

    static std::string_view three(char quote) { return quote == '"' ? "\"\"\"" : "'''"; }

    // A backslash and the ASCII character it escapes; a multi-byte character after it is
    // left to the UTF-8 check, and a line break to the line counting.
    std::size_t escape_length() const {
        if (i_ + 1 >= text_.size()) return 1;
        unsigned char next = byte(i_ + 1);
        return next == '\n' || next >= 0x80 ? 1 : 2;
    }

    // A quote inside a multi-line string: three close it, with up to two more quotes
    // that belong to the string.
    std::size_t multiline_end(char quote) {
        if (!starts(three(quote))) return 1;
        std::size_t len = 3;
        while (len < 5 && i_ + len < text_.size() && text_[i_ + len] == quote) ++len;
        state_ = State::normal;
        return len;
    }

    // Moves past `len` bytes, counting lines and columns.
    void advance(std::size_t len) {
        for (std::size_t k = 0; k < len; ++k) {
            if (text_[i_ + k] == '\n') {
                ++line_;
                column_ = 1;
            } else {
                ++column_;
            }
        }
        i_ += len;
    }

    std::string_view text_;
    std::size_t i_ = 0;
    int line_ = 1, column_ = 1;
    State state_ = State::normal;
    std::vector<Diagnostic> out_;
};

}  // namespace

std::vector<Diagnostic> scan_toml_text(std::string_view text) { return TomlScanner(text).run(); }

}  // namespace rkplan
