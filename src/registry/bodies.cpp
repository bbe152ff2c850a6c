// Queries about bodies: seats held at a date, seat histories, the
// families a seat counts toward, and what each seat class is owed.

#include <charter/registry.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <variant>
#include <vector>

#include "registry/state.hpp"

namespace charter {

using detail::slot;

std::vector<const seat*> registry::seats(const body_id& b, date on) const {
  const auto& bd = at(b);
  std::vector<const seat*> out;
  for (slot i : detail::slots_in(state().seats_by_body, b.str()))
    if (state().seats.rows[i].when.contains(on))
      out.push_back(&state().seats.rows[i]);
  auto class_index = [&bd](const seat* s) {
    for (std::size_t i = 0; i < bd.seat_classes.size(); ++i)
      if (bd.seat_classes[i].id == s->seat_class) return i;
    return bd.seat_classes.size();
  };
  std::sort(out.begin(), out.end(), [&](const seat* x, const seat* y) {
    auto cx = class_index(x), cy = class_index(y);
    return cx != cy ? cx < cy : x->person < y->person;
  });
  return out;
}

std::vector<const seat*> registry::seats_of(const person_id& p, date on) const {
  std::vector<const seat*> out;
  const auto& slots = detail::slots_in(state().seats_by_person, p.str());
  if (slots.empty()) (void)at(p);
  for (slot i : slots)
    if (state().seats.rows[i].when.contains(on))
      out.push_back(&state().seats.rows[i]);
  std::sort(out.begin(), out.end(),
            [](const seat* x, const seat* y) { return x->body < y->body; });
  return out;
}

std::vector<const seat*> registry::seat_history(const body_id& b) const {
  (void)at(b);
  std::vector<const seat*> out;
  for (slot i : detail::slots_in(state().seats_by_body, b.str()))
    out.push_back(&state().seats.rows[i]);
  return out;
}

std::vector<const seat*> registry::seat_history(const person_id& p) const {
  std::vector<const seat*> out;
  const auto& slots = detail::slots_in(state().seats_by_person, p.str());
  if (slots.empty()) (void)at(p);
  for (slot i : slots) out.push_back(&state().seats.rows[i]);
  return out;
}

std::vector<org_id> registry::families_of(const seat& s, date on) const {
  std::vector<org_id> out;
  if (s.represents) {
    out.push_back(family(*s.represents).id);
    return out;
  }
  for (const auto* a : affiliations(s.person, on))
    out.push_back(family(a->org).id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<foundation_id> registry::home_of(const body& b, date on) const {
  if (const auto* f = std::get_if<foundation_id>(&b.owner)) return *f;
  if (const auto* st = steward_of(std::get<project_id>(b.owner), on))
    if (const auto* f = std::get_if<foundation_id>(&st->who)) return *f;
  return std::nullopt;
}

entitlement registry::entitlement_of(const body_id& b, const seat_class_id& c,
                                     date on) const {
  const auto& bd = at(b);
  const seat_class* sc = bd.find_class(c);
  if (!sc) throw not_found_error("seat class", b.str() + "/" + c.str());
  entitlement e{sc, 0, 0};
  const auto home = home_of(bd, on);
  switch (sc->mode) {
    case seat_mode::per_member:
      e.seats = home && sc->tier
                    ? static_cast<int>(members(*home, *sc->tier, on).size())
                    : 0;
      break;
    case seat_mode::elected:
      e.seats = home && sc->tier
                    ? sc->elected_seats(members(*home, *sc->tier, on).size())
                    : 0;
      break;
    case seat_mode::fixed:
      e.seats = sc->count;
      break;
    case seat_mode::ex_officio: {
      const role_scope scope =
          std::visit([](const auto& id) -> role_scope { return id; }, bd.owner);
      for (const role* r : roles(scope, on))
        if (r->title == sc->role) ++e.seats;
      break;
    }
  }
  for (slot i : detail::slots_in(state().seats_by_body, b.str())) {
    const auto& s = state().seats.rows[i];
    // An alternate seat is not a filled seat (docs/governance-records.md).
    if (s.seat_class == c && s.when.contains(on) && !s.is_alternate())
      ++e.filled;
  }
  return e;
}

std::vector<entitlement> registry::entitlements(const body_id& b,
                                                date on) const {
  std::vector<entitlement> out;
  for (const auto& c : at(b).seat_classes)
    out.push_back(entitlement_of(b, c.id, on));
  return out;
}

}  // namespace charter
