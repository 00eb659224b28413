#include "rkplan/import.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include <fmt/format.h>

#include "import_internal.hpp"
#include "rkplan/text.hpp"

namespace rkplan {

using namespace import_detail;

std::string_view to_string(ImportFormat f) {
    switch (f) {
        case ImportFormat::gpx: return "GPX";
        case ImportFormat::tcx: return "TCX";
        case ImportFormat::strava_csv: return "Strava CSV";
        case ImportFormat::garmin_csv: return "Garmin CSV";
        case ImportFormat::fit: return "FIT";
        case ImportFormat::unknown: return "unknown";
    }
    return "unknown";
}

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr double earth_mean_radius_m = 6371008.8;
constexpr double metres_per_km = 1000.0;
constexpr std::int64_t seconds_per_day = 86400;
constexpr double seconds_per_hour = 3600.0;

std::string_view without_bom(std::string_view text) {
    if (text.substr(0, utf8_bom.size()) == utf8_bom) text.remove_prefix(utf8_bom.size());
    return text;
}

// The local name of the document element, skipping the XML declaration, comments,
// processing instructions and a DOCTYPE; empty if there is none.
std::string_view xml_root_name(std::string_view text) {
    std::size_t i = 0;
    while (true) {
        i = text.find('<', i);
        if (i == std::string_view::npos || i + 1 >= text.size()) return {};
        char next = text[i + 1];
        if (next == '?' || next == '!') {
            auto end = text.substr(i, 4) == "<!--" ? text.find("-->", i) : text.find('>', i);
            if (end == std::string_view::npos) return {};
            i = end + 1;
            continue;
        }
        std::size_t j = i + 1;
        while (j < text.size() && text[j] != '>' && text[j] != '/' &&
               !std::isspace(static_cast<unsigned char>(text[j])))
            ++j;
        auto name = text.substr(i + 1, j - i - 1);
        if (auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
        return name;
    }
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

ImportFormat detect_import_format(std::string_view text) {
    if (text.size() >= 12 && text.substr(8, 4) == ".FIT") return ImportFormat::fit;
    auto body = without_bom(text);
    auto first = body.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return ImportFormat::unknown;
    if (body[first] == '<') {
        auto root = xml_root_name(body);
        if (root == "gpx") return ImportFormat::gpx;
        if (root == "TrainingCenterDatabase") return ImportFormat::tcx;
        return ImportFormat::unknown;
    }
    return csv_format(body);
}

LocalDay fixed_utc_offset(int minutes) {
    return [minutes](std::int64_t unix_seconds) {
        return Date{static_cast<int>(floor_div(unix_seconds + std::int64_t{minutes} * 60, seconds_per_day))};
    };
}

DescentResult filtered_descent(std::span<const double> elevation_m, std::span<const double> distance_m,
                               const DescentFilter& filter) {
    DescentResult out;
    const std::size_t n = std::min(elevation_m.size(), distance_m.size());
    if (n < 2) return out;
    // A centred moving average over the neighbours within `smoothing_m` on both sides: it
    // irons out GPS spikes in a dense track and leaves a sparse one (a point every 100 m)
    // alone, whose summits it would otherwise cut. The window is as wide on both sides, so
    // the first and last elevations, and any straight slope, are kept exactly.
    std::vector<double> smooth(n);
    const auto max_points = static_cast<std::size_t>(std::max(filter.smoothing_max_points, 0));
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t h = 0;
        while (h < max_points && h < i && h < n - 1 - i &&
               distance_m[i] - distance_m[i - h - 1] <= filter.smoothing_m &&
               distance_m[i + h + 1] - distance_m[i] <= filter.smoothing_m)
            ++h;
        double sum = 0;
        for (std::size_t k = i - h; k <= i + h; ++k) sum += elevation_m[k];
        smooth[i] = sum / static_cast<double>(2 * h + 1);
    }
    bool descending = false;
    std::size_t peak = 0, trough = 0;
    // The slope runs from the last point near the summit to the first point near the
    // valley floor: a jittery plateau at either end is flat ground, not downhill.
    auto commit = [&] {
        // The smoothed profile finds the summit and the floor; their own elevations measure
        // the drop, which the average would shave at a pointed summit or a V-shaped valley.
        out.descent_m += std::max(0.0, elevation_m[peak] - elevation_m[trough]);
        std::size_t from = peak, to = trough;
        for (std::size_t k = peak; k <= trough; ++k)
            if (smooth[k] >= smooth[peak] - filter.plateau_band_m) from = k;
        for (std::size_t k = trough + 1; k-- > from;)
            if (smooth[k] <= smooth[trough] + filter.plateau_band_m) to = k;
        out.downhill_m += distance_m[to] - distance_m[from];
    };
    for (std::size_t i = 1; i < n; ++i) {
        if (!descending) {
            if (smooth[i] >= smooth[peak]) peak = i;  // the last point of a summit plateau
            else if (smooth[peak] - smooth[i] > filter.hysteresis_m) {
                descending = true;
                trough = i;
            }
        } else {
            if (smooth[i] < smooth[trough]) trough = i;  // the first point of the valley floor
            else if (smooth[i] - smooth[trough] > filter.hysteresis_m) {
                commit();
                descending = false;
                peak = i;
            }
        }
    }
    if (descending) commit();
    return out;
}

double haversine_m(double lat1, double lon1, double lat2, double lon2) {
    constexpr double rad = std::numbers::pi / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
               std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * earth_mean_radius_m * std::asin(std::min(1.0, std::sqrt(a)));
}

namespace import_detail {

LineIndex::LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') starts_.push_back(i + 1);
}

SourcePos LineIndex::at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    auto line = static_cast<int>(it - starts_.begin());
    std::size_t start = starts_[static_cast<std::size_t>(line - 1)];
    int column = 1;
    for (std::size_t i = start; i < offset; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    return {line, column};
}

std::string_view trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::optional<double> parse_number(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return std::nullopt;
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

namespace {

// Exactly `n` decimal digits at `s[pos]`.
std::optional<int> digits_at(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

}  // namespace

std::optional<double> parse_iso_instant(std::string_view text) {
    text = trim(text);
    auto y = digits_at(text, 0, 4), mo = digits_at(text, 5, 2), d = digits_at(text, 8, 2);
    auto h = digits_at(text, 11, 2), mi = digits_at(text, 14, 2), s = digits_at(text, 17, 2);
    if (!y || !mo || !d || !h || !mi || !s || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    auto date = Date::from_ymd(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d));
    if (!date || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
    double seconds = static_cast<double>(date->days) * seconds_per_day + *h * 3600.0 + *mi * 60.0 + *s;
    std::size_t i = 19;
    if (i < text.size() && text[i] == '.') {
        std::size_t j = i + 1;
        double scale = 0.1;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9') {
            seconds += (text[j] - '0') * scale;
            scale /= 10;
            ++j;
        }
        if (j == i + 1) return std::nullopt;
        i = j;
    }
    auto zone = text.substr(i);
    if (zone.empty() || zone == "Z" || zone == "z") return seconds;
    if (zone[0] != '+' && zone[0] != '-') return std::nullopt;
    auto zh = digits_at(zone, 1, 2);
    std::optional<int> zm;
    if (zone.size() == 6 && zone[3] == ':') zm = digits_at(zone, 4, 2);
    else if (zone.size() == 5) zm = digits_at(zone, 3, 2);
    else if (zone.size() == 3) zm = 0;
    if (!zh || !zm || *zh > 23 || *zm > 59) return std::nullopt;
    double offset = *zh * 3600.0 + *zm * 60.0;
    return zone[0] == '+' ? seconds - offset : seconds + offset;
}

std::optional<double> parse_clock_seconds(std::string_view text) {
    auto parts = split(trim(text), ':');
    if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
    double total = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        bool last = i + 1 == parts.size();
        auto p = parts[i];
        if (p.empty() || p.size() > (last ? 12 : 4)) return std::nullopt;
        if (!last && p.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
        if (last && (p[0] < '0' || p[0] > '9')) return std::nullopt;
        auto v = parse_number(p);
        if (!v || *v < 0 || (i > 0 && *v >= 60)) return std::nullopt;
        total = total * 60 + *v;
    }
    return total;
}

double distance_from_m(double metres, Units units) {
    return units == Units::km ? metres / metres_per_km : metres / (metres_per_km * Limits::km_per_mile);
}

double elevation_from_m(double metres, Units units) {
    return units == Units::km ? metres : metres * Limits::feet_per_metre;
}

double round_distance(double v) { return round_to(v, 2); }
double round_elevation(double v) { return std::round(v); }
double minutes_from_seconds(double seconds) { return std::round(seconds) / 60.0; }

std::string note_text(std::string_view name) {
    name = trim(name);
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        auto ch = decode_utf8(name, i);
        if (!ch) {
            out += "\xEF\xBF\xBD";  // U+FFFD: a Latin-1 export must not make the history unreadable
            continue;
        }
        out.append(name.substr(i, ch->length));
        i += ch->length - 1;
    }
    return out;
}

namespace {

// The distance at each point: the device's own (TCX DistanceMeters) where the track has
// it, else the great-circle steps between positions, none across a segment break. A point
// without the measure (a heart-rate-only sample, an eTrex point without lat/lon) keeps the
// distance so far, and the next step is taken from the last point that had it.
std::vector<double> cumulative_distance(const std::vector<TrackPoint>& pts) {
    bool device = std::any_of(pts.begin(), pts.end(), [](const TrackPoint& p) { return p.device_distance_m.has_value(); });
    std::vector<double> cumulative(pts.size(), 0.0);
    std::optional<std::size_t> last;  // the last point with the measure
    bool gap = false;                 // a segment began since `last`
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const auto& q = pts[i];
        double so_far = i > 0 ? cumulative[i - 1] : 0.0;
        gap = gap || q.starts_segment;
        bool measured = device ? q.device_distance_m.has_value() : (q.lat && q.lon);
        if (!measured) {
            cumulative[i] = so_far;
            continue;
        }
        double step = 0;
        if (last && device) step = std::max(0.0, *q.device_distance_m - *pts[*last].device_distance_m);
        else if (last && !gap) step = haversine_m(*pts[*last].lat, *pts[*last].lon, *q.lat, *q.lon);
        cumulative[i] = so_far + step;
        last = i;
        gap = false;
    }
    return cumulative;
}

// Whether a track is taken as a run. A declared sport decides; a track without one is
// skipped when its name says another sport or its average speed is beyond running, and
// otherwise imported with a note, so that no guess is silent.
bool decide_sport(const TrackActivity& a, double distance_m, double seconds, const ImportOptions& options,
                  Collected& out) {
    const auto& type = options.activity_type.empty() ? a.type : options.activity_type;
    if (!trim(type).empty()) {
        if (is_running_type(type)) return true;
        ++out.non_running;
        ++out.skipped_sports[fold_case(trim(type))];
        return false;
    }
    const double speed = seconds > 0 ? distance_m / seconds : 0.0;
    const auto kmh = speed * seconds_per_hour / metres_per_km;
    if (auto word = non_running_name_word(a.name)) {
        ++out.non_running_inferred;
        out.notes.push_back({a.pos, fmt::format("skipped: the file names no sport and the name '{}' says '{}'",
                                                note_text(a.name), *word),
                             "a run (a <type> of running, or a name without another sport)"});
        return false;
    }
    if (speed > options.max_run_speed_m_per_s) {
        ++out.non_running_inferred;
        out.notes.push_back({a.pos, fmt::format("skipped: the file names no sport and its average of {} km/h is "
                                                "faster than running", format_fixed(kmh)),
                             fmt::format("at most {} km/h for a run",
                                         format_fixed(options.max_run_speed_m_per_s * seconds_per_hour / metres_per_km))});
        return false;
    }
    ++out.guessed_runs;
    out.notes.push_back({a.pos, seconds > 0 ? fmt::format("taken as a run: the file names no sport; average {} km/h", format_fixed(kmh))
                                            : std::string("taken as a run: the file names no sport"),
                         {}});
    return true;
}

void add_descent(Run& run, const std::vector<TrackPoint>& pts, const std::vector<double>& cumulative,
                 const ImportOptions& options) {
    std::vector<double> ele, at;
    for (std::size_t i = 0; i < pts.size(); ++i)
        if (pts[i].ele) {
            ele.push_back(*pts[i].ele);
            at.push_back(cumulative[i]);
        }
    if (ele.empty()) return;
    auto d = filtered_descent(ele, at, options.filter);
    run.descent = round_elevation(elevation_from_m(d.descent_m, options.units));
    run.downhill = std::min(run.distance, round_distance(distance_from_m(d.downhill_m, options.units)));
}

}  // namespace

void add_track_activity(const TrackActivity& a, const ImportOptions& options, Collected& out) {
    const auto& pts = a.points;
    auto cumulative = cumulative_distance(pts);
    // The device's own totals (TCX laps' DistanceMeters) win over a distance recomputed
    // from positions: a GPS track that starts late or cuts corners reads short.
    double distance_m = a.lap_distance_m > 0 ? a.lap_distance_m : cumulative.empty() ? 0.0 : cumulative.back();

    std::optional<double> first_time, last_time;
    for (const auto& p : pts)
        if (p.time) {
            if (!first_time) first_time = p.time;
            last_time = p.time;
        }
    double seconds = first_time && *last_time > *first_time ? *last_time - *first_time : a.lap_seconds;
    if (!decide_sport(a, distance_m, seconds, options, out)) return;
    if (distance_m <= 0) {  // an empty track, or one with neither positions nor distances
        ++out.without_distance;
        return;
    }
    auto start = first_time ? first_time : a.start_time;
    if (!start) {
        out.diagnostics.push_back({a.pos, "the activity has no time, so its date is unknown",
                                   "track points with a <time> (GPX) or <Time> (TCX)"});
        ++out.invalid;
        return;
    }
    Run run;
    run.pos = a.pos;
    run.date = options.local_day(static_cast<std::int64_t>(std::floor(*start)));
    run.distance = round_distance(distance_from_m(distance_m, options.units));
    if (run.distance <= 0) {
        ++out.without_distance;
        return;
    }
    if (std::round(seconds) > 0) run.duration = minutes_from_seconds(seconds);
    add_descent(run, pts, cumulative, options);
    classify(run, a.name, options.activity_type.empty() ? a.type : options.activity_type);
    if (!trim(a.name).empty()) run.note = note_text(a.name);
    out.runs.push_back(std::move(run));
}

}  // namespace import_detail

namespace {

// The loader's limits, checked here so that what import prints always loads; the indices
// of the runs that break one.
std::set<std::size_t> validate(const std::vector<Run>& runs, const ImportOptions& o, std::vector<Diagnostic>& diags) {
    auto unit = to_string(o.units);
    std::set<std::size_t> reported;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& r = runs[i];
        auto before_count = diags.size();
        if (r.date > o.today)
            diags.push_back({r.pos, fmt::format("the run on {} is after today ({})", r.date.to_string(), o.today.to_string()),
                             fmt::format("activities on or before {} (--today sets another day)", o.today.to_string())});
        if (r.date.year() < Limits::min_year)
            diags.push_back({r.pos, fmt::format("the run on {} is before {}", r.date.to_string(), Limits::min_year),
                             fmt::format("activities from {}-01-01 on (a clock set wrong?)", Limits::min_year)});
        if (r.distance > max_run_distance(o.units))
            diags.push_back({r.pos, fmt::format("a run of {} {} is longer than rkplan accepts", format_trimmed(r.distance, 2), unit),
                             fmt::format("at most {} {} in one run", format_trimmed(max_run_distance(o.units), 1), unit)});
        if (r.duration && *r.duration > Limits::max_duration_min)
            diags.push_back({r.pos, fmt::format("the run on {} lasts longer than 48 hours", r.date.to_string()),
                             "at most 48 hours between the first and the last timestamp"});
        if (r.descent && *r.descent > max_run_descent(o.units))
            diags.push_back({r.pos, fmt::format("a descent of {} {} is more than rkplan accepts", format_shortest(*r.descent), elevation_unit(o.units)),
                             fmt::format("at most {} {} in one run", format_trimmed(max_run_descent(o.units), 0), elevation_unit(o.units))});
        if (diags.size() != before_count) reported.insert(i);
    }
    if (!reported.empty()) return reported;
    // The loader's weekly maximum, in weeks from Monday and from Sunday alike (the history
    // the runs go to may use either), at the run that crosses it.
    for (WeekStart ws : {WeekStart::monday, WeekStart::sunday}) {
        std::map<Date, double> totals;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const auto& r = runs[i];
            auto key = week_start_of(r.date, ws);
            double& total = totals[key];
            bool before = total > max_week_distance(o.units) + 1e-6;
            total += r.distance;
            if (before || total <= max_week_distance(o.units) + 1e-6 || !reported.insert(i).second) continue;
            diags.push_back({r.pos,
                             fmt::format("the runs of {} add up to {} {}, more than the weekly maximum of {} {}",
                                         iso_week_name(key, ws), format_trimmed(total, 2), unit,
                                         format_trimmed(max_week_distance(o.units), 1), unit),
                             "a realistic week; check the distances for a typo or a unit mix-up"});
        }
    }
    return reported;
}

// Drops the runs that break a limit, reporting each, until the rest passes: a run that
// crosses the weekly maximum goes, and the week is summed again without it.
int drop_invalid(std::vector<Run>& runs, const ImportOptions& options, std::vector<Diagnostic>& diags) {
    int dropped = 0;
    while (true) {
        auto bad = validate(runs, options, diags);
        if (bad.empty()) return dropped;
        std::vector<Run> kept;
        for (std::size_t i = 0; i < runs.size(); ++i)
            if (!bad.count(i)) kept.push_back(std::move(runs[i]));
        dropped += static_cast<int>(bad.size());
        runs = std::move(kept);
    }
}

}  // namespace

ImportResult import_activities(std::string_view text, const ImportOptions& options) {
    ImportResult result;
    result.format = detect_import_format(text);
    Collected c;
    switch (result.format) {
        case ImportFormat::gpx:
        case ImportFormat::tcx: read_gpx_or_tcx(text, result.format, options, c); break;
        case ImportFormat::strava_csv:
        case ImportFormat::garmin_csv: read_activities_csv(text, result.format, options, c); break;
        case ImportFormat::fit: read_fit(text, options, c); break;
        case ImportFormat::unknown:
            if (looks_like_csv_header(text)) {
                read_activities_csv(text, result.format, options, c);  // reports the header it cannot map
                break;
            }
            c.diagnostics.push_back(
                {{1, 1}, "not a GPX, TCX or activities CSV file",
                 "a GPX or TCX document, a Strava activities.csv (with 'Activity Date' and 'Activity Type' "
                 "columns) or a Garmin Connect activities CSV (with 'Activity Type', 'Date' and 'Distance')"});
            break;
    }
    c.invalid += drop_invalid(c.runs, options, c.diagnostics);
    if (!c.diagnostics.empty() && c.invalid == 0) c.invalid = 1;  // the file itself could not be read
    result.diagnostics = std::move(c.diagnostics);
    result.notes = std::move(c.notes);
    result.non_running = c.non_running;
    result.non_running_inferred = c.non_running_inferred;
    result.guessed_runs = c.guessed_runs;
    result.without_distance = c.without_distance;
    result.warnings = std::move(c.warnings);
    result.skipped_sports = std::move(c.skipped_sports);
    result.invalid = c.invalid;
    result.indexed = std::move(c.rows);
    result.runs = std::move(c.runs);
    return result;
}

NewRuns drop_duplicate_runs(std::vector<Run> imported, const std::vector<Run>& existing, double tolerance) {
    NewRuns out;
    auto same = [tolerance](const Run& a, const Run& b) {
        return a.date == b.date && std::fabs(a.distance - b.distance) <= tolerance + 1e-9;
    };
    for (auto& r : imported) {
        bool dup = std::any_of(existing.begin(), existing.end(), [&](const Run& e) { return same(r, e); }) ||
                   std::any_of(out.runs.begin(), out.runs.end(), [&](const Run& e) { return same(r, e); });
        if (dup) ++out.duplicates;
        else out.runs.push_back(std::move(r));
    }
    return out;
}

}  // namespace rkplan
