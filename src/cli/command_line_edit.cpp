// The corrections on the command line: update, remove, merge, revert and
// backup, with their options and help (see command_line.cpp for the rest).

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

const char* const corrections_group =
    "Corrections (each one audited change, or --dry-run)";

const std::vector<std::string> record_kinds{
    "org",  "organization", "person", "foundation", "project",
    "body", "membership",   "seat",   "role",       "election"};

// KIND [ID] and the key fields of a dated record.
void add_record_options(CLI::App* cmd, record_args& a) {
  cmd->add_option("KIND", a.kind, "The kind of record")
      ->required()
      ->type_name("KIND")
      ->check(one_of(record_kinds));
  cmd->add_option("ID", a.id,
                  "The record's id (an organization, person, foundation, "
                  "project, body or election)")
      ->type_name("ID");
  const char* const key = "Key of a membership, seat or role";
  cmd->add_option("--org", a.org, "A membership's organization")
      ->type_name("ID")
      ->group(key);
  cmd->add_option("--foundation", a.foundation,
                  "A membership's foundation, or a role's")
      ->type_name("ID")
      ->group(key);
  cmd->add_option("--project", a.project, "A role's project")
      ->type_name("ID")
      ->group(key);
  cmd->add_option("--body", a.body, "A seat's body, or a role's")
      ->type_name("ID")
      ->group(key);
  cmd->add_option("--class", a.seat_class, "A seat's class")
      ->type_name("ID")
      ->group(key);
  cmd->add_option("--person", a.person, "A seat's or a role's person")
      ->type_name("ID")
      ->group(key);
  cmd->add_option("--title", a.title, "A role's title")
      ->type_name("TEXT")
      ->group(key);
  add_date_option(cmd, "--from", a.from,
                  "Its first day (needed when several match the rest)")
      ->group(key);
}

template <class Args>
void finish(registrar& r, CLI::App* cmd, std::shared_ptr<Args> a,
            int (*run)(session&, const Args&)) {
  cmd->group(corrections_group);
  add_audit_options(cmd, a->who);
  add_change_options(cmd, r.s);
  add_db_options(cmd, r.s);
  r.commands.add(cmd, [&s = r.s, a, run] { return run(s, *a); });
}

void add_update(registrar& r) {
  auto a = std::make_shared<update_args>();
  auto* cmd = r.root.add_subcommand(
      "update", "Correct any field of a record (an audited change)");
  add_record_options(cmd, a->record);
  cmd->add_option("--set", a->set,
                  "Give FIELD the value VALUE (repeatable); FIELD is a name, "
                  "names joined by dots, or a JSON Pointer")
      ->type_name("FIELD=VALUE");
  cmd->add_option("--unset", a->unset,
                  "Take an optional FIELD off (repeatable)")
      ->type_name("FIELD");
  cmd->add_option("--add", a->add, "Add VALUE to the list FIELD (repeatable)")
      ->type_name("FIELD=VALUE");
  cmd->add_option("--drop", a->drop,
                  "Take VALUE out of the list FIELD (repeatable)")
      ->type_name("FIELD=VALUE");
  cmd->footer(
      examples(
          {"charter update org aws --set name='Amazon Web Services, Inc.' "
           "--reason 'legal name'",
           "charter update org aws --add aliases=AWS --drop "
           "domains=old.example",
           "charter update membership --org amd --foundation "
           "pytorch-foundation --from 2022-09-12 --set tier=general",
           "charter update seat --body pytorch-board --person ian-buck --set "
           "office=chair",
           "charter update body pytorch-board --set rules.max_per_family=1",
           "charter update org amd-inc --set id=amd-corp   # a new id: "
           "references move"}) +
      "\nA VALUE is JSON (2, true, null, [\"a\"]) unless the field holds "
      "text or VALUE is not\n"
      "JSON: then it is text. Every invariant is checked; a change of a "
      "dated record's\n"
      "key fields (--set from=...) removes it and adds it anew.");
  finish(r, cmd, a, run_update);
}

void add_remove(registrar& r) {
  auto a = std::make_shared<remove_args>();
  auto* cmd = r.root.add_subcommand(
      "remove", "Remove a record entered in error, as if it never existed");
  add_record_options(cmd, a->record);
  cmd->add_flag("--cascade", a->cascade,
                "Remove the records that depend on it too (its memberships, "
                "seats, roles), and take references to it off the others");
  cmd->footer(
      examples({"charter remove org typo-co --reason 'entered twice'",
                "charter remove org typo-co --cascade --dry-run",
                "charter remove membership --org amd --foundation "
                "pytorch-foundation --from 2022-09-12"}) +
      "\nRefused, naming each of them, while other records refer to it "
      "(unless --cascade).\n"
      "To end a fact and keep its history, use leave, unaffiliate, seat end "
      "or role end.");
  finish(r, cmd, a, run_remove);
}

void add_merge(registrar& r) {
  auto a = std::make_shared<merge_args>();
  auto* cmd = r.root.add_subcommand(
      "merge", "Make two organizations (or two people) that are one into one");
  cmd->add_option("KIND", a->kind, "The kind of the two records")
      ->required()
      ->type_name("KIND")
      ->check(one_of({"org", "organization", "person"}));
  cmd->add_option("DUPLICATE", a->duplicate, "The record that goes")
      ->required()
      ->type_name("ID");
  cmd->add_option("INTO", a->into, "The record that stays")
      ->required()
      ->type_name("ID");
  cmd->footer(
      examples({"charter merge org amd-inc amd --reason 'entered twice'",
                "charter merge person lisa-su lisa --dry-run"}) +
      "\nEvery reference to DUPLICATE moves to INTO; DUPLICATE's name and "
      "aliases become\n"
      "aliases of INTO (a person's emails, handles and affiliations join). "
      "An acquisition\n"
      "is different: 'charter update org X --set parent=Y'.");
  finish(r, cmd, a, run_merge);
}

void add_revert(registrar& r) {
  auto a = std::make_shared<revert_args>();
  auto* cmd = r.root.add_subcommand(
      "revert", "Undo an audit entry (an import too) as a new audited change");
  cmd->add_option("AUDIT_ID", a->id, "The entry's id, as 'charter log' shows")
      ->required()
      ->type_name("AUDIT_ID")
      ->check(whole_number(1, std::numeric_limits<std::int64_t>::max()));
  cmd->footer(examples({"charter log --limit 5", "charter revert 7 --dry-run",
                        "charter revert 7 --reason 'wrong tier'"}) +
              "\nRefused, naming them, when later entries changed what it "
              "would undo.");
  finish(r, cmd, a, run_revert);
}

void add_backup(registrar& r) {
  auto a = std::make_shared<backup_args>();
  auto* cmd = r.root.add_subcommand(
      "backup",
      "Write a consistent copy of the database, while others may write");
  cmd->group(corrections_group);
  cmd->add_option("FILE", a->file, "The copy to write (must not exist)")
      ->required()
      ->type_name("FILE");
  add_db_options(cmd, r.s);
  cmd->footer(examples({"charter backup registry-2026-12-07.db"}) +
              "\nSQLite's online backup: the copy is the database as one "
              "commit left it.");
  r.commands.add(cmd, [&s = r.s, a] { return run_backup(s, *a); });
}

}  // namespace

void add_edit_commands(registrar& r) {
  add_update(r);
  add_remove(r);
  add_merge(r);
  add_revert(r);
  add_backup(r);
}

}  // namespace charter::cli
