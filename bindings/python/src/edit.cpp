// What the corrections of a registry need from Python: records of any kind
// to and from Python, the names by which a call picks one record
// (records.hpp), and the values `Preview` (what a change would do) and
// `Reference` (a record that refers to another).

#include <charter/batch.hpp>
#include <charter/diff.hpp>
#include <charter/error.hpp>
#include <charter/registry.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "records.hpp"
#include "values.hpp"

namespace charter::python {

namespace {

std::string name_of_type(py::handle h) {
  return py::type::handle_of(h).attr("__name__").cast<std::string>();
}

// A `str` argument, for `what` (`org=`, `membership=`'s org...).
std::string text_of(const char* fn, const std::string& what, py::handle h) {
  if (!PyUnicode_Check(h.ptr()))
    throw py::type_error(
        fmt::format("{}(): {} takes a str, not {}", fn, what, name_of_type(h)));
  return h.cast<std::string>();
}

date date_of(const char* fn, const std::string& what, py::handle h) {
  date d;
  if (!from_py_date(h, d))
    throw py::type_error(
        fmt::format("{}(): {} takes a datetime.date or 'YYYY-MM-DD', not {}",
                    fn, what, name_of_type(h)));
  return d;
}

// The items of a key tuple (`membership=(org, foundation, from_date)`).
std::vector<py::handle> items_of(const char* fn, const char* keyword,
                                 py::handle h, std::size_t count,
                                 const char* shape) {
  if (PyUnicode_Check(h.ptr()) ||
      !(PyTuple_Check(h.ptr()) || PyList_Check(h.ptr())))
    throw py::type_error(fmt::format("{}(): {}= takes a tuple {}, not {}", fn,
                                     keyword, shape, name_of_type(h)));
  auto seq = py::reinterpret_borrow<py::sequence>(h);
  if (seq.size() != count)
    throw py::type_error(
        fmt::format("{}(): {}= takes a tuple {}, not one of {}", fn, keyword,
                    shape, seq.size()));
  std::vector<py::handle> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(seq[i]);
  return out;
}

// The scope of a role by id: the one foundation, project or body with it.
role_scope scope_named(const char* fn, const std::string& id,
                       const registry& reg) {
  std::vector<role_scope> found;
  std::vector<const char*> kinds;
  if (reg.find(foundation_id{id})) {
    found.emplace_back(foundation_id{id});
    kinds.push_back("a foundation");
  }
  if (reg.find(project_id{id})) {
    found.emplace_back(project_id{id});
    kinds.push_back("a project");
  }
  if (reg.find(body_id{id})) {
    found.emplace_back(body_id{id});
    kinds.push_back("a body");
  }
  if (found.empty()) throw not_found_error("foundation, project or body", id);
  if (found.size() > 1)
    throw py::value_error(
        fmt::format("{}(): the role's scope '{}' is {}: pass the Role itself",
                    fn, id, fmt::join(kinds, " and ")));
  return found.front();
}

}  // namespace

any_record record_from(py::handle record) {
  if (py::isinstance<organization>(record)) return record.cast<organization>();
  if (py::isinstance<charter::person>(record))
    return record.cast<charter::person>();
  if (py::isinstance<foundation>(record)) return record.cast<foundation>();
  if (py::isinstance<project>(record)) return record.cast<project>();
  if (py::isinstance<body>(record)) return record.cast<body>();
  if (py::isinstance<membership>(record)) return record.cast<membership>();
  if (py::isinstance<seat>(record)) return record.cast<seat>();
  if (py::isinstance<role>(record)) return record.cast<role>();
  if (py::isinstance<meeting>(record)) return record.cast<meeting>();
  if (py::isinstance<invoice>(record)) return record.cast<invoice>();
  if (py::isinstance<submitted_report>(record))
    return record.cast<submitted_report>();
  if (py::isinstance<election>(record)) return record.cast<election>();
  throw py::type_error(
      fmt::format("expected an Organization, Person, Foundation, Project, "
                  "Body, Membership, Seat, Role, Meeting, Invoice, "
                  "SubmittedReport or Election, not {}",
                  name_of_type(record)));
}

py::object record_object(const any_record& r) {
  return std::visit([](const auto& x) { return py::cast(x); }, r);
}

record_key key_named(const char* fn, const record_name& n,
                     const registry& reg) {
  const std::pair<const char*, const py::object*> keywords[] = {
      {"org", &n.org},
      {"person", &n.person},
      {"foundation", &n.foundation},
      {"project", &n.project},
      {"body", &n.body},
      {"membership", &n.membership},
      {"seat", &n.seat},
      {"role", &n.role},
      {"meeting", &n.meeting},
      {"invoice", &n.invoice},
      {"report", &n.report},
      {"election", &n.election}};
  int given = n.record.is_none() ? 0 : 1;
  const char* keyword = nullptr;
  const py::object* value = nullptr;
  for (const auto& [name, v] : keywords)
    if (!v->is_none()) {
      ++given;
      keyword = name;
      value = v;
    }
  if (given != 1)
    throw py::type_error(fmt::format(
        "{}() takes a record, or exactly one of org=, person=, foundation=, "
        "project=, body=, membership=, seat=, role=, meeting=, invoice=, "
        "report= or election=",
        fn));
  if (!keyword) return key_of(record_from(n.record));

  const std::string k = keyword;
  const py::handle h = *value;
  if (k == "org") return org_id{text_of(fn, "org=", h)};
  if (k == "person") return person_id{text_of(fn, "person=", h)};
  if (k == "foundation") return foundation_id{text_of(fn, "foundation=", h)};
  if (k == "project") return project_id{text_of(fn, "project=", h)};
  if (k == "body") return body_id{text_of(fn, "body=", h)};
  if (k == "election") return election_id{text_of(fn, "election=", h)};
  if (k == "meeting") return meeting_id{text_of(fn, "meeting=", h)};
  if (k == "invoice") return invoice_id{text_of(fn, "invoice=", h)};
  if (k == "report") {
    const auto it = items_of(fn, keyword, h, 2, "(body, 'YYYY-MM')");
    const std::string month = text_of(fn, "report='s month", it[1]);
    const auto m = try_parse_year_month(month);
    if (!m)
      throw parse_error(
          fmt::format("{}(): report='s month '{}' is not "
                      "'YYYY-MM'",
                      fn, month));
    return report_key{body_id{text_of(fn, "report='s body", it[0])}, *m};
  }
  if (k == "membership") {
    const auto it = items_of(fn, keyword, h, 3, "(org, foundation, from_date)");
    return membership_key{
        org_id{text_of(fn, "membership='s org", it[0])},
        foundation_id{text_of(fn, "membership='s foundation", it[1])},
        date_of(fn, "membership='s from_date", it[2])};
  }
  if (k == "seat") {
    const auto it =
        items_of(fn, keyword, h, 4, "(body, seat_class, person, from_date)");
    return seat_key{body_id{text_of(fn, "seat='s body", it[0])},
                    seat_class_id{text_of(fn, "seat='s seat_class", it[1])},
                    person_id{text_of(fn, "seat='s person", it[2])},
                    date_of(fn, "seat='s from_date", it[3])};
  }
  const auto it =
      items_of(fn, keyword, h, 4, "(person, title, scope, from_date)");
  return role_key{person_id{text_of(fn, "role='s person", it[0])},
                  text_of(fn, "role='s title", it[1]),
                  scope_named(fn, text_of(fn, "role='s scope", it[2]), reg),
                  date_of(fn, "role='s from_date", it[3])};
}

void add_merge(batch& b, py::handle record, py::handle org, py::handle person,
               py::handle into) {
  const int given =
      int(!record.is_none()) + int(!org.is_none()) + int(!person.is_none());
  if (given != 1)
    throw py::type_error(
        "merge() takes an Organization or Person, or exactly one of org= or "
        "person=, and into=");
  // The duplicate's kind, and into's id: its text, or the record's id.
  bool is_org = !org.is_none();
  std::string duplicate;
  if (!record.is_none()) {
    if (py::isinstance<organization>(record)) {
      is_org = true;
      duplicate = record.cast<organization>().id.str();
    } else if (py::isinstance<charter::person>(record)) {
      duplicate = record.cast<charter::person>().id.str();
    } else {
      throw py::type_error(fmt::format(
          "merge() merges an Organization or a Person, not {}: only "
          "organizations and people are merged",
          name_of_type(record)));
    }
  } else {
    duplicate =
        text_of("merge", is_org ? "org=" : "person=", is_org ? org : person);
  }
  std::string target;
  if (PyUnicode_Check(into.ptr()))
    target = into.cast<std::string>();
  else if (is_org && py::isinstance<organization>(into))
    target = into.cast<organization>().id.str();
  else if (!is_org && py::isinstance<charter::person>(into))
    target = into.cast<charter::person>().id.str();
  else
    throw py::type_error(fmt::format(
        "merge(): into= takes the id or the {} to merge into, not {}",
        is_org ? "Organization" : "Person", name_of_type(into)));
  if (is_org)
    b.merge(org_id{duplicate}, org_id{target});
  else
    b.merge(person_id{duplicate}, person_id{target});
}

preview_value value_of(preview p) {
  return {values_of(std::move(p.changes)), std::move(p.introduced),
          std::move(p.resolved)};
}

reference_value value_of(const registry& reg, const reference& ref) {
  return {kind_name(ref.from), to_string(ref.from), id_in(ref.from),
          ref.field,           ref.depends,         *reg.find_record(ref.from)};
}

void bind_edit(py::module_& m) {
  using std::optional;
  using std::string;
  using std::vector;

  py::class_<preview_value> preview_cls(
      m, "Preview",
      "What a change would do, worked out without doing it (see "
      "Batch.preview(), Registry.preview_revert()): nothing is written.");
  preview_cls
      .def(py::init([](vector<record_diff_value> changes,
                       vector<finding> introduced, vector<finding> resolved) {
             return preview_value{std::move(changes), std::move(introduced),
                                  std::move(resolved)};
           }),
           py::kw_only(), py::arg("changes") = py::list(),
           py::arg("introduced") = py::list(), py::arg("resolved") = py::list(),
           "Makes a preview.")
      .def_property_readonly(
          "changes", [](const preview_value& p) { return p.changes; },
          "The records the change would add, change (field by field) and "
          "remove, as RecordDiff values: by kind, then in the order the "
          "change writes them, the removed last.")
      .def_property_readonly(
          "introduced", [](const preview_value& p) { return p.introduced; },
          "The findings over all dates (check(all_dates=True)) that would "
          "hold after the change and do not before.")
      .def_property_readonly(
          "resolved", [](const preview_value& p) { return p.resolved; },
          "The findings over all dates that hold now and would not after "
          "the change. A finding whose dates or figures the change moves is "
          "in both lists, as it is and as it would be.")
      .def_property_readonly(
          "empty", [](const preview_value& p) { return p.changes.empty(); },
          "True when the change would change no record.");
  add_value_protocol(preview_cls,
                     {{{"changes", py::list()},
                       {"introduced", py::list()},
                       {"resolved", py::list()}}},
                     [](const preview_value& p) {
                       return py::make_tuple(py::tuple(py::cast(p.changes)),
                                             py::tuple(py::cast(p.introduced)),
                                             py::tuple(py::cast(p.resolved)));
                     });

  py::class_<reference_value> reference_cls(
      m, "Reference",
      "A record that refers to another (see Registry.referrers()).");
  reference_cls
      .def(py::init([](string kind, string key, optional<string> id,
                       string field, bool depends, py::object record) {
             return reference_value{std::move(kind), std::move(key),
                                    std::move(id),   std::move(field),
                                    depends,         record_from(record)};
           }),
           py::kw_only(), py::arg("kind"), py::arg("key"),
           py::arg("id") = py::none(), py::arg("field"),
           py::arg("depends") = false, py::arg("record"), "Makes a reference.")
      .def_property_readonly(
          "kind", [](const reference_value& r) { return r.kind; },
          "The referring record's kind: organization, person, foundation, "
          "project, body, membership, seat, role, meeting, invoice, report "
          "or election.")
      .def_property_readonly(
          "key", [](const reference_value& r) { return r.key; },
          "The referring record in words ('membership "
          "amd@pytorch-foundation/2022-09-12').")
      .def_property_readonly(
          "id", [](const reference_value& r) { return r.id; },
          "The referring record's id, or None for a membership, seat, role "
          "or report.")
      .def_property_readonly(
          "field", [](const reference_value& r) { return r.field; },
          "The referring field as the interchange format names it: org, "
          "parent, affiliations, represents, stewards, owner, scope...")
      .def_property_readonly(
          "depends", [](const reference_value& r) { return r.depends; },
          "True when the referring record cannot stand without the record it "
          "refers to (a membership of its organization): a removal with "
          "cascade=True removes it too. False when the reference is taken "
          "off it instead (a parent, an affiliation, a steward period).")
      .def_property_readonly(
          "record",
          [](const reference_value& r) { return record_object(r.record); },
          "A copy of the referring record (an Organization, ... an "
          "Election).");
  add_value_protocol(
      reference_cls,
      {{{"kind"},
        {"key"},
        {"id", py::none()},
        {"field"},
        {"depends", py::bool_(false)},
        {"record"}}},
      [](const reference_value& r) { return py::make_tuple(r.key, r.field); });
}

}  // namespace charter::python
