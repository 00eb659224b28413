#pragma once
// The environment: reading histories, creating new files and appending entries atomically,
// standard output, the system's time zone. The library never touches a file; this is the
// only place in rkplan that writes one.

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "rkplan/date.hpp"
#include "rkplan/history.hpp"

namespace rkplan::cli {

/// A failure of the environment (a file that cannot be read or written): reported by
/// `run` as "rkplan: <message>" with exit status 2.
struct EnvironmentError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Invalid data in a history: the diagnostics were printed already (exit status 2).
struct InvalidData {};

/// The system's description of an errno value.
std::string errno_text(int err);

/// Prints "rkplan: MESSAGE" and a line break on standard error, with any control
/// character in MESSAGE (a path, a value) shown escaped (`display_text`).
void say(std::string_view message);

/// Writes `s` to standard output and flushes it; EnvironmentError if that fails.
void write_stdout(const std::string& s);

/// The calendar day at an instant in the system's time zone (TZ) at that instant, so a run
/// on the evening a summer-time change happens still lands on its own day; UTC if the
/// system cannot tell.
Date system_local_day(std::int64_t unix_seconds);

/// Reads a whole file, or standard input for "-". Reads at most one byte more than the
/// loader accepts, so an oversized file is refused without being held in memory.
std::string read_input(const std::string& path);

/// The first bytes of the file at `path`, at most `limit`; nullopt if there is no such file.
/// EnvironmentError if it exists but cannot be read (a folder, no permission).
std::optional<std::string> read_head(const std::string& path, std::size_t limit);

/// Writes `content` to `path` only if `path` does not exist: through a temporary file in
/// the same directory, synced, then linked into place (link() refuses to replace an
/// existing name). Nothing is left behind on failure. Test hook: RKPLAN_FAIL_AT (below).
void write_new_file(const std::string& path, std::string_view content);

/// Writes `content` over `path` (a derived file, such as a chart): through a temporary
/// file in the same directory, synced, then renamed over `path`, keeping its mode. A reader
/// sees the old file or the new one; nothing is left behind on failure.
void replace_file(const std::string& path, std::string_view content);

/// Appends `addition` (TOML entries, such as `run_entry_toml`'s) to the history file at
/// `path`, atomically. The file must load as it is; the new text — its bytes unchanged,
/// then `addition` (see `append_entries_text`) — must load too, with `today` as the last
/// allowed date, before anything is written: otherwise the diagnostics are printed on
/// standard error, followed by a line naming `what` (e.g. "the run from the command
/// line") and its lines, and `InvalidData` is thrown. The new text goes to a temporary
/// file in the file's directory (a symbolic link is followed to its target), with the
/// file's permissions, and is synced, then renamed over the file, and the directory is
/// synced. On any failure the temporary file is removed, the file is left byte for byte
/// as it was, and `EnvironmentError` says "cannot write 'PATH': <step>: <reason>"; so it
/// does when the file changed while rkplan was working. Returns the new history.
///
/// Test hook: the environment variable RKPLAN_FAIL_AT=open|write|fsync|rename makes that
/// step fail with EIO.
History append_to_history(const std::string& path, std::string_view addition, Date today, std::string_view what);

/// A history file before and after a change.
struct HistoryUpdate {
    std::string original, text;
    History before, after;
};

/// The change of `update_history`: the new text, from the text and history as they are.
/// It may throw (EnvironmentError, InvalidData) to refuse, and nothing is written.
using HistoryChange = std::function<std::string(const std::string& original, const History& before)>;

/// Called when the new text does not load, after its diagnostics are printed: says on
/// standard error what was being done.
using ChangeFailure = std::function<void(const std::string& original, const std::string& text)>;

/// The one way rkplan changes a history file, shared by `append_to_history` (log,
/// import --append) and the soreness edit. Waits for the file's lock (below), reads it,
/// requires it to load, applies `change`, requires the new text to load, then writes it
/// atomically as `append_to_history` describes, still holding the lock.
///
/// The lock is an exclusive flock(2) on the history file itself, so no lock file is ever
/// left behind: writers that take it wait their turn. The rename replaces the file, so a
/// writer that waited on the old file sees that the name now holds another file and
/// locks that one instead. rkplan waits at most RKPLAN_LOCK_WAIT seconds (default
/// `default_lock_wait_seconds`) and then gives up with "cannot write '...': another
/// program has held its lock ..." and the file unchanged. Programs that do not lock (an
/// editor) are still caught by the check that the file did not change while rkplan
/// worked.
HistoryUpdate update_history(const std::string& path, Date today, const HistoryChange& change,
                             const ChangeFailure& failure);

/// `append_to_history` with the entries made under the lock from the history as it is;
/// nothing is written when `addition` returns no text.
HistoryUpdate append_entries(const std::string& path, Date today,
                             const std::function<std::string(const History& before)>& addition, std::string_view what);

/// How long a writer waits for a history's lock unless RKPLAN_LOCK_WAIT says otherwise.
inline constexpr double default_lock_wait_seconds = 10;

}  // namespace rkplan::cli
