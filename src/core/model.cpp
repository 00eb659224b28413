#include <algorithm>
#include <fmt/format.h>

#include "rkplan/text.hpp"

#include "rkplan/history.hpp"

namespace rkplan {

std::string_view to_string(Units u) { return u == Units::km ? "km" : "mi"; }
std::string_view to_string(WeekStart w) { return w == WeekStart::monday ? "monday" : "sunday"; }
std::string_view elevation_unit(Units u) { return u == Units::km ? "m" : "ft"; }

std::string_view to_string(RunKind k) {
    switch (k) {
        case RunKind::easy: return "easy";
        case RunKind::long_run: return "long";
        case RunKind::tempo: return "tempo";
        case RunKind::intervals: return "intervals";
        case RunKind::hills: return "hills";
        case RunKind::race: return "race";
        case RunKind::run_walk: return "run-walk";
    }
    return "?";
}

std::string_view to_string(Surface s) {
    switch (s) {
        case Surface::road: return "road";
        case Surface::trail: return "trail";
        case Surface::track: return "track";
        case Surface::treadmill: return "treadmill";
        case Surface::grass: return "grass";
    }
    return "?";
}

std::string_view to_string(CrossActivity a) {
    switch (a) {
        case CrossActivity::swimming: return "swimming";
        case CrossActivity::pool_running: return "pool-running";
        case CrossActivity::cycling: return "cycling";
        case CrossActivity::elliptical: return "elliptical";
        case CrossActivity::other: return "other";
    }
    return "?";
}

std::string_view to_string(Side s) {
    switch (s) {
        case Side::left: return "left";
        case Side::right: return "right";
        case Side::both: return "both";
    }
    return "?";
}

std::string_view to_string(LoadBasis b) { return b == LoadBasis::distance ? "distance" : "srpe"; }

std::string_view to_string(Exercise e) {
    switch (e) {
        case Exercise::straight_leg_raise: return "straight-leg-raise";
        case Exercise::clamshell: return "clamshell";
        case Exercise::side_lying_abduction: return "side-lying-abduction";
        case Exercise::short_foot: return "short-foot";
        case Exercise::terminal_knee_extension: return "terminal-knee-extension";
        case Exercise::single_leg_bridge: return "single-leg-bridge";
        case Exercise::lateral_band_walk: return "lateral-band-walk";
        case Exercise::wall_sit: return "wall-sit";
        case Exercise::single_leg_balance: return "single-leg-balance";
    }
    return "?";
}

bool is_hard(RunKind k) {
    return k == RunKind::tempo || k == RunKind::intervals || k == RunKind::hills || k == RunKind::race;
}

double max_run_distance(Units u) {
    return u == Units::km ? Limits::max_run_km : Limits::max_run_km / Limits::km_per_mile;
}
double max_week_distance(Units u) {
    return u == Units::km ? Limits::max_week_km : Limits::max_week_km / Limits::km_per_mile;
}
double max_run_descent(Units u) {
    return u == Units::km ? Limits::max_descent_per_run_m
                          : Limits::max_descent_per_run_m * Limits::feet_per_metre;
}

std::string to_string(const LadderStep& s) {
    // Minutes print as "3" or "2.5".
    auto minutes = [](double v) { return format_trimmed(v, 2); };
    if (s.continuous()) return minutes(s.run) + " min continuous";
    return fmt::format("{}:{} x{}", minutes(s.run), minutes(s.walk), s.repeats);
}

std::vector<LadderStep> default_run_walk_ladder() {
    return {{1, 1, 10}, {2, 1, 7}, {3, 1, 5}, {4, 1, 4}, {5, 1, 4}, {20, 0, 1}, {30, 0, 1}};
}

Rules Rules::defaults_for(Units units) {
    Rules r;
    if (units == Units::mi) {
        r.descent_intro = 16;
        r.shoe_warn = 373;
        r.shoe_limit = 497;
        r.restart_min = 6.2;
    }
    return r;
}

std::vector<std::string_view> Checkin::red_flags() const {
    std::vector<std::string_view> out;
    if (swelling.value_or(false)) out.push_back("swelling");
    if (rest_pain.value_or(false)) out.push_back("pain at rest");
    if (night_pain.value_or(false)) out.push_back("night pain");
    if (giving_way.value_or(false)) out.push_back("the knee giving way");
    return out;
}

std::optional<Date> History::first_entry() const {
    std::optional<Date> first;
    auto take = [&](Date d) {
        if (!first || d < *first) first = d;
    };
    for (const auto& r : runs) take(r.date);
    for (const auto& c : cross) take(c.date);
    for (const auto& w : weeks) take(w.start);
    for (const auto& c : checkins) take(c.date);
    for (const auto& s : strength) take(s.date);
    return first;
}

}  // namespace rkplan
