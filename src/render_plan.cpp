// `rkplan plan` in text and JSON; CSV, TSV and iCalendar are in render_plan_ics.cpp.
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rkplan/render.hpp"
#include "rkplan/text.hpp"

namespace rkplan {

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
        w.step ? fmt::format("{}", *w.step) : "null", w.projected, w.referred,
        w.distance_cap ? format_decimal(*w.distance_cap) : "null", format_decimal(w.downhill_cap), format_decimal(w.descent_cap), w.run_days,
        w.hard_allowed, w.strength_sessions, w.pullback, format_decimal(w.logged),
        w.remaining ? format_decimal(*w.remaining) : "null", run_walk, fmt::join(w.sessions, ", "),
        w.next_gate.empty() ? "null" : json_string(w.next_gate), fmt::join(opens, ", "));
}

std::string plan_json(const Plan& p) {
    std::string out = fmt::format(
        "{{\"schema_version\": 1, \"today\": {}, \"units\": {}, \"runner\": {}, \"mode\": {}, \"status\": {}, "
        "\"phase\": {}, \"step\": {}, \"downhill_unlocked\": {},\n",
        json_string(p.today.to_string()), json_string(to_string(p.units)),
        p.runner.empty() ? "null" : json_string(p.runner), json_string(to_string(p.mode)),
        json_string(p.referred ? "refer" : "ok"), phase_json(p.phase), p.step ? fmt::format("{}", *p.step) : "null",
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

std::string plan_text(const Plan& p, const TextStyle& style) {
    auto u = to_string(p.units);
    auto e = elevation_unit(p.units);
    auto bold = [&](std::string_view s) {
        return style.colour ? fmt::format("\x1b[1m{}\x1b[0m", s) : std::string(s);
    };
    std::string out = bold(fmt::format("rkplan plan{} as of {} ({})", p.runner.empty() ? "" : " for " + display_text(p.runner),
                                       p.today.to_string(), u)) +
                      "\n\n";
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
    out += fmt::format("Status:   {}{}\n", p.referred ? "REFER - " : "", state);
    if (p.timeline_from)
        out += fmt::format("Timeline: easy running expected {} to {} ({})\n", p.timeline_from->to_string(),
                           p.timeline_to->to_string(), p.timeline_basis);
    if (!p.flags.empty()) {
        out += "\nFlags:\n";
        for (const auto& f : p.flags)
            out += fmt::format("  {:<8} {}\n", to_string(f.severity), display_text(f.message));
    }
    if (!p.gates.empty()) {
        out += "\nGates:\n";
        for (const auto& g : p.gates)
            out += fmt::format("  [{}] {}{}\n", g.met ? "x" : " ", display_text(g.name), g.met ? "" : ": " + display_text(g.missing));
    }
    out += "\nWeeks (* projected: each week before it done as planned, pain-free):\n";
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"week", "start", "phase", "plan", "downhill", "descent", "days", "hard", "strength", "logged",
                    "next"});
    for (const auto& w : p.weeks) {
        std::string logged = "-";
        if (!w.projected && w.distance_cap && *w.distance_cap > 0)
            logged = fmt::format("{}/{} {} {}", format_fixed(w.logged, 1), format_fixed(*w.distance_cap, 1), u,
                                 bar(w.logged, *w.distance_cap));
        else if (!w.projected)
            logged = fmt::format("{} {}", format_fixed(w.logged, 1), u);
        std::string next = w.next_gate;
        if (w.pullback) next = "pullback week" + (next.empty() ? "" : "; " + next);
        if (!w.opens.empty()) next += fmt::format("{}-> {}", next.empty() ? "" : " ", fmt::join(w.opens, ", "));
        rows.push_back({w.week + (w.projected ? "*" : ""), w.start.to_string(),
                        w.phase ? std::string(to_string(*w.phase)) : "-", prescription(w, u),
                        fmt::format("{} {}", format_fixed(w.downhill_cap, 1), u), fmt::format("{} {}", format_fixed(w.descent_cap, 0), e),
                        fmt::format("{}", w.run_days), w.hard_allowed ? "yes" : "no",
                        fmt::format("{}", w.strength_sessions), logged, display_text(next)});
    }
    std::vector<std::size_t> width(rows.front().size());
    for (const auto& r : rows)
        for (std::size_t i = 0; i + 1 < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t i = 0; i < r.size(); ++i) line += "  " + (i + 1 < r.size() ? pad(r[i], width[i]) : r[i]);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    if (!p.protocol.empty()) {
        out += fmt::format("\nStrengthening ({}):\n",
                           !p.phase ? "prevention: hip maintenance"
                           : *p.phase == Phase::cleared
                               ? "cleared: maintenance"
                               : fmt::format("phase {}, {} sessions a week", to_string(*p.phase),
                                             p.weeks.empty() ? 3 : p.weeks.front().strength_sessions));
        std::size_t w = 0;
        for (const auto& x : p.protocol) w = std::max(w, x.name.size());
        for (const auto& x : p.protocol) out += fmt::format("  {}  {}\n", pad(x.name, w), x.dose);
    }
    if (!p.clearance.empty()) {
        out += "\nClearance checklist:\n";
        for (const auto& c : p.clearance)
            out += fmt::format("  [{}] {}: {}\n", c.met ? "x" : " ", display_text(c.criterion), display_text(c.status));
    }
    if (!p.advice.empty()) {
        out += "\nAdvice:\n";
        for (const auto& a : p.advice) out += fmt::format("  - {}\n", display_text(a));
    }
    out += fmt::format("\n{}\n", plan_disclaimer);
    return out;
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
