#pragma once
// `rkplan plot -o chart.png`: the SVG chart rendered by librsvg and cairo (Debian's
// librsvg2-2), the only part of rkplan that draws pixels.

#include <string>
#include <string_view>

namespace rkplan::cli {

/// Pixels per SVG unit in the PNG: twice the chart's size, sharp on a phone's screen.
inline constexpr int png_scale = 2;

/// `svg` (one of rkplan's charts, `width` × `height` units) as a PNG of
/// `width * png_scale` × `height * png_scale` pixels, with a tEXt chunk "Software" =
/// "rkplan" (`png_chart_software`). Throws EnvironmentError if librsvg cannot read or
/// draw it.
std::string render_png(std::string_view svg, int width, int height);

}  // namespace rkplan::cli
