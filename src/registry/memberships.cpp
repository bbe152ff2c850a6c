// Queries about memberships: a foundation's members, an organization's
// memberships, their history.

#include <charter/registry.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <vector>

#include "registry/state.hpp"

namespace charter {

using detail::slot;

namespace {
slot foundation_slot(const detail::registry_state& s, const foundation_id& f) {
  const slot fs = s.foundations.find_slot(f.str());
  if (fs == detail::no_slot) throw not_found_error("foundation", f.str());
  return fs;
}
}  // namespace

std::vector<tier_members> registry::members(const foundation_id& f,
                                            date on) const {
  std::vector<tier_members> groups;
  members(f, on, groups);
  return groups;
}

void registry::members(const foundation_id& f, date on,
                       std::vector<tier_members>& groups) const {
  const auto& fd = at(f);
  // Reuses the caller's groups and their capacity.
  groups.resize(fd.tiers.size());
  for (std::size_t i = 0; i < fd.tiers.size(); ++i) {
    groups[i].tier = &fd.tiers[i];
    groups[i].members.clear();
  }
  std::stable_sort(groups.begin(), groups.end(),
                   [](const tier_members& a, const tier_members& b) {
                     return a.tier->rank < b.tier->rank;
                   });
  // The group of each tier, by the tier's index in the foundation.
  constexpr std::size_t small = 16;
  std::size_t group_of_small[small];
  std::vector<std::size_t> group_of_large;
  std::size_t* group_of = group_of_small;
  if (fd.tiers.size() > small) {
    group_of_large.resize(fd.tiers.size());
    group_of = group_of_large.data();
  }
  for (std::size_t g = 0; g < groups.size(); ++g)
    group_of[groups[g].tier - fd.tiers.data()] = g;
  // The list is sorted by organization id: each group is too.
  const auto day = detail::day_key(on);
  const auto* rows = state().memberships.rows.data();
  for (const auto& e :
       detail::entries_in(state().memberships_by_foundation, f.str()))
    if (e.contains(day) && e.aux < fd.tiers.size())
      groups[group_of[e.aux]].members.push_back(rows + e.row);
}

std::vector<const membership*> registry::members(const foundation_id& f,
                                                 const tier_id& t,
                                                 date on) const {
  std::vector<const membership*> out;
  const auto& fd = at(f);
  const slot tier = detail::registry_state::tier_index(fd, t);
  if (tier == detail::no_slot)
    throw not_found_error("tier", f.str() + "/" + t.str());
  const auto day = detail::day_key(on);
  for (const auto& e :
       detail::entries_in(state().memberships_by_foundation, f.str()))
    if (e.aux == tier && e.contains(day))
      out.push_back(&state().memberships.rows[e.row]);
  return out;
}

const membership* registry::membership_of(const org_id& org,
                                          const foundation_id& f,
                                          date on) const {
  const slot fs = foundation_slot(state(), f);
  const auto& entries =
      detail::entries_in(state().memberships_by_org, org.str());
  if (entries.empty()) {
    (void)at(org);  // an organization without memberships, or none
    return nullptr;
  }
  const auto day = detail::day_key(on);
  for (const auto& e : entries)
    if (e.aux == fs && e.contains(day)) return &state().memberships.rows[e.row];
  return nullptr;
}

std::vector<const membership*> registry::memberships_of(const org_id& org,
                                                        date on) const {
  std::vector<const membership*> out;
  const auto& entries =
      detail::entries_in(state().memberships_by_org, org.str());
  if (entries.empty()) (void)at(org);
  const auto day = detail::day_key(on);
  for (const auto& e : entries)
    if (e.contains(day)) out.push_back(&state().memberships.rows[e.row]);
  std::sort(out.begin(), out.end(),
            [](const membership* a, const membership* b) {
              return a->foundation < b->foundation;
            });
  return out;
}

std::vector<const membership*> registry::membership_history(
    const org_id& org, const foundation_id& f) const {
  std::vector<const membership*> out;
  const slot fs = foundation_slot(state(), f);
  const auto& entries =
      detail::entries_in(state().memberships_by_org, org.str());
  if (entries.empty()) (void)at(org);
  for (const auto& e : entries)
    if (e.aux == fs) out.push_back(&state().memberships.rows[e.row]);
  std::sort(out.begin(), out.end(),
            [](const membership* a, const membership* b) {
              return a->when.from < b->when.from;
            });
  return out;
}

std::optional<date> registry::member_since(const org_id& org,
                                           const foundation_id& f,
                                           date on) const {
  const auto runs = membership_history(org, f);
  auto it = std::find_if(runs.begin(), runs.end(), [on](const membership* m) {
    return m->when.contains(on);
  });
  if (it == runs.end()) return std::nullopt;
  while (it != runs.begin() && (*std::prev(it))->when.meets((*it)->when)) --it;
  return (*it)->when.from;
}

}  // namespace charter
