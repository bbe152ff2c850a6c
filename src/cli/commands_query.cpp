// Commands that answer questions: members, board, whois, log. Aligned text
// by default, one JSON document with --format json.

#include <charter/registry.hpp>
#include <charter/report.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/suggest.hpp"

namespace charter::cli {
namespace {

namespace json = boost::json;

json::value json_id(const std::optional<std::string>& id) {
  if (!id) return nullptr;
  return json::string(*id);
}

template <class Id>
std::optional<std::string> str_of(const std::optional<Id>& id) {
  if (!id) return std::nullopt;
  return id->str();
}

std::string name_of(const registry& reg, const org_id& id) {
  const auto* o = reg.find(id);
  return o ? o->name : std::string{};
}
std::string name_of(const registry& reg, const person_id& id) {
  const auto* p = reg.find(id);
  return p ? p->name : std::string{};
}

date at_or_today(const std::string& at) {
  return at.empty() ? today() : parse_date_arg(std::string_view(at));
}

// --format md and csv: the report that shows the same (the roster for
// members, the board report for board), as `charter report` renders it.
bool as_report(const std::string& format) {
  return format == "md" || format == "csv";
}
template <class Report>
int write_report(const Report& report, const listing_args& a) {
  write_output(render(report, *parse_report_format(a.format),
                      render_options{.csv_raw = a.csv_raw}),
               "-");
  return exit_ok;
}

}  // namespace

// ---- members

int run_members(session& s, const listing_args& a) {
  const auto& reg = s.open(false).registry();
  const auto& f = need(reg, foundation_id{a.id});
  date on = at_or_today(a.at);
  if (as_report(a.format)) return write_report(make_roster(reg, f.id, on), a);
  auto groups = reg.members(f.id, on);
  std::size_t total = 0;
  for (const auto& g : groups) total += g.members.size();

  if (a.format == "json") {
    json::array tiers;
    for (const auto& g : groups) {
      json::array members;
      for (const auto* m : g.members)
        members.emplace_back(
            json::object{{"org", m->org.str()},
                         {"name", name_of(reg, m->org)},
                         {"since", json_of(reg.member_since(m->org, f.id, on))},
                         {"from", to_string(m->when.from)},
                         {"to", json_of(m->when.to)},
                         {"founding", m->founding}});
      tiers.emplace_back(json::object{{"id", g.tier->id.str()},
                                      {"name", g.tier->name},
                                      {"rank", g.tier->rank},
                                      {"members", std::move(members)}});
    }
    write_output(json_line(json::object{{"foundation", f.id.str()},
                                        {"name", f.name},
                                        {"at", to_string(on)},
                                        {"total", total},
                                        {"tiers", std::move(tiers)}}),
                 "-");
    return exit_ok;
  }

  std::string text =
      fmt::format("{} ({}) on {}: {} member{}\n", f.id.str(), visible(f.name),
                  to_string(on), total, total == 1 ? "" : "s");
  if (total > 0) {
    table t({"TIER", "ORG", "NAME", "SINCE", "FOUNDING"});
    for (const auto& g : groups)
      for (const auto* m : g.members)
        t.row({g.tier->id.str(), m->org.str(), name_of(reg, m->org),
               text_of(reg.member_since(m->org, f.id, on)),
               m->founding ? "yes" : "no"});
    text += t.str();
  }
  write_output(text, "-");
  return exit_ok;
}

// ---- board

int run_board(session& s, const listing_args& a) {
  const auto& reg = s.open(false).registry();
  const auto& b = need(reg, body_id{a.id});
  date on = at_or_today(a.at);
  if (as_report(a.format)) return write_report(make_board(reg, b.id, on), a);
  auto entitled = reg.entitlements(b.id, on);
  auto seats = reg.seats(b.id, on);
  auto voting = [&](const seat& st) {
    if (st.voting) return *st.voting;
    const auto* c = b.find_class(st.seat_class);
    return c ? c->is_voting() : true;
  };

  if (a.format == "json") {
    json::array classes;
    for (const auto& e : entitled)
      classes.emplace_back(json::object{{"id", e.seat_class->id.str()},
                                        {"mode", to_string(e.seat_class->mode)},
                                        {"seats", e.seats},
                                        {"filled", e.filled},
                                        {"vacant", e.vacant()}});
    json::array list;
    for (const auto* st : seats)
      list.emplace_back(json::object{
          {"class", st->seat_class.str()},
          {"person", st->person.str()},
          {"name", name_of(reg, st->person)},
          {"represents", json_id(str_of(st->represents))},
          {"office",
           st->office ? json::value(to_string(*st->office)) : nullptr},
          {"voting", voting(*st)},
          {"from", to_string(st->when.from)},
          {"to", json_of(st->when.to)}});
    write_output(json_line(json::object{{"body", b.id.str()},
                                        {"name", b.name},
                                        {"owner", str(b.owner)},
                                        {"at", to_string(on)},
                                        {"classes", std::move(classes)},
                                        {"seats", std::move(list)}}),
                 "-");
    return exit_ok;
  }

  int total = 0, filled = 0;
  for (const auto& e : entitled) {
    total += e.seats;
    filled += e.filled;
  }
  std::string text =
      fmt::format("{} ({}) of {} on {}: {} of {} seats filled\n", b.id.str(),
                  visible(b.name), str(b.owner), to_string(on), filled, total);
  table classes({"CLASS", "MODE", "SEATS", "FILLED", "VACANT"});
  for (const auto& e : entitled)
    classes.row({e.seat_class->id.str(),
                 std::string(to_string(e.seat_class->mode)),
                 std::to_string(e.seats), std::to_string(e.filled),
                 std::to_string(e.vacant())});
  text += classes.str();
  if (!seats.empty()) {
    table t({"CLASS", "PERSON", "NAME", "REPRESENTS", "OFFICE", "VOTING",
             "SINCE", "UNTIL"});
    for (const auto* st : seats)
      t.row({st->seat_class.str(), st->person.str(), name_of(reg, st->person),
             st->represents ? st->represents->str() : "-",
             st->office ? std::string(to_string(*st->office)) : "-",
             voting(*st) ? "yes" : "no", to_string(st->when.from),
             text_of(st->when.to)});
    text += "\n" + t.str();
  }
  write_output(text, "-");
  return exit_ok;
}

// ---- whois

namespace {

// "foundation lf", "project pytorch", "body pytorch-board".
std::string scope_text(const role_scope& scope) {
  return std::visit([](const auto& id) { return to_string(record_key{id}); },
                    scope);
}

json::object period_json(const period& p) {
  return {{"from", to_string(p.from)}, {"to", json_of(p.to)}};
}

json::array history_json(const std::vector<history_line>& h) {
  json::array out;
  for (const auto& e : h)
    out.emplace_back(json::object{{"from", to_string(e.when.from)},
                                  {"to", json_of(e.when.to)},
                                  {"kind", to_string(e.kind)},
                                  {"text", e.text}});
  return out;
}

std::string history_text(const std::vector<history_line>& h) {
  if (h.empty()) return "  history: none\n";
  table t({"    FROM", "UNTIL", "KIND", "WHAT"});
  for (const auto& e : h)
    t.row({"    " + to_string(e.when.from), text_of(e.when.to),
           std::string{to_string(e.kind)}, e.text});
  return "  history:\n" + t.str();
}

json::array seats_json(const registry& reg,
                       const std::vector<const seat*>& seats) {
  json::array out;
  for (const auto* st : seats)
    out.emplace_back(json::object{
        {"body", st->body.str()},
        {"class", st->seat_class.str()},
        {"person", st->person.str()},
        {"name", name_of(reg, st->person)},
        {"represents", json_id(str_of(st->represents))},
        {"office", st->office ? json::value(to_string(*st->office)) : nullptr},
        {"from", to_string(st->when.from)},
        {"to", json_of(st->when.to)}});
  return out;
}

void seats_text(std::string& text, const std::vector<const seat*>& seats,
                bool show_person) {
  if (seats.empty()) {
    text += "  seats: none\n";
    return;
  }
  text += "  seats:\n";
  for (const auto* st : seats)
    text += fmt::format(
        "    {} {}{}{}{}, since {}\n", st->body.str(), st->seat_class.str(),
        show_person ? " held by " + st->person.str() : std::string{},
        st->represents ? " for " + st->represents->str() : std::string{},
        st->office ? fmt::format(" ({})", to_string(*st->office))
                   : std::string{},
        to_string(st->when.from));
}

void whois_person(const registry& reg, const person& p, date on, bool history,
                  std::string& text, json::object& out) {
  auto ties = reg.affiliations(p.id, on);
  auto seats = reg.seats_of(p.id, on);
  auto roles = reg.roles_of(p.id, on);

  json::array ties_json, roles_json;
  for (const auto* t : ties)
    ties_json.emplace_back(json::object{{"org", t->org.str()},
                                        {"name", name_of(reg, t->org)},
                                        {"family", reg.family(t->org).id.str()},
                                        {"title", t->title},
                                        {"from", to_string(t->when.from)},
                                        {"to", json_of(t->when.to)}});
  for (const auto* ro : roles) {
    auto j = period_json(ro->when);
    j.emplace("title", ro->title);
    j.emplace("scope", str(ro->scope));
    roles_json.emplace_back(std::move(j));
  }
  json::array emails;
  for (const auto& e : p.emails) emails.emplace_back(e);
  json::object handles;
  for (const auto& [site, handle] : p.handles) handles.emplace(site, handle);
  json::object j{{"id", p.id.str()},
                 {"name", p.name},
                 {"emails", std::move(emails)},
                 {"handles", std::move(handles)},
                 {"affiliations", std::move(ties_json)},
                 {"seats", seats_json(reg, seats)},
                 {"roles", std::move(roles_json)}};
  if (history)
    j.emplace("history",
              history_json(describe(reg.history(p.id), record_kind::person)));
  out.emplace("person", std::move(j));

  text += fmt::format("person {}: {}\n", p.id.str(), visible(p.name));
  if (!p.emails.empty())
    text +=
        visible(fmt::format("  emails: {}", fmt::join(p.emails, ", "))) + "\n";
  if (ties.empty())
    text += "  affiliations: none\n";
  else
    text += "  affiliations:\n";
  for (const auto* t : ties) {
    const auto& family = reg.family(t->org);
    text +=
        visible(fmt::format(
            "    {} ({}){}{}, since {}", t->org.str(), name_of(reg, t->org),
            family.id == t->org ? std::string{} : ", family " + family.id.str(),
            t->title.empty() ? std::string{} : ": " + t->title,
            to_string(t->when.from))) +
        "\n";
  }
  seats_text(text, seats, false);
  if (roles.empty())
    text += "  roles: none\n";
  else
    text += "  roles:\n";
  for (const auto* ro : roles)
    text +=
        visible(fmt::format("    {} of {}, since {}", ro->title,
                            scope_text(ro->scope), to_string(ro->when.from))) +
        "\n";
  if (history)
    text += history_text(describe(reg.history(p.id), record_kind::person));
}

void whois_org(const registry& reg, const organization& o, date on,
               bool history, std::string& text, json::object& out) {
  const auto& family = reg.family(o.id);
  auto members = reg.family_members(o.id);
  auto memberships = reg.memberships_of(o.id, on);
  auto people = reg.affiliated_people(o.id, on);
  std::vector<const seat*> seats;
  for (const auto& st : reg.seats())
    if (st.represents == o.id && st.when.contains(on)) seats.push_back(&st);

  json::array family_json, memberships_json, people_json;
  for (const auto* m : members) family_json.emplace_back(m->id.str());
  for (const auto* m : memberships)
    memberships_json.emplace_back(json::object{
        {"foundation", m->foundation.str()},
        {"tier", m->tier.str()},
        {"since", json_of(reg.member_since(o.id, m->foundation, on))},
        {"from", to_string(m->when.from)},
        {"to", json_of(m->when.to)},
        {"founding", m->founding}});
  for (const auto* p : people)
    people_json.emplace_back(
        json::object{{"id", p->id.str()}, {"name", p->name}});
  json::object j{{"id", o.id.str()},
                 {"name", o.name},
                 {"kind", to_string(o.kind)},
                 {"parent", json_id(str_of(o.parent))},
                 {"family", family.id.str()},
                 {"family_members", std::move(family_json)},
                 {"memberships", std::move(memberships_json)},
                 {"people", std::move(people_json)},
                 {"seats", seats_json(reg, seats)}};
  if (history)
    j.emplace("history", history_json(describe(reg.history(o.id),
                                               record_kind::organization)));
  out.emplace("organization", std::move(j));

  text += fmt::format("organization {}: {} ({})\n", o.id.str(), visible(o.name),
                      to_string(o.kind));
  std::vector<std::string> kin;
  for (const auto* m : members) kin.push_back(m->id.str());
  if (kin.size() <= 1)
    text += "  family: none\n";
  else
    text += fmt::format("  family: {} ({})\n", family.id.str(),
                        fmt::join(kin, ", "));
  if (memberships.empty())
    text += "  memberships: none\n";
  else
    text += "  memberships:\n";
  for (const auto* m : memberships)
    text += fmt::format("    {} member of {}{}, since {}\n", m->tier.str(),
                        m->foundation.str(), m->founding ? " (founding)" : "",
                        text_of(reg.member_since(o.id, m->foundation, on)));
  if (people.empty())
    text += "  people: none\n";
  else {
    std::vector<std::string> ids;
    for (const auto* p : people) ids.push_back(p->id.str());
    text += fmt::format("  people: {}\n", fmt::join(ids, ", "));
  }
  seats_text(text, seats, true);
  if (history)
    text +=
        history_text(describe(reg.history(o.id), record_kind::organization));
}

void whois_foundation(const registry& reg, const foundation& f, date on,
                      std::string& text, json::object& out) {
  auto groups = reg.members(f.id, on);
  std::vector<std::string> bodies, projects;
  for (const auto& b : reg.bodies())
    if (str(b.owner) == f.id.str() &&
        std::holds_alternative<foundation_id>(b.owner))
      bodies.push_back(b.id.str());
  for (const auto& p : reg.projects())
    if (const auto* st = reg.steward_of(p.id, on);
        st && st->who == steward_ref{f.id})
      projects.push_back(p.id.str());
  json::array tiers;
  std::vector<std::string> tier_text;
  for (const auto& g : groups) {
    tiers.emplace_back(
        json::object{{"id", g.tier->id.str()}, {"members", g.members.size()}});
    tier_text.push_back(
        fmt::format("{} {}", g.members.size(), g.tier->id.str()));
  }
  json::array bodies_json(bodies.begin(), bodies.end()),
      projects_json(projects.begin(), projects.end());
  out.emplace("foundation",
              json::object{{"id", f.id.str()},
                           {"name", f.name},
                           {"parent", json_id(str_of(f.parent))},
                           {"founded", json_of(f.founded)},
                           {"tiers", std::move(tiers)},
                           {"bodies", std::move(bodies_json)},
                           {"projects", std::move(projects_json)}});
  text += fmt::format("foundation {}: {}\n", f.id.str(), visible(f.name));
  if (f.parent) text += fmt::format("  parent: {}\n", f.parent->str());
  if (f.founded) text += fmt::format("  founded: {}\n", to_string(*f.founded));
  text += fmt::format("  members: {}\n",
                      tier_text.empty()
                          ? "no tiers"
                          : fmt::format("{}", fmt::join(tier_text, ", ")));
  text += fmt::format(
      "  bodies: {}\n",
      bodies.empty() ? "none" : fmt::format("{}", fmt::join(bodies, ", ")));
  text += fmt::format(
      "  projects: {}\n",
      projects.empty() ? "none" : fmt::format("{}", fmt::join(projects, ", ")));
}

void whois_project(const registry& reg, const project& p, date on, bool history,
                   std::string& text, json::object& out) {
  const auto* st = reg.steward_of(p.id, on);
  const auto* sg = reg.stage_of(p.id, on);
  json::object j{{"id", p.id.str()},
                 {"name", p.name},
                 {"founded", json_of(p.founded)},
                 {"steward", st ? json::value(str(st->who)) : nullptr},
                 {"stage", sg ? json::value(sg->name) : nullptr}};
  if (history)
    j.emplace("history",
              history_json(describe(reg.history(p.id), record_kind::project)));
  out.emplace("project", std::move(j));
  text += fmt::format("project {}: {}\n", p.id.str(), visible(p.name));
  text += fmt::format(
      "  steward: {}\n",
      st ? fmt::format("{}, since {}", str(st->who), to_string(st->when.from))
         : std::string("none"));
  text +=
      visible(fmt::format("  stage: {}", sg ? sg->name : std::string("none"))) +
      "\n";
  if (history)
    text += history_text(describe(reg.history(p.id), record_kind::project));
}

void whois_body(const registry& reg, const body& b, date on, std::string& text,
                json::object& out) {
  int seats = 0, filled = 0;
  for (const auto& e : reg.entitlements(b.id, on)) {
    seats += e.seats;
    filled += e.filled;
  }
  out.emplace("body", json::object{{"id", b.id.str()},
                                   {"name", b.name},
                                   {"kind", b.kind},
                                   {"owner", str(b.owner)},
                                   {"seats", seats},
                                   {"filled", filled}});
  text += fmt::format("body {}: {} ({} of {})\n", b.id.str(), visible(b.name),
                      visible(b.kind), str(b.owner));
  text += fmt::format("  seats: {} of {} filled (see 'charter board {}')\n",
                      filled, seats, b.id.str());
}

}  // namespace

namespace {

// What whois shows for `text`: every record of that id, whatever its kind;
// else the one organization or person it is an alias, email or handle of.
std::string whois_id(const registry& reg, const std::string& text) {
  if (has_id(reg, text)) return text;
  auto found = resolve_any(reg, text);
  if (found.size() > 1) throw_ambiguous(text, found);
  if (found.size() == 1) {
    note_resolved(text, found.front());
    return found.front().id;
  }
  std::vector<std::string> ids;
  for (auto kind :
       {"person", "organization", "foundation", "project", "body"}) {
    auto more = ids_of_kind(reg, kind);
    ids.insert(ids.end(), more.begin(), more.end());
  }
  for (const auto& o : reg.organizations())
    ids.insert(ids.end(), o.aliases.begin(), o.aliases.end());
  throw usage_error(
      fmt::format("nothing has the id '{}'{}", text, did_you_mean(text, ids)));
}

}  // namespace

int run_whois(session& s, const whois_args& a) {
  const auto& reg = s.open(false).registry();
  date on = at_or_today(a.at);
  const std::string id = whois_id(reg, a.id);
  std::string text;
  json::object out{{"id", id}, {"at", to_string(on)}};
  auto section = [&text] {
    if (!text.empty()) text += "\n";
  };
  if (const auto* p = reg.find(person_id{id}))
    whois_person(reg, *p, on, a.history, text, out);
  if (const auto* o = reg.find(org_id{id}))
    section(), whois_org(reg, *o, on, a.history, text, out);
  if (const auto* f = reg.find(foundation_id{id}))
    section(), whois_foundation(reg, *f, on, text, out);
  if (const auto* p = reg.find(project_id{id}))
    section(), whois_project(reg, *p, on, a.history, text, out);
  if (const auto* b = reg.find(body_id{id}))
    section(), whois_body(reg, *b, on, text, out);
  write_output(a.format == "json" ? json_line(out) : text, "-");
  return exit_ok;
}

// ---- log

namespace {

std::string log_id(const registry& reg, const std::string& text) {
  if (has_id(reg, text)) return text;
  auto found = resolve_any(reg, text);
  if (found.size() != 1) return text;
  note_resolved(text, found.front());
  return found.front().id;
}

}  // namespace

int run_log(session& s, const log_args& a) {
  auto& db = s.open(false);
  log_filter filter;
  if (!a.since.empty())
    filter.since = a.since == "today" ? to_string(today()) : a.since;
  // An id the registry no longer has may still be in the log: only text
  // that names no record but one organization or person is resolved.
  if (!a.id.empty()) filter.id = log_id(db.registry(), a.id);
  filter.limit = a.limit;
  auto entries = db.log(filter);

  if (a.format == "json") {
    json::array out;
    for (const auto& e : entries) {
      json::array ids;
      for (const auto& id : e.ids) ids.emplace_back(id);
      out.emplace_back(
          json::object{{"id", e.id},
                       {"time", to_string(e.time)},
                       {"actor", e.actor},
                       {"summary", e.summary},
                       {"reason", e.reason.empty() ? json::value(nullptr)
                                                   : json::value(e.reason)},
                       {"ids", std::move(ids)}});
    }
    write_output(json_line(out), "-");
    return exit_ok;
  }
  if (entries.empty()) {
    write_output("No log entries.\n", "-");
    return exit_ok;
  }
  table t({"ID", "TIME", "ACTOR", "SUMMARY", "REASON"});
  for (const auto& e : entries)
    t.row({std::to_string(e.id), to_string(e.time), e.actor, e.summary,
           e.reason.empty() ? "-" : e.reason});
  write_output(t.str(), "-");
  return exit_ok;
}

}  // namespace charter::cli
