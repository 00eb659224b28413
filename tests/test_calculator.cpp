#include <doctest/doctest.h>

#include "rkplan/calculator.hpp"

using namespace rkplan;

namespace {

Date d(const char* s) { return *Date::parse(s); }

// What a week of the plan holds, for comparing two plans.
struct Row {
    std::string week;
    std::optional<Phase> phase;
    std::optional<int> step;
    std::optional<double> cap;
    double downhill = 0, descent = 0;
    int run_days = 0;
    bool hard = false;
    bool operator==(const Row&) const = default;
};

std::vector<Row> rows(const Plan& p) {
    std::vector<Row> out;
    for (const auto& w : p.weeks)
        out.push_back({w.week, w.phase, w.step, w.distance_cap, w.downhill_cap, w.descent_cap, w.run_days, w.hard_allowed});
    return out;
}

std::vector<double> caps(const Plan& p) {
    std::vector<double> out;
    for (const auto& w : p.weeks) out.push_back(w.distance_cap.value_or(-1));
    return out;
}

}  // namespace

TEST_CASE("the calculator's weeks equal the planner's for a history written by hand in the same state") {
    // 25 km a week for 4 weeks, goal 40: what a runner would write in their file.
    std::string text = "[runner]\ngoal_weekly = 40.0\n";
    for (const char* week : {"2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09"}) {
        auto monday = d(week);
        for (auto [day, km] : {std::pair{0, "8.4"}, {2, "8.3"}, {4, "8.3"}})
            text += "[[run]]\ndate = " + (monday + day).to_string() + "\ndistance = " + km + "\npain = 0\npain_after = 0\n";
    }
    auto loaded = load_history(text, "by-hand.toml", d("2026-11-21"));
    REQUIRE(loaded.ok());
    auto by_hand = make_plan(*loaded.history, d("2026-11-21"), 8);

    CalculatorInput in;
    in.weekly_distance = 25;
    in.goal = 40;
    auto built = calculator_history(in, d("2026-11-21"));
    REQUIRE(built.history);
    auto calculated = calculator_plan(*built.history, d("2026-11-21"), 8);
    CHECK(rows(calculated) == rows(by_hand));
    CHECK(caps(calculated) == std::vector<double>{27.5, 30.2, 33.2, 36.5, 40.0, 40.0, 40.0, 40.0});
}

TEST_CASE("the calculator in miles with a 5% increase and no goal keeps growing 5% a week") {
    CalculatorInput in;
    in.weekly_distance = 20;
    in.units = Units::mi;
    in.max_weekly_increase = 0.05;
    auto built = calculator_history(in, d("2026-11-21"));
    REQUIRE(built.history);
    auto plan = calculator_plan(*built.history, d("2026-11-21"), 4);
    CHECK(plan.units == Units::mi);
    CHECK(caps(plan) == std::vector<double>{21.0, 22.0, 23.1, 24.2});
}

TEST_CASE("the calculator in phase 4 plans from a rebuilt distance like the planner, without a made-up timeline") {
    CalculatorInput in;
    in.weekly_distance = 20;
    in.goal = 40;
    in.start = CalculatorStart::rebuild;
    auto built = calculator_history(in, d("2026-11-21"));
    REQUIRE(built.history);
    CHECK(built.history->runner.goal_weekly == 40.0);
    auto plan = calculator_plan(*built.history, d("2026-11-21"), 8);
    CHECK(plan.mode == Mode::injury);
    CHECK(plan.phase == Phase::rebuild);
    CHECK_FALSE(plan.timeline_from);
    CHECK(caps(plan) == std::vector<double>{22.0, 24.2, 26.6, 29.2, 32.1, 35.3, 38.8, 40.0});
    CHECK(rows(plan) == rows(make_plan(*built.history, d("2026-11-21"), 8)));
    // The 4 weeks before today's each hold the distance asked for.
    double last_weeks = 0;
    for (const auto& r : built.history->runs)
        if (r.date >= d("2026-10-19") && r.date < d("2026-11-16")) last_weeks += r.distance;
    CHECK(last_weeks == doctest::Approx(80.0));
}

TEST_CASE("the calculator refuses a state it cannot build, saying which option") {
    CalculatorInput in;
    in.weekly_distance = 0;
    CHECK(calculator_history(in, d("2026-11-21")).error == "--from 0: expected a weekly distance above 0 and at most 1000 km");
    in.weekly_distance = 25;
    in.max_weekly_increase = 0.7;
    CHECK(calculator_history(in, d("2026-11-21")).error ==
          "--increase 0.7: expected a share from 0 to 0.5, such as 0.10 for 10%");
    in.max_weekly_increase = 0;
    in.start = CalculatorStart::rebuild;
    CHECK_FALSE(calculator_history(in, d("2026-11-21")).history);
}
