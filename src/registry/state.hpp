#ifndef CHARTER_SRC_REGISTRY_STATE_HPP
#define CHARTER_SRC_REGISTRY_STATE_HPP

// Internal: what a registry holds (one table per kind of record and the
// secondary indexes over them), how a write is made and indexed, and the
// journal that undoes the writes of a batch that fails.

#include <charter/batch.hpp>
#include <charter/model.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "registry/index.hpp"
#include "registry/table.hpp"

namespace charter::detail {

struct registry_state {
  table<organization> orgs;
  table<person> people;
  table<foundation> foundations;
  table<project> projects;
  table<body> bodies;
  table<membership> memberships;
  table<seat> seats;
  table<role> roles;
  // Governance records (issue 17).
  table<meeting> meetings;
  table<invoice> invoices;
  table<submitted_report> reports;
  table<election> elections;

  group_index orgs_by_parent;
  group_index people_by_org;
  // Projects by steward, bodies by owner, roles by scope: one index per
  // kind of id, since an organization and a foundation may share an id.
  group_index projects_by_org_steward;
  group_index projects_by_foundation_steward;
  group_index bodies_by_foundation;
  group_index bodies_by_project;
  // An organization's memberships by slot, `aux` the foundation's slot;
  // a foundation's memberships by organization id, then start, then slot,
  // `aux` the index of the tier in the foundation (so members() neither
  // reads nor sorts rows). `no_slot` while the foundation or tier is
  // missing, which validation then reports.
  dated_index memberships_by_org;
  dated_index memberships_by_foundation;
  // The top-most ancestor of each organization, by slot.
  std::vector<slot> org_root;

  // Points each person's slot at their row's affiliations: after a write,
  // and after a copy (whose slots point into the original's rows).
  void link(person_slot& e, const person& p) const noexcept {
    e.first = p.affiliations.data();
    e.ties = person_slot::ask_the_row;
    if (p.affiliations.size() > person_slot::inline_ties) return;
    for (std::size_t i = 0; i < p.affiliations.size(); ++i) {
      const auto& w = p.affiliations[i].when;
      e.from[i] = short_day(w.from);
      e.to[i] = w.to ? short_day(*w.to) : no_short_day;
      if (e.from[i] == no_short_day || (w.to && e.to[i] == no_short_day))
        return;
    }
    e.ties = static_cast<std::uint32_t>(p.affiliations.size());
  }
  void relink_people() noexcept {
    for (auto& [key, e] : people.slots) link(e, people.rows[e.row]);
  }
  group_index seats_by_body;
  group_index seats_by_person;
  group_index seats_by_represents;
  group_index roles_by_foundation;
  group_index roles_by_project;
  group_index roles_by_body;
  group_index roles_by_person;
  // Governance records (issue 17): meetings and reports by body, invoices
  // by organization and by foundation, alternate seats by principal.
  group_index meetings_by_body;
  group_index invoices_by_org;
  group_index invoices_by_foundation;
  group_index reports_by_body;
  group_index seats_by_principal;
  // Elections by body, by candidate, by a candidate's declared
  // organization.
  group_index elections_by_body;
  group_index elections_by_person;
  group_index elections_by_org;

  // The index that holds the projects a steward stewards, the bodies an
  // owner owns, the roles of a scope.
  template <class Self>
  static auto& stewarded_by(Self& s, const steward_ref& who) noexcept {
    return std::holds_alternative<org_id>(who)
               ? s.projects_by_org_steward
               : s.projects_by_foundation_steward;
  }
  template <class Self>
  static auto& owned_by(Self& s, const body_owner& owner) noexcept {
    return std::holds_alternative<foundation_id>(owner) ? s.bodies_by_foundation
                                                        : s.bodies_by_project;
  }
  template <class Self>
  static auto& roles_in(Self& s, const role_scope& scope) noexcept {
    if (std::holds_alternative<foundation_id>(scope))
      return s.roles_by_foundation;
    if (std::holds_alternative<project_id>(scope)) return s.roles_by_project;
    return s.roles_by_body;
  }

  record_key key_at(record_kind kind, slot s) const {
    switch (kind) {
      case record_kind::organization:
        return orgs.rows[s].id;
      case record_kind::person:
        return people.rows[s].id;
      case record_kind::foundation:
        return foundations.rows[s].id;
      case record_kind::project:
        return projects.rows[s].id;
      case record_kind::body:
        return bodies.rows[s].id;
      case record_kind::membership:
        return key_of(memberships.rows[s]);
      case record_kind::seat:
        return key_of(seats.rows[s]);
      case record_kind::role:
        return key_of(roles.rows[s]);
      case record_kind::meeting:
        return meetings.rows[s].id;
      case record_kind::invoice:
        return invoices.rows[s].id;
      case record_kind::report:
        return key_of(reports.rows[s]);
      case record_kind::election:
        return elections.rows[s].id;
    }
    return {};
  }

  table<organization>& of(const organization*) { return orgs; }
  table<person>& of(const person*) { return people; }
  table<foundation>& of(const foundation*) { return foundations; }
  table<project>& of(const project*) { return projects; }
  table<body>& of(const body*) { return bodies; }
  table<membership>& of(const membership*) { return memberships; }
  table<seat>& of(const seat*) { return seats; }
  table<role>& of(const role*) { return roles; }
  table<meeting>& of(const meeting*) { return meetings; }
  table<invoice>& of(const invoice*) { return invoices; }
  table<submitted_report>& of(const submitted_report*) { return reports; }
  table<election>& of(const election*) { return elections; }

  // Calls f(index, key) for every secondary index entry of a record.
  template <class F>
  void groups(const organization& r, F&& f) {
    if (r.parent) f(orgs_by_parent, r.parent->str());
  }
  template <class F>
  void groups(const person& r, F&& f) {
    // A bulk load builds this index once all people are in
    // (index_people_by_org).
    if (!journaling) return;
    for (const auto& a : r.affiliations) f(people_by_org, a.org.str());
  }
  template <class F>
  void groups(const foundation&, F&&) {}
  template <class F>
  void groups(const project& r, F&& f) {
    for (const auto& s : r.stewards) f(stewarded_by(*this, s.who), str(s.who));
  }
  template <class F>
  void groups(const body& r, F&& f) {
    f(owned_by(*this, r.owner), str(r.owner));
  }
  template <class F>
  void groups(const membership&, F&&) {}  // dated: see index_more
  template <class F>
  void groups(const seat& r, F&& f) {
    f(seats_by_body, r.body.str());
    f(seats_by_person, r.person.str());
    if (r.represents) f(seats_by_represents, r.represents->str());
    if (r.alternate_for) f(seats_by_principal, r.alternate_for->str());
  }
  template <class F>
  void groups(const role& r, F&& f) {
    f(roles_in(*this, r.scope), str(r.scope));
    f(roles_by_person, r.person.str());
  }
  template <class F>
  void groups(const meeting& r, F&& f) {
    f(meetings_by_body, r.body.str());
  }
  template <class F>
  void groups(const invoice& r, F&& f) {
    f(invoices_by_org, r.org.str());
    f(invoices_by_foundation, r.foundation.str());
  }
  template <class F>
  void groups(const submitted_report& r, F&& f) {
    f(reports_by_body, r.body.str());
  }
  template <class F>
  void groups(const election& r, F&& f) {
    f(elections_by_body, r.body.str());
    for (const auto& c : r.candidates) {
      f(elections_by_person, c.person.str());
      if (c.org) f(elections_by_org, c.org->str());
    }
  }

  template <class Record>
  void index(const Record& r, slot s) {
    // Kept sorted by slot, so that the order of query results does not
    // depend on the history of changes (or of rolled back changes).
    // A record that names one key twice (a project back with an earlier
    // steward) is indexed under it once.
    groups(r, [s](group_index& g, const std::string& key) {
      auto& slots = g[key];
      if (auto pos = std::lower_bound(slots.begin(), slots.end(), s);
          pos == slots.end() || *pos != s)
        slots.insert(pos, s);
    });
    index_more(r, s);
  }
  template <class Record>
  void unindex(const Record& r, slot s) {
    groups(r, [s](group_index& g, const std::string& key) {
      auto it = g.find(key);
      if (it == g.end()) return;
      auto& slots = it->second;
      if (auto pos = std::lower_bound(slots.begin(), slots.end(), s);
          pos != slots.end() && *pos == s)
        slots.erase(pos);
      if (slots.empty()) g.erase(it);
    });
    unindex_more(r, s);
  }

  // Indexes beyond the slot lists of `groups`.
  template <class Record>
  void index_more(const Record&, slot) {}
  template <class Record>
  void unindex_more(const Record&, slot) {}

  static slot tier_index(const foundation& f, const tier_id& t) {
    for (std::size_t i = 0; i < f.tiers.size(); ++i)
      if (f.tiers[i].id == t) return static_cast<slot>(i);
    return no_slot;
  }

  // Where a membership goes in its foundation's list: by organization id,
  // then start, then slot.
  // Both look at the end first: records loaded in order go there.
  auto foundation_position(std::vector<dated_slot>& list, const membership& m,
                           slot s) {
    const auto key = std::forward_as_tuple(m.org.str(), m.when.from, s);
    const auto before = [this](const dated_slot& e, const auto& k) {
      const auto& other = memberships.rows[e.row];
      return std::forward_as_tuple(other.org.str(), other.when.from, e.row) < k;
    };
    if (list.empty() || before(list.back(), key)) return list.end();
    return std::lower_bound(list.begin(), list.end(), key, before);
  }
  static auto slot_position(std::vector<dated_slot>& list, slot s) {
    if (list.empty() || list.back().row < s) return list.end();
    return std::lower_bound(
        list.begin(), list.end(), s,
        [](const dated_slot& e, slot x) { return e.row < x; });
  }

  void index_more(const membership& m, slot s) {
    const slot f = foundations.find_slot(m.foundation.str());
    const slot t =
        f == no_slot ? no_slot : tier_index(foundations.rows[f], m.tier);
    auto& by_org = memberships_by_org[m.org.str()];
    by_org.insert(slot_position(by_org, s), dated(s, f, m.when));
    auto& by_foundation = memberships_by_foundation[m.foundation.str()];
    by_foundation.insert(foundation_position(by_foundation, m, s),
                         dated(s, t, m.when));
  }
  void unindex_more(const membership& m, slot s) {
    auto erase = [s](dated_index& index, const std::string& key,
                     auto position) {
      auto it = index.find(key);
      if (it == index.end()) return;
      auto& list = it->second;
      if (auto pos = position(list); pos != list.end() && pos->row == s)
        list.erase(pos);
      if (list.empty()) index.erase(it);
    };
    erase(memberships_by_org, m.org.str(),
          [s](auto& list) { return slot_position(list, s); });
    erase(memberships_by_foundation, m.foundation.str(),
          [&](auto& list) { return foundation_position(list, m, s); });
  }
  void index_more(const person&, slot) {
  }  // insert() and replace() link the person's slot

  // A foundation added or changed: its memberships' tiers and slot.
  void index_more(const foundation& f, slot s) {
    auto it = memberships_by_foundation.find(f.id.str());
    if (it == memberships_by_foundation.end()) return;
    for (auto& e : it->second) {
      const auto& m = memberships.rows[e.row];
      e.aux = tier_index(f, m.tier);
      auto& by_org = memberships_by_org[m.org.str()];
      if (auto pos = slot_position(by_org, e.row);
          pos != by_org.end() && pos->row == e.row)
        pos->aux = s;
    }
  }

  // An organization added or changed: its root, and its descendants'.
  // Bounded, since a batch being applied may hold a parent loop (which
  // validation reports, rolling the batch back).
  void index_more(const organization& o, slot s) {
    if (org_root.size() < orgs.rows.size())
      org_root.resize(orgs.rows.size(), no_slot);
    slot root = s;
    if (o.parent)
      if (auto it = orgs.slots.find(o.parent->str());
          it != orgs.slots.end() && org_root[it->second] != no_slot)
        root = org_root[it->second];
    org_root[s] = root;
    std::vector<slot> todo{s};
    for (std::size_t visits = 0; !todo.empty() && visits <= orgs.rows.size();
         ++visits) {
      const slot at = todo.back();
      todo.pop_back();
      if (auto it = orgs_by_parent.find(orgs.rows[at].id.str());
          it != orgs_by_parent.end())
        for (slot child : it->second) {
          org_root[child] = root;
          todo.push_back(child);
        }
    }
  }

  // How to undo one write of the batch being applied. An insert needs no
  // more than its kind (it added the last row of that table), which keeps
  // the journal of a bulk import small; a replacement keeps the old record.
  struct undo_step {
    record_kind kind;
    std::function<void()> restore;  ///< empty for an insert
  };
  std::vector<undo_step> journal;
  // Off while a batch is applied to an empty registry: undoing it is
  // emptying the registry again, and a bulk import saves a journal entry
  // (and a copy of each record it replaces) per write.
  bool journaling = true;

  // True while a transaction is open on this state.
  bool in_transaction = false;

  // Calls f(t) for the table of each kind of record.
  template <class F>
  void each_table(F&& f) {
    f(orgs);
    f(people);
    f(foundations);
    f(projects);
    f(bodies);
    f(memberships);
    f(seats);
    f(roles);
    f(meetings);
    f(invoices);
    f(reports);
    f(elections);
  }

  bool holds_records() const noexcept {
    return !orgs.rows.empty() || !people.rows.empty() ||
           !foundations.rows.empty() || !projects.rows.empty() ||
           !bodies.rows.empty() || !memberships.rows.empty() ||
           !seats.rows.empty() || !roles.rows.empty() ||
           !meetings.rows.empty() || !invoices.rows.empty() ||
           !reports.rows.empty() || !elections.rows.empty();
  }
  /// Before a batch: journal its writes unless the registry is empty.
  void begin_batch() noexcept {
    journal.clear();
    journaling = holds_records();
  }
  /// Once a batch's records are all in and valid: the indexes that a batch
  /// applied to an empty registry (a bulk load) builds at the end.
  void complete_batch() {
    if (!journaling) index_people_by_org();
  }
  /// After a batch, made or rolled back.
  void end_batch() noexcept {
    journal.clear();
    journaling = true;
    in_transaction = false;
    bulk_affiliation_orgs = {};
    bulk_ties_checked = {};
    bulk_ties_in_row_order = true;
  }

  // Reserved before a write, so that recording its undo cannot throw.
  void make_room_for_undo() {
    if (journaling && journal.size() == journal.capacity())
      journal.reserve(2 * journal.size() + 16);
  }

  /// Adds `r` unless its key is taken (then returns false, changing
  /// nothing). The table must have room for one more row (applier::make_room).
  template <class Record>
  bool insert(Record&& r) {
    static_assert(!std::is_reference_v<Record>, "insert takes the record over");
    make_room_for_undo();
    auto& t = of(&r);
    const auto s = static_cast<slot>(t.rows.size());
    if constexpr (keyed_by_fields<Record>) {
      if (t.slots.contains(r)) return false;
      t.rows.push_back(std::move(r));
      try {
        t.slots.insert(s);
      } catch (...) {
        t.rows.pop_back();
        throw;
      }
    } else {
      auto [entry, fresh] = t.slots.try_emplace(r.id.str(), s);
      if (!fresh) return false;
      t.rows.push_back(std::move(r));
      if constexpr (std::is_same_v<Record, person>)
        link(entry->second, t.rows.back());
    }
    // From here on, a failure (of the indexes' allocations) is undone by
    // the journal, whose room is made; in a bulk load, by emptying the
    // registry again.
    if (journaling) journal.push_back({record_kind_of<Record>, {}});
    if constexpr (std::is_same_v<Record, person>)
      if (!journaling && bulk_ties_in_row_order) note_ties(t.rows.back());
    index(t.rows.back(), s);
    return true;
  }

  template <class Record>
  void replace(slot s, Record r) {
    make_room_for_undo();
    if constexpr (std::is_same_v<Record, person>)
      if (!journaling) forget_ties();
    auto& t = of(&r);
    // The undo step is made before anything changes, as making it may
    // throw; the record it puts back goes into it once swapped out. Until
    // then it only indexes the row again (unindex may have stopped half way).
    std::shared_ptr<std::optional<Record>> old;
    if (journaling) {
      old = std::make_shared<std::optional<Record>>();
      journal.push_back({record_kind_of<Record>, [this, &t, s, old] {
                           unindex(t.rows[s], s);
                           if (*old) std::swap(t.rows[s], **old);
                           reindex(t, s);
                         }});
    }
    unindex(t.rows[s], s);
    std::swap(t.rows[s], r);
    if (old) *old = std::move(r);
    reindex(t, s);
  }
  template <class Record>
  void reindex(table<Record>& t, slot s) {
    index(t.rows[s], s);
    if constexpr (std::is_same_v<Record, person>)
      if (auto it = t.slots.find(t.rows[s].id.str()); it != t.slots.end())
        link(it->second, t.rows[s]);
  }

  /// Takes the rows at `gone` (sorted, distinct) out of their table,
  /// keeping the others in order, and indexes everything again: a removal
  /// is a correction, rare enough to pay for the whole registry's indexes
  /// rather than to make every index and slot list removable. Undone by
  /// putting the table's rows back.
  template <class Record>
  void erase(table<Record>& t, const std::vector<slot>& gone) {
    if (gone.empty()) return;
    make_room_for_undo();
    if (journaling) {
      auto old = std::make_shared<row_vector<Record>>(t.rows);
      journal.push_back({record_kind_of<Record>, [this, &t, old] {
                           t.rows.swap(*old);
                           index_all();
                         }});
    } else {
      forget_ties();  // rows move: the ties noted in row order do not follow
    }
    row_vector<Record> kept;
    kept.reserve(t.rows.size() - gone.size());
    auto next = gone.begin();
    for (slot s = 0; s < t.rows.size(); ++s) {
      if (next != gone.end() && *next == s) {
        ++next;
        continue;
      }
      kept.push_back(std::move(t.rows[s]));
    }
    t.rows.swap(kept);
    index_all();
  }

  /// Every table's slots and every secondary index, made again from the
  /// rows.
  void index_all() {
    for (auto* g : {&orgs_by_parent,          &people_by_org,
                    &projects_by_org_steward, &projects_by_foundation_steward,
                    &bodies_by_foundation,    &bodies_by_project,
                    &seats_by_body,           &seats_by_person,
                    &seats_by_represents,     &roles_by_foundation,
                    &roles_by_project,        &roles_by_body,
                    &roles_by_person,         &meetings_by_body,
                    &invoices_by_org,         &invoices_by_foundation,
                    &reports_by_body,         &seats_by_principal,
                    &elections_by_body,       &elections_by_person,
                    &elections_by_org})
      g->clear();
    memberships_by_org.clear();
    memberships_by_foundation.clear();
    org_root.assign(orgs.rows.size(), no_slot);
    each_table([this](auto& t) {
      t.index_rows();
      for (slot s = 0; s < t.rows.size(); ++s) index(t.rows[s], s);
    });
    relink_people();
  }

  // While a batch is applied to an empty registry (a bulk load): each
  // affiliation's organization, looked up as its person is inserted (the
  // person was just read: its affiliations are in the cache, where after
  // the load they would be read again from memory), in row order; and by
  // person, whether that lookup found every organization and every period
  // was ok, so that validation need not read the affiliations again.
  // Cleared, and not used, once a person is replaced in the batch.
  std::vector<slot> bulk_affiliation_orgs;
  std::vector<bool> bulk_ties_checked;
  bool bulk_ties_in_row_order = true;

  void note_ties(const person& p) {
    bool checked = true;
    for (const auto& a : p.affiliations) {
      const slot o = orgs.find_slot(a.org.str());
      bulk_affiliation_orgs.push_back(o);
      checked = checked && o != no_slot && a.when.ok();
    }
    bulk_ties_checked.push_back(checked);
  }
  void forget_ties() {
    bulk_ties_in_row_order = false;
    bulk_affiliation_orgs = {};
    bulk_ties_checked = {};
  }
  bool ties_checked(slot person) const {
    return !journaling && bulk_ties_in_row_order &&
           person < bulk_ties_checked.size() && bulk_ties_checked[person];
  }

  /// Builds people_by_org from every person at once, after a bulk load
  /// (which skips it record by record): each organization's list is sized
  /// once and filled in slot order, so nothing is sorted or moved.
  void index_people_by_org() {
    people_by_org.clear();
    std::vector<slot> org_of;  // each affiliation's organization, in row order
    if (bulk_ties_in_row_order)
      org_of.swap(bulk_affiliation_orgs);
    else
      for (const auto& p : people.rows)
        for (const auto& a : p.affiliations)
          org_of.push_back(orgs.find_slot(a.org.str()));
    std::vector<std::uint32_t> ties(orgs.rows.size());
    std::size_t next = 0;
    for (const auto& p : people.rows)
      for (const auto& a : p.affiliations) {
        auto& o = org_of[next++];
        if (o == no_slot)
          o = orgs.find_slot(a.org.str());  // added after the person
        if (o != no_slot) ++ties[o];
      }
    people_by_org.reserve(static_cast<std::size_t>(
        std::count_if(ties.begin(), ties.end(), [](auto n) { return n > 0; })));
    // Room for every list first: the table does not move them as they go in.
    std::vector<std::vector<slot>*> lists(orgs.rows.size());
    for (slot o = 0; o < lists.size(); ++o)
      if (ties[o] > 0) {
        lists[o] =
            &people_by_org.emplace(orgs.rows[o].id.str(), std::vector<slot>{})
                 .first->second;
        lists[o]->reserve(ties[o]);
      }
    next = 0;
    for (slot s = 0; s < people.rows.size(); ++s)
      for (std::size_t i = 0; i < people.rows[s].affiliations.size(); ++i) {
        const slot o = org_of[next++];
        if (o == no_slot) continue;  // validation has reported it
        if (auto& list = *lists[o]; list.empty() || list.back() != s)
          list.push_back(s);
      }
  }

  template <class Record>
  void pop(table<Record>& t) {
    const auto s = static_cast<slot>(t.rows.size() - 1);
    unindex(t.rows[s], s);
    if constexpr (keyed_by_fields<Record>)
      t.slots.erase(s);
    else
      t.slots.erase(t.rows[s].id.str());
    t.rows.pop_back();
    if constexpr (std::is_same_v<Record, organization>)
      org_root.resize(t.rows.size());
  }

  /// Undoes every write of the batch being applied, latest first.
  void roll_back() {
    if (!journaling) {
      // The batch started from an empty registry.
      *this = registry_state{};
      return;
    }
    for (auto it = journal.rbegin(); it != journal.rend(); ++it) {
      if (it->restore) {
        it->restore();
        continue;
      }
      switch (it->kind) {
        case record_kind::organization:
          pop(orgs);
          break;
        case record_kind::person:
          pop(people);
          break;
        case record_kind::foundation:
          pop(foundations);
          break;
        case record_kind::project:
          pop(projects);
          break;
        case record_kind::body:
          pop(bodies);
          break;
        case record_kind::membership:
          pop(memberships);
          break;
        case record_kind::seat:
          pop(seats);
          break;
        case record_kind::role:
          pop(roles);
          break;
        case record_kind::meeting:
          pop(meetings);
          break;
        case record_kind::invoice:
          pop(invoices);
          break;
        case record_kind::report:
          pop(reports);
          break;
        case record_kind::election:
          pop(elections);
          break;
      }
    }
    journal.clear();
  }
};

}  // namespace charter::detail

#endif
