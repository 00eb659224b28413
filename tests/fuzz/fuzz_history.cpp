// The fuzz target: bytes -> load -> weeks -> phases -> check -> plan -> every renderer,
// with the invariants a runner relies on checked inside. Built as a libFuzzer target
// (RKPLAN_FUZZ=ON with clang) and, with replay_main.cpp, as a plain program that
// replays the corpus on every CI run.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "json_check.hpp"
#include "rkplan/check.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/render.hpp"

using namespace rkplan;

namespace {

[[noreturn]] void broken(const char* what, const std::string& detail) {
    std::fprintf(stderr, "invariant broken: %s\n%s\n", what, detail.c_str());
    std::abort();
}

void expect(bool ok, const char* what, const std::string& detail = {}) {
    if (!ok) broken(what, detail);
}

void expect_json(const std::string& text, const char* what) {
    std::string error;
    expect(json_valid(text, error), what, error + "\n" + text.substr(0, 2000));
}

bool bad(double v) { return !std::isfinite(v) || v < 0; }

void check_plan(const Plan& plan, const Rules& rules) {
    const PlanWeek* prev = nullptr;
    for (const auto& w : plan.weeks) {
        expect(!bad(w.downhill_cap) && !bad(w.descent_cap) && !bad(w.logged), "plan: finite, non-negative caps",
               w.week);
        if (w.distance_cap) expect(!bad(*w.distance_cap), "plan: finite, non-negative distance cap", w.week);
        if (w.remaining) expect(!bad(*w.remaining), "plan: finite, non-negative remaining", w.week);
        if (w.referred)
            expect(w.distance_cap && *w.distance_cap == 0 && w.downhill_cap == 0 && w.run_days == 0,
                   "plan: refer means every cap is 0", w.week);
        if (plan.mode == Mode::injury && w.phase != Phase::cleared)
            expect(!w.hard_allowed, "plan: no hard runs before clearance", w.week);
        if (w.distance_cap) expect(w.downhill_cap <= *w.distance_cap + 1e-9, "plan: downhill within distance", w.week);
        // Phase 4 grows at most max_weekly_increase a week between projected weeks.
        if (prev && w.projected && prev->projected && w.phase == Phase::rebuild && prev->phase == Phase::rebuild &&
            w.distance_cap && prev->distance_cap && !w.pullback && !prev->pullback && *prev->distance_cap > 0)
            expect(*w.distance_cap <= *prev->distance_cap * (1 + rules.max_weekly_increase) + 1e-6,
                   "plan: phase-4 growth within the weekly increase", w.week);
        prev = &w;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const Date today = *Date::parse("2026-11-21");
    auto loaded = load_history(text, "fuzz.toml", today);
    // Parsing in batches (the default; split.hpp) and parsing the whole text agree on
    // every input, however small the batches.
    for (std::size_t batch : {std::size_t{0}, std::size_t{1}}) {
        auto other = load_history(text, "fuzz.toml", today, {.batch_bytes = batch});
        if (other.history == loaded.history && other.diagnostics == loaded.diagnostics) continue;
        auto show = [&](const LoadResult& r) {
            return r.ok() ? std::string("a history") : format_diagnostics("fuzz.toml", text, r.diagnostics);
        };
        broken(batch ? "parsing in batches of one entry agrees with the default"
                     : "parsing the whole text agrees with parsing in batches",
               "default:\n" + show(loaded) + "\nother:\n" + show(other));
    }
    if (!loaded.ok()) {
        expect(!loaded.diagnostics.empty(), "an invalid history has diagnostics");
        auto report = format_diagnostics("fuzz.toml", text, loaded.diagnostics);
        expect(report.rfind("fuzz.toml:", 0) == 0, "diagnostics are located", report);
        for (const auto& d : loaded.diagnostics)
            expect(d.pos.line >= 1 && d.pos.column >= 1, "diagnostic positions are 1-based", d.message);
        return 0;
    }
    const auto& h = *loaded.history;
    auto weeks = compute_weeks(h, today);
    for (auto f : {Format::text, Format::csv, Format::tsv}) (void)render_weeks(weeks, f);
    auto timeline = derive_phases(h, weeks);
    expect_json(render_weeks(weeks, Format::json, {}, &timeline), "weeks JSON parses");
    auto findings = check_history(h, weeks, timeline);
    std::vector<FileFindings> files{{"fuzz.toml", h.runner.units, findings, {}}};
    for (auto f : {Format::text, Format::csv, Format::tsv, Format::jsonl}) (void)render_findings(files, f, {});
    expect_json(render_findings(files, Format::json, {}), "check JSON parses");
    auto next = judge_next_week(h, today, 10, 0, 0);
    expect_json(render_findings(files, Format::json, {}, &next), "check --next JSON parses");
    auto plan = make_plan(h, today, 8);
    check_plan(plan, h.rules);
    for (auto f : {Format::text, Format::csv, Format::tsv, Format::ics}) (void)render_plan(plan, f);
    auto json = render_plan(plan, Format::json);
    expect_json(json, "plan JSON parses");
    expect(json == render_plan(make_plan(h, today, 8), Format::json), "same input, same bytes");
    return 0;
}
