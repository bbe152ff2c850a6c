#ifndef CHARTER_MONEY_HPP
#define CHARTER_MONEY_HPP

#include <compare>
#include <cstdint>
#include <string>

namespace charter {

/// An exact amount of money: integer hundredths of the currency unit
/// (cents for USD) and an ISO 4217 currency code. Never a double.
struct money {
  std::int64_t cents = 0;
  std::string currency = "USD";

  friend bool operator==(const money&, const money&) = default;
};

/// Formats as `1234.50 USD`.
std::string to_string(const money& m);

/// Formats the amount alone, `1234.50`, as the interchange format writes it.
std::string format_amount(std::int64_t cents);

}  // namespace charter

#endif
