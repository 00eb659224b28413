#pragma once
// A strict JSON validator (RFC 8259) for the fuzz target's "JSON output parses" invariant.
#include <string>
#include <string_view>

namespace rkplan {

/// True if `text` is one JSON value (surrounded by optional whitespace); otherwise false
/// with `error` saying where.
bool json_valid(std::string_view text, std::string& error);

}  // namespace rkplan
