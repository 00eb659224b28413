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
/// exactly: \" \\ \n \r \t, and \uXXXX for the other characters `display_text` escapes
/// (control characters and bidirectional formatting), so that the quoted text never
/// holds one either.
std::string quote_escaped(std::string_view s);

/// Whether `display_text` keeps tabs (a source line under a diagnostic, whose caret line
/// repeats them) or shows them as `\t` (a name in a table).
enum class Tabs { escape, keep };

/// Text from a file, ready for a terminal: it never reaches one as control characters.
/// Each C0 control, DEL, C1 control (U+0080-U+009F) and bidirectional formatting
/// character (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) is shown as `\u`
/// and four upper-case hex digits (ESC is `\u001B`), except line break, carriage return
/// and tab, shown as `\n`, `\r` and `\t`; a byte that is not part of valid UTF-8 is shown
/// as `\x` and two hex digits (`\xFF`). Everything else, backslashes included, is
/// unchanged. Used by every renderer meant for people; JSON and TOML escape with
/// `quote_escaped`, CSV and TSV carry the text as it is.
std::string display_text(std::string_view s, Tabs tabs = Tabs::escape);

/// The columns `s` takes on a terminal: one per character, two for a wide (East Asian
/// or emoji) character, none for a combining mark. Meant for text `display_text` made.
std::size_t display_width(std::string_view s);

/// One UTF-8 character at byte `i` of `s`: its code point and length in bytes; nullopt
/// where the bytes are not valid UTF-8 (overlong forms, surrogates and values past
/// U+10FFFF included).
struct Utf8Char {
    char32_t code = 0;
    std::size_t length = 1;
};
std::optional<Utf8Char> decode_utf8(std::string_view s, std::size_t i);

/// Minutes from "mm:ss" or "h:mm:ss"; nullopt if the text is not such a duration.
std::optional<double> parse_clock_duration(std::string_view text);


/// "1 week", "3 weeks"; `many` where the plural is not `one` + "s" ("1 activity or file",
/// "2 activities or files").
std::string count_of(long n, std::string_view one, std::string_view many = {});

/// \name Numbers as text
/// Every number rkplan writes as text goes through one of these (integers aside, which
/// print as themselves). Where they round, they round as `round_to` does: half away from
/// zero of `v` × 10^decimals, so 2.5 gives "3", -2.5 "-3" and 0.125 at 2 places "0.13".
/// \{

/// `v` rounded to `decimals` places (0 or more): `std::round(v * 10^decimals) / 10^decimals`.
double round_to(double v, int decimals);

/// The shortest text that reads back as exactly `v`, as fmt's "{}" writes it: "5", "2.5",
/// "0.1", "0.30000000000000004", "-0" for negative zero; an exponent from 1e16 up and
/// below 1e-4 ("1e+16", "1e-05"); "inf", "-inf", "nan" ("-nan" with the sign bit set).
/// For TOML that must read back unchanged and for a value echoed as it was given.
std::string format_shortest(double v);

/// `v` rounded to `decimals` places, then written as `format_shortest`: trailing zeros
/// trimmed and no decimal point for a whole number ("3", "2.5", "0.33" for 3.0, 2.5,
/// 1/3.0 at 2 places), never "-0" (a value that rounds to zero is "0").
std::string format_trimmed(double v, int decimals);

/// For people: `v` rounded to exactly `decimals` places, trailing zeros kept ("2.50",
/// "3.0", "3" at 0 places), never "-0.0" (a value that rounds to zero has no sign).
std::string format_fixed(double v, int decimals = 1);

/// For people, in messages that compare values: `format_fixed` with `decimals` places, or
/// one more where the extra place changes the rounded value, so that a value and its cap
/// never print alike when they differ ("0.75 km", not "0.8 km"; "10.1%", not "10%").
std::string format_distinct(double v, int decimals = 1);

/// For programs (JSON, CSV, TSV): `format_trimmed(v, 3)`, with ".0" added where that has
/// neither a decimal point nor an exponent, so that a distance reads as a float in every
/// language: "20.0", "2.5", "0.333", "1e+16".
std::string format_decimal(double v);

/// \}

/// The encoding of a text saved as UTF-16 or UTF-32, told by its byte-order mark or, without
/// one, by the NUL bytes of its first characters: "UTF-16 (little-endian)", "UTF-32
/// (big-endian)", ...; empty for any other text.
std::string_view other_unicode_encoding(std::string_view text);

/// Checks raw bytes before they reach the TOML parser: valid UTF-8 throughout, no
/// non-ASCII character outside strings and comments (Debian's toml++ 3.3 misbehaves on
/// them), and no control character in a comment. Returns located diagnostics.
std::vector<Diagnostic> scan_toml_text(std::string_view text);

}  // namespace rkplan
