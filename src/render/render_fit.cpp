#include "render_fit.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rkplan/render.hpp"
#include "rkplan/text.hpp"

namespace rkplan::fit {

std::size_t columns(int width) {
    if (width <= 0) return 0;
    return static_cast<std::size_t>(std::max(width, min_fit_width));
}

namespace {

// The longest prefix of `word` that takes at most `room` columns (at least one character).
std::size_t cut_at(std::string_view word, std::size_t room) {
    std::size_t end = 0;
    while (end < word.size()) {
        auto ch = decode_utf8(word, end);
        std::size_t next = end + (ch ? ch->length : 1);
        if (end > 0 && display_width(word.substr(0, next)) > room) break;
        end = next;
    }
    return end;
}

}  // namespace

std::string wrap(std::string_view text, std::size_t width, std::string_view first, std::string_view rest) {
    if (width == 0) return fmt::format("{}{}\n", first, text);
    std::string out, line(first);
    std::size_t used = display_width(first);
    bool empty = true;  // no word on the line yet
    auto flush = [&] {
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
        line = std::string(rest);
        used = display_width(rest);
        empty = true;
    };
    for (auto word : split(text, ' ')) {
        if (word.empty()) continue;
        if (!empty && used + 1 + display_width(word) > width) flush();
        // A word wider than a whole line: as much as fits, the rest on the next lines.
        while (empty && used < width && used + display_width(word) > width) {
            auto cut = cut_at(word, width - used);
            line += word.substr(0, cut);
            word.remove_prefix(cut);
            flush();
        }
        if (word.empty()) continue;
        if (!empty) line += ' ', ++used;
        line += word;
        used += display_width(word);
        empty = false;
    }
    if (!empty || out.empty()) flush();
    return out;
}

std::string Table::render(std::size_t width) const {
    std::vector<std::size_t> widths(headers.size());
    auto measure = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) widths[i] = std::max(widths[i], display_width(cells[i]));
    };
    measure(headers);
    for (const auto& r : rows) measure(r);
    // Fold columns, least needed first, until the rest fit.
    std::vector<bool> shown(headers.size(), true);
    auto total = [&] {
        std::size_t sum = display_width(indent), n = 0;
        for (std::size_t i = 0; i < widths.size(); ++i)
            if (shown[i]) sum += widths[i] + (n++ ? 2 : 0);
        return sum;
    };
    for (auto column : fold_order)
        if (width > 0 && total() > width) shown[column] = false;
    std::size_t last = 0;
    for (std::size_t i = 0; i < shown.size(); ++i)
        if (shown[i]) last = i;
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out = indent;
        bool first = true;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (!shown[i]) continue;
            if (!first) out += "  ";
            first = false;
            out += cells[i];
            if (i != last) out.append(widths[i] - display_width(cells[i]), ' ');
        }
        while (out.size() > indent.size() && out.back() == ' ') out.pop_back();
        return out + '\n';
    };
    // A folded column with the same value in every row is said once, after the table.
    std::vector<bool> common(headers.size(), false);
    for (std::size_t i = 0; i < headers.size(); ++i)
        common[i] = !shown[i] && rows.size() > 1 && std::all_of(rows.begin(), rows.end(), [&](const auto& r) {
                        return r[i] == rows.front()[i];
                    });
    auto label = [&](std::size_t i, const std::string& value) {
        return fmt::format("{} {}", i < labels.size() ? labels[i] : headers[i], value);
    };
    std::string out = line(headers);
    std::string hanging = indent + "  ";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        out += line(rows[r]);
        std::vector<std::string> folded;
        for (std::size_t i = 0; i < headers.size(); ++i)
            if (!shown[i] && !common[i] && !rows[r][i].empty()) folded.push_back(label(i, rows[r][i]));
        if (!folded.empty()) out += wrap(fmt::format("{}", fmt::join(folded, ", ")), width, hanging, hanging);
        if (r < under.size() && !under[r].empty()) out += wrap(under[r], width, hanging, hanging);
    }
    std::vector<std::string> same;
    for (std::size_t i = 0; i < headers.size(); ++i)
        if (common[i] && !rows.front()[i].empty()) same.push_back(label(i, rows.front()[i]));
    if (!same.empty()) out += wrap(fmt::format("{} {}", common_label, fmt::join(same, ", ")), width, indent, hanging);
    return out;
}

}  // namespace rkplan::fit
