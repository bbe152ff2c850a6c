// Running a transaction's operations: adds, updates and the dated
// operations (join, leave, change-tier, ...), each journaled so that a
// failed transaction is undone.

#include <charter/batch.hpp>
#include <charter/registry.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "registry/applier.hpp"
#include "registry/references.hpp"

namespace charter::detail {

namespace {

template <class Record>
constexpr bool has_id =
    std::is_same_v<Record, organization> || std::is_same_v<Record, person> ||
    std::is_same_v<Record, foundation> || std::is_same_v<Record, project> ||
    std::is_same_v<Record, body> || std::is_same_v<Record, meeting> ||
    std::is_same_v<Record, invoice> || std::is_same_v<Record, election>;

template <class Record>
std::string id_of(const Record& r) {
  if constexpr (has_id<Record>)
    return r.id.str();
  else
    return to_string(record_key_of(r));
}

}  // namespace

void applier::report(const record_key& key, std::string_view field,
                     std::string id, std::string message) {
  if (problems.size() >= max_problems) return;
  problems.push_back({where_ ? where_(key, field) : std::string{},
                      std::move(id), std::move(message), to_string(key),
                      std::string(field)});
}

void applier::report(std::string id, std::string message) {
  if (problems.size() >= max_problems) return;
  problems.push_back({{}, std::move(id), std::move(message), {}, {}});
}

void applier::execute_all(const batch& changes, bool consume) {
  consume_ = consume;
  make_room(changes);
  for (const auto& o : changes.operations())
    std::visit([this](const auto& x) { execute(x); }, o);
}

change_set applier::changes() const {
  change_set c{written(), {}, before_};
  for (const auto& r : before_)
    if (auto key = key_of(r); slot_of(s_, key) == no_slot)
      c.removed.push_back(std::move(key));
  return c;
}

std::vector<record_key> applier::written() const {
  std::vector<record_key> keys;
  keys.reserve(written_count_);
  each_written(
      [&](record_kind kind, slot at) { keys.push_back(s_.key_at(kind, at)); });
  return keys;
}

// Rows and keys for the records `changes` adds, at once: an import of
// millions would otherwise move every row, and rehash every key, a few
// times over.
void applier::make_room(const batch& changes) {
  std::array<std::size_t, record_kind_count> adds{};
  for (const auto& o : changes.operations())
    std::visit(
        [&](const auto& x) {
          if constexpr (requires { x.record; }) {
            using record_type = std::decay_t<decltype(x.record)>;
            if constexpr (std::is_same_v<decltype(x),
                                         const op::add<record_type>&>)
              ++adds[index(record_kind_of<record_type>)];
          }
        },
        o);
  const auto grow = [&adds](auto& t) {
    using record_type = typename std::decay_t<decltype(t.rows)>::value_type;
    const std::size_t more = adds[index(record_kind_of<record_type>)];
    if (more == 0) return;
    const auto need = t.rows.size() + more;
    if (need > t.rows.capacity())
      t.rows.reserve(std::max(need, 2 * t.rows.capacity()));
    if (need > t.slots.max_load())
      t.slots.reserve(std::max(need, 2 * t.slots.size()));
  };
  s_.each_table(grow);
}

template <class Record>
void applier::wrote(slot at) {
  constexpr auto kind = record_kind_of<Record>;
  if (bulk_) {
    if (at < rows_written_[index(kind)]) return;
    rows_written_[index(kind)] = at + 1;  // new rows are appended
  } else {
    auto& bits = written_bits_[index(kind)];
    if (bits.size() <= at)
      bits.resize(std::max<std::size_t>(std::size_t{at} + 1, 2 * bits.size()));
    if (bits[at]) return;
    bits[at] = true;
  }
  ++written_count_;
  if (!written_.empty() && written_.back().kind == kind &&
      written_.back().first + written_.back().count == at)
    ++written_.back().count;
  else
    written_.push_back({kind, at, 1});
}

template <class Record>
Record applier::take(const Record& r) {
  // The batch was handed over (`transaction::run(batch&&)`), so the record
  // is not really const: moving from it is sound.
  return consume_ ? std::move(const_cast<Record&>(r)) : r;
}

template <class Record>
void applier::keep_before(slot at) {
  if (bulk_ || was_written({record_kind_of<Record>, at})) return;
  before_.emplace_back(std::in_place_type<Record>,
                       s_.of(static_cast<const Record*>(nullptr)).rows[at]);
}

template <class Record>
void applier::rewrite(slot at, Record r) {
  keep_before<Record>(at);
  s_.replace(at, std::move(r));
  wrote<Record>(at);
}

template <class Record>
void applier::erase(const std::vector<slot>& gone) {
  if (gone.empty()) return;
  constexpr auto kind = record_kind_of<Record>;
  for (slot at : gone) keep_before<Record>(at);
  // The notes of what was written, with the removed slots dropped and the
  // slots after them moved down, as the rows are.
  const auto removed = [&gone](slot x) {
    return std::binary_search(gone.begin(), gone.end(), x);
  };
  const auto moved = [&gone](slot x) {
    return static_cast<slot>(
        x - (std::lower_bound(gone.begin(), gone.end(), x) - gone.begin()));
  };
  std::vector<written_run> runs;
  runs.reserve(written_.size());
  std::size_t count = 0;
  for (const auto& r : written_) {
    if (r.kind != kind) {
      runs.push_back(r);
      count += r.count;
      continue;
    }
    for (slot i = 0; i < r.count; ++i) {
      const slot x = r.first + i;
      if (removed(x)) continue;
      const slot y = moved(x);
      if (!runs.empty() && runs.back().kind == kind &&
          runs.back().first + runs.back().count == y)
        ++runs.back().count;
      else
        runs.push_back({kind, y, 1});
      ++count;
    }
  }
  written_.swap(runs);
  written_count_ = count;
  if (bulk_) {
    auto& n = rows_written_[index(kind)];
    n = moved(n);
  } else {
    auto& bits = written_bits_[index(kind)];
    std::vector<bool> kept;
    kept.reserve(bits.size());
    for (slot x = 0; x < bits.size(); ++x)
      if (!removed(x)) kept.push_back(bits[x]);
    bits.swap(kept);
  }
  s_.erase(s_.of(static_cast<const Record*>(nullptr)), gone);
}

template <class Record>
void applier::execute(const op::add<Record>& o) {
  auto& t = s_.of(&o.record);
  // Moved out of the batch only once its key is known to be free, so that
  // a duplicate can still be reported by its id.
  if (!(consume_ ? s_.insert(std::move(const_cast<Record&>(o.record)))
                 : s_.insert(Record(o.record)))) {
    auto rk = record_key_of(o.record);
    if constexpr (has_id<Record>)
      report(rk, "/id", id_of(o.record),
             fmt::format("duplicate {} id '{}'",
                         to_string(record_kind_of<Record>), o.record.id.str()));
    else
      report(rk, "", id_of(o.record),
             fmt::format("duplicate {}", to_string(rk)));
    return;
  }
  wrote<Record>(static_cast<slot>(t.rows.size() - 1));
}

template <class Record>
void applier::execute(const op::update<Record>& o) {
  auto& t = s_.of(&o.record);
  const slot at = t.find_slot(lookup_key(o.record));
  if (at == no_slot) {
    auto rk = record_key_of(o.record);
    report(id_of(o.record), fmt::format("no {} to update", to_string(rk)));
    return;
  }
  // An update to what is there already writes nothing (and so is no
  // change for the audit log).
  if (t.rows[at] == o.record) return;
  rewrite<Record>(at, take(o.record));
}

// The slot of org's membership of f in force on `on`, or a problem
// reported against the operation.
std::optional<slot> applier::membership_slot(const org_id& org,
                                             const foundation_id& f, date on) {
  for (const auto& e : entries_in(s_.memberships_by_org, org.str())) {
    const slot i = e.row;
    const auto& m = s_.memberships.rows[i];
    if (m.foundation == f && m.when.contains(on)) return i;
  }
  report(org.str(), fmt::format("'{}' holds no membership of '{}' on {}",
                                org.str(), f.str(), to_string(on)));
  return std::nullopt;
}

void applier::execute(const op::join& o) {
  execute(op::add<membership>{membership{
      o.org, o.foundation, o.tier, {o.on, std::nullopt}, o.founding, {}}});
}

void applier::execute(const op::leave& o) {
  auto i = membership_slot(o.org, o.foundation, o.on);
  if (!i) return;
  auto m = s_.memberships.rows[*i];
  m.when.to = o.on;
  rewrite<membership>(*i, std::move(m));
}

void applier::execute(const op::change_tier& o) {
  auto i = membership_slot(o.org, o.foundation, o.on);
  if (!i) return;
  auto current = s_.memberships.rows[*i];
  // The membership in force: the record the problems are in.
  const record_key key = key_of(current);
  if (current.tier == o.tier) {
    report(
        key, "/tier", o.tier.str(),
        fmt::format("'{}' is already in tier '{}' of '{}' on {}", o.org.str(),
                    o.tier.str(), o.foundation.str(), to_string(o.on)));
    return;
  }
  if (current.when.from == o.on) {
    report(key, "/from", o.org.str(),
           fmt::format("the membership of '{}' in '{}' starts on {}: update it "
                       "instead of changing tier",
                       o.org.str(), o.foundation.str(), to_string(o.on)));
    return;
  }
  membership next{o.org, o.foundation, o.tier, {o.on, current.when.to}, false,
                  {}};
  current.when.to = o.on;
  rewrite<membership>(*i, std::move(current));
  execute(op::add<membership>{std::move(next)});
}

// The slot of a person, or a problem reported against the operation.
std::optional<slot> applier::person_slot(const person_id& p) {
  auto it = s_.people.slots.find(p.str());
  if (it == s_.people.slots.end()) {
    report(p.str(), fmt::format("no person '{}'", p.str()));
    return std::nullopt;
  }
  return it->second;
}

void applier::execute(const op::affiliate& o) {
  auto i = person_slot(o.person);
  if (!i) return;
  auto p = s_.people.rows[*i];
  p.affiliations.push_back(o.tie);
  rewrite<person>(*i, std::move(p));
}

void applier::execute(const op::end_affiliation& o) {
  auto i = person_slot(o.person);
  if (!i) return;
  auto p = s_.people.rows[*i];
  auto it = std::find_if(p.affiliations.begin(), p.affiliations.end(),
                         [&](const affiliation& a) {
                           return a.org == o.org && a.when.contains(o.on);
                         });
  if (it == p.affiliations.end()) {
    report(o.person, "/affiliations", o.org.str(),
           fmt::format("'{}' has no affiliation with '{}' on {}",
                       o.person.str(), o.org.str(), to_string(o.on)));
    return;
  }
  it->when.to = o.on;
  rewrite<person>(*i, std::move(p));
}

void applier::execute(const op::end_seat& o) {
  std::vector<slot> found;
  for (slot i : slots_in(s_.seats_by_person, o.person.str())) {
    const auto& st = s_.seats.rows[i];
    if (st.body == o.body && st.when.contains(o.on) &&
        (!o.seat_class || st.seat_class == *o.seat_class))
      found.push_back(i);
  }
  if (found.empty()) {
    report(o.person.str(),
           fmt::format("'{}' holds no seat{} on '{}' on {}", o.person.str(),
                       o.seat_class ? " of class '" + o.seat_class->str() + "'"
                                    : std::string(),
                       o.body.str(), to_string(o.on)));
    return;
  }
  for (slot i : found) {
    auto st = s_.seats.rows[i];
    st.when.to = o.on;
    rewrite<seat>(i, std::move(st));
  }
}

void applier::execute(const op::end_role& o) {
  for (slot i : slots_in(s_.roles_by_person, o.person.str())) {
    const auto& r = s_.roles.rows[i];
    if (r.title == o.title && r.scope == o.scope && r.when.contains(o.on)) {
      auto copy = r;
      copy.when.to = o.on;
      rewrite<role>(i, std::move(copy));
      return;
    }
  }
  report(o.person.str(),
         fmt::format("'{}' holds no role '{}' in '{}' on {}", o.person.str(),
                     o.title, str(o.scope), to_string(o.on)));
}

void applier::execute(const op::transfer& o) {
  auto it = s_.projects.slots.find(o.project.str());
  if (it == s_.projects.slots.end()) {
    report(o.project.str(), fmt::format("no project '{}'", o.project.str()));
    return;
  }
  auto p = s_.projects.rows[it->second];
  std::optional<date> until;
  for (auto& st : p.stewards) {
    if (!st.when.contains(o.on)) continue;
    if (st.who == o.to) {
      report(o.project, "/stewards", str(o.to),
             fmt::format("'{}' is already the steward of '{}' on {}", str(o.to),
                         o.project.str(), to_string(o.on)));
      return;
    }
    until = st.when.to;
    st.when.to = o.on;
  }
  p.stewards.push_back(steward{o.to, {o.on, until}, {}});
  rewrite<project>(it->second, std::move(p));
}

// ---- Governance records (issue 17)

void applier::execute(const op::record_vote& o) {
  const slot at = s_.meetings.find_slot(o.meeting.str());
  if (at == no_slot) {
    report(o.meeting.str(), fmt::format("no meeting '{}'", o.meeting.str()));
    return;
  }
  auto m = s_.meetings.rows[at];
  m.votes.push_back(o.vote);
  rewrite<meeting>(at, std::move(m));
}

void applier::execute(const op::record_payment& o) {
  const slot at = s_.invoices.find_slot(o.invoice.str());
  if (at == no_slot) {
    report(o.invoice.str(), fmt::format("no invoice '{}'", o.invoice.str()));
    return;
  }
  auto inv = s_.invoices.rows[at];
  inv.payments.push_back(o.paid);
  rewrite<invoice>(at, std::move(inv));
}

namespace {

// The id of a record with one, else its key: what a problem names.
std::string id_text(const record_key& key) {
  return std::visit(
      [&key](const auto& k) -> std::string {
        if constexpr (requires { k.str(); })
          return k.str();
        else
          return to_string(key);
      },
      key);
}

}  // namespace

void applier::execute(const op::remove& o) {
  const slot at = slot_of(s_, o.key);
  if (at == no_slot) {
    report(id_text(o.key), fmt::format("no {} to remove", to_string(o.key)));
    return;
  }
  // The record and, with cascade, every record that cannot stand without
  // one that goes; the records that only refer to one lose the reference.
  std::array<std::vector<slot>, record_kind_count> gone;
  std::vector<record_slot> todo{{kind_of(o.key), at}}, lose_references;
  std::unordered_set<std::uint64_t> going{code(todo.front())};
  bool refused = false;
  while (!todo.empty()) {
    const auto r = todo.back();
    todo.pop_back();
    gone[index(r.kind)].push_back(r.at);
    for (const auto& ref : referrers(s_, r.kind, r.at)) {
      const record_slot from{ref.kind, ref.at};
      if (!o.cascade) {
        refused = true;
        report(o.key, "", id_text(o.key),
               fmt::format("{} refers to it (its {}): remove that first, or "
                           "remove with cascade",
                           to_string(s_.key_at(ref.kind, ref.at)), ref.field));
      } else if (ref.depends) {
        if (going.insert(code(from)).second) todo.push_back(from);
      } else {
        lose_references.push_back(from);
      }
    }
  }
  if (refused) return;

  removed_ids ids;
  for (slot i : gone[index(record_kind::organization)])
    ids.orgs.insert(s_.orgs.rows[i].id.str());
  for (slot i : gone[index(record_kind::foundation)])
    ids.foundations.insert(s_.foundations.rows[i].id.str());
  for (slot i : gone[index(record_kind::body)])
    ids.bodies.insert(s_.bodies.rows[i].id.str());
  for (slot i : gone[index(record_kind::person)])
    ids.people.insert(s_.people.rows[i].id.str());
  std::unordered_set<std::uint64_t> done;
  const auto take_references_off = [&](auto& t, slot i) {
    auto copy = t.rows[i];
    if (take_off(copy, ids)) rewrite(i, std::move(copy));
  };
  for (const auto& r : lose_references) {
    if (going.contains(code(r)) || !done.insert(code(r)).second) continue;
    switch (r.kind) {
      case record_kind::organization:
        take_references_off(s_.orgs, r.at);
        break;
      case record_kind::person:
        take_references_off(s_.people, r.at);
        break;
      case record_kind::foundation:
        take_references_off(s_.foundations, r.at);
        break;
      case record_kind::project:
        take_references_off(s_.projects, r.at);
        break;
      case record_kind::body:
        take_references_off(s_.bodies, r.at);
        break;
      case record_kind::election:
        take_references_off(s_.elections, r.at);
        break;
      case record_kind::seat:
        take_references_off(s_.seats, r.at);
        break;
      case record_kind::meeting:
        take_references_off(s_.meetings, r.at);
        break;
      case record_kind::membership:
      case record_kind::role:
      case record_kind::invoice:
      case record_kind::report:
        break;  // they refer to nothing that can be taken off
    }
  }
  for (auto& slots : gone) std::sort(slots.begin(), slots.end());
  erase<organization>(gone[index(record_kind::organization)]);
  erase<person>(gone[index(record_kind::person)]);
  erase<foundation>(gone[index(record_kind::foundation)]);
  erase<project>(gone[index(record_kind::project)]);
  erase<body>(gone[index(record_kind::body)]);
  erase<membership>(gone[index(record_kind::membership)]);
  erase<seat>(gone[index(record_kind::seat)]);
  erase<role>(gone[index(record_kind::role)]);
  erase<meeting>(gone[index(record_kind::meeting)]);
  erase<invoice>(gone[index(record_kind::invoice)]);
  erase<submitted_report>(gone[index(record_kind::report)]);
  erase<election>(gone[index(record_kind::election)]);
}

namespace {

template <class List, class T>
void add_missing(List& list, const T& value) {
  if (std::find(list.begin(), list.end(), value) == list.end())
    list.push_back(value);
}

// `into` as it is once `duplicate`, found to be the same organization,
// is merged into it.
void absorb(organization& into, const organization& duplicate) {
  if (duplicate.name != into.name) add_missing(into.aliases, duplicate.name);
  for (const auto& a : duplicate.aliases)
    if (a != into.name) add_missing(into.aliases, a);
  for (const auto& d : duplicate.domains) add_missing(into.domains, d);
  // into's own parent may be the duplicate: then the duplicate's stands.
  if (into.parent == duplicate.id) into.parent.reset();
  if (!into.parent && duplicate.parent != into.id)
    into.parent = duplicate.parent;
}

// The same for people: a person has no aliases, and keeps its own handle
// on a platform where both have one.
void absorb(person& into, const person& duplicate) {
  for (const auto& e : duplicate.emails) add_missing(into.emails, e);
  for (const auto& [platform, handle] : duplicate.handles)
    into.handles.emplace(platform, handle);
  for (const auto& a : duplicate.affiliations)
    add_missing(into.affiliations, a);
}

}  // namespace

void applier::execute(const op::merge& o) {
  const auto kind = kind_of(o.duplicate);
  if (kind != kind_of(o.into) ||
      (kind != record_kind::organization && kind != record_kind::person)) {
    report(o.duplicate, "", id_text(o.duplicate),
           fmt::format("cannot merge {} into {}: a merge makes two "
                       "organizations, or two people, one",
                       to_string(o.duplicate), to_string(o.into)));
    return;
  }
  if (o.duplicate == o.into) {
    report(o.duplicate, "", id_text(o.duplicate),
           fmt::format("cannot merge {} into itself", to_string(o.into)));
    return;
  }
  const slot dup = slot_of(s_, o.duplicate), into = slot_of(s_, o.into);
  if (dup == no_slot || into == no_slot) {
    const auto& missing = dup == no_slot ? o.duplicate : o.into;
    report(missing, "", id_text(missing),
           fmt::format("no {} to merge", to_string(missing)));
    return;
  }

  // The records that refer to the duplicate, as they will be: those whose
  // key names it (a membership of it, a seat it holds) go, and come back
  // under their new key once it has gone.
  std::vector<std::pair<record_key, any_record>> rekeyed;
  for (const auto& ref : referrers(s_, kind, dup)) {
    if (ref.kind == kind && ref.at == into) continue;  // absorb sees to it
    auto r = record_at(s_, ref.kind, ref.at);
    move_references(r, o.duplicate, o.into);
    auto was = s_.key_at(ref.kind, ref.at);
    if (key_of(r) == was)
      std::visit([&](auto& x) { rewrite(ref.at, std::move(x)); }, r);
    else
      rekeyed.emplace_back(std::move(was), std::move(r));
  }
  auto merged = record_at(s_, kind, into);
  const auto duplicate = record_at(s_, kind, dup);
  std::visit(
      [&](auto& x) {
        using record_type = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<record_type, organization> ||
                      std::is_same_v<record_type, person>) {
          absorb(x, std::get<record_type>(duplicate));
          rewrite(into, std::move(x));
        }
      },
      merged);
  for (const auto& [was, r] : rekeyed) execute(op::remove{was, false});
  execute(op::remove{o.duplicate, false});
  for (auto& [was, r] : rekeyed) {
    if (const auto now = key_of(r); slot_of(s_, now) != no_slot) {
      report(o.duplicate, "", id_text(o.duplicate),
             fmt::format("cannot merge {} into {}: both have a {}; remove or "
                         "correct one of them first",
                         to_string(o.duplicate), to_string(o.into),
                         to_string(now)));
      continue;
    }
    std::visit(
        [&](auto& x) {
          using record_type = std::decay_t<decltype(x)>;
          execute(op::add<record_type>{std::move(x)});
        },
        r);
  }
}

}  // namespace charter::detail
