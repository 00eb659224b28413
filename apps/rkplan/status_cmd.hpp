#pragma once
// `rkplan status FILE...`: the coach's board.

#include <string>
#include <vector>

#include "rkplan/date.hpp"
#include "rkplan/render.hpp"
#include "rkplan/status.hpp"

namespace rkplan::cli {

struct StatusCommand {
    std::vector<std::string> files;  ///< "-" is standard input, once
    int stale_days = default_stale_days;
    Format format = Format::text;
    bool colour = false;
};

/// Runs `rkplan status`; returns the exit status: 2 if a file is unreadable or invalid
/// (its row says so, the others are all shown), else 0.
int run_status(const StatusCommand& command, Date today);

}  // namespace rkplan::cli
