#include <charter/batch.hpp>
#include <charter/date.hpp>
#include <charter/error.hpp>
#include <charter/model.hpp>
#include <charter/money.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>
#include <vector>

#include "edit_distance.hpp"

namespace charter {

// ---- errors

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

// ---- dates and money

std::optional<date> try_parse_date(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len, int& out) {
    int value = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      const unsigned digit = static_cast<unsigned char>(text[i]) - unsigned{'0'};
      if (digit > 9) return false;
      value = value * 10 + static_cast<int>(digit);
    }
    out = value;
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d))
    return std::nullopt;
  date result{std::chrono::year{y},
              std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
  if (!result.ok()) return std::nullopt;
  return result;
}

date parse_date(std::string_view text) {
  if (auto d = try_parse_date(text)) return *d;
  throw parse_error(
      fmt::format("'{}' is not a date (expected YYYY-MM-DD)", text));
}

std::string to_string(date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

date today() {
  return date{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

std::string to_string(const period& p) {
  return p.to ? to_string(p.from) + ".." + to_string(*p.to)
              : to_string(p.from) + "..";
}

std::string format_amount(std::int64_t cents) {
  const auto magnitude = cents < 0 ? -static_cast<std::uint64_t>(cents)
                                   : static_cast<std::uint64_t>(cents);
  return fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", magnitude / 100,
                     magnitude % 100);
}

std::string to_string(const money& m) {
  return format_amount(m.cents) + " " + m.currency;
}

// ---- enums

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

// ---- batches

std::string to_string(const record_key& key) {
  struct visitor {
    std::string operator()(const org_id& id) const {
      return "organization " + id.str();
    }
    std::string operator()(const person_id& id) const {
      return "person " + id.str();
    }
    std::string operator()(const foundation_id& id) const {
      return "foundation " + id.str();
    }
    std::string operator()(const project_id& id) const {
      return "project " + id.str();
    }
    std::string operator()(const body_id& id) const {
      return "body " + id.str();
    }
    std::string operator()(const membership_key& k) const {
      return fmt::format("membership {}@{}/{}", k.org.str(), k.foundation.str(),
                         to_string(k.from));
    }
    std::string operator()(const seat_key& k) const {
      return fmt::format("seat {}:{}/{}/{}", k.body.str(), k.seat_class.str(),
                         k.person.str(), to_string(k.from));
    }
    std::string operator()(const role_key& k) const {
      static constexpr const char* kinds[] = {"foundation", "project", "body"};
      return fmt::format("role '{}' of {} in {} {}/{}", k.title, k.person.str(),
                         kinds[k.scope.index()], str(k.scope),
                         to_string(k.from));
    }
  };
  return std::visit(visitor{}, key);
}

batch& batch::join(org_id org, foundation_id foundation, tier_id tier, date on,
                   bool founding) {
  ops_.emplace_back(op::join{std::move(org), std::move(foundation),
                             std::move(tier), on, founding});
  return *this;
}
batch& batch::leave(org_id org, foundation_id foundation, date on) {
  ops_.emplace_back(op::leave{std::move(org), std::move(foundation), on});
  return *this;
}
batch& batch::change_tier(org_id org, foundation_id foundation, tier_id tier,
                          date on) {
  ops_.emplace_back(op::change_tier{std::move(org), std::move(foundation),
                                    std::move(tier), on});
  return *this;
}
batch& batch::affiliate(person_id person, affiliation tie) {
  ops_.emplace_back(op::affiliate{std::move(person), std::move(tie)});
  return *this;
}
batch& batch::end_affiliation(person_id person, org_id org, date on) {
  ops_.emplace_back(op::end_affiliation{std::move(person), std::move(org), on});
  return *this;
}
batch& batch::end_seat(body_id body, person_id person, date on) {
  ops_.emplace_back(op::end_seat{std::move(body), std::move(person), on});
  return *this;
}
batch& batch::end_role(person_id person, std::string title, role_scope scope,
                       date on) {
  ops_.emplace_back(
      op::end_role{std::move(person), std::move(title), std::move(scope), on});
  return *this;
}
batch& batch::transfer(project_id project, steward_ref to, date on) {
  ops_.emplace_back(op::transfer{std::move(project), std::move(to), on});
  return *this;
}

namespace {
struct describer {
  template <class Record>
  std::string operator()(const op::add<Record>& o) const {
    return "add " + to_string(key(o.record));
  }
  template <class Record>
  std::string operator()(const op::update<Record>& o) const {
    return "update " + to_string(key(o.record));
  }
  std::string operator()(const op::join& o) const {
    return fmt::format("join {} {} {} {}{}", o.org.str(), o.foundation.str(),
                       o.tier.str(), to_string(o.on),
                       o.founding ? " founding" : "");
  }
  std::string operator()(const op::leave& o) const {
    return fmt::format("leave {} {} {}", o.org.str(), o.foundation.str(),
                       to_string(o.on));
  }
  std::string operator()(const op::change_tier& o) const {
    return fmt::format("change-tier {} {} {} {}", o.org.str(),
                       o.foundation.str(), o.tier.str(), to_string(o.on));
  }
  std::string operator()(const op::affiliate& o) const {
    return fmt::format("affiliate {} {} {}", o.person.str(), o.tie.org.str(),
                       to_string(o.tie.when));
  }
  std::string operator()(const op::end_affiliation& o) const {
    return fmt::format("end-affiliation {} {} {}", o.person.str(), o.org.str(),
                       to_string(o.on));
  }
  std::string operator()(const op::end_seat& o) const {
    return fmt::format("end-seat {} {} {}", o.body.str(), o.person.str(),
                       to_string(o.on));
  }
  std::string operator()(const op::end_role& o) const {
    return fmt::format("end-role {} '{}' {} {}", o.person.str(), o.title,
                       str(o.scope), to_string(o.on));
  }
  std::string operator()(const op::transfer& o) const {
    return fmt::format("transfer {} {} {}", o.project.str(), str(o.to),
                       to_string(o.on));
  }

  static record_key key(const organization& r) { return r.id; }
  static record_key key(const person& r) { return r.id; }
  static record_key key(const foundation& r) { return r.id; }
  static record_key key(const project& r) { return r.id; }
  static record_key key(const body& r) { return r.id; }
  template <class Record>
  static record_key key(const Record& r) {
    return key_of(r);
  }
};
}  // namespace

std::vector<std::string> batch::describe() const {
  std::vector<std::string> lines;
  lines.reserve(ops_.size());
  for (const auto& o : ops_) lines.push_back(std::visit(describer{}, o));
  return lines;
}

// ---- seats

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

// ---- names

std::size_t detail::edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1,
                                          std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

}  // namespace charter
