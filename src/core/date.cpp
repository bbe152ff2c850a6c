#include <charter/date.hpp>

#include <charter/error.hpp>

#include <fmt/format.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace charter {

namespace {
// Reads the `len` decimal digits at `pos` of `text` into `out`.
bool digits(std::string_view text, std::size_t pos, std::size_t len,
            int& out) noexcept {
  int value = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    const unsigned digit = static_cast<unsigned char>(text[i]) - unsigned{'0'};
    if (digit > 9) return false;
    value = value * 10 + static_cast<int>(digit);
  }
  out = value;
  return true;
}
}  // namespace

std::optional<date> try_parse_date(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!digits(text, 0, 4, y) || !digits(text, 5, 2, m) ||
      !digits(text, 8, 2, d))
    return std::nullopt;
  date result{std::chrono::year{y},
              std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
  if (!result.ok()) return std::nullopt;
  return result;
}

date parse_date(std::string_view text) {
  if (auto d = try_parse_date(text)) return *d;
  throw parse_error(
      fmt::format("'{}' is not a date (expected YYYY-MM-DD)", text));
}

std::string to_string(date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::optional<year_month> try_parse_year_month(std::string_view text) noexcept {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int y = 0, m = 0;
  if (!digits(text, 0, 4, y) || !digits(text, 5, 2, m) || m < 1 || m > 12)
    return std::nullopt;
  return year_month{std::chrono::year{y},
                    std::chrono::month{static_cast<unsigned>(m)}};
}

year_month parse_year_month(std::string_view text) {
  if (auto m = try_parse_year_month(text)) return *m;
  throw parse_error(
      fmt::format("'{}' is not a month (expected YYYY-MM)", text));
}

std::string to_string(year_month m) {
  return fmt::format("{:04}-{:02}", static_cast<int>(m.year()),
                     static_cast<unsigned>(m.month()));
}

std::optional<std::chrono::sys_seconds> try_parse_time(
    std::string_view text) noexcept {
  // 2026-11-26T13:45:07Z
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z')
    return std::nullopt;
  const auto day = try_parse_date(text.substr(0, 10));
  int h = 0, m = 0, s = 0;
  if (!day || !digits(text, 11, 2, h) || !digits(text, 14, 2, m) ||
      !digits(text, 17, 2, s) || h > 23 || m > 59 || s > 59)
    return std::nullopt;
  return std::chrono::sys_days{*day} + std::chrono::hours{h} +
         std::chrono::minutes{m} + std::chrono::seconds{s};
}

std::chrono::sys_seconds parse_time(std::string_view text) {
  if (auto t = try_parse_time(text)) return *t;
  throw parse_error(
      fmt::format("'{}' is not a time (expected YYYY-MM-DDTHH:MM:SSZ)", text));
}

std::string to_string(std::chrono::sys_seconds t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::hh_mm_ss clock{t - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", to_string(date{day}),
                     clock.hours().count(), clock.minutes().count(),
                     clock.seconds().count());
}

date today() {
  return date{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

std::string to_string(const period& p) {
  return p.to ? to_string(p.from) + ".." + to_string(*p.to)
              : to_string(p.from) + "..";
}

}  // namespace charter
