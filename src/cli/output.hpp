#ifndef CHARTER_SRC_CLI_OUTPUT_HPP
#define CHARTER_SRC_CLI_OUTPUT_HPP

// Internal to the `charter` executable: aligned text tables and the JSON
// values the query commands print with `--format json`, and where output
// goes (standard output or a file) and input comes from.

#include <charter/date.hpp>

#include <boost/json/value.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace charter::cli {

/// Text safe to print on a terminal: control characters (a stray escape
/// sequence in a name) are shown as `\n`, `\t`, `\x1b`.
std::string visible(std::string_view text);

/// Columns aligned with two spaces between them, like `ps` or `kubectl get`:
/// a header row in capitals, then one row per record. Cells are made
/// visible; the last column is not padded.
class table {
 public:
  explicit table(std::vector<std::string> headers);
  void row(std::vector<std::string> cells);
  bool empty() const noexcept { return rows_.empty(); }
  std::string str() const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
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
