#pragma once
// Zip archives and gzip files written in memory with libarchive: the fixtures of the
// archive tests and the benchmark's generated export are made by the project at run time,
// never committed as binaries.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <archive.h>
#include <archive_entry.h>

namespace rkplan::test {

/// One member of an archive: its path and its bytes.
using Member = std::pair<std::string, std::string>;

namespace detail {

inline std::string write_archive(const std::vector<Member>& members, bool gzip_raw) {
    std::size_t capacity = 1024;
    for (const auto& m : members) capacity += m.first.size() + m.second.size() + 256;
    capacity += capacity / 8;  // stored data plus headers fits; deflate never grows by more
    std::string out(capacity, '\0');
    std::size_t used = 0;
    archive* a = archive_write_new();
    if (gzip_raw) {
        archive_write_set_format_raw(a);
        archive_write_add_filter_gzip(a);
    } else {
        archive_write_set_format_zip(a);
    }
    archive_write_set_bytes_in_last_block(a, 1);
    if (archive_write_open_memory(a, out.data(), out.size(), &used) != ARCHIVE_OK)
        throw std::runtime_error(archive_error_string(a));
    for (const auto& [path, data] : members) {
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, path.c_str());
        archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        if (archive_write_header(a, e) != ARCHIVE_OK) throw std::runtime_error(archive_error_string(a));
        if (!data.empty() && archive_write_data(a, data.data(), data.size()) < 0)
            throw std::runtime_error(archive_error_string(a));
        archive_entry_free(e);
    }
    if (archive_write_close(a) != ARCHIVE_OK) throw std::runtime_error(archive_error_string(a));
    archive_write_free(a);
    out.resize(used);
    return out;
}

}  // namespace detail

/// A zip archive (deflated members) holding `members`.
inline std::string zip_of(const std::vector<Member>& members) { return detail::write_archive(members, false); }

/// `data` compressed as a gzip file.
inline std::string gzip_of(std::string_view data) {
    return detail::write_archive({{"data", std::string(data)}}, true);
}

}  // namespace rkplan::test
