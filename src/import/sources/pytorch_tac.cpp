// pytorch-tac: the PyTorch Foundation's Technical Advisory Council as
// pytorch-fdn/tac publishes it. The minutes of a meeting list the voting
// representatives ("Thomas Viehmann \- TAC Chair (Lightning AI)"), the
// alternates, the working-group leads and the Linux Foundation's staff;
// working-groups/README.md lists the working groups, and each group's
// README its members ("Rudy Giger, Linux Foundation (Lead)")
// (docs/importers/pytorch-tac.md).

#include "import/sources.hpp"

#include <charter/extra_json.hpp>
#include <charter/find.hpp>
#include <charter/registry.hpp>

#include <fmt/format.h>

#include <map>
#include <set>

namespace charter::import {

namespace {
namespace pytorch {

constexpr std::string_view default_foundation = "pytorch-foundation";

// The last two parts of a path: {"ci-wg", "README.md"}.
std::pair<std::string_view, std::string_view> folder_and_name(
    std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  if (slash == std::string_view::npos) return {{}, path};
  const std::string_view folder = path.substr(0, slash);
  const auto before = folder.find_last_of("/\\");
  return {before == std::string_view::npos ? folder : folder.substr(before + 1),
          path.substr(slash + 1)};
}

bool ends_with_folded(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         lower(s.substr(s.size() - suffix.size())) == lower(suffix);
}

std::string_view strip_prefix(std::string_view s, std::string_view prefix) {
  return starts_with_folded(s, prefix) ? trim(s.substr(prefix.size())) : s;
}

// Where the import puts what it makes.
struct council {
  foundation_id owner;
  std::string prefix;  // of the bodies' ids: "pytorch"
  body_id tac;
  // The people seated, by body and class (one seat each, however many
  // files name it).
  std::map<std::string, std::map<std::string, std::set<std::string>>> seated;
  std::string minutes_date;
};

// "Multi-Cloud Working Group", "PyTorch CI Working Group", "Multi Cloud":
// the group's body, `pytorch-multi-cloud-wg`.
charter::body& working_group(builder& b, council& c, std::string_view name) {
  std::string_view core = strip_prefix(trim(name), "PyTorch ");
  if (ends_with_folded(core, " Working Group"))
    core = trim(core.substr(0, core.size() - 14));
  auto& wg = b.body(
      fmt::format("{}-{}-wg", c.prefix,
                  slug(core).empty() ? hashed_slug("wg", name) : slug(core)),
      fmt::format("{} Working Group", core), "working-group", c.owner);
  if (!wg.extra.contains("parent_body"))
    set_extra(wg.extra, "parent_body", boost::json::value(c.tac.str()));
  return wg;
}

// The registry's project of that name ("PyTorch" is `pytorch` in the
// bundled example), else one named so.
project_id project_named(builder& b, std::string_view name) {
  const std::string folded = fold(name);
  for (const auto& p : b.existing().projects())
    if (fold(p.name) == folded) return b.project(p.id.str(), p.name).id;
  const std::string id = slug(name);
  return b.project(id.empty() ? hashed_slug("project", name) : id, name).id;
}

void seat_on(builder& b, council& c, charter::seat s) {
  s.when = {b.as_of(), std::nullopt};  // the files date no seat
  if (!c.minutes_date.empty() && s.body == c.tac)
    set_extra(s.extra, "minutes", boost::json::value(c.minutes_date));
  c.seated[s.body.str()][s.seat_class.str()].insert(s.person.str());
  b.add(std::move(s), true);
}

// ---- the minutes

enum class part { none, voting, alternates, leads, staff, guests };

part part_named(std::string_view label) {
  const std::string l = lower(label);
  if (!l.starts_with("the following")) return part::none;
  if (l.find("alternate") != std::string::npos) return part::alternates;
  if (l.find("voting representatives") != std::string::npos)
    return part::voting;
  if (l.find("working group leads") != std::string::npos) return part::leads;
  if (l.find("linux foundation") != std::string::npos) return part::staff;
  return part::guests;
}

// The part of the minutes each line is in: a "The following ..." line
// opens one; any other line of prose ("**Call to Order**") closes it,
// but a parenthesis ("**(12 are needed for quorum)**") does not.
std::vector<part> parts_by_line(const source_file& f) {
  std::vector<part> parts(f.line_count() + 1, part::none);
  part now = part::none;
  for (std::size_t n = 1; n <= f.line_count(); ++n) {
    const auto line = trim(f.line(n));
    const std::string text = plain_text(line);
    const bool item = line.starts_with("- ") || line.starts_with("* ");
    if (!item && !text.empty()) {
      if (const auto p = part_named(text); p != part::none)
        now = p;
      else if (!text.starts_with('('))
        now = part::none;
    }
    parts[n] = now;
  }
  return parts;
}

// "Name - Title (Organization)", "Name (Organization)".
struct listed {
  std::string name;
  std::string title;
  std::string org;
};
listed read_listed(std::string_view item) {
  std::string text = plain_text(item);
  listed out;
  if (text.ends_with(')')) {
    const auto open = text.rfind('(');
    if (open != std::string::npos) {
      out.org = std::string(trim(
          std::string_view(text).substr(open + 1, text.size() - open - 2)));
      text.resize(open);
    }
  }
  const auto dash = text.find(" - ");
  out.name = std::string(trim(std::string_view(text).substr(0, dash)));
  if (dash != std::string::npos)
    out.title = std::string(trim(std::string_view(text).substr(dash + 3)));
  return out;
}

void lead_seat(builder& b, council& c, const person_id& p,
               std::string_view title, const source_place& where) {
  // "Ecosystem Working Group Co-Chair": the group, then the title.
  const auto at = lower(title).find("working group");
  if (at == std::string::npos) {
    b.unmapped(where, std::string(title),
               "a lead's title that names no working group: no lead's seat");
    return;
  }
  const std::string_view group = title.substr(0, at + 13);
  const std::string_view what = trim(title.substr(at + 13));
  auto& wg = working_group(b, c, group);
  charter::seat s;
  s.body = wg.id;
  s.seat_class = seat_class_id{"lead"};
  s.person = p;
  if (lower(what) == "co-chair" || lower(what) == "chair")
    s.office = charter::office::chair;
  else if (lower(what) != "lead")
    b.unmapped(where, std::string(what),
               "a working-group title other than lead or chair: kept as the "
               "seat's extra 'title'");
  set_extra(s.extra, "title", boost::json::value(std::string(what)));
  seat_on(b, c, std::move(s));
}

// The projects a representative stands for: "PyTorch Project
// Representative" (a voting seat), "vLLM Project" (an alternate).
std::optional<project_id> project_of(builder& b, std::string_view title) {
  std::string_view t = title;
  if (ends_with_folded(t, " Representative"))
    t = trim(t.substr(0, t.size() - 15));
  if (!ends_with_folded(t, " Project")) return std::nullopt;
  return project_named(b, trim(t.substr(0, t.size() - 8)));
}

void representative(builder& b, council& c, part in, const person_id& p,
                    const std::optional<org_id>& org, const listed& who,
                    const source_place& where) {
  charter::seat s;
  s.body = c.tac;
  s.person = p;
  s.seat_class = seat_class_id{
      in == part::alternates ? "alternate" : "member-representative"};
  s.represents = org;
  const std::string title = lower(who.title);
  if (title.empty()) {
    // A member company's representative: the class above.
  } else if (title == "tac chair") {
    s.office = charter::office::chair;
  } else if (title == "tac vice chair") {
    s.office = charter::office::vice_chair;
  } else if (title == "gold member representative") {
    s.seat_class = seat_class_id{"gold-member-representative"};
  } else if (const auto project = project_of(b, who.title)) {
    if (in == part::voting)
      s.seat_class = seat_class_id{"project-representative"};
    s.represents.reset();  // the project's seat, not the company's
    set_extra(s.extra, "project", boost::json::value(project->str()));
  } else if (title.find("working group") != std::string::npos) {
    lead_seat(b, c, p, who.title, where);  // and a member's seat
  } else {
    b.unmapped(where, who.title,
               "a title that is no office or class of the TAC: kept as the "
               "seat's extra 'title'");
    set_extra(s.extra, "title", boost::json::value(who.title));
  }
  seat_on(b, c, std::move(s));
}

void staff(builder& b, council& c, const person_id& p,
           std::string_view who_name, std::string_view title,
           const source_place& where) {
  if (const auto lf =
          b.organization("The Linux Foundation", where, org_kind::foundation))
    b.affiliate(p, *lf, std::nullopt, where);
  if (title.empty()) {
    b.unmapped(where, std::string(who_name),
               "a staff member with no title: no role");
    return;
  }
  charter::role r;
  r.person = p;
  r.title = std::string(strip_prefix(title, "PyTorch "));
  r.scope = c.owner;
  r.when = {b.as_of(), std::nullopt};
  b.add(std::move(r), true);
}

void read_minutes(builder& b, const source_file& f, council& c) {
  const auto parts = parts_by_line(f);
  for (const auto& item : read_list_items(f)) {
    const part in = parts[item.line];
    if (in == part::none || in == part::guests || item.indent > 0) continue;
    const auto where = f.place(item.line, item.column);
    listed who;
    if (in == part::staff) {
      // "Mark Collier, PyTorch Executive Director".
      const std::string text = plain_text(item.text);
      const auto parts_of = split(text, ',');
      who.name = std::string(parts_of.front());
      for (std::size_t i = 1; i < parts_of.size(); ++i)
        who.title += fmt::format("{}{}", i > 1 ? ", " : "", parts_of[i]);
    } else {
      who = read_listed(item.text);
    }
    if (who.name.empty()) {
      b.skip(where, std::string(item.text), "a list item with no person");
      continue;
    }
    const person_id p = b.person_named(who.name, where);
    b.took();
    if (in == part::staff) {
      staff(b, c, p, who.name, who.title, where);
      continue;
    }
    std::optional<org_id> org;
    if (!who.org.empty()) {
      org = b.organization(who.org, where);
      if (org) b.affiliate(p, *org, std::nullopt, where);
    }
    if (in == part::leads)
      lead_seat(b, c, p, who.title, where);
    else
      representative(b, c, in, p, org, who, where);
  }
}

// ---- the working groups

// working-groups/README.md: "| [Multi Cloud](./multi-cloud-wg/README.md) |
// Architect a new multi-cloud CI infrastructure|".
void read_groups(builder& b, const source_file& f, council& c) {
  const auto tables = read_tables(f);
  const auto& t = table_with(tables, f, {"Name", "Purpose"});
  const std::size_t name_col = *t.column("Name");
  const std::size_t purpose_col = *t.column("Purpose");
  for (const auto& row : t.rows) {
    const auto& cell = row.cells[name_col];
    const std::string name = plain_text(cell.text);
    if (name.empty()) {
      b.skip(f.place(row.line, cell.column), std::string(f.line(row.line)),
             "a row with no working group");
      continue;
    }
    auto& wg = working_group(b, c, name);
    const std::string purpose = plain_text(row.cells[purpose_col].text);
    if (!purpose.empty())
      set_extra(wg.extra, "purpose", boost::json::value(purpose));
    b.took();
  }
}

// A group's README: its first heading names it; the list under "Members"
// holds "Name, Organization" with "(lead)" after a lead.
void read_group(builder& b, const source_file& f, council& c) {
  const auto headings = read_headings(f);
  if (headings.empty())
    throw import_error(f.place(1, 1),
                       "a working group's README starts with its name as a "
                       "heading (# PyTorch CI Working Group)");
  auto& wg = working_group(b, c, headings.front().text);
  const body_id group = wg.id;
  for (const auto& item : read_list_items(f)) {
    if (lower(item.heading) != "members") continue;
    const auto where = f.place(item.line, item.column);
    std::string text = plain_text(item.text);
    const bool lead = ends_with_folded(text, "(lead)");
    if (lead) text = std::string(trim(text.substr(0, text.size() - 6)));
    const auto comma = text.find(',');
    const std::string name(trim(std::string_view(text).substr(0, comma)));
    if (name.empty()) {
      b.skip(where, std::string(item.text), "a list item with no person");
      continue;
    }
    const std::string_view target = link_target(item.text);
    constexpr std::string_view github = "https://github.com/";
    const person_id p =
        target.starts_with(github) && target.size() > github.size()
            ? b.person("github",
                       split(target.substr(github.size()), '/').front(), name,
                       where)
            : b.person_named(name, where);
    if (comma != std::string::npos)
      if (const auto org = b.organization(
              trim(std::string_view(text).substr(comma + 1)), where))
        b.affiliate(p, *org, std::nullopt, where);
    charter::seat s;
    s.body = group;
    s.seat_class = seat_class_id{lead ? "lead" : "member"};
    s.person = p;
    seat_on(b, c, std::move(s));
    b.took();
  }
}

void size_classes(builder& b, const council& c) {
  for (const auto& [body, classes] : c.seated) {
    auto& x = b.body(body, "", "", c.owner);
    for (const auto& [id, people] : classes) {
      auto& sc = b.seat_class(x, id);
      sc.count = std::max(sc.count, static_cast<int>(people.size()));
      if (id == "alternate") sc.voting = false;
    }
  }
}

}  // namespace pytorch
}  // namespace

void read_pytorch_tac(builder& b, std::span<const source_file> files) {
  using namespace pytorch;
  council c;
  c.owner = b.owner_foundation(default_foundation, "PyTorch Foundation").id;
  c.prefix = c.owner.str() == default_foundation ? "pytorch" : c.owner.str();
  c.tac = b.body(fmt::format("{}-tac", c.prefix), "Technical Advisory Council",
                 "committee", c.owner)
              .id;
  std::vector<const source_file*> minutes, index, groups;
  for (const auto& f : files) {
    const auto [folder, name] = folder_and_name(f.name());
    if (lower(name).find("minutes") != std::string::npos)
      minutes.push_back(&f);
    else if (lower(name) == "readme.md" && lower(folder) == "working-groups")
      index.push_back(&f);
    else if (lower(name) == "readme.md" && !folder.empty())
      groups.push_back(&f);
    else
      throw error(fmt::format(
          "{}: pytorch-tac reads TAC minutes (a name with 'Minutes'), "
          "working-groups/README.md and <group>/README.md",
          f.name()));
  }
  for (const auto* f : minutes) {
    // "2026-08-11 PyTorch TAC Meeting Minutes.md": the meeting's date.
    const auto [folder, name] = folder_and_name(f->name());
    c.minutes_date = try_parse_date(name.substr(0, 10))
                         ? std::string(name.substr(0, 10))
                         : "";
    read_minutes(b, *f, c);
  }
  c.minutes_date.clear();
  for (const auto* f : index) read_groups(b, *f, c);
  for (const auto* f : groups) read_group(b, *f, c);
  size_classes(b, c);
}

}  // namespace charter::import
