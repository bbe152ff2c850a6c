#ifndef CHARTER_PYTHON_MODULE_HPP
#define CHARTER_PYTHON_MODULE_HPP

// Internal to the `_charter` extension module: what its translation units
// share.

#include <charter/diff.hpp>
#include <charter/registry.hpp>
#include <charter/store.hpp>

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "casters.hpp"

namespace charter::python {

namespace py = pybind11;

// The classes of diff.cpp and edit.cpp come before `bind_registry`, whose
// functions return them; the functions of diff.cpp, which take registries,
// after it.
void bind_diff(py::module_& m);
void bind_diff_values(py::module_& m);
void bind_edit(py::module_& m);
void bind_elections(py::module_& m);
void bind_errors(py::module_& m);
void bind_find(py::module_& m);
void bind_governance(py::module_& m);
void bind_import(py::module_& m);
void bind_model(py::module_& m);
void bind_registry(py::module_& m);
void bind_reports(py::module_& m);

/// The registry behind a Python `Registry`: a plain in-memory registry, or
/// a database (a registry kept in step with its store).
///
/// Queries run with the GIL held and a shared lock; anything that may run
/// with the GIL released (commits, loads, exports, checks over all dates,
/// reports) takes the lock too, so another Python thread cannot change the
/// registry under it. Code holding the lock never needs the GIL.
class registry_holder {
 public:
  explicit registry_holder(charter::registry reg) : memory_(std::move(reg)) {}
  explicit registry_holder(std::unique_ptr<charter::database> db)
      : db_(std::move(db)) {}

  /// The registry. @throws charter::error when the registry was closed.
  const charter::registry& reg() const {
    check_open();
    return db_ ? db_->registry() : memory_;
  }

  /// Applies `changes` (and, for a database, persists them with `who`, and
  /// `summary` as the audit entry's words when not empty).
  /// @returns the audit entry written (0 for an in-memory registry, or when
  /// nothing changed) and what changed.
  charter::commit_result commit(const charter::batch& changes,
                                const charter::audit_info& who,
                                std::string_view summary = {}) {
    check_open();
    if (db_)
      return summary.empty() ? db_->commit(changes, who)
                             : db_->commit(changes, who, summary);
    auto tx = memory_.stage(changes);
    charter::commit_result done{0, tx.changes()};
    tx.commit();
    return done;
  }

  /// What `commit(changes)` would do, without doing it: the changes are
  /// staged and rolled back (so the caller holds the lock exclusively).
  charter::preview preview(const charter::batch& changes) {
    check_open();
    if (db_) return db_->preview(changes);
    return charter::preview_changes(memory_, changes);
  }

  /// Replaces everything with `reg`.
  /// @returns the audit entry written (0 for an in-memory registry).
  std::int64_t replace(charter::registry reg, const charter::audit_info& who,
                       std::string_view summary) {
    check_open();
    if (db_) return db_->replace(std::move(reg), who, summary);
    memory_ = std::move(reg);
    return 0;
  }

  /// Lets go of the database (its file is closed) or the memory.
  void close() noexcept {
    closed_ = true;
    db_.reset();
    memory_ = charter::registry{};
  }
  bool closed() const noexcept { return closed_; }

  /// Null for an in-memory registry.
  charter::database* database() const {
    check_open();
    return db_.get();
  }

  std::shared_mutex& mutex() const noexcept { return mutex_; }

 private:
  void check_open() const {
    if (closed_) throw charter::error("the registry is closed");
  }

  charter::registry memory_;
  std::unique_ptr<charter::database> db_;
  std::atomic<bool> closed_ = false;
  mutable std::shared_mutex mutex_;
};

using holder_ptr = std::shared_ptr<registry_holder>;

/// Runs `f(registry)` under the shared lock and returns what it returns (C++
/// values: the lock is let go before they become Python objects).
template <class F>
auto read(const registry_holder& h, F&& f) {
  std::shared_lock lock(h.mutex());
  return f(h.reg());
}

/// As `read`, with the GIL released: for long operations.
template <class F>
auto read_nogil(const registry_holder& h, F&& f) {
  py::gil_scoped_release release;
  std::shared_lock lock(h.mutex());
  return f(h.reg());
}

/// `at`, or today (UTC, as the CLI takes it) when it is None: the one place
/// where the module supplies a default date.
date date_or_today(const std::optional<date>& at);

}  // namespace charter::python

#endif
