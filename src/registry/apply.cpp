// Running a transaction's operations: adds, updates and the dated
// operations (join, leave, change-tier, ...), each journaled so that a
// failed transaction is undone.

#include <charter/batch.hpp>
#include <charter/registry.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "registry/applier.hpp"

namespace charter::detail {

namespace {

template <class Record>
constexpr bool has_id =
    std::is_same_v<Record, organization> || std::is_same_v<Record, person> ||
    std::is_same_v<Record, foundation> || std::is_same_v<Record, project> ||
    std::is_same_v<Record, body>;

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
  problems.push_back({where_(key, field), std::move(id), std::move(message)});
}

void applier::execute_all(const batch& changes, bool consume) {
  consume_ = consume;
  make_room(changes);
  for (const auto& o : changes.operations())
    std::visit([this](const auto& x) { execute(x); }, o);
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
    report(rk, "", id_of(o.record),
           fmt::format("no {} to update", to_string(rk)));
    return;
  }
  s_.replace(at, take(o.record));
  wrote<Record>(at);
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
  report(membership_key{org, f, on}, "", org.str(),
         fmt::format("'{}' holds no membership of '{}' on {}", org.str(),
                     f.str(), to_string(on)));
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
  s_.replace(*i, std::move(m));
  wrote<membership>(*i);
}

void applier::execute(const op::change_tier& o) {
  const record_key key = membership_key{o.org, o.foundation, o.on};
  auto i = membership_slot(o.org, o.foundation, o.on);
  if (!i) return;
  auto current = s_.memberships.rows[*i];
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
  s_.replace(*i, std::move(current));
  wrote<membership>(*i);
  execute(op::add<membership>{std::move(next)});
}

// The slot of a person, or a problem reported against the operation.
std::optional<slot> applier::person_slot(const person_id& p,
                                         const record_key& key) {
  auto it = s_.people.slots.find(p.str());
  if (it == s_.people.slots.end()) {
    report(key, "", p.str(), fmt::format("no person '{}'", p.str()));
    return std::nullopt;
  }
  return it->second;
}

void applier::execute(const op::affiliate& o) {
  auto i = person_slot(o.person, o.person);
  if (!i) return;
  auto p = s_.people.rows[*i];
  p.affiliations.push_back(o.tie);
  s_.replace(*i, std::move(p));
  wrote<person>(*i);
}

void applier::execute(const op::end_affiliation& o) {
  auto i = person_slot(o.person, o.person);
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
  s_.replace(*i, std::move(p));
  wrote<person>(*i);
}

void applier::execute(const op::end_seat& o) {
  std::vector<slot> found;
  for (slot i : slots_in(s_.seats_by_person, o.person.str())) {
    const auto& st = s_.seats.rows[i];
    if (st.body == o.body && st.when.contains(o.on)) found.push_back(i);
  }
  if (found.empty()) {
    report(seat_key{o.body, {}, o.person, o.on}, "", o.person.str(),
           fmt::format("'{}' holds no seat on '{}' on {}", o.person.str(),
                       o.body.str(), to_string(o.on)));
    return;
  }
  for (slot i : found) {
    auto st = s_.seats.rows[i];
    st.when.to = o.on;
    s_.replace(i, std::move(st));
    wrote<seat>(i);
  }
}

void applier::execute(const op::end_role& o) {
  for (slot i : slots_in(s_.roles_by_person, o.person.str())) {
    const auto& r = s_.roles.rows[i];
    if (r.title == o.title && r.scope == o.scope && r.when.contains(o.on)) {
      auto copy = r;
      copy.when.to = o.on;
      s_.replace(i, std::move(copy));
      wrote<role>(i);
      return;
    }
  }
  report(role_key{o.person, o.title, o.scope, o.on}, "", o.person.str(),
         fmt::format("'{}' holds no role '{}' in '{}' on {}", o.person.str(),
                     o.title, str(o.scope), to_string(o.on)));
}

void applier::execute(const op::transfer& o) {
  auto it = s_.projects.slots.find(o.project.str());
  if (it == s_.projects.slots.end()) {
    report(o.project, "", o.project.str(),
           fmt::format("no project '{}'", o.project.str()));
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
  s_.replace(it->second, std::move(p));
  wrote<project>(it->second);
}

}  // namespace charter::detail
