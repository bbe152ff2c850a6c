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
#include <string_view>

namespace charter::cli {

/// Exit codes: 0 done, 1 `check` found an error, 2 bad usage or input, 75
/// busy: another writer held the database past --busy-timeout (75 is
/// sysexits.h's EX_TEMPFAIL, a temporary failure: a script may retry).
enum exit_code : int {
  exit_ok = 0,
  exit_findings = 1,
  exit_failure = 2,
  exit_busy = 75
};

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
  /// `--busy-timeout`: how long to wait for another writer, in seconds.
  long long busy_timeout_seconds = 5;
  /// `--durable`: every commit synced to disk before it returns.
  bool durable = false;
  /// `-q`/`--quiet` and `-v`/`--verbose` (cli/output.hpp's verbosity).
  bool quiet = false;
  bool verbose = false;
  /// `--color`: auto, always or never.
  std::string color = "auto";
  /// The command being run, for messages: `join`, `seat add`.
  std::string command;
  /// `--dry-run` of a change: say what it would do, and write nothing.
  bool dry_run = false;
  /// `--format` of a change (`text` or `json`).
  std::string change_format = "text";

  /// The database file this run uses.
  std::filesystem::path db_path() const;

  /// Says which database this run uses and why, with --verbose
  /// (`charter: database: /abs/registry.db (SQLite, from $CHARTER_DB)`).
  void say_db(std::string_view kind) const;

  /// The options an SQLite database of this run is opened with.
  charter::sqlite_store::options sqlite_options(bool write, bool create) const;

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
