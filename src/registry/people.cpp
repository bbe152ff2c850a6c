// Queries about people and organizations: affiliations at a date, the
// people of an organization, corporate families.

#include <charter/registry.hpp>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "registry/state.hpp"

namespace charter {

using detail::slot;

namespace {
// Which of a person's ties (when all are beside their slot) are in force on
// `on`, as bits; nothing when they must be read from the row.
std::optional<unsigned> ties_in_force(const detail::person_slot& e, date on) {
  if (e.ties == detail::person_slot::ask_the_row || !on.ok())
    return std::nullopt;
  // Every period here starts in 1900..2079: a later date is as good as the
  // last day of the range, an earlier one is in none.
  if (on <
      date{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}})
    return 0u;
  const auto day =
      std::min<std::uint16_t>(detail::short_day(on), detail::no_short_day - 1);
  unsigned bits = 0;
  for (std::uint32_t i = 0; i < e.ties; ++i)
    if (e.from[i] <= day && day < e.to[i]) bits |= 1u << i;
  return bits;
}
}  // namespace

std::vector<const affiliation*> registry::affiliations(const person_id& p,
                                                       date on) const {
  const auto& slots = state().people.slots;
  auto it = slots.find(p.str());
  if (it == slots.end()) throw not_found_error("person", p.str());
  std::vector<const affiliation*> out;
  if (const auto bits = ties_in_force(it->second, on)) {
    // One allocation, of the right size.
    out.reserve(static_cast<std::size_t>(std::popcount(*bits)));
    for (unsigned b = *bits; b; b &= b - 1)
      out.push_back(it->second.first + std::countr_zero(b));
    return out;
  }
  affiliations(p, on, out);
  return out;
}

void registry::affiliations(const person_id& p, date on,
                            std::vector<const affiliation*>& out) const {
  out.clear();
  const auto& slots = state().people.slots;
  auto it = slots.find(p.str());
  if (it == slots.end()) throw not_found_error("person", p.str());
  if (const auto bits = ties_in_force(it->second, on)) {
    for (unsigned b = *bits; b; b &= b - 1)
      out.push_back(it->second.first + std::countr_zero(b));
    return;
  }
  for (const auto& a : state().people.rows[it->second.row].affiliations)
    if (a.when.contains(on)) out.push_back(&a);
}

std::vector<const person*> registry::affiliated_people(const org_id& org,
                                                       date on) const {
  std::vector<const person*> out;
  const auto& slots = detail::slots_in(state().people_by_org, org.str());
  if (slots.empty()) (void)at(org);
  for (slot i : slots) {
    const auto& p = state().people.rows[i];
    if (std::any_of(p.affiliations.begin(), p.affiliations.end(),
                    [&](const affiliation& a) {
                      return a.org == org && a.when.contains(on);
                    }))
      out.push_back(&p);
  }
  std::sort(out.begin(), out.end(),
            [](const person* a, const person* b) { return a->id < b->id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const organization& registry::family(const org_id& org) const {
  const auto& rows = state().orgs.rows;
  return rows[state().org_root[static_cast<slot>(&at(org) - rows.data())]];
}

std::vector<const organization*> registry::children(const org_id& org) const {
  std::vector<const organization*> out;
  const auto& slots = detail::slots_in(state().orgs_by_parent, org.str());
  if (slots.empty()) (void)at(org);
  for (slot i : slots) out.push_back(&state().orgs.rows[i]);
  std::sort(out.begin(), out.end(),
            [](const organization* a, const organization* b) {
              return a->id < b->id;
            });
  return out;
}

std::vector<const organization*> registry::family_members(
    const org_id& org) const {
  const organization& top = family(org);
  std::vector<const organization*> out{&top};
  for (std::size_t i = 0; i < out.size(); ++i)
    for (slot j : detail::slots_in(state().orgs_by_parent, out[i]->id.str()))
      out.push_back(&state().orgs.rows[j]);
  std::sort(out.begin() + 1, out.end(),
            [](const organization* a, const organization* b) {
              return a->id < b->id;
            });
  return out;
}

}  // namespace charter
