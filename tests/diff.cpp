#include <charter/diff.hpp>

#include <charter/batch.hpp>
#include <charter/json.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace {
using namespace charter;
namespace json = boost::json;

date d(const char* text) { return parse_date(text); }

#define EXAMPLE CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json"

const registry& example() {
  static const registry reg = load_json(EXAMPLE);
  return reg;
}

// The example document itself, read as plain JSON: the expected values
// are counted from it, not from the registry charter builds.
const json::object& raw() {
  static const json::value doc = [] {
    std::ifstream in(EXAMPLE);
    return json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
  }();
  return doc.as_object();
}

bool in_span(const json::value& record, const char* from, const char* to) {
  const auto& day = record.at("from").as_string();
  return day >= from && day < to;  // ISO dates sort as text
}

std::map<change_kind, int> kinds(const std::vector<dated_change>& changes) {
  std::map<change_kind, int> out;
  for (const auto& c : changes) ++out[c.kind];
  return out;
}

std::vector<std::string> texts(const std::vector<dated_change>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(to_string(c.on) + " " + c.text);
  return out;
}

}  // namespace

TEST_SUITE("diff") {
  TEST_CASE("names of the kinds") {
    CHECK(to_string(change_kind::tier_changed) == "tier-changed");
    CHECK(to_string(change_kind::stage_ended) == "stage-ended");
    CHECK(to_string(record_change::removed) == "removed");
  }

  TEST_CASE("the example from 2016 to 2023, counted from its document") {
    const auto changes =
        changes_between(example(), d("2016-01-01"), d("2023-01-01"));
    int memberships = 0, affiliations = 0, roles = 0;
    for (const auto& m : raw().at("memberships").as_array())
      memberships += in_span(m, "2016-01-01", "2023-01-01");
    for (const auto& p : raw().at("people").as_array())
      for (const auto& a : p.at("affiliations").as_array())
        affiliations += in_span(a, "2016-01-01", "2023-01-01");
    for (const auto& r : raw().at("roles").as_array())
      roles += in_span(r, "2016-01-01", "2023-01-01");
    CHECK(memberships == 6);  // the six founding premier members
    CHECK(affiliations == 10);
    CHECK(roles == 3);
    // pytorch: stewarded by meta from 2016-01-01 to 2022-09-12, then by
    // pytorch-foundation; in stage "active" from 2016-01-01.
    const auto counts = kinds(changes);
    CHECK(counts ==
          std::map<change_kind, int>{{change_kind::joined, memberships},
                                     {change_kind::affiliated, affiliations},
                                     {change_kind::role_started, roles},
                                     {change_kind::steward_began, 1},
                                     {change_kind::transferred, 1},
                                     {change_kind::stage_began, 1}});
    REQUIRE(changes.size() == 22);
    // Date order, then kind order: 2016's two facts first, the transfer
    // (the last kind of 2022-09-12) last.
    CHECK(texts(changes).front() ==
          "2016-01-01 pytorch stewarded by organization meta");
    CHECK(changes[1].kind == change_kind::stage_began);
    CHECK(changes[1].after == "active");
    const auto& transfer = changes.back();
    CHECK(transfer.kind == change_kind::transferred);
    CHECK(transfer.subject == record_key{project_id{"pytorch"}});
    CHECK(transfer.object ==
          std::optional<record_key>{foundation_id{"pytorch-foundation"}});
    CHECK(transfer.before == "organization meta");
    CHECK(transfer.after == "foundation pytorch-foundation");
    CHECK(transfer.text ==
          "pytorch moved from organization meta to foundation "
          "pytorch-foundation");
    const auto& amd = changes[2];
    CHECK(amd.kind == change_kind::joined);
    CHECK(amd.text == "amd joined pytorch-foundation as premier");

    // Nothing begins or ends after 2022-09-12 in the example.
    CHECK(changes_between(example(), d("2022-09-13"), d("2030-01-01")).empty());
  }

  TEST_CASE("the example, pytorch-foundation's part") {
    const auto changes =
        changes_between(example(), d("2016-01-01"), d("2023-01-01"),
                        foundation_id{"pytorch-foundation"});
    // Affiliations with its six members: amd, aws, google-cloud, meta (two
    // people), nvidia; microsoft-azure has none (eric-boyd is with
    // microsoft, its parent). Roles in it and in pytorch, which it
    // stewards: not jim-zemlin's in linux-foundation.
    CHECK(kinds(changes) ==
          std::map<change_kind, int>{{change_kind::joined, 6},
                                     {change_kind::affiliated, 6},
                                     {change_kind::role_started, 2},
                                     {change_kind::steward_began, 1},
                                     {change_kind::transferred, 1},
                                     {change_kind::stage_began, 1}});
    CHECK(changes_between(example(), d("2016-01-01"), d("2023-01-01"),
                          foundation_id{"linux-foundation"})
              .size() == 1);  // jim-zemlin's role
  }

  TEST_CASE("tier changes, departures, runs and successions") {
    batch b;
    for (const char* o : {"a", "b", "c"})
      b.add(organization{.id = org_id{o}, .name = o});
    b.add(foundation{
        .id = foundation_id{"f"},
        .name = "F",
        .tiers = {tier{.id = tier_id{"gold"}, .name = "Gold", .rank = 1},
                  tier{.id = tier_id{"silver"}, .name = "Silver", .rank = 2},
                  tier{.id = tier_id{"bronze"}, .name = "Bronze", .rank = 2}}});
    b.add(membership{.org = org_id{"a"},
                     .foundation = foundation_id{"f"},
                     .tier = tier_id{"silver"},
                     .when = {d("2020-01-01"), d("2021-03-01")}});
    b.add(membership{.org = org_id{"a"},
                     .foundation = foundation_id{"f"},
                     .tier = tier_id{"gold"},
                     .when = {d("2021-03-01"), d("2021-06-01")}});
    // A move between tiers of one rank: not in the report, in the diff.
    b.add(membership{.org = org_id{"b"},
                     .foundation = foundation_id{"f"},
                     .tier = tier_id{"silver"},
                     .when = {d("2020-01-01"), d("2021-04-01")}});
    b.add(membership{.org = org_id{"b"},
                     .foundation = foundation_id{"f"},
                     .tier = tier_id{"bronze"},
                     .when = {d("2021-04-01"), std::nullopt}});
    // Two affiliations that meet are one; it ends with the second's title.
    b.add(person{.id = person_id{"pat"},
                 .name = "Pat",
                 .affiliations = {{.org = org_id{"c"},
                                   .when = {d("2021-02-01"), d("2021-05-01")},
                                   .title = "Engineer"},
                                  {.org = org_id{"c"},
                                   .when = {d("2021-05-01"), d("2021-07-01")},
                                   .title = "Manager"}}});
    b.add(project{.id = project_id{"p"},
                  .name = "P",
                  .stewards = {{.who = org_id{"c"},
                                .when = {d("2020-01-01"), d("2021-08-01")}}},
                  .stages = {{.name = "sandbox",
                              .when = {d("2020-01-01"), d("2021-02-15")}},
                             {.name = "incubating",
                              .when = {d("2021-02-15"), d("2021-09-01")}}}});
    registry reg;
    reg.apply(b);
    const auto changes = changes_between(reg, d("2021-01-01"), d("2022-01-01"));
    CHECK(texts(changes) ==
          std::vector<std::string>{
              "2021-02-01 pat affiliated with c as Engineer",
              "2021-02-15 p moved from stage sandbox to incubating",
              "2021-03-01 a moved from silver to gold in f",
              "2021-04-01 b moved from silver to bronze in f",
              "2021-06-01 a left f (was gold)",
              "2021-07-01 pat no longer affiliated with c as Manager",
              "2021-08-01 p no longer stewarded by organization c",
              "2021-09-01 p left stage incubating",
          });
    CHECK(changes[2].before == "silver");
    CHECK(changes[2].after == "gold");

    CHECK_THROWS_AS(changes_between(reg, d("2021-01-01"), d("2021-01-01")),
                    error);
    CHECK_THROWS_AS(changes_between(reg, d("2022-01-01"), d("2021-01-01")),
                    error);
    CHECK_THROWS_AS(changes_between(reg, d("2021-01-01"), d("2022-01-01"),
                                    foundation_id{"g"}),
                    not_found_error);
  }

  TEST_CASE("seats taken and vacated, with whom they represent") {
    batch b;
    b.add(organization{.id = org_id{"o"}, .name = "O"});
    b.add(person{.id = person_id{"pat"}, .name = "Pat"});
    b.add(foundation{.id = foundation_id{"f"}, .name = "F"});
    b.add(body{
        .id = body_id{"board"},
        .name = "Board",
        .owner = foundation_id{"f"},
        .seat_classes = {seat_class{
            .id = seat_class_id{"x"}, .mode = seat_mode::fixed, .count = 3}}});
    b.add(seat{.body = body_id{"board"},
               .seat_class = seat_class_id{"x"},
               .person = person_id{"pat"},
               .represents = org_id{"o"},
               .when = {d("2021-02-01"), d("2021-10-01")}});
    registry reg;
    reg.apply(b);
    const auto changes = changes_between(reg, d("2021-01-01"), d("2022-01-01"),
                                         foundation_id{"f"});
    CHECK(texts(changes) == std::vector<std::string>{
                                "2021-02-01 pat took a x seat on board for o",
                                "2021-10-01 pat left a x seat on board for o"});
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].represents == org_id{"o"});
    CHECK(changes[0].object == std::optional<record_key>{body_id{"board"}});
  }

  TEST_CASE("compare: equal registries, and what changed field by field") {
    CHECK(compare(example(), example()).empty());
    CHECK(compare(registry{}, registry{}).empty());

    registry after = example();
    organization aws = *after.find(org_id{"aws"});
    aws.name = "AWS";
    aws.aliases.push_back("Amazon AWS");
    foundation pf = *after.find(foundation_id{"pytorch-foundation"});
    pf.tiers[0].name = "Premier Member";  // premier, first in the document
    batch b;
    b.update(aws);
    b.update(pf);
    b.add(organization{.id = org_id{"arm"}, .name = "Arm Ltd"});
    b.join(org_id{"arm"}, foundation_id{"pytorch-foundation"},
           tier_id{"general"}, d("2023-03-01"));
    after.apply(b);

    const auto diffs = compare(example(), after);
    REQUIRE(diffs.size() == 4);
    // In the order of ids: arm (added) before aws (changed).
    CHECK(diffs[0].key == record_key{org_id{"arm"}});
    CHECK(diffs[0].change == record_change::added);
    CHECK(diffs[0].fields.empty());
    CHECK(diffs[1].key == record_key{org_id{"aws"}});
    CHECK(diffs[1].change == record_change::changed);
    CHECK(diffs[1].fields ==
          std::vector<field_change>{
              {"/name", "\"Amazon Web Services\"", "\"AWS\""},
              {"/aliases", "[\"AWS\"]", "[\"AWS\", \"Amazon AWS\"]"}});
    CHECK(diffs[2].key == record_key{foundation_id{"pytorch-foundation"}});
    CHECK(diffs[2].fields ==
          std::vector<field_change>{
              {"/tiers/0/name", "\"Premier\"", "\"Premier Member\""}});
    CHECK(diffs[3].key ==
          record_key{membership_key{org_id{"arm"},
                                    foundation_id{"pytorch-foundation"},
                                    d("2023-03-01")}});
    CHECK(diffs[3].change == record_change::added);

    // The other way round, the added records are removed (arm before aws,
    // in the order of ids).
    const auto back = compare(after, example());
    REQUIRE(back.size() == 4);
    CHECK(back[0].change == record_change::removed);
    CHECK(back[0].key == record_key{org_id{"arm"}});
    REQUIRE(back[1].fields.size() == 2);
    CHECK(back[1].fields[0].before == "\"AWS\"");
    CHECK(back[3].change == record_change::removed);
  }

  TEST_CASE("compare: a member on one side only") {
    batch b;
    b.add(organization{.id = org_id{"o"}, .name = "O"});
    registry before;
    before.apply(b);
    registry after = before;
    organization o = *after.find(org_id{"o"});
    o.parent = std::nullopt;
    o.aliases = {"Oh"};
    after.apply(batch().update(o));
    const auto diffs = compare(before, after);
    REQUIRE(diffs.size() == 1);
    REQUIRE(diffs[0].fields.size() == 1);
    CHECK(diffs[0].fields[0].field == "/aliases");
    CHECK_FALSE(diffs[0].fields[0].before);
    CHECK(diffs[0].fields[0].after == "[\"Oh\"]");
  }
}
