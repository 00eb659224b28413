#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rkplan/render.hpp"

using namespace rkplan;

namespace {

Date date(const char* iso) { return *Date::parse(iso); }

/// This week in phase 3: run-walk 2:1 x7 at ladder step 2, 4 km logged.
PlanWeek run_walk_week() {
    PlanWeek w;
    w.week = "2026-W47";
    w.start = date("2026-11-16");
    w.phase = Phase::run_walk;
    w.step = 2;
    w.run_walk = LadderStep{2, 1, 7};
    w.run_days = 3;
    w.strength_sessions = 3;
    w.logged = 4;
    w.sessions = {2, 2, 3};
    w.next_gate = "2 more passes at step 2";
    w.opens = {"step 3"};
    return w;
}

/// A projected phase-4 pullback week with a distance cap and a little downhill.
PlanWeek rebuild_week() {
    PlanWeek w;
    w.week = "2026-W48";
    w.start = date("2026-11-23");
    w.phase = Phase::rebuild;
    w.projected = true;
    w.distance_cap = 19.94;
    w.downhill_cap = 1.0;
    w.descent_cap = 60;
    w.run_days = 3;
    w.hard_allowed = true;
    w.strength_sessions = 2;
    w.pullback = true;
    w.remaining = 19.94;
    w.next_gate = "downhill unlock; 2 pain-free weeks";
    w.opens = {"downhill, 5% of the week", "phase 4"};
    return w;
}

Plan two_week_plan() {
    Plan p;
    p.today = date("2026-11-21");
    p.runner = "Sam, Jr.";
    p.mode = Mode::injury;
    p.phase = Phase::run_walk;
    p.step = 2;
    p.weeks = {run_walk_week(), rebuild_week()};
    return p;
}

std::vector<std::string> lines_of(const std::string& text, std::string_view eol) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find(eol, pos);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(pos, end - pos));
        pos = end + eol.size();
    }
    return out;
}

/// RFC 5545 §3.1 unfolding: a CRLF followed by one space (or tab) disappears.
std::string unfold(const std::string& ics) {
    std::string out;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics.compare(i, 3, "\r\n ") == 0 || ics.compare(i, 3, "\r\n\t") == 0) {
            i += 2;
            continue;
        }
        out += ics[i];
    }
    return out;
}

/// The unfolded content line that starts with `name` followed by ':' or ';'.
std::string content_line(const std::string& ics, std::string_view name) {
    for (const auto& l : lines_of(unfold(ics), "\r\n"))
        if (l.size() > name.size() && l.compare(0, name.size(), name) == 0 &&
            (l[name.size()] == ':' || l[name.size()] == ';'))
            return l;
    return "";
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Every line ends with CRLF, no bare CR or LF, and no physical line exceeds 75 octets or
/// begins (after the fold's space) in the middle of a UTF-8 character.
void check_ics_lines(const std::string& ics) {
    REQUIRE(ics.size() >= 2);
    CHECK(ics.compare(ics.size() - 2, 2, "\r\n") == 0);
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics[i] == '\n') CHECK_MESSAGE((i > 0 && ics[i - 1] == '\r'), "bare LF at octet ", i);
        if (ics[i] == '\r') CHECK_MESSAGE((i + 1 < ics.size() && ics[i + 1] == '\n'), "bare CR at octet ", i);
    }
    for (const auto& l : lines_of(ics, "\r\n")) {
        CHECK_MESSAGE(l.size() <= 75, l);
        if (!l.empty()) CHECK_FALSE(is_utf8_continuation(l[0]));
        if (l.size() > 1 && l[0] == ' ') CHECK_FALSE(is_utf8_continuation(l[1]));
    }
}

const std::string plan_header =
    "week,start,phase,step,projected,referred,distance_cap,downhill_cap,descent_cap,run_days,hard_allowed,"
    "strength_sessions,pullback,logged,remaining,run_walk_run,run_walk_walk,run_walk_repeats,sessions,next_gate,"
    "opens\n";

}  // namespace

TEST_CASE("plan csv: a header row, then a row per week with absent values empty") {
    CHECK(render_plan_delimited(two_week_plan(), ',') ==
          plan_header +
              "2026-W47,2026-11-16,3,2,false,false,,0.0,0.0,3,false,3,false,4.0,,2.0,1.0,7,2;2;3,"
              "2 more passes at step 2,step 3\n"
              "2026-W48,2026-11-23,4,,true,false,19.94,1.0,60.0,3,true,2,true,0.0,19.94,,,,,"
              "downhill unlock; 2 pain-free weeks,\"downhill, 5% of the week; phase 4\"\n");
}

TEST_CASE("plan csv: numbers are rounded to 3 decimals and a quote in a field is doubled") {
    Plan p;
    p.today = date("2026-11-21");
    PlanWeek w = rebuild_week();
    w.phase.reset();  // prevention mode
    w.distance_cap = 22.00049;
    w.downhill_cap = 1.1004;
    w.descent_cap = -0.0001;
    w.next_gate = "say \"ok\"";
    w.opens = {};
    p.weeks = {w};
    CHECK(render_plan_delimited(p, ',') ==
          plan_header +
              "2026-W48,2026-11-23,,,true,false,22.0,1.1,0.0,3,true,2,true,0.0,19.94,,,,,\"say \"\"ok\"\"\",\n");
}

TEST_CASE("plan tsv: tab-separated, and tabs or line breaks inside a field become spaces") {
    Plan p = two_week_plan();
    p.weeks[1].next_gate = "downhill\tunlock\r\nsoon";
    auto tsv = render_plan_delimited(p, '\t');
    auto rows = lines_of(tsv, "\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].substr(0, 23) == "week\tstart\tphase\tstep\tp");
    CHECK(rows[2] ==
          "2026-W48\t2026-11-23\t4\t\ttrue\tfalse\t19.94\t1.0\t60.0\t3\ttrue\t2\ttrue\t0.0\t19.94\t\t\t\t\t"
          "downhill unlock  soon\tdownhill, 5% of the week; phase 4");
}

TEST_CASE("plan ics: a two-week plan, byte for byte") {
    const std::string expected =
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//rkplan//rkplan " RKPLAN_VERSION "//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\n"
        "X-WR-CALNAME:rkplan plan: Sam\\, Jr.\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:rkplan-2026-W47-20261116-72f853ae@rkplan\r\n"
        "DTSTAMP:20261121T000000Z\r\n"
        "DTSTART;VALUE=DATE:20261116\r\n"
        "DTEND;VALUE=DATE:20261123\r\n"
        "SUMMARY:rkplan week 1: run-walk 2:1 x7\\, 3 sessions\r\n"
        "DESCRIPTION:2026-W47 from 2026-11-16 to 2026-11-22 (this week).\\nPhase 3 (r\r\n"
        " un-walk)\\, ladder step 2.\\nSession: run-walk 2:1 x7 (run 2 min\\, walk 1 mi\r\n"
        " n\\, 7 times).\\nSessions at ladder steps: 2\\, 2\\, 3.\\nDownhill: none.\\nDesc\r\n"
        " ent cap: 0 m.\\nRun days: 3.\\nHard runs: not allowed.\\nStrength sessions: 3\r\n"
        " .\\nLogged so far: 4.0 km.\\nNext gate: 2 more passes at step 2.\\nOpens: ste\r\n"
        " p 3.\\n\\nrkplan prints guidance\\, not a diagnosis: see a sports-medicine cl\r\n"
        " inician for knee pain that persists or worsens.\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:rkplan-2026-W48-20261123-72f853ae@rkplan\r\n"
        "DTSTAMP:20261121T000000Z\r\n"
        "DTSTART;VALUE=DATE:20261123\r\n"
        "DTEND;VALUE=DATE:20261130\r\n"
        "SUMMARY:rkplan week 2: up to 19.9 km\\, downhill up to 1.0 km\\, pullback\r\n"
        "DESCRIPTION:2026-W48 from 2026-11-23 to 2026-11-29 (projected).\\nPhase 4 (r\r\n"
        " ebuild).\\nDistance cap: 19.9 km.\\nDownhill cap: 1.0 km.\\nDescent cap: 60 m\r\n"
        " .\\nRun days: 3.\\nHard runs: allowed.\\nStrength sessions: 2.\\nPullback week\r\n"
        " : reduced load after a pain signal.\\nNext gate: downhill unlock\\; 2 pain-f\r\n"
        " ree weeks.\\nOpens: downhill\\, 5% of the week\\; phase 4.\\n\\nrkplan prints g\r\n"
        " uidance\\, not a diagnosis: see a sports-medicine clinician for knee pain t\r\n"
        " hat persists or worsens.\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    auto ics = render_plan_ics(two_week_plan());
    CHECK(ics == expected);
    check_ics_lines(ics);
}

TEST_CASE("plan ics: the same plan gives the same bytes, stamped with the plan's today") {
    auto a = render_plan_ics(two_week_plan());
    CHECK(a == render_plan_ics(two_week_plan()));
    Plan later = two_week_plan();
    later.today = date("2026-11-22");
    auto b = render_plan_ics(later);
    CHECK(content_line(b, "DTSTAMP") == "DTSTAMP:20261122T000000Z");
    CHECK(content_line(b, "UID") == "UID:rkplan-2026-W47-20261116-72f853ae@rkplan");  // stable across runs
    // Another runner's plan for the same weeks: other UIDs (one calendar holds both).
    later.runner = "Jo";
    CHECK(content_line(render_plan_ics(later), "UID") == "UID:rkplan-2026-W47-20261116-61f14b76@rkplan");
    later.runner.clear();
    CHECK(content_line(render_plan_ics(later), "UID") == "UID:rkplan-2026-W47-20261116@rkplan");
}

TEST_CASE("plan ics: without a runner name the calendar is just 'rkplan plan'") {
    Plan p = two_week_plan();
    p.runner.clear();
    CHECK(content_line(render_plan_ics(p), "X-WR-CALNAME") == "X-WR-CALNAME:rkplan plan");
}

TEST_CASE("plan ics: the summary says what the week may hold") {
    Plan p;
    p.today = date("2026-11-21");
    auto summary = [&](const PlanWeek& w) {
        p.weeks = {w};
        return content_line(render_plan_ics(p), "SUMMARY");
    };
    PlanWeek w = rebuild_week();
    w.pullback = false;
    w.downhill_cap = 0;
    CHECK(summary(w) == "SUMMARY:rkplan week 1: up to 19.9 km\\, no downhill");

    p.units = Units::mi;
    w.distance_cap = 12.36;
    w.downhill_cap = 0.55;
    CHECK(summary(w) == "SUMMARY:rkplan week 1: up to 12.4 mi\\, downhill up to 0.6 mi");
    p.units = Units::km;

    // The planner decides that a week has no running (phases 1-2); the renderer says so.
    PlanWeek settle = rebuild_week();
    settle.phase = Phase::settle;
    settle.pullback = false;
    settle.no_running = true;
    settle.distance_cap = 0;
    CHECK(summary(settle) == "SUMMARY:rkplan week 1: no running: cross-train and strengthen");
    settle.phase = Phase::strength;
    CHECK(summary(settle) == "SUMMARY:rkplan week 1: no running: cross-train and strengthen");

    PlanWeek referred = rebuild_week();
    referred.referred = true;
    referred.pullback = false;
    referred.distance_cap = 0;
    CHECK(summary(referred) == "SUMMARY:rkplan week 1: no running: see a clinician");

    PlanWeek continuous = run_walk_week();
    continuous.run_walk = LadderStep{20, 0, 1};
    continuous.run_days = 1;
    CHECK(summary(continuous) == "SUMMARY:rkplan week 1: 20 min continuous\\, 1 session");

    PlanWeek half = run_walk_week();
    half.run_walk = LadderStep{2.5, 1.5, 6};
    CHECK(summary(half) == "SUMMARY:rkplan week 1: run-walk 2.5:1.5 x6\\, 3 sessions");
}

TEST_CASE("plan ics: descent is in the elevation unit and only the first row shows what is logged") {
    Plan p = two_week_plan();
    p.units = Units::mi;
    p.weeks[0].remaining = 6.04;
    p.weeks[1].descent_cap = 316.4;
    auto ics = render_plan_ics(p);
    auto first = content_line(ics, "DESCRIPTION");
    CHECK(first.find("Logged so far: 4.0 mi\\; remaining: 6.0 mi.") != std::string::npos);
    auto second = unfold(ics).substr(unfold(ics).find("UID:rkplan-2026-W48"));
    auto second_desc = content_line(second, "DESCRIPTION");
    CHECK(second_desc.find("Descent cap: 316 ft.") != std::string::npos);
    CHECK(second_desc.find("Logged") == std::string::npos);
    CHECK(second_desc.find("Referred") == std::string::npos);
}

TEST_CASE("plan ics: TEXT values escape backslash, semicolon, comma and line breaks") {
    Plan p = two_week_plan();
    p.weeks = {rebuild_week()};
    p.weeks[0].next_gate = "a\\b;c,d\r\ne\nf";
    auto desc = content_line(render_plan_ics(p), "DESCRIPTION");
    CHECK(desc.find("Next gate: a\\\\b\\;c\\,d\\ne\\nf.\\n") != std::string::npos);
}

TEST_CASE("plan ics: a line of exactly 75 octets is not folded, one of 76 is") {
    // "X-WR-CALNAME:rkplan plan: " is 26 octets.
    Plan p = two_week_plan();
    p.runner = std::string(49, 'a');
    auto ics = render_plan_ics(p);
    CHECK(ics.find("X-WR-CALNAME:rkplan plan: " + std::string(49, 'a') + "\r\nBEGIN:VEVENT") != std::string::npos);
    p.runner = std::string(50, 'a');
    ics = render_plan_ics(p);
    CHECK(ics.find("X-WR-CALNAME:rkplan plan: " + std::string(49, 'a') + "\r\n a\r\nBEGIN:VEVENT") !=
          std::string::npos);
}

TEST_CASE("plan ics: a fold never splits a UTF-8 character") {
    // 26 + 48 = 74 octets, then a 2-octet e-acute over octets 75 and 76: the fold moves
    // before it, leaving a 74-octet line.
    Plan p = two_week_plan();
    p.runner = std::string(48, 'a') + "\xC3\xA9" + "b";
    auto ics = render_plan_ics(p);
    CHECK(ics.find("X-WR-CALNAME:rkplan plan: " + std::string(48, 'a') + "\r\n \xC3\xA9" "b\r\nBEGIN:VEVENT") !=
          std::string::npos);
    // A 4-octet character (U+1F3C3, a runner) ending exactly at octet 75 stays whole.
    p.runner = std::string(45, 'a') + "\xF0\x9F\x8F\x83" + "b";
    ics = render_plan_ics(p);
    CHECK(ics.find("X-WR-CALNAME:rkplan plan: " + std::string(45, 'a') + "\xF0\x9F\x8F\x83\r\n b\r\nBEGIN:VEVENT") !=
          std::string::npos);
    check_ics_lines(ics);
}

TEST_CASE("plan ics: a long multi-byte description folds at 75 octets and unfolds to the original") {
    Plan p = two_week_plan();
    std::string gate;
    for (int i = 0; i < 40; ++i) gate += "pas de douleur \xE2\x80\x93 caf\xC3\xA9 \xF0\x9F\x8F\x83 ";  // en dash, é, runner
    p.weeks[0].next_gate = gate;
    auto ics = render_plan_ics(p);
    check_ics_lines(ics);
    auto desc = content_line(ics, "DESCRIPTION");
    CHECK(desc.size() > 75 * 20);
    CHECK(desc.find("Next gate: " + gate + ".\\n") != std::string::npos);
    // Every physical line but the last of the description is full, short only by what a
    // character that would not fit takes (at most 3 octets of a 4-octet character).
    auto physical = lines_of(ics, "\r\n");
    std::size_t first = 0;
    while (physical[first].rfind("DESCRIPTION:", 0) != 0) ++first;
    std::size_t last = first;
    while (physical[last + 1][0] == ' ') ++last;
    CHECK(last - first >= 20);
    for (std::size_t i = first; i < last; ++i) {
        CHECK(physical[i].size() <= 75);
        CHECK(physical[i].size() >= 72);
    }
}

TEST_CASE("plan text: status, a row per week with what it opens, and the disclaimer") {
    CHECK(render_plan(two_week_plan(), Format::text) ==
          "rkplan plan for Sam, Jr. as of 2026-11-21 (km)\n"
          "\n"
          "Status:   injury mode, phase 3 (run-walk), step 2 (2:1 x7), downhill locked\n"
          "\n"
          "Weeks (* projected: each week before it done as planned, pain-free):\n"
          "  week       start       phase  plan                          downhill  descent  days  hard  strength  logged  next\n"
          "  2026-W47   2026-11-16  3      run-walk 2:1 x7, steps 2/2/3  0.0 km    0 m      3     no    3         4.0 km  2 more passes at step 2 -> step 3\n"
          "  2026-W48*  2026-11-23  4      up to 19.9 km                 1.0 km    60 m     3     yes   2         -       pullback week; downhill unlock; 2 pain-free weeks -> downhill, 5% of the week, phase 4\n"
          "\n"
          "rkplan prints guidance, not a diagnosis: see a sports-medicine clinician for knee pain that persists or worsens.\n");
}

TEST_CASE("plan text at 80 columns folds the least needed columns under each week") {
    CHECK(render_plan(two_week_plan(), Format::text, {false, 80}) ==
          "rkplan plan for Sam, Jr. as of 2026-11-21 (km)\n"
          "\n"
          "Status:   injury mode, phase 3 (run-walk), step 2 (2:1 x7), downhill locked\n"
          "\n"
          "Weeks (* projected: each week before it done as planned, pain-free):\n"
          "  week        ph  plan                          downhill     days  hard  logged\n"
          "  W47 11-16   3   run-walk 2:1 x7, steps 2/2/3  none         3     no    4.0 km\n"
          "    strength 3\n"
          "    next: 2 more passes at step 2 -> step 3\n"
          "  W48* 11-23  4   up to 19.9 km                 1.0 km/60 m  3     yes   -\n"
          "    strength 2\n"
          "    next: pullback week; downhill unlock; 2 pain-free weeks -> downhill, 5% of\n"
          "    the week, phase 4\n"
          "\n"
          "rkplan prints guidance, not a diagnosis: see a sports-medicine clinician for\n"
          "knee pain that persists or worsens.\n");
}

TEST_CASE("plan json: the plan's fields, then one object per week with null where a value is absent") {
    CHECK(render_plan(two_week_plan(), Format::json) ==
          "{\"schema_version\": 1, \"today\": \"2026-11-21\", \"units\": \"km\", \"runner\": \"Sam, Jr.\", \"mode\": \"injury\", \"status\": \"ok\", \"phase\": \"3\", \"step\": 2, \"downhill_unlocked\": false,\n"
          " \"timeline\": null,\n"
          " \"flags\": [],\n"
          " \"gates\": [],\n"
          " \"weeks\": [\n"
          "  {\"week\": \"2026-W47\", \"start\": \"2026-11-16\", \"phase\": \"3\", \"step\": 2, \"projected\": false, \"referred\": false, \"distance_cap\": null, \"downhill_cap\": 0.0, \"descent_cap\": 0.0, \"run_days\": 3, \"hard_allowed\": false, \"strength_sessions\": 3, \"pullback\": false, \"logged\": 4.0, \"remaining\": null, \"run_walk\": {\"run\": 2.0, \"walk\": 1.0, \"repeats\": 7}, \"sessions\": [2, 2, 3], \"next_gate\": \"2 more passes at step 2\", \"opens\": [\"step 3\"]},\n"
          "  {\"week\": \"2026-W48\", \"start\": \"2026-11-23\", \"phase\": \"4\", \"step\": null, \"projected\": true, \"referred\": false, \"distance_cap\": 19.94, \"downhill_cap\": 1.0, \"descent_cap\": 60.0, \"run_days\": 3, \"hard_allowed\": true, \"strength_sessions\": 2, \"pullback\": true, \"logged\": 0.0, \"remaining\": 19.94, \"run_walk\": null, \"sessions\": [], \"next_gate\": \"downhill unlock; 2 pain-free weeks\", \"opens\": [\"downhill, 5% of the week\", \"phase 4\"]}\n"
          " ],\n"
          " \"protocol\": [],\n"
          " \"clearance\": [],\n"
          " \"advice\": [],\n"
          " \"disclaimer\": \"rkplan prints guidance, not a diagnosis: see a sports-medicine clinician for knee pain that persists or worsens.\"}\n");
}

TEST_CASE("plan csv and tsv through render_plan are render_plan_delimited") {
    CHECK(render_plan(two_week_plan(), Format::csv) == render_plan_delimited(two_week_plan(), ','));
    CHECK(render_plan(two_week_plan(), Format::tsv) == render_plan_delimited(two_week_plan(), '\t'));
    CHECK(render_plan(two_week_plan(), Format::ics) == render_plan_ics(two_week_plan()));
}
