// database: a registry kept in step with its store.

#include <charter/json.hpp>
#include <charter/store.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <memory>
#include <optional>
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

commit_result database::commit(const batch& changes, const audit_info& who) {
  return commit(changes, who, summarize(changes));
}

commit_result database::commit(const batch& changes, const audit_info& who,
                               std::string_view summary) {
  // A store with a write lock never conflicts: the registry is brought up
  // to date under the lock. One without (or a store that detects conflicts
  // some other way) may, and then the batch is tried again.
  constexpr int attempts = 8;
  for (int attempt = 1;; ++attempt) {
    const auto held = store_->lock();
    if (store_->stale()) registry_ = store_->load();
    try {
      auto tx = registry_.stage(changes);
      commit_result done{0, tx.changes()};
      // Saved before the commit: if the store throws, the transaction rolls
      // the registry back as it ends.
      if (!done.changes.empty())
        done.audit_id = store_->save(tx.staged(), done.changes, who, summary);
      tx.commit();
      return done;
    } catch (const conflict_error&) {
      if (attempt == attempts) throw;
      registry_ = store_->load();
    }
  }
}

std::int64_t database::replace(charter::registry reg, const audit_info& who,
                               std::string_view summary) {
  const auto id = store_->replace_all(reg, who, summary, &registry_);
  registry_ = std::move(reg);
  return id;
}

namespace {

// The records an audit change is about.
std::optional<record_key> key_of(const audit_change& c) {
  if (!c.record) return std::nullopt;
  return charter::key_of(*c.record);
}

// The entries after `id` whose changes still stand: an entry and a later
// revert of it (`revert N`, as database::revert writes it), both after
// `id`, undo each other and are left out. Latest first, so that a revert
// of a revert puts the entry it reverted back in effect.
std::vector<audit_entry> in_effect_after(const std::vector<audit_entry>& log,
                                         std::int64_t id) {
  std::vector<std::int64_t> undone;
  std::vector<audit_entry> out;
  for (auto e = log.rbegin(); e != log.rend() && e->id > id; ++e) {
    if (std::find(undone.begin(), undone.end(), e->id) != undone.end())
      continue;
    std::int64_t reverted = 0;
    const std::string_view summary = e->summary;
    if (summary.starts_with("revert ")) {
      const auto digits = summary.substr(7);
      const auto [end, ec] = std::from_chars(
          digits.data(), digits.data() + digits.size(), reverted);
      if (ec != std::errc{} || end != digits.data() + digits.size())
        reverted = 0;
    }
    if (reverted > id) {
      undone.push_back(reverted);
      continue;
    }
    out.push_back(*e);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

[[noreturn]] void cannot_revert(std::int64_t id, std::string why) {
  throw validation_error(
      {{"", std::to_string(id),
        fmt::format("cannot revert audit entry {}: {}", id, why)}});
}

}  // namespace

// Refuses when a later entry changed a record that entry `id` changed, or
// one that refers to a record it added (whose removal would then fail).
batch database::inverse(std::int64_t id) const {
  const auto entries = store_->log();
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [id](const auto& e) { return e.id == id; });
  if (it == entries.end())
    throw not_found_error("audit entry", std::to_string(id));
  const auto kept = store_->changes(id);
  if (kept.empty())
    cannot_revert(id,
                  "it kept nothing to undo it with (it was written "
                  "before charter kept changes)");
  std::vector<record_key> keys;
  for (const auto& c : kept) {
    if (c.what == audit_change::action::replaced)
      cannot_revert(id,
                    "it replaced the whole registry: revert it with "
                    "database::revert");
    keys.push_back(*key_of(c));
    if (c.what == audit_change::action::added)
      if (registry_.find_record(keys.back()))
        for (const auto& r : registry_.referrers(keys.back()))
          keys.push_back(r.from);
  }
  std::vector<std::string> blocking;
  const auto standing = in_effect_after(entries, id);
  for (auto later = standing.begin(); later != standing.end(); ++later) {
    for (const auto& c : store_->changes(later->id)) {
      const auto k = key_of(c);
      if (c.what == audit_change::action::replaced ||
          (k && std::find(keys.begin(), keys.end(), *k) != keys.end())) {
        blocking.push_back(fmt::format("{} ({})", later->id, later->summary));
        break;
      }
    }
  }
  if (!blocking.empty())
    cannot_revert(id, fmt::format("later changes depend on it: audit {} {}",
                                  blocking.size() == 1 ? "entry" : "entries",
                                  fmt::join(blocking, ", ")));
  // Changed records are put back and removed ones added first; then the
  // records added go, each after those of them that refer to it (the
  // check of a removal looks at the registry as it is then).
  batch undo;
  std::vector<record_key> added;
  for (auto c = kept.rbegin(); c != kept.rend(); ++c) {
    if (c->what == audit_change::action::changed)
      std::visit([&undo](const auto& r) { undo.update(r); }, *c->record);
    else if (c->what == audit_change::action::removed)
      std::visit([&undo](const auto& r) { undo.add(r); }, *c->record);
    else if (c->what == audit_change::action::added)
      added.push_back(*key_of(*c));
  }
  // Memberships, seats and roles before what they name, and so on down the
  // kinds; within a kind (a parent and its child), each after those that
  // refer to it.
  std::stable_sort(
      added.begin(), added.end(),
      [](const auto& a, const auto& b) { return kind_of(a) > kind_of(b); });
  for (auto group = added.begin(); group != added.end();) {
    const auto kind = kind_of(*group);
    auto end = std::find_if(group, added.end(), [kind](const auto& k) {
      return kind_of(k) != kind;
    });
    std::vector<record_key> left(group, end);
    while (!left.empty()) {
      auto free = std::find_if(left.begin(), left.end(), [&](const auto& k) {
        if (!registry_.find_record(k)) return true;
        const auto refs = registry_.referrers(k);
        return std::none_of(refs.begin(), refs.end(), [&](const reference& r) {
          return kind_of(r.from) == kind && r.from != k &&
                 std::find(left.begin(), left.end(), r.from) != left.end();
        });
      });
      if (free == left.end()) free = left.begin();
      undo.remove(*free);
      left.erase(free);
    }
    group = end;
  }
  return undo;
}

std::optional<charter::registry> database::replaced_by(std::int64_t id) const {
  const auto kept = store_->changes(id);
  if (kept.size() != 1 || kept.front().what != audit_change::action::replaced)
    return std::nullopt;
  std::vector<std::string> later;
  for (const auto& e : in_effect_after(store_->log(), id))
    later.push_back(fmt::format("{} ({})", e.id, e.summary));
  if (!later.empty())
    cannot_revert(id, fmt::format("later changes depend on it: audit {} {}",
                                  later.size() == 1 ? "entry" : "entries",
                                  fmt::join(later, ", ")));
  return from_json(kept.front().document);
}

commit_result database::revert(std::int64_t id, const audit_info& who) {
  if (auto before = replaced_by(id))
    return {replace(std::move(*before), who, fmt::format("revert {}", id)), {}};
  return commit(inverse(id), who, fmt::format("revert {}", id));
}

charter::preview database::preview(const batch& changes, const locator& where) {
  if (store_->stale()) registry_ = store_->load();
  return preview_changes(registry_, changes, where);
}

charter::preview database::preview_replace(const charter::registry& reg) const {
  return charter::preview_replace(registry_, reg);
}

charter::preview database::preview_revert(std::int64_t id) {
  if (auto before = replaced_by(id)) return preview_replace(*before);
  return preview(inverse(id));
}

void database::reload() { registry_ = store_->load(); }

}  // namespace charter
