#ifndef CHARTER_SRC_REPORT_LOOKUP_HPP
#define CHARTER_SRC_REPORT_LOOKUP_HPP

// Internal to the report sources: what several report models read from a
// registry the same way. Inline: a source file of its own would cost a
// compile of <charter/registry.hpp> for ten lines.

#include <charter/find.hpp>
#include <charter/registry.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
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

/// Sorts a roster's rows by the name they show, folded (`fold`: case and
/// Latin accents do not count, no locale, the same on every machine), ties
/// by id; `key(row)` gives the row's name and id (two `std::string_view`s).
template <class Row, class Key>
void report_sort_by_name(std::vector<Row>& rows, Key key) {
  std::vector<std::tuple<std::string, std::string, std::size_t>> order;
  order.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::pair<std::string_view, std::string_view> k =
        key(std::as_const(rows[i]));
    order.emplace_back(fold(k.first), std::string{k.second}, i);
  }
  std::sort(order.begin(), order.end());
  std::vector<Row> sorted;
  sorted.reserve(rows.size());
  for (const auto& entry : order)
    sorted.push_back(std::move(rows[std::get<2>(entry)]));
  rows = std::move(sorted);
}

}  // namespace charter::detail

#endif
