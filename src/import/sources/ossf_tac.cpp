// ossf-tac: the OpenSSF Technical Advisory Council as ossf/tac publishes it.
// README.md's "TAC Members" table gives each member's position, e-mail,
// organization and term; a `*` after the term marks a member appointed by
// the Governing Board rather than elected by the community. EMERITUS.md
// lists former members, most with a GitHub link (docs/importers/ossf-tac.md).

#include "import/dates.hpp"
#include "import/sources.hpp"

#include <charter/extra_json.hpp>

#include <fmt/format.h>

#include <map>

namespace charter::import {

namespace {
namespace ossf {

constexpr std::string_view elected_class = "community-elected";
constexpr std::string_view appointed_class = "board-appointed";
constexpr std::string_view emeritus_title = "Emeritus member";

// The office a Position cell names, none when it is empty, or the text
// when it names something that is not one of charter's offices.
struct position {
  std::optional<charter::office> office;
  bool unknown = false;
};
position read_position(std::string_view text) {
  const std::string folded = lower(text);
  if (folded.empty()) return {};
  if (folded == "chair") return {charter::office::chair};
  if (folded == "vice chair" || folded == "vice-chair")
    return {charter::office::vice_chair};
  if (const auto o = parse_office(folded)) return {*o};
  return {std::nullopt, true};
}

struct tac {
  body_id id;
  std::map<std::string, int> filled;  // seats the file fills, by class
};

tac make_tac(builder& b) {
  const auto& owner =
      b.owner_foundation("openssf", "Open Source Security Foundation");
  auto& body = b.body(fmt::format("{}-tac", owner.id.str()),
                      "Technical Advisory Council", "committee", owner.id);
  return {body.id, {}};
}

void read_member(builder& b, const source_file& f, const markdown_table& t,
                 const table_row& row, tac& council) {
  const auto& cells = row.cells;
  const auto at = [&](std::size_t column) {
    return f.place(row.line, cells[column].column);
  };
  const std::size_t name_col = *t.column("Name");
  const std::string name = plain_text(cells[name_col].text);
  if (name.empty()) {
    b.skip(f.place(row.line, 1), std::string(f.line(row.line)),
           "a row with no name");
    return;
  }
  const person_id p = b.person_named(name, at(name_col));
  if (const auto email = t.column("Email")) b.email(p, cells[*email].text);

  const std::size_t org_col = *t.column("Organization");
  if (const auto org =
          b.organization(plain_text(cells[org_col].text), at(org_col)))
    b.affiliate(p, *org, std::nullopt, at(org_col));

  charter::seat s;
  s.body = council.id;
  s.person = p;

  const std::size_t position_col = *t.column("Position");
  const std::string position_text = plain_text(cells[position_col].text);
  const auto pos = read_position(position_text);
  s.office = pos.office;
  if (pos.unknown) {
    b.unmapped(at(position_col), position_text,
               "not an office (chair, vice chair, treasurer, secretary); "
               "kept as the seat's extra 'position'");
    set_extra(s.extra, "position", boost::json::value(position_text));
  }

  // "January 2026 - December 2026*": the `*` marks a board appointee.
  const std::size_t term_col = *t.column("Term");
  std::string term = plain_text(cells[term_col].text);
  const bool appointed = !term.empty() && term.back() == '*';
  while (!term.empty() && (term.back() == '*' || term.back() == ' '))
    term.pop_back();
  s.seat_class =
      seat_class_id{std::string(appointed ? appointed_class : elected_class)};
  ++council.filled[s.seat_class.str()];
  b.took();
  if (term.empty()) {
    s.when = {b.as_of(), std::nullopt};
    b.add(std::move(s), true);
    return;
  }
  const auto when = parse_term(term);
  if (!when)
    throw import_error(at(term_col),
                       fmt::format("the term '{}' is not a period such as "
                                   "'January 2026 - December 2027'",
                                   term));
  s.when = *when;
  b.add(std::move(s));
}

void read_members(builder& b, const source_file& f, tac& council) {
  const auto tables = read_tables(f);
  const auto& members =
      table_with(tables, f, {"Name", "Position", "Organization", "Term"});
  for (const auto& row : members.rows) read_member(b, f, members, row, council);
}

// "[Dan Appelquist](https://github.com/torgo)" or "Jennifer Fernick".
void read_emeritus(builder& b, const source_file& f, const tac& council) {
  for (const auto& item : read_list_items(f)) {
    const auto where = f.place(item.line, item.column);
    const std::string name = plain_text(item.text);
    if (name.empty()) {
      b.skip(where, std::string(item.text), "a list item with no name");
      continue;
    }
    const std::string_view target = link_target(item.text);
    constexpr std::string_view github = "https://github.com/";
    person_id p;
    if (target.starts_with(github) && target.size() > github.size())
      p = b.person("github", split(target.substr(github.size()), '/').front(),
                   name, where);
    else
      p = b.person_named(name, where);
    charter::role r;
    r.person = p;
    r.title = std::string(emeritus_title);
    r.scope = council.id;
    b.took();
    r.when = {b.as_of(), std::nullopt};
    b.add(std::move(r), true);
  }
}

// A fixed class holds the seats the file fills, at least.
void size_classes(builder& b, const tac& council) {
  auto& body = b.body(council.id.str(), "", "", foundation_id{});
  for (const auto id : {elected_class, appointed_class}) {
    auto& c = b.seat_class(body, id);
    const auto at = council.filled.find(std::string(id));
    const int filled = at == council.filled.end() ? 0 : at->second;
    c.count = std::max(c.count, filled);
  }
}

}  // namespace ossf
}  // namespace

void read_ossf_tac(builder& b, std::span<const source_file> files) {
  using namespace ossf;
  tac council = make_tac(b);
  const source_file* readme = nullptr;
  const source_file* emeritus = nullptr;
  for (const auto& f : files) {
    const std::string name = lower(f.file_name());
    if (name == "readme.md")
      readme = &f;
    else if (name == "emeritus.md")
      emeritus = &f;
    else
      throw error(fmt::format("{}: ossf-tac reads README.md and EMERITUS.md",
                              f.name()));
  }
  if (readme) read_members(b, *readme, council);
  if (emeritus) read_emeritus(b, *emeritus, council);
  size_classes(b, council);
}

}  // namespace charter::import
