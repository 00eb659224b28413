#include "log_cmd.hpp"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <string_view>
#include <cstdio>

#include <fmt/format.h>

#include "cli.hpp"
#include "io.hpp"
#include "rkplan/edit.hpp"
#include "rkplan/entry.hpp"
#include "rkplan/effect.hpp"
#include "rkplan/render.hpp"
#include "rkplan/text.hpp"

namespace rkplan::cli {

namespace {

int line_count(std::string_view text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + (text.empty() || text.ends_with('\n') ? 0 : 1);
}

// "logged 3.5 km on 2026-11-20 to FILE (line 212)" and the like, for the last entry of `kind`.
std::string logged_line(EntryKind kind, const History& h, const std::string& file) {
    auto units = to_string(h.runner.units);
    switch (kind) {
        case EntryKind::run: {
            const auto& r = h.runs.back();
            return fmt::format("logged {} {} on {} to {} (line {})", r.distance, units, r.date.to_string(), file,
                               r.pos.line);
        }
        case EntryKind::cross: {
            const auto& c = h.cross.back();
            return fmt::format("logged {} on {} to {} (line {})", to_string(c.activity), c.date.to_string(), file,
                               c.pos.line);
        }
        case EntryKind::week: {
            const auto& w = h.weeks.back();
            return fmt::format("logged the week of {}, {} {}, to {} (line {})",
                               iso_week_name(week_start_of(w.start, h.runner.week_start), h.runner.week_start),
                               w.distance, units, file, w.pos.line);
        }
        case EntryKind::checkin: {
            const auto& c = h.checkins.back();
            return fmt::format("logged a check-in on {} to {} (line {})", c.date.to_string(), file, c.pos.line);
        }
        case EntryKind::strength: {
            const auto& s = h.strength.back();
            return fmt::format("logged a strength session of {} exercise{} on {} to {} (line {})", s.exercises.size(),
                               s.exercises.size() == 1 ? "" : "s", s.date.to_string(), file, s.pos.line);
        }
        case EntryKind::shoe: {
            const auto& s = h.shoes.back();
            return fmt::format("logged the shoe {} to {} (line {})", quote_escaped(s.name), file, s.pos.line);
        }
    }
    return "logged";
}

// `path` as a shell word: quoted when it holds anything but letters, digits and ._/-+,:@=
std::string shell_word(const std::string& path) {
    bool plain = !path.empty() && std::all_of(path.begin(), path.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("._/-+,:@=").find(c) != std::string_view::npos;
    });
    if (plain) return path;
    std::string out = "'";
    for (char c : path) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

int header_line(EntryKind kind, const History& h) {
    switch (kind) {
        case EntryKind::run: return h.runs.back().pos.line;
        case EntryKind::cross: return h.cross.back().pos.line;
        case EntryKind::week: return h.weeks.back().pos.line;
        case EntryKind::checkin: return h.checkins.back().pos.line;
        case EntryKind::strength: return h.strength.back().pos.line;
        case EntryKind::shoe: return h.shoes.back().pos.line;
    }
    return 0;
}

// The findings the entry causes, as `check` prints them, then what changed in the
// runner's status; the exit status for --fail-on.
int report_effect(const LogCommand& o, const HistoryUpdate& u, Date today, int first_line, int last_line) {
    auto effect = entry_effect(u.before, u.after, today, first_line, last_line);
    std::string out;
    if (!effect.findings.empty()) {
        FileFindings ff{o.file, u.after.runner.units, effect.findings, {}};
        auto lines = render_findings({ff}, Format::text, TextStyle{o.colour});
        // Without check's summary line.
        lines.pop_back();
        out += lines.substr(0, lines.rfind('\n') + 1);
    }
    for (const auto& c : effect.changes) out += fmt::format("changed: {}\n", c);
    if (effect.before != effect.after) out += fmt::format("now: {}\n", to_string(effect.after));
    write_stdout(out);
    if (!o.fail_on) return Exit::ok;
    auto threshold = *o.fail_on == "warning" ? Severity::warning : *o.fail_on == "info" ? Severity::info : Severity::error;
    for (const auto& f : effect.findings)
        if (f.severity >= threshold) return Exit::findings;
    return Exit::ok;
}

double option_number(std::string_view option, const std::string& text) {
    auto v = read_number(text);
    if (!v) throw EnvironmentError(OptionError{std::string(option), text, "a number such as 2"}.message());
    return *v;
}

int run_soreness(const LogCommand& o, Date today) {
    std::vector<RunValue> values;
    if (o.pain) values.push_back({"pain", option_number("--pain", *o.pain)});
    if (o.pain_after) values.push_back({"pain_after", option_number("--pain-after", *o.pain_after)});
    std::optional<Date> date;
    if (o.date) {
        date = Date::parse(*o.date);
        if (!date) throw EnvironmentError(OptionError{"--date", *o.date, "a date YYYY-MM-DD such as 2026-11-20"}.message());
    }
    std::size_t index = 0;
    auto u = update_history(
        o.file, today,
        [&](const std::string& original, const History& before) {
            auto choice = choose_run(before, today, date, o.index);
            if (!choice.index) throw EnvironmentError(fmt::format("{}; '{}' is unchanged", choice.error, o.file));
            index = *choice.index;
            auto edit = set_run_values(original, o.file, today, index, values, o.replace);
            if (!edit.error.empty()) throw EnvironmentError(fmt::format("{}; '{}' is unchanged", edit.error, o.file));
            return edit.text;  // diagnostics, if any, are the loader's: update_history prints them
        },
        [&](const std::string&, const std::string&) {
            say(fmt::format("nothing was written: '{}' would not load with the new values", o.file));
        });
    const auto& run = u.after.runs[index];
    std::string what;
    for (const auto& v : values) what += fmt::format("{}{} {}", what.empty() ? "" : ", ", v.key, v.value);
    write_stdout(fmt::format("recorded {} on the run of {} {} {} in {} (line {})\n", what, run.date.to_string(),
                             run.distance, to_string(u.after.runner.units), display_text(o.file), run.pos.line));
    return report_effect(o, u, today, run.pos.line, run.pos.line);
}

}  // namespace

std::vector<std::string> log_kind_names() {
    std::vector<std::string> names;
    for (auto k : entry_kinds()) names.emplace_back(to_string(k));
    names.emplace_back("soreness");
    return names;
}

int run_log(const LogCommand& o, Date today) {
    if (o.file == "-")
        throw EnvironmentError("FILE: log appends to a file; standard input ('-') cannot be appended to");
    if (o.soreness) return run_soreness(o, today);
    auto values = o.values;
    auto key = date_key(o.kind);
    bool dated = std::any_of(values.begin(), values.end(), [&](const auto& v) { return v.first == key; });
    if (!key.empty() && !dated) values.emplace_back(std::string(key), today.to_string());
    auto entry = entry_toml(o.kind, values);
    if (entry.error) throw EnvironmentError(entry.error->message());
    auto what = fmt::format("the {} from the command line", o.kind == EntryKind::cross ? "cross-training"
                                                             : o.kind == EntryKind::checkin ? "check-in"
                                                             : o.kind == EntryKind::strength ? "strength session"
                                                                                              : to_string(o.kind));
    auto u = append_entries(o.file, today, [&](const History&) { return entry.toml; }, what);
    // A path, like text from a file, never reaches the terminal as control characters.
    auto logged = logged_line(o.kind, u.after, display_text(o.file)) + "\n";
    // The evening routine: the soreness is known tomorrow morning.
    if (o.kind == EntryKind::run && !u.after.runs.back().pain_after)
        logged += fmt::format("tomorrow morning: rkplan log soreness {} --pain-after N\n", shell_word(display_text(o.file)));
    write_stdout(logged);
    return report_effect(o, u, today, header_line(o.kind, u.after), line_count(u.text));
}

}  // namespace rkplan::cli
