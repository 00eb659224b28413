#include "rkplan/history.hpp"
namespace rkplan {
LoadResult load_history(std::string_view, std::string_view, Date) { return {}; }
}
