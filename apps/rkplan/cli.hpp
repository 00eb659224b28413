#pragma once
// The command-line front end: arguments, files, the clock, colour and exit codes.

namespace rkplan::cli {

/// Exit statuses (docs/manual/commands.md).
enum Exit : int { ok = 0, findings = 1, bad_input = 2 };

/// Runs rkplan with the process's arguments; returns the exit status.
int run(int argc, char** argv);

}  // namespace rkplan::cli
