// `charter election count`: a ballot file counted on its own, and its
// report.

#include <charter/ballots.hpp>
#include <charter/count.hpp>
#include <charter/report.hpp>

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <string>

#include "cli/commands.hpp"
#include "cli/output.hpp"

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

}  // namespace

int run_election_count(session&, const election_count_args& a) {
  const ballot_box box = read_ballot_file(a);
  count_options o;
  o.method = *parse_count_method(a.method);  // the parser checked it
  o.unranked = *parse_unranked_rule(a.unranked);
  o.seed = a.seed;
  o.seats = a.seats != 0 ? a.seats : box.seats;
  if (o.seats == 0)
    throw usage_error(fmt::format(
        "{} does not say how many seats are to be filled: give --seats",
        a.ballots == "-" ? std::string("standard input") : a.ballots));
  const auto format = a.format.empty() ? format_of_output(a.output)
                                       : parse_report_format(a.format);
  if (!format || *format == report_format::svg)
    throw usage_error("a count has no svg rendering: give --format");
  write_output(render(count(box, o), *format), a.output);
  return exit_ok;
}

}  // namespace charter::cli
