#include "rkplan/diagnostic.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "rkplan/text.hpp"

namespace rkplan {

std::string_view source_line(std::string_view text, int line) {
    std::size_t start = 0;
    for (int l = 1; l < line; ++l) {
        auto nl = text.find('\n', start);
        if (nl == std::string_view::npos) return {};
        start = nl + 1;
    }
    auto end = text.find('\n', start);
    auto s = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    return s;
}

namespace {

// The caret line: a space for each column the characters before `column` take on the
// screen (escaped as `display_text` shows them), and the source's tabs repeated, so that
// the caret lands under the right character.
std::string caret_prefix(std::string_view line, int column) {
    std::string out;
    int col = 1;
    for (std::size_t i = 0; i < line.size() && col < column; ++col) {
        auto ch = decode_utf8(line, i);
        std::size_t length = ch ? ch->length : 1;
        if (line[i] == '\t') out += '\t';
        else out.append(display_width(display_text(line.substr(i, length))), ' ');
        i += length;
    }
    for (; col < column; ++col) out += ' ';
    return out;
}

// A line longer than this many characters is shown as a window around the column.
constexpr std::size_t max_excerpt_chars = 200;

struct Excerpt {
    std::string_view text;
    int column = 1;  // in `text`
    bool cut_before = false, cut_after = false;
};

bool starts_character(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

Excerpt excerpt(std::string_view line, int column) {
    std::size_t chars = static_cast<std::size_t>(std::count_if(line.begin(), line.end(), starts_character));
    if (chars <= max_excerpt_chars) return {line, column};
    auto at = static_cast<std::size_t>(std::max(column, 1) - 1);
    std::size_t first = std::min(at > max_excerpt_chars / 2 ? at - max_excerpt_chars / 2 : 0, chars - max_excerpt_chars);
    std::size_t last = first + max_excerpt_chars;
    // The byte offsets of characters `first` and `last`.
    std::size_t begin = line.size(), end = line.size(), index = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (!starts_character(line[i])) continue;
        if (index == first) begin = i;
        if (index == last) {
            end = i;
            break;
        }
        ++index;
    }
    return {line.substr(begin, end - begin), column - static_cast<int>(first), first > 0, last < chars};
}

}  // namespace

std::string format_diagnostics(std::string_view source_name, std::string_view text,
                               std::vector<Diagnostic> diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
    std::string out;
    auto name = display_text(source_name);  // a path too may hold anything
    std::size_t shown = std::min(diagnostics.size(), max_reported_diagnostics);
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& d = diagnostics[i];
        out += fmt::format("{}:{}:{}: error: {}", name, d.pos.line, d.pos.column, display_text(d.message));
        if (!d.expected.empty()) out += fmt::format("; expected {}", display_text(d.expected));
        out += '\n';
        auto line = source_line(text, d.pos.line);
        if (d.excerpt && d.pos.line > 0 && (!line.empty() || d.pos.column > 0)) {
            auto number = fmt::format("{:>5}", d.pos.line);
            auto window = excerpt(line, d.pos.column);
            std::string_view before = window.cut_before ? "..." : "";
            out += fmt::format("{} | {}{}{}\n", number, before, display_text(window.text, Tabs::keep), window.cut_after ? "..." : "");
            out += fmt::format("{} | {}{}^\n", std::string(number.size(), ' '), std::string(before.size(), ' '),
                               caret_prefix(window.text, window.column));
        }
    }
    if (diagnostics.size() > shown) {
        auto rest = diagnostics.size() - shown;
        out += fmt::format("{}: {} more error{} not shown\n", name, rest, rest == 1 ? "" : "s");
    }
    return out;
}

}  // namespace rkplan
