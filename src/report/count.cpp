// The result of a count as a report: the winners and how they were found
// (Schulze's ranking and its pairwise and strongest-path matrices, or the
// stages of an STV count), the candidates a seat rule skipped and the ties
// a draw decided. One document for text, Markdown, CSV and HTML; JSON from
// the result directly (docs/elections.md, "Reports of a count").
#include <charter/count.hpp>
#include <charter/report.hpp>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "report/document.hpp"
#include "report/escape.hpp"
#include "report/json.hpp"

namespace charter {

namespace json = boost::json;

namespace {

// The number of decimals `scale` units per vote give (1: none; 100000: 5).
int decimals_of(std::int64_t scale) {
  int n = 0;
  for (std::int64_t s = scale; s >= 10 && s % 10 == 0; s /= 10) ++n;
  return n;
}

// Votes exactly, with the count's decimals: "1234.56789", "-0.00001".
std::string votes_text(votes v, std::int64_t scale) {
  const int decimals = decimals_of(scale);
  if (decimals == 0) return std::to_string(v.units);
  const bool negative = v.units < 0;
  // The magnitude as unsigned: -INT64_MIN does not fit a signed one.
  const auto magnitude = negative ? 0 - static_cast<std::uint64_t>(v.units)
                                  : static_cast<std::uint64_t>(v.units);
  const auto unit = static_cast<std::uint64_t>(scale);
  return fmt::format("{}{}.{:0{}}", negative ? "-" : "", magnitude / unit,
                     magnitude % unit, decimals);
}

std::string names(const count_result& r, const std::vector<std::size_t>& who) {
  std::string out;
  for (const auto i : who) {
    if (!out.empty()) out += ", ";
    out += r.candidates.at(i);
  }
  return out;
}

bool is_stv(const count_result& r) { return r.method != count_method::schulze; }

std::string method_name(count_method m) {
  switch (m) {
    case count_method::schulze:
      return "Schulze (winning votes)";
    case count_method::scottish_stv:
      return "Scottish STV";
    case count_method::meek_stv:
      return "Meek STV";
  }
  return "?";
}

detail::doc_section elected_section(const count_result& r) {
  detail::doc_table t{{"Seat", "Candidate"}, {}, {true, false}, "No one."};
  for (std::size_t i = 0; i < r.elected.size(); ++i)
    t.add({std::to_string(i + 1), r.candidates.at(r.elected[i])});
  return {"Elected", {}, std::move(t), {}};
}

detail::doc_section ranking_section(const count_result& r) {
  detail::doc_table t{
      {"Place", "Candidates"}, {}, {true, false}, "No ranking."};
  std::size_t place = 1;
  for (const auto& tied : r.ranking) {
    t.add({std::to_string(place), names(r, tied)});
    place += tied.size();
  }
  return {"Ranking",
          {"Candidates in one place are tied: neither beats the other."},
          std::move(t),
          {}};
}

// A candidates × candidates matrix, rows and columns in ranking order. The
// columns are headed by the rows' numbers, not the names: thirteen names
// across make a table no terminal or page holds.
detail::doc_section matrix_section(
    const count_result& r, std::string heading, std::string line,
    const std::vector<std::vector<std::uint64_t>>& m) {
  std::vector<std::size_t> order;
  for (const auto& tied : r.ranking)
    order.insert(order.end(), tied.begin(), tied.end());
  detail::doc_table t;
  t.header = {"#", "Candidate"};
  t.numeric = {true, false};
  for (std::size_t k = 0; k < order.size(); ++k) {
    t.header.push_back(std::to_string(k + 1));
    t.numeric.push_back(true);
  }
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto i = order[k];
    std::vector<std::string> row{std::to_string(k + 1), r.candidates.at(i)};
    for (const auto j : order)
      row.push_back(i == j ? "" : std::to_string(m.at(i).at(j)));
    t.add(std::move(row));
  }
  return {std::move(heading),
          {std::move(line), "Column n is the candidate of row n."},
          std::move(t),
          {}};
}

// Whether every stage has the count's quota (Scottish STV's fixed one).
bool quota_is_fixed(const count_result& r) {
  for (const auto& s : r.stages)
    if (s.quota != r.quota) return false;
  return true;
}

// Whether every stage's action only says its number (Meek's "iteration
// 12" at stage 12).
bool stages_are_iterations(const count_result& r) {
  if (r.stages.empty()) return false;
  for (std::size_t i = 0; i < r.stages.size(); ++i)
    if (r.stages[i].action != fmt::format("iteration {}", i + 1)) return false;
  return true;
}

detail::doc_section stages_section(const count_result& r) {
  const bool iterations = stages_are_iterations(r);
  const bool fixed = quota_is_fixed(r);
  detail::doc_table t;
  t.header = {"Stage"};
  t.numeric = {true};
  if (!iterations) {
    t.header.push_back("Action");
    t.numeric.push_back(false);
  }
  t.header.insert(t.header.end(), {"Elected", "Excluded"});
  t.numeric.insert(t.numeric.end(), {false, false});
  if (!fixed) {
    t.header.push_back("Quota");
    t.numeric.push_back(true);
  }
  t.empty = "No stage.";
  for (std::size_t i = 0; i < r.stages.size(); ++i) {
    const auto& s = r.stages[i];
    std::vector<std::string> row{std::to_string(i + 1)};
    if (!iterations) row.push_back(s.action);
    row.push_back(names(r, s.elected));
    row.push_back(names(r, s.excluded));
    if (!fixed) row.push_back(votes_text(s.quota, r.scale));
    t.add(std::move(row));
  }
  std::vector<std::string> lines;
  if (iterations) lines.push_back("Each stage is one iteration.");
  return {"Stages", std::move(lines), std::move(t), {}};
}

// The width a terminal line of a tally table may take, its indent included.
constexpr std::size_t tally_width = 100;

// A grid of `what` ("Votes", "Keep factors") at every stage: a row per
// label, a column per stage, as count sheets are laid out. As many stages
// to a table as fit a line of `tally_width` characters, and as many tables
// as it takes; the rows from `aside_from` on are set apart (not
// candidates), and `notes` go under the first table's heading.
std::vector<detail::doc_section> stage_grid(
    const count_result& r, std::string_view what,
    const std::vector<std::string>& labels,
    const std::vector<std::vector<std::string>>& columns,
    std::size_t aside_from, std::vector<std::string> notes) {
  const auto width_of = [](const std::vector<std::string>& cells,
                           const std::string& head) {
    std::size_t w = detail::display_width(head);
    for (const auto& cell : cells) w = std::max(w, detail::display_width(cell));
    return w;
  };
  // The indent, the labels and their gap, then each stage and its gap.
  const std::size_t fixed = 2 + width_of(labels, "Candidate");
  const auto stage_width = [&](std::size_t i) {
    return 2 + width_of(columns[i], fmt::format("Stage {}", i + 1));
  };
  // Tables of at most `most` stages each, or nothing if one is too wide.
  const auto split = [&](std::size_t most) {
    std::vector<std::pair<std::size_t, std::size_t>> groups;  // [first, end)
    for (std::size_t i = 0; i < columns.size(); i += most) {
      const std::size_t end = std::min(columns.size(), i + most);
      std::size_t width = fixed;
      for (std::size_t k = i; k < end; ++k) width += stage_width(k);
      if (width > tally_width && end - i > 1) return decltype(groups){};
      groups.emplace_back(i, end);
    }
    return groups;
  };
  // The fewest tables, then stages shared out evenly among them.
  std::size_t most = std::max<std::size_t>(1, columns.size());
  while (most > 1 && split(most).empty()) --most;
  const std::size_t tables =
      columns.empty() ? 0 : (columns.size() + most - 1) / most;
  if (tables > 0) {
    const std::size_t even = (columns.size() + tables - 1) / tables;
    if (!split(even).empty()) most = even;
  }
  const auto groups = split(most);
  std::vector<detail::doc_section> sections;
  for (const auto& [first, end] : groups) {
    detail::doc_table t;
    t.header.push_back("Candidate");
    t.numeric.push_back(false);
    for (std::size_t i = first; i < end; ++i) {
      t.header.push_back(fmt::format("Stage {}", i + 1));
      t.numeric.push_back(true);
    }
    for (std::size_t row = 0; row < labels.size(); ++row) {
      std::vector<std::string> cells{labels[row]};
      for (std::size_t i = first; i < end; ++i)
        cells.push_back(columns[i][row]);
      t.add(std::move(cells), row >= aside_from ? "aside" : "");
    }
    std::vector<std::string> lines;
    std::string heading = fmt::format("{} at each stage", what);
    if (groups.size() > 1) {
      heading =
          end - first == 1
              ? fmt::format("{} at stage {}", what, first + 1)
              : fmt::format("{} at stages {} to {}", what, first + 1, end);
      if (first == 0)
        lines.push_back(
            fmt::format("{} stages, split over {} tables to fit the page.",
                        r.stages.size(), groups.size()));
    }
    if (first == 0) lines.insert(lines.end(), notes.begin(), notes.end());
    sections.push_back(
        {std::move(heading), std::move(lines), std::move(t), {}});
  }
  if (sections.empty())
    sections.push_back({fmt::format("{} at each stage", what),
                        {},
                        detail::doc_table{{}, {}, {}, "No stage."},
                        {}});
  return sections;
}

// The votes of every candidate at every stage, with the exhausted papers
// and (when any) the votes lost to truncation; a candidate excluded at an
// earlier stage, with no votes now, shows "-".
std::vector<detail::doc_section> tally_sections(const count_result& r) {
  const std::size_t n = r.candidates.size();
  std::vector<std::string> labels(r.candidates.begin(), r.candidates.end());
  labels.push_back("Exhausted");
  bool any_lost = false;
  for (const auto& s : r.stages) any_lost |= s.lost.units != 0;
  if (any_lost) labels.push_back("Lost to rounding");
  std::vector<bool> out(n, false);  // excluded at an earlier stage
  bool any_out = false;
  std::vector<std::vector<std::string>> columns;  // per stage, per row
  for (const auto& s : r.stages) {
    std::vector<std::string> column;
    for (std::size_t c = 0; c < n; ++c) {
      const votes v = c < s.tally.size() ? s.tally[c] : votes{};
      const bool gone = out[c] && v.units == 0;
      any_out |= gone;
      column.push_back(gone ? "-" : votes_text(v, r.scale));
    }
    column.push_back(votes_text(s.exhausted, r.scale));
    if (any_lost) column.push_back(votes_text(s.lost, r.scale));
    columns.push_back(std::move(column));
    for (const auto c : s.excluded)
      if (c < n) out[c] = true;
  }
  std::vector<std::string> notes;
  if (any_out)
    notes.push_back(
        "A dash: excluded at an earlier stage, with no votes left.");
  return stage_grid(r, "Votes", labels, columns, n, std::move(notes));
}

// Meek: each candidate's keep factor at every stage, the share of the
// votes reaching them that they keep (1 for a hopeful, 0 once excluded).
std::vector<detail::doc_section> keep_sections(const count_result& r) {
  std::vector<std::vector<std::string>> columns;
  for (const auto& s : r.stages) {
    std::vector<std::string> column;
    for (std::size_t c = 0; c < r.candidates.size(); ++c)
      column.push_back(c < s.keep.size() ? votes_text(votes{s.keep[c]}, r.scale)
                                         : std::string("-"));
    columns.push_back(std::move(column));
  }
  return stage_grid(
      r, "Keep factors", r.candidates, columns, r.candidates.size(),
      {"A keep factor is the share of the votes reaching a candidate that "
       "they keep.",
       "It is 1 while they are hopeful, under 1 once elected, 0 once "
       "excluded."});
}

detail::doc_section skipped_section(const count_result& r) {
  detail::doc_table t{{"Candidate", "Why"}, {}, {false, false}, ""};
  for (const auto& s : r.skipped)
    t.add({r.candidates.at(s.candidate), s.reason});
  return {"Skipped by the seat rule", {}, std::move(t), {}};
}

detail::doc_section draws_section(const count_result& r) {
  detail::doc_table t{
      {"For", "Among", "Chosen"}, {}, {false, false, false}, ""};
  for (const auto& d : r.draws)
    t.add({d.about, names(r, d.among), r.candidates.at(d.chosen)});
  return {"Ties decided by lot",
          {"The seeded draw of docs/elections.md: the same ballots, method "
           "and seed give the same draw."},
          std::move(t),
          {}};
}

}  // namespace

namespace detail {

document to_document(const count_result& r) {
  document d;
  d.kind = "count";
  d.title =
      fmt::format("{} from {}, {}", report_plural(r.seats, "seat", "seats"),
                  report_plural(r.candidates.size(), "candidate", "candidates"),
                  method_name(r.method));
  d.intro.push_back(fmt::format(
      "{}; unranked candidates {}.", report_plural(r.voters, "voter", "voters"),
      r.unranked == unranked_rule::below ? "ranked below every ranked one"
                                         : "ignored"));
  if (r.elected.size() < r.seats)
    d.intro.push_back(fmt::format("Only {} of the {} filled.", r.elected.size(),
                                  report_plural(r.seats, "seat", "seats")));
  if (is_stv(r))
    d.intro.push_back(
        quota_is_fixed(r)
            ? fmt::format("Quota: {}, the same at every stage.",
                          votes_text(r.quota, r.scale))
            : fmt::format("Quota: {} at the last stage; it changes from "
                          "stage to stage (see \"Stages\").",
                          votes_text(r.quota, r.scale)));
  if (!r.draws.empty())
    d.intro.push_back(
        fmt::format("A draw decided {}: see \"Ties decided by lot\".",
                    report_plural(r.draws.size(), "tie", "ties")));
  d.sections.push_back(elected_section(r));
  if (!r.skipped.empty()) d.sections.push_back(skipped_section(r));
  if (!r.draws.empty()) d.sections.push_back(draws_section(r));
  if (is_stv(r)) {
    d.sections.push_back(stages_section(r));
    for (auto& s : tally_sections(r)) d.sections.push_back(std::move(s));
    if (r.method == count_method::meek_stv)
      for (auto& s : keep_sections(r)) d.sections.push_back(std::move(s));
  } else {
    d.sections.push_back(ranking_section(r));
    d.sections.push_back(matrix_section(
        r, "Pairwise preferences",
        "The voters who rank the row's candidate above the column's.",
        r.pairwise));
    d.sections.push_back(matrix_section(
        r, "Strongest paths",
        "The strength of the strongest path from the row's candidate to the "
        "column's (winning votes).",
        r.strongest_paths));
  }
  // CSV: one row per candidate, with the seat they took (or none).
  d.flat.header = {"candidate", "elected", "seat", "place"};
  for (std::size_t c = 0; c < r.candidates.size(); ++c) {
    std::string seat, place;
    for (std::size_t i = 0; i < r.elected.size(); ++i)
      if (r.elected[i] == c) seat = std::to_string(i + 1);
    std::size_t at = 1;
    for (const auto& tied : r.ranking) {
      for (const auto i : tied)
        if (i == c) place = std::to_string(at);
      at += tied.size();
    }
    d.flat.add({r.candidates[c], seat.empty() ? "false" : "true", seat, place});
  }
  return d;
}

json::value to_json_value(const count_result& r) {
  const auto name_list = [&](const std::vector<std::size_t>& who) {
    json::array out;
    for (const auto i : who) out.emplace_back(r.candidates.at(i));
    return out;
  };
  json::object o;
  o["method"] = to_string(r.method);
  o["seats"] = r.seats;
  o["unranked"] = to_string(r.unranked);
  o["voters"] = r.voters;
  json::array candidates;
  for (const auto& c : r.candidates) candidates.emplace_back(c);
  o["candidates"] = std::move(candidates);
  o["winners"] = name_list(r.elected);
  json::array skipped;
  for (const auto& s : r.skipped)
    skipped.push_back(json::object{{"candidate", r.candidates.at(s.candidate)},
                                   {"reason", s.reason}});
  o["skipped"] = std::move(skipped);
  json::array draws;
  for (const auto& d : r.draws)
    draws.push_back(json::object{{"about", d.about},
                                 {"among", name_list(d.among)},
                                 {"chosen", r.candidates.at(d.chosen)}});
  o["draws"] = std::move(draws);
  if (!is_stv(r)) {
    json::array ranking;
    for (const auto& tied : r.ranking) ranking.push_back(name_list(tied));
    o["ranking"] = std::move(ranking);
    const auto matrix = [](const std::vector<std::vector<std::uint64_t>>& m) {
      json::array rows;
      for (const auto& row : m) {
        json::array cells;
        for (const auto n : row) cells.emplace_back(n);
        rows.push_back(std::move(cells));
      }
      return rows;
    };
    o["pairwise"] = matrix(r.pairwise);
    o["strongest_paths"] = matrix(r.strongest_paths);
    return o;
  }
  // Votes as exact decimal strings: a JSON number would be read as a
  // binary fraction by most readers.
  o["quota"] = votes_text(r.quota, r.scale);
  json::array stages;
  for (const auto& s : r.stages) {
    json::object stage;
    stage["action"] = s.action;
    json::object tally;
    for (std::size_t c = 0; c < s.tally.size() && c < r.candidates.size(); ++c)
      tally[r.candidates[c]] = votes_text(s.tally[c], r.scale);
    stage["tally"] = std::move(tally);
    stage["exhausted"] = votes_text(s.exhausted, r.scale);
    stage["lost"] = votes_text(s.lost, r.scale);
    stage["quota"] = votes_text(s.quota, r.scale);
    stage["elected"] = name_list(s.elected);
    stage["excluded"] = name_list(s.excluded);
    if (!s.keep.empty()) {
      json::object keep;
      for (std::size_t c = 0; c < s.keep.size() && c < r.candidates.size(); ++c)
        keep[r.candidates[c]] = votes_text(votes{s.keep[c]}, r.scale);
      stage["keep"] = std::move(keep);
    }
    stages.push_back(std::move(stage));
  }
  o["rounds"] = std::move(stages);
  return o;
}

}  // namespace detail

}  // namespace charter
