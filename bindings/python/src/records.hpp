#ifndef CHARTER_PYTHON_RECORDS_HPP
#define CHARTER_PYTHON_RECORDS_HPP

// Internal: a record of any kind to and from Python, and how a call names
// one record (`remove`, `find_record`, `referrers`): the record object
// itself, or exactly one keyword that names its kind (`org="aws"`,
// `membership=("amd", "pytorch-foundation", "2022-09-12")`). Defined in
// edit.cpp.

#include <charter/batch.hpp>
#include <charter/registry.hpp>

#include <utility>

#include "module.hpp"

namespace charter::python {

/// The record a Python record object (an `Organization`, ... an `Election`)
/// holds. @throws py::type_error naming what `record` is instead.
any_record record_from(py::handle record);

/// The Python record object for `r`.
py::object record_object(const any_record& r);

/// The arguments by which a call names one record: `record` positionally,
/// or one of the keywords; None for each one not given.
struct record_name {
  py::object record, org, person, foundation, project, body, membership, seat,
      role, meeting, invoice, report, election;
};

/// The key `name` gives, for the function `fn` (named in errors). `reg`
/// tells what a role's scope is: the foundation, project or body with that
/// id.
/// @throws py::type_error when not exactly one is given, or one is of the
/// wrong type or shape; charter::parse_error for a date text that is not
/// one; charter::not_found_error for a role scope that names nothing;
/// py::value_error for one that names several kinds of record.
record_key key_named(const char* fn, const record_name& name,
                     const registry& reg);

/// Adds to `b` the merge a call of `merge()` names: the duplicate as an
/// `Organization` or `Person` (`record`), or by id as `org` or `person`
/// (exactly one of the three), and `into` by id or as a record of the same
/// kind. @throws py::type_error otherwise.
void add_merge(batch& b, py::handle record, py::handle org, py::handle person,
               py::handle into);

/// Defines `name` on `cls`, taking a record as `record_name` describes it:
/// `f(self, record_name, rest...)`, with `extra` the `py::arg`s of `rest`,
/// which follow the naming keywords.
template <class... Rest, class Class, class F, class... Extra>
void def_named(Class& cls, const char* name, F f, const char* doc,
               Extra&&... extra) {
  using self_t = typename Class::type;
  cls.def(
      name,
      [f](self_t& self, py::object record, py::object org, py::object person,
          py::object foundation, py::object project, py::object body,
          py::object membership, py::object seat, py::object role,
          py::object meeting, py::object invoice, py::object report,
          py::object election, Rest... rest) {
        return f(
            self,
            record_name{std::move(record), std::move(org), std::move(person),
                        std::move(foundation), std::move(project),
                        std::move(body), std::move(membership), std::move(seat),
                        std::move(role), std::move(meeting), std::move(invoice),
                        std::move(report), std::move(election)},
            std::move(rest)...);
      },
      py::arg("record") = py::none(), py::pos_only(), py::kw_only(),
      py::arg("org") = py::none(), py::arg("person") = py::none(),
      py::arg("foundation") = py::none(), py::arg("project") = py::none(),
      py::arg("body") = py::none(), py::arg("membership") = py::none(),
      py::arg("seat") = py::none(), py::arg("role") = py::none(),
      py::arg("meeting") = py::none(), py::arg("invoice") = py::none(),
      py::arg("report") = py::none(), py::arg("election") = py::none(),
      std::forward<Extra>(extra)..., doc);
}

}  // namespace charter::python

#endif
