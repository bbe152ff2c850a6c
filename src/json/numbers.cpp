// Exact numbers: a number's decimal digits, read from its text rather than
// from a double.
#include "json/numbers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace charter::detail {

namespace {

// A number's value as its significant digits and the power of ten of the
// last one: "-0.0250" is ("-25", -3), "1.2e+3" is ("12", 2). The text has
// passed the JSON grammar (or is fmt's shortest form of a double).
std::pair<std::string, long long> decimal_of(std::string_view text) {
  std::string digits;
  long long power = 0;
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
    digits += text[i];
  if (i < text.size() && text[i] == '.')
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      digits += text[i];
      --power;
    }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool down = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    long long e = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
      e = std::min(e * 10 + (text[i] - '0'), 1'000'000'000LL);
    power += down ? -e : e;
  }
  const auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) return {"0", 0};
  digits.erase(0, first);
  while (digits.back() == '0') {
    digits.pop_back();
    ++power;
  }
  if (negative) digits.insert(0, 1, '-');
  return {std::move(digits), power};
}

}  // namespace

std::optional<double> exact_double(std::string_view text) {
  double d = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc{} || end != text.data() + text.size())
    return std::nullopt;
  if (decimal_of(fmt::format("{}", d)) != decimal_of(text)) return std::nullopt;
  return d;
}

std::optional<std::int64_t> decimal_cents(std::string_view text,
                                          std::string& why) {
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  std::string digits;
  long exponent = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9')
    digits += text[i++];
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      digits += text[i++];
      --exponent;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
      negative_exponent = text[i++] == '-';
    long e = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (e < 1'000'000) e = e * 10 + (text[i] - '0');
      ++i;
    }
    exponent += negative_exponent ? -e : e;
  }
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  if (digits.empty()) return 0;
  long shift = exponent + 2;  // from units to hundredths
  while (shift < 0 && digits.back() == '0') {
    digits.pop_back();
    ++shift;
  }
  if (shift < 0) {
    why = "has more than two decimals";
    return std::nullopt;
  }
  if (shift > 19 || digits.size() + static_cast<std::size_t>(shift) > 19) {
    why = "is too large";
    return std::nullopt;
  }
  digits.append(static_cast<std::size_t>(shift), '0');
  std::uint64_t magnitude = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
  if (magnitude >
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    why = "is too large";
    return std::nullopt;
  }
  const auto value = static_cast<std::int64_t>(magnitude);
  return negative ? -value : value;
}

}  // namespace charter::detail
