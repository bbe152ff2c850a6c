#ifndef CHARTER_SRC_REPORT_DOCUMENT_HPP
#define CHARTER_SRC_REPORT_DOCUMENT_HPP

// Internal to the report sources. A report model is turned into a
// `document` (plain text only: headings, lines, tables) once, by
// `to_document` in the report's own file (roster.cpp...); the text,
// Markdown, CSV and HTML writers (text.cpp, markdown.cpp, csv.cpp,
// html.cpp) render any document, escaping every string they are given.
// JSON and SVG are written from the models directly (json.cpp, svg.cpp).

#include <charter/fwd.hpp>
#include <charter/money.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace charter::detail {

struct doc_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  ///< per column: right-aligned in text
  std::string empty;          ///< said instead of a table with no rows
  /// Per row, for HTML: "vacant", "total", "error"... (see `add`).
  std::vector<std::string> row_classes;
  /// Per column of a CSV table: numbers the report writes itself (counts,
  /// ranks, amounts), which the formula guard leaves as they are (csv.cpp).
  std::vector<bool> numbers;

  /// Marks the columns of these header names as `numbers`.
  void number_columns(std::initializer_list<std::string_view> names) {
    numbers.resize(header.size());
    for (std::size_t c = 0; c < header.size(); ++c)
      for (const auto name : names)
        if (header[c] == name) numbers[c] = true;
  }
  /// Per row and column, for HTML: the (relative) address the cell links
  /// to, or empty (see `link`); the site's pages use it (src/site).
  std::vector<std::vector<std::string>> links;

  void add(std::vector<std::string> row, std::string cls = {}) {
    rows.push_back(std::move(row));
    row_classes.resize(rows.size());
    row_classes.back() = std::move(cls);
  }
  /// Makes cell `column` of the last row added a link to `href`.
  void link(std::size_t column, std::string href) {
    links.resize(rows.size());
    auto& row = links.back();
    if (row.size() <= column) row.resize(column + 1);
    row[column] = std::move(href);
  }
};

struct doc_section {
  std::string heading;
  std::vector<std::string> lines;  ///< before the table
  std::optional<doc_table> table;
  std::vector<std::string> notes;  ///< after the table
  std::string id;  ///< for HTML: the section's id (an anchor), or empty
};

struct document {
  std::string kind;  ///< "roster"..., for the HTML page's classes
  std::string title;
  std::vector<std::string> intro;
  std::vector<doc_section> sections;
  doc_table flat;   ///< the CSV rendering: one table for the whole report
  std::string svg;  ///< a chart embedded in the HTML page, or empty
};

// The writers, one file each (text.cpp, markdown.cpp, csv.cpp, html.cpp).
std::string render_text(const document& d);
std::string render_markdown(const document& d);
/// `raw`: no formula guard (render_options::csv_raw).
std::string render_csv(const doc_table& t, bool raw);
std::string render_html(const std::vector<document>& docs);
/// The HTML page's stylesheet, one section and one document as the page
/// writes them (`<section>`, `<article>`): for the site's pages (src/site),
/// which share the reports' look.
std::string_view html_style() noexcept;
/// `id`: the article's; `contents`: markup put under its title (a page's
/// table of contents).
std::string html_section(const doc_section& s);
std::string html_article(const document& d, std::string_view id = {},
                         std::string_view contents = {});

// Each report as a document, in the report's own file (roster.cpp...).
document to_document(const roster_report& r);
document to_document(const board_report& r);
document to_document(const changes_report& r);
document to_document(const dues_report& r);
document to_document(const compliance_report& r);
document to_document(const timeline_report& r);
document to_document(const count_result& r);  // count.cpp

// Wording the reports' documents share (document.cpp).

/// `1 member`, `3 members`: of any count, a size or an int.
template <class Count>
std::string report_plural(Count n, std::string_view one,
                          std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}
/// An amount in cents as text, Markdown and HTML show it: thousands
/// grouped, with its currency when there is one (`4,000,000.00 USD`). CSV
/// and JSON write `format_amount`'s exact digits (`4000000.00`).
std::string report_cents_text(std::int64_t cents, const std::string& currency);
/// `report_cents_text` of an amount of money.
std::string report_money_text(const money& m);
/// The cents of an amount; 0 for none (what a tier without a fee owes).
std::int64_t report_cents(const std::optional<money>& m) noexcept;

}  // namespace charter::detail

#endif
