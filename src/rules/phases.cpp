#include "rkplan/phases.hpp"
#include "rkplan/projection.hpp"
#include "rkplan/text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace rkplan {

std::string_view to_string(Mode m) { return m == Mode::injury ? "injury" : "prevention"; }

std::string_view to_string(Phase p) {
    switch (p) {
        case Phase::settle: return "1";
        case Phase::strength: return "2";
        case Phase::run_walk: return "3";
        case Phase::rebuild: return "4";
        case Phase::cleared: return "cleared";
    }
    return "?";
}

std::string_view phase_name(Phase p) {
    switch (p) {
        case Phase::settle: return "settle";
        case Phase::strength: return "strength";
        case Phase::run_walk: return "run-walk";
        case Phase::rebuild: return "rebuild";
        case Phase::cleared: return "maintain";
    }
    return "?";
}

std::string_view to_string(CapReason r) {
    switch (r) {
        case CapReason::none: return "none";
        case CapReason::no_running: return "no-running";
        case CapReason::increase: return "increase";
        case CapReason::restart: return "restart";
        case CapReason::pullback: return "pullback";
        case CapReason::acwr: return "acwr";
    }
    return "?";
}

int first_continuous_step(const std::vector<LadderStep>& ladder) {
    for (std::size_t i = 0; i < ladder.size(); ++i)
        if (ladder[i].continuous()) return static_cast<int>(i) + 1;
    return static_cast<int>(ladder.size());
}

int session_level(const Run& run, const std::vector<LadderStep>& ladder) {
    int level = 0;
    if (run.kind == RunKind::run_walk) {
        if (!run.run_walk_run || !run.run_walk_walk) return 0;
        double r = *run.run_walk_run, w = *run.run_walk_walk;
        double share = r / (r + w);
        // The highest interval step the session reaches in interval length or share.
        for (std::size_t i = 0; i < ladder.size(); ++i) {
            const auto& s = ladder[i];
            if (s.continuous()) continue;
            if (r >= s.run && share >= s.run / (s.run + s.walk)) level = static_cast<int>(i) + 1;
        }
        return level;
    }
    if (!run.duration) return 0;
    for (std::size_t i = 0; i < ladder.size(); ++i) {
        const auto& s = ladder[i];
        if (s.continuous() && *run.duration >= s.run) level = static_cast<int>(i) + 1;
    }
    return level;
}

std::vector<int> prescribed_steps(int step, int streak, int sessions, const Rules& rules) {
    std::vector<int> out;
    int last = static_cast<int>(rules.run_walk_ladder.size());
    for (int i = 0; i < sessions; ++i) {
        out.push_back(step);
        // Phase 4 opens after the last step's passes; the week's remaining sessions stay at
        // the last step (the week is a phase-3 week to its end).
        if (++streak >= rules.passes_per_step) {
            if (step < last) ++step;
            streak = 0;
        }
    }
    return out;
}

namespace {

constexpr int days_per_week = 7;
// Weeks looked back over for a baseline, a break, the restart mean, the acwr and the pace.
constexpr std::size_t lookback_weeks = 4;
// Minutes per unit of distance of a run-walk session when the runner has none timed.
constexpr double default_minutes_per_km = 8;
constexpr double default_minutes_per_mi = 13;
// Zero weeks in a row that lock downhill again (revision 2).
constexpr std::size_t downhill_break_weeks = 2;
// Failing phase-3 sessions in a row that send the runner to step 1 (revision 2).
constexpr int fails_to_first_step = 2;
// Pain-logged runs whose pain rises from each to the next (revision 2).
constexpr std::size_t rising_runs = 3;

}  // namespace

double run_walk_pace(const History& h, Date week_start) {
    std::vector<double> paces;
    Date from = week_start - static_cast<int>(lookback_weeks) * days_per_week;
    for (const auto& r : h.runs) {
        if (r.date < from || r.date >= week_start || !r.duration || *r.duration <= 0) continue;
        if (r.kind != RunKind::run_walk) continue;
        paces.push_back(r.distance / *r.duration);
    }
    if (auto median = median_of(std::move(paces))) return *median;
    return 1.0 / (h.runner.units == Units::km ? default_minutes_per_km : default_minutes_per_mi);
}

double session_distance(const LadderStep& step, double pace) {
    return std::max(0.1, std::round(step.total_minutes() * pace * 10) / 10);
}

namespace {

bool above(const std::optional<double>& v, double limit) { return v && *v > limit; }

// The worst of a run's pain and next-morning pain, where either is logged.
std::optional<double> worst_pain(const std::optional<double>& pain, const std::optional<double>& after) {
    if (pain && after) return std::max(*pain, *after);
    return pain ? pain : after;
}

// One thing that happened, in the order docs/manual/rules.md gives.
struct Event {
    Date date;
    int kind;  // 0 check-in, 1 strength, 2 run or week total
    std::size_t index;
    bool total = false;
};

bool has_hip_and_quad(const Strength& s) {
    bool hip = false, quad = false;
    for (auto e : s.exercises) {
        hip = hip || e == Exercise::clamshell || e == Exercise::side_lying_abduction ||
              e == Exercise::lateral_band_walk || e == Exercise::single_leg_bridge;
        quad = quad || e == Exercise::straight_leg_raise || e == Exercise::terminal_knee_extension ||
               e == Exercise::wall_sit;
    }
    return hip && quad;
}

int rank(Phase p) { return static_cast<int>(p); }

class Engine {
public:
    Engine(const History& h, const WeeksReport& w) : h_(h), w_(w), r_(h.rules) {
        t_.mode = h.injury ? Mode::injury : Mode::prevention;
        t_.runs.resize(h.runs.size());
        t_.weeks.resize(w.weeks.size());
        t_.red_flag_resolved.resize(h.checkins.size());
        signal_week_.assign(w.weeks.size(), false);
        if (t_.mode == Mode::injury) {
            state_.phase = Phase::settle;
            state_.before_onset = true;
            improvement_due_ = h.injury->treatment_start + days_per_week * r_.no_improvement_weeks;
        }
        t_.downhill_volume = downhill_volume();
        observe_until_ = w.today;
    }

    // The first `weeks` weeks of the report, each with its events.
    void start(std::size_t weeks) {
        events_ = collect_events(0, 0, 0, true);
        for (std::size_t wi = 0; wi < weeks; ++wi) process_week(wi);
    }

    void process_week(std::size_t wi) {
        begin_week(wi);
        finish_week(wi);
    }

    // The rest of week `wi`: its events not yet handled, and its end.
    void finish_week(std::size_t wi) {
        Date end = w_.weeks[wi].start + days_per_week;
        while (next_event_ < events_.size() && events_[next_event_].date < end) handle(events_[next_event_++], wi);
        end_week(wi);
    }

    // The state as of `today` (in the last week): `now` and the clearance verdict.
    const PhaseTimeline& finish(Date today) {
        reach_onset(today);  // the onset is never after today
        observe(today + 1);
        if (!w_.weeks.empty()) at(today, w_.weeks.size() - 1);
        t_.now = state_;
        t_.clearance = clearance_status();
        return t_;
    }

    PhaseTimeline take() { return std::move(t_); }
    const PhaseTimeline& timeline() const { return t_; }

    // The projection: the entries from these indices on, all dated after every entry before
    // them, join the events to handle.
    void add_events(std::size_t first_checkin, std::size_t first_strength, std::size_t first_run) {
        t_.runs.resize(h_.runs.size());
        t_.red_flag_resolved.resize(h_.checkins.size());
        auto added = collect_events(first_checkin, first_strength, first_run, false);
        events_.insert(events_.end(), added.begin(), added.end());
    }

    // The projection: a week the caller appended to the report, with nothing in it yet.
    void open_week() {
        t_.weeks.resize(w_.weeks.size());
        signal_week_.resize(w_.weeks.size(), false);
        process_week(w_.weeks.size() - 1);
    }

private:
    const History& h_;
    const WeeksReport& w_;
    const Rules& r_;
    PhaseTimeline t_;
    PhaseState state_;
    std::vector<Event> events_;  // in the order docs/manual/rules.md gives
    std::size_t next_event_ = 0;
    // The last day whose phase can be the one at the improvement due date: today, also
    // when a projection moves on (the due date judges what happened, not what is planned).
    Date observe_until_;
    std::vector<bool> signal_week_;
    // The pullback in force: from the day after its signal to the end of week `pb_last_`.
    std::optional<Date> pb_from_;
    std::size_t pb_last_ = 0;
    double pb_cap_ = 0;
    double pb_reference_ = 0;
    bool healthy_entries_ = false;  // entries before the injury's onset
    bool restart_pending_ = false;  // a referral was lifted: the next running week restarts
    int run_walk_sessions_ = 0;     // phase-3 sessions in the current week
    double week_so_far_ = 0;        // the current week's distance run so far
    std::vector<double> recent_pain_;  // the last pain-logged runs' worst pain
    std::vector<std::size_t> open_flags_;  // red-flag check-ins not yet resolved
    std::optional<Date> improvement_due_;
    std::size_t week_ = 0;  // the week of the event being handled
    // The clearance criteria, as the latest check-in that tested each left it.
    ClearanceStatus crit_;

    bool injury() const { return t_.mode == Mode::injury; }
    // Injury mode from the onset on: the phases apply.
    bool injured() const { return injury() && !state_.before_onset; }
    bool running_phase() const {
        return !injured() || state_.phase == Phase::rebuild || state_.phase == Phase::cleared;
    }
    double distance(std::size_t wi) const { return w_.weeks[wi].distance; }

    // goal_weekly, else the mean of the (up to 4) weeks before the onset's week on record.
    std::optional<double> downhill_volume() const {
        if (h_.runner.goal_weekly) return h_.runner.goal_weekly;
        if (!h_.injury || w_.weeks.empty()) return std::nullopt;
        Date onset_week = week_start_of(h_.injury->onset, h_.runner.week_start);
        double sum = 0;
        int n = 0;
        for (std::size_t i = 0; i < w_.weeks.size() && w_.weeks[i].start < onset_week; ++i) {
            if (w_.weeks[i].start < onset_week - static_cast<int>(lookback_weeks) * days_per_week) continue;
            sum += w_.weeks[i].distance;
            ++n;
        }
        if (n == 0 || sum <= 0) return std::nullopt;
        return sum / n;
    }

    // RuleId::no_improvement: the phase at the due date.
    // Before anything dated after the improvement due date: the phase then in force.
    void observe(Date d) {
        if (improvement_due_ && !t_.phase_at_improvement_due && d > *improvement_due_ && d <= observe_until_ + 1 &&
            *improvement_due_ <= observe_until_)
            t_.phase_at_improvement_due = state_.before_onset ? Phase::settle : state_.phase;
    }

    // The onset, at the first week or event on or after it: phase 1, and whatever healthy
    // running had opened (a pullback, the downhill allowance) starts over.
    void reach_onset(Date d) {
        if (!state_.before_onset || d < h_.injury->onset) return;
        state_.before_onset = false;
        if (healthy_entries_) transition(h_.injury->onset, h_.injury->pos, "injury onset: phase 1 (settle)");
        enter(Phase::settle, h_.injury->onset);
        state_.step = 1;
    }

    // The events of the entries from these indices on, and of every [[week]] total if
    // `totals` (a projection adds none: it raises the current week's in place).
    std::vector<Event> collect_events(std::size_t first_checkin, std::size_t first_strength, std::size_t first_run,
                                      bool totals) const {
        std::vector<Event> ev;
        for (std::size_t i = first_checkin; i < h_.checkins.size(); ++i) ev.push_back({h_.checkins[i].date, 0, i});
        for (std::size_t i = first_strength; i < h_.strength.size(); ++i) ev.push_back({h_.strength[i].date, 1, i});
        for (std::size_t i = first_run; i < h_.runs.size(); ++i) ev.push_back({h_.runs[i].date, 2, i});
        if (totals)
            for (std::size_t i = 0; i < h_.weeks.size(); ++i)
                ev.push_back({week_start_of(h_.weeks[i].start, h_.runner.week_start), 2, i, true});
        std::stable_sort(ev.begin(), ev.end(), [](const Event& a, const Event& b) {
            if (a.date != b.date) return a.date < b.date;
            if (a.kind != b.kind) return a.kind < b.kind;
            return a.index < b.index;
        });
        return ev;
    }

    void transition(Date d, SourcePos pos, std::string what) {
        t_.transitions.push_back({d, pos, std::move(what)});
    }

    void set_phase(Phase p, Date d, SourcePos pos, std::string_view why) {
        transition(d, pos, fmt::format("phase {} -> {}: {}", to_string(state_.phase), to_string(p), why));
        t_.weeks[week_].phase_changed_on = d;
        enter(p, d);
    }

    void enter(Phase p, Date d) {
        state_.phase = p;
        state_.streak = 0;
        state_.fail_streak = 0;
        state_.strength_streak = 0;
        if (p == Phase::run_walk || p == Phase::settle || p == Phase::strength) {
            state_.downhill_unlocked = false;
            state_.downhill_weeks = 0;
            pb_from_.reset();
            state_.in_pullback = false;
            state_.pullback_cap.reset();
            state_.pullback_weeks_left = 0;
        }
        if (p == Phase::run_walk && state_.step < 1) state_.step = 1;
        if (p == Phase::cleared) t_.clearance_date = d;
    }

    // The pullback state on day `d` of week `wi`.
    void at(Date d, std::size_t wi) {
        if (pb_from_ && wi > pb_last_) pb_from_.reset();
        state_.in_pullback = pb_from_ && d >= *pb_from_;
        state_.pullback_cap = state_.in_pullback ? std::optional<double>(pb_cap_) : std::nullopt;
        state_.pullback_weeks_left = state_.in_pullback ? static_cast<int>(pb_last_ - wi) : 0;
    }

    // A week is pain-free with evidence: every run logged pain and pain_after within the limit.
    bool pain_free_with_evidence(std::size_t wi) const {
        const auto& wk = w_.weeks[wi];
        if (wk.distance <= 0 || signal_week_[wi]) return false;
        if (wk.from_totals) return wk.pain && wk.pain_after;
        for (auto i : wk.run_indices)
            if (!h_.runs[i].pain || !h_.runs[i].pain_after) return false;
        return true;
    }

    // RuleId::downhill_locked: the gate that unlocks downhill, and its re-locking.
    // The downhill gate (docs/manual/rules.md, revision 2): consecutive pain-free phase-4 weeks at the
    // training volume; a break of 2 zero weeks locks it again.
    void downhill_gate(std::size_t wi) {
        if (wi == 0 || !injured() || (state_.phase != Phase::rebuild && state_.phase != Phase::cleared)) return;
        std::size_t prev = wi - 1;
        const auto& pc = t_.weeks[prev];
        auto volume = t_.downhill_volume;
        bool at_level = !volume || distance(prev) >= r_.downhill_volume_share * *volume;
        bool counts = (pc.state.phase == Phase::rebuild || pc.state.phase == Phase::cleared) &&
                      !pc.state.before_onset && !pc.pullback_cap && !pc.pullback_from && !pc.referred_in_week &&
                      at_level && pain_free_with_evidence(prev);
        state_.downhill_weeks = counts ? state_.downhill_weeks + 1 : 0;
        bool broke = wi >= downhill_break_weeks;
        for (std::size_t k = 1; broke && k <= downhill_break_weeks; ++k) broke = distance(wi - k) <= 0;
        if (broke && state_.downhill_unlocked) {
            state_.downhill_unlocked = false;
            transition(w_.weeks[wi].start, {},
                       fmt::format("downhill locked again: {} weeks without running", downhill_break_weeks));
        }
        int needed = r_.downhill_after_weeks + (volume ? 0 : 1);
        // A forward gate: it does not open while a red flag is open.
        if (!state_.downhill_unlocked && !state_.referred && state_.downhill_weeks >= needed) {
            state_.downhill_unlocked = true;
            transition(w_.weeks[wi].start, {},
                       fmt::format("downhill unlocked after {} pain-free week{}", state_.downhill_weeks,
                                   state_.downhill_weeks == 1 ? "" : "s"));
        }
    }

    void begin_week(std::size_t wi) {
        week_ = wi;
        reach_onset(w_.weeks[wi].start);
        observe(w_.weeks[wi].start);
        downhill_gate(wi);
        maybe_clear(w_.weeks[wi].start, {});
        at(w_.weeks[wi].start, wi);
        run_walk_sessions_ = 0;
        week_so_far_ = 0;
        auto& ctx = t_.weeks[wi];
        ctx.state = state_;
        ctx.referred_in_week = state_.referred;
        if (state_.in_pullback) {
            ctx.pullback_cap = pb_cap_;
            ctx.pullback_reference = pb_reference_;
        }
        caps(wi);
    }

    // RuleId::weekly_increase: what the week passes on as the next baseline.
    void end_week(std::size_t wi) {
        auto& ctx = t_.weeks[wi];
        ctx.last_phase = state_.before_onset ? Phase::settle : state_.phase;
        ctx.signal = signal_week_[wi];
        // A referral lifted inside the week: the week restarts (its runs before the lift
        // are errors of their own).
        if (ctx.state.referred && !state_.referred && running_phase()) {
            ctx.restart = true;
            ctx.restart_after_referral = true;
            ctx.increase_cap = restart_cap(wi);
            ctx.distance_cap = ctx.increase_cap;
            ctx.cap_reason = CapReason::restart;
            if (ctx.pullback_cap && *ctx.pullback_cap < *ctx.distance_cap) {
                ctx.distance_cap = ctx.pullback_cap;
                ctx.cap_reason = CapReason::pullback;
            }
        }
        // The caps of the rules that judge the distance as an error; the acwr caution level
        // only informs, and does not lower the next week's baseline.
        std::optional<double> cap = ctx.first_week ? std::nullopt
                                    : ctx.run_walk_cap ? ctx.run_walk_cap
                                    : ctx.cap_reason == CapReason::no_running ? ctx.distance_cap
                                                                              : ctx.increase_cap;
        if (ctx.pullback_cap && (!cap || *ctx.pullback_cap < *cap)) cap = ctx.pullback_cap;
        ctx.passed_on = cap ? std::min(distance(wi), *cap) : distance(wi);
        // Running after the lift, phase-3 sessions included, is the restart.
        if (distance(wi) > 0 && (ctx.restart || ctx.run_walk_cap)) restart_pending_ = false;
    }

    // The nearest week within 4 before `wi` that passed on any distance.
    std::optional<double> recent(std::size_t wi) const {
        for (std::size_t back = 1; back <= lookback_weeks && back <= wi; ++back)
            if (t_.weeks[wi - back].passed_on > 0) return t_.weeks[wi - back].passed_on;
        return std::nullopt;
    }

    // RuleId::weekly_increase after a break or a lifted referral.
    // docs/manual/rules.md, revision 2: restart_factor x the mean of the last 4 non-zero weeks, at least
    // restart_min but never above that mean, at most goal_weekly; with no running week on
    // record, restart_factor x goal_weekly, else restart_min.
    double restart_cap(std::size_t wi) const {
        auto goal = h_.runner.goal_weekly;
        double sum = 0;
        std::size_t n = 0;
        for (std::size_t k = wi; k-- > 0 && n < lookback_weeks;)
            if (t_.weeks[k].passed_on > 0) {
                sum += t_.weeks[k].passed_on;
                ++n;
            }
        if (n == 0) return goal ? r_.restart_factor * *goal : r_.restart_min;
        double mean = sum / static_cast<double>(n);
        double cap = std::min(std::max(r_.restart_factor * mean, r_.restart_min), mean);
        return goal ? std::min(cap, *goal) : cap;
    }

    // Decides the caps of RuleId::weekly_increase, RuleId::pullback_ignored and RuleId::acwr_high.
    void caps(std::size_t wi) {
        auto& c = t_.weeks[wi];
        const auto& s = state_;
        const Mode mode = rules_mode(t_.mode, s);
        if (s.referred || before_running(t_.mode, s)) {
            c.distance_cap = 0;
            c.cap_reason = CapReason::no_running;
            return;
        }
        if (in_run_walk(t_.mode, s)) {
            c.pace = run_walk_pace(h_, w_.weeks[wi].start);
            c.prescribed_steps = prescribed_steps(s.step, s.streak, r_.run_days, r_);
            double sum = 0;
            for (int st : c.prescribed_steps)
                sum += session_distance(r_.run_walk_ladder[static_cast<std::size_t>(st - 1)], c.pace);
            c.run_walk_cap = sum;
            return;
        }
        c.first_week = wi == 0 && !restart_pending_;
        auto near = recent(wi);
        c.restart = !c.first_week && (restart_pending_ || !near);
        c.restart_after_referral = c.restart && restart_pending_;
        if (c.restart || c.first_week) {
            c.increase_cap = restart_cap(wi);
        } else {
            double base = *near;
            if (mode == Mode::prevention) {
                // A runner may return from a cut-back week to the established level.
                std::size_t count = std::min(lookback_weeks, wi);
                double sum = 0;
                for (std::size_t back = 1; back <= count; ++back) sum += t_.weeks[wi - back].passed_on;
                base = std::max(base, sum / static_cast<double>(count));
            }
            c.baseline = base;
            c.increase_cap = base * (1 + r_.max_weekly_increase);
        }
        acwr(wi);
        c.distance_cap = c.increase_cap;
        c.cap_reason = c.first_week ? CapReason::none : c.restart ? CapReason::restart : CapReason::increase;
        auto tighten = [&](const std::optional<double>& v, CapReason why) {
            if (v && (!c.distance_cap || *v < *c.distance_cap)) {
                c.distance_cap = v;
                c.cap_reason = why;
            }
        };
        tighten(c.pullback_cap, CapReason::pullback);
        tighten(c.acwr_cap, CapReason::acwr);
    }

    // RuleId::acwr_high: whether it judges the week, and the chronic load.
    // The acute:chronic rule judges a week whose previous 4 weeks all ran under the 10%
    // rule, none of them a restart or the first on record (ACWR means nothing across a
    // break or phase 3).
    void acwr(std::size_t wi) {
        auto& c = t_.weeks[wi];
        if (wi < lookback_weeks || c.restart || c.first_week) return;
        double sum = 0;
        for (std::size_t back = 1; back <= lookback_weeks; ++back) {
            const auto& p = t_.weeks[wi - back];
            if (!running_regime(t_.mode, p.state) || p.state.referred || p.restart || p.first_week) return;
            sum += distance(wi - back);
        }
        if (sum <= 0) return;
        c.acwr_applies = true;
        c.chronic = sum / static_cast<double>(lookback_weeks);
        c.acwr_cap = r_.acwr_caution * *c.chronic;
    }

    void handle(const Event& e, std::size_t wi) {
        reach_onset(e.date);
        observe(e.date);
        at(e.date, wi);
        week_ = wi;
        if (state_.before_onset) healthy_entries_ = true;
        switch (e.kind) {
            case 0: return checkin(e.index);
            case 1: return strength(e.index);
            default: return e.total ? total(e.index, wi) : run(e.index, wi);
        }
    }

    // RuleId::red_flag and RuleId::running_too_early: the refer state and its lifting.
    void red_flags(std::size_t i) {
        const auto& c = h_.checkins[i];
        if (c.red_flag()) {
            if (!state_.referred)
                transition(c.date, c.pos, fmt::format("refer: {} (red flag)", c.red_flags().front()));
            state_.referred = true;
            t_.weeks[week_].referred_in_week = true;
            t_.referring_checkin = i;
            open_flags_.push_back(i);
        } else if (state_.referred && c.seen_clinician.value_or(false)) {
            state_.referred = false;
            t_.referring_checkin.reset();
            restart_pending_ = true;
            for (auto f : open_flags_) t_.red_flag_resolved[f] = c.date;
            open_flags_.clear();
            transition(c.date, c.pos, "refer lifted: seen a clinician, no red flag");
        }
    }

    // Records the clearance criteria a check-in tested; returns what it failed, if anything.
    std::string record_criteria(const Checkin& c) {
        std::string failed;
        auto note = [&](bool met, std::string_view what) {
            if (!met) failed += (failed.empty() ? "" : ", ") + std::string(what);
        };
        if (c.single_leg_squats) {
            crit_.squats = {c.single_leg_squats, c.date, *c.single_leg_squats >= r_.clear_squats};
            note(crit_.squats.met, fmt::format("{} single-leg squats", *c.single_leg_squats));
        }
        if (c.stair_descent_pain) {
            crit_.stair_descent_pain = {c.stair_descent_pain, c.date, !*c.stair_descent_pain};
            note(crit_.stair_descent_pain.met, "stair descent painful");
        }
        if (c.strength_ratio) {
            crit_.strength_ratio = {c.strength_ratio, c.date, *c.strength_ratio >= r_.clear_strength_ratio};
            note(crit_.strength_ratio.met, "strength ratio " + format_shortest(*c.strength_ratio));
        }
        return failed;
    }

    bool criteria_within_window() const {
        const auto& a = crit_.squats;
        const auto& b = crit_.stair_descent_pain;
        const auto& c = crit_.strength_ratio;
        if (!a.met || !b.met || !c.met) return false;
        Date lo = std::min({*a.date, *b.date, *c.date}), hi = std::max({*a.date, *b.date, *c.date});
        return hi - lo <= r_.clearance_window_days;
    }

    ClearanceStatus clearance_status() const {
        ClearanceStatus s = crit_;
        s.criteria_met = crit_.squats.met && crit_.stair_descent_pain.met && crit_.strength_ratio.met;
        s.within_window = criteria_within_window();
        s.downhill_gate = injured() && (state_.phase == Phase::rebuild || state_.phase == Phase::cleared) &&
                          (state_.downhill_unlocked || state_.phase == Phase::cleared);
        s.cleared = injured() && state_.phase == Phase::cleared;
        return s;
    }

    // Phase 4 with the downhill gate passed and every criterion met within the window.
    void maybe_clear(Date d, SourcePos pos) {
        if (!injured() || state_.referred || state_.phase != Phase::rebuild || !state_.downhill_unlocked) return;
        if (!criteria_within_window()) return;
        set_phase(Phase::cleared, d, pos,
                  fmt::format("downhill gate passed and every clearance criterion met within {} days",
                              r_.clearance_window_days));
    }

    void checkin(std::size_t i) {
        const auto& c = h_.checkins[i];
        red_flags(i);
        auto failed = record_criteria(c);
        if (!injured()) return;
        bool walking_or_stairs = c.walking_pain.value_or(false) || c.stairs_pain.value_or(false) ||
                                 c.stair_descent_pain.value_or(false);
        if (state_.phase != Phase::settle && walking_or_stairs) {
            set_phase(Phase::settle, c.date, c.pos, "pain walking or on stairs");
            state_.step = 1;
            return;
        }
        if (state_.phase == Phase::cleared && !failed.empty()) {
            set_phase(Phase::rebuild, c.date, c.pos, "clearance withdrawn: " + failed);
            return;
        }
        if (state_.referred) return;  // no gate opens while a red flag is open
        if (state_.phase == Phase::settle && c.walking_pain == false && c.stairs_pain == false)
            set_phase(Phase::strength, c.date, c.pos, "walking and stairs are pain-free");
        if (state_.phase == Phase::strength && c.exercise_pain == false) {
            set_phase(Phase::run_walk, c.date, c.pos, "the strengthening exercises are pain-free");
            state_.step = 1;
        }
        maybe_clear(c.date, c.pos);
    }

    void strength(std::size_t i) {
        if (!injured() || state_.phase != Phase::strength || state_.referred) return;
        const auto& s = h_.strength[i];
        if (!s.pain || *s.pain > r_.pain_limit) {
            state_.strength_streak = 0;
            return;
        }
        // Revision 2: only a session of hip and quadriceps work counts toward the gate; a
        // pain-free session without them neither counts nor breaks the row.
        if (!has_hip_and_quad(s)) return;
        if (++state_.strength_streak >= r_.passes_per_step) {
            set_phase(Phase::run_walk, s.date, s.pos,
                      r_.passes_per_step == 1 ? "a pain-free hip and quadriceps session"
                                             : fmt::format("{} pain-free hip and quadriceps sessions in a row",
                                                           r_.passes_per_step));
            state_.step = 1;
        }
    }

    // RuleId::pullback_ignored: the pullback a signal starts (RuleId::pain_signal).
    // An early signal in week `wi` (phase 4, cleared or prevention mode), on day `d`, after
    // `so_far` of the week's distance.
    void early_signal(std::size_t wi, Date d, SourcePos pos, double so_far) {
        bool inside = state_.in_pullback;
        if (inside && injured()) {
            set_phase(Phase::run_walk, d, pos, "a second pain signal inside a pullback");
            state_.step = first_continuous_step(r_.run_walk_ladder);
            return;
        }
        // The cap: a share of the last pain-free week before this one (docs/manual/rules.md), as it was
        // passed on (a week above its cap counts at its cap); without one, of this week's
        // distance up to the signal (what is run after it is in the pullback, and cannot
        // raise the cap).
        std::optional<double> reference;
        for (std::size_t k = wi; k-- > 0;) {
            if (t_.weeks[k].passed_on > 0 && !signal_week_[k]) {
                reference = t_.weeks[k].passed_on;
                break;
            }
        }
        if (!inside || !pb_from_) {
            pb_reference_ = reference.value_or(so_far);
            pb_cap_ = r_.pullback_factor * pb_reference_;
        }
        pb_from_ = d + 1;
        pb_last_ = wi + static_cast<std::size_t>(r_.pullback_weeks);
        auto& ctx = t_.weeks[wi];
        if (d + 1 < w_.weeks[wi].start + days_per_week && !ctx.pullback_from) {
            ctx.pullback_from = d + 1;
            ctx.signal_pullback_cap = pb_cap_;
            ctx.signal_pullback_reference = pb_reference_;
        }
        if (injured() && state_.downhill_unlocked) {
            state_.downhill_unlocked = false;
            transition(d, pos, "downhill locked again: a pullback");
        }
        state_.downhill_weeks = 0;
        transition(d, pos,
                   fmt::format("pullback from {}: the rest of the week and {} week{} at most {} {}",
                               (d + 1).to_string(), r_.pullback_weeks, r_.pullback_weeks == 1 ? "" : "s", format_fixed(pb_cap_, 1),
                               to_string(h_.runner.units)));
    }

    // RuleId::pain_rising.
    // Revision 2: a pain at or above pain_severe, or pain rising over 3 pain-logged runs.
    Escalation escalation(const std::optional<double>& worst, std::vector<double>& rising) {
        if (!worst) return Escalation::no;
        recent_pain_.push_back(*worst);
        if (recent_pain_.size() > rising_runs) recent_pain_.erase(recent_pain_.begin());
        Escalation e = Escalation::no;
        if (*worst >= r_.pain_severe) e = Escalation::severe;
        else if (recent_pain_.size() == rising_runs && *worst > r_.pain_limit) {
            bool rises = true;
            for (std::size_t k = 1; k < recent_pain_.size(); ++k) rises = rises && recent_pain_[k] > recent_pain_[k - 1];
            if (rises) e = Escalation::rising;
        }
        if (e != Escalation::no) {
            rising = recent_pain_;
            recent_pain_.clear();
        }
        return e;
    }

    // Drops one phase from where the runner stood at the run (cleared -> 4, 4 -> 3 at the
    // first continuous step, 3 -> step 1), unless the run already dropped them further.
    void escalate(const PhaseState& before, Date d, SourcePos pos) {
        if (!injured()) return;
        int cont = first_continuous_step(r_.run_walk_ladder);
        if (before.phase == Phase::cleared && state_.phase == Phase::cleared) {
            set_phase(Phase::rebuild, d, pos, "pain severe or rising: clearance withdrawn");
        } else if (before.phase == Phase::rebuild && rank(state_.phase) >= rank(Phase::rebuild)) {
            set_phase(Phase::run_walk, d, pos, "pain severe or rising");
            state_.step = cont;
        } else if (before.phase == Phase::run_walk && state_.phase == Phase::run_walk && state_.step > 1) {
            transition(d, pos, fmt::format("run-walk step {} -> 1: pain severe or rising", state_.step));
            state_.step = 1;
            state_.streak = 0;
        }
    }

    // RuleId::evidence_missing.
    std::string missing_evidence(const Run& r, const PhaseState& s) const {
        if (!injured() || s.referred) return {};
        bool gate = s.phase == Phase::run_walk ||
                    (s.phase == Phase::rebuild && !s.downhill_unlocked && !s.in_pullback);
        if (!gate) return {};
        std::string miss;
        if (!r.pain && !r.pain_after) miss = "pain and pain_after";
        else if (!r.pain) miss = "pain";
        else if (!r.pain_after) miss = "pain_after";
        if (s.phase == Phase::run_walk && r.kind != RunKind::run_walk && !r.duration)
            miss += miss.empty() ? "duration" : " and duration";
        return miss;
    }

    void run(std::size_t i, std::size_t wi) {
        const auto& r = h_.runs[i];
        auto& ctx = t_.runs[i];
        week_so_far_ += r.distance;
        ctx.state = state_;
        ctx.signal = above(r.pain, r_.pain_limit) || above(r.pain_after, r_.pain_limit);
        ctx.level = session_level(r, r_.run_walk_ladder);
        ctx.missing_evidence = missing_evidence(r, state_);
        if (ctx.signal) signal_week_[wi] = true;
        // While referred no gate opens, but a pain signal still counts: it drops a ladder
        // step or starts a pullback that is still in force when the red flag is lifted.
        if (injured() && state_.phase == Phase::run_walk) ladder(r, ctx);
        else if (running_phase() && ctx.signal) early_signal(wi, r.date, r.pos, week_so_far_);
        ctx.escalation = escalation(worst_pain(r.pain, r.pain_after), ctx.rising);
        if (ctx.escalation != Escalation::no) escalate(ctx.state, r.date, r.pos);
    }

    // RuleId::run_walk_ahead.
    // Revision 2: a session above the open step — a longer run interval or a higher run
    // share, a continuous run before the first continuous step, more running minutes than
    // the open step holds, or more than run_days sessions in the week.
    Ahead ahead_of_step(const Run& r, const RunContext& ctx) const {
        const auto& ladder = r_.run_walk_ladder;
        const auto& open = ladder[static_cast<std::size_t>(ctx.state.step - 1)];
        if (run_walk_sessions_ > r_.run_days) return Ahead::too_many;
        if (r.kind == RunKind::run_walk) {
            if (ctx.level > ctx.state.step) return Ahead::ratio;
        } else if (ctx.state.step < first_continuous_step(ladder)) {
            return Ahead::continuous_early;
        } else if (ctx.level > ctx.state.step) {
            return Ahead::too_long;
        }
        if (!r.duration) return Ahead::no;
        double share = 1;
        if (r.kind == RunKind::run_walk && r.run_walk_run && r.run_walk_walk)
            share = *r.run_walk_run / (*r.run_walk_run + *r.run_walk_walk);
        double running = *r.duration * share;
        double allowed = open.run * open.repeats * (1 + session_minutes_tolerance);
        return running > allowed + 1e-9 ? Ahead::too_long : Ahead::no;
    }

    void ladder(const Run& r, RunContext& ctx) {
        int last = static_cast<int>(r_.run_walk_ladder.size());
        ++run_walk_sessions_;
        if (ctx.signal) {
            ctx.result = SessionResult::fail;
            state_.streak = 0;
            if (++state_.fail_streak >= fails_to_first_step && state_.step > 1) {
                transition(r.date, r.pos,
                           fmt::format("run-walk step {} -> 1: {} failing sessions in a row", state_.step,
                                       state_.fail_streak));
                state_.step = 1;
            } else if (state_.step > 1) {
                --state_.step;
                transition(r.date, r.pos, fmt::format("run-walk step {} -> {}: pain above {}", state_.step + 1,
                                                      state_.step, format_shortest(r_.pain_limit)));
            }
            return;
        }
        ctx.ahead = ahead_of_step(r, ctx);
        if (ctx.ahead != Ahead::no) {
            ctx.result = SessionResult::above;
            state_.streak = 0;
            return;
        }
        if (state_.referred) return;  // no progress while a red flag is open
        if (ctx.level < state_.step) {
            ctx.result = SessionResult::below;
            return;
        }
        if (!r.pain || !r.pain_after) {
            ctx.result = SessionResult::unlogged;
            state_.streak = 0;
            return;
        }
        ctx.result = SessionResult::pass;
        state_.fail_streak = 0;
        if (++state_.streak < r_.passes_per_step) return;
        if (state_.step == last) {
            set_phase(Phase::rebuild, r.date, r.pos,
                      r_.passes_per_step == 1 ? std::string("the ladder's last step passed")
                                             : fmt::format("the ladder's last step passed {} times", r_.passes_per_step));
            return;
        }
        ++state_.step;
        state_.streak = 0;
        transition(r.date, r.pos, fmt::format("run-walk step {} -> {}", state_.step - 1, state_.step));
    }

    void total(std::size_t i, std::size_t wi) {
        const auto& w = h_.weeks[i];
        bool signal = above(w.pain, r_.pain_limit) || above(w.pain_after, r_.pain_limit);
        PhaseState before = state_;
        std::vector<double> rising;
        if (signal) {
            signal_week_[wi] = true;
            if (injured() && state_.phase == Phase::run_walk) {
                state_.streak = 0;
                if (state_.step > 1) --state_.step;
            } else if (running_phase()) {
                // A total has no day: its pullback starts with the next week.
                early_signal(wi, w_.weeks[wi].start + (days_per_week - 1), w.pos, w.distance);
            }
        }
        auto& ctx = t_.weeks[wi];
        ctx.escalation = escalation(worst_pain(w.pain, w.pain_after), rising);
        if (ctx.escalation != Escalation::no) escalate(before, w_.weeks[wi].start, w.pos);
    }
};

}  // namespace

std::string downhill_gate_text(const History& h, const PhaseTimeline& t) {
    const auto& r = h.rules;
    auto weeks = [](int n) { return fmt::format("{} pain-free phase-4 week{}", n, n == 1 ? "" : "s"); };
    if (!t.downhill_volume) return weeks(r.downhill_after_weeks + 1) + " (no goal_weekly to measure the volume by)";
    return fmt::format("{} at {}% of the training volume ({}, {} {}) or more", weeks(r.downhill_after_weeks),
                       format_fixed(r.downhill_volume_share * 100, 0),
                       h.runner.goal_weekly ? "goal_weekly" : "the mean of the 4 weeks before onset",
                       format_fixed(r.downhill_volume_share * *t.downhill_volume, 1), to_string(h.runner.units));
}

PhaseTimeline derive_phases(const History& history, const WeeksReport& weeks) {
    Engine engine(history, weeks);
    engine.start(weeks.weeks.size());
    engine.finish(weeks.today);
    return engine.take();
}

namespace {

// The weeks as of `today`; a history without entries starts with the week containing it.
WeeksReport weeks_as_of(const History& h, Date today) {
    auto report = compute_weeks(h, today);
    if (report.weeks.empty()) report.weeks.push_back(empty_week(week_start_of(today, h.runner.week_start), h.runner.week_start));
    return report;
}

}  // namespace

struct Projection::State {
    History history;
    WeeksReport weeks;
    std::optional<Engine> engine;
    // The engine before today's week, which is run again whole when it closes: its logged
    // events were handled before the planned ones existed, and a [[week]] total filed for
    // it is raised in place by the planner — a total with a pain signal takes the raised
    // distance as its pullback reference, as deriving the grown history would.
    std::optional<Engine> before_today;
    // The entries taken in so far; those after them belong to the open week.
    std::size_t checkins = 0, strength = 0, runs = 0;

    State(const History& h, Date today) : history(h), weeks(weeks_as_of(history, today)) {
        engine.emplace(history, weeks);
        engine->start(weeks.weeks.size() - 1);
        before_today.emplace(*engine);
        engine->process_week(weeks.weeks.size() - 1);
        engine->finish(today);
        mark_seen();
    }

    void mark_seen() {
        checkins = history.checkins.size();
        strength = history.strength.size();
        runs = history.runs.size();
    }

    // The open week's tallies with the entries added to it: its runs in date then file
    // order, or its [[week]] total as it now stands.
    void tally_open_week() {
        auto& wk = weeks.weeks.back();
        if (wk.from_totals) {
            for (const auto& t : history.weeks)
                if (week_start_of(t.start, history.runner.week_start) == wk.start) tally_total(wk, t);
            return;
        }
        std::vector<std::size_t> added;
        for (std::size_t i = runs; i < history.runs.size(); ++i) added.push_back(i);
        std::stable_sort(added.begin(), added.end(),
                         [&](std::size_t a, std::size_t b) { return history.runs[a].date < history.runs[b].date; });
        for (auto i : added) tally_run(wk, history.runs[i], i);
    }

    void close_open_week() {
        tally_open_week();
        std::size_t wi = weeks.weeks.size() - 1;
        if (before_today) {
            engine.reset();
            engine.emplace(std::move(*before_today));
            before_today.reset();
            engine->add_events(checkins, strength, runs);
            engine->process_week(wi);
        } else {
            engine->add_events(checkins, strength, runs);
            engine->finish_week(wi);
        }
        mark_seen();
    }
};

Projection::Projection(const History& history, Date today) : s_(std::make_unique<State>(history, today)) {}
Projection::~Projection() = default;

History& Projection::history() { return s_->history; }
const History& Projection::history() const { return s_->history; }
const WeeksReport& Projection::weeks() const { return s_->weeks; }
const PhaseTimeline& Projection::timeline() const { return s_->engine->timeline(); }

void Projection::next_week() {
    auto& st = *s_;
    st.close_open_week();
    Date start = st.weeks.weeks.back().start + days_per_week;
    st.weeks.weeks.push_back(empty_week(start, st.history.runner.week_start));
    st.weeks.today = start;
    st.engine->open_week();
    st.engine->finish(start);
}

}  // namespace rkplan
