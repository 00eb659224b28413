// `rkplan explain [RULE]`: each rule and [rules] parameter, its default, source and evidence.
#include <fmt/format.h>

#include "command.hpp"
#include "io.hpp"
#include "rkplan/explain.hpp"
#include "rkplan/text.hpp"

namespace rkplan::cli {

namespace {

class ExplainCommand final : public Handler {
public:
    explicit ExplainCommand(Command& explain) {
        explain.option("RULE", name_, "A rule id or [rules] key; all of them if omitted");
        explain.footer(
            fmt::format("Exit status: 0 the explanation is printed; 2 no such rule or parameter.\n{}", guidance));
    }

    int run(const Context&) override {
        if (name_.empty()) {
            write_stdout(render_explanation_index());
        } else if (auto* e = find_explanation(name_)) {
            write_stdout(render_explanation(*e));
        } else {
            std::vector<std::string_view> names;
            for (const auto& x : explanations()) names.push_back(x.name);
            auto best = nearest_name(name_, names);
            say(fmt::format("no rule or parameter named '{}'{}; 'rkplan explain' lists them", name_,
                            best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
            return Exit::bad_input;
        }
        return Exit::ok;
    }

private:
    std::string name_;
};

}  // namespace

std::unique_ptr<Handler> declare_explain(Command& command) { return std::make_unique<ExplainCommand>(command); }

}  // namespace rkplan::cli
