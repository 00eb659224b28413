#pragma once
/// \file emit.hpp
/// Entries written back as TOML text, for `rkplan log` and `rkplan import`.

#include <optional>
#include <string>
#include <string_view>

#include "rkplan/history.hpp"

namespace rkplan {

/// A TOML basic string literal, with quotes and escapes.
std::string toml_string(std::string_view s);

/// A `[[run]]` table for `run`, preceded by a blank line: only the fields that are set,
/// in the order of docs/manual/history-file.md, numbers in their shortest exact form, the duration as
/// "h:mm:ss" or "mm:ss". Loading the text back gives the same run.
std::string format_run_toml(const Run& run);

/// The fields of one run as a user typed them (`rkplan log`'s options): each set field
/// holds the text exactly as given.
struct RunFieldText {
    Date date;
    std::string distance;
    std::optional<std::string> duration, descent, downhill, kind, run_walk, pain, pain_after, rpe, shoe, cadence,
        surface, note;
};

/// A `[[run]]` table for `fields`, preceded by a blank line, for the loader to judge like
/// any hand-written entry. A numeric field whose text reads as a number is written as a
/// TOML number in its shortest form (`5.20` → `5.2`); any other text, as a TOML string,
/// so that a bad value gets the loader's located error ("distance must be a number, got
/// string \"5k\"") and can never break the TOML around it. `duration` is a number of
/// minutes or else a string ("32:10"); `run_walk` "3:1" or "3,1" is `[3, 1]`; a
/// `run_walk` without a `kind` makes the run a "run-walk" session.
std::string run_entry_toml(const RunFieldText& fields);

/// A history's text with `addition` appended: `original` byte for byte, a line break if
/// its last line has none, then `addition`, with CRLF line breaks if `original` uses them.
std::string append_entries_text(std::string_view original, std::string_view addition);

}  // namespace rkplan
