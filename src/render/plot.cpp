// `rkplan plot`: one SVG chart of the logged weeks and the plan. Every coordinate and
// value is printed with fixed decimals, so the same history gives the same bytes.

#include "rkplan/plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "rkplan/check.hpp"
#include "rkplan/chart_file.hpp"
#include "rkplan/text.hpp"

namespace rkplan {

namespace {

// --- layout, in pixels (the chart is plot_width × plot_height) ---
constexpr double plot_left = 72;     // distance axis
constexpr double plot_right = 928;   // ACWR axis
constexpr double title_y = 26;
constexpr double subtitle_y = 45;
constexpr double band_top = 56;      // phase bands start here
constexpr double phase_label_y = 70;
constexpr double pain_row_y = 88;    // centre of the pain markers
constexpr double dist_top = 104;     // distance and ACWR area
constexpr double dist_bottom = 360;
constexpr double desc_top = 380;     // descent strip
constexpr double desc_bottom = 426;
constexpr double week_label_y = 441;
constexpr double date_label_y = 454;
constexpr double legend_top = 478;
constexpr double legend_row = 24;
constexpr double legend_left = 40;
constexpr double legend_column = 188;
constexpr int legend_columns = 5;
constexpr double min_label_spacing = 36;  // between week labels
constexpr double bar_share = 0.72;        // of a week's slot
constexpr double downhill_share = 0.4;    // of a bar
constexpr std::size_t max_title_name = 40;  // code points of the runner's name

// --- colours: Okabe-Ito, readable with the common colour-vision deficiencies ---
constexpr std::string_view distance_colour = "#0072B2";
constexpr std::string_view downhill_colour = "#E69F00";
constexpr std::string_view descent_colour = "#8C5A3C";
constexpr std::string_view cap_colour = "#222222";
constexpr std::string_view acwr_colour = "#CC3D8F";
constexpr std::string_view acwr_band_colour = "#009E73";
constexpr std::string_view acwr_high_colour = "#D55E00";
constexpr std::string_view pain_colour = "#D00000";
constexpr std::string_view grid_colour = "#DDDDDD";
constexpr std::string_view axis_colour = "#444444";
constexpr std::string_view muted_text = "#555555";
constexpr std::string_view font_stack =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";

// The ACWR sweet spot (Gabbett 2016) drawn as a band.
constexpr double acwr_band_low = 0.8;

// A coordinate: one decimal, never "-0.0".
std::string px(double v) { return format_fixed(v, 1); }
// A value in a data attribute.
std::string val(double v) { return format_fixed(v, 2); }

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// Rough width of sans-serif text: enough to decide whether a label fits.
double text_width(std::string_view s, double font_size) {
    return static_cast<double>(code_points(s)) * font_size * 0.58;
}

// The first `n` code points of `s`, with an ellipsis if anything was cut.
std::string truncate(std::string_view s, std::size_t n) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (seen == n) return std::string(s.substr(0, i)) + "\u2026";
        ++seen;
    }
    return std::string(s);
}

// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
double nice_step(double raw) {
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double f = raw / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * magnitude;
}

struct Axis {
    double top = 1;   // value at the top
    double step = 1;  // between ticks
};

// An axis from 0 holding `max` with about `ticks` ticks.
Axis nice_axis(double max, int ticks, double fallback) {
    if (!(max > 0)) max = fallback;
    Axis a;
    a.step = nice_step(max / ticks);
    a.top = std::ceil(max / a.step - 1e-9) * a.step;
    return a;
}

std::string tick_label(double v, double step) {
    return format_fixed(v, step == std::floor(step) ? 0 : step * 2 == std::floor(step * 2) ? 1 : 2);
}

// A pain score as written: "2", "2.5".
std::string score(double v) { return format_fixed(v, v == std::floor(v) ? 0 : 1); }

std::string phase_label(std::optional<Phase> phase, bool referred, int length) {
    if (referred) return length == 0 ? "referred: see a clinician" : length == 1 ? "referred" : "!";
    if (!phase) return {};
    auto id = std::string(to_string(*phase));
    auto name = std::string(phase_name(*phase));
    if (*phase == Phase::cleared) return length == 0 ? "cleared (maintain)" : length == 1 ? "cleared" : "C";
    return length == 0 ? "phase " + id + " " + name : length == 1 ? id + " " + name : id;
}

std::string_view band_colour(std::optional<Phase> phase, bool referred) {
    if (referred) return "#F6CFD3";
    if (!phase) return "#FFFFFF";
    switch (*phase) {
    case Phase::settle: return "#E6E6E6";
    case Phase::strength: return "#FBE1C0";
    case Phase::run_walk: return "#FFF0A8";
    case Phase::rebuild: return "#D5EDCF";
    case Phase::cleared: return "#CFE5F3";
    }
    return "#FFFFFF";
}

// One week of the chart: logged, planned, or both (the week containing today).
struct Slot {
    std::string week;
    Date start;
    bool logged = false;
    bool planned = false;
    // logged
    double distance = 0;
    double downhill = 0;
    double descent = 0;
    std::optional<double> pain;        // worst of pain and pain_after
    std::optional<double> pain_during;
    std::optional<double> pain_after;
    std::optional<double> acwr;
    std::optional<double> cap;         // the weekly-increase cap in force
    // planned
    std::optional<double> plan_cap;
    double plan_downhill = 0;
    double plan_descent = 0;
    bool plan_run_walk = false;        // phase 3: sessions by time, no distance cap
    std::optional<LadderStep> plan_session;
    // both
    std::optional<Phase> phase;
    std::optional<Phase> phase_end;  ///< a different phase reached inside the week
    int change_day = 0;              ///< the day of the week (0-6) it was reached on
    bool referred = false;
};

std::vector<Slot> build_slots(const History& h, const WeeksReport& report, const PhaseTimeline& timeline,
                              const Plan& plan) {
    std::vector<Slot> slots;
    const auto& weeks = report.weeks;
    std::size_t first = weeks.size() > plot_max_logged_weeks ? weeks.size() - plot_max_logged_weeks : 0;
    bool injury = timeline.mode == Mode::injury;
    bool have_timeline = timeline.weeks.size() == weeks.size();
    for (std::size_t wi = first; wi < weeks.size(); ++wi) {
        const auto& w = weeks[wi];
        Slot s;
        s.week = w.name;
        s.start = w.start;
        s.logged = true;
        s.distance = w.distance;
        s.downhill = w.downhill;
        s.descent = w.descent;
        s.acwr = w.acwr;
        s.pain_during = w.pain;
        s.pain_after = w.pain_after;
        double worst = std::max(w.pain.value_or(0), w.pain_after.value_or(0));
        if ((w.pain || w.pain_after) && worst > h.rules.pain_limit) s.pain = worst;
        if (have_timeline) {
            // The rule's cap; the first week on record has none (its past is unknown).
            auto caps = week_caps(h, report, timeline, wi, w.distance);
            if (!caps.first_week) s.cap = caps.distance;
            // ACWR only where a rule reads it: not across phase 3, a break or a restart.
            if (!timeline.weeks[wi].acwr_applies) s.acwr.reset();
            const auto& state = timeline.weeks[wi].state;
            if (injury && !state.before_onset) s.phase = state.phase;
            const auto& ctx = timeline.weeks[wi];
            // From the last change of phase inside the week on.
            if (injury && !state.before_onset && ctx.last_phase != state.phase && ctx.phase_changed_on) {
                s.phase_end = ctx.last_phase;
                s.change_day = *ctx.phase_changed_on - w.start;
            }
            s.referred = state.referred;
        }
        slots.push_back(std::move(s));
    }
    for (const auto& pw : plan.weeks) {
        auto it = std::find_if(slots.begin(), slots.end(), [&](const Slot& s) { return s.start == pw.start; });
        if (it == slots.end()) {
            if (!slots.empty() && pw.start < slots.back().start) continue;  // older than the chart
            slots.push_back(Slot{});
            it = std::prev(slots.end());
            it->week = pw.week;
            it->start = pw.start;
            it->phase = pw.phase;
            it->referred = pw.referred;
        }
        it->planned = true;
        it->plan_cap = pw.distance_cap;
        it->plan_downhill = pw.downhill_cap;
        it->plan_descent = pw.descent_cap;
        it->plan_run_walk = !pw.distance_cap && !pw.referred;
        it->plan_session = pw.run_walk;
    }
    return slots;
}

class SvgWriter {
public:
    SvgWriter(const History& h, const Plan& plan, std::vector<Slot> slots)
        : h_(h), plan_(plan), slots_(std::move(slots)) {
        n_ = slots_.size();
        slot_w_ = n_ ? (plot_right - plot_left) / static_cast<double>(n_) : 0;
        dist_units_ = std::string(to_string(h_.runner.units));
        elev_units_ = std::string(elevation_unit(h_.runner.units));
        double max_distance = 0, max_descent = 0, max_acwr = 0;
        for (const auto& s : slots_) {
            max_distance = std::max({max_distance, s.distance, s.cap.value_or(0), s.plan_cap.value_or(0)});
            max_descent = std::max({max_descent, s.descent, s.plan_descent});
            max_acwr = std::max(max_acwr, s.acwr.value_or(0));
        }
        dist_axis_ = nice_axis(max_distance * 1.04, 5, h_.runner.units == Units::km ? 10 : 6);
        desc_axis_ = nice_axis(max_descent, 2, h_.runner.units == Units::km ? 100 : 300);
        // The ACWR axis shows the band and the high line, and every value up to 5.
        double acwr_max = std::min(std::max({2.0, h_.rules.acwr_high + 0.25, max_acwr * 1.04}), 5.0);
        acwr_axis_.step = acwr_max > 3 ? 1.0 : 0.5;
        acwr_axis_.top = std::ceil(acwr_max / acwr_axis_.step - 1e-9) * acwr_axis_.step;
    }

    std::string render() {
        header();
        phase_bands();
        grid();
        acwr_band();
        bars();
        descent_strip();
        cap_line();
        acwr_line();
        today_line();
        pain_markers();
        axes();
        week_labels();
        legend();
        out_ += "</svg>\n";
        return std::move(out_);
    }

private:
    template <typename... Args>
    void put(fmt::format_string<Args...> f, Args&&... args) {
        fmt::format_to(std::back_inserter(out_), f, std::forward<Args>(args)...);
    }

    double x0(std::size_t i) const { return plot_left + static_cast<double>(i) * slot_w_; }
    double centre(std::size_t i) const { return x0(i) + slot_w_ / 2; }
    double bar_w() const { return slot_w_ * bar_share; }
    double bar_x(std::size_t i) const { return centre(i) - bar_w() / 2; }
    double y_dist(double v) const {
        return dist_bottom - std::clamp(v / dist_axis_.top, 0.0, 1.0) * (dist_bottom - dist_top);
    }
    double y_desc(double v) const {
        return desc_bottom - std::clamp(v / desc_axis_.top, 0.0, 1.0) * (desc_bottom - desc_top);
    }
    double y_acwr(double v) const {
        return dist_bottom - std::clamp(v / acwr_axis_.top, 0.0, 1.0) * (dist_bottom - dist_top);
    }
    std::string dist(double v) const { return format_fixed(v, 1) + " " + dist_units_; }
    std::string elev(double v) const { return format_fixed(v, 0) + " " + elev_units_; }

    std::string title_text() const {
        std::string who = plan_.runner.empty() ? std::string("Training load")
                                               : truncate(display_text(plan_.runner), max_title_name) + ": training load";
        if (slots_.empty()) return who;
        return fmt::format("{}, {} to {}", who, slots_.front().start.to_string(),
                           (slots_.back().start + 6).to_string());
    }

    std::string subtitle_text() const {
        std::string status;
        if (plan_.referred) status = "referred: see a sports-medicine clinician";
        else if (plan_.mode == Mode::prevention) status = "prevention mode";
        else if (plan_.phase)
            status = fmt::format("injury mode, phase {} ({}){}", to_string(*plan_.phase), phase_name(*plan_.phase),
                                 plan_.phase == Phase::run_walk && plan_.step ? fmt::format(", step {}", *plan_.step)
                                                                              : std::string{});
        std::size_t planned = 0;
        for (const auto& s : slots_)
            if (s.planned && !s.logged) ++planned;
        return fmt::format("{} \u00b7 logged up to {} \u00b7 then the plan for the next {} week{}", status,
                           plan_.today.to_string(), planned, planned == 1 ? "" : "s");
    }

    void header() {
        out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        out_ += fmt::format("{}\n", svg_chart_mark);  // lets plot -o replace a chart it wrote
        put("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
            "font-family=\"{2}\" font-size=\"11\" role=\"img\" aria-labelledby=\"rk-title rk-desc\">\n",
            plot_width, plot_height, font_stack);
        put("<title id=\"rk-title\">{}</title>\n", xml_escape(title_text()));
        put("<desc id=\"rk-desc\">Weekly running distance ({}) with downhill distance and descent ({}), the "
            "10% rule cap, {}pain above the limit and the acute:chronic workload ratio; the coming weeks are "
            "the plan's caps. Made by rkplan: guidance, not a diagnosis.</desc>\n",
            dist_units_, elev_units_, plan_.mode == Mode::injury ? "return-to-run phases, " : "");
        out_ += "<defs>\n";
        put("<pattern id=\"rk-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
            "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#FFFFFF\" fill-opacity=\"0.7\"/>"
            "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{}\" stroke-width=\"2.2\" stroke-opacity=\"0.5\"/>"
            "</pattern>\n",
            distance_colour);
        put("<pattern id=\"rk-hatch-descent\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
            "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#FFFFFF\" fill-opacity=\"0.7\"/>"
            "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{}\" stroke-width=\"2.2\" stroke-opacity=\"0.5\"/>"
            "</pattern>\n",
            descent_colour);
        out_ += "</defs>\n";
        put("<rect class=\"background\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#FFFFFF\"/>\n", plot_width,
            plot_height);
        put("<text class=\"title\" x=\"20\" y=\"{}\" font-size=\"18\" font-weight=\"bold\" fill=\"#111111\">{}</text>\n",
            px(title_y), xml_escape(title_text()));
        put("<text class=\"subtitle\" x=\"20\" y=\"{}\" font-size=\"12\" fill=\"{}\">{}</text>\n", px(subtitle_y),
            muted_text, xml_escape(subtitle_text()));
    }

    // Injury mode: a background band per week coloured by its phase, one label per run of
    // weeks in the same phase. Prevention mode: the planned weeks shaded, labelled "plan".
    void phase_bands() {
        out_ += "<g class=\"phase-bands\">\n";
        bool injury = plan_.mode == Mode::injury;
        for (std::size_t i = 0; i < n_; ++i) {
            const auto& s = slots_[i];
            if (injury && (s.phase || s.referred)) {
                // A change of phase inside the week splits its band on the day it came.
                double first_w = s.phase_end && !s.referred ? slot_w_ * s.change_day / 7.0 : slot_w_;
                put("<rect class=\"phase-band\" data-week=\"{}\" data-phase=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
                    "height=\"{}\" fill=\"{}\"{}/>\n",
                    s.week, s.referred ? "referred" : std::string(to_string(*s.phase)), px(x0(i)), px(band_top),
                    px(first_w), px(desc_bottom - band_top), band_colour(s.phase, s.referred),
                    s.logged ? "" : " fill-opacity=\"0.6\"");
                if (first_w < slot_w_)
                    put("<rect class=\"phase-band\" data-week=\"{}\" data-phase=\"{}\" data-from-day=\"{}\" x=\"{}\" "
                        "y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
                        s.week, to_string(*s.phase_end), s.change_day, px(x0(i) + first_w), px(band_top),
                        px(slot_w_ - first_w), px(desc_bottom - band_top), band_colour(s.phase_end, false));
            } else if (!injury && s.planned && !s.logged) {
                put("<rect class=\"plan-band\" data-week=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                    "fill=\"#F2F2F2\"/>\n",
                    s.week, px(x0(i)), px(band_top), px(slot_w_), px(desc_bottom - band_top));
            }
        }
        // Labels over each run of equal weeks.
        std::size_t i = 0;
        while (i < n_) {
            auto key = [&](const Slot& s) {
                if (injury) return std::string(s.referred ? "r" : s.phase ? to_string(*s.phase) : "");
                return std::string(s.planned && !s.logged ? "plan" : "");
            };
            std::size_t j = i;
            while (j < n_ && key(slots_[j]) == key(slots_[i])) ++j;
            double w = static_cast<double>(j - i) * slot_w_;
            std::string label;
            if (injury) {
                for (int length = 0; length < 3 && label.empty(); ++length) {
                    auto candidate = phase_label(slots_[i].phase, slots_[i].referred, length);
                    if (text_width(candidate, 11) + 6 <= w) label = candidate;
                }
            } else if (key(slots_[i]) == "plan") {
                label = text_width("plan", 11) + 6 <= w ? "plan" : "";
            }
            if (!label.empty())
                put("<text class=\"phase-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\" "
                    "fill=\"#333333\">{}</text>\n",
                    px(x0(i) + w / 2), px(phase_label_y), xml_escape(label));
            i = j;
        }
        out_ += "</g>\n";
    }

    void grid() {
        out_ += "<g class=\"grid\">\n";
        for (double v = dist_axis_.step; v <= dist_axis_.top + 1e-9; v += dist_axis_.step)
            put("<line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"1\"/>\n",
                px(plot_left), px(plot_right), px(y_dist(v)), grid_colour);
        out_ += "</g>\n";
    }

    void acwr_band() {
        put("<rect class=\"acwr-band\" data-low=\"{}\" data-high=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
            "fill=\"{}\" fill-opacity=\"0.13\"/>\n",
            val(acwr_band_low), val(h_.rules.acwr_caution), px(plot_left), px(y_acwr(h_.rules.acwr_caution)),
            px(plot_right - plot_left), px(y_acwr(acwr_band_low) - y_acwr(h_.rules.acwr_caution)), acwr_band_colour);
        put("<line class=\"acwr-high\" data-value=\"{0}\" x1=\"{1}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"{4}\" "
            "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
            val(h_.rules.acwr_high), px(plot_left), px(y_acwr(h_.rules.acwr_high)), px(plot_right),
            acwr_high_colour);
    }

    std::string week_tooltip(const Slot& s) const {
        std::string t = fmt::format("{} (from {})", s.week, s.start.to_string());
        if (s.logged) {
            t += fmt::format(": {} logged, {} downhill, {} descent", dist(s.distance), dist(s.downhill), elev(s.descent));
            if (s.cap) t += fmt::format("; cap {}", dist(*s.cap));
        }
        if (s.planned) {
            if (s.plan_cap) t += fmt::format("; plan: up to {}, {} downhill, {} descent", dist(*s.plan_cap),
                                             dist(s.plan_downhill), elev(s.plan_descent));
            else if (s.plan_session) t += fmt::format("; plan: run-walk {}", to_string(*s.plan_session));
        }
        return t;
    }

    void bars() {
        out_ += "<g class=\"bars\">\n";
        for (std::size_t i = 0; i < n_; ++i) {
            const auto& s = slots_[i];
            auto tip = xml_escape(week_tooltip(s));
            double dh_w = bar_w() * downhill_share;
            double dh_x = centre(i) - dh_w / 2;
            if (s.planned && s.plan_cap && *s.plan_cap > 0) {
                double y = y_dist(*s.plan_cap);
                put("<rect class=\"planned-bar\" data-week=\"{}\" data-cap=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
                    "height=\"{}\" fill=\"url(#rk-hatch)\" stroke=\"{}\" stroke-width=\"1.2\"><title>{}</title></rect>\n",
                    s.week, val(*s.plan_cap), px(bar_x(i)), px(y), px(bar_w()), px(dist_bottom - y), distance_colour,
                    tip);
                if (s.plan_downhill > 0) {
                    double yd = y_dist(s.plan_downhill);
                    put("<rect class=\"planned-downhill\" data-week=\"{}\" data-cap=\"{}\" x=\"{}\" y=\"{}\" "
                        "width=\"{}\" height=\"{}\" fill=\"#FFFFFF\" stroke=\"{}\" stroke-width=\"1.2\"/>\n",
                        s.week, val(s.plan_downhill), px(dh_x), px(yd), px(dh_w), px(dist_bottom - yd),
                        downhill_colour);
                }
            } else if (s.planned && !s.logged && slot_w_ >= 11) {
                // No distance cap: run-walk sessions by time, or no running at all.
                auto label = s.plan_run_walk
                                 ? (s.plan_session ? (s.plan_session->continuous() ? "" : "run-walk ") + to_string(*s.plan_session) : std::string("run-walk"))
                                 : std::string("no running");
                double x = centre(i) + 3.5;
                put("<text class=\"planned-note\" data-week=\"{}\" x=\"{}\" y=\"{}\" font-size=\"10\" "
                    "fill=\"{}\" transform=\"rotate(-90 {} {})\">{}</text>\n",
                    s.week, px(x), px(dist_bottom - 4), muted_text, px(x), px(dist_bottom - 4), xml_escape(label));
            }
            if (s.logged) {
                double y = y_dist(s.distance);
                put("<rect class=\"bar\" data-week=\"{}\" data-distance=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
                    "height=\"{}\" fill=\"{}\"><title>{}</title></rect>\n",
                    s.week, val(s.distance), px(bar_x(i)), px(y), px(bar_w()), px(dist_bottom - y), distance_colour,
                    tip);
                if (s.downhill > 0) {
                    double yd = y_dist(s.downhill);
                    put("<rect class=\"downhill\" data-week=\"{}\" data-downhill=\"{}\" x=\"{}\" y=\"{}\" "
                        "width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
                        s.week, val(s.downhill), px(dh_x), px(yd), px(dh_w), px(dist_bottom - yd), downhill_colour);
                }
            }
        }
        out_ += "</g>\n";
    }

    void descent_strip() {
        out_ += "<g class=\"descent-strip\">\n";
        put("<text class=\"axis-label\" x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{}\">descent ({})</text>\n",
            px(plot_left + 4), px(desc_top - 5), descent_colour, elev_units_);
        for (std::size_t i = 0; i < n_; ++i) {
            const auto& s = slots_[i];
            if (s.planned && s.plan_descent > 0) {
                double y = y_desc(s.plan_descent);
                put("<rect class=\"planned-descent\" data-week=\"{}\" data-cap=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
                    "height=\"{}\" fill=\"url(#rk-hatch-descent)\" stroke=\"{}\" stroke-width=\"1.2\"/>\n",
                    s.week, val(s.plan_descent), px(bar_x(i)), px(y), px(bar_w()), px(desc_bottom - y),
                    descent_colour);
            }
            if (s.logged && s.descent > 0) {
                double y = y_desc(s.descent);
                put("<rect class=\"descent\" data-week=\"{}\" data-descent=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
                    "height=\"{}\" fill=\"{}\"/>\n",
                    s.week, val(s.descent), px(bar_x(i)), px(y), px(bar_w()), px(desc_bottom - y), descent_colour);
            }
        }
        out_ += "</g>\n";
    }

    // The weekly-increase cap as a step line, broken where no cap applies (phase 3, a
    // restart): logged weeks show the rule's cap (week_caps), planned weeks the plan's.
    void cap_line() {
        out_ += "<g class=\"caps\">\n";
        std::size_t i = 0;
        // The week containing today: the rule's cap, else the plan's (a restart's first week).
        auto cap_of = [&](const Slot& s) { return s.logged && (s.cap || !s.planned) ? s.cap : s.plan_cap; };
        while (i < n_) {
            if (!cap_of(slots_[i])) {
                ++i;
                continue;
            }
            std::size_t j = i;
            std::string points, names, values;
            for (; j < n_ && cap_of(slots_[j]); ++j) {
                double y = y_dist(*cap_of(slots_[j]));
                if (j > i) {
                    points += ' ';
                    names += ' ';
                    values += ' ';
                }
                points += fmt::format("{},{} {},{}", px(x0(j)), px(y), px(x0(j) + slot_w_), px(y));
                names += slots_[j].week;
                values += val(*cap_of(slots_[j]));
            }
            put("<polyline class=\"cap-line\" data-weeks=\"{}\" data-caps=\"{}\" points=\"{}\" fill=\"none\" "
                "stroke=\"{}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n",
                names, values, points, cap_colour);
            i = j;
        }
        out_ += "</g>\n";
    }

    void acwr_line() {
        out_ += "<g class=\"acwr\">\n";
        std::size_t i = 0;
        while (i < n_) {
            if (!slots_[i].acwr) {
                ++i;
                continue;
            }
            std::size_t j = i;
            std::string points;
            for (; j < n_ && slots_[j].acwr; ++j) {
                if (j > i) points += ' ';
                points += fmt::format("{},{}", px(centre(j)), px(y_acwr(*slots_[j].acwr)));
            }
            if (j - i > 1)
                put("<polyline class=\"acwr-line\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" "
                    "stroke-linejoin=\"round\"/>\n",
                    points, acwr_colour);
            i = j;
        }
        double r = std::clamp(slot_w_ / 5, 2.0, 3.5);
        for (std::size_t k = 0; k < n_; ++k) {
            const auto& s = slots_[k];
            if (!s.acwr) continue;
            bool clipped = *s.acwr > acwr_axis_.top;
            put("<circle class=\"acwr-point\" data-week=\"{}\" data-acwr=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\" "
                "fill=\"{}\" stroke=\"#FFFFFF\" stroke-width=\"1\"><title>{}: ACWR {}{}</title></circle>\n",
                s.week, val(*s.acwr), px(centre(k)), px(y_acwr(*s.acwr)), px(r), clipped ? "#FFFFFF" : acwr_colour,
                s.week, format_fixed(*s.acwr, 2), clipped ? " (above the axis)" : "");
        }
        out_ += "</g>\n";
    }

    void today_line() {
        for (std::size_t i = 0; i < n_; ++i) {
            int day = plan_.today - slots_[i].start;
            if (day < 0 || day > 6) continue;
            double x = x0(i) + slot_w_ * (day + 1) / 7.0;
            put("<line class=\"today\" data-date=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#666666\" "
                "stroke-width=\"1.2\" stroke-dasharray=\"3 3\"/>\n",
                plan_.today.to_string(), px(x), px(band_top), px(x), px(desc_bottom));
        }
    }

    void pain_markers() {
        out_ += "<g class=\"pain\">\n";
        double r = std::clamp(slot_w_ / 2 - 1, 5.0, 8.0);
        for (std::size_t i = 0; i < n_; ++i) {
            const auto& s = slots_[i];
            if (!s.pain) continue;
            auto text = score(*s.pain);
            put("<g class=\"pain-marker\" data-week=\"{}\" data-pain=\"{}\"><title>{}: pain {} during, {} the next "
                "morning; the limit is {}</title>",
                s.week, val(*s.pain), s.week, s.pain_during ? score(*s.pain_during) : "-",
                s.pain_after ? score(*s.pain_after) : "-", score(h_.rules.pain_limit));
            put("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>", px(centre(i)), px(pain_row_y), px(r), pain_colour);
            put("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" font-weight=\"bold\" "
                "fill=\"#FFFFFF\">{}</text></g>\n",
                px(centre(i)), px(pain_row_y + (r >= 7 ? 3.5 : 3)), px(r >= 7 ? 10 : 8), text);
        }
        out_ += "</g>\n";
    }

    void axes() {
        out_ += "<g class=\"axes\">\n";
        // Distance, left.
        put("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\"/>\n", px(plot_left), px(dist_top),
            px(dist_bottom), axis_colour);
        put("<line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"{3}\"/>\n", px(plot_left), px(plot_right),
            px(dist_bottom), axis_colour);
        for (double v = 0; v <= dist_axis_.top + 1e-9; v += dist_axis_.step)
            put("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">{}</text>\n",
                px(plot_left - 6), px(y_dist(v) + 4), axis_colour, tick_label(v, dist_axis_.step));
        double mid = (dist_top + dist_bottom) / 2;
        put("<text class=\"axis-label\" data-axis=\"distance\" x=\"22\" y=\"{0}\" text-anchor=\"middle\" "
            "font-size=\"12\" fill=\"{1}\" transform=\"rotate(-90 22 {0})\">weekly distance ({2})</text>\n",
            px(mid), distance_colour, dist_units_);
        // ACWR, right.
        put("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\"/>\n", px(plot_right), px(dist_top),
            px(dist_bottom), axis_colour);
        for (double v = 0; v <= acwr_axis_.top + 1e-9; v += acwr_axis_.step)
            put("<text class=\"tick\" x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>\n", px(plot_right + 6),
                px(y_acwr(v) + 4), acwr_colour, format_fixed(v, 1));
        put("<text class=\"axis-label\" data-axis=\"acwr\" x=\"978\" y=\"{0}\" text-anchor=\"middle\" "
            "font-size=\"12\" fill=\"{1}\" transform=\"rotate(90 978 {0})\">ACWR (acute:chronic distance)</text>\n",
            px(mid), acwr_colour);
        // Descent strip.
        put("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\"/>\n", px(plot_left), px(desc_top),
            px(desc_bottom), axis_colour);
        put("<line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"{3}\"/>\n", px(plot_left), px(plot_right),
            px(desc_bottom), axis_colour);
        put("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">{}</text>\n", px(plot_left - 6),
            px(desc_top + 8), axis_colour, tick_label(desc_axis_.top, desc_axis_.step));
        put("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">0</text>\n", px(plot_left - 6),
            px(desc_bottom + 4), axis_colour);
        put("<line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"1\"/>\n", px(plot_left),
            px(plot_right), px(desc_top), grid_colour);
        put("<text class=\"axis-label\" data-axis=\"descent\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\" "
            "fill=\"{}\">{}</text>\n",
            px(plot_left - 6), px((desc_top + desc_bottom) / 2 + 4), descent_colour, elev_units_);
        // Week axis.
        put("<text class=\"axis-label\" data-axis=\"week\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\" "
            "fill=\"{}\">week</text>\n",
            px(plot_left - 16), px(week_label_y), muted_text);
        put("<text class=\"axis-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"9\" fill=\"{}\">"
            "from</text>\n",
            px(plot_left - 16), px(date_label_y), muted_text);
        // The pain row, where it has markers.
        if (std::any_of(slots_.begin(), slots_.end(), [](const Slot& s) { return s.pain.has_value(); }))
            put("<text class=\"axis-label\" data-axis=\"pain\" x=\"{}\" y=\"{}\" text-anchor=\"end\" "
                "font-size=\"11\" fill=\"{}\">pain</text>\n",
                px(plot_left - 6), px(pain_row_y + 4), pain_colour);
        out_ += "</g>\n";
    }

    // Every k-th week is labelled so that labels do not collide; the week containing
    // today is always one of them.
    void week_labels() {
        out_ += "<g class=\"week-labels\">\n";
        std::size_t every = slot_w_ > 0 ? static_cast<std::size_t>(std::ceil(min_label_spacing / slot_w_ - 1e-9)) : 1;
        every = std::max<std::size_t>(every, 1);
        std::size_t anchor = 0;
        for (std::size_t i = 0; i < n_; ++i)
            if (slots_[i].logged && slots_[i].planned) anchor = i;
        for (std::size_t i = 0; i < n_; ++i) {
            std::size_t distance = i > anchor ? i - anchor : anchor - i;
            if (distance % every != 0) continue;
            const auto& s = slots_[i];
            auto dash = s.week.find("-W");
            auto short_name = dash == std::string::npos ? s.week : s.week.substr(dash + 1);
            bool future = s.planned && !s.logged;
            auto style = future ? fmt::format("fill=\"{}\" font-style=\"italic\"", muted_text)
                                : std::string("fill=\"#222222\"");
            put("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\"/>\n", px(centre(i)),
                px(desc_bottom), px(desc_bottom + 4), axis_colour);
            put("<text class=\"week-label\" data-week=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" "
                "{}>{}</text>\n",
                s.week, px(centre(i)), px(week_label_y), style, xml_escape(short_name));
            put("<text class=\"date-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"9\" {}>{:02}-{:02}"
                "</text>\n",
                px(centre(i)), px(date_label_y), style, s.start.month(), s.start.day());
        }
        out_ += "</g>\n";
    }

    void legend_item(int index, std::string_view key, std::string_view swatch, const std::string& label) {
        double x = legend_left + (index % legend_columns) * legend_column;
        double y = legend_top + (index / legend_columns) * legend_row;
        put("<g class=\"legend-item\" data-key=\"{}\" transform=\"translate({},{})\">{}<text class=\"legend-label\" "
            "x=\"24\" y=\"4\" fill=\"#222222\">{}</text></g>\n",
            key, px(x), px(y), swatch, xml_escape(label));
    }

    void legend() {
        out_ += "<g class=\"legend\">\n";
        int i = 0;
        legend_item(i++, "logged", fmt::format("<rect x=\"0\" y=\"-6\" width=\"18\" height=\"12\" fill=\"{}\"/>",
                                               distance_colour),
                    fmt::format("distance logged ({})", dist_units_));
        legend_item(i++, "planned",
                    fmt::format("<rect x=\"0\" y=\"-6\" width=\"18\" height=\"12\" fill=\"url(#rk-hatch)\" "
                                "stroke=\"{}\" stroke-width=\"1.2\"/>",
                                distance_colour),
                    fmt::format("plan: distance cap ({})", dist_units_));
        legend_item(i++, "downhill",
                    fmt::format("<rect x=\"5\" y=\"-6\" width=\"8\" height=\"12\" fill=\"{}\"/>", downhill_colour),
                    fmt::format("downhill distance ({})", dist_units_));
        legend_item(i++, "cap",
                    fmt::format("<polyline points=\"0,4 9,4 9,-4 18,-4\" fill=\"none\" stroke=\"{}\" "
                                "stroke-width=\"2\"/>",
                                cap_colour),
                    fmt::format("{}% rule cap ({})", format_fixed(h_.rules.max_weekly_increase * 100, 0), dist_units_));
        legend_item(i++, "descent",
                    fmt::format("<rect x=\"0\" y=\"-6\" width=\"18\" height=\"12\" fill=\"{}\"/>", descent_colour),
                    fmt::format("descent ({})", elev_units_));
        legend_item(i++, "acwr",
                    fmt::format("<line x1=\"0\" y1=\"0\" x2=\"18\" y2=\"0\" stroke=\"{0}\" stroke-width=\"2\"/>"
                                "<circle cx=\"9\" cy=\"0\" r=\"3.5\" fill=\"{0}\"/>",
                                acwr_colour),
                    "ACWR (right axis)");
        legend_item(i++, "acwr-band",
                    fmt::format("<rect x=\"0\" y=\"-6\" width=\"18\" height=\"12\" fill=\"{}\" fill-opacity=\"0.25\"/>",
                                acwr_band_colour),
                    fmt::format("ACWR {}-{}", format_fixed(acwr_band_low, 1), format_fixed(h_.rules.acwr_caution, 1)));
        legend_item(i++, "acwr-high",
                    fmt::format("<line x1=\"0\" y1=\"0\" x2=\"18\" y2=\"0\" stroke=\"{}\" stroke-width=\"1.5\" "
                                "stroke-dasharray=\"6 4\"/>",
                                acwr_high_colour),
                    fmt::format("ACWR high ({})", format_fixed(h_.rules.acwr_high, 2)));
        legend_item(i++, "pain",
                    fmt::format("<circle cx=\"9\" cy=\"0\" r=\"7\" fill=\"{}\"/><text x=\"9\" y=\"3.5\" "
                                "text-anchor=\"middle\" font-size=\"9\" font-weight=\"bold\" fill=\"#FFFFFF\">2</text>",
                                pain_colour),
                    fmt::format("pain above the limit of {}", score(h_.rules.pain_limit)));
        legend_item(i++, "today",
                    "<line x1=\"9\" y1=\"-7\" x2=\"9\" y2=\"7\" stroke=\"#666666\" stroke-width=\"1.2\" "
                    "stroke-dasharray=\"3 3\"/>",
                    "today");
        out_ += "</g>\n";
    }

    const History& h_;
    const Plan& plan_;
    std::vector<Slot> slots_;
    std::size_t n_ = 0;
    double slot_w_ = 0;
    std::string dist_units_, elev_units_;
    Axis dist_axis_, desc_axis_, acwr_axis_;
    std::string out_;
};

}  // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '&': out += "&amp;"; continue;
        case '<': out += "&lt;"; continue;
        case '>': out += "&gt;"; continue;
        case '"': out += "&quot;"; continue;
        case '\'': out += "&apos;"; continue;
        default: break;
        }
        if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out += ' ';
        } else if (u == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xBE || static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
            out += "\uFFFD";  // U+FFFE and U+FFFF are not XML characters
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string render_plot_svg(const History& history, const WeeksReport& weeks, const PhaseTimeline& timeline,
                            const Plan& plan) {
    return SvgWriter(history, plan, build_slots(history, weeks, timeline, plan)).render();
}

}  // namespace rkplan
