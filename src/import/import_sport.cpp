// Which activities are runs: the activity types of Strava and Garmin Connect in the
// languages their exports use, Strava's numeric GPX types, and for a track that names no
// sport, its name and its average speed.
#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "import_internal.hpp"

namespace rkplan::import_detail {

using namespace std::string_view_literals;

namespace {

// Activity types that are something else even though they contain a running word
// ("Langlauf" is cross-country skiing, "Radfahrt" a ride, "Laufrad" a balance bike).
constexpr std::array not_running_parts = {
    "langlauf"sv, "ski"sv,  "fahrt"sv,  "bike"sv,  "ride"sv,   "cycl"sv,   "bici"sv,  "cicl"sv,  "vélo"sv,
    "velo"sv,                       "fiets"sv, "kerékp"sv, "swim"sv, "walk"sv,   "hike"sv,   "wander"sv, "multisport"sv,
    "laufrad"sv,                    "gyalog"sv, "túra"sv,  "úszás"sv, "nuoto"sv, "natation"sv};

// Parts of a running type in the export languages rkplan reads: English, German, French,
// Spanish, Italian, Dutch, Hungarian (Strava's "Hardloopsessie", Garmin's "Laufbandtraining",
// "Entrenamiento en cinta", "Teremfutás", "Course à pied sur tapis roulant"...).
constexpr std::array running_parts = {
    "run"sv, "lauf"sv,   "course à pied"sv, "course a pied"sv, "carrera"sv, "corsa"sv, "futás"sv,
    "hardloop"sv,              "hardlopen"sv, "jog"sv,        "trail"sv,         "en cinta"sv, "tapis roulant"sv,
    "loopband"sv,              "baanlopen"sv, "correr"sv,     "corrida"sv};

// Words of an activity's name that say it was no run, in the same languages.
constexpr std::array not_running_words = {
    "cycling"sv, "cycle"sv,    "ride"sv,       "riding"sv,     "biking"sv,     "bike"sv,      "mtb"sv,
    "radfahrt"sv,                  "radtour"sv,  "rad"sv,        "velo"sv,       "vélo"sv,       "bici"sv,      "ciclismo"sv,
    "fiets"sv,                     "fietsrit"sv, "fietsen"sv,    "kerékpár"sv,   "kerékpározás"sv, "walk"sv,    "walking"sv,
    "hike"sv,                      "hiking"sv,   "wanderung"sv,  "wandern"sv,    "spaziergang"sv, "marche"sv,   "randonnée"sv,
    "caminata"sv,                  "senderismo"sv, "camminata"sv, "escursione"sv, "wandeling"sv,  "gyaloglás"sv, "túra"sv,
    "swim"sv,                      "swimming"sv, "schwimmen"sv,  "natation"sv,   "nuoto"sv,      "natación"sv,  "zwemmen"sv,
    "úszás"sv,                     "ski"sv,      "skiing"sv,     "langlauf"sv,   "snowboard"sv,  "rowing"sv,    "kayak"sv,
    "paddle"sv,                    "skate"sv,    "skating"sv};

// Parts of a name that say run: such a name never skips the track.
constexpr std::array running_name_parts = {
    "run"sv, "lauf"sv, "jog"sv, "course"sv, "carrera"sv, "corsa"sv, "hardloop"sv, "futás"sv, "marat"sv,
    "correr"sv,                "corrida"sv};

bool is_letter_byte(char c) { return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }

// True if `word` occurs in `text` with no letter on either side.
bool has_word(const std::string& text, std::string_view word) {
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        bool before = at == 0 || !is_letter_byte(text[at - 1]);
        auto end = at + word.size();
        bool after = end >= text.size() || !is_letter_byte(text[end]);
        if (before && after) return true;
    }
    return false;
}

template <typename Words>
bool contains_any(const std::string& text, const Words& parts) {
    return std::any_of(parts.begin(), parts.end(), [&](std::string_view p) { return text.find(p) != std::string::npos; });
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string fold_case(std::string_view s) {
    std::string out(s);
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto c = static_cast<unsigned char>(out[i]);
        if (c < 0x80) {
            out[i] = static_cast<char>(std::tolower(c));
        } else if (c == 0xC3 && i + 1 < out.size()) {
            // Latin-1 capitals (U+00C0..U+00DE but U+00D7) to small: "Á" → "á".
            auto d = static_cast<unsigned char>(out[i + 1]);
            if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
            ++i;
        }
    }
    return out;
}

bool is_running_type(std::string_view type) {
    auto t = fold_case(trim(type));
    // Strava's GPX export writes numeric types: 9 is a run, every other code something else.
    if (all_digits(t)) return t == strava_gpx_run_code;
    if (contains_any(t, not_running_parts)) return false;
    return contains_any(t, running_parts);
}

std::optional<std::string> non_running_name_word(std::string_view name) {
    auto n = fold_case(name);
    if (contains_any(n, running_name_parts)) return std::nullopt;
    for (auto w : not_running_words)
        if (has_word(n, w)) return std::string(w);
    return std::nullopt;
}

void classify(Run& run, std::string_view name, std::string_view type) {
    auto n = fold_case(name), t = fold_case(type);
    if (has_word(n, "race") || t.find("race") != std::string::npos) run.kind = RunKind::race;
    constexpr std::array trail = {"trail"sv, "terep"sv};
    constexpr std::array treadmill = {"treadmill"sv, "indoor"sv, "virtu"sv, "laufband"sv, "cinta"sv,
                                      "tapis"sv,                       "loopband"sv, "terem"sv, "beltéri"sv};
    constexpr std::array track = {"track"sv, "bahn"sv, "pista"sv, "piste"sv, "baan"sv};
    if (contains_any(t, trail)) run.surface = Surface::trail;
    else if (contains_any(t, treadmill)) run.surface = Surface::treadmill;
    else if (contains_any(t, track)) run.surface = Surface::track;
}

}  // namespace rkplan::import_detail
