#include <doctest/doctest.h>

#include <fmt/format.h>

#include "rkplan/emit.hpp"
#include "rkplan/import.hpp"

using namespace rkplan;


namespace {

Date day(const char* s) { return *Date::parse(s); }

ImportOptions options(Units units = Units::km, int utc_offset_minutes = 0) {
    ImportOptions o;
    o.units = units;
    o.local_day = fixed_utc_offset(utc_offset_minutes);
    o.today = day("2026-11-21");
    return o;
}

// One metre-accurate step of 0.001 degrees of latitude along the Greenwich meridian.
const double step_m = haversine_m(0, 0, 0.001, 0);

// A GPX 1.1 track due north along the meridian: one point per elevation, 0.001 degrees
// and `seconds_apart` apart, from `start` (an ISO time).
std::string gpx_track(const std::vector<double>& elevations, const std::string& start_time = "2026-10-05T10:00:00Z",
                      int seconds_apart = 60, const std::string& extra = "") {
    std::string s = "<trk><name>Synthetic</name>" + extra + "<trkseg>\n";
    auto start = start_time.substr(0, 11);
    int h = std::stoi(start_time.substr(11, 2)), m = std::stoi(start_time.substr(14, 2));
    for (std::size_t i = 0; i < elevations.size(); ++i) {
        int t = h * 3600 + m * 60 + static_cast<int>(i) * seconds_apart;
        s += fmt::format("<trkpt lat=\"{:.3f}\" lon=\"0\"><ele>{}</ele><time>{}{:02}:{:02}:{:02}Z</time></trkpt>\n",
                         0.001 * static_cast<double>(i), elevations[i], start, t / 3600, t / 60 % 60, t % 60);
    }
    return s + "</trkseg></trk>\n";
}

std::string gpx(const std::string& tracks) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n" +
           tracks + "</gpx>\n";
}

std::vector<double> cumulative(std::size_t n, double spacing) {
    std::vector<double> d(n);
    for (std::size_t i = 0; i < n; ++i) d[i] = spacing * static_cast<double>(i);
    return d;
}

// 100 m, then a steady 2 m per point down to 0 m over 50 points, then flat.
std::vector<double> hundred_metre_descent() {
    std::vector<double> e;
    for (int i = 0; i <= 70; ++i) e.push_back(i <= 10 ? 100.0 : i >= 60 ? 0.0 : 100.0 - 2.0 * (i - 10));
    return e;
}

const std::string strava_header =
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Commute,Elapsed Time,Moving Time,Distance,Elevation Gain,Elevation Loss\n";

}  // namespace

TEST_CASE("the format is told by the content, not the file name") {
    CHECK(detect_import_format(gpx("")) == ImportFormat::gpx);
    CHECK(detect_import_format("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- from a watch -->\n<gpx:gpx xmlns:gpx=\"x\"/>") ==
          ImportFormat::gpx);
    CHECK(detect_import_format("<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"x\"></TrainingCenterDatabase>") ==
          ImportFormat::tcx);
    CHECK(detect_import_format("<kml></kml>") == ImportFormat::unknown);
    CHECK(detect_import_format(strava_header) == ImportFormat::strava_csv);
    CHECK(detect_import_format("Activity Type,Date,Favorite,Title,Distance\n") == ImportFormat::garmin_csv);
    CHECK(detect_import_format("date,distance\n2026-10-05,5\n") == ImportFormat::unknown);
    CHECK(detect_import_format(std::string("\x0e\x10\x43\x08\x00\x00\x00\x00.FIT\x00\x00", 14)) == ImportFormat::fit);
    CHECK(detect_import_format("") == ImportFormat::unknown);

    auto r = import_activities("hello\n", options());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].pos == SourcePos{1, 1});
    CHECK(r.diagnostics[0].message == "not a GPX, TCX or activities CSV file");
}

TEST_CASE("flat GPS jitter of +-1 m adds no descent and no downhill") {
    std::vector<double> e;
    const double jitter[] = {0, 1, -1, 1, 0, -1, -1, 1};
    for (int i = 0; i < 400; ++i) e.push_back(250 + jitter[i % 8]);
    auto r = filtered_descent(e, cumulative(e.size(), 3.0));
    CHECK(r.descent_m == 0);
    CHECK(r.downhill_m == 0);

    // Through a whole GPX track as well.
    auto imported = import_activities(gpx(gpx_track(std::vector<double>(e.begin(), e.begin() + 50))), options());
    REQUIRE(imported.ok());
    CHECK(*imported.runs.at(0).descent == 0);
    CHECK(*imported.runs.at(0).downhill == 0);
}

TEST_CASE("a real 100 m descent counts 100 m, from its peak to its trough") {
    auto e = hundred_metre_descent();
    auto r = filtered_descent(e, cumulative(e.size(), 10.0));
    CHECK(r.descent_m == 100);
    CHECK(r.downhill_m == 500);  // the 50 steps of 10 m between the plateaus

    // With +-1 m of jitter on top, still about 100 m and about 500 m.
    const double jitter[] = {1, -1, 0, 1, -1, -1, 0, 1};
    for (std::size_t i = 0; i < e.size(); ++i) e[i] += jitter[i % 8];
    auto noisy = filtered_descent(e, cumulative(e.size(), 10.0));
    CHECK(noisy.descent_m == doctest::Approx(100).epsilon(0.02));
    CHECK(noisy.downhill_m == doctest::Approx(500).epsilon(0.05));
}

TEST_CASE("a dip shallower than the hysteresis is ignored, a deeper one counts in full") {
    // A point every 10 m: the moving average takes one neighbour on each side.
    std::vector<double> shallow = {100, 100, 100, 100, 96, 96, 96, 96, 96, 100, 100, 100, 100};
    CHECK(filtered_descent(shallow, cumulative(shallow.size(), 10)).descent_m == 0);
    std::vector<double> deep = {100, 100, 100, 100, 88, 88, 88, 88, 88, 100, 100, 100, 100};
    CHECK(filtered_descent(deep, cumulative(deep.size(), 10)).descent_m == 12);
    // Two separate descents add up; the climb between them is not descent.
    std::vector<double> twice = {100, 100, 100, 80, 80, 80, 80, 80, 100, 100, 100, 100, 100, 70, 70, 70};
    CHECK(filtered_descent(twice, cumulative(twice.size(), 10)).descent_m == 50);
    // A single spike of bad GPS elevation in a dense track (a point every 3 m: three
    // neighbours on each side) is smoothed away below the threshold...
    std::vector<double> spike = {100, 100, 100, 100, 100, 88, 100, 100, 100, 100, 100};
    CHECK(filtered_descent(spike, cumulative(spike.size(), 3)).descent_m == 0);
    // ... while a sparse track (a point every 100 m) is not smoothed at all: its summit
    // is not cut.
    std::vector<double> sparse = {200, 230, 260, 230, 200};
    CHECK(filtered_descent(sparse, cumulative(sparse.size(), 100)).descent_m == 60);
    CHECK(filtered_descent(sparse, cumulative(sparse.size(), 100)).downhill_m == 200);
    CHECK(filtered_descent(std::vector<double>{5.0}, std::vector<double>{0.0}).descent_m == 0);
}

TEST_CASE("a GPX track becomes a run: distance along the points, duration, descent, the local day") {
    // 11 points, 10 steps north, 60 s apart, from 23:30 UTC; 20 m down over the last 5.
    std::vector<double> e = {50, 50, 50, 50, 50, 50, 46, 42, 38, 34, 30};
    auto text = gpx(gpx_track(e, "2026-10-05T23:30:00Z", 60, "<type>running</type>"));
    auto utc = import_activities(text, options());
    REQUIRE(utc.ok());
    CHECK(utc.format == ImportFormat::gpx);
    REQUIRE(utc.runs.size() == 1);
    const auto& run = utc.runs[0];
    CHECK(run.date == day("2026-10-05"));
    CHECK(run.distance == doctest::Approx(std::round(10 * step_m / 10) / 100));
    CHECK(run.distance == 1.11);
    CHECK(*run.duration == 10);
    CHECK(*run.descent == 20);
    CHECK(run.kind == RunKind::easy);
    CHECK(*run.note == "Synthetic");
    CHECK(run.pos == SourcePos{3, 1});

    // The runner's day: 23:30 UTC is already the 6th at UTC+1, still the 5th at UTC-5.
    CHECK(import_activities(text, options(Units::km, 60)).runs.at(0).date == day("2026-10-06"));
    CHECK(import_activities(text, options(Units::km, -300)).runs.at(0).date == day("2026-10-05"));

    // Miles and feet.
    auto mi = import_activities(text, options(Units::mi)).runs.at(0);
    CHECK(mi.distance == 0.69);
    CHECK(*mi.descent == 66);  // 20 m
    // The five steps from the last point at 50 m to the end (points 111 m apart are not
    // smoothed).
    CHECK(*mi.downhill == doctest::Approx(std::round(5 * step_m / 1609.344 * 100) / 100));
    CHECK(*mi.downhill == 0.35);
}

TEST_CASE("a time with an offset is converted to UTC before taking the local day") {
    auto text = gpx(gpx_track({10, 10, 10}, "2026-10-05T01:30:00Z"));
    auto shifted = text;
    for (std::size_t at = shifted.find("Z</time>"); at != std::string::npos; at = shifted.find("Z</time>"))
        shifted.replace(at, 1, "+02:00");
    CHECK(import_activities(text, options()).runs.at(0).date == day("2026-10-05"));
    CHECK(import_activities(shifted, options()).runs.at(0).date == day("2026-10-04"));
}

TEST_CASE("each GPX track is one run, other sports are skipped and counted") {
    auto text = gpx(gpx_track({10, 10, 10}, "2026-10-05T10:00:00Z", 60, "<type>running</type>") +
                    gpx_track({10, 10}, "2026-10-06T10:00:00Z", 60, "<type>cycling</type>") +
                    gpx_track({10, 10, 10, 10}, "2026-10-07T10:00:00Z", 60, "<type>trail_running</type>") +
                    gpx_track({10}, "2026-10-08T10:00:00Z"));
    auto r = import_activities(text, options());
    REQUIRE(r.ok());
    REQUIRE(r.runs.size() == 2);
    CHECK(r.runs[0].date == day("2026-10-05"));
    CHECK(r.runs[1].date == day("2026-10-07"));
    CHECK(r.runs[1].surface == Surface::trail);
    CHECK(r.runs[1].distance == 0.33);
    CHECK(r.non_running == 1);
    CHECK(r.without_distance == 1);  // a single point
}

TEST_CASE("no distance is counted across the gap between two GPX segments") {
    auto text = gpx(
        "<trk><trkseg>"
        "<trkpt lat=\"0\" lon=\"0\"><time>2026-10-05T10:00:00Z</time></trkpt>"
        "<trkpt lat=\"0.001\" lon=\"0\"><time>2026-10-05T10:01:00Z</time></trkpt>"
        "</trkseg><trkseg>"
        "<trkpt lat=\"0.010\" lon=\"0\"><time>2026-10-05T10:09:00Z</time></trkpt>"
        "<trkpt lat=\"0.011\" lon=\"0\"><time>2026-10-05T10:10:00Z</time></trkpt>"
        "</trkseg></trk>");
    auto r = import_activities(text, options());
    REQUIRE(r.ok());
    CHECK(r.runs.at(0).distance == 0.22);
    CHECK(*r.runs.at(0).duration == 10);
    CHECK_FALSE(r.runs.at(0).descent.has_value());  // no elevation at all
    CHECK_FALSE(r.runs.at(0).downhill.has_value());
}

TEST_CASE("a GPX 1.0 file reads like a GPX 1.1 one") {
    auto text =
        "<?xml version=\"1.0\"?>\n<gpx version=\"1.0\" xmlns=\"http://www.topografix.com/GPX/1/0\">\n"
        "<trk><name>Parkrun race</name><trkseg>\n"
        "<trkpt lat=\"0\" lon=\"0\"><ele>5</ele><time>2026-10-03T09:00:00Z</time><speed>3.2</speed></trkpt>\n"
        "<trkpt lat=\"0.045\" lon=\"0\"><ele>5</ele><time>2026-10-03T09:21:30Z</time><speed>3.9</speed></trkpt>\n"
        "</trkseg></trk></gpx>\n";
    auto r = import_activities(text, options());
    REQUIRE(r.ok());
    CHECK(r.runs.at(0).distance == 5.0);
    CHECK(*r.runs.at(0).duration == 21.5);
    CHECK(r.runs.at(0).kind == RunKind::race);
}

TEST_CASE("bad GPX input is reported where it is") {
    auto broken = import_activities("<?xml version=\"1.0\"?>\n<gpx>\n  <trk><trkseg>\n    <trkpt lat=\"1\" lon=\"2\"></trkseg>\n",
                                    options());
    REQUIRE(broken.diagnostics.size() == 1);
    CHECK(broken.diagnostics[0].message == "invalid XML: start-end tags mismatch");
    CHECK(broken.diagnostics[0].pos == SourcePos{4, 30});  // the name in </trkseg>

    auto bad_values = import_activities(
        gpx("<trk><trkseg>\n"
            "<trkpt lat=\"95\" lon=\"0\"><ele>x</ele><time>2026-10-05T10:00:00Z</time></trkpt>\n"
            "<trkpt lat=\"0\" lon=\"0\"><time>yesterday</time></trkpt>\n"
            "</trkseg></trk>"),
        options());
    REQUIRE(bad_values.diagnostics.size() == 3);
    CHECK(bad_values.diagnostics[0].message == "lat '95' is not a latitude");
    CHECK(bad_values.diagnostics[0].pos == SourcePos{4, 1});
    CHECK(bad_values.diagnostics[1].message == "<ele> 'x' is not a number");
    CHECK(bad_values.diagnostics[1].pos == SourcePos{4, 30});
    CHECK(bad_values.diagnostics[2].message == "<time> 'yesterday' is not a time");
    CHECK(bad_values.runs.empty());

    auto no_time = import_activities(gpx("<trk><trkseg><trkpt lat=\"0\" lon=\"0\"/><trkpt lat=\"1\" lon=\"0\"/></trkseg></trk>"),
                                     options());
    REQUIRE(no_time.diagnostics.size() == 1);
    CHECK(no_time.diagnostics[0].message == "the activity has no time, so its date is unknown");
    CHECK(no_time.diagnostics[0].pos == SourcePos{3, 1});

    auto empty = import_activities(gpx("<wpt lat=\"0\" lon=\"0\"/>"), options());
    REQUIRE(empty.diagnostics.size() == 1);
    CHECK(empty.diagnostics[0].message == "the GPX file holds no activity");
}

TEST_CASE("a TCX activity uses the device's DistanceMeters, rides are skipped") {
    // Positions 0.001 degrees apart (111 m) but the device says 100 m a point.
    std::string points;
    for (int i = 0; i < 5; ++i)
        points += fmt::format(
            "<Trackpoint><Time>2026-10-05T10:0{}:00Z</Time><Position><LatitudeDegrees>{:.3f}</LatitudeDegrees>"
            "<LongitudeDegrees>0</LongitudeDegrees></Position><AltitudeMeters>{}</AltitudeMeters>"
            "<DistanceMeters>{}</DistanceMeters></Trackpoint>\n",
            i, 0.001 * i, 100 - 10 * i, 100 * i);
    auto text = "<?xml version=\"1.0\"?>\n<TrainingCenterDatabase xmlns=\"x\"><Activities>\n"
                "<Activity Sport=\"Running\"><Id>2026-10-05T10:00:00Z</Id><Lap StartTime=\"2026-10-05T10:00:00Z\">"
                "<TotalTimeSeconds>240</TotalTimeSeconds><DistanceMeters>400</DistanceMeters><Track>\n" +
                points +
                "</Track></Lap></Activity>\n"
                "<Activity Sport=\"Biking\"><Id>2026-10-05T12:00:00Z</Id><Lap StartTime=\"2026-10-05T12:00:00Z\">"
                "<TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>5000</DistanceMeters></Lap></Activity>\n"
                "</Activities></TrainingCenterDatabase>\n";
    auto r = import_activities(text, options());
    REQUIRE(r.ok());
    CHECK(r.format == ImportFormat::tcx);
    REQUIRE(r.runs.size() == 1);
    CHECK(r.runs[0].distance == 0.4);
    CHECK(*r.runs[0].duration == 4);
    CHECK(*r.runs[0].descent == 40);
    CHECK(*r.runs[0].downhill == 0.4);
    CHECK(r.runs[0].pos == SourcePos{3, 1});
    CHECK(r.non_running == 1);

    // A treadmill run without trackpoints: the laps' totals and the start time.
    auto laps = import_activities(
        "<TrainingCenterDatabase><Activities><Activity Sport=\"Running\"><Id>2026-10-06T06:00:00Z</Id>"
        "<Lap StartTime=\"2026-10-06T06:00:00Z\"><TotalTimeSeconds>1200</TotalTimeSeconds><DistanceMeters>3500</DistanceMeters></Lap>"
        "<Lap StartTime=\"2026-10-06T06:20:00Z\"><TotalTimeSeconds>630</TotalTimeSeconds><DistanceMeters>1500</DistanceMeters></Lap>"
        "</Activity></Activities></TrainingCenterDatabase>",
        options());
    REQUIRE(laps.ok());
    CHECK(laps.runs.at(0).date == day("2026-10-06"));
    CHECK(laps.runs.at(0).distance == 5);
    CHECK(*laps.runs.at(0).duration == 30.5);
}

TEST_CASE("the CSV reader follows RFC 4180") {
    auto t = read_csv("\xEF\xBB\xBF" "a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",\r\n\n3,4,5");
    CHECK(t.diagnostics.empty());
    REQUIRE(t.records.size() == 3);
    CHECK(t.records[0][0].text == "a");
    CHECK(t.records[0][1].text == "b, c");
    CHECK(t.records[0][2].text == "say \"hi\"");
    REQUIRE(t.records[1].size() == 3);
    CHECK(t.records[1][1].text == "two\nlines");
    CHECK(t.records[1][1].pos == SourcePos{2, 3});
    CHECK(t.records[1][2].text == "");
    CHECK(t.records[2][2].text == "5");
    CHECK(t.records[2][2].pos == SourcePos{5, 5});

    auto open = read_csv("a,b\n1,\"never closed\n2,3\n");
    REQUIRE(open.diagnostics.size() == 1);
    CHECK(open.diagnostics[0].pos == SourcePos{2, 3});
    CHECK(open.diagnostics[0].message == "a quoted field has no closing quote");

    auto after = read_csv("\"a\"b,c\n");
    REQUIRE(after.diagnostics.size() == 1);
    CHECK(after.diagnostics[0].pos == SourcePos{1, 4});
}

TEST_CASE("Strava: the metres column wins over the display one, dates are UTC, rides are skipped") {
    auto text = strava_header +
                "1,\"Oct 6, 2026, 2:30:00 AM\",Early run,Run,\"a description, with\nlines\",1800,3.11,false,1800.0,1750.0,5012.4,40.0,121.6\n"
                "2,\"Oct 6, 2026, 12:05:00 PM\",Lunch Ride,Ride,,3600,20.0,false,3600.0,3500.0,20000.0,100,100\n"
                "3,\"Oct 7, 2026, 12:59:59 AM\",Half marathon RACE,Run,,5400,13.1,false,,,,,\n"
                "4,\"Oct 8, 2026, 11:00:00 AM\",Hill session,Trail Run,,3000,,false,3000.0,2900.0,,300,250\n";
    auto r = import_activities(text, options());
    REQUIRE(r.ok());
    CHECK(r.format == ImportFormat::strava_csv);
    REQUIRE(r.runs.size() == 2);
    CHECK(r.runs[0].date == day("2026-10-06"));
    CHECK(r.runs[0].distance == 5.01);  // 5012.4 m, not the display column's 3.11
    CHECK(*r.runs[0].duration == 30);
    CHECK(*r.runs[0].descent == 122);
    CHECK_FALSE(r.runs[0].downhill.has_value());
    CHECK(*r.runs[0].note == "Early run");
    CHECK(r.runs[0].pos == SourcePos{2, 1});
    // No metres: the display column, in the history's units.
    CHECK(r.runs[1].date == day("2026-10-07"));
    CHECK(r.runs[1].distance == 13.1);
    CHECK(r.runs[1].kind == RunKind::race);
    CHECK_FALSE(r.runs[1].descent.has_value());
    CHECK(r.non_running == 1);
    CHECK(r.without_distance == 1);

    // 2:30 UTC is still the 5th in New York (UTC-5); miles and feet.
    auto ny = import_activities(text, options(Units::mi, -300));
    REQUIRE(ny.ok());
    CHECK(ny.runs[0].date == day("2026-10-05"));
    CHECK(ny.runs[0].distance == 3.11);
    CHECK(*ny.runs[0].descent == 399);  // 121.6 m
    CHECK(ny.runs[1].distance == 13.1);  // display units assumed to be the history's
    // 12:59:59 AM is just before 1 in the morning.
    CHECK(ny.runs[1].date == day("2026-10-06"));

    // A day out of range is not a date (it was undefined behaviour before the range check;
    // found by fuzzing: tests/fuzz/import-corpus/found-negative-day.csv).
    for (std::string bad : {"Nov -9, 2026, 11:40:00 AM", "Nov 0, 2026, 11:40:00 AM", "Nov 1e10, 2026, 11:40:00 AM"}) {
        auto refused = import_activities(strava_header + "6,\"" + bad + "\",x,Run,,1800,5.0,false,,,5000.0,,\n", options());
        REQUIRE(refused.diagnostics.size() == 1);
        CHECK(refused.diagnostics[0].message.find("is not a date") != std::string::npos);
    }
    // A narrow no-break space (U+202F) or a no-break space before PM reads as a space.
    for (std::string space : {"\xE2\x80\xAF", "\xC2\xA0"}) {
        auto narrow = import_activities(
            strava_header + "5,\"Oct 9, 2026, 6:15:00" + space + "PM\",Evening run,Run,,1800,5.0,false,,,5000.0,,\n",
            options());
        REQUIRE(narrow.ok());
        CHECK(narrow.runs.at(0).date == day("2026-10-09"));
        CHECK(narrow.runs.at(0).distance == 5);
    }
}

TEST_CASE("Garmin Connect: thousands separators, -- for nothing, local dates") {
    auto text =
        "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Total Ascent,Total Descent\n"
        "Running,2026-10-05 23:40:00,false,\"Late run\",\"5.48\",\"447\",\"00:31:24\",\"215\",\"1,210\"\n"
        "Treadmill Running,2026-10-06 06:30:00,false,\"Intervals, 6x400\",6.00,380,00:36:00.5,--,--\n"
        "Cycling,2026-10-06 17:45:00,false,Commute,12.31,310,00:41:12,98,95\n"
        "Strength Training,2026-10-07 18:00:00,false,Gym,0.00,250,00:55:00,--,--\n";
    auto r = import_activities(text, options(Units::km, 600));
    REQUIRE(r.ok());
    CHECK(r.format == ImportFormat::garmin_csv);
    REQUIRE(r.runs.size() == 2);
    CHECK(r.runs[0].date == day("2026-10-05"));  // local already: no time zone applies
    CHECK(r.runs[0].distance == 5.48);
    CHECK(*r.runs[0].duration == 31.4);
    CHECK(*r.runs[0].descent == 1210);
    CHECK(r.runs[1].surface == Surface::treadmill);
    CHECK(*r.runs[1].duration == doctest::Approx(36 + 1 / 60.0));  // 36:00.5 rounds to 36:01
    CHECK_FALSE(r.runs[1].descent.has_value());
    CHECK(*r.runs[1].note == "Intervals, 6x400");
    CHECK(r.non_running == 2);

    // A lone comma before other than three digits is a decimal comma, not a thousands one.
    auto comma = import_activities("Activity Type,Date,Title,Distance\nRunning,2026-10-05 07:00:00,x,\"5,81\"\n", options());
    REQUIRE(comma.ok());
    CHECK(comma.runs.at(0).distance == 5.81);
    auto thousands = import_activities("Activity Type,Date,Title,Distance\nRunning,2026-10-05 07:00:00,x,\"5,810.5\"\n", options());
    CHECK(thousands.diagnostics.at(0).message == "a run of 5810.5 km is longer than rkplan accepts");

    auto date = import_activities("Activity Type,Date,Title,Distance\nRunning,7/4/2026 15:36,x,5\n", options());
    REQUIRE(date.diagnostics.size() == 1);
    CHECK(date.diagnostics[0].message == "Date '7/4/2026 15:36' is not a date");
    CHECK(date.diagnostics[0].pos == SourcePos{2, 9});
}

TEST_CASE("what import produces always loads: future runs and absurd values are refused") {
    auto future = import_activities(gpx(gpx_track({1, 1}, "2026-11-22T10:00:00Z")), options());
    REQUIRE(future.diagnostics.size() == 1);
    CHECK(future.diagnostics[0].message == "the run on 2026-11-22 is after today (2026-11-21)");
    CHECK(future.runs.empty());
    // A year the loader refuses (found by fuzzing: tests/fuzz/import-corpus/found-year-1013.csv).
    auto old = import_activities("Activity Type,Date,Title,Distance\nRunning,1013-11-09 07:02:11,x,5\n", options());
    REQUIRE(old.diagnostics.size() == 1);
    CHECK(old.diagnostics[0].message == "the run on 1013-11-09 is before 1900");
    CHECK(old.diagnostics[0].pos == SourcePos{2, 1});
    // Runs adding up to more than a week may hold (found by fuzzing: found-week-over-1000.csv).
    auto week = import_activities("Activity Type,Date,Title,Distance\n"
                                  "Running,2026-10-05 07:00:00,a,280\nRunning,2026-10-06 07:00:00,b,280\n"
                                  "Running,2026-10-07 07:00:00,c,280\nRunning,2026-10-08 07:00:00,d,280\n",
                                  options());
    REQUIRE(week.diagnostics.size() == 1);
    CHECK(week.diagnostics[0].message == "the runs of 2026-W41 add up to 1120 km, more than the weekly maximum of 1000 km");
    CHECK(week.diagnostics[0].pos == SourcePos{5, 1});

    auto huge = import_activities(
        "Activity Type,Date,Title,Distance\nRunning,2026-10-05 07:00:00,x,301\nRunning,2026-10-06 07:00:00,y,300\n",
        options());
    REQUIRE(huge.diagnostics.size() == 1);
    CHECK(huge.diagnostics[0].message == "a run of 301 km is longer than rkplan accepts");
    CHECK(huge.diagnostics[0].pos == SourcePos{2, 1});

    auto fit = import_activities(std::string("\x0e\x10\x43\x08\x00\x00\x00\x00.FIT\x00\x00", 14), options());
    REQUIRE(fit.diagnostics.size() == 1);
    CHECK(fit.diagnostics[0].message ==
          "the FIT header announces 0 bytes of data and a CRC, the file holds 0 after the header: it is truncated");
    CHECK(fit.diagnostics[0].pos == SourcePos{1, 5});  // byte 4, the data size

    // A name in Latin-1 (not UTF-8) would make the history unreadable: its stray bytes
    // become U+FFFD.
    auto latin1 = import_activities("Activity Type,Date,Title,Distance\nRunning,2026-10-05 07:00:00,Caf\xE9 run,5\n",
                                    options());
    REQUIRE(latin1.ok());
    CHECK(*latin1.runs.at(0).note == "Caf\xEF\xBF\xBD run");
    CHECK(load_history(format_run_toml(latin1.runs.at(0)), "n.toml", day("2026-11-21")).ok());

    // Everything that imports loads back as the same runs.
    auto text = gpx(gpx_track(hundred_metre_descent(), "2026-10-05T10:00:00Z", 7, "<name>Race day</name><type>running</type>"));
    auto r = import_activities(text, options());
    REQUIRE(r.ok());
    std::string toml = "[runner]\nunits = \"km\"\n";
    for (const auto& run : r.runs) toml += format_run_toml(run);
    auto loaded = load_history(toml, "imported.toml", day("2026-11-21"));
    REQUIRE(loaded.ok());
    CHECK(loaded.history->runs.at(0).distance == r.runs.at(0).distance);
    CHECK(*loaded.history->runs.at(0).descent == 100);
}

TEST_CASE("a run already in the history is one with the same date and a distance within 0.05") {
    auto run = [](const char* date, double distance) {
        Run r;
        r.date = day(date);
        r.distance = distance;
        return r;
    };
    std::vector<Run> existing = {run("2026-10-05", 8.0), run("2026-10-06", 5.0)};
    auto fresh = drop_duplicate_runs({run("2026-10-05", 8.05), run("2026-10-05", 8.06), run("2026-10-07", 5.0),
                                      run("2026-10-07", 4.98), run("2026-10-06", 4.95)},
                                     existing);
    CHECK(fresh.duplicates == 3);
    REQUIRE(fresh.runs.size() == 2);
    CHECK(fresh.runs[0].distance == 8.06);
    CHECK(fresh.runs[1].date == day("2026-10-07"));
    CHECK(fresh.runs[1].distance == 5.0);
}

TEST_CASE("a pointed summit and a V-shaped valley count their full drop") {
    // A point every 3 m at 10%: 100 m up to 150 m and down to 100 m, twice.
    std::vector<double> e;
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 167; ++i) e.push_back(100 + 0.3 * i);
        for (int i = 0; i < 167; ++i) e.push_back(150.1 - 0.3 * i);
    }
    e.push_back(100);
    auto r = filtered_descent(e, cumulative(e.size(), 3.0));
    // Summits of 150.1 m, valley floors of 100 m: 50.1 m twice.
    CHECK(r.descent_m == doctest::Approx(100.2));
}

namespace {

// A TCX running activity from `laps`, each a list of trackpoint bodies.
std::string tcx(const std::vector<std::vector<std::string>>& laps) {
    std::string s = "<?xml version=\"1.0\"?>\n<TrainingCenterDatabase><Activities>\n"
                    "<Activity Sport=\"Running\"><Id>2026-10-05T10:00:00Z</Id>\n";
    for (const auto& lap : laps) {
        s += "<Lap StartTime=\"2026-10-05T10:00:00Z\"><Track>\n";
        for (const auto& pt : lap) s += "<Trackpoint>" + pt + "</Trackpoint>\n";
        s += "</Track></Lap>\n";
    }
    return s + "</Activity></Activities></TrainingCenterDatabase>\n";
}

std::string tcx_point(int i, bool position, std::optional<double> distance) {
    std::string s = fmt::format("<Time>2026-10-05T10:{:02}:{:02}Z</Time>", i / 60, i % 60);
    if (position)
        s += fmt::format("<Position><LatitudeDegrees>{:.3f}</LatitudeDegrees><LongitudeDegrees>0</LongitudeDegrees>"
                         "</Position>",
                         0.001 * i);
    if (distance) s += fmt::format("<DistanceMeters>{}</DistanceMeters>", *distance);
    return s + "<HeartRateBpm><Value>140</Value></HeartRateBpm>";
}

}  // namespace

TEST_CASE("TCX: a new lap is no pause, and a point without a measure keeps the chain") {
    // Positions only, 10 points in each of 3 laps: 29 steps of 0.001 degrees.
    std::vector<std::vector<std::string>> laps(3);
    for (int i = 0; i < 30; ++i) laps[static_cast<std::size_t>(i / 10)].push_back(tcx_point(i, true, std::nullopt));
    auto r = import_activities(tcx(laps), options());
    REQUIRE(r.ok());
    CHECK(r.runs.at(0).distance == 3.22);  // 29 x 111.2 m
    // Every third point after the first carries only a heart rate: the distance is the same.
    for (int i = 3; i < 30; i += 3) laps[static_cast<std::size_t>(i / 10)][static_cast<std::size_t>(i % 10)] =
        tcx_point(i, false, std::nullopt);
    laps[2][9] = tcx_point(29, true, std::nullopt);  // keep the last position
    auto sparse = import_activities(tcx(laps), options());
    REQUIRE(sparse.ok());
    CHECK(sparse.runs.at(0).distance == r.runs.at(0).distance);
    // Device distances with every third one missing: the last one the device gave.
    std::vector<std::vector<std::string>> treadmill(1);
    for (int i = 0; i < 30; ++i)
        treadmill[0].push_back(tcx_point(i, false, i % 3 == 1 ? std::nullopt : std::optional<double>(100.0 * i)));
    auto device = import_activities(tcx(treadmill), options());
    REQUIRE(device.ok());
    CHECK(device.runs.at(0).distance == 2.9);
    // A second <Track> in one lap follows a pause: nothing is counted across it.
    std::string paused = tcx({{tcx_point(0, true, std::nullopt), tcx_point(1, true, std::nullopt)}});
    auto at = paused.find("</Track>");
    paused.insert(at + 8, "<Track><Trackpoint>" + tcx_point(5, true, std::nullopt) + "</Trackpoint><Trackpoint>" +
                              tcx_point(6, true, std::nullopt) + "</Trackpoint></Track>");
    auto p = import_activities(paused, options());
    REQUIRE(p.ok());
    CHECK(p.runs.at(0).distance == 0.22);  // 2 x 111.2 m
}

TEST_CASE("GPX: an empty track is skipped and counted, the file's time dates a track without times") {
    auto r = import_activities(gpx(gpx_track({10, 10, 10}) + "<trk><name>Empty</name><trkseg></trkseg></trk>\n"),
                               options());
    REQUIRE(r.ok());
    CHECK(r.runs.size() == 1);
    CHECK(r.without_distance == 1);
    auto timeless = "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
                    "<metadata><time>2026-10-07T06:30:00Z</time></metadata>\n"
                    "<trk><trkseg><trkpt lat=\"0\" lon=\"0\"/><trkpt lat=\"0.01\" lon=\"0\"/></trkseg></trk></gpx>\n";
    auto t = import_activities(timeless, options());
    REQUIRE(t.ok());
    CHECK(t.runs.at(0).date == day("2026-10-07"));
    CHECK_FALSE(t.runs.at(0).duration);
    auto v10 = "<?xml version=\"1.0\"?>\n<gpx version=\"1.0\"><time>2026-10-08T06:30:00Z</time>\n"
               "<trk><trkseg><trkpt lat=\"0\" lon=\"0\"/><trkpt lat=\"0.01\" lon=\"0\"/></trkseg></trk></gpx>\n";
    auto t10 = import_activities(v10, options());
    REQUIRE(t10.ok());
    CHECK(t10.runs.at(0).date == day("2026-10-08"));
}

// ---------------------------------------------------------------------------------------
// Sport decisions on tracks that name no sport, and the shapes of real files.

namespace {

// A track of `points` points 111 m apart, `seconds` apart, with `inner` after its name.
std::string named_track(const std::string& name, int points, int seconds, const std::string& inner = "") {
    std::string s = "<trk><name>" + name + "</name>" + inner + "<trkseg>\n";
    for (int i = 0; i < points; ++i) {
        int t = 10 * 3600 + i * seconds;
        s += fmt::format("<trkpt lat=\"{:.3f}\" lon=\"0\"><time>2026-10-05T{:02}:{:02}:{:02}Z</time></trkpt>\n",
                         0.001 * i, t / 3600, t / 60 % 60, t % 60);
    }
    return s + "</trkseg></trk>\n";
}

}  // namespace

TEST_CASE("a track without a sport is skipped when its name or its speed says it was no run, with a note") {
    // 30 s per 111 m is 13.3 km/h: a run by speed.
    auto ride = import_activities(gpx(named_track("Cycling 10/2/17 10:49 am", 40, 30)), options());
    CHECK(ride.runs.empty());
    CHECK(ride.non_running_inferred == 1);
    REQUIRE(ride.notes.size() == 1);
    CHECK(ride.notes[0].message == "skipped: the file names no sport and the name 'Cycling 10/2/17 10:49 am' says 'cycling'");
    CHECK(import_activities(gpx(named_track("Radfahrt am Abend", 40, 30)), options()).non_running_inferred == 1);
    CHECK(import_activities(gpx(named_track("Évening ride to the run club", 40, 30)), options()).runs.size() == 1);

    // 16 s per 111 m is 25 km/h: faster than anyone runs for long.
    auto fast = import_activities(gpx(named_track("Morning", 40, 16)), options());
    CHECK(fast.runs.empty());
    REQUIRE(fast.notes.size() == 1);
    CHECK(fast.notes[0].message == "skipped: the file names no sport and its average of 25.0 km/h is faster than running");
    CHECK(fast.notes[0].expected == "at most 21.6 km/h for a run");

    auto guessed = import_activities(gpx(named_track("Morning", 40, 30)), options());
    REQUIRE(guessed.runs.size() == 1);
    CHECK(guessed.guessed_runs == 1);
    CHECK(guessed.notes.at(0).message == "taken as a run: the file names no sport; average 13.3 km/h");

    // A declared sport decides, speed or not; Strava's numeric GPX types: 9 is a run.
    CHECK(import_activities(gpx(named_track("Morning", 40, 16, "<type>running</type>")), options()).runs.size() == 1);
    CHECK(import_activities(gpx(named_track("Morning", 40, 30, "<type>9</type>")), options()).runs.size() == 1);
    auto code = import_activities(gpx(named_track("Morning Run", 40, 30, "<type>1</type>")), options());
    CHECK(code.runs.empty());
    CHECK(code.non_running == 1);
    CHECK(code.notes.empty());
}

TEST_CASE("TCX: multisport legs, lowercase sports, leading whitespace, laps' own distance") {
    auto activity = [](const std::string& sport, const std::string& lap_metres, const std::string& start) {
        return "<Activity Sport=\"" + sport + "\"><Id>" + start + "</Id><Lap StartTime=\"" + start +
               "\"><TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>" + lap_metres +
               "</DistanceMeters><Track>"
               "<Trackpoint><Time>" + start + "</Time><Position><LatitudeDegrees>0</LatitudeDegrees>"
               "<LongitudeDegrees>0</LongitudeDegrees></Position></Trackpoint>"
               "<Trackpoint><Time>2026-10-05T10:10:00Z</Time><Position><LatitudeDegrees>0.01</LatitudeDegrees>"
               "<LongitudeDegrees>0</LongitudeDegrees></Position></Trackpoint></Track></Lap></Activity>";
    };
    auto tcx = [](const std::string& body) {
        return "   \n <?xml version=\"1.0\"?>\n<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/"
               "TrainingCenterDatabase/v2\"><Activities>" + body + "</Activities></TrainingCenterDatabase>\n";
    };
    auto multi = import_activities(tcx("<MultiSportSession><Id>2026-10-05T09:00:00Z</Id><FirstSport>" +
                                       activity("Biking", "20000", "2026-10-05T09:00:00Z") + "</FirstSport><NextSport>" +
                                       activity("running", "2500", "2026-10-05T10:00:00Z") + "</NextSport><NextSport>" +
                                       activity("Biking", "20000", "2026-10-05T11:00:00Z") +
                                       "</NextSport></MultiSportSession>"),
                                   options());
    REQUIRE(multi.ok());
    REQUIRE(multi.runs.size() == 1);
    // The lap says 2.5 km; the positions, 1.11 km: the device's own total wins.
    CHECK(multi.runs[0].distance == 2.5);
    CHECK(multi.non_running == 2);
}

TEST_CASE("a GPX point without a position is passed over, not fatal") {
    auto text = gpx("<trk><type>running</type><trkseg><trkpt><ele>5</ele><time>2026-10-05T09:59:00Z</time></trkpt>" +
                    named_track("x", 10, 30).substr(std::string("<trk><name>x</name><trkseg>\n").size()));
    auto r = import_activities(text, options());
    REQUIRE(r.ok());
    REQUIRE(r.runs.size() == 1);
    CHECK(r.runs[0].distance == 1.0);
    CHECK(*r.runs[0].duration == doctest::Approx(5.5));  // from the first point's time
}

TEST_CASE("localised exports: Strava in German and Dutch, Garmin Connect in Hungarian, French and Italian") {
    auto de = import_activities("\xEF\xBB\xBF" "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Verstrichene Zeit,"
                                "Distanz,Dateiname\r\n"
                                "1,\"21.07.2026, 15:09:27\",Lauf am Nachmittag,Lauf,1390,\"2,81\",\r\n"
                                "2,\"22.07.2026, 15:09:27\",Feierabendrunde,Radfahrt,3600,\"20,5\",activities/2.fit.gz\r\n",
                                options());
    REQUIRE(de.ok());
    REQUIRE(de.runs.size() == 1);
    CHECK(de.runs[0].date == day("2026-07-21"));
    CHECK(de.runs[0].distance == 2.81);
    CHECK(de.non_running == 1);
    REQUIRE(de.indexed.size() == 1);
    CHECK(de.indexed[0].file == "activities/2.fit.gz");

    auto nl = import_activities("Activiteits-ID,Datum van activiteit,Naam activiteit,Activiteitstype,Verstreken tijd,Afstand,"
                                "Bestandsnaam,Afstand,Hoogteverlies\n"
                                "1,23 jun. 2017 15:52:12,Middagloop,Hardloopsessie,1459,\"4,73\",,4731.5,-0.10000000149011612\n"
                                "2,4 mei 2018 06:10:00,Ochtendloop,Hardloopsessie,1459,\"4,73\",,,\n",
                                options());
    REQUIRE(nl.ok());
    REQUIRE(nl.runs.size() == 2);
    CHECK(nl.runs[0].date == day("2017-06-23"));
    CHECK(nl.runs[0].distance == 4.73);
    CHECK(*nl.runs[0].descent == 0);  // float noise below 0
    CHECK(nl.runs[1].date == day("2018-05-04"));

    auto hu = import_activities("Tevékenység típusa,Dátum,Kedvenc,Cím,Távolság,Idő,Teljes süllyedés,Eltelt idő\r\n"
                                "Futás,2024-08-09 18:31:09,false,\"Bp Futás\",\"3.40\",\"01:01:34\",\"1,019\",\"01:01:34\"\r\n"
                                "Teremfutás,2024-08-10 18:31:09,false,\"Terem\",\"5.00\",\"00:30:00\",\"--\",\"00:30:00\"\r\n"
                                "Kerékpározás,2024-08-11 18:31:09,false,\"Bringa\",\"20.00\",\"01:00:00\",\"10\",\"01:00:00\"\r\n",
                                options());
    REQUIRE(hu.ok());
    REQUIRE(hu.runs.size() == 2);
    CHECK(*hu.runs[0].descent == 1019);
    CHECK(hu.runs[1].surface == Surface::treadmill);
    CHECK(hu.non_running == 1);

    auto fr = import_activities("Type d'activité,Date,Favori,Titre,Distance,Durée,Descente totale\n"
                                "Course à pied,2026-08-10 10:52:21,false,\"Sortie du matin\",\"3.95\",\"00:35:20\",\"5\"\n"
                                "Course à pied sur tapis roulant,2026-08-11 10:52:21,false,\"Tapis\",\"5.00\",\"00:30:00\",\"--\"\n"
                                "Musculation,2026-06-20 10:04:15,false,\"Musculation\",\"0.00\",\"00:57:59\",\"--\"\n",
                                options());
    REQUIRE(fr.ok());
    REQUIRE(fr.runs.size() == 2);
    CHECK(fr.runs[1].surface == Surface::treadmill);
    CHECK(fr.non_running == 1);

    // Strava in Spanish, told from Garmin's Spanish export by its date column.
    auto es = import_activities("ID de actividad,Fecha de la actividad,Nombre de la actividad,Tipo de actividad,Distancia,"
                                "Nombre del archivo\n1,\"12 feb 2024, 8:15:30\",Rodaje,Carrera,\"10,5\",\n",
                                options());
    REQUIRE(es.ok());
    CHECK(es.format == ImportFormat::strava_csv);
    CHECK(es.runs.at(0).distance == 10.5);

    // Strava in Italian (names unverified, see docs/manual/import.md), told from Garmin's
    // Italian export by its date column.
    auto it_strava = import_activities("ID attività,Data attività,Nome attività,Tipo attività,Distanza,Tempo trascorso,"
                                       "Nome file\n7,\"12 feb 2024, 8:15:30\",Lento,Corsa,\"10,5\",3900,\n",
                                       options());
    REQUIRE(it_strava.ok());
    CHECK(it_strava.format == ImportFormat::strava_csv);
    CHECK(it_strava.runs.at(0).distance == 10.5);
    CHECK(it_strava.runs.at(0).date.to_string() == "2024-02-12");

    auto it = import_activities("Tipo di attività,Data,Preferita,Titolo,Distanza,Tempo,Discesa totale\n"
                                "Corsa,2026-08-10 10:52:21,false,\"Corsa\",\"8.00\",\"00:45:00\",\"30\"\n",
                                options());
    REQUIRE(it.ok());
    CHECK(it.runs.at(0).distance == 8.0);
}

TEST_CASE("Strava's 2018 layout has metres and ISO dates, an HTML header cell is read as its text") {
    auto old = import_activities("id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n"
                                 "1636510221,2018-06-13 17:41:27,Evening Run,Run,,3111,6518.9,false,,activities/1636510221.gpx\n"
                                 "193569569,2014-09-12 16:54:28,Evening Ride,Ride,,9462,43057.4,false,,\n",
                                 options());
    REQUIRE(old.ok());
    REQUIRE(old.runs.size() == 1);
    CHECK(old.runs[0].distance == 6.52);
    CHECK(*old.runs[0].duration == doctest::Approx(3111 / 60.0));
    CHECK(old.format == ImportFormat::strava_csv);

    auto html = import_activities(
        "Activity ID,Activity Date,Activity Name,\"<span class=\"\"translation_missing\"\">Activity Type</span>\",Distance\n"
        "1,\"Jul 14, 2020, 10:36:55 PM\",\"Corrida\nda noite\",Run,5.00\n",
        options());
    REQUIRE(html.ok());
    REQUIRE(html.runs.size() == 1);
    CHECK(*html.runs[0].note == "Corrida\nda noite");
}

TEST_CASE("an export in a language rkplan does not know is refused, naming its header") {
    auto pt = import_activities("Tipo de atividade,Data,Favorito,Título,Distância\nCorrida,2026-10-05 07:00:00,false,x,5\n",
                                options());
    REQUIRE(pt.diagnostics.size() == 1);
    CHECK(pt.diagnostics[0].message ==
          "the CSV header 'Tipo de atividade', 'Data', 'Favorito', 'Título' names no activity type, date and distance "
          "columns rkplan knows");
    CHECK(pt.diagnostics[0].pos == SourcePos{1, 1});
    CHECK(pt.runs.empty());
}

TEST_CASE("one bad activity does not sink the others: it is reported and counted") {
    auto r = import_activities("Activity Type,Date,Title,Distance\n"
                               "Running,2026-10-05 07:00:00,a,5\nRunning,2026-13-05 07:00:00,b,5\nRunning,2026-10-07 07:00:00,c,6\n",
                               options());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].pos == SourcePos{3, 9});
    CHECK(r.invalid == 1);
    REQUIRE(r.runs.size() == 2);
    CHECK(r.runs[1].distance == 6);
}
