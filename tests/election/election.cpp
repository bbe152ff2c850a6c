#include <charter/election.hpp>

#include <charter/ballots.hpp>
#include <charter/error.hpp>
#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include <concepts>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

using namespace charter;

namespace {

date ymd(int y, unsigned m, unsigned d) {
  return date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

organization org(std::string_view id,
                 std::optional<std::string_view> parent = std::nullopt) {
  organization o;
  o.id = org_id{id};
  o.name = std::string(id);
  if (parent) o.parent = org_id{*parent};
  return o;
}

person someone(std::string_view id, std::optional<std::string_view> at = {}) {
  person p;
  p.id = person_id{id};
  p.name = std::string(id);
  p.handles["github"] = std::string(id);
  if (at)
    p.affiliations.push_back({org_id{*at}, {ymd(2020, 1, 1), {}}, {}, {}});
  return p;
}

// The CNCF, and a committee of it with 7 member seats and `rules`.
void add_committee(batch& b, std::string_view id, body_rules rules) {
  foundation f;
  f.id = foundation_id{"cncf"};
  f.name = "CNCF";
  b.add(f);
  body sc;
  sc.id = body_id{id};
  sc.name = "Steering Committee";
  sc.owner = f.id;
  seat_class member;
  member.id = seat_class_id{"member"};
  member.count = 7;
  sc.seat_classes.push_back(member);
  sc.rules = rules;
  b.add(sc);
}

// A seat of `who` for `org` on `body`'s member class, 2024-09-27 to
// 2026-09-27.
seat seat_of_2024(std::string_view body, std::string_view who,
                  std::string_view org) {
  seat s;
  s.body = body_id{body};
  s.seat_class = seat_class_id{"member"};
  s.person = person_id{who};
  s.represents = org_id{org};
  s.when = {ymd(2024, 9, 27), ymd(2026, 9, 27)};
  return s;
}

// A committee of 7 member seats, with `rules`, three of them held until
// 2026-09-27 (so on 2025-10-25, the election's day, they continue): for
// google, ibm and aws (whose parent is amazon).
registry committee(body_rules rules) {
  batch b;
  for (auto o : {org("google"), org("ibm"), org("red-hat", "ibm"),
                 org("amazon"), org("aws", "amazon"), org("microsoft")})
    b.add(o);
  for (auto p : {someone("p1"), someone("p2"), someone("p3"), someone("c1"),
                 someone("c2"), someone("c3"), someone("c4"), someone("c5"),
                 someone("c6", "aws")})
    b.add(p);
  add_committee(b, "sc", rules);
  for (auto [who, org] : {std::pair{"p1", "google"}, std::pair{"p2", "ibm"},
                          std::pair{"p3", "aws"}})
    b.add(seat_of_2024("sc", who, org));
  registry reg;
  reg.apply(b);
  return reg;
}

// Four seats; c1..c5 declare google, amazon, red-hat, google, microsoft;
// c6 declares nothing and is affiliated with aws.
election four_seats() {
  election e;
  e.id = election_id{"sc-2025"};
  e.body = body_id{"sc"};
  e.seat_class = seat_class_id{"member"};
  e.seats = 4;
  e.seated = ymd(2025, 10, 25);
  e.term_end = ymd(2027, 10, 25);
  for (auto [who, org] : {std::pair<const char*, const char*>{"c1", "google"},
                          {"c2", "amazon"},
                          {"c3", "red-hat"},
                          {"c4", "google"},
                          {"c5", "microsoft"},
                          {"c6", nullptr}})
    e.candidates.push_back(
        {person_id{who},
         org ? std::optional<org_id>(org_id{org}) : std::nullopt});
  return e;
}

// Every voter ranks c1 > c4 > c2 > c3 > c6 > c5 (the columns are in another
// order, and name the candidates by their GitHub handles in capitals).
ballot_box unanimous() {
  return read_ballots("C5,C6,C4,C3,C2,C1\n6,5,2,4,3,1\n6,5,2,4,3,1\n",
                      ballot_format::elekto_csv, "ballots.csv");
}

std::vector<std::string> names(const election_result& r,
                               const std::vector<std::size_t>& who) {
  std::vector<std::string> out;
  for (const auto i : who) out.push_back(r.count.candidates.at(i));
  return out;
}

}  // namespace

TEST_SUITE("election run") {
  TEST_CASE("a third per family: the lowest vote-getters over it skipped") {
    // Worked out by hand. The body will have 3 continuing + 4 elected = 7
    // seats; a third of 7 is 2.33, so a family may hold 2. Down the
    // ranking c1 c4 c2 c3 c6 c5:
    //   c1 google: 1 continuing (p1) + 0 elected + 1 = 2: seated;
    //   c4 google: 1 + 1 (c1) + 1 = 3: skipped;
    //   c2 amazon: 1 (p3 for aws, whose parent is amazon) + 1 = 2: seated;
    //   c3 red-hat, of ibm's family: 1 (p2) + 1 = 2: seated;
    //   c6, affiliated with aws (amazon): 1 + 1 (c2) + 1 = 3: skipped;
    //   c5 microsoft: 1: seated.
    body_rules rules;
    rules.max_fraction_per_family = 1.0 / 3.0;
    const registry reg = committee(rules);
    const auto r = run_election(reg, four_seats(), unanimous());
    CHECK(names(r, r.count.elected) ==
          std::vector<std::string>{"c1", "c2", "c3", "c5"});
    REQUIRE(r.count.skipped.size() == 2);
    CHECK(r.count.candidates.at(r.count.skipped[0].candidate) == "c4");
    CHECK(r.count.skipped[0].reason ==
          "the family of google would hold 3 of the 7 seats of sc, over its "
          "cap of 2 (1 continuing, 1 elected before)");
    CHECK(r.count.candidates.at(r.count.skipped[1].candidate) == "c6");
    CHECK(r.count.skipped[1].reason.find("the family of amazon") == 0);

    // The seats, in the order seated, representing what each declared.
    REQUIRE(r.seats.size() == 4);
    CHECK(r.seats[0].person == person_id{"c1"});
    CHECK(r.seats[0].represents == org_id{"google"});
    CHECK(r.seats[3].person == person_id{"c5"});
    CHECK(r.seats[3].represents == org_id{"microsoft"});
    for (const auto& s : r.seats) {
      CHECK(s.body == body_id{"sc"});
      CHECK(s.seat_class == seat_class_id{"member"});
      CHECK(s.when.from == ymd(2025, 10, 25));
      CHECK(s.when.to == ymd(2027, 10, 25));
      CHECK(s.extra.string("election") == "sc-2025");
    }
    // Seated, they keep the body within its caps.
    registry after = reg;
    batch b;
    for (const auto& s : r.seats) b.add(s);
    after.apply(b);
    CHECK(after.seats(body_id{"sc"}, ymd(2025, 10, 25)).size() == 7);
  }

  TEST_CASE("one per family: seats left empty rather than the cap broken") {
    // Worked out by hand: google, ibm and amazon each hold a continuing
    // seat, so only c5 (microsoft) may be seated; three of the four seats
    // stay empty.
    body_rules rules;
    rules.max_per_family = 1;
    const auto r = run_election(committee(rules), four_seats(), unanimous());
    CHECK(names(r, r.count.elected) == std::vector<std::string>{"c5"});
    CHECK(r.count.skipped.size() == 5);
    CHECK(r.seats.size() == 1);
  }

  TEST_CASE("a candidate's own seat is up for election, not continuing") {
    // Worked out by hand: p1 (google's continuing seat) stands again. Their
    // seat does not count, so google holds none before the count; with a
    // cap of 1, p1 (first on every ballot) is seated, and c1 (google,
    // second) is skipped for c5.
    body_rules rules;
    rules.max_per_family = 1;
    const registry reg = committee(rules);
    election e = four_seats();
    e.candidates = {{person_id{"p1"}, org_id{"google"}},
                    {person_id{"c1"}, org_id{"google"}},
                    {person_id{"c5"}, org_id{"microsoft"}}};
    e.seats = 2;
    const auto r = run_election(
        reg, e,
        read_ballots("p1,c1,c5\n1,2,3\n", ballot_format::elekto_csv, "b.csv"));
    CHECK(names(r, r.count.elected) == std::vector<std::string>{"p1", "c5"});
    REQUIRE(r.count.skipped.size() == 1);
    CHECK(r.count.skipped[0].reason ==
          "the family of google would hold 2 of the 4 seats of sc, over its "
          "cap of 1 (0 continuing, 1 elected before)");
  }

  TEST_CASE("no cap: the count alone") {
    const auto r = run_election(committee({}), four_seats(), unanimous());
    CHECK(names(r, r.count.elected) ==
          std::vector<std::string>{"c1", "c4", "c2", "c3"});
    CHECK(r.count.skipped.empty());
  }

  TEST_CASE("an election the registry cannot hold is refused, naming it") {
    const registry reg = committee({});
    const auto problems_of = [&](const election& e, const ballot_box& box) {
      try {
        run_election(reg, e, box);
      } catch (const validation_error& error) {
        return error.problems();
      }
      return std::vector<problem>{};
    };
    auto e = four_seats();
    e.body = body_id{"board"};
    auto found = problems_of(e, unanimous());
    REQUIRE(found.size() == 1);
    CHECK(found[0].record == "election sc-2025");
    CHECK(found[0].message == "no body 'board'");

    e = four_seats();
    e.candidates[1].org = org_id{"nobody"};
    e.candidates.push_back({person_id{"c1"}, std::nullopt});
    found = problems_of(e, unanimous());
    REQUIRE(found.size() == 2);
    CHECK(found[0].message == "no organization 'nobody'");
    CHECK(found[1].message == "'c1' stands twice");

    e = four_seats();
    e.candidates.pop_back();  // c6 no longer stands, but the ballots name it
    found = problems_of(e, unanimous());
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == "C6");
  }

  TEST_CASE("Kubernetes 2025: the cap of a third did not bind") {
    // ballots/k8s-steering/2025: four seats (election.yaml no_winners: 4),
    // the employers of real/k8s-steering-elections/2025/candidate-*.md,
    // and the three seats elected in 2024 continuing (2024 results.md:
    // bentheelder and aojea of Google, saschagrunert of Red Hat). A third of
    // 7 is 2 per family: Google holds 2 already, but no 2025 candidate of
    // Google stands, so the winners are results.md's, which says
    // "Proportional representation limits were not invoked".
    batch b;
    for (auto o :
         {"google", "red-hat", "defense-unicorns", "microsoft", "daocloud",
          "minimus", "suse", "cisco", "kubermatic", "lambda"})
      b.add(org(o));
    body_rules third;
    third.max_fraction_per_family = 1.0 / 3.0;
    add_committee(b, "steering-committee", third);
    for (auto [who, at] :
         {std::pair{"bentheelder", "google"}, std::pair{"aojea", "google"},
          std::pair{"saschagrunert", "red-hat"}}) {
      b.add(someone(who));
      b.add(seat_of_2024("steering-committee", who, at));
    }
    election e;
    e.id = election_id{"steering-2025"};
    e.body = body_id{"steering-committee"};
    e.seat_class = seat_class_id{"member"};
    e.seats = 4;
    e.seated = ymd(2025, 10, 25);
    e.term_end = ymd(2027, 10, 25);
    for (auto [who, at] :
         {std::pair{"soltysh", "defense-unicorns"},
          std::pair{"ritazh", "microsoft"}, std::pair{"pacoxu", "daocloud"},
          std::pair{"katcosgrove", "minimus"},
          std::pair{"priyankasaggu11929", "suse"},
          std::pair{"natalisucks", "cisco"}, std::pair{"xmudrii", "kubermatic"},
          std::pair{"stmcginnis", "lambda"}}) {
      b.add(someone(who));
      e.candidates.push_back({person_id{who}, org_id{at}});
    }
    registry reg;
    reg.apply(b);
    const auto r =
        run_election(reg, e,
                     read_ballots(std::filesystem::path(
                         CHARTER_SHARED_DIR "/data/ballots/k8s-steering/2025/"
                                            "ballots.csv")));
    CHECK(
        names(r, r.count.elected) ==
        std::vector<std::string>{"soltysh", "ritazh", "pacoxu", "katcosgrove"});
    CHECK(r.count.skipped.empty());
    CHECK(r.seats[0].represents == org_id{"defense-unicorns"});
  }

  TEST_CASE("an election without candidates stands the ballots' names") {
    election e = four_seats();
    e.candidates.clear();
    const auto box = read_ballots("c5,c6,c4,c3,c2,c1\n6,5,2,4,3,1\n",
                                  ballot_format::elekto_csv, "ballots.csv");
    const auto r = run_election(committee({}), e, box);
    CHECK(names(r, r.count.elected) ==
          std::vector<std::string>{"c1", "c4", "c2", "c3"});
    CHECK_FALSE(r.seats[0].represents.has_value());
    // A name that is no person is refused, naming the election.
    try {
      run_election(committee({}), e,
                   read_ballots("c1,nobody\n1,2\n", ballot_format::elekto_csv,
                                "ballots.csv"));
      FAIL("counted");
    } catch (const validation_error& error) {
      CHECK(error.problems().at(0).record == "election sc-2025");
      CHECK(error.problems().at(0).message == "no person 'nobody'");
    }
  }

  TEST_CASE("more seats than candidates is refused, naming the election") {
    election e = four_seats();
    e.seats = 7;
    try {
      run_election(committee({}), e, unanimous());
      FAIL("counted");
    } catch (const validation_error& error) {
      CHECK(error.problems().at(0).record == "election sc-2025");
      CHECK(error.problems().at(0).message ==
            "7 seats to fill, but only 6 candidates stand");
    }
  }
}

TEST_SUITE("election record") {
  static_assert(std::equality_comparable<election>);
  static_assert(std::is_same_v<decltype(election::id), election_id>);

  TEST_CASE("the registry holds elections, checked, naming each") {
    registry reg = committee({});
    reg.apply(batch{}.add(four_seats()));
    CHECK(reg.at(election_id{"sc-2025"}) == four_seats());
    REQUIRE(reg.elections().size() == 1);
    // Counted from the registry: what the record says.
    const auto r =
        run_election(reg, reg.at(election_id{"sc-2025"}), unanimous());
    CHECK(r.count.seats == 4);

    const auto problems_of = [&reg](election e) {
      try {
        registry copy = reg;
        copy.apply(batch{}.add(std::move(e)));
      } catch (const validation_error& error) {
        return error.problems();
      }
      return std::vector<problem>{};
    };
    election e = four_seats();
    e.id = election_id{"bad"};
    e.seat_class = seat_class_id{"chair"};
    e.seats = 0;
    e.term_end = e.seated;
    e.candidates.push_back({person_id{"c1"}, org_id{"nowhere"}});
    e.candidates.push_back({person_id{"nobody"}, std::nullopt});
    const auto found = problems_of(e);
    REQUIRE(found.size() == 6);
    for (const auto& p : found) CHECK(p.record == "election bad");
    CHECK(found[0].message == "body 'sc' has no seat class 'chair'");
    CHECK(found[1].message == "'seats' must be at least 1");
    CHECK(found[2].field == "/term_end");
    CHECK(found[3].message == "'c1' stands twice");
    CHECK(found[4].message == "no organization 'nowhere'");
    CHECK(found[5].message == "no person 'nobody'");
    e = four_seats();
    CHECK(problems_of(e).at(0).message == "duplicate election id 'sc-2025'");
  }
}
