// landscape: a landscape.yml of the CNCF or of LF AI & Data (the
// landscape2 layout). The members category's subcategories are the
// foundation's tiers, in the order listed; each member item an
// organization and its membership from `joined`; every item with a
// `project` maturity a project, with stages from the dates in its `extra`
// (docs/importers.md, "landscape").

#include "import/dates.hpp"
#include "import/sources.hpp"
#include "import/yaml.hpp"

#include <charter/extra_json.hpp>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace charter::import {

// Named, not anonymous: the library is built in unity batches, where the
// helpers of several sources meet.
namespace landscape {

// The members category: the one whose name says "Member" ("CNCF Members",
// "LF AI & Data Member Company").
bool is_members(std::string_view name) {
  return lower(name).find("member") != std::string::npos;
}

// The foundation a landscape is of, told by its members category's name.
std::pair<std::string_view, std::string_view> foundation_of(
    std::string_view members) {
  if (starts_with_folded(members, "LF AI"))
    return {"lfai", "LF AI & Data Foundation"};
  return {"cncf", "Cloud Native Computing Foundation"};
}

// A date of the file, which must be a real day when it is there.
std::optional<date> date_at(const source_file& f, const YAML::Node& node,
                            std::string_view key) {
  if (!node || !node.IsMap() || !node[std::string(key)]) return std::nullopt;
  const std::string text = scalar(f, node, key);
  if (trim(text).empty()) return std::nullopt;
  const auto d = parse_loose_date(text);
  if (!d)
    throw import_error(place_of(f, node[std::string(key)]),
                       fmt::format("'{}' is not a date: {}", key, text));
  return d->first;
}

std::string domain_of(std::string_view url) {
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos)
    url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#:"));
  if (url.starts_with("www.")) url.remove_prefix(4);
  return lower(url);
}

// The name of a member item without the CNCF's suffix of an End User
// item ("NielsenIQ (supporter)", "Apple (contributor)"), which names the
// kind of membership, not the organization. ("(member)" is cut by every
// source's matching.)
std::string_view member_name(std::string_view name) {
  name = trim(name);
  for (const std::string_view suffix : {"(supporter)", "(contributor)"})
    if (name.size() > suffix.size() &&
        lower(name.substr(name.size() - suffix.size())) == suffix)
      return trim(name.substr(0, name.size() - suffix.size()));
  return name;
}

void read_member(builder& b, const source_file& f, const YAML::Node& item,
                 const foundation_id& fid, const tier_id& tier,
                 std::set<std::string>& members) {
  const source_place where = place_of(f, item);
  const std::string name = scalar(f, item, "name");
  if (starts_with_folded(trim(name), "Non-Public Organization")) {
    b.skip(where, name, "an anonymised member: no organization to record");
    return;
  }
  const auto org = b.organization(member_name(name), place_of(f, item["name"]));
  if (!org) {
    b.skip(where, name, "a member that names no organization");
    return;
  }
  // One organization listed twice (two spellings, or two tiers): its
  // memberships would overlap, which a registry refuses. The first is kept.
  if (!members.insert(org->str()).second) {
    b.skip(where, name,
           fmt::format("listed again (as {}): the organization's first "
                       "listing is its membership",
                       org->str()));
    return;
  }
  auto& o = b.org(*org);
  if (const auto url = scalar(f, item, "homepage_url"); !url.empty()) {
    const auto domain = domain_of(url);
    if (!domain.empty() && std::find(o.domains.begin(), o.domains.end(),
                                     domain) == o.domains.end())
      o.domains.push_back(domain);
  }
  membership m;
  m.org = *org;
  m.foundation = fid;
  m.tier = tier;
  const auto joined = date_at(f, item, "joined");
  m.when = {joined.value_or(b.as_of()), std::nullopt};
  if (scalar(f, item, "enduser") == "true")
    set_extra(m.extra, "end_user", boost::json::value(true));
  b.add(std::move(m), !joined);
  b.took();
}

// The stages of a project from its maturity and the dates in `extra`:
// accepted, incubating, graduated, archived.
std::vector<stage> stages_of(const source_file& f, const YAML::Node& item,
                             std::string_view maturity, date undated,
                             bool& dated) {
  const YAML::Node extra = item["extra"];
  const auto accepted = date_at(f, extra, "accepted");
  const auto incubating = date_at(f, extra, "incubating");
  const auto graduated = date_at(f, extra, "graduated");
  const auto archived = date_at(f, extra, "archived");
  std::vector<std::pair<date, std::string>> events;
  if (accepted) {
    // The level it was accepted at: sandbox unless it entered higher.
    std::string first = "sandbox";
    if (incubating && *incubating <= *accepted)
      first = "incubating";
    else if (graduated && *graduated <= *accepted)
      first = "graduated";
    else if (!incubating && !graduated && !archived)
      first = maturity;
    events.emplace_back(*accepted, first);
  }
  if (incubating) events.emplace_back(*incubating, "incubating");
  if (graduated) events.emplace_back(*graduated, "graduated");
  if (archived) events.emplace_back(*archived, "archived");
  std::stable_sort(
      events.begin(), events.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<stage> out;
  for (const auto& [on, name] : events) {
    if (!out.empty() && out.back().when.from == on) {
      out.back().name = name;  // the higher stage of one day
      continue;
    }
    if (!out.empty() && out.back().name == name) continue;
    if (!out.empty()) out.back().when.to = on;
    out.push_back({name, {on, std::nullopt}, {}});
  }
  dated = !out.empty();
  if (out.empty())
    out.push_back({std::string(maturity), {undated, std::nullopt}, {}});
  return out;
}

void read_project(builder& b, const source_file& f, const YAML::Node& item,
                  const foundation_id& fid) {
  const source_place where = place_of(f, item);
  const std::string name(trim(scalar(f, item, "name")));
  const std::string maturity = lower(trim(scalar(f, item, "project")));
  std::string id = slug(name);
  if (id.empty()) id = hashed_slug("project", name);
  if (name.empty()) {
    b.skip(where, maturity, "a project without a name");
    return;
  }
  bool dated = false;
  auto stages = stages_of(f, item, maturity, b.as_of(), dated);
  auto& p = b.project(id, name);
  // No dates, and the one stage an earlier import made of this maturity
  // (started on its --as-of): kept, as an undated membership is, so that
  // the same file on a later day changes nothing.
  const bool kept = !dated && p.stages.size() == 1 &&
                    p.stages.front().name == maturity &&
                    p.stages.front().when.open_ended() &&
                    p.stages.front().extra.contains("undated_start");
  if (!dated)
    set_extra(stages.front().extra, "undated_start", boost::json::value(true));
  // Another item of the same project (landscapes list some twice) says the
  // same: the stages are the file's, whole.
  if (!kept) p.stages = std::move(stages);
  const date since = p.stages.front().when.from;
  const bool hosted =
      std::any_of(p.stewards.begin(), p.stewards.end(),
                  [&](const steward& s) { return str(s.who) == fid.str(); });
  if (!hosted) {
    steward s{fid, {since, std::nullopt}, {}};
    if (!dated) set_extra(s.extra, "undated_start", boost::json::value(true));
    p.stewards.push_back(std::move(s));
  }
  b.took();
}

// Every item of a category, whatever the subcategory.
template <class F>
void each_item(const source_file& f, const YAML::Node& category, F&& f_item) {
  for (const auto& sub : sequence(f, category, "subcategories"))
    for (const auto& item : sequence(f, sub, "items"))
      if (item.IsMap()) f_item(sub, item);
}

void read_file(builder& b, const source_file& f) {
  const YAML::Node doc = load_yaml(f);
  const YAML::Node categories = sequence(f, doc, "landscape");
  if (categories.size() == 0)
    throw import_error(
        f.place(1, 1),
        "not a landscape.yml: no 'landscape' list of categories");
  YAML::Node members;  // a handle: yaml-cpp's iterators give temporaries
  bool found = false;
  for (const auto& c : categories)
    if (c.IsMap() && is_members(scalar(f, c, "name"))) {
      members.reset(c);
      found = true;
      break;
    }
  if (!found)
    throw import_error(place_of(f, categories),
                       "the landscape has no members category (a category "
                       "named '... Members'): its tiers and members are "
                       "unknown");
  const std::string members_name = scalar(f, members, "name");
  const auto [default_id, default_name] = foundation_of(members_name);
  auto& fd = b.owner_foundation(default_id, default_name);
  const foundation_id fid = fd.id;

  // Tiers: the members category's subcategories, in the order listed.
  std::vector<tier_id> tiers;
  int rank = 0;
  for (const auto& t : fd.tiers) rank = std::max(rank, t.rank);
  for (const auto& sub : sequence(f, members, "subcategories")) {
    const std::string name(trim(scalar(f, sub, "name")));
    if (name.empty())
      throw import_error(place_of(f, sub),
                         "a members subcategory without a name");
    tier_id id{slug(name)};
    if (!fd.find_tier(id)) fd.tiers.push_back({id, name, ++rank, {}, {}, {}});
    tiers.push_back(id);
  }
  std::size_t at = 0;
  std::set<std::string> listed;
  for (const auto& sub : sequence(f, members, "subcategories")) {
    for (const auto& item : sequence(f, sub, "items"))
      if (item.IsMap()) read_member(b, f, item, fid, tiers[at], listed);
    ++at;
  }
  // Projects: the items of every other category with a maturity.
  for (const auto& c : categories) {
    if (!c.IsMap() || is_members(scalar(f, c, "name"))) continue;
    each_item(f, c, [&](const YAML::Node&, const YAML::Node& item) {
      if (!trim(scalar(f, item, "project")).empty())
        read_project(b, f, item, fid);
    });
  }
}

}  // namespace landscape

void read_landscape(builder& b, std::span<const source_file> files) {
  for (const auto& f : files)
    reading_yaml(f, [&] { landscape::read_file(b, f); });
}

}  // namespace charter::import
