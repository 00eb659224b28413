#pragma once
// A small FIT file writer for tests, fuzz seeds and benchmarks (header-only). It writes
// what the FIT protocol allows and real devices do: definitions in either byte order,
// compressed-timestamp headers, developer fields, chained files, and, on purpose, damage
// (a wrong CRC, a truncation). Low level: `Writer` (definitions and data messages); high
// level: `activity_file` (sessions and their records). Its files were checked once against
// Garmin's FIT SDK (@garmin/fitsdk, JavaScript): same CRCs, sessions and records in both
// byte orders, with developer fields, chained (that SDK does not decode compressed
// timestamps).
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rkplan::fit_writer {

/// FIT base types (the byte a field definition carries).
namespace base {
inline constexpr std::uint8_t enum_ = 0x00, sint8 = 0x01, uint8 = 0x02, sint16 = 0x83, uint16 = 0x84, sint32 = 0x85,
                              uint32 = 0x86, string = 0x07, byte = 0x0D;
}

/// Global message numbers.
namespace mesg {
inline constexpr std::uint16_t file_id = 0, sport = 12, session = 18, lap = 19, record = 20, event = 21, activity = 34;
}

/// FIT sports and sub-sports used by the tests.
namespace sport {
inline constexpr int generic = 0, running = 1, cycling = 2, transition = 3, swimming = 5, walking = 11;
}
namespace sub_sport {
inline constexpr int generic = 0, treadmill = 1, street = 2, trail = 3, track = 4, open_water = 18, virtual_activity = 58;
}

inline constexpr std::int64_t fit_epoch_unix = 631065600;  // 1989-12-31T00:00:00Z

/// The FIT CRC-16 of `bytes`.
inline std::uint16_t crc16(std::string_view bytes) {
    static constexpr std::array<std::uint16_t, 16> table = {0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00,
                                                            0x2800, 0xE401, 0xA001, 0x6C00, 0x7800, 0xB401,
                                                            0x5000, 0x9C01, 0x8801, 0x4400};
    std::uint16_t crc = 0;
    for (char ch : bytes) {
        auto b = static_cast<std::uint8_t>(ch);
        auto tmp = table[crc & 0xF];
        crc = static_cast<std::uint16_t>(((crc >> 4) & 0x0FFF) ^ tmp ^ table[b & 0xF]);
        tmp = table[crc & 0xF];
        crc = static_cast<std::uint16_t>(((crc >> 4) & 0x0FFF) ^ tmp ^ table[(b >> 4) & 0xF]);
    }
    return crc;
}

enum class Endian { little, big };

struct FieldSpec {
    std::uint8_t number = 0;
    std::uint8_t size = 0;
    std::uint8_t base_type = 0;
};

struct DevFieldSpec {
    std::uint8_t number = 0;
    std::uint8_t size = 0;
    std::uint8_t developer_index = 0;
};

/// A value for a field; nullopt writes the base type's invalid value.
using Value = std::optional<std::int64_t>;

/// Definition and data messages, then the whole file with its header and CRCs.
class Writer {
public:
    Writer& define(std::uint8_t local, std::uint16_t global, std::vector<FieldSpec> fields, Endian endian = Endian::little,
                   std::vector<DevFieldSpec> developer = {}) {
        bool dev = !developer.empty();
        data_ += static_cast<char>(0x40 | (dev ? 0x20 : 0) | (local & 0x0F));
        data_ += '\0';
        data_ += static_cast<char>(endian == Endian::big ? 1 : 0);
        put(global, 2, endian);
        data_ += static_cast<char>(fields.size());
        for (const auto& f : fields) {
            data_ += static_cast<char>(f.number);
            data_ += static_cast<char>(f.size);
            data_ += static_cast<char>(f.base_type);
        }
        std::size_t dev_bytes = 0;
        if (dev) {
            data_ += static_cast<char>(developer.size());
            for (const auto& f : developer) {
                data_ += static_cast<char>(f.number);
                data_ += static_cast<char>(f.size);
                data_ += static_cast<char>(f.developer_index);
                dev_bytes += f.size;
            }
        }
        defs_[local & 0x0F] = {endian, std::move(fields), dev_bytes};
        return *this;
    }

    /// A data message with a normal header.
    Writer& data(std::uint8_t local, const std::vector<Value>& values) {
        data_ += static_cast<char>(local & 0x0F);
        return body(local, values);
    }

    /// A data message with a compressed-timestamp header (local types 0 to 3): the low five
    /// bits of its time.
    Writer& compressed(std::uint8_t local, std::uint8_t time_offset, const std::vector<Value>& values) {
        data_ += static_cast<char>(0x80 | ((local & 0x03) << 5) | (time_offset & 0x1F));
        return body(local, values);
    }

    Writer& raw(std::string_view bytes) {
        data_ += bytes;
        return *this;
    }

    const std::string& data_bytes() const { return data_; }

    /// The file: a 14-byte header (with its CRC, or 0 where `header_crc` is false) or a
    /// 12-byte one, the data, and the CRC over both.
    std::string file(bool header_crc = true, std::size_t header_size = 14) const {
        std::string out;
        out += static_cast<char>(header_size);
        out += static_cast<char>(0x20);  // protocol 2.0
        append(out, 2189, 2);            // profile 21.89
        append(out, data_.size(), 4);
        out += ".FIT";
        if (header_size == 14) append(out, header_crc ? crc16(out) : 0, 2);
        out += data_;
        append(out, crc16(out), 2);
        return out;
    }

private:
    struct Def {
        Endian endian = Endian::little;
        std::vector<FieldSpec> fields;
        std::size_t dev_bytes = 0;
    };
    std::array<Def, 16> defs_{};
    std::string data_;

    static void append(std::string& out, std::uint64_t v, std::size_t size, Endian e = Endian::little) {
        for (std::size_t i = 0; i < size; ++i) {
            std::size_t shift = 8 * (e == Endian::little ? i : size - 1 - i);
            out += static_cast<char>((v >> shift) & 0xFF);
        }
    }
    void put(std::uint64_t v, std::size_t size, Endian e) { append(data_, v, size, e); }

    static std::uint64_t invalid(std::uint8_t base_type, std::size_t size) {
        if (base_type == base::string) return 0;
        bool is_signed = base_type == base::sint8 || base_type == base::sint16 || base_type == base::sint32;
        std::uint64_t all = size >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * size)) - 1;
        return is_signed ? all >> 1 : all;
    }

    Writer& body(std::uint8_t local, const std::vector<Value>& values) {
        const auto& d = defs_[local & 0x0F];
        for (std::size_t i = 0; i < d.fields.size(); ++i) {
            const auto& f = d.fields[i];
            Value v = i < values.size() ? values[i] : std::nullopt;
            put(v ? static_cast<std::uint64_t>(*v) : invalid(f.base_type, f.size), f.size, d.endian);
        }
        data_.append(d.dev_bytes, '\x5A');  // developer data: opaque to a reader that skips it
        return *this;
    }
};

/// One sample of a track.
struct Record {
    std::int64_t unix_time = 0;
    std::optional<double> lat, lon;  ///< degrees
    std::optional<double> altitude_m;
    std::optional<double> distance_m;
};

/// One session: a whole activity, or a leg of a multisport one.
struct Session {
    int sport = sport::running;
    std::optional<int> sub_sport;
    std::int64_t start_unix = 0;
    std::optional<double> elapsed_s, timer_s, distance_m, descent_m;
    std::vector<Record> records;  ///< written before the session message, as devices do
    bool with_sport_field = true;  ///< false: the session names no sport
};

struct ActivityOptions {
    Endian endian = Endian::little;
    bool compressed_timestamps = false;  ///< records one second apart after the first use them
    bool developer_fields = false;       ///< each record carries 3 bytes of developer data
    bool sport_messages = true;          ///< a sport message before each session
    bool sessions = true;                ///< false: records (and sport messages) only
};

inline Value scaled(std::optional<double> v, double scale, double offset = 0) {
    if (!v) return std::nullopt;
    return static_cast<std::int64_t>(std::llround((*v + offset) * scale));
}

inline std::int64_t fit_time(std::int64_t unix_seconds) { return unix_seconds - fit_epoch_unix; }

/// Appends an activity's messages to `w`: file_id, then per session its sport message,
/// its records and the session message.
inline void write_activity(Writer& w, const std::vector<Session>& sessions, const ActivityOptions& o = {}) {
    auto e = o.endian;
    w.define(0, mesg::file_id, {{0, 1, base::enum_}, {1, 2, base::uint16}, {4, 4, base::uint32}}, e);
    w.data(0, {4, 1, sessions.empty() ? 0 : fit_time(sessions.front().start_unix)});
    std::vector<FieldSpec> record_fields = {{0, 4, base::sint32}, {1, 4, base::sint32}, {78, 4, base::uint32},
                                            {5, 4, base::uint32}};
    std::vector<DevFieldSpec> dev;
    if (o.developer_fields) dev = {{0, 2, 0}, {1, 1, 0}};
    auto timed = record_fields;
    timed.insert(timed.begin(), {253, 4, base::uint32});
    w.define(1, mesg::record, timed, e, dev);
    w.define(2, mesg::record, record_fields, e, dev);
    w.define(3, mesg::sport, {{0, 1, base::enum_}, {1, 1, base::enum_}}, e);
    w.define(4, mesg::session,
             {{253, 4, base::uint32}, {2, 4, base::uint32}, {5, 1, base::enum_}, {6, 1, base::enum_}, {7, 4, base::uint32},
              {8, 4, base::uint32}, {9, 4, base::uint32}, {23, 2, base::uint16}},
             e);
    constexpr double semicircles = 2147483648.0 / 180.0;
    std::optional<std::int64_t> last;
    for (const auto& s : sessions) {
        if (o.sport_messages && s.with_sport_field) w.data(3, {s.sport, s.sub_sport});
        for (const auto& r : s.records) {
            std::vector<Value> v = {scaled(r.lat, semicircles), scaled(r.lon, semicircles),
                                    scaled(r.altitude_m, 5, 500), scaled(r.distance_m, 100)};
            auto t = fit_time(r.unix_time);
            if (o.compressed_timestamps && last && t > *last && t - *last < 32) {
                w.compressed(2, static_cast<std::uint8_t>(t & 0x1F), v);
            } else {
                v.insert(v.begin(), t);
                w.data(1, v);
            }
            last = t;
        }
        if (!o.sessions) continue;
        auto end = s.start_unix + static_cast<std::int64_t>(s.elapsed_s.value_or(0));
        w.data(4, {fit_time(end), fit_time(s.start_unix), s.with_sport_field ? Value(s.sport) : std::nullopt, s.sub_sport,
                   scaled(s.elapsed_s, 1000), scaled(s.timer_s, 1000), scaled(s.distance_m, 100),
                   scaled(s.descent_m, 1)});
    }
}

/// A whole FIT file of these sessions.
inline std::string activity_file(const std::vector<Session>& sessions, const ActivityOptions& o = {}) {
    Writer w;
    write_activity(w, sessions, o);
    return w.file();
}

/// A straight track due north along the Greenwich meridian from `start_unix`: one record
/// every `seconds_apart`, `step_m` of device distance apart (positions to match), at the
/// given altitudes.
inline std::vector<Record> track(std::int64_t start_unix, const std::vector<double>& altitudes_m, double step_m = 100,
                                 int seconds_apart = 30, bool positions = true) {
    std::vector<Record> out;
    constexpr double metres_per_degree = 6371008.8 * 3.14159265358979323846 / 180.0;
    for (std::size_t i = 0; i < altitudes_m.size(); ++i) {
        Record r;
        r.unix_time = start_unix + static_cast<std::int64_t>(i) * seconds_apart;
        r.distance_m = static_cast<double>(i) * step_m;
        if (positions) {
            r.lat = 51.0 + static_cast<double>(i) * step_m / metres_per_degree;
            r.lon = 0.0;
        }
        r.altitude_m = altitudes_m[i];
        out.push_back(r);
    }
    return out;
}

}  // namespace rkplan::fit_writer
