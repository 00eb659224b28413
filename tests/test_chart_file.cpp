#include <doctest/doctest.h>

#include <string>

#include "rkplan/chart_file.hpp"

using namespace rkplan;
using namespace std::string_literals;

namespace {
// A PNG's signature, IHDR (1 x 1, RGB) and IEND, with their CRCs.
const std::string tiny_png = "\x89PNG\r\n\x1a\n"s + "\0\0\0\x0dIHDR"s + "\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0"s +
                             "\x90\x77\x53\xde"s + "\0\0\0\0IEND\xae\x42\x60\x82"s;
}  // namespace

TEST_CASE("a chart's format is told by its name's extension, in any case") {
    CHECK(chart_format_for("chart.svg") == ChartFormat::svg);
    CHECK(chart_format_for("out/Chart.PNG") == ChartFormat::png);
    CHECK(chart_format_for("a.b/chart.png") == ChartFormat::png);
    CHECK_FALSE(chart_format_for("chart.jpg"));
    CHECK_FALSE(chart_format_for("chart"));
    CHECK_FALSE(chart_format_for("svg"));
    CHECK_FALSE(chart_format_for("out/.png"));
    CHECK_FALSE(chart_format_for("chart.png/"));
}

TEST_CASE("png_with_text puts a tEXt chunk with its CRC right after IHDR") {
    auto marked = png_with_text(tiny_png, "Software", "rkplan");
    auto ihdr_end = std::size_t{8 + 25};
    CHECK(marked.substr(0, ihdr_end) == tiny_png.substr(0, ihdr_end));
    CHECK(marked.substr(ihdr_end, 4 + 4 + 15 + 4) == "\0\0\0\x0ftEXtSoftware\0rkplan\x85\x0a\x31\x6c"s);
    CHECK(marked.substr(ihdr_end + 27) == tiny_png.substr(ihdr_end));
    CHECK(png_with_text("not a png", "Software", "rkplan") == "not a png");
}

TEST_CASE("a chart rkplan wrote is recognised, other files are not") {
    CHECK(is_rkplan_chart("<?xml version=\"1.0\"?>\n<!-- Software: rkplan -->\n<svg>"));
    CHECK(is_rkplan_chart("<svg><desc>... Made by rkplan: guidance, not a diagnosis.</desc>"));  // before the mark
    CHECK_FALSE(is_rkplan_chart("<svg><title>my drawing</title>"));
    CHECK_FALSE(is_rkplan_chart("Made by rkplan"));  // not an SVG
    CHECK_FALSE(is_rkplan_chart(""));
    CHECK(is_rkplan_chart(png_with_text(tiny_png, "Software", "rkplan")));
    CHECK_FALSE(is_rkplan_chart(tiny_png));
    CHECK_FALSE(is_rkplan_chart(png_with_text(tiny_png, "Software", "GIMP")));
    CHECK_FALSE(is_rkplan_chart(tiny_png.substr(0, 20)));  // cut short
}
