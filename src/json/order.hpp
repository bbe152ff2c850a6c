#ifndef CHARTER_SRC_JSON_ORDER_HPP
#define CHARTER_SRC_JSON_ORDER_HPP

// Internal: the canonical order of the records of each collection in a
// document (json/order.cpp), for the writer: by id, and memberships, seats
// and roles by their key. Compiled on its own, away from the writer, whose
// loop over the records is the hot one (the sorts would take the room the
// compiler leaves for inlining the writer's functions into it).

#include <charter/fwd.hpp>

#include <span>
#include <vector>

namespace charter::detail {

/// Pointers to `records`, in the canonical order.
std::vector<const organization*> canonical_order(
    std::span<const organization> records);
std::vector<const person*> canonical_order(std::span<const person> records);
std::vector<const foundation*> canonical_order(
    std::span<const foundation> records);
std::vector<const project*> canonical_order(std::span<const project> records);
std::vector<const membership*> canonical_order(
    std::span<const membership> records);
std::vector<const body*> canonical_order(std::span<const body> records);
std::vector<const seat*> canonical_order(std::span<const seat> records);
std::vector<const role*> canonical_order(std::span<const role> records);
std::vector<const meeting*> canonical_order(std::span<const meeting> records);
std::vector<const invoice*> canonical_order(std::span<const invoice> records);
std::vector<const submitted_report*> canonical_order(
    std::span<const submitted_report> records);
std::vector<const election*> canonical_order(std::span<const election> records);

}  // namespace charter::detail

#endif
