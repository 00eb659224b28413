#include "rkplan/plan.hpp"
#include "rkplan/text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace rkplan {

namespace {

// Speeds used to turn a run-walk prescription (minutes) into projected distance when
// the history has no timed runs: 7.8 km/h, a run-walk pace.
constexpr double default_km_per_minute = 0.13;
// The first week after a break (no baseline) starts at half the goal, or this much.
constexpr double restart_share_of_goal = 0.5;
constexpr double restart_km = 10.0;
// Downhill returns after weeks at this share of goal_weekly (SPEC §3).
constexpr double downhill_goal_share = 0.9;
// Strengthening sessions a week during rehab (phases 1-4).
constexpr int rehab_strength_sessions = 3;
// Treatment within this many days of onset is "early" (SPEC §5 timeline).
constexpr int early_treatment_days = 21;

// `v` rounded down to a tenth, so that a printed cap is never above the rule's; `slack`
// absorbs floating-point noise just below a tenth (2.9999999 is 3.0).
double floor_tenth(double v, double slack = 1e-9) { return std::floor(v * 10 + slack) / 10; }

// Distance per minute from the runner's own timed runs (median), else the default.
double distance_per_minute(const History& h) {
    std::vector<double> speeds;
    for (const auto& r : h.runs)
        if (r.duration && *r.duration > 0) speeds.push_back(r.distance / *r.duration);
    if (speeds.empty())
        return h.runner.units == Units::km ? default_km_per_minute : default_km_per_minute / Limits::km_per_mile;
    std::sort(speeds.begin(), speeds.end());
    return speeds[speeds.size() / 2];
}

std::optional<double> median_cadence(const History& h) {
    std::vector<double> c;
    for (const auto& r : h.runs)
        if (r.cadence) c.push_back(*r.cadence);
    if (c.empty()) return std::nullopt;
    std::sort(c.begin(), c.end());
    auto n = c.size();
    return n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
}

struct Derived {
    WeeksReport weeks;
    PhaseTimeline timeline;
};

// Weeks and phases up to the week containing `until`. A history without entries gets an
// empty check-in (it changes nothing) so that the week exists.
Derived derive(History& h, Date until) {
    if (!h.first_entry()) {
        Checkin c;
        c.date = week_start_of(until, h.runner.week_start);
        h.checkins.push_back(c);
    }
    Derived d;
    d.weeks = compute_weeks(h, until);
    d.timeline = derive_phases(h, d.weeks);
    return d;
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
    Planner(const History& h, Date today, int n)
        : original_(h), h_(h), today_(today), n_(n), r_(h.rules), speed_(distance_per_minute(h)) {}

    Plan run() {
        Plan p;
        p.today = today_;
        p.units = h_.runner.units;
        p.runner = h_.runner.name.value_or("");
        Date first = week_start_of(today_, h_.runner.week_start);
        auto now = derive(h_, today_);
        const auto& t = now.timeline;
        p.mode = t.mode;
        p.referred = t.now.referred;
        if (t.mode == Mode::injury) {
            p.phase = t.now.phase;
            if (t.now.phase == Phase::run_walk) p.step = t.now.step;
        }
        p.downhill_unlocked = t.mode == Mode::prevention || t.now.downhill_unlocked || t.now.phase == Phase::cleared;
        status(p, now);
        PhaseState before = t.now;
        for (int k = 0; k < n_; ++k) {
            Date start = first + 7 * k;
            auto d = k == 0 ? std::move(now) : derive(h_, start);
            auto row = week(d, start, k == 0);
            if (k > 0) describe_opens(p.weeks.back(), before, d.timeline.weeks.back().state);
            // What the current week opens is measured from now, not from its first day.
            if (k > 0) before = d.timeline.weeks.back().state;
            p.weeks.push_back(std::move(row));
        }
        if (n_ > 0) {
            auto after = derive(h_, first + 7 * n_);
            describe_opens(p.weeks.back(), before, after.timeline.weeks.back().state);
        }
        p.protocol = p.referred ? std::vector<ProtocolExercise>{} : protocol_for(p.phase, h_.rules.maintenance_sessions);
        advice(p);
        return p;
    }

    const History& projected() const { return h_; }

private:
    const History& original_;
    History h_;  // grows with the projected weeks
    Date today_;
    int n_;
    const Rules& r_;
    double speed_;

    bool injury() const { return original_.injury.has_value(); }
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

    PlanWeek week(Derived& d, Date start, bool current) {
        const auto& W = d.weeks;
        const auto& T = d.timeline;
        std::size_t wi = W.weeks.size() - 1;
        const auto& wk = W.weeks[wi];
        const PhaseState& first_day = T.weeks[wi].state;
        const PhaseState& state = current ? T.now : first_day;
        PlanWeek row;
        row.week = wk.name;
        row.start = start;
        row.projected = !current;
        row.referred = state.referred || first_day.referred;
        if (T.mode == Mode::injury) row.phase = state.phase;
        row.pullback = first_day.in_pullback;
        row.logged = current ? wk.distance : 0;
        int runs_logged = current ? static_cast<int>(wk.run_indices.size()) : 0;
        auto caps = week_caps(h_, W, T, wi, wk.distance);
        row.strength_sessions = strength_sessions(state);
        bool injured = T.mode == Mode::injury;
        bool run_walk_now = injured && state.phase == Phase::run_walk;
        // The current week prescribes by the phase now (SPEC §3: run-level rules use the
        // phase at the run): phase 3 reached this week means run-walk for its remaining days.
        if (row.referred || (!caps.may_run && !run_walk_now) || before_running(T.mode, state)) {
            row.distance_cap = 0;
            row.remaining = current ? std::optional<double>(0) : std::nullopt;
            row.next_gate = gate_text(state, W, T);
            return row;
        }
        if (caps.run_walk || run_walk_now) {
            // Phase 4 reached this week: the week stays a phase-3 week (its week-level rules),
            // at the ladder's last step; phase 4 opens with the next.
            if (injured && state.phase != Phase::run_walk) row.phase = Phase::run_walk;
            // Back in phase 3 since a phase-4 week began: its cap (a pullback's) still
            // bounds the sessions, though phase 3 shows no distance cap.
            std::optional<double> budget;
            if (!caps.run_walk && caps.may_run && caps.distance)
                budget = std::max(0.0, floor_tenth(*caps.distance) - row.logged);
            run_walk_week(row, state, start, !wk.from_totals, runs_logged, budget);
            row.next_gate = gate_text(state, W, T);
            return row;
        }
        running_week(row, caps, wk, d, wi, start, current, runs_logged);
        row.next_gate = gate_text(state, W, T);
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
                       std::optional<double> budget) {
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
        for (int day : session_days(count, first_day)) {
            const auto& st = ladder[static_cast<std::size_t>(step - 1)];
            auto run = session(start + day, st);
            if (budget) {
                if (run.distance > *budget + 1e-9) break;
                *budget -= run.distance;
            }
            row.sessions.push_back(step);
            h_.runs.push_back(run);
            if (done) continue;
            if (++streak >= r_.passes_per_step) {
                streak = 0;
                if (step == last) done = true;
                else ++step;
            }
        }
        row.downhill_cap = 0;
        row.descent_cap = 0;
        row.remaining = std::nullopt;  // phase 3 has sessions, not a distance cap
    }

    Run session(Date date, const LadderStep& st) const {
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
        r.distance = std::max(0.1, std::round(*r.duration * speed_ * 10) / 10);
        return r;
    }

    // Phase 4, cleared, prevention: a distance cap from the 10% rule (and pullbacks),
    // growing toward goal_weekly; the week is projected done at its cap.
    void running_week(PlanWeek& row, const WeekCaps& caps, const WeekMetrics& wk, Derived& d, std::size_t wi,
                      Date start, bool current, int runs_logged) {
        double target;
        auto goal = h_.runner.goal_weekly;
        if (caps.distance) {
            target = *caps.distance;
            if (goal && !caps.pullback_cap) target = std::min(target, std::max(*goal, caps.baseline.value_or(0)));
        } else {
            target = goal ? *goal * restart_share_of_goal
                          : (h_.runner.units == Units::km ? restart_km : restart_km / Limits::km_per_mile);
        }
        target = floor_tenth(target);
        row.distance_cap = target;
        row.run_days = r_.run_days;
        row.hard_allowed = caps.hard_allowed;
        auto full = week_caps(h_, d.weeks, d.timeline, wi, target);
        row.downhill_cap = floor_tenth(full.downhill);
        row.descent_cap = std::floor(full.descent + 1e-9);
        double remaining = std::max(0.0, target - wk.distance * (current ? 1 : 0));
        if (current) row.remaining = floor_tenth(remaining);
        // Projected weeks hold downhill at the introduction allowance, not at the cap: caps
        // that compound 10% a week on hypothetical downhill would soon exceed any real week.
        double downhill_plan = std::min(row.downhill_cap, floor_tenth(r_.downhill_intro_share * target));
        double descent_plan = std::min(row.descent_cap, std::floor(r_.descent_intro * target));
        double downhill_left = std::max(0.0, downhill_plan - (current ? wk.downhill : 0));
        double descent_left = std::max(0.0, descent_plan - (current ? wk.descent : 0));
        int first_day = current ? (today_ - start) + 1 : 0;
        int count = current ? std::max(1, r_.run_days - runs_logged) : r_.run_days;
        auto days = session_days(count, first_day);
        double amount = floor_tenth(remaining);
        if (wk.from_totals) {
            // The week is a [[week]] total: it is done at its cap by raising the total.
            for (auto& t : h_.weeks)
                if (week_start_of(t.start, h_.runner.week_start) == start) {
                    t.distance = std::max(t.distance, target);
                    if (downhill_plan > 0) t.downhill = std::max(t.downhill.value_or(0), downhill_plan);
                    if (descent_plan > 0) t.descent = std::max(t.descent.value_or(0), descent_plan);
                }
            return;
        }
        if (days.empty() || amount <= 0) return;
        // Split into whole tenths so the projected runs add up to the cap, never above it.
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
            r.duration = r.distance / speed_;
            // Whole hundredths and whole metres (feet), split so that they add up exactly.
            auto part = [&](double total, double unit) {
                long units = static_cast<long>(std::floor(total / unit + 1e-9));
                return static_cast<double>(units / n + (i < units % n ? 1 : 0)) * unit;
            };
            if (downhill_left > 0) r.downhill = std::min(r.distance, part(downhill_left, 0.01));
            if (descent_left > 0) r.descent = part(descent_left, 1);
            h_.runs.push_back(r);
        }
    }

    std::string gate_text(const PhaseState& s, const WeeksReport& W, const PhaseTimeline& T) const {
        if (s.referred) return "a check-in with no red flag and seen_clinician = true";
        if (T.mode == Mode::prevention) return s.in_pullback ? "finish the pullback pain-free" : "";
        switch (s.phase) {
            case Phase::settle: return "a check-in with walking_pain = false and stairs_pain = false";
            case Phase::strength:
                return fmt::format("a check-in with exercise_pain = false, or {} pain-free strength sessions in a row",
                                   r_.passes_per_step);
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
                if (!s.downhill_unlocked) {
                    int left = std::max(1, r_.downhill_after_weeks - s.downhill_weeks);
                    auto goal = h_.runner.goal_weekly;
                    return fmt::format("downhill: {} more pain-free week{}{}", left, left == 1 ? "" : "s",
                                       goal ? fmt::format(" at {} {} or more", format_fixed(downhill_goal_share * *goal), units())
                                            : std::string{});
                }
                return "clearance: a check-in meeting every clearance criterion";
            }
            case Phase::cleared: return s.in_pullback ? "finish the pullback pain-free" : "";
        }
        (void)W;
        return "";
    }

    // Status: gates, flags, timeline and the clearance checklist.
    void status(Plan& p, const Derived& d) {
        const auto& t = d.timeline;
        const auto& s = t.now;
        auto findings = check_history(original_, d.weeks, t);
        if (s.referred && t.referring_checkin) {
            const auto& c = original_.checkins[*t.referring_checkin];
            p.flags.push_back({"red-flag", Severity::error,
                               fmt::format("red flag on {}: stop running and see a sports-medicine clinician; "
                                           "cross-train only until a check-in with no red flag and "
                                           "seen_clinician = true",
                                           c.date.to_string())});
        }
        for (const auto& f : findings)
            if (f.id == "no-improvement") p.flags.push_back({"no-improvement", f.severity, f.message});
        if (injury() && h_.runner.race_season)
            p.flags.push_back({"race-season", Severity::info,
                               "race season: get a clear diagnosis from a clinician before making loading decisions"});
        if (s.in_pullback && s.pullback_cap)
            p.flags.push_back({"pullback", Severity::warning,
                               fmt::format("pullback after a pain signal: weeks capped at {} {}, no downhill, no hard "
                                           "runs",
                                           format_fixed(*s.pullback_cap), units())});
        for (const auto& f : findings)
            if (f.id == "shoe-worn") p.flags.push_back({"shoe-worn", f.severity, f.message});
        if (auto c = median_cadence(original_))
            p.flags.push_back({"cadence", Severity::info,
                               fmt::format("cadence: median {} steps/min; try {}-{} (+{:.0f}-{:.0f}%) to ease the "
                                           "load on the knee",
                                           format_fixed(*c, 0), format_fixed(*c * (1 + r_.cadence_increase_low), 0),
                                           format_fixed(*c * (1 + r_.cadence_increase_high), 0),
                                           r_.cadence_increase_low * 100, r_.cadence_increase_high * 100)});
        if (!injury()) return;
        const auto& inj = *original_.injury;
        bool early = inj.treatment_start - inj.onset <= early_treatment_days;
        if (early) {
            p.timeline_from = inj.treatment_start + 28;
            p.timeline_to = inj.treatment_start + 56;
            p.timeline_basis = "treatment started within 3 weeks of onset: easy running 4-8 weeks after treatment_start";
        } else {
            p.timeline_from = inj.treatment_start + 91;
            p.timeline_to = inj.treatment_start + 365;
            p.timeline_basis = "treatment started more than 3 weeks after onset (chronic): 3-12 months";
        }
        gates(p, s);
        clearance(p);
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

    void gates(Plan& p, const PhaseState& s) const {
        auto rank = [](Phase ph) { return static_cast<int>(ph); };
        auto yes_no = [&](std::string_view what, const std::optional<std::pair<bool, Date>>& v) -> std::string {
            if (!v) return fmt::format("{} not tested yet", what);
            return v->first ? fmt::format("{} still painful ({})", what, v->second.to_string()) : std::string{};
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
                auto m = yes_no("exercise pain", exercise);
                int left = r_.passes_per_step - s.strength_streak;
                g.missing = fmt::format("{}{}or {} more pain-free strength session{} in a row", m,
                                        m.empty() ? "a check-in with exercise_pain = false, " : "; ", left,
                                        left == 1 ? "" : "s");
            }
            p.gates.push_back(g);
        }
        {
            const auto& ladder = r_.run_walk_ladder;
            const auto& last = ladder.back();
            Gate g{fmt::format("phase 4: {} passed {} times", to_string(last), r_.passes_per_step),
                   rank(s.phase) >= rank(Phase::rebuild), ""};
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
            p.gates.push_back(g);
        }
        {
            auto goal = h_.runner.goal_weekly;
            Gate g{fmt::format("downhill: {} pain-free week{} at 90% of goal_weekly or more", r_.downhill_after_weeks,
                               r_.downhill_after_weeks == 1 ? "" : "s"),
                   s.downhill_unlocked || s.phase == Phase::cleared, ""};
            if (!g.met) {
                int left = std::max(1, r_.downhill_after_weeks - s.downhill_weeks);
                g.missing = s.phase == Phase::rebuild
                                ? fmt::format("needs {} more pain-free week{}{}", left, left == 1 ? "" : "s",
                                              goal ? fmt::format(" of {} {} or more", format_fixed(downhill_goal_share * *goal),
                                                                 units())
                                                   : std::string{})
                                : "downhill returns in phase 4";
            }
            p.gates.push_back(g);
        }
        p.gates.push_back({"clearance: every criterion in one check-in", s.phase == Phase::cleared,
                           s.phase == Phase::cleared ? "" : "see the clearance checklist"});
    }

    void clearance(Plan& p) const {
        auto squats = latest<int>([](const Checkin& c) { return c.single_leg_squats; });
        auto stairs = latest<bool>([](const Checkin& c) { return c.stair_descent_pain; });
        auto ratio = latest<double>([](const Checkin& c) { return c.strength_ratio; });
        ClearanceItem a{fmt::format("single-leg squats >= {} (clean: no pain, no knee valgus)", r_.clear_squats),
                        squats ? fmt::format("{} on {}", squats->first, squats->second.to_string()) : "not tested yet",
                        squats && squats->first >= r_.clear_squats};
        ClearanceItem b{"stair descent pain-free",
                        stairs ? fmt::format("{} on {}", stairs->first ? "painful" : "pain-free",
                                             stairs->second.to_string())
                               : "stair descent not tested yet",
                        stairs && !stairs->first};
        ClearanceItem c{fmt::format("strength ratio >= {} (weaker / stronger leg)", format_fixed(r_.clear_strength_ratio, 2)),
                        ratio ? fmt::format("{} on {}", format_fixed(ratio->first, 2), ratio->second.to_string())
                              : "not tested yet",
                        ratio && ratio->first >= r_.clear_strength_ratio};
        p.clearance = {a, b, c};
    }

    void advice(Plan& p) const {
        bool refer = p.referred;
        auto ph = p.phase;
        if (refer)
            p.advice.push_back("See a sports-medicine clinician before running again; cross-training only.");
        if (refer || (ph && (*ph == Phase::settle || *ph == Phase::strength || *ph == Phase::run_walk)))
            p.advice.push_back("Cross-train to keep fitness: swimming, pool running, cycling, elliptical.");
        if (ph && *ph != Phase::cleared)
            p.advice.push_back("Avoid deep squats and lunges until pain is controlled and hip strength has improved.");
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

Plan make_plan(const History& history, Date today, int weeks, History* projected) {
    Planner planner(history, today, std::max(0, weeks));
    auto plan = planner.run();
    if (projected) *projected = planner.projected();
    return plan;
}

}  // namespace rkplan
