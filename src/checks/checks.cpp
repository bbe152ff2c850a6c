// The entry points of <charter/checks.hpp>: check() at one date, and what
// a scope covers. check_all() is in check_all.cpp, the rules in
// evaluator.cpp.

#include <charter/checks.hpp>

#include <algorithm>
#include <string_view>
#include <vector>

#include "checks/evaluator.hpp"

namespace charter {

using detail::bodies_in;
using detail::by_code;
using detail::evaluate;
using detail::foundations_in;

std::string_view to_string(severity s) noexcept {
  return s == severity::error ? "error" : "warning";
}

bool has_errors(const std::vector<finding>& findings) noexcept {
  return std::any_of(findings.begin(), findings.end(), [](const finding& f) {
    return f.severity == severity::error;
  });
}

std::vector<finding> check(const registry& reg, date on,
                           const check_scope& scope) {
  auto found =
      evaluate(reg, on, bodies_in(reg, scope), foundations_in(reg, scope));
  std::sort(found.begin(), found.end(), by_code);
  return found;
}

}  // namespace charter
