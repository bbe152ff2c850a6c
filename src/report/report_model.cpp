// The report models: what each report says, worked out once from a
// registry, whatever format it is then written in.
#include <charter/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

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

std::vector<const project*> projects_of(const registry& reg,
                                        const foundation_id& f) {
  std::vector<const project*> out;
  for (const auto& p : reg.projects())
    if (std::any_of(p.stewards.begin(), p.stewards.end(),
                    [&](const steward& s) { return s.who == steward_ref{f}; }))
      out.push_back(&p);
  return out;
}

std::vector<const tier*> tiers_by_rank(const foundation& f) {
  std::vector<const tier*> out;
  for (const auto& t : f.tiers) out.push_back(&t);
  std::stable_sort(out.begin(), out.end(), [](const tier* a, const tier* b) {
    return a->rank < b->rank;
  });
  return out;
}

// Splits dated records that share a key into runs of periods that overlap
// or meet, and calls `start(first record)` and `end(record, end date)` for
// each run (`end` only when the run ends).
template <class Record, class Key, class Start, class End>
void for_each_run(const std::vector<const Record*>& records, Key key,
                  Start start, End end) {
  std::map<decltype(key(*records.front())), std::vector<const Record*>> groups;
  for (const auto* r : records) groups[key(*r)].push_back(r);
  for (auto& [k, group] : groups) {
    std::sort(group.begin(), group.end(), [](const Record* a, const Record* b) {
      return a->when.from < b->when.from;
    });
    const Record* first = group.front();
    const Record* last =
        group.front();  // the record whose end is the run's end
    for (std::size_t i = 1; i <= group.size(); ++i) {
      if (i < group.size() && last->when.to &&
          group[i]->when.from <= *last->when.to) {
        if (!group[i]->when.to || *group[i]->when.to > *last->when.to)
          last = group[i];
        continue;
      }
      if (!last->when.to) {  // runs on: nothing after it can start a new run
        start(*first);
        break;
      }
      start(*first);
      end(*last, *last->when.to);
      if (i < group.size()) first = last = group[i];
    }
  }
}

std::string org_name(const registry& reg, const org_id& id) {
  const auto* o = reg.find(id);
  return o ? o->name : id.str();
}

std::string person_name(const registry& reg, const person_id& id) {
  const auto* p = reg.find(id);
  return p ? p->name : id.str();
}

std::string currency_of(const foundation& f) {
  std::set<std::string> currencies;
  for (const auto& t : f.tiers)
    if (t.annual_fee) currencies.insert(t.annual_fee->currency);
  if (currencies.size() > 1)
    throw report_error(fmt::format(
        "the tiers of {} have fees in several currencies ({}): no single total",
        f.id.str(), fmt::join(currencies, ", ")));
  return currencies.empty() ? std::string{} : *currencies.begin();
}

}  // namespace

// ---- roster

std::size_t roster_report::total() const noexcept {
  std::size_t n = 0;
  for (const auto& t : tiers) n += t.members.size();
  return n;
}

roster_report make_roster(const registry& reg, const foundation_id& f,
                          date on) {
  const auto& fd = reg.at(f);
  roster_report r{f, fd.name, on, {}};
  for (const auto& group : reg.members(f, on)) {
    roster_tier t{group.tier->id,
                  group.tier->name,
                  group.tier->rank,
                  group.tier->annual_fee,
                  {}};
    for (const auto* m : group.members) {
      const auto& family = reg.family(m->org);
      const auto history = reg.membership_history(m->org, f);
      const bool founding =
          std::any_of(history.begin(), history.end(),
                      [](const membership* h) { return h->founding; });
      t.members.push_back(
          {m->org, org_name(reg, m->org), family.id, family.name,
           reg.member_since(m->org, f, on).value_or(m->when.from), founding,
           group.tier->annual_fee});
    }
    r.tiers.push_back(std::move(t));
  }
  return r;
}

// ---- board

int board_report::entitled() const noexcept {
  int n = 0;
  for (const auto& c : classes) n += c.entitled;
  return n;
}

int board_report::filled() const noexcept {
  int n = 0;
  for (const auto& c : classes) n += c.filled;
  return n;
}

int board_report::vacant() const noexcept {
  int n = 0;
  for (const auto& c : classes) n += c.vacant();
  return n;
}

std::optional<int> board_report::family_cap() const noexcept {
  std::optional<int> cap = max_per_family;
  if (max_fraction_per_family) {
    // The checks flag count / filled > fraction; the largest count allowed
    // is the floor of fraction × filled (a hair of slack for 0.1 × 10).
    const int by_share = static_cast<int>(
        std::floor(*max_fraction_per_family * filled() + 1e-9));
    cap = cap ? std::min(*cap, by_share) : by_share;
  }
  return cap;
}

board_report make_board(const registry& reg, const body_id& b, date on) {
  const auto& bd = reg.at(b);
  board_report r{b,
                 bd.name,
                 on,
                 {},
                 {},
                 bd.rules.max_per_family,
                 bd.rules.max_fraction_per_family};
  const auto seats = reg.seats(b, on);
  for (const auto& e : reg.entitlements(b, on)) {
    const auto& sc = *e.seat_class;
    board_class c{sc.id, sc.mode, e.seats, e.filled, {}};
    for (const auto* s : seats) {
      if (s->seat_class != sc.id) continue;
      c.seats.push_back(
          {s->person, person_name(reg, s->person), s->represents,
           s->represents ? org_name(reg, *s->represents) : std::string{},
           s->office, s->voting.value_or(sc.is_voting()), s->when.from});
    }
    r.classes.push_back(std::move(c));
  }
  // Seats per family, counted as the family-cap check counts them.
  std::map<org_id, int> per_family;
  for (const auto* s : seats)
    for (const auto& fam : reg.families_of(*s, on)) ++per_family[fam];
  for (const auto& [fam, n] : per_family)
    r.families.push_back({fam, org_name(reg, fam), n});
  std::stable_sort(r.families.begin(), r.families.end(),
                   [](const board_family& x, const board_family& y) {
                     return x.seats > y.seats;
                   });
  return r;
}

// ---- changes

changes_report make_changes(const registry& reg, const foundation_id& f,
                            date from, date to) {
  const auto& fd = reg.at(f);
  if (!(from < to))
    throw report_error(
        fmt::format("changes: the end ({}) must be after the start ({})",
                    to_string(to), to_string(from)));
  changes_report r{f, fd.name, from, to, {}, {}, {}, {}, {}, {}, {}, {}};
  auto rank_of = [&](const tier_id& t) {
    const auto* found = fd.find_tier(t);
    return found ? found->rank : 0;
  };

  // Memberships: the registry keeps one organization's memberships of one
  // foundation from overlapping, so a run is a chain of periods that meet.
  std::set<org_id> orgs;
  for (const auto& m : reg.memberships())
    if (m.foundation == f) orgs.insert(m.org);
  for (const auto& org : orgs) {
    const auto history = reg.membership_history(org, f);
    for (std::size_t i = 0; i < history.size(); ++i) {
      const auto& m = *history[i];
      const membership* prev = i > 0 && history[i - 1]->when.meets(m.when)
                                   ? history[i - 1]
                                   : nullptr;
      const membership* next =
          i + 1 < history.size() && m.when.meets(history[i + 1]->when)
              ? history[i + 1]
              : nullptr;
      const std::string name = org_name(reg, org);
      if (in_range(m.when.from, from, to)) {
        if (!prev)
          r.joined.push_back({org, name, m.when.from, std::nullopt, m.tier});
        else if (rank_of(m.tier) < rank_of(prev->tier))
          r.upgraded.push_back({org, name, m.when.from, prev->tier, m.tier});
        else if (rank_of(m.tier) > rank_of(prev->tier))
          r.downgraded.push_back({org, name, m.when.from, prev->tier, m.tier});
      }
      if (!next && m.when.to && in_range(*m.when.to, from, to))
        r.left.push_back({org, name, *m.when.to, m.tier, std::nullopt});
    }
  }

  // Seats on the foundation's bodies: one person's seats in one class of a
  // body that meet (a new office, say) are one tenure.
  const auto bodies = bodies_of(reg, f);
  std::vector<const seat*> seats;
  for (const auto& s : reg.seats())
    if (std::any_of(bodies.begin(), bodies.end(),
                    [&](const body* b) { return b->id == s.body; }))
      seats.push_back(&s);
  if (!seats.empty()) {
    auto change = [&](const seat& s, date on) {
      return seat_change{s.body,       s.seat_class,
                         s.person,     person_name(reg, s.person),
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

  // Roles in the foundation, its projects and its bodies.
  std::set<std::string> scopes{f.str()};
  for (const auto* p : projects_of(reg, f)) scopes.insert(p->id.str());
  std::vector<const role*> roles;
  for (const auto& ro : reg.roles()) {
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
      return role_change{ro.person, person_name(reg, ro.person), ro.title,
                         str(ro.scope), on};
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

  auto by_date_org = [](const membership_change& a,
                        const membership_change& b) {
    return std::tie(a.on, a.org) < std::tie(b.on, b.org);
  };
  auto by_date_seat = [](const seat_change& a, const seat_change& b) {
    return std::tie(a.on, a.body, a.seat_class, a.person) <
           std::tie(b.on, b.body, b.seat_class, b.person);
  };
  auto by_date_role = [](const role_change& a, const role_change& b) {
    return std::tie(a.on, a.scope, a.title, a.person) <
           std::tie(b.on, b.scope, b.title, b.person);
  };
  for (auto* list : {&r.joined, &r.left, &r.upgraded, &r.downgraded})
    std::sort(list->begin(), list->end(), by_date_org);
  for (auto* list : {&r.seats_taken, &r.seats_vacated})
    std::sort(list->begin(), list->end(), by_date_seat);
  for (auto* list : {&r.roles_started, &r.roles_ended})
    std::sort(list->begin(), list->end(), by_date_role);
  return r;
}

// ---- dues

namespace {
dues_report dues_frame(const foundation& fd) {
  dues_report r;
  r.foundation = fd.id;
  r.name = fd.name;
  r.currency = currency_of(fd);
  for (const auto* t : tiers_by_rank(fd))
    r.tiers.push_back({t->id, t->name, t->rank, t->annual_fee, 0, 0});
  return r;
}

void total_up(dues_report& r) {
  r.total_cents = 0;
  for (auto& t : r.tiers) {
    t.cents = t.annual_fee ? t.annual_fee->cents * t.members : 0;
    r.total_cents += t.cents;
  }
}

dues_tier* tier_row(dues_report& r, const tier_id& id) {
  for (auto& t : r.tiers)
    if (t.id == id) return &t;
  return nullptr;
}
}  // namespace

dues_report make_dues(const registry& reg, const foundation_id& f, date on) {
  auto r = dues_frame(reg.at(f));
  r.on = on;
  for (const auto& group : reg.members(f, on))
    if (auto* row = tier_row(r, group.tier->id))
      row->members = static_cast<int>(group.members.size());
  total_up(r);
  return r;
}

dues_report make_dues_for_year(const registry& reg, const foundation_id& f,
                               int year) {
  auto r = dues_frame(reg.at(f));
  r.year = year;
  const period days{
      date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}},
      date{std::chrono::year{year + 1}, std::chrono::January,
           std::chrono::day{1}}};
  // Each organization's last membership (by start) that touches the year.
  std::map<org_id, const membership*> last;
  for (const auto& m : reg.memberships()) {
    if (m.foundation != f || !m.when.overlaps(days)) continue;
    auto& slot = last[m.org];
    if (!slot || slot->when.from < m.when.from) slot = &m;
  }
  for (const auto& [org, m] : last)
    if (auto* row = tier_row(r, m->tier)) ++row->members;
  total_up(r);
  return r;
}

// ---- compliance

compliance_report make_compliance(const registry& reg, const check_scope& scope,
                                  std::optional<date> on) {
  compliance_report r;
  r.foundation = scope.foundation;
  r.body = scope.body;
  if (scope.body)
    r.name = reg.at(*scope.body).name;
  else if (scope.foundation)
    r.name = reg.at(*scope.foundation).name;
  else
    throw report_error("compliance: name a foundation or a body");
  r.on = on;
  r.findings = on ? check(reg, *on, scope) : check_all(reg, scope);
  return r;
}

// ---- timeline

int timeline_point::total() const noexcept {
  int n = 0;
  for (int c : counts) n += c;
  return n;
}

timeline_report make_timeline(const registry& reg,
                              const std::optional<project_id>& p,
                              const std::optional<foundation_id>& f,
                              std::optional<date> from,
                              std::optional<date> to) {
  if (!p && !f)
    throw report_error("timeline: name a project, a foundation or both");
  timeline_report r;
  std::set<date> dates;
  auto note = [&](const period& w) {
    dates.insert(w.from);
    if (w.to) dates.insert(*w.to);
  };
  if (p) {
    const auto& pr = reg.at(*p);
    r.project = *p;
    r.project_name = pr.name;
    for (const auto& s : pr.stewards) {
      const bool is_org = std::holds_alternative<org_id>(s.who);
      std::string name;
      if (is_org)
        name = org_name(reg, std::get<org_id>(s.who));
      else if (const auto* fd = reg.find(std::get<foundation_id>(s.who)))
        name = fd->name;
      else
        name = str(s.who);
      r.stewards.push_back(
          {is_org ? "org" : "foundation", str(s.who), name, s.when});
      note(s.when);
    }
    for (const auto& st : pr.stages) {
      r.stages.push_back({st.name, st.when});
      note(st.when);
    }
    if (pr.founded) dates.insert(*pr.founded);
    auto earliest = [](const auto& a, const auto& b) {
      return a.when.from < b.when.from;
    };
    std::stable_sort(r.stewards.begin(), r.stewards.end(), earliest);
    std::stable_sort(r.stages.begin(), r.stages.end(), earliest);
  }
  if (f) {
    const auto& fd = reg.at(*f);
    r.foundation = *f;
    r.foundation_name = fd.name;
    for (const auto* t : tiers_by_rank(fd))
      r.tiers.push_back({t->id, t->name, t->rank});
    std::set<date> changes;
    for (const auto& m : reg.memberships()) {
      if (m.foundation != *f) continue;
      changes.insert(m.when.from);
      if (m.when.to) changes.insert(*m.when.to);
    }
    for (const date d : changes) {
      timeline_point pt{d, {}};
      const auto groups = reg.members(*f, d);
      for (const auto& t : r.tiers) {
        int n = 0;
        for (const auto& g : groups)
          if (g.tier->id == t.id) n = static_cast<int>(g.members.size());
        pt.counts.push_back(n);
      }
      // Two dates with the same counts (a tier change and its mirror) are one
      // step.
      if (!r.points.empty() && r.points.back().counts == pt.counts) continue;
      r.points.push_back(std::move(pt));
      dates.insert(d);
    }
    if (fd.founded) dates.insert(*fd.founded);
  }
  if (from) dates.insert(*from);
  if (to) dates.insert(*to);
  if (dates.empty()) return r;  // nothing dated: no span to chart
  const date start = from ? *from : *dates.begin();
  date end;
  if (to) {
    end = *to;
  } else {
    // A year after the latest date named, so open-ended periods show as going
    // on.
    const date last = *dates.rbegin();
    end = date{last.year() + std::chrono::years{1}, last.month(), last.day()};
    if (!end.ok()) end = add_days(last, 365);
  }
  if (!(start < end))
    throw report_error(
        fmt::format("timeline: the end ({}) must be after the start ({})",
                    to_string(end), to_string(start)));
  r.span = period{start, end};
  return r;
}

}  // namespace charter
