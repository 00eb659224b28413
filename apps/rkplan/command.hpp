#pragma once
// What a command's file (cmd_<name>.cpp) sees of the command line: a Command to declare
// its options on, a Handler to hold them and run, and the Context of the options every
// command shares (--today, --format, --width). CLI11 stays behind these in cli.cpp, the
// only translation unit that includes it (it is slow to compile).

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "rkplan/date.hpp"
#include "rkplan/history.hpp"
#include "rkplan/render.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace rkplan::cli {

struct OutputFormat;

/// A mistake on the command line found after parsing: "NAME: MESSAGE" on standard error,
/// exit status 2 (what CLI::ValidationError says).
struct UsageError : std::runtime_error {
    UsageError(const std::string& name, const std::string& message) : std::runtime_error(name + ": " + message) {}
};

/// The end of a command's --help: rkplan's output is guidance, and what exit status 2 means
/// for most commands.
inline constexpr std::string_view guidance = "rkplan prints guidance, not a diagnosis.";
inline constexpr std::string_view usage_statuses = "2 a usage error, an unreadable file or invalid data.";

/// The widest --width; wider terminals get the full layout anyway.
inline constexpr int max_width = 1000;

/// One declared option; its setters return it, for chaining.
class Option {
public:
    explicit Option(CLI::Option* option) : option_(option) {}
    Option& required();
    /// One of `choices`, in any case; the value becomes the choice's spelling.
    Option& one_of(const std::vector<std::string>& choices);
    Option& range(int min, int max);
    Option& type_name(const std::string& name);
    bool given() const;
    std::string name() const;

private:
    CLI::Option* option_;
};

class Context;

/// A command (or a command's subcommand, such as `log run`) being declared.
class Command {
public:
    Command(CLI::App* app, Context* context) : app_(app), context_(context) {}
    Option option(const std::string& name, std::string& value, const std::string& help);
    Option option(const std::string& name, int& value, const std::string& help);
    Option option(const std::string& name, std::vector<std::string>& values, const std::string& help);
    Option flag(const std::string& name, bool& value, const std::string& help);
    Command subcommand(const std::string& name, const std::string& description);
    void require_subcommand();
    /// The end of its --help: its exit statuses.
    void footer(const std::string& text);
    /// True after parsing if the command line chose this command.
    bool chosen() const;

    /// The shared options, read through the Context: --today (with the command's own help),
    /// --format (its values from the table of output formats), --width.
    void today(const std::string& help);
    void format();
    void width();

private:
    CLI::App* app_;
    Context* context_;
};

/// The shared options as the command line gave them, for the command that runs.
class Context {
public:
    /// --today if given (a UsageError if it is not a date from Limits::min_year to 9998),
    /// else the system date.
    Date today() const;
    /// The --format row in the table of output formats ("text" if not given).
    const OutputFormat& output() const;
    Format format() const;
    /// Colour (a terminal, no NO_COLOR) and the width to fit (--width, else a terminal's).
    TextStyle style() const;

private:
    friend class Command;
    std::string today_text_, format_text_ = "text";
    int width_ = 0;
    std::vector<Option> today_options_, width_options_;
};

/// A command's options, bound to its members, and what it does with them.
class Handler {
public:
    virtual ~Handler() = default;
    /// Runs the command; returns the exit status, or throws UsageError, EnvironmentError or
    /// InvalidData (io.hpp).
    virtual int run(const Context& context) = 0;
};

/// Each command's file declares it on `command` (created with its name and description by
/// the table of commands in cli.cpp) and returns its handler.
std::unique_ptr<Handler> declare_plan(Command& command);
std::unique_ptr<Handler> declare_weeks(Command& command);
std::unique_ptr<Handler> declare_check(Command& command);
std::unique_ptr<Handler> declare_status(Command& command);
std::unique_ptr<Handler> declare_explain(Command& command);
std::unique_ptr<Handler> declare_plot(Command& command);
std::unique_ptr<Handler> declare_init(Command& command);
std::unique_ptr<Handler> declare_log(Command& command);
std::unique_ptr<Handler> declare_import(Command& command);

/// `rkplan log FILE ...`, from before log had kinds, as `rkplan log run FILE ...`
/// (cmd_log.cpp): inserts the kind into `args` where it is missing.
void insert_log_kind(std::vector<char*>& args);

// Helpers of several commands (command.cpp).

/// "<stdin>" for "-", else the path.
std::string display_name(const std::string& path);

/// The history at `path` ("-": standard input); its diagnostics printed and InvalidData
/// thrown if it does not load.
History load_or_report(const std::string& path, Date today);

/// A distance option such as --next: a finite number of 0 or more, else a UsageError.
double parse_amount(const std::string& option, const std::string& text);

/// --fail-on's value ("error", "warning" or "info") as a severity.
Severity fail_on_severity(std::string_view fail_on);

/// Colour is wanted: standard output is a terminal and NO_COLOR is unset or empty.
bool colour_wanted();

}  // namespace rkplan::cli
