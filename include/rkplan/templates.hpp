#pragma once
/// \file templates.hpp
/// The commented history template written by `rkplan init`.

#include <string_view>

namespace rkplan {

/// A commented history file that loads cleanly: the [runner] table with its defaults,
/// and every other table and entry described in comments, so the template documents
/// the format without inventing training.
std::string_view history_template();

}  // namespace rkplan
