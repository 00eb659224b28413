// FIT files (Garmin's Flexible and Interoperable Data Transfer protocol, as published in
// the FIT SDK): a 12- or 14-byte header, definition and data messages, a CRC-16 at the
// end; several such files may follow one another (a "chained" FIT file).
#include "import_fit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "rkplan/text.hpp"

namespace rkplan::import_detail {

namespace {

constexpr std::int64_t fit_epoch_unix = 631065600;  // 1989-12-31T00:00:00Z
// date_time values below this count seconds since the device powered on, not a date.
constexpr std::uint32_t fit_min_date_time = 0x10000000;
constexpr std::size_t short_header_size = 12;
constexpr std::size_t crc_header_size = 14;
constexpr std::size_t crc_size = 2;
constexpr std::string_view fit_signature = ".FIT";
constexpr std::size_t signature_at = 8;
constexpr std::size_t local_types = 16;
constexpr std::size_t definition_fixed_size = 5;  // reserved, architecture, global (2), field count
constexpr std::size_t field_definition_size = 3;

constexpr std::uint8_t header_compressed = 0x80;
constexpr std::uint8_t header_definition = 0x40;
constexpr std::uint8_t header_developer_data = 0x20;
constexpr std::uint8_t local_type_mask = 0x0F;
constexpr std::uint8_t compressed_local_shift = 5;
constexpr std::uint8_t compressed_local_mask = 0x03;
constexpr std::uint8_t compressed_offset_mask = 0x1F;
constexpr std::uint8_t base_type_number_mask = 0x1F;
// Records kept at most: over eleven days at one a second, far beyond the 48 hours a run
// may last, and 32 MB; a hostile file of tiny records stops here instead of filling memory.
constexpr std::size_t max_records = 1'000'000;

constexpr double semicircles_per_degree = 2147483648.0 / 180.0;  // 2^31 / 180
constexpr double max_lat_semicircles = 90 * semicircles_per_degree;
constexpr double max_lon_semicircles = 180 * semicircles_per_degree;
constexpr double altitude_scale = 5.0, altitude_offset_m = 500.0;
constexpr double distance_scale = 100.0;
constexpr double time_scale = 1000.0;

namespace mesg {
constexpr std::uint16_t sport = 12, session = 18, record = 20;
}
constexpr std::uint8_t field_timestamp = 253;
namespace session_field {
constexpr std::uint8_t start_time = 2, sport = 5, sub_sport = 6, elapsed = 7, timer = 8, distance = 9, descent = 23;
}
namespace record_field {
constexpr std::uint8_t lat = 0, lon = 1, altitude = 2, distance = 5, enhanced_altitude = 78;
}
namespace sport_field {
constexpr std::uint8_t sport = 0, sub_sport = 1;
}

// FIT's CRC-16 (polynomial 0xA001, four bits at a time), as the FIT SDK computes it.
std::uint16_t fit_crc(std::string_view bytes) {
    static constexpr std::array<std::uint16_t, 16> table = {0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00,
                                                            0x2800, 0xE401, 0xA001, 0x6C00, 0x7800, 0xB401,
                                                            0x5000, 0x9C01, 0x8801, 0x4400};
    std::uint16_t crc = 0;
    for (char ch : bytes) {
        auto byte = static_cast<std::uint8_t>(ch);
        auto tmp = table[crc & 0xF];
        crc = static_cast<std::uint16_t>(((crc >> 4) & 0x0FFF) ^ tmp ^ table[byte & 0xF]);
        tmp = table[crc & 0xF];
        crc = static_cast<std::uint16_t>(((crc >> 4) & 0x0FFF) ^ tmp ^ table[(byte >> 4) & 0xF]);
    }
    return crc;
}

std::uint64_t read_unsigned(const unsigned char* p, std::size_t size, bool big_endian) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < size; ++i) {
        std::size_t k = big_endian ? i : size - 1 - i;
        v = (v << 8) | p[k];
    }
    return v;
}

// A base type's size, signedness and invalid value ("no value" in FIT).
struct BaseType {
    std::size_t size = 0;  // 0: not a number rkplan reads (string, float, unknown)
    bool is_signed = false;
    std::uint64_t invalid = 0;
};

BaseType base_type(std::uint8_t code) {
    switch (code & base_type_number_mask) {
        case 0: return {1, false, 0xFF};                      // enum
        case 1: return {1, true, 0x7F};                       // sint8
        case 2: return {1, false, 0xFF};                      // uint8
        case 3: return {2, true, 0x7FFF};                     // sint16
        case 4: return {2, false, 0xFFFF};                    // uint16
        case 5: return {4, true, 0x7FFFFFFF};                 // sint32
        case 6: return {4, false, 0xFFFFFFFF};                // uint32
        case 10: return {1, false, 0};                        // uint8z
        case 11: return {2, false, 0};                        // uint16z
        case 12: return {4, false, 0};                        // uint32z
        case 13: return {1, false, 0xFF};                     // byte
        case 14: return {8, true, 0x7FFFFFFFFFFFFFFF};        // sint64
        case 15: return {8, false, 0xFFFFFFFFFFFFFFFF};       // uint64
        case 16: return {8, false, 0};                        // uint64z
        default: return {};                                   // string, float32, float64, unknown
    }
}

struct FieldDefinition {
    std::uint8_t number = 0;
    std::uint8_t size = 0;
    std::uint8_t base = 0;
};

struct Definition {
    std::uint16_t global = 0;
    bool big_endian = false;
    std::vector<FieldDefinition> fields;
    std::size_t size = 0;  // bytes of one data message, developer fields included
};

// The fields of one data message rkplan may need, by field number.
class Values {
public:
    void clear() { count_ = 0; }
    void add(std::uint8_t number, std::int64_t value) {
        if (count_ < items_.size()) items_[count_++] = {number, value};
    }
    std::optional<std::int64_t> get(std::uint8_t number) const {
        for (std::size_t i = 0; i < count_; ++i)
            if (items_[i].first == number) return items_[i].second;
        return std::nullopt;
    }

private:
    std::array<std::pair<std::uint8_t, std::int64_t>, 256> items_{};
    std::size_t count_ = 0;
};

// A field's value, or nullopt when it is invalid, an array or not an integer.
std::optional<std::int64_t> field_value(const unsigned char* p, const FieldDefinition& f, bool big_endian) {
    auto type = base_type(f.base);
    if (type.size == 0 || f.size != type.size) return std::nullopt;
    auto raw = read_unsigned(p, type.size, big_endian);
    if (raw == type.invalid) return std::nullopt;
    if (type.is_signed && type.size < 8) {
        auto sign = std::uint64_t{1} << (type.size * 8 - 1);
        return static_cast<std::int64_t>(raw ^ sign) - static_cast<std::int64_t>(sign);
    }
    if (type.size == 8 && !type.is_signed && raw > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(raw);
}

bool wanted(std::uint16_t global) {
    return global == mesg::session || global == mesg::record || global == mesg::sport;
}

std::optional<std::int64_t> unix_time(std::optional<std::int64_t> fit_time) {
    if (!fit_time || *fit_time < fit_min_date_time) return std::nullopt;
    return *fit_time + fit_epoch_unix;
}

std::optional<double> scaled(std::optional<std::int64_t> v, double scale, double offset = 0) {
    if (!v) return std::nullopt;
    return static_cast<double>(*v) / scale - offset;
}

std::optional<int> small(std::optional<std::int64_t> v) {
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
}

// Reads one FIT file's data records (after its header), up to `end` or the first damage.
class FileReader {
public:
    FileReader(std::string_view bytes, FitContent& out) : bytes_(bytes), out_(out) {}

    // Returns the offset at which the data stops being readable, or `end` when all was read.
    std::size_t read(std::size_t begin, std::size_t end) {
        std::size_t at = begin;
        while (at < end) {
            auto next = record(at, end);
            if (!next) return at;
            at = *next;
        }
        return at;
    }

private:
    std::string_view bytes_;
    FitContent& out_;
    std::array<std::optional<Definition>, local_types> definitions_;
    std::optional<std::uint32_t> last_timestamp_;
    Values values_;

    const unsigned char* at(std::size_t offset) const {
        return reinterpret_cast<const unsigned char*>(bytes_.data()) + offset;
    }

    void damage(std::size_t offset, std::string message) {
        out_.damaged = true;
        out_.warnings.push_back({fit_position(offset), std::move(message), "FIT records as their definitions describe them"});
    }

    std::optional<std::size_t> record(std::size_t offset, std::size_t end) {
        auto header = *at(offset);
        if ((header & header_compressed) != 0) {
            auto local = static_cast<std::size_t>((header >> compressed_local_shift) & compressed_local_mask);
            return data(offset, end, local, static_cast<std::uint8_t>(header & compressed_offset_mask));
        }
        auto local = static_cast<std::size_t>(header & local_type_mask);
        if ((header & header_definition) != 0) return definition(offset, end, local, (header & header_developer_data) != 0);
        return data(offset, end, local, std::nullopt);
    }

    std::optional<std::size_t> definition(std::size_t offset, std::size_t end, std::size_t local, bool developer) {
        std::size_t p = offset + 1;
        if (end - p < definition_fixed_size) {
            damage(offset, "the file ends inside a definition message");
            return std::nullopt;
        }
        auto architecture = *at(p + 1);
        if (architecture > 1) {
            damage(offset, fmt::format("a definition message with architecture {} (0 or 1 expected)", architecture));
            return std::nullopt;
        }
        Definition d;
        d.big_endian = architecture == 1;
        d.global = static_cast<std::uint16_t>(read_unsigned(at(p + 2), 2, d.big_endian));
        std::size_t count = *at(p + 4);
        p += definition_fixed_size;
        if (end - p < count * field_definition_size + (developer ? 1 : 0)) {
            damage(offset, "the file ends inside a definition message");
            return std::nullopt;
        }
        for (std::size_t i = 0; i < count; ++i, p += field_definition_size) {
            FieldDefinition f{*at(p), *at(p + 1), *at(p + 2)};
            d.size += f.size;
            if (wanted(d.global) || f.number == field_timestamp) d.fields.push_back(f);
            else d.fields.push_back({0xFF, f.size, 0xFF});  // skipped by its size
        }
        if (developer) {
            std::size_t dev_count = *at(p);
            ++p;
            if (end - p < dev_count * field_definition_size) {
                damage(offset, "the file ends inside a definition message");
                return std::nullopt;
            }
            // Developer fields are skipped: only their sizes matter.
            for (std::size_t i = 0; i < dev_count; ++i, p += field_definition_size) d.size += *at(p + 1);
        }
        definitions_[local] = std::move(d);
        return p;
    }

    std::optional<std::size_t> data(std::size_t offset, std::size_t end, std::size_t local,
                                    std::optional<std::uint8_t> time_offset) {
        const auto& d = definitions_[local];
        if (!d) {
            damage(offset, fmt::format("a data message of local type {} that no definition precedes", local));
            return std::nullopt;
        }
        std::size_t p = offset + 1;
        if (end - p < d->size) {
            damage(offset, fmt::format("the file ends inside a data message ({} of its {} bytes are there)", end - p,
                                       d->size));
            return std::nullopt;
        }
        values_.clear();
        for (const auto& f : d->fields) {
            if (f.number != 0xFF || f.base != 0xFF)
                if (auto v = field_value(at(p), f, d->big_endian)) values_.add(f.number, *v);
            p += f.size;
        }
        if (auto ts = values_.get(field_timestamp)) last_timestamp_ = static_cast<std::uint32_t>(*ts);
        if (time_offset) {
            // A compressed header carries the low five bits of the time; the rest comes from the
            // last timestamp seen, rolling over when the bits wrap.
            if (last_timestamp_) {
                std::uint32_t base = *last_timestamp_ & ~std::uint32_t{compressed_offset_mask};
                std::uint32_t t = base + *time_offset;
                if (*time_offset < (*last_timestamp_ & compressed_offset_mask)) t += compressed_offset_mask + 1;
                last_timestamp_ = t;
                values_.add(field_timestamp, t);
            }
        }
        keep(d->global, offset);
        if (out_.records.size() > max_records) {
            out_.records.pop_back();
            damage(offset, fmt::format("more than {} track records", max_records));
            return std::nullopt;
        }
        return offset + 1 + d->size;
    }

    void keep_record() {
        const auto& v = values_;
        auto time = unix_time(v.get(field_timestamp));
        if (!time) return;  // a record without a time belongs to no session
        FitRecord r;
        r.time = *time;
        auto lat = v.get(record_field::lat), lon = v.get(record_field::lon);
        if (lat && lon && std::fabs(static_cast<double>(*lat)) <= max_lat_semicircles &&
            std::fabs(static_cast<double>(*lon)) <= max_lon_semicircles) {
            r.lat_semicircles = static_cast<std::int32_t>(*lat);
            r.lon_semicircles = static_cast<std::int32_t>(*lon);
            r.has_position = true;
        }
        auto altitude = v.get(record_field::enhanced_altitude);
        if (!altitude) altitude = v.get(record_field::altitude);
        if (altitude) {
            r.altitude = static_cast<float>(*scaled(altitude, altitude_scale, altitude_offset_m));
            r.has_altitude = true;
        }
        if (auto d = v.get(record_field::distance); d && *d >= 0 && *d <= UINT32_MAX) {
            r.distance_cm = static_cast<std::uint32_t>(*d);
            r.has_distance = true;
        }
        if (r.has_position || r.has_altitude || r.has_distance) out_.records.push_back(r);
    }

    void keep(std::uint16_t global, std::size_t offset) {
        const auto& v = values_;
        if (global == mesg::record) {
            keep_record();
        } else if (global == mesg::session) {
            FitSession s;
            s.offset = offset;
            s.sport = small(v.get(session_field::sport));
            s.sub_sport = small(v.get(session_field::sub_sport));
            s.start_time = unix_time(v.get(session_field::start_time));
            s.timestamp = unix_time(v.get(field_timestamp));
            s.elapsed_s = scaled(v.get(session_field::elapsed), time_scale);
            s.timer_s = scaled(v.get(session_field::timer), time_scale);
            s.distance_m = scaled(v.get(session_field::distance), distance_scale);
            s.descent_m = scaled(v.get(session_field::descent), 1.0);
            out_.sessions.push_back(s);
        } else if (global == mesg::sport) {
            out_.sports.push_back({offset, small(v.get(sport_field::sport)), small(v.get(sport_field::sub_sport))});
        }
    }
};

// Reads the FIT file whose header is at `offset`; returns where the next one may start,
// or nullopt when the chain stops here (damage, or the end).
std::optional<std::size_t> read_file(std::string_view bytes, std::size_t offset, FitContent& out) {
    auto u = [&](std::size_t i) { return static_cast<std::uint8_t>(bytes[i]); };
    std::size_t left = bytes.size() - offset;
    std::size_t header_size = u(offset);
    bool first = offset == 0;
    auto fail = [&](std::size_t at, std::string message, std::string expected) -> std::optional<std::size_t> {
        if (first && out.sessions.empty() && out.records.empty()) out.error = Diagnostic{fit_position(at), message, expected};
        else {
            out.damaged = true;
            out.warnings.push_back({fit_position(at), std::move(message), std::move(expected)});
        }
        return std::nullopt;
    };
    if (left < short_header_size || header_size < short_header_size || header_size > left ||
        bytes.substr(offset + signature_at, fit_signature.size()) != fit_signature)
        return fail(offset, first ? "not a FIT file header" : fmt::format("{} bytes after the FIT data that are not a FIT file", left),
                    "a FIT header: its size (12 or 14), the protocol and profile versions, the data size, \".FIT\"");
    auto data_size = static_cast<std::size_t>(read_unsigned(reinterpret_cast<const unsigned char*>(bytes.data()) + offset + 4, 4, false));
    if (header_size >= crc_header_size) {
        auto stored = static_cast<std::uint16_t>(u(offset + 12) | (u(offset + 13) << 8));
        auto computed = fit_crc(bytes.substr(offset, short_header_size));
        if (stored != 0 && stored != computed)  // 0: the writer did not compute one
            return fail(offset + 12, fmt::format("the FIT header's CRC is 0x{:04X}, its bytes give 0x{:04X}: the header is damaged", stored, computed),
                        "an intact FIT header");
    }
    std::size_t begin = offset + header_size;
    std::size_t end = begin + data_size;
    bool complete = data_size <= bytes.size() - begin && bytes.size() - begin - data_size >= crc_size;
    if (complete) {
        auto stored = static_cast<std::uint16_t>(u(end) | (u(end + 1) << 8));
        auto computed = fit_crc(bytes.substr(offset, end - offset));
        if (stored != computed)
            return fail(end, fmt::format("the FIT file's CRC is 0x{:04X}, its bytes give 0x{:04X}: the file is damaged", stored, computed),
                        "an intact FIT file (its CRC-16 over the header and the data)");
    } else {
        out.damaged = true;
        out.warnings.push_back({fit_position(offset + 4),
                                fmt::format("the FIT header announces {} bytes of data and a CRC, the file holds {} after the header: "
                                            "it is truncated",
                                            data_size, bytes.size() - begin),
                                "a FIT file that ends with its CRC"});
        end = bytes.size();
    }
    FileReader reader(bytes, out);
    auto stopped = reader.read(begin, end);
    if (stopped < end || !complete) return std::nullopt;
    return end + crc_size;
}

}  // namespace

double FitRecord::lat() const { return lat_semicircles / semicircles_per_degree; }
double FitRecord::lon() const { return lon_semicircles / semicircles_per_degree; }
std::optional<double> FitRecord::altitude_m() const {
    return has_altitude ? std::optional<double>(altitude) : std::nullopt;
}
std::optional<double> FitRecord::distance_m() const {
    return has_distance ? std::optional<double>(distance_cm / distance_scale) : std::nullopt;
}

SourcePos fit_position(std::size_t offset) {
    constexpr std::size_t max_column = 0x7FFFFFFF;
    return {1, static_cast<int>(std::min(offset, max_column - 1) + 1)};
}

std::string fit_sport_name(int sport) {
    static constexpr std::array<std::string_view, 49> names = {
        "generic", "running", "cycling", "transition", "fitness equipment", "swimming", "basketball", "soccer",
        "tennis", "american football", "training", "walking", "cross-country skiing", "alpine skiing",
        "snowboarding", "rowing", "mountaineering", "hiking", "multisport", "paddling", "flying", "e-biking",
        "motorcycling", "boating", "driving", "golf", "hang gliding", "horseback riding", "hunting", "fishing",
        "inline skating", "rock climbing", "sailing", "ice skating", "sky diving", "snowshoeing", "snowmobiling",
        "stand-up paddleboarding", "surfing", "wakeboarding", "water skiing", "kayaking", "rafting", "windsurfing",
        "kitesurfing", "tactical", "jumpmaster", "boxing", "floor climbing"};
    if (sport >= 0 && static_cast<std::size_t>(sport) < names.size()) return std::string(names[static_cast<std::size_t>(sport)]);
    return fmt::format("sport {}", sport);
}

FitContent decode_fit(std::string_view bytes) {
    FitContent out;
    std::optional<std::size_t> next = 0;
    while (next && *next < bytes.size()) next = read_file(bytes, *next, out);
    return out;
}

namespace {

// Records within this of a session's end count as reaching it (a device writes its last
// record a moment before or after the session's timestamp).
constexpr double record_coverage_slack_s = 60.0;

bool is_sub_sport(const FitSession& s, std::initializer_list<int> values) {
    return s.sub_sport && std::find(values.begin(), values.end(), *s.sub_sport) != values.end();
}

namespace sub_sport {
constexpr int treadmill = 1, trail = 3, track = 4, indoor_running = 45, virtual_activity = 58;
}

// The session's sport: its own, else the sport message that pairs with it (the only
// one, or the one at its place when there are as many as sessions).
std::optional<int> session_sport(const FitContent& c, std::size_t i) {
    const auto& s = c.sessions[i];
    if (s.sport) return s.sport;
    if (c.sports.size() == 1) return c.sports.front().sport;
    if (c.sports.size() == c.sessions.size()) return c.sports[i].sport;
    return std::nullopt;
}

// The distance at each record (the device's own where the records have it, else the
// great-circle steps between positions) and the records' altitude profile along it.
struct Profile {
    std::vector<double> elevation_m, at_m;
    double distance_m = 0;
    std::optional<std::int64_t> first_time, last_time;
};

Profile profile_of(const std::vector<const FitRecord*>& records) {
    Profile out;
    bool device = std::any_of(records.begin(), records.end(), [](const FitRecord* r) { return r->has_distance; });
    double so_far = 0;
    std::optional<double> last_device;  // steps, not differences from the first: a leg of a
                                        // multisport file may restart the count
    const FitRecord* last_position = nullptr;
    for (const auto* r : records) {
        if (device && r->has_distance) {
            if (last_device) so_far += std::max(0.0, *r->distance_m() - *last_device);
            last_device = r->distance_m();
        } else if (!device && r->has_position) {
            if (last_position) so_far += haversine_m(last_position->lat(), last_position->lon(), r->lat(), r->lon());
            last_position = r;
        }
        if (r->has_altitude) {
            out.elevation_m.push_back(r->altitude);
            out.at_m.push_back(so_far);
        }
        if (!out.first_time) out.first_time = r->time;
        out.last_time = r->time;
    }
    out.distance_m = so_far;
    return out;
}

// What becomes a run: from a session, or from the records alone.
struct FitActivity {
    std::size_t offset = 0;
    std::int64_t start = 0;
    double distance_m = 0;
    std::optional<double> seconds, descent_m;
    bool profile_trusted = true;  // the records cover the activity: descent and downhill from them
    Profile profile;
    std::optional<Surface> surface;
};

void add_fit_run(const FitActivity& a, const ImportOptions& options, Collected& out) {
    Run run;
    run.pos = fit_position(a.offset);
    run.date = options.local_day(a.start);
    run.distance = round_distance(distance_from_m(a.distance_m, options.units));
    if (!(run.distance > 0)) {
        ++out.without_distance;
        return;
    }
    if (a.seconds && std::round(*a.seconds) > 0) run.duration = minutes_from_seconds(*a.seconds);
    std::optional<DescentResult> filtered;
    if (a.profile_trusted && !a.profile.elevation_m.empty())
        filtered = filtered_descent(a.profile.elevation_m, a.profile.at_m, options.filter);
    auto descent_m = a.descent_m ? a.descent_m : filtered ? std::optional<double>(filtered->descent_m) : std::nullopt;
    if (descent_m) run.descent = round_elevation(elevation_from_m(*descent_m, options.units));
    // No descent, no downhill: the device's total wins over what the profile suggests.
    if (descent_m && *descent_m <= 0) run.downhill = 0.0;
    else if (filtered)
        run.downhill = std::min(run.distance, round_distance(distance_from_m(filtered->downhill_m, options.units)));
    run.surface = a.surface;
    out.runs.push_back(std::move(run));
}

std::optional<Surface> surface_of(const FitSession& s) {
    if (is_sub_sport(s, {sub_sport::treadmill, sub_sport::indoor_running, sub_sport::virtual_activity}))
        return Surface::treadmill;
    if (is_sub_sport(s, {sub_sport::trail})) return Surface::trail;
    if (is_sub_sport(s, {sub_sport::track})) return Surface::track;
    return std::nullopt;
}

// A session's time span: its start_time (else its end less its elapsed time) to the start
// plus its elapsed time (else its end as written, else open).
struct Span {
    std::int64_t start = 0;
    std::optional<std::int64_t> end;
};

std::optional<Span> span_of(const FitSession& s) {
    auto seconds = s.elapsed_s ? s.elapsed_s : s.timer_s;
    auto start = s.start_time;
    if (!start && s.timestamp && seconds) start = *s.timestamp - static_cast<std::int64_t>(std::llround(*seconds));
    if (!start) return std::nullopt;
    Span out{*start, s.timestamp};
    if (seconds) out.end = *start + static_cast<std::int64_t>(std::ceil(*seconds));
    return out;
}

// The records inside each span, each record given to at most one span (the latest that
// starts at or before it): linear work however many sessions a hostile file holds.
std::vector<std::vector<const FitRecord*>> records_by_span(const std::vector<FitRecord>& records,
                                                            const std::vector<std::optional<Span>>& spans) {
    std::vector<std::vector<const FitRecord*>> out(spans.size());
    std::vector<std::pair<std::int64_t, std::size_t>> starts;
    for (std::size_t i = 0; i < spans.size(); ++i)
        if (spans[i]) starts.push_back({spans[i]->start, i});
    std::sort(starts.begin(), starts.end());
    for (const auto& r : records) {
        auto it = std::upper_bound(starts.begin(), starts.end(), std::pair{r.time, spans.size()});
        if (it == starts.begin()) continue;
        auto i = std::prev(it)->second;
        if (!spans[i]->end || r.time <= *spans[i]->end) out[i].push_back(&r);
    }
    return out;
}

void read_session(const FitContent& c, const FitSession& s, const std::optional<Span>& span,
                  const std::vector<const FitRecord*>& inside, const ImportOptions& options, Collected& out) {
    if (!span) {
        out.diagnostics.push_back({fit_position(s.offset), "the running session has no start time (or the watch's clock was not set)",
                                   "a session with its start_time"});
        return;
    }
    FitActivity a;
    a.offset = s.offset;
    a.start = span->start;
    a.profile = profile_of(inside);
    a.distance_m = s.distance_m ? *s.distance_m : a.profile.distance_m;
    a.seconds = s.timer_s ? s.timer_s : s.elapsed_s;
    a.descent_m = s.descent_m;
    // A damaged file's records may stop before the session does: a profile of part of the
    // run would understate its descent.
    a.profile_trusted = !c.damaged || (span->end && a.profile.last_time &&
                                       static_cast<double>(*a.profile.last_time) >=
                                           static_cast<double>(*span->end) - record_coverage_slack_s);
    a.surface = surface_of(s);
    add_fit_run(a, options, out);
}

void skip_unknown(std::size_t offset, std::string why, Collected& out) {
    ++out.non_running;
    ++out.skipped_sports["unknown sport"];
    out.warnings.push_back({fit_position(offset), std::move(why), ""});
}

// A file without sessions: its records make a run only when its sport messages say running.
void read_without_sessions(const FitContent& c, const ImportOptions& options, Collected& out) {
    if (c.sports.empty() || !c.sports.front().sport) {
        if (!c.records.empty())
            skip_unknown(0, "the FIT file has records but no session and no sport: not imported, rkplan does not guess a sport",
                         out);
        return;
    }
    auto sport = *c.sports.front().sport;
    if (sport != fit_sport::running) {
        ++out.non_running;
        ++out.skipped_sports[fit_sport_name(sport)];
        return;
    }
    std::vector<const FitRecord*> all;
    for (const auto& r : c.records) all.push_back(&r);
    FitActivity a;
    a.offset = c.sports.front().offset;
    a.profile = profile_of(all);
    if (!a.profile.first_time) {
        ++out.without_distance;
        return;
    }
    a.start = *a.profile.first_time;
    a.distance_m = a.profile.distance_m;
    a.seconds = static_cast<double>(*a.profile.last_time - *a.profile.first_time);
    FitSession as_session;
    as_session.sub_sport = c.sports.front().sub_sport;
    a.surface = surface_of(as_session);
    add_fit_run(a, options, out);
}

}  // namespace

void read_fit(std::string_view bytes, const ImportOptions& options, Collected& out) {
    auto content = decode_fit(bytes);
    bool nothing = content.sessions.empty() && content.records.empty() && content.sports.empty();
    if (!content.error && content.damaged && nothing && !content.warnings.empty()) {
        // Damage before anything could be read: a located error, not an empty import.
        content.error = content.warnings.back();
        content.warnings.clear();
    }
    if (content.error) {
        out.diagnostics.push_back(*content.error);
        return;
    }
    for (auto& w : content.warnings) {
        w.message += "; what comes before it is imported";
        out.warnings.push_back(std::move(w));
    }
    if (content.sessions.empty()) {
        read_without_sessions(content, options, out);
        return;
    }
    // Only running sessions get a span: the others' records are not read.
    std::vector<std::optional<int>> sports;
    std::vector<std::optional<Span>> spans;
    for (std::size_t i = 0; i < content.sessions.size(); ++i) {
        sports.push_back(session_sport(content, i));
        // A Strava row that says run decides the sport of a file of one session: the runner
        // may have corrected there a sport the watch got wrong.
        if (content.sessions.size() == 1 && !options.activity_type.empty() && is_running_type(options.activity_type))
            sports.back() = fit_sport::running;
        spans.push_back(sports.back() == fit_sport::running ? span_of(content.sessions[i]) : std::nullopt);
    }
    auto inside = records_by_span(content.records, spans);
    for (std::size_t i = 0; i < content.sessions.size(); ++i) {
        const auto& s = content.sessions[i];
        if (!sports[i]) {
            skip_unknown(s.offset, "a FIT session without a sport: not imported, rkplan does not guess a sport", out);
        } else if (*sports[i] != fit_sport::running) {
            ++out.non_running;
            ++out.skipped_sports[fit_sport_name(*sports[i])];
        } else {
            read_session(content, s, spans[i], inside[i], options, out);
        }
    }
}

}  // namespace rkplan::import_detail

namespace rkplan {

std::string format_import_diagnostics(std::string_view source_name, std::string_view text, ImportFormat format,
                                      std::vector<Diagnostic> diagnostics, std::string_view severity) {
    if (format != ImportFormat::fit && severity == "error") return format_diagnostics(source_name, text, std::move(diagnostics));
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
    std::string out;
    auto name = display_text(source_name);  // text from a file never reaches a terminal as control characters
    for (const auto& d : diagnostics) {
        auto message = display_text(d.message);
        if (format == ImportFormat::fit) out += fmt::format("{}: byte {}: {}: {}", name, d.pos.column - 1, severity, message);
        else out += fmt::format("{}:{}:{}: {}: {}", name, d.pos.line, d.pos.column, severity, message);
        if (!d.expected.empty() && severity == "error") out += fmt::format("; expected {}", display_text(d.expected));
        out += '\n';
    }
    return out;
}

}  // namespace rkplan
