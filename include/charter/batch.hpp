#ifndef CHARTER_BATCH_HPP
#define CHARTER_BATCH_HPP

#include <charter/model.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace charter {

/// The key of a membership: one organization in one foundation from a date.
struct membership_key {
  org_id org;
  foundation_id foundation;
  date from;
  friend bool operator==(const membership_key&,
                         const membership_key&) = default;
};

/// The key of a seat: one person in one class of a body from a date.
struct seat_key {
  body_id body;
  seat_class_id seat_class;
  person_id person;
  date from;
  friend bool operator==(const seat_key&, const seat_key&) = default;
};

/// The key of a role: one title held by one person in one scope from a date.
struct role_key {
  person_id person;
  std::string title;
  role_scope scope;
  date from;
  friend bool operator==(const role_key&, const role_key&) = default;
};

/// The key of a submitted report: one body's report for one month.
struct report_key {
  body_id body;
  year_month month;
  friend bool operator==(const report_key&, const report_key&) = default;
};

inline membership_key key_of(const membership& m) {
  return {m.org, m.foundation, m.when.from};
}
inline seat_key key_of(const seat& s) {
  return {s.body, s.seat_class, s.person, s.when.from};
}
inline role_key key_of(const role& r) {
  return {r.person, r.title, r.scope, r.when.from};
}
inline report_key key_of(const submitted_report& r) {
  return {r.body, r.month};
}

/// Names one record of a registry, whatever its kind.
using record_key =
    std::variant<org_id, person_id, foundation_id, project_id, body_id,
                 membership_key, seat_key, role_key, meeting_id, invoice_id,
                 report_key, election_id>;

/// The record a key names, as a person names it, for messages and the
/// audit log: "organization arm", "membership of ibm in pytorch-foundation
/// from 2022-09-12", "seat of ian-buck on pytorch-board (class premier)
/// from 2020-01-01", "role 'Lead Maintainer' of soumith-chintala in project
/// pytorch from 2022-09-12" (the scope's kind, since ids of different kinds
/// may be the same; a role held on a body: "on body pytorch-board"),
/// "meeting board-2023-03", "invoice inv-2023-amd", "report of pmc-httpd
/// for 2024-01", "election steering-2025".
std::string to_string(const record_key& key);

/// One record of a registry, whatever its kind, in the order of
/// `record_key`'s alternatives.
using any_record =
    std::variant<organization, person, foundation, project, body, membership,
                 seat, role, meeting, invoice, submitted_report, election>;

/// The key of `r`.
record_key key_of(const any_record& r);

/// The kinds of record a registry holds, in the order of `record_key`'s
/// alternatives.
enum class record_kind : std::uint8_t {
  organization,
  person,
  foundation,
  project,
  body,
  membership,
  seat,
  role,
  meeting,
  invoice,
  report,  ///< a submitted_report
  election,
};

/// How many kinds of record there are.
inline constexpr std::size_t record_kind_count = 12;
static_assert(std::variant_size_v<record_key> == record_kind_count,
              "one record_kind per alternative of record_key, in its order");

/// The kind of record `key` names.
constexpr record_kind kind_of(const record_key& key) noexcept {
  return static_cast<record_kind>(key.index());
}

/// The kind of a record type: `record_kind_of<membership>` is
/// `record_kind::membership`.
template <class Record>
inline constexpr record_kind record_kind_of = [] {
  if constexpr (std::is_same_v<Record, organization>)
    return record_kind::organization;
  else if constexpr (std::is_same_v<Record, person>)
    return record_kind::person;
  else if constexpr (std::is_same_v<Record, foundation>)
    return record_kind::foundation;
  else if constexpr (std::is_same_v<Record, project>)
    return record_kind::project;
  else if constexpr (std::is_same_v<Record, body>)
    return record_kind::body;
  else if constexpr (std::is_same_v<Record, membership>)
    return record_kind::membership;
  else if constexpr (std::is_same_v<Record, seat>)
    return record_kind::seat;
  else if constexpr (std::is_same_v<Record, meeting>)
    return record_kind::meeting;
  else if constexpr (std::is_same_v<Record, invoice>)
    return record_kind::invoice;
  else if constexpr (std::is_same_v<Record, submitted_report>)
    return record_kind::report;
  else if constexpr (std::is_same_v<Record, role>)
    return record_kind::role;
  else {
    static_assert(std::is_same_v<Record, election>, "not a record type");
    return record_kind::election;
  }
}();

/// The kind's name for a person: "organization", "person", ... "role",
/// "meeting", "invoice", "report", "election".
std::string_view to_string(record_kind kind) noexcept;

namespace op {
// One struct per operation a batch can hold. Records are added (the key must
// be new) or updated (the key must exist); dated operations find the record
// in force on their date.
// add and update have a constructor so that a batch can make them in
// place (emplace_back with std::in_place_type): clang 14 cannot initialize
// an aggregate from parentheses.
template <class Record>
struct add {
  explicit add(Record r) : record(std::move(r)) {}
  Record record;
};
template <class Record>
struct update {
  explicit update(Record r) : record(std::move(r)) {}
  Record record;
};
struct join {
  org_id org;
  foundation_id foundation;
  tier_id tier;
  date on;
  bool founding = false;
};
struct leave {
  org_id org;
  foundation_id foundation;
  date on;
};
struct change_tier {
  org_id org;
  foundation_id foundation;
  tier_id tier;
  date on;
};
struct affiliate {
  person_id person;
  affiliation tie;
};
struct end_affiliation {
  person_id person;
  org_id org;
  date on;
};
struct end_seat {
  body_id body;
  person_id person;
  date on;
  /// Only the seat of this class; none: every seat on the body.
  std::optional<seat_class_id> seat_class;
};
struct end_role {
  person_id person;
  std::string title;
  role_scope scope;
  date on;
};
struct transfer {
  project_id project;
  steward_ref to;
  date on;
};
/// Removes a record entered in error: it never existed. Refused while
/// other records refer to it, unless `cascade`: then they go too (and an
/// affiliation with a removed organization is taken off its person).
struct remove {
  record_key key;
  bool cascade = false;
};
/// Makes two records that are one into one: every reference to
/// `duplicate` moves to `into`, which takes the duplicate's name as an
/// alias and its aliases and domains (a person: its emails, handles and
/// affiliations), and the duplicate is removed. Both name organizations,
/// or both people.
struct merge {
  record_key duplicate;
  record_key into;
};
/// Adds a vote to the meeting `meeting`.
struct record_vote {
  meeting_id meeting;
  meeting_vote vote;
};
/// Adds a payment to the invoice `invoice`.
struct record_payment {
  invoice_id invoice;
  payment paid;
};
}  // namespace op

using operation = std::variant<
    op::add<organization>, op::add<person>, op::add<foundation>,
    op::add<project>, op::add<body>, op::add<membership>, op::add<seat>,
    op::add<role>, op::update<organization>, op::update<person>,
    op::update<foundation>, op::update<project>, op::update<body>,
    op::update<membership>, op::update<seat>, op::update<role>, op::join,
    op::leave, op::change_tier, op::affiliate, op::end_affiliation,
    op::end_seat, op::end_role, op::transfer, op::remove, op::merge,
    op::add<meeting>, op::add<invoice>, op::add<submitted_report>,
    op::update<meeting>, op::update<invoice>, op::update<submitted_report>,
    op::record_vote, op::record_payment, op::add<election>,
    op::update<election>>;

/// Changes to a registry, applied together by `registry::apply`: either all
/// of them take effect or none does.
///
/// Operations run in order, so a batch may add an organization and then
/// make it join a foundation.
class batch {
 public:
  // The operations are made in place: a bulk import adds millions.
  template <class Record>
  batch& add(Record record) {
    ops_.emplace_back(std::in_place_type<op::add<Record>>, std::move(record));
    return *this;
  }
  template <class Record>
  batch& update(Record record) {
    ops_.emplace_back(std::in_place_type<op::update<Record>>,
                      std::move(record));
    return *this;
  }

  /// `org` becomes a member of `foundation` in `tier` from `on`.
  batch& join(org_id org, foundation_id foundation, tier_id tier, date on,
              bool founding = false);
  /// Ends `org`'s membership of `foundation` on `on` (the last day is the one
  /// before).
  batch& leave(org_id org, foundation_id foundation, date on);
  /// Ends the membership in force on `on` and starts one in `tier` from `on`.
  batch& change_tier(org_id org, foundation_id foundation, tier_id tier,
                     date on);
  /// Adds an affiliation of `person` with `tie.org`.
  batch& affiliate(person_id person, affiliation tie);
  /// Ends `person`'s affiliation with `org` that is in force on `on`.
  batch& end_affiliation(person_id person, org_id org, date on);
  /// Ends the seats `person` holds on `body` on `on`: of `seat_class` only
  /// when given (a person may hold seats of two classes of one body).
  batch& end_seat(body_id body, person_id person, date on,
                  std::optional<seat_class_id> seat_class = std::nullopt);
  /// Ends `person`'s role `title` in `scope` on `on`.
  batch& end_role(person_id person, std::string title, role_scope scope,
                  date on);
  /// Ends a project's current steward on `on` and makes `to` its steward from
  /// then.
  batch& transfer(project_id project, steward_ref to, date on);

  /// Removes the record `key` names, as if it had never been entered
  /// (`op::remove`); ending a fact (`leave`, `end_affiliation`...) keeps
  /// its history instead.
  batch& remove(record_key key, bool cascade = false);

  /// Makes `duplicate` and `into`, found to be one organization (or one
  /// person), into `into` (`op::merge`). An acquisition is different: a
  /// parent that changes on a date.
  batch& merge(org_id duplicate, org_id into);
  batch& merge(person_id duplicate, person_id into);

  // Governance records (issue 17): the day-to-day entries. A meeting, an
  // invoice and a submitted report are added with `add`.

  /// Adds `vote` to the votes of the meeting `meeting`.
  batch& record_vote(meeting_id meeting, meeting_vote vote);
  /// Adds a payment of `amount` on `on` to the invoice `invoice`.
  batch& record_payment(invoice_id invoice, date on, money amount);
  /// Records that `body` submitted its report for `month` on `on`.
  batch& submit_report(body_id body, year_month month, date on);

  /// Adds an operation made elsewhere.
  batch& push_back(operation o) {
    ops_.push_back(std::move(o));
    return *this;
  }

  /// Makes room for `n` operations in all (a bulk import knows its size).
  void reserve(std::size_t n) { ops_.reserve(n); }
  /// Removes every operation and keeps the room they took, for the next
  /// piece of a batch handed over in pieces.
  void clear() noexcept { ops_.clear(); }

  const std::vector<operation>& operations() const noexcept { return ops_; }
  /// Moves the operations out, leaving the batch empty.
  std::vector<operation> take_operations() noexcept {
    return std::exchange(ops_, {});
  }
  bool empty() const noexcept { return ops_.empty(); }
  std::size_t size() const noexcept { return ops_.size(); }

  /// One line per operation, as an audit log records it
  /// (`join amd pytorch-foundation premier 2022-09-12`).
  std::vector<std::string> describe() const;

 private:
  std::vector<operation> ops_;
};

}  // namespace charter

#endif
