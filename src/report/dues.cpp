// The dues report: what the members of a foundation owe, per tier, on a
// date or for a calendar year. Its model (make_dues, make_dues_for_year) and
// its document (to_document); its JSON is in json.cpp.
#include <charter/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "report/document.hpp"
#include "report/lookup.hpp"

namespace charter {

// ---- dues

namespace {
// The one currency of the foundation's fees; none when no tier has a fee.
std::optional<std::string> currency_of(const foundation& f) {
  std::set<std::string> currencies;
  for (const auto& t : f.tiers)
    if (t.annual_fee) currencies.insert(t.annual_fee->currency);
  if (currencies.size() > 1)
    throw report_error(fmt::format(
        "the tiers of {} have fees in several currencies ({}): no single total",
        f.id.str(), fmt::join(currencies, ", ")));
  if (currencies.empty()) return std::nullopt;
  return *currencies.begin();
}

dues_report dues_frame(const foundation& fd) {
  dues_report r;
  r.foundation = fd.id;
  r.name = fd.name;
  if (auto currency = currency_of(fd)) r.total = money{0, std::move(*currency)};
  for (const auto* t : detail::report_tiers_by_rank(fd))
    r.tiers.push_back({t->id, t->name, t->rank, t->annual_fee, 0, {}});
  return r;
}

// Every fee is in the total's currency (currency_of checked it).
void total_up(dues_report& r) {
  if (r.total) r.total->cents = 0;
  for (auto& t : r.tiers) {
    if (!t.annual_fee) {
      t.amount.reset();
      continue;
    }
    t.amount = money{t.annual_fee->cents * t.members, t.annual_fee->currency};
    r.total->cents += t.amount->cents;
  }
}

dues_tier* tier_row(dues_report& r, const tier_id& id) {
  for (auto& t : r.tiers)
    if (t.id == id) return &t;
  return nullptr;
}

// Counts `org` in its tier's row and lists it with the tier's fee.
void owe(const registry& reg, dues_report& r, const org_id& org,
         const tier_id& tier) {
  auto* row = tier_row(r, tier);
  if (!row) return;
  ++row->members;
  r.members.push_back({org, detail::report_org_name(reg, org), row->id,
                       row->name, row->annual_fee});
}

// The members in the tiers' (rank) order, then by name as rosters are.
void sort_members(dues_report& r) {
  detail::report_sort_by_name(r.members, [](const dues_member& m) {
    return std::pair<std::string_view, std::string_view>{m.name, m.org.str()};
  });
  auto position = [&](const tier_id& t) {
    for (std::size_t i = 0; i < r.tiers.size(); ++i)
      if (r.tiers[i].id == t) return i;
    return r.tiers.size();
  };
  std::stable_sort(r.members.begin(), r.members.end(),
                   [&](const dues_member& a, const dues_member& b) {
                     const auto pa = position(a.tier), pb = position(b.tier);
                     return pa < pb;
                   });
}
}  // namespace

dues_report make_dues(const registry& reg, const foundation_id& f, date on) {
  auto r = dues_frame(reg.at(f));
  r.on = on;
  for (const auto& group : reg.members(f, on))
    for (const auto* m : group.members) owe(reg, r, m->org, group.tier->id);
  sort_members(r);
  total_up(r);
  return r;
}

dues_report make_dues_for_year(const registry& reg, const foundation_id& f,
                               int year) {
  auto r = dues_frame(reg.at(f));
  r.year = year;
  const period days{
      date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}},
      date{std::chrono::year{year + 1}, std::chrono::January,
           std::chrono::day{1}}};
  // Each organization's last membership (by start) that touches the year.
  std::map<org_id, const membership*> last;
  for (const auto& m : reg.memberships()) {
    if (m.foundation != f || !m.when.overlaps(days)) continue;
    auto& slot = last[m.org];
    if (!slot || slot->when.from < m.when.from) slot = &m;
  }
  for (const auto& [org, m] : last) owe(reg, r, org, m->tier);
  sort_members(r);
  total_up(r);
  return r;
}

}  // namespace charter

namespace charter::detail {

// ---- dues

document to_document(const dues_report& r) {
  document d;
  d.kind = "dues";
  d.title = r.year ? fmt::format("{}: dues for {}", r.name, *r.year)
                   : fmt::format("{}: dues on {}", r.name, to_string(*r.on));
  d.intro.push_back(
      r.year
          ? fmt::format("Every organization that is a member on any day of {} "
                        "owes one full annual "
                        "fee, that of the tier it holds on its last day of "
                        "membership in the year.",
                        *r.year)
          : fmt::format("Every member on {} owes the annual fee of its tier.",
                        to_string(*r.on)));
  d.flat.header = {"record", "tier",    "tier_name",  "rank",   "org",
                   "name",   "members", "annual_fee", "amount", "currency"};
  d.flat.number_columns({"rank", "members", "annual_fee", "amount"});
  auto rank_of = [&](const tier_id& id) {
    for (const auto& t : r.tiers)
      if (t.id == id) return t.rank;
    return 0;
  };
  doc_table table{{"Tier", "Rank", "Members", "Annual fee", "Amount"},
                  {},
                  {false, true, true, true, true},
                  "No tiers."};
  // A tier without a fee owes 0, shown in the report's currency.
  const std::string currency = r.total ? r.total->currency : std::string{};
  int members = 0;
  for (const auto& t : r.tiers) {
    members += t.members;
    table.add({t.name, std::to_string(t.rank), std::to_string(t.members),
               t.annual_fee ? report_money_text(*t.annual_fee) : "none",
               report_cents_text(report_cents(t.amount), currency)});
    d.flat.add({"tier", t.id.str(), t.name, std::to_string(t.rank), "", "",
                std::to_string(t.members),
                t.annual_fee ? format_amount(t.annual_fee->cents) : "",
                format_amount(report_cents(t.amount)), currency});
  }
  table.add({"Total", "", std::to_string(members), "",
             report_cents_text(report_cents(r.total), currency)},
            "total");
  d.flat.add({"total", "", "", "", "", "", std::to_string(members), "",
              format_amount(report_cents(r.total)), currency});
  doc_section s{"Fees per tier", {}, std::move(table), {}};
  if (!r.total) s.notes.push_back("No tier has an annual fee.");
  d.sections.push_back(std::move(s));

  doc_table who{{"Organization", "Id", "Tier", "Annual fee"},
                {},
                {false, false, false, true},
                "No organization owes dues."};
  for (const auto& m : r.members) {
    who.add({m.name, m.org.str(), m.tier_name,
             m.annual_fee ? report_money_text(*m.annual_fee) : "none"});
    d.flat.add({"member", m.tier.str(), m.tier_name,
                std::to_string(rank_of(m.tier)), m.org.str(), m.name, "1",
                m.annual_fee ? format_amount(m.annual_fee->cents) : "",
                format_amount(report_cents(m.annual_fee)), currency});
  }
  d.sections.push_back({"Dues per member", {}, std::move(who), {}});
  return d;
}

}  // namespace charter::detail
