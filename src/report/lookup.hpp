#ifndef CHARTER_SRC_REPORT_LOOKUP_HPP
#define CHARTER_SRC_REPORT_LOOKUP_HPP

// Internal to the report sources: what several report models read from a
// registry the same way. Inline: a source file of its own would cost a
// compile of <charter/registry.hpp> for ten lines.

#include <charter/registry.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace charter::detail {

/// The organization's name, or its id when the registry has no such record.
inline std::string report_org_name(const registry& reg, const org_id& id) {
  const auto* o = reg.find(id);
  return o ? o->name : id.str();
}

/// The person's name, or their id when the registry has no such record.
inline std::string report_person_name(const registry& reg,
                                      const person_id& id) {
  const auto* p = reg.find(id);
  return p ? p->name : id.str();
}

/// What a timeline's steward is, as its text and JSON name it: `org` or
/// `foundation`.
inline std::string_view report_steward_kind(const steward_ref& who) noexcept {
  return std::holds_alternative<org_id>(who) ? "org" : "foundation";
}

/// The foundation's tiers, best (lowest) rank first; ties in their order.
inline std::vector<const tier*> report_tiers_by_rank(const foundation& f) {
  std::vector<const tier*> out;
  for (const auto& t : f.tiers) out.push_back(&t);
  std::stable_sort(out.begin(), out.end(), [](const tier* a, const tier* b) {
    return a->rank < b->rank;
  });
  return out;
}

}  // namespace charter::detail

#endif
