#pragma once
/// \file calculator.hpp
/// The training-load calculator (`rkplan plan --from DISTANCE`): the progression the
/// planner gives a runner in a described state, without a history file. It builds a
/// history in that state and plans it with `make_plan`, so its weeks are the planner's:
/// same caps, same rules.

#include <optional>
#include <string>

#include "rkplan/date.hpp"
#include "rkplan/history.hpp"
#include "rkplan/plan.hpp"

namespace rkplan {

/// Where the runner stands: prevention mode (a healthy runner), or phase 4 of a return
/// to running (the run-walk ladder done, rebuilding distance).
enum class CalculatorStart { prevention, rebuild };

/// The state to plan from.
struct CalculatorInput {
    double weekly_distance = 0;          ///< run each of the last 4 weeks (> 0)
    std::optional<double> goal;          ///< goal_weekly
    Units units = Units::km;
    std::optional<double> max_weekly_increase;  ///< [rules] max_weekly_increase; default 0.10
    CalculatorStart start = CalculatorStart::prevention;
};

/// A history in the state `input` describes as of `today`: the 4 weeks before the week
/// containing `today` at `weekly_distance` each (3 pain-free runs a week), nothing logged
/// this week. For `rebuild`, an injury whose run-walk ladder was climbed and whose distance
/// was built up by the planner's own projection to `weekly_distance`, held 4 weeks.
struct CalculatorHistory {
    std::optional<History> history;
    std::string error;  ///< why no such history can be built (a value out of range)
};
CalculatorHistory calculator_history(const CalculatorInput& input, Date today);

/// `make_plan` of a calculator history, without the expected timeline to easy running
/// (the injury's dates are made up, so it would say nothing). Its weeks are make_plan's.
Plan calculator_plan(const History& history, Date today, int weeks);

}  // namespace rkplan
