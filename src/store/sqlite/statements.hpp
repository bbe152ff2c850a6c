#ifndef CHARTER_SRC_STORE_SQLITE_STATEMENTS_HPP
#define CHARTER_SRC_STORE_SQLITE_STATEMENTS_HPP

// Internal: statements run through SQLite's own calls: prepared once per
// connection (prepared_statement), their values bound in place
// (bind_value), run to completion (run); and the SQL of those that save()
// and replace_all() use, defined in statements.cpp.

#include <charter/model.hpp>

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace charter::detail {

// ---- statements used by save(), prepared once per connection
//
// Arrays rather than pointers: sqlite_store::impl::statement() finds a
// prepared statement by the address of its text, and an array has the same
// address in every file.

// NOLINTBEGIN(modernize-avoid-c-arrays)
namespace sql {
extern const char insert_org[], upsert_org[], delete_aliases[], insert_alias[],
    delete_domains[], insert_domain[];
extern const char insert_person[], upsert_person[], delete_emails[],
    insert_email[], delete_handles[], insert_handle[], delete_affiliations[],
    insert_affiliation[];
extern const char insert_foundation[], upsert_foundation[],
    delete_requirements[], delete_tiers[], insert_tier[], insert_requirement[];
extern const char insert_project[], upsert_project[], delete_stewards[],
    insert_steward[], delete_stages[], insert_stage[];
extern const char insert_body[], upsert_body[], delete_classes[],
    insert_class[], delete_exclusions[], insert_exclusion[];
extern const char insert_membership[], upsert_membership[], insert_seat[],
    upsert_seat[], insert_role[], upsert_role[];
extern const char insert_election[], upsert_election[], delete_candidates[],
    insert_candidate[];
extern const char delete_org[], delete_person[], delete_foundation[],
    delete_project[], delete_body[], delete_membership[], delete_seat[],
    delete_role[], delete_election[];
// Governance records (schema 3): the new fields of seats, bodies and
// foundations, set after the row's insert or upsert; meetings, invoices and
// submitted reports.
extern const char update_seat_governance[], update_body_governance[],
    update_foundation_dues[];
extern const char insert_meeting[], upsert_meeting[], delete_attendance[],
    insert_attendance[], delete_votes[], insert_vote[], delete_meeting[];
extern const char insert_invoice[], upsert_invoice[], delete_payments[],
    insert_payment[], delete_invoice[];
extern const char insert_report[], upsert_report[], delete_report[];
extern const char insert_audit[], insert_audit_id[], insert_audit_change[];
// The newest audit entry's id, 0 when there is none.
extern const char last_audit[];
// The secondary indexes of the record tables (name, sql).
extern const char record_indexes[];
// The foreign-key violations of one table (?1).
extern const char foreign_key_check[];
}  // namespace sql
// NOLINTEND(modernize-avoid-c-arrays)

// ---- binding values
//
// Through SQLite's own calls rather than SQLiteCpp's, which copy every string:
// run() binds and steps within one call, so the registry's strings, the
// temporaries of its arguments and a date's text (in `bind_slot`, run()'s)
// outlive the step and are bound in place.

using bind_slot = char[10];

// Each returns SQLite's result code (SQLITE_OK, or SQLITE_TOOBIG, SQLITE_NOMEM,
// SQLITE_RANGE...), which run() checks.

inline int bind_value(sqlite3_stmt* s, int i, std::nullopt_t, bind_slot&) {
  return sqlite3_bind_null(s, i);
}
inline int bind_value(sqlite3_stmt* s, int i, std::string_view v, bind_slot&) {
  // A length SQLite's int cannot hold is too big for any SQLite build.
  if (v.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    return SQLITE_TOOBIG;
  return sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()),
                           SQLITE_STATIC);
}
inline int bind_value(sqlite3_stmt* s, int i, const std::string& v,
                      bind_slot& t) {
  return bind_value(s, i, std::string_view(v), t);
}
inline int bind_value(sqlite3_stmt* s, int i, const char* v, bind_slot& t) {
  return bind_value(s, i, std::string_view(v), t);
}
inline int bind_value(sqlite3_stmt* s, int i, int v, bind_slot&) {
  return sqlite3_bind_int(s, i, v);
}
inline int bind_value(sqlite3_stmt* s, int i, std::int64_t v, bind_slot&) {
  return sqlite3_bind_int64(s, i, v);
}
inline int bind_value(sqlite3_stmt* s, int i, std::size_t v, bind_slot&) {
  if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return SQLITE_TOOBIG;
  return sqlite3_bind_int64(s, i, static_cast<std::int64_t>(v));
}
inline int bind_value(sqlite3_stmt* s, int i, double v, bind_slot&) {
  return sqlite3_bind_double(s, i, v);
}
inline int bind_value(sqlite3_stmt* s, int i, bool v, bind_slot&) {
  return sqlite3_bind_int(s, i, v ? 1 : 0);
}
inline int bind_value(sqlite3_stmt* s, int i, date v, bind_slot& text) {
  const int year = static_cast<int>(v.year());
  if (year < 0 || year > 9999) {  // (which no parsed date has)
    const auto full = to_string(v);
    return sqlite3_bind_text(s, i, full.data(), static_cast<int>(full.size()),
                             SQLITE_TRANSIENT);
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
  return sqlite3_bind_text(s, i, text, sizeof text, SQLITE_STATIC);
}
template <class Tag>
int bind_value(sqlite3_stmt* s, int i, const basic_id<Tag>& v, bind_slot& t) {
  return bind_value(s, i, std::string_view(v.str()), t);
}
// The one place an `extra` column is bound (row::extra in read.cpp reads
// one): its canonical text, in place like the registry's strings; NULL for
// the empty object.
inline int bind_value(sqlite3_stmt* s, int i, const extra_fields& v,
                      bind_slot& t) {
  if (v.empty()) return sqlite3_bind_null(s, i);
  return bind_value(s, i, v.json(), t);
}
template <class T>
int bind_value(sqlite3_stmt* s, int i, const std::optional<T>& v,
               bind_slot& t) {
  if (v) return bind_value(s, i, *v, t);
  return sqlite3_bind_null(s, i);
}

// A statement prepared once per connection and used through SQLite's own
// calls.
class prepared_statement {
 public:
  prepared_statement(sqlite3* db, const char* query,
                     unsigned flags = SQLITE_PREPARE_PERSISTENT) {
    const int rc = sqlite3_prepare_v3(db, query, -1, flags, &s_, nullptr);
    if (rc != SQLITE_OK) throw SQLite::Exception(db, rc);
  }
  prepared_statement(const prepared_statement&) = delete;
  prepared_statement& operator=(const prepared_statement&) = delete;
  ~prepared_statement() { sqlite3_finalize(s_); }
  sqlite3_stmt* get() const noexcept { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

// Throws the SQLite::Exception for `rc`, a failed step of `s`, after
// resetting `s` (statements.cpp).
[[noreturn]] void step_failed(sqlite3_stmt* s, int rc);

// Throws the SQLite::Exception for `rc`, a failed binding of parameter `i`
// of `s` (a value too long for SQLite, say), after clearing `s`'s
// bindings (statements.cpp): nothing is written with a value missing.
[[noreturn]] void bind_failed(sqlite3_stmt* s, int i, int rc);

// Binds every parameter of `s` (all of them: none keeps a pointer from an
// earlier call) and runs it to completion. A value that cannot be bound
// throws before the statement runs.
template <class... Args>
void run(sqlite3_stmt* s, const Args&... args) {
  sqlite3_reset(s);
  bind_slot slots[sizeof...(Args) + 1];
  int i = 0;
  const auto bind = [&](const auto& value) {
    ++i;
    if (const int rc = bind_value(s, i, value, slots[i - 1]); rc != SQLITE_OK)
      bind_failed(s, i, rc);
  };
  (bind(args), ...);
  assert(i == sqlite3_bind_parameter_count(s));
  const int rc = sqlite3_step(s);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) step_failed(s, rc);
  sqlite3_reset(s);
}
template <class... Args>
void run(const prepared_statement& p, const Args&... args) {
  run(p.get(), args...);
}

}  // namespace charter::detail

#endif
