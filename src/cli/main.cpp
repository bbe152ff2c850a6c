// charter: keep a registry of foundations, members, boards and projects
// from the shell (the program is cli/run.cpp).
#include <cstdio>
#include <exception>

#include "cli/run.hpp"
#include "cli/session.hpp"

int main(int argc, char** argv) {
  try {
    return charter::cli::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "charter: internal error: %s\n", e.what());
  } catch (...) {
    std::fputs("charter: internal error\n", stderr);
  }
  return charter::cli::exit_failure;
}
