#ifndef CHARTER_PYTHON_VALUES_HPP
#define CHARTER_PYTHON_VALUES_HPP

// Internal: the value protocol every record class of the module follows
// (`_fields`, `__repr__`, `__eq__`, `__hash__`, `replace`, `to_dict`, copying
// and pickling), and the Python-side records of query results that point into a
// registry in C++.

#include <charter/batch.hpp>
#include <charter/checks.hpp>
#include <charter/date.hpp>
#include <charter/diff.hpp>
#include <charter/model.hpp>
#include <charter/report.hpp>
#include <charter/store.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "module.hpp"

namespace charter::python {

/// `s`, or None for an empty text (the C++ results' "none").
inline std::optional<std::string> unless_empty(std::string s) {
  if (s.empty()) return std::nullopt;
  return s;
}

/// One constructor keyword of a record class; `__repr__` leaves it out when
/// it holds its default.
struct field {
  std::string name;
  py::object default_value = {};  ///< null: required, always shown
};

/// What the value protocol needs to know about a class.
struct class_spec {
  class_spec(std::vector<field> f, std::vector<std::vector<std::string>> e = {})
      : fields(std::move(f)), exclusive(std::move(e)) {}

  std::vector<field> fields;
  /// Keywords of which at most one is set (`foundation`/`project`):
  /// `replace` clears the others when one of them is changed.
  std::vector<std::vector<std::string>> exclusive;
};

/// Adds `_fields`, `__repr__`, `replace`, `__copy__`, `__deepcopy__` and
/// `__reduce__` to `cls`, built on its keyword constructor and properties,
/// and `to_dict` (its fields as plain data) unless `cls` has its own.
void add_value_protocol(py::object cls, std::shared_ptr<const class_spec> spec);

/// Adds the value protocol, plus `__eq__` (the C++ `==`) and `__hash__`
/// (of the tuple `key` returns; equal values give equal keys).
template <class T, class Key>
void add_value_protocol(py::class_<T>& cls, class_spec spec, Key key) {
  cls.def(
      "__eq__", [](const T& a, const T& b) { return a == b; },
      py::is_operator(), "Equal when every field is.");
  cls.def(
      "__hash__", [key](const T& v) { return py::hash(key(v)); },
      "Hash of the fields that identify the value.");
  add_value_protocol(py::object(cls),
                     std::make_shared<const class_spec>(std::move(spec)));
}

/// The members of one tier on a date (a copy of `charter::tier_members`).
struct tier_members_value {
  charter::tier tier;
  std::vector<membership> members;
  friend bool operator==(const tier_members_value&,
                         const tier_members_value&) = default;
};

/// A seat class's entitlement on a date (a copy of `charter::entitlement`).
struct entitlement_value {
  charter::seat_class seat_class;
  int seats = 0;
  int filled = 0;
  int vacant() const noexcept { return seats > filled ? seats - filled : 0; }
  friend bool operator==(const entitlement_value&,
                         const entitlement_value&) = default;
};

/// A line of a record's history as Python sees it: its kind's name and its
/// words (`describe` of <charter/report.hpp>), not the C++ entry's pointers
/// into the registry, so that it never dangles.
struct history_entry_value {
  period when;
  std::string kind;
  std::string text;
  friend bool operator==(const history_entry_value&,
                         const history_entry_value&) = default;
};

inline history_entry_value value_of(history_line line) {
  return {line.when, std::string(to_string(line.kind)), std::move(line.text)};
}

/// The name of `key`'s kind: "organization", ... "role" (diff.cpp).
std::string kind_name(const record_key& key);
/// The id of a key of a kind that has one; none for a membership, seat or
/// role (diff.cpp).
std::optional<std::string> id_in(const record_key& key);

/// A `record_diff` as Python sees it (`RecordDiff`): the record by kind,
/// words and (for the kinds that have one) id.
struct record_diff_value {
  std::string kind;
  std::string key;
  std::optional<std::string> id;
  std::string change;
  std::vector<field_change> fields;
  friend bool operator==(const record_diff_value&,
                         const record_diff_value&) = default;
};

record_diff_value value_of(record_diff d);  // diff.cpp
std::vector<record_diff_value> values_of(std::vector<record_diff> diffs);

/// A `charter::preview` as Python sees it (`Preview`).
struct preview_value {
  std::vector<record_diff_value> changes;
  std::vector<finding> introduced, resolved;
  friend bool operator==(const preview_value&, const preview_value&) = default;
};

preview_value value_of(preview p);  // edit.cpp

/// A `charter::reference` as Python sees it (`Reference`): the referring
/// record by kind, words and id, as `record_diff_value` names it, and a
/// copy of it.
struct reference_value {
  std::string kind;
  std::string key;
  std::optional<std::string> id;
  std::string field;
  bool depends = false;
  any_record record;
  friend bool operator==(const reference_value&,
                         const reference_value&) = default;
};

/// `ref`, one of `reg.referrers(...)`, with a copy of its record.
reference_value value_of(const registry& reg,
                         const reference& ref);  // edit.cpp

}  // namespace charter::python

#endif
