// Queries about roles: the roles held in a scope or by a person at a date.

#include <charter/registry.hpp>

#include <algorithm>
#include <variant>
#include <vector>

#include "registry/state.hpp"

namespace charter {

using detail::slot;

std::vector<const role*> registry::roles(const role_scope& scope,
                                         date on) const {
  std::vector<const role*> out;
  const auto& slots = detail::slots_in(
      detail::registry_state::roles_in(state(), scope), str(scope));
  if (slots.empty())
    std::visit([this](const auto& id) { (void)at(id); }, scope);
  for (slot i : slots)
    if (state().roles.rows[i].when.contains(on))
      out.push_back(&state().roles.rows[i]);
  std::sort(out.begin(), out.end(), [](const role* x, const role* y) {
    return x->title != y->title ? x->title < y->title : x->person < y->person;
  });
  return out;
}

std::vector<const role*> registry::roles_of(const person_id& p, date on) const {
  std::vector<const role*> out;
  const auto& slots = detail::slots_in(state().roles_by_person, p.str());
  if (slots.empty()) (void)at(p);
  for (slot i : slots)
    if (state().roles.rows[i].when.contains(on))
      out.push_back(&state().roles.rows[i]);
  std::sort(out.begin(), out.end(),
            [](const role* x, const role* y) { return x->title < y->title; });
  return out;
}

}  // namespace charter
