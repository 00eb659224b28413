#include "rkplan/edit.hpp"
#include "rkplan/text.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

namespace rkplan {

namespace {

// The byte offset of 1-based `line`, `column` (columns count characters) in `text`;
// nullopt past the text.
std::optional<std::size_t> offset_of(std::string_view text, std::size_t line, std::size_t column) {
    std::size_t at = 0;
    for (std::size_t l = 1; l < line; ++l) {
        at = text.find('\n', at);
        if (at == std::string_view::npos) return std::nullopt;
        ++at;
    }
    for (std::size_t c = 1; c < column; ++c) {
        if (at >= text.size()) return std::nullopt;
        ++at;
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
    }
    return at <= text.size() ? std::optional(at) : std::nullopt;
}

std::optional<std::size_t> offset_of(std::string_view text, const toml::source_position& p) {
    return offset_of(text, p.line, p.column);
}

std::string run_label(const Run& r) { return fmt::format("the run of {} (line {})", r.date.to_string(), r.pos.line); }

RunEdit refused(std::string error) {
    RunEdit out;
    out.error = std::move(error);
    return out;
}

RunEdit edited(std::string text) {
    RunEdit out;
    out.text = std::move(text);
    return out;
}

// `text` with the value of `node` (one line of `text`) replaced by `number`.
RunEdit replace_value(std::string_view text, const toml::node& node, std::string_view number, const Run& run,
                      std::string_view key) {
    auto begin = offset_of(text, node.source().begin);
    auto end = offset_of(text, node.source().end);
    if (!begin || !end || *end <= *begin || node.source().begin.line != node.source().end.line)
        return refused(fmt::format("cannot edit {}: its {} is not where rkplan can replace it safely; edit the "
                                   "file by hand",
                                   run_label(run), key));
    std::string updated(text);
    updated.replace(*begin, *end - *begin, number);
    return edited(std::move(updated));
}

// `text` with ", key = number" added at the end of the inline table `table`.
RunEdit add_to_inline_table(std::string_view text, const toml::table& table, std::string_view key,
                            std::string_view number, const Run& run) {
    auto end = offset_of(text, table.source().end);
    if (!end || *end == 0 || text[*end - 1] != '}')
        return refused(fmt::format("cannot edit {}: rkplan cannot find the end of its inline table; edit the file "
                                   "by hand",
                                   run_label(run)));
    auto at = *end - 1;
    while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t')) --at;
    std::string updated(text);
    updated.insert(at, fmt::format(", {} = {}", key, number));
    return edited(std::move(updated));
}

// `text` with a line "key = number" after the line of the last value of `table` (a
// multi-line value ends on its last line), in the file's line breaks.
RunEdit add_after_last_value(std::string_view text, const toml::table& table, std::string_view key,
                             std::string_view number, const Run& run) {
    std::size_t last = 0;
    for (auto&& [k, v] : table) {
        auto end = offset_of(text, v.source().end);
        if (!end)
            return refused(fmt::format("cannot edit {}: its keys are not where rkplan can find them", run_label(run)));
        last = std::max(last, *end);
    }
    std::string_view line_break = text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
    auto eol = text.find('\n', last);
    auto line = fmt::format("{} = {}", key, number);
    std::string updated(text);
    if (eol == std::string_view::npos)
        updated += std::string(line_break) + line;
    else
        updated.insert(eol + 1, line + std::string(line_break));
    return edited(std::move(updated));
}

// `text` with `value` set on run `index`, or an error.
RunEdit set_one(std::string_view text, std::size_t index, const RunValue& value, bool replace, const Run& run) {
    toml::table doc;
    try {
        doc = toml::parse(text);
    } catch (const toml::parse_error& e) {
        return refused(fmt::format("cannot edit {}: the file does not parse ({})", run_label(run), e.description()));
    }
    auto* arr = doc.get_as<toml::array>("run");
    auto* table = arr && index < arr->size() ? arr->get_as<toml::table>(index) : nullptr;
    if (!table)
        return refused(fmt::format("cannot edit {}: it is not where the file's [[run]] entries are", run_label(run)));
    auto number = format_shortest(value.value);
    if (auto* node = table->get(value.key)) {
        if (!replace)
            return refused(fmt::format("{} already has {} = {}; --replace replaces it", run_label(run), value.key,
                                       format_shortest(node->value_or(0.0))));
        return replace_value(text, *node, number, run, value.key);
    }
    if (table->is_inline()) return add_to_inline_table(text, *table, value.key, number, run);
    return add_after_last_value(text, *table, value.key, number, run);
}

}  // namespace

History without_positions(History h) {
    if (h.injury) h.injury->pos = {};
    auto clear = [](auto& entries) {
        for (auto& e : entries) e.pos = {};
    };
    clear(h.runs);
    clear(h.cross);
    clear(h.weeks);
    clear(h.checkins);
    clear(h.strength);
    clear(h.shoes);
    return h;
}

RunChoice choose_run(const History& history, Date today, std::optional<Date> date, std::optional<int> nth) {
    RunChoice out;
    if (!date) {
        for (const auto& r : history.runs)
            if (r.date < today && (!date || r.date > *date)) date = r.date;
        if (!date) {
            out.error = fmt::format("no run before today ({}) to record the soreness of; --date picks a day",
                                    today.to_string());
            return out;
        }
    }
    std::vector<std::size_t> that_day;
    for (std::size_t i = 0; i < history.runs.size(); ++i)
        if (history.runs[i].date == *date) that_day.push_back(i);
    if (that_day.empty()) {
        out.error = fmt::format("no run on {} in the history", date->to_string());
        return out;
    }
    std::vector<std::string> lines;
    for (auto i : that_day) lines.push_back(fmt::format("{}", history.runs[i].pos.line));
    if (nth) {
        if (*nth < 1 || static_cast<std::size_t>(*nth) > that_day.size()) {
            out.error = fmt::format("--index {}: {} has {} run{} (lines {}); expected 1 to {}", *nth, date->to_string(),
                                    that_day.size(), that_day.size() == 1 ? "" : "s", fmt::join(lines, ", "),
                                    that_day.size());
            return out;
        }
        out.index = that_day[static_cast<std::size_t>(*nth - 1)];
        return out;
    }
    if (that_day.size() > 1) {
        out.error = fmt::format("{} has {} runs (lines {}): --index N picks one, 1 for the first in the file",
                                date->to_string(), that_day.size(), fmt::join(lines, ", "));
        return out;
    }
    out.index = that_day.front();
    return out;
}

RunEdit set_run_values(std::string_view text, std::string_view source_name, Date today, std::size_t index,
                       const std::vector<RunValue>& values, bool replace) {
    RunEdit out;
    auto before = load_history(text, source_name, today);
    if (!before.ok() || index >= before.history->runs.size()) {
        out.error = "the history does not load as it is";
        return out;
    }
    auto expected = without_positions(*before.history);
    std::string updated(text);
    for (const auto& v : values) {
        auto step = set_one(updated, index, v, replace, before.history->runs[index]);
        if (!step.error.empty()) return step;
        updated = std::move(step.text);
        auto& run = expected.runs[index];
        (v.key == "pain" ? run.pain : run.pain_after) = v.value;
    }
    auto after = load_history(updated, source_name, today);
    if (!after.ok()) {
        out.text = std::move(updated);
        out.diagnostics = std::move(after.diagnostics);
        return out;
    }
    if (without_positions(*after.history) != expected) {
        out.error = fmt::format("cannot edit {} safely: the edited file would read differently from the original "
                                "beyond the new values; edit the file by hand",
                                run_label(before.history->runs[index]));
        return out;
    }
    out.text = std::move(updated);
    return out;
}

}  // namespace rkplan
