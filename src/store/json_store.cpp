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

void json_store::save(const registry& reg,
                      const std::vector<record_key>& written,
                      const audit_info& who, std::string_view summary) {
  auto entry = make_entry(static_cast<std::int64_t>(log_.size()) + 1, who,
                          summary, detail::touched_ids(reg, written));
  save_json(reg, file_);
  log_.push_back(std::move(entry));
}

void json_store::replace_all(const registry& reg, const audit_info& who,
                             std::string_view summary) {
  auto entry = make_entry(static_cast<std::int64_t>(log_.size()) + 1, who,
                          summary, detail::all_ids(reg));
  save_json(reg, file_);
  log_.push_back(std::move(entry));
}

std::vector<audit_entry> json_store::log(const log_filter& filter) const {
  return filtered(log_, filter);
}

}  // namespace charter
