// `rkplan import`: activity files (GPX, TCX, Strava / Garmin CSV, FIT), plain, gzipped, in
// zip archives or export folders, into [[run]] entries, printed or appended to a history.
#include <algorithm>
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "command.hpp"
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

// With --append, the history: its units rule, and its runs are the ones not to repeat.
std::optional<History> history_to_append_to(const std::string& append, const std::string& units, Date today) {
    if (append.empty()) return std::nullopt;
    if (append == "-") throw EnvironmentError("cannot append to standard input ('-'): name the history file");
    auto text = read_input(append);
    auto loaded = load_history(text, append, today);
    if (!loaded.ok()) {
        std::fputs(format_diagnostics(append, text, std::move(loaded.diagnostics)).c_str(), stderr);
        say(fmt::format("nothing was imported: '{}' does not load as it is", append));
        throw InvalidData{};
    }
    if (!units.empty() && parse_units(units) != loaded.history->runner.units)
        throw EnvironmentError(fmt::format("--units {} does not match the units of '{}' ({})", units, append,
                                           to_string(loaded.history->runner.units)));
    return std::move(*loaded.history);
}

class ImportCommand final : public Handler {
public:
    explicit ImportCommand(Command& import) {
        import.option("GPX_OR_CSV", files_,
                      "Activity files (GPX, TCX, FIT, activities.csv, .gz), zip archives, export folders, or - for "
                      "standard input")
            .required();
        import.flag("--strict", strict_,
                    "Import nothing if any activity or file cannot be read (default: import the rest, exit 0)");
        import.option("--append", append_,
                      "Append the runs not already there to this history (atomically); else print them as TOML");
        import.option("--units", units_,
                      "km or mi: the units to write (default: the history's, else km); CSV distances are assumed in "
                      "them")
            .one_of({"km", "mi"});
        import.today("The last date a run may have (YYYY-MM-DD; default: the system date)");
        import.footer("Exit status: 0 the runs are printed or appended; 2 a usage error, or a file that cannot be "
                      "read or imported (nothing is then appended).");
    }

    int run(const Context& context) override {
        auto today = context.today();
        auto history = history_to_append_to(append_, units_, today);
        ImportOptions options;
        options.units = history ? history->runner.units : parse_units(units_).value_or(Units::km);
        options.local_day = system_local_day;
        options.today = today;
        auto result = read_all(options);
        // In date order, each activity once.
        std::stable_sort(result.runs.begin(), result.runs.end(),
                         [](const Run& a, const Run& b) { return a.date < b.date; });
        auto unique = drop_duplicate_runs(std::move(result.runs), {});
        auto fresh =
            history ? drop_duplicate_runs(std::move(unique.runs), history->runs) : NewRuns{std::move(unique.runs), 0};
        if (!history) {
            write_stdout(toml_of(fresh.runs));
        } else if (!fresh.runs.empty()) {
            // Once more under the history's lock, against the history as it is then: two
            // imports of one file at once append it once.
            append_entries(
                append_, today,
                [&](const History& before) {
                    auto again = drop_duplicate_runs(std::move(fresh.runs), before.runs);
                    fresh = {std::move(again.runs), fresh.duplicates + again.duplicates};
                    return toml_of(fresh.runs);
                },
                "the imported runs");
        }
        say(summary_of(result, fresh, unique.duplicates, history.has_value()));
        return Exit::ok;
    }

    static std::string toml_of(const std::vector<Run>& runs) {
        std::string toml;
        for (const auto& r : runs) toml += format_run_toml(r);
        return toml;
    }

private:
    std::vector<std::string> files_;  // "-" is standard input
    std::string append_;              // the history to append to; empty: print the runs
    std::string units_;               // "km", "mi" or empty (the history's, else km)
    bool strict_ = false;             // import nothing if any activity or file cannot be read

    // Every input read. Exit status: --strict imports nothing when anything could not be
    // read; otherwise what could be read is imported (status 0, the problems reported)
    // unless nothing could be.
    BatchResult read_all(const ImportOptions& options) const {
        if (std::count(files_.begin(), files_.end(), "-") > 1)
            throw EnvironmentError("standard input ('-') can be read only once");
        ImportBatch batch(options);
        int unreadable = read_inputs(files_, batch);
        auto result = batch.finish();
        result.errors += unreadable;
        std::fputs(result.messages.c_str(), stderr);
        if (result.errors > 0 && (strict_ || result.activities_read() == 0)) {
            std::fprintf(stderr, "rkplan: nothing was imported: %s could not be read (see the errors above)%s\n",
                         count_of(result.errors, "activity or file", "activities or files").c_str(),
                         strict_ ? "; --strict imports all or nothing" : "");
            throw InvalidData{};
        }
        return result;
    }

    std::string summary_of(const BatchResult& result, const NewRuns& fresh, int duplicates, bool appended) const {
        auto files = count_of(std::max(result.files, static_cast<int>(files_.size())), "file", "files");
        auto runs = count_of(static_cast<int>(fresh.runs.size()), "run", "runs");
        std::string summary;
        if (appended) {
            summary = fmt::format("appended {} from {} to {}", runs, files, append_);
            if (fresh.duplicates > 0) summary += fmt::format("; {} already in it", fresh.duplicates);
        } else {
            summary = fmt::format("{} from {}", runs, files);
        }
        return summary + skip_summary(result, duplicates);
    }
};

}  // namespace

std::unique_ptr<Handler> declare_import(Command& command) { return std::make_unique<ImportCommand>(command); }

}  // namespace rkplan::cli
