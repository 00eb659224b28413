#pragma once
/// \file projection.hpp
/// A history carried into the weeks ahead: the planner adds each planned week's entries
/// and moves on, and the same engine that judges the past (phases.hpp) takes them in —
/// week by week, without deriving the whole history again for each projected week.

#include <memory>

#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/weeks.hpp"

namespace rkplan {

/// The weeks and the phase timeline of a history as of the first day of a week ahead.
///
/// Made as of `today` it holds what `compute_weeks` and `derive_phases` give for that day
/// (a history without entries: the week containing `today`, with nothing in it). The
/// caller then adds entries to the open (last) week through `history()` — dated inside it
/// and after every entry already there — and calls `next_week()`, which takes them in and
/// opens the next week as of its first day. The weeks and the timeline are then those a
/// full derivation of the grown history gives on that day, except:
/// - a projected week carries its tallies (distance, runs, long run, descent, downhill,
///   hard sessions, pain), not the load models (acwr, ewma, ctl, session-RPE load ...):
///   the engine and the caps do not read them (the findings do: run `check_history` on a
///   whole derivation, not on a projection);
/// - the phase at the improvement due date is the one before the first `today` (it judges
///   what happened, not what is planned).
class Projection {
public:
    Projection(const History& history, Date today);
    ~Projection();
    Projection(const Projection&) = delete;
    Projection& operator=(const Projection&) = delete;

    /// The history, with what the caller has added to the open week.
    History& history();
    const History& history() const;
    const WeeksReport& weeks() const;
    const PhaseTimeline& timeline() const;

    /// Closes the open week with the entries added to it and opens the next one.
    void next_week();

private:
    struct State;
    std::unique_ptr<State> s_;
};

}  // namespace rkplan
