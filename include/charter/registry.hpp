#ifndef CHARTER_REGISTRY_HPP
#define CHARTER_REGISTRY_HPP

#include <charter/batch.hpp>
#include <charter/error.hpp>
#include <charter/model.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace charter {

class registry;

namespace detail {
struct registry_state;
class applier;
}  // namespace detail

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

/// What kind of fact a line of a record's history is. The enumerators are
/// in the order of their names, which is the order of one day's entries.
enum class history_kind : std::uint8_t {
  affiliation,
  membership,
  role,
  seat,
  stage,
  steward
};

/// `affiliation`, `membership`, `role`, `seat`, `stage`, `steward`.
std::string_view to_string(history_kind k) noexcept;

/// One dated fact of a record's history (`registry::history`): when it
/// held, its kind, and the records it comes from. Data, not words:
/// `describe` of <charter/report.hpp> words it.
///
/// The pointers are those of the kind, the others null; like every query
/// result they stay valid until the registry's next change.
struct history_entry {
  period when;
  history_kind kind = history_kind::membership;
  /// `membership`: the membership.
  const charter::membership* membership = nullptr;
  /// `affiliation`: the person who holds it, and the affiliation (one of
  /// `person->affiliations`).
  const charter::person* person = nullptr;
  const charter::affiliation* affiliation = nullptr;
  /// `seat`: the seat.
  const charter::seat* seat = nullptr;
  /// `role`: the role.
  const charter::role* role = nullptr;
  /// `steward`, `stage`: the project, and its steward or stage (one of
  /// `project->stewards` or `project->stages`).
  const charter::project* project = nullptr;
  const charter::steward* steward = nullptr;
  const charter::stage* stage = nullptr;

  /// The same fact: equal kinds, periods and pointers.
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
  std::size_t meetings = 0;
  std::size_t invoices = 0;
  std::size_t reports = 0;
  std::size_t elections = 0;
  friend bool operator==(const record_counts&, const record_counts&) = default;
};

/// Who counts for quorum at a meeting (`registry::quorum`).
struct quorum_count {
  /// Voting members present, or represented by someone who may act for
  /// them (their alternate; anyone where the body allows proxies).
  int counted = 0;
  /// Voting members (`registry::voting_members`).
  int voting = 0;
  /// The body's `rules.quorum`; none when it has none (always met).
  std::optional<double> required;
  /// counted / voting >= required; true without a rule or without voting
  /// members (no quorum to meet).
  bool met = true;
};

/// A span of meetings at which a member's vote on a body is suspended
/// under `rules.suspend_after_missed` (`registry::suspensions`).
struct suspension {
  person_id person;
  /// From the date of the first meeting at which it is suspended to the
  /// date of the next regular meeting they attend present (exclusive), or
  /// open.
  period when;
  friend bool operator==(const suspension&, const suspension&) = default;
};

/// One report a body owes on its schedule (`registry::reports_due`).
struct report_due {
  year_month month;
  /// The report submitted for it, or null.
  const submitted_report* submitted = nullptr;
  /// Submitted on or before the last day of its month.
  bool on_time() const noexcept {
    return submitted && submitted->submitted <= last_day(month);
  }
};

/// What a transaction changes: what a store persists, and what an audit
/// log keeps to undo it.
struct change_set {
  /// The records added or replaced, as the registry now holds them, in the
  /// order first written.
  std::vector<record_key> written;
  /// The records removed (`op::remove`), that were there before.
  std::vector<record_key> removed;
  /// The records replaced or removed, as they were before, in the order
  /// first changed. A record of `written` that is not here was added.
  std::vector<any_record> before;
  bool empty() const noexcept { return written.empty() && removed.empty(); }
};

/// A record that refers to another (`registry::referrers`).
struct reference {
  record_key from;
  /// The referring field as the interchange format names it: `org`,
  /// `parent`, `affiliations`, `represents`, `stewards`, `owner`, `scope`...
  std::string field;
  /// True when `from` cannot stand without the record it refers to (a
  /// membership of its organization), so that removing that record with
  /// `cascade` removes it; false when the reference is taken off it (a
  /// parent, an affiliation, a steward period, a tier requirement, an
  /// exclusive body).
  bool depends = false;
  friend bool operator==(const reference&, const reference&) = default;
};

/// Tells where in a document a problem of a record is (`problem::where`).
/// Given the key of the record and the field (a relative JSON Pointer such
/// as "/tier", or empty), returns a JSON Pointer into the document, or an
/// empty string when the record is not in it. The JSON importer's locator
/// gives JSON Pointers into the document (`decoded_document::where`);
/// without one, `where` stays empty. Every problem of a record names it in
/// `problem::record` and `problem::field` either way.
using locator =
    std::function<std::string(const record_key& key, std::string_view field)>;

/// Changes staged on a registry, then committed or rolled back, as one.
///
/// Made by `registry::stage` (a batch) or `registry::begin` (a batch too
/// large to hold at once, run piece by piece). While it is open, the
/// registry shows the staged changes; `commit` makes them final, and the
/// destructor rolls back a transaction that was not committed (as
/// SQLiteCpp's `SQLite::Transaction` does), so that an exception between
/// staging and committing (a store that cannot persist the change) leaves
/// the registry as it was:
///
/// ```cpp
/// auto tx = reg.stage(changes);  // throws validation_error: nothing changed
/// store.save(tx.staged(), tx.written(), who, summary);  // throws: rolled back
/// tx.commit();
/// ```
///
/// A registry has at most one open transaction; the registry must not be
/// copied, moved, changed or destroyed while it is open.
class [[nodiscard]] transaction {
 public:
  transaction(transaction&& other) noexcept;
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  transaction& operator=(transaction&&) = delete;
  /// Rolls back, unless committed or rolled back already.
  ~transaction();

  /// Runs the operations of `piece` after those run so far, moving the
  /// records out of it; leaves `piece` empty, with its room, for the next
  /// piece. Problems (a duplicate id, an update of nothing) are kept for
  /// `check`. @throws what an allocation throws; the transaction is then
  /// rolled back.
  void run(batch&& piece);
  /// As above, copying the records.
  void run(const batch& piece);

  /// Checks every record written and every record that depends on one (a
  /// foundation's memberships, a body's seats...), once all pieces have run.
  /// @throws validation_error listing every problem; the transaction is then
  /// rolled back, with the registry as it was.
  void check();

  /// Makes the changes final, checking them first unless `check` has.
  /// @throws validation_error as `check`.
  void commit();

  /// Undoes the changes now. Does nothing once committed.
  void roll_back() noexcept;

  /// The registry with the staged changes. @pre `check` has succeeded.
  const registry& staged() const noexcept { return *registry_; }

  /// The keys of the records written (added or changed), in the order first
  /// written; worked out on the first call (a bulk import that never asks
  /// builds none), and kept after `commit`.
  /// @throws error unless `check` has succeeded and, on the first call, the
  /// transaction is still open.
  const std::vector<record_key>& written();

  /// How many records were written.
  std::size_t written_count() const noexcept;

  /// What the transaction changes: `written`, the records removed, and the
  /// records replaced or removed as they were before it.
  /// @throws error as `written`.
  change_set changes();

  /// True until committed or rolled back.
  bool open() const noexcept { return applier_ != nullptr; }

 private:
  friend class registry;
  transaction(registry& reg, const locator& where);
  void require_open(const char* what) const;

  registry* registry_;
  std::unique_ptr<detail::applier>
      applier_;  // null once committed or rolled back
  bool checked_ = false;
  std::size_t committed_count_ = 0;
  std::optional<std::vector<record_key>> written_;
};

/// Everything the registry holds, and the queries on it, at any date.
///
/// A registry is always structurally valid: every change goes through a
/// `transaction`, which checks it and either makes all of it or none of it.
/// Pointers and references returned by queries stay valid until the next
/// change (a transaction begun, whether it commits or not) or `reserve`.
///
/// A registry is a value, like a standard container: copies are deep and
/// independent, and a moved-from registry is empty (it answers every query
/// as `registry{}` does).
///
/// Unknown ids: `find` answers null when no record has the id. Every other
/// query that names a record (a foundation, tier, organization, person,
/// body, seat class or project, or a role's scope) throws `not_found_error`
/// naming it when there is none, even where the answer would otherwise be
/// empty: a query never answers for a record that does not exist.
class registry {
 public:
  /// An empty registry. Allocates nothing.
  registry() noexcept;
  registry(const registry& other);
  /// Leaves `other` empty.
  registry(registry&& other) noexcept;
  registry& operator=(const registry& other);
  /// Leaves `other` empty.
  registry& operator=(registry&& other) noexcept;
  ~registry();

  /// Applies every operation of `changes`, or none: `stage(changes)`
  /// committed at once.
  ///
  /// @returns the keys of the records written (added or changed), in order.
  /// @throws validation_error listing every problem, with the registry
  /// unchanged.
  std::vector<record_key> apply(const batch& changes);

  /// Runs and checks `changes`, placing problems by `where` (the JSON
  /// importer gives JSON Pointers), and returns the open transaction.
  /// @throws validation_error listing every problem, with the registry
  /// unchanged.
  transaction stage(const batch& changes, const locator& where = {});
  /// As above, moving the records out of `changes` rather than copying them
  /// (an import of millions needs them only once); leaves `changes` empty.
  transaction stage(batch&& changes, const locator& where = {});

  /// Opens a transaction with nothing run yet, for a batch handed over in
  /// pieces (`transaction::run`, then `check` or `commit`): the records of
  /// each piece are moved into the registry before the next is made, so an
  /// import of millions of records never holds them twice (`from_json`
  /// reads documents this way). Problems are placed by `where`.
  /// @throws error when a transaction is already open on this registry.
  transaction begin(const locator& where = {});

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
  const meeting* find(const meeting_id& id) const noexcept;
  const invoice* find(const invoice_id& id) const noexcept;
  const submitted_report* find(const report_key& key) const noexcept;
  const election* find(const election_id& id) const noexcept;
  /// The record `key` names, whatever its kind, or none.
  std::optional<any_record> find_record(const record_key& key) const;

  /// The records that refer to the record `key` names, by kind (in the
  /// order of `record_kind`) and then as added: what stops its removal
  /// (`batch::remove`) or goes with it (`cascade`).
  /// @throws not_found_error when there is no such record.
  std::vector<reference> referrers(const record_key& key) const;

  // Records by id. @throws not_found_error
  const organization& at(const org_id& id) const;
  const person& at(const person_id& id) const;
  const foundation& at(const foundation_id& id) const;
  const project& at(const project_id& id) const;
  const body& at(const body_id& id) const;
  const meeting& at(const meeting_id& id) const;
  const invoice& at(const invoice_id& id) const;
  const election& at(const election_id& id) const;

  /// Whether the registry holds no record at all.
  bool empty() const noexcept;

  // Every record, in the order added.
  std::span<const organization> organizations() const noexcept;
  std::span<const person> people() const noexcept;
  std::span<const foundation> foundations() const noexcept;
  std::span<const project> projects() const noexcept;
  std::span<const body> bodies() const noexcept;
  std::span<const membership> memberships() const noexcept;
  std::span<const seat> seats() const noexcept;
  std::span<const role> roles() const noexcept;
  std::span<const meeting> meetings() const noexcept;
  std::span<const invoice> invoices() const noexcept;
  std::span<const submitted_report> reports() const noexcept;
  std::span<const election> elections() const noexcept;

  /// The members of `f` on `on`, one group per tier in rank order (empty
  /// tiers included). @throws not_found_error
  std::vector<tier_members> members(const foundation_id& f, date on) const;
  /// As above, into `groups`, reusing its capacity and that of its groups:
  /// for callers that ask often. @throws not_found_error
  void members(const foundation_id& f, date on,
               std::vector<tier_members>& groups) const;
  /// The members of `f` in `t` on `on`, sorted by organization id.
  /// @throws not_found_error
  std::vector<const membership*> members(const foundation_id& f,
                                         const tier_id& t, date on) const;
  /// `org`'s membership of `f` in force on `on`, or null. @throws
  /// not_found_error
  const membership* membership_of(const org_id& org, const foundation_id& f,
                                  date on) const;
  /// All of `org`'s memberships in force on `on`, sorted by foundation.
  /// @throws not_found_error
  std::vector<const membership*> memberships_of(const org_id& org,
                                                date on) const;
  /// All of `org`'s memberships of `f`, earliest first. @throws not_found_error
  std::vector<const membership*> membership_history(
      const org_id& org, const foundation_id& f) const;
  /// The first day of the unbroken run of memberships (any tier) of `org`
  /// in `f` that includes `on`, or nothing when it is not a member then.
  /// @throws not_found_error
  std::optional<date> member_since(const org_id& org, const foundation_id& f,
                                   date on) const;

  /// `p`'s affiliations in force on `on`. @throws not_found_error
  std::vector<const affiliation*> affiliations(const person_id& p,
                                               date on) const;
  /// As above, into `out` (cleared first), reusing its capacity.
  /// @throws not_found_error
  void affiliations(const person_id& p, date on,
                    std::vector<const affiliation*>& out) const;
  /// The people affiliated with `org` (not its family) on `on`, sorted by id.
  /// @throws not_found_error
  std::vector<const person*> affiliated_people(const org_id& org,
                                               date on) const;

  /// The top-most ancestor of `org` (itself when it has no parent), kept
  /// up to date by `apply`: one lookup. @throws not_found_error
  const organization& family(const org_id& org) const;
  /// Every organization of `org`'s family, the top first, then by id.
  /// @throws not_found_error
  std::vector<const organization*> family_members(const org_id& org) const;
  /// The families (top-most organizations) a seat counts toward under a
  /// family cap on `on`: that of the organization it represents, else those
  /// of its holder's affiliations then; sorted, without repeats.
  /// @throws not_found_error when the seat names no such organization or person
  std::vector<org_id> families_of(const seat& s, date on) const;
  /// The direct children of `org`, sorted by id. @throws not_found_error
  std::vector<const organization*> children(const org_id& org) const;

  /// The seats of `b` filled on `on`, in seat-class order then by person.
  /// @throws not_found_error
  std::vector<const seat*> seats(const body_id& b, date on) const;
  /// The seats `p` holds on `on`, on any body, sorted by body.
  /// @throws not_found_error
  std::vector<const seat*> seats_of(const person_id& p, date on) const;
  /// Every seat of `b`, whenever held, in the order added. @throws
  /// not_found_error
  std::vector<const seat*> seat_history(const body_id& b) const;
  /// Every seat `p` held, on any body, in the order added. @throws
  /// not_found_error
  std::vector<const seat*> seat_history(const person_id& p) const;
  /// The foundation whose members fill `b`'s tier-based seat classes on
  /// `on`: its own, or the one stewarding its project then (none when a
  /// company does). @throws not_found_error when its project does not exist
  std::optional<foundation_id> home_of(const body& b, date on) const;
  /// What each seat class of `b` is owed on `on`, in class order.
  /// @throws not_found_error
  std::vector<entitlement> entitlements(const body_id& b, date on) const;
  /// The entitlement of one seat class of `b` on `on`. @throws not_found_error
  entitlement entitlement_of(const body_id& b, const seat_class_id& c,
                             date on) const;

  /// Roles held in `scope` on `on`, sorted by title then person.
  /// @throws not_found_error
  std::vector<const role*> roles(const role_scope& scope, date on) const;
  /// Roles `p` holds on `on`, sorted by title. @throws not_found_error
  std::vector<const role*> roles_of(const person_id& p, date on) const;

  /// The steward of `p` on `on`, or null. @throws not_found_error
  const steward* steward_of(const project_id& p, date on) const;
  /// The stage of `p` on `on`, or null. @throws not_found_error
  const charter::stage* stage_of(const project_id& p, date on) const;

  /// Everything dated that involves the record: for an organization its
  /// memberships, the affiliations of people with it, the seats held for
  /// it and its stewardships; for a person their affiliations, seats and
  /// roles; for a project its stewards, stages and roles.
  ///
  /// Earliest first, then by kind (in `history_kind` order), then by what
  /// the entry names: a membership's foundation, tier and founding flag;
  /// an affiliation's person, organization and title; a seat's body,
  /// class, person, organization and office; a role's scope id, title and
  /// person; a steward's or stage's project, then the steward or the stage
  /// name. Entries alike in all of these stay in the order the registry
  /// holds them. (`describe` of <charter/report.hpp> orders its lines by
  /// their words instead.)
  /// @throws not_found_error
  std::vector<history_entry> history(const org_id& org) const;
  std::vector<history_entry> history(const person_id& p) const;
  std::vector<history_entry> history(const project_id& p) const;

  // ---- Governance records (issue 17): meetings, dues, reports. The rules
  // are those of docs/governance-records.md (../shared/spec).

  /// The meetings of `b` on a day of `when`, by date then id.
  /// @throws not_found_error
  std::vector<const meeting*> meetings(const body_id& b,
                                       const period& when) const;
  /// The voting members at meeting `m`: the holders of the body's voting
  /// seats in force on its date (alternate seats excluded), less those
  /// whose vote is suspended at it (`suspensions`); sorted, one per person.
  /// @throws not_found_error
  std::vector<person_id> voting_members(const meeting_id& m) const;
  /// Whether `p` may act for `member` at meeting `m`: `p` holds a seat of
  /// the same body in force that day whose `alternate_for` names `member`,
  /// or the body's rules allow proxies. @throws not_found_error
  bool may_represent(const meeting_id& m, const person_id& member,
                     const person_id& p) const;
  /// Who counts for quorum at `m`, and whether it is met.
  /// @throws not_found_error
  quorum_count quorum(const meeting_id& m) const;
  /// The spans during which members of `b` have their vote suspended under
  /// `rules.suspend_after_missed` (none without the rule), by person then
  /// date: after N consecutive missed regular meetings (absent or not
  /// listed; represented is no miss) from the next meeting on, until the
  /// next regular meeting attended present. Special meetings neither count
  /// nor end one. @throws not_found_error
  std::vector<suspension> suspensions(const body_id& b) const;
  /// The members of `b` whose vote is suspended on `on`, sorted.
  /// @throws not_found_error
  std::vector<person_id> suspended(const body_id& b, date on) const;

  /// `org`'s invoices (of `f` only, with it), by issue date then id.
  /// @throws not_found_error
  std::vector<const invoice*> invoices_of(
      const org_id& org, const std::optional<foundation_id>& f = {}) const;
  /// When invoice `i` is due: its `due`, else `issued` plus its
  /// foundation's `dues.due_days` (0 without a policy).
  /// @throws not_found_error
  date due_date(const invoice_id& i) const;
  /// The day its payments first add up to its amount (its issue date for an
  /// amount of zero), or none while it is not paid in full.
  /// @throws not_found_error
  std::optional<date> paid_in_full_on(const invoice_id& i) const;
  /// What `org` owes on `on`, per currency (sorted by currency): the
  /// amounts of its invoices issued on or before `on`, less the payments
  /// made on or before it. A currency whose balance is zero is listed.
  /// @throws not_found_error
  std::vector<money> balance(const org_id& org, date on) const;

  /// The reports `b` owes on its schedule for the months that share a day
  /// with `when` (an open-ended period: up to the month it starts in),
  /// from `reporting.from` or else the month its first seat begins; each
  /// with the report submitted for it, if any. None without a schedule.
  /// @throws not_found_error
  std::vector<report_due> reports_due(const body_id& b,
                                      const period& when) const;

 private:
  friend class transaction;
  // The state, or null for an empty registry (a new or moved-from one):
  // queries then read a shared empty state.
  const detail::registry_state& state() const noexcept;
  detail::registry_state& own_state();

  std::unique_ptr<detail::registry_state> state_;
};

/// What `upsert` made of a batch's additions.
struct upsert_counts {
  std::size_t added = 0, updated = 0, unchanged = 0;
};

/// `incoming`'s additions made an upsert into `reg`, by key
/// (`charter import --merge`): a record `reg` holds already is updated to
/// the incoming version, or left out when the two are equal; a new one is
/// added. Other operations stay as they are. With `counts`, says how many
/// of each.
batch upsert(const registry& reg, batch incoming,
             upsert_counts* counts = nullptr);

}  // namespace charter

#endif
