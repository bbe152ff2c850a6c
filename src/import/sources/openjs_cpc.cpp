// openjs-cpc: the OpenJS Foundation's Cross Project Council as the
// cross-project-council README publishes it. Its project tables (one per
// stage heading) become projects with stages; the lists under "CPC
// Members" ("Joe Sepi ([@joesepi](https://github.com/joesepi), IBM)")
// become the council's seats, offices and roles
// (docs/importers/openjs-cpc.md).

#include "import/sources.hpp"

#include <charter/extra_json.hpp>
#include <charter/find.hpp>
#include <charter/registry.hpp>

#include <fmt/format.h>

#include <map>

namespace charter::import {

namespace {
namespace openjs {

// ---- projects

// "Impact Projects" -> "impact", "Feature-Complete" -> "feature-complete".
std::string stage_of(std::string_view heading) {
  std::string text(trim(heading));
  constexpr std::string_view suffix = " projects";
  if (lower(text).ends_with(suffix)) text.resize(text.size() - suffix.size());
  return slug(text);
}

// The registry's project of that name (the bundled examples hold "nodejs",
// "Node.js"), else a slug of the name.
std::string project_id_for(const builder& b, std::string_view name) {
  const std::string folded = fold(name);
  for (const auto& p : b.existing().projects())
    if (fold(p.name) == folded) return p.id.str();
  const std::string id = slug(name);
  return id.empty() ? hashed_slug("project", name) : id;
}

void take_stage(builder& b, charter::project& p, const std::string& name,
                const foundation_id& owner) {
  const bool stewarded =
      std::any_of(p.stewards.begin(), p.stewards.end(), [&](const steward& s) {
        return s.when.open_ended() && s.who == steward_ref{owner};
      });
  if (!stewarded) {
    steward s{owner, {b.as_of(), std::nullopt}, {}};
    set_extra(s.extra, "undated_start", boost::json::value(true));
    p.stewards.push_back(std::move(s));
  }
  for (const auto& s : p.stages)
    if (s.name == name && s.when.open_ended()) return;  // said already
  // A new stage ends the one the project was in.
  for (auto& s : p.stages)
    if (s.when.open_ended() && s.when.from < b.as_of()) s.when.to = b.as_of();
  std::erase_if(p.stages, [](const stage& s) { return !s.when.ok(); });
  stage made{name, {b.as_of(), std::nullopt}, {}};
  set_extra(made.extra, "undated_start", boost::json::value(true));
  p.stages.push_back(std::move(made));
}

void read_projects(builder& b, const source_file& f,
                   const foundation_id& owner) {
  for (const auto& t : read_tables(f)) {
    const auto name_col = t.column("Project");
    if (!name_col) continue;
    const auto charter_col = t.column("Charter");
    const std::string stage = stage_of(t.heading);
    for (const auto& row : t.rows) {
      const auto& cell = row.cells[*name_col];
      const auto where = f.place(row.line, cell.column);
      const std::string name = plain_text(cell.text);
      if (name.empty()) {
        b.skip(where, std::string(f.line(row.line)), "a row with no project");
        continue;
      }
      auto& p = b.project(project_id_for(b, name), name);
      if (const auto home = link_target(cell.text); !home.empty())
        set_extra(p.extra, "homepage", boost::json::value(std::string(home)));
      if (charter_col)
        if (const auto doc = link_target(row.cells[*charter_col].text);
            !doc.empty())
          set_extra(p.extra, "charter", boost::json::value(std::string(doc)));
      if (stage.empty())
        b.unmapped(where, name, "a project table under no stage heading");
      else
        take_stage(b, p, stage, owner);
      b.took();
    }
  }
}

// ---- members

// What a section of "CPC Members" makes of its people.
enum class makes { office, director, seat, emeritus };
struct section {
  std::string_view heading;  // its start, folded
  makes what;
  std::string_view seat_class;
  std::optional<charter::office> office = std::nullopt;
};
// Longest headings first: "Regular Member emeriti" before "Regular Members".
constexpr section sections[] = {
    {"cpc chair", makes::office, "", charter::office::chair},
    {"cpc vice chair", makes::office, "", charter::office::vice_chair},
    {"cpc directors", makes::director, ""},
    {"impact project representatives", makes::seat, "impact-project"},
    {"at large project representatives", makes::seat, "at-large-project"},
    {"elected by regular members", makes::seat, "regular-member-elected"},
    {"collaboration space representatives", makes::seat, "collaboration-space"},
    {"regular member emeriti", makes::emeritus, ""},
    {"regular members", makes::seat, "regular"},
};

const section* section_of(std::string_view heading) {
  for (const auto& s : sections)
    if (starts_with_folded(heading, s.heading)) return &s;
  return nullptr;
}

// "Joe Sepi ([@joesepi](https://github.com/joesepi), IBM)",
// "Cody Zuschlag([@codyzu](...))", "Nikita Rokotyan [@rokotyan](...)".
struct listed_person {
  std::string name;
  std::string handle;
  std::string org;
};
listed_person read_person(std::string_view text) {
  const auto cut = text.find_first_of("([");
  listed_person out;
  out.name = plain_text(text.substr(0, cut));
  if (cut == std::string_view::npos) return out;
  std::string rest = plain_text(text.substr(cut));
  if (rest.starts_with('(')) rest.erase(0, 1);
  if (rest.ends_with(')')) rest.pop_back();
  auto parts = split(rest, ',');
  if (!parts.empty() && parts.front().starts_with('@')) {
    out.handle = std::string(parts.front());
    parts.erase(parts.begin());
  }
  for (const auto part : parts)
    out.org += fmt::format("{}{}", out.org.empty() ? "" : ", ", part);
  return out;
}

// "At Large Project Representatives (Through Fall 2026)": "Through Fall
// 2026", not a date.
std::string_view parenthesis(std::string_view heading) {
  const auto open = heading.rfind('(');
  if (open == std::string_view::npos || !heading.ends_with(')')) return {};
  return trim(heading.substr(open + 1, heading.size() - open - 2));
}

// Voting classes first: an office goes on the officer's voting seat.
constexpr std::string_view seat_order[] = {"impact-project", "at-large-project",
                                           "regular-member-elected",
                                           "collaboration-space", "regular"};

struct council {
  body_id id;
  foundation_id owner;
  std::vector<charter::seat> seats;
  std::vector<std::pair<person_id, charter::office>> offices;
  std::map<std::string, int> filled;
};

void give_offices(builder& b, council& c) {
  for (const auto& [who, office] : c.offices) {
    charter::seat* best = nullptr;
    std::size_t best_rank = std::size(seat_order);
    for (auto& s : c.seats) {
      if (s.person != who) continue;
      for (std::size_t r = 0; r < std::size(seat_order); ++r)
        if (s.seat_class.str() == seat_order[r] && r < best_rank) {
          best = &s;
          best_rank = r;
        }
    }
    if (!best) {
      // An officer with no seat of the lists: a seat of their own.
      charter::seat s;
      s.body = c.id;
      s.seat_class = seat_class_id{"officer"};
      s.person = who;
      ++c.filled["officer"];
      c.seats.push_back(std::move(s));
      best = &c.seats.back();
    }
    best->office = office;
  }
  auto& body = b.body(c.id.str(), "", "", c.owner);
  for (const auto& [id, n] : c.filled) {
    auto& sc = b.seat_class(body, id);
    sc.count = std::max(sc.count, n);
    if (id == "regular") sc.voting = false;
  }
  for (auto& s : c.seats) {
    s.when = {b.as_of(), std::nullopt};  // the README dates no seat
    b.add(std::move(s), true);
  }
}

void read_member(builder& b, const source_file& f, const list_item& item,
                 const section& sec, const std::string& project, council& c) {
  const auto where = f.place(item.line, item.column);
  const auto listed = read_person(item.text);
  if (listed.name.empty() && listed.handle.empty()) {
    b.skip(where, std::string(item.text), "a list item with no person");
    return;
  }
  const person_id p = listed.handle.empty() ? b.person_named(listed.name, where)
                                            : b.person("github", listed.handle,
                                                       listed.name, where);
  if (!listed.org.empty())
    if (const auto org = b.organization(listed.org, where))
      b.affiliate(p, *org, std::nullopt, where);
  b.took();
  switch (sec.what) {
    case makes::office:
      c.offices.emplace_back(p, *sec.office);
      return;
    case makes::director:
    case makes::emeritus: {
      charter::role r;
      r.person = p;
      if (sec.what == makes::director) {
        r.title = "CPC Director";
        r.scope = c.owner;
      } else {
        r.title = "Regular member emeritus";
        r.scope = c.id;
      }
      r.when = {b.as_of(), std::nullopt};
      b.add(std::move(r), true);
      return;
    }
    case makes::seat: {
      charter::seat s;
      s.body = c.id;
      s.seat_class = seat_class_id{std::string(sec.seat_class)};
      s.person = p;
      if (!project.empty())
        set_extra(s.extra, "project", boost::json::value(project));
      if (const auto term = parenthesis(item.heading); !term.empty())
        set_extra(s.extra, "term", boost::json::value(std::string(term)));
      ++c.filled[s.seat_class.str()];
      c.seats.push_back(std::move(s));
      return;
    }
  }
}

// Terms the headings give in words ("Through Fall 2026"), once each.
void report_terms(builder& b, const source_file& f) {
  for (const auto& h : read_headings(f)) {
    const auto* sec = section_of(h.text);
    const auto term = parenthesis(h.text);
    if (!sec || term.empty()) continue;
    const auto column = f.line(h.line).find(term);
    b.unmapped(
        f.place(h.line, column == std::string_view::npos ? 0 : column + 1),
        std::string(term),
        "a term in words, not a date: kept as the seats' extra 'term', "
        "their start undated");
  }
}

void read_members(builder& b, const source_file& f, council& c) {
  std::string project;  // the project a "- **Appium**" item names
  for (const auto& item : read_list_items(f)) {
    const auto* sec = section_of(item.heading);
    if (!sec) continue;
    const bool project_header = item.indent == 0 &&
                                item.text.starts_with("**") &&
                                item.text.ends_with("**");
    if (sec->seat_class == "impact-project" && project_header) {
      const std::string name = plain_text(item.text);
      project = name.empty() ? "" : project_id_for(b, name);
      if (!project.empty()) b.project(project, name);
      continue;
    }
    if (item.indent == 0) project.clear();
    read_member(b, f, item, *sec, project, c);
  }
  report_terms(b, f);
}

}  // namespace openjs
}  // namespace

void read_openjs_cpc(builder& b, std::span<const source_file> files) {
  using namespace openjs;
  const auto& owner = b.owner_foundation("openjs", "OpenJS Foundation");
  council c;
  c.owner = owner.id;
  c.id = b.body(fmt::format("{}-cpc", owner.id.str()), "Cross Project Council",
                "council", owner.id)
             .id;
  for (const auto& f : files) {
    if (lower(f.file_name()) != "readme.md")
      throw error(fmt::format("{}: openjs-cpc reads the council's README.md",
                              f.name()));
    read_projects(b, f, c.owner);
    read_members(b, f, c);
  }
  give_offices(b, c);
}

}  // namespace charter::import
