// The history of a record: every dated fact that involves it.

#include <charter/registry.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

#include "registry/state.hpp"

namespace charter {

using detail::slot;

namespace {
void sort_history(std::vector<history_entry>& h) {
  std::stable_sort(h.begin(), h.end(), [](const history_entry& a, const history_entry& b) {
    return std::tie(a.when.from, a.kind, a.text) < std::tie(b.when.from, b.kind, b.text);
  });
}

std::string seat_text(const seat& s) {
  std::string text = fmt::format("{} on {} ({})", s.person.str(), s.body.str(), s.seat_class.str());
  if (s.represents) text += fmt::format(" for {}", s.represents->str());
  if (s.office) text += fmt::format(", {}", to_string(*s.office));
  return text;
}
}  // namespace

std::vector<history_entry> registry::history(const org_id& org) const {
  const auto& o = at(org);
  std::vector<history_entry> h;
  for (const auto& e : detail::entries_in(state().memberships_by_org, org.str())) {
    const auto& m = state().memberships.rows[e.row];
    h.push_back({m.when, "membership",
                 fmt::format("{} member of {}{}", m.tier.str(), m.foundation.str(), m.founding ? " (founding)" : "")});
  }
  std::unordered_set<slot> people;
  for (slot i : detail::slots_in(state().people_by_org, org.str())) {
    if (!people.insert(i).second) continue;
    const auto& p = state().people.rows[i];
    for (const auto& a : p.affiliations)
      if (a.org == org)
        h.push_back({a.when, "affiliation", a.title.empty() ? p.id.str() : fmt::format("{} ({})", p.id.str(), a.title)});
  }
  for (slot i : detail::slots_in(state().seats_by_represents, org.str()))
    h.push_back({state().seats.rows[i].when, "seat", seat_text(state().seats.rows[i])});
  for (slot i : detail::slots_in(state().projects_by_org_steward, org.str())) {
    const auto& p = state().projects.rows[i];
    for (const auto& s : p.stewards)
      if (s.who == steward_ref{o.id}) h.push_back({s.when, "steward", fmt::format("steward of {}", p.id.str())});
  }
  sort_history(h);
  return h;
}

std::vector<history_entry> registry::history(const person_id& id) const {
  const auto& p = at(id);
  std::vector<history_entry> h;
  for (const auto& a : p.affiliations)
    h.push_back({a.when, "affiliation", a.title.empty() ? a.org.str() : fmt::format("{} at {}", a.title, a.org.str())});
  for (slot i : detail::slots_in(state().seats_by_person, id.str()))
    h.push_back({state().seats.rows[i].when, "seat", seat_text(state().seats.rows[i])});
  for (slot i : detail::slots_in(state().roles_by_person, id.str())) {
    const auto& r = state().roles.rows[i];
    h.push_back({r.when, "role", fmt::format("{} of {}", r.title, str(r.scope))});
  }
  sort_history(h);
  return h;
}

std::vector<history_entry> registry::history(const project_id& id) const {
  const auto& p = at(id);
  std::vector<history_entry> h;
  for (const auto& s : p.stewards)
    h.push_back({s.when, "steward", fmt::format("{} {}", s.who.index() == 0 ? "organization" : "foundation", str(s.who))});
  for (const auto& s : p.stages) h.push_back({s.when, "stage", s.name});
  for (slot i : detail::slots_in(state().roles_by_project, id.str())) {
    const auto& r = state().roles.rows[i];
    h.push_back({r.when, "role", fmt::format("{}: {}", r.title, r.person.str())});
  }
  sort_history(h);
  return h;
}

}  // namespace charter
