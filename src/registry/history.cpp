// The history of a record: every dated fact that involves it, as data (the
// report layer words it: src/report/history.cpp).

#include <charter/registry.hpp>

#include <algorithm>
#include <tuple>
#include <unordered_set>
#include <vector>

#include "registry/state.hpp"

namespace charter {

using detail::slot;

std::string_view to_string(history_kind k) noexcept {
  switch (k) {
    case history_kind::affiliation:
      return "affiliation";
    case history_kind::membership:
      return "membership";
    case history_kind::role:
      return "role";
    case history_kind::seat:
      return "seat";
    case history_kind::stage:
      return "stage";
    case history_kind::steward:
      return "steward";
  }
  return "?";
}

namespace {

// Orders two entries of one kind by what they name (registry.hpp). Only
// fields their wording uses: two entries worded alike are alike here too,
// so that they keep the registry's order, as they did when the registry
// sorted its lines by their words.
bool names_before(const history_entry& a, const history_entry& b) {
  switch (a.kind) {
    case history_kind::membership:
      return std::tie(a.membership->foundation, a.membership->tier,
                      a.membership->founding) <
             std::tie(b.membership->foundation, b.membership->tier,
                      b.membership->founding);
    case history_kind::affiliation:
      return std::tie(a.person->id, a.affiliation->org, a.affiliation->title) <
             std::tie(b.person->id, b.affiliation->org, b.affiliation->title);
    case history_kind::seat:
      return std::tie(a.seat->body, a.seat->seat_class, a.seat->person,
                      a.seat->represents, a.seat->office) <
             std::tie(b.seat->body, b.seat->seat_class, b.seat->person,
                      b.seat->represents, b.seat->office);
    case history_kind::role:
      return std::tie(str(a.role->scope), a.role->title, a.role->person) <
             std::tie(str(b.role->scope), b.role->title, b.role->person);
    case history_kind::steward:
      return std::tie(a.project->id, a.steward->who) <
             std::tie(b.project->id, b.steward->who);
    case history_kind::stage:
      return std::tie(a.project->id, a.stage->name) <
             std::tie(b.project->id, b.stage->name);
  }
  return false;
}

void sort_history(std::vector<history_entry>& h) {
  std::stable_sort(h.begin(), h.end(),
                   [](const history_entry& a, const history_entry& b) {
                     if (a.when.from != b.when.from)
                       return a.when.from < b.when.from;
                     if (a.kind != b.kind) return a.kind < b.kind;
                     return names_before(a, b);
                   });
}

history_entry of(const membership& m) {
  return {.when = m.when, .kind = history_kind::membership, .membership = &m};
}
history_entry of(const person& p, const affiliation& a) {
  return {.when = a.when,
          .kind = history_kind::affiliation,
          .person = &p,
          .affiliation = &a};
}
history_entry of(const seat& s) {
  return {.when = s.when, .kind = history_kind::seat, .seat = &s};
}
history_entry of(const role& r) {
  return {.when = r.when, .kind = history_kind::role, .role = &r};
}
history_entry of(const project& p, const steward& s) {
  return {.when = s.when,
          .kind = history_kind::steward,
          .project = &p,
          .steward = &s};
}
history_entry of(const project& p, const stage& s) {
  return {
      .when = s.when, .kind = history_kind::stage, .project = &p, .stage = &s};
}

}  // namespace

std::vector<history_entry> registry::history(const org_id& org) const {
  const auto& o = at(org);
  std::vector<history_entry> h;
  for (const auto& e :
       detail::entries_in(state().memberships_by_org, org.str()))
    h.push_back(of(state().memberships.rows[e.row]));
  std::unordered_set<slot> people;
  for (slot i : detail::slots_in(state().people_by_org, org.str())) {
    if (!people.insert(i).second) continue;
    const auto& p = state().people.rows[i];
    for (const auto& a : p.affiliations)
      if (a.org == org) h.push_back(of(p, a));
  }
  for (slot i : detail::slots_in(state().seats_by_represents, org.str()))
    h.push_back(of(state().seats.rows[i]));
  for (slot i : detail::slots_in(state().projects_by_org_steward, org.str())) {
    const auto& p = state().projects.rows[i];
    for (const auto& s : p.stewards)
      if (s.who == steward_ref{o.id}) h.push_back(of(p, s));
  }
  sort_history(h);
  return h;
}

std::vector<history_entry> registry::history(const person_id& id) const {
  const auto& p = at(id);
  std::vector<history_entry> h;
  for (const auto& a : p.affiliations) h.push_back(of(p, a));
  for (slot i : detail::slots_in(state().seats_by_person, id.str()))
    h.push_back(of(state().seats.rows[i]));
  for (slot i : detail::slots_in(state().roles_by_person, id.str()))
    h.push_back(of(state().roles.rows[i]));
  sort_history(h);
  return h;
}

std::vector<history_entry> registry::history(const project_id& id) const {
  const auto& p = at(id);
  std::vector<history_entry> h;
  for (const auto& s : p.stewards) h.push_back(of(p, s));
  for (const auto& s : p.stages) h.push_back(of(p, s));
  for (slot i : detail::slots_in(state().roles_by_project, id.str()))
    h.push_back(of(state().roles.rows[i]));
  sort_history(h);
  return h;
}

}  // namespace charter
