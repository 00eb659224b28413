#include <doctest/doctest.h>

#include "rkplan/status.hpp"

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
