// Wording the reports' documents share (see document.hpp).
#include <charter/money.hpp>

#include <fmt/format.h>

#include "report/document.hpp"

namespace charter::detail {

std::string report_cents_text(std::int64_t cents, const std::string& currency) {
  return currency.empty() ? format_amount(cents)
                          : format_amount(cents) + " " + currency;
}

std::int64_t report_cents(const std::optional<money>& m) noexcept {
  return m ? m->cents : 0;
}

}  // namespace charter::detail
