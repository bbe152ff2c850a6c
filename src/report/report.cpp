// What each report looks like: its model turned into a document (for text,
// Markdown, CSV and HTML) and into JSON, and the entry points that pick a
// report and a format.
#include <charter/report.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <array>
#include <utility>

#include "report/report_detail.hpp"

namespace charter {

namespace json = boost::json;

// ---- names

namespace {
constexpr std::array<std::pair<report_kind, std::string_view>, 6> kind_names{{
    {report_kind::roster, "roster"},
    {report_kind::board, "board"},
    {report_kind::changes, "changes"},
    {report_kind::dues, "dues"},
    {report_kind::compliance, "compliance"},
    {report_kind::timeline, "timeline"},
}};
constexpr std::array<std::pair<report_format, std::string_view>, 8>
    format_names{{
        {report_format::text, "text"},
        {report_format::markdown, "markdown"},
        {report_format::csv, "csv"},
        {report_format::json, "json"},
        {report_format::html, "html"},
        {report_format::svg, "svg"},
        {report_format::text, "txt"},  // aliases after the names
        {report_format::markdown, "md"},
    }};
}  // namespace

std::string_view to_string(report_kind k) noexcept {
  for (const auto& [kind, name] : kind_names)
    if (kind == k) return name;
  return "?";
}

std::string_view to_string(report_format f) noexcept {
  for (const auto& [format, name] : format_names)
    if (format == f) return name;
  return "?";
}

std::optional<report_kind> parse_report_kind(std::string_view s) noexcept {
  for (const auto& [kind, name] : kind_names)
    if (name == s) return kind;
  return std::nullopt;
}

std::optional<report_format> parse_report_format(std::string_view s) noexcept {
  for (const auto& [format, name] : format_names)
    if (name == s) return format;
  return std::nullopt;
}

bool supports(report_kind kind, report_format format) noexcept {
  return format != report_format::svg || kind == report_kind::board ||
         kind == report_kind::timeline;
}

namespace detail {

namespace {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string money_text(const std::optional<money>& m) {
  return m ? to_string(*m) : std::string{};
}

std::string cents_text(std::int64_t cents, const std::string& currency) {
  return currency.empty() ? format_amount(cents)
                          : format_amount(cents) + " " + currency;
}

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

std::string office_text(const std::optional<office>& o) {
  return o ? std::string{to_string(*o)} : std::string{};
}

}  // namespace

// ---- roster

document to_document(const roster_report& r) {
  document d;
  d.kind = "roster";
  d.title = fmt::format("{}: members on {}", r.name, to_string(r.on));
  bool fees = false;
  for (const auto& t : r.tiers) fees = fees || t.annual_fee.has_value();
  d.intro.push_back(fmt::format("{} ({}), {} in {}.", r.name,
                                r.foundation.str(),
                                plural(r.total(), "member", "members"),
                                plural(r.tiers.size(), "tier", "tiers")));
  d.flat.header = {"foundation",  "date",  "tier",     "tier_name",
                   "rank",        "org",   "name",     "family",
                   "family_name", "since", "founding", "annual_fee",
                   "currency"};
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
    s.heading = fmt::format("{} (rank {}): {}", t.name, t.rank,
                            plural(t.members.size(), "member", "members"));
    if (t.annual_fee)
      s.lines.push_back("Annual fee: " + to_string(*t.annual_fee) + ".");
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
        if (!currency.empty() && currency != t.annual_fee->currency) mixed = true;
        currency = t.annual_fee->currency;
      }
      all_fees += sum;
      row.push_back(t.annual_fee ? cents_text(sum, t.annual_fee->currency)
                                 : "");
    }
    totals.add(std::move(row));
    d.sections.push_back(std::move(s));
  }
  std::vector<std::string> total_row{"Total", "", std::to_string(r.total())};
  if (fees) total_row.push_back(mixed ? "(mixed currencies)" : cents_text(all_fees, currency));
  totals.add(std::move(total_row), "total");
  d.sections.push_back(
      {"Totals",
       {},
       std::move(totals),
       {fmt::format("{} founding.",
                    plural(founding, "member is", "members are"))}});
  return d;
}

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

document to_document(const board_report& r) {
  document d;
  d.kind = "board";
  d.title = fmt::format("{}: seats on {}", r.name, to_string(r.on));
  d.intro.push_back(fmt::format(
      "{} ({}): {} owed, {} filled, {} vacant.", r.name, r.body.str(),
      plural(r.entitled(), "seat", "seats"), r.filled(), r.vacant()));
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
      s.notes.push_back(
          fmt::format("{} over the entitlement.",
                      plural(c.filled - c.entitled, "seat is", "seats are")));
    s.table = std::move(table);
    d.sections.push_back(std::move(s));
  }
  doc_section families;
  families.heading = "Seats per family";
  const auto cap = r.family_cap();
  std::vector<std::string> caps;
  if (r.max_per_family)
    caps.push_back(plural(*r.max_per_family, "seat", "seats"));
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
      families.notes.push_back(fmt::format("{} holds {}, over the cap.", f.name,
                                           plural(f.seats, "seat", "seats")));
  }
  families.table = std::move(table);
  d.sections.push_back(std::move(families));
  d.svg = to_svg(r);
  return d;
}

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

namespace {

const std::array<std::string_view, 8> change_titles{
    "Joined",      "Left",          "Upgraded",      "Downgraded",
    "Seats taken", "Seats vacated", "Roles started", "Roles ended"};
const std::array<std::string_view, 8> change_keys{
    "joined",      "left",          "upgraded",      "downgraded",
    "seats_taken", "seats_vacated", "roles_started", "roles_ended"};

std::string tier_text(const std::optional<tier_id>& t) {
  return t ? t->str() : std::string{};
}

}  // namespace

document to_document(const changes_report& r) {
  document d;
  d.kind = "changes";
  d.title = fmt::format("{}: changes from {} to {}", r.name, to_string(r.from),
                        to_string(r.to));
  d.intro.push_back(fmt::format("{} ({}), from {} up to but not including {}.",
                                r.name, r.foundation.str(), to_string(r.from),
                                to_string(r.to)));
  d.flat.header = {"change",     "date",    "id",   "name",
                   "from_tier",  "to_tier", "body", "class",
                   "represents", "title",   "scope"};
  const std::array<const std::vector<membership_change>*, 4> memberships{
      &r.joined, &r.left, &r.upgraded, &r.downgraded};
  for (std::size_t i = 0; i < memberships.size(); ++i) {
    doc_table table{{"Date", "Organization", "Id"}, {}, {}, "None."};
    if (i == 0)
      table.header.push_back("Tier");
    else if (i == 1)
      table.header.push_back("Last tier");
    else
      table.header.insert(table.header.end(), {"From tier", "To tier"});
    for (const auto& c : *memberships[i]) {
      std::vector<std::string> row{to_string(c.on), c.name, c.org.str()};
      if (i == 0)
        row.push_back(tier_text(c.to_tier));
      else if (i == 1)
        row.push_back(tier_text(c.from_tier));
      else
        row.insert(row.end(), {tier_text(c.from_tier), tier_text(c.to_tier)});
      table.add(std::move(row));
      d.flat.add({std::string{change_keys[i]}, to_string(c.on), c.org.str(),
                  c.name, tier_text(c.from_tier), tier_text(c.to_tier), "", "",
                  "", "", ""});
    }
    d.sections.push_back(
        {fmt::format("{} ({})", change_titles[i], memberships[i]->size()),
         {},
         std::move(table),
         {}});
  }
  const std::array<const std::vector<seat_change>*, 2> seats{&r.seats_taken,
                                                             &r.seats_vacated};
  for (std::size_t i = 0; i < seats.size(); ++i) {
    doc_table table{
        {"Date", "Body", "Class", "Person", "Person id", "Represents"},
        {},
        {},
        "None."};
    for (const auto& c : *seats[i]) {
      const std::string represents = c.represents ? c.represents->str() : "";
      table.add({to_string(c.on), c.body.str(), c.seat_class.str(), c.name,
                 c.person.str(), represents});
      d.flat.add({std::string{change_keys[4 + i]}, to_string(c.on),
                  c.person.str(), c.name, "", "", c.body.str(),
                  c.seat_class.str(), represents, "", ""});
    }
    d.sections.push_back(
        {fmt::format("{} ({})", change_titles[4 + i], seats[i]->size()),
         {},
         std::move(table),
         {}});
  }
  const std::array<const std::vector<role_change>*, 2> roles{&r.roles_started,
                                                             &r.roles_ended};
  for (std::size_t i = 0; i < roles.size(); ++i) {
    doc_table table{
        {"Date", "Person", "Person id", "Title", "In"}, {}, {}, "None."};
    for (const auto& c : *roles[i]) {
      table.add({to_string(c.on), c.name, c.person.str(), c.title, c.scope});
      d.flat.add({std::string{change_keys[6 + i]}, to_string(c.on),
                  c.person.str(), c.name, "", "", "", "", "", c.title,
                  c.scope});
    }
    d.sections.push_back(
        {fmt::format("{} ({})", change_titles[6 + i], roles[i]->size()),
         {},
         std::move(table),
         {}});
  }
  return d;
}

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
                                  {"scope", c.scope},
                                  {"date", to_string(c.on)}});
    out[change_keys[6 + i]] = std::move(list);
  }
  return out;
}

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
               cents_text(t.cents, r.currency)});
    d.flat.add({t.id.str(), t.name, std::to_string(t.rank),
                std::to_string(t.members),
                t.annual_fee ? format_amount(t.annual_fee->cents) : "",
                format_amount(t.cents), r.currency});
  }
  table.add({"Total", "", std::to_string(members), "",
             cents_text(r.total_cents, r.currency)},
            "total");
  d.flat.add({"total", "Total", "", std::to_string(members), "",
              format_amount(r.total_cents), r.currency});
  doc_section s{"Fees per tier", {}, std::move(table), {}};
  if (r.currency.empty()) s.notes.push_back("No tier has an annual fee.");
  d.sections.push_back(std::move(s));
  return d;
}

json::value to_json_value(const dues_report& r) {
  json::array tiers;
  for (const auto& t : r.tiers)
    tiers.push_back(json::object{{"id", t.id.str()},
                                 {"name", t.name},
                                 {"rank", t.rank},
                                 {"members", t.members},
                                 {"annual_fee", json_money(t.annual_fee)},
                                 {"amount", format_amount(t.cents)},
                                 {"cents", t.cents}});
  return json::object{
      {"foundation", r.foundation.str()},
      {"name", r.name},
      {"date", json_date(r.on)},
      {"year", r.year ? json::value(*r.year) : nullptr},
      {"currency",
       r.currency.empty() ? json::value(nullptr) : json::value(r.currency)},
      {"tiers", std::move(tiers)},
      {"total", format_amount(r.total_cents)},
      {"total_cents", r.total_cents}};
}

// ---- compliance

document to_document(const compliance_report& r) {
  document d;
  d.kind = "compliance";
  const std::string id = r.body         ? r.body->str()
                         : r.foundation ? r.foundation->str()
                                        : "";
  d.title = r.on ? fmt::format("{}: compliance on {}", r.name, to_string(*r.on))
                 : fmt::format("{}: compliance over all dates", r.name);
  std::size_t errors = 0;
  for (const auto& f : r.findings)
    if (f.severity == severity::error) ++errors;
  d.intro.push_back(
      r.findings.empty()
          ? fmt::format("{} ({}): no findings.", r.name, id)
          : fmt::format(
                "{} ({}): {}, {} and {}.", r.name, id,
                plural(r.findings.size(), "finding", "findings"),
                plural(errors, "error", "errors"),
                plural(r.findings.size() - errors, "warning", "warnings")));
  d.flat.header = {"code", "severity", "subjects", "from", "to", "message"};
  doc_table table{{"Severity", "Code", "Subjects"}, {}, {}, "No findings."};
  if (!r.on) table.header.insert(table.header.end(), {"From", "To"});
  table.header.push_back("Message");
  for (const auto& f : r.findings) {
    const std::string subjects = fmt::format("{}", fmt::join(f.subjects, " "));
    const std::string to = f.when.to ? to_string(*f.when.to) : "";
    std::vector<std::string> row{std::string{to_string(f.severity)}, f.code,
                                 subjects};
    if (!r.on)
      row.insert(row.end(),
                 {to_string(f.when.from), f.when.to ? to : "(still)"});
    row.push_back(f.message);
    table.add(std::move(row), std::string{to_string(f.severity)});
    d.flat.add({f.code, std::string{to_string(f.severity)}, subjects,
                to_string(f.when.from), to, f.message});
  }
  d.sections.push_back({"Findings", {}, std::move(table), {}});
  return d;
}

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
  if (r.foundation) header.push_back("total");
  d.flat.header = header;
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
                    s.id, s.kind});
      flat_row({"steward", s.id, s.name, to_string(s.when.from), to});
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
      d.flat.add(std::move(flat));
    }
    d.sections.push_back(
        {fmt::format("Members of {} per tier", r.foundation_name),
         {"Each row holds from its date until the next one."},
         std::move(members),
         {}});
  }
  d.svg = to_svg(r);
  return d;
}

json::value to_json_value(const timeline_report& r) {
  json::value project = nullptr;
  if (r.project) {
    json::array stewards;
    for (const auto& s : r.stewards)
      stewards.push_back(json::object{{"kind", s.kind},
                                      {"id", s.id},
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
    foundation = json::object{{"id", r.foundation->str()},
                              {"name", r.foundation_name},
                              {"tiers", std::move(tiers)},
                              {"members", std::move(members)}};
  }
  return json::object{
      {"project", std::move(project)},
      {"foundation", std::move(foundation)},
      {"from", r.span ? json::value(to_string(r.span->from)) : nullptr},
      {"to", r.span ? json::value(to_string(*r.span->to)) : nullptr}};
}

}  // namespace detail

// ---- entry points

namespace {

template <class Report>
std::string render_model(const Report& r, report_format format,
                         report_kind kind) {
  switch (format) {
    case report_format::text:
      return detail::render_text(detail::to_document(r));
    case report_format::markdown:
      return detail::render_markdown(detail::to_document(r));
    case report_format::csv:
      return detail::render_csv(detail::to_document(r).flat);
    case report_format::json:
      return json::serialize(detail::to_json_value(r)) + "\n";
    case report_format::html:
      return detail::render_html({detail::to_document(r)});
    case report_format::svg:
      if constexpr (requires { detail::to_svg(r); }) return detail::to_svg(r);
      break;
  }
  throw report_error(fmt::format("the {} report has no {} rendering",
                                 to_string(kind), to_string(format)));
}

template <class T>
const T& need(const std::optional<T>& value, report_kind kind,
              std::string_view what) {
  if (!value)
    throw report_error(
        fmt::format("the {} report needs {}", to_string(kind), what));
  return *value;
}

// Calls `visit` with the model of the report `kind` built from `o`.
template <class Visit>
auto with_model(const registry& reg, report_kind kind, const report_options& o,
                Visit visit) {
  switch (kind) {
    case report_kind::roster:
      return visit(make_roster(reg, need(o.foundation, kind, "a foundation"),
                               need(o.at, kind, "a date")));
    case report_kind::board:
      return visit(make_board(reg, need(o.body, kind, "a body"),
                              need(o.at, kind, "a date")));
    case report_kind::changes:
      return visit(make_changes(reg, need(o.foundation, kind, "a foundation"),
                                need(o.from, kind, "a start date (from)"),
                                need(o.to, kind, "an end date (to)")));
    case report_kind::dues: {
      const auto& f = need(o.foundation, kind, "a foundation");
      if (o.year) return visit(make_dues_for_year(reg, f, *o.year));
      return visit(make_dues(reg, f, need(o.at, kind, "a date or a year")));
    }
    case report_kind::compliance: {
      if (!o.foundation && !o.body)
        throw report_error(
            "the compliance report needs a foundation or a body");
      if (!o.all_dates && !o.at)
        throw report_error("the compliance report needs a date or all dates");
      // A foundation's scope covers its bodies: with both named, take it.
      check_scope scope{o.foundation, o.foundation ? std::nullopt : o.body};
      return visit(
          make_compliance(reg, scope, o.all_dates ? std::nullopt : o.at));
    }
    case report_kind::timeline: {
      if (!o.project && !o.foundation)
        throw report_error(
            "the timeline report needs a project or a foundation");
      return visit(make_timeline(reg, o.project, o.foundation, o.from,
                                 o.to ? o.to : o.at));
    }
  }
  throw report_error("unknown report kind");
}

}  // namespace

std::string render(const roster_report& r, report_format format) {
  return render_model(r, format, report_kind::roster);
}
std::string render(const board_report& r, report_format format) {
  return render_model(r, format, report_kind::board);
}
std::string render(const changes_report& r, report_format format) {
  return render_model(r, format, report_kind::changes);
}
std::string render(const dues_report& r, report_format format) {
  return render_model(r, format, report_kind::dues);
}
std::string render(const compliance_report& r, report_format format) {
  return render_model(r, format, report_kind::compliance);
}
std::string render(const timeline_report& r, report_format format) {
  return render_model(r, format, report_kind::timeline);
}

std::string render_report(const registry& reg, report_kind kind,
                          report_format format, const report_options& options) {
  if (!supports(kind, format))
    throw report_error(fmt::format("the {} report has no {} rendering",
                                   to_string(kind), to_string(format)));
  return with_model(reg, kind, options,
                    [&](const auto& model) { return render(model, format); });
}

std::string render_report(const registry& reg, std::string_view kind,
                          report_format format, const report_options& options) {
  const auto k = parse_report_kind(kind);
  if (!k)
    throw report_error(
        fmt::format("unknown report '{}' (expected roster, board, changes, "
                    "dues, compliance or timeline)",
                    kind));
  return render_report(reg, *k, format, options);
}

std::string render_reports(const registry& reg,
                           std::span<const report_kind> kinds,
                           report_format format,
                           const report_options& options) {
  if (format == report_format::svg)
    throw report_error("several reports cannot share one SVG chart");
  switch (format) {
    case report_format::json: {
      json::object out;
      for (const auto k : kinds)
        out[to_string(k)] = with_model(reg, k, options, [](const auto& m) {
          return detail::to_json_value(m);
        });
      return json::serialize(out) + "\n";
    }
    case report_format::html: {
      std::vector<detail::document> docs;
      for (const auto k : kinds)
        docs.push_back(with_model(reg, k, options, [](const auto& m) {
          return detail::to_document(m);
        }));
      return detail::render_html(docs);
    }
    default: {
      std::string out;
      for (const auto k : kinds) {
        if (!out.empty()) out += format == report_format::csv ? "\r\n" : "\n";
        out += render_report(reg, k, format, options);
      }
      return out;
    }
  }
}

}  // namespace charter
