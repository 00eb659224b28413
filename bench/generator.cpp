// A training history generator for the benchmarks: a runner who logs near-daily runs for
// years, with the structure real logs have (a weekly rhythm, cut-back weeks, seasons,
// holidays, illness, an occasional pain signal followed by a pullback, shoes worn out
// and replaced), within rkplan's rules almost always and outside them now and then.
#include "generator.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numbers>
#include <optional>
#include <random>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "rkplan/date.hpp"

namespace rkplan::bench {

namespace {

constexpr int days_per_week = 7;
constexpr double goal_weekly_km = 50;
constexpr double max_weekly_increase = 0.10;  // rkplan's default
constexpr double pullback_share = 0.65;       // below rkplan's default factor of 0.7
constexpr int pullback_weeks = 2;

// std::mt19937_64's output is fixed by the standard; the distributions of <random> are
// not, so the few this generator needs are written out to keep the text identical on
// every standard library.
class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
    double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int integer(int lo, int hi) { return lo + static_cast<int>(uniform() * (hi - lo + 1)); }  // [lo, hi]
    bool chance(double p) { return uniform() < p; }
    template <typename T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(uniform() * static_cast<double>(v.size()))];
    }

private:
    std::mt19937_64 engine_;
};

enum class Kind { easy, long_run, tempo, intervals, hills, race, run_walk };

std::string_view kind_name(Kind k) {
    switch (k) {
        case Kind::easy: return "easy";
        case Kind::long_run: return "long";
        case Kind::tempo: return "tempo";
        case Kind::intervals: return "intervals";
        case Kind::hills: return "hills";
        case Kind::race: return "race";
        case Kind::run_walk: return "run-walk";
    }
    return "easy";
}

// Minutes per km.
double pace_of(Kind k) {
    switch (k) {
        case Kind::easy: return 5.8;
        case Kind::long_run: return 6.0;
        case Kind::tempo: return 4.8;
        case Kind::intervals: return 5.1;
        case Kind::hills: return 5.9;
        case Kind::race: return 4.4;
        case Kind::run_walk: return 7.6;
    }
    return 6.0;
}

const std::vector<std::string> run_notes = {
    "felt fine", "windy along the river", "with the club", "hot and humid", "legs heavy",
    "progression, last 2 km at tempo", "new route through the park", "rain all the way",
    "easy, chatted the whole way", "strides at the end", "caf\u00e9 stop halfway",
    "Stra\u00dfenlauf course recce", "\\\"easy\\\" they said", "early, before work", "headlamp run",
    "knee quiet", "negative split", "treadmill, watched the news",
};
const std::vector<std::string> road_models = {"pegasus", "novablast", "clifton", "ghost", "kinvara", "ride"};
const std::vector<std::string> trail_models = {"speedgoat", "peregrine", "cascadia"};
const std::vector<std::string> maintenance_exercises = {"clamshell", "side-lying-abduction", "lateral-band-walk",
                                                        "single-leg-bridge", "single-leg-balance",
                                                        "straight-leg-raise"};
const std::vector<std::string> rehab_exercises = {"straight-leg-raise", "clamshell", "side-lying-abduction",
                                                  "short-foot", "terminal-knee-extension"};

struct ShoeState {
    std::string name;
    int initial = 0;
    double distance = 0;
    double retire_at = 0;
    std::optional<Date> retired;
    bool note = false;
};

// One entry of the file; entries are written in date order, and on one date in `order`.
struct Entry {
    Date date;
    int order;  // 0 check-in, 1 strength, 2 cross-training, 3 run
    std::size_t sequence;
    std::string text;
};

// What a week of running may hold.
struct WeekRules {
    bool hard = true;      // tempo, intervals, hills and races
    bool downhill = true;  // descent and downhill logged
    bool pain = true;      // an early pain signal may happen
};

class Generator {
    static constexpr int min_weeks = 4, max_weeks = 520;

public:
    explicit Generator(const GeneratorOptions& o)
        : o_(o), rng_(o.seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull) {
        // rkplan refuses dates before 1900 as typos.
        if (o.years < 1 || o.years > 120) throw std::invalid_argument("years must be from 1 to 120");
        if (o.weeks != 0 && (o.weeks < min_weeks || o.weeks > max_weeks))
            throw std::invalid_argument("weeks must be from 4 to 520");
        last_day_ = *Date::parse(today) - 1;
        auto span = o.weeks > 0 ? o.weeks * days_per_week : static_cast<int>(std::lround(o.years * 365.2425));
        first_ = week_start_of(last_day_ - span + 1, WeekStart::monday);
        n_weeks_ = static_cast<std::size_t>((week_start_of(last_day_, WeekStart::monday) - first_) / days_per_week) + 1;
        tenths_.assign(n_weeks_, 0);
        signal_.assign(n_weeks_, false);
        pullback_.assign(n_weeks_, false);
        zero_.assign(n_weeks_, false);
        new_shoe(road_, false);
        new_shoe(trail_, true);
    }

    std::string run() {
        std::size_t w = 0;
        if (o_.injury) w = rehab();
        plan_breaks(w);
        for (; w < n_weeks_; ++w) {
            if (zero_[w]) {
                break_week(w);
                continue;
            }
            WeekRules rules;
            rules.hard = rules.downhill = !pullback_[w];
            rules.pain = !pullback_[w];
            running_week(w, rules);
            routine(w);
        }
        return emit();
    }

private:
    GeneratorOptions o_;
    Random rng_;
    Date last_day_, first_;
    std::size_t n_weeks_ = 0;
    std::vector<long> tenths_;  // each week's running distance, in tenths of a km
    std::vector<bool> signal_, pullback_, zero_;
    double pullback_reference_ = 0;
    std::optional<std::size_t> red_flag_week_;
    ShoeState road_, trail_;
    std::vector<ShoeState> shoes_;  // retired ones, in order
    int shoe_count_ = 0;
    std::vector<Entry> entries_;

    Date day(std::size_t w, int d) const { return first_ + static_cast<int>(w) * days_per_week + d; }
    bool logged(Date d) const { return d <= last_day_; }
    double km(std::size_t w) const { return static_cast<double>(tenths_[w]) / 10.0; }

    void add(Date d, int order, std::string text) {
        if (logged(d)) entries_.push_back({d, order, entries_.size(), std::move(text)});
    }

    // The distance rkplan's 10% rule measures a week against (docs/manual/weeks.md `change`).
    std::optional<double> baseline(std::size_t w) const {
        if (w == 0) return std::nullopt;
        std::optional<double> recent;
        for (std::size_t back = 1; back <= 4 && back <= w; ++back)
            if (tenths_[w - back] > 0) {
                recent = km(w - back);
                break;
            }
        if (!recent || o_.injury) return recent;
        std::size_t count = std::min<std::size_t>(4, w);
        double sum = 0;
        for (std::size_t back = 1; back <= count; ++back) sum += km(w - back);
        return std::max(*recent, sum / static_cast<double>(count));
    }

    // The volume the runner would like this week: a slow drift over the years, a season,
    // and a cut-back week in every four.
    double desired(std::size_t w) {
        double years = static_cast<double>(w) / 52.0;
        double drift = 0.95 + 0.12 * std::sin(2 * std::numbers::pi * years / 7.0 + 1.0);
        double season = 1 + 0.12 * std::sin(2 * std::numbers::pi * (years - 0.3));
        double cycle = w % 4 == 3 ? (o_.injury ? 0.9 : 0.8) : 1.0;
        return goal_weekly_km * drift * season * cycle * rng_.between(0.96, 1.04);
    }

    void new_shoe(ShoeState& s, bool trail) {
        if (!s.name.empty()) shoes_.push_back(s);
        ++shoe_count_;
        s = ShoeState{};
        s.name = fmt::format("{}-{}", rng_.pick(trail ? trail_models : road_models), shoe_count_);
        s.initial = rng_.chance(0.2) ? rng_.integer(20, 60) : 0;
        // Most shoes are retired in time; some are run past rkplan's 800 km limit.
        s.retire_at = rng_.chance(0.15) ? rng_.between(800, 860) : rng_.between(640, 780);
        s.note = rng_.chance(0.3);
    }

    // Zero weeks: a Christmas holiday in some years, a week or two of illness now and then,
    // a six-week layoff (a restart) in long histories, and a red flag seen by a clinician.
    void plan_breaks(std::size_t from) {
        for (std::size_t w = from; w < n_weeks_; ++w) {
            Date monday = day(w, 0);
            if (monday.month() == 12 && monday.day() >= 22 && monday.day() <= 28 && rng_.chance(0.35)) zero_[w] = true;
            if (rng_.chance(0.25 / 52)) {
                zero_[w] = true;
                if (w + 1 < n_weeks_ && rng_.chance(0.4)) zero_[w + 1] = true;
            }
        }
        std::size_t span = n_weeks_ - from;
        if (o_.years >= 10) {
            std::size_t start = from + span * 7 / 10;
            for (std::size_t w = start; w < start + 6 && w < n_weeks_; ++w) zero_[w] = true;
        }
        if (o_.years >= 2) {
            std::size_t w = from + span * 2 / 5;
            zero_[w] = true;
            red_flag_week_ = w;
        }
        zero_.back() = false;  // the current week is under way
    }

    std::string duration_text(double minutes) {
        if (rng_.chance(0.15)) return fmt::format("{:.1f}", std::max(0.1, std::round(minutes * 10) / 10));
        long seconds = std::max(1L, std::lround(minutes * 60));
        if (seconds < 3600) return fmt::format("\"{}:{:02}\"", seconds / 60, seconds % 60);
        return fmt::format("\"{}:{:02}:{:02}\"", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    struct RunSpec {
        Date date;
        long tenths = 0;
        Kind kind = Kind::easy;
        bool downhill = true;
        int pain = 0, pain_after = 0;
        std::optional<std::pair<int, int>> run_walk;
        std::optional<double> minutes;  // fixed duration (ladder sessions)
    };

    void add_run(const RunSpec& r) {
        if (!logged(r.date)) return;
        double distance = static_cast<double>(r.tenths) / 10.0;
        std::string_view surface = "road";
        double roll = rng_.uniform();
        if (r.kind == Kind::intervals && roll < 0.7) surface = "track";
        else if ((r.kind == Kind::easy || r.kind == Kind::long_run) && roll < 0.12) surface = "trail";
        else if (r.kind != Kind::race && roll > 0.95) surface = "treadmill";
        else if (r.kind != Kind::race && roll > 0.90) surface = "grass";
        auto& shoe = surface == "trail" ? trail_ : road_;
        double minutes = r.minutes.value_or(distance * pace_of(r.kind) * rng_.between(0.94, 1.06));
        double year = static_cast<double>(r.date - first_) / 365.2425;
        int cadence = 166 + static_cast<int>(std::min(10.0, year * 0.4)) + rng_.integer(-3, 3) +
                      (r.kind == Kind::tempo || r.kind == Kind::intervals || r.kind == Kind::race ? 6
                       : r.kind == Kind::run_walk                                                 ? -6
                                                                                                  : 0);
        int rpe = r.kind == Kind::race               ? 9
                  : r.kind == Kind::long_run         ? rng_.integer(5, 6)
                  : r.kind == Kind::easy || r.kind == Kind::run_walk ? rng_.integer(2, 4)
                                                                     : rng_.integer(7, 8);
        std::string t = fmt::format("[[run]]\ndate = {}\ndistance = {:.1f}\nduration = {}\n", r.date.to_string(),
                                    distance, duration_text(minutes));
        if (r.downhill) {
            double descent_rate = surface == "trail"      ? rng_.between(1.8, 2.9)
                                  : surface == "road"     ? rng_.between(0.3, 1.5)
                                  : surface == "grass"    ? rng_.between(0.0, 1.0)
                                                          : 0.0;
            double downhill_rate = surface == "trail" ? rng_.between(0.02, 0.045)
                                   : surface == "road" ? rng_.between(0.0, 0.03)
                                                       : 0.0;
            // Below the introduction allowances (3 m per km, 5% of the distance), so a week's
            // descent never breaks the downhill-increase rule.
            fmt::format_to(std::back_inserter(t), "descent = {}\ndownhill = {:.2f}\n",
                           static_cast<long>(std::floor(distance * descent_rate)),
                           std::floor(distance * downhill_rate * 100) / 100);
        }
        fmt::format_to(std::back_inserter(t), "kind = \"{}\"\n", kind_name(r.kind));
        if (r.run_walk) fmt::format_to(std::back_inserter(t), "run_walk = [{}, {}]\n", r.run_walk->first, r.run_walk->second);
        fmt::format_to(std::back_inserter(t), "pain = {}\npain_after = {}\nrpe = {}\nshoe = \"{}\"\ncadence = {}\nsurface = \"{}\"\n",
                       r.pain, r.pain_after, rpe, shoe.name, cadence, surface);
        if (rng_.chance(0.3)) fmt::format_to(std::back_inserter(t), "note = \"{}\"\n", rng_.pick(run_notes));
        add(r.date, 3, std::move(t));
        shoe.distance += distance;
        if (shoe.initial + shoe.distance >= shoe.retire_at) {
            shoe.retired = r.date;
            new_shoe(shoe, &shoe == &trail_);
        }
    }

    // A week of running toward `desired`, within the 10% rule (and the pullback cap) almost
    // always: about one week in eighty gets away from the runner.
    void running_week(std::size_t w, const WeekRules& rules) {
        auto base = baseline(w);
        double target = desired(w);
        if (base) target = std::min(target, *base * (1 + max_weekly_increase) * 0.97);
        else target = std::min(target, 20.0);  // a first week or a restart starts gently
        if (pullback_[w]) target = std::min(target, pullback_share * pullback_reference_);
        else if (base && rng_.chance(0.012)) target = *base * (1 + max_weekly_increase) * rng_.between(1.04, 1.18);
        long total = std::max(30L, static_cast<long>(std::floor(target * 10)));

        int runs = total < 120 ? 3 : total < 200 ? 4 : rng_.chance(0.2) ? 5 : rng_.chance(0.62) ? 6 : 7;
        std::vector<int> days;
        switch (runs) {
            case 3: days = {1, 3, 6}; break;
            case 4: days = {1, 3, 5, 6}; break;
            case 5: days = {1, 2, 3, 5, 6}; break;
            case 6: days = {1, 2, 3, 4, 5, 6}; break;
            default: days = {0, 1, 2, 3, 4, 5, 6}; break;
        }
        std::vector<RunSpec> specs;
        std::vector<double> weights;
        long fixed = 0;
        bool race = rules.hard && w % 10 == 5 && total >= 250;
        for (int d : days) {
            RunSpec r;
            r.date = day(w, d);
            r.downhill = rules.downhill;
            double weight = rng_.between(0.85, 1.15);
            if (d == 6) {
                r.kind = Kind::long_run;
                weight = 1.9;
            } else if (d == 1 && rules.hard) {
                static const std::vector<Kind> hard = {Kind::tempo, Kind::intervals, Kind::hills};
                r.kind = hard[w % hard.size()];
                weight = 1.2;
            } else if (d == 5 && race) {
                r.kind = Kind::race;
                r.tenths = w % 20 == 5 ? 100 : 50;
                fixed += r.tenths;
                weight = 0;
            } else if (rng_.chance(0.03)) {
                r.kind = Kind::run_walk;
                r.run_walk = rng_.chance(0.5) ? std::pair{4, 1} : std::pair{9, 1};
            }
            specs.push_back(r);
            weights.push_back(weight);
        }
        // Whole tenths that add up to the week's total exactly.
        double weight_sum = 0;
        for (double x : weights) weight_sum += x;
        long left = total - fixed, given = 0;
        for (std::size_t i = 0; i < specs.size(); ++i) {
            if (weights[i] == 0) continue;
            specs[i].tenths = std::max(10L, static_cast<long>(std::floor(static_cast<double>(left) * weights[i] / weight_sum)));
            given += specs[i].tenths;
        }
        for (std::size_t i = 0; given < left; i = (i + 1) % specs.size())
            if (weights[i] > 0) ++specs[i].tenths, ++given;
        for (auto& r : specs) {
            if (rules.pain && !signal_[w] && rng_.chance(0.005)) {
                // An early pain signal: the next two weeks are a pullback.
                if (rng_.chance(0.5)) r.pain_after = 2;
                else r.pain = 2, r.pain_after = 1;
                signal_[w] = true;
                pullback_reference_ = 0;
                for (std::size_t k = w; k-- > 0;)
                    if (tenths_[k] > 0 && !signal_[k] && !pullback_[k]) {
                        pullback_reference_ = km(k);
                        break;
                    }
                if (pullback_reference_ == 0) pullback_reference_ = static_cast<double>(total) / 10.0;
                for (std::size_t k = w + 1; k <= w + pullback_weeks && k < n_weeks_; ++k) pullback_[k] = true;
            }
            if (logged(r.date)) tenths_[w] += r.tenths;
            add_run(r);
        }
    }

    std::string exercises(const std::vector<std::string>& pool, int count) {
        std::vector<std::string> chosen;
        while (static_cast<int>(chosen.size()) < count) {
            const auto& e = rng_.pick(pool);
            if (std::find(chosen.begin(), chosen.end(), e) == chosen.end()) chosen.push_back(e);
        }
        std::string out = "[";
        for (std::size_t i = 0; i < chosen.size(); ++i) out += fmt::format("{}\"{}\"", i ? ", " : "", chosen[i]);
        return out + "]";
    }

    void strength(Date d, const std::vector<std::string>& pool) {
        std::string t = fmt::format("[[strength]]\ndate = {}\nexercises = {}\npain = 0\n", d.to_string(),
                                    exercises(pool, rng_.integer(3, 4)));
        if (rng_.chance(0.1)) t += "note = \"band getting easy, next colour up\"\n";
        add(d, 1, std::move(t));
    }

    void cross(Date d, std::string_view activity, int minutes) {
        add(d, 2, fmt::format("[[cross]]\ndate = {}\nactivity = \"{}\"\nduration = {}\npain = 0\nrpe = {}\n",
                              d.to_string(), activity, minutes, rng_.integer(3, 5)));
    }

    void checkin(Date d, int pain, bool full, int squats = 24, double ratio = 0.93, bool flag = false,
                 bool clinician = false) {
        std::string t = fmt::format("[[checkin]]\ndate = {}\npain = {}\n", d.to_string(), pain);
        if (full || flag || clinician)
            fmt::format_to(std::back_inserter(t),
                           "walking_pain = false\nstairs_pain = false\nexercise_pain = false\nsingle_leg_squats = {}\n"
                           "stair_descent_pain = false\nstrength_ratio = {:.2f}\nswelling = {}\nrest_pain = false\n"
                           "night_pain = false\ngiving_way = false\nseen_clinician = {}\n",
                           squats, ratio, flag, clinician);
        if (flag) t += "note = \"knee swollen after Sunday's long run\"\n";
        if (clinician) t += "note = \"physio: no structural damage, cleared to run\"\n";
        add(d, 0, std::move(t));
    }

    // Strength twice a week (now and then once), a check-in every other Saturday with a full
    // test every eight weeks, and some cycling on a rest day.
    void routine(std::size_t w) {
        for (int d : {2, 5})
            if (rng_.chance(0.93)) strength(day(w, d), maintenance_exercises);
        if (w % 2 == 0)
            checkin(day(w, 5), signal_[w] ? 1 : 0, w % 8 == 0, rng_.integer(22, 30), rng_.between(0.88, 0.98));
        if (rng_.chance(0.12)) cross(day(w, 0), "cycling", rng_.integer(45, 90));
    }

    void break_week(std::size_t w) {
        if (red_flag_week_ && *red_flag_week_ == w) {
            checkin(day(w, 0), 3, true, 18, 0.9, true);
            checkin(day(w, 4), 1, true, 22, 0.92, false, true);
        }
        cross(day(w, 2), rng_.chance(0.5) ? "swimming" : "elliptical", rng_.integer(30, 50));
        if (rng_.chance(0.5)) strength(day(w, 3), maintenance_exercises);
    }

    // Injury mode: onset on the first day, treatment from day 4, walking and stairs
    // pain-free on day 11 (phase 2), two pain-free strength sessions (phase 3), the run-walk
    // ladder two sessions a step (phase 4 in week 6), a rebuild without hard runs or
    // downhill, and clearance in week 17. Returns the first week of ordinary training.
    std::size_t rehab() {
        Date onset = day(0, 0);
        entries_.reserve(1024);
        checkin_text(onset, "pain = 4\nwalking_pain = true\nstairs_pain = true\nswelling = false\n"
                            "note = \"knee sore on stairs after the long run\"\n");
        checkin_text(onset + 11, "pain = 2\nwalking_pain = false\nstairs_pain = false\n");
        checkin_text(onset + 18, "pain = 1\nexercise_pain = false\n");
        for (std::size_t w = 0; w < 6; ++w) {
            for (int d : {0, 2, 4})
                if (w > 0 || d == 4) strength(day(w, d), rehab_exercises);
            for (int d : {1, 3, 5}) cross(day(w, d), d == 3 ? "swimming" : "cycling", rng_.integer(30, 50));
        }
        // The default ladder, two pain-free sessions a step: Tuesdays, Thursdays, Saturdays
        // from week 2.
        const std::pair<int, int> ratios[] = {{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1}};
        const int repeats[] = {10, 7, 5, 4, 4};
        int session = 0;
        for (std::size_t w = 2; w < 7 && session < 14; ++w)
            for (int d : {1, 3, 5}) {
                if (session == 14) break;
                int step = session / 2;  // 0-based
                RunSpec r;
                r.date = day(w, d);
                r.downhill = false;
                if (step < 5) {
                    r.kind = Kind::run_walk;
                    r.run_walk = ratios[step];
                    r.minutes = (ratios[step].first + ratios[step].second) * repeats[step];
                } else {
                    r.minutes = step == 5 ? 20 : 30;
                }
                r.tenths = std::lround(*r.minutes / pace_of(Kind::run_walk) * 10);
                if (logged(r.date)) tenths_[w] += r.tenths;
                add_run(r);
                ++session;
            }
        // Phase 4 from week 7: rebuild by the 10% rule, no hard runs, no downhill; the
        // clearance tests improve until they pass in week 17.
        std::size_t cleared = 17;
        for (std::size_t w = 7; w < cleared && w < n_weeks_; ++w) {
            running_week(w, WeekRules{false, false, false});
            for (int d : {0, 2, 4}) strength(day(w, d), rehab_exercises);
            if (w % 4 == 1) checkin(day(w, 5), 0, true, 10 + static_cast<int>(w) / 2, 0.78 + 0.005 * static_cast<double>(w));
        }
        if (cleared < n_weeks_) checkin(day(cleared - 1, 5), 0, true, 22, 0.9);
        return std::min(cleared, n_weeks_);
    }

    void checkin_text(Date d, std::string_view fields) {
        add(d, 0, fmt::format("[[checkin]]\ndate = {}\n{}", d.to_string(), fields));
    }

    std::string emit() {
        std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
            if (a.date != b.date) return a.date < b.date;
            if (a.order != b.order) return a.order < b.order;
            return a.sequence < b.sequence;
        });
        std::string out = fmt::format(
            "# A generated training history (rkplan bench/generate --{} {} --seed {}{}): {} to {}.\n\n"
            "[runner]\nname = \"Bench Runner\"\nunits = \"km\"\nweek_start = \"monday\"\ngoal_weekly = {:.1f}\n"
            "race_season = false\n\n",
            o_.weeks > 0 ? "weeks" : "years", o_.weeks > 0 ? o_.weeks : o_.years, o_.seed, o_.injury ? " --injury" : "",
            first_.to_string(), last_day_.to_string(), goal_weekly_km);
        if (o_.injury)
            fmt::format_to(std::back_inserter(out),
                           "[injury]\nonset = {}\ntreatment_start = {}\nside = \"left\"\n"
                           "note = \"patellofemoral pain, left knee\"\n\n",
                           first_.to_string(), (first_ + 4).to_string());
        auto all = shoes_;
        all.push_back(road_);
        all.push_back(trail_);
        for (const auto& s : all) {
            fmt::format_to(std::back_inserter(out), "[[shoe]]\nname = \"{}\"\ninitial = {}\n", s.name, s.initial);
            if (s.retired) fmt::format_to(std::back_inserter(out), "retired = {}\n", s.retired->to_string());
            if (s.note) out += "note = \"bought on sale\"\n";
            out += '\n';
        }
        for (const auto& e : entries_) {
            out += e.text;
            out += '\n';
        }
        return out;
    }
};

}  // namespace

std::string generate_history(const GeneratorOptions& options) { return Generator(options).run(); }

}  // namespace rkplan::bench
