// `charter election`: a ballot file counted on its own (`count`), an
// election recorded in the registry (`add`), and a recorded election
// counted with its body's caps (`run`), its winners seated with --apply.

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

std::string file_name(const ballot_args& a) {
  return a.ballots == "-" ? std::string("standard input") : a.ballots;
}

ballot_box read_ballot_file(const ballot_args& a) {
  std::optional<ballot_format> layout;
  if (!a.ballot_format.empty()) layout = parse_ballot_format(a.ballot_format);
  if (a.ballots != "-") return read_ballots(a.ballots, layout);
  std::ifstream unused;
  std::istream& in = open_input(a.ballots, unused);
  const std::string text{std::istreambuf_iterator<char>(in),
                         std::istreambuf_iterator<char>()};
  return read_ballots(text, layout ? *layout : detect_ballot_format(text),
                      file_name(a));
}

void write_count(const ballot_args& a, const count_result& r) {
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
  election_candidate c{need(reg, person_id{text.substr(0, equals)}).id,
                       std::nullopt};
  if (equals != std::string::npos)
    c.org = need(reg, org_id{text.substr(equals + 1)}).id;
  return c;
}

}  // namespace

int run_election_count(session&, const election_count_args& a) {
  const ballot_box box = read_ballot_file(a.file);
  count_options o;
  o.method = *parse_count_method(a.method);  // the parser checked it
  o.unranked = *parse_unranked_rule(a.unranked);
  o.seed = a.file.seed;
  o.seats = a.seats;  // 0: the file's
  count_result result;
  try {
    result = count(box, o);
  } catch (const validation_error& e) {
    // A count the ballots cannot give (no seats said, too few candidates
    // standing, too many voters for the method): said of the file.
    std::vector<problem> placed = e.problems();
    for (auto& p : placed)
      if (p.record.empty()) p.record = file_name(a.file);
    throw validation_error(std::move(placed));
  }
  write_count(a.file, result);
  return exit_ok;
}

int run_election_add(session& s, const election_add_args& a) {
  const auto& reg = s.open(!s.dry_run).registry();
  election e;
  e.id = election_id{a.id};
  e.body = need(reg, body_id{a.body}).id;
  e.seat_class = need_class(reg.at(e.body), seat_class_id{a.seat_class}).id;
  e.seats = a.seats;
  e.method = *parse_count_method(a.method);  // the parser checked them
  e.unranked = *parse_unranked_rule(a.unranked);
  e.seated = *parse_date_arg(a.seated, false);
  e.term_end = parse_date_arg(a.term_end, true);
  e.eligibility = a.eligibility;
  for (const auto& c : a.candidates)
    e.candidates.push_back(candidate_of(reg, c));
  return commit_change(s, batch().add(std::move(e)), a.who);
}

int run_election_run(session& s, const election_run_args& a) {
  const auto& reg = s.open(a.apply && !s.dry_run).registry();
  const election& e = need(reg, election_id{a.election});
  const ballot_box box = read_ballot_file(a.file);
  const auto result = run_election(reg, e, box, a.file.seed);
  // The seats first: a change the registry refuses writes no report.
  if (a.apply)
    commit_change(s, result.changes, a.who,
                  fmt::format("election run {}", e.id.str()));
  write_count(a.file, result.count);
  return exit_ok;
}

}  // namespace charter::cli
