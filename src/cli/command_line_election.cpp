// The elections on the command line: `election count`, a ballot file
// counted on its own; `election add`, an election recorded in the
// registry; `election run`, a recorded election counted (see
// command_line.cpp for the rest).

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli/command_line.hpp"
#include "cli/commands.hpp"

namespace charter::cli {

namespace {

const std::vector<std::string> count_methods{"schulze", "scottish-stv",
                                             "meek-stv"};
const std::vector<std::string> unranked_rules{"ignored", "below"};
const char* const unranked_help =
    "How a candidate a ballot leaves unranked counts: ignored (as Elekto "
    "counts) or below every ranked one (as Debian counts; default: ignored)";

// The ballot file and the report, shared by `count` and `run`.
void add_ballot_options(CLI::App* cmd, ballot_args& a) {
  cmd->add_option("BALLOTS", a.ballots,
                  "The ballot file: a Kubernetes/Elekto CSV, a Debian tally "
                  "sheet or a BLT file ('-' for standard input)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--ballot-format", a.ballot_format,
                  "The file's layout (default: told by its content)")
      ->type_name("LAYOUT")
      ->check(one_of({"elekto-csv", "debian-tally", "blt"}));
  cmd->add_option("--seed", a.seed,
                  "The seed of the draw that breaks ties left to lot "
                  "(default: 0): the same seed, the same draw")
      ->type_name("N")
      ->check(whole_number(0, std::numeric_limits<std::int64_t>::max()));
  cmd->add_option("--format", a.format,
                  "Output format (default: the extension of -o's file, else "
                  "text)")
      ->type_name("FORMAT")
      ->check(one_of({"text", "markdown", "md", "csv", "json", "html"}));
  cmd->add_option("-o,--output", a.output,
                  "Write the report to FILE (atomically) rather than to "
                  "standard output")
      ->type_name("FILE");
  cmd->add_flag(
      "--csv-raw", a.csv_raw,
      "With --format csv: every cell exactly as it is (by default a cell "
      "that starts with = + - @, a tab or a carriage return gets a ' "
      "before it, so that no spreadsheet runs it as a formula)");
}

void add_count(CLI::App* group, registrar& r) {
  auto a = std::make_shared<election_count_args>();
  auto* cmd = group->add_subcommand(
      "count", "Count a ballot file: the winners and how they were found");
  cmd->group("Commands");
  add_ballot_options(cmd, a->file);
  cmd->add_option("--method", a->method, "How to count")
      ->required()
      ->type_name("METHOD")
      ->check(one_of(count_methods));
  cmd->add_option("--seats", a->seats,
                  "Seats to fill (default: the file's, which a BLT file "
                  "states)")
      ->type_name("N")
      ->check(whole_number(1, 1000));
  cmd->add_option("--unranked", a->unranked, unranked_help)
      ->type_name("RULE")
      ->check(one_of(unranked_rules));
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

void add_add(CLI::App* group, registrar& r) {
  auto a = std::make_shared<election_add_args>();
  auto* cmd = group->add_subcommand(
      "add", "Record an election of a body's seat class in the registry");
  cmd->group("Commands");
  cmd->add_option("ID", a->id, "Its id, a slug: [a-z0-9][a-z0-9._-]*")
      ->required()
      ->type_name("ID");
  cmd->add_option("--body", a->body, "The body the seats are on")
      ->required()
      ->type_name("ID");
  cmd->add_option("--class", a->seat_class, "The seat class elected")
      ->required()
      ->type_name("ID");
  cmd->add_option("--seats", a->seats, "Seats to fill")
      ->required()
      ->type_name("N")
      ->check(whole_number(1, 1000));
  cmd->add_option("--method", a->method,
                  "How its ballots are counted: schulze, scottish-stv or "
                  "meek-stv")
      ->required()
      ->type_name("METHOD")
      ->check(one_of(count_methods));
  add_date_option(cmd, "--seated", a->seated,
                  "The day the winners take their seats")
      ->required();
  add_date_option(cmd, "--term-end", a->term_end,
                  "The day their term ends (default: open-ended)");
  cmd->add_option("--unranked", a->unranked, unranked_help)
      ->type_name("RULE")
      ->check(one_of(unranked_rules));
  cmd->add_option("--candidate", a->candidates,
                  "A candidate and the organization they declare, "
                  "PERSON=ORG, or PERSON for none (repeat; default: the "
                  "ballots' candidates, none declared, their families "
                  "those of their affiliations)")
      ->type_name("PERSON[=ORG]");
  cmd->add_option("--eligibility", a->eligibility,
                  "Who may vote or stand, in words")
      ->type_name("TEXT");
  add_audit_options(cmd, a->who);
  add_change_options(cmd, r.s);
  add_db_options(cmd, r.s);
  cmd->footer(examples(
      {"charter election add steering-2025 --body steering-committee --class "
       "member --seats 4 --method schulze --seated 2025-10-25 --term-end "
       "2027-10-25 --candidate soltysh=defense-unicorns --candidate "
       "ritazh=microsoft ...",
       "charter election run steering-2025 ballots.csv --apply"}));
  r.commands.add(cmd, [&s = r.s, a] { return run_election_add(s, *a); });
}

void add_run(CLI::App* group, registrar& r) {
  auto a = std::make_shared<election_run_args>();
  auto* cmd = group->add_subcommand(
      "run",
      "Count a registry's election with its body's company caps; --apply "
      "seats the winners");
  cmd->group("Commands");
  cmd->add_option("ELECTION", a->election,
                  "The election, as `election add` recorded it")
      ->required()
      ->type_name("ID");
  add_ballot_options(cmd, a->file);
  cmd->add_flag("--apply", a->apply,
                "Seat the winners: one audited change (with --dry-run, "
                "what it would do)");
  cmd->add_flag("-n,--dry-run", r.s.dry_run,
                "With --apply: show the seats it would add and the findings "
                "they would bring and end; write nothing");
  add_db_options(cmd, r.s);
  add_audit_options(cmd, a->who);
  cmd->footer(
      examples({"charter election run steering-2025 ballots.csv",
                "charter election run steering-2025 ballots.csv --apply "
                "--dry-run",
                "charter election run steering-2025 ballots.csv --apply"}) +
      "\nThe method, seats, candidates and dates are the election's "
      "(charter election add).\nExit status 2, and nothing written, for a "
      "ballot naming no candidate of the election\nor an election seated "
      "before.");
  r.commands.add(cmd, [&s = r.s, a] { return run_election_run(s, *a); });
}

}  // namespace

void add_election_commands(registrar& r) {
  auto* group = r.root.add_subcommand(
      "election",
      "Record and count elections (ranked ballots: Schulze, Scottish STV, "
      "Meek STV)");
  group->group("Elections");
  group->require_subcommand(1);
  add_output_options(group, r.s);
  group->footer(examples(
      {"charter election count ballots.csv --method schulze --seats 4",
       "charter election add steering-2025 --body steering-committee --class "
       "member --seats 4 --method schulze --seated 2025-10-25",
       "charter election run steering-2025 ballots.csv --apply"}));
  add_count(group, r);
  add_add(group, r);
  add_run(group, r);
}

}  // namespace charter::cli
