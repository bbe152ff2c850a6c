// The dues report: what the members of a foundation owe, per tier, on a
// date or for a calendar year. Its model (make_dues, make_dues_for_year) and
// its document (to_document); its JSON is in json.cpp.
#include <charter/report.hpp>

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <set>

#include "report/document.hpp"
#include "report/lookup.hpp"

namespace charter {

// ---- dues

namespace {
std::string currency_of(const foundation& f) {
  std::set<std::string> currencies;
  for (const auto& t : f.tiers)
    if (t.annual_fee) currencies.insert(t.annual_fee->currency);
  if (currencies.size() > 1)
    throw report_error(fmt::format(
        "the tiers of {} have fees in several currencies ({}): no single total",
        f.id.str(), fmt::join(currencies, ", ")));
  return currencies.empty() ? std::string{} : *currencies.begin();
}

dues_report dues_frame(const foundation& fd) {
  dues_report r;
  r.foundation = fd.id;
  r.name = fd.name;
  r.currency = currency_of(fd);
  for (const auto* t : detail::report_tiers_by_rank(fd))
    r.tiers.push_back({t->id, t->name, t->rank, t->annual_fee, 0, 0});
  return r;
}

void total_up(dues_report& r) {
  r.total_cents = 0;
  for (auto& t : r.tiers) {
    t.cents = t.annual_fee ? t.annual_fee->cents * t.members : 0;
    r.total_cents += t.cents;
  }
}

dues_tier* tier_row(dues_report& r, const tier_id& id) {
  for (auto& t : r.tiers)
    if (t.id == id) return &t;
  return nullptr;
}
}  // namespace

dues_report make_dues(const registry& reg, const foundation_id& f, date on) {
  auto r = dues_frame(reg.at(f));
  r.on = on;
  for (const auto& group : reg.members(f, on))
    if (auto* row = tier_row(r, group.tier->id))
      row->members = static_cast<int>(group.members.size());
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
  for (const auto& [org, m] : last)
    if (auto* row = tier_row(r, m->tier)) ++row->members;
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
  d.flat.header = {"tier",       "name",   "rank",    "members",
                   "annual_fee", "amount", "currency"};
  doc_table table{{"Tier", "Rank", "Members", "Annual fee", "Amount"},
                  {},
                  {false, true, true, true, true},
                  "No tiers."};
  int members = 0;
  for (const auto& t : r.tiers) {
    members += t.members;
    table.add({t.name, std::to_string(t.rank), std::to_string(t.members),
               t.annual_fee ? to_string(*t.annual_fee) : "none",
               report_cents_text(t.cents, r.currency)});
    d.flat.add({t.id.str(), t.name, std::to_string(t.rank),
                std::to_string(t.members),
                t.annual_fee ? format_amount(t.annual_fee->cents) : "",
                format_amount(t.cents), r.currency});
  }
  table.add({"Total", "", std::to_string(members), "",
             report_cents_text(r.total_cents, r.currency)},
            "total");
  d.flat.add({"total", "Total", "", std::to_string(members), "",
              format_amount(r.total_cents), r.currency});
  doc_section s{"Fees per tier", {}, std::move(table), {}};
  if (r.currency.empty()) s.notes.push_back("No tier has an annual fee.");
  d.sections.push_back(std::move(s));
  return d;
}

}  // namespace charter::detail
