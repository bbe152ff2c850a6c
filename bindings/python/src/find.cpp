// `charter.find()` and `charter.resolve()`: records by what people call them
// (<charter/find.hpp>), as `FindHit` and `Resolved` values.

#include <charter/error.hpp>
#include <charter/find.hpp>

#include <fmt/format.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "values.hpp"

namespace charter::python {

/// A `find_hit` as Python sees it: enumerations by their names, an empty
/// owner or site as None.
struct find_hit_value {
  std::string kind;
  std::string id;
  std::optional<std::string> owner;
  std::string name;
  std::string field;
  std::string text;
  std::optional<std::string> site;
  std::string match;
  friend bool operator==(const find_hit_value&,
                         const find_hit_value&) = default;
};

/// A `resolved` as Python sees it.
struct resolved_value {
  std::string kind;
  std::string id;
  std::string by;
  std::string text;
  friend bool operator==(const resolved_value&,
                         const resolved_value&) = default;
};

namespace {

find_kind find_kind_named(const std::string& name) {
  if (auto k = parse_find_kind(name)) return *k;
  throw parse_error(fmt::format(
      "'{}' is not a kind of record (organization, person, foundation, "
      "project, body, tier, seat-class)",
      name));
}

}  // namespace

void bind_find(py::module_& m) {
  using std::optional;
  using std::string;

  py::class_<find_hit_value> hit_cls(
      m, "FindHit", "A record that find() found, by its best field.");
  hit_cls
      .def(py::init([](string kind, string id, optional<string> owner,
                       string name, string field, string text,
                       optional<string> site, string match) {
             return find_hit_value{std::move(kind),  std::move(id),
                                   std::move(owner), std::move(name),
                                   std::move(field), std::move(text),
                                   std::move(site),  std::move(match)};
           }),
           py::kw_only(), py::arg("kind"), py::arg("id"),
           py::arg("owner") = py::none(), py::arg("name") = "",
           py::arg("field"), py::arg("text"), py::arg("site") = py::none(),
           py::arg("match"), "Makes a hit.")
      .def_property_readonly(
          "kind", [](const find_hit_value& h) { return h.kind; },
          "organization, person, foundation, project, body, tier or "
          "seat-class.")
      .def_property_readonly(
          "id", [](const find_hit_value& h) { return h.id; },
          "The record's id; for a tier or a seat class its own id "
          "('premier').")
      .def_property_readonly(
          "owner", [](const find_hit_value& h) { return h.owner; },
          "A tier's foundation or a seat class's body, else None.")
      .def_property_readonly(
          "name", [](const find_hit_value& h) { return h.name; },
          "The record's name ('' for a seat class).")
      .def_property_readonly(
          "field", [](const find_hit_value& h) { return h.field; },
          "What matched: id, alias, email, handle, domain or name.")
      .def_property_readonly(
          "text", [](const find_hit_value& h) { return h.text; },
          "The field's value as the registry holds it ('AWS').")
      .def_property_readonly(
          "site", [](const find_hit_value& h) { return h.site; },
          "A handle's site ('github'), else None.")
      .def_property_readonly(
          "match", [](const find_hit_value& h) { return h.match; },
          "How well: exact, prefix, word or substring.");
  add_value_protocol(hit_cls,
                     {{{"kind"},
                       {"id"},
                       {"owner", py::none()},
                       {"name", py::str("")},
                       {"field"},
                       {"text"},
                       {"site", py::none()},
                       {"match"}}},
                     [](const find_hit_value& h) {
                       return py::make_tuple(h.kind, h.owner, h.id, h.field);
                     });

  py::class_<resolved_value> resolved_cls(
      m, "Resolved", "A record that some text names (see resolve()).");
  resolved_cls
      .def(py::init([](string kind, string id, string by, string text) {
             return resolved_value{std::move(kind), std::move(id),
                                   std::move(by), std::move(text)};
           }),
           py::kw_only(), py::arg("kind"), py::arg("id"), py::arg("by"),
           py::arg("text"), "Makes a resolved record.")
      .def_property_readonly(
          "kind", [](const resolved_value& r) { return r.kind; },
          "organization, person, foundation, project or body.")
      .def_property_readonly(
          "id", [](const resolved_value& r) { return r.id; },
          "The record's id.")
      .def_property_readonly(
          "by", [](const resolved_value& r) { return r.by; },
          "How the text named it: id, alias, email or handle.")
      .def_property_readonly(
          "text", [](const resolved_value& r) { return r.text; },
          "What matched, as the registry holds it (a handle as "
          "'site=name').");
  add_value_protocol(
      resolved_cls, {{{"kind"}, {"id"}, {"by"}, {"text"}}},
      [](const resolved_value& r) { return py::make_tuple(r.kind, r.id); });

  m.def(
      "find",
      [](const holder_ptr& reg, const string& text,
         const optional<string>& kind) {
        optional<find_kind> k;
        if (kind) k = find_kind_named(*kind);
        const auto hits = read(
            *reg, [&](const registry& r) { return charter::find(r, text, k); });
        std::vector<find_hit_value> out;
        out.reserve(hits.size());
        for (const auto& h : hits)
          out.push_back({string(to_string(h.kind)), h.id, unless_empty(h.owner),
                         h.name, string(to_string(h.field)), h.text,
                         unless_empty(h.site), string(to_string(h.match))});
        return out;
      },
      py::arg("registry"), py::arg("text"), py::arg("kind") = py::none(),
      "The records whose id, name, alias, domain, email or handle holds "
      "``text`` (without regard to case or Latin accents), best first: exact "
      "matches, then prefixes, word starts and substrings; among equals ids, "
      "aliases, emails, handles, domains, then names. ``kind`` narrows the "
      "search to organization, person, foundation, project, body, tier or "
      "seat-class (ParseError for another name). Text with no letters or "
      "digits finds nothing.");

  m.def(
      "resolve",
      [](const holder_ptr& reg, const string& text, const string& kind) {
        const find_kind k = find_kind_named(kind);
        const auto found = read(*reg, [&](const registry& r) {
          return charter::resolve(r, k, text);
        });
        std::vector<resolved_value> out;
        out.reserve(found.size());
        for (const auto& r : found)
          out.push_back({string(to_string(r.kind)), r.id,
                         string(to_string(r.by)), r.text});
        return out;
      },
      py::arg("registry"), py::arg("text"), py::arg("kind"),
      "The records of ``kind`` that ``text`` names, as the command line "
      "takes an argument: the record whose id is ``text`` when there is one, "
      "else every organization with that alias, or person with that email "
      "or handle (folded as find() folds). Empty when none; more than one "
      "when the text is ambiguous. Sorted by id.");
}

}  // namespace charter::python
