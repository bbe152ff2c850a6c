// k8s-sigs: Kubernetes' sigs.yaml (kubernetes/community). Each SIG,
// working group and committee is a body of the Kubernetes project; its
// chairs and tech leads are seats, its emeritus leads ended seats, its
// Steering Committee liaison a role; each person's `company` is a current
// affiliation (docs/importers.md, "k8s-sigs").

#include "import/sources.hpp"
#include "import/yaml.hpp"

#include <charter/extra_json.hpp>
#include <charter/registry.hpp>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <string>
#include <string_view>

namespace charter::import {

// Named, not anonymous: the library is built in unity batches, where the
// helpers of several sources meet.
namespace k8s_sigs {

// The Steering Committee's id and name: the k8s-steering importer gives its
// election seats to the same body, so both sources meet on one record.
constexpr std::string_view steering_id = "steering-committee";
constexpr std::string_view steering_name = "Steering Committee";
constexpr std::string_view steering_dir = "committee-steering";

// The owner of the bodies: `--foundation` (a project when the registry has
// one of that id, else a foundation), or the project `kubernetes`,
// stewarded by the CNCF.
body_owner owner_of_bodies(builder& b) {
  const std::string& chosen = b.options().foundation;
  if (!chosen.empty() && chosen != "kubernetes") {
    if (b.is_project(chosen)) {
      b.project(chosen, chosen);
      return project_id{chosen};
    }
    b.foundation(chosen, chosen);
    return foundation_id{chosen};
  }
  b.foundation("cncf", "Cloud Native Computing Foundation");
  auto& p = b.project("kubernetes", "Kubernetes");
  if (p.stewards.empty()) {
    // The file does not say since when: an undated start, like seats.
    steward s{foundation_id{"cncf"}, {b.as_of(), std::nullopt}, {}};
    set_extra(s.extra, "undated_start", boost::json::value(true));
    p.stewards.push_back(std::move(s));
  }
  return project_id{"kubernetes"};
}

// One group of sigs.yaml: which list it is in, the kind of body it makes,
// and how its name reads ("SIG Node", "WG Batch", "Code of Conduct
// Committee").
struct group_kind {
  std::string_view list;
  std::string_view kind;
  std::string_view prefix;
  std::string_view suffix;
};

constexpr group_kind group_kinds[] = {
    {"sigs", "sig", "SIG ", ""},
    {"workinggroups", "working-group", "WG ", ""},
    {"usergroups", "user-group", "UG ", ""},
    {"committees", "committee", "", " Committee"},
};

// A person entry of the file: chairs, tech leads, emeritus leads, liaisons,
// the governing board representative. Their `github` handle names them.
struct person_entry {
  person_id id;
  source_place where;
};

std::optional<person_entry> read_person(builder& b, const source_file& f,
                                        const YAML::Node& entry) {
  const source_place where = place_of(f, entry);
  if (!entry.IsMap()) {
    b.skip(where, entry.IsScalar() ? entry.Scalar() : "",
           "not a person (no github or name)");
    return std::nullopt;
  }
  const std::string handle = scalar(f, entry, "github");
  const std::string name = scalar(f, entry, "name");
  if (trim(handle).empty() && trim(name).empty()) {
    b.skip(where, "", "a person with neither github handle nor name");
    return std::nullopt;
  }
  const person_id id = b.person("github", handle, name, where);
  // `company` is what the person does now: an undated affiliation.
  const std::string company = scalar(f, entry, "company");
  if (!trim(company).empty()) {
    const YAML::Node value = entry["company"];
    if (const auto org = b.organization(company, place_of(f, value)))
      b.affiliate(id, *org, std::nullopt, place_of(f, value));
  }
  b.took();
  return person_entry{id, where};
}

// What the seats of one list of a group's leadership are.
struct seat_list {
  std::string_view list;      ///< "chairs", "tech_leads", "emeritus_leads"
  std::string_view class_id;  ///< their class
  std::optional<office> held;
  /// Emeritus leads: seats that ended, the file giving neither start nor
  /// end. Each is written as one non-voting day ending on `as_of` (the day
  /// before is the last the file lets us say nothing against), marked
  /// `undated_end` as well as `undated_start`.
  bool ended = false;
};

// The seats of one list: its class (count: the seats the file lists, none
// for emeritus leads), each seat with the list's office when one person
// holds it.
void read_seats(builder& b, const source_file& f, const YAML::Node& leaders,
                body& into, const seat_list& what) {
  const YAML::Node people = sequence(f, leaders, what.list);
  if (people.size() == 0) return;
  std::vector<person_entry> read;
  for (const auto& entry : people)
    if (auto who = read_person(b, f, entry)) read.push_back(std::move(*who));
  auto& c = b.seat_class(into, what.class_id);
  // Emeritus leads are owed no seat now: a count of them would make every
  // group's emeritus class vacant.
  c.count = what.ended ? 0 : static_cast<int>(read.size());
  if (what.ended) c.voting = false;
  for (const auto& who : read) {
    seat s;
    s.body = into.id;
    s.seat_class = c.id;
    s.person = who.id;
    // Co-chairs share the chair: the office, which one person holds at a
    // time (office-held-twice), is a sole chair's.
    if (read.size() == 1) s.office = what.held;
    s.when = {b.as_of(), std::nullopt};
    if (what.ended) {
      s.when = {add_days(b.as_of(), -1), b.as_of()};
      set_extra(s.extra, "undated_end", boost::json::value(true));
      // An earlier import (of an earlier day) made this ended seat already:
      // it is kept, not made again a day later.
      if (const auto* old = b.undated_ended_seat(s)) {
        s.when = old->when;
        s.extra = old->extra;
      }
    }
    b.add(std::move(s), true);
  }
}

// The Steering Committee member who is the group's liaison: a role on the
// group's body, not a seat (they do not lead it).
void read_liaison(builder& b, const source_file& f, const YAML::Node& group,
                  const body& of) {
  const YAML::Node contact = group["contact"];
  if (!contact || !contact.IsMap()) return;
  const YAML::Node liaison = contact["liaison"];
  if (!liaison || liaison.IsNull()) return;
  const auto who = read_person(b, f, liaison);
  if (!who) return;
  role r;
  r.person = who->id;
  r.title = "Steering Committee Liaison";
  r.scope = of.id;
  r.when = {b.as_of(), std::nullopt};
  b.add(std::move(r), true);
}

// The leads of the group's subprojects: a role on the group's body each,
// named after the subproject ("Subproject Lead: randfill").
void read_subproject_leads(builder& b, const source_file& f,
                           const YAML::Node& group, const body& of) {
  for (const auto& sub : sequence(f, group, "subprojects")) {
    if (!sub.IsMap()) continue;
    const std::string name(trim(scalar(f, sub, "name")));
    for (const auto& lead : sequence(f, sub, "leads")) {
      const auto who = read_person(b, f, lead);
      if (!who) continue;
      role r;
      r.person = who->id;
      r.title = name.empty() ? std::string("Subproject Lead")
                             : fmt::format("Subproject Lead: {}", name);
      r.scope = of.id;
      r.when = {b.as_of(), std::nullopt};
      b.add(std::move(r), true);
    }
  }
}

void read_group(builder& b, const source_file& f, const YAML::Node& group,
                const group_kind& kind, const body_owner& owner) {
  const source_place where = place_of(f, group);
  const std::string dir = scalar(f, group, "dir");
  const std::string name = scalar(f, group, "name");
  if (trim(dir).empty())
    throw import_error(where,
                       fmt::format("a {} entry without 'dir'", kind.list));
  const bool steering = dir == steering_dir;
  const std::string id = steering ? std::string(steering_id) : dir;
  const std::string full_name =
      steering ? std::string(steering_name)
               : fmt::format("{}{}{}", kind.prefix,
                             trim(name).empty() ? dir : name, kind.suffix);
  auto& into = b.body(id, full_name, kind.kind, owner);
  if (!steering && !into.extra.contains("dir"))
    set_extra(into.extra, "dir", boost::json::value(dir));
  b.took();

  const YAML::Node leaders = group["leadership"];
  if (leaders && leaders.IsMap()) {
    if (steering) {
      // sigs.yaml lists the Steering Committee's members under `chairs`:
      // the committee has no chair, so they are members, with no office.
      read_seats(b, f, leaders, into, {"chairs", "member", std::nullopt});
    } else {
      read_seats(b, f, leaders, into, {"chairs", "chair", office::chair});
      read_seats(b, f, leaders, into,
                 {"tech_leads", "tech-lead", std::nullopt});
    }
    read_seats(b, f, leaders, into,
               {"emeritus_leads", "emeritus-lead", std::nullopt, true});
  } else if (leaders && !leaders.IsNull()) {
    throw import_error(place_of(f, leaders), "'leadership' is not a map");
  }
  read_liaison(b, f, group, into);
  read_subproject_leads(b, f, group, into);
}

// `gb_rep`: Kubernetes' representative on the CNCF Governing Board, a role
// of the project.
void read_board_representative(builder& b, const source_file& f,
                               const YAML::Node& doc, const body_owner& owner) {
  const YAML::Node rep = doc["gb_rep"];
  if (!rep || rep.IsNull()) return;
  const auto who = read_person(b, f, rep);
  if (!who) return;
  role r;
  r.person = who->id;
  r.title = "Governing Board Representative";
  r.scope = std::visit([](const auto& id) -> role_scope { return id; }, owner);
  r.when = {b.as_of(), std::nullopt};
  b.add(std::move(r), true);
}

void read_sigs_yaml(builder& b, const source_file& f) {
  const YAML::Node doc = load_yaml(f);
  if (!doc.IsMap())
    throw import_error(f.place(1, 1),
                       "not a sigs.yaml: no map of sigs, workinggroups and "
                       "committees");
  if (!doc["sigs"] && !doc["committees"])
    throw import_error(f.place(1, 1),
                       "not a sigs.yaml: neither 'sigs' nor 'committees'");
  const body_owner owner = owner_of_bodies(b);
  for (const auto& kind : group_kinds)
    for (const auto& group : sequence(f, doc, kind.list)) {
      if (!group.IsMap())
        throw import_error(place_of(f, group),
                           fmt::format("a {} entry is not a map", kind.list));
      read_group(b, f, group, kind, owner);
    }
  read_board_representative(b, f, doc, owner);
}

}  // namespace k8s_sigs

void read_k8s_sigs(builder& b, std::span<const source_file> files) {
  for (const auto& f : files) {
    const auto name = f.file_name();
    if (!name.ends_with(".yaml") && !name.ends_with(".yml"))
      throw error(fmt::format(
          "{}: k8s-sigs reads sigs.yaml (a YAML file), not this file",
          f.name()));
    reading_yaml(f, [&] { k8s_sigs::read_sigs_yaml(b, f); });
  }
}

}  // namespace charter::import
