// The elections on the command line: `election count`, a ballot file
// counted on its own (see command_line.cpp for the rest).

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "cli/args.hpp"
#include "cli/command_line.hpp"
#include "cli/commands.hpp"

namespace charter::cli {

namespace {

void add_count(CLI::App* group, registrar& r) {
  auto a = std::make_shared<election_count_args>();
  auto* cmd = group->add_subcommand(
      "count", "Count a ballot file: the winners and how they were found");
  cmd->group("Commands");
  cmd->add_option("BALLOTS", a->ballots,
                  "The ballot file: a Kubernetes/Elekto CSV, a Debian tally "
                  "sheet or a BLT file ('-' for standard input)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--method", a->method, "How to count")
      ->required()
      ->type_name("METHOD")
      ->check(one_of({"schulze", "scottish-stv", "meek-stv"}));
  cmd->add_option("--seats", a->seats,
                  "Seats to fill (default: the file's, which a BLT file "
                  "states)")
      ->type_name("N")
      ->check(whole_number(1, 1000));
  cmd->add_option("--unranked", a->unranked,
                  "How a candidate a ballot leaves unranked counts: ignored "
                  "(as Elekto counts) or below every ranked one (as Debian "
                  "counts; default: ignored)")
      ->type_name("RULE")
      ->check(one_of({"ignored", "below"}));
  cmd->add_option("--ballot-format", a->ballot_format,
                  "The file's layout (default: told by its content)")
      ->type_name("LAYOUT")
      ->check(one_of({"elekto-csv", "debian-tally", "blt"}));
  cmd->add_option("--seed", a->seed,
                  "The seed of the draw that breaks ties left to lot "
                  "(default: 0): the same seed, the same draw")
      ->type_name("N")
      ->check(whole_number(0, std::numeric_limits<std::int64_t>::max()));
  cmd->add_option("--format", a->format,
                  "Output format (default: the extension of -o's file, else "
                  "text)")
      ->type_name("FORMAT")
      ->check(one_of({"text", "markdown", "md", "csv", "json", "html"}));
  cmd->add_option("-o,--output", a->output,
                  "Write the report to FILE (atomically) rather than to "
                  "standard output")
      ->type_name("FILE");
  add_output_options(cmd, r.s);
  cmd->footer(
      examples({"charter election count ballots.csv --method schulze --seats 4",
                "charter election count leader2006_tally.txt --method schulze "
                "--unranked below",
                "charter election count Calton-2007.blt --method scottish-stv "
                "--format html -o calton.html"}) +
      "\nNeeds no registry. Exit status 2 for a ballot file that is not in "
      "its layout\n(its file, line and column are named).");
  r.commands.add(cmd, [&s = r.s, a] { return run_election_count(s, *a); });
}

}  // namespace

void add_election_commands(registrar& r) {
  auto* group = r.root.add_subcommand(
      "election",
      "Count elections (ranked ballots: Schulze, Scottish STV, "
      "Meek STV)");
  group->group("Elections");
  group->require_subcommand(1);
  add_output_options(group, r.s);
  group->footer(examples(
      {"charter election count ballots.csv --method schulze --seats 4"}));
  add_count(group, r);
}

}  // namespace charter::cli
