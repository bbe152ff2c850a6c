// The HTML writer: one self-contained page (inline CSS, inline SVG charts,
// no script) for one or several documents, every string escaped for it.
#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "report/document.hpp"
#include "report/escape.hpp"

namespace charter::detail {

namespace {

constexpr std::string_view page_style = R"css(
:root { color-scheme: light dark; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --band: #f6f8fa; --page: #ffffff; --accent: #0969da; --error: #cf222e; --warning: #9a6700; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6edf3; --muted: #9198a1; --line: #3d444d; --band: #151b23; --page: #0d1117; --accent: #4493f8; --error: #ff7b72; --warning: #d29922; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--page); }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
article + article { margin-top: 48px; padding-top: 24px; border-top: 3px solid var(--line); }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
p { margin: 6px 0; }
p.intro { color: var(--muted); }
p.empty { color: var(--muted); font-style: italic; }
a { color: var(--accent); }
nav.toc { margin: 0 0 24px; padding: 12px 20px; border: 1px solid var(--line); border-radius: 6px; background: var(--band); }
nav.toc p.toc-title { font-weight: 600; margin: 0 0 4px; }
nav.toc ol { margin: 0; padding-left: 22px; }
nav.toc ol ol { padding-left: 18px; }
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
tr.vacant td { color: var(--muted); font-style: italic; background: repeating-linear-gradient(45deg, var(--page), var(--page) 6px, var(--band) 6px, var(--band) 12px); }
tr.total td { font-weight: 600; border-top: 2px solid var(--ink); }
tr.error td:first-child { color: var(--error); font-weight: 600; }
tr.warning td:first-child { color: var(--warning); font-weight: 600; }
tr.over td { color: var(--error); }
figure.chart { margin: 16px 0 24px; }
figure.chart svg { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
footer { max-width: 1100px; margin: 0 auto; padding: 0 32px 24px; color: var(--muted); font-size: 13px; }
@page { margin: 15mm 12mm; }
@media print {
  :root { --ink: #000000; --muted: #444c56; --line: #8c959f; --band: #eef1f4; --page: #ffffff; --accent: #000000; --error: #a40e26; --warning: #6e4a00; }
  body { font-size: 10pt; line-height: 1.35; }
  main { max-width: none; padding: 0; }
  footer { padding: 8px 0 0; }
  h1 { font-size: 18pt; }
  h2 { font-size: 13pt; margin-top: 16pt; break-after: avoid; page-break-after: avoid; }
  p.intro { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  nav.toc { break-inside: avoid; page-break-inside: avoid; }
  article + article { break-before: page; page-break-before: always; border-top: 0; margin-top: 0; padding-top: 0; }
  div.wide { overflow: visible; }
  table { width: 100%; min-width: 0; page-break-inside: auto; }
  thead { display: table-header-group; }
  tr, th, td { break-inside: avoid; page-break-inside: avoid; }
  th, td { padding: 3px 6px; }
  th { white-space: normal; }
  figure.chart { break-inside: avoid; page-break-inside: avoid; margin: 8pt 0; }
  figure.chart svg { border: 0; max-height: 230mm; width: auto; }
}
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

std::string html_article(const document& d, std::string_view id,
                         std::string_view contents) {
  std::string out =
      "<article class=\"report report-" + escape_html(d.kind) + "\"";
  if (!id.empty()) out += " id=\"" + escape_html(id) + "\"";
  out += ">\n<h1>" + escape_html(d.title) + "</h1>\n";
  for (const auto& line : d.intro)
    out += "<p class=\"intro\">" + escape_html(line) + "</p>\n";
  out += contents;
  // The chart first, then the tables that detail it. It is markup built by
  // to_svg, which escapes its text itself.
  if (!d.svg.empty())
    out += "<figure class=\"chart\">\n" + d.svg + "</figure>\n";
  for (const auto& s : d.sections) out += html_section(s);
  return out + "</article>\n";
}

std::string render_html(const std::vector<document>& docs) {
  std::vector<std::string> titles;
  std::size_t sections = 0;
  for (const auto& d : docs) {
    titles.push_back(d.title);
    sections += d.sections.size();
  }
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n"
      "<meta name=\"color-scheme\" content=\"light dark\">\n"
      // No script, no outside resource: even a slip in escaping could not run
      // code.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; style-src 'unsafe-inline'\">\n"
      "<title>" +
      escape_html(fmt::format("{}", fmt::join(titles, " · "))) +
      "</title>\n<style>" + std::string{page_style} +
      "</style>\n</head>\n<body>\n<main>\n";
  // Ids by position, never from the registry's names: `report-2` is the
  // second article, `report-2-3` its third section.
  auto article_id = [](std::size_t a) {
    return fmt::format("report-{}", a + 1);
  };
  auto section_id = [](std::size_t a, std::size_t s) {
    return fmt::format("report-{}-{}", a + 1, s + 1);
  };
  // A long page (more than three sections in all) has its contents: under
  // the title of a page of one report, at the top of a page of several.
  std::string toc;
  if (sections > 3) {
    toc +=
        "<nav class=\"toc\" aria-label=\"Contents\">\n<p "
        "class=\"toc-title\">Contents</p>\n<ol>\n";
    for (std::size_t a = 0; a < docs.size(); ++a) {
      const auto& d = docs[a];
      if (docs.size() > 1)
        toc += "<li><a href=\"#" + article_id(a) + "\">" +
               escape_html(d.title) + "</a>\n<ol>\n";
      for (std::size_t s = 0; s < d.sections.size(); ++s)
        toc += "<li><a href=\"#" + section_id(a, s) + "\">" +
               escape_html(d.sections[s].heading) + "</a></li>\n";
      if (docs.size() > 1) toc += "</ol>\n</li>\n";
    }
    toc += "</ol>\n</nav>\n";
  }
  if (docs.size() > 1) out += toc;
  for (std::size_t a = 0; a < docs.size(); ++a) {
    document numbered = docs[a];
    for (std::size_t i = 0; i < numbered.sections.size(); ++i)
      numbered.sections[i].id = section_id(a, i);
    out += html_article(
        numbered, article_id(a),
        docs.size() == 1 ? std::string_view(toc) : std::string_view());
  }
  out += "</main>\n<footer>Made by charter.</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace charter::detail
