#include <charter/error.hpp>

#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

namespace charter {

namespace {
std::string summarize(const std::vector<problem>& problems) {
  if (problems.empty()) return "invalid";
  const auto& first = problems.front();
  std::string text =
      first.where.empty() ? first.message : first.where + ": " + first.message;
  if (problems.size() > 1)
    text += fmt::format(" (and {} more)", problems.size() - 1);
  return text;
}
}  // namespace

validation_error::validation_error(std::vector<problem> problems)
    : error(summarize(problems)), problems_(std::move(problems)) {}

not_found_error::not_found_error(std::string kind, std::string id)
    : error(fmt::format("no {} '{}'", kind, id)),
      kind_(std::move(kind)),
      id_(std::move(id)) {}

}  // namespace charter
