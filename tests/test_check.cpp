#include <doctest/doctest.h>

#include <string>

#include "rkplan/check.hpp"
#include "support/histories.hpp"

using namespace rkplan;

namespace {

using test::load_ok;
const Date today = test::default_today;

std::vector<Finding> check(const std::string& text) {
    auto h = load_ok(text);
    auto w = compute_weeks(h, today);
    auto t = derive_phases(h, w);
    return check_history(h, w, t);
}

// "id@line:week" for each finding, for compact exact comparisons.
std::string ids(const std::vector<Finding>& fs) {
    std::string out;
    for (const auto& f : fs)
        out += std::string(f.id) + "@" + std::to_string(f.pos.line) + ":" + f.week + " ";
    return out;
}

std::string run(std::string_view date, double distance, std::string_view extra = "") {
    return test::toml_run(date, distance, extra);
}

// Two weeks of 20 km (W44, W45), then W46 with `distance`.
std::string two_weeks_then(double distance) {
    return run("2026-10-26", 10) + run("2026-10-28", 10) + run("2026-11-02", 10) + run("2026-11-04", 10) +
           run("2026-11-09", distance);
}

}  // namespace

TEST_CASE("exactly +10% is allowed, +10.1% is a weekly-increase error") {
    CHECK(ids(check(two_weeks_then(22.0))) == "");
    auto fs = check(two_weeks_then(22.02));
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].id == "weekly-increase");
    CHECK(fs[0].severity == Severity::error);
    CHECK(fs[0].week == "2026-W46");
    CHECK(fs[0].pos.line == 18);
    CHECK(fs[0].message == "22.02 km is 10.1% above 20.0 km (cap 22.0 km)");
    REQUIRE(fs[0].values.size() == 3);
    CHECK(*fs[0].values[0].second == doctest::Approx(22.02));
    CHECK(*fs[0].values[1].second == doctest::Approx(20));
    CHECK(*fs[0].values[2].second == doctest::Approx(22));
}

TEST_CASE("the weekly-increase finding points at the run that crossed the cap") {
    auto text = run("2026-10-26", 10) + run("2026-10-28", 10) + run("2026-11-02", 10) + run("2026-11-03", 10) +
                run("2026-11-04", 5) + run("2026-11-05", 1);
    auto fs = check(text);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].pos.line == 18);  // the 5 km run took W45 from 20 to 25
    CHECK(fs[0].date.to_string() == "2026-11-04");
    CHECK(fs[0].message == "26.0 km is 30% above 20.0 km (cap 22.0 km)");
}

TEST_CASE("prevention mode: a return to the established level after a cut-back week is allowed") {
    std::string text = run("2026-10-12", 30) + run("2026-10-19", 30) + run("2026-10-26", 30) + run("2026-11-02", 20) +
                       run("2026-11-09", 30);
    // Baseline W46: max(20, mean(30, 30, 30, 20) = 27.5) = 27.5; cap 30.25.
    CHECK(ids(check(text)) == "");
    // In injury mode (phase 4) the baseline is the cut-back week itself: 30 > 22.
    auto injury = "[injury]\nonset = 2026-09-01\n[rules]\nrun_walk_ladder = [[1, 1, 10], [30, 0, 1]]\n" +
                  std::string("\n[[checkin]]\ndate = 2026-09-20\nwalking_pain = false\nstairs_pain = false\n"
                              "exercise_pain = false\n") +
                  run("2026-09-21", 2, "kind = \"run-walk\"\nrun_walk = [1, 1]\npain = 0\npain_after = 0\n") +
                  run("2026-09-22", 2, "kind = \"run-walk\"\nrun_walk = [1, 1]\npain = 0\npain_after = 0\n") +
                  run("2026-09-29", 4, "duration = 30\npain = 0\npain_after = 0\n") +
                  run("2026-09-30", 4, "duration = 30\npain = 0\npain_after = 0\n") + text;
    auto fs = check(injury);
    CHECK(ids(fs).find("weekly-increase@") != std::string::npos);
    bool w46 = false;
    for (const auto& f : fs)
        if (f.id == "weekly-increase" && f.week == "2026-W46") w46 = true;
    CHECK(w46);
}

TEST_CASE("after a zero week the baseline is the last non-zero week within four weeks") {
    // W44 20 km, W45 nothing, W46 22 km: +10% on W44, allowed; 23 km is not.
    auto base = run("2026-10-26", 20);
    CHECK(ids(check(base + run("2026-11-09", 22))) == "");
    auto fs = check(base + run("2026-11-09", 23));
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].message == "23.0 km is 15% above 20.0 km (cap 22.0 km)");
    // After more than four empty weeks there is no baseline: a restart, held to the restart
    // cap (revision 2): half the mean of the last weeks before the break, at least 10 km.
    auto restart = check(run("2026-09-28", 20) + run("2026-11-09", 30));
    REQUIRE(restart.size() == 1);
    CHECK(restart[0].message ==
          "30.0 km is above the restart cap of 10.0 km (the first week after a break of more than 4 weeks)");
    CHECK(ids(check(run("2026-09-28", 20) + run("2026-11-09", 10))) == "");
}

TEST_CASE("the first downhill week may hold 5% of its distance downhill and 3 m of descent per km") {
    auto base = run("2026-11-02", 20);
    // W46: 20 km, 1.0 km downhill, 60 m descent: exactly the allowance.
    CHECK(ids(check(base + run("2026-11-09", 20, "downhill = 1.0\ndescent = 60\n"))) == "");
    auto fs = check(base + run("2026-11-09", 20, "downhill = 1.2\ndescent = 70\n"));
    REQUIRE(fs.size() == 2);
    CHECK(fs[0].id == "downhill-increase");
    CHECK(fs[0].severity == Severity::warning);  // prevention mode
    CHECK(fs[0].message ==
          "1.2 km downhill is above its cap of 1.0 km (previous week 0.0 km +10%, or 5% of the week's 20.0 km)");
    CHECK(fs[1].message ==
          "70 m descent is above its cap of 60 m (previous week 0 m +10%, or 3 m per km of the week's 20.0 km)");
}

TEST_CASE("in miles the descent allowance is 16 ft per mile") {
    auto text = "[runner]\nunits = \"mi\"\n" + run("2026-11-02", 10) + run("2026-11-09", 10, "descent = 170\n");
    auto fs = check(text);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].message ==
          "170 ft descent is above its cap of 160 ft (previous week 0 ft +10%, or 16 ft per mi of the week's 10.0 "
          "mi)");
    auto grow = "[runner]\nunits = \"mi\"\n" + run("2026-11-02", 10) + run("2026-11-09", 11.5);
    REQUIRE(check(grow).size() == 1);
    CHECK(check(grow)[0].message == "11.5 mi is 15% above 10.0 mi (cap 11.0 mi)");
}

TEST_CASE("running in phase 1 or 2 is too early, so is a hard run before clearance") {
    auto injury = std::string("[injury]\nonset = 2026-10-20\n");
    auto fs = check(injury + run("2026-11-02", 5));
    CHECK(ids(fs) == "running-too-early@4:2026-W45 ");
    CHECK(fs[0].message == "an easy run of 5.0 km on 2026-11-02 in phase 1 (settle): running starts in phase 3 with "
                           "run-walk");
    auto hard = injury + "\n[[checkin]]\ndate = 2026-10-20\nwalking_pain = false\nstairs_pain = false\n"
                         "exercise_pain = false\n" +
                run("2026-11-02", 5, "kind = \"tempo\"\nduration = 30\npain = 0\npain_after = 0\n");
    auto hf = check(hard);
    CHECK(ids(hf) == "run-walk-ahead@10:2026-W45 hard-too-early@10:2026-W45 ");
}

TEST_CASE("a run while referred is both too early and a red flag") {
    auto text = "\n[[checkin]]\ndate = 2026-11-02\ngiving_way = true\n" + run("2026-11-04", 5);
    auto fs = check(text);
    CHECK(ids(fs) == "red-flag@2:2026-W45 running-too-early@6:2026-W45 red-flag@6:2026-W45 ");
    CHECK(fs[0].message == "the knee giving way on 2026-11-02: stop self-managing and see a sports-medicine "
                           "clinician");
}

TEST_CASE("downhill is locked in phase 3 and open in prevention mode") {
    auto phase3 = std::string("[injury]\nonset = 2026-10-01\n") +
                  "\n[[checkin]]\ndate = 2026-10-20\nwalking_pain = false\nstairs_pain = false\n"
                  "exercise_pain = false\n" +
                  run("2026-11-02", 2.5, "kind = \"run-walk\"\nrun_walk = [1, 1]\ndescent = 20\npain = 0\n"
                                         "pain_after = 0\n");
    auto fs = check(phase3);
    CHECK(ids(fs) == "downhill-locked@10:2026-W45 ");
    CHECK(fs[0].message == "20 m descent and 0.0 km downhill on 2026-11-02 while downhill is locked (phase 3 "
                           "(run-walk))");
}

TEST_CASE("a pain signal warns, a pullback week above 70% of the last pain-free week is an error") {
    auto text = run("2026-10-19", 20, "pain = 0\npain_after = 0\n") + run("2026-10-26", 20, "pain_after = 2\n") +
                run("2026-11-02", 15);
    auto fs = check(text);
    CHECK(ids(fs) == "pain-signal@8:2026-W44 pullback-ignored@13:2026-W45 ");
    CHECK(fs[1].message == "15.0 km in a pullback week, above its cap of 14.0 km (70% of 20.0 km)");
    CHECK(fs[0].severity == Severity::warning);
    // 14 km is within the pullback.
    CHECK(ids(check(run("2026-10-19", 20) + run("2026-10-26", 20, "pain_after = 2\n") + run("2026-11-02", 14))) ==
          "pain-signal@6:2026-W44 ");
}

TEST_CASE("acwr above 1.5 warns and above 1.3 informs, only with four earlier weeks") {
    std::string base = run("2026-10-12", 10) + run("2026-10-19", 10) + run("2026-10-26", 10) + run("2026-11-02", 10);
    // W46 at 11: +10%, acwr 1.1 — nothing.
    CHECK(ids(check(base + run("2026-11-09", 11))) == "");
    // A restart after a break: no baseline, but the 4-week mean exists.
    std::string spiky = run("2026-10-05", 30) + run("2026-10-12", 30) + run("2026-10-19", 2) + run("2026-10-26", 2) +
                        run("2026-11-02", 2);
    auto fs = check(spiky + run("2026-11-09", 16));
    bool high = false;
    for (const auto& f : fs)
        if (f.id == "acwr-high") {
            high = true;
            CHECK(f.severity == Severity::warning);
            CHECK(f.message == "acute:chronic ratio 1.78 is above 1.50 (16.0 km against a 4-week mean of 9.0 km)");
        }
    CHECK(high);
}

TEST_CASE("a shoe warns at 600 km (info) and at 800 km (warning), counting its initial distance") {
    auto text = "\n[[shoe]]\nname = \"old\"\ninitial = 590\n" + run("2026-11-02", 15, "shoe = \"old\"\n") +
                run("2026-11-09", 15, "shoe = \"old\"\n");
    auto fs = check(text);
    CHECK(ids(fs) == "shoe-worn@6:2026-W45 ");
    CHECK(fs[0].severity == Severity::info);
    CHECK(fs[0].message == "shoe \"old\" has 605 km, past 600 km: plan its replacement");
    // A retired shoe is not checked up to its retirement; a run in it after that is.
    auto retired = "\n[[shoe]]\nname = \"old\"\ninitial = 700\nretired = 2026-10-01\n" +
                   run("2026-09-28", 150, "shoe = \"old\"\n");
    CHECK(ids(check(retired)) == "");
    auto after = check(retired + run("2026-11-02", 15, "shoe = \"old\"\n"));
    CHECK(ids(after) == "shoe-worn@12:2026-W45 ");
    CHECK(after[0].severity == Severity::warning);
    CHECK(after[0].message == "shoe \"old\" has 865 km, past its limit of 800 km: replace it");
}

TEST_CASE("training logged before the injury's onset is judged as a healthy runner's") {
    auto text = std::string("[injury]\nonset = 2026-10-15\n") + run("2026-10-01", 8, "descent = 50\n") +
                run("2026-10-08", 8, "kind = \"tempo\"\n") + run("2026-10-16", 3);
    auto fs = check(text);
    // W40's descent is above prevention mode's intro allowance (a warning, as without an
    // injury); the tempo run is fine; the run after the onset is in phase 1.
    CHECK(ids(fs) == "downhill-increase@4:2026-W40 running-too-early@14:2026-W42 ");
    CHECK(fs[0].severity == Severity::warning);
}

TEST_CASE("no improvement is reported for an [injury] with nothing logged since") {
    auto fs = check("[injury]\nonset = 2026-09-01\n");
    CHECK(ids(fs) == "no-improvement@1:2026-W42 ");
    CHECK(fs[0].date == *Date::parse("2026-10-13"));
    CHECK(check("[injury]\nonset = 2026-11-01\n").empty());  // not yet six weeks
}

TEST_CASE("no improvement after six weeks of treatment is a warning") {
    auto text = std::string("[injury]\nonset = 2026-09-01\n") + "\n[[checkin]]\ndate = 2026-09-02\npain = 4\n" +
                "\n[[checkin]]\ndate = 2026-11-10\npain = 4\n";
    auto fs = check(text);
    CHECK(ids(fs) == "no-improvement@1:2026-W42 no-improvement@8:2026-W46 ");
}

TEST_CASE("judge_next_week caps the week after today's by the current week as logged so far") {
    auto h = load_ok(run("2026-11-09", 20) + run("2026-11-17", 10));
    auto ok = judge_next_week(h, today, 11, 0, 0);
    CHECK(ok.week == "2026-W48");
    CHECK(ok.ok);
    REQUIRE(ok.caps.distance);
    // Prevention: max(10 logged this week, mean(20, 10) = 15) = 15; cap 16.5.
    CHECK(*ok.caps.distance == doctest::Approx(16.5));
    auto no = judge_next_week(h, today, 17, 0, 0);
    CHECK_FALSE(no.ok);
    CHECK(no.reasons == std::vector<std::string>{"17.0 km is above the cap of 16.5 km"});
}
