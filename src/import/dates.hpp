#ifndef CHARTER_SRC_IMPORT_DATES_HPP
#define CHARTER_SRC_IMPORT_DATES_HPP

// Dates as foundations write them: ISO dates, `YYYY-MM`, `M/D/YYYY`,
// `MM/YYYY`, `January 2026`, `Jan 5, 2024`, and terms such as
// `January 2026 - December 2027`.

#include <charter/date.hpp>

#include <optional>
#include <string_view>

namespace charter::import {

/// How precise a date was written.
enum class precision { day, month, year };

struct loose_date {
  date first;  ///< the first day of what was written
  precision precise = precision::day;

  /// The day after the last day of what was written: the end of a period
  /// that runs "until December 2027" inclusive.
  date after() const;
};

/// The date `text` writes in any of the styles above, or none (an
/// impossible date such as 2023-02-30 is none too).
std::optional<loose_date> parse_loose_date(std::string_view text);

/// A term written `A - B` (`-`, `–`, `to`, `through`): from the first day of
/// A to the day after B. B may be `present` or `now` (open-ended).
std::optional<period> parse_term(std::string_view text);

/// The month of a name or abbreviation (`January`, `jan`, `Sept`), 1 to 12,
/// or 0.
int month_named(std::string_view name);

/// `d` plus `years` years (29 February becomes 1 March).
date add_years(date d, int years);

}  // namespace charter::import

#endif
