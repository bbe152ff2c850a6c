#ifndef CHARTER_SRC_STORE_SQLITE_IMPL_HPP
#define CHARTER_SRC_STORE_SQLITE_IMPL_HPP

// Internal: sqlite_store::impl, the connection and what the store knows of
// it. Its member functions are defined by subject: opening, locking and the
// integrity check in sqlite_store.cpp, the schema in schema.cpp, load() in
// read.cpp, save() and replace_all() in write.cpp, the audit log in
// audit_log.cpp.

#include <charter/store.hpp>

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sqlite/statements.hpp"

namespace charter {

namespace detail {

// A column of an SQLiteCpp statement, as text.
inline std::string column_text(const SQLite::Column& c) {
  return c.getString();
}

}  // namespace detail

struct sqlite_store::impl {
  std::filesystem::path file;
  options opts;
  std::unique_ptr<SQLite::Database> db;
  std::unordered_map<const char*, std::unique_ptr<detail::prepared_statement>>
      statements;
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

  // What SQLite threw, as the storage_error naming the file.
  [[noreturn]] void fail(const SQLite::Exception& e) const;

  sqlite3_stmt* statement(const char* query) {
    auto& s = statements[query];
    if (!s)
      s = std::make_unique<detail::prepared_statement>(db->getHandle(), query);
    return s->get();
  }

  std::int64_t total_changes() const {
    return sqlite3_total_changes64(db->getHandle());
  }

  std::int64_t pragma_int(const char* name) const;

  // ---- opening (open() in sqlite_store.cpp, the rest in schema.cpp)

  void open();
  std::int64_t table_count() const;
  bool has_table(const char* table) const;
  [[noreturn]] void foreign() const;
  bool check_schema();
  void create_schema();
  void migrate();
  void migrate_from_0();

  // ---- loading (read.cpp)

  record_counts counts() const;
  registry load();

  // ---- writing (write.cpp)
  //
  // `fresh`: the tables hold no row of the record (replace_all).

  void write(const organization& o, bool fresh = false);
  void write(const person& p, bool fresh = false);
  void write(const foundation& f, bool fresh = false);
  void write(const project& p, bool fresh = false);
  void write(const body& b, bool fresh = false);
  void write(const membership& m, bool fresh = false);
  void write(const seat& s, bool fresh = false);
  void write(const role& r, bool fresh = false);
  void write_governance(const body& b, bool fresh);
  void write(const meeting& m, bool fresh = false);
  void write(const invoice& i, bool fresh = false);
  void write(const submitted_report& r, bool fresh = false);
  void write(const election& e, bool fresh = false);
  void writable() const;
  template <class F>
  void write_transaction(F&& f);
  void erase(const record_key& key);
  std::int64_t save(const registry& reg, const change_set& changes,
                    const audit_info& who, std::string_view summary);
  void insert_records(const registry& reg);
  struct bulk_mode;
  void check_foreign_keys();
  std::int64_t replace_all(const registry& reg, const audit_info& who,
                           std::string_view summary, const registry* previous);

  // ---- the audit log (audit_log.cpp)

  std::int64_t write_audit(const audit_info& who, std::string_view summary,
                           const std::vector<std::string>& ids);
  void write_changes(std::int64_t entry,
                     const std::vector<audit_change>& changes);
  std::int64_t newest_entry();
  std::vector<audit_entry> log(const log_filter& filter) const;
  std::vector<audit_change> changes(std::int64_t entry) const;
  void backup(const std::filesystem::path& to) const;

  // ---- locking, checking (sqlite_store.cpp)

  std::unique_ptr<store::write_lock> lock();
  bool stale();
  std::string integrity_check() const;
};

}  // namespace charter

#endif
