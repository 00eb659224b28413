#include "rkplan/date.hpp"

#include <chrono>
#include <fmt/format.h>

namespace rkplan {

namespace {

std::chrono::year_month_day to_ymd(Date d) {
    return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{d.days}}};
}

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

std::optional<Date> Date::from_ymd(int year, unsigned month, unsigned day) {
    if (year < 1 || year > 9999) return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                    std::chrono::day{day}};
    if (!ymd.ok()) return std::nullopt;
    return Date{static_cast<int>(std::chrono::sys_days{ymd}.time_since_epoch().count())};
}

std::optional<Date> Date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
    return from_ymd(to_int(y), static_cast<unsigned>(to_int(m)), static_cast<unsigned>(to_int(d)));
}

int Date::year() const { return static_cast<int>(to_ymd(*this).year()); }
unsigned Date::month() const { return static_cast<unsigned>(to_ymd(*this).month()); }
unsigned Date::day() const { return static_cast<unsigned>(to_ymd(*this).day()); }

unsigned Date::weekday() const {
    return std::chrono::weekday{std::chrono::sys_days{std::chrono::days{days}}}.c_encoding();
}

unsigned Date::iso_weekday() const {
    return std::chrono::weekday{std::chrono::sys_days{std::chrono::days{days}}}.iso_encoding();
}

std::string Date::to_string() const {
    return fmt::format("{:04}-{:02}-{:02}", year(), month(), day());
}

std::string Date::to_basic_string() const {
    return fmt::format("{:04}{:02}{:02}", year(), month(), day());
}

Date week_start_of(Date d, WeekStart start) {
    unsigned offset = start == WeekStart::monday ? d.iso_weekday() - 1 : d.weekday();
    return d - static_cast<int>(offset);
}

std::string iso_week_name(Date first_day, WeekStart start) {
    Date monday = start == WeekStart::monday ? first_day : first_day + 1;
    // The ISO year of a week is the year of its Thursday.
    Date thursday = monday + 3;
    int iso_year = thursday.year();
    Date jan1 = *Date::from_ymd(iso_year, 1, 1);
    int week = (thursday - jan1) / 7 + 1;
    return fmt::format("{:04}-W{:02}", iso_year, week);
}

}  // namespace rkplan
