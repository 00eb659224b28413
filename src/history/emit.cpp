#include "rkplan/emit.hpp"
#include "rkplan/text.hpp"

#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace rkplan {

std::string toml_string(std::string_view s) { return quote_escaped(s); }

namespace {

std::string clock(double minutes) {
    auto total = static_cast<long>(std::llround(minutes * 60));
    long h = total / 3600, m = (total / 60) % 60, s = total % 60;
    return h > 0 ? fmt::format("{}:{:02}:{:02}", h, m, s) : fmt::format("{}:{:02}", m, s);
}

}  // namespace

std::string format_run_toml(const Run& r) {
    std::string out = "\n[[run]]\n";
    out += fmt::format("date = {}\n", r.date.to_string());
    out += fmt::format("distance = {}\n", format_shortest(r.distance));
    // A duration with a fraction of a second would not survive "mm:ss": keep minutes then.
    if (r.duration)
        out += std::fabs(*r.duration * 60 - std::round(*r.duration * 60)) < 1e-6
                   ? fmt::format("duration = \"{}\"\n", clock(*r.duration))
                   : fmt::format("duration = {}\n", format_shortest(*r.duration));
    if (r.descent) out += fmt::format("descent = {}\n", format_shortest(*r.descent));
    if (r.downhill) out += fmt::format("downhill = {}\n", format_shortest(*r.downhill));
    if (r.kind != RunKind::easy) out += fmt::format("kind = \"{}\"\n", to_string(r.kind));
    if (r.run_walk_run && r.run_walk_walk)
        out += fmt::format("run_walk = [{}, {}]\n", format_shortest(*r.run_walk_run), format_shortest(*r.run_walk_walk));
    if (r.pain) out += fmt::format("pain = {}\n", format_shortest(*r.pain));
    if (r.pain_after) out += fmt::format("pain_after = {}\n", format_shortest(*r.pain_after));
    if (r.rpe) out += fmt::format("rpe = {}\n", format_shortest(*r.rpe));
    if (r.shoe) out += fmt::format("shoe = {}\n", toml_string(*r.shoe));
    if (r.cadence) out += fmt::format("cadence = {}\n", format_shortest(*r.cadence));
    if (r.surface) out += fmt::format("surface = \"{}\"\n", to_string(*r.surface));
    if (r.note) out += fmt::format("note = {}\n", toml_string(*r.note));
    return out;
}

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The whole of `text` read as a decimal number ("5.2", "+3", "1e3", "inf"); nullopt if
// any of it is not part of the number.
std::optional<double> read_number(std::string_view text) {
    text = trimmed(text);
    if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return v;
}

// A number as a TOML number (non-finite values as TOML's inf and nan, which the loader
// refuses with its own message); anything else as a TOML string.
std::string number_or_string(std::string_view text) {
    if (auto v = read_number(text)) return format_shortest(*v);
    return toml_string(text);
}

// "3:1" or "3,1" as [3, 1]; anything else as a string, which the loader refuses.
std::string run_walk_value(std::string_view text) {
    auto cut = text.find_first_of(":,");
    if (cut != std::string_view::npos) {
        auto run = read_number(text.substr(0, cut));
        auto walk = read_number(text.substr(cut + 1));
        if (run && walk) return fmt::format("[{}, {}]", format_shortest(*run), format_shortest(*walk));
    }
    return toml_string(text);
}

}  // namespace

std::string run_entry_toml(const RunFieldText& f) {
    std::string out = "\n[[run]]\n";
    out += fmt::format("date = {}\n", f.date.to_string());
    out += fmt::format("distance = {}\n", number_or_string(f.distance));
    auto add = [&](std::string_view key, const std::optional<std::string>& text, auto&& value) {
        if (text) out += fmt::format("{} = {}\n", key, value(*text));
    };
    auto as_string = [](std::string_view s) { return toml_string(s); };
    add("duration", f.duration, number_or_string);
    add("descent", f.descent, number_or_string);
    add("downhill", f.downhill, number_or_string);
    if (f.kind) add("kind", f.kind, as_string);
    else if (f.run_walk) out += "kind = \"run-walk\"\n";
    add("run_walk", f.run_walk, run_walk_value);
    add("pain", f.pain, number_or_string);
    add("pain_after", f.pain_after, number_or_string);
    add("rpe", f.rpe, number_or_string);
    add("shoe", f.shoe, as_string);
    add("cadence", f.cadence, number_or_string);
    add("surface", f.surface, as_string);
    add("note", f.note, as_string);
    return out;
}

std::string append_entries_text(std::string_view original, std::string_view addition) {
    bool crlf = original.find("\r\n") != std::string_view::npos;
    std::string_view line_break = crlf ? "\r\n" : "\n";
    std::string out(original);
    if (!out.empty() && out.back() != '\n') out += line_break;
    char previous = '\0';
    for (char c : addition) {
        if (c == '\n' && previous != '\r') out += line_break;
        else out += c;
        previous = c;
    }
    return out;
}

}  // namespace rkplan
