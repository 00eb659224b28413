#include "rkplan/weeks.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>

namespace rkplan {

namespace {

constexpr int days_per_week = 7;
constexpr std::size_t week_days = days_per_week;

/// Weeks before a week that the rolling baselines (change, acwr) look back over.
constexpr std::size_t lookback_weeks = 4;

/// EWMA spans of the exponentially weighted ACWR, in days (Williams et al. 2017).
constexpr double acute_span_days = 7;
constexpr double chronic_span_days = 28;

/// Time constants of fitness (ctl) and fatigue (atl), in days.
constexpr double ctl_tau_days = 42;
constexpr double atl_tau_days = 7;

double ewma_weight(double span_days) { return 2.0 / (span_days + 1.0); }

void take_max(std::optional<double>& worst, const std::optional<double>& value) {
    if (value && (!worst || *value > *worst)) worst = value;
}

/// Session-RPE load of one session, if both of its factors are logged.
std::optional<double> session_load(const std::optional<double>& duration, const std::optional<double>& rpe) {
    if (duration && rpe) return *duration * *rpe;
    return std::nullopt;
}

/// The distance `change` is measured against (docs/manual/weeks.md), or nullopt for a first week or a
/// restart after more than `lookback_weeks` weeks without running.
std::optional<double> change_baseline(const std::vector<WeekMetrics>& weeks, std::size_t w, bool prevention) {
    if (w == 0) return std::nullopt;
    std::optional<double> recent;
    // The previous week if it had running, else the nearest non-zero week within reach.
    for (std::size_t back = 1; back <= lookback_weeks && back <= w; ++back) {
        if (weeks[w - back].distance > 0) {
            recent = weeks[w - back].distance;
            break;
        }
    }
    if (!recent || !prevention) return recent;
    // Prevention mode lets a runner return from a cut-back week to the established level.
    std::size_t count = std::min(lookback_weeks, w);
    double sum = 0;
    for (std::size_t back = 1; back <= count; ++back) sum += weeks[w - back].distance;
    return std::max(*recent, sum / static_cast<double>(count));
}

/// Uncoupled rolling acute:chronic ratio; only with `lookback_weeks` earlier weeks on record.
std::optional<double> rolling_acwr(const std::vector<WeekMetrics>& weeks, std::size_t w) {
    if (w < lookback_weeks) return std::nullopt;
    double sum = 0;
    for (std::size_t back = 1; back <= lookback_weeks; ++back) sum += weeks[w - back].distance;
    double chronic = sum / static_cast<double>(lookback_weeks);
    if (chronic <= 0) return std::nullopt;
    return weeks[w].distance / chronic;
}

/// The day-by-day models over the basis series, one value per day of the report.
struct DailyModels {
    std::vector<double> acute;
    std::vector<double> chronic;
    std::vector<double> ctl;
    std::vector<double> atl;
};

DailyModels run_daily_models(const std::vector<double>& load) {
    DailyModels m;
    const std::size_t n = load.size();
    m.acute.resize(n);
    m.chronic.resize(n);
    m.ctl.resize(n);
    m.atl.resize(n);
    if (n == 0) return m;
    const double la = ewma_weight(acute_span_days);
    const double lc = ewma_weight(chronic_span_days);
    const double ctl_decay = std::exp(-1.0 / ctl_tau_days);
    const double atl_decay = std::exp(-1.0 / atl_tau_days);
    // Both EWMAs start at the first day's value; ctl and atl start from 0 before day 0.
    m.acute[0] = m.chronic[0] = load[0];
    m.ctl[0] = load[0] * (1 - ctl_decay);
    m.atl[0] = load[0] * (1 - atl_decay);
    for (std::size_t d = 1; d < n; ++d) {
        m.acute[d] = la * load[d] + (1 - la) * m.acute[d - 1];
        m.chronic[d] = lc * load[d] + (1 - lc) * m.chronic[d - 1];
        m.ctl[d] = m.ctl[d - 1] * ctl_decay + load[d] * (1 - ctl_decay);
        m.atl[d] = m.atl[d - 1] * atl_decay + load[d] * (1 - atl_decay);
    }
    return m;
}

}  // namespace

std::optional<double> median_of(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    auto n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::optional<double> monotony_of(const std::vector<double>& daily_loads) {
    if (daily_loads.empty()) return std::nullopt;
    const double n = static_cast<double>(daily_loads.size());
    double sum = 0;
    for (double x : daily_loads) sum += x;
    const double mean = sum / n;
    bool all_zero = std::all_of(daily_loads.begin(), daily_loads.end(), [](double x) { return x == 0; });
    if (all_zero) return std::nullopt;
    double squares = 0;
    for (double x : daily_loads) squares += (x - mean) * (x - mean);
    const double sd = std::sqrt(squares / n);
    // Identical non-zero loads every day are as monotonous as it gets: the cap, not infinity.
    if (sd == 0 || mean / sd > max_monotony) return max_monotony;
    return mean / sd;
}

namespace {

// Builds the report in passes: the weeks, their totals and runs, then the daily models.
class WeeksBuilder {
public:
    WeeksBuilder(const History& h, Date today, Date first_day, std::size_t n_weeks)
        : h_(h), today_(today), first_day_(first_day), n_weeks_(n_weeks), n_days_(n_weeks * week_days),
          srpe_(h.rules.load_basis == LoadBasis::srpe), daily_(n_days_, 0.0) {}

    void run(WeeksReport& report) {
        weeks_ = &report.weeks;
        make_weeks();
        add_totals();
        add_runs();
        for (const auto& session : h_.cross)
            if (auto day = day_index(session.date))
                add_session_load(week_of(*day), *day, session_load(session.duration, session.rpe));
        derive_metrics();
    }

private:
    const History& h_;
    Date today_, first_day_;
    std::size_t n_weeks_, n_days_;
    bool srpe_;
    std::vector<double> daily_;  // the load_basis series
    std::vector<WeekMetrics>* weeks_ = nullptr;

    WeekMetrics& week_of(std::size_t day) { return (*weeks_)[day / week_days]; }

    // The day of the report a date falls on; entries after the last week are outside it.
    std::optional<std::size_t> day_index(Date d) const {
        int offset = d - first_day_;
        if (offset < 0 || static_cast<std::size_t>(offset) >= n_days_) return std::nullopt;
        return static_cast<std::size_t>(offset);
    }

    void make_weeks() {
        weeks_->resize(n_weeks_);
        for (std::size_t w = 0; w < n_weeks_; ++w)
            (*weeks_)[w] = empty_week(first_day_ + static_cast<int>(w * week_days), h_.runner.week_start);
    }

    // Session-RPE load is reported whatever the basis; a week without any stays absent.
    void add_session_load(WeekMetrics& wk, std::size_t day, const std::optional<double>& load) {
        if (load) {
            wk.load = wk.load.value_or(0.0) + *load;
            if (srpe_) daily_[day] += *load;
        } else if (srpe_) {
            ++wk.srpe_missing;
        }
    }

    void add_totals() {
        for (const auto& total : h_.weeks) {
            auto day = day_index(week_start_of(total.start, h_.runner.week_start));
            if (!day) continue;
            auto& wk = week_of(*day);
            assert(!wk.from_totals && "the loader refuses two [[week]] totals for one week");
            tally_total(wk, total);
            if (srpe_) {
                // Totals carry no duration or rpe: they add nothing to the srpe series.
                ++wk.srpe_missing;
            } else {
                for (std::size_t d = 0; d < week_days; ++d)
                    daily_[*day + d] += total.distance / static_cast<double>(days_per_week);
            }
        }
    }

    // Runs in date order, file order within a day: a counting sort by day keeps it linear.
    std::vector<std::size_t> runs_in_order() const {
        std::vector<std::size_t> per_day(n_days_ + 1, 0);
        for (const auto& run : h_.runs)
            if (auto day = day_index(run.date)) ++per_day[*day + 1];
        for (std::size_t d = 1; d <= n_days_; ++d) per_day[d] += per_day[d - 1];
        std::vector<std::size_t> order(per_day[n_days_]);
        for (std::size_t i = 0; i < h_.runs.size(); ++i)
            if (auto day = day_index(h_.runs[i].date)) order[per_day[*day]++] = i;
        return order;
    }

    void add_runs() {
        for (std::size_t i : runs_in_order()) {
            const Run& run = h_.runs[i];
            const std::size_t day = *day_index(run.date);
            auto& wk = week_of(day);
            assert(!wk.from_totals && "the loader refuses runs in a week filed by [[week]] totals");
            if (wk.from_totals) continue;
            tally_run(wk, run, i);
            if (!srpe_) daily_[day] += run.distance;
            add_session_load(wk, day, session_load(run.duration, run.rpe));
        }
    }

    void derive_metrics() {
        const DailyModels models = run_daily_models(daily_);
        const std::size_t today_index = static_cast<std::size_t>(today_ - first_day_);
        auto& weeks = *weeks_;
        for (std::size_t w = 0; w < n_weeks_; ++w) {
            auto& wk = weeks[w];
            // Prevention mode's baseline also for the weeks before an injury's onset.
            bool healthy = !h_.injury || wk.start < h_.injury->onset;
            wk.baseline = change_baseline(weeks, w, healthy);
            if (wk.baseline) wk.change = wk.distance / *wk.baseline - 1;
            wk.acwr = rolling_acwr(weeks, w);

            const std::size_t first_of_week = w * week_days;
            // The current week is read as of today, earlier weeks on their last day.
            const std::size_t read = w + 1 == n_weeks_ ? today_index : first_of_week + week_days - 1;
            if (models.chronic[read] > 0) wk.acwr_ewma = models.acute[read] / models.chronic[read];
            wk.ctl = models.ctl[read];
            wk.atl = models.atl[read];
            wk.tsb = read == 0 ? 0.0 : models.ctl[read - 1] - models.atl[read - 1];
            wk.ramp = models.ctl[read] - (read >= week_days ? models.ctl[read - week_days] : 0.0);
            strain(wk, first_of_week);
        }
    }

    // Totals say nothing about how a week's running was spread over its days, and an even
    // spread would report the maximum monotony: monotony and strain stay absent for them.
    void strain(WeekMetrics& wk, std::size_t first_of_week) const {
        if (wk.from_totals) return;
        const auto begin = daily_.begin() + static_cast<std::ptrdiff_t>(first_of_week);
        std::vector<double> week_loads(begin, begin + days_per_week);
        wk.monotony = monotony_of(week_loads);
        if (!wk.monotony) return;
        double sum = 0;
        for (double x : week_loads) sum += x;
        wk.strain = sum * *wk.monotony;
    }
};

}  // namespace

WeekMetrics empty_week(Date start, WeekStart week_start) {
    WeekMetrics wk;
    wk.start = start;
    wk.name = iso_week_name(start, week_start);
    wk.runs = 0;
    wk.long_run = 0.0;
    return wk;
}

void tally_run(WeekMetrics& wk, const Run& run, std::size_t index) {
    wk.run_indices.push_back(index);
    wk.distance += run.distance;
    wk.runs = wk.runs.value_or(0) + 1;
    wk.long_run = std::max(wk.long_run.value_or(0.0), run.distance);
    wk.descent += run.descent.value_or(0.0);
    wk.downhill += run.downhill.value_or(0.0);
    if (is_hard(run.kind)) ++wk.hard;
    take_max(wk.pain, run.pain);
    take_max(wk.pain_after, run.pain_after);
}

void tally_total(WeekMetrics& wk, const WeekTotal& total) {
    wk.from_totals = true;
    wk.totals_pos = total.pos;
    wk.distance = total.distance;
    wk.runs.reset();
    wk.long_run = total.long_run;
    wk.descent = total.descent.value_or(0.0);
    wk.downhill = total.downhill.value_or(0.0);
    wk.hard = total.hard_sessions.value_or(0);
    wk.pain = total.pain;
    wk.pain_after = total.pain_after;
}

WeeksReport compute_weeks(const History& history, Date today) {
    WeeksReport report;
    report.units = history.runner.units;
    report.load_basis = history.rules.load_basis;
    report.prevention = !history.injury;
    report.today = today;

    const auto first = history.first_entry();
    if (!first) return report;
    const Date first_day = week_start_of(*first, history.runner.week_start);
    const Date last_week_start = week_start_of(today, history.runner.week_start);
    if (last_week_start < first_day) return report;
    const std::size_t n_weeks = static_cast<std::size_t>((last_week_start - first_day) / days_per_week) + 1;
    WeeksBuilder(history, today, first_day, n_weeks).run(report);
    return report;
}

}  // namespace rkplan
