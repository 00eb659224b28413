#pragma once
// The FIT decoder behind import_activities (Garmin's Flexible and Interoperable Data
// Transfer protocol); not part of the public library. It reads only what an import needs
// (file_id, sport, session and record messages) and skips every other message, field and
// developer field by the sizes their definitions give.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "import_internal.hpp"

namespace rkplan::import_detail {

/// FIT's `sport` values rkplan tells apart (the profile knows about a hundred).
namespace fit_sport {
inline constexpr int generic = 0;
inline constexpr int running = 1;
}  // namespace fit_sport

/// One session message: a leg of a multisport activity, or the whole of a single one.
struct FitSession {
    std::size_t offset = 0;                 ///< of the message's record header in the file
    std::optional<int> sport, sub_sport;
    std::optional<std::int64_t> start_time;  ///< Unix seconds
    std::optional<std::int64_t> timestamp;   ///< Unix seconds, the session's end as written
    std::optional<double> elapsed_s, timer_s, distance_m, descent_m;
};

/// One record message: a sample of the track, kept compact (a 16 MiB file may hold
/// millions). Only records with a time and a measure (position, altitude or distance) are
/// kept.
struct FitRecord {
    std::int64_t time = 0;               ///< Unix seconds
    std::int32_t lat_semicircles = 0, lon_semicircles = 0;
    float altitude = 0;                  ///< metres: enhanced_altitude, else altitude
    std::uint32_t distance_cm = 0;       ///< the device's cumulative distance
    bool has_position = false, has_altitude = false, has_distance = false;

    double lat() const;  ///< degrees
    double lon() const;
    std::optional<double> altitude_m() const;
    std::optional<double> distance_m() const;
};

/// One sport message (the activity profile the watch was set to).
struct FitSportMessage {
    std::size_t offset = 0;
    std::optional<int> sport, sub_sport;
};

/// What a FIT file (or a chain of them) holds, up to the first damage.
struct FitContent {
    std::vector<FitSession> sessions;
    std::vector<FitRecord> records;
    std::vector<FitSportMessage> sports;
    std::vector<Diagnostic> warnings;  ///< damage found after some content was read
    std::optional<Diagnostic> error;   ///< damage that leaves nothing to trust
    bool damaged = false;              ///< the content stops at a damage (see warnings)
};

/// Decodes `bytes`: every FIT file chained in it, each checked against its CRCs. Work and
/// memory are linear in the size of the input. Positions are byte offsets (see
/// `fit_position`).
FitContent decode_fit(std::string_view bytes);

/// A byte offset as a SourcePos: line 1, column offset + 1 (see import.hpp).
SourcePos fit_position(std::size_t offset);

/// The FIT sport's name ("cycling", "swimming", "sport 99" where unknown).
std::string fit_sport_name(int sport);

/// The FIT reader: one run per running session.
void read_fit(std::string_view bytes, const ImportOptions& options, Collected& out);

}  // namespace rkplan::import_detail
