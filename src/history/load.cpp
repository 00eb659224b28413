// The history loader: text -> TOML document -> validated History (docs/manual/history-file.md).
// This is the only place that includes toml++.
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>
#include <set>
#include <type_traits>
#include <fmt/format.h>
#include <toml++/toml.h>

#include "rkplan/history.hpp"
#include "rkplan/registry.hpp"
#include "rkplan/split.hpp"
#include "rkplan/text.hpp"

namespace rkplan {

namespace {

SourcePos pos_of(const toml::source_region& r) {
    return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}
SourcePos pos_of(const toml::node& n) { return pos_of(n.source()); }
SourcePos pos_of(const toml::key& k) { return pos_of(k.source()); }

std::string quoted(std::string_view s) {
    std::string out = "\"";
    std::size_t shown = 0;
    for (unsigned char c : s) {
        if (++shown > 40) {
            out += "...";
            break;
        }
        if (c == '"' || c == '\\') out += '\\';
        if (c < 0x20 || c == 0x7f) {
            out += fmt::format("\\u{:04X}", c);
            continue;
        }
        out += static_cast<char>(c);
    }
    return out + '"';
}

// "a string \"5k\"", "an integer 5", ... for "got ..." in messages.
std::string describe(const toml::node& n) {
    if (auto s = n.as_string()) return "a string " + quoted(s->get());
    if (auto i = n.as_integer()) return fmt::format("an integer {}", i->get());
    if (auto f = n.as_floating_point()) return "a float " + format_shortest(f->get());
    if (auto b = n.as_boolean()) return fmt::format("a boolean {}", b->get());
    if (n.is_date()) return "a date";
    if (n.is_time()) return "a time";
    if (n.is_date_time()) return "a date-time";
    if (n.is_array()) return "an array";
    if (n.is_table()) return "a table";
    return "a value";
}

// Where a parsed text lies in the file: toml++ counts lines from the start of the text it
// parsed, which is a batch of entries or the head's spans put together (split.hpp).
class LineMap {
public:
    LineMap() = default;  // the whole file
    // `spans` of `text`, in the order they were put together.
    LineMap(std::string_view text, const std::vector<TextSpan>& spans) {
        int first = 1;
        for (const auto& s : spans) {
            parts_.push_back({first, s.line});
            if (&s != &spans.back())
                first += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(s.begin),
                                                     text.begin() + static_cast<std::ptrdiff_t>(s.end), '\n'));
        }
    }
    SourcePos operator()(SourcePos p) const {
        auto it = std::upper_bound(parts_.begin(), parts_.end(), p.line,
                                   [](int line, const Part& part) { return line < part.first; });
        if (it == parts_.begin()) return p;
        --it;
        return {it->line + (p.line - it->first), p.column};
    }

private:
    struct Part {
        int first;  // the part's first line in the parsed text
        int line;   // and in the file
    };
    std::vector<Part> parts_;
};

// Collects diagnostics; every check goes through here so nothing is lost.
struct Sink {
    std::vector<Diagnostic> diags;
    LineMap lines;  // of the text being read
    SourcePos at(const toml::node& n) const { return lines(pos_of(n)); }
    SourcePos at(const toml::key& k) const { return lines(pos_of(k)); }
    void error(SourcePos pos, std::string message, std::string expected) {
        diags.push_back({pos, std::move(message), std::move(expected)});
    }
};

std::string list_of(const std::vector<std::string_view>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += ", ";
        out += names[i];
    }
    return out;
}

// " (did you mean 'pain'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& names) {
    auto best = nearest_name(word, names);
    return best.empty() ? std::string{} : fmt::format(" (did you mean '{}'?)", best);
}

// An "expected" text given as text, or as a function that builds it: the loader checks
// every key of every entry, and building a text that no diagnostic needs dominated the
// cost of loading a long history.
template <typename Expected>
std::string expected_text(const Expected& expected) {
    if constexpr (std::is_invocable_v<const Expected&>) return expected();
    else return std::string(expected);
}

template <typename E>
struct NamedValue {
    std::string_view name;
    E value;
};

// The option named `name`, or nullptr: a key's value (Entry::choice) or an array element.
template <typename E>
const NamedValue<E>* find_named(const std::vector<NamedValue<E>>& options, std::string_view name) {
    for (const auto& o : options)
        if (o.name == name) return &o;
    return nullptr;
}

template <typename E>
std::vector<std::string_view> names_of(const std::vector<NamedValue<E>>& options) {
    std::vector<std::string_view> names;
    for (const auto& o : options) names.push_back(o.name);
    return names;
}

// A table of known keys, read once each; unknown keys are reported with a suggestion.
class Entry {
public:
    Entry(const toml::table& table, std::string_view where, Sink& sink, Units units)
        : table_(table), where_(where), sink_(sink), units_(units) {}

    const toml::table& table() const { return table_; }
    SourcePos pos() const { return sink_.at(table_); }
    Units units() const { return units_; }
    Sink& sink() { return sink_; }

    void check_keys(std::initializer_list<std::string_view> known) { check_keys(std::vector<std::string_view>(known)); }

    void check_keys(const std::vector<std::string_view>& names) {
        for (auto&& [k, v] : table_) {
            if (std::find(names.begin(), names.end(), k.str()) != names.end()) continue;
            sink_.error(sink_.at(k),
                        fmt::format("unknown key '{}' in {}{}", k.str(), where_, did_you_mean(k.str(), names)),
                        "one of " + list_of(names));
        }
    }

    const toml::node* get(std::string_view key) const { return table_.get(key); }

    template <typename Expected>
    bool missing(std::string_view key, const Expected& expected) {
        if (get(key)) return false;
        sink_.error(pos(), fmt::format("{} has no '{}'", where_, key), expected_text(expected));
        return true;
    }

    // A number in [lo, hi]; `lo_open` makes the lower bound exclusive.
    template <typename Expected>
    std::optional<double> number(std::string_view key, double lo, double hi, bool lo_open,
                                 const Expected& expected) {
        auto* n = get(key);
        if (!n) return std::nullopt;
        double v;
        if (auto i = n->as_integer())
            v = static_cast<double>(i->get());
        else if (auto f = n->as_floating_point())
            v = f->get();
        else {
            sink_.error(sink_.at(*n), fmt::format("{} must be a number, got {}", key, describe(*n)),
                        expected_text(expected));
            return std::nullopt;
        }
        if (!std::isfinite(v)) {
            sink_.error(sink_.at(*n), fmt::format("{} must be a finite number, got {}", key, format_shortest(v)),
                        expected_text(expected));
            return std::nullopt;
        }
        if ((lo_open ? v <= lo : v < lo) || v > hi) {
            std::string why = v > hi                ? fmt::format("at most {}", format_shortest(hi))
                              : lo_open             ? fmt::format("above {}", format_shortest(lo))
                                                    : fmt::format("at least {}", format_shortest(lo));
            sink_.error(sink_.at(*n), fmt::format("{} must be {}, got {}", key, why, format_shortest(v)),
                        expected_text(expected));
            return std::nullopt;
        }
        return v;
    }

    std::optional<int> integer(std::string_view key, int lo, int hi, std::string_view expected) {
        auto* n = get(key);
        if (!n) return std::nullopt;
        auto i = n->as_integer();
        if (!i) {
            sink_.error(sink_.at(*n), fmt::format("{} must be a whole number, got {}", key, describe(*n)),
                        std::string(expected));
            return std::nullopt;
        }
        auto v = i->get();
        if (v < lo || v > hi) {
            sink_.error(sink_.at(*n),
                        fmt::format("{} must be {}, got {}", key,
                                    v > hi ? fmt::format("at most {}", hi) : fmt::format("at least {}", lo), v),
                        std::string(expected));
            return std::nullopt;
        }
        return static_cast<int>(v);
    }

    std::optional<bool> boolean(std::string_view key) {
        auto* n = get(key);
        if (!n) return std::nullopt;
        if (auto b = n->as_boolean()) return b->get();
        sink_.error(sink_.at(*n), fmt::format("{} must be true or false, got {}", key, describe(*n)),
                    fmt::format("{} = true or {} = false, without quotes", key, key));
        return std::nullopt;
    }

    std::optional<std::string> string(std::string_view key, bool allow_empty = true) {
        auto* n = get(key);
        if (!n) return std::nullopt;
        auto s = n->as_string();
        if (!s) {
            sink_.error(sink_.at(*n), fmt::format("{} must be a string, got {}", key, describe(*n)),
                        fmt::format("text in quotes, such as {} = \"...\"", key));
            return std::nullopt;
        }
        if (!allow_empty && s->get().empty()) {
            sink_.error(sink_.at(*n), fmt::format("{} must not be empty", key),
                        fmt::format("a name in quotes, such as {} = \"pegasus-40\"", key));
            return std::nullopt;
        }
        return s->get();
    }

    template <typename E>
    std::optional<E> choice(std::string_view key, const std::vector<NamedValue<E>>& options,
                            std::string_view what) {
        auto* n = get(key);
        if (!n) return std::nullopt;
        auto s = n->as_string();
        if (s)
            if (auto* found = find_named(options, s->get())) return found->value;
        auto names = names_of(options);
        auto expected = "one of " + list_of(names);
        if (!s) {
            sink_.error(sink_.at(*n), fmt::format("{} must be a string, got {}", key, describe(*n)), expected);
            return std::nullopt;
        }
        sink_.error(sink_.at(*n),
                    fmt::format("unknown {} {}{}", what, quoted(s->get()), did_you_mean(s->get(), names)),
                    expected);
        return std::nullopt;
    }

    std::optional<Date> date(std::string_view key, std::string_view example) {
        auto* n = get(key);
        if (!n) return std::nullopt;
        auto expected = [&] { return fmt::format("a date without quotes, such as {} = {}", key, example); };
        if (auto d = n->as_date()) {
            auto v = d->get();
            if (v.year < Limits::min_year) {
                sink_.error(sink_.at(*n), fmt::format("{} {:04}-{:02}-{:02} is before {}", key, v.year, v.month, v.day,
                                                    Limits::min_year),
                            fmt::format("a date from {}-01-01 on (a typo in the year?)", Limits::min_year));
                return std::nullopt;
            }
            if (auto date = Date::from_ymd(v.year, v.month, v.day)) return date;
            sink_.error(sink_.at(*n), fmt::format("{} is not a calendar date", key), expected());
            return std::nullopt;
        }
        if (auto s = n->as_string(); s && Date::parse(s->get())) {
            sink_.error(sink_.at(*n), fmt::format("{} must be a TOML date, got a string {}", key, quoted(s->get())),
                        expected());
            return std::nullopt;
        }
        sink_.error(sink_.at(*n), fmt::format("{} must be a date, got {}", key, describe(*n)), expected());
        return std::nullopt;
    }

    // Minutes as a number, or "mm:ss" / "h:mm:ss".
    std::optional<double> duration(std::string_view key) {
        auto* n = get(key);
        if (!n) return std::nullopt;
        constexpr std::string_view expected =
            "minutes as a number above 0 (32.5) or a string \"mm:ss\" or \"h:mm:ss\" (\"32:10\"), at most 48 hours";
        if (auto s = n->as_string()) {
            auto minutes = parse_clock_duration(s->get());
            if (!minutes) {
                sink_.error(sink_.at(*n), fmt::format("{} {} is not a duration", key, quoted(s->get())),
                            std::string(expected));
                return std::nullopt;
            }
            if (*minutes <= 0 || *minutes > Limits::max_duration_min) {
                sink_.error(sink_.at(*n),
                            fmt::format("{} {} is {}", key, quoted(s->get()),
                                        *minutes <= 0 ? "zero" : "longer than 48 hours"),
                            std::string(expected));
                return std::nullopt;
            }
            return minutes;
        }
        return number(key, 0, Limits::max_duration_min, true, expected);
    }

    std::optional<double> pain(std::string_view key) {
        return number(key, 0, 10, false, "a pain score from 0 (none) to 10 (worst)");
    }

    std::optional<double> distance(std::string_view key, double hi, bool allow_zero) {
        return number(key, 0, hi, !allow_zero, [&] {
            return fmt::format("a distance in {} {} and at most {}", to_string(units_),
                               allow_zero ? "of 0 or more" : "above 0", format_trimmed(hi, 1));
        });
    }

    std::optional<double> descent(std::string_view key, double hi) {
        return number(key, 0, hi, false, [&] {
            return fmt::format("an elevation loss in {} of 0 or more and at most {}", elevation_unit(units_),
                               format_trimmed(hi, 0));
        });
    }

private:
    const toml::table& table_;
    std::string_view where_;
    Sink& sink_;
    Units units_;
};

const std::vector<NamedValue<RunKind>> run_kinds = {
    {"easy", RunKind::easy},   {"long", RunKind::long_run}, {"tempo", RunKind::tempo},
    {"intervals", RunKind::intervals}, {"hills", RunKind::hills}, {"race", RunKind::race},
    {"run-walk", RunKind::run_walk}};
const std::vector<NamedValue<Surface>> surfaces = {{"road", Surface::road},
                                                   {"trail", Surface::trail},
                                                   {"track", Surface::track},
                                                   {"treadmill", Surface::treadmill},
                                                   {"grass", Surface::grass}};
const std::vector<NamedValue<CrossActivity>> activities = {{"swimming", CrossActivity::swimming},
                                                           {"pool-running", CrossActivity::pool_running},
                                                           {"cycling", CrossActivity::cycling},
                                                           {"elliptical", CrossActivity::elliptical},
                                                           {"other", CrossActivity::other}};
const std::vector<NamedValue<Exercise>> exercises = {
    {"straight-leg-raise", Exercise::straight_leg_raise},
    {"clamshell", Exercise::clamshell},
    {"side-lying-abduction", Exercise::side_lying_abduction},
    {"short-foot", Exercise::short_foot},
    {"terminal-knee-extension", Exercise::terminal_knee_extension},
    {"single-leg-bridge", Exercise::single_leg_bridge},
    {"lateral-band-walk", Exercise::lateral_band_walk},
    {"wall-sit", Exercise::wall_sit},
    {"single-leg-balance", Exercise::single_leg_balance}};
const std::vector<NamedValue<Units>> unit_names = {{"km", Units::km}, {"mi", Units::mi}};
const std::vector<NamedValue<WeekStart>> week_starts = {{"monday", WeekStart::monday},
                                                        {"sunday", WeekStart::sunday}};
const std::vector<NamedValue<Side>> sides = {{"left", Side::left}, {"right", Side::right}, {"both", Side::both}};
const std::vector<NamedValue<LoadBasis>> load_bases = {{"distance", LoadBasis::distance},
                                                       {"srpe", LoadBasis::srpe}};

const std::vector<std::string_view> top_level_keys = {"runner", "injury", "rules",    "run",  "cross",
                                                      "week",   "checkin", "strength", "shoe"};

// Reads one document, or a split one part by part (split.hpp): the head with the settings
// first, then each batch of entries, then the checks across entries.
class Loader {
public:
    Loader(std::string_view source_name, Date today) : today_(today) { h_.source = std::string(source_name); }

    // A whole document, or the head of a split one.
    void read_head(const toml::table& root, LineMap lines) {
        use(root, std::move(lines));
        read_runner(h_);
        h_.rules = Rules::defaults_for(h_.runner.units);
        read_injury(h_);
        read_rules(h_);
        read_entries();
    }

    // A batch of entries of a split document, after its head.
    void read_batch(const toml::table& root, LineMap lines) {
        use(root, std::move(lines));
        read_entries();
    }

    LoadResult finish() {
        check_weeks(h_);
        check_shoes(h_);
        LoadResult result;
        if (sink_.diags.empty())
            result.history = std::move(h_);
        else
            result.diagnostics = std::move(sink_.diags);
        // In file order, however the text was read (several at one place keep their order).
        std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
        return result;
    }

private:
    const toml::table* root_ = nullptr;
    Date today_;
    Sink sink_;
    Units units_ = Units::km;
    History h_;

    void use(const toml::table& root, LineMap lines) {
        root_ = &root;
        sink_.lines = std::move(lines);
        check_top_level();
    }

    void read_entries() {
        for_each_entry("run", [&](Entry& e) { read_run(e, h_); });
        for_each_entry("cross", [&](Entry& e) { read_cross(e, h_); });
        for_each_entry("week", [&](Entry& e) { read_week(e, h_); });
        for_each_entry("checkin", [&](Entry& e) { read_checkin(e, h_); });
        for_each_entry("strength", [&](Entry& e) { read_strength(e, h_); });
        for_each_entry("shoe", [&](Entry& e) { read_shoe(e, h_); });
    }

    void check_top_level() {
        for (auto&& [k, v] : *root_) {
            if (std::find(top_level_keys.begin(), top_level_keys.end(), k.str()) != top_level_keys.end()) continue;
            sink_.error(sink_.at(k),
                        fmt::format("unknown {} '{}'{}", v.is_table() || v.is_array() ? "table" : "key", k.str(),
                                    did_you_mean(k.str(), top_level_keys)),
                        "the tables [runner], [injury], [rules] and the entries [[run]], [[cross]], [[week]], "
                        "[[checkin]], [[strength]], [[shoe]]");
        }
    }

    // A single table such as [runner]; nullptr if absent or of the wrong shape.
    const toml::table* single_table(std::string_view name) {
        auto* n = root_->get(name);
        if (!n) return nullptr;
        if (auto t = n->as_table()) return t;
        sink_.error(sink_.at(*n), fmt::format("'{}' must be a table, got {}", name, describe(*n)),
                    fmt::format("a table header [{}] followed by its keys", name));
        return nullptr;
    }

    template <typename F>
    void for_each_entry(std::string_view name, F&& read) {
        auto* n = root_->get(name);
        if (!n) return;
        auto expected = fmt::format("an array of tables, each starting with a [[{}]] header", name);
        auto* arr = n->as_array();
        if (!arr) {
            sink_.error(sink_.at(*n), fmt::format("'{}' must be written [[{}]], got {}", name, name, describe(*n)),
                        expected);
            return;
        }
        auto where = fmt::format("[[{}]]", name);
        for (auto&& el : *arr) {
            auto* t = el.as_table();
            if (!t) {
                sink_.error(sink_.at(el), fmt::format("each {} entry must be a table, got {}", name, describe(el)),
                            expected);
                continue;
            }
            Entry e(*t, where, sink_, units_);
            read(e);
        }
    }

    void not_after_today(Entry& e, std::string_view key, Date d, std::string_view what) {
        if (d <= today_) return;
        sink_.error(sink_.at(*e.get(key)),
                    fmt::format("{} dated {} is after today ({})", what, d.to_string(), today_.to_string()),
                    fmt::format("a date on or before {} (--today sets another day)", today_.to_string()));
    }

    void read_runner(History& h) {
        auto* t = single_table("runner");
        if (!t) return;
        Entry e(*t, "[runner]", sink_, units_);
        e.check_keys({"name", "units", "week_start", "goal_weekly", "race_season"});
        h.runner.name = e.string("name");
        if (auto u = e.choice("units", unit_names, "units")) h.runner.units = *u;
        units_ = h.runner.units;
        Entry e2(*t, "[runner]", sink_, units_);
        if (auto w = e2.choice("week_start", week_starts, "week_start")) h.runner.week_start = *w;
        h.runner.goal_weekly = e2.distance("goal_weekly", max_week_distance(units_), false);
        if (auto b = e2.boolean("race_season")) h.runner.race_season = *b;
    }

    void read_injury(History& h) {
        auto* t = single_table("injury");
        if (!t) return;
        Entry e(*t, "[injury]", sink_, units_);
        e.check_keys({"onset", "treatment_start", "side", "note"});
        e.string("note");
        auto side = e.choice("side", sides, "side");
        auto treatment = e.date("treatment_start", "2026-09-08");
        if (treatment) not_after_today(e, "treatment_start", *treatment, "treatment_start");
        if (e.missing("onset", "onset = <date of the first symptoms>, such as onset = 2026-09-01")) return;
        auto onset = e.date("onset", "2026-09-01");
        if (!onset) return;
        not_after_today(e, "onset", *onset, "onset");
        Injury injury{*onset, treatment.value_or(*onset), side, e.pos()};
        if (treatment && *treatment < *onset)
            sink_.error(sink_.at(*e.get("treatment_start")),
                        fmt::format("treatment_start {} is before onset {}", treatment->to_string(),
                                    onset->to_string()),
                        fmt::format("a date on or after the onset, {}", onset->to_string()));
        h.injury = injury;
    }

    void read_rules(History& h) {
        auto* t = single_table("rules");
        if (!t) return;
        Entry e(*t, "[rules]", sink_, units_);
        e.check_keys(param_keys());
        read_progression_rules(e, h.rules);
        read_pullback_and_clearance_rules(e, h.rules);
        read_acwr_rules(e, h.rules);
        read_shoe_rules(e, h.rules);
        read_load_and_restart_rules(e, h.rules);
        read_pain_severe(e, h.rules);
        read_cadence_increase(e, h.rules);
        read_ladder(e, h.rules);
    }

    // `field` = the value read, where there is one (an absent or refused key keeps the default).
    template <typename T, typename V>
    static void set_if_read(T& field, const std::optional<V>& value) {
        if (value) field = *value;
    }

    // The 10% rule, the pain limit, the downhill introduction, a run-walk step's passes, the run days.
    void read_progression_rules(Entry& e, Rules& r) {
        set_if_read(r.max_weekly_increase,
                    e.number("max_weekly_increase", 0, 0.5, false, "a share from 0 to 0.5, such as 0.10 for 10%"));
        set_if_read(r.pain_limit, e.number("pain_limit", 0, 3, false, "a pain score from 0 to 3"));
        set_if_read(r.downhill_after_weeks,
                    e.integer("downhill_after_weeks", 0, 12, "a whole number of weeks from 0 to 12"));
        set_if_read(r.downhill_intro_share, e.number("downhill_intro_share", 0, 1, false, "a share from 0 to 1"));
        auto descent_per_distance =
            fmt::format("{} of descent per {}, from 0 to 100", elevation_unit(units_), to_string(units_));
        set_if_read(r.descent_intro, e.number("descent_intro", 0, 100, false, descent_per_distance));
        set_if_read(r.passes_per_step, e.integer("passes_per_step", 1, 10, "a whole number of sessions from 1 to 10"));
        set_if_read(r.run_days, e.integer("run_days", 1, 7, "a whole number of days from 1 to 7"));
    }

    void read_pullback_and_clearance_rules(Entry& e, Rules& r) {
        set_if_read(r.pullback_weeks, e.integer("pullback_weeks", 1, 8, "a whole number of weeks from 1 to 8"));
        set_if_read(r.pullback_factor, e.number("pullback_factor", 0, 1, true, "a share above 0 and at most 1"));
        set_if_read(r.clear_squats, e.integer("clear_squats", 1, 100, "a whole number of repetitions from 1 to 100"));
        set_if_read(r.clear_strength_ratio,
                    e.number("clear_strength_ratio", 0, 1, true, "a weaker/stronger leg ratio above 0 and at most 1"));
        set_if_read(r.clearance_window_days,
                    e.integer("clearance_window_days", 0, 90, "a whole number of days from 0 to 90"));
        set_if_read(r.no_improvement_weeks,
                    e.integer("no_improvement_weeks", 1, 52, "a whole number of weeks from 1 to 52"));
        set_if_read(r.maintenance_sessions,
                    e.integer("maintenance_sessions", 0, 7, "a whole number of sessions a week from 0 to 7"));
    }

    // acwr_caution and acwr_high, the caution level below the high one.
    void read_acwr_rules(Entry& e, Rules& r) {
        auto caution = e.number("acwr_caution", 0, 5, true, "a ratio above 0 and at most 5");
        auto high = e.number("acwr_high", 0, 5, true, "a ratio above 0 and at most 5");
        set_if_read(r.acwr_caution, caution);
        set_if_read(r.acwr_high, high);
        if ((caution || high) && r.acwr_caution >= r.acwr_high)
            sink_.error(sink_.at(*e.get(high ? "acwr_high" : "acwr_caution")),
                        fmt::format("acwr_caution ({}) must be below acwr_high ({})", format_shortest(r.acwr_caution),
                                    format_shortest(r.acwr_high)),
                        "acwr_caution < acwr_high, such as 1.3 and 1.5");
    }

    // shoe_warn and shoe_limit, the warning at most the limit.
    void read_shoe_rules(Entry& e, Rules& r) {
        auto shoe_max = max_week_distance(units_) * 10;
        auto warn = e.number("shoe_warn", 0, shoe_max, true, fmt::format("a distance in {} above 0", to_string(units_)));
        auto limit =
            e.number("shoe_limit", 0, shoe_max, true, fmt::format("a distance in {} above 0", to_string(units_)));
        set_if_read(r.shoe_warn, warn);
        set_if_read(r.shoe_limit, limit);
        if ((warn || limit) && r.shoe_warn > r.shoe_limit)
            sink_.error(sink_.at(*e.get(limit ? "shoe_limit" : "shoe_warn")),
                        fmt::format("shoe_warn ({}) must not be above shoe_limit ({})", format_shortest(r.shoe_warn),
                                    format_shortest(r.shoe_limit)),
                        "shoe_warn <= shoe_limit");
    }

    void read_load_and_restart_rules(Entry& e, Rules& r) {
        set_if_read(r.load_basis, e.choice("load_basis", load_bases, "load_basis"));
        set_if_read(r.downhill_volume_share,
                    e.number("downhill_volume_share", 0, 1, true, "a share above 0 and at most 1, such as 0.9"));
        set_if_read(r.restart_factor,
                    e.number("restart_factor", 0, 1, true, "a share above 0 and at most 1, such as 0.5"));
        set_if_read(r.restart_min, e.number("restart_min", 0, max_week_distance(units_), true,
                                            fmt::format("a distance in {} above 0", to_string(units_))));
    }

    // pain_severe, above pain_limit (read before it).
    void read_pain_severe(Entry& e, Rules& r) {
        set_if_read(r.pain_severe, e.number("pain_severe", 1, 10, false, "a pain score from 1 to 10"));
        if (r.pain_severe <= r.pain_limit)
            sink_.error(sink_.at(*e.get(e.get("pain_severe") ? "pain_severe" : "pain_limit")),
                        fmt::format("pain_severe ({}) must be above pain_limit ({})", format_shortest(r.pain_severe),
                                    format_shortest(r.pain_limit)),
                        "pain_limit < pain_severe, such as 0 and 5");
    }

    // A fixed-length array of numbers, as in run_walk = [3, 1].
    std::optional<std::vector<double>> number_array(Entry& e, const toml::node& n, std::string_view key,
                                                    std::size_t size, std::string_view expected) {
        auto* arr = n.as_array();
        if (!arr || arr->size() != size) {
            sink_.error(sink_.at(n),
                        fmt::format("{} must be an array of {} numbers, got {}", key, size,
                                    arr ? fmt::format("an array of {}", arr->size()) : describe(n)),
                        std::string(expected));
            return std::nullopt;
        }
        std::vector<double> out;
        for (auto&& el : *arr) {
            double v;
            if (auto i = el.as_integer())
                v = static_cast<double>(i->get());
            else if (auto f = el.as_floating_point(); f && std::isfinite(f->get()))
                v = f->get();
            else {
                sink_.error(sink_.at(el), fmt::format("{} must hold numbers, got {}", key, describe(el)),
                            std::string(expected));
                return std::nullopt;
            }
            out.push_back(v);
        }
        (void)e;
        return out;
    }

    void read_cadence_increase(Entry& e, Rules& r) {
        auto* n = e.get("cadence_increase");
        if (!n) return;
        constexpr std::string_view expected = "[low, high] shares with 0 <= low <= high <= 0.5, such as [0.05, 0.10]";
        auto v = number_array(e, *n, "cadence_increase", 2, expected);
        if (!v) return;
        if ((*v)[0] < 0 || (*v)[0] > (*v)[1] || (*v)[1] > 0.5) {
            sink_.error(sink_.at(*n),
                        fmt::format("cadence_increase [{}, {}] is not a range", format_shortest((*v)[0]),
                                    format_shortest((*v)[1])),
                        std::string(expected));
            return;
        }
        r.cadence_increase_low = (*v)[0];
        r.cadence_increase_high = (*v)[1];
    }

    void read_ladder(Entry& e, Rules& r) {
        auto* n = e.get("run_walk_ladder");
        if (!n) return;
        constexpr std::string_view expected =
            "an array of [run minutes, walk minutes, repeats] steps whose running share grows, ending in a "
            "continuous step (walk 0, repeats 1), such as [[1, 1, 10], [2, 1, 7], [20, 0, 1]]";
        auto* arr = n->as_array();
        if (!arr || arr->empty()) {
            sink_.error(sink_.at(*n), fmt::format("run_walk_ladder must be a non-empty array, got {}",
                                                arr ? "an empty array" : describe(*n)),
                        std::string(expected));
            return;
        }
        std::vector<LadderStep> ladder;
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const auto& el = *arr->get(i);
            auto v = number_array(e, el, "a run_walk_ladder step", 3, expected);
            if (!v) return;
            auto bad = [&](std::string what) {
                sink_.error(sink_.at(el), fmt::format("run_walk_ladder step {} {}", i + 1, what), std::string(expected));
            };
            // The repeats are checked as a number before they become an int.
            double repeats = (*v)[2];
            if (repeats != std::floor(repeats) || repeats < 1 || repeats > 50)
                return bad("must repeat a whole number of times from 1 to 50");
            LadderStep s{(*v)[0], (*v)[1], static_cast<int>(repeats)};
            if (s.run <= 0 || s.run > 120) return bad("must run above 0 and at most 120 minutes");
            if (s.walk < 0 || s.walk > 10) return bad("must walk 0 to 10 minutes");
            if (s.continuous() && s.repeats != 1) return bad("is continuous (walk 0) and must have repeats 1");
            if (!ladder.empty()) {
                const auto& p = ladder.back();
                double share = s.run / (s.run + s.walk), prev = p.run / (p.run + p.walk);
                if (share < prev || (share == prev && s.run <= p.run))
                    return bad(fmt::format("[{}, {}, {}] does not increase on step {} [{}, {}, {}]",
                                           format_shortest(s.run), format_shortest(s.walk), s.repeats, i,
                                           format_shortest(p.run), format_shortest(p.walk), p.repeats));
            }
            ladder.push_back(s);
        }
        if (!ladder.back().continuous()) {
            sink_.error(sink_.at(*n), "run_walk_ladder must end with continuous running (walk 0)",
                        std::string(expected));
            return;
        }
        r.run_walk_ladder = ladder;
    }

    void read_run(Entry& e, History& h) {
        e.check_keys({"date", "distance", "duration", "descent", "downhill", "kind", "run_walk", "pain",
                      "pain_after", "rpe", "shoe", "cadence", "surface", "note"});
        Run r;
        r.pos = e.pos();
        bool ok = true;
        auto date = e.date("date", "2026-10-06");
        auto distance = e.distance("distance", max_run_distance(units_), false);
        if (e.missing("date", "date = <the day of the run>, such as date = 2026-10-06") || !date) ok = false;
        if (e.missing("distance",
                      [&] { return fmt::format("distance = <{} above 0>, such as distance = 5.2", to_string(units_)); }) ||
            !distance)
            ok = false;
        r.duration = e.duration("duration");
        r.descent = e.descent("descent", max_run_descent(units_));
        r.downhill = e.distance("downhill", max_run_distance(units_), true);
        if (auto k = e.choice("kind", run_kinds, "kind")) r.kind = *k;
        r.pain = e.pain("pain");
        r.pain_after = e.pain("pain_after");
        r.rpe = e.number("rpe", 1, 10, false, "a session effort from 1 (very easy) to 10 (maximal)");
        r.shoe = e.string("shoe", false);
        r.cadence = e.number("cadence", 60, 260, false, "steps per minute from 60 to 260");
        r.surface = e.choice("surface", surfaces, "surface");
        r.note = e.string("note");
        read_run_walk(e, r);
        // Each check that has its values runs, whatever else is wrong with the entry.
        if (date) not_after_today(e, "date", *date, "run");
        if (distance && r.downhill && *r.downhill > *distance)
            sink_.error(sink_.at(*e.get("downhill")),
                        fmt::format("downhill {} is more than the run's distance {}", format_shortest(*r.downhill),
                                    format_shortest(*distance)),
                        fmt::format("the distance run on descents, at most the run's {} {}", format_shortest(*distance),
                                    to_string(units_)));
        if (!ok) return;
        r.date = *date;
        r.distance = *distance;
        h.runs.push_back(std::move(r));
    }

    void read_run_walk(Entry& e, Run& r) {
        auto* n = e.get("run_walk");
        constexpr std::string_view expected =
            "run_walk = [run minutes, walk minutes], both above 0 and at most 60, such as [3, 1]";
        if (!n) {
            if (r.kind == RunKind::run_walk && e.get("kind"))
                sink_.error(sink_.at(*e.get("kind")), "a run-walk session has no run_walk ratio", std::string(expected));
            return;
        }
        if (r.kind != RunKind::run_walk) {
            sink_.error(sink_.at(*n),
                        fmt::format("run_walk is only for run-walk sessions, this run's kind is '{}'",
                                    to_string(r.kind)),
                        "kind = \"run-walk\" with run_walk, or no run_walk for continuous runs");
            return;
        }
        auto v = number_array(e, *n, "run_walk", 2, expected);
        if (!v) return;
        if ((*v)[0] <= 0 || (*v)[0] > 60 || (*v)[1] <= 0 || (*v)[1] > 60) {
            sink_.error(sink_.at(*n),
                        fmt::format("run_walk [{}, {}] is out of range", format_shortest((*v)[0]), format_shortest((*v)[1])),
                        std::string(expected));
            return;
        }
        r.run_walk_run = (*v)[0];
        r.run_walk_walk = (*v)[1];
    }

    void read_cross(Entry& e, History& h) {
        e.check_keys({"date", "activity", "duration", "pain", "rpe", "note"});
        Cross c;
        c.pos = e.pos();
        auto date = e.date("date", "2026-10-07");
        auto activity = e.choice("activity", activities, "activity");
        bool ok = !e.missing("date", "date = <the day of the session>, such as date = 2026-10-07") && date;
        if (e.missing("activity", "activity = \"cycling\" (swimming, pool-running, cycling, elliptical or other)") ||
            !activity)
            ok = false;
        c.duration = e.duration("duration");
        c.pain = e.pain("pain");
        c.rpe = e.number("rpe", 1, 10, false, "a session effort from 1 (very easy) to 10 (maximal)");
        c.note = e.string("note");
        if (date) not_after_today(e, "date", *date, "cross-training");
        if (!ok) return;
        c.date = *date;
        c.activity = *activity;
        h.cross.push_back(std::move(c));
    }

    void read_week(Entry& e, History& h) {
        e.check_keys({"start", "distance", "descent", "downhill", "long_run", "hard_sessions", "pain", "pain_after",
                      "note"});
        WeekTotal w;
        w.pos = e.pos();
        auto start = e.date("start", "2026-09-28");
        auto max_week = max_week_distance(units_);
        auto distance = e.distance("distance", max_week, true);
        bool ok = !e.missing("start", "start = <any date in the week>, such as start = 2026-09-28") && start;
        if (e.missing("distance", [&] { return fmt::format("distance = <the week's total in {}>", to_string(units_)); }) ||
            !distance)
            ok = false;
        w.descent = e.descent("descent", max_run_descent(units_) * 7);
        w.downhill = e.distance("downhill", max_week, true);
        w.long_run = e.distance("long_run", max_run_distance(units_), true);
        w.hard_sessions = e.integer("hard_sessions", 0, 28, "a whole number of sessions from 0 to 28");
        w.pain = e.pain("pain");
        w.pain_after = e.pain("pain_after");
        w.note = e.string("note");
        // `start` is any date in the week: the current week's later days are not in the future.
        if (start && week_start_of(*start, h.runner.week_start) > today_) not_after_today(e, "start", *start, "week");
        for (auto [key, value] : {std::pair{"downhill", w.downhill}, std::pair{"long_run", w.long_run}}) {
            if (distance && value && *value > *distance)
                sink_.error(sink_.at(*e.get(key)),
                            fmt::format("{} {} is more than the week's distance {}", key, format_shortest(*value),
                                        format_shortest(*distance)),
                            fmt::format("at most the week's {} {}", format_shortest(*distance), to_string(units_)));
        }
        if (!ok) return;
        w.start = *start;
        w.distance = *distance;
        h.weeks.push_back(std::move(w));
    }

    void read_checkin(Entry& e, History& h) {
        e.check_keys({"date", "pain", "walking_pain", "stairs_pain", "exercise_pain", "single_leg_squats",
                      "stair_descent_pain", "strength_ratio", "swelling", "rest_pain", "night_pain", "giving_way",
                      "seen_clinician", "note"});
        Checkin c;
        c.pos = e.pos();
        auto date = e.date("date", "2026-10-10");
        bool ok = !e.missing("date", "date = <the day of the check-in>, such as date = 2026-10-10") && date;
        c.pain = e.pain("pain");
        c.walking_pain = e.boolean("walking_pain");
        c.stairs_pain = e.boolean("stairs_pain");
        c.exercise_pain = e.boolean("exercise_pain");
        c.single_leg_squats = e.integer("single_leg_squats", 0, 1000, "a whole number of clean repetitions from 0 to 1000");
        c.stair_descent_pain = e.boolean("stair_descent_pain");
        c.strength_ratio =
            e.number("strength_ratio", 0, 1, false, "the weaker leg's strength over the stronger's, from 0 to 1");
        c.swelling = e.boolean("swelling");
        c.rest_pain = e.boolean("rest_pain");
        c.night_pain = e.boolean("night_pain");
        c.giving_way = e.boolean("giving_way");
        c.seen_clinician = e.boolean("seen_clinician");
        c.note = e.string("note");
        if (date) not_after_today(e, "date", *date, "check-in");
        if (!ok) return;
        c.date = *date;
        h.checkins.push_back(std::move(c));
    }

    void read_strength(Entry& e, History& h) {
        e.check_keys({"date", "exercises", "pain", "note"});
        Strength s;
        s.pos = e.pos();
        auto date = e.date("date", "2026-10-07");
        bool ok = !e.missing("date", "date = <the day of the session>, such as date = 2026-10-07") && date;
        s.pain = e.pain("pain");
        s.note = e.string("note");
        auto expected = [] { return "an array of exercise ids: " + list_of(names_of(exercises)); };
        if (auto* n = e.get("exercises")) {
            auto* arr = n->as_array();
            if (!arr || arr->empty()) {
                sink_.error(sink_.at(*n),
                            fmt::format("exercises must be a non-empty array, got {}",
                                        arr ? "an empty array" : describe(*n)),
                            expected());
                ok = false;
            } else {
                for (auto&& el : *arr) {
                    auto* str = el.as_string();
                    if (auto* found = str ? find_named(exercises, str->get()) : nullptr) {
                        s.exercises.push_back(found->value);
                        continue;
                    }
                    ok = false;
                    sink_.error(sink_.at(el),
                                str ? fmt::format("unknown exercise {}{}", quoted(str->get()),
                                                  did_you_mean(str->get(), names_of(exercises)))
                                    : fmt::format("exercises must hold strings, got {}", describe(el)),
                                expected());
                }
            }
        } else {
            e.missing("exercises", "exercises = [\"clamshell\", ...], the exercises done");
            ok = false;
        }
        if (date) not_after_today(e, "date", *date, "strength session");
        if (!ok || !date) return;
        s.date = *date;
        h.strength.push_back(std::move(s));
    }

    void read_shoe(Entry& e, History& h) {
        e.check_keys({"name", "initial", "retired", "note"});
        Shoe s;
        s.pos = e.pos();
        auto name = e.string("name", false);
        bool ok = !e.missing("name", "name = \"...\", the name runs use in their shoe key") && name;
        if (auto initial = e.distance("initial", max_week_distance(units_) * 10, true)) s.initial = *initial;
        s.retired = e.date("retired", "2026-11-01");
        if (s.retired) not_after_today(e, "retired", *s.retired, "a shoe retired");
        s.note = e.string("note");
        if (!ok) return;
        s.name = *name;
        h.shoes.push_back(std::move(s));
    }

    // Weeks: a week is filed through [[week]] or through [[run]] entries, never both, and
    // no week total may be given twice or exceed the weekly maximum.
    void check_weeks(const History& h) {
        auto ws = h.runner.week_start;
        std::map<Date, const WeekTotal*> totals;
        for (const auto& w : h.weeks) {
            auto key = week_start_of(w.start, ws);
            auto [it, fresh] = totals.emplace(key, &w);
            if (!fresh)
                sink_.error(w.pos,
                            fmt::format("a second [[week]] for {} (the first is at line {})", iso_week_name(key, ws),
                                        it->second->pos.line),
                            "one [[week]] per week");
        }
        std::map<Date, std::pair<double, const Run*>> run_weeks;  // total so far, first run
        std::set<Date> reported;
        for (const auto& r : h.runs) {
            auto key = week_start_of(r.date, ws);
            auto& [total, first] = run_weeks[key];
            if (!first) first = &r;
            total += r.distance;
            // A tolerance: ten thousand runs of 0.1 add up to 1000 plus rounding noise.
            if (total > max_week_distance(units_) + 1e-6 && reported.insert(key).second)
                sink_.error(r.pos,
                            fmt::format("the runs of {} add up to {} {}, more than the weekly maximum of {} {}",
                                        iso_week_name(key, ws), format_trimmed(total, 1), to_string(units_),
                                        format_trimmed(max_week_distance(units_), 1), to_string(units_)),
                            "a realistic week; check the distances for a typo or a unit mix-up");
        }
        for (const auto& [key, w] : totals) {
            auto it = run_weeks.find(key);
            if (it == run_weeks.end()) continue;
            sink_.error(w->pos,
                        fmt::format("{} has both this [[week]] total and [[run]] entries (the first at line {})",
                                    iso_week_name(key, ws), it->second.second->pos.line),
                        "either a [[week]] total or single [[run]] entries for a week, not both");
        }
    }

    void check_shoes(const History& h) {
        std::map<std::string, const Shoe*> seen;
        for (const auto& s : h.shoes) {
            auto [it, fresh] = seen.emplace(s.name, &s);
            if (!fresh)
                sink_.error(s.pos,
                            fmt::format("a second [[shoe]] named {} (the first is at line {})", quoted(s.name),
                                        it->second->pos.line),
                            "a different name for each shoe");
        }
    }
};

// The mistakes people make, which the TOML parser reports in its own terms.

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool all_of(std::string_view s, bool (*pred)(char)) {
    return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_key_char(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-'; }

// A decimal comma, "distance = 5,2": the parser stops at the comma after a number on a
// key line. The diagnostic at `pos` (the comma), or nullopt for any other error.
std::optional<Diagnostic> decimal_comma(std::string_view text, SourcePos pos) {
    auto line = source_line(text, pos.line);
    // The byte of character `pos.column` (a key line is ASCII up to its value).
    std::size_t at = 0;
    for (int col = 1; col < pos.column && at < line.size(); ++col) {
        auto ch = decode_utf8(line, at);
        at += ch ? ch->length : 1;
    }
    if (at >= line.size() || line[at] != ',') return std::nullopt;
    auto before = line.substr(0, at);
    auto eq = before.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    auto key = trimmed(before.substr(0, eq));
    auto whole = trimmed(before.substr(eq + 1));
    auto digits = whole.substr(!whole.empty() && (whole[0] == '-' || whole[0] == '+') ? 1 : 0);
    auto after = line.substr(at + 1);
    auto fraction = after.substr(0, std::min(after.find_first_not_of("0123456789"), after.size()));
    if (!all_of(key, is_key_char) || !all_of(digits, is_digit) || fraction.empty()) return std::nullopt;
    return Diagnostic{pos,
                      fmt::format("{} = {},{} has a decimal comma: use a decimal point", key, whole, fraction),
                      fmt::format("{} = {}.{}", key, whole, fraction)};
}

}  // namespace

const std::vector<std::string_view>& entry_table_names() {
    static const std::vector<std::string_view> names = {"run", "cross", "week", "checkin", "strength", "shoe"};
    return names;
}

// A split text read part by part; nullopt when a part does not parse alone or the head
// holds an entry array (a [run] table, a run.x key), where the whole text decides.
std::optional<LoadResult> load_split(std::string_view text, const TomlSplit& split, std::string_view source_name,
                                     Date today) {
    Loader loader(source_name, today);
    try {
        auto root = toml::parse(joined_text(text, split.head));
        for (auto name : entry_table_names())
            if (root.contains(name)) return std::nullopt;
        loader.read_head(root, LineMap(text, split.head));
        for (const auto& b : split.batches) loader.read_batch(toml::parse(span_text(text, b)), LineMap(text, {b}));
    } catch (const toml::parse_error&) {
        return std::nullopt;
    }
    return loader.finish();
}

LoadResult load_history(std::string_view text, std::string_view source_name, Date today, const LoadOptions& options) {
    LoadResult result;
    if (text.size() > Limits::max_file_bytes) {
        result.diagnostics.push_back(
            {{1, 1},
             fmt::format("the file is larger than the {} MiB rkplan reads", Limits::max_file_bytes / (1024 * 1024)),
             fmt::format("a history of at most {} MiB; split older years into another file",
                         Limits::max_file_bytes / (1024 * 1024))});
        return result;
    }
    if (auto encoding = other_unicode_encoding(text); !encoding.empty()) {
        Diagnostic d{{1, 1},
                     fmt::format("the file is saved as {} text, which rkplan does not read", encoding),
                     "UTF-8: open the file in a text editor and save it again with the encoding UTF-8"};
        d.excerpt = false;  // its first line is not text
        result.diagnostics.push_back(std::move(d));
        return result;
    }
    result.diagnostics = scan_toml_text(text);
    if (!result.diagnostics.empty()) return result;
    if (auto split = split_toml_entries(text, entry_table_names(), options.batch_bytes))
        if (auto loaded = load_split(text, *split, source_name, today)) return std::move(*loaded);
    toml::table root;
    try {
        root = toml::parse(text, source_name);
    } catch (const toml::parse_error& e) {
        auto pos = pos_of(e.source());
        if (pos.line < 1) pos = {1, 1};
        if (auto comma = decimal_comma(text, pos)) {
            result.diagnostics.push_back(std::move(*comma));
            return result;
        }
        result.diagnostics.push_back({pos, fmt::format("invalid TOML: {}", e.description()), "a valid TOML 1.0 document"});
        return result;
    }
    Loader loader(source_name, today);
    loader.read_head(root, {});
    return loader.finish();
}

}  // namespace rkplan
