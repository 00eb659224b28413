#include "rkplan/emit.hpp"

#include <cmath>
#include <fmt/format.h>

namespace rkplan {

std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7f) out += fmt::format("\\u{:04X}", c);
                else out += static_cast<char>(c);
        }
    }
    return out + '"';
}

namespace {

// Shortest form that reads back as the same double; whole numbers keep no decimals.
std::string number(double v) { return fmt::format("{}", v); }

std::string clock(double minutes) {
    auto total = static_cast<long>(std::llround(minutes * 60));
    long h = total / 3600, m = (total / 60) % 60, s = total % 60;
    return h > 0 ? fmt::format("{}:{:02}:{:02}", h, m, s) : fmt::format("{}:{:02}", m, s);
}

}  // namespace

std::string format_run_toml(const Run& r) {
    std::string out = "\n[[run]]\n";
    out += fmt::format("date = {}\n", r.date.to_string());
    out += fmt::format("distance = {}\n", number(r.distance));
    // A duration with a fraction of a second would not survive "mm:ss": keep minutes then.
    if (r.duration)
        out += std::fabs(*r.duration * 60 - std::round(*r.duration * 60)) < 1e-6
                   ? fmt::format("duration = \"{}\"\n", clock(*r.duration))
                   : fmt::format("duration = {}\n", number(*r.duration));
    if (r.descent) out += fmt::format("descent = {}\n", number(*r.descent));
    if (r.downhill) out += fmt::format("downhill = {}\n", number(*r.downhill));
    if (r.kind != RunKind::easy) out += fmt::format("kind = \"{}\"\n", to_string(r.kind));
    if (r.run_walk_run && r.run_walk_walk)
        out += fmt::format("run_walk = [{}, {}]\n", number(*r.run_walk_run), number(*r.run_walk_walk));
    if (r.pain) out += fmt::format("pain = {}\n", number(*r.pain));
    if (r.pain_after) out += fmt::format("pain_after = {}\n", number(*r.pain_after));
    if (r.rpe) out += fmt::format("rpe = {}\n", number(*r.rpe));
    if (r.shoe) out += fmt::format("shoe = {}\n", toml_string(*r.shoe));
    if (r.cadence) out += fmt::format("cadence = {}\n", number(*r.cadence));
    if (r.surface) out += fmt::format("surface = \"{}\"\n", to_string(*r.surface));
    if (r.note) out += fmt::format("note = {}\n", toml_string(*r.note));
    return out;
}

}  // namespace rkplan
