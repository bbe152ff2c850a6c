#ifndef CHARTER_SRC_REGISTRY_REFERENCES_HPP
#define CHARTER_SRC_REGISTRY_REFERENCES_HPP

// Internal: which records refer to a record (to refuse, or cascade, its
// removal), and taking the references to removed records off the records
// that stand without them.

#include <charter/batch.hpp>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "registry/state.hpp"

namespace charter::detail {

/// A record that refers to another, and how.
struct referrer {
  record_kind kind;
  slot at;
  std::string_view field;  ///< the referring field, as the interchange names it
  /// True when the record cannot stand without the one it refers to (a
  /// membership of its organization); false when the reference can be
  /// taken off it (a parent, an affiliation, a steward period).
  bool depends;
};

/// The records that refer to the record at (`kind`, `at`), by kind then slot.
std::vector<referrer> referrers(const registry_state& s, record_kind kind,
                                slot at);

/// The ids of removed records that other records may name.
struct removed_ids {
  std::set<std::string, std::less<>> orgs, foundations, bodies, people;
  bool names(const steward_ref& who) const;
};

/// Takes every reference to a removed record off `r`: returns whether any
/// was.
bool take_off(organization& r, const removed_ids& gone);
bool take_off(person& r, const removed_ids& gone);
bool take_off(foundation& r, const removed_ids& gone);
bool take_off(project& r, const removed_ids& gone);
bool take_off(body& r, const removed_ids& gone);
bool take_off(seat& r, const removed_ids& gone);
bool take_off(meeting& r, const removed_ids& gone);
bool take_off(election& r, const removed_ids& gone);

/// Makes every reference `r` has to the organization `from` (or the
/// person) refer to `to` instead: returns whether any did.
bool move_references(any_record& r, const record_key& from,
                     const record_key& to);

/// A copy of the record at (`kind`, `at`).
any_record record_at(const registry_state& s, record_kind kind, slot at);

/// The slot of the record `key` names, or no_slot.
slot slot_of(const registry_state& s, const record_key& key);

}  // namespace charter::detail

#endif
