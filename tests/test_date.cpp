#include <doctest/doctest.h>

#include "rkplan/date.hpp"

using namespace rkplan;

TEST_CASE("dates parse only as real YYYY-MM-DD days") {
    CHECK(Date::parse("2026-10-05")->to_string() == "2026-10-05");
    CHECK_FALSE(Date::parse("2026-02-30"));
    CHECK_FALSE(Date::parse("2026-13-01"));
    CHECK_FALSE(Date::parse("2026-1-01"));
    CHECK(Date::parse("2024-02-29"));
    CHECK_FALSE(Date::parse("2025-02-29"));
}

TEST_CASE("weeks start on Monday or Sunday and take ISO names") {
    auto d = *Date::parse("2026-10-07");  // a Wednesday
    CHECK(d.iso_weekday() == 3);
    CHECK(week_start_of(d, WeekStart::monday).to_string() == "2026-10-05");
    CHECK(week_start_of(d, WeekStart::sunday).to_string() == "2026-10-04");
    CHECK(iso_week_name(*Date::parse("2026-10-05"), WeekStart::monday) == "2026-W41");
    CHECK(iso_week_name(*Date::parse("2026-10-04"), WeekStart::sunday) == "2026-W41");
    // ISO years differ from calendar years around New Year.
    CHECK(iso_week_name(*Date::parse("2026-12-28"), WeekStart::monday) == "2026-W53");
    CHECK(iso_week_name(*Date::parse("2027-01-04"), WeekStart::monday) == "2027-W01");
    CHECK(iso_week_name(*Date::parse("2024-12-30"), WeekStart::monday) == "2025-W01");
    CHECK(week_start_of(*Date::parse("2026-10-11"), WeekStart::monday).to_string() == "2026-10-05");
    CHECK(week_start_of(*Date::parse("2026-10-11"), WeekStart::sunday).to_string() == "2026-10-11");
}
