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

using namespace std::string_view_literals;

namespace {

std::string shown(std::string_view s) {
    if (s.size() > 40) return fmt::format("'{}...'", s.substr(0, 40));
    return fmt::format("'{}'", s);
}

// ---------------------------------------------------------------------------------------
// Dates as the exports write them, in any of their languages.

// Month names and abbreviations (lower case, without a final dot) of English, German,
// French, Spanish, Italian, Dutch and Hungarian: a word names month m if it starts with
// one of its stems.
constexpr std::array<std::array<std::string_view, 6>, 12> month_stems = {{
    {"jan"sv, "ene"sv, "gen"sv},
    {"feb"sv, "fév"sv, "fev"sv},
    {"mar"sv, "mär"sv, "mrt"sv, "maa"sv, "márc"sv},
    {"apr"sv, "avr"sv, "abr"sv, "ápr"sv},
    {"may"sv, "mai"sv, "mag"sv, "mei"sv, "máj"sv},
    {"jun"sv, "juin"sv, "giu"sv, "jún"sv},
    {"jul"sv, "juil"sv, "lug"sv, "júl"sv},
    {"aug"sv, "aoû"sv, "aou"sv, "ago"sv},
    {"sep"sv, "set"sv, "szept"sv},
    {"oct"sv, "okt"sv, "ott"sv},
    {"nov"sv},
    {"dec"sv, "dez"sv, "déc"sv, "dic"sv},
}};

// Words a date may hold besides the month: weekdays before it ("Fr, 25 Mai 2012") and the
// small words of "12 de feb. de 2024" or "am 3. Mai um 10:00".
constexpr std::array filler_words = {"mon"sv, "tue"sv, "wed"sv, "thu"sv, "fri"sv, "sat"sv, "sun"sv, "mo"sv, "di"sv,
                                     "mi"sv,  "do"sv,  "fr"sv,  "sa"sv,  "so"sv,  "de"sv,  "del"sv, "um"sv, "at"sv,
                                     "om"sv,  "à"sv,   "am"sv,  "pm"sv,  "a"sv,   "p"sv,   "m"sv};

std::optional<unsigned> month_of(std::string_view word) {
    if (word.size() < 3) return std::nullopt;
    for (std::size_t m = 0; m < month_stems.size(); ++m)
        for (auto stem : month_stems[m])
            if (!stem.empty() && word.substr(0, stem.size()) == stem) return static_cast<unsigned>(m + 1);
    return std::nullopt;
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

// The pieces of a date: its numbers (digits), at most one clock (h:mm[:ss[.f]]), a
// month word, AM or PM.
struct DateParts {
    std::vector<std::string_view> numbers;
    std::optional<double> clock;
    std::optional<unsigned> month;
    char meridiem = 0;  // 'a', 'p' or none
};

std::optional<DateParts> date_parts(std::string_view text) {
    DateParts p;
    std::string previous;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (std::isdigit(c)) {
            auto end = text.find_first_not_of("0123456789", i);
            if (end == std::string_view::npos) end = text.size();
            if (end < text.size() && text[end] == ':') {
                end = text.find_first_not_of("0123456789:.", i);
                if (end == std::string_view::npos) end = text.size();
                if (p.clock) return std::nullopt;
                p.clock = parse_clock_seconds(text.substr(i, end - i));
                if (!p.clock) return std::nullopt;
            } else {
                p.numbers.push_back(text.substr(i, end - i));
            }
            i = end;
        } else if (std::isalpha(c) || c >= 0x80) {
            auto end = i;
            while (end < text.size() && (std::isalpha(static_cast<unsigned char>(text[end])) ||
                                         static_cast<unsigned char>(text[end]) >= 0x80))
                ++end;
            auto word = fold_case(text.substr(i, end - i));
            i = end;
            if (word == "am" || (word == "m" && previous == "a")) p.meridiem = 'a';
            else if (word == "pm" || (word == "m" && previous == "p")) p.meridiem = 'p';
            else if (auto m = month_of(word); m && !p.month) p.month = m;
            else if (std::find(filler_words.begin(), filler_words.end(), word) == filler_words.end()) return std::nullopt;
            previous = word;
        } else {
            if (std::string_view(" ,.-").find(static_cast<char>(c)) == std::string_view::npos) return std::nullopt;
            // A '-' joins parts ("2026-10-05"), but before a number after a space or at the
            // start it is a sign: "Nov -9, 2026" is no date.
            bool sign = c == '-' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == ',') && i + 1 < text.size() &&
                        std::isdigit(static_cast<unsigned char>(text[i + 1]));
            if (sign) return std::nullopt;
            ++i;
        }
    }
    return p;
}

std::optional<int> small_number(std::string_view digits) {
    if (digits.empty() || digits.size() > 4) return std::nullopt;
    int v = 0;
    for (char d : digits) v = v * 10 + (d - '0');
    return v;
}

}  // namespace

std::optional<ExportDate> parse_export_date(std::string_view original) {
    const std::string spaced = with_plain_spaces(original);
    auto p = date_parts(trim(spaced));
    if (!p) return std::nullopt;
    int y = 0, m = 0, d = 0;
    auto four = [](std::string_view s) { return s.size() == 4; };
    if (p->month && p->numbers.size() == 2) {  // "Oct 5, 2026", "23 jun. 2017", "2024. jan. 5."
        bool year_first = four(p->numbers[0]);
        auto yy = small_number(p->numbers[year_first ? 0 : 1]), dd = small_number(p->numbers[year_first ? 1 : 0]);
        if (!yy || !dd || !four(p->numbers[year_first ? 0 : 1])) return std::nullopt;
        y = *yy, m = static_cast<int>(*p->month), d = *dd;
    } else if (!p->month && p->numbers.size() == 3) {  // 2026-10-05, 2024. 08. 09., 21.07.2026
        bool year_first = four(p->numbers[0]);
        if (!year_first && !four(p->numbers[2])) return std::nullopt;
        auto a = small_number(p->numbers[0]), b = small_number(p->numbers[1]), c = small_number(p->numbers[2]);
        if (!a || !b || !c) return std::nullopt;
        y = year_first ? *a : *c, m = *b, d = year_first ? *c : *a;
    } else {
        return std::nullopt;
    }
    if (m < 1 || d < 1) return std::nullopt;
    auto date = Date::from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    if (!date) return std::nullopt;
    ExportDate out{*date, p->clock};
    if (p->meridiem) {
        if (!p->clock || *p->clock < 3600 || *p->clock >= 13 * 3600) return std::nullopt;
        out.seconds = std::fmod(*p->clock, 12 * 3600.0) + (p->meridiem == 'p' ? 12 * 3600.0 : 0.0);
    }
    if (out.seconds && *out.seconds >= 24 * 3600.0) return std::nullopt;
    return out;
}

std::optional<double> parse_export_number(std::string_view text, bool decimal_comma) {
    text = trim(text);
    if (!text.empty() && text.front() == '\'') text.remove_prefix(1);  // a spreadsheet's text marker
    std::string plain;
    if (decimal_comma) {  // "4,73", "1.234,5"
        for (char c : text)
            if (c != '.') plain += c == ',' ? '.' : c;
        if (text.find(',') == std::string_view::npos) plain = std::string(text);  // "4731.5" in a metres column
        return parse_number(plain);
    }
    // A dot decimal; commas group thousands ("1,079"). A lone comma followed by other than
    // three digits is a decimal comma ("5,81").
    auto dot = text.find('.');
    auto integer = text.substr(0, dot);
    auto comma = integer.find(',');
    if (comma != std::string_view::npos && dot == std::string_view::npos && integer.find(',', comma + 1) == std::string_view::npos &&
        integer.size() - comma - 1 != 3) {
        plain = std::string(integer);
        plain[comma] = '.';
        return parse_number(plain);
    }
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

namespace {

// ---------------------------------------------------------------------------------------
// The layouts of the exports: which header names the columns rkplan reads, per service
// and language.

enum class Col { id, date, name, type, distance, elapsed, time, descent, filename, moving, count };

struct Layout {
    ImportFormat format;
    std::string_view language;
    bool decimal_comma;    // numbers in the display units are written "4,73"
    bool distance_metres;  // the one distance column is in metres (Strava's 2018 layout)
    std::array<std::string_view, static_cast<std::size_t>(Col::count)> names;
};

// Strava first: its French date column ("Date de l'activité") keeps a Garmin French
// export ("Date") apart. Columns: id, date, name, type, distance, elapsed, time, descent,
// filename.
constexpr std::array layouts = {
    Layout{ImportFormat::strava_csv, "English", false, false,
           {"Activity ID", "Activity Date", "Activity Name", "Activity Type", "Distance", "Elapsed Time", "",
            "Elevation Loss", "Filename", "Moving Time"}},
    Layout{ImportFormat::strava_csv, "English (2018)", false, true,
           {"id", "date", "name", "type", "distance", "elapsed_time", "", "", "filename", ""}},
    Layout{ImportFormat::strava_csv, "Dutch", true, false,
           {"Activiteits-ID", "Datum van activiteit", "Naam activiteit", "Activiteitstype", "Afstand",
            "Verstreken tijd", "", "Hoogteverlies", "Bestandsnaam", "Beweegtijd"}},
    Layout{ImportFormat::strava_csv, "German", true, false,
           {"Aktivitäts-ID", "Aktivitätsdatum", "Name der Aktivität", "Aktivitätsart", "Distanz",
            "Verstrichene Zeit", "", "Höhenunterschied", "Dateiname", "Bewegungszeit"}},
    Layout{ImportFormat::strava_csv, "French", true, false,
           {"ID de l'activité", "Date de l'activité", "Nom de l'activité", "Type d'activité", "Distance",
            "Temps écoulé", "", "", "Nom du fichier", "Durée de déplacement"}},
    Layout{ImportFormat::strava_csv, "Spanish", true, false,
           {"ID de actividad", "Fecha de la actividad", "Nombre de la actividad", "Tipo de actividad", "Distancia",
            "Tiempo transcurrido", "", "", "Nombre del archivo", ""}},
    // Italian: no real export nor documentation was at hand; the names follow Strava's
    // Italian interface. A file whose header differs is refused with the header named,
    // never misread.
    Layout{ImportFormat::strava_csv, "Italian", true, false,
           {"ID attività", "Data attività", "Nome attività", "Tipo attività", "Distanza", "Tempo trascorso", "",
            "Perdita di quota", "Nome file", "Tempo in movimento"}},
    Layout{ImportFormat::garmin_csv, "English", false, false,
           {"", "Date", "Title", "Activity Type", "Distance", "Elapsed Time", "Time", "Total Descent", "", "Moving Time"}},
    Layout{ImportFormat::garmin_csv, "German", false, false,
           {"", "Datum", "Titel", "Aktivitätstyp", "Distanz", "Verstrichene Zeit", "Zeit", "Abstieg gesamt", "", "Zeit in Bewegung"}},
    Layout{ImportFormat::garmin_csv, "German (Garmin Connect classic)", true, false,
           {"", "Start", "Aktivitätsname", "Aktivitätstyp", "Distanz", "", "Zeit", "", "", ""}},
    Layout{ImportFormat::garmin_csv, "Spanish", false, false,
           {"", "Fecha", "Título", "Tipo de actividad", "Distancia", "Tiempo transcurrido", "Tiempo",
            "Descenso total", "", "Tiempo en movimiento"}},
    Layout{ImportFormat::garmin_csv, "Hungarian", false, false,
           {"", "Dátum", "Cím", "Tevékenység típusa", "Távolság", "Eltelt idő", "Idő", "Teljes süllyedés", "", "Menetidő"}},
    Layout{ImportFormat::garmin_csv, "French", false, false,
           {"", "Date", "Titre", "Type d'activité", "Distance", "Temps écoulé", "Durée", "Descente totale", "", "Temps de déplacement"}},
    Layout{ImportFormat::garmin_csv, "Italian", false, false,
           {"", "Data", "Titolo", "Tipo di attività", "Distanza", "Tempo trascorso", "Tempo", "Discesa totale", "", "Tempo in movimento"}},
    Layout{ImportFormat::garmin_csv, "Dutch", false, false,
           {"", "Datum", "Titel", "Activiteittype", "Afstand", "Verstreken tijd", "Tijd", "Totale daling", "", "Tijd bewogen"}},
};

// A header cell as the reader compares it: trimmed, with HTML tags removed (Strava once
// wrote `<span class="translation_missing" ...>Type</span>`).
std::string header_name(std::string_view cell) {
    std::string out;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == '<') {
            auto close = cell.find('>', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        out += cell[i];
    }
    return std::string(trim(out));
}

using Columns = std::map<std::string, std::vector<std::size_t>>;

Columns columns_of(const std::vector<CsvField>& record) {
    Columns columns;
    for (std::size_t i = 0; i < record.size(); ++i) columns[header_name(record[i].text)].push_back(i);
    return columns;
}

bool matches(const Layout& layout, const Columns& columns) {
    for (auto c : {Col::date, Col::type, Col::distance})
        if (!columns.count(std::string(layout.names[static_cast<std::size_t>(c)]))) return false;
    return true;
}

// Garmin Connect classic put a title line and a blank line before the header.
constexpr std::size_t max_preamble_records = 3;

struct FoundLayout {
    const Layout* layout = nullptr;
    std::size_t header = 0;  // the header's record
};

FoundLayout find_layout(const CsvTable& table) {
    for (std::size_t r = 0; r < table.records.size() && r <= max_preamble_records; ++r) {
        auto columns = columns_of(table.records[r]);
        for (const auto& layout : layouts)
            if (matches(layout, columns)) return {&layout, r};
    }
    return {};
}

class CsvReader {
public:
    CsvReader(std::string_view text, const ImportOptions& options, Collected& out)
        : table_(read_csv(text)), options_(options), out_(out) {}

    void read() {
        if (!table_.diagnostics.empty()) {
            for (auto& d : table_.diagnostics) out_.diagnostics.push_back(std::move(d));
            return;
        }
        auto found = find_layout(table_);
        if (!found.layout) {
            unknown_header();
            return;
        }
        layout_ = found.layout;
        const auto& header = table_.records[found.header];
        columns_ = columns_of(header);
        for (std::size_t r = found.header + 1; r < table_.records.size(); ++r) {
            const auto& row = table_.records[r];
            if (row.size() > header.size()) {
                error(row[header.size()].pos,
                      fmt::format("this row has {} fields, the header {}", row.size(), header.size()),
                      "one field per column of the header (quote fields that hold commas)");
                ++out_.invalid;
                continue;
            }
            bool blank = std::all_of(row.begin(), row.end(), [](const CsvField& f) { return trim(f.text).empty(); });
            if (!blank) read_row(row);  // Garmin Connect classic ends with a line of one space
        }
    }

private:
    void unknown_header() {
        const auto& header = table_.records.front();
        std::string names;
        for (std::size_t i = 0; i < header.size() && i < 4; ++i)
            names += fmt::format("{}'{}'", i ? ", " : "", header_name(header[i].text));
        error(header.front().pos,
              fmt::format("the CSV header {} names no activity type, date and distance columns rkplan knows", names),
              "an activities export of Strava (English, German, French, Spanish, Italian, Dutch) or Garmin Connect (English, German, "
              "French, Spanish, Italian, Dutch, Hungarian), its header row unchanged");
    }

    void error(SourcePos pos, std::string message, std::string expected) {
        out_.diagnostics.push_back({pos, std::move(message), std::move(expected)});
    }

    std::string_view name_of(Col c) const { return layout_->names[static_cast<std::size_t>(c)]; }

    // The field of the `nth` column `c` (negative: from the last); nullptr if the row is
    // short or the layout has no such column.
    const CsvField* field(const std::vector<CsvField>& row, Col c, int nth = 0) const {
        if (name_of(c).empty()) return nullptr;
        auto it = columns_.find(std::string(name_of(c)));
        if (it == columns_.end()) return nullptr;
        const auto& idx = it->second;
        auto k = nth < 0 ? static_cast<int>(idx.size()) + nth : nth;
        if (k < 0 || k >= static_cast<int>(idx.size())) return nullptr;
        auto i = idx[static_cast<std::size_t>(k)];
        return i < row.size() ? &row[i] : nullptr;
    }

    int count(Col c) const {
        auto it = columns_.find(std::string(name_of(c)));
        return name_of(c).empty() || it == columns_.end() ? 0 : static_cast<int>(it->second.size());
    }

    static bool missing(const CsvField* f) {
        if (!f) return true;
        auto t = trim(f->text);
        return t.empty() || t == "--";
    }

    // A number of 0 or more; reports and returns nullopt on anything else. Float noise
    // just below 0 (Strava's `-0.10000000149011612` metres of descent) reads as 0.
    std::optional<double> amount(const CsvField* f, Col c, std::string_view expected, bool decimal_comma) {
        if (missing(f)) return std::nullopt;
        auto v = parse_export_number(f->text, decimal_comma);
        if (v && *v < 0 && *v > -max_float_noise) v = 0.0;
        if (!v || *v < 0) {
            error(f->pos, fmt::format("{} {} is not {}", name_of(c), shown(f->text), v ? "0 or more" : "a number"),
                  std::string(expected));
            return std::nullopt;
        }
        return v;
    }

    // An elevation loss of 0 or more. Float noise just below 0 reads as 0; a clearly
    // negative loss (Strava writes -3.4 now and then) is left out, with a note.
    std::optional<double> descent(const CsvField* f, std::string_view unit) {
        if (missing(f)) return std::nullopt;
        if (auto v = parse_export_number(f->text, false); v && *v <= -max_float_noise) {
            out_.notes.push_back({f->pos, fmt::format("{} {} is below 0: the run is imported without a descent",
                                                      name_of(Col::descent), shown(f->text)), {}});
            return std::nullopt;
        }
        return amount(f, Col::descent, fmt::format("an elevation loss in {}", unit), false);
    }

    // Seconds as a number ("1934") or a clock ("0:32:14", "00:28:10.5").
    std::optional<double> seconds(const CsvField* f, Col c) {
        if (missing(f)) return std::nullopt;
        auto v = f->text.find(':') != std::string::npos ? parse_clock_seconds(f->text)
                                                          : parse_export_number(f->text, layout_->decimal_comma);
        if (!v || *v < 0)
            error(f->pos, fmt::format("{} {} is not a duration", name_of(c), shown(f->text)),
                  "seconds (1934) or h:mm:ss (0:32:14)");
        return v;
    }

    void read_row(const std::vector<CsvField>& row) {
        auto type = field(row, Col::type);
        auto file = field(row, Col::filename);
        bool has_file = !missing(file);
        bool running = !missing(type) && is_running_type(type->text);
        if (has_file) out_.rows.push_back({std::string(trim(file->text)), row.front().pos, running,
                                         missing(type) ? std::string{} : std::string(trim(type->text))});
        if (!running) {
            ++out_.non_running;
            if (!missing(type)) ++out_.skipped_sports[fold_case(trim(type->text))];
            return;
        }
        auto errors_before = out_.diagnostics.size();
        Run run;
        run.pos = row.front().pos;
        read_date(row, run);
        auto distance = read_distance(row);
        read_duration(row, run);
        auto descent_unit = layout_->format == ImportFormat::strava_csv ? std::string("metres")
                                                                         : std::string(elevation_unit(options_.units));
        if (auto d = descent(field(row, Col::descent), descent_unit))
            run.descent = round_elevation(layout_->format == ImportFormat::strava_csv ? elevation_from_m(*d, options_.units)
                                                                                       : *d);
        auto name = field(row, Col::name);
        finish(std::move(run), distance, name ? std::string_view(name->text) : std::string_view{}, type->text,
               errors_before);
    }

    // Strava writes its dates in UTC, Garmin Connect in the runner's local time.
    void read_date(const std::vector<CsvField>& row, Run& run) {
        auto date = field(row, Col::date);
        bool strava = layout_->format == ImportFormat::strava_csv;
        auto example = strava ? "\"Oct 5, 2026, 7:02:11 AM\" or \"5 okt. 2026 07:02:11\""
                              : "2026-10-05 07:02:11 (local time)";
        if (missing(date)) {
            error(row.front().pos, "the activity has no date", fmt::format("a '{}' such as {}", name_of(Col::date), example));
            return;
        }
        auto parsed = parse_export_date(date->text);
        if (!parsed) {
            error(date->pos, fmt::format("{} {} is not a date", name_of(Col::date), shown(date->text)),
                  fmt::format("a date such as {}", example));
            return;
        }
        if (!strava || !parsed->seconds) {
            run.date = parsed->date;
            return;
        }
        auto instant = static_cast<std::int64_t>(parsed->date.days) * seconds_per_day_int +
                       static_cast<std::int64_t>(std::floor(*parsed->seconds));
        run.date = options_.local_day(instant);
    }

    // Strava has two distance columns: the first in the account's display units, the last
    // in metres, which wins. Garmin has one, in the account's units.
    std::optional<double> read_distance(const std::vector<CsvField>& row) {
        auto metres = layout_->distance_metres ? field(row, Col::distance)
                      : layout_->format == ImportFormat::strava_csv && count(Col::distance) >= 2
                          ? field(row, Col::distance, -1)
                          : nullptr;
        if (!missing(metres)) {
            auto m = amount(metres, Col::distance, "a distance in metres", false);
            return m ? std::optional(distance_from_m(*m, options_.units)) : std::nullopt;
        }
        return amount(field(row, Col::distance), Col::distance,
                      fmt::format("a distance in {} (the account's display units)", to_string(options_.units)),
                      layout_->decimal_comma);
    }

    // Elapsed time where the export has it (Strava's last non-empty column), else time. An
    // elapsed time beyond what a run can last (a watch left running: Strava shows 48 hours
    // for a 7 km run) gives way to the moving time, with a note.
    void read_duration(const std::vector<CsvField>& row, Run& run) {
        std::optional<double> s;
        const CsvField* at = nullptr;
        for (int k = count(Col::elapsed) - 1; k >= 0 && !at; --k)
            if (auto f = field(row, Col::elapsed, k); !missing(f)) at = f, s = seconds(f, Col::elapsed);
        if (!at) at = field(row, Col::time), s = seconds(at, Col::time);
        if (s && *s > Limits::max_duration_min * seconds_per_minute) {
            auto moving = seconds(field(row, Col::moving), Col::moving);
            bool use = moving && *moving <= Limits::max_duration_min * seconds_per_minute;
            out_.notes.push_back({at->pos, fmt::format("{} {} is longer than 48 hours (a watch left running?): {}",
                                                       name_of(Col::elapsed), shown(at->text),
                                                       use ? "the moving time is taken" : "the run has no duration"),
                                  {}});
            s = use ? moving : std::nullopt;
        }
        if (s && std::round(*s) > 0) run.duration = minutes_from_seconds(*s);
    }

    void finish(Run run, std::optional<double> distance, std::string_view name, std::string_view type,
                std::size_t errors_before) {
        if (out_.diagnostics.size() != errors_before) {
            ++out_.invalid;
            return;
        }
        if (!distance || round_distance(*distance) <= 0) {
            ++out_.without_distance;
            return;
        }
        run.distance = round_distance(*distance);
        classify(run, name, type);
        if (!trim(name).empty()) run.note = note_text(name);
        out_.runs.push_back(std::move(run));
    }

    static constexpr double max_float_noise = 1.0;
    static constexpr double seconds_per_minute = 60.0;
    static constexpr std::int64_t seconds_per_day_int = 86400;

    CsvTable table_;
    const ImportOptions& options_;
    Collected& out_;
    const Layout* layout_ = nullptr;
    Columns columns_;
};

}  // namespace

ImportFormat csv_format(std::string_view text) {
    // Only the header rows matter; a bounded prefix keeps this cheap on a huge file.
    auto table = read_csv(text.substr(0, csv_sniff_bytes));
    auto found = find_layout(table);
    if (found.layout) return found.layout->format;
    return ImportFormat::unknown;
}

bool looks_like_csv_header(std::string_view text) {
    auto line = text.substr(0, text.find('\n'));
    return std::count(line.begin(), line.end(), ',') >= min_header_commas && line.find('<') == std::string_view::npos;
}

void read_activities_csv(std::string_view text, ImportFormat, const ImportOptions& options, Collected& out) {
    CsvReader(text, options, out).read();
}

}  // namespace import_detail

}  // namespace rkplan
