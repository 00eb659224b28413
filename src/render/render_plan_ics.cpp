// The plan's weeks for programs: CSV and TSV rows, and an RFC 5545 iCalendar for calendar
// apps. Both are pure functions of the Plan: the same plan gives the same bytes.

#include <cstdint>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "rkplan/render.hpp"
#include "rkplan/text.hpp"
#include "program_values.hpp"

namespace rkplan {

using program::field_number;

namespace {

std::string_view boolean(bool b) { return b ? "true" : "false"; }

template <typename T, typename F>
std::string join(const std::vector<T>& items, std::string_view sep, F each) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += sep;
        out += each(items[i]);
    }
    return out;
}

const std::vector<std::string> plan_columns = {
    "week",    "start",           "phase",       "step",         "projected",     "referred",
    "distance_cap", "downhill_cap", "descent_cap", "run_days",   "hard_allowed",  "strength_sessions",
    "pullback", "logged",         "remaining",   "run_walk_run", "run_walk_walk", "run_walk_repeats",
    "sessions", "next_gate",      "opens"};

std::vector<std::string> plan_week_fields(const PlanWeek& w) {
    const auto& rw = w.run_walk;
    return {w.week,
            w.start.to_string(),
            w.phase ? std::string(to_string(*w.phase)) : std::string{},
            field_number(w.step),
            std::string(boolean(w.projected)),
            std::string(boolean(w.referred)),
            field_number(w.distance_cap),
            format_decimal(w.downhill_cap),
            format_decimal(w.descent_cap),
            fmt::format("{}", w.run_days),
            std::string(boolean(w.hard_allowed)),
            fmt::format("{}", w.strength_sessions),
            std::string(boolean(w.pullback)),
            format_decimal(w.logged),
            field_number(w.remaining),
            rw ? format_decimal(rw->run) : std::string{},
            rw ? format_decimal(rw->walk) : std::string{},
            rw ? fmt::format("{}", rw->repeats) : std::string{},
            join(w.sessions, ";", [](int s) { return fmt::format("{}", s); }),
            w.next_gate,
            join(w.opens, "; ", [](const std::string& s) { return s; })};
}

// --- iCalendar (RFC 5545) ---

constexpr std::size_t ics_line_octets = 75;  // RFC 5545 §3.1, excluding the CRLF

// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped;
// other control characters, which TEXT may not hold, and bidirectional formatting shown
// as display_text shows them ("\u001B", its backslash escaped in turn).
std::string ics_text(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r':
                if (i + 1 >= s.size() || s[i + 1] != '\n') out += "\\n";  // CRLF becomes one \n
                break;
            case '\t': out += c; break;
            default: {
                auto ch = decode_utf8(s, i);
                auto length = ch ? ch->length : 1;
                for (char shown : display_text(s.substr(i, length))) out += shown == '\\' ? "\\\\" : std::string(1, shown);
                i += length - 1;
            }
        }
    }
    return out;
}

// One content line, folded at 75 octets (CRLF and a space), never inside a UTF-8
// sequence, so that unfolding gives back the line and every piece is valid UTF-8.
std::string ics_fold(std::string_view line) {
    auto continuation = [&](std::size_t i) { return (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80; };
    std::string out;
    std::size_t pos = 0;
    std::size_t room = ics_line_octets;
    while (line.size() - pos > room) {
        std::size_t cut = pos + room;
        while (cut > pos + 1 && continuation(cut)) --cut;
        out.append(line.substr(pos, cut - pos));
        out += "\r\n ";
        pos = cut;
        room = ics_line_octets - 1;  // the leading space counts
    }
    out.append(line.substr(pos));
    out += "\r\n";
    return out;
}


std::string run_walk_text(const LadderStep& s) {
    return s.continuous() ? to_string(s) : "run-walk " + to_string(s);
}

std::string week_summary(const PlanWeek& w, std::size_t row, Units units) {
    auto u = to_string(units);
    std::string what;
    if (w.referred) {
        what = "no running: see a clinician";
    } else if (w.no_running) {
        what = "no running: cross-train and strengthen";
    } else if (w.phase == Phase::run_walk) {
        what = fmt::format("{}, {}", w.run_walk ? run_walk_text(*w.run_walk) : std::string("run-walk"),
                           count_of(w.run_days, "session"));
    } else {
        what = w.distance_cap ? fmt::format("up to {} {}", format_fixed(*w.distance_cap, 1), u) : "no distance cap";
        what += w.downhill_cap > 0 ? fmt::format(", downhill up to {} {}", format_fixed(w.downhill_cap, 1), u)
                                   : std::string(", no downhill");
    }
    if (w.pullback) what += ", pullback";
    return fmt::format("rkplan week {}: {}", row + 1, what);
}

// The event's description, one fact a line; escaped by the caller.
std::string week_description(const PlanWeek& w, std::size_t row, Units units) {
    auto u = to_string(units);
    std::vector<std::string> lines;
    lines.push_back(fmt::format("{} from {} to {}{}.", w.week, w.start.to_string(), (w.start + 6).to_string(),
                                w.projected ? " (projected)" : " (this week)"));
    if (w.phase) {
        std::string phase = fmt::format("Phase {} ({})", to_string(*w.phase), phase_name(*w.phase));
        if (w.step) phase += fmt::format(", ladder step {}", *w.step);
        lines.push_back(phase + ".");
    }
    if (w.referred) lines.push_back("Referred: no running until a sports-medicine clinician has seen the knee.");
    if (w.run_walk)
        lines.push_back(fmt::format("Session: {}{}.", run_walk_text(*w.run_walk),
                                    w.run_walk->continuous()
                                        ? std::string{}
                                        : fmt::format(" (run {} min, walk {} min, {} times)", format_trimmed(w.run_walk->run, 2),
                                                      format_trimmed(w.run_walk->walk, 2), w.run_walk->repeats)));
    if (!w.sessions.empty())
        lines.push_back(fmt::format("Sessions at ladder steps: {}.",
                                    join(w.sessions, ", ", [](int s) { return fmt::format("{}", s); })));
    if (w.distance_cap) lines.push_back(fmt::format("Distance cap: {} {}.", format_fixed(*w.distance_cap, 1), u));
    lines.push_back(w.downhill_cap > 0 ? fmt::format("Downhill cap: {} {}.", format_fixed(w.downhill_cap, 1), u)
                                       : std::string("Downhill: none."));
    lines.push_back(fmt::format("Descent cap: {} {}.", format_fixed(w.descent_cap, 0), elevation_unit(units)));
    lines.push_back(fmt::format("Run days: {}.", w.run_days));
    lines.push_back(w.hard_allowed ? "Hard runs: allowed." : "Hard runs: not allowed.");
    lines.push_back(fmt::format("Strength sessions: {}.", w.strength_sessions));
    if (w.pullback) lines.push_back("Pullback week: reduced load after a pain signal.");
    if (row == 0) {
        std::string logged = fmt::format("Logged so far: {} {}", format_fixed(w.logged, 1), u);
        if (w.remaining) logged += fmt::format("; remaining: {} {}", format_fixed(*w.remaining, 1), u);
        lines.push_back(logged + ".");
    }
    if (!w.next_gate.empty()) lines.push_back(fmt::format("Next gate: {}.", w.next_gate));
    if (!w.opens.empty()) lines.push_back(fmt::format("Opens: {}.", join(w.opens, "; ", [](const std::string& s) { return s; })));
    lines.push_back("");
    lines.push_back(std::string(plan_disclaimer));
    return join(lines, "\n", [](const std::string& s) { return s; });
}

}  // namespace

std::string render_plan_delimited(const Plan& plan, char sep) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& w : plan.weeks) rows.push_back(plan_week_fields(w));
    return delimited_table(plan_columns, rows, sep);
}

std::string render_plan_ics(const Plan& plan) {
    std::string out;
    auto line = [&](std::string_view name, std::string_view value) {
        out += ics_fold(fmt::format("{}:{}", name, value));
    };
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", "-//rkplan//rkplan " RKPLAN_VERSION "//EN");
    line("CALSCALE", "GREGORIAN");
    line("METHOD", "PUBLISH");
    line("X-WR-CALNAME", ics_text(plan.runner.empty() ? std::string("rkplan plan") : "rkplan plan: " + plan.runner));
    // Derived from --today, not the clock: the same plan gives the same bytes.
    auto stamp = plan.today.to_basic_string() + "T000000Z";
    // A UID stays the same from one plan to the next (a calendar updates the week's event),
    // and differs between runners, whose plans a coach may import into one calendar: the
    // runner's name, hashed (FNV-1a), is part of it.
    std::string runner_id;
    if (!plan.runner.empty()) {
        std::uint32_t h = 2166136261u;
        for (char c : plan.runner) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
        runner_id = fmt::format("-{:08x}", h);
    }
    for (std::size_t i = 0; i < plan.weeks.size(); ++i) {
        const auto& w = plan.weeks[i];
        auto start = w.start.to_basic_string();
        line("BEGIN", "VEVENT");
        line("UID", fmt::format("rkplan-{}-{}{}@rkplan", w.week, start, runner_id));
        line("DTSTAMP", stamp);
        line("DTSTART;VALUE=DATE", start);
        line("DTEND;VALUE=DATE", (w.start + 7).to_basic_string());
        line("SUMMARY", ics_text(week_summary(w, i, plan.units)));
        line("DESCRIPTION", ics_text(week_description(w, i, plan.units)));
        line("TRANSP", "TRANSPARENT");  // a plan, not an appointment: the week stays free
        line("END", "VEVENT");
    }
    line("END", "VCALENDAR");
    return out;
}

}  // namespace rkplan
