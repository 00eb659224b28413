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

TEST_CASE("a minimal run writes only date and distance; long durations take hours") {
    Run r;
    r.date = *Date::parse("2026-10-06");
    r.distance = 21.0975;
    r.duration = 95.5;
    CHECK(format_run_toml(r) == "\n[[run]]\ndate = 2026-10-06\ndistance = 21.0975\nduration = \"1:35:30\"\n");
}
