// The SQL of the statements that save() and replace_all() prepare once per
// connection, and step_failed() and bind_failed().

#include "store/sqlite/statements.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <string>

namespace charter::detail {

// Arrays: see statements.hpp.
// NOLINTBEGIN(modernize-avoid-c-arrays)
namespace sql {
#define CHARTER_INSERT_ORG                                    \
  "INSERT INTO organizations (id, name, kind, parent, extra)" \
  " VALUES (?1, ?2, ?3, ?4, ?5)"
const char insert_org[] = CHARTER_INSERT_ORG;
const char upsert_org[] = CHARTER_INSERT_ORG
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
    " kind = excluded.kind, parent = excluded.parent, extra = excluded.extra";
const char delete_aliases[] = "DELETE FROM organization_aliases WHERE org = ?1";
const char insert_alias[] =
    "INSERT INTO organization_aliases (org, position, alias)"
    " VALUES (?1, ?2, ?3)";
const char delete_domains[] = "DELETE FROM organization_domains WHERE org = ?1";
const char insert_domain[] =
    "INSERT INTO organization_domains (org, position, domain)"
    " VALUES (?1, ?2, ?3)";

#define CHARTER_INSERT_PERSON \
  "INSERT INTO people (id, name, extra) VALUES (?1, ?2, ?3)"
const char insert_person[] = CHARTER_INSERT_PERSON;
const char upsert_person[] = CHARTER_INSERT_PERSON
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
    " extra = excluded.extra";
const char delete_emails[] = "DELETE FROM person_emails WHERE person = ?1";
const char insert_email[] =
    "INSERT INTO person_emails (person, position, email) VALUES (?1, ?2, ?3)";
const char delete_handles[] = "DELETE FROM person_handles WHERE person = ?1";
const char insert_handle[] =
    "INSERT INTO person_handles (person, service, handle) VALUES (?1, ?2, ?3)";
const char delete_affiliations[] = "DELETE FROM affiliations WHERE person = ?1";
const char insert_affiliation[] =
    "INSERT INTO affiliations"
    " (person, position, org, date_from, date_to, title, extra)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

#define CHARTER_INSERT_FOUNDATION                              \
  "INSERT INTO foundations (id, name, parent, founded, extra)" \
  " VALUES (?1, ?2, ?3, ?4, ?5)"
const char insert_foundation[] = CHARTER_INSERT_FOUNDATION;
const char upsert_foundation[] = CHARTER_INSERT_FOUNDATION
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
    " parent = excluded.parent, founded = excluded.founded,"
    " extra = excluded.extra";
const char delete_requirements[] =
    "DELETE FROM tier_requirements WHERE foundation = ?1";
const char delete_tiers[] = "DELETE FROM tiers WHERE foundation = ?1";
const char insert_tier[] =
    "INSERT INTO tiers"
    " (foundation, id, position, name, rank, fee_cents, fee_currency, extra)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const char insert_requirement[] =
    "INSERT INTO tier_requirements"
    " (foundation, tier, position, required_foundation, min_tier)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

#define CHARTER_INSERT_PROJECT \
  "INSERT INTO projects (id, name, founded, extra) VALUES (?1, ?2, ?3, ?4)"
const char insert_project[] = CHARTER_INSERT_PROJECT;
const char upsert_project[] = CHARTER_INSERT_PROJECT
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
    " founded = excluded.founded, extra = excluded.extra";
const char delete_stewards[] = "DELETE FROM stewards WHERE project = ?1";
const char insert_steward[] =
    "INSERT INTO stewards"
    " (project, position, org, foundation, date_from, date_to, extra)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
const char delete_stages[] = "DELETE FROM stages WHERE project = ?1";
const char insert_stage[] =
    "INSERT INTO stages (project, position, name, date_from, date_to, extra)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

#define CHARTER_INSERT_BODY                                                  \
  "INSERT INTO bodies (id, name, kind, foundation, project, max_per_family," \
  " max_fraction_per_family, term_years, max_consecutive_terms, min_size,"   \
  " max_size, quorum, extra)"                                                \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
const char insert_body[] = CHARTER_INSERT_BODY;
const char upsert_body[] = CHARTER_INSERT_BODY
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
    " kind = excluded.kind, foundation = excluded.foundation,"
    " project = excluded.project, max_per_family = excluded.max_per_family,"
    " max_fraction_per_family = excluded.max_fraction_per_family,"
    " term_years = excluded.term_years,"
    " max_consecutive_terms = excluded.max_consecutive_terms,"
    " min_size = excluded.min_size, max_size = excluded.max_size,"
    " quorum = excluded.quorum, extra = excluded.extra";
const char delete_classes[] = "DELETE FROM seat_classes WHERE body = ?1";
const char insert_class[] =
    "INSERT INTO seat_classes (body, id, position, mode, tier, per, min, max,"
    " round, count, role, voting, extra)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
const char delete_exclusions[] = "DELETE FROM body_exclusions WHERE body = ?1";
const char insert_exclusion[] =
    "INSERT INTO body_exclusions (body, position, other) VALUES (?1, ?2, ?3)";

#define CHARTER_INSERT_MEMBERSHIP                                 \
  "INSERT INTO memberships"                                       \
  " (org, foundation, tier, date_from, date_to, founding, extra)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
const char insert_membership[] = CHARTER_INSERT_MEMBERSHIP;
const char upsert_membership[] = CHARTER_INSERT_MEMBERSHIP
    " ON CONFLICT (org, foundation, date_from) DO UPDATE SET"
    " tier = excluded.tier, date_to = excluded.date_to,"
    " founding = excluded.founding, extra = excluded.extra";
#define CHARTER_INSERT_SEAT                                                 \
  "INSERT INTO seats (body, class, person, date_from, date_to, represents," \
  " office, voting, extra)"                                                 \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
const char insert_seat[] = CHARTER_INSERT_SEAT;
const char upsert_seat[] = CHARTER_INSERT_SEAT
    " ON CONFLICT (body, class, person, date_from) DO UPDATE SET"
    " date_to = excluded.date_to, represents = excluded.represents,"
    " office = excluded.office, voting = excluded.voting,"
    " extra = excluded.extra";
#define CHARTER_INSERT_ROLE                                                 \
  "INSERT INTO roles (person, title, foundation, project, body, date_from," \
  " date_to, extra)"                                                        \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
const char insert_role[] = CHARTER_INSERT_ROLE;
const char upsert_role[] = CHARTER_INSERT_ROLE
    " ON CONFLICT (person, title, ifnull(foundation, ''),"
    " ifnull(project, ''), ifnull(body, ''), date_from) DO UPDATE SET"
    " date_to = excluded.date_to, extra = excluded.extra";

#define CHARTER_INSERT_ELECTION                                              \
  "INSERT INTO elections (id, body, class, seats, method, unranked, seated," \
  " term_end, eligibility, extra)"                                           \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
const char insert_election[] = CHARTER_INSERT_ELECTION;
const char upsert_election[] = CHARTER_INSERT_ELECTION
    " ON CONFLICT (id) DO UPDATE SET body = excluded.body,"
    " class = excluded.class, seats = excluded.seats,"
    " method = excluded.method, unranked = excluded.unranked,"
    " seated = excluded.seated, term_end = excluded.term_end,"
    " eligibility = excluded.eligibility, extra = excluded.extra";
const char delete_candidates[] =
    "DELETE FROM election_candidates WHERE election = ?1";
const char insert_candidate[] =
    "INSERT INTO election_candidates (election, position, person, org)"
    " VALUES (?1, ?2, ?3, ?4)";

// Removing a record: its own rows (those of its lists are deleted as
// before an upsert).
const char delete_org[] = "DELETE FROM organizations WHERE id = ?1";
const char delete_person[] = "DELETE FROM people WHERE id = ?1";
const char delete_foundation[] = "DELETE FROM foundations WHERE id = ?1";
const char delete_project[] = "DELETE FROM projects WHERE id = ?1";
const char delete_body[] = "DELETE FROM bodies WHERE id = ?1";
const char delete_election[] = "DELETE FROM elections WHERE id = ?1";
const char delete_membership[] =
    "DELETE FROM memberships WHERE org = ?1 AND foundation = ?2"
    " AND date_from = ?3";
const char delete_seat[] =
    "DELETE FROM seats WHERE body = ?1 AND class = ?2 AND person = ?3"
    " AND date_from = ?4";
const char delete_role[] =
    "DELETE FROM roles WHERE person = ?1 AND title = ?2"
    " AND ifnull(foundation, '') = ifnull(?3, '')"
    " AND ifnull(project, '') = ifnull(?4, '')"
    " AND ifnull(body, '') = ifnull(?5, '') AND date_from = ?6";
// ---- Governance records (schema 3)
const char update_seat_governance[] =
    "UPDATE seats SET alternate_for = ?5, appointed_by = ?6"
    " WHERE body = ?1 AND class = ?2 AND person = ?3 AND date_from = ?4";
const char update_body_governance[] =
    "UPDATE bodies SET suspend_after_missed = ?2, proxies = ?3,"
    " reporting_to = ?4, reporting_months = ?5, reporting_from = ?6"
    " WHERE id = ?1";
const char update_foundation_dues[] =
    "UPDATE foundations SET dues = ?2, due_days = ?3, grace_days = ?4"
    " WHERE id = ?1";
#define CHARTER_INSERT_MEETING                         \
  "INSERT INTO meetings (id, body, date, kind, extra)" \
  " VALUES (?1, ?2, ?3, ?4, ?5)"
const char insert_meeting[] = CHARTER_INSERT_MEETING;
const char upsert_meeting[] = CHARTER_INSERT_MEETING
    " ON CONFLICT (id) DO UPDATE SET body = excluded.body,"
    " date = excluded.date, kind = excluded.kind, extra = excluded.extra";
const char delete_attendance[] =
    "DELETE FROM meeting_attendance WHERE meeting = ?1";
const char insert_attendance[] =
    "INSERT INTO meeting_attendance (meeting, position, person, status, by,"
    " extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const char delete_votes[] = "DELETE FROM meeting_votes WHERE meeting = ?1";
const char insert_vote[] =
    "INSERT INTO meeting_votes (meeting, position, motion, yes, no, abstain,"
    " extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
const char delete_meeting[] = "DELETE FROM meetings WHERE id = ?1";
#define CHARTER_INSERT_INVOICE                                            \
  "INSERT INTO invoices (id, org, foundation, issued, due, amount_cents," \
  " currency, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
const char insert_invoice[] = CHARTER_INSERT_INVOICE;
const char upsert_invoice[] = CHARTER_INSERT_INVOICE
    " ON CONFLICT (id) DO UPDATE SET org = excluded.org,"
    " foundation = excluded.foundation, issued = excluded.issued,"
    " due = excluded.due, amount_cents = excluded.amount_cents,"
    " currency = excluded.currency, extra = excluded.extra";
const char delete_payments[] =
    "DELETE FROM invoice_payments WHERE invoice = ?1";
const char insert_payment[] =
    "INSERT INTO invoice_payments (invoice, position, date, amount_cents,"
    " currency, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const char delete_invoice[] = "DELETE FROM invoices WHERE id = ?1";
#define CHARTER_INSERT_REPORT                           \
  "INSERT INTO reports (body, month, submitted, extra)" \
  " VALUES (?1, ?2, ?3, ?4)"
const char insert_report[] = CHARTER_INSERT_REPORT;
const char upsert_report[] = CHARTER_INSERT_REPORT
    " ON CONFLICT (body, month) DO UPDATE SET"
    " submitted = excluded.submitted, extra = excluded.extra";
const char delete_report[] =
    "DELETE FROM reports WHERE body = ?1 AND month = ?2";

const char insert_audit[] =
    "INSERT INTO audit_log (time, actor, summary, reason)"
    " VALUES (?1, ?2, ?3, ?4)";
const char insert_audit_id[] =
    "INSERT INTO audit_ids (entry, id) VALUES (?1, ?2)";
const char insert_audit_change[] =
    "INSERT INTO audit_changes (entry, position, action, record)"
    " VALUES (?1, ?2, ?3, ?4)";
const char last_audit[] = "SELECT ifnull(max(id), 0) FROM audit_log";

// The secondary indexes of the record tables, which replace_all drops and
// creates again around a bulk load (the audit log's stay).
const char record_indexes[] =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
    " AND sql IS NOT NULL"
    " AND tbl_name NOT IN ('audit_log', 'audit_ids', 'audit_changes')"
    " ORDER BY rowid";
const char foreign_key_check[] =
    "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(?1)";
}  // namespace sql
// NOLINTEND(modernize-avoid-c-arrays)

#undef CHARTER_INSERT_ORG
#undef CHARTER_INSERT_PERSON
#undef CHARTER_INSERT_FOUNDATION
#undef CHARTER_INSERT_PROJECT
#undef CHARTER_INSERT_BODY
#undef CHARTER_INSERT_MEMBERSHIP
#undef CHARTER_INSERT_SEAT
#undef CHARTER_INSERT_ROLE
#undef CHARTER_INSERT_ELECTION

[[noreturn]] void step_failed(sqlite3_stmt* s, int rc) {
  SQLite::Exception e(sqlite3_db_handle(s), rc);
  sqlite3_reset(s);
  throw e;
}

[[noreturn]] void bind_failed(sqlite3_stmt* s, int i, int rc) {
  // sqlite3_errstr: the connection's message may be an older error's (a
  // value too long for SQLITE_STATIC binding sets none).
  const std::string message = std::string("cannot bind value ") +
                              std::to_string(i) + " of \"" + sqlite3_sql(s) +
                              "\": " + sqlite3_errstr(rc);
  sqlite3_clear_bindings(s);
  throw SQLite::Exception(message, rc);
}

}  // namespace charter::detail
