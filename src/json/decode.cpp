// The record decoders: one JSON object of a collection into one record,
// every problem placed at its JSON Pointer; then the document's header and
// top-level members, and the places of the records for the registry's own
// problems.
#include "json/decode.hpp"

#include <charter/batch.hpp>
#include <charter/date.hpp>
#include <charter/error.hpp>
#include <charter/id.hpp>
#include <charter/model.hpp>
#include <charter/registry.hpp>

#include <boost/json/value.hpp>
#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "json/fields.hpp"
#include "json/format.hpp"
#include "json/places.hpp"
#include "json/pointer.hpp"

namespace charter::detail {

namespace {

constexpr std::string_view org_kinds =
    "company, nonprofit, academic, government, foundation or other";
constexpr std::string_view seat_modes =
    "per-member, elected, fixed or ex-officio";
constexpr std::string_view offices =
    "chair, vice-chair, treasurer or secretary";
constexpr std::string_view appointment_kinds =
    "entitlement, election, appointment or ex-officio";
constexpr std::string_view meeting_kinds = "regular or special";
constexpr std::string_view attendance_statuses =
    "present, absent or represented";
constexpr std::string_view count_methods = "schulze, scottish-stv or meek-stv";
constexpr std::string_view unranked_rules = "ignored or below";

}  // namespace

void document_decoder::element(record_kind collection, std::size_t index,
                               json::value& value, std::string at) {
  if (!value.is_object()) {
    d_.report(std::move(at), fmt::format("expected an object, found {}",
                                         kind_name(value.kind())));
    return;
  }
  if (index > place_index::max_element) {
    d_.report(std::move(at), "too many records");
    return;
  }
  here_ = {collection, index};
  json::object& o = value.get_object();
  switch (collection) {
    case record_kind::organization:
      read_organization(o, std::move(at));
      break;
    case record_kind::person:
      read_person(o, std::move(at));
      break;
    case record_kind::foundation:
      read_foundation(o, std::move(at));
      break;
    case record_kind::project:
      read_project(o, std::move(at));
      break;
    case record_kind::membership:
      read_membership(o, std::move(at));
      break;
    case record_kind::body:
      read_body(o, std::move(at));
      break;
    case record_kind::seat:
      read_seat(o, std::move(at));
      break;
    case record_kind::role:
      read_role(o, std::move(at));
      break;
    case record_kind::meeting:
      read_meeting(o, std::move(at));
      break;
    case record_kind::invoice:
      read_invoice(o, std::move(at));
      break;
    case record_kind::report:
      read_report(o, std::move(at));
      break;
    case record_kind::election:
      read_election(o, std::move(at));
      break;
  }
}

void document_decoder::check(std::vector<problem> problems) {
  json_decoder top;
  check_top(top);
  // A document of another format or version would only drown the reader
  // in problems that are not its own: report the header alone.
  if (top.count() > 0) throw validation_error(std::move(top.problems()));
  check_members(top);
  for (auto& p : top.problems()) problems.push_back(std::move(p));
  for (auto& p : d_.problems()) problems.push_back(std::move(p));
  if (problems.size() > max_problems) problems.resize(max_problems);
  if (!problems.empty()) throw validation_error(std::move(problems));
}

locator document_decoder::where() const {
  return [places = places_](const record_key& key, std::string_view field) {
    if (auto p = places->find(fingerprint_of(key)))
      return fmt::format("/{}/{}{}", collection_name(p->collection), p->element,
                         field);
    // A record of the registry, not of the document (one a merge broke):
    // the problem names it (problem::record) and has no place here.
    return std::string{};
  };
}

void document_decoder::check_top(json_decoder& top) {
  if (root_kind_) {
    top.report({}, fmt::format("expected an object, found {}",
                               kind_name(*root_kind_)));
    return;
  }
  json_fields header(top, top_, {}, {});
  if (auto format = header.string("format", true);
      format && *format != format_name) {
    top.report("/format", fmt::format(R"(unknown format "{}" (expected "{}"))",
                                      *format, format_name));
  }
  if (json::value* version = header.get("version", true)) {
    if (!version->is_int64())
      header.wrong_type("version", "an integer", *version);
    else if (version->get_int64() != format_version)
      top.report("/version",
                 fmt::format("unsupported version {} (this library reads "
                             "version {})",
                             version->get_int64(), format_version));
  }
}

namespace {
constexpr std::array<std::string_view, 2 + record_kind_count> top_level_members{
    "format",   "version",     "organizations", "people",   "foundations",
    "projects", "memberships", "bodies",        "seats",    "roles",
    "meetings", "invoices",    "reports",       "elections"};
}  // namespace

bool document_decoder::is_top_member(std::string_view key) noexcept {
  return key == "format" || key == "version" || collection_of(key);
}

void document_decoder::refuse_top_member(std::string_view key,
                                         std::vector<problem> problems) {
  // A wrong format or version read so far is reported alone, as at the end;
  // one not read yet may still come.
  json_decoder top;
  check_top(top);
  std::vector<problem> header;
  for (auto& p : top.problems())
    if (p.where.size() > 1 && top_.contains(p.where.substr(1)))
      header.push_back(std::move(p));
  if (!header.empty()) throw validation_error(std::move(header));
  for (auto& p : d_.problems()) problems.push_back(std::move(p));
  if (problems.size() >= max_problems) problems.resize(max_problems - 1);
  problems.push_back({child_pointer("", key),
                      {},
                      json_fields::unknown_field(key, top_level_members) +
                          "; the document is read no further"});
  throw validation_error(std::move(problems));
}

// Collections that are not arrays (the handler streams arrays only, so
// whatever is left here under a collection's name is something else). An
// unknown member was refused as soon as its key was read.
void document_decoder::check_members(json_decoder& top) {
  for (const record_kind kind : document_order) {
    const std::string_view name = collection_name(kind);
    const json::value* v =
        top_.if_contains(json::string_view(name.data(), name.size()));
    if (v && !v->is_null())
      top.report(
          child_pointer("", name),
          fmt::format("expected an array, found {}", kind_name(v->kind())));
  }
}

// Remembers where the record is, and reports it if its key was seen.
void document_decoder::place(const record_key& key, const std::string& at,
                             std::string_view key_field) {
  if (places_->add(fingerprint_of(key), here_)) {
    d_.report(key_field.empty() ? at : child_pointer(at, key_field),
              fmt::format("duplicate {}", to_string(key)),
              std::visit(
                  [](const auto& k) -> std::string {
                    if constexpr (requires { k.str(); })
                      return k.str();
                    else
                      return {};
                  },
                  key));
  }
}

void document_decoder::read_organization(json::object& o, std::string at) {
  json_fields f(
      d_, o, std::move(at),
      {"id", "name", "kind", "parent", "aliases", "domains", "extra"});
  organization r;
  auto id = f.id("id", true);
  r.name = f.string("name", true, false).value_or("");
  r.kind = enum_field(f, "kind", false, &parse_org_kind, org_kinds)
               .value_or(org_kind::company);
  if (auto parent = f.id("parent", false)) r.parent = org_id(*parent);
  r.aliases = f.strings("aliases");
  r.domains = f.strings("domains");
  r.extra = f.extra();
  if (id) {
    r.id = org_id(*id);
    place(r.id, f.at(), "id");
  }
  out_->add(std::move(r));
}

affiliation document_decoder::read_affiliation(json_fields& f) {
  affiliation a;
  if (auto org = f.id("org", true)) a.org = org_id(*org);
  a.when = f.when();
  a.title = f.string("title", false).value_or("");
  a.extra = f.extra();
  return a;
}

void document_decoder::read_person(json::object& o, std::string at) {
  json_fields f(d_, o, std::move(at),
                {"id", "name", "emails", "handles", "affiliations", "extra"});
  person r;
  auto id = f.id("id", true);
  r.name = f.string("name", true, false).value_or("");
  r.emails = f.strings("emails");
  if (json::object* handles = f.object("handles")) {
    const std::string base = f.at("handles");
    for (const auto& member : *handles) {
      const std::string_view key(member.key().data(), member.key().size());
      if (member.value().is_string()) {
        const json::string& s = member.value().get_string();
        r.handles.emplace(key, std::string(s.data(), s.size()));
      } else {
        d_.report(child_pointer(base, key),
                  fmt::format("expected a string, found {}",
                              kind_name(member.value().kind())));
      }
    }
  }
  if (json::array* ties = f.array("affiliations")) {
    const std::string base = f.at("affiliations");
    each_object(*ties, base, [&](json::object& t, std::string tat) {
      json_fields a(d_, t, std::move(tat),
                    {"org", "from", "to", "title", "extra"});
      r.affiliations.push_back(read_affiliation(a));
    });
  }
  r.extra = f.extra();
  if (id) {
    r.id = person_id(*id);
    place(r.id, f.at(), "id");
  }
  out_->add(std::move(r));
}

template <class Read>
void document_decoder::each_object(json::array& a, const std::string& base,
                                   Read read) {
  for (std::size_t i = 0; i < a.size() && !d_.full(); ++i) {
    json::value& v = a[i];
    std::string at = child_pointer(base, i);
    if (!v.is_object()) {
      d_.report(std::move(at), fmt::format("expected an object, found {}",
                                           kind_name(v.kind())));
      continue;
    }
    read(v.get_object(), std::move(at));
  }
}

tier document_decoder::read_tier(json_fields& f) {
  tier t;
  if (auto id = f.id("id", true)) t.id = tier_id(*id);
  t.name = f.string("name", true, false).value_or("");
  t.rank = f.integer("rank", true, 1).value_or(1);
  t.annual_fee = money_field(f, "annual_fee");
  if (json::array* requirements = f.array("requires")) {
    each_object(
        *requirements, f.at("requires"), [&](json::object& o, std::string at) {
          json_fields r(d_, o, std::move(at), {"foundation", "min_tier"});
          tier_requirement req;
          if (auto foundation = r.id("foundation", true))
            req.foundation = foundation_id(*foundation);
          if (auto min_tier = r.id("min_tier", true))
            req.min_tier = tier_id(*min_tier);
          t.requirements.push_back(std::move(req));
        });
  }
  t.extra = f.extra();
  return t;
}

void document_decoder::read_foundation(json::object& o, std::string at) {
  json_fields f(d_, o, std::move(at),
                {"id", "name", "parent", "founded", "tiers", "dues", "extra"});
  foundation r;
  r.dues = read_dues(f);
  auto id = f.id("id", true);
  r.name = f.string("name", true, false).value_or("");
  if (auto parent = f.id("parent", false)) r.parent = foundation_id(*parent);
  r.founded = f.date_field("founded", false);
  if (json::array* tiers = f.array("tiers")) {
    std::unordered_set<std::string> seen;
    each_object(*tiers, f.at("tiers"), [&](json::object& t, std::string tat) {
      json_fields tf(d_, t, std::move(tat),
                     {"id", "name", "rank", "annual_fee", "requires", "extra"});
      tier value = read_tier(tf);
      if (!value.id.empty() && !seen.insert(value.id.str()).second)
        d_.report(tf.at("id"),
                  fmt::format("duplicate tier \"{}\"", value.id.str()),
                  value.id.str());
      r.tiers.push_back(std::move(value));
    });
  }
  r.extra = f.extra();
  if (id) {
    r.id = foundation_id(*id);
    place(r.id, f.at(), "id");
  }
  out_->add(std::move(r));
}

void document_decoder::read_project(json::object& o, std::string at) {
  json_fields f(d_, o, std::move(at),
                {"id", "name", "founded", "stewards", "stages", "extra"});
  project r;
  auto id = f.id("id", true);
  r.name = f.string("name", true, false).value_or("");
  r.founded = f.date_field("founded", false);
  if (json::array* stewards = f.array("stewards")) {
    each_object(*stewards, f.at("stewards"),
                [&](json::object& s, std::string sat) {
                  json_fields sf(d_, s, std::move(sat),
                                 {"org", "foundation", "from", "to", "extra"});
                  steward value;
                  if (auto which = sf.one_of({"org", "foundation"})) {
                    if (*which == 0) {
                      if (auto org = sf.id("org", true))
                        value.who = org_id(*org);
                    } else {
                      if (auto fid = sf.id("foundation", true))
                        value.who = foundation_id(*fid);
                    }
                  }
                  value.when = sf.when();
                  value.extra = sf.extra();
                  r.stewards.push_back(std::move(value));
                });
  }
  if (json::array* stages = f.array("stages")) {
    each_object(*stages, f.at("stages"), [&](json::object& s, std::string sat) {
      json_fields sf(d_, s, std::move(sat), {"stage", "from", "to", "extra"});
      stage value;
      value.name = sf.string("stage", true, false).value_or("");
      value.when = sf.when();
      value.extra = sf.extra();
      r.stages.push_back(std::move(value));
    });
  }
  r.extra = f.extra();
  if (id) {
    r.id = project_id(*id);
    place(r.id, f.at(), "id");
  }
  out_->add(std::move(r));
}

seat_class document_decoder::read_seat_class(json_fields& f) {
  seat_class c;
  if (auto id = f.id("id", true)) c.id = seat_class_id(*id);
  auto mode = enum_field(f, "mode", true, &parse_seat_mode, seat_modes);
  if (mode) {
    c.mode = *mode;
    // Fields of other modes would be dropped on export: reject them.
    struct use {
      std::string_view field;
      bool per_member, elected, fixed, ex_officio;
    };
    static constexpr std::array<use, 7> uses{{
        {"tier", true, true, false, false},
        {"per", false, true, false, false},
        {"min", false, true, false, false},
        {"max", false, true, false, false},
        {"round", false, true, false, false},
        {"count", false, false, true, false},
        {"role", false, false, false, true},
    }};
    for (const use& u : uses) {
      const bool applies = *mode == seat_mode::per_member ? u.per_member
                           : *mode == seat_mode::elected  ? u.elected
                           : *mode == seat_mode::fixed    ? u.fixed
                                                          : u.ex_officio;
      if (!applies && f.has(u.field))
        d_.report(f.at(u.field),
                  fmt::format("\"{}\" does not apply to {} seat classes",
                              u.field, to_string(*mode)));
    }
  }
  const bool elected = mode == seat_mode::elected;
  const bool counted = elected || mode == seat_mode::per_member;
  if (!mode || counted) {
    if (auto tier = f.id("tier", counted)) c.tier = tier_id(*tier);
  }
  if (!mode || elected) {
    c.per = f.integer("per", elected, 1).value_or(1);
    c.min = f.integer("min", false);
    c.max = f.integer("max", false);
    if (c.min && c.max && *c.max < *c.min)
      d_.report(f.at("max"), R"("max" is less than "min")");
    c.round = enum_field(f, "round", false, &parse_rounding, "up or down")
                  .value_or(rounding::up);
  }
  if (!mode || mode == seat_mode::fixed)
    c.count = f.integer("count", mode.has_value()).value_or(0);
  if (!mode || mode == seat_mode::ex_officio)
    c.role = f.string("role", mode.has_value(), false).value_or("");
  c.voting = f.boolean("voting");
  c.extra = f.extra();
  return c;
}

body_rules document_decoder::read_rules(json_fields& f) {
  body_rules r;
  r.max_per_family = f.integer("max_per_family", false, 1);
  r.max_fraction_per_family = f.fraction("max_fraction_per_family");
  r.term_years = f.integer("term_years", false, 1);
  r.max_consecutive_terms = f.integer("max_consecutive_terms", false, 1);
  r.min_size = f.integer("min_size", false);
  r.max_size = f.integer("max_size", false);
  if (r.min_size && r.max_size && *r.max_size < *r.min_size)
    d_.report(f.at("max_size"), R"("max_size" is less than "min_size")");
  r.quorum = f.fraction("quorum");
  r.suspend_after_missed = f.integer("suspend_after_missed", false, 1);
  r.proxies = f.boolean("proxies").value_or(false);
  if (f.has("exclusive_with")) {
    const std::string base = f.at("exclusive_with");
    std::vector<std::string> ids = f.strings("exclusive_with");
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (!is_slug(ids[i]))
        d_.report(child_pointer(base, i),
                  fmt::format("\"{}\" is not a valid id", ids[i]), ids[i]);
      r.exclusive_with.emplace_back(std::move(ids[i]));
    }
  }
  return r;
}

void document_decoder::read_body(json::object& o, std::string at) {
  json_fields f(d_, o, std::move(at),
                {"id", "name", "kind", "foundation", "project", "seat_classes",
                 "rules", "reporting", "extra"});
  body r;
  auto id = f.id("id", true);
  r.name = f.string("name", true, false).value_or("");
  r.kind = f.string("kind", false, false).value_or("board");
  if (auto which = f.one_of({"foundation", "project"})) {
    if (*which == 0) {
      if (auto owner = f.id("foundation", true))
        r.owner = foundation_id(*owner);
    } else {
      if (auto owner = f.id("project", true)) r.owner = project_id(*owner);
    }
  }
  if (json::array* classes = f.array("seat_classes")) {
    std::unordered_set<std::string> seen;
    each_object(
        *classes, f.at("seat_classes"), [&](json::object& c, std::string cat) {
          json_fields cf(d_, c, std::move(cat),
                         {"id", "mode", "tier", "per", "min", "max", "round",
                          "count", "role", "voting", "extra"});
          seat_class value = read_seat_class(cf);
          if (!value.id.empty() && !seen.insert(value.id.str()).second)
            d_.report(
                cf.at("id"),
                fmt::format("duplicate seat class \"{}\"", value.id.str()),
                value.id.str());
          r.seat_classes.push_back(std::move(value));
        });
  }
  if (json::object* rules = f.object("rules")) {
    json_fields rf(d_, *rules, f.at("rules"),
                   {"max_per_family", "max_fraction_per_family", "term_years",
                    "max_consecutive_terms", "min_size", "max_size", "quorum",
                    "exclusive_with", "suspend_after_missed", "proxies"});
    r.rules = read_rules(rf);
  }
  r.reporting = read_reporting(f);
  r.extra = f.extra();
  if (id) {
    r.id = body_id(*id);
    place(r.id, f.at(), "id");
  }
  out_->add(std::move(r));
}

void document_decoder::read_membership(json::object& o, std::string at) {
  json_fields f(
      d_, o, std::move(at),
      {"org", "foundation", "tier", "from", "to", "founding", "extra"});
  membership r;
  auto org = f.id("org", true);
  auto foundation = f.id("foundation", true);
  if (auto tier = f.id("tier", true)) r.tier = tier_id(*tier);
  auto from = f.date_field("from", true);
  r.when.to = f.date_field("to", false);
  r.founding = f.boolean("founding").value_or(false);
  r.extra = f.extra();
  if (org) r.org = org_id(*org);
  if (foundation) r.foundation = foundation_id(*foundation);
  if (from) r.when.from = *from;
  if (org && foundation && from) place(key_of(r), f.at(), {});
  out_->add(std::move(r));
}

void document_decoder::read_seat(json::object& o, std::string at) {
  json_fields f(d_, o, std::move(at),
                {"body", "class", "person", "represents", "office", "voting",
                 "from", "to", "alternate_for", "appointed_by", "extra"});
  seat r;
  if (auto principal = f.id("alternate_for", false))
    r.alternate_for = person_id(*principal);
  r.appointed_by = enum_field(f, "appointed_by", false, &parse_appointment_kind,
                              appointment_kinds);
  auto body = f.id("body", true);
  auto seat_class = f.id("class", true);
  auto person = f.id("person", true);
  if (auto represents = f.id("represents", false))
    r.represents = org_id(*represents);
  r.office = enum_field(f, "office", false, &parse_office, offices);
  r.voting = f.boolean("voting");
  auto from = f.date_field("from", true);
  r.when.to = f.date_field("to", false);
  r.extra = f.extra();
  if (body) r.body = body_id(*body);
  if (seat_class) r.seat_class = seat_class_id(*seat_class);
  if (person) r.person = person_id(*person);
  if (from) r.when.from = *from;
  if (body && seat_class && person && from) place(key_of(r), f.at(), {});
  out_->add(std::move(r));
}

void document_decoder::read_role(json::object& o, std::string at) {
  json_fields f(d_, o, std::move(at),
                {"person", "title", "foundation", "project", "body", "from",
                 "to", "extra"});
  role r;
  auto person = f.id("person", true);
  auto title = f.string("title", true, false);
  std::optional<std::string> scope;
  if (auto which = f.one_of({"foundation", "project", "body"})) {
    switch (*which) {
      case 0:
        if ((scope = f.id("foundation", true))) r.scope = foundation_id(*scope);
        break;
      case 1:
        if ((scope = f.id("project", true))) r.scope = project_id(*scope);
        break;
      default:
        if ((scope = f.id("body", true))) r.scope = body_id(*scope);
        break;
    }
  }
  auto from = f.date_field("from", true);
  r.when.to = f.date_field("to", false);
  r.extra = f.extra();
  if (person) r.person = person_id(*person);
  if (title) r.title = std::move(*title);
  if (from) r.when.from = *from;
  if (person && title && scope && from) place(key_of(r), f.at(), {});
  out_->add(std::move(r));
}

void document_decoder::read_election(json::object& o, std::string at) {
  json_fields f(d_, o, std::move(at),
                {"id", "body", "class", "seats", "method", "unranked",
                 "candidates", "seated", "term_end", "eligibility", "extra"});
  election r;
  auto id = f.id("id", true);
  if (auto body = f.id("body", true)) r.body = body_id(*body);
  if (auto seat_class = f.id("class", true))
    r.seat_class = seat_class_id(*seat_class);
  if (auto seats = f.integer("seats", true, 1))
    r.seats = static_cast<std::size_t>(*seats);
  if (auto method =
          enum_field(f, "method", true, &parse_count_method, count_methods))
    r.method = *method;
  if (auto unranked = enum_field(f, "unranked", false, &parse_unranked_rule,
                                 unranked_rules))
    r.unranked = *unranked;
  if (json::array* candidates = f.array("candidates")) {
    each_object(*candidates, f.at("candidates"),
                [&](json::object& c, std::string cat) {
                  json_fields cf(d_, c, std::move(cat), {"person", "org"});
                  election_candidate value;
                  if (auto person = cf.id("person", true))
                    value.person = person_id(*person);
                  if (auto org = cf.id("org", false)) value.org = org_id(*org);
                  r.candidates.push_back(std::move(value));
                });
  }
  if (auto seated = f.date_field("seated", true)) r.seated = *seated;
  r.term_end = f.date_field("term_end", false);
  r.eligibility = f.string("eligibility", false).value_or("");
  r.extra = f.extra();
  if (id) {
    r.id = election_id(*id);
    place(r.id, f.at(), "id");
  }
  out_->add(std::move(r));
}

// ---- Governance records (issue 17)

std::optional<dues_policy> document_decoder::read_dues(json_fields& f) {
  json::object* o = f.object("dues");
  if (!o) return std::nullopt;
  json_fields d(d_, *o, f.at("dues"), {"due_days", "grace_days"});
  dues_policy p;
  p.due_days = d.integer("due_days", false);
  p.grace_days = d.integer("grace_days", false);
  return p;
}

std::optional<reporting_schedule> document_decoder::read_reporting(
    json_fields& f) {
  json::object* o = f.object("reporting");
  if (!o) return std::nullopt;
  json_fields rf(d_, *o, f.at("reporting"), {"to", "months", "from"});
  reporting_schedule r;
  if (auto to = rf.id("to", true)) r.to = body_id(*to);
  if (json::value* months = rf.get("months", true)) {
    if (!months->is_array()) {
      rf.wrong_type("months", "an array", *months);
    } else {
      const std::string base = rf.at("months");
      const json::array& a = months->get_array();
      for (std::size_t i = 0; i < a.size(); ++i) {
        // Whether each is a month of 1..12, and not repeated, is the
        // registry's check (the same for every way in).
        if (a[i].is_int64() && a[i].get_int64() >= -1000 &&
            a[i].get_int64() <= 1000)
          r.months.push_back(static_cast<int>(a[i].get_int64()));
        else
          d_.report(child_pointer(base, i),
                    fmt::format("expected a month from 1 to 12, found {}",
                                kind_name(a[i].kind())));
      }
    }
  }
  if (auto from = rf.string("from", false)) {
    if (auto m = try_parse_year_month(*from))
      r.from = *m;
    else
      d_.report(rf.at("from"),
                fmt::format("\"{}\" is not a month (expected YYYY-MM)", *from));
  }
  return r;
}

void document_decoder::read_meeting(json::object& o, std::string at) {
  json_fields f(d_, o, std::move(at),
                {"id", "body", "date", "kind", "attendance", "votes", "extra"});
  meeting r;
  auto id = f.id("id", true);
  if (auto b = f.id("body", true)) r.body = body_id(*b);
  if (auto on = f.date_field("date", true)) r.on = *on;
  r.kind = enum_field(f, "kind", true, &parse_meeting_kind, meeting_kinds)
               .value_or(meeting_kind::regular);
  if (json::array* rows = f.array("attendance")) {
    each_object(
        *rows, f.at("attendance"), [&](json::object& a, std::string aat) {
          json_fields af(d_, a, std::move(aat),
                         {"person", "status", "by", "extra"});
          attendee row;
          if (auto p = af.id("person", true)) row.person = person_id(*p);
          row.status = enum_field(af, "status", true, &parse_attendance_status,
                                  attendance_statuses)
                           .value_or(attendance_status::present);
          if (auto by = af.id("by", false)) row.by = person_id(*by);
          row.extra = af.extra();
          r.attendance.push_back(std::move(row));
        });
  }
  if (json::array* votes = f.array("votes")) {
    each_object(*votes, f.at("votes"), [&](json::object& v, std::string vat) {
      json_fields vf(d_, v, std::move(vat),
                     {"motion", "yes", "no", "abstain", "extra"});
      meeting_vote value;
      value.motion = vf.string("motion", true, false).value_or("");
      value.yes = vf.integer("yes", true).value_or(0);
      value.no = vf.integer("no", true).value_or(0);
      value.abstain = vf.integer("abstain", true).value_or(0);
      value.extra = vf.extra();
      r.votes.push_back(std::move(value));
    });
  }
  r.extra = f.extra();
  if (id) {
    r.id = meeting_id(*id);
    place(r.id, f.at(), "id");
  }
  out_->add(std::move(r));
}

void document_decoder::read_invoice(json::object& o, std::string at) {
  json_fields f(d_, o, std::move(at),
                {"id", "org", "foundation", "issued", "due", "amount",
                 "payments", "extra"});
  invoice r;
  auto id = f.id("id", true);
  if (auto org = f.id("org", true)) r.org = org_id(*org);
  if (auto fid = f.id("foundation", true)) r.foundation = foundation_id(*fid);
  if (auto issued = f.date_field("issued", true)) r.issued = *issued;
  r.due = f.date_field("due", false);
  if (!f.has("amount")) f.missing("amount");
  if (auto amount = money_field(f, "amount")) r.amount = std::move(*amount);
  if (json::array* payments = f.array("payments")) {
    each_object(
        *payments, f.at("payments"), [&](json::object& p, std::string pat) {
          json_fields pf(d_, p, std::move(pat), {"on", "amount", "extra"});
          payment value;
          if (auto on = pf.date_field("on", true)) value.on = *on;
          if (!pf.has("amount")) pf.missing("amount");
          if (auto amount = money_field(pf, "amount"))
            value.amount = std::move(*amount);
          value.extra = pf.extra();
          r.payments.push_back(std::move(value));
        });
  }
  r.extra = f.extra();
  if (id) {
    r.id = invoice_id(*id);
    place(r.id, f.at(), "id");
  }
  out_->add(std::move(r));
}

void document_decoder::read_report(json::object& o, std::string at) {
  json_fields f(d_, o, std::move(at), {"body", "month", "submitted", "extra"});
  submitted_report r;
  auto b = f.id("body", true);
  std::optional<year_month> month;
  if (auto text = f.string("month", true)) {
    month = try_parse_year_month(*text);
    if (!month)
      d_.report(f.at("month"),
                fmt::format("\"{}\" is not a month (expected YYYY-MM)", *text));
  }
  if (auto on = f.date_field("submitted", true)) r.submitted = *on;
  r.extra = f.extra();
  if (b) r.body = body_id(*b);
  if (month) r.month = *month;
  if (b && month) place(key_of(r), f.at(), {});
  out_->add(std::move(r));
}

}  // namespace charter::detail
