// Archives, compressed files and Strava's account export, with fixtures written at run
// time (tests/support/archive_writer.hpp).
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "rkplan/import_batch.hpp"
#include "support/archive_writer.hpp"
#include "support/fit_writer.hpp"

using namespace rkplan;
using rkplan::test::gzip_of;
using rkplan::test::zip_of;

namespace {

ImportOptions batch_options() {
    ImportOptions o;
    o.local_day = fixed_utc_offset(0);
    o.today = *Date::parse("2026-11-21");
    return o;
}

// A GPX track of `points` points 0.001 degrees (111 m) apart along the meridian, one
// every `seconds` seconds from 2026-10-05T10:00:00Z; `extra` goes after the track's name.
std::string track_gpx(const std::string& name, int points, int seconds, const std::string& extra = "") {
    std::string s = "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"t\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
                    "<trk><name>" + name + "</name>" + extra + "<trkseg>\n";
    for (int i = 0; i < points; ++i) {
        int t = 10 * 3600 + i * seconds;
        s += fmt::format("<trkpt lat=\"{:.3f}\" lon=\"0\"><ele>100</ele><time>2026-10-05T{:02}:{:02}:{:02}Z</time></trkpt>\n",
                         0.001 * i, t / 3600, t / 60 % 60, t % 60);
    }
    return s + "</trkseg></trk>\n</gpx>\n";
}

const std::string strava_index =
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Distance\n"
    "1,\"Oct 5, 2026, 10:00:00 AM\",Lunch Run,Run,3000,9.99,activities/1.gpx.gz,9990\n"
    "2,\"Oct 5, 2026, 10:00:00 AM\",Commute,Ride,3000,9.99,activities/2.gpx.gz,9990\n"
    "3,\"Oct 7, 2026, 8:00:00 AM\",Treadmill,Run,1800,5.00,,5000\n"
    "4,\"Oct 9, 2026, 8:00:00 AM\",Lost file,Run,1800,6.00,activities/4.gpx,6000\n";

}  // namespace

TEST_CASE("a Strava export zip: each row with its file is one run, named and typed by the row") {
    // The file of row 1 is a run of 100 points 111 m apart; its sport is left out, so only
    // the row says run. Row 2's file looks like a run, but its row says Ride.
    auto zip = zip_of({{"activities/1.gpx.gz", gzip_of(track_gpx("Morning", 100, 30))},
                       {"activities/2.gpx.gz", gzip_of(track_gpx("Morning", 100, 30))},
                       {"activities.csv", strava_index},  // after its files: read first all the same
                       {"profile.csv", "Athlete ID,Email Address\n1,a@b.c\n"},
                       {"routes/9.gpx", "<gpx></gpx>"},
                       {"media/1.jpg", "\xff\xd8\xff"}});
    ImportBatch batch(batch_options());
    batch.add("export.zip", zip);
    auto r = batch.finish();
    CHECK(r.messages == "");
    CHECK(r.files == 2);  // activities.csv and activities/1.gpx.gz; the ride's file is not read
    REQUIRE(r.runs.size() == 3);
    CHECK(r.runs[0].distance == 5.0);       // a row without a file, read with its CSV
    CHECK(r.runs[1].date == *Date::parse("2026-10-05"));
    CHECK(r.runs[1].distance == 11.01);     // from the file (99 steps of 111.2 m), not the row's 9.99
    CHECK(*r.runs[1].duration == doctest::Approx(49.5));
    CHECK(*r.runs[1].note == "Lunch Run");  // the row's name, not the file's "Morning"
    CHECK(*r.runs[2].note == "Lost file");  // a row whose file is absent: the row alone
    CHECK(r.non_running == 1);
    CHECK(r.guessed_runs == 0);
    CHECK(r.errors == 0);
}

TEST_CASE("a Strava row decides the sport of its FIT file: a ride the runner retyped as a run is a run") {
    namespace fw = rkplan::fit_writer;
    const std::int64_t start = 1791194400;  // 2026-10-05T10:00:00Z
    fw::Session ride;
    ride.sport = fw::sport::cycling;
    ride.start_unix = start;
    ride.elapsed_s = ride.timer_s = 1800;
    ride.distance_m = 5000;
    ride.records = fw::track(start, std::vector<double>(11, 100.0), 500, 180);
    auto fit = fw::activity_file({ride});
    auto index = "Activity ID,Activity Date,Activity Name,Activity Type,Distance,Filename\n"
                 "1,\"Oct 5, 2026, 10:00:00 AM\",Tempo,Run,5.00,activities/1.fit.gz\n"
                 "2,\"Oct 6, 2026, 10:00:00 AM\",Spin,Ride,5.00,activities/2.fit.gz\n";
    ImportBatch batch(batch_options());
    batch.add("export.zip", zip_of({{"activities.csv", index},
                                    {"activities/1.fit.gz", gzip_of(fit)},
                                    {"activities/2.fit.gz", gzip_of(fit)}}));
    auto r = batch.finish();
    CHECK(r.messages == "");
    REQUIRE(r.runs.size() == 1);
    CHECK(r.runs[0].distance == 5.0);
    CHECK(*r.runs[0].note == "Tempo");
    CHECK(r.non_running == 1);
    CHECK(r.skipped_sports == std::map<std::string, int>{{"ride", 1}});
}

TEST_CASE("an unzipped Strava export reads the same, its activities.csv handed in first") {
    ImportBatch batch(batch_options());
    batch.add("export/activities.csv", strava_index, true);
    batch.add("export/activities/1.gpx.gz", gzip_of(track_gpx("Morning", 100, 30)), true);
    batch.add("export/bikes.csv", "Bike Name,Bike Brand\nx,y\n", true);
    auto r = batch.finish();
    CHECK(r.messages == "");
    REQUIRE(r.runs.size() == 3);
    CHECK(r.runs[1].distance == 11.01);
}

TEST_CASE("errors inside archives name the member, and the other members still import") {
    auto bad = std::string("<gpx version=\"1.1\"><trk><trkseg>\n<trkpt lat=\"1\" lon=\"0\"></trk></gpx>\n");
    auto inner = zip_of({{"b/bad.gpx", bad}, {"b/good.gpx.gz", gzip_of(track_gpx("Run", 10, 30))}});
    auto outer = zip_of({{"DI_CONNECT/UploadedFiles_0-_Part1.zip", inner}});
    ImportBatch batch(batch_options());
    batch.add("garmin.zip", outer);
    auto r = batch.finish();
    CHECK(r.messages.find("garmin.zip:DI_CONNECT/UploadedFiles_0-_Part1.zip:b/bad.gpx:2:26: error: invalid XML: "
                          "start-end tags mismatch") == 0);
    CHECK(r.errors == 1);
    REQUIRE(r.runs.size() == 1);
    CHECK(r.runs[0].distance == 1.0);
}

TEST_CASE("a damaged gzip file is an error, whatever byte is damaged") {
    const auto original = gzip_of(track_gpx("Run", 300, 30));
    for (auto at : {original.size() / 2, original.size() - 6}) {
        auto gz = original;
        gz[at] = static_cast<char>(gz[at] ^ 0x55);
        ImportBatch batch(batch_options());
        batch.add("run.gpx.gz", gz);
        auto r = batch.finish();
        CAPTURE(r.messages);
        CHECK(r.messages.rfind("run.gpx.gz: error: ", 0) == 0);
        CHECK(r.errors == 1);
        CHECK(r.runs.empty());
    }
}

TEST_CASE("zip bombs end in an error: bytes per member, bytes in all, members, nesting") {
    ArchiveLimits limits;
    limits.max_file_bytes = 1 << 20;
    limits.max_entry_bytes = 1 << 20;
    limits.max_total_bytes = 3 << 20;
    limits.max_entries = 5;
    limits.max_depth = 2;
    auto zeros = std::string(2 << 20, '\0');
    {
        ImportBatch batch(batch_options(), limits);
        batch.add("bomb.zip", zip_of({{"a.gpx", zeros}}));
        auto r = batch.finish();
        CHECK(r.messages == "bomb.zip:a.gpx: error: more than 1 MiB uncompressed (a zip bomb?); expected activity files "
                            "of a few MiB\n");
        CHECK(r.errors == 1);
    }
    {
        std::vector<rkplan::test::Member> members;
        for (int i = 0; i < 4; ++i) members.push_back({fmt::format("{}.gpx", i), std::string(1000 * 1000, ' ')});
        ImportBatch batch(batch_options(), limits);
        batch.add("big.zip", zip_of(members));
        auto r = batch.finish();
        CHECK(r.messages.find("big.zip:3.gpx: error: the archive holds more than 3 MiB uncompressed (a zip bomb?); "
                              "nothing more of it is read\n") != std::string::npos);
    }
    {
        std::vector<rkplan::test::Member> members;
        for (int i = 0; i < 7; ++i) members.push_back({fmt::format("{}.txt", i), "x"});
        ImportBatch batch(batch_options(), limits);
        batch.add("many.zip", zip_of(members));
        CHECK(batch.finish().messages == "many.zip: error: more than 5 members; nothing more of it is read\n");
    }
    {
        auto deep = zip_of({{"a.zip", zip_of({{"b.zip", zip_of({{"c.gpx", track_gpx("Run", 10, 30)}})}})}});
        ImportBatch batch(batch_options(), limits);
        batch.add("deep.zip", deep);
        CHECK(batch.finish().messages ==
              "deep.zip:a.zip:b.zip: error: archives nested more than 2 deep; expected an export as it was downloaded\n");
    }
}

TEST_CASE("a member name with control characters is printed with '?' in their place") {
    ImportBatch batch(batch_options());
    batch.add("x.zip", zip_of({{"a\x1b[31m.gpx", "<gpx"}}));
    auto r = batch.finish();
    CHECK(r.messages.rfind("x.zip:a?[31m.gpx:1:4: error: ", 0) == 0);

    // So is a track's name quoted in a note.
    ImportBatch named(batch_options());
    named.add("ride.gpx", track_gpx("Cycling \x1b[2J", 10, 30));
    CHECK(named.finish().messages ==
          "ride.gpx:3:1: note: skipped: the file names no sport and the name 'Cycling ?[2J' says 'cycling'\n");
}
