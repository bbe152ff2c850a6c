// Queries about meetings: a body's meetings in a period, its voting
// members at one, quorum, and suspensions under `suspend_after_missed`
// (docs/governance-records.md).

#include <charter/registry.hpp>

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "registry/state.hpp"

namespace charter {

using detail::slot;

namespace governance_meetings {

// A body's meetings, by date then id.
std::vector<const meeting*> in_order(const detail::registry_state& s,
                                     const body_id& b) {
  std::vector<const meeting*> out;
  for (slot i : detail::slots_in(s.meetings_by_body, b.str()))
    out.push_back(&s.meetings.rows[i]);
  std::sort(out.begin(), out.end(), [](const meeting* x, const meeting* y) {
    return std::tie(x->on, x->id) < std::tie(y->on, y->id);
  });
  return out;
}

// Whether a seat of `b` is a voting seat (its own flag, else its class's).
bool votes(const body& b, const seat& st) {
  if (st.voting) return *st.voting;
  const seat_class* c = b.find_class(st.seat_class);
  return !c || c->is_voting();
}

// The holders of `b`'s voting seats in force on `on`, alternates excluded:
// sorted, without repeats.
std::vector<person_id> holders(const detail::registry_state& s, const body& b,
                               date on) {
  std::vector<person_id> out;
  for (slot i : detail::slots_in(s.seats_by_body, b.id.str())) {
    const auto& st = s.seats.rows[i];
    if (!st.is_alternate() && st.when.contains(on) && votes(b, st))
      out.push_back(st.person);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The suspensions of `b` (see registry::suspensions).
std::vector<suspension> of_body(const detail::registry_state& s,
                                const body& b) {
  std::vector<suspension> out;
  if (!b.rules.suspend_after_missed) return out;
  const int limit = *b.rules.suspend_after_missed;
  const auto meetings = in_order(s, b.id);
  // Everyone who held a voting seat of the body at one of its meetings.
  std::vector<std::vector<person_id>> members;
  std::vector<person_id> everyone;
  members.reserve(meetings.size());
  for (const auto* m : meetings) {
    members.push_back(holders(s, b, m->on));
    everyone.insert(everyone.end(), members.back().begin(),
                    members.back().end());
  }
  std::sort(everyone.begin(), everyone.end());
  everyone.erase(std::unique(everyone.begin(), everyone.end()), everyone.end());
  for (const auto& p : everyone) {
    int missed = 0;
    bool pending = false;  // N misses reached: suspended from the next meeting
    std::optional<date> since;
    for (std::size_t i = 0; i < meetings.size(); ++i) {
      const meeting& m = *meetings[i];
      const attendee* row = m.find_attendee(p);
      const bool present = row && row->status == attendance_status::present;
      if (pending) {
        since = m.on;
        pending = false;
      }
      if (since) {
        if (m.kind == meeting_kind::regular && present) {
          if (*since < m.on) out.push_back({p, {*since, m.on}});
          since.reset();
          missed = 0;
        }
        continue;
      }
      if (m.kind != meeting_kind::regular ||
          !std::binary_search(members[i].begin(), members[i].end(), p))
        continue;
      if (!row || row->status == attendance_status::absent)
        ++missed;
      else
        missed = 0;
      if (missed >= limit) {
        pending = true;
        missed = 0;
      }
    }
    if (since) out.push_back({p, {*since, std::nullopt}});
  }
  return out;
}

bool suspended_on(const std::vector<suspension>& all, const person_id& p,
                  date on) {
  return std::any_of(all.begin(), all.end(), [&](const suspension& x) {
    return x.person == p && x.when.contains(on);
  });
}

}  // namespace governance_meetings

namespace gm = governance_meetings;

std::vector<const meeting*> registry::meetings(const body_id& b,
                                               const period& when) const {
  (void)at(b);
  auto all = gm::in_order(state(), b);
  std::erase_if(all, [&](const meeting* m) { return !when.contains(m->on); });
  return all;
}

std::vector<person_id> registry::voting_members(const meeting_id& id) const {
  const meeting& m = at(id);
  const body& b = at(m.body);
  auto out = gm::holders(state(), b, m.on);
  if (b.rules.suspend_after_missed) {
    const auto all = gm::of_body(state(), b);
    std::erase_if(out, [&](const person_id& p) {
      return gm::suspended_on(all, p, m.on);
    });
  }
  return out;
}

bool registry::may_represent(const meeting_id& id, const person_id& member,
                             const person_id& p) const {
  const meeting& m = at(id);
  const body& b = at(m.body);
  if (b.rules.proxies) return true;
  for (slot i : detail::slots_in(state().seats_by_principal, member.str())) {
    const auto& st = state().seats.rows[i];
    if (st.body == m.body && st.person == p && st.when.contains(m.on))
      return true;
  }
  return false;
}

quorum_count registry::quorum(const meeting_id& id) const {
  const meeting& m = at(id);
  const body& b = at(m.body);
  const auto members = voting_members(id);
  quorum_count q;
  q.voting = static_cast<int>(members.size());
  q.required = b.rules.quorum;
  for (const auto& p : members) {
    const attendee* row = m.find_attendee(p);
    if (!row) continue;
    if (row->status == attendance_status::present ||
        (row->status == attendance_status::represented && row->by &&
         may_represent(id, p, *row->by)))
      ++q.counted;
  }
  // counted / voting >= required, without the rounding of a division
  // (a quorum of 2/3 is met by 2 of 3).
  q.met = !q.required || q.voting == 0 ||
          q.counted + 1e-9 * q.voting >= *q.required * q.voting;
  return q;
}

std::vector<suspension> registry::suspensions(const body_id& b) const {
  return gm::of_body(state(), at(b));
}

std::vector<person_id> registry::suspended(const body_id& b, date on) const {
  std::vector<person_id> out;
  for (const auto& x : suspensions(b))
    if (x.when.contains(on)) out.push_back(x.person);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace charter
