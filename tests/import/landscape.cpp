#include <charter/import.hpp>

// The landscape importer over cncf-landscape/landscape.yml (cncf/landscape
// @ 153d699b). Counted in the file with awk over the "CNCF Members"
// category (line 14188): Platinum 17 items, Gold 17, Silver 582, Academic
// 3, Nonprofit 22, End User Supporter and Contributor 81; 15 of them
// "Non-Public Organization ..." (anonymised, no organization).
#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include <map>
#include <span>

#include "import/sources.hpp"

#include <string>

using namespace charter;

namespace {

const std::string cncf =
    CHARTER_SHARED_DIR "/data/real/cncf-landscape/landscape.yml";

date ymd(int y, unsigned m, unsigned d) {
  return date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

}  // namespace

TEST_SUITE("import landscape") {
  TEST_CASE("CNCF: tiers in the file's order, members from their joined date") {
    import_options o;
    o.as_of = ymd(2026, 12, 1);
    const std::string files[] = {cncf};
    auto r = read_source(registry{}, "landscape", files, o);
    registry reg;
    reg.apply(r.changes);
    const auto& f = reg.at(foundation_id{"cncf"});
    REQUIRE(f.tiers.size() == 6);
    CHECK(f.tiers[0].name == "Platinum");
    CHECK(f.tiers[1].name == "Gold");
    CHECK(f.tiers[2].name == "Silver");
    CHECK(f.tiers[5].name == "End User Supporter and Contributor");
    std::map<std::string, std::size_t> per_tier;
    for (const auto& m : reg.memberships()) ++per_tier[m.tier.str()];
    CHECK(per_tier["platinum"] == 17);
    CHECK(per_tier["gold"] == 17);
    // Silver: 582 items, less anonymised ones and second listings, each
    // reported as skipped.
    CHECK(per_tier["silver"] <= 582);
    // Read: the 722 member items and the 255 items with a `project:`
    // maturity (grep -c '^            project: ').
    CHECK(r.summary.read == 977);
    CHECK(r.summary.mapped + r.summary.skipped == r.summary.read);
    std::size_t anonymised = 0;
    for (const auto& u : r.summary.unmapped)
      anonymised += u.reason.find("anonymised") != std::string::npos ? 1 : 0;
    CHECK(anonymised == 15);
    // Alibaba Cloud (member), line 14195: joined '2017-05-01'.
    const auto* alibaba =
        reg.membership_of(org_id{"alibaba"}, f.id, ymd(2020, 1, 1));
    REQUIRE(alibaba);
    CHECK(alibaba->when.from == ymd(2017, 5, 1));
    CHECK(alibaba->tier == tier_id{"platinum"});
    // The same file again: nothing to add or change.
    const auto again = read_source(reg, "landscape", files, o);
    CHECK(again.summary.added == 0);
    CHECK(again.summary.updated == 0);
  }

  TEST_CASE("a landscape without a members category is refused") {
    const import::source_file f("landscape.yml",
                                "landscape:\n  - category:\n    name: "
                                "Provisioning\n    subcategories: []\n");
    try {
      import::read_files(registry{}, "landscape", std::span(&f, 1));
      FAIL("no error");
    } catch (const import_error& e) {
      CHECK(e.where() == source_place{"landscape.yml", 2, 3});
      CHECK(e.reason().find("no members category") != std::string::npos);
    }
  }
}
