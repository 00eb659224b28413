#pragma once
/// \file entry.hpp
/// One history entry of any kind built from values typed on a command line (`rkplan
/// log KIND`): each value checked against its key's syntax, then written as TOML for the
/// loader to judge like a hand-written entry.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rkplan {

/// The kinds of entry `rkplan log` appends: the arrays of tables of docs/manual/history-file.md.
enum class EntryKind { run, cross, week, checkin, strength, shoe };

/// "run", "cross", "week", "checkin", "strength", "shoe".
std::string_view to_string(EntryKind k);
/// Every kind, in the order `rkplan log --help` lists them.
const std::vector<EntryKind>& entry_kinds();

/// What a key's value must look like on the command line.
enum class FieldSyntax {
    number,     ///< a decimal number: 5.2
    integer,    ///< a whole number: 20
    boolean,    ///< yes / no (true / false)
    date,       ///< YYYY-MM-DD
    text,       ///< anything; written as a quoted TOML string
    choice,     ///< one of `choices`
    duration,   ///< minutes (32.5) or mm:ss / h:mm:ss (32:10)
    run_walk,   ///< RUN:WALK minutes (3:1, or 3,1)
    exercises,  ///< comma-separated exercise ids
};

/// One key of an entry kind and the command-line option that sets it.
struct EntryField {
    std::string_view key;     ///< the TOML key: "pain_after"
    FieldSyntax syntax = FieldSyntax::number;
    bool required = false;    ///< the loader refuses the entry without it
    std::string_view help;    ///< one line for --help
    std::vector<std::string_view> choices;  ///< for FieldSyntax::choice and ::exercises

    /// The option: "--" and the key with '-' for '_': "--pain-after"; "--date" for a
    /// week's "start", as for every other dated kind.
    std::string option() const;
};

/// The keys of a kind in docs/manual/history-file.md's order, the dating key first ("date"; "start" for a
/// week; a shoe has none).
const std::vector<EntryField>& entry_fields(EntryKind kind);

/// The key that dates an entry of `kind` ("date", "start"), or empty for a shoe.
std::string_view date_key(EntryKind kind);

/// A value that does not fit its option's syntax: "--run-walk '3-1': expected RUN:WALK
/// minutes such as 3:1".
struct OptionError {
    std::string option;
    std::string value;
    std::string expected;
    std::string message() const;
};

/// The TOML of one entry, or the first value that does not fit its option.
struct EntryToml {
    std::string toml;                 ///< "\n[[KIND]]\nkey = value\n...", keys in field order
    std::optional<OptionError> error;
};

/// Builds the `[[KIND]]` table for `values` (key → text as typed; keys not of the kind
/// are a bug). Syntax is checked here, per option; ranges, required keys, the date
/// against today and everything else are left to the loader, which sees the entry as if
/// written by hand. A run with `run_walk` but no `kind` is a "run-walk" session.
EntryToml entry_toml(EntryKind kind, const std::vector<std::pair<std::string, std::string>>& values);

/// The whole of `text` read as a decimal number ("5.2", "+3", "1e3"); nullopt otherwise.
std::optional<double> read_number(std::string_view text);

}  // namespace rkplan
