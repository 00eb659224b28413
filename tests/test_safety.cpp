// Clinical safety (docs/manual/rules.md, revision 2): one case per defect of the audit, each from a
// minimal history, each failing before the revision and passing after it.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "rkplan/assess.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/render.hpp"
#include "rkplan/text.hpp"
#include "support/histories.hpp"

#include <fmt/format.h>

using namespace rkplan;

namespace {

using test::day;
using test::load_ok;

// "id@week" for each finding at or above `least`.
std::string ids(const std::vector<Finding>& fs, Severity least = Severity::info) {
    std::string out;
    for (const auto& f : fs)
        if (f.severity >= least) out += std::string(f.id) + "@" + f.week + " ";
    return out;
}

std::vector<Finding> findings(const std::string& text, Date today) { return assess(load_ok(text, today), today).findings; }

std::string run(std::string_view date, double distance, std::string_view extra = "") {
    return "\n[[run]]\ndate = " + std::string(date) + "\ndistance = " + format_fixed(distance, 2) + "\n" +
           std::string(extra);
}
std::string painless(std::string_view extra = "") { return "pain = 0\npain_after = 0\n" + std::string(extra); }
std::string minutes(int m) { return "duration = " + std::to_string(m) + "\npain = 0\npain_after = 0\n"; }
std::string run_walk(int r, int w) {
    return "kind = \"run-walk\"\nrun_walk = [" + std::to_string(r) + ", " + std::to_string(w) + "]\n";
}
std::string checkin(std::string_view date, std::string_view fields) { return test::toml_checkin(date, fields); }

const std::string in_phase3 =
    "[injury]\nonset = 2026-09-01\n" +
    checkin("2026-10-01", "walking_pain = false\nstairs_pain = false\nexercise_pain = false");

// A two-step ladder (1:1 x10, then 30 minutes), phase 4 from Wednesday 2026-10-07.
std::string phase4(std::string_view runner = "") {
    return std::string(runner) + in_phase3 + "[rules]\nrun_walk_ladder = [[1, 1, 10], [30, 0, 1]]\n" +
           run("2026-10-02", 2, run_walk(1, 1) + painless()) + run("2026-10-03", 2, run_walk(1, 1) + painless()) +
           run("2026-10-05", 4, minutes(30)) + run("2026-10-07", 4, minutes(30));
}

// phase4() and then weeks grown within the 10% rule: W42 8, W43 8.8, W44 9.6.
std::string phase4_running(std::string_view runner = "") {
    return phase4(runner) + run("2026-10-12", 4, painless()) + run("2026-10-14", 4, painless()) +
           run("2026-10-19", 4.4, painless()) + run("2026-10-21", 4.4, painless()) + run("2026-10-26", 4.8, painless()) +
           run("2026-10-28", 4.8, painless());
}

const Finding* first(const std::vector<Finding>& fs, std::string_view id) {
    auto it = std::find_if(fs.begin(), fs.end(), [&](const Finding& f) { return f.id == id; });
    return it == fs.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("1. a break of more than 4 weeks restarts at half the mean of the weeks before it, in plan and check") {
    auto text = "[runner]\ngoal_weekly = 45.0\n\n[[week]]\nstart = 2026-09-28\ndistance = 40.0\n";
    auto today = day("2026-11-15");
    auto h = load_ok(text, today);
    auto p = make_plan(h, today, 2);
    REQUIRE(p.weeks[0].distance_cap);
    CHECK(*p.weeks[0].distance_cap == doctest::Approx(20.0));  // 0.5 x 40, not 22.5 (half the goal)
    auto v = judge_next_week(h, today, 80, 0, 0);
    CHECK_FALSE(v.ok);
    REQUIRE(v.caps.distance);
    CHECK(*v.caps.distance == doctest::Approx(20.0));
    CHECK(v.caps.restart);
    REQUIRE(v.reasons.size() == 1);
    CHECK(v.reasons[0] == "80.0 km is above the restart cap of 20.0 km");
}

TEST_CASE("1. the first week after a referral is lifted is held to the restart cap") {
    auto text = run("2026-10-05", 30) + run("2026-10-12", 30) + run("2026-10-19", 30) + run("2026-10-26", 30) +
                checkin("2026-10-28", "swelling = true") + checkin("2026-11-03", "seen_clinician = true") +
                run("2026-11-10", 30);
    auto fs = findings(text, day("2026-11-21"));
    auto f = first(fs, "weekly-increase");
    REQUIRE(f);
    CHECK(f->week == "2026-W46");
    CHECK(f->message == "30.0 km is above the restart cap of 15.0 km (the first week after a referral was lifted)");
}

TEST_CASE("1. two half-marathons five weeks after a phase-4 week are a weekly-increase error") {
    auto text = phase4_running() + run("2026-12-01", 21.1, painless()) + run("2026-12-06", 21.1, painless());
    auto fs = findings(text, day("2026-12-06"));
    auto f = first(fs, "weekly-increase");
    REQUIRE(f);
    CHECK(f->week == "2026-W49");
    // The last 4 non-zero weeks (8, 8, 8.8, 9.6: mean 8.6) give 4.3, raised to restart_min 10
    // but never above the mean: 8.6.
    CHECK(f->message == "42.2 km is above the restart cap of 8.6 km (the first week after a break of more than 4 weeks)");
}

TEST_CASE("2. continuous runs before the open step are errors and pass nothing") {
    auto text = in_phase3 + run("2026-10-05", 13, minutes(90)) + run("2026-10-07", 13, minutes(90)) +
                run("2026-10-09", 13, minutes(90));
    auto today = day("2026-10-10");
    auto h = load_ok(text, today);
    auto a = assess(h, today);
    CHECK(ids(a.findings, Severity::error) == "run-walk-ahead@2026-W41 run-walk-ahead@2026-W41 run-walk-ahead@2026-W41 ");
    CHECK(a.timeline.now.step == 1);
    CHECK(a.timeline.now.streak == 0);
    CHECK(a.timeline.runs[0].result == SessionResult::above);
}

TEST_CASE("2. at the last step, seven 90-minute runs in a week are errors and do not open phase 4") {
    std::string text = in_phase3 + "[rules]\nrun_walk_ladder = [[1, 1, 10], [30, 0, 1]]\n" +
                       run("2026-10-02", 2, run_walk(1, 1) + painless()) +
                       run("2026-10-03", 2, run_walk(1, 1) + painless());
    for (int d = 5; d <= 11; ++d) text += run(fmt::format("2026-10-{:02d}", d), 13, minutes(90));
    auto today = day("2026-10-11");
    auto h = load_ok(text, today);
    auto a = assess(h, today);
    CHECK(a.timeline.now.phase == Phase::run_walk);
    int ahead = 0;
    for (const auto& f : a.findings) ahead += f.id == "run-walk-ahead" && f.severity == Severity::error;
    CHECK(ahead == 7);
    CHECK(a.findings.front().message == "90 minutes on 2026-10-05, longer than the open step 2 (30 min continuous) "
                                        "allows: it passes nothing");
    auto p = make_plan(h, today, 2);
    CHECK(p.phase == Phase::run_walk);
    CHECK_FALSE(p.weeks[1].distance_cap);  // still run-walk by time: no "phase 4 up to 91 km"
}

TEST_CASE("2. check --next in phase 3 judges the distance against the prescribed week") {
    auto today = day("2026-10-03");
    auto h = load_ok(in_phase3 + run("2026-10-02", 2.5, run_walk(1, 1) + minutes(20)), today);
    auto v = judge_next_week(h, today, 100, 0, 0);
    CHECK_FALSE(v.ok);
    REQUIRE(v.caps.run_walk_distance);
    // Step 1 once more (the second pass opens step 2), then step 2 twice, at the runner's
    // 2.5 km in 20 minutes: 2.5 + 2.6 + 2.6.
    CHECK(*v.caps.run_walk_distance == doctest::Approx(7.7));
    CHECK(judge_next_week(h, today, 7.7, 0, 0).ok);
}

TEST_CASE("3. clearance waits for the downhill gate: a clearance check-in the day after phase 4 opens") {
    auto text = phase4("[runner]\ngoal_weekly = 40.0\n") +
                checkin("2026-10-08", "single_leg_squats = 22\nstair_descent_pain = false\nstrength_ratio = 0.9") +
                run("2026-10-09", 5, painless("kind = \"intervals\"\n")) +
                run("2026-10-11", 4, painless("kind = \"race\"\ndownhill = 0.5\ndescent = 30\n"));
    auto today = day("2026-10-11");
    auto h = load_ok(text, today);
    auto a = assess(h, today);
    CHECK(a.timeline.now.phase == Phase::rebuild);
    CHECK_FALSE(a.timeline.clearance.cleared);
    CHECK(a.timeline.clearance.criteria_met);
    CHECK_FALSE(a.timeline.clearance.downhill_gate);
    CHECK(ids(a.findings, Severity::error) ==
          "hard-too-early@2026-W41 downhill-locked@2026-W41 hard-too-early@2026-W41 ");
    auto p = make_plan(h, today, 1);
    CHECK_FALSE(p.downhill_unlocked);
    CHECK_FALSE(p.gates.back().met);
    CHECK_FALSE(p.clearance.back().met);  // "downhill gate passed" is not ticked
}

namespace {

// Cleared on 2026-09-15: downhill_after_weeks = 0 opens the downhill gate with phase 4's
// first week, and the check-in then meets every criterion.
std::string cleared() {
    return "[runner]\ngoal_weekly = 20.0\n[rules]\nrun_walk_ladder = [[1, 1, 10], [30, 0, 1]]\n"
           "downhill_after_weeks = 0\n[injury]\nonset = 2026-09-01\n" +
           checkin("2026-09-02", "walking_pain = false\nstairs_pain = false\nexercise_pain = false") +
           run("2026-09-03", 2.5, run_walk(1, 1) + minutes(20)) + run("2026-09-05", 2.5, run_walk(1, 1) + minutes(20)) +
           run("2026-09-07", 3.5, minutes(30)) + run("2026-09-09", 3.5, minutes(30)) +
           checkin("2026-09-15", "single_leg_squats = 25\nstair_descent_pain = false\nstrength_ratio = 0.9");
}

}  // namespace

TEST_CASE("4. a later check-in that fails a clearance criterion withdraws clearance") {
    auto today = day("2026-09-20");
    CHECK(assess(load_ok(cleared(), today), today).timeline.now.phase == Phase::cleared);
    auto failed = assess(load_ok(cleared() + checkin("2026-09-18", "single_leg_squats = 8\nstrength_ratio = 0.70") +
                                     run("2026-09-19", 3, painless("kind = \"tempo\"\n")),
                                 today),
                         today);
    CHECK(failed.timeline.now.phase == Phase::rebuild);
    CHECK(failed.timeline.transitions.back().what ==
          "phase cleared -> 4: clearance withdrawn: 8 single-leg squats, strength ratio 0.7");
    CHECK(ids(failed.findings, Severity::error) == "hard-too-early@2026-W38 ");
    // Stair-descent pain counts as stairs pain: back to phase 1.
    auto stairs = assess(load_ok(cleared() + checkin("2026-09-18", "stair_descent_pain = true"), today), today);
    CHECK(stairs.timeline.now.phase == Phase::settle);
}

TEST_CASE("5. pain rising session after session escalates with a pain-rising warning") {
    // Phase 3, one 1:1 session a week with pain 4, 5, 6, 6, 7.
    std::string text = in_phase3;
    const char* dates[] = {"2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02"};
    int pain[] = {4, 5, 6, 6, 7};
    for (int i = 0; i < 5; ++i)
        text += run(dates[i], 2, run_walk(1, 1) + "pain = " + std::to_string(pain[i]) + "\npain_after = 0\n");
    auto today = day("2026-11-03");
    auto h = load_ok(text, today);
    auto fs = assess(h, today).findings;
    int rising = 0;
    for (const auto& f : fs) rising += f.id == "pain-rising" && f.severity == Severity::warning;
    CHECK(rising == 4);  // 5, 6, 6 and 7 are at or above pain_severe
    auto f = first(fs, "pain-rising");
    REQUIRE(f);
    CHECK(f->message == "pain 5 is at or above pain_severe (5) on 2026-10-12: the runner drops one phase; see a "
                        "sports-medicine clinician");
    auto p = make_plan(h, today, 1);
    CHECK(std::any_of(p.flags.begin(), p.flags.end(), [](const Flag& fl) { return fl.id == "pain-rising"; }));
}

TEST_CASE("5. pain 2, 3, 4 in one phase-4 week drops the runner to phase 3, not one pullback") {
    auto text = phase4_running() + run("2026-11-02", 3, "pain = 2\npain_after = 0\n") +
                run("2026-11-04", 3, "pain = 3\npain_after = 0\n") + run("2026-11-06", 3, "pain = 4\npain_after = 0\n");
    auto today = day("2026-11-07");
    auto a = assess(load_ok(text, today), today);
    CHECK(a.timeline.now.phase == Phase::run_walk);
    CHECK(a.timeline.now.step == 1);
    auto f = first(a.findings, "pain-rising");
    REQUIRE(f);
    // The pain-free run before them starts the rise: 0 -> 2 -> 3.
    CHECK(f->message == "pain rising over 3 runs (0 -> 2 -> 3) on 2026-11-04: the runner drops one phase; see a "
                        "sports-medicine clinician");
}

TEST_CASE("6. the pullback starts the day after the signal: the rest of the week is capped") {
    // Prevention: 20 km a week, then a Monday run with soreness the next morning.
    auto text = run("2026-10-19", 20, painless()) + run("2026-10-26", 20, painless()) +
                run("2026-11-02", 20, painless()) + run("2026-11-09", 20, painless()) +
                run("2026-11-16", 5, "pain = 0\npain_after = 2\n");
    auto today = day("2026-11-16");
    auto p = make_plan(load_ok(text, today), today, 2);
    const auto& w = p.weeks[0];
    CHECK(w.pullback);
    REQUIRE(w.remaining);
    CHECK(*w.remaining == doctest::Approx(14.0));  // 70% of 20, not 22 - 5
    CHECK(w.downhill_cap == 0);
    CHECK_FALSE(w.hard_allowed);
    CHECK(std::any_of(p.flags.begin(), p.flags.end(), [](const Flag& f) { return f.id == "pullback"; }));
    // ... and check holds the runs after the signal to that cap.
    auto over = text + run("2026-11-18", 10, painless()) + run("2026-11-20", 5, painless());
    auto fs = findings(over, day("2026-11-21"));
    auto f = first(fs, "pullback-ignored");
    REQUIRE(f);
    CHECK(f->message == "15.0 km since the pullback began on 2026-11-17, above its cap of 14.0 km (70% of 20.0 km)");
}

TEST_CASE("7. strength sessions open phase 3 only with hip and quadriceps work") {
    auto base = "[injury]\nonset = 2026-09-01\n" + checkin("2026-09-01", "walking_pain = false\nstairs_pain = false");
    auto session = [](std::string_view date, std::string_view exercises) {
        return "\n[[strength]]\ndate = " + std::string(date) + "\nexercises = [" + std::string(exercises) +
               "]\npain = 0\n";
    };
    auto today = day("2026-09-05");
    auto short_foot = base + session("2026-09-02", "\"short-foot\"") + session("2026-09-03", "\"short-foot\"");
    CHECK(assess(load_ok(short_foot, today), today).timeline.now.phase == Phase::strength);
    auto hip_only = base + session("2026-09-02", "\"clamshell\"") + session("2026-09-03", "\"clamshell\"");
    CHECK(assess(load_ok(hip_only, today), today).timeline.now.phase == Phase::strength);
    auto both = base + session("2026-09-02", "\"clamshell\", \"wall-sit\"") +
                session("2026-09-03", "\"single-leg-bridge\", \"terminal-knee-extension\"");
    CHECK(assess(load_ok(both, today), today).timeline.now.phase == Phase::run_walk);
}

TEST_CASE("8. plan and check --next show the same cap for the next week") {
    // [[week]] totals 40, 40, 40, 40, 20, goal 45; today the last day of the 20 km week.
    std::string text = "[runner]\ngoal_weekly = 45.0\n";
    const char* starts[] = {"2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"};
    double km[] = {40, 40, 40, 40, 20};
    for (int i = 0; i < 5; ++i)
        text += fmt::format("\n[[week]]\nstart = {}\ndistance = {}\npain = 0\npain_after = 0\n", starts[i], km[i]);
    auto today = day("2026-11-22");
    auto h = load_ok(text, today);
    auto p = make_plan(h, today, 2);
    auto v = judge_next_week(h, today, 45, 0, 0);
    REQUIRE(p.weeks[1].distance_cap);
    REQUIRE(v.caps.distance);
    CHECK(*p.weeks[1].distance_cap == doctest::Approx(38.5));  // max(20, mean 35) x 1.1
    CHECK(*v.caps.distance == doctest::Approx(38.5));
    CHECK_FALSE(v.ok);
}

TEST_CASE("8. at the goal, check --next says the rule allows more and the plan holds the goal") {
    std::string text = "[runner]\ngoal_weekly = 30.0\n";
    for (auto d : {"2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"}) text += run(d, 30, painless());
    auto today = day("2026-11-22");
    auto h = load_ok(text, today);
    auto v = judge_next_week(h, today, 33, 0, 0);
    CHECK(v.ok);
    REQUIRE(v.plan_holds);
    CHECK(*v.plan_holds == doctest::Approx(30.0));
    CHECK(*make_plan(h, today, 2).weeks[1].distance_cap == doctest::Approx(30.0));
    CHECK(render_next(v, Units::km).find("the rule allows 33.0 km; rkplan plan holds the week at 30.0 km") !=
          std::string::npos);
}

TEST_CASE("9. without a goal downhill needs one more pain-free phase-4 week, and a pullback locks it again") {
    auto today = day("2026-11-07");
    // Phase 4 from 10-07: W42, W43 and W44 pain-free with evidence.
    auto a = assess(load_ok(phase4_running(), day("2026-11-01")), day("2026-11-01"));
    CHECK_FALSE(a.timeline.now.downhill_unlocked);  // two weeks (W42, W43) are not enough without a goal
    auto b = assess(load_ok(phase4_running(), today), today);
    CHECK(b.timeline.now.downhill_unlocked);  // three (W42-W44)
    auto c = assess(load_ok(phase4_running() + run("2026-11-03", 4, "pain = 0\npain_after = 1\n"), today), today);
    CHECK_FALSE(c.timeline.now.downhill_unlocked);
    CHECK(c.timeline.transitions.back().what.rfind("pullback from 2026-11-04", 0) == 0);
}

TEST_CASE("9. a break of 2 weeks locks downhill again") {
    auto text = phase4_running() + run("2026-11-03", 4.8, painless()) + run("2026-11-30", 4, painless());
    auto today = day("2026-11-30");
    auto a = assess(load_ok(text, today), today);
    CHECK_FALSE(a.timeline.now.downhill_unlocked);
    auto p = make_plan(load_ok(text, today), today, 1);
    CHECK_FALSE(p.downhill_unlocked);
    CHECK(p.weeks[0].downhill_cap == 0);
}

TEST_CASE("9. projected downhill caps never fall while the distance cap does not") {
    auto text = phase4_running("[runner]\ngoal_weekly = 10.0\n") + run("2026-11-02", 5.2, painless()) +
                run("2026-11-04", 5.3, painless("downhill = 0.4\ndescent = 25\n"));
    auto today = day("2026-11-07");
    auto p = make_plan(load_ok(text, today), today, 12);
    for (std::size_t k = 1; k < p.weeks.size(); ++k) {
        CAPTURE(k);
        if (*p.weeks[k].distance_cap >= *p.weeks[k - 1].distance_cap) {
            CHECK(p.weeks[k].downhill_cap >= p.weeks[k - 1].downhill_cap);
            CHECK(p.weeks[k].descent_cap >= p.weeks[k - 1].descent_cap);
        }
    }
}

TEST_CASE("10. clearance means one thing: the gate, the checklist and the status agree") {
    auto tests = checkin("2026-10-27", "single_leg_squats = 20\nstair_descent_pain = false\nstrength_ratio = 0.80") +
                 checkin("2026-10-28", "strength_ratio = 0.90");
    auto today = day("2026-10-31");
    // Phase 4 before the downhill gate: every criterion ticked, the gate closed — and the
    // checklist says why (its downhill line is not ticked).
    auto p = make_plan(load_ok(phase4_running() + tests, today), today, 1);
    CHECK(p.phase == Phase::rebuild);
    CHECK(p.clearance[0].met);
    CHECK(p.clearance[1].met);
    CHECK(p.clearance[2].met);
    CHECK(p.clearance[3].met);        // within 7 days of each other
    CHECK_FALSE(p.clearance[5].met);  // the downhill gate
    CHECK_FALSE(p.gates.back().met);
    // With the downhill gate open on 10-26 (a goal of 8.5 km: W42 and W43 at 90% or more): cleared.
    auto q = make_plan(load_ok(phase4_running("[runner]\ngoal_weekly = 8.5\n") + tests, today), today, 1);
    CHECK(q.phase == Phase::cleared);
    CHECK(q.gates.back().met);
    CHECK(std::all_of(q.clearance.begin(), q.clearance.end(), [](const ClearanceItem& i) { return i.met; }));
    // Tests 10 days apart are not within the window.
    auto apart = checkin("2026-10-17", "single_leg_squats = 20\nstair_descent_pain = false\nstrength_ratio = 0.80") +
                 checkin("2026-10-28", "strength_ratio = 0.90");
    auto r = make_plan(load_ok(phase4_running("[runner]\ngoal_weekly = 8.5\n") + apart, today), today, 1);
    CHECK(r.phase == Phase::rebuild);
    CHECK_FALSE(r.clearance[3].met);
}

TEST_CASE("11. no-improvement needs pain above pain_limit, and names the phase at its date") {
    auto today = day("2026-11-21");
    auto zero = in_phase3 + checkin("2026-10-02", "pain = 0") + checkin("2026-11-01", "pain = 0");
    CHECK(first(findings(zero, today), "no-improvement") == nullptr);
    // In phase 3 at the due date (6 weeks after onset: 10-13), a relapse to phase 1 later.
    auto relapse = in_phase3 + checkin("2026-11-01", "walking_pain = true");
    CHECK(first(findings(relapse, today), "no-improvement") == nullptr);
}

TEST_CASE("12. a resolved red flag informs and no longer fails check") {
    auto text = run("2026-11-02", 5) + checkin("2026-11-03", "night_pain = true") +
                checkin("2026-11-10", "seen_clinician = true");
    auto fs = findings(text, day("2026-11-21"));
    CHECK(ids(fs) == "red-flag@2026-W45 ");
    CHECK(fs[0].severity == Severity::info);
    CHECK(fs[0].message == "night pain on 2026-11-03: resolved on 2026-11-10 (seen a clinician, no red flag)");
}

TEST_CASE("12. a week above its cap passes on its cap as the next week's baseline") {
    auto text = run("2026-10-26", 24) + run("2026-11-02", 24) + run("2026-11-09", 40);
    auto today = day("2026-11-16");
    auto h = load_ok(text, today);
    auto p = make_plan(h, today, 1);
    // W46 ran 40 against a cap of 26.4: W47 grows from 26.4 (29.04), not from 40 (44).
    CHECK(*p.weeks[0].distance_cap == doctest::Approx(29.0));
    auto a = assess(h, today);
    CHECK(*a.weeks.weeks.back().baseline == doctest::Approx(26.4));
}

TEST_CASE("12. the plan's texts: shoe distance now, a live timeline, continuous steps, the referral lifted") {
    auto shoe = "[runner]\nunits = \"mi\"\n\n[[shoe]]\nname = \"old\"\ninitial = 360\n" +
                run("2026-11-02", 15, "shoe = \"old\"\n") + run("2026-11-09", 16, "shoe = \"old\"\n") +
                run("2026-11-16", 17, "shoe = \"old\"\n") + run("2026-11-18", 15, "shoe = \"old\"\n");
    auto today = day("2026-11-21");
    auto p = make_plan(load_ok(shoe, today), today, 1);
    auto f = std::find_if(p.flags.begin(), p.flags.end(), [](const Flag& x) { return x.id == "shoe-worn"; });
    REQUIRE(f != p.flags.end());
    CHECK(f->message == "shoe \"old\" has 423 mi, past 373 mi: plan its replacement");
    // The expected window of an early treatment has passed: re-estimated, never in the past.
    auto late = make_plan(load_ok(in_phase3, today), today, 1);
    REQUIRE(late.timeline_to);
    CHECK(*late.timeline_from > today);
    // A continuous step is not "run-walk 20 min continuous".
    auto steps = make_plan(load_ok(in_phase3 + "[rules]\nrun_walk_ladder = [[20, 0, 1], [30, 0, 1]]\n", today), today, 1);
    CHECK(render_plan(steps, Format::text).find("run-walk 20 min") == std::string::npos);
    CHECK(render_plan(steps, Format::text).find("20 min continuous") != std::string::npos);
    // A referral lifted today: the week is no longer "no running (refer)".
    auto lifted = make_plan(load_ok(run("2026-11-02", 10) + checkin("2026-11-17", "swelling = true") +
                                        checkin("2026-11-21", "seen_clinician = true"),
                                    today),
                            today, 1);
    CHECK_FALSE(lifted.weeks[0].referred);
    // ... nor in phase 2, where the week still holds no running, for the phase's sake.
    auto phase2 = make_plan(load_ok("[injury]\nonset = 2026-11-02\n" +
                                        checkin("2026-11-03", "walking_pain = false\nstairs_pain = false") +
                                        checkin("2026-11-12", "swelling = true") +
                                        checkin("2026-11-21", "seen_clinician = true"),
                                    today),
                            today, 1);
    CHECK(phase2.phase == Phase::strength);
    CHECK_FALSE(phase2.weeks[0].referred);
    CHECK(*phase2.weeks[0].distance_cap == 0);
}

TEST_CASE("13. a run that cannot count as evidence gets an info saying what to log") {
    // At step 6 (20 min continuous) of a custom ladder: runs without a duration pass nothing.
    auto text = in_phase3 + "[rules]\nrun_walk_ladder = [[20, 0, 1], [30, 0, 1]]\n" +
                run("2026-10-05", 3, painless()) + run("2026-10-07", 3, "duration = 21\n");
    auto fs = findings(text, day("2026-10-10"));
    CHECK(ids(fs) == "evidence-missing@2026-W41 evidence-missing@2026-W41 ");
    CHECK(fs[0].message ==
          "an easy run of 3.0 km on 2026-10-05 logs no duration: it cannot count toward the run-walk ladder");
    CHECK(fs[1].message == "an easy run of 3.0 km on 2026-10-07 logs no pain and pain_after: it cannot count toward "
                           "the run-walk ladder");
}

TEST_CASE("13. a session above the open step is progress for neither check nor plan") {
    auto text = in_phase3 + run("2026-10-05", 2, run_walk(3, 1) + painless()) +
                run("2026-10-07", 2, run_walk(3, 1) + painless());
    auto today = day("2026-10-08");
    auto h = load_ok(text, today);
    CHECK(ids(assess(h, today).findings, Severity::error) == "run-walk-ahead@2026-W41 run-walk-ahead@2026-W41 ");
    auto p = make_plan(h, today, 1);
    CHECK(p.step == 1);
}

TEST_CASE("13. maintenance-low does not fire for the week the injury began") {
    auto text = "[injury]\nonset = 2026-11-04\n\n[[strength]]\ndate = 2026-10-26\nexercises = [\"clamshell\"]\n"
                "pain = 0\n\n[[strength]]\ndate = 2026-10-28\nexercises = [\"clamshell\"]\npain = 0\n" +
                run("2026-11-02", 5);
    auto fs = findings(text, day("2026-11-21"));
    CHECK(ids(fs).find("maintenance-low@2026-W45") == std::string::npos);
}

TEST_CASE("14. without an earlier pain-free week the pullback is a share of the week up to the signal") {
    // The first week on record: a 3.9 km run with a pain signal on Monday. Running more that
    // week cannot raise the cap (it measured the whole week, later runs included), and the
    // plan's pullback weeks show the cap its flag names (they showed 3.0 under a 2.7 flag).
    auto text = "[runner]\nunits = \"mi\"\n" + run("2026-11-16", 3.9, "pain = 2\npain_after = 5\n");
    auto today = day("2026-11-16");
    auto p = make_plan(load_ok(text, today), today, 3);
    REQUIRE(p.weeks.size() == 3);
    CHECK(std::any_of(p.flags.begin(), p.flags.end(), [](const Flag& f) {
        return f.id == "pullback" && f.message.find("at most 2.7 mi") != std::string::npos;
    }));
    CHECK(p.weeks[1].pullback);
    CHECK(p.weeks[1].distance_cap == doctest::Approx(2.7));
    CHECK(p.weeks[2].distance_cap == doctest::Approx(2.7));
    auto more = text + run("2026-11-18", 6, painless());
    auto fs = findings(more, day("2026-11-21"));
    auto f = first(fs, "pullback-ignored");
    REQUIRE(f);
    CHECK(f->message == "6.0 mi since the pullback began on 2026-11-17, above its cap of 2.73 mi (70% of 3.9 mi)");
}
