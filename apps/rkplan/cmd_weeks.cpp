// `rkplan weeks`: the weekly distance and load metrics of a history.
#include <fmt/format.h>

#include "command.hpp"
#include "io.hpp"
#include "rkplan/assess.hpp"

namespace rkplan::cli {

namespace {

class WeeksCommand final : public Handler {
public:
    explicit WeeksCommand(Command& weeks) {
        weeks.option("FILE", file_, "History file, or - for standard input").required();
        weeks.today("The date to report up to (YYYY-MM-DD; default: the system date)");
        weeks.format();
        weeks.width();
        weeks.footer(fmt::format("Exit status: 0 the weeks are printed; {}", usage_statuses));
    }

    int run(const Context& context) override {
        auto today = context.today();
        auto history = load_or_report(file_, today);
        auto a = assess(history, today, Findings::no);
        write_stdout(render_weeks(a.weeks, context.format(), context.style(), &a.timeline));
        return Exit::ok;
    }

private:
    std::string file_;
};

}  // namespace

std::unique_ptr<Handler> declare_weeks(Command& command) { return std::make_unique<WeeksCommand>(command); }

}  // namespace rkplan::cli
