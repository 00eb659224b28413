// The CSV reader and the activity exports of Strava and Garmin Connect.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "import_internal.hpp"

namespace rkplan {

using namespace import_detail;

CsvTable read_csv(std::string_view text) {
    CsvTable table;
    LineIndex lines(text);
    std::size_t i = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    const std::size_t n = text.size();
    std::vector<CsvField> record;
    while (i < n) {
        CsvField field;
        std::size_t start = i;
        if (text[i] == '"') {
            ++i;
            while (true) {
                auto q = text.find('"', i);
                if (q == std::string_view::npos) {
                    table.diagnostics.push_back({lines.at(start), "a quoted field has no closing quote",
                                                 "a '\"' at the end of the field (a quote inside it is written '\"\"')"});
                    field.text.append(text.substr(i));
                    i = n;
                    break;
                }
                field.text.append(text.substr(i, q - i));
                if (q + 1 < n && text[q + 1] == '"') {
                    field.text += '"';
                    i = q + 2;
                    continue;
                }
                i = q + 1;
                break;
            }
            if (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                table.diagnostics.push_back({lines.at(i), "text after the closing quote of a field",
                                             "a ',' or the end of the line after a quoted field"});
                while (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') field.text += text[i++];
            }
        } else {
            auto end = text.find_first_of(",\r\n", i);
            if (end == std::string_view::npos) end = n;
            field.text.assign(text.substr(i, end - i));
            i = end;
        }
        field.pos = lines.at(start);
        record.push_back(std::move(field));
        if (i < n && text[i] == ',') {
            ++i;
            if (i == n) record.push_back({{}, lines.at(i)});
            else continue;
        }
        // The end of a record.
        if (i < n && text[i] == '\r') ++i;
        if (i < n && text[i] == '\n') ++i;
        bool blank = record.size() == 1 && record.front().text.empty() && text[start] != '"';
        if (!blank) table.records.push_back(std::move(record));
        record.clear();
    }
    if (!record.empty()) table.records.push_back(std::move(record));
    return table;
}

namespace import_detail {

namespace {

constexpr std::array<std::string_view, 12> month_names = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};

std::string shown(std::string_view s) {
    if (s.size() > 40) return fmt::format("'{}...'", s.substr(0, 40));
    return fmt::format("'{}'", s);
}

// A number that may group thousands with commas ("1,210"); a comma anywhere else (a
// decimal comma, "5,81") makes it unreadable rather than a hundred times too large.
std::optional<double> grouped_number(std::string_view text) {
    text = trim(text);
    std::string plain;
    auto dot = text.find('.');
    auto integer = text.substr(0, dot);
    for (std::size_t i = 0; i < integer.size(); ++i) {
        if (integer[i] != ',') {
            plain += integer[i];
            continue;
        }
        auto next = integer.find(',', i + 1);
        auto group = integer.substr(i + 1, (next == std::string_view::npos ? integer.size() : next) - i - 1);
        if (group.size() != 3 || plain.empty() || plain.back() < '0' || plain.back() > '9') return std::nullopt;
    }
    if (dot != std::string_view::npos) plain.append(text.substr(dot));
    return parse_number(plain);
}

// Newer English date formats (ICU 72 and later) put a narrow no-break space (U+202F)
// before "AM"/"PM"; a no-break space (U+00A0) is as likely. Both read as a space.
std::string with_plain_spaces(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.substr(i, 3) == "\xE2\x80\xAF") {
            out += ' ';
            i += 2;
        } else if (text.substr(i, 2) == "\xC2\xA0") {
            out += ' ';
            i += 1;
        } else {
            out += text[i];
        }
    }
    return out;
}

// "Oct 5, 2026, 7:02:11 AM" (Strava's export, in UTC) → seconds since the epoch.
std::optional<double> strava_instant(std::string_view original) {
    const std::string spaced = with_plain_spaces(original);
    std::string_view text = trim(spaced);
    if (auto iso = parse_iso_instant(text)) return iso;
    if (text.size() < 3) return std::nullopt;
    auto month = std::find(month_names.begin(), month_names.end(), lower(text.substr(0, 3)));
    if (month == month_names.end()) return std::nullopt;
    auto rest = text.substr(3);
    auto word_end = rest.find(' ');  // "Sept" and "September" are fine too
    if (word_end == std::string_view::npos) return std::nullopt;
    rest = trim(rest.substr(word_end));
    auto comma = rest.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    auto day = parse_number(rest.substr(0, comma));
    rest = trim(rest.substr(comma + 1));
    comma = rest.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    auto year = parse_number(rest.substr(0, comma));
    rest = trim(rest.substr(comma + 1));
    auto space = rest.find(' ');
    if (!day || !year || space == std::string_view::npos) return std::nullopt;
    auto clock = parse_clock_seconds(rest.substr(0, space));
    auto meridiem = lower(trim(rest.substr(space)));
    if (!clock || (meridiem != "am" && meridiem != "pm") || *clock >= 13 * 3600 || *clock < 3600)
        return std::nullopt;
    double seconds = std::fmod(*clock, 12 * 3600.0) + (meridiem == "pm" ? 12 * 3600.0 : 0.0);
    // Ranges first: a double outside an integer type's range must not be converted to it.
    if (*day != std::floor(*day) || *day < 1 || *day > 31 || *year != std::floor(*year) || *year < 1900 ||
        *year > 9999)
        return std::nullopt;
    auto date = Date::from_ymd(static_cast<int>(*year), static_cast<unsigned>(month - month_names.begin() + 1),
                               static_cast<unsigned>(*day));
    if (!date) return std::nullopt;
    return static_cast<double>(date->days) * 86400.0 + seconds;
}

class CsvReader {
public:
    CsvReader(std::string_view text, const ImportOptions& options, Collected& out)
        : table_(read_csv(text)), options_(options), out_(out) {}

    void read(ImportFormat format) {
        if (!table_.diagnostics.empty()) {
            for (auto& d : table_.diagnostics) out_.diagnostics.push_back(std::move(d));
            return;
        }
        const auto& header = table_.records.front();
        for (std::size_t i = 0; i < header.size(); ++i) columns_[std::string(trim(header[i].text))].push_back(i);
        bool strava = format == ImportFormat::strava_csv;
        auto needed = strava ? std::vector<std::string_view>{"Activity Date", "Activity Type", "Distance"}
                             : std::vector<std::string_view>{"Activity Type", "Date", "Distance"};
        for (auto name : needed)
            if (!columns_.count(std::string(name))) {
                error(header.front().pos, fmt::format("the {} has no '{}' column", to_string(format), name),
                      "the header row of the export, unchanged");
                return;
            }
        for (std::size_t r = 1; r < table_.records.size(); ++r) {
            const auto& row = table_.records[r];
            if (row.size() > header.size()) {
                error(row[header.size()].pos,
                      fmt::format("this row has {} fields, the header {}", row.size(), header.size()),
                      "one field per column of the header (quote fields that hold commas)");
                continue;
            }
            if (strava) read_strava(row);
            else read_garmin(row);
        }
    }

private:
    void error(SourcePos pos, std::string message, std::string expected) {
        out_.diagnostics.push_back({pos, std::move(message), std::move(expected)});
    }

    // The field of the `nth` column named `name` (negative: from the last); nullptr if
    // the row is short or the column absent.
    const CsvField* field(const std::vector<CsvField>& row, const std::string& name, int nth = 0) const {
        auto it = columns_.find(name);
        if (it == columns_.end()) return nullptr;
        const auto& idx = it->second;
        auto k = nth < 0 ? static_cast<int>(idx.size()) + nth : nth;
        if (k < 0 || k >= static_cast<int>(idx.size())) return nullptr;
        auto i = idx[static_cast<std::size_t>(k)];
        return i < row.size() ? &row[i] : nullptr;
    }

    int count(const std::string& name) const {
        auto it = columns_.find(name);
        return it == columns_.end() ? 0 : static_cast<int>(it->second.size());
    }

    static bool missing(const CsvField* f) {
        if (!f) return true;
        auto t = trim(f->text);
        return t.empty() || t == "--";
    }

    // A number of 0 or more; reports and returns nullopt on anything else.
    std::optional<double> amount(const CsvField* f, std::string_view column, std::string_view expected) {
        if (missing(f)) return std::nullopt;
        auto v = grouped_number(f->text);
        if (!v || *v < 0) {
            error(f->pos, fmt::format("{} {} is not {}", column, shown(f->text), v ? "0 or more" : "a number"),
                  std::string(expected));
            return std::nullopt;
        }
        return v;
    }

    // Seconds as a number ("1934") or a clock ("0:32:14", "00:28:10.5").
    std::optional<double> seconds(const CsvField* f, std::string_view column) {
        if (missing(f)) return std::nullopt;
        auto v = f->text.find(':') != std::string::npos ? parse_clock_seconds(f->text) : grouped_number(f->text);
        if (!v || *v < 0)
            error(f->pos, fmt::format("{} {} is not a duration", column, shown(f->text)),
                  "seconds (1934) or h:mm:ss (0:32:14)");
        return v;
    }

    // The run's common part: type check, distance, name; nullopt if not imported.
    bool running(const std::vector<CsvField>& row) {
        auto type = field(row, "Activity Type");
        if (missing(type) || !is_running_type(type->text)) {
            ++out_.non_running;
            return false;
        }
        return true;
    }

    void finish(Run run, const std::vector<CsvField>& row, std::optional<double> distance, std::string_view name,
                std::string_view type, std::size_t errors_before) {
        if (out_.diagnostics.size() != errors_before) return;
        run.pos = row.front().pos;
        if (!distance || round_distance(*distance) <= 0) {
            ++out_.without_distance;
            return;
        }
        run.distance = round_distance(*distance);
        classify(run, name, type);
        if (!trim(name).empty()) run.note = note_text(name);
        out_.runs.push_back(std::move(run));
    }

    // Strava's activities.csv: "Activity Date" in UTC; two "Distance" columns, the first in
    // the account's display units, the second in metres; two "Elapsed Time" columns (whole
    // seconds, then seconds with a fraction); "Elevation Loss" in metres.
    void read_strava(const std::vector<CsvField>& row) {
        if (!running(row)) return;
        auto errors_before = out_.diagnostics.size();
        Run run;
        auto date = field(row, "Activity Date");
        if (missing(date)) {
            error(row.front().pos, "the activity has no date", "an 'Activity Date' such as \"Oct 5, 2026, 7:02:11 AM\"");
        } else if (auto instant = strava_instant(date->text)) {
            run.date = options_.local_day(static_cast<std::int64_t>(std::floor(*instant)));
        } else {
            error(date->pos, fmt::format("Activity Date {} is not a date", shown(date->text)),
                  "a date such as \"Oct 5, 2026, 7:02:11 AM\" (Strava's English export, in UTC)");
        }
        std::optional<double> distance;
        auto metres = count("Distance") >= 2 ? field(row, "Distance", -1) : nullptr;
        if (!missing(metres)) {
            if (auto m = amount(metres, "Distance", "a distance in metres")) distance = distance_from_m(*m, options_.units);
        } else {
            distance = amount(field(row, "Distance"), "Distance",
                              fmt::format("a distance in {} (the account's display units)", to_string(options_.units)));
        }
        for (int k = count("Elapsed Time") - 1; k >= 0; --k)
            if (auto f = field(row, "Elapsed Time", k); !missing(f)) {
                if (auto s = seconds(f, "Elapsed Time"); s && std::round(*s) > 0) run.duration = minutes_from_seconds(*s);
                break;
            }
        if (auto loss = amount(field(row, "Elevation Loss"), "Elevation Loss", "an elevation loss in metres"))
            run.descent = round_elevation(elevation_from_m(*loss, options_.units));
        auto name = field(row, "Activity Name");
        finish(std::move(run), row, distance, name ? std::string_view(name->text) : std::string_view{},
               field(row, "Activity Type")->text, errors_before);
    }

    // Garmin Connect's activities CSV: "Date" in local time; "Distance" and "Total
    // Descent" in the account's units; "Time" / "Elapsed Time" as h:mm:ss; "--" for none.
    void read_garmin(const std::vector<CsvField>& row) {
        if (!running(row)) return;
        auto errors_before = out_.diagnostics.size();
        Run run;
        auto date = field(row, "Date");
        auto text = date ? trim(date->text) : std::string_view{};
        auto day = text.size() >= 10 ? Date::parse(text.substr(0, 10)) : std::nullopt;
        if (day && text.size() > 10 && !parse_iso_instant(text) && !parse_iso_instant(fmt::format("{}:00", text)))
            day.reset();
        if (missing(date)) error(row.front().pos, "the activity has no date", "a 'Date' such as 2026-10-05 07:02:11");
        else if (!day)
            error(date->pos, fmt::format("Date {} is not a date", shown(date->text)),
                  "a date such as 2026-10-05 07:02:11 (Garmin Connect's export, in local time)");
        else run.date = *day;
        auto distance = amount(field(row, "Distance"), "Distance",
                               fmt::format("a distance in {} (the account's units)", to_string(options_.units)));
        auto elapsed = field(row, "Elapsed Time");
        auto time = missing(elapsed) ? field(row, "Time") : elapsed;
        if (auto s = seconds(time, missing(elapsed) ? "Time" : "Elapsed Time"); s && std::round(*s) > 0)
            run.duration = minutes_from_seconds(*s);
        if (auto descent = amount(field(row, "Total Descent"), "Total Descent",
                                  fmt::format("an elevation loss in {}", elevation_unit(options_.units))))
            run.descent = round_elevation(*descent);
        auto name = field(row, "Title");
        finish(std::move(run), row, distance, name ? std::string_view(name->text) : std::string_view{},
               field(row, "Activity Type")->text, errors_before);
    }

    CsvTable table_;
    const ImportOptions& options_;
    Collected& out_;
    std::map<std::string, std::vector<std::size_t>> columns_;
};

}  // namespace

void read_activities_csv(std::string_view text, ImportFormat format, const ImportOptions& options, Collected& out) {
    CsvReader(text, options, out).read(format);
}

}  // namespace import_detail

}  // namespace rkplan
