// Queries about dues: an organization's invoices, when one is due and
// paid in full, and what an organization owes at a date
// (docs/governance-records.md).

#include <charter/registry.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "registry/state.hpp"

namespace charter {

using detail::slot;

std::vector<const invoice*> registry::invoices_of(
    const org_id& org, const std::optional<foundation_id>& f) const {
  (void)at(org);
  if (f) (void)at(*f);
  std::vector<const invoice*> out;
  for (slot i : detail::slots_in(state().invoices_by_org, org.str())) {
    const auto& inv = state().invoices.rows[i];
    if (!f || inv.foundation == *f) out.push_back(&inv);
  }
  std::sort(out.begin(), out.end(), [](const invoice* x, const invoice* y) {
    return std::tie(x->issued, x->id) < std::tie(y->issued, y->id);
  });
  return out;
}

date registry::due_date(const invoice_id& i) const {
  const invoice& inv = at(i);
  if (inv.due) return *inv.due;
  const foundation* f = find(inv.foundation);
  const int days = f && f->dues && f->dues->due_days ? *f->dues->due_days : 0;
  return add_days(inv.issued, days);
}

std::optional<date> registry::paid_in_full_on(const invoice_id& i) const {
  const invoice& inv = at(i);
  if (inv.amount.cents <= 0) return inv.issued;
  std::vector<const payment*> paid;
  for (const auto& p : inv.payments)
    if (p.amount.currency == inv.amount.currency) paid.push_back(&p);
  std::stable_sort(
      paid.begin(), paid.end(),
      [](const payment* x, const payment* y) { return x->on < y->on; });
  long long total = 0;
  for (const auto* p : paid) {
    total += p->amount.cents;
    if (total >= inv.amount.cents) return p->on;
  }
  return std::nullopt;
}

std::vector<money> registry::balance(const org_id& org, date on) const {
  std::map<std::string, long long> owed;
  for (const auto* inv : invoices_of(org)) {
    if (inv->issued > on) continue;
    auto& n = owed[inv->amount.currency];
    n += inv->amount.cents;
    for (const auto& p : inv->payments)
      if (p.on <= on && p.amount.currency == inv->amount.currency)
        n -= p.amount.cents;
  }
  std::vector<money> out;
  for (const auto& [currency, cents] : owed) out.push_back({cents, currency});
  return out;
}

}  // namespace charter
