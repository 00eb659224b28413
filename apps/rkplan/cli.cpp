// The only translation unit that includes CLI11 (header-only and slow to compile).
#include "cli.hpp"
#include "formats.hpp"
#include "io.hpp"
#include "import_cmd.hpp"
#include "log_cmd.hpp"
#include "png.hpp"
#include "status_cmd.hpp"

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <stdexcept>
#include <map>
#include <string>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rkplan/assess.hpp"
#include "rkplan/calculator.hpp"
#include "rkplan/chart_file.hpp"
#include "rkplan/check.hpp"
#include "rkplan/emit.hpp"
#include "rkplan/entry.hpp"
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

constexpr int max_width = 1000;  // columns; wider terminals get the full layout anyway

// The width text output fits: --width if given (0: the full layout), else a terminal's
// (COLUMNS, else the terminal's own size), else none: piped output keeps the full layout.
int output_width(int given_width, bool given) {
    if (given) return given_width;
    if (::isatty(STDOUT_FILENO) != 1) return 0;
    if (const char* columns = std::getenv("COLUMNS")) {
        std::string_view c(columns);
        int v = 0;
        auto [end, ec] = std::from_chars(c.data(), c.data() + c.size(), v);
        if (ec == std::errc{} && end == c.data() + c.size() && v > 0) return std::min(v, max_width);
    }
    struct winsize size {};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return std::min<int>(size.ws_col, max_width);
    return min_fit_width;
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

// `rkplan plan --from DISTANCE`: the calculator's options (calculator.hpp).
struct CalculatorOptions {
    std::string from_text, goal, units = "km", increase, phase = "prevention";
    CLI::Option* from = nullptr;
    std::vector<CLI::Option*> options;  // the others, which need --from
};

void add_calculator_options(CLI::App& plan, CalculatorOptions& o) {
    o.from = plan.add_option("--from", o.from_text,
                             "Plan without a history: the weekly distance run in each of the last 4 weeks");
    o.options = {
        plan.add_option("--goal", o.goal, "With --from: the goal weekly distance (goal_weekly)"),
        plan.add_option("--units", o.units, "With --from: km (default) or mi")->transform(CLI::IsMember({"km", "mi"}, CLI::ignore_case)),
        plan.add_option("--increase", o.increase,
                        "With --from: the weekly growth allowed (max_weekly_increase, default 0.10)"),
        plan.add_option("--phase", o.phase,
                        "With --from: prevention (a healthy runner, default) or 4 (rebuilding after the run-walk ladder)")
            ->transform(CLI::IsMember({"prevention", "4"}, CLI::ignore_case)),
    };
}

History calculator_history_of(const CalculatorOptions& o, Date today) {
    if (o.from->count() == 0) throw CLI::ValidationError("FILE", "give a history FILE, or --from DISTANCE to plan without one");
    CalculatorInput in;
    in.weekly_distance = parse_amount("--from", o.from_text);
    if (o.options[0]->count() > 0) in.goal = parse_amount("--goal", o.goal);
    in.units = o.units == "mi" ? Units::mi : Units::km;
    if (o.options[2]->count() > 0) in.max_weekly_increase = parse_amount("--increase", o.increase);
    in.start = o.phase == "4" ? CalculatorStart::rebuild : CalculatorStart::prevention;
    auto built = calculator_history(in, today);
    if (!built.history) throw EnvironmentError(built.error);
    return std::move(*built.history);
}

struct CheckOptions {
    std::vector<std::string> files;
    std::string next, next_downhill, next_descent;
    std::string fail_on = "error";
};

int run_check(const CheckOptions& o, Date today, const OutputFormat& output, TextStyle style) {
    auto format = std::get<Format>(output.renders);
    auto shape = output.shape;
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
            if (shape != Shape::document) say(e.what());
            ff.errors.push_back({{0, 0}, e.what(), "a readable file"});
            results.push_back(std::move(ff));
            continue;
        }
        auto loaded = load_history(text, ff.file, today);
        if (!loaded.ok()) {
            invalid = true;
            if (shape != Shape::document) std::fputs(format_diagnostics(ff.file, text, loaded.diagnostics).c_str(), stderr);
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
        if (next) explain_plan_difference(*next, h, today);
        results.push_back(std::move(ff));
    }
    auto report = render_findings(results, format, style, next ? &*next : nullptr);
    // Nothing on standard output when no file loaded, except the errors of JSON and JSON
    // Lines; the text summary then goes with the errors, to standard error.
    if (checked || shape == Shape::document || shape == Shape::lines)
        write_stdout(report);
    else if (shape == Shape::text)
        std::fputs(report.c_str(), stderr);
    // CSV and TSV keep one table on standard output: the verdict goes to standard error.
    if (next && shape == Shape::table)
        std::fputs(render_next(*next, results.front().units).c_str(), stderr);
    if (invalid) return Exit::bad_input;
    if (next) return next->ok ? Exit::ok : Exit::findings;
    auto threshold = o.fail_on == "warning" ? Severity::warning : o.fail_on == "info" ? Severity::info : Severity::error;
    for (const auto& r : results)
        for (const auto& f : r.findings)
            if (f.severity >= threshold) return Exit::findings;
    return Exit::ok;
}

// `rkplan log KIND`: a subcommand per kind, an option per key (entry.hpp); the options
// given, collected after parsing into the LogCommand that log_cmd.cpp runs.
struct LogOptions {
    LogCommand command;
    std::map<std::string, std::string> texts;  // "kind.key" → text as typed
    struct Kind {
        CLI::App* app;
        EntryKind kind;
        std::vector<std::pair<std::string, CLI::Option*>> options;  // key → option
    };
    std::vector<Kind> kinds;
    CLI::App* soreness = nullptr;
    std::string fail_on, pain_after, pain, date;
    int index = 0;
    CLI::Option *fail_on_given = nullptr, *pain_given = nullptr, *date_given = nullptr, *index_given = nullptr;
    std::vector<CLI::Option*> fail_on_options;
};

template <typename AddToday>
CLI::App* add_log_command(CLI::App& app, LogOptions& o, AddToday add_today) {
    auto* log = app.add_subcommand("log", "Add an entry (run, checkin, strength, cross, shoe, week) or the "
                                          "next-morning soreness, checked, atomically; 'rkplan log FILE ...' "
                                          "logs a run");
    log->require_subcommand(1);
    auto common = [&](CLI::App* sub) {
        sub->add_option("FILE", o.command.file, "The history file")->required();
        add_today(sub, "The last date an entry may have, and the default --date (YYYY-MM-DD; default: the system date)");
        o.fail_on_options.push_back(
            sub->add_option("--fail-on", o.fail_on, "Exit 1 if the entry causes a finding at or above: error, warning or info")
                ->transform(CLI::IsMember({"error", "warning", "info"}, CLI::ignore_case)));
    };
    for (auto kind : entry_kinds()) {
        auto name = std::string(to_string(kind));
        auto* sub = log->add_subcommand(name, fmt::format("Append one [[{}]]", name));
        common(sub);
        LogOptions::Kind k{sub, kind, {}};
        for (const auto& f : entry_fields(kind)) {
            auto option = f.option() + (f.key == "start" ? ",--start" : "");
            auto help = std::string(f.help);
            if (!f.choices.empty()) help += fmt::format(": {}", fmt::join(f.choices, ", "));
            auto* opt = sub->add_option(option, o.texts[name + "." + std::string(f.key)], help);
            if (f.required && f.key != date_key(kind)) opt->required();
            k.options.emplace_back(std::string(f.key), opt);
        }
        o.kinds.push_back(std::move(k));
    }
    o.soreness = log->add_subcommand("soreness", "Record the next-morning soreness on a run already in the file");
    common(o.soreness);
    o.soreness->add_option("--pain-after", o.pain_after, "Knee soreness this morning, 0-10")->required();
    o.pain_given = o.soreness->add_option("--pain", o.pain, "Also the worst pain during the run, 0-10");
    o.date_given = o.soreness->add_option("--date", o.date, "The day of the run (default: the latest run before today)");
    o.index_given = o.soreness->add_option("--index", o.index, "Which of that day's runs, 1 for the first in the file")
                        ->check(CLI::Range(1, 1000));
    o.soreness->add_flag("--replace", o.command.replace, "Replace a value the run already has");
    return log;
}

// The parsed options as a LogCommand.
LogCommand chosen_log(LogOptions& o) {
    auto c = o.command;
    c.colour = colour_wanted();
    for (auto* f : o.fail_on_options)
        if (f->count() > 0) c.fail_on = o.fail_on;
    if (*o.soreness) {
        c.soreness = true;
        c.pain_after = o.pain_after;
        if (o.pain_given->count() > 0) c.pain = o.pain;
        if (o.date_given->count() > 0) c.date = o.date;
        if (o.index_given->count() > 0) c.index = o.index;
        return c;
    }
    for (const auto& k : o.kinds) {
        if (!*k.app) continue;
        c.kind = k.kind;
        for (const auto& [key, option] : k.options)
            if (option->count() > 0) c.values.emplace_back(key, o.texts[std::string(to_string(k.kind)) + "." + key]);
    }
    return c;
}

// --format's help: "Output format: text, json, csv or tsv", from the table.
std::string format_help(std::string_view command) { return "Output format: " + or_list(format_names(command)); }

constexpr std::string_view guidance = "rkplan prints guidance, not a diagnosis.";

// The chart's format by the name of --output, from the table of output formats ("-": SVG on standard output); an existing
// file is replaced only if rkplan wrote it, or with --force.
ChartFormat plot_output_format(const std::string& output, bool force) {
    if (output == "-") return ChartFormat::svg;
    auto format = chart_format_for(output);
    if (!format)
        throw EnvironmentError(fmt::format("--output '{}': expected a file name ending in {}, or - for SVG "
                                           "on standard output",
                                           output, or_list(format_names("plot"), ".")));
    auto head = read_head(output, chart_head_bytes);
    if (head && !force && !is_rkplan_chart(*head))
        throw EnvironmentError(fmt::format("'{}' exists and is not a chart rkplan wrote, so it is left as it is: "
                                           "choose another --output, or add --force to replace it",
                                           output));
    return *format;
}

// Each command's --help ends with its own exit statuses (CLI11 copies the top-level
// footer, which speaks of check's --fail-on, into every subcommand).
void set_footers(CLI::App& app) {
    const std::string usage = "2 a usage error, an unreadable file or invalid data.";
    const std::map<std::string, std::string> footers = {
        {"plan", fmt::format("Exit status: 0 the plan is printed; {}\n{}", usage, guidance)},
        {"weeks", fmt::format("Exit status: 0 the weeks are printed; {}", usage)},
        {"check", fmt::format("Exit status: 0 no finding at or above --fail-on (with --next: the week is ok); 1 a "
                              "finding at or above --fail-on (with --next: the week is not ok); {}\n{}",
                              usage, guidance)},
        {"status", fmt::format("Exit status: 0 the board is printed; {}\n{}", usage, guidance)},
        {"explain", fmt::format("Exit status: 0 the explanation is printed; 2 no such rule or parameter.\n{}", guidance)},
        {"plot", fmt::format("Exit status: 0 the chart is written; 2 a usage error, an unreadable file, invalid data, "
                             "or an output it may not write.\n{}",
                             guidance)},
        {"init", "Exit status: 0 the template is written; 2 a usage error, or FILE exists or cannot be written."},
        {"log", "Exit status: 0 the entry is written; 1 with --fail-on, the entry causes a finding at or above it; 2 a "
                "usage error, an invalid value or history, or a failed write (the file is then unchanged)."},
        {"import", "Exit status: 0 the runs are printed or appended; 2 a usage error, or a file that cannot be read or "
                   "imported (nothing is then appended)."},
    };
    for (auto* sub : app.get_subcommands({})) {
        auto found = footers.find(sub->get_name());
        sub->footer(found == footers.end() ? std::string{} : found->second);
        for (auto* kind : sub->get_subcommands({})) kind->footer(sub->get_footer());
    }
}

// CLI11's arguments left over: an unknown option (with the command's nearest one) or an
// unexpected argument.
std::string extras_message(CLI::App& app, const CLI::App* command) {
    auto extras = app.remaining(true);
    for (const auto& arg : extras) {
        if (arg.size() < 2 || arg[0] != '-') continue;
        auto name = arg.substr(0, arg.find('='));
        std::vector<std::string> known;
        for (const auto* o : (command ? command : &app)->get_options()) {
            for (const auto& l : o->get_lnames()) known.push_back("--" + l);
            for (const auto& s : o->get_snames()) known.push_back("-" + s);
        }
        auto best = nearest_name(name, std::vector<std::string_view>(known.begin(), known.end()));
        return fmt::format("unknown option '{}'{}", name, best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best));
    }
    return fmt::format("unexpected argument{} '{}'", extras.size() > 1 ? "s" : "", fmt::join(extras, "' '"));
}

// A usage error as one line: "plan: unknown option '--week' (did you mean '--weeks'?); see
// 'rkplan plan --help'". The command is the deepest one parsed ("log run").
std::string usage_message(CLI::App& app, const CLI::ParseError& e) {
    const CLI::App* command = nullptr;
    std::string path;
    for (auto parsed = app.get_subcommands(); !parsed.empty(); parsed = parsed.front()->get_subcommands()) {
        command = parsed.front();
        path += (path.empty() ? "" : " ") + command->get_name();
    }
    std::string what = e.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
        what = extras_message(app, command);
    } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
        what = fmt::format("{} needs a value", what.substr(0, what.find(':')));
    } else if (!command && dynamic_cast<const CLI::RequiredError*>(&e)) {
        std::vector<std::string> names;
        for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
        what = fmt::format("a command is required; expected one of {}", fmt::join(names, ", "));
    }
    if (!command) return fmt::format("{}; see 'rkplan --help'", what);
    return fmt::format("{}: {}; see 'rkplan {} --help'", path, what, path);
}

}  // namespace

namespace {

// The command line: the options of every command, then a table from command to handler.
class Cli {
public:
    Cli() : app_{"rkplan: training-load and return-to-run planner for runner's knee", "rkplan"} {
        app_.set_version_flag("--version", std::string("rkplan ") + RKPLAN_VERSION);
        app_.require_subcommand(1);
        app_.footer(fmt::format("Exit status: 0 success; 1 check (and log with --fail-on): findings at or above "
                                "--fail-on; 2 a usage error or invalid data.\n{}",
                                guidance));
        // In this order they are listed in --help.
        commands_ = {{add_plan(), &Cli::plan},     {add_weeks(), &Cli::weeks},   {add_check(), &Cli::check},
                     {add_status(), &Cli::status}, {add_explain(), &Cli::explain}, {add_plot(), &Cli::plot},
                     {add_init(), &Cli::init},     {add_log(), &Cli::log},       {add_import(), &Cli::import}};
        set_footers(app_);
    }

    int run(int argc, char** argv) {
        if (auto unknown = unknown_command(argc, argv)) return *unknown;
        // `rkplan log FILE ...`, from before log had kinds, is `rkplan log run FILE ...`.
        std::vector<char*> args(argv, argv + argc);
        std::string run_kind = "run";
        if (argc > 2 && std::string_view(argv[1]) == "log") {
            auto kinds = log_kind_names();
            std::string_view next = argv[2];
            if ((next == "-" || next[0] != '-') && std::find(kinds.begin(), kinds.end(), next) == kinds.end())
                args.insert(args.begin() + 2, run_kind.data());
        }
        try {
            app_.parse(static_cast<int>(args.size()), args.data());
        } catch (const CLI::Success& e) {
            return app_.exit(e);
        } catch (const CLI::ParseError& e) {
            say(usage_message(app_, e));
            return Exit::bad_input;  // CLI11's own codes (100+) are all usage errors here
        }
        try {
            for (const auto& [command, handler] : commands_)
                if (*command) return (this->*handler)();
        } catch (const CLI::ValidationError& e) {
            say(e.what());
            return Exit::bad_input;
        } catch (const InvalidData&) {
            return Exit::bad_input;
        } catch (const EnvironmentError& e) {
            say(e.what());
            return Exit::bad_input;
        } catch (const std::exception& e) {
            say(fmt::format("internal error: {}", e.what()));
            return Exit::bad_input;
        }
        return Exit::ok;
    }

private:
    CLI::App app_;
    std::vector<std::pair<CLI::App*, int (Cli::*)()>> commands_;
    std::string file_, today_text_, format_text_ = "text";
    int width_ = 0;
    std::vector<CLI::Option*> width_options_;  // --width on plan, weeks and check
    // --today on every command that reads dates; given or not, and parsed, for the one run.
    std::vector<CLI::Option*> today_options_;
    int plan_weeks_ = 8;
    CLI::Option* plan_file_ = nullptr;
    CalculatorOptions calculator_;
    CheckOptions check_options_;
    StatusCommand status_command_;
    std::string explain_name_;
    std::string plot_output_;
    bool plot_force_ = false;
    int plot_weeks_ = 8;
    std::string init_file_;
    LogOptions log_options_;
    ImportCommand import_command_;

    void add_today(CLI::App* command, const char* help) {
        today_options_.push_back(command->add_option("--today", today_text_, help));
    }
    Date chosen_today() const {
        bool given = std::any_of(today_options_.begin(), today_options_.end(),
                                 [](CLI::Option* o) { return o->count() > 0; });
        return parse_today(today_text_, given);
    }
    void add_width(CLI::App* command) {
        width_options_.push_back(command->add_option("--width", width_, "Fit text in N columns, at least 80 (default: the terminal's; 0 or piped: the full layout)")->check(CLI::Range(0, max_width))->type_name("N"));
    }
    TextStyle style() const {
        bool given = std::any_of(width_options_.begin(), width_options_.end(),
                                 [](CLI::Option* o) { return o->count() > 0; });
        return TextStyle{colour_wanted(), output_width(width_, given)};
    }
    const OutputFormat& output() const { return output_format(format_text_); }
    Format format() const { return std::get<Format>(output().renders); }

    // A mistyped command gets a suggestion rather than CLI11's "A subcommand is required".
    std::optional<int> unknown_command(int argc, char** argv) {
        if (argc <= 1 || argv[1][0] == '-') return std::nullopt;
        std::vector<std::string_view> names;
        for (const auto* sub : app_.get_subcommands({})) names.push_back(sub->get_name());
        if (std::find(names.begin(), names.end(), argv[1]) != names.end()) return std::nullopt;
        auto best = nearest_name(argv[1], names);
        say(fmt::format("unknown command '{}'{}; expected one of {}", argv[1],
                        best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best), fmt::join(names, ", ")));
        return Exit::bad_input;
    }

    CLI::App* add_plan() {
        auto* plan = app_.add_subcommand("plan", "Where you stand and what each coming week may hold");
        plan_file_ = plan->add_option("FILE", file_, "History file, or - for standard input (or --from instead)");
        add_calculator_options(*plan, calculator_);
        plan->add_option("--weeks", plan_weeks_, "How many weeks to plan, from the one containing --today (1-104)")
            ->check(CLI::Range(1, 104));
        add_today(plan, "The date to plan from (YYYY-MM-DD; default: the system date)");
        plan->add_option("--format", format_text_, format_help("plan"))
            ->transform(CLI::IsMember(format_names("plan"), CLI::ignore_case));
        add_width(plan);
        return plan;
    }

    int plan() {
        auto today = chosen_today();
        if (calculator_.from->count() > 0 || plan_file_->count() == 0) {
            if (plan_file_->count() > 0)
                throw CLI::ValidationError("--from", "plans without a history: give FILE or --from, not both");
            auto history = calculator_history_of(calculator_, today);
            write_stdout(render_plan(calculator_plan(history, today, plan_weeks_), format(), style()));
            return Exit::ok;
        }
        for (auto* o : calculator_.options)
            if (o->count() > 0) throw CLI::ValidationError(o->get_name(), "goes with --from, which plans without a history");
        auto history = load_or_report(file_, today);
        write_stdout(render_plan(make_plan(history, today, plan_weeks_), format(), style()));
        return Exit::ok;
    }

    CLI::App* add_weeks() {
        auto* weeks = app_.add_subcommand("weeks", "Weekly distance and load metrics of a history");
        weeks->add_option("FILE", file_, "History file, or - for standard input")->required();
        add_today(weeks, "The date to report up to (YYYY-MM-DD; default: the system date)");
        weeks->add_option("--format", format_text_, format_help("weeks"))
            ->transform(CLI::IsMember(format_names("weeks"), CLI::ignore_case));
        add_width(weeks);
        return weeks;
    }

    int weeks() {
        auto today = chosen_today();
        auto history = load_or_report(file_, today);
        auto a = assess(history, today, Findings::no);
        write_stdout(render_weeks(a.weeks, format(), style(), &a.timeline));
        return Exit::ok;
    }

    CLI::App* add_check() {
        auto* check = app_.add_subcommand("check", "Check histories against the load rules, like a compiler");
        check->add_option("FILE", check_options_.files, "History files, or - for standard input")->required();
        check->add_option("--next", check_options_.next, "Judge a proposed distance for next week");
        check->add_option("--next-downhill", check_options_.next_downhill, "... with this much downhill distance");
        check->add_option("--next-descent", check_options_.next_descent, "... and this much descent (m or ft)");
        add_today(check, "The date to check up to (YYYY-MM-DD; default: the system date)");
        check->add_option("--fail-on", check_options_.fail_on, "Exit 1 on findings at or above: error (default), warning or info")
            ->transform(CLI::IsMember({"error", "warning", "info"}, CLI::ignore_case));
        check->add_option("--format", format_text_, format_help("check"))
            ->transform(CLI::IsMember(format_names("check"), CLI::ignore_case));
        add_width(check);
        return check;
    }

    int check() { return run_check(check_options_, chosen_today(), output(), style()); }

    CLI::App* add_status() {
        auto* status = app_.add_subcommand("status", "The coach's board: one row per history, the most urgent first");
        status->add_option("FILE", status_command_.files, "History files, or - for standard input")->required();
        add_today(status, "The date to report on (YYYY-MM-DD; default: the system date)");
        status->add_option("--stale-days", status_command_.stale_days,
                           "Days without an entry before a runner shows as 'not logged for N days' (default 7)")
            ->check(CLI::Range(1, 3650));
        status->add_option("--format", format_text_, format_help("status"))
            ->transform(CLI::IsMember(format_names("status"), CLI::ignore_case));
        return status;
    }

    int status() {
        status_command_.format = format();
        status_command_.colour = colour_wanted();
        return run_status(status_command_, chosen_today());
    }

    CLI::App* add_explain() {
        auto* explain = app_.add_subcommand("explain", "Explain each rule: its default, its source, the evidence");
        explain->add_option("RULE", explain_name_, "A rule id or [rules] key; all of them if omitted");
        return explain;
    }

    int explain() {
        if (explain_name_.empty()) {
            write_stdout(render_explanation_index());
        } else if (auto* e = find_explanation(explain_name_)) {
            write_stdout(render_explanation(*e));
        } else {
            std::vector<std::string_view> names;
            for (const auto& x : explanations()) names.push_back(x.name);
            auto best = nearest_name(explain_name_, names);
            say(fmt::format("no rule or parameter named '{}'{}; 'rkplan explain' lists them", explain_name_,
                            best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
            return Exit::bad_input;
        }
        return Exit::ok;
    }

    CLI::App* add_plot() {
        auto* plot = app_.add_subcommand("plot", "Draw the history and the plan as a chart (SVG or PNG)");
        plot->add_option("FILE", file_, "History file, or - for standard input")->required();
        plot->add_flag("--force", plot_force_, "Replace --output even if it is not a chart rkplan wrote");
        plot->add_option("-o,--output", plot_output_,
                         "The chart to write: NAME.svg or NAME.png (a chart rkplan wrote is replaced), or - for SVG on "
                         "standard output")
            ->required();
        plot->add_option("--weeks", plot_weeks_, "How many weeks of the plan to draw, from the one containing --today (1-52)")
            ->check(CLI::Range(1, 52));
        add_today(plot, "The date to draw up to (YYYY-MM-DD; default: the system date)");
        return plot;
    }

    int plot() {
        auto today = chosen_today();
        if (file_ != "-" && plot_output_ != "-" && same_file(file_, plot_output_))
            throw EnvironmentError(fmt::format("'{}' is the history being read; rkplan never writes to it: "
                                               "choose another --output",
                                               plot_output_));
        auto chart = plot_output_format(plot_output_, plot_force_);
        auto history = load_or_report(file_, today);
        auto a = assess(history, today, Findings::no);
        auto svg = render_plot_svg(history, a.weeks, a.timeline, make_plan(history, today, plot_weeks_));
        if (plot_output_ == "-") {
            write_stdout(svg);
        } else {
            replace_file(plot_output_, chart == ChartFormat::png ? render_png(svg, plot_width, plot_height) : svg);
            say(fmt::format("wrote {}", plot_output_));
        }
        return Exit::ok;
    }

    CLI::App* add_init() {
        auto* init = app_.add_subcommand("init", "Write a commented history template (never overwrites)");
        init->add_option("FILE", init_file_, "Where to write it; standard output if omitted");
        return init;
    }

    int init() {
        if (init_file_.empty() || init_file_ == "-") {
            write_stdout(std::string(history_template()));
        } else {
            write_new_file(init_file_, history_template());
            say(fmt::format("wrote {0}; edit it, then run 'rkplan plan {0}'", init_file_));
        }
        return Exit::ok;
    }

    CLI::App* add_log() {
        return add_log_command(app_, log_options_, [this](CLI::App* command, const char* help) { add_today(command, help); });
    }

    int log() { return run_log(chosen_log(log_options_), chosen_today()); }

    CLI::App* add_import() {
        auto* import_sub = app_.add_subcommand("import", "Turn GPX, TCX, FIT, Strava or Garmin CSV activities into runs");
        import_sub->add_option("GPX_OR_CSV", import_command_.files,
                               "Activity files (GPX, TCX, FIT, activities.csv, .gz), zip archives, export folders, or - for standard input")
            ->required();
        import_sub->add_flag("--strict", import_command_.strict,
                             "Import nothing if any activity or file cannot be read (default: import the rest, exit 0)");
        import_sub->add_option("--append", import_command_.append,
                               "Append the runs not already there to this history (atomically); else print them as TOML");
        import_sub->add_option("--units", import_command_.units,
                               "km or mi: the units to write (default: the history's, else km); CSV distances are assumed in them")
            ->transform(CLI::IsMember({"km", "mi"}, CLI::ignore_case));
        add_today(import_sub, "The last date a run may have (YYYY-MM-DD; default: the system date)");
        return import_sub;
    }

    int import() { return run_import(import_command_, chosen_today()); }
};

}  // namespace

int run(int argc, char** argv) { return Cli().run(argc, argv); }

}  // namespace rkplan::cli
