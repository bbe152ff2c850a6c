// The text writer: a document as a title, headings and tables of aligned
// columns for a terminal, every string with its control characters made
// visible.
#include <algorithm>

#include "report/document.hpp"
#include "report/escape.hpp"

namespace charter::detail {

namespace {

std::string pad(const std::string& s, std::size_t width, bool right) {
  const std::size_t w = display_width(s);
  if (w >= width) return s;
  return right ? std::string(width - w, ' ') + s
               : s + std::string(width - w, ' ');
}

std::string text_table(const doc_table& t, const std::string& indent) {
  if (t.rows.empty()) return indent + escape_text(t.empty) + "\n";
  const std::size_t columns = t.header.size();
  std::vector<std::vector<std::string>> cells;
  cells.push_back({});
  for (const auto& h : t.header) cells.back().push_back(escape_text(h));
  for (const auto& row : t.rows) {
    cells.push_back({});
    for (std::size_t c = 0; c < columns; ++c)
      cells.back().push_back(c < row.size() ? escape_text(row[c]) : "");
  }
  std::vector<std::size_t> widths(columns, 0);
  for (const auto& row : cells)
    for (std::size_t c = 0; c < columns; ++c)
      widths[c] = std::max(widths[c], display_width(row[c]));
  auto line = [&](const std::vector<std::string>& row) {
    std::string out = indent;
    for (std::size_t c = 0; c < columns; ++c) {
      const bool right = c < t.numeric.size() && t.numeric[c];
      const bool last = c + 1 == columns;
      out += last && !right ? row[c] : pad(row[c], widths[c], right);
      if (!last) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(cells.front());
  std::vector<std::string> rule;
  for (std::size_t c = 0; c < columns; ++c)
    rule.push_back(std::string(widths[c], '-'));
  out += line(rule);
  for (std::size_t r = 1; r < cells.size(); ++r) out += line(cells[r]);
  return out;
}

}  // namespace

std::string render_text(const document& d) {
  const std::string title = escape_text(d.title);
  std::string out =
      title + "\n" + std::string(display_width(title), '=') + "\n";
  if (!d.intro.empty()) out += "\n";
  for (const auto& line : d.intro) out += escape_text(line) + "\n";
  for (const auto& s : d.sections) {
    const std::string heading = escape_text(s.heading);
    out +=
        "\n" + heading + "\n" + std::string(display_width(heading), '-') + "\n";
    for (const auto& line : s.lines) out += escape_text(line) + "\n";
    if (s.table) out += text_table(*s.table, "  ");
    if (!s.notes.empty()) out += "\n";
    for (const auto& line : s.notes) out += escape_text(line) + "\n";
  }
  return out;
}

}  // namespace charter::detail
