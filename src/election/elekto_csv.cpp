// Kubernetes' Elekto CSV: a header row of candidate ids, one ballot a row.
// CSV as RFC 4180 writes it: cells split by commas, rows by "\r\n" or "\n";
// a quoted cell holds commas, line breaks and doubled quotes.

#include <charter/ballots.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "election/ballot_text.hpp"

namespace charter::detail {

namespace elekto {

struct cell {
  std::string value;
  std::size_t offset = 0;  // of its first byte (its quote, when quoted)
  bool quoted = false;
};

struct row {
  std::vector<cell> cells;
  std::size_t end = 0;  // just past its last cell
};

// The row at `pos` (moved past its line ending), or false at the end.
bool read_row(const ballot_text& t, std::size_t& pos, row& r) {
  const std::string_view s = t.text();
  if (pos >= s.size()) return false;
  r.cells.clear();
  for (;;) {
    cell c;
    c.offset = pos;
    if (pos < s.size() && s[pos] == '"') {
      c.quoted = true;
      ++pos;
      for (;;) {
        if (pos >= s.size()) t.fail(c.offset, "a quoted cell is never closed");
        if (s[pos] == '"') {
          if (pos + 1 < s.size() && s[pos + 1] == '"') {
            c.value.push_back('"');
            pos += 2;
            continue;
          }
          ++pos;
          break;
        }
        c.value.push_back(s[pos++]);
      }
      r.end = pos;
      const bool ends =
          pos >= s.size() || s[pos] == ',' || s[pos] == '\n' ||
          (s[pos] == '\r' && (pos + 1 == s.size() || s[pos + 1] == '\n'));
      if (!ends)
        t.fail(pos,
               "a quoted cell ends at its closing quote: a comma or the end "
               "of the row comes next");
    } else {
      const std::size_t start = pos;
      while (pos < s.size() && s[pos] != ',' && s[pos] != '\n') {
        if (s[pos] == '"')
          t.fail(pos,
                 "a quote in a cell that does not start with one (quote the "
                 "whole cell, and double the quotes in it)");
        ++pos;
      }
      std::size_t end = pos;
      if (end > start && s[end - 1] == '\r' &&
          (pos == s.size() || s[pos] == '\n'))
        --end;
      c.value.assign(s.substr(start, end - start));
      r.end = end;
    }
    r.cells.push_back(std::move(c));
    if (pos < s.size() && s[pos] == ',') {
      ++pos;
      continue;
    }
    if (pos < s.size() && s[pos] == '\r') ++pos;
    if (pos < s.size() && s[pos] == '\n') ++pos;
    return true;
  }
}

bool blank_row(const row& r) {
  return r.cells.size() == 1 && !r.cells[0].quoted && r.cells[0].value.empty();
}

bool no_opinion(std::string_view v) {
  constexpr std::string_view words = "no opinion";
  if (v.size() != words.size()) return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != words[i]) return false;
  }
  return true;
}

// Where the text of a cell starts, past its quote and leading blanks.
std::size_t text_offset(const cell& c) {
  const auto blanks = c.value.find_first_not_of(" \t");
  return c.offset + (c.quoted ? 1 : 0) +
         (blanks == std::string::npos ? 0 : blanks);
}

unsigned rank_of(const ballot_text& t, const cell& c, std::size_t candidates) {
  const auto v = trim_blanks(c.value);
  if (v.empty() || no_opinion(v)) return 0;
  const bool digits = std::all_of(
      v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  if (!digits)
    t.fail(text_offset(c),
           fmt::format("'{}' is not a rank: a rank is a whole number from 1, "
                       "or 'No opinion'",
                       v));
  const auto n = whole_number(v);
  if (n && *n == 0) t.fail(text_offset(c), "rank 0: ranks start at 1");
  if (!n || *n > candidates)
    t.fail(text_offset(c), fmt::format("rank {} is more than the {} candidates",
                                       v, candidates));
  return static_cast<unsigned>(*n);
}

}  // namespace elekto

ballot_box read_elekto_csv(const ballot_text& t) {
  ballot_box box;
  std::size_t pos = 0;
  elekto::row r;
  bool header = false;
  while (!header && elekto::read_row(t, pos, r)) header = !elekto::blank_row(r);
  if (!header) t.fail(t.size(), "no header row of candidates");
  if (r.cells.size() > max_ballot_candidates)
    t.fail(r.cells[max_ballot_candidates].offset,
           fmt::format("{} candidates, more than the {} a ballot file may have",
                       r.cells.size(), max_ballot_candidates));
  for (const auto& c : r.cells) {
    const auto id = trim_blanks(c.value);
    if (id.empty()) t.fail(c.offset, "a candidate with no id in the header");
    auto name = t.name(id);
    const auto same =
        std::find(box.candidates.begin(), box.candidates.end(), name);
    if (same != box.candidates.end())
      t.fail(elekto::text_offset(c),
             fmt::format("candidate '{}' is named twice in the header "
                         "(cells {} and {})",
                         name, same - box.candidates.begin() + 1,
                         box.candidates.size() + 1));
    box.candidates.push_back(std::move(name));
  }
  const std::size_t n = box.candidates.size();
  while (elekto::read_row(t, pos, r)) {
    if (elekto::blank_row(r)) continue;
    if (r.cells.size() != n) {
      const auto why = fmt::format("a ballot of {} cells under a header of {}",
                                   r.cells.size(), n);
      t.fail(r.cells.size() > n ? r.cells[n].offset : r.end, why);
    }
    ballot b;
    b.ranks.reserve(n);
    for (const auto& c : r.cells) b.ranks.push_back(elekto::rank_of(t, c, n));
    box.ballots.push_back(std::move(b));
  }
  if (box.ballots.empty()) t.fail(t.size(), "no ballots under the header");
  return box;
}

}  // namespace charter::detail
