#include <doctest/doctest.h>

#include "rkplan/emit.hpp"

using namespace rkplan;

TEST_CASE("a run written as TOML loads back as the same run") {
    Run r;
    r.date = *Date::parse("2026-10-06");
    r.distance = 5.2;
    r.duration = 32 + 10 / 60.0;
    r.descent = 60;
    r.downhill = 0.8;
    r.kind = RunKind::run_walk;
    r.run_walk_run = 3;
    r.run_walk_walk = 1;
    r.pain = 0;
    r.pain_after = 1;
    r.rpe = 4;
    r.shoe = "pegasus \"40\"";
    r.cadence = 168;
    r.surface = Surface::trail;
    r.note = "felt\tfine\nreally";
    auto text = format_run_toml(r);
    CHECK(text ==
          "\n[[run]]\ndate = 2026-10-06\ndistance = 5.2\nduration = \"32:10\"\ndescent = 60\ndownhill = 0.8\n"
          "kind = \"run-walk\"\nrun_walk = [3, 1]\npain = 0\npain_after = 1\nrpe = 4\nshoe = \"pegasus \\\"40\\\"\"\n"
          "cadence = 168\nsurface = \"trail\"\nnote = \"felt\\tfine\\nreally\"\n");
    auto loaded = load_history(text, "t.toml", *Date::parse("2026-11-21"));
    REQUIRE(loaded.ok());
    const auto& back = loaded.history->runs.at(0);
    CHECK(back.distance == r.distance);
    CHECK(*back.duration == doctest::Approx(*r.duration));
    CHECK(*back.shoe == *r.shoe);
    CHECK(*back.note == *r.note);
    CHECK(back.kind == RunKind::run_walk);
}

TEST_CASE("a minimal run writes only date and distance, long durations take hours") {
    Run r;
    r.date = *Date::parse("2026-10-06");
    r.distance = 21.0975;
    r.duration = 95.5;
    CHECK(format_run_toml(r) == "\n[[run]]\ndate = 2026-10-06\ndistance = 21.0975\nduration = \"1:35:30\"\n");
}

namespace {
RunFieldText log_fields(std::string distance) {
    RunFieldText f;
    f.date = *Date::parse("2026-10-06");
    f.distance = std::move(distance);
    return f;
}
}  // namespace

TEST_CASE("a logged run's numbers are written in their shortest TOML form, every field in SPEC order") {
    auto f = log_fields("5.20");
    f.duration = "32:10";
    f.descent = "+60";
    f.downhill = " 0.8 ";
    f.kind = "run-walk";
    f.run_walk = "3:1";
    f.pain = "0";
    f.pain_after = "1e0";
    f.rpe = "4";
    f.shoe = "pegasus \"40\"";
    f.cadence = "168";
    f.surface = "trail";
    f.note = "felt fine\n[runner]";
    CHECK(run_entry_toml(f) ==
          "\n[[run]]\ndate = 2026-10-06\ndistance = 5.2\nduration = \"32:10\"\ndescent = 60\ndownhill = 0.8\n"
          "kind = \"run-walk\"\nrun_walk = [3, 1]\npain = 0\npain_after = 1\nrpe = 4\nshoe = \"pegasus \\\"40\\\"\"\n"
          "cadence = 168\nsurface = \"trail\"\nnote = \"felt fine\\n[runner]\"\n");
}

TEST_CASE("a logged value that is not a number becomes a string for the loader to refuse, never raw TOML") {
    auto f = log_fields("5 \n[runner]");
    f.pain = "0x1";
    f.duration = "45";
    f.run_walk = "3-1";
    CHECK(run_entry_toml(f) == "\n[[run]]\ndate = 2026-10-06\ndistance = \"5 \\n[runner]\"\nduration = 45\n"
                               "kind = \"run-walk\"\nrun_walk = \"3-1\"\npain = \"0x1\"\n");
    auto loaded = load_history(run_entry_toml(f), "t.toml", *Date::parse("2026-11-21"));
    REQUIRE_FALSE(loaded.ok());
    REQUIRE(loaded.diagnostics.size() == 3);
    CHECK(loaded.diagnostics[0].message == "distance must be a number, got a string \"5 \\u000A[runner]\"");
    CHECK(loaded.diagnostics[0].pos == SourcePos{4, 12});
}

TEST_CASE("a logged run-walk ratio takes a colon or a comma and makes the run a run-walk session") {
    auto f = log_fields("3");
    f.run_walk = "2.5,1";
    CHECK(run_entry_toml(f) == "\n[[run]]\ndate = 2026-10-06\ndistance = 3\nkind = \"run-walk\"\nrun_walk = [2.5, 1]\n");
    f.kind = "easy";
    auto text = run_entry_toml(f);
    CHECK(text == "\n[[run]]\ndate = 2026-10-06\ndistance = 3\nkind = \"easy\"\nrun_walk = [2.5, 1]\n");
    auto loaded = load_history(text, "t.toml", *Date::parse("2026-11-21"));
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(loaded.diagnostics[0].message == "run_walk is only for run-walk sessions, this run's kind is 'easy'");
}

TEST_CASE("non-finite logged numbers reach the loader as TOML inf and nan, which it refuses") {
    auto f = log_fields("inf");
    f.pain = "nan";
    CHECK(run_entry_toml(f) == "\n[[run]]\ndate = 2026-10-06\ndistance = inf\npain = nan\n");
    auto loaded = load_history(run_entry_toml(f), "t.toml", *Date::parse("2026-11-21"));
    CHECK(loaded.diagnostics.size() == 2);
}

TEST_CASE("appended entries keep the original bytes as a prefix and its line endings") {
    CHECK(append_entries_text("a = 1\n", "\n[[run]]\n") == "a = 1\n\n[[run]]\n");
    CHECK(append_entries_text("a = 1", "\n[[run]]\n") == "a = 1\n\n[[run]]\n");
    CHECK(append_entries_text("", "\n[[run]]\n") == "\n[[run]]\n");
    CHECK(append_entries_text("a = 1\r\nb = 2", "\n[[run]]\nx\r\n") == "a = 1\r\nb = 2\r\n\r\n[[run]]\r\nx\r\n");
    CHECK(append_entries_text("# no final newline ", "\n") == "# no final newline \n\n");
}
