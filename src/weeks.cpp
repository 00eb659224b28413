#include "rkplan/weeks.hpp"
