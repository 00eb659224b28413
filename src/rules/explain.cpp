#include "rkplan/explain.hpp"

#include <fmt/format.h>

#include "rkplan/registry.hpp"

namespace rkplan {

namespace {

// Every entry is read from the registry: rules first, then parameters, each in docs/manual/rules.md's order.
std::vector<Explanation> build() {
    std::vector<Explanation> out;
    for (const auto& r : rule_registry())
        out.push_back({r.name, "rule", std::string(r.severity), r.summary, r.source, r.evidence});
    for (const auto& p : param_registry())
        out.push_back({p.key, "parameter", param_default(p), p.summary, p.source, p.evidence});
    return out;
}

}  // namespace

const std::vector<Explanation>& explanations() {
    // Built on first use: the registry's tables are other translation units' statics.
    static const std::vector<Explanation> all = build();
    return all;
}

const Explanation* find_explanation(std::string_view name) {
    for (const auto& e : explanations())
        if (e.name == name) return &e;
    return nullptr;
}

namespace {

// Wraps prose at 78 columns behind an indent.
std::string wrap(std::string_view text, std::string_view indent) {
    std::string out, line(indent);
    std::size_t i = 0;
    while (i < text.size()) {
        auto space = text.find(' ', i);
        auto word = text.substr(i, space == std::string_view::npos ? std::string_view::npos : space - i);
        if (line.size() > indent.size() && line.size() + 1 + word.size() > 78) {
            out += line + '\n';
            line = indent;
        }
        if (line.size() > indent.size()) line += ' ';
        line += word;
        if (space == std::string_view::npos) break;
        i = space + 1;
    }
    return out + line + '\n';
}

}  // namespace

std::string render_explanation_index() {
    std::string out = "Rules (check findings), with their severity and source:\n";
    bool params = false;
    for (const auto& e : explanations()) {
        if (e.kind == "parameter" && !params) {
            out += "\nParameters ([rules] keys), with their defaults and sources:\n";
            params = true;
        }
        out += fmt::format("  {:<22} {}\n", e.name, e.fallback);
        out += wrap(fmt::format("source: {}", e.source), std::string(25, ' '));
    }
    out += "\n'rkplan explain NAME' tells what a rule or parameter does and what the research says\n"
           "about it.\n";
    return out;
}

std::string render_explanation(const Explanation& e) {
    std::string out = fmt::format("{} ({}; {} {})\n\n", e.name, e.kind, e.kind == "rule" ? "severity" : "default",
                                  e.fallback);
    out += wrap(e.summary, "  ");
    // Appended in two steps: "\n" + string trips GCC 12's -Wrestrict false positive at -O3.
    out += '\n';
    out += wrap(fmt::format("Source: {}.", e.source), "  ");
    if (!e.evidence.empty()) {
        out += '\n';
        out += wrap(fmt::format("Evidence: {}", e.evidence), "  ");
    }
    return out;
}

}  // namespace rkplan
