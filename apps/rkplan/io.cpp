#include "io.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>

#include "rkplan/emit.hpp"

namespace rkplan::cli {

namespace {

std::string errno_text(int err) { return std::strerror(err); }

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

}  // namespace

std::string read_input(const std::string& path) {
    int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(errno)));
    std::string data;
    int err = read_all(fd, data);
    if (fd != STDIN_FILENO) ::close(fd);
    if (err != 0) throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(err)));
    return data;
}

void write_new_file(const std::string& path, std::string_view content) {
    auto slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    std::string tmp = (slash == std::string::npos ? std::string{} : dir) + ".rkplan-XXXXXX";
    std::vector<char> name(tmp.begin(), tmp.end());
    name.push_back('\0');
    int fd = ::mkstemp(name.data());
    if (fd < 0) throw EnvironmentError(fmt::format("cannot create a file in '{}': {}", dir, errno_text(errno)));
    auto fail = [&](std::string what) {
        int err = errno;
        ::close(fd);
        ::unlink(name.data());
        throw EnvironmentError(fmt::format("{} '{}': {}", what, path, errno_text(err)));
    };
    std::size_t done = 0;
    while (done < content.size()) {
        auto n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot write");
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) fail("cannot write");
    // mkstemp creates 0600; give the new file the mode a plain create would have.
    mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0666 & ~mask) != 0) fail("cannot write");
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(name.data());
        throw EnvironmentError(fmt::format("cannot write '{}': {}", path, errno_text(err)));
    }
    if (::link(name.data(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(name.data());
        if (err == EEXIST)
            throw EnvironmentError(fmt::format("'{}' already exists; rkplan init never overwrites a file", path));
        throw EnvironmentError(fmt::format("cannot create '{}': {}", path, errno_text(err)));
    }
    ::unlink(name.data());
}

History append_to_history(const std::string& path, std::string_view addition, Date today, std::string_view what) {
    if (path == "-") throw EnvironmentError("cannot append to standard input ('-'): name the history file");

    // The original text and the state it was read in, from one open file.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        throw EnvironmentError(fmt::format("cannot read '{}': {}{}", path, errno_text(err),
                                           err == ENOENT ? "; 'rkplan init FILE' starts a history" : ""));
    }
    struct stat original_state {};
    std::string original;
    int err = ::fstat(fd, &original_state) != 0 ? errno : 0;
    if (err == 0 && !S_ISREG(original_state.st_mode)) {
        ::close(fd);
        throw EnvironmentError(fmt::format("cannot append to '{}': not a regular file", path));
    }
    if (err == 0) err = read_all(fd, original);
    ::close(fd);
    if (err != 0) throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(err)));

    // Both texts must load before anything is written.
    auto before = load_history(original, path, today);
    if (!before.ok()) {
        std::fputs(format_diagnostics(path, original, std::move(before.diagnostics)).c_str(), stderr);
        std::fprintf(stderr, "rkplan: nothing was written: '%s' does not load as it is\n", path.c_str());
        throw InvalidData{};
    }
    auto text = append_entries_text(original, addition);
    auto after = load_history(text, path, today);
    if (!after.ok()) {
        std::fputs(format_diagnostics(path, text, std::move(after.diagnostics)).c_str(), stderr);
        // The added lines, without the blank line that separates them from the file.
        auto first = text.find_first_not_of("\r\n", original.size());
        int last = line_at(text, text.size()) - (text.ends_with('\n') ? 1 : 0);
        std::fprintf(stderr, "rkplan: nothing was written: '%s' would not load with %.*s added as lines %d-%d\n",
                     path.c_str(), static_cast<int>(what.size()), what.data(),
                     first == std::string::npos ? last : line_at(text, first), last);
        throw InvalidData{};
    }

    // A symbolic link stays a link: the file it points to is replaced.
    std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(path.c_str(), nullptr), &std::free);
    if (!resolved) throw EnvironmentError(fmt::format("cannot write '{}': {}", path, errno_text(errno)));
    std::string target = resolved.get();
    // The file is replaced, not written to: honour its permissions all the same.
    if (::faccessat(AT_FDCWD, target.c_str(), W_OK, AT_EACCESS) != 0)
        throw EnvironmentError(
            fmt::format("cannot write '{}': {}; the file is unchanged", path, errno_text(errno)));
    std::string dir = target.substr(0, target.rfind('/') + 1);
    std::vector<char> tmp_name(dir.begin(), dir.end());
    for (char c : std::string_view(".rkplan-XXXXXX")) tmp_name.push_back(c);
    tmp_name.push_back('\0');

    int tmp = -1;
    auto fail = [&](std::string_view step) {
        int e = errno;
        if (tmp >= 0) {
            ::close(tmp);
            ::unlink(tmp_name.data());
        }
        throw EnvironmentError(
            fmt::format("cannot write '{}': {}: {}; the file is unchanged", path, step, errno_text(e)));
    };
    tmp = fail_at("open") ? -1 : ::mkstemp(tmp_name.data());
    if (tmp < 0) fail("creating a temporary file beside it");
    // Keep the owner and group where the system allows it (it does for root, and for a
    // group the user belongs to), then the permission bits.
    if (original_state.st_gid != ::getegid()) (void)!::fchown(tmp, static_cast<uid_t>(-1), original_state.st_gid);
    if (original_state.st_uid != ::geteuid()) (void)!::fchown(tmp, original_state.st_uid, static_cast<gid_t>(-1));
    if (::fchmod(tmp, original_state.st_mode & 07777) != 0) fail("setting the temporary file's permissions");
    std::size_t done = 0;
    while (done < text.size()) {
        auto n = fail_at("write") ? -1 : ::write(tmp, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("writing the temporary file");
        done += static_cast<std::size_t>(n);
    }
    if (fail_at("fsync") || ::fsync(tmp) != 0) fail("syncing the temporary file to disk");
    // From here on the temporary file is closed, but still to be removed on failure.
    auto remove_tmp_and_fail = [&](std::string_view step) {
        int e = errno;
        ::unlink(tmp_name.data());
        errno = e;
        fail(step);
    };
    int closed = ::close(tmp);
    tmp = -1;
    if (closed != 0) remove_tmp_and_fail("closing the temporary file");
    struct stat now {};
    if (::stat(target.c_str(), &now) != 0) remove_tmp_and_fail("checking it again before replacing it");
    if (!same_file_state(now, original_state)) {
        ::unlink(tmp_name.data());
        throw EnvironmentError(fmt::format(
            "cannot write '{}': another program changed it while rkplan was working; rkplan left it as it is",
            path));
    }
    if (fail_at("rename") || ::rename(tmp_name.data(), target.c_str()) != 0)
        remove_tmp_and_fail("renaming the temporary file over it");

    // The rename is done: a failure to sync the directory only weakens durability.
    int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0 || ::fsync(dir_fd) != 0)
        std::fprintf(stderr, "rkplan: warning: '%s' is written, but its folder could not be synced to disk: %s\n",
                     path.c_str(), errno_text(errno).c_str());
    if (dir_fd >= 0) ::close(dir_fd);
    return std::move(*after.history);
}

}  // namespace rkplan::cli
