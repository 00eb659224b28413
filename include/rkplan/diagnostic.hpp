#pragma once
/// \file diagnostic.hpp
/// Positions in a source text and the located errors rkplan reports about it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rkplan {

/// A 1-based line and column in a source text; columns count characters.
struct SourcePos {
    int line = 0;
    int column = 0;
    auto operator<=>(const SourcePos&) const = default;
};

/// One problem with the user's data, at a position.
struct Diagnostic {
    SourcePos pos;
    std::string message;   ///< what is wrong
    std::string expected;  ///< what is expected instead (may be empty)
    bool excerpt = true;   ///< false: no source line under it (a file that is not UTF-8 text)
    bool operator==(const Diagnostic&) const = default;
};

/// The most diagnostics reported for one file; the rest are counted.
inline constexpr std::size_t max_reported_diagnostics = 20;

/// Renders diagnostics like a compiler, sorted by position:
///
///     sam.toml:12:12: error: distance must be greater than 0, got -5; expected a distance in km above 0
///        12 | distance = -5
///           |            ^
///
/// At most `max_reported_diagnostics` are shown, then one line counting the rest. Control
/// characters in the message, the excerpt and the name are shown escaped (`display_text`).
std::string format_diagnostics(std::string_view source_name, std::string_view text,
                               std::vector<Diagnostic> diagnostics);

/// The text of 1-based line `line` of `text`, without its line ending.
std::string_view source_line(std::string_view text, int line);

}  // namespace rkplan
