#ifndef CHARTER_MODEL_HPP
#define CHARTER_MODEL_HPP

// The records of a registry, one struct per kind, as the interchange format
// (docs/registry-format.md) describes them. They are plain values: a
// Registry checks how they fit together.

#include <charter/date.hpp>
#include <charter/extra.hpp>
#include <charter/id.hpp>
#include <charter/money.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace charter {

enum class org_kind {
  company,
  nonprofit,
  academic,
  government,
  foundation,
  other
};

/// An organization: a company, a nonprofit, a university...
///
/// `parent` builds corporate families; the family is the top-most ancestor.
struct organization {
  org_id id;
  std::string name;
  org_kind kind = org_kind::company;
  std::optional<org_id> parent;
  std::vector<std::string> aliases;
  std::vector<std::string> domains;
  extra_fields extra;

  friend bool operator==(const organization&, const organization&) = default;
};

/// A person's tie to an organization over a period (employment, mostly).
struct affiliation {
  org_id org;
  period when;
  std::string title;
  extra_fields extra;

  friend bool operator==(const affiliation&, const affiliation&) = default;
};

struct person {
  person_id id;
  std::string name;
  std::vector<std::string> emails;
  std::map<std::string, std::string> handles;
  std::vector<affiliation> affiliations;
  extra_fields extra;

  friend bool operator==(const person&, const person&) = default;
};

/// A tier requires membership elsewhere, at `min_tier` or better.
struct tier_requirement {
  foundation_id foundation;
  tier_id min_tier;

  friend bool operator==(const tier_requirement&,
                         const tier_requirement&) = default;
};

/// A membership level. Rank 1 is the highest.
struct tier {
  tier_id id;
  std::string name;
  int rank = 1;
  std::optional<money> annual_fee;
  std::vector<tier_requirement> requirements;
  extra_fields extra;

  friend bool operator==(const tier&, const tier&) = default;
};

/// How a foundation bills its members' dues: an invoice is due `due_days`
/// after it is issued, and a membership lapses `grace_days` after that.
/// Both are optional, and 0 when absent.
struct dues_policy {
  std::optional<int> due_days;
  std::optional<int> grace_days;

  friend bool operator==(const dues_policy&, const dues_policy&) = default;
};

struct foundation {
  foundation_id id;
  std::string name;
  std::optional<foundation_id> parent;
  std::optional<date> founded;
  std::vector<tier> tiers;
  extra_fields extra;
  std::optional<dues_policy> dues;

  /// The tier with this id, or null.
  const tier* find_tier(const tier_id& t) const noexcept {
    for (const auto& candidate : tiers)
      if (candidate.id == t) return &candidate;
    return nullptr;
  }

  friend bool operator==(const foundation&, const foundation&) = default;
};

/// Who is a project's home: an organization or a foundation.
using steward_ref = std::variant<org_id, foundation_id>;

/// The id a steward reference names, whatever its kind.
inline const std::string& str(const steward_ref& who) {
  return std::visit(
      [](const auto& id) -> const std::string& { return id.str(); }, who);
}

struct steward {
  steward_ref who;
  period when;
  extra_fields extra;

  friend bool operator==(const steward&, const steward&) = default;
};

/// A lifecycle stage of a project (`sandbox`, `incubating`, `graduated`...).
struct stage {
  std::string name;
  period when;
  extra_fields extra;

  friend bool operator==(const stage&, const stage&) = default;
};

struct project {
  project_id id;
  std::string name;
  std::optional<date> founded;
  std::vector<steward> stewards;
  std::vector<stage> stages;
  extra_fields extra;

  friend bool operator==(const project&, const project&) = default;
};

/// An organization's membership of a foundation, in one tier, over a period.
struct membership {
  org_id org;
  foundation_id foundation;
  tier_id tier;
  period when;
  bool founding = false;
  extra_fields extra;

  friend bool operator==(const membership&, const membership&) = default;
};

/// How a seat class's entitlement is worked out (see entitlement()).
enum class seat_mode { per_member, elected, fixed, ex_officio };

enum class rounding { up, down };

/// A class of seats on a body.
struct seat_class {
  seat_class_id id;
  seat_mode mode = seat_mode::fixed;
  std::optional<tier_id> tier;  ///< per-member and elected
  int per = 1;                  ///< elected: one seat per `per` members
  std::optional<int> min;       ///< elected
  std::optional<int> max;       ///< elected
  rounding round = rounding::up;
  int count = 0;               ///< fixed
  std::string role;            ///< ex-officio: the title that brings the seat
  std::optional<bool> voting;  ///< absent means voting
  extra_fields extra;

  bool is_voting() const noexcept { return voting.value_or(true); }

  /// Elected classes: the seats owed when the tier has `members` members
  /// (one per `per`, rounded as `round`, within `min` and `max`; none
  /// without members).
  int elected_seats(std::size_t members) const noexcept;

  friend bool operator==(const seat_class&, const seat_class&) = default;
};

/// The charter rules a body must follow. Every rule is optional.
struct body_rules {
  std::optional<int> max_per_family;
  std::optional<double> max_fraction_per_family;
  std::optional<int> term_years;
  std::optional<int> max_consecutive_terms;
  std::optional<int> min_size;
  std::optional<int> max_size;
  std::optional<double> quorum;
  std::vector<body_id> exclusive_with;
  /// A voting member who misses this many regular meetings in a row has
  /// their vote suspended (docs/governance-records: `suspend_after_missed`).
  std::optional<int> suspend_after_missed;
  /// Whether a member may be represented at a meeting by anyone, not only
  /// by their alternate.
  bool proxies = false;

  friend bool operator==(const body_rules&, const body_rules&) = default;
};

/// The reports a body owes another body: one for each of `months` (1..12)
/// of every year, from `from` (else from the month its first seat begins).
struct reporting_schedule {
  body_id to;
  std::vector<int> months;
  std::optional<year_month> from;

  friend bool operator==(const reporting_schedule&,
                         const reporting_schedule&) = default;
};

/// What a body (or a role) belongs to.
using body_owner = std::variant<foundation_id, project_id>;

/// A board, committee or council of a foundation or a project.
struct body {
  body_id id;
  std::string name;
  std::string kind = "board";
  body_owner owner;
  std::vector<seat_class> seat_classes;
  body_rules rules;
  extra_fields extra;
  std::optional<reporting_schedule> reporting;

  const seat_class* find_class(const seat_class_id& c) const noexcept {
    for (const auto& candidate : seat_classes)
      if (candidate.id == c) return &candidate;
    return nullptr;
  }

  friend bool operator==(const body&, const body&) = default;
};

enum class office { chair, vice_chair, treasurer, secretary };

/// How a seat was filled (informational).
enum class appointment_kind { entitlement, election, appointment, ex_officio };

/// Who sat on a body, in which class, for which organization, when.
struct seat {
  body_id body;
  seat_class_id seat_class;
  person_id person;
  std::optional<org_id> represents;
  std::optional<charter::office> office;
  std::optional<bool> voting;  ///< absent: the class decides
  period when;
  extra_fields extra;
  /// The person this seat's holder stands in for: an alternate seat, which
  /// is never counted as a filled seat.
  std::optional<person_id> alternate_for;
  std::optional<appointment_kind> appointed_by;

  bool is_alternate() const noexcept { return alternate_for.has_value(); }

  friend bool operator==(const seat&, const seat&) = default;
};

/// Where a role is held: a foundation, a project or a body.
using role_scope = std::variant<foundation_id, project_id, body_id>;

/// The id a role scope or body owner names, whatever its kind.
inline const std::string& str(const role_scope& scope) {
  return std::visit(
      [](const auto& id) -> const std::string& { return id.str(); }, scope);
}
inline const std::string& str(const body_owner& owner) {
  return std::visit(
      [](const auto& id) -> const std::string& { return id.str(); }, owner);
}

/// A title held outside a body's seats ("Executive Director").
struct role {
  person_id person;
  std::string title;
  role_scope scope;
  period when;
  extra_fields extra;

  friend bool operator==(const role&, const role&) = default;
};

// ---- Governance records: meetings, dues, reports (issue 17)

enum class meeting_kind { regular, special };
enum class attendance_status { present, absent, represented };

/// One person's attendance at a meeting; `by` is who acted for them when
/// `represented`.
struct attendee {
  person_id person;
  attendance_status status = attendance_status::present;
  std::optional<person_id> by;
  extra_fields extra;

  friend bool operator==(const attendee&, const attendee&) = default;
};

/// A motion put to a meeting and how it was voted.
struct meeting_vote {
  std::string motion;
  int yes = 0;
  int no = 0;
  int abstain = 0;
  extra_fields extra;

  friend bool operator==(const meeting_vote&, const meeting_vote&) = default;
};

/// A meeting of a body on a date: who attended, and the votes taken.
struct meeting {
  meeting_id id;
  body_id body;
  date on;
  meeting_kind kind = meeting_kind::regular;
  std::vector<attendee> attendance;
  std::vector<meeting_vote> votes;
  extra_fields extra;

  /// The row of `p`, or null (not listed: absent).
  const attendee* find_attendee(const person_id& p) const noexcept {
    for (const auto& a : attendance)
      if (a.person == p) return &a;
    return nullptr;
  }

  friend bool operator==(const meeting&, const meeting&) = default;
};

/// A payment toward an invoice, in the invoice's currency.
struct payment {
  date on;
  money amount;
  extra_fields extra;

  friend bool operator==(const payment&, const payment&) = default;
};

/// Dues billed to an organization by a foundation. `due` absent means the
/// default: `issued` + the foundation's `due_days` (registry::due_date).
struct invoice {
  invoice_id id;
  org_id org;
  foundation_id foundation;
  date issued;
  std::optional<date> due;
  money amount;
  std::vector<payment> payments;
  extra_fields extra;

  friend bool operator==(const invoice&, const invoice&) = default;
};

/// A report a body submitted for a month of its reporting schedule. Keyed
/// by body and month (`report_key`). Named so as not to clash with the
/// report layer's `report`.
struct submitted_report {
  body_id body;
  year_month month;
  date submitted;
  extra_fields extra;

  friend bool operator==(const submitted_report&,
                         const submitted_report&) = default;
};

std::string_view to_string(appointment_kind k) noexcept;
std::string_view to_string(meeting_kind k) noexcept;
std::string_view to_string(attendance_status s) noexcept;
std::optional<appointment_kind> parse_appointment_kind(
    std::string_view s) noexcept;
std::optional<meeting_kind> parse_meeting_kind(std::string_view s) noexcept;
std::optional<attendance_status> parse_attendance_status(
    std::string_view s) noexcept;

/// How an election's ballots are counted (<charter/count.hpp>).
enum class count_method { schulze, scottish_stv, meek_stv };

/// How a candidate a ballot leaves unranked counts.
enum class unranked_rule {
  /// The ballot says nothing about them (Elekto): no pairwise preference
  /// between an unranked candidate and any other.
  ignored,
  /// Tied below every ranked candidate (Debian).
  below,
};

/// A person standing in an election, with the organization they declare
/// (the one a seat they win represents, and whose family the caps count),
/// if any.
struct election_candidate {
  person_id person;
  std::optional<org_id> org;

  friend bool operator==(const election_candidate&,
                         const election_candidate&) = default;
};

/// An election for seats of one class of a body: who stands, for how many
/// seats, how the ballots are counted, and when the winners sit.
struct election {
  /// Names the election in the seats it makes (`extra.election`), in
  /// problems and in the audit log ("steering-2025").
  election_id id;
  body_id body;
  seat_class_id seat_class;
  /// Seats to fill; at least 1.
  std::size_t seats = 1;
  count_method method = count_method::schulze;
  unranked_rule unranked = unranked_rule::ignored;
  /// Each person at most once. Empty: the ballot file's candidates, taken
  /// as person ids, none declaring an organization.
  std::vector<election_candidate> candidates;
  /// The day the winners take their seats, and the day their term ends
  /// (none: open-ended; else after `seated`).
  date seated;
  std::optional<date> term_end;
  /// Who may vote or stand, in words ("Contributors with 50 contributions
  /// in the past year").
  std::string eligibility;
  extra_fields extra;

  friend bool operator==(const election&, const election&) = default;
};

// Names as the interchange format spells them.
std::string_view to_string(org_kind k) noexcept;
std::string_view to_string(seat_mode m) noexcept;
std::string_view to_string(rounding r) noexcept;
std::string_view to_string(office o) noexcept;
std::optional<org_kind> parse_org_kind(std::string_view s) noexcept;
std::optional<seat_mode> parse_seat_mode(std::string_view s) noexcept;
std::optional<rounding> parse_rounding(std::string_view s) noexcept;
std::optional<office> parse_office(std::string_view s) noexcept;
/// "schulze", "scottish-stv", "meek-stv".
std::string_view to_string(count_method method) noexcept;
/// The method named by `to_string`, or nothing.
std::optional<count_method> parse_count_method(std::string_view name) noexcept;
/// "ignored", "below".
std::string_view to_string(unranked_rule rule) noexcept;
std::optional<unranked_rule> parse_unranked_rule(
    std::string_view name) noexcept;

}  // namespace charter

#endif
