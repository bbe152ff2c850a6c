// The records of a registry as immutable Python classes: keyword
// constructors, read-only properties, ids as str, dates as datetime.date,
// open ends as None, enumerations as the interchange format spells them.

#include <charter/checks.hpp>
#include <charter/error.hpp>
#include <charter/json.hpp>
#include <charter/money.hpp>
#include <charter/registry.hpp>
#include <charter/store.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>

#include "values.hpp"

namespace charter::python {

namespace {

// ---- enumerations as strings

template <class Enum>
std::string name_of(Enum e) {
  return std::string(to_string(e));
}

[[noreturn]] void bad_name(std::string_view what, std::string_view text,
                           std::string_view choices) {
  throw parse_error(fmt::format("'{}' is not {} ({})", text, what, choices));
}

org_kind org_kind_of(const std::string& s) {
  if (auto k = parse_org_kind(s)) return *k;
  bad_name("an organization kind", s,
           "company, nonprofit, academic, government, foundation, other");
}
seat_mode seat_mode_of(const std::string& s) {
  if (auto k = parse_seat_mode(s)) return *k;
  bad_name("a seat-class mode", s, "per-member, elected, fixed, ex-officio");
}
rounding rounding_of(const std::string& s) {
  if (auto k = parse_rounding(s)) return *k;
  bad_name("a rounding", s, "up, down");
}
std::optional<office> office_of(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  if (auto k = parse_office(*s)) return *k;
  bad_name("an office", *s, "chair, vice-chair, treasurer, secretary");
}
count_method count_method_of(const std::string& s) {
  if (auto k = parse_count_method(s)) return *k;
  bad_name("a count method", s, "schulze, scottish-stv, meek-stv");
}
unranked_rule unranked_rule_of(const std::string& s) {
  if (auto k = parse_unranked_rule(s)) return *k;
  bad_name("an unranked rule", s, "ignored, below");
}
std::optional<appointment_kind> appointment_kind_of(
    const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  if (auto k = parse_appointment_kind(*s)) return *k;
  bad_name("a way of filling a seat", *s,
           "entitlement, election, appointment, ex-officio");
}
meeting_kind meeting_kind_of(const std::string& s) {
  if (auto k = parse_meeting_kind(s)) return *k;
  bad_name("a meeting kind", s, "regular, special");
}
attendance_status attendance_status_of(const std::string& s) {
  if (auto k = parse_attendance_status(s)) return *k;
  bad_name("an attendance status", s, "present, absent, represented");
}
// A month as Python gives and gets it: "YYYY-MM" text (as the interchange
// format and the report-missing finding's subject write it).
year_month month_from(const std::string& s) {
  if (auto m = try_parse_year_month(s)) return *m;
  bad_name("a month", s, "YYYY-MM");
}
std::optional<year_month> month_from(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return month_from(*s);
}
std::optional<std::string> month_text(const std::optional<year_month>& m) {
  if (!m) return std::nullopt;
  return to_string(*m);
}

// An election's candidates from Python: each a person id, or a (person,
// organization or None) pair.
std::vector<election_candidate> candidates_of(const py::iterable& given) {
  std::vector<election_candidate> out;
  for (const auto& item : given) {
    if (PyUnicode_Check(item.ptr())) {
      out.push_back({person_id{item.cast<std::string>()}, std::nullopt});
      continue;
    }
    if ((PyTuple_Check(item.ptr()) || PyList_Check(item.ptr())) &&
        py::len(item) == 2) {
      const py::sequence pair = py::reinterpret_borrow<py::sequence>(item);
      election_candidate c{person_id{pair[0].cast<std::string>()},
                           std::nullopt};
      if (!pair[1].is_none()) c.org = org_id{pair[1].cast<std::string>()};
      out.push_back(std::move(c));
      continue;
    }
    throw py::type_error(
        "an election's candidate is a person id or a (person, organization "
        "or None) pair");
  }
  return out;
}

severity severity_of(const std::string& s) {
  if (s == "error") return severity::error;
  if (s == "warning") return severity::warning;
  bad_name("a severity", s, "error, warning");
}

// ---- money

// Exact hundredths from the text of a number ("1000", "-12.5", "0.25").
std::int64_t cents_of(std::string_view text) {
  const std::string original(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  std::string_view whole = text, fraction;
  if (auto dot = text.find('.'); dot != std::string_view::npos) {
    whole = text.substr(0, dot);
    fraction = text.substr(dot + 1);
  }
  while (fraction.size() > 2 && fraction.back() == '0')
    fraction.remove_suffix(1);
  auto digits = [](std::string_view s) {
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return true;
  };
  if ((whole.empty() && fraction.empty()) || !digits(whole) ||
      !digits(fraction))
    throw parse_error(fmt::format("'{}' is not an amount of money", original));
  if (fraction.size() > 2)
    throw parse_error(
        fmt::format("amount {} has more than two decimals", original));
  std::int64_t units = 0;
  if (!whole.empty()) {
    auto [end, ec] =
        std::from_chars(whole.data(), whole.data() + whole.size(), units);
    if (ec != std::errc{} ||
        units > std::numeric_limits<std::int64_t>::max() / 100 - 1)
      throw parse_error(fmt::format("amount {} is too large", original));
  }
  std::int64_t hundredths = 0;
  for (std::size_t i = 0; i < 2; ++i)
    hundredths =
        hundredths * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  const std::int64_t cents = units * 100 + hundredths;
  return negative ? -cents : cents;
}

std::int64_t cents_of(py::handle amount) {
  if (PyBool_Check(amount.ptr()))
    throw py::type_error("Money amount must be a number or a string, not bool");
  if (PyLong_Check(amount.ptr())) {
    const auto units = amount.cast<std::int64_t>();
    if (units > std::numeric_limits<std::int64_t>::max() / 100 ||
        units < std::numeric_limits<std::int64_t>::min() / 100)
      throw parse_error(fmt::format("amount {} is too large", units));
    return units * 100;
  }
  if (PyUnicode_Check(amount.ptr()))
    return cents_of(amount.cast<std::string>());
  // float, Decimal, Fraction...: by its shortest decimal text.
  if (PyFloat_Check(amount.ptr()) || py::hasattr(amount, "__float__"))
    return cents_of(py::str(amount).cast<std::string>());
  throw py::type_error(
      "Money amount must be an int, a str, a float or a Decimal");
}

py::object decimal_of(std::int64_t cents) {
  static py::handle decimal =
      py::object(py::module_::import("decimal").attr("Decimal")).release();
  return decimal(format_amount(cents));
}

// ---- the value protocol

std::string type_name(py::handle cls) {
  return cls.attr("__name__").cast<std::string>();
}

py::dict fields_of(py::handle self, const class_spec& spec) {
  py::dict kw;
  for (const auto& f : spec.fields)
    kw[py::str(f.name)] = self.attr(f.name.c_str());
  return kw;
}

// The module's `_rebuild`, which `__reduce__` names (set by bind_model).
PyObject* rebuilder = nullptr;

// A field's value as plain data for `to_dict`: dates and times as the ISO
// text the interchange format and the audit log write, values by their own
// `to_dict`, lists and dicts item by item.
py::object plain(py::handle v) {
  PyObject* o = v.ptr();
  if (o == Py_None || PyBool_Check(o) || PyLong_Check(o) || PyFloat_Check(o) ||
      PyUnicode_Check(o))
    return py::reinterpret_borrow<py::object>(v);
  if (auto text = iso_text(v)) return py::str(*text);
  if (PyList_Check(o) || PyTuple_Check(o)) {
    py::list out;
    for (auto item : py::reinterpret_borrow<py::sequence>(v))
      out.append(plain(item));
    return out;
  }
  if (PyDict_Check(o)) {
    py::dict out;
    for (auto [key, item] : py::reinterpret_borrow<py::dict>(v))
      out[key] = plain(item);
    return out;
  }
  if (py::hasattr(v, "to_dict")) return v.attr("to_dict")();
  throw py::type_error(fmt::format("to_dict(): cannot make plain data of {}",
                                   type_name(py::type::handle_of(v))));
}

}  // namespace

void add_value_protocol(py::object cls,
                        std::shared_ptr<const class_spec> spec) {
  py::tuple names(spec->fields.size());
  for (std::size_t i = 0; i < spec->fields.size(); ++i)
    names[i] = py::str(spec->fields[i].name);
  cls.attr("_fields") = names;

  py::cpp_function repr(
      [spec](py::handle self) {
        std::string text = type_name(py::type::handle_of(self)) + "(";
        bool first = true;
        for (const auto& f : spec->fields) {
          py::object value = self.attr(f.name.c_str());
          if (f.default_value && value.equal(f.default_value)) continue;
          if (!first) text += ", ";
          first = false;
          text += f.name + "=" + py::repr(value).cast<std::string>();
        }
        return text + ")";
      },
      py::is_method(cls), py::name("__repr__"),
      "The constructor call that makes this value.");
  cls.attr("__repr__") = repr;

  py::cpp_function replace(
      [spec](py::handle self, py::kwargs changes) {
        py::dict kw = fields_of(self, *spec);
        for (auto item : changes) {
          if (!kw.contains(item.first))
            throw py::type_error(fmt::format(
                "{}.replace() got an unexpected keyword argument '{}'",
                type_name(py::type::handle_of(self)),
                py::str(item.first).cast<std::string>()));
        }
        for (const auto& group : spec->exclusive) {
          bool changed = false;
          for (const auto& name : group)
            changed = changed || changes.contains(py::str(name));
          if (changed)
            for (const auto& name : group)
              if (!changes.contains(py::str(name)))
                kw[py::str(name)] = py::none();
        }
        for (auto item : changes) kw[item.first] = item.second;
        return py::type::handle_of(self)(**kw);
      },
      py::is_method(cls), py::name("replace"),
      "A copy with the given fields changed, like dataclasses.replace(): "
      "``m.replace(to_date=datetime.date(2024, 1, 1))``.");
  cls.attr("replace") = replace;

  py::cpp_function copy([](py::object self) { return self; },
                        py::is_method(cls), py::name("__copy__"),
                        "The value itself: values are immutable.");
  cls.attr("__copy__") = copy;
  py::cpp_function deepcopy([](py::object self, py::handle) { return self; },
                            py::is_method(cls), py::name("__deepcopy__"),
                            "The value itself: values are immutable.");
  cls.attr("__deepcopy__") = deepcopy;

  py::cpp_function reduce(
      [spec](py::handle self) {
        return py::make_tuple(
            py::handle(rebuilder),
            py::make_tuple(py::type::handle_of(self), fields_of(self, *spec)));
      },
      py::is_method(cls), py::name("__reduce__"),
      "Pickles the value by its constructor keywords.");
  cls.attr("__reduce__") = reduce;

  // Records have their interchange form (add_record_dict); any other value
  // is its fields.
  if (!py::hasattr(cls, "to_dict")) {
    py::cpp_function to_dict(
        [spec](py::handle self) {
          py::dict out;
          for (const auto& f : spec->fields)
            out[py::str(f.name)] = plain(self.attr(f.name.c_str()));
          return out;
        },
        py::is_method(cls), py::name("to_dict"),
        "The fields as plain data, ready for json.dumps(): keyed by the "
        "constructor's keywords, dates as ISO text ('2022-09-12'), times as "
        "'2026-11-26T13:45:07Z', values by their own to_dict().");
    cls.attr("to_dict") = to_dict;
  }
}

namespace {

py::object none() { return py::none(); }
py::object empty_list() { return py::list(); }
py::object empty_dict() { return py::dict(); }

template <class T>
py::object value(T v) {
  return py::cast(std::move(v));
}

// The one record of the document `to_json(const any_record&)` writes, as
// `json.loads` reads it: the record exactly as the interchange format has it.
py::object record_dict(const any_record& r) {
  static py::handle loads =
      py::object(py::module_::import("json").attr("loads")).release();
  const py::dict doc = loads(to_json(r));
  for (auto [name, records] : doc)
    if (PyList_Check(records.ptr())) return records[py::int_(0)];
  throw charter::error("to_dict(): the record's document holds no record");
}

// `to_dict()` for a record or a value inside one, from its interchange form
// (`record_dict`, of the record itself or of one that holds the value).
template <class T, class F>
void add_record_dict(py::class_<T>& cls, F part) {
  cls.def(
      "to_dict", [part](const T& v) { return part(v); },
      "The value as the interchange document holds it "
      "(docs/registry-format.md): plain dicts, lists, str, int, float and "
      "bool, ready for json.dumps(); equal to json.loads() of its part of "
      "Registry.to_json().");
}

// The dated-record helpers: properties `from_date`/`to_date` and `in_force`.
template <class T, class Get>
void add_period(py::class_<T>& cls, Get when) {
  cls.def_property_readonly(
      "from_date", [when](const T& r) { return when(r).from; },
      "The first day (inclusive).");
  cls.def_property_readonly(
      "to_date", [when](const T& r) { return when(r).to; },
      "The day after the last (exclusive), or None when open-ended.");
  cls.def(
      "in_force", [when](const T& r, date on) { return when(r).contains(on); },
      py::arg("on"),
      "True if ``on`` falls in the period (from_date <= on < to_date).");
}

period period_of(date from, std::optional<date> to) { return period{from, to}; }

[[noreturn]] void exactly_one(const char* cls, const char* choices) {
  throw py::type_error(
      fmt::format("{}() takes exactly one of {}", cls, choices));
}

}  // namespace

void bind_model(py::module_& m) {
  // A Python function, so that pickle can name it (a pybind11 function
  // cannot be pickled by reference).
  py::dict scope;
  scope["__builtins__"] = py::module_::import("builtins");
  scope["__name__"] = m.attr("__name__");
  py::exec(R"PY(
def _rebuild(cls, kwargs):
    """Internal: makes a value from its constructor keywords (for pickle)."""
    return cls(**kwargs)
)PY",
           scope);
  m.attr("_rebuild") = scope["_rebuild"];
  rebuilder = py::object(scope["_rebuild"]).release().ptr();

  // ---- Money
  py::class_<money> money_cls(
      m, "Money",
      "An exact amount of money: integer hundredths (cents) and an ISO 4217 "
      "currency code. Never a float.");
  money_cls
      .def(py::init([](py::object amount, std::string currency) {
             return money{cents_of(amount), std::move(currency)};
           }),
           py::kw_only(), py::arg("amount"), py::arg("currency") = "USD",
           "Makes an amount from an int, a str (\"1000.50\"), a Decimal or a "
           "float with at most two "
           "decimals. Raises ParseError for more decimals.")
      .def_static(
          "from_cents",
          [](std::int64_t cents, std::string currency) {
            return money{cents, std::move(currency)};
          },
          py::arg("cents"), py::arg("currency") = "USD",
          "Makes an amount from integer hundredths.")
      .def_property_readonly(
          "amount", [](const money& v) { return decimal_of(v.cents); },
          "The amount as a decimal.Decimal, exactly.")
      .def_property_readonly(
          "cents", [](const money& v) { return v.cents; },
          "The amount in hundredths, an int.")
      .def_property_readonly(
          "currency", [](const money& v) { return v.currency; },
          "The ISO 4217 currency code.")
      .def(
          "__str__", [](const money& v) { return to_string(v); },
          "'1000.50 USD'.");
  add_record_dict(money_cls, [](const money& v) {
    return py::object(record_dict(foundation{
        .tiers = {tier{.annual_fee = v}}})["tiers"][py::int_(0)]["annual_fee"]);
  });
  add_value_protocol(
      money_cls, {{{"amount"}, {"currency", value("USD")}}},
      [](const money& v) { return py::make_tuple(v.cents, v.currency); });

  // ---- Organization
  py::class_<organization> org_cls(
      m, "Organization",
      "An organization: a company, a nonprofit, a university...");
  org_cls
      .def(py::init([](org_id id, std::string name, std::string kind,
                       std::optional<org_id> parent,
                       std::vector<std::string> aliases,
                       std::vector<std::string> domains, extra_fields extra) {
             return organization{std::move(id),      std::move(name),
                                 org_kind_of(kind),  std::move(parent),
                                 std::move(aliases), std::move(domains),
                                 std::move(extra)};
           }),
           py::kw_only(), py::arg("id"), py::arg("name"),
           py::arg("kind") = "company", py::arg("parent") = py::none(),
           py::arg("aliases") = py::list(), py::arg("domains") = py::list(),
           py::arg("extra") = py::dict(),
           "Makes an organization. ``kind`` is one of company, nonprofit, "
           "academic, government, foundation, other.")
      .def_property_readonly(
          "id", [](const organization& r) { return r.id; },
          "The organization's id (a slug).")
      .def_property_readonly(
          "name", [](const organization& r) { return r.name; }, "Its name.")
      .def_property_readonly(
          "kind", [](const organization& r) { return name_of(r.kind); },
          "company, nonprofit, academic, government, foundation or other.")
      .def_property_readonly(
          "parent", [](const organization& r) { return r.parent; },
          "The parent organization's id, or None: parents make corporate "
          "families.")
      .def_property_readonly(
          "aliases", [](const organization& r) { return r.aliases; },
          "Other names.")
      .def_property_readonly(
          "domains", [](const organization& r) { return r.domains; },
          "Internet domains.")
      .def_property_readonly(
          "extra", [](const organization& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(org_cls,
                  [](const organization& r) { return record_dict(r); });
  add_value_protocol(
      org_cls,
      {{{"id"},
        {"name"},
        {"kind", value("company")},
        {"parent", none()},
        {"aliases", empty_list()},
        {"domains", empty_list()},
        {"extra", empty_dict()}}},
      [](const organization& r) { return py::make_tuple(r.id); });

  // ---- Affiliation
  py::class_<affiliation> aff_cls(
      m, "Affiliation", "A person's tie to an organization over a period.");
  aff_cls
      .def(py::init([](org_id org, date from, std::optional<date> to,
                       std::string title, extra_fields extra) {
             return affiliation{std::move(org), period_of(from, to),
                                std::move(title), std::move(extra)};
           }),
           py::kw_only(), py::arg("org"), py::arg("from_date"),
           py::arg("to_date") = py::none(), py::arg("title") = "",
           py::arg("extra") = py::dict(), "Makes an affiliation.")
      .def_property_readonly(
          "org", [](const affiliation& r) { return r.org; },
          "The organization's id.")
      .def_property_readonly(
          "title", [](const affiliation& r) { return r.title; },
          "The person's title there, or ''.")
      .def_property_readonly(
          "extra", [](const affiliation& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_period(aff_cls, [](const affiliation& r) { return r.when; });
  add_record_dict(aff_cls, [](const affiliation& r) {
    return py::object(
        record_dict(person{.affiliations = {r}})["affiliations"][py::int_(0)]);
  });
  add_value_protocol(
      aff_cls,
      {{{"org"},
        {"from_date"},
        {"to_date", none()},
        {"title", value("")},
        {"extra", empty_dict()}}},
      [](const affiliation& r) { return py::make_tuple(r.org, r.when.from); });

  // ---- Person
  py::class_<person> person_cls(m, "Person",
                                "A person, with their affiliations.");
  person_cls
      .def(py::init([](person_id id, std::string name,
                       std::vector<std::string> emails,
                       std::map<std::string, std::string> handles,
                       std::vector<affiliation> affiliations,
                       extra_fields extra) {
             return person{std::move(id),           std::move(name),
                           std::move(emails),       std::move(handles),
                           std::move(affiliations), std::move(extra)};
           }),
           py::kw_only(), py::arg("id"), py::arg("name"),
           py::arg("emails") = py::list(), py::arg("handles") = py::dict(),
           py::arg("affiliations") = py::list(), py::arg("extra") = py::dict(),
           "Makes a person.")
      .def_property_readonly(
          "id", [](const person& r) { return r.id; },
          "The person's id (a slug).")
      .def_property_readonly(
          "name", [](const person& r) { return r.name; }, "Their name.")
      .def_property_readonly(
          "emails", [](const person& r) { return r.emails; },
          "E-mail addresses.")
      .def_property_readonly(
          "handles", [](const person& r) { return r.handles; },
          "Handles by service ({'github': '...'}).")
      .def_property_readonly(
          "affiliations", [](const person& r) { return r.affiliations; },
          "Every affiliation, at any date.")
      .def_property_readonly(
          "extra", [](const person& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(person_cls, [](const person& r) { return record_dict(r); });
  add_value_protocol(person_cls,
                     {{{"id"},
                       {"name"},
                       {"emails", empty_list()},
                       {"handles", empty_dict()},
                       {"affiliations", empty_list()},
                       {"extra", empty_dict()}}},
                     [](const person& r) { return py::make_tuple(r.id); });

  // ---- TierRequirement, Tier, Foundation
  py::class_<tier_requirement> req_cls(m, "TierRequirement",
                                       "A tier requires membership of another "
                                       "foundation at min_tier or better.");
  req_cls
      .def(py::init([](foundation_id f, tier_id t) {
             return tier_requirement{std::move(f), std::move(t)};
           }),
           py::kw_only(), py::arg("foundation"), py::arg("min_tier"),
           "Makes a requirement.")
      .def_property_readonly(
          "foundation", [](const tier_requirement& r) { return r.foundation; },
          "The other foundation's id.")
      .def_property_readonly(
          "min_tier", [](const tier_requirement& r) { return r.min_tier; },
          "The lowest tier there that meets it (any better-ranked tier does "
          "too).");
  add_record_dict(req_cls, [](const tier_requirement& r) {
    return py::object(record_dict(foundation{
        .tiers = {tier{.requirements = {r}}}})["tiers"][py::int_(0)]["requires"]
                                              [py::int_(0)]);
  });
  add_value_protocol(req_cls, {{{"foundation"}, {"min_tier"}}},
                     [](const tier_requirement& r) {
                       return py::make_tuple(r.foundation, r.min_tier);
                     });

  py::class_<tier> tier_cls(
      m, "Tier", "A membership level of a foundation. Rank 1 is the highest.");
  tier_cls
      .def(py::init([](tier_id id, std::string name, int rank,
                       std::optional<money> fee,
                       std::vector<tier_requirement> requirements,
                       extra_fields extra) {
             return tier{
                 std::move(id),  std::move(name),         rank,
                 std::move(fee), std::move(requirements), std::move(extra)};
           }),
           py::kw_only(), py::arg("id"), py::arg("name"), py::arg("rank") = 1,
           py::arg("annual_fee") = py::none(), py::arg("requires") = py::list(),
           py::arg("extra") = py::dict(), "Makes a tier.")
      .def_property_readonly(
          "id", [](const tier& r) { return r.id; },
          "The tier's id, unique within its foundation.")
      .def_property_readonly(
          "name", [](const tier& r) { return r.name; }, "Its name.")
      .def_property_readonly(
          "rank", [](const tier& r) { return r.rank; }, "1 is the highest.")
      .def_property_readonly(
          "annual_fee", [](const tier& r) { return r.annual_fee; },
          "The annual fee (Money), or None.")
      .def_property_readonly(
          "requires", [](const tier& r) { return r.requirements; },
          "Memberships required elsewhere.")
      .def_property_readonly(
          "extra", [](const tier& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(tier_cls, [](const tier& r) {
    return py::object(
        record_dict(foundation{.tiers = {r}})["tiers"][py::int_(0)]);
  });
  add_value_protocol(
      tier_cls,
      {{{"id"},
        {"name"},
        {"rank", value(1)},
        {"annual_fee", none()},
        {"requires", empty_list()},
        {"extra", empty_dict()}}},
      [](const tier& r) { return py::make_tuple(r.id, r.rank); });

  py::class_<dues_policy> dues_cls(
      m, "DuesPolicy",
      "How a foundation bills dues: an invoice is due ``due_days`` after it "
      "is issued, and a membership lapses ``grace_days`` after that (each 0 "
      "when None).");
  dues_cls
      .def(py::init(
               [](std::optional<int> due_days, std::optional<int> grace_days) {
                 return dues_policy{due_days, grace_days};
               }),
           py::kw_only(), py::arg("due_days") = py::none(),
           py::arg("grace_days") = py::none(), "Makes a billing policy.")
      .def_property_readonly(
          "due_days", [](const dues_policy& r) { return r.due_days; },
          "Days from issue to due, or None (0).")
      .def_property_readonly(
          "grace_days", [](const dues_policy& r) { return r.grace_days; },
          "Days after due before a membership lapses, or None (0).");
  add_record_dict(dues_cls, [](const dues_policy& r) {
    return py::object(record_dict(foundation{.dues = r})["dues"]);
  });
  add_value_protocol(dues_cls, {{{"due_days", none()}, {"grace_days", none()}}},
                     [](const dues_policy& r) {
                       return py::make_tuple(r.due_days, r.grace_days);
                     });

  py::class_<foundation> foundation_cls(
      m, "Foundation", "A foundation, with its membership tiers.");
  foundation_cls
      .def(py::init([](foundation_id id, std::string name,
                       std::optional<foundation_id> parent,
                       std::optional<date> founded, std::vector<tier> tiers,
                       extra_fields extra, std::optional<dues_policy> dues) {
             return foundation{
                 std::move(id),    std::move(name),  std::move(parent), founded,
                 std::move(tiers), std::move(extra), std::move(dues)};
           }),
           py::kw_only(), py::arg("id"), py::arg("name"),
           py::arg("parent") = py::none(), py::arg("founded") = py::none(),
           py::arg("tiers") = py::list(), py::arg("extra") = py::dict(),
           py::arg("dues") = py::none(), "Makes a foundation.")
      .def_property_readonly(
          "id", [](const foundation& r) { return r.id; },
          "The foundation's id (a slug).")
      .def_property_readonly(
          "name", [](const foundation& r) { return r.name; }, "Its name.")
      .def_property_readonly(
          "parent", [](const foundation& r) { return r.parent; },
          "The foundation hosting it, or None.")
      .def_property_readonly(
          "founded", [](const foundation& r) { return r.founded; },
          "When it was founded (datetime.date), or None.")
      .def_property_readonly(
          "tiers", [](const foundation& r) { return r.tiers; },
          "Its tiers, as listed.")
      .def_property_readonly(
          "extra", [](const foundation& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".")
      .def_property_readonly(
          "dues", [](const foundation& r) { return r.dues; },
          "How it bills dues (DuesPolicy), or None.")
      .def(
          "tier",
          [](const foundation& r, const tier_id& t) -> std::optional<tier> {
            if (const auto* found = r.find_tier(t)) return *found;
            return std::nullopt;
          },
          py::arg("id"), "The tier with this id, or None.");
  add_record_dict(foundation_cls,
                  [](const foundation& r) { return record_dict(r); });
  add_value_protocol(foundation_cls,
                     {{{"id"},
                       {"name"},
                       {"parent", none()},
                       {"founded", none()},
                       {"tiers", empty_list()},
                       {"extra", empty_dict()},
                       {"dues", none()}}},
                     [](const foundation& r) { return py::make_tuple(r.id); });

  // ---- Steward, Stage, Project
  py::class_<steward> steward_cls(
      m, "Steward",
      "A project's home over a period: an organization or a foundation.");
  steward_cls
      .def(
          py::init([](std::optional<org_id> org, std::optional<foundation_id> f,
                      date from, std::optional<date> to, extra_fields extra) {
            if (org.has_value() == f.has_value())
              exactly_one("Steward", "org= or foundation=");
            steward_ref who = org ? steward_ref{*org} : steward_ref{*f};
            return steward{std::move(who), period_of(from, to),
                           std::move(extra)};
          }),
          py::kw_only(), py::arg("org") = py::none(),
          py::arg("foundation") = py::none(), py::arg("from_date"),
          py::arg("to_date") = py::none(), py::arg("extra") = py::dict(),
          "Makes a steward: exactly one of ``org=`` or ``foundation=``.")
      .def_property_readonly(
          "org",
          [](const steward& r) -> std::optional<org_id> {
            if (const auto* o = std::get_if<org_id>(&r.who)) return *o;
            return std::nullopt;
          },
          "The organization's id when an organization is the steward, else "
          "None.")
      .def_property_readonly(
          "foundation",
          [](const steward& r) -> std::optional<foundation_id> {
            if (const auto* f = std::get_if<foundation_id>(&r.who)) return *f;
            return std::nullopt;
          },
          "The foundation's id when a foundation is the steward, else None.")
      .def_property_readonly(
          "kind",
          [](const steward& r) {
            return std::holds_alternative<org_id>(r.who) ? "org" : "foundation";
          },
          "'org' or 'foundation'.")
      .def_property_readonly(
          "id", [](const steward& r) { return str(r.who); },
          "The steward's id, whatever its kind.")
      .def_property_readonly(
          "extra", [](const steward& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_period(steward_cls, [](const steward& r) { return r.when; });
  add_record_dict(steward_cls, [](const steward& r) {
    return py::object(
        record_dict(project{.stewards = {r}})["stewards"][py::int_(0)]);
  });
  add_value_protocol(
      steward_cls,
      {{{"org", none()},
        {"foundation", none()},
        {"from_date"},
        {"to_date", none()},
        {"extra", empty_dict()}},
       {{"org", "foundation"}}},
      [](const steward& r) { return py::make_tuple(str(r.who), r.when.from); });

  py::class_<stage> stage_cls(
      m, "Stage",
      "A lifecycle stage of a project over a period (sandbox, graduated...).");
  stage_cls
      .def(py::init([](std::string name, date from, std::optional<date> to,
                       extra_fields extra) {
             return stage{std::move(name), period_of(from, to),
                          std::move(extra)};
           }),
           py::kw_only(), py::arg("name"), py::arg("from_date"),
           py::arg("to_date") = py::none(), py::arg("extra") = py::dict(),
           "Makes a stage.")
      .def_property_readonly(
          "name", [](const stage& r) { return r.name; },
          "The stage, free text.")
      .def_property_readonly(
          "extra", [](const stage& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_period(stage_cls, [](const stage& r) { return r.when; });
  add_record_dict(stage_cls, [](const stage& r) {
    return py::object(
        record_dict(project{.stages = {r}})["stages"][py::int_(0)]);
  });
  add_value_protocol(
      stage_cls,
      {{{"name"}, {"from_date"}, {"to_date", none()}, {"extra", empty_dict()}}},
      [](const stage& r) { return py::make_tuple(r.name, r.when.from); });

  py::class_<project> project_cls(
      m, "Project", "A project, with its stewards and stages over time.");
  project_cls
      .def(py::init([](project_id id, std::string name,
                       std::optional<date> founded,
                       std::vector<steward> stewards, std::vector<stage> stages,
                       extra_fields extra) {
             return project{std::move(id),     std::move(name),
                            founded,           std::move(stewards),
                            std::move(stages), std::move(extra)};
           }),
           py::kw_only(), py::arg("id"), py::arg("name"),
           py::arg("founded") = py::none(), py::arg("stewards") = py::list(),
           py::arg("stages") = py::list(), py::arg("extra") = py::dict(),
           "Makes a project.")
      .def_property_readonly(
          "id", [](const project& r) { return r.id; },
          "The project's id (a slug).")
      .def_property_readonly(
          "name", [](const project& r) { return r.name; }, "Its name.")
      .def_property_readonly(
          "founded", [](const project& r) { return r.founded; },
          "When it started (datetime.date), or None.")
      .def_property_readonly(
          "stewards", [](const project& r) { return r.stewards; },
          "Every steward, at any date.")
      .def_property_readonly(
          "stages", [](const project& r) { return r.stages; },
          "Every stage, at any date.")
      .def_property_readonly(
          "extra", [](const project& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(project_cls, [](const project& r) { return record_dict(r); });
  add_value_protocol(project_cls,
                     {{{"id"},
                       {"name"},
                       {"founded", none()},
                       {"stewards", empty_list()},
                       {"stages", empty_list()},
                       {"extra", empty_dict()}}},
                     [](const project& r) { return py::make_tuple(r.id); });

  // ---- Membership
  py::class_<membership> membership_cls(
      m, "Membership",
      "An organization's membership of a foundation, in one tier, over a "
      "period.");
  membership_cls
      .def(py::init([](org_id org, foundation_id f, tier_id t, date from,
                       std::optional<date> to, bool founding,
                       extra_fields extra) {
             return membership{std::move(org), std::move(f),
                               std::move(t),   period_of(from, to),
                               founding,       std::move(extra)};
           }),
           py::kw_only(), py::arg("org"), py::arg("foundation"),
           py::arg("tier"), py::arg("from_date"),
           py::arg("to_date") = py::none(), py::arg("founding") = false,
           py::arg("extra") = py::dict(), "Makes a membership.")
      .def_property_readonly(
          "org", [](const membership& r) { return r.org; },
          "The member organization's id.")
      .def_property_readonly(
          "foundation", [](const membership& r) { return r.foundation; },
          "The foundation's id.")
      .def_property_readonly(
          "tier", [](const membership& r) { return r.tier; }, "The tier's id.")
      .def_property_readonly(
          "founding", [](const membership& r) { return r.founding; },
          "True for a founding member.")
      .def_property_readonly(
          "extra", [](const membership& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_period(membership_cls, [](const membership& r) { return r.when; });
  add_record_dict(membership_cls,
                  [](const membership& r) { return record_dict(r); });
  add_value_protocol(membership_cls,
                     {{{"org"},
                       {"foundation"},
                       {"tier"},
                       {"from_date"},
                       {"to_date", none()},
                       {"founding", value(false)},
                       {"extra", empty_dict()}}},
                     [](const membership& r) {
                       return py::make_tuple(r.org, r.foundation, r.when.from);
                     });

  // ---- SeatClass, BodyRules, Body
  py::class_<seat_class> class_cls(
      m, "SeatClass",
      "A class of seats on a body, and how its entitlement is worked out.");
  class_cls
      .def(py::init([](seat_class_id id, std::string mode,
                       std::optional<tier_id> t, int per,
                       std::optional<int> min, std::optional<int> max,
                       std::string round, int count, std::string role,
                       std::optional<bool> voting, extra_fields extra) {
             return seat_class{std::move(id),
                               seat_mode_of(mode),
                               std::move(t),
                               per,
                               min,
                               max,
                               rounding_of(round),
                               count,
                               std::move(role),
                               voting,
                               std::move(extra)};
           }),
           py::kw_only(), py::arg("id"), py::arg("mode") = "fixed",
           py::arg("tier") = py::none(), py::arg("per") = 1,
           py::arg("min") = py::none(), py::arg("max") = py::none(),
           py::arg("round") = "up", py::arg("count") = 0, py::arg("role") = "",
           py::arg("voting") = py::none(), py::arg("extra") = py::dict(),
           "Makes a seat class. ``mode`` is per-member, elected, fixed or "
           "ex-officio.")
      .def_property_readonly(
          "id", [](const seat_class& r) { return r.id; },
          "The class's id, unique within its body.")
      .def_property_readonly(
          "mode", [](const seat_class& r) { return name_of(r.mode); },
          "per-member, elected, fixed or ex-officio.")
      .def_property_readonly(
          "tier", [](const seat_class& r) { return r.tier; },
          "per-member and elected: the tier counted.")
      .def_property_readonly(
          "per", [](const seat_class& r) { return r.per; },
          "elected: one seat per this many members.")
      .def_property_readonly(
          "min", [](const seat_class& r) { return r.min; },
          "elected: the fewest seats, or None.")
      .def_property_readonly(
          "max", [](const seat_class& r) { return r.max; },
          "elected: the most seats, or None.")
      .def_property_readonly(
          "round", [](const seat_class& r) { return name_of(r.round); },
          "elected: 'up' (ceil) or 'down' (floor).")
      .def_property_readonly(
          "count", [](const seat_class& r) { return r.count; },
          "fixed: the number of seats.")
      .def_property_readonly(
          "role", [](const seat_class& r) { return r.role; },
          "ex-officio: the title that brings the seat.")
      .def_property_readonly(
          "voting", [](const seat_class& r) { return r.voting; },
          "The voting flag as given (None: voting).")
      .def_property_readonly(
          "is_voting", [](const seat_class& r) { return r.is_voting(); },
          "True unless voting is False.")
      .def_property_readonly(
          "extra", [](const seat_class& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(class_cls, [](const seat_class& r) {
    return py::object(
        record_dict(body{.seat_classes = {r}})["seat_classes"][py::int_(0)]);
  });
  add_value_protocol(class_cls,
                     {{{"id"},
                       {"mode", value("fixed")},
                       {"tier", none()},
                       {"per", value(1)},
                       {"min", none()},
                       {"max", none()},
                       {"round", value("up")},
                       {"count", value(0)},
                       {"role", value("")},
                       {"voting", none()},
                       {"extra", empty_dict()}}},
                     [](const seat_class& r) {
                       return py::make_tuple(r.id, name_of(r.mode));
                     });

  py::class_<body_rules> rules_cls(
      m, "BodyRules",
      "The charter rules a body must follow; every rule is optional.");
  rules_cls
      .def(
          py::init([](std::optional<int> max_per_family,
                      std::optional<double> max_fraction,
                      std::optional<int> term_years,
                      std::optional<int> max_terms, std::optional<int> min_size,
                      std::optional<int> max_size, std::optional<double> quorum,
                      std::vector<body_id> exclusive_with,
                      std::optional<int> suspend_after_missed, bool proxies) {
            return body_rules{max_per_family,
                              max_fraction,
                              term_years,
                              max_terms,
                              min_size,
                              max_size,
                              quorum,
                              std::move(exclusive_with),
                              suspend_after_missed,
                              proxies};
          }),
          py::kw_only(), py::arg("max_per_family") = py::none(),
          py::arg("max_fraction_per_family") = py::none(),
          py::arg("term_years") = py::none(),
          py::arg("max_consecutive_terms") = py::none(),
          py::arg("min_size") = py::none(), py::arg("max_size") = py::none(),
          py::arg("quorum") = py::none(),
          py::arg("exclusive_with") = py::list(),
          py::arg("suspend_after_missed") = py::none(),
          py::arg("proxies") = false, "Makes a set of rules.")
      .def_property_readonly(
          "max_per_family",
          [](const body_rules& r) { return r.max_per_family; },
          "Most seats one organization family may hold, or None.")
      .def_property_readonly(
          "max_fraction_per_family",
          [](const body_rules& r) { return r.max_fraction_per_family; },
          "Largest share of the filled seats one family may hold, or None.")
      .def_property_readonly(
          "term_years", [](const body_rules& r) { return r.term_years; },
          "Length of a term in years, or None.")
      .def_property_readonly(
          "max_consecutive_terms",
          [](const body_rules& r) { return r.max_consecutive_terms; },
          "Most consecutive terms a person may serve, or None.")
      .def_property_readonly(
          "min_size", [](const body_rules& r) { return r.min_size; },
          "Fewest filled seats, or None.")
      .def_property_readonly(
          "max_size", [](const body_rules& r) { return r.max_size; },
          "Most filled seats, or None.")
      .def_property_readonly(
          "quorum", [](const body_rules& r) { return r.quorum; },
          "The quorum as a fraction, or None.")
      .def_property_readonly(
          "exclusive_with",
          [](const body_rules& r) { return r.exclusive_with; },
          "Bodies a member of this one may not sit on at the same time.")
      .def_property_readonly(
          "suspend_after_missed",
          [](const body_rules& r) { return r.suspend_after_missed; },
          "Consecutive regular meetings a voting member may miss before "
          "their vote is suspended, or None.")
      .def_property_readonly(
          "proxies", [](const body_rules& r) { return r.proxies; },
          "True when anyone may represent a member at a meeting (else only "
          "their alternate).");
  add_record_dict(rules_cls, [](const body_rules& r) {
    // The document leaves out a body's rules when it has none.
    return py::object(
        record_dict(body{.rules = r}).attr("get")("rules", py::dict()));
  });
  add_value_protocol(rules_cls,
                     {{{"max_per_family", none()},
                       {"max_fraction_per_family", none()},
                       {"term_years", none()},
                       {"max_consecutive_terms", none()},
                       {"min_size", none()},
                       {"max_size", none()},
                       {"quorum", none()},
                       {"exclusive_with", empty_list()},
                       {"suspend_after_missed", none()},
                       {"proxies", value(false)}}},
                     [](const body_rules& r) {
                       return py::make_tuple(r.max_per_family, r.term_years,
                                             r.min_size, r.max_size);
                     });

  py::class_<reporting_schedule> reporting_cls(
      m, "ReportingSchedule",
      "The reports a body owes another body: one for each of ``months`` "
      "(1..12) of every year, from ``from_month`` ('YYYY-MM'; None: from the "
      "month its first seat begins).");
  reporting_cls
      .def(py::init([](body_id to, std::vector<int> months,
                       const std::optional<std::string>& from_month) {
             return reporting_schedule{std::move(to), std::move(months),
                                       month_from(from_month)};
           }),
           py::kw_only(), py::arg("to"), py::arg("months"),
           py::arg("from_month") = py::none(), "Makes a reporting schedule.")
      .def_property_readonly(
          "to", [](const reporting_schedule& r) { return r.to; },
          "The body reported to.")
      .def_property_readonly(
          "months", [](const reporting_schedule& r) { return r.months; },
          "The months (1..12) a report is owed for.")
      .def_property_readonly(
          "from_month",
          [](const reporting_schedule& r) { return month_text(r.from); },
          "The first month owed ('YYYY-MM'; \"from\" in JSON), or None.");
  add_record_dict(reporting_cls, [](const reporting_schedule& r) {
    return py::object(record_dict(body{.reporting = r})["reporting"]);
  });
  add_value_protocol(
      reporting_cls, {{{"to"}, {"months"}, {"from_month", none()}}},
      [](const reporting_schedule& r) { return py::make_tuple(r.to); });

  py::class_<body> body_cls(
      m, "Body", "A board, committee or council of a foundation or a project.");
  body_cls
      .def(py::init([](body_id id, std::string name, std::string kind,
                       std::optional<foundation_id> f,
                       std::optional<project_id> p,
                       std::vector<seat_class> classes,
                       std::optional<body_rules> rules, extra_fields extra,
                       std::optional<reporting_schedule> reporting) {
             if (f.has_value() == p.has_value())
               exactly_one("Body", "foundation= or project=");
             body_owner owner = f ? body_owner{*f} : body_owner{*p};
             return body{std::move(id),      std::move(name),
                         std::move(kind),    std::move(owner),
                         std::move(classes), rules.value_or(body_rules{}),
                         std::move(extra),   std::move(reporting)};
           }),
           py::kw_only(), py::arg("id"), py::arg("name"),
           py::arg("kind") = "board", py::arg("foundation") = py::none(),
           py::arg("project") = py::none(),
           py::arg("seat_classes") = py::list(), py::arg("rules") = py::none(),
           py::arg("extra") = py::dict(), py::arg("reporting") = py::none(),
           "Makes a body of exactly one of ``foundation=`` or ``project=``.")
      .def_property_readonly(
          "id", [](const body& r) { return r.id; }, "The body's id (a slug).")
      .def_property_readonly(
          "name", [](const body& r) { return r.name; }, "Its name.")
      .def_property_readonly(
          "kind", [](const body& r) { return r.kind; },
          "board, committee, council...")
      .def_property_readonly(
          "foundation",
          [](const body& r) -> std::optional<foundation_id> {
            if (const auto* f = std::get_if<foundation_id>(&r.owner)) return *f;
            return std::nullopt;
          },
          "The owning foundation's id, or None for a project's body.")
      .def_property_readonly(
          "project",
          [](const body& r) -> std::optional<project_id> {
            if (const auto* p = std::get_if<project_id>(&r.owner)) return *p;
            return std::nullopt;
          },
          "The owning project's id, or None for a foundation's body.")
      .def_property_readonly(
          "owner", [](const body& r) { return str(r.owner); },
          "The owner's id, foundation or project.")
      .def_property_readonly(
          "seat_classes", [](const body& r) { return r.seat_classes; },
          "Its seat classes, in order.")
      .def_property_readonly(
          "rules", [](const body& r) { return r.rules; },
          "Its rules (BodyRules).")
      .def_property_readonly(
          "extra", [](const body& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".")
      .def_property_readonly(
          "reporting", [](const body& r) { return r.reporting; },
          "The reports it owes (ReportingSchedule), or None.")
      .def(
          "seat_class",
          [](const body& r,
             const seat_class_id& c) -> std::optional<seat_class> {
            if (const auto* found = r.find_class(c)) return *found;
            return std::nullopt;
          },
          py::arg("id"), "The seat class with this id, or None.");
  add_record_dict(body_cls, [](const body& r) { return record_dict(r); });
  add_value_protocol(body_cls,
                     {{{"id"},
                       {"name"},
                       {"kind", value("board")},
                       {"foundation", none()},
                       {"project", none()},
                       {"seat_classes", empty_list()},
                       {"rules", value(body_rules{})},
                       {"extra", empty_dict()},
                       {"reporting", none()}},
                      {{"foundation", "project"}}},
                     [](const body& r) { return py::make_tuple(r.id); });

  // ---- Seat
  py::class_<seat> seat_cls(
      m, "Seat",
      "Who sat on a body, in which class, for which organization, when.");
  seat_cls
      .def(py::init([](body_id b, seat_class_id c, person_id p,
                       std::optional<org_id> represents,
                       std::optional<std::string> office,
                       std::optional<bool> voting, date from,
                       std::optional<date> to, extra_fields extra,
                       std::optional<person_id> alternate_for,
                       const std::optional<std::string>& appointed_by) {
             return seat{std::move(b),
                         std::move(c),
                         std::move(p),
                         std::move(represents),
                         office_of(office),
                         voting,
                         period_of(from, to),
                         std::move(extra),
                         std::move(alternate_for),
                         appointment_kind_of(appointed_by)};
           }),
           py::kw_only(), py::arg("body"), py::arg("seat_class"),
           py::arg("person"), py::arg("represents") = py::none(),
           py::arg("office") = py::none(), py::arg("voting") = py::none(),
           py::arg("from_date"), py::arg("to_date") = py::none(),
           py::arg("extra") = py::dict(), py::arg("alternate_for") = py::none(),
           py::arg("appointed_by") = py::none(),
           "Makes a seat. ``office`` is None or one of chair, vice-chair, "
           "treasurer, secretary; ``appointed_by`` None or one of "
           "entitlement, election, appointment, ex-officio.")
      .def_property_readonly(
          "body", [](const seat& r) { return r.body; }, "The body's id.")
      .def_property_readonly(
          "seat_class", [](const seat& r) { return r.seat_class; },
          "The seat class's id (\"class\" in JSON).")
      .def_property_readonly(
          "person", [](const seat& r) { return r.person; }, "The holder's id.")
      .def_property_readonly(
          "represents", [](const seat& r) { return r.represents; },
          "The organization represented, or None.")
      .def_property_readonly(
          "office",
          [](const seat& r) -> std::optional<std::string> {
            if (r.office) return name_of(*r.office);
            return std::nullopt;
          },
          "chair, vice-chair, treasurer, secretary, or None.")
      .def_property_readonly(
          "voting", [](const seat& r) { return r.voting; },
          "The seat's own voting flag, or None (the class decides).")
      .def_property_readonly(
          "extra", [](const seat& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".")
      .def_property_readonly(
          "alternate_for", [](const seat& r) { return r.alternate_for; },
          "The person this seat's holder stands in for (an alternate seat, "
          "never counted as filled), or None.")
      .def_property_readonly(
          "appointed_by",
          [](const seat& r) -> std::optional<std::string> {
            if (r.appointed_by) return name_of(*r.appointed_by);
            return std::nullopt;
          },
          "How the seat was filled: entitlement, election, appointment, "
          "ex-officio, or None.");
  add_period(seat_cls, [](const seat& r) { return r.when; });
  add_record_dict(seat_cls, [](const seat& r) { return record_dict(r); });
  add_value_protocol(seat_cls,
                     {{{"body"},
                       {"seat_class"},
                       {"person"},
                       {"represents", none()},
                       {"office", none()},
                       {"voting", none()},
                       {"from_date"},
                       {"to_date", none()},
                       {"extra", empty_dict()},
                       {"alternate_for", none()},
                       {"appointed_by", none()}}},
                     [](const seat& r) {
                       return py::make_tuple(r.body, r.seat_class, r.person,
                                             r.when.from);
                     });

  // ---- Role
  py::class_<role> role_cls(
      m, "Role",
      "A title held in a foundation, a project or a body, over a period.");
  role_cls
      .def(py::init([](person_id p, std::string title,
                       std::optional<foundation_id> f,
                       std::optional<project_id> pr, std::optional<body_id> b,
                       date from, std::optional<date> to, extra_fields extra) {
             const int given =
                 int(f.has_value()) + int(pr.has_value()) + int(b.has_value());
             if (given != 1)
               exactly_one("Role", "foundation=, project= or body=");
             role_scope where = f    ? role_scope{*f}
                                : pr ? role_scope{*pr}
                                     : role_scope{*b};
             return role{std::move(p), std::move(title), std::move(where),
                         period_of(from, to), std::move(extra)};
           }),
           py::kw_only(), py::arg("person"), py::arg("title"),
           py::arg("foundation") = py::none(), py::arg("project") = py::none(),
           py::arg("body") = py::none(), py::arg("from_date"),
           py::arg("to_date") = py::none(), py::arg("extra") = py::dict(),
           "Makes a role in exactly one of ``foundation=``, ``project=`` or "
           "``body=``.")
      .def_property_readonly(
          "person", [](const role& r) { return r.person; }, "The holder's id.")
      .def_property_readonly(
          "title", [](const role& r) { return r.title; },
          "The title (\"Executive Director\").")
      .def_property_readonly(
          "foundation",
          [](const role& r) -> std::optional<foundation_id> {
            if (const auto* f = std::get_if<foundation_id>(&r.scope)) return *f;
            return std::nullopt;
          },
          "The foundation's id for a role in a foundation, else None.")
      .def_property_readonly(
          "project",
          [](const role& r) -> std::optional<project_id> {
            if (const auto* p = std::get_if<project_id>(&r.scope)) return *p;
            return std::nullopt;
          },
          "The project's id for a role in a project, else None.")
      .def_property_readonly(
          "body",
          [](const role& r) -> std::optional<body_id> {
            if (const auto* b = std::get_if<body_id>(&r.scope)) return *b;
            return std::nullopt;
          },
          "The body's id for a role in a body, else None.")
      .def_property_readonly(
          "scope", [](const role& r) { return str(r.scope); },
          "The id of where the role is held.")
      .def_property_readonly(
          "scope_kind",
          [](const role& r) {
            return std::holds_alternative<foundation_id>(r.scope) ? "foundation"
                   : std::holds_alternative<project_id>(r.scope)  ? "project"
                                                                  : "body";
          },
          "'foundation', 'project' or 'body'.")
      .def_property_readonly(
          "extra", [](const role& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_period(role_cls, [](const role& r) { return r.when; });
  add_record_dict(role_cls, [](const role& r) { return record_dict(r); });
  add_value_protocol(role_cls,
                     {{{"person"},
                       {"title"},
                       {"foundation", none()},
                       {"project", none()},
                       {"body", none()},
                       {"from_date"},
                       {"to_date", none()},
                       {"extra", empty_dict()}},
                      {{"foundation", "project", "body"}}},
                     [](const role& r) {
                       return py::make_tuple(r.person, r.title, str(r.scope),
                                             r.when.from);
                     });

  // ---- Election
  py::class_<election> election_cls(
      m, "Election",
      "An election for seats of one class of a body: who stands, for how "
      "many seats, how its ballots are counted, and when the winners sit.");
  election_cls
      .def(py::init([](election_id id, body_id b, seat_class_id c,
                       std::size_t seats, const std::string& method,
                       date seated, const std::string& unranked,
                       const py::iterable& candidates,
                       std::optional<date> term_end, std::string eligibility,
                       extra_fields extra) {
             election e;
             e.id = std::move(id);
             e.body = std::move(b);
             e.seat_class = std::move(c);
             e.seats = seats;
             e.method = count_method_of(method);
             e.unranked = unranked_rule_of(unranked);
             e.candidates = candidates_of(candidates);
             e.seated = seated;
             e.term_end = term_end;
             e.eligibility = std::move(eligibility);
             e.extra = std::move(extra);
             return e;
           }),
           py::kw_only(), py::arg("id"), py::arg("body"), py::arg("seat_class"),
           py::arg("seats"), py::arg("method"), py::arg("seated"),
           py::arg("unranked") = "ignored", py::arg("candidates") = py::list(),
           py::arg("term_end") = py::none(), py::arg("eligibility") = "",
           py::arg("extra") = py::dict(),
           "Makes an election. ``candidates``: person ids, or (person, "
           "organization or None) pairs; none: the ballot file's names.")
      .def_property_readonly(
          "id", [](const election& r) { return r.id; },
          "The election's id (a slug).")
      .def_property_readonly(
          "body", [](const election& r) { return r.body; },
          "The body the seats are on.")
      .def_property_readonly(
          "seat_class", [](const election& r) { return r.seat_class; },
          "The seat class elected.")
      .def_property_readonly(
          "seats", [](const election& r) { return r.seats; }, "Seats to fill.")
      .def_property_readonly(
          "method", [](const election& r) { return name_of(r.method); },
          "'schulze', 'scottish-stv' or 'meek-stv'.")
      .def_property_readonly(
          "unranked", [](const election& r) { return name_of(r.unranked); },
          "'ignored' (as Elekto counts) or 'below' (as Debian counts).")
      .def_property_readonly(
          "candidates",
          [](const election& r) {
            py::list out;
            for (const auto& c : r.candidates)
              out.append(py::make_tuple(
                  c.person, c.org ? py::cast(*c.org) : py::object(py::none())));
            return out;
          },
          "(person, organization or None) for each candidate, in order.")
      .def_property_readonly(
          "seated", [](const election& r) { return r.seated; },
          "The day the winners take their seats (datetime.date).")
      .def_property_readonly(
          "term_end", [](const election& r) { return r.term_end; },
          "The day their term ends, or None (open-ended).")
      .def_property_readonly(
          "eligibility", [](const election& r) { return r.eligibility; },
          "Who may vote or stand, in words.")
      .def_property_readonly(
          "extra", [](const election& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(election_cls,
                  [](const election& r) { return record_dict(r); });
  add_value_protocol(election_cls,
                     {{{"id"},
                       {"body"},
                       {"seat_class"},
                       {"seats"},
                       {"method"},
                       {"seated"},
                       {"unranked", value("ignored")},
                       {"candidates", empty_list()},
                       {"term_end", none()},
                       {"eligibility", value("")},
                       {"extra", empty_dict()}}},
                     [](const election& r) { return py::make_tuple(r.id); });

  // ---- Governance records: Meeting (Attendee, MeetingVote), Invoice
  // (Payment), SubmittedReport (docs/interchange.md, issue 17)
  // A meeting, payment or report around a sub-value, for its to_dict().
  const date some_day = parse_date("2000-01-01");

  py::class_<attendee> attendee_cls(
      m, "Attendee",
      "One person's attendance at a meeting: ``status`` present, absent or "
      "represented (``by``: who acted for them).");
  attendee_cls
      .def(py::init([](person_id p, const std::string& status,
                       std::optional<person_id> by, extra_fields extra) {
             return attendee{std::move(p), attendance_status_of(status),
                             std::move(by), std::move(extra)};
           }),
           py::kw_only(), py::arg("person"), py::arg("status") = "present",
           py::arg("by") = py::none(), py::arg("extra") = py::dict(),
           "Makes an attendance row.")
      .def_property_readonly(
          "person", [](const attendee& r) { return r.person; },
          "The person's id.")
      .def_property_readonly(
          "status", [](const attendee& r) { return name_of(r.status); },
          "'present', 'absent' or 'represented'.")
      .def_property_readonly(
          "by", [](const attendee& r) { return r.by; },
          "Who acted for a represented attendee, or None.")
      .def_property_readonly(
          "extra", [](const attendee& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(attendee_cls, [some_day](const attendee& r) {
    return py::object(record_dict(
        meeting{.on = some_day, .attendance = {r}})["attendance"][py::int_(0)]);
  });
  add_value_protocol(attendee_cls,
                     {{{"person"},
                       {"status", value("present")},
                       {"by", none()},
                       {"extra", empty_dict()}}},
                     [](const attendee& r) {
                       return py::make_tuple(r.person, name_of(r.status));
                     });

  py::class_<meeting_vote> vote_cls(
      m, "MeetingVote", "A motion put to a meeting and how it was voted.");
  vote_cls
      .def(py::init([](std::string motion, int yes, int no, int abstain,
                       extra_fields extra) {
             return meeting_vote{std::move(motion), yes, no, abstain,
                                 std::move(extra)};
           }),
           py::kw_only(), py::arg("motion"), py::arg("yes") = 0,
           py::arg("no") = 0, py::arg("abstain") = 0,
           py::arg("extra") = py::dict(), "Makes a vote.")
      .def_property_readonly(
          "motion", [](const meeting_vote& r) { return r.motion; },
          "The motion, in words.")
      .def_property_readonly(
          "yes", [](const meeting_vote& r) { return r.yes; }, "Votes for.")
      .def_property_readonly(
          "no", [](const meeting_vote& r) { return r.no; }, "Votes against.")
      .def_property_readonly(
          "abstain", [](const meeting_vote& r) { return r.abstain; },
          "Abstentions.")
      .def_property_readonly(
          "extra", [](const meeting_vote& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(vote_cls, [some_day](const meeting_vote& r) {
    return py::object(record_dict(
        meeting{.on = some_day, .votes = {r}})["votes"][py::int_(0)]);
  });
  add_value_protocol(vote_cls,
                     {{{"motion"},
                       {"yes", value(0)},
                       {"no", value(0)},
                       {"abstain", value(0)},
                       {"extra", empty_dict()}}},
                     [](const meeting_vote& r) {
                       return py::make_tuple(r.motion, r.yes, r.no, r.abstain);
                     });

  py::class_<meeting> meeting_cls(
      m, "Meeting",
      "A meeting of a body on a date: who attended, and the votes taken. A "
      "voting member not listed in ``attendance`` was absent.");
  meeting_cls
      .def(
          py::init([](meeting_id id, body_id b, date on,
                      const std::string& kind, std::vector<attendee> attendance,
                      std::vector<meeting_vote> votes, extra_fields extra) {
            return meeting{
                std::move(id),         std::move(b),          on,
                meeting_kind_of(kind), std::move(attendance), std::move(votes),
                std::move(extra)};
          }),
          py::kw_only(), py::arg("id"), py::arg("body"), py::arg("date"),
          py::arg("kind") = "regular", py::arg("attendance") = py::list(),
          py::arg("votes") = py::list(), py::arg("extra") = py::dict(),
          "Makes a meeting. ``kind``: 'regular' or 'special'.")
      .def_property_readonly(
          "id", [](const meeting& r) { return r.id; },
          "The meeting's id (a slug).")
      .def_property_readonly(
          "body", [](const meeting& r) { return r.body; }, "The body's id.")
      .def_property_readonly(
          "date", [](const meeting& r) { return r.on; },
          "The day it met (datetime.date).")
      .def_property_readonly(
          "kind", [](const meeting& r) { return name_of(r.kind); },
          "'regular' or 'special'.")
      .def_property_readonly(
          "attendance", [](const meeting& r) { return r.attendance; },
          "The Attendee rows, as listed.")
      .def_property_readonly(
          "votes", [](const meeting& r) { return r.votes; },
          "The MeetingVote rows, as listed.")
      .def_property_readonly(
          "extra", [](const meeting& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(meeting_cls, [](const meeting& r) { return record_dict(r); });
  add_value_protocol(meeting_cls,
                     {{{"id"},
                       {"body"},
                       {"date"},
                       {"kind", value("regular")},
                       {"attendance", empty_list()},
                       {"votes", empty_list()},
                       {"extra", empty_dict()}}},
                     [](const meeting& r) { return py::make_tuple(r.id); });

  py::class_<payment> payment_cls(
      m, "Payment", "A payment toward an invoice, in the invoice's currency.");
  payment_cls
      .def(py::init([](date on, money amount, extra_fields extra) {
             return payment{on, std::move(amount), std::move(extra)};
           }),
           py::kw_only(), py::arg("on"), py::arg("amount"),
           py::arg("extra") = py::dict(), "Makes a payment.")
      .def_property_readonly(
          "on", [](const payment& r) { return r.on; },
          "The day it was paid (datetime.date).")
      .def_property_readonly(
          "amount", [](const payment& r) { return r.amount; },
          "How much (Money).")
      .def_property_readonly(
          "extra", [](const payment& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(payment_cls, [some_day](const payment& r) {
    invoice holder;  // one built field by field: GCC 12 -O3 warns of the
    holder.issued = some_day;  // braced temporary's money (maybe-uninitialized)
    holder.amount = r.amount;
    holder.payments.push_back(r);
    return py::object(record_dict(holder)["payments"][py::int_(0)]);
  });
  add_value_protocol(
      payment_cls, {{{"on"}, {"amount"}, {"extra", empty_dict()}}},
      [](const payment& r) {
        return py::make_tuple(r.on, r.amount.cents, r.amount.currency);
      });

  py::class_<invoice> invoice_cls(
      m, "Invoice",
      "Dues billed to an organization by a foundation, and the payments "
      "toward them.");
  invoice_cls
      .def(py::init([](invoice_id id, org_id org, foundation_id f, date issued,
                       money amount, std::optional<date> due,
                       std::vector<payment> payments, extra_fields extra) {
             return invoice{std::move(id),
                            std::move(org),
                            std::move(f),
                            issued,
                            due,
                            std::move(amount),
                            std::move(payments),
                            std::move(extra)};
           }),
           py::kw_only(), py::arg("id"), py::arg("org"), py::arg("foundation"),
           py::arg("issued"), py::arg("amount"), py::arg("due") = py::none(),
           py::arg("payments") = py::list(), py::arg("extra") = py::dict(),
           "Makes an invoice. ``due`` None: ``issued`` plus the foundation's "
           "``dues.due_days`` (Registry.due_date).")
      .def_property_readonly(
          "id", [](const invoice& r) { return r.id; },
          "The invoice's id (a slug).")
      .def_property_readonly(
          "org", [](const invoice& r) { return r.org; },
          "The organization billed.")
      .def_property_readonly(
          "foundation", [](const invoice& r) { return r.foundation; },
          "The foundation billing.")
      .def_property_readonly(
          "issued", [](const invoice& r) { return r.issued; },
          "The day it was issued (datetime.date).")
      .def_property_readonly(
          "amount", [](const invoice& r) { return r.amount; },
          "How much is billed (Money).")
      .def_property_readonly(
          "due", [](const invoice& r) { return r.due; },
          "The due date as recorded, or None (the foundation's policy "
          "decides: Registry.due_date).")
      .def_property_readonly(
          "payments", [](const invoice& r) { return r.payments; },
          "The Payment rows, as listed.")
      .def_property_readonly(
          "extra", [](const invoice& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(invoice_cls, [](const invoice& r) { return record_dict(r); });
  add_value_protocol(invoice_cls,
                     {{{"id"},
                       {"org"},
                       {"foundation"},
                       {"issued"},
                       {"amount"},
                       {"due", none()},
                       {"payments", empty_list()},
                       {"extra", empty_dict()}}},
                     [](const invoice& r) { return py::make_tuple(r.id); });

  py::class_<submitted_report> report_cls(
      m, "SubmittedReport",
      "A report a body submitted for a month of its reporting schedule; "
      "``month`` is 'YYYY-MM' text. Named by (body, month).");
  report_cls
      .def(py::init([](body_id b, const std::string& month, date submitted,
                       extra_fields extra) {
             return submitted_report{std::move(b), month_from(month), submitted,
                                     std::move(extra)};
           }),
           py::kw_only(), py::arg("body"), py::arg("month"),
           py::arg("submitted"), py::arg("extra") = py::dict(),
           "Makes a submitted report. ``month``: 'YYYY-MM'.")
      .def_property_readonly(
          "body", [](const submitted_report& r) { return r.body; },
          "The reporting body's id.")
      .def_property_readonly(
          "month", [](const submitted_report& r) { return to_string(r.month); },
          "The month reported for, as 'YYYY-MM'.")
      .def_property_readonly(
          "submitted", [](const submitted_report& r) { return r.submitted; },
          "The day it was submitted (datetime.date).")
      .def_property_readonly(
          "extra", [](const submitted_report& r) { return r.extra; },
          "Fields kept verbatim under \"extra\".");
  add_record_dict(report_cls,
                  [](const submitted_report& r) { return record_dict(r); });
  add_value_protocol(
      report_cls,
      {{{"body"}, {"month"}, {"submitted"}, {"extra", empty_dict()}}},
      [](const submitted_report& r) {
        return py::make_tuple(r.body, to_string(r.month));
      });

  // ---- Query results
  py::class_<tier_members_value> tm_cls(
      m, "TierMembers", "The members of one tier of a foundation on a date.");
  tm_cls
      .def(py::init([](tier t, std::vector<membership> members) {
             return tier_members_value{std::move(t), std::move(members)};
           }),
           py::kw_only(), py::arg("tier"), py::arg("members") = py::list(),
           "Makes a group.")
      .def_property_readonly(
          "tier", [](const tier_members_value& r) { return r.tier; },
          "The tier (Tier).")
      .def_property_readonly(
          "members", [](const tier_members_value& r) { return r.members; },
          "Its memberships in force, sorted by organization id.")
      .def(
          "__len__",
          [](const tier_members_value& r) { return r.members.size(); },
          "The number of members.")
      .def(
          "__iter__",
          [](const tier_members_value& r) {
            return py::iter(py::cast(r.members));
          },
          "Iterates over the memberships.")
      .def(
          "__eq__",
          [](const tier_members_value& a, const tier_members_value& b) {
            return a == b;
          },
          py::is_operator(), "Equal when tier and members are.");
  add_value_protocol(py::object(tm_cls),
                     std::make_shared<const class_spec>(
                         class_spec{{{"tier"}, {"members", empty_list()}}}));

  py::class_<entitlement_value> ent_cls(
      m, "Entitlement",
      "How many seats a class of a body is owed on a date, and how many are "
      "filled.");
  ent_cls
      .def(py::init([](seat_class c, int seats, int filled) {
             return entitlement_value{std::move(c), seats, filled};
           }),
           py::kw_only(), py::arg("seat_class"), py::arg("seats"),
           py::arg("filled"), "Makes an entitlement.")
      .def_property_readonly(
          "seat_class", [](const entitlement_value& r) { return r.seat_class; },
          "The seat class (SeatClass).")
      .def_property_readonly(
          "seats", [](const entitlement_value& r) { return r.seats; },
          "Seats owed.")
      .def_property_readonly(
          "filled", [](const entitlement_value& r) { return r.filled; },
          "Seats filled.")
      .def_property_readonly(
          "vacant", [](const entitlement_value& r) { return r.vacant(); },
          "Seats owed but not filled (never negative).")
      .def(
          "__eq__",
          [](const entitlement_value& a, const entitlement_value& b) {
            return a == b;
          },
          py::is_operator(), "Equal when every field is.");
  add_value_protocol(py::object(ent_cls),
                     std::make_shared<const class_spec>(
                         class_spec{{{"seat_class"}, {"seats"}, {"filled"}}}));

  py::class_<history_entry_value> hist_cls(
      m, "HistoryEntry", "One dated line of a record's history.");
  hist_cls
      .def(py::init([](date from, std::optional<date> to, std::string kind,
                       std::string text) {
             return history_entry_value{period_of(from, to), std::move(kind),
                                        std::move(text)};
           }),
           py::kw_only(), py::arg("from_date"), py::arg("to_date") = py::none(),
           py::arg("kind"), py::arg("text"), "Makes an entry.")
      .def_property_readonly(
          "kind", [](const history_entry_value& r) { return r.kind; },
          "membership, affiliation, seat, role, steward or stage.")
      .def_property_readonly(
          "text", [](const history_entry_value& r) { return r.text; },
          "What held (\"premier member of pytorch-foundation\").");
  add_period(hist_cls, [](const history_entry_value& r) { return r.when; });
  add_value_protocol(hist_cls,
                     {{{"from_date"}, {"to_date", none()}, {"kind"}, {"text"}}},
                     [](const history_entry_value& r) {
                       return py::make_tuple(r.when.from, r.kind, r.text);
                     });

  py::class_<finding> finding_cls(
      m, "Finding",
      "One way a registry does not follow its own charter, and when.");
  finding_cls
      .def(py::init([](std::string code, std::string sev,
                       std::vector<std::string> subjects, date from,
                       std::optional<date> to, std::string message) {
             return finding{std::move(code), severity_of(sev),
                            std::move(subjects), period_of(from, to),
                            std::move(message)};
           }),
           py::kw_only(), py::arg("code"), py::arg("severity"),
           py::arg("subjects") = py::list(), py::arg("from_date"),
           py::arg("to_date") = py::none(), py::arg("message") = "",
           "Makes a finding.")
      .def_property_readonly(
          "code", [](const finding& r) { return r.code; },
          "A stable code (seat-vacant, family-cap-exceeded...).")
      .def_property_readonly(
          "severity",
          [](const finding& r) { return std::string(to_string(r.severity)); },
          "'error' or 'warning'.")
      .def_property_readonly(
          "subjects", [](const finding& r) { return r.subjects; },
          "The ids involved, most general first.")
      .def_property_readonly(
          "message", [](const finding& r) { return r.message; },
          "One line for a person.")
      .def_property_readonly(
          "is_error",
          [](const finding& r) { return r.severity == severity::error; },
          "True for severity 'error'.");
  add_period(finding_cls, [](const finding& r) { return r.when; });
  add_value_protocol(finding_cls,
                     {{{"code"},
                       {"severity"},
                       {"subjects", empty_list()},
                       {"from_date"},
                       {"to_date", none()},
                       {"message", value("")}}},
                     [](const finding& r) {
                       return py::make_tuple(r.code,
                                             py::tuple(py::cast(r.subjects)),
                                             r.when.from);
                     });

  py::class_<audit_entry> audit_cls(
      m, "AuditEntry",
      "One committed change, as a database's audit log keeps it.");
  audit_cls
      .def(py::init([](std::int64_t id, py::handle time, std::string actor,
                       std::string summary, std::string reason,
                       std::vector<std::string> ids) {
             return audit_entry{id,
                                from_py_time(time),
                                std::move(actor),
                                std::move(summary),
                                std::move(reason),
                                std::move(ids)};
           }),
           py::kw_only(), py::arg("id"), py::arg("time"), py::arg("actor"),
           py::arg("summary"), py::arg("reason") = "",
           py::arg("ids") = py::list(),
           "Makes an entry. ``time`` is a datetime.datetime (a naive one is "
           "taken as UTC) or the log's text, '2026-11-26T13:45:07Z'.")
      .def_property_readonly(
          "id", [](const audit_entry& r) { return r.id; },
          "Increasing: a later entry has a larger id.")
      .def_property_readonly(
          "time", [](const audit_entry& r) { return to_py_time(r.time); },
          "When the change was committed: a datetime.datetime in UTC "
          "(tzinfo=datetime.timezone.utc), to the second.")
      .def_property_readonly(
          "actor", [](const audit_entry& r) { return r.actor; },
          "Who made the change.")
      .def_property_readonly(
          "summary", [](const audit_entry& r) { return r.summary; },
          "What changed ('join amd pytorch-foundation premier 2022-09-12').")
      .def_property_readonly(
          "reason", [](const audit_entry& r) { return r.reason; },
          "Why, or ''.")
      .def_property_readonly(
          "ids", [](const audit_entry& r) { return r.ids; },
          "The ids the change touched, sorted.");
  add_value_protocol(audit_cls,
                     {{{"id"},
                       {"time"},
                       {"actor"},
                       {"summary"},
                       {"reason", value("")},
                       {"ids", empty_list()}}},
                     [](const audit_entry& r) {
                       return py::make_tuple(r.id,
                                             r.time.time_since_epoch().count());
                     });
}

}  // namespace charter::python
