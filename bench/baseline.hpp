#ifndef CHARTER_BENCH_BASELINE_HPP
#define CHARTER_BENCH_BASELINE_HPP

// The raw baselines each charter figure is compared with: the least work a
// program must do to get the same result, with no checking, no model and no
// indexes beyond what the result needs.
//
// - import: Boost.JSON's streaming basic_parser into plain structs, then
//   prepared inserts of the same rows into the same schema (a copy of an
//   empty charter database) in one transaction, indexes created after;
// - load: a plain SELECT of every row into plain structs;
// - export: boost::json::serialize of an equivalent DOM;
// - memory and queries: the same rows as compact structs (ids interned,
//   16-byte period rows, offsets into sorted rows).

#include <charter/date.hpp>
#include <charter/registry.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace charter::bench::baseline {

// ---- a document as plain structs (empty strings are absent values)

struct affiliation_row {
  std::string org, from, to, title;
};
struct organization_row {
  std::string id, name, kind, parent;
  std::vector<std::string> aliases, domains;
};
struct person_row {
  std::string id, name;
  std::vector<std::string> emails;
  std::vector<std::pair<std::string, std::string>> handles;
  std::vector<affiliation_row> affiliations;
};
struct requirement_row {
  std::string foundation, min_tier;
};
struct tier_row {
  std::string id, name;
  std::int64_t rank = 0;
  std::optional<std::int64_t> fee_cents;
  std::string fee_currency;
  std::vector<requirement_row> requirements;
};
struct foundation_row {
  std::string id, name, parent, founded;
  std::vector<tier_row> tiers;
};
struct steward_row {
  std::string org, foundation, from, to;
};
struct stage_row {
  std::string name, from, to;
};
struct project_row {
  std::string id, name, founded;
  std::vector<steward_row> stewards;
  std::vector<stage_row> stages;
};
struct membership_row {
  std::string org, foundation, tier, from, to;
  bool founding = false;
};
struct seat_class_row {
  std::string id, mode, tier;
  std::int64_t per = 1;
  std::optional<std::int64_t> min, max;
  std::string round = "up";
  std::int64_t count = 0;
  std::string role;
  std::optional<bool> voting;
};
struct body_row {
  std::string id, name, kind = "board", foundation, project;
  std::vector<seat_class_row> classes;
  std::optional<std::int64_t> max_per_family, term_years, max_consecutive_terms,
      min_size, max_size;
  std::optional<double> max_fraction_per_family, quorum;
  std::vector<std::string> exclusive_with;
};
struct seat_row {
  std::string body, seat_class, person, represents, office, from, to;
  std::optional<bool> voting;
};
struct role_row {
  std::string person, title, foundation, project, body, from, to;
};

struct document {
  std::vector<organization_row> organizations;
  std::vector<person_row> people;
  std::vector<foundation_row> foundations;
  std::vector<project_row> projects;
  std::vector<membership_row> memberships;
  std::vector<body_row> bodies;
  std::vector<seat_row> seats;
  std::vector<role_row> roles;
};

/// Parses an interchange document with basic_parser straight into structs.
/// @throws std::runtime_error on a syntax error (nothing else is checked).
document parse(std::string_view text);

/// Times of the steps of `insert`, in seconds.
struct insert_times {
  double rows = 0;     // the inserts, in one transaction
  double indexes = 0;  // CREATE INDEX after the load, and the commit
  std::int64_t row_count = 0;
};

/// Inserts `doc` into `db_file`, a copy of an empty charter database: drops
/// its secondary indexes, inserts every row (the audit entry of an import
/// included) with prepared statements in one transaction, recreates the
/// indexes and commits. Same pragmas as charter (WAL, synchronous NORMAL,
/// foreign keys on).
insert_times insert(const document& doc, const std::filesystem::path& db_file);

// ---- every row of a charter database, as SELECT gives it

struct table_rows {
  std::vector<std::pair<std::string, std::string>> meta;
  struct org {
    std::string id, name, kind, parent, extra;
  };
  std::vector<org> organizations;
  struct listed {  // aliases, domains, emails
    std::string owner;
    std::int64_t position;
    std::string value;
  };
  std::vector<listed> aliases, domains, emails;
  struct handle {
    std::string person, service, handle;
  };
  std::vector<handle> handles;
  struct named {  // people, projects
    std::string id, name, founded, extra;
  };
  std::vector<named> people, projects;
  struct affiliation {
    std::string person;
    std::int64_t position;
    std::string org, title, extra, from, to;
  };
  std::vector<affiliation> affiliations;
  struct foundation {
    std::string id, name, parent, founded, extra;
  };
  std::vector<foundation> foundations;
  struct tier {
    std::string foundation, id;
    std::int64_t position;
    std::string name;
    std::int64_t rank;
    std::optional<std::int64_t> fee_cents;
    std::string fee_currency, extra;
  };
  std::vector<tier> tiers;
  struct requirement {
    std::string foundation, tier;
    std::int64_t position;
    std::string required_foundation, min_tier;
  };
  std::vector<requirement> requirements;
  struct steward {
    std::string project;
    std::int64_t position;
    std::string org, foundation, extra, from, to;
  };
  std::vector<steward> stewards;
  struct stage {
    std::string project;
    std::int64_t position;
    std::string name, extra, from, to;
  };
  std::vector<stage> stages;
  struct membership {
    std::string org, foundation, tier;
    bool founding;
    std::string extra, from, to;
  };
  std::vector<membership> memberships;
  struct body {
    std::string id, name, kind, foundation, project;
    std::optional<std::int64_t> max_per_family;
    std::optional<double> max_fraction_per_family;
    std::optional<std::int64_t> term_years, max_consecutive_terms, min_size,
        max_size;
    std::optional<double> quorum;
    std::string extra;
  };
  std::vector<body> bodies;
  struct seat_class {
    std::string body, id;
    std::int64_t position;
    std::string mode, tier;
    std::int64_t per;
    std::optional<std::int64_t> min, max;
    std::string round;
    std::int64_t count;
    std::string role;
    std::optional<bool> voting;
    std::string extra;
  };
  std::vector<seat_class> seat_classes;
  struct exclusion {
    std::string body;
    std::int64_t position;
    std::string other;
  };
  std::vector<exclusion> exclusions;
  struct seat {
    std::string body, seat_class, person, represents, office;
    std::optional<bool> voting;
    std::string extra, from, to;
  };
  std::vector<seat> seats;
  struct role {
    std::string person, title, foundation, project, body, extra, from, to;
  };
  std::vector<role> roles;

  std::int64_t row_count() const;
};

/// SELECTs every record row of a charter database (not the audit log).
table_rows select_all(const std::filesystem::path& db_file);

// ---- export

/// The document `to_json(reg)` writes, as a Boost.JSON DOM (same members,
/// same order, records sorted the same way).
boost::json::value dom_of(const registry& reg);

// ---- compact structs

/// Ids interned: each distinct string once in an arena, numbered densely.
class interner {
 public:
  std::uint32_t intern(std::string_view s);
  /// The number of `s`, or `none`.
  std::uint32_t find(std::string_view s) const;
  std::string_view str(std::uint32_t i) const { return views_[i]; }
  std::size_t size() const { return views_.size(); }
  static constexpr std::uint32_t none = 0xFFFFFFFF;

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0, capacity_ = 0;
  std::vector<std::string_view> views_;
  std::unordered_map<std::string_view, std::uint32_t> numbers_;
};

/// Days since 1970-01-01; `open_end` for an open-ended period.
using day = std::int32_t;
constexpr day open_end = 0x7FFFFFFF;
day to_day(std::string_view iso);
inline day to_day(date d) {
  return static_cast<day>(std::chrono::sys_days{d}.time_since_epoch().count());
}

/// A 16-byte period row: who, what, from, to.
struct period_row {
  std::uint32_t subject;
  std::uint32_t object;
  day from;
  day to;
  bool contains(day d) const noexcept { return from <= d && d < to; }
};
static_assert(sizeof(period_row) == 16);

/// A registry's rows, compactly: one interner per kind of id, and each
/// collection as flat rows sorted by their owner, with offsets.
struct compact {
  interner org_ids, person_ids, foundation_ids, project_ids, body_ids, text;

  // organizations, by number
  std::vector<std::uint32_t> org_name, org_parent;  // parent: interner::none
  std::vector<std::uint8_t> org_kind;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> org_aliases, org_domains;

  // people, by number; affiliations sorted by person (subject), org (object)
  std::vector<std::uint32_t> person_name;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> person_emails;
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>>
      person_handles;
  std::vector<period_row> affiliations;
  std::vector<std::uint32_t> affiliation_title;
  std::vector<std::uint32_t>
      affiliations_at;  // person -> first row; size people + 1

  struct tier {
    std::uint32_t id, name;
    std::int32_t rank;
    std::int64_t fee_cents;  // -1: none
    std::vector<std::pair<std::uint32_t, std::uint32_t>> requirements;
  };
  struct foundation {
    std::uint32_t name, parent;
    day founded;
    std::vector<tier> tiers;
  };
  std::vector<foundation> foundations;

  struct project {
    std::uint32_t name;
    day founded;
    std::vector<period_row> stewards;  // subject: org or foundation number,
                                       // object: 0 org, 1 foundation
    std::vector<std::pair<std::uint32_t, period_row>> stages;
  };
  std::vector<project> projects;

  // memberships: subject org, object foundation << 8 | tier; sorted by org,
  // foundation, from; plus the rows of each foundation
  std::vector<period_row> memberships;
  std::vector<bool> membership_founding;
  std::vector<std::uint32_t> memberships_at;      // org -> first row
  std::vector<std::uint32_t> foundation_rows;     // row numbers by foundation
  std::vector<std::uint32_t> foundation_rows_at;  // foundation -> first

  struct seat_class {
    std::uint32_t id;
    std::uint8_t mode;                  // as charter::seat_mode
    std::uint32_t tier;                 // text; interner::none when absent
    std::int32_t per, min, max, count;  // -1 when absent
    bool round_down;
    std::uint32_t role;  // text
    std::int8_t voting;
  };
  struct body {
    std::uint32_t name, kind;
    bool of_project;
    std::uint32_t owner;
    std::vector<seat_class> classes;
    std::int32_t rules[6];  // max_per_family, term_years,
                            // max_consecutive_terms, min, max size; -1 absent
    double fraction, quorum;
    std::vector<std::uint32_t> exclusive_with;
  };
  std::vector<body> bodies;

  // seats: subject person, object body << 8 | class; sorted by body
  std::vector<period_row> seats;
  std::vector<std::uint32_t> seat_represents;  // interner::none: none
  std::vector<std::uint8_t> seat_flags;  // office + 1 (0 none) | voting << 4
  std::vector<std::uint32_t> seats_at;   // body -> first row

  // roles: subject person, object title (text); sorted by scope
  std::vector<period_row> roles;
  std::vector<std::uint32_t> role_scope;  // kind << 30 | number
  std::vector<std::pair<std::uint32_t, std::uint32_t>>
      roles_at;  // sorted (scope, first row)

  // the queries, as a charter registry answers them (into `out`)
  void affiliations_of(std::uint32_t person, day on,
                       std::vector<const period_row*>& out) const;
  const period_row* membership_of(std::uint32_t org, std::uint32_t foundation,
                                  day on) const;
  void members(std::uint32_t foundation, day on,
               std::vector<std::vector<const period_row*>>& by_tier) const;
  /// Seats filled (sorted by class, then person) and entitlements per class.
  void seats_and_entitlements(
      std::uint32_t body, day on, std::vector<const period_row*>& seats,
      std::vector<std::pair<int, int>>& owed_filled) const;
  std::uint32_t family(std::uint32_t org) const;
};

/// Reads the records of a charter database into compact structs.
compact load_compact(const std::filesystem::path& db_file);

}  // namespace charter::bench::baseline

#endif
