// The SQLite schema (docs/storage.md): the tables and indexes, the
// application id of the header, and how sqlite_store::impl checks, creates
// and migrates it when a file is opened.

#include "store/sqlite/schema.hpp"

#include <charter/store.hpp>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/audit.hpp"
#include "store/sqlite/impl.hpp"
#include "store/sqlite/statements.hpp"

namespace charter {

using detail::prepared_statement;
using detail::run;

namespace {

// 'chrt' in the database header (PRAGMA application_id), set from schema 1.
constexpr int application_id = 0x63687274;

#define CHARTER_SLUG(col)                            \
  "CHECK (length(" col ") BETWEEN 1 AND 64 AND " col \
  " GLOB '[a-z0-9]*' AND " col " NOT GLOB '*[^a-z0-9._-]*')"
#define CHARTER_DATE(col) \
  "CHECK (" col " GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')"
#define CHARTER_PERIOD \
  "date_from TEXT NOT NULL " CHARTER_DATE("date_from") \
  ",\n"                                                \
  "  date_to TEXT " CHARTER_DATE("date_to")            \
  ",\n"                                                \
  "  CHECK (date_to IS NULL OR date_to > date_from)"
#define CHARTER_EXTRA "extra TEXT CHECK (extra IS NULL OR json_valid(extra))"
#define CHARTER_REF(table) " REFERENCES " table " DEFERRABLE INITIALLY DEFERRED"

// The tables that hold records. Schema 0 had the same ones. Foreign keys are
// deferred to the commit, so a transaction may write records in any order
// and replace child rows (tiers, seat classes) that others refer to.
constexpr const char* record_tables_sql =
    "CREATE TABLE meta (\n"
    "  key TEXT PRIMARY KEY NOT NULL,\n"
    "  value TEXT NOT NULL\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE organizations (\n"
    "  id TEXT PRIMARY KEY NOT NULL " CHARTER_SLUG("id") ",\n"
    "  name TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('company', 'nonprofit',\n"
    "    'academic', 'government', 'foundation', 'other')),\n"
    "  parent TEXT" CHARTER_REF("organizations (id)") ",\n"
    "  " CHARTER_EXTRA "\n"
    ");\n"
    "CREATE TABLE organization_aliases (\n"
    "  org TEXT NOT NULL" CHARTER_REF("organizations (id)") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  alias TEXT NOT NULL,\n"
    "  PRIMARY KEY (org, position)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE organization_domains (\n"
    "  org TEXT NOT NULL" CHARTER_REF("organizations (id)") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  domain TEXT NOT NULL,\n"
    "  PRIMARY KEY (org, position)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE people (\n"
    "  id TEXT PRIMARY KEY NOT NULL " CHARTER_SLUG("id") ",\n"
    "  name TEXT NOT NULL,\n"
    "  " CHARTER_EXTRA "\n"
    ");\n"
    "CREATE TABLE person_emails (\n"
    "  person TEXT NOT NULL" CHARTER_REF("people (id)") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  email TEXT NOT NULL,\n"
    "  PRIMARY KEY (person, position)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE person_handles (\n"
    "  person TEXT NOT NULL" CHARTER_REF("people (id)") ",\n"
    "  service TEXT NOT NULL,\n"
    "  handle TEXT NOT NULL,\n"
    "  PRIMARY KEY (person, service)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE affiliations (\n"
    "  person TEXT NOT NULL" CHARTER_REF("people (id)") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  org TEXT NOT NULL" CHARTER_REF("organizations (id)") ",\n"
    "  title TEXT NOT NULL DEFAULT '',\n"
    "  " CHARTER_EXTRA ",\n"
    "  " CHARTER_PERIOD ",\n"
    "  PRIMARY KEY (person, position)\n"
    ");\n"
    "CREATE TABLE foundations (\n"
    "  id TEXT PRIMARY KEY NOT NULL " CHARTER_SLUG("id") ",\n"
    "  name TEXT NOT NULL,\n"
    "  parent TEXT" CHARTER_REF("foundations (id)") ",\n"
    "  founded TEXT " CHARTER_DATE("founded") ",\n"
    "  " CHARTER_EXTRA "\n"
    ");\n"
    "CREATE TABLE tiers (\n"
    "  foundation TEXT NOT NULL" CHARTER_REF("foundations (id)") ",\n"
    "  id TEXT NOT NULL " CHARTER_SLUG("id") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  name TEXT NOT NULL,\n"
    "  rank INTEGER NOT NULL,\n"
    "  fee_cents INTEGER,\n"
    "  fee_currency TEXT,\n"
    "  " CHARTER_EXTRA ",\n"
    "  PRIMARY KEY (foundation, id),\n"
    "  UNIQUE (foundation, position),\n"
    "  CHECK ((fee_cents IS NULL) = (fee_currency IS NULL))\n"
    ");\n"
    "CREATE TABLE tier_requirements (\n"
    "  foundation TEXT NOT NULL,\n"
    "  tier TEXT NOT NULL,\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  required_foundation TEXT NOT NULL,\n"
    "  min_tier TEXT NOT NULL,\n"
    "  PRIMARY KEY (foundation, tier, position),\n"
    "  FOREIGN KEY (foundation, tier)"
    CHARTER_REF("tiers (foundation, id)") ",\n"
    "  FOREIGN KEY (required_foundation, min_tier)"
    CHARTER_REF("tiers (foundation, id)") "\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE projects (\n"
    "  id TEXT PRIMARY KEY NOT NULL " CHARTER_SLUG("id") ",\n"
    "  name TEXT NOT NULL,\n"
    "  founded TEXT " CHARTER_DATE("founded") ",\n"
    "  " CHARTER_EXTRA "\n"
    ");\n"
    "CREATE TABLE stewards (\n"
    "  project TEXT NOT NULL" CHARTER_REF("projects (id)") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  org TEXT" CHARTER_REF("organizations (id)") ",\n"
    "  foundation TEXT" CHARTER_REF("foundations (id)") ",\n"
    "  " CHARTER_EXTRA ",\n"
    "  " CHARTER_PERIOD ",\n"
    "  PRIMARY KEY (project, position),\n"
    "  CHECK ((org IS NULL) <> (foundation IS NULL))\n"
    ");\n"
    "CREATE TABLE stages (\n"
    "  project TEXT NOT NULL" CHARTER_REF("projects (id)") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  name TEXT NOT NULL,\n"
    "  " CHARTER_EXTRA ",\n"
    "  " CHARTER_PERIOD ",\n"
    "  PRIMARY KEY (project, position)\n"
    ");\n"
    "CREATE TABLE memberships (\n"
    "  org TEXT NOT NULL" CHARTER_REF("organizations (id)") ",\n"
    "  foundation TEXT NOT NULL" CHARTER_REF("foundations (id)") ",\n"
    "  tier TEXT NOT NULL,\n"
    "  founding INTEGER NOT NULL DEFAULT 0 CHECK (founding IN (0, 1)),\n"
    "  " CHARTER_EXTRA ",\n"
    "  " CHARTER_PERIOD ",\n"
    "  PRIMARY KEY (org, foundation, date_from),\n"
    "  FOREIGN KEY (foundation, tier)"
    CHARTER_REF("tiers (foundation, id)") "\n"
    ");\n"
    "CREATE TABLE bodies (\n"
    "  id TEXT PRIMARY KEY NOT NULL " CHARTER_SLUG("id") ",\n"
    "  name TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  foundation TEXT" CHARTER_REF("foundations (id)") ",\n"
    "  project TEXT" CHARTER_REF("projects (id)") ",\n"
    "  max_per_family INTEGER CHECK (max_per_family >= 1),\n"
    "  max_fraction_per_family REAL\n"
    "    CHECK (max_fraction_per_family > 0\n"
    "      AND max_fraction_per_family <= 1),\n"
    "  term_years INTEGER CHECK (term_years >= 1),\n"
    "  max_consecutive_terms INTEGER CHECK (max_consecutive_terms >= 1),\n"
    "  min_size INTEGER,\n"
    "  max_size INTEGER,\n"
    "  quorum REAL CHECK (quorum > 0 AND quorum <= 1),\n"
    "  " CHARTER_EXTRA ",\n"
    "  CHECK ((foundation IS NULL) <> (project IS NULL)),\n"
    "  CHECK (min_size IS NULL OR max_size IS NULL OR min_size <= max_size)\n"
    ");\n"
    "CREATE TABLE seat_classes (\n"
    "  body TEXT NOT NULL" CHARTER_REF("bodies (id)") ",\n"
    "  id TEXT NOT NULL " CHARTER_SLUG("id") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  mode TEXT NOT NULL\n"
    "    CHECK (mode IN ('per-member', 'elected', 'fixed', 'ex-officio')),\n"
    "  tier TEXT,\n"
    "  per INTEGER NOT NULL DEFAULT 1,\n"
    "  min INTEGER,\n"
    "  max INTEGER,\n"
    "  round TEXT NOT NULL DEFAULT 'up' CHECK (round IN ('up', 'down')),\n"
    "  count INTEGER NOT NULL DEFAULT 0,\n"
    "  role TEXT NOT NULL DEFAULT '',\n"
    "  voting INTEGER CHECK (voting IN (0, 1)),\n"
    "  " CHARTER_EXTRA ",\n"
    "  PRIMARY KEY (body, id),\n"
    "  UNIQUE (body, position)\n"
    ");\n"
    "CREATE TABLE body_exclusions (\n"
    "  body TEXT NOT NULL" CHARTER_REF("bodies (id)") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  other TEXT NOT NULL" CHARTER_REF("bodies (id)") ",\n"
    "  PRIMARY KEY (body, position)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE seats (\n"
    "  body TEXT NOT NULL" CHARTER_REF("bodies (id)") ",\n"
    "  class TEXT NOT NULL,\n"
    "  person TEXT NOT NULL" CHARTER_REF("people (id)") ",\n"
    "  represents TEXT" CHARTER_REF("organizations (id)") ",\n"
    "  office TEXT\n"
    "    CHECK (office IN ('chair', 'vice-chair', 'treasurer', 'secretary')),\n"
    "  voting INTEGER CHECK (voting IN (0, 1)),\n"
    "  " CHARTER_EXTRA ",\n"
    "  " CHARTER_PERIOD ",\n"
    "  PRIMARY KEY (body, class, person, date_from),\n"
    "  FOREIGN KEY (body, class)" CHARTER_REF("seat_classes (body, id)") "\n"
    ");\n"
    "CREATE TABLE roles (\n"
    "  person TEXT NOT NULL" CHARTER_REF("people (id)") ",\n"
    "  title TEXT NOT NULL CHECK (title <> ''),\n"
    "  foundation TEXT" CHARTER_REF("foundations (id)") ",\n"
    "  project TEXT" CHARTER_REF("projects (id)") ",\n"
    "  body TEXT" CHARTER_REF("bodies (id)") ",\n"
    "  " CHARTER_EXTRA ",\n"
    "  " CHARTER_PERIOD ",\n"
    "  CHECK ((foundation IS NOT NULL) + (project IS NOT NULL)\n"
    "    + (body IS NOT NULL) = 1)\n"
    ");\n";

// The audit log of schema 1: ISO 8601 times and one row per id touched.
constexpr const char* audit_tables_sql =
    "CREATE TABLE audit_log (\n"
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  time TEXT NOT NULL CHECK (time GLOB\n"
    "    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]"
    "T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),\n"
    "  actor TEXT NOT NULL,\n"
    "  summary TEXT NOT NULL,\n"
    "  reason TEXT\n"
    ");\n"
    "CREATE TABLE audit_ids (\n"
    "  entry INTEGER NOT NULL" CHARTER_REF("audit_log (id)") ",\n"
    "  id TEXT NOT NULL,\n"
    "  PRIMARY KEY (entry, id)\n"
    ") WITHOUT ROWID;\n";

// What each audit entry changed, to undo it (schema 2): per record, the
// record as it was before (changed, removed) or as added, or for an import
// the whole registry before, each as an interchange document.
constexpr const char* audit_changes_sql =
    "CREATE TABLE IF NOT EXISTS audit_changes (\n"
    "  entry INTEGER NOT NULL" CHARTER_REF("audit_log (id)") ",\n"
    "  position INTEGER NOT NULL,\n"
    "  action TEXT NOT NULL CHECK (action IN\n"
    "    ('added', 'changed', 'removed', 'replaced')),\n"
    "  record TEXT NOT NULL,\n"
    "  PRIMARY KEY (entry, position)\n"
    ") WITHOUT ROWID;\n";

// The governance records (schema 3, issue 17): new columns of seats,
// bodies and foundations, and the tables of meetings, invoices and
// submitted reports. A new database runs it after record_tables_sql, a
// schema 2 one as its migration, so that both end up alike.
constexpr const char* governance_sql =
    "ALTER TABLE seats ADD COLUMN alternate_for TEXT" CHARTER_REF("people (id)") ";\n"
    "ALTER TABLE seats ADD COLUMN appointed_by TEXT CHECK (appointed_by IN\n"
    "  ('entitlement', 'election', 'appointment', 'ex-officio'));\n"
    "ALTER TABLE bodies ADD COLUMN suspend_after_missed INTEGER\n"
    "  CHECK (suspend_after_missed >= 1);\n"
    "ALTER TABLE bodies ADD COLUMN proxies INTEGER NOT NULL DEFAULT 0\n"
    "  CHECK (proxies IN (0, 1));\n"
    "ALTER TABLE bodies ADD COLUMN reporting_to TEXT" CHARTER_REF("bodies (id)") ";\n"
    // The months as written, comma-separated ("1,4,7,10").
    "ALTER TABLE bodies ADD COLUMN reporting_months TEXT;\n"
    "ALTER TABLE bodies ADD COLUMN reporting_from TEXT\n"
    "  CHECK (reporting_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]');\n"
    "ALTER TABLE foundations ADD COLUMN dues INTEGER NOT NULL DEFAULT 0\n"
    "  CHECK (dues IN (0, 1));\n"
    "ALTER TABLE foundations ADD COLUMN due_days INTEGER CHECK (due_days >= 0);\n"
    "ALTER TABLE foundations ADD COLUMN grace_days INTEGER\n"
    "  CHECK (grace_days >= 0);\n"
    "CREATE TABLE meetings (\n"
    "  id TEXT PRIMARY KEY NOT NULL " CHARTER_SLUG("id") ",\n"
    "  body TEXT NOT NULL" CHARTER_REF("bodies (id)") ",\n"
    "  date TEXT NOT NULL " CHARTER_DATE("date") ",\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('regular', 'special')),\n"
    "  " CHARTER_EXTRA "\n"
    ");\n"
    "CREATE TABLE meeting_attendance (\n"
    "  meeting TEXT NOT NULL" CHARTER_REF("meetings (id)") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  person TEXT NOT NULL" CHARTER_REF("people (id)") ",\n"
    "  status TEXT NOT NULL\n"
    "    CHECK (status IN ('present', 'absent', 'represented')),\n"
    "  by TEXT" CHARTER_REF("people (id)") ",\n"
    "  " CHARTER_EXTRA ",\n"
    "  PRIMARY KEY (meeting, position)\n"
    ");\n"
    "CREATE TABLE meeting_votes (\n"
    "  meeting TEXT NOT NULL" CHARTER_REF("meetings (id)") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  motion TEXT NOT NULL,\n"
    "  yes INTEGER NOT NULL CHECK (yes >= 0),\n"
    "  no INTEGER NOT NULL CHECK (no >= 0),\n"
    "  abstain INTEGER NOT NULL CHECK (abstain >= 0),\n"
    "  " CHARTER_EXTRA ",\n"
    "  PRIMARY KEY (meeting, position)\n"
    ");\n"
    "CREATE TABLE invoices (\n"
    "  id TEXT PRIMARY KEY NOT NULL " CHARTER_SLUG("id") ",\n"
    "  org TEXT NOT NULL" CHARTER_REF("organizations (id)") ",\n"
    "  foundation TEXT NOT NULL" CHARTER_REF("foundations (id)") ",\n"
    "  issued TEXT NOT NULL " CHARTER_DATE("issued") ",\n"
    "  due TEXT " CHARTER_DATE("due") ",\n"
    "  amount_cents INTEGER NOT NULL,\n"
    "  currency TEXT NOT NULL,\n"
    "  " CHARTER_EXTRA "\n"
    ");\n"
    "CREATE TABLE invoice_payments (\n"
    "  invoice TEXT NOT NULL" CHARTER_REF("invoices (id)") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  date TEXT NOT NULL " CHARTER_DATE("date") ",\n"
    "  amount_cents INTEGER NOT NULL,\n"
    "  currency TEXT NOT NULL,\n"
    "  " CHARTER_EXTRA ",\n"
    "  PRIMARY KEY (invoice, position)\n"
    ");\n"
    "CREATE TABLE reports (\n"
    "  body TEXT NOT NULL" CHARTER_REF("bodies (id)") ",\n"
    "  month TEXT NOT NULL\n"
    "    CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),\n"
    "  submitted TEXT NOT NULL " CHARTER_DATE("submitted") ",\n"
    "  " CHARTER_EXTRA ",\n"
    "  PRIMARY KEY (body, month)\n"
    ");\n"
    "CREATE INDEX IF NOT EXISTS seats_alternate_for\n"
    "  ON seats (alternate_for) WHERE alternate_for IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS bodies_reporting_to\n"
    "  ON bodies (reporting_to) WHERE reporting_to IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS meetings_body ON meetings (body, date);\n"
    "CREATE INDEX IF NOT EXISTS meeting_attendance_person\n"
    "  ON meeting_attendance (person);\n"
    "CREATE INDEX IF NOT EXISTS meeting_attendance_by\n"
    "  ON meeting_attendance (by) WHERE by IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS invoices_org ON invoices (org, issued);\n"
    "CREATE INDEX IF NOT EXISTS invoices_foundation\n"
    "  ON invoices (foundation, issued);\n";
// Elections and their candidates (schema 3). A candidate's position keeps
// the order the election lists them in.
constexpr const char* elections_sql =
    "CREATE TABLE IF NOT EXISTS elections (\n"
    "  id TEXT PRIMARY KEY NOT NULL " CHARTER_SLUG("id") ",\n"
    "  body TEXT NOT NULL" CHARTER_REF("bodies (id)") ",\n"
    "  class TEXT NOT NULL,\n"
    "  seats INTEGER NOT NULL CHECK (seats >= 1),\n"
    "  method TEXT NOT NULL\n"
    "    CHECK (method IN ('schulze', 'scottish-stv', 'meek-stv')),\n"
    "  unranked TEXT NOT NULL DEFAULT 'ignored'\n"
    "    CHECK (unranked IN ('ignored', 'below')),\n"
    "  seated TEXT NOT NULL " CHARTER_DATE("seated") ",\n"
    "  term_end TEXT " CHARTER_DATE("term_end") ",\n"
    "  eligibility TEXT NOT NULL DEFAULT '',\n"
    "  " CHARTER_EXTRA ",\n"
    "  CHECK (term_end IS NULL OR term_end > seated),\n"
    "  FOREIGN KEY (body, class)" CHARTER_REF("seat_classes (body, id)") "\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS election_candidates (\n"
    "  election TEXT NOT NULL" CHARTER_REF("elections (id)") ",\n"
    "  position INTEGER NOT NULL CHECK (position >= 0),\n"
    "  person TEXT NOT NULL" CHARTER_REF("people (id)") ",\n"
    "  org TEXT" CHARTER_REF("organizations (id)") ",\n"
    "  PRIMARY KEY (election, position),\n"
    "  UNIQUE (election, person)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX IF NOT EXISTS elections_body ON elections (body);\n"
    "CREATE INDEX IF NOT EXISTS election_candidates_person\n"
    "  ON election_candidates (person);\n"
    "CREATE INDEX IF NOT EXISTS election_candidates_org\n"
    "  ON election_candidates (org) WHERE org IS NOT NULL;\n";

// Indexes for the as-of queries, for the child side of foreign keys (so that
// replacing a tier or a seat class does not scan), and for the audit log.
// Schema 0 had none; the unique key of roles came with schema 1 too.
constexpr const char* indexes_sql =
    "CREATE UNIQUE INDEX IF NOT EXISTS roles_key ON roles (person, title,\n"
    "  ifnull(foundation, ''), ifnull(project, ''), ifnull(body, ''),\n"
    "  date_from);\n"
    "CREATE INDEX IF NOT EXISTS organizations_parent\n"
    "  ON organizations (parent) WHERE parent IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS affiliations_org\n"
    "  ON affiliations (org, date_from);\n"
    "CREATE INDEX IF NOT EXISTS foundations_parent\n"
    "  ON foundations (parent) WHERE parent IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS tier_requirements_required\n"
    "  ON tier_requirements (required_foundation, min_tier);\n"
    "CREATE INDEX IF NOT EXISTS stewards_org\n"
    "  ON stewards (org, date_from) WHERE org IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS stewards_foundation\n"
    "  ON stewards (foundation, date_from) WHERE foundation IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS memberships_foundation\n"
    "  ON memberships (foundation, date_from);\n"
    "CREATE INDEX IF NOT EXISTS memberships_tier\n"
    "  ON memberships (foundation, tier, date_from);\n"
    "CREATE INDEX IF NOT EXISTS memberships_org\n"
    "  ON memberships (org, date_from);\n"
    "CREATE INDEX IF NOT EXISTS bodies_foundation\n"
    "  ON bodies (foundation) WHERE foundation IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS bodies_project\n"
    "  ON bodies (project) WHERE project IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS body_exclusions_other\n"
    "  ON body_exclusions (other);\n"
    "CREATE INDEX IF NOT EXISTS seats_body ON seats (body, date_from);\n"
    "CREATE INDEX IF NOT EXISTS seats_person ON seats (person, date_from);\n"
    "CREATE INDEX IF NOT EXISTS seats_represents\n"
    "  ON seats (represents, date_from) WHERE represents IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS roles_person ON roles (person, date_from);\n"
    "CREATE INDEX IF NOT EXISTS roles_foundation\n"
    "  ON roles (foundation, date_from) WHERE foundation IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS roles_project\n"
    "  ON roles (project, date_from) WHERE project IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS roles_body\n"
    "  ON roles (body, date_from) WHERE body IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS audit_log_time ON audit_log (time);\n"
    "CREATE INDEX IF NOT EXISTS audit_ids_id ON audit_ids (id, entry);\n";

#undef CHARTER_SLUG
#undef CHARTER_DATE
#undef CHARTER_PERIOD
#undef CHARTER_EXTRA
#undef CHARTER_REF

}  // namespace

namespace detail {

// Every table that holds records, emptied by replace_all().
constexpr std::array<const char*, 27> record_table_names{"meeting_attendance",
                                                         "meeting_votes",
                                                         "invoice_payments",
                                                         "reports",
                                                         "meetings",
                                                         "invoices",
                                                         "organization_aliases",
                                                         "organization_domains",
                                                         "person_emails",
                                                         "person_handles",
                                                         "affiliations",
                                                         "tier_requirements",
                                                         "tiers",
                                                         "stewards",
                                                         "stages",
                                                         "seat_classes",
                                                         "body_exclusions",
                                                         "memberships",
                                                         "seats",
                                                         "roles",
                                                         "election_candidates",
                                                         "elections",
                                                         "organizations",
                                                         "people",
                                                         "foundations",
                                                         "projects",
                                                         "bodies"};

}  // namespace detail

// ---- opening: what the file holds, and making it current

bool sqlite_store::impl::has_table(const char* table) const {
  SQLite::Statement q(*db,
                      "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                      " AND name = ?1");
  q.bind(1, table);
  q.executeStep();
  return q.getColumn(0).getInt64() > 0;
}

std::int64_t sqlite_store::impl::table_count() const {
  SQLite::Statement q(*db, "SELECT count(*) FROM sqlite_master");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

[[noreturn]] void sqlite_store::impl::foreign() const {
  throw storage_error(fmt::format("not a charter database: {}", name()));
}

// Reads the header and the catalogue: returns true when the schema is
// current, creates or migrates it (and returns false, to look again)
// when it is empty or old, throws when the file is not ours.
bool sqlite_store::impl::check_schema() {
  const auto app = pragma_int("application_id");
  const auto version = pragma_int("user_version");
  // Statements are finished before any schema change: an active one
  // would lock the tables that a migration drops.
  if (table_count() == 0 && version == 0 && app == 0) {
    if (opts.read_only) foreign();
    create_schema();
    return false;
  }
  if (app != 0 && app != application_id) foreign();
  std::optional<std::string> application;
  try {
    SQLite::Statement q(*db,
                        "SELECT value FROM meta WHERE key = 'application'");
    if (q.executeStep()) application = q.getColumn(0).getString();
  } catch (const SQLite::Exception& e) {
    if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) throw;
    foreign();  // no meta table, or one of another shape
  }
  if (application != "charter") foreign();
  if (version > schema_version)
    throw storage_error(
        fmt::format("{} was written by a newer charter (schema {} > {}); "
                    "upgrade charter to open it",
                    name(), version, schema_version));
  if (version == schema_version) return true;
  if (opts.read_only)
    throw storage_error(
        fmt::format("{} has schema {} and needs migrating to {}: open it for "
                    "writing once",
                    name(), version, schema_version));
  migrate();
  return false;
}

void sqlite_store::impl::create_schema() {
  SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
  // Another process may have created it between our look and our lock.
  if (table_count() != 0) return;
  db->exec(record_tables_sql);
  db->exec(governance_sql);
  db->exec(audit_tables_sql);
  db->exec(audit_changes_sql);
  db->exec(elections_sql);
  db->exec(indexes_sql);
  prepared_statement meta(db->getHandle(),
                          "INSERT INTO meta (key, value) VALUES (?1, ?2)");
  run(meta, "application", "charter");
  run(meta, "created", to_string(detail::utc_now()));
  db->exec(fmt::format("PRAGMA application_id = {}", application_id));
  db->exec(fmt::format("PRAGMA user_version = {}", schema_version));
  tx.commit();
}

// Schema 0 (the first prototype) kept the audit log as one row per entry
// with a Unix time and the ids as one space-separated column, and had no
// indexes beyond the keys. Schema 1 stores ISO 8601 times and one row per
// id, adds the indexes and marks the header with an application id.
// Schema 2 keeps what each change did (audit_changes); entries of before
// keep nothing, and cannot be reverted. Schema 3 adds the elections and
// their candidates (empty in a database of before). Schema 4 adds the
// governance records (governance_sql): every record of before stays as it
// was, and its new fields are absent.
void sqlite_store::impl::migrate() {
  SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
  const auto version = pragma_int("user_version");
  if (version == schema_version) return;  // someone else migrated it meanwhile
  if (version == 0) migrate_from_0();
  db->exec(audit_changes_sql);
  db->exec(elections_sql);
  // A file whose tables were made by this charter and its version set back
  // (tests/store.cpp makes schema 0 so) has them already.
  if (version < 4 && !has_table("meetings")) db->exec(governance_sql);
  db->exec(fmt::format("PRAGMA user_version = {}", schema_version));
  tx.commit();
}

void sqlite_store::impl::migrate_from_0() {
  std::vector<std::pair<std::int64_t, std::string>> ids;
  {
    SQLite::Statement q(*db, "SELECT id, ids FROM audit_log ORDER BY id");
    while (q.executeStep()) {
      const auto entry = q.getColumn(0).getInt64();
      const auto list = q.getColumn(1).getString();
      std::size_t start = 0;
      while (start < list.size()) {
        auto end = list.find(' ', start);
        if (end == std::string::npos) end = list.size();
        if (end > start)
          ids.emplace_back(entry, list.substr(start, end - start));
        start = end + 1;
      }
    }
  }
  db->exec("ALTER TABLE audit_log RENAME TO audit_log_0");
  db->exec(audit_tables_sql);
  db->exec(
      "INSERT INTO audit_log (id, time, actor, summary, reason)\n"
      "  SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', time, 'unixepoch'),\n"
      "    actor, summary, nullif(reason, '')\n"
      "  FROM audit_log_0 ORDER BY id;\n"
      "DROP TABLE audit_log_0;\n");
  prepared_statement insert(
      db->getHandle(),
      "INSERT OR IGNORE INTO audit_ids (entry, id) VALUES (?1, ?2)");
  for (const auto& [entry, id] : ids) run(insert, entry, id);
  db->exec(indexes_sql);
  db->exec(fmt::format("PRAGMA application_id = {}", application_id));
  db->exec(fmt::format("PRAGMA user_version = {}", schema_version));
  // Schema 0 did not enforce foreign keys: refuse to carry dangling
  // references into a schema that does.
  SQLite::Statement fk(*db, "PRAGMA foreign_key_check");
  if (fk.executeStep())
    throw storage_error(fmt::format(
        "{}: cannot migrate schema 0: table {} has a dangling reference to "
        "{}",
        name(), fk.getColumn(0).getString(), fk.getColumn(2).getString()));
}

}  // namespace charter
