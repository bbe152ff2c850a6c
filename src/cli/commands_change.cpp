// Commands that change the registry: each builds one batch, commits it as
// one audited change (or nothing), and prints what it did.

#include <charter/batch.hpp>

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli.hpp"

namespace charter::cli {
namespace {

const char* const changes_group = "Changes (dated; each one audited change)";

int commit(session& s, const batch& changes, const audit_info& who) {
  s.open(true).commit(changes, who);
  for (const auto& line : changes.describe()) std::cout << line << '\n';
  finish_stdout();
  return exit_ok;
}

/// Gives `cmd` --actor, --reason and --db; running it calls `build` with the
/// registry and the parsed arguments, and commits the batch it returns.
template <class Args, class Build>
void add_change(registrar& r, CLI::App* cmd, std::shared_ptr<Args> opts,
                std::string footer, Build build) {
  add_audit_options(cmd, opts->who);
  add_db_option(cmd, r.s);
  cmd->footer(std::move(footer));
  r.commands.add(cmd, [&s = r.s, opts, build] {
    const auto& reg = s.open(true).registry();
    batch changes = build(reg, *opts);
    return commit(s, changes, opts->who);
  });
}

CLI::Option* add_id(CLI::App* cmd, const std::string& name, std::string& value,
                    const std::string& description) {
  return cmd->add_option(name, value, description)->required()->type_name("ID");
}

void add_org(registrar& r) {
  struct args {
    std::string id, name, kind = "company", parent;
    std::vector<std::string> aliases, domains;
    audit_info who;
  };
  auto opts = std::make_shared<args>();
  auto* group = r.root.add_subcommand("org", "Add organizations");
  group->group(changes_group);
  group->require_subcommand(1);
  add_db_option(group, r.s);
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
             [](const registry& reg, const args& a) {
               organization o;
               o.id = org_id{a.id};
               o.name = a.name;
               o.kind = *parse_org_kind(a.kind);
               if (!a.parent.empty()) o.parent = need(reg, org_id{a.parent}).id;
               o.aliases = a.aliases;
               o.domains = a.domains;
               return batch().add(std::move(o));
             });
}

void add_person(registrar& r) {
  struct args {
    std::string id, name;
    std::vector<std::string> emails, handles;
    audit_info who;
  };
  auto opts = std::make_shared<args>();
  auto* group = r.root.add_subcommand("person", "Add people");
  group->group(changes_group);
  group->require_subcommand(1);
  add_db_option(group, r.s);
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
             [](const registry&, const args& a) {
               person p;
               p.id = person_id{a.id};
               p.name = a.name;
               p.emails = a.emails;
               for (const auto& h : a.handles) {
                 auto eq = h.find('=');
                 p.handles[h.substr(0, eq)] = h.substr(eq + 1);
               }
               return batch().add(std::move(p));
             });
}

void add_affiliate(registrar& r) {
  struct args {
    std::string person, org, from, to, title;
    audit_info who;
  };
  auto opts = std::make_shared<args>();
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
      [](const registry& reg, const args& a) {
        affiliation tie;
        tie.org = need(reg, org_id{a.org}).id;
        tie.when = period{parse_date_arg(a.from), parse_date_arg(a.to, true)};
        tie.title = a.title;
        return batch().affiliate(need(reg, person_id{a.person}).id,
                                 std::move(tie));
      });

  auto b = std::make_shared<args>();
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
             [](const registry& reg, const args& a) {
               return batch().end_affiliation(need(reg, person_id{a.person}).id,
                                              need(reg, org_id{a.org}).id,
                                              parse_date_arg(a.from));
             });
}

void add_memberships(registrar& r) {
  struct args {
    std::string org, foundation, tier, on;
    bool founding = false;
    audit_info who;
  };

  auto j = std::make_shared<args>();
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
             [](const registry& reg, const args& a) {
               const auto& f = need(reg, foundation_id{a.foundation});
               return batch().join(need(reg, org_id{a.org}).id, f.id,
                                   need_tier(f, tier_id{a.tier}).id,
                                   parse_date_arg(a.on), a.founding);
             });

  auto l = std::make_shared<args>();
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
      [](const registry& reg, const args& a) {
        return batch().leave(need(reg, org_id{a.org}).id,
                             need(reg, foundation_id{a.foundation}).id,
                             parse_date_arg(a.on));
      });

  auto c = std::make_shared<args>();
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
             [](const registry& reg, const args& a) {
               const auto& f = need(reg, foundation_id{a.foundation});
               return batch().change_tier(need(reg, org_id{a.org}).id, f.id,
                                          need_tier(f, tier_id{a.tier}).id,
                                          parse_date_arg(a.on));
             });
}

void add_seats(registrar& r) {
  struct args {
    std::string body, person, seat_class, represents, office, from, to;
    bool non_voting = false;
    audit_info who;
  };
  auto* group = r.root.add_subcommand(
      "seat", "Seat people on boards and committees, or end their seats");
  group->group(changes_group);
  group->require_subcommand(1);
  add_db_option(group, r.s);
  group->footer(examples(
      {"charter seat add pytorch-board brad-mccredie --class premier "
       "--represents amd --from 2022-09-12",
       "charter seat end pytorch-board brad-mccredie --on 2024-09-12"}));

  auto opts = std::make_shared<args>();
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
      [](const registry& reg, const args& a) {
        const auto& b = need(reg, body_id{a.body});
        seat st;
        st.body = b.id;
        st.seat_class = need_class(b, seat_class_id{a.seat_class}).id;
        st.person = need(reg, person_id{a.person}).id;
        if (!a.represents.empty())
          st.represents = need(reg, org_id{a.represents}).id;
        if (!a.office.empty()) st.office = parse_office(a.office);
        if (a.non_voting) st.voting = false;
        st.when = period{parse_date_arg(a.from), parse_date_arg(a.to, true)};
        return batch().add(std::move(st));
      });

  auto e = std::make_shared<args>();
  auto* end =
      group->add_subcommand("end", "End the seat a person holds on a body")
          ->group("Commands");
  add_id(end, "BODY", e->body, "The body");
  add_id(end, "PERSON", e->person, "Who leaves it");
  add_date_option(end, "--on", e->from,
                  "The day it ends (the last day is the one before)")
      ->required();
  add_change(
      r, end, e,
      examples(
          {"charter seat end pytorch-board brad-mccredie --on 2024-09-12"}),
      [](const registry& reg, const args& a) {
        return batch().end_seat(need(reg, body_id{a.body}).id,
                                need(reg, person_id{a.person}).id,
                                parse_date_arg(a.from));
      });
}

void add_roles(registrar& r) {
  struct args {
    std::string person, title, foundation, project, body, from, to;
    audit_info who;
  };
  auto* group = r.root.add_subcommand(
      "role", "Give people titles (Executive Director...) or end them");
  group->group(changes_group);
  group->require_subcommand(1);
  add_db_option(group, r.s);
  group->footer(
      examples({"charter role add jane-doe 'Treasurer' --foundation "
                "pytorch-foundation --from 2024-01-01",
                "charter role end jane-doe 'Treasurer' --foundation "
                "pytorch-foundation --on 2025-01-01"}));

  auto scope_options = [](CLI::App* cmd, args& a) {
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
  auto scope_of = [](const registry& reg, const args& a) -> role_scope {
    if (!a.foundation.empty()) return need(reg, foundation_id{a.foundation}).id;
    if (!a.project.empty()) return need(reg, project_id{a.project}).id;
    if (!a.body.empty()) return need(reg, body_id{a.body}).id;
    throw usage_error(
        "where is the role held? give --foundation, --project or --body");
  };

  auto opts = std::make_shared<args>();
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
  add_change(
      r, add, opts,
      examples({"charter role add ibrahim-haddad 'Executive Director' "
                "--foundation pytorch-foundation "
                "--from 2022-09-12"}),
      [scope_of](const registry& reg, const args& a) {
        role ro;
        ro.person = need(reg, person_id{a.person}).id;
        ro.title = a.title;
        ro.scope = scope_of(reg, a);
        ro.when = period{parse_date_arg(a.from), parse_date_arg(a.to, true)};
        return batch().add(std::move(ro));
      });

  auto e = std::make_shared<args>();
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
             [scope_of](const registry& reg, const args& a) {
               return batch().end_role(need(reg, person_id{a.person}).id,
                                       a.title, scope_of(reg, a),
                                       parse_date_arg(a.from));
             });
}

void add_transfer(registrar& r) {
  struct args {
    std::string project, to, to_foundation, to_org, on;
    audit_info who;
  };
  auto opts = std::make_shared<args>();
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
      [](const registry& reg, const args& a) {
        steward_ref who;
        if (!a.to_foundation.empty()) {
          who = need(reg, foundation_id{a.to_foundation}).id;
        } else if (!a.to_org.empty()) {
          who = need(reg, org_id{a.to_org}).id;
        } else if (!a.to.empty()) {
          const auto* f = reg.find(foundation_id{a.to});
          const auto* o = reg.find(org_id{a.to});
          if (f && o)
            throw usage_error(
                fmt::format("'{}' names both a foundation and an organization; "
                            "say which with --to-foundation or --to-org",
                            a.to));
          if (f) {
            who = f->id;
          } else if (o) {
            who = o->id;
          } else {
            auto ids = ids_of_kind(reg, "foundation");
            auto orgs = ids_of_kind(reg, "organization");
            ids.insert(ids.end(), orgs.begin(), orgs.end());
            throw usage_error(
                fmt::format("no foundation or organization '{}'{}", a.to,
                            did_you_mean(a.to, ids)));
          }
        } else {
          throw usage_error("to whom? give --to, --to-foundation or --to-org");
        }
        return batch().transfer(need(reg, project_id{a.project}).id, who,
                                parse_date_arg(a.on));
      });
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

}  // namespace charter::cli
