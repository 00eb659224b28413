#pragma once
/// \file history.hpp
/// A runner's validated training history (docs/manual/history-file.md) and the loader that builds it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rkplan/date.hpp"
#include "rkplan/diagnostic.hpp"

namespace rkplan {

/// Distance units of a history; elevation is metres with km and feet with mi.
enum class Units { km, mi };

enum class RunKind { easy, long_run, tempo, intervals, hills, race, run_walk };
enum class Surface { road, trail, track, treadmill, grass };
enum class CrossActivity { swimming, pool_running, cycling, elliptical, other };
enum class Side { left, right, both };
enum class LoadBasis { distance, srpe };

/// The strengthening exercises of docs/manual/rules.md, strengthening, by their ids.
enum class Exercise {
    straight_leg_raise,
    clamshell,
    side_lying_abduction,
    short_foot,
    terminal_knee_extension,
    single_leg_bridge,
    lateral_band_walk,
    wall_sit,
    single_leg_balance,
};

std::string_view to_string(Units u);
std::string_view to_string(WeekStart w);
std::string_view to_string(RunKind k);
std::string_view to_string(Surface s);
std::string_view to_string(CrossActivity a);
std::string_view to_string(Side s);
std::string_view to_string(LoadBasis b);
std::string_view to_string(Exercise e);
/// The elevation unit that goes with a distance unit: "m" or "ft".
std::string_view elevation_unit(Units u);

/// True for tempo, intervals, hills and race runs.
bool is_hard(RunKind k);

/// Plausibility limits: larger values are refused as typos (docs/manual/history-file.md).
struct Limits {
    static constexpr double max_run_km = 300.0;
    static constexpr double max_week_km = 1000.0;
    static constexpr double max_descent_per_run_m = 10000.0;
    static constexpr double max_duration_min = 48 * 60.0;
    static constexpr double km_per_mile = 1.609344;
    static constexpr double feet_per_metre = 3.280839895;
    /// Earliest year of any date: older ones are typos, and would make the daily load
    /// series needlessly long.
    static constexpr int min_year = 1900;
    /// Largest input accepted, in bytes.
    static constexpr std::size_t max_file_bytes = 16 * 1024 * 1024;
};
double max_run_distance(Units u);
double max_week_distance(Units u);
double max_run_descent(Units u);

/// One step of the run-walk ladder: `repeats` × (run minutes + walk minutes).
struct LadderStep {
    double run = 0;
    double walk = 0;
    int repeats = 1;
    bool continuous() const { return walk == 0; }
    double total_minutes() const { return (run + walk) * repeats; }
    bool operator==(const LadderStep&) const = default;
};

/// "4:1 x4" or "20 min continuous".
std::string to_string(const LadderStep& step);

/// docs/manual/rules.md's default ladder.
std::vector<LadderStep> default_run_walk_ladder();

/// `[rules]`: the thresholds of docs/manual/rules.md, defaulting to the seed values.
struct Rules {
    double max_weekly_increase = 0.10;
    double pain_limit = 0;
    int downhill_after_weeks = 2;
    double downhill_intro_share = 0.05;
    double descent_intro = 3;  ///< per unit of distance; 16 ft per mi by default with miles
    int passes_per_step = 2;
    std::vector<LadderStep> run_walk_ladder = default_run_walk_ladder();
    int run_days = 3;
    int pullback_weeks = 2;
    double pullback_factor = 0.7;
    int clear_squats = 20;
    double clear_strength_ratio = 0.85;
    int no_improvement_weeks = 6;
    int maintenance_sessions = 2;
    double acwr_caution = 1.3;
    double acwr_high = 1.5;
    double shoe_warn = 600;   ///< 373 by default with miles
    double shoe_limit = 800;  ///< 497 by default with miles
    double cadence_increase_low = 0.05;
    double cadence_increase_high = 0.10;
    LoadBasis load_basis = LoadBasis::distance;
    /// Revision 2: the share of the training volume that counts as "at flat-ground
    /// training volume" for the downhill gate.
    double downhill_volume_share = 0.9;
    /// Revision 2: the cap of the first week after a break of more than 4 weeks (or after
    /// a referral is lifted) is restart_factor x the mean of the last 4 non-zero weeks,
    /// at least restart_min (never above that mean), at most goal_weekly.
    double restart_factor = 0.5;
    double restart_min = 10;  ///< 6.2 by default with miles
    /// Revision 2: a pain at or above it escalates (pain-rising).
    double pain_severe = 5;
    /// Revision 2: the clearance criteria must all be met within this many days.
    int clearance_window_days = 7;

    /// The defaults for a history kept in `units`.
    static Rules defaults_for(Units units);

    bool operator==(const Rules&) const = default;
};

struct Runner {
    std::optional<std::string> name;
    Units units = Units::km;
    WeekStart week_start = WeekStart::monday;
    std::optional<double> goal_weekly;
    bool race_season = false;

    bool operator==(const Runner&) const = default;
};

struct Injury {
    Date onset;
    Date treatment_start;  ///< defaults to onset
    std::optional<Side> side;
    SourcePos pos;

    bool operator==(const Injury&) const = default;
};

struct Run {
    Date date;
    double distance = 0;
    std::optional<double> duration;  ///< minutes
    std::optional<double> descent;   ///< m or ft
    std::optional<double> downhill;  ///< in the history's units
    RunKind kind = RunKind::easy;
    std::optional<double> run_walk_run;   ///< minutes running (run-walk sessions)
    std::optional<double> run_walk_walk;  ///< minutes walking
    std::optional<double> pain;
    std::optional<double> pain_after;
    std::optional<double> rpe;
    std::optional<std::string> shoe;
    std::optional<double> cadence;
    std::optional<Surface> surface;
    std::optional<std::string> note;
    SourcePos pos;  ///< the `[[run]]` header

    bool operator==(const Run&) const = default;
};

struct Cross {
    Date date;
    CrossActivity activity = CrossActivity::other;
    std::optional<double> duration;  ///< minutes
    std::optional<double> pain;
    std::optional<double> rpe;
    std::optional<std::string> note;
    SourcePos pos;

    bool operator==(const Cross&) const = default;
};

/// `[[week]]`: weekly totals for runners who keep no single runs.
struct WeekTotal {
    Date start;  ///< as written: any date in the week
    double distance = 0;
    std::optional<double> descent;
    std::optional<double> downhill;
    std::optional<double> long_run;
    std::optional<int> hard_sessions;
    std::optional<double> pain;
    std::optional<double> pain_after;
    std::optional<std::string> note;
    SourcePos pos;

    bool operator==(const WeekTotal&) const = default;
};

struct Checkin {
    Date date;
    std::optional<double> pain;
    std::optional<bool> walking_pain;
    std::optional<bool> stairs_pain;
    std::optional<bool> exercise_pain;
    std::optional<int> single_leg_squats;
    std::optional<bool> stair_descent_pain;
    std::optional<double> strength_ratio;
    std::optional<bool> swelling;
    std::optional<bool> rest_pain;
    std::optional<bool> night_pain;
    std::optional<bool> giving_way;
    std::optional<bool> seen_clinician;
    std::optional<std::string> note;
    SourcePos pos;

    /// The red flags set, in words and in this order: "swelling", "pain at rest", "night
    /// pain", "the knee giving way".
    std::vector<std::string_view> red_flags() const;
    /// True if any red flag is set.
    bool red_flag() const { return !red_flags().empty(); }

    bool operator==(const Checkin&) const = default;
};

struct Strength {
    Date date;
    std::vector<Exercise> exercises;
    std::optional<double> pain;
    std::optional<std::string> note;
    SourcePos pos;

    bool operator==(const Strength&) const = default;
};

struct Shoe {
    std::string name;
    double initial = 0;
    std::optional<Date> retired;
    std::optional<std::string> note;
    SourcePos pos;

    bool operator==(const Shoe&) const = default;
};

/// A validated history. Entry vectors keep file order.
struct History {
    std::string source;  ///< the name used in diagnostics (a path, or "<stdin>")
    Runner runner;
    std::optional<Injury> injury;
    Rules rules;
    std::vector<Run> runs;
    std::vector<Cross> cross;
    std::vector<WeekTotal> weeks;
    std::vector<Checkin> checkins;
    std::vector<Strength> strength;
    std::vector<Shoe> shoes;

    /// The earliest date of any run, cross-training, week, check-in or strength entry.
    std::optional<Date> first_entry() const;

    bool operator==(const History&) const = default;
};

/// The outcome of loading: a history, or the diagnostics that prevent it.
struct LoadResult {
    std::optional<History> history;
    std::vector<Diagnostic> diagnostics;  ///< empty when `history` is set
    bool ok() const { return history.has_value(); }
};

/// The arrays of tables that hold a history's entries: run, cross, week, checkin,
/// strength and shoe (docs/manual/history-file.md).
const std::vector<std::string_view>& entry_table_names();

/// How load_history parses. Every setting gives the same result; they differ in speed.
struct LoadOptions {
    /// The text is parsed in batches of entries of about this many bytes, so that the
    /// parsed document never has to be held whole: a long history then costs time in
    /// proportion to its length (see split.hpp). 0 parses the whole text at once.
    std::size_t batch_bytes = 16 * 1024;
};

/// Parses and validates the text of a history file (docs/manual/history-file.md). `source_name` names the
/// text in diagnostics; `today` is the last date an entry may carry. Never throws on bad
/// data: every problem found becomes a diagnostic, in file order.
LoadResult load_history(std::string_view text, std::string_view source_name, Date today,
                        const LoadOptions& options = {});

}  // namespace rkplan
