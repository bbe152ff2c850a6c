// sqlite_store: its public member functions, which turn what SQLite throws
// into storage_error (guarded), and the connection: opening the file, the
// write lock, the integrity check.

#include <charter/store.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "store/sqlite/impl.hpp"
#include "store/sqlite/statements.hpp"

namespace charter {

using detail::column_text;
namespace sql = detail::sql;

// ------------------------------------------------------------------------ impl

[[noreturn]] void sqlite_store::impl::fail(const SQLite::Exception& e) const {
  const int code = e.getErrorCode() & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    throw busy_error(fmt::format(
        "database busy: {}: another writer holds it ({})", name(), e.what()));
  if (code == SQLITE_NOTADB)
    throw storage_error(fmt::format(
        "not a charter database: {} (not an SQLite database)", name()));
  if (code == SQLITE_READONLY)
    throw storage_error(fmt::format("{}: read-only: {}", name(), e.what()));
  throw storage_error(fmt::format("{}: {}", name(), e.what()));
}

std::int64_t sqlite_store::impl::pragma_int(const char* name) const {
  SQLite::Statement q(*db, fmt::format("PRAGMA {}", name));
  return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

void sqlite_store::impl::open() {
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
      // FULL syncs the WAL at every commit, so that none is lost.
      db->exec(opts.durable ? "PRAGMA synchronous = FULL"
                            : "PRAGMA synchronous = NORMAL");
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

std::unique_ptr<store::write_lock> sqlite_store::impl::lock() {
  writable();
  if (held) throw storage_error(fmt::format("{} is already locked", name()));
  held.emplace(*db, SQLite::TransactionBehavior::IMMEDIATE);
  return std::make_unique<holder>(*this, ++generation);
}

bool sqlite_store::impl::stale() { return newest_entry() != seen; }

std::string sqlite_store::impl::integrity_check() const {
  std::string problems;
  SQLite::Statement q(*db, "PRAGMA integrity_check");
  while (q.executeStep()) {
    auto line = column_text(q.getColumn(0));
    if (line == "ok") continue;
    if (!problems.empty()) problems += '\n';
    problems += line;
  }
  SQLite::Statement fk(*db, "PRAGMA foreign_key_check");
  while (fk.executeStep()) {
    if (!problems.empty()) problems += '\n';
    problems += fmt::format(
        "foreign key: a row of {} (rowid {}) names a missing row of {}",
        column_text(fk.getColumn(0)),
        fk.getColumn(1).isNull() ? std::string("?")
                                 : column_text(fk.getColumn(1)),
        column_text(fk.getColumn(2)));
  }
  return problems.empty() ? "ok" : problems;
}

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
// Runs `f`, translating what SQLite and the parsers of dates and `extra`
// columns throw into storage_error naming the file.
template <class Impl, class F>
auto guarded(const Impl& i, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    i.fail(e);
  } catch (const parse_error& e) {
    throw storage_error(
        fmt::format("{}: unreadable record: {}", i.name(), e.what()));
  }
}
}  // namespace

registry sqlite_store::load() {
  return guarded(opened(), [&] { return impl_->load(); });
}

std::int64_t sqlite_store::save(const registry& reg, const change_set& changes,
                                const audit_info& who,
                                std::string_view summary) {
  return guarded(opened(),
                 [&] { return impl_->save(reg, changes, who, summary); });
}

std::int64_t sqlite_store::replace_all(const registry& reg,
                                       const audit_info& who,
                                       std::string_view summary,
                                       const registry* previous) {
  return guarded(opened(), [&] {
    return impl_->replace_all(reg, who, summary, previous);
  });
}

std::vector<audit_change> sqlite_store::changes(std::int64_t id) const {
  return guarded(opened(), [&] { return impl_->changes(id); });
}

void sqlite_store::backup(const std::filesystem::path& file) const {
  guarded(opened(), [&] { impl_->backup(file); });
}

std::vector<audit_entry> sqlite_store::log(const log_filter& filter) const {
  return guarded(opened(), [&] { return impl_->log(filter); });
}

std::unique_ptr<store::write_lock> sqlite_store::lock() {
  return guarded(opened(), [&] { return impl_->lock(); });
}

bool sqlite_store::stale() const {
  return guarded(opened(), [&] { return impl_->stale(); });
}

const std::filesystem::path& sqlite_store::path() const noexcept {
  static const std::filesystem::path none;
  return impl_ ? impl_->file : none;
}

std::string sqlite_store::integrity_check() const {
  return guarded(opened(), [&] { return impl_->integrity_check(); });
}

std::string sqlite_store::synchronous() const {
  return guarded(opened(), [&] {
    switch (impl_->pragma_int("synchronous")) {
      case 0:
        return std::string("OFF");
      case 1:
        return std::string("NORMAL");
      case 2:
        return std::string("FULL");
      default:
        return std::string("EXTRA");
    }
  });
}

// One step of SQLite's online backup copies every page under one read
// transaction: a consistent copy, which in WAL mode no writer waits for.
// It goes to a file beside the target, which replaces the target once whole.
void sqlite_store::impl::backup(const std::filesystem::path& to) const {
  auto partial = to;
  partial += ".partial";
  const auto fail = [&](const std::string& why) {
    std::error_code ec;
    std::filesystem::remove(partial, ec);
    throw storage_error(
        fmt::format("cannot back {} up to {}: {}", name(), to.string(), why));
  };
  std::error_code ec;
  if (std::filesystem::equivalent(file, to, ec)) fail("it is the same file");
  std::filesystem::remove(partial, ec);
  sqlite3* copy = nullptr;
  int rc = sqlite3_open_v2(partial.c_str(), &copy,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = copy ? sqlite3_errmsg(copy) : sqlite3_errstr(rc);
    sqlite3_close(copy);
    fail(why);
  }
  sqlite3_backup* b =
      sqlite3_backup_init(copy, "main", db->getHandle(), "main");
  if (!b) {
    std::string why = sqlite3_errmsg(copy);
    sqlite3_close(copy);
    fail(why);
  }
  rc = sqlite3_backup_step(b, -1);
  const int finished = sqlite3_backup_finish(b);
  std::string why =
      rc == SQLITE_DONE && finished == SQLITE_OK
          ? std::string()
          : std::string(sqlite3_errstr(rc == SQLITE_DONE ? finished : rc));
  if (sqlite3_close(copy) != SQLITE_OK && why.empty()) why = "cannot close it";
  if (!why.empty()) fail(why);
  std::filesystem::rename(partial, to, ec);
  if (ec) fail(ec.message());
}

std::int64_t sqlite_store::last_commit_changes() const noexcept {
  return impl_ ? impl_->last_changes : 0;
}

sqlite_store::impl& sqlite_store::opened() const {
  if (!impl_)
    throw storage_error("the SQLite store was moved from: it is closed");
  return *impl_;
}

}  // namespace charter
