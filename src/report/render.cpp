// The entry points: the names of the report kinds and formats, and
// render_report, render_reports and render, which build a report's model
// from the options and pick its rendering (a document writer, JSON or SVG).
#include <charter/report.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <array>
#include <utility>

#include "report/document.hpp"
#include "report/json.hpp"
#include "report/svg.hpp"

namespace charter {

namespace json = boost::json;

// ---- names

namespace {
constexpr std::array<std::pair<report_kind, std::string_view>, 6> kind_names{{
    {report_kind::roster, "roster"},
    {report_kind::board, "board"},
    {report_kind::changes, "changes"},
    {report_kind::dues, "dues"},
    {report_kind::compliance, "compliance"},
    {report_kind::timeline, "timeline"},
}};
constexpr std::array<std::pair<report_format, std::string_view>, 8>
    format_names{{
        {report_format::text, "text"},
        {report_format::markdown, "markdown"},
        {report_format::csv, "csv"},
        {report_format::json, "json"},
        {report_format::html, "html"},
        {report_format::svg, "svg"},
        {report_format::text, "txt"},  // aliases after the names
        {report_format::markdown, "md"},
    }};
}  // namespace

std::string_view to_string(report_kind k) noexcept {
  for (const auto& [kind, name] : kind_names)
    if (kind == k) return name;
  return "?";
}

std::string_view to_string(report_format f) noexcept {
  for (const auto& [format, name] : format_names)
    if (format == f) return name;
  return "?";
}

std::optional<report_kind> parse_report_kind(std::string_view s) noexcept {
  for (const auto& [kind, name] : kind_names)
    if (name == s) return kind;
  return std::nullopt;
}

std::optional<report_format> parse_report_format(std::string_view s) noexcept {
  for (const auto& [format, name] : format_names)
    if (name == s) return format;
  return std::nullopt;
}

bool supports(report_kind kind, report_format format) noexcept {
  return format != report_format::svg || kind == report_kind::board ||
         kind == report_kind::timeline;
}

// ---- entry points

namespace {

template <class Report>
std::string render_model(const Report& r, report_format format,
                         std::string_view kind, const render_options& how) {
  switch (format) {
    case report_format::text:
      return detail::render_text(detail::to_document(r));
    case report_format::markdown:
      return detail::render_markdown(detail::to_document(r));
    case report_format::csv:
      return detail::render_csv(detail::to_document(r).flat, how.csv_raw);
    case report_format::json:
      return json::serialize(detail::to_json_value(r)) + "\n";
    case report_format::html:
      return detail::render_html({detail::to_document(r)});
    case report_format::svg:
      if constexpr (requires { detail::to_svg(r); }) return detail::to_svg(r);
      break;
  }
  throw report_error(fmt::format("the {} report has no {} rendering", kind,
                                 to_string(format)));
}

template <class T>
const T& need(const std::optional<T>& value, report_kind kind,
              std::string_view what) {
  if (!value)
    throw report_error(
        fmt::format("the {} report needs {}", to_string(kind), what));
  return *value;
}

// Calls `visit` with the model of the report `kind` built from `o`.
template <class Visit>
auto with_model(const registry& reg, report_kind kind, const report_options& o,
                Visit visit) {
  switch (kind) {
    case report_kind::roster:
      return visit(make_roster(reg, need(o.foundation, kind, "a foundation"),
                               need(o.at, kind, "a date")));
    case report_kind::board:
      return visit(make_board(reg, need(o.body, kind, "a body"),
                              need(o.at, kind, "a date")));
    case report_kind::changes:
      return visit(make_changes(reg, need(o.foundation, kind, "a foundation"),
                                need(o.from, kind, "a start date (from)"),
                                need(o.to, kind, "an end date (to)")));
    case report_kind::dues: {
      const auto& f = need(o.foundation, kind, "a foundation");
      if (o.year) return visit(make_dues_for_year(reg, f, *o.year));
      return visit(make_dues(reg, f, need(o.at, kind, "a date or a year")));
    }
    case report_kind::compliance: {
      if (!o.foundation && !o.body)
        throw report_error(
            "the compliance report needs a foundation or a body");
      if (!o.all_dates && !o.at)
        throw report_error("the compliance report needs a date or all dates");
      // A foundation's scope covers its bodies: with both named, take it.
      check_scope scope{o.foundation, o.foundation ? std::nullopt : o.body};
      return visit(
          make_compliance(reg, scope, o.all_dates ? std::nullopt : o.at));
    }
    case report_kind::timeline: {
      if (!o.project && !o.foundation)
        throw report_error(
            "the timeline report needs a project or a foundation");
      return visit(make_timeline(reg, o.project, o.foundation, o.from,
                                 o.to ? o.to : o.at));
    }
  }
  throw report_error("unknown report kind");
}

}  // namespace

std::string render(const roster_report& r, report_format format,
                   const render_options& how) {
  return render_model(r, format, to_string(report_kind::roster), how);
}
std::string render(const board_report& r, report_format format,
                   const render_options& how) {
  return render_model(r, format, to_string(report_kind::board), how);
}
std::string render(const changes_report& r, report_format format,
                   const render_options& how) {
  return render_model(r, format, to_string(report_kind::changes), how);
}
std::string render(const dues_report& r, report_format format,
                   const render_options& how) {
  return render_model(r, format, to_string(report_kind::dues), how);
}
std::string render(const compliance_report& r, report_format format,
                   const render_options& how) {
  return render_model(r, format, to_string(report_kind::compliance), how);
}
std::string render(const timeline_report& r, report_format format,
                   const render_options& how) {
  return render_model(r, format, to_string(report_kind::timeline), how);
}
std::string render(const count_result& r, report_format format,
                   const render_options& how) {
  return render_model(r, format, "count", how);
}

std::string render_report(const registry& reg, report_kind kind,
                          report_format format, const report_options& options,
                          const render_options& how) {
  if (!supports(kind, format))
    throw report_error(fmt::format("the {} report has no {} rendering",
                                   to_string(kind), to_string(format)));
  return with_model(reg, kind, options, [&](const auto& model) {
    return render(model, format, how);
  });
}

std::string render_report(const registry& reg, std::string_view kind,
                          report_format format, const report_options& options,
                          const render_options& how) {
  const auto k = parse_report_kind(kind);
  if (!k)
    throw report_error(
        fmt::format("unknown report '{}' (expected roster, board, changes, "
                    "dues, compliance or timeline)",
                    kind));
  return render_report(reg, *k, format, options, how);
}

std::string render_reports(const registry& reg,
                           std::span<const report_kind> kinds,
                           report_format format, const report_options& options,
                           const render_options& how) {
  if (format == report_format::svg)
    throw report_error("several reports cannot share one SVG chart");
  switch (format) {
    case report_format::json: {
      json::object out;
      for (const auto k : kinds)
        out[to_string(k)] = with_model(reg, k, options, [](const auto& m) {
          return detail::to_json_value(m);
        });
      return json::serialize(out) + "\n";
    }
    case report_format::html: {
      std::vector<detail::document> docs;
      for (const auto k : kinds)
        docs.push_back(with_model(reg, k, options, [](const auto& m) {
          return detail::to_document(m);
        }));
      return detail::render_html(docs);
    }
    default: {
      std::string out;
      for (const auto k : kinds) {
        if (!out.empty()) out += format == report_format::csv ? "\r\n" : "\n";
        out += render_report(reg, k, format, options, how);
      }
      return out;
    }
  }
}

}  // namespace charter
