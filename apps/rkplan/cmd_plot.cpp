// `rkplan plot -o NAME.svg|NAME.png|-`: the history and the plan as a chart.
#include <sys/stat.h>

#include <fmt/format.h>

#include "command.hpp"
#include "formats.hpp"
#include "io.hpp"
#include "png.hpp"
#include "rkplan/assess.hpp"
#include "rkplan/chart_file.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/plot.hpp"

namespace rkplan::cli {

namespace {

// The same file under two names (equal paths, a link): stat() tells.
bool same_file(const std::string& a, const std::string& b) {
    if (a == b) return true;
    struct stat sa{}, sb{};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

// The chart's format by the name of --output ("-": SVG on standard output), from the
// table of output formats; an existing file is replaced only if rkplan wrote it, or with
// --force.
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

class PlotCommand final : public Handler {
public:
    explicit PlotCommand(Command& plot) {
        plot.option("FILE", file_, "History file, or - for standard input").required();
        plot.flag("--force", force_, "Replace --output even if it is not a chart rkplan wrote");
        plot.option("-o,--output", output_,
                    "The chart to write: NAME.svg or NAME.png (a chart rkplan wrote is replaced), or - for SVG on "
                    "standard output")
            .required();
        plot.option("--weeks", weeks_, "How many weeks of the plan to draw, from the one containing --today (1-52)")
            .range(1, 52);
        plot.today("The date to draw up to (YYYY-MM-DD; default: the system date)");
        plot.footer(fmt::format("Exit status: 0 the chart is written; 2 a usage error, an unreadable file, invalid "
                                "data, or an output it may not write.\n{}",
                                guidance));
    }

    int run(const Context& context) override {
        auto today = context.today();
        if (file_ != "-" && output_ != "-" && same_file(file_, output_))
            throw EnvironmentError(fmt::format("'{}' is the history being read; rkplan never writes to it: "
                                               "choose another --output",
                                               output_));
        auto chart = plot_output_format(output_, force_);
        auto history = load_or_report(file_, today);
        auto a = assess(history, today);
        auto svg = render_plot_svg(history, a.weeks, a.timeline, make_plan(history, today, weeks_, nullptr, &a));
        if (output_ == "-") {
            write_stdout(svg);
        } else {
            replace_file(output_, chart == ChartFormat::png ? render_png(svg, plot_width, plot_height) : svg);
            say(fmt::format("wrote {}", output_));
        }
        return Exit::ok;
    }

private:
    std::string file_, output_;
    bool force_ = false;
    int weeks_ = 8;
};

}  // namespace

std::unique_ptr<Handler> declare_plot(Command& command) { return std::make_unique<PlotCommand>(command); }

}  // namespace rkplan::cli
