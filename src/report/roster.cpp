// The roster report: the members of a foundation on a date, by tier in rank
// order. Its model (make_roster) and its document (to_document), which the
// text, Markdown, CSV and HTML writers render; its JSON is in json.cpp.
#include <charter/report.hpp>

#include <fmt/format.h>

#include <algorithm>

#include "report/document.hpp"
#include "report/lookup.hpp"

namespace charter {

// ---- roster

std::size_t roster_report::total() const noexcept {
  std::size_t n = 0;
  for (const auto& t : tiers) n += t.members.size();
  return n;
}

roster_report make_roster(const registry& reg, const foundation_id& f,
                          date on) {
  const auto& fd = reg.at(f);
  roster_report r{f, fd.name, on, {}};
  for (const auto& group : reg.members(f, on)) {
    roster_tier t{group.tier->id,
                  group.tier->name,
                  group.tier->rank,
                  group.tier->annual_fee,
                  {}};
    for (const auto* m : group.members) {
      const auto& family = reg.family(m->org);
      const auto history = reg.membership_history(m->org, f);
      const bool founding =
          std::any_of(history.begin(), history.end(),
                      [](const membership* h) { return h->founding; });
      t.members.push_back(
          {m->org, detail::report_org_name(reg, m->org), family.id, family.name,
           reg.member_since(m->org, f, on).value_or(m->when.from), founding,
           group.tier->annual_fee});
    }
    detail::report_sort_by_name(t.members, [](const roster_member& m) {
      return std::pair<std::string_view, std::string_view>{m.name, m.org.str()};
    });
    r.tiers.push_back(std::move(t));
  }
  return r;
}

}  // namespace charter

namespace charter::detail {

// ---- roster

document to_document(const roster_report& r) {
  document d;
  d.kind = "roster";
  d.title = fmt::format("{}: members on {}", r.name, to_string(r.on));
  bool fees = false;
  for (const auto& t : r.tiers) fees = fees || t.annual_fee.has_value();
  d.intro.push_back(
      fmt::format("{} ({}), {} in {}.", r.name, r.foundation.str(),
                  report_plural(r.total(), "member", "members"),
                  report_plural(r.tiers.size(), "tier", "tiers")));
  d.flat.header = {"foundation",  "date",  "tier",     "tier_name",
                   "rank",        "org",   "name",     "family",
                   "family_name", "since", "founding", "annual_fee",
                   "currency"};
  d.flat.number_columns({"rank", "annual_fee"});
  doc_table totals{
      {"Tier", "Rank", "Members"}, {}, {false, true, true}, "No tiers."};
  if (fees) {
    totals.header.push_back("Annual fees");
    totals.numeric.push_back(true);
  }
  std::size_t founding = 0;
  std::int64_t all_fees = 0;
  std::string currency;
  bool mixed = false;
  for (const auto& t : r.tiers) {
    doc_section s;
    s.heading =
        fmt::format("{} (rank {}): {}", t.name, t.rank,
                    report_plural(t.members.size(), "member", "members"));
    if (t.annual_fee)
      s.lines.push_back("Annual fee: " + report_money_text(*t.annual_fee) +
                        ".");
    doc_table table{{"Organization", "Id", "Family", "Since", "Founding"},
                    {},
                    {},
                    "No members."};
    for (const auto& m : t.members) {
      table.add({m.name, m.org.str(), m.family == m.org ? "" : m.family_name,
                 to_string(m.since), m.founding ? "yes" : ""});
      d.flat.add({r.foundation.str(), to_string(r.on), t.id.str(), t.name,
                  std::to_string(t.rank), m.org.str(), m.name, m.family.str(),
                  m.family_name, to_string(m.since),
                  m.founding ? "true" : "false",
                  m.annual_fee ? format_amount(m.annual_fee->cents) : "",
                  m.annual_fee ? m.annual_fee->currency : ""});
      if (m.founding) ++founding;
    }
    s.table = std::move(table);
    std::vector<std::string> row{t.name, std::to_string(t.rank),
                                 std::to_string(t.members.size())};
    if (fees) {
      const std::int64_t sum =
          t.annual_fee ? t.annual_fee->cents *
                             static_cast<std::int64_t>(t.members.size())
                       : 0;
      if (t.annual_fee) {
        // Amounts in different currencies have no total.
        if (!currency.empty() && currency != t.annual_fee->currency)
          mixed = true;
        currency = t.annual_fee->currency;
      }
      all_fees += sum;
      row.push_back(
          t.annual_fee ? report_cents_text(sum, t.annual_fee->currency) : "");
    }
    totals.add(std::move(row));
    d.sections.push_back(std::move(s));
  }
  std::vector<std::string> total_row{"Total", "", std::to_string(r.total())};
  if (fees)
    total_row.push_back(mixed ? "(mixed currencies)"
                              : report_cents_text(all_fees, currency));
  totals.add(std::move(total_row), "total");
  d.sections.push_back(
      {"Totals",
       {},
       std::move(totals),
       {fmt::format("{} founding.",
                    report_plural(founding, "member is", "members are"))}});
  return d;
}

}  // namespace charter::detail
