// `rkplan plan` in text and JSON; CSV, TSV and iCalendar are in render_plan_ics.cpp.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rkplan/render.hpp"
#include "rkplan/text.hpp"
#include "render_fit.hpp"
#include "program_values.hpp"

namespace rkplan {

using program::json_number;

namespace {

std::string phase_json(const std::optional<Phase>& p) {
    return p ? json_string(to_string(*p)) : "null";
}

std::string week_json(const PlanWeek& w) {
    std::string run_walk = "null";
    if (w.run_walk)
        run_walk = fmt::format("{{\"run\": {}, \"walk\": {}, \"repeats\": {}}}", format_decimal(w.run_walk->run),
                               format_decimal(w.run_walk->walk), w.run_walk->repeats);
    std::vector<std::string> opens;
    for (const auto& o : w.opens) opens.push_back(json_string(o));
    return fmt::format(
        "{{\"week\": {}, \"start\": {}, \"phase\": {}, \"step\": {}, \"projected\": {}, \"referred\": {}, "
        "\"distance_cap\": {}, \"downhill_cap\": {}, \"descent_cap\": {}, \"run_days\": {}, \"hard_allowed\": {}, "
        "\"strength_sessions\": {}, \"pullback\": {}, \"logged\": {}, \"remaining\": {}, \"run_walk\": {}, "
        "\"sessions\": [{}], \"next_gate\": {}, \"opens\": [{}]}}",
        json_string(w.week), json_string(w.start.to_string()), phase_json(w.phase),
        json_number(w.step), w.projected, w.referred,
        json_number(w.distance_cap), format_decimal(w.downhill_cap), format_decimal(w.descent_cap), w.run_days,
        w.hard_allowed, w.strength_sessions, w.pullback, format_decimal(w.logged),
        json_number(w.remaining), run_walk, fmt::join(w.sessions, ", "),
        w.next_gate.empty() ? "null" : json_string(w.next_gate), fmt::join(opens, ", "));
}

std::string plan_json(const Plan& p) {
    std::string out = fmt::format(
        "{{\"schema_version\": 1, \"today\": {}, \"units\": {}, \"runner\": {}, \"mode\": {}, \"status\": {}, "
        "\"phase\": {}, \"step\": {}, \"downhill_unlocked\": {},\n",
        json_string(p.today.to_string()), json_string(to_string(p.units)),
        p.runner.empty() ? "null" : json_string(p.runner), json_string(to_string(p.mode)),
        json_string(p.referred ? "refer" : "ok"), phase_json(p.phase), json_number(p.step),
        p.downhill_unlocked);
    out += " \"timeline\": ";
    out += p.timeline_from ? fmt::format("{{\"from\": {}, \"to\": {}, \"basis\": {}}}",
                                         json_string(p.timeline_from->to_string()),
                                         json_string(p.timeline_to->to_string()), json_string(p.timeline_basis))
                           : "null";
    out += ",\n \"flags\": [";
    for (std::size_t i = 0; i < p.flags.size(); ++i)
        out += fmt::format("{}{{\"id\": {}, \"severity\": {}, \"message\": {}}}", i ? ",\n  " : "\n  ",
                           json_string(p.flags[i].id), json_string(to_string(p.flags[i].severity)),
                           json_string(p.flags[i].message));
    out += p.flags.empty() ? "],\n" : "\n ],\n";
    out += " \"gates\": [";
    for (std::size_t i = 0; i < p.gates.size(); ++i)
        out += fmt::format("{}{{\"name\": {}, \"met\": {}, \"missing\": {}}}", i ? ",\n  " : "\n  ",
                           json_string(p.gates[i].name), p.gates[i].met,
                           p.gates[i].met ? "null" : json_string(p.gates[i].missing));
    out += p.gates.empty() ? "],\n" : "\n ],\n";
    out += " \"weeks\": [";
    for (std::size_t i = 0; i < p.weeks.size(); ++i) out += (i ? ",\n  " : "\n  ") + week_json(p.weeks[i]);
    out += p.weeks.empty() ? "],\n" : "\n ],\n";
    out += " \"protocol\": [";
    for (std::size_t i = 0; i < p.protocol.size(); ++i)
        out += fmt::format("{}{{\"id\": {}, \"exercise\": {}, \"dose\": {}}}", i ? ", " : "",
                           p.protocol[i].id.empty() ? "null" : json_string(p.protocol[i].id),
                           json_string(p.protocol[i].name), json_string(p.protocol[i].dose));
    out += "],\n \"clearance\": [";
    for (std::size_t i = 0; i < p.clearance.size(); ++i)
        out += fmt::format("{}{{\"criterion\": {}, \"status\": {}, \"met\": {}}}", i ? ", " : "",
                           json_string(p.clearance[i].criterion), json_string(p.clearance[i].status),
                           p.clearance[i].met);
    std::vector<std::string> advice;
    for (const auto& a : p.advice) advice.push_back(json_string(a));
    out += fmt::format("],\n \"advice\": [{}],\n \"disclaimer\": {}}}\n", fmt::join(advice, ", "),
                       json_string(plan_disclaimer));
    return out;
}

// A bar of `width` cells: logged against cap.
std::string bar(double logged, double cap, int width = 10) {
    if (cap <= 0) return "";
    int filled = static_cast<int>(std::lround(std::min(1.0, logged / cap) * width));
    return "[" + std::string(static_cast<std::size_t>(filled), '#') +
           std::string(static_cast<std::size_t>(width - filled), '.') + "]";
}

std::string pad(std::string_view s, std::size_t width) {
    std::string out(s);
    if (out.size() < width) out.append(width - out.size(), ' ');
    return out;
}

std::string prescription(const PlanWeek& w, std::string_view u) {
    if (w.referred) return "no running (refer)";
    if (w.run_walk) {
        std::vector<std::string> steps;
        for (int s : w.sessions) steps.push_back(fmt::format("{}", s));
        return fmt::format("{}{}{}", w.run_walk->continuous() ? "" : "run-walk ", to_string(*w.run_walk),
                           steps.empty() ? "" : fmt::format(", steps {}", fmt::join(steps, "/")));
    }
    if (w.distance_cap && *w.distance_cap <= 0) return "no running";
    if (w.distance_cap) return fmt::format("up to {} {}", format_fixed(*w.distance_cap, 1), u);
    return "-";
}

std::string plan_state(const Plan& p) {
    std::string state;
    if (p.mode == Mode::prevention) {
        state = "prevention mode (no injury): the 10% rule, downhill caps and early pain signals";
    } else {
        state = fmt::format("injury mode, {}", p.phase == Phase::cleared ? "cleared (maintain)"
                                                                        : fmt::format("phase {} ({})",
                                                                                      to_string(*p.phase),
                                                                                      phase_name(*p.phase)));
        if (p.step && !p.weeks.empty() && p.weeks.front().run_walk)
            state += fmt::format(", step {} ({})", *p.step, to_string(*p.weeks.front().run_walk));
        state += p.downhill_unlocked ? ", downhill open" : ", downhill locked";
    }
    return (p.referred ? "REFER - " : "") + state;
}

// A week of the plan as the table's cells: `full` as scripts read them (the last, "next"),
// `compact` for a narrow terminal (short dates, downhill and descent in one cell, no bar).
struct WeekCells {
    std::vector<std::string> full, compact;
    std::string next;
};

const std::vector<std::string> full_headers = {"week", "start", "phase", "plan", "downhill", "descent",
                                               "days", "hard", "strength", "logged", "next"};
// On a narrow terminal the week is "W48* 11-23": its number and first day (the year is
// the title's).
const std::vector<std::string> compact_headers = {"week", "ph", "plan", "downhill", "days", "hard", "str", "logged"};
// Folded under their row on a narrow terminal, least needed first: strength sessions,
// downhill/descent caps, the phase, hard sessions, run days.
const std::vector<std::size_t> compact_fold_order = {6, 3, 1, 5, 4};

WeekCells week_cells(const PlanWeek& w, std::string_view u, std::string_view e) {
    std::string logged = "-", logged_short = "-";
    if (!w.projected && w.distance_cap && *w.distance_cap > 0) {
        logged_short = fmt::format("{}/{} {}", format_fixed(w.logged, 1), format_fixed(*w.distance_cap, 1), u);
        logged = fmt::format("{} {}", logged_short, bar(w.logged, *w.distance_cap));
    } else if (!w.projected) {
        logged = logged_short = fmt::format("{} {}", format_fixed(w.logged, 1), u);
    }
    std::string next = w.next_gate;
    if (w.pullback) next = "pullback week" + (next.empty() ? "" : "; " + next);
    if (!w.opens.empty()) next += fmt::format("{}-> {}", next.empty() ? "" : " ", fmt::join(w.opens, ", "));
    WeekCells c;
    c.next = display_text(next);
    std::string week = w.week + (w.projected ? "*" : ""), phase = w.phase ? std::string(to_string(*w.phase)) : "-";
    std::string downhill = fmt::format("{} {}", format_fixed(w.downhill_cap, 1), u);
    std::string descent = fmt::format("{} {}", format_fixed(w.descent_cap, 0), e);
    std::string days = fmt::format("{}", w.run_days), strength = fmt::format("{}", w.strength_sessions);
    c.full = {week, w.start.to_string(), phase, prescription(w, u), downhill, descent, days,
              w.hard_allowed ? "yes" : "no", strength, logged, c.next};
    c.compact = {fmt::format("{} {}", week.substr(week.find('-') + 1), w.start.to_string().substr(5)), phase,
                 prescription(w, u),
                 w.downhill_cap <= 0 && w.descent_cap <= 0 ? "none" : downhill + "/" + descent, days,
                 w.hard_allowed ? "yes" : "no", strength, logged_short};
    return c;
}

// The weeks' table as scripts read it: every column on one line, "next" last, unpadded.
std::string full_weeks_table(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width(rows.front().size());
    for (const auto& r : rows)
        for (std::size_t i = 0; i + 1 < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
    std::string out;
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t i = 0; i < r.size(); ++i) line += "  " + (i + 1 < r.size() ? pad(r[i], width[i]) : r[i]);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

std::size_t table_width(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width(rows.front().size());
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], display_width(r[i]));
    std::size_t sum = 0;
    for (auto w : width) sum += 2 + w;
    return sum;
}

// The weeks' table in `width` columns (0: the full layout): as it is if it fits; else
// "next" under its row; else the compact cells, folding the least needed under the row.
std::string weeks_table(const std::vector<WeekCells>& weeks, std::size_t width) {
    std::vector<std::vector<std::string>> rows = {full_headers};
    for (const auto& w : weeks) rows.push_back(w.full);
    if (width == 0 || table_width(rows) <= width) return full_weeks_table(rows);
    fit::Table t;
    for (const auto& w : weeks) t.under.push_back(w.next.empty() ? "" : "next: " + w.next);
    for (auto& r : rows) r.pop_back();
    if (table_width(rows) <= width) {
        t.headers = rows.front();
        t.rows.assign(rows.begin() + 1, rows.end());
        return t.render(width);
    }
    t.headers = compact_headers;
    t.labels = {"week", "phase", "plan", "downhill", "run days", "hard", "strength", "logged"};
    t.common_label = "every week:";
    t.fold_order = compact_fold_order;
    for (const auto& w : weeks) t.rows.push_back(w.compact);
    return t.render(width);
}

// The current week in one line under the status, for a terminal on which the table's
// first row would fall below the first screen.
std::string this_week_line(const Plan& p, std::size_t width) {
    const auto& w = p.weeks.front();
    auto u = to_string(p.units);
    std::string logged = fmt::format("logged {} {}", format_fixed(w.logged, 1), u);
    return fit::wrap(fmt::format("{} from {}: {}; {} run day{}, {}, {} strength session{}; {}", w.week,
                                 w.start.to_string(), prescription(w, u), w.run_days, w.run_days == 1 ? "" : "s",
                                 w.hard_allowed ? "hard sessions allowed" : "no hard sessions", w.strength_sessions,
                                 w.strength_sessions == 1 ? "" : "s", logged),
                     width, "Week:     ", "          ");
}

std::string plan_tail(const Plan& p, std::size_t width) {
    std::string out;
    if (!p.protocol.empty()) {
        out += fmt::format("\nStrengthening ({}):\n",
                           !p.phase ? "prevention: hip maintenance"
                           : *p.phase == Phase::cleared
                               ? "cleared: maintenance"
                               : fmt::format("phase {}, {} sessions a week", to_string(*p.phase),
                                             p.weeks.empty() ? 3 : p.weeks.front().strength_sessions));
        std::size_t w = 0;
        for (const auto& x : p.protocol) w = std::max(w, x.name.size());
        for (const auto& x : p.protocol) {
            if (width > 0 && w + 4 > width / 2)  // the dose on a line of its own
                out += fit::wrap(x.name, width, "  ", "    ") + fit::wrap(x.dose, width, "    ", "    ");
            else out += fit::wrap(x.dose, width, "  " + pad(x.name, w) + "  ", std::string(w + 4, ' '));
        }
    }
    if (!p.clearance.empty()) {
        out += "\nClearance checklist:\n";
        for (const auto& c : p.clearance)
            out += fit::wrap(display_text(c.criterion) + ": " + display_text(c.status), width,
                             fmt::format("  [{}] ", c.met ? "x" : " "), "      ");
    }
    if (!p.advice.empty()) {
        out += "\nAdvice:\n";
        for (const auto& a : p.advice) out += fit::wrap(display_text(a), width, "  - ", "    ");
    }
    return out + "\n" + fit::wrap(plan_disclaimer, width, "", "");
}

std::string plan_text(const Plan& p, const TextStyle& style) {
    auto width = fit::columns(style.width);
    auto u = to_string(p.units);
    auto title = fit::wrap(fmt::format("rkplan plan{} as of {} ({})", p.runner.empty() ? "" : " for " + display_text(p.runner),
                                       p.today.to_string(), u),
                           width, "", "");
    title.pop_back();
    std::string out = (style.colour ? fmt::format("\x1b[1m{}\x1b[0m", title) : title) + "\n\n";
    out += fit::wrap(plan_state(p), width, "Status:   ", "          ");
    auto after_status = out.size();
    if (p.timeline_from)
        out += fit::wrap(fmt::format("easy running expected {} to {} ({})", p.timeline_from->to_string(),
                                     p.timeline_to->to_string(), p.timeline_basis),
                         width, "Timeline: ", "          ");
    if (!p.flags.empty()) {
        out += "\nFlags:\n";
        for (const auto& f : p.flags)
            out += fit::wrap(display_text(f.message), width, fmt::format("  {:<8} ", to_string(f.severity)),
                             std::string(11, ' '));
    }
    if (!p.gates.empty()) {
        out += "\nGates:\n";
        for (const auto& g : p.gates)
            out += fit::wrap(display_text(g.name) + (g.met ? "" : ": " + display_text(g.missing)), width,
                             fmt::format("  [{}] ", g.met ? "x" : " "), "      ");
    }
    out += "\nWeeks (* projected: each week before it done as planned, pain-free):\n";
    std::vector<WeekCells> weeks;
    for (const auto& w : p.weeks) weeks.push_back(week_cells(w, u, elevation_unit(p.units)));
    // On a terminal, this week's session stays on the first screen: the line of its row
    // (after the table's header) is counted.
    auto row_line = static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')) + 2;
    if (width > 0 && !p.weeks.empty() && row_line > fit::first_screen_lines - 2)
        out.insert(after_status, this_week_line(p, width));
    out += weeks_table(weeks, width);
    return out + plan_tail(p, width);
}

}  // namespace

std::string render_plan(const Plan& plan, Format format, TextStyle style) {
    switch (format) {
        case Format::json: return plan_json(plan);
        case Format::csv: return render_plan_delimited(plan, ',');
        case Format::tsv: return render_plan_delimited(plan, '\t');
        case Format::ics: return render_plan_ics(plan);
        default: return plan_text(plan, style);
    }
}

}  // namespace rkplan
