#pragma once
/// \file import_batch.hpp
/// Many activity files at once, as people have them: zip archives (nested ones included),
/// gzip-compressed files, and Strava's account export, whose activities.csv names the
/// activity file of each row. Pure functions of the bytes the caller hands in; the caller
/// reads files and folders.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rkplan/import.hpp"

namespace rkplan {

/// Bounds on the work an archive may ask for, so that a zip bomb ends in an error and not
/// in an exhausted machine. Uncompressed bytes are counted as they are inflated; memory
/// stays below the largest member allowed (one nested archive and one file at a time).
struct ArchiveLimits {
    std::uint64_t max_total_bytes = std::uint64_t{4} << 30;  ///< all members of one input, nested ones included
    /// One activity file, inflated (a member, or what a .gz holds): as for a file on disk.
    std::uint64_t max_file_bytes = Limits::max_file_bytes;
    /// One nested archive (Garmin's export holds its FIT files in zips of a few hundred
    /// MiB): it is held in memory while its members are read.
    std::uint64_t max_entry_bytes = std::uint64_t{512} << 20;
    std::size_t max_entries = 200000;                       ///< members of one input, nested ones included
    int max_depth = 4;  ///< containers inside one another: export.zip → nested.zip → file.fit.gz is 3
};

/// What a batch read: the runs and everything the user should see about the rest.
struct BatchResult {
    std::vector<Run> runs;  ///< in the order read; a Strava row's run where its file was missing
    /// Errors and notes, formatted like a compiler's ("export.zip:activities/1.gpx.gz:3:7:
    /// error: ..."), in the order the inputs were read.
    std::string messages;
    int files = 0;                 ///< activity files and archive members read
    int errors = 0;                ///< inputs or activities that could not be read, each reported
    int non_running = 0;           ///< skipped: their type (or their Strava row's) is not a run
    int non_running_inferred = 0;  ///< skipped: no sport given; the name or speed says not a run
    int guessed_runs = 0;          ///< imported although the file names no sport (a note says so)
    int without_distance = 0;      ///< runs skipped: no distance recorded
    /// The skipped non-running activities by sport, where the files name it ("cycling": 1).
    std::map<std::string, int> skipped_sports;
    /// Activities read at all: imported or skipped for a reason other than an error.
    int activities_read() const {
        return static_cast<int>(runs.size()) + non_running + non_running_inferred + without_distance;
    }
};

/// Reads inputs one after the other. A Strava export is one thing: each row of its
/// activities.csv with its activity file (found beside the CSV, `activities/123.gpx.gz`)
/// is one run; the file gives the distance, time, descent and downhill, the row its type
/// and name; a row without a file (or whose file is absent) gives its own values; a file
/// whose row is not a run is not read. Hand in an export's activities.csv before its files
/// (archives are read in two passes for that).
class ImportBatch {
public:
    explicit ImportBatch(ImportOptions options, ArchiveLimits limits = {});
    ~ImportBatch();
    ImportBatch(const ImportBatch&) = delete;
    ImportBatch& operator=(const ImportBatch&) = delete;

    /// Reads one input named `name` (a path, shown in messages): an activity file, a zip
    /// archive or a gzip file, told apart by their content. `in_folder`: the file was found
    /// in a folder, so a CSV that is no activities export (profile.csv) is passed over
    /// silently, as inside an archive.
    void add(const std::string& name, std::string_view bytes, bool in_folder = false);

    /// The runs and messages; rows of an export whose file never came give their own run.
    BatchResult finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// True if a file of an export (a path inside an archive or a folder) may hold
/// activities: GPX, TCX, FIT and CSV files, plain or .gz, and zips; not routes/ (Strava's
/// planned routes), not macOS resource forks, not photos or JSON.
bool import_member_wanted(std::string_view path);

/// Text safe to print: control characters (a member name from a hostile zip) become '?'.
std::string printable_name(std::string_view text);

}  // namespace rkplan
