#include <charter/error.hpp>

#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

namespace charter {

std::string to_string(const problem& p) {
  if (!p.where.empty()) return p.where + ": " + p.message;
  if (!p.record.empty()) return p.record + ": " + p.message;
  return p.message;
}

namespace {
std::string summarize(const std::vector<problem>& problems) {
  if (problems.empty()) return "invalid";
  std::string out = to_string(problems.front());
  if (problems.size() > 1)
    out += fmt::format(" (and {} more)", problems.size() - 1);
  return out;
}
}  // namespace

validation_error::validation_error(std::vector<problem> problems)
    : error(summarize(problems)), problems_(std::move(problems)) {}

not_found_error::not_found_error(std::string kind, std::string id)
    : error(fmt::format("no {} '{}'", kind, id)),
      kind_(std::move(kind)),
      id_(std::move(id)) {}

std::string to_string(const source_place& where) {
  if (where.line == 0) return where.file;
  if (where.column == 0) return fmt::format("{}:{}", where.file, where.line);
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

source_error::source_error(source_place where, std::string message)
    : parse_error(fmt::format("{}: {}", to_string(where), message)),
      where_(std::move(where)),
      reason_(std::move(message)) {}

}  // namespace charter
