// `Registry` and `Batch`: the as-of queries, the dated mutations named after
// the CLI's verbs, the corrections (update, remove, merge, revert) and their
// previews, batches as context managers, checks, JSON in and out, and the
// functions that make a registry (`memory`, `open`, `from_json`,
// `load_json`).
//
// Query results are copies (value records), never pointers into the C++
// registry, so that a later change cannot leave Python holding a dangling
// record.

#include <charter/checks.hpp>
#include <charter/diff.hpp>
#include <charter/json.hpp>
#include <charter/store.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <utility>
#include <variant>
#include <vector>

#include "records.hpp"
#include "values.hpp"

namespace charter::python {

namespace {

template <class T>
std::vector<T> copies(const std::vector<const T*>& pointers) {
  std::vector<T> out;
  out.reserve(pointers.size());
  for (const T* p : pointers) out.push_back(*p);
  return out;
}

template <class T>
std::vector<T> copies(std::span<const T> records) {
  return std::vector<T>(records.begin(), records.end());
}

template <class T>
std::optional<T> copy_of(const T* p) {
  if (p) return *p;
  return std::nullopt;
}

// The scope named by exactly one of three keywords.
role_scope scope_of(const char* what, const std::optional<foundation_id>& f,
                    const std::optional<project_id>& p,
                    const std::optional<body_id>& b) {
  const int given =
      int(f.has_value()) + int(p.has_value()) + int(b.has_value());
  if (given != 1)
    throw py::type_error(fmt::format(
        "{}() takes exactly one of foundation=, project= or body=", what));
  if (f) return *f;
  if (p) return *p;
  return *b;
}

steward_ref steward_of(const char* what, const std::optional<org_id>& org,
                       const std::optional<foundation_id>& f) {
  if (org.has_value() == f.has_value())
    throw py::type_error(
        fmt::format("{}() takes exactly one of org= or foundation=", what));
  if (org) return *org;
  return *f;
}

// A record of any kind, added or updated.
void add_record(batch& b, py::handle record, bool update) {
  std::visit(
      [&](auto value) {
        if (update)
          b.update(std::move(value));
        else
          b.add(std::move(value));
      },
      record_from(record));
}

// ---- batches

/// A Python `Batch`: operations collected for one all-or-nothing commit.
struct batch_handle {
  enum class state { open, committed, discarded };

  holder_ptr holder;
  batch changes;
  audit_info who;
  state now = state::open;
  /// Once committed: the audit entry written (none for an in-memory
  /// registry, or when the batch changed nothing) and what changed.
  std::optional<std::int64_t> audit_id;
  std::vector<record_diff_value> done;

  batch& target() {
    if (now != state::open)
      throw charter::error(now == state::committed
                               ? "the batch was already committed"
                               : "the batch was discarded");
    return changes;
  }
};

// The database of a registry kept in a file, for what needs its audit log.
// @throws error for an in-memory registry.
charter::database& logged(registry_holder& h) {
  auto* db = h.database();
  if (!db)
    throw charter::error(
        "an in-memory registry keeps no audit log: there is no entry to "
        "revert");
  return *db;
}

const registry_holder& holder_of(const registry_holder& h) { return h; }
const registry_holder& holder_of(const batch_handle& b) { return *b.holder; }

// The audit entry a commit wrote, or none.
std::optional<std::int64_t> entry_of(std::int64_t audit_id) {
  if (audit_id == 0) return std::nullopt;
  return audit_id;
}

// Commits `changes`; with `diffs`, says what they changed.
std::pair<std::int64_t, std::vector<record_diff>> commit(registry_holder& h,
                                                         const batch& changes,
                                                         const audit_info& who,
                                                         bool diffs = false) {
  py::gil_scoped_release release;
  std::unique_lock lock(h.mutex());
  const auto done = h.commit(changes, who);
  std::vector<record_diff> made;
  if (diffs) made = record_diffs(h.reg(), done.changes);
  return {done.audit_id, std::move(made)};
}

void commit_batch(batch_handle& b) {
  b.target();  // still open?
  // An empty batch commits nothing (and writes no audit entry).
  if (!b.changes.empty()) {
    try {
      // A copy: another thread may touch the Batch while the GIL is released.
      const batch changes = b.changes;
      auto [audit_id, made] = commit(*b.holder, changes, b.who, true);
      b.audit_id = entry_of(audit_id);
      b.done = values_of(std::move(made));
    } catch (...) {
      b.now = batch_handle::state::discarded;
      throw;
    }
  }
  b.now = batch_handle::state::committed;
}

// The mutations, shared by `Registry` (each one committed at once, as a
// batch of one) and `Batch` (collected). `Sink` is how: it receives the
// Python self and a function that adds the operation to a C++ batch.
using op_fn = std::function<void(batch&)>;

template <class Class, class Sink>
void add_mutations(Class& cls, Sink sink, const char* returns) {
  using self_t = typename Class::type;
  using std::optional;
  const std::string ret = returns;
  auto doc = [&](const std::string& text) {
    // pybind11 keeps a pointer to the docstring: give it storage for good.
    static std::vector<std::unique_ptr<std::string>> kept;
    kept.push_back(std::make_unique<std::string>(text + " " + ret));
    return kept.back()->c_str();
  };

  cls.def(
      "add",
      [sink](self_t& self, py::object record) {
        return sink(self, [&](batch& b) { add_record(b, record, false); });
      },
      py::arg("record"),
      doc("Adds a record of any kind (Organization, Person, Foundation, "
          "Project, Body, Membership, Seat, Role, Meeting, Invoice, "
          "SubmittedReport, Election); "
          "its id or key must be new."));
  cls.def(
      "update",
      [sink](self_t& self, py::object record) {
        return sink(self, [&](batch& b) { add_record(b, record, true); });
      },
      py::arg("record"),
      doc("Replaces the record with the same id or key (a key includes the "
          "start date: to move a start, "
          "add a new record)."));
  cls.def(
      "join",
      [sink](self_t& self, org_id org, foundation_id f, tier_id t, date on,
             bool founding) {
        return sink(self, [&](batch& b) { b.join(org, f, t, on, founding); });
      },
      py::arg("org"), py::arg("foundation"), py::arg("tier"), py::kw_only(),
      py::arg("on"), py::arg("founding") = false,
      doc("``org`` becomes a member of ``foundation`` in ``tier`` from ``on``, "
          "open-ended."));
  cls.def(
      "leave",
      [sink](self_t& self, org_id org, foundation_id f, date on) {
        return sink(self, [&](batch& b) { b.leave(org, f, on); });
      },
      py::arg("org"), py::arg("foundation"), py::kw_only(), py::arg("on"),
      doc("Ends ``org``'s membership of ``foundation`` in force on ``on``: "
          "``on`` is the first day it is "
          "no longer a member."));
  cls.def(
      "change_tier",
      [sink](self_t& self, org_id org, foundation_id f, tier_id t, date on) {
        return sink(self, [&](batch& b) { b.change_tier(org, f, t, on); });
      },
      py::arg("org"), py::arg("foundation"), py::arg("tier"), py::kw_only(),
      py::arg("on"),
      doc("Ends the membership in force on ``on`` and starts one in ``tier`` "
          "from ``on``."));
  cls.def(
      "affiliate",
      [sink](self_t& self, person_id p, org_id org, date from,
             optional<date> to, std::string title) {
        return sink(self, [&](batch& b) {
          b.affiliate(p, affiliation{org, period{from, to}, title, {}});
        });
      },
      py::arg("person"), py::arg("org"), py::kw_only(), py::arg("from_"),
      py::arg("to") = py::none(), py::arg("title") = "",
      doc("Adds an affiliation of ``person`` with ``org`` from ``from_`` "
          "(until ``to``)."));
  cls.def(
      "end_affiliation",
      [sink](self_t& self, person_id p, org_id org, date on) {
        return sink(self, [&](batch& b) { b.end_affiliation(p, org, on); });
      },
      py::arg("person"), py::arg("org"), py::kw_only(), py::arg("on"),
      doc("Ends ``person``'s affiliation with ``org`` in force on ``on``."));
  cls.def(
      "add_seat",
      [sink](self_t& self, body_id body, seat_class_id c, person_id p,
             date from, optional<date> to, optional<org_id> represents,
             optional<std::string> office, optional<bool> voting) {
        std::optional<charter::office> o;
        if (office) {
          o = parse_office(*office);
          if (!o)
            throw parse_error(
                fmt::format("'{}' is not an office (chair, vice-chair, "
                            "treasurer, secretary)",
                            *office));
        }
        seat s{body, c, p, represents, o, voting, period{from, to}, {}};
        return sink(self, [&](batch& b) { b.add(std::move(s)); });
      },
      py::arg("body"), py::arg("seat_class"), py::arg("person"), py::kw_only(),
      py::arg("from_"), py::arg("to") = py::none(),
      py::arg("represents") = py::none(), py::arg("office") = py::none(),
      py::arg("voting") = py::none(),
      doc("``person`` takes a seat of class ``seat_class`` on ``body`` from "
          "``from_`` (until ``to``), "
          "representing ``represents`` (required for per-member classes)."));
  cls.def(
      "end_seat",
      [sink](self_t& self, body_id body, person_id p, date on,
             std::optional<seat_class_id> c) {
        return sink(self, [&](batch& b) { b.end_seat(body, p, on, c); });
      },
      py::arg("body"), py::arg("person"), py::kw_only(), py::arg("on"),
      py::arg("seat_class") = py::none(),
      doc("Ends every seat ``person`` holds on ``body`` on ``on`` (of class "
          "``seat_class`` only, when given)."));
  cls.def(
      "add_role",
      [sink](self_t& self, person_id p, std::string title,
             optional<foundation_id> f, optional<project_id> pr,
             optional<body_id> bo, date from, optional<date> to) {
        role r{p, title, scope_of("add_role", f, pr, bo), period{from, to}, {}};
        return sink(self, [&](batch& b) { b.add(std::move(r)); });
      },
      py::arg("person"), py::arg("title"), py::kw_only(),
      py::arg("foundation") = py::none(), py::arg("project") = py::none(),
      py::arg("body") = py::none(), py::arg("from_"),
      py::arg("to") = py::none(),
      doc("``person`` holds ``title`` in exactly one of ``foundation=``, "
          "``project=`` or ``body=`` from "
          "``from_`` (until ``to``)."));
  cls.def(
      "end_role",
      [sink](self_t& self, person_id p, std::string title,
             optional<foundation_id> f, optional<project_id> pr,
             optional<body_id> bo, date on) {
        role_scope scope = scope_of("end_role", f, pr, bo);
        return sink(self, [&](batch& b) { b.end_role(p, title, scope, on); });
      },
      py::arg("person"), py::arg("title"), py::kw_only(),
      py::arg("foundation") = py::none(), py::arg("project") = py::none(),
      py::arg("body") = py::none(), py::arg("on"),
      doc("Ends ``person``'s role ``title`` in the given scope on ``on``."));
  cls.def(
      "transfer",
      [sink](self_t& self, project_id p, optional<foundation_id> f,
             optional<org_id> org, date on) {
        steward_ref to = steward_of("transfer", org, f);
        return sink(self, [&](batch& b) { b.transfer(p, to, on); });
      },
      py::arg("project"), py::kw_only(), py::arg("foundation") = py::none(),
      py::arg("org") = py::none(), py::arg("on"),
      doc("Ends ``project``'s steward in force on ``on`` and makes exactly one "
          "of ``foundation=`` or "
          "``org=`` its steward from ``on``."));
  def_named<bool>(
      cls, "remove",
      [sink](self_t& self, const record_name& name, bool cascade) {
        const record_key key = read(holder_of(self), [&](const registry& r) {
          return key_named("remove", name, r);
        });
        return sink(self, [&](batch& b) { b.remove(key, cascade); });
      },
      doc("Removes a record entered in error, as if it had never been "
          "entered (ending a fact, with ``leave`` or ``end_affiliation``, "
          "keeps its history instead). The record is named by itself (its "
          "id or key is taken) or by exactly one keyword: ``org=``, "
          "``person=``, ``foundation=``, ``project=``, ``body=``, "
          "``meeting=``, ``invoice=`` or ``election=`` (an id), "
          "``membership=(org, foundation, from_date)``, ``seat=(body, "
          "seat_class, person, from_date)``, ``role=(person, title, "
          "scope, from_date)`` (``scope``: the id of the foundation, project "
          "or body) or ``report=(body, 'YYYY-MM')``. Refused with a "
          "ValidationError naming each record that "
          "refers to it, unless ``cascade=True``: then the records that "
          "cannot stand without it are removed too, and the others lose the "
          "reference (see referrers())."),
      py::arg("cascade") = false);
  cls.def(
      "merge",
      [sink](self_t& self, py::object record, py::object org, py::object person,
             py::object into) {
        return sink(self,
                    [&](batch& b) { add_merge(b, record, org, person, into); });
      },
      py::arg("record") = py::none(), py::pos_only(), py::kw_only(),
      py::arg("org") = py::none(), py::arg("person") = py::none(),
      py::arg("into"),
      doc("Makes two records found to be one organization (``org=``) or one "
          "person (``person=``), or the Organization or Person passed, into "
          "``into`` (an id, or the record): every reference to the "
          "duplicate moves to ``into``, which takes the duplicate's name as "
          "an alias and its aliases and domains (a person: its emails, "
          "handles and affiliations), and the duplicate is removed. A merge "
          "into itself is refused."));
}

std::string summary_before(const registry& r) {
  return fmt::format(
      "{} organizations, {} people, {} foundations, {} projects, {} "
      "memberships, {} bodies, "
      "{} seats, {} roles",
      r.organizations().size(), r.people().size(), r.foundations().size(),
      r.projects().size(), r.memberships().size(), r.bodies().size(),
      r.seats().size(), r.roles().size());
}

// The kinds added since (issues 16, 17) only when the registry holds some,
// so that the summary of a registry of before reads as it did.
std::string summary_of(const registry& r) {
  std::string out = summary_before(r);
  const auto add = [&out](std::size_t n, const char* kind) {
    if (n) out += fmt::format(", {} {}", n, kind);
  };
  add(r.meetings().size(), "meetings");
  add(r.invoices().size(), "invoices");
  add(r.reports().size(), "reports");
  add(r.elections().size(), "elections");
  return out;
}

std::optional<std::filesystem::path> path_of(const registry_holder& h) {
  const auto* db = h.database();
  if (!db) return std::nullopt;
  if (const auto* s = dynamic_cast<const sqlite_store*>(&db->store()))
    return s->path();
  if (const auto* s = dynamic_cast<const json_store*>(&db->store()))
    return s->path();
  return std::nullopt;
}

holder_ptr make_memory(registry reg) {
  return std::make_shared<registry_holder>(std::move(reg));
}

}  // namespace

date date_or_today(const std::optional<date>& at) {
  return at ? *at : charter::today();
}

void bind_registry(py::module_& m) {
  using std::optional;
  py::class_<registry_holder, holder_ptr> reg_cls(
      m, "Registry",
      "A registry: every organization, person, foundation, project, "
      "membership, body, seat and role, with "
      "as-of queries at any date.\n\n"
      "Made by charter.memory(), charter.open(path) (an SQLite database; "
      "changes are saved as they are "
      "committed), charter.from_json(text) or charter.load_json(path). Queries "
      "take ``at=`` (a "
      "datetime.date, default today; a datetime.datetime or 'YYYY-MM-DD' "
      "text will do, as for every date) and return copies of the records.");

  reg_cls.def(py::init([] { return make_memory({}); }),
              "An empty in-memory registry (as charter.memory()).");

  // ---- records
  reg_cls
      .def(
          "organization",
          [](const registry_holder& h, const org_id& id) {
            return read(h, [&](const registry& r) { return r.at(id); });
          },
          py::arg("id"), "The organization with this id. Raises NotFoundError.")
      .def(
          "person",
          [](const registry_holder& h, const person_id& id) {
            return read(h, [&](const registry& r) { return r.at(id); });
          },
          py::arg("id"), "The person with this id. Raises NotFoundError.")
      .def(
          "foundation",
          [](const registry_holder& h, const foundation_id& id) {
            return read(h, [&](const registry& r) { return r.at(id); });
          },
          py::arg("id"), "The foundation with this id. Raises NotFoundError.")
      .def(
          "project",
          [](const registry_holder& h, const project_id& id) {
            return read(h, [&](const registry& r) { return r.at(id); });
          },
          py::arg("id"), "The project with this id. Raises NotFoundError.")
      .def(
          "body",
          [](const registry_holder& h, const body_id& id) {
            return read(h, [&](const registry& r) { return r.at(id); });
          },
          py::arg("id"), "The body with this id. Raises NotFoundError.")
      .def(
          "election",
          [](const registry_holder& h, const election_id& id) {
            return read(h, [&](const registry& r) { return r.at(id); });
          },
          py::arg("id"), "The election with this id. Raises NotFoundError.")
      .def(
          "organizations",
          [](const registry_holder& h) {
            return read(
                h, [](const registry& r) { return copies(r.organizations()); });
          },
          "Every organization, in the order added.")
      .def(
          "people",
          [](const registry_holder& h) {
            return read(h,
                        [](const registry& r) { return copies(r.people()); });
          },
          "Every person, in the order added.")
      .def(
          "foundations",
          [](const registry_holder& h) {
            return read(
                h, [](const registry& r) { return copies(r.foundations()); });
          },
          "Every foundation, in the order added.")
      .def(
          "projects",
          [](const registry_holder& h) {
            return read(h,
                        [](const registry& r) { return copies(r.projects()); });
          },
          "Every project, in the order added.")
      .def(
          "bodies",
          [](const registry_holder& h) {
            return read(h,
                        [](const registry& r) { return copies(r.bodies()); });
          },
          "Every body, in the order added.")
      .def(
          "elections",
          [](const registry_holder& h) {
            return read(
                h, [](const registry& r) { return copies(r.elections()); });
          },
          "Every election, in the order added.")
      .def(
          "all_memberships",
          [](const registry_holder& h) {
            return read(
                h, [](const registry& r) { return copies(r.memberships()); });
          },
          "Every membership, at any date, in the order added.")
      .def(
          "all_seats",
          [](const registry_holder& h) {
            return read(h, [](const registry& r) { return copies(r.seats()); });
          },
          "Every seat, at any date, in the order added.")
      .def(
          "all_roles",
          [](const registry_holder& h) {
            return read(h, [](const registry& r) { return copies(r.roles()); });
          },
          "Every role, at any date, in the order added.");
  def_named(
      reg_cls, "find_record",
      [](const registry_holder& h, const record_name& name) {
        auto found = read(h, [&](const registry& r) {
          return r.find_record(key_named("find_record", name, r));
        });
        return found ? record_object(*found) : py::object(py::none());
      },
      "The record named as for remove() (by a record, whose id or key is "
      "taken, or by one of ``org=``, ``person=``, ``foundation=``, "
      "``project=``, ``body=``, ``membership=(org, foundation, from_date)``, "
      "``seat=(body, seat_class, person, from_date)``, ``role=(person, "
      "title, scope, from_date)``, ``meeting=``, ``invoice=``, "
      "``report=(body, 'YYYY-MM')``, ``election=``) as the registry holds "
      "it, or None.");
  def_named(
      reg_cls, "referrers",
      [](const registry_holder& h, const record_name& name) {
        return read(h, [&](const registry& r) {
          std::vector<reference_value> out;
          for (const auto& ref : r.referrers(key_named("referrers", name, r)))
            out.push_back(value_of(r, ref));
          return out;
        });
      },
      "The records that refer to the record named as for remove(), as "
      "Reference values, by kind and then as added: what stops its removal, "
      "or goes with it (``depends``) or loses the reference with "
      "``cascade=True``. Raises NotFoundError when there is no such record.");

  // ---- as-of queries
  reg_cls
      .def(
          "members",
          [](const registry_holder& h, const foundation_id& f,
             const optional<tier_id>& t, optional<date> at) -> py::object {
            const date on = date_or_today(at);
            if (t)
              return py::cast(read(h, [&](const registry& r) {
                return copies(r.members(f, *t, on));
              }));
            return py::cast(read(h, [&](const registry& r) {
              std::vector<tier_members_value> out;
              for (const auto& group : r.members(f, on))
                out.push_back({*group.tier, copies(group.members)});
              return out;
            }));
          },
          py::arg("foundation"), py::arg("tier") = py::none(), py::kw_only(),
          py::arg("at") = py::none(),
          "The members of ``foundation`` on ``at``: without ``tier``, one "
          "TierMembers per tier in rank order "
          "(empty tiers included); with ``tier``, that tier's memberships. "
          "Sorted by organization id. "
          "Raises NotFoundError.")
      .def(
          "membership",
          [](const registry_holder& h, const org_id& org,
             const foundation_id& f, optional<date> at) {
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              return copy_of(r.membership_of(org, f, on));
            });
          },
          py::arg("org"), py::arg("foundation"), py::kw_only(),
          py::arg("at") = py::none(),
          "``org``'s membership of ``foundation`` in force on ``at``, or None.")
      .def(
          "memberships",
          [](const registry_holder& h, const org_id& org, optional<date> at) {
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              return copies(r.memberships_of(org, on));
            });
          },
          py::arg("org"), py::kw_only(), py::arg("at") = py::none(),
          "All of ``org``'s memberships in force on ``at``, sorted by "
          "foundation.")
      .def(
          "membership_history",
          [](const registry_holder& h, const org_id& org,
             const foundation_id& f) {
            return read(h, [&](const registry& r) {
              return copies(r.membership_history(org, f));
            });
          },
          py::arg("org"), py::arg("foundation"),
          "All of ``org``'s memberships of ``foundation``, earliest first.")
      .def(
          "member_since",
          [](const registry_holder& h, const org_id& org,
             const foundation_id& f, optional<date> at) {
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              return r.member_since(org, f, on);
            });
          },
          py::arg("org"), py::arg("foundation"), py::kw_only(),
          py::arg("at") = py::none(),
          "The first day of the unbroken run of memberships (across tier "
          "changes) that includes ``at``, "
          "or None when ``org`` is not a member then.")
      .def(
          "affiliations",
          [](const registry_holder& h, const person_id& p, optional<date> at) {
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              return copies(r.affiliations(p, on));
            });
          },
          py::arg("person"), py::kw_only(), py::arg("at") = py::none(),
          "``person``'s affiliations in force on ``at``. Raises NotFoundError.")
      .def(
          "affiliated_people",
          [](const registry_holder& h, const org_id& org, optional<date> at) {
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              return copies(r.affiliated_people(org, on));
            });
          },
          py::arg("org"), py::kw_only(), py::arg("at") = py::none(),
          "The people affiliated with ``org`` (not its family) on ``at``, "
          "sorted by id.")
      .def(
          "family",
          [](const registry_holder& h, const org_id& org) {
            return read(h, [&](const registry& r) { return r.family(org); });
          },
          py::arg("org"),
          "The top-most ancestor of ``org`` (itself when it has no parent). "
          "Raises NotFoundError.")
      .def(
          "family_members",
          [](const registry_holder& h, const org_id& org) {
            return read(h, [&](const registry& r) {
              return copies(r.family_members(org));
            });
          },
          py::arg("org"),
          "Every organization of ``org``'s family, the top first, then by id.")
      .def(
          "children",
          [](const registry_holder& h, const org_id& org) {
            return read(
                h, [&](const registry& r) { return copies(r.children(org)); });
          },
          py::arg("org"), "The direct children of ``org``, sorted by id.")
      .def(
          "seats",
          [](const registry_holder& h, const body_id& b, optional<date> at) {
            const date on = date_or_today(at);
            return read(
                h, [&](const registry& r) { return copies(r.seats(b, on)); });
          },
          py::arg("body"), py::kw_only(), py::arg("at") = py::none(),
          "The seats of ``body`` filled on ``at``, in seat-class order then by "
          "person. Raises NotFoundError.")
      .def(
          "seats_of",
          [](const registry_holder& h, const person_id& p, optional<date> at) {
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              return copies(r.seats_of(p, on));
            });
          },
          py::arg("person"), py::kw_only(), py::arg("at") = py::none(),
          "The seats ``person`` holds on ``at``, on any body.")
      .def(
          "entitlements",
          [](const registry_holder& h, const body_id& b, optional<date> at) {
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              std::vector<entitlement_value> out;
              for (const auto& e : r.entitlements(b, on))
                out.push_back({*e.seat_class, e.seats, e.filled});
              return out;
            });
          },
          py::arg("body"), py::kw_only(), py::arg("at") = py::none(),
          "What each seat class of ``body`` is owed on ``at``, and how many "
          "seats are filled, in class order.")
      .def(
          "entitlement",
          [](const registry_holder& h, const body_id& b, const seat_class_id& c,
             optional<date> at) {
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              const auto e = r.entitlement_of(b, c, on);
              return entitlement_value{*e.seat_class, e.seats, e.filled};
            });
          },
          py::arg("body"), py::arg("seat_class"), py::kw_only(),
          py::arg("at") = py::none(),
          "The entitlement of one seat class of ``body`` on ``at``. Raises "
          "NotFoundError.")
      .def(
          "roles",
          [](const registry_holder& h, const optional<foundation_id>& f,
             const optional<project_id>& p, const optional<body_id>& b,
             optional<date> at) {
            const role_scope scope = scope_of("roles", f, p, b);
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              return copies(r.roles(scope, on));
            });
          },
          py::kw_only(), py::arg("foundation") = py::none(),
          py::arg("project") = py::none(), py::arg("body") = py::none(),
          py::arg("at") = py::none(),
          "Roles held on ``at`` in exactly one of ``foundation=``, "
          "``project=`` or ``body=``, sorted by title "
          "then person.")
      .def(
          "roles_of",
          [](const registry_holder& h, const person_id& p, optional<date> at) {
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              return copies(r.roles_of(p, on));
            });
          },
          py::arg("person"), py::kw_only(), py::arg("at") = py::none(),
          "Roles ``person`` holds on ``at``.")
      .def(
          "steward",
          [](const registry_holder& h, const project_id& p, optional<date> at) {
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              return copy_of(r.steward_of(p, on));
            });
          },
          py::arg("project"), py::kw_only(), py::arg("at") = py::none(),
          "The steward of ``project`` on ``at``, or None. Raises "
          "NotFoundError.")
      .def(
          "stage",
          [](const registry_holder& h, const project_id& p, optional<date> at) {
            const date on = date_or_today(at);
            return read(h, [&](const registry& r) {
              return copy_of(r.stage_of(p, on));
            });
          },
          py::arg("project"), py::kw_only(), py::arg("at") = py::none(),
          "The stage of ``project`` on ``at``, or None. Raises NotFoundError.")
      .def(
          "history",
          [](const registry_holder& h, const optional<org_id>& org,
             const optional<person_id>& p, const optional<project_id>& pr) {
            const int given =
                int(org.has_value()) + int(p.has_value()) + int(pr.has_value());
            if (given != 1)
              throw py::type_error(
                  "history() takes exactly one of org=, person= or project=");
            return read(h, [&](const registry& r) {
              // Worded while the registry is held: the entries point into it.
              const auto lines =
                  org ? describe(r.history(*org), record_kind::organization)
                  : p ? describe(r.history(*p), record_kind::person)
                      : describe(r.history(*pr), record_kind::project);
              std::vector<history_entry_value> out;
              out.reserve(lines.size());
              for (const auto& line : lines) out.push_back(value_of(line));
              return out;
            });
          },
          py::kw_only(), py::arg("org") = py::none(),
          py::arg("person") = py::none(), py::arg("project") = py::none(),
          "Everything dated that involves exactly one of ``org=``, ``person=`` "
          "or ``project=``, earliest first. "
          "Raises NotFoundError.");

  // ---- checks
  reg_cls.def(
      "check",
      [](const registry_holder& h, optional<date> at, bool all_dates,
         const optional<foundation_id>& f, const optional<body_id>& b) {
        if (at && all_dates)
          throw py::value_error(
              "check() takes at= or all_dates=True, not both");
        const check_scope scope{f, b};
        if (all_dates)
          return read_nogil(
              h, [&](const registry& r) { return check_all(r, scope); });
        const date on = date_or_today(at);
        return read(
            h, [&](const registry& r) { return charter::check(r, on, scope); });
      },
      py::arg("at") = py::none(), py::kw_only(), py::arg("all_dates") = false,
      py::arg("foundation") = py::none(), py::arg("body") = py::none(),
      "The governance findings on ``at`` (default today), or with "
      "``all_dates=True`` over all dates (each "
      "finding with the run of days it holds on). ``foundation=`` or ``body=`` "
      "narrows the scope. Sorted "
      "as the C++ check() / check_all(). Raises NotFoundError for an unknown "
      "scope.");

  // ---- mutations, each committed at once
  add_mutations(
      reg_cls,
      [](registry_holder& self, const std::function<void(batch&)>& add) {
        batch b;
        add(b);
        (void)commit(self, b, {});
      },
      "Committed at once (for a database, saved with an audit entry by the "
      "operating-system user); "
      "raises ValidationError and changes nothing when it does not apply.");

  reg_cls.def(
      "batch",
      [](const holder_ptr& self, std::string actor, std::string reason) {
        self->reg();  // open?
        return batch_handle{
            self, {}, audit_info{std::move(actor), std::move(reason)}};
      },
      py::kw_only(), py::arg("actor") = "", py::arg("reason") = "",
      "A Batch of changes committed together, all or nothing, with one audit "
      "entry naming ``actor`` "
      "(default: the operating-system user) and ``reason``:\n\n"
      "    with reg.batch(actor=\"ci\", reason=\"founding members\") as b:\n"
      "        b.join(\"amd\", \"pytorch-foundation\", \"premier\", "
      "on=datetime.date(2022, 9, 12))\n\n"
      "commits on leaving the block, and discards everything when the block "
      "raises.");

  // ---- JSON, storage
  reg_cls
      .def(
          "to_json",
          [](const registry_holder& h) {
            return read_nogil(h, [](const registry& r) { return to_json(r); });
          },
          "The registry as an interchange document (canonical: the same "
          "registry always gives the same text).")
      .def(
          "save_json",
          [](const registry_holder& h, const std::filesystem::path& file) {
            read_nogil(h, [&](const registry& r) {
              save_json(r, file);
              return 0;
            });
          },
          py::arg("path"),
          "Writes ``to_json()`` to ``path`` atomically. Raises StorageError.")
      .def(
          "copy",
          [](const registry_holder& h) {
            return make_memory(read(h, [](const registry& r) { return r; }));
          },
          "An in-memory copy (changes to it touch neither this registry nor "
          "its database).")
      .def(
          "replace",
          [](registry_holder& h, const registry_holder& other,
             std::string actor, std::string reason, std::string summary) {
            registry copy = read(other, [](const registry& r) { return r; });
            py::gil_scoped_release release;
            std::unique_lock lock(h.mutex());
            h.replace(std::move(copy),
                      audit_info{std::move(actor), std::move(reason)}, summary);
          },
          py::arg("other"), py::kw_only(), py::arg("actor") = "",
          py::arg("reason") = "", py::arg("summary") = "import",
          "Replaces everything this registry holds with a copy of ``other`` "
          "(an import); for a database, in one "
          "transaction with one audit entry (``summary`` is its text). Raises "
          "StorageError.")
      .def(
          "preview_replace",
          [](const registry_holder& h, const registry_holder& other) {
            registry copy = read(other, [](const registry& r) { return r; });
            auto p = read_nogil(h, [&](const registry& r) {
              return charter::preview_replace(r, copy);
            });
            return value_of(std::move(p));
          },
          py::arg("other"),
          "What replace(other) would do, as a Preview, without doing it.")
      .def(
          "revert",
          [](registry_holder& h, std::int64_t id, std::string actor,
             std::string reason) {
            py::gil_scoped_release release;
            std::unique_lock lock(h.mutex());
            return entry_of(
                logged(h)
                    .revert(id, audit_info{std::move(actor), std::move(reason)})
                    .audit_id);
          },
          py::arg("audit_id"), py::kw_only(), py::arg("actor") = "",
          py::arg("reason") = "",
          "Undoes the audit entry ``audit_id`` as a new audited change "
          "('revert N', naming ``actor`` and ``reason``): the records it "
          "added are removed, those it changed or removed are put back as "
          "they were; an import (replace()) puts the registry back as it "
          "was. Returns the new entry's id (None when nothing changed). "
          "Raises NotFoundError when there is no such entry, "
          "ValidationError when it cannot be undone (later entries changed "
          "its records: the message names each of them; or it kept nothing "
          "to undo it with), Error for an in-memory registry.")
      .def(
          "preview_revert",
          [](registry_holder& h, std::int64_t id) {
            auto p = [&] {
              py::gil_scoped_release release;
              std::unique_lock lock(h.mutex());
              return logged(h).preview_revert(id);
            }();
            return value_of(std::move(p));
          },
          py::arg("audit_id"),
          "What revert(audit_id) would do, as a Preview, without doing it. "
          "Raises as revert() does when the revert would be refused.")
      .def(
          "log",
          [](const registry_holder& h, py::handle since,
             optional<std::string> id, std::size_t limit) {
            log_filter filter{since_text(since), std::move(id), limit};
            py::gil_scoped_release release;
            // Exclusive: reading the log runs a transaction on the one
            // connection, which two threads must not share at once.
            std::unique_lock lock(h.mutex());
            const auto* db = h.database();
            if (!db) return std::vector<audit_entry>{};
            return db->log(filter);
          },
          py::kw_only(), py::arg("since") = py::none(),
          py::arg("id") = py::none(), py::arg("limit") = 0,
          "The database's audit log, oldest first: entries at or after "
          "``since`` (a datetime.datetime, a naive one taken as UTC; a "
          "datetime.date, from its start in UTC; or the start of an ISO 8601 "
          "UTC time, '2026-11-26T13:45:07Z', '2026-11'), touching ``id``, at "
          "most ``limit`` (the latest; 0: all). Empty for an in-memory "
          "registry. Raises ParseError for text that is not the start of a "
          "time.")
      .def(
          "reload",
          [](registry_holder& h) {
            py::gil_scoped_release release;
            std::unique_lock lock(h.mutex());
            if (auto* db = h.database()) db->reload();
          },
          "Reads the registry again from its database, to see other writers' "
          "changes (nothing for an in-memory "
          "registry).")
      .def_property_readonly(
          "path",
          [](const registry_holder& h) {
            std::shared_lock lock(h.mutex());
            return path_of(h);
          },
          "The database file, or None for an in-memory registry.")
      .def_property_readonly(
          "closed", [](const registry_holder& h) { return h.closed(); },
          "True once close() was called.")
      .def(
          "close",
          [](registry_holder& h) {
            py::gil_scoped_release release;
            std::unique_lock lock(h.mutex());
            h.close();
          },
          "Closes the database file (or drops the in-memory registry); any "
          "later use raises Error.")
      .def(
          "__enter__", [](py::object self) { return self; },
          "The registry itself; leaving the block closes it.")
      .def(
          "__exit__",
          [](registry_holder& h, py::handle, py::handle, py::handle) {
            py::gil_scoped_release release;
            std::unique_lock lock(h.mutex());
            h.close();
            return false;
          },
          "Closes the registry.")
      .def(
          "__repr__",
          [](const registry_holder& h) {
            std::shared_lock lock(h.mutex());
            if (h.closed()) return std::string("<charter.Registry (closed)>");
            auto where = path_of(h);
            std::string place =
                where ? "'" + where->string() + "'" : std::string("in memory");
            return "<charter.Registry " + place + ": " + summary_of(h.reg()) +
                   ">";
          },
          "Where the registry lives and how much it holds.");

  // ---- Batch
  py::class_<batch_handle> batch_cls(
      m, "Batch",
      "Changes collected for one all-or-nothing commit (see Registry.batch()). "
      "Its methods are those of "
      "Registry, but they only collect; use it as a context manager or call "
      "commit().");
  add_mutations(
      batch_cls,
      [](batch_handle& self, const std::function<void(batch&)>& add) {
        add(self.target());
      },
      "Collected, to be committed with the rest of the batch.");
  batch_cls
      .def(
          "commit",
          [](batch_handle& b) {
            commit_batch(b);
            return b.audit_id;
          },
          "Applies every operation collected, or none: raises ValidationError "
          "(or StorageError) and changes "
          "nothing when the batch does not apply. A batch commits once. "
          "Returns ``audit_id``.")
      .def(
          "preview",
          [](batch_handle& b) {
            // A copy: another thread may touch the Batch while the GIL is
            // released.
            const batch changes = b.target();
            auto p = [&] {
              py::gil_scoped_release release;
              // Exclusive: the changes are staged, then rolled back.
              std::unique_lock lock(b.holder->mutex());
              return b.holder->preview(changes);
            }();
            return value_of(std::move(p));
          },
          "What committing the operations collected so far would do, as a "
          "Preview: the records added, changed and removed, and the "
          "findings over all dates it would bring and end. Nothing is "
          "applied or written, and the batch stays open. Raises "
          "ValidationError as commit() would.")
      .def_property_readonly(
          "audit_id", [](const batch_handle& b) { return b.audit_id; },
          "Once committed, the id of the audit entry written; None before, "
          "for an in-memory registry, and when the batch changed nothing.")
      .def_property_readonly(
          "changes",
          [](const batch_handle& b)
              -> std::optional<std::vector<record_diff_value>> {
            if (b.now != batch_handle::state::committed) return std::nullopt;
            return b.done;
          },
          "Once committed, the records it added, changed and removed, as "
          "RecordDiff values (as Preview.changes); None before.")
      .def(
          "discard",
          [](batch_handle& b) { b.now = batch_handle::state::discarded; },
          "Drops the operations collected; nothing is committed.")
      .def(
          "describe",
          [](const batch_handle& b) { return b.changes.describe(); },
          "One line per operation, as the audit log records it.")
      .def(
          "__len__", [](const batch_handle& b) { return b.changes.size(); },
          "The number of operations collected.")
      .def_property_readonly(
          "state",
          [](const batch_handle& b) {
            switch (b.now) {
              case batch_handle::state::open:
                return "open";
              case batch_handle::state::committed:
                return "committed";
              default:
                return "discarded";
            }
          },
          "'open', 'committed' or 'discarded'.")
      .def_property_readonly(
          "actor", [](const batch_handle& b) { return b.who.actor; },
          "Who the audit entry names ('' : the OS user).")
      .def_property_readonly(
          "reason", [](const batch_handle& b) { return b.who.reason; },
          "Why, for the audit entry.")
      .def(
          "__enter__", [](py::object self) { return self; },
          "The batch itself.")
      .def(
          "__exit__",
          [](batch_handle& b, py::handle type, py::handle, py::handle) {
            if (b.now != batch_handle::state::open) return false;
            if (type.is_none())
              commit_batch(b);
            else
              b.now = batch_handle::state::discarded;
            return false;
          },
          "Commits when the block ended normally; discards when it raised (the "
          "exception propagates).")
      .def(
          "__repr__",
          [](const batch_handle& b) {
            const char* state = b.now == batch_handle::state::open ? "open"
                                : b.now == batch_handle::state::committed
                                    ? "committed"
                                    : "discarded";
            return fmt::format("<charter.Batch {}: {} operations>", state,
                               b.changes.size());
          },
          "State and size.");

  // ---- making registries
  m.def(
      "memory", [] { return make_memory({}); }, "An empty in-memory registry.");
  m.def(
      "open",
      [](const std::filesystem::path& file, bool create) {
        std::error_code ec;
        if (!create && !std::filesystem::exists(file, ec)) {
          // As the builtin open() says it: "[Errno 2] ...: 'path'".
          PyErr_SetObject(PyExc_FileNotFoundError,
                          py::make_tuple(ENOENT,
                                         "no registry database (pass "
                                         "create=True to make a new one)",
                                         file.string())
                              .ptr());
          throw py::error_already_set();
        }
        auto db = [&]() -> std::unique_ptr<database> {
          py::gil_scoped_release release;
          if (is_json_file(file))
            return std::make_unique<database>(
                std::make_unique<json_store>(file));
          // Not created even when `create` is false and the file went away
          // since it was looked for.
          return std::make_unique<database>(std::make_unique<sqlite_store>(
              file, sqlite_store::options{.create = create}));
        }();
        return std::make_shared<registry_holder>(std::move(db));
      },
      py::arg("path"), py::kw_only(), py::arg("create") = false,
      "Opens the registry database at ``path``: SQLite, or a JSON "
      "interchange document when the name ends in .json. Every committed "
      "change is saved at once. A missing file raises FileNotFoundError "
      "(naming it) unless ``create=True``, which makes a new, empty one. "
      "Raises StorageError when the file cannot be opened or is not a "
      "registry.");
  m.def(
      "from_json",
      [](std::string text) {
        auto reg = [&] {
          py::gil_scoped_release release;
          return from_json(text);
        }();
        return make_memory(std::move(reg));
      },
      py::arg("text"),
      "A new in-memory registry from an interchange document. Raises "
      "ValidationError listing every problem, "
      "each placed by a JSON Pointer.");
  m.def(
      "load_json",
      [](const std::filesystem::path& file) {
        auto reg = [&] {
          py::gil_scoped_release release;
          return load_json(file);
        }();
        return make_memory(std::move(reg));
      },
      py::arg("path"),
      "A new in-memory registry from the interchange document in ``path``. "
      "Raises StorageError when it cannot "
      "be read, ValidationError when it is not valid.");
  m.def(
      "has_errors",
      [](const std::vector<finding>& findings) { return has_errors(findings); },
      py::arg("findings"), "True if any finding has severity 'error'.");
}

}  // namespace charter::python
