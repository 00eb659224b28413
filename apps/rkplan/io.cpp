#include "io.hpp"

#include <algorithm>
#include <cerrno>
#include <functional>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <memory>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>

#include "rkplan/emit.hpp"
#include "rkplan/import.hpp"
#include "rkplan/text.hpp"

namespace rkplan::cli {

namespace {

// Reads `fd` to its end, or to one byte past the largest input the loader accepts.
// Returns 0, or the errno of a failed read.
int read_all(int fd, std::string& data) {
    char buffer[65536];
    while (data.size() <= Limits::max_file_bytes) {
        auto n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
    }
    return 0;
}

// The test hook of `append_to_history`: true, with errno set to EIO, when
// RKPLAN_FAIL_AT names `step`.
bool fail_at(std::string_view step) {
    const char* wanted = std::getenv("RKPLAN_FAIL_AT");
    if (wanted == nullptr || step != wanted) return false;
    errno = EIO;
    return true;
}

// The 1-based line on which byte `offset` of `text` lies.
int line_at(std::string_view text, std::size_t offset) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

bool same_file_state(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
           a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

// Writes all of `content` to `fd`; false, with errno set, if a write fails.
bool write_all(int fd, std::string_view content) {
    std::size_t done = 0;
    while (done < content.size()) {
        auto n = fail_at("write") ? -1 : ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// Syncs the folder `dir` of the file `path`, now in place: a failure only weakens
// durability, and is reported as a warning.
void sync_folder(const std::string& path, const std::string& dir) {
    int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0 || ::fsync(dir_fd) != 0)
        say(fmt::format("warning: '{}' is written, but its folder could not be synced to disk: {}", path,
                        errno_text(errno)));
    if (dir_fd >= 0) ::close(dir_fd);
}

// The one way rkplan writes a file: `content` goes to a temporary file beside `target`
// (mode `mode`; owner and group of `like`, if given, where the system allows), which is
// synced and then linked into place (`Place::create`: never over an existing name) or
// renamed over `target` (`Place::replace`); then the folder is synced. `still_same` runs
// just before the switch and may refuse it. On any failure the temporary file is removed,
// `target` is left as it was, and EnvironmentError names `path` and the step that failed.
// Test hook: RKPLAN_FAIL_AT=open|write|fsync|rename makes that step fail with EIO.
enum class Place { create, replace };

void commit_file(const std::string& path, const std::string& target, std::string_view content, Place place,
                 mode_t mode, const struct stat* like, const std::function<void()>& still_same = {}) {
    auto slash = target.rfind('/');
    std::string dir = slash == std::string::npos ? "." : target.substr(0, slash + 1);
    std::string pattern = (slash == std::string::npos ? std::string{} : dir) + ".rkplan-XXXXXX";
    std::vector<char> tmp_name(pattern.begin(), pattern.end());
    tmp_name.push_back('\0');
    std::string_view unchanged = place == Place::replace ? "; the file is unchanged" : "; nothing was written";
    int tmp = -1;
    bool created = false;
    auto fail = [&](std::string_view step) {
        int e = errno;
        if (tmp >= 0) ::close(tmp);
        if (created) ::unlink(tmp_name.data());
        throw EnvironmentError(fmt::format("cannot write '{}': {}: {}{}", path, step, errno_text(e), unchanged));
    };
    tmp = fail_at("open") ? -1 : ::mkstemp(tmp_name.data());
    if (tmp < 0) fail("creating a temporary file beside it");
    created = true;
    if (like) {
        if (like->st_gid != ::getegid()) (void)!::fchown(tmp, static_cast<uid_t>(-1), like->st_gid);
        if (like->st_uid != ::geteuid()) (void)!::fchown(tmp, like->st_uid, static_cast<gid_t>(-1));
    }
    if (::fchmod(tmp, mode) != 0) fail("setting the temporary file's permissions");
    if (!write_all(tmp, content)) fail("writing the temporary file");
    if (fail_at("fsync") || ::fsync(tmp) != 0) fail("syncing the temporary file to disk");
    int closed = ::close(tmp);
    tmp = -1;
    if (closed != 0) fail("closing the temporary file");
    if (still_same) {
        try {
            still_same();
        } catch (...) {
            ::unlink(tmp_name.data());
            throw;
        }
    }
    if (place == Place::replace) {
        if (fail_at("rename") || ::rename(tmp_name.data(), target.c_str()) != 0)
            fail("renaming the temporary file over it");
    } else {
        if (fail_at("rename") || ::link(tmp_name.data(), target.c_str()) != 0) {
            if (errno == EEXIST) {
                ::unlink(tmp_name.data());
                throw EnvironmentError(fmt::format("'{}' already exists; rkplan init never overwrites a file", path));
            }
            fail("linking the temporary file into place");
        }
        ::unlink(tmp_name.data());
    }
    sync_folder(path, dir);
}

// The mode a plain create would give a new file.
mode_t default_mode() {
    mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

}  // namespace

std::string errno_text(int err) { return std::strerror(err); }

void say(std::string_view message) { std::fputs(fmt::format("rkplan: {}\n", display_text(message)).c_str(), stderr); }

void write_stdout(const std::string& s) {
    if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size() || std::fflush(stdout) != 0)
        throw EnvironmentError(fmt::format("cannot write to standard output: {}", errno_text(errno)));
}

Date system_local_day(std::int64_t unix_seconds) {
    auto t = static_cast<std::time_t>(unix_seconds);
    std::tm local{};
    if (localtime_r(&t, &local) == nullptr) return fixed_utc_offset(0)(unix_seconds);
    return *Date::from_ymd(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                           static_cast<unsigned>(local.tm_mday));
}

std::string read_input(const std::string& path) {
    int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(errno)));
    std::string data;
    int err = read_all(fd, data);
    if (fd != STDIN_FILENO) ::close(fd);
    if (err != 0) throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(err)));
    return data;
}

std::optional<std::string> read_head(const std::string& path, std::size_t limit) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) return std::nullopt;
    if (fd < 0) throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(errno)));
    std::string data(limit, '\0');
    std::size_t got = 0;
    while (got < limit) {
        auto n = ::read(fd, data.data() + got, limit - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int err = errno;
            ::close(fd);
            throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(err)));
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    data.resize(got);
    return data;
}

void write_new_file(const std::string& path, std::string_view content) {
    commit_file(path, path, content, Place::create, default_mode(), nullptr);
}

void replace_file(const std::string& path, std::string_view content) {
    // Keep the mode of the file being replaced, else the mode a plain create would give.
    struct stat old {};
    bool exists = ::stat(path.c_str(), &old) == 0;
    commit_file(path, path, content, Place::replace, exists ? old.st_mode & 07777 : default_mode(),
                exists ? &old : nullptr);
}

namespace {

double lock_wait_seconds() {
    const char* text = std::getenv("RKPLAN_LOCK_WAIT");
    if (text == nullptr || *text == '\0') return default_lock_wait_seconds;
    char* end = nullptr;
    double v = std::strtod(text, &end);
    if (*end != '\0' || !(v >= 0) || v > 3600)
        throw EnvironmentError(fmt::format("RKPLAN_LOCK_WAIT='{}' is not a number of seconds from 0 to 3600", text));
    return v;
}

double monotonic_seconds() {
    timespec t{};
    ::clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// An open descriptor of the history file, holding its exclusive lock.
class LockedFile {
public:
    explicit LockedFile(const std::string& path) {
        double wait = lock_wait_seconds();
        double deadline = monotonic_seconds() + wait;
        while (true) {
            open_file(path);
            while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
                if (errno != EWOULDBLOCK && errno != EINTR)
                    throw EnvironmentError(fmt::format("cannot lock '{}': {}", path, errno_text(errno)));
                if (monotonic_seconds() >= deadline)
                    throw EnvironmentError(fmt::format(
                        "cannot write '{}': another program has held its lock for {} s (RKPLAN_LOCK_WAIT=SECONDS "
                        "waits longer); the file is unchanged",
                        path, wait));
                timespec pause{0, lock_poll_nanoseconds};
                ::nanosleep(&pause, nullptr);
            }
            // The writer before us may have renamed a new file over the name: lock that one.
            struct stat named {};
            if (::stat(path.c_str(), &named) == 0 && named.st_dev == state_.st_dev && named.st_ino == state_.st_ino)
                return;
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~LockedFile() {
        if (fd_ >= 0) ::close(fd_);
    }
    LockedFile(const LockedFile&) = delete;
    LockedFile& operator=(const LockedFile&) = delete;

    int fd() const { return fd_; }
    const struct stat& state() const { return state_; }

private:
    static constexpr long lock_poll_nanoseconds = 5'000'000;
    int fd_ = -1;
    struct stat state_ {};

    void open_file(const std::string& path) {
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) {
            int err = errno;
            throw EnvironmentError(fmt::format("cannot read '{}': {}{}", path, errno_text(err),
                                               err == ENOENT ? "; 'rkplan init FILE' starts a history" : ""));
        }
        int err = ::fstat(fd_, &state_) != 0 ? errno : 0;
        if (err != 0) throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(err)));
        if (!S_ISREG(state_.st_mode))
            throw EnvironmentError(fmt::format("cannot append to '{}': not a regular file", path));
    }
};

}  // namespace

HistoryUpdate update_history(const std::string& path, Date today, const HistoryChange& change,
                             const ChangeFailure& failure) {
    if (path == "-") throw EnvironmentError("cannot append to standard input ('-'): name the history file");

    // The original text and the state it was read in, from one open and locked file.
    LockedFile file(path);
    const auto& original_state = file.state();
    HistoryUpdate u;
    if (int err = read_all(file.fd(), u.original); err != 0)
        throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(err)));

    // Both texts must load before anything is written.
    auto before = load_history(u.original, path, today);
    if (!before.ok()) {
        std::fputs(format_diagnostics(path, u.original, std::move(before.diagnostics)).c_str(), stderr);
        say(fmt::format("nothing was written: '{}' does not load as it is", path));
        throw InvalidData{};
    }
    u.before = std::move(*before.history);
    u.text = change(u.original, u.before);
    auto after = load_history(u.text, path, today);
    if (!after.ok()) {
        std::fputs(format_diagnostics(path, u.text, std::move(after.diagnostics)).c_str(), stderr);
        failure(u.original, u.text);
        throw InvalidData{};
    }
    u.after = std::move(*after.history);
    if (u.text == u.original) return u;  // nothing to write

    // A symbolic link stays a link: the file it points to is replaced.
    std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(path.c_str(), nullptr), &std::free);
    if (!resolved) throw EnvironmentError(fmt::format("cannot write '{}': {}", path, errno_text(errno)));
    std::string target = resolved.get();
    // The file is replaced, not written to: honour its permissions all the same.
    if (::faccessat(AT_FDCWD, target.c_str(), W_OK, AT_EACCESS) != 0)
        throw EnvironmentError(
            fmt::format("cannot write '{}': {}; the file is unchanged", path, errno_text(errno)));
    commit_file(path, target, u.text, Place::replace, original_state.st_mode & 07777, &original_state, [&] {
        struct stat now {};
        if (::stat(target.c_str(), &now) != 0)
            throw EnvironmentError(fmt::format("cannot write '{}': checking it again before replacing it: {}; the "
                                               "file is unchanged",
                                               path, errno_text(errno)));
        if (!same_file_state(now, original_state))
            throw EnvironmentError(fmt::format(
                "cannot write '{}': another program changed it while rkplan was working; rkplan left it as it is",
                path));
    });
    return u;
}

HistoryUpdate append_entries(const std::string& path, Date today,
                             const std::function<std::string(const History& before)>& addition, std::string_view what) {
    return update_history(
        path, today,
        [&](const std::string& original, const History& before) {
            auto added = addition(before);
            return added.empty() ? original : append_entries_text(original, added);
        },
        [&](const std::string& original, const std::string& text) {
            // The added lines, without the blank line that separates them from the file.
            auto first = text.find_first_not_of("\r\n", original.size());
            int last = line_at(text, text.size()) - (text.ends_with('\n') ? 1 : 0);
            say(fmt::format("nothing was written: '{}' would not load with {} added as lines {}-{}", path, what,
                            first == std::string::npos ? last : line_at(text, first), last));
        });
}

History append_to_history(const std::string& path, std::string_view addition, Date today, std::string_view what) {
    return append_entries(path, today, [&](const History&) { return std::string(addition); }, what).after;
}

}  // namespace rkplan::cli
