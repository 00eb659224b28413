#pragma once
/// \file phases.hpp
/// The return-to-run phase engine (docs/manual/rules.md): mode, phase, run-walk step, pullbacks,
/// downhill unlock, refer status and clearance, all derived from the history in date
/// order — and, from the state on each week's first day, the caps that week is held to.
/// The checker and the planner read these caps; neither computes a cap of its own.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rkplan/history.hpp"
#include "rkplan/weeks.hpp"

namespace rkplan {

enum class Mode { injury, prevention };
enum class Phase { settle, strength, run_walk, rebuild, cleared };

std::string_view to_string(Mode m);
/// "1", "2", "3", "4" or "cleared", as in JSON.
std::string_view to_string(Phase p);
/// "settle", "strength", "run-walk", "rebuild", "maintain".
std::string_view phase_name(Phase p);

/// The state of a runner at one moment.
struct PhaseState {
    Phase phase = Phase::settle;
    int step = 1;            ///< open run-walk ladder step, 1-based (phase 3)
    int streak = 0;          ///< passes in a row at the open step
    int fail_streak = 0;     ///< failing sessions in a row (phase 3)
    int strength_streak = 0; ///< qualifying pain-free strength sessions in a row (phase 2)
    bool referred = false;   ///< a red flag is open
    bool downhill_unlocked = false;
    int downhill_weeks = 0;  ///< consecutive weeks counting toward the downhill unlock
    bool in_pullback = false;
    std::optional<double> pullback_cap;  ///< distance cap of the pullback weeks
    int pullback_weeks_left = 0;         ///< pullback weeks still to come after this one
    /// Injury mode, before the injury's onset: the runner was healthy, and prevention
    /// mode's rules apply (a history kept from before the injury).
    bool before_onset = false;
    bool operator==(const PhaseState&) const = default;
};

/// The mode whose rules apply in state `s` of a history in mode `mode`.
inline Mode rules_mode(Mode mode, const PhaseState& s) { return s.before_onset ? Mode::prevention : mode; }

/// Phases 1 and 2 of injury mode, where no running is allowed (a red flag aside):
/// RuleId::running_too_early.
inline bool before_running(Mode mode, const PhaseState& s) {
    return rules_mode(mode, s) == Mode::injury && (s.phase == Phase::settle || s.phase == Phase::strength);
}

/// Phase 3 of injury mode: run-walk sessions by time.
inline bool in_run_walk(Mode mode, const PhaseState& s) {
    return rules_mode(mode, s) == Mode::injury && s.phase == Phase::run_walk;
}

/// Where the 10% rule applies: phase 4, cleared, or prevention mode.
inline bool running_regime(Mode mode, const PhaseState& s) {
    return rules_mode(mode, s) == Mode::prevention || s.phase == Phase::rebuild || s.phase == Phase::cleared;
}

/// Hard runs: after clearance (or in prevention mode), never in a pullback:
/// RuleId::hard_too_early.
inline bool hard_allowed(Mode mode, const PhaseState& s) {
    if (s.in_pullback || s.referred) return false;
    return rules_mode(mode, s) == Mode::prevention || s.phase == Phase::cleared;
}

/// Downhill: in prevention mode outside pullbacks; in injury mode once the downhill gate
/// has passed (phase 4 or cleared) and not re-locked since: RuleId::downhill_locked.
inline bool downhill_allowed(Mode mode, const PhaseState& s) {
    if (s.referred || s.in_pullback) return false;
    if (rules_mode(mode, s) == Mode::prevention) return true;
    return (s.phase == Phase::rebuild || s.phase == Phase::cleared) && s.downhill_unlocked;
}

/// Whether a run met its ladder step (phase 3).
enum class SessionResult { none, pass, fail, unlogged, below, above };

/// Why a phase-3 session is above the open step (run-walk-ahead), if it is.
enum class Ahead { no, ratio, continuous_early, too_long, too_many };

/// Why a run escalates (pain-rising), if it does.
enum class Escalation { no, severe, rising };

/// What the engine knew at one run.
struct RunContext {
    PhaseState state;            ///< in force when the run started
    int level = 0;               ///< the ladder step the session is at; 0 below the ladder
    SessionResult result = SessionResult::none;
    Ahead ahead = Ahead::no;     ///< phase 3: above the open step
    bool signal = false;         ///< pain or pain_after above pain_limit
    Escalation escalation = Escalation::no;
    /// The three rising pain values, oldest first (Escalation::rising).
    std::vector<double> rising;
    /// What the run lacks to count as evidence where the phase needs it ("pain and
    /// pain_after", "duration"); empty when nothing is missing.
    std::string missing_evidence;
    bool operator==(const RunContext&) const = default;
};

/// Which limit binds a week's distance cap.
enum class CapReason {
    none,        ///< no cap: the first week on record (its past is unknown), or phase 3
    no_running,  ///< phases 1-2, or referred: 0
    increase,    ///< the 10% rule over the baseline
    restart,     ///< the restart cap after a break or a lifted referral
    pullback,    ///< the pullback cap
    acwr,        ///< acwr_caution times the 4-week mean
};
std::string_view to_string(CapReason r);

/// What the engine knew at the first day of a week, and the caps it holds the week to.
struct WeekContext {
    PhaseState state;            ///< in force on the week's first day
    std::optional<double> pullback_cap;        ///< set on pullback weeks
    std::optional<double> pullback_reference;  ///< the last pain-free week's distance
    bool signal = false;         ///< the week holds an early signal
    /// The week an early signal fell in: the runs dated on or after this day count against
    /// `signal_pullback_cap` (the pullback starts the day after the signal).
    std::optional<Date> pullback_from;
    std::optional<double> signal_pullback_cap;
    std::optional<double> signal_pullback_reference;
    /// The phase on the week's last day, after its events (a change inside the week).
    Phase last_phase = Phase::settle;
    std::optional<Date> phase_changed_on;  ///< the day of the week's last change of phase
    bool referred_in_week = false;  ///< referred at any moment of the week
    Escalation escalation = Escalation::no;  ///< a `[[week]]` total's pain escalated

    // The caps (one computation for check, plan and check --next).
    bool first_week = false;      ///< the first week on record: no rule cap, the plan starts low
    bool restart = false;         ///< the restart cap applies
    bool restart_after_referral = false;  ///< ... because a referral was lifted (else a break)
    std::optional<double> baseline;      ///< what the 10% rule measures against
    std::optional<double> increase_cap;  ///< baseline x (1 + max_weekly_increase), or the restart cap
    bool acwr_applies = false;    ///< the acwr rule judges this week
    std::optional<double> chronic;       ///< the mean of the previous 4 weeks (acwr)
    std::optional<double> acwr_cap;      ///< acwr_caution x chronic
    std::optional<double> distance_cap;  ///< the binding cap (absent: none, or phase 3)
    CapReason cap_reason = CapReason::none;
    /// Phase 3: the prescribed week — run_days sessions from the open step — as a
    /// distance at the runner's run-walk pace.
    std::optional<double> run_walk_cap;
    std::vector<int> prescribed_steps;   ///< phase 3: the ladder step of each session
    double pace = 0;                     ///< distance per minute used for run_walk_cap
    /// What the week passes on as the next week's baseline: its distance, or its cap when
    /// it ran above it (revision 2).
    double passed_on = 0;
    bool operator==(const WeekContext&) const = default;
};

/// One change of phase, step, refer status or downhill lock, with what caused it.
struct Transition {
    Date date;
    SourcePos pos;
    std::string what;  ///< e.g. "phase 2 -> 3: a check-in with no exercise pain"
    bool operator==(const Transition&) const = default;
};

/// One clearance criterion as the latest check-in that tested it left it.
template <typename T>
struct Criterion {
    std::optional<T> value;
    std::optional<Date> date;
    bool met = false;
    bool operator==(const Criterion&) const = default;
};

/// The clearance criteria (docs/manual/rules.md, revision 2): each met by the latest check-in that
/// tested it, all within `clearance_window_days` of each other.
struct ClearanceStatus {
    Criterion<int> squats;
    Criterion<bool> stair_descent_pain;
    Criterion<double> strength_ratio;
    bool criteria_met = false;  ///< each met
    bool within_window = false; ///< and within the window of each other
    bool downhill_gate = false; ///< the downhill gate has passed (phase 4's structural test)
    bool cleared = false;       ///< the verdict: the runner is cleared
    bool operator==(const ClearanceStatus&) const = default;
};

/// The engine's account of a history.
struct PhaseTimeline {
    Mode mode = Mode::prevention;
    std::vector<RunContext> runs;    ///< parallel to History::runs
    std::vector<WeekContext> weeks;  ///< parallel to WeeksReport::weeks
    PhaseState now;                  ///< after every event up to `today`
    std::vector<Transition> transitions;
    std::optional<std::size_t> referring_checkin;  ///< the check-in whose red flag is open
    std::optional<Date> clearance_date;
    ClearanceStatus clearance;       ///< as of now
    /// Per check-in: the date a red flag it raised was resolved (a later check-in with no
    /// red flag and seen_clinician = true), if it was.
    std::vector<std::optional<Date>> red_flag_resolved;
    /// Injury mode: the phase in force `no_improvement_weeks` after treatment_start, once
    /// that date has come.
    std::optional<Phase> phase_at_improvement_due;
    /// The training volume the downhill gate measures against (goal_weekly, else the mean
    /// of the 4 weeks before onset); absent when neither is known.
    std::optional<double> downhill_volume;
};

/// Runs every event of the history in order (docs/manual/rules.md: by date; on one date check-ins,
/// then strength sessions, then runs, each in file order).
PhaseTimeline derive_phases(const History& history, const WeeksReport& weeks);

/// The downhill gate in words, for this history: "2 pain-free phase-4 weeks at 90% of the
/// training volume (goal_weekly, 40.0 km) or more", or without a volume "3 pain-free
/// phase-4 weeks" (docs/manual/rules.md, revision 2).
std::string downhill_gate_text(const History& history, const PhaseTimeline& timeline);

/// The 1-based ladder step a session reaches: a run-walk session by its ratio, a
/// continuous run by its duration; 0 if below the ladder or without the evidence.
int session_level(const Run& run, const std::vector<LadderStep>& ladder);

/// The first continuous step of the ladder, 1-based (step 6 of the default ladder).
int first_continuous_step(const std::vector<LadderStep>& ladder);

/// The ladder steps of the `sessions` sessions prescribed from step `step` with `streak`
/// passes already in a row: each planned session passes, so the step moves up after
/// `passes_per_step` of them (phase 3); past the last step's passes (phase 4 opens) the
/// week's sessions stay at the last step.
std::vector<int> prescribed_steps(int step, int streak, int sessions, const Rules& rules);

/// The runner's run-walk pace before `week_start`: the median distance per minute of the
/// run-walk and phase-3 runs with a duration in the 4 weeks before it; without one,
/// 8 min per km (13 min per mi).
double run_walk_pace(const History& history, Date week_start);

/// The distance of one session of ladder step `step` at `pace` (distance per minute),
/// rounded to a tenth, at least 0.1.
double session_distance(const LadderStep& step, double pace);

/// Share of the open step's running minutes a phase-3 session may run over before it is
/// above the step (a watch that stops at 21 minutes is not a longer session).
inline constexpr double session_minutes_tolerance = 0.1;

/// Days of the expected-timeline estimate (docs/manual/rules.md, strengthening): treatment within `early_days` of
/// onset: easy running 4-8 weeks after treatment_start; from `chronic_days` on: 3-12
/// months; in between the window grows in proportion.
struct TimelineWindows {
    static constexpr int early_days = 21;
    static constexpr int chronic_days = 90;
    static constexpr int early_from = 28, early_to = 56;
    static constexpr int chronic_from = 91, chronic_to = 365;
    static constexpr double days_per_month = 365.2425 / 12;  ///< for the windows in words
};

}  // namespace rkplan
