// `charter election count`: a ballot file counted on its own, and its
// report.

#include <charter/ballots.hpp>
#include <charter/count.hpp>
#include <charter/election.hpp>
#include <charter/report.hpp>

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/suggest.hpp"

namespace charter::cli {

namespace {

ballot_box read_ballot_file(const election_count_args& a) {
  std::optional<ballot_format> layout;
  if (!a.ballot_format.empty()) layout = parse_ballot_format(a.ballot_format);
  if (a.ballots != "-") return read_ballots(a.ballots, layout);
  std::ifstream unused;
  std::istream& in = open_input(a.ballots, unused);
  const std::string text{std::istreambuf_iterator<char>(in),
                         std::istreambuf_iterator<char>()};
  return read_ballots(text, layout ? *layout : detect_ballot_format(text),
                      "standard input");
}

// The seats to fill: --seats, else the file's.
std::size_t seats_of(const election_count_args& a, const ballot_box& box) {
  const std::size_t seats = a.seats != 0 ? a.seats : box.seats;
  if (seats == 0)
    throw usage_error(fmt::format(
        "{} does not say how many seats are to be filled: give --seats",
        a.ballots == "-" ? std::string("standard input") : a.ballots));
  return seats;
}

void write_count(const election_count_args& a, const count_result& r) {
  const auto format = a.format.empty() ? format_of_output(a.output)
                                       : parse_report_format(a.format);
  if (!format || *format == report_format::svg)
    throw usage_error("a count has no svg rendering: give --format");
  write_output(render(r, *format, render_options{.csv_raw = a.csv_raw}),
               a.output);
}

// PERSON or PERSON=ORG.
election_candidate candidate_of(const registry& reg, const std::string& text) {
  const auto equals = text.find('=');
  election_candidate c{person_id{text.substr(0, equals)}, std::nullopt};
  need(reg, c.person);
  if (equals != std::string::npos)
    c.organization = need(reg, org_id{text.substr(equals + 1)}).id;
  return c;
}

}  // namespace

int run_election_count(session&, const election_count_args& a) {
  const ballot_box box = read_ballot_file(a);
  count_options o;
  o.method = *parse_count_method(a.method);  // the parser checked it
  o.unranked = *parse_unranked_rule(a.unranked);
  o.seed = a.seed;
  o.seats = seats_of(a, box);
  count_result result;
  try {
    result = count(box, o);
  } catch (const validation_error& e) {
    // A count the ballots cannot give (too few candidates standing, too
    // many voters for the method): said of the file.
    std::vector<problem> placed = e.problems();
    for (auto& p : placed)
      if (p.record.empty())
        p.record = a.ballots == "-" ? "standard input" : a.ballots;
    throw validation_error(std::move(placed));
  }
  write_count(a, result);
  return exit_ok;
}

int run_election_run(session& s, const election_run_args& a) {
  const auto& reg = s.open(a.apply && !s.dry_run).registry();
  const ballot_box box = read_ballot_file(a.count);
  election e;
  e.body = need(reg, body_id{a.body}).id;
  e.seat_class = seat_class_id{a.seat_class};
  e.seats = seats_of(a.count, box);
  e.method = *parse_count_method(a.count.method);
  e.unranked = *parse_unranked_rule(a.count.unranked);
  e.seated = *parse_date_arg(a.seated, false);
  e.term_end = parse_date_arg(a.term_end, true);
  e.id = a.id.empty() ? fmt::format("{}-{}-{}", a.body, a.seat_class,
                                    to_string(e.seated))
                      : a.id;
  for (const auto& c : a.candidates)
    e.candidates.push_back(candidate_of(reg, c));
  if (a.candidates.empty())
    for (const auto& name : box.candidates)
      e.candidates.push_back({person_id{name}, std::nullopt});
  const auto result = run_election(reg, e, box, a.count.seed);
  // The seats first: a change the registry refuses writes no report.
  if (a.apply)
    commit_change(s, result.changes, a.who,
                  fmt::format("election run {}", e.id));
  write_count(a.count, result.count);
  return exit_ok;
}

}  // namespace charter::cli
