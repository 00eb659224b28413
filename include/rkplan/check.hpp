#pragma once
/// \file check.hpp
/// The load rules of docs/manual/rules.md as findings, and the caps a week is held to.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/registry.hpp"
#include "rkplan/weeks.hpp"

namespace rkplan {

enum class Severity { info, warning, error };
std::string_view to_string(Severity s);

/// One broken rule, where it happened and the numbers involved.
struct Finding {
    std::string_view id;  ///< stable: "weekly-increase", "pain-signal", ... (to_string(rule))
    Severity severity = Severity::error;
    SourcePos pos;        ///< the entry that caused it
    std::string week;     ///< ISO week name
    Date date;            ///< the entry's date, or the week's first day
    std::string message;
    std::vector<std::pair<std::string, std::optional<double>>> values;
    RuleId rule = RuleId::weekly_increase;  ///< the rule, for code (the registry's entry)
};

/// What a week may hold under the rules, as the phase engine set it (WeekContext).
struct WeekCaps {
    bool referred = false;
    bool may_run = true;                  ///< false in phases 1-2 and while referred
    bool run_walk = false;                ///< phase 3: sessions by time
    std::optional<double> run_walk_distance;  ///< phase 3: the prescribed week as a distance
    std::optional<double> distance;       ///< the binding cap; absent in phase 3
    CapReason reason = CapReason::none;   ///< which limit binds `distance`
    bool restart = false;                 ///< the restart cap applies
    bool first_week = false;              ///< the first week on record: the cap is the plan's start
    std::optional<double> baseline;       ///< what the 10% rule measures against
    std::optional<double> increase_cap;   ///< the 10% rule's (or the restart) cap
    std::optional<double> acwr_cap;       ///< acwr_caution x the 4-week mean
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

/// Every finding of docs/manual/rules.md's table over the history, in file position order.
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
    /// Where the rule allows more than goal_weekly: what `rkplan plan` holds the week to.
    std::optional<double> plan_holds;
    /// What `rkplan plan` shows for the same week when it differs, and the cap of the
    /// current week the plan assumes finished (set by `explain_plan_difference`).
    std::optional<double> plan_shows;
    std::optional<double> current_cap;
    double current_logged = 0;
};

/// How worn a shoe is: below shoe_warn, past it, or past shoe_limit.
enum class ShoeLevel { fresh, warn, limit };
/// shoe-worn's severity: info past shoe_warn, warning past shoe_limit.
Severity shoe_severity(ShoeLevel level);

/// A shoe's wear: its distance now, and each run that took it past shoe_warn or shoe_limit
/// (RuleId::shoe_worn).
struct ShoeWear {
    struct Crossing {
        std::size_t run;  ///< index into History::runs
        ShoeLevel level;
        double total;     ///< the shoe's distance after that run
    };
    std::string name;
    double total = 0;
    ShoeLevel level = ShoeLevel::fresh;
    bool retired = false;  ///< retired by its last run's date
    std::vector<Crossing> crossings;
};
std::vector<ShoeWear> shoe_wear(const History& history);
/// "shoe "X" has 423 mi, past 373 mi: plan its replacement".
std::string shoe_message(std::string_view name, double total, ShoeLevel level, const History& history);

/// What `rkplan plan` holds a running week to below the rule's cap: goal_weekly, or the
/// baseline for a runner already above it — outside pullbacks, restarts and the first
/// week on record; nullopt where the plan takes the cap as it is.
std::optional<double> goal_hold(const WeekCaps& caps, const History& history);

/// What binds a week's cap, for messages: "cap", "restart cap", "pullback cap"...
std::string cap_reason_text(const WeekCaps& caps);

/// Judges a proposed next week against the history; the current week counts as logged so far.
NextVerdict judge_next_week(const History& history, Date today, double distance, double downhill,
                            double descent);

}  // namespace rkplan
