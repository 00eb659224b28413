#pragma once
/// \file check.hpp
/// The load rules of SPEC §3 as findings, and the caps a week is held to.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/weeks.hpp"

namespace rkplan {

enum class Severity { info, warning, error };
std::string_view to_string(Severity s);

/// One broken rule, where it happened and the numbers involved.
struct Finding {
    std::string_view id;  ///< stable: "weekly-increase", "pain-signal", ...
    Severity severity = Severity::error;
    SourcePos pos;        ///< the entry that caused it
    std::string week;     ///< ISO week name
    Date date;            ///< the entry's date, or the week's first day
    std::string message;
    std::vector<std::pair<std::string, std::optional<double>>> values;
};

/// What a week may hold under the rules, given everything before it.
struct WeekCaps {
    bool referred = false;
    bool may_run = true;                  ///< false in phases 1-2 and while referred
    bool run_walk = false;                ///< phase 3: sessions by time, no distance cap
    std::optional<double> distance;       ///< absent where no cap applies (phase 3, a restart)
    std::optional<double> baseline;       ///< what the 10% rule measures against
    std::optional<double> pullback_cap;   ///< on pullback weeks
    bool downhill_allowed = false;
    double downhill = 0;                  ///< cap, for the week's distance given
    double descent = 0;
    bool hard_allowed = false;
};

/// The caps of week `wi` of `weeks`, for a week of `distance` (the downhill and descent
/// introduction allowances scale with the week's distance).
WeekCaps week_caps(const History& history, const WeeksReport& weeks, const PhaseTimeline& timeline,
                   std::size_t wi, double distance);

/// Every finding of SPEC §3's table over the history, in file position order.
std::vector<Finding> check_history(const History& history, const WeeksReport& weeks,
                                   const PhaseTimeline& timeline);

/// The verdict on a proposed total for the week after the one containing `today`.
struct NextVerdict {
    std::string week;
    Date start;
    double distance = 0;
    double downhill = 0;
    double descent = 0;
    bool ok = true;
    WeekCaps caps;
    std::vector<std::string> reasons;  ///< why not, when not ok
};

/// Judges a proposed next week against the history; the current week counts as logged so far.
NextVerdict judge_next_week(const History& history, Date today, double distance, double downhill,
                            double descent);

}  // namespace rkplan
