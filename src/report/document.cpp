// Wording the reports' documents share (see document.hpp).
#include <charter/money.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <string>

#include "report/document.hpp"

namespace charter::detail {

std::string report_cents_text(std::int64_t cents, const std::string& currency) {
  // format_amount's digits, a comma before each group of three of the
  // whole part: "-1234567.89" becomes "-1,234,567.89".
  const std::string exact = format_amount(cents);
  const std::size_t sign = exact.front() == '-' ? 1 : 0;
  const std::size_t point = exact.find('.');
  std::string out = exact.substr(0, sign);
  for (std::size_t i = sign; i < point; ++i) {
    if (i > sign && (point - i) % 3 == 0) out += ',';
    out += exact[i];
  }
  out += exact.substr(point);
  return currency.empty() ? out : out + " " + currency;
}

std::string report_money_text(const money& m) {
  return report_cents_text(m.cents, m.currency);
}

std::int64_t report_cents(const std::optional<money>& m) noexcept {
  return m ? m->cents : 0;
}

}  // namespace charter::detail
