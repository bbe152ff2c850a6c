// Debian's tally sheets (devotee): "Option N--->: Name" lines, then one
// "V: <ranks> <hash>" line per voter. Every other line (the explanation at
// the top, the "|||/" drawing, the "-=-=" rules, blank lines) is skipped.

#include <charter/ballots.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "election/ballot_text.hpp"

namespace charter::detail {

namespace tally {

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// "   ||/  Option 3------->: Name": the option's text from "Option", or
// nothing when the line is not an option line.
std::string_view option_text(std::string_view line) noexcept {
  const auto start = line.find_first_not_of(" \t/|");
  if (start == std::string_view::npos) return {};
  line.remove_prefix(start);
  constexpr std::string_view option = "Option ";
  if (!line.starts_with(option) || line.size() == option.size() ||
      !is_digit(line[option.size()]))
    return {};
  return line;
}

void read_option(const ballot_text& t, std::string_view line, ballot_box& box) {
  std::size_t i = std::string_view("Option ").size();
  const std::size_t digits = i;
  while (i < line.size() && is_digit(line[i])) ++i;
  const auto number = whole_number(line.substr(digits, i - digits));
  if (!number || *number != box.candidates.size() + 1)
    t.fail(line.substr(digits),
           fmt::format("option {} where option {} comes next",
                       line.substr(digits, i - digits),
                       box.candidates.size() + 1));
  if (*number > max_ballot_candidates)
    t.fail(line.substr(digits),
           fmt::format("option {}, more than the {} a ballot file may have",
                       *number, max_ballot_candidates));
  while (i < line.size() && line[i] == '-') ++i;
  if (!line.substr(i).starts_with(">:"))
    t.fail(line.substr(i), "an option line is 'Option N--->: name'");
  const auto name = trim_blanks(line.substr(i + 2));
  if (name.empty())
    t.fail(line.substr(i + 2), fmt::format("option {} has no name", *number));
  auto decoded = t.name(name);
  const auto same =
      std::find(box.candidates.begin(), box.candidates.end(), decoded);
  if (same != box.candidates.end())
    t.fail(name,
           fmt::format("options {} and {} are both '{}'",
                       same - box.candidates.begin() + 1, *number, decoded));
  box.candidates.push_back(std::move(decoded));
}

// "V: 2-31---- \t\tf504e2dd66052cd618b2619f21afd3f6", `line` from "V:".
void read_vote(const ballot_text& t, std::string_view line, ballot_box& box) {
  const std::size_t n = box.candidates.size();
  if (n == 0) t.fail(line, "a vote before the options are named");
  std::size_t i = 2;
  while (i < line.size() && is_blank(line[i])) ++i;
  const std::size_t start = i;
  while (i < line.size() && !is_blank(line[i])) ++i;
  const auto ranks = line.substr(start, i - start);
  if (ranks.empty()) t.fail(line.substr(start), "a vote with no ranks");
  ballot b;
  b.ranks.reserve(n);
  for (std::size_t k = 0; k < ranks.size(); ++k) {
    const char c = ranks[k];
    const auto at = ranks.substr(k);
    if (k == n)
      t.fail(at, fmt::format("{} ranks for {} options", ranks.size(), n));
    if (c == '-') {
      b.ranks.push_back(0);
    } else if (c == '0') {
      t.fail(at, "rank 0: ranks start at 1");
    } else if (is_digit(c)) {
      const auto rank = static_cast<unsigned>(c - '0');
      if (rank > n)
        t.fail(at, fmt::format("rank {} is more than the {} options", c, n));
      b.ranks.push_back(rank);
    } else {
      t.fail(at, fmt::format("'{}' is not a rank: a rank is a digit from 1, "
                             "or '-' for an option left unranked",
                             c));
    }
  }
  if (ranks.size() < n)
    t.fail(line.substr(i),
           fmt::format("{} ranks for {} options", ranks.size(), n));
  while (i < line.size() && is_blank(line[i])) ++i;
  const std::size_t hash = i;
  while (i < line.size() && !is_blank(line[i])) ++i;
  if (i == hash) t.fail(line.substr(i), "a vote ends with the voter's hash");
  while (i < line.size() && is_blank(line[i])) ++i;
  if (i < line.size())
    t.fail(line.substr(i), "nothing comes after the voter's hash");
  box.ballots.push_back(std::move(b));
}

}  // namespace tally

ballot_box read_debian_tally(const ballot_text& t) {
  ballot_box box;
  std::size_t pos = 0;
  while (const auto line = t.next_line(pos)) {
    const auto text = line->text;
    const auto start = text.find_first_not_of(" \t");
    if (start != std::string_view::npos &&
        text.substr(start).starts_with("V:")) {
      tally::read_vote(t, text.substr(start), box);
    } else if (const auto option = tally::option_text(text); !option.empty()) {
      if (!box.ballots.empty())
        t.fail(option, "an option named after the votes");
      tally::read_option(t, option, box);
    }
  }
  if (box.candidates.empty())
    t.fail(t.size(),
           "no 'Option 1--->: name' line: not a tally sheet, or a truncated "
           "one");
  if (box.ballots.empty())
    t.fail(t.size(), "no 'V:' lines: a tally sheet with no votes");
  return box;
}

}  // namespace charter::detail
