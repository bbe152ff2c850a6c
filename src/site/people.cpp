// The pages of organizations and people: memberships, seats, roles,
// affiliations and families, from the registry's queries and histories.
#include <charter/registry.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value_from.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "report/document.hpp"
#include "report/escape.hpp"
#include "site/site.hpp"

namespace charter::website {

namespace json = boost::json;
using detail::doc_section;
using detail::doc_table;
using detail::escape_html;
using detail::html_section;

namespace {

std::string scope_name(const registry& reg, const role_scope& scope) {
  return std::visit([&](const auto& id) { return reg.at(id).name; }, scope);
}

/// A table of seats, linked from `from`; holders named only with people.
doc_table seats_table(context& c, std::string_view from,
                      const std::vector<const seat*>& seats, bool holder) {
  std::vector<std::string> header{"Body", "Class"};
  if (holder) header.push_back("Holder");
  header.insert(header.end(), {"Represents", "Office", "From", "To"});
  doc_table t{std::move(header), {}, {}, "No seats."};
  for (const seat* s : seats) {
    std::vector<std::string> row{c.reg.at(s->body).name, s->seat_class.str()};
    if (holder)
      row.push_back(c.people() ? c.reg.at(s->person).name : "(a person)");
    row.insert(row.end(), {s->represents ? c.reg.at(*s->represents).name : "",
                           office_text(s->office), to_string(s->when.from),
                           until(s->when)});
    t.add(std::move(row), s->when.contains(c.at()) ? "current" : "");
    t.link(0, relative(from, page_of(s->body)));
    std::size_t col = 2;
    if (holder) {
      if (c.people()) t.link(col, relative(from, page_of(s->person)));
      ++col;
    }
    if (s->represents) t.link(col, relative(from, page_of(*s->represents)));
  }
  return t;
}

json::object seat_json(const context& c, const seat& s) {
  json::object o{
      {"body", s.body.str()},
      {"class", s.seat_class.str()},
      {"represents", s.represents ? json::value(s.represents->str()) : nullptr},
      {"office", s.office ? json::value(to_string(*s.office)) : nullptr},
      {"from", to_string(s.when.from)},
      {"to", date_json(s.when.to)}};
  if (c.people()) o["person"] = s.person.str();
  return o;
}

}  // namespace

void write_organization(context& c, const organization& o) {
  const std::string path = page_of(o.id);
  const organization& top = c.reg.family(o.id);
  std::string body = "<article class=\"site-page\">\n<h1>";
  if (auto logo = o.extra.string("logo");
      logo && (logo->starts_with("https://") || logo->starts_with("http://")))
    body += "<img class=\"logo\" src=\"" + escape_html(*logo) + "\" alt=\"" +
            escape_html(o.name + " logo") + "\" width=\"48\" height=\"48\"> ";
  body += escape_html(o.name) + "</h1>\n<p class=\"intro\">" +
          escape_html(fmt::format("{} ", to_string(o.kind))) + "<code>" +
          escape_html(o.id.str()) + "</code>";
  if (o.parent)
    body += ", part of " +
            anchor(path, page_of(*o.parent), c.reg.at(*o.parent).name);
  if (top.id != o.id)
    body += ", in the " + anchor(path, page_of(top.id), top.name) + " family";
  body += ".</p>\n";
  if (!o.aliases.empty())
    body += "<p class=\"intro\">Also known as " +
            escape_html(fmt::format("{}", fmt::join(o.aliases, ", "))) +
            ".</p>\n";
  if (!o.domains.empty())
    body += "<p class=\"intro\">Domains: " +
            escape_html(fmt::format("{}", fmt::join(o.domains, ", "))) +
            ".</p>\n";

  const std::vector<history_entry> history = c.reg.history(o.id);

  doc_section ms;
  ms.id = "memberships";
  ms.heading = "Memberships";
  doc_table mt{{"Foundation", "Tier", "From", "To", "Founding"},
               {},
               {},
               "No memberships."};
  json::array memberships_json;
  for (const auto& e : history) {
    if (e.kind != history_kind::membership) continue;
    const membership& m = *e.membership;
    const foundation& f = c.reg.at(m.foundation);
    const tier* t = f.find_tier(m.tier);
    mt.add({f.name, t ? t->name : m.tier.str(), to_string(m.when.from),
            until(m.when), m.founding ? "yes" : ""},
           m.when.contains(c.at()) ? "current" : "");
    mt.link(0, relative(path, page_of(m.foundation)));
    memberships_json.push_back(json::object{{"foundation", m.foundation.str()},
                                            {"tier", m.tier.str()},
                                            {"from", to_string(m.when.from)},
                                            {"to", date_json(m.when.to)},
                                            {"founding", m.founding}});
  }
  ms.table = std::move(mt);
  body += html_section(ms);

  // Seats on the date held for it or by the people affiliated with it.
  std::vector<const seat*> seats;
  std::set<const seat*> seen;
  for (const auto& e : history)
    if (e.kind == history_kind::seat && e.seat->when.contains(c.at()) &&
        seen.insert(e.seat).second)
      seats.push_back(e.seat);
  const std::vector<const person*> people =
      c.reg.affiliated_people(o.id, c.at());
  for (const person* p : people)
    for (const seat* s : c.reg.seats_of(p->id, c.at()))
      if (seen.insert(s).second) seats.push_back(s);
  std::sort(seats.begin(), seats.end(), [](const seat* x, const seat* y) {
    return std::tie(x->body, x->seat_class, x->person, x->when.from) <
           std::tie(y->body, y->seat_class, y->person, y->when.from);
  });
  doc_section ss;
  ss.id = "seats";
  ss.heading = fmt::format("Seats on {}", to_string(c.at()));
  ss.table = seats_table(c, path, seats, true);
  body += html_section(ss);
  json::array seats_json;
  for (const seat* s : seats) seats_json.push_back(seat_json(c, *s));

  json::array people_json;
  if (c.people()) {
    doc_section ps;
    ps.id = "people";
    ps.heading = fmt::format("People on {}", to_string(c.at()));
    doc_table pt{{"Person", "Title"}, {}, {}, "No one."};
    std::vector<const affiliation*> current;
    for (const person* p : people) {
      c.reg.affiliations(p->id, c.at(), current);
      std::string title;
      for (const affiliation* a : current)
        if (a->org == o.id) title = a->title;
      pt.add({p->name, title});
      pt.link(0, relative(path, page_of(p->id)));
      people_json.push_back(
          json::object{{"person", p->id.str()}, {"title", title}});
    }
    ps.table = std::move(pt);
    body += html_section(ps);
  }

  doc_section fs;
  fs.id = "family";
  fs.heading = "Family";
  doc_table ft{{"Organization", "Id", "Parent"}, {}, {}, "No family."};
  json::array family_json;
  for (const organization* m : c.reg.family_members(o.id)) {
    ft.add({m->name, m->id.str(), m->parent ? m->parent->str() : ""},
           m->id == o.id ? "current" : "");
    ft.link(0, relative(path, page_of(m->id)));
    family_json.emplace_back(m->id.str());
  }
  fs.table = std::move(ft);
  body += html_section(fs) + "</article>\n";

  page pg{path,
          o.name,
          {{"Registry", "index.html"},
           {"Organizations", "organizations.html"},
           {o.name, path}},
          std::move(body),
          json_path(path)};
  c.write(path, render_page(pg, c));
  c.write_json(
      pg.json,
      json::object{
          {"organization", o.id.str()},
          {"name", o.name},
          {"kind", to_string(o.kind)},
          {"parent", o.parent ? json::value(o.parent->str()) : nullptr},
          {"family", top.id.str()},
          {"aliases", json::value_from(o.aliases)},
          {"logo", o.extra.string("logo") ? json::value(*o.extra.string("logo"))
                                          : nullptr},
          {"date", to_string(c.at())},
          {"memberships", std::move(memberships_json)},
          {"seats", std::move(seats_json)},
          {"people", std::move(people_json)},
          {"family_members", std::move(family_json)}});
}

void write_person(context& c, const person& p) {
  const std::string path = page_of(p.id);
  std::string body = "<article class=\"site-page\">\n<h1>" +
                     escape_html(p.name) +
                     "</h1>\n<p class=\"intro\">Person <code>" +
                     escape_html(p.id.str()) + "</code>";
  if (!p.handles.empty()) {
    std::vector<std::string> handles;
    for (const auto& [site, handle] : p.handles)
      handles.push_back(site + ": " + handle);
    body += "; " + escape_html(fmt::format("{}", fmt::join(handles, ", ")));
  }
  body += ".</p>\n";

  std::vector<const seat*> seats = c.reg.seat_history(p.id);
  std::sort(seats.begin(), seats.end(), [](const seat* x, const seat* y) {
    return std::tie(x->when.from, x->body, x->seat_class) <
           std::tie(y->when.from, y->body, y->seat_class);
  });
  doc_section ss;
  ss.id = "seats";
  ss.heading = "Seats";
  ss.table = seats_table(c, path, seats, false);
  body += html_section(ss);
  json::array seats_json;
  for (const seat* s : seats) seats_json.push_back(seat_json(c, *s));

  doc_section rs;
  rs.id = "roles";
  rs.heading = "Roles";
  doc_table rt{{"Title", "In", "From", "To"}, {}, {}, "No roles."};
  json::array roles_json;
  for (const auto& e : c.reg.history(p.id)) {
    if (e.kind != history_kind::role) continue;
    const role& r = *e.role;
    rt.add({r.title, scope_name(c.reg, r.scope), to_string(r.when.from),
            until(r.when)},
           r.when.contains(c.at()) ? "current" : "");
    rt.link(1, relative(path, page_of(r.scope)));
    roles_json.push_back(json::object{{"title", r.title},
                                      {"scope", str(r.scope)},
                                      {"from", to_string(r.when.from)},
                                      {"to", date_json(r.when.to)}});
  }
  rs.table = std::move(rt);
  body += html_section(rs);

  doc_section as;
  as.id = "affiliations";
  as.heading = "Affiliations";
  doc_table at{
      {"Organization", "Title", "From", "To"}, {}, {}, "No affiliations."};
  json::array affiliations_json;
  std::vector<const affiliation*> affiliations;
  for (const auto& a : p.affiliations) affiliations.push_back(&a);
  std::sort(affiliations.begin(), affiliations.end(),
            [](auto* x, auto* y) { return x->when.from < y->when.from; });
  for (const affiliation* a : affiliations) {
    at.add({c.reg.at(a->org).name, a->title, to_string(a->when.from),
            until(a->when)},
           a->when.contains(c.at()) ? "current" : "");
    at.link(0, relative(path, page_of(a->org)));
    affiliations_json.push_back(json::object{{"org", a->org.str()},
                                             {"title", a->title},
                                             {"from", to_string(a->when.from)},
                                             {"to", date_json(a->when.to)}});
  }
  as.table = std::move(at);
  body += html_section(as) + "</article>\n";

  page pg{
      path,
      p.name,
      {{"Registry", "index.html"}, {"People", "people.html"}, {p.name, path}},
      std::move(body),
      json_path(path)};
  c.write(path, render_page(pg, c));
  c.write_json(pg.json,
               json::object{{"person", p.id.str()},
                            {"name", p.name},
                            {"date", to_string(c.at())},
                            {"seats", std::move(seats_json)},
                            {"roles", std::move(roles_json)},
                            {"affiliations", std::move(affiliations_json)}});
}

}  // namespace charter::website
