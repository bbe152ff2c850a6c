#ifndef CHARTER_SRC_CLI_RUN_HPP
#define CHARTER_SRC_CLI_RUN_HPP

// Internal to the `charter` executable: the whole program but main(), so
// that the fuzz target for its command line (tests/fuzz/command_line.cpp)
// drives the same parsing and the same messages.

namespace charter::cli {

enum class run_mode {
  run,         ///< parse the command line, then run the command
  parse_only,  ///< stop after parsing: exit_ok when the command would run
};

/// The program: parses `argv`, runs the command, reports any failure on
/// stderr, and returns the exit status.
int run(int argc, char** argv, run_mode mode = run_mode::run);

}  // namespace charter::cli

#endif
