// The renderers of src/render/render.cpp: `rkplan weeks` and `rkplan check` (and
// `check --next`) in every format, and the CSV, TSV and JSON helpers they share. Each
// test states the whole output; the histories are small, built with support/histories.hpp.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rkplan/assess.hpp"
#include "rkplan/render.hpp"
#include "support/histories.hpp"

using namespace rkplan;
using namespace rkplan::test;

namespace {

/// Prevention mode, three weeks: W45 11 km (a painful run with descent), W46 15 km (a
/// tempo run; +36%), W47 4 km so far.
std::string sam_history() {
    return "[runner]\nname = \"Sam\"\n" + toml_run("2026-11-03", 5.0, pain_free) +
           toml_run("2026-11-05", 6.0, "pain = 2\npain_after = 1\ndescent = 40\ndownhill = 0.5\n") +
           toml_run("2026-11-10", 7.0, pain_free) +
           toml_run("2026-11-12", 8.0, "kind = \"tempo\"\n" + std::string(pain_free)) +
           toml_run("2026-11-17", 4.0, pain_free);
}

/// Injury mode from 2026-11-09: a run the week before the onset, then phase 1.
std::string injured_history() {
    return "[injury]\nonset = 2026-11-09\n" + toml_run("2026-11-03", 5.0, pain_free) +
           toml_checkin("2026-11-10", "pain = 3") + toml_run("2026-11-18", 2.0, pain_free);
}

Assessment assessed(const std::string& toml) { return assess(load_ok(toml), default_today); }

Finding finding(std::string_view id, Severity severity, int line, std::string message,
                std::vector<std::pair<std::string, std::optional<double>>> values) {
    Finding f;
    f.id = id;
    f.severity = severity;
    f.pos = {line, 1};
    f.week = "2026-W47";
    f.date = day("2026-11-18");
    f.message = std::move(message);
    f.values = std::move(values);
    return f;
}

const std::string weeks_header =
    "week,start,phase,distance,runs,long_run,descent,downhill,hard,pain,pain_after,change,acwr,acwr_ewma,load,"
    "monotony,strain,ctl,atl,tsb,ramp\n";

const std::string findings_header = "file,line,column,severity,id,week,date,message,values\n";

}  // namespace

TEST_CASE("each format is named as --format spells it") {
    CHECK(to_string(Format::text) == "text");
    CHECK(to_string(Format::json) == "json");
    CHECK(to_string(Format::jsonl) == "jsonl");
    CHECK(to_string(Format::csv) == "csv");
    CHECK(to_string(Format::tsv) == "tsv");
    CHECK(to_string(Format::ics) == "ics");
}

TEST_CASE("json_string quotes, escapes quotes, backslashes and control characters, and keeps UTF-8") {
    CHECK(json_string("") == "\"\"");
    CHECK(json_string("plain") == "\"plain\"");
    CHECK(json_string("say \"hi\" C:\\x") == "\"say \\\"hi\\\" C:\\\\x\"");
    CHECK(json_string("a\nb\rc\td") == "\"a\\nb\\rc\\td\"");
    CHECK(json_string("esc\x1b[31m bell\x07") == "\"esc\\u001b[31m bell\\u0007\"");
    CHECK(json_string("genou \xc3\xa9t\xc3\xa9") == "\"genou \xc3\xa9t\xc3\xa9\"");
}

TEST_CASE("csv_field quotes a field with a comma, quote or line break, and doubles its quotes") {
    CHECK(csv_field("plain text; fine") == "plain text; fine");
    CHECK(csv_field("") == "");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"ok\"") == "\"say \"\"ok\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\r") == "\"cr\r\"");
    CHECK(csv_field("tab\there") == "tab\there");
}

TEST_CASE("delimited_table: a header row then rows, csv quoted where needed, tsv with tabs and breaks as spaces") {
    std::vector<std::string> header = {"name", "note"};
    std::vector<std::vector<std::string>> rows = {{"Sam, Jr.", "easy"}, {"Kim", "one\ttwo\r\nthree"}};
    CHECK(delimited_table(header, rows, ',') == "name,note\n\"Sam, Jr.\",easy\nKim,\"one\ttwo\r\nthree\"\n");
    CHECK(delimited_table(header, rows, '\t') == "name\tnote\nSam, Jr.\teasy\nKim\tone two  three\n");
    CHECK(delimited_table(header, {}, ',') == "name,note\n");
}

TEST_CASE("weeks text: a summary line, then one aligned row per week with every column") {
    auto a = assessed(sam_history());
    CHECK(render_weeks(a.weeks, Format::text, {}, &a.timeline) ==
          "3 weeks to 2026-11-21, distances in km, descent in m, load basis: distance\n"
          "\n"
          "week      start       dist  runs  long  desc  downh  hard  pain  after  change  acwr  ewma  load  mono  strain  ctl  atl   tsb  ramp\n"
          "2026-W45  2026-11-02  11.0     2   6.0    40    0.5     0     2      1       -     -  1.62     -  0.63     6.9  0.2  0.8  -0.7   0.2\n"
          "2026-W46  2026-11-09  15.0     2   8.0     0    0.0     1     0      0  +36.4%     -  1.22     -  0.63     9.5  0.5  1.5  -1.2   0.3\n"
          "2026-W47  2026-11-16   4.0     1   4.0     0    0.0     0     0      0  -57.2%     -  0.60     -  0.41     1.6  0.5  0.9  -0.5   0.0\n");
}

TEST_CASE("weeks text at 80 columns leaves out the least needed columns and names them") {
    auto a = assessed(sam_history());
    CHECK(render_weeks(a.weeks, Format::text, {false, 80}, &a.timeline) ==
          "3 weeks to 2026-11-21, distances in km, descent in m, load basis: distance\n"
          "\n"
          "week      dist  runs  long  desc  downh  hard  pain  after  change  acwr\n"
          "2026-W45  11.0     2   6.0    40    0.5     0     2      1       -     -\n"
          "2026-W46  15.0     2   8.0     0    0.0     1     0      0  +36.4%     -\n"
          "2026-W47   4.0     1   4.0     0    0.0     0     0      0  -57.2%     -\n"
          "\n"
          "Not shown in 80 columns: ramp, tsb, atl, ctl, strain, mono, load, ewma, start\n"
          "(--width 0, or a pipe, shows every column).\n");
}

TEST_CASE("weeks text in colour makes the header row bold, and only it") {
    auto a = assessed(sam_history());
    auto plain = render_weeks(a.weeks, Format::text, {}, &a.timeline);
    auto coloured = render_weeks(a.weeks, Format::text, {true, 0}, &a.timeline);
    auto header_at = plain.find("week  ");
    auto header_end = plain.find('\n', header_at);
    CHECK(coloured == plain.substr(0, header_at) + "\x1b[1m" + plain.substr(header_at, header_end - header_at) +
                          "\x1b[0m" + plain.substr(header_end));
}

TEST_CASE("weeks text in injury mode has a phase column, empty before the onset") {
    auto a = assessed(injured_history());
    CHECK(render_weeks(a.weeks, Format::text, {}, &a.timeline) ==
          "3 weeks to 2026-11-21, distances in km, descent in m, load basis: distance\n"
          "\n"
          "week      start       phase  dist  runs  long  desc  downh  hard  pain  after  change  acwr  ewma  load  mono  strain  ctl  atl   tsb  ramp\n"
          "2026-W45  2026-11-02          5.0     1   5.0     0    0.0     0     0      0       -     -  1.23     -  0.41     2.0  0.1  0.3  -0.3   0.1\n"
          "2026-W46  2026-11-09      1   0.0     0   0.0     0    0.0     0     -      -   -100%     -  0.27     -     -       -  0.1  0.1   0.0   0.0\n"
          "2026-W47  2026-11-16      1   2.0     1   2.0     0    0.0     0     0      0    -60%     -  1.06     -  0.41     0.8  0.1  0.2  -0.1   0.0\n");
}

TEST_CASE("weeks text without entries says there is nothing to show") {
    auto a = assessed("");
    CHECK(render_weeks(a.weeks, Format::text, {}, &a.timeline) ==
          "0 weeks to 2026-11-21, distances in km, descent in m, load basis: distance\n"
          "No entries yet: nothing to show.\n");
    CHECK(render_weeks(a.weeks, Format::json, {}, &a.timeline) ==
          "{\"schema_version\": 1, \"units\": \"km\", \"load_basis\": \"distance\", \"today\": \"2026-11-21\",\n"
          " \"weeks\": []}\n");
    CHECK(render_weeks(a.weeks, Format::csv, {}, &a.timeline) == weeks_header);
}

TEST_CASE("weeks text marks weekly totals, a ratio no rule reads, and sessions without srpe") {
    WeeksReport r;
    r.units = Units::mi;
    r.load_basis = LoadBasis::srpe;
    r.today = day("2026-11-21");
    WeekMetrics totals;
    totals.name = "2026-W46";
    totals.start = day("2026-11-09");
    totals.from_totals = true;
    totals.distance = 20.04;
    totals.long_run = 7.0;
    totals.descent = 120.6;
    totals.downhill = 0.74;
    totals.acwr = 1.234;
    totals.srpe_missing = 1;
    WeekMetrics week;
    week.name = "2026-W47";
    week.start = day("2026-11-16");
    week.distance = 22.0;
    week.runs = 3;
    week.long_run = 9.0;
    week.hard = 1;
    week.pain = 1;
    week.pain_after = 0;
    week.change = 0.101;
    week.acwr = 1.1;
    week.load = 640;
    week.srpe_missing = 2;
    r.weeks = {totals, week};
    PhaseTimeline t;
    t.mode = Mode::prevention;
    t.weeks.resize(2);
    t.weeks[1].acwr_applies = true;
    CHECK(render_weeks(r, Format::text, {}, &t) ==
          "2 weeks to 2026-11-21, distances in mi, descent in ft, load basis: srpe\n"
          "\n"
          "week       start       dist  runs  long  desc  downh  hard  pain  after  change    acwr  ewma  load  mono  "
          "strain  ctl  atl  tsb  ramp\n"
          "2026-W46*  2026-11-09  20.0     -   7.0   121    0.7     0     -      -       -  (1.23)     -     -     -  "
          "     -    -    -    -     -\n"
          "2026-W47   2026-11-16  22.0     3   9.0     0    0.0     1     1      0  +10.1%    1.10     -   640     -  "
          "     -    -    -    -     -\n"
          "\n"
          "* weekly totals from [[week]]: runs, monotony and strain are unknown.\n"
          "\n"
          "(acwr): a ratio no rule reads there (phase 3, after a restart): no warning sign.\n"
          "\n"
          "3 sessions without both duration and rpe count 0 in the srpe load series.\n");
    // Without a timeline nothing says which ratios the rules read: every one is shown plain.
    CHECK(render_weeks(r, Format::text, {}, nullptr).find("  1.23  ") != std::string::npos);
    r.weeks[1].srpe_missing = 0;
    CHECK(render_weeks(r, Format::text, {}, &t).find("1 session without both duration and rpe count 0") !=
          std::string::npos);
}

TEST_CASE("weeks json: one object a week, null where a value is absent") {
    auto a = assessed(sam_history());
    CHECK(render_weeks(a.weeks, Format::json, {}, &a.timeline) ==
          "{\"schema_version\": 1, \"units\": \"km\", \"load_basis\": \"distance\", \"today\": \"2026-11-21\",\n"
          " \"weeks\": [\n"
          "  {\"week\": \"2026-W45\", \"start\": \"2026-11-02\", \"phase\": null, \"distance\": 11.0, \"runs\": 2, \"long_run\": 6.0, \"descent\": 40.0, \"downhill\": 0.5, \"hard\": 0, \"pain\": 2.0, \"pain_after\": 1.0, \"baseline\": null, \"change\": null, \"acwr\": null, \"acwr_applies\": false, \"acwr_ewma\": 1.616, \"load\": null, \"monotony\": 0.629, \"strain\": 6.917, \"ctl\": 0.236, \"atl\": 0.846, \"tsb\": -0.735, \"ramp\": 0.236, \"from_totals\": false, \"srpe_missing\": 0},\n"
          "  {\"week\": \"2026-W46\", \"start\": \"2026-11-09\", \"phase\": null, \"distance\": 15.0, \"runs\": 2, \"long_run\": 8.0, \"descent\": 0.0, \"downhill\": 0.0, \"hard\": 1, \"pain\": 0.0, \"pain_after\": 0.0, \"baseline\": 11.0, \"change\": 0.364, \"acwr\": null, \"acwr_applies\": false, \"acwr_ewma\": 1.222, \"load\": null, \"monotony\": 0.63, \"strain\": 9.457, \"ctl\": 0.521, \"atl\": 1.461, \"tsb\": -1.152, \"ramp\": 0.285, \"from_totals\": false, \"srpe_missing\": 0},\n"
          "  {\"week\": \"2026-W47\", \"start\": \"2026-11-16\", \"phase\": null, \"distance\": 4.0, \"runs\": 1, \"long_run\": 4.0, \"descent\": 0.0, \"downhill\": 0.0, \"hard\": 0, \"pain\": 0.0, \"pain_after\": 0.0, \"baseline\": 9.35, \"change\": -0.572, \"acwr\": null, \"acwr_applies\": false, \"acwr_ewma\": 0.596, \"load\": null, \"monotony\": 0.408, \"strain\": 1.633, \"ctl\": 0.537, \"atl\": 0.921, \"tsb\": -0.512, \"ramp\": 0.004, \"from_totals\": false, \"srpe_missing\": 0}\n"
          " ]}\n");
}

TEST_CASE("weeks json in injury mode gives each week's phase, null before the onset") {
    auto a = assessed(injured_history());
    CHECK(render_weeks(a.weeks, Format::json, {}, &a.timeline) ==
          "{\"schema_version\": 1, \"units\": \"km\", \"load_basis\": \"distance\", \"today\": \"2026-11-21\",\n"
          " \"weeks\": [\n"
          "  {\"week\": \"2026-W45\", \"start\": \"2026-11-02\", \"phase\": null, \"distance\": 5.0, \"runs\": 1, \"long_run\": 5.0, \"descent\": 0.0, \"downhill\": 0.0, \"hard\": 0, \"pain\": 0.0, \"pain_after\": 0.0, \"baseline\": null, \"change\": null, \"acwr\": null, \"acwr_applies\": false, \"acwr_ewma\": 1.23, \"load\": null, \"monotony\": 0.408, \"strain\": 2.041, \"ctl\": 0.104, \"atl\": 0.326, \"tsb\": -0.269, \"ramp\": 0.104, \"from_totals\": false, \"srpe_missing\": 0},\n"
          "  {\"week\": \"2026-W46\", \"start\": \"2026-11-09\", \"phase\": \"1\", \"distance\": 0.0, \"runs\": 0, \"long_run\": 0.0, \"descent\": 0.0, \"downhill\": 0.0, \"hard\": 0, \"pain\": null, \"pain_after\": null, \"baseline\": 5.0, \"change\": -1.0, \"acwr\": null, \"acwr_applies\": false, \"acwr_ewma\": 0.271, \"load\": null, \"monotony\": null, \"strain\": null, \"ctl\": 0.088, \"atl\": 0.12, \"tsb\": -0.048, \"ramp\": -0.016, \"from_totals\": false, \"srpe_missing\": 0},\n"
          "  {\"week\": \"2026-W47\", \"start\": \"2026-11-16\", \"phase\": \"1\", \"distance\": 2.0, \"runs\": 1, \"long_run\": 2.0, \"descent\": 0.0, \"downhill\": 0.0, \"hard\": 0, \"pain\": 0.0, \"pain_after\": 0.0, \"baseline\": 5.0, \"change\": -0.6, \"acwr\": null, \"acwr_applies\": false, \"acwr_ewma\": 1.055, \"load\": null, \"monotony\": 0.408, \"strain\": 0.816, \"ctl\": 0.12, \"atl\": 0.224, \"tsb\": -0.135, \"ramp\": 0.03, \"from_totals\": false, \"srpe_missing\": 0}\n"
          " ]}\n");
}

TEST_CASE("weeks csv and tsv: the header row, then one row a week with absent values empty") {
    auto a = assessed(sam_history());
    CHECK(render_weeks(a.weeks, Format::csv, {}, &a.timeline) ==
          "week,start,phase,distance,runs,long_run,descent,downhill,hard,pain,pain_after,change,acwr,acwr_ewma,load,monotony,strain,ctl,atl,tsb,ramp\n"
          "2026-W45,2026-11-02,,11.0,2,6.0,40.0,0.5,0,2.0,1.0,,,1.616,,0.629,6.917,0.236,0.846,-0.735,0.236\n"
          "2026-W46,2026-11-09,,15.0,2,8.0,0.0,0.0,1,0.0,0.0,0.364,,1.222,,0.63,9.457,0.521,1.461,-1.152,0.285\n"
          "2026-W47,2026-11-16,,4.0,1,4.0,0.0,0.0,0,0.0,0.0,-0.572,,0.596,,0.408,1.633,0.537,0.921,-0.512,0.004\n");
    CHECK(render_weeks(a.weeks, Format::tsv, {}, &a.timeline) ==
          "week\tstart\tphase\tdistance\truns\tlong_run\tdescent\tdownhill\thard\tpain\tpain_after\tchange\tacwr\tacwr_ewma\tload\tmonotony\tstrain\tctl\tatl\ttsb\tramp\n"
          "2026-W45\t2026-11-02\t\t11.0\t2\t6.0\t40.0\t0.5\t0\t2.0\t1.0\t\t\t1.616\t\t0.629\t6.917\t0.236\t0.846\t-0.735\t0.236\n"
          "2026-W46\t2026-11-09\t\t15.0\t2\t8.0\t0.0\t0.0\t1\t0.0\t0.0\t0.364\t\t1.222\t\t0.63\t9.457\t0.521\t1.461\t-1.152\t0.285\n"
          "2026-W47\t2026-11-16\t\t4.0\t1\t4.0\t0.0\t0.0\t0\t0.0\t0.0\t-0.572\t\t0.596\t\t0.408\t1.633\t0.537\t0.921\t-0.512\t0.004\n");
    auto i = assessed(injured_history());
    CHECK(render_weeks(i.weeks, Format::csv, {}, &i.timeline) ==
          "week,start,phase,distance,runs,long_run,descent,downhill,hard,pain,pain_after,change,acwr,acwr_ewma,load,monotony,strain,ctl,atl,tsb,ramp\n"
          "2026-W45,2026-11-02,,5.0,1,5.0,0.0,0.0,0,0.0,0.0,,,1.23,,0.408,2.041,0.104,0.326,-0.269,0.104\n"
          "2026-W46,2026-11-09,1,0.0,0,0.0,0.0,0.0,0,,,-1.0,,0.271,,,,0.088,0.12,-0.048,-0.016\n"
          "2026-W47,2026-11-16,1,2.0,1,2.0,0.0,0.0,0,0.0,0.0,-0.6,,1.055,,0.408,0.816,0.12,0.224,-0.135,0.03\n");
}

TEST_CASE("check text: a line per finding as a compiler writes it, then the counts") {
    auto sam = assessed(sam_history());
    auto injured = assessed(injured_history());
    std::vector<FileFindings> files = {{"sam.toml", Units::km, sam.findings, {}},
                                       {"ai.toml", Units::km, injured.findings, {}}};
    CHECK(render_findings(files, Format::text, {}) ==
          "sam.toml:10:1: warning[pain-signal]: 2026-W45: an easy run of 6.0 km on 2026-11-05: pain 2 during the run and pain 1 the next morning, above the limit of 0\n"
          "sam.toml:10:1: warning[downhill-increase]: 2026-W45: 40 m descent is above its cap of 33 m (previous week 0 m +10%, or 3 m per km of the week's 11.0 km)\n"
          "sam.toml:24:1: error[hard-too-early]: 2026-W46: a tempo run of 8.0 km on 2026-11-12 during a pullback\n"
          "sam.toml:24:1: error[weekly-increase]: 2026-W46: 15.0 km is 36.4% above 11.0 km (cap 12.1 km)\n"
          "sam.toml:24:1: error[pullback-ignored]: 2026-W46: 15.0 km in a pullback week, above its cap of 7.7 km (70% of 11.0 km)\n"
          "ai.toml:14:1: error[running-too-early]: 2026-W47: an easy run of 2.0 km on 2026-11-18 in phase 1 (settle): running starts in phase 3 with run-walk\n"
          "4 errors, 2 warnings, 0 infos in 2 files checked\n");
}

TEST_CASE("check text: no findings, one of each severity, and invalid files counted apart") {
    CHECK(render_findings({}, Format::text, {}) == "0 errors, 0 warnings, 0 infos in 0 files checked\n");
    std::vector<FileFindings> files = {
        {"a.toml", Units::km, {finding("shoe-worn", Severity::info, 3, "shoe \"x\" is worn", {})}, {}},
        {"b.toml", Units::km, {}, {Diagnostic{{2, 5}, "bad", "good", true}}},
        {"c.toml", Units::km, {}, {Diagnostic{{0, 0}, "cannot read", "", false}}}};
    CHECK(render_findings(files, Format::text, {}) ==
          "a.toml:3:1: info[shoe-worn]: 2026-W47: shoe \"x\" is worn\n"
          "0 errors, 0 warnings, 1 info in 1 file checked; 2 files invalid (see the errors above)\n");
}

TEST_CASE("check text in colour colours the severity only, and at 80 columns a long finding wraps") {
    std::vector<FileFindings> files = {
        {"a.toml", Units::km,
         {finding("pain-signal", Severity::warning, 7, "pain 3 during the run, above the limit of 2", {}),
          finding("red-flag", Severity::error, 9, "swelling", {}), finding("shoe-worn", Severity::info, 11, "worn", {})},
         {}}};
    CHECK(render_findings(files, Format::text, {true, 0}) ==
          "a.toml:7:1: \x1b[1;33mwarning\x1b[0m[pain-signal]: 2026-W47: pain 3 during the run, above the limit of 2\n"
          "a.toml:9:1: \x1b[1;31merror\x1b[0m[red-flag]: 2026-W47: swelling\n"
          "a.toml:11:1: \x1b[1;36minfo\x1b[0m[shoe-worn]: 2026-W47: worn\n"
          "1 error, 1 warning, 1 info in 1 file checked\n");
    files[0].findings[0].message = "an easy run of 6.0 km on 2026-11-18: pain 3 during the run and pain 2 the next "
                                   "morning, above the limit of 0";
    files[0].findings.resize(1);
    CHECK(render_findings(files, Format::text, {false, 80}) ==
          "a.toml:7:1: warning[pain-signal]: 2026-W47: an easy run of 6.0 km on 2026-11-18:\n"
          "    pain 3 during the run and pain 2 the next morning, above the limit of 0\n"
          "0 errors, 1 warning, 0 infos in 1 file checked\n");
}

TEST_CASE("check json: the findings, each with its values, and no errors or verdict") {
    auto sam = assessed(sam_history());
    auto injured = assessed(injured_history());
    std::vector<FileFindings> files = {{"sam.toml", Units::km, sam.findings, {}},
                                       {"ai.toml", Units::km, injured.findings, {}}};
    CHECK(render_findings(files, Format::json, {}) ==
          "{\"schema_version\": 1,\n"
          " \"findings\": [\n"
          "  {\"id\": \"pain-signal\", \"severity\": \"warning\", \"file\": \"sam.toml\", \"line\": 10, \"column\": 1, \"week\": \"2026-W45\", \"date\": \"2026-11-05\", \"message\": \"an easy run of 6.0 km on 2026-11-05: pain 2 during the run and pain 1 the next morning, above the limit of 0\", \"values\": {\"pain\": 2.0, \"pain_after\": 1.0, \"limit\": 0.0}},\n"
          "  {\"id\": \"downhill-increase\", \"severity\": \"warning\", \"file\": \"sam.toml\", \"line\": 10, \"column\": 1, \"week\": \"2026-W45\", \"date\": \"2026-11-05\", \"message\": \"40 m descent is above its cap of 33 m (previous week 0 m +10%, or 3 m per km of the week's 11.0 km)\", \"values\": {\"descent\": 40.0, \"previous\": 0.0, \"cap\": 33.0}},\n"
          "  {\"id\": \"hard-too-early\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"a tempo run of 8.0 km on 2026-11-12 during a pullback\", \"values\": {\"distance\": 8.0}},\n"
          "  {\"id\": \"weekly-increase\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"15.0 km is 36.4% above 11.0 km (cap 12.1 km)\", \"values\": {\"distance\": 15.0, \"baseline\": 11.0, \"cap\": 12.1}},\n"
          "  {\"id\": \"pullback-ignored\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"15.0 km in a pullback week, above its cap of 7.7 km (70% of 11.0 km)\", \"values\": {\"distance\": 15.0, \"cap\": 7.7, \"reference\": 11.0}},\n"
          "  {\"id\": \"running-too-early\", \"severity\": \"error\", \"file\": \"ai.toml\", \"line\": 14, \"column\": 1, \"week\": \"2026-W47\", \"date\": \"2026-11-18\", \"message\": \"an easy run of 2.0 km on 2026-11-18 in phase 1 (settle): running starts in phase 3 with run-walk\", \"values\": {\"distance\": 2.0}}\n"
          " ],\n"
          " \"errors\": [],\n"
          " \"next\": null}\n");
}

TEST_CASE("check json and jsonl: the diagnostics of files that did not load, null where there is no position") {
    std::vector<FileFindings> files = {
        {"a.toml", Units::km, {finding("shoe-worn", Severity::info, 3, "worn", {{"total", 801.25}, {"limit", std::nullopt}})}, {}},
        {"b\"q.toml", Units::km, {}, {Diagnostic{{4, 2}, "later", "", true}, Diagnostic{{2, 5}, "bad \"x\"", "good", true}}},
        {"c.toml", Units::km, {}, {Diagnostic{{0, 0}, "cannot read", "", false}}}};
    CHECK(render_findings(files, Format::json, {}) ==
          "{\"schema_version\": 1,\n"
          " \"findings\": [\n"
          "  {\"id\": \"shoe-worn\", \"severity\": \"info\", \"file\": \"a.toml\", \"line\": 3, \"column\": 1, "
          "\"week\": \"2026-W47\", \"date\": \"2026-11-18\", \"message\": \"worn\", \"values\": {\"total\": 801.25, "
          "\"limit\": null}}\n"
          " ],\n"
          " \"errors\": [\n"
          "  {\"file\": \"b\\\"q.toml\", \"line\": 4, \"column\": 2, \"message\": \"later\", \"expected\": \"\"},\n"
          "  {\"file\": \"b\\\"q.toml\", \"line\": 2, \"column\": 5, \"message\": \"bad \\\"x\\\"\", \"expected\": "
          "\"good\"},\n"
          "  {\"file\": \"c.toml\", \"line\": null, \"column\": null, \"message\": \"cannot read\", \"expected\": \"\"}\n"
          " ],\n"
          " \"next\": null}\n");
    // jsonl: each file's findings, then its errors in position order.
    CHECK(render_findings(files, Format::jsonl, {}) ==
          "{\"type\": \"finding\", \"id\": \"shoe-worn\", \"severity\": \"info\", \"file\": \"a.toml\", \"line\": 3, "
          "\"column\": 1, \"week\": \"2026-W47\", \"date\": \"2026-11-18\", \"message\": \"worn\", \"values\": "
          "{\"total\": 801.25, \"limit\": null}}\n"
          "{\"type\": \"error\", \"file\": \"b\\\"q.toml\", \"line\": 2, \"column\": 5, \"message\": \"bad \\\"x\\\"\", "
          "\"expected\": \"good\"}\n"
          "{\"type\": \"error\", \"file\": \"b\\\"q.toml\", \"line\": 4, \"column\": 2, \"message\": \"later\", "
          "\"expected\": \"\"}\n"
          "{\"type\": \"error\", \"file\": \"c.toml\", \"line\": null, \"column\": null, \"message\": \"cannot read\", "
          "\"expected\": \"\"}\n");
    CHECK(render_findings({}, Format::json, {}) ==
          "{\"schema_version\": 1,\n \"findings\": [],\n \"errors\": [],\n \"next\": null}\n");
    CHECK(render_findings({}, Format::jsonl, {}) == "");
}

TEST_CASE("check jsonl: one finding a line, in file order") {
    auto sam = assessed(sam_history());
    auto injured = assessed(injured_history());
    std::vector<FileFindings> files = {{"sam.toml", Units::km, sam.findings, {}},
                                       {"ai.toml", Units::km, injured.findings, {}}};
    CHECK(render_findings(files, Format::jsonl, {}) ==
          "{\"type\": \"finding\", \"id\": \"pain-signal\", \"severity\": \"warning\", \"file\": \"sam.toml\", \"line\": 10, \"column\": 1, \"week\": \"2026-W45\", \"date\": \"2026-11-05\", \"message\": \"an easy run of 6.0 km on 2026-11-05: pain 2 during the run and pain 1 the next morning, above the limit of 0\", \"values\": {\"pain\": 2.0, \"pain_after\": 1.0, \"limit\": 0.0}}\n"
          "{\"type\": \"finding\", \"id\": \"downhill-increase\", \"severity\": \"warning\", \"file\": \"sam.toml\", \"line\": 10, \"column\": 1, \"week\": \"2026-W45\", \"date\": \"2026-11-05\", \"message\": \"40 m descent is above its cap of 33 m (previous week 0 m +10%, or 3 m per km of the week's 11.0 km)\", \"values\": {\"descent\": 40.0, \"previous\": 0.0, \"cap\": 33.0}}\n"
          "{\"type\": \"finding\", \"id\": \"hard-too-early\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"a tempo run of 8.0 km on 2026-11-12 during a pullback\", \"values\": {\"distance\": 8.0}}\n"
          "{\"type\": \"finding\", \"id\": \"weekly-increase\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"15.0 km is 36.4% above 11.0 km (cap 12.1 km)\", \"values\": {\"distance\": 15.0, \"baseline\": 11.0, \"cap\": 12.1}}\n"
          "{\"type\": \"finding\", \"id\": \"pullback-ignored\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"15.0 km in a pullback week, above its cap of 7.7 km (70% of 11.0 km)\", \"values\": {\"distance\": 15.0, \"cap\": 7.7, \"reference\": 11.0}}\n"
          "{\"type\": \"finding\", \"id\": \"running-too-early\", \"severity\": \"error\", \"file\": \"ai.toml\", \"line\": 14, \"column\": 1, \"week\": \"2026-W47\", \"date\": \"2026-11-18\", \"message\": \"an easy run of 2.0 km on 2026-11-18 in phase 1 (settle): running starts in phase 3 with run-walk\", \"values\": {\"distance\": 2.0}}\n");
}

TEST_CASE("check csv and tsv: a row per finding, values as name=value joined by semicolons, errors left out") {
    auto sam = assessed(sam_history());
    auto injured = assessed(injured_history());
    std::vector<FileFindings> files = {{"sam.toml", Units::km, sam.findings, {}},
                                       {"ai.toml", Units::km, injured.findings, {}},
                                       {"bad.toml", Units::km, {}, {Diagnostic{{1, 1}, "bad", "", true}}}};
    CHECK(render_findings(files, Format::csv, {}) ==
          "file,line,column,severity,id,week,date,message,values\n"
          "sam.toml,10,1,warning,pain-signal,2026-W45,2026-11-05,\"an easy run of 6.0 km on 2026-11-05: pain 2 during the run and pain 1 the next morning, above the limit of 0\",pain=2.0;pain_after=1.0;limit=0.0\n"
          "sam.toml,10,1,warning,downhill-increase,2026-W45,2026-11-05,\"40 m descent is above its cap of 33 m (previous week 0 m +10%, or 3 m per km of the week's 11.0 km)\",descent=40.0;previous=0.0;cap=33.0\n"
          "sam.toml,24,1,error,hard-too-early,2026-W46,2026-11-12,a tempo run of 8.0 km on 2026-11-12 during a pullback,distance=8.0\n"
          "sam.toml,24,1,error,weekly-increase,2026-W46,2026-11-12,15.0 km is 36.4% above 11.0 km (cap 12.1 km),distance=15.0;baseline=11.0;cap=12.1\n"
          "sam.toml,24,1,error,pullback-ignored,2026-W46,2026-11-12,\"15.0 km in a pullback week, above its cap of 7.7 km (70% of 11.0 km)\",distance=15.0;cap=7.7;reference=11.0\n"
          "ai.toml,14,1,error,running-too-early,2026-W47,2026-11-18,an easy run of 2.0 km on 2026-11-18 in phase 1 (settle): running starts in phase 3 with run-walk,distance=2.0\n");
    std::vector<FileFindings> one = {
        {"a.toml", Units::km, {finding("shoe-worn", Severity::info, 3, "shoe \"x\",\tworn", {{"total", 801.25}, {"limit", std::nullopt}})}, {}}};
    CHECK(render_findings(one, Format::csv, {}) ==
          findings_header + "a.toml,3,1,info,shoe-worn,2026-W47,2026-11-18,\"shoe \"\"x\"\",\tworn\",total=801.25;limit=\n");
    CHECK(render_findings(one, Format::tsv, {}) ==
          "file\tline\tcolumn\tseverity\tid\tweek\tdate\tmessage\tvalues\n"
          "a.toml\t3\t1\tinfo\tshoe-worn\t2026-W47\t2026-11-18\tshoe \"x\", worn\ttotal=801.25;limit=\n");
}

TEST_CASE("check --next text: the week and verdict, the caps and why not") {
    auto h = load_ok(sam_history());
    CHECK(render_next(judge_next_week(h, default_today, 20.0, 1.0, 50), Units::km) ==
          "next week 2026-W48 (from 2026-11-23): 20.0 km, 1.0 km downhill, 50 m descent: not ok\n"
          "  distance cap 8.3 km (baseline 7.6 km)\n"
          "  downhill cap 1.0 km, descent cap 60 m\n"
          "  - 20.0 km is above the cap of 8.32 km\n");
    CHECK(render_next(judge_next_week(h, default_today, 5.0, 0, 0), Units::km) ==
          "next week 2026-W48 (from 2026-11-23): 5.0 km, 0.0 km downhill, 0 m descent: ok\n"
          "  distance cap 8.3 km (baseline 7.6 km)\n"
          "  downhill cap 0.3 km, descent cap 15 m\n");
    auto injured = load_ok(injured_history());
    CHECK(render_next(judge_next_week(injured, default_today, 5.0, 0, 0), Units::km) ==
          "next week 2026-W48 (from 2026-11-23): 5.0 km, 0.0 km downhill, 0 m descent: not ok\n"
          "  distance cap 0 km (no running in this phase)\n"
          "  downhill cap 0.0 km, descent cap 0 m (downhill locked)\n"
          "  - no running in phase 1 (settle)\n");
}

TEST_CASE("check --next in every format: after the findings in text, as next in json and a last line in jsonl") {
    auto h = load_ok(sam_history());
    auto sam = assess(h, default_today);
    auto injured = assessed(injured_history());
    std::vector<FileFindings> files = {{"sam.toml", Units::km, sam.findings, {}},
                                       {"ai.toml", Units::km, injured.findings, {}}};
    auto next = judge_next_week(h, default_today, 20.0, 1.0, 50);
    CHECK(render_findings(files, Format::text, {}, &next) ==
          "sam.toml:10:1: warning[pain-signal]: 2026-W45: an easy run of 6.0 km on 2026-11-05: pain 2 during the run and pain 1 the next morning, above the limit of 0\n"
          "sam.toml:10:1: warning[downhill-increase]: 2026-W45: 40 m descent is above its cap of 33 m (previous week 0 m +10%, or 3 m per km of the week's 11.0 km)\n"
          "sam.toml:24:1: error[hard-too-early]: 2026-W46: a tempo run of 8.0 km on 2026-11-12 during a pullback\n"
          "sam.toml:24:1: error[weekly-increase]: 2026-W46: 15.0 km is 36.4% above 11.0 km (cap 12.1 km)\n"
          "sam.toml:24:1: error[pullback-ignored]: 2026-W46: 15.0 km in a pullback week, above its cap of 7.7 km (70% of 11.0 km)\n"
          "ai.toml:14:1: error[running-too-early]: 2026-W47: an easy run of 2.0 km on 2026-11-18 in phase 1 (settle): running starts in phase 3 with run-walk\n"
          "4 errors, 2 warnings, 0 infos in 2 files checked\n"
          "\n"
          "next week 2026-W48 (from 2026-11-23): 20.0 km, 1.0 km downhill, 50 m descent: not ok\n"
          "  distance cap 8.3 km (baseline 7.6 km)\n"
          "  downhill cap 1.0 km, descent cap 60 m\n"
          "  - 20.0 km is above the cap of 8.32 km\n");
    CHECK(render_findings(files, Format::json, {}, &next) ==
          "{\"schema_version\": 1,\n"
          " \"findings\": [\n"
          "  {\"id\": \"pain-signal\", \"severity\": \"warning\", \"file\": \"sam.toml\", \"line\": 10, \"column\": 1, \"week\": \"2026-W45\", \"date\": \"2026-11-05\", \"message\": \"an easy run of 6.0 km on 2026-11-05: pain 2 during the run and pain 1 the next morning, above the limit of 0\", \"values\": {\"pain\": 2.0, \"pain_after\": 1.0, \"limit\": 0.0}},\n"
          "  {\"id\": \"downhill-increase\", \"severity\": \"warning\", \"file\": \"sam.toml\", \"line\": 10, \"column\": 1, \"week\": \"2026-W45\", \"date\": \"2026-11-05\", \"message\": \"40 m descent is above its cap of 33 m (previous week 0 m +10%, or 3 m per km of the week's 11.0 km)\", \"values\": {\"descent\": 40.0, \"previous\": 0.0, \"cap\": 33.0}},\n"
          "  {\"id\": \"hard-too-early\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"a tempo run of 8.0 km on 2026-11-12 during a pullback\", \"values\": {\"distance\": 8.0}},\n"
          "  {\"id\": \"weekly-increase\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"15.0 km is 36.4% above 11.0 km (cap 12.1 km)\", \"values\": {\"distance\": 15.0, \"baseline\": 11.0, \"cap\": 12.1}},\n"
          "  {\"id\": \"pullback-ignored\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"15.0 km in a pullback week, above its cap of 7.7 km (70% of 11.0 km)\", \"values\": {\"distance\": 15.0, \"cap\": 7.7, \"reference\": 11.0}},\n"
          "  {\"id\": \"running-too-early\", \"severity\": \"error\", \"file\": \"ai.toml\", \"line\": 14, \"column\": 1, \"week\": \"2026-W47\", \"date\": \"2026-11-18\", \"message\": \"an easy run of 2.0 km on 2026-11-18 in phase 1 (settle): running starts in phase 3 with run-walk\", \"values\": {\"distance\": 2.0}}\n"
          " ],\n"
          " \"errors\": [],\n"
          " \"next\": {\"week\": \"2026-W48\", \"start\": \"2026-11-23\", \"distance\": 20.0, \"downhill\": 1.0, \"descent\": 50.0, \"ok\": false, \"distance_cap\": 8.323, \"downhill_cap\": 1.0, \"descent_cap\": 60.0, \"baseline\": 7.567, \"may_run\": true, \"run_walk\": false, \"hard_allowed\": true, \"reasons\": [\"20.0 km is above the cap of 8.32 km\"], \"cap_reason\": \"increase\", \"plan_holds\": null, \"plan_shows\": null}}\n");
    CHECK(render_findings(files, Format::jsonl, {}, &next) ==
          "{\"type\": \"finding\", \"id\": \"pain-signal\", \"severity\": \"warning\", \"file\": \"sam.toml\", \"line\": 10, \"column\": 1, \"week\": \"2026-W45\", \"date\": \"2026-11-05\", \"message\": \"an easy run of 6.0 km on 2026-11-05: pain 2 during the run and pain 1 the next morning, above the limit of 0\", \"values\": {\"pain\": 2.0, \"pain_after\": 1.0, \"limit\": 0.0}}\n"
          "{\"type\": \"finding\", \"id\": \"downhill-increase\", \"severity\": \"warning\", \"file\": \"sam.toml\", \"line\": 10, \"column\": 1, \"week\": \"2026-W45\", \"date\": \"2026-11-05\", \"message\": \"40 m descent is above its cap of 33 m (previous week 0 m +10%, or 3 m per km of the week's 11.0 km)\", \"values\": {\"descent\": 40.0, \"previous\": 0.0, \"cap\": 33.0}}\n"
          "{\"type\": \"finding\", \"id\": \"hard-too-early\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"a tempo run of 8.0 km on 2026-11-12 during a pullback\", \"values\": {\"distance\": 8.0}}\n"
          "{\"type\": \"finding\", \"id\": \"weekly-increase\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"15.0 km is 36.4% above 11.0 km (cap 12.1 km)\", \"values\": {\"distance\": 15.0, \"baseline\": 11.0, \"cap\": 12.1}}\n"
          "{\"type\": \"finding\", \"id\": \"pullback-ignored\", \"severity\": \"error\", \"file\": \"sam.toml\", \"line\": 24, \"column\": 1, \"week\": \"2026-W46\", \"date\": \"2026-11-12\", \"message\": \"15.0 km in a pullback week, above its cap of 7.7 km (70% of 11.0 km)\", \"values\": {\"distance\": 15.0, \"cap\": 7.7, \"reference\": 11.0}}\n"
          "{\"type\": \"finding\", \"id\": \"running-too-early\", \"severity\": \"error\", \"file\": \"ai.toml\", \"line\": 14, \"column\": 1, \"week\": \"2026-W47\", \"date\": \"2026-11-18\", \"message\": \"an easy run of 2.0 km on 2026-11-18 in phase 1 (settle): running starts in phase 3 with run-walk\", \"values\": {\"distance\": 2.0}}\n"
          "{\"type\": \"next\", \"next\": {\"week\": \"2026-W48\", \"start\": \"2026-11-23\", \"distance\": 20.0, \"downhill\": 1.0, \"descent\": 50.0, \"ok\": false, \"distance_cap\": 8.323, \"downhill_cap\": 1.0, \"descent_cap\": 60.0, \"baseline\": 7.567, \"may_run\": true, \"run_walk\": false, \"hard_allowed\": true, \"reasons\": [\"20.0 km is above the cap of 8.32 km\"], \"cap_reason\": \"increase\", \"plan_holds\": null, \"plan_shows\": null}}\n");
    // csv and tsv leave the verdict out.
    CHECK(render_findings(files, Format::csv, {}, &next) == render_findings(files, Format::csv, {}));
}

TEST_CASE("check --next text in colour: ok green, not ok red") {
    NextVerdict v;
    v.week = "2026-W48";
    v.start = day("2026-11-23");
    v.distance = 10;
    v.caps.distance = 12.1;
    v.caps.baseline = 11;
    v.caps.reason = CapReason::increase;
    v.caps.downhill = 0.5;
    v.caps.descent = 30;
    v.caps.downhill_allowed = true;
    CHECK(render_next(v, Units::mi, {true, 0}) ==
          "next week 2026-W48 (from 2026-11-23): 10.0 mi, 0.0 mi downhill, 0 ft descent: \x1b[1;32mok\x1b[0m\n"
          "  distance cap 12.1 mi (baseline 11.0 mi)\n"
          "  downhill cap 0.5 mi, descent cap 30 ft\n");
    v.ok = false;
    v.reasons = {"10.0 mi is above the cap"};
    v.caps.distance = 9.0;
    CHECK(render_next(v, Units::mi, {true, 0}) ==
          "next week 2026-W48 (from 2026-11-23): 10.0 mi, 0.0 mi downhill, 0 ft descent: \x1b[1;31mnot ok\x1b[0m\n"
          "  distance cap 9.0 mi (baseline 11.0 mi)\n"
          "  downhill cap 0.5 mi, descent cap 30 ft\n"
          "  - 10.0 mi is above the cap\n");
}
