#pragma once
/// \file explain.hpp
/// `rkplan explain`: every rule and parameter, its default, its source, and the evidence
/// against it where there is some.

#include <string>
#include <string_view>
#include <vector>

namespace rkplan {

/// One rule (a check finding) or parameter (a `[rules]` key).
struct Explanation {
    std::string_view name;      ///< finding id or parameter key
    std::string_view kind;      ///< "rule" or "parameter"
    std::string fallback;       ///< the default, as text ("0.1"), or the severity for rules
    std::string_view summary;   ///< what it does
    std::string_view source;    ///< where the number or rule comes from
    std::string_view evidence;  ///< what research says against or around it; may be empty
};

/// All rules and parameters, rules first, in docs/manual/rules.md's order.
const std::vector<Explanation>& explanations();

/// The explanation named `name`, or nullptr.
const Explanation* find_explanation(std::string_view name);

/// Text for `rkplan explain` (all, as an index) or `rkplan explain NAME` (one, in full).
std::string render_explanation_index();
std::string render_explanation(const Explanation& e);

}  // namespace rkplan
