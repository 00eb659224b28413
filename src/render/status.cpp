#include "rkplan/status.hpp"
#include "rkplan/assess.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "rkplan/check.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/text.hpp"
#include "rkplan/weeks.hpp"
#include "program_values.hpp"

namespace rkplan {

using program::json_number;
using program::field_number;

namespace {

constexpr std::size_t text_columns = 80;
constexpr std::size_t runner_column = 14;
constexpr std::size_t week_column = 16;

std::optional<Date> last_entry_of(const History& h) {
    std::optional<Date> last;
    auto see = [&](Date d) {
        if (!last || d > *last) last = d;
    };
    for (const auto& r : h.runs) see(r.date);
    for (const auto& c : h.cross) see(c.date);
    for (const auto& w : h.weeks) see(w.start);
    for (const auto& c : h.checkins) see(c.date);
    for (const auto& s : h.strength) see(s.date);
    return last;
}

bool has_flag(const Plan& p, std::string_view id) {
    return std::any_of(p.flags.begin(), p.flags.end(), [&](const Flag& f) { return f.id == id; });
}

BoardStatus status_of(const Plan& plan, const PhaseTimeline& t, std::optional<int> days, int stale_days) {
    if (plan.referred) return BoardStatus::red_flag;
    if (has_flag(plan, "no-improvement")) return BoardStatus::referred;
    if (t.now.in_pullback) return BoardStatus::pullback;
    if (!days || *days >= stale_days) return BoardStatus::stale;
    return BoardStatus::ok;
}

int rank(BoardStatus s) { return static_cast<int>(s); }

// Characters in UTF-8 text (continuation bytes not counted).
std::size_t columns(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// `s` for a terminal: control characters (C0, DEL, C1) as '?', at most `width` columns
// with "…" marking a cut.
std::string cell(std::string_view s, std::size_t width) {
    std::string out;
    std::size_t used = 0, total = columns(s);
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        bool starts = (c & 0xC0) != 0x80;
        if (starts && total > width && used + 1 == width) return out + "\u2026";
        if (starts) ++used;
        if (c < 0x20 || c == 0x7F) {
            out += '?';
        } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            out += '?';
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string padded(const std::string& s, std::size_t width, bool right) {
    auto n = columns(s);
    std::string pad(width > n ? width - n : 0, ' ');
    return right ? pad + s : s + pad;
}

std::string phase_cell(const StatusRow& r) {
    if (!r.mode) return "-";
    if (!r.phase) return "prev.";
    if (r.step) return fmt::format("{} step {}", to_string(*r.phase), *r.step);
    return std::string(to_string(*r.phase));
}

std::string week_cell(const StatusRow& r) {
    if (!r.mode) return "-";
    if (r.status == BoardStatus::red_flag) return "no running";
    if (r.run_walk) {
        if (r.run_walk->continuous()) return format_shortest(r.run_walk->run) + " min run";
        return fmt::format("{}:{} x{}", format_shortest(r.run_walk->run), format_shortest(r.run_walk->walk),
                           r.run_walk->repeats);
    }
    auto u = to_string(r.units);
    if (r.distance_cap && *r.distance_cap == 0) return "no running";
    if (r.distance_cap) return fmt::format("{}/{} {}", format_fixed(r.logged), format_fixed(*r.distance_cap), u);
    return fmt::format("{} {}", format_fixed(r.logged), u);
}

std::string who(const StatusRow& r) {
    if (!r.name.empty()) return r.name;
    auto slash = r.file.rfind('/');
    return slash == std::string::npos ? r.file : r.file.substr(slash + 1);
}

std::string detail_line(const StatusRow& r) {
    std::string s;
    if (r.status == BoardStatus::invalid) {
        const auto& d = r.diagnostics.front();
        s = d.pos.line > 0 ? fmt::format("{}:{}:{}: {}", r.file, d.pos.line, d.pos.column, d.message)
                           : fmt::format("{}: {}", r.file, d.message);
    } else {
        s = fmt::format("{}: last entry {}; {}", r.file, r.last_entry ? r.last_entry->to_string() : "none",
                        r.next_gate.empty() ? "no gate ahead" : "next: " + r.next_gate);
    }
    return "    " + cell(s, text_columns - 4);
}

std::string render_text(const std::vector<StatusRow>& rows, Date today) {
    std::vector<std::vector<std::string>> table = {{"status", "runner", "phase", "this week", "err", "warn"}};
    for (const auto& r : rows)
        table.push_back({status_text(r.status, r.days_since_entry), cell(who(r), runner_column), phase_cell(r),
                         cell(week_cell(r), week_column), fmt::format("{}", r.errors), fmt::format("{}", r.warnings)});
    std::vector<std::size_t> width(table.front().size(), 0);
    for (const auto& row : table)
        for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], columns(row[i]));
    auto line = [&](const std::vector<std::string>& row) {
        std::string out;
        for (std::size_t i = 0; i < row.size(); ++i)
            out += (i ? "  " : "") + padded(row[i], width[i], i >= 4);
        return out + "\n";
    };
    std::string out = fmt::format("{} histor{} on {}, the most urgent first\n\n", rows.size(),
                                  rows.size() == 1 ? "y" : "ies", today.to_string());
    out += line(table.front());
    for (std::size_t i = 0; i < rows.size(); ++i) out += line(table[i + 1]) + detail_line(rows[i]) + "\n";
    return out;
}

std::string json_or_null(const std::optional<std::string>& s) { return s ? json_string(*s) : "null"; }

std::string row_json(const StatusRow& r) {
    std::string diagnostics;
    for (const auto& d : r.diagnostics)
        diagnostics += fmt::format("{}{{\"line\": {}, \"column\": {}, \"message\": {}, \"expected\": {}}}",
                                   diagnostics.empty() ? "" : ", ", d.pos.line, d.pos.column, json_string(d.message),
                                   json_string(d.expected));
    std::string run_walk = "null";
    if (r.run_walk)
        run_walk = fmt::format("{{\"run\": {}, \"walk\": {}, \"repeats\": {}}}", format_shortest(r.run_walk->run),
                               format_shortest(r.run_walk->walk), r.run_walk->repeats);
    return fmt::format(
        "{{\"file\": {}, \"name\": {}, \"mode\": {}, \"phase\": {}, \"step\": {}, \"status\": {}, \"units\": {}, "
        "\"distance_cap\": {}, \"run_walk\": {}, \"logged\": {}, \"next_gate\": {}, \"errors\": {}, \"warnings\": {}, "
        "\"last_entry\": {}, \"days_since_entry\": {}, \"diagnostics\": [{}]}}",
        json_string(r.file), r.name.empty() ? "null" : json_string(r.name),
        json_or_null(r.mode ? std::optional<std::string>(to_string(*r.mode)) : std::nullopt),
        json_or_null(r.phase ? std::optional<std::string>(to_string(*r.phase)) : std::nullopt),
        json_number(r.step), json_string(status_text(r.status, r.days_since_entry)),
        r.mode ? json_string(to_string(r.units)) : "null",
        json_number(r.distance_cap), run_walk,
        r.mode ? format_decimal(r.logged) : "null", r.mode ? json_string(r.next_gate) : "null", r.errors, r.warnings,
        r.last_entry ? json_string(r.last_entry->to_string()) : "null",
        json_number(r.days_since_entry), diagnostics);
}

std::string render_delimited(const std::vector<StatusRow>& rows, char sep) {
    std::vector<std::vector<std::string>> cells;
    for (const auto& r : rows)
        cells.push_back({r.file, r.name, r.mode ? std::string(to_string(*r.mode)) : "",
                         r.phase ? std::string(to_string(*r.phase)) : "", field_number(r.step),
                         status_text(r.status, r.days_since_entry), r.mode ? std::string(to_string(r.units)) : "",
                         field_number(r.distance_cap),
                         r.run_walk ? to_string(*r.run_walk) : "", r.mode ? format_decimal(r.logged) : "",
                         r.next_gate, fmt::format("{}", r.errors), fmt::format("{}", r.warnings),
                         r.last_entry ? r.last_entry->to_string() : "",
                         field_number(r.days_since_entry)});
    return delimited_table({"file", "name", "mode", "phase", "step", "status", "units", "distance_cap", "run_walk",
                            "logged", "next_gate", "errors", "warnings", "last_entry", "days_since_entry"},
                           cells, sep);
}

}  // namespace

std::string status_text(BoardStatus s, std::optional<int> days) {
    switch (s) {
        case BoardStatus::invalid: return "invalid";
        case BoardStatus::red_flag: return "red flag";
        case BoardStatus::referred: return "referred";
        case BoardStatus::pullback: return "pullback";
        case BoardStatus::stale:
            return days ? fmt::format("not logged for {} day{}", *days, *days == 1 ? "" : "s") : "nothing logged";
        case BoardStatus::ok: return "ok";
    }
    return "?";
}

StatusRow status_row(const History& h, std::string file, Date today, int stale_days) {
    StatusRow r;
    r.file = std::move(file);
    r.name = h.runner.name.value_or("");
    r.units = h.runner.units;
    auto a = assess(h, today);
    const auto& timeline = a.timeline;
    for (const auto& f : a.findings) {
        if (f.severity == Severity::error) ++r.errors;
        if (f.severity == Severity::warning) ++r.warnings;
    }
    auto plan = make_plan(h, today, 1, nullptr, &a);
    r.mode = plan.mode;
    r.phase = plan.phase;
    r.step = plan.phase == Phase::run_walk ? plan.step : std::nullopt;
    if (!plan.weeks.empty()) {
        const auto& w = plan.weeks.front();
        r.distance_cap = w.distance_cap;
        r.run_walk = w.run_walk;
        r.logged = w.logged;
        r.next_gate = w.next_gate;
    }
    r.last_entry = last_entry_of(h);
    if (r.last_entry) r.days_since_entry = today - *r.last_entry;
    r.status = status_of(plan, timeline, r.days_since_entry, stale_days);
    return r;
}

StatusRow invalid_status_row(std::string file, std::vector<Diagnostic> diagnostics) {
    StatusRow r;
    r.file = std::move(file);
    r.status = BoardStatus::invalid;
    r.errors = static_cast<int>(diagnostics.size());
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
    r.diagnostics = std::move(diagnostics);
    if (r.diagnostics.empty()) r.diagnostics.push_back({{}, "does not load", ""});
    return r;
}

void sort_board(std::vector<StatusRow>& rows) {
    std::stable_sort(rows.begin(), rows.end(), [](const StatusRow& a, const StatusRow& b) {
        if (a.status != b.status) return rank(a.status) < rank(b.status);
        if (a.status == BoardStatus::stale && a.days_since_entry != b.days_since_entry)
            return !a.days_since_entry || (b.days_since_entry && *a.days_since_entry > *b.days_since_entry);
        if (a.errors != b.errors) return a.errors > b.errors;
        return a.warnings > b.warnings;
    });
}

std::string render_status(const std::vector<StatusRow>& rows, Date today, Format format, TextStyle) {
    switch (format) {
        case Format::json: {
            std::string out = fmt::format("{{\"schema_version\": 1, \"today\": \"{}\", \"histories\": [", today.to_string());
            for (std::size_t i = 0; i < rows.size(); ++i) out += (i ? ",\n  " : "\n  ") + row_json(rows[i]);
            return out + (rows.empty() ? "]}\n" : "\n]}\n");
        }
        case Format::jsonl: {
            std::string out;
            for (const auto& r : rows) out += row_json(r) + "\n";
            return out;
        }
        case Format::csv: return render_delimited(rows, ',');
        case Format::tsv: return render_delimited(rows, '\t');
        default: return render_text(rows, today);
    }
}

}  // namespace rkplan
