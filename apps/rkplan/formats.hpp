#pragma once
// The one table of output formats: each format's name, the commands that accept it, what
// renders it and what its output is. The --format option of plan, weeks, check and status
// (its values, their check and its help), the names plot's --output accepts, and each
// command's choice of renderer and of where its other messages go all read it.

#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rkplan/chart_file.hpp"
#include "rkplan/render.hpp"

namespace rkplan::cli {

/// What a format's output is; it decides where a command's other messages go.
enum class Shape {
    text,      ///< for people: errors and summaries go to standard error beside it
    document,  ///< one JSON document, which carries the errors of files that do not load
    lines,     ///< JSON Lines: one object a line, the errors of files among them
    table,     ///< one table (CSV, TSV) on standard output: anything else goes to standard error
    calendar,  ///< an iCalendar file
    chart,     ///< a picture, written to plot's --output, chosen by the file name's extension
};

struct OutputFormat {
    std::string_view name;                      ///< --format's value; a chart's file extension, without the dot
    std::variant<Format, ChartFormat> renders;  ///< the library's renderers' Format (render.hpp), or the chart's file
    Shape shape;
    std::string_view commands;  ///< the commands that accept it, separated by spaces
    std::string_view content;   ///< what it holds
};

/// The table, in the order --help lists the formats.
std::span<const OutputFormat> output_formats();

/// The names of the formats `command` accepts, in the table's order: --format's values
/// ("text", "json", ...), or for plot the chart file extensions ("svg", "png").
std::vector<std::string> format_names(std::string_view command);

/// The row of --format's value `name` (one of `format_names`' values; case as in the table).
const OutputFormat& output_format(std::string_view name);

/// The row of a chart file format.
const OutputFormat& output_format(ChartFormat chart);

/// "a, b or c" (with `prefix` before each name: ".svg or .png").
std::string or_list(const std::vector<std::string>& names, std::string_view prefix = "");

}  // namespace rkplan::cli
