#include "cli/suggest.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <limits>

#include "cli/output.hpp"
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

// Suggestions for an unknown organization include its aliases, which is
// what people mistype ("AWZ" for "AWS").
std::vector<std::string> suggestions(const charter::registry& reg,
                                     find_kind kind) {
  auto ids = ids_of_kind(reg, to_string(kind));
  if (kind == find_kind::organization)
    for (const auto& o : reg.organizations())
      ids.insert(ids.end(), o.aliases.begin(), o.aliases.end());
  return ids;
}

std::string candidate_text(const resolved& r) {
  return fmt::format("{} {} ({} {})", to_string(r.kind), r.id, to_string(r.by),
                     r.text);
}

template <class Id>
const auto& need_resolved(const charter::registry& reg, find_kind kind,
                          const Id& id) {
  return reg.at(Id{resolve_one(reg, kind, id.str()).id});
}

}  // namespace

resolved resolve_one(const charter::registry& reg, find_kind kind,
                     std::string_view text) {
  auto found = resolve(reg, kind, text);
  if (found.size() == 1) {
    note_resolved(text, found.front());
    return found.front();
  }
  if (found.empty())
    throw usage_error(fmt::format("no {} '{}'{}", to_string(kind), text,
                                  did_you_mean(text, suggestions(reg, kind))));
  throw_ambiguous(text, found);
}

bool has_id(const charter::registry& reg, std::string_view text) {
  return reg.find(person_id{text}) || reg.find(org_id{text}) ||
         reg.find(foundation_id{text}) || reg.find(project_id{text}) ||
         reg.find(body_id{text});
}

std::vector<resolved> resolve_any(const charter::registry& reg,
                                  std::string_view text) {
  auto found = resolve(reg, find_kind::organization, text);
  auto people = resolve(reg, find_kind::person, text);
  found.insert(found.end(), people.begin(), people.end());
  return found;
}

void note_resolved(std::string_view text, const resolved& r) {
  std::string how;
  switch (r.by) {
    case resolved_by::id:
      return;
    case resolved_by::alias:
      how = "an alias";
      break;
    case resolved_by::email:
      how = "an email";
      break;
    case resolved_by::handle:
      how = "a handle: " + r.text;
      break;
  }
  note(visible(
      fmt::format("'{}' is {} {} ({})", text, to_string(r.kind), r.id, how)));
}

void throw_ambiguous(std::string_view text,
                     const std::vector<resolved>& found) {
  std::vector<std::string> names;
  for (const auto& r : found) names.push_back(candidate_text(r));
  throw usage_error(fmt::format("'{}' is ambiguous: it names {}; give an id",
                                text, fmt::join(names, ", ")));
}

const organization& need(const charter::registry& reg, const org_id& id) {
  return need_resolved(reg, find_kind::organization, id);
}
const person& need(const charter::registry& reg, const person_id& id) {
  return need_resolved(reg, find_kind::person, id);
}
const foundation& need(const charter::registry& reg, const foundation_id& id) {
  return need_resolved(reg, find_kind::foundation, id);
}
const project& need(const charter::registry& reg, const project_id& id) {
  return need_resolved(reg, find_kind::project, id);
}
const body& need(const charter::registry& reg, const body_id& id) {
  return need_resolved(reg, find_kind::body, id);
}

const election& need(const charter::registry& reg, const election_id& id) {
  if (const auto* e = reg.find(id)) return *e;
  std::vector<std::string> ids;
  for (const auto& e : reg.elections()) ids.push_back(e.id.str());
  throw usage_error(
      fmt::format("no election '{}'{}", id.str(), did_you_mean(id.str(), ids)));
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
