// `rkplan status FILE...`: the coach's board, one row per history, the most urgent first.
#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "command.hpp"
#include "formats.hpp"
#include "io.hpp"
#include "rkplan/history.hpp"
#include "rkplan/status.hpp"

namespace rkplan::cli {

namespace {

class StatusCommand final : public Handler {
public:
    explicit StatusCommand(Command& status) {
        status.option("FILE", files_, "History files, or - for standard input").required();
        status.today("The date to report on (YYYY-MM-DD; default: the system date)");
        status.option("--stale-days", stale_days_,
                      "Days without an entry before a runner shows as 'not logged for N days' (default 7)")
            .range(1, 3650);
        status.format();
        status.footer(fmt::format("Exit status: 0 the board is printed; {}\n{}", usage_statuses, guidance));
    }

    // Exit status 2 if a file is unreadable or invalid (its row says so, the others are
    // all shown), else 0.
    int run(const Context& context) override {
        auto today = context.today();
        const auto& output = context.output();
        if (std::count(files_.begin(), files_.end(), "-") > 1)
            throw EnvironmentError("FILE: standard input ('-') can be read only once");
        // JSON and JSON Lines carry a file's errors in its row; the others print them too.
        bool errors_aside = output.shape != Shape::document && output.shape != Shape::lines;
        std::vector<StatusRow> rows;
        bool invalid = false;
        for (const auto& path : files_) rows.push_back(row_of(path, today, errors_aside, invalid));
        sort_board(rows);
        write_stdout(render_status(rows, today, std::get<Format>(output.renders), TextStyle{colour_wanted()}));
        return invalid ? Exit::bad_input : Exit::ok;
    }

private:
    std::vector<std::string> files_;
    int stale_days_ = default_stale_days;

    StatusRow row_of(const std::string& path, Date today, bool errors_aside, bool& invalid) const {
        auto name = display_name(path);
        std::string text;
        try {
            text = read_input(path);
        } catch (const EnvironmentError& e) {
            // Reported in its row; the other files are still shown.
            invalid = true;
            if (errors_aside) say(e.what());
            return invalid_status_row(name, {{{0, 0}, e.what(), "a readable file"}});
        }
        auto loaded = load_history(text, name, today);
        if (!loaded.ok()) {
            invalid = true;
            if (errors_aside) std::fputs(format_diagnostics(name, text, loaded.diagnostics).c_str(), stderr);
            return invalid_status_row(name, std::move(loaded.diagnostics));
        }
        return status_row(*loaded.history, name, today, stale_days_);
    }
};

}  // namespace

std::unique_ptr<Handler> declare_status(Command& command) { return std::make_unique<StatusCommand>(command); }

}  // namespace rkplan::cli
