#include "rkplan/calculator.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "rkplan/text.hpp"
#include "rkplan/weeks.hpp"

namespace rkplan {

namespace {

constexpr int weeks_held = 4;         // weeks at the current distance before today's week
constexpr int runs_per_week = 3;      // pain-free runs a held week is split into
constexpr int run_days[runs_per_week] = {0, 2, 4};
constexpr int ladder_weeks_allowance = 8;  // phase 3 at run_days sessions a week, with room
constexpr int max_build_weeks = 520;
constexpr double smallest_start = 1.0;  // the least weekly distance phase 4 is assumed to grow from
constexpr double same_distance = 0.05;

Run held_run(Date date, double distance) {
    Run r;
    r.date = date;
    r.distance = distance;
    r.pain = 0;
    r.pain_after = 0;
    return r;
}

// `weeks_held` weeks of `distance` before the week containing `today`, as whole tenths.
void add_held_weeks(History& h, double distance, Date today) {
    Date this_week = week_start_of(today, h.runner.week_start);
    long tenths = std::lround(distance * 10);
    for (int k = weeks_held; k >= 1; --k) {
        Date start = this_week - 7 * k;
        for (int i = 0; i < runs_per_week; ++i) {
            long share = tenths / runs_per_week + (i < tenths % runs_per_week ? 1 : 0);
            if (share > 0) h.runs.push_back(held_run(start + run_days[i], static_cast<double>(share) / 10));
        }
    }
}

std::string check_input(const CalculatorInput& in, const History& h) {
    auto max_week = max_week_distance(in.units);
    auto u = to_string(in.units);
    if (!(in.weekly_distance > 0) || in.weekly_distance > max_week)
        return fmt::format("--from {}: expected a weekly distance above 0 and at most {} {}",
                           format_shortest(in.weekly_distance), format_shortest(max_week), u);
    if (in.goal && (!(*in.goal > 0) || *in.goal > max_week))
        return fmt::format("--goal {}: expected a weekly distance above 0 and at most {} {}", format_shortest(*in.goal),
                           format_shortest(max_week), u);
    if (in.max_weekly_increase && !(*in.max_weekly_increase >= 0 && *in.max_weekly_increase <= 0.5))
        return fmt::format("--increase {}: expected a share from 0 to 0.5, such as 0.10 for 10%",
                           format_shortest(*in.max_weekly_increase));
    if (in.start == CalculatorStart::rebuild && h.rules.max_weekly_increase <= 0)
        return "--phase 4 with --increase 0: phase 4 could never have been built up to that distance";
    return "";
}

// Weeks of projection that surely reach `distance` in phase 4 from the ladder's end.
int build_weeks(double distance, double increase) {
    double growth = std::ceil(std::log(std::max(distance, smallest_start) / smallest_start) / std::log1p(increase));
    return std::min(max_build_weeks, ladder_weeks_allowance + static_cast<int>(growth) + weeks_held + 2);
}

// The week totals of `h` for the `weeks_held` weeks before `today`'s week.
bool holds(const History& h, double distance, Date today) {
    Date this_week = week_start_of(today, h.runner.week_start);
    for (int k = 1; k <= weeks_held; ++k) {
        Date start = this_week - 7 * k;
        double sum = 0;
        for (const auto& r : h.runs)
            if (r.date >= start && r.date < start + 7) sum += r.distance;
        if (std::fabs(sum - distance) > same_distance) return false;
    }
    return true;
}

// Phase 4: an injury whose phases 1-3 pass on its first day, projected by the planner
// itself until it holds `distance` (then its goal) for `weeks_held` weeks.
CalculatorHistory rebuilt(History h, const CalculatorInput& in, Date today) {
    int n = build_weeks(in.weekly_distance, h.rules.max_weekly_increase);
    Date this_week = week_start_of(today, h.runner.week_start);
    Date onset = this_week - 7 * n;
    h.injury = Injury{onset, onset, std::nullopt, {}};
    Checkin walking;
    walking.date = onset;
    walking.walking_pain = false;
    walking.stairs_pain = false;
    Checkin exercise;
    exercise.date = onset;
    exercise.exercise_pain = false;
    h.checkins = {walking, exercise};
    auto goal = h.runner.goal_weekly;
    h.runner.goal_weekly = in.weekly_distance;
    History projected;
    make_plan(h, onset, n, &projected);
    projected.runner.goal_weekly = goal;
    if (!holds(projected, in.weekly_distance, today))
        return {std::nullopt, fmt::format("phase 4 cannot be built up to {} {} a week with an increase of {} within "
                                          "{} weeks",
                                          format_shortest(in.weekly_distance), to_string(in.units),
                                          format_shortest(h.rules.max_weekly_increase), n)};
    return {std::move(projected), ""};
}

}  // namespace

CalculatorHistory calculator_history(const CalculatorInput& in, Date today) {
    History h;
    h.source = "<calculator>";
    h.runner.units = in.units;
    h.runner.goal_weekly = in.goal;
    h.rules = Rules::defaults_for(in.units);
    if (in.max_weekly_increase) h.rules.max_weekly_increase = *in.max_weekly_increase;
    if (auto error = check_input(in, h); !error.empty()) return {std::nullopt, error};
    if (in.start == CalculatorStart::rebuild) return rebuilt(std::move(h), in, today);
    add_held_weeks(h, in.weekly_distance, today);
    return {std::move(h), ""};
}

Plan calculator_plan(const History& history, Date today, int weeks) {
    auto plan = make_plan(history, today, weeks);
    plan.timeline_from.reset();
    plan.timeline_to.reset();
    plan.timeline_basis.clear();
    return plan;
}

}  // namespace rkplan
