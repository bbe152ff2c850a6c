// The changes report: who joined, left or changed tier in a foundation, and
// which seats and roles started or ended, between two dates. Its model
// (make_changes) and its document (to_document); its JSON is in json.cpp.
#include <charter/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

#include "report/changes.hpp"
#include "report/document.hpp"
#include "report/lookup.hpp"

namespace charter {

namespace {

bool in_range(date d, date from, date to) { return from <= d && d < to; }

// The bodies that belong to a foundation: its own, and those of the projects
// it stewards at any time (as check_scope{foundation} covers them).
std::vector<const body*> bodies_of(const registry& reg,
                                   const foundation_id& f) {
  std::vector<const body*> out;
  for (const auto& b : reg.bodies()) {
    if (const auto* owner = std::get_if<foundation_id>(&b.owner)) {
      if (*owner == f) out.push_back(&b);
    } else {
      const auto& p = reg.at(std::get<project_id>(b.owner));
      if (std::any_of(
              p.stewards.begin(), p.stewards.end(),
              [&](const steward& s) { return s.who == steward_ref{f}; }))
        out.push_back(&b);
    }
  }
  return out;
}

}  // namespace

// ---- changes

changes_report make_changes(const registry& reg, const foundation_id& f,
                            date from, date to) {
  const auto& fd = reg.at(f);
  if (!(from < to))
    throw report_error(
        fmt::format("changes: the end ({}) must be after the start ({})",
                    to_string(to), to_string(from)));
  changes_report r{f, fd.name, from, to, {}, {}, {}, {}, {}, {}, {}, {}};
  detail::membership_changes(reg, fd, r);
  detail::seat_and_role_changes(reg, &fd, r);
  detail::sort_changes(r);
  return r;
}

}  // namespace charter

namespace charter::detail {

std::vector<const project*> projects_of(const registry& reg,
                                        const foundation_id& f) {
  std::vector<const project*> out;
  for (const auto& p : reg.projects())
    if (std::any_of(p.stewards.begin(), p.stewards.end(),
                    [&](const steward& s) { return s.who == steward_ref{f}; }))
      out.push_back(&p);
  return out;
}

// The registry keeps one organization's memberships of one foundation from
// overlapping, so a run is a chain of periods that meet.
void membership_changes(const registry& reg, const foundation& fd,
                        changes_report& r,
                        std::vector<membership_change>* level) {
  const date from = r.from, to = r.to;
  auto rank_of = [&](const tier_id& t) {
    const auto* found = fd.find_tier(t);
    return found ? found->rank : 0;
  };
  std::set<org_id> orgs;
  for (const auto& m : reg.memberships())
    if (m.foundation == fd.id) orgs.insert(m.org);
  for (const auto& org : orgs) {
    const auto history = reg.membership_history(org, fd.id);
    for (std::size_t i = 0; i < history.size(); ++i) {
      const auto& m = *history[i];
      const membership* prev = i > 0 && history[i - 1]->when.meets(m.when)
                                   ? history[i - 1]
                                   : nullptr;
      const membership* next =
          i + 1 < history.size() && m.when.meets(history[i + 1]->when)
              ? history[i + 1]
              : nullptr;
      const std::string name = report_org_name(reg, org);
      if (in_range(m.when.from, from, to)) {
        if (!prev)
          r.joined.push_back({org, name, m.when.from, std::nullopt, m.tier});
        else if (rank_of(m.tier) < rank_of(prev->tier))
          r.upgraded.push_back({org, name, m.when.from, prev->tier, m.tier});
        else if (rank_of(m.tier) > rank_of(prev->tier))
          r.downgraded.push_back({org, name, m.when.from, prev->tier, m.tier});
        else if (level && m.tier != prev->tier)
          level->push_back({org, name, m.when.from, prev->tier, m.tier});
      }
      if (!next && m.when.to && in_range(*m.when.to, from, to))
        r.left.push_back({org, name, *m.when.to, m.tier, std::nullopt});
    }
  }
}

void seat_and_role_changes(const registry& reg, const foundation* only,
                           changes_report& r) {
  const date from = r.from, to = r.to;
  // Seats on the foundation's bodies (every body, for every foundation):
  // one person's seats in one class of a body that meet (a new office,
  // say) are one tenure.
  std::vector<const body*> bodies;
  if (only) {
    bodies = bodies_of(reg, only->id);
  } else {
    for (const auto& b : reg.bodies()) bodies.push_back(&b);
  }
  std::vector<const seat*> seats;
  for (const auto& s : reg.seats())
    if (!only || std::any_of(bodies.begin(), bodies.end(),
                             [&](const body* b) { return b->id == s.body; }))
      seats.push_back(&s);
  if (!seats.empty()) {
    auto change = [&](const seat& s, date on) {
      return seat_change{
          s.body,       s.seat_class,
          s.person,     detail::report_person_name(reg, s.person),
          s.represents, on};
    };
    for_each_run(
        seats,
        [](const seat& s) {
          return std::make_tuple(s.body, s.seat_class, s.person);
        },
        [&](const seat& s) {
          if (in_range(s.when.from, from, to))
            r.seats_taken.push_back(change(s, s.when.from));
        },
        [&](const seat& s, date end) {
          if (in_range(end, from, to))
            r.seats_vacated.push_back(change(s, end));
        });
  }

  // Roles in the foundation, its projects and its bodies (every role, for
  // every foundation).
  std::set<std::string> scopes;
  if (only) {
    scopes.insert(only->id.str());
    for (const auto* p : projects_of(reg, only->id)) scopes.insert(p->id.str());
  }
  std::vector<const role*> roles;
  for (const auto& ro : reg.roles()) {
    if (!only) {
      roles.push_back(&ro);
      continue;
    }
    const bool body_scope = std::holds_alternative<body_id>(ro.scope);
    const bool in_scope =
        body_scope ? std::any_of(bodies.begin(), bodies.end(),
                                 [&](const body* b) {
                                   return b->id.str() == str(ro.scope);
                                 })
                   : scopes.contains(str(ro.scope));
    if (in_scope) roles.push_back(&ro);
  }
  if (!roles.empty()) {
    auto change = [&](const role& ro, date on) {
      return role_change{ro.person, detail::report_person_name(reg, ro.person),
                         ro.title, ro.scope, on};
    };
    for_each_run(
        roles,
        [](const role& ro) {
          return std::make_tuple(ro.person, ro.title, str(ro.scope));
        },
        [&](const role& ro) {
          if (in_range(ro.when.from, from, to))
            r.roles_started.push_back(change(ro, ro.when.from));
        },
        [&](const role& ro, date end) {
          if (in_range(end, from, to)) r.roles_ended.push_back(change(ro, end));
        });
  }
}

void sort_changes(changes_report& r) {
  auto by_date_org = [](const membership_change& a,
                        const membership_change& b) {
    return std::tie(a.on, a.org) < std::tie(b.on, b.org);
  };
  auto by_date_seat = [](const seat_change& a, const seat_change& b) {
    return std::tie(a.on, a.body, a.seat_class, a.person) <
           std::tie(b.on, b.body, b.seat_class, b.person);
  };
  // By the scope's id, whatever its kind (a body and a project of one id
  // are not told apart, as the text and JSON do not).
  auto by_date_role = [](const role_change& a, const role_change& b) {
    return std::tie(a.on, str(a.scope), a.title, a.person) <
           std::tie(b.on, str(b.scope), b.title, b.person);
  };
  for (auto* list : {&r.joined, &r.left, &r.upgraded, &r.downgraded})
    std::sort(list->begin(), list->end(), by_date_org);
  for (auto* list : {&r.seats_taken, &r.seats_vacated})
    std::sort(list->begin(), list->end(), by_date_seat);
  for (auto* list : {&r.roles_started, &r.roles_ended})
    std::sort(list->begin(), list->end(), by_date_role);
}

}  // namespace charter::detail

namespace charter::detail {

// ---- changes

namespace {

std::string tier_text(const std::optional<tier_id>& t) {
  return t ? t->str() : std::string{};
}

}  // namespace

document to_document(const changes_report& r) {
  document d;
  d.kind = "changes";
  d.title = fmt::format("{}: changes from {} to {}", r.name, to_string(r.from),
                        to_string(r.to));
  d.intro.push_back(fmt::format("{} ({}), from {} up to but not including {}.",
                                r.name, r.foundation.str(), to_string(r.from),
                                to_string(r.to)));
  d.flat.header = {"change",     "date",    "id",   "name",
                   "from_tier",  "to_tier", "body", "class",
                   "represents", "title",   "scope"};
  const std::array<const std::vector<membership_change>*, 4> memberships{
      &r.joined, &r.left, &r.upgraded, &r.downgraded};
  for (std::size_t i = 0; i < memberships.size(); ++i) {
    doc_table table{{"Date", "Organization", "Id"}, {}, {}, "None."};
    if (i == 0)
      table.header.push_back("Tier");
    else if (i == 1)
      table.header.push_back("Last tier");
    else
      table.header.insert(table.header.end(), {"From tier", "To tier"});
    for (const auto& c : *memberships[i]) {
      std::vector<std::string> row{to_string(c.on), c.name, c.org.str()};
      if (i == 0)
        row.push_back(tier_text(c.to_tier));
      else if (i == 1)
        row.push_back(tier_text(c.from_tier));
      else
        row.insert(row.end(), {tier_text(c.from_tier), tier_text(c.to_tier)});
      table.add(std::move(row));
      d.flat.add({std::string{change_keys[i]}, to_string(c.on), c.org.str(),
                  c.name, tier_text(c.from_tier), tier_text(c.to_tier), "", "",
                  "", "", ""});
    }
    d.sections.push_back(
        {fmt::format("{} ({})", change_titles[i], memberships[i]->size()),
         {},
         std::move(table),
         {}});
  }
  const std::array<const std::vector<seat_change>*, 2> seats{&r.seats_taken,
                                                             &r.seats_vacated};
  for (std::size_t i = 0; i < seats.size(); ++i) {
    doc_table table{
        {"Date", "Body", "Class", "Person", "Person id", "Represents"},
        {},
        {},
        "None."};
    for (const auto& c : *seats[i]) {
      const std::string represents = c.represents ? c.represents->str() : "";
      table.add({to_string(c.on), c.body.str(), c.seat_class.str(), c.name,
                 c.person.str(), represents});
      d.flat.add({std::string{change_keys[4 + i]}, to_string(c.on),
                  c.person.str(), c.name, "", "", c.body.str(),
                  c.seat_class.str(), represents, "", ""});
    }
    d.sections.push_back(
        {fmt::format("{} ({})", change_titles[4 + i], seats[i]->size()),
         {},
         std::move(table),
         {}});
  }
  const std::array<const std::vector<role_change>*, 2> roles{&r.roles_started,
                                                             &r.roles_ended};
  for (std::size_t i = 0; i < roles.size(); ++i) {
    doc_table table{
        {"Date", "Person", "Person id", "Title", "In"}, {}, {}, "None."};
    for (const auto& c : *roles[i]) {
      table.add(
          {to_string(c.on), c.name, c.person.str(), c.title, str(c.scope)});
      d.flat.add({std::string{change_keys[6 + i]}, to_string(c.on),
                  c.person.str(), c.name, "", "", "", "", "", c.title,
                  str(c.scope)});
    }
    d.sections.push_back(
        {fmt::format("{} ({})", change_titles[6 + i], roles[i]->size()),
         {},
         std::move(table),
         {}});
  }
  return d;
}

}  // namespace charter::detail
