#pragma once
// Test helpers shared by the doctest files: a default --today, loading a history that must
// load, and TOML builders for the entries tests write again and again.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "rkplan/history.hpp"

namespace rkplan::test {

/// The date most tests plan and check on: a Saturday, in 2026-W47 (2026-11-16..22).
inline const Date default_today = *Date::parse("2026-11-21");

/// A date from its ISO text; the test fails on a typo.
inline Date day(std::string_view iso) {
    auto d = Date::parse(iso);
    REQUIRE_MESSAGE(d, "not a date: " << iso);
    return *d;
}

/// The history of `text`, which must load (as "t.toml", with entries up to `today`).
inline History load_ok(const std::string& text, Date today = default_today) {
    auto r = load_history(text, "t.toml", today);
    if (!r.ok()) FAIL("history does not load: " << format_diagnostics("t.toml", text, r.diagnostics));
    return std::move(*r.history);
}

/// A `[[run]]` table: date, distance, and any more lines in `extra`.
inline std::string toml_run(std::string_view date, double distance, std::string_view extra = "") {
    return "\n[[run]]\ndate = " + std::string(date) + "\ndistance = " + std::to_string(distance) + "\n" +
           std::string(extra);
}

/// A `[[checkin]]` table: date and the lines in `fields`.
inline std::string toml_checkin(std::string_view date, std::string_view fields) {
    return "\n[[checkin]]\ndate = " + std::string(date) + "\n" + std::string(fields) + "\n";
}

/// Lines that log a run as pain-free, during and the next morning.
inline constexpr std::string_view pain_free = "pain = 0\npain_after = 0\n";

}  // namespace rkplan::test
