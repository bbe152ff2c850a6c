// `charter.diff()` and `charter.compare()`: what changed in a registry
// between two dates, and from one registry to another (<charter/diff.hpp>),
// as `DatedChange`, `RecordDiff` and `FieldChange` values.

#include <charter/diff.hpp>

#include <fmt/format.h>

#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "values.hpp"

namespace charter::python {

/// A `dated_change` as Python sees it: its kind by name, the records it
/// names by kind and id, a value it does not have as None.
struct dated_change_value {
  date on;
  std::string kind;
  std::string subject_kind;
  std::string subject;
  std::optional<std::string> object_kind;
  std::optional<std::string> object;
  std::optional<std::string> before;
  std::optional<std::string> after;
  std::optional<std::string> represents;
  std::string text;
  friend bool operator==(const dated_change_value&,
                         const dated_change_value&) = default;
};

std::string kind_name(const record_key& key) {
  return std::string(to_string(charter::kind_of(key)));
}

std::optional<std::string> id_in(const record_key& key) {
  return std::visit(
      [](const auto& k) -> std::optional<std::string> {
        if constexpr (requires { k.str(); })
          return k.str();
        else
          return std::nullopt;
      },
      key);
}

namespace {

dated_change_value value_of(dated_change c) {
  dated_change_value out{c.on,
                         std::string(to_string(c.kind)),
                         kind_name(c.subject),
                         id_in(c.subject).value_or(to_string(c.subject)),
                         std::nullopt,
                         std::nullopt,
                         unless_empty(std::move(c.before)),
                         unless_empty(std::move(c.after)),
                         std::nullopt,
                         std::move(c.text)};
  if (c.object) {
    out.object_kind = kind_name(*c.object);
    out.object = id_in(*c.object).value_or(to_string(*c.object));
  }
  if (c.represents) out.represents = c.represents->str();
  return out;
}

}  // namespace

record_diff_value value_of(record_diff d) {
  return {kind_name(d.key), to_string(d.key), id_in(d.key),
          std::string(to_string(d.change)), std::move(d.fields)};
}

std::vector<record_diff_value> values_of(std::vector<record_diff> diffs) {
  std::vector<record_diff_value> out;
  out.reserve(diffs.size());
  for (auto& d : diffs) out.push_back(value_of(std::move(d)));
  return out;
}

void bind_diff_values(py::module_& m) {
  using std::optional;
  using std::string;

  py::class_<dated_change_value> change_cls(
      m, "DatedChange", "A fact that began or ended on a day (see diff()).");
  change_cls
      .def(
          py::init([](date on, string kind, string subject_kind, string subject,
                      optional<string> object_kind, optional<string> object,
                      optional<string> before, optional<string> after,
                      optional<string> represents, string text) {
            return dated_change_value{on,
                                      std::move(kind),
                                      std::move(subject_kind),
                                      std::move(subject),
                                      std::move(object_kind),
                                      std::move(object),
                                      std::move(before),
                                      std::move(after),
                                      std::move(represents),
                                      std::move(text)};
          }),
          py::kw_only(), py::arg("on"), py::arg("kind"),
          py::arg("subject_kind"), py::arg("subject"),
          py::arg("object_kind") = py::none(), py::arg("object") = py::none(),
          py::arg("before") = py::none(), py::arg("after") = py::none(),
          py::arg("represents") = py::none(), py::arg("text") = "",
          "Makes a change.")
      .def_property_readonly(
          "on", [](const dated_change_value& c) { return c.on; },
          "The day it happened (datetime.date).")
      .def_property_readonly(
          "kind", [](const dated_change_value& c) { return c.kind; },
          "joined, tier-changed, left, affiliated, unaffiliated, seat-taken, "
          "seat-vacated, role-started, role-ended, steward-began, "
          "transferred, steward-ended, stage-began, stage-changed or "
          "stage-ended.")
      .def_property_readonly(
          "subject_kind",
          [](const dated_change_value& c) { return c.subject_kind; },
          "organization, person or project.")
      .def_property_readonly(
          "subject", [](const dated_change_value& c) { return c.subject; },
          "The id of whom or what it happened to: the organization "
          "(memberships), the person (affiliations, seats, roles) or the "
          "project (stewards, stages).")
      .def_property_readonly(
          "object_kind",
          [](const dated_change_value& c) { return c.object_kind; },
          "The kind of ``object``, or None.")
      .def_property_readonly(
          "object", [](const dated_change_value& c) { return c.object; },
          "Where, by id: the foundation, the organization, the body, the "
          "role's scope, the steward (for a transfer the new one); None for "
          "a stage.")
      .def_property_readonly(
          "before", [](const dated_change_value& c) { return c.before; },
          "The value before (the tier left, the steward, the stage...), or "
          "None.")
      .def_property_readonly(
          "after", [](const dated_change_value& c) { return c.after; },
          "The value after (the tier joined in, the seat class, the "
          "title...), or None.")
      .def_property_readonly(
          "represents",
          [](const dated_change_value& c) { return c.represents; },
          "The organization a seat taken or vacated represents, or None.")
      .def_property_readonly(
          "text", [](const dated_change_value& c) { return c.text; },
          "The fact in words ('amd joined pytorch-foundation as premier').");
  add_value_protocol(change_cls,
                     {{{"on"},
                       {"kind"},
                       {"subject_kind"},
                       {"subject"},
                       {"object_kind", py::none()},
                       {"object", py::none()},
                       {"before", py::none()},
                       {"after", py::none()},
                       {"represents", py::none()},
                       {"text", py::str("")}}},
                     [](const dated_change_value& c) {
                       return py::make_tuple(c.on, c.kind, c.subject, c.object);
                     });

  py::class_<field_change> field_cls(
      m, "FieldChange", "One field of a record whose value differs.");
  field_cls
      .def(py::init([](string field, optional<string> before,
                       optional<string> after) {
             return field_change{std::move(field), std::move(before),
                                 std::move(after)};
           }),
           py::kw_only(), py::arg("field"), py::arg("before") = py::none(),
           py::arg("after") = py::none(), "Makes a field change.")
      .def_property_readonly(
          "field", [](const field_change& f) { return f.field; },
          "A JSON Pointer into the record's interchange form ('/name', "
          "'/tiers/0/rank').")
      .def_property_readonly(
          "before", [](const field_change& f) { return f.before; },
          "The value before as JSON text ('\"Amazon\"', '3'), or None when "
          "the record did not have the field.")
      .def_property_readonly(
          "after", [](const field_change& f) { return f.after; },
          "The value after as JSON text, or None when the record no longer "
          "has the field.");
  add_value_protocol(
      field_cls, {{{"field"}, {"before", py::none()}, {"after", py::none()}}},
      [](const field_change& f) {
        return py::make_tuple(f.field, f.before, f.after);
      });

  py::class_<record_diff_value> diff_cls(
      m, "RecordDiff",
      "A record added, removed or changed from one registry to another (see "
      "compare()).");
  diff_cls
      .def(py::init([](string kind, string key, optional<string> id,
                       string change, std::vector<field_change> fields) {
             return record_diff_value{std::move(kind), std::move(key),
                                      std::move(id), std::move(change),
                                      std::move(fields)};
           }),
           py::kw_only(), py::arg("kind"), py::arg("key"),
           py::arg("id") = py::none(), py::arg("change"),
           py::arg("fields") = py::list(), "Makes a record diff.")
      .def_property_readonly(
          "kind", [](const record_diff_value& d) { return d.kind; },
          "organization, person, foundation, project, body, membership, "
          "seat, role, meeting, invoice, report or election.")
      .def_property_readonly(
          "key", [](const record_diff_value& d) { return d.key; },
          "The record in words ('organization aws', 'membership "
          "amd@pytorch-foundation/2022-09-12').")
      .def_property_readonly(
          "id", [](const record_diff_value& d) { return d.id; },
          "The record's id, or None for a membership, seat, role or "
          "report.")
      .def_property_readonly(
          "change", [](const record_diff_value& d) { return d.change; },
          "added, removed or changed.")
      .def_property_readonly(
          "fields", [](const record_diff_value& d) { return d.fields; },
          "For a changed record, the fields that differ (FieldChange), in "
          "the document's order; empty for the others.");
  add_value_protocol(diff_cls,
                     {{{"kind"},
                       {"key"},
                       {"id", py::none()},
                       {"change"},
                       {"fields", py::list()}}},
                     [](const record_diff_value& d) {
                       return py::make_tuple(d.key, d.change);
                     });
}

void bind_diff(py::module_& m) {
  using std::optional;

  m.def(
      "diff",
      [](const holder_ptr& reg, date from, optional<date> to,
         const optional<foundation_id>& foundation) {
        const date until = date_or_today(to);
        if (!(from < until))
          throw py::value_error(
              fmt::format("diff(): to ({}) must be after from_ ({})",
                          to_string(until), to_string(from)));
        auto changes = read_nogil(*reg, [&](const registry& r) {
          return charter::changes_between(r, from, until, foundation);
        });
        std::vector<dated_change_value> out;
        out.reserve(changes.size());
        for (auto& c : changes) out.push_back(value_of(std::move(c)));
        return out;
      },
      py::arg("registry"), py::arg("from_"), py::arg("to") = py::none(),
      py::kw_only(), py::arg("foundation") = py::none(),
      "Every fact that began or ended on a day from ``from_`` (included) to "
      "``to`` (excluded; default today), in date order, as the changes "
      "report counts them (a tier change is neither a departure nor a "
      "join). ``foundation`` keeps that foundation's part: its memberships, "
      "bodies, roles, projects, and the affiliations of people with its "
      "members. Raises ValueError when ``to`` is not after ``from_``, "
      "NotFoundError for an unknown foundation.");

  m.def(
      "compare",
      [](const holder_ptr& before, const holder_ptr& after) {
        std::vector<record_diff> diffs;
        {
          py::gil_scoped_release release;
          registry_holder* a = before.get();
          registry_holder* b = after.get();
          // Both locks in one order (by address), so that two threads
          // comparing the same pair either way round never wait on each
          // other behind a writer; a registry with itself is locked once.
          const bool a_first = std::less<>{}(a, b);
          std::shared_lock first((a_first ? a : b)->mutex());
          std::shared_lock<std::shared_mutex> second;
          if (a != b) second = std::shared_lock((a_first ? b : a)->mutex());
          diffs = charter::compare(a->reg(), b->reg());
        }
        return values_of(std::move(diffs));
      },
      py::arg("before"), py::arg("after"),
      "The records that differ from registry ``before`` to registry "
      "``after``, compared as their interchange documents hold them (every "
      "field and extra), as RecordDiff values: by kind, then in the "
      "documents' order. Empty when both hold the same records.");
}

}  // namespace charter::python
