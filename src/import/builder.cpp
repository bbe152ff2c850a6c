#include "import/builder.hpp"

#include "import/aliases.hpp"

#include <charter/extra_json.hpp>
#include <charter/find.hpp>
#include <charter/registry.hpp>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace charter::import {

namespace {

bool placeholder_email(std::string_view address) {
  return address.find('@') == std::string_view::npos;  // "email-removed"
}

std::vector<std::string> name_aliases(const person& p) {
  std::vector<std::string> out;
  if (const auto json = p.extra.value_json("aliases")) {
    const auto v = boost::json::parse(*json);
    if (v.is_array())
      for (const auto& a : v.as_array())
        if (a.is_string()) out.emplace_back(a.as_string());
  }
  return out;
}

// The day after the later of two ends (none: open).
std::optional<date> later_end(const std::optional<date>& a,
                              const std::optional<date>& b) {
  if (!a || !b) return std::nullopt;
  return std::max(*a, *b);
}

}  // namespace

void set_extra(extra_fields& extra, std::string_view key,
               boost::json::value value) {
  auto o = extra.empty() ? boost::json::object{} : to_object(extra);
  o[key] = std::move(value);
  extra = from_object(o);
}

builder::builder(const registry& existing, std::string source,
                 const import_options& options)
    : existing_(existing),
      options_(options),
      as_of_(options.as_of.value_or(today())),
      aliases_(std::make_unique<alias_table>(alias_table::shipped())) {
  summary_.source = std::move(source);
  for (const auto& path : options.alias_files)
    aliases_->read(source_file::read(path));
  for (const auto& o : existing_.organizations()) {
    org_by_key_.try_emplace(org_key(o.id.str()), o.id);
    org_by_key_.try_emplace(org_key(o.name), o.id);
    for (const auto& a : o.aliases) org_by_key_.try_emplace(org_key(a), o.id);
  }
  for (const auto& p : existing_.people()) index_person(p);
}

builder::~builder() = default;

// ---- the summary

void builder::file(const std::string& name) { summary_.files.push_back(name); }

void builder::took(std::size_t n) {
  summary_.read += n;
  summary_.mapped += n;
}

void builder::skip(const source_place& where, std::string value,
                   std::string reason) {
  ++summary_.read;
  ++summary_.skipped;
  unmapped(where, std::move(value), std::move(reason));
}

void builder::unmapped(const source_place& where, std::string value,
                       std::string reason) {
  summary_.unmapped.push_back({where, std::move(value), std::move(reason)});
}

// ---- organizations

std::optional<org_id> builder::organization(std::string_view name,
                                            const source_place& where,
                                            org_kind kind) {
  const std::string spelling = clean_org_name(name);
  switch (classify_org(spelling)) {
    case org_value::none:
      ++without_organization_[spelling];
      return std::nullopt;
    case org_value::placeholder:
      unmapped(where, std::string(trim(name)),
               "a placeholder, not an organization");
      return std::nullopt;
    case org_value::compound:
      unmapped(where, std::string(trim(name)),
               "names more than one organization");
      return std::nullopt;
    case org_value::name:
      break;
  }
  const std::string key = org_key(spelling);
  org_id id;
  if (const auto at = org_by_key_.find(key); at != org_by_key_.end()) {
    id = take_org(at->second);
  } else if (const alias_entry* entry = aliases_->find(key)) {
    // The alias table names it: made under the table's id and name, with
    // its parents (each an entry of the table).
    std::vector<const alias_entry*> chain{entry};
    while (!chain.back()->parent.empty() && chain.size() < 16)
      chain.push_back(aliases_->by_id(chain.back()->parent));
    std::optional<org_id> parent;
    for (auto e = chain.rbegin(); e != chain.rend(); ++e) {
      const std::string entry_key = org_key((*e)->name);
      org_id made;
      if (const auto known = org_by_key_.find(entry_key);
          known != org_by_key_.end()) {
        made = take_org(known->second);
      } else if (existing_.find(org_id{(*e)->id}) ||
                 orgs_.by_id.contains((*e)->id)) {
        made = take_org(org_id{(*e)->id});
      } else {
        charter::organization o;
        o.id = org_id{(*e)->id};
        o.name = (*e)->name;
        o.kind = (*e)->kind;
        o.aliases = (*e)->aliases;
        made = o.id;
        orgs_.by_id.emplace(o.id.str(), orgs_.records.size());
        orgs_.records.push_back(std::move(o));
      }
      auto& o = org(made);
      if (parent && !o.parent) {
        o.parent = parent;
        if ((*e)->parent_since)
          set_extra(o.extra, "parent_since",
                    boost::json::value(to_string(*(*e)->parent_since)));
      }
      org_by_key_.try_emplace(entry_key, made);
      for (const auto& a : (*e)->aliases)
        org_by_key_.try_emplace(org_key(a), made);
      parent = made;
    }
    id = *parent;
    org(id).kind = kind == org_kind::company ? org(id).kind : kind;
  } else {
    charter::organization o;
    o.id = new_org_id(spelling, key);
    o.name = spelling;
    o.kind = kind;
    id = o.id;
    orgs_.by_id.emplace(o.id.str(), orgs_.records.size());
    orgs_.records.push_back(std::move(o));
  }
  add_org_spelling(id, spelling, key);
  return id;
}

org_id builder::new_org_id(std::string_view name, const std::string& key) {
  std::string base = slug(name);
  if (base.empty()) base = hashed_slug("org", key);
  std::string id = base;
  for (int n = 2; existing_.find(org_id{id}) || orgs_.by_id.contains(id); ++n)
    id = fmt::format("{}-{}", base, n);
  return org_id{id};
}

org_id builder::take_org(const org_id& id) {
  if (!orgs_.by_id.contains(id.str())) {
    const auto* o = existing_.find(id);
    if (!o) throw error(fmt::format("no organization '{}'", id.str()));
    orgs_.by_id.emplace(id.str(), orgs_.records.size());
    orgs_.records.push_back(*o);
    ++summary_.matched;
  }
  return id;
}

void builder::add_org_spelling(const org_id& id, const std::string& spelling,
                               const std::string& key) {
  org_by_key_.try_emplace(key, id);
  auto& o = org(id);
  if (spelling == o.name || std::find(o.aliases.begin(), o.aliases.end(),
                                      spelling) != o.aliases.end())
    return;
  o.aliases.push_back(spelling);
}

charter::organization& builder::org(const org_id& id) {
  return orgs_.records.at(orgs_.by_id.at(id.str()));
}

// ---- people

void builder::index_person(const charter::person& p) {
  for (const auto& [site, handle] : p.handles)
    person_by_handle_.try_emplace(site + ":" + handle_key(handle), p.id);
  person_by_name_.try_emplace(fold(p.name), p.id);
  for (const auto& a : name_aliases(p))
    person_by_name_.try_emplace(fold(a), p.id);
}

person_id builder::take_person(const person_id& id) {
  if (!people_.by_id.contains(id.str())) {
    const auto* p = existing_.find(id);
    if (!p) throw error(fmt::format("no person '{}'", id.str()));
    people_.by_id.emplace(id.str(), people_.records.size());
    people_.records.push_back(*p);
    ++summary_.matched;
  }
  return id;
}

person_id builder::new_person_id(std::string_view base_text,
                                 std::string_view site) {
  std::string base = slug(base_text);
  if (base.empty()) base = hashed_slug("person", base_text);
  const auto taken = [&](const std::string& id) {
    return existing_.find(person_id{id}) || people_.by_id.contains(id);
  };
  std::string id = base;
  if (taken(id) && !site.empty()) id = fmt::format("{}-{}", base, site);
  for (int n = 2; taken(id); ++n) id = fmt::format("{}-{}", base, n);
  return person_id{id};
}

std::optional<person_id> builder::person_by_name(std::string_view name) const {
  const auto at = person_by_name_.find(fold(clean_person_name(name)));
  if (at == person_by_name_.end()) return std::nullopt;
  return at->second;
}

void builder::name_person(const person_id& id, std::string_view raw) {
  const std::string name = clean_person_name(raw);
  auto& p = who(id);
  if (!well_formed_name(name) || name == p.name) return;
  auto aliases = name_aliases(p);
  if (std::find(aliases.begin(), aliases.end(), name) != aliases.end()) return;
  // The longest well-formed name is the name; the others are aliases.
  if (!well_formed_name(p.name) || name.size() > p.name.size()) {
    if (well_formed_name(p.name)) aliases.push_back(p.name);
    p.name = name;
  } else {
    aliases.push_back(name);
  }
  std::erase(aliases, p.name);
  if (!aliases.empty()) {
    boost::json::array a;
    for (const auto& n : aliases) a.emplace_back(n);
    set_extra(p.extra, "aliases", std::move(a));
  }
  person_by_name_.try_emplace(fold(name), id);
}

person_id builder::person(std::string_view site, std::string_view handle,
                          std::string_view name, const source_place& where) {
  const std::string key = handle_key(handle);
  if (key.empty()) return person_named(name, where);
  const std::string handle_index = fmt::format("{}:{}", site, key);
  person_id id;
  if (const auto at = person_by_handle_.find(handle_index);
      at != person_by_handle_.end()) {
    id = take_person(at->second);
  } else if (const auto named = person_by_name(name);
             named && !(existing_.find(*named) ? existing_.find(*named)->handles
                                               : who(*named).handles)
                           .contains(std::string(site))) {
    // Known by name from a source without this site's handles.
    id = existing_.find(*named) ? take_person(*named) : *named;
  } else {
    charter::person p;
    p.id = new_person_id(key, site);
    p.name = well_formed_name(clean_person_name(name))
                 ? clean_person_name(name)
                 : std::string(trim(handle));
    id = p.id;
    people_.by_id.emplace(p.id.str(), people_.records.size());
    people_.records.push_back(std::move(p));
    person_by_name_.try_emplace(fold(who(id).name), id);
  }
  auto& p = who(id);
  std::string written(trim(handle));
  if (written.starts_with('@')) written.erase(0, 1);
  p.handles.try_emplace(std::string(site), written);
  person_by_handle_.try_emplace(handle_index, id);
  name_person(id, name);
  return id;
}

person_id builder::person_named(std::string_view raw, const source_place&) {
  const std::string name = clean_person_name(raw);
  if (const auto named = person_by_name(name)) {
    if (existing_.find(*named) && !people_.by_id.contains(named->str()))
      return take_person(*named);
    return *named;
  }
  charter::person p;
  p.id = new_person_id(name, "");
  p.name = name;
  const person_id id = p.id;
  people_.by_id.emplace(p.id.str(), people_.records.size());
  people_.records.push_back(std::move(p));
  person_by_name_.try_emplace(fold(name), id);
  return id;
}

charter::person& builder::who(const person_id& id) {
  return people_.records.at(people_.by_id.at(id.str()));
}

void builder::email(const person_id& id, std::string_view address) {
  address = trim(address);
  if (address.empty() || placeholder_email(address)) return;
  auto& p = who(id);
  if (std::find(p.emails.begin(), p.emails.end(), address) == p.emails.end())
    p.emails.emplace_back(address);
}

void builder::affiliate(const person_id& p, const org_id& org,
                        std::optional<period> when, const source_place& where,
                        std::string title, extra_fields extra) {
  claims_[p.str()].push_back(
      {org, when, where, std::move(title), std::move(extra)});
}

void builder::settle_affiliations(charter::person& p,
                                  std::vector<claim>& claims) {
  auto& ties = p.affiliations;
  // Dated claims, earliest first: one of an organization that overlaps or
  // touches a tie of the same organization extends it.
  std::stable_sort(claims.begin(), claims.end(),
                   [](const claim& a, const claim& b) {
                     if (a.when.has_value() != b.when.has_value())
                       return a.when.has_value();
                     return a.when && a.when->from < b.when->from;
                   });
  for (const auto& c : claims) {
    if (!c.when) continue;
    bool joined = false;
    for (auto& t : ties) {
      if (t.org != c.org) continue;
      const bool touches = (!t.when.to || c.when->from <= *t.when.to) &&
                           (!c.when->to || t.when.from <= *c.when->to);
      if (!touches) continue;
      // The claim's extra says something of its start (gitdm's
      // `open_start`): it goes with the start the claim gives the tie.
      if (c.when->from < t.when.from && !c.extra.empty()) {
        auto o = t.extra.empty() ? boost::json::object{} : to_object(t.extra);
        for (const auto& kv : to_object(c.extra)) o[kv.key()] = kv.value();
        t.extra = from_object(o);
      }
      t.when.from = std::min(t.when.from, c.when->from);
      t.when.to = later_end(t.when.to, c.when->to);
      if (t.title.empty()) t.title = c.title;
      joined = true;
      break;
    }
    if (!joined) ties.push_back({c.org, *c.when, c.title, c.extra});
  }
  // Undated claims: what the files say the person does now.
  std::vector<const claim*> undated;
  for (const auto& c : claims)
    if (!c.when &&
        std::none_of(undated.begin(), undated.end(),
                     [&](const claim* u) { return u->org == c.org; }))
      undated.push_back(&c);
  if (undated.empty()) return;
  // An earlier import's undated tie to another organization conflicts too.
  std::vector<const affiliation*> earlier;
  for (const auto& t : ties)
    if (t.extra.contains("undated_start") && t.when.contains(as_of_) &&
        std::none_of(undated.begin(), undated.end(),
                     [&](const claim* u) { return u->org == t.org; }))
      earlier.push_back(&t);
  if (undated.size() > 1 || !earlier.empty()) {
    import_finding f;
    f.code = "affiliation-conflict";
    f.record = fmt::format("person {}", p.id.str());
    std::string orgs;
    for (const auto* t : earlier)
      orgs += fmt::format("{}{}", orgs.empty() ? "" : ", ", t->org.str());
    for (const auto* u : undated) {
      orgs += fmt::format("{}{}", orgs.empty() ? "" : ", ", u->org.str());
      f.places.push_back(u->where);
    }
    f.message = fmt::format(
        "{} is given different organizations with no dates to tell them "
        "apart ({}): no affiliation was added; add the right one with "
        "charter affiliate, or end the wrong one",
        p.name, orgs);
    summary_.findings.push_back(std::move(f));
    return;
  }
  const claim& c = *undated.front();
  for (const auto& t : ties)
    if (t.org == c.org && t.when.contains(as_of_)) return;  // said already
  affiliation made{c.org, {as_of_, std::nullopt}, c.title, {}};
  set_extra(made.extra, "undated_start", boost::json::value(true));
  ties.push_back(std::move(made));
}

// ---- foundations, projects, bodies

charter::foundation& builder::foundation(std::string_view id,
                                         std::string_view name) {
  const std::string key(id);
  if (!foundations_.by_id.contains(key)) {
    charter::foundation f;
    if (const auto* old = existing_.find(foundation_id{key})) {
      f = *old;
    } else {
      f.id = foundation_id{key};
      f.name = std::string(name);
    }
    foundations_.by_id.emplace(key, foundations_.records.size());
    foundations_.records.push_back(std::move(f));
  }
  return foundations_.records[foundations_.by_id.at(key)];
}

charter::foundation& builder::owner_foundation(std::string_view default_id,
                                               std::string_view default_name) {
  if (!options_.foundation.empty() && options_.foundation != default_id)
    return foundation(options_.foundation, options_.foundation);
  return foundation(default_id, default_name);
}

bool builder::is_project(std::string_view id) const {
  return existing_.find(project_id{std::string(id)}) ||
         projects_.by_id.contains(std::string(id));
}

charter::project& builder::project(std::string_view id, std::string_view name) {
  const std::string key(id);
  if (!projects_.by_id.contains(key)) {
    charter::project p;
    if (const auto* old = existing_.find(project_id{key})) {
      p = *old;
    } else {
      p.id = project_id{key};
      p.name = std::string(name);
    }
    projects_.by_id.emplace(key, projects_.records.size());
    projects_.records.push_back(std::move(p));
  }
  return projects_.records[projects_.by_id.at(key)];
}

charter::body& builder::body(std::string_view id, std::string_view name,
                             std::string_view kind, const body_owner& owner) {
  const std::string key(id);
  if (!bodies_.by_id.contains(key)) {
    charter::body b;
    if (const auto* old = existing_.find(body_id{key})) {
      b = *old;
    } else {
      b.id = body_id{key};
      b.name = std::string(name);
      b.kind = std::string(kind);
      b.owner = owner;
    }
    bodies_.by_id.emplace(key, bodies_.records.size());
    bodies_.records.push_back(std::move(b));
  }
  return bodies_.records[bodies_.by_id.at(key)];
}

charter::seat_class& builder::seat_class(charter::body& b,
                                         std::string_view id) {
  for (auto& c : b.seat_classes)
    if (c.id.str() == id) return c;
  charter::seat_class c;
  c.id = seat_class_id{std::string(id)};
  b.seat_classes.push_back(std::move(c));
  return b.seat_classes.back();
}

// What names a record an import may find again on a later day: its
// holder and place, not its dates.
std::string builder::holder_of(const charter::membership& m) {
  return fmt::format("{}\x1f{}\x1f{}", m.org.str(), m.foundation.str(),
                     m.tier.str());
}

std::string builder::holder_of(const charter::seat& s) {
  return fmt::format("{}\x1f{}\x1f{}", s.body.str(), s.seat_class.str(),
                     s.person.str());
}

std::string builder::holder_of(const charter::role& r) {
  return fmt::format("{}\x1f{}\x1f{}\x1f{}", r.person.str(), r.title,
                     r.scope.index(), str(r.scope));
}

// Built on first use: each record an import adds is then a lookup, not a
// scan of the registry (a roster of thousands against a registry of
// thousands). The first of several records with one holder wins, as the
// scans did.
const builder::undated_records& builder::undated_in_registry() {
  if (undated_) return *undated_;
  auto& u = undated_.emplace();
  const auto open = [](const auto& r) {
    return r.when.open_ended() && r.extra.contains("undated_start");
  };
  for (const auto& m : existing_.memberships())
    if (open(m)) u.memberships.try_emplace(holder_of(m), &m);
  for (const auto& s : existing_.seats()) {
    if (open(s)) u.open_seats.try_emplace(holder_of(s), &s);
    if (s.extra.contains("undated_end"))
      u.ended_seats.try_emplace(holder_of(s), &s);
  }
  for (const auto& r : existing_.roles())
    if (open(r)) u.roles.try_emplace(holder_of(r), &r);
  return u;
}

const charter::seat* builder::undated_ended_seat(const charter::seat& s) {
  return find(undated_in_registry().ended_seats, holder_of(s));
}

void builder::add(charter::membership m, bool undated) {
  if (undated) {
    if (const auto* old = find(undated_in_registry().memberships, holder_of(m)))
      m = *old;
    if (!m.extra.contains("undated_start"))
      set_extra(m.extra, "undated_start", boost::json::value(true));
  }
  // By key, not by a scan: a roster of thousands of seats stays linear.
  auto [at, made] = membership_at_.try_emplace(to_string(record_key{key_of(m)}),
                                               memberships_.size());
  if (!made) {
    memberships_[at->second] = std::move(m);
    return;
  }
  memberships_.push_back(std::move(m));
}

void builder::add(charter::seat s, bool undated) {
  if (undated) {
    if (const auto* old =
            find(undated_in_registry().open_seats, holder_of(s))) {
      s.when = old->when;
      s.extra = old->extra;
    }
    if (!s.extra.contains("undated_start"))
      set_extra(s.extra, "undated_start", boost::json::value(true));
  }
  // By key, not by a scan: a roster of thousands of seats stays linear.
  auto [at, made] =
      seat_at_.try_emplace(to_string(record_key{key_of(s)}), seats_.size());
  if (!made) {
    seats_[at->second] = std::move(s);
    return;
  }
  seats_.push_back(std::move(s));
}

void builder::add(charter::role r, bool undated) {
  if (undated) {
    if (const auto* old = find(undated_in_registry().roles, holder_of(r))) {
      r.when = old->when;
      r.extra = old->extra;
    }
    if (!r.extra.contains("undated_start"))
      set_extra(r.extra, "undated_start", boost::json::value(true));
  }
  // By key, not by a scan: a roster of thousands of seats stays linear.
  auto [at, made] =
      role_at_.try_emplace(to_string(record_key{key_of(r)}), roles_.size());
  if (!made) {
    roles_[at->second] = std::move(r);
    return;
  }
  roles_.push_back(std::move(r));
}

// A seat with dates (a steering election's winners, with their term) says
// more than one known only from a roster taken at --as-of (sigs.yaml): when
// a dated seat of the same person in the same body and class holds at the
// undated one's start, the undated one goes, whichever import made it.
// Returns the registry's seats to remove.
std::vector<record_key> builder::drop_covered_undated_seats() {
  if (seats_.empty()) return {};
  const auto undated = [](const charter::seat& s) {
    return s.extra.contains("undated_start");
  };
  std::unordered_multimap<std::string, period> dated;
  for (const auto& s : seats_)
    if (!undated(s)) dated.emplace(holder_of(s), s.when);
  for (const auto& s : existing_.seats())
    if (!undated(s)) dated.emplace(holder_of(s), s.when);
  const auto covered = [&](const charter::seat& s) {
    if (!undated(s)) return false;
    for (auto [at, end] = dated.equal_range(holder_of(s)); at != end; ++at)
      if (at->second.contains(s.when.from)) return true;
    return false;
  };
  std::erase_if(seats_, covered);
  std::vector<record_key> gone;
  for (const auto& old : existing_.seats())
    if (covered(old)) gone.push_back(record_key{key_of(old)});
  return gone;
}

import_result builder::finish() {
  for (auto& [id, claims] : claims_)
    settle_affiliations(who(person_id{id}), claims);
  const auto superseded = drop_covered_undated_seats();
  for (const auto& [spelling, n] : without_organization_)
    summary_.without_organization.emplace_back(spelling, n);

  batch b;
  // In the order the registry checks references: what is referred to first.
  for (auto& f : foundations_.records) b.add(std::move(f));
  for (auto& o : orgs_.records) b.add(std::move(o));
  for (auto& p : people_.records) b.add(std::move(p));
  for (auto& p : projects_.records) b.add(std::move(p));
  for (auto& x : bodies_.records) b.add(std::move(x));
  for (auto& m : memberships_) b.add(std::move(m));
  for (auto& s : seats_) b.add(std::move(s));
  for (auto& r : roles_) b.add(std::move(r));
  for (auto& key : superseded) b.remove(std::move(key));

  upsert_counts n;
  import_result result{upsert(existing_, std::move(b), &n),
                       std::move(summary_)};
  result.summary.added = n.added;
  result.summary.updated = n.updated;
  result.summary.unchanged = n.unchanged;
  result.summary.updated += superseded.size();
  return result;
}

}  // namespace charter::import
