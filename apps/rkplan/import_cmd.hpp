#pragma once
// `rkplan import`: activity files (GPX, TCX, Strava / Garmin CSV, FIT), plain, gzipped, in
// zip archives or export folders, into [[run]] entries, printed or appended to a history.

#include <string>
#include <vector>

#include "rkplan/date.hpp"

namespace rkplan::cli {

struct ImportCommand {
    std::vector<std::string> files;  ///< activity files; "-" is standard input
    std::string append;              ///< the history to append to; empty: print the runs
    std::string units;               ///< "km", "mi" or empty (the history's, else km)
    bool strict = false;             ///< import nothing if any activity or file cannot be read
};

/// Runs `rkplan import`; returns the exit status. Throws EnvironmentError and
/// InvalidData (io.hpp) like the other commands.
int run_import(const ImportCommand& command, Date today);

}  // namespace rkplan::cli
