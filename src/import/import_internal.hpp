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
    std::vector<Diagnostic> notes;
    int non_running = 0;
    int non_running_inferred = 0;
    int guessed_runs = 0;
    int without_distance = 0;
    std::vector<Diagnostic> warnings;
    std::map<std::string, int> skipped_sports;
    int invalid = 0;
    std::vector<IndexedFile> rows;
};

/// A date of an export: the calendar day, and the time of day in seconds when it has one.
struct ExportDate {
    Date date;
    std::optional<double> seconds;
};
/// A date as the exports write it in their languages: "Oct 5, 2026, 7:02:11 AM",
/// "2026-10-05 07:02:11", "23 jun. 2017 15:52:12", "Fr, 25 Mai 2012 20:31",
/// "21.07.2026, 15:09:27", "2024. 08. 09. 18:31:09". Numeric dates are year-month-day or
/// day-month-year, never month first (nor with slashes, which US dates write month first).
std::optional<ExportDate> parse_export_date(std::string_view text);
/// A number of an export: with `decimal_comma` "4,73" and "1.234,5"; otherwise a dot
/// decimal with commas grouping thousands ("1,079"), or a lone decimal comma ("5,81").
std::optional<double> parse_export_number(std::string_view text, bool decimal_comma);

/// The bytes of a CSV file read to tell its layout.
inline constexpr std::size_t csv_sniff_bytes = 64 * 1024;
/// A first line with this many commas is taken for a CSV header.
inline constexpr long min_header_commas = 2;
/// Strava or Garmin CSV when the header rows match a known layout; unknown otherwise.
ImportFormat csv_format(std::string_view text);
/// True if the first line looks like the header of a CSV file.
bool looks_like_csv_header(std::string_view text);

/// The GPX and TCX readers (pugixml).
void read_gpx_or_tcx(std::string_view text, ImportFormat format, const ImportOptions& options, Collected& out);
/// The FIT reader (import_fit.cpp).
void read_fit(std::string_view bytes, const ImportOptions& options, Collected& out);
/// The Strava and Garmin Connect CSV readers.
void read_activities_csv(std::string_view text, ImportFormat format, const ImportOptions& options, Collected& out);

/// Turns a track into a run; counts it as non-running or without distance, or reports
/// why it cannot be imported.
void add_track_activity(const TrackActivity& a, const ImportOptions& options, Collected& out);

/// Strava's numeric GPX type of a run.
inline constexpr std::string_view strava_gpx_run_code = "9";
/// True if an activity type names running ("Run", "Trail Running", "running", "9",
/// "Laufen", "Hardloopsessie", "Futás", "Entrenamiento en cinta"...).
bool is_running_type(std::string_view type);
/// The word of an activity's name that says it was another sport ("Cycling 10/2/17"),
/// unless the name also says run; nullopt when the name says nothing of the kind.
std::optional<std::string> non_running_name_word(std::string_view name);
/// Lower case, ASCII and the Latin-1 letters of UTF-8 ("Á" → "á").
std::string fold_case(std::string_view s);
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
