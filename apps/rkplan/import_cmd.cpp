#include "import_cmd.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "io.hpp"
#include "rkplan/emit.hpp"
#include "rkplan/history.hpp"
#include "rkplan/import.hpp"

namespace rkplan::cli {

namespace {

std::string plural(int n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

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
            std::fprintf(stderr, "rkplan: nothing was imported: '%s' does not load as it is\n", o.append.c_str());
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
    std::vector<Run> runs;
    int non_running = 0, without_distance = 0, invalid_files = 0;
    std::map<std::string, int> skipped_sports;
    for (const auto& path : o.files) {
        auto name = path == "-" ? std::string("<stdin>") : path;
        std::string text;
        try {
            text = read_input(path);
            if (text.size() > Limits::max_file_bytes)
                throw EnvironmentError(fmt::format("'{}' is larger than the {} MiB rkplan reads", name,
                                                   Limits::max_file_bytes / (1024 * 1024)));
        } catch (const EnvironmentError& e) {
            // Reported, and the other files still read, so that every problem shows at once.
            ++invalid_files;
            std::fprintf(stderr, "rkplan: %s\n", e.what());
            continue;
        }
        auto result = import_activities(text, options);
        if (!result.ok()) {
            ++invalid_files;
            std::fputs(format_import_diagnostics(name, text, result.format, std::move(result.diagnostics)).c_str(), stderr);
            continue;
        }
        if (!result.warnings.empty())
            std::fputs(format_import_diagnostics(name, text, result.format, std::move(result.warnings), "warning").c_str(),
                       stderr);
        for (const auto& [sport, count] : result.skipped_sports) skipped_sports[sport] += count;
        non_running += result.non_running;
        without_distance += result.without_distance;
        for (auto& r : result.runs) runs.push_back(std::move(r));
    }
    auto files = plural(static_cast<int>(o.files.size()), "file", "files");
    if (invalid_files > 0) {
        std::fprintf(stderr, "rkplan: nothing was imported: %d of %s could not be read (see the errors above)\n",
                     invalid_files, files.c_str());
        throw InvalidData{};
    }

    // In date order, each activity once.
    std::stable_sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.date < b.date; });
    auto unique = drop_duplicate_runs(std::move(runs), {});
    auto fresh = history ? drop_duplicate_runs(std::move(unique.runs), history->runs) : NewRuns{std::move(unique.runs), 0};

    std::string toml;
    for (const auto& r : fresh.runs) toml += format_run_toml(r);
    std::string summary;
    if (history) {
        summary = fmt::format("appended {} from {} to {}", plural(static_cast<int>(fresh.runs.size()), "run", "runs"),
                              files, o.append);
        if (fresh.duplicates > 0) summary += fmt::format("; {} already in it", fresh.duplicates);
    } else {
        summary = fmt::format("{} from {}", plural(static_cast<int>(fresh.runs.size()), "run", "runs"), files);
    }
    if (unique.duplicates > 0)
        summary += fmt::format("; {} skipped", plural(unique.duplicates, "duplicate", "duplicates"));
    if (non_running > 0)
        summary += fmt::format("; {} skipped{}", plural(non_running, "non-running activity", "non-running activities"),
                               sports_named(skipped_sports, non_running));
    if (without_distance > 0)
        summary += fmt::format("; {} skipped", plural(without_distance, "run without a distance", "runs without a distance"));

    if (history) {
        if (!fresh.runs.empty()) append_to_history(o.append, toml, today, "the imported runs");
    } else {
        write_stdout(toml);
    }
    std::fprintf(stderr, "rkplan: %s\n", summary.c_str());
    return 0;
}

}  // namespace rkplan::cli
