// The governance queries of a registry (issue 17, <charter/registry.hpp>):
// meetings and who votes at them, quorum, suspensions, invoices and what an
// organization owes, reports due. The records themselves are in model.cpp.

#include <charter/money.hpp>
#include <charter/registry.hpp>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "values.hpp"

namespace charter::python {

namespace {

template <class T>
std::vector<T> copied(const std::vector<const T*>& pointers) {
  std::vector<T> out;
  out.reserve(pointers.size());
  for (const T* p : pointers) out.push_back(*p);
  return out;
}

template <class T>
std::vector<T> copied(std::span<const T> records) {
  return std::vector<T>(records.begin(), records.end());
}

// Who counts for quorum (`charter::quorum_count`, with the `==` Python's
// value protocol needs).
struct quorum_value {
  int counted = 0;
  int voting = 0;
  std::optional<double> required;
  bool met = true;
  friend bool operator==(const quorum_value&, const quorum_value&) = default;
};

// One report a body owes (a copy of `charter::report_due`, whose pointer
// into the registry would dangle in Python).
struct report_due_value {
  year_month month;
  std::optional<submitted_report> submitted;
  bool on_time = false;
  friend bool operator==(const report_due_value&,
                         const report_due_value&) = default;
};

// `from_`..`to` as a period; no `from_`: from the first day there is.
period span_of(const std::optional<date>& from, const std::optional<date>& to) {
  using namespace std::chrono;
  return period{from.value_or(date{year{1}, January, day{1}}), to};
}

py::object decimal_amount(std::int64_t cents) {
  return py::module_::import("decimal").attr("Decimal")(format_amount(cents));
}

}  // namespace

void bind_governance(py::module_& m) {
  using std::optional;

  py::class_<quorum_value> quorum_cls(
      m, "Quorum",
      "Who counts for quorum at a meeting (Registry.quorum): ``counted`` "
      "voting members present or represented by someone who may act for "
      "them, of ``voting``; ``required`` the body's quorum fraction (None: "
      "no rule); ``met`` counted / voting >= required (True without a rule "
      "or without voting members).");
  quorum_cls
      .def(py::init([](int counted, int voting, optional<double> required,
                       bool met) {
             return quorum_value{counted, voting, required, met};
           }),
           py::kw_only(), py::arg("counted"), py::arg("voting"),
           py::arg("required") = py::none(), py::arg("met") = true,
           "Makes a quorum count.")
      .def_property_readonly(
          "counted", [](const quorum_value& q) { return q.counted; },
          "Voting members counted for quorum.")
      .def_property_readonly(
          "voting", [](const quorum_value& q) { return q.voting; },
          "Voting members at the meeting.")
      .def_property_readonly(
          "required", [](const quorum_value& q) { return q.required; },
          "The body's quorum fraction, or None.")
      .def_property_readonly(
          "met", [](const quorum_value& q) { return q.met; },
          "Whether quorum is met.");
  add_value_protocol(quorum_cls,
                     {{{"counted"},
                       {"voting"},
                       {"required", py::none()},
                       {"met", py::bool_(true)}}},
                     [](const quorum_value& q) {
                       return py::make_tuple(q.counted, q.voting, q.required,
                                             q.met);
                     });

  py::class_<suspension> suspension_cls(
      m, "Suspension",
      "A span during which a member's vote on a body is suspended "
      "(``suspend_after_missed``): from the first meeting at which it is "
      "suspended to the next regular meeting they attend (exclusive), or "
      "open (``to_date`` None).");
  suspension_cls
      .def(py::init([](person_id p, date from, optional<date> to) {
             return suspension{std::move(p), period{from, to}};
           }),
           py::kw_only(), py::arg("person"), py::arg("from_date"),
           py::arg("to_date") = py::none(), "Makes a suspension.")
      .def_property_readonly(
          "person", [](const suspension& s) { return s.person; },
          "The member's id.")
      .def_property_readonly(
          "from_date", [](const suspension& s) { return s.when.from; },
          "The date of the first meeting at which the vote is suspended.")
      .def_property_readonly(
          "to_date", [](const suspension& s) { return s.when.to; },
          "The date of the regular meeting that ends it, or None.");
  add_value_protocol(suspension_cls,
                     {{{"person"}, {"from_date"}, {"to_date", py::none()}}},
                     [](const suspension& s) {
                       return py::make_tuple(s.person, s.when.from);
                     });

  py::class_<report_due_value> due_cls(
      m, "ReportDue",
      "One report a body owes on its schedule (Registry.reports_due): the "
      "``month`` ('YYYY-MM'), the SubmittedReport for it or None, and "
      "whether it was submitted by the end of the month.");
  due_cls
      .def(py::init([](const std::string& month,
                       optional<submitted_report> submitted, bool on_time) {
             const auto ym = try_parse_year_month(month);
             if (!ym)
               throw parse_error("'" + month + "' is not a month (YYYY-MM)");
             return report_due_value{*ym, std::move(submitted), on_time};
           }),
           py::kw_only(), py::arg("month"), py::arg("submitted") = py::none(),
           py::arg("on_time") = false, "Makes a report due.")
      .def_property_readonly(
          "month", [](const report_due_value& r) { return to_string(r.month); },
          "The month owed, 'YYYY-MM'.")
      .def_property_readonly(
          "submitted", [](const report_due_value& r) { return r.submitted; },
          "The report submitted for it (SubmittedReport), or None.")
      .def_property_readonly(
          "on_time", [](const report_due_value& r) { return r.on_time; },
          "Submitted on or before the last day of its month.");
  add_value_protocol(
      due_cls,
      {{{"month"}, {"submitted", py::none()}, {"on_time", py::bool_(false)}}},
      [](const report_due_value& r) {
        return py::make_tuple(to_string(r.month), r.on_time);
      });

  py::cast<py::class_<registry_holder, holder_ptr>>(m.attr("Registry"))
      .def(
          "meeting",
          [](const registry_holder& h, const meeting_id& id) {
            return read(h, [&](const registry& r) { return r.at(id); });
          },
          py::arg("id"), "The meeting with this id. Raises NotFoundError.")
      .def(
          "invoice",
          [](const registry_holder& h, const invoice_id& id) {
            return read(h, [&](const registry& r) { return r.at(id); });
          },
          py::arg("id"), "The invoice with this id. Raises NotFoundError.")
      .def(
          "all_meetings",
          [](const registry_holder& h) {
            return read(h,
                        [](const registry& r) { return copied(r.meetings()); });
          },
          "Every meeting, in the order added.")
      .def(
          "all_invoices",
          [](const registry_holder& h) {
            return read(h,
                        [](const registry& r) { return copied(r.invoices()); });
          },
          "Every invoice, in the order added.")
      .def(
          "all_reports",
          [](const registry_holder& h) {
            return read(h,
                        [](const registry& r) { return copied(r.reports()); });
          },
          "Every submitted report, in the order added.")
      .def(
          "meetings",
          [](const registry_holder& h, const body_id& b, optional<date> from,
             optional<date> to) {
            return read(h, [&](const registry& r) {
              return copied(r.meetings(b, span_of(from, to)));
            });
          },
          py::arg("body"), py::kw_only(), py::arg("from_") = py::none(),
          py::arg("to") = py::none(),
          "The meetings of ``body`` from ``from_`` (None: the first) until "
          "``to`` (exclusive; None: open), by date then id. Raises "
          "NotFoundError.")
      .def(
          "voting_members",
          [](const registry_holder& h, const meeting_id& id) {
            return read(
                h, [&](const registry& r) { return r.voting_members(id); });
          },
          py::arg("meeting"),
          "The voting members at ``meeting`` (person ids, sorted): the "
          "holders of its body's voting seats on its date, alternates "
          "excluded, less those whose vote is suspended. Raises "
          "NotFoundError.")
      .def(
          "may_represent",
          [](const registry_holder& h, const meeting_id& id,
             const person_id& member, const person_id& by) {
            return read(h, [&](const registry& r) {
              return r.may_represent(id, member, by);
            });
          },
          py::arg("meeting"), py::arg("member"), py::arg("by"),
          "Whether ``by`` may act for ``member`` at ``meeting``: their "
          "alternate that day, or anyone where the body allows proxies.")
      .def(
          "quorum",
          [](const registry_holder& h, const meeting_id& id) {
            const auto q =
                read(h, [&](const registry& r) { return r.quorum(id); });
            return quorum_value{q.counted, q.voting, q.required, q.met};
          },
          py::arg("meeting"),
          "Who counts for quorum at ``meeting``, and whether it is met "
          "(Quorum). Raises NotFoundError.")
      .def(
          "suspensions",
          [](const registry_holder& h, const body_id& b) {
            return read(h, [&](const registry& r) { return r.suspensions(b); });
          },
          py::arg("body"),
          "The spans during which members of ``body`` have their vote "
          "suspended (Suspension values, by person then date); none without "
          "``suspend_after_missed``. Raises NotFoundError.")
      .def(
          "suspended",
          [](const registry_holder& h, const body_id& b, optional<date> at) {
            const date on = date_or_today(at);
            return read(h,
                        [&](const registry& r) { return r.suspended(b, on); });
          },
          py::arg("body"), py::kw_only(), py::arg("at") = py::none(),
          "The members of ``body`` whose vote is suspended on ``at`` (person "
          "ids, sorted). Raises NotFoundError.")
      .def(
          "invoices_of",
          [](const registry_holder& h, const org_id& org,
             const optional<foundation_id>& f) {
            return read(h, [&](const registry& r) {
              return copied(r.invoices_of(org, f));
            });
          },
          py::arg("org"), py::arg("foundation") = py::none(),
          "``org``'s invoices (of ``foundation`` only, when given), by issue "
          "date then id. Raises NotFoundError.")
      .def(
          "due_date",
          [](const registry_holder& h, const invoice_id& id) {
            return read(h, [&](const registry& r) { return r.due_date(id); });
          },
          py::arg("invoice"),
          "When ``invoice`` is due: its ``due``, else its issue date plus its "
          "foundation's ``dues.due_days`` (0 without a policy).")
      .def(
          "paid_in_full_on",
          [](const registry_holder& h, const invoice_id& id) {
            return read(
                h, [&](const registry& r) { return r.paid_in_full_on(id); });
          },
          py::arg("invoice"),
          "The day ``invoice``'s payments first add up to its amount (its "
          "issue date for a zero amount), or None while it is not paid in "
          "full. Raises NotFoundError.")
      .def(
          "balance",
          [](const registry_holder& h, const org_id& org, optional<date> at) {
            const date on = date_or_today(at);
            const auto owed =
                read(h, [&](const registry& r) { return r.balance(org, on); });
            py::dict out;
            for (const auto& mo : owed)
              out[py::str(mo.currency)] = decimal_amount(mo.cents);
            return out;
          },
          py::arg("org"), py::kw_only(), py::arg("at") = py::none(),
          "What ``org`` owes on ``at``: a dict currency -> decimal.Decimal "
          "(sorted by currency) of its invoices issued by then less the "
          "payments made by then; a currency whose balance is zero is "
          "listed. Raises NotFoundError.")
      .def(
          "reports_due",
          [](const registry_holder& h, const body_id& b, date from,
             optional<date> to) {
            return read(h, [&](const registry& r) {
              std::vector<report_due_value> out;
              for (const auto& d : r.reports_due(b, period{from, to}))
                out.push_back({d.month,
                               d.submitted
                                   ? optional<submitted_report>(*d.submitted)
                                   : std::nullopt,
                               d.on_time()});
              return out;
            });
          },
          py::arg("body"), py::kw_only(), py::arg("from_"),
          py::arg("to") = py::none(),
          "The reports ``body`` owes on its schedule for the months that "
          "share a day with ``from_``..``to`` (``to`` exclusive; None: the "
          "month of ``from_`` only), as ReportDue values; none without a "
          "schedule. Raises NotFoundError.");
}

}  // namespace charter::python
