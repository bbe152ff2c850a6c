// check_all: the findings over all dates, each part of a scope evaluated
// only at the dates where what it reads changes.

#include <charter/checks.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "checks/evaluator.hpp"

namespace charter {

namespace {

using detail::add_years;
using detail::bodies_in;
using detail::by_code;
using detail::evaluator;
using detail::foundations_in;
using detail::merge_runs;
using detail::run_start;
using detail::service;
using detail::service_runs;
using subjects = evaluator::subjects;

// ---- check_all
//
// The findings of check_all are those of evaluating the whole scope at every
// change point of the scope (see checks.hpp). Evaluating everything at every
// point costs (points x scope), which grows with the square of the registry;
// instead each part (a foundation's member, a body's seats, one seat class's
// entitlement) is evaluated only at the points where what it reads changes,
// plus the scope's first point. Those are change points of the scope too, and
// the part's findings cannot change between them, so each finding starts and
// stops on the same dates as when evaluated at every point.

using finding_key = std::pair<std::string, subjects>;

// Joins a part's findings at successive points into date ranges: a finding
// goes on while its code, subjects and message stay the same; a change in
// its message (its figures: "1 of 6 seats filled", then "2 of 7") ends one
// range and starts the next, so that a range says what holds on every day
// of it.
class runs {
 public:
  explicit runs(std::vector<finding>& done) : done_(done) {}
  runs(const runs&) = delete;
  runs& operator=(const runs&) = delete;
  // Those still holding at the last point are open-ended.
  void finish() {
    for (auto& [key, f] : open_) done_.push_back(std::move(f));
    open_.clear();
  }

  void step(date point, std::vector<finding>& found) {
    if (found.empty() && open_.empty()) return;
    std::map<finding_key, finding> now;
    for (auto& f : found) {
      auto key = std::make_pair(f.code, f.subjects);
      if (auto it = open_.find(key);
          it != open_.end() && it->second.message == f.message) {
        now.emplace(std::move(key), std::move(it->second));
        open_.erase(it);
      } else {  // new, or its figures changed (the old range ends below)
        f.when = {point, std::nullopt};
        now.emplace(std::move(key), std::move(f));
      }
    }
    for (auto& [key, f] : open_) {  // held as it was until this point
      f.when.to = point;
      done_.push_back(std::move(f));
    }
    open_ = std::move(now);
  }

 private:
  std::vector<finding>& done_;
  std::map<finding_key, finding> open_;  // holding at the last point
};

// The dates a part is evaluated at.
struct point_set {
  std::vector<date> dates;

  void add(const period& p) {
    dates.push_back(p.from);
    if (p.to) dates.push_back(*p.to);
  }
  const std::vector<date>& sorted(date first) {
    dates.push_back(first);
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    return dates;
  }
};

// Evaluates one part of a scope at each of its dates (`check(on)` after
// `e.at(on)`), and turns what it finds into dated findings in `done`.
template <class Check>
void run_part(evaluator& e, point_set& points, date first,
              std::vector<finding>& done, Check&& check) {
  runs r(done);
  for (const date on : points.sorted(first)) {
    e.at(on);
    check(on);
    r.step(on, e.findings);
  }
  r.finish();
}

role_scope scope_of(const body& b) {
  return std::visit([](const auto& id) -> role_scope { return id; }, b.owner);
}

// The foundations whose memberships a scope reads: its foundations and those
// their tiers require, the bodies' own foundations and any foundation that
// ever stewards their projects.
std::set<foundation_id> foundations_read(
    const registry& reg, const std::vector<const body*>& bodies,
    const std::vector<const foundation*>& foundations) {
  std::set<foundation_id> read;
  for (const auto* f : foundations) {
    read.insert(f->id);
    for (const auto& tr : f->tiers)
      for (const auto& r : tr.requirements) read.insert(r.foundation);
  }
  for (const auto* b : bodies) {
    if (const auto* f = std::get_if<foundation_id>(&b->owner)) {
      read.insert(*f);
    } else {
      for (const auto& st : reg.at(std::get<project_id>(b->owner)).stewards)
        if (const auto* steward = std::get_if<foundation_id>(&st.who))
          read.insert(*steward);
    }
  }
  return read;
}

// The last date any record of the registry names: the start or end of a
// period, a meeting, an invoice's issue, due date and payments, a report's
// submission, a reporting schedule's first month. Reports owed after it are
// owed in a future the registry does not know yet.
std::optional<date> last_date(const registry& reg) {
  std::optional<date> last;
  auto later = [&last](date x) {
    if (!last || x > *last) last = x;
  };
  auto span = [&later](const period& p) {
    later(p.from);
    if (p.to) later(*p.to);
  };
  for (const auto& m : reg.memberships()) span(m.when);
  for (const auto& s : reg.seats()) span(s.when);
  for (const auto& r : reg.roles()) span(r.when);
  for (const auto& p : reg.people())
    for (const auto& a : p.affiliations) span(a.when);
  for (const auto& p : reg.projects())
    for (const auto& st : p.stewards) span(st.when);
  for (const auto& m : reg.meetings()) later(m.on);
  for (const auto& inv : reg.invoices()) {
    later(inv.issued);
    later(reg.due_date(inv.id));
    for (const auto& pay : inv.payments) later(pay.on);
  }
  for (const auto& r : reg.reports()) later(r.submitted);
  for (const auto& b : reg.bodies())
    if (b.reporting && b.reporting->from) later(first_day(*b.reporting->from));
  return last;
}

// What check_all reads often, indexed once.
struct timeline {
  const registry& reg;
  std::map<foundation_id, std::vector<const membership*>> by_foundation;
  // Per foundation and tier: the starts and the ends of the memberships
  // (those with days in them), each sorted, to count members on a date.
  std::map<std::pair<foundation_id, tier_id>,
           std::pair<std::vector<date>, std::vector<date>>>
      tier_spans;
  std::map<role_scope, std::vector<const role*>> roles_by_scope;
  std::map<foundation_id, std::vector<const invoice*>> invoices_by_foundation;
  // The last date any record names (see last_date).
  std::optional<date> last;
  // Before any date a record can name.
  static constexpr date earliest{std::chrono::year{1}, std::chrono::January,
                                 std::chrono::day{1}};

  // Only the memberships of `read` and the roles of the bodies' owners: a
  // small scope should not pay for indexing the whole registry.
  timeline(const registry& r, const std::set<foundation_id>& read,
           const std::vector<const body*>& bodies)
      : reg(r) {
    for (const auto& m : reg.memberships()) {
      if (!read.contains(m.foundation)) continue;
      by_foundation[m.foundation].push_back(&m);
      if (!m.when.ok()) continue;
      auto& [from, to] = tier_spans[{m.foundation, m.tier}];
      from.push_back(m.when.from);
      if (m.when.to) to.push_back(*m.when.to);
    }
    for (auto& [key, spans] : tier_spans) {
      std::sort(spans.first.begin(), spans.first.end());
      std::sort(spans.second.begin(), spans.second.end());
    }
    std::set<role_scope> scopes;
    for (const auto* b : bodies) scopes.insert(scope_of(*b));
    for (const auto& role : reg.roles())
      if (scopes.contains(role.scope))
        roles_by_scope[role.scope].push_back(&role);
    if (std::any_of(bodies.begin(), bodies.end(),
                    [](const body* b) { return b->reporting.has_value(); }))
      last = last_date(reg);
    for (const auto& inv : reg.invoices())
      if (read.contains(inv.foundation))
        invoices_by_foundation[inv.foundation].push_back(&inv);
  }

  const std::vector<const invoice*>& invoices(const foundation_id& f) const {
    static const std::vector<const invoice*> none;
    const auto it = invoices_by_foundation.find(f);
    return it == invoices_by_foundation.end() ? none : it->second;
  }

  const std::vector<const membership*>& memberships(
      const foundation_id& f) const {
    static const std::vector<const membership*> none;
    const auto it = by_foundation.find(f);
    return it == by_foundation.end() ? none : it->second;
  }
  const std::vector<const role*>& roles(const role_scope& scope) const {
    static const std::vector<const role*> none;
    const auto it = roles_by_scope.find(scope);
    return it == roles_by_scope.end() ? none : it->second;
  }
  // The dates the members of `f` in `t` change (memberships with no day
  // in them never count).
  void add_tier_changes(const foundation_id& f, const tier_id& t,
                        std::vector<date>& out) const {
    const auto it = tier_spans.find({f, t});
    if (it == tier_spans.end()) return;
    out.insert(out.end(), it->second.first.begin(), it->second.first.end());
    out.insert(out.end(), it->second.second.begin(), it->second.second.end());
  }
  // registry::members(f, t, on).size()
  std::size_t members(const foundation_id& f, const tier_id& t, date on) const {
    const auto it = tier_spans.find({f, t});
    if (it == tier_spans.end()) return 0;
    const auto& [from, to] = it->second;
    return static_cast<std::size_t>(
        (std::upper_bound(from.begin(), from.end(), on) - from.begin()) -
        (std::upper_bound(to.begin(), to.end(), on) - to.begin()));
  }
};

// The earliest change point of the scope: the start or end of a membership
// of the foundations involved, a seat of the bodies or of the bodies they
// exclude, an affiliation of anyone seated there, a role in the bodies'
// scope, a steward of their projects, an invoice of the foundations in scope
// (issued, or overdue if that is earlier). (Term limits run out inside a
// seat.)
std::optional<date> first_change(
    const timeline& t, const std::set<foundation_id>& read,
    const std::vector<const body*>& bodies,
    const std::vector<const foundation*>& foundations) {
  const auto& reg = t.reg;
  std::optional<date> first;
  auto add = [&first](const period& p) {
    if (!first || p.from < *first) first = p.from;
    if (p.to && *p.to < *first) first = p.to;
  };
  std::set<person_id> people;
  for (const auto* b : bodies) {
    if (const auto* p = std::get_if<project_id>(&b->owner))
      for (const auto& st : reg.at(*p).stewards) add(st.when);
    std::set<body_id> seated_bodies{b->id};
    seated_bodies.insert(b->rules.exclusive_with.begin(),
                         b->rules.exclusive_with.end());
    for (const auto& seated : seated_bodies)
      for (const auto* s : reg.seat_history(seated)) {
        add(s->when);
        people.insert(s->person);
      }
    for (const auto* r : t.roles(scope_of(*b))) add(r->when);
    if (b->reporting && b->reporting->from)
      add({first_day(*b->reporting->from), std::nullopt});
    if (b->rules.quorum || b->rules.suspend_after_missed)
      for (const auto* m : reg.meetings(b->id, {t.earliest, std::nullopt}))
        add({m->on, std::nullopt});
  }
  for (const auto& f : read)
    for (const auto* m : t.memberships(f)) add(m->when);
  for (const auto& p : people)
    for (const auto& a : reg.at(p).affiliations) add(a.when);
  for (const auto* f : foundations)
    for (const auto* inv : t.invoices(f->id)) {
      add({inv->issued, std::nullopt});
      add({add_days(reg.due_date(inv->id)), std::nullopt});
    }
  return first;
}

// A foundation's dues findings, invoice by invoice: an invoice's findings
// change on the day after it is due, the day its grace runs out, the day it
// is paid in full, and when its organization's memberships of the
// foundation start or end.
void dues_runs(const timeline& t, const foundation& f, date first,
               std::vector<finding>& done) {
  const auto& reg = t.reg;
  evaluator e(reg, first);
  const int grace = f.dues && f.dues->grace_days ? *f.dues->grace_days : 0;
  for (const auto* inv : t.invoices(f.id)) {
    point_set points;
    const date due = reg.due_date(inv->id);
    points.dates.push_back(add_days(due));
    points.dates.push_back(add_days(due, grace + 1));
    if (const auto paid = reg.paid_in_full_on(inv->id))
      points.dates.push_back(*paid);
    for (const auto* m : reg.membership_history(inv->org, f.id))
      points.add(m->when);
    run_part(e, points, first, done, [&](date) { e.check_invoice(f, *inv); });
  }
}

// A foundation's prerequisite findings, member by member: a member's
// findings change only when its memberships of the foundation or of the
// foundations its tiers require start or end.
void foundation_runs(const timeline& t, const foundation& f, date first,
                     std::vector<finding>& done) {
  const auto& reg = t.reg;
  // registry::members groups the members by tier, in rank order.
  std::vector<const tier*> tiers;
  for (const auto& tr : f.tiers) tiers.push_back(&tr);
  std::stable_sort(
      tiers.begin(), tiers.end(),
      [](const tier* a, const tier* b) { return a->rank < b->rank; });
  auto rows = t.memberships(f.id);
  std::stable_sort(
      rows.begin(), rows.end(),
      [](const membership* a, const membership* b) { return a->org < b->org; });
  evaluator e(reg, first);
  for (auto it = rows.begin(); it != rows.end();) {
    const auto end = std::find_if(it, rows.end(), [&](const membership* m) {
      return m->org != (*it)->org;
    });
    const std::span<const membership* const> own(it, end);
    const org_id& org = (*it)->org;
    it = end;
    std::map<foundation_id, std::vector<const membership*>>
        held;  // of the required foundations
    for (const auto* m : own)
      for (const auto* tr : tiers)
        if (tr->id == m->tier)
          for (const auto& req : tr->requirements)
            held.emplace(req.foundation, std::vector<const membership*>{});
    if (held.empty()) continue;
    point_set points;
    for (const auto* m : own) points.add(m->when);
    for (auto& [rf, ms] : held) {
      ms = reg.membership_history(org, rf);
      for (const auto* m : ms) points.add(m->when);
    }
    run_part(e, points, first, done, [&](date on) {
      for (const auto* tr : tiers)
        for (const auto* m : own) {
          if (m->tier != tr->id || !m->when.contains(on)) continue;
          for (const auto& req : tr->requirements) {
            const auto* other = reg.find(req.foundation);
            const auto* min = other ? other->find_tier(req.min_tier) : nullptr;
            if (!min) continue;
            const membership* in_force = nullptr;
            for (const auto* h : held.at(req.foundation))
              if (h->when.contains(on)) {
                in_force = h;
                break;
              }
            e.check_prerequisite(f, *tr, req, *other, *min, org, in_force);
          }
        }
    });
  }
}

// The seats of `history` filled on `on` (as registry::seats, in another
// order: the checks given them count them or collect them in sets).
const std::vector<const seat*>& filled(const std::vector<const seat*>& history,
                                       date on, std::vector<const seat*>& out) {
  out.clear();
  for (const auto* s : history)
    if (s->when.contains(on)) out.push_back(s);
  return out;
}

// A body's findings, in parts that each read less than the whole body.
void body_runs(const timeline& t, const body& b, date first,
               std::vector<finding>& done) {
  const auto& reg = t.reg;
  const auto every_seat = reg.seat_history(b.id);
  // Alternate seats are not filled seats: only representation reads them.
  auto history = every_seat;
  std::erase_if(history, [](const seat* s) { return s->is_alternate(); });
  const project* owner = nullptr;
  std::vector<foundation_id> homes;  // every foundation that is ever its home
  if (const auto* f = std::get_if<foundation_id>(&b.owner)) {
    homes.push_back(*f);
  } else {
    owner = &reg.at(std::get<project_id>(b.owner));
    for (const auto& st : owner->stewards)
      if (const auto* steward = std::get_if<foundation_id>(&st.who))
        homes.push_back(*steward);
  }
  evaluator e(reg, first);
  std::vector<const seat*> in_force;
  // Seats for an organization, by holder and organization (their findings
  // name both): when the seats, the home, the organization's memberships of
  // a home or the holder's affiliations change.
  {
    std::map<std::pair<person_id, org_id>, std::vector<const seat*>> by_holder;
    for (const auto* s : every_seat)
      if (s->represents) by_holder[{s->person, *s->represents}].push_back(s);
    for (const auto& [holder, seats] : by_holder) {
      point_set points;
      for (const auto* s : seats) points.add(s->when);
      if (owner)
        for (const auto& st : owner->stewards) points.add(st.when);
      for (const auto& a : reg.at(holder.first).affiliations)
        points.add(a.when);
      for (const auto& h : homes)
        for (const auto* m : reg.membership_history(holder.second, h))
          points.add(m->when);
      const auto& held = seats;  // a structured binding cannot be captured in
                                 // C++17 (nor by clang 14)
      run_part(e, points, first, done, [&](date on) {
        e.check_representation(b, filled(held, on, in_force));
      });
    }
  }
  // Alternates, by alternate and principal (their findings name both): when
  // the alternate's seats or the principal's seats on the body change.
  {
    std::map<std::pair<person_id, person_id>, std::vector<const seat*>> pairs;
    for (const auto* s : every_seat)
      if (s->is_alternate()) pairs[{s->person, *s->alternate_for}].push_back(s);
    for (auto& [pair, seats] : pairs) {
      for (const auto* s : history)
        if (s->person == pair.second) seats.push_back(s);
      point_set points;
      for (const auto* s : seats) points.add(s->when);
      const auto& read = seats;
      run_part(e, points, first, done, [&](date on) {
        e.check_alternates(b, filled(read, on, in_force));
      });
    }
  }
  // Family caps: when the seats or the ties of a holder who represents no
  // organization change.
  if (b.rules.max_per_family || b.rules.max_fraction_per_family) {
    point_set points;
    std::set<person_id> unattached;
    for (const auto* s : history) {
      points.add(s->when);
      if (!s->represents) unattached.insert(s->person);
    }
    for (const auto& p : unattached)
      for (const auto& a : reg.at(p).affiliations) points.add(a.when);
    run_part(e, points, first, done, [&](date on) {
      e.check_families(b, filled(history, on, in_force));
    });
  }
  // The rest: when its seats or those of the bodies it excludes change, or
  // a term runs out.
  {
    point_set points;
    for (const auto* s : history) points.add(s->when);
    for (const auto& other : b.rules.exclusive_with)
      for (const auto* s : reg.seat_history(other)) points.add(s->when);
    // Terms run out on dates no period names: the limit is first exceeded
    // `term_years * max_consecutive_terms` after the start of a run.
    service_runs served;
    if (b.rules.term_years && b.rules.max_consecutive_terms) {
      const int years = *b.rules.term_years * *b.rules.max_consecutive_terms;
      for (const auto* s : history)
        if (!served.contains(s->person))
          served.emplace(s->person, merge_runs(service(reg, b.id, s->person)));
      for (const auto& [p, spans] : served)
        for (const auto& run : spans)
          if (const auto d = add_years(run.from, years); run.contains(d))
            points.dates.push_back(d);
    }
    e.runs_known = &served;
    run_part(e, points, first, done, [&](date on) {
      e.check_seated(b, filled(history, on, in_force));
    });
    e.runs_known = nullptr;
  }
  // Reports: a month's report goes missing on the first day of the next
  // month and is found on the day it is submitted. The months owed have no
  // end: check_all covers those whose report goes missing on or before the
  // last date the registry names (t.last).
  if (b.reporting) {
    if (const auto& last = t.last) {
      point_set points;
      for (const auto& r : reg.reports_due(b.id, {first, *last})) {
        const date missing = first_day(r.month + std::chrono::months{1});
        if (missing > *last) continue;
        points.dates.push_back(missing);
        if (r.submitted) points.dates.push_back(r.submitted->submitted);
      }
      run_part(e, points, first, done, [&](date) { e.check_reports(b); });
    }
  }
  // Meetings: a meeting's quorum finding holds on its day alone (what it
  // reads is as of that day).
  if (b.rules.quorum) {
    point_set points;
    for (const auto* m : reg.meetings(b.id, {t.earliest, std::nullopt})) {
      points.dates.push_back(m->on);
      points.dates.push_back(add_days(m->on));
    }
    run_part(e, points, first, done, [&](date) { e.check_meetings(b); });
  }
  // Suspensions: computed once, each from its first meeting to its end.
  if (b.rules.suspend_after_missed) {
    const auto all = reg.suspensions(b.id);
    point_set points;
    for (const auto& x : all) points.add(x.when);
    run_part(e, points, first, done,
             [&](date) { e.check_suspensions(b, all); });
  }
  const auto scope = scope_of(b);
  for (std::size_t i = 0; i < b.seat_classes.size(); ++i) {
    const auto& c = b.seat_classes[i];
    // registry::entitlements reads a repeated class id as its first class.
    if (b.find_class(c.id) != &c) continue;
    const bool by_tier =
        (c.mode == seat_mode::per_member || c.mode == seat_mode::elected) &&
        c.tier;
    std::vector<const seat*> filling;
    for (const auto* s : history)
      if (s->seat_class == c.id) filling.push_back(s);
    std::vector<const role*> bringing;
    if (c.mode == seat_mode::ex_officio)
      for (const auto* holder : t.roles(scope))
        if (holder->title == c.role) bringing.push_back(holder);
    point_set points;
    for (const auto* s : filling) points.add(s->when);
    for (const auto* holder : bringing) points.add(holder->when);
    if (owner)
      for (const auto& st : owner->stewards) points.add(st.when);
    if (by_tier)
      for (const auto& h : homes) t.add_tier_changes(h, *c.tier, points.dates);
    run_part(e, points, first, done, [&](date on) {
      int seats = 0;
      if (c.mode == seat_mode::fixed) {
        seats = c.count;
      } else if (c.mode == seat_mode::ex_officio) {
        for (const auto* holder : bringing)
          seats += holder->when.contains(on) ? 1 : 0;
      } else if (c.tier) {
        if (const auto home = reg.home_of(b, on)) {
          const auto n = t.members(*home, *c.tier, on);
          seats = c.mode == seat_mode::per_member ? static_cast<int>(n)
                                                  : c.elected_seats(n);
        }
      }
      int taken = 0;
      for (const auto* s : filling) taken += s->when.contains(on) ? 1 : 0;
      e.check_entitlement(b, c.id, taken, seats);
    });
  }
}

}  // namespace

std::vector<finding> check_all(const registry& reg, const check_scope& scope) {
  const auto bodies = bodies_in(reg, scope);
  const auto foundations = foundations_in(reg, scope);
  const auto read = foundations_read(reg, bodies, foundations);
  const timeline t(reg, read, bodies);
  const auto first = first_change(t, read, bodies, foundations);
  std::vector<finding> done;
  if (!first) return done;
  // The parts are independent: share them out among the cores (a small
  // scope is not worth a thread).
  const std::size_t parts = foundations.size() + bodies.size();
  auto run_part = [&](std::size_t i, std::vector<finding>& out) {
    if (i < foundations.size()) {
      foundation_runs(t, *foundations[i], *first, out);
      dues_runs(t, *foundations[i], *first, out);
    } else
      body_runs(t, *bodies[i - foundations.size()], *first, out);
  };
  const std::size_t workers =
      parts < 64
          ? 1
          : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1,
                                    std::min<std::size_t>(parts / 32, 16));
  if (workers == 1) {
    for (std::size_t i = 0; i < parts; ++i) run_part(i, done);
  } else {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::vector<std::vector<finding>> found(workers);
    std::vector<std::exception_ptr> errors(workers);
    auto work = [&](std::size_t w) {
      try {
        for (std::size_t i; !failed && (i = next++) < parts;)
          run_part(i, found[w]);
      } catch (...) {
        errors[w] = std::current_exception();
        failed = true;
      }
    };
    {
      std::vector<std::jthread> threads;
      for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(work, w);
      work(0);
    }
    for (const auto& e : errors)
      if (e) std::rethrow_exception(e);
    for (auto& f : found)
      done.insert(done.end(), std::make_move_iterator(f.begin()),
                  std::make_move_iterator(f.end()));
  }
  std::sort(done.begin(), done.end(), [](const finding& a, const finding& b) {
    if (a.when.from != b.when.from) return a.when.from < b.when.from;
    return by_code(a, b);
  });
  // Two bodies that exclude each other both report a person on both.
  done.erase(std::unique(done.begin(), done.end(),
                         [](const finding& a, const finding& b) {
                           return a.when.from == b.when.from &&
                                  a.code == b.code && a.subjects == b.subjects;
                         }),
             done.end());
  return done;
}

}  // namespace charter
