// Property test of `rkplan plan` (docs/manual/rules.md, §4): random but valid histories from a seeded
// generator, planned 8 weeks ahead; the plan's projection replayed through `check` and the
// plan's rows held to the rules they promise.
//
// Reproducing a failure: every failure names its seed and prints the history as TOML.
//   RKPLAN_PROPERTY_SEED=123 ./build/tests/rkplan_tests -tc='*propert*' -s
// runs that one seed and prints its history; save the TOML and run
//   rkplan plan FILE --today DATE --weeks 8   /   rkplan check FILE --today DATE
// RKPLAN_PROPERTY_CASES=N changes the number of histories (default below).
// RKPLAN_PROPERTY_FILE=path.toml RKPLAN_PROPERTY_TODAY=YYYY-MM-DD checks one history file
// (a hand-written reproducer) against the same properties.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#if !defined(NDEBUG) && (defined(__unix__) || defined(__APPLE__))
#define RKPLAN_PROPERTY_PROBE 1
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "rkplan/check.hpp"
#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/projection.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/render.hpp"
#include "rkplan/weeks.hpp"

using namespace rkplan;

namespace {

constexpr std::uint32_t default_cases = 1000;
constexpr int plan_weeks = 8;
constexpr double eps = 1e-6;

// ---------------------------------------------------------------------------------------
// A random source whose draws depend only on std::mt19937 (fully specified by the
// standard), not on the library's distributions: the same seed gives the same history
// with every standard library.
class Rng {
public:
    explicit Rng(std::uint32_t seed) : g_(seed) {}
    /// Uniform in [lo, hi].
    int integer(int lo, int hi) {
        auto span = static_cast<std::uint32_t>(hi - lo) + 1u;
        return lo + static_cast<int>(g_() % span);
    }
    /// Uniform in [lo, hi).
    double real(double lo, double hi) { return lo + (hi - lo) * (static_cast<double>(g_()) / 4294967296.0); }
    bool chance(double p) { return real(0, 1) < p; }
    /// A value in [lo, hi] rounded to tenths.
    double tenths(double lo, double hi) { return std::round(real(lo, hi) * 10) / 10; }
    template <typename T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(integer(0, static_cast<int>(v.size()) - 1))];
    }

private:
    std::mt19937 g_;
};

Date date(const char* iso) { return *Date::parse(iso); }

double round1(double v) { return std::round(v * 10) / 10; }

// ---------------------------------------------------------------------------------------
// History -> TOML. Assigns every entry's position (its header line, column 1), so that the
// History given to the planner is exactly what the loader makes of the printed file.

std::string num(double v) { return fmt::format("{}", v); }

class TomlWriter {
public:
    std::string text;

    void line(const std::string& s) {
        text += s;
        text += '\n';
        ++line_;
    }
    SourcePos header(std::string_view h) {
        line("");
        SourcePos pos{line_ + 1, 1};
        line(std::string(h));
        return pos;
    }
    template <typename T>
    void opt(std::string_view key, const std::optional<T>& v) {
        if (v) line(fmt::format("{} = {}", key, value(*v)));
    }

private:
    int line_ = 0;
    static std::string value(double v) { return num(v); }
    static std::string value(int v) { return fmt::format("{}", v); }
    static std::string value(bool v) { return v ? "true" : "false"; }
    static std::string value(const std::string& v) { return fmt::format("\"{}\"", v); }
    static std::string value(Date d) { return d.to_string(); }
};

std::string to_toml(History& h) {
    TomlWriter w;
    w.line(fmt::format("# {}", h.source));
    w.header("[runner]");
    w.opt("name", h.runner.name);
    w.line(fmt::format("units = \"{}\"", to_string(h.runner.units)));
    w.line(fmt::format("week_start = \"{}\"", to_string(h.runner.week_start)));
    w.opt("goal_weekly", h.runner.goal_weekly);
    if (h.runner.race_season) w.line("race_season = true");
    if (h.injury) {
        auto& inj = *h.injury;
        inj.pos = w.header("[injury]");
        w.line(fmt::format("onset = {}", inj.onset.to_string()));
        w.line(fmt::format("treatment_start = {}", inj.treatment_start.to_string()));
        if (inj.side) w.line(fmt::format("side = \"{}\"", to_string(*inj.side)));
    }
    const Rules d = Rules::defaults_for(h.runner.units);
    const Rules& r = h.rules;
    std::vector<std::string> rules;
    auto rule = [&](std::string_view key, auto value, auto def) {
        if (value != def) rules.push_back(fmt::format("{} = {}", key, value));
    };
    rule("max_weekly_increase", r.max_weekly_increase, d.max_weekly_increase);
    rule("pain_limit", r.pain_limit, d.pain_limit);
    rule("downhill_after_weeks", r.downhill_after_weeks, d.downhill_after_weeks);
    rule("downhill_intro_share", r.downhill_intro_share, d.downhill_intro_share);
    rule("descent_intro", r.descent_intro, d.descent_intro);
    rule("passes_per_step", r.passes_per_step, d.passes_per_step);
    rule("run_days", r.run_days, d.run_days);
    rule("pullback_weeks", r.pullback_weeks, d.pullback_weeks);
    rule("pullback_factor", r.pullback_factor, d.pullback_factor);
    rule("clear_squats", r.clear_squats, d.clear_squats);
    rule("clear_strength_ratio", r.clear_strength_ratio, d.clear_strength_ratio);
    rule("no_improvement_weeks", r.no_improvement_weeks, d.no_improvement_weeks);
    rule("maintenance_sessions", r.maintenance_sessions, d.maintenance_sessions);
    if (r.load_basis != d.load_basis) rules.push_back(fmt::format("load_basis = \"{}\"", to_string(r.load_basis)));
    if (r.run_walk_ladder != d.run_walk_ladder) {
        std::string steps;
        for (const auto& s : r.run_walk_ladder)
            steps += fmt::format("{}[{}, {}, {}]", steps.empty() ? "" : ", ", num(s.run), num(s.walk), s.repeats);
        rules.push_back(fmt::format("run_walk_ladder = [{}]", steps));
    }
    if (!rules.empty()) {
        w.header("[rules]");
        for (const auto& l : rules) w.line(l);
    }
    for (auto& run : h.runs) {
        run.pos = w.header("[[run]]");
        w.line(fmt::format("date = {}", run.date.to_string()));
        w.line(fmt::format("distance = {}", num(run.distance)));
        w.opt("duration", run.duration);
        w.opt("descent", run.descent);
        w.opt("downhill", run.downhill);
        if (run.kind != RunKind::easy) w.line(fmt::format("kind = \"{}\"", to_string(run.kind)));
        if (run.run_walk_run && run.run_walk_walk)
            w.line(fmt::format("run_walk = [{}, {}]", num(*run.run_walk_run), num(*run.run_walk_walk)));
        w.opt("pain", run.pain);
        w.opt("pain_after", run.pain_after);
        w.opt("rpe", run.rpe);
        w.opt("shoe", run.shoe);
        w.opt("cadence", run.cadence);
        if (run.surface) w.line(fmt::format("surface = \"{}\"", to_string(*run.surface)));
    }
    for (auto& c : h.cross) {
        c.pos = w.header("[[cross]]");
        w.line(fmt::format("date = {}", c.date.to_string()));
        w.line(fmt::format("activity = \"{}\"", to_string(c.activity)));
        w.opt("duration", c.duration);
        w.opt("pain", c.pain);
        w.opt("rpe", c.rpe);
    }
    for (auto& t : h.weeks) {
        t.pos = w.header("[[week]]");
        w.line(fmt::format("start = {}", t.start.to_string()));
        w.line(fmt::format("distance = {}", num(t.distance)));
        w.opt("descent", t.descent);
        w.opt("downhill", t.downhill);
        w.opt("long_run", t.long_run);
        w.opt("hard_sessions", t.hard_sessions);
        w.opt("pain", t.pain);
        w.opt("pain_after", t.pain_after);
    }
    for (auto& c : h.checkins) {
        c.pos = w.header("[[checkin]]");
        w.line(fmt::format("date = {}", c.date.to_string()));
        w.opt("pain", c.pain);
        w.opt("walking_pain", c.walking_pain);
        w.opt("stairs_pain", c.stairs_pain);
        w.opt("exercise_pain", c.exercise_pain);
        w.opt("single_leg_squats", c.single_leg_squats);
        w.opt("stair_descent_pain", c.stair_descent_pain);
        w.opt("strength_ratio", c.strength_ratio);
        w.opt("swelling", c.swelling);
        w.opt("rest_pain", c.rest_pain);
        w.opt("night_pain", c.night_pain);
        w.opt("giving_way", c.giving_way);
        w.opt("seen_clinician", c.seen_clinician);
    }
    for (auto& s : h.strength) {
        s.pos = w.header("[[strength]]");
        w.line(fmt::format("date = {}", s.date.to_string()));
        std::string ex;
        for (auto e : s.exercises) ex += fmt::format("{}\"{}\"", ex.empty() ? "" : ", ", to_string(e));
        w.line(fmt::format("exercises = [{}]", ex));
        w.opt("pain", s.pain);
    }
    for (auto& s : h.shoes) {
        s.pos = w.header("[[shoe]]");
        w.line(fmt::format("name = \"{}\"", s.name));
        if (s.initial != 0) w.line(fmt::format("initial = {}", num(s.initial)));
        w.opt("retired", s.retired);
    }
    return w.text;
}

// Every entry's position, in a fixed order, to compare a loaded history with a generated one.
std::vector<SourcePos> positions(const History& h) {
    std::vector<SourcePos> out;
    if (h.injury) out.push_back(h.injury->pos);
    for (const auto& x : h.runs) out.push_back(x.pos);
    for (const auto& x : h.cross) out.push_back(x.pos);
    for (const auto& x : h.weeks) out.push_back(x.pos);
    for (const auto& x : h.checkins) out.push_back(x.pos);
    for (const auto& x : h.strength) out.push_back(x.pos);
    for (const auto& x : h.shoes) out.push_back(x.pos);
    return out;
}

// ---------------------------------------------------------------------------------------
// The generator: a simulated runner who mostly follows the protocol (so that histories
// reach every phase), with a per-history share of mistakes (so that the planner also meets
// pain signals, pullbacks, red flags, rule breaks and regressions). After each week the
// phase engine says where the runner stands, and the next week follows from that.

struct Generated {
    std::uint32_t seed = 0;
    Date today;
    History h;
    std::string toml;
    bool custom_ladder = false;
    bool current_week_total = false;
    bool breaks = false;  // the runner took a break of a week or more
};

const std::vector<Exercise> all_exercises = {
    Exercise::straight_leg_raise, Exercise::clamshell,         Exercise::side_lying_abduction,
    Exercise::short_foot,         Exercise::terminal_knee_extension, Exercise::single_leg_bridge,
    Exercise::lateral_band_walk,  Exercise::wall_sit,          Exercise::single_leg_balance};
const std::vector<RunKind> hard_kinds = {RunKind::tempo, RunKind::intervals, RunKind::hills, RunKind::race};
const std::vector<Surface> all_surfaces = {Surface::road, Surface::trail, Surface::track, Surface::treadmill,
                                           Surface::grass};
const std::vector<CrossActivity> all_activities = {CrossActivity::swimming, CrossActivity::pool_running,
                                                   CrossActivity::cycling, CrossActivity::elliptical,
                                                   CrossActivity::other};
const std::vector<std::string> shoe_names = {"pegasus", "trail-2", "old-pair"};

class Generator {
public:
    explicit Generator(std::uint32_t seed) : r_(seed) { g_.seed = seed; }

    Generated make() {
        choose_today();
        runner_and_rules();
        int n_weeks = r_.integer(0, 20);
        Date first_week = week_start_of(today_, ws()) - 7 * n_weeks;
        if (r_.chance(0.7)) injury(first_week);
        good_ = r_.real(0.55, 1.0);
        speed_ = r_.real(0.1, 0.2) / (h_.runner.units == Units::mi ? Limits::km_per_mile : 1.0);
        total_share_ = r_.chance(0.25) ? r_.real(0.05, 0.3) : 0.0;
        bool empty = r_.chance(0.03);
        for (int wi = 0; wi <= n_weeks && !empty; ++wi) {
            Date start = first_week + 7 * wi;
            Date last = std::min(start + 6, today_);
            Date from = wi == 0 ? std::min(start + r_.integer(0, 6), last) : start;
            week(start, from, last);
        }
        shoes();
        g_.today = today_;
        g_.h = std::move(h_);
        g_.toml = to_toml(g_.h);
        return std::move(g_);
    }

private:
    Rng r_;
    Generated g_;
    History h_;
    Date today_;
    double good_ = 1;         // how often the runner follows the protocol
    double speed_ = 0.13;     // distance per minute
    double total_share_ = 0;  // how often a week is kept as a [[week]] total
    std::set<Date> total_weeks_, run_weeks_;
    int break_left_ = 0;  // weeks of a break still to come

    WeekStart ws() const { return h_.runner.week_start; }
    Units units() const { return h_.runner.units; }
    double per_km() const { return units() == Units::mi ? 1 / Limits::km_per_mile : 1.0; }
    const Rules& rules() const { return h_.rules; }

    void choose_today() {
        static const std::vector<Date> others = {date("2026-11-22"), date("2026-11-16"), date("2026-11-19"),
                                                 date("2027-01-03"), date("2024-02-29"), date("2026-12-31")};
        today_ = g_.seed % 10 < 6 ? date("2026-11-21") : r_.pick(others);
    }

    void runner_and_rules() {
        h_.source = fmt::format("seed-{}.toml", g_.seed);
        if (r_.chance(0.5)) h_.runner.name = fmt::format("Runner {}", g_.seed);
        h_.runner.units = r_.chance(0.3) ? Units::mi : Units::km;
        h_.runner.week_start = r_.chance(0.3) ? WeekStart::sunday : WeekStart::monday;
        if (r_.chance(0.6)) h_.runner.goal_weekly = round1(r_.real(8, 60) * per_km());
        h_.runner.race_season = r_.chance(0.1);
        Rules& r = h_.rules;
        r = Rules::defaults_for(units());
        if (r_.chance(0.4)) r.pain_limit = r_.integer(0, 3);
        if (r_.chance(0.4)) r.max_weekly_increase = r_.integer(5, 30) / 100.0;
        if (r_.chance(0.4)) r.passes_per_step = r_.integer(1, 3);
        if (r_.chance(0.4)) r.run_days = r_.integer(2, 5);
        if (r_.chance(0.2)) r.downhill_after_weeks = r_.integer(0, 3);
        if (r_.chance(0.2)) r.pullback_weeks = r_.integer(1, 3);
        if (r_.chance(0.2)) r.pullback_factor = r_.integer(5, 9) / 10.0;
        if (r_.chance(0.15)) r.downhill_intro_share = r_.integer(2, 10) / 100.0;
        if (r_.chance(0.15)) r.descent_intro = r_.integer(1, 20);
        if (r_.chance(0.1)) r.clear_squats = r_.integer(10, 25);
        if (r_.chance(0.1)) r.clear_strength_ratio = r_.integer(75, 95) / 100.0;
        if (r_.chance(0.1)) r.no_improvement_weeks = r_.integer(2, 8);
        if (r_.chance(0.1)) r.maintenance_sessions = r_.integer(0, 3);
        if (r_.chance(0.1)) r.load_basis = LoadBasis::srpe;
        if (r_.chance(0.35)) {
            // A shorter ladder: 0-3 run-walk steps of growing share, then 1-2 continuous steps.
            std::vector<LadderStep> ladder;
            int intervals = r_.integer(0, 3);
            double run = 0;
            for (int i = 0; i < intervals; ++i) {
                run += r_.integer(1, 3);
                ladder.push_back({run, 1, r_.integer(3, 10)});
            }
            double cont = r_.integer(10, 25);
            ladder.push_back({cont, 0, 1});
            if (r_.chance(0.6)) ladder.push_back({cont + r_.integer(5, 15), 0, 1});
            r.run_walk_ladder = ladder;
            g_.custom_ladder = true;
        }
    }

    void injury(Date first_week) {
        Injury inj;
        inj.onset = std::min(today_, first_week - r_.integer(0, 42));
        // Sometimes the file was kept before the injury: healthy weeks, then the onset.
        if (today_ > first_week && r_.chance(0.25)) inj.onset = first_week + r_.integer(1, today_ - first_week);
        int room = std::min(60, today_ - inj.onset);
        inj.treatment_start = r_.chance(0.4) ? inj.onset : inj.onset + r_.integer(0, room);
        if (r_.chance(0.5)) inj.side = r_.pick(std::vector<Side>{Side::left, Side::right, Side::both});
        h_.injury = inj;
    }

    struct Now {
        PhaseState state;
        std::optional<double> last_distance;  // the last non-zero week within 4 weeks
    };

    // Where the runner stands at the start of the week beginning `start`.
    Now now(Date start) {
        Now n;
        if (h_.injury) {
            n.state.phase = Phase::settle;
            n.state.before_onset = start < h_.injury->onset;
        }
        if (!h_.first_entry()) return n;
        auto w = compute_weeks(h_, start);
        auto t = derive_phases(h_, w);
        n.state = t.now;
        for (std::size_t back = 2; back <= 5 && back <= w.weeks.size(); ++back) {
            double d = w.weeks[w.weeks.size() - back].distance;
            if (d > 0) {
                n.last_distance = d;
                break;
            }
        }
        return n;
    }

    std::vector<Date> days(Date from, Date last, int count) {
        std::vector<Date> all;
        for (Date d = from; d <= last; d = d + 1) all.push_back(d);
        std::vector<Date> out;
        while (!all.empty() && static_cast<int>(out.size()) < count) {
            auto i = static_cast<std::size_t>(r_.integer(0, static_cast<int>(all.size()) - 1));
            out.push_back(all[i]);
            all.erase(all.begin() + static_cast<std::ptrdiff_t>(i));
        }
        std::sort(out.begin(), out.end());
        return out;
    }
    Date day(Date from, Date last) { return from + r_.integer(0, last - from); }

    double ok_pain() { return r_.chance(0.8) ? 0 : r_.integer(0, static_cast<int>(rules().pain_limit)); }
    double bad_pain() { return r_.integer(std::min(4, static_cast<int>(rules().pain_limit) + 1), 4); }

    void week(Date start, Date from, Date last) {
        // Breaks: now and then the runner stops for 1 to 6 weeks (revision 2's restart cap
        // and the downhill re-lock then apply).
        if (break_left_ == 0 && r_.chance(0.04)) {
            break_left_ = r_.integer(1, 6);
            g_.breaks = true;
        }
        if (break_left_ > 0) {
            --break_left_;
            noise(from, last);
            return;
        }
        Now n = now(start);
        const auto& s = n.state;
        noise(from, last);
        if (r_.chance(0.02 + (1 - good_) * 0.06)) red_flag(day(from, last));
        if (s.referred) {
            if (r_.chance(0.5)) {
                Checkin c;
                c.date = day(from, last);
                c.seen_clinician = true;
                if (r_.chance(0.5)) c.walking_pain = c.stairs_pain = false;
                h_.checkins.push_back(c);
            }
            if (r_.chance((1 - good_) * 0.5)) running_week(start, from, last, n);
            return;
        }
        if (!h_.injury || s.before_onset) return running_week(start, from, last, n);
        switch (s.phase) {
            case Phase::settle: return settle_week(start, from, last, n);
            case Phase::strength: return strength_week(start, from, last, n);
            case Phase::run_walk: return run_walk_week(from, last, n);
            case Phase::rebuild:
            case Phase::cleared: return running_week(start, from, last, n);
        }
    }

    void noise(Date from, Date last) {
        if (r_.chance(0.3)) {
            Cross c;
            c.date = day(from, last);
            c.activity = r_.pick(all_activities);
            if (r_.chance(0.7)) c.duration = r_.integer(20, 90);
            if (r_.chance(0.5)) c.pain = r_.integer(0, 3);
            if (r_.chance(0.4)) c.rpe = r_.integer(2, 8);
            h_.cross.push_back(c);
        }
        if (r_.chance(0.25)) {
            Checkin c;
            c.date = day(from, last);
            c.pain = r_.integer(0, 8);
            h_.checkins.push_back(c);
        }
        if (h_.injury && r_.chance(0.02)) {  // a setback: walking or stairs hurt again
            Checkin c;
            c.date = day(from, last);
            c.walking_pain = true;
            c.stairs_pain = r_.chance(0.5);
            h_.checkins.push_back(c);
        }
    }

    void red_flag(Date d) {
        Checkin c;
        c.date = d;
        switch (r_.integer(0, 3)) {
            case 0: c.swelling = true; break;
            case 1: c.rest_pain = true; break;
            case 2: c.night_pain = true; break;
            default: c.giving_way = true; break;
        }
        if (r_.chance(0.3)) c.seen_clinician = r_.chance(0.5);
        h_.checkins.push_back(c);
    }

    void strength(Date from, Date last, int count, bool pain_free) {
        for (Date d : days(from, last, count)) {
            Strength s;
            s.date = d;
            int k = r_.integer(1, 4);
            for (int i = 0; i < k; ++i) s.exercises.push_back(r_.pick(all_exercises));
            if (r_.chance(0.9)) s.pain = pain_free ? ok_pain() : r_.integer(0, 4);
            h_.strength.push_back(s);
        }
    }

    void settle_week(Date start, Date from, Date last, const Now& n) {
        Checkin c;
        c.date = day(from, last);
        c.walking_pain = !r_.chance(0.55);
        c.stairs_pain = *c.walking_pain ? r_.chance(0.5) : !r_.chance(0.85);
        if (r_.chance(0.5)) c.pain = r_.integer(1, 7);
        if (r_.chance(0.9)) h_.checkins.push_back(c);
        strength(from, last, r_.integer(0, 3), r_.chance(0.6));
        if (r_.chance((1 - good_) * 0.4)) running_week(start, from, last, n);
    }

    void strength_week(Date start, Date from, Date last, const Now& n) {
        if (r_.chance(0.45)) {
            Checkin c;
            c.date = day(from, last);
            c.exercise_pain = false;
            if (r_.chance(0.5)) c.walking_pain = c.stairs_pain = false;
            h_.checkins.push_back(c);
        } else if (r_.chance(0.3)) {
            Checkin c;
            c.date = day(from, last);
            c.exercise_pain = true;
            h_.checkins.push_back(c);
        }
        strength(from, last, r_.integer(0, 4), r_.chance(0.75));
        if (r_.chance((1 - good_) * 0.3)) running_week(start, from, last, n);
    }

    Run session(Date d, const LadderStep& st) {
        Run r;
        r.date = d;
        double minutes = st.total_minutes();
        if (st.continuous()) {
            r.kind = r_.chance(0.8) ? RunKind::easy : RunKind::long_run;
            minutes += r_.chance(0.3) ? r_.integer(0, 5) : 0;
        } else {
            r.kind = RunKind::run_walk;
            r.run_walk_run = st.run;
            r.run_walk_walk = st.walk;
        }
        if (r_.chance(0.95) || st.continuous()) r.duration = minutes;
        r.distance = std::clamp(round1(minutes * speed_), 1.0, 30.0);
        return r;
    }

    // Phase 3: sessions at the open step, moving up as passes accumulate (mirroring the
    // engine's ladder), with the runner's share of mistakes.
    void run_walk_week(Date from, Date last, const Now& n) {
        const auto& ladder = rules().run_walk_ladder;
        int top = static_cast<int>(ladder.size());
        int step = n.state.step, streak = n.state.streak;
        int count = std::clamp(rules().run_days + r_.integer(-1, 1), 1, 7);
        for (Date d : days(from, last, count)) {
            auto idx = [&](int s) { return static_cast<std::size_t>(std::clamp(s, 1, top) - 1); };
            if (r_.chance(good_)) {
                Run r = session(d, ladder[idx(step)]);
                r.pain = ok_pain();
                r.pain_after = ok_pain();
                h_.runs.push_back(r);
                if (++streak >= rules().passes_per_step) {
                    streak = 0;
                    if (step == top) break;  // phase 4 opens: the rest of the week is rest
                    ++step;
                }
                continue;
            }
            Run r = session(d, ladder[idx(step + r_.integer(-1, 1))]);
            switch (r_.integer(0, 5)) {
                case 0:  // a pain signal: the step drops
                    r.pain = r_.chance(0.5) ? bad_pain() : ok_pain();
                    r.pain_after = bad_pain();
                    step = std::max(1, step - 1);
                    streak = 0;
                    break;
                case 1:  // no evidence logged
                    if (r_.chance(0.5)) r.pain = 0;
                    streak = 0;
                    break;
                case 2:  // ahead of the ladder
                    r = session(d, ladder[idx(step + r_.integer(1, 3))]);
                    r.pain = r.pain_after = 0;
                    break;
                case 3:  // downhill too early
                    r.pain = r.pain_after = 0;
                    r.downhill = round1(r.distance * r_.real(0, 0.3));
                    r.descent = r_.integer(0, 80);
                    break;
                case 4:  // a hard session too early
                    r.kind = r_.pick(hard_kinds);
                    r.run_walk_run.reset();
                    r.run_walk_walk.reset();
                    r.pain = r.pain_after = ok_pain();
                    break;
                default:  // a plain run of any length
                    r = easy_run(d, r_.tenths(1, 12), false);
                    break;
            }
            h_.runs.push_back(r);
        }
        if (r_.chance(0.5)) strength(from, last, r_.integer(1, 3), true);
    }

    Run easy_run(Date d, double distance, bool downhill_ok) {
        Run r;
        r.date = d;
        r.distance = std::clamp(round1(distance), 1.0, 30.0);
        r.kind = r_.chance(0.15) ? RunKind::long_run : RunKind::easy;
        if (r_.chance(0.8)) r.duration = round1(r.distance / speed_ * r_.real(0.9, 1.1));
        if (r_.chance(0.92)) {
            r.pain = ok_pain();
            r.pain_after = ok_pain();
        } else if (r_.chance(0.7)) {
            r.pain = r_.chance(0.5) ? bad_pain() : ok_pain();
            r.pain_after = bad_pain();
        } else if (r_.chance(0.5)) {
            r.pain = 0;  // pain_after not logged
        }
        if ((downhill_ok && r_.chance(0.5)) || r_.chance((1 - good_) * 0.1)) {
            r.downhill = std::min(r.distance, round1(r.distance * r_.real(0, 0.12)));
            r.descent = std::round(r.distance / per_km() * r_.real(0, 8));
        }
        if (r_.chance(0.4)) r.rpe = r_.integer(2, 9);
        if (r_.chance(0.3)) r.cadence = r_.integer(150, 185);
        if (r_.chance(0.3)) r.surface = r_.pick(all_surfaces);
        if (r_.chance(0.5)) r.shoe = r_.pick(shoe_names);
        return r;
    }

    // Phase 4, cleared, prevention (and mistakes in earlier phases): a week's running
    // around the 10% rule, as runs or, sometimes, as a [[week]] total.
    void running_week(Date start, Date from, Date last, const Now& n) {
        const auto& s = n.state;
        bool prevention = !h_.injury || s.before_onset;
        bool running = prevention || s.phase == Phase::rebuild || s.phase == Phase::cleared;
        double target;
        if (n.last_distance) {
            double up = 1 + rules().max_weekly_increase;
            target = *n.last_distance * (r_.chance(good_) ? r_.real(0.8, up) : r_.real(1.0, 1.6));
        } else {
            target = r_.real(3, 15) * per_km();
        }
        auto goal = h_.runner.goal_weekly;
        if (goal && target > *goal * 1.05 && r_.chance(0.7)) target = *goal;
        if (s.in_pullback && s.pullback_cap && r_.chance(good_)) target = std::min(target, *s.pullback_cap * r_.real(0.7, 1.0));
        bool downhill_ok = !s.in_pullback && !s.referred &&
                           (prevention || s.phase == Phase::cleared || (s.phase == Phase::rebuild && s.downhill_unlocked));
        bool hard_ok = !s.in_pullback && !s.referred && (prevention || s.phase == Phase::cleared);
        Date key = week_start_of(start, ws());
        if (running && r_.chance(total_share_) && !run_weeks_.count(key) && !total_weeks_.count(key)) {
            WeekTotal t;
            t.start = day(from, last);
            t.distance = r_.chance(0.05) ? 0 : std::min(round1(target), 150.0);
            if (downhill_ok ? r_.chance(0.5) : r_.chance((1 - good_) * 0.1)) {
                t.downhill = std::min(t.distance, round1(t.distance * r_.real(0, 0.1)));
                t.descent = std::round(t.distance / per_km() * r_.real(0, 6));
            }
            if (r_.chance(0.7) && t.distance > 0) t.long_run = std::min(t.distance, round1(t.distance * r_.real(0.3, 0.5)));
            if (hard_ok ? r_.chance(0.4) : r_.chance((1 - good_) * 0.1)) t.hard_sessions = r_.integer(0, 2);
            if (r_.chance(0.9)) {
                bool signal = r_.chance(0.1);
                t.pain = signal && r_.chance(0.5) ? bad_pain() : ok_pain();
                t.pain_after = signal ? bad_pain() : ok_pain();
            }
            total_weeks_.insert(key);
            if (week_start_of(today_, ws()) == key) g_.current_week_total = true;
            h_.weeks.push_back(t);
        } else if (!total_weeks_.count(key)) {
            int count = std::clamp(rules().run_days + r_.integer(-1, 1), 1, 7);
            auto ds = days(from, last, count);
            // A second pain signal inside a pullback in the current week sends the runner back
            // to phase 3 in mid-week: made more frequent than chance alone would.
            bool second_signal = key == week_start_of(today_, ws()) && s.in_pullback && r_.chance(0.4);
            for (Date d : ds) {
                double share = target / static_cast<double>(ds.size()) * r_.real(0.7, 1.3);
                Run r = easy_run(d, share, downhill_ok);
                if (second_signal && d == ds.front()) r.pain_after = bad_pain();
                if (hard_ok ? r_.chance(0.2) : r_.chance((1 - good_) * 0.1)) r.kind = r_.pick(hard_kinds);
                h_.runs.push_back(r);
                run_weeks_.insert(key);
            }
        }
        // Clearance tests: mostly passing once the downhill gate is open (revision 2 clears
        // only then); now and then a failing re-test after clearance (which withdraws it).
        bool testing = s.phase == Phase::rebuild ? r_.chance(s.downhill_unlocked ? 0.7 : 0.3)
                                                 : s.phase == Phase::cleared && r_.chance((1 - good_) * 0.4);
        if (h_.injury && !s.before_onset && testing) {
            bool pass = s.phase == Phase::rebuild && s.downhill_unlocked && r_.chance(good_);
            Checkin c;
            c.date = day(from, last);
            c.single_leg_squats = pass ? r_.integer(rules().clear_squats, 30) : r_.integer(5, 30);
            c.stair_descent_pain = pass ? false : r_.chance(0.1);
            c.strength_ratio = pass ? r_.integer(static_cast<int>(std::ceil(rules().clear_strength_ratio * 100)), 100) / 100.0
                                    : r_.integer(70, 100) / 100.0;
            h_.checkins.push_back(c);
        }
        if (r_.chance(0.5)) strength(from, last, r_.integer(1, 3), true);
    }

    void shoes() {
        for (const auto& name : shoe_names) {
            if (!r_.chance(0.3)) continue;
            Shoe s;
            s.name = name;
            s.initial = r_.chance(0.5) ? r_.integer(0, 700) * per_km() : 0;
            s.initial = round1(s.initial);
            if (r_.chance(0.15)) s.retired = today_ - r_.integer(0, 60);
            h_.shoes.push_back(s);
        }
    }
};

// ---------------------------------------------------------------------------------------
// The properties.

struct Coverage {
    std::map<std::string, int> count;
    void add(const std::string& what) { ++count[what]; }
};

struct Violation {
    std::string property;
    std::string detail;
};

std::string describe(const Finding& f) {
    return fmt::format("{}:{}: {}[{}] {}: {}", f.pos.line, f.pos.column, to_string(f.severity), f.id, f.week,
                       f.message);
}

std::string describe(const PlanWeek& w) {
    return fmt::format("{} ({}) phase {} referred={} pullback={} cap={} downhill_cap={} descent_cap={} run_days={} "
                       "hard_allowed={} logged={} remaining={}",
                       w.week, w.start.to_string(), w.phase ? std::string(to_string(*w.phase)) : "-", w.referred,
                       w.pullback, w.distance_cap ? num(*w.distance_cap) : "null", num(w.downhill_cap),
                       num(w.descent_cap), w.run_days, w.hard_allowed, num(w.logged),
                       w.remaining ? num(*w.remaining) : "null");
}

std::optional<std::size_t> week_at(const WeeksReport& w, Date start) {
    for (std::size_t i = 0; i < w.weeks.size(); ++i)
        if (w.weeks[i].start == start) return i;
    return std::nullopt;
}

bool bad_number(double v) { return !std::isfinite(v) || v < 0; }

// In a build with assertions, an assertion that fails inside make_plan (or inside the
// weeks code replaying its projection) would abort the whole test binary. Histories with
// a [[week]] total in the current week, the input known to reach one, are first planned in
// a child process: an abort there becomes a reported failure of this history, and the
// other tests still run.
bool plan_aborts(const History& h, Date today) {
#ifdef RKPLAN_PROPERTY_PROBE
    // Totals lie on or before today, planned weeks from today's week on: they meet only
    // in the current week.
    Date current = week_start_of(today, h.runner.week_start);
    if (std::none_of(h.weeks.begin(), h.weeks.end(),
                     [&](const WeekTotal& t) { return week_start_of(t.start, h.runner.week_start) == current; }))
        return false;
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
        if (std::freopen("/dev/null", "w", stderr) == nullptr) _exit(3);
        History projected;
        Plan plan = make_plan(h, today, plan_weeks, &projected);
        if (!plan.weeks.empty()) (void)compute_weeks(projected, plan.weeks.back().start + 6);
        _exit(0);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return false;
    return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
#else
    (void)h;
    (void)today;
    return false;
#endif
}

// The entries of `h` dated before `end`.
History before(const History& h, Date end) {
    History out = h;
    auto keep = [&](auto& v, auto date_of) {
        v.erase(std::remove_if(v.begin(), v.end(), [&](const auto& e) { return date_of(e) >= end; }), v.end());
    };
    keep(out.runs, [](const Run& r) { return r.date; });
    keep(out.strength, [](const Strength& x) { return x.date; });
    keep(out.checkins, [](const Checkin& x) { return x.date; });
    keep(out.cross, [](const Cross& x) { return x.date; });
    keep(out.weeks, [&](const WeekTotal& x) { return week_start_of(x.start, h.runner.week_start); });
    return out;
}

// What P9 compares of a week: the tallies the rules read.
bool same_tallies(const WeekMetrics& a, const WeekMetrics& b) {
    return a.start == b.start && a.name == b.name && a.from_totals == b.from_totals &&
           a.run_indices == b.run_indices && a.distance == b.distance && a.runs == b.runs &&
           a.long_run == b.long_run && a.descent == b.descent && a.downhill == b.downhill && a.hard == b.hard &&
           a.pain == b.pain && a.pain_after == b.pain_after;
}

// P9: feeds the planned entries of `projected` (the planner's history: `h`'s entries, then
// the planned ones, week by week) into a Projection of `h` week by week, and compares it
// after each week with the whole derivation of `replayed` (`projected`, with the stand-in
// check-in when it has one) up to that day.
template <typename Fail>
void projection_matches(const History& h, const History& replayed, const History& projected, const Plan& plan,
                        Date today, Fail& fail) {
    History base = h;
    if (replayed.checkins.size() > projected.checkins.size()) base.checkins.push_back(replayed.checkins.back());
    Projection proj(base, today);
    auto add_planned = [&](Date start) {
        auto& g = proj.history();
        for (std::size_t i = h.runs.size(); i < projected.runs.size(); ++i)
            if (projected.runs[i].date >= start && projected.runs[i].date < start + 7) g.runs.push_back(projected.runs[i]);
        for (std::size_t i = h.strength.size(); i < projected.strength.size(); ++i)
            if (projected.strength[i].date >= start && projected.strength[i].date < start + 7)
                g.strength.push_back(projected.strength[i]);
        g.weeks = projected.weeks;  // the current week's total, raised in place
    };
    for (const auto& pw : plan.weeks) {
        add_planned(pw.start);
        proj.next_week();
        Date end = pw.start + 7;
        History upto = before(replayed, end);
        auto w = compute_weeks(upto, end);
        auto t = derive_phases(upto, w);
        const auto& pt = proj.timeline();
        const auto& ww = proj.weeks().weeks;
        std::string what;
        if (ww.size() != w.weeks.size()) what = fmt::format("{} weeks, derived {}", ww.size(), w.weeks.size());
        for (std::size_t i = 0; what.empty() && i < ww.size(); ++i)
            if (!same_tallies(ww[i], w.weeks[i])) what = "the tallies of week " + ww[i].name;
        for (std::size_t i = 0; what.empty() && i < pt.weeks.size(); ++i)
            if (!(pt.weeks[i] == t.weeks[i])) what = "the context of week " + ww[i].name;
        if (what.empty() && !(pt.runs == t.runs)) what = "the runs' contexts";
        if (what.empty() && !(pt.now == t.now)) what = "the state now";
        if (what.empty() && !(pt.transitions == t.transitions)) what = "the transitions";
        if (what.empty() && !(pt.clearance == t.clearance && pt.clearance_date == t.clearance_date))
            what = "the clearance";
        if (what.empty() && (pt.referring_checkin != t.referring_checkin || pt.red_flag_resolved != t.red_flag_resolved))
            what = "the red flags";
        if (!what.empty())
            fail("P9 projection = derivation", fmt::format("as of {}: {} differ", end.to_string(), what));
    }
}

std::vector<Violation> properties(const Generated& g, Coverage& cov) {
    std::vector<Violation> out;
    auto fail = [&](std::string p, std::string d) { out.push_back({std::move(p), std::move(d)}); };
    const History& h = g.h;
    const Date today = g.today;
    const Rules& rules = h.rules;

    if (plan_aborts(h, today)) {
        fail("P0 projection",
             "make_plan, or compute_weeks on its projection, aborts (an assertion failed; run the release build "
             "for the details)");
        return out;
    }
    History projected;
    Plan plan = make_plan(h, today, plan_weeks, &projected);
    if (plan.weeks.size() != static_cast<std::size_t>(plan_weeks)) {
        fail("plan shape", fmt::format("{} weeks planned, {} asked", plan.weeks.size(), plan_weeks));
        return out;
    }
    const Date end = plan.weeks.back().start + 6;
    std::set<std::string> planned;
    for (const auto& w : plan.weeks) planned.insert(w.week);

    // Coverage.
    cov.add(plan.mode == Mode::injury ? "mode injury" : "mode prevention");
    std::set<std::string> seen;
    for (const auto& w : plan.weeks) {
        if (w.phase) seen.insert(fmt::format("a planned week in phase {}", to_string(*w.phase)));
        if (w.referred) seen.insert("a referred week");
        if (w.pullback) seen.insert("a pullback week");
        if (w.downhill_cap > 0 && w.phase == Phase::rebuild) seen.insert("downhill unlocked in phase 4");
        if (w.hard_allowed) seen.insert("hard runs allowed");
        if (!w.opens.empty()) seen.insert("a week that opens a gate");
        if (w.remaining && w.logged > 0) seen.insert("a current week with distance logged");
    }
    for (std::size_t i = 1; i < plan.weeks.size(); ++i)
        if (plan.weeks[i].phase != plan.weeks[i - 1].phase) seen.insert("a phase change inside the plan");
    for (const auto& s : seen) cov.add(s);
    if (plan.phase) cov.add(fmt::format("today in phase {}", to_string(*plan.phase)));
    if (plan.referred) cov.add("today referred");

    // P0: the projection is a history the loader would accept, extended only after today.
    const std::size_t n_real = h.runs.size();
    std::map<Date, double> synthetic;  // week start -> projected distance
    std::set<Date> total_weeks;
    for (const auto& t : projected.weeks) total_weeks.insert(week_start_of(t.start, h.runner.week_start));
    for (std::size_t i = n_real; i < projected.runs.size(); ++i) {
        const Run& r = projected.runs[i];
        Date key = week_start_of(r.date, h.runner.week_start);
        synthetic[key] += r.distance;
        auto where = fmt::format("projected run {} on {} ({} {})", i - n_real, r.date.to_string(), num(r.distance),
                                 to_string(h.runner.units));
        if (r.date <= today || r.date > end) fail("P0 projection", where + ": not inside the planned weeks after today");
        if (!(r.distance > 0) || !std::isfinite(r.distance)) fail("P0 projection", where + ": distance not above 0");
        if (r.downhill && (*r.downhill > r.distance + eps || bad_number(*r.downhill)))
            fail("P0 projection", where + fmt::format(": downhill {} outside 0..distance", num(*r.downhill)));
        if (r.descent && bad_number(*r.descent)) fail("P0 projection", where + ": negative or NaN descent");
        if ((r.kind == RunKind::run_walk) != (r.run_walk_run && r.run_walk_walk))
            fail("P0 projection", where + ": run_walk ratio and kind disagree");
        if (total_weeks.count(key))
            fail("P0 projection", where + fmt::format(": week {} is filed by a [[week]] total, and now has runs too "
                                                      "(the loader refuses this; compute_weeks asserts on it)",
                                                      iso_week_name(key, h.runner.week_start)));
        if (r.pos != SourcePos{0, 0}) fail("P0 projection", where + ": a projected run with a file position");
    }
    if (projected.runs.size() < n_real) fail("P0 projection", "the projection lost runs");

    // P1: the planner and the checker agree.
    if (!out.empty()) return out;  // a projection the weeks code refuses cannot be replayed
    auto ow = compute_weeks(h, end);
    auto ot = derive_phases(h, ow);
    auto of = check_history(h, ow, ot);
    // A history with nothing logged before the plan's first week that has nothing planned
    // in it either: an empty check-in (it changes nothing) on that week's first day gives
    // the weeks to compare the plan with, as the planner's projection has them.
    History replayed = projected;
    Date first_week = week_start_of(today, h.runner.week_start);
    if (!replayed.first_entry() || *replayed.first_entry() >= first_week + 7) {
        replayed.checkins.emplace_back();
        replayed.checkins.back().date = first_week;
    }
    auto pw = compute_weeks(replayed, end);
    auto pt = derive_phases(replayed, pw);
    auto pf = check_history(projected, pw, pt);
    cov.count["checked (runs): projected runs replayed through check"] +=
        static_cast<int>(projected.runs.size() - n_real);
    // docs/manual/rules.md, revision 2: following the plan exactly never draws a finding of any severity.
    for (const auto& f : pf) {
        // no-improvement is about symptoms, which no plan can promise to improve.
        if (!planned.count(f.week) || f.id == "no-improvement") continue;
        cov.add("checked (findings): a finding in a planned week, matched against the original");
        // Already in the original: same id, week and position. A week-level finding that
        // points at a logged run (not a projected one) was already there too: projected runs
        // come after every logged one, so the logged runs alone crossed the cap; its position
        // may move to a later logged run when the cap grows with the week's distance (the
        // downhill and descent allowances do).
        bool known = std::any_of(of.begin(), of.end(), [&](const Finding& o) {
            return o.id == f.id && o.week == f.week && (o.pos == f.pos || f.pos != SourcePos{0, 0});
        });
        if (known) continue;
        std::size_t k = 0;
        while (k + 1 < plan.weeks.size() && plan.weeks[k].week != f.week) ++k;
        fail("P1 planner/check agree", fmt::format("check on the projection: {}\n      plan week {}: {}", describe(f),
                                                   k, describe(plan.weeks[k])));
    }

    for (std::size_t k = 0; k < plan.weeks.size(); ++k) {
        const PlanWeek& w = plan.weeks[k];
        auto row = fmt::format("week {}: {}", k, describe(w));
        auto pwi = week_at(pw, w.start);
        if (!pwi) {
            fail("plan shape", row + ": not among the projected history's weeks");
            continue;
        }
        const PhaseState& first_day = pt.weeks[*pwi].state;
        double added = synthetic.count(w.start) ? synthetic[w.start] : 0.0;

        // P2: the 10% rule between planned weeks of phase 4 (and cleared), and no week
        // projected above its cap.
        bool rebuilding = w.phase == Phase::rebuild || w.phase == Phase::cleared;
        if (k > 0 && rebuilding && w.distance_cap && !w.referred) {
            const PlanWeek& p = plan.weeks[k - 1];
            bool prev_rebuilding = p.phase == Phase::rebuild || p.phase == Phase::cleared;
            if (prev_rebuilding && !p.pullback && !p.referred && p.distance_cap) {
                cov.add("checked (week pairs): the 10% rule between two planned weeks");
                // The current week counts what was logged when the runner went past its cap.
                double reference = k - 1 == 0 ? std::max(*p.distance_cap, p.logged) : *p.distance_cap;
                // Today is the current week's last day: it ends as logged (nothing more is
                // planned in it), and the next week follows from that, a restart included.
                if (k - 1 == 0 && today == p.start + 6) reference = p.logged;
                if (reference <= 0) continue;
                double limit = reference * (1 + rules.max_weekly_increase) + eps;
                if (*w.distance_cap > limit)
                    fail("P2 weekly increase", row + fmt::format(": cap {} is above the previous week's {} x {} = {}",
                                                                 num(*w.distance_cap), num(reference),
                                                                 1 + rules.max_weekly_increase, num(limit - eps)));
            }
        }
        if (w.distance_cap) {
            double room = std::max(0.0, *w.distance_cap - (k == 0 ? w.logged : 0.0));
            if (added > room + eps)
                fail("P2 projected above cap",
                     row + fmt::format(": {} projected on top of {} logged, cap {}", num(added), num(w.logged),
                                       num(*w.distance_cap)));
        }

        // P3: downhill stays 0 until the unlock.
        if (plan.mode == Mode::injury && w.phase &&
            (*w.phase == Phase::settle || *w.phase == Phase::strength || *w.phase == Phase::run_walk) &&
            (w.downhill_cap != 0 || w.descent_cap != 0))
            fail("P3 downhill locked", row + ": downhill or descent cap in phases 1-3");
        if (w.phase == Phase::rebuild && (w.downhill_cap > 0 || w.descent_cap > 0))
            cov.add("checked (weeks): a phase-4 downhill cap against the projected timeline");
        if (w.phase == Phase::rebuild && (w.downhill_cap > 0 || w.descent_cap > 0) && !first_day.downhill_unlocked)
            fail("P3 downhill locked",
                 row + ": downhill cap in phase 4 while the projected timeline has downhill locked on the week's "
                       "first day");
        if (w.pullback && (w.downhill_cap != 0 || w.descent_cap != 0))
            fail("P3 downhill locked", row + ": downhill or descent cap in a pullback week");

        // P4: no hard runs before clearance, nor in a pullback.
        if (plan.mode == Mode::injury && w.phase != Phase::cleared && w.hard_allowed)
            fail("P4 hard before clearance", row + ": hard runs allowed before clearance");
        if (w.pullback && w.hard_allowed) fail("P4 hard before clearance", row + ": hard runs allowed in a pullback");

        // P5: refer means every cap is 0.
        if (w.referred && (!w.distance_cap || *w.distance_cap != 0 || w.downhill_cap != 0 || w.descent_cap != 0 ||
                           w.run_days != 0))
            fail("P5 refer", row + ": a referred week with a non-zero cap or run days");
        if (w.referred && added > 0) fail("P5 refer", row + fmt::format(": {} projected while referred", num(added)));

        // P6: no NaN, no negative value.
        if ((w.distance_cap && bad_number(*w.distance_cap)) || bad_number(w.downhill_cap) ||
            bad_number(w.descent_cap) || bad_number(w.logged) || (w.remaining && bad_number(*w.remaining)) ||
            w.run_days < 0 || w.strength_sessions < 0)
            fail("P6 finite, not negative", row);
    }

    // P8 (docs/manual/rules.md, revision 2): plan and check --next show the same cap for the same week.
    // The history as the plan has it at the end of week k, judged on that day, gives the
    // cap of week k + 1: the rule's, or what the plan holds it to (goal_weekly).
    for (std::size_t k = 0; k + 1 < plan.weeks.size(); ++k) {
        const PlanWeek& next = plan.weeks[k + 1];
        Date end_k = plan.weeks[k].start + 6;
        auto v = judge_next_week(before(projected, end_k + 1), end_k, 0, 0, 0);
        auto row = fmt::format("week {}: {}", k + 1, describe(next));
        cov.add("checked (week pairs): plan and check --next on the same week");
        if (!v.caps.may_run) {
            if (!next.distance_cap || *next.distance_cap != 0)
                fail("P8 plan = check --next", row + ": check --next allows no running");
            continue;
        }
        if (next.referred) {
            fail("P8 plan = check --next", row + ": check --next lets the runner run");
            continue;
        }
        if (next.run_walk) {
            if (!v.caps.run_walk) fail("P8 plan = check --next", row + ": check --next does not prescribe run-walk");
            continue;
        }
        if (!next.distance_cap) continue;
        if (!v.caps.distance) {
            fail("P8 plan = check --next", row + ": check --next has no distance cap");
            continue;
        }
        double held = std::floor(v.plan_holds.value_or(*v.caps.distance) * 10 + 1e-9) / 10;
        if (std::fabs(held - *next.distance_cap) > 1e-6)
            fail("P8 plan = check --next",
                 row + fmt::format(": check --next caps the week at {}{}", num(*v.caps.distance),
                                   v.plan_holds ? fmt::format(" (the plan holds {})", num(*v.plan_holds)) : ""));
    }

    // P9: the projection the planner extends week by week is what deriving the grown history
    // whole gives on each planned week's first day (projection.hpp names what it leaves out).
    projection_matches(h, replayed, projected, plan, today, fail);

    // P7: same input, same bytes.
    Plan again = make_plan(h, today, plan_weeks);
    for (auto f : {Format::json, Format::text, Format::csv})
        if (render_plan(plan, f) != render_plan(again, f))
            fail("P7 reproducible", fmt::format("render_plan({}) differs between two runs", to_string(f)));
    return out;
}

std::uint32_t env_number(const char* name, std::uint32_t fallback) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    return static_cast<std::uint32_t>(std::strtoul(v, nullptr, 10));
}

}  // namespace

TEST_CASE("plan properties hold for one history file (RKPLAN_PROPERTY_FILE, for reproducers)") {
    const char* path = std::getenv("RKPLAN_PROPERTY_FILE");
    if (!path || !*path) return;
    const char* when = std::getenv("RKPLAN_PROPERTY_TODAY");
    auto today = Date::parse(when && *when ? when : "2026-11-21");
    REQUIRE(today);
    std::FILE* f = std::fopen(path, "rb");
    REQUIRE(f != nullptr);
    std::string text;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
    auto loaded = load_history(text, path, *today);
    if (!loaded.ok()) FAIL(format_diagnostics(path, text, loaded.diagnostics));
    Generated g;
    g.today = *today;
    g.h = *loaded.history;
    g.toml = text;
    Coverage cov;
    std::string all;
    for (const auto& v : properties(g, cov)) all += "\n  [" + v.property + "] " + v.detail;
    CHECK_MESSAGE(all.empty(), std::string(path) << ":" << all);
}

TEST_CASE("plan properties hold for random histories (seeded, reproducible)") {
    const char* one = std::getenv("RKPLAN_PROPERTY_SEED");
    std::uint32_t first = one && *one ? env_number("RKPLAN_PROPERTY_SEED", 0) : 0;
    std::uint32_t cases = one && *one ? 1 : env_number("RKPLAN_PROPERTY_CASES", default_cases);

    Coverage cov;
    std::map<std::string, std::vector<std::uint32_t>> failing;  // property -> seeds
    std::map<std::string, int> shown;  // failures printed in full, per property
    for (std::uint32_t seed = first; seed < first + cases; ++seed) {
        Generated g = Generator(seed).make();
        CAPTURE(seed);
        INFO("today = ", g.today.to_string());
        INFO("history (", g.h.source, "):\n", g.toml);
        if (one && *one) MESSAGE("seed ", seed, ", today ", g.today.to_string(), ":\n", g.toml);

        // The generator's histories are valid: the loader accepts the printed file and
        // reads back the same entries at the same positions.
        auto loaded = load_history(g.toml, g.h.source, g.today);
        if (!loaded.ok()) {
            FAIL_CHECK("generated history does not load: "
                       << format_diagnostics(g.h.source, g.toml, loaded.diagnostics));
            continue;
        }
        History back = *loaded.history;
        CHECK(positions(back) == positions(g.h));
        CHECK(to_toml(back) == g.toml);

        cov.add(g.h.injury ? "history: injury" : "history: prevention");
        cov.add(g.h.runner.units == Units::mi ? "history: mi" : "history: km");
        if (g.h.runner.week_start == WeekStart::sunday) cov.add("history: week_start sunday");
        if (g.custom_ladder) cov.add("history: custom ladder");
        if (!g.h.weeks.empty()) cov.add("history: [[week]] totals");
        if (g.current_week_total) cov.add("history: a [[week]] total in the current week");
        if (g.breaks) cov.add("history: a break of a week or more");
        if (!g.h.runner.goal_weekly) cov.add("history: no goal_weekly");
        if (!g.h.first_entry()) cov.add("history: no entries");
        if (g.today != date("2026-11-21")) cov.add("history: another today");
        if (g.h.injury && g.h.first_entry() && *g.h.first_entry() < g.h.injury->onset)
            cov.add("history: entries before the onset");

        auto violations = properties(g, cov);
        std::set<std::string> props;
        for (const auto& v : violations) props.insert(v.property);
        for (const auto& p : props) failing[p].push_back(seed);
        bool show = false;
        for (const auto& p : props) {
            bool first_ones = shown[p]++ < 2;
            show = show || first_ones;
        }
        if (show) {
            std::string all;
            for (const auto& v : violations) all += "\n  [" + v.property + "] " + v.detail;
            FAIL_CHECK("seed " << seed << ": " << violations.size() << " violation(s):" << all);
        }
    }

    std::string coverage;
    for (const auto& [what, n] : cov.count) coverage += fmt::format("\n  {:5} {}", n, what);
    MESSAGE("plan property test: ", cases, " histories; coverage:", coverage);

    std::string summary;
    for (const auto& [p, seeds] : failing) {
        std::string list;
        for (std::size_t i = 0; i < seeds.size() && i < 20; ++i) list += fmt::format(" {}", seeds[i]);
        summary += fmt::format("\n  {}: {} histories, seeds{}{}", p, seeds.size(), list, seeds.size() > 20 ? " ..." : "");
    }
    CHECK_MESSAGE(failing.empty(), "properties broken:" << summary);

    // The generator keeps reaching every situation the properties are about.
    if (cases >= default_cases) {
        for (const char* what : {"a planned week in phase 1", "a planned week in phase 2", "a planned week in phase 3",
                                 "a planned week in phase 4", "a planned week in phase cleared", "a referred week",
                                 "a pullback week", "downhill unlocked in phase 4", "mode prevention"}) {
            CAPTURE(what);
            CHECK(cov.count[what] >= 10);
        }
    }
}
