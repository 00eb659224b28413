#include "rkplan/templates.hpp"

namespace rkplan {

std::string_view history_template() {
    return R"(# rkplan training history: one file per runner (TOML, https://toml.io).
# Every table is optional. Remove the leading '# ' of an entry to use it.
# Dates are written without quotes: 2026-10-06. Unknown keys are errors, so a typo
# such as 'pian = 4' is reported instead of silently ignored.

[runner]
# name = "Sam"
units = "km"              # "km" or "mi"; elevation is metres with km, feet with mi
week_start = "monday"     # "monday" (ISO weeks) or "sunday"
# goal_weekly = 40.0      # your normal / target weekly distance
# race_season = false     # true: rkplan advises a clear diagnosis before loading decisions

# Coming back from runner's knee? Describe the injury; without it rkplan plans in
# prevention mode for a healthy runner.
# [injury]
# onset = 2026-09-01            # first symptoms
# treatment_start = 2026-09-08  # start of consistent rehab (default: onset)
# side = "left"                 # "left", "right" or "both"

# Override any rule (see 'rkplan explain'):
# [rules]
# max_weekly_increase = 0.10

# One [[run]] per run; only date and distance are required.
# [[run]]
# date = 2026-10-06
# distance = 5.2          # in your units
# duration = "32:10"      # minutes (32.5) or "mm:ss" / "h:mm:ss"
# descent = 60            # elevation lost (m or ft)
# downhill = 0.8          # distance run downhill
# kind = "easy"           # easy, long, tempo, intervals, hills, race, run-walk
# run_walk = [3, 1]       # run-walk only: minutes running, minutes walking
# pain = 0                # 0-10, worst knee pain during the run
# pain_after = 0          # 0-10, knee soreness the next morning
# rpe = 4                 # 1-10 effort
# shoe = "pegasus-40"
# cadence = 168           # steps per minute
# surface = "road"        # road, trail, track, treadmill, grass
# note = "felt fine"

# Cross-training keeps fitness without running load.
# [[cross]]
# date = 2026-10-07
# activity = "cycling"    # swimming, pool-running, cycling, elliptical, other
# duration = 45
# pain = 0

# Only keep weekly totals? Use [[week]] instead of [[run]] (never both for one week).
# [[week]]
# start = 2026-09-28      # any date in the week
# distance = 18.0
# descent = 0             # the week's elevation loss
# downhill = 0.0          # the week's distance run on descents
# long_run = 8.0
# hard_sessions = 0       # tempo / intervals / hills / race sessions that week
# pain = 1                # worst pain during runs that week
# pain_after = 0          # worst next-morning soreness that week

# Symptoms and gate tests, as often as you like.
# [[checkin]]
# date = 2026-10-10
# pain = 2                # typical knee pain these days, 0-10
# walking_pain = false
# stairs_pain = false
# exercise_pain = false
# single_leg_squats = 20  # clean reps: no pain, no knee collapsing inward
# stair_descent_pain = false
# strength_ratio = 0.92   # weaker / stronger leg, 0-1
# swelling = false        # swelling, rest_pain, night_pain, giving_way: see a clinician
# rest_pain = false
# night_pain = false
# giving_way = false
# seen_clinician = false

# [[strength]]
# date = 2026-10-07
# exercises = ["clamshell", "side-lying-abduction", "terminal-knee-extension"]
# pain = 0

# [[shoe]]
# name = "pegasus-40"
# initial = 120           # distance already on the shoe
# retired = 2026-11-01
)";
}

}  // namespace rkplan
