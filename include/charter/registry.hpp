#ifndef CHARTER_REGISTRY_HPP
#define CHARTER_REGISTRY_HPP

#include <charter/batch.hpp>
#include <charter/error.hpp>
#include <charter/model.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace charter {

namespace detail {
struct registry_state;
}

/// The members of one tier of a foundation on a date.
struct tier_members {
  const charter::tier* tier = nullptr;
  std::vector<const membership*> members;  ///< sorted by organization id
};

/// How many seats a class of a body is owed on a date, and how many are filled.
struct entitlement {
  const charter::seat_class* seat_class = nullptr;
  int seats = 0;
  int filled = 0;
  int vacant() const noexcept { return seats > filled ? seats - filled : 0; }
};

/// One dated line of a record's history.
struct history_entry {
  period when;
  std::string kind;  ///< "membership", "affiliation", "seat", "role", "steward", "stage"
  std::string text;  ///< for a person: "premier member of pytorch-foundation"
  friend bool operator==(const history_entry&, const history_entry&) = default;
};

/// A number for each kind of record.
struct record_counts {
  std::size_t organizations = 0;
  std::size_t people = 0;
  std::size_t foundations = 0;
  std::size_t projects = 0;
  std::size_t bodies = 0;
  std::size_t memberships = 0;
  std::size_t seats = 0;
  std::size_t roles = 0;
  friend bool operator==(const record_counts&, const record_counts&) = default;
};

/// Tells where a problem of a record is, for error messages. Given the kind
/// of record ("organizations", "memberships"...), its key and the field
/// (a relative JSON Pointer such as "/tier", or empty), returns the place.
using locator = std::function<std::string(const record_key& key, std::string_view field)>;

/// Everything the registry holds, and the queries on it, at any date.
///
/// A registry is always structurally valid: every change goes through
/// `apply`, which checks it and either makes all of it or none of it.
/// Pointers and references returned by queries stay valid until the next
/// call to `apply` (whether it succeeds or not) or to `reserve`.
class registry {
 public:
  registry();
  registry(const registry& other);
  registry(registry&&) noexcept;
  registry& operator=(const registry& other);
  registry& operator=(registry&&) noexcept;
  ~registry();

  /// Applies every operation of `changes`, or none.
  ///
  /// @returns the keys of the records written (added or changed), in order.
  /// @throws validation_error listing every problem, with the registry unchanged.
  std::vector<record_key> apply(const batch& changes);
  /// As above, with problems placed by `where` (the JSON importer uses this
  /// to report JSON Pointers).
  std::vector<record_key> apply(const batch& changes, const locator& where);

  /// Called by `apply` with the registry as changed and the keys written,
  /// before the change is final. If it throws, the registry is rolled back
  /// and the exception propagates: stores use it to persist a batch in the
  /// same all-or-nothing step.
  using persist_fn = std::function<void(const registry& changed, const std::vector<record_key>& written)>;

  /// As above, calling `persist` before the change is final. An empty
  /// `where` places problems as the first overload does.
  std::vector<record_key> apply(const batch& changes, const locator& where, const persist_fn& persist);

  /// As above, moving the records out of `changes` instead of copying them
  /// (an import of millions of records needs them only once).
  std::vector<record_key> apply(batch&& changes, const locator& where = {}, const persist_fn& persist = {});

  /// Fills `next` (empty, with the room the previous piece took) with the
  /// next operations of a batch too large to hold at once; returns false
  /// when there are no more.
  using batch_source = std::function<bool(batch& next)>;

  /// Applies the operations `source` hands over, piece by piece, as one
  /// batch: all of them or none, checked together once the last piece has
  /// run. Each piece's records are moved into the registry and their shells
  /// destroyed before the next piece is asked for, so that an import of
  /// millions of records never holds them twice (`from_json` reads
  /// documents this way). An exception thrown by `source` rolls back the
  /// pieces already run, and propagates.
  /// @returns how many records were written.
  /// @throws validation_error as `apply`, with the registry unchanged.
  std::size_t apply(const batch_source& source, const locator& where = {});

  /// Makes room for `total` records of each kind, those held included, so
  /// that a load of known size grows no table (and rehashes no key) as its
  /// records arrive. Changes no record, but may move them, as
  /// `std::vector::reserve` does: pointers and references from earlier
  /// queries are not valid after it. A count at or below what is held does
  /// nothing for that kind.
  void reserve(const record_counts& total);

  // Records by id: null when there is none.
  const organization* find(const org_id& id) const noexcept;
  const person* find(const person_id& id) const noexcept;
  const foundation* find(const foundation_id& id) const noexcept;
  const project* find(const project_id& id) const noexcept;
  const body* find(const body_id& id) const noexcept;
  const membership* find(const membership_key& key) const noexcept;
  const seat* find(const seat_key& key) const noexcept;
  const role* find(const role_key& key) const noexcept;

  // Records by id. @throws not_found_error
  const organization& at(const org_id& id) const;
  const person& at(const person_id& id) const;
  const foundation& at(const foundation_id& id) const;
  const project& at(const project_id& id) const;
  const body& at(const body_id& id) const;

  // Every record, in the order added.
  std::span<const organization> organizations() const noexcept;
  std::span<const person> people() const noexcept;
  std::span<const foundation> foundations() const noexcept;
  std::span<const project> projects() const noexcept;
  std::span<const body> bodies() const noexcept;
  std::span<const membership> memberships() const noexcept;
  std::span<const seat> seats() const noexcept;
  std::span<const role> roles() const noexcept;

  /// The members of `f` on `on`, one group per tier in rank order (empty
  /// tiers included). @throws not_found_error
  std::vector<tier_members> members(const foundation_id& f, date on) const;
  /// As above, into `groups`, reusing its capacity and that of its groups:
  /// for callers that ask often. @throws not_found_error
  void members(const foundation_id& f, date on, std::vector<tier_members>& groups) const;
  /// The members of `f` in `t` on `on`, sorted by organization id.
  std::vector<const membership*> members(const foundation_id& f, const tier_id& t, date on) const;
  /// `org`'s membership of `f` in force on `on`, or null.
  const membership* membership_of(const org_id& org, const foundation_id& f, date on) const;
  /// All of `org`'s memberships in force on `on`, sorted by foundation.
  std::vector<const membership*> memberships_of(const org_id& org, date on) const;
  /// All of `org`'s memberships of `f`, earliest first.
  std::vector<const membership*> membership_history(const org_id& org, const foundation_id& f) const;
  /// The first day of the unbroken run of memberships (any tier) of `org`
  /// in `f` that includes `on`, or nothing when it is not a member then.
  std::optional<date> member_since(const org_id& org, const foundation_id& f, date on) const;

  /// `p`'s affiliations in force on `on`. @throws not_found_error
  std::vector<const affiliation*> affiliations(const person_id& p, date on) const;
  /// As above, into `out` (cleared first), reusing its capacity.
  /// @throws not_found_error
  void affiliations(const person_id& p, date on, std::vector<const affiliation*>& out) const;
  /// The people affiliated with `org` (not its family) on `on`, sorted by id.
  std::vector<const person*> affiliated_people(const org_id& org, date on) const;

  /// The top-most ancestor of `org` (itself when it has no parent), kept
  /// up to date by `apply`: one lookup. @throws not_found_error
  const organization& family(const org_id& org) const;
  /// Every organization of `org`'s family, the top first, then by id.
  std::vector<const organization*> family_members(const org_id& org) const;
  /// The families (top-most organizations) a seat counts toward under a
  /// family cap on `on`: that of the organization it represents, else those
  /// of its holder's affiliations then; sorted, without repeats.
  std::vector<org_id> families_of(const seat& s, date on) const;
  /// The direct children of `org`, sorted by id.
  std::vector<const organization*> children(const org_id& org) const;

  /// The seats of `b` filled on `on`, in seat-class order then by person.
  /// @throws not_found_error
  std::vector<const seat*> seats(const body_id& b, date on) const;
  /// The seats `p` holds on `on`, on any body.
  std::vector<const seat*> seats_of(const person_id& p, date on) const;
  /// Every seat of `b`, whenever held, in the order added. @throws not_found_error
  std::vector<const seat*> seat_history(const body_id& b) const;
  /// Every seat `p` held, on any body, in the order added.
  std::vector<const seat*> seat_history(const person_id& p) const;
  /// The foundation whose members fill `b`'s tier-based seat classes on
  /// `on`: its own, or the one stewarding its project then (none when a
  /// company does).
  std::optional<foundation_id> home_of(const body& b, date on) const;
  /// What each seat class of `b` is owed on `on`, in class order.
  std::vector<entitlement> entitlements(const body_id& b, date on) const;
  /// The entitlement of one seat class of `b` on `on`.
  entitlement entitlement_of(const body_id& b, const seat_class_id& c, date on) const;

  /// Roles held in `scope` on `on`, sorted by title then person.
  std::vector<const role*> roles(const role_scope& scope, date on) const;
  /// Roles `p` holds on `on`.
  std::vector<const role*> roles_of(const person_id& p, date on) const;

  /// The steward of `p` on `on`, or null. @throws not_found_error
  const steward* steward_of(const project_id& p, date on) const;
  /// The stage of `p` on `on`, or null. @throws not_found_error
  const stage* stage_of(const project_id& p, date on) const;

  /// Everything dated that involves the record, earliest first.
  /// @throws not_found_error
  std::vector<history_entry> history(const org_id& org) const;
  std::vector<history_entry> history(const person_id& p) const;
  std::vector<history_entry> history(const project_id& p) const;

 private:
  std::vector<record_key> apply(const batch& changes, const locator& where, const persist_fn& persist,
                                bool consume);

  std::unique_ptr<detail::registry_state> state_;
};

}  // namespace charter

#endif
