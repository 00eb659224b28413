#include "rkplan/plan.hpp"
#include "rkplan/assess.hpp"
#include "rkplan/projection.hpp"
#include "rkplan/registry.hpp"
#include "rkplan/text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace rkplan {

namespace {

// Strengthening sessions a week during rehab (phases 1-4).
constexpr int rehab_strength_sessions = 3;

// Days a pain-rising finding stays among the plan's flags (4 weeks).
constexpr int pain_rising_flag_days = 28;

// `v` rounded down to a tenth, so that a printed cap is never above the rule's; `slack`
// absorbs floating-point noise just below a tenth (2.9999999 is 3.0).
double floor_tenth(double v, double slack = 1e-9) { return std::floor(v * 10 + slack) / 10; }

std::optional<double> median_cadence(const History& h) {
    std::vector<double> c;
    for (const auto& r : h.runs)
        if (r.cadence) c.push_back(*r.cadence);
    return median_of(std::move(c));
}

// The expected timeline's basis in words, its windows from TimelineWindows' day counts:
// treatment `delay` days after onset, `f` of the way from early to chronic, easy running
// expected `from`-`to` days after treatment_start.
std::string timeline_basis(int delay, double f, int from, int to) {
    using W = TimelineWindows;
    auto weeks = [](int days) { return days / 7; };
    auto months = [](int days) { return static_cast<int>(std::lround(days / W::days_per_month)); };
    auto early = fmt::format("{}-{} weeks", weeks(W::early_from), weeks(W::early_to));
    auto chronic = fmt::format("{}-{} months", months(W::chronic_from), months(W::chronic_to));
    if (f == 0)
        return fmt::format("treatment started within {} weeks of onset: easy running {} after treatment_start",
                           weeks(W::early_days), early);
    if (f == 1)
        return fmt::format("treatment started {} months or more after onset (chronic): {}", months(W::chronic_days),
                           chronic);
    return fmt::format("treatment started {} days after onset: easy running {}-{} weeks after treatment_start ({} "
                       "when within {} weeks, {} when chronic)",
                       delay, weeks(from), weeks(to), early, weeks(W::early_days), chronic);
}

// Days of a week on which to place `count` sessions, from `first_day` (0-6) on, spread out.
std::vector<int> session_days(int count, int first_day) {
    std::vector<int> days;
    int free_days = 7 - first_day;
    count = std::min(count, free_days);
    for (int i = 0; i < count; ++i) days.push_back(first_day + (i * free_days) / count);
    return days;
}

class Planner {
public:
    Planner(const History& h, Date today, int n, const Assessment* assessed)
        : original_(h), projection_(h, today), h_(projection_.history()), today_(today), n_(n), r_(h.rules),
          assessed_(assessed) {}

    Plan run() {
        Plan p;
        p.today = today_;
        p.units = h_.runner.units;
        p.runner = h_.runner.name.value_or("");
        Date first = week_start_of(today_, h_.runner.week_start);
        const auto& t = projection_.timeline();
        p.mode = t.mode;
        p.referred = t.now.referred;
        if (t.mode == Mode::injury) {
            p.phase = t.now.phase;
            if (t.now.phase == Phase::run_walk) p.step = t.now.step;
        }
        p.downhill_unlocked = t.mode == Mode::prevention || t.now.downhill_unlocked;
        status(p);
        PhaseState before = t.now;
        // Each planned week, done as planned, goes into the projection before the next.
        for (int k = 0; k < n_; ++k) {
            Date start = first + 7 * k;
            if (k > 0) projection_.next_week();
            auto row = week(start, k == 0);
            project_strength(row, start, k == 0);
            // What the current week opens is measured from now, not from its first day.
            if (k > 0) describe_opens(p.weeks.back(), before, first_day_state());
            if (k > 0) before = first_day_state();
            p.weeks.push_back(std::move(row));
        }
        if (n_ > 0) {
            projection_.next_week();
            describe_opens(p.weeks.back(), before, first_day_state());
        }
        p.protocol = p.referred ? std::vector<ProtocolExercise>{} : protocol_for(p.phase, h_.rules.maintenance_sessions);
        advice(p);
        return p;
    }

    const History& projected() const { return h_; }

private:
    const History& original_;
    Projection projection_;  // its history grows with the planned weeks
    History& h_;             // the projection's history
    Date today_;
    int n_;
    const Rules& r_;
    const Assessment* assessed_;  // of original_ on today_, if the caller has one
    // The downhill the previous planned week holds: projected weeks hold that level (or
    // the introduction allowance), so a cap never falls while the distance cap does not.
    std::optional<double> planned_downhill_, planned_descent_;

    bool injury() const { return original_.injury.has_value(); }
    // The state on the first day of the week the projection has open.
    const PhaseState& first_day_state() const { return projection_.timeline().weeks.back().state; }
    std::string_view units() const { return to_string(h_.runner.units); }

    // What a week done as planned opened, by comparing the state before and after it.
    void describe_opens(PlanWeek& row, const PhaseState& a, const PhaseState& b) const {
        if (injury() && a.phase != b.phase)
            row.opens.push_back(fmt::format("phase {} ({}) opens", to_string(b.phase), phase_name(b.phase)));
        else if (injury() && b.phase == Phase::run_walk && b.step > a.step)
            row.opens.push_back(b.step == a.step + 1 ? fmt::format("step {} opens", b.step)
                                                     : fmt::format("steps {}-{} open", a.step + 1, b.step));
        if (!a.downhill_unlocked && b.downhill_unlocked && b.phase == Phase::rebuild)
            row.opens.push_back("downhill unlocks");
        if (a.in_pullback && !b.in_pullback && !b.referred) row.opens.push_back("the pullback ends");
    }

    PlanWeek week(Date start, bool current) {
        const auto& W = projection_.weeks();
        const auto& T = projection_.timeline();
        std::size_t wi = W.weeks.size() - 1;
        const auto& wk = W.weeks[wi];
        const auto& ctx = T.weeks[wi];
        const PhaseState& first_day = ctx.state;
        const PhaseState& state = current ? T.now : first_day;
        PlanWeek row;
        row.week = wk.name;
        row.start = start;
        row.projected = !current;
        // The current week by the state now: a referral lifted today no longer blocks it.
        row.referred = current ? state.referred : first_day.referred;
        if (T.mode == Mode::injury) row.phase = state.phase;
        // A signal this week puts the rest of it in a pullback from the day after.
        row.pullback = first_day.in_pullback || (current && (state.in_pullback || ctx.pullback_from));
        row.logged = current ? wk.distance : 0;
        int runs_logged = current ? static_cast<int>(wk.run_indices.size()) : 0;
        auto caps = week_caps(h_, W, T, wi, wk.distance);
        row.strength_sessions = strength_sessions(state);
        bool run_walk_now = in_run_walk(T.mode, state);
        // The current week prescribes by the phase now (docs/manual/rules.md: run-level rules use the
        // phase at the run): phase 3 reached this week means run-walk for its remaining days.
        if (row.referred || (!caps.may_run && !run_walk_now) || before_running(T.mode, state)) {
            row.no_running = true;
            row.distance_cap = 0;
            row.remaining = current ? std::optional<double>(0) : std::nullopt;
            row.next_gate = gate_text(state, T);
            return row;
        }
        if (caps.run_walk || run_walk_now) {
            // Phase 4 reached this week: the week stays a phase-3 week (its week-level rules),
            // at the ladder's last step; phase 4 opens with the next.
            if (T.mode == Mode::injury && state.phase != Phase::run_walk) row.phase = Phase::run_walk;
            // Back in phase 3 since a phase-4 week began: its cap (a pullback's) still
            // bounds the sessions, though phase 3 shows no distance cap.
            std::optional<double> budget;
            if (!caps.run_walk && caps.may_run && caps.distance)
                budget = std::max(0.0, floor_tenth(*caps.distance) - row.logged);
            if (caps.run_walk && caps.run_walk_distance)
                budget = std::max(0.0, *caps.run_walk_distance - row.logged) + 1e-9;
            double pace = ctx.run_walk_cap ? ctx.pace : run_walk_pace(h_, start);
            run_walk_week(row, state, start, !wk.from_totals, runs_logged, budget, pace);
            row.next_gate = gate_text(state, T);
            return row;
        }
        running_week(row, caps, wk, wi, start, current, runs_logged);
        row.next_gate = gate_text(state, T);
        return row;
    }

    int strength_sessions(const PhaseState& s) const {
        if (s.referred) return 0;
        if (!injury() || s.phase == Phase::cleared) return r_.maintenance_sessions;
        return rehab_strength_sessions;
    }

    // Phase 3: `run_days` sessions at the open step, moving up as passes accumulate.
    // A week filed as a [[week]] total takes no projected sessions (`add` false): the loader
    // refuses runs beside a total.
    void run_walk_week(PlanWeek& row, const PhaseState& s, Date start, bool add, int runs_logged,
                       std::optional<double> budget, double pace) {
        bool current = !row.projected;
        const auto& ladder = r_.run_walk_ladder;
        int last = static_cast<int>(ladder.size());
        int step = s.phase == Phase::run_walk ? s.step : last;
        int streak = s.phase == Phase::run_walk ? s.streak : 0;
        row.step = step;
        row.run_walk = ladder[static_cast<std::size_t>(step - 1)];
        row.run_days = r_.run_days;
        int first_day = current ? (today_ - start) + 1 : 0;
        int count = !add ? 0 : current ? std::max(0, r_.run_days - runs_logged) : r_.run_days;
        bool done = s.phase != Phase::run_walk;  // phase 4 reached earlier this week
        auto steps = done ? std::vector<int>(static_cast<std::size_t>(count), last)
                          : prescribed_steps(step, streak, count, r_);
        auto days = session_days(static_cast<int>(steps.size()), first_day);
        for (std::size_t i = 0; i < days.size(); ++i) {
            auto run = session(start + days[i], ladder[static_cast<std::size_t>(steps[i] - 1)], pace);
            if (budget) {
                if (run.distance > *budget + 1e-9) break;
                *budget -= run.distance;
            }
            row.sessions.push_back(steps[i]);
            h_.runs.push_back(run);
        }
        row.downhill_cap = 0;
        row.descent_cap = 0;
        row.remaining = std::nullopt;  // phase 3 has sessions, not a distance cap
    }

    static Run session(Date date, const LadderStep& st, double pace) {
        Run r;
        r.date = date;
        r.pain = 0;
        r.pain_after = 0;
        if (st.continuous()) {
            r.kind = RunKind::easy;
            r.duration = st.run;
        } else {
            r.kind = RunKind::run_walk;
            r.run_walk_run = st.run;
            r.run_walk_walk = st.walk;
            r.duration = st.total_minutes();
        }
        r.distance = session_distance(st, pace);
        return r;
    }

    // The distance a running week is planned at: the rule's cap, held at goal_weekly (or
    // the baseline, for a runner above the goal) outside pullbacks and restarts.
    double running_target(const WeekCaps& caps) const {
        double target = caps.distance.value_or(0);
        if (auto hold = goal_hold(caps, h_)) target = std::min(target, *hold);
        return floor_tenth(target);
    }

    // Phase 4, cleared, prevention: a distance cap from the rules, growing toward
    // goal_weekly; the week is projected done at its cap.
    void running_week(PlanWeek& row, const WeekCaps& caps, const WeekMetrics& wk, std::size_t wi, Date start,
                      bool current, int runs_logged) {
        const auto& W = projection_.weeks();
        const auto& T = projection_.timeline();
        const auto& ctx = T.weeks[wi];
        double target = running_target(caps);
        row.distance_cap = target;
        row.run_days = r_.run_days;
        row.hard_allowed = !row.pullback && (current ? hard_allowed(T.mode, T.now) : caps.hard_allowed);
        auto full = week_caps(h_, W, T, wi, target);
        bool downhill_now = !row.pullback && (!current || downhill_allowed(T.mode, T.now));
        row.downhill_cap = downhill_now ? floor_tenth(full.downhill) : 0;
        row.descent_cap = downhill_now ? std::floor(full.descent + 1e-9) : 0;
        double remaining = std::max(0.0, target - (current ? wk.distance : 0));
        // The week of an early signal: from the day after it, the pullback cap holds.
        if (current && ctx.pullback_from && today_ + 1 >= *ctx.pullback_from) {
            double since = 0;
            for (auto i : wk.run_indices)
                if (h_.runs[i].date >= *ctx.pullback_from) since += h_.runs[i].distance;
            remaining = std::min(remaining, std::max(0.0, *ctx.signal_pullback_cap - since));
        }
        remaining = floor_tenth(remaining);
        if (current) row.remaining = remaining;
        // Projected weeks hold downhill at the level of the week before (or the introduction
        // allowance), not at the cap: caps that compound 10% a week on hypothetical downhill
        // would soon exceed any real week, and a held level keeps the next cap from falling.
        const WeekMetrics* prev = wi > 0 ? &W.weeks[wi - 1] : nullptr;
        double hold_downhill = std::max(current ? (prev ? prev->downhill : 0) : planned_downhill_.value_or(0),
                                        floor_tenth(r_.downhill_intro_share * target));
        double hold_descent = std::max(current ? (prev ? prev->descent : 0) : planned_descent_.value_or(0),
                                       std::floor(r_.descent_intro * target));
        double downhill_plan = std::min(row.downhill_cap, hold_downhill);
        double descent_plan = std::min(row.descent_cap, hold_descent);
        planned_downhill_ = downhill_plan;
        planned_descent_ = descent_plan;
        double downhill_left = std::max(0.0, downhill_plan - (current ? wk.downhill : 0));
        double descent_left = std::max(0.0, descent_plan - (current ? wk.descent : 0));
        int first_day = current ? (today_ - start) + 1 : 0;
        if (first_day >= 7) return;  // the week is over: nothing more is planned in it
        int count = current ? std::max(1, r_.run_days - runs_logged) : r_.run_days;
        auto days = session_days(count, first_day);
        if (wk.from_totals) {
            // The week is a [[week]] total: it is done at its cap by raising the total.
            for (auto& t : h_.weeks)
                if (week_start_of(t.start, h_.runner.week_start) == start) {
                    t.distance = std::max(t.distance, t.distance + remaining);
                    if (downhill_left > 0) t.downhill = t.downhill.value_or(0) + downhill_left;
                    if (descent_left > 0) t.descent = t.descent.value_or(0) + descent_left;
                }
            return;
        }
        project_runs(days, start, remaining, downhill_left, descent_left, run_walk_pace(h_, start));
    }

    // The week's strength sessions, done as planned (pain-free, hip and quadriceps work), on
    // the days after today: they count toward the phase-3 gate and the maintenance dose.
    void project_strength(const PlanWeek& row, Date start, bool current) {
        int first_day = current ? (today_ - start) + 1 : 0;
        int logged = 0;
        if (current)
            for (const auto& s : original_.strength)
                if (s.date >= start && s.date <= today_) ++logged;
        int count = std::max(0, row.strength_sessions - logged);
        if (first_day > 6) return;
        auto days = session_days(count, first_day);
        // More sessions than days left: the rest on the week's last day.
        while (static_cast<int>(days.size()) < count) days.push_back(6);
        for (int day : days) {
            Strength s;
            s.date = start + day;
            s.exercises = {Exercise::clamshell, Exercise::side_lying_abduction, Exercise::straight_leg_raise,
                           Exercise::terminal_knee_extension};
            s.pain = 0;
            h_.strength.push_back(s);
        }
    }

    // Runs that add up to `amount` (whole tenths), `downhill` and `descent` over `days`.
    void project_runs(const std::vector<int>& days, Date start, double amount, double downhill, double descent,
                      double pace) {
        if (days.empty() || amount <= 0) return;
        int tenths = static_cast<int>(std::lround(amount * 10));
        int n = static_cast<int>(days.size());
        for (int i = 0; i < n; ++i) {
            int share = tenths / n + (i < tenths % n ? 1 : 0);
            if (share <= 0) continue;
            Run r;
            r.date = start + days[static_cast<std::size_t>(i)];
            r.distance = share / 10.0;
            r.pain = 0;
            r.pain_after = 0;
            r.duration = r.distance / pace;
            // Whole hundredths and whole metres (feet), split so that they add up exactly.
            auto part = [&](double total, double unit) {
                long units = static_cast<long>(std::floor(total / unit + 1e-9));
                return static_cast<double>(units / n + (i < units % n ? 1 : 0)) * unit;
            };
            if (downhill > 0) r.downhill = std::min(r.distance, part(downhill, 0.01));
            if (descent > 0) r.descent = part(descent, 1);
            h_.runs.push_back(r);
        }
    }

    std::string gate_text(const PhaseState& s, const PhaseTimeline& T) const {
        if (s.referred) return "a check-in with no red flag and seen_clinician = true";
        if (T.mode == Mode::prevention) return s.in_pullback ? "finish the pullback pain-free" : "";
        switch (s.phase) {
            case Phase::settle: return "a check-in with walking_pain = false and stairs_pain = false";
            case Phase::strength:
                return fmt::format("a check-in with exercise_pain = false, or {} pain-free hip-and-quadriceps "
                                   "session{}{}",
                                   r_.passes_per_step, r_.passes_per_step == 1 ? "" : "s",
                                   r_.passes_per_step == 1 ? "" : " in a row");
            case Phase::run_walk: {
                int last = static_cast<int>(r_.run_walk_ladder.size());
                int left = r_.passes_per_step - s.streak;
                const auto& st = r_.run_walk_ladder[static_cast<std::size_t>(s.step - 1)];
                return fmt::format("{}: {} more pain-free session{} at step {} ({})",
                                   s.step == last ? "phase 4" : fmt::format("step {}", s.step + 1), left,
                                   left == 1 ? "" : "s", s.step, to_string(st));
            }
            case Phase::rebuild: {
                if (s.in_pullback) return "finish the pullback pain-free";
                if (!s.downhill_unlocked) return "downhill: " + downhill_missing(s, T);
                return fmt::format("clearance: every criterion met within {} days", r_.clearance_window_days);
            }
            case Phase::cleared:
                if (s.in_pullback) return "finish the pullback pain-free";
                return s.downhill_unlocked ? "" : "downhill: " + downhill_missing(s, T);
        }
        return "";
    }

    // Status: gates, flags, timeline and the clearance checklist.
    void status(Plan& p) {
        const auto& t = projection_.timeline();
        const auto& s = t.now;
        auto findings = assessed_ ? assessed_->findings : check_history(original_, projection_.weeks(), t);
        if (s.referred && t.referring_checkin) {
            const auto& c = original_.checkins[*t.referring_checkin];
            p.flags.push_back({"red-flag", Severity::error,
                               fmt::format("red flag on {}: stop running and see a sports-medicine clinician; "
                                           "cross-train only until a check-in with no red flag and "
                                           "seen_clinician = true",
                                           c.date.to_string())});
        }
        for (const auto& f : findings)
            if (f.rule == RuleId::no_improvement) p.flags.push_back({"no-improvement", f.severity, f.message});
        if (injury() && h_.runner.race_season)
            p.flags.push_back({"race-season", Severity::info,
                               "race season: get a clear diagnosis from a clinician before making loading decisions"});
        const WeekContext* week_now = t.weeks.empty() ? nullptr : &t.weeks.back();
        if (s.in_pullback && s.pullback_cap)
            p.flags.push_back({"pullback", Severity::warning,
                               fmt::format("pullback after a pain signal: weeks capped at {} {}, no downhill, no hard "
                                           "runs",
                                           format_fixed(*s.pullback_cap), units())});
        else if (week_now && week_now->pullback_from && week_now->pullback_from > today_)
            p.flags.push_back({"pullback", Severity::warning,
                               fmt::format("pullback from {} after today's pain signal: at most {} {} for the rest of "
                                           "this week and capped weeks after it, no downhill, no hard runs",
                                           week_now->pullback_from->to_string(),
                                           format_fixed(*week_now->signal_pullback_cap), units())});
        // Severe or rising pain in the last 4 weeks: the advice to be seen.
        for (auto it = findings.rbegin(); it != findings.rend(); ++it)
            if (it->rule == RuleId::pain_rising && it->date + pain_rising_flag_days > today_) {
                p.flags.push_back({"pain-rising", Severity::warning, it->message});
                break;
            }
        // Each worn shoe once, at its distance now (not at the run that crossed the line).
        for (const auto& w : shoe_wear(original_))
            if (w.level != ShoeLevel::fresh && !w.retired)
                p.flags.push_back({"shoe-worn", shoe_severity(w.level),
                                   shoe_message(w.name, w.total, w.level, original_)});
        if (auto c = median_cadence(original_))
            p.flags.push_back({"cadence", Severity::info,
                               fmt::format("cadence: median {} steps/min; try {}-{} (+{}-{}%) to ease the "
                                           "load on the knee",
                                           format_fixed(*c, 0), format_fixed(*c * (1 + r_.cadence_increase_low), 0),
                                           format_fixed(*c * (1 + r_.cadence_increase_high), 0),
                                           format_fixed(r_.cadence_increase_low * 100, 0), format_fixed(r_.cadence_increase_high * 100, 0))});
        if (!injury()) return;
        timeline(p, t);
        gates(p, s, t);
        clearance(p, t);
    }

    // docs/manual/rules.md, strengthening's expected timeline, from the delay between onset and treatment (growing in
    // proportion between 3 weeks and 3 months, not a cliff at 21 days), re-estimated from
    // the phase reached once the window has passed.
    void timeline(Plan& p, const PhaseTimeline& t) const {
        const auto& inj = *original_.injury;
        using W = TimelineWindows;
        auto s = t.now;
        if (static_cast<int>(s.phase) >= static_cast<int>(Phase::rebuild)) {
            p.timeline_basis = "easy running reached (phase 4): the expected timeline is behind you";
            return;
        }
        int delay = inj.treatment_start - inj.onset;
        double f = std::clamp(static_cast<double>(delay - W::early_days) / (W::chronic_days - W::early_days), 0.0, 1.0);
        int from = static_cast<int>(std::lround(W::early_from + f * (W::chronic_from - W::early_from)));
        int to = static_cast<int>(std::lround(W::early_to + f * (W::chronic_to - W::early_to)));
        p.timeline_from = inj.treatment_start + from;
        p.timeline_to = inj.treatment_start + to;
        p.timeline_basis = timeline_basis(delay, f, from, to);
        if (*p.timeline_to >= today_) return;
        // The window has passed: the sessions still to pass, at run_days a week.
        int last = static_cast<int>(r_.run_walk_ladder.size());
        int sessions = s.phase == Phase::run_walk ? (last - s.step) * r_.passes_per_step + (r_.passes_per_step - s.streak)
                                                  : last * r_.passes_per_step;
        int weeks = (sessions + r_.run_days - 1) / r_.run_days + (s.phase == Phase::settle ? 2 : s.phase == Phase::strength ? 1 : 0);
        p.timeline_from = today_ + 7 * weeks;
        p.timeline_to = *p.timeline_from + (to - from);
        p.timeline_basis = fmt::format("the first window has passed; re-estimated from phase {}: at least {} more "
                                       "week{} of the protocol",
                                       to_string(s.phase), weeks, weeks == 1 ? "" : "s");
    }

    // The latest logged value of a check-in field, with its date.
    template <typename T, typename Get>
    std::optional<std::pair<T, Date>> latest(Get get) const {
        std::optional<std::pair<T, Date>> out;
        for (const auto& c : original_.checkins) {
            auto v = get(c);
            if (v && (!out || c.date >= out->second)) out = std::pair<T, Date>{*v, c.date};
        }
        return out;
    }

    // Phase 4's gate: the ladder's last step passed.
    Gate ladder_gate(const PhaseState& s) const {
            const auto& ladder = r_.run_walk_ladder;
            const auto& last = ladder.back();
            Gate g{r_.passes_per_step == 1 ? fmt::format("phase 4: {} passed", to_string(last))
                                           : fmt::format("phase 4: {} passed {} times", to_string(last), r_.passes_per_step),
                   static_cast<int>(s.phase) >= static_cast<int>(Phase::rebuild), ""};
            if (!g.met) {
                if (s.phase == Phase::run_walk) {
                    int left = r_.passes_per_step - s.streak;
                    const auto& st = ladder[static_cast<std::size_t>(s.step - 1)];
                    g.missing = s.step == static_cast<int>(ladder.size())
                                    ? fmt::format("needs {} more pain-free {}-minute run{}", left, format_fixed(last.run, 0),
                                                  left == 1 ? "" : "s")
                                    : fmt::format("at step {} of {} ({}): {} more pain-free session{} to open step {}",
                                                  s.step, ladder.size(), to_string(st), left, left == 1 ? "" : "s",
                                                  s.step + 1);
                } else {
                    g.missing = "the run-walk ladder starts in phase 3";
                }
            }
            return g;
            }

    void gates(Plan& p, const PhaseState& s, const PhaseTimeline& T) const {
        auto rank = [](Phase ph) { return static_cast<int>(ph); };
        auto yes_no = [&](std::string_view what, const std::optional<std::pair<bool, Date>>& v) -> std::string {
            if (!v) return fmt::format("{} not tested yet", what);
            return v->first ? fmt::format("{} painful on {}", what, v->second.to_string()) : std::string{};
        };
        auto walking = latest<bool>([](const Checkin& c) { return c.walking_pain; });
        auto stairs = latest<bool>([](const Checkin& c) { return c.stairs_pain; });
        auto exercise = latest<bool>([](const Checkin& c) { return c.exercise_pain; });
        {
            Gate g{"phase 2: walking and stairs pain-free", rank(s.phase) >= rank(Phase::strength), ""};
            if (!g.met) {
                std::vector<std::string> parts;
                for (auto m : {yes_no("walking", walking), yes_no("stairs", stairs)})
                    if (!m.empty()) parts.push_back(m);
                g.missing = parts.empty() ? "a check-in with both walking_pain = false and stairs_pain = false"
                                          : fmt::format("{}", fmt::join(parts, "; "));
            }
            p.gates.push_back(g);
        }
        {
            Gate g{"phase 3: strengthening exercises pain-free", rank(s.phase) >= rank(Phase::run_walk), ""};
            if (!g.met) {
                auto m = yes_no("the exercises", exercise);
                int left = r_.passes_per_step - s.strength_streak;
                g.missing = fmt::format("{}{}or {} more pain-free hip-and-quadriceps session{} in a row", m,
                                        m.empty() ? "a check-in with exercise_pain = false, " : "; ", left,
                                        left == 1 ? "" : "s");
            }
            p.gates.push_back(g);
        }
        p.gates.push_back(ladder_gate(s));
        {
            Gate g{"downhill: " + downhill_gate_text(h_, T), s.downhill_unlocked, ""};
            if (!g.met) g.missing = downhill_missing(s, T);
            p.gates.push_back(g);
        }
        const auto& c = T.clearance;
        Gate g{fmt::format("clearance: every criterion within {} days, after the downhill gate",
                           r_.clearance_window_days),
               c.cleared, ""};
        if (!g.met) {
            std::vector<std::string> parts;
            if (!c.downhill_gate) parts.push_back("the downhill gate first");
            if (!c.criteria_met) parts.push_back("see the clearance checklist");
            else if (!c.within_window)
                parts.push_back(fmt::format("the three tests within {} days of each other", r_.clearance_window_days));
            g.missing = fmt::format("{}", fmt::join(parts, "; "));
        }
        p.gates.push_back(g);
    }

    std::string downhill_missing(const PhaseState& s, const PhaseTimeline& T) const {
        if (s.phase != Phase::rebuild && s.phase != Phase::cleared) return "downhill returns in phase 4";
        if (s.in_pullback) return "finish the pullback pain-free first";
        int needed = r_.downhill_after_weeks + (T.downhill_volume ? 0 : 1);
        int left = std::max(1, needed - s.downhill_weeks);
        return fmt::format("needs {} more pain-free week{}{}", left, left == 1 ? "" : "s",
                           T.downhill_volume ? fmt::format(" of {} {} or more",
                                                           format_fixed(r_.downhill_volume_share * *T.downhill_volume),
                                                           units())
                                             : std::string{});
    }

    // The checklist shows the one verdict the engine reached (docs/manual/rules.md, revision 2).
    void clearance(Plan& p, const PhaseTimeline& T) const {
        const auto& c = T.clearance;
        auto when = [](const auto& crit, std::string shown) {
            return crit.date ? fmt::format("{} on {}", shown, crit.date->to_string()) : std::string("not tested yet");
        };
        const auto& sq = c.squats;
        const auto& st = c.stair_descent_pain;
        const auto& ra = c.strength_ratio;
        p.clearance.push_back({fmt::format("single-leg squats >= {} (clean: no pain, no knee valgus)", r_.clear_squats),
                               when(sq, sq.value ? std::to_string(*sq.value) : ""), sq.met});
        p.clearance.push_back({"stair descent pain-free",
                               when(st, st.value && *st.value ? "painful" : "pain-free"), st.met});
        p.clearance.push_back({fmt::format("strength ratio >= {} (weaker / stronger leg)",
                                           format_fixed(r_.clear_strength_ratio, 2)),
                               when(ra, ra.value ? format_fixed(*ra.value, 2) : ""), ra.met});
        p.clearance.push_back({fmt::format("all three within {} days of each other", r_.clearance_window_days),
                               c.within_window ? "yes" : c.criteria_met ? "no: test again together" : "not yet",
                               c.within_window});
        p.clearance.push_back({"20-30 min of easy running pain-free (the phase-4 gate)",
                               rank_of(T.now.phase) >= rank_of(Phase::rebuild) ? "passed" : "not yet",
                               rank_of(T.now.phase) >= rank_of(Phase::rebuild)});
        p.clearance.push_back({"downhill gate passed (pain-free at training volume)",
                               c.downhill_gate ? "passed" : "not yet", c.downhill_gate});
    }

    static int rank_of(Phase ph) { return static_cast<int>(ph); }

    void advice(Plan& p) const {
        bool refer = p.referred;
        auto ph = p.phase;
        if (refer)
            p.advice.push_back("See a sports-medicine clinician before running again; cross-training only.");
        if (refer || (ph && (*ph == Phase::settle || *ph == Phase::strength || *ph == Phase::run_walk)))
            p.advice.push_back("Cross-train to keep fitness: swimming, pool running, cycling, elliptical.");
        if (ph && *ph != Phase::cleared)
            p.advice.push_back(fmt::format("Avoid deep squats and lunges until pain is controlled and hip strength has "
                                           "improved: bring them back gradually once runs are pain-free and the "
                                           "strength ratio reaches {} (clearance).",
                                           format_fixed(r_.clear_strength_ratio, 2)));
        else if (ph && *ph == Phase::cleared)
            p.advice.push_back("Deep squats and lunges may come back gradually, as long as they stay pain-free.");
        if (!refer && (!ph || *ph == Phase::rebuild || *ph == Phase::cleared)) {
            p.advice.push_back("Build uphill before downhill, and vary surfaces: road, trail, track, grass.");
            p.advice.push_back(fmt::format("Replace shoes at {}-{} {}.", format_fixed(r_.shoe_warn, 0), format_fixed(r_.shoe_limit, 0),
                                           units()));
        }
    }
};

const std::vector<std::pair<ProtocolExercise, std::pair<int, int>>> protocol_table = {
    // phases as ranks: 0 settle .. 3 rebuild, 4 cleared
    {{"straight-leg-raise", "straight-leg raise", "3 x 15, hold 2 s"}, {0, 3}},
    {{"clamshell", "clamshell (band)", "3 x 15-20"}, {0, 3}},
    {{"side-lying-abduction", "side-lying hip abduction", "3 x 15"}, {0, 3}},
    {{"short-foot", "short-foot exercise", "3 x 15"}, {0, 3}},
    {{"terminal-knee-extension", "terminal knee extension (band)", "3 x 15"}, {1, 3}},
    {{"single-leg-bridge", "single-leg glute bridge", "3 x 10-12 per side, hold 2 s"}, {1, 3}},
    {{"lateral-band-walk", "lateral band walk", "3 x 10-12 steps each way"}, {1, 3}},
    {{"wall-sit", "wall sit at 60 degrees", "3 x 30-45 s; not in the acute phase"}, {2, 3}},
    {{"single-leg-balance", "single-leg balance on foam", "mid-to-late rehab"}, {2, 4}},
};

}  // namespace

std::vector<ProtocolExercise> protocol_for(std::optional<Phase> phase, int maintenance_sessions) {
    std::vector<ProtocolExercise> out;
    int rank = phase ? static_cast<int>(*phase) : 5;
    for (const auto& [ex, range] : protocol_table)
        if (rank >= range.first && rank <= range.second) out.push_back(ex);
    if (!phase || *phase == Phase::cleared)
        out.push_back({"", "hip maintenance: clamshell, side-lying abduction, lateral band walk, single-leg bridge",
                       fmt::format("{} session{} a week", maintenance_sessions, maintenance_sessions == 1 ? "" : "s")});
    return out;
}

Plan make_plan(const History& history, Date today, int weeks, History* projected, const Assessment* assessed) {
    Planner planner(history, today, std::max(0, weeks), assessed);
    auto plan = planner.run();
    if (projected) *projected = planner.projected();
    return plan;
}

void explain_plan_difference(NextVerdict& v, const History& history, Date today, const Assessment* assessed) {
    if (v.caps.run_walk || !v.caps.may_run || !v.caps.distance) return;
    auto plan = make_plan(history, today, 2, nullptr, assessed);
    if (plan.weeks.size() < 2 || !plan.weeks[1].distance_cap) return;
    double shown = *plan.weeks[1].distance_cap;
    double held = floor_tenth(v.plan_holds.value_or(*v.caps.distance));
    if (std::fabs(shown - held) < 1e-9) return;
    v.plan_shows = shown;
    v.current_cap = plan.weeks[0].distance_cap;
    v.current_logged = plan.weeks[0].logged;
}

}  // namespace rkplan
