#pragma once
// Values that may be absent, in the renderers for programs: a number as format_decimal
// writes it (an integer as itself), or what the format writes for none. Internal to the
// renderers.

#include <optional>
#include <string>

#include <fmt/format.h>

#include "rkplan/text.hpp"

namespace rkplan::program {

/// JSON: the number, or null.
inline std::string json_number(const std::optional<double>& v) { return v ? format_decimal(*v) : "null"; }
inline std::string json_number(const std::optional<int>& v) { return v ? fmt::format("{}", *v) : "null"; }

/// A CSV, TSV or iCalendar field: the number, or nothing.
inline std::string field_number(const std::optional<double>& v) { return v ? format_decimal(*v) : ""; }
inline std::string field_number(const std::optional<int>& v) { return v ? fmt::format("{}", *v) : ""; }

}  // namespace rkplan::program
