#include <charter/date.hpp>

#include <charter/error.hpp>

#include <fmt/format.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace charter {

std::optional<date> try_parse_date(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len, int& out) {
    int value = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      const unsigned digit = static_cast<unsigned char>(text[i]) - unsigned{'0'};
      if (digit > 9) return false;
      value = value * 10 + static_cast<int>(digit);
    }
    out = value;
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d))
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

date today() {
  return date{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

std::string to_string(const period& p) {
  return p.to ? to_string(p.from) + ".." + to_string(*p.to)
              : to_string(p.from) + "..";
}

}  // namespace charter
