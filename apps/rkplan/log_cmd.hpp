#pragma once
// `rkplan log KIND FILE`: one entry of any kind appended, or the next-morning soreness
// recorded on a run already there; then what the entry means.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rkplan/date.hpp"
#include "rkplan/entry.hpp"

namespace rkplan::cli {

struct LogCommand {
    std::string file;
    std::optional<std::string> fail_on;  ///< "error", "warning" or "info": exit 1 on such a finding
    bool colour = false;

    // An entry to append.
    EntryKind kind = EntryKind::run;
    std::vector<std::pair<std::string, std::string>> values;  ///< key → text as typed, the options given

    // `log soreness`: set on a run already in the file.
    bool soreness = false;
    std::optional<std::string> pain_after, pain, date;
    std::optional<int> index;
    bool replace = false;
};

/// The kinds `rkplan log` takes: the entry kinds, then "soreness".
std::vector<std::string> log_kind_names();

/// Runs `rkplan log`; returns the exit status. Throws EnvironmentError and InvalidData
/// (io.hpp) like the other commands.
int run_log(const LogCommand& command, Date today);

}  // namespace rkplan::cli
