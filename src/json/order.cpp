// The canonical order of a document's records (json/order.hpp).
#include "json/order.hpp"

#include <charter/model.hpp>

#include <algorithm>
#include <span>
#include <tuple>
#include <vector>

namespace charter::detail {

namespace {

template <class Record, class Less>
std::vector<const Record*> sorted(std::span<const Record> records, Less less) {
  std::vector<const Record*> sorted;
  sorted.reserve(records.size());
  for (const Record& r : records) sorted.push_back(&r);
  // Records read from a canonical document or a store are in order already.
  auto by = [&](const Record* a, const Record* b) { return less(*a, *b); };
  if (!std::is_sorted(sorted.begin(), sorted.end(), by))
    std::sort(sorted.begin(), sorted.end(), by);
  return sorted;
}

constexpr auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };

}  // namespace

std::vector<const organization*> canonical_order(
    std::span<const organization> records) {
  return sorted(records, by_id);
}

std::vector<const person*> canonical_order(std::span<const person> records) {
  return sorted(records, by_id);
}

std::vector<const foundation*> canonical_order(
    std::span<const foundation> records) {
  return sorted(records, by_id);
}

std::vector<const project*> canonical_order(std::span<const project> records) {
  return sorted(records, by_id);
}

std::vector<const membership*> canonical_order(
    std::span<const membership> records) {
  return sorted(records, [](const membership& a, const membership& b) {
    return std::tie(a.org, a.foundation, a.when.from) <
           std::tie(b.org, b.foundation, b.when.from);
  });
}

std::vector<const body*> canonical_order(std::span<const body> records) {
  return sorted(records, by_id);
}

std::vector<const seat*> canonical_order(std::span<const seat> records) {
  return sorted(records, [](const seat& a, const seat& b) {
    return std::tie(a.body, a.seat_class, a.person, a.when.from) <
           std::tie(b.body, b.seat_class, b.person, b.when.from);
  });
}

std::vector<const role*> canonical_order(std::span<const role> records) {
  return sorted(records, [](const role& a, const role& b) {
    const auto a_scope = a.scope.index();
    const auto b_scope = b.scope.index();
    return std::tie(a.person, a.title, str(a.scope), a_scope, a.when.from) <
           std::tie(b.person, b.title, str(b.scope), b_scope, b.when.from);
  });
}

std::vector<const meeting*> canonical_order(std::span<const meeting> records) {
  return sorted(records, by_id);
}

std::vector<const invoice*> canonical_order(std::span<const invoice> records) {
  return sorted(records, by_id);
}

std::vector<const submitted_report*> canonical_order(
    std::span<const submitted_report> records) {
  return sorted(records,
                [](const submitted_report& a, const submitted_report& b) {
                  return std::tie(a.body, a.month) < std::tie(b.body, b.month);
                });
}

std::vector<const election*> canonical_order(
    std::span<const election> records) {
  return sorted(records, by_id);
}

}  // namespace charter::detail
