// The only translation unit that includes CLI11 (header-only and slow to compile): the
// table of commands, the options every command shares, parsing, usage errors and the
// dispatch to a command's handler. Each command is declared and run in its own file,
// cmd_<name>.cpp, through command.hpp.
#include "cli.hpp"

#include <algorithm>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command.hpp"
#include "formats.hpp"
#include "io.hpp"
#include "rkplan/text.hpp"

namespace rkplan::cli {

Option& Option::required() {
    option_->required();
    return *this;
}

Option& Option::one_of(const std::vector<std::string>& choices) {
    option_->transform(CLI::IsMember(choices, CLI::ignore_case));
    return *this;
}

Option& Option::range(int min, int max) {
    option_->check(CLI::Range(min, max));
    return *this;
}

Option& Option::type_name(const std::string& name) {
    option_->type_name(name);
    return *this;
}

bool Option::given() const { return option_->count() > 0; }

std::string Option::name() const { return option_->get_name(); }

Option Command::option(const std::string& name, std::string& value, const std::string& help) {
    return Option(app_->add_option(name, value, help));
}

Option Command::option(const std::string& name, int& value, const std::string& help) {
    return Option(app_->add_option(name, value, help));
}

Option Command::option(const std::string& name, std::vector<std::string>& values, const std::string& help) {
    return Option(app_->add_option(name, values, help));
}

Option Command::flag(const std::string& name, bool& value, const std::string& help) {
    return Option(app_->add_flag(name, value, help));
}

Command Command::subcommand(const std::string& name, const std::string& description) {
    return Command(app_->add_subcommand(name, description), context_);
}

void Command::require_subcommand() { app_->require_subcommand(1); }

void Command::footer(const std::string& text) { app_->footer(text); }

bool Command::chosen() const { return app_->parsed(); }

void Command::today(const std::string& help) {
    context_->today_options_.push_back(option("--today", context_->today_text_, help));
}

void Command::format() {
    auto names = format_names(app_->get_name());
    option("--format", context_->format_text_, "Output format: " + or_list(names)).one_of(names);
}

void Command::width() {
    context_->width_options_.push_back(
        option("--width", context_->width_,
               "Fit text in N columns, at least 80 (default: the terminal's; 0 or piped: the full layout)")
            .range(0, max_width)
            .type_name("N"));
}

namespace {

// The commands, in the order --help lists them: each one's name, description, and the
// function of its file (cmd_<name>.cpp) that declares its options and returns its handler.
struct CommandRow {
    const char* name;
    const char* description;
    std::unique_ptr<Handler> (*declare)(Command&);
};

const CommandRow command_table[] = {
    {"plan", "Where you stand and what each coming week may hold", declare_plan},
    {"weeks", "Weekly distance and load metrics of a history", declare_weeks},
    {"check", "Check histories against the load rules, like a compiler", declare_check},
    {"status", "The coach's board: one row per history, the most urgent first", declare_status},
    {"explain", "Explain each rule: its default, its source, the evidence", declare_explain},
    {"plot", "Draw the history and the plan as a chart (SVG or PNG)", declare_plot},
    {"init", "Write a commented history template (never overwrites)", declare_init},
    {"log",
     "Add an entry (run, checkin, strength, cross, shoe, week) or the next-morning soreness, checked, atomically; "
     "'rkplan log FILE ...' logs a run",
     declare_log},
    {"import", "Turn GPX, TCX, FIT, Strava or Garmin CSV activities into runs", declare_import},
};

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

// The command line: the commands of the table, each with its handler, and the shared options.
class Cli {
public:
    Cli() : app_{"rkplan: training-load and return-to-run planner for runner's knee", "rkplan"} {
        app_.set_version_flag("--version", std::string("rkplan ") + RKPLAN_VERSION);
        app_.require_subcommand(1);
        app_.footer(fmt::format("Exit status: 0 success; 1 check (and log with --fail-on): findings at or above "
                                "--fail-on; 2 a usage error or invalid data.\n{}",
                                guidance));
        for (const auto& row : command_table) {
            auto* sub = app_.add_subcommand(row.name, row.description);
            // Each command's --help ends with its own exit statuses, not the top level's.
            sub->footer(std::string{});
            Command command(sub, &context_);
            commands_.emplace_back(sub, row.declare(command));
            for (auto* kind : sub->get_subcommands({})) kind->footer(sub->get_footer());
        }
    }

    int run(int argc, char** argv) {
        if (auto unknown = unknown_command(argc, argv)) return *unknown;
        std::vector<char*> args(argv, argv + argc);
        insert_log_kind(args);
        try {
            app_.parse(static_cast<int>(args.size()), args.data());
        } catch (const CLI::Success& e) {
            // --help and --version: CLI11 prints them, and a failed write is still an error.
            int rc = app_.exit(e);
            if (!std::cout.flush()) {
                say(fmt::format("cannot write to standard output: {}", errno_text(errno)));
                return Exit::bad_input;
            }
            return rc;
        } catch (const CLI::ParseError& e) {
            say(usage_message(app_, e));
            return Exit::bad_input;  // CLI11's own codes (100+) are all usage errors here
        }
        return dispatch();
    }

private:
    CLI::App app_;
    Context context_;
    std::vector<std::pair<CLI::App*, std::unique_ptr<Handler>>> commands_;

    // The chosen command's handler; its failures as exit statuses.
    int dispatch() {
        try {
            for (const auto& [command, handler] : commands_)
                if (*command) return handler->run(context_);
        } catch (const UsageError& e) {
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
};

}  // namespace

int run(int argc, char** argv) { return Cli().run(argc, argv); }

}  // namespace rkplan::cli
