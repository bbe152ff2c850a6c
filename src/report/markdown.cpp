// The Markdown writer: a document as GitHub-flavoured Markdown with pipe
// tables, every string escaped for it.
#include "report/document.hpp"
#include "report/escape.hpp"

namespace charter::detail {

namespace {

// Escapes a line of text that starts a paragraph: also what would make it a
// list item or a heading underline.
std::string markdown_line(std::string_view s) {
  std::string out = escape_markdown(s);
  if (!out.empty() && (out[0] == '-' || out[0] == '+' || out[0] == '='))
    out.insert(0, 1, '\\');
  std::size_t digits = 0;
  while (digits < out.size() && out[digits] >= '0' && out[digits] <= '9')
    ++digits;
  if (digits > 0 && digits < out.size() &&
      (out[digits] == '.' || out[digits] == ')'))
    out.insert(digits, 1, '\\');
  return out;
}

std::string markdown_table(const doc_table& t) {
  if (t.rows.empty()) return "*" + escape_markdown(t.empty) + "*\n";
  std::string out = "|";
  for (const auto& h : t.header) out += " " + escape_markdown(h) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < t.header.size(); ++c)
    out += c < t.numeric.size() && t.numeric[c] ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (std::size_t c = 0; c < t.header.size(); ++c)
      out += " " + (c < row.size() ? escape_markdown(row[c]) : "") + " |";
    out += "\n";
  }
  return out;
}

}  // namespace

std::string render_markdown(const document& d) {
  std::string out = "# " + escape_markdown(d.title) + "\n";
  for (const auto& line : d.intro) out += "\n" + markdown_line(line) + "\n";
  for (const auto& s : d.sections) {
    out += "\n## " + escape_markdown(s.heading) + "\n";
    for (const auto& line : s.lines) out += "\n" + markdown_line(line) + "\n";
    if (s.table) out += "\n" + markdown_table(*s.table);
    for (const auto& line : s.notes) out += "\n" + markdown_line(line) + "\n";
  }
  return out;
}

}  // namespace charter::detail
