// memory_store: a registry and its audit log kept in memory.

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

void memory_store::save(const registry& reg,
                        const std::vector<record_key>& written,
                        const audit_info& who, std::string_view summary) {
  // Writes only the records named, as the SQLite store does, by replaying
  // them as one batch on the stored copy.
  batch changes;
  for (const auto& key : written) {
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
                          summary, detail::touched_ids(reg, written));
  try {
    data_.apply(changes);
  } catch (const validation_error& e) {
    throw storage_error(fmt::format(
        "memory store out of step with the registry saved: {}", e.what()));
  }
  log_.push_back(std::move(entry));
}

void memory_store::replace_all(const registry& reg, const audit_info& who,
                               std::string_view summary) {
  auto entry = make_entry(static_cast<std::int64_t>(log_.size()) + 1, who,
                          summary, detail::all_ids(reg));
  data_ = reg;
  log_.push_back(std::move(entry));
}

std::vector<audit_entry> memory_store::log(const log_filter& filter) const {
  return filtered(log_, filter);
}

}  // namespace charter
