#include <charter/diff.hpp>
#include <charter/json.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

// Merging two records that are one, upserting a document (import --merge)
// and previewing a change (--dry-run). The registry below is made for
// them: AMD entered twice (amd and amd-inc, the second with a subsidiary,
// a membership, a seat and a project), and Lisa Su twice.

using namespace charter;

namespace {

constexpr std::string_view twice = R"({
  "format": "charter-registry", "version": 1,
  "organizations": [
    {"id": "amd", "name": "AMD", "aliases": ["Advanced Micro Devices"],
     "domains": ["amd.com"]},
    {"id": "amd-inc", "name": "AMD Inc.", "aliases": ["AMD"],
     "domains": ["amd.com", "xilinx.com"]},
    {"id": "meta", "name": "Meta"},
    {"id": "xilinx", "name": "Xilinx", "parent": "amd-inc"}],
  "people": [
    {"id": "lisa", "name": "Lisa Su", "emails": ["lisa@amd.com"],
     "handles": {"github": "lisasu"},
     "affiliations": [{"org": "amd-inc", "from": "2022-01-01"}]},
    {"id": "lisa-su", "name": "Lisa T. Su",
     "emails": ["lsu@amd.com", "lisa@amd.com"],
     "handles": {"github": "lsu", "x": "LisaSu"},
     "affiliations": [{"org": "amd", "from": "2023-01-01"}]},
    {"id": "mark", "name": "Mark",
     "affiliations": [{"org": "meta", "from": "2022-01-01"}]}],
  "foundations": [
    {"id": "pf", "name": "PF",
     "tiers": [{"id": "premier", "name": "Premier", "rank": 1}]}],
  "projects": [
    {"id": "rocm", "name": "ROCm",
     "stewards": [{"org": "amd-inc", "from": "2020-01-01"}]}],
  "bodies": [
    {"id": "board", "name": "Board", "kind": "board", "foundation": "pf",
     "seat_classes": [{"id": "premier", "mode": "per-member",
                       "tier": "premier"}],
     "rules": {"max_per_family": 1}}],
  "memberships": [
    {"org": "amd-inc", "foundation": "pf", "tier": "premier",
     "from": "2022-09-12"},
    {"org": "meta", "foundation": "pf", "tier": "premier",
     "from": "2022-09-12"}],
  "seats": [
    {"body": "board", "class": "premier", "person": "lisa-su",
     "represents": "amd-inc", "from": "2022-09-12"},
    {"body": "board", "class": "premier", "person": "mark",
     "represents": "meta", "from": "2022-09-12"}],
  "roles": [
    {"person": "lisa-su", "title": "Chair", "foundation": "pf",
     "from": "2022-09-12"}]
})";

constexpr date day(int y, unsigned m, unsigned d) {
  return date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::vector<std::string> codes(const std::vector<finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.code);
  return out;
}

std::string messages(const validation_error& e) {
  std::string out;
  for (const auto& p : e.problems()) out += p.message + "\n";
  return out;
}

}  // namespace

TEST_SUITE("merge") {
  TEST_CASE("an organization entered twice becomes one") {
    auto reg = from_json(twice);
    const auto written =
        reg.apply(batch().merge(org_id{"amd-inc"}, org_id{"amd"}));
    CHECK_FALSE(reg.find(org_id{"amd-inc"}));

    // The duplicate's name and aliases are aliases now (AMD is amd's name
    // already), its domains join.
    const auto& amd = reg.at(org_id{"amd"});
    CHECK(amd.name == "AMD");
    CHECK(amd.aliases ==
          std::vector<std::string>{"Advanced Micro Devices", "AMD Inc."});
    CHECK(amd.domains == std::vector<std::string>{"amd.com", "xilinx.com"});

    // Every reference moved: the subsidiary's parent, the affiliation, the
    // steward, the membership (a new key) and the seat it represents.
    CHECK(reg.at(org_id{"xilinx"}).parent == org_id{"amd"});
    CHECK(reg.at(person_id{"lisa"}).affiliations.front().org == org_id{"amd"});
    CHECK(std::get<org_id>(reg.at(project_id{"rocm"}).stewards.front().who) ==
          org_id{"amd"});
    CHECK(reg.find(
        membership_key{org_id{"amd"}, foundation_id{"pf"}, day(2022, 9, 12)}));
    CHECK_FALSE(reg.find(membership_key{org_id{"amd-inc"}, foundation_id{"pf"},
                                        day(2022, 9, 12)}));
    CHECK(reg.memberships().size() == 2);
    CHECK(reg.seats()[0].represents == org_id{"amd"});
    CHECK(reg.organizations().size() == 3);
    // xilinx, lisa, lisa-su (hers already), the membership, the seat, rocm.
    CHECK(reg.referrers(org_id{"amd"}).size() == 6);
    CHECK_FALSE(written.empty());
  }

  TEST_CASE("a person entered twice becomes one: emails and handles join") {
    auto reg = from_json(twice);
    reg.apply(batch().merge(person_id{"lisa-su"}, person_id{"lisa"}));
    CHECK_FALSE(reg.find(person_id{"lisa-su"}));
    const auto& lisa = reg.at(person_id{"lisa"});
    CHECK(lisa.name == "Lisa Su");
    CHECK(lisa.emails ==
          std::vector<std::string>{"lisa@amd.com", "lsu@amd.com"});
    // Her own github handle stays; the other platform's joins.
    CHECK(lisa.handles.at("github") == "lisasu");
    CHECK(lisa.handles.at("x") == "LisaSu");
    CHECK(lisa.affiliations.size() == 2);
    // The seat and the role are hers now, under their new keys.
    CHECK(reg.seats().size() == 2);
    CHECK(reg.find(seat_key{body_id{"board"}, seat_class_id{"premier"},
                            person_id{"lisa"}, day(2022, 9, 12)}));
    CHECK(reg.find(role_key{person_id{"lisa"}, "Chair", foundation_id{"pf"},
                            day(2022, 9, 12)}));
    CHECK(reg.roles().size() == 1);
  }

  TEST_CASE("refused: into itself, across kinds, unknown, overlapping") {
    auto reg = from_json(twice);
    const auto before = to_json(reg);
    auto refused = [&](batch b, std::string_view part) {
      try {
        reg.apply(b);
        FAIL("applied");
      } catch (const validation_error& e) {
        CHECK_MESSAGE(contains(messages(e), part), messages(e));
      }
      CHECK(to_json(reg) == before);
    };
    refused(batch().merge(org_id{"amd"}, org_id{"amd"}),
            "cannot merge organization amd into itself");
    refused(batch().merge(org_id{"amd"}, org_id{"nope"}),
            "no organization nope to merge");
    batch across;
    across.push_back(op::merge{org_id{"amd"}, person_id{"lisa"}});
    refused(across, "a merge makes two organizations, or two people, one");
    // Meta and AMD both held a premier membership from 2022-09-12: one
    // organization cannot hold two.
    refused(batch().merge(org_id{"meta"}, org_id{"amd-inc"}),
            "cannot merge organization meta into organization amd-inc: both "
            "have a membership");
  }

  TEST_CASE("described as one change") {
    CHECK(batch().merge(org_id{"amd-inc"}, org_id{"amd"}).describe() ==
          std::vector<std::string>{
              "merge organization amd-inc into organization amd"});
  }
}

TEST_SUITE("update") {
  TEST_CASE("an update to what is there writes nothing") {
    auto reg = from_json(twice);
    const auto same = reg.at(org_id{"meta"});
    CHECK(reg.apply(batch().update(same)).empty());
    auto tx = reg.stage(batch().update(same));
    CHECK(tx.changes().empty());
    tx.roll_back();
    auto renamed = same;
    renamed.name = "Meta Platforms";
    CHECK(reg.apply(batch().update(renamed)) ==
          std::vector<record_key>{org_id{"meta"}});
  }
}

TEST_SUITE("upsert") {
  TEST_CASE("new records added, changed ones updated, equal ones left out") {
    const auto reg = from_json(twice);
    auto incoming = from_json(twice);
    auto meta = incoming.at(org_id{"meta"});
    meta.name = "Meta Platforms";
    organization arm;
    arm.id = org_id{"arm"};
    arm.name = "Arm";
    incoming.apply(batch().update(meta).add(arm));

    upsert_counts n;
    auto doc = decode_json(to_json(incoming));
    auto b = upsert(reg, std::move(doc.changes), &n);
    // 5 organizations, 3 people, 1 foundation, 1 project, 1 body,
    // 2 memberships, 2 seats, 1 role: 16 records, Arm new, Meta changed.
    CHECK(n.added == 1);
    CHECK(n.updated == 1);
    CHECK(n.unchanged == 14);
    CHECK(b.describe().size() == 2);

    auto merged = reg;
    merged.apply(b);
    CHECK(to_json(merged) == to_json(incoming));
  }
}

TEST_SUITE("preview") {
  TEST_CASE("a merge: what it adds, changes and removes, and nothing done") {
    auto reg = from_json(twice);
    const auto before = to_json(reg);
    const auto p =
        preview_changes(reg, batch().merge(org_id{"amd-inc"}, org_id{"amd"}));
    CHECK(to_json(reg) == before);

    std::vector<std::string> added, changed, removed;
    for (const auto& c : p.changes)
      (c.change == record_change::added     ? added
       : c.change == record_change::changed ? changed
                                            : removed)
          .push_back(to_string(c.key));
    // amd, xilinx, lisa and rocm change; the seat's represents changes in
    // place; the membership goes and comes back as amd's.
    CHECK(changed.size() == 5);
    CHECK(added.size() == 1);
    CHECK(removed.size() == 2);
    CHECK(std::find(removed.begin(), removed.end(), "organization amd-inc") !=
          removed.end());
    const auto amd = std::find_if(p.changes.begin(), p.changes.end(),
                                  [](const record_diff& c) {
                                    return c.key == record_key{org_id{"amd"}};
                                  });
    REQUIRE(amd != p.changes.end());
    REQUIRE(amd->fields.size() == 2);
    CHECK(amd->fields[0].field == "/aliases");
    CHECK(amd->fields[0].after.value_or("") ==
          R"(["Advanced Micro Devices", "AMD Inc."])");
    CHECK(amd->fields[1].field == "/domains");
  }

  TEST_CASE("the findings a change brings and ends") {
    auto reg = from_json(twice);
    // Lisa (affiliated with amd-inc) takes a second premier seat for AMD:
    // two seats for one family on a board capped at one per family.
    seat second;
    second.body = body_id{"board"};
    second.seat_class = seat_class_id{"premier"};
    second.person = person_id{"lisa"};
    second.represents = org_id{"amd-inc"};
    second.when = period{day(2024, 1, 1), std::nullopt};
    const auto p = preview_changes(reg, batch().add(second));
    REQUIRE(p.changes.size() == 1);
    CHECK(p.changes[0].change == record_change::added);
    const auto brought = codes(p.introduced);
    CHECK(std::find(brought.begin(), brought.end(), "family-cap-exceeded") !=
          brought.end());
    for (const auto& f : p.introduced)
      if (f.code == "family-cap-exceeded") {
        CHECK(f.when.from == day(2024, 1, 1));
        CHECK(f.severity == severity::error);
      }
    CHECK(reg.seats().size() == 2);

    // Ending Mark's seat while Meta is still a member leaves Meta's
    // premier seat vacant.
    const auto vacated = preview_changes(
        reg,
        batch().end_seat(body_id{"board"}, person_id{"mark"}, day(2023, 1, 1)));
    const auto now = codes(vacated.introduced);
    CHECK(std::find(now.begin(), now.end(), "seat-vacant") != now.end());
  }

  TEST_CASE("a refused change is refused by the preview too") {
    auto reg = from_json(twice);
    CHECK_THROWS_AS(preview_changes(reg, batch().remove(org_id{"amd-inc"})),
                    validation_error);
    CHECK(reg.organizations().size() == 4);
  }

  TEST_CASE("an import: the records compared, the findings before and after") {
    const auto reg = from_json(twice);
    auto smaller = reg;
    smaller.apply(batch().remove(org_id{"meta"}, true));
    const auto p = preview_replace(reg, smaller);
    // Meta goes with its membership and the seat for it; Mark stays,
    // without his affiliation with Meta.
    std::size_t removed = 0, changed = 0;
    for (const auto& c : p.changes)
      (c.change == record_change::removed ? removed : changed) += 1;
    CHECK(removed == 3);  // meta, its membership, Mark's seat for it
    CHECK(changed == 1);  // mark, without his affiliation
  }
}
