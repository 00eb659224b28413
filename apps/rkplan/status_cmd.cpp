#include "status_cmd.hpp"

#include <algorithm>
#include <cstdio>

#include "cli.hpp"
#include "formats.hpp"
#include "io.hpp"
#include "rkplan/history.hpp"

namespace rkplan::cli {

int run_status(const StatusCommand& o, Date today) {
    if (std::count(o.files.begin(), o.files.end(), "-") > 1)
        throw EnvironmentError("FILE: standard input ('-') can be read only once");
    // JSON and JSON Lines carry a file's errors in its row; the others print them too.
    auto shape = output_format(to_string(o.format)).shape;
    bool errors_aside = shape != Shape::document && shape != Shape::lines;
    std::vector<StatusRow> rows;
    bool invalid = false;
    for (const auto& path : o.files) {
        auto name = path == "-" ? std::string("<stdin>") : path;
        std::string text;
        try {
            text = read_input(path);
        } catch (const EnvironmentError& e) {
            // Reported in its row; the other files are still shown.
            invalid = true;
            if (errors_aside) say(e.what());
            rows.push_back(invalid_status_row(name, {{{0, 0}, e.what(), "a readable file"}}));
            continue;
        }
        auto loaded = load_history(text, name, today);
        if (!loaded.ok()) {
            invalid = true;
            if (errors_aside)
                std::fputs(format_diagnostics(name, text, loaded.diagnostics).c_str(), stderr);
            rows.push_back(invalid_status_row(name, std::move(loaded.diagnostics)));
            continue;
        }
        rows.push_back(status_row(*loaded.history, name, today, o.stale_days));
    }
    sort_board(rows);
    write_stdout(render_status(rows, today, o.format, TextStyle{o.colour}));
    return invalid ? Exit::bad_input : Exit::ok;
}

}  // namespace rkplan::cli
