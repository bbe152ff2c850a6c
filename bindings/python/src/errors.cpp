// Every exception charter throws, mapped to a Python exception class in one
// place. The classes are defined in Python (so that they are ordinary,
// picklable exception classes with keyword constructors) and raised with
// their fields set.

#include <charter/error.hpp>
#include <charter/import.hpp>
#include <charter/report.hpp>
#include <charter/store.hpp>

#include <exception>
#include <filesystem>

#include "values.hpp"

namespace charter::python {

namespace {

constexpr const char* exception_classes = R"PY(
class Error(Exception):
    """The base of every exception charter raises."""


class ValidationError(Error, ValueError):
    """A change or a document was rejected; nothing was changed.

    ``problems`` lists every problem found (up to 100), each a ``Problem``
    with ``pointer`` (where: a JSON Pointer into a document, or the record
    and field), ``id`` (the offending id or key, may be empty) and
    ``message``.
    """

    def __init__(self, message="", problems=()):
        super().__init__(message)
        self.problems = list(problems)


class NotFoundError(Error, LookupError):
    """A lookup named an id that does not exist.

    ``kind`` is the kind of record looked for ("organization", "body", ...)
    and ``id`` the id that was not found.
    """

    def __init__(self, message="", kind="", id=""):
        super().__init__(message)
        self.kind = kind
        self.id = id


class ParseError(Error, ValueError):
    """Text that should have been a date, an amount, a name... was not."""


class SourceError(ParseError):
    """A source file of an import is not what its source publishes (a YAML
    syntax error, a table with a missing column, an impossible date);
    nothing was imported. ``file``, ``line`` and ``column`` (from 1; 0 when
    unknown) say where, ``reason`` what.
    """

    def __init__(self, message="", file="", line=0, column=0, reason=""):
        super().__init__(message)
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason


class StorageError(Error, OSError):
    """A store could not read or write (I/O, a busy or foreign database)."""


class ConflictError(StorageError):
    """Another writer changed the store meanwhile; nothing was written."""


class BusyError(StorageError):
    """Another writer held the store's lock for longer than the busy
    timeout; nothing was written, and trying again later may succeed."""


class ReportError(Error, ValueError):
    """A report was asked for in a way that cannot be served (an unknown
    kind, a format the report has no rendering in, a missing option)."""
)PY";

// The classes, kept for the life of the process (never released: the
// translator may run until the interpreter is gone).
struct exception_types {
  PyObject* error = nullptr;
  PyObject* validation = nullptr;
  PyObject* not_found = nullptr;
  PyObject* parse = nullptr;
  PyObject* source = nullptr;
  PyObject* storage = nullptr;
  PyObject* conflict = nullptr;
  PyObject* busy = nullptr;
  PyObject* report = nullptr;
};
exception_types types;

void raise(PyObject* type, py::object instance) {
  PyErr_SetObject(type, instance.ptr());
}

void raise_message(PyObject* type, const char* message) {
  raise(type, py::reinterpret_borrow<py::object>(type)(py::str(message)));
}

void translate(std::exception_ptr p) {
  if (!p) return;
  try {
    std::rethrow_exception(p);
  } catch (const validation_error& e) {
    py::list problems;
    for (const auto& pr : e.problems()) problems.append(py::cast(pr));
    raise(types.validation, py::reinterpret_borrow<py::object>(
                                types.validation)(py::str(e.what()), problems));
  } catch (const not_found_error& e) {
    raise(types.not_found,
          py::reinterpret_borrow<py::object>(types.not_found)(
              py::str(e.what()), py::str(e.kind()), py::str(e.id())));
  } catch (const conflict_error& e) {
    raise_message(types.conflict, e.what());
  } catch (const busy_error& e) {
    raise_message(types.busy, e.what());
  } catch (const storage_error& e) {
    raise_message(types.storage, e.what());
  } catch (const source_error& e) {
    const auto& at = e.where();
    raise(types.source, py::reinterpret_borrow<py::object>(types.source)(
                            py::str(e.what()), py::str(at.file), at.line,
                            at.column, py::str(e.reason())));
  } catch (const parse_error& e) {
    raise_message(types.parse, e.what());
  } catch (const report_error& e) {
    raise_message(types.report, e.what());
  } catch (const error& e) {
    raise_message(types.error, e.what());
  } catch (const std::filesystem::filesystem_error& e) {
    // Path handling outside a store (a path that cannot be converted...).
    raise_message(types.storage, e.what());
  } catch (const py::builtin_exception&) {
    throw;  // pybind11's own (TypeError, ValueError...): its translator
  } catch (const py::error_already_set&) {
    throw;  // a Python exception on its way back
  } catch (const std::bad_alloc&) {
    throw;  // MemoryError
  } catch (const std::exception& e) {
    // Anything else C++ threw (a library's own exception) is still charter's.
    raise_message(types.error, e.what());
  }
}

}  // namespace

void bind_errors(py::module_& m) {
  py::class_<problem> problem_cls(
      m, "Problem",
      "One thing wrong with a record or a document (see ValidationError).");
  problem_cls
      .def(py::init([](std::string pointer, std::string id, std::string message,
                       std::string record, std::string field) {
             return problem{std::move(pointer), std::move(id),
                            std::move(message), std::move(record),
                            std::move(field)};
           }),
           py::kw_only(), py::arg("pointer") = "", py::arg("id") = "",
           py::arg("message") = "", py::arg("record") = "",
           py::arg("field") = "",
           "Makes a problem (charter makes these; a constructor helps tests).")
      .def_property_readonly(
          "pointer", [](const problem& p) { return p.where; },
          "A JSON Pointer into the document the problem is in "
          "(\"/memberships/3/tier\"); empty when it is in none (a change, "
          "or a record a document broke) or in the document as a whole.")
      .def_property_readonly(
          "id", [](const problem& p) { return p.id; },
          "The offending id or key, or an empty string.")
      .def_property_readonly(
          "message", [](const problem& p) { return p.message; },
          "What is wrong, for a person.")
      .def_property_readonly(
          "record", [](const problem& p) { return p.record; },
          "The record the problem is in, as a person names it (\"membership "
          "of amd in pytorch-foundation from 2022-09-12\"), or an empty "
          "string.")
      .def_property_readonly(
          "field", [](const problem& p) { return p.field; },
          "The field of the record, a JSON Pointer into it (\"/tier\"), or "
          "an empty string.")
      .def(
          "__str__", [](const problem& p) { return to_string(p); },
          "'pointer: message', else 'record: message', else the message.");
  add_value_protocol(problem_cls,
                     {{{"pointer", py::str("")},
                       {"id", py::str("")},
                       {"message", py::str("")},
                       {"record", py::str("")},
                       {"field", py::str("")}}},
                     [](const problem& p) {
                       return py::make_tuple(p.where, p.id, p.message, p.record,
                                             p.field);
                     });

  py::dict scope;
  scope["__builtins__"] = py::module_::import("builtins");
  scope["__name__"] = "charter";
  py::exec(exception_classes, scope);

  auto keep = [&](const char* name) {
    py::object cls = scope[name];
    m.attr(name) = cls;
    return cls.release().ptr();  // one reference kept for the translator
  };
  types.error = keep("Error");
  types.validation = keep("ValidationError");
  types.not_found = keep("NotFoundError");
  types.parse = keep("ParseError");
  types.source = keep("SourceError");
  types.storage = keep("StorageError");
  types.conflict = keep("ConflictError");
  types.busy = keep("BusyError");
  types.report = keep("ReportError");

  py::register_exception_translator(&translate);
}

}  // namespace charter::python
