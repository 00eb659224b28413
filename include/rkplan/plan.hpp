#pragma once
/// \file plan.hpp
/// `rkplan plan`: where the runner stands and what each coming week may hold (docs/manual/commands.md, §5).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rkplan/check.hpp"
#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"

namespace rkplan {

/// A gate of the return-to-run protocol, met or not, with what is still missing.
struct Gate {
    std::string name;
    bool met = false;
    std::string missing;  ///< empty when met
};

/// Something the runner should know: red flags, referral, race season, shoes, cadence.
struct Flag {
    std::string id;
    Severity severity = Severity::info;
    std::string message;
};

/// One exercise of the strengthening protocol, with its dose.
struct ProtocolExercise {
    std::string_view id;  ///< empty for the hip-maintenance routine
    std::string_view name;
    std::string dose;
};

/// One criterion of the clearance checklist and what the history shows for it.
struct ClearanceItem {
    std::string criterion;  ///< "single-leg squats >= 20"
    std::string status;     ///< "14 on 2026-11-10" or "not tested yet"
    bool met = false;
};

/// One coming week of the plan.
struct PlanWeek {
    std::string week;  ///< ISO name
    Date start;
    std::optional<Phase> phase;      ///< absent in prevention mode
    std::optional<int> step;         ///< open ladder step on the first day (phase 3)
    bool projected = false;          ///< false only for the week containing today
    bool referred = false;
    bool no_running = false;         ///< no running this week: referred, or phases 1-2
    std::optional<double> distance_cap;  ///< absent in phase 3 (run-walk by time)
    double downhill_cap = 0;
    double descent_cap = 0;
    int run_days = 0;
    bool hard_allowed = false;
    int strength_sessions = 0;
    bool pullback = false;
    double logged = 0;               ///< distance already logged (the current week)
    std::optional<double> remaining; ///< cap minus logged (the current week)
    std::optional<LadderStep> run_walk;  ///< the session of the open step (phase 3)
    std::vector<int> sessions;       ///< phase 3: the ladder step of each planned session
    std::string next_gate;           ///< the gate to pass next
    std::vector<std::string> opens;  ///< what this week opens if done as planned
};

/// The whole plan.
struct Plan {
    Date today;
    Units units = Units::km;
    std::string runner;  ///< name, or empty
    Mode mode = Mode::prevention;
    bool referred = false;
    std::optional<Phase> phase;
    std::optional<int> step;
    bool downhill_unlocked = false;
    std::vector<Flag> flags;
    std::vector<Gate> gates;
    std::optional<Date> timeline_from, timeline_to;  ///< expected return to easy running
    std::string timeline_basis;
    std::vector<PlanWeek> weeks;
    std::vector<ProtocolExercise> protocol;
    std::vector<std::string> advice;       ///< cross-training, avoid deep squats, surfaces...
    std::vector<ClearanceItem> clearance;  ///< injury mode only
};

/// The plan for the `weeks` weeks from the one containing `today`. Pure and reproducible.
/// If `projected` is given, it receives the history extended with what the projection
/// assumes: each coming week done at its cap, pain-free (for tests that replay it through
/// `check`).
/// An `Assessment` of the same history on the same date, if the caller has one, spares the
/// planner its first derivation.
struct Assessment;
Plan make_plan(const History& history, Date today, int weeks, History* projected = nullptr,
               const Assessment* assessed = nullptr);

/// `check --next` judges the week after today's with this week as logged so far; the plan
/// assumes this week finished at its cap. Where that makes their caps for next week differ,
/// records in `v` what the plan shows and why (docs/manual/rules.md, revision 2: both say why they differ).
/// `assessed`, if given, is the history's assessment on `today` (it spares the plan's findings).
void explain_plan_difference(NextVerdict& v, const History& history, Date today,
                             const Assessment* assessed = nullptr);

/// The one-line disclaimer that ends the text plan.
inline constexpr std::string_view plan_disclaimer =
    "rkplan prints guidance, not a diagnosis: see a sports-medicine clinician for knee pain that persists or worsens.";

/// The strengthening protocol of docs/manual/rules.md, strengthening for a phase (prevention mode: hip maintenance,
/// `maintenance_sessions` a week).
std::vector<ProtocolExercise> protocol_for(std::optional<Phase> phase, int maintenance_sessions);

}  // namespace rkplan
