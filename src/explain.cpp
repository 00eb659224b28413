#include "rkplan/explain.hpp"

#include <fmt/format.h>

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

const std::vector<Explanation> all = {
    {"weekly-increase", "rule", "error",
     "In phase 4, after clearance and in prevention mode, a week's distance may exceed its baseline (the "
     "previous week; after a zero week the last non-zero week within 4 weeks; in prevention mode at least the "
     "4-week mean) by at most max_weekly_increase. Exactly +10% is allowed.",
     "the 10% rule of the clinical article (seed)", ten_percent_evidence},
    {"running-too-early", "rule", "error",
     "A run in phase 1 (settle) or 2 (strength), or while a red flag is open. Running returns in phase 3 "
     "with the run-walk ladder.",
     seed, ""},
    {"run-walk-ahead", "rule", "warning",
     "In phase 3, a run-walk session above the open ladder step, or a continuous run before the ladder's "
     "first continuous step (step 6).",
     "the seed's run-walk progression: start at 1:1 and shift the ratio gradually", ""},
    {"downhill-locked", "rule", "error",
     "Descent or downhill distance while downhill is not allowed: phases 1-3, phase 4 until "
     "downhill_after_weeks pain-free weeks at 90% of goal_weekly, pullback weeks, and while referred.",
     "the seed: downhill running loads the patellofemoral joint most; it returns two to three weeks after "
     "pain-free running at the normal volume",
     ""},
    {"downhill-increase", "rule", "error (warning in prevention mode)",
     "Downhill distance or descent above the larger of the previous week's plus max_weekly_increase and the "
     "introduction allowance (downhill_intro_share of the week's distance; descent_intro per unit of "
     "distance).",
     "rkplan's default, applying the seed's gradual-increase principle to downhill running", ""},
    {"hard-too-early", "rule", "error",
     "A tempo, intervals, hills or race run before clearance, or during a pullback.",
     "the seed: easy running only until the clearance criteria are met", ""},
    {"pain-signal", "rule", "warning",
     "A run whose pain or next-morning pain is above pain_limit. In phase 4, after clearance and in "
     "prevention mode it starts a pullback; in phase 3 it fails the session and drops one ladder step.",
     "the seed: running should be pain-free; pain during or after a run is an early signal", ""},
    {"pullback-ignored", "rule", "error",
     "A pullback week (the pullback_weeks weeks after an early signal) above pullback_factor times the last "
     "pain-free week. A second signal inside a pullback returns an injured runner to phase 3 at step 6.",
     "the seed's two-week pullback; the factor 0.7 is rkplan's default", ""},
    {"red-flag", "rule", "error",
     "A check-in with swelling, pain at rest, night pain or the knee giving way, and any run logged while such "
     "a flag is open. The runner is referred until a later check-in has no red flag and seen_clinician = true.",
     "the seed: these signs call for a sports-medicine clinician, not self-management", ""},
    {"no-improvement", "rule", "warning",
     "no_improvement_weeks after treatment_start the runner is still in phase 1 or 2, or the latest check-in "
     "pain is not lower than the first one after treatment_start.",
     "the seed: no improvement after 4-6 weeks of consistent treatment calls for a referral", ""},
    {"acwr-high", "rule", "warning (info above acwr_caution)",
     "A week's distance over the mean of the previous 4 weeks (rolling acute:chronic ratio) above acwr_high; "
     "above acwr_caution it is an info.",
     "Gabbett 2016", acwr_evidence},
    {"shoe-worn", "rule", "warning (info at shoe_warn)",
     "A shoe's distance (its initial distance plus the runs logged with it) at or past shoe_warn (info) or "
     "shoe_limit (warning). Retired shoes are not checked.",
     "the seed: replace shoes at 600-800 km", ""},
    {"maintenance-low", "rule", "info",
     "A completed week after clearance (or, in prevention mode, of a runner who logs strength sessions) with "
     "fewer than maintenance_sessions strength sessions.",
     "the seed: keep hip strengthening twice a week after returning to running", ""},
    {"max_weekly_increase", "parameter", "0.10",
     "Allowed week-over-week growth of distance (0 to 0.5).", "the 10% rule (seed)", ten_percent_evidence},
    {"pain_limit", "parameter", "0",
     "The highest pain, during or the next morning, that still counts as pain-free (0 to 3; up to 3 for users of "
     "a pain-monitoring model).",
     "the seed: \"no pain\"", ""},
    {"downhill_after_weeks", "parameter", "2",
     "Consecutive pain-free weeks at 90% or more of goal_weekly (without a goal: any phase-4 weeks) before "
     "downhill running returns. Pain-free needs evidence: every run logs pain and pain_after.",
     "the seed: two to three weeks", ""},
    {"downhill_intro_share", "parameter", "0.05",
     "The first week of downhill may hold this share of the week's distance as downhill distance.",
     "rkplan's default", ""},
    {"descent_intro", "parameter", "3 (16 with miles)",
     "The first week of downhill may hold this much descent per unit of the week's distance: 3 m per km, or "
     "16 ft per mile.",
     "rkplan's default", ""},
    {"passes_per_step", "parameter", "2",
     "Pain-free sessions in a row, at or above the open step, before the next run-walk step opens; also the "
     "strength sessions in a row that open phase 3 and the passes of the last step that open phase 4.",
     "rkplan's default for the seed's gradual shift of the ratio", ""},
    {"run_walk_ladder", "parameter", "1:1x10, 2:1x7, 3:1x5, 4:1x4, 5:1x4, 20 min, 30 min",
     "The run-walk steps as [run minutes, walk minutes, repeats]; the running share must grow and the last "
     "step must be continuous (walk 0).",
     "the seed starts at 1:1 and gradually shifts the ratio to 20-30 minutes of continuous easy running", ""},
    {"run_days", "parameter", "3", "Planned run days per week in phases 3 and 4.", "rkplan's default", ""},
    {"pullback_weeks", "parameter", "2", "Length of a pullback after an early pain signal.",
     "the seed: \"a two-week pullback\"", ""},
    {"pullback_factor", "parameter", "0.7",
     "Pullback weeks hold at most this share of the last pain-free week.", "rkplan's default", ""},
    {"clear_squats", "parameter", "20",
     "Clean single-leg squats (no pain, no knee valgus) needed for clearance.", seed, ""},
    {"clear_strength_ratio", "parameter", "0.85",
     "Weaker over stronger leg strength needed for clearance.", "the seed: within 10-15%", ""},
    {"no_improvement_weeks", "parameter", "6", "Weeks of treatment without improvement before referral.",
     "the seed: 4-6 weeks", ""},
    {"maintenance_sessions", "parameter", "2", "Hip strengthening sessions a week after clearance.", seed, ""},
    {"acwr_caution", "parameter", "1.3", "Acute:chronic ratio above which a week is flagged as info.",
     "Gabbett 2016", acwr_evidence},
    {"acwr_high", "parameter", "1.5", "Acute:chronic ratio above which a week is a warning.", "Gabbett 2016",
     acwr_evidence},
    {"shoe_warn", "parameter", "600 km (373 mi)", "Shoe distance at which to plan a replacement.",
     "the seed: 600-800 km", ""},
    {"shoe_limit", "parameter", "800 km (497 mi)", "Shoe distance at which to replace the shoe.",
     "the seed: 600-800 km", ""},
    {"cadence_increase", "parameter", "[0.05, 0.10]",
     "Suggested step-rate increase range, from the median logged cadence.", "the seed: +5-10%", ""},
    {"load_basis", "parameter", "\"distance\"",
     "The daily series behind acwr_ewma, monotony, strain, ctl, atl, tsb and ramp: \"distance\" or \"srpe\" "
     "(duration x rpe, Foster 2001).",
     "rkplan's default", ""},
};

}  // namespace

const std::vector<Explanation>& explanations() { return all; }

const Explanation* find_explanation(std::string_view name) {
    for (const auto& e : all)
        if (e.name == name) return &e;
    return nullptr;
}

namespace {

// Wraps prose at 78 columns behind an indent.
std::string wrap(std::string_view text, std::string_view indent) {
    std::string out, line(indent);
    std::size_t i = 0;
    while (i < text.size()) {
        auto space = text.find(' ', i);
        auto word = text.substr(i, space == std::string_view::npos ? std::string_view::npos : space - i);
        if (line.size() > indent.size() && line.size() + 1 + word.size() > 78) {
            out += line + '\n';
            line = indent;
        }
        if (line.size() > indent.size()) line += ' ';
        line += word;
        if (space == std::string_view::npos) break;
        i = space + 1;
    }
    return out + line + '\n';
}

}  // namespace

std::string render_explanation_index() {
    std::string out = "Rules (check findings), with their severity and source:\n";
    bool params = false;
    for (const auto& e : all) {
        if (e.kind == "parameter" && !params) {
            out += "\nParameters ([rules] keys), with their defaults and sources:\n";
            params = true;
        }
        out += fmt::format("  {:<22} {}\n", e.name, e.fallback);
        out += wrap(fmt::format("source: {}", e.source), std::string(25, ' '));
    }
    out += "\n'rkplan explain NAME' tells what a rule or parameter does and what the research says\n"
           "about it.\n";
    return out;
}

std::string render_explanation(const Explanation& e) {
    std::string out = fmt::format("{} ({}; {} {})\n\n", e.name, e.kind, e.kind == "rule" ? "severity" : "default",
                                  e.fallback);
    out += wrap(e.summary, "  ");
    // Appended in two steps: "\n" + string trips GCC 12's -Wrestrict false positive at -O3.
    out += '\n';
    out += wrap(fmt::format("Source: {}.", e.source), "  ");
    if (!e.evidence.empty()) {
        out += '\n';
        out += wrap(fmt::format("Evidence: {}", e.evidence), "  ");
    }
    return out;
}

}  // namespace rkplan
