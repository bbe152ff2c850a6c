#include <charter/store.hpp>

#include "store/audit.hpp"

#include <charter/json.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <utility>
#include <variant>

#include <pwd.h>
#include <unistd.h>

namespace charter {

// --------------------------------------------------------------- audit helpers

namespace detail {

std::string os_user() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const passwd* pw = ::getpwuid(::geteuid());
      pw && pw->pw_name && *pw->pw_name)
    return pw->pw_name;
  return fmt::format("uid {}", ::geteuid());
}

std::string actor_of(const audit_info& who) {
  return who.actor.empty() ? os_user() : who.actor;
}

std::string utc_now() {
  const auto now = std::chrono::floor<std::chrono::seconds>(
      std::chrono::system_clock::now());
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::hh_mm_ss clock{now - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", to_string(date{day}),
                     clock.hours().count(), clock.minutes().count(),
                     clock.seconds().count());
}

std::vector<std::string> touched_ids(const registry& reg,
                                     const std::vector<record_key>& written) {
  std::vector<std::string> ids;
  struct visitor {
    const registry& reg;
    std::vector<std::string>& ids;
    void operator()(const org_id& id) const { ids.push_back(id.str()); }
    void operator()(const person_id& id) const { ids.push_back(id.str()); }
    void operator()(const foundation_id& id) const { ids.push_back(id.str()); }
    void operator()(const project_id& id) const { ids.push_back(id.str()); }
    void operator()(const body_id& id) const { ids.push_back(id.str()); }
    void operator()(const membership_key& k) const {
      ids.push_back(k.org.str());
      ids.push_back(k.foundation.str());
    }
    void operator()(const seat_key& k) const {
      ids.push_back(k.body.str());
      ids.push_back(k.person.str());
      if (const seat* s = reg.find(k); s && s->represents)
        ids.push_back(s->represents->str());
    }
    void operator()(const role_key& k) const {
      ids.push_back(k.person.str());
      ids.push_back(str(k.scope));
    }
  };
  for (const auto& key : written) std::visit(visitor{reg, ids}, key);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<std::string> all_ids(const registry& reg) {
  std::vector<std::string> ids;
  for (const auto& r : reg.organizations()) ids.push_back(r.id.str());
  for (const auto& r : reg.people()) ids.push_back(r.id.str());
  for (const auto& r : reg.foundations()) ids.push_back(r.id.str());
  for (const auto& r : reg.projects()) ids.push_back(r.id.str());
  for (const auto& r : reg.bodies()) ids.push_back(r.id.str());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

bool matches(const log_filter& filter, const audit_entry& e) {
  if (filter.since && e.time < *filter.since) return false;
  if (filter.id && !std::binary_search(e.ids.begin(), e.ids.end(), *filter.id))
    return false;
  return true;
}

void apply_limit(const log_filter& filter, std::vector<audit_entry>& entries) {
  if (filter.limit != 0 && entries.size() > filter.limit)
    entries.erase(entries.begin(),
                  entries.end() - static_cast<std::ptrdiff_t>(filter.limit));
}

}  // namespace detail

namespace {

std::vector<audit_entry> filtered(const std::vector<audit_entry>& all,
                                  const log_filter& filter) {
  std::vector<audit_entry> out;
  for (const auto& e : all)
    if (detail::matches(filter, e)) out.push_back(e);
  detail::apply_limit(filter, out);
  return out;
}

audit_entry make_entry(std::int64_t id, const audit_info& who,
                       std::string_view summary, std::vector<std::string> ids) {
  return {id,
          detail::utc_now(),
          detail::actor_of(who),
          std::string(summary),
          who.reason,
          std::move(ids)};
}

}  // namespace

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

// -------------------------------------------------------- open_store, database

bool is_json_file(const std::filesystem::path& file) {
  auto ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return ext == ".json";
}

std::unique_ptr<store> open_store(const std::filesystem::path& file) {
  if (is_json_file(file)) return std::make_unique<json_store>(file);
  return std::make_unique<sqlite_store>(file);
}

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
  const registry::persist_fn persist =
      [&](const charter::registry& changed,
          const std::vector<record_key>& written) {
        if (!written.empty()) store_->save(changed, written, who, summary);
      };
  // A store with a write lock never conflicts: the registry is brought up
  // to date under the lock. One without (or a store that detects conflicts
  // some other way) may, and then the batch is tried again.
  constexpr int attempts = 8;
  for (int attempt = 1;; ++attempt) {
    const auto held = store_->lock();
    if (store_->stale()) registry_ = store_->load();
    try {
      return registry_.apply(changes, {}, persist);
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
