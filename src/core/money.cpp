#include <charter/money.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <string>

namespace charter {

std::string format_amount(std::int64_t cents) {
  const auto magnitude = cents < 0 ? -static_cast<std::uint64_t>(cents)
                                   : static_cast<std::uint64_t>(cents);
  return fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", magnitude / 100,
                     magnitude % 100);
}

std::string to_string(const money& m) {
  return format_amount(m.cents) + " " + m.currency;
}

}  // namespace charter
