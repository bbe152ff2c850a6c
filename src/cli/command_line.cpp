// The command line: every command with its options, their checks, defaults
// and help texts, each bound to a plain struct (cli/args.hpp) and
// registered with the function that runs it (cli/commands.hpp). With
// main.cpp, the only source that includes CLI11.

#include "cli/command_line.hpp"

#include <charter/import.hpp>

#include <fmt/format.h>

#include <charconv>
#include <memory>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/suggest.hpp"

namespace charter::cli {

// ---- options

void add_output_options(CLI::App* app, session& s) {
  app->add_flag("-q,--quiet", s.quiet,
                "Say nothing but the output and errors: no notes, no "
                "progress, no report of a change made");
  app->add_flag("-v,--verbose", s.verbose,
                "Say more on stderr: the database used, the audit log entry "
                "written, how long each step took");
  app->add_option("--color", s.color,
                  "Colour: auto (on a terminal, unless $NO_COLOR is set), "
                  "always, never")
      ->type_name("WHEN")
      ->check(one_of({"auto", "always", "never"}));
}

void add_db_options(CLI::App* app, session& s) {
  add_output_options(app, s);
  app->add_option("--db", s.db_option,
                  "The registry (default: $CHARTER_DB, else ./charter.db); a "
                  ".json file is an interchange document")
      ->type_name("PATH");
  app->add_option("--busy-timeout", s.busy_timeout_seconds,
                  "How long to wait for another writer of the database "
                  "(default: 5); then exit 75")
      ->type_name("SECONDS")
      ->check(whole_number(0, 86'400));
  app->add_flag("--durable", s.durable,
                "Sync every commit to disk before it returns, so that a "
                "power cut loses none (slower)");
}

CLI::Validator date_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (text == "today" || try_parse_date(text)) return {};
        return fmt::format(
            "'{}' is not a date (expected YYYY-MM-DD, a day that exists, or "
            "'today')",
            text);
      },
      "", "DATE");
}

CLI::Option* add_date_option(CLI::App* app, const std::string& name,
                             std::string& value,
                             const std::string& description) {
  return app->add_option(name, value, description)
      ->type_name("DATE")
      ->check(date_check());
}

CLI::Validator one_of(std::vector<std::string> names) {
  std::string desc = "{";
  for (std::size_t i = 0; i < names.size(); ++i)
    desc += (i ? "," : "") + names[i];
  desc += "}";
  return CLI::Validator(
      [names](std::string& value) -> std::string {
        for (const auto& n : names)
          if (n == value) return {};
        std::string list;
        for (std::size_t i = 0; i < names.size(); ++i)
          list += (i ? ", " : "") + names[i];
        return fmt::format("'{}' is not one of {}{}", value, list,
                           did_you_mean(value, names));
      },
      desc, "one-of");
}

CLI::Validator whole_number(long long min, long long max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        long long n = 0;
        auto [end, ec] =
            std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc{} || end != text.data() + text.size() || n < min ||
            n > max)
          return fmt::format("'{}' is not a whole number from {} to {}", text,
                             min, max);
        return {};
      },
      "", "whole-number");
}

CLI::Option* add_format_option(CLI::App* app, std::string& value,
                               std::vector<std::string> choices) {
  value = choices.front();
  return app
      ->add_option("--format", value,
                   "Output format (default: " + choices.front() + ")")
      ->type_name("FORMAT")
      ->check(one_of(std::move(choices)));
}

void add_change_options(CLI::App* app, session& s) {
  app->add_flag("-n,--dry-run", s.dry_run,
                "Show what it would add, change and remove, and the findings "
                "it would bring and end; write nothing");
  add_format_option(app, s.change_format, {"text", "json"});
}

void add_audit_options(CLI::App* app, charter::audit_info& who) {
  app->add_option("--actor", who.actor,
                  "Who makes the change, for the audit log (default: $USER)")
      ->type_name("NAME");
  app->add_option("--reason", who.reason, "Why, for the audit log")
      ->type_name("TEXT");
}

std::string examples(std::initializer_list<std::string_view> lines) {
  std::string out = lines.size() > 1 ? "Examples:\n" : "Example:\n";
  for (auto line : lines) out += fmt::format("  {}\n", line);
  return out;
}

// ---- data: init, import, export, check, report

namespace {

void add_init(registrar& r) {
  auto* cmd =
      r.root.add_subcommand("init", "Create an empty registry database");
  cmd->group("Data");
  add_db_options(cmd, r.s);
  cmd->footer(examples({"charter init --db registry.db",
                        "CHARTER_DB=registry.db charter init"}) +
              "\nRefuses to touch a file that already exists. A PATH ending in "
              ".json makes an\n"
              "interchange document instead of an SQLite database (no lasting "
              "audit log).");
  r.commands.add(cmd, [&s = r.s] { return run_init(s); });
}

void add_import(registrar& r) {
  auto a = std::make_shared<import_args>();
  auto* cmd = r.root.add_subcommand(
      "import",
      "Load an interchange document (JSON), or what a foundation publishes "
      "(--from)");
  cmd->group("Data");
  cmd->add_option("FILE", a->files,
                  "The document to read (- for standard input); with --from, "
                  "the source's files")
      ->required()
      ->type_name("FILE");
  std::string sources;
  for (const auto name : import_sources())
    sources += fmt::format("{}{}", sources.empty() ? "" : ", ", name);
  auto* from =
      cmd->add_option("--from", a->source,
                      fmt::format("Read the files as SOURCE publishes them: {} "
                                  "(docs/importers.md)",
                                  sources))
          ->type_name("SOURCE")
          ->check(CLI::IsMember(std::vector<std::string>(
              import_sources().begin(), import_sources().end())));
  cmd->add_option("--foundation", a->foundation,
                  "With --from: the foundation or project the data belongs "
                  "to, made when missing (each source has a default)")
      ->type_name("ID")
      ->needs(from);
  cmd->add_option("--as-of", a->as_of,
                  "With --from: the start of what the files give no date for "
                  "(default: today)")
      ->type_name("DATE")
      ->needs(from);
  cmd->add_option("--aliases", a->aliases,
                  "With --from: a file of organization aliases, read after "
                  "charter's own (repeatable)")
      ->type_name("FILE")
      ->needs(from);
  auto* merge = cmd->add_flag(
      "--merge", a->merge,
      "Into a registry that holds records: add the new records and update "
      "those it changes (an upsert by id; with --from, records matched by "
      "name, alias or handle too)");
  auto* replace = cmd->add_flag(
      "--replace", a->replace,
      "Into a registry that holds records: replace them all with the "
      "import's (revertible)");
  merge->excludes(replace);
  add_audit_options(cmd, a->who);
  add_change_options(cmd, r.s);
  add_db_options(cmd, r.s);
  cmd->footer(
      examples({"charter import examples/data/pytorch-foundation.json",
                "curl -s https://example.org/registry.json | charter "
                "import - --replace --reason 'sync'",
                "charter import new-members.json --merge --dry-run",
                "charter import --from landscape landscape.yml --foundation "
                "cncf",
                "charter import --from k8s-sigs sigs.yaml --merge --dry-run"}) +
      "\nAll or nothing: a document with any problem changes nothing, "
      "and every problem\n"
      "is printed with its JSON Pointer (/memberships/3/tier), or for --from "
      "with its\n"
      "file, line and column. A registry that holds records takes an import "
      "only with\n"
      "--merge or --replace. --from prints what it read, mapped and skipped, "
      "and every\n"
      "value it could not map.");
  r.commands.add(cmd, [&s = r.s, a] {
    if (!a->source.empty()) return run_source_import(s, *a);
    if (a->files.size() != 1)
      throw usage_error(fmt::format(
          "import reads one document, not {}; --from SOURCE reads several "
          "files of a source",
          a->files.size()));
    return run_import(s, *a);
  });
}

void add_export(registrar& r) {
  auto a = std::make_shared<export_args>();
  auto* cmd = r.root.add_subcommand(
      "export", "Write the registry as an interchange document (JSON)");
  cmd->group("Data");
  cmd->add_option("-o,--output", a->file,
                  "Where to write it; - for standard output (the default)")
      ->type_name("FILE");
  add_format_option(cmd, a->format, {"json", "popolo"})
      ->description(
          "json: charter's interchange document (the default); popolo: "
          "Popolo JSON (docs/interchange.md)");
  add_db_options(cmd, r.s);
  cmd->footer(examples({"charter export > registry.json",
                        "charter export -o backup.json",
                        "charter export --format popolo -o popolo.json"}) +
              "\nThe output is canonical: the same registry always gives the "
              "same bytes.");
  r.commands.add(cmd, [&s = r.s, a] { return run_export(s, *a); });
}

void add_check(registrar& r) {
  auto a = std::make_shared<check_args>();
  auto* cmd = r.root.add_subcommand(
      "check",
      "Report governance findings (seats, caps, terms, prerequisites)");
  cmd->group("Data");
  auto* at = add_date_option(cmd, "--at", a->at,
                             "Check on this date (default: today)");
  auto* all =
      cmd->add_flag("--all", a->all,
                    "Check over every date, giving each finding's date range");
  at->excludes(all);
  auto* only_foundation =
      cmd->add_option("--foundation", a->foundation,
                      "Only this foundation: its members and the bodies of it "
                      "and its projects")
          ->type_name("ID");
  auto* only_body =
      cmd->add_option("--body", a->body, "Only this body")->type_name("ID");
  only_foundation->excludes(only_body);
  add_format_option(cmd, a->format, {"text", "json"});
  add_db_options(cmd, r.s);
  cmd->footer(examples({"charter check",
                        "charter check --all --foundation pytorch-foundation",
                        "charter check --body pytorch-board --at 2023-01-01 "
                        "--format json"}) +
              "\nExit status: 0 when no finding is an error (warnings alone "
              "pass), 1 when one is,\n"
              "2 on bad usage or input.");
  r.commands.add(cmd, [&s = r.s, a] { return run_check(s, *a); });
}

const std::vector<std::string> report_kinds{"roster", "board",      "changes",
                                            "dues",   "compliance", "timeline"};

void add_report(registrar& r) {
  auto a = std::make_shared<report_args>();
  auto* cmd = r.root.add_subcommand(
      "report",
      "Render reports: roster, board, changes, dues, compliance, timeline");
  cmd->group("Data");
  cmd->add_option(
         "KIND", a->kinds,
         "One or more of: roster, board, changes, dues, compliance, timeline")
      ->required()
      ->type_name("KIND")
      ->check(one_of(report_kinds));
  cmd->add_option(
         "--foundation", a->foundation,
         "The foundation (roster, changes, dues, compliance, timeline)")
      ->type_name("ID");
  cmd->add_option("--body", a->body, "The body (board, compliance)")
      ->type_name("ID");
  cmd->add_option("--project", a->project, "The project (timeline)")
      ->type_name("ID");
  auto* at = add_date_option(cmd, "--at", a->at,
                             "The date to report on (default: today)");
  add_date_option(cmd, "--from", a->from,
                  "Start of the span (changes, timeline)");
  add_date_option(
      cmd, "--to", a->to,
      "End of the span, excluded (changes: default today; timeline)");
  auto* year = cmd->add_option("--year", a->year, "A calendar year (dues)")
                   ->type_name("YEAR")
                   ->check(whole_number(1, 9999));
  auto* all = cmd->add_flag("--all", a->all,
                            "Over every date instead of one (compliance)");
  at->excludes(year);
  at->excludes(all);
  cmd->add_option("--format", a->format,
                  "text, md, csv, json, html or svg (board and timeline "
                  "only); default: from -o FILE's extension, else text")
      ->type_name("FORMAT")
      ->check(one_of(
          {"text", "txt", "md", "markdown", "csv", "json", "html", "svg"}));
  cmd->add_option("-o,--output", a->output,
                  "Where to write it; - for standard output (the default)")
      ->type_name("FILE");
  cmd->add_flag(
      "--csv-raw", a->csv_raw,
      "With --format csv: every cell exactly as it is (by default a cell "
      "that starts with = + - @, a tab or a carriage return gets a ' "
      "before it, so that no spreadsheet runs it as a formula)");
  add_db_options(cmd, r.s);
  cmd->footer(
      examples(
          {"charter report roster --foundation pytorch-foundation --at "
           "2022-09-12",
           "charter report board --body pytorch-board --format svg -o "
           "board.svg",
           "charter report changes --foundation pytorch-foundation --from "
           "2022-01-01 --to 2023-01-01",
           "charter report dues --foundation pytorch-foundation --year 2023 "
           "--format csv",
           "charter report compliance --foundation pytorch-foundation --all",
           "charter report timeline --project pytorch -o pytorch.html",
           "charter report roster board --foundation pytorch-foundation "
           "--format md"}) +
      "\nSeveral kinds make one document. 'board' with --foundation alone uses "
      "the\n"
      "foundation's body when it has exactly one.");
  r.commands.add(cmd, [&s = r.s, a] { return run_report(s, *a); });
}

void add_site(registrar& r) {
  auto a = std::make_shared<site_args>();
  auto* cmd = r.root.add_subcommand(
      "site", "Write a static website of the registry into a folder");
  cmd->group("Data");
  cmd->add_option("DIR", a->dir, "The folder to write (made if needed)")
      ->required()
      ->type_name("DIR");
  add_date_option(cmd, "--at", a->at, "The snapshot's date (default: today)");
  cmd->add_flag("--no-people", a->no_people,
                "Leave people out: no person pages, no names of people");
  add_db_options(cmd, r.s);
  cmd->footer(examples({"charter site public",
                        "charter site public --at 2023-01-01 --no-people"}) +
              "\nRelative links only: serve the folder from anywhere (GitHub "
              "Pages), or open\nDIR/index.html. docs/site.md describes the "
              "pages.");
  r.commands.add(cmd, [&s = r.s, a] { return run_site(s, *a); });
}

}  // namespace

void add_data_commands(registrar& r) {
  add_init(r);
  add_import(r);
  add_export(r);
  add_check(r);
  add_report(r);
  add_site(r);
}

// ---- changes: org, person, affiliate, join, ..., transfer

namespace {

const char* const changes_group = "Changes (dated; each one audited change)";

/// Gives `cmd` --actor, --reason and --db; running it calls `run` with the
/// parsed arguments, which builds a batch from the registry and commits it.
template <class Args>
void add_change(registrar& r, CLI::App* cmd, std::shared_ptr<Args> opts,
                std::string footer, int (*run)(session&, const Args&)) {
  add_audit_options(cmd, opts->who);
  add_change_options(cmd, r.s);
  add_db_options(cmd, r.s);
  cmd->footer(std::move(footer));
  r.commands.add(cmd, [&s = r.s, opts, run] { return run(s, *opts); });
}

CLI::Option* add_id(CLI::App* cmd, const std::string& name, std::string& value,
                    const std::string& description) {
  return cmd->add_option(name, value, description)->required()->type_name("ID");
}

void add_org(registrar& r) {
  auto opts = std::make_shared<org_args>();
  auto* group = r.root.add_subcommand("org", "Add organizations");
  group->group(changes_group);
  group->require_subcommand(1);
  add_db_options(group, r.s);
  group->footer(
      examples({"charter org add arm --name 'Arm Ltd' --kind company"}));
  auto* cmd =
      group->add_subcommand("add", "Add an organization")->group("Commands");
  add_id(cmd, "ID", opts->id, "Its id, a slug: [a-z0-9][a-z0-9._-]*");
  cmd->add_option("--name", opts->name, "Its name")
      ->required()
      ->type_name("TEXT");
  cmd->add_option("--kind", opts->kind,
                  "company (default), nonprofit, academic, government, "
                  "foundation or other")
      ->type_name("KIND")
      ->check(one_of({"company", "nonprofit", "academic", "government",
                      "foundation", "other"}));
  cmd->add_option("--parent", opts->parent,
                  "The organization it belongs to (its corporate family)")
      ->type_name("ID");
  cmd->add_option("--alias", opts->aliases,
                  "Another name it goes by (repeatable)")
      ->type_name("TEXT");
  cmd->add_option("--domain", opts->domains,
                  "An internet domain it owns (repeatable)")
      ->type_name("DOMAIN");
  add_change(r, cmd, opts,
             examples({"charter org add arm --name 'Arm Ltd'",
                       "charter org add aws-ai --name 'AWS AI' --parent aws "
                       "--reason 'new division'"}),
             run_org_add);
}

void add_person(registrar& r) {
  auto opts = std::make_shared<person_args>();
  auto* group = r.root.add_subcommand("person", "Add people");
  group->group(changes_group);
  group->require_subcommand(1);
  add_db_options(group, r.s);
  group->footer(examples({"charter person add jane-doe --name 'Jane Doe'"}));
  auto* cmd = group->add_subcommand("add", "Add a person")->group("Commands");
  add_id(cmd, "ID", opts->id, "Their id, a slug: [a-z0-9][a-z0-9._-]*");
  cmd->add_option("--name", opts->name, "Their name")
      ->required()
      ->type_name("TEXT");
  cmd->add_option("--email", opts->emails, "An email address (repeatable)")
      ->type_name("EMAIL");
  cmd->add_option("--handle", opts->handles,
                  "An account elsewhere, SITE=NAME (repeatable)")
      ->type_name("SITE=NAME")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            auto eq = v.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == v.size())
              return fmt::format("'{}' is not SITE=NAME (github=jdoe)", v);
            return {};
          },
          "", "handle"));
  add_change(r, cmd, opts,
             examples({"charter person add jane-doe --name 'Jane Doe' --email "
                       "jane@example.org --handle github=jdoe",
                       "charter affiliate jane-doe amd --from 2023-01-01 "
                       "--title 'Fellow'"}),
             run_person_add);
}

void add_affiliate(registrar& r) {
  auto opts = std::make_shared<affiliation_args>();
  auto* cmd = r.root.add_subcommand(
      "affiliate",
      "Record that a person works for (is affiliated with) an organization");
  cmd->group(changes_group);
  add_id(cmd, "PERSON", opts->person, "The person");
  add_id(cmd, "ORG", opts->org, "The organization");
  add_date_option(cmd, "--from", opts->from, "First day")->required();
  add_date_option(cmd, "--to", opts->to,
                  "The day it ended (excluded); none: still true");
  cmd->add_option("--title", opts->title, "Their title there")
      ->type_name("TEXT");
  add_change(
      r, cmd, opts,
      examples({"charter affiliate brad-mccredie amd --from 2022-09-12 --title "
                "'Corporate VP'",
                "charter affiliate jane-doe meta --from 2019-01-01 --to "
                "2023-06-01"}),
      run_affiliate);

  auto b = std::make_shared<affiliation_args>();
  auto* end = r.root.add_subcommand(
      "unaffiliate", "End a person's affiliation with an organization");
  end->group(changes_group);
  add_id(end, "PERSON", b->person, "The person");
  add_id(end, "ORG", b->org, "The organization");
  add_date_option(end, "--on", b->from,
                  "The day it ends (the last day is the one before)")
      ->required();
  add_change(r, end, b,
             examples({"charter unaffiliate jane-doe meta --on 2023-06-01"}),
             run_unaffiliate);
}

void add_memberships(registrar& r) {
  auto j = std::make_shared<membership_args>();
  auto* join = r.root.add_subcommand(
      "join", "Make an organization a member of a foundation");
  join->group(changes_group);
  add_id(join, "ORG", j->org, "The organization");
  add_id(join, "FOUNDATION", j->foundation, "The foundation");
  join->add_option("--tier", j->tier, "The membership tier")
      ->required()
      ->type_name("TIER");
  add_date_option(join, "--on", j->on, "The first day of membership")
      ->required();
  join->add_flag("--founding", j->founding, "A founding member");
  add_change(r, join, j,
             examples({"charter join amd pytorch-foundation --tier premier "
                       "--on 2022-09-12 --founding",
                       "charter join arm pytorch-foundation --tier general "
                       "--on today --reason 'board vote'"}),
             run_join);

  auto l = std::make_shared<membership_args>();
  auto* leave = r.root.add_subcommand(
      "leave", "End an organization's membership of a foundation");
  leave->group(changes_group);
  add_id(leave, "ORG", l->org, "The organization");
  add_id(leave, "FOUNDATION", l->foundation, "The foundation");
  add_date_option(
      leave, "--on", l->on,
      "The day it ends (the last day of membership is the one before)")
      ->required();
  add_change(
      r, leave, l,
      examples({"charter leave nvidia pytorch-foundation --on 2025-01-01"}),
      run_leave);

  auto c = std::make_shared<membership_args>();
  auto* change = r.root.add_subcommand(
      "change-tier", "Move a member to another tier from a date");
  change->group(changes_group);
  add_id(change, "ORG", c->org, "The organization");
  add_id(change, "FOUNDATION", c->foundation, "The foundation");
  change->add_option("--tier", c->tier, "The new tier")
      ->required()
      ->type_name("TIER");
  add_date_option(change, "--on", c->on, "The first day in the new tier")
      ->required();
  add_change(r, change, c,
             examples({"charter change-tier amd pytorch-foundation --tier "
                       "general --on 2024-01-01"}),
             run_change_tier);
}

void add_seats(registrar& r) {
  auto* group = r.root.add_subcommand(
      "seat", "Seat people on boards and committees, or end their seats");
  group->group(changes_group);
  group->require_subcommand(1);
  add_db_options(group, r.s);
  group->footer(examples(
      {"charter seat add pytorch-board brad-mccredie --class premier "
       "--represents amd --from 2022-09-12",
       "charter seat end pytorch-board brad-mccredie --on 2024-09-12"}));

  auto opts = std::make_shared<seat_args>();
  auto* add = group->add_subcommand("add", "Give a person a seat on a body")
                  ->group("Commands");
  add_id(add, "BODY", opts->body, "The board, committee or council");
  add_id(add, "PERSON", opts->person, "Who sits");
  add->add_option("--class", opts->seat_class, "The seat class")
      ->required()
      ->type_name("CLASS");
  add->add_option(
         "--represents", opts->represents,
         "The organization they sit for (required for per-member classes)")
      ->type_name("ORG");
  add->add_option("--office", opts->office,
                  "chair, vice-chair, treasurer or secretary")
      ->type_name("OFFICE")
      ->check(one_of({"chair", "vice-chair", "treasurer", "secretary"}));
  add->add_flag("--non-voting", opts->non_voting,
                "The seat has no vote (default: the class decides)");
  add_date_option(add, "--from", opts->from, "First day")->required();
  add_date_option(add, "--to", opts->to,
                  "The day it ends (excluded); none: open-ended");
  add_change(
      r, add, opts,
      examples({"charter seat add pytorch-board brad-mccredie --class premier "
                "--represents amd --from 2022-09-12",
                "charter seat add pytorch-board ibrahim-haddad --class premier "
                "--represents meta --office chair "
                "--from today"}),
      run_seat_add);

  auto e = std::make_shared<seat_args>();
  auto* end =
      group->add_subcommand("end", "End the seat a person holds on a body")
          ->group("Commands");
  add_id(end, "BODY", e->body, "The body");
  add_id(end, "PERSON", e->person, "Who leaves it");
  end->add_option("--class", e->seat_class,
                  "Only the seat of this class (default: every seat the "
                  "person holds on the body)")
      ->type_name("CLASS");
  add_date_option(end, "--on", e->from,
                  "The day it ends (the last day is the one before)")
      ->required();
  add_change(
      r, end, e,
      examples(
          {"charter seat end pytorch-board brad-mccredie --on 2024-09-12",
           "charter seat end pytorch-board ibrahim-haddad --class at-large "
           "--on 2024-09-12"}),
      run_seat_end);
}

void add_roles(registrar& r) {
  auto* group = r.root.add_subcommand(
      "role", "Give people titles (Executive Director...) or end them");
  group->group(changes_group);
  group->require_subcommand(1);
  add_db_options(group, r.s);
  group->footer(
      examples({"charter role add jane-doe 'Treasurer' --foundation "
                "pytorch-foundation --from 2024-01-01",
                "charter role end jane-doe 'Treasurer' --foundation "
                "pytorch-foundation --on 2025-01-01"}));

  auto scope_options = [](CLI::App* cmd, role_args& a) {
    auto* f =
        cmd->add_option("--foundation", a.foundation, "Held in this foundation")
            ->type_name("ID");
    auto* p = cmd->add_option("--project", a.project, "Held in this project")
                  ->type_name("ID");
    auto* b =
        cmd->add_option("--body", a.body, "Held on this body")->type_name("ID");
    f->excludes(p)->excludes(b);
    p->excludes(b);
  };

  auto opts = std::make_shared<role_args>();
  auto* add =
      group
          ->add_subcommand(
              "add", "Give a person a title in a foundation, project or body")
          ->group("Commands");
  add_id(add, "PERSON", opts->person, "Who holds it");
  add->add_option("TITLE", opts->title,
                  "The title, as written (\"Executive Director\")")
      ->required()
      ->type_name("TITLE");
  scope_options(add, *opts);
  add_date_option(add, "--from", opts->from, "First day")->required();
  add_date_option(add, "--to", opts->to,
                  "The day it ends (excluded); none: open-ended");
  add_change(r, add, opts,
             examples({"charter role add ibrahim-haddad 'Executive Director' "
                       "--foundation pytorch-foundation "
                       "--from 2022-09-12"}),
             run_role_add);

  auto e = std::make_shared<role_args>();
  auto* end =
      group->add_subcommand("end", "End a person's title")->group("Commands");
  add_id(end, "PERSON", e->person, "Who holds it");
  end->add_option("TITLE", e->title, "The title")
      ->required()
      ->type_name("TITLE");
  scope_options(end, *e);
  add_date_option(end, "--on", e->from,
                  "The day it ends (the last day is the one before)")
      ->required();
  add_change(r, end, e,
             examples({"charter role end soumith-chintala 'Lead Maintainer' "
                       "--project pytorch --on 2025-01-01"}),
             run_role_end);
}

void add_transfer(registrar& r) {
  auto opts = std::make_shared<transfer_args>();
  auto* cmd = r.root.add_subcommand(
      "transfer",
      "Move a project to a new steward (a foundation or an organization)");
  cmd->group(changes_group);
  add_id(cmd, "PROJECT", opts->project, "The project");
  auto* to =
      cmd->add_option("--to", opts->to,
                      "The new steward: a foundation or an organization id")
          ->type_name("ID");
  auto* tf = cmd->add_option("--to-foundation", opts->to_foundation,
                             "The new steward, a foundation")
                 ->type_name("ID");
  auto* to_org = cmd->add_option("--to-org", opts->to_org,
                                 "The new steward, an organization")
                     ->type_name("ID");
  to->excludes(tf)->excludes(to_org);
  tf->excludes(to_org);
  add_date_option(cmd, "--on", opts->on, "The first day with the new steward")
      ->required();
  add_change(
      r, cmd, opts,
      examples(
          {"charter transfer pytorch --to pytorch-foundation --on 2022-09-12",
           "charter transfer some-project --to-org linux-foundation --on "
           "2024-01-01"}) +
          "\n--to looks the id up among foundations and organizations; when it "
          "names both\n"
          "(linux-foundation), say which with --to-foundation or --to-org.",
      run_transfer);
}

}  // namespace

void add_mutation_commands(registrar& r) {
  add_org(r);
  add_person(r);
  add_affiliate(r);
  add_memberships(r);
  add_seats(r);
  add_roles(r);
  add_transfer(r);
}

// ---- queries: members, board, whois, log

namespace {

const char* const queries_group = "Queries";

void add_members(registrar& r) {
  auto a = std::make_shared<listing_args>();
  auto* cmd = r.root.add_subcommand(
      "members", "List a foundation's members on a date, by tier");
  cmd->group(queries_group);
  cmd->add_option("FOUNDATION", a->id, "The foundation")
      ->required()
      ->type_name("ID");
  add_date_option(cmd, "--at", a->at, "The date (default: today)");
  add_format_option(cmd, a->format, {"text", "json", "md", "csv"});
  cmd->add_flag(
      "--csv-raw", a->csv_raw,
      "With --format csv: every cell exactly as it is (by default a cell "
      "that starts with = + - @, a tab or a carriage return gets a ' "
      "before it, so that no spreadsheet runs it as a formula)");
  add_db_options(cmd, r.s);
  cmd->footer(examples({"charter members pytorch-foundation --at 2022-09-12",
                        "charter members pytorch-foundation --format json | jq "
                        "-r '.tiers[].members[].org'",
                        "charter members pytorch-foundation --format csv > "
                        "members.csv"}) +
              "\nmd and csv are the roster report's (charter report "
              "roster).");
  r.commands.add(cmd, [&s = r.s, a] { return run_members(s, *a); });
}

void add_board(registrar& r) {
  auto a = std::make_shared<listing_args>();
  auto* cmd = r.root.add_subcommand(
      "board", "Show who sits on a body on a date, and the vacancies");
  cmd->group(queries_group);
  cmd->add_option("BODY", a->id, "The board, committee or council")
      ->required()
      ->type_name("ID");
  add_date_option(cmd, "--at", a->at, "The date (default: today)");
  add_format_option(cmd, a->format, {"text", "json", "md", "csv"});
  cmd->add_flag(
      "--csv-raw", a->csv_raw,
      "With --format csv: every cell exactly as it is (by default a cell "
      "that starts with = + - @, a tab or a carriage return gets a ' "
      "before it, so that no spreadsheet runs it as a formula)");
  add_db_options(cmd, r.s);
  cmd->footer(
      examples({"charter board pytorch-board",
                "charter board pytorch-board --at 2023-01-01 --format json",
                "charter board pytorch-board --format md"}) +
      "\nmd and csv are the board report's (charter report board).");
  r.commands.add(cmd, [&s = r.s, a] { return run_board(s, *a); });
}

void add_whois(registrar& r) {
  auto a = std::make_shared<whois_args>();
  auto* cmd = r.root.add_subcommand(
      "whois",
      "Describe a person or organization (or foundation, project, body)");
  cmd->group(queries_group);
  cmd->add_option(
         "ID", a->id,
         "Any id: a person, an organization, a foundation, a project or a body")
      ->required()
      ->type_name("ID");
  add_date_option(cmd, "--at", a->at, "The date (default: today)");
  cmd->add_flag("--history", a->history,
                "Also list every dated fact about it, earliest first");
  add_format_option(cmd, a->format, {"text", "json"});
  add_db_options(cmd, r.s);
  cmd->footer(examples({"charter whois brad-mccredie",
                        "charter whois aws --at 2022-09-12 --history",
                        "charter whois linux-foundation --format json"}) +
              "\nAn id used by several kinds of record (linux-foundation is an "
              "organization and\n"
              "a foundation) shows each.");
  r.commands.add(cmd, [&s = r.s, a] { return run_whois(s, *a); });
}

bool looks_like_time(std::string_view t) {
  // A prefix of 2026-11-26T13:45:07Z, at least the year.
  static constexpr std::string_view shape = "0000-00-00T00:00:00Z";
  if (t.size() < 4 || t.size() > shape.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    bool digit = t[i] >= '0' && t[i] <= '9';
    if (shape[i] == '0' ? !digit : t[i] != shape[i]) return false;
  }
  return true;
}

void add_log(registrar& r) {
  auto a = std::make_shared<log_args>();
  auto* cmd = r.root.add_subcommand(
      "log", "Show the audit log: who changed what, when and why");
  cmd->group(queries_group);
  cmd->add_option("--since", a->since,
                  "Entries at or after this time: 2026-11-26T13:45:07Z, any "
                  "prefix of it, or today")
      ->type_name("TIME")
      ->check(CLI::Validator(
          [](std::string& t) -> std::string {
            if (t == "today" || looks_like_time(t)) return {};
            return fmt::format(
                "'{}' is not a time (expected 2026-11-26T13:45:07Z, a prefix "
                "such as 2026-11-26, or "
                "today)",
                t);
          },
          "", "TIME"));
  cmd->add_option("--id", a->id, "Entries that touched this id")
      ->type_name("ID");
  cmd->add_option("-n,--limit", a->limit, "At most this many, the most recent")
      ->type_name("N")
      ->check(whole_number(0, 1'000'000'000));
  add_format_option(cmd, a->format, {"text", "json"});
  add_db_options(cmd, r.s);
  cmd->footer(examples({"charter log", "charter log --since 2026-11 --id amd",
                        "charter log -n 5 --format json | jq '.[].summary'"}) +
              "\nTimes are UTC. An interchange document (--db *.json) keeps no "
              "log between runs.");
  r.commands.add(cmd, [&s = r.s, a] { return run_log(s, *a); });
}

void add_find(registrar& r) {
  auto a = std::make_shared<find_args>();
  auto* cmd = r.root.add_subcommand(
      "find", "Find records by id, name, alias, domain, email or handle");
  cmd->group(queries_group);
  cmd->add_option("TEXT", a->text,
                  "What to look for (case and accents "
                  "do not matter)")
      ->required()
      ->type_name("TEXT");
  cmd->add_option("--kind", a->kind, "Only records of this kind")
      ->type_name("KIND")
      ->check(one_of({"organization", "person", "foundation", "project", "body",
                      "tier", "seat-class"}));
  cmd->add_option("-n,--limit", a->limit,
                  "At most this many, the best (default: 20; 0: all)")
      ->type_name("N")
      ->check(whole_number(0, 1'000'000'000));
  add_format_option(cmd, a->format, {"text", "json"});
  add_db_options(cmd, r.s);
  cmd->footer(examples({"charter find amazon",
                        "charter find zemlin --kind "
                        "person",
                        "charter find premier --kind tier --format json"}) +
              "\nExact matches of a whole field first, then fields that start "
              "with the text, then\n"
              "words that do, then any field that holds it (docs/cli.md).");
  r.commands.add(cmd, [&s = r.s, a] { return run_find(s, *a); });
}

void add_diff(registrar& r) {
  auto a = std::make_shared<diff_args>();
  auto* cmd = r.root.add_subcommand(
      "diff",
      "What changed between two dates, or between two interchange documents");
  cmd->group(queries_group);
  cmd->add_option("FILES", a->files,
                  "Two interchange documents, the old one first")
      ->type_name("A.json B.json")
      ->expected(2);
  auto* from = add_date_option(cmd, "--from", a->from,
                               "The first day of the span (included)");
  auto* to = add_date_option(cmd, "--to", a->to,
                             "The end of the span (excluded; default: today)");
  auto* foundation =
      cmd->add_option("--foundation", a->foundation,
                      "Only this foundation (its members, bodies, projects)")
          ->type_name("ID");
  to->needs(from);
  foundation->needs(from);
  add_format_option(cmd, a->format, {"text", "json"});
  add_db_options(cmd, r.s);
  cmd->footer(examples({"charter diff --from 2022-01-01 --to 2023-01-01",
                        "charter diff --from 2022-09-01 --foundation "
                        "pytorch-foundation --format json",
                        "charter diff old.json new.json"}) +
              "\nBetween documents, exit status 0 when they hold the same "
              "records, 1 when not\n"
              "(as diff(1)), 2 when one cannot be read.");
  r.commands.add(cmd, [&s = r.s, a] { return run_diff(s, *a); });
}

}  // namespace

void add_query_commands(registrar& r) {
  add_members(r);
  add_board(r);
  add_whois(r);
  add_log(r);
  add_find(r);
  add_diff(r);
}

}  // namespace charter::cli
