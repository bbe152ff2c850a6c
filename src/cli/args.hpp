#ifndef CHARTER_SRC_CLI_ARGS_HPP
#define CHARTER_SRC_CLI_ARGS_HPP

// Internal to the `charter` executable: each command's parsed arguments, as
// plain structs. cli/command_line.cpp binds their fields to CLI11 options
// (with the checks, defaults and help texts); the commands (commands_*.cpp)
// read them and never see CLI11. Dates stay as typed, already checked by
// the parser; parse_date_arg reads them.

#include <charter/date.hpp>
#include <charter/store.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace charter::cli {

/// Parses a date argument already checked by `date_check` (`today` is
/// today in UTC).
date parse_date_arg(std::string_view text);
std::optional<date> parse_date_arg(const std::string& text, bool optional);

// ---- data (commands_data.cpp)

struct import_args {
  std::vector<std::string> files;
  bool merge = false, replace = false;
  charter::audit_info who;
  // --from SOURCE and what only it takes.
  std::string source, foundation, as_of;
  std::vector<std::string> aliases;
};

struct export_args {
  std::string file = "-";
  std::string format = "json";  ///< json (the interchange format) or popolo
};

/// `site DIR` (commands_site.cpp).
struct site_args {
  std::string dir, at;
  bool no_people = false;
};

struct check_args {
  std::string at, foundation, body, format;
  bool all = false;
};

struct report_args {
  std::vector<std::string> kinds;
  /// `format` empty: the extension of `output`'s file, else text.
  std::string foundation, body, project, at, from, to, format, output = "-";
  int year = 0;
  bool all = false;
  bool csv_raw = false;  ///< CSV without the formula guard
};

// ---- elections (commands_election.cpp)

/// What a count reads and writes, shared by `election count` and
/// `election run`: the ballot file and its layout, the draw's seed, the
/// report's format and file.
struct ballot_args {
  std::string ballots, ballot_format;
  /// `format` empty: the extension of `output`'s file, else text.
  std::string format, output = "-";
  std::uint64_t seed = 0;
  bool csv_raw = false;  ///< CSV without the formula guard
};

/// `election count BALLOTS --method M --seats N ...`: a ballot file counted
/// on its own, no registry needed.
struct election_count_args {
  ballot_args file;
  std::string method, unranked = "ignored";
  std::size_t seats = 0;  ///< 0: the file's (BLT)
};

/// `election add ID --body B --class C --seats N --method M --seated D`:
/// an election recorded in the registry.
struct election_add_args {
  std::string id, body, seat_class, method, unranked = "ignored", seated,
                                            term_end, eligibility;
  std::size_t seats = 0;
  /// PERSON or PERSON=ORG.
  std::vector<std::string> candidates;
  audit_info who;
};

/// `election run ELECTION BALLOTS ...`: a registry's election counted with
/// its body's caps; `--apply` seats the winners.
struct election_run_args {
  std::string election;
  ballot_args file;
  bool apply = false;
  audit_info who;
};

// ---- changes (commands_change.cpp)

struct org_args {
  std::string id, name, kind = "company", parent;
  std::vector<std::string> aliases, domains;
  audit_info who;
};

struct person_args {
  std::string id, name;
  std::vector<std::string> emails, handles;
  audit_info who;
};

/// affiliate and unaffiliate (whose --on is `from`).
struct affiliation_args {
  std::string person, org, from, to, title;
  audit_info who;
};

/// join, leave and change-tier.
struct membership_args {
  std::string org, foundation, tier, on;
  bool founding = false;
  audit_info who;
};

/// seat add and seat end (whose --on is `from`).
struct seat_args {
  std::string body, person, seat_class, represents, office, from, to;
  bool non_voting = false;
  audit_info who;
};

/// role add and role end (whose --on is `from`).
struct role_args {
  std::string person, title, foundation, project, body, from, to;
  audit_info who;
};

struct transfer_args {
  std::string project, to, to_foundation, to_org, on;
  audit_info who;
};

// ---- queries (commands_query.cpp)

/// members and board: a record, `--at` and `--format`.
struct dated_args {
  std::string id, at, format;
};

/// members and board, whose md and csv are reports.
struct listing_args : dated_args {
  bool csv_raw = false;  ///< CSV without the formula guard
};

struct whois_args : dated_args {
  bool history = false;
};

struct log_args {
  std::string since, id, format;
  std::size_t limit = 0;
};

// ---- find and diff (commands_find.cpp, commands_diff.cpp)

struct find_args {
  std::string text, kind, format;
  std::size_t limit = 20;
};

/// `diff A.json B.json`, or `diff --from DATE --to DATE [--foundation F]`.
struct diff_args {
  std::vector<std::string> files;
  std::string from, to, foundation, format;
};

// ---- corrections (commands_edit.cpp)

/// Which record: a kind and an id, or a dated record by its key fields
/// (a membership by --org, --foundation and --from; --from may be left out
/// when one record matches the rest).
struct record_args {
  std::string kind, id;
  std::string org, foundation, project, body, seat_class, person, title, from;
};

struct update_args {
  record_args record;
  /// FIELD=VALUE (`--set`, `--add`, `--drop`) and FIELD (`--unset`).
  std::vector<std::string> set, unset, add, drop;
  audit_info who;
};

struct remove_args {
  record_args record;
  bool cascade = false;
  audit_info who;
};

struct merge_args {
  std::string kind, duplicate, into;
  audit_info who;
};

struct revert_args {
  std::int64_t id = 0;
  audit_info who;
};

struct backup_args {
  std::string file;
};

}  // namespace charter::cli

#endif
