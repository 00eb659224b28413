// FIT import through the project's own FIT writer (tests/support/fit_writer.hpp).
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "rkplan/import.hpp"
#include "support/fit_writer.hpp"

using namespace rkplan;
namespace fw = rkplan::fit_writer;

namespace {

constexpr std::int64_t morning = 1791194400;  // 2026-10-05T10:00:00Z

ImportOptions options(Units units = Units::km) {
    ImportOptions o;
    o.units = units;
    o.local_day = fixed_utc_offset(0);
    o.today = *Date::parse("2026-11-21");
    return o;
}

// A 500 m run: up 20 m over the first 200 m, down 20 m over the next 200 m, then flat.
fw::Session hill_run() {
    fw::Session s;
    s.sport = fw::sport::running;
    s.sub_sport = fw::sub_sport::generic;
    s.start_unix = morning;
    s.elapsed_s = 1900;
    s.timer_s = 1800;
    s.distance_m = 5000;
    s.descent_m = 20;
    s.records = fw::track(morning, {100, 110, 120, 110, 100, 100});
    return s;
}

// A run's values without its position (which is the session's byte offset).
std::string values(const Run& r) {
    return fmt::format("{} {} {} {} {} {}", r.date.to_string(), r.distance, r.duration.value_or(-1), r.descent.value_or(-1),
                       r.downhill.value_or(-1), r.surface ? static_cast<int>(*r.surface) : -1);
}

std::string crc_hex(std::string_view bytes) { return fmt::format("0x{:04X}", fw::crc16(bytes)); }

}  // namespace

TEST_CASE("a FIT running session is one run with the session's distance, timer time and descent") {
    auto file = fw::activity_file({hill_run()});
    auto r = import_activities(file, options());
    CHECK(r.format == ImportFormat::fit);
    REQUIRE(r.ok());
    REQUIRE(r.runs.size() == 1);
    const auto& run = r.runs[0];
    CHECK(run.date == *Date::parse("2026-10-05"));
    CHECK(run.distance == 5.0);          // the session's 5000 m, not the records' 500 m
    CHECK(run.duration == 30.0);         // timer time: 1800 s, the 100 s of pause left out
    CHECK(run.descent == 20.0);          // the session's total_descent
    CHECK(run.downhill == 0.2);          // records: from the summit at 200 m to the floor at 400 m
    CHECK(!run.surface.has_value());
    CHECK(r.non_running == 0);
    CHECK(r.warnings.empty());
    // The session message is the last in the file, before the CRC: 25 bytes.
    CHECK(run.pos == SourcePos{1, static_cast<int>(file.size() - 2 - 25) + 1});

    auto miles = import_activities(file, options(Units::mi));
    REQUIRE(miles.runs.size() == 1);
    CHECK(miles.runs[0].distance == 3.11);
    CHECK(miles.runs[0].descent == 66.0);
}

TEST_CASE("FIT definitions in either byte order, compressed timestamps and developer fields read alike") {
    auto little = import_activities(fw::activity_file({hill_run()}), options());
    REQUIRE(little.runs.size() == 1);
    auto expected = values(little.runs[0]);
    CHECK(expected == "2026-10-05 5 30 20 0.2 -1");
    fw::ActivityOptions big;
    big.endian = fw::Endian::big;
    fw::ActivityOptions compact;
    compact.compressed_timestamps = true;
    compact.developer_fields = true;
    fw::ActivityOptions both = compact;
    both.endian = fw::Endian::big;
    for (const auto& o : {big, compact, both}) {
        auto r = import_activities(fw::activity_file({hill_run()}, o), options());
        REQUIRE(r.ok());
        REQUIRE(r.runs.size() == 1);
        CHECK(values(r.runs[0]) == expected);
    }
    // Without the session's descent, the records' profile gives it: the same 20 m.
    auto s = hill_run();
    s.descent_m.reset();
    for (const auto& o : {fw::ActivityOptions{}, compact, both}) {
        auto r = import_activities(fw::activity_file({s}, o), options());
        REQUIRE(r.runs.size() == 1);
        CHECK(values(r.runs[0]) == expected);
    }
}

TEST_CASE("compressed timestamps roll over their five bits") {
    // Records every 7 s from a time whose low five bits are 30: the second record's offset
    // (5) is below 30, so it lies in the next 32-second window.
    auto s = hill_run();
    std::int64_t start = morning + 30 - (morning - fw::fit_epoch_unix) % 32;
    s.start_unix = start;
    s.records = fw::track(start, {100, 110, 120, 110, 100, 100}, 100, 7);
    s.elapsed_s = 35;  // the records end at +35 s: all inside only if their times are right
    s.timer_s = 35;
    s.descent_m.reset();
    fw::ActivityOptions compact;
    compact.compressed_timestamps = true;
    auto r = import_activities(fw::activity_file({s}, compact), options());
    REQUIRE(r.runs.size() == 1);
    CHECK(r.runs[0].descent == 20.0);
    CHECK(r.runs[0].downhill == 0.2);
}

TEST_CASE("a chained multisport FIT file gives its run leg only, the other legs are counted by sport") {
    fw::Session swim;
    swim.sport = fw::sport::swimming;
    swim.sub_sport = fw::sub_sport::open_water;
    swim.start_unix = morning;
    swim.elapsed_s = 1800;
    swim.distance_m = 1500;
    fw::Session t1 = swim;
    t1.sport = fw::sport::transition;
    t1.start_unix = morning + 1800;
    t1.elapsed_s = 120;
    t1.distance_m = 100;
    fw::Session bike = swim;
    bike.sport = fw::sport::cycling;
    bike.sub_sport = fw::sub_sport::generic;
    bike.start_unix = morning + 1920;
    bike.elapsed_s = 3600;
    bike.distance_m = 40000;
    bike.records = fw::track(morning + 1920, {100, 140, 100}, 20000, 1800);
    auto run = hill_run();
    run.start_unix = morning + 5520;
    run.records = fw::track(morning + 5520, {100, 110, 120, 110, 100, 100});
    // Three files back to back, as the Forerunner 920XT writes a triathlon.
    auto file = fw::activity_file({swim}) + fw::activity_file({t1, bike}, {fw::Endian::big}) + fw::activity_file({run});
    auto r = import_activities(file, options());
    REQUIRE(r.ok());
    REQUIRE(r.runs.size() == 1);
    CHECK(values(r.runs[0]) == "2026-10-05 5 30 20 0.2 -1");
    CHECK(r.non_running == 3);
    CHECK(r.skipped_sports == std::map<std::string, int>{{"cycling", 1}, {"swimming", 1}, {"transition", 1}});
    CHECK(r.warnings.empty());
}

TEST_CASE("a FIT ride, swim or walk is skipped and named, never a run") {
    for (auto [sport, name] : {std::pair{fw::sport::cycling, "cycling"}, std::pair{fw::sport::swimming, "swimming"},
                               std::pair{fw::sport::walking, "walking"}, std::pair{fw::sport::generic, "generic"},
                               std::pair{99, "sport 99"}}) {
        auto s = hill_run();
        s.sport = sport;
        auto r = import_activities(fw::activity_file({s}), options());
        REQUIRE(r.ok());
        CHECK(r.runs.empty());
        CHECK(r.non_running == 1);
        CHECK(r.skipped_sports == std::map<std::string, int>{{name, 1}});
    }
}

TEST_CASE("a FIT treadmill run without positions keeps its session distance and is on a treadmill") {
    fw::Session s;
    s.sport = fw::sport::running;
    s.sub_sport = fw::sub_sport::treadmill;
    s.start_unix = morning;
    s.elapsed_s = 3763.5;
    s.timer_s = 3097.8;
    s.distance_m = 10630.37;
    for (int i = 0; i < 10; ++i) {
        fw::Record rec;
        rec.unix_time = morning + i * 300;
        rec.distance_m = i * 1000.0;
        s.records.push_back(rec);
    }
    auto r = import_activities(fw::activity_file({s}), options());
    REQUIRE(r.runs.size() == 1);
    CHECK(values(r.runs[0]) == fmt::format("2026-10-05 10.63 {} -1 -1 {}", 3098.0 / 60, static_cast<int>(Surface::treadmill)));

    s.sub_sport = fw::sub_sport::trail;
    CHECK(import_activities(fw::activity_file({s}), options()).runs.at(0).surface == Surface::trail);
    s.sub_sport = fw::sub_sport::track;
    CHECK(import_activities(fw::activity_file({s}), options()).runs.at(0).surface == Surface::track);
    s.sub_sport = fw::sub_sport::virtual_activity;
    CHECK(import_activities(fw::activity_file({s}), options()).runs.at(0).surface == Surface::treadmill);
    s.sub_sport = fw::sub_sport::street;
    CHECK(!import_activities(fw::activity_file({s}), options()).runs.at(0).surface.has_value());
}

TEST_CASE("a FIT session without a sport takes its sport message's, or is skipped with a reason") {
    auto s = hill_run();
    s.with_sport_field = false;
    fw::ActivityOptions no_sport_messages;
    no_sport_messages.sport_messages = false;
    auto r = import_activities(fw::activity_file({s}, no_sport_messages), options());
    REQUIRE(r.ok());
    CHECK(r.runs.empty());
    CHECK(r.non_running == 1);
    CHECK(r.skipped_sports == std::map<std::string, int>{{"unknown sport", 1}});
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].message ==
          "a FIT session without a sport: not imported, rkplan does not guess a sport");
}

TEST_CASE("a FIT file without sessions is a run only when its sport message says running") {
    auto s = hill_run();
    fw::ActivityOptions records_only;
    records_only.sessions = false;
    auto r = import_activities(fw::activity_file({s}, records_only), options());
    REQUIRE(r.ok());
    REQUIRE(r.runs.size() == 1);
    // From the records: 500 m of device distance over 150 s, the profile's 20 m descent.
    CHECK(values(r.runs[0]) == "2026-10-05 0.5 2.5 20 0.2 -1");

    s.sport = fw::sport::cycling;
    r = import_activities(fw::activity_file({s}, records_only), options());
    CHECK(r.runs.empty());
    CHECK(r.skipped_sports == std::map<std::string, int>{{"cycling", 1}});

    records_only.sport_messages = false;
    r = import_activities(fw::activity_file({hill_run()}, records_only), options());
    REQUIRE(r.ok());
    CHECK(r.runs.empty());
    CHECK(r.non_running == 1);
    CHECK(r.skipped_sports == std::map<std::string, int>{{"unknown sport", 1}});
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].pos == SourcePos{1, 1});
}

TEST_CASE("a FIT file with a wrong CRC is refused at the CRC's byte offset") {
    auto file = fw::activity_file({hill_run()});
    auto damaged = file;
    damaged[40] = static_cast<char>(damaged[40] ^ 0x01);
    auto r = import_activities(damaged, options());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.runs.empty());
    auto stored = fmt::format("0x{:04X}", fw::crc16(file.substr(0, file.size() - 2)));
    CHECK(r.diagnostics[0].message == fmt::format("the FIT file's CRC is {}, its bytes give {}: the file is damaged", stored,
                                                  crc_hex(std::string_view(damaged).substr(0, damaged.size() - 2))));
    CHECK(r.diagnostics[0].pos == SourcePos{1, static_cast<int>(file.size() - 2) + 1});
    CHECK(format_import_diagnostics("w.fit", damaged, r.format, r.diagnostics) ==
          fmt::format("w.fit: byte {}: error: {}; expected an intact FIT file (its CRC-16 over the header and the data)\n",
                      file.size() - 2, r.diagnostics[0].message));

    // The header's own CRC.
    damaged = file;
    damaged[1] = 0x10;
    r = import_activities(damaged, options());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].pos == SourcePos{1, 13});
    CHECK(r.diagnostics[0].message.starts_with("the FIT header's CRC is "));
}

TEST_CASE("a FIT header without its CRC (0, or a 12-byte header) is read") {
    fw::Writer w;
    fw::write_activity(w, {hill_run()});
    for (auto file : {w.file(false), w.file(true, 12)}) {
        auto r = import_activities(file, options());
        REQUIRE(r.ok());
        CHECK(r.runs.size() == 1);
    }
}

TEST_CASE("a chained FIT file damaged in its second part keeps the first part's runs and says where") {
    auto first = fw::activity_file({hill_run()});
    auto second_run = hill_run();
    second_run.start_unix = morning + 86400;
    second_run.records = fw::track(morning + 86400, {100, 100});
    auto second = fw::activity_file({second_run});
    second[second.size() - 1] = static_cast<char>(second.back() ^ 0xFF);
    auto r = import_activities(first + second, options());
    REQUIRE(r.ok());
    REQUIRE(r.runs.size() == 1);
    CHECK(r.runs[0].date == *Date::parse("2026-10-05"));
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].pos == SourcePos{1, static_cast<int>(first.size() + second.size() - 2) + 1});
    CHECK(r.warnings[0].message.starts_with("the FIT file's CRC is "));
}

TEST_CASE("a truncated FIT file imports the sessions before the cut, without a profile of part of the run") {
    // The session first, then the records (as the Strava app writes), cut in a record.
    fw::Writer w;
    auto s = hill_run();
    s.descent_m.reset();
    auto records = s.records;
    s.records.clear();
    fw::write_activity(w, {s});
    for (const auto& rec : records)
        w.data(1, {fw::fit_time(rec.unix_time), fw::scaled(rec.lat, 2147483648.0 / 180), fw::scaled(rec.lon, 2147483648.0 / 180),
                   fw::scaled(rec.altitude_m, 5, 500), fw::scaled(rec.distance_m, 100)});
    auto full = w.file();
    const std::size_t record_size = 1 + 4 * 5;
    auto cut = full.substr(0, full.size() - 2 - record_size / 2);
    auto r = import_activities(cut, options());
    REQUIRE(r.ok());
    REQUIRE(r.runs.size() == 1);
    CHECK(values(r.runs[0]) == "2026-10-05 5 30 -1 -1 -1");  // no descent: the records stop early
    REQUIRE(r.warnings.size() == 2);
    CHECK(r.warnings[0].pos == SourcePos{1, 5});
    CHECK(r.warnings[0].message == fmt::format("the FIT header announces {} bytes of data and a CRC, the file holds {} after "
                                               "the header: it is truncated; what comes before it is imported",
                                               full.size() - 16, cut.size() - 14));
    CHECK(r.warnings[1].pos == SourcePos{1, static_cast<int>(full.size() - 2 - record_size) + 1});
    CHECK(r.warnings[1].message == "the file ends inside a data message (10 of its 20 bytes are there); what comes before it is imported");
    CHECK(format_import_diagnostics("s.fit", cut, r.format, r.warnings, "warning") ==
          fmt::format("s.fit: byte 4: warning: {}\ns.fit: byte {}: warning: {}\n", r.warnings[0].message,
                      full.size() - 2 - record_size, r.warnings[1].message));

    // Cut inside the session message of a file that ends with it: no session survives, the
    // sport message says running, and the records make the run.
    auto ends_with_session = fw::activity_file({hill_run()});
    r = import_activities(ends_with_session.substr(0, ends_with_session.size() - 2 - 5), options());
    REQUIRE(r.runs.size() == 1);
    CHECK(values(r.runs[0]) == "2026-10-05 0.5 2.5 20 0.2 -1");
    CHECK(r.warnings.size() == 2);
}

TEST_CASE("a FIT file damaged before anything could be read is a located error") {
    fw::Writer w;
    w.raw(std::string("\x05", 1));  // a data message of local type 5: no definition
    auto r = import_activities(w.file(), options());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].pos == SourcePos{1, 15});
    CHECK(r.diagnostics[0].message == "a data message of local type 5 that no definition precedes");

    fw::Writer arch;
    arch.raw(std::string("\x40\x00\x02\x14\x00\x00", 6));  // architecture 2
    r = import_activities(arch.file(), options());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "a definition message with architecture 2 (0 or 1 expected)");
    CHECK(r.diagnostics[0].pos == SourcePos{1, 15});

    for (std::string bad : {std::string("\x0e\x10\x43\x08"), std::string("\x0c\x10\x43\x08\x00\x00\x00\x00.FIX", 12),
                            std::string("\x08\x10\x43\x08\x00\x00\x00\x00.FIT", 12)}) {
        r = import_activities(bad, options());
        CHECK(!r.ok());
        CHECK(r.runs.empty());
    }
}

TEST_CASE("a FIT session whose clock was never set has no date and is refused at its offset") {
    auto s = hill_run();
    s.start_unix = fw::fit_epoch_unix + 1000;  // 1000 s after power-on: not a date
    s.records = fw::track(s.start_unix, {100, 100});
    auto file = fw::activity_file({s});
    auto r = import_activities(file, options());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "the running session has no start time (or the watch's clock was not set)");
    CHECK(r.diagnostics[0].pos == SourcePos{1, static_cast<int>(file.size() - 2 - 25) + 1});
}

TEST_CASE("a FIT file of more than a million track records stops there with a warning") {
    fw::Writer w;
    w.define(0, fw::mesg::sport, {{0, 1, fw::base::enum_}});
    w.data(0, {fw::sport::running});
    w.define(1, fw::mesg::record, {{253, 4, fw::base::uint32}, {5, 4, fw::base::uint32}});
    auto t = fw::fit_time(morning);
    w.data(1, {t, 0});
    w.define(2, fw::mesg::record, {{5, 4, fw::base::uint32}});
    std::size_t over_at = 0;
    for (std::int64_t i = 1; i <= 1'000'000; ++i) {  // records 2 to 1,000,001, all at the same second
        if (i == 1'000'000) over_at = 14 + w.data_bytes().size();
        w.compressed(2, static_cast<std::uint8_t>(t & 0x1F), {i});
    }
    auto r = import_activities(w.file(), options());
    REQUIRE(r.ok());
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].message == "more than 1000000 track records; what comes before it is imported");
    CHECK(r.warnings[0].pos == SourcePos{1, static_cast<int>(over_at) + 1});
    REQUIRE(r.runs.size() == 1);
    CHECK(r.runs[0].distance == 10.0);  // 999,999 steps of 1 cm
}
