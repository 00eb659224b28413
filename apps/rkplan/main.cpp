#include "cli.hpp"

int main(int argc, char** argv) { return rkplan::cli::run(argc, argv); }
