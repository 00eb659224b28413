// rkplan-bench: each step of rkplan on generated histories of 1, 5, 20 and 100 years
// (and the 20-year injury variant), beside the floor: toml++ parsing the same text and
// reading each run's date and distance, nothing more.
//   rkplan-bench [Google Benchmark flags, e.g. --benchmark_filter=load --benchmark_repetitions=5]
// Arguments of every benchmark: years/injury (0 prevention mode, 1 with an [injury]).
#include <map>
#include <string>
#include <utility>

#include <benchmark/benchmark.h>

#include "floor.hpp"
#include "generator.hpp"
#include "rkplan/check.hpp"
#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/render.hpp"
#include "rkplan/weeks.hpp"

namespace {

using namespace rkplan;

const Date today = *Date::parse(bench::today);

// Everything a benchmark may start from, computed once per history.
struct Fixture {
    std::string text;
    History history;
    WeeksReport weeks;
    PhaseTimeline timeline;
    std::vector<Finding> findings;
    Plan plan;
};

const Fixture& fixture(const benchmark::State& state) {
    static std::map<std::pair<long, long>, Fixture> cache;
    auto key = std::pair{state.range(0), state.range(1)};
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    Fixture f;
    f.text = bench::generate_history({.years = static_cast<int>(key.first), .seed = 1, .injury = key.second != 0});
    auto loaded = load_history(f.text, "bench.toml", today);
    if (!loaded.ok()) throw std::runtime_error("the generated history does not load");
    f.history = std::move(*loaded.history);
    f.weeks = compute_weeks(f.history, today);
    f.timeline = derive_phases(f.history, f.weeks);
    f.findings = check_history(f.history, f.weeks, f.timeline);
    f.plan = make_plan(f.history, today, 8);
    return cache.emplace(key, std::move(f)).first->second;
}

void counters(benchmark::State& state, const Fixture& f) {
    state.counters["runs"] = static_cast<double>(f.history.runs.size());
    state.counters["bytes"] = static_cast<double>(f.text.size());
    state.counters["findings"] = static_cast<double>(f.findings.size());
}

// For the steps that read the text: bytes per second.
void text_counters(benchmark::State& state, const Fixture& f) {
    counters(state, f);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(f.text.size()));
}

// The floor: parse, then read each run's date and distance (floor.hpp): the whole text,
// or, `in_pieces`, as rkplan's loader parses it.
void floor_reading(benchmark::State& state, bool in_pieces) {
    const auto& f = fixture(state);
    for (auto _ : state) {
        bench::FloorTally tally;
        bench::read_floor(f.text, "bench.toml", in_pieces, tally);
        benchmark::DoNotOptimize(tally);
    }
    text_counters(state, f);
}

void floor_parse(benchmark::State& state) { floor_reading(state, false); }
void floor_batches(benchmark::State& state) { floor_reading(state, true); }

void load(benchmark::State& state) {
    const auto& f = fixture(state);
    for (auto _ : state) {
        auto result = load_history(f.text, "bench.toml", today);
        benchmark::DoNotOptimize(result);
    }
    text_counters(state, f);
}

// load_history parsing the whole text at once, as before split.hpp.
void load_whole(benchmark::State& state) {
    const auto& f = fixture(state);
    for (auto _ : state) {
        auto result = load_history(f.text, "bench.toml", today, {.batch_bytes = 0});
        benchmark::DoNotOptimize(result);
    }
    text_counters(state, f);
}

void weeks(benchmark::State& state) {
    const auto& f = fixture(state);
    for (auto _ : state) benchmark::DoNotOptimize(compute_weeks(f.history, today));
    counters(state, f);
}

void phases(benchmark::State& state) {
    const auto& f = fixture(state);
    for (auto _ : state) benchmark::DoNotOptimize(derive_phases(f.history, f.weeks));
    counters(state, f);
}

void check(benchmark::State& state) {
    const auto& f = fixture(state);
    for (auto _ : state) benchmark::DoNotOptimize(check_history(f.history, f.weeks, f.timeline));
    counters(state, f);
}

void plan(benchmark::State& state) {
    const auto& f = fixture(state);
    for (auto _ : state) benchmark::DoNotOptimize(make_plan(f.history, today, 8));
    counters(state, f);
}

// `rkplan check FILE` less the process: load, weeks, phases, findings, text.
void check_command(benchmark::State& state) {
    const auto& f = fixture(state);
    for (auto _ : state) {
        auto loaded = load_history(f.text, "bench.toml", today);
        const auto& h = *loaded.history;
        FileFindings ff{"bench.toml", h.runner.units, {}, {}};
        auto w = compute_weeks(h, today);
        auto t = derive_phases(h, w);
        ff.findings = check_history(h, w, t);
        benchmark::DoNotOptimize(render_findings({ff}, Format::text, {}));
    }
    text_counters(state, f);
}

void render_weeks_as(benchmark::State& state, Format format) {
    const auto& f = fixture(state);
    for (auto _ : state) benchmark::DoNotOptimize(render_weeks(f.weeks, format, {}, &f.timeline));
    counters(state, f);
}

void render_findings_as(benchmark::State& state, Format format) {
    const auto& f = fixture(state);
    std::vector<FileFindings> files{{"bench.toml", f.history.runner.units, f.findings, {}}};
    for (auto _ : state) benchmark::DoNotOptimize(render_findings(files, format, {}));
    counters(state, f);
}

void render_plan_as(benchmark::State& state, Format format) {
    const auto& f = fixture(state);
    for (auto _ : state) benchmark::DoNotOptimize(render_plan(f.plan, format, {}));
    counters(state, f);
}

// Every size in prevention mode, and the 20-year history with an [injury].
void sizes(benchmark::internal::Benchmark* b) {
    b->ArgNames({"years", "injury"});
    for (long years : {1, 5, 20, 100}) b->Args({years, 0});
    b->Args({20, 1});
    b->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK(floor_parse)->Apply(sizes);
BENCHMARK(floor_batches)->Apply(sizes);
BENCHMARK(load)->Apply(sizes);
BENCHMARK(load_whole)->Apply(sizes);
BENCHMARK(weeks)->Apply(sizes);
BENCHMARK(phases)->Apply(sizes);
BENCHMARK(check)->Apply(sizes);
BENCHMARK(plan)->Apply(sizes);
BENCHMARK(check_command)->Apply(sizes);
BENCHMARK_CAPTURE(render_weeks_as, text, Format::text)->Apply(sizes);
BENCHMARK_CAPTURE(render_weeks_as, json, Format::json)->Apply(sizes);
BENCHMARK_CAPTURE(render_weeks_as, csv, Format::csv)->Apply(sizes);
BENCHMARK_CAPTURE(render_findings_as, text, Format::text)->Apply(sizes);
BENCHMARK_CAPTURE(render_findings_as, json, Format::json)->Apply(sizes);
BENCHMARK_CAPTURE(render_plan_as, text, Format::text)->Apply(sizes);
BENCHMARK_CAPTURE(render_plan_as, json, Format::json)->Apply(sizes);
BENCHMARK_CAPTURE(render_plan_as, ics, Format::ics)->Apply(sizes);

BENCHMARK_MAIN();
