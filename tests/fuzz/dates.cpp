// libFuzzer target: dates, times and periods. The input is split at its
// first '|' into two texts. Each is read as a date and as a time: when
// accepted, its text is written back and reads to the same value, and a
// date is a real day. Two dates read make a period, whose operations agree
// with one another.
#include <charter/date.hpp>
#include <charter/error.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

std::optional<charter::date> read_date(std::string_view text) {
  const auto d = charter::try_parse_date(text);
  // parse_date accepts exactly what try_parse_date does.
  try {
    const auto parsed = charter::parse_date(text);
    check(d && *d == parsed);
  } catch (const charter::error&) {
    check(!d);
  }
  if (d) {
    check(std::chrono::year_month_day(*d).ok());
    check(charter::to_string(*d) == text);  // exactly YYYY-MM-DD
    check(charter::add_days(charter::add_days(*d), -1) == *d);
  }
  return d;
}

void read_time(std::string_view text) {
  const auto t = charter::try_parse_time(text);
  try {
    const auto parsed = charter::parse_time(text);
    check(t && *t == parsed);
  } catch (const charter::error&) {
    check(!t);
  }
  if (t) check(charter::to_string(*t) == text);  // exactly YYYY-MM-DDTHH:MM:SSZ
}

void check_period(charter::date from, charter::date to) {
  const charter::period p{from, to};
  const charter::period open{from, std::nullopt};
  check(p.ok() == (to > from));
  check(open.ok() && open.contains(from) && open.contains(to) == (to >= from));
  if (!p.ok()) return;
  check(p.contains(from) && !p.contains(to));
  check(p.overlaps(open) && open.overlaps(p));
  check(p.intersect(open) == p);
  const charter::period after{to, std::nullopt};
  check(p.meets(after) && !p.overlaps(after) && !p.intersect(after));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto bar = input.find('|');
  const auto first = input.substr(0, bar);
  const auto second = bar == std::string_view::npos ? std::string_view{}
                                                    : input.substr(bar + 1);
  const auto a = read_date(first);
  const auto b = read_date(second);
  read_time(first);
  read_time(second);
  if (a && b) check_period(*a, *b);
  return 0;
}
