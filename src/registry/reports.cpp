// Queries about the reports a body owes another on its schedule
// (docs/governance-records.md).

#include <charter/registry.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <vector>

#include "registry/state.hpp"

namespace charter {

using detail::slot;

std::vector<report_due> registry::reports_due(const body_id& b,
                                              const period& when) const {
  const body& bd = at(b);
  std::vector<report_due> out;
  if (!bd.reporting || bd.reporting->months.empty()) return out;
  const auto& schedule = *bd.reporting;
  std::optional<year_month> start = schedule.from;
  if (!start) {
    for (slot i : detail::slots_in(state().seats_by_body, b.str())) {
      const auto m = month_of(state().seats.rows[i].when.from);
      if (!start || m < *start) start = m;
    }
    if (!start) return out;  // no seat yet: nothing owed
  }
  // The months that share a day with `when`.
  year_month first = month_of(when.from);
  const year_month last =
      when.to ? month_of(add_days(*when.to, -1)) : month_of(when.from);
  if (first < *start) first = *start;
  for (year_month m = first; m <= last; m += std::chrono::months{1}) {
    const int number = static_cast<int>(unsigned{m.month()});
    if (std::find(schedule.months.begin(), schedule.months.end(), number) ==
        schedule.months.end())
      continue;
    out.push_back({m, find(report_key{b, m})});
  }
  return out;
}

}  // namespace charter
