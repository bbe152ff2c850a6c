#include <charter/money.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

namespace {

// Money is exact: integer minor units, never a floating-point amount.
static_assert(std::is_same_v<decltype(charter::money::cents), std::int64_t>);
static_assert(std::is_integral_v<decltype(charter::money::cents)>);
static_assert(std::is_same_v<decltype(charter::money::currency), std::string>);
static_assert(std::is_aggregate_v<charter::money>);
static_assert(std::equality_comparable<charter::money>);

}  // namespace

TEST_SUITE("money") {
  TEST_CASE("a default money is zero US dollars") {
    const charter::money m;
    CHECK(m.cents == 0);
    CHECK(m.currency == "USD");
  }

  TEST_CASE("format_amount writes units, a point and two decimals") {
    CHECK(charter::format_amount(123456) == "1234.56");
    CHECK(charter::format_amount(123450) == "1234.50");
    CHECK(charter::format_amount(100000) == "1000.00");
    CHECK(charter::format_amount(100) == "1.00");
    CHECK(charter::format_amount(99) == "0.99");
    CHECK(charter::format_amount(10) == "0.10");
    CHECK(charter::format_amount(5) == "0.05");
    CHECK(charter::format_amount(1) == "0.01");
    CHECK(charter::format_amount(0) == "0.00");
  }

  TEST_CASE("format_amount of negative amounts") {
    CHECK(charter::format_amount(-5) == "-0.05");
    CHECK(charter::format_amount(-99) == "-0.99");
    CHECK(charter::format_amount(-100) == "-1.00");
    CHECK(charter::format_amount(-123456) == "-1234.56");
  }

  TEST_CASE("format_amount at the limits of int64") {
    // 2^63 - 1 = 9223372036854775807 and -2^63 = -9223372036854775808.
    CHECK(charter::format_amount(std::numeric_limits<std::int64_t>::max()) ==
          "92233720368547758.07");
    CHECK(charter::format_amount(std::numeric_limits<std::int64_t>::min()) ==
          "-92233720368547758.08");
  }

  TEST_CASE("to_string writes the amount and the currency") {
    CHECK(charter::to_string(charter::money{123456, "USD"}) == "1234.56 USD");
    CHECK(charter::to_string(charter::money{123450, "USD"}) == "1234.50 USD");
    CHECK(charter::to_string(charter::money{5, "EUR"}) == "0.05 EUR");
    CHECK(charter::to_string(charter::money{-250, "CHF"}) == "-2.50 CHF");
    CHECK(charter::to_string(charter::money{}) == "0.00 USD");
  }

  TEST_CASE("money compares amount and currency") {
    CHECK(charter::money{100, "USD"} == charter::money{100, "USD"});
    CHECK(charter::money{100, "USD"} != charter::money{101, "USD"});
    CHECK(charter::money{100, "USD"} != charter::money{100, "EUR"});
  }
}
