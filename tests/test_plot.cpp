#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "rkplan/check.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/plot.hpp"
#include "rkplan/text.hpp"
#include "support/histories.hpp"

using namespace rkplan;

namespace {

using test::load_ok;
const Date today = test::default_today;  // a Saturday in 2026-W47

struct Chart {
    History history;
    WeeksReport weeks;
    PhaseTimeline timeline;
    Plan plan;
    std::string svg;
    pugi::xml_document doc;
};

// The history, its weeks, phases and plan (`plan_weeks` weeks) and the chart, parsed.
void draw(Chart& c, const std::string& text, int plan_weeks = 4) {
    c.history = load_ok(text);
    c.weeks = compute_weeks(c.history, today);
    c.timeline = derive_phases(c.history, c.weeks);
    c.plan = make_plan(c.history, today, plan_weeks);
    c.svg = render_plot_svg(c.history, c.weeks, c.timeline, c.plan);
    auto parsed = c.doc.load_string(c.svg.c_str());
    REQUIRE_MESSAGE(parsed, "not well-formed XML: " << parsed.description() << " at byte " << parsed.offset);
}

std::vector<pugi::xml_node> all(const Chart& c, const char* xpath) {
    std::vector<pugi::xml_node> out;
    for (const auto& x : c.doc.select_nodes(xpath)) out.push_back(x.node());
    return out;
}

std::vector<std::string> attrs(const std::vector<pugi::xml_node>& nodes, const char* name) {
    std::vector<std::string> out;
    for (const auto& n : nodes) out.emplace_back(n.attribute(name).value());
    return out;
}

std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

// A healthy runner: 20 km with downhill and descent in W44, a pain signal (2 the next
// morning) in W45, a pullback week, and 10 km so far in W47 with pain 1 during a run.
std::string prevention(std::string_view rules = "") {
    return "[runner]\nname = \"Jo\"\ngoal_weekly = 30\n" + std::string(rules) +
           "[[run]]\ndate = 2026-10-19\ndistance = 19\npain = 0\npain_after = 0\n"
           "[[run]]\ndate = 2026-10-26\ndistance = 20\ndownhill = 1.0\ndescent = 60\npain = 0\npain_after = 0\n"
           "[[run]]\ndate = 2026-11-02\ndistance = 22\npain = 0\npain_after = 2\n"
           "[[run]]\ndate = 2026-11-09\ndistance = 14\npain = 0\npain_after = 0\n"
           "[[run]]\ndate = 2026-11-16\ndistance = 10\npain = 1\npain_after = 0\n";
}

// An injured runner with a two-step ladder: phase 1 in W40, phase 3 from 2026-10-01,
// phase 4 from 2026-10-07 (after two passes at each step), then 10 km weeks.
std::string injury() {
    auto run = [](std::string_view date, double distance, std::string_view extra) {
        return "[[run]]\ndate = " + std::string(date) + "\ndistance = " + format_fixed(distance, 1) +
               "\npain = 0\npain_after = 0\n" + std::string(extra);
    };
    return "[runner]\nname = \"Maya\"\ngoal_weekly = 26\n[injury]\nonset = 2026-09-01\n"
           "[rules]\nrun_walk_ladder = [[1, 1, 10], [30, 0, 1]]\n"
           "[[checkin]]\ndate = 2026-10-01\nwalking_pain = false\nstairs_pain = false\nexercise_pain = false\n" +
           run("2026-10-02", 2, "kind = \"run-walk\"\nrun_walk = [1, 1]\n") +
           run("2026-10-03", 2, "kind = \"run-walk\"\nrun_walk = [1, 1]\n") + run("2026-10-05", 5, "duration = 30\n") +
           run("2026-10-07", 5, "duration = 30\n") + run("2026-10-14", 8, "") + run("2026-10-21", 8.8, "") +
           run("2026-10-28", 9.6, "") + run("2026-11-04", 10, "") + run("2026-11-11", 11, "") +
           run("2026-11-17", 4, "");
}

}  // namespace

TEST_CASE("the chart is an SVG document of a fixed size with a viewBox, a title and a description") {
    Chart c;
    draw(c, prevention());
    auto svg = c.doc.document_element();
    CHECK(std::string(svg.name()) == "svg");
    CHECK(std::string(svg.attribute("xmlns").value()) == "http://www.w3.org/2000/svg");
    CHECK(svg.attribute("width").as_int() == plot_width);
    CHECK(svg.attribute("height").as_int() == plot_height);
    CHECK(std::string(svg.attribute("viewBox").value()) == "0 0 1000 560");
    CHECK(std::string(svg.child("title").child_value()) == "Jo: training load, 2026-10-19 to 2026-12-13");
    CHECK_FALSE(std::string(svg.child("desc").child_value()).empty());
    // Self-contained: no scripts, no external references, no web fonts.
    CHECK(all(c, "//*[local-name()='script']").empty());
    CHECK(c.svg.find("href") == std::string::npos);
    CHECK(c.svg.find("@font-face") == std::string::npos);
}

TEST_CASE("the same history gives the same bytes") {
    Chart a, b;
    draw(a, injury());
    draw(b, injury());
    CHECK(a.svg == b.svg);
}

TEST_CASE("a solid bar per logged week carries the week's distance") {
    Chart c;
    draw(c, prevention());
    auto bars = all(c, "//rect[@class='bar']");
    CHECK(attrs(bars, "data-week") == std::vector<std::string>{"2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"});
    CHECK(attrs(bars, "data-distance") == std::vector<std::string>{"19.00", "20.00", "22.00", "14.00", "10.00"});
    // Taller bars for longer weeks, all standing on the same baseline.
    CHECK(bars[2].attribute("height").as_double() > bars[1].attribute("height").as_double());
    for (const auto& b : bars)
        CHECK(b.attribute("y").as_double() + b.attribute("height").as_double() == doctest::Approx(360.0));
}

TEST_CASE("downhill sits inside the week's bar and descent in its own strip") {
    Chart c;
    draw(c, prevention());
    auto downhill = all(c, "//rect[@class='downhill']");
    REQUIRE(downhill.size() == 1);
    CHECK(std::string(downhill[0].attribute("data-week").value()) == "2026-W44");
    CHECK(std::string(downhill[0].attribute("data-downhill").value()) == "1.00");
    auto descent = all(c, "//rect[@class='descent']");
    REQUIRE(descent.size() == 1);
    CHECK(std::string(descent[0].attribute("data-descent").value()) == "60.00");
}

TEST_CASE("the plan's coming weeks are hatched bars up to their caps, after the logged weeks") {
    Chart c;
    draw(c, prevention(), 4);
    auto planned = all(c, "//rect[@class='planned-bar']");
    // The current week (W47) shows its cap behind the logged distance, then three more.
    REQUIRE(planned.size() == 4);
    for (std::size_t i = 0; i < planned.size(); ++i) {
        CHECK(std::string(planned[i].attribute("data-week").value()) == c.plan.weeks[i].week);
        CHECK(std::string(planned[i].attribute("data-cap").value()) == format_fixed(*c.plan.weeks[i].distance_cap, 2));
        CHECK(std::string(planned[i].attribute("fill").value()) == "url(#rk-hatch)");
    }
    auto logged = all(c, "//rect[@class='bar']");
    CHECK(planned[1].attribute("x").as_double() > logged.back().attribute("x").as_double());
    // Planned week labels are set apart from the logged ones.
    auto label = c.doc.select_node("//text[@class='week-label'][@data-week='2026-W48']").node();
    CHECK(std::string(label.attribute("font-style").value()) == "italic");
}

TEST_CASE("the cap line holds each logged week's weekly-increase cap and each planned week's plan cap") {
    Chart c;
    draw(c, prevention(), 3);
    std::map<std::string, std::string> expected;
    for (std::size_t wi = 0; wi < c.weeks.weeks.size(); ++wi)
        if (auto caps = week_caps(c.history, c.weeks, c.timeline, wi, c.weeks.weeks[wi].distance);
            caps.distance && !caps.first_week)
            expected[c.weeks.weeks[wi].name] = format_fixed(*caps.distance, 2);
    for (const auto& w : c.plan.weeks)
        if (w.projected && w.distance_cap) expected[w.week] = format_fixed(*w.distance_cap, 2);
    // W43 (the first week) has no baseline, so no cap; W46 is a pullback week.
    CHECK(expected.count("2026-W43") == 0);
    CHECK(expected["2026-W46"] == format_fixed(20 * 0.7, 2));

    std::map<std::string, std::string> drawn;
    std::map<std::string, double> y_of;
    auto lines = all(c, "//polyline[@class='cap-line']");
    REQUIRE_FALSE(lines.empty());
    for (const auto& line : lines) {
        auto names = words(line.attribute("data-weeks").value());
        auto caps = words(line.attribute("data-caps").value());
        auto points = words(line.attribute("points").value());
        REQUIRE(names.size() == caps.size());
        REQUIRE(points.size() == 2 * names.size());  // a step: each week's two ends
        for (std::size_t i = 0; i < names.size(); ++i) {
            drawn[names[i]] = caps[i];
            auto y1 = points[2 * i].substr(points[2 * i].find(',') + 1);
            auto y2 = points[2 * i + 1].substr(points[2 * i + 1].find(',') + 1);
            CHECK(y1 == y2);
            y_of[names[i]] = std::stod(y1);
        }
    }
    CHECK(drawn == expected);
    // Higher caps are drawn higher up.
    for (const auto& [a, ca] : drawn)
        for (const auto& [b, cb] : drawn)
            if (std::stod(ca) > std::stod(cb)) CHECK(y_of[a] < y_of[b]);
}

TEST_CASE("the cap line breaks where no cap applies: phase 3 has none") {
    Chart c;
    draw(c, injury());
    std::set<std::string> capped;
    for (const auto& line : all(c, "//polyline[@class='cap-line']"))
        for (const auto& w : words(line.attribute("data-weeks").value())) capped.insert(w);
    CHECK(capped.count("2026-W41") == 0);  // phase 3 on its first day
    CHECK(capped.count("2026-W40") == 1);  // phase 1: cap 0, no running
    CHECK(capped.count("2026-W43") == 1);
}

TEST_CASE("injury mode colours every week by its phase, with a label per phase") {
    Chart c;
    draw(c, injury(), 3);
    auto bands = all(c, "//rect[@class='phase-band'][not(@data-from-day)]");
    std::vector<std::string> weeks_seen = attrs(bands, "data-week");
    std::vector<std::string> phases = attrs(bands, "data-phase");
    REQUIRE(weeks_seen.size() == c.weeks.weeks.size() + 2);  // logged weeks, then two planned
    for (std::size_t wi = 0; wi < c.weeks.weeks.size(); ++wi) {
        CHECK(weeks_seen[wi] == c.weeks.weeks[wi].name);
        CHECK(phases[wi] == to_string(c.timeline.weeks[wi].state.phase));
    }
    CHECK(phases.front() == "1");
    CHECK(phases[1] == "3");
    CHECK(phases.back() == "4");
    // A change of phase inside a week splits its band on that day (revision 2): phase 3 from
    // Thursday 10-01 in W40, phase 4 from Wednesday 10-07 in W41.
    auto splits = all(c, "//rect[@class='phase-band'][@data-from-day]");
    CHECK(attrs(splits, "data-week") == std::vector<std::string>{"2026-W40", "2026-W41"});
    CHECK(attrs(splits, "data-phase") == std::vector<std::string>{"3", "4"});
    CHECK(attrs(splits, "data-from-day") == std::vector<std::string>{"3", "2"});
    std::vector<std::string> labels;
    for (const auto& t : all(c, "//text[@class='phase-label']")) labels.emplace_back(t.child_value());
    CHECK(labels.size() == 3);
    CHECK(std::find(labels.begin(), labels.end(), "phase 4 rebuild") != labels.end());
}

TEST_CASE("prevention mode has no phase bands") {
    Chart c;
    draw(c, prevention());
    CHECK(all(c, "//rect[@class='phase-band']").empty());
    CHECK(all(c, "//text[@class='phase-label']").size() == 1);  // "plan", over the coming weeks
}

TEST_CASE("pain markers sit exactly on the weeks with pain or next-morning pain above the limit") {
    Chart c;
    draw(c, prevention());
    auto markers = all(c, "//g[@class='pain-marker']");
    CHECK(attrs(markers, "data-week") == std::vector<std::string>{"2026-W45", "2026-W47"});
    CHECK(attrs(markers, "data-pain") == std::vector<std::string>{"2.00", "1.00"});
    CHECK(std::string(markers[0].child("text").child_value()) == "2");
    CHECK(std::string(markers[0].child("circle").attribute("fill").value()) == "#D00000");

    Chart limit1;
    draw(limit1, prevention("[rules]\npain_limit = 1\n"));
    CHECK(attrs(all(limit1, "//g[@class='pain-marker']"), "data-week") == std::vector<std::string>{"2026-W45"});

    Chart none;
    draw(none, injury());
    CHECK(all(none, "//g[@class='pain-marker']").empty());
}

TEST_CASE("the ACWR is drawn on its own axis with the 0.8-acwr_caution band and the acwr_high line") {
    Chart c;
    // A week before the others, so that W47's four weeks before it all ran under the 10% rule.
    draw(c, prevention("[rules]\nacwr_high = 1.8\nacwr_caution = 1.4\n"
                       "[[run]]\ndate = 2026-10-12\ndistance = 19\npain = 0\npain_after = 0\n"));
    auto points = all(c, "//circle[@class='acwr-point']");
    std::vector<std::string> expected_weeks, expected_values;
    for (std::size_t wi = 0; wi < c.weeks.weeks.size(); ++wi)
        if (const auto& w = c.weeks.weeks[wi]; w.acwr && c.timeline.weeks[wi].acwr_applies) {
            expected_weeks.push_back(w.name);
            expected_values.push_back(format_fixed(*w.acwr, 2));
        }
    // Only where a rule reads it: W43-W46 look back to the first week on record.
    CHECK(expected_weeks == std::vector<std::string>{"2026-W47"});
    CHECK(attrs(points, "data-week") == expected_weeks);
    CHECK(attrs(points, "data-acwr") == expected_values);
    auto band = c.doc.select_node("//rect[@class='acwr-band']").node();
    CHECK(std::string(band.attribute("data-low").value()) == "0.80");
    CHECK(std::string(band.attribute("data-high").value()) == "1.40");
    auto high = c.doc.select_node("//line[@class='acwr-high']").node();
    CHECK(std::string(high.attribute("data-value").value()) == "1.80");
    auto axis = c.doc.select_node("//text[@data-axis='acwr']").node();
    CHECK(std::string(axis.child_value()).find("ACWR") != std::string::npos);
}

TEST_CASE("the legend names every mark of the chart") {
    Chart c;
    draw(c, prevention());
    CHECK(attrs(all(c, "//g[@class='legend-item']"), "data-key") ==
          std::vector<std::string>{"logged", "planned", "downhill", "cap", "descent", "acwr", "acwr-band", "acwr-high",
                                   "pain", "today"});
    auto text = [&](const char* key) {
        return std::string(c.doc.select_node(("//g[@data-key='" + std::string(key) + "']/text[@class='legend-label']").c_str())
                               .node()
                               .child_value());
    };
    CHECK(text("cap") == "10% rule cap (km)");
    CHECK(text("pain") == "pain above the limit of 0");
}

TEST_CASE("axis labels carry the history's units: km and m, or mi and ft") {
    Chart km;
    draw(km, prevention());
    CHECK(std::string(km.doc.select_node("//text[@data-axis='distance']").node().child_value()) ==
          "weekly distance (km)");
    CHECK(std::string(km.doc.select_node("//text[@data-axis='descent']").node().child_value()) == "m");
    CHECK(km.svg.find(">descent (m)<") != std::string::npos);

    Chart mi;
    draw(mi, "[runner]\nunits = \"mi\"\n[[run]]\ndate = 2026-11-10\ndistance = 5\ndescent = 200\n");
    CHECK(std::string(mi.doc.select_node("//text[@data-axis='distance']").node().child_value()) ==
          "weekly distance (mi)");
    CHECK(std::string(mi.doc.select_node("//text[@data-axis='descent']").node().child_value()) == "ft");
    CHECK(mi.svg.find(">descent (ft)<") != std::string::npos);
}

TEST_CASE("a runner's name with & < > \" ' is escaped, and reads back as written") {
    Chart c;
    draw(c, "[runner]\nname = \"A & B <C> \\\"D\\\" 'E'\"\n[[run]]\ndate = 2026-11-10\ndistance = 5\n");
    CHECK(c.svg.find("<C>") == std::string::npos);
    CHECK(c.svg.find("A &amp; B &lt;C&gt; &quot;D&quot; &apos;E&apos;") != std::string::npos);
    std::string title = c.doc.select_node("//text[@class='title']").node().child_value();
    CHECK(title == "A & B <C> \"D\" 'E': training load, 2026-11-09 to 2026-12-13");
}

TEST_CASE("xml_escape keeps UTF-8 and replaces what XML cannot hold") {
    CHECK(xml_escape("Zoë <3 & \"runs\"") == "Zoë &lt;3 &amp; &quot;runs&quot;");
    CHECK(xml_escape(std::string("a\x01" "b\tc")) == "a b\tc");
    CHECK(xml_escape("x\xEF\xBF\xBEy") == "x\xEF\xBF\xBDy");
}

TEST_CASE("a long history shows its last 52 weeks, then the plan") {
    std::string text = "[runner]\nname = \"Long\"\n";
    Date start = *Date::parse("2025-06-02");
    for (int i = 0; i < 70; ++i)
        text += "[[week]]\nstart = " + (start + 7 * i).to_string() + "\ndistance = 20\npain = 0\npain_after = 0\n";
    Chart c;
    draw(c, text, 8);
    REQUIRE(c.weeks.weeks.size() > plot_max_logged_weeks);
    auto bars = all(c, "//rect[@class='bar']");
    REQUIRE(bars.size() == plot_max_logged_weeks);
    CHECK(std::string(bars.front().attribute("data-week").value()) ==
          c.weeks.weeks[c.weeks.weeks.size() - plot_max_logged_weeks].name);
    CHECK(std::string(bars.back().attribute("data-week").value()) == "2026-W47");
    // Every bar lies inside the chart.
    for (const auto& b : all(c, "//rect[@class='bar' or @class='planned-bar']"))
        CHECK(b.attribute("x").as_double() + b.attribute("width").as_double() <= 928.0 + 1e-9);
    // Week labels are thinned to stay apart, and the current week is one of them.
    auto labels = all(c, "//text[@class='week-label']");
    CHECK(labels.size() < 60);
    for (std::size_t i = 1; i < labels.size(); ++i)
        CHECK(labels[i].attribute("x").as_double() - labels[i - 1].attribute("x").as_double() >= 36.0 - 0.1);
    CHECK(c.doc.select_node("//text[@class='week-label'][@data-week='2026-W47']"));
}

TEST_CASE("an empty history draws the plan alone") {
    Chart c;
    draw(c, "");
    CHECK(all(c, "//rect[@class='bar']").empty());
    CHECK(all(c, "//rect[@class='planned-bar']").size() == 4);
    CHECK(std::string(c.doc.select_node("//text[@class='title']").node().child_value()) ==
          "Training load, 2026-11-16 to 2026-12-13");
}

TEST_CASE("weeks without running in the plan say so instead of a bar") {
    Chart c;
    draw(c, "[injury]\nonset = 2026-11-10\n[[cross]]\ndate = 2026-11-12\nactivity = \"cycling\"\nduration = 40\n", 3);
    CHECK(all(c, "//rect[@class='planned-bar']").empty());
    auto notes = all(c, "//text[@class='planned-note']");
    REQUIRE(notes.size() == 2);
    CHECK(std::string(notes[0].child_value()) == "no running");
}
