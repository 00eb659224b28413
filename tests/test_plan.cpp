#include <doctest/doctest.h>

#include <string>

#include "rkplan/assess.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/render.hpp"
#include "support/histories.hpp"

using namespace rkplan;

namespace {

using test::day;
using test::load_ok;
const Date today = test::default_today;  // a Saturday; W47 is 2026-11-16..22

// A pain-free run.
std::string run(std::string_view date, double distance, std::string_view extra = "") {
    return test::toml_run(date, distance, std::string(test::pain_free) + std::string(extra));
}

// Phase 4 since 2026-10-07 with a two-step ladder, then weeks grown by the 10% rule from
// the prescribed phase-3 week (2 x 30 min at 8 min/km = 7.6 km): 8, 8.8, 9.6, 10.5 and
// 11.5 km in W46.
std::string phase4(std::string_view goal) {
    return "[runner]\ngoal_weekly = " + std::string(goal) +
           "\n[injury]\nonset = 2026-09-01\n[rules]\nrun_walk_ladder = [[1, 1, 10], [30, 0, 1]]\n"
           "\n[[checkin]]\ndate = 2026-10-01\nwalking_pain = false\nstairs_pain = false\nexercise_pain = false\n" +
           run("2026-10-02", 2, "kind = \"run-walk\"\nrun_walk = [1, 1]\n") +
           run("2026-10-03", 2, "kind = \"run-walk\"\nrun_walk = [1, 1]\n") + run("2026-10-05", 5, "duration = 30\n") +
           run("2026-10-07", 5, "duration = 30\n") + run("2026-10-12", 4) + run("2026-10-14", 4) +
           run("2026-10-19", 4.4) + run("2026-10-21", 4.4) + run("2026-10-26", 4.8) + run("2026-10-28", 4.8) +
           run("2026-11-02", 5.2) + run("2026-11-04", 5.3) + run("2026-11-09", 5.7) + run("2026-11-11", 5.8);
}

}  // namespace

TEST_CASE("in phase 4 the cap grows 10% a week from the last completed week, up to the goal") {
    auto p = make_plan(load_ok(phase4("14")), today, 5);
    REQUIRE(p.weeks.size() == 5);
    CHECK(p.phase == Phase::rebuild);
    // W47: 11.5 x 1.1 = 12.65, shown 12.6; W48: 13.86, shown 13.8; W49: 14 (the goal), then it holds.
    CHECK(*p.weeks[0].distance_cap == doctest::Approx(12.6));
    CHECK(p.weeks[0].logged == 0);
    CHECK(*p.weeks[0].remaining == doctest::Approx(12.6));
    CHECK(*p.weeks[1].distance_cap == doctest::Approx(13.8));
    CHECK(*p.weeks[2].distance_cap == doctest::Approx(14.0));
    CHECK(*p.weeks[3].distance_cap == doctest::Approx(14.0));
    for (const auto& w : p.weeks) {
        CHECK_FALSE(w.hard_allowed);
        CHECK(w.run_days == 3);
        CHECK(w.strength_sessions == 3);
    }
    CHECK_FALSE(p.weeks[0].projected);
    CHECK(p.weeks[1].projected);
}

TEST_CASE("downhill unlocks in the projection after two pain-free weeks at 90% of the goal") {
    auto p = make_plan(load_ok(phase4("12")), today, 5);
    // W46 (11.5 km) and W47 (12 km, projected) qualify (>= 10.8): downhill opens in W48.
    CHECK(p.weeks[0].downhill_cap == 0);
    CHECK(p.weeks[0].opens == std::vector<std::string>{"downhill unlocks"});
    CHECK(p.weeks[1].downhill_cap == doctest::Approx(0.6));  // 5% of 12 km
    CHECK(p.weeks[1].descent_cap == doctest::Approx(36));    // 3 m per km
    // The projection holds downhill at that level; the cap grows 10% on it and never falls.
    CHECK(p.weeks[2].downhill_cap == doctest::Approx(0.6));  // 0.66, shown to the tenth below
    CHECK(p.weeks[2].descent_cap == doctest::Approx(39));
}

TEST_CASE("projected downhill caps do not compound beyond the week") {
    auto p = make_plan(load_ok(phase4("12")), today, 104);
    for (const auto& w : p.weeks) {
        REQUIRE(w.distance_cap);
        CHECK(w.downhill_cap <= 0.1 * *w.distance_cap + 1e-9);
        CHECK(w.descent_cap <= 6 * *w.distance_cap + 1e-9);
    }
}

TEST_CASE("a red flag makes every week of the plan a week without running") {
    auto p = make_plan(load_ok(phase4("26") + "\n[[checkin]]\ndate = 2026-11-18\nswelling = true\n"), today, 4);
    CHECK(p.referred);
    CHECK(p.protocol.empty());
    for (const auto& w : p.weeks) {
        CHECK(w.referred);
        CHECK(w.no_running);
        CHECK(*w.distance_cap == 0);
        CHECK(w.downhill_cap == 0);
        CHECK(w.run_days == 0);
        CHECK(w.next_gate == "a check-in with no red flag and seen_clinician = true");
    }
    REQUIRE_FALSE(p.flags.empty());
    CHECK(p.flags[0].id == "red-flag");
}

TEST_CASE("a healthy runner with no history starts at half the goal, or 10 km") {
    auto none = make_plan(load_ok(""), today, 2);
    CHECK(none.mode == Mode::prevention);
    CHECK(*none.weeks[0].distance_cap == doctest::Approx(10.0));
    CHECK(*none.weeks[1].distance_cap == doctest::Approx(11.0));
    auto goal = make_plan(load_ok("[runner]\ngoal_weekly = 30\n"), today, 1);
    CHECK(*goal.weeks[0].distance_cap == doctest::Approx(15.0));
    auto miles = make_plan(load_ok("[runner]\nunits = \"mi\"\n"), today, 1);
    CHECK(*miles.weeks[0].distance_cap == doctest::Approx(6.2));
}

TEST_CASE("phase 3 prescribes run-walk sessions and opens steps as they pass") {
    auto text = std::string("[injury]\nonset = 2026-10-01\n") +
                "\n[[checkin]]\ndate = 2026-11-02\nwalking_pain = false\nstairs_pain = false\nexercise_pain = false\n";
    auto p = make_plan(load_ok(text), today, 3);
    CHECK(p.phase == Phase::run_walk);
    CHECK(p.step == 1);
    // Today is Saturday: one session fits in W47 (Sunday).
    CHECK(p.weeks[0].sessions == std::vector<int>{1});
    CHECK_FALSE(p.weeks[0].distance_cap);
    REQUIRE(p.weeks[0].run_walk);
    CHECK(*p.weeks[0].run_walk == LadderStep{1, 1, 10});
    // W48: the second pass at step 1 opens step 2 after its first session.
    CHECK(p.weeks[1].sessions == std::vector<int>{1, 2, 2});
    CHECK(p.weeks[1].opens == std::vector<std::string>{"steps 2-3 open"});
    CHECK(p.weeks[2].step == 3);
    CHECK(p.weeks[0].next_gate == "step 2: 2 more pain-free sessions at step 1 (1:1 x10)");
}

TEST_CASE("the plan reports gates with what is missing and the clearance checklist") {
    auto p = make_plan(load_ok(phase4("26") + "\n[[checkin]]\ndate = 2026-11-12\nsingle_leg_squats = 14\n"), today, 1);
    REQUIRE(p.gates.size() == 5);
    CHECK(p.gates[2].met);
    CHECK_FALSE(p.gates[3].met);
    CHECK(p.gates[3].missing == "needs 2 more pain-free weeks of 23.4 km or more");
    CHECK_FALSE(p.gates[4].met);
    CHECK(p.gates[4].missing == "the downhill gate first; see the clearance checklist");
    REQUIRE(p.clearance.size() == 6);
    CHECK(p.clearance[0].status == "14 on 2026-11-12");
    CHECK_FALSE(p.clearance[0].met);
    CHECK(p.clearance[1].status == "not tested yet");
    CHECK(p.clearance[4].met);        // the phase-4 gate: 30 minutes of easy running
    CHECK_FALSE(p.clearance[5].met);  // the downhill gate
    // Phase 4 reached: the expected timeline is behind the runner.
    CHECK_FALSE(p.timeline_from);
    CHECK(p.timeline_basis == "easy running reached (phase 4): the expected timeline is behind you");
}

TEST_CASE("the same history and date give the same plan, byte for byte") {
    auto h = load_ok(phase4("26"));
    CHECK(render_plan(make_plan(h, today, 8), Format::json) == render_plan(make_plan(h, today, 8), Format::json));
}

TEST_CASE("the hip maintenance dose is the history's maintenance_sessions") {
    auto dose = [](const std::string& text) {
        auto p = make_plan(load_ok(text), today, 1);
        REQUIRE_FALSE(p.protocol.empty());
        CHECK(p.protocol.back().name.rfind("hip maintenance", 0) == 0);
        return p.protocol.back().dose;
    };
    CHECK(dose(run("2026-11-16", 5)) == "2 sessions a week");
    CHECK(dose("[rules]\nmaintenance_sessions = 4\n" + run("2026-11-16", 5)) == "4 sessions a week");
    CHECK(dose("[rules]\nmaintenance_sessions = 1\n" + run("2026-11-16", 5)) == "1 session a week");
}

TEST_CASE("the current week prescribes by the phase reached during it") {
    // Phases 1 to 3 opened by Wednesday's check-in: run-walk for the rest of the week.
    auto opened = make_plan(load_ok("[injury]\nonset = 2026-09-01\n\n[[checkin]]\ndate = 2026-09-09\n"
                                    "walking_pain = false\nstairs_pain = false\nexercise_pain = false\n"),
                            *Date::parse("2026-09-10"), 2);
    REQUIRE(opened.weeks.size() == 2);
    const auto& w = opened.weeks[0];
    CHECK(w.phase == Phase::run_walk);
    CHECK_FALSE(w.no_running);
    CHECK_FALSE(w.distance_cap);
    REQUIRE(w.run_walk);
    CHECK(*w.run_walk == LadderStep{1, 1, 10});
    CHECK(w.sessions == std::vector<int>{1, 1, 2});
    CHECK(w.opens == std::vector<std::string>{"step 2 opens"});  // not phase 3: open already
    // Phase 4 reached on Wednesday 10-07: the week stays a phase-3 week at the last step.
    auto reached = make_plan(load_ok(phase4("26")), *Date::parse("2026-10-08"), 2);
    CHECK(reached.phase == Phase::rebuild);
    const auto& r = reached.weeks[0];
    CHECK(r.phase == Phase::run_walk);
    CHECK_FALSE(r.distance_cap);
    REQUIRE(r.run_walk);
    CHECK(*r.run_walk == LadderStep{30, 0, 1});
    CHECK(r.opens.empty());
    CHECK(reached.weeks[1].phase == Phase::rebuild);
    CHECK(reached.weeks[1].distance_cap);
    CHECK_FALSE(reached.weeks[1].run_walk);
}

TEST_CASE("weeks of phases 1 and 2 have no running, and the plan says so once") {
    // Phase 2 this week; its planned strength sessions open phase 3 for the next.
    auto p = make_plan(load_ok("[injury]\nonset = 2026-11-01\n\n[[checkin]]\ndate = 2026-11-16\n"
                               "walking_pain = false\nstairs_pain = false\n"),
                       today, 2);
    REQUIRE(p.weeks.size() == 2);
    CHECK(p.weeks[0].phase == Phase::strength);
    CHECK(p.weeks[0].no_running);
    CHECK_FALSE(p.weeks[0].referred);
    CHECK(*p.weeks[0].distance_cap == 0);
    CHECK(p.weeks[1].phase == Phase::run_walk);
    CHECK_FALSE(p.weeks[1].no_running);
}

TEST_CASE("a plan made from an assessment of the same day is the plan made without one") {
    for (const auto& text : {phase4("26"), phase4("14") + "\n[[checkin]]\ndate = 2026-11-18\nswelling = true\n",
                             std::string("[runner]\ngoal_weekly = 30\n") + run("2026-11-02", 12) + run("2026-11-17", 4)}) {
        auto h = load_ok(text);
        auto a = assess(h, today);
        CHECK(render_plan(make_plan(h, today, 8, nullptr, &a), Format::json) ==
              render_plan(make_plan(h, today, 8), Format::json));
    }
}

TEST_CASE("the expected timeline's basis names its windows: early, chronic, or in between") {
    auto basis = [](std::string_view onset, std::string_view treatment) {
        return make_plan(load_ok("[injury]\nonset = " + std::string(onset) + "\ntreatment_start = " +
                                 std::string(treatment) + "\n"),
                         today, 1)
            .timeline_basis;
    };
    CHECK(basis("2026-11-01", "2026-11-10") ==
          "treatment started within 3 weeks of onset: easy running 4-8 weeks after treatment_start");
    CHECK(basis("2026-07-01", "2026-10-01") ==
          "treatment started 3 months or more after onset (chronic): 3-12 months");
    // 45 days: 24/69 of the way from early to chronic, 50 to 163 days.
    CHECK(basis("2026-09-01", "2026-10-16") ==
          "treatment started 45 days after onset: easy running 7-23 weeks after treatment_start (4-8 weeks when "
          "within 3 weeks, 3-12 months when chronic)");
}

TEST_CASE("a current week filed as a painful total is planned at its cap, and the pullback follows that") {
    // The planner raises this week's [[week]] total to its cap (20 km: the restart cap at
    // half the goal); the total's pain signal starts a pullback next week at 70% of the
    // week as planned, as deriving the grown history whole gives (the projection runs the
    // week again from before it, not on from the logged 10 km, which would give 7.0).
    auto h = load_ok("[runner]\ngoal_weekly = 40\n\n[[week]]\nstart = 2026-11-16\ndistance = 10\npain = 0\n"
                     "pain_after = 5\n",
                     day("2026-11-18"));
    auto p = make_plan(h, day("2026-11-18"), 3);
    REQUIRE(p.weeks.size() == 3);
    CHECK(*p.weeks[0].distance_cap == doctest::Approx(20.0));
    CHECK(p.weeks[1].pullback);
    CHECK(*p.weeks[1].distance_cap == doctest::Approx(14.0));
    CHECK(*p.weeks[2].distance_cap == doctest::Approx(14.0));
}
