// Writers for report documents: text, Markdown, CSV and HTML, each with the
// escaping its format needs. Documents hold plain text only, so every string
// that reaches these writers is escaped here, and nowhere else.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "report/report_detail.hpp"

namespace charter::detail {

namespace {

// What next_code_point returns for a byte that is not valid UTF-8, plus
// the byte: beyond every code point.
constexpr char32_t invalid_byte = 0x110000;

// Decodes one UTF-8 code point at `i` (advancing it). A byte that does not
// start a complete sequence comes out alone, as `invalid_byte + byte`, so
// that no escaping can be skipped by hiding a `<` behind a lead byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) {
    return static_cast<unsigned char>(s[k]);
  };
  const unsigned char b = byte(i);
  if (b < 0x80) {
    ++i;
    return b;
  }
  const int extra = b >= 0xF8   ? 0
                    : b >= 0xF0 ? 3
                    : b >= 0xE0 ? 2
                    : b >= 0xC0 ? 1
                                : 0;
  bool ok = extra > 0 && i + static_cast<std::size_t>(extra) < s.size();
  for (int k = 1; ok && k <= extra; ++k)
    ok = (byte(i + static_cast<std::size_t>(k)) & 0xC0) == 0x80;
  if (!ok) {
    ++i;
    return invalid_byte + b;
  }
  char32_t cp = extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k <= extra; ++k)
    cp = (cp << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
  i += 1 + static_cast<std::size_t>(extra);
  return cp;
}

// C0 and C1 control characters and DEL: a terminal may act on them.
bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp < 0xA0); }

// A control character or an invalid byte, as text: `\x1b`.
std::string visible(char32_t cp) {
  if (cp >= invalid_byte) cp -= invalid_byte;
  return fmt::format("\\x{:02x}", static_cast<unsigned>(cp & 0xFF));
}

bool is_invalid(char32_t cp) { return cp >= invalid_byte; }

int code_point_width(char32_t cp) {
  if ((cp >= 0x0300 && cp < 0x0370) || (cp >= 0x200B && cp <= 0x200F) ||
      cp == 0xFE0F)
    return 0;
  const bool wide =
      (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

std::string pad(const std::string& s, std::size_t width, bool right) {
  const std::size_t w = display_width(s);
  if (w >= width) return s;
  return right ? std::string(width - w, ' ') + s
               : s + std::string(width - w, ' ');
}

}  // namespace

// ---- escaping

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(s, i);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // XML 1.0 allows no C0 controls but tab, LF and CR, and no invalid
        // UTF-8: SVG must parse.
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            is_invalid(cp))
          out += "\xEF\xBF\xBD";
        else
          out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string escape_markdown(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(s, i);
    if (cp == '\n' || cp == '\r' || cp == '\t') {
      out += ' ';  // a line break would end a table row or a paragraph
    } else if (is_control(cp) || is_invalid(cp)) {
      out += '\\' + visible(cp);  // "\\x1b" shows as \x1b
    } else if (cp < 0x80 &&
               std::string_view{"\\`*_[]<>|&~#"}.find(static_cast<char>(cp)) !=
                   std::string_view::npos) {
      out += '\\';
      out += static_cast<char>(cp);
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string escape_csv(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string{s};
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string escape_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(s, i);
    if (is_control(cp) || is_invalid(cp))
      out += visible(cp);
    else
      out.append(s.substr(start, i - start));
  }
  return out;
}

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();)
    width += static_cast<std::size_t>(code_point_width(next_code_point(s, i)));
  return width;
}

// ---- text

namespace {

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

// ---- Markdown

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

// ---- CSV (RFC 4180: CRLF after every record, the header first)

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

// ---- HTML

namespace {

constexpr std::string_view page_style = R"css(
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --band: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
article + article { margin-top: 48px; padding-top: 24px; border-top: 3px solid var(--line); }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
p { margin: 6px 0; }
p.intro { color: var(--muted); }
p.empty { color: var(--muted); font-style: italic; }
table { border-collapse: collapse; margin: 8px 0; min-width: 50%; }
th, td { text-align: left; padding: 5px 12px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--band); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.vacant td { color: var(--muted); font-style: italic; background: repeating-linear-gradient(45deg, #fff, #fff 6px, #f6f8fa 6px, #f6f8fa 12px); }
tr.total td { font-weight: 600; border-top: 2px solid var(--ink); }
tr.error td:first-child { color: #cf222e; font-weight: 600; }
tr.warning td:first-child { color: #9a6700; font-weight: 600; }
tr.over td { color: #cf222e; }
figure.chart { margin: 24px 0; }
figure.chart svg { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
footer { max-width: 1100px; margin: 0 auto; padding: 0 32px 24px; color: var(--muted); font-size: 13px; }
)css";

std::string html_table(const doc_table& t) {
  if (t.rows.empty())
    return "<p class=\"empty\">" + escape_html(t.empty) + "</p>\n";
  auto num = [&](std::size_t c) {
    return c < t.numeric.size() && t.numeric[c];
  };
  std::string out = "<table>\n<thead><tr>";
  for (std::size_t c = 0; c < t.header.size(); ++c)
    out += (num(c) ? "<th class=\"num\">" : "<th>") + escape_html(t.header[c]) +
           "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& cls =
        r < t.row_classes.size() ? t.row_classes[r] : std::string{};
    out += cls.empty() ? "<tr>" : "<tr class=\"" + escape_html(cls) + "\">";
    for (std::size_t c = 0; c < t.header.size(); ++c)
      out += (num(c) ? "<td class=\"num\">" : "<td>") +
             (c < t.rows[r].size() ? escape_html(t.rows[r][c]) : "") + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string render_html(const std::vector<document>& docs) {
  std::vector<std::string> titles;
  for (const auto& d : docs) titles.push_back(d.title);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n"
      // No script, no outside resource: even a slip in escaping could not run
      // code.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; style-src 'unsafe-inline'\">\n"
      "<title>" +
      escape_html(fmt::format("{}", fmt::join(titles, " · "))) +
      "</title>\n<style>" + std::string{page_style} +
      "</style>\n</head>\n<body>\n<main>\n";
  for (const auto& d : docs) {
    out += "<article class=\"report report-" + escape_html(d.kind) +
           "\">\n<h1>" + escape_html(d.title) + "</h1>\n";
    for (const auto& line : d.intro)
      out += "<p class=\"intro\">" + escape_html(line) + "</p>\n";
    for (const auto& s : d.sections) {
      out += "<section>\n<h2>" + escape_html(s.heading) + "</h2>\n";
      for (const auto& line : s.lines)
        out += "<p>" + escape_html(line) + "</p>\n";
      if (s.table) out += html_table(*s.table);
      for (const auto& line : s.notes)
        out += "<p>" + escape_html(line) + "</p>\n";
      out += "</section>\n";
    }
    // The chart is markup built by to_svg, which escapes its text itself.
    if (!d.svg.empty())
      out += "<figure class=\"chart\">\n" + d.svg + "</figure>\n";
    out += "</article>\n";
  }
  out += "</main>\n<footer>Made by charter.</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace charter::detail
