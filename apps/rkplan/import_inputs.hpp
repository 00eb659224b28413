#pragma once
// The inputs of `rkplan import` as files: activity files, archives, gzip files and folders
// (walked for the files an export holds), read into memory within bounds.

#include <cstdint>
#include <string>
#include <vector>

namespace rkplan::cli {

/// The largest archive (or gzip file) rkplan reads into memory; its members are inflated
/// one at a time, within the library's ArchiveLimits.
inline constexpr std::uintmax_t max_archive_bytes = std::uintmax_t{2} << 30;

/// The files to read for one command-line input: the input itself, or for a folder every
/// file beneath it that may hold activities (GPX, TCX, FIT, CSV, plain or .gz, and zips),
/// CSV files first, then the others, each by name, so that an export's activities.csv
/// comes before its activity files. Throws EnvironmentError when `path` cannot be read.
std::vector<std::string> import_files(const std::string& path);

/// A whole file ("-": standard input), up to `max_archive_bytes` for an archive or gzip
/// file and the history limit for any other; EnvironmentError beyond, or when unreadable.
std::string read_import_file(const std::string& path);

}  // namespace rkplan::cli
