// Each report as JSON, in the shapes of docs/reports.md, written from its
// model directly.
#include "report/json.hpp"

#include <charter/report.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <array>
#include <optional>

#include "report/changes.hpp"
#include "report/document.hpp"
#include "report/lookup.hpp"

namespace charter::detail {

namespace json = boost::json;

namespace {

json::value json_date(const std::optional<date>& d) {
  return d ? json::value(to_string(*d)) : json::value(nullptr);
}

template <class Id>
json::value json_id(const std::optional<Id>& id) {
  return id ? json::value(id->str()) : json::value(nullptr);
}

json::value json_money(const std::optional<money>& m) {
  if (!m) return nullptr;
  return json::object{{"amount", format_amount(m->cents)},
                      {"cents", m->cents},
                      {"currency", m->currency}};
}

}  // namespace

// ---- roster

json::value to_json_value(const roster_report& r) {
  json::array tiers;
  for (const auto& t : r.tiers) {
    json::array members;
    for (const auto& m : t.members)
      members.push_back(json::object{{"org", m.org.str()},
                                     {"name", m.name},
                                     {"family", m.family.str()},
                                     {"family_name", m.family_name},
                                     {"since", to_string(m.since)},
                                     {"founding", m.founding}});
    tiers.push_back(json::object{{"id", t.id.str()},
                                 {"name", t.name},
                                 {"rank", t.rank},
                                 {"annual_fee", json_money(t.annual_fee)},
                                 {"count", t.members.size()},
                                 {"members", std::move(members)}});
  }
  return json::object{{"foundation", r.foundation.str()},
                      {"name", r.name},
                      {"date", to_string(r.on)},
                      {"total", r.total()},
                      {"tiers", std::move(tiers)}};
}

// ---- board

json::value to_json_value(const board_report& r) {
  json::array classes;
  for (const auto& c : r.classes) {
    json::array seats;
    for (const auto& st : c.seats)
      seats.push_back(json::object{
          {"person", st.person.str()},
          {"name", st.name},
          {"represents", json_id(st.represents)},
          {"represents_name",
           st.represents ? json::value(st.represents_name) : nullptr},
          {"office", st.office ? json::value(to_string(*st.office)) : nullptr},
          {"voting", st.voting},
          {"since", to_string(st.since)}});
    classes.push_back(json::object{{"id", c.id.str()},
                                   {"mode", to_string(c.mode)},
                                   {"entitled", c.entitled},
                                   {"filled", c.filled},
                                   {"vacant", c.vacant()},
                                   {"seats", std::move(seats)}});
  }
  json::array families;
  for (const auto& f : r.families)
    families.push_back(json::object{
        {"family", f.family.str()}, {"name", f.name}, {"seats", f.seats}});
  const auto cap = r.family_cap();
  return json::object{
      {"body", r.body.str()},
      {"name", r.name},
      {"date", to_string(r.on)},
      {"entitled", r.entitled()},
      {"filled", r.filled()},
      {"vacant", r.vacant()},
      {"classes", std::move(classes)},
      {"families", std::move(families)},
      {"cap",
       json::object{
           {"max_per_family",
            r.max_per_family ? json::value(*r.max_per_family) : nullptr},
           {"max_fraction_per_family",
            r.max_fraction_per_family ? json::value(*r.max_fraction_per_family)
                                      : nullptr},
           {"seats", cap ? json::value(*cap) : nullptr}}}};
}

// ---- changes

json::value to_json_value(const changes_report& r) {
  json::object out{{"foundation", r.foundation.str()},
                   {"name", r.name},
                   {"from", to_string(r.from)},
                   {"to", to_string(r.to)}};
  const std::array<const std::vector<membership_change>*, 4> memberships{
      &r.joined, &r.left, &r.upgraded, &r.downgraded};
  for (std::size_t i = 0; i < memberships.size(); ++i) {
    json::array list;
    for (const auto& c : *memberships[i])
      list.push_back(json::object{{"org", c.org.str()},
                                  {"name", c.name},
                                  {"date", to_string(c.on)},
                                  {"from_tier", json_id(c.from_tier)},
                                  {"to_tier", json_id(c.to_tier)}});
    out[change_keys[i]] = std::move(list);
  }
  const std::array<const std::vector<seat_change>*, 2> seats{&r.seats_taken,
                                                             &r.seats_vacated};
  for (std::size_t i = 0; i < seats.size(); ++i) {
    json::array list;
    for (const auto& c : *seats[i])
      list.push_back(json::object{{"body", c.body.str()},
                                  {"class", c.seat_class.str()},
                                  {"person", c.person.str()},
                                  {"name", c.name},
                                  {"represents", json_id(c.represents)},
                                  {"date", to_string(c.on)}});
    out[change_keys[4 + i]] = std::move(list);
  }
  const std::array<const std::vector<role_change>*, 2> roles{&r.roles_started,
                                                             &r.roles_ended};
  for (std::size_t i = 0; i < roles.size(); ++i) {
    json::array list;
    for (const auto& c : *roles[i])
      list.push_back(json::object{{"person", c.person.str()},
                                  {"name", c.name},
                                  {"title", c.title},
                                  {"scope", str(c.scope)},
                                  {"date", to_string(c.on)}});
    out[change_keys[6 + i]] = std::move(list);
  }
  return out;
}

// ---- dues

json::value to_json_value(const dues_report& r) {
  // An amount that is none (a tier without a fee) is written as 0.
  json::array tiers;
  for (const auto& t : r.tiers)
    tiers.push_back(
        json::object{{"id", t.id.str()},
                     {"name", t.name},
                     {"rank", t.rank},
                     {"members", t.members},
                     {"annual_fee", json_money(t.annual_fee)},
                     {"amount", format_amount(report_cents(t.amount))},
                     {"cents", report_cents(t.amount)}});
  json::array members;
  for (const auto& m : r.members)
    members.push_back(
        json::object{{"org", m.org.str()},
                     {"name", m.name},
                     {"tier", m.tier.str()},
                     {"annual_fee", json_money(m.annual_fee)},
                     {"amount", format_amount(report_cents(m.annual_fee))},
                     {"cents", report_cents(m.annual_fee)}});
  return json::object{{"foundation", r.foundation.str()},
                      {"name", r.name},
                      {"date", json_date(r.on)},
                      {"year", r.year ? json::value(*r.year) : nullptr},
                      {"currency", r.total ? json::value(r.total->currency)
                                           : json::value(nullptr)},
                      {"tiers", std::move(tiers)},
                      {"members", std::move(members)},
                      {"total", format_amount(report_cents(r.total))},
                      {"total_cents", report_cents(r.total)}};
}

// ---- compliance

json::value to_json_value(const compliance_report& r) {
  json::array findings;
  for (const auto& f : r.findings) {
    json::array subjects;
    for (const auto& s : f.subjects) subjects.push_back(json::value(s));
    findings.push_back(json::object{{"code", f.code},
                                    {"severity", to_string(f.severity)},
                                    {"subjects", std::move(subjects)},
                                    {"from", to_string(f.when.from)},
                                    {"to", json_date(f.when.to)},
                                    {"message", f.message}});
  }
  return json::object{{"foundation", json_id(r.foundation)},
                      {"body", json_id(r.body)},
                      {"name", r.name},
                      {"date", json_date(r.on)},
                      {"findings", std::move(findings)}};
}

// ---- timeline

json::value to_json_value(const timeline_report& r) {
  json::value project = nullptr;
  if (r.project) {
    json::array stewards;
    for (const auto& s : r.stewards)
      stewards.push_back(json::object{{"kind", report_steward_kind(s.who)},
                                      {"id", str(s.who)},
                                      {"name", s.name},
                                      {"from", to_string(s.when.from)},
                                      {"to", json_date(s.when.to)}});
    json::array stages;
    for (const auto& s : r.stages)
      stages.push_back(json::object{{"stage", s.name},
                                    {"from", to_string(s.when.from)},
                                    {"to", json_date(s.when.to)}});
    project = json::object{{"id", r.project->str()},
                           {"name", r.project_name},
                           {"stewards", std::move(stewards)},
                           {"stages", std::move(stages)}};
  }
  json::value foundation = nullptr;
  if (r.foundation) {
    json::array tiers;
    for (const auto& t : r.tiers)
      tiers.push_back(
          json::object{{"id", t.id.str()}, {"name", t.name}, {"rank", t.rank}});
    json::array members;
    for (const auto& p : r.points) {
      json::object counts;
      for (std::size_t i = 0; i < r.tiers.size(); ++i)
        counts[r.tiers[i].id.str()] = p.counts[i];
      members.push_back(json::object{{"date", to_string(p.on)},
                                     {"counts", std::move(counts)},
                                     {"total", p.total()}});
    }
    json::array changes;
    for (const auto& c : r.member_changes)
      changes.push_back(json::object{{"org", c.org.str()},
                                     {"name", c.name},
                                     {"date", to_string(c.on)},
                                     {"from_tier", json_id(c.from_tier)},
                                     {"to_tier", json_id(c.to_tier)}});
    foundation = json::object{{"id", r.foundation->str()},
                              {"name", r.foundation_name},
                              {"tiers", std::move(tiers)},
                              {"members", std::move(members)},
                              {"member_changes", std::move(changes)}};
  }
  return json::object{
      {"project", std::move(project)},
      {"foundation", std::move(foundation)},
      {"from", r.span ? json::value(to_string(r.span->from)) : nullptr},
      {"to", r.span ? json::value(to_string(*r.span->to)) : nullptr}};
}

}  // namespace charter::detail
