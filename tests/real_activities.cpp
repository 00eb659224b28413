// Every GPX, TCX and CSV file of ../shared/real-activities (files written by Strava, Garmin
// Connect, watches and apps; personal data, never copied into the repository) imported
// and compared with what each really holds: the number of runs, the first date, the total
// distance within 0.5%, and the sport decisions (skipped as not a run, taken as a run
// without a sport in the file, refused). The folder is the CMake cache variable
// RKPLAN_REAL_ACTIVITIES_DIR; where it is absent the test is skipped (exit 77).
// usage: rkplan_real_activities DIR [--print]
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "rkplan/import_batch.hpp"

using namespace rkplan;

namespace {

struct Expected {
    const char* file;
    Units units;
    int runs;
    const char* first_date;  // the earliest run's date (UTC days); "" without runs
    double total;            // the runs' distances added up, in `units`
    int non_running;         // skipped: the type (or the row's) is not a run
    int inferred;            // skipped: no sport in the file; name or speed says not a run
    int guessed;             // imported although the file names no sport (with a note)
    int errors;              // activities reported and skipped
};

constexpr Units km = Units::km, mi = Units::mi;

// Checked against each file's provenance notes (ORIGIN.md): the FR945 run is 14004.8 m in
// its TCX laps and 14.15 km over its GPX points; the Suunto TCX 5729 m in its laps; the
// FR610 TCX holds three runs; the multisport TCX one run leg between two rides; the
// Runkeeper GPX is a ride named "Cycling ..."; the Sigma TCX a ride; Strava's Dutch export
// 147 runs and 5 rides, its 2018 export 45 runs and 83 rides; Garmin's German export 103
// runs, its Spanish one 20, its classic German one 6; its Hungarian one 528 running rows
// (8 without a distance) and 150 others; Strava's 2020 English export 239 runs.
const std::vector<Expected> expected = {
    {"gpx/amazfit-run-heartrate-extension.gpx", km, 1, "2018-05-14", 8.72, 0, 0, 0, 0},
    {"gpx/apple-health-export-route-excerpt.gpx", km, 1, "2019-12-15", 0.07, 0, 0, 1, 0},
    {"gpx/apple-watch-run-3-segments-excerpt.gpx", km, 1, "2025-05-02", 0.09, 0, 0, 0, 0},
    {"gpx/ecoach-3-segments-utc-offset-times.gpx", km, 1, "2010-04-02", 36.46, 0, 0, 1, 0},
    {"gpx/etrex30-run-first-trkpt-without-latlon.gpx", km, 1, "2013-02-04", 6.00, 0, 0, 1, 0},
    {"gpx/garmin-connect-fr45-run-french-name.gpx", km, 1, "2023-07-04", 13.54, 0, 0, 0, 0},
    {"gpx/garmin-connect-fr945-run-hr-cad-atemp.gpx", km, 1, "2019-06-15", 14.15, 0, 0, 0, 0},
    {"gpx/garmin-connect-run-ns3-extension-prefix.gpx", km, 1, "2016-09-20", 0.12, 0, 0, 0, 0},
    {"gpx/polar-websync-gpx10-run-no-elevation.gpx", km, 1, "2015-03-18", 7.77, 0, 0, 1, 0},
    {"gpx/runkeeper-cycling-negative-time-step.gpx", km, 0, "", 0, 0, 1, 0, 0},
    {"gpx/sportractive-run-version-mismatch-hr-gaps.gpx", km, 1, "2016-09-16", 0.82, 0, 0, 1, 0},
    {"gpx/strava-bulk-export-2018-iphone-run.gpx", km, 1, "2018-06-13", 6.52, 0, 0, 0, 0},
    {"gpx/strava-export-run-hr-cad-atemp-de.gpx", km, 1, "2015-12-01", 3.69, 0, 0, 1, 0},
    {"gpx/strava-marathon-emoji-name.gpx", km, 1, "2022-12-23", 42.10, 0, 0, 0, 0},
    {"gpx/suunto-movescount-run-mixed-extensions.gpx", km, 1, "2016-12-11", 4.52, 0, 0, 1, 0},
    {"tcx/garmin-connect-fr945-run.tcx", km, 1, "2019-06-15", 14.00, 0, 0, 0, 0},
    {"tcx/garmin-connect-fr945-treadmill-run-no-gps.tcx", km, 1, "2020-02-02", 10.63, 0, 0, 0, 0},
    {"tcx/garmin-fr305-multisport-bike-run-bike.tcx", km, 1, "2013-04-18", 11.46, 2, 0, 0, 0},
    {"tcx/garmin-fr305-run-23-laps-german-creator.tcx", km, 1, "2011-07-10", 22.22, 0, 0, 0, 0},
    {"tcx/garmin-fr610-three-runs-in-one-file.tcx", km, 3, "2012-01-19", 27.94, 0, 0, 0, 0},
    {"tcx/polar-v800-run-leading-whitespace.tcx", km, 1, "2016-09-12", 4.16, 0, 0, 0, 0},
    {"tcx/polar-v800-run-wrong-utc-offset.tcx", km, 1, "2016-04-10", 3.64, 0, 0, 0, 0},
    {"tcx/runtastic-run-lowercase-sport.tcx", km, 1, "2015-05-10", 0.11, 0, 0, 0, 0},
    {"tcx/sigma-rox10-biking-negative-pause.tcx", km, 0, "", 0, 1, 0, 0, 0},
    {"tcx/suunto-spartan-ultra-run-no-trackpoint-distance.tcx", km, 1, "2017-05-09", 5.73, 0, 0, 0, 0},
    {"csv/garmin-connect-activities-de.csv", km, 103, "2021-12-02", 401.04, 0, 0, 0, 0},
    {"csv/garmin-connect-activities-en-km-mixed.csv", km, 4, "2026-05-26", 14.27, 16, 0, 0, 0},
    {"csv/garmin-connect-activities-en-miles.csv", mi, 144, "2021-07-01", 426.75, 0, 0, 0, 0},
    {"csv/garmin-connect-activities-es.csv", km, 20, "2025-06-11", 131.36, 0, 0, 0, 0},
    {"csv/garmin-connect-activities-hu-duplicate-headers.csv", km, 520, "2021-12-30", 2210.28, 150, 0, 0, 0},
    {"csv/garmin-connect-classic-de-legacy.csv", km, 6, "2012-05-22", 19.19, 0, 0, 0, 0},
    {"csv/strava-activities-2018-early-format.csv", km, 45, "2015-06-16", 257.03, 83, 0, 0, 0},
    {"csv/strava-activities-en-2020-html-in-header.csv", km, 239, "2020-03-05", 1175.69, 639, 0, 0, 0},
    {"csv/strava-activities-en-2024.csv", km, 90, "2024-10-31", 528.56, 73, 0, 0, 0},
    {"csv/strava-activities-nl.csv", km, 147, "2013-04-13", 1030.97, 5, 0, 0, 0},
};

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    std::filesystem::path dir = argv[1];
    bool print = argc > 2 && std::string(argv[2]) == "--print";
    if (!std::filesystem::is_directory(dir)) {
        std::printf("real-activities: %s is absent; skipped\n", dir.c_str());
        return 77;
    }
    int failures = 0;
    for (const auto& e : expected) {
        auto path = dir / e.file;
        if (!std::filesystem::exists(path)) {
            std::printf("FAIL %s: missing\n", e.file);
            ++failures;
            continue;
        }
        ImportOptions options;
        options.units = e.units;
        options.local_day = fixed_utc_offset(0);
        options.today = *Date::parse("2026-11-30");
        ImportBatch batch(options);
        batch.add(e.file, read_file(path));
        auto r = batch.finish();
        Date first = r.runs.empty() ? Date{} : r.runs.front().date;
        double total = 0;
        for (const auto& run : r.runs) {
            first = std::min(first, run.date);
            total += run.distance;
        }
        auto first_text = r.runs.empty() ? std::string() : first.to_string();
        auto line = fmt::format("{{\"{}\", {}, {}, \"{}\", {:.2f}, {}, {}, {}, {}}}", e.file, e.units == mi ? "mi" : "km",
                                r.runs.size(), first_text, total, r.non_running, r.non_running_inferred, r.guessed_runs,
                                r.errors);
        if (print) std::printf("%s\n", line.c_str());
        bool distance_ok = e.total == 0 || std::fabs(total - e.total) <= 0.005 * e.total;
        if (static_cast<int>(r.runs.size()) != e.runs || first_text != e.first_date || !distance_ok ||
            r.non_running != e.non_running || r.non_running_inferred != e.inferred || r.guessed_runs != e.guessed ||
            r.errors != e.errors) {
            std::printf("FAIL %s\n  got      %s\n%s", e.file, line.c_str(), r.messages.c_str());
            ++failures;
        }
    }
    std::printf("real-activities: %zu files, %d failed\n", expected.size(), failures);
    return failures == 0 ? 0 : 1;
}
