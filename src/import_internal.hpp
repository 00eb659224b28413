#pragma once
// Shared between the import readers (import.cpp, import_xml.cpp, import_csv.cpp); not
// part of the public library.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rkplan/import.hpp"

namespace rkplan::import_detail {

/// Byte offsets → 1-based line and column (columns count UTF-8 characters).
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    SourcePos at(std::size_t offset) const;

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

/// One point of a recorded track.
struct TrackPoint {
    std::optional<double> lat, lon;  ///< degrees
    std::optional<double> ele;       ///< metres
    std::optional<double> time;      ///< seconds since the Unix epoch
    std::optional<double> device_distance_m;  ///< TCX: cumulative distance from the device
    bool starts_segment = false;     ///< no distance is counted from the point before
};

/// A track-based activity (a GPX track, a TCX activity) before it becomes a run.
struct TrackActivity {
    SourcePos pos;
    std::string name;
    std::string type;
    std::vector<TrackPoint> points;
    double lap_distance_m = 0;             ///< TCX laps' DistanceMeters, a fallback
    double lap_seconds = 0;                ///< TCX laps' TotalTimeSeconds, a fallback
    std::optional<double> start_time;      ///< a fallback: TCX lap StartTime or activity Id, GPX file time
};

/// What the readers collect; import_activities validates and finishes it.
struct Collected {
    std::vector<Run> runs;
    std::vector<Diagnostic> diagnostics;
    int non_running = 0;
    int without_distance = 0;
    std::vector<Diagnostic> warnings;
    std::map<std::string, int> skipped_sports;
};

/// The GPX and TCX readers (pugixml).
void read_gpx_or_tcx(std::string_view text, ImportFormat format, const ImportOptions& options, Collected& out);
/// The FIT reader (import_fit.cpp).
void read_fit(std::string_view bytes, const ImportOptions& options, Collected& out);
/// The Strava and Garmin Connect CSV readers.
void read_activities_csv(std::string_view text, ImportFormat format, const ImportOptions& options, Collected& out);

/// Turns a track into a run; counts it as non-running or without distance, or reports
/// why it cannot be imported.
void add_track_activity(const TrackActivity& a, const ImportOptions& options, Collected& out);

/// True if an activity type names running ("Run", "Trail Running", "running", "9").
bool is_running_type(std::string_view type);
/// An activity's name as a note: trimmed, with bytes that are not UTF-8 replaced by U+FFFD.
std::string note_text(std::string_view name);
/// Fills kind (race) and surface from the activity's name and type.
void classify(Run& run, std::string_view name, std::string_view type);

/// A decimal number with optional surrounding spaces; nullopt otherwise.
std::optional<double> parse_number(std::string_view text);
/// Seconds since the epoch from ISO 8601 "YYYY-MM-DDTHH:MM:SS[.f][Z|±HH:MM]" (a space
/// may replace the T; no zone means UTC).
std::optional<double> parse_iso_instant(std::string_view text);
/// Seconds from "h:mm:ss[.f]" or "mm:ss[.f]".
std::optional<double> parse_clock_seconds(std::string_view text);

/// Whitespace trimmed from both ends.
std::string_view trim(std::string_view s);
std::string lower(std::string_view s);

/// Metres → the history's distance unit, and metres → its elevation unit.
double distance_from_m(double metres, Units units);
double elevation_from_m(double metres, Units units);

/// The imported values, rounded as the history keeps them: distances to 0.01, elevation
/// to whole metres or feet, durations to whole seconds (in minutes).
double round_distance(double v);
double round_elevation(double v);
double minutes_from_seconds(double seconds);

}  // namespace rkplan::import_detail
