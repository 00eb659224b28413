#include <doctest/doctest.h>

#include "rkplan/status.hpp"
#include "support/histories.hpp"

using namespace rkplan;

namespace {

Date d(const char* s) { return *Date::parse(s); }

History load(const char* text, const char* today) {
    auto r = load_history(text, "t.toml", d(today));
    REQUIRE(r.ok());
    return *r.history;
}

StatusRow row(BoardStatus s, int errors, int warnings, std::optional<int> days, const char* file) {
    StatusRow r;
    r.status = s;
    r.errors = errors;
    r.warnings = warnings;
    r.days_since_entry = days;
    r.file = file;
    return r;
}

}  // namespace

TEST_CASE("the board puts invalid files, red flags, referrals, pullbacks and silence before ok rows") {
    std::vector<StatusRow> rows = {row(BoardStatus::ok, 0, 0, 1, "ok-clean"),
                                   row(BoardStatus::ok, 2, 0, 1, "ok-errors"),
                                   row(BoardStatus::stale, 0, 0, 8, "silent-8"),
                                   row(BoardStatus::stale, 0, 0, 30, "silent-30"),
                                   row(BoardStatus::pullback, 0, 1, 1, "pullback"),
                                   row(BoardStatus::ok, 0, 3, 1, "ok-warnings"),
                                   row(BoardStatus::referred, 0, 1, 1, "referred"),
                                   row(BoardStatus::red_flag, 1, 0, 1, "red-flag"),
                                   row(BoardStatus::invalid, 1, 0, std::nullopt, "invalid")};
    sort_board(rows);
    std::vector<std::string> order;
    for (const auto& r : rows) order.push_back(r.file);
    CHECK(order == std::vector<std::string>{"invalid", "red-flag", "referred", "pullback", "silent-30", "silent-8",
                                            "ok-errors", "ok-warnings", "ok-clean"});
}

TEST_CASE("an open red flag is the status 'red flag' with no running this week") {
    auto h = load(R"([runner]
name = "Kim"
[[run]]
date = 2026-11-16
distance = 5.0
[[checkin]]
date = 2026-11-17
swelling = true
)",
                  "2026-11-19");
    auto r = status_row(h, "kim.toml", d("2026-11-19"));
    CHECK(r.status == BoardStatus::red_flag);
    CHECK(status_text(r.status, r.days_since_entry) == "red flag");
    CHECK(r.name == "Kim");
    CHECK(r.distance_cap == 0.0);
    CHECK(r.logged == 5.0);
    CHECK(r.last_entry == d("2026-11-17"));
    CHECK(r.days_since_entry == 2);
}

TEST_CASE("a runner silent for the stale days is 'not logged for N days'") {
    auto h = load("[[run]]\ndate = 2026-11-01\ndistance = 5.0\n", "2026-11-21");
    auto r = status_row(h, "a.toml", d("2026-11-21"));
    CHECK(r.status == BoardStatus::stale);
    CHECK(status_text(r.status, r.days_since_entry) == "not logged for 20 days");
    CHECK(status_row(h, "a.toml", d("2026-11-21"), 21).status == BoardStatus::ok);
    auto empty = load("", "2026-11-21");
    CHECK(status_text(status_row(empty, "e.toml", d("2026-11-21")).status, std::nullopt) == "nothing logged");
}

TEST_CASE("the text board fits 80 columns and shows no control character from a file") {
    auto h = load("[runner]\nname = \"A\\u001b[31m very long runner name indeed\"\n[[run]]\ndate = 2026-11-19\ndistance = "
                  "299.5\n[[run]]\ndate = 2026-11-20\ndistance = 299\n[[run]]\ndate = 2026-11-18\ndistance = 299\n",
                  "2026-11-21");
    std::vector<StatusRow> rows = {status_row(h, std::string(200, 'x') + ".toml", d("2026-11-21"))};
    rows.push_back(invalid_status_row("broken.toml", {{{3, 1}, std::string(300, 'y'), ""}}));
    auto text = render_status(rows, d("2026-11-21"), Format::text);
    CHECK(text.find('\x1b') == std::string::npos);
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        auto line = text.substr(start, end - start);
        std::size_t chars = 0;
        for (char c : line) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        CHECK_MESSAGE(chars <= 80, line);
        start = end + 1;
    }
}

namespace {

/// The board of 2026-11-19: a file that does not load, Kim with an open red flag, Ann
/// (a name with a comma and quotes) at 6.0 of her 6.6 km.
std::vector<StatusRow> three_runners() {
    auto today = d("2026-11-19");
    auto kim = test::load_ok("[runner]\nname = \"Kim\"\n" + test::toml_run("2026-11-16", 5.0, test::pain_free) +
                                 test::toml_checkin("2026-11-17", "swelling = true"),
                             today);
    auto ann = test::load_ok("[runner]\nname = \"Ann, \\\"A\\\"\"\n" + test::toml_run("2026-11-10", 6.0, test::pain_free) +
                                 test::toml_run("2026-11-17", 6.0, test::pain_free),
                             today);
    std::vector<StatusRow> rows = {status_row(kim, "kim.toml", today), status_row(ann, "ann.toml", today),
                                   invalid_status_row("bad.toml", {{{3, 7}, "distance must be a number", "a distance in km"}})};
    sort_board(rows);
    return rows;
}

}  // namespace

TEST_CASE("the text board: a row per runner, most urgent first, with a line under each") {
    CHECK(render_status(three_runners(), d("2026-11-19"), Format::text) ==
          "3 histories on 2026-11-19, the most urgent first\n"
          "\n"
          "status    runner    phase  this week   err  warn\n"
          "invalid   bad.toml  -      -             1     0\n"
          "    bad.toml:3:7: distance must be a number\n"
          "red flag  Kim       prev.  no running    1     0\n"
          "    kim.toml: last entry 2026-11-17; next: a check-in with no red flag and seen…\n"
          "ok        Ann, \"A\"  prev.  6.0/6.6 km    0     0\n"
          "    ann.toml: last entry 2026-11-17; no gate ahead\n");
}

TEST_CASE("the json and jsonl board: one object per history, null for what an invalid file lacks") {
    CHECK(render_status(three_runners(), d("2026-11-19"), Format::json) ==
          "{\"schema_version\": 1, \"today\": \"2026-11-19\", \"histories\": [\n"
          "  {\"file\": \"bad.toml\", \"name\": null, \"mode\": null, \"phase\": null, \"step\": null, \"status\": \"invalid\", \"units\": null, \"distance_cap\": null, \"run_walk\": null, \"logged\": null, \"next_gate\": null, \"errors\": 1, \"warnings\": 0, \"last_entry\": null, \"days_since_entry\": null, \"diagnostics\": [{\"line\": 3, \"column\": 7, \"message\": \"distance must be a number\", \"expected\": \"a distance in km\"}]},\n"
          "  {\"file\": \"kim.toml\", \"name\": \"Kim\", \"mode\": \"prevention\", \"phase\": null, \"step\": null, \"status\": \"red flag\", \"units\": \"km\", \"distance_cap\": 0.0, \"run_walk\": null, \"logged\": 5.0, \"next_gate\": \"a check-in with no red flag and seen_clinician = true\", \"errors\": 1, \"warnings\": 0, \"last_entry\": \"2026-11-17\", \"days_since_entry\": 2, \"diagnostics\": []},\n"
          "  {\"file\": \"ann.toml\", \"name\": \"Ann, \\\"A\\\"\", \"mode\": \"prevention\", \"phase\": null, \"step\": null, \"status\": \"ok\", \"units\": \"km\", \"distance_cap\": 6.6, \"run_walk\": null, \"logged\": 6.0, \"next_gate\": \"\", \"errors\": 0, \"warnings\": 0, \"last_entry\": \"2026-11-17\", \"days_since_entry\": 2, \"diagnostics\": []}\n"
          "]}\n");
    CHECK(render_status(three_runners(), d("2026-11-19"), Format::jsonl) ==
          "{\"file\": \"bad.toml\", \"name\": null, \"mode\": null, \"phase\": null, \"step\": null, \"status\": \"invalid\", \"units\": null, \"distance_cap\": null, \"run_walk\": null, \"logged\": null, \"next_gate\": null, \"errors\": 1, \"warnings\": 0, \"last_entry\": null, \"days_since_entry\": null, \"diagnostics\": [{\"line\": 3, \"column\": 7, \"message\": \"distance must be a number\", \"expected\": \"a distance in km\"}]}\n"
          "{\"file\": \"kim.toml\", \"name\": \"Kim\", \"mode\": \"prevention\", \"phase\": null, \"step\": null, \"status\": \"red flag\", \"units\": \"km\", \"distance_cap\": 0.0, \"run_walk\": null, \"logged\": 5.0, \"next_gate\": \"a check-in with no red flag and seen_clinician = true\", \"errors\": 1, \"warnings\": 0, \"last_entry\": \"2026-11-17\", \"days_since_entry\": 2, \"diagnostics\": []}\n"
          "{\"file\": \"ann.toml\", \"name\": \"Ann, \\\"A\\\"\", \"mode\": \"prevention\", \"phase\": null, \"step\": null, \"status\": \"ok\", \"units\": \"km\", \"distance_cap\": 6.6, \"run_walk\": null, \"logged\": 6.0, \"next_gate\": \"\", \"errors\": 0, \"warnings\": 0, \"last_entry\": \"2026-11-17\", \"days_since_entry\": 2, \"diagnostics\": []}\n");
}

TEST_CASE("the csv and tsv board: a header row, then a row per history") {
    CHECK(render_status(three_runners(), d("2026-11-19"), Format::csv) ==
          "file,name,mode,phase,step,status,units,distance_cap,run_walk,logged,next_gate,errors,warnings,last_entry,days_since_entry\n"
          "bad.toml,,,,,invalid,,,,,,1,0,,\n"
          "kim.toml,Kim,prevention,,,red flag,km,0.0,,5.0,a check-in with no red flag and seen_clinician = true,1,0,2026-11-17,2\n"
          "ann.toml,\"Ann, \"\"A\"\"\",prevention,,,ok,km,6.6,,6.0,,0,0,2026-11-17,2\n");
    CHECK(render_status(three_runners(), d("2026-11-19"), Format::tsv) ==
          "file\tname\tmode\tphase\tstep\tstatus\tunits\tdistance_cap\trun_walk\tlogged\tnext_gate\terrors\twarnings\tlast_entry\tdays_since_entry\n"
          "bad.toml\t\t\t\t\tinvalid\t\t\t\t\t\t1\t0\t\t\n"
          "kim.toml\tKim\tprevention\t\t\tred flag\tkm\t0.0\t\t5.0\ta check-in with no red flag and seen_clinician = true\t1\t0\t2026-11-17\t2\n"
          "ann.toml\tAnn, \"A\"\tprevention\t\t\tok\tkm\t6.6\t\t6.0\t\t0\t0\t2026-11-17\t2\n");
}
