#ifndef CHARTER_CHECKS_HPP
#define CHARTER_CHECKS_HPP

#include <charter/registry.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace charter {

enum class severity { warning, error };

std::string_view to_string(severity s) noexcept;

/// One way a registry does not follow its own charter, and when.
///
/// Codes and severities are those of the interchange spec's table of
/// governance findings (`seat-vacant`, `family-cap-exceeded`, ...).
struct finding {
  std::string code;
  charter::severity severity = severity::warning;
  /// The ids involved, most general first: body (or foundation), then seat
  /// class, family or office holder, person, organization.
  std::vector<std::string> subjects;
  /// The days it holds on. A check at one date gives that day alone
  /// (`to` is the next day); a check over all dates gives the whole run,
  /// open-ended when it still holds at the last change.
  period when;
  std::string message;

  friend bool operator==(const finding&, const finding&) = default;
};

/// What to check: everything, one foundation (its members, and the bodies
/// of the foundation and of the projects it stewards), or one body.
struct check_scope {
  std::optional<foundation_id> foundation;
  std::optional<body_id> body;
};

/// The findings that hold on `on`, sorted by code then subjects.
/// @throws not_found_error when the scope names no record.
std::vector<finding> check(const registry& reg, date on,
                           const check_scope& scope = {});

/// The findings over all dates: the registry is evaluated at each date where
/// something in scope changes (a period starts or ends, a term runs out), and
/// a finding that holds at consecutive change points becomes one finding
/// with a date range. Sorted by start, then code, then subjects.
std::vector<finding> check_all(const registry& reg,
                               const check_scope& scope = {});

/// True if any finding is an error.
bool has_errors(const std::vector<finding>& findings) noexcept;

}  // namespace charter

#endif
