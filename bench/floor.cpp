// rkplan-floor: the least any history reader must do, for comparison with `rkplan check`:
// read the file, parse it with toml++, and read each run's date and distance. Nothing
// is validated and nothing is computed beyond a checksum, printed so that the work is done.
//   rkplan-floor [--batches] FILE...
// --batches parses the text as rkplan does, in the batches of split.hpp (head, then entries
// a few kilobytes at a time) instead of whole: the floor of rkplan's own way of reading.
#include <cstdio>
#include <cstring>
#include <string>

#include "floor.hpp"

int main(int argc, char** argv) {
    bool batches = argc > 1 && std::strcmp(argv[1], "--batches") == 0;
    if (argc < 2 + batches) {
        std::fputs("usage: rkplan-floor [--batches] FILE...\n", stderr);
        return 2;
    }
    rkplan::bench::FloorTally tally;
    for (int i = 1 + batches; i < argc; ++i) {
        // Read as rkplan reads: the whole file, 64 KiB at a time.
        std::FILE* in = std::fopen(argv[i], "rb");
        if (!in) {
            std::fprintf(stderr, "rkplan-floor: cannot read '%s'\n", argv[i]);
            return 2;
        }
        std::string text;
        char buffer[65536];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, in)) > 0;) text.append(buffer, n);
        std::fclose(in);
        try {
            rkplan::bench::read_floor(text, argv[i], batches, tally);
        } catch (const toml::parse_error& e) {
            std::fprintf(stderr, "rkplan-floor: %s: %.*s\n", argv[i], static_cast<int>(e.description().size()),
                         e.description().data());
            return 2;
        }
    }
    std::printf("%ld runs, %.1f km (%ld)\n", tally.runs, tally.distance, tally.days);
    return 0;
}
