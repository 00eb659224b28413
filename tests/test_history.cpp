#include <doctest/doctest.h>

#include <string>

#include "rkplan/history.hpp"
#include "rkplan/text.hpp"

using namespace rkplan;

namespace {

const Date today = *Date::parse("2026-11-21");

LoadResult load(std::string_view text) { return load_history(text, "t.toml", today); }

std::string messages(const LoadResult& r) {
    std::string out;
    for (const auto& d : r.diagnostics)
        out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + " " + d.message + "\n";
    return out;
}

}  // namespace

TEST_CASE("an empty file is a valid history in prevention mode with the seed rules") {
    auto r = load("");
    REQUIRE(r.ok());
    CHECK(r.history->runner.units == Units::km);
    CHECK(r.history->runner.week_start == WeekStart::monday);
    CHECK_FALSE(r.history->injury);
    CHECK(r.history->rules.max_weekly_increase == 0.10);
    CHECK(r.history->rules.pain_limit == 0);
    CHECK(r.history->rules.shoe_warn == 600);
    CHECK(r.history->rules.run_walk_ladder.size() == 7);
    CHECK_FALSE(r.history->first_entry());
}

TEST_CASE("miles change the unit-dependent defaults") {
    auto r = load("[runner]\nunits = \"mi\"\n");
    REQUIRE(r.ok());
    CHECK(r.history->rules.shoe_warn == 373);
    CHECK(r.history->rules.shoe_limit == 497);
    CHECK(r.history->rules.descent_intro == 16);
}

TEST_CASE("a run keeps every field and the position of its header") {
    auto r = load(R"([runner]
units = "km"

[[run]]
date = 2026-10-06
distance = 3
duration = "1:02:30"
descent = 60
downhill = 0.8
kind = "run-walk"
run_walk = [3, 1]
pain = 0
pain_after = 1
rpe = 4
shoe = "pegasus-40"
cadence = 168
surface = "trail"
note = "felt fine"
)");
    REQUIRE(r.ok());
    REQUIRE(r.history->runs.size() == 1);
    const auto& run = r.history->runs[0];
    CHECK(run.pos == SourcePos{4, 1});
    CHECK(run.date.to_string() == "2026-10-06");
    CHECK(run.distance == 3.0);
    CHECK(*run.duration == doctest::Approx(62.5));
    CHECK(*run.descent == 60);
    CHECK(*run.downhill == 0.8);
    CHECK(run.kind == RunKind::run_walk);
    CHECK(*run.run_walk_run == 3);
    CHECK(*run.run_walk_walk == 1);
    CHECK(*run.pain == 0);
    CHECK(*run.pain_after == 1);
    CHECK(*run.rpe == 4);
    CHECK(*run.shoe == "pegasus-40");
    CHECK(*run.cadence == 168);
    CHECK(*run.surface == Surface::trail);
    CHECK(*run.note == "felt fine");
}

TEST_CASE("durations are minutes, mm:ss or h:mm:ss") {
    CHECK(*parse_clock_duration("32:10") == doctest::Approx(32 + 10 / 60.0));
    CHECK(*parse_clock_duration("1:05:00") == doctest::Approx(65));
    CHECK(*parse_clock_duration("95:30") == doctest::Approx(95.5));
    CHECK_FALSE(parse_clock_duration("32"));
    CHECK_FALSE(parse_clock_duration("32:7"));
    CHECK_FALSE(parse_clock_duration("1:60:00"));
    CHECK_FALSE(parse_clock_duration("a:10"));
    CHECK_FALSE(parse_clock_duration("1:2:3:4"));
}

TEST_CASE("every semantic error is reported, in file order, not just the first") {
    auto r = load(R"([[run]]
date = 2026-10-06
distance = -1

[[run]]
date = 2026-10-07
distance = 5
pain = 12

[[checkin]]
date = 2026-10-08
strength_ratio = 2
)");
    REQUIRE_FALSE(r.ok());
    CHECK(messages(r) ==
          "3:12 distance must be above 0, got -1\n"
          "8:8 pain must be at most 10, got 12\n"
          "12:18 strength_ratio must be at most 1, got 2\n");
}

TEST_CASE("a misspelt pain key is an error with a suggestion, never dropped") {
    auto r = load("[[run]]\ndate = 2026-10-06\ndistance = 5\npian = 4\n");
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].pos == SourcePos{4, 1});
    CHECK(r.diagnostics[0].message == "unknown key 'pian' in [[run]] (did you mean 'pain'?)");
}

TEST_CASE("nearest_name suggests only plausible typos") {
    std::vector<std::string_view> names = {"easy", "long", "tempo", "intervals", "run-walk"};
    CHECK(nearest_name("eazy", names) == "easy");
    CHECK(nearest_name("interval", names) == "intervals");
    CHECK(nearest_name("runwalk", names) == "run-walk");
    CHECK(nearest_name("swimming", names).empty());
    CHECK(nearest_name("miles", {"km", "mi"}) == "mi");
    CHECK(nearest_name("pain_afterr", {"pain", "pain_after"}) == "pain_after");
}

TEST_CASE("a week filed both as totals and as runs names both places") {
    auto r = load(R"([[run]]
date = 2026-09-29
distance = 5

[[week]]
start = 2026-10-04
distance = 18
)");
    REQUIRE_FALSE(r.ok());
    CHECK(messages(r) ==
          "5:1 2026-W40 has both this [[week]] total and [[run]] entries (the first at line 1)\n");
}

TEST_CASE("with Sunday weeks a Sunday run and a Monday total fall in the same week") {
    auto text = R"([runner]
week_start = "sunday"

[[run]]
date = 2026-10-04
distance = 5

[[week]]
start = 2026-10-05
distance = 18
)";
    CHECK_FALSE(load(text).ok());
    std::string monday_text = text;
    monday_text.replace(monday_text.find("sunday"), 6, "monday");
    CHECK(load(monday_text).ok());
}

TEST_CASE("entries after --today are refused") {
    auto r = load("[[checkin]]\ndate = 2026-11-22\npain = 1\n");
    REQUIRE_FALSE(r.ok());
    CHECK(messages(r) == "2:8 check-in dated 2026-11-22 is after today (2026-11-21)\n");
    CHECK(load("[[checkin]]\ndate = 2026-11-21\npain = 1\n").ok());
}

TEST_CASE("rules overrides are read and validated") {
    auto r = load(R"([rules]
pain_limit = 2
max_weekly_increase = 0.15
run_walk_ladder = [[1, 2, 6], [2, 1, 7], [30, 0, 1]]
cadence_increase = [0.03, 0.08]
load_basis = "srpe"
)");
    REQUIRE(r.ok());
    const auto& rules = r.history->rules;
    CHECK(rules.pain_limit == 2);
    CHECK(rules.max_weekly_increase == 0.15);
    REQUIRE(rules.run_walk_ladder.size() == 3);
    CHECK(rules.run_walk_ladder[0] == LadderStep{1, 2, 6});
    CHECK(rules.run_walk_ladder[2].continuous());
    CHECK(rules.cadence_increase_low == 0.03);
    CHECK(rules.load_basis == LoadBasis::srpe);

    auto bad = load("[rules]\npain_limit = 3.5\n");
    CHECK(messages(bad) == "2:14 pain_limit must be at most 3, got 3.5\n");
}

TEST_CASE("non-ASCII is fine in strings and comments, refused in keys and bare values") {
    CHECK(load("# caf\xC3\xA9\n[runner]\nname = \"Jos\xC3\xA9\"\n").ok());
    CHECK(load("[runner]\nname = '''Ren\xC3\xA9" "e'''\n").ok());
    CHECK(load("\xEF\xBB\xBF[runner]\nname = \"Sam\"\n").ok());
    auto r = load("[runner]\nname = \"Sam\"\nunits = \"km\" \xC3\xA9\n");
    REQUIRE_FALSE(r.ok());
    CHECK(messages(r) == "3:14 a non-ASCII character outside a string or comment\n");
    auto broken = load("[runner]\nname = \"S\xC3\"\n");
    CHECK(messages(broken) == "2:10 invalid UTF-8 byte 0xC3\n");
}

TEST_CASE("an escaped quote does not end a string for the byte scan") {
    CHECK(load("[runner]\nname = \"a \\\" b \xC3\xA9\"\n").ok());
    CHECK(load("[runner]\nname = \"\"\"x \"\" \xC3\xA9 \"\"\"\"\n").ok());
}

TEST_CASE("an oversized input is refused before parsing") {
    std::string big(Limits::max_file_bytes + 1, ' ');
    auto r = load(big);
    REQUIRE_FALSE(r.ok());
    CHECK(r.diagnostics[0].message == "the file is larger than the 16 MiB rkplan reads");
}

TEST_CASE("a syntax error carries toml++'s position and description") {
    auto r = load("[runner]\nname = \"Sam\n");
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].pos.line == 2);
    CHECK(r.diagnostics[0].message.rfind("invalid TOML: ", 0) == 0);
}

TEST_CASE("format_diagnostics shows the line and a caret, then counts what it cut") {
    std::string text = "[[run]]\ndate = 2026-10-06\ndistance = -1\n";
    auto out = format_diagnostics("t.toml", text, {{{3, 12}, "distance must be above 0, got -1", "a distance"}});
    CHECK(out ==
          "t.toml:3:12: error: distance must be above 0, got -1; expected a distance\n"
          "    3 | distance = -1\n"
          "      |            ^\n");
    std::vector<Diagnostic> many(max_reported_diagnostics + 3, Diagnostic{{1, 1}, "x", ""});
    auto cut = format_diagnostics("t.toml", "a\n", many);
    CHECK(cut.substr(cut.rfind("t.toml: ")) == "t.toml: 3 more errors not shown\n");
}

TEST_CASE("format_diagnostics shows a window of a long line around the column") {
    // 1,000 characters: "a" x 500, "é" (two bytes, one character), "b" x 499.
    std::string line = std::string(500, 'a') + "\xC3\xA9" + std::string(499, 'b');
    auto out = format_diagnostics("t.toml", line + "\n", {{{1, 501}, "here", ""}});
    // Characters 401 to 600 (100 before the column), cut marks on both sides.
    std::string shown = std::string(100, 'a') + "\xC3\xA9" + std::string(99, 'b');
    CHECK(out == "t.toml:1:501: error: here\n"
                 "    1 | ..." + shown + "...\n"
                 "      |    " + std::string(100, ' ') + "^\n");
    // Near the start: no cut before; at the end: no cut after.
    auto start = format_diagnostics("t.toml", line, {{{1, 3}, "x", ""}});
    CHECK(start.find("    1 | " + std::string(200, 'a') + "...\n") != std::string::npos);
    CHECK(start.find("      |   ^\n") != std::string::npos);
    auto end = format_diagnostics("t.toml", line, {{{1, 1000}, "x", ""}});
    CHECK(end.find("    1 | ..." + std::string(200, 'b') + "\n      |    " + std::string(199, ' ') + "^\n") !=
          std::string::npos);
}

TEST_CASE("every check that has its values runs, whatever else is wrong with the entry") {
    auto r = load("[[run]]\ndate = 2027-01-01\ndistance = \"5k\"\ndownhill = 1\n"
                  "[[week]]\nstart = 2027-01-04\ndistance = -3\n"
                  "[[strength]]\ndate = 2027-01-01\nexercises = [\"x\"]\n"
                  "[[run]]\ndistance = 5\ndownhill = 6\n"
                  "[injury]\ntreatment_start = 2027-01-01\n");
    CHECK(messages(r) ==
          "2:8 run dated 2027-01-01 is after today (2026-11-21)\n"
          "3:12 distance must be a number, got a string \"5k\"\n"
          "6:9 week dated 2027-01-04 is after today (2026-11-21)\n"
          "7:12 distance must be at least 0, got -3\n"
          "9:8 strength session dated 2027-01-01 is after today (2026-11-21)\n"
          "10:14 unknown exercise \"x\"\n"
          "11:1 [[run]] has no 'date'\n"
          "13:12 downhill 6 is more than the run's distance 5\n"
          "14:1 [injury] has no 'onset'\n"
          "15:19 treatment_start dated 2027-01-01 is after today (2026-11-21)\n");
}

TEST_CASE("a [[week]] may start on any day of the current week, a shoe is not retired in the future") {
    // Today is Saturday 2026-11-21: Sunday the 22nd is in the current week, the 23rd is not.
    CHECK(load("[[week]]\nstart = 2026-11-22\ndistance = 20\n").ok());
    CHECK(messages(load("[[week]]\nstart = 2026-11-23\ndistance = 20\n")) ==
          "2:9 week dated 2026-11-23 is after today (2026-11-21)\n");
    CHECK(messages(load("[[shoe]]\nname = \"a\"\nretired = 2026-12-01\n")) ==
          "3:11 a shoe retired dated 2026-12-01 is after today (2026-11-21)\n");
}

TEST_CASE("a ladder step's repeats are checked before they become a whole number") {
    CHECK(messages(load("[rules]\nrun_walk_ladder = [[1, 1, 3e9], [20, 0, 1]]\n")) ==
          "2:20 run_walk_ladder step 1 must repeat a whole number of times from 1 to 50\n");
}
