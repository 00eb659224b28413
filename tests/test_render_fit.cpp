#include <doctest/doctest.h>

#include "../src/render/render_fit.hpp"
#include "rkplan/text.hpp"

using namespace rkplan;

TEST_CASE("wrap breaks at spaces within the width, with a hanging indent") {
    CHECK(fit::wrap("one two three four", 80, "- ", "  ") == "- one two three four\n");
    CHECK(fit::wrap("one two three four", 10, "- ", "  ") == "- one two\n  three\n  four\n");
    CHECK(fit::wrap("as it is", 0, "> ", "") == "> as it is\n");  // width 0: the full layout
    CHECK(fit::wrap("", 10, "x: ", "") == "x:\n");
    // A word longer than a line is cut; every line stays within the width.
    CHECK(fit::wrap("a examples/very/long/path.toml b", 12, "", "  ") == "a\n  examples/v\n  ery/long/p\n  ath.toml b\n");
    // Display width, not bytes: "é" is one column.
    CHECK(fit::wrap("été été", 7, "", "") == "été été\n");
}

TEST_CASE("fit::columns is 0 for the full layout and at least 80 otherwise") {
    CHECK(fit::columns(0) == 0);
    CHECK(fit::columns(40) == 80);
    CHECK(fit::columns(132) == 132);
}

TEST_CASE("a table folds its least needed columns under each row, and says once what every row shares") {
    fit::Table t;
    t.headers = {"week", "plan", "str", "logged"};
    t.fold_order = {2};
    t.rows = {{"W47", "up to 45.0 km", "2", "22.0 km"}, {"W48*", "up to 45.0 km", "2", "-"}};
    t.under = {"next: a long note", ""};
    t.common_label = "every week:";
    CHECK(t.render(80) ==
          "  week  plan           str  logged\n"
          "  W47   up to 45.0 km  2    22.0 km\n"
          "    next: a long note\n"
          "  W48*  up to 45.0 km  2    -\n");
    CHECK(t.render(28) ==
          "  week  plan           logged\n"
          "  W47   up to 45.0 km  22.0 km\n"
          "    next: a long note\n"
          "  W48*  up to 45.0 km  -\n"
          "  every week: str 2\n");
}
