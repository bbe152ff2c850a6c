#include <charter/import.hpp>

// ossf-tac over the real files of ../shared/data/real/ossf-tac (ossf/tac @
// 1692e855): README.md's "TAC Members" table and EMERITUS.md.

#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include "fixtures.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace charter;
using namespace charter::import_test;

namespace {

const std::vector<std::string> ossf_files = {
    CHARTER_SHARED_DIR "/data/real/ossf-tac/README.md",
    CHARTER_SHARED_DIR "/data/real/ossf-tac/EMERITUS.md"};

import_options on_day() { return on("2026-12-07"); }

const seat* seat_of(const registry& reg, std::string_view person) {
  return import_test::seat_of(reg, "openssf-tac", person);
}

}  // namespace

TEST_SUITE("import ossf-tac") {
  TEST_CASE("the TAC's chair, vice chair and terms") {
    const auto result =
        read_source(registry{}, "ossf-tac", ossf_files, on_day());
    registry reg;
    reg.apply(result.changes);
    REQUIRE(reg.find(body_id{"openssf-tac"}));
    CHECK(reg.at(body_id{"openssf-tac"}).owner ==
          body_owner{foundation_id{"openssf"}});
    CHECK(reg.at(foundation_id{"openssf"}).name ==
          "Open Source Security Foundation");

    // README.md:31: "| Zach Steindler | Chair | ... | GitHub | January 2026
    // - December 2026 |"
    const auto* chair = seat_of(reg, "zach-steindler");
    REQUIRE(chair);
    CHECK(chair->office == office::chair);
    CHECK(chair->seat_class.str() == "community-elected");
    CHECK(chair->when.from == parse_date("2026-01-01"));
    CHECK(chair->when.to == parse_date("2027-01-01"));
    // README.md:29: Bob Callaway, Vice Chair, Google.
    const auto* vice = seat_of(reg, "bob-callaway");
    REQUIRE(vice);
    CHECK(vice->office == office::vice_chair);

    // README.md:28: "Arnaud J Le&nbsp;Hors | | ... | IBM | January 2026 -
    // December 2027": a two-year term, the entity decoded in the name.
    const auto* arnaud = seat_of(reg, "arnaud-j-le-hors");
    REQUIRE(arnaud);
    CHECK(reg.at(person_id{"arnaud-j-le-hors"}).name == "Arnaud J Le Hors");
    CHECK(!arnaud->office);
    CHECK(arnaud->when.from == parse_date("2026-01-01"));
    CHECK(arnaud->when.to == parse_date("2028-01-01"));
    const auto& ties = reg.at(person_id{"arnaud-j-le-hors"}).affiliations;
    REQUIRE(ties.size() == 1);
    CHECK(ties[0].org.str() == "ibm");

    // README.md:30: Michael Lieberman's term began a year earlier.
    REQUIRE(seat_of(reg, "michael-lieberman"));
    CHECK(seat_of(reg, "michael-lieberman")->when.from ==
          parse_date("2025-01-01"));
  }

  TEST_CASE("the board appointees are marked with a star") {
    const auto result =
        read_source(registry{}, "ossf-tac", ossf_files, on_day());
    registry reg;
    reg.apply(result.changes);
    // README.md:34-36: Stephen Augustus, Georg Kunz, Tracy Ragan end in
    // "December 2026\*"; the other six rows (28-33) have no star.
    std::vector<std::string> appointed;
    int elected = 0;
    for (const auto& s : reg.seats()) {
      if (s.seat_class.str() == "board-appointed")
        appointed.push_back(s.person.str());
      if (s.seat_class.str() == "community-elected") ++elected;
    }
    std::sort(appointed.begin(), appointed.end());
    CHECK(appointed == std::vector<std::string>{
                           "georg-kunz", "stephen-augustus", "tracy-ragan"});
    CHECK(elected == 6);
    // README.md:34: "Bloomberg L.P." is Stephen Augustus's organization,
    // Bloomberg of the alias table, the spelling kept as an alias.
    const auto& ties = reg.at(person_id{"stephen-augustus"}).affiliations;
    REQUIRE(ties.size() == 1);
    CHECK(ties[0].org.str() == "bloomberg");
    const auto& aliases = reg.at(ties[0].org).aliases;
    CHECK(std::find(aliases.begin(), aliases.end(), "Bloomberg L.P.") !=
          aliases.end());
  }

  TEST_CASE("former members are emeritus roles, with their GitHub handles") {
    const auto result =
        read_source(registry{}, "ossf-tac", ossf_files, on_day());
    registry reg;
    reg.apply(result.changes);
    // EMERITUS.md: 15 list items (lines 3-17).
    int emeriti = 0;
    for (const auto& r : reg.roles())
      if (r.title == "Emeritus member" && str(r.scope) == "openssf-tac")
        ++emeriti;
    CHECK(emeriti == 15);
    // EMERITUS.md:13: "[Dustin Ingram](https://github.com/di)".
    const auto* dustin = reg.find(person_id{"di"});
    REQUIRE(dustin);
    CHECK(dustin->name == "Dustin Ingram");
    CHECK(dustin->handles.at("github") == "di");
    // EMERITUS.md:9: "Jennifer Fernick", no link.
    REQUIRE(reg.find(person_id{"jennifer-fernick"}));
    CHECK(reg.at(person_id{"jennifer-fernick"}).handles.empty());
    // EMERITUS.md gives no dates: the roles start on the import's day.
    for (const auto& r : reg.roles())
      CHECK(r.when == period{parse_date("2026-12-07"), std::nullopt});
    // 9 rows (README.md:28-36) and 15 items, every one mapped.
    CHECK(result.summary.read == 24);
    CHECK(result.summary.mapped == 24);
    CHECK(result.summary.skipped == 0);
  }

  TEST_CASE("a second import changes nothing") {
    const auto first =
        read_source(registry{}, "ossf-tac", ossf_files, on_day());
    registry reg;
    reg.apply(first.changes);
    const auto second = read_source(reg, "ossf-tac", ossf_files, on_day());
    CHECK(second.summary.added == 0);
    CHECK(second.summary.updated == 0);
    CHECK(second.changes.empty());
  }

  TEST_CASE("a member row with a missing column is an error at its end") {
    // README.md:26-27 with line 31 cut short of its Term column.
    const std::string row =
        "| Zach Steindler | Chair | email-removed | GitHub |";
    const std::string text =
        "## TAC Members\n\n"
        "| Name | Position | Email | Organization | Term |\n"
        "| ---- | -------- | ----- | ------------ | ---- |\n" +
        row + "\n";
    const import::source_file files[] = {{"ossf-tac/README.md", text}};
    try {
      import::read_files(registry{}, "ossf-tac", files, on_day());
      FAIL("no import_error");
    } catch (const import_error& e) {
      CHECK(e.where().file == "ossf-tac/README.md");
      CHECK(e.where().line == 5);
      CHECK(e.where().column == row.size() + 1);
      CHECK(e.reason().find("'Term' is missing") != std::string::npos);
    }
  }

  TEST_CASE("an impossible term is an error at its cell") {
    const std::string text =
        "| Name | Position | Email | Organization | Term |\n"
        "| ---- | -------- | ----- | ------------ | ---- |\n"
        "| Zach Steindler | Chair | email-removed | GitHub | Smarch 2026 - "
        "December 2026 |\n";
    const import::source_file files[] = {{"README.md", text}};
    try {
      import::read_files(registry{}, "ossf-tac", files, on_day());
      FAIL("no import_error");
    } catch (const import_error& e) {
      CHECK(e.where().line == 3);
      CHECK(e.where().column == 53);  // the 'S' of "Smarch"
    }
  }
}
