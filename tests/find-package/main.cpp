// Loads a history from a string with the installed library and prints what it found.
#include <cstdio>

#include <rkplan/history.hpp>

int main() {
    constexpr char text[] = R"(
[runner]
name = "Sam"

[[run]]
date = 2026-10-06
distance = 5.2

[[run]]
date = 2026-10-08
distance = 6.0
pain = 0
)";
    auto today = rkplan::Date::parse("2026-11-21");
    if (!today) return 2;
    auto result = rkplan::load_history(text, "consumer.toml", *today);
    if (!result.ok()) {
        std::printf("invalid: %zu diagnostics\n", result.diagnostics.size());
        return 1;
    }
    std::printf("runs: %zu\n", result.history->runs.size());
    std::printf("rkplan %s\n", RKPLAN_VERSION);
    return 0;
}
