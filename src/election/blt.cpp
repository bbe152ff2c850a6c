// BLT, the ballot format of the ERS and OpenSTV: "<candidates> <seats>", an
// optional line of withdrawn candidates (negative numbers), one
// "<weight> <c1> <c2> ... 0" line per ballot, a lone 0, then the quoted
// names of the candidates and the quoted title. Ballots and numbers are
// read a line at a time; blank lines are skipped.

#include <charter/ballots.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "election/ballot_text.hpp"

namespace charter::detail {

namespace blt_file {

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

// The blank-separated words of a line, as views into it.
std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

// The next line that is not blank, or nothing at the end of the text.
std::optional<text_line> next_filled(const ballot_text& t, std::size_t& pos) {
  while (auto line = t.next_line(pos))
    if (!trim_blanks(line->text).empty()) return line;
  return std::nullopt;
}

// The end of a line's text, for what is missing from it.
std::string_view end_of(std::string_view line) {
  const auto end = line.find_last_not_of(" \t");
  return line.substr(end == std::string_view::npos ? 0 : end + 1);
}

std::size_t candidate_number(const ballot_text& t, std::string_view word,
                             std::size_t candidates) {
  const auto n = whole_number(word);
  if (!n) {
    if (word.starts_with("("))
      t.fail(word, "ballot ids ('(id)' before a ballot) are not supported");
    if (word == "-")
      t.fail(word, "skipped preferences ('-') are not supported");
    t.fail(word, fmt::format("'{}' is not a candidate number", word));
  }
  if (*n == 0 || *n > candidates)
    t.fail(word, fmt::format("candidate {} is not one of the {} candidates",
                             word, candidates));
  return static_cast<std::size_t>(*n - 1);
}

// "<candidates> <seats>".
void read_head(const ballot_text& t, std::size_t& pos, ballot_box& box) {
  const auto line = next_filled(t, pos);
  if (!line)
    t.fail(t.size(),
           "an empty file: a BLT file starts with "
           "'<candidates> <seats>'");
  const auto w = words(line->text);
  for (std::size_t i = 0; i < w.size() && i < 2; ++i)
    if (!whole_number(w[i]))
      t.fail(w[i], fmt::format("'{}' is not a number of {}", w[i],
                               i == 0 ? "candidates" : "seats"));
  if (w.size() > 2)
    t.fail(w[2], "the first line is '<candidates> <seats>', and no more");
  if (w.size() < 2)
    t.fail(end_of(line->text), "the first line is '<candidates> <seats>'");
  const auto candidates = *whole_number(w[0]);
  const auto seats = *whole_number(w[1]);
  if (candidates == 0) t.fail(w[0], "an election with no candidates");
  if (candidates > max_ballot_candidates)
    t.fail(w[0], fmt::format("{} candidates, more than the {} a ballot file "
                             "may have",
                             w[0], max_ballot_candidates));
  if (seats == 0) t.fail(w[1], "an election with no seats to fill");
  if (seats > candidates)
    t.fail(w[1], fmt::format("{} seats for {} candidates", w[1], w[0]));
  box.candidates.resize(static_cast<std::size_t>(candidates));
  box.seats = static_cast<std::size_t>(seats);
}

// "-2 -5": the candidates withdrawn.
void read_withdrawn(const ballot_text& t, std::string_view line,
                    ballot_box& box) {
  for (const auto w : words(line)) {
    if (!w.starts_with("-"))
      t.fail(w, "a line of withdrawn candidates holds only negative numbers");
    const auto c = candidate_number(t, w.substr(1), box.candidates.size());
    if (std::find(box.withdrawn.begin(), box.withdrawn.end(), c) !=
        box.withdrawn.end())
      t.fail(w, fmt::format("candidate {} is withdrawn twice", c + 1));
    box.withdrawn.push_back(c);
  }
}

// "<weight> <c1> <c2>=<c3> ... 0": earlier is preferred, '=' ties.
void read_ballot(const ballot_text& t, std::string_view line, ballot_box& box,
                 std::uint64_t& voters) {
  const auto w = words(line);
  const std::size_t n = box.candidates.size();
  const auto weight = whole_number(w[0]);
  if (w[0].starts_with("("))
    t.fail(w[0], "ballot ids ('(id)' before a ballot) are not supported");
  if (!weight)
    t.fail(w[0], fmt::format("'{}' is not a ballot's weight (a whole number "
                             "from 1)",
                             w[0]));
  if (*weight == 0) t.fail(w[0], "a ballot of weight 0");
  if (*weight > UINT64_MAX - voters)
    t.fail(w[0], "the ballots' weights add up to more than 2^64 - 1");
  voters += *weight;
  ballot b;
  b.ranks.assign(n, 0);
  b.weight = *weight;
  unsigned rank = 0;
  std::size_t i = 1;
  for (; i < w.size() && w[i] != "0"; ++i) {
    ++rank;
    std::string_view rest = w[i];
    for (;;) {
      const auto equals = rest.find('=');
      const auto part = rest.substr(0, equals);
      if (part.empty()) t.fail(part, "'=' ties two candidate numbers ('2=5')");
      const auto c = candidate_number(t, part, n);
      if (b.ranks[c] != 0)
        t.fail(part, fmt::format("candidate {} is ranked twice on this ballot",
                                 c + 1));
      b.ranks[c] = rank;
      if (equals == std::string_view::npos) break;
      rest.remove_prefix(equals + 1);
    }
  }
  if (i == w.size()) t.fail(end_of(line), "a ballot ends with 0");
  if (i + 1 < w.size())
    t.fail(w[i + 1], "nothing comes after the 0 that ends a ballot");
  box.ballots.push_back(std::move(b));
}

// The quoted strings after the ballots: the names, then the title.
class quoted_strings {
 public:
  explicit quoted_strings(const ballot_text& t, std::size_t pos)
      : t_(t), pos_(pos) {}

  // The next quoted string, or nothing at the end of the text.
  std::optional<std::string_view> next(std::string_view what) {
    while (trim_blanks(rest_).empty()) {
      const auto line = t_.next_line(pos_);
      if (!line) return std::nullopt;
      rest_ = line->text;
    }
    rest_.remove_prefix(rest_.find_first_not_of(" \t"));
    if (rest_.front() != '"')
      t_.fail(rest_, fmt::format("{}, in double quotes", what));
    const auto close = rest_.find('"', 1);
    if (close == std::string_view::npos)
      t_.fail(rest_, fmt::format("{} has no closing quote", what));
    const auto text = rest_.substr(1, close - 1);
    rest_.remove_prefix(close + 1);
    if (!rest_.empty() && !is_blank(rest_.front()))
      t_.fail(rest_, "a quoted string ends at its closing quote");
    return text;
  }

  // Fails at anything left.
  void end(const std::string& why) {
    for (;;) {
      if (!trim_blanks(rest_).empty())
        t_.fail(rest_.substr(rest_.find_first_not_of(" \t")), why);
      const auto line = t_.next_line(pos_);
      if (!line) return;
      rest_ = line->text;
    }
  }

 private:
  const ballot_text& t_;
  std::size_t pos_;
  std::string_view rest_;
};

}  // namespace blt_file

ballot_box read_blt(const ballot_text& t) {
  ballot_box box;
  std::size_t pos = 0;
  blt_file::read_head(t, pos, box);
  std::uint64_t voters = 0;
  bool first = true;
  bool ended = false;
  while (const auto line = blt_file::next_filled(t, pos)) {
    const auto text = trim_blanks(line->text);
    if (first && text.starts_with("-")) {
      blt_file::read_withdrawn(t, text, box);
      first = false;
      continue;
    }
    first = false;
    if (text == "0") {
      if (box.ballots.empty())
        t.fail(text, "no ballots before the 0 that ends them");
      ended = true;
      break;
    }
    blt_file::read_ballot(t, text, box, voters);
  }
  if (!ended)
    t.fail(t.size(),
           "no line '0' after the ballots: a truncated file (the ballots "
           "end with a lone 0, then the names and the title)");
  blt_file::quoted_strings strings(t, pos);
  const std::size_t n = box.candidates.size();
  for (std::size_t c = 0; c < n; ++c) {
    const auto what = fmt::format("the name of candidate {}", c + 1);
    const auto name = strings.next(what);
    if (!name)
      t.fail(t.size(), fmt::format("{} of {} candidates named: a truncated "
                                   "file",
                                   c, n));
    if (trim_blanks(*name).empty())
      t.fail(*name, fmt::format("candidate {} has an empty name", c + 1));
    auto decoded = t.name(*name);
    const auto same = std::find(
        box.candidates.begin(),
        box.candidates.begin() + static_cast<std::ptrdiff_t>(c), decoded);
    if (same != box.candidates.begin() + static_cast<std::ptrdiff_t>(c))
      t.fail(*name,
             fmt::format("candidates {} and {} are both '{}'",
                         same - box.candidates.begin() + 1, c + 1, decoded));
    box.candidates[c] = std::move(decoded);
  }
  const auto title = strings.next("the title");
  if (!title)
    t.fail(t.size(),
           "no title after the names: a truncated file (the title is the "
           "last line, in double quotes)");
  box.title = t.name(*title);
  strings.end("nothing comes after the title");
  return box;
}

}  // namespace charter::detail
