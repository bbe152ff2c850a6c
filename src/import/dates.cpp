#include "import/dates.hpp"

#include "import/text.hpp"

#include <array>
#include <charconv>
#include <string>
#include <vector>

namespace charter::import {

using namespace std::chrono;

date loose_date::after() const {
  switch (precise) {
    case precision::day:
      return add_days(first);
    case precision::month:
      return date{first.year() / first.month() / 1} + months{1};
    case precision::year:
      return date{(first.year() + years{1}) / January / 1};
  }
  return first;
}

int month_named(std::string_view name) {
  static constexpr std::array<std::string_view, 12> names{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string n = lower(trim(name));
  if (n.size() < 3) return 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (n == names[i]) return static_cast<int>(i + 1);
    // Abbreviations: "jan", "sept", "dec."
    std::string_view abbr = n;
    if (abbr.ends_with('.')) abbr.remove_suffix(1);
    if (abbr.size() >= 3 && names[i].starts_with(abbr))
      return static_cast<int>(i + 1);
  }
  return 0;
}

date add_years(date d, int n) {
  date out{d.year() + years{n}, d.month(), d.day()};
  if (!out.ok()) out = add_days(date{out.year() / out.month() / last});
  return date{sys_days{out}};
}

namespace {

// Digits only, of length `min`..`max`.
std::optional<int> number(std::string_view s, std::size_t min,
                          std::size_t max) {
  if (s.size() < min || s.size() > max) return std::nullopt;
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<loose_date> make(int y, int m, int d, precision p) {
  const date out{year{y}, month{static_cast<unsigned>(m)},
                 day{static_cast<unsigned>(d)}};
  if (y < 1 || y > 9999 || !out.ok()) return std::nullopt;
  return loose_date{out, p};
}

// The words of `s`: split at spaces, commas and slashes kept apart.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
    const std::size_t begin = i;
    while (i < s.size() && s[i] != ' ' && s[i] != ',') ++i;
    if (i > begin) out.push_back(s.substr(begin, i - begin));
  }
  return out;
}

}  // namespace

std::optional<loose_date> parse_loose_date(std::string_view text) {
  text = trim(text);
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
      text.back() == text.front())
    text = trim(text.substr(1, text.size() - 2));
  if (text.empty()) return std::nullopt;
  // ISO: YYYY-MM-DD, YYYY-MM, YYYY; an ISO time after the date is ignored.
  if (text.size() >= 4 && number(text.substr(0, 4), 4, 4)) {
    const auto parts = split(text.substr(0, text.find('T')), '-');
    if (parts.size() == 3) {
      const auto y = number(parts[0], 4, 4), m = number(parts[1], 1, 2),
                 d = number(parts[2], 1, 2);
      if (y && m && d) return make(*y, *m, *d, precision::day);
      return std::nullopt;
    }
    if (parts.size() == 2) {
      const auto y = number(parts[0], 4, 4), m = number(parts[1], 1, 2);
      if (y && m) return make(*y, *m, 1, precision::month);
      return std::nullopt;
    }
    if (parts.size() == 1 && text.size() == 4)
      return make(*number(text, 4, 4), 1, 1, precision::year);
  }
  // M/D/YYYY and MM/YYYY.
  if (text.find('/') != std::string_view::npos) {
    const auto parts = split(text, '/');
    if (parts.size() == 3) {
      const auto m = number(parts[0], 1, 2), d = number(parts[1], 1, 2),
                 y = number(parts[2], 4, 4);
      if (m && d && y) return make(*y, *m, *d, precision::day);
    }
    if (parts.size() == 2) {
      const auto m = number(parts[0], 1, 2), y = number(parts[1], 4, 4);
      if (m && y) return make(*y, *m, 1, precision::month);
    }
    return std::nullopt;
  }
  // Month names: "January 2026", "Jan 5, 2024", "5 January 2024".
  const auto w = words(text);
  if (w.size() == 2) {
    const int m = month_named(w[0]);
    const auto y = number(w[1], 4, 4);
    if (m && y) return make(*y, m, 1, precision::month);
  }
  if (w.size() == 3) {
    if (const int m = month_named(w[0])) {
      std::string_view d = w[1];
      while (!d.empty() && !std::isdigit(static_cast<unsigned char>(d.back())))
        d.remove_suffix(1);  // "5th"
      const auto dd =
          number(d.substr(0, d.find_first_not_of("0123456789")), 1, 2);
      const auto y = number(w[2], 4, 4);
      if (dd && y) return make(*y, m, *dd, precision::day);
    }
    if (const int m = month_named(w[1])) {
      const auto dd = number(w[0], 1, 2);
      const auto y = number(w[2], 4, 4);
      if (dd && y) return make(*y, m, *dd, precision::day);
    }
  }
  return std::nullopt;
}

std::optional<period> parse_term(std::string_view text) {
  text = trim(text);
  static constexpr std::array<std::string_view, 6> separators{
      " - ", " \u2013 ", " \u2014 ", " to ", " through ", " until "};
  for (const auto sep : separators) {
    const auto at = text.find(sep);
    if (at == std::string_view::npos) continue;
    const auto from = parse_loose_date(text.substr(0, at));
    if (!from) return std::nullopt;
    const auto rest = lower(trim(text.substr(at + sep.size())));
    if (rest == "present" || rest == "now" || rest == "today")
      return period{from->first, std::nullopt};
    const auto to = parse_loose_date(rest);
    if (!to) return std::nullopt;
    period p{from->first, to->after()};
    if (!p.ok()) return std::nullopt;
    return p;
  }
  // "2024-2026" (years).
  if (text.size() == 9 && text[4] == '-') {
    const auto a = parse_loose_date(text.substr(0, 4));
    const auto b = parse_loose_date(text.substr(5));
    if (a && b && a->precise == precision::year &&
        b->precise == precision::year && a->first < b->first)
      return period{a->first, b->after()};
  }
  return std::nullopt;
}

}  // namespace charter::import
