#ifndef CHARTER_ID_HPP
#define CHARTER_ID_HPP

#include <compare>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace charter {

/// True if `s` is a slug: `[a-z0-9][a-z0-9._-]*`, at most 64 characters.
constexpr bool is_slug(std::string_view s) noexcept {
  if (s.empty() || s.size() > 64) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  if (!alnum(s.front())) return false;
  for (char c : s)
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

/// A strongly typed id: an `org_id` is not a `person_id`.
///
/// Holds any string; whether it is a valid slug is checked where records are
/// validated, so that a bad id can be reported with its place.
template <class Tag>
class basic_id {
 public:
  basic_id() = default;
  explicit basic_id(std::string value) : value_(std::move(value)) {}
  explicit basic_id(std::string_view value) : value_(value) {}
  explicit basic_id(const char* value) : value_(value) {}

  const std::string& str() const noexcept { return value_; }
  bool empty() const noexcept { return value_.empty(); }

  friend bool operator==(const basic_id&, const basic_id&) = default;
  friend auto operator<=>(const basic_id&, const basic_id&) = default;

 private:
  std::string value_;
};

struct org_tag {};
struct person_tag {};
struct foundation_tag {};
struct project_tag {};
struct body_tag {};
struct tier_tag {};
struct seat_class_tag {};
struct election_tag {};

using org_id = basic_id<org_tag>;
using person_id = basic_id<person_tag>;
using foundation_id = basic_id<foundation_tag>;
using project_id = basic_id<project_tag>;
using body_id = basic_id<body_tag>;
using tier_id = basic_id<tier_tag>;
using seat_class_id = basic_id<seat_class_tag>;
using election_id = basic_id<election_tag>;

// Governance records (issue 17).
struct meeting_tag {};
struct invoice_tag {};
using meeting_id = basic_id<meeting_tag>;
using invoice_id = basic_id<invoice_tag>;

}  // namespace charter

template <class Tag>
struct std::hash<charter::basic_id<Tag>> {
  std::size_t operator()(const charter::basic_id<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.str());
  }
};

#endif
