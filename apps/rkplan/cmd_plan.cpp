// `rkplan plan`: where the runner stands and what each coming week may hold, from a
// history or, with --from, from a weekly distance alone (calculator.hpp).
#include <fmt/format.h>

#include "command.hpp"
#include "io.hpp"
#include "rkplan/calculator.hpp"
#include "rkplan/plan.hpp"

namespace rkplan::cli {

namespace {

// `rkplan plan --from DISTANCE`: the calculator's options.
struct CalculatorOptions {
    std::string from_text, goal, units = "km", increase, phase = "prevention";
    std::vector<Option> options;  // the others, which need --from: --goal, --units, --increase, --phase
};

class PlanCommand final : public Handler {
public:
    explicit PlanCommand(Command& plan)
        : file_(plan.option("FILE", file_text_, "History file, or - for standard input (or --from instead)")),
          from_(plan.option("--from", calculator_.from_text,
                            "Plan without a history: the weekly distance run in each of the last 4 weeks")) {
        add_calculator_options(plan);
        plan.option("--weeks", weeks_, "How many weeks to plan, from the one containing --today (1-104)").range(1, 104);
        plan.today("The date to plan from (YYYY-MM-DD; default: the system date)");
        plan.format();
        plan.width();
        plan.footer(fmt::format("Exit status: 0 the plan is printed; {}\n{}", usage_statuses, guidance));
    }

    int run(const Context& context) override {
        auto today = context.today();
        if (from_.given() || !file_.given()) {
            if (file_.given()) throw UsageError("--from", "plans without a history: give FILE or --from, not both");
            auto history = calculator_history_of(today);
            write_stdout(render_plan(calculator_plan(history, today, weeks_), context.format(), context.style()));
            return Exit::ok;
        }
        for (const auto& o : calculator_.options)
            if (o.given()) throw UsageError(o.name(), "goes with --from, which plans without a history");
        auto history = load_or_report(file_text_, today);
        write_stdout(render_plan(make_plan(history, today, weeks_), context.format(), context.style()));
        return Exit::ok;
    }

private:
    std::string file_text_;
    int weeks_ = 8;
    CalculatorOptions calculator_;
    Option file_, from_;

    void add_calculator_options(Command& plan) {
        auto& o = calculator_;
        o.options = {
            plan.option("--goal", o.goal, "With --from: the goal weekly distance (goal_weekly)"),
            plan.option("--units", o.units, "With --from: km (default) or mi").one_of({"km", "mi"}),
            plan.option("--increase", o.increase,
                        "With --from: the weekly growth allowed (max_weekly_increase, default 0.10)"),
            plan.option("--phase", o.phase,
                        "With --from: prevention (a healthy runner, default) or 4 (rebuilding after the run-walk ladder)")
                .one_of({"prevention", "4"}),
        };
    }

    History calculator_history_of(Date today) const {
        const auto& o = calculator_;
        if (!from_.given()) throw UsageError("FILE", "give a history FILE, or --from DISTANCE to plan without one");
        CalculatorInput in;
        in.weekly_distance = parse_amount("--from", o.from_text);
        if (o.options[0].given()) in.goal = parse_amount("--goal", o.goal);
        in.units = o.units == "mi" ? Units::mi : Units::km;
        if (o.options[2].given()) in.max_weekly_increase = parse_amount("--increase", o.increase);
        in.start = o.phase == "4" ? CalculatorStart::rebuild : CalculatorStart::prevention;
        auto built = calculator_history(in, today);
        if (!built.history) throw EnvironmentError(built.error);
        return std::move(*built.history);
    }
};

}  // namespace

std::unique_ptr<Handler> declare_plan(Command& command) { return std::make_unique<PlanCommand>(command); }

}  // namespace rkplan::cli
