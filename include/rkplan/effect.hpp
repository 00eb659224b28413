#pragma once
/// \file effect.hpp
/// What one new or edited entry means (`rkplan log`): the findings it causes and what it
/// changes in the runner's status, from the history before and after it.

#include <string>
#include <vector>

#include "rkplan/check.hpp"
#include "rkplan/date.hpp"
#include "rkplan/diagnostic.hpp"
#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"

namespace rkplan {

/// The runner's status in a few fields, as a change can show it.
struct StatusSnapshot {
    Mode mode = Mode::prevention;
    bool before_onset = false;
    Phase phase = Phase::settle;
    int step = 1;
    bool referred = false;
    bool in_pullback = false;
    bool downhill_unlocked = false;
    bool operator==(const StatusSnapshot&) const = default;
};

/// "phase 3 (run-walk), step 2", "prevention mode", with ", referred", ", pullback" added.
std::string to_string(const StatusSnapshot& s);

/// The consequences of an entry.
struct EntryEffect {
    std::vector<Finding> findings;      ///< of the history after, caused by the entry
    std::vector<std::string> changes;   ///< "2026-11-20: run-walk step 2 -> 3", in date order
    StatusSnapshot before, after;
};

/// Compares `before` and `after` (the same history, one entry added or edited; both
/// checked up to `today`). A finding is the entry's when it lies on the entry's lines
/// (`first_line` to `last_line` of the text after), or when the history before had no
/// finding of the same id, severity, week and date (a finding elsewhere whose numbers
/// merely changed is not the entry's). A change is a transition of the phase
/// engine (a step opened or lost, a phase gate, a pullback, a referral) that the history
/// before did not have.
EntryEffect entry_effect(const History& before, const History& after, Date today, int first_line, int last_line);

}  // namespace rkplan
