// The facts of a registry that began or ended between two dates
// (`changes_between`). Memberships, seats and roles are counted as the
// changes report counts them (report/changes.hpp, whose parts this reuses
// over every foundation); affiliations, stewards and stages are added here.
#include <charter/diff.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "report/changes.hpp"

namespace charter {

namespace {

bool in_span(date d, date from, date to) { return from <= d && d < to; }

// The id a record key of an id kind holds ("amd"); empty for the others.
const std::string& key_id(const record_key& key) {
  static const std::string none;
  return std::visit(
      [](const auto& k) -> const std::string& {
        if constexpr (requires { k.str(); })
          return k.str();
        else
          return none;
      },
      key);
}

record_key scope_key(const role_scope& scope) {
  return std::visit([](const auto& id) { return record_key{id}; }, scope);
}

record_key steward_key(const steward_ref& who) {
  return std::visit([](const auto& id) { return record_key{id}; }, who);
}

// The words of a change (diff.hpp: `dated_change::text`).
std::string change_words(const dated_change& c) {
  const std::string& who = key_id(c.subject);
  const std::string where = c.object ? key_id(*c.object) : std::string{};
  const std::string in_where =
      c.object ? " " + to_string(*c.object) : std::string{};
  auto titled = [](const std::string& title) {
    return title.empty() ? std::string{} : " as " + title;
  };
  auto for_whom = [&] {
    return c.represents ? " for " + c.represents->str() : std::string{};
  };
  switch (c.kind) {
    case change_kind::joined:
      return fmt::format("{} joined {} as {}", who, where, c.after);
    case change_kind::tier_changed:
      return fmt::format("{} moved from {} to {} in {}", who, c.before, c.after,
                         where);
    case change_kind::left:
      return fmt::format("{} left {} (was {})", who, where, c.before);
    case change_kind::affiliated:
      return fmt::format("{} affiliated with {}{}", who, where,
                         titled(c.after));
    case change_kind::unaffiliated:
      return fmt::format("{} no longer affiliated with {}{}", who, where,
                         titled(c.before));
    case change_kind::seat_taken:
      return fmt::format("{} took a {} seat on {}{}", who, c.after, where,
                         for_whom());
    case change_kind::seat_vacated:
      return fmt::format("{} left a {} seat on {}{}", who, c.before, where,
                         for_whom());
    case change_kind::role_started:
      return fmt::format("{} became {} of{}", who, c.after, in_where);
    case change_kind::role_ended:
      return fmt::format("{} is no longer {} of{}", who, c.before, in_where);
    case change_kind::steward_began:
      return fmt::format("{} stewarded by {}", who, c.after);
    case change_kind::transferred:
      return fmt::format("{} moved from {} to {}", who, c.before, c.after);
    case change_kind::steward_ended:
      return fmt::format("{} no longer stewarded by {}", who, c.before);
    case change_kind::stage_began:
      return fmt::format("{} entered stage {}", who, c.after);
    case change_kind::stage_changed:
      return fmt::format("{} moved from stage {} to {}", who, c.before,
                         c.after);
    case change_kind::stage_ended:
      return fmt::format("{} left stage {}", who, c.before);
  }
  return {};
}

class change_collector {
 public:
  explicit change_collector(std::vector<dated_change>& out) : out_(out) {}

  void add(date on, change_kind kind, record_key subject,
           std::optional<record_key> object, std::string before,
           std::string after, std::optional<org_id> represents = {}) {
    dated_change c{on,
                   kind,
                   std::move(subject),
                   std::move(object),
                   std::move(before),
                   std::move(after),
                   std::move(represents),
                   {}};
    c.text = change_words(c);
    out_.push_back(std::move(c));
  }

 private:
  std::vector<dated_change>& out_;
};

std::string tier_or_empty(const std::optional<tier_id>& t) {
  return t ? t->str() : std::string{};
}

void add_memberships(const registry& reg, const foundation* only, date from,
                     date to, change_collector& out) {
  for (const auto& fd : reg.foundations()) {
    if (only && fd.id != only->id) continue;
    changes_report r{fd.id, fd.name, from, to, {}, {}, {}, {}, {}, {}, {}, {}};
    std::vector<membership_change> level;
    detail::membership_changes(reg, fd, r, &level);
    for (const auto& c : r.joined)
      out.add(c.on, change_kind::joined, c.org, fd.id, {},
              tier_or_empty(c.to_tier));
    for (const auto* list : {&r.upgraded, &r.downgraded, &level})
      for (const auto& c : *list)
        out.add(c.on, change_kind::tier_changed, c.org, fd.id,
                tier_or_empty(c.from_tier), tier_or_empty(c.to_tier));
    for (const auto& c : r.left)
      out.add(c.on, change_kind::left, c.org, fd.id, tier_or_empty(c.from_tier),
              {});
  }
}

void add_seats_and_roles(const registry& reg, const foundation* only, date from,
                         date to, change_collector& out) {
  changes_report r{{}, {}, from, to, {}, {}, {}, {}, {}, {}, {}, {}};
  detail::seat_and_role_changes(reg, only, r);
  for (const auto& c : r.seats_taken)
    out.add(c.on, change_kind::seat_taken, c.person, c.body, {},
            c.seat_class.str(), c.represents);
  for (const auto& c : r.seats_vacated)
    out.add(c.on, change_kind::seat_vacated, c.person, c.body,
            c.seat_class.str(), {}, c.represents);
  for (const auto& c : r.roles_started)
    out.add(c.on, change_kind::role_started, c.person, scope_key(c.scope), {},
            c.title);
  for (const auto& c : r.roles_ended)
    out.add(c.on, change_kind::role_ended, c.person, scope_key(c.scope),
            c.title, {});
}

// A person's affiliations with one organization that overlap or meet are
// one (a new title is no departure); the title is that of the first, or of
// the last for the end.
void add_affiliations(const registry& reg, const foundation* only, date from,
                      date to, change_collector& out) {
  std::set<org_id> members;
  if (only)
    for (const auto& m : reg.memberships())
      if (m.foundation == only->id) members.insert(m.org);
  for (const auto& p : reg.people()) {
    std::vector<const affiliation*> ties;
    for (const auto& a : p.affiliations)
      if (!only || members.contains(a.org)) ties.push_back(&a);
    if (ties.empty()) continue;
    detail::for_each_run(
        ties, [](const affiliation& a) { return a.org; },
        [&](const affiliation& a) {
          if (in_span(a.when.from, from, to))
            out.add(a.when.from, change_kind::affiliated, p.id, a.org, {},
                    a.title);
        },
        [&](const affiliation& a, date end) {
          if (in_span(end, from, to))
            out.add(end, change_kind::unaffiliated, p.id, a.org, a.title, {});
        });
  }
}

// A project's stewards or stages, each against the one before it: a
// successor that begins the day its predecessor ends is a change, not an
// end and a beginning.
template <class Item, class Text, class Object>
void add_succession(const project& p, const std::vector<Item>& items, date from,
                    date to, change_kind began, change_kind changed,
                    change_kind ended, Text text, Object object,
                    change_collector& out) {
  std::vector<const Item*> sorted;
  for (const auto& i : items) sorted.push_back(&i);
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const Item* a, const Item* b) { return a->when.from < b->when.from; });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Item& it = *sorted[i];
    const Item* prev =
        i > 0 && sorted[i - 1]->when.meets(it.when) ? sorted[i - 1] : nullptr;
    const bool next =
        i + 1 < sorted.size() && it.when.meets(sorted[i + 1]->when);
    if (in_span(it.when.from, from, to)) {
      if (prev)
        out.add(it.when.from, changed, p.id, object(it), text(*prev), text(it));
      else
        out.add(it.when.from, began, p.id, object(it), {}, text(it));
    }
    if (!next && it.when.to && in_span(*it.when.to, from, to))
      out.add(*it.when.to, ended, p.id, object(it), text(it), {});
  }
}

void add_projects(const registry& reg, const foundation* only, date from,
                  date to, change_collector& out) {
  std::vector<const project*> chosen;
  if (only) {
    chosen = detail::projects_of(reg, only->id);
  } else {
    for (const auto& p : reg.projects()) chosen.push_back(&p);
  }
  for (const auto* p : chosen) {
    add_succession(
        *p, p->stewards, from, to, change_kind::steward_began,
        change_kind::transferred, change_kind::steward_ended,
        [](const steward& s) { return to_string(steward_key(s.who)); },
        [](const steward& s) -> std::optional<record_key> {
          return steward_key(s.who);
        },
        out);
    add_succession(
        *p, p->stages, from, to, change_kind::stage_began,
        change_kind::stage_changed, change_kind::stage_ended,
        [](const stage& s) { return s.name; },
        [](const stage&) { return std::optional<record_key>{}; }, out);
  }
}

}  // namespace

std::string_view to_string(change_kind k) noexcept {
  switch (k) {
    case change_kind::joined:
      return "joined";
    case change_kind::tier_changed:
      return "tier-changed";
    case change_kind::left:
      return "left";
    case change_kind::affiliated:
      return "affiliated";
    case change_kind::unaffiliated:
      return "unaffiliated";
    case change_kind::seat_taken:
      return "seat-taken";
    case change_kind::seat_vacated:
      return "seat-vacated";
    case change_kind::role_started:
      return "role-started";
    case change_kind::role_ended:
      return "role-ended";
    case change_kind::steward_began:
      return "steward-began";
    case change_kind::transferred:
      return "transferred";
    case change_kind::steward_ended:
      return "steward-ended";
    case change_kind::stage_began:
      return "stage-began";
    case change_kind::stage_changed:
      return "stage-changed";
    case change_kind::stage_ended:
      return "stage-ended";
  }
  return "?";
}

std::vector<dated_change> changes_between(
    const registry& reg, date from, date to,
    const std::optional<foundation_id>& only) {
  const foundation* fd = only ? &reg.at(*only) : nullptr;
  if (!(from < to))
    throw error(fmt::format("the end ({}) must be after the start ({})",
                            to_string(to), to_string(from)));
  std::vector<dated_change> out;
  change_collector c(out);
  add_memberships(reg, fd, from, to, c);
  add_affiliations(reg, fd, from, to, c);
  add_seats_and_roles(reg, fd, from, to, c);
  add_projects(reg, fd, from, to, c);

  // Sorted on keys made once: the subject's and object's words.
  std::vector<std::tuple<date, change_kind, std::string, std::string,
                         std::string, std::string, std::size_t>>
      keys;
  keys.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto& ch = out[i];
    keys.emplace_back(ch.on, ch.kind, to_string(ch.subject),
                      ch.object ? to_string(*ch.object) : std::string{},
                      ch.before, ch.after, i);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<dated_change> sorted;
  sorted.reserve(out.size());
  for (const auto& k : keys) sorted.push_back(std::move(out[std::get<6>(k)]));
  return sorted;
}

}  // namespace charter
