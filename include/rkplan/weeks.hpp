#pragma once
/// \file weeks.hpp
/// Weekly totals and the load metrics of docs/manual/weeks.md.

#include <optional>
#include <string>
#include <vector>

#include "rkplan/date.hpp"
#include "rkplan/diagnostic.hpp"
#include "rkplan/history.hpp"

namespace rkplan {

/// One calendar week of a history, from `week_start` for seven days.
struct WeekMetrics {
    Date start;                      ///< first day of the week
    std::string name;                ///< ISO week name, `2026-W41`
    bool from_totals = false;        ///< filed through a `[[week]]` entry
    std::optional<SourcePos> totals_pos;  ///< the `[[week]]` entry, if any
    std::vector<std::size_t> run_indices;  ///< indices into History::runs, in date then file order

    double distance = 0;
    std::optional<int> runs;          ///< absent for `[[week]]` totals
    std::optional<double> long_run;
    double descent = 0;               ///< unlogged descent counts 0
    double downhill = 0;
    int hard = 0;
    std::optional<double> pain;       ///< worst logged; absent if none logged
    std::optional<double> pain_after;
    std::optional<double> baseline;   ///< the distance `change` is measured against
    std::optional<double> change;
    std::optional<double> acwr;
    std::optional<double> acwr_ewma;
    std::optional<double> load;       ///< session-RPE load
    std::optional<double> monotony;
    std::optional<double> strain;
    std::optional<double> ctl;
    std::optional<double> atl;
    std::optional<double> tsb;
    std::optional<double> ramp;
    int srpe_missing = 0;             ///< with load_basis = "srpe": sessions lacking duration or rpe
};

/// All weeks from the week of the history's first entry to the week containing `today`.
struct WeeksReport {
    Units units = Units::km;
    LoadBasis load_basis = LoadBasis::distance;
    bool prevention = true;  ///< no `[injury]`
    Date today;
    std::vector<WeekMetrics> weeks;
};

/// Computes every week and metric of docs/manual/weeks.md. Pure: same history and date, same result.
WeeksReport compute_weeks(const History& history, Date today);

/// A week with nothing in it yet, from `start` (its first day) for seven days.
WeekMetrics empty_week(Date start, WeekStart week_start);

/// Adds run `index` (`run`) to the week's tallies: distance, runs, long run, descent,
/// downhill, hard sessions and the worst pain. Runs are added in date, then file order.
void tally_run(WeekMetrics& week, const Run& run, std::size_t index);

/// Files the week through a `[[week]]` total: its tallies are the total's.
void tally_total(WeekMetrics& week, const WeekTotal& total);

/// Foster 1998 monotony of daily loads: mean / population standard deviation, capped at
/// `max_monotony`; absent when every load is 0.
std::optional<double> monotony_of(const std::vector<double>& daily_loads);
inline constexpr double max_monotony = 10.0;

/// The median of `values` (the mean of the two middle ones for an even count); nullopt
/// when there are none.
std::optional<double> median_of(std::vector<double> values);

}  // namespace rkplan
