#include "rkplan/effect.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "rkplan/assess.hpp"

namespace rkplan {

namespace {

struct Account {
    std::vector<Finding> findings;
    PhaseTimeline timeline;
};

Account account_of(const History& h, Date today) {
    auto a = assess(h, today);
    return {std::move(a.findings), std::move(a.timeline)};
}

StatusSnapshot snapshot(const PhaseTimeline& t) {
    const auto& s = t.now;
    return {t.mode, s.before_onset, s.phase, s.step, s.referred, s.in_pullback, s.downhill_unlocked};
}

bool same_finding(const Finding& a, const Finding& b) {
    return std::tie(a.id, a.week, a.date, a.severity) == std::tie(b.id, b.week, b.date, b.severity);
}

bool same_transition(const Transition& a, const Transition& b) { return a.date == b.date && a.what == b.what; }

}  // namespace

std::string to_string(const StatusSnapshot& s) {
    std::string out;
    if (s.mode == Mode::prevention || s.before_onset)
        out = "prevention mode";
    else if (s.phase == Phase::cleared)
        out = "cleared (maintain)";
    else
        out = fmt::format("phase {} ({})", to_string(s.phase), phase_name(s.phase));
    if (s.mode == Mode::injury && !s.before_onset && s.phase == Phase::run_walk) out += fmt::format(", step {}", s.step);
    if (s.referred) out += ", referred";
    if (s.in_pullback) out += ", pullback";
    if (s.downhill_unlocked) out += ", downhill unlocked";
    return out;
}

EntryEffect entry_effect(const History& before, const History& after, Date today, int first_line, int last_line) {
    auto old = account_of(before, today);
    auto now = account_of(after, today);
    EntryEffect out;
    out.before = snapshot(old.timeline);
    out.after = snapshot(now.timeline);
    for (const auto& f : now.findings) {
        bool on_entry = f.pos.line >= first_line && f.pos.line <= last_line;
        bool fresh = std::none_of(old.findings.begin(), old.findings.end(),
                                  [&](const Finding& g) { return same_finding(f, g); });
        if (on_entry || fresh) out.findings.push_back(f);
    }
    for (const auto& t : now.timeline.transitions) {
        bool fresh = std::none_of(old.timeline.transitions.begin(), old.timeline.transitions.end(),
                                  [&](const Transition& u) { return same_transition(t, u); });
        if (fresh) out.changes.push_back(fmt::format("{}: {}", t.date.to_string(), t.what));
    }
    // Transitions that the entry removed: a step or a gate no longer reached.
    for (const auto& t : old.timeline.transitions) {
        bool gone = std::none_of(now.timeline.transitions.begin(), now.timeline.transitions.end(),
                                 [&](const Transition& u) { return same_transition(t, u); });
        if (gone) out.changes.push_back(fmt::format("{}: no longer: {}", t.date.to_string(), t.what));
    }
    if (!out.before.in_pullback && out.after.in_pullback) out.changes.push_back("a pullback started");
    if (out.before.in_pullback && !out.after.in_pullback) out.changes.push_back("the pullback ended");
    return out;
}

}  // namespace rkplan
