#ifndef CHARTER_SRC_REPORT_REPORT_DETAIL_HPP
#define CHARTER_SRC_REPORT_REPORT_DETAIL_HPP

// Internal to the report sources. A report model is turned into a
// `document` (plain text only: headings, lines, tables) once; the text,
// Markdown, CSV and HTML writers render any document, escaping every string
// they are given. JSON and SVG are written from the models directly.

#include <charter/report.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace charter::detail {

struct doc_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  ///< per column: right-aligned in text
  std::string empty;          ///< said instead of a table with no rows
  /// Per row, for HTML: "vacant", "total", "error"... (see `add`).
  std::vector<std::string> row_classes;

  void add(std::vector<std::string> row, std::string cls = {}) {
    rows.push_back(std::move(row));
    row_classes.resize(rows.size());
    row_classes.back() = std::move(cls);
  }
};

struct doc_section {
  std::string heading;
  std::vector<std::string> lines;  ///< before the table
  std::optional<doc_table> table;
  std::vector<std::string> notes;  ///< after the table
};

struct document {
  std::string kind;  ///< "roster"..., for the HTML page's classes
  std::string title;
  std::vector<std::string> intro;
  std::vector<doc_section> sections;
  doc_table flat;   ///< the CSV rendering: one table for the whole report
  std::string svg;  ///< a chart embedded in the HTML page, or empty
};

// Escaping, one function per format.
std::string escape_html(
    std::string_view s);  // & < > " ' (also right for SVG/XML)
std::string escape_markdown(std::string_view s);  // inline text and table cells
std::string escape_csv(std::string_view s);       // one RFC 4180 field
std::string escape_text(std::string_view s);  // control characters made visible
/// Columns a string takes in a terminal: one per code point (not per byte).
std::size_t display_width(std::string_view s);

std::string render_text(const document& d);
std::string render_markdown(const document& d);
std::string render_csv(const doc_table& t);
std::string render_html(const std::vector<document>& docs);

document to_document(const roster_report& r);
document to_document(const board_report& r);
document to_document(const changes_report& r);
document to_document(const dues_report& r);
document to_document(const compliance_report& r);
document to_document(const timeline_report& r);

boost::json::value to_json_value(const roster_report& r);
boost::json::value to_json_value(const board_report& r);
boost::json::value to_json_value(const changes_report& r);
boost::json::value to_json_value(const dues_report& r);
boost::json::value to_json_value(const compliance_report& r);
boost::json::value to_json_value(const timeline_report& r);

std::string to_svg(const board_report& r);
std::string to_svg(const timeline_report& r);

}  // namespace charter::detail

#endif
