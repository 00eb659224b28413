#include "rkplan/registry.hpp"

#include <fmt/format.h>

#include "rkplan/text.hpp"

namespace rkplan {

namespace {

constexpr std::string_view seed = "the clinical article rkplan is built on (seed)";

constexpr std::string_view ten_percent_evidence =
    "Buist et al. 2008 (a randomised trial of novice runners): a graded programme built on the 10% rule "
    "gave no fewer injuries than a faster standard programme, 20.8% vs 20.3% injured. Nielsen et al. 2014: "
    "runners who increased weekly distance by more than 30% over two weeks had more distance-related "
    "injuries (hazard ratio 1.59, not statistically significant). The 10% rule is a conservative habit, "
    "not a proven threshold; rkplan keeps it as the seed's default and lets [rules] change it.";

constexpr std::string_view acwr_evidence =
    "Gabbett 2016: an acute:chronic workload ratio of 0.8-1.3 was the \"sweet spot\" and 1.5 and above "
    "the \"danger zone\" for injury in team sports. Lolli et al. 2019 and Impellizzeri et al. 2020 showed "
    "that the rolling ratio is mathematically coupled (the acute week is part of the chronic mean) and "
    "predicts injury poorly; treat it as a prompt to look at the load, not as a risk score. rkplan also "
    "reports the uncoupled EWMA variant (Williams et al. 2017) in 'rkplan weeks'.";


constexpr std::string_view revision2 = "SPEC section 3, revision 2 (a clinical audit of the seed's protocol)";

const std::vector<RuleSpec> rules = {
    {RuleId::weekly_increase, "weekly-increase", "error",
     "In phase 4, after clearance and in prevention mode, a week's distance above its baseline (the previous "
     "week; after a zero week the last non-zero week within 4 weeks; in prevention mode at least the 4-week "
     "mean) plus max_weekly_increase. Exactly +10% is allowed. A week above its cap passes on its cap, not its "
     "distance, as the next week's baseline. After a break of more than 4 weeks, or when a referral is lifted, "
     "the week is held to the restart cap (restart_factor, restart_min).",
     "the 10% rule of the clinical article (seed); the restart cap and the baseline at the cap: SPEC revision 2",
     ten_percent_evidence},
    {RuleId::running_too_early, "running-too-early", "error",
     "A run in phase 1 (settle) or 2 (strength), or while a red flag is open. Running returns in phase 3 "
     "with the run-walk ladder.",
     seed, ""},
    {RuleId::run_walk_ahead, "run-walk-ahead", "error",
     "In phase 3, a session above the open ladder step: a longer run interval or a higher run share, a "
     "continuous run before the ladder's first continuous step, more running minutes than the open step "
     "holds (10% tolerance), or more than run_days sessions in a week. Such a session passes nothing.",
     "the seed's run-walk progression (start at 1:1 and shift the ratio gradually); an error since SPEC "
     "revision 2",
     ""},
    {RuleId::downhill_locked, "downhill-locked", "error",
     "Descent or downhill distance while downhill is not allowed: phases 1-3, phase 4 until the downhill gate "
     "(downhill_after_weeks pain-free weeks at downhill_volume_share of the training volume: goal_weekly, else "
     "the mean of the 4 weeks before onset; without either, one more pain-free phase-4 week), pullback weeks, "
     "after a break of 2 weeks until the gate passes again, and while referred.",
     "the seed: downhill running loads the patellofemoral joint most; it returns two to three weeks after "
     "pain-free running at the normal volume",
     ""},
    {RuleId::downhill_increase, "downhill-increase", "error (warning in prevention mode)",
     "Downhill distance or descent above the larger of the previous week's plus max_weekly_increase and the "
     "introduction allowance (downhill_intro_share of the week's distance; descent_intro per unit of "
     "distance).",
     "rkplan's default, applying the seed's gradual-increase principle to downhill running", ""},
    {RuleId::hard_too_early, "hard-too-early", "error",
     "A tempo, intervals, hills or race run before clearance, or during a pullback.",
     "the seed: easy running only until the clearance criteria are met", ""},
    {RuleId::pain_signal, "pain-signal", "warning",
     "A run whose pain or next-morning pain is above pain_limit. In phase 4, after clearance and in "
     "prevention mode it starts a pullback the day after; in phase 3 it fails the session and drops one "
     "ladder step (two failing sessions in a row: back to step 1).",
     "the seed: running should be pain-free; pain during or after a run is an early signal", ""},
    {RuleId::pullback_ignored, "pullback-ignored", "error",
     "Running above the pullback cap (pullback_factor times the last pain-free week) from the day after an "
     "early signal to the end of that week, and in the pullback_weeks weeks after it. A second signal inside "
     "a pullback returns an injured runner to phase 3 at the first continuous step.",
     "the seed's two-week pullback; the factor 0.7 is rkplan's default; the start the day after the signal: "
     "SPEC revision 2",
     ""},
    {RuleId::pain_rising, "pain-rising", "warning",
     "A pain (during or the next morning) at or above pain_severe, or pain rising over 3 pain-logged runs in "
     "a row (each higher than the one before, the last above pain_limit). The runner drops one phase "
     "(cleared to 4, 4 to 3 at the first continuous step, 3 to step 1) and is advised to see a "
     "sports-medicine clinician.",
     "the seed: severe or worsening pain calls for professional evaluation; SPEC revision 2", ""},
    {RuleId::red_flag, "red-flag", "error (info once resolved)",
     "A check-in with swelling, pain at rest, night pain or the knee giving way, and any run logged while such "
     "a flag is open. The runner is referred until a later check-in has no red flag and seen_clinician = true; "
     "from then on the flag is reported as info (resolved on that date).",
     "the seed: these signs call for a sports-medicine clinician, not self-management", ""},
    {RuleId::no_improvement, "no-improvement", "warning",
     "no_improvement_weeks after treatment_start the runner was still in phase 1 or 2 (the phase in force on "
     "that date), or the latest check-in pain is above pain_limit and not lower than the first one after "
     "treatment_start.",
     "the seed: no improvement after 4-6 weeks of consistent treatment calls for a referral", ""},
    {RuleId::acwr_high, "acwr-high", "warning (info above acwr_caution)",
     "A week's distance over the mean of the previous 4 weeks (rolling acute:chronic ratio) above acwr_high; "
     "above acwr_caution it is an info. Only where the 10% rule held those 4 weeks (not across phase 3, a "
     "restart or the first week on record). The plan keeps every week at or below acwr_caution.",
     "Gabbett 2016", acwr_evidence},
    {RuleId::shoe_worn, "shoe-worn", "warning (info at shoe_warn)",
     "A shoe's distance (its initial distance plus the runs logged with it) at or past shoe_warn (info) or "
     "shoe_limit (warning). Retired shoes are not checked.",
     "the seed: replace shoes at 600-800 km", ""},
    {RuleId::maintenance_low, "maintenance-low", "info",
     "A completed week after clearance (or, in prevention mode, of a runner who logs strength sessions; not the "
     "week the injury began) with fewer than maintenance_sessions strength sessions.",
     "the seed: keep hip strengthening twice a week after returning to running", ""},
    {RuleId::evidence_missing, "evidence-missing", "info",
     "A run that cannot count as evidence where the phase needs it: in phase 3 a session without pain, "
     "pain_after or (continuous) duration; in phase 4 before the downhill gate a run without pain or "
     "pain_after. The info says what to log.",
     "SPEC revision 2: evidence must be logged; silence passes nothing", ""},
};

const std::vector<ParamSpec> params = {
    {"max_weekly_increase", [](const Rules& r) { return format_shortest(r.max_weekly_increase); }, "0 to 0.5",
     "Allowed week-over-week growth of distance.", "the 10% rule (seed)", ten_percent_evidence},
    {"pain_limit", [](const Rules& r) { return format_shortest(r.pain_limit); }, "0 to 3",
     "The highest pain, during or the next morning, that still counts as pain-free (up to 3 for users of a "
     "pain-monitoring model).",
     "the seed: \"no pain\"", ""},
    {"pain_severe", [](const Rules& r) { return format_shortest(r.pain_severe); }, "1 to 10, above pain_limit",
     "A pain at or above it escalates (pain-rising): the runner drops one phase.", revision2, ""},
    {"downhill_after_weeks", [](const Rules& r) { return std::to_string(r.downhill_after_weeks); }, "0 to 12",
     "Consecutive pain-free phase-4 weeks at downhill_volume_share of the training volume (goal_weekly, else "
     "the mean of the 4 weeks before onset; without either, one more week at any volume) before downhill "
     "running returns. Pain-free needs evidence: every run logs pain and pain_after.",
     "the seed: two to three weeks", ""},
    {"downhill_volume_share", [](const Rules& r) { return format_shortest(r.downhill_volume_share); }, "above 0, at most 1",
     "What share of the training volume counts as \"at flat-ground training volume\" for the downhill gate.",
     "the seed", ""},
    {"downhill_intro_share", [](const Rules& r) { return format_shortest(r.downhill_intro_share); }, "0 to 1",
     "The first week of downhill may hold this share of the week's distance as downhill distance.",
     "rkplan's default", ""},
    {"descent_intro", [](const Rules& r) { return format_shortest(r.descent_intro); }, "0 to 100",
     "The first week of downhill may hold this much descent per unit of the week's distance (m per km, ft per "
     "mi).",
     "rkplan's default", ""},
    {"restart_factor", [](const Rules& r) { return format_shortest(r.restart_factor); }, "above 0, at most 1",
     "The first week after a break of more than 4 weeks (or after a referral is lifted) may hold this share "
     "of the mean of the last 4 non-zero weeks before it (at least restart_min, never above that mean, at "
     "most goal_weekly); with no running on record, this share of goal_weekly.",
     revision2, ""},
    {"restart_min", [](const Rules& r) { return format_shortest(r.restart_min); }, "above 0",
     "The least restart cap, in the history's units.", revision2, ""},
    {"passes_per_step", [](const Rules& r) { return std::to_string(r.passes_per_step); }, "1 to 10",
     "Pain-free sessions in a row at the open step before the next run-walk step opens; also the hip and "
     "quadriceps strength sessions in a row that open phase 3 and the passes of the last step that open "
     "phase 4.",
     "rkplan's default for the seed's gradual shift of the ratio", ""},
    {"run_walk_ladder",
     [](const Rules& r) {
         std::string out;
         for (const auto& s : r.run_walk_ladder) out += (out.empty() ? "" : ", ") + to_string(s);
         return out;
     },
     "[run, walk, repeats] steps, growing, the last continuous",
     "The run-walk steps as [run minutes, walk minutes, repeats]; the running share must grow and the last "
     "step must be continuous (walk 0).",
     "the seed starts at 1:1 and gradually shifts the ratio to 20-30 minutes of continuous easy running", ""},
    {"run_days", [](const Rules& r) { return std::to_string(r.run_days); }, "1 to 7",
     "Planned run days per week in phases 3 and 4; in phase 3 also the most sessions a week may hold.",
     "rkplan's default", ""},
    {"pullback_weeks", [](const Rules& r) { return std::to_string(r.pullback_weeks); }, "1 to 8",
     "Weeks of a pullback after the week of an early pain signal.", "the seed: \"a two-week pullback\"", ""},
    {"pullback_factor", [](const Rules& r) { return format_shortest(r.pullback_factor); }, "above 0, at most 1",
     "Pullback weeks hold at most this share of the last pain-free week.", "rkplan's default", ""},
    {"clear_squats", [](const Rules& r) { return std::to_string(r.clear_squats); }, "1 to 100",
     "Clean single-leg squats (no pain, no knee valgus) needed for clearance.", seed, ""},
    {"clear_strength_ratio", [](const Rules& r) { return format_shortest(r.clear_strength_ratio); }, "above 0, at most 1",
     "Weaker over stronger leg strength needed for clearance.", "the seed: within 10-15%", ""},
    {"clearance_window_days", [](const Rules& r) { return std::to_string(r.clearance_window_days); }, "0 to 90",
     "The clearance criteria must be met by check-ins within this many days of each other, none failed since.",
     revision2, ""},
    {"no_improvement_weeks", [](const Rules& r) { return std::to_string(r.no_improvement_weeks); }, "1 to 52",
     "Weeks of treatment without improvement before referral.", "the seed: 4-6 weeks", ""},
    {"maintenance_sessions", [](const Rules& r) { return std::to_string(r.maintenance_sessions); }, "0 to 7",
     "Hip strengthening sessions a week after clearance.", seed, ""},
    {"acwr_caution", [](const Rules& r) { return format_shortest(r.acwr_caution); }, "above 0, at most 5, below acwr_high",
     "Acute:chronic ratio above which a week is flagged as info; the plan stays at or below it.", "Gabbett 2016",
     acwr_evidence},
    {"acwr_high", [](const Rules& r) { return format_shortest(r.acwr_high); }, "above 0, at most 5",
     "Acute:chronic ratio above which a week is a warning.", "Gabbett 2016", acwr_evidence},
    {"shoe_warn", [](const Rules& r) { return format_shortest(r.shoe_warn); }, "above 0, at most shoe_limit",
     "Shoe distance at which to plan a replacement.", "the seed: 600-800 km", ""},
    {"shoe_limit", [](const Rules& r) { return format_shortest(r.shoe_limit); }, "above 0",
     "Shoe distance at which to replace the shoe.", "the seed: 600-800 km", ""},
    {"cadence_increase",
     [](const Rules& r) { return fmt::format("[{}, {}]", format_shortest(r.cadence_increase_low), format_shortest(r.cadence_increase_high)); },
     "[low, high] shares, 0 <= low <= high <= 0.5",
     "Suggested step-rate increase range, from the median logged cadence.", "the seed: +5-10%", ""},
    {"load_basis", [](const Rules& r) { return fmt::format("\"{}\"", to_string(r.load_basis)); },
     "\"distance\" or \"srpe\"",
     "The daily series behind acwr_ewma, monotony, strain, ctl, atl, tsb and ramp: \"distance\" or \"srpe\" "
     "(duration x rpe, Foster 2001).",
     "rkplan's default", ""},
};

}  // namespace

const std::vector<RuleSpec>& rule_registry() { return rules; }
const std::vector<ParamSpec>& param_registry() { return params; }

const RuleSpec& rule_spec(RuleId id) { return rules[static_cast<std::size_t>(id)]; }
std::string_view to_string(RuleId id) { return rule_spec(id).name; }

std::string param_default(const ParamSpec& p) {
    auto km = p.value(Rules::defaults_for(Units::km));
    auto mi = p.value(Rules::defaults_for(Units::mi));
    return km == mi ? km : fmt::format("{} ({} with miles)", km, mi);
}

std::vector<std::string_view> param_keys() {
    std::vector<std::string_view> out;
    for (const auto& p : params) out.push_back(p.key);
    return out;
}

}  // namespace rkplan
