// `rkplan check FILE...`: histories against the load rules, like a compiler; with --next,
// a proposed distance for next week judged.
#include <algorithm>
#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "command.hpp"
#include "formats.hpp"
#include "io.hpp"
#include "rkplan/assess.hpp"
#include "rkplan/check.hpp"
#include "rkplan/plan.hpp"

namespace rkplan::cli {

namespace {

class CheckCommand final : public Handler {
public:
    explicit CheckCommand(Command& check) {
        check.option("FILE", files_, "History files, or - for standard input").required();
        check.option("--next", next_, "Judge a proposed distance for next week");
        check.option("--next-downhill", next_downhill_, "... with this much downhill distance");
        check.option("--next-descent", next_descent_, "... and this much descent (m or ft)");
        check.today("The date to check up to (YYYY-MM-DD; default: the system date)");
        check.option("--fail-on", fail_on_, "Exit 1 on findings at or above: error (default), warning or info")
            .one_of({"error", "warning", "info"});
        check.format();
        check.width();
        check.footer(fmt::format("Exit status: 0 no finding at or above --fail-on (with --next: the week is ok); 1 a "
                                 "finding at or above --fail-on (with --next: the week is not ok); {}\n{}",
                                 usage_statuses, guidance));
    }

    int run(const Context& context) override {
        auto today = context.today();
        validate();
        const auto& output = context.output();
        for (const auto& path : files_) check_file(path, today, output.shape);
        report(output, context.style());
        if (invalid_) return Exit::bad_input;
        if (verdict_) return verdict_->ok ? Exit::ok : Exit::findings;
        auto threshold = fail_on_severity(fail_on_);
        for (const auto& r : results_)
            for (const auto& f : r.findings)
                if (f.severity >= threshold) return Exit::findings;
        return Exit::ok;
    }

private:
    std::vector<std::string> files_;
    std::string next_, next_downhill_, next_descent_;
    std::string fail_on_ = "error";
    // What the run found.
    std::vector<FileFindings> results_;
    std::optional<NextVerdict> verdict_;
    bool invalid_ = false;  // a file did not load
    bool checked_ = false;  // a file loaded

    void validate() const {
        if (!next_.empty() && files_.size() != 1)
            throw UsageError("--next", "judges one history: give exactly one FILE");
        if (next_.empty() && (!next_downhill_.empty() || !next_descent_.empty()))
            throw UsageError(next_downhill_.empty() ? "--next-descent" : "--next-downhill", "goes with --next DISTANCE");
        if (std::count(files_.begin(), files_.end(), "-") > 1)
            throw UsageError("FILE", "standard input ('-') can be read only once");
    }

    // One file's findings, or the errors that kept it from loading: reported, and the
    // other files still checked. Only a JSON document keeps the errors off standard error.
    void check_file(const std::string& path, Date today, Shape shape) {
        FileFindings ff;
        ff.file = display_name(path);
        std::string text;
        try {
            text = read_input(path);
        } catch (const EnvironmentError& e) {
            invalid_ = true;
            if (shape != Shape::document) say(e.what());
            ff.errors.push_back({{0, 0}, e.what(), "a readable file"});
            results_.push_back(std::move(ff));
            return;
        }
        auto loaded = load_history(text, ff.file, today);
        if (!loaded.ok()) {
            invalid_ = true;
            if (shape != Shape::document)
                std::fputs(format_diagnostics(ff.file, text, loaded.diagnostics).c_str(), stderr);
            ff.errors = std::move(loaded.diagnostics);
            results_.push_back(std::move(ff));
            return;
        }
        const auto& h = *loaded.history;
        checked_ = true;
        ff.units = h.runner.units;
        auto assessment = assess(h, today);
        if (!next_.empty()) judge_next(h, today, assessment);
        ff.findings = std::move(assessment.findings);
        results_.push_back(std::move(ff));
    }

    void judge_next(const History& h, Date today, const Assessment& assessment) {
        verdict_ = judge_next_week(h, today, parse_amount("--next", next_),
                                   next_downhill_.empty() ? 0 : parse_amount("--next-downhill", next_downhill_),
                                   next_descent_.empty() ? 0 : parse_amount("--next-descent", next_descent_));
        explain_plan_difference(*verdict_, h, today, &assessment);
    }

    void report(const OutputFormat& output, TextStyle style) const {
        auto format = std::get<Format>(output.renders);
        auto text = render_findings(results_, format, style, verdict_ ? &*verdict_ : nullptr);
        // Nothing on standard output when no file loaded, except the errors of JSON and JSON
        // Lines; the text summary then goes with the errors, to standard error.
        if (checked_ || output.shape == Shape::document || output.shape == Shape::lines)
            write_stdout(text);
        else if (output.shape == Shape::text)
            std::fputs(text.c_str(), stderr);
        // CSV and TSV keep one table on standard output: the verdict goes to standard error.
        if (verdict_ && output.shape == Shape::table)
            std::fputs(render_next(*verdict_, results_.front().units).c_str(), stderr);
    }
};

}  // namespace

std::unique_ptr<Handler> declare_check(Command& command) { return std::make_unique<CheckCommand>(command); }

}  // namespace rkplan::cli
