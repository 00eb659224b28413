#pragma once
/// \file text.hpp
/// Small text helpers shared by the loader and the renderers.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rkplan/diagnostic.hpp"

namespace rkplan {

/// The name in `names` closest to `word` by edit distance, if it is close enough to be a
/// likely typo (at most 2 edits, or a third of the word's length); empty otherwise.
std::string_view nearest_name(std::string_view word, const std::vector<std::string_view>& names);

/// `text` cut at every `separator`: "1:02:03" gives "1", "02", "03".
std::vector<std::string_view> split(std::string_view text, char separator);

/// A double-quoted string with backslash escapes that JSON and TOML both read back
/// exactly: \" \\ \n \r \t, and \u00XX for other control characters.
std::string quote_escaped(std::string_view s);

/// Minutes from "mm:ss" or "h:mm:ss"; nullopt if the text is not such a duration.
std::optional<double> parse_clock_duration(std::string_view text);

/// `v` rounded to `decimals` places.
double round_to(double v, int decimals);

/// For people: `v` with exactly `decimals` places, never "-0.0".
std::string format_fixed(double v, int decimals = 1);

/// For people, in messages that compare values: `decimals` places, or one more where
/// that changes the value, so that a value and its cap never print alike when they differ
/// ("0.75 km", not "0.8 km"; "10.1%", not "10%").
std::string format_distinct(double v, int decimals = 1);

/// For programs (JSON, CSV, TSV): 3 decimals at most, shortest form, always with a
/// decimal point so that a distance reads as a float ("20.0") in every language.
std::string format_decimal(double v);

/// Checks raw bytes before they reach the TOML parser: valid UTF-8 throughout, no
/// non-ASCII character outside strings and comments (Debian's toml++ 3.3 misbehaves on
/// them), and no control character in a comment. Returns located diagnostics.
std::vector<Diagnostic> scan_toml_text(std::string_view text);

}  // namespace rkplan
