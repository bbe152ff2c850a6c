// Queries about projects: a project's steward and stage at a date.

#include <charter/registry.hpp>

namespace charter {

const steward* registry::steward_of(const project_id& p, date on) const {
  for (const auto& s : at(p).stewards)
    if (s.when.contains(on)) return &s;
  return nullptr;
}

const charter::stage* registry::stage_of(const project_id& p, date on) const {
  const charter::stage* found = nullptr;
  // Stages may overlap in a sloppy registry; the latest start wins.
  for (const auto& s : at(p).stages)
    if (s.when.contains(on) && (!found || s.when.from >= found->when.from))
      found = &s;
  return found;
}

}  // namespace charter
