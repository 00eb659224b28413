#include "rkplan/assess.hpp"

namespace rkplan {

Assessment assess(const History& history, Date today, Findings findings) {
    Assessment a;
    a.weeks = compute_weeks(history, today);
    a.timeline = derive_phases(history, a.weeks);
    // The baseline and change a week is judged by are the engine's: the same numbers in
    // `weeks`, `check` and `plan`.
    for (std::size_t wi = 0; wi < a.weeks.weeks.size(); ++wi) {
        auto& w = a.weeks.weeks[wi];
        const auto& c = a.timeline.weeks[wi];
        bool judged = c.cap_reason != CapReason::no_running && !c.run_walk_cap;
        w.baseline = judged ? c.baseline : w.baseline;
        w.change = w.baseline && *w.baseline > 0 ? std::optional<double>(w.distance / *w.baseline - 1) : std::nullopt;
    }
    if (findings == Findings::yes) a.findings = check_history(history, a.weeks, a.timeline);
    return a;
}

}  // namespace rkplan
