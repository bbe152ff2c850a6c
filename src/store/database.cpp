// database: a registry kept in step with its store.

#include <charter/store.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace charter {

// -------------------------------------------------------------------- database

database::database(std::unique_ptr<charter::store> s) : store_(std::move(s)) {
  if (!store_) throw storage_error("database: no store");
  registry_ = store_->load();
}

database database::open(const std::filesystem::path& file) {
  return database(open_store(file));
}

namespace {

std::string summarize(const batch& changes) {
  // One line however large the batch: the audit ids name every record.
  constexpr std::size_t shown = 100;
  const auto lines = changes.describe();
  std::string text;
  for (std::size_t i = 0; i < lines.size() && i < shown; ++i) {
    if (i) text += "; ";
    text += lines[i];
  }
  if (lines.size() > shown)
    text += fmt::format("; ... and {} more", lines.size() - shown);
  return text;
}

}  // namespace

std::vector<record_key> database::commit(const batch& changes,
                                         const audit_info& who) {
  const auto summary = summarize(changes);
  // A store with a write lock never conflicts: the registry is brought up
  // to date under the lock. One without (or a store that detects conflicts
  // some other way) may, and then the batch is tried again.
  constexpr int attempts = 8;
  for (int attempt = 1;; ++attempt) {
    const auto held = store_->lock();
    if (store_->stale()) registry_ = store_->load();
    try {
      auto tx = registry_.stage(changes);
      // Saved before the commit: if the store throws, the transaction rolls
      // the registry back as it ends.
      if (!tx.written().empty())
        store_->save(tx.staged(), tx.written(), who, summary);
      tx.commit();
      return tx.written();
    } catch (const conflict_error&) {
      if (attempt == attempts) throw;
      registry_ = store_->load();
    }
  }
}

void database::replace(charter::registry reg, const audit_info& who,
                       std::string_view summary) {
  store_->replace_all(reg, who, summary);
  registry_ = std::move(reg);
}

void database::reload() { registry_ = store_->load(); }

}  // namespace charter
