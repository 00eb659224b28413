// rkplan-generate: writes a generated training history to standard output.
//   rkplan-generate [--years N | --weeks N] [--seed S] [--injury]
// The same arguments give the same text, byte for byte. Check and plan it with
// --today 2026-11-21 (bench/generator.hpp: `today`).
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "generator.hpp"

namespace {

int usage() {
    std::fputs("usage: rkplan-generate [--years N (1-120, default 20) | --weeks N (4-520)] [--seed S (default 1)] [--injury]\n", stderr);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    rkplan::bench::GeneratorOptions options;
    try {
        for (int i = 1; i < argc; ++i) {
            std::string_view arg = argv[i];
            if (arg == "--injury") {
                options.injury = true;
            } else if ((arg == "--years" || arg == "--weeks" || arg == "--seed") && i + 1 < argc) {
                std::string value = argv[++i];
                std::size_t used = 0;
                auto n = std::stoull(value, &used);
                if (used != value.size()) return usage();
                if (arg == "--seed") options.seed = n;
                else if (arg == "--weeks") options.weeks = n >= 4 && n <= 520 ? static_cast<int>(n) : -1;
                else if (n < 1 || n > 120) return usage();
                else options.years = static_cast<int>(n);
                if (options.weeks < 0) return usage();
            } else {
                return usage();
            }
        }
        auto text = rkplan::bench::generate_history(options);
        return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() && std::fflush(stdout) == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rkplan-generate: %s\n", e.what());
        return usage();
    }
}
