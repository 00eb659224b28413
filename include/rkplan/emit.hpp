#pragma once
/// \file emit.hpp
/// Entries written back as TOML text, for `rkplan log` and `rkplan import`.

#include <string>
#include <string_view>

#include "rkplan/history.hpp"

namespace rkplan {

/// A TOML basic string literal, with quotes and escapes.
std::string toml_string(std::string_view s);

/// A `[[run]]` table for `run`, preceded by a blank line: only the fields that are set,
/// in the order of SPEC §1, numbers in their shortest exact form, the duration as
/// "h:mm:ss" or "mm:ss". Loading the text back gives the same run.
std::string format_run_toml(const Run& run);

}  // namespace rkplan
