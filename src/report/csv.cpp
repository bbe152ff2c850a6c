// The CSV writer: a document's one flat table (`document::flat`, which each
// report's to_document fills) as RFC 4180 records.
#include "report/document.hpp"
#include "report/escape.hpp"

namespace charter::detail {

// RFC 4180: CRLF after every record, the header first.

std::string render_csv(const doc_table& t) {
  auto record = [](const std::vector<std::string>& fields,
                   std::size_t columns) {
    std::string out;
    for (std::size_t c = 0; c < columns; ++c) {
      if (c) out += ',';
      if (c < fields.size()) out += escape_csv(fields[c]);
    }
    return out + "\r\n";
  };
  std::string out = record(t.header, t.header.size());
  for (const auto& row : t.rows) out += record(row, t.header.size());
  return out;
}

}  // namespace charter::detail
