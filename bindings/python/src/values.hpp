#ifndef CHARTER_PYTHON_VALUES_HPP
#define CHARTER_PYTHON_VALUES_HPP

// Internal: the value protocol every record class of the module follows
// (`_fields`, `__repr__`, `__eq__`, `__hash__`, `replace`, `to_dict`, copying
// and pickling), and the Python-side records of query results that point into a
// registry in C++.

#include <charter/date.hpp>
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

}  // namespace charter::python

#endif
