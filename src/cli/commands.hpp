#ifndef CHARTER_SRC_CLI_COMMANDS_HPP
#define CHARTER_SRC_CLI_COMMANDS_HPP

// Internal to the `charter` executable: what each command does with its
// parsed arguments (cli/args.hpp). cli/command_line.cpp registers them;
// each returns the exit code, or throws for main.cpp to turn into a message.

#include <charter/batch.hpp>
#include <charter/report.hpp>

#include <string_view>

#include "cli/args.hpp"
#include "cli/session.hpp"

namespace charter::cli {

// ---- data (commands_data.cpp)

int run_init(session& s);
/// "3 organizations, 1 person, ...": what a registry holds.
std::string counts(const charter::registry& reg);
/// "1 person", "2 people".
std::string plural(std::size_t n, std::string_view one, std::string_view many);

int run_import(session& s, const import_args& a);
/// `import --from SOURCE`: what a foundation publishes (commands_import.cpp).
int run_source_import(session& s, const import_args& a);
int run_export(session& s, const export_args& a);
int run_check(session& s, const check_args& a);
int run_report(session& s, const report_args& a);
/// `site DIR`: the static website (commands_site.cpp).
int run_site(session& s, const site_args& a);

// ---- changes (commands_change.cpp): each builds one batch, commits it as
// one audited change (or nothing), and prints what it did.

/// Commits `changes` as one audited change and prints what it did (with
/// --dry-run, what it would do, writing nothing). The audit entry's
/// summary is `summary`, or the batch's own words.
int commit_change(session& s, const batch& changes, const audit_info& who,
                  std::string_view summary = {});

int run_org_add(session& s, const org_args& a);
int run_person_add(session& s, const person_args& a);
int run_affiliate(session& s, const affiliation_args& a);
int run_unaffiliate(session& s, const affiliation_args& a);
int run_join(session& s, const membership_args& a);
int run_leave(session& s, const membership_args& a);
int run_change_tier(session& s, const membership_args& a);
int run_seat_add(session& s, const seat_args& a);
int run_seat_end(session& s, const seat_args& a);
int run_role_add(session& s, const role_args& a);
int run_role_end(session& s, const role_args& a);
int run_transfer(session& s, const transfer_args& a);

// ---- corrections (commands_edit.cpp)

int run_update(session& s, const update_args& a);
int run_remove(session& s, const remove_args& a);
int run_merge(session& s, const merge_args& a);
int run_revert(session& s, const revert_args& a);
int run_backup(session& s, const backup_args& a);

/// The format a report written to `file` takes without --format: its
/// extension's (.txt, .md, .csv, .json, .html, .svg, any case), text on
/// standard output or for a file without one.
std::optional<charter::report_format> format_of_output(const std::string& file);

// ---- elections (commands_election.cpp)

int run_election_count(session& s, const election_count_args& a);
int run_election_add(session& s, const election_add_args& a);
int run_election_run(session& s, const election_run_args& a);

// ---- queries (commands_query.cpp)

int run_members(session& s, const listing_args& a);
int run_board(session& s, const listing_args& a);
int run_whois(session& s, const whois_args& a);
int run_log(session& s, const log_args& a);

// ---- find and diff (commands_find.cpp, commands_diff.cpp)

int run_find(session& s, const find_args& a);
/// Exit 0 when the documents are equal (and always for dates), 1 when they
/// differ, as diff(1).
int run_diff(session& s, const diff_args& a);

}  // namespace charter::cli

#endif
