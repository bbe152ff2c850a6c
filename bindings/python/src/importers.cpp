// `_import_source`: what a foundation publishes, read by the source's
// importer (<charter/import.hpp>) and committed to a `Registry` as one
// change. `charter.import_source` (charter/__init__.py) wraps it and makes
// the summary an `ImportSummary` dataclass.

#include <charter/diff.hpp>
#include <charter/import.hpp>
#include <charter/store.hpp>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "module.hpp"

namespace charter::python {

namespace {

py::dict place_dict(const source_place& where) {
  py::dict d;
  d["file"] = where.file;
  d["line"] = where.line;
  d["column"] = where.column;
  return d;
}

py::dict summary_dict(const import_summary& s) {
  py::dict d;
  d["source"] = s.source;
  d["files"] = s.files;
  d["read"] = s.read;
  d["mapped"] = s.mapped;
  d["skipped"] = s.skipped;
  d["matched"] = s.matched;
  d["added"] = s.added;
  d["updated"] = s.updated;
  d["unchanged"] = s.unchanged;
  py::dict none;
  for (const auto& [spelling, n] : s.without_organization)
    none[py::str(spelling)] = n;
  d["without_organization"] = none;
  py::list unmapped;
  for (const auto& u : s.unmapped) {
    auto o = place_dict(u.where);
    o["value"] = u.value;
    o["reason"] = u.reason;
    unmapped.append(o);
  }
  d["unmapped"] = unmapped;
  py::list findings;
  for (const auto& f : s.findings) {
    py::list places;
    for (const auto& p : f.places) places.append(place_dict(p));
    py::dict o;
    o["code"] = f.code;
    o["record"] = f.record;
    o["message"] = f.message;
    o["places"] = places;
    findings.append(o);
  }
  d["findings"] = findings;
  return d;
}

py::dict import_source(registry_holder& h, const std::string& source,
                       const std::vector<std::filesystem::path>& paths,
                       const std::string& foundation,
                       const std::optional<date>& as_of,
                       const std::vector<std::filesystem::path>& aliases,
                       bool merge, bool replace, bool dry_run,
                       const std::string& actor, const std::string& reason) {
  if (merge && replace)
    throw py::value_error(
        "import_source() takes merge=True or replace=True, "
        "not both");
  import_options options;
  options.foundation = foundation;
  options.as_of = as_of;
  for (const auto& a : aliases) options.alias_files.push_back(a.string());
  std::vector<std::string> files;
  for (const auto& p : paths) files.push_back(p.string());
  std::string summary_words = fmt::format("import --from {}", source);
  for (const auto& f : files) summary_words += " " + f;
  summary_words += merge ? " (merge)" : replace ? " (replace)" : "";

  std::optional<std::int64_t> audit_id;
  import_summary summary;
  {
    py::gil_scoped_release release;
    std::unique_lock lock(h.mutex());
    const registry& now = h.reg();
    if (!merge && !replace && !now.empty())
      throw charter::error(
          "the registry holds records already: nothing imported; pass "
          "merge=True to add the import's records and match its "
          "organizations and people with those held, or replace=True to "
          "replace them all");
    const registry none;
    auto result = read_source(replace ? none : now, source, files, options);
    summary = std::move(result.summary);
    if (replace) {
      registry reg;
      reg.apply(result.changes);
      if (!dry_run) {
        const auto id =
            h.replace(std::move(reg), {actor, reason}, summary_words);
        if (id) audit_id = id;
      }
    } else if (!dry_run && !result.changes.empty()) {
      // Validated against the registry as the import read it.
      const auto done =
          h.commit(result.changes, {actor, reason}, summary_words);
      if (done.audit_id) audit_id = done.audit_id;
    }
  }
  auto d = summary_dict(summary);
  d["audit_id"] = audit_id ? py::object(py::int_(*audit_id)) : py::none();
  d["dry_run"] = dry_run;
  return d;
}

}  // namespace

void bind_import(py::module_& m) {
  m.attr("IMPORT_SOURCES") = [] {
    py::tuple t(import_sources().size());
    std::size_t i = 0;
    for (const auto s : import_sources()) t[i++] = py::str(s.data(), s.size());
    return t;
  }();
  m.def("_import_source", &import_source, py::arg("registry"),
        py::arg("source"), py::arg("paths"), py::kw_only(),
        py::arg("foundation") = "", py::arg("as_of") = std::nullopt,
        py::arg("aliases") = std::vector<std::filesystem::path>{},
        py::arg("merge") = true, py::arg("replace") = false,
        py::arg("dry_run") = false, py::arg("actor") = "",
        py::arg("reason") = "",
        "The summary of an import as a dict; charter.import_source wraps it.");
}

}  // namespace charter::python
