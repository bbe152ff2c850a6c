// The Popolo export (docs/interchange.md, "Popolo"): every record kind
// mapped onto Popolo's persons, organizations, memberships and posts.
#include <charter/model.hpp>
#include <charter/popolo.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace charter {

namespace {

namespace json = boost::json;

std::string org_ref(const org_id& id) { return "organization/" + id.str(); }
std::string person_ref(const person_id& id) { return "person/" + id.str(); }
std::string foundation_ref(const foundation_id& id) {
  return "foundation/" + id.str();
}
std::string project_ref(const project_id& id) { return "project/" + id.str(); }
std::string body_ref(const body_id& id) { return "body/" + id.str(); }

std::string scope_ref(const role_scope& scope) {
  struct {
    std::string operator()(const foundation_id& f) { return foundation_ref(f); }
    std::string operator()(const project_id& p) { return project_ref(p); }
    std::string operator()(const body_id& b) { return body_ref(b); }
  } visit;
  return std::visit(visit, scope);
}

std::string owner_ref(const body_owner& owner) {
  struct {
    std::string operator()(const foundation_id& f) { return foundation_ref(f); }
    std::string operator()(const project_id& p) { return project_ref(p); }
  } visit;
  return std::visit(visit, owner);
}

// A seat class's post and an office's post; slugs hold no '/', so the two
// shapes never meet.
std::string class_post(const body_id& b, const seat_class_id& c) {
  return "post/" + b.str() + "/" + c.str();
}
std::string office_post(const body_id& b, office o) {
  return "post/" + b.str() + "/office/" + std::string{to_string(o)};
}

// Popolo's end_date is the last day; charter's `to` is the day after it.
void add_dates(json::object& o, const period& when) {
  o["start_date"] = to_string(when.from);
  if (when.to) o["end_date"] = to_string(add_days(*when.to, -1));
}

json::object identifier(std::string_view scheme, std::string_view id) {
  return json::object{{"scheme", scheme}, {"identifier", id}};
}

template <class Records>
std::vector<const typename Records::value_type*> by_id(const Records& all) {
  std::vector<const typename Records::value_type*> out;
  out.reserve(all.size());
  for (const auto& r : all) out.push_back(&r);
  std::sort(out.begin(), out.end(),
            [](const auto* a, const auto* b) { return a->id < b->id; });
  return out;
}

std::string office_label(office o) {
  switch (o) {
    case office::chair:
      return "Chair";
    case office::vice_chair:
      return "Vice chair";
    case office::treasurer:
      return "Treasurer";
    case office::secretary:
      return "Secretary";
  }
  return std::string{to_string(o)};
}

}  // namespace

std::string to_popolo(const registry& reg) {
  json::array persons;
  for (const person* p : by_id(reg.people())) {
    json::object o{{"id", person_ref(p->id)}, {"name", p->name}};
    json::array ids{identifier("charter", p->id.str())};
    for (const auto& [site, handle] : p->handles)
      ids.push_back(identifier(site, handle));
    o["identifiers"] = std::move(ids);
    if (!p->emails.empty()) {
      o["email"] = p->emails.front();
      json::array contacts;
      for (const auto& e : p->emails)
        contacts.push_back(json::object{{"type", "email"}, {"value", e}});
      o["contact_details"] = std::move(contacts);
    }
    persons.push_back(std::move(o));
  }

  json::array organizations;
  for (const organization* org : by_id(reg.organizations())) {
    json::object o{
        {"id", org_ref(org->id)},
        {"name", org->name},
        {"classification", to_string(org->kind)},
        {"identifiers", json::array{identifier("charter", org->id.str())}}};
    if (org->parent) o["parent_id"] = org_ref(*org->parent);
    if (!org->aliases.empty()) {
      json::array names;
      for (const auto& a : org->aliases)
        names.push_back(json::object{{"name", a}, {"note", "alias"}});
      o["other_names"] = std::move(names);
    }
    if (!org->domains.empty()) {
      json::array links;
      for (const auto& d : org->domains)
        links.push_back(
            json::object{{"url", "https://" + d + "/"}, {"note", "domain"}});
      o["links"] = std::move(links);
    }
    organizations.push_back(std::move(o));
  }
  for (const foundation* f : by_id(reg.foundations())) {
    json::object o{
        {"id", foundation_ref(f->id)},
        {"name", f->name},
        {"classification", "foundation"},
        {"identifiers", json::array{identifier("charter", f->id.str())}}};
    if (f->parent) o["parent_id"] = foundation_ref(*f->parent);
    if (f->founded) o["founding_date"] = to_string(*f->founded);
    organizations.push_back(std::move(o));
  }
  for (const project* p : by_id(reg.projects())) {
    json::object o{
        {"id", project_ref(p->id)},
        {"name", p->name},
        {"classification", "project"},
        {"identifiers", json::array{identifier("charter", p->id.str())}}};
    if (p->founded) o["founding_date"] = to_string(*p->founded);
    organizations.push_back(std::move(o));
  }
  const auto bodies = by_id(reg.bodies());
  for (const body* b : bodies)
    organizations.push_back(json::object{
        {"id", body_ref(b->id)},
        {"name", b->name},
        {"classification", b->kind},
        {"parent_id", owner_ref(b->owner)},
        {"identifiers", json::array{identifier("charter", b->id.str())}}});

  json::array posts;
  for (const body* b : bodies) {
    for (const auto& c : b->seat_classes)
      posts.push_back(
          json::object{{"id", class_post(b->id, c.id)},
                       {"label", b->name + ": " + c.id.str() + " seat"},
                       {"role", "member"},
                       {"organization_id", body_ref(b->id)},
                       {"other_label", std::string{to_string(c.mode)}}});
    std::set<office> offices;
    for (const seat* s : reg.seat_history(b->id))
      if (s->office) offices.insert(*s->office);
    for (office o : offices)
      posts.push_back(
          json::object{{"id", office_post(b->id, o)},
                       {"label", office_label(o) + " of " + b->name},
                       {"role", to_string(o)},
                       {"organization_id", body_ref(b->id)}});
  }

  // Memberships in the registry's canonical order of their records.
  json::array memberships;
  std::vector<const membership*> ms;
  for (const auto& m : reg.memberships()) ms.push_back(&m);
  std::sort(ms.begin(), ms.end(), [](const auto* a, const auto* b) {
    return std::tie(a->foundation, a->org, a->when.from) <
           std::tie(b->foundation, b->org, b->when.from);
  });
  for (const membership* m : ms) {
    const foundation& f = reg.at(m->foundation);
    const tier* t = f.find_tier(m->tier);
    json::object o{{"id", "membership/" + m->foundation.str() + "/" +
                              m->org.str() + "/" + to_string(m->when.from)},
                   {"organization_id", foundation_ref(m->foundation)},
                   {"member", json::object{{"@type", "Organization"},
                                           {"id", org_ref(m->org)}}},
                   {"role", t ? t->name : m->tier.str()},
                   {"label", m->founding ? "founding member" : "member"}};
    add_dates(o, m->when);
    memberships.push_back(std::move(o));
  }
  for (const person* p : by_id(reg.people()))
    for (const auto& a : p->affiliations) {
      json::object o{{"id", "affiliation/" + p->id.str() + "/" + a.org.str() +
                                "/" + to_string(a.when.from)},
                     {"person_id", person_ref(p->id)},
                     {"organization_id", org_ref(a.org)},
                     {"role", a.title.empty() ? "affiliate" : a.title}};
      add_dates(o, a.when);
      memberships.push_back(std::move(o));
    }
  for (const body* b : bodies) {
    std::vector<const seat*> seats = reg.seat_history(b->id);
    std::sort(seats.begin(), seats.end(), [](const seat* x, const seat* y) {
      return std::tie(x->seat_class, x->person, x->when.from) <
             std::tie(y->seat_class, y->person, y->when.from);
    });
    for (const seat* s : seats) {
      const std::string id = "seat/" + b->id.str() + "/" + s->seat_class.str() +
                             "/" + s->person.str() + "/" +
                             to_string(s->when.from);
      json::object o{{"id", id},
                     {"person_id", person_ref(s->person)},
                     {"organization_id", body_ref(b->id)},
                     {"post_id", class_post(b->id, s->seat_class)},
                     {"role", "member"}};
      if (s->represents) o["on_behalf_of_id"] = org_ref(*s->represents);
      add_dates(o, s->when);
      memberships.push_back(o);
      if (s->office) {
        o["id"] = id + "/office";
        o["post_id"] = office_post(b->id, *s->office);
        o["role"] = to_string(*s->office);
        memberships.push_back(std::move(o));
      }
    }
  }
  std::vector<const role*> roles;
  for (const auto& r : reg.roles()) roles.push_back(&r);
  std::sort(roles.begin(), roles.end(), [](const role* x, const role* y) {
    const std::string xs = scope_ref(x->scope), ys = scope_ref(y->scope);
    return std::tie(x->person, x->title, x->when.from, xs) <
           std::tie(y->person, y->title, y->when.from, ys);
  });
  for (const role* r : roles) {
    json::object o{
        {"id", "role/" + r->person.str() + "/" + scope_ref(r->scope) + "/" +
                   r->title + "/" + to_string(r->when.from)},
        {"person_id", person_ref(r->person)},
        {"organization_id", scope_ref(r->scope)},
        {"role", r->title}};
    add_dates(o, r->when);
    memberships.push_back(std::move(o));
  }

  json::object doc{{"persons", std::move(persons)},
                   {"organizations", std::move(organizations)},
                   {"memberships", std::move(memberships)},
                   {"posts", std::move(posts)}};
  return json::serialize(doc) + "\n";
}

}  // namespace charter
