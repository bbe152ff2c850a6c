// Facts of the PyTorch Foundation announcement (shared/seed/
// pytorch-foundation-announcement.txt, 2022-09-12), read back from the
// bundled example registry built from it.
#include <charter/json.hpp>

#include <charter/checks.hpp>
#include <charter/registry.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

namespace {
using namespace charter;

const registry& example() {
  static const registry reg =
      load_json(CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json");
  return reg;
}

const foundation_id pytorch_foundation{"pytorch-foundation"};
const date announced = parse_date("2022-09-12");
}  // namespace

TEST_SUITE("example data") {
  TEST_CASE("six founding Premier members on the day of the announcement") {
    const auto tiers = example().members(pytorch_foundation, announced);
    REQUIRE(tiers.size() == 3);
    CHECK(tiers[0].tier->id == tier_id{"premier"});
    CHECK(tiers[1].tier->id == tier_id{"general"});
    CHECK(tiers[2].tier->id == tier_id{"associate"});
    std::set<std::string> premier;
    for (const auto* m : tiers[0].members) {
      CHECK(m->founding);
      premier.insert(m->org.str());
    }
    CHECK(premier == std::set<std::string>{"amd", "aws", "google-cloud", "meta",
                                           "microsoft-azure", "nvidia"});
    CHECK(tiers[1].members.empty());
    CHECK(tiers[2].members.empty());
  }

  TEST_CASE("no members the day before the foundation was formed") {
    for (const auto& t :
         example().members(pytorch_foundation, parse_date("2022-09-11")))
      CHECK(t.members.empty());
  }

  TEST_CASE("PyTorch moved from Meta to the PyTorch Foundation on 2022-09-12") {
    const project_id pytorch{"pytorch"};
    const auto* before =
        example().steward_of(pytorch, parse_date("2022-09-11"));
    REQUIRE(before);
    CHECK(before->who == steward_ref{org_id{"meta"}});
    const auto* after = example().steward_of(pytorch, announced);
    REQUIRE(after);
    CHECK(after->who == steward_ref{foundation_id{"pytorch-foundation"}});
  }

  TEST_CASE(
      "corporate families: AWS under Amazon, Google Cloud under Google, Azure "
      "under Microsoft") {
    CHECK(example().family(org_id{"aws"}).id == org_id{"amazon"});
    CHECK(example().family(org_id{"google-cloud"}).id == org_id{"google"});
    CHECK(example().family(org_id{"microsoft-azure"}).id ==
          org_id{"microsoft"});
    CHECK(example().family(org_id{"amd"}).id == org_id{"amd"});
  }

  TEST_CASE("the PyTorch Foundation is hosted by the Linux Foundation") {
    const auto& f = example().at(pytorch_foundation);
    REQUIRE(f.parent);
    CHECK(*f.parent == foundation_id{"linux-foundation"});
    REQUIRE(f.founded);
    CHECK(*f.founded == announced);
  }

  TEST_CASE(
      "Ibrahim Haddad is Executive Director, Soumith Chintala the lead "
      "maintainer") {
    const auto ed = example().roles(role_scope{pytorch_foundation}, announced);
    REQUIRE(ed.size() == 1);
    CHECK(ed[0]->person == person_id{"ibrahim-haddad"});
    CHECK(ed[0]->title == "Executive Director");
    const auto lead =
        example().roles(role_scope{project_id{"pytorch"}}, announced);
    REQUIRE(lead.size() == 1);
    CHECK(lead[0]->person == person_id{"soumith-chintala"});
    const auto ties =
        example().affiliations(person_id{"soumith-chintala"}, announced);
    REQUIRE(ties.size() == 1);
    CHECK(ties[0]->org == org_id{"meta"});
  }

  TEST_CASE(
      "the board owes one seat per Premier member, and the text names no "
      "holder") {
    const auto e = example().entitlements(body_id{"pytorch-board"}, announced);
    REQUIRE(e.size() == 1);
    CHECK(e[0].seats == 6);
    CHECK(e[0].filled == 0);
    CHECK(e[0].vacant() == 6);
    const auto findings =
        check(example(), announced, {.body = body_id{"pytorch-board"}});
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "seat-vacant");
    CHECK(findings[0].severity == severity::warning);
  }

  TEST_CASE("the quoted people and the organizations they spoke for") {
    const std::pair<const char*, const char*> quoted[] = {
        {"brad-mccredie", "amd"},
        {"brian-granger", "aws"},
        {"andrew-moore", "google-cloud"},
        {"eric-boyd", "microsoft"},
        {"ian-buck", "nvidia"},
        {"mark-zuckerberg", "meta"},
        {"jim-zemlin", "linux-foundation"}};
    for (const auto& [name, org] : quoted) {
      const char* who = name;  // CAPTURE makes a lambda, which clang 14 cannot
                               // give a structured binding
      CAPTURE(who);
      const auto ties = example().affiliations(person_id{who}, announced);
      REQUIRE(ties.size() == 1);
      CHECK(ties[0]->org == org_id{org});
    }
  }
}
