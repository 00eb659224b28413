#include "rkplan/check.hpp"
#include "rkplan/projection.hpp"
#include "rkplan/registry.hpp"
#include "rkplan/text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace rkplan {

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "?";
}

namespace {

// Exactly at a cap is allowed: floating-point products such as 20 × 1.1 must not turn an
// exact 10% into a violation.
bool over(double value, double cap) { return value > cap + 1e-9 * std::max(1.0, std::fabs(cap)); }

std::string percent(double share) { return format_distinct(share * 100, 0) + "%"; }

std::string_view kind_article(RunKind k) {
    return k == RunKind::easy || k == RunKind::intervals ? "an" : "a";
}

std::string phase_label(Phase p) {
    return p == Phase::cleared ? "cleared" : fmt::format("phase {} ({})", to_string(p), phase_name(p));
}

class Checker {
public:
    Checker(const History& h, const WeeksReport& w, const PhaseTimeline& t)
        : h_(h), w_(w), t_(t), r_(h.rules), units_(to_string(h.runner.units)),
          elev_(elevation_unit(h.runner.units)) {
        // maintenance() asks every week for its strength sessions: file them once, not
        // once per week (a 20-year history has about 1,000 weeks and 2,000 sessions).
        strength_sessions_.assign(w_.weeks.size(), 0);
        first_strength_pos_.assign(w_.weeks.size(), std::nullopt);
        for (const auto& s : h_.strength) {
            if (!first_strength_date_ || s.date < *first_strength_date_) first_strength_date_ = s.date;
            if (w_.weeks.empty() || s.date < w_.weeks.front().start) continue;
            auto wi = week_index(s.date);
            if (wi >= w_.weeks.size()) continue;
            if (strength_sessions_[wi]++ == 0) first_strength_pos_[wi] = s.pos;
        }
    }

    std::vector<Finding> run() {
        if (w_.weeks.empty()) {  // no entry falls in a week up to today
            no_improvement();
            return std::move(out_);
        }
        for (std::size_t wi = 0; wi < w_.weeks.size(); ++wi) week(wi);
        checkins();
        shoes();
        no_improvement();
        // Chronological, like the training itself; one date's findings in file order.
        std::stable_sort(out_.begin(), out_.end(), [](const Finding& a, const Finding& b) {
            if (a.date != b.date) return a.date < b.date;
            return a.pos < b.pos;
        });
        return std::move(out_);
    }

private:
    const History& h_;
    const WeeksReport& w_;
    const PhaseTimeline& t_;
    const Rules& r_;
    std::string_view units_, elev_;
    std::vector<Finding> out_;
    std::vector<int> strength_sessions_;                     // per week
    std::vector<std::optional<SourcePos>> first_strength_pos_;  // per week, in file order
    std::optional<Date> first_strength_date_;

    // The rules of week `wi`, by its first day: prevention mode before an injury's onset.
    Mode week_mode(std::size_t wi) const { return rules_mode(t_.mode, t_.weeks[wi].state); }

    Finding& add(RuleId id, Severity sev, SourcePos pos, std::size_t wi, Date date, std::string message) {
        return add_in(id, sev, pos, w_.weeks[wi].name, date, std::move(message));
    }

    Finding& add_in(RuleId id, Severity sev, SourcePos pos, std::string week, Date date,
                    std::string message) {
        out_.push_back({to_string(id), sev, pos, std::move(week), date, std::move(message), {}, id});
        return out_.back();
    }

    void week(std::size_t wi) {
        const auto& wk = w_.weeks[wi];
        auto caps = week_caps(h_, w_, t_, wi, wk.distance);
        for (auto i : wk.run_indices) run(i, wi);
        if (wk.from_totals) totals(wi, caps);
        weekly_increase(wi);
        pullback(wi, caps);
        downhill_increase(wi, caps);
        acwr(wi);
        maintenance(wi);
    }

    // Where a weekly amount first went over `cap`: the run that crossed it, or the total.
    template <typename Get>
    std::pair<SourcePos, Date> crossing_by(std::size_t wi, double cap, Get get) const {
        const auto& wk = w_.weeks[wi];
        if (wk.from_totals) return {*wk.totals_pos, wk.start};
        double sum = 0;
        for (auto i : wk.run_indices) {
            sum += get(h_.runs[i]);
            if (over(sum, cap)) return {h_.runs[i].pos, h_.runs[i].date};
        }
        return last_entry(wi);
    }

    // The week's last entry: its last run, or its [[week]] total.
    std::pair<SourcePos, Date> last_entry(std::size_t wi) const {
        const auto& wk = w_.weeks[wi];
        if (wk.from_totals) return {*wk.totals_pos, wk.start};
        if (wk.run_indices.empty()) return {SourcePos{1, 1}, wk.start};
        const auto& last = h_.runs[wk.run_indices.back()];
        return {last.pos, last.date};
    }

    void weekly_increase(std::size_t wi) {
        const auto& wk = w_.weeks[wi];
        const auto& c = t_.weeks[wi];
        if (c.first_week || !c.increase_cap || !over(wk.distance, *c.increase_cap)) return;
        double cap = *c.increase_cap;
        auto [pos, date] = crossing_by(wi, cap, [](const Run& r) { return r.distance; });
        if (c.restart) {
            auto& f = add(RuleId::weekly_increase, Severity::error, pos, wi, date,
                          fmt::format("{} {} is above the restart cap of {} {} (the first week after {})",
                                      format_distinct(wk.distance), units_, format_distinct(cap), units_,
                                      c.restart_after_referral ? "a referral was lifted" : "a break of more than 4 weeks"));
            f.values = {{"distance", wk.distance}, {"baseline", std::nullopt}, {"cap", cap}};
            return;
        }
        auto& f = add(RuleId::weekly_increase, Severity::error, pos, wi, date,
                      fmt::format("{} {} is {} above {} {} (cap {} {})", format_distinct(wk.distance), units_,
                                  percent(wk.distance / *c.baseline - 1), format_distinct(*c.baseline), units_, format_distinct(cap), units_));
        f.values = {{"distance", wk.distance}, {"baseline", *c.baseline}, {"cap", cap}};
    }

    void pullback(std::size_t wi, const WeekCaps& caps) {
        const auto& wk = w_.weeks[wi];
        const auto& ctx = t_.weeks[wi];
        if (ctx.pullback_from && !wk.from_totals) signal_week_pullback(wi);
        if (!caps.pullback_cap || !over(wk.distance, *caps.pullback_cap)) return;
        auto [pos, date] = crossing_by(wi, *caps.pullback_cap, [](const Run& r) { return r.distance; });
        auto& f = add(RuleId::pullback_ignored, Severity::error, pos, wi, date,
                      fmt::format("{} {} in a pullback week, above its cap of {} {} ({}% of {} {})",
                                  format_distinct(wk.distance), units_, format_distinct(*caps.pullback_cap), units_,
                                  format_fixed(r_.pullback_factor * 100, 0), format_distinct(ctx.pullback_reference.value_or(0)), units_));
        f.values = {{"distance", wk.distance}, {"cap", *caps.pullback_cap}, {"reference", ctx.pullback_reference}};
    }

    // The week of an early signal: the runs from the day after the signal on count
    // against the pullback cap (docs/manual/rules.md, revision 2).
    void signal_week_pullback(std::size_t wi) {
        const auto& ctx = t_.weeks[wi];
        double cap = *ctx.signal_pullback_cap, sum = 0;
        for (auto i : w_.weeks[wi].run_indices) {
            const auto& r = h_.runs[i];
            if (r.date < *ctx.pullback_from) continue;
            sum += r.distance;
            if (!over(sum, cap)) continue;
            auto& f = add(RuleId::pullback_ignored, Severity::error, r.pos, wi, r.date,
                          fmt::format("{} {} since the pullback began on {}, above its cap of {} {} ({}% of {} {})",
                                      format_distinct(sum), units_, ctx.pullback_from->to_string(), format_distinct(cap), units_,
                                      format_fixed(r_.pullback_factor * 100, 0), format_distinct(ctx.signal_pullback_reference.value_or(0)),
                                      units_));
            f.values = {{"distance", sum}, {"cap", cap}, {"reference", ctx.signal_pullback_reference}};
            return;
        }
    }

    void downhill_increase(std::size_t wi, const WeekCaps& caps) {
        const auto& wk = w_.weeks[wi];
        if (!caps.downhill_allowed) return;  // downhill-locked speaks for locked weeks
        auto sev = week_mode(wi) == Mode::prevention ? Severity::warning : Severity::error;
        double prev_downhill = wi > 0 ? w_.weeks[wi - 1].downhill : 0;
        double prev_descent = wi > 0 ? w_.weeks[wi - 1].descent : 0;
        if (over(wk.downhill, caps.downhill)) {
            auto [pos, date] = crossing_by(wi, caps.downhill, [](const Run& r) { return r.downhill.value_or(0); });
            auto& f = add(RuleId::downhill_increase, sev, pos, wi, date,
                          fmt::format("{} {} downhill is above its cap of {} {} (previous week {} {} +{}%, "
                                      "or {}% of the week's {} {})",
                                      format_distinct(wk.downhill), units_, format_distinct(caps.downhill), units_,
                                      format_distinct(prev_downhill), units_, format_fixed(r_.max_weekly_increase * 100, 0),
                                      format_fixed(r_.downhill_intro_share * 100, 0), format_distinct(wk.distance), units_));
            f.values = {{"downhill", wk.downhill}, {"previous", prev_downhill}, {"cap", caps.downhill}};
        }
        if (over(wk.descent, caps.descent)) {
            auto [pos, date] = crossing_by(wi, caps.descent, [](const Run& r) { return r.descent.value_or(0); });
            auto& f = add(RuleId::downhill_increase, sev, pos, wi, date,
                          fmt::format("{} {} descent is above its cap of {} {} (previous week {} {} +{}%, "
                                      "or {} {} per {} of the week's {} {})",
                                      format_distinct(wk.descent, 0), elev_, format_distinct(caps.descent, 0), elev_,
                                      format_distinct(prev_descent, 0), elev_, format_fixed(r_.max_weekly_increase * 100, 0),
                                      format_distinct(r_.descent_intro, 0), elev_, units_, format_distinct(wk.distance), units_));
            f.values = {{"descent", wk.descent}, {"previous", prev_descent}, {"cap", caps.descent}};
        }
    }

    void acwr(std::size_t wi) {
        const auto& wk = w_.weeks[wi];
        const auto& c = t_.weeks[wi];
        // Only where the 10% rule held the 4 weeks before: across phase 3 or a break the
        // ratio means nothing.
        if (!c.acwr_applies || !wk.acwr || wk.distance <= 0) return;
        double chronic = *c.chronic;
        if (over(*wk.acwr, r_.acwr_high)) {
            auto at = crossing_by(wi, r_.acwr_high * chronic, [](const Run& r) { return r.distance; });
            auto& f = add(RuleId::acwr_high, Severity::warning, at.first, wi, at.second,
                          fmt::format("acute:chronic ratio {} is above {} ({} {} against a 4-week mean "
                                      "of {} {})",
                                      format_fixed(*wk.acwr, 2), format_fixed(r_.acwr_high, 2), format_distinct(wk.distance), units_,
                                      format_distinct(chronic), units_));
            f.values = {{"acwr", *wk.acwr}, {"limit", r_.acwr_high}};
        } else if (over(*wk.acwr, r_.acwr_caution)) {
            auto at = crossing_by(wi, r_.acwr_caution * chronic, [](const Run& r) { return r.distance; });
            auto& f = add(RuleId::acwr_high, Severity::info, at.first, wi, at.second,
                          fmt::format("acute:chronic ratio {} is above the caution level {}", format_fixed(*wk.acwr, 2),
                                      format_fixed(r_.acwr_caution, 2)));
            f.values = {{"acwr", *wk.acwr}, {"limit", r_.acwr_caution}};
        }
    }

    void maintenance(std::size_t wi) {
        const auto& wk = w_.weeks[wi];
        if (wi + 1 == w_.weeks.size()) return;  // the current week is still under way
        bool cleared = week_mode(wi) == Mode::injury && t_.weeks[wi].state.phase == Phase::cleared;
        bool prevention_habit = week_mode(wi) == Mode::prevention && first_strength_date_ &&
                                wk.start >= week_start_of(*first_strength_date_, h_.runner.week_start);
        if (!cleared && !prevention_habit) return;
        // The week the injury began is no healthy runner's maintenance week.
        if (h_.injury && h_.injury->onset >= wk.start && h_.injury->onset < wk.start + 7) return;
        int sessions = strength_sessions_[wi];
        // At the week's first strength session, else its first entry, else the first strength
        // entry (a cleared runner may have logged none: then the top of the file).
        SourcePos pos = h_.strength.empty() ? SourcePos{1, 1} : h_.strength.front().pos;
        if (wk.from_totals) pos = *wk.totals_pos;
        else if (!wk.run_indices.empty()) pos = h_.runs[wk.run_indices.front()].pos;
        if (first_strength_pos_[wi]) pos = *first_strength_pos_[wi];
        if (sessions >= r_.maintenance_sessions) return;
        auto& f = add(RuleId::maintenance_low, Severity::info, pos, wi, wk.start,
                      fmt::format("{} strength session{} logged, fewer than the {} a week that keep the hips "
                                  "strong",
                                  sessions, sessions == 1 ? "" : "s", r_.maintenance_sessions));
        f.values = {{"sessions", sessions}, {"target", r_.maintenance_sessions}};
    }

    void run(std::size_t i, std::size_t wi) {
        const auto& r = h_.runs[i];
        const auto& ctx = t_.runs[i];
        const auto& s = ctx.state;
        const Mode mode = rules_mode(t_.mode, s);
        // Built only for a finding: most runs break no rule.
        auto what = [&] {
            return fmt::format("{} {} run of {} {}", kind_article(r.kind), to_string(r.kind), format_distinct(r.distance), units_);
        };
        too_early(r, s, wi, what);
        if (!s.referred && in_run_walk(t_.mode, s)) run_walk_ahead(r, ctx, wi);
        if (!ctx.missing_evidence.empty()) {
            auto& f = add(RuleId::evidence_missing, Severity::info, r.pos, wi, r.date,
                          fmt::format("{} on {} logs no {}: it cannot count toward {}", what(), r.date.to_string(),
                                      ctx.missing_evidence,
                                      s.phase == Phase::run_walk ? "the run-walk ladder" : "the downhill gate"));
            f.values = {};
        }
        bool may_descend = downhill_allowed(mode, s);
        double descent = r.descent.value_or(0), downhill = r.downhill.value_or(0);
        if (!may_descend && (descent > 0 || downhill > 0)) {
            auto& f = add(RuleId::downhill_locked, Severity::error, r.pos, wi, r.date,
                          fmt::format("{} {} descent and {} {} downhill on {} while downhill is locked ({})",
                                      format_distinct(descent, 0), elev_, format_distinct(downhill), units_, r.date.to_string(),
                                      locked_reason(s)));
            f.values = {{"descent", descent}, {"downhill", downhill}};
        }
        if (is_hard(r.kind) && !hard_allowed(mode, s) && !s.referred) {
            auto& f = add(RuleId::hard_too_early, Severity::error, r.pos, wi, r.date,
                          fmt::format("{} on {} {}", what(), r.date.to_string(),
                                      s.in_pullback ? "during a pullback" : "before clearance (" +
                                                                                phase_label(s.phase) + ")"));
            f.values = {{"distance", r.distance}};
        }
        if (ctx.signal) {
            std::string parts;
            if (r.pain && *r.pain > r_.pain_limit) parts = fmt::format("pain {} during the run", format_distinct(*r.pain, 0));
            if (r.pain_after && *r.pain_after > r_.pain_limit)
                parts += (parts.empty() ? "" : " and ") + fmt::format("pain {} the next morning", format_distinct(*r.pain_after, 0));
            auto& f = add(RuleId::pain_signal, Severity::warning, r.pos, wi, r.date,
                          fmt::format("{} on {}: {}, above the limit of {}", what(), r.date.to_string(), parts,
                                      format_distinct(r_.pain_limit, 0)));
            f.values = {{"pain", r.pain}, {"pain_after", r.pain_after}, {"limit", r_.pain_limit}};
        }
        escalation(ctx.escalation, ctx.rising, r.pos, wi, r.date,
                   std::max(r.pain.value_or(0), r.pain_after.value_or(0)));
    }

    template <typename What>
    void too_early(const Run& r, const PhaseState& s, std::size_t wi, What what) {
        if (s.referred) {
            auto& f = add(RuleId::running_too_early, Severity::error, r.pos, wi, r.date,
                          fmt::format("{} on {} while referred to a clinician for a red flag", what(),
                                      r.date.to_string()));
            f.values = {{"distance", r.distance}};
            auto& g = add(RuleId::red_flag, Severity::error, r.pos, wi, r.date,
                          fmt::format("{} logged while a red flag is open: no running until a clinician has seen "
                                      "the knee",
                                      what()));
            g.values = {{"distance", r.distance}};
        } else if (before_running(t_.mode, s)) {
            auto& f = add(RuleId::running_too_early, Severity::error, r.pos, wi, r.date,
                          fmt::format("{} on {} in {}: running starts in phase 3 with run-walk", what(),
                                      r.date.to_string(), phase_label(s.phase)));
            f.values = {{"distance", r.distance}};
        }
    }

    std::string locked_reason(const PhaseState& s) const {
        if (s.referred) return "a red flag is open";
        if (s.in_pullback) return "a pullback week";
        if (s.phase == Phase::rebuild || s.phase == Phase::cleared) return "until " + downhill_gate_text(h_, t_);
        return phase_label(s.phase);
    }

    void run_walk_ahead(const Run& r, const RunContext& ctx, std::size_t wi) {
        const auto& s = ctx.state;
        const auto& ladder = r_.run_walk_ladder;
        const auto& open = ladder[static_cast<std::size_t>(s.step - 1)];
        std::string why;
        switch (ctx.ahead) {
            case Ahead::no: return;
            case Ahead::too_many:
                why = fmt::format("a phase-3 session on {} beyond the {} a week", r.date.to_string(), r_.run_days);
                break;
            case Ahead::ratio:
                why = fmt::format("run-walk {}:{} on {} is ladder step {}, above the open step {}",
                                  format_distinct(*r.run_walk_run, 0), format_distinct(*r.run_walk_walk, 0), r.date.to_string(), ctx.level,
                                  s.step);
                break;
            case Ahead::continuous_early:
                why = fmt::format("a continuous run on {} before ladder step {} (the open step is {})",
                                  r.date.to_string(), first_continuous_step(ladder), s.step);
                break;
            case Ahead::too_long:
                why = fmt::format("{} minutes on {}, longer than the open step {} ({}) allows", format_distinct(*r.duration, 0),
                                  r.date.to_string(), s.step, to_string(open));
                break;
        }
        auto& f = add(RuleId::run_walk_ahead, Severity::error, r.pos, wi, r.date, why + ": it passes nothing");
        f.values = {{"level", ctx.level}, {"step", s.step}, {"duration", r.duration}};
    }

    void escalation(Escalation e, const std::vector<double>& rising, SourcePos pos, std::size_t wi, Date date,
                    double worst) {
        if (e == Escalation::no) return;
        std::string what = e == Escalation::severe
                               ? fmt::format("pain {} is at or above pain_severe ({})", format_distinct(worst, 0),
                                             format_distinct(r_.pain_severe, 0))
                               : rising.empty() ? std::string("pain rising over 3 logged weeks or runs")
                                                : fmt::format("pain rising over {} runs ({})", rising.size(),
                                                              fmt::join(rising, " -> "));
        auto& f = add(RuleId::pain_rising, Severity::warning, pos, wi, date,
                      fmt::format("{} on {}: {}; see a sports-medicine clinician", what, date.to_string(),
                                  t_.mode == Mode::injury ? "the runner drops one phase" : "pull back"));
        f.values = {{"pain", worst}, {"severe", r_.pain_severe}};
    }

    // A [[week]] total is judged as a whole, at its entry.
    void totals(std::size_t wi, const WeekCaps& caps) {
        const auto& wk = w_.weeks[wi];
        const auto& s = t_.weeks[wi].state;
        auto pos = *wk.totals_pos;
        if (wk.distance > 0 && !caps.may_run) {
            auto& f = add(RuleId::running_too_early, Severity::error, pos, wi, wk.start,
                          fmt::format("{} {} of running {}", format_distinct(wk.distance), units_,
                                      s.referred ? "while referred to a clinician for a red flag"
                                                 : "in " + phase_label(s.phase) +
                                                       ": running starts in phase 3 with run-walk"));
            f.values = {{"distance", wk.distance}};
            if (s.referred) {
                auto& g = add(RuleId::red_flag, Severity::error, pos, wi, wk.start,
                              fmt::format("{} {} of running logged while a red flag is open: no running until a "
                                          "clinician has seen the knee",
                                          format_distinct(wk.distance), units_));
                g.values = {{"distance", wk.distance}};
            }
        }
        if (!caps.downhill_allowed && (wk.descent > 0 || wk.downhill > 0)) {
            auto& f = add(RuleId::downhill_locked, Severity::error, pos, wi, wk.start,
                          fmt::format("{} {} descent and {} {} downhill while downhill is locked ({})", format_distinct(wk.descent, 0), elev_, format_distinct(wk.downhill), units_, locked_reason(s)));
            f.values = {{"descent", wk.descent}, {"downhill", wk.downhill}};
        }
        if (wk.hard > 0 && !caps.hard_allowed && !s.referred) {
            auto& f = add(RuleId::hard_too_early, Severity::error, pos, wi, wk.start,
                          fmt::format("{} hard session{} {}", wk.hard, wk.hard == 1 ? "" : "s",
                                      s.in_pullback ? "during a pullback"
                                                    : "before clearance (" + phase_label(s.phase) + ")"));
            f.values = {{"hard", wk.hard}};
        }
        if (t_.weeks[wi].signal || (wk.pain && *wk.pain > r_.pain_limit) ||
            (wk.pain_after && *wk.pain_after > r_.pain_limit)) {
            auto& f = add(RuleId::pain_signal, Severity::warning, pos, wi, wk.start,
                          fmt::format("worst pain {} during runs, {} the next morning, above the limit of {}",
                                      wk.pain ? format_distinct(*wk.pain, 0) : "-",
                                      wk.pain_after ? format_distinct(*wk.pain_after, 0) : "-", format_distinct(r_.pain_limit, 0)));
            f.values = {{"pain", wk.pain}, {"pain_after", wk.pain_after}, {"limit", r_.pain_limit}};
        }
        escalation(t_.weeks[wi].escalation, {}, pos, wi, wk.start,
                   std::max(wk.pain.value_or(0), wk.pain_after.value_or(0)));
    }

    void checkins() {
        for (std::size_t i = 0; i < h_.checkins.size(); ++i) {
            const auto& c = h_.checkins[i];
            auto flags = c.red_flags();
            if (flags.empty()) continue;
            auto wi = week_index(c.date);
            const auto& resolved = t_.red_flag_resolved[i];
            // Revision 2: resolved by a clinician, it informs; it no longer fails check.
            auto& f = add(RuleId::red_flag, resolved ? Severity::info : Severity::error, c.pos, wi, c.date,
                          resolved ? fmt::format("{} on {}: resolved on {} (seen a clinician, no red flag)",
                                                 fmt::join(flags, ", "), c.date.to_string(), resolved->to_string())
                                   : fmt::format("{} on {}: stop self-managing and see a sports-medicine clinician",
                                                 fmt::join(flags, ", "), c.date.to_string()));
            f.values = {};
        }
    }

    std::size_t week_index(Date d) const {
        auto first = w_.weeks.front().start;
        return static_cast<std::size_t>((week_start_of(d, h_.runner.week_start) - first) / 7);
    }

    void shoes() {
        for (const auto& wear : shoe_wear(h_))
            for (const auto& x : wear.crossings) {
                const auto& r = h_.runs[x.run];
                auto& f = add(RuleId::shoe_worn, shoe_severity(x.level), r.pos, week_index(r.date), r.date,
                              shoe_message(wear.name, x.total, x.level, h_));
                f.values = {{"distance", x.total}, {"limit", x.level == ShoeLevel::limit ? r_.shoe_limit : r_.shoe_warn}};
            }
    }

    void no_improvement() {
        if (t_.mode != Mode::injury) return;
        const auto& inj = *h_.injury;
        Date due = inj.treatment_start + 7 * r_.no_improvement_weeks;
        if (w_.today < due) return;
        // The phase in force at the due date, not now (a later relapse is not "still").
        auto phase = t_.phase_at_improvement_due.value_or(t_.now.phase);
        if (phase == Phase::settle || phase == Phase::strength) {
            // An [injury] with nothing logged since has no weeks: the week of the due date.
            auto week = w_.weeks.empty() ? iso_week_name(week_start_of(due, h_.runner.week_start), h_.runner.week_start)
                                         : w_.weeks[std::min(w_.weeks.size() - 1, week_index(due))].name;
            auto& f = add_in(RuleId::no_improvement, Severity::warning, inj.pos, week, due,
                          fmt::format("{} weeks after treatment started ({}) the runner is still in {}: see a "
                                      "sports-medicine clinician",
                                      r_.no_improvement_weeks, inj.treatment_start.to_string(), phase_label(phase)));
            f.values = {{"weeks", r_.no_improvement_weeks}};
        }
        if (w_.weeks.empty()) return;
        const Checkin* first = nullptr;
        const Checkin* latest = nullptr;
        for (const auto& c : h_.checkins) {
            if (!c.pain || c.date < inj.treatment_start) continue;
            if (!first || c.date < first->date) first = &c;
            if (!latest || c.date >= latest->date) latest = &c;
        }
        // Revision 2: a pain at or below pain_limit is improvement enough.
        if (first && latest && first != latest && *latest->pain > r_.pain_limit && *latest->pain >= *first->pain) {
            auto& f = add(RuleId::no_improvement, Severity::warning, latest->pos, week_index(latest->date), latest->date,
                          fmt::format("knee pain {} on {} is not lower than {} on {}, {} weeks into treatment: see a "
                                      "sports-medicine clinician",
                                      format_distinct(*latest->pain, 0), latest->date.to_string(), format_distinct(*first->pain, 0),
                                      first->date.to_string(), (latest->date - inj.treatment_start) / 7));
            f.values = {{"pain", *latest->pain}, {"first_pain", *first->pain}};
        }
    }
};

}  // namespace

// The caps of the week, as the engine set them; RuleId::downhill_increase's are computed here.
WeekCaps week_caps(const History& h, const WeeksReport& w, const PhaseTimeline& t, std::size_t wi, double distance) {
    WeekCaps c;
    const auto& ctx = t.weeks[wi];
    const auto& s = ctx.state;
    const auto& r = h.rules;
    c.referred = s.referred;
    c.baseline = ctx.baseline;
    c.restart = ctx.restart;
    c.first_week = ctx.first_week;
    c.reason = ctx.cap_reason;
    if (ctx.cap_reason == CapReason::no_running) {
        c.may_run = false;
        c.distance = 0;
        return c;
    }
    if (ctx.run_walk_cap) {
        c.run_walk = true;
        c.run_walk_distance = ctx.run_walk_cap;
        return c;
    }
    c.distance = ctx.distance_cap;
    c.increase_cap = ctx.increase_cap;
    c.acwr_cap = ctx.acwr_cap;
    c.pullback_cap = ctx.pullback_cap;
    const Mode mode = rules_mode(t.mode, s);
    c.downhill_allowed = downhill_allowed(mode, s);
    c.hard_allowed = hard_allowed(mode, s);
    if (c.downhill_allowed) {
        double prev_downhill = wi > 0 ? w.weeks[wi - 1].downhill : 0;
        double prev_descent = wi > 0 ? w.weeks[wi - 1].descent : 0;
        // Never more downhill than the week's distance, whatever last week held.
        c.downhill = std::min(distance, std::max(prev_downhill * (1 + r.max_weekly_increase),
                                                 r.downhill_intro_share * distance));
        c.descent = std::max(prev_descent * (1 + r.max_weekly_increase), r.descent_intro * distance);
    }
    return c;
}

std::vector<Finding> check_history(const History& history, const WeeksReport& weeks, const PhaseTimeline& timeline) {
    // Nothing logged: only an [injury] can still be overdue for improvement.
    if (weeks.weeks.empty() && timeline.mode != Mode::injury) return {};
    return Checker(history, weeks, timeline).run();
}

std::vector<ShoeWear> shoe_wear(const History& h) {
    std::map<std::string, const Shoe*> known;
    for (const auto& s : h.shoes) known[s.name] = &s;
    std::vector<std::size_t> order(h.runs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return h.runs[a].date < h.runs[b].date; });
    std::map<std::string, ShoeWear> wear;
    for (auto i : order) {
        const auto& r = h.runs[i];
        if (!r.shoe) continue;
        auto it = known.find(*r.shoe);
        auto [w, fresh] = wear.try_emplace(*r.shoe);
        auto& sw = w->second;
        if (fresh) {
            sw.name = *r.shoe;
            sw.total = it != known.end() ? it->second->initial : 0.0;
        }
        sw.total += r.distance;
        // A retired shoe's wear no longer matters, unless it is run in after its retirement.
        sw.retired = it != known.end() && it->second->retired && r.date <= *it->second->retired;
        if (sw.retired) continue;
        auto reached = sw.total >= h.rules.shoe_limit  ? ShoeLevel::limit
                       : sw.total >= h.rules.shoe_warn ? ShoeLevel::warn
                                                       : ShoeLevel::fresh;
        if (reached <= sw.level) continue;
        sw.level = reached;
        sw.crossings.push_back({i, reached, sw.total});
    }
    std::vector<ShoeWear> out;
    for (auto& [name, w] : wear) out.push_back(std::move(w));
    return out;
}

Severity shoe_severity(ShoeLevel level) { return level == ShoeLevel::limit ? Severity::warning : Severity::info; }

std::string shoe_message(std::string_view name, double total, ShoeLevel level, const History& h) {
    auto units = to_string(h.runner.units);
    return level == ShoeLevel::limit
               ? fmt::format("shoe \"{}\" has {} {}, past its limit of {} {}: replace it", name,
                             format_distinct(total, 0), units, format_distinct(h.rules.shoe_limit, 0), units)
               : fmt::format("shoe \"{}\" has {} {}, past {} {}: plan its replacement", name,
                             format_distinct(total, 0), units, format_distinct(h.rules.shoe_warn, 0), units);
}

std::optional<double> goal_hold(const WeekCaps& c, const History& h) {
    auto goal = h.runner.goal_weekly;
    if (!goal || c.pullback_cap || c.first_week || c.restart) return std::nullopt;
    return std::max(*goal, c.baseline.value_or(0));
}

std::string cap_reason_text(const WeekCaps& c) {
    if (c.first_week) return "starting cap (no running week on record)";
    switch (c.reason) {
        case CapReason::restart: return "restart cap";
        case CapReason::pullback: return "pullback cap";
        case CapReason::acwr: return "acute:chronic caution cap";
        case CapReason::increase: return "cap";
        default: return "cap";
    }
}

// The reasons a proposed week breaks its caps, and what the plan holds it to.
static void verdict(NextVerdict& v, const History& history, const WeekContext& ctx) {
    double distance = v.distance, downhill = v.downhill, descent = v.descent;
    auto units = to_string(history.runner.units);
    auto elev = elevation_unit(history.runner.units);
    if (!v.caps.may_run && distance > 0) {
        v.ok = false;
        v.reasons.push_back(v.caps.referred ? "no running while a red flag is open: see a sports-medicine clinician"
                                            : fmt::format("no running in phase {} ({})",
                                                          to_string(ctx.state.phase),
                                                          phase_name(ctx.state.phase)));
    }
    if (v.caps.run_walk && v.caps.run_walk_distance && over(distance, *v.caps.run_walk_distance)) {
        v.ok = false;
        const auto& steps = ctx.prescribed_steps;
        v.reasons.push_back(fmt::format(
            "{} {} is above the prescribed phase-3 week: {} session{} from step {} ({} {} at your run-walk pace)",
            format_distinct(distance), units, steps.size(), steps.size() == 1 ? "" : "s", steps.empty() ? 0 : steps.front(),
            format_distinct(*v.caps.run_walk_distance), units));
    }
    if (v.caps.may_run && v.caps.distance && over(distance, *v.caps.distance)) {
        v.ok = false;
        v.reasons.push_back(fmt::format("{} {} is above the {} of {} {}", format_distinct(distance), units,
                                        cap_reason_text(v.caps), format_distinct(*v.caps.distance), units));
    }
    // The plan holds at goal_weekly where the rule would allow more (docs/manual/rules.md, revision 2).
    if (auto hold = goal_hold(v.caps, history); hold && v.caps.distance && *hold < *v.caps.distance)
        v.plan_holds = hold;
    if (over(downhill, v.caps.downhill)) {
        v.ok = false;
        v.reasons.push_back(v.caps.downhill_allowed
                                ? fmt::format("{} {} downhill is above the cap of {} {}", format_distinct(downhill), units,
                                              format_distinct(v.caps.downhill), units)
                                : fmt::format("downhill is locked: {} {} proposed", format_distinct(downhill), units));
    }
    if (over(descent, v.caps.descent)) {
        v.ok = false;
        v.reasons.push_back(v.caps.downhill_allowed
                                ? fmt::format("{} {} descent is above the cap of {} {}", format_distinct(descent, 0), elev,
                                              format_distinct(v.caps.descent, 0), elev)
                                : fmt::format("descent is locked: {} {} proposed", format_distinct(descent, 0), elev));
    }
}

NextVerdict judge_next_week(const History& history, Date today, double distance, double downhill, double descent) {
    NextVerdict v;
    v.start = week_start_of(today, history.runner.week_start) + 7;
    v.week = iso_week_name(v.start, history.runner.week_start);
    v.distance = distance;
    v.downhill = downhill;
    v.descent = descent;
    // The weeks up to the next one, as of its first day: the current week counts as logged
    // so far (a history without entries starts with the next week).
    Projection next(history, v.start);
    const auto& timeline = next.timeline();
    auto wi = next.weeks().weeks.size() - 1;
    v.caps = week_caps(history, next.weeks(), timeline, wi, distance);
    verdict(v, history, timeline.weeks[wi]);
    return v;
}

}  // namespace rkplan
