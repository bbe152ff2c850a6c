// The board report: a body's seats on a date, by seat class, and the seats
// each organization family holds against the body's cap. Its model
// (make_board) and its document (to_document), which embeds its chart
// (svg.cpp); its JSON is in json.cpp.
#include <charter/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "report/document.hpp"
#include "report/lookup.hpp"
#include "report/svg.hpp"

namespace charter {

// ---- board

int board_report::entitled() const noexcept {
  int n = 0;
  for (const auto& c : classes) n += c.entitled;
  return n;
}

int board_report::filled() const noexcept {
  int n = 0;
  for (const auto& c : classes) n += c.filled;
  return n;
}

int board_report::vacant() const noexcept {
  int n = 0;
  for (const auto& c : classes) n += c.vacant();
  return n;
}

std::optional<int> board_report::family_cap() const noexcept {
  std::optional<int> cap = max_per_family;
  if (max_fraction_per_family) {
    // The checks flag count / filled > fraction; the largest count allowed
    // is the floor of fraction × filled (a hair of slack for 0.1 × 10).
    const int by_share = static_cast<int>(
        std::floor(*max_fraction_per_family * filled() + 1e-9));
    cap = cap ? std::min(*cap, by_share) : by_share;
  }
  return cap;
}

board_report make_board(const registry& reg, const body_id& b, date on) {
  const auto& bd = reg.at(b);
  board_report r{b,
                 bd.name,
                 on,
                 {},
                 {},
                 bd.rules.max_per_family,
                 bd.rules.max_fraction_per_family};
  const auto seats = reg.seats(b, on);
  for (const auto& e : reg.entitlements(b, on)) {
    const auto& sc = *e.seat_class;
    board_class c{sc.id, sc.mode, e.seats, e.filled, {}};
    for (const auto* s : seats) {
      if (s->seat_class != sc.id) continue;
      c.seats.push_back(
          {s->person, detail::report_person_name(reg, s->person), s->represents,
           s->represents ? detail::report_org_name(reg, *s->represents)
                         : std::string{},
           s->office, s->voting.value_or(sc.is_voting()), s->when.from});
    }
    detail::report_sort_by_name(c.seats, [](const board_seat& st) {
      return std::pair<std::string_view, std::string_view>{st.name,
                                                           st.person.str()};
    });
    r.classes.push_back(std::move(c));
  }
  // Seats per family, counted as the family-cap check counts them.
  std::map<org_id, int> per_family;
  for (const auto* s : seats)
    for (const auto& fam : reg.families_of(*s, on)) ++per_family[fam];
  for (const auto& [fam, n] : per_family)
    r.families.push_back({fam, detail::report_org_name(reg, fam), n});
  detail::report_sort_by_name(r.families, [](const board_family& f) {
    return std::pair<std::string_view, std::string_view>{f.name,
                                                         f.family.str()};
  });
  std::stable_sort(r.families.begin(), r.families.end(),
                   [](const board_family& x, const board_family& y) {
                     return x.seats > y.seats;
                   });
  return r;
}

}  // namespace charter

namespace charter::detail {

namespace {

std::string office_text(const std::optional<office>& o) {
  return o ? std::string{to_string(*o)} : std::string{};
}

}  // namespace

// ---- board

document to_document(const board_report& r) {
  document d;
  d.kind = "board";
  d.title = fmt::format("{}: seats on {}", r.name, to_string(r.on));
  d.intro.push_back(fmt::format(
      "{} ({}): {} owed, {} filled, {} vacant.", r.name, r.body.str(),
      report_plural(r.entitled(), "seat", "seats"), r.filled(), r.vacant()));
  d.flat.header = {
      "body", "date",       "class",           "mode",   "status", "person",
      "name", "represents", "represents_name", "office", "voting", "since"};
  for (const auto& c : r.classes) {
    doc_section s;
    s.heading =
        fmt::format("Class {} ({}): {} owed, {} filled, {} vacant", c.id.str(),
                    to_string(c.mode), c.entitled, c.filled, c.vacant());
    doc_table table{
        {"Seat holder", "Person id", "Represents", "Office", "Voting", "Since"},
        {},
        {},
        "No seats."};
    for (const auto& st : c.seats) {
      table.add({st.name, st.person.str(), st.represents_name,
                 office_text(st.office), st.voting ? "yes" : "no",
                 to_string(st.since)});
      d.flat.add({r.body.str(), to_string(r.on), c.id.str(),
                  std::string{to_string(c.mode)}, "filled", st.person.str(),
                  st.name, st.represents ? st.represents->str() : "",
                  st.represents_name, office_text(st.office),
                  st.voting ? "true" : "false", to_string(st.since)});
    }
    for (int i = 0; i < c.vacant(); ++i) {
      table.add({"(vacant)", "", "", "", "", ""}, "vacant");
      d.flat.add({r.body.str(), to_string(r.on), c.id.str(),
                  std::string{to_string(c.mode)}, "vacant", "", "", "", "", "",
                  "", ""});
    }
    if (c.filled > c.entitled)
      s.notes.push_back(fmt::format(
          "{} over the entitlement.",
          report_plural(c.filled - c.entitled, "seat is", "seats are")));
    s.table = std::move(table);
    d.sections.push_back(std::move(s));
  }
  doc_section families;
  families.heading = "Seats per family";
  const auto cap = r.family_cap();
  std::vector<std::string> caps;
  if (r.max_per_family)
    caps.push_back(report_plural(*r.max_per_family, "seat", "seats"));
  if (r.max_fraction_per_family)
    caps.push_back(fmt::format("{:g}% of the filled seats",
                               *r.max_fraction_per_family * 100));
  families.lines.push_back(
      caps.empty()
          ? std::string{"The body has no cap per family."}
          : fmt::format("Cap per family: {}{}.", fmt::join(caps, " and "),
                        cap ? fmt::format(" (at most {} now)", *cap) : ""));
  doc_table table{{"Family", "Id", "Seats", "Share"},
                  {},
                  {false, false, true, true},
                  "No seats are filled."};
  for (const auto& f : r.families) {
    const bool over = cap && f.seats > *cap;
    table.add({f.name, f.family.str(), std::to_string(f.seats),
               fmt::format("{:.0f}%",
                           r.filled() ? 100.0 * f.seats / r.filled() : 0.0)},
              over ? "over" : "");
    if (over)
      families.notes.push_back(
          fmt::format("{} holds {}, over the cap.", f.name,
                      report_plural(f.seats, "seat", "seats")));
  }
  families.table = std::move(table);
  d.sections.push_back(std::move(families));
  d.svg = to_svg(r);
  return d;
}

}  // namespace charter::detail
