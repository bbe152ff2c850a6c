#include <charter/popolo.hpp>
// Self-contained: <charter/popolo.hpp> compiles first, on its own.

#include <charter/json.hpp>

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace charter;
namespace json = boost::json;

namespace {

registry sample() {
  return from_json(R"({"format": "charter-registry", "version": 1,
    "organizations": [{"id": "acme", "name": "Acme", "kind": "company",
                       "aliases": ["ACME"], "domains": ["acme.example"]},
                      {"id": "acme-labs", "name": "Acme Labs", "kind": "company",
                       "parent": "acme"}],
    "people": [{"id": "ann", "name": "Ann", "emails": ["ann@acme.example"],
                "handles": {"github": "ann"},
                "affiliations": [{"org": "acme-labs", "from": "2020-01-01",
                                  "title": "Engineer"}]}],
    "foundations": [{"id": "f", "name": "F", "tiers": [
        {"id": "gold", "name": "Gold", "rank": 1}]}],
    "memberships": [{"org": "acme", "foundation": "f", "tier": "gold",
                     "from": "2020-01-01", "to": "2021-01-01",
                     "founding": true}],
    "bodies": [{"id": "board", "name": "Board", "kind": "board",
                "foundation": "f",
                "seat_classes": [{"id": "gold", "mode": "per-member",
                                  "tier": "gold"}]}],
    "seats": [{"body": "board", "class": "gold", "person": "ann",
               "represents": "acme", "office": "chair",
               "from": "2020-02-01", "to": "2021-01-01"}],
    "roles": [{"person": "ann", "title": "Treasurer", "foundation": "f",
               "from": "2020-03-01"}]})");
}

const json::object* by_id(const json::array& list, std::string_view id) {
  for (const auto& v : list)
    if (v.as_object().at("id").as_string() == id) return &v.as_object();
  return nullptr;
}

}  // namespace

TEST_SUITE("popolo") {
  TEST_CASE("every record kind maps onto Popolo") {
    const registry reg = sample();
    const json::object doc = json::parse(to_popolo(reg)).as_object();
    const auto& persons = doc.at("persons").as_array();
    const auto& orgs = doc.at("organizations").as_array();
    const auto& memberships = doc.at("memberships").as_array();
    const auto& posts = doc.at("posts").as_array();
    REQUIRE(persons.size() == 1);
    CHECK(persons[0].at("id") == "person/ann");
    CHECK(persons[0].at("email") == "ann@acme.example");
    CHECK(orgs.size() == 4);  // two organizations, a foundation, a body
    REQUIRE(by_id(orgs, "organization/acme-labs"));
    CHECK(by_id(orgs, "organization/acme-labs")->at("parent_id") ==
          "organization/acme");
    CHECK(
        by_id(orgs, "organization/acme")->at("other_names").at(0).at("name") ==
        "ACME");
    CHECK(by_id(orgs, "body/board")->at("parent_id") == "foundation/f");
    CHECK(by_id(posts, "post/board/gold"));
    CHECK(by_id(posts, "post/board/office/chair"));

    const json::object* m = by_id(memberships, "membership/f/acme/2020-01-01");
    REQUIRE(m);
    CHECK(m->at("organization_id") == "foundation/f");
    CHECK(m->at("member").at("id") == "organization/acme");
    CHECK(m->at("start_date") == "2020-01-01");
    CHECK(m->at("end_date") == "2020-12-31");  // the last day, inclusive

    const json::object* s =
        by_id(memberships, "seat/board/gold/ann/2020-02-01");
    REQUIRE(s);
    CHECK(s->at("on_behalf_of_id") == "organization/acme");
    CHECK(s->at("post_id") == "post/board/gold");
    const json::object* chair =
        by_id(memberships, "seat/board/gold/ann/2020-02-01/office");
    REQUIRE(chair);
    CHECK(chair->at("post_id") == "post/board/office/chair");
    CHECK(chair->at("role") == "chair");

    std::set<std::string> roles;
    for (const auto& v : memberships)
      roles.insert(std::string{v.at("role").as_string()});
    CHECK(roles.count("Treasurer") == 1);
    CHECK(roles.count("Engineer") == 1);
    CHECK(memberships.size() ==
          5);  // membership, affiliation, seat, office, role
    CHECK(!by_id(memberships, "role/ann/foundation/f/Treasurer/2020-03-01")
               ->contains("end_date"));
  }

  TEST_CASE("the same registry gives the same bytes") {
    CHECK(to_popolo(sample()) == to_popolo(sample()));
    CHECK(
        to_popolo(registry{}) ==
        "{\"persons\":[],\"organizations\":[],\"memberships\":[],\"posts\":[]}"
        "\n");
  }
}
