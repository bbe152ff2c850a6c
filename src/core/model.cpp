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

// ---- Governance records (issue 17)

namespace {
constexpr std::array<std::string_view, 4> appointment_kind_names{
    "entitlement", "election", "appointment", "ex-officio"};
constexpr std::array<std::string_view, 2> meeting_kind_names{"regular",
                                                             "special"};
constexpr std::array<std::string_view, 3> attendance_status_names{
    "present", "absent", "represented"};
}  // namespace

std::string_view to_string(appointment_kind k) noexcept {
  return appointment_kind_names[static_cast<std::size_t>(k)];
}
std::string_view to_string(meeting_kind k) noexcept {
  return meeting_kind_names[static_cast<std::size_t>(k)];
}
std::string_view to_string(attendance_status s) noexcept {
  return attendance_status_names[static_cast<std::size_t>(s)];
}
std::optional<appointment_kind> parse_appointment_kind(
    std::string_view s) noexcept {
  return parse_enum<appointment_kind>(appointment_kind_names, s);
}
std::optional<meeting_kind> parse_meeting_kind(std::string_view s) noexcept {
  return parse_enum<meeting_kind>(meeting_kind_names, s);
}
std::optional<attendance_status> parse_attendance_status(
    std::string_view s) noexcept {
  return parse_enum<attendance_status>(attendance_status_names, s);
}

}  // namespace charter
