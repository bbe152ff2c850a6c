#include <charter/import.hpp>

// pytorch-tac over the real files of ../shared/data/real/pytorch-tac
// (pytorch-fdn/tac @ 74a6dd7d): the minutes of the 2026-08-11 TAC meeting,
// working-groups/README.md and the CI and Multi-Cloud groups' READMEs.

#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include <charter/json.hpp>

#include "fixtures.hpp"
#include "import/text.hpp"

#include <string>
#include <vector>

using namespace charter;
using namespace charter::import_test;

namespace {

#define PYTORCH_DIR CHARTER_SHARED_DIR "/data/real/pytorch-tac"
const std::vector<std::string> tac_files = {
    PYTORCH_DIR "/2026-08-11 PyTorch TAC Meeting Minutes.md",
    PYTORCH_DIR "/working-groups/README.md",
    PYTORCH_DIR "/working-groups/ci-wg/README.md",
    PYTORCH_DIR "/working-groups/multi-cloud-wg/README.md"};
const std::string minutes = tac_files[0];

import_options on_day() { return on("2026-12-07"); }

int count_class(const registry& reg, std::string_view body,
                std::string_view seat_class) {
  int n = 0;
  for (const auto& s : reg.seats())
    if (s.body.str() == body && s.seat_class.str() == seat_class) ++n;
  return n;
}

registry example() {
  return load_json(CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json");
}

}  // namespace

TEST_SUITE("import pytorch-tac") {
  TEST_CASE("the TAC's voting representatives") {
    const auto result =
        read_source(registry{}, "pytorch-tac", tac_files, on_day());
    registry reg;
    reg.apply(result.changes);
    REQUIRE(reg.find(body_id{"pytorch-tac"}));
    CHECK(reg.at(body_id{"pytorch-tac"}).owner ==
          body_owner{foundation_id{"pytorch-foundation"}});
    // Minutes lines 14-36: 21 voting representatives; 14 and 15 the chair
    // and vice chair, 17-28 member companies', 29 "Gold Member
    // Representative", 31-36 "... Project Representative".
    CHECK(count_class(reg, "pytorch-tac", "member-representative") == 14);
    CHECK(count_class(reg, "pytorch-tac", "gold-member-representative") == 1);
    CHECK(count_class(reg, "pytorch-tac", "project-representative") == 6);
    // Line 14: "Thomas Viehmann \- TAC Chair (Lightning AI)".
    const auto* chair = seat_of(reg, "pytorch-tac", "thomas-viehmann");
    REQUIRE(chair);
    CHECK(chair->office == office::chair);
    REQUIRE(chair->represents);
    CHECK(reg.at(*chair->represents).name == "Lightning AI");
    // Line 15: Milos Puzovic, vice chair, ARM.
    const auto* vice = seat_of(reg, "pytorch-tac", "milos-puzovic");
    REQUIRE(vice);
    CHECK(vice->office == office::vice_chair);
    // Line 31: "Alban Desmaison \- PyTorch Project Representative (Meta)":
    // the project's seat; Meta is his organization.
    const auto* alban = seat_of(reg, "pytorch-tac", "alban-desmaison");
    REQUIRE(alban);
    CHECK(alban->seat_class.str() == "project-representative");
    CHECK(alban->extra.string("project") == "pytorch");
    CHECK(!alban->represents);
    CHECK(reg.at(person_id{"alban-desmaison"}).affiliations.at(0).org.str() ==
          "meta");
    // Line 29: Weizhu Chen, Gold Member Representative, for Microsoft.
    const auto* gold = seat_of(reg, "pytorch-tac", "weizhu-chen");
    REQUIRE(gold);
    CHECK(gold->seat_class.str() == "gold-member-representative");
    CHECK(gold->represents == org_id{"microsoft"});
  }

  TEST_CASE("alternates do not vote; a compound organization is reported") {
    const auto result =
        read_source(registry{}, "pytorch-tac", tac_files, on_day());
    registry reg;
    reg.apply(result.changes);
    // Minutes lines 40-52: 13 alternates.
    CHECK(count_class(reg, "pytorch-tac", "alternate") == 13);
    CHECK(!reg.at(body_id{"pytorch-tac"})
               .find_class(seat_class_id{"alternate"})
               ->is_voting());
    // Line 50: "Kaichao You \- vLLM Project (Inferact)".
    const auto* kaichao = seat_of(reg, "pytorch-tac", "kaichao-you");
    REQUIRE(kaichao);
    CHECK(kaichao->extra.string("project") == "vllm");
    // Lines 22 and 46: "(Red Hat/IBM)", not guessed.
    int compound = 0;
    for (const auto& u : result.summary.unmapped)
      if (u.value == "Red Hat/IBM") {
        ++compound;
        CHECK(u.where.file == minutes);
        CHECK((u.where.line == 22 || u.where.line == 46));
      }
    CHECK(compound == 2);
    CHECK(!seat_of(reg, "pytorch-tac", "joseph-groenenboom")->represents);
  }

  TEST_CASE("working groups and their leads") {
    const auto result =
        read_source(registry{}, "pytorch-tac", tac_files, on_day());
    registry reg;
    reg.apply(result.changes);
    // working-groups/README.md:10-12: Multi Cloud, Ecosystem, CI.
    for (const auto* id :
         {"pytorch-multi-cloud-wg", "pytorch-ecosystem-wg", "pytorch-ci-wg"})
      CHECK(reg.find(body_id{id}));
    // ci-wg/README.md:12-26: 15 members, two of them "(Lead)" (22, 23).
    CHECK(count_class(reg, "pytorch-ci-wg", "member") == 13);
    CHECK(count_class(reg, "pytorch-ci-wg", "lead") == 2);
    CHECK(seat_of(reg, "pytorch-ci-wg", "rudy-giger")->seat_class.str() ==
          "lead");
    // multi-cloud-wg/README.md:69 "[Andrea Frittoli](https://github.com/
    // afrittoli), IBM (lead)" and minutes line 56 "Andrea Frittoli \-
    // Multi-Cloud Working Group Lead (IBM)": one person, one lead seat.
    CHECK(count_class(reg, "pytorch-multi-cloud-wg", "lead") == 1);
    const auto& andrea = reg.at(person_id{"andrea-frittoli"});
    CHECK(andrea.handles.at("github") == "afrittoli");
    // Minutes line 57: "Chris Hoge \- Ecosystem Working Group Co-Chair".
    const auto* hoge = seat_of(reg, "pytorch-ecosystem-wg", "chris-hoge");
    REQUIRE(hoge);
    CHECK(hoge->office == office::chair);
    // Minutes line 18: Eikan Wang is a voting representative and the
    // Ecosystem group's other co-chair.
    CHECK(seat_of(reg, "pytorch-ecosystem-wg", "eikan-wang"));
    CHECK(seat_of(reg, "pytorch-tac", "eikan-wang"));
  }

  TEST_CASE("the Linux Foundation's staff hold roles") {
    const auto result =
        read_source(registry{}, "pytorch-tac", tac_files, on_day());
    registry reg;
    reg.apply(result.changes);
    // Minutes lines 65-75: 11 people; 65 "Mark Collier, PyTorch Executive
    // Director".
    int roles = 0;
    bool collier = false;
    for (const auto& r : reg.roles()) {
      ++roles;
      if (r.person.str() == "mark-collier")
        collier = r.title == "Executive Director" &&
                  str(r.scope) == "pytorch-foundation";
    }
    CHECK(roles == 11);
    CHECK(collier);
    // 51 minutes items (21 + 13 + 6 + 11), 3 groups, 15 + 18 members.
    CHECK(result.summary.read == 87);
    CHECK(result.summary.skipped == 0);
  }

  TEST_CASE("merges into the bundled example registry") {
    const registry before = example();
    const auto result = read_source(before, "pytorch-tac", tac_files, on_day());
    registry reg = before;
    reg.apply(result.changes);
    // The example's foundation, projects and organizations are the ones
    // used: no second PyTorch Foundation, "AWS" (minutes line 25) is the
    // example's aws, "Google Cloud" (line 17) its google-cloud.
    CHECK(reg.foundations().size() == before.foundations().size());
    CHECK(reg.at(foundation_id{"pytorch-foundation"}).name ==
          "PyTorch Foundation");
    CHECK(seat_of(reg, "pytorch-tac", "shauheen-zahirazami")->represents ==
          org_id{"aws"});
    CHECK(seat_of(reg, "pytorch-tac", "claudio-basile")->represents ==
          org_id{"google-cloud"});
    CHECK(seat_of(reg, "pytorch-tac", "alban-desmaison")
              ->extra.string("project") == "pytorch");
    CHECK(result.summary.matched > 0);
    // A second run over that registry changes nothing.
    const auto again = read_source(reg, "pytorch-tac", tac_files, on_day());
    CHECK(again.summary.added == 0);
    CHECK(again.summary.updated == 0);
  }

  TEST_CASE("a second import changes nothing") {
    const auto first =
        read_source(registry{}, "pytorch-tac", tac_files, on_day());
    registry reg;
    reg.apply(first.changes);
    const auto second = read_source(reg, "pytorch-tac", tac_files, on_day());
    CHECK(second.summary.added == 0);
    CHECK(second.summary.updated == 0);
  }

  TEST_CASE("a working-group table with a missing column is an error") {
    // working-groups/README.md:8-10, the Multi Cloud row without Purpose.
    const std::string row = "| [Multi Cloud](./multi-cloud-wg/README.md) |";
    const std::string text =
        "## Current Working Groups\n\n| Name | Purpose  |\n| -----|-------|\n" +
        row + "\n";
    const import::source_file files[] = {{"working-groups/README.md", text}};
    try {
      import::read_files(registry{}, "pytorch-tac", files, on_day());
      FAIL("no import_error");
    } catch (const import_error& e) {
      CHECK(e.where().file == "working-groups/README.md");
      CHECK(e.where().line == 5);
      CHECK(e.where().column == row.size() + 1);
      CHECK(e.reason().find("'Purpose' is missing") != std::string::npos);
    }
  }

  TEST_CASE("list items with task boxes, nesting and code fences") {
    // The layouts of the minutes (lines 14-15, a task box and `\-`), the
    // OpenJS README (147-148, a bold project and a nested item) and a
    // fenced block that is not a list.
    const import::source_file f(
        "m.md",
        "## Voting\n"
        "- [ ] Thomas Viehmann \\- TAC Chair (Lightning AI)  \n"
        "- [x] Claudio Basile (Google Cloud)\n"
        "- **Appium**\n"
        "  - Jonathan Lipps\n"
        "```\n- not an item\n```\n"
        "1. Develop a multi-cloud architecture\n"
        "**not an item**\n");
    const auto items = import::read_list_items(f);
    REQUIRE(items.size() == 5);
    CHECK(items[0].heading == "Voting");
    CHECK(items[0].checked == false);
    CHECK(items[0].line == 2);
    CHECK(items[0].column == 7);
    CHECK(items[0].text == "Thomas Viehmann \\- TAC Chair (Lightning AI)");
    CHECK(items[1].checked == true);
    CHECK(!items[2].checked);
    CHECK(items[3].indent == 2);
    CHECK(items[3].text == "Jonathan Lipps");
    CHECK(items[4].line == 9);
    CHECK(items[4].text == "Develop a multi-cloud architecture");
  }
}
