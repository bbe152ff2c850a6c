// The `charter._charter` extension module, re-exported by `charter`.

#include "module.hpp"

#include <charter/date.hpp>
#include <charter/id.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <cmath>
#include <limits>

#include <datetime.h>

#ifndef CHARTER_VERSION
#define CHARTER_VERSION "0.0.0"
#endif

namespace charter::python {

namespace {

void import_datetime() {
  if (!PyDateTimeAPI) {
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI) throw py::error_already_set();
  }
}

}  // namespace

py::object to_py_date(date d) {
  import_datetime();
  PyObject* result =
      PyDate_FromDate(static_cast<int>(d.year()),
                      static_cast<int>(static_cast<unsigned>(d.month())),
                      static_cast<int>(static_cast<unsigned>(d.day())));
  if (!result) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(result);
}

bool from_py_date(py::handle h, date& out) {
  import_datetime();
  if (!PyDate_Check(h.ptr()) || PyDateTime_Check(h.ptr())) return false;
  out = date{
      std::chrono::year{PyDateTime_GET_YEAR(h.ptr())},
      std::chrono::month{static_cast<unsigned>(PyDateTime_GET_MONTH(h.ptr()))},
      std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(h.ptr()))}};
  return true;
}

py::object to_py_json(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      return py::none();
    case boost::json::kind::bool_:
      return py::bool_(v.get_bool());
    case boost::json::kind::int64:
      return py::int_(v.get_int64());
    case boost::json::kind::uint64:
      return py::int_(v.get_uint64());
    case boost::json::kind::double_:
      return py::float_(v.get_double());
    case boost::json::kind::string: {
      const auto& s = v.get_string();
      return py::str(s.data(), s.size());
    }
    case boost::json::kind::array: {
      py::list out;
      for (const auto& item : v.get_array()) out.append(to_py_json(item));
      return out;
    }
    case boost::json::kind::object: {
      py::dict out;
      for (const auto& [key, item] : v.get_object())
        out[py::str(key.data(), key.size())] = to_py_json(item);
      return out;
    }
  }
  return py::none();
}

boost::json::value from_py_json(py::handle h) {
  PyObject* o = h.ptr();
  if (o == Py_None) return nullptr;
  if (PyBool_Check(o)) return o == Py_True;
  if (PyLong_Check(o)) {
    int overflow = 0;
    const long long value = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (!overflow) return static_cast<std::int64_t>(value);
    if (overflow > 0) {
      const unsigned long long big = PyLong_AsUnsignedLongLong(o);
      if (!PyErr_Occurred()) return static_cast<std::uint64_t>(big);
      PyErr_Clear();
    }
    throw py::value_error("an integer in extra does not fit in 64 bits");
  }
  if (PyFloat_Check(o)) {
    // As the interchange format writes a number that JSON cannot hold.
    const double d = PyFloat_AS_DOUBLE(o);
    if (!std::isfinite(d)) return nullptr;
    return d;
  }
  if (PyUnicode_Check(o)) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(o, &size);
    if (!data) throw py::error_already_set();
    return boost::json::string(data, static_cast<std::size_t>(size));
  }
  if (PyList_Check(o) || PyTuple_Check(o)) {
    boost::json::array out;
    for (auto item : py::reinterpret_borrow<py::sequence>(h))
      out.push_back(from_py_json(item));
    return out;
  }
  if (PyDict_Check(o)) {
    boost::json::object out;
    for (auto [key, item] : py::reinterpret_borrow<py::dict>(h)) {
      if (!PyUnicode_Check(key.ptr()))
        throw py::type_error("the keys of extra must be str");
      out[key.cast<std::string>()] = from_py_json(item);
    }
    return out;
  }
  throw py::type_error(
      "extra holds JSON values only (None, bool, int, float, str, list, dict), "
      "not " +
      py::type::handle_of(h).attr("__name__").cast<std::string>());
}

}  // namespace charter::python

PYBIND11_MODULE(_charter, m) {
  namespace py = pybind11;
  using namespace charter::python;

  m.doc() =
      "charter's C++ library: the registry of open-source foundations' "
      "members, boards and roles, with "
      "as-of queries at any date. Use it through the `charter` package.";
  m.attr("__version__") = CHARTER_VERSION;

  bind_model(m);  // first: the value protocol's pickling helper
  bind_errors(m);
  bind_registry(m);
  bind_reports(m);

  m.def(
      "is_slug", [](std::string_view s) { return charter::is_slug(s); },
      py::arg("text"),
      "True if ``text`` is a valid id: [a-z0-9][a-z0-9._-]*, at most 64 "
      "characters.");
  m.def(
      "parse_date",
      [](std::string_view text) { return charter::parse_date(text); },
      py::arg("text"),
      "Parses exactly YYYY-MM-DD (as the interchange format and the CLI write "
      "dates). Raises ParseError.");
  m.def(
      "today", [] { return charter::today(); },
      "Today's date in UTC: the date queries take when ``at`` is not given.");
}
