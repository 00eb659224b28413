// `rkplan log KIND FILE`: one entry of any kind appended, or the next-morning soreness
// recorded on a run already there; then what the entry means. A subcommand per kind, an
// option per key (entry.hpp).
#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <string_view>
#include <cstdio>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command.hpp"
#include "io.hpp"
#include "rkplan/edit.hpp"
#include "rkplan/entry.hpp"
#include "rkplan/effect.hpp"
#include "rkplan/render.hpp"
#include "rkplan/text.hpp"

namespace rkplan::cli {

namespace {

struct LogRequest {
    std::string file;
    std::optional<std::string> fail_on;  // "error", "warning" or "info": exit 1 on such a finding
    bool colour = false;

    // An entry to append.
    EntryKind kind = EntryKind::run;
    std::vector<std::pair<std::string, std::string>> values;  // key → text as typed, the options given

    // `log soreness`: set on a run already in the file.
    bool soreness = false;
    std::optional<std::string> pain_after, pain, date;
    std::optional<int> index;
    bool replace = false;
};

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
int report_effect(const LogRequest& o, const HistoryUpdate& u, Date today, int first_line, int last_line) {
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
    auto threshold = fail_on_severity(*o.fail_on);
    for (const auto& f : effect.findings)
        if (f.severity >= threshold) return Exit::findings;
    return Exit::ok;
}

double option_number(std::string_view option, const std::string& text) {
    auto v = read_number(text);
    if (!v) throw EnvironmentError(OptionError{std::string(option), text, "a number such as 2"}.message());
    return *v;
}

int run_soreness(const LogRequest& o, Date today) {
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

int run_log(const LogRequest& o, Date today) {
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

// The kinds `rkplan log` takes: the entry kinds, then "soreness".
std::vector<std::string> log_kind_names() {
    std::vector<std::string> names;
    for (auto k : entry_kinds()) names.emplace_back(to_string(k));
    names.emplace_back("soreness");
    return names;
}

// The options of `log KIND` and `log soreness`, collected after parsing into the
// LogRequest that run_log runs.
class LogCommand final : public Handler {
public:
    explicit LogCommand(Command& log) {
        log.require_subcommand();
        for (auto kind : entry_kinds()) add_kind(log, kind);
        add_soreness(log);
        log.footer("Exit status: 0 the entry is written; 1 with --fail-on, the entry causes a finding at or above "
                   "it; 2 a usage error, an invalid value or history, or a failed write (the file is then "
                   "unchanged).");
    }

    int run(const Context& context) override {
        auto today = context.today();
        return run_log(chosen(), today);
    }

private:
    struct Kind {
        Command command;
        EntryKind kind;
        std::vector<std::pair<std::string, Option>> options;  // key → option
    };
    LogRequest command_;
    std::map<std::string, std::string> texts_;  // "kind.key" → text as typed
    std::vector<Kind> kinds_;
    std::optional<Command> soreness_;
    std::string fail_on_, pain_after_, pain_, date_;
    int index_ = 0;
    std::vector<Option> fail_on_options_, soreness_options_;  // soreness: --pain, --date, --index

    // FILE, --today and --fail-on, on each kind.
    void add_common(Command& sub) {
        sub.option("FILE", command_.file, "The history file").required();
        sub.today("The last date an entry may have, and the default --date (YYYY-MM-DD; default: the system date)");
        fail_on_options_.push_back(
            sub.option("--fail-on", fail_on_, "Exit 1 if the entry causes a finding at or above: error, warning or info")
                .one_of({"error", "warning", "info"}));
    }

    void add_kind(Command& log, EntryKind kind) {
        auto name = std::string(to_string(kind));
        auto sub = log.subcommand(name, fmt::format("Append one [[{}]]", name));
        add_common(sub);
        Kind k{sub, kind, {}};
        for (const auto& f : entry_fields(kind)) {
            auto option = f.option() + (f.key == "start" ? ",--start" : "");
            auto help = std::string(f.help);
            if (!f.choices.empty()) help += fmt::format(": {}", fmt::join(f.choices, ", "));
            auto opt = sub.option(option, texts_[name + "." + std::string(f.key)], help);
            if (f.required && f.key != date_key(kind)) opt.required();
            k.options.emplace_back(std::string(f.key), opt);
        }
        kinds_.push_back(std::move(k));
    }

    void add_soreness(Command& log) {
        auto sub = log.subcommand("soreness", "Record the next-morning soreness on a run already in the file");
        add_common(sub);
        sub.option("--pain-after", pain_after_, "Knee soreness this morning, 0-10").required();
        soreness_options_ = {
            sub.option("--pain", pain_, "Also the worst pain during the run, 0-10"),
            sub.option("--date", date_, "The day of the run (default: the latest run before today)"),
            sub.option("--index", index_, "Which of that day's runs, 1 for the first in the file").range(1, 1000),
        };
        sub.flag("--replace", command_.replace, "Replace a value the run already has");
        soreness_ = sub;
    }

    // The parsed options as a LogRequest.
    LogRequest chosen() {
        auto c = command_;
        c.colour = colour_wanted();
        for (const auto& f : fail_on_options_)
            if (f.given()) c.fail_on = fail_on_;
        if (soreness_->chosen()) {
            c.soreness = true;
            c.pain_after = pain_after_;
            if (soreness_options_[0].given()) c.pain = pain_;
            if (soreness_options_[1].given()) c.date = date_;
            if (soreness_options_[2].given()) c.index = index_;
            return c;
        }
        for (const auto& k : kinds_) {
            if (!k.command.chosen()) continue;
            c.kind = k.kind;
            for (const auto& [key, option] : k.options)
                if (option.given()) c.values.emplace_back(key, texts_[std::string(to_string(k.kind)) + "." + key]);
        }
        return c;
    }
};

}  // namespace

void insert_log_kind(std::vector<char*>& args) {
    static char run_kind[] = "run";
    if (args.size() <= 2 || std::string_view(args[1]) != "log") return;
    auto kinds = log_kind_names();
    std::string_view next = args[2];
    if ((next == "-" || next[0] != '-') && std::find(kinds.begin(), kinds.end(), next) == kinds.end())
        args.insert(args.begin() + 2, run_kind);
}

std::unique_ptr<Handler> declare_log(Command& command) { return std::make_unique<LogCommand>(command); }

}  // namespace rkplan::cli
