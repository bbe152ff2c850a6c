#ifndef CHARTER_SRC_CLI_COMMAND_TREE_HPP
#define CHARTER_SRC_CLI_COMMAND_TREE_HPP

// Internal to the `charter` executable: the commands and options of the
// program as plain data, read from the CLI11 app once every command is
// registered (command_tree.cpp, which includes CLI11), and what is made
// from it (shell.cpp, which does not): the completion scripts of
// `charter completion bash|zsh` and the man page of `charter man`. Nothing
// here is written by hand per command: a new command or option appears in
// all three.

#include <string>
#include <string_view>
#include <vector>

namespace charter::cli {

/// An option (`--tier TIER`) or a positional argument (`FOUNDATION`).
struct option_info {
  /// `-o`, `--output` (short names first); a positional's one name
  /// (`FOUNDATION`).
  std::vector<std::string> names;
  /// What its value is (`FILE`, `DATE`, `ID`); empty for a flag.
  std::string value;
  /// The values it accepts when they are a fixed list (`--format`).
  std::vector<std::string> choices;
  std::string help;
  bool required = false;
  /// A positional taking any number of values (`report KIND...`).
  bool many = false;

  bool flag() const noexcept { return value.empty(); }
  /// True if its value names a file (FILE, PATH, A.json B.json).
  bool takes_file() const;
};

/// A command (`join`), a group of them (`seat`), or the program itself.
struct command_info {
  std::string name;  ///< `add`; `charter` for the program
  std::string path;  ///< `seat add`; empty for the program
  std::string help;
  std::string group;  ///< the heading it is listed under in --help
  std::string footer;
  std::vector<option_info> options;
  std::vector<option_info> positionals;
  std::vector<command_info> commands;
};

/// Every command of `root`, root included, parents before their commands.
std::vector<const command_info*> all_commands(const command_info& root);

// ---- made from it (shell.cpp)

/// A bash script that completes charter's commands, options and the values
/// of options with a fixed list or a file: `source <(charter completion
/// bash)`.
std::string bash_completion(const command_info& root);

/// The same for zsh (with each command's and option's help), to source or
/// to put in `$fpath` as `_charter`.
std::string zsh_completion(const command_info& root);

/// The man page charter(1), in roff: every command with its options and
/// examples.
std::string man_page(const command_info& root, std::string_view version);

}  // namespace charter::cli

#endif
