#pragma once
/// \file import.hpp
/// Activities recorded by a watch or an app, turned into `[[run]]` entries: GPX 1.0/1.1
/// tracks, TCX activities, and the activity CSV exports of Strava and Garmin Connect.
/// Pure functions of the text: the caller reads files, runs converters and knows the
/// time zone.

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rkplan/date.hpp"
#include "rkplan/diagnostic.hpp"
#include "rkplan/history.hpp"

namespace rkplan {

/// The kinds of file `rkplan import` understands, told apart by their content.
enum class ImportFormat { gpx, tcx, strava_csv, garmin_csv, fit, unknown };

/// "GPX", "TCX", "Strava CSV", "Garmin CSV", "FIT" or "unknown".
std::string_view to_string(ImportFormat f);

/// The format of `text` from its content alone: a FIT header (".FIT" at byte 8), the root
/// element of an XML document (`gpx`, `TrainingCenterDatabase`), or the header row of a CSV
/// file (Strava: "Activity Date" and "Activity Type"; Garmin Connect: "Activity Type",
/// "Date" and "Distance").
ImportFormat detect_import_format(std::string_view text);

/// Maps an instant (seconds since 1970-01-01T00:00:00Z) to the runner's calendar day.
using LocalDay = std::function<Date(std::int64_t unix_seconds)>;

/// The calendar day at a fixed offset from UTC, in minutes (+60 for UTC+1).
LocalDay fixed_utc_offset(int minutes);

/// The GPS-noise filter behind descent and downhill distance. Elevations are first
/// smoothed by a centred moving average over the points within `smoothing_m` on each
/// side (a dense track's spikes go; a sparse track is left as it is); then a drop counts
/// as descent only once it lies
/// more than `hysteresis_m` below the last peak, and ends once the profile climbs more
/// than `hysteresis_m` above the lowest point since. So jitter smaller than the threshold
/// adds nothing, and a real descent counts from its peak to its trough in full; its
/// downhill distance is the distance between them, less any flat top or bottom.
struct DescentFilter {
    double smoothing_m = 10.0;     ///< the moving average takes the points this close on each side...
    int smoothing_max_points = 5;  ///< ... but at most this many on each side
    double hysteresis_m = 5.0;  ///< metres a profile must fall (or climb back) to change direction
    /// Points within this of a summit's (valley floor's) elevation belong to the flat top
    /// (bottom), not to the slope: downhill distance runs between them.
    double plateau_band_m = 1.0;
};

/// Descent and downhill distance of an elevation profile.
struct DescentResult {
    double descent_m = 0;   ///< total elevation loss over the descending stretches
    double downhill_m = 0;  ///< distance covered on those stretches
};

/// Filters `elevation_m` (one value per point) with `filter` and sums the descending
/// stretches; `distance_m` holds the cumulative distance at each point (same length).
DescentResult filtered_descent(std::span<const double> elevation_m, std::span<const double> distance_m,
                               const DescentFilter& filter = {});

/// Great-circle distance in metres between two points given in degrees (haversine on a
/// sphere of the Earth's mean radius, 6371008.8 m).
double haversine_m(double lat1, double lon1, double lat2, double lon2);

/// What an import needs besides the text.
struct ImportOptions {
    Units units = Units::km;  ///< the history's units; CSV display units are assumed to match
    LocalDay local_day = fixed_utc_offset(0);
    Date today;  ///< the last date an activity may carry
    DescentFilter filter;
    /// A track that names no sport and averages more than this (21.6 km/h, faster than
    /// the half-marathon world record) is taken as a ride, not a run, and skipped.
    double max_run_speed_m_per_s = 6.0;
    /// The type an export's index gives this file's activities (a row of Strava's
    /// activities.csv): when set it wins over the file's own sport, and nothing is guessed.
    std::string activity_type;
};

/// A row of an export's index (Strava's activities.csv) that names its activity file.
struct IndexedFile {
    std::string file;    ///< as the row writes it: "activities/123.gpx.gz"
    SourcePos pos;       ///< the row's place; a run read from the row alone has this `pos`
    bool running = false;  ///< the row's type is a run
    std::string type;      ///< the row's activity type
};

/// The runs found in one file, and the problems of the activities that could not be read.
struct ImportResult {
    ImportFormat format = ImportFormat::unknown;
    /// The activities that read cleanly, in file order (`pos` is the activity's place),
    /// even when others did not: the caller decides whether to keep them.
    std::vector<Run> runs;
    std::vector<Diagnostic> diagnostics;   ///< empty when the file imported cleanly
    /// Decisions the user should see: a track without a sport skipped (and why) or taken
    /// as a run.
    std::vector<Diagnostic> notes;
    int non_running = 0;                   ///< activities skipped: their type is not a run
    int non_running_inferred = 0;          ///< skipped: no sport given; the name or speed says not a run
    int guessed_runs = 0;                  ///< runs imported although the file names no sport
    int without_distance = 0;              ///< runs skipped: no distance recorded
    /// Damage the import read around (a FIT file cut short: the runs before it are kept).
    /// For FIT, positions are byte offsets: line 1, column = offset + 1.
    std::vector<Diagnostic> warnings;
    /// The skipped non-running activities by sport, where the file names it ("cycling": 1).
    std::map<std::string, int> skipped_sports;
    int invalid = 0;                       ///< activities skipped because of a diagnostic
    /// Strava's activities.csv: the rows that name an activity file. The runs of such rows
    /// are in `runs` too (their `pos` is the row's), read from the row alone.
    std::vector<IndexedFile> indexed;
    bool ok() const { return diagnostics.empty(); }
};

/// Reads GPX, TCX, Strava or Garmin CSV text (detected from the content) into runs in
/// `options.units`: distance, duration (first to last timestamp, or the export's elapsed
/// time), descent and downhill distance (tracks only, through the noise filter), the date
/// (the local day of the start), kind "race" when the name or type says race, the surface
/// when the type names one (trail, treadmill, track) and the activity's name as a note.
/// FIT files are decoded natively: one run per running session, with the session's own
/// distance, timer time and descent (docs/manual/import.md). An activity that cannot be
/// read is reported in `diagnostics` and left out; the others are in `runs`. A track that
/// names no sport is judged by its name and speed (`notes` say how). Never throws on bad
/// data.
ImportResult import_activities(std::string_view text, const ImportOptions& options);

/// One field of a CSV record with the position of its first character (the opening quote
/// of a quoted field).
struct CsvField {
    std::string text;
    SourcePos pos;
};

/// A CSV file read by RFC 4180: records of fields, quoted fields may hold commas, line
/// breaks and doubled quotes; CRLF or LF line ends; a UTF-8 byte-order mark is skipped.
struct CsvTable {
    std::vector<std::vector<CsvField>> records;
    std::vector<Diagnostic> diagnostics;  ///< an unterminated quote, text after a closing quote
};

/// Renders an import's diagnostics (`severity` "error" or "warning"): for FIT input, one
/// line each, `NAME: byte OFFSET: SEVERITY: MESSAGE; expected ...`; for text formats as
/// format_diagnostics does (errors) or as `NAME:LINE:COL: warning: MESSAGE` (warnings).
std::string format_import_diagnostics(std::string_view source_name, std::string_view text, ImportFormat format,
                                      std::vector<Diagnostic> diagnostics, std::string_view severity = "error");

/// Reads `text` as CSV. Blank lines between records are skipped.
CsvTable read_csv(std::string_view text);

/// Runs of `imported` that are not already in `existing` nor earlier in `imported`: a run
/// is a duplicate of another with the same date and a distance within `tolerance`
/// (in the history's units).
struct NewRuns {
    std::vector<Run> runs;
    int duplicates = 0;
};
NewRuns drop_duplicate_runs(std::vector<Run> imported, const std::vector<Run>& existing,
                            double tolerance = 0.05);

}  // namespace rkplan
