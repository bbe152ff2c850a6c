#ifndef CHARTER_SRC_IMPORT_TEXT_HPP
#define CHARTER_SRC_IMPORT_TEXT_HPP

// Reading the text of a source file: its lines with their numbers, the
// Markdown tables in it, and the cleaning every importer needs (HTML
// entities, Markdown links and emphasis). One reader for every source, so
// that no importer keeps a regular expression of its own.

#include <charter/import.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace charter::import {

/// A whole source file in memory, with the offsets of its lines.
class source_file {
 public:
  /// @throws error naming the path when it cannot be read.
  static source_file read(const std::string& path);
  source_file(std::string name, std::string text);

  const std::string& name() const noexcept { return name_; }
  /// The last part of `name()`: a source tells its files apart by it
  /// ("sigs.yaml", "candidate-pacoxu.md").
  std::string_view file_name() const noexcept;
  const std::string& text() const noexcept { return text_; }
  std::size_t line_count() const noexcept { return starts_.size(); }
  /// Line `n` (from 1) without its line ending.
  std::string_view line(std::size_t n) const noexcept;
  /// The place of a byte offset into the text.
  source_place place(std::size_t offset) const;
  source_place place(std::size_t line, std::size_t column) const {
    return {name_, line, column};
  }
  /// The place of `part`, a view into `text()` or into a line of it.
  source_place place_of(std::string_view part) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::size_t> starts_;
};

/// A cell of a Markdown table: its text trimmed, and where it starts.
struct cell {
  std::string_view text;
  std::size_t column = 0;
};

struct table_row {
  std::size_t line = 0;
  std::vector<cell> cells;
};

/// A Markdown table: the header's cells, the rows under the delimiter row,
/// and the nearest heading above it ("" when none).
struct markdown_table {
  std::string heading;
  std::size_t line = 0;  ///< of the header row
  std::vector<std::string> header;
  std::vector<table_row> rows;

  /// The column whose header is `name` (compared folded, Markdown
  /// emphasis removed), or none.
  std::optional<std::size_t> column(std::string_view name) const;
};

/// Every table of a Markdown file, in order.
///
/// @throws import_error at the row when a row has fewer or more cells than
/// the header (a missing column).
std::vector<markdown_table> read_tables(const source_file& file);

/// The first table whose header has every one of `columns`.
/// @throws import_error at the file when there is none.
const markdown_table& table_with(
    const std::vector<markdown_table>& tables, const source_file& file,
    std::initializer_list<std::string_view> columns);

/// Markdown headings with their levels and lines.
struct heading {
  int level = 0;
  std::string text;
  std::size_t line = 0;
};
std::vector<heading> read_headings(const source_file& file);

/// A Markdown list item (`-`, `*`, `+` or `1.`): its text after the marker
/// and any task box, where that text starts, how far the marker is
/// indented (nesting), and the nearest heading above ("" when none).
struct list_item {
  std::string heading;
  std::size_t line = 0;
  std::size_t column = 0;       ///< of the text
  std::size_t indent = 0;       ///< spaces before the marker (a tab counts 4)
  std::optional<bool> checked;  ///< `[x]` or `[ ]`: a task box
  std::string_view text;        ///< trimmed, as written
};
/// Every list item of a Markdown file outside code fences, in order.
std::vector<list_item> read_list_items(const source_file& file);

/// `text` with HTML entities decoded (`&nbsp;` as a space, `&amp;`, `&#39;`,
/// `&#x2013;` and the other numeric ones).
std::string decode_entities(std::string_view text);

/// The words a reader of rendered Markdown sees: links as their text,
/// images and HTML tags dropped, emphasis and code marks removed,
/// entities decoded, runs of spaces as one, trimmed.
std::string plain_text(std::string_view markdown);

/// The target of the first Markdown link in `text`, or "".
std::string_view link_target(std::string_view text);

std::string_view trim(std::string_view s) noexcept;
/// ASCII lower case.
std::string lower(std::string_view s);
bool starts_with_folded(std::string_view s, std::string_view prefix);
/// `s` split at every `separator`, each part trimmed (empty parts kept).
std::vector<std::string_view> split(std::string_view s, char separator);

}  // namespace charter::import

#endif
