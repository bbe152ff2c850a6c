// The `charter._charter` extension module, re-exported by `charter`.

#include "module.hpp"

#include <charter/date.hpp>
#include <charter/error.hpp>
#include <charter/id.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <fmt/format.h>

#include <chrono>
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
  PyObject* o = h.ptr();
  if (PyUnicode_Check(o)) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(o, &size);
    if (!data) throw py::error_already_set();
    out = parse_date(std::string_view(data, static_cast<std::size_t>(size)));
    return true;
  }
  // A datetime is a date too: these read its own date.
  if (!PyDate_Check(o)) return false;
  out = date{std::chrono::year{PyDateTime_GET_YEAR(o)},
             std::chrono::month{static_cast<unsigned>(PyDateTime_GET_MONTH(o))},
             std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(o))}};
  return true;
}

py::object to_py_time(std::chrono::sys_seconds t) {
  import_datetime();
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const date d{day};
  const std::chrono::hh_mm_ss clock{t - day};
  PyObject* result = PyDateTimeAPI->DateTime_FromDateAndTime(
      static_cast<int>(d.year()),
      static_cast<int>(static_cast<unsigned>(d.month())),
      static_cast<int>(static_cast<unsigned>(d.day())),
      static_cast<int>(clock.hours().count()),
      static_cast<int>(clock.minutes().count()),
      static_cast<int>(clock.seconds().count()), 0, PyDateTime_TimeZone_UTC,
      PyDateTimeAPI->DateTimeType);
  if (!result) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(result);
}

namespace {

std::string type_name_of(py::handle h) {
  return py::type::handle_of(h).attr("__name__").cast<std::string>();
}

}  // namespace

std::chrono::sys_seconds from_py_time(py::handle h) {
  import_datetime();
  if (PyUnicode_Check(h.ptr())) return parse_time(h.cast<std::string>());
  if (!PyDateTime_Check(h.ptr()))
    throw py::type_error(
        fmt::format("expected a datetime.datetime or a time such as "
                    "'2026-11-26T13:45:07Z', not {}",
                    type_name_of(h)));
  py::object utc = py::reinterpret_borrow<py::object>(h);
  if (!utc.attr("utcoffset")().is_none())
    utc = utc.attr("astimezone")(py::handle(PyDateTime_TimeZone_UTC));
  PyObject* o = utc.ptr();
  const date d{
      std::chrono::year{PyDateTime_GET_YEAR(o)},
      std::chrono::month{static_cast<unsigned>(PyDateTime_GET_MONTH(o))},
      std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(o))}};
  return std::chrono::sys_days{d} +
         std::chrono::hours{PyDateTime_DATE_GET_HOUR(o)} +
         std::chrono::minutes{PyDateTime_DATE_GET_MINUTE(o)} +
         std::chrono::seconds{PyDateTime_DATE_GET_SECOND(o)};
}

std::optional<std::string> iso_text(py::handle h) {
  import_datetime();
  if (PyDateTime_Check(h.ptr())) return to_string(from_py_time(h));
  date d;
  if (PyDate_Check(h.ptr()) && from_py_date(h, d)) return to_string(d);
  return std::nullopt;
}

std::optional<std::string> since_text(py::handle h) {
  if (h.is_none()) return std::nullopt;
  if (auto text = iso_text(h)) return text;
  if (!PyUnicode_Check(h.ptr()))
    throw py::type_error(fmt::format(
        "since= takes a datetime.datetime, a datetime.date or text such as "
        "'2026-11', not {}",
        type_name_of(h)));
  // The log compares the text with its times' texts: it must be the start
  // of one, or it would silently match everything or nothing.
  std::string text = h.cast<std::string>();
  constexpr std::string_view shape = "dddd-dd-ddTdd:dd:ddZ";
  bool ok = text.size() <= shape.size();
  for (std::size_t i = 0; ok && i < text.size(); ++i)
    ok = shape[i] == 'd' ? text[i] >= '0' && text[i] <= '9'
                         : text[i] == shape[i];
  if (!ok)
    throw parse_error(
        fmt::format("'{}' is not a time or the start of one "
                    "(2026-11-26T13:45:07Z, 2026-11-26, 2026-11)",
                    text));
  return text;
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
  bind_diff_values(m);
  bind_edit(m);
  bind_registry(m);
  bind_reports(m);
  bind_find(m);
  bind_import(m);
  bind_elections(m);
  bind_governance(m);
  bind_diff(m);

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
