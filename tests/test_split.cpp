// Parsing in batches (split.hpp): where the text is cut, where it must not be, and that a
// history read in batches is the history read whole, diagnostics and positions included.
#include <doctest/doctest.h>

#include <string>

#include "rkplan/history.hpp"
#include "rkplan/split.hpp"

using namespace rkplan;

namespace {

const Date today = *Date::parse("2026-11-21");

std::optional<TomlSplit> split(std::string_view text, std::size_t batch = 1) {
    return split_toml_entries(text, entry_table_names(), batch);
}

// The spans as "line:text|line:text", to compare with what a reader sees.
std::string show(std::string_view text, const std::vector<TextSpan>& spans) {
    std::string out;
    for (const auto& s : spans) {
        if (!out.empty()) out += "|";
        out += std::to_string(s.line) + ":" + std::string(span_text(text, s));
    }
    return out;
}

LoadResult load(std::string_view text, std::size_t batch) {
    return load_history(text, "t.toml", today, {.batch_bytes = batch});
}

std::string messages(const LoadResult& r) {
    std::string out;
    for (const auto& d : r.diagnostics)
        out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + " " + d.message + "\n";
    return out;
}

const std::string history = "[runner]\n"
                            "units = \"km\"\n"
                            "\n"
                            "[[run]]\n"
                            "date = 2026-11-02\n"
                            "distance = 5\n"
                            "[[checkin]]\n"
                            "date = 2026-11-03\n"
                            "pain = 1\n"
                            "[rules]\n"
                            "pain_limit = 2\n"
                            "  [[run]]  # indented, with a comment\n"
                            "date = 2026-11-04\n"
                            "distance = 6\n";

}  // namespace

TEST_CASE("the text is cut at each entry header, and the settings between entries go to the head") {
    auto s = split(history);
    REQUIRE(s);
    CHECK(show(history, s->head) == "1:[runner]\nunits = \"km\"\n\n|10:[rules]\npain_limit = 2\n");
    CHECK(show(history, s->batches) ==
          "4:[[run]]\ndate = 2026-11-02\ndistance = 5\n"
          "|7:[[checkin]]\ndate = 2026-11-03\npain = 1\n"
          "|12:  [[run]]  # indented, with a comment\ndate = 2026-11-04\ndistance = 6\n");
}

TEST_CASE("batches hold whole entries until they reach the batch size") {
    // 40 bytes: the first batch takes [[run]] (36 bytes) and [[checkin]], which begins
    // before 40 bytes; the [[run]] after [rules] begins a batch of its own.
    auto s = split(history, 40);
    REQUIRE(s);
    CHECK(show(history, s->batches) ==
          "4:[[run]]\ndate = 2026-11-02\ndistance = 5\n[[checkin]]\ndate = 2026-11-03\npain = 1\n"
          "|12:  [[run]]  # indented, with a comment\ndate = 2026-11-04\ndistance = 6\n");
    auto big = split(history, 1 << 20);
    REQUIRE(big);
    CHECK(big->batches.size() == 2);
}

TEST_CASE("a header inside a multi-line string, an array or a comment is not a cut") {
    const std::string text = "[[run]]\n"
                             "date = 2026-11-02\n"
                             "distance = 5\n"
                             "note = \"\"\"\n"
                             "[[run]]\n"
                             "[shoe_x]\n"
                             "\\\"\"\"\"\n"                // an escaped quote, then the end
                             "x = '''\n[[cross]]\n'''''\n"  // a literal string ending in two quotes
                             "y = [\n[1],\n]\n"
                             "# [[week]]\n"
                             "[[run]]\n";
    auto s = split(text);
    REQUIRE(s);
    CHECK(s->head.empty());
    REQUIRE(s->batches.size() == 2);
    CHECK(s->batches[1].line == 15);
    CHECK(text.substr(s->batches[1].begin) == "[[run]]\n");
}

TEST_CASE("no split where the pieces could not stand alone") {
    CHECK_FALSE(split(""));                                               // no entries
    CHECK_FALSE(split("[runner]\nname = \"a\"\n"));                       // no entries
    CHECK_FALSE(split(history, 0));                                       // batches off
    CHECK_FALSE(split("[[run]]\nnote = \"\"\"\n[[run]]\n"));              // unterminated
    CHECK_FALSE(split("[[run]]\nnote = \"open\n[[run]]\n"));              // a newline in a string
    CHECK_FALSE(split("[[run]]\nx = [1,\n[[run]]\n"));                     // an open array
    CHECK_FALSE(split("[[run]]\nx = 1]\n[[run]]\n"));                      // a stray bracket
    CHECK_FALSE(split("[[run]]\n[shoe.x]\n[[run]]\n"));                    // [shoe.x] belongs to an earlier shoe
    CHECK_FALSE(split("[[run]]\n[[cross]]\n[run.laps]\n"));               // [run.laps] belongs to the run
    CHECK_FALSE(split("[[run]]\nnote = \"\"\"a\"\"\"\"\"\"\n[[run]]\n"));  // six quotes
    CHECK(split("[[run]]\n[run.laps]\n[[run]]\n"));                       // its own sub-table
}

TEST_CASE("a history read in batches is the history read whole") {
    for (std::size_t batch : {1, 40, 1 << 20}) {
        CAPTURE(batch);
        auto whole = load(history, 0);
        auto parts = load(history, batch);
        REQUIRE(whole.ok());
        CHECK(parts.history == whole.history);
        CHECK(parts.history->runs.size() == 2);
        CHECK(parts.history->runs[1].pos == SourcePos{12, 3});
        CHECK(parts.history->checkins[0].pos == SourcePos{7, 1});
        CHECK(parts.history->rules.pain_limit == 2);
    }
}

TEST_CASE("diagnostics in batches name the file's lines, in file order") {
    const std::string text = "[[run]]\ndate = 2026-11-02\ndistance = -1\n"
                             "[runner]\nunits = \"kms\"\n"
                             "[[cross]]\ndate = 2026-11-30\nactivity = \"cycling\"\n"
                             "[[run]]\ndate = 2026-11-03\ndistance = 5\npian = 2\n";
    auto whole = load(text, 0);
    auto parts = load(text, 1);
    CHECK(messages(parts) == "3:12 distance must be above 0, got -1\n"
                             "5:9 unknown units \"kms\" (did you mean 'km'?)\n"
                             "7:8 cross-training dated 2026-11-30 is after today (2026-11-21)\n"
                             "12:1 unknown key 'pian' in [[run]] (did you mean 'pain'?)\n");
    CHECK(parts.diagnostics == whole.diagnostics);
}

TEST_CASE("text that would read differently in pieces is read whole") {
    // Cut at its lines, the head would close the string after [shoe_x] and the [[run]]
    // inside it would become a run.
    const std::string phantom = "[runner]\nname = \"\"\"\n[[run]]\ndate = 2026-11-02\ndistance = 5\n[shoe_x]\n\"\"\"\n";
    auto r = load(phantom, 1);
    REQUIRE(r.ok());
    CHECK(r.history->runs.empty());
    CHECK(r.history->runner.name == "[[run]]\ndate = 2026-11-02\ndistance = 5\n[shoe_x]\n");
    // A [run] table beside [[run]] entries is an error of the whole document.
    const std::string twice = "[[run]]\ndate = 2026-11-02\ndistance = 5\n[run]\ndate = 2026-11-03\n";
    CHECK(load(twice, 1).diagnostics == load(twice, 0).diagnostics);
    CHECK(messages(load(twice, 1)).rfind("4:1 invalid TOML", 0) == 0);
    // A root key of an entry's name, in the head.
    const std::string key = "run = 5\n[[cross]]\ndate = 2026-11-02\nactivity = \"cycling\"\n";
    CHECK(load(key, 1).diagnostics == load(key, 0).diagnostics);
    CHECK(messages(load(key, 1)) == "1:7 'run' must be written [[run]], got an integer 5\n");
}
