#pragma once
// The floor both rkplan-floor and rkplan-bench measure: toml++ parsing a history and
// reading each run's date and distance, nothing more; whole, or in rkplan's pieces.

#include <string_view>

#include <toml++/toml.h>

#include "rkplan/history.hpp"
#include "rkplan/split.hpp"

namespace rkplan::bench {

/// What the floor reads, summed so that the work is done.
struct FloorTally {
    long runs = 0;
    long days = 0;
    double distance = 0;
};

inline void read_runs(const toml::table& root, FloorTally& tally) {
    if (auto* arr = root["run"].as_array())
        for (auto&& el : *arr) {
            auto* t = el.as_table();
            if (!t) continue;
            if (auto d = (*t)["date"].value<toml::date>()) tally.days += d->day;
            tally.distance += (*t)["distance"].value_or(0.0);
            ++tally.runs;
        }
}

/// Parses `text` (named `source` in toml++'s errors) and adds its runs to `tally`: the
/// whole text at once, or, with `in_pieces`, in the pieces of split.hpp that rkplan's
/// loader parses (the head, then the entries a batch at a time). Throws toml::parse_error.
inline void read_floor(std::string_view text, std::string_view source, bool in_pieces, FloorTally& tally) {
    auto split = in_pieces ? rkplan::split_toml_entries(text, rkplan::entry_table_names(),
                                                        rkplan::LoadOptions{}.batch_bytes)
                           : std::nullopt;
    if (!split) return read_runs(toml::parse(text, source), tally);
    read_runs(toml::parse(rkplan::joined_text(text, split->head)), tally);
    for (const auto& b : split->batches) read_runs(toml::parse(rkplan::span_text(text, b)), tally);
}

}  // namespace rkplan::bench
