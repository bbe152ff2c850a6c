#include "cli/suggest.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <limits>

#include "cli/session.hpp"
#include "core/edit_distance.hpp"

namespace charter::cli {

std::string closest(std::string_view word,
                    const std::vector<std::string>& candidates) {
  if (word.empty()) return {};
  // The only candidate that starts with what was typed ("mem" -> "members").
  if (word.size() >= 2) {
    const std::string* prefixed = nullptr;
    int count = 0;
    for (const auto& c : candidates)
      if (c.size() > word.size() && c.compare(0, word.size(), word) == 0) {
        prefixed = &c;
        ++count;
      }
    if (count == 1) return *prefixed;
  }
  // Otherwise the nearest, when it is near: a third of the word may be wrong.
  const std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
  std::size_t best = std::numeric_limits<std::size_t>::max();
  std::string found;
  for (const auto& c : candidates) {
    auto d = detail::edit_distance(word, c);
    if (d < best) {
      best = d;
      found = c;
    }
  }
  if (best == 0 || best > allowed || best >= word.size()) return {};
  return found;
}

std::string did_you_mean(std::string_view word,
                         const std::vector<std::string>& candidates) {
  auto c = closest(word, candidates);
  return c.empty() ? std::string{} : fmt::format(" (did you mean '{}'?)", c);
}

std::vector<std::string> ids_of_kind(const charter::registry& reg,
                                     std::string_view kind) {
  std::vector<std::string> ids;
  auto collect = [&](const auto& records) {
    for (const auto& r : records) ids.push_back(r.id.str());
  };
  if (kind == "organization")
    collect(reg.organizations());
  else if (kind == "person")
    collect(reg.people());
  else if (kind == "foundation")
    collect(reg.foundations());
  else if (kind == "project")
    collect(reg.projects());
  else if (kind == "body")
    collect(reg.bodies());
  std::sort(ids.begin(), ids.end());
  return ids;
}

namespace {

template <class Id>
[[noreturn]] void not_found(const charter::registry& reg, std::string_view kind,
                            const Id& id) {
  throw usage_error(
      fmt::format("no {} '{}'{}", kind, id.str(),
                  did_you_mean(id.str(), ids_of_kind(reg, kind))));
}

}  // namespace

const organization& need(const charter::registry& reg, const org_id& id) {
  if (auto* r = reg.find(id)) return *r;
  not_found(reg, "organization", id);
}
const person& need(const charter::registry& reg, const person_id& id) {
  if (auto* r = reg.find(id)) return *r;
  not_found(reg, "person", id);
}
const foundation& need(const charter::registry& reg, const foundation_id& id) {
  if (auto* r = reg.find(id)) return *r;
  not_found(reg, "foundation", id);
}
const project& need(const charter::registry& reg, const project_id& id) {
  if (auto* r = reg.find(id)) return *r;
  not_found(reg, "project", id);
}
const body& need(const charter::registry& reg, const body_id& id) {
  if (auto* r = reg.find(id)) return *r;
  not_found(reg, "body", id);
}

const tier& need_tier(const foundation& f, const tier_id& t) {
  if (auto* found = f.find_tier(t)) return *found;
  std::vector<std::string> names;
  for (const auto& candidate : f.tiers) names.push_back(candidate.id.str());
  std::string list =
      names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "));
  throw usage_error(
      fmt::format("foundation '{}' has no tier '{}'{}; its tiers: {}",
                  f.id.str(), t.str(), did_you_mean(t.str(), names), list));
}

const seat_class& need_class(const body& b, const seat_class_id& c) {
  if (auto* found = b.find_class(c)) return *found;
  std::vector<std::string> names;
  for (const auto& candidate : b.seat_classes)
    names.push_back(candidate.id.str());
  std::string list =
      names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "));
  throw usage_error(
      fmt::format("body '{}' has no seat class '{}'{}; its classes: {}",
                  b.id.str(), c.str(), did_you_mean(c.str(), names), list));
}

}  // namespace charter::cli
