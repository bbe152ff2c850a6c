#include <charter/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/system/system_error.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <optional>
#include <iterator>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "core/text_hash.hpp"
#include "store/audit.hpp"

namespace charter {

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

// Every table that holds records, emptied by replace_all().
constexpr std::array<const char*, 19> record_table_names{"organization_aliases",
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
                                                         "organizations",
                                                         "people",
                                                         "foundations",
                                                         "projects",
                                                         "bodies"};

// ---- statements used by save(), prepared once per connection

namespace sql {
#define CHARTER_INSERT_ORG                                    \
  "INSERT INTO organizations (id, name, kind, parent, extra)" \
  " VALUES (?1, ?2, ?3, ?4, ?5)"
constexpr const char* insert_org = CHARTER_INSERT_ORG;
constexpr const char* upsert_org = CHARTER_INSERT_ORG
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
    " kind = excluded.kind, parent = excluded.parent, extra = excluded.extra";
constexpr const char* delete_aliases =
    "DELETE FROM organization_aliases WHERE org = ?1";
constexpr const char* insert_alias =
    "INSERT INTO organization_aliases (org, position, alias)"
    " VALUES (?1, ?2, ?3)";
constexpr const char* delete_domains =
    "DELETE FROM organization_domains WHERE org = ?1";
constexpr const char* insert_domain =
    "INSERT INTO organization_domains (org, position, domain)"
    " VALUES (?1, ?2, ?3)";

#define CHARTER_INSERT_PERSON \
  "INSERT INTO people (id, name, extra) VALUES (?1, ?2, ?3)"
constexpr const char* insert_person = CHARTER_INSERT_PERSON;
constexpr const char* upsert_person = CHARTER_INSERT_PERSON
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
    " extra = excluded.extra";
constexpr const char* delete_emails =
    "DELETE FROM person_emails WHERE person = ?1";
constexpr const char* insert_email =
    "INSERT INTO person_emails (person, position, email) VALUES (?1, ?2, ?3)";
constexpr const char* delete_handles =
    "DELETE FROM person_handles WHERE person = ?1";
constexpr const char* insert_handle =
    "INSERT INTO person_handles (person, service, handle) VALUES (?1, ?2, ?3)";
constexpr const char* delete_affiliations =
    "DELETE FROM affiliations WHERE person = ?1";
constexpr const char* insert_affiliation =
    "INSERT INTO affiliations"
    " (person, position, org, date_from, date_to, title, extra)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

#define CHARTER_INSERT_FOUNDATION                              \
  "INSERT INTO foundations (id, name, parent, founded, extra)" \
  " VALUES (?1, ?2, ?3, ?4, ?5)"
constexpr const char* insert_foundation = CHARTER_INSERT_FOUNDATION;
constexpr const char* upsert_foundation = CHARTER_INSERT_FOUNDATION
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
    " parent = excluded.parent, founded = excluded.founded,"
    " extra = excluded.extra";
constexpr const char* delete_requirements =
    "DELETE FROM tier_requirements WHERE foundation = ?1";
constexpr const char* delete_tiers = "DELETE FROM tiers WHERE foundation = ?1";
constexpr const char* insert_tier =
    "INSERT INTO tiers"
    " (foundation, id, position, name, rank, fee_cents, fee_currency, extra)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr const char* insert_requirement =
    "INSERT INTO tier_requirements"
    " (foundation, tier, position, required_foundation, min_tier)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

#define CHARTER_INSERT_PROJECT \
  "INSERT INTO projects (id, name, founded, extra) VALUES (?1, ?2, ?3, ?4)"
constexpr const char* insert_project = CHARTER_INSERT_PROJECT;
constexpr const char* upsert_project = CHARTER_INSERT_PROJECT
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
    " founded = excluded.founded, extra = excluded.extra";
constexpr const char* delete_stewards =
    "DELETE FROM stewards WHERE project = ?1";
constexpr const char* insert_steward =
    "INSERT INTO stewards"
    " (project, position, org, foundation, date_from, date_to, extra)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* delete_stages = "DELETE FROM stages WHERE project = ?1";
constexpr const char* insert_stage =
    "INSERT INTO stages (project, position, name, date_from, date_to, extra)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

#define CHARTER_INSERT_BODY                                                  \
  "INSERT INTO bodies (id, name, kind, foundation, project, max_per_family," \
  " max_fraction_per_family, term_years, max_consecutive_terms, min_size,"   \
  " max_size, quorum, extra)"                                                \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
constexpr const char* insert_body = CHARTER_INSERT_BODY;
constexpr const char* upsert_body = CHARTER_INSERT_BODY
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
    " kind = excluded.kind, foundation = excluded.foundation,"
    " project = excluded.project, max_per_family = excluded.max_per_family,"
    " max_fraction_per_family = excluded.max_fraction_per_family,"
    " term_years = excluded.term_years,"
    " max_consecutive_terms = excluded.max_consecutive_terms,"
    " min_size = excluded.min_size, max_size = excluded.max_size,"
    " quorum = excluded.quorum, extra = excluded.extra";
constexpr const char* delete_classes =
    "DELETE FROM seat_classes WHERE body = ?1";
constexpr const char* insert_class =
    "INSERT INTO seat_classes (body, id, position, mode, tier, per, min, max,"
    " round, count, role, voting, extra)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
constexpr const char* delete_exclusions =
    "DELETE FROM body_exclusions WHERE body = ?1";
constexpr const char* insert_exclusion =
    "INSERT INTO body_exclusions (body, position, other) VALUES (?1, ?2, ?3)";

#define CHARTER_INSERT_MEMBERSHIP                                 \
  "INSERT INTO memberships"                                       \
  " (org, foundation, tier, date_from, date_to, founding, extra)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
constexpr const char* insert_membership = CHARTER_INSERT_MEMBERSHIP;
constexpr const char* upsert_membership = CHARTER_INSERT_MEMBERSHIP
    " ON CONFLICT (org, foundation, date_from) DO UPDATE SET"
    " tier = excluded.tier, date_to = excluded.date_to,"
    " founding = excluded.founding, extra = excluded.extra";
#define CHARTER_INSERT_SEAT                                                 \
  "INSERT INTO seats (body, class, person, date_from, date_to, represents," \
  " office, voting, extra)"                                                 \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
constexpr const char* insert_seat = CHARTER_INSERT_SEAT;
constexpr const char* upsert_seat = CHARTER_INSERT_SEAT
    " ON CONFLICT (body, class, person, date_from) DO UPDATE SET"
    " date_to = excluded.date_to, represents = excluded.represents,"
    " office = excluded.office, voting = excluded.voting,"
    " extra = excluded.extra";
#define CHARTER_INSERT_ROLE                                                 \
  "INSERT INTO roles (person, title, foundation, project, body, date_from," \
  " date_to, extra)"                                                        \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
constexpr const char* insert_role = CHARTER_INSERT_ROLE;
constexpr const char* upsert_role = CHARTER_INSERT_ROLE
    " ON CONFLICT (person, title, ifnull(foundation, ''),"
    " ifnull(project, ''), ifnull(body, ''), date_from) DO UPDATE SET"
    " date_to = excluded.date_to, extra = excluded.extra";

constexpr const char* insert_audit =
    "INSERT INTO audit_log (time, actor, summary, reason)"
    " VALUES (?1, ?2, ?3, ?4)";
constexpr const char* insert_audit_id =
    "INSERT INTO audit_ids (entry, id) VALUES (?1, ?2)";
constexpr const char* last_audit = "SELECT ifnull(max(id), 0) FROM audit_log";

// The secondary indexes of the record tables, which replace_all drops and
// creates again around a bulk load (the audit log's stay).
constexpr const char* record_indexes =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
    " AND sql IS NOT NULL AND tbl_name NOT IN ('audit_log', 'audit_ids')"
    " ORDER BY rowid";
constexpr const char* foreign_key_check =
    "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(?1)";
}  // namespace sql

#undef CHARTER_INSERT_ORG
#undef CHARTER_INSERT_PERSON
#undef CHARTER_INSERT_FOUNDATION
#undef CHARTER_INSERT_PROJECT
#undef CHARTER_INSERT_BODY
#undef CHARTER_INSERT_MEMBERSHIP
#undef CHARTER_INSERT_SEAT
#undef CHARTER_INSERT_ROLE

// ---- binding values
//
// Through SQLite's own calls rather than SQLiteCpp's, which copy every string:
// run() binds and steps within one call, so the registry's strings, the
// temporaries of its arguments and a date's text (in `slot`, run()'s) outlive
// the step and are bound in place.

using slot = char[10];

void bind_value(sqlite3_stmt* s, int i, std::nullopt_t, slot&) {
  sqlite3_bind_null(s, i);
}
void bind_value(sqlite3_stmt* s, int i, std::string_view v, slot&) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}
void bind_value(sqlite3_stmt* s, int i, const std::string& v, slot& t) {
  bind_value(s, i, std::string_view(v), t);
}
void bind_value(sqlite3_stmt* s, int i, const char* v, slot& t) {
  bind_value(s, i, std::string_view(v), t);
}
void bind_value(sqlite3_stmt* s, int i, int v, slot&) {
  sqlite3_bind_int(s, i, v);
}
void bind_value(sqlite3_stmt* s, int i, std::int64_t v, slot&) {
  sqlite3_bind_int64(s, i, v);
}
void bind_value(sqlite3_stmt* s, int i, std::size_t v, slot&) {
  sqlite3_bind_int64(s, i, static_cast<std::int64_t>(v));
}
void bind_value(sqlite3_stmt* s, int i, double v, slot&) {
  sqlite3_bind_double(s, i, v);
}
void bind_value(sqlite3_stmt* s, int i, bool v, slot&) {
  sqlite3_bind_int(s, i, v ? 1 : 0);
}
void bind_value(sqlite3_stmt* s, int i, date v, slot& text) {
  const int year = static_cast<int>(v.year());
  if (year < 0 || year > 9999) {  // (which no parsed date has)
    const auto full = to_string(v);
    sqlite3_bind_text(s, i, full.data(), static_cast<int>(full.size()),
                      SQLITE_TRANSIENT);
    return;
  }
  // YYYY-MM-DD, as to_string() writes it, without allocating.
  auto put = [&](int at, int digits, unsigned n) {
    for (int k = at + digits - 1; k >= at; --k, n /= 10)
      text[k] = static_cast<char>('0' + n % 10);
  };
  put(0, 4, static_cast<unsigned>(year));
  text[4] = '-';
  put(5, 2, static_cast<unsigned>(v.month()));
  text[7] = '-';
  put(8, 2, static_cast<unsigned>(v.day()));
  sqlite3_bind_text(s, i, text, sizeof text, SQLITE_STATIC);
}
template <class Tag>
void bind_value(sqlite3_stmt* s, int i, const basic_id<Tag>& v, slot& t) {
  bind_value(s, i, std::string_view(v.str()), t);
}
void bind_value(sqlite3_stmt* s, int i, const extra_fields& v, slot&) {
  if (v.empty()) {
    sqlite3_bind_null(s, i);
  } else {
    const auto text = boost::json::serialize(v);
    sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
  }
}
template <class T>
void bind_value(sqlite3_stmt* s, int i, const std::optional<T>& v, slot& t) {
  if (v)
    bind_value(s, i, *v, t);
  else
    sqlite3_bind_null(s, i);
}

// A statement prepared once per connection and used through SQLite's own
// calls.
class prepared {
 public:
  prepared(sqlite3* db, const char* query,
           unsigned flags = SQLITE_PREPARE_PERSISTENT) {
    const int rc = sqlite3_prepare_v3(db, query, -1, flags, &s_, nullptr);
    if (rc != SQLITE_OK) throw SQLite::Exception(db, rc);
  }
  prepared(const prepared&) = delete;
  prepared& operator=(const prepared&) = delete;
  ~prepared() { sqlite3_finalize(s_); }
  sqlite3_stmt* get() const noexcept { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

[[noreturn]] void step_failed(sqlite3_stmt* s, int rc) {
  SQLite::Exception e(sqlite3_db_handle(s), rc);
  sqlite3_reset(s);
  throw e;
}

// Binds every parameter of `s` (all of them: none keeps a pointer from an
// earlier call) and runs it to completion.
template <class... Args>
void run(sqlite3_stmt* s, const Args&... args) {
  sqlite3_reset(s);
  slot slots[sizeof...(Args) + 1];
  int i = 0;
  ((bind_value(s, i + 1, args, slots[i]), ++i), ...);
  assert(i == sqlite3_bind_parameter_count(s));
  const int rc = sqlite3_step(s);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) step_failed(s, rc);
  sqlite3_reset(s);
}
template <class... Args>
void run(const prepared& p, const Args&... args) {
  run(p.get(), args...);
}

// ---- reading columns
//
// Also through SQLite's own calls: SQLiteCpp's Column copies a shared
// pointer for every value read and its getString() a string.

std::string text(const SQLite::Column& c) { return c.getString(); }

// The current row of a SELECT.
class row {
 public:
  explicit row(sqlite3_stmt* s) : s_(s) {}

  bool null(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
  // Valid until the next step. NULL reads as "".
  std::string_view view(int i) const {
    const auto* p = sqlite3_column_text(s_, i);
    if (!p) return {};
    return {reinterpret_cast<const char*>(p),
            static_cast<std::size_t>(sqlite3_column_bytes(s_, i))};
  }
  std::string str(int i) const { return std::string(view(i)); }
  template <class Id>
  Id id(int i) const {
    return Id{view(i)};
  }
  template <class Id>
  std::optional<Id> opt_id(int i) const {
    if (null(i)) return std::nullopt;
    return Id{view(i)};
  }
  int integer(int i) const { return sqlite3_column_int(s_, i); }
  std::int64_t int64(int i) const { return sqlite3_column_int64(s_, i); }
  std::optional<int> opt_int(int i) const {
    if (null(i)) return std::nullopt;
    return integer(i);
  }
  std::optional<double> opt_double(int i) const {
    if (null(i)) return std::nullopt;
    return sqlite3_column_double(s_, i);
  }
  std::optional<bool> opt_bool(int i) const {
    if (null(i)) return std::nullopt;
    return integer(i) != 0;
  }
  date day(int i) const { return parse_date(view(i)); }
  std::optional<date> opt_day(int i) const {
    if (null(i)) return std::nullopt;
    return day(i);
  }
  period when(int from) const { return {day(from), opt_day(from + 1)}; }
  extra_fields extra(int i) const {
    if (null(i)) return {};
    auto v = boost::json::parse(view(i));
    if (!v.is_object())
      throw parse_error("an 'extra' column does not hold a JSON object");
    return std::move(v.as_object());
  }

 private:
  sqlite3_stmt* s_;
};

// The rows of a query, stepped one at a time.
class cursor {
 public:
  cursor(sqlite3* db, const char* query) : q_(db, query, 0), row_(q_.get()) { step(); }
  bool done() const noexcept { return done_; }
  const row& operator*() const noexcept { return row_; }
  void step() {
    const int rc = sqlite3_step(q_.get());
    if (rc == SQLITE_ROW) return;
    if (rc != SQLITE_DONE) step_failed(q_.get(), rc);
    done_ = true;
  }

 private:
  prepared q_;
  row row_;
  bool done_ = false;
};

// Calls `f` with each row of `query`.
template <class F>
void each_row(sqlite3* db, const char* query, F&& f) {
  for (cursor c(db, query); !c.done(); c.step()) f(*c);
}

// An id of a variant's alternative, bound as NULL when it holds another.
template <class Id>
std::optional<std::string_view> id_or_null(const Id* id) {
  if (!id) return std::nullopt;
  return std::string_view(id->str());
}

// Moves a record's child rows, gathered in `from` (which keeps its room
// for the next record), into `to` (empty) in one allocation of the right
// size: a million people's affiliations would otherwise be reallocated, and
// freed, as each row arrived.
template <class T>
void take_rows(std::vector<T>& to, std::vector<T>& from) {
  if (from.empty()) return;
  to.assign(std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  from.clear();
}
void take_children(organization& to, organization& from) {
  take_rows(to.aliases, from.aliases);
  take_rows(to.domains, from.domains);
}
void take_children(person& to, person& from) {
  take_rows(to.emails, from.emails);
  to.handles.merge(from.handles);  // moves the nodes
  take_rows(to.affiliations, from.affiliations);
}
void take_children(foundation& to, foundation& from) { take_rows(to.tiers, from.tiers); }
void take_children(project& to, project& from) {
  take_rows(to.stewards, from.stewards);
  take_rows(to.stages, from.stages);
}
void take_children(body& to, body& from) {
  take_rows(to.seat_classes, from.seat_classes);
  take_rows(to.rules.exclusive_with, from.rules.exclusive_with);
}

// How to read one kind of record: its rows, in the order written, and the
// rows of its child tables, each ordered by the record's id (their first
// column), then by position.
template <class Record>
struct record_query {
  using reader = void (*)(Record&, const row&);
  const char* rows;
  reader decode;  // sets the record's own fields, not its children's
  std::vector<std::pair<const char*, reader>> children = {};
};

// The records of one kind, one at a time in the order written, with their
// child rows attached. The child queries are walked alongside the records:
// when the records were written in id order (as an import writes them),
// each one's child rows are next in line. Child rows passed on the way to
// a later id wait in `early_` for their record, which comes out of order
// (as a record added after an import may); so memory grows only with the
// records out of order, and nothing is read twice.
template <class Record>
class record_reader {
 public:
  record_reader(sqlite3* db, const record_query<Record>& q) : query_(q), rows_(db, q.rows) {
    for (const auto& child : q.children) children_.push_back(std::make_unique<cursor>(db, child.first));
  }

  // The next record into `out`; false after the last.
  bool next(Record& out) {
    if (rows_.done()) {
      finish();
      return false;
    }
    out = Record{};
    if constexpr (has_children) {
      if (!early_.empty())
        if (auto it = early_.find((*rows_).view(0)); it != early_.end()) {
          out = std::move(it->second);
          early_.erase(it);
        }
    }
    query_.decode(out, *rows_);
    rows_.step();
    if constexpr (has_children) {
      attach_children(out);
      take_children(out, gathered_);
    }
    return true;
  }

 private:
  // The kinds with an id are those with child rows.
  static constexpr bool has_children = requires(Record r) { r.id; };

  void attach_children(Record& r) {
    const std::string_view id = r.id.str();
    for (std::size_t i = 0; i < children_.size(); ++i) {
      auto& c = *children_[i];
      const auto attach = query_.children[i].second;
      for (; !c.done(); c.step()) {
        const auto owner = (*c).view(0);
        if (owner > id) break;
        attach(owner == id ? gathered_ : early_[std::string(owner)], *c);
      }
    }
  }

  // After the last record: a child row left over names no record.
  void finish() {
    if constexpr (has_children) {
      for (auto& c : children_)
        if (!c->done()) orphan((**c).view(0));
      if (!early_.empty()) orphan(early_.begin()->first);
    }
  }
  [[noreturn]] static void orphan(std::string_view owner) {
    throw parse_error(fmt::format("a child row names '{}', which has no record", owner));
  }

  const record_query<Record>& query_;
  cursor rows_;
  std::vector<std::unique_ptr<cursor>> children_;
  std::unordered_map<std::string, Record, detail::text_hash, detail::text_equal> early_;
  Record gathered_;  // the child rows of the record being read
};

// The records handed to the registry at a time while loading.
constexpr std::size_t piece_size = 1 << 14;

// Reads the records of several kinds, one kind after the other, into
// pieces of a batch (a registry::batch_source).
template <class... Record>
class record_stream {
 public:
  record_stream(sqlite3* db, const record_query<Record>&... queries) : db_(db), queries_(&queries...) {}

  // Fills `piece` (empty) with the next records; false when none is left.
  bool operator()(batch& piece) {
    while (kind_ < sizeof...(Record) && piece.size() < piece_size)
      if (read_kind(piece, std::index_sequence_for<Record...>{})) ++kind_;
    return !piece.empty();
  }

 private:
  template <std::size_t... I>
  bool read_kind(batch& piece, std::index_sequence<I...>) {
    bool done = false;
    (void)((I == kind_ && (done = read_some(*std::get<I>(queries_), std::get<I>(readers_), piece), true)) || ...);
    return done;
  }
  // Moves records of one kind into `piece` until it is full; true once the
  // kind has no more.
  template <class R>
  bool read_some(const record_query<R>& query, std::optional<record_reader<R>>& reader, batch& piece) {
    if (!reader) reader.emplace(db_, query);
    R r;
    while (piece.size() < piece_size) {
      if (!reader->next(r)) {
        reader.reset();  // its statements are done with
        return true;
      }
      piece.add(std::move(r));
    }
    return false;
  }

  sqlite3* db_;
  std::tuple<const record_query<Record>*...> queries_;
  std::tuple<std::optional<record_reader<Record>>...> readers_;
  std::size_t kind_ = 0;
};

// What load() reads, kind by kind.
namespace queries {

const record_query<organization> organizations{
    "SELECT id, name, kind, parent, extra FROM organizations ORDER BY rowid",
    [](organization& o, const row& r) {
      o.id = r.id<org_id>(0);
      o.name = r.str(1);
      auto kind = parse_org_kind(r.view(2));
      if (!kind) throw parse_error(fmt::format("organization '{}' has an unknown kind", o.id.str()));
      o.kind = *kind;
      o.parent = r.opt_id<org_id>(3);
      o.extra = r.extra(4);
    },
    {{"SELECT org, alias FROM organization_aliases ORDER BY org, position",
      [](organization& o, const row& r) { o.aliases.push_back(r.str(1)); }},
     {"SELECT org, domain FROM organization_domains ORDER BY org, position",
      [](organization& o, const row& r) { o.domains.push_back(r.str(1)); }}}};

const record_query<person> people{
    "SELECT id, name, extra FROM people ORDER BY rowid",
    [](person& p, const row& r) {
      p.id = r.id<person_id>(0);
      p.name = r.str(1);
      p.extra = r.extra(2);
    },
    {{"SELECT person, email FROM person_emails ORDER BY person, position",
      [](person& p, const row& r) { p.emails.push_back(r.str(1)); }},
     {"SELECT person, service, handle FROM person_handles ORDER BY person, service",
      [](person& p, const row& r) { p.handles.emplace(r.str(1), r.str(2)); }},
     {"SELECT person, org, date_from, date_to, title, extra FROM affiliations ORDER BY person, position",
      [](person& p, const row& r) { p.affiliations.push_back({r.id<org_id>(1), r.when(2), r.str(4), r.extra(5)}); }}}};

const record_query<foundation> foundations{
    "SELECT id, name, parent, founded, extra FROM foundations ORDER BY rowid",
    [](foundation& f, const row& r) {
      f.id = r.id<foundation_id>(0);
      f.name = r.str(1);
      f.parent = r.opt_id<foundation_id>(2);
      f.founded = r.opt_day(3);
      f.extra = r.extra(4);
    },
    {{"SELECT foundation, id, name, rank, fee_cents, fee_currency, extra FROM tiers "
      "ORDER BY foundation, position",
      [](foundation& f, const row& r) {
        tier t;
        t.id = r.id<tier_id>(1);
        t.name = r.str(2);
        t.rank = r.integer(3);
        if (!r.null(4)) t.annual_fee = money{r.int64(4), r.str(5)};
        t.extra = r.extra(6);
        f.tiers.push_back(std::move(t));
      }},
     // After the tiers: a requirement goes into its tier.
     {"SELECT foundation, tier, required_foundation, min_tier FROM tier_requirements "
      "ORDER BY foundation, tier, position",
      [](foundation& f, const row& r) {
        const auto t = r.view(1);
        auto it = std::find_if(f.tiers.begin(), f.tiers.end(), [&](const tier& x) { return x.id.str() == t; });
        if (it == f.tiers.end())
          throw parse_error(fmt::format("a requirement names tier '{}', which has no record", t));
        it->requirements.push_back({r.id<foundation_id>(2), r.id<tier_id>(3)});
      }}}};

const record_query<project> projects{
    "SELECT id, name, founded, extra FROM projects ORDER BY rowid",
    [](project& p, const row& r) {
      p.id = r.id<project_id>(0);
      p.name = r.str(1);
      p.founded = r.opt_day(2);
      p.extra = r.extra(3);
    },
    {{"SELECT project, org, foundation, date_from, date_to, extra FROM stewards ORDER BY project, position",
      [](project& p, const row& r) {
        steward s;
        if (!r.null(1)) s.who = r.id<org_id>(1);
        else s.who = r.id<foundation_id>(2);
        s.when = r.when(3);
        s.extra = r.extra(5);
        p.stewards.push_back(std::move(s));
      }},
     {"SELECT project, name, date_from, date_to, extra FROM stages ORDER BY project, position",
      [](project& p, const row& r) { p.stages.push_back({r.str(1), r.when(2), r.extra(4)}); }}}};

const record_query<body> bodies{
    "SELECT id, name, kind, foundation, project, max_per_family, max_fraction_per_family, term_years, "
    "max_consecutive_terms, min_size, max_size, quorum, extra FROM bodies ORDER BY rowid",
    [](body& b, const row& r) {
      b.id = r.id<body_id>(0);
      b.name = r.str(1);
      b.kind = r.str(2);
      if (!r.null(3)) b.owner = r.id<foundation_id>(3);
      else b.owner = r.id<project_id>(4);
      b.rules.max_per_family = r.opt_int(5);
      b.rules.max_fraction_per_family = r.opt_double(6);
      b.rules.term_years = r.opt_int(7);
      b.rules.max_consecutive_terms = r.opt_int(8);
      b.rules.min_size = r.opt_int(9);
      b.rules.max_size = r.opt_int(10);
      b.rules.quorum = r.opt_double(11);
      b.extra = r.extra(12);
    },
    {{"SELECT body, id, mode, tier, per, min, max, round, count, role, voting, extra FROM seat_classes "
      "ORDER BY body, position",
      [](body& b, const row& r) {
        seat_class c;
        c.id = r.id<seat_class_id>(1);
        auto mode = parse_seat_mode(r.view(2));
        auto round = parse_rounding(r.view(7));
        if (!mode || !round)
          throw parse_error(fmt::format("seat class '{}' has an unknown mode or rounding", c.id.str()));
        c.mode = *mode;
        c.tier = r.opt_id<tier_id>(3);
        c.per = r.integer(4);
        c.min = r.opt_int(5);
        c.max = r.opt_int(6);
        c.round = *round;
        c.count = r.integer(8);
        c.role = r.str(9);
        c.voting = r.opt_bool(10);
        c.extra = r.extra(11);
        b.seat_classes.push_back(std::move(c));
      }},
     {"SELECT body, other FROM body_exclusions ORDER BY body, position",
      [](body& b, const row& r) { b.rules.exclusive_with.push_back(r.id<body_id>(1)); }}}};

const record_query<membership> memberships{
    "SELECT org, foundation, tier, date_from, date_to, founding, extra FROM memberships ORDER BY rowid",
    [](membership& m, const row& r) {
      m = {r.id<org_id>(0), r.id<foundation_id>(1), r.id<tier_id>(2), r.when(3), r.integer(5) != 0, r.extra(6)};
    }};

const record_query<seat> seats{
    "SELECT body, class, person, represents, office, voting, date_from, date_to, extra FROM seats ORDER BY rowid",
    [](seat& s, const row& r) {
      s.body = r.id<body_id>(0);
      s.seat_class = r.id<seat_class_id>(1);
      s.person = r.id<person_id>(2);
      s.represents = r.opt_id<org_id>(3);
      if (!r.null(4)) {
        auto o = parse_office(r.view(4));
        if (!o) throw parse_error("a seat has an unknown office");
        s.office = *o;
      }
      s.voting = r.opt_bool(5);
      s.when = r.when(6);
      s.extra = r.extra(8);
    }};

const record_query<role> roles{
    "SELECT person, title, foundation, project, body, date_from, date_to, extra FROM roles ORDER BY rowid",
    [](role& x, const row& r) {
      x.person = r.id<person_id>(0);
      x.title = r.str(1);
      if (!r.null(2)) x.scope = r.id<foundation_id>(2);
      else if (!r.null(3)) x.scope = r.id<project_id>(3);
      else x.scope = r.id<body_id>(4);
      x.when = r.when(5);
      x.extra = r.extra(7);
    }};

}  // namespace queries

}  // namespace

// ------------------------------------------------------------------------ impl

struct sqlite_store::impl {
  std::filesystem::path file;
  options opts;
  std::unique_ptr<SQLite::Database> db;
  std::unordered_map<const char*, std::unique_ptr<prepared>> statements;
  // The newest audit entry this store has seen (loaded or written): a save
  // against an older state is a conflict.
  std::int64_t seen = 0;
  std::int64_t last_changes = 0;
  // The write transaction that a write_lock holds open (lock()), which the
  // next save or replace_all commits. `generation` tells a lock whether the
  // transaction it opened is still the one held.
  std::optional<SQLite::Transaction> held;
  std::uint64_t generation = 0;

  struct holder final : store::write_lock {
    impl& owner;
    std::uint64_t opened;
    holder(impl& o, std::uint64_t g) : owner(o), opened(g) {}
    holder(const holder&) = delete;
    holder& operator=(const holder&) = delete;
    ~holder() override {
      if (owner.generation == opened) owner.held.reset();  // rolls back
    }
  };

  std::string name() const { return file.string(); }

  [[noreturn]] void fail(const SQLite::Exception& e) const {
    const int code = e.getErrorCode() & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
      throw storage_error(fmt::format(
          "database busy: {}: another writer holds it ({})", name(), e.what()));
    if (code == SQLITE_NOTADB)
      throw storage_error(fmt::format(
          "not a charter database: {} (not an SQLite database)", name()));
    if (code == SQLITE_READONLY)
      throw storage_error(fmt::format("{}: read-only: {}", name(), e.what()));
    throw storage_error(fmt::format("{}: {}", name(), e.what()));
  }

  sqlite3_stmt* statement(const char* query) {
    auto& s = statements[query];
    if (!s) s = std::make_unique<prepared>(db->getHandle(), query);
    return s->get();
  }

  std::int64_t total_changes() const {
    return sqlite3_total_changes64(db->getHandle());
  }

  std::int64_t pragma_int(const char* name) const {
    SQLite::Statement q(*db, fmt::format("PRAGMA {}", name));
    return q.executeStep() ? q.getColumn(0).getInt64() : 0;
  }

  // ---- opening

  std::int64_t table_count() const {
    SQLite::Statement q(*db, "SELECT count(*) FROM sqlite_master");
    q.executeStep();
    return q.getColumn(0).getInt64();
  }

  [[noreturn]] void foreign() const {
    throw storage_error(fmt::format("not a charter database: {}", name()));
  }

  void open() {
    std::error_code ec;
    const bool exists = std::filesystem::exists(file, ec);
    if (ec) throw storage_error(fmt::format("{}: {}", name(), ec.message()));
    if (!exists && (!opts.create || opts.read_only))
      throw storage_error(fmt::format("no charter database at {}", name()));
    // No mutex inside SQLite: a store is used by one thread at a time
    // (docs/storage.md), and a load would take it once per value read.
    const int flags =
        SQLite::OPEN_NOMUTEX |
        (opts.read_only
             ? SQLite::OPEN_READONLY
             : SQLite::OPEN_READWRITE | (opts.create ? SQLite::OPEN_CREATE : 0));
    try {
      db = std::make_unique<SQLite::Database>(
          file, flags, static_cast<int>(opts.busy_timeout.count()));
      // Nothing is written before the file is known to be a charter
      // database of a version this code reads.
      while (!check_schema()) {
      }
      if (!opts.read_only) {
        SQLite::Statement wal(*db, "PRAGMA journal_mode = WAL");
        wal.executeStep();
        // In WAL mode NORMAL loses no committed transaction when a process
        // dies; only a power failure may lose the last ones, never corrupt.
        db->exec("PRAGMA synchronous = NORMAL");
      }
      db->exec("PRAGMA foreign_keys = ON");
      SQLite::Statement q(*db, sql::last_audit);
      q.executeStep();
      seen = q.getColumn(0).getInt64();
    } catch (const SQLite::Exception& e) {
      db.reset();
      fail(e);
    } catch (...) {
      db.reset();
      throw;
    }
  }

  // Reads the header and the catalogue: returns true when the schema is
  // current, creates or migrates it (and returns false, to look again)
  // when it is empty or old, throws when the file is not ours.
  bool check_schema() {
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

  void create_schema() {
    SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
    // Another process may have created it between our look and our lock.
    if (table_count() != 0) return;
    db->exec(record_tables_sql);
    db->exec(audit_tables_sql);
    db->exec(indexes_sql);
    prepared meta(db->getHandle(),
                  "INSERT INTO meta (key, value) VALUES (?1, ?2)");
    run(meta, "application", "charter");
    run(meta, "created", detail::utc_now());
    db->exec(fmt::format("PRAGMA application_id = {}", application_id));
    db->exec(fmt::format("PRAGMA user_version = {}", schema_version));
    tx.commit();
  }

  // Schema 0 (the first prototype) kept the audit log as one row per entry
  // with a Unix time and the ids as one space-separated column, and had no
  // indexes beyond the keys. Schema 1 stores ISO 8601 times and one row per
  // id, adds the indexes and marks the header with an application id.
  void migrate() {
    SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
    if (pragma_int("user_version") != 0)
      return;  // someone else migrated it meanwhile
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
    prepared insert(
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
    tx.commit();
  }

  // ---- loading

  // How many records of each kind the database holds.
  record_counts counts() const {
    sqlite3* h = db->getHandle();
    auto count = [h](const char* query) {
      std::size_t n = 0;
      each_row(h, query, [&](const row& r) { n = static_cast<std::size_t>(r.int64(0)); });
      return n;
    };
    return {count("SELECT count(*) FROM organizations"), count("SELECT count(*) FROM people"),
            count("SELECT count(*) FROM foundations"),   count("SELECT count(*) FROM projects"),
            count("SELECT count(*) FROM bodies"),        count("SELECT count(*) FROM memberships"),
            count("SELECT count(*) FROM seats"),         count("SELECT count(*) FROM roles")};
  }

  registry load() {
    // A read transaction (or the write transaction held): every SELECT
    // below sees the same state.
    std::optional<SQLite::Transaction> tx;
    if (!held) tx.emplace(*db, SQLite::TransactionBehavior::DEFERRED);
    sqlite3* h = db->getHandle();
    std::int64_t version = 0;
    each_row(h, sql::last_audit, [&](const row& r) { version = r.int64(0); });

    // The records are read straight into the registry, a piece at a time,
    // into tables sized from the row counts: no kind's records are ever all
    // held outside it, and no table grows by steps.
    registry reg;
    reg.reserve(counts());
    record_stream<organization, person, foundation, project, body, membership, seat, role> records(
        h, queries::organizations, queries::people, queries::foundations, queries::projects, queries::bodies,
        queries::memberships, queries::seats, queries::roles);
    try {
      reg.apply([&records](batch& piece) { return records(piece); });
    } catch (const validation_error& e) {
      throw storage_error(fmt::format(
          "{} holds records that do not fit together: {}", name(), e.what()));
    }
    if (tx) tx->commit();
    seen = version;
    return reg;
  }

  // ---- writing
  //
  // `fresh`: the tables hold no row of this record (replace_all emptied
  // them), so its rows go in with plain INSERTs and no child row is
  // deleted first.

  void write(const organization& o, bool fresh = false) {
    run(statement(fresh ? sql::insert_org : sql::upsert_org), o.id, o.name,
        to_string(o.kind), o.parent, o.extra);
    if (!fresh) run(statement(sql::delete_aliases), o.id);
    for (std::size_t i = 0; i < o.aliases.size(); ++i)
      run(statement(sql::insert_alias), o.id, i, o.aliases[i]);
    if (!fresh) run(statement(sql::delete_domains), o.id);
    for (std::size_t i = 0; i < o.domains.size(); ++i)
      run(statement(sql::insert_domain), o.id, i, o.domains[i]);
  }

  void write(const person& p, bool fresh = false) {
    run(statement(fresh ? sql::insert_person : sql::upsert_person), p.id,
        p.name, p.extra);
    if (!fresh) run(statement(sql::delete_emails), p.id);
    for (std::size_t i = 0; i < p.emails.size(); ++i)
      run(statement(sql::insert_email), p.id, i, p.emails[i]);
    if (!fresh) run(statement(sql::delete_handles), p.id);
    for (const auto& [service, handle] : p.handles)
      run(statement(sql::insert_handle), p.id, service, handle);
    if (!fresh) run(statement(sql::delete_affiliations), p.id);
    for (std::size_t i = 0; i < p.affiliations.size(); ++i) {
      const auto& a = p.affiliations[i];
      run(statement(sql::insert_affiliation), p.id, i, a.org, a.when.from,
          a.when.to, a.title, a.extra);
    }
  }

  void write(const foundation& f, bool fresh = false) {
    run(statement(fresh ? sql::insert_foundation : sql::upsert_foundation),
        f.id, f.name, f.parent, f.founded, f.extra);
    if (!fresh) {
      run(statement(sql::delete_requirements), f.id);
      run(statement(sql::delete_tiers), f.id);
    }
    for (std::size_t i = 0; i < f.tiers.size(); ++i) {
      const auto& t = f.tiers[i];
      std::optional<std::int64_t> cents;
      std::optional<std::string_view> currency;
      if (t.annual_fee) {
        cents = t.annual_fee->cents;
        currency = t.annual_fee->currency;
      }
      run(statement(sql::insert_tier), f.id, t.id, i, t.name, t.rank, cents,
          currency, t.extra);
    }
    for (const auto& t : f.tiers)
      for (std::size_t j = 0; j < t.requirements.size(); ++j)
        run(statement(sql::insert_requirement), f.id, t.id, j,
            t.requirements[j].foundation, t.requirements[j].min_tier);
  }

  void write(const project& p, bool fresh = false) {
    run(statement(fresh ? sql::insert_project : sql::upsert_project), p.id,
        p.name, p.founded, p.extra);
    if (!fresh) run(statement(sql::delete_stewards), p.id);
    for (std::size_t i = 0; i < p.stewards.size(); ++i) {
      const auto& s = p.stewards[i];
      const auto* org = std::get_if<org_id>(&s.who);
      const auto* f = std::get_if<foundation_id>(&s.who);
      run(statement(sql::insert_steward), p.id, i, id_or_null(org),
          id_or_null(f), s.when.from, s.when.to, s.extra);
    }
    if (!fresh) run(statement(sql::delete_stages), p.id);
    for (std::size_t i = 0; i < p.stages.size(); ++i) {
      const auto& s = p.stages[i];
      run(statement(sql::insert_stage), p.id, i, s.name, s.when.from, s.when.to,
          s.extra);
    }
  }

  void write(const body& b, bool fresh = false) {
    const auto* f = std::get_if<foundation_id>(&b.owner);
    const auto* p = std::get_if<project_id>(&b.owner);
    const auto& r = b.rules;
    run(statement(fresh ? sql::insert_body : sql::upsert_body), b.id, b.name,
        b.kind, id_or_null(f), id_or_null(p), r.max_per_family,
        r.max_fraction_per_family, r.term_years, r.max_consecutive_terms,
        r.min_size, r.max_size, r.quorum, b.extra);
    if (!fresh) run(statement(sql::delete_classes), b.id);
    for (std::size_t i = 0; i < b.seat_classes.size(); ++i) {
      const auto& c = b.seat_classes[i];
      run(statement(sql::insert_class), b.id, c.id, i, to_string(c.mode),
          c.tier, c.per, c.min, c.max, to_string(c.round), c.count, c.role,
          c.voting, c.extra);
    }
    if (!fresh) run(statement(sql::delete_exclusions), b.id);
    for (std::size_t i = 0; i < r.exclusive_with.size(); ++i)
      run(statement(sql::insert_exclusion), b.id, i, r.exclusive_with[i]);
  }

  void write(const membership& m, bool fresh = false) {
    run(statement(fresh ? sql::insert_membership : sql::upsert_membership),
        m.org, m.foundation, m.tier, m.when.from, m.when.to, m.founding,
        m.extra);
  }

  void write(const seat& s, bool fresh = false) {
    std::optional<std::string_view> office;
    if (s.office) office = to_string(*s.office);
    run(statement(fresh ? sql::insert_seat : sql::upsert_seat), s.body,
        s.seat_class, s.person, s.when.from, s.when.to, s.represents, office,
        s.voting, s.extra);
  }

  void write(const role& r, bool fresh = false) {
    const auto* f = std::get_if<foundation_id>(&r.scope);
    const auto* p = std::get_if<project_id>(&r.scope);
    const auto* b = std::get_if<body_id>(&r.scope);
    run(statement(fresh ? sql::insert_role : sql::upsert_role), r.person,
        r.title, id_or_null(f), id_or_null(p), id_or_null(b), r.when.from,
        r.when.to, r.extra);
  }

  std::int64_t write_audit(const audit_info& who, std::string_view summary,
                           const std::vector<std::string>& ids) {
    std::optional<std::string> reason;
    if (!who.reason.empty()) reason = who.reason;
    run(statement(sql::insert_audit), detail::utc_now(), detail::actor_of(who),
        summary, reason);
    const auto entry = db->getLastInsertRowid();
    for (const auto& id : ids) run(statement(sql::insert_audit_id), entry, id);
    return entry;
  }

  void writable() const {
    if (opts.read_only)
      throw storage_error(fmt::format("{} was opened read-only", name()));
  }

  // Runs `f` in the write transaction held by a lock, committing it (which
  // releases the lock), or else in a transaction of its own. IMMEDIATE
  // takes the write lock first, so two writers queue (up to the busy
  // timeout) instead of one failing when it upgrades a read lock.
  template <class F>
  void write_transaction(F&& f) {
    writable();
    const auto before = total_changes();
    if (held) {
      try {
        f();
        held->commit();
      } catch (...) {
        held.reset();
        throw;
      }
      held.reset();
    } else {
      SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
      f();
      tx.commit();
    }
    last_changes = total_changes() - before;
  }

  std::int64_t newest_entry() {
    auto* q = statement(sql::last_audit);
    sqlite3_reset(q);
    const int rc = sqlite3_step(q);
    if (rc != SQLITE_ROW) step_failed(q, rc);
    const auto current = sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    return current;
  }

  void save(const registry& reg, const std::vector<record_key>& written,
            const audit_info& who, std::string_view summary) {
    std::int64_t entry = 0;
    write_transaction([&] {
      if (const auto current = newest_entry(); current != seen)
        throw conflict_error(
            fmt::format("{} was changed by another writer (audit entry {}, "
                        "this one has seen {}); reload and try again",
                        name(), current, seen));
      for (const auto& key : written) {
        std::visit(
            [&](const auto& k) {
              const auto* r = reg.find(k);
              if (!r)
                throw storage_error(
                    fmt::format("{}: {} is not in the registry saved", name(),
                                to_string(key)));
              write(*r);
            },
            key);
      }
      entry = write_audit(who, summary, detail::touched_ids(reg, written));
    });
    seen = entry;
  }

  // Every record of `reg`, into tables that hold none.
  void insert_records(const registry& reg) {
    for (const auto& r : reg.organizations()) write(r, true);
    for (const auto& r : reg.people()) write(r, true);
    for (const auto& r : reg.foundations()) write(r, true);
    for (const auto& r : reg.projects()) write(r, true);
    for (const auto& r : reg.bodies()) write(r, true);
    for (const auto& r : reg.memberships()) write(r, true);
    for (const auto& r : reg.seats()) write(r, true);
    for (const auto& r : reg.roles()) write(r, true);
  }

  // Sets the connection up for a bulk load of `records` records and back as
  // it was: foreign keys off (checked by hand before the commit instead) and
  // a page cache sized to the load. Pragmas that SQLite ignores inside a
  // transaction: set before it begins.
  struct bulk_mode {
    impl& owner;
    std::int64_t cache_size;
    bool unchecked = false;  // foreign keys are off
    bulk_mode(impl& o, std::size_t records)
        : owner(o), cache_size(o.pragma_int("cache_size")) {
      // KiB: one per 128 records, from SQLite's default 2 MiB to 16 MiB.
      // Measured importing 1.5M records (1M people): 16 MiB, 16.0 s and a
      // peak of 938 MiB; 256 MiB, 17.4 s and 1,183 MiB; 2 MiB, 17.5 s. At
      // 150,000 records 2 MiB rather than 16 saves a quarter of the peak.
      const auto kib = std::clamp<std::size_t>(records / 128, 2048, 16384);
      owner.db->exec(fmt::format("PRAGMA cache_size = -{}", kib));
      owner.db->exec("PRAGMA foreign_keys = OFF");
      unchecked = owner.pragma_int("foreign_keys") == 0;
    }
    bulk_mode(const bulk_mode&) = delete;
    bulk_mode& operator=(const bulk_mode&) = delete;
    ~bulk_mode() {
      // Cannot fail outside a transaction, which has ended by now.
      sqlite3_exec(owner.db->getHandle(), "PRAGMA foreign_keys = ON", nullptr,
                   nullptr, nullptr);
      const auto restore = fmt::format("PRAGMA cache_size = {}", cache_size);
      sqlite3_exec(owner.db->getHandle(), restore.c_str(), nullptr, nullptr,
                   nullptr);
    }
  };

  // What PRAGMA foreign_keys would have refused at the commit, as an error.
  void check_foreign_keys() {
    SQLite::Statement q(*db, sql::foreign_key_check);
    for (const char* table : record_table_names) {
      q.tryReset();
      q.bind(1, table);
      if (q.executeStep())
        throw storage_error(fmt::format(
            "{}: foreign key: a row of {} (rowid {}) names a missing row of {}",
            name(), text(q.getColumn(0)),
            q.getColumn(1).isNull() ? std::string("?") : text(q.getColumn(1)),
            text(q.getColumn(2))));
    }
  }

  void replace_all(const registry& reg, const audit_info& who,
                   std::string_view summary) {
    writable();
    std::int64_t entry = 0;
    std::optional<bulk_mode> bulk;
    // A lock's transaction is already open: there the foreign keys stay on
    // and the indexes in place.
    if (!held)
      bulk.emplace(*this, reg.organizations().size() + reg.people().size() +
                              reg.foundations().size() + reg.projects().size() +
                              reg.bodies().size() + reg.memberships().size() +
                              reg.seats().size() + reg.roles().size());
    write_transaction([&] {
      for (const char* table : record_table_names)
        db->exec(fmt::format("DELETE FROM {}", table));
      // Loading into tables without their secondary indexes and building
      // each index once afterwards is much cheaper than keeping them up to
      // date row by row. With foreign keys on, a row naming a record not
      // written yet would make SQLite search the referring tables on every
      // later insert, without these indexes: so only when they are off.
      std::vector<std::pair<std::string, std::string>> indexes;
      if (bulk && bulk->unchecked) {
        {
          SQLite::Statement q(*db, sql::record_indexes);
          while (q.executeStep())
            indexes.emplace_back(text(q.getColumn(0)), text(q.getColumn(1)));
        }
        for (const auto& [index, create] : indexes)
          db->exec(fmt::format("DROP INDEX \"{}\"", index));
      }
      insert_records(reg);
      for (const auto& [index, create] : indexes) db->exec(create);
      if (bulk && bulk->unchecked) check_foreign_keys();
      entry = write_audit(who, summary, detail::all_ids(reg));
    });
    seen = entry;
  }

  std::unique_ptr<store::write_lock> lock() {
    writable();
    if (held) throw storage_error(fmt::format("{} is already locked", name()));
    held.emplace(*db, SQLite::TransactionBehavior::IMMEDIATE);
    return std::make_unique<holder>(*this, ++generation);
  }

  bool stale() { return newest_entry() != seen; }

  std::vector<audit_entry> log(const log_filter& filter) const {
    std::optional<SQLite::Transaction> tx;
    if (!held) tx.emplace(*db, SQLite::TransactionBehavior::DEFERRED);
    SQLite::Statement q(
        *db,
        "SELECT id, time, actor, summary, ifnull(reason, '') FROM audit_log "
        "WHERE (?1 IS NULL OR time >= ?1) "
        "AND (?2 IS NULL OR id IN (SELECT entry FROM audit_ids WHERE id = ?2)) "
        "ORDER BY id DESC LIMIT ?3");
    if (filter.since) q.bind(1, *filter.since);
    if (filter.id) q.bind(2, *filter.id);
    q.bind(3, filter.limit == 0 ? std::int64_t{-1}
                                : static_cast<std::int64_t>(filter.limit));
    std::vector<audit_entry> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(),
                     text(q.getColumn(1)),
                     text(q.getColumn(2)),
                     text(q.getColumn(3)),
                     text(q.getColumn(4)),
                     {}});
    std::reverse(out.begin(), out.end());
    SQLite::Statement ids(
        *db, "SELECT id FROM audit_ids WHERE entry = ?1 ORDER BY id");
    for (auto& e : out) {
      ids.tryReset();
      ids.bind(1, e.id);
      while (ids.executeStep()) e.ids.push_back(text(ids.getColumn(0)));
    }
    if (tx) tx->commit();
    return out;
  }

  std::string integrity_check() const {
    std::string problems;
    SQLite::Statement q(*db, "PRAGMA integrity_check");
    while (q.executeStep()) {
      auto line = text(q.getColumn(0));
      if (line == "ok") continue;
      if (!problems.empty()) problems += '\n';
      problems += line;
    }
    SQLite::Statement fk(*db, "PRAGMA foreign_key_check");
    while (fk.executeStep()) {
      if (!problems.empty()) problems += '\n';
      problems += fmt::format(
          "foreign key: a row of {} (rowid {}) names a missing row of {}",
          text(fk.getColumn(0)),
          fk.getColumn(1).isNull() ? std::string("?") : text(fk.getColumn(1)),
          text(fk.getColumn(2)));
    }
    return problems.empty() ? "ok" : problems;
  }
};

// ---------------------------------------------------------------- sqlite_store

sqlite_store::sqlite_store(const std::filesystem::path& file)
    : sqlite_store(file, options{}) {}

sqlite_store::sqlite_store(const std::filesystem::path& file, options opts)
    : impl_(std::make_unique<impl>()) {
  impl_->file = file;
  impl_->opts = opts;
  impl_->open();
}

sqlite_store::sqlite_store(sqlite_store&&) noexcept = default;
sqlite_store& sqlite_store::operator=(sqlite_store&&) noexcept = default;
sqlite_store::~sqlite_store() = default;

namespace {
// Runs `f`, translating what SQLite, Boost.JSON and the date parser throw
// into storage_error naming the file.
template <class Impl, class F>
auto guarded(const Impl& i, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    i.fail(e);
  } catch (const parse_error& e) {
    throw storage_error(
        fmt::format("{}: unreadable record: {}", i.name(), e.what()));
  } catch (const boost::system::system_error& e) {
    // What Boost.JSON throws for an 'extra' column that is not JSON.
    throw storage_error(
        fmt::format("{}: unreadable record: {}", i.name(), e.what()));
  }
}
}  // namespace

registry sqlite_store::load() {
  return guarded(*impl_, [&] { return impl_->load(); });
}

void sqlite_store::save(const registry& reg,
                        const std::vector<record_key>& written,
                        const audit_info& who, std::string_view summary) {
  guarded(*impl_, [&] { impl_->save(reg, written, who, summary); });
}

void sqlite_store::replace_all(const registry& reg, const audit_info& who,
                               std::string_view summary) {
  guarded(*impl_, [&] { impl_->replace_all(reg, who, summary); });
}

std::vector<audit_entry> sqlite_store::log(const log_filter& filter) const {
  return guarded(*impl_, [&] { return impl_->log(filter); });
}

std::unique_ptr<store::write_lock> sqlite_store::lock() {
  return guarded(*impl_, [&] { return impl_->lock(); });
}

bool sqlite_store::stale() const {
  return guarded(*impl_, [&] { return impl_->stale(); });
}

const std::filesystem::path& sqlite_store::path() const noexcept {
  return impl_->file;
}

std::string sqlite_store::integrity_check() const {
  return guarded(*impl_, [&] { return impl_->integrity_check(); });
}

std::int64_t sqlite_store::last_commit_changes() const noexcept {
  return impl_->last_changes;
}

}  // namespace charter
