// What every store needs to write and filter audit entries
// (store/audit.hpp).

#include "store/audit.hpp"

#include <charter/date.hpp>
#include <charter/store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <pwd.h>
#include <unistd.h>

namespace charter::detail {

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

std::chrono::sys_seconds utc_now() {
  return std::chrono::floor<std::chrono::seconds>(
      std::chrono::system_clock::now());
}

std::vector<std::string> touched_ids(const registry& reg,
                                     const change_set& changes) {
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
    // Governance records: the record's id and the records it names.
    void operator()(const meeting_id& id) const {
      ids.push_back(id.str());
      if (const meeting* m = reg.find(id)) ids.push_back(m->body.str());
    }
    void operator()(const invoice_id& id) const {
      ids.push_back(id.str());
      if (const invoice* i = reg.find(id)) {
        ids.push_back(i->org.str());
        ids.push_back(i->foundation.str());
      }
    }
    void operator()(const report_key& k) const { ids.push_back(k.body.str()); }
    void operator()(const election_id& id) const {
      ids.push_back(id.str());
      if (const election* e = reg.find(id)) ids.push_back(e->body.str());
    }
  };
  for (const auto& key : changes.written) std::visit(visitor{reg, ids}, key);
  for (const auto& key : changes.removed) std::visit(visitor{reg, ids}, key);
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
  for (const auto& r : reg.meetings()) ids.push_back(r.id.str());
  for (const auto& r : reg.invoices()) ids.push_back(r.id.str());
  for (const auto& r : reg.elections()) ids.push_back(r.id.str());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

bool matches(const log_filter& filter, const audit_entry& e) {
  // As the SQLite store compares the stored text (`time >= ?`).
  if (filter.since && to_string(e.time) < *filter.since) return false;
  if (filter.id && !std::binary_search(e.ids.begin(), e.ids.end(), *filter.id))
    return false;
  return true;
}

void apply_limit(const log_filter& filter, std::vector<audit_entry>& entries) {
  if (filter.limit != 0 && entries.size() > filter.limit)
    entries.erase(entries.begin(),
                  entries.end() - static_cast<std::ptrdiff_t>(filter.limit));
}

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

}  // namespace charter::detail

namespace charter {

std::string_view to_string(audit_change::action a) noexcept {
  switch (a) {
    case audit_change::action::added:
      return "added";
    case audit_change::action::changed:
      return "changed";
    case audit_change::action::removed:
      return "removed";
    case audit_change::action::replaced:
      return "replaced";
  }
  return "changed";
}

std::vector<audit_change> audit_changes(const registry& reg,
                                        const change_set& changes) {
  using action = audit_change::action;
  std::vector<audit_change> out;
  out.reserve(changes.written.size() + changes.removed.size());
  // A written record kept in `before` was there before: changed.
  std::vector<record_key> kept;
  kept.reserve(changes.before.size());
  for (const auto& r : changes.before) kept.push_back(key_of(r));
  for (const auto& key : changes.written) {
    if (auto it = std::find(kept.begin(), kept.end(), key); it != kept.end())
      out.push_back(
          {action::changed,
           changes.before[static_cast<std::size_t>(it - kept.begin())],
           {}});
    else
      out.push_back({action::added, reg.find_record(key), {}});
  }
  for (const auto& key : changes.removed)
    if (auto it = std::find(kept.begin(), kept.end(), key); it != kept.end())
      out.push_back(
          {action::removed,
           changes.before[static_cast<std::size_t>(it - kept.begin())],
           {}});
  return out;
}

}  // namespace charter
