#include <charter/import.hpp>

// k8s-steering over the real elections of
// ../shared/data/real/k8s-steering-elections (kubernetes/community
// elections/steering/2024 and 2025). What the files say, read by hand:
//   2024/election.yaml:6  end_datetime: 2024-09-27 11:59:59
//   2024/election.yaml:7  no_winners: 3
//   2024/results.md:3     "Number of seats open: 3 (2 year term)"
//   2024/results.md:12-14 winners Benjamin Elder (bentheelder), Antonio
//                         Ojea (aojea), Sascha Grunert (saschagrunert);
//                         lines 17-20 the rest; no candidate files.
//   2025/election.yaml:6  end_datetime: 2025-10-25 11:59:59
//   2025/election.yaml:7  no_winners: 4
//   2025/results.md:3     "Number of seats open: 4 (2 year term)"
//   2025/results.md:12-15 winners Maciej Szulik (soltysh), Rita Zhang
//                         (ritazh), Paco Xu (pacoxu), Kat Cosgrove
//                         (katcosgrove); lines 18-21 the rest.
//   2025/candidate-*.md:5 "employer:" katcosgrove Minimus, natalisucks
//                         Cisco, pacoxu DaoCloud, priyankasaggu11929 SUSE,
//                         ritazh Microsoft, soltysh Defense Unicorns,
//                         stmcginnis Lambda, xmudrii Kubermatic.
// election.yaml's comment (line 5) says the close is the end of the day
// before end_datetime, Anywhere on Earth: the winners are seated on
// end_datetime's date, for the term of results.md.

#include <charter/checks.hpp>
#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include "fixtures.hpp"

#include <filesystem>
#include <set>
#include <span>
#include <string>
#include <vector>

using namespace charter;
using namespace charter::import_test;

namespace {

const std::string elections =
    CHARTER_SHARED_DIR "/data/real/k8s-steering-elections";

// election.yaml, results.md and every candidate-*.md of one year.
std::vector<std::string> files_of(std::string_view year) {
  const std::filesystem::path dir = elections + "/" + std::string(year);
  std::vector<std::string> out = {(dir / "election.yaml").string(),
                                  (dir / "results.md").string()};
  std::set<std::string> candidates;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (name.starts_with("candidate-")) candidates.insert(e.path().string());
  }
  out.insert(out.end(), candidates.begin(), candidates.end());
  return out;
}

const date the_day = parse_date("2026-01-15");

import_options on_day() { return on("2026-01-15"); }

imported import_year(std::string_view year) {
  return import_alone("k8s-steering", files_of(year), on_day());
}

std::set<std::string> seated(const registry& reg) {
  std::set<std::string> out;
  for (const auto& s : reg.seats()) out.insert(s.person.str());
  return out;
}

const seat* seat_of(const registry& reg, std::string_view person) {
  return import_test::seat_of(reg, "steering-committee", person);
}

std::vector<std::string> orgs_of(const registry& reg, std::string_view person) {
  return import_test::orgs_of(reg, person, the_day);
}

}  // namespace

TEST_SUITE("import k8s-steering") {
  TEST_CASE("2024: three winners seated for two years, no employers") {
    const auto i = import_year("2024");
    const auto& reg = i.reg;
    CHECK(i.result.summary.files.size() == 2);
    REQUIRE(reg.find(body_id{"steering-committee"}));
    const auto& committee = reg.at(body_id{"steering-committee"});
    CHECK(committee.name == "Steering Committee");
    CHECK(committee.kind == "committee");
    CHECK(committee.owner == body_owner{project_id{"kubernetes"}});

    // results.md:12-14.
    CHECK(seated(reg) ==
          std::set<std::string>{"bentheelder", "aojea", "saschagrunert"});
    CHECK(reg.seats().size() == 3);
    for (const auto& s : reg.seats()) {
      CHECK(s.seat_class.str() == "member");
      CHECK(!s.office);
      // election.yaml:6, results.md:3 and 10: two years from 2024-09-27.
      CHECK(s.when.from == parse_date("2024-09-27"));
      CHECK(s.when.to == parse_date("2026-09-27"));
      // No candidate files in 2024: no organization represented.
      CHECK(!s.represents);
    }
    CHECK(reg.at(person_id{"bentheelder"}).name == "Benjamin Elder");
    CHECK(reg.at(person_id{"bentheelder"}).handles.at("github") ==
          "bentheelder");
    CHECK(reg.at(person_id{"aojea"}).name == "Antonio Ojea");
    CHECK(reg.at(person_id{"saschagrunert"}).name == "Sascha Grunert");
    // The candidates placed 4th to 7th (lines 17-20) are not seated, and
    // with no candidate files not read at all.
    CHECK(reg.people().size() == 3);
    CHECK(orgs_of(reg, "aojea").empty());
    // In force on 2026-01-15, over on 2026-09-27.
    CHECK(reg.seats(body_id{"steering-committee"}, the_day).size() == 3);
    CHECK(reg.seats(body_id{"steering-committee"}, parse_date("2026-09-27"))
              .empty());

    const auto& s = i.result.summary;
    CHECK(s.read == 3);
    CHECK(s.mapped == 3);
    CHECK(s.skipped == 0);
    CHECK(s.unmapped.empty());
  }

  TEST_CASE("2025: four winners for two years, employers represented") {
    const auto i = import_year("2025");
    const auto& reg = i.reg;
    CHECK(i.result.summary.files.size() == 10);
    // results.md:12-15.
    CHECK(seated(reg) ==
          std::set<std::string>{"soltysh", "ritazh", "pacoxu", "katcosgrove"});
    CHECK(reg.seats().size() == 4);
    for (const auto& s : reg.seats()) {
      // election.yaml:6 and results.md:3: 2025-10-25 to 2027-10-25.
      CHECK(s.when.from == parse_date("2025-10-25"));
      CHECK(s.when.to == parse_date("2027-10-25"));
      CHECK(s.seat_class.str() == "member");
    }
    // candidate-soltysh.md:2 and 5.
    const auto* soltysh = seat_of(reg, "soltysh");
    REQUIRE(soltysh);
    CHECK(reg.at(person_id{"soltysh"}).name == "Maciej Szulik");
    REQUIRE(soltysh->represents);
    CHECK(reg.at(*soltysh->represents).name == "Defense Unicorns");
    CHECK(orgs_of(reg, "soltysh") == orgs{soltysh->represents->str()});
    // candidate-ritazh.md:5, candidate-pacoxu.md:5,
    // candidate-katcosgrove.md:5.
    CHECK(seat_of(reg, "ritazh")->represents == org_id{"microsoft"});
    CHECK(seat_of(reg, "pacoxu")->represents == org_id{"daocloud"});
    REQUIRE(seat_of(reg, "katcosgrove")->represents);
    CHECK(reg.at(*seat_of(reg, "katcosgrove")->represents).name == "Minimus");
    CHECK(orgs_of(reg, "ritazh") == orgs{"microsoft"});
    CHECK(orgs_of(reg, "pacoxu") == orgs{"daocloud"});
    // The employer at the election: an affiliation from the day the seats
    // start (election.yaml:6, end_datetime 2025-10-25), open-ended, so that
    // the seat represents an organization its holder is with.
    const auto& ties = reg.at(person_id{"ritazh"}).affiliations;
    REQUIRE(ties.size() == 1);
    CHECK(ties[0].when.from == parse_date("2025-10-25"));
    CHECK(ties[0].when.open_ended());
    CHECK_FALSE(ties[0].extra.contains("undated_start"));
    // The seven seats' class has only these four filled (seat-vacant), but
    // every seat represents its holder's organization.
    for (const auto& f : check(reg, parse_date("2025-10-25")))
      CHECK(f.code != "representative-not-affiliated");

    // The four not elected (results.md:18-21) have no seat, but their
    // employers: candidate-priyankasaggu11929.md:5 SUSE,
    // candidate-natalisucks.md:5 Cisco, candidate-xmudrii.md:5 Kubermatic,
    // candidate-stmcginnis.md:5 Lambda.
    CHECK(reg.people().size() == 8);
    CHECK(orgs_of(reg, "natalisucks") == orgs{"cisco"});
    CHECK(orgs_of(reg, "xmudrii") == orgs{"kubermatic"});
    REQUIRE(orgs_of(reg, "priyankasaggu11929").size() == 1);
    CHECK(reg.at(org_id{orgs_of(reg, "priyankasaggu11929")[0]}).name == "SUSE");
    REQUIRE(orgs_of(reg, "stmcginnis").size() == 1);
    CHECK(reg.at(org_id{orgs_of(reg, "stmcginnis")[0]}).name == "Lambda");
    // Their names: candidate-priyankasaggu11929.md:2, candidate-xmudrii.md:2.
    CHECK(reg.at(person_id{"priyankasaggu11929"}).name == "Priyanka Saggu");
    CHECK(reg.at(person_id{"xmudrii"}).name == "Marko Mudrinić");
    CHECK(!seat_of(reg, "xmudrii"));

    const auto& s = i.result.summary;
    // Four seats and four other candidates.
    CHECK(s.read == 8);
    CHECK(s.mapped == 8);
    CHECK(s.unmapped.empty());
    CHECK(s.findings.empty());
  }

  TEST_CASE("2024 then 2025: seven seats on one committee") {
    auto first = import_year("2024");
    const auto second =
        read_source(first.reg, "k8s-steering", files_of("2025"), on_day());
    first.reg.apply(second.changes);
    const auto& reg = first.reg;
    // The seven of sigs.yaml:4104-4131, three from 2024 and four from 2025.
    std::set<std::string> now;
    for (const auto* s : reg.seats(body_id{"steering-committee"}, the_day))
      now.insert(s->person.str());
    CHECK(now == std::set<std::string>{"bentheelder", "aojea", "saschagrunert",
                                       "soltysh", "ritazh", "pacoxu",
                                       "katcosgrove"});
    const auto* members = reg.at(body_id{"steering-committee"})
                              .find_class(seat_class_id{"member"});
    REQUIRE(members);
    CHECK(members->count == 7);
    // After 2026-09-27 only the 2025 four are left.
    CHECK(reg.seats(body_id{"steering-committee"}, parse_date("2026-10-01"))
              .size() == 4);
  }

  TEST_CASE("after k8s-sigs: the same committee and people") {
    const std::vector<std::string> sigs = {
        CHARTER_SHARED_DIR "/data/real/k8s-community/sigs.yaml"};
    registry reg;
    reg.apply(read_source(reg, "k8s-sigs", sigs, on_day()).changes);
    const auto people = reg.people().size();
    const auto r = read_source(reg, "k8s-steering", files_of("2025"), on_day());
    reg.apply(r.changes);
    // All eight candidates are in sigs.yaml already, matched by handle
    // whatever its case: soltysh 4129, ritazh 4121, pacoxu 4117,
    // katcosgrove 4113, Priyankasaggu11929 1473, natalisucks 1620, xmudrii
    // 2074, stmcginnis 3974.
    CHECK(reg.people().size() == people);
    CHECK(r.summary.matched >= 8);
    CHECK(reg.bodies().size() == 35);
    const auto* soltysh = [&]() -> const seat* {
      for (const auto& s : reg.seats())
        if (s.body.str() == "steering-committee" &&
            s.person.str() == "soltysh" && s.when.to)
          return &s;
      return nullptr;
    }();
    REQUIRE(soltysh);
    CHECK(soltysh->when.from == parse_date("2025-10-25"));
    // Defense Unicorns is one organization for both files (sigs.yaml:4131,
    // candidate-soltysh.md:5).
    CHECK(orgs_of(reg, "soltysh") == orgs{"defense-unicorns"});
    // stmcginnis: "Lambda, Inc" in sigs.yaml:3976, "Lambda" in
    // candidate-stmcginnis.md:5: one organization by key.
    CHECK(orgs_of(reg, "stmcginnis").size() == 1);
  }

  TEST_CASE("the elections, then k8s-sigs: each member seated once") {
    auto reg = import_year("2024").reg;
    reg.apply(
        read_source(reg, "k8s-steering", files_of("2025"), on_day()).changes);
    const std::vector<std::string> sigs = {
        CHARTER_SHARED_DIR "/data/real/k8s-community/sigs.yaml"};
    reg.apply(read_source(reg, "k8s-sigs", sigs, on_day()).changes);
    // sigs.yaml:4104-4131 lists the seven the elections seated: their
    // dated seats stand, with no undated seat beside them.
    const auto now = reg.seats(body_id{"steering-committee"}, the_day);
    CHECK(now.size() == 7);
    for (const auto* s : now) CHECK(s->when.to);
    const auto* members = reg.at(body_id{"steering-committee"})
                              .find_class(seat_class_id{"member"});
    REQUIRE(members);
    CHECK(members->count == 7);
  }

  TEST_CASE("an election needs its dates and its winners") {
    const import::source_file election(
        "election.yaml",
        "name: 2025 Steering Committee Election\n"
        "end_datetime: 2025-10-25 11:59:59\n");
    const import::source_file results(
        "results.md",
        "# Results\n\n- Number of seats open: 4 (2 year term)\n\n## "
        "Winners\n\n1. [Maciej Szulik](https://github.com/soltysh)\n");
    const import::source_file both[] = {election, results};
    const auto r = import::read_files(registry{}, "k8s-steering", both);
    REQUIRE(r.summary.read == 1);
    registry reg;
    reg.apply(r.changes);
    REQUIRE(reg.seats().size() == 1);
    CHECK(reg.seats()[0].when.to == parse_date("2027-10-25"));

    CHECK_THROWS_AS(
        import::read_files(registry{}, "k8s-steering", std::span(&results, 1)),
        error);
    CHECK_THROWS_AS(
        import::read_files(registry{}, "k8s-steering", std::span(&election, 1)),
        error);
    const import::source_file no_end("election.yaml", "name: x\n");
    const import::source_file no_end_both[] = {no_end, results};
    try {
      import::read_files(registry{}, "k8s-steering", no_end_both);
      FAIL("no error");
    } catch (const import_error& e) {
      CHECK(e.reason().find("end_datetime") != std::string::npos);
    }
    const import::source_file no_winners("results.md", "# Results\n");
    const import::source_file no_winners_both[] = {election, no_winners};
    CHECK_THROWS_AS(
        import::read_files(registry{}, "k8s-steering", no_winners_both),
        import_error);
  }
}
