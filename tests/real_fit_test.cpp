// The FIT files of ../shared/real-activities/fit (real devices' files, personal data, not
// in the repository: see its ORIGIN.md), each imported and compared with what Garmin's
// own FIT SDK (@garmin/fitsdk 21.x, Decoder.read) reads from it: the running sessions'
// dates, distances and timer times, the sessions of other sports, and where the damaged
// file stops. Exit 77 (skipped) when the folder is absent.
// usage: rkplan_real_fit_test FOLDER
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "rkplan/import.hpp"

using namespace rkplan;

namespace {

struct Expected {
    const char* file;
    int runs;                              // running sessions
    const char* date = "";                 // of the run (UTC)
    double distance_m = 0;                 // the session's total_distance
    double timer_s = 0;                    // the session's total_timer_time
    std::optional<double> descent_m;       // the session's total_descent, where written
    std::optional<Surface> surface;        // from the sub-sport
    std::map<std::string, int> skipped;    // other sessions, by sport
    std::vector<int> warning_offsets;      // damage, by byte offset
};

// Garmin FIT SDK's readings (sessionMesgs), written down by hand once.
const std::vector<Expected> expected = {
    {"coros-apex-pro-run.fit", 1, "2020-03-14", 10743.64, 2922, 144, {}, {}, {}},
    {"garmin-edge1000-road-ride.fit", 0, "", 0, 0, {}, {}, {{"cycling", 1}}, {}},
    {"garmin-fenix2-run-with-pauses.fit", 1, "2014-10-02", 10546.9, 2810, 39, {}, {}, {}},
    {"garmin-fr10-run-12-laps-56J54309.FIT", 1, "2015-06-19", 11273.48, 3413.162, {}, {}, {}, {}},
    {"garmin-fr920xt-triathlon-chained-fit.fit", 1, "2018-05-27", 9805.92, 2850.694, 2, {},
     {{"cycling", 1}, {"swimming", 1}, {"transition", 2}}, {}},
    {"garmin-fr945-run.fit", 1, "2019-06-15", 14004.85, 4989.112, 371, {}, {}, {}},
    {"garmin-fr945-treadmill-run.fit", 1, "2020-02-02", 10630.37, 3097.789, {}, Surface::treadmill, {}, {}},
    // The SDK stops at byte 7472 ("FIT Runtime Error"), after the session it holds first;
    // rkplan names the header's data size (byte 4) and the record header at byte 7471.
    {"strava-android-app-run-bad-header-size.fit", 1, "2021-09-27", 11274.04, 3558, {}, {}, {}, {4, 7471}},
    {"suunto9-baro-trail-run.fit", 1, "2020-03-04", 6458, 2160.68, 3, Surface::trail, {}, {}},
    {"tomtom-run-invalid-altitude-empty-last-record.fit", 1, "2017-10-31", 14527.73, 4715, 0, {}, {}, {}},
};

int failures = 0;

void check(bool ok, const std::string& file, const std::string& what) {
    if (ok) return;
    ++failures;
    std::printf("FAIL %s: %s\n", file.c_str(), what.c_str());
}

void compare(const Expected& e, const ImportResult& r) {
    std::string f = e.file;
    check(r.format == ImportFormat::fit, f, "not read as FIT");
    check(r.ok(), f, "refused: " + (r.diagnostics.empty() ? std::string() : r.diagnostics[0].message));
    check(static_cast<int>(r.runs.size()) == e.runs, f, "runs: " + std::to_string(r.runs.size()));
    check(r.skipped_sports == e.skipped, f, "skipped sports differ");
    std::vector<int> offsets;
    for (const auto& w : r.warnings) offsets.push_back(w.pos.column - 1);
    check(offsets == e.warning_offsets, f, "warnings differ");
    if (r.runs.size() != 1 || e.runs != 1) return;
    const auto& run = r.runs[0];
    check(run.date.to_string() == e.date, f, "date " + run.date.to_string());
    check(std::fabs(run.distance * 1000 - e.distance_m) <= 0.005 * e.distance_m, f,
          "distance " + std::to_string(run.distance));
    check(run.duration && std::fabs(*run.duration * 60 - e.timer_s) <= 1, f, "duration");
    check(run.descent.has_value() == e.descent_m.has_value() && (!e.descent_m || *run.descent == *e.descent_m), f,
          "descent");
    check(run.surface == e.surface, f, "surface");
    check(!run.downhill || *run.downhill <= run.distance, f, "downhill above the distance");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: rkplan_real_fit_test FOLDER\n");
        return 2;
    }
    std::filesystem::path dir = argv[1];
    if (!std::filesystem::is_directory(dir)) {
        std::printf("skipped: %s is absent (set RKPLAN_REAL_ACTIVITIES_DIR)\n", dir.c_str());
        return 77;
    }
    ImportOptions options;
    options.local_day = fixed_utc_offset(0);
    options.today = *Date::parse("2026-11-21");
    for (const auto& e : expected) {
        std::ifstream in(dir / e.file, std::ios::binary);
        if (!in) {
            check(false, e.file, "cannot be read");
            continue;
        }
        std::stringstream bytes;
        bytes << in.rdbuf();
        compare(e, import_activities(bytes.str(), options));
    }
    std::printf("%zu FIT files, %d failures\n", expected.size(), failures);
    return failures == 0 ? 0 : 1;
}
