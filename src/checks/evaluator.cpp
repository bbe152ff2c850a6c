// The governance rules at one date: what each finding code of the spec
// checks, and the helpers check() and check_all() share.

#include "checks/evaluator.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace charter::detail {

date add_years(date d, int years) {
  date result = d + std::chrono::years{years};
  if (!result.ok())  // 29 February in a year without one: the last day of
                     // February.
    result = date{std::chrono::year_month_day_last{
        result.year(), std::chrono::month_day_last{result.month()}}};
  return result;
}

std::vector<const body*> bodies_in(const registry& reg,
                                   const check_scope& scope) {
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
                      [&](const steward& s) {
                        return s.who == steward_ref{*scope.foundation};
                      }))
        out.push_back(&b);
    }
  }
  return out;
}

std::vector<const foundation*> foundations_in(const registry& reg,
                                              const check_scope& scope) {
  std::vector<const foundation*> out;
  if (scope.body) return out;
  if (scope.foundation)
    out.push_back(&reg.at(*scope.foundation));
  else
    for (const auto& f : reg.foundations()) out.push_back(&f);
  return out;
}

std::vector<period> merge_runs(std::vector<period> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const period& x, const period& y) { return x.from < y.from; });
  std::vector<period> runs;
  for (const auto& p : spans) {
    if (runs.empty() || (runs.back().to && p.from > *runs.back().to))
      runs.push_back(p);
    else if (runs.back().to && (!p.to || *p.to > *runs.back().to))
      runs.back().to = p.to;
  }
  return runs;
}

std::vector<period> service(const registry& reg, const body_id& b,
                            const person_id& person) {
  std::vector<period> spans;
  for (const auto* s : reg.seat_history(person))
    if (s->body == b) spans.push_back(s->when);
  return spans;
}

std::optional<date> run_start(const std::vector<period>& runs, date on) {
  for (const auto& run : runs)
    if (run.contains(on)) return run.from;
  return std::nullopt;
}

void evaluator::check_body(const body& b) {
  const auto seats = reg_.seats(b.id, on_);
  check_representation(b, seats);
  check_alternates(b, seats);
  // Alternate seats are not filled seats: caps, size and offices ignore them.
  auto filled = seats;
  std::erase_if(filled, [](const seat* s) { return s->is_alternate(); });
  check_families(b, filled);
  check_entitlements(b);
  check_seated(b, filled);
  check_reports(b);
  check_meetings(b);
  if (b.rules.suspend_after_missed)
    check_suspensions(b, reg_.suspensions(b.id));
}

void evaluator::check_meetings(const body& b) {
  if (!b.rules.quorum) return;
  for (const auto* m : reg_.meetings(b.id, {on_, add_days(on_)})) {
    const auto q = reg_.quorum(m->id);
    if (q.met) continue;
    add("quorum-not-met",
        m->votes.empty() ? severity::warning : severity::error,
        {m->id.str(), b.id.str()},
        fmt::format("meeting {} of {} on {} counted {} of {} voting members, "
                    "short of its quorum of {:g}{}",
                    m->id.str(), b.id.str(), to_string(m->on), q.counted,
                    q.voting, *q.required,
                    m->votes.empty() ? "" : ", and took votes"));
  }
}

void evaluator::check_suspensions(const body& b,
                                  const std::vector<suspension>& all) {
  for (const auto& x : all)
    if (x.when.contains(on_))
      add("vote-suspended", severity::warning, {b.id.str(), x.person.str()},
          fmt::format("the vote of {} on {} is suspended since {}, after {} "
                      "missed regular meetings",
                      x.person.str(), b.id.str(), to_string(x.when.from),
                      *b.rules.suspend_after_missed));
}

void evaluator::check_alternates(const body& b,
                                 const std::vector<const seat*>& seats) {
  for (const auto* s : seats) {
    if (!s->is_alternate()) continue;
    const auto& principal = *s->alternate_for;
    std::vector<const seat*> theirs;  // the principal's seats of the class
    for (const auto* t : seats)
      if (!t->is_alternate() && t->person == principal &&
          t->seat_class == s->seat_class)
        theirs.push_back(t);
    const subjects ids{b.id.str(), s->person.str(), principal.str()};
    if (theirs.empty()) {
      add("alternate-without-principal", severity::error, ids,
          fmt::format("{} is the alternate of {} in class {} of {}, who holds "
                      "no seat in it",
                      s->person.str(), principal.str(), s->seat_class.str(),
                      b.id.str()));
      continue;
    }
    if (std::any_of(theirs.begin(), theirs.end(), [&](const seat* t) {
          return t->represents == s->represents;
        }))
      continue;
    const auto name = [](const std::optional<org_id>& o) {
      return o ? o->str() : std::string{"no organization"};
    };
    // The same words whatever the order of the seats (a principal with two
    // seats of the class at once names the first organization).
    std::sort(theirs.begin(), theirs.end(), [](const seat* x, const seat* y) {
      return x->represents < y->represents;
    });
    add("alternate-other-organization", severity::warning, ids,
        fmt::format("{}, the alternate of {} on {}, represents {}, not {}",
                    s->person.str(), principal.str(), b.id.str(),
                    name(s->represents), name(theirs.front()->represents)));
  }
}

void evaluator::check_reports(const body& b) {
  if (!b.reporting) return;
  // Every month before this one (reports_due starts at the first owed): a
  // report is missing from the first day of the next month to the day it
  // is submitted (exclusive).
  const period before{
      date{std::chrono::year{1}, std::chrono::January, std::chrono::day{1}},
      first_day(month_of(on_))};
  for (const auto& r : reg_.reports_due(b.id, before)) {
    if (r.submitted && r.submitted->submitted <= on_) continue;
    const auto month = to_string(r.month);
    add("report-missing", severity::warning, {b.id.str(), month},
        fmt::format("{} has not submitted its report for {} to {}", b.id.str(),
                    month, b.reporting->to.str()));
  }
}

void evaluator::check_representation(const body& b,
                                     const std::vector<const seat*>& seats) {
  const auto home = reg_.home_of(b, on_);
  for (const auto* s : seats) {
    const auto* c = b.find_class(s->seat_class);
    if (c &&
        (c->mode == seat_mode::per_member || c->mode == seat_mode::elected) &&
        s->represents && c->tier) {
      const auto* m =
          home ? reg_.membership_of(*s->represents, *home, on_) : nullptr;
      if (!m || m->tier != *c->tier)
        add("seat-without-membership", severity::error,
            {b.id.str(), c->id.str(), s->person.str(), s->represents->str()},
            fmt::format("{} sits on {} in class {} for {}, which holds no {} "
                        "membership{}",
                        s->person.str(), b.id.str(), c->id.str(),
                        s->represents->str(), c->tier->str(),
                        home ? " of " + home->str() : ""));
    }
    if (s->represents) {
      const auto ties = reg_.affiliations(s->person, on_);
      if (std::none_of(ties.begin(), ties.end(), [&](const affiliation* a) {
            return a->org == *s->represents;
          }))
        add("representative-not-affiliated", severity::warning,
            {b.id.str(), s->person.str(), s->represents->str()},
            fmt::format("{} represents {} on {} but is not affiliated with it",
                        s->person.str(), s->represents->str(), b.id.str()));
    }
  }
}

void evaluator::check_families(const body& b,
                               const std::vector<const seat*>& seats) {
  const auto& rules = b.rules;
  if (rules.max_per_family || rules.max_fraction_per_family) {
    std::map<std::string, int> per_family;
    for (const auto* s : seats)
      for (const auto& f : reg_.families_of(*s, on_)) ++per_family[f.str()];
    const auto filled = static_cast<double>(seats.size());
    for (const auto& [family, count] : per_family) {
      if (rules.max_per_family && count > *rules.max_per_family)
        add("family-cap-exceeded", severity::error, {b.id.str(), family},
            fmt::format(
                "{} holds {} seats on {}, more than the cap of {} per family",
                family, count, b.id.str(), *rules.max_per_family));
      else if (rules.max_fraction_per_family &&
               count / filled > *rules.max_fraction_per_family)
        add("family-cap-exceeded", severity::error, {b.id.str(), family},
            fmt::format("{} holds {} of {} seats on {}, more than the cap of "
                        "{} of the seats",
                        family, count, seats.size(), b.id.str(),
                        *rules.max_fraction_per_family));
    }
  }
}

void evaluator::check_seated(const body& b,
                             const std::vector<const seat*>& seats) {
  const auto& rules = b.rules;
  if (rules.term_years && rules.max_consecutive_terms) {
    std::set<person_id> seated;
    for (const auto* s : seats) seated.insert(s->person);
    for (const auto& p : seated) {
      const auto start =
          runs_known ? run_start(runs_known->at(p), on_)
                     : run_start(merge_runs(service(reg_, b.id, p)), on_);
      if (!start) continue;
      const int limit_years = *rules.term_years * *rules.max_consecutive_terms;
      // The words hold on every day of the run past the limit (no term
      // number, which would change on dates check_all does not visit).
      if (const date limit = add_years(*start, limit_years); on_ >= limit)
        add("term-limit-exceeded", severity::warning, {b.id.str(), p.str()},
            fmt::format("{} has sat on {} without a break since {}, past the "
                        "limit of {} terms of {} years (reached {})",
                        p.str(), b.id.str(), to_string(*start),
                        *rules.max_consecutive_terms, *rules.term_years,
                        to_string(limit)));
    }
  }

  const auto size = static_cast<int>(seats.size());
  if ((rules.min_size && size < *rules.min_size) ||
      (rules.max_size && size > *rules.max_size))
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
        fmt::format("{} people hold the office of {} of {}: {}", people.size(),
                    to_string(o), b.id.str(), fmt::join(people, ", ")));
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
          fmt::format("{} sits on both {} and {}, which exclude each other", p,
                      first, second));
  }
}

void evaluator::check_entitlements(const body& b) {
  for (const auto& e : reg_.entitlements(b.id, on_))
    check_entitlement(b, e.seat_class->id, e.filled, e.seats);
}

void evaluator::check_entitlement(const body& b, const seat_class_id& id,
                                  int filled, int seats) {
  const auto& c = id.str();
  if (filled > seats)
    add("seats-over-entitlement", severity::error, {b.id.str(), c},
        fmt::format("class {} of {} has {} seats filled but is owed {}", c,
                    b.id.str(), filled, seats));
  else if (filled < seats)
    add("seat-vacant", severity::warning, {b.id.str(), c},
        fmt::format("class {} of {} has {} of {} seats filled", c, b.id.str(),
                    filled, seats));
}

void evaluator::check_foundation(const foundation& f) {
  for (const auto& group : reg_.members(f.id, on_)) {
    for (const auto& req : group.tier->requirements) {
      const auto* other = reg_.find(req.foundation);
      const auto* min = other ? other->find_tier(req.min_tier) : nullptr;
      if (!min) continue;
      for (const auto* m : group.members)
        check_prerequisite(f, *group.tier, req, *other, *min, m->org,
                           reg_.membership_of(m->org, req.foundation, on_));
    }
  }
  check_dues(f);
}

void evaluator::check_dues(const foundation& f) {
  for (const auto& inv : reg_.invoices())
    if (inv.foundation == f.id) check_invoice(f, inv);
}

void evaluator::check_invoice(const foundation& f, const invoice& inv) {
  const date due = reg_.due_date(inv.id);
  const auto paid = reg_.paid_in_full_on(inv.id);
  // Unpaid on `on`: not paid in full yet (the day it is paid in full ends
  // both findings). A span that would be empty is never reached.
  if (on_ <= due || (paid && on_ >= *paid)) return;
  add("dues-overdue", severity::warning, {inv.id.str(), inv.org.str()},
      fmt::format("invoice {} of {} to {} was due on {} and is not paid in "
                  "full",
                  inv.id.str(), inv.org.str(), f.id.str(), to_string(due)));
  const int grace = f.dues && f.dues->grace_days ? *f.dues->grace_days : 0;
  if (on_ < add_days(due, grace + 1) || !reg_.membership_of(inv.org, f.id, on_))
    return;
  add("membership-lapsed", severity::error,
      {inv.org.str(), f.id.str(), inv.id.str()},
      fmt::format("the membership of {} in {} has lapsed: invoice {}, due on "
                  "{}, is unpaid past the grace of {} days",
                  inv.org.str(), f.id.str(), inv.id.str(), to_string(due),
                  grace));
}

void evaluator::check_prerequisite(const foundation& f, const tier& t,
                                   const tier_requirement& req,
                                   const foundation& other, const tier& min,
                                   const org_id& org, const membership* held) {
  const auto* held_tier = held ? other.find_tier(held->tier) : nullptr;
  if (held_tier && held_tier->rank <= min.rank) return;
  add("prerequisite-missing", severity::error,
      {f.id.str(), org.str(), req.foundation.str()},
      fmt::format("{} is a {} member of {}, which requires {} membership of {} "
                  "or higher{}",
                  org.str(), t.id.str(), f.id.str(), req.min_tier.str(),
                  req.foundation.str(),
                  held ? fmt::format(" (it is {})", held->tier.str())
                       : " (it is not a member)"));
}

void evaluator::add(std::string code, severity sev, subjects ids,
                    std::string message) {
  if (!seen_.insert({code, ids}).second) return;
  findings.push_back({std::move(code),
                      sev,
                      std::move(ids),
                      {on_, add_days(on_)},
                      std::move(message)});
}

std::vector<finding> evaluate(
    const registry& reg, date on, const std::vector<const body*>& bodies,
    const std::vector<const foundation*>& foundations) {
  evaluator e(reg, on);
  for (const auto* f : foundations) e.check_foundation(*f);
  for (const auto* b : bodies) e.check_body(*b);
  return std::move(e.findings);
}

bool by_code(const finding& a, const finding& b) {
  return std::tie(a.code, a.subjects) < std::tie(b.code, b.subjects);
}

}  // namespace charter::detail
