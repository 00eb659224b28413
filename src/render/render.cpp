#include "rkplan/render.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rkplan/text.hpp"
#include "render_fit.hpp"
#include "program_values.hpp"

namespace rkplan {

using program::json_number;
using program::field_number;

std::string_view to_string(Format f) {
    switch (f) {
        case Format::text: return "text";
        case Format::json: return "json";
        case Format::jsonl: return "jsonl";
        case Format::csv: return "csv";
        case Format::tsv: return "tsv";
        case Format::ics: return "ics";
    }
    return "?";
}

std::string json_string(std::string_view s) { return quote_escaped(s); }

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string delimited_table(const std::vector<std::string>& header,
                            const std::vector<std::vector<std::string>>& rows, char sep) {
    std::string out;
    auto row = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i) out += sep;
            if (sep == ',') {
                out += csv_field(fields[i]);
                continue;
            }
            for (char c : fields[i]) out += c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
        }
        out += '\n';
    };
    row(header);
    for (const auto& r : rows) row(r);
    return out;
}

namespace {

// Numbers for people: fixed decimals, "-" for absent.
std::string fixed(const std::optional<double>& v, int decimals) { return v ? format_fixed(*v, decimals) : "-"; }

std::string percent(const std::optional<double>& v) {
    if (!v) return "-";
    // As check prints it: a week check calls 10.1% is not shown as +10%.
    auto p = format_distinct(*v * 100, 0);
    return (p.front() == '-' || p == "0" ? "" : "+") + p + "%";
}

// An aligned text table: text columns left, numbers right. Given a width, it leaves out
// columns in `drop_order` (least needed first) until the rest fit, and names them in
// `dropped`.
struct TextTable {
    std::vector<std::string> headers;
    std::vector<bool> right;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> drop_order;
    mutable std::vector<std::string> dropped;

    std::string render(const TextStyle& style, std::size_t fit_width = 0) const {
        std::vector<std::size_t> width(headers.size());
        auto measure = [&](const std::vector<std::string>& row) {
            for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
        };
        measure(headers);
        for (const auto& r : rows) measure(r);
        std::vector<bool> shown(headers.size(), true);
        auto total = [&] {
            std::size_t sum = 0;
            for (std::size_t i = 0; i < width.size(); ++i) sum += shown[i] ? width[i] + (sum ? 2 : 0) : 0;
            return sum;
        };
        dropped.clear();
        for (auto column : drop_order)
            if (fit_width > 0 && total() > fit_width) {
                shown[column] = false;
                dropped.push_back(headers[column]);
            }
        auto line = [&](const std::vector<std::string>& row) {
            std::string out;
            for (std::size_t i = 0; i < row.size(); ++i) {
                if (!shown[i]) continue;
                if (!out.empty()) out += "  ";
                out += right[i] ? fmt::format("{:>{}}", row[i], width[i]) : fmt::format("{:<{}}", row[i], width[i]);
            }
            while (!out.empty() && out.back() == ' ') out.pop_back();
            return out + '\n';
        };
        std::string head = line(headers);
        std::string out = style.colour ? "\x1b[1m" + head.substr(0, head.size() - 1) + "\x1b[0m\n" : head;
        for (const auto& r : rows) out += line(r);
        return out;
    }
};

const std::vector<std::string> week_columns = {
    "week",  "start", "phase", "distance", "runs",  "long_run", "descent",  "downhill", "hard",   "pain", "pain_after",
    "change", "acwr", "acwr_ewma", "load", "monotony", "strain", "ctl", "atl", "tsb", "ramp"};

// The phase of week `i`: "1".."4" or "cleared" in injury mode, empty otherwise.
std::string week_phase(const PhaseTimeline* t, std::size_t i) {
    if (!t || t->mode != Mode::injury || i >= t->weeks.size() || t->weeks[i].state.before_onset) return "";
    return std::string(to_string(t->weeks[i].state.phase));
}

std::vector<std::string> week_fields(const WeekMetrics& w, const std::string& phase) {
    return {w.name,
            w.start.to_string(),
            phase,
            format_decimal(w.distance),
            field_number(w.runs),
            field_number(w.long_run),
            format_decimal(w.descent),
            format_decimal(w.downhill),
            fmt::format("{}", w.hard),
            field_number(w.pain),
            field_number(w.pain_after),
            field_number(w.change),
            field_number(w.acwr),
            field_number(w.acwr_ewma),
            field_number(w.load),
            field_number(w.monotony),
            field_number(w.strain),
            field_number(w.ctl),
            field_number(w.atl),
            field_number(w.tsb),
            field_number(w.ramp)};
}

std::string weeks_delimited(const WeeksReport& report, char sep, const PhaseTimeline* t) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < report.weeks.size(); ++i) rows.push_back(week_fields(report.weeks[i], week_phase(t, i)));
    return delimited_table(week_columns, rows, sep);
}

std::string weeks_json(const WeeksReport& report, const PhaseTimeline* t) {
    std::string out = fmt::format("{{\"schema_version\": 1, \"units\": {}, \"load_basis\": {}, \"today\": {},\n \"weeks\": [",
                                  json_string(to_string(report.units)), json_string(to_string(report.load_basis)),
                                  json_string(report.today.to_string()));
    for (std::size_t i = 0; i < report.weeks.size(); ++i) {
        const auto& w = report.weeks[i];
        out += i ? ",\n  " : "\n  ";
        out += fmt::format(
            "{{\"week\": {}, \"start\": {}, \"phase\": {}, \"distance\": {}, \"runs\": {}, \"long_run\": {}, "
            "\"descent\": {}, \"downhill\": {}, \"hard\": {}, \"pain\": {}, \"pain_after\": {}, \"baseline\": {}, "
            "\"change\": {}, \"acwr\": {}, \"acwr_applies\": {}, \"acwr_ewma\": {}, \"load\": {}, \"monotony\": {}, \"strain\": {}, "
            "\"ctl\": {}, \"atl\": {}, \"tsb\": {}, \"ramp\": {}, \"from_totals\": {}, \"srpe_missing\": {}}}",
            json_string(w.name), json_string(w.start.to_string()),
            week_phase(t, i).empty() ? "null" : json_string(week_phase(t, i)), format_decimal(w.distance), json_number(w.runs),
            json_number(w.long_run), format_decimal(w.descent), format_decimal(w.downhill), w.hard, json_number(w.pain),
            json_number(w.pain_after), json_number(w.baseline), json_number(w.change), json_number(w.acwr),
            t && i < t->weeks.size() && t->weeks[i].acwr_applies ? "true" : "false",
            json_number(w.acwr_ewma), json_number(w.load), json_number(w.monotony), json_number(w.strain), json_number(w.ctl),
            json_number(w.atl), json_number(w.tsb), json_number(w.ramp), w.from_totals ? "true" : "false",
            w.srpe_missing);
    }
    out += report.weeks.empty() ? "]}\n" : "\n ]}\n";
    return out;
}

std::string weeks_text(const WeeksReport& report, const TextStyle& style, const PhaseTimeline* t) {
    auto u = to_string(report.units);
    auto e = elevation_unit(report.units);
    std::string out = fmt::format("{} weeks to {}, distances in {}, descent in {}, load basis: {}\n",
                                  report.weeks.size(), report.today.to_string(), u, e, to_string(report.load_basis));
    if (report.weeks.empty()) return out + "No entries yet: nothing to show.\n";
    out += '\n';
    bool phases = t && t->mode == Mode::injury;
    TextTable table;
    table.headers = {"week", "start"};
    if (phases) table.headers.push_back("phase");
    for (auto h : {"dist", "runs", "long", "desc", "downh", "hard", "pain", "after", "change", "acwr", "ewma", "load",
                   "mono", "strain", "ctl", "atl", "tsb", "ramp"})
        table.headers.push_back(h);
    table.right.assign(table.headers.size(), true);
    table.right[0] = table.right[1] = false;
    // On a narrow terminal, the least needed columns are left out, and named below.
    for (auto name : {"ramp", "tsb", "atl", "ctl", "strain", "mono", "load", "ewma", "start", "long", "hard", "after"})
        if (auto at = std::find(table.headers.begin(), table.headers.end(), name); at != table.headers.end())
            table.drop_order.push_back(static_cast<std::size_t>(at - table.headers.begin()));
    int missing = 0;
    bool any_totals = false, any_unread = false;
    for (std::size_t i = 0; i < report.weeks.size(); ++i) {
        const auto& w = report.weeks[i];
        // A ratio no rule reads (phase 3, a restart, across a break) is shown in brackets,
        // not as a number to act on (docs/manual/rules.md, revision 2).
        bool unread = w.acwr && t && i < t->weeks.size() && !t->weeks[i].acwr_applies;
        any_unread = any_unread || unread;
        auto acwr = unread ? "(" + fixed(w.acwr, 2) + ")" : fixed(w.acwr, 2);
        missing += w.srpe_missing;
        any_totals = any_totals || w.from_totals;
        std::vector<std::string> row = {w.name + (w.from_totals ? "*" : ""), w.start.to_string()};
        if (phases) row.push_back(week_phase(t, i));
        for (auto& cell : {fixed(w.distance, 1), w.runs ? fmt::format("{}", *w.runs) : "-", fixed(w.long_run, 1),
                           fixed(w.descent, 0), fixed(w.downhill, 1), fmt::format("{}", w.hard), fixed(w.pain, 0),
                           fixed(w.pain_after, 0), percent(w.change), acwr, fixed(w.acwr_ewma, 2),
                           fixed(w.load, 0), fixed(w.monotony, 2), fixed(w.strain, 1), fixed(w.ctl, 1),
                           fixed(w.atl, 1), fixed(w.tsb, 1), fixed(w.ramp, 1)})
            row.push_back(cell);
        table.rows.push_back(std::move(row));
    }
    auto width = fit::columns(style.width);
    out += table.render(style, width);
    if (!table.dropped.empty())
        out += "\n" + fit::wrap(fmt::format("Not shown in {} columns: {} (--width 0, or a pipe, shows every column).",
                                            width, fmt::join(table.dropped, ", ")),
                                width, "", "");
    if (any_totals) out += "\n* weekly totals from [[week]]: runs, monotony and strain are unknown.\n";
    if (any_unread)
        out += "\n" + fit::wrap("(acwr): a ratio no rule reads there (phase 3, after a restart): no warning sign.",
                                fit::columns(style.width), "", "");
    if (missing > 0)
        out += fmt::format("\n{} session{} without both duration and rpe count 0 in the srpe load series.\n", missing,
                           missing == 1 ? "" : "s");
    return out;
}

std::string severity_text(Severity s, const TextStyle& style) {
    auto name = std::string(to_string(s));
    if (!style.colour) return name;
    std::string_view code = s == Severity::error ? "\x1b[1;31m" : s == Severity::warning ? "\x1b[1;33m" : "\x1b[1;36m";
    return fmt::format("{}{}\x1b[0m", code, name);
}

// A finding like a compiler's message; on a narrow terminal the message wraps, its
// continuation lines indented.
std::string finding_text(const std::string& file, const Finding& f, const TextStyle& style) {
    auto head = fmt::format("{}:{}:{}: ", display_text(file), f.pos.line, f.pos.column);
    auto severity = std::string(to_string(f.severity));
    auto text = fit::wrap(fmt::format("{}{}[{}]: {}: {}", head, severity, f.id, f.week, display_text(f.message)),
                          fit::columns(style.width), "", "    ");
    if (style.colour && text.compare(head.size(), severity.size(), severity) == 0)
        text.replace(head.size(), severity.size(), severity_text(f.severity, style));
    return text;
}

std::string values_json(const Finding& f) {
    std::string out = "{";
    for (std::size_t i = 0; i < f.values.size(); ++i)
        out += fmt::format("{}{}: {}", i ? ", " : "", json_string(f.values[i].first), json_number(f.values[i].second));
    return out + "}";
}

std::string values_plain(const Finding& f) {
    std::string out;
    for (std::size_t i = 0; i < f.values.size(); ++i)
        out += fmt::format("{}{}={}", i ? ";" : "", f.values[i].first, field_number(f.values[i].second));
    return out;
}

std::string finding_json(const std::string& file, const Finding& f) {
    return fmt::format(
        "{{\"id\": {}, \"severity\": {}, \"file\": {}, \"line\": {}, \"column\": {}, \"week\": {}, "
        "\"date\": {}, \"message\": {}, \"values\": {}}}",
        json_string(f.id), json_string(to_string(f.severity)), json_string(file), f.pos.line, f.pos.column,
        json_string(f.week), json_string(f.date.to_string()), json_string(f.message), values_json(f));
}

std::string next_json(const NextVerdict& v) {
    std::string reasons = "[";
    for (std::size_t i = 0; i < v.reasons.size(); ++i) reasons += (i ? ", " : "") + json_string(v.reasons[i]);
    reasons += "]";
    return fmt::format(
        "{{\"week\": {}, \"start\": {}, \"distance\": {}, \"downhill\": {}, \"descent\": {}, \"ok\": {}, "
        "\"distance_cap\": {}, \"downhill_cap\": {}, \"descent_cap\": {}, \"baseline\": {}, "
        "\"may_run\": {}, \"run_walk\": {}, \"hard_allowed\": {}, \"reasons\": {}, \"cap_reason\": {}, "
        "\"plan_holds\": {}, \"plan_shows\": {}}}",
        json_string(v.week), json_string(v.start.to_string()), format_decimal(v.distance), format_decimal(v.downhill),
        format_decimal(v.descent), v.ok ? "true" : "false",
        json_number(v.caps.run_walk ? v.caps.run_walk_distance : v.caps.distance), format_decimal(v.caps.downhill),
        format_decimal(v.caps.descent), json_number(v.caps.baseline), v.caps.may_run ? "true" : "false",
        v.caps.run_walk ? "true" : "false", v.caps.hard_allowed ? "true" : "false", reasons,
        json_string(v.caps.first_week ? "start" : to_string(v.caps.reason)), json_number(v.plan_holds),
        json_number(v.plan_shows));
}

std::string next_text(const NextVerdict& v, Units units, const TextStyle& style) {
    auto u = to_string(units);
    auto e = elevation_unit(units);
    auto width = fit::columns(style.width);
    std::string verdict = v.ok ? "ok" : "not ok";
    std::string out = fit::wrap(fmt::format("next week {} (from {}): {} {}, {} {} downhill, {} {} descent: {}", v.week,
                                            v.start.to_string(), fixed(v.distance, 1), u, fixed(v.downhill, 1), u,
                                            fixed(v.descent, 0), e, verdict),
                                width, "", "  ");
    if (style.colour)
        out.replace(out.size() - 1 - verdict.size(), verdict.size(),
                    fmt::format("{}{}\x1b[0m", v.ok ? "\x1b[1;32m" : "\x1b[1;31m", verdict));
    std::string cap;
    if (!v.caps.may_run)
        cap = fmt::format("distance cap 0 {} ({})", u, v.caps.referred ? "referred: no running" : "no running in this phase");
    else if (v.caps.run_walk)
        cap = fmt::format("distance cap {} {} (phase 3: the prescribed run-walk sessions at your pace)",
                          fixed(v.caps.run_walk_distance, 1), u);
    else if (v.caps.distance)
        cap = fmt::format("distance cap {} {} ({})", fixed(v.caps.distance, 1), u,
                          v.caps.baseline && v.caps.reason == CapReason::increase
                              ? fmt::format("baseline {} {}", fixed(v.caps.baseline, 1), u)
                              : cap_reason_text(v.caps));
    if (!cap.empty()) out += fit::wrap(cap, width, "  ", "    ");
    if (v.plan_holds)
        out += fit::wrap(fmt::format("the rule allows {} {}; rkplan plan holds the week at {} {} (goal_weekly)",
                                     fixed(v.caps.distance, 1), u, fixed(v.plan_holds, 1), u),
                         width, "  ", "    ");
    if (v.plan_shows)
        out += fit::wrap(fmt::format("rkplan plan shows {} {} for this week: it assumes the current week finished "
                                     "at its cap ({} {}; {} {} logged so far)",
                                     fixed(v.plan_shows, 1), u, fixed(v.current_cap, 1), u, fixed(v.current_logged, 1), u),
                         width, "  ", "    ");
    out += fit::wrap(fmt::format("downhill cap {} {}, descent cap {} {}{}", fixed(v.caps.downhill, 1), u,
                                 fixed(v.caps.descent, 0), e, v.caps.downhill_allowed ? "" : " (downhill locked)"),
                     width, "  ", "    ");
    for (const auto& r : v.reasons) out += fit::wrap(display_text(r), width, "  - ", "    ");
    return out;
}

// A file's diagnostic as JSON fields; a file that could not be read has no position: null.
std::string error_fields(const std::string& file, const Diagnostic& d) {
    auto at = [](int v) { return v > 0 ? std::to_string(v) : std::string("null"); };
    return fmt::format("\"file\": {}, \"line\": {}, \"column\": {}, \"message\": {}, \"expected\": {}",
                       json_string(file), at(d.pos.line), at(d.pos.column), json_string(d.message),
                       json_string(d.expected));
}

// One record a line, in file order, each with its "type": a file's findings
// ("finding"), or the diagnostics that kept it from loading ("error", in position
// order); then the --next verdict ("next").
std::string findings_jsonl(const std::vector<FileFindings>& files, const NextVerdict* next) {
    std::string out;
    for (const auto& file : files) {
        for (const auto& f : file.findings) out += "{\"type\": \"finding\", " + finding_json(file.file, f).substr(1) + "\n";
        auto errors = file.errors;
        std::stable_sort(errors.begin(), errors.end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
        for (const auto& d : errors) out += "{\"type\": \"error\", " + error_fields(file.file, d) + "}\n";
    }
    if (next) out += "{\"type\": \"next\", \"next\": " + next_json(*next) + "}\n";
    return out;
}

}  // namespace

std::string render_findings(const std::vector<FileFindings>& files, Format format, TextStyle style,
                            const NextVerdict* next) {
    std::string out;
    Units units = files.empty() ? Units::km : files.front().units;
    switch (format) {
        case Format::json: {
            out = "{\"schema_version\": 1,\n \"findings\": [";
            bool first = true;
            for (const auto& file : files)
                for (const auto& f : file.findings) {
                    out += first ? "\n  " : ",\n  ";
                    first = false;
                    out += finding_json(file.file, f);
                }
            out += first ? "],\n" : "\n ],\n";
            out += " \"errors\": [";
            first = true;
            for (const auto& file : files)
                for (const auto& d : file.errors) {
                    out += first ? "\n  " : ",\n  ";
                    first = false;
                    out += "{" + error_fields(file.file, d) + "}";
                }
            out += first ? "],\n" : "\n ],\n";
            out += fmt::format(" \"next\": {}}}\n", next ? next_json(*next) : "null");
            return out;
        }
        case Format::jsonl: return findings_jsonl(files, next);
        case Format::csv:
        case Format::tsv: {
            std::vector<std::vector<std::string>> rows;
            for (const auto& file : files)
                for (const auto& f : file.findings)
                    rows.push_back({file.file, fmt::format("{}", f.pos.line), fmt::format("{}", f.pos.column),
                                    std::string(to_string(f.severity)), std::string(f.id), f.week,
                                    f.date.to_string(), f.message, values_plain(f)});
            return delimited_table({"file", "line", "column", "severity", "id", "week", "date", "message", "values"},
                                   rows, format == Format::csv ? ',' : '\t');
        }
        default: break;
    }
    int counts[3] = {0, 0, 0};
    int checked = 0;
    for (const auto& file : files) {
        if (file.errors.empty()) ++checked;
        for (const auto& f : file.findings) {
            ++counts[static_cast<int>(f.severity)];
            out += finding_text(file.file, f, style);
        }
    }
    auto invalid = static_cast<int>(files.size()) - checked;
    out += fit::wrap(fmt::format("{}, {}, {} in {} checked{}", count_of(counts[2], "error"), count_of(counts[1], "warning"),
                                 count_of(counts[0], "info"), count_of(checked, "file"),
                                 invalid ? fmt::format("; {} invalid (see the errors above)", count_of(invalid, "file")) : ""),
                     fit::columns(style.width), "", "");
    if (next) out += "\n" + next_text(*next, units, style);
    return out;
}

std::string render_next(const NextVerdict& next, Units units, TextStyle style) {
    return next_text(next, units, style);
}

std::string render_weeks(const WeeksReport& report, Format format, TextStyle style, const PhaseTimeline* t) {
    switch (format) {
        case Format::json: return weeks_json(report, t);
        case Format::csv: return weeks_delimited(report, ',', t);
        case Format::tsv: return weeks_delimited(report, '\t', t);
        default: return weeks_text(report, style, t);
    }
}

}  // namespace rkplan
