// Reading the arguments the parser checked (see args.hpp).
#include "cli/args.hpp"

#include <fmt/format.h>

#include "cli/session.hpp"

namespace charter::cli {

date parse_date_arg(std::string_view text) {
  if (text == "today") return today();
  if (auto d = try_parse_date(text)) return *d;
  // The parser's check lets nothing else through; this is for safety.
  throw usage_error(
      fmt::format("'{}' is not a date (expected YYYY-MM-DD or 'today')", text));
}

std::optional<date> parse_date_arg(const std::string& text, bool) {
  if (text.empty()) return std::nullopt;
  return parse_date_arg(std::string_view(text));
}

}  // namespace charter::cli
