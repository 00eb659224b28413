// Many inputs at once: zip archives and gzip files through libarchive (never a hand-written
// inflate), with bounded work, and Strava's account export read as one thing.
#include "rkplan/import_batch.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <zlib.h>

#include "rkplan/diagnostic.hpp"

namespace rkplan {

std::string printable_name(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return out;
}

namespace {

constexpr std::size_t read_chunk = 256 * 1024;
constexpr std::uint64_t mebibyte = 1024 * 1024;

enum class Container { none, zip, gzip };

Container container_of(std::string_view bytes) {
    if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4) || bytes.substr(0, 4) == std::string_view("PK\x05\x06", 4))
        return Container::zip;
    if (bytes.substr(0, 2) == "\x1f\x8b") return Container::gzip;
    return Container::none;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The members of an export that may hold activities: GPX, TCX, FIT and CSV files, plain or
// gzipped, and nested zips. Routes (Strava's routes/*.gpx are plans, not activities), macOS
// resource forks and everything else (photos, JSON) are passed over.
}  // namespace

bool import_member_wanted(std::string_view path) {
    auto p = lower_ascii(path);
    if (p.find("__macosx/") != std::string::npos || p.find("/._") != std::string::npos || p.rfind("._", 0) == 0)
        return false;
    if (p.rfind("routes/", 0) == 0 || p.find("/routes/") != std::string::npos) return false;
    if (ends_with(p, ".gz")) p.resize(p.size() - 3);
    return ends_with(p, ".gpx") || ends_with(p, ".tcx") || ends_with(p, ".fit") || ends_with(p, ".csv") ||
           ends_with(p, ".zip");
}

namespace {

bool is_csv_name(std::string_view path) { return ends_with(lower_ascii(path), ".csv"); }

// The folder part of a name, with its separator ("export.zip:" or "export/"): an export's
// activities.csv names its files relative to it.
std::string folder_of(std::string_view name) {
    auto cut = name.find_last_of("/:");
    return cut == std::string_view::npos ? std::string{} : std::string(name.substr(0, cut + 1));
}

std::uint32_t little_endian_32(std::string_view b) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[static_cast<std::size_t>(i)]);
    return v;
}

// libarchive inflates a damaged gzip stream without checking its CRC-32: the trailer's
// checksum is compared here. A file of several gzip members (its trailer counts only the
// last) is recognised by a size that does not match, and passes.
bool gzip_trailer_matches(std::string_view gz, std::string_view data) {
    constexpr std::size_t trailer = 8;
    if (gz.size() < trailer) return false;
    auto tail = gz.substr(gz.size() - trailer);
    if (little_endian_32(tail.substr(4)) != static_cast<std::uint32_t>(data.size())) return true;
    uLong crc = crc32(0L, Z_NULL, 0);
    for (std::size_t done = 0; done < data.size();) {  // crc32 takes a uInt length
        auto n = static_cast<uInt>(std::min<std::size_t>(data.size() - done, std::size_t{1} << 30));
        crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data() + done), n);
        done += n;
    }
    return static_cast<std::uint32_t>(crc) == little_endian_32(tail);
}

struct ArchiveCloser {
    void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveCloser>;

}  // namespace

struct ImportBatch::State {
    struct Claim {
        bool running = false;
        std::string type;
        std::optional<Run> row_run;  // the row's own values, used when the file never comes
        bool seen = false;
    };

    ImportOptions options;
    ArchiveLimits limits;
    std::map<std::string, Claim> claims;
    std::vector<std::string> claim_order;
    BatchResult result;
    std::uint64_t total_bytes = 0;  // of the current top-level input
    std::size_t entries = 0;
    bool exhausted = false;  // the current input went past a limit: read no more of it
    bool in_folder = false;  // the current input was found in a folder

    void error(const std::string& name, const std::string& message) {
        result.messages += fmt::format("{}: error: {}\n", printable_name(name), message);
        ++result.errors;
    }

    void add(const std::string& name, std::string_view bytes, int depth);
    void read_zip(const std::string& name, std::string_view bytes, int depth);
    bool zip_pass(const std::string& name, std::string_view bytes, int depth, bool csv_pass);
    std::optional<std::string> read_entry(archive* a, const std::string& name);
    std::uint64_t cap_for(std::string_view name) const;
    void read_gzip(const std::string& name, std::string_view bytes, int depth);
    void read_leaf(const std::string& name, std::string_view bytes, bool in_container);
    void report(const std::string& name, std::string_view text, ImportResult& r);
    void take_index(const std::string& name, ImportResult& r);
};

ImportBatch::ImportBatch(ImportOptions options, ArchiveLimits limits) : state_(std::make_unique<State>()) {
    state_->options = std::move(options);
    state_->limits = limits;
}

ImportBatch::~ImportBatch() = default;

void ImportBatch::add(const std::string& name, std::string_view bytes, bool in_folder) {
    state_->total_bytes = 0;
    state_->entries = 0;
    state_->exhausted = false;
    state_->in_folder = in_folder;
    state_->add(name, bytes, 0);
}

void ImportBatch::State::add(const std::string& name, std::string_view bytes, int depth) {
    auto kind = container_of(bytes);
    if (kind != Container::none && depth >= limits.max_depth) {
        error(name, fmt::format("archives nested more than {} deep; expected an export as it was downloaded",
                                limits.max_depth));
        return;
    }
    if (kind == Container::zip) read_zip(name, bytes, depth);
    else if (kind == Container::gzip) read_gzip(name, bytes, depth);
    else read_leaf(name, bytes, depth > 0 || in_folder);
}

// The bytes of the current entry, counted against the limits; nullopt (reported) when the
// entry is damaged or too large.
// A nested archive may be large; an activity file (plain or gzipped) may not.
std::uint64_t ImportBatch::State::cap_for(std::string_view name) const {
    auto n = lower_ascii(name);
    if (ends_with(n, ".gz")) n.resize(n.size() - 3);
    return ends_with(n, ".zip") ? limits.max_entry_bytes : limits.max_file_bytes;
}

std::optional<std::string> ImportBatch::State::read_entry(archive* a, const std::string& name) {
    const auto cap = cap_for(name);
    std::string data;
    std::string chunk(read_chunk, '\0');
    while (true) {
        auto n = archive_read_data(a, chunk.data(), chunk.size());
        if (n == 0) return data;
        if (n < 0) {
            const char* why = archive_error_string(a);
            error(name, fmt::format("the compressed data is damaged after {} bytes: {}", data.size(),
                                    why ? printable_name(why) : std::string("unreadable")));
            return std::nullopt;
        }
        auto got = static_cast<std::uint64_t>(n);
        total_bytes += got;
        if (data.size() + got > cap) {
            error(name, fmt::format("more than {} MiB uncompressed (a zip bomb?); expected {}", cap / mebibyte,
                                    cap == limits.max_file_bytes ? "activity files of a few MiB" : "a smaller archive"));
            return std::nullopt;
        }
        if (total_bytes > limits.max_total_bytes) {
            error(name, fmt::format("the archive holds more than {} MiB uncompressed (a zip bomb?); nothing more of it "
                                    "is read", limits.max_total_bytes / mebibyte));
            exhausted = true;
            return std::nullopt;
        }
        data.append(chunk.data(), static_cast<std::size_t>(n));
    }
}

void ImportBatch::State::read_gzip(const std::string& name, std::string_view bytes, int depth) {
    ArchivePtr a(archive_read_new());
    archive_read_support_filter_gzip(a.get());
    archive_read_support_format_raw(a.get());
    archive_entry* entry = nullptr;
    if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK ||
        archive_read_next_header(a.get(), &entry) != ARCHIVE_OK) {
        const char* why = archive_error_string(a.get());
        error(name, fmt::format("not readable gzip data: {}", why ? printable_name(why) : std::string("unknown format")));
        return;
    }
    auto data = read_entry(a.get(), name);
    if (!data) return;
    if (!gzip_trailer_matches(bytes, *data)) {
        error(name, fmt::format("the gzip data is damaged: its CRC-32 does not match the {} bytes it inflates to", data->size()));
        return;
    }
    add(name, *data, depth + 1);
}

void ImportBatch::State::read_zip(const std::string& name, std::string_view bytes, int depth) {
    // An export's index first, so that each of its files is read knowing its row.
    if (zip_pass(name, bytes, depth, true)) zip_pass(name, bytes, depth, false);
}

// One pass over a zip: its CSV members, or all the others. False when the archive cannot
// be read further.
bool ImportBatch::State::zip_pass(const std::string& name, std::string_view bytes, int depth, bool csv_pass) {
    ArchivePtr a(archive_read_new());
    archive_read_support_format_zip(a.get());
    if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
        const char* why = archive_error_string(a.get());
        error(name, fmt::format("not a readable zip archive: {}", why ? printable_name(why) : std::string("unknown")));
        return false;
    }
    archive_entry* entry = nullptr;
    while (!exhausted) {
        int status = archive_read_next_header(a.get(), &entry);
        if (status == ARCHIVE_EOF) return true;
        if (status < ARCHIVE_WARN) {
            const char* why = archive_error_string(a.get());
            error(name, fmt::format("the zip archive is damaged: {}", why ? printable_name(why) : std::string("unknown")));
            return false;
        }
        if (!csv_pass && ++entries > limits.max_entries) {
            error(name, fmt::format("more than {} members; nothing more of it is read", limits.max_entries));
            return false;
        }
        const char* path = archive_entry_pathname(entry);
        if (archive_entry_filetype(entry) != AE_IFREG || !path || !import_member_wanted(path) || is_csv_name(path) != csv_pass)
            continue;
        auto member = name + ":" + path;
        if (auto data = read_entry(a.get(), member)) add(member, *data, depth + 1);
    }
    return false;
}

void ImportBatch::State::report(const std::string& name, std::string_view text, ImportResult& r) {
    auto shown = printable_name(name);
    if (!r.diagnostics.empty()) result.messages += format_import_diagnostics(shown, text, r.format, r.diagnostics);
    if (!r.warnings.empty()) result.messages += format_import_diagnostics(shown, text, r.format, r.warnings, "warning");
    for (const auto& [sport, count] : r.skipped_sports) result.skipped_sports[sport] += count;
    for (const auto& n : r.notes)
        result.messages += fmt::format("{}:{}:{}: note: {}\n", shown, n.pos.line, n.pos.column, printable_name(n.message));
    result.errors += r.invalid;
    result.non_running += r.non_running;
    result.non_running_inferred += r.non_running_inferred;
    result.guessed_runs += r.guessed_runs;
    result.without_distance += r.without_distance;
}

// Strava's activities.csv: the rows that name a file claim it; their own runs wait for it.
void ImportBatch::State::take_index(const std::string& name, ImportResult& r) {
    auto folder = folder_of(name);
    for (const auto& row : r.indexed) {
        Claim claim;
        claim.running = row.running;
        claim.type = row.type;
        auto it = std::find_if(r.runs.begin(), r.runs.end(), [&](const Run& run) { return run.pos == row.pos; });
        if (it != r.runs.end()) {
            claim.row_run = std::move(*it);
            r.runs.erase(it);
        }
        auto key = folder + row.file;
        if (claims.emplace(key, std::move(claim)).second) claim_order.push_back(key);
    }
}

void ImportBatch::State::read_leaf(const std::string& name, std::string_view bytes, bool in_container) {
    auto claim = claims.find(name);
    if (claim != claims.end()) {
        claim->second.seen = true;
        if (!claim->second.running) return;  // counted with its row
    }
    auto format = detect_import_format(bytes);
    // Inside an archive or a folder, CSV files other than activity exports (Strava's
    // profile.csv, bikes.csv...) are not activities; only an unknown activities.csv is an error.
    if (in_container && format == ImportFormat::unknown && is_csv_name(name) &&
        !ends_with(lower_ascii(name), "activities.csv"))
        return;
    ++result.files;
    ImportOptions options_here = options;
    if (claim != claims.end()) options_here.activity_type = claim->second.type;
    auto r = import_activities(bytes, options_here);
    report(name, bytes, r);
    if (format == ImportFormat::strava_csv) take_index(name, r);
    for (auto& run : r.runs) {
        if (claim != claims.end() && claim->second.row_run) {  // the row names the run
            const auto& row = *claim->second.row_run;
            run.note = row.note;
            run.kind = row.kind;
            run.surface = row.surface;
        }
        result.runs.push_back(std::move(run));
    }
}

BatchResult ImportBatch::finish() {
    auto& s = *state_;
    for (const auto& key : s.claim_order) {
        auto& claim = s.claims[key];
        if (!claim.seen && claim.row_run) s.result.runs.push_back(std::move(*claim.row_run));
    }
    return std::move(s.result);
}

}  // namespace rkplan
