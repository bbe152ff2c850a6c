// `charter.report()`: every report kind of <charter/report.hpp>, rendered
// in any of its formats, as a string.

#include <charter/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <shared_mutex>
#include <variant>

#include "module.hpp"

namespace charter::python {

namespace {

report_kind kind_of(const std::string& name) {
  if (auto k = parse_report_kind(name)) return *k;
  throw report_error(
      fmt::format("unknown report kind '{}' (roster, board, changes, dues, "
                  "compliance, timeline)",
                  name));
}

report_format format_of(const std::string& name) {
  if (auto f = parse_report_format(name)) return *f;
  throw report_error(fmt::format(
      "unknown report format '{}' (text, markdown, csv, json, html, svg)",
      name));
}

// The date a report is about when none is given: today, for the kinds that
// need one and were given no other way to say when (`year`, `all_dates`).
bool needs_date(report_kind k, const report_options& o) {
  switch (k) {
    case report_kind::roster:
    case report_kind::board:
      return true;
    case report_kind::dues:
      return !o.year;
    case report_kind::compliance:
      return !o.all_dates;
    default:
      return false;
  }
}

}  // namespace

void bind_reports(py::module_& m) {
  using std::optional;
  m.def(
      "report",
      [](const holder_ptr& reg,
         const std::variant<std::string, std::vector<std::string>>& kind,
         const std::string& format, optional<foundation_id> foundation,
         optional<body_id> body, optional<project_id> project,
         optional<date> at, optional<date> from, optional<date> to,
         optional<int> year, bool all_dates, bool csv_raw) {
        std::vector<report_kind> kinds;
        if (const auto* one = std::get_if<std::string>(&kind))
          kinds.push_back(kind_of(*one));
        else
          for (const auto& name : std::get<std::vector<std::string>>(kind))
            kinds.push_back(kind_of(name));
        if (kinds.empty()) throw report_error("no report kind given");
        const report_format f = format_of(format);

        report_options options{std::move(foundation),
                               std::move(body),
                               std::move(project),
                               at,
                               from,
                               to,
                               year,
                               all_dates};
        if (!options.at &&
            std::any_of(kinds.begin(), kinds.end(),
                        [&](report_kind k) { return needs_date(k, options); }))
          options.at = date_or_today(std::nullopt);

        const render_options how{.csv_raw = csv_raw};
        py::gil_scoped_release release;
        std::shared_lock lock(reg->mutex());
        if (kinds.size() == 1 && std::holds_alternative<std::string>(kind))
          return render_report(reg->reg(), kinds.front(), f, options, how);
        return render_reports(reg->reg(), kinds, f, options, how);
      },
      py::arg("registry"), py::arg("kind"), py::arg("format") = "text",
      py::kw_only(), py::arg("foundation") = py::none(),
      py::arg("body") = py::none(), py::arg("project") = py::none(),
      py::arg("at") = py::none(), py::arg("from_") = py::none(),
      py::arg("to") = py::none(), py::arg("year") = py::none(),
      py::arg("all_dates") = false, py::arg("csv_raw") = false,
      "Renders the report ``kind`` (roster, board, changes, dues, compliance, "
      "timeline; or a list of kinds, "
      "rendered together) in ``format`` (text, markdown, csv, json, html, svg) "
      "and returns it as a string.\n\n"
      "What each kind needs: roster ``foundation``; board ``body``; changes "
      "``foundation``, ``from_``, "
      "``to``; dues ``foundation`` and ``at`` or ``year``; compliance "
      "``foundation`` or ``body``, and "
      "``at`` or ``all_dates=True``; timeline ``project`` and/or "
      "``foundation`` (``from_``/``to`` "
      "optional). ``at`` defaults to today where a date is needed. In CSV, "
      "a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a "
      "carriage return gets a ``'`` before it (no spreadsheet runs it as a "
      "formula; the numbers a report writes itself are left as they are); "
      "``csv_raw=True`` writes every cell exactly. Raises "
      "ReportError (a ValueError) for "
      "an unknown kind or format, a format the kind has no rendering in, or a "
      "missing option; "
      "NotFoundError for an unknown id.");

  py::tuple kinds(6), formats(6);
  const report_kind all_kinds[] = {
      report_kind::roster, report_kind::board,      report_kind::changes,
      report_kind::dues,   report_kind::compliance, report_kind::timeline};
  const report_format all_formats[] = {
      report_format::text, report_format::markdown, report_format::csv,
      report_format::json, report_format::html,     report_format::svg};
  for (std::size_t i = 0; i < 6; ++i) {
    kinds[i] = py::str(std::string(to_string(all_kinds[i])));
    formats[i] = py::str(std::string(to_string(all_formats[i])));
  }
  m.attr("REPORT_KINDS") = kinds;
  m.attr("REPORT_FORMATS") = formats;
}

}  // namespace charter::python
