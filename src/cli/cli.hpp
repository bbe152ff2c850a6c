#ifndef CHARTER_SRC_CLI_CLI_HPP
#define CHARTER_SRC_CLI_CLI_HPP

// Internal to the `charter` executable: what the command files share.
// Each commands_*.cpp registers its subcommands on the root CLI11 app and
// the action to run for each; main.cpp parses, dispatches and turns every
// exception into a message on stderr and an exit code.

#include <charter/date.hpp>
#include <charter/registry.hpp>
#include <charter/store.hpp>

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// What to run for each leaf command.
class command_table {
 public:
  void add(const CLI::App* app, std::function<int()> run) {
    actions_.emplace_back(app, std::move(run));
  }
  const std::function<int()>* find(const CLI::App* app) const {
    for (const auto& [a, run] : actions_)
      if (a == app) return &run;
    return nullptr;
  }

 private:
  std::vector<std::pair<const CLI::App*, std::function<int()>>> actions_;
};

/// What a commands_*.cpp file needs to register its commands.
struct registrar {
  CLI::App& root;
  session& s;
  command_table& commands;
};

void add_data_commands(registrar& r);  // init, import, export, check, report
void add_mutation_commands(
    registrar& r);  // org, person, affiliate, join, ..., transfer
void add_query_commands(registrar& r);  // members, board, whois, log

// ---- arguments (args.cpp)

/// Adds `--db PATH` to `app`, bound to the session.
void add_db_option(CLI::App* app, session& s);

/// Adds a date option (`YYYY-MM-DD` or `today`), checked while parsing.
CLI::Option* add_date_option(CLI::App* app, const std::string& name,
                             std::string& value,
                             const std::string& description);
/// The same check, for a positional or an option added by hand.
CLI::Validator date_check();

/// Checks that a value is one of `names`, suggesting the closest one.
CLI::Validator one_of(std::vector<std::string> names);

/// Checks that a value is a whole number in [min, max] (before CLI11
/// converts it, so that the message names the value).
CLI::Validator whole_number(long long min, long long max);

/// Adds `--format` with the given choices (the first is the default).
CLI::Option* add_format_option(CLI::App* app, std::string& value,
                               std::vector<std::string> choices);

/// Parses a date argument already checked by `date_check` (`today` is
/// today in UTC).
date parse_date_arg(std::string_view text);
std::optional<date> parse_date_arg(const std::string& text, bool optional);

/// Adds `--actor` and `--reason` (mutations and imports record them).
void add_audit_options(CLI::App* app, charter::audit_info& who);

/// The help footer for a command: its examples, one per line.
std::string examples(std::initializer_list<std::string_view> lines);

// ---- suggestions (suggest.cpp)

/// The candidate closest to `word` when it is close enough to be a likely
/// typo (or the only candidate `word` is a prefix of); empty otherwise.
std::string closest(std::string_view word,
                    const std::vector<std::string>& candidates);

/// ` (did you mean 'x'?)`, or nothing when no candidate is close.
std::string did_you_mean(std::string_view word,
                         const std::vector<std::string>& candidates);

/// The ids of every record of `kind` ("organization", "person",
/// "foundation", "project", "body") in `reg`.
std::vector<std::string> ids_of_kind(const charter::registry& reg,
                                     std::string_view kind);

// ---- lookups with good messages (suggest.cpp)

const organization& need(const charter::registry& reg, const org_id& id);
const person& need(const charter::registry& reg, const person_id& id);
const foundation& need(const charter::registry& reg, const foundation_id& id);
const project& need(const charter::registry& reg, const project_id& id);
const body& need(const charter::registry& reg, const body_id& id);
const tier& need_tier(const foundation& f, const tier_id& t);
const seat_class& need_class(const body& b, const seat_class_id& c);

// ---- output (output.cpp)

/// Writes `text` to standard output (`file` empty or `-`) or to `file`,
/// atomically (a temporary file in the same folder, then renamed).
/// @throws usage_error when it cannot be written.
void write_output(std::string_view text, const std::string& file);

/// Flushes standard output. @throws usage_error when it failed (disk full).
void finish_stdout();

/// The stream to read `file` from (opened in `storage`), or standard input
/// for `-`. @throws usage_error naming the file when it cannot be opened.
std::istream& open_input(const std::string& file, std::ifstream& storage);

}  // namespace charter::cli

#endif
