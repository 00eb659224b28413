// GPX 1.0 / 1.1 tracks and TCX activities, through pugixml.
#include <cctype>
#include <string>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "import_internal.hpp"
#include "rkplan/text.hpp"

namespace rkplan::import_detail {

namespace {

// Element names without a namespace prefix: files in the wild use both.
std::string_view local_name(const pugi::xml_node& n) {
    std::string_view s = n.name();
    if (auto colon = s.find(':'); colon != std::string_view::npos) s.remove_prefix(colon + 1);
    return s;
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
    for (auto c : n.children())
        if (c.type() == pugi::node_element && local_name(c) == name) return c;
    return {};
}

template <typename F>
void each_child(const pugi::xml_node& n, std::string_view name, F&& f) {
    for (auto c : n.children())
        if (c.type() == pugi::node_element && local_name(c) == name) f(c);
}

std::string shown(std::string_view s) {
    s = trim(s);
    if (s.size() > 40) return fmt::format("'{}...'", s.substr(0, 40));
    return fmt::format("'{}'", s);
}

class XmlReader {
public:
    XmlReader(std::string_view text, const ImportOptions& options, Collected& out)
        : text_(text), lines_(text), options_(options), out_(out) {}

    void read(ImportFormat format) {
        pugi::xml_document doc;
        auto parsed = doc.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_utf8);
        auto what = format == ImportFormat::gpx ? "GPX" : "TCX";
        if (!parsed) {
            std::string description = parsed.description();
            if (!description.empty()) description[0] = static_cast<char>(std::tolower(description[0]));
            auto offset = parsed.offset < 0 ? std::size_t{0} : static_cast<std::size_t>(parsed.offset);
            error(lines_.at(offset), fmt::format("invalid XML: {}", description),
                  fmt::format("a well-formed {} document", what));
            return;
        }
        auto root = doc.document_element();
        auto seen = [&] {
            return out_.runs.size() + static_cast<std::size_t>(out_.non_running + out_.non_running_inferred +
                                                               out_.without_distance + out_.invalid);
        };
        std::size_t before = seen();
        auto errors_before = out_.diagnostics.size();
        if (format == ImportFormat::gpx) read_gpx(root);
        else read_tcx(root);
        if (seen() == before && out_.diagnostics.size() == errors_before)
            error(pos_of(root), fmt::format("the {} file holds no activity", what),
                  format == ImportFormat::gpx ? "a <trk> with <trkpt> points"
                                              : "an <Activity> under <Activities>");
    }

private:
    SourcePos pos_of(const pugi::xml_node& n) const {
        auto off = n.offset_debug();
        if (off < 0) return {1, 1};
        auto o = static_cast<std::size_t>(off);
        // An element's offset is that of its name: point at its '<'.
        if (n.type() == pugi::node_element && o > 0 && o <= text_.size() && text_[o - 1] == '<') --o;
        return lines_.at(o);
    }

    // The position of an element's text, or of the element when it is empty.
    SourcePos value_pos(const pugi::xml_node& n) const {
        auto text = n.first_child();
        return text && (text.type() == pugi::node_pcdata || text.type() == pugi::node_cdata) ? pos_of(text)
                                                                                              : pos_of(n);
    }

    void error(SourcePos pos, std::string message, std::string expected) {
        out_.diagnostics.push_back({pos, std::move(message), std::move(expected)});
    }

    std::optional<double> element_number(const pugi::xml_node& n, std::string_view expected) {
        if (!n) return std::nullopt;
        auto v = parse_number(n.child_value());
        if (!v) error(value_pos(n), fmt::format("<{}> {} is not a number", n.name(), shown(n.child_value())),
                      std::string(expected));
        return v;
    }

    std::optional<double> element_time(const pugi::xml_node& n) {
        if (!n) return std::nullopt;
        auto v = parse_iso_instant(n.child_value());
        if (!v) error(value_pos(n), fmt::format("<{}> {} is not a time", n.name(), shown(n.child_value())),
                      "an ISO 8601 time such as 2026-10-05T07:02:11Z");
        return v;
    }

    std::optional<double> coordinate(const pugi::xml_node& at, std::string_view text, std::string_view name,
                                     double limit) {
        auto v = parse_number(text);
        if (!v || *v < -limit || *v > limit) {
            error(pos_of(at), fmt::format("{} {} is not a {}", name, shown(text), name == "lat" || name == "LatitudeDegrees" ? "latitude" : "longitude"),
                  fmt::format("degrees from {} to {}", format_shortest(-limit), format_shortest(limit)));
            return std::nullopt;
        }
        return v;
    }

    void read_gpx(const pugi::xml_node& root) {
        // The file's own time (GPX 1.1 <metadata><time>, GPX 1.0 <time>): the date of a
        // track whose points carry no time.
        auto file_time = element_time(child(child(root, "metadata"), "time"));
        if (!file_time) file_time = element_time(child(root, "time"));
        each_child(root, "trk", [&](const pugi::xml_node& trk) {
            TrackActivity a;
            a.pos = pos_of(trk);
            a.start_time = file_time;
            a.name = child(trk, "name").child_value();
            a.type = child(trk, "type").child_value();
            auto errors_before = out_.diagnostics.size();
            each_child(trk, "trkseg", [&](const pugi::xml_node& seg) {
                bool first = true;
                each_child(seg, "trkpt", [&](const pugi::xml_node& pt) {
                    TrackPoint p;
                    p.starts_segment = first;
                    first = false;
                    // A point without a position (an eTrex writes one before the first fix)
                    // adds no distance; its time and elevation still count.
                    auto lat = pt.attribute("lat"), lon = pt.attribute("lon");
                    if (lat && lon) {
                        p.lat = coordinate(pt, lat.value(), "lat", 90);
                        p.lon = coordinate(pt, lon.value(), "lon", 180);
                    }
                    p.ele = element_number(child(pt, "ele"), "an elevation in metres");
                    p.time = element_time(child(pt, "time"));
                    a.points.push_back(p);
                });
            });
            finish(a, errors_before);
        });
    }

    // An activity with an error is skipped and counted; the others still import.
    void finish(const TrackActivity& a, std::size_t errors_before) {
        if (out_.diagnostics.size() == errors_before) add_track_activity(a, options_, out_);
        else ++out_.invalid;
    }

    // The activities of a TCX file: those under <Activities>, and the legs of a
    // <MultiSportSession> (<FirstSport> and <NextSport>, each holding one <Activity>).
    void read_tcx(const pugi::xml_node& root) {
        for (auto n : child(root, "Activities").children()) {
            if (n.type() != pugi::node_element) continue;
            if (local_name(n) == "Activity") read_tcx_activity(n);
            if (local_name(n) != "MultiSportSession") continue;
            for (auto leg : n.children())
                if (leg.type() == pugi::node_element && (local_name(leg) == "FirstSport" || local_name(leg) == "NextSport"))
                    each_child(leg, "Activity", [&](const pugi::xml_node& act) { read_tcx_activity(act); });
        }
    }

    void read_tcx_activity(const pugi::xml_node& act) {
        {
            TrackActivity a;
            a.pos = pos_of(act);
            a.type = act.attribute("Sport").value();
            auto errors_before = out_.diagnostics.size();
            if (auto id = child(act, "Id")) a.start_time = element_time(id);
            each_child(act, "Lap", [&](const pugi::xml_node& lap) {
                if (auto start = lap.attribute("StartTime"); start && !a.start_time) {
                    a.start_time = parse_iso_instant(start.value());
                    if (!a.start_time)
                        error(pos_of(lap), fmt::format("StartTime {} is not a time", shown(start.value())),
                              "an ISO 8601 time such as 2026-10-05T07:02:11Z");
                }
                a.lap_seconds += element_number(child(lap, "TotalTimeSeconds"), "seconds").value_or(0);
                a.lap_distance_m += element_number(child(lap, "DistanceMeters"), "a distance in metres").value_or(0);
                // A lap's second <Track> follows a pause; a new lap is no pause.
                bool first_track = true;
                each_child(lap, "Track", [&](const pugi::xml_node& track) {
                    bool first = !first_track;
                    first_track = false;
                    each_child(track, "Trackpoint", [&](const pugi::xml_node& pt) {
                        TrackPoint p;
                        p.starts_segment = first;
                        first = false;
                        p.time = element_time(child(pt, "Time"));
                        if (auto position = child(pt, "Position")) {
                            auto lat = child(position, "LatitudeDegrees"), lon = child(position, "LongitudeDegrees");
                            if (!lat || !lon)
                                error(pos_of(position), "<Position> without LatitudeDegrees and LongitudeDegrees",
                                      "both coordinates in degrees");
                            else {
                                p.lat = coordinate(lat, lat.child_value(), "LatitudeDegrees", 90);
                                p.lon = coordinate(lon, lon.child_value(), "LongitudeDegrees", 180);
                            }
                        }
                        p.ele = element_number(child(pt, "AltitudeMeters"), "an elevation in metres");
                        p.device_distance_m = element_number(child(pt, "DistanceMeters"), "a distance in metres");
                        a.points.push_back(p);
                    });
                });
            });
            finish(a, errors_before);
        }
    }

    std::string_view text_;
    LineIndex lines_;
    const ImportOptions& options_;
    Collected& out_;
};

}  // namespace

void read_gpx_or_tcx(std::string_view text, ImportFormat format, const ImportOptions& options, Collected& out) {
    XmlReader(text, options, out).read(format);
}

}  // namespace rkplan::import_detail
