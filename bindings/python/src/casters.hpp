#ifndef CHARTER_PYTHON_CASTERS_HPP
#define CHARTER_PYTHON_CASTERS_HPP

// Conversions between charter's value types and plain Python values, so that
// Python sees ids as `str`, dates as `datetime.date` (and takes them as a
// `datetime.date`, a `datetime.datetime` or ISO text) and `extra` fields as
// `dict`. Included by every translation unit of the module.

#include <charter/date.hpp>
#include <charter/extra_json.hpp>
#include <charter/id.hpp>
#include <charter/model.hpp>

#include <boost/json/value.hpp>
#include <pybind11/eval.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <chrono>
#include <optional>
#include <string>

namespace charter::python {

/// `datetime.date` from a charter date, and back. The datetime C API is
/// imported on first use.
pybind11::object to_py_date(date d);
/// Accepts a `datetime.date`, a `datetime.datetime` (its own date, as
/// `.date()` gives it, whatever its time zone) or a `str` in `YYYY-MM-DD`;
/// false for anything else.
/// @throws charter::parse_error naming the text of a `str` that is not a
/// date.
bool from_py_date(pybind11::handle h, date& out);

/// A timezone-aware `datetime.datetime` in UTC from a time.
pybind11::object to_py_time(std::chrono::sys_seconds t);
/// A time from a `datetime.datetime` (an aware one converted to UTC, a
/// naive one taken as UTC; to the second) or from text as audit entries
/// write it (`2026-11-26T13:45:07Z`).
/// @throws pybind11::type_error for anything else, charter::parse_error
/// for text that is not such a time.
std::chrono::sys_seconds from_py_time(pybind11::handle h);
/// The ISO text of a `datetime.datetime` (as `from_py_time` reads it,
/// `2026-11-26T13:45:07Z`) or of a `datetime.date` (`2022-09-12`); nothing
/// for anything else.
std::optional<std::string> iso_text(pybind11::handle h);
/// What `log(since=...)` takes, as the text `log_filter::since` compares: a
/// `datetime.datetime` (as `from_py_time`), a `datetime.date` (its first
/// second) or the start of a time's text (`2026-11`); nothing for None.
/// @throws pybind11::type_error or charter::parse_error as above.
std::optional<std::string> since_text(pybind11::handle h);

/// A JSON value as plain Python: None, bool, int, float, str, list, dict.
pybind11::object to_py_json(const boost::json::value& v);
/// The reverse; TypeError for anything that is not JSON-like (or a dict
/// whose keys are not strings). A float that is not finite becomes null,
/// which is what the interchange format has always written for one.
boost::json::value from_py_json(pybind11::handle h);

}  // namespace charter::python

namespace pybind11::detail {

// Strong ids are plain `str` in Python.
template <class Tag>
struct type_caster<charter::basic_id<Tag>> {
  PYBIND11_TYPE_CASTER(charter::basic_id<Tag>, const_name("str"));

  bool load(handle src, bool) {
    if (!src || !PyUnicode_Check(src.ptr())) return false;
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(src.ptr(), &size);
    if (!data) {
      PyErr_Clear();
      return false;
    }
    value = charter::basic_id<Tag>{
        std::string(data, static_cast<std::size_t>(size))};
    return true;
  }

  static handle cast(const charter::basic_id<Tag>& id, return_value_policy,
                     handle) {
    return PyUnicode_FromStringAndSize(
        id.str().data(), static_cast<Py_ssize_t>(id.str().size()));
  }
};

// Dates are `datetime.date`; `datetime.datetime` and ISO text are taken too
// (a bad text raises ParseError, naming it, rather than a TypeError).
template <>
struct type_caster<charter::date> {
  PYBIND11_TYPE_CASTER(charter::date, const_name("datetime.date"));

  bool load(handle src, bool) {
    return src && charter::python::from_py_date(src, value);
  }

  static handle cast(const charter::date& d, return_value_policy, handle) {
    return charter::python::to_py_date(d).release();
  }
};

// `extra` is a dict of JSON-like values, converted through Boost.JSON's
// values (<charter/extra_json.hpp>).
template <>
struct type_caster<charter::extra_fields> {
  PYBIND11_TYPE_CASTER(charter::extra_fields, const_name("dict[str, Any]"));

  bool load(handle src, bool) {
    if (!src || !PyDict_Check(src.ptr())) return false;
    value = charter::from_value(charter::python::from_py_json(src));
    return true;
  }

  static handle cast(const charter::extra_fields& o, return_value_policy,
                     handle) {
    return charter::python::to_py_json(charter::to_value(o)).release();
  }
};

}  // namespace pybind11::detail

#endif
