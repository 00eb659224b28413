#include "import_cmd.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "io.hpp"
#include "rkplan/text.hpp"
#include "rkplan/emit.hpp"
#include "rkplan/history.hpp"
#include "rkplan/import.hpp"
#include "rkplan/import_batch.hpp"
#include "import_inputs.hpp"

namespace rkplan::cli {

namespace {

// " (cycling 1, swimming 1, 2 other)": the sports of the `skipped` activities, where the
// files named them.
std::string sports_named(const std::map<std::string, int>& sports, int skipped) {
    std::string out;
    int named = 0;
    for (const auto& [sport, count] : sports) {
        out += fmt::format("{}{} {}", out.empty() ? "" : ", ", sport, count);
        named += count;
    }
    if (out.empty()) return out;
    if (skipped > named) out += fmt::format(", {} other", skipped - named);
    return fmt::format(" ({})", out);
}

std::optional<Units> parse_units(const std::string& text) {
    if (text == "km") return Units::km;
    if (text == "mi") return Units::mi;
    return std::nullopt;
}


// Every input into the batch; an input that cannot be read is reported and counted.
int read_inputs(const std::vector<std::string>& inputs, ImportBatch& batch) {
    int unreadable = 0;
    for (const auto& input : inputs) {
        try {
            auto files = import_files(input);
            bool folder = files.size() != 1 || files.front() != input;
            for (const auto& file : files) {
                try {
                    auto bytes = read_import_file(file);
                    batch.add(file == "-" ? std::string("<stdin>") : file, bytes, folder);
                } catch (const EnvironmentError& e) {
                    ++unreadable;
                    say(e.what());
                }
            }
        } catch (const EnvironmentError& e) {
            ++unreadable;
            say(e.what());
        }
    }
    return unreadable;
}

std::string skip_summary(const BatchResult& r, int duplicates) {
    std::string summary;
    if (duplicates > 0) summary += fmt::format("; {} skipped", count_of(duplicates, "duplicate", "duplicates"));
    if (r.non_running > 0)
        summary += fmt::format("; {} skipped{}", count_of(r.non_running, "non-running activity", "non-running activities"),
                               sports_named(r.skipped_sports, r.non_running));
    if (r.non_running_inferred > 0)
        summary += fmt::format("; {} skipped (its name or speed says not a run: notes above)",
                               count_of(r.non_running_inferred, "track without a sport", "tracks without a sport"));
    if (r.without_distance > 0)
        summary += fmt::format("; {} skipped", count_of(r.without_distance, "run without a distance", "runs without a distance"));
    if (r.guessed_runs > 0)
        summary += fmt::format("; {} (notes above)", count_of(r.guessed_runs, "track without a sport taken as a run",
                                                            "tracks without a sport taken as runs"));
    if (r.errors > 0)
        summary += fmt::format("; {} could not be read (errors above)", count_of(r.errors, "activity or file", "activities or files"));
    return summary;
}

}  // namespace

int run_import(const ImportCommand& o, Date today) {
    // With --append the history's units rule, and its runs are the ones not to repeat.
    std::optional<History> history;
    if (!o.append.empty()) {
        if (o.append == "-") throw EnvironmentError("cannot append to standard input ('-'): name the history file");
        auto text = read_input(o.append);
        auto loaded = load_history(text, o.append, today);
        if (!loaded.ok()) {
            std::fputs(format_diagnostics(o.append, text, std::move(loaded.diagnostics)).c_str(), stderr);
            say(fmt::format("nothing was imported: '{}' does not load as it is", o.append));
            throw InvalidData{};
        }
        history = std::move(*loaded.history);
        if (!o.units.empty() && parse_units(o.units) != history->runner.units)
            throw EnvironmentError(fmt::format("--units {} does not match the units of '{}' ({})", o.units, o.append,
                                               to_string(history->runner.units)));
    }
    ImportOptions options;
    options.units = history ? history->runner.units : parse_units(o.units).value_or(Units::km);
    options.local_day = system_local_day;
    options.today = today;

    if (std::count(o.files.begin(), o.files.end(), "-") > 1)
        throw EnvironmentError("standard input ('-') can be read only once");
    ImportBatch batch(options);
    int unreadable = read_inputs(o.files, batch);
    auto result = batch.finish();
    result.errors += unreadable;
    std::fputs(result.messages.c_str(), stderr);
    auto files = count_of(std::max(result.files, static_cast<int>(o.files.size())), "file", "files");
    // Exit status: --strict imports nothing when anything could not be read; otherwise what
    // could be read is imported (status 0, the problems above) unless nothing could be.
    if (result.errors > 0 && (o.strict || result.activities_read() == 0)) {
        std::fprintf(stderr, "rkplan: nothing was imported: %s could not be read (see the errors above)%s\n",
                     count_of(result.errors, "activity or file", "activities or files").c_str(),
                     o.strict ? "; --strict imports all or nothing" : "");
        throw InvalidData{};
    }

    // In date order, each activity once.
    std::stable_sort(result.runs.begin(), result.runs.end(), [](const Run& a, const Run& b) { return a.date < b.date; });
    auto unique = drop_duplicate_runs(std::move(result.runs), {});
    auto fresh = history ? drop_duplicate_runs(std::move(unique.runs), history->runs) : NewRuns{std::move(unique.runs), 0};

    std::string toml;
    for (const auto& r : fresh.runs) toml += format_run_toml(r);
    std::string summary;
    if (history) {
        summary = fmt::format("appended {} from {} to {}", count_of(static_cast<int>(fresh.runs.size()), "run", "runs"),
                              files, o.append);
        if (fresh.duplicates > 0) summary += fmt::format("; {} already in it", fresh.duplicates);
    } else {
        summary = fmt::format("{} from {}", count_of(static_cast<int>(fresh.runs.size()), "run", "runs"), files);
    }
    summary += skip_summary(result, unique.duplicates);

    if (history) {
        if (!fresh.runs.empty()) append_to_history(o.append, toml, today, "the imported runs");
    } else {
        write_stdout(toml);
    }
    say(summary);
    return 0;
}

}  // namespace rkplan::cli
