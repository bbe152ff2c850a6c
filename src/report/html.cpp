// The HTML writer: one self-contained page (inline CSS, inline SVG charts,
// no script) for one or several documents, every string escaped for it.
#include <fmt/format.h>

#include <string_view>

#include "report/document.hpp"
#include "report/escape.hpp"

namespace charter::detail {

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
td.num { white-space: nowrap; overflow-wrap: normal; }
div.wide { overflow-x: auto; max-width: 100%; }
div.wide > table { margin: 0; }
article.report-count td { overflow-wrap: normal; }
tr.aside td { color: var(--muted); border-top: 2px solid var(--line); }
tr.aside + tr.aside td { border-top: 0; }
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
  // In a box of its own that scrolls sideways when the table is wider than
  // the page, rather than the page.
  std::string out = "<div class=\"wide\">\n<table>\n<thead><tr>";
  for (std::size_t c = 0; c < t.header.size(); ++c)
    out += (num(c) ? "<th class=\"num\">" : "<th>") + escape_html(t.header[c]) +
           "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& cls =
        r < t.row_classes.size() ? t.row_classes[r] : std::string{};
    out += cls.empty() ? "<tr>" : "<tr class=\"" + escape_html(cls) + "\">";
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      std::string cell = c < t.rows[r].size() ? escape_html(t.rows[r][c]) : "";
      if (r < t.links.size() && c < t.links[r].size() && !t.links[r][c].empty())
        cell =
            "<a href=\"" + escape_html(t.links[r][c]) + "\">" + cell + "</a>";
      out += (num(c) ? "<td class=\"num\">" : "<td>") + cell + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n</div>\n";
}

}  // namespace

std::string_view html_style() noexcept { return page_style; }

std::string html_section(const doc_section& s) {
  std::string out = s.id.empty()
                        ? std::string{"<section>\n<h2>"}
                        : "<section id=\"" + escape_html(s.id) + "\">\n<h2>";
  out += escape_html(s.heading) + "</h2>\n";
  for (const auto& line : s.lines) out += "<p>" + escape_html(line) + "</p>\n";
  if (s.table) out += html_table(*s.table);
  for (const auto& line : s.notes) out += "<p>" + escape_html(line) + "</p>\n";
  return out + "</section>\n";
}

std::string html_article(const document& d) {
  std::string out = "<article class=\"report report-" + escape_html(d.kind) +
                    "\">\n<h1>" + escape_html(d.title) + "</h1>\n";
  for (const auto& line : d.intro)
    out += "<p class=\"intro\">" + escape_html(line) + "</p>\n";
  for (const auto& s : d.sections) out += html_section(s);
  // The chart is markup built by to_svg, which escapes its text itself.
  if (!d.svg.empty())
    out += "<figure class=\"chart\">\n" + d.svg + "</figure>\n";
  return out + "</article>\n";
}

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
  for (const auto& d : docs) out += html_article(d);
  out += "</main>\n<footer>Made by charter.</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace charter::detail
