// The import fuzz target: bytes -> import_activities (GPX, TCX, Strava or Garmin CSV, FIT) and,
// for a zip archive or a gzip file, ImportBatch (libarchive, with small limits) ->
// each run written as a [[run]] entry -> loaded back. Invariants: no crash; an input that
// does not import has located diagnostics; every run it does import is one the loader
// accepts, with the same values (durations to the second: what `rkplan import` prints
// always loads). Built as a
// libFuzzer target (RKPLAN_FUZZ=ON with clang) and, with replay_main.cpp, as a plain
// program that replays tests/fuzz/import-corpus on every CI run.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rkplan/emit.hpp"
#include "rkplan/import.hpp"
#include "rkplan/import_batch.hpp"

using namespace rkplan;

namespace {

void expect(bool ok, const char* what, const std::string& detail = {}) {
    if (ok) return;
    std::fprintf(stderr, "invariant broken: %s\n%s\n", what, detail.c_str());
    std::abort();
}

// Zip archives and gzip files through the batch: never a crash, whatever the bytes; the
// limits end any bomb; every run it imports loads back.
void fuzz_archive(std::string_view bytes) {
    ImportOptions options;
    options.local_day = fixed_utc_offset(0);
    options.today = *Date::parse("2026-11-21");
    ArchiveLimits limits;
    limits.max_file_bytes = 1 << 20;
    limits.max_entry_bytes = 1 << 20;
    limits.max_total_bytes = 4 << 20;
    limits.max_entries = 64;
    ImportBatch batch(options, limits);
    batch.add("fuzz.zip", bytes);
    auto result = batch.finish();
    expect(result.errors >= 0 && result.files >= 0, "batch counts are not negative");
    for (const auto& run : result.runs) {
        expect(std::isfinite(run.distance) && run.distance > 0, "an archived run has a distance above 0");
        auto toml = format_run_toml(run);
        auto loaded = load_history(toml, "imported.toml", options.today);
        expect(loaded.ok(), "an archived run loads", toml);
    }
    for (char c : result.messages)
        expect(c == '\n' || c == '\t' || static_cast<unsigned char>(c) >= 0x20, "messages hold no control characters");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (text.substr(0, 2) == "PK" || text.substr(0, 2) == "\x1f\x8b") fuzz_archive(text);
    for (Units units : {Units::km, Units::mi}) {
        ImportOptions options;
        options.units = units;
        options.local_day = fixed_utc_offset(60);
        options.today = *Date::parse("2026-11-21");
        auto result = import_activities(text, options);
        if (!result.ok()) {
            for (const auto& d : result.diagnostics)
                expect(d.pos.line >= 1 && d.pos.column >= 1, "import diagnostics are located", d.message);
            continue;
        }
        // FIT: a warning (damage read around) names a byte of the input.
        for (const auto& w : result.warnings)
            expect(w.pos.line >= 1 && w.pos.column >= 1 &&
                       (result.format != ImportFormat::fit || static_cast<std::size_t>(w.pos.column) <= size + 1),
                   "import warnings are located in the input", w.message);
        int named = 0;
        for (const auto& [sport, count] : result.skipped_sports) named += count;
        expect(named <= result.non_running, "skipped sports are counted among the non-running activities");
        expect(result.non_running >= 0 && result.without_distance >= 0, "skip counts are not negative");
        std::string history = units == Units::mi ? "[runner]\nunits = \"mi\"\n" : "";
        for (const auto& run : result.runs) {
            expect(std::isfinite(run.distance) && run.distance > 0, "an imported run has a distance above 0");
            expect(result.format != ImportFormat::fit || (run.pos.line == 1 && run.pos.column >= 1 &&
                                                          static_cast<std::size_t>(run.pos.column) <= size),
                   "a FIT run is at the byte offset of its session");
            history += format_run_toml(run);
        }
        auto loaded = load_history(history, "imported.toml", options.today);
        expect(loaded.ok(), "what import prints loads",
               loaded.ok() ? std::string{} : format_diagnostics("imported.toml", history, loaded.diagnostics));
        expect(loaded.history->runs.size() == result.runs.size(), "every imported run loads back");
        for (std::size_t i = 0; i < result.runs.size(); ++i) {
            const auto& a = result.runs[i];
            const auto& b = loaded.history->runs[i];
            // A duration is printed to the second ("1:28").
            bool same_duration = a.duration.has_value() == b.duration.has_value() &&
                                 (!a.duration || std::fabs(*a.duration - *b.duration) <= 0.5 / 60 + 1e-9);
            expect(a.date == b.date && a.distance == b.distance && a.descent == b.descent && a.downhill == b.downhill &&
                       same_duration && a.kind == b.kind && a.surface == b.surface,
                   "a run reads back with its values", format_run_toml(a));
        }
    }
    return 0;
}
