#pragma once
/// \file registry.hpp
/// One registry of the rules (check findings) and of the `[rules]` parameters: their
/// names, severities, defaults, ranges and sources. The checker names its findings from it,
/// the loader takes its list of keys from it, and `rkplan explain` and the manual's tables
/// are written from it — so a rule's facts live in one place.

#include <string>
#include <string_view>
#include <vector>

#include "rkplan/history.hpp"

namespace rkplan {

/// Every rule `rkplan check` reports, in docs/manual/rules.md's order.
enum class RuleId {
    weekly_increase,
    running_too_early,
    run_walk_ahead,
    downhill_locked,
    downhill_increase,
    hard_too_early,
    pain_signal,
    pullback_ignored,
    pain_rising,
    red_flag,
    no_improvement,
    acwr_high,
    shoe_worn,
    maintenance_low,
    evidence_missing,
};

/// A rule: its stable id, its severity (as text: some depend on the mode or level), what
/// makes it fire, where it comes from, and what research says around it.
struct RuleSpec {
    RuleId id;
    std::string_view name;      ///< the stable finding id, "weekly-increase"
    std::string_view severity;  ///< "error", "warning (info at shoe_warn)", ...
    std::string_view summary;
    std::string_view source;
    std::string_view evidence;  ///< may be empty
};

/// A `[rules]` key: its default (read from `Rules::defaults_for`, never retyped), its range
/// and meaning, and its source.
struct ParamSpec {
    std::string_view key;
    std::string (*value)(const Rules&);  ///< the key's value in a Rules, as TOML would write it
    std::string_view range;
    std::string_view summary;
    std::string_view source;
    std::string_view evidence;  ///< may be empty
};

const std::vector<RuleSpec>& rule_registry();
const std::vector<ParamSpec>& param_registry();

/// The rule's stable id: "weekly-increase".
std::string_view to_string(RuleId id);
const RuleSpec& rule_spec(RuleId id);

/// The default of a parameter as people read it: "0.1", or "600 (373 with miles)".
std::string param_default(const ParamSpec& p);

/// The `[rules]` keys, in registry order (the loader's list of known keys).
std::vector<std::string_view> param_keys();

}  // namespace rkplan
