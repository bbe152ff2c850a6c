// Which records refer to a record, and taking references to removed
// records off the records that stand without them.

#include "registry/references.hpp"

#include <charter/error.hpp>
#include <charter/registry.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace charter::detail {

namespace {

template <class Id>
bool in(const std::set<std::string, std::less<>>& ids, const Id& id) {
  return ids.contains(id.str());
}

template <class List, class Pred>
bool erase_if_any(List& list, Pred pred) {
  return std::erase_if(list, pred) > 0;
}

}  // namespace

bool removed_ids::names(const steward_ref& who) const {
  return std::holds_alternative<org_id>(who)
             ? in(orgs, std::get<org_id>(who))
             : in(foundations, std::get<foundation_id>(who));
}

std::vector<referrer> referrers(const registry_state& s, record_kind kind,
                                slot at) {
  std::vector<referrer> out;
  auto each = [&out](record_kind k, const std::vector<slot>& slots,
                     std::string_view field, bool depends) {
    for (slot j : slots) out.push_back({k, j, field, depends});
  };
  switch (kind) {
    case record_kind::organization: {
      const auto& id = s.orgs.rows[at].id.str();
      each(record_kind::organization, slots_in(s.orgs_by_parent, id), "parent",
           false);
      // In a bulk load the people's index is built at the end (see
      // registry_state::groups).
      if (s.journaling)
        each(record_kind::person, slots_in(s.people_by_org, id), "affiliations",
             false);
      else
        for (slot j = 0; j < s.people.rows.size(); ++j)
          if (std::ranges::any_of(
                  s.people.rows[j].affiliations,
                  [&](const auto& a) { return a.org.str() == id; }))
            out.push_back({record_kind::person, j, "affiliations", false});
      for (const auto& e : entries_in(s.memberships_by_org, id))
        out.push_back({record_kind::membership, e.row, "org", true});
      // A seat for an organization that never was goes too (a per-member
      // seat cannot stand without the member it represents).
      each(record_kind::seat, slots_in(s.seats_by_represents, id), "represents",
           true);
      each(record_kind::project, slots_in(s.projects_by_org_steward, id),
           "stewards", false);
      each(record_kind::invoice, slots_in(s.invoices_by_org, id), "org", true);
      // A candidate stands without the organization they declared.
      each(record_kind::election, slots_in(s.elections_by_org, id),
           "candidates", false);
      break;
    }
    case record_kind::person: {
      const auto& id = s.people.rows[at].id.str();
      each(record_kind::seat, slots_in(s.seats_by_person, id), "person", true);
      each(record_kind::role, slots_in(s.roles_by_person, id), "person", true);
      // An alternate seat loses its principal; a meeting, the rows that
      // name them (as attendee or as the one who acted for one).
      for (slot j : slots_in(s.seats_by_principal, id))
        if (s.seats.rows[j].person.str() != id)
          out.push_back({record_kind::seat, j, "alternate_for", false});
      for (slot j = 0; j < s.meetings.rows.size(); ++j)
        if (std::ranges::any_of(
                s.meetings.rows[j].attendance, [&](const attendee& a) {
                  return a.person.str() == id || (a.by && a.by->str() == id);
                }))
          out.push_back({record_kind::meeting, j, "attendance", false});
      each(record_kind::election, slots_in(s.elections_by_person, id),
           "candidates", true);
      break;
    }
    case record_kind::foundation: {
      const auto& id = s.foundations.rows[at].id;
      for (slot j = 0; j < s.foundations.rows.size(); ++j) {
        const auto& f = s.foundations.rows[j];
        if (f.parent == id)
          out.push_back({record_kind::foundation, j, "parent", false});
        else if (j != at && std::ranges::any_of(f.tiers, [&](const auto& t) {
                   return std::ranges::any_of(
                       t.requirements,
                       [&](const auto& r) { return r.foundation == id; });
                 }))
          out.push_back({record_kind::foundation, j, "tiers", false});
      }
      for (const auto& e : entries_in(s.memberships_by_foundation, id.str()))
        out.push_back({record_kind::membership, e.row, "foundation", true});
      each(record_kind::project,
           slots_in(s.projects_by_foundation_steward, id.str()), "stewards",
           false);
      each(record_kind::body, slots_in(s.bodies_by_foundation, id.str()),
           "owner", true);
      each(record_kind::role, slots_in(s.roles_by_foundation, id.str()),
           "scope", true);
      each(record_kind::invoice, slots_in(s.invoices_by_foundation, id.str()),
           "foundation", true);
      break;
    }
    case record_kind::project: {
      const auto& id = s.projects.rows[at].id.str();
      each(record_kind::body, slots_in(s.bodies_by_project, id), "owner", true);
      each(record_kind::role, slots_in(s.roles_by_project, id), "scope", true);
      break;
    }
    case record_kind::body: {
      const auto& id = s.bodies.rows[at].id;
      for (slot j = 0; j < s.bodies.rows.size(); ++j) {
        if (j == at) continue;
        const auto& other = s.bodies.rows[j];
        if (std::ranges::find(other.rules.exclusive_with, id) !=
            other.rules.exclusive_with.end())
          out.push_back({record_kind::body, j, "rules", false});
        else if (other.reporting && other.reporting->to == id)
          out.push_back({record_kind::body, j, "reporting", false});
      }
      each(record_kind::seat, slots_in(s.seats_by_body, id.str()), "body",
           true);
      each(record_kind::role, slots_in(s.roles_by_body, id.str()), "scope",
           true);
      each(record_kind::meeting, slots_in(s.meetings_by_body, id.str()), "body",
           true);
      each(record_kind::report, slots_in(s.reports_by_body, id.str()), "body",
           true);
      each(record_kind::election, slots_in(s.elections_by_body, id.str()),
           "body", true);
      break;
    }
    case record_kind::membership:
    case record_kind::seat:
    case record_kind::role:
    case record_kind::meeting:
    case record_kind::invoice:
    case record_kind::report:
    case record_kind::election:
      break;
  }
  std::ranges::sort(out, [](const referrer& a, const referrer& b) {
    return std::pair(a.kind, a.at) < std::pair(b.kind, b.at);
  });
  return out;
}

bool take_off(organization& r, const removed_ids& gone) {
  if (!r.parent || !in(gone.orgs, *r.parent)) return false;
  r.parent.reset();
  return true;
}

bool take_off(person& r, const removed_ids& gone) {
  return erase_if_any(r.affiliations,
                      [&](const auto& a) { return in(gone.orgs, a.org); });
}

bool take_off(foundation& r, const removed_ids& gone) {
  bool changed = false;
  if (r.parent && in(gone.foundations, *r.parent)) {
    r.parent.reset();
    changed = true;
  }
  for (auto& t : r.tiers)
    changed |= erase_if_any(t.requirements, [&](const auto& q) {
      return in(gone.foundations, q.foundation);
    });
  return changed;
}

bool take_off(project& r, const removed_ids& gone) {
  return erase_if_any(r.stewards,
                      [&](const auto& st) { return gone.names(st.who); });
}

bool take_off(body& r, const removed_ids& gone) {
  bool changed = erase_if_any(r.rules.exclusive_with, [&](const auto& b) {
    return in(gone.bodies, b);
  });
  if (r.reporting && in(gone.bodies, r.reporting->to)) {
    r.reporting.reset();
    changed = true;
  }
  return changed;
}

bool take_off(seat& r, const removed_ids& gone) {
  if (!r.alternate_for || !in(gone.people, *r.alternate_for)) return false;
  r.alternate_for.reset();
  return true;
}

bool take_off(meeting& r, const removed_ids& gone) {
  return erase_if_any(r.attendance, [&](const attendee& a) {
    return in(gone.people, a.person) || (a.by && in(gone.people, *a.by));
  });
}

bool take_off(election& r, const removed_ids& gone) {
  bool changed = false;
  for (auto& c : r.candidates)
    if (c.org && in(gone.orgs, *c.org)) {
      c.org.reset();
      changed = true;
    }
  return changed;
}

namespace {

// Renames the references of one kind of id: to organizations, or to people.
template <class Id>
struct renamer {
  const Id& from;
  const Id& to;
  bool moved = false;

  template <class T>
  void maybe(T& field) {
    if (field == from) {
      field = to;
      moved = true;
    }
  }
  template <class T>
  void maybe(std::optional<T>& field) {
    if (field) maybe(*field);
  }
  void maybe(steward_ref& who) {
    if (auto* org = std::get_if<Id>(&who)) maybe(*org);
  }

  void operator()(organization& r) {
    if constexpr (std::is_same_v<Id, org_id>) maybe(r.parent);
  }
  void operator()(person& r) {
    if constexpr (std::is_same_v<Id, org_id>)
      for (auto& a : r.affiliations) maybe(a.org);
  }
  void operator()(foundation&) {}
  void operator()(project& r) {
    if constexpr (std::is_same_v<Id, org_id>)
      for (auto& st : r.stewards) maybe(st.who);
  }
  void operator()(body&) {}
  void operator()(membership& r) {
    if constexpr (std::is_same_v<Id, org_id>) maybe(r.org);
  }
  void operator()(seat& r) {
    if constexpr (std::is_same_v<Id, org_id>) {
      maybe(r.represents);
    } else {
      maybe(r.person);
      maybe(r.alternate_for);
    }
  }
  void operator()(role& r) {
    if constexpr (std::is_same_v<Id, person_id>) maybe(r.person);
  }
  void operator()(meeting& r) {
    if constexpr (std::is_same_v<Id, person_id>)
      for (auto& a : r.attendance) {
        maybe(a.person);
        maybe(a.by);
      }
  }
  void operator()(invoice& r) {
    if constexpr (std::is_same_v<Id, org_id>) maybe(r.org);
  }
  void operator()(submitted_report&) {}
  void operator()(election& r) {
    for (auto& c : r.candidates) {
      if constexpr (std::is_same_v<Id, org_id>)
        maybe(c.org);
      else
        maybe(c.person);
    }
  }
};

template <class Id>
bool rename(any_record& r, const Id& from, const Id& to) {
  renamer<Id> each{from, to};
  std::visit(each, r);
  return each.moved;
}

}  // namespace

bool move_references(any_record& r, const record_key& from,
                     const record_key& to) {
  if (const auto* org = std::get_if<org_id>(&from))
    return rename(r, *org, std::get<org_id>(to));
  return rename(r, std::get<person_id>(from), std::get<person_id>(to));
}

any_record record_at(const registry_state& s, record_kind kind, slot at) {
  switch (kind) {
    case record_kind::organization:
      return s.orgs.rows[at];
    case record_kind::person:
      return s.people.rows[at];
    case record_kind::foundation:
      return s.foundations.rows[at];
    case record_kind::project:
      return s.projects.rows[at];
    case record_kind::body:
      return s.bodies.rows[at];
    case record_kind::membership:
      return s.memberships.rows[at];
    case record_kind::seat:
      return s.seats.rows[at];
    case record_kind::role:
      return s.roles.rows[at];
    case record_kind::meeting:
      return s.meetings.rows[at];
    case record_kind::invoice:
      return s.invoices.rows[at];
    case record_kind::report:
      return s.reports.rows[at];
    case record_kind::election:
      return s.elections.rows[at];
  }
  return {};
}

slot slot_of(const registry_state& s, const record_key& key) {
  struct visitor {
    const registry_state& s;
    slot operator()(const org_id& id) const {
      return s.orgs.find_slot(id.str());
    }
    slot operator()(const person_id& id) const {
      return s.people.find_slot(id.str());
    }
    slot operator()(const foundation_id& id) const {
      return s.foundations.find_slot(id.str());
    }
    slot operator()(const project_id& id) const {
      return s.projects.find_slot(id.str());
    }
    slot operator()(const body_id& id) const {
      return s.bodies.find_slot(id.str());
    }
    slot operator()(const membership_key& k) const {
      return s.memberships.find_slot(k);
    }
    slot operator()(const seat_key& k) const { return s.seats.find_slot(k); }
    slot operator()(const role_key& k) const { return s.roles.find_slot(k); }
    slot operator()(const meeting_id& id) const {
      return s.meetings.find_slot(id.str());
    }
    slot operator()(const invoice_id& id) const {
      return s.invoices.find_slot(id.str());
    }
    slot operator()(const report_key& k) const {
      return s.reports.find_slot(k);
    }
    slot operator()(const election_id& id) const {
      return s.elections.find_slot(id.str());
    }
  };
  return std::visit(visitor{s}, key);
}

}  // namespace charter::detail

namespace charter {

std::optional<any_record> registry::find_record(const record_key& key) const {
  const auto& s = state();
  const detail::slot at = detail::slot_of(s, key);
  if (at == detail::no_slot) return std::nullopt;
  return detail::record_at(s, kind_of(key), at);
}

std::vector<reference> registry::referrers(const record_key& key) const {
  const auto& s = state();
  const detail::slot at = detail::slot_of(s, key);
  if (at == detail::no_slot)
    // "no organization 'nobody'": the id of a kind with one, else the key.
    throw not_found_error(std::string(to_string(kind_of(key))),
                          std::visit(
                              [&key](const auto& k) -> std::string {
                                if constexpr (requires { k.str(); })
                                  return k.str();
                                else
                                  return to_string(key);
                              },
                              key));
  std::vector<reference> out;
  for (const auto& r : detail::referrers(s, kind_of(key), at))
    out.push_back({s.key_at(r.kind, r.at), std::string(r.field), r.depends});
  return out;
}

namespace {

struct upserter {
  const registry& reg;
  batch& out;
  upsert_counts& n;

  template <class Record>
  void operator()(op::add<Record>& o) {
    const Record* there = nullptr;
    if constexpr (requires { o.record.id; })
      there = reg.find(o.record.id);
    else
      there = reg.find(key_of(o.record));
    if (!there) {
      ++n.added;
      out.add(std::move(o.record));
    } else if (*there == o.record) {
      ++n.unchanged;
    } else {
      ++n.updated;
      out.update(std::move(o.record));
    }
  }
  template <class Op>
  void operator()(Op& o) {
    out.push_back(std::move(o));
  }
};

}  // namespace

batch upsert(const registry& reg, batch incoming, upsert_counts* counts) {
  upsert_counts n;
  batch out;
  out.reserve(incoming.size());
  upserter each{reg, out, n};
  for (auto& o : incoming.take_operations()) std::visit(each, o);
  if (counts) *counts = n;
  return out;
}

}  // namespace charter
