#pragma once
/// \file edit.hpp
/// Editing a run already in a history's text in place (`rkplan log soreness`): the
/// next-morning soreness is only known the day after the run was logged.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rkplan/date.hpp"
#include "rkplan/diagnostic.hpp"
#include "rkplan/history.hpp"

namespace rkplan {

/// Which run an edit applies to, or why none can be chosen.
struct RunChoice {
    std::optional<std::size_t> index;  ///< into History::runs
    std::string error;                 ///< set when `index` is not
};

/// The run to edit: with `date`, the run of that day; without, the latest run dated
/// before `today` (the morning after). Several runs on that day need `nth` (1-based, in
/// file order): without it the choice is an error that lists them, never a guess.
RunChoice choose_run(const History& history, Date today, std::optional<Date> date, std::optional<int> nth);

/// One numeric key of a run to set: "pain_after", "pain".
struct RunValue {
    std::string_view key;
    double value = 0;
};

/// The outcome of `set_run_values`.
struct RunEdit {
    std::string text;                     ///< the new text, when ok
    std::vector<Diagnostic> diagnostics;  ///< the new text does not load (a value out of range)
    std::string error;                    ///< the edit was refused
    bool ok() const { return error.empty() && diagnostics.empty(); }
};

/// Sets `values` on run `index` of `text` (a history that loads, as `source_name` with
/// `today`): a value already there is replaced only if `replace`, in its place; a missing
/// key is added as a line after the run's last key (`[[run]]` tables) or before the
/// closing brace (inline tables). Every other byte stays as it was. The new text must load
/// and give the same history but for those values, else the edit is refused.
RunEdit set_run_values(std::string_view text, std::string_view source_name, Date today, std::size_t index,
                       const std::vector<RunValue>& values, bool replace);

/// `h` with every source position cleared, for comparing two loads of edited texts.
History without_positions(History h);

}  // namespace rkplan
