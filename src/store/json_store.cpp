// json_store: a registry kept as one interchange document.

#include <charter/json.hpp>
#include <charter/store.hpp>

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "store/audit.hpp"

namespace charter {

using detail::filtered;
using detail::make_entry;

// ------------------------------------------------------------------ json_store

json_store::json_store(std::filesystem::path file) : file_(std::move(file)) {}

registry json_store::load() {
  std::error_code ec;
  if (!std::filesystem::exists(file_, ec) && !ec) return {};
  return load_json(file_);
}

std::int64_t json_store::save(const registry& reg, const change_set& saved,
                              const audit_info& who, std::string_view summary) {
  auto entry = make_entry(static_cast<std::int64_t>(log_.size()) + 1, who,
                          summary, detail::touched_ids(reg, saved));
  auto kept = audit_changes(reg, saved);
  changes_.reserve(changes_.size() + 1);
  log_.reserve(log_.size() + 1);
  save_json(reg, file_);
  log_.push_back(std::move(entry));
  changes_.push_back(std::move(kept));
  return log_.back().id;
}

std::int64_t json_store::replace_all(const registry& reg, const audit_info& who,
                                     std::string_view summary,
                                     const registry* previous) {
  auto entry = make_entry(static_cast<std::int64_t>(log_.size()) + 1, who,
                          summary, detail::all_ids(reg));
  std::vector<audit_change> kept;
  if (previous)
    kept.push_back({audit_change::action::replaced, {}, to_json(*previous)});
  changes_.reserve(changes_.size() + 1);
  log_.reserve(log_.size() + 1);
  save_json(reg, file_);
  log_.push_back(std::move(entry));
  changes_.push_back(std::move(kept));
  return log_.back().id;
}

std::vector<audit_change> json_store::changes(std::int64_t id) const {
  if (id < 1 || id > static_cast<std::int64_t>(changes_.size())) return {};
  return changes_[static_cast<std::size_t>(id - 1)];
}

std::vector<audit_entry> json_store::log(const log_filter& filter) const {
  return filtered(log_, filter);
}

}  // namespace charter
