// rkplan-generate-export: a Strava-shaped account export for the import benchmark — a zip
// of activities.csv and activities/N.gpx.gz, N.tcx.gz and N.fit.gz in turn, one activity a
// day up to 2026-11-20, every tenth a ride (its row says Ride: its file is not read).
// Deterministic: the same arguments give the same bytes.
//   rkplan-generate-export [--activities N] [--points P] OUT.zip
// The default, 2,000 activities of 800 points, is about 300 MB unzipped.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "rkplan/date.hpp"
#include "support/archive_writer.hpp"
#include "support/fit_writer.hpp"

namespace {

namespace fw = rkplan::fit_writer;

constexpr std::int64_t seconds_per_day = 86400;
constexpr int seconds_apart = 2;
constexpr double metres_per_second = 3.0;
constexpr double metres_per_degree = 6371008.8 * 3.14159265358979323846 / 180.0;
constexpr int ride_every = 10;

struct Point {
    std::int64_t unix_time;
    double lat, lon, ele, distance_m;
};

std::vector<Point> points_of(std::int64_t start, int count, int seed) {
    std::vector<Point> out;
    for (int i = 0; i < count; ++i) {
        double d = i * seconds_apart * metres_per_second;
        out.push_back({start + i * seconds_apart, 51.0 + d / metres_per_degree, 0.01 * (seed % 50),
                       100 + 20 * std::sin(d / 400.0 + seed), d});
    }
    return out;
}

std::string iso(std::int64_t unix_time) {
    auto day = rkplan::Date{static_cast<int>(unix_time / seconds_per_day)};
    auto s = unix_time % seconds_per_day;
    return fmt::format("{}T{:02}:{:02}:{:02}Z", day.to_string(), s / 3600, s / 60 % 60, s % 60);
}

std::string gpx_of(const std::vector<Point>& pts) {
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx creator=\"StravaGPX\" version=\"1.1\" "
                    "xmlns=\"http://www.topografix.com/GPX/1/1\" "
                    "xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\n"
                    "<trk><name>Morning Run</name><type>9</type><trkseg>\n";
    for (const auto& p : pts)
        s += fmt::format("<trkpt lat=\"{:.7f}\" lon=\"{:.7f}\"><ele>{:.1f}</ele><time>{}</time><extensions>"
                         "<gpxtpx:TrackPointExtension><gpxtpx:hr>142</gpxtpx:hr><gpxtpx:cad>86</gpxtpx:cad>"
                         "</gpxtpx:TrackPointExtension></extensions></trkpt>\n",
                         p.lat, p.lon, p.ele, iso(p.unix_time));
    return s + "</trkseg></trk>\n</gpx>\n";
}

std::string tcx_of(const std::vector<Point>& pts) {
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrainingCenterDatabase "
                    "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">\n<Activities>\n"
                    "<Activity Sport=\"Running\"><Id>" + iso(pts.front().unix_time) + "</Id>\n<Lap StartTime=\"" +
                    iso(pts.front().unix_time) + "\"><TotalTimeSeconds>" +
                    std::to_string(pts.back().unix_time - pts.front().unix_time) + "</TotalTimeSeconds><DistanceMeters>" +
                    fmt::format("{:.1f}", pts.back().distance_m) + "</DistanceMeters><Track>\n";
    for (const auto& p : pts)
        s += fmt::format("<Trackpoint><Time>{}</Time><Position><LatitudeDegrees>{:.7f}</LatitudeDegrees>"
                         "<LongitudeDegrees>{:.7f}</LongitudeDegrees></Position><AltitudeMeters>{:.1f}</AltitudeMeters>"
                         "<DistanceMeters>{:.1f}</DistanceMeters><HeartRateBpm><Value>142</Value></HeartRateBpm>"
                         "</Trackpoint>\n",
                         iso(p.unix_time), p.lat, p.lon, p.ele, p.distance_m);
    return s + "</Track></Lap></Activity>\n</Activities>\n</TrainingCenterDatabase>\n";
}

std::string fit_of(const std::vector<Point>& pts) {
    fw::Session session;
    session.start_unix = pts.front().unix_time;
    session.elapsed_s = static_cast<double>(pts.back().unix_time - pts.front().unix_time);
    session.timer_s = session.elapsed_s;
    session.distance_m = pts.back().distance_m;
    for (const auto& p : pts) session.records.push_back({p.unix_time, p.lat, p.lon, p.ele, p.distance_m});
    return fw::activity_file({session});
}

}  // namespace

int main(int argc, char** argv) {
    int activities = 2000, points = 800;
    std::string out;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--activities" && i + 1 < argc) activities = std::atoi(argv[++i]);
        else if (a == "--points" && i + 1 < argc) points = std::atoi(argv[++i]);
        else out = a;
    }
    if (out.empty() || activities < 1 || points < 2) {
        std::fprintf(stderr, "usage: rkplan-generate-export [--activities N] [--points P] OUT.zip\n");
        return 2;
    }
    const auto last_day = rkplan::Date::parse("2026-11-20")->days;
    std::string csv = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Distance\n";
    std::vector<rkplan::test::Member> members;
    std::uint64_t unzipped = 0;
    for (int i = 0; i < activities; ++i) {
        auto day = rkplan::Date{last_day - (activities - 1 - i)};
        auto start = static_cast<std::int64_t>(day.days) * seconds_per_day + 7 * 3600;
        auto pts = points_of(start, points, i);
        const char* ext[] = {"gpx", "tcx", "fit"};
        auto file = fmt::format("activities/{}.{}.gz", 1000 + i, ext[i % 3]);
        auto body = i % 3 == 0 ? gpx_of(pts) : i % 3 == 1 ? tcx_of(pts) : fit_of(pts);
        unzipped += body.size();
        bool ride = i % ride_every == 0;
        static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        csv += fmt::format("{},\"{} {}, {}, 7:00:00 AM\",{},{},{},{:.2f},{},{:.1f}\n", 1000 + i, months[day.month() - 1],
                           day.day(), day.year(),
                           ride ? "Morning Ride" : "Morning Run", ride ? "Ride" : "Run", points * seconds_apart,
                           pts.back().distance_m / 1000, file, pts.back().distance_m);
        members.push_back({file, rkplan::test::gzip_of(body)});
    }
    members.insert(members.begin(), {"activities.csv", csv});
    unzipped += csv.size();
    auto zip = rkplan::test::zip_of(members);
    std::ofstream(out, std::ios::binary).write(zip.data(), static_cast<std::streamsize>(zip.size()));
    std::fprintf(stderr, "rkplan-generate-export: %d activities, %.1f MB unzipped, %.1f MB zipped: %s\n", activities,
                 static_cast<double>(unzipped) / 1e6, static_cast<double>(zip.size()) / 1e6, out.c_str());
    return 0;
}
