// The only translation unit that includes CLI11 (header-only and slow to compile).
#include "cli.hpp"
#include "io.hpp"
#include "import_cmd.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rkplan/assess.hpp"
#include "rkplan/check.hpp"
#include "rkplan/emit.hpp"
#include "rkplan/explain.hpp"
#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/plot.hpp"
#include "rkplan/render.hpp"
#include "rkplan/templates.hpp"
#include "rkplan/text.hpp"
#include "rkplan/weeks.hpp"

namespace rkplan::cli {

namespace {

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

History load_or_report(const std::string& path, Date today) {
    auto text = read_input(path);
    auto name = display_name(path);
    auto result = load_history(text, name, today);
    if (!result.ok()) {
        std::fputs(format_diagnostics(name, text, result.diagnostics).c_str(), stderr);
        throw InvalidData{};
    }
    return std::move(*result.history);
}

Date system_today() { return system_local_day(std::time(nullptr)); }

// --today as given (`given`: the option was on the command line), else the system date.
// Years run from Limits::min_year, like the history's dates, to 9998, so that the week
// after --today still has a four-digit year.
Date parse_today(const std::string& text, bool given) {
    if (!given) return system_today();
    auto d = Date::parse(text);
    if (!d) throw CLI::ValidationError("--today", fmt::format("'{}' is not a date; expected YYYY-MM-DD", text));
    if (*d < *Date::from_ymd(Limits::min_year, 1, 1) || *d > *Date::from_ymd(9998, 12, 31))
        throw CLI::ValidationError("--today", fmt::format("'{}' is out of range; expected a date from {}-01-01 to "
                                                          "9998-12-31",
                                                          text, Limits::min_year));
    return *d;
}

bool colour_wanted() {
    const char* no_colour = std::getenv("NO_COLOR");
    return (no_colour == nullptr || *no_colour == '\0') && ::isatty(STDOUT_FILENO) == 1;
}

// The same file under two names (equal paths, a link): stat() tells.
bool same_file(const std::string& a, const std::string& b) {
    if (a == b) return true;
    struct stat sa{}, sb{};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

const std::map<std::string, Format> formats = {{"text", Format::text}, {"json", Format::json},
                                               {"jsonl", Format::jsonl}, {"csv", Format::csv},
                                               {"tsv", Format::tsv}, {"ics", Format::ics}};

// A distance option such as --next: a finite number of 0 or more.
double parse_amount(const std::string& option, const std::string& text) {
    std::size_t used = 0;
    double v = 0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || !std::isfinite(v) || v < 0)
        throw CLI::ValidationError(option, fmt::format("'{}' is not a distance; expected a number of 0 or more", text));
    return v;
}

struct CheckOptions {
    std::vector<std::string> files;
    std::string next, next_downhill, next_descent;
    std::string fail_on = "error";
};

int run_check(const CheckOptions& o, Date today, Format format) {
    if (!o.next.empty() && o.files.size() != 1)
        throw CLI::ValidationError("--next", "judges one history: give exactly one FILE");
    if (o.next.empty() && (!o.next_downhill.empty() || !o.next_descent.empty()))
        throw CLI::ValidationError(o.next_downhill.empty() ? "--next-descent" : "--next-downhill",
                                   "goes with --next DISTANCE");
    if (std::count(o.files.begin(), o.files.end(), "-") > 1)
        throw CLI::ValidationError("FILE", "standard input ('-') can be read only once");
    std::vector<FileFindings> results;
    std::optional<NextVerdict> next;
    bool invalid = false;
    bool checked = false;  // a file loaded
    for (const auto& path : o.files) {
        FileFindings ff;
        ff.file = display_name(path);
        std::string text;
        try {
            text = read_input(path);
        } catch (const EnvironmentError& e) {
            // An unreadable file is reported like an invalid one: the others are still checked.
            invalid = true;
            if (format != Format::json) std::fprintf(stderr, "rkplan: %s\n", e.what());
            ff.errors.push_back({{0, 0}, e.what(), "a readable file"});
            results.push_back(std::move(ff));
            continue;
        }
        auto loaded = load_history(text, ff.file, today);
        if (!loaded.ok()) {
            invalid = true;
            if (format != Format::json) std::fputs(format_diagnostics(ff.file, text, loaded.diagnostics).c_str(), stderr);
            ff.errors = std::move(loaded.diagnostics);
            results.push_back(std::move(ff));
            continue;
        }
        const auto& h = *loaded.history;
        checked = true;
        ff.units = h.runner.units;
        ff.findings = assess(h, today).findings;
        if (!o.next.empty())
            next = judge_next_week(h, today, parse_amount("--next", o.next),
                                   o.next_downhill.empty() ? 0 : parse_amount("--next-downhill", o.next_downhill),
                                   o.next_descent.empty() ? 0 : parse_amount("--next-descent", o.next_descent));
        results.push_back(std::move(ff));
    }
    auto report = render_findings(results, format, TextStyle{colour_wanted()}, next ? &*next : nullptr);
    // Nothing on standard output when no file loaded, except JSON's "errors"; the text
    // summary then goes with the errors, to standard error.
    if (checked || format == Format::json)
        write_stdout(report);
    else if (format == Format::text)
        std::fputs(report.c_str(), stderr);
    // CSV and TSV keep one table on standard output: the verdict goes to standard error.
    if (next && (format == Format::csv || format == Format::tsv))
        std::fputs(render_next(*next, results.front().units).c_str(), stderr);
    if (invalid) return Exit::bad_input;
    if (next) return next->ok ? Exit::ok : Exit::findings;
    auto threshold = o.fail_on == "warning" ? Severity::warning : o.fail_on == "info" ? Severity::info : Severity::error;
    for (const auto& r : results)
        for (const auto& f : r.findings)
            if (f.severity >= threshold) return Exit::findings;
    return Exit::ok;
}

// `rkplan log`: the run's fields as typed; the loader judges them in the appended file.
struct LogOptions {
    std::string file, date, distance;
    struct Field {
        CLI::Option* option;
        const std::string* text;  // as typed, in `values`
        std::optional<std::string> RunFieldText::*field;
    };
    std::map<std::string, std::string> values;  // by option name
    std::vector<Field> fields;
};

void add_log_options(CLI::App& log_command, LogOptions& o) {
    log_command.add_option("FILE", o.file, "The history file to append to")->required();
    log_command.add_option("--date", o.date, "The day of the run (YYYY-MM-DD)")->required();
    log_command.add_option("--distance", o.distance, "Distance, in the history's units")->required();
    const struct {
        const char* name;
        std::optional<std::string> RunFieldText::*field;
        const char* help;
    } optional_fields[] = {
        {"--duration", &RunFieldText::duration, "Minutes (32.5) or mm:ss / h:mm:ss (32:10)"},
        {"--descent", &RunFieldText::descent, "Elevation loss: m with km, ft with mi"},
        {"--downhill", &RunFieldText::downhill, "Distance run on descents"},
        {"--kind", &RunFieldText::kind, "easy (default), long, tempo, intervals, hills, race or run-walk"},
        {"--run-walk", &RunFieldText::run_walk, "Run-walk minutes as RUN:WALK (3:1); the kind is run-walk"},
        {"--pain", &RunFieldText::pain, "Worst knee pain during the run, 0-10"},
        {"--pain-after", &RunFieldText::pain_after, "Knee soreness the next morning, 0-10"},
        {"--rpe", &RunFieldText::rpe, "Session effort, 1-10"},
        {"--shoe", &RunFieldText::shoe, "The shoe's name"},
        {"--cadence", &RunFieldText::cadence, "Steps per minute"},
        {"--surface", &RunFieldText::surface, "road, trail, track, treadmill or grass"},
        {"--note", &RunFieldText::note, "A note"},
    };
    for (const auto& f : optional_fields) {
        auto& text = o.values[f.name];
        o.fields.push_back({log_command.add_option(f.name, text, f.help), &text, f.field});
    }
}

int run_log(const LogOptions& o, Date today) {
    if (o.file == "-")
        throw CLI::ValidationError("FILE", "log appends to a file; standard input ('-') cannot be appended to");
    auto date = Date::parse(o.date);
    if (!date) throw CLI::ValidationError("--date", fmt::format("'{}' is not a date; expected YYYY-MM-DD", o.date));
    RunFieldText fields;
    fields.date = *date;
    fields.distance = o.distance;
    for (const auto& f : o.fields)
        if (f.option->count() > 0) fields.*f.field = *f.text;
    auto history = append_to_history(o.file, run_entry_toml(fields), today, "the run from the command line");
    const auto& run = history.runs.back();
    write_stdout(fmt::format("logged {} {} on {} to {} (line {})\n", run.distance, to_string(history.runner.units),
                             run.date.to_string(), o.file, run.pos.line));
    return Exit::ok;
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app{"rkplan: training-load and return-to-run planner for runner's knee", "rkplan"};
    app.set_version_flag("--version", std::string("rkplan ") + RKPLAN_VERSION);
    app.require_subcommand(1);
    app.footer("Exit status: 0 success, 1 findings at or above --fail-on, 2 usage errors or invalid data.\n"
               "rkplan prints guidance, not a diagnosis.");

    std::string file, today_text, format_text = "text";
    // --today on every command that reads dates; given or not, and parsed, for the one run.
    std::vector<CLI::Option*> today_options;
    auto add_today = [&](CLI::App* command, const char* help) {
        today_options.push_back(command->add_option("--today", today_text, help));
    };
    auto chosen_today = [&] {
        bool given = std::any_of(today_options.begin(), today_options.end(),
                                 [](CLI::Option* o) { return o->count() > 0; });
        return parse_today(today_text, given);
    };

    int plan_weeks = 8;
    auto* plan = app.add_subcommand("plan", "Where you stand and what each coming week may hold");
    plan->add_option("FILE", file, "History file, or - for standard input")->required();
    plan->add_option("--weeks", plan_weeks, "How many weeks to plan, from the one containing --today (1-104)")
        ->check(CLI::Range(1, 104));
    add_today(plan, "The date to plan from (YYYY-MM-DD; default: the system date)");
    plan->add_option("--format", format_text, "Output format: text, json, csv, tsv or ics")
        ->check(CLI::IsMember({"text", "json", "csv", "tsv", "ics"}));

    auto* weeks = app.add_subcommand("weeks", "Weekly distance and load metrics of a history");
    weeks->add_option("FILE", file, "History file, or - for standard input")->required();
    add_today(weeks, "The date to report up to (YYYY-MM-DD; default: the system date)");
    weeks->add_option("--format", format_text, "Output format: text, json, csv or tsv")
        ->check(CLI::IsMember({"text", "json", "csv", "tsv"}));

    CheckOptions check_options;
    auto* check = app.add_subcommand("check", "Check histories against the load rules, like a compiler");
    check->add_option("FILE", check_options.files, "History files, or - for standard input")->required();
    check->add_option("--next", check_options.next, "Judge a proposed distance for next week");
    check->add_option("--next-downhill", check_options.next_downhill, "... with this much downhill distance");
    check->add_option("--next-descent", check_options.next_descent, "... and this much descent (m or ft)");
    add_today(check, "The date to check up to (YYYY-MM-DD; default: the system date)");
    check->add_option("--fail-on", check_options.fail_on, "Exit 1 on findings at or above: error (default), warning or info")
        ->check(CLI::IsMember({"error", "warning", "info"}));
    check->add_option("--format", format_text, "Output format: text, json, jsonl, csv or tsv")
        ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "tsv"}));

    std::string explain_name;
    auto* explain = app.add_subcommand("explain", "Explain each rule: its default, its source, the evidence");
    explain->add_option("RULE", explain_name, "A rule id or [rules] key; all of them if omitted");

    std::string plot_output;
    int plot_weeks = 8;
    auto* plot = app.add_subcommand("plot", "Draw the history and the plan as an SVG chart");
    plot->add_option("FILE", file, "History file, or - for standard input")->required();
    plot->add_option("-o,--output", plot_output, "The SVG file to write (an older chart is replaced), or - for standard output")
        ->required();
    plot->add_option("--weeks", plot_weeks, "How many weeks of the plan to draw, from the one containing --today (1-52)")
        ->check(CLI::Range(1, 52));
    add_today(plot, "The date to draw up to (YYYY-MM-DD; default: the system date)");

    std::string init_file;
    auto* init = app.add_subcommand("init", "Write a commented history template (never overwrites)");
    init->add_option("FILE", init_file, "Where to write it; standard output if omitted");

    LogOptions log_options;
    auto* log_command = app.add_subcommand("log", "Append one run to a history file, checked, atomically");
    add_log_options(*log_command, log_options);
    add_today(log_command, "The last date a run may have (YYYY-MM-DD; default: the system date)");

    ImportCommand import_command;
    auto* import_sub = app.add_subcommand("import", "Turn GPX, TCX, FIT, Strava or Garmin CSV activities into runs");
    import_sub->add_option("GPX_OR_CSV", import_command.files, "Activity files (GPX, TCX, FIT, activities.csv), or - for standard input")
        ->required();
    import_sub->add_option("--append", import_command.append,
                           "Append the runs not already there to this history (atomically); else print them as TOML");
    import_sub->add_option("--units", import_command.units,
                           "km or mi: the units to write (default: the history's, else km); CSV distances are assumed in them")
        ->check(CLI::IsMember({"km", "mi"}));
    add_today(import_sub, "The last date a run may have (YYYY-MM-DD; default: the system date)");

    // A mistyped command gets a suggestion rather than CLI11's "A subcommand is required".
    if (argc > 1 && argv[1][0] != '-') {
        std::vector<std::string_view> names;
        for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
        if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
            auto best = nearest_name(argv[1], names);
            std::fprintf(stderr, "rkplan: unknown command '%s'%s; expected one of %s\n", argv[1],
                         best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best).c_str(),
                         fmt::format("{}", fmt::join(names, ", ")).c_str());
            return Exit::bad_input;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return Exit::bad_input;  // CLI11's own codes (100+) are all usage errors here
    }

    try {
        if (*plan) {
            auto today = chosen_today();
            auto history = load_or_report(file, today);
            write_stdout(render_plan(make_plan(history, today, plan_weeks), formats.at(format_text),
                                     TextStyle{colour_wanted()}));
        } else if (*weeks) {
            auto today = chosen_today();
            auto history = load_or_report(file, today);
            auto a = assess(history, today);
            write_stdout(render_weeks(a.weeks, formats.at(format_text), TextStyle{colour_wanted()}, &a.timeline));
        } else if (*check) {
            return run_check(check_options, chosen_today(), formats.at(format_text));
        } else if (*explain) {
            if (explain_name.empty()) {
                write_stdout(render_explanation_index());
            } else if (auto* e = find_explanation(explain_name)) {
                write_stdout(render_explanation(*e));
            } else {
                std::vector<std::string_view> names;
                for (const auto& x : explanations()) names.push_back(x.name);
                auto best = nearest_name(explain_name, names);
                std::fprintf(stderr, "rkplan: no rule or parameter named '%s'%s; 'rkplan explain' lists them\n",
                             explain_name.c_str(),
                             best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best).c_str());
                return Exit::bad_input;
            }
        } else if (*plot) {
            auto today = chosen_today();
            if (file != "-" && plot_output != "-" && same_file(file, plot_output))
                throw EnvironmentError(fmt::format("'{}' is the history being read; rkplan never writes to it: "
                                                   "choose another --output",
                                                   plot_output));
            auto history = load_or_report(file, today);
            auto a = assess(history, today);
            auto svg = render_plot_svg(history, a.weeks, a.timeline, make_plan(history, today, plot_weeks));
            if (plot_output == "-") {
                write_stdout(svg);
            } else {
                replace_file(plot_output, svg);
                std::fprintf(stderr, "rkplan: wrote %s\n", plot_output.c_str());
            }
        } else if (*init) {
            if (init_file.empty() || init_file == "-") {
                write_stdout(std::string(history_template()));
            } else {
                write_new_file(init_file, history_template());
                std::fprintf(stderr, "rkplan: wrote %s; edit it, then run 'rkplan plan %s'\n", init_file.c_str(),
                             init_file.c_str());
            }
        } else if (*log_command) {
            return run_log(log_options, chosen_today());
        } else if (*import_sub) {
            return run_import(import_command, chosen_today());
        }
    } catch (const CLI::ValidationError& e) {
        std::fprintf(stderr, "rkplan: %s\n", e.what());
        return Exit::bad_input;
    } catch (const InvalidData&) {
        return Exit::bad_input;
    } catch (const EnvironmentError& e) {
        std::fprintf(stderr, "rkplan: %s\n", e.what());
        return Exit::bad_input;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rkplan: internal error: %s\n", e.what());
        return Exit::bad_input;
    }
    return Exit::ok;
}

}  // namespace rkplan::cli
