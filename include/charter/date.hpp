#ifndef CHARTER_DATE_HPP
#define CHARTER_DATE_HPP

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace charter {

/// A calendar date. Every fact in a registry is dated with these.
using date = std::chrono::year_month_day;

/// Parses an ISO 8601 calendar date, exactly `YYYY-MM-DD`.
///
/// Returns nothing for any other text or for a day that does not exist
/// (`2023-02-29`).
std::optional<date> try_parse_date(std::string_view text) noexcept;

/// Parses `YYYY-MM-DD`.
/// @throws parse_error naming the text when it is not a valid date.
date parse_date(std::string_view text);

/// Formats a date as `YYYY-MM-DD`.
std::string to_string(date d);

/// Parses an ISO 8601 UTC time to the second, exactly
/// `YYYY-MM-DDTHH:MM:SSZ` (`2026-11-26T13:45:07Z`): when an audit entry was
/// made.
///
/// Returns nothing for any other text, for a day that does not exist, or
/// for a clock time outside `00:00:00`..`23:59:59` (a time point has no
/// leap second).
std::optional<std::chrono::sys_seconds> try_parse_time(
    std::string_view text) noexcept;

/// Parses `YYYY-MM-DDTHH:MM:SSZ`.
/// @throws parse_error naming the text when it is not a valid time.
std::chrono::sys_seconds parse_time(std::string_view text);

/// Formats a time as `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds): the
/// inverse of `parse_time` for the years 0000 to 9999.
std::string to_string(std::chrono::sys_seconds t);

/// Today's date in UTC. Only the outermost API (CLI, Python, examples)
/// should call this: queries always take their date.
date today();

/// The day after (or `n` days after) `d`.
constexpr date add_days(date d, int n = 1) noexcept {
  return date{std::chrono::sys_days{d} + std::chrono::days{n}};
}

/// A half-open span of days: `from` is included, `to` (if any) is not.
///
/// A period with no `to` is open-ended: it is still true today and after.
struct period {
  date from;
  std::optional<date> to;

  /// True if the period is not empty: `to` is absent or after `from`.
  constexpr bool ok() const noexcept { return !to || *to > from; }

  constexpr bool open_ended() const noexcept { return !to.has_value(); }

  /// True if `d` falls in the period.
  constexpr bool contains(date d) const noexcept {
    return from <= d && (!to || d < *to);
  }

  /// True if the two periods share at least one day.
  constexpr bool overlaps(const period& other) const noexcept {
    return (!to || other.from < *to) && (!other.to || from < *other.to);
  }

  /// The days the two periods share, or nothing when they share none.
  constexpr std::optional<period> intersect(
      const period& other) const noexcept {
    if (!overlaps(other)) return std::nullopt;
    period result{from > other.from ? from : other.from, to};
    if (!to || (other.to && *other.to < *to)) result.to = other.to;
    return result;
  }

  /// True if `other` starts exactly where this one ends.
  constexpr bool meets(const period& other) const noexcept {
    return to && *to == other.from;
  }

  friend constexpr bool operator==(const period&, const period&) = default;
};

/// Formats a period as `2022-09-12..` or `2016-01-01..2022-09-12`.
std::string to_string(const period& p);

/// A calendar month of a year (`2024-01`): what a report is owed for.
using year_month = std::chrono::year_month;

/// Parses exactly `YYYY-MM`; nothing for any other text or a month outside
/// 01..12.
std::optional<year_month> try_parse_year_month(std::string_view text) noexcept;

/// Parses `YYYY-MM`.
/// @throws parse_error naming the text when it is not a valid month.
year_month parse_year_month(std::string_view text);

/// Formats a month as `YYYY-MM`.
std::string to_string(year_month m);

/// The month `d` falls in.
constexpr year_month month_of(date d) noexcept {
  return year_month{d.year(), d.month()};
}

/// The first day of `m`.
constexpr date first_day(year_month m) noexcept {
  return date{m.year(), m.month(), std::chrono::day{1}};
}

/// The last day of `m` (`2024-02-29` for `2024-02`).
constexpr date last_day(year_month m) noexcept {
  return date{std::chrono::year_month_day_last{
      m.year(), std::chrono::month_day_last{m.month()}}};
}

}  // namespace charter

#endif
