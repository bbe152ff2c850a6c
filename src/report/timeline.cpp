// The timeline report: a project's stewards and stages, and a foundation's
// member count per tier, over time. Its model (make_timeline) and its
// document (to_document), which embeds its chart (svg.cpp); its JSON is in
// json.cpp.
#include <charter/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "report/document.hpp"
#include "report/lookup.hpp"
#include "report/svg.hpp"

namespace charter {

// ---- timeline

int timeline_point::total() const noexcept {
  int n = 0;
  for (int c : counts) n += c;
  return n;
}

timeline_report make_timeline(const registry& reg,
                              const std::optional<project_id>& p,
                              const std::optional<foundation_id>& f,
                              std::optional<date> from,
                              std::optional<date> to) {
  if (!p && !f)
    throw report_error("timeline: name a project, a foundation or both");
  timeline_report r;
  std::set<date> dates;
  auto note = [&](const period& w) {
    dates.insert(w.from);
    if (w.to) dates.insert(*w.to);
  };
  if (p) {
    const auto& pr = reg.at(*p);
    r.project = *p;
    r.project_name = pr.name;
    for (const auto& s : pr.stewards) {
      std::string name;
      if (const auto* org = std::get_if<org_id>(&s.who))
        name = detail::report_org_name(reg, *org);
      else if (const auto* fd = reg.find(std::get<foundation_id>(s.who)))
        name = fd->name;
      else
        name = str(s.who);
      r.stewards.push_back({s.who, std::move(name), s.when});
      note(s.when);
    }
    for (const auto& st : pr.stages) {
      r.stages.push_back({st.name, st.when});
      note(st.when);
    }
    if (pr.founded) dates.insert(*pr.founded);
    auto earliest = [](const auto& a, const auto& b) {
      return a.when.from < b.when.from;
    };
    std::stable_sort(r.stewards.begin(), r.stewards.end(), earliest);
    std::stable_sort(r.stages.begin(), r.stages.end(), earliest);
  }
  if (f) {
    const auto& fd = reg.at(*f);
    r.foundation = *f;
    r.foundation_name = fd.name;
    for (const auto* t : detail::report_tiers_by_rank(fd))
      r.tiers.push_back({t->id, t->name, t->rank});
    std::set<date> changes;
    for (const auto& m : reg.memberships()) {
      if (m.foundation != *f) continue;
      changes.insert(m.when.from);
      if (m.when.to) changes.insert(*m.when.to);
    }
    for (const date d : changes) {
      timeline_point pt{d, {}};
      const auto groups = reg.members(*f, d);
      for (const auto& t : r.tiers) {
        int n = 0;
        for (const auto& g : groups)
          if (g.tier->id == t.id) n = static_cast<int>(g.members.size());
        pt.counts.push_back(n);
      }
      // Two dates with the same counts (a tier change and its mirror) are one
      // step.
      if (!r.points.empty() && r.points.back().counts == pt.counts) continue;
      r.points.push_back(std::move(pt));
      dates.insert(d);
    }
    if (fd.founded) dates.insert(*fd.founded);
    // Each member's runs (memberships that meet): its join, each change of
    // tier within, its departure.
    std::set<org_id> orgs;
    for (const auto& m : reg.memberships())
      if (m.foundation == *f) orgs.insert(m.org);
    for (const auto& org : orgs) {
      const auto history = reg.membership_history(org, *f);
      const std::string name = detail::report_org_name(reg, org);
      for (std::size_t i = 0; i < history.size(); ++i) {
        const auto& m = *history[i];
        const membership* prev = i > 0 && history[i - 1]->when.meets(m.when)
                                     ? history[i - 1]
                                     : nullptr;
        const bool next =
            i + 1 < history.size() && m.when.meets(history[i + 1]->when);
        if (!prev)
          r.member_changes.push_back(
              {org, name, m.when.from, std::nullopt, m.tier});
        else if (prev->tier != m.tier)
          r.member_changes.push_back(
              {org, name, m.when.from, prev->tier, m.tier});
        if (!next && m.when.to)
          r.member_changes.push_back(
              {org, name, *m.when.to, m.tier, std::nullopt});
      }
    }
  }
  if (from) dates.insert(*from);
  if (to) dates.insert(*to);
  if (dates.empty()) return r;  // nothing dated: no span to chart
  const date start = from ? *from : *dates.begin();
  date end;
  if (to) {
    end = *to;
  } else {
    // A year after the latest date named, so open-ended periods show as going
    // on.
    const date last = *dates.rbegin();
    end = date{last.year() + std::chrono::years{1}, last.month(), last.day()};
    if (!end.ok()) end = add_days(last, 365);
  }
  if (!(start < end))
    throw report_error(
        fmt::format("timeline: the end ({}) must be after the start ({})",
                    to_string(end), to_string(start)));
  r.span = period{start, end};
  return r;
}

}  // namespace charter

namespace charter::detail {

// ---- timeline

document to_document(const timeline_report& r) {
  document d;
  d.kind = "timeline";
  std::vector<std::string> names;
  if (r.project) names.push_back(r.project_name);
  if (r.foundation) names.push_back(r.foundation_name);
  d.title = fmt::format("{}: timeline", fmt::join(names, " and "));
  if (r.span)
    d.intro.push_back(fmt::format("The chart spans {} to {}.",
                                  to_string(r.span->from),
                                  to_string(*r.span->to)));
  else
    d.intro.push_back("Nothing dated to show.");
  std::vector<std::string> header{"record", "id", "name", "from", "to"};
  for (const auto& t : r.tiers) header.push_back(t.id.str());
  if (r.foundation) {
    header.push_back("total");
    header.push_back("from_tier");
    header.push_back("to_tier");
  }
  d.flat.header = header;
  // The counts per tier and their total, after record, id, name, from, to.
  d.flat.numbers.assign(header.size(), false);
  for (std::size_t c = 5; c < header.size(); ++c) d.flat.numbers[c] = true;
  auto flat_row = [&](std::vector<std::string> row) {
    row.resize(d.flat.header.size());
    d.flat.add(std::move(row));
  };
  if (r.project) {
    doc_table stewards{{"From", "To", "Steward", "Id", "Kind"},
                       {},
                       {},
                       "No stewards recorded."};
    for (const auto& s : r.stewards) {
      const std::string to = s.when.to ? to_string(*s.when.to) : "";
      stewards.add({to_string(s.when.from), s.when.to ? to : "(still)", s.name,
                    str(s.who), std::string{report_steward_kind(s.who)}});
      flat_row({"steward", str(s.who), s.name, to_string(s.when.from), to});
    }
    d.sections.push_back({fmt::format("Stewards of {}", r.project_name),
                          {},
                          std::move(stewards),
                          {}});
    doc_table stages{{"From", "To", "Stage"}, {}, {}, "No stages recorded."};
    for (const auto& s : r.stages) {
      const std::string to = s.when.to ? to_string(*s.when.to) : "";
      stages.add({to_string(s.when.from), s.when.to ? to : "(still)", s.name});
      flat_row({"stage", s.name, s.name, to_string(s.when.from), to});
    }
    d.sections.push_back({fmt::format("Stages of {}", r.project_name),
                          {},
                          std::move(stages),
                          {}});
  }
  if (r.foundation) {
    doc_table members{{"From"}, {}, {false}, "No memberships recorded."};
    for (const auto& t : r.tiers) {
      members.header.push_back(t.name);
      members.numeric.push_back(true);
    }
    members.header.push_back("Total");
    members.numeric.push_back(true);
    for (std::size_t i = 0; i < r.points.size(); ++i) {
      const auto& p = r.points[i];
      std::vector<std::string> row{to_string(p.on)};
      std::vector<std::string> flat{
          "members", r.foundation->str(), r.foundation_name, to_string(p.on),
          i + 1 < r.points.size() ? to_string(r.points[i + 1].on) : ""};
      for (int c : p.counts) {
        row.push_back(std::to_string(c));
        flat.push_back(std::to_string(c));
      }
      row.push_back(std::to_string(p.total()));
      flat.push_back(std::to_string(p.total()));
      members.add(std::move(row));
      flat_row(std::move(flat));
    }
    d.sections.push_back(
        {fmt::format("Members of {} per tier", r.foundation_name),
         {"Each row holds from its date until the next one."},
         std::move(members),
         {}});
    doc_table changes{
        {"Organization", "Id", "Date", "Change", "From tier", "To tier"},
        {},
        {},
        "No memberships recorded."};
    auto tier_name = [&](const std::optional<tier_id>& t) {
      if (!t) return std::string{};
      for (const auto& tier : r.tiers)
        if (tier.id == *t) return tier.name;
      return t->str();
    };
    for (const auto& c : r.member_changes) {
      const char* what = !c.from_tier ? "joined"
                         : !c.to_tier ? "left"
                                      : "changed tier";
      changes.add({c.name, c.org.str(), to_string(c.on), what,
                   tier_name(c.from_tier), tier_name(c.to_tier)});
      std::vector<std::string> flat{"member", c.org.str(), c.name,
                                    to_string(c.on)};
      flat.resize(d.flat.header.size() - 2);
      flat.push_back(c.from_tier ? c.from_tier->str() : "");
      flat.push_back(c.to_tier ? c.to_tier->str() : "");
      d.flat.add(std::move(flat));
    }
    d.sections.push_back(
        {fmt::format("Tier changes per member of {}", r.foundation_name),
         {},
         std::move(changes),
         {}});
  }
  d.svg = to_svg(r);
  return d;
}

}  // namespace charter::detail
