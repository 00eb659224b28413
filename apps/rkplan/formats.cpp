#include "formats.hpp"

#include <algorithm>
#include <cassert>

namespace rkplan::cli {

namespace {

constexpr std::string_view reports = "plan weeks check status";

// clang-format off
const OutputFormat table[] = {
    // name     renders           shape             commands        content
    {"text",  Format::text,      Shape::text,      reports,        "aligned text for people, fitted to --width, coloured on a terminal"},
    {"json",  Format::json,      Shape::document,  reports,        "one JSON document (docs/manual/outputs.md)"},
    {"jsonl", Format::jsonl,     Shape::lines,     "check status", "JSON Lines: one finding, error or runner a line"},
    {"csv",   Format::csv,       Shape::table,     reports,        "one table of comma-separated values with a header row"},
    {"tsv",   Format::tsv,       Shape::table,     reports,        "one table of tab-separated values with a header row"},
    {"ics",   Format::ics,       Shape::calendar,  "plan",         "an iCalendar file: each planned week an event"},
    {"svg",   ChartFormat::svg,  Shape::chart,     "plot",         "the chart as SVG: NAME.svg, or - for standard output"},
    {"png",   ChartFormat::png,  Shape::chart,     "plot",         "the chart as PNG, drawn from the SVG by librsvg: NAME.png"},
};
// clang-format on

bool accepted_by(const OutputFormat& f, std::string_view command) {
    for (std::size_t at = 0; at < f.commands.size();) {
        auto end = std::min(f.commands.find(' ', at), f.commands.size());
        if (f.commands.substr(at, end - at) == command) return true;
        at = end + 1;
    }
    return false;
}

}  // namespace

std::span<const OutputFormat> output_formats() { return table; }

std::vector<std::string> format_names(std::string_view command) {
    std::vector<std::string> names;
    for (const auto& f : table)
        if (accepted_by(f, command)) names.emplace_back(f.name);
    return names;
}

const OutputFormat& output_format(std::string_view name) {
    auto found = std::find_if(std::begin(table), std::end(table), [&](const auto& f) { return f.name == name; });
    assert(found != std::end(table));
    return *found;
}

const OutputFormat& output_format(ChartFormat chart) {
    auto found = std::find_if(std::begin(table), std::end(table), [&](const auto& f) {
        return std::holds_alternative<ChartFormat>(f.renders) && std::get<ChartFormat>(f.renders) == chart;
    });
    assert(found != std::end(table));
    return *found;
}

std::string or_list(const std::vector<std::string>& names, std::string_view prefix) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
        out += prefix;
        out += names[i];
    }
    return out;
}

}  // namespace rkplan::cli
