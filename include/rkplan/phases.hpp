#pragma once
/// \file phases.hpp
/// The return-to-run phase engine (SPEC §3): mode, phase, run-walk step, pullbacks,
/// downhill unlock and refer status, all derived from the history in date order.

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
    int streak = 0;          ///< passes in a row at or above the open step
    int strength_streak = 0; ///< pain-free strength sessions in a row (phase 2)
    bool referred = false;   ///< a red flag is open
    bool downhill_unlocked = false;
    int downhill_weeks = 0;  ///< consecutive weeks counting toward the downhill unlock
    bool in_pullback = false;
    std::optional<double> pullback_cap;  ///< distance cap of the pullback weeks
    int pullback_weeks_left = 0;         ///< pullback weeks still to come after this one
    /// Injury mode, before the injury's onset: the runner was healthy, and prevention
    /// mode's rules apply (a history kept from before the injury).
    bool before_onset = false;
};

/// The mode whose rules apply in state `s` of a history in mode `mode`.
inline Mode rules_mode(Mode mode, const PhaseState& s) { return s.before_onset ? Mode::prevention : mode; }

/// Phases 1 and 2 of injury mode, where no running is allowed (a red flag aside).
inline bool before_running(Mode mode, const PhaseState& s) {
    return rules_mode(mode, s) == Mode::injury && (s.phase == Phase::settle || s.phase == Phase::strength);
}

/// Whether a run met its ladder step (phase 3).
enum class SessionResult { none, pass, fail, unlogged, below };

/// What the engine knew at one run.
struct RunContext {
    PhaseState state;            ///< in force when the run started
    int level = 0;               ///< the ladder step the session is at; 0 below the ladder
    SessionResult result = SessionResult::none;
    bool signal = false;         ///< pain or pain_after above pain_limit
};

/// What the engine knew at the first day of a week.
struct WeekContext {
    PhaseState state;            ///< in force on the week's first day
    std::optional<double> pullback_cap;  ///< set on pullback weeks
    std::optional<double> pullback_reference;  ///< the last pain-free week's distance
    bool signal = false;         ///< the week holds an early signal
};

/// One change of phase, step, refer status or downhill lock, with what caused it.
struct Transition {
    Date date;
    SourcePos pos;
    std::string what;  ///< e.g. "phase 2 -> 3: a check-in with no exercise pain"
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
};

/// Runs every event of the history in order (SPEC §3: by date; on one date check-ins,
/// then strength sessions, then runs, each in file order).
PhaseTimeline derive_phases(const History& history, const WeeksReport& weeks);

/// The 1-based ladder step a session reaches: a run-walk session by its ratio, a
/// continuous run by its duration; 0 if below the ladder or without the evidence.
int session_level(const Run& run, const std::vector<LadderStep>& ladder);

/// The first continuous step of the ladder, 1-based (step 6 of the default ladder).
int first_continuous_step(const std::vector<LadderStep>& ladder);

}  // namespace rkplan
