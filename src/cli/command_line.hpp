#ifndef CHARTER_SRC_CLI_COMMAND_LINE_HPP
#define CHARTER_SRC_CLI_COMMAND_LINE_HPP

// Internal to the `charter` executable, and the only header that includes
// CLI11 (heavy): included by command_line.cpp, which registers every
// command on the root CLI11 app with its options bound to a plain struct
// (cli/args.hpp) and the function to run (cli/commands.hpp), by run.cpp,
// which parses, dispatches and turns every exception into a message on
// stderr and an exit code, and by command_tree.cpp, which reads the app
// into plain data for completion and the man page.

#include <CLI/CLI.hpp>

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/session.hpp"

namespace charter::cli {

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

/// What registering commands needs: the root app, the session their
/// options and actions share, and the table the actions go in.
struct registrar {
  CLI::App& root;
  session& s;
  command_table& commands;
};

struct command_info;  // cli/command_tree.hpp

// The commands, in the order of `charter --help` (command_line.cpp).
void add_data_commands(registrar& r);  // init, import, export, check, report
void add_mutation_commands(
    registrar& r);  // org, person, affiliate, join, ..., transfer
void add_query_commands(registrar& r);  // members, board, whois, log
// completion, man (command_tree.cpp): made from every command registered.
void add_shell_commands(registrar& r);

/// The commands and options of `root` as plain data (command_tree.cpp).
command_info describe_commands(const CLI::App& root);
// update, remove, merge, revert, backup (command_line_edit.cpp)
void add_edit_commands(registrar& r);
// election count (command_line_election.cpp)
void add_election_commands(registrar& r);

// ---- options (command_line.cpp)

/// Adds the options every command takes, bound to the session: those of
/// `add_output_options`, `--db PATH`, `--busy-timeout SECONDS`, `--durable`.
void add_db_options(CLI::App* app, session& s);

/// Adds `-q/--quiet`, `-v/--verbose` and `--color WHEN` (for the commands
/// that use no database: help, completion, man).
void add_output_options(CLI::App* app, session& s);

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

/// Adds `--actor` and `--reason` (mutations and imports record them).
void add_audit_options(CLI::App* app, charter::audit_info& who);

/// Adds `-n/--dry-run` and `--format text|json`, bound to the session
/// (every command that changes the registry has them).
void add_change_options(CLI::App* app, session& s);

/// The help footer for a command: its examples, one per line.
std::string examples(std::initializer_list<std::string_view> lines);

}  // namespace charter::cli

#endif
