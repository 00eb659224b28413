#pragma once
/// \file render.hpp
/// Renderers: reports to text for people, and to JSON, CSV and TSV for programs.

#include <string>
#include <string_view>

#include "rkplan/check.hpp"
#include "rkplan/phases.hpp"
#include "rkplan/plan.hpp"
#include "rkplan/weeks.hpp"

namespace rkplan {

/// Output formats of the commands.
enum class Format { text, json, jsonl, csv, tsv, ics };
std::string_view to_string(Format f);

/// How text output may decorate itself; colour is decided by the caller (a terminal,
/// no NO_COLOR), never by the library.
struct TextStyle {
    bool colour = false;
    /// The columns to fit (a terminal's width): 0 keeps the full, stable layout that
    /// scripts read; otherwise the text of plan, weeks and check fits in `width` columns,
    /// at least `min_fit_width` (see docs/manual/terminal-output.md).
    int width = 0;
};

/// The narrowest width text output fits; a narrower `TextStyle::width` counts as this.
inline constexpr int min_fit_width = 80;

/// `rkplan weeks` in text (an aligned table), json (docs/manual/outputs.md), csv or tsv. With a
/// timeline, each week shows the phase in force on its first day (injury mode).
std::string render_weeks(const WeeksReport& report, Format format, TextStyle style = {},
                         const PhaseTimeline* timeline = nullptr);

/// The findings of one history file, or the diagnostics that kept it from loading.
struct FileFindings {
    std::string file;
    Units units = Units::km;
    std::vector<Finding> findings;
    std::vector<Diagnostic> errors;  ///< non-empty when the file is invalid
};

/// `rkplan check` output: text like a compiler's, json, jsonl, csv or tsv. jsonl has one
/// record a line, in file order, each with a "type": "finding", or "error" for each
/// diagnostic of a file that could not be read or loaded (position order). Diagnostics
/// appear in json ("errors") and jsonl only (text, csv and tsv: the caller prints them
/// on standard error). `next` is the verdict of `--next`, if asked: in text after the
/// findings, in json as "next", in jsonl as a last line {"type": "next", "next": {...}};
/// csv and tsv leave it out (`render_next` gives it as text).
std::string render_findings(const std::vector<FileFindings>& files, Format format, TextStyle style,
                            const NextVerdict* next = nullptr);

/// The verdict of `check --next` as text: the week, ok or not ok, the caps and the reasons.
std::string render_next(const NextVerdict& next, Units units, TextStyle style = {});

/// `rkplan plan` in text (status, a row per week, protocol, clearance, disclaimer),
/// json (docs/manual/outputs.md), csv or tsv (a row per week) or ics (an all-day event per week).
std::string render_plan(const Plan& plan, Format format, TextStyle style = {});

/// The plan's weeks as CSV (sep ',') or TSV (sep '\t') with a header row.
std::string render_plan_delimited(const Plan& plan, char sep);

/// The plan as an RFC 5545 iCalendar: CRLF line endings, lines folded at 75 octets, one
/// all-day VEVENT per week; DTSTAMP is derived from the plan's `today` for reproducibility.
std::string render_plan_ics(const Plan& plan);

/// JSON string literal for `s`, with quotes and escapes.
std::string json_string(std::string_view s);

/// A CSV field: quoted when it holds a comma, quote or line break.
std::string csv_field(std::string_view s);

/// A header row and rows as CSV (`sep` ',', fields quoted where needed) or TSV (`sep`
/// '\t'; TSV has no quoting, so tabs and line breaks inside a field become spaces).
std::string delimited_table(const std::vector<std::string>& header,
                            const std::vector<std::vector<std::string>>& rows, char sep);

}  // namespace rkplan
