// The words of a record's history: what `registry::history` returns as data,
// as the CLI (`whois --history`) and Python (`HistoryEntry.text`) show it.
#include <charter/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace charter {

namespace {

std::string seat_text(const seat& s) {
  std::string text = fmt::format("{} on {} ({})", s.person.str(), s.body.str(),
                                 s.seat_class.str());
  if (s.represents) text += fmt::format(" for {}", s.represents->str());
  if (s.office) text += fmt::format(", {}", to_string(*s.office));
  return text;
}

}  // namespace

std::string describe(const history_entry& e, record_kind subject) {
  switch (e.kind) {
    case history_kind::membership: {
      if (!e.membership) break;
      const auto& m = *e.membership;
      return fmt::format("{} member of {}{}", m.tier.str(), m.foundation.str(),
                         m.founding ? " (founding)" : "");
    }
    case history_kind::affiliation: {
      if (!e.person || !e.affiliation) break;
      const auto& a = *e.affiliation;
      if (subject == record_kind::organization)
        return a.title.empty()
                   ? e.person->id.str()
                   : fmt::format("{} ({})", e.person->id.str(), a.title);
      return a.title.empty() ? a.org.str()
                             : fmt::format("{} at {}", a.title, a.org.str());
    }
    case history_kind::seat:
      if (!e.seat) break;
      return seat_text(*e.seat);
    case history_kind::role:
      if (!e.role) break;
      if (subject == record_kind::project)
        return fmt::format("{}: {}", e.role->title, e.role->person.str());
      return fmt::format("{} of {}", e.role->title, str(e.role->scope));
    case history_kind::steward:
      if (!e.project || !e.steward) break;
      if (subject == record_kind::project)
        return fmt::format("{} {}",
                           std::holds_alternative<org_id>(e.steward->who)
                               ? "organization"
                               : "foundation",
                           str(e.steward->who));
      return fmt::format("steward of {}", e.project->id.str());
    case history_kind::stage:
      if (!e.stage) break;
      return e.stage->name;
  }
  return {};  // an entry without its record: nothing to say
}

std::vector<history_line> describe(std::span<const history_entry> h,
                                   record_kind subject) {
  std::vector<history_line> lines;
  lines.reserve(h.size());
  for (const auto& e : h)
    lines.push_back({e.when, e.kind, describe(e, subject)});
  // history_kind's enumerators are in the order of their names.
  std::stable_sort(lines.begin(), lines.end(),
                   [](const history_line& a, const history_line& b) {
                     return std::tie(a.when.from, a.kind, a.text) <
                            std::tie(b.when.from, b.kind, b.text);
                   });
  return lines;
}

}  // namespace charter
