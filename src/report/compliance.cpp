// The compliance report: the governance findings (<charter/checks.hpp>) for
// a foundation or a body, on a date or over all dates. Its model
// (make_compliance) and its document (to_document); its JSON is in json.cpp.
#include <charter/report.hpp>

#include <fmt/format.h>

#include "report/document.hpp"

namespace charter {

// ---- compliance

compliance_report make_compliance(const registry& reg, const check_scope& scope,
                                  std::optional<date> on) {
  compliance_report r;
  r.foundation = scope.foundation;
  r.body = scope.body;
  if (scope.body)
    r.name = reg.at(*scope.body).name;
  else if (scope.foundation)
    r.name = reg.at(*scope.foundation).name;
  else
    throw report_error("compliance: name a foundation or a body");
  r.on = on;
  r.findings = on ? check(reg, *on, scope) : check_all(reg, scope);
  return r;
}

}  // namespace charter

namespace charter::detail {

// ---- compliance

document to_document(const compliance_report& r) {
  document d;
  d.kind = "compliance";
  const std::string id = r.body         ? r.body->str()
                         : r.foundation ? r.foundation->str()
                                        : "";
  d.title = r.on ? fmt::format("{}: compliance on {}", r.name, to_string(*r.on))
                 : fmt::format("{}: compliance over all dates", r.name);
  std::size_t errors = 0;
  for (const auto& f : r.findings)
    if (f.severity == severity::error) ++errors;
  d.intro.push_back(
      r.findings.empty()
          ? fmt::format("{} ({}): no findings.", r.name, id)
          : fmt::format("{} ({}): {}, {} and {}.", r.name, id,
                        report_plural(r.findings.size(), "finding", "findings"),
                        report_plural(errors, "error", "errors"),
                        report_plural(r.findings.size() - errors, "warning",
                                      "warnings")));
  d.flat.header = {"code", "severity", "subjects", "from", "to", "message"};
  doc_table table{{"Severity", "Code", "Subjects"}, {}, {}, "No findings."};
  if (!r.on) table.header.insert(table.header.end(), {"From", "To"});
  table.header.push_back("Message");
  for (const auto& f : r.findings) {
    const std::string subjects = fmt::format("{}", fmt::join(f.subjects, " "));
    const std::string to = f.when.to ? to_string(*f.when.to) : "";
    std::vector<std::string> row{std::string{to_string(f.severity)}, f.code,
                                 subjects};
    if (!r.on)
      row.insert(row.end(),
                 {to_string(f.when.from), f.when.to ? to : "(still)"});
    row.push_back(f.message);
    table.add(std::move(row), std::string{to_string(f.severity)});
    d.flat.add({f.code, std::string{to_string(f.severity)}, subjects,
                to_string(f.when.from), to, f.message});
  }
  d.sections.push_back({"Findings", {}, std::move(table), {}});
  return d;
}

}  // namespace charter::detail
