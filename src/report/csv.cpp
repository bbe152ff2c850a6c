// The CSV writer: a document's one flat table (`document::flat`, which each
// report's to_document fills) as RFC 4180 records, each cell guarded against
// formula injection unless asked for the exact values.
#include <string_view>

#include "report/document.hpp"
#include "report/escape.hpp"

namespace charter::detail {

namespace {

// OWASP's rule against CSV injection: a cell that starts with one of these
// may be read by a spreadsheet as a formula.
bool formula_like(std::string_view s) {
  return !s.empty() &&
         std::string_view{"=+-@\t\r"}.find(s.front()) != std::string_view::npos;
}

// A number as the reports write one: `-5`, `1234.50`. Only in a column of
// numbers the report writes itself is it left as it is.
bool plain_number(std::string_view s) {
  std::size_t i = !s.empty() && s.front() == '-' ? 1 : 0;
  const std::size_t digits = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == digits) return false;
  if (i < s.size() && s[i] == '.') {
    const std::size_t fraction = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == fraction) return false;
  }
  return i == s.size();
}

}  // namespace

// RFC 4180: CRLF after every record, the header first.

std::string render_csv(const doc_table& t, bool raw) {
  auto cell = [raw](const std::string& s, bool number) {
    if (raw || !formula_like(s) || (number && plain_number(s)))
      return escape_csv(s);
    return escape_csv("'" + s);
  };
  auto record = [&](const std::vector<std::string>& fields, bool header) {
    std::string out;
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      if (c) out += ',';
      if (c < fields.size())
        out += cell(fields[c], !header && c < t.numbers.size() && t.numbers[c]);
    }
    return out + "\r\n";
  };
  std::string out = record(t.header, true);
  for (const auto& row : t.rows) out += record(row, false);
  return out;
}

}  // namespace charter::detail
