#pragma once
/// \file generator.hpp
/// Realistic, reproducible training histories of any length, for the benchmarks.

#include <cstdint>
#include <string>
#include <string_view>

namespace rkplan::bench {

/// The day the generated histories are checked and planned from (`--today`): the last
/// entry is dated the day before.
inline constexpr std::string_view today = "2026-11-21";

struct GeneratorOptions {
    int years = 20;           ///< length of the history (1-120), ending the day before `today`
    int weeks = 0;            ///< if set (4-520): the length in weeks instead, such as a return to running in progress
    std::uint64_t seed = 1;   ///< same seed and C library (std::sin), same text, byte for byte
    bool injury = false;      ///< start with an [injury] and its return-to-run phases
};

/// A history of near-daily running as a TOML text: every [[run]] field (run-walk sessions
/// with run_walk included), check-ins, strength sessions, cross-training and shoes, with
/// the rare rule breaks real logs have (a pain signal and its pullback, an occasional
/// too-big week, a red flag seen by a clinician, worn shoes). 20 years hold about 6,300
/// runs and 1.2 MB. It loads without a diagnostic.
std::string generate_history(const GeneratorOptions& options);

}  // namespace rkplan::bench
