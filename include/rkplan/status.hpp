#pragma once
/// \file status.hpp
/// `rkplan status`: the coach's board, one row per history: who is where and who needs
/// attention this week, the most urgent first.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rkplan/date.hpp"
#include "rkplan/diagnostic.hpp"
#include "rkplan/history.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/render.hpp"

namespace rkplan {

/// A runner's status on the board, from the most urgent to the least (the board's order).
enum class BoardStatus {
    invalid,   ///< the file does not load or cannot be read
    red_flag,  ///< a red flag is open: refer status, no running
    referred,  ///< referral advised (no improvement), running not blocked
    pullback,  ///< in a pullback after a pain signal
    stale,     ///< nothing logged for `stale_days` days or more
    ok,
};

/// "invalid", "red flag", "referred", "pullback", "not logged for N days" (or "nothing
/// logged" without any entry), "ok".
std::string status_text(BoardStatus s, std::optional<int> days_since_entry);

/// Days without an entry after which a runner is "not logged for N days".
inline constexpr int default_stale_days = 7;

/// One row of the board.
struct StatusRow {
    std::string file;
    std::string name;                ///< the runner's name, or empty
    std::optional<Mode> mode;        ///< absent when the file is invalid
    std::optional<Phase> phase;      ///< injury mode only
    std::optional<int> step;         ///< phase 3 only
    BoardStatus status = BoardStatus::ok;
    std::optional<int> days_since_entry;  ///< today − the last entry's date
    Units units = Units::km;
    std::optional<double> distance_cap;   ///< this week's (absent in phase 3 and without a cap)
    std::optional<LadderStep> run_walk;   ///< this week's session, in phase 3
    double logged = 0;                    ///< distance logged this week
    std::string next_gate;
    int errors = 0;                       ///< check's error findings, or the load errors of an invalid file
    int warnings = 0;
    std::optional<Date> last_entry;
    std::vector<Diagnostic> diagnostics;  ///< an invalid file's errors
};

/// The row of a history that loaded, as `plan` and `check` see it on `today`.
StatusRow status_row(const History& history, std::string file, Date today, int stale_days = default_stale_days);

/// The row of a file that could not be read or loaded.
StatusRow invalid_status_row(std::string file, std::vector<Diagnostic> diagnostics);

/// Sorts the board, most urgent first: by status (invalid, red flag, referred, pullback,
/// not logged — the longest silence first —, ok), then more errors, then more warnings,
/// then the order the files were given in.
void sort_board(std::vector<StatusRow>& rows);

/// The board as text (a table that fits 80 columns, the next gate on a line under each
/// runner), json ({"schema_version": 1, "today": ..., "histories": [...]}), jsonl (one
/// row object per line), csv or tsv (a header row).
std::string render_status(const std::vector<StatusRow>& rows, Date today, Format format, TextStyle style = {});

}  // namespace rkplan
