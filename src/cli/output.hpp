#ifndef CHARTER_SRC_CLI_OUTPUT_HPP
#define CHARTER_SRC_CLI_OUTPUT_HPP

// Internal to the `charter` executable: aligned text tables and the JSON
// values the query commands print with `--format json`, where output goes
// (standard output or a file) and input comes from, how much a run says
// (--quiet, --verbose) and whether it says it in colour (--color,
// NO_COLOR).

#include <charter/date.hpp>

#include <boost/json/value.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace charter::cli {

// ---- how much a run says, and in which colours

/// How much a run says besides its output (`--quiet`, `--verbose`).
enum class verbosity { quiet, normal, verbose };

/// Whether to colour (`--color`): `auto` colours a stream that is a
/// terminal, unless NO_COLOR is set and not empty or TERM is `dumb`.
enum class colour_mode { automatic, always, never };

/// Sets both for the rest of the run (cli::run calls it once parsed).
void configure_output(verbosity v, colour_mode c);

bool quiet() noexcept;
bool verbose() noexcept;

/// What a command that changes something says it did, on standard output
/// ("join arm pytorch-foundation general 2023-03-01"): nothing with
/// --quiet. Commands that answer a question write their answer with
/// `write_output` instead, whatever the verbosity.
void tell(std::string_view text);

/// A note on stderr, `charter: TEXT` (which record an alias named):
/// nothing with --quiet.
void note(std::string_view text);

/// A detail on stderr, `charter: TEXT` (the database used, timings): only
/// with --verbose.
void detail(std::string_view text);

/// The styles the CLI colours with: errors, warnings, a record added,
/// removed or changed.
enum class style { plain, error, warning, added, removed, changed };

enum class stream { out, err };

/// `text` in `s`'s colour when `to` is coloured, else `text` unchanged.
std::string paint(std::string_view text, style s, stream to = stream::out);

// ---- text

/// Text safe to print on a terminal: control characters (a stray escape
/// sequence in a name) are shown as `\n`, `\t`, `\x1b`.
std::string visible(std::string_view text);

/// Columns aligned with two spaces between them, like `ps` or `kubectl get`:
/// a header row in capitals, then one row per record. Cells are made
/// visible; the last column is not padded.
class table {
 public:
  explicit table(std::vector<std::string> headers);
  /// A row; `styles` (one per cell, or fewer) colours cells when standard
  /// output is coloured, without moving the columns.
  void row(std::vector<std::string> cells, std::vector<style> styles = {});
  bool empty() const noexcept { return rows_.empty(); }
  std::string str() const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::vector<style>> styles_;
};

/// `2022-09-12`, or `-` for none.
std::string text_of(const std::optional<date>& d);

/// A date as a JSON string, or null.
boost::json::value json_of(const std::optional<date>& d);

/// `value` serialised on one line, plus a newline.
std::string json_line(const boost::json::value& value);

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
