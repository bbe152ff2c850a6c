#ifndef CHARTER_SRC_REPORT_CHANGES_HPP
#define CHARTER_SRC_REPORT_CHANGES_HPP

// Internal to the report sources (and src/diff): the eight lists of a changes
// report, in order, as its document (changes.cpp) and its JSON (json.cpp) name
// them. A key is the value of the CSV's `change` column and the JSON's key.

#include <charter/report.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <string_view>
#include <vector>

namespace charter::detail {

const std::array<std::string_view, 8> change_titles{
    "Joined",      "Left",          "Upgraded",      "Downgraded",
    "Seats taken", "Seats vacated", "Roles started", "Roles ended"};
const std::array<std::string_view, 8> change_keys{
    "joined",      "left",          "upgraded",      "downgraded",
    "seats_taken", "seats_vacated", "roles_started", "roles_ended"};

// Splits dated records that share a key into runs of periods that overlap
// or meet, and calls `start(first record)` and `end(record, end date)` for
// each run (`end` only when the run ends).
template <class Record, class Key, class Start, class End>
void for_each_run(const std::vector<const Record*>& records, Key key,
                  Start start, End end) {
  std::map<decltype(key(*records.front())), std::vector<const Record*>> groups;
  for (const auto* r : records) groups[key(*r)].push_back(r);
  for (auto& [k, group] : groups) {
    std::sort(group.begin(), group.end(), [](const Record* a, const Record* b) {
      return a->when.from < b->when.from;
    });
    const Record* first = group.front();
    const Record* last =
        group.front();  // the record whose end is the run's end
    for (std::size_t i = 1; i <= group.size(); ++i) {
      if (i < group.size() && last->when.to &&
          group[i]->when.from <= *last->when.to) {
        if (!group[i]->when.to || *group[i]->when.to > *last->when.to)
          last = group[i];
        continue;
      }
      if (!last->when.to) {  // runs on: nothing after it can start a new run
        start(*first);
        break;
      }
      start(*first);
      end(*last, *last->when.to);
      if (i < group.size()) first = last = group[i];
    }
  }
}

// The parts of make_changes, for <charter/diff.hpp> too, which asks over
// every foundation. Each appends to the lists of `r`, the changes from
// `r.from` (included) to `r.to` (excluded), unsorted.

/// The projects `f` stewarded at any time, in the registry's order.
std::vector<const project*> projects_of(const registry& reg,
                                        const foundation_id& f);

/// The joins, departures and tier changes of `fd`'s members; a change
/// between two tiers of one rank, which the report does not list, into
/// `level` when given.
void membership_changes(const registry& reg, const foundation& fd,
                        changes_report& r,
                        std::vector<membership_change>* level = nullptr);
/// The seats taken and vacated and the roles started and ended: on the
/// bodies of `only` (its own and its projects') and in it, its projects and
/// those bodies; every seat and role when `only` is null.
void seat_and_role_changes(const registry& reg, const foundation* only,
                           changes_report& r);
/// Sorts every list by date, then by id (as make_changes documents).
void sort_changes(changes_report& r);

}  // namespace charter::detail

#endif
