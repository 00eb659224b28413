#pragma once
/// \file chart_file.hpp
/// The files `rkplan plot` writes: SVG or PNG by the name's extension, each marked as
/// rkplan's, so that an existing file is replaced only when rkplan wrote it.

#include <optional>
#include <string>
#include <string_view>

namespace rkplan {

enum class ChartFormat { svg, png };

/// The chart format a file name asks for: ".svg" or ".png", in any case; nullopt for any
/// other name.
std::optional<ChartFormat> chart_format_for(std::string_view path);

/// The mark of a chart rkplan wrote: in an SVG, the comment `svg_chart_mark` after the
/// XML declaration; in a PNG, a tEXt chunk with keyword "Software" and text
/// `png_chart_software`.
inline constexpr std::string_view svg_chart_mark = "<!-- Software: rkplan -->";
inline constexpr std::string_view png_chart_software = "rkplan";

/// True if `head` (the first bytes of a file, up to 64 KiB) is a chart rkplan wrote: an
/// SVG with `svg_chart_mark` (or, from versions before the mark, the "Made by rkplan"
/// description) near its start, or a PNG with the Software chunk before its image data.
bool is_rkplan_chart(std::string_view head);

/// How many bytes of a file `is_rkplan_chart` needs at most.
inline constexpr std::size_t chart_head_bytes = 64 * 1024;

/// `png` with a tEXt chunk (keyword, a NUL, text; Latin-1) inserted right after its IHDR
/// chunk, its CRC computed; `png` unchanged if it does not start with a PNG signature and
/// an IHDR chunk.
std::string png_with_text(std::string_view png, std::string_view keyword, std::string_view text);

}  // namespace rkplan
