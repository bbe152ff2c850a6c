#ifndef CHARTER_SRC_CLI_SESSION_HPP
#define CHARTER_SRC_CLI_SESSION_HPP

// Internal to the `charter` executable: what every command of one run
// shares: the exit codes, usage_error, and the session (the database the
// run uses). No CLI11 here: only cli/command_line.hpp and main.cpp see it.

#include <charter/registry.hpp>
#include <charter/store.hpp>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace charter::cli {

/// Exit codes: 0 done, 1 `check` found an error, 2 bad usage or input.
enum exit_code : int { exit_ok = 0, exit_findings = 1, exit_failure = 2 };

/// Something the user asked for cannot be done: the message (one line, or
/// several) is printed after `charter: COMMAND: ` and the exit code is 2.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// State shared by every command of one run.
class session {
 public:
  /// `--db`; empty means `$CHARTER_DB`, else `./charter.db`.
  std::string db_option;
  /// The command being run, for messages: `join`, `seat add`.
  std::string command;

  /// The database file this run uses.
  std::filesystem::path db_path() const;

  /// Opens the existing database (a `.json` file is an interchange
  /// document, anything else SQLite). Read-only unless `write`.
  /// @throws usage_error when there is no database there.
  charter::database& open(bool write);

  /// The registry, when a database was opened (for suggestions in messages).
  const charter::registry* registry() const noexcept {
    return db_ ? &db_->registry() : nullptr;
  }

 private:
  std::optional<charter::database> db_;
};

}  // namespace charter::cli

#endif
