#pragma once
// Text that fits a terminal's width (TextStyle::width): word wrapping and tables whose
// columns are folded under their row. Internal to the renderers.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rkplan::fit {

/// The lines of a terminal's first screen, on which a report's most needed lines stay.
inline constexpr std::size_t first_screen_lines = 24;

/// The width to fit for `width` (TextStyle::width): 0 for none (the full layout), else at
/// least min_fit_width.
std::size_t columns(int width);

/// `text` word-wrapped to `width` columns (display width), the first line starting with
/// `first`, the others with `rest`; a word longer than a line is cut. Each line ends with
/// a line break. `width` 0: one line, as it is.
std::string wrap(std::string_view text, std::size_t width, std::string_view first, std::string_view rest);

/// A table whose least needed columns fold under their row when it is too wide.
struct Table {
    std::vector<std::string> headers;
    /// How a folded cell is named under its row ("strength 3"); `headers` where empty.
    std::vector<std::string> labels;
    /// The order in which columns fold, least needed first (indexes into `headers`);
    /// the columns not listed never fold.
    std::vector<std::size_t> fold_order;
    std::vector<std::vector<std::string>> rows;
    /// Text under each row (such as a plan week's "next"), shown wrapped below it after
    /// the folded cells; empty for none.
    std::vector<std::string> under;
    std::string indent = "  ";
    /// Before the folded cells that are the same in every row, shown once after the
    /// table instead ("every week: strength 2").
    std::string common_label = "every row:";

    /// The table in `width` columns: every column on one line per row if it fits, else
    /// columns folded in `fold_order` until it does, each folded cell shown under its
    /// row as "label value" (or once after the table if the same in every row), then the
    /// row's `under` text.
    std::string render(std::size_t width) const;
};

}  // namespace rkplan::fit
