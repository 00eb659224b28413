#include "rkplan/entry.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rkplan/date.hpp"
#include "rkplan/history.hpp"
#include "rkplan/text.hpp"

namespace rkplan {

namespace {

// The names of an enum's values, from its first to its last enumerator.
template <typename E>
std::vector<std::string_view> names_from(E first, E last) {
    std::vector<std::string_view> out;
    for (int i = static_cast<int>(first); i <= static_cast<int>(last); ++i) out.push_back(to_string(static_cast<E>(i)));
    return out;
}

using S = FieldSyntax;

std::vector<EntryField> run_fields() {
    return {
        {"date", S::date, true, "The day of the run (YYYY-MM-DD; default: --today)", {}},
        {"distance", S::number, true, "Distance, in the history's units", {}},
        {"duration", S::duration, false, "Minutes (32.5) or mm:ss / h:mm:ss (32:10)", {}},
        {"descent", S::number, false, "Elevation loss: m with km, ft with mi", {}},
        {"downhill", S::number, false, "Distance run on descents", {}},
        {"kind", S::choice, false, "The kind of run (default easy)", names_from(RunKind::easy, RunKind::run_walk)},
        {"run_walk", S::run_walk, false, "Run-walk minutes as RUN:WALK (3:1); the kind is run-walk", {}},
        {"pain", S::number, false, "Worst knee pain during the run, 0-10", {}},
        {"pain_after", S::number, false, "Knee soreness the next morning, 0-10", {}},
        {"rpe", S::number, false, "Session effort, 1-10", {}},
        {"shoe", S::text, false, "The shoe's name", {}},
        {"cadence", S::number, false, "Steps per minute", {}},
        {"surface", S::choice, false, "The surface", names_from(Surface::road, Surface::grass)},
        {"note", S::text, false, "A note", {}},
    };
}

std::vector<EntryField> cross_fields() {
    return {
        {"date", S::date, true, "The day of the session (YYYY-MM-DD; default: --today)", {}},
        {"activity", S::choice, true, "The activity", names_from(CrossActivity::swimming, CrossActivity::other)},
        {"duration", S::duration, false, "Minutes (45) or mm:ss / h:mm:ss", {}},
        {"pain", S::number, false, "Worst knee pain during the session, 0-10", {}},
        {"rpe", S::number, false, "Session effort, 1-10", {}},
        {"note", S::text, false, "A note", {}},
    };
}

std::vector<EntryField> week_fields() {
    return {
        {"start", S::date, true, "Any date in the week (YYYY-MM-DD; default: --today)", {}},
        {"distance", S::number, true, "The week's total distance, in the history's units", {}},
        {"descent", S::number, false, "The week's elevation loss: m with km, ft with mi", {}},
        {"downhill", S::number, false, "The week's distance on descents", {}},
        {"long_run", S::number, false, "The week's longest run", {}},
        {"hard_sessions", S::integer, false, "Tempo, intervals, hills and race sessions that week", {}},
        {"pain", S::number, false, "Worst pain during the week's runs, 0-10", {}},
        {"pain_after", S::number, false, "Worst next-morning soreness that week, 0-10", {}},
        {"note", S::text, false, "A note", {}},
    };
}

std::vector<EntryField> checkin_fields() {
    return {
        {"date", S::date, true, "The day of the check-in (YYYY-MM-DD; default: --today)", {}},
        {"pain", S::number, false, "Typical knee pain these days, 0-10", {}},
        {"walking_pain", S::boolean, false, "Pain walking and in daily activities: yes or no", {}},
        {"stairs_pain", S::boolean, false, "Pain on stairs: yes or no", {}},
        {"exercise_pain", S::boolean, false, "Pain during the strengthening protocol: yes or no", {}},
        {"single_leg_squats", S::integer, false, "Clean single-leg squats: no pain, no knee valgus", {}},
        {"stair_descent_pain", S::boolean, false, "Pain going down stairs: yes or no", {}},
        {"strength_ratio", S::number, false, "Weaker / stronger leg strength, 0-1", {}},
        {"swelling", S::boolean, false, "Red flag: swelling, yes or no", {}},
        {"rest_pain", S::boolean, false, "Red flag: pain at rest, yes or no", {}},
        {"night_pain", S::boolean, false, "Red flag: pain at night, yes or no", {}},
        {"giving_way", S::boolean, false, "Red flag: the knee gives way, yes or no", {}},
        {"seen_clinician", S::boolean, false, "Seen a clinician (lifts a red flag with none open): yes or no", {}},
        {"note", S::text, false, "A note", {}},
    };
}

std::vector<EntryField> strength_fields() {
    return {
        {"date", S::date, true, "The day of the session (YYYY-MM-DD; default: --today)", {}},
        {"exercises", S::exercises, true, "The exercises done, comma-separated ids",
         names_from(Exercise::straight_leg_raise, Exercise::single_leg_balance)},
        {"pain", S::number, false, "Worst knee pain during the session, 0-10", {}},
        {"note", S::text, false, "A note", {}},
    };
}

std::vector<EntryField> shoe_fields() {
    return {
        {"name", S::text, true, "The name runs use in their --shoe", {}},
        {"initial", S::number, false, "Distance already on the shoe", {}},
        {"retired", S::date, false, "The day the shoe was retired (YYYY-MM-DD)", {}},
        {"note", S::text, false, "A note", {}},
    };
}


// 'text', with control characters shown as escapes so that none reaches a terminal.
std::string quote_single(std::string_view text) {
    auto q = quote_escaped(text);
    return "'" + q.substr(1, q.size() - 2) + "'";
}

std::string choices_text(const std::vector<std::string_view>& names) {
    return fmt::format("{}", fmt::join(names, ", "));
}

// " (did you mean 'x'?)" or "".
std::string suggestion(std::string_view word, const std::vector<std::string_view>& names) {
    auto best = nearest_name(word, names);
    return best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best);
}

std::optional<bool> read_boolean(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "yes" || lower == "true" || lower == "y") return true;
    if (lower == "no" || lower == "false" || lower == "n") return false;
    return std::nullopt;
}

// "a,b,c" as ["a", "b", "c"], each a known exercise id.
std::pair<std::string, std::string> exercises_value(const EntryField& f, std::string_view text) {
    std::vector<std::string> ids;
    for (auto part : split(text, ',')) {
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        if (std::find(f.choices.begin(), f.choices.end(), part) == f.choices.end())
            return {"", fmt::format("exercise ids separated by commas; '{}' is not one{}; the ids: {}", part,
                                    suggestion(part, f.choices), choices_text(f.choices))};
        ids.push_back(quote_escaped(part));
    }
    return {fmt::format("[{}]", fmt::join(ids, ", ")), ""};
}

// The TOML value for `text`, or what the option expects instead (empty value, non-empty expected).
std::pair<std::string, std::string> toml_value(const EntryField& f, std::string_view text) {
    switch (f.syntax) {
        case S::number:
            if (auto v = read_number(text)) return {format_shortest(*v), ""};
            // A decimal comma, "5,2": the one mistake worth naming.
            if (auto comma = text.find(','); comma != std::string_view::npos && comma > 0 &&
                                             read_number(std::string(text).replace(comma, 1, ".")))
                return {"", "a number with a decimal point such as 5.2 (use a decimal point, not a comma)"};
            return {"", "a number such as 5.2"};
        case S::integer:
            if (auto v = read_number(text); v && *v == std::floor(*v) && std::fabs(*v) < 1e9)
                return {fmt::format("{}", static_cast<long>(*v)), ""};
            return {"", "a whole number such as 20"};
        case S::boolean:
            if (auto b = read_boolean(text)) return {*b ? "true" : "false", ""};
            return {"", "yes or no (or true or false)"};
        case S::date:
            if (auto d = Date::parse(text)) return {d->to_string(), ""};
            return {"", "a date YYYY-MM-DD such as 2026-11-20"};
        case S::text: return {quote_escaped(text), ""};
        case S::choice:
            if (std::find(f.choices.begin(), f.choices.end(), text) != f.choices.end()) return {quote_escaped(text), ""};
            return {"", fmt::format("one of {}{}", choices_text(f.choices), suggestion(text, f.choices))};
        case S::duration:
            if (auto v = read_number(text)) return {format_shortest(*v), ""};
            if (parse_clock_duration(text)) return {quote_escaped(text), ""};
            return {"", "minutes (32.5) or mm:ss / h:mm:ss (32:10)"};
        case S::run_walk: {
            auto cut = text.find_first_of(":,");
            if (cut != std::string_view::npos) {
                auto run = read_number(text.substr(0, cut));
                auto walk = read_number(text.substr(cut + 1));
                if (run && walk) return {fmt::format("[{}, {}]", format_shortest(*run), format_shortest(*walk)), ""};
            }
            return {"", "RUN:WALK minutes such as 3:1"};
        }
        case S::exercises: return exercises_value(f, text);
    }
    return {"", "?"};
}

}  // namespace

std::string_view to_string(EntryKind k) {
    switch (k) {
        case EntryKind::run: return "run";
        case EntryKind::cross: return "cross";
        case EntryKind::week: return "week";
        case EntryKind::checkin: return "checkin";
        case EntryKind::strength: return "strength";
        case EntryKind::shoe: return "shoe";
    }
    return "?";
}

const std::vector<EntryKind>& entry_kinds() {
    static const std::vector<EntryKind> kinds = {EntryKind::run,      EntryKind::checkin, EntryKind::strength,
                                                 EntryKind::cross,    EntryKind::shoe,    EntryKind::week};
    return kinds;
}

std::string EntryField::option() const {
    if (key == "start") return "--date";  // a week's date: any day in it (--start is its alias)
    std::string out = "--";
    for (char c : key) out += c == '_' ? '-' : c;
    return out;
}

const std::vector<EntryField>& entry_fields(EntryKind kind) {
    static const std::vector<EntryField> run = run_fields(), cross = cross_fields(), week = week_fields(),
                                         checkin = checkin_fields(), strength = strength_fields(),
                                         shoe = shoe_fields();
    switch (kind) {
        case EntryKind::run: return run;
        case EntryKind::cross: return cross;
        case EntryKind::week: return week;
        case EntryKind::checkin: return checkin;
        case EntryKind::strength: return strength;
        case EntryKind::shoe: return shoe;
    }
    return run;
}

std::string_view date_key(EntryKind kind) {
    switch (kind) {
        case EntryKind::week: return "start";
        case EntryKind::shoe: return "";
        default: return "date";
    }
}

std::string OptionError::message() const { return fmt::format("{} {}: expected {}", option, quote_single(value), expected); }

EntryToml entry_toml(EntryKind kind, const std::vector<std::pair<std::string, std::string>>& values) {
    EntryToml out;
    out.toml = fmt::format("\n[[{}]]\n", to_string(kind));
    auto given = [&](std::string_view key) -> const std::string* {
        for (const auto& [k, v] : values)
            if (k == key) return &v;
        return nullptr;
    };
    for (const auto& f : entry_fields(kind)) {
        const auto* text = given(f.key);
        if (kind == EntryKind::run && f.key == "kind" && !text && given("run_walk")) {
            out.toml += "kind = \"run-walk\"\n";
            continue;
        }
        if (!text) continue;
        auto [value, expected] = toml_value(f, *text);
        if (!expected.empty()) {
            out.error = OptionError{f.option(), *text, expected};
            out.toml.clear();
            return out;
        }
        out.toml += fmt::format("{} = {}\n", f.key, value);
    }
    return out;
}

std::optional<double> read_number(std::string_view text) {
    if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

}  // namespace rkplan
