#pragma once
/// \file date.hpp
/// Calendar dates as whole days, and the week arithmetic rkplan needs.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace rkplan {

/// A calendar date without a time zone, stored as days since 1970-01-01.
struct Date {
    int days = 0;

    /// Builds a date; returns nullopt for impossible dates such as 2026-02-30.
    static std::optional<Date> from_ymd(int year, unsigned month, unsigned day);
    /// Parses exactly `YYYY-MM-DD`; nullopt on anything else.
    static std::optional<Date> parse(std::string_view text);

    int year() const;
    unsigned month() const;
    unsigned day() const;
    /// 0 = Sunday ... 6 = Saturday.
    unsigned weekday() const;
    /// 1 = Monday ... 7 = Sunday.
    unsigned iso_weekday() const;

    /// `YYYY-MM-DD`.
    std::string to_string() const;
    /// `YYYYMMDD` (iCalendar DATE).
    std::string to_basic_string() const;

    Date operator+(int n) const { return Date{days + n}; }
    Date operator-(int n) const { return Date{days - n}; }
    int operator-(Date other) const { return days - other.days; }
    auto operator<=>(const Date&) const = default;
};

/// The day a week starts on.
enum class WeekStart { monday, sunday };

/// The first day of the week that contains `d`.
Date week_start_of(Date d, WeekStart start);

/// The ISO 8601 week name (`2026-W41`) of a week that begins on `first_day`.
/// A Sunday-start week takes the name of its Monday (the day after `first_day`),
/// so both conventions name the same seven days almost alike.
std::string iso_week_name(Date first_day, WeekStart start);

}  // namespace rkplan
