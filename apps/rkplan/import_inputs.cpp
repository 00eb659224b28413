#include "import_inputs.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>

#include <fmt/format.h>

#include "io.hpp"
#include "rkplan/history.hpp"
#include "rkplan/import_batch.hpp"

namespace rkplan::cli {

namespace fs = std::filesystem;

namespace {

bool is_csv(const fs::path& p) {
    auto ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".csv";
}

// CSV files first, then by name: an export's index before its files.
bool read_before(const fs::path& a, const fs::path& b) {
    if (is_csv(a) != is_csv(b)) return is_csv(a);
    return a < b;
}

bool is_container(std::string_view head) {
    return head.substr(0, 2) == "PK" || head.substr(0, 2) == "\x1f\x8b";
}

}  // namespace

std::vector<std::string> import_files(const std::string& path) {
    std::error_code ec;
    if (path == "-" || !fs::is_directory(path, ec)) return {path};
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::none, ec), end;
    if (ec) throw EnvironmentError(fmt::format("cannot read the folder '{}': {}", path, ec.message()));
    for (; it != end; it.increment(ec)) {
        if (ec) throw EnvironmentError(fmt::format("cannot read the folder '{}': {}", path, ec.message()));
        if (!it->is_regular_file(ec)) continue;
        auto relative = it->path().lexically_relative(path).generic_string();
        if (import_member_wanted(relative)) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end(), read_before);
    std::vector<std::string> out;
    for (const auto& p : found) out.push_back(p.generic_string());
    return out;
}

std::string read_import_file(const std::string& path) {
    if (path == "-") return read_input(path);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(errno)));
    std::string data;
    char buffer[1 << 16];
    int err = 0;
    while (true) {
        auto limit = is_container(data) ? max_archive_bytes : Limits::max_file_bytes;
        if (data.size() > limit) break;
        auto n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) err = errno;
        if (n <= 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (err != 0) throw EnvironmentError(fmt::format("cannot read '{}': {}", path, errno_text(err)));
    auto limit = is_container(data) ? max_archive_bytes : Limits::max_file_bytes;
    if (data.size() > limit)
        throw EnvironmentError(fmt::format("'{}' is larger than the {} MiB rkplan reads", path, limit / (1024 * 1024)));
    return data;
}

}  // namespace rkplan::cli
