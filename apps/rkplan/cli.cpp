// The only translation unit that includes CLI11 (header-only and slow to compile).
#include "cli.hpp"

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

#include "rkplan/check.hpp"
#include "rkplan/explain.hpp"
#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/render.hpp"
#include "rkplan/templates.hpp"
#include "rkplan/text.hpp"
#include "rkplan/weeks.hpp"

namespace rkplan::cli {

namespace {

// A failure of the environment (a file that cannot be read or written): reported by
// `run` as "rkplan: <message>" with exit status 2.
struct EnvironmentError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Invalid data in a history: diagnostics were printed already.
struct InvalidData {};

std::string errno_text(int err) { return std::strerror(err); }

// Reads a whole file, or standard input for "-". Reads at most one byte more than the
// loader accepts, so an oversized file is refused without being held in memory.
std::string read_input(const std::string& path) {
    int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(errno)));
    std::string data;
    char buffer[65536];
    while (data.size() <= Limits::max_file_bytes) {
        auto n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int err = errno;
            if (fd != STDIN_FILENO) ::close(fd);
            throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(err)));
        }
        if (n == 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
    }
    if (fd != STDIN_FILENO) ::close(fd);
    return data;
}

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

Date system_today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return *Date::from_ymd(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                           static_cast<unsigned>(local.tm_mday));
}

Date parse_today(const std::string& text) {
    if (text.empty()) return system_today();
    auto d = Date::parse(text);
    if (!d) throw CLI::ValidationError("--today", fmt::format("'{}' is not a date; expected YYYY-MM-DD", text));
    return *d;
}

bool colour_wanted() {
    const char* no_colour = std::getenv("NO_COLOR");
    return (no_colour == nullptr || *no_colour == '\0') && ::isatty(STDOUT_FILENO) == 1;
}

void write_stdout(const std::string& s) {
    if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size() || std::fflush(stdout) != 0)
        throw EnvironmentError(fmt::format("cannot write to standard output: {}", errno_text(errno)));
}

// Writes `content` to `path` only if `path` does not exist: through a temporary file in
// the same directory, linked into place (link() refuses to replace an existing name).
void write_new_file(const std::string& path, std::string_view content) {
    auto slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    std::string tmp = (slash == std::string::npos ? std::string{} : dir) + ".rkplan-XXXXXX";
    std::vector<char> name(tmp.begin(), tmp.end());
    name.push_back('\0');
    int fd = ::mkstemp(name.data());
    if (fd < 0) throw EnvironmentError(fmt::format("cannot create a file in '{}': {}", dir, errno_text(errno)));
    auto fail = [&](std::string what) {
        int err = errno;
        ::close(fd);
        ::unlink(name.data());
        throw EnvironmentError(fmt::format("{} '{}': {}", what, path, errno_text(err)));
    };
    std::size_t done = 0;
    while (done < content.size()) {
        auto n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot write");
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) fail("cannot write");
    // mkstemp creates 0600; give the new file the mode a plain create would have.
    mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0666 & ~mask) != 0) fail("cannot write");
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(name.data());
        throw EnvironmentError(fmt::format("cannot write '{}': {}", path, errno_text(err)));
    }
    if (::link(name.data(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(name.data());
        if (err == EEXIST)
            throw EnvironmentError(fmt::format("'{}' already exists; rkplan init never overwrites a file", path));
        throw EnvironmentError(fmt::format("cannot create '{}': {}", path, errno_text(err)));
    }
    ::unlink(name.data());
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
        throw CLI::ValidationError("--next-downhill", "goes with --next DISTANCE");
    std::vector<FileFindings> results;
    std::optional<NextVerdict> next;
    bool invalid = false;
    for (const auto& path : o.files) {
        FileFindings ff;
        ff.file = display_name(path);
        auto text = read_input(path);
        auto loaded = load_history(text, ff.file, today);
        if (!loaded.ok()) {
            invalid = true;
            if (format != Format::json) std::fputs(format_diagnostics(ff.file, text, loaded.diagnostics).c_str(), stderr);
            ff.errors = std::move(loaded.diagnostics);
            results.push_back(std::move(ff));
            continue;
        }
        const auto& h = *loaded.history;
        ff.units = h.runner.units;
        auto weeks = compute_weeks(h, today);
        auto timeline = derive_phases(h, weeks);
        ff.findings = check_history(h, weeks, timeline);
        if (!o.next.empty())
            next = judge_next_week(h, today, parse_amount("--next", o.next),
                                   o.next_downhill.empty() ? 0 : parse_amount("--next-downhill", o.next_downhill),
                                   o.next_descent.empty() ? 0 : parse_amount("--next-descent", o.next_descent));
        results.push_back(std::move(ff));
    }
    write_stdout(render_findings(results, format, TextStyle{colour_wanted()}, next ? &*next : nullptr));
    if (invalid) return Exit::bad_input;
    if (next) return next->ok ? Exit::ok : Exit::findings;
    auto threshold = o.fail_on == "warning" ? Severity::warning : o.fail_on == "info" ? Severity::info : Severity::error;
    for (const auto& r : results)
        for (const auto& f : r.findings)
            if (f.severity >= threshold) return Exit::findings;
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

    int plan_weeks = 8;
    auto* plan = app.add_subcommand("plan", "Where you stand and what each coming week may hold");
    plan->add_option("FILE", file, "History file, or - for standard input")->required();
    plan->add_option("--weeks", plan_weeks, "How many weeks to plan, from the one containing --today (1-104)")
        ->check(CLI::Range(1, 104));
    plan->add_option("--today", today_text, "The date to plan from (YYYY-MM-DD; default: the system date)");
    plan->add_option("--format", format_text, "Output format: text, json, csv, tsv or ics")
        ->check(CLI::IsMember({"text", "json", "csv", "tsv", "ics"}));

    auto* weeks = app.add_subcommand("weeks", "Weekly distance and load metrics of a history");
    weeks->add_option("FILE", file, "History file, or - for standard input")->required();
    weeks->add_option("--today", today_text, "The date to report up to (YYYY-MM-DD; default: the system date)");
    weeks->add_option("--format", format_text, "Output format: text, json, csv or tsv")
        ->check(CLI::IsMember({"text", "json", "csv", "tsv"}));

    CheckOptions check_options;
    auto* check = app.add_subcommand("check", "Check histories against the load rules, like a compiler");
    check->add_option("FILE", check_options.files, "History files, or - for standard input")->required();
    check->add_option("--next", check_options.next, "Judge a proposed distance for next week");
    check->add_option("--next-downhill", check_options.next_downhill, "... with this much downhill distance");
    check->add_option("--next-descent", check_options.next_descent, "... and this much descent (m or ft)");
    check->add_option("--today", today_text, "The date to check up to (YYYY-MM-DD; default: the system date)");
    check->add_option("--fail-on", check_options.fail_on, "Exit 1 on findings at or above: error (default), warning or info")
        ->check(CLI::IsMember({"error", "warning", "info"}));
    check->add_option("--format", format_text, "Output format: text, json, jsonl, csv or tsv")
        ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "tsv"}));

    std::string explain_name;
    auto* explain = app.add_subcommand("explain", "Explain each rule: its default, its source, the evidence");
    explain->add_option("RULE", explain_name, "A rule id or [rules] key; all of them if omitted");

    std::string init_file;
    auto* init = app.add_subcommand("init", "Write a commented history template (never overwrites)");
    init->add_option("FILE", init_file, "Where to write it; standard output if omitted");

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
            auto today = parse_today(today_text);
            auto history = load_or_report(file, today);
            write_stdout(render_plan(make_plan(history, today, plan_weeks), formats.at(format_text),
                                     TextStyle{colour_wanted()}));
        } else if (*weeks) {
            auto today = parse_today(today_text);
            auto history = load_or_report(file, today);
            auto report = compute_weeks(history, today);
            auto timeline = derive_phases(history, report);
            write_stdout(render_weeks(report, formats.at(format_text), TextStyle{colour_wanted()}, &timeline));
        } else if (*check) {
            return run_check(check_options, parse_today(today_text), formats.at(format_text));
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
        } else if (*init) {
            if (init_file.empty() || init_file == "-") {
                write_stdout(std::string(history_template()));
            } else {
                write_new_file(init_file, history_template());
                std::fprintf(stderr, "rkplan: wrote %s; edit it, then run 'rkplan plan %s'\n", init_file.c_str(),
                             init_file.c_str());
            }
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
