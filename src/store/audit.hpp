#ifndef CHARTER_SRC_STORE_AUDIT_HPP
#define CHARTER_SRC_STORE_AUDIT_HPP

// Internal: what every store needs to write an audit entry, and what the
// stores that keep their log in memory need to read it back.

#include <charter/store.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace charter::detail {

/// The operating-system user: `$USER`, else the effective user's login name.
std::string os_user();

/// `who.actor`, or the operating-system user when it is empty.
std::string actor_of(const audit_info& who);

/// The current time in UTC, to the second (an audit entry's time).
std::chrono::sys_seconds utc_now();

/// The ids a change touched (see `audit_entry::ids`), sorted, without repeats.
std::vector<std::string> touched_ids(const registry& reg,
                                     const change_set& changes);

/// The id of every record with one (organizations, people, foundations,
/// projects, bodies), sorted: what an import touches.
std::vector<std::string> all_ids(const registry& reg);

/// True if `e` passes the `since` and `id` parts of `filter`.
bool matches(const log_filter& filter, const audit_entry& e);

/// Keeps the last `filter.limit` entries (all when the limit is 0).
void apply_limit(const log_filter& filter, std::vector<audit_entry>& entries);

/// The entries of `all` that pass `filter`: `log` of a store that keeps its
/// audit log in memory (memory_store, json_store).
std::vector<audit_entry> filtered(const std::vector<audit_entry>& all,
                                  const log_filter& filter);

/// Entry `id` of such a store's log, made now.
audit_entry make_entry(std::int64_t id, const audit_info& who,
                       std::string_view summary, std::vector<std::string> ids);

}  // namespace charter::detail

#endif
