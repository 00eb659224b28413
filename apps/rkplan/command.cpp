// The shared options' values (Context) and the helpers of several commands; CLI11 is not
// included here (cli.cpp implements Option and Command over it).
#include "command.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "formats.hpp"
#include "io.hpp"

namespace rkplan::cli {

namespace {

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

bool any_given(const std::vector<Option>& options) {
    return std::any_of(options.begin(), options.end(), [](const Option& o) { return o.given(); });
}

}  // namespace

// --today as given, else the system date. Years run from Limits::min_year, like the
// history's dates, to 9998, so that the week after --today still has a four-digit year.
Date Context::today() const {
    if (!any_given(today_options_)) return system_local_day(std::time(nullptr));
    const auto& text = today_text_;
    auto d = Date::parse(text);
    if (!d) throw UsageError("--today", fmt::format("'{}' is not a date; expected YYYY-MM-DD", text));
    if (*d < *Date::from_ymd(Limits::min_year, 1, 1) || *d > *Date::from_ymd(9998, 12, 31))
        throw UsageError("--today", fmt::format("'{}' is out of range; expected a date from {}-01-01 to "
                                                "9998-12-31",
                                                text, Limits::min_year));
    return *d;
}

const OutputFormat& Context::output() const { return output_format(format_text_); }

Format Context::format() const { return std::get<Format>(output().renders); }

TextStyle Context::style() const { return TextStyle{colour_wanted(), output_width(width_, any_given(width_options_))}; }

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

double parse_amount(const std::string& option, const std::string& text) {
    std::size_t used = 0;
    double v = 0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || !std::isfinite(v) || v < 0)
        throw UsageError(option, fmt::format("'{}' is not a distance; expected a number of 0 or more", text));
    return v;
}

Severity fail_on_severity(std::string_view fail_on) {
    return fail_on == "warning" ? Severity::warning : fail_on == "info" ? Severity::info : Severity::error;
}

bool colour_wanted() {
    const char* no_colour = std::getenv("NO_COLOR");
    return (no_colour == nullptr || *no_colour == '\0') && ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace rkplan::cli
