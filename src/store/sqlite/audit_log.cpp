// The audit log of an SQLite store: appending an entry, the newest entry
// (which tells a store that another writer changed the file), and reading
// entries back (log()).

#include <charter/date.hpp>
#include <charter/json.hpp>
#include <charter/store.hpp>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/audit.hpp"
#include "store/sqlite/impl.hpp"
#include "store/sqlite/statements.hpp"

namespace charter {

using detail::column_text;
using detail::run;
using detail::step_failed;
namespace sql = detail::sql;

std::int64_t sqlite_store::impl::write_audit(
    const audit_info& who, std::string_view summary,
    const std::vector<std::string>& ids) {
  std::optional<std::string> reason;
  if (!who.reason.empty()) reason = who.reason;
  run(statement(sql::insert_audit), to_string(detail::utc_now()),
      detail::actor_of(who), summary, reason);
  const auto entry = db->getLastInsertRowid();
  for (const auto& id : ids) run(statement(sql::insert_audit_id), entry, id);
  return entry;
}

void sqlite_store::impl::write_changes(
    std::int64_t entry, const std::vector<audit_change>& changes) {
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& c = changes[i];
    run(statement(sql::insert_audit_change), entry, i, to_string(c.what),
        c.record ? to_json(*c.record) : c.document);
  }
}

std::vector<audit_change> sqlite_store::impl::changes(
    std::int64_t entry) const {
  std::optional<SQLite::Transaction> tx;
  if (!held) tx.emplace(*db, SQLite::TransactionBehavior::DEFERRED);
  SQLite::Statement q(*db,
                      "SELECT action, record FROM audit_changes WHERE entry = "
                      "?1 ORDER BY position");
  q.bind(1, entry);
  std::vector<audit_change> out;
  while (q.executeStep()) {
    const auto action = column_text(q.getColumn(0));
    auto text = column_text(q.getColumn(1));
    audit_change c;
    if (action == "replaced") {
      c.what = audit_change::action::replaced;
      c.document = std::move(text);
    } else {
      c.what = action == "added"     ? audit_change::action::added
               : action == "removed" ? audit_change::action::removed
                                     : audit_change::action::changed;
      try {
        c.record = record_from_json(text);
      } catch (const validation_error& e) {
        throw storage_error(fmt::format(
            "{}: audit entry {} keeps a record that cannot be read: {}", name(),
            entry, e.what()));
      }
    }
    out.push_back(std::move(c));
  }
  if (tx) tx->commit();
  return out;
}

std::int64_t sqlite_store::impl::newest_entry() {
  auto* q = statement(sql::last_audit);
  sqlite3_reset(q);
  const int rc = sqlite3_step(q);
  if (rc != SQLITE_ROW) step_failed(q, rc);
  const auto current = sqlite3_column_int64(q, 0);
  sqlite3_reset(q);
  return current;
}

std::vector<audit_entry> sqlite_store::impl::log(
    const log_filter& filter) const {
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
  while (q.executeStep()) {
    const auto id = q.getColumn(0).getInt64();
    // The schema's CHECK admits the shape only (month 19, second 69).
    const auto text = column_text(q.getColumn(1));
    const auto time = try_parse_time(text);
    if (!time)
      throw storage_error(fmt::format(
          "{}: audit entry {} has the time '{}', which is not a time "
          "(expected YYYY-MM-DDTHH:MM:SSZ)",
          name(), id, text));
    out.push_back({id,
                   *time,
                   column_text(q.getColumn(2)),
                   column_text(q.getColumn(3)),
                   column_text(q.getColumn(4)),
                   {}});
  }
  std::reverse(out.begin(), out.end());
  SQLite::Statement ids(
      *db, "SELECT id FROM audit_ids WHERE entry = ?1 ORDER BY id");
  for (auto& e : out) {
    ids.tryReset();
    ids.bind(1, e.id);
    while (ids.executeStep()) e.ids.push_back(column_text(ids.getColumn(0)));
  }
  if (tx) tx->commit();
  return out;
}

}  // namespace charter
