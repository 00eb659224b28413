// rkplan-fit-bench: FIT decoding per file — rkplan's own decoder (import_activities) beside
// converting the same file to GPX with GPSBabel, the way rkplan imported FIT before it
// decoded FIT itself. GPSBabel is not needed by rkplan: where it is not on PATH, that
// comparison is skipped and said so.
//   rkplan-fit-bench [--rounds N] [FILE.fit...]
// Without files, a generated one-hour run (3,600 records, compressed timestamps, developer
// fields: tests/support/fit_writer.hpp) is written to a temporary file and measured.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rkplan/import.hpp"
#include "support/fit_writer.hpp"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
namespace fw = rkplan::fit_writer;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// rkplan: the file's bytes, already in memory, to runs (median seconds per import).
double time_rkplan(const std::string& bytes, int rounds, std::size_t& runs) {
    rkplan::ImportOptions options;
    options.today = *rkplan::Date::parse("2026-11-21");
    std::vector<double> times;
    for (int i = 0; i < rounds; ++i) {
        auto start = Clock::now();
        auto result = rkplan::import_activities(bytes, options);
        times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        runs = result.runs.size();
    }
    return median(times);
}

bool on_path(const char* program) {
    const char* path = std::getenv("PATH");
    if (!path) return false;
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':'))
        if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    return false;
}

// GPSBabel: the file to GPX, written to /dev/null (median seconds per conversion, the
// process start included: that is what an import through it cost).
double time_gpsbabel(const std::string& path, int rounds) {
    std::vector<double> times;
    for (int i = 0; i < rounds; ++i) {
        std::string args[] = {"gpsbabel", "-i", "garmin_fit", "-f", path, "-o", "gpx", "-F", "/dev/null"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        auto start = Clock::now();
        pid_t pid = 0;
        if (::posix_spawnp(&pid, "gpsbabel", nullptr, nullptr, argv.data(), environ) != 0) return -1;
        int status = 0;
        ::waitpid(pid, &status, 0);
        times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
    }
    return median(times);
}

std::string generated_file() {
    constexpr std::int64_t start = 1791194400;  // 2026-10-05T10:00:00Z
    constexpr int records = 3600;
    std::vector<double> altitudes;
    for (int i = 0; i < records; ++i) altitudes.push_back(100 + 30 * std::sin(i / 300.0));
    fw::Session s;
    s.start_unix = start;
    s.elapsed_s = records;
    s.timer_s = records;
    s.distance_m = records * 2.8;
    s.records = fw::track(start, altitudes, 2.8, 1);
    fw::ActivityOptions o;
    o.compressed_timestamps = true;
    o.developer_fields = true;
    auto path = (std::filesystem::temp_directory_path() / "rkplan-fit-bench-generated.fit").string();
    std::ofstream(path, std::ios::binary) << fw::activity_file({s}, o);
    return path;
}

}  // namespace

int main(int argc, char** argv) {
    int rounds = 5;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--rounds" && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
        else files.push_back(a);
    }
    if (files.empty()) files.push_back(generated_file());
    bool babel = on_path("gpsbabel");
    if (!babel) std::printf("gpsbabel is not on PATH: the comparison with it is skipped (apt-get install gpsbabel)\n");
    std::printf("%-52s %9s %5s %12s %12s %8s\n", "file", "bytes", "runs", "rkplan ms", "gpsbabel ms", "ratio");
    std::vector<double> ratios;
    for (const auto& path : files) {
        auto bytes = read_file(path);
        std::size_t runs = 0;
        double ours = time_rkplan(bytes, rounds * 20, runs);
        double theirs = babel ? time_gpsbabel(path, rounds) : -1;
        auto name = std::filesystem::path(path).filename().string();
        if (theirs > 0) {
            ratios.push_back(theirs / ours);
            std::printf("%-52s %9zu %5zu %12.3f %12.1f %7.0fx\n", name.c_str(), bytes.size(), runs, ours * 1e3, theirs * 1e3,
                        theirs / ours);
        } else {
            std::printf("%-52s %9zu %5zu %12.3f %12s %8s\n", name.c_str(), bytes.size(), runs, ours * 1e3, "-", "-");
        }
    }
    if (!ratios.empty())
        std::printf("median: rkplan is %.0fx faster per FIT file than GPSBabel (goal: at least 20x)\n", median(ratios));
    return 0;
}
