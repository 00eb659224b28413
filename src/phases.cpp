#include "rkplan/phases.hpp"

#include <algorithm>
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
        // The highest interval step the session reaches in both interval length and share.
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

namespace {

bool above(const std::optional<double>& v, double limit) { return v && *v > limit; }

// One thing that happened, in the order SPEC §3 gives.
struct Event {
    Date date;
    int kind;  // 0 check-in, 1 strength, 2 run or week total
    std::size_t index;
    bool total = false;
};

std::string_view red_flag_names(const Checkin& c) {
    if (c.swelling.value_or(false)) return "swelling";
    if (c.rest_pain.value_or(false)) return "pain at rest";
    if (c.night_pain.value_or(false)) return "night pain";
    return "the knee giving way";
}

class Engine {
public:
    Engine(const History& h, const WeeksReport& w) : h_(h), w_(w), r_(h.rules) {
        t_.mode = h.injury ? Mode::injury : Mode::prevention;
        t_.runs.resize(h.runs.size());
        t_.weeks.resize(w.weeks.size());
        signal_week_.assign(w.weeks.size(), false);
        if (t_.mode == Mode::injury) {
            state_.phase = Phase::settle;
            state_.before_onset = true;
        }
    }

    PhaseTimeline run() {
        auto events = collect_events();
        std::size_t next = 0;
        for (std::size_t wi = 0; wi < w_.weeks.size(); ++wi) {
            begin_week(wi);
            Date end = w_.weeks[wi].start + 7;
            while (next < events.size() && events[next].date < end) handle(events[next++], wi);
        }
        reach_onset(w_.today);  // the onset is never after today
        t_.now = state_;
        return std::move(t_);
    }

private:
    const History& h_;
    const WeeksReport& w_;
    const Rules& r_;
    PhaseTimeline t_;
    PhaseState state_;
    std::vector<bool> signal_week_;
    // The pullback in force: weeks [pullback_first_, pullback_first_ + pullback_weeks).
    std::optional<std::size_t> pullback_first_;
    double pullback_cap_ = 0;
    double pullback_reference_ = 0;
    std::optional<std::size_t> scheduled_from_;  // a pullback to start at this week
    bool healthy_entries_ = false;               // entries before the injury's onset

    bool injury() const { return t_.mode == Mode::injury; }
    // Injury mode from the onset on: the phases apply.
    bool injured() const { return injury() && !state_.before_onset; }
    bool running_phase() const {
        return !injured() || state_.phase == Phase::rebuild || state_.phase == Phase::cleared;
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

    std::vector<Event> collect_events() const {
        std::vector<Event> ev;
        for (std::size_t i = 0; i < h_.checkins.size(); ++i) ev.push_back({h_.checkins[i].date, 0, i});
        for (std::size_t i = 0; i < h_.strength.size(); ++i) ev.push_back({h_.strength[i].date, 1, i});
        for (std::size_t i = 0; i < h_.runs.size(); ++i) ev.push_back({h_.runs[i].date, 2, i});
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
        enter(p, d);
    }

    void enter(Phase p, Date d) {
        state_.phase = p;
        state_.streak = 0;
        state_.strength_streak = 0;
        if (p == Phase::run_walk || p == Phase::settle || p == Phase::strength) {
            state_.downhill_unlocked = false;
            state_.downhill_weeks = 0;
            pullback_first_.reset();
            scheduled_from_.reset();
            state_.in_pullback = false;
            state_.pullback_cap.reset();
            state_.pullback_weeks_left = 0;
        }
        if (p == Phase::run_walk && state_.step < 1) state_.step = 1;
        if (p == Phase::cleared) {
            state_.downhill_unlocked = true;
            t_.clearance_date = d;
        }
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

    void begin_week(std::size_t wi) {
        reach_onset(w_.weeks[wi].start);
        if (wi > 0 && injured() && (state_.phase == Phase::rebuild || state_.phase == Phase::cleared)) {
            // The downhill unlock counts consecutive qualifying weeks.
            std::size_t prev = wi - 1;
            const auto& pw = w_.weeks[prev];
            bool at_level = h_.runner.goal_weekly ? pw.distance >= 0.9 * *h_.runner.goal_weekly : true;
            auto prev_phase = t_.weeks[prev].state.phase;
            bool counts = (prev_phase == Phase::rebuild || prev_phase == Phase::cleared) && !t_.weeks[prev].pullback_cap &&
                          !t_.weeks[prev].state.referred && at_level && pain_free_with_evidence(prev);
            state_.downhill_weeks = counts ? state_.downhill_weeks + 1 : 0;
            // A forward gate: it does not open while a red flag is open.
            if (!state_.downhill_unlocked && !state_.referred && state_.downhill_weeks >= r_.downhill_after_weeks) {
                state_.downhill_unlocked = true;
                transition(w_.weeks[wi].start, {}, fmt::format("downhill unlocked after {} pain-free week{}",
                                                               state_.downhill_weeks,
                                                               state_.downhill_weeks == 1 ? "" : "s"));
            }
        }
        if (scheduled_from_ && *scheduled_from_ == wi) {
            pullback_first_ = wi;
            scheduled_from_.reset();
        }
        if (pullback_first_ && wi >= *pullback_first_ + static_cast<std::size_t>(r_.pullback_weeks))
            pullback_first_.reset();
        state_.in_pullback = pullback_first_.has_value();
        state_.pullback_cap = state_.in_pullback ? std::optional<double>(pullback_cap_) : std::nullopt;
        state_.pullback_weeks_left =
            state_.in_pullback ? static_cast<int>(*pullback_first_ + static_cast<std::size_t>(r_.pullback_weeks) - wi - 1)
                               : 0;
        auto& ctx = t_.weeks[wi];
        ctx.state = state_;
        if (state_.in_pullback) {
            ctx.pullback_cap = pullback_cap_;
            ctx.pullback_reference = pullback_reference_;
        }
    }

    void handle(const Event& e, std::size_t wi) {
        reach_onset(e.date);
        if (state_.before_onset) healthy_entries_ = true;
        switch (e.kind) {
            case 0: return checkin(e.index);
            case 1: return strength(e.index);
            default: return e.total ? total(e.index, wi) : run(e.index, wi);
        }
    }

    void checkin(std::size_t i) {
        const auto& c = h_.checkins[i];
        if (c.red_flag()) {
            if (!state_.referred)
                transition(c.date, c.pos, fmt::format("refer: {} (red flag)", red_flag_names(c)));
            state_.referred = true;
            t_.referring_checkin = i;
        } else if (state_.referred && c.seen_clinician.value_or(false)) {
            state_.referred = false;
            t_.referring_checkin.reset();
            transition(c.date, c.pos, "refer lifted: seen a clinician, no red flag");
        }
        if (!injured()) return;
        bool walking_or_stairs = c.walking_pain.value_or(false) || c.stairs_pain.value_or(false);
        if (state_.phase != Phase::settle && walking_or_stairs) {
            set_phase(Phase::settle, c.date, c.pos, "pain walking or on stairs");
            state_.step = 1;
            return;
        }
        if (state_.referred) return;  // no gate opens while a red flag is open
        if (state_.phase == Phase::settle && c.walking_pain == false && c.stairs_pain == false)
            set_phase(Phase::strength, c.date, c.pos, "walking and stairs are pain-free");
        if (state_.phase == Phase::strength && c.exercise_pain == false) {
            set_phase(Phase::run_walk, c.date, c.pos, "the strengthening exercises are pain-free");
            state_.step = 1;
        }
        if (state_.phase == Phase::rebuild && meets_clearance(c))
            set_phase(Phase::cleared, c.date, c.pos, "all clearance criteria met");
    }

    bool meets_clearance(const Checkin& c) const {
        return c.single_leg_squats && *c.single_leg_squats >= r_.clear_squats && c.stair_descent_pain == false &&
               c.strength_ratio && *c.strength_ratio >= r_.clear_strength_ratio;
    }

    void strength(std::size_t i) {
        if (!injured() || state_.phase != Phase::strength || state_.referred) return;
        const auto& s = h_.strength[i];
        if (s.pain && *s.pain <= r_.pain_limit) {
            if (++state_.strength_streak >= r_.passes_per_step) {
                set_phase(Phase::run_walk, s.date, s.pos,
                          fmt::format("{} pain-free strength sessions in a row", r_.passes_per_step));
                state_.step = 1;
            }
        } else {
            state_.strength_streak = 0;
        }
    }

    // An early signal in week `wi` (phase 4, cleared or prevention mode).
    void early_signal(std::size_t wi, Date d, SourcePos pos) {
        bool inside = pullback_first_ && wi >= *pullback_first_;
        if (inside && injured()) {
            set_phase(Phase::run_walk, d, pos, "a second pain signal inside a pullback");
            state_.step = first_continuous_step(r_.run_walk_ladder);
            return;
        }
        if (scheduled_from_ && *scheduled_from_ == wi + 1) return;  // already pulling back after this week
        // The cap: a share of the last pain-free week before this one (SPEC §3), a pullback
        // week included: a second pullback is measured against the reduced week before it.
        std::optional<double> reference;
        for (std::size_t k = wi; k-- > 0;) {
            if (w_.weeks[k].distance > 0 && !signal_week_[k]) {
                reference = w_.weeks[k].distance;
                break;
            }
        }
        pullback_reference_ = reference.value_or(w_.weeks[wi].distance);
        pullback_cap_ = r_.pullback_factor * pullback_reference_;
        scheduled_from_ = wi + 1;
        pullback_first_.reset();
        transition(d, pos,
                   fmt::format("pullback: {} week{} at most {:.1f} {}", r_.pullback_weeks,
                               r_.pullback_weeks == 1 ? "" : "s", pullback_cap_, to_string(h_.runner.units)));
    }

    void run(std::size_t i, std::size_t wi) {
        const auto& r = h_.runs[i];
        auto& ctx = t_.runs[i];
        ctx.state = state_;
        ctx.signal = above(r.pain, r_.pain_limit) || above(r.pain_after, r_.pain_limit);
        ctx.level = session_level(r, r_.run_walk_ladder);
        if (ctx.signal) signal_week_[wi] = true;
        // While referred no gate opens, but a pain signal still counts: it drops a ladder
        // step or starts a pullback that is still in force when the red flag is lifted.
        if (injured() && state_.phase == Phase::run_walk) return ladder(r, ctx);
        if (running_phase() && ctx.signal) early_signal(wi, r.date, r.pos);
    }

    void ladder(const Run& r, RunContext& ctx) {
        int last = static_cast<int>(r_.run_walk_ladder.size());
        if (ctx.signal) {
            ctx.result = SessionResult::fail;
            state_.streak = 0;
            if (state_.step > 1) {
                --state_.step;
                transition(r.date, r.pos, fmt::format("run-walk step {} -> {}: pain above {}", state_.step + 1,
                                                      state_.step, r_.pain_limit));
            }
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
        if (++state_.streak < r_.passes_per_step) return;
        if (state_.step == last) {
            set_phase(Phase::rebuild, r.date, r.pos,
                      fmt::format("the ladder's last step passed {} times", r_.passes_per_step));
            return;
        }
        ++state_.step;
        state_.streak = 0;
        transition(r.date, r.pos, fmt::format("run-walk step {} -> {}", state_.step - 1, state_.step));
    }

    void total(std::size_t i, std::size_t wi) {
        const auto& w = h_.weeks[i];
        bool signal = above(w.pain, r_.pain_limit) || above(w.pain_after, r_.pain_limit);
        if (signal) signal_week_[wi] = true;
        if (!signal) return;
        if (injured() && state_.phase == Phase::run_walk) {
            state_.streak = 0;
            if (state_.step > 1) --state_.step;
            return;
        }
        if (running_phase()) early_signal(wi, week_start_of(w.start, h_.runner.week_start), w.pos);
    }
};

}  // namespace

PhaseTimeline derive_phases(const History& history, const WeeksReport& weeks) {
    return Engine(history, weeks).run();
}

}  // namespace rkplan
