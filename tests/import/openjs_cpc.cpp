#include <charter/import.hpp>

// openjs-cpc over the real README.md of the OpenJS Cross Project Council
// (../shared/data/real/openjs-cpc/README.md, openjs-foundation/
// cross-project-council @ f7426cbe).

#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include <charter/json.hpp>

#include "fixtures.hpp"

#include <string>
#include <vector>

using namespace charter;
using namespace charter::import_test;

namespace {

const std::vector<std::string> cpc_files = {CHARTER_SHARED_DIR
                                            "/data/real/openjs-cpc/README.md"};

import_options on_day() { return on("2026-12-07"); }

std::vector<const seat*> seats_of(const registry& reg,
                                  std::string_view person) {
  return import_test::seats_of(reg, "openjs-cpc", person);
}

int count_class(const registry& reg, std::string_view seat_class) {
  int n = 0;
  for (const auto& s : reg.seats())
    if (s.body.str() == "openjs-cpc" && s.seat_class.str() == seat_class) ++n;
  return n;
}

}  // namespace

TEST_SUITE("import openjs-cpc") {
  TEST_CASE("the chair and vice chair hold offices on their seats") {
    const auto result =
        read_source(registry{}, "openjs-cpc", cpc_files, on_day());
    registry reg;
    reg.apply(result.changes);
    REQUIRE(reg.find(body_id{"openjs-cpc"}));
    CHECK(reg.at(body_id{"openjs-cpc"}).owner ==
          body_owner{foundation_id{"openjs"}});
    // README.md:127 "Joe Sepi ([@joesepi](https://github.com/joesepi),
    // IBM)" under "CPC Chair"; README.md:162 he represents Node.js.
    const auto joe = seats_of(reg, "joesepi");
    REQUIRE(joe.size() == 2);  // Node.js (162) and Regular Members (216)
    bool chair_on_node = false;
    for (const auto* s : joe)
      if (s->office == office::chair)
        chair_on_node = s->seat_class.str() == "impact-project" &&
                        s->extra.string("project") == "node-js";
    CHECK(chair_on_node);
    CHECK(reg.at(person_id{"joesepi"}).affiliations.at(0).org.str() == "ibm");
    // README.md:131 Tobie Langel is vice chair; his only seat is a regular
    // member's (README.md:243), not voting.
    const auto tobie = seats_of(reg, "tobie");
    REQUIRE(tobie.size() == 1);
    CHECK(tobie[0]->office == office::vice_chair);
    CHECK(tobie[0]->seat_class.str() == "regular");
    CHECK(!reg.at(body_id{"openjs-cpc"})
               .find_class(seat_class_id{"regular"})
               ->is_voting());
    CHECK(tobie[0]->when.from == parse_date("2026-12-07"));  // undated
  }

  TEST_CASE("voting seats per project, regular members and emeriti") {
    const auto result =
        read_source(registry{}, "openjs-cpc", cpc_files, on_day());
    registry reg;
    reg.apply(result.changes);
    // README.md:147-166: 13 impact-project representatives (Dojo has one).
    CHECK(count_class(reg, "impact-project") == 13);
    // README.md:184 one at-large, README.md:190-191 two elected by
    // regular members, "(Through Fall 2026)".
    CHECK(count_class(reg, "at-large-project") == 1);
    CHECK(count_class(reg, "regular-member-elected") == 2);
    const auto ethan = seats_of(reg, "ethan-arrowood");
    CHECK(ethan.size() == 2);
    // README.md:201-247: 47 regular members.
    CHECK(count_class(reg, "regular") == 47);
    // README.md:251-264: 14 emeriti; 137-139: three CPC Directors.
    int emeriti = 0, directors = 0;
    for (const auto& r : reg.roles()) {
      if (r.title == "Regular member emeritus") ++emeriti;
      if (r.title == "CPC Director" && str(r.scope) == "openjs") ++directors;
    }
    CHECK(emeriti == 14);
    CHECK(directors == 3);
    // README.md:156 "[@UlisesGascon](https://github.com/ulisesgascon)" and
    // 244 "[@ulisesgascon]": one person.
    CHECK(seats_of(reg, "ulisesgascon").size() == 2);
    // README.md:159 "Michał Gołębiowski-Owczarek" keeps its letters.
    CHECK(reg.at(person_id{"mgol"}).name == "Michał Gołębiowski-Owczarek");
    // README.md:231 "Nikita Rokotyan [@rokotyan](...)", no parentheses.
    CHECK(reg.at(person_id{"rokotyan"}).name == "Nikita Rokotyan");
  }

  TEST_CASE("Jordan Harband's two organizations are a finding") {
    const auto result =
        read_source(registry{}, "openjs-cpc", cpc_files, on_day());
    // README.md:139 "(..., Socket)" and README.md:184 "(..., HeroDevs)".
    REQUIRE(result.summary.findings.size() == 1);
    CHECK(result.summary.findings[0].code == "affiliation-conflict");
    CHECK(result.summary.findings[0].record == "person ljharb");
    registry reg;
    reg.apply(result.changes);
    CHECK(reg.at(person_id{"ljharb"}).affiliations.empty());
  }

  TEST_CASE("projects by stage") {
    const auto result =
        read_source(registry{}, "openjs-cpc", cpc_files, on_day());
    registry reg;
    reg.apply(result.changes);
    // README.md:30 Node.js under "Impact Projects"; 65 Moment under
    // "Feature-Complete"; 86 Lit under "Incubating Projects"; 41 Fastify
    // under "At-Large Projects"; 74 jQuery Mobile under "Archived".
    CHECK(reg.at(project_id{"node-js"}).stages.at(0).name == "impact");
    CHECK(reg.at(project_id{"moment"}).stages.at(0).name == "feature-complete");
    CHECK(reg.at(project_id{"lit"}).stages.at(0).name == "incubating");
    CHECK(reg.at(project_id{"fastify"}).stages.at(0).name == "at-large");
    CHECK(reg.at(project_id{"jquery-mobile"}).stages.at(0).name == "archived");
    // 43 project rows (6 + 20 + 5 + 7 + 5) and 82 people's items.
    CHECK(result.summary.read == 125);
    CHECK(result.summary.skipped == 0);
  }

  TEST_CASE("Node.js merges with the bundled example's project") {
    // examples/data/pytorch-foundation.json holds {"id": "nodejs", "name":
    // "Node.js"}.
    const registry example =
        load_json(CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json");
    const auto result = read_source(example, "openjs-cpc", cpc_files, on_day());
    registry reg = example;
    reg.apply(result.changes);
    CHECK(!reg.find(project_id{"node-js"}));
    CHECK(reg.at(project_id{"nodejs"}).stages.at(0).name == "impact");
  }

  TEST_CASE("a second import changes nothing") {
    const auto first =
        read_source(registry{}, "openjs-cpc", cpc_files, on_day());
    registry reg;
    reg.apply(first.changes);
    const auto second = read_source(reg, "openjs-cpc", cpc_files, on_day());
    CHECK(second.summary.added == 0);
    CHECK(second.summary.updated == 0);
  }

  TEST_CASE("a project row with a missing column is an error") {
    // README.md:24-26, the Appium row cut before its Contributing cell.
    const std::string row = "| | [Appium](https://appium.io/) | |";
    const std::string text =
        "#### Impact Projects\n\n"
        "| | Project        | Charter           | Contributing       |\n"
        "|-|----------------|:-----------------:|:------------------:|\n" +
        row + "\n";
    const import::source_file files[] = {{"README.md", text}};
    try {
      import::read_files(registry{}, "openjs-cpc", files, on_day());
      FAIL("no import_error");
    } catch (const import_error& e) {
      CHECK(e.where().line == 5);
      CHECK(e.where().column == row.size() + 1);
      CHECK(e.reason().find("'Contributing' is missing") != std::string::npos);
    }
  }
}
