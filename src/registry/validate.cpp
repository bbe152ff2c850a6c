// Validating a transaction: every record written, then the records that
// depend on them, each problem placed by the transaction's locator.

#include <charter/batch.hpp>
#include <charter/id.hpp>
#include <charter/limits.hpp>
#include <charter/model.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <variant>
#include <vector>

#include "registry/applier.hpp"

namespace charter::detail {

namespace {

// A field for a message that names it, since a problem of a record (not of
// a document) is shown without its pointer: "/tiers/0/name" is
// 'tiers/0/name'.
std::string quoted_field(std::string_view field) {
  if (!field.empty() && field.front() == '/') field.remove_prefix(1);
  return fmt::format("'{}'", field);
}

}  // namespace

void applier::check_id(const record_key& key, const std::string& id,
                       const char* kind) {
  if (!is_slug(id))
    report(key, "/id", id,
           fmt::format(
               "{} id '{}' is not a slug ([a-z0-9][a-z0-9._-]*, at most 64)",
               kind, id));
}

void applier::check_period(const record_key& key, std::string_view field_prefix,
                           const period& p, const std::string& id) {
  if (!p.ok())
    report(key, fmt::format("{}/to", field_prefix), id,
           fmt::format("'to' ({}) is not after 'from' ({})", to_string(*p.to),
                       to_string(p.from)));
}

void applier::check_name(const record_key& key, std::string_view field,
                         const std::string& name, const std::string& id) {
  if (name.empty())
    report(key, field, id,
           fmt::format("{} must not be empty", quoted_field(field)));
  else
    check_text(key, field, name, id);
}

void applier::check_text(const record_key& key, std::string_view field,
                         std::string_view text, const std::string& id) {
  if (text.size() > max_text_bytes)
    report(key, field, id,
           fmt::format("{} is {} bytes long, longer than the limit of {} bytes",
                       quoted_field(field), text.size(), max_text_bytes));
}

void applier::check_texts(const record_key& key, std::string_view field,
                          const std::vector<std::string>& texts,
                          const std::string& id) {
  for (std::size_t i = 0; i < texts.size(); ++i)
    if (texts[i].size() > max_text_bytes)
      check_text(key, fmt::format("{}/{}", field, i), texts[i], id);
}

void applier::check_org_ref(const record_key& key, std::string_view field,
                            const org_id& org) {
  if (!org_exists(org))
    report(key, field, org.str(),
           fmt::format("no organization '{}'", org.str()));
}

void applier::validate(const organization& o) {
  const record_key key = o.id;
  check_id(key, o.id.str(), "organization");
  check_name(key, "/name", o.name, o.id.str());
  check_texts(key, "/aliases", o.aliases, o.id.str());
  check_texts(key, "/domains", o.domains, o.id.str());
  if (!o.parent) return;
  if (!org_exists(*o.parent)) {
    check_org_ref(key, "/parent", *o.parent);
    return;
  }
  std::vector<std::string> chain{o.id.str()};
  for (const organization* at = s_.orgs.find(o.parent->str()); at;
       at = at->parent ? s_.orgs.find(at->parent->str()) : nullptr) {
    chain.push_back(at->id.str());
    if (at->id == o.id || chain.size() > s_.orgs.rows.size() + 1) {
      report(key, "/parent", o.id.str(),
             fmt::format("parent chain loops: {}", fmt::join(chain, " -> ")));
      return;
    }
  }
}

void applier::validate(const person& p, slot at) {
  const record_key key = p.id;
  check_id(key, p.id.str(), "person");
  check_name(key, "/name", p.name, p.id.str());
  check_texts(key, "/emails", p.emails, p.id.str());
  for (const auto& [site, handle] : p.handles) {
    check_text(key, "/handles", site, p.id.str());
    check_text(key, fmt::format("/handles/{}", site), handle, p.id.str());
  }
  for (std::size_t i = 0; i < p.affiliations.size(); ++i)
    check_text(key, fmt::format("/affiliations/{}/title", i),
               p.affiliations[i].title, p.id.str());
  if (s_.ties_checked(at)) return;  // when it was inserted
  for (std::size_t i = 0; i < p.affiliations.size(); ++i) {
    // The places are formatted only for a problem: people have millions.
    const auto& a = p.affiliations[i];
    if (!org_exists(a.org))
      check_org_ref(key, fmt::format("/affiliations/{}/org", i), a.org);
    if (!a.when.ok())
      check_period(key, fmt::format("/affiliations/{}", i), a.when, p.id.str());
  }
}

void applier::validate(const foundation& f) {
  const record_key key = f.id;
  check_id(key, f.id.str(), "foundation");
  check_name(key, "/name", f.name, f.id.str());
  if (f.parent) {
    if (!foundation_exists(*f.parent)) {
      report(key, "/parent", f.parent->str(),
             fmt::format("no foundation '{}'", f.parent->str()));
    } else {
      std::vector<std::string> chain{f.id.str()};
      for (const foundation* at = s_.foundations.find(f.parent->str()); at;
           at = at->parent ? s_.foundations.find(at->parent->str()) : nullptr) {
        chain.push_back(at->id.str());
        if (at->id == f.id || chain.size() > s_.foundations.rows.size() + 1) {
          report(
              key, "/parent", f.id.str(),
              fmt::format("parent chain loops: {}", fmt::join(chain, " -> ")));
          break;
        }
      }
    }
  }
  if (f.dues) {
    if (f.dues->due_days && *f.dues->due_days < 0)
      report(key, "/dues/due_days", f.id.str(),
             "'due_days' must not be negative");
    if (f.dues->grace_days && *f.dues->grace_days < 0)
      report(key, "/dues/grace_days", f.id.str(),
             "'grace_days' must not be negative");
  }
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < f.tiers.size(); ++i) {
    const auto& t = f.tiers[i];
    check_name(key, fmt::format("/tiers/{}/name", i), t.name, t.id.str());
    if (t.rank < 1)
      report(
          key, fmt::format("/tiers/{}/rank", i), t.id.str(),
          fmt::format("the rank of tier '{}' must be at least 1", t.id.str()));
    if (t.annual_fee) {
      const auto& c = t.annual_fee->currency;
      if (t.annual_fee->cents < 0)
        report(key, fmt::format("/tiers/{}/annual_fee/amount", i), t.id.str(),
               fmt::format("the annual fee of tier '{}' must not be negative",
                           t.id.str()));
      if (c.size() != 3 || !std::all_of(c.begin(), c.end(), [](char x) {
            return x >= 'A' && x <= 'Z';
          }))
        report(key, fmt::format("/tiers/{}/annual_fee/currency", i), t.id.str(),
               fmt::format(
                   "'{}' is not a currency code (three capital letters)", c));
    }
    if (!is_slug(t.id.str()))
      report(key, fmt::format("/tiers/{}/id", i), t.id.str(),
             fmt::format("tier id '{}' is not a slug", t.id.str()));
    if (!seen.insert(t.id.str()).second)
      report(key, fmt::format("/tiers/{}/id", i), t.id.str(),
             fmt::format("duplicate tier id '{}' in foundation '{}'",
                         t.id.str(), f.id.str()));
    for (std::size_t j = 0; j < t.requirements.size(); ++j) {
      const auto& r = t.requirements[j];
      const foundation* other = s_.foundations.find(r.foundation.str());
      if (!other)
        report(key, fmt::format("/tiers/{}/requires/{}/foundation", i, j),
               r.foundation.str(),
               fmt::format("no foundation '{}'", r.foundation.str()));
      else if (!other->find_tier(r.min_tier))
        report(key, fmt::format("/tiers/{}/requires/{}/min_tier", i, j),
               r.min_tier.str(),
               fmt::format("foundation '{}' has no tier '{}'",
                           r.foundation.str(), r.min_tier.str()));
    }
  }
}

void applier::validate(const project& p) {
  const record_key key = p.id;
  check_id(key, p.id.str(), "project");
  check_name(key, "/name", p.name, p.id.str());
  for (std::size_t i = 0; i < p.stewards.size(); ++i) {
    const auto& st = p.stewards[i];
    if (std::holds_alternative<org_id>(st.who))
      check_org_ref(key, fmt::format("/stewards/{}/org", i),
                    std::get<org_id>(st.who));
    else if (!foundation_exists(std::get<foundation_id>(st.who)))
      report(key, fmt::format("/stewards/{}/foundation", i), str(st.who),
             fmt::format("no foundation '{}'", str(st.who)));
    check_period(key, fmt::format("/stewards/{}", i), st.when, p.id.str());
    for (std::size_t j = 0; j < i; ++j) {
      if (p.stewards[j].when.overlaps(st.when) && st.when.ok() &&
          p.stewards[j].when.ok())
        report(
            key, fmt::format("/stewards/{}", i), p.id.str(),
            fmt::format("steward '{}' ({}) overlaps steward '{}' ({}): a "
                        "project has one home at a time",
                        str(st.who), to_string(st.when), str(p.stewards[j].who),
                        to_string(p.stewards[j].when)));
    }
  }
  for (std::size_t i = 0; i < p.stages.size(); ++i) {
    check_name(key, fmt::format("/stages/{}/stage", i), p.stages[i].name,
               p.id.str());
    check_period(key, fmt::format("/stages/{}", i), p.stages[i].when,
                 p.id.str());
  }
}

// The foundations whose tiers a body's seat classes may name.
std::vector<const foundation*> applier::tier_sources(const body& b) const {
  std::vector<const foundation*> out;
  if (const auto* f = std::get_if<foundation_id>(&b.owner)) {
    if (auto* found = s_.foundations.find(f->str())) out.push_back(found);
  } else if (const auto* p =
                 s_.projects.find(std::get<project_id>(b.owner).str())) {
    for (const auto& st : p->stewards)
      if (const auto* steward = std::get_if<foundation_id>(&st.who))
        if (auto* found = s_.foundations.find(steward->str()))
          out.push_back(found);
  }
  return out;
}

void applier::validate(const body& b) {
  const record_key key = b.id;
  check_id(key, b.id.str(), "body");
  check_name(key, "/name", b.name, b.id.str());
  check_name(key, "/kind", b.kind, b.id.str());
  if (const auto* f = std::get_if<foundation_id>(&b.owner)) {
    if (!foundation_exists(*f))
      report(key, "/foundation", f->str(),
             fmt::format("no foundation '{}'", f->str()));
  } else if (!s_.projects.slots.contains(str(b.owner))) {
    report(key, "/project", str(b.owner),
           fmt::format("no project '{}'", str(b.owner)));
  }
  const auto sources = tier_sources(b);
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < b.seat_classes.size(); ++i) {
    const auto& c = b.seat_classes[i];
    const auto at = [i](std::string_view field) {
      return fmt::format("/seat_classes/{}/{}", i, field);
    };
    if (!is_slug(c.id.str()))
      report(key, at("id"), c.id.str(),
             fmt::format("seat class id '{}' is not a slug", c.id.str()));
    if (!seen.insert(c.id.str()).second)
      report(key, at("id"), c.id.str(),
             fmt::format("duplicate seat class '{}' in body '{}'", c.id.str(),
                         b.id.str()));
    if (c.mode == seat_mode::per_member || c.mode == seat_mode::elected) {
      if (!c.tier) {
        report(key, at("tier"), c.id.str(),
               fmt::format("a {} seat class needs a tier", to_string(c.mode)));
      } else if (std::none_of(sources.begin(), sources.end(),
                              [&](const foundation* f) {
                                return f->find_tier(*c.tier);
                              })) {
        report(key, at("tier"), c.tier->str(),
               fmt::format("no tier '{}' in the foundation of body '{}'",
                           c.tier->str(), b.id.str()));
      }
    }
    if (c.mode == seat_mode::elected) {
      if (c.per < 1)
        report(key, at("per"), c.id.str(), "'per' must be at least 1");
      if (c.min && c.max && *c.min > *c.max)
        report(key, at("max"), c.id.str(),
               fmt::format("'max' ({}) is below 'min' ({})", *c.max, *c.min));
      if ((c.min && *c.min < 0) || (c.max && *c.max < 0))
        report(key, at("min"), c.id.str(),
               "'min' and 'max' must not be negative");
    }
    if (c.mode == seat_mode::fixed && c.count < 0)
      report(key, at("count"), c.id.str(), "'count' must not be negative");
    if (c.mode == seat_mode::ex_officio && c.role.empty())
      report(key, at("role"), c.id.str(),
             "an ex-officio seat class needs a role");
    check_text(key, at("role"), c.role, c.id.str());
  }
  const auto& r = b.rules;
  for (std::size_t i = 0; i < r.exclusive_with.size(); ++i)
    if (!s_.bodies.slots.contains(r.exclusive_with[i].str()))
      report(key, fmt::format("/rules/exclusive_with/{}", i),
             r.exclusive_with[i].str(),
             fmt::format("no body '{}'", r.exclusive_with[i].str()));
  if (r.max_per_family && *r.max_per_family < 1)
    report(key, "/rules/max_per_family", b.id.str(),
           "'max_per_family' must be at least 1");
  if (r.max_fraction_per_family &&
      !(*r.max_fraction_per_family > 0 && *r.max_fraction_per_family <= 1))
    report(key, "/rules/max_fraction_per_family", b.id.str(),
           "'max_fraction_per_family' must be above 0 and at most 1");
  if (r.quorum && !(*r.quorum > 0 && *r.quorum <= 1))
    report(key, "/rules/quorum", b.id.str(),
           "'quorum' must be above 0 and at most 1");
  if (r.term_years && *r.term_years < 1)
    report(key, "/rules/term_years", b.id.str(),
           "'term_years' must be at least 1");
  if (r.max_consecutive_terms && *r.max_consecutive_terms < 1)
    report(key, "/rules/max_consecutive_terms", b.id.str(),
           "'max_consecutive_terms' must be at least 1");
  if (r.min_size && r.max_size && *r.min_size > *r.max_size)
    report(key, "/rules/max_size", b.id.str(),
           fmt::format("'max_size' ({}) is below 'min_size' ({})", *r.max_size,
                       *r.min_size));
  validate_governance(b);
}

void applier::validate(const membership& m, slot at) {
  const record_key key = key_of(m);
  const auto& id = m.org.str();
  check_org_ref(key, "/org", m.org);
  const foundation* f = s_.foundations.find(m.foundation.str());
  if (!f)
    report(key, "/foundation", m.foundation.str(),
           fmt::format("no foundation '{}'", m.foundation.str()));
  else if (!f->find_tier(m.tier))
    report(key, "/tier", m.tier.str(),
           fmt::format("foundation '{}' has no tier '{}'", m.foundation.str(),
                       m.tier.str()));
  check_period(key, "", m.when, id);
  if (!m.when.ok()) return;
  // The index entries carry the foundation's slot and the period: rows
  // are read only for an overlap (or a foundation that is missing).
  const auto mine =
      dated(at, f ? static_cast<slot>(f - s_.foundations.rows.data()) : no_slot,
            m.when);
  for (const auto& e : entries_in(s_.memberships_by_org, m.org.str())) {
    const slot i = e.row;
    if (i == at)
      continue;  // the primary key is unique: no other row is this one
    if (f ? e.aux != mine.aux
          : s_.memberships.rows[i].foundation != m.foundation)
      continue;
    if (!(e.from < e.to) || !(e.from < mine.to && mine.from < e.to))
      continue;  // not ok(), or no overlap
    const auto& other = s_.memberships.rows[i];
    // Report an overlap once, on the later record, when both were written.
    if (was_written({record_kind::membership, i}) &&
        key_fields(other) > key_fields(m))
      continue;
    report(key, "/from", id,
           fmt::format(
               "membership of '{}' in '{}' ({}) overlaps its membership {}",
               m.org.str(), m.foundation.str(), to_string(m.when),
               to_string(other.when)));
  }
}

void applier::validate(const seat& st) {
  const record_key key = key_of(st);
  const body* b = s_.bodies.find(st.body.str());
  if (!b) {
    report(key, "/body", st.body.str(),
           fmt::format("no body '{}'", st.body.str()));
  } else if (const seat_class* c = b->find_class(st.seat_class); !c) {
    report(key, "/class", st.seat_class.str(),
           fmt::format("body '{}' has no seat class '{}'", st.body.str(),
                       st.seat_class.str()));
  } else if (c->mode == seat_mode::per_member && !st.represents) {
    report(key, "/represents", st.person.str(),
           fmt::format("a seat of the per-member class '{}' must name the "
                       "organization it represents",
                       c->id.str()));
  }
  if (!s_.people.slots.contains(st.person.str()))
    report(key, "/person", st.person.str(),
           fmt::format("no person '{}'", st.person.str()));
  if (st.represents) check_org_ref(key, "/represents", *st.represents);
  check_period(key, "", st.when, st.person.str());
  if (st.alternate_for) {
    if (*st.alternate_for == st.person)
      report(
          key, "/alternate_for", st.person.str(),
          fmt::format("'{}' cannot be their own alternate", st.person.str()));
    else
      check_person_ref(key, "/alternate_for", *st.alternate_for);
  }
}

void applier::validate(const role& r) {
  const record_key key = key_of(r);
  if (!s_.people.slots.contains(r.person.str()))
    report(key, "/person", r.person.str(),
           fmt::format("no person '{}'", r.person.str()));
  if (r.title.empty())
    report(key, "/title", r.person.str(), "a role needs a title");
  check_text(key, "/title", r.title, r.person.str());
  static constexpr const char* fields[] = {"/foundation", "/project", "/body"};
  static constexpr const char* kinds[] = {"foundation", "project", "body"};
  const bool exists = std::visit(
      [this](const auto& id) {
        using T = std::decay_t<decltype(id)>;
        if constexpr (std::is_same_v<T, foundation_id>)
          return s_.foundations.slots.contains(id.str());
        else if constexpr (std::is_same_v<T, project_id>)
          return s_.projects.slots.contains(id.str());
        else
          return s_.bodies.slots.contains(id.str());
      },
      r.scope);
  if (!exists)
    report(key, fields[r.scope.index()], str(r.scope),
           fmt::format("no {} '{}'", kinds[r.scope.index()], str(r.scope)));
  check_period(key, "", r.when, r.person.str());
}

// ---- Governance records (issue 17)

namespace {

bool is_currency(const std::string& c) {
  return c.size() == 3 && std::all_of(c.begin(), c.end(), [](char x) {
           return x >= 'A' && x <= 'Z';
         });
}

}  // namespace

void applier::check_person_ref(const record_key& key, std::string_view field,
                               const person_id& p) {
  if (!s_.people.slots.contains(p.str()))
    report(key, field, p.str(), fmt::format("no person '{}'", p.str()));
}

// A body's rules and reporting schedule of the governance records.
void applier::validate_governance(const body& b) {
  const record_key key = b.id;
  if (b.rules.suspend_after_missed && *b.rules.suspend_after_missed < 1)
    report(key, "/rules/suspend_after_missed", b.id.str(),
           "'suspend_after_missed' must be at least 1");
  if (!b.reporting) return;
  const auto& rep = *b.reporting;
  if (rep.to == b.id)
    report(key, "/reporting/to", b.id.str(),
           fmt::format("body '{}' cannot report to itself", b.id.str()));
  else if (!s_.bodies.slots.contains(rep.to.str()))
    report(key, "/reporting/to", rep.to.str(),
           fmt::format("no body '{}'", rep.to.str()));
  if (rep.months.empty())
    report(key, "/reporting/months", b.id.str(),
           "'months' must name at least one month");
  unsigned seen = 0;
  for (std::size_t i = 0; i < rep.months.size(); ++i) {
    const int m = rep.months[i];
    const auto at = fmt::format("/reporting/months/{}", i);
    if (m < 1 || m > 12)
      report(key, at, b.id.str(),
             fmt::format("month {} is not between 1 and 12", m));
    else if (seen & (1u << m))
      report(key, at, b.id.str(), fmt::format("month {} is repeated", m));
    else
      seen |= 1u << m;
  }
}

void applier::validate(const meeting& m) {
  const record_key key = m.id;
  check_id(key, m.id.str(), "meeting");
  if (!s_.bodies.slots.contains(m.body.str()))
    report(key, "/body", m.body.str(),
           fmt::format("no body '{}'", m.body.str()));
  std::unordered_set<std::string_view> listed;
  for (std::size_t i = 0; i < m.attendance.size(); ++i) {
    const auto& a = m.attendance[i];
    const auto at = [i](std::string_view field) {
      return fmt::format("/attendance/{}/{}", i, field);
    };
    check_person_ref(key, at("person"), a.person);
    if (!listed.insert(a.person.str()).second)
      report(key, at("person"), a.person.str(),
             fmt::format("'{}' is listed twice in the attendance of meeting "
                         "'{}'",
                         a.person.str(), m.id.str()));
    if (a.status == attendance_status::represented) {
      if (!a.by)
        report(key, at("by"), a.person.str(),
               "a 'represented' attendee needs 'by', who acted for them");
      else if (*a.by == a.person)
        report(key, at("by"), a.person.str(),
               fmt::format("'{}' cannot represent themselves", a.person.str()));
      else
        check_person_ref(key, at("by"), *a.by);
    } else if (a.by) {
      report(key, at("by"), a.person.str(),
             fmt::format("'by' applies only to a 'represented' attendee, not "
                         "to one '{}'",
                         to_string(a.status)));
    }
  }
  for (std::size_t i = 0; i < m.votes.size(); ++i) {
    const auto& v = m.votes[i];
    const auto at = [i](std::string_view field) {
      return fmt::format("/votes/{}/{}", i, field);
    };
    check_name(key, at("motion"), v.motion, m.id.str());
    if (v.yes < 0) report(key, at("yes"), m.id.str(), "'yes' is negative");
    if (v.no < 0) report(key, at("no"), m.id.str(), "'no' is negative");
    if (v.abstain < 0)
      report(key, at("abstain"), m.id.str(), "'abstain' is negative");
  }
}

void applier::validate(const invoice& inv) {
  const record_key key = inv.id;
  check_id(key, inv.id.str(), "invoice");
  check_org_ref(key, "/org", inv.org);
  if (!foundation_exists(inv.foundation))
    report(key, "/foundation", inv.foundation.str(),
           fmt::format("no foundation '{}'", inv.foundation.str()));
  if (inv.due && *inv.due < inv.issued)
    report(key, "/due", inv.id.str(),
           fmt::format("'due' ({}) is before 'issued' ({})",
                       to_string(*inv.due), to_string(inv.issued)));
  if (inv.amount.cents < 0)
    report(key, "/amount/amount", inv.id.str(),
           "the amount of an invoice must not be negative");
  if (!is_currency(inv.amount.currency))
    report(key, "/amount/currency", inv.id.str(),
           fmt::format("'{}' is not a currency code (three capital letters)",
                       inv.amount.currency));
  for (std::size_t i = 0; i < inv.payments.size(); ++i) {
    const auto& p = inv.payments[i];
    if (p.amount.currency != inv.amount.currency)
      report(key, fmt::format("/payments/{}/amount/currency", i), inv.id.str(),
             fmt::format("a payment in {} toward an invoice in {}: payments "
                         "are in the invoice's currency",
                         p.amount.currency, inv.amount.currency));
    if (p.amount.cents <= 0)
      report(key, fmt::format("/payments/{}/amount/amount", i), inv.id.str(),
             "a payment must be more than zero");
  }
}

void applier::validate(const submitted_report& r) {
  const record_key key = key_of(r);
  if (!s_.bodies.slots.contains(r.body.str()))
    report(key, "/body", r.body.str(),
           fmt::format("no body '{}'", r.body.str()));
  if (!r.month.ok()) report(key, "/month", r.body.str(), "not a month");
}

void applier::validate(const election& e) {
  const record_key key = e.id;
  const auto& id = e.id.str();
  check_id(key, id, "election");
  const body* b = s_.bodies.find(e.body.str());
  if (!b)
    report(key, "/body", e.body.str(),
           fmt::format("no body '{}'", e.body.str()));
  else if (!b->find_class(e.seat_class))
    report(key, "/class", e.seat_class.str(),
           fmt::format("body '{}' has no seat class '{}'", e.body.str(),
                       e.seat_class.str()));
  if (e.seats < 1) report(key, "/seats", id, "'seats' must be at least 1");
  if (e.term_end && *e.term_end <= e.seated)
    report(key, "/term_end", id,
           fmt::format("'term_end' ({}) is not after 'seated' ({})",
                       to_string(*e.term_end), to_string(e.seated)));
  check_text(key, "/eligibility", e.eligibility, id);
  std::unordered_set<std::string> standing;
  for (std::size_t i = 0; i < e.candidates.size(); ++i) {
    const auto& c = e.candidates[i];
    if (!s_.people.slots.contains(c.person.str()))
      report(key, fmt::format("/candidates/{}/person", i), c.person.str(),
             fmt::format("no person '{}'", c.person.str()));
    if (!standing.insert(c.person.str()).second)
      report(key, fmt::format("/candidates/{}/person", i), c.person.str(),
             fmt::format("'{}' stands twice", c.person.str()));
    if (c.org) check_org_ref(key, fmt::format("/candidates/{}/org", i), *c.org);
  }
}

// The records a write may have broken without being written themselves:
// a foundation's memberships, bodies (its own and those of the projects
// it stewards) and the foundations whose tiers require it; a body's
// seats and elections; a project's bodies.
std::vector<applier::record_slot> applier::dependents() const {
  std::vector<record_slot> todo;
  if (bulk_) return todo;  // every record was written
  std::unordered_set<std::uint64_t> added;
  auto add = [&](record_kind kind, slot at) {
    const record_slot r{kind, at};
    if (!was_written(r) && added.insert(code(r)).second) todo.push_back(r);
  };
  each_written([&](record_kind kind, slot at) {
    switch (kind) {
      case record_kind::foundation: {
        const auto& f = s_.foundations.rows[at].id;
        for (const auto& e : entries_in(s_.memberships_by_foundation, f.str()))
          add(record_kind::membership, e.row);
        for (slot j : slots_in(s_.bodies_by_foundation, f.str()))
          add(record_kind::body, j);
        for (slot j : slots_in(s_.projects_by_foundation_steward, f.str()))
          for (slot k :
               slots_in(s_.bodies_by_project, s_.projects.rows[j].id.str()))
            add(record_kind::body, k);
        for (slot j = 0; j < s_.foundations.rows.size(); ++j)
          for (const auto& t : s_.foundations.rows[j].tiers)
            for (const auto& r : t.requirements)
              if (r.foundation == f) add(record_kind::foundation, j);
        break;
      }
      case record_kind::body:
        for (slot j : slots_in(s_.seats_by_body, s_.bodies.rows[at].id.str()))
          add(record_kind::seat, j);
        for (slot j :
             slots_in(s_.elections_by_body, s_.bodies.rows[at].id.str()))
          add(record_kind::election, j);
        break;
      case record_kind::project:
        for (slot j :
             slots_in(s_.bodies_by_project, s_.projects.rows[at].id.str()))
          add(record_kind::body, j);
        break;
      default:
        break;
    }
  });
  return todo;
}

// The records written, then their dependents.
void applier::validate() {
  each_written([this](record_kind kind, slot at) { validate(kind, at); });
  for (const auto& [kind, at] : dependents()) validate(kind, at);
}

void applier::validate(record_kind kind, slot at) {
  switch (kind) {
    case record_kind::organization:
      validate(s_.orgs.rows[at]);
      break;
    case record_kind::person:
      validate(s_.people.rows[at], at);
      break;
    case record_kind::foundation:
      validate(s_.foundations.rows[at]);
      break;
    case record_kind::project:
      validate(s_.projects.rows[at]);
      break;
    case record_kind::body:
      validate(s_.bodies.rows[at]);
      break;
    case record_kind::membership:
      validate(s_.memberships.rows[at], at);
      break;
    case record_kind::seat:
      validate(s_.seats.rows[at]);
      break;
    case record_kind::role:
      validate(s_.roles.rows[at]);
      break;
    case record_kind::meeting:
      validate(s_.meetings.rows[at]);
      break;
    case record_kind::invoice:
      validate(s_.invoices.rows[at]);
      break;
    case record_kind::report:
      validate(s_.reports.rows[at]);
      break;
    case record_kind::election:
      validate(s_.elections.rows[at]);
      break;
  }
}

}  // namespace charter::detail
