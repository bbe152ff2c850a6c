#include <charter/import.hpp>

// k8s-sigs over the real sigs.yaml of ../shared/data/real/k8s-community
// (kubernetes/community). The figures were counted in the file itself, with
// grep and awk (and a YAML reader as a second opinion), not taken from what
// the importer prints:
//   grep -n '^[a-z_]*:' sigs.yaml       sigs: line 1, workinggroups: 3545,
//                                        usergroups: [] 3947, committees:
//                                        3948, gb_rep: 4160
//   grep -c '^  - dir: sig-'            24 SIGs (lines 2..3440)
//   grep -c '^  - dir: wg-'             8 working groups (3546..3895)
//   grep -c '^  - dir: committee-'      3 committees (3949, 4021, 4096)
//   group leadership (8-space "- github:" under chairs / tech_leads /
//   emeritus_leads): 112 chairs, 54 tech leads, 120 emeritus leads; 34
//   `contact: liaison:` entries; one gb_rep. 224 distinct github handles.
//   `company: Independent` at group level: lines 715, 802, 1127, 1643, 2059,
//   2068, 2895, 2904, 3013 (9 entries, 7 people).
//   subprojects' `leads`: 35 entries in 7 SIGs (sig-testing 13, sig-network
//   8, sig-architecture 4, sig-auth 4, sig-release 3, sig-scheduling 2,
//   sig-cli 1), 13 of them people found nowhere else: 237 handles in all,
//   and three more companies (ICR Team, SAS, SB Intuitions Corp).

#include <charter/checks.hpp>
#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include "fixtures.hpp"

#include <algorithm>
#include <set>
#include <span>
#include <string>
#include <vector>

using namespace charter;
using namespace charter::import_test;

namespace {

const std::vector<std::string> sigs_files = {
    CHARTER_SHARED_DIR "/data/real/k8s-community/sigs.yaml"};

const date the_day = parse_date("2026-01-15");

import_options on_day() { return on("2026-01-15"); }

const imported& sigs() {
  static const imported once = import_alone("k8s-sigs", sigs_files, on_day());
  return once;
}

// The handles of the seats of `body` in `seat_class` in force on the day.
std::set<std::string> holders(const registry& reg, std::string_view body,
                              std::string_view seat_class) {
  std::set<std::string> out;
  for (const auto* s : reg.seats(body_id{std::string(body)}, the_day))
    if (s->seat_class.str() == seat_class)
      out.insert(reg.at(s->person).handles.at("github"));
  return out;
}

const seat* seat_in(const registry& reg, std::string_view body,
                    std::string_view seat_class, std::string_view person) {
  for (const auto& s : reg.seats())
    if (s.body.str() == body && s.seat_class.str() == seat_class &&
        s.person.str() == person)
      return &s;
  return nullptr;
}

std::vector<std::string> orgs_of(const registry& reg, std::string_view person) {
  return import_test::orgs_of(reg, person, the_day);
}

}  // namespace

TEST_SUITE("import k8s-sigs") {
  TEST_CASE("every SIG, working group and committee is a body of Kubernetes") {
    const auto& reg = sigs().reg;
    std::size_t sig = 0, wg = 0, ug = 0, committee = 0;
    for (const auto& b : reg.bodies()) {
      CHECK(b.owner == body_owner{project_id{"kubernetes"}});
      sig += b.kind == "sig" ? 1 : 0;
      wg += b.kind == "working-group" ? 1 : 0;
      ug += b.kind == "user-group" ? 1 : 0;
      committee += b.kind == "committee" ? 1 : 0;
    }
    CHECK(reg.bodies().size() == 35);
    CHECK(sig == 24);
    CHECK(wg == 8);
    CHECK(ug == 0);  // sigs.yaml:3947 "usergroups: []"
    CHECK(committee == 3);

    // sigs.yaml:2499-2500 "dir: sig-node", "name: Node".
    CHECK(reg.at(body_id{"sig-node"}).name == "SIG Node");
    // sigs.yaml:3599 "dir: wg-batch".
    CHECK(reg.at(body_id{"wg-batch"}).name == "WG Batch");
    // sigs.yaml:3949-3950 "dir: committee-code-of-conduct", "name: Code of
    // Conduct".
    CHECK(reg.at(body_id{"committee-code-of-conduct"}).name ==
          "Code of Conduct Committee");
    // sigs.yaml:4096 "dir: committee-steering": the body k8s-steering's
    // seats go to.
    CHECK(!reg.find(body_id{"committee-steering"}));
    CHECK(reg.at(body_id{"steering-committee"}).name == "Steering Committee");

    // The project, stewarded by the CNCF.
    const auto& k8s = reg.at(project_id{"kubernetes"});
    REQUIRE(k8s.stewards.size() == 1);
    CHECK(k8s.stewards[0].who == steward_ref{foundation_id{"cncf"}});
  }

  TEST_CASE("the Steering Committee's members (sigs.yaml:4104-4131)") {
    const auto& reg = sigs().reg;
    // Listed under `chairs:` (line 4104): the committee's members, with
    // no office.
    CHECK(holders(reg, "steering-committee", "member") ==
          std::set<std::string>{"BenTheElder", "aojea", "katcosgrove", "pacoxu",
                                "ritazh", "saschagrunert", "soltysh"});
    CHECK(reg.seats(body_id{"steering-committee"}, the_day).size() == 7);
    for (const auto* s : reg.seats(body_id{"steering-committee"}, the_day)) {
      CHECK(!s->office);
      CHECK(s->when.from == the_day);
      CHECK(!s->when.to);
    }
    const auto* members = reg.at(body_id{"steering-committee"})
                              .find_class(seat_class_id{"member"});
    REQUIRE(members);
    CHECK(members->count == 7);

    // Their `company`, lines 4107, 4111, 4115, 4119, 4123, 4127, 4131.
    CHECK(orgs_of(reg, "bentheelder") == orgs{"google"});
    CHECK(orgs_of(reg, "aojea") == orgs{"google"});
    CHECK(orgs_of(reg, "katcosgrove") == orgs{"minimus"});
    CHECK(orgs_of(reg, "pacoxu") == orgs{"daocloud"});
    CHECK(orgs_of(reg, "ritazh") == orgs{"microsoft"});
    CHECK(orgs_of(reg, "saschagrunert") == orgs{"red-hat"});
    CHECK(orgs_of(reg, "soltysh") == orgs{"defense-unicorns"});
    // sigs.yaml:4106, 4118: their names as written.
    CHECK(reg.at(person_id{"bentheelder"}).name == "Benjamin Elder");
    CHECK(reg.at(person_id{"pacoxu"}).name == "Paco Xu 徐俊杰");
    CHECK(reg.at(org_id{"defense-unicorns"}).name == "Defense Unicorns");
  }

  TEST_CASE("SIG Node's chairs and tech leads (sigs.yaml:2506-2532)") {
    const auto& reg = sigs().reg;
    // chairs, lines 2508, 2512, 2516.
    CHECK(holders(reg, "sig-node", "chair") ==
          std::set<std::string>{"SergeyKanzhelev", "haircommander", "mrunalp"});
    // tech_leads, lines 2521, 2525, 2529.
    CHECK(holders(reg, "sig-node", "tech-lead") ==
          std::set<std::string>{"dchen1107", "derekwaynecarr", "mrunalp"});
    // No emeritus_leads: six seats in all.
    CHECK(reg.seat_history(body_id{"sig-node"}).size() == 6);

    const auto* chair = seat_in(reg, "sig-node", "chair", "sergeykanzhelev");
    REQUIRE(chair);
    // Three co-chairs: none holds the office of chair alone (one holder at
    // a time, office-held-twice), so none has it.
    CHECK(!chair->office);
    CHECK(chair->when.from == the_day);
    CHECK(!chair->when.to);
    // The model has no tech-lead office: tech leads are seats of the class
    // `tech-lead`, with no office.
    const auto* lead = seat_in(reg, "sig-node", "tech-lead", "dchen1107");
    REQUIRE(lead);
    CHECK(!lead->office);
    // Mrunal Patel is chair (2516) and tech lead (2529): two seats, one
    // person.
    REQUIRE(seat_in(reg, "sig-node", "chair", "mrunalp"));
    REQUIRE(seat_in(reg, "sig-node", "tech-lead", "mrunalp"));
    CHECK(!seat_in(reg, "sig-node", "tech-lead", "mrunalp")->office);

    const auto& node = reg.at(body_id{"sig-node"});
    REQUIRE(node.find_class(seat_class_id{"chair"}));
    CHECK(node.find_class(seat_class_id{"chair"})->count == 3);
    CHECK(node.find_class(seat_class_id{"tech-lead"})->count == 3);

    // Companies: lines 2510 Google, 2514 Red Hat, 2518 Red Hat, 2523 Google,
    // 2527 Red Hat.
    CHECK(orgs_of(reg, "sergeykanzhelev") == orgs{"google"});
    CHECK(orgs_of(reg, "haircommander") == orgs{"red-hat"});
    CHECK(orgs_of(reg, "mrunalp") == orgs{"red-hat"});
    CHECK(orgs_of(reg, "dchen1107") == orgs{"google"});
    CHECK(orgs_of(reg, "derekwaynecarr") == orgs{"red-hat"});
    CHECK(reg.at(person_id{"haircommander"}).name == "Peter Hunt");
    const auto& ties = reg.at(person_id{"mrunalp"}).affiliations;
    REQUIRE(ties.size() == 1);
    CHECK(ties[0].when.from == the_day);
    CHECK(!ties[0].when.to);
    CHECK(ties[0].extra.contains("undated_start"));
  }

  TEST_CASE("emeritus leads are ended seats (sigs.yaml:2078-2088)") {
    const auto& reg = sigs().reg;
    // SIG K8s Infra: chairs GenPage, ameukam, hakman (2053-2061); tech
    // leads ameukam, upodroid, xmudrii (2066-2074); emeritus leads
    // BenTheElder, bartsmykla, dims, spiffxp, thockin (2079-2087).
    CHECK(holders(reg, "sig-k8s-infra", "chair") ==
          std::set<std::string>{"GenPage", "ameukam", "hakman"});
    CHECK(holders(reg, "sig-k8s-infra", "tech-lead") ==
          std::set<std::string>{"ameukam", "upodroid", "xmudrii"});
    CHECK(holders(reg, "sig-k8s-infra", "emeritus-lead").empty());
    CHECK(reg.seats(body_id{"sig-k8s-infra"}, the_day).size() == 6);
    CHECK(reg.seat_history(body_id{"sig-k8s-infra"}).size() == 11);

    const auto* ended =
        seat_in(reg, "sig-k8s-infra", "emeritus-lead", "thockin");
    REQUIRE(ended);
    REQUIRE(ended->when.to);
    CHECK(*ended->when.to <= the_day);
    CHECK(ended->when.from < *ended->when.to);
    CHECK(ended->extra.contains("undated_end"));
    CHECK(!ended->office);
    const auto* emeritus = reg.at(body_id{"sig-k8s-infra"})
                               .find_class(seat_class_id{"emeritus-lead"});
    REQUIRE(emeritus);
    // Five emeritus leads, owed no seat now.
    CHECK(emeritus->count == 0);
    CHECK(!emeritus->is_voting());
    // An emeritus lead has no `company` (2088): Tim Hockin's organization
    // is the one of his SIG Network tech lead entry, sigs.yaml:2307-2309.
    REQUIRE(seat_in(reg, "sig-network", "tech-lead", "thockin"));
    CHECK(!seat_in(reg, "sig-network", "tech-lead", "thockin")->when.to);
    CHECK(orgs_of(reg, "thockin") == orgs{"google"});
    CHECK(reg.seats_of(person_id{"thockin"}, the_day).size() == 1);

    // Across the file: 120 emeritus leads, each an ended seat.
    std::size_t emeritus_seats = 0, ended_seats = 0;
    for (const auto& s : reg.seats()) {
      if (s.seat_class.str() != "emeritus-lead") continue;
      ++emeritus_seats;
      ended_seats += s.when.to && *s.when.to <= the_day ? 1 : 0;
    }
    CHECK(emeritus_seats == 120);
    CHECK(ended_seats == 120);
    // And 112 chairs plus 54 tech leads in force (the Steering
    // Committee's 7 `chairs` as members).
    std::size_t in_force = 0;
    for (const auto& b : reg.bodies())
      in_force += reg.seats(b.id, the_day).size();
    CHECK(in_force == 112 + 54);
  }

  TEST_CASE("one person per github handle, whatever the groups") {
    const auto& reg = sigs().reg;
    // 224 distinct handles over leadership, liaisons and gb_rep, and 13
    // more who lead subprojects only.
    CHECK(reg.people().size() == 237);
    // Maciej Szulik (soltysh): SIG Apps chair (188) and tech lead (201),
    // SIG CLI tech lead (809), WG Batch emeritus lead (3636), Steering
    // (4129), and liaison of five groups (761, 976, 2383, 3434, 3847).
    const person_id soltysh{"soltysh"};
    CHECK(reg.at(soltysh).name == "Maciej Szulik");
    CHECK(reg.at(soltysh).handles.at("github") == "soltysh");
    CHECK(reg.seat_history(soltysh).size() == 5);
    CHECK(reg.seats_of(soltysh, the_day).size() == 4);
    REQUIRE(seat_in(reg, "sig-apps", "chair", "soltysh"));
    REQUIRE(seat_in(reg, "sig-apps", "tech-lead", "soltysh"));
    REQUIRE(seat_in(reg, "sig-cli", "tech-lead", "soltysh"));
    REQUIRE(seat_in(reg, "wg-batch", "emeritus-lead", "soltysh"));
    CHECK(reg.roles_of(soltysh, the_day).size() == 5);
    CHECK(orgs_of(reg, "soltysh") == orgs{"defense-unicorns"});
    // Benjamin Elder, written BenTheElder: SIG K8s Infra emeritus (2079),
    // Steering (4105), one person.
    CHECK(reg.at(person_id{"bentheelder"}).handles.at("github") ==
          "BenTheElder");
    REQUIRE(seat_in(reg, "sig-k8s-infra", "emeritus-lead", "bentheelder"));
    REQUIRE(seat_in(reg, "steering-committee", "member", "bentheelder"));

    // 136 people with a company other than Independent (123 leaders,
    // liaisons and gb_rep, 13 subproject leads), each affiliated once; the
    // others none.
    std::size_t affiliated = 0;
    std::set<std::string> organizations;
    for (const auto& p : reg.people()) {
      CHECK(p.affiliations.size() <= 1);
      affiliated += p.affiliations.empty() ? 0 : 1;
      for (const auto& a : p.affiliations) organizations.insert(a.org.str());
    }
    CHECK(affiliated == 136);
    // 44 spellings, "Kubermatic GmbH" (1462, Mario Fahlandt) and
    // "Kubermatic" (2076, Marko Mudrinić) one organization: 43.
    CHECK(organizations.size() == 43);
    CHECK(orgs_of(reg, "mfahlandt") == orgs{"kubermatic"});
    CHECK(orgs_of(reg, "xmudrii") == orgs{"kubermatic"});
    // Independent: no organization (sigs.yaml:2059, Arnaud Meukam).
    CHECK(orgs_of(reg, "ameukam").empty());
  }

  TEST_CASE("liaisons and the Governing Board representative are roles") {
    const auto& reg = sigs().reg;
    std::size_t liaisons = 0, board = 0;
    for (const auto& r : reg.roles()) {
      liaisons += r.title == "Steering Committee Liaison" ? 1 : 0;
      board += r.title == "Governing Board Representative" ? 1 : 0;
    }
    CHECK(liaisons == 34);
    CHECK(board == 1);
    // sigs.yaml:2566-2567, SIG Node's liaison: pacoxu.
    const auto node = reg.roles(body_id{"sig-node"}, the_day);
    REQUIRE(node.size() == 1);
    CHECK(node[0]->person == person_id{"pacoxu"});
    // sigs.yaml:4160-4163: gb_rep cblecker, Red Hat (also a SIG
    // Contributor Experience emeritus lead, 1484).
    const auto project = reg.roles(project_id{"kubernetes"}, the_day);
    REQUIRE(project.size() == 1);
    CHECK(project[0]->person == person_id{"cblecker"});
    CHECK(project[0]->title == "Governing Board Representative");
    CHECK(orgs_of(reg, "cblecker") == orgs{"red-hat"});
    // The Steering Committee has no liaison (4096-4159).
    CHECK(reg.roles(body_id{"steering-committee"}, the_day).empty());
  }

  TEST_CASE("subproject leads are roles on their SIG's body") {
    const auto& reg = sigs().reg;
    std::size_t leads = 0;
    for (const auto& r : reg.roles())
      leads += r.title.starts_with("Subproject Lead: ") ? 1 : 0;
    CHECK(leads == 35);
    // sigs.yaml:3371-3372: randfill, a subproject of SIG Testing, led by
    // thockin (Tim Hockin).
    bool randfill = false;
    for (const auto* r : reg.roles(body_id{"sig-testing"}, the_day))
      randfill = randfill || (r->title == "Subproject Lead: randfill" &&
                              r->person == person_id{"thockin"});
    CHECK(randfill);
    // 13 SIG Testing subproject leads, and its liaison.
    CHECK(reg.roles(body_id{"sig-testing"}, the_day).size() == 13 + 1);
  }

  TEST_CASE("the summary: everything read is mapped") {
    const auto& s = sigs().result.summary;
    CHECK(s.source == "k8s-sigs");
    // 35 groups + 112 + 54 + 120 leaders + 34 liaisons + 1 gb_rep + 35
    // subproject leads.
    CHECK(s.read == 35 + 112 + 54 + 120 + 34 + 1 + 35);
    CHECK(s.mapped == s.read);
    CHECK(s.skipped == 0);
    // Every company of the file names one organization: no placeholder,
    // no compound ("Lambda, Inc", 3976, is one with a legal suffix).
    CHECK(s.unmapped.empty());
    CHECK(s.findings.empty());
    // Nine "company: Independent" (715 ... 3013).
    using count = std::pair<std::string, std::size_t>;
    CHECK(s.without_organization == std::vector<count>{{"Independent", 9}});

    // The same file again: nothing to add or change.
    const auto again =
        read_source(sigs().reg, "k8s-sigs", sigs_files, on_day());
    CHECK(again.summary.added == 0);
    CHECK(again.summary.updated == 0);
    // And a month later: the undated seats, roles and affiliations are
    // those of the first import, the 120 ended seats too (not made again
    // for the later day).
    import_options later = on_day();
    later.as_of = parse_date("2026-02-15");
    const auto month = read_source(sigs().reg, "k8s-sigs", sigs_files, later);
    CHECK(month.summary.added == 0);
    CHECK(month.summary.updated == 0);
  }

  TEST_CASE("a sole chair holds the office") {
    // No group of the real file has one chair (2 to 10 each).
    const import::source_file f(
        "sigs.yaml",
        "sigs:\n  - dir: sig-x\n    name: X\n    leadership:\n"
        "      chairs:\n        - github: ada\n          name: Ada\n");
    registry reg;
    reg.apply(
        import::read_files(registry{}, "k8s-sigs", std::span(&f, 1), on_day())
            .changes);
    const auto* chair = seat_in(reg, "sig-x", "chair", "ada");
    REQUIRE(chair);
    CHECK(chair->office == office::chair);
  }

  TEST_CASE("the imported registry keeps its own rules on the day") {
    // Co-chairs without the office, emeritus classes owed nothing: no
    // office held twice, no class vacant or over its seats. (The chairs
    // and tech leads fill their classes: each class counts its list.)
    CHECK(check(sigs().reg, the_day).empty());
  }

  TEST_CASE("what is not a sigs.yaml is refused with its place") {
    const auto refused = [](std::string_view text) {
      const import::source_file f("sigs.yaml", std::string(text));
      try {
        import::read_files(registry{}, "k8s-sigs", std::span(&f, 1));
      } catch (const import_error& e) {
        return std::pair{e.where().line, e.reason()};
      }
      return std::pair{std::size_t{0}, std::string("no error")};
    };
    const auto no_dir = refused("sigs:\n  - name: Node\n    label: node\n");
    CHECK(no_dir.first == 2);
    CHECK(no_dir.second.find("without 'dir'") != std::string::npos);
    const auto no_map = refused("sigs:\n  - sig-node\n");
    CHECK(no_map.first == 2);
    CHECK(no_map.second.find("not a map") != std::string::npos);
    CHECK(refused("gb_rep:\n  github: cblecker\n")
              .second.find("neither 'sigs' nor 'committees'") !=
          std::string::npos);
    CHECK(refused("sigs:\n  - dir: sig-node\n    leadership: [a]\n")
              .second.find("'leadership' is not a map") != std::string::npos);
  }
}
