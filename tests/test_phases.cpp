#include <doctest/doctest.h>

#include <string>

#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/weeks.hpp"
#include "support/histories.hpp"

using namespace rkplan;

namespace {

const Date today = test::default_today;

struct Derived {
    History history;
    WeeksReport weeks;
    PhaseTimeline timeline;
};

Derived derive(const std::string& text, Date on = today) {
    auto r = load_history(text, "t.toml", on);
    if (!r.ok()) FAIL("history does not load: " << format_diagnostics("t.toml", text, r.diagnostics));
    Derived d{std::move(*r.history), {}, {}};
    d.weeks = compute_weeks(d.history, on);
    d.timeline = derive_phases(d.history, d.weeks);
    return d;
}

const std::string injury = "[injury]\nonset = 2026-09-01\n";

std::string checkin(std::string_view date, std::string_view fields) { return test::toml_checkin(date, fields); }

// A session of hip (clamshell) and quadriceps (straight-leg raise) work, unless `exercises` says otherwise.
std::string strength(std::string_view date, int pain,
                     std::string_view exercises = "\"clamshell\", \"straight-leg-raise\"") {
    return "\n[[strength]]\ndate = " + std::string(date) + "\nexercises = [" + std::string(exercises) +
           "]\npain = " + std::to_string(pain) + "\n";
}

std::string run_walk(std::string_view date, int run, int walk, int pain = 0, int pain_after = 0) {
    return "\n[[run]]\ndate = " + std::string(date) + "\ndistance = 2.5\nkind = \"run-walk\"\nrun_walk = [" +
           std::to_string(run) + ", " + std::to_string(walk) + "]\npain = " + std::to_string(pain) +
           "\npain_after = " + std::to_string(pain_after) + "\n";
}

std::string continuous(std::string_view date, double distance, int minutes, int pain = 0, int pain_after = 0) {
    return "\n[[run]]\ndate = " + std::string(date) + "\ndistance = " + std::to_string(distance) +
           "\nduration = " + std::to_string(minutes) + "\npain = " + std::to_string(pain) +
           "\npain_after = " + std::to_string(pain_after) + "\n";
}

// Phase 3 from 2026-10-01: walking, stairs and exercises pain-free.
const std::string in_phase3 =
    injury + checkin("2026-10-01", "walking_pain = false\nstairs_pain = false\nexercise_pain = false");

}  // namespace

TEST_CASE("without [injury] the runner is in prevention mode and has no phase") {
    auto d = derive("[[run]]\ndate = 2026-11-02\ndistance = 5\n");
    CHECK(d.timeline.mode == Mode::prevention);
    CHECK(d.timeline.transitions.empty());
}

TEST_CASE("an injury starts in phase 1 (settle)") {
    auto d = derive(injury + checkin("2026-09-10", "pain = 4\nwalking_pain = true"));
    CHECK(d.timeline.mode == Mode::injury);
    CHECK(d.timeline.now.phase == Phase::settle);
}

TEST_CASE("before the onset the runner was healthy: prevention mode's rules, then phase 1 from the onset") {
    // Healthy running in W40-W41 with a pain signal in W41; the onset on Thursday 10-15 (W42).
    auto d = derive("[injury]\nonset = 2026-10-15\n" + continuous("2026-10-01", 8, 50) +
                    continuous("2026-10-08", 8, 50, 3, 0) + continuous("2026-10-13", 5, 30) +
                    continuous("2026-10-16", 3, 20));
    CHECK(d.timeline.mode == Mode::injury);
    REQUIRE(d.timeline.runs.size() == 4);
    CHECK(d.timeline.runs[0].state.before_onset);
    CHECK(d.timeline.runs[2].state.before_onset);
    CHECK(rules_mode(d.timeline.mode, d.timeline.runs[2].state) == Mode::prevention);
    CHECK_FALSE(d.timeline.runs[3].state.before_onset);
    CHECK(d.timeline.runs[3].state.phase == Phase::settle);
    CHECK(rules_mode(d.timeline.mode, d.timeline.runs[3].state) == Mode::injury);
    // W42 began healthy, in the pullback of W41's signal; the onset ends the pullback.
    REQUIRE(d.weeks.weeks.size() == 8);  // W40 to W47
    CHECK(d.timeline.weeks[2].state.before_onset);
    CHECK(d.timeline.weeks[2].pullback_cap);
    CHECK_FALSE(d.timeline.weeks[3].state.before_onset);
    CHECK_FALSE(d.timeline.weeks[3].pullback_cap);
    CHECK(d.timeline.now.phase == Phase::settle);
    CHECK_FALSE(d.timeline.now.before_onset);
    REQUIRE(d.timeline.transitions.size() == 2);
    CHECK(d.timeline.transitions[1].what == "injury onset: phase 1 (settle)");
    CHECK(d.timeline.transitions[1].date == *Date::parse("2026-10-15"));
}

TEST_CASE("phase 2 opens with a check-in free of walking and stairs pain, not with one of them missing") {
    auto half = derive(injury + checkin("2026-09-20", "walking_pain = false"));
    CHECK(half.timeline.now.phase == Phase::settle);
    auto d = derive(injury + checkin("2026-09-20", "walking_pain = false\nstairs_pain = false"));
    CHECK(d.timeline.now.phase == Phase::strength);
    REQUIRE(d.timeline.transitions.size() == 1);
    CHECK(d.timeline.transitions[0].what == "phase 1 -> 2: walking and stairs are pain-free");
    CHECK(d.timeline.transitions[0].pos == SourcePos{4, 1});
}

TEST_CASE("phase 3 opens with pain-free exercises or two pain-free strength sessions in a row") {
    auto base = injury + checkin("2026-09-20", "walking_pain = false\nstairs_pain = false");
    CHECK(derive(base + checkin("2026-09-25", "exercise_pain = false")).timeline.now.phase == Phase::run_walk);
    CHECK(derive(base + strength("2026-09-22", 0) + strength("2026-09-24", 0)).timeline.now.phase ==
          Phase::run_walk);
    // A painful session in between breaks the streak.
    auto broken = derive(base + strength("2026-09-22", 0) + strength("2026-09-23", 2) + strength("2026-09-24", 0));
    CHECK(broken.timeline.now.phase == Phase::strength);
    CHECK(broken.timeline.now.strength_streak == 1);
    // Sessions in phase 1 do not count.
    CHECK(derive(injury + strength("2026-09-10", 0) + strength("2026-09-12", 0)).timeline.now.phase ==
          Phase::settle);
}

TEST_CASE("two pain-free sessions at the open step open the next step") {
    auto d = derive(in_phase3 + run_walk("2026-10-03", 1, 1) + run_walk("2026-10-05", 1, 1));
    CHECK(d.timeline.now.phase == Phase::run_walk);
    CHECK(d.timeline.now.step == 2);
    CHECK(d.timeline.now.streak == 0);
    CHECK(d.timeline.runs[0].result == SessionResult::pass);
    CHECK(d.timeline.runs[1].level == 1);
}

TEST_CASE("a failed session drops one step and resets the streak") {
    auto d = derive(in_phase3 + run_walk("2026-10-03", 1, 1) + run_walk("2026-10-05", 1, 1) +
                    run_walk("2026-10-07", 2, 1) + run_walk("2026-10-09", 2, 1, 0, 1));
    CHECK(d.timeline.now.step == 1);
    CHECK(d.timeline.now.streak == 0);
    CHECK(d.timeline.runs[3].result == SessionResult::fail);
    CHECK(d.timeline.runs[3].signal);
}

TEST_CASE("a session without pain values passes nothing") {
    std::string unlogged = "\n[[run]]\ndate = 2026-10-05\ndistance = 2.5\nkind = \"run-walk\"\nrun_walk = [1, 1]\n";
    auto d = derive(in_phase3 + run_walk("2026-10-03", 1, 1) + unlogged);
    CHECK(d.timeline.now.step == 1);
    CHECK(d.timeline.runs[1].result == SessionResult::unlogged);
    // ... and a continuous run without a duration reaches no step at all.
    std::string no_duration = "\n[[run]]\ndate = 2026-10-05\ndistance = 3\npain = 0\npain_after = 0\n";
    auto c = derive(in_phase3 + no_duration);
    CHECK(c.timeline.runs[0].level == 0);
}

TEST_CASE("the ladder's last step passed twice opens phase 4") {
    std::string text = in_phase3;
    // Three sessions a week at most (run_days): more would be above the prescription.
    const char* dates[] = {"2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-07", "2026-10-09",
                           "2026-10-12", "2026-10-14", "2026-10-16", "2026-10-19", "2026-10-21", "2026-10-23",
                           "2026-10-26", "2026-10-28"};
    int ratios[5][2] = {{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1}};
    int k = 0;
    for (auto& r : ratios)
        for (int rep = 0; rep < 2; ++rep) text += run_walk(dates[k++], r[0], r[1]);
    text += continuous(dates[k], 3.5, 20) + continuous(dates[k + 1], 3.5, 21);
    k += 2;
    auto at6 = derive(text);
    CHECK(at6.timeline.now.phase == Phase::run_walk);
    CHECK(at6.timeline.now.step == 7);
    text += continuous(dates[k], 5, 30) + continuous(dates[k + 1], 5, 31);
    auto d = derive(text);
    CHECK(d.timeline.now.phase == Phase::rebuild);
    CHECK(d.timeline.transitions.back().what == "phase 3 -> 4: the ladder's last step passed 2 times");
}

namespace {

// Phase 4 from 2026-10-12 (the ladder done at step 7 in the week before).
std::string phase4_history() {
    std::string text = in_phase3 + "[rules]\nrun_walk_ladder = [[1, 1, 10], [30, 0, 1]]\n";
    text += run_walk("2026-10-02", 1, 1) + run_walk("2026-10-03", 1, 1);
    text += continuous("2026-10-05", 5, 30) + continuous("2026-10-07", 5, 30);
    return text;
}

}  // namespace

TEST_CASE("a custom ladder changes when phase 4 opens") {
    auto d = derive(phase4_history());
    CHECK(d.timeline.now.phase == Phase::rebuild);
}

TEST_CASE("an early signal in phase 4 starts a two-week pullback at 70% of the last pain-free week") {
    auto text = phase4_history() + continuous("2026-10-12", 4, 25) + continuous("2026-10-14", 4, 25) +
                continuous("2026-10-20", 4, 25, 3, 0);
    auto d = derive(text);
    // W43 (10-19) holds the signal; W44 and W45 are the pullback.
    auto& weeks = d.weeks.weeks;
    std::size_t w44 = 0;
    while (weeks[w44].name != "2026-W44") ++w44;
    CHECK_FALSE(d.timeline.weeks[w44 - 1].pullback_cap);
    REQUIRE(d.timeline.weeks[w44].pullback_cap);
    CHECK(*d.timeline.weeks[w44].pullback_cap == doctest::Approx(0.7 * 8));
    CHECK(d.timeline.weeks[w44 + 1].pullback_cap);
    CHECK_FALSE(d.timeline.weeks[w44 + 2].pullback_cap);
    CHECK(d.timeline.now.phase == Phase::rebuild);
    // Revision 2: the pullback starts the day after the signal, inside its week.
    REQUIRE(d.timeline.weeks[w44 - 1].pullback_from);
    CHECK(d.timeline.weeks[w44 - 1].pullback_from->to_string() == "2026-10-21");
}

TEST_CASE("a second signal inside a pullback returns the runner to phase 3 at step 6") {
    auto text = phase4_history() + continuous("2026-10-12", 6, 35) + continuous("2026-10-20", 6, 35, 3, 0) +
                continuous("2026-10-27", 4, 25, 0, 2);
    auto d = derive(text);
    CHECK(d.timeline.now.phase == Phase::run_walk);
    // The custom ladder's first continuous step is its step 2.
    CHECK(d.timeline.now.step == 2);
    auto dflt = derive(in_phase3 + "[rules]\nrun_walk_ladder = [[1, 1, 10], [20, 0, 1], [30, 0, 1]]\n");
    CHECK(first_continuous_step(default_run_walk_ladder()) == 6);
    (void)dflt;
}

TEST_CASE("walking or stairs pain returns the runner to phase 1") {
    auto d = derive(phase4_history() + checkin("2026-10-20", "stairs_pain = true"));
    CHECK(d.timeline.now.phase == Phase::settle);
    CHECK(d.timeline.transitions.back().what == "phase 4 -> 1: pain walking or on stairs");
}

TEST_CASE("a red flag refers the runner until a clinician has seen a flag-free knee") {
    auto text = phase4_history() + checkin("2026-10-20", "swelling = true");
    CHECK(derive(text).timeline.now.referred);
    CHECK(derive(text + checkin("2026-10-25", "swelling = false")).timeline.now.referred);
    CHECK(derive(text + checkin("2026-10-25", "swelling = true\nseen_clinician = true")).timeline.now.referred);
    auto lifted = derive(text + checkin("2026-10-25", "seen_clinician = true"));
    CHECK_FALSE(lifted.timeline.now.referred);
    CHECK(lifted.timeline.now.phase == Phase::rebuild);
}

TEST_CASE("a pain signal while referred still starts a pullback, in force once the flag is lifted") {
    // W43 (10-19): a red flag on Monday, a painful run on Tuesday, the clinician on Friday.
    auto text = phase4_history() + continuous("2026-10-12", 4, 25) + continuous("2026-10-14", 4, 25) +
                checkin("2026-10-19", "swelling = true") + continuous("2026-10-20", 3, 20, 2, 3) +
                checkin("2026-10-23", "seen_clinician = true");
    auto d = derive(text);
    CHECK_FALSE(d.timeline.now.referred);
    std::size_t w44 = 0;
    while (d.weeks.weeks[w44].name != "2026-W44") ++w44;
    REQUIRE(d.timeline.weeks[w44].pullback_cap);
    CHECK(*d.timeline.weeks[w44].pullback_cap == doctest::Approx(0.7 * 8));
    CHECK(d.timeline.weeks[w44 + 1].pullback_cap);
    CHECK_FALSE(d.timeline.weeks[w44 + 2].pullback_cap);
}

TEST_CASE("while referred a phase-3 session drops a step on pain and opens nothing without") {
    // Step 2 opened by two passes at step 1; then a red flag.
    auto base = in_phase3 + run_walk("2026-10-02", 1, 1) + run_walk("2026-10-03", 1, 1) +
                checkin("2026-10-04", "night_pain = true");
    auto failed = derive(base + run_walk("2026-10-05", 2, 1, 4, 0));
    CHECK(failed.timeline.now.referred);
    CHECK(failed.timeline.now.step == 1);
    CHECK(failed.timeline.runs[2].result == SessionResult::fail);
    auto passed = derive(base + run_walk("2026-10-05", 2, 1) + run_walk("2026-10-06", 2, 1));
    CHECK(passed.timeline.now.step == 2);
    CHECK(passed.timeline.now.streak == 0);
    CHECK(passed.timeline.runs[2].result == SessionResult::none);
}

TEST_CASE("a second pullback is measured against the last pain-free week, a pullback week included") {
    // Prevention mode, every run logged with pain values: 20 (W41), 22 with a signal (W42),
    // 14 and 14 (the pullback, pain-free), 15 with a signal (W45), 13 (W46).
    std::string text;
    const char* dates[] = {"2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09"};
    double km[] = {20, 22, 14, 14, 15, 13};
    int pain[] = {0, 2, 0, 0, 1, 0};
    for (int i = 0; i < 6; ++i) text += continuous(dates[i], km[i], 120, i == 4 ? pain[i] : 0, i == 1 ? pain[i] : 0);
    auto d = derive(text);
    auto& weeks = d.weeks.weeks;
    REQUIRE(weeks.size() == 7);
    REQUIRE(d.timeline.weeks[2].pullback_cap);
    CHECK(*d.timeline.weeks[2].pullback_cap == doctest::Approx(14));  // 70% of W41's 20
    REQUIRE(d.timeline.weeks[5].pullback_cap);
    CHECK(*d.timeline.weeks[5].pullback_reference == doctest::Approx(14));  // W44, itself a pullback week
    CHECK(*d.timeline.weeks[5].pullback_cap == doctest::Approx(9.8));
}

TEST_CASE("a red flag refers a healthy runner too") {
    auto d = derive(checkin("2026-11-02", "night_pain = true"));
    CHECK(d.timeline.mode == Mode::prevention);
    CHECK(d.timeline.now.referred);
}

TEST_CASE("pain_limit 2 lets a session with pain 2 pass") {
    auto strict = derive(in_phase3 + run_walk("2026-10-03", 1, 1, 2) + run_walk("2026-10-05", 1, 1));
    CHECK(strict.timeline.now.step == 1);
    auto lenient = derive(in_phase3 + "[rules]\npain_limit = 2\n" + run_walk("2026-10-03", 1, 1, 2) +
                          run_walk("2026-10-05", 1, 1));
    CHECK(lenient.timeline.now.step == 2);
}

TEST_CASE("clearance needs phase 4 with the downhill gate passed and every criterion met") {
    auto all = "single_leg_squats = 20\nstair_descent_pain = false\nstrength_ratio = 0.85";
    // Two pain-free weeks at 90% of goal_weekly (8 km) open the downhill gate on 10-26.
    auto gate = "[runner]\ngoal_weekly = 8.0\n" + phase4_history() + continuous("2026-10-12", 4, 25) +
                continuous("2026-10-14", 4, 25) + continuous("2026-10-19", 4, 25) + continuous("2026-10-21", 4.4, 28);
    CHECK(derive(gate + checkin("2026-10-27", all)).timeline.now.phase == Phase::cleared);
    // Before the downhill gate: still phase 4 (revision 2).
    CHECK(derive(phase4_history() + checkin("2026-10-20", all)).timeline.now.phase == Phase::rebuild);
    CHECK(derive(phase4_history() + checkin("2026-10-20", "single_leg_squats = 19\nstair_descent_pain = false\n"
                                                          "strength_ratio = 0.9"))
              .timeline.now.phase == Phase::rebuild);
    CHECK(derive(in_phase3 + checkin("2026-10-20", all)).timeline.now.phase == Phase::run_walk);
}

TEST_CASE("session levels: run-walk by ratio, continuous by duration") {
    auto ladder = default_run_walk_ladder();
    Run r;
    r.kind = RunKind::run_walk;
    r.run_walk_run = 3;
    r.run_walk_walk = 1;
    CHECK(session_level(r, ladder) == 3);
    r.run_walk_run = 2.5;
    CHECK(session_level(r, ladder) == 2);
    r.run_walk_run = 0.5;
    CHECK(session_level(r, ladder) == 0);
    Run c;
    c.duration = 25;
    CHECK(session_level(c, ladder) == 6);
    c.duration = 30;
    CHECK(session_level(c, ladder) == 7);
    c.duration = 15;
    CHECK(session_level(c, ladder) == 0);
}
