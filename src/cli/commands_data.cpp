// Commands that move whole registries or look at them whole: init, import,
// export, check, report.

#include <charter/checks.hpp>
#include <charter/json.hpp>
#include <charter/report.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "progress.hpp"

namespace charter::cli {
namespace {

void add_init(registrar& r) {
  auto* cmd =
      r.root.add_subcommand("init", "Create an empty registry database");
  cmd->group("Data");
  add_db_option(cmd, r.s);
  cmd->footer(examples({"charter init --db registry.db",
                        "CHARTER_DB=registry.db charter init"}) +
              "\nRefuses to touch a file that already exists. A PATH ending in "
              ".json makes an\n"
              "interchange document instead of an SQLite database (no lasting "
              "audit log).");
  r.commands.add(cmd, [&s = r.s] {
    auto path = s.db_path();
    std::error_code ec;
    if (std::filesystem::exists(path, ec) ||
        std::filesystem::is_symlink(path, ec))
      throw usage_error(
          fmt::format("'{}' already exists; nothing changed (remove it, or "
                      "choose another --db)",
                      path.string()));
    if (charter::is_json_file(path)) {
      save_json(charter::registry{}, path);
    } else {
      charter::sqlite_store::options opts;
      opts.create = true;
      charter::sqlite_store store(path, opts);
    }
    std::cout << fmt::format("Created an empty registry in {}\n",
                             path.string());
    finish_stdout();
    return exit_ok;
  });
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string counts(const charter::registry& reg) {
  return fmt::format(
      "{}, {}, {}, {}, {}, {}, {}, {}",
      plural(reg.organizations().size(), "organization", "organizations"),
      plural(reg.people().size(), "person", "people"),
      plural(reg.foundations().size(), "foundation", "foundations"),
      plural(reg.projects().size(), "project", "projects"),
      plural(reg.memberships().size(), "membership", "memberships"),
      plural(reg.bodies().size(), "body", "bodies"),
      plural(reg.seats().size(), "seat", "seats"),
      plural(reg.roles().size(), "role", "roles"));
}

void add_import(registrar& r) {
  struct args {
    std::string file;
    bool merge = false;
    charter::audit_info who;
  };
  auto a = std::make_shared<args>();
  auto* cmd = r.root.add_subcommand(
      "import", "Load an interchange document (JSON) into the registry");
  cmd->group("Data");
  cmd->add_option("FILE", a->file, "The document to read; - for standard input")
      ->required()
      ->type_name("FILE");
  cmd->add_flag("--merge", a->merge,
                "Add the document's records to those already there, instead of "
                "replacing everything");
  add_audit_options(cmd, a->who);
  add_db_option(cmd, r.s);
  cmd->footer(examples({"charter import examples/data/pytorch-foundation.json",
                        "curl -s https://example.org/registry.json | charter "
                        "import - --reason 'sync'",
                        "charter import new-members.json --merge"}) +
              "\nAll or nothing: a document with any problem changes nothing, "
              "and every problem\n"
              "is printed with its JSON Pointer (/memberships/3/tier).");
  r.commands.add(cmd, [&s = r.s, a] {
    progress bar("import", {"loading", "reading", "validating", "writing"});
    auto& db = s.open(true);
    bar.phase(1);
    std::ifstream file;
    std::istream& in = open_input(a->file, file);
    std::string name = a->file == "-" ? std::string("standard input") : a->file;
    bar.phase(2);
    try {
      if (a->merge) {
        auto doc = decode_json(in);
        // Check on a copy first so that problems are placed by JSON Pointer;
        // commit checks again against what is really stored.
        charter::registry trial = db.registry();
        trial.apply(doc.changes, doc.where);
        bar.phase(3);
        db.commit(doc.changes, a->who);
      } else {
        charter::registry reg = from_json(in);
        bar.phase(3);
        db.replace(std::move(reg), a->who, fmt::format("import {}", name));
      }
    } catch (const validation_error& e) {
      // A syntax error has no place in the document: name the file instead.
      std::vector<problem> placed = e.problems();
      for (auto& p : placed)
        if (p.where.empty()) p.where = name;
      throw validation_error(std::move(placed));
    }
    bar.stop();
    std::cout << fmt::format("Imported {}: the registry now holds {}\n", name,
                             counts(db.registry()));
    finish_stdout();
    return exit_ok;
  });
}

void add_export(registrar& r) {
  auto file = std::make_shared<std::string>("-");
  auto* cmd = r.root.add_subcommand(
      "export", "Write the registry as an interchange document (JSON)");
  cmd->group("Data");
  cmd->add_option("-o,--output", *file,
                  "Where to write it; - for standard output (the default)")
      ->type_name("FILE");
  add_db_option(cmd, r.s);
  cmd->footer(examples({"charter export > registry.json",
                        "charter export -o backup.json"}) +
              "\nThe output is canonical: the same registry always gives the "
              "same bytes.");
  r.commands.add(cmd, [&s = r.s, file] {
    auto& db = s.open(false);
    if (*file == "-")
      write_output(to_json(db.registry()), "-");
    else
      save_json(db.registry(), *file);
    return exit_ok;
  });
}

boost::json::object finding_json(const finding& f) {
  boost::json::array subjects;
  for (const auto& id : f.subjects) subjects.emplace_back(id);
  return {{"code", f.code},
          {"severity", to_string(f.severity)},
          {"subjects", std::move(subjects)},
          {"from", to_string(f.when.from)},
          {"to", json_of(f.when.to)},
          {"message", f.message}};
}

void add_check(registrar& r) {
  struct args {
    std::string at, foundation, body, format;
    bool all = false;
  };
  auto a = std::make_shared<args>();
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
  add_db_option(cmd, r.s);
  cmd->footer(examples({"charter check",
                        "charter check --all --foundation pytorch-foundation",
                        "charter check --body pytorch-board --at 2023-01-01 "
                        "--format json"}) +
              "\nExit status: 0 when no finding is an error (warnings alone "
              "pass), 1 when one is,\n"
              "2 on bad usage or input.");
  r.commands.add(cmd, [&s = r.s, a] {
    const auto& reg = s.open(false).registry();
    check_scope scope;
    if (!a->foundation.empty())
      scope.foundation = need(reg, foundation_id{a->foundation}).id;
    if (!a->body.empty()) scope.body = need(reg, body_id{a->body}).id;
    std::optional<date> on;
    if (!a->all)
      on = a->at.empty() ? today() : parse_date_arg(std::string_view(a->at));
    auto findings = on ? check(reg, *on, scope) : check_all(reg, scope);
    auto errors = std::count_if(
        findings.begin(), findings.end(),
        [](const finding& f) { return f.severity == severity::error; });
    auto warnings = static_cast<std::ptrdiff_t>(findings.size()) - errors;

    if (a->format == "json") {
      boost::json::array list;
      for (const auto& f : findings) list.emplace_back(finding_json(f));
      boost::json::object out{
          {"at", json_of(on)},
          {"foundation", a->foundation.empty()
                             ? boost::json::value(nullptr)
                             : boost::json::value(a->foundation)},
          {"body", a->body.empty() ? boost::json::value(nullptr)
                                   : boost::json::value(a->body)},
          {"findings", std::move(list)},
          {"errors", errors},
          {"warnings", warnings}};
      write_output(json_line(out), "-");
    } else {
      std::string text;
      if (!findings.empty()) {
        table t(
            {"SEVERITY", on ? "DATE" : "DATES", "CODE", "SUBJECTS", "MESSAGE"});
        for (const auto& f : findings)
          t.row({std::string(to_string(f.severity)),
                 on ? to_string(f.when.from) : to_string(f.when), f.code,
                 fmt::format("{}", fmt::join(f.subjects, " ")), f.message});
        text = t.str();
      }
      if (findings.empty())
        text += fmt::format("No findings{}.\n",
                            on ? " on " + to_string(*on) : std::string{});
      else
        text += fmt::format(
            "{}: {}, {}\n", plural(findings.size(), "finding", "findings"),
            plural(static_cast<std::size_t>(errors), "error", "errors"),
            plural(static_cast<std::size_t>(warnings), "warning", "warnings"));
      write_output(text, "-");
    }
    return errors > 0 ? exit_findings : exit_ok;
  });
}

const std::vector<std::string> report_kinds{"roster", "board",      "changes",
                                            "dues",   "compliance", "timeline"};

void add_report(registrar& r) {
  struct args {
    std::vector<std::string> kinds;
    std::string foundation, body, project, at, from, to, format = "text",
                                                         output = "-";
    int year = 0;
    bool all = false;
  };
  auto a = std::make_shared<args>();
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
                  "text, md, csv, json, html or svg (board and timeline only)")
      ->type_name("FORMAT")
      ->check(one_of(
          {"text", "txt", "md", "markdown", "csv", "json", "html", "svg"}));
  cmd->add_option("-o,--output", a->output,
                  "Where to write it; - for standard output (the default)")
      ->type_name("FILE");
  add_db_option(cmd, r.s);
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
           "charter report timeline --project pytorch --format html -o "
           "pytorch.html",
           "charter report roster board --foundation pytorch-foundation "
           "--format md"}) +
      "\nSeveral kinds make one document. 'board' with --foundation alone uses "
      "the\n"
      "foundation's body when it has exactly one.");
  r.commands.add(cmd, [&s = r.s, a] {
    progress bar("report", {"loading", "building", "writing"});
    const auto& reg = s.open(false).registry();
    bar.phase(1);

    auto has = [&](std::string_view k) {
      return std::find(a->kinds.begin(), a->kinds.end(), k) != a->kinds.end();
    };
    report_options opts;
    if (!a->foundation.empty())
      opts.foundation = need(reg, foundation_id{a->foundation}).id;
    if (!a->body.empty()) opts.body = need(reg, body_id{a->body}).id;
    if (!a->project.empty())
      opts.project = need(reg, project_id{a->project}).id;
    opts.at = parse_date_arg(a->at, true);
    opts.from = parse_date_arg(a->from, true);
    opts.to = parse_date_arg(a->to, true);
    if (a->year != 0) opts.year = a->year;
    opts.all_dates = a->all;

    // The defaults a person expects: today, and the foundation's only body.
    bool dated = has("roster") || has("board") || (has("dues") && !opts.year) ||
                 (has("compliance") && !a->all);
    if (!opts.at && dated) opts.at = today();
    if (has("changes") && opts.from && !opts.to) opts.to = today();
    if (has("board") && !opts.body && opts.foundation) {
      std::vector<const body*> owned;
      for (const auto& b : reg.bodies())
        if (const auto* f = std::get_if<foundation_id>(&b.owner);
            f && *f == *opts.foundation)
          owned.push_back(&b);
      if (owned.size() == 1) opts.body = owned.front()->id;
    }

    auto format = parse_report_format(a->format);
    if (!format)
      throw usage_error(fmt::format("unknown format '{}'",
                                    a->format));  // the parser checked it
    std::vector<report_kind> kinds;
    for (const auto& k : a->kinds) {
      auto kind = parse_report_kind(k);
      if (!kind) throw usage_error(fmt::format("unknown report '{}'", k));
      if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end())
        kinds.push_back(*kind);
    }
    std::string text = kinds.size() == 1
                           ? render_report(reg, kinds.front(), *format, opts)
                           : render_reports(reg, kinds, *format, opts);
    bar.phase(2);
    bar.stop();
    write_output(text, a->output);
    return exit_ok;
  });
}

}  // namespace

void add_data_commands(registrar& r) {
  add_init(r);
  add_import(r);
  add_export(r);
  add_check(r);
  add_report(r);
}

}  // namespace charter::cli
