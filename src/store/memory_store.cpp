// memory_store: a registry and its audit log kept in memory.

#include <charter/json.hpp>
#include <charter/store.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "store/audit.hpp"

namespace charter {

using detail::filtered;
using detail::make_entry;

// ---------------------------------------------------------------- memory_store

memory_store::memory_store(registry initial) : data_(std::move(initial)) {}

registry memory_store::load() { return data_; }

std::int64_t memory_store::save(const registry& reg, const change_set& saved,
                                const audit_info& who,
                                std::string_view summary) {
  // Writes only the records named, as the SQLite store does, by replaying
  // them as one batch on the stored copy.
  batch changes;
  for (const auto& key : saved.removed) changes.remove(key, /*cascade=*/true);
  for (const auto& key : saved.written) {
    std::visit(
        [&](const auto& k) {
          const auto* now = reg.find(k);
          if (!now)
            throw storage_error(
                fmt::format("memory store: {} is not in the registry saved",
                            to_string(key)));
          if (data_.find(k))
            changes.update(*now);
          else
            changes.add(*now);
        },
        key);
  }
  auto entry = make_entry(static_cast<std::int64_t>(log_.size()) + 1, who,
                          summary, detail::touched_ids(reg, saved));
  auto kept = audit_changes(reg, saved);
  changes_.reserve(changes_.size() + 1);
  log_.reserve(log_.size() + 1);
  try {
    data_.apply(changes);
  } catch (const validation_error& e) {
    throw storage_error(fmt::format(
        "memory store out of step with the registry saved: {}", e.what()));
  }
  log_.push_back(std::move(entry));
  changes_.push_back(std::move(kept));
  return log_.back().id;
}

std::int64_t memory_store::replace_all(const registry& reg,
                                       const audit_info& who,
                                       std::string_view summary,
                                       const registry* previous) {
  auto entry = make_entry(static_cast<std::int64_t>(log_.size()) + 1, who,
                          summary, detail::all_ids(reg));
  std::vector<audit_change> kept;
  if (previous)
    kept.push_back({audit_change::action::replaced, {}, to_json(*previous)});
  changes_.reserve(changes_.size() + 1);
  log_.reserve(log_.size() + 1);
  data_ = reg;
  log_.push_back(std::move(entry));
  changes_.push_back(std::move(kept));
  return log_.back().id;
}

std::vector<audit_change> memory_store::changes(std::int64_t id) const {
  if (id < 1 || id > static_cast<std::int64_t>(changes_.size())) return {};
  return changes_[static_cast<std::size_t>(id - 1)];
}

std::vector<audit_entry> memory_store::log(const log_filter& filter) const {
  return filtered(log_, filter);
}

}  // namespace charter
