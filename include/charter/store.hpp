#ifndef CHARTER_STORE_HPP
#define CHARTER_STORE_HPP

// Where a registry lives between runs: an abstract store, its backends (in
// memory, SQLite, a JSON interchange document) and `database`, a registry
// kept in step with its store. docs/storage.md describes the SQLite schema.

#include <charter/batch.hpp>
#include <charter/date.hpp>
#include <charter/diff.hpp>
#include <charter/error.hpp>
#include <charter/registry.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace charter {

/// Who makes a change, and why, for the audit log.
struct audit_info {
  /// Empty: the operating-system user (`$USER`, else the password entry of
  /// the effective user id).
  std::string actor;
  /// Optional free text.
  std::string reason;
};

/// One committed change, as the audit log keeps it.
struct audit_entry {
  std::int64_t id = 0;  ///< increasing: a later entry has a larger id
  /// When the change was committed, in UTC to the second. Shown and stored
  /// as `to_string(time)` of <charter/date.hpp>: `2026-11-26T13:45:07Z`.
  std::chrono::sys_seconds time{};
  std::string actor;
  std::string summary;  ///< `join amd pytorch-foundation premier 2022-09-12`
  std::string reason;   ///< empty when none was given
  /// The ids the change touched, sorted: the ids of records written, and
  /// for memberships, seats and roles the organization, foundation,
  /// person, body... ids they name.
  std::vector<std::string> ids;

  friend bool operator==(const audit_entry&, const audit_entry&) = default;
};

/// One record an audit entry changed, as the log keeps it to undo the
/// change (`database::revert`).
struct audit_change {
  enum class action : std::uint8_t {
    added,    ///< `record` is the record added
    changed,  ///< `record` is the record as it was before
    removed,  ///< `record` is the record as it was before
    replaced  ///< the whole registry was replaced: `document` held it before
  };
  charter::audit_change::action what = action::added;
  std::optional<any_record> record;  ///< empty for `replaced`
  std::string document;  ///< `replaced`: the interchange document before
  friend bool operator==(const audit_change&, const audit_change&) = default;
};

/// `added`, `changed`, `removed`, `replaced`.
std::string_view to_string(audit_change::action a) noexcept;

/// The audit changes of `changes` as `reg` now holds them.
std::vector<audit_change> audit_changes(const registry& reg,
                                        const change_set& changes);

/// Which audit entries `store::log` returns.
struct log_filter {
  /// Entries at or after this time: an ISO 8601 UTC time as
  /// `to_string(audit_entry::time)` writes it, or any prefix of one
  /// (`2026-11-26`, `2026-11`). The text is compared, not parsed: an entry
  /// passes when its time's text is not less than `since`.
  std::optional<std::string> since;
  /// Entries that touched this id.
  std::optional<std::string> id;
  /// At most this many entries, the most recent ones; 0 for no limit.
  std::size_t limit = 0;
};

/// Where a registry is kept: loads it whole, persists changes to it.
///
/// Every write is one transaction: it reaches the store completely or not
/// at all, and records one audit entry. Most code uses `database`, which
/// keeps a registry and its store in step.
class store {
 public:
  virtual ~store() = default;

  /// Reads the whole registry.
  /// @throws storage_error when the store cannot be read.
  virtual registry load() = 0;

  /// Persists a transaction's changes as they are in `reg`, plus one audit
  /// entry that keeps `changes.before` (so that it can be reverted), in one
  /// transaction: the records of `changes.written` are added or replaced
  /// (upsert), those of `changes.removed` deleted; no other is touched.
  /// @returns the audit entry's id.
  /// @throws conflict_error when another writer changed the store since
  /// this one last loaded or wrote it; nothing is written.
  /// @throws storage_error on any other failure; nothing is written.
  virtual std::int64_t save(const registry& reg, const change_set& changes,
                            const audit_info& who,
                            std::string_view summary) = 0;

  /// Replaces everything the store holds with `reg` (an import), plus one
  /// audit entry, in one transaction. With `previous` (what the store held),
  /// the entry keeps it, so that the import can be reverted.
  /// @returns the audit entry's id.
  /// @throws storage_error; nothing is written then.
  virtual std::int64_t replace_all(const registry& reg, const audit_info& who,
                                   std::string_view summary,
                                   const registry* previous) = 0;
  std::int64_t replace_all(const registry& reg, const audit_info& who,
                           std::string_view summary) {
    return replace_all(reg, who, summary, nullptr);
  }

  /// The audit entries that pass `filter`, oldest first.
  virtual std::vector<audit_entry> log(const log_filter& filter = {}) const = 0;

  /// What the audit entry `id` changed, in order: empty for an entry that
  /// kept nothing (one written before charter kept changes, or by a
  /// `replace_all` without `previous`), which cannot be reverted.
  virtual std::vector<audit_change> changes(std::int64_t id) const = 0;

  /// The write lock of a store, held until this object is destroyed.
  class write_lock {
   public:
    virtual ~write_lock() = default;
  };

  /// Takes the store's write lock: until the lock is destroyed no other
  /// writer (process or connection) changes the store, and the next `save`
  /// or `replace_all` runs inside it (committing releases it). Destroying
  /// the lock without a write changes nothing. The lock must not outlive
  /// the store.
  ///
  /// `database::commit` takes it, reloads when `stale()`, then applies and
  /// saves, so that a batch is checked against what is really stored.
  /// @returns null for a store that has no lock (the default).
  /// @throws busy_error when the lock cannot be had within the busy timeout.
  virtual std::unique_ptr<write_lock> lock() { return nullptr; }

  /// True when another writer changed the store since this one last loaded
  /// or wrote it (a `save` now would throw `conflict_error`).
  virtual bool stale() const { return false; }
};

/// A store that keeps everything in memory, for tests and scratch work.
class memory_store final : public store {
 public:
  /// Starts empty, or holding `initial`.
  explicit memory_store(registry initial = {});

  registry load() override;
  std::int64_t save(const registry& reg, const change_set& changes,
                    const audit_info& who, std::string_view summary) override;
  using store::replace_all;
  std::int64_t replace_all(const registry& reg, const audit_info& who,
                           std::string_view summary,
                           const registry* previous) override;
  std::vector<audit_entry> log(const log_filter& filter = {}) const override;
  std::vector<audit_change> changes(std::int64_t id) const override;

 private:
  registry data_;
  std::vector<audit_entry> log_;
  std::vector<std::vector<audit_change>> changes_;  // by entry, as log_
};

/// A registry kept in an SQLite database file.
///
/// One table per kind of record, foreign keys and CHECK constraints
/// enforced, WAL journal, and an audit log of every committed change
/// (docs/storage.md). Several processes may use one file: writers take
/// turns, waiting up to the busy timeout.
///
/// Opening reads the file before it writes anything: a file that is not a
/// charter database, or one written by a newer charter, is refused and left
/// byte for byte as it was. A database of an older schema is migrated in
/// one transaction.
class sqlite_store final : public store {
 public:
  struct options {
    /// Create the file (and the schema in an empty database) when missing.
    bool create = true;
    /// How long a writer waits for another one before `busy_error`
    /// ("database busy").
    std::chrono::milliseconds busy_timeout{5000};
    /// Open for reading only: `save`, `replace_all` and `lock` throw, and
    /// an older schema is refused rather than migrated.
    bool read_only = false;
    /// Every commit on disk before it returns (`synchronous = FULL`: one
    /// more fsync per commit), so that a power cut loses none. By default
    /// (`NORMAL`) a process killed loses no commit either, but a power cut
    /// may lose the newest ones (docs/storage.md, Power loss).
    bool durable = false;
  };

  /// The schema version this charter writes (`PRAGMA user_version`).
  static constexpr int schema_version = 4;

  /// Opens (or creates) the database in `file`, migrating an older schema.
  /// @throws storage_error naming the file when it is missing (and `create`
  /// is false), is not a charter database, was written by a newer charter,
  /// is busy or cannot be read.
  explicit sqlite_store(const std::filesystem::path& file);
  sqlite_store(const std::filesystem::path& file, options opts);
  /// Takes over `other`'s connection. `other` is then closed: `path()` is
  /// empty, `last_commit_changes()` 0, and every other call throws
  /// `storage_error`, as on a moved-from file stream.
  sqlite_store(sqlite_store&& other) noexcept;
  sqlite_store& operator=(sqlite_store&& other) noexcept;
  ~sqlite_store() override;

  registry load() override;
  std::int64_t save(const registry& reg, const change_set& changes,
                    const audit_info& who, std::string_view summary) override;
  using store::replace_all;
  std::int64_t replace_all(const registry& reg, const audit_info& who,
                           std::string_view summary,
                           const registry* previous) override;
  std::vector<audit_entry> log(const log_filter& filter = {}) const override;
  std::vector<audit_change> changes(std::int64_t id) const override;
  /// Writes a consistent copy of the database to `file` with SQLite's
  /// online backup API, while other connections may be writing; `file` is
  /// replaced only once the copy is whole.
  /// @throws storage_error naming `file`; it is then as it was.
  void backup(const std::filesystem::path& file) const;
  /// `BEGIN IMMEDIATE`: waits up to the busy timeout for other writers.
  std::unique_ptr<write_lock> lock() override;
  bool stale() const override;

  /// The file this store opened.
  const std::filesystem::path& path() const noexcept;

  /// Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: "ok",
  /// or the problems found, one per line.
  std::string integrity_check() const;

  /// The connection's `PRAGMA synchronous`: "FULL" when opened `durable`,
  /// else "NORMAL" (or SQLite's default, "FULL", when opened read-only).
  std::string synchronous() const;

  /// How many rows the last successful `save` or `replace_all` inserted,
  /// updated or deleted, audit rows included.
  std::int64_t last_commit_changes() const noexcept;

 private:
  struct impl;
  impl& opened() const;  // @throws storage_error once moved from
  std::unique_ptr<impl> impl_;
};

/// A registry kept as one interchange document
/// (docs/registry-format.md).
///
/// Every write rewrites the whole file atomically (`save_json`). The
/// document has no place for an audit log, so `log` returns only the
/// entries of this session, and there is no protection against two
/// processes writing the file at once: use SQLite for shared data.
class json_store final : public store {
 public:
  /// A missing file is an empty registry; it is created by the first write.
  explicit json_store(std::filesystem::path file);

  /// @throws storage_error when the file cannot be read,
  /// validation_error when it is not a valid document.
  registry load() override;
  std::int64_t save(const registry& reg, const change_set& changes,
                    const audit_info& who, std::string_view summary) override;
  using store::replace_all;
  std::int64_t replace_all(const registry& reg, const audit_info& who,
                           std::string_view summary,
                           const registry* previous) override;
  std::vector<audit_entry> log(const log_filter& filter = {}) const override;
  std::vector<audit_change> changes(std::int64_t id) const override;

  const std::filesystem::path& path() const noexcept { return file_; }

 private:
  std::filesystem::path file_;
  std::vector<audit_entry> log_;
  std::vector<std::vector<audit_change>> changes_;  // by entry, as log_
};

/// True if `file` names an interchange document (a `.json` extension, in
/// any case) rather than an SQLite database.
bool is_json_file(const std::filesystem::path& file);

/// Opens the store for `file`: a `json_store` for a `.json` file, else a
/// `sqlite_store` (created when missing).
/// @throws storage_error as the store's constructor.
std::unique_ptr<store> open_store(const std::filesystem::path& file);

/// What `database::commit` (or `revert`) did.
struct commit_result {
  /// The audit entry written; 0 when the batch changed nothing (then
  /// nothing was written).
  std::int64_t audit_id = 0;
  charter::change_set changes;
};

/// A registry kept in step with its store: the usual way to use charter.
///
/// ```cpp
/// auto db = charter::database::open("registry.db");
/// charter::batch b;
/// b.join(charter::org_id{"amd"}, charter::foundation_id{"pytorch-foundation"},
///        charter::tier_id{"premier"}, charter::parse_date("2022-09-12"));
/// db.commit(b, {.actor = "ci", .reason = "founding members"});
/// ```
class database {
 public:
  /// Takes `s` and loads its registry.
  /// @throws storage_error when it cannot be read.
  explicit database(std::unique_ptr<charter::store> s);

  // A database is one registry kept with one store (and its lock): there
  // is no meaningful copy, and a moved-from database would have no store.
  database(const database&) = delete;
  database(database&&) = delete;
  database& operator=(const database&) = delete;
  database& operator=(database&&) = delete;
  ~database() = default;

  /// `database(open_store(file))`.
  static database open(const std::filesystem::path& file);

  /// The registry as committed. References into it stay valid until the
  /// next `commit`, `replace` or `reload`.
  const charter::registry& registry() const noexcept { return registry_; }

  /// Applies `changes` and persists them with one audit entry, both or
  /// neither. The summary is the batch's `describe()` lines joined by
  /// `"; "` (the first 100, then a count of the rest).
  ///
  /// Holds the store's write lock throughout; when another writer changed
  /// the store since the registry was loaded, reloads it first, so that the
  /// batch is checked against what is really stored.
  /// @returns the audit entry and what changed.
  /// @throws validation_error when the batch does not apply; nothing is
  /// written (the registry may have been reloaded, as above).
  /// @throws storage_error when it cannot be persisted (busy, read-only,
  /// I/O); the registry is as it was, nothing is written.
  commit_result commit(const batch& changes, const audit_info& who = {});
  /// As above, with the audit entry's summary given.
  commit_result commit(const batch& changes, const audit_info& who,
                       std::string_view summary);

  /// Replaces the whole registry (an import), in the store first; the
  /// audit entry keeps the registry replaced, so that `revert` can put it
  /// back.
  /// @returns the audit entry's id.
  /// @throws storage_error; nothing changes then.
  std::int64_t replace(charter::registry reg, const audit_info& who,
                       std::string_view summary);

  /// The batch that undoes the audit entry `id` (the inverse of each of its
  /// changes, latest first), as `revert` commits it.
  /// @throws not_found_error when there is no such entry.
  /// @throws validation_error when it cannot be undone: it kept nothing to
  /// undo it with, or later entries changed the records it changed (each
  /// named, with their ids).
  batch inverse(std::int64_t id) const;

  /// Undoes the audit entry `id` as a new audited change ("revert N"): the
  /// records it added are removed, those it changed or removed are put back
  /// as they were; an import (`replace`) puts the registry back as it was.
  /// @throws as `inverse`, and as `commit`.
  commit_result revert(std::int64_t id, const audit_info& who = {});

  /// What `commit(changes)`, `replace(reg)` and `revert(id)` would do,
  /// without doing it: nothing is written, and the registry is as it was.
  /// @throws as they do, when the change would be refused.
  charter::preview preview(const batch& changes, const locator& where = {});
  charter::preview preview_replace(const charter::registry& reg) const;
  charter::preview preview_revert(std::int64_t id);

  /// Reads the registry again from the store (to see other writers' changes).
  void reload();

  /// The store's audit log.
  std::vector<audit_entry> log(const log_filter& filter = {}) const {
    return store_->log(filter);
  }

  charter::store& store() noexcept { return *store_; }
  const charter::store& store() const noexcept { return *store_; }

 private:
  // The registry that the import `id` replaced, or none when `id` was no
  // import. @throws validation_error when later entries block its revert.
  std::optional<charter::registry> replaced_by(std::int64_t id) const;

  std::unique_ptr<charter::store> store_;
  charter::registry registry_;
};

}  // namespace charter

#endif
