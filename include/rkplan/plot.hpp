#pragma once
/// \file plot.hpp
/// `rkplan plot`: the history and the plan as one SVG chart.

#include <cstddef>
#include <string>
#include <string_view>

#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/weeks.hpp"

namespace rkplan {

/// The chart's fixed size in pixels; the weeks share its width.
inline constexpr int plot_width = 1000;
inline constexpr int plot_height = 560;
/// Logged weeks shown at most (the latest ones); the plan's weeks come after them.
inline constexpr std::size_t plot_max_logged_weeks = 52;

/// A self-contained SVG chart (no scripts, no external fonts) of a history and its plan:
/// weekly distance bars (logged weeks solid, the plan's weeks as hatched bars up to their
/// cap), downhill distance inside the bars, descent in a strip below, the 10%-rule cap as
/// a step line, phase bands in injury mode, pain markers on weeks whose pain or
/// pain_after is above `pain_limit`, and the rolling ACWR on a right-hand axis with its
/// 0.8-1.3 band and the `acwr_high` line. `weeks` and `timeline` are those of `history`
/// up to the plan's `today`. Pure: the same input gives the same bytes.
std::string render_plot_svg(const History& history, const WeeksReport& weeks, const PhaseTimeline& timeline,
                            const Plan& plan);

/// `text` as XML character data or an attribute value: `& < > " '` escaped, characters
/// XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF) replaced.
std::string xml_escape(std::string_view text);

}  // namespace rkplan
