#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "rkplan/weeks.hpp"

using namespace rkplan;

namespace {

constexpr double eps = 1e-6;

Date date(const char* iso) { return *Date::parse(iso); }

/// A Monday: the first day of ISO week 2026-W02.
const Date monday = date("2026-01-05");

/// The last day (Sunday) of the `n`-th Monday-start week counted from `monday`.
Date end_of_week(int n) { return monday + 7 * n + 6; }

Run run_on(Date d, double distance) {
    Run r;
    r.date = d;
    r.distance = distance;
    return r;
}

Run timed_run(Date d, double distance, std::optional<double> duration, std::optional<double> rpe) {
    Run r = run_on(d, distance);
    r.duration = duration;
    r.rpe = rpe;
    return r;
}

Cross cross_on(Date d, std::optional<double> duration, std::optional<double> rpe) {
    Cross c;
    c.date = d;
    c.duration = duration;
    c.rpe = rpe;
    return c;
}

Checkin checkin_on(Date d) {
    Checkin c;
    c.date = d;
    return c;
}

/// One run a week on its Monday, from `monday`; a 0 leaves the week without runs. A
/// check-in on the first Monday anchors the first week even when it has no run.
History weekly(const std::vector<double>& distances) {
    History h;
    h.checkins.push_back(checkin_on(monday));
    for (std::size_t i = 0; i < distances.size(); ++i)
        if (distances[i] > 0) h.runs.push_back(run_on(monday + 7 * static_cast<int>(i), distances[i]));
    return h;
}

History injured(History h) {
    h.injury = Injury{monday, monday, std::nullopt, SourcePos{}};
    return h;
}

/// compute_weeks up to the Sunday of the last of `distances`' weeks.
WeeksReport weekly_report(const History& h, std::size_t n_weeks) {
    return compute_weeks(h, end_of_week(static_cast<int>(n_weeks) - 1));
}

}  // namespace

// ---- monotony_of ---------------------------------------------------------------------

TEST_CASE("monotony is the mean over the population standard deviation of the daily loads") {
    // mean = 140 / 7 = 20; deviations -15 -5 0 0 0 5 15; squares sum 500;
    // sd = sqrt(500 / 7) = 8.45154; monotony = 20 / 8.45154 = 2.36643
    auto m = monotony_of({5, 15, 20, 20, 20, 25, 35});
    REQUIRE(m);
    CHECK(*m == doctest::Approx(2.36643).epsilon(1e-5));
}

TEST_CASE("monotony is absent when every daily load is zero") {
    CHECK_FALSE(monotony_of({0, 0, 0, 0, 0, 0, 0}));
    CHECK_FALSE(monotony_of({}));
}

TEST_CASE("identical non-zero daily loads give the maximum monotony, not infinity") {
    auto m = monotony_of({4, 4, 4, 4, 4, 4, 4});
    REQUIRE(m);
    CHECK(*m == max_monotony);
}

TEST_CASE("monotony is capped at 10") {
    // mean = 71 / 7 = 10.142857; squares sum 6 * 0.142857^2 + 0.857143^2 = 0.857143;
    // sd = sqrt(0.857143 / 7) = 0.349927; 10.142857 / 0.349927 = 28.99 -> capped at 10
    auto m = monotony_of({10, 10, 10, 10, 10, 10, 11});
    REQUIRE(m);
    CHECK(*m == max_monotony);
}

TEST_CASE("a single run in a week gives monotony 1/sqrt(6)") {
    // mean = x/7; sd = sqrt((x^2 (6/7)^2 + 6 x^2 / 49) / 7) = x sqrt(6) / 7; ratio = 1/sqrt(6)
    auto m = monotony_of({0, 0, 12, 0, 0, 0, 0});
    REQUIRE(m);
    CHECK(*m == doctest::Approx(1 / std::sqrt(6.0)).epsilon(eps));
}

// ---- the range of weeks --------------------------------------------------------------

TEST_CASE("a history without entries has no weeks") {
    History h;
    auto r = compute_weeks(h, monday);
    CHECK(r.weeks.empty());
    CHECK(r.prevention);
    CHECK(r.today == monday);
}

TEST_CASE("weeks run from the week of the first entry of any kind to the week of today") {
    History h;
    h.checkins.push_back(checkin_on(date("2026-01-07")));  // Wednesday of 2026-W02
    h.runs.push_back(run_on(date("2026-01-21"), 5));        // Wednesday of 2026-W04
    auto r = compute_weeks(h, date("2026-01-27"));          // Tuesday of 2026-W05
    REQUIRE(r.weeks.size() == 4);
    CHECK(r.weeks[0].start == date("2026-01-05"));
    CHECK(r.weeks[0].name == "2026-W02");
    CHECK(r.weeks[1].name == "2026-W03");
    CHECK(r.weeks[2].name == "2026-W04");
    CHECK(r.weeks[3].start == date("2026-01-26"));
    CHECK(r.weeks[3].name == "2026-W05");
}

TEST_CASE("a today before the week of the first entry gives no weeks") {
    History h;
    h.runs.push_back(run_on(date("2026-01-14"), 5));
    CHECK(compute_weeks(h, date("2026-01-11")).weeks.empty());
    CHECK(compute_weeks(h, date("2026-01-12")).weeks.size() == 1);
}

TEST_CASE("entries after the week of today fall outside the report") {
    History h;
    h.runs = {run_on(date("2026-01-05"), 5), run_on(date("2026-01-12"), 9)};
    h.cross = {cross_on(date("2026-01-13"), 30.0, 5.0)};
    WeekTotal t;
    t.start = date("2026-01-20");
    t.distance = 40;
    h.weeks = {t};
    auto r = compute_weeks(h, date("2026-01-11"));
    REQUIRE(r.weeks.size() == 1);
    CHECK(r.weeks[0].distance == 5);
    CHECK(r.weeks[0].run_indices == std::vector<std::size_t>{0});
    CHECK_FALSE(r.weeks[0].load);
}

TEST_CASE("weeks in a gap exist as zero weeks with nothing logged") {
    History h;
    h.runs.push_back(run_on(date("2026-01-06"), 8));
    h.runs.push_back(run_on(date("2026-01-27"), 6));
    auto r = compute_weeks(h, date("2026-01-27"));
    REQUIRE(r.weeks.size() == 4);
    for (std::size_t w : {std::size_t{1}, std::size_t{2}}) {
        const auto& wk = r.weeks[w];
        CHECK(wk.distance == 0);
        CHECK(wk.runs == 0);
        CHECK(wk.long_run == 0.0);
        CHECK(wk.descent == 0);
        CHECK(wk.downhill == 0);
        CHECK(wk.hard == 0);
        CHECK_FALSE(wk.pain);
        CHECK_FALSE(wk.pain_after);
        CHECK_FALSE(wk.load);
        CHECK_FALSE(wk.monotony);
        CHECK_FALSE(wk.strain);
        CHECK_FALSE(wk.from_totals);
        CHECK(wk.run_indices.empty());
    }
    CHECK(r.weeks[3].distance == 6);
}

TEST_CASE("a Sunday week start files Sunday into the next week and names it by its Monday") {
    History h;
    h.runner.week_start = WeekStart::sunday;
    h.runs.push_back(run_on(date("2026-01-04"), 5));   // Sunday
    h.runs.push_back(run_on(date("2026-01-10"), 7));   // the Saturday after
    h.runs.push_back(run_on(date("2026-01-11"), 9));   // Sunday: a new week
    auto r = compute_weeks(h, date("2026-01-11"));
    REQUIRE(r.weeks.size() == 2);
    CHECK(r.weeks[0].start == date("2026-01-04"));
    CHECK(r.weeks[0].name == "2026-W02");
    CHECK(r.weeks[0].distance == 12);
    CHECK(r.weeks[1].start == date("2026-01-11"));
    CHECK(r.weeks[1].name == "2026-W03");
    CHECK(r.weeks[1].distance == 9);

    // With a Monday start that Sunday closes 2025-12-29 (ISO week 2026-W01), and the next
    // Sunday closes 2026-W02 together with the Saturday before it.
    h.runner.week_start = WeekStart::monday;
    auto m = compute_weeks(h, date("2026-01-11"));
    REQUIRE(m.weeks.size() == 2);
    CHECK(m.weeks[0].start == date("2025-12-29"));
    CHECK(m.weeks[0].name == "2026-W01");
    CHECK(m.weeks[0].distance == 5);
    CHECK(m.weeks[1].name == "2026-W02");
    CHECK(m.weeks[1].distance == 16);  // 7 + 9
}

// ---- run weeks -----------------------------------------------------------------------

TEST_CASE("a run week sums distance, descent and downhill, counts runs and hard runs") {
    History h;
    Run a = run_on(date("2026-01-05"), 8);
    a.descent = 120;
    a.downhill = 1.5;
    a.kind = RunKind::tempo;
    Run b = run_on(date("2026-01-07"), 14);  // no descent or downhill logged: counts 0
    b.kind = RunKind::long_run;
    Run c = run_on(date("2026-01-09"), 5);
    c.descent = 40;
    c.kind = RunKind::intervals;
    Run d = run_on(date("2026-01-10"), 6);
    d.kind = RunKind::race;
    Run e = run_on(date("2026-01-11"), 3);
    e.kind = RunKind::hills;
    Run f = run_on(date("2026-01-11"), 2);
    f.kind = RunKind::run_walk;
    h.runs = {a, b, c, d, e, f};
    auto r = compute_weeks(h, date("2026-01-11"));
    REQUIRE(r.weeks.size() == 1);
    const auto& wk = r.weeks[0];
    CHECK(wk.distance == doctest::Approx(38));  // 8 + 14 + 5 + 6 + 3 + 2
    CHECK(wk.runs == 6);
    CHECK(wk.long_run == 14.0);
    CHECK(wk.descent == doctest::Approx(160));   // 120 + 40
    CHECK(wk.downhill == doctest::Approx(1.5));
    CHECK(wk.hard == 4);                         // tempo, intervals, race, hills
    CHECK_FALSE(wk.from_totals);
    CHECK_FALSE(wk.totals_pos);
}

TEST_CASE("pain and pain_after are the worst logged, each absent when none logged it") {
    History h;
    Run a = run_on(date("2026-01-05"), 5);
    a.pain = 2;
    Run b = run_on(date("2026-01-06"), 5);
    b.pain = 4;
    Run c = run_on(date("2026-01-07"), 5);
    c.pain = 0;
    h.runs = {a, b, c};
    h.runs.push_back(run_on(date("2026-01-12"), 5));  // next week: nothing logged
    auto r = compute_weeks(h, date("2026-01-12"));
    REQUIRE(r.weeks.size() == 2);
    CHECK(r.weeks[0].pain == 4.0);
    CHECK_FALSE(r.weeks[0].pain_after);
    CHECK_FALSE(r.weeks[1].pain);
    CHECK_FALSE(r.weeks[1].pain_after);

    h.runs[2].pain_after = 3;
    r = compute_weeks(h, date("2026-01-12"));
    CHECK(r.weeks[0].pain_after == 3.0);
}

TEST_CASE("a week's run indices follow date order, then file order within a day") {
    History h;
    h.runs = {run_on(date("2026-01-08"), 1), run_on(date("2026-01-06"), 2), run_on(date("2026-01-13"), 3),
              run_on(date("2026-01-08"), 4), run_on(date("2026-01-05"), 5)};
    auto r = compute_weeks(h, date("2026-01-13"));
    REQUIRE(r.weeks.size() == 2);
    CHECK(r.weeks[0].run_indices == std::vector<std::size_t>{4, 1, 0, 3});
    CHECK(r.weeks[1].run_indices == std::vector<std::size_t>{2});
}

TEST_CASE("miles pass through unchanged and the report carries its units and basis") {
    History h;
    h.runner.units = Units::mi;
    h.rules = Rules::defaults_for(Units::mi);
    Run a = run_on(date("2026-01-05"), 6.2);
    a.descent = 300;  // feet
    h.runs = {a, run_on(date("2026-01-07"), 3.1)};
    auto r = compute_weeks(h, date("2026-01-07"));
    CHECK(r.units == Units::mi);
    CHECK(r.load_basis == LoadBasis::distance);
    REQUIRE(r.weeks.size() == 1);
    CHECK(r.weeks[0].distance == doctest::Approx(9.3));
    CHECK(r.weeks[0].long_run == doctest::Approx(6.2));
    CHECK(r.weeks[0].descent == 300);
}

TEST_CASE("an injury turns prevention mode off") {
    auto r = weekly_report(injured(weekly({10})), 1);
    CHECK_FALSE(r.prevention);
    CHECK(weekly_report(weekly({10}), 1).prevention);
}

// ---- change and its baseline ---------------------------------------------------------

TEST_CASE("the first week has no baseline and no change") {
    auto r = weekly_report(weekly({20}), 1);
    CHECK_FALSE(r.weeks[0].baseline);
    CHECK_FALSE(r.weeks[0].change);
}

TEST_CASE("change is measured against the previous week's distance") {
    auto r = weekly_report(injured(weekly({20, 22})), 2);
    CHECK(r.weeks[1].baseline == 20.0);
    CHECK(*r.weeks[1].change == doctest::Approx(0.1).epsilon(eps));  // 22 / 20 - 1
}

TEST_CASE("a zero week is a change of -100% from the week before") {
    auto r = weekly_report(injured(weekly({20, 0})), 2);
    CHECK(r.weeks[1].baseline == 20.0);
    CHECK(*r.weeks[1].change == doctest::Approx(-1.0));
}

TEST_CASE("after a zero week the baseline is the last non-zero week within 4") {
    // weeks 10, 20, 0, 0, 30: the nearest non-zero week before the break is 20 (w-3), not 10
    auto r = weekly_report(injured(weekly({10, 20, 0, 0, 30})), 5);
    CHECK(r.weeks[4].baseline == 20.0);
    CHECK(*r.weeks[4].change == doctest::Approx(0.5).epsilon(eps));  // 30 / 20 - 1

    // Four weeks back still counts: 20, 0, 0, 0, 30.
    r = weekly_report(injured(weekly({20, 0, 0, 0, 30})), 5);
    CHECK(r.weeks[4].baseline == 20.0);
    CHECK(*r.weeks[4].change == doctest::Approx(0.5).epsilon(eps));
    // In prevention mode the 4-week mean (20 + 0 + 0 + 0) / 4 = 5 is lower: still 20.
    r = weekly_report(weekly({20, 0, 0, 0, 30}), 5);
    CHECK(r.weeks[4].baseline == 20.0);
}

TEST_CASE("there is no baseline after a 5-week break: a restart") {
    for (bool injury : {true, false}) {
        History h = weekly({20, 0, 0, 0, 0, 30});
        if (injury) h = injured(h);
        auto r = weekly_report(h, 6);
        CHECK_FALSE(r.weeks[5].baseline);
        CHECK_FALSE(r.weeks[5].change);
        CHECK(r.weeks[4].baseline == 20.0);  // the last zero week still reaches the 20 (w-4)
    }
}

TEST_CASE("prevention mode measures a return from a cut-back week against the 4-week mean") {
    // 30, 30, 30, 20 then 30: injury mode measures against last week's 20 (+50%);
    // prevention against max(20, (30 + 30 + 30 + 20) / 4 = 27.5) = 27.5 (30 / 27.5 - 1 = +9.09%)
    auto inj = weekly_report(injured(weekly({30, 30, 30, 20, 30})), 5);
    CHECK(inj.weeks[4].baseline == 20.0);
    CHECK(*inj.weeks[4].change == doctest::Approx(0.5).epsilon(eps));
    auto prev = weekly_report(weekly({30, 30, 30, 20, 30}), 5);
    CHECK(*prev.weeks[4].baseline == doctest::Approx(27.5).epsilon(eps));
    CHECK(*prev.weeks[4].change == doctest::Approx(0.0909091).epsilon(eps));
}

TEST_CASE("with fewer than 4 earlier weeks the prevention mean is over those that exist") {
    // 30, 10 then 20: previous week 10; mean (30 + 10) / 2 = 20 -> baseline 20, change 0
    auto prev = weekly_report(weekly({30, 10, 20}), 3);
    CHECK(*prev.weeks[2].baseline == doctest::Approx(20).epsilon(eps));
    CHECK(*prev.weeks[2].change == doctest::Approx(0.0));
    auto inj = weekly_report(injured(weekly({30, 10, 20})), 3);
    CHECK(inj.weeks[2].baseline == 10.0);
    CHECK(*inj.weeks[2].change == doctest::Approx(1.0).epsilon(eps));
}

// ---- acwr ----------------------------------------------------------------------------

TEST_CASE("acwr is absent with fewer than 4 earlier weeks and computed with 4") {
    // 10, 20, 30, 40, 50: week 5 is 50 / ((10 + 20 + 30 + 40) / 4 = 25) = 2.0
    auto r = weekly_report(weekly({10, 20, 30, 40, 50}), 5);
    for (std::size_t w = 0; w < 4; ++w) CHECK_FALSE(r.weeks[w].acwr);
    REQUIRE(r.weeks[4].acwr);
    CHECK(*r.weeks[4].acwr == doctest::Approx(2.0).epsilon(eps));
}

TEST_CASE("acwr is absent when the previous 4 weeks are all zero") {
    // 0, 0, 0, 0, 10, 10: week 5 has a zero chronic mean; week 6 is 10 / (10 / 4) = 4
    auto r = weekly_report(weekly({0, 0, 0, 0, 10, 10}), 6);
    CHECK_FALSE(r.weeks[4].acwr);
    REQUIRE(r.weeks[5].acwr);
    CHECK(*r.weeks[5].acwr == doctest::Approx(4.0).epsilon(eps));
}

// ---- the daily series ----------------------------------------------------------------

TEST_CASE("acwr_ewma is read on a week's last day, and on today in the current week") {
    // One run of 10 on day 0, then nothing; today is the Wednesday of week 2 (day 9).
    // acute_t = 10 * 0.75^t (λ = 2/8), chronic_t = 10 * (27/29)^t (λ = 2/29), both from 10,
    // so acute/chronic = (0.75 * 29 / 27)^t = 0.805556^t:
    // week 1 (day 6): 0.805556^6 = 0.273258; week 2 (today, day 9): 0.805556^9 = 0.142843
    History h;
    h.runs.push_back(run_on(monday, 10));
    auto r = compute_weeks(h, monday + 9);
    REQUIRE(r.weeks.size() == 2);
    CHECK(*r.weeks[0].acwr_ewma == doctest::Approx(0.273258).epsilon(eps));
    CHECK(*r.weeks[1].acwr_ewma == doctest::Approx(0.142843).epsilon(eps));
}

TEST_CASE("acwr_ewma is absent while the chronic average is zero") {
    // A check-in opens week 1 with no running; a run of 10 on the Monday of week 2 (day 7):
    // acute = 0.25 * 10 = 2.5, chronic = (2/29) * 10 = 0.689655, ratio = 29 / 8 = 3.625
    History h;
    h.checkins.push_back(checkin_on(monday));
    h.runs.push_back(run_on(monday + 7, 10));
    auto r = compute_weeks(h, monday + 7);
    REQUIRE(r.weeks.size() == 2);
    CHECK_FALSE(r.weeks[0].acwr_ewma);
    CHECK(*r.weeks[1].acwr_ewma == doctest::Approx(3.625).epsilon(eps));
}

TEST_CASE("ctl, atl, tsb and ramp follow the impulse-response model") {
    // One run of 10 on day 0. With a = e^(-1/42), b = e^(-1/7):
    // ctl_t = 10 (1 - a) a^t, atl_t = 10 (1 - b) b^t; tsb_t = ctl_{t-1} - atl_{t-1}.
    // Week 1 (day 6): ctl = 0.203962, atl = 0.564934, tsb = ctl_5 - atl_5 = -0.442812,
    //   ramp = ctl_6 - 0 (before the series) = 0.203962.
    // Week 2 read on today, day 9: ctl = 0.189901, atl = 0.368020, tsb = ctl_8 - atl_8 = -0.230058,
    //   ramp = ctl_9 - ctl_2 = -0.034441.
    History h;
    h.runs.push_back(run_on(monday, 10));
    auto r = compute_weeks(h, monday + 9);
    REQUIRE(r.weeks.size() == 2);
    CHECK(*r.weeks[0].ctl == doctest::Approx(0.203962).epsilon(eps));
    CHECK(*r.weeks[0].atl == doctest::Approx(0.564934).epsilon(eps));
    CHECK(*r.weeks[0].tsb == doctest::Approx(-0.442812).epsilon(eps));
    CHECK(*r.weeks[0].ramp == doctest::Approx(0.203962).epsilon(eps));
    CHECK(*r.weeks[1].ctl == doctest::Approx(0.189901).epsilon(eps));
    CHECK(*r.weeks[1].atl == doctest::Approx(0.368020).epsilon(eps));
    CHECK(*r.weeks[1].tsb == doctest::Approx(-0.230058).epsilon(eps));
    CHECK(*r.weeks[1].ramp == doctest::Approx(-0.034441).epsilon(eps));
}

TEST_CASE("tsb on the series' first day is 0") {
    History h;
    h.runs.push_back(run_on(monday, 10));
    auto r = compute_weeks(h, monday);
    REQUIRE(r.weeks.size() == 1);
    CHECK(*r.weeks[0].tsb == 0.0);
    // ctl_0 = 10 (1 - e^(-1/42)) = 0.235283; atl_0 = 10 (1 - e^(-1/7)) = 1.331221
    CHECK(*r.weeks[0].ctl == doctest::Approx(0.235283).epsilon(eps));
    CHECK(*r.weeks[0].atl == doctest::Approx(1.331221).epsilon(eps));
}

TEST_CASE("monotony and strain of a run week come from its 7 daily distances") {
    // Daily 5, 15, 20, 20, 20, 25, 35: weekly 140, monotony 2.36643, strain 140 * 2.36643 = 331.300
    History h;
    const double daily[] = {5, 15, 20, 20, 20, 25, 35};
    for (int d = 0; d < 7; ++d) h.runs.push_back(run_on(monday + d, daily[d]));
    auto r = compute_weeks(h, end_of_week(0));
    REQUIRE(r.weeks.size() == 1);
    CHECK(r.weeks[0].distance == 140);
    CHECK(*r.weeks[0].monotony == doctest::Approx(2.36643).epsilon(1e-5));
    CHECK(*r.weeks[0].strain == doctest::Approx(331.300).epsilon(1e-5));
}

TEST_CASE("two runs on one day add up to that day's load") {
    // Days 10+10, 0, ... : same as one run of 20 -> monotony 1/sqrt(6) = 0.408248, strain 20 * that
    History h;
    h.runs = {run_on(monday, 10), run_on(monday, 10)};
    auto r = compute_weeks(h, monday);
    CHECK(*r.weeks[0].monotony == doctest::Approx(0.408248).epsilon(eps));
    CHECK(*r.weeks[0].strain == doctest::Approx(8.164966).epsilon(eps));
}

// ---- session-RPE ---------------------------------------------------------------------

TEST_CASE("load sums duration x rpe over runs and cross-training that log both") {
    // 30 min x rpe 4 = 120 (run) + 60 min x rpe 3 = 180 (cross) = 300; the others lack a factor
    History h;
    h.runs = {timed_run(monday, 5, 30.0, 4.0), timed_run(monday + 1, 10, 50.0, std::nullopt)};
    h.cross = {cross_on(monday + 2, 60.0, 3.0), cross_on(monday + 3, std::nullopt, 5.0)};
    auto r = compute_weeks(h, monday + 6);
    REQUIRE(r.weeks.size() == 1);
    CHECK(*r.weeks[0].load == doctest::Approx(300));
    // Under the distance basis nothing is reported missing.
    CHECK(r.weeks[0].srpe_missing == 0);
}

TEST_CASE("load is absent when no session logs both duration and rpe") {
    History h;
    h.runs = {timed_run(monday, 5, 30.0, std::nullopt)};
    h.cross = {cross_on(monday + 2, std::nullopt, 3.0)};
    auto r = compute_weeks(h, monday + 6);
    CHECK_FALSE(r.weeks[0].load);
}

TEST_CASE("the srpe basis builds the daily series from duration x rpe and counts what is missing") {
    // Days: 120 (run 30 x 4), 0 (run without rpe: missing), 180 (cross 60 x 3), 0 (cross without
    // duration: missing), 0, 0, 0.
    // mean = 300/7 = 42.857; sd = sqrt((77.143^2 + 42.857^2 * 5 + 137.143^2) / 7) = 69.634;
    // monotony = 0.6154575; strain = 300 * 0.6154575 = 184.63724.
    // ctl on day 6 = (1 - a)(120 a^6 + 180 a^4), a = e^(-1/42): 6.297906
    History h;
    h.rules.load_basis = LoadBasis::srpe;
    h.runs = {timed_run(monday, 5, 30.0, 4.0), timed_run(monday + 1, 10, 50.0, std::nullopt)};
    h.cross = {cross_on(monday + 2, 60.0, 3.0), cross_on(monday + 3, std::nullopt, 5.0)};
    auto r = compute_weeks(h, monday + 6);
    CHECK(r.load_basis == LoadBasis::srpe);
    REQUIRE(r.weeks.size() == 1);
    const auto& wk = r.weeks[0];
    CHECK(wk.srpe_missing == 2);
    CHECK(*wk.load == doctest::Approx(300));
    CHECK(wk.distance == 15);  // distance is still distance
    CHECK(*wk.monotony == doctest::Approx(0.615457).epsilon(eps));
    CHECK(*wk.strain == doctest::Approx(184.63724).epsilon(eps));
    CHECK(*wk.ctl == doctest::Approx(6.297906).epsilon(eps));
}

// ---- [[week]] totals -----------------------------------------------------------------

TEST_CASE("a [[week]] total files its week with the totals as given") {
    History h;
    WeekTotal t;
    t.start = monday + 2;  // any day of the week files it
    t.distance = 42;
    t.long_run = 15;
    t.hard_sessions = 2;
    t.pain = 1;
    t.pos = SourcePos{7, 1};
    h.weeks = {t};
    auto r = compute_weeks(h, end_of_week(0));
    REQUIRE(r.weeks.size() == 1);
    const auto& wk = r.weeks[0];
    CHECK(wk.start == monday);
    CHECK(wk.from_totals);
    CHECK(wk.totals_pos == SourcePos{7, 1});
    CHECK(wk.distance == 42);
    CHECK_FALSE(wk.runs);
    CHECK(wk.long_run == 15.0);
    CHECK(wk.descent == 0);
    CHECK(wk.downhill == 0);
    CHECK(wk.hard == 2);
    CHECK(wk.pain == 1.0);
    CHECK_FALSE(wk.pain_after);
    CHECK(wk.run_indices.empty());
}

TEST_CASE("a [[week]] total without long_run or hard_sessions leaves long_run absent and hard 0") {
    History h;
    WeekTotal t;
    t.start = monday;
    t.distance = 20;
    t.descent = 300;
    t.downhill = 2;
    h.weeks = {t};
    auto r = compute_weeks(h, monday);
    CHECK_FALSE(r.weeks[0].long_run);
    CHECK(r.weeks[0].hard == 0);
    CHECK(r.weeks[0].descent == 300);
    CHECK(r.weeks[0].downhill == 2);
}

TEST_CASE("[[week]] totals spread evenly over the daily series, with no monotony or strain") {
    // 70 over 7 days is 10 a day. ctl_6 = 10 (1 - a^7) = 1.535183, atl_6 = 10 (1 - b^7) = 6.321206,
    // tsb = 10 (1 - a^6) - 10 (1 - b^6) = -4.425051, ramp = ctl_6 = 1.535183; an even series has
    // acute = chronic = 10: acwr_ewma 1.
    History h;
    WeekTotal t;
    t.start = monday + 6;
    t.distance = 70;
    h.weeks = {t};
    h.runs.push_back(run_on(monday + 7, 77));  // the week after, from runs
    auto r = compute_weeks(h, monday + 7);
    REQUIRE(r.weeks.size() == 2);
    const auto& wk = r.weeks[0];
    CHECK(*wk.ctl == doctest::Approx(1.535183).epsilon(eps));
    CHECK(*wk.atl == doctest::Approx(6.321206).epsilon(eps));
    CHECK(*wk.tsb == doctest::Approx(-4.425051).epsilon(eps));
    CHECK(*wk.ramp == doctest::Approx(1.535183).epsilon(eps));
    CHECK(*wk.acwr_ewma == doctest::Approx(1.0).epsilon(eps));
    CHECK_FALSE(wk.monotony);
    CHECK_FALSE(wk.strain);
    // The following run week is measured against the total: 77 / 70 - 1 = +10%.
    CHECK(r.weeks[1].baseline == 70.0);
    CHECK(*r.weeks[1].change == doctest::Approx(0.1).epsilon(eps));
    CHECK(r.weeks[1].monotony);
}

TEST_CASE("under the srpe basis a [[week]] total adds nothing and counts as missing") {
    History h;
    h.rules.load_basis = LoadBasis::srpe;
    WeekTotal t;
    t.start = monday;
    t.distance = 70;
    h.weeks = {t};
    auto r = compute_weeks(h, end_of_week(0));
    REQUIRE(r.weeks.size() == 1);
    CHECK(r.weeks[0].srpe_missing == 1);
    CHECK_FALSE(r.weeks[0].load);
    CHECK(*r.weeks[0].ctl == 0.0);
    CHECK_FALSE(r.weeks[0].acwr_ewma);
}

// ---- scale ---------------------------------------------------------------------------

TEST_CASE("twenty years of almost daily running file every run once") {
    History h;
    const int days = 20 * 365;
    double total = 0;
    for (int d = 0; d < days; ++d) {
        if (d % 7 == 3) continue;  // a rest day each week
        double distance = 5 + d % 4;
        h.runs.push_back(run_on(monday + d, distance));
        total += distance;
    }
    auto r = compute_weeks(h, monday + days - 1);
    REQUIRE(r.weeks.size() == static_cast<std::size_t>((days + 6) / 7));
    double filed = 0;
    std::size_t runs = 0;
    for (const auto& wk : r.weeks) {
        filed += wk.distance;
        runs += wk.run_indices.size();
    }
    CHECK(runs == h.runs.size());
    CHECK(filed == doctest::Approx(total));
}
