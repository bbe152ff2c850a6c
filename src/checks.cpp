#include <charter/checks.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace charter {

std::string_view to_string(severity s) noexcept { return s == severity::error ? "error" : "warning"; }

bool has_errors(const std::vector<finding>& findings) noexcept {
  return std::any_of(findings.begin(), findings.end(),
                     [](const finding& f) { return f.severity == severity::error; });
}

namespace {

using subjects = std::vector<std::string>;

date add_years(date d, int years) {
  date result = d + std::chrono::years{years};
  if (!result.ok())  // 29 February in a year without one: the last day of February.
    result = date{std::chrono::year_month_day_last{result.year(), std::chrono::month_day_last{result.month()}}};
  return result;
}

// The foundation whose members fill a body's tier-based classes on a date.
std::optional<foundation_id> home_of(const registry& reg, const body& b, date on) {
  if (const auto* f = std::get_if<foundation_id>(&b.owner)) return *f;
  if (const auto* st = reg.steward_of(std::get<project_id>(b.owner), on))
    if (const auto* f = std::get_if<foundation_id>(&st->who)) return *f;
  return std::nullopt;
}

// The bodies a scope covers.
std::vector<const body*> bodies_in(const registry& reg, const check_scope& scope) {
  std::vector<const body*> out;
  if (scope.body) {
    out.push_back(&reg.at(*scope.body));
    return out;
  }
  for (const auto& b : reg.bodies()) {
    if (!scope.foundation) {
      out.push_back(&b);
    } else if (const auto* f = std::get_if<foundation_id>(&b.owner)) {
      if (*f == *scope.foundation) out.push_back(&b);
    } else {
      const auto& p = reg.at(std::get<project_id>(b.owner));
      if (std::any_of(p.stewards.begin(), p.stewards.end(),
                      [&](const steward& s) { return s.who == steward_ref{*scope.foundation}; }))
        out.push_back(&b);
    }
  }
  return out;
}

std::vector<const foundation*> foundations_in(const registry& reg, const check_scope& scope) {
  std::vector<const foundation*> out;
  if (scope.body) return out;
  if (scope.foundation) out.push_back(&reg.at(*scope.foundation));
  else
    for (const auto& f : reg.foundations()) out.push_back(&f);
  return out;
}

// The families a seat is held for: the represented organization's, or else
// those of the holder's affiliations on that date.
std::set<std::string> families_of(const registry& reg, const seat& s, date on) {
  std::set<std::string> out;
  if (s.represents) {
    out.insert(reg.family(*s.represents).id.str());
  } else {
    for (const auto* a : reg.affiliations(s.person, on)) out.insert(reg.family(a->org).id.str());
  }
  return out;
}

// Periods that overlap or meet, merged into unbroken runs, earliest first.
std::vector<period> merge_runs(std::vector<period> spans) {
  std::sort(spans.begin(), spans.end(), [](const period& x, const period& y) { return x.from < y.from; });
  std::vector<period> runs;
  for (const auto& p : spans) {
    if (runs.empty() || (runs.back().to && p.from > *runs.back().to)) runs.push_back(p);
    else if (runs.back().to && (!p.to || *p.to > *runs.back().to)) runs.back().to = p.to;
  }
  return runs;
}

// Every period in which `person` sat on `b`, in any class.
std::vector<period> service(const registry& reg, const body_id& b, const person_id& person) {
  std::vector<period> spans;
  for (const auto* s : reg.seat_history(person))
    if (s->body == b) spans.push_back(s->when);
  return spans;
}

// The start of the unbroken run of seats `person` holds on `b` that includes `on`.
std::optional<date> service_start(const registry& reg, const body_id& b, const person_id& person, date on) {
  for (const auto& run : merge_runs(service(reg, b, person)))
    if (run.contains(on)) return run.from;
  return std::nullopt;
}

class evaluator {
 public:
  evaluator(const registry& reg, date on) : reg_(reg), on_(on) {}

  std::vector<finding> findings;

  void check_body(const body& b) {
    const auto seats = reg_.seats(b.id, on_);
    const auto home = home_of(reg_, b, on_);
    const auto& rules = b.rules;

    for (const auto* s : seats) {
      const auto* c = b.find_class(s->seat_class);
      if (c && (c->mode == seat_mode::per_member || c->mode == seat_mode::elected) && s->represents && c->tier) {
        const auto* m = home ? reg_.membership_of(*s->represents, *home, on_) : nullptr;
        if (!m || m->tier != *c->tier)
          add("seat-without-membership", severity::error,
              {b.id.str(), c->id.str(), s->person.str(), s->represents->str()},
              fmt::format("{} sits on {} in class {} for {}, which holds no {} membership{}", s->person.str(),
                          b.id.str(), c->id.str(), s->represents->str(), c->tier->str(),
                          home ? " of " + home->str() : ""));
      }
      if (s->represents) {
        const auto ties = reg_.affiliations(s->person, on_);
        if (std::none_of(ties.begin(), ties.end(), [&](const affiliation* a) { return a->org == *s->represents; }))
          add("representative-not-affiliated", severity::warning,
              {b.id.str(), s->person.str(), s->represents->str()},
              fmt::format("{} represents {} on {} but is not affiliated with it", s->person.str(),
                          s->represents->str(), b.id.str()));
      }
    }

    if (rules.max_per_family || rules.max_fraction_per_family) {
      std::map<std::string, int> per_family;
      for (const auto* s : seats)
        for (const auto& f : families_of(reg_, *s, on_)) ++per_family[f];
      const auto filled = static_cast<double>(seats.size());
      for (const auto& [family, count] : per_family) {
        if (rules.max_per_family && count > *rules.max_per_family)
          add("family-cap-exceeded", severity::error, {b.id.str(), family},
              fmt::format("{} holds {} seats on {}, more than the cap of {} per family", family, count,
                          b.id.str(), *rules.max_per_family));
        else if (rules.max_fraction_per_family && count / filled > *rules.max_fraction_per_family)
          add("family-cap-exceeded", severity::error, {b.id.str(), family},
              fmt::format("{} holds {} of {} seats on {}, more than the cap of {} of the seats", family, count,
                          seats.size(), b.id.str(), *rules.max_fraction_per_family));
      }
    }

    for (const auto& e : reg_.entitlements(b.id, on_)) {
      const auto& c = e.seat_class->id.str();
      if (e.filled > e.seats)
        add("seats-over-entitlement", severity::error, {b.id.str(), c},
            fmt::format("class {} of {} has {} seats filled but is owed {}", c, b.id.str(), e.filled, e.seats));
      else if (e.filled < e.seats)
        add("seat-vacant", severity::warning, {b.id.str(), c},
            fmt::format("class {} of {} has {} of {} seats filled", c, b.id.str(), e.filled, e.seats));
    }

    if (rules.term_years && rules.max_consecutive_terms) {
      std::set<person_id> seated;
      for (const auto* s : seats) seated.insert(s->person);
      for (const auto& p : seated) {
        const auto start = service_start(reg_, b.id, p, on_);
        if (!start) continue;
        const int limit_years = *rules.term_years * *rules.max_consecutive_terms;
        if (on_ >= add_years(*start, limit_years)) {
          int terms = *rules.max_consecutive_terms;
          while (on_ >= add_years(*start, (terms) * *rules.term_years)) ++terms;
          add("term-limit-exceeded", severity::warning, {b.id.str(), p.str()},
              fmt::format("{} is in consecutive term {} on {} (since {}), over the limit of {} terms of {} years",
                          p.str(), terms, b.id.str(), to_string(*start), *rules.max_consecutive_terms,
                          *rules.term_years));
        }
      }
    }

    const auto size = static_cast<int>(seats.size());
    if ((rules.min_size && size < *rules.min_size) || (rules.max_size && size > *rules.max_size))
      add("body-size-out-of-range", severity::warning, {b.id.str()},
          fmt::format("{} has {} seats filled, outside {}..{}", b.id.str(), size,
                      rules.min_size ? fmt::format("{}", *rules.min_size) : "",
                      rules.max_size ? fmt::format("{}", *rules.max_size) : ""));

    std::map<office, std::set<std::string>> holders;
    for (const auto* s : seats)
      if (s->office) holders[*s->office].insert(s->person.str());
    for (const auto& [o, people] : holders) {
      if (people.size() < 2) continue;
      subjects ids{b.id.str()};
      ids.insert(ids.end(), people.begin(), people.end());
      add("office-held-twice", severity::error, ids,
          fmt::format("{} people hold the office of {} of {}: {}", people.size(), to_string(o), b.id.str(),
                      fmt::join(people, ", ")));
    }

    for (const auto& other : rules.exclusive_with) {
      const auto theirs = reg_.seats(other, on_);
      std::set<std::string> both;
      for (const auto* s : seats)
        for (const auto* t : theirs)
          if (s->person == t->person) both.insert(s->person.str());
      // A pair may be listed on either side (or both): report it once.
      const auto& [first, second] = std::minmax(b.id.str(), other.str());
      for (const auto& p : both)
        add("conflicting-seats", severity::error, {first, second, p},
            fmt::format("{} sits on both {} and {}, which exclude each other", p, first, second));
    }
  }

  void check_foundation(const foundation& f) {
    for (const auto& group : reg_.members(f.id, on_)) {
      for (const auto& req : group.tier->requirements) {
        const auto* other = reg_.find(req.foundation);
        const auto* min = other ? other->find_tier(req.min_tier) : nullptr;
        if (!min) continue;
        for (const auto* m : group.members) {
          const auto* held = reg_.membership_of(m->org, req.foundation, on_);
          const auto* held_tier = held ? other->find_tier(held->tier) : nullptr;
          if (held_tier && held_tier->rank <= min->rank) continue;
          add("prerequisite-missing", severity::error, {f.id.str(), m->org.str(), req.foundation.str()},
              fmt::format("{} is a {} member of {}, which requires {} membership of {} or higher{}",
                          m->org.str(), group.tier->id.str(), f.id.str(), req.min_tier.str(), req.foundation.str(),
                          held ? fmt::format(" (it is {})", held->tier.str()) : " (it is not a member)"));
        }
      }
    }
  }

 private:
  const registry& reg_;
  date on_;
  std::set<std::pair<std::string, subjects>> seen_;

  void add(std::string code, severity sev, subjects ids, std::string message) {
    if (!seen_.insert({code, ids}).second) return;
    findings.push_back({std::move(code), sev, std::move(ids), {on_, add_days(on_)}, std::move(message)});
  }
};

std::vector<finding> evaluate(const registry& reg, date on, const std::vector<const body*>& bodies,
                              const std::vector<const foundation*>& foundations) {
  evaluator e(reg, on);
  for (const auto* f : foundations) e.check_foundation(*f);
  for (const auto* b : bodies) e.check_body(*b);
  return std::move(e.findings);
}

bool by_code(const finding& a, const finding& b) {
  return std::tie(a.code, a.subjects) < std::tie(b.code, b.subjects);
}

// Every date on which something the scope's checks read may change.
std::vector<date> change_points(const registry& reg, const std::vector<const body*>& bodies,
                                const std::vector<const foundation*>& foundations) {
  std::set<date> points;
  auto add = [&points](const period& p) {
    points.insert(p.from);
    if (p.to) points.insert(*p.to);
  };
  std::set<foundation_id> member_sets;
  std::set<person_id> people;
  for (const auto* f : foundations) {
    member_sets.insert(f->id);
    for (const auto& t : f->tiers)
      for (const auto& r : t.requirements) member_sets.insert(r.foundation);
  }
  for (const auto* b : bodies) {
    if (const auto* f = std::get_if<foundation_id>(&b->owner)) {
      member_sets.insert(*f);
    } else {
      for (const auto& st : reg.at(std::get<project_id>(b->owner)).stewards) {
        add(st.when);
        if (const auto* f = std::get_if<foundation_id>(&st.who)) member_sets.insert(*f);
      }
    }
    std::set<body_id> seated_bodies{b->id};
    seated_bodies.insert(b->rules.exclusive_with.begin(), b->rules.exclusive_with.end());
    for (const auto& seated : seated_bodies)
      for (const auto* s : reg.seat_history(seated)) {
        add(s->when);
        people.insert(s->person);
      }
    const role_scope scope = std::visit([](const auto& id) -> role_scope { return id; }, b->owner);
    for (const auto& r : reg.roles())
      if (r.scope == scope) add(r.when);
    // Terms run out on dates no period names: the limit is first exceeded
    // `term_years * max_consecutive_terms` after the start of a run.
    if (b->rules.term_years && b->rules.max_consecutive_terms) {
      const int years = *b->rules.term_years * *b->rules.max_consecutive_terms;
      std::set<person_id> members;
      for (const auto* s : reg.seat_history(b->id)) members.insert(s->person);
      for (const auto& p : members)
        for (const auto& run : merge_runs(service(reg, b->id, p)))
          if (const auto d = add_years(run.from, years); run.contains(d)) points.insert(d);
    }
  }
  for (const auto& m : reg.memberships())
    if (member_sets.contains(m.foundation)) add(m.when);
  for (const auto& p : people)
    for (const auto& a : reg.at(p).affiliations) add(a.when);
  return {points.begin(), points.end()};
}

}  // namespace

std::vector<finding> check(const registry& reg, date on, const check_scope& scope) {
  auto found = evaluate(reg, on, bodies_in(reg, scope), foundations_in(reg, scope));
  std::sort(found.begin(), found.end(), by_code);
  return found;
}

std::vector<finding> check_all(const registry& reg, const check_scope& scope) {
  const auto bodies = bodies_in(reg, scope);
  const auto foundations = foundations_in(reg, scope);
  std::vector<finding> done;
  std::map<std::pair<std::string, subjects>, finding> open;  // holding at the last point
  for (const date point : change_points(reg, bodies, foundations)) {
    std::map<std::pair<std::string, subjects>, finding> now;
    for (auto& f : evaluate(reg, point, bodies, foundations)) {
      auto key = std::make_pair(f.code, f.subjects);
      if (auto it = open.find(key); it != open.end()) {
        now.emplace(std::move(key), std::move(it->second));
        open.erase(it);
      } else {
        f.when = {point, std::nullopt};
        now.emplace(std::move(key), std::move(f));
      }
    }
    for (auto& [key, f] : open) {  // held until this point, not at it
      f.when.to = point;
      done.push_back(std::move(f));
    }
    open = std::move(now);
  }
  for (auto& [key, f] : open) done.push_back(std::move(f));
  std::sort(done.begin(), done.end(), [](const finding& a, const finding& b) {
    if (a.when.from != b.when.from) return a.when.from < b.when.from;
    return by_code(a, b);
  });
  return done;
}

}  // namespace charter
