// The pages of foundations (and their history), bodies and projects: the
// reports' models (roster, board, changes, compliance, timeline) laid out
// with links, their charts as they are, and their JSON beside each page.
#include <charter/checks.hpp>
#include <charter/report.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "report/document.hpp"
#include "report/escape.hpp"
#include "report/json.hpp"
#include "report/svg.hpp"
#include "site/site.hpp"

namespace charter::website {

namespace json = boost::json;
using detail::doc_section;
using detail::doc_table;
using detail::escape_html;
using detail::html_section;

// ---- what the pages share (declared in site/site.hpp through pages)

/// The people of a finding's message and subjects taken out (--no-people).
void scrub(context& c, std::vector<finding>& findings) {
  if (c.people()) return;
  for (auto& f : findings) {
    std::vector<std::string> kept;
    for (auto& s : f.subjects) {
      if (const person* p = c.reg.find(person_id{s})) {
        for (const std::string* word : {&p->name, &p->id.str()}) {
          if (word->empty()) continue;
          for (std::size_t at = f.message.find(*word); at != std::string::npos;
               at = f.message.find(*word, at))
            f.message.replace(at, word->size(), "a person");
        }
        continue;
      }
      kept.push_back(std::move(s));
    }
    f.subjects = std::move(kept);
  }
}

std::string findings_section(context& c, std::string_view from,
                             const std::vector<finding>& findings) {
  doc_section s;
  s.id = "compliance";
  s.heading = fmt::format(
      "Compliance on {}: {}", to_string(c.at()),
      detail::report_plural(findings.size(), "finding", "findings"));
  doc_table t{{"Severity", "Code", "Subjects", "Message"}, {}, {}, "None."};
  for (const auto& f : findings) {
    t.add({std::string{to_string(f.severity)}, f.code,
           fmt::format("{}", fmt::join(f.subjects, ", ")), f.message},
          std::string{to_string(f.severity)});
    if (!f.subjects.empty()) {
      const std::string& first = f.subjects.front();
      if (c.reg.find(body_id{first}))
        t.link(2, relative(from, page_of(body_id{first})));
      else if (c.reg.find(foundation_id{first}))
        t.link(2, relative(from, page_of(foundation_id{first})));
    }
  }
  s.table = std::move(t);
  return html_section(s);
}

json::value findings_json(const std::vector<finding>& findings) {
  compliance_report r;
  r.findings = findings;
  return detail::to_json_value(r).as_object().at("findings");
}

namespace {

// ---- foundation

std::string member_cards(context& c, std::string_view from,
                         const roster_tier& t) {
  if (t.members.empty()) return "<p class=\"empty\">No members.</p>\n";
  std::string out = "<ul class=\"cards\">\n";
  for (const auto& m : t.members) {
    out += "<li>";
    const organization& o = c.reg.at(m.org);
    // The logo is shown from where the registry says it is; nothing is
    // fetched while the site is made.
    if (auto logo = o.extra.string("logo");
        logo && (logo->starts_with("https://") || logo->starts_with("http://")))
      out += "<img src=\"" + escape_html(*logo) + "\" alt=\"" +
             escape_html(m.name + " logo") +
             "\" width=\"48\" height=\"48\" loading=\"lazy\">";
    out += anchor(from, page_of(m.org), m.name) + "<span class=\"meta\">" +
           escape_html(m.org.str());
    if (m.family != m.org)
      out += " · " + anchor(from, page_of(m.family), m.family_name);
    out += " · since " + to_string(m.since);
    if (m.founding) out += " · founding";
    out += "</span></li>\n";
  }
  return out + "</ul>\n";
}

}  // namespace

void write_foundation(context& c, const foundation& f) {
  const std::string path = page_of(f.id);
  const roster_report roster = make_roster(c.reg, f.id, c.at());

  std::string body = "<article class=\"site-page\">\n<h1>" +
                     escape_html(f.name) + "</h1>\n<p class=\"intro\">" +
                     "Foundation <code>" + escape_html(f.id.str()) + "</code>";
  if (f.parent)
    body += ", part of " +
            anchor(path, page_of(*f.parent), c.reg.at(*f.parent).name);
  if (f.founded) body += ", founded " + to_string(*f.founded);
  body +=
      fmt::format(". On {}: {} in {}.</p>\n", to_string(c.at()),
                  detail::report_plural(roster.total(), "member", "members"),
                  detail::report_plural(roster.tiers.size(), "tier", "tiers"));
  std::vector<const foundation*> children;
  for (const auto& other : c.reg.foundations())
    if (other.parent == f.id) children.push_back(&other);
  std::sort(children.begin(), children.end(),
            [](auto* a, auto* b) { return a->id < b->id; });
  if (!children.empty()) {
    body += "<p class=\"intro\">Foundations under it: ";
    for (std::size_t i = 0; i < children.size(); ++i)
      body += (i ? ", " : "") +
              anchor(path, page_of(children[i]->id), children[i]->name);
    body += ".</p>\n";
  }
  body += "<nav class=\"toc\" aria-label=\"On this page\">" +
          anchor(path, path + "#members", "Members") + " · " +
          anchor(path, path + "#bodies", "Bodies") + " · " +
          anchor(path, path + "#projects", "Projects") + " · " +
          anchor(path, path + "#roles", "Roles") + " · " +
          anchor(path, path + "#compliance", "Compliance") + " · " +
          anchor(path, history_of(f.id), "Member history") + "</nav>\n";

  // Members by tier.
  body += "<section id=\"members\">\n<h2>Members on " + to_string(c.at()) +
          "</h2>\n";
  for (const auto& t : roster.tiers) {
    body += "<section id=\"tier-" + escape_html(t.id.str()) + "\">\n<h3>" +
            escape_html(fmt::format(
                "{} (rank {}): {}", t.name, t.rank,
                detail::report_plural(t.members.size(), "member", "members"))) +
            "</h3>\n";
    if (t.annual_fee)
      body +=
          "<p>Annual fee: " + escape_html(to_string(*t.annual_fee)) + ".</p>\n";
    body += member_cards(c, path, t) + "</section>\n";
  }
  body += "</section>\n";

  // Bodies: its own, then those of the projects it stewards on the date.
  std::vector<const project*> projects;
  for (const auto& p : c.reg.projects()) {
    const steward* s = c.reg.steward_of(p.id, c.at());
    if (s && s->who == steward_ref{f.id}) projects.push_back(&p);
  }
  std::sort(projects.begin(), projects.end(),
            [](auto* a, auto* b) { return a->id < b->id; });
  std::vector<const charter::body*> bodies;
  for (const auto& b : c.reg.bodies()) {
    bool ours = b.owner == body_owner{f.id};
    for (const project* p : projects)
      ours = ours || b.owner == body_owner{p->id};
    if (ours) bodies.push_back(&b);
  }
  std::sort(bodies.begin(), bodies.end(),
            [](auto* a, auto* b) { return a->id < b->id; });
  json::array bodies_json;
  doc_section bs;
  bs.id = "bodies";
  bs.heading = fmt::format("Bodies on {}", to_string(c.at()));
  doc_table bt{{"Body", "Of", "Kind", "Seats", "Filled", "Vacant", "Offices"},
               {},
               {false, false, false, true, true, true, false},
               "No bodies."};
  for (const charter::body* b : bodies) {
    board_report board = make_board(c.reg, b->id, c.at());
    std::vector<std::string> offices;
    for (const auto& cls : board.classes)
      for (const auto& s : cls.seats)
        if (s.office)
          offices.push_back(
              c.people() ? fmt::format("{}: {}", to_string(*s.office), s.name)
                         : std::string{to_string(*s.office)});
    bt.add({b->name,
            std::visit([&](const auto& id) { return c.reg.at(id).name; },
                       b->owner),
            b->kind, std::to_string(board.entitled()),
            std::to_string(board.filled()), std::to_string(board.vacant()),
            fmt::format("{}", fmt::join(offices, "; "))},
           board.vacant() ? "vacant" : "");
    bt.link(0, relative(path, page_of(b->id)));
    bt.link(1, relative(path, page_of(b->owner)));
    json::value bj = detail::to_json_value(board);
    if (!c.people())
      for (auto& cls : bj.as_object()["classes"].as_array())
        for (auto& s : cls.as_object()["seats"].as_array()) {
          s.as_object().erase("person");
          s.as_object().erase("name");
        }
    bodies_json.push_back(std::move(bj));
  }
  bs.table = std::move(bt);
  body += html_section(bs);

  // Projects it stewards.
  json::array projects_json;
  doc_section ps;
  ps.id = "projects";
  ps.heading = fmt::format("Projects on {}", to_string(c.at()));
  doc_table pt{{"Project", "Id", "Stage", "Steward since", "Stages"},
               {},
               {},
               "No projects."};
  for (const project* p : projects) {
    const stage* now = c.reg.stage_of(p->id, c.at());
    const steward* s = c.reg.steward_of(p->id, c.at());
    std::vector<std::string> stages;
    for (const auto& st : p->stages)
      stages.push_back(fmt::format("{} {}", st.name, to_string(st.when)));
    pt.add({p->name, p->id.str(), now ? now->name : "",
            s ? to_string(s->when.from) : "",
            fmt::format("{}", fmt::join(stages, "; "))});
    pt.link(0, relative(path, page_of(p->id)));
    projects_json.push_back(json::object{
        {"id", p->id.str()},
        {"name", p->name},
        {"stage", now ? json::value(now->name) : nullptr},
        {"steward_since", s ? json::value(to_string(s->when.from)) : nullptr}});
  }
  ps.table = std::move(pt);
  body += html_section(ps);

  // Roles in the foundation.
  json::array roles_json;
  doc_section rs;
  rs.id = "roles";
  rs.heading = fmt::format("Roles on {}", to_string(c.at()));
  if (c.people()) {
    doc_table rt{{"Title", "Person", "Since"}, {}, {}, "No roles."};
    for (const role* r : c.reg.roles(role_scope{f.id}, c.at())) {
      rt.add({r->title, c.reg.at(r->person).name, to_string(r->when.from)});
      rt.link(1, relative(path, page_of(r->person)));
      roles_json.push_back(json::object{{"title", r->title},
                                        {"person", r->person.str()},
                                        {"from", to_string(r->when.from)}});
    }
    rs.table = std::move(rt);
  } else {
    rs.lines.push_back("People are left out of this site.");
  }
  body += html_section(rs);

  std::vector<finding> findings =
      check(c.reg, c.at(), check_scope{.foundation = f.id});
  scrub(c, findings);
  body += findings_section(c, path, findings) + "</article>\n";

  page pg{path,
          f.name,
          {{"Registry", "index.html"}, {f.name, path}},
          std::move(body),
          json_path(path)};
  c.write(path, render_page(pg, c));
  c.write_json(pg.json,
               json::object{{"foundation", f.id.str()},
                            {"name", f.name},
                            {"parent",
                             f.parent ? json::value(f.parent->str()) : nullptr},
                            {"founded", date_json(f.founded)},
                            {"date", to_string(c.at())},
                            {"roster", detail::to_json_value(roster)},
                            {"bodies", std::move(bodies_json)},
                            {"projects", std::move(projects_json)},
                            {"roles", std::move(roles_json)},
                            {"compliance", findings_json(findings)}});
}

// ---- a foundation's history

void write_history(context& c, const foundation& f) {
  const std::string path = history_of(f.id);
  const date end = add_days(c.at());
  date start = f.founded.value_or(c.at());
  for (const auto& m : c.reg.memberships())
    if (m.foundation == f.id && m.when.from < start) start = m.when.from;

  std::string body = "<article class=\"site-page\">\n<h1>" +
                     escape_html(f.name) + ": member history</h1>\n" +
                     "<p class=\"intro\">Every join, departure and tier change "
                     "up to " +
                     to_string(c.at()) + ". " +
                     anchor(path, page_of(f.id), "The foundation on that day") +
                     ".</p>\n";
  json::object out{{"foundation", f.id.str()},
                   {"name", f.name},
                   {"date", to_string(c.at())}};
  if (start < end) {
    changes_report changes = make_changes(c.reg, f.id, start, end);
    std::map<int, year_count> years;
    for (int y = static_cast<int>(start.year());
         y <= static_cast<int>(c.at().year()); ++y)
      years[y].year = y;
    for (const auto& j : changes.joined)
      ++years[static_cast<int>(j.on.year())].joined;
    for (const auto& l : changes.left)
      ++years[static_cast<int>(l.on.year())].left;
    std::vector<year_count> per_year;
    json::array years_json;
    for (const auto& [y, n] : years) {
      per_year.push_back(n);
      years_json.push_back(
          json::object{{"year", y}, {"joined", n.joined}, {"left", n.left}});
    }
    body +=
        "<section id=\"per-year\">\n<h2>Joins and departures per "
        "year</h2>\n<figure class=\"chart\">\n" +
        joins_chart(f.name + ": joins and departures per year", per_year) +
        "</figure>\n</section>\n";

    const timeline_report timeline =
        make_timeline(c.reg, std::nullopt, f.id, start, end);
    if (!timeline.points.empty())
      body +=
          "<section id=\"per-tier\">\n<h2>Members per tier</h2>\n"
          "<figure class=\"chart\">\n" +
          detail::to_svg(timeline) + "</figure>\n</section>\n";

    if (!c.people()) {
      changes.seats_taken.clear();
      changes.seats_vacated.clear();
      changes.roles_started.clear();
      changes.roles_ended.clear();
    }
    detail::document d = detail::to_document(changes);
    // The membership lists (the first four sections) link their
    // organizations; the seat lists their bodies and people.
    for (std::size_t i = 0; i < d.sections.size(); ++i) {
      auto& t = *d.sections[i].table;
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        t.links.resize(t.rows.size());
        t.links[r].resize(t.header.size());
        if (i < 4)
          t.links[r][1] = relative(path, page_of(org_id{t.rows[r][2]}));
        if (i == 4 || i == 5) {
          t.links[r][1] = relative(path, page_of(body_id{t.rows[r][1]}));
          t.links[r][3] = relative(path, page_of(person_id{t.rows[r][4]}));
        }
        if (i >= 6)
          t.links[r][1] = relative(path, page_of(person_id{t.rows[r][2]}));
      }
    }
    if (!c.people()) {
      d.sections.resize(4);
      d.sections.push_back(
          {"Seats and roles", {"People are left out of this site."}, {}, {}});
    }
    d.kind = "history";
    body += detail::html_article(d);
    json::value cj = detail::to_json_value(changes);
    if (!c.people())
      for (const char* k :
           {"seats_taken", "seats_vacated", "roles_started", "roles_ended"})
        cj.as_object().erase(k);
    out["years"] = std::move(years_json);
    out["changes"] = std::move(cj);
    out["timeline"] = detail::to_json_value(timeline);
  }
  body += "</article>\n";
  page pg{
      path,
      f.name + ": member history",
      {{"Registry", "index.html"}, {f.name, page_of(f.id)}, {"History", path}},
      std::move(body),
      json_path(path)};
  c.write(path, render_page(pg, c));
  c.write_json(pg.json, out);
}

// ---- body

void write_body(context& c, const body& b) {
  const std::string path = page_of(b.id);
  board_report board = make_board(c.reg, b.id, c.at());
  std::string body =
      "<article class=\"site-page\">\n<h1>" + escape_html(b.name) +
      "</h1>\n<p class=\"intro\">" + escape_html(b.kind) + " <code>" +
      escape_html(b.id.str()) + "</code> of " +
      anchor(path, page_of(b.owner),
             std::holds_alternative<foundation_id>(b.owner)
                 ? c.reg.at(std::get<foundation_id>(b.owner)).name
                 : c.reg.at(std::get<project_id>(b.owner)).name) +
      escape_html(fmt::format(". On {}: {} entitled, {} filled, {} vacant.",
                              to_string(c.at()), board.entitled(),
                              board.filled(), board.vacant())) +
      "</p>\n";
  if (auto cap = board.family_cap())
    body += "<p class=\"intro\">" +
            escape_html(fmt::format("At most {} seats per family.", *cap)) +
            "</p>\n";

  doc_section cs;
  cs.id = "seats";
  cs.heading = fmt::format("Seats on {}", to_string(c.at()));
  doc_table ct{
      {"Class", "Mode", "Holder", "Represents", "Office", "Voting", "Since"},
      {},
      {},
      "No seat classes."};
  for (auto& cls : board.classes) {
    for (auto& s : cls.seats) {
      ct.add({cls.id.str(), std::string{to_string(cls.mode)},
              c.people() ? s.name : "(a person)", s.represents_name,
              office_text(s.office), s.voting ? "yes" : "no",
              to_string(s.since)});
      if (c.people()) ct.link(2, relative(path, page_of(s.person)));
      if (s.represents) ct.link(3, relative(path, page_of(*s.represents)));
      if (!c.people()) {
        s.person = person_id{};
        s.name.clear();
      }
    }
    for (int v = 0; v < cls.vacant(); ++v)
      ct.add({cls.id.str(), std::string{to_string(cls.mode)}, "vacant", "", "",
              "", ""},
             "vacant");
  }
  cs.table = std::move(ct);
  cs.notes.push_back(
      fmt::format("{} of {} seats filled.", board.filled(), board.entitled()));
  body += html_section(cs);
  body += "<figure class=\"chart\">\n" + detail::to_svg(board) + "</figure>\n";

  // Every seat, whenever held: a table and a timeline.
  std::vector<const seat*> history = c.reg.seat_history(b.id);
  std::sort(history.begin(), history.end(), [](const seat* x, const seat* y) {
    return std::tie(x->when.from, x->seat_class, x->person) <
           std::tie(y->when.from, y->seat_class, y->person);
  });
  doc_section hs;
  hs.id = "history";
  hs.heading = "Seats over time";
  doc_table ht{{"Class", "Holder", "Represents", "Office", "From", "To"},
               {},
               {},
               "No seats held yet."};
  std::vector<seat_bar> bars;
  json::array seats_json;
  for (const seat* s : history) {
    const std::string holder =
        c.people() ? c.reg.at(s->person).name : "(a person)";
    const std::string represents =
        s->represents ? c.reg.at(*s->represents).name : "";
    ht.add({s->seat_class.str(), holder, represents, office_text(s->office),
            to_string(s->when.from), until(s->when)},
           s->when.contains(c.at()) ? "current" : "");
    if (c.people()) ht.link(1, relative(path, page_of(s->person)));
    if (s->represents) ht.link(2, relative(path, page_of(*s->represents)));
    bars.push_back(
        {c.people() ? holder
                    : (represents.empty() ? s->seat_class.str() : represents),
         s->seat_class.str(), s->when});
    json::object o{
        {"class", s->seat_class.str()},
        {"represents",
         s->represents ? json::value(s->represents->str()) : nullptr},
        {"office", s->office ? json::value(to_string(*s->office)) : nullptr},
        {"from", to_string(s->when.from)},
        {"to", date_json(s->when.to)}};
    if (c.people()) o["person"] = s->person.str();
    seats_json.push_back(std::move(o));
  }
  hs.table = std::move(ht);
  body += html_section(hs);
  if (!bars.empty())
    body += "<figure class=\"chart\">\n" +
            seats_chart(b.name + ": seats over time", bars, c.at()) +
            "</figure>\n";

  std::vector<finding> findings =
      check(c.reg, c.at(), check_scope{.body = b.id});
  scrub(c, findings);
  body += findings_section(c, path, findings) + "</article>\n";

  std::vector<std::pair<std::string, std::string>> crumbs{
      {"Registry", "index.html"}};
  if (auto home = c.reg.home_of(b, c.at()))
    crumbs.emplace_back(c.reg.at(*home).name, page_of(*home));
  if (auto* p = std::get_if<project_id>(&b.owner))
    crumbs.emplace_back(c.reg.at(*p).name, page_of(*p));
  crumbs.emplace_back(b.name, path);
  page pg{path, b.name, std::move(crumbs), std::move(body), json_path(path)};
  c.write(path, render_page(pg, c));
  json::value bj = detail::to_json_value(board);
  if (!c.people())
    for (auto& cls : bj.as_object()["classes"].as_array())
      for (auto& s : cls.as_object()["seats"].as_array()) {
        s.as_object().erase("person");
        s.as_object().erase("name");
      }
  c.write_json(pg.json, json::object{{"board", std::move(bj)},
                                     {"seats", std::move(seats_json)},
                                     {"compliance", findings_json(findings)}});
}

// ---- project

void write_project(context& c, const project& p) {
  const std::string path = page_of(p.id);
  const timeline_report timeline = make_timeline(c.reg, p.id, std::nullopt);
  std::string body = "<article class=\"site-page\">\n<h1>" +
                     escape_html(p.name) +
                     "</h1>\n<p class=\"intro\">Project <code>" +
                     escape_html(p.id.str()) + "</code>";
  if (p.founded) body += ", founded " + to_string(*p.founded);
  const steward* now = c.reg.steward_of(p.id, c.at());
  if (now)
    body += ", stewarded on " + to_string(c.at()) + " by " +
            anchor(path, page_of(now->who),
                   std::holds_alternative<org_id>(now->who)
                       ? c.reg.at(std::get<org_id>(now->who)).name
                       : c.reg.at(std::get<foundation_id>(now->who)).name);
  if (const stage* st = c.reg.stage_of(p.id, c.at()))
    body += " (" + escape_html(st->name) + ")";
  body += ".</p>\n";

  doc_section ss;
  ss.id = "stewards";
  ss.heading = "Stewards";
  doc_table st{{"Steward", "Kind", "From", "To"}, {}, {}, "No stewards."};
  for (const auto& s : timeline.stewards) {
    st.add(
        {s.name,
         std::holds_alternative<org_id>(s.who) ? "organization" : "foundation",
         to_string(s.when.from), until(s.when)},
        s.when.contains(c.at()) ? "current" : "");
    st.link(0, relative(path, page_of(s.who)));
  }
  ss.table = std::move(st);
  body += html_section(ss);
  doc_section gs;
  gs.id = "stages";
  gs.heading = "Stages";
  doc_table gt{{"Stage", "From", "To"}, {}, {}, "No stages."};
  for (const auto& s : timeline.stages)
    gt.add({s.name, to_string(s.when.from), until(s.when)},
           s.when.contains(c.at()) ? "current" : "");
  gs.table = std::move(gt);
  body += html_section(gs);
  if (timeline.span)
    body +=
        "<figure class=\"chart\">\n" + detail::to_svg(timeline) + "</figure>\n";

  doc_section bs;
  bs.id = "bodies";
  bs.heading = "Bodies";
  doc_table bt{{"Body", "Kind"}, {}, {}, "No bodies."};
  json::array bodies_json;
  std::vector<const charter::body*> bodies;
  for (const auto& b : c.reg.bodies())
    if (b.owner == body_owner{p.id}) bodies.push_back(&b);
  std::sort(bodies.begin(), bodies.end(),
            [](auto* a, auto* b) { return a->id < b->id; });
  for (const charter::body* b : bodies) {
    bt.add({b->name, b->kind});
    bt.link(0, relative(path, page_of(b->id)));
    bodies_json.emplace_back(b->id.str());
  }
  bs.table = std::move(bt);
  body += html_section(bs);

  json::array roles_json;
  if (c.people()) {
    doc_section rs;
    rs.id = "roles";
    rs.heading = fmt::format("Roles on {}", to_string(c.at()));
    doc_table rt{{"Title", "Person", "Since"}, {}, {}, "No roles."};
    for (const role* r : c.reg.roles(role_scope{p.id}, c.at())) {
      rt.add({r->title, c.reg.at(r->person).name, to_string(r->when.from)});
      rt.link(1, relative(path, page_of(r->person)));
      roles_json.push_back(json::object{{"title", r->title},
                                        {"person", r->person.str()},
                                        {"from", to_string(r->when.from)}});
    }
    rs.table = std::move(rt);
    body += html_section(rs);
  }
  body += "</article>\n";

  std::vector<std::pair<std::string, std::string>> crumbs{
      {"Registry", "index.html"}};
  if (now)
    crumbs.emplace_back(std::holds_alternative<org_id>(now->who)
                            ? c.reg.at(std::get<org_id>(now->who)).name
                            : c.reg.at(std::get<foundation_id>(now->who)).name,
                        page_of(now->who));
  crumbs.emplace_back(p.name, path);
  page pg{path, p.name, std::move(crumbs), std::move(body), json_path(path)};
  c.write(path, render_page(pg, c));
  c.write_json(pg.json,
               json::object{{"timeline", detail::to_json_value(timeline)},
                            {"bodies", std::move(bodies_json)},
                            {"roles", std::move(roles_json)},
                            {"date", to_string(c.at())}});
}

}  // namespace charter::website
