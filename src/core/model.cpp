#include <charter/model.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace charter {

namespace {
template <class Enum, std::size_t N>
std::optional<Enum> parse_enum(const std::array<std::string_view, N>& names,
                               std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<Enum>(i);
  return std::nullopt;
}

constexpr std::array<std::string_view, 6> org_kind_names{
    "company", "nonprofit", "academic", "government", "foundation", "other"};
constexpr std::array<std::string_view, 4> seat_mode_names{
    "per-member", "elected", "fixed", "ex-officio"};
constexpr std::array<std::string_view, 2> rounding_names{"up", "down"};
constexpr std::array<std::string_view, 4> office_names{
    "chair", "vice-chair", "treasurer", "secretary"};
constexpr std::array<std::string_view, 3> count_method_names{
    "schulze", "scottish-stv", "meek-stv"};
constexpr std::array<std::string_view, 2> unranked_rule_names{"ignored",
                                                              "below"};
}  // namespace

std::string_view to_string(org_kind k) noexcept {
  return org_kind_names[static_cast<std::size_t>(k)];
}
std::string_view to_string(seat_mode m) noexcept {
  return seat_mode_names[static_cast<std::size_t>(m)];
}
std::string_view to_string(rounding r) noexcept {
  return rounding_names[static_cast<std::size_t>(r)];
}
std::string_view to_string(office o) noexcept {
  return office_names[static_cast<std::size_t>(o)];
}
std::string_view to_string(count_method method) noexcept {
  return count_method_names[static_cast<std::size_t>(method)];
}
std::string_view to_string(unranked_rule rule) noexcept {
  return unranked_rule_names[static_cast<std::size_t>(rule)];
}
std::optional<org_kind> parse_org_kind(std::string_view s) noexcept {
  return parse_enum<org_kind>(org_kind_names, s);
}
std::optional<seat_mode> parse_seat_mode(std::string_view s) noexcept {
  return parse_enum<seat_mode>(seat_mode_names, s);
}
std::optional<rounding> parse_rounding(std::string_view s) noexcept {
  return parse_enum<rounding>(rounding_names, s);
}
std::optional<office> parse_office(std::string_view s) noexcept {
  return parse_enum<office>(office_names, s);
}
std::optional<count_method> parse_count_method(std::string_view s) noexcept {
  return parse_enum<count_method>(count_method_names, s);
}
std::optional<unranked_rule> parse_unranked_rule(std::string_view s) noexcept {
  return parse_enum<unranked_rule>(unranked_rule_names, s);
}

int seat_class::elected_seats(std::size_t members) const noexcept {
  if (members == 0) return 0;
  const auto n = static_cast<long long>(members);
  const long long one_per = per < 1 ? 1 : per;
  long long seats =
      round == rounding::up ? (n + one_per - 1) / one_per : n / one_per;
  if (min) seats = std::max<long long>(seats, *min);
  if (max) seats = std::min<long long>(seats, *max);
  return static_cast<int>(seats);
}

}  // namespace charter
