#pragma once
/// \file assess.hpp
/// One assessment of a history: the weeks and their metrics, the phase timeline with each
/// week's caps, and the findings — computed once, read by every command and renderer.

#include <vector>

#include "rkplan/check.hpp"
#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/weeks.hpp"

namespace rkplan {

/// Everything later stages read about a history as of a date.
struct Assessment {
    /// The weeks of docs/manual/weeks.md; `baseline` and `change` are the rules' (docs/manual/weeks.md, revision 2:
    /// a week above its cap passes on its cap; after a break, none), as check judges them.
    WeeksReport weeks;
    PhaseTimeline timeline;
    std::vector<Finding> findings;
};

/// What to compute beyond the weeks and the timeline.
enum class Findings { yes, no };

/// Assesses `history` up to the week containing `today`. Pure.
Assessment assess(const History& history, Date today, Findings findings = Findings::yes);

}  // namespace rkplan
