#include <charter/registry.hpp>

#include <charter/diff.hpp>
#include <charter/json.hpp>
#include <charter/report.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

using namespace charter;

namespace {

// ---------------------------------------------------------------- builders

constexpr date ymd(int y, unsigned m, unsigned d) {
  return date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
constexpr period since(date from) { return period{from, std::nullopt}; }
constexpr period between(date from, date to) { return period{from, to}; }

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

const foundation_id lf{"linux-foundation"};
const foundation_id pf{"pytorch-foundation"};
const body_id board{"pytorch-board"};
const project_id pytorch{"pytorch"};
const tier_id premier{"premier"};
const tier_id general{"general"};
const tier_id associate{"associate"};

organization make_org(std::string_view id,
                      std::optional<std::string_view> parent = std::nullopt,
                      org_kind kind = org_kind::company) {
  organization o;
  o.id = org_id{id};
  o.name = std::string(id);
  o.kind = kind;
  if (parent) o.parent = org_id{*parent};
  return o;
}

affiliation tie(std::string_view org, period when, std::string title = {}) {
  return affiliation{org_id{org}, when, std::move(title), {}};
}

person make_person(std::string_view id, std::vector<affiliation> ties = {}) {
  person p;
  p.id = person_id{id};
  p.name = std::string(id);
  p.affiliations = std::move(ties);
  return p;
}

tier make_tier(std::string_view id, int rank) {
  tier t;
  t.id = tier_id{id};
  t.name = std::string(id);
  t.rank = rank;
  return t;
}

foundation make_foundation(std::string_view id, std::vector<tier> tiers,
                           std::optional<foundation_id> parent = std::nullopt) {
  foundation f;
  f.id = foundation_id{id};
  f.name = std::string(id);
  f.parent = std::move(parent);
  f.tiers = std::move(tiers);
  return f;
}

membership make_membership(std::string_view org, const foundation_id& f,
                           std::string_view t, period when,
                           bool founding = false) {
  return membership{org_id{org}, f, tier_id{t}, when, founding, {}};
}

seat make_seat(std::string_view cls, std::string_view who,
               std::optional<std::string_view> represents, period when,
               const body_id& b = board) {
  seat s;
  s.body = b;
  s.seat_class = seat_class_id{cls};
  s.person = person_id{who};
  if (represents) s.represents = org_id{*represents};
  s.when = when;
  return s;
}

role make_role(std::string_view who, std::string title, role_scope scope,
               period when) {
  return role{person_id{who}, std::move(title), std::move(scope), when, {}};
}

// A seat class with the fields `set` gives it, the others left at their
// defaults.
template <class F>
seat_class make_class(F&& set) {
  seat_class c;
  set(c);
  return c;
}

body make_board() {
  body b;
  b.id = board;
  b.name = "Governing Board";
  b.owner = pf;
  b.seat_classes = {
      make_class([&](seat_class& c) {
        c.id = seat_class_id{"premier"};
        c.mode = seat_mode::per_member;
        c.tier = premier;
      }),
      make_class([&](seat_class& c) {
        c.id = seat_class_id{"general"};
        c.mode = seat_mode::elected;
        c.tier = general;
        c.per = 10;
        c.min = 0;
        c.max = 3;
        c.round = rounding::up;
      }),
      make_class([&](seat_class& c) {
        c.id = seat_class_id{"at-large"};
        c.mode = seat_mode::fixed;
        c.count = 2;
      }),
      make_class([&](seat_class& c) {
        c.id = seat_class_id{"executive-director"};
        c.mode = seat_mode::ex_officio;
        c.role = "Executive Director";
        c.voting = false;
      }),
  };
  b.rules.max_per_family = 1;
  return b;
}

project make_pytorch() {
  project p;
  p.id = pytorch;
  p.name = "PyTorch";
  p.founded = ymd(2016, 9, 1);
  p.stewards = {
      steward{org_id{"meta"}, between(ymd(2016, 9, 1), ymd(2022, 9, 12)), {}},
      steward{pf, since(ymd(2022, 9, 12)), {}}};
  p.stages = {stage{"active", between(ymd(2016, 9, 1), ymd(2022, 9, 12)), {}},
              stage{"graduated", since(ymd(2022, 9, 12)), {}}};
  return p;
}

std::string describe(const std::vector<problem>& problems) {
  std::ostringstream out;
  for (const auto& p : problems)
    out << "\n  [" << p.where << "] [" << p.record << "] [" << p.field << "] ("
        << p.id << ") " << p.message;
  return out.str();
}

// The registry every test starts from:
//
// organizations  amazon > aws > aws-labs, amazon > a9; amd, meta, intel, ibm,
//                hugging-face; linux-foundation (an organization too)
// foundations    linux-foundation: platinum 1, gold 2, silver 3
//                pytorch-foundation (parent linux-foundation): premier 1
//                (requires linux-foundation silver), associate 3, general 2
// pytorch-foundation members
//   amd, aws, meta   premier 2022-09-12..          (founding)
//   intel            general 2022-09-12..2023-06-01 (founding), premier
//   2023-06-01.. ibm              general 2023-01-01..2024-01-01, general
//   2024-06-01.. hugging-face     associate 2023-03-01..
// linux-foundation members
//   aws platinum 2019-01-01.., meta gold 2021-01-01.., amd and intel silver
//   2020-01-01..
// people
//   jane-doe amd 2020..; john-roe aws 2019..2023, meta 2023..; alex-kim meta
//   2018..; sam-lee intel 2021..; ibrahim-haddad linux-foundation 2020..;
//   pat-nobody (none)
// project pytorch   stewards meta 2016-09-01..2022-09-12, pytorch-foundation
// 2022-09-12.. body pytorch-board (pytorch-foundation): premier per-member,
// general elected
//   (per 10, min 0, max 3, up), at-large fixed 2, executive-director ex-officio
// seats
//   jane-doe premier for amd 2022-09-12.. (chair); alex-kim premier for meta
//   2022-09-12.. john-roe premier for aws 2022-09-12..2023-01-01 sam-lee
//   general for intel 2022-09-12..2023-06-01, premier for intel 2023-06-01..
//   ibrahim-haddad executive-director 2022-09-12.. (non-voting)
// roles
//   sam-lee Maintainer of pytorch 2021-01-01..; alex-kim Maintainer of pytorch
//   2017-01-01.. john-roe Treasurer of pytorch-foundation
//   2022-09-12..2023-01-01 ibrahim-haddad Executive Director of
//   pytorch-foundation 2022-09-12.. jane-doe Treasurer of pytorch-foundation
//   2023-01-01.. ibrahim-haddad Secretary of pytorch-board 2022-09-12..
batch fixture_batch() {
  batch b;
  b.add(make_org("amazon"))
      .add(make_org("aws", "amazon"))
      .add(make_org("aws-labs", "aws"))
      .add(make_org("a9", "amazon"))
      .add(make_org("amd"))
      .add(make_org("meta"))
      .add(make_org("intel"))
      .add(make_org("ibm"))
      .add(make_org("hugging-face", std::nullopt, org_kind::nonprofit))
      .add(make_org("linux-foundation", std::nullopt, org_kind::foundation));

  b.add(make_foundation("linux-foundation",
                        {make_tier("platinum", 1), make_tier("gold", 2),
                         make_tier("silver", 3)}));
  tier top = make_tier("premier", 1);
  top.annual_fee = money{100000, "USD"};
  top.requirements = {tier_requirement{lf, tier_id{"silver"}}};
  foundation pytorch_foundation = make_foundation(
      "pytorch-foundation",
      {top, make_tier("associate", 3), make_tier("general", 2)}, lf);
  pytorch_foundation.founded = ymd(2022, 9, 12);
  b.add(pytorch_foundation);

  b.add(make_membership("amd", pf, "premier", since(ymd(2022, 9, 12)), true))
      .add(make_membership("aws", pf, "premier", since(ymd(2022, 9, 12)), true))
      .add(
          make_membership("meta", pf, "premier", since(ymd(2022, 9, 12)), true))
      .add(make_membership("intel", pf, "general",
                           between(ymd(2022, 9, 12), ymd(2023, 6, 1)), true))
      .add(make_membership("intel", pf, "premier", since(ymd(2023, 6, 1))))
      .add(make_membership("ibm", pf, "general",
                           between(ymd(2023, 1, 1), ymd(2024, 1, 1))))
      .add(make_membership("ibm", pf, "general", since(ymd(2024, 6, 1))))
      .add(make_membership("hugging-face", pf, "associate",
                           since(ymd(2023, 3, 1))))
      .add(make_membership("amd", lf, "silver", since(ymd(2020, 1, 1))))
      .add(make_membership("meta", lf, "gold", since(ymd(2021, 1, 1))))
      .add(make_membership("aws", lf, "platinum", since(ymd(2019, 1, 1))))
      .add(make_membership("intel", lf, "silver", since(ymd(2020, 1, 1))));

  b.add(make_person("jane-doe",
                    {tie("amd", since(ymd(2020, 1, 1)), "Engineer")}))
      .add(make_person(
          "john-roe",
          {tie("aws", between(ymd(2019, 1, 1), ymd(2023, 1, 1)), "Director"),
           tie("meta", since(ymd(2023, 1, 1)))}))
      .add(make_person("alex-kim", {tie("meta", since(ymd(2018, 1, 1)))}))
      .add(make_person("sam-lee", {tie("intel", since(ymd(2021, 1, 1)))}))
      .add(make_person("ibrahim-haddad",
                       {tie("linux-foundation", since(ymd(2020, 1, 1)),
                            "VP, Strategic Programs")}))
      .add(make_person("pat-nobody"));

  b.add(make_pytorch());
  b.add(make_board());

  seat chair = make_seat("premier", "jane-doe", "amd", since(ymd(2022, 9, 12)));
  chair.office = office::chair;
  seat director = make_seat("executive-director", "ibrahim-haddad",
                            std::nullopt, since(ymd(2022, 9, 12)));
  director.voting = false;
  b.add(chair)
      .add(make_seat("premier", "alex-kim", "meta", since(ymd(2022, 9, 12))))
      .add(make_seat("premier", "john-roe", "aws",
                     between(ymd(2022, 9, 12), ymd(2023, 1, 1))))
      .add(make_seat("general", "sam-lee", "intel",
                     between(ymd(2022, 9, 12), ymd(2023, 6, 1))))
      .add(make_seat("premier", "sam-lee", "intel", since(ymd(2023, 6, 1))))
      .add(director);

  b.add(make_role("sam-lee", "Maintainer", pytorch, since(ymd(2021, 1, 1))))
      .add(make_role("alex-kim", "Maintainer", pytorch, since(ymd(2017, 1, 1))))
      .add(make_role("john-roe", "Treasurer", pf,
                     between(ymd(2022, 9, 12), ymd(2023, 1, 1))))
      .add(make_role("ibrahim-haddad", "Executive Director", pf,
                     since(ymd(2022, 9, 12))))
      .add(make_role("jane-doe", "Treasurer", pf, since(ymd(2023, 1, 1))))
      .add(make_role("ibrahim-haddad", "Secretary", board,
                     since(ymd(2022, 9, 12))));
  return b;
}

registry make_registry() {
  registry reg;
  try {
    reg.apply(fixture_batch());
  } catch (const validation_error& e) {
    FAIL("the fixture was rejected:" << describe(e.problems()));
  }
  return reg;
}

// ---------------------------------------------------------------- observers

std::vector<std::string> org_ids(const std::vector<const membership*>& ms) {
  std::vector<std::string> out;
  for (const auto* m : ms) out.push_back(m->org.str());
  return out;
}
template <class Record>
std::vector<std::string> ids(const std::vector<const Record*>& records) {
  std::vector<std::string> out;
  for (const auto* r : records) out.push_back(r->id.str());
  return out;
}
std::vector<std::string> people_of(const std::vector<const seat*>& seats) {
  std::vector<std::string> out;
  for (const auto* s : seats) out.push_back(s->person.str());
  return out;
}
std::vector<std::string> kinds(const std::vector<history_entry>& h) {
  std::vector<std::string> out;
  for (const auto& e : h) out.emplace_back(to_string(e.kind));
  return out;
}
// A history in words, one string a line: what the CLI shows of it.
std::vector<std::string> worded(const std::vector<history_entry>& h,
                                record_kind subject) {
  std::vector<std::string> out;
  for (const auto& line : describe(h, subject))
    out.push_back(to_string(line.when) + " " +
                  std::string(to_string(line.kind)) + " " + line.text);
  return out;
}
using strings = std::vector<std::string>;

// Every record, by value.
struct snapshot {
  std::vector<organization> orgs;
  std::vector<person> people;
  std::vector<foundation> foundations;
  std::vector<project> projects;
  std::vector<body> bodies;
  std::vector<membership> memberships;
  std::vector<seat> seats;
  std::vector<role> roles;
  friend bool operator==(const snapshot&, const snapshot&) = default;
};

template <class T>
std::vector<T> copy(std::span<const T> s) {
  return {s.begin(), s.end()};
}

snapshot snap(const registry& r) {
  return {copy(r.organizations()), copy(r.people()), copy(r.foundations()),
          copy(r.projects()),      copy(r.bodies()), copy(r.memberships()),
          copy(r.seats()),         copy(r.roles())};
}

// The answers of the queries whose order is fully specified, over many dates.
strings answers(const registry& r) {
  strings out;
  const date dates[] = {ymd(2016, 9, 1),  ymd(2019, 1, 1),  ymd(2020, 1, 1),
                        ymd(2022, 9, 11), ymd(2022, 9, 12), ymd(2023, 1, 1),
                        ymd(2023, 6, 1),  ymd(2024, 1, 1),  ymd(2024, 6, 1),
                        ymd(2025, 1, 1),  ymd(2030, 1, 1)};
  for (date d : dates) {
    const auto on = to_string(d) + " ";
    for (const auto& f : r.foundations()) {
      for (const auto& g : r.members(f.id, d)) {
        std::string line =
            on + "members " + f.id.str() + " " + g.tier->id.str() + ":";
        for (const auto* m : g.members)
          line += " " + m->org.str() + "@" + to_string(m->when);
        out.push_back(line);
      }
      for (const auto* x : r.roles(f.id, d))
        out.push_back(on + "role " + x->title + " " + x->person.str());
    }
    for (const auto& o : r.organizations()) {
      for (const auto* m : r.memberships_of(o.id, d))
        out.push_back(on + o.id.str() + " in " + m->foundation.str() + " " +
                      m->tier.str());
      for (const auto& f : r.foundations())
        if (auto s = r.member_since(o.id, f.id, d))
          out.push_back(on + o.id.str() + " since " + to_string(*s));
      for (const auto* p : r.affiliated_people(o.id, d))
        out.push_back(on + o.id.str() + " has " + p->id.str());
    }
    for (const auto& p : r.people()) {
      for (const auto* a : r.affiliations(p.id, d))
        out.push_back(on + p.id.str() + " at " + a->org.str() + " " +
                      to_string(a->when));
      for (const auto* x : r.roles_of(p.id, d))
        out.push_back(on + p.id.str() + " is " + x->title);
    }
    for (const auto& b : r.bodies()) {
      for (const auto* s : r.seats(b.id, d))
        out.push_back(on + b.id.str() + " seat " + s->seat_class.str() + " " +
                      s->person.str() + " " + to_string(s->when));
      for (const auto& e : r.entitlements(b.id, d))
        out.push_back(on + b.id.str() + " " + e.seat_class->id.str() + " " +
                      std::to_string(e.seats) + "/" + std::to_string(e.filled));
    }
    for (const auto& p : r.projects()) {
      if (const auto* s = r.steward_of(p.id, d))
        out.push_back(on + p.id.str() + " steward " + str(s->who));
      if (const auto* s = r.stage_of(p.id, d))
        out.push_back(on + p.id.str() + " stage " + s->name);
    }
  }
  for (const auto& o : r.organizations()) {
    out.push_back(o.id.str() + " family " + r.family(o.id).id.str());
    for (const auto* c : r.children(o.id))
      out.push_back(o.id.str() + " child " + c->id.str());
  }
  return out;
}

// Applies `changes`, which must be rejected, and checks that nothing changed.
std::vector<problem> rejected(registry& reg, const batch& changes) {
  const auto before = snap(reg);
  const auto before_answers = answers(reg);
  std::vector<problem> problems;
  try {
    reg.apply(changes);
    FAIL_CHECK("the batch was accepted");
  } catch (const validation_error& e) {
    problems = e.problems();
    CHECK_FALSE(problems.empty());
  }
  CHECK(snap(reg) == before);
  CHECK(answers(reg) == before_answers);
  return problems;
}

// A problem of a change (no document, so no JSON Pointer) is placed by its
// record, named as to_string(record_key) names it, and the field.
struct record_place {
  std::string record, field;
};
record_place place(const record_key& key, std::string_view field = {}) {
  return {to_string(key), std::string(field)};
}

// Checks that one of `problems` is at `where` (a JSON Pointer into a
// document, or a record and field), names `id` and mentions `mention` in
// its message.
template <class Place>
void expect_problem(const std::vector<problem>& problems, const Place& where,
                    std::string_view id, std::string_view mention = {}) {
  INFO("problems:" << describe(problems));
  const auto at = [&](const problem& p) {
    if constexpr (std::is_same_v<Place, record_place>)
      return p.where.empty() && p.record == where.record &&
             p.field == where.field;
    else
      return p.where == where;
  };
  const auto it =
      std::find_if(problems.begin(), problems.end(),
                   [&](const problem& p) { return at(p) && p.id == id; });
  if constexpr (std::is_same_v<Place, record_place>)
    CHECK_MESSAGE(it != problems.end(),
                  "no problem in '" << where.record << "' at '" << where.field
                                    << "' naming '" << id << "'");
  else
    CHECK_MESSAGE(it != problems.end(),
                  "no problem at '" << where << "' naming '" << id << "'");
  if (it != problems.end() && !mention.empty())
    CHECK_MESSAGE(contains(it->message, mention), "'" << it->message
                                                      << "' does not mention '"
                                                      << mention << "'");
}

#define EXPECT_PROBLEM(...)                \
  do {                                     \
    INFO("expected at line " << __LINE__); \
    expect_problem(__VA_ARGS__);           \
  } while (false)

// A batch staged, a step between its check and its commit (what a store
// does to persist it), then committed: the keys written.
using persist_step = std::function<void(
    const registry& changed, const std::vector<record_key>& written)>;
std::vector<record_key> apply_with(registry& reg, const batch& changes,
                                   const locator& where,
                                   const persist_step& persist = {}) {
  auto tx = reg.stage(changes, where);
  if (persist) persist(tx.staged(), tx.written());
  tx.commit();
  return tx.written();
}

// A batch handed over piece by piece through one transaction, as from_json
// and the SQLite load do: how many records were written.
std::size_t apply_pieces(registry& reg,
                         const std::function<bool(batch& next)>& source,
                         const locator& where = {}) {
  auto tx = reg.begin(where);
  batch piece;
  while (source(piece)) tx.run(std::move(piece));
  tx.commit();
  return tx.written_count();
}

static_assert(std::is_copy_constructible_v<registry>);
static_assert(std::is_copy_assignable_v<registry>);
static_assert(std::is_nothrow_move_constructible_v<registry>);
static_assert(std::is_nothrow_move_assignable_v<registry>);
static_assert(std::is_base_of_v<error, validation_error>);
static_assert(std::is_base_of_v<error, not_found_error>);
static_assert(std::is_base_of_v<std::runtime_error, error>);

}  // namespace

// ==================================================================== queries

TEST_SUITE("registry") {
  TEST_CASE("an empty registry") {
    const registry reg;
    CHECK(reg.organizations().empty());
    CHECK(reg.people().empty());
    CHECK(reg.foundations().empty());
    CHECK(reg.projects().empty());
    CHECK(reg.bodies().empty());
    CHECK(reg.memberships().empty());
    CHECK(reg.seats().empty());
    CHECK(reg.roles().empty());
    CHECK(reg.empty());
    CHECK(reg.find(org_id{"amd"}) == nullptr);
    CHECK_THROWS_AS(reg.members(pf, ymd(2023, 1, 1)), not_found_error);
    registry copy = reg;
    CHECK(copy.apply(batch{}).empty());
    // One record of any kind is enough not to be empty.
    copy.apply(batch{}.add(make_person("ada")));
    CHECK_FALSE(copy.empty());
  }

  TEST_CASE("the fixture: every record, in the order added") {
    const registry reg = make_registry();
    REQUIRE(reg.organizations().size() == 10);
    CHECK(reg.organizations()[0].id == org_id{"amazon"});
    CHECK(reg.organizations()[3].id == org_id{"a9"});
    CHECK(reg.organizations()[9].id == org_id{"linux-foundation"});
    CHECK(reg.foundations().size() == 2);
    CHECK(reg.memberships().size() == 12);
    CHECK(reg.people().size() == 6);
    CHECK(reg.projects().size() == 1);
    CHECK(reg.bodies().size() == 1);
    CHECK(reg.seats().size() == 6);
    CHECK(reg.roles().size() == 6);
    CHECK(reg.memberships()[3] ==
          make_membership("intel", pf, "general",
                          between(ymd(2022, 9, 12), ymd(2023, 6, 1)), true));
    CHECK(reg.bodies()[0] == make_board());
  }

  TEST_CASE("apply returns the keys written, in order") {
    registry reg;
    const auto written = reg.apply(fixture_batch());
    REQUIRE(written.size() == fixture_batch().size());
    CHECK(written[0] == record_key{org_id{"amazon"}});
    CHECK(written[10] == record_key{lf});
    CHECK(written[12] ==
          record_key{membership_key{org_id{"amd"}, pf, ymd(2022, 9, 12)}});
    CHECK(written.back() ==
          record_key{role_key{person_id{"ibrahim-haddad"}, "Secretary", board,
                              ymd(2022, 9, 12)}});
  }

  TEST_CASE("find and at") {
    const registry reg = make_registry();
    REQUIRE(reg.find(org_id{"aws"}));
    CHECK(reg.find(org_id{"aws"})->parent == org_id{"amazon"});
    CHECK(&reg.at(org_id{"aws"}) == reg.find(org_id{"aws"}));
    CHECK(reg.find(org_id{"nvidia"}) == nullptr);
    // Organizations and foundations are separate collections.
    REQUIRE(reg.find(org_id{"linux-foundation"}));
    CHECK(reg.find(org_id{"linux-foundation"})->kind == org_kind::foundation);
    REQUIRE(reg.find(foundation_id{"linux-foundation"}));
    CHECK(reg.find(foundation_id{"linux-foundation"})->tiers.size() == 3);
    CHECK(reg.find(org_id{"pytorch-foundation"}) == nullptr);
    CHECK(reg.find(foundation_id{"amd"}) == nullptr);

    CHECK(reg.at(person_id{"jane-doe"}).affiliations.size() == 1);
    CHECK(reg.at(pf).parent == lf);
    CHECK(reg.at(pf).founded == ymd(2022, 9, 12));
    CHECK(reg.at(pytorch).stewards.size() == 2);
    CHECK(reg.at(board).seat_classes.size() == 4);
    CHECK(reg.find(person_id{"nobody"}) == nullptr);
    CHECK(reg.find(project_id{"tensorflow"}) == nullptr);
    CHECK(reg.find(body_id{"tac"}) == nullptr);

    const membership* m =
        reg.find(membership_key{org_id{"intel"}, pf, ymd(2023, 6, 1)});
    REQUIRE(m);
    CHECK(m->tier == premier);
    CHECK(reg.find(membership_key{org_id{"intel"}, pf, ymd(2023, 6, 2)}) ==
          nullptr);
    CHECK(reg.find(membership_key{org_id{"intel"}, lf, ymd(2023, 6, 1)}) ==
          nullptr);

    const seat* s = reg.find(seat_key{board, seat_class_id{"premier"},
                                      person_id{"jane-doe"}, ymd(2022, 9, 12)});
    REQUIRE(s);
    CHECK(s->office == office::chair);
    CHECK(reg.find(seat_key{board, seat_class_id{"general"},
                            person_id{"jane-doe"}, ymd(2022, 9, 12)}) ==
          nullptr);

    const role* r =
        reg.find(role_key{person_id{"ibrahim-haddad"}, "Executive Director", pf,
                          ymd(2022, 9, 12)});
    REQUIRE(r);
    CHECK(r->when.open_ended());
    // The scope's kind is part of the key.
    CHECK(reg.find(role_key{person_id{"ibrahim-haddad"}, "Executive Director",
                            project_id{"pytorch-foundation"},
                            ymd(2022, 9, 12)}) == nullptr);
  }

  TEST_CASE("at throws not_found_error naming the kind and the id") {
    const registry reg = make_registry();
    auto check = [](auto&& call, const char* kind, const char* id) {
      try {
        call();
        FAIL_CHECK("no exception for " << kind << " " << id);
      } catch (const not_found_error& e) {
        CHECK(e.kind() == kind);
        CHECK(e.id() == id);
        CHECK(contains(e.what(), id));
      }
    };
    check([&] { (void)reg.at(org_id{"nvidia"}); }, "organization", "nvidia");
    check([&] { (void)reg.at(person_id{"nobody"}); }, "person", "nobody");
    check([&] { (void)reg.at(foundation_id{"apache"}); }, "foundation",
          "apache");
    check([&] { (void)reg.at(project_id{"tensorflow"}); }, "project",
          "tensorflow");
    check([&] { (void)reg.at(body_id{"tac"}); }, "body", "tac");
    // An id of another kind does not count.
    check([&] { (void)reg.at(org_id{"pytorch-foundation"}); }, "organization",
          "pytorch-foundation");
    CHECK_THROWS_AS((void)reg.at(org_id{"x"}), error);
  }

  TEST_CASE(
      "members: one group per tier, in rank order, empty tiers included") {
    const registry reg = make_registry();
    auto check = [&](date on, strings top, strings middle, strings low) {
      CAPTURE(to_string(on));
      const auto groups = reg.members(pf, on);
      REQUIRE(groups.size() == 3);
      REQUIRE(groups[0].tier);
      REQUIRE(groups[1].tier);
      REQUIRE(groups[2].tier);
      CHECK(groups[0].tier->id == premier);
      CHECK(groups[1].tier->id == general);
      CHECK(groups[2].tier->id == associate);
      CHECK(groups[0].tier == reg.at(pf).find_tier(premier));
      CHECK(org_ids(groups[0].members) == top);
      CHECK(org_ids(groups[1].members) == middle);
      CHECK(org_ids(groups[2].members) == low);
      for (const auto& g : groups)
        for (const auto* m : g.members) {
          CHECK(m->foundation == pf);
          CHECK(m->tier == g.tier->id);
          CHECK(m->when.contains(on));
        }
    };
    check(ymd(2022, 9, 11), {}, {}, {});
    check(ymd(2022, 9, 12), {"amd", "aws", "meta"}, {"intel"}, {});
    check(ymd(2022, 12, 31), {"amd", "aws", "meta"}, {"intel"}, {});
    check(ymd(2023, 1, 1), {"amd", "aws", "meta"}, {"ibm", "intel"}, {});
    check(ymd(2023, 2, 28), {"amd", "aws", "meta"}, {"ibm", "intel"}, {});
    check(ymd(2023, 3, 1), {"amd", "aws", "meta"}, {"ibm", "intel"},
          {"hugging-face"});
    check(ymd(2023, 5, 31), {"amd", "aws", "meta"}, {"ibm", "intel"},
          {"hugging-face"});
    check(ymd(2023, 6, 1), {"amd", "aws", "intel", "meta"}, {"ibm"},
          {"hugging-face"});
    check(ymd(2023, 12, 31), {"amd", "aws", "intel", "meta"}, {"ibm"},
          {"hugging-face"});
    check(ymd(2024, 1, 1), {"amd", "aws", "intel", "meta"}, {},
          {"hugging-face"});
    check(ymd(2024, 5, 31), {"amd", "aws", "intel", "meta"}, {},
          {"hugging-face"});
    check(ymd(2024, 6, 1), {"amd", "aws", "intel", "meta"}, {"ibm"},
          {"hugging-face"});
  }

  TEST_CASE("members of another foundation") {
    const registry reg = make_registry();
    const auto groups = reg.members(lf, ymd(2020, 1, 1));
    REQUIRE(groups.size() == 3);
    CHECK(groups[0].tier->id == tier_id{"platinum"});
    CHECK(org_ids(groups[0].members) == strings{"aws"});
    CHECK(org_ids(groups[1].members).empty());
    CHECK(org_ids(groups[2].members) == strings{"amd", "intel"});
    CHECK(org_ids(reg.members(lf, ymd(2021, 1, 1))[1].members) ==
          strings{"meta"});
    CHECK(org_ids(reg.members(lf, ymd(2018, 12, 31))[0].members).empty());
  }

  TEST_CASE("members throws for an unknown foundation") {
    const registry reg = make_registry();
    CHECK_THROWS_AS(reg.members(foundation_id{"apache"}, ymd(2023, 1, 1)),
                    not_found_error);
  }

  TEST_CASE("members of one tier") {
    const registry reg = make_registry();
    CHECK(org_ids(reg.members(pf, premier, ymd(2022, 9, 11))).empty());
    CHECK(org_ids(reg.members(pf, premier, ymd(2022, 9, 12))) ==
          strings{"amd", "aws", "meta"});
    CHECK(org_ids(reg.members(pf, premier, ymd(2023, 6, 1))) ==
          strings{"amd", "aws", "intel", "meta"});
    CHECK(org_ids(reg.members(pf, general, ymd(2023, 5, 31))) ==
          strings{"ibm", "intel"});
    CHECK(org_ids(reg.members(pf, general, ymd(2024, 1, 1))).empty());
    CHECK(org_ids(reg.members(pf, associate, ymd(2023, 3, 1))) ==
          strings{"hugging-face"});
    // A tier the foundation does not have is not found (registry.hpp's
    // rule for unknown ids), as an unknown foundation is.
    CHECK_THROWS_AS(reg.members(pf, tier_id{"silver"}, ymd(2023, 1, 1)),
                    not_found_error);
    CHECK_THROWS_AS(
        reg.members(foundation_id{"cncf"}, premier, ymd(2023, 1, 1)),
        not_found_error);
    CHECK(org_ids(reg.members(lf, tier_id{"silver"}, ymd(2023, 1, 1))) ==
          strings{"amd", "intel"});
  }

  TEST_CASE("membership_of") {
    const registry reg = make_registry();
    const org_id intel{"intel"};
    CHECK(reg.membership_of(intel, pf, ymd(2022, 9, 11)) == nullptr);
    REQUIRE(reg.membership_of(intel, pf, ymd(2022, 9, 12)));
    CHECK(reg.membership_of(intel, pf, ymd(2022, 9, 12))->tier == general);
    CHECK(reg.membership_of(intel, pf, ymd(2022, 9, 12))->founding);
    REQUIRE(reg.membership_of(intel, pf, ymd(2023, 5, 31)));
    CHECK(reg.membership_of(intel, pf, ymd(2023, 5, 31))->tier == general);
    REQUIRE(reg.membership_of(intel, pf, ymd(2023, 6, 1)));
    CHECK(reg.membership_of(intel, pf, ymd(2023, 6, 1))->tier == premier);
    CHECK_FALSE(reg.membership_of(intel, pf, ymd(2023, 6, 1))->founding);
    REQUIRE(reg.membership_of(intel, lf, ymd(2023, 6, 1)));
    CHECK(reg.membership_of(intel, lf, ymd(2023, 6, 1))->tier ==
          tier_id{"silver"});
    CHECK(reg.membership_of(org_id{"ibm"}, pf, ymd(2024, 3, 1)) == nullptr);
    CHECK(reg.membership_of(org_id{"ibm"}, pf, ymd(2024, 1, 1)) == nullptr);
    CHECK(reg.membership_of(org_id{"ibm"}, pf, ymd(2023, 12, 31)) != nullptr);
    CHECK(reg.membership_of(org_id{"amazon"}, pf, ymd(2023, 1, 1)) ==
          nullptr);  // aws is, not amazon
    // No organization nvidia, no foundation cncf: not found, not null.
    CHECK_THROWS_AS(reg.membership_of(org_id{"nvidia"}, pf, ymd(2023, 1, 1)),
                    not_found_error);
    CHECK_THROWS_AS(reg.membership_of(org_id{"amd"}, foundation_id{"cncf"},
                                      ymd(2023, 1, 1)),
                    not_found_error);
  }

  TEST_CASE("memberships_of: every foundation, sorted by foundation") {
    const registry reg = make_registry();
    const auto ms = reg.memberships_of(org_id{"amd"}, ymd(2023, 1, 1));
    REQUIRE(ms.size() == 2);
    CHECK(ms[0]->foundation ==
          lf);  // "linux-foundation" < "pytorch-foundation"
    CHECK(ms[0]->tier == tier_id{"silver"});
    CHECK(ms[1]->foundation == pf);
    CHECK(ms[1]->tier == premier);
    CHECK(reg.memberships_of(org_id{"amd"}, ymd(2019, 12, 31)).empty());
    REQUIRE(reg.memberships_of(org_id{"amd"}, ymd(2022, 9, 11)).size() == 1);
    CHECK(reg.memberships_of(org_id{"ibm"}, ymd(2024, 2, 1)).empty());
    CHECK_THROWS_AS(reg.memberships_of(org_id{"nvidia"}, ymd(2024, 2, 1)),
                    not_found_error);
  }

  TEST_CASE("membership_history: earliest first") {
    const registry reg = make_registry();
    const auto intel = reg.membership_history(org_id{"intel"}, pf);
    REQUIRE(intel.size() == 2);
    CHECK(intel[0]->when == between(ymd(2022, 9, 12), ymd(2023, 6, 1)));
    CHECK(intel[1]->when == since(ymd(2023, 6, 1)));
    const auto ibm = reg.membership_history(org_id{"ibm"}, pf);
    REQUIRE(ibm.size() == 2);
    CHECK(ibm[0]->when.from == ymd(2023, 1, 1));
    CHECK(ibm[1]->when.from == ymd(2024, 6, 1));
    CHECK(reg.membership_history(org_id{"intel"}, lf).size() == 1);
    CHECK(reg.membership_history(org_id{"hugging-face"}, lf).empty());
  }

  TEST_CASE("member_since: the start of the unbroken run") {
    const registry reg = make_registry();
    const org_id intel{"intel"}, ibm{"ibm"};
    // Across a tier change the run goes on.
    CHECK(reg.member_since(intel, pf, ymd(2022, 9, 12)) == ymd(2022, 9, 12));
    CHECK(reg.member_since(intel, pf, ymd(2023, 5, 31)) == ymd(2022, 9, 12));
    CHECK(reg.member_since(intel, pf, ymd(2023, 6, 1)) == ymd(2022, 9, 12));
    CHECK(reg.member_since(intel, pf, ymd(2030, 1, 1)) == ymd(2022, 9, 12));
    CHECK_FALSE(reg.member_since(intel, pf, ymd(2022, 9, 11)));
    // After a gap a new run starts.
    CHECK(reg.member_since(ibm, pf, ymd(2023, 6, 1)) == ymd(2023, 1, 1));
    CHECK(reg.member_since(ibm, pf, ymd(2023, 12, 31)) == ymd(2023, 1, 1));
    CHECK_FALSE(reg.member_since(ibm, pf, ymd(2024, 1, 1)));
    CHECK_FALSE(reg.member_since(ibm, pf, ymd(2024, 5, 31)));
    CHECK(reg.member_since(ibm, pf, ymd(2024, 6, 1)) == ymd(2024, 6, 1));
    CHECK(reg.member_since(ibm, pf, ymd(2025, 1, 1)) == ymd(2024, 6, 1));
    CHECK(reg.member_since(org_id{"amd"}, lf, ymd(2023, 1, 1)) ==
          ymd(2020, 1, 1));
    CHECK_THROWS_AS(reg.member_since(org_id{"nvidia"}, pf, ymd(2023, 1, 1)),
                    not_found_error);
  }

  TEST_CASE("affiliations") {
    const registry reg = make_registry();
    const person_id john{"john-roe"};
    auto orgs = [&](date on) {
      strings out;
      for (const auto* a : reg.affiliations(john, on))
        out.push_back(a->org.str());
      return out;
    };
    CHECK(orgs(ymd(2018, 12, 31)).empty());
    CHECK(orgs(ymd(2019, 1, 1)) == strings{"aws"});
    CHECK(orgs(ymd(2022, 12, 31)) == strings{"aws"});
    CHECK(orgs(ymd(2023, 1, 1)) == strings{"meta"});
    const auto jane = reg.affiliations(person_id{"jane-doe"}, ymd(2023, 1, 1));
    REQUIRE(jane.size() == 1);
    CHECK(jane[0]->title == "Engineer");
    CHECK(jane[0] == &reg.at(person_id{"jane-doe"}).affiliations[0]);
    CHECK(reg.affiliations(person_id{"pat-nobody"}, ymd(2023, 1, 1)).empty());
    CHECK_THROWS_AS(reg.affiliations(person_id{"nobody"}, ymd(2023, 1, 1)),
                    not_found_error);
  }

  TEST_CASE("affiliated_people: the organization itself, sorted by id") {
    const registry reg = make_registry();
    CHECK(
        ids(reg.affiliated_people(org_id{"meta"}, ymd(2017, 12, 31))).empty());
    CHECK(ids(reg.affiliated_people(org_id{"meta"}, ymd(2022, 12, 31))) ==
          strings{"alex-kim"});
    CHECK(ids(reg.affiliated_people(org_id{"meta"}, ymd(2023, 1, 1))) ==
          strings{"alex-kim", "john-roe"});
    CHECK(ids(reg.affiliated_people(org_id{"aws"}, ymd(2022, 12, 31))) ==
          strings{"john-roe"});
    CHECK(ids(reg.affiliated_people(org_id{"aws"}, ymd(2023, 1, 1))).empty());
    // Not the family: john-roe worked at aws, not at amazon.
    CHECK(
        ids(reg.affiliated_people(org_id{"amazon"}, ymd(2020, 1, 1))).empty());
    CHECK(ids(reg.affiliated_people(org_id{"linux-foundation"},
                                    ymd(2020, 1, 1))) ==
          strings{"ibrahim-haddad"});
    CHECK_THROWS_AS(reg.affiliated_people(org_id{"nvidia"}, ymd(2020, 1, 1)),
                    not_found_error);
  }

  TEST_CASE("a person affiliated twice with one organization is listed once") {
    registry reg = make_registry();
    reg.apply(batch{}.affiliate(
        person_id{"alex-kim"}, tie("meta", since(ymd(2019, 1, 1)), "Manager")));
    CHECK(reg.affiliations(person_id{"alex-kim"}, ymd(2020, 1, 1)).size() == 2);
    CHECK(ids(reg.affiliated_people(org_id{"meta"}, ymd(2020, 1, 1))) ==
          strings{"alex-kim"});
  }

  TEST_CASE("family, family_members and children") {
    const registry reg = make_registry();
    CHECK(reg.family(org_id{"aws-labs"}).id == org_id{"amazon"});
    CHECK(reg.family(org_id{"aws"}).id == org_id{"amazon"});
    CHECK(reg.family(org_id{"a9"}).id == org_id{"amazon"});
    CHECK(reg.family(org_id{"amazon"}).id == org_id{"amazon"});
    CHECK(&reg.family(org_id{"amd"}) == reg.find(org_id{"amd"}));
    CHECK_THROWS_AS(reg.family(org_id{"nvidia"}), not_found_error);

    const strings amazon{"amazon", "a9", "aws", "aws-labs"};
    CHECK(ids(reg.family_members(org_id{"amazon"})) == amazon);
    CHECK(ids(reg.family_members(org_id{"aws"})) == amazon);
    CHECK(ids(reg.family_members(org_id{"aws-labs"})) == amazon);
    CHECK(ids(reg.family_members(org_id{"amd"})) == strings{"amd"});

    CHECK(ids(reg.children(org_id{"amazon"})) == strings{"a9", "aws"});
    CHECK(ids(reg.children(org_id{"aws"})) == strings{"aws-labs"});
    CHECK(ids(reg.children(org_id{"aws-labs"})).empty());
    CHECK(ids(reg.children(org_id{"amd"})).empty());
  }

  TEST_CASE("seats: class order, then person") {
    const registry reg = make_registry();
    CHECK(people_of(reg.seats(board, ymd(2022, 9, 11))).empty());
    const auto first = reg.seats(board, ymd(2022, 9, 12));
    CHECK(people_of(first) == strings{"alex-kim", "jane-doe", "john-roe",
                                      "sam-lee", "ibrahim-haddad"});
    REQUIRE(first.size() == 5);
    CHECK(first[0]->seat_class == seat_class_id{"premier"});
    CHECK(first[3]->seat_class == seat_class_id{"general"});
    CHECK(first[4]->seat_class == seat_class_id{"executive-director"});
    CHECK(first[4]->voting == false);
    CHECK(people_of(reg.seats(board, ymd(2023, 1, 1))) ==
          strings{"alex-kim", "jane-doe", "sam-lee", "ibrahim-haddad"});
    const auto later = reg.seats(board, ymd(2023, 6, 1));
    CHECK(people_of(later) ==
          strings{"alex-kim", "jane-doe", "sam-lee", "ibrahim-haddad"});
    REQUIRE(later.size() == 4);
    CHECK(later[2]->seat_class == seat_class_id{"premier"});
    CHECK(later[2]->represents == org_id{"intel"});
    CHECK_THROWS_AS(reg.seats(body_id{"tac"}, ymd(2023, 1, 1)),
                    not_found_error);
  }

  TEST_CASE("seats_of") {
    const registry reg = make_registry();
    const person_id sam{"sam-lee"};
    CHECK(reg.seats_of(sam, ymd(2022, 9, 11)).empty());
    REQUIRE(reg.seats_of(sam, ymd(2023, 5, 31)).size() == 1);
    CHECK(reg.seats_of(sam, ymd(2023, 5, 31))[0]->seat_class ==
          seat_class_id{"general"});
    REQUIRE(reg.seats_of(sam, ymd(2023, 6, 1)).size() == 1);
    CHECK(reg.seats_of(sam, ymd(2023, 6, 1))[0]->seat_class ==
          seat_class_id{"premier"});
    CHECK(reg.seats_of(person_id{"john-roe"}, ymd(2023, 1, 1)).empty());
    CHECK(reg.seats_of(person_id{"john-roe"}, ymd(2022, 12, 31)).size() == 1);
    CHECK(reg.seats_of(person_id{"pat-nobody"}, ymd(2023, 1, 1)).empty());
    CHECK_THROWS_AS(reg.seats_of(person_id{"nobody"}, ymd(2023, 1, 1)),
                    not_found_error);
    CHECK_THROWS_AS(reg.seat_history(person_id{"nobody"}), not_found_error);
  }

  TEST_CASE("entitlements, one per class in class order") {
    const registry reg = make_registry();
    struct row {
      const char* cls;
      int seats;
      int filled;
    };
    auto check = [&](date on, std::vector<row> expected) {
      CAPTURE(to_string(on));
      const auto es = reg.entitlements(board, on);
      REQUIRE(es.size() == expected.size());
      for (std::size_t i = 0; i < es.size(); ++i) {
        CAPTURE(expected[i].cls);
        REQUIRE(es[i].seat_class);
        CHECK(es[i].seat_class == &reg.at(board).seat_classes[i]);
        CHECK(es[i].seat_class->id == seat_class_id{expected[i].cls});
        CHECK(es[i].seats == expected[i].seats);
        CHECK(es[i].filled == expected[i].filled);
        CHECK(es[i].vacant() ==
              std::max(0, expected[i].seats - expected[i].filled));
      }
    };
    // Before the foundation: only the fixed class is owed.
    check(ymd(2022, 9, 11), {{"premier", 0, 0},
                             {"general", 0, 0},
                             {"at-large", 2, 0},
                             {"executive-director", 0, 0}});
    // premier: amd, aws, meta; general: intel (1 member: ceil(1/10) = 1).
    check(ymd(2022, 9, 12), {{"premier", 3, 3},
                             {"general", 1, 1},
                             {"at-large", 2, 0},
                             {"executive-director", 1, 1}});
    // john-roe's aws seat ended; general: ibm and intel.
    check(ymd(2023, 1, 1), {{"premier", 3, 2},
                            {"general", 1, 1},
                            {"at-large", 2, 0},
                            {"executive-director", 1, 1}});
    // intel moved to premier, and sam-lee with it.
    check(ymd(2023, 6, 1), {{"premier", 4, 3},
                            {"general", 1, 0},
                            {"at-large", 2, 0},
                            {"executive-director", 1, 1}});
    // No general member: no general seat.
    check(ymd(2024, 1, 1), {{"premier", 4, 3},
                            {"general", 0, 0},
                            {"at-large", 2, 0},
                            {"executive-director", 1, 1}});
    CHECK_THROWS_AS(reg.entitlements(body_id{"tac"}, ymd(2023, 1, 1)),
                    not_found_error);
  }

  TEST_CASE("entitlement_of one class") {
    const registry reg = make_registry();
    const auto e =
        reg.entitlement_of(board, seat_class_id{"premier"}, ymd(2023, 1, 1));
    REQUIRE(e.seat_class);
    CHECK(e.seat_class->mode == seat_mode::per_member);
    CHECK(e.seats == 3);
    CHECK(e.filled == 2);
    CHECK(e.vacant() == 1);
    const auto fixed =
        reg.entitlement_of(board, seat_class_id{"at-large"}, ymd(2023, 1, 1));
    CHECK(fixed.seats == 2);
    CHECK(fixed.filled == 0);
    CHECK(fixed.vacant() == 2);
    CHECK_THROWS_AS(
        reg.entitlement_of(board, seat_class_id{"observer"}, ymd(2023, 1, 1)),
        not_found_error);
    CHECK_THROWS_AS(reg.entitlement_of(body_id{"tac"}, seat_class_id{"premier"},
                                       ymd(2023, 1, 1)),
                    not_found_error);
  }

  TEST_CASE("entitlement: vacant is never negative") {
    const entitlement over{nullptr, 1, 3};
    CHECK(over.vacant() == 0);
    const entitlement under{nullptr, 3, 1};
    CHECK(under.vacant() == 2);
  }

  TEST_CASE("entitlement of an ex-officio class follows the role") {
    registry reg = make_registry();
    const seat_class_id ed{"executive-director"};
    CHECK(reg.entitlement_of(board, ed, ymd(2022, 9, 11)).seats == 0);
    CHECK(reg.entitlement_of(board, ed, ymd(2022, 9, 12)).seats == 1);
    CHECK(reg.entitlement_of(board, ed, ymd(2022, 9, 12))
              .seat_class->is_voting() == false);
    reg.apply(batch{}.end_role(person_id{"ibrahim-haddad"},
                               "Executive Director", pf, ymd(2024, 1, 1)));
    CHECK(reg.entitlement_of(board, ed, ymd(2023, 12, 31)).seats == 1);
    CHECK(reg.entitlement_of(board, ed, ymd(2024, 1, 1)).seats == 0);
    // A role of the same title elsewhere does not count.
    reg.apply(batch{}.add(make_role("jane-doe", "Executive Director", lf,
                                    since(ymd(2024, 1, 1)))));
    CHECK(reg.entitlement_of(board, ed, ymd(2024, 2, 1)).seats == 0);
    reg.apply(batch{}.add(make_role("jane-doe", "Executive Director", pf,
                                    since(ymd(2024, 2, 1)))));
    CHECK(reg.entitlement_of(board, ed, ymd(2024, 1, 31)).seats == 0);
    CHECK(reg.entitlement_of(board, ed, ymd(2024, 2, 1)).seats == 1);
  }
}

namespace {

// A foundation "f" with `n` members in tier "t" from 2020-01-01, one member
// in another tier and one former member, and a body whose elected classes
// try the arithmetic.
registry elected_registry(int n) {
  batch b;
  b.add(make_foundation("f", {make_tier("t", 1), make_tier("other", 2)}));
  for (int i = 0; i < n; ++i) {
    const auto id = "o" + std::to_string(i);
    b.add(make_org(id))
        .join(org_id{id}, foundation_id{"f"}, tier_id{"t"}, ymd(2020, 1, 1));
  }
  b.add(make_org("elsewhere"))
      .join(org_id{"elsewhere"}, foundation_id{"f"}, tier_id{"other"},
            ymd(2020, 1, 1));
  b.add(make_org("former"))
      .add(make_membership("former", foundation_id{"f"}, "t",
                           between(ymd(2019, 1, 1), ymd(2020, 1, 1))));
  body e;
  e.id = body_id{"e"};
  e.name = "e";
  e.owner = foundation_id{"f"};
  auto cls = [](const char* id, rounding r, std::optional<int> min,
                std::optional<int> max) {
    return make_class([&](seat_class& c) {
      c.id = seat_class_id{id};
      c.mode = seat_mode::elected;
      c.tier = tier_id{"t"};
      c.per = 10;
      c.min = min;
      c.max = max;
      c.round = r;
    });
  };
  e.seat_classes = {cls("up", rounding::up, 0, 3),
                    cls("down", rounding::down, std::nullopt, std::nullopt),
                    cls("floor-min", rounding::down, 1, std::nullopt),
                    cls("min2", rounding::up, 2, std::nullopt),
                    cls("nomax", rounding::up, std::nullopt, std::nullopt),
                    make_class([&](seat_class& c) {
                      c.id = seat_class_id{"per1"};
                      c.mode = seat_mode::elected;
                      c.tier = tier_id{"t"};
                    }),
                    make_class([&](seat_class& c) {
                      c.id = seat_class_id{"each"};
                      c.mode = seat_mode::per_member;
                      c.tier = tier_id{"t"};
                    })};
  b.add(e);
  registry reg;
  reg.apply(b);
  return reg;
}

}  // namespace

TEST_SUITE("registry") {
  TEST_CASE(
      "entitlement of elected classes: 0 if n = 0, else clamp(round(n / per), "
      "min, max)") {
    struct row {
      int n, up, down, floor_min, min2, nomax;
    };
    // up: per 10, min 0, max 3, round up; down: per 10, round down;
    // floor-min: per 10, min 1, round down; min2: per 10, min 2, round up.
    for (const row& r :
         {row{0, 0, 0, 0, 0, 0}, row{1, 1, 0, 1, 2, 1}, row{5, 1, 0, 1, 2, 1},
          row{9, 1, 0, 1, 2, 1}, row{10, 1, 1, 1, 2, 1}, row{11, 2, 1, 1, 2, 2},
          row{20, 2, 2, 2, 2, 2}, row{21, 3, 2, 2, 3, 3},
          row{45, 3, 4, 4, 5, 5}}) {
      CAPTURE(r.n);
      const registry reg = elected_registry(r.n);
      const body_id e{"e"};
      const date on = ymd(2020, 1, 1);
      CHECK(reg.entitlement_of(e, seat_class_id{"up"}, on).seats == r.up);
      CHECK(reg.entitlement_of(e, seat_class_id{"down"}, on).seats == r.down);
      CHECK(reg.entitlement_of(e, seat_class_id{"floor-min"}, on).seats ==
            r.floor_min);
      CHECK(reg.entitlement_of(e, seat_class_id{"min2"}, on).seats == r.min2);
      CHECK(reg.entitlement_of(e, seat_class_id{"nomax"}, on).seats == r.nomax);
      CHECK(reg.entitlement_of(e, seat_class_id{"per1"}, on).seats ==
            r.n);  // per defaults to 1
      CHECK(reg.entitlement_of(e, seat_class_id{"each"}, on).seats == r.n);
      // The day before, only the former member was in the tier.
      CHECK(
          reg.entitlement_of(e, seat_class_id{"up"}, ymd(2019, 12, 31)).seats ==
          1);
      CHECK(reg.entitlement_of(e, seat_class_id{"min2"}, ymd(2019, 12, 31))
                .seats == 2);
      CHECK(reg.entitlement_of(e, seat_class_id{"each"}, ymd(2019, 12, 31))
                .seats == 1);
      CHECK(
          reg.entitlement_of(e, seat_class_id{"up"}, ymd(2018, 12, 31)).seats ==
          0);
      CHECK(reg.entitlement_of(e, seat_class_id{"min2"}, ymd(2018, 12, 31))
                .seats == 0);
    }
  }

  TEST_CASE(
      "entitlement of a project's body counts the members of its steward "
      "foundation") {
    registry reg = make_registry();
    body tac;
    tac.id = body_id{"pytorch-tac"};
    tac.name = "pytorch-tac";
    tac.kind = "committee";
    tac.owner = pytorch;
    tac.seat_classes = {make_class([&](seat_class& c) {
                          c.id = seat_class_id{"premier"};
                          c.mode = seat_mode::per_member;
                          c.tier = premier;
                        }),
                        make_class([&](seat_class& c) {
                          c.id = seat_class_id{"lead"};
                          c.mode = seat_mode::ex_officio;
                          c.role = "Maintainer";
                        })};
    reg.apply(batch{}.add(tac));
    // Stewarded by meta, an organization, before 2022-09-12: no members.
    CHECK(reg.entitlement_of(tac.id, seat_class_id{"premier"}, ymd(2022, 9, 11))
              .seats == 0);
    CHECK(reg.entitlement_of(tac.id, seat_class_id{"premier"}, ymd(2022, 9, 12))
              .seats == 3);
    CHECK(reg.entitlement_of(tac.id, seat_class_id{"premier"}, ymd(2023, 6, 1))
              .seats == 4);
    // The ex-officio class counts the project's roles.
    CHECK(reg.entitlement_of(tac.id, seat_class_id{"lead"}, ymd(2016, 12, 31))
              .seats == 0);
    CHECK(reg.entitlement_of(tac.id, seat_class_id{"lead"}, ymd(2017, 1, 1))
              .seats == 1);
    CHECK(reg.entitlement_of(tac.id, seat_class_id{"lead"}, ymd(2021, 1, 1))
              .seats == 2);
  }

  TEST_CASE("roles in a scope: by title, then person") {
    const registry reg = make_registry();
    auto list = [&](const role_scope& scope, date on) {
      strings out;
      for (const auto* r : reg.roles(scope, on))
        out.push_back(r->title + " " + r->person.str());
      return out;
    };
    CHECK(list(pf, ymd(2022, 9, 11)).empty());
    CHECK(list(pf, ymd(2022, 9, 12)) ==
          strings{"Executive Director ibrahim-haddad", "Treasurer john-roe"});
    CHECK(list(pf, ymd(2023, 1, 1)) ==
          strings{"Executive Director ibrahim-haddad", "Treasurer jane-doe"});
    CHECK(list(pytorch, ymd(2016, 12, 31)).empty());
    CHECK(list(pytorch, ymd(2017, 1, 1)) == strings{"Maintainer alex-kim"});
    CHECK(list(pytorch, ymd(2021, 1, 1)) ==
          strings{"Maintainer alex-kim", "Maintainer sam-lee"});
    CHECK(list(board, ymd(2023, 1, 1)) == strings{"Secretary ibrahim-haddad"});
    CHECK(list(lf, ymd(2023, 1, 1)).empty());
    // The scope's kind matters: no project is called pytorch-foundation.
    CHECK_THROWS_AS(list(project_id{"pytorch-foundation"}, ymd(2023, 1, 1)),
                    not_found_error);
  }

  TEST_CASE("roles_of a person") {
    const registry reg = make_registry();
    auto titles = [&](const char* who, date on) {
      strings out;
      for (const auto* r : reg.roles_of(person_id{who}, on))
        out.push_back(r->title);
      return out;
    };
    CHECK(titles("ibrahim-haddad", ymd(2022, 9, 11)).empty());
    CHECK(titles("ibrahim-haddad", ymd(2022, 9, 12)) ==
          strings{"Executive Director", "Secretary"});
    CHECK(titles("john-roe", ymd(2022, 12, 31)) == strings{"Treasurer"});
    CHECK(titles("john-roe", ymd(2023, 1, 1)).empty());
    CHECK(titles("jane-doe", ymd(2023, 1, 1)) == strings{"Treasurer"});
    CHECK(titles("alex-kim", ymd(2023, 1, 1)) == strings{"Maintainer"});
    CHECK(titles("pat-nobody", ymd(2023, 1, 1)).empty());
  }

  TEST_CASE("steward_of") {
    const registry reg = make_registry();
    CHECK(reg.steward_of(pytorch, ymd(2016, 8, 31)) == nullptr);
    const steward* before = reg.steward_of(pytorch, ymd(2022, 9, 11));
    REQUIRE(before);
    CHECK(before->who == steward_ref{org_id{"meta"}});
    CHECK(reg.steward_of(pytorch, ymd(2016, 9, 1)) == before);
    const steward* after = reg.steward_of(pytorch, ymd(2022, 9, 12));
    REQUIRE(after);
    CHECK(after->who == steward_ref{pf});
    CHECK(after->when.open_ended());
    CHECK(reg.steward_of(pytorch, ymd(2040, 1, 1)) == after);
    CHECK_THROWS_AS(reg.steward_of(project_id{"tensorflow"}, ymd(2020, 1, 1)),
                    not_found_error);
  }

  TEST_CASE("stage_of") {
    const registry reg = make_registry();
    CHECK(reg.stage_of(pytorch, ymd(2016, 8, 31)) == nullptr);
    REQUIRE(reg.stage_of(pytorch, ymd(2016, 9, 1)));
    CHECK(reg.stage_of(pytorch, ymd(2016, 9, 1))->name == "active");
    CHECK(reg.stage_of(pytorch, ymd(2022, 9, 11))->name == "active");
    REQUIRE(reg.stage_of(pytorch, ymd(2022, 9, 12)));
    CHECK(reg.stage_of(pytorch, ymd(2022, 9, 12))->name == "graduated");
    CHECK_THROWS_AS(reg.stage_of(project_id{"tensorflow"}, ymd(2020, 1, 1)),
                    not_found_error);
  }

  TEST_CASE("history of an organization") {
    const registry reg = make_registry();
    const auto intel = reg.history(org_id{"intel"});
    CHECK(kinds(intel) == strings{"membership", "affiliation", "membership",
                                  "seat", "membership", "seat"});
    REQUIRE(intel.size() == 6);
    const org_id intel_id{"intel"};
    CHECK(intel[0].when == since(ymd(2020, 1, 1)));
    CHECK(intel[0].membership ==
          reg.find(membership_key{intel_id, lf, ymd(2020, 1, 1)}));
    CHECK(intel[1].when == since(ymd(2021, 1, 1)));
    const person* sam = reg.find(person_id{"sam-lee"});
    CHECK(intel[1].person == sam);
    CHECK(intel[1].affiliation == &sam->affiliations.at(0));
    CHECK(intel[2].when == between(ymd(2022, 9, 12), ymd(2023, 6, 1)));
    CHECK(intel[2].membership ==
          reg.find(membership_key{intel_id, pf, ymd(2022, 9, 12)}));
    CHECK(intel[3].when == between(ymd(2022, 9, 12), ymd(2023, 6, 1)));
    CHECK(intel[3].seat ==
          reg.find(seat_key{board, seat_class_id{"general"},
                            person_id{"sam-lee"}, ymd(2022, 9, 12)}));
    CHECK(intel[4].when == since(ymd(2023, 6, 1)));
    CHECK(intel[4].membership ==
          reg.find(membership_key{intel_id, pf, ymd(2023, 6, 1)}));
    CHECK(intel[5].when == since(ymd(2023, 6, 1)));
    CHECK(intel[5].seat ==
          reg.find(seat_key{board, seat_class_id{"premier"},
                            person_id{"sam-lee"}, ymd(2023, 6, 1)}));
    // Only the pointers of the entry's kind are set.
    for (const auto& e : intel) {
      CHECK((e.membership != nullptr) == (e.kind == history_kind::membership));
      CHECK((e.seat != nullptr) == (e.kind == history_kind::seat));
      CHECK((e.affiliation != nullptr) ==
            (e.kind == history_kind::affiliation));
      CHECK_FALSE(e.role);
      CHECK_FALSE(e.project);
    }

    // In words: an organization's affiliation line names the person.
    const auto intel_lines = describe(intel, record_kind::organization);
    REQUIRE(intel_lines.size() == 6);
    CHECK(contains(intel_lines[0].text, "linux-foundation"));
    CHECK(contains(intel_lines[0].text, "silver"));
    CHECK(contains(intel_lines[1].text, "sam-lee"));
    CHECK(contains(intel_lines[2].text, "general"));
    CHECK(contains(intel_lines[2].text, "pytorch-foundation"));
    CHECK(contains(intel_lines[3].text, "sam-lee"));
    CHECK(
        contains(intel_lines[4].text, "premier member of pytorch-foundation"));

    const auto meta = reg.history(org_id{"meta"});
    CHECK(kinds(meta) == strings{"steward", "affiliation", "membership",
                                 "membership", "seat", "affiliation"});
    REQUIRE(meta.size() == 6);
    CHECK(meta[0].when == between(ymd(2016, 9, 1), ymd(2022, 9, 12)));
    const project* torch = reg.find(pytorch);
    CHECK(meta[0].project == torch);
    CHECK(meta[0].steward == &torch->stewards.at(0));
    CHECK(meta[1].person == reg.find(person_id{"alex-kim"}));
    CHECK(meta[5].person == reg.find(person_id{"john-roe"}));
    CHECK(meta[5].affiliation == &meta[5].person->affiliations.at(1));
    const auto meta_lines = describe(meta, record_kind::organization);
    REQUIRE(meta_lines.size() == 6);
    CHECK(contains(meta_lines[0].text, "pytorch"));
    CHECK(contains(meta_lines[1].text, "alex-kim"));
    CHECK(contains(meta_lines[5].text, "john-roe"));

    // Only the organization itself, not its family.
    CHECK(reg.history(org_id{"amazon"}).empty());
    CHECK_THROWS_AS(reg.history(org_id{"nvidia"}), not_found_error);
  }

  TEST_CASE("history of a person") {
    const registry reg = make_registry();
    const auto john = reg.history(person_id{"john-roe"});
    CHECK(kinds(john) == strings{"affiliation", "role", "seat", "affiliation"});
    REQUIRE(john.size() == 4);
    const person* john_roe = reg.find(person_id{"john-roe"});
    CHECK(john[0].when == between(ymd(2019, 1, 1), ymd(2023, 1, 1)));
    CHECK(john[0].person == john_roe);
    CHECK(john[0].affiliation == &john_roe->affiliations.at(0));
    CHECK(john[1].when == between(ymd(2022, 9, 12), ymd(2023, 1, 1)));
    CHECK(john[1].role == reg.find(role_key{person_id{"john-roe"}, "Treasurer",
                                            pf, ymd(2022, 9, 12)}));
    CHECK(john[2].when == between(ymd(2022, 9, 12), ymd(2023, 1, 1)));
    CHECK(john[2].seat ==
          reg.find(seat_key{board, seat_class_id{"premier"},
                            person_id{"john-roe"}, ymd(2022, 9, 12)}));
    CHECK(john[3].when == since(ymd(2023, 1, 1)));
    CHECK(john[3].affiliation == &john_roe->affiliations.at(1));

    // In words: a person's affiliation line names the organization.
    const auto lines = describe(john, record_kind::person);
    REQUIRE(lines.size() == 4);
    CHECK(contains(lines[0].text, "aws"));
    CHECK(contains(lines[1].text, "Treasurer"));
    CHECK(contains(lines[2].text, "pytorch-board"));
    CHECK(contains(lines[3].text, "meta"));

    CHECK(kinds(reg.history(person_id{"sam-lee"})) ==
          strings{"affiliation", "role", "seat", "seat"});
    // Two roles from one day: by scope id in the data (pytorch-board,
    // then pytorch-foundation), by their words in the lines.
    const auto ibrahim = reg.history(person_id{"ibrahim-haddad"});
    CHECK(kinds(ibrahim) == strings{"affiliation", "role", "role", "seat"});
    REQUIRE(ibrahim.size() == 4);
    CHECK(ibrahim[1].role->title == "Secretary");
    CHECK(ibrahim[2].role->title == "Executive Director");
    const auto ibrahim_lines = describe(ibrahim, record_kind::person);
    CHECK(ibrahim_lines.at(1).text ==
          "Executive Director of pytorch-foundation");
    CHECK(ibrahim_lines.at(2).text == "Secretary of pytorch-board");
    CHECK(reg.history(person_id{"pat-nobody"}).empty());
    CHECK_THROWS_AS(reg.history(person_id{"nobody"}), not_found_error);
  }

  TEST_CASE("history of a project") {
    const registry reg = make_registry();
    const auto h = reg.history(pytorch);
    CHECK(kinds(h) ==
          strings{"stage", "steward", "role", "role", "stage", "steward"});
    REQUIRE(h.size() == 6);
    const project* torch = reg.find(pytorch);
    for (const auto& e : h)
      if (e.kind != history_kind::role) CHECK(e.project == torch);
    CHECK(h[0].when == between(ymd(2016, 9, 1), ymd(2022, 9, 12)));
    CHECK(h[0].stage == &torch->stages.at(0));
    CHECK(h[1].steward == &torch->stewards.at(0));
    CHECK(h[2].when.from == ymd(2017, 1, 1));
    CHECK(h[2].role == reg.find(role_key{person_id{"alex-kim"}, "Maintainer",
                                         pytorch, ymd(2017, 1, 1)}));
    CHECK(h[3].role == reg.find(role_key{person_id{"sam-lee"}, "Maintainer",
                                         pytorch, ymd(2021, 1, 1)}));
    CHECK(h[4].stage == &torch->stages.at(1));
    CHECK(h[5].steward == &torch->stewards.at(1));
    CHECK(h[5].when == since(ymd(2022, 9, 12)));

    // In words: a project's role line names the person, its steward line
    // the steward.
    const auto lines = describe(h, record_kind::project);
    REQUIRE(lines.size() == 6);
    CHECK(contains(lines[0].text, "active"));
    CHECK(contains(lines[1].text, "meta"));
    CHECK(contains(lines[2].text, "alex-kim"));
    CHECK(contains(lines[3].text, "sam-lee"));
    CHECK(contains(lines[4].text, "graduated"));
    CHECK(contains(lines[5].text, "pytorch-foundation"));
    CHECK_THROWS_AS(reg.history(project_id{"tensorflow"}), not_found_error);
  }

  TEST_CASE("history_kind: names in the order of the enumerators") {
    const history_kind all[] = {
        history_kind::affiliation, history_kind::membership,
        history_kind::role,        history_kind::seat,
        history_kind::stage,       history_kind::steward};
    const strings names{"affiliation", "membership", "role",
                        "seat",        "stage",      "steward"};
    for (std::size_t i = 0; i < std::size(all); ++i) {
      CHECK(to_string(all[i]) == names[i]);
      if (i > 0) CHECK(to_string(all[i - 1]) < to_string(all[i]));
    }
  }

  // ================================================================= mutations

  TEST_CASE("add an organization and make it join in one batch") {
    registry reg = make_registry();
    batch b;
    b.add(make_org("nvidia"))
        .join(org_id{"nvidia"}, pf, general, ymd(2024, 3, 1), true);
    const auto written = reg.apply(b);
    CHECK(written == std::vector<record_key>{
                         org_id{"nvidia"}, membership_key{org_id{"nvidia"}, pf,
                                                          ymd(2024, 3, 1)}});
    REQUIRE(reg.find(org_id{"nvidia"}));
    const membership* m =
        reg.membership_of(org_id{"nvidia"}, pf, ymd(2024, 3, 1));
    REQUIRE(m);
    CHECK(m->tier == general);
    CHECK(m->founding);
    CHECK(m->when == since(ymd(2024, 3, 1)));
    CHECK(reg.membership_of(org_id{"nvidia"}, pf, ymd(2024, 2, 29)) == nullptr);
    CHECK(org_ids(reg.members(pf, general, ymd(2024, 6, 1))) ==
          strings{"ibm", "nvidia"});
    CHECK(reg.memberships().size() == 13);
  }

  TEST_CASE("join is rejected while the organization is a member") {
    registry reg = make_registry();
    const auto problems = rejected(
        reg, batch{}.join(org_id{"amd"}, pf, general, ymd(2023, 1, 1)));
    EXPECT_PROBLEM(
        problems,
        place(membership_key{org_id{"amd"}, pf, ymd(2023, 1, 1)}, "/from"),
        "amd");
  }

  TEST_CASE("join again after a gap") {
    registry reg = make_registry();
    reg.apply(batch{}
                  .join(org_id{"ibm"}, pf, associate, ymd(2024, 1, 1))
                  .leave(org_id{"ibm"}, pf, ymd(2024, 3, 1)));
    CHECK(reg.membership_of(org_id{"ibm"}, pf, ymd(2024, 2, 1))->tier ==
          associate);
    CHECK(reg.membership_of(org_id{"ibm"}, pf, ymd(2024, 3, 1)) == nullptr);
    CHECK(reg.member_since(org_id{"ibm"}, pf, ymd(2024, 2, 1)) ==
          ymd(2023, 1, 1));  // no gap any more
    CHECK(reg.member_since(org_id{"ibm"}, pf, ymd(2024, 6, 1)) ==
          ymd(2024, 6, 1));
  }

  TEST_CASE("leave ends the membership in force") {
    registry reg = make_registry();
    const auto written =
        reg.apply(batch{}.leave(org_id{"amd"}, pf, ymd(2024, 1, 1)));
    CHECK(written == std::vector<record_key>{
                         membership_key{org_id{"amd"}, pf, ymd(2022, 9, 12)}});
    const membership* m =
        reg.find(membership_key{org_id{"amd"}, pf, ymd(2022, 9, 12)});
    REQUIRE(m);
    CHECK(m->when == between(ymd(2022, 9, 12), ymd(2024, 1, 1)));
    CHECK(m->founding);
    CHECK(m->tier == premier);
    CHECK(reg.membership_of(org_id{"amd"}, pf, ymd(2023, 12, 31)) == m);
    CHECK(reg.membership_of(org_id{"amd"}, pf, ymd(2024, 1, 1)) == nullptr);
    CHECK(org_ids(reg.members(pf, premier, ymd(2024, 1, 1))) ==
          strings{"aws", "intel", "meta"});
    CHECK(reg.memberships().size() == 12);
    // Other memberships are untouched.
    CHECK(reg.membership_of(org_id{"amd"}, lf, ymd(2024, 1, 1)) != nullptr);
  }

  TEST_CASE("leave shortens a membership that already ends") {
    registry reg = make_registry();
    reg.apply(batch{}.leave(org_id{"ibm"}, pf, ymd(2023, 7, 1)));
    CHECK(reg.find(membership_key{org_id{"ibm"}, pf, ymd(2023, 1, 1)})->when ==
          between(ymd(2023, 1, 1), ymd(2023, 7, 1)));
  }

  TEST_CASE("leave is rejected without a membership in force") {
    registry reg = make_registry();
    SUBCASE("not a member on that date") {
      const auto problems =
          rejected(reg, batch{}.leave(org_id{"ibm"}, pf, ymd(2024, 3, 1)));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].id == "ibm");
      // No membership is in force: the problem is the operation's alone.
      CHECK(problems[0].where.empty());
      CHECK(problems[0].record.empty());
      CHECK(problems[0].message ==
            "'ibm' holds no membership of 'pytorch-foundation' on 2024-03-01");
    }
    SUBCASE("never a member") {
      const auto problems = rejected(
          reg, batch{}.leave(org_id{"hugging-face"}, lf, ymd(2024, 3, 1)));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].id == "hugging-face");
    }
    SUBCASE("on the day it started: the period would be empty") {
      const auto problems =
          rejected(reg, batch{}.leave(org_id{"amd"}, pf, ymd(2022, 9, 12)));
      EXPECT_PROBLEM(
          problems,
          place(membership_key{org_id{"amd"}, pf, ymd(2022, 9, 12)}, "/to"),
          "amd");
    }
  }

  TEST_CASE(
      "change_tier ends the old membership and starts the new one the same "
      "day") {
    registry reg = make_registry();
    const date on = ymd(2024, 1, 1);
    const auto written =
        reg.apply(batch{}.change_tier(org_id{"amd"}, pf, general, on));
    CHECK(written == std::vector<record_key>{
                         membership_key{org_id{"amd"}, pf, ymd(2022, 9, 12)},
                         membership_key{org_id{"amd"}, pf, on}});
    const membership* old =
        reg.find(membership_key{org_id{"amd"}, pf, ymd(2022, 9, 12)});
    REQUIRE(old);
    CHECK(old->tier == premier);
    CHECK(old->when == between(ymd(2022, 9, 12), on));
    const membership* next = reg.find(membership_key{org_id{"amd"}, pf, on});
    REQUIRE(next);
    CHECK(next->tier == general);
    CHECK(next->when.from == on);
    CHECK(next->when.open_ended());
    CHECK(reg.membership_of(org_id{"amd"}, pf, ymd(2023, 12, 31))->tier ==
          premier);
    CHECK(reg.membership_of(org_id{"amd"}, pf, on)->tier == general);
    CHECK(reg.member_since(org_id{"amd"}, pf, ymd(2030, 1, 1)) ==
          ymd(2022, 9, 12));
    CHECK(reg.membership_history(org_id{"amd"}, pf).size() == 2);
    CHECK(reg.memberships().size() == 13);
    CHECK(org_ids(reg.members(pf, premier, on)) ==
          strings{"aws", "intel", "meta"});
    CHECK(org_ids(reg.members(pf, general, on)) == strings{"amd"});
  }

  TEST_CASE("change_tier problems") {
    registry reg = make_registry();
    SUBCASE("to the same tier") {
      const auto problems = rejected(
          reg,
          batch{}.change_tier(org_id{"amd"}, pf, premier, ymd(2024, 1, 1)));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].id == "premier");
      // In the membership in force on the day.
      CHECK(problems[0].record ==
            "membership of amd in pytorch-foundation from 2022-09-12");
      CHECK(problems[0].field == "/tier");
      CHECK(contains(problems[0].message, "amd"));
    }
    SUBCASE("without a membership in force") {
      const auto problems = rejected(
          reg,
          batch{}.change_tier(org_id{"ibm"}, pf, premier, ymd(2024, 3, 1)));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].id == "ibm");
    }
    SUBCASE("to a tier the foundation does not have") {
      const auto problems = rejected(
          reg, batch{}.change_tier(org_id{"amd"}, pf, tier_id{"platinum"},
                                   ymd(2024, 1, 1)));
      EXPECT_PROBLEM(
          problems,
          place(membership_key{org_id{"amd"}, pf, ymd(2024, 1, 1)}, "/tier"),
          "platinum", "platinum");
    }
    SUBCASE("on the day the membership started") {
      const auto problems = rejected(
          reg,
          batch{}.change_tier(org_id{"amd"}, pf, general, ymd(2022, 9, 12)));
      CHECK_FALSE(problems.empty());
    }
  }

  TEST_CASE("affiliate and end_affiliation") {
    registry reg = make_registry();
    const person_id jane{"jane-doe"};
    auto orgs = [&](date on) {
      strings out;
      for (const auto* a : reg.affiliations(jane, on))
        out.push_back(a->org.str());
      return out;
    };
    const auto written = reg.apply(batch{}.affiliate(
        jane, tie("meta", since(ymd(2024, 1, 1)), "Advisor")));
    CHECK(written == std::vector<record_key>{jane});
    REQUIRE(reg.at(jane).affiliations.size() == 2);
    CHECK(reg.at(jane).affiliations[1].title == "Advisor");
    CHECK(orgs(ymd(2023, 12, 31)) == strings{"amd"});
    CHECK(orgs(ymd(2024, 1, 1)) == strings{"amd", "meta"});
    CHECK(ids(reg.affiliated_people(org_id{"meta"}, ymd(2024, 1, 1))) ==
          strings{"alex-kim", "jane-doe", "john-roe"});

    reg.apply(batch{}.end_affiliation(jane, org_id{"amd"}, ymd(2024, 2, 1)));
    CHECK(reg.at(jane).affiliations[0].when ==
          between(ymd(2020, 1, 1), ymd(2024, 2, 1)));
    CHECK(orgs(ymd(2024, 1, 31)) == strings{"amd", "meta"});
    CHECK(orgs(ymd(2024, 2, 1)) == strings{"meta"});
    CHECK(ids(reg.affiliated_people(org_id{"amd"}, ymd(2024, 2, 1))).empty());
    CHECK(ids(reg.affiliated_people(org_id{"amd"}, ymd(2024, 1, 31))) ==
          strings{"jane-doe"});
  }

  TEST_CASE("affiliation problems") {
    registry reg = make_registry();
    const person_id jane{"jane-doe"};
    SUBCASE("unknown organization") {
      const auto problems = rejected(
          reg, batch{}.affiliate(jane, tie("nvidia", since(ymd(2024, 1, 1)))));
      EXPECT_PROBLEM(problems, place(jane, "/affiliations/1/org"), "nvidia",
                     "nvidia");
    }
    SUBCASE("unknown person") {
      const auto problems =
          rejected(reg, batch{}.affiliate(person_id{"nobody"},
                                          tie("amd", since(ymd(2024, 1, 1)))));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].id == "nobody");
      CHECK(problems[0].record.empty());
      CHECK(problems[0].message == "no person 'nobody'");
    }
    SUBCASE("to not after from") {
      const auto problems = rejected(
          reg, batch{}.affiliate(jane, tie("meta", between(ymd(2024, 1, 1),
                                                           ymd(2024, 1, 1)))));
      EXPECT_PROBLEM(problems, place(jane, "/affiliations/1/to"), "jane-doe");
    }
    SUBCASE("ending an affiliation that is not in force") {
      const auto problems = rejected(
          reg, batch{}.end_affiliation(jane, org_id{"meta"}, ymd(2024, 1, 1)));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].id == "meta");
      CHECK(problems[0].record == "person jane-doe");
      CHECK(problems[0].field == "/affiliations");
    }
    SUBCASE("ending an affiliation on its first day") {
      const auto problems = rejected(
          reg, batch{}.end_affiliation(jane, org_id{"amd"}, ymd(2020, 1, 1)));
      EXPECT_PROBLEM(problems, place(jane, "/affiliations/0/to"), "jane-doe");
    }
  }

  TEST_CASE("end_seat") {
    registry reg = make_registry();
    const auto written = reg.apply(
        batch{}.end_seat(board, person_id{"jane-doe"}, ymd(2024, 1, 1)));
    const seat_key key{board, seat_class_id{"premier"}, person_id{"jane-doe"},
                       ymd(2022, 9, 12)};
    CHECK(written == std::vector<record_key>{key});
    REQUIRE(reg.find(key));
    CHECK(reg.find(key)->when == between(ymd(2022, 9, 12), ymd(2024, 1, 1)));
    CHECK(reg.find(key)->office == office::chair);
    CHECK(people_of(reg.seats(board, ymd(2023, 12, 31))) ==
          strings{"alex-kim", "jane-doe", "sam-lee", "ibrahim-haddad"});
    CHECK(people_of(reg.seats(board, ymd(2024, 1, 1))) ==
          strings{"alex-kim", "sam-lee", "ibrahim-haddad"});
    CHECK(reg.entitlement_of(board, seat_class_id{"premier"}, ymd(2024, 1, 1))
              .filled == 2);
    CHECK(reg.seats().size() == 6);

    SUBCASE("no seat in force") {
      const auto problems = rejected(
          reg, batch{}.end_seat(board, person_id{"jane-doe"}, ymd(2024, 2, 1)));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].id == "jane-doe");
      CHECK(problems[0].record.empty());
      CHECK(problems[0].message ==
            "'jane-doe' holds no seat on 'pytorch-board' on 2024-02-01");
    }
  }

  TEST_CASE("end_seat of one class, when a person holds two on the body") {
    registry reg = make_registry();
    // jane-doe holds premier from 2022-09-12 (the fixture); an at-large seat
    // from 2023-01-01 makes two on the board.
    seat at_large{board,
                  seat_class_id{"at-large"},
                  person_id{"jane-doe"},
                  std::nullopt,
                  std::nullopt,
                  std::nullopt,
                  {ymd(2023, 1, 1), std::nullopt},
                  {}};
    reg.apply(batch{}.add(at_large));
    const seat_key premier{board, seat_class_id{"premier"},
                           person_id{"jane-doe"}, ymd(2022, 9, 12)};
    const seat_key other{board, seat_class_id{"at-large"},
                         person_id{"jane-doe"}, ymd(2023, 1, 1)};
    const auto written =
        reg.apply(batch{}.end_seat(board, person_id{"jane-doe"},
                                   ymd(2024, 1, 1), seat_class_id{"at-large"}));
    CHECK(written == std::vector<record_key>{other});
    CHECK(reg.find(other)->when.to == ymd(2024, 1, 1));
    CHECK(reg.find(premier)->when.open_ended());

    SUBCASE("a class the person holds no seat of") {
      const auto problems = rejected(
          reg, batch{}.end_seat(board, person_id{"jane-doe"}, ymd(2024, 2, 1),
                                seat_class_id{"general"}));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].message ==
            "'jane-doe' holds no seat of class 'general' on 'pytorch-board' "
            "on 2024-02-01");
    }
    SUBCASE("without a class, both end") {
      registry both = make_registry();
      both.apply(batch{}.add(at_large));
      CHECK(both.apply(batch{}.end_seat(board, person_id{"jane-doe"},
                                        ymd(2024, 1, 1)))
                .size() == 2);
    }
  }

  TEST_CASE("end_role") {
    registry reg = make_registry();
    const auto written =
        reg.apply(batch{}.end_role(person_id{"ibrahim-haddad"},
                                   "Executive Director", pf, ymd(2024, 1, 1)));
    const role_key key{person_id{"ibrahim-haddad"}, "Executive Director", pf,
                       ymd(2022, 9, 12)};
    CHECK(written == std::vector<record_key>{key});
    CHECK(reg.find(key)->when == between(ymd(2022, 9, 12), ymd(2024, 1, 1)));
    CHECK(reg.roles(pf, ymd(2024, 1, 1)).size() == 1);  // jane-doe, Treasurer
    CHECK(reg.roles_of(person_id{"ibrahim-haddad"}, ymd(2024, 1, 1)).size() ==
          1);  // Secretary

    SUBCASE("the same title in another scope is not ended") {
      const auto problems =
          rejected(reg, batch{}.end_role(person_id{"ibrahim-haddad"},
                                         "Secretary", pf, ymd(2024, 2, 1)));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].id == "ibrahim-haddad");
      CHECK(contains(problems[0].message, "Secretary"));
    }
  }

  TEST_CASE("transfer ends the current steward and starts the next") {
    registry reg = make_registry();
    const auto written =
        reg.apply(batch{}.transfer(pytorch, lf, ymd(2025, 1, 1)));
    CHECK(written == std::vector<record_key>{pytorch});
    const auto& stewards = reg.at(pytorch).stewards;
    REQUIRE(stewards.size() == 3);
    CHECK(reg.steward_of(pytorch, ymd(2024, 12, 31))->who == steward_ref{pf});
    CHECK(reg.steward_of(pytorch, ymd(2024, 12, 31))->when ==
          between(ymd(2022, 9, 12), ymd(2025, 1, 1)));
    CHECK(reg.steward_of(pytorch, ymd(2025, 1, 1))->who == steward_ref{lf});
    CHECK(reg.steward_of(pytorch, ymd(2025, 1, 1))->when ==
          since(ymd(2025, 1, 1)));
    CHECK(reg.steward_of(pytorch, ymd(2020, 1, 1))->who ==
          steward_ref{org_id{"meta"}});

    SUBCASE("to the current steward") {
      const auto problems =
          rejected(reg, batch{}.transfer(pytorch, lf, ymd(2026, 1, 1)));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].id == "linux-foundation");
      CHECK(problems[0].record == "project pytorch");
      CHECK(problems[0].field == "/stewards");
    }
    SUBCASE("to an unknown organization") {
      const auto problems = rejected(
          reg, batch{}.transfer(pytorch, org_id{"nvidia"}, ymd(2026, 1, 1)));
      EXPECT_PROBLEM(problems, place(pytorch, "/stewards/3/org"), "nvidia",
                     "nvidia");
    }
    SUBCASE("of an unknown project") {
      const auto problems = rejected(
          reg, batch{}.transfer(project_id{"tensorflow"}, lf, ymd(2026, 1, 1)));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].id == "tensorflow");
    }
    SUBCASE(
        "before the first steward: the new one would overlap the later ones") {
      const auto problems = rejected(
          reg, batch{}.transfer(pytorch, org_id{"amd"}, ymd(2015, 1, 1)));
      CHECK_FALSE(problems.empty());
    }
  }

  TEST_CASE("update replaces a record") {
    registry reg = make_registry();
    organization amd = reg.at(org_id{"amd"});
    amd.name = "Advanced Micro Devices";
    amd.domains = {"amd.com"};
    amd.extra = extra_fields::parse(R"({"ticker": "AMD"})");
    const auto written = reg.apply(batch{}.update(amd));
    CHECK(written == std::vector<record_key>{org_id{"amd"}});
    CHECK(reg.at(org_id{"amd"}) == amd);
    CHECK(reg.organizations().size() == 10);

    membership m =
        *reg.find(membership_key{org_id{"ibm"}, pf, ymd(2023, 1, 1)});
    m.tier = associate;
    m.when.to = ymd(2024, 6, 1);  // now meets the next one
    reg.apply(batch{}.update(m));
    CHECK(reg.membership_of(org_id{"ibm"}, pf, ymd(2024, 3, 1))->tier ==
          associate);
    CHECK(reg.member_since(org_id{"ibm"}, pf, ymd(2024, 7, 1)) ==
          ymd(2023, 1, 1));

    person sam = reg.at(person_id{"sam-lee"});
    sam.affiliations.clear();
    reg.apply(batch{}.update(sam));
    CHECK(ids(reg.affiliated_people(org_id{"intel"}, ymd(2023, 1, 1))).empty());
    CHECK(reg.history(org_id{"intel"}).size() == 5);

    organization moved = reg.at(org_id{"aws-labs"});
    moved.parent = org_id{"a9"};
    reg.apply(batch{}.update(moved));
    CHECK(ids(reg.children(org_id{"aws"})).empty());
    CHECK(ids(reg.children(org_id{"a9"})) == strings{"aws-labs"});
    CHECK(reg.family(org_id{"aws-labs"}).id == org_id{"amazon"});
  }

  TEST_CASE("update of a record that does not exist") {
    registry reg = make_registry();
    const auto problems = rejected(reg, batch{}.update(make_org("nvidia")));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].id == "nvidia");
    CHECK(problems[0].record.empty());
    CHECK(problems[0].message == "no organization nvidia to update");
    const auto again =
        rejected(reg, batch{}.update(make_membership("amd", pf, "premier",
                                                     since(ymd(2022, 9, 13)))));
    REQUIRE(again.size() == 1);
    CHECK(again[0].message ==
          "no membership of amd in pytorch-foundation from 2022-09-13 to "
          "update");
  }

  TEST_CASE("operations see the earlier operations of their batch") {
    registry reg = make_registry();
    batch b;
    b.add(make_org("nvidia"))
        .add(make_person("ada", {}))
        .affiliate(person_id{"ada"}, tie("nvidia", since(ymd(2024, 1, 1))))
        .join(org_id{"nvidia"}, pf, general, ymd(2024, 1, 1))
        .change_tier(org_id{"nvidia"}, pf, premier, ymd(2024, 3, 1))
        .add(make_seat("premier", "ada", "nvidia", since(ymd(2024, 3, 1))))
        .leave(org_id{"nvidia"}, pf, ymd(2025, 1, 1))
        .end_seat(board, person_id{"ada"}, ymd(2025, 1, 1));
    reg.apply(b);
    CHECK(reg.membership_of(org_id{"nvidia"}, pf, ymd(2024, 2, 1))->tier ==
          general);
    CHECK(reg.membership_of(org_id{"nvidia"}, pf, ymd(2024, 3, 1))->tier ==
          premier);
    CHECK(reg.membership_of(org_id{"nvidia"}, pf, ymd(2025, 1, 1)) == nullptr);
    CHECK(reg.member_since(org_id{"nvidia"}, pf, ymd(2024, 12, 31)) ==
          ymd(2024, 1, 1));
    CHECK(reg.seats_of(person_id{"ada"}, ymd(2024, 12, 31)).size() == 1);
    CHECK(reg.seats_of(person_id{"ada"}, ymd(2025, 1, 1)).empty());
    CHECK(ids(reg.affiliated_people(org_id{"nvidia"}, ymd(2024, 1, 1))) ==
          strings{"ada"});
  }

  TEST_CASE("an empty batch changes nothing") {
    registry reg = make_registry();
    const auto before = snap(reg);
    CHECK(reg.apply(batch{}).empty());
    CHECK(snap(reg) == before);
  }

  // ========================================================= structural errors

  TEST_CASE("duplicate ids") {
    registry reg = make_registry();
    SUBCASE("organization") {
      const auto problems = rejected(reg, batch{}.add(make_org("amd")));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(org_id{"amd"}, "/id"), "amd", "amd");
      CHECK(contains(problems[0].message, "duplicate"));
    }
    SUBCASE("organization twice in one batch") {
      const auto problems = rejected(
          reg, batch{}.add(make_org("nvidia")).add(make_org("nvidia")));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(org_id{"nvidia"}, "/id"), "nvidia",
                     "nvidia");
    }
    SUBCASE("person") {
      const auto problems = rejected(reg, batch{}.add(make_person("jane-doe")));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(person_id{"jane-doe"}, "/id"), "jane-doe",
                     "jane-doe");
    }
    SUBCASE("foundation") {
      const auto problems =
          rejected(reg, batch{}.add(make_foundation("linux-foundation", {})));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(lf, "/id"), "linux-foundation",
                     "linux-foundation");
    }
    SUBCASE("project") {
      const auto problems = rejected(reg, batch{}.add(make_pytorch()));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(pytorch, "/id"), "pytorch", "pytorch");
    }
    SUBCASE("body") {
      const auto problems = rejected(reg, batch{}.add(make_board()));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(board, "/id"), "pytorch-board",
                     "pytorch-board");
    }
    SUBCASE("membership") {
      const auto problems =
          rejected(reg, batch{}.add(make_membership("amd", pf, "general",
                                                    since(ymd(2022, 9, 12)))));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].record ==
            "membership of amd in pytorch-foundation from 2022-09-12");
      CHECK(contains(problems[0].id, "amd"));
    }
    SUBCASE("seat") {
      const auto problems =
          rejected(reg, batch{}.add(make_seat("premier", "jane-doe", "amd",
                                              since(ymd(2022, 9, 12)))));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].record ==
            "seat of jane-doe on pytorch-board (class premier) from "
            "2022-09-12");
      CHECK(contains(problems[0].id, "jane-doe"));
    }
    SUBCASE("role") {
      const auto problems = rejected(
          reg, batch{}.add(make_role("ibrahim-haddad", "Executive Director", pf,
                                     since(ymd(2022, 9, 12)))));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].record ==
            "role 'Executive Director' of ibrahim-haddad in foundation "
            "pytorch-foundation "
            "from 2022-09-12");
      CHECK(contains(problems[0].id, "ibrahim-haddad"));
    }
  }

  TEST_CASE("ids must be slugs") {
    registry reg = make_registry();
    SUBCASE("organization") {
      const auto problems = rejected(reg, batch{}.add(make_org("Not A Slug")));
      EXPECT_PROBLEM(problems, place(org_id{"Not A Slug"}, "/id"),
                     "Not A Slug");
    }
    SUBCASE("person") {
      const auto problems = rejected(reg, batch{}.add(make_person("-jane")));
      EXPECT_PROBLEM(problems, place(person_id{"-jane"}, "/id"), "-jane");
    }
    SUBCASE("project") {
      project p;
      p.id = project_id{std::string(65, 'p')};
      const auto problems = rejected(reg, batch{}.add(p));
      EXPECT_PROBLEM(problems, place(p.id, "/id"), p.id.str());
    }
    SUBCASE("tier") {
      const auto problems = rejected(
          reg, batch{}.add(make_foundation("apache", {make_tier("Gold", 1)})));
      EXPECT_PROBLEM(problems, place(foundation_id{"apache"}, "/tiers/0/id"),
                     "Gold");
    }
  }

  TEST_CASE("dangling references in a membership") {
    registry reg = make_registry();
    SUBCASE("organization") {
      const auto problems = rejected(
          reg, batch{}.join(org_id{"nvidia"}, pf, general, ymd(2024, 1, 1)));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(
          problems,
          place(membership_key{org_id{"nvidia"}, pf, ymd(2024, 1, 1)}, "/org"),
          "nvidia", "nvidia");
    }
    SUBCASE("foundation") {
      const auto problems =
          rejected(reg, batch{}.join(org_id{"amd"}, foundation_id{"apache"},
                                     general, ymd(2024, 1, 1)));
      EXPECT_PROBLEM(
          problems,
          place(membership_key{org_id{"amd"}, foundation_id{"apache"},
                               ymd(2024, 1, 1)},
                "/foundation"),
          "apache", "apache");
    }
    SUBCASE("tier of another foundation") {
      const auto problems =
          rejected(reg, batch{}.join(org_id{"amazon"}, pf, tier_id{"silver"},
                                     ymd(2024, 1, 1)));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(
          problems,
          place(membership_key{org_id{"amazon"}, pf, ymd(2024, 1, 1)}, "/tier"),
          "silver", "silver");
    }
  }

  TEST_CASE("dangling references in a seat") {
    registry reg = make_registry();
    const date on = ymd(2024, 1, 1);
    SUBCASE("body") {
      const auto s =
          make_seat("premier", "pat-nobody", "amd", since(on), body_id{"tac"});
      const auto problems = rejected(reg, batch{}.add(s));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(s), "/body"), "tac", "tac");
    }
    SUBCASE("class") {
      const auto s = make_seat("observer", "pat-nobody", "amd", since(on));
      const auto problems = rejected(reg, batch{}.add(s));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(s), "/class"), "observer",
                     "observer");
    }
    SUBCASE("person") {
      const auto s = make_seat("at-large", "nobody", std::nullopt, since(on));
      const auto problems = rejected(reg, batch{}.add(s));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(s), "/person"), "nobody", "nobody");
    }
    SUBCASE("represents") {
      const auto s = make_seat("premier", "pat-nobody", "nvidia", since(on));
      const auto problems = rejected(reg, batch{}.add(s));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(s), "/represents"), "nvidia",
                     "nvidia");
    }
    SUBCASE("a per-member seat must name whom it represents") {
      const auto s =
          make_seat("premier", "pat-nobody", std::nullopt, since(on));
      const auto problems = rejected(reg, batch{}.add(s));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(s), "/represents"), "pat-nobody",
                     "premier");
    }
  }

  TEST_CASE("seats of other classes need not represent anyone") {
    registry reg = make_registry();
    reg.apply(batch{}.add(make_seat("at-large", "pat-nobody", std::nullopt,
                                    since(ymd(2024, 1, 1)))));
    CHECK(reg.entitlement_of(board, seat_class_id{"at-large"}, ymd(2024, 1, 1))
              .filled == 1);
  }

  TEST_CASE("dangling references in a role") {
    registry reg = make_registry();
    const date on = ymd(2024, 1, 1);
    SUBCASE("person") {
      const auto r = make_role("nobody", "Treasurer", pf, since(on));
      const auto problems = rejected(reg, batch{}.add(r));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(r), "/person"), "nobody", "nobody");
    }
    SUBCASE("foundation") {
      const auto r = make_role("jane-doe", "Treasurer", foundation_id{"apache"},
                               since(on));
      const auto problems = rejected(reg, batch{}.add(r));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(r), "/foundation"), "apache",
                     "apache");
    }
    SUBCASE("project") {
      const auto r = make_role("jane-doe", "Maintainer",
                               project_id{"tensorflow"}, since(on));
      const auto problems = rejected(reg, batch{}.add(r));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(r), "/project"), "tensorflow",
                     "tensorflow");
    }
    SUBCASE("body") {
      const auto r =
          make_role("jane-doe", "Secretary", body_id{"tac"}, since(on));
      const auto problems = rejected(reg, batch{}.add(r));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(r), "/body"), "tac", "tac");
    }
    SUBCASE("a foundation's id is not a project's") {
      const auto r = make_role("jane-doe", "Maintainer",
                               project_id{"pytorch-foundation"}, since(on));
      const auto problems = rejected(reg, batch{}.add(r));
      EXPECT_PROBLEM(problems, place(key_of(r), "/project"),
                     "pytorch-foundation");
    }
    SUBCASE("a role needs a title") {
      const auto r = make_role("jane-doe", "", pf, since(on));
      const auto problems = rejected(reg, batch{}.add(r));
      EXPECT_PROBLEM(problems, place(key_of(r), "/title"), "jane-doe");
    }
  }

  TEST_CASE("dangling references in a project's stewards") {
    registry reg = make_registry();
    project p;
    p.id = project_id{"executorch"};
    p.name = "executorch";
    SUBCASE("organization") {
      p.stewards = {steward{org_id{"nvidia"}, since(ymd(2023, 1, 1)), {}}};
      const auto problems = rejected(reg, batch{}.add(p));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(p.id, "/stewards/0/org"), "nvidia",
                     "nvidia");
    }
    SUBCASE("foundation") {
      p.stewards = {
          steward{
              org_id{"meta"}, between(ymd(2022, 1, 1), ymd(2023, 1, 1)), {}},
          steward{foundation_id{"apache"}, since(ymd(2023, 1, 1)), {}}};
      const auto problems = rejected(reg, batch{}.add(p));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(p.id, "/stewards/1/foundation"), "apache",
                     "apache");
    }
    SUBCASE("an organization's id is not a foundation's") {
      p.stewards = {steward{foundation_id{"meta"}, since(ymd(2023, 1, 1)), {}}};
      const auto problems = rejected(reg, batch{}.add(p));
      EXPECT_PROBLEM(problems, place(p.id, "/stewards/0/foundation"), "meta");
    }
  }

  TEST_CASE("dangling references of organizations, people and foundations") {
    registry reg = make_registry();
    SUBCASE("organization parent") {
      const auto problems =
          rejected(reg, batch{}.add(make_org("nvidia-labs", "nvidia")));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(org_id{"nvidia-labs"}, "/parent"),
                     "nvidia", "nvidia");
    }
    SUBCASE("affiliation organization") {
      const auto problems =
          rejected(reg, batch{}.add(make_person(
                            "ada", {tie("nvidia", since(ymd(2020, 1, 1)))})));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(person_id{"ada"}, "/affiliations/0/org"),
                     "nvidia", "nvidia");
    }
    SUBCASE("foundation parent") {
      const auto problems = rejected(
          reg,
          batch{}.add(make_foundation("cncf", {}, foundation_id{"apache"})));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(foundation_id{"cncf"}, "/parent"),
                     "apache", "apache");
    }
    SUBCASE("tier requirement: foundation") {
      tier t = make_tier("gold", 1);
      t.requirements = {
          tier_requirement{foundation_id{"apache"}, tier_id{"silver"}}};
      const auto problems =
          rejected(reg, batch{}.add(make_foundation("cncf", {t})));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(
          problems,
          place(foundation_id{"cncf"}, "/tiers/0/requires/0/foundation"),
          "apache", "apache");
    }
    SUBCASE("tier requirement: tier") {
      tier t = make_tier("gold", 1);
      t.requirements = {tier_requirement{lf, tier_id{"bronze"}}};
      const auto problems = rejected(
          reg,
          batch{}.add(make_foundation("cncf", {make_tier("silver", 2), t})));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(
          problems,
          place(foundation_id{"cncf"}, "/tiers/1/requires/0/min_tier"),
          "bronze", "bronze");
    }
  }

  TEST_CASE("dangling references of a body") {
    registry reg = make_registry();
    body b;
    b.id = body_id{"tac"};
    b.name = "tac";
    SUBCASE("foundation") {
      b.owner = foundation_id{"apache"};
      const auto problems = rejected(reg, batch{}.add(b));
      EXPECT_PROBLEM(problems, place(b.id, "/foundation"), "apache", "apache");
    }
    SUBCASE("project") {
      b.owner = project_id{"tensorflow"};
      const auto problems = rejected(reg, batch{}.add(b));
      EXPECT_PROBLEM(problems, place(b.id, "/project"), "tensorflow",
                     "tensorflow");
    }
    SUBCASE("tier of a seat class") {
      b.owner = pf;
      b.seat_classes = {make_class([&](seat_class& c) {
        c.id = seat_class_id{"gold"};
        c.mode = seat_mode::per_member;
        c.tier = tier_id{"gold"};
      })};
      const auto problems = rejected(reg, batch{}.add(b));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(b.id, "/seat_classes/0/tier"), "gold",
                     "gold");
    }
    SUBCASE("tier of a project body's seat class") {
      b.owner = pytorch;
      b.seat_classes = {make_class([&](seat_class& c) {
        c.id = seat_class_id{"s"};
        c.mode = seat_mode::elected;
        c.tier = tier_id{"silver"};
      })};
      const auto problems = rejected(reg, batch{}.add(b));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(b.id, "/seat_classes/0/tier"), "silver",
                     "silver");
    }
    SUBCASE("exclusive_with") {
      b.owner = pf;
      b.rules.exclusive_with = {board, body_id{"coc"}};
      const auto problems = rejected(reg, batch{}.add(b));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(b.id, "/rules/exclusive_with/1"), "coc",
                     "coc");
    }
  }

  TEST_CASE("malformed seat classes and rules") {
    registry reg = make_registry();
    body b;
    b.id = body_id{"tac"};
    b.name = "tac";
    b.owner = pf;
    SUBCASE("a tier-based class without a tier") {
      b.seat_classes = {make_class([&](seat_class& c) {
        c.id = seat_class_id{"m"};
        c.mode = seat_mode::per_member;
      })};
      EXPECT_PROBLEM(rejected(reg, batch{}.add(b)),
                     place(b.id, "/seat_classes/0/tier"), "m");
    }
    SUBCASE("duplicate class") {
      b.seat_classes = {make_class([&](seat_class& c) {
                          c.id = seat_class_id{"x"};
                          c.count = 1;
                        }),
                        make_class([&](seat_class& c) {
                          c.id = seat_class_id{"x"};
                          c.count = 2;
                        })};
      EXPECT_PROBLEM(rejected(reg, batch{}.add(b)),
                     place(b.id, "/seat_classes/1/id"), "x");
    }
    SUBCASE("per below 1") {
      b.seat_classes = {make_class([&](seat_class& c) {
        c.id = seat_class_id{"e"};
        c.mode = seat_mode::elected;
        c.tier = general;
        c.per = 0;
      })};
      EXPECT_PROBLEM(rejected(reg, batch{}.add(b)),
                     place(b.id, "/seat_classes/0/per"), "e");
    }
    SUBCASE("max below min") {
      b.seat_classes = {make_class([&](seat_class& c) {
        c.id = seat_class_id{"e"};
        c.mode = seat_mode::elected;
        c.tier = general;
        c.per = 5;
        c.min = 3;
        c.max = 2;
      })};
      EXPECT_PROBLEM(rejected(reg, batch{}.add(b)),
                     place(b.id, "/seat_classes/0/max"), "e");
    }
    SUBCASE("negative count") {
      b.seat_classes = {make_class([&](seat_class& c) {
        c.id = seat_class_id{"f"};
        c.count = -1;
      })};
      EXPECT_PROBLEM(rejected(reg, batch{}.add(b)),
                     place(b.id, "/seat_classes/0/count"), "f");
    }
    SUBCASE("ex-officio without a role") {
      b.seat_classes = {make_class([&](seat_class& c) {
        c.id = seat_class_id{"ed"};
        c.mode = seat_mode::ex_officio;
      })};
      EXPECT_PROBLEM(rejected(reg, batch{}.add(b)),
                     place(b.id, "/seat_classes/0/role"), "ed");
    }
    SUBCASE("rules out of range") {
      b.rules.quorum = 1.5;
      b.rules.min_size = 9;
      b.rules.max_size = 3;
      const auto problems = rejected(reg, batch{}.add(b));
      CHECK(problems.size() == 2);
      EXPECT_PROBLEM(problems, place(b.id, "/rules/quorum"), "tac");
      EXPECT_PROBLEM(problems, place(b.id, "/rules/max_size"), "tac");
    }
  }

  TEST_CASE("`to` must be after `from`") {
    registry reg = make_registry();
    const date on = ymd(2024, 1, 1);
    SUBCASE("membership, equal") {
      const auto m =
          make_membership("hugging-face", lf, "silver", between(on, on));
      const auto problems = rejected(reg, batch{}.add(m));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(m), "/to"), "hugging-face");
    }
    SUBCASE("membership, before") {
      const auto m = make_membership("hugging-face", lf, "silver",
                                     between(on, ymd(2023, 1, 1)));
      const auto problems = rejected(reg, batch{}.add(m));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(m), "/to"), "hugging-face");
    }
    SUBCASE("affiliation") {
      const auto problems = rejected(
          reg, batch{}.add(make_person(
                   "ada", {tie("amd", since(ymd(2020, 1, 1))),
                           tie("meta", between(on, ymd(2023, 1, 1)))})));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(person_id{"ada"}, "/affiliations/1/to"),
                     "ada");
    }
    SUBCASE("seat") {
      const auto s =
          make_seat("at-large", "pat-nobody", std::nullopt, between(on, on));
      const auto problems = rejected(reg, batch{}.add(s));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(s), "/to"), "pat-nobody");
    }
    SUBCASE("role") {
      const auto r = make_role("pat-nobody", "Treasurer", lf,
                               between(on, ymd(2023, 12, 31)));
      const auto problems = rejected(reg, batch{}.add(r));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(r), "/to"), "pat-nobody");
    }
    SUBCASE("steward") {
      project p;
      p.id = project_id{"executorch"};
      p.name = "executorch";
      p.stewards = {steward{org_id{"meta"}, between(on, on), {}}};
      const auto problems = rejected(reg, batch{}.add(p));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(p.id, "/stewards/0/to"), "executorch");
    }
    SUBCASE("stage") {
      project p;
      p.id = project_id{"executorch"};
      p.name = "executorch";
      p.stages = {stage{"sandbox", between(on, ymd(2020, 1, 1)), {}}};
      const auto problems = rejected(reg, batch{}.add(p));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(p.id, "/stages/0/to"), "executorch");
    }
  }

  TEST_CASE("organization parent loops") {
    registry reg = make_registry();
    SUBCASE("its own parent") {
      const auto problems =
          rejected(reg, batch{}.add(make_org("ouroboros", "ouroboros")));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(org_id{"ouroboros"}, "/parent"),
                     "ouroboros", "ouroboros");
    }
    SUBCASE("a -> b -> a in one batch") {
      const auto problems = rejected(
          reg, batch{}.add(make_org("a", "b")).add(make_org("b", "a")));
      EXPECT_PROBLEM(problems, place(org_id{"a"}, "/parent"), "a", "b");
      EXPECT_PROBLEM(problems, place(org_id{"b"}, "/parent"), "b", "a");
    }
    SUBCASE("an update closes a loop through existing records") {
      organization amazon = reg.at(org_id{"amazon"});
      amazon.parent = org_id{"aws-labs"};
      const auto problems = rejected(reg, batch{}.update(amazon));
      EXPECT_PROBLEM(problems, place(org_id{"amazon"}, "/parent"), "amazon",
                     "aws-labs");
    }
    SUBCASE("an update makes an organization its own parent") {
      organization amd = reg.at(org_id{"amd"});
      amd.parent = org_id{"amd"};
      const auto problems = rejected(reg, batch{}.update(amd));
      EXPECT_PROBLEM(problems, place(org_id{"amd"}, "/parent"), "amd");
    }
    SUBCASE("a loop that does not pass through the new record") {
      // c's chain reaches the loop a -> b -> a but never comes back to c.
      const auto problems = rejected(reg, batch{}
                                              .add(make_org("a", "b"))
                                              .add(make_org("b", "a"))
                                              .add(make_org("c", "a")));
      EXPECT_PROBLEM(problems, place(org_id{"c"}, "/parent"), "c");
    }
  }

  TEST_CASE("foundation parent loops") {
    registry reg = make_registry();
    SUBCASE("its own parent") {
      const auto problems = rejected(
          reg, batch{}.add(make_foundation("cncf", {}, foundation_id{"cncf"})));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(foundation_id{"cncf"}, "/parent"), "cncf",
                     "cncf");
    }
    SUBCASE("a -> b -> a in one batch") {
      const auto problems = rejected(
          reg, batch{}
                   .add(make_foundation("fa", {}, foundation_id{"fb"}))
                   .add(make_foundation("fb", {}, foundation_id{"fa"})));
      EXPECT_PROBLEM(problems, place(foundation_id{"fa"}, "/parent"), "fa",
                     "fb");
      EXPECT_PROBLEM(problems, place(foundation_id{"fb"}, "/parent"), "fb",
                     "fa");
    }
    SUBCASE("an update closes a loop") {
      foundation hosted = reg.at(lf);
      hosted.parent = pf;
      const auto problems = rejected(reg, batch{}.update(hosted));
      EXPECT_PROBLEM(problems, place(lf, "/parent"), "linux-foundation",
                     "pytorch-foundation");
    }
  }

  TEST_CASE("overlapping memberships of one organization in one foundation") {
    registry reg = make_registry();
    SUBCASE("a closed membership inside an open one") {
      const auto m = make_membership("amd", pf, "general",
                                     between(ymd(2023, 1, 1), ymd(2023, 6, 1)));
      const auto problems = rejected(reg, batch{}.add(m));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(m), "/from"), "amd", "amd");
    }
    SUBCASE("an open membership before a later one") {
      const auto m =
          make_membership("ibm", pf, "associate", since(ymd(2022, 1, 1)));
      const auto problems = rejected(reg, batch{}.add(m));
      EXPECT_PROBLEM(problems, place(key_of(m), "/from"), "ibm", "ibm");
    }
    SUBCASE("filling a gap too far") {
      const auto m = make_membership("ibm", pf, "associate",
                                     between(ymd(2024, 1, 1), ymd(2024, 6, 2)));
      const auto problems = rejected(reg, batch{}.add(m));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(m), "/from"), "ibm");
    }
    SUBCASE("two new memberships overlapping each other: reported once") {
      const auto first =
          make_membership("hugging-face", lf, "silver", since(ymd(2023, 1, 1)));
      const auto second =
          make_membership("hugging-face", lf, "gold", since(ymd(2023, 6, 1)));
      const auto problems = rejected(reg, batch{}.add(first).add(second));
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].id == "hugging-face");
    }
    SUBCASE("an update extends a membership over the next one") {
      membership m =
          *reg.find(membership_key{org_id{"ibm"}, pf, ymd(2023, 1, 1)});
      m.when.to = ymd(2024, 6, 2);
      const auto problems = rejected(reg, batch{}.update(m));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(key_of(m), "/from"), "ibm");
    }
  }

  TEST_CASE(
      "memberships that touch, or are in different foundations, do not "
      "overlap") {
    registry reg = make_registry();
    reg.apply(
        batch{}
            .add(make_membership("ibm", pf, "associate",
                                 between(ymd(2024, 1, 1), ymd(2024, 6, 1))))
            .join(org_id{"hugging-face"}, lf, tier_id{"silver"},
                  ymd(2023, 3, 1)));
    CHECK(reg.member_since(org_id{"ibm"}, pf, ymd(2024, 7, 1)) ==
          ymd(2023, 1, 1));
    CHECK(reg.memberships_of(org_id{"hugging-face"}, ymd(2023, 3, 1)).size() ==
          2);
  }

  TEST_CASE("overlapping steward periods") {
    registry reg = make_registry();
    SUBCASE("in a new project") {
      project p;
      p.id = project_id{"executorch"};
      p.name = "executorch";
      p.stewards = {
          steward{
              org_id{"meta"}, between(ymd(2020, 1, 1), ymd(2023, 1, 1)), {}},
          steward{pf, since(ymd(2022, 9, 12)), {}}};
      const auto problems = rejected(reg, batch{}.add(p));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(p.id, "/stewards/1"), "executorch",
                     "pytorch-foundation");
    }
    SUBCASE("two open-ended stewards") {
      project p;
      p.id = project_id{"executorch"};
      p.name = "executorch";
      p.stewards = {steward{org_id{"meta"}, since(ymd(2020, 1, 1)), {}},
                    steward{pf, since(ymd(2023, 1, 1)), {}}};
      const auto problems = rejected(reg, batch{}.add(p));
      EXPECT_PROBLEM(problems, place(p.id, "/stewards/1"), "executorch");
    }
    SUBCASE("an update of an existing project") {
      project p = reg.at(pytorch);
      p.stewards[0].when.to = ymd(2022, 9, 13);
      const auto problems = rejected(reg, batch{}.update(p));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems, place(pytorch, "/stewards/1"), "pytorch");
    }
  }

  TEST_CASE(
      "an update of a foundation is checked against the records that use it") {
    registry reg = make_registry();
    SUBCASE("dropping a tier used by a membership") {
      foundation f = reg.at(pf);
      f.tiers.erase(f.tiers.begin() + 1);  // associate
      REQUIRE(f.find_tier(associate) == nullptr);
      const auto problems = rejected(reg, batch{}.update(f));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(
          problems,
          place(membership_key{org_id{"hugging-face"}, pf, ymd(2023, 3, 1)},
                "/tier"),
          "associate", "associate");
    }
    SUBCASE("dropping a tier used by memberships and a seat class") {
      foundation f = reg.at(pf);
      f.tiers.erase(f.tiers.begin() + 2);  // general
      REQUIRE(f.find_tier(general) == nullptr);
      const auto problems = rejected(reg, batch{}.update(f));
      CHECK(problems.size() == 4);
      EXPECT_PROBLEM(
          problems,
          place(membership_key{org_id{"intel"}, pf, ymd(2022, 9, 12)}, "/tier"),
          "general");
      EXPECT_PROBLEM(
          problems,
          place(membership_key{org_id{"ibm"}, pf, ymd(2023, 1, 1)}, "/tier"),
          "general");
      EXPECT_PROBLEM(
          problems,
          place(membership_key{org_id{"ibm"}, pf, ymd(2024, 6, 1)}, "/tier"),
          "general");
      EXPECT_PROBLEM(problems, place(board, "/seat_classes/1/tier"), "general",
                     "general");
    }
    SUBCASE("dropping a tier that another foundation's tier requires") {
      foundation f = reg.at(lf);
      f.tiers.pop_back();  // silver
      const auto problems = rejected(reg, batch{}.update(f));
      EXPECT_PROBLEM(problems, place(pf, "/tiers/0/requires/0/min_tier"),
                     "silver", "silver");
      EXPECT_PROBLEM(
          problems,
          place(membership_key{org_id{"amd"}, lf, ymd(2020, 1, 1)}, "/tier"),
          "silver");
    }
    SUBCASE("renaming a tier nobody uses is fine") {
      foundation f = reg.at(lf);
      f.tiers[1].name = "Gold Member";
      reg.apply(batch{}.update(f));
      CHECK(reg.at(lf).tiers[1].name == "Gold Member");
    }
  }

  TEST_CASE("an update of a foundation with many members") {
    // Revalidating a foundation's memberships grows the list of keys to
    // check while it is being read.
    registry reg = make_registry();
    foundation f = reg.at(pf);
    f.name = "The PyTorch Foundation";
    const auto written = reg.apply(batch{}.update(f));
    CHECK(written == std::vector<record_key>{pf});
    CHECK(reg.at(pf).name == "The PyTorch Foundation");
    CHECK(reg.memberships().size() == 12);
    foundation g = reg.at(lf);
    g.name = "The Linux Foundation";
    reg.apply(batch{}.update(g));
    CHECK(reg.at(lf).name == "The Linux Foundation");
  }

  TEST_CASE(
      "an update of a foundation is checked against the bodies of the projects "
      "it stewards") {
    registry reg = make_registry();
    foundation with_startup = reg.at(pf);
    with_startup.tiers.push_back(make_tier("startup", 4));
    body tac;
    tac.id = body_id{"pytorch-tac"};
    tac.name = "pytorch-tac";
    tac.owner = pytorch;  // stewarded by pytorch-foundation since 2022-09-12
    tac.seat_classes = {make_class([&](seat_class& c) {
      c.id = seat_class_id{"startup"};
      c.mode = seat_mode::elected;
      c.tier = tier_id{"startup"};
    })};
    reg.apply(batch{}.update(with_startup).add(tac));

    // Dropping the tier again leaves the body's seat class naming a tier
    // that its foundation does not have: the same body would be rejected
    // if it were added now.
    foundation without = reg.at(pf);
    without.tiers.pop_back();
    REQUIRE(without.find_tier(tier_id{"startup"}) == nullptr);
    const auto problems = rejected(reg, batch{}.update(without));
    EXPECT_PROBLEM(problems, place(tac.id, "/seat_classes/0/tier"), "startup",
                   "startup");
  }

  TEST_CASE("an update of a body is checked against its seats") {
    registry reg = make_registry();
    SUBCASE("dropping a class that seats use") {
      body b = reg.at(board);
      b.seat_classes.erase(b.seat_classes.begin() + 1);  // general
      const auto problems = rejected(reg, batch{}.update(b));
      REQUIRE(problems.size() == 1);
      EXPECT_PROBLEM(problems,
                     place(seat_key{board, seat_class_id{"general"},
                                    person_id{"sam-lee"}, ymd(2022, 9, 12)},
                           "/class"),
                     "general", "general");
    }
    SUBCASE("making a class per-member when its seats represent nobody") {
      body b = reg.at(board);
      b.seat_classes[3].mode = seat_mode::per_member;  // executive-director
      b.seat_classes[3].tier = premier;
      const auto problems = rejected(reg, batch{}.update(b));
      EXPECT_PROBLEM(
          problems,
          place(seat_key{board, seat_class_id{"executive-director"},
                         person_id{"ibrahim-haddad"}, ymd(2022, 9, 12)},
                "/represents"),
          "ibrahim-haddad");
    }
  }

  TEST_CASE("an update of a project is checked against its bodies") {
    registry reg = make_registry();
    body tac;
    tac.id = body_id{"pytorch-tac"};
    tac.name = "pytorch-tac";
    tac.owner = pytorch;
    tac.seat_classes = {make_class([&](seat_class& c) {
      c.id = seat_class_id{"premier"};
      c.mode = seat_mode::per_member;
      c.tier = premier;
    })};
    reg.apply(batch{}.add(tac));
    project p = reg.at(pytorch);
    p.stewards[1].who = lf;  // whose tiers have no premier
    const auto problems = rejected(reg, batch{}.update(p));
    EXPECT_PROBLEM(problems, place(tac.id, "/seat_classes/0/tier"), "premier");
  }

  TEST_CASE("every problem of a batch is reported") {
    registry reg = make_registry();
    const date on = ymd(2024, 1, 1);
    const auto m = make_membership("nvidia", pf, "premier", since(on));
    const auto s = make_seat("at-large", "nobody", std::nullopt, since(on));
    const auto r = make_role("jane-doe", "Treasurer", lf, between(on, on));
    batch b;
    b.add(m).add(make_org("amd")).add(s).add(r).add(make_org("fine"));
    std::vector<problem> problems;
    try {
      reg.apply(b);
      FAIL("accepted");
    } catch (const validation_error& e) {
      problems = e.problems();
      // The message names the first problem.
      CHECK(contains(e.what(), problems.front().message));
    }
    CHECK(problems.size() == 4);
    EXPECT_PROBLEM(problems, place(key_of(m), "/org"), "nvidia");
    EXPECT_PROBLEM(problems, place(org_id{"amd"}, "/id"), "amd");
    EXPECT_PROBLEM(problems, place(key_of(s), "/person"), "nobody");
    EXPECT_PROBLEM(problems, place(key_of(r), "/to"), "jane-doe");
    CHECK(reg.find(org_id{"fine"}) == nullptr);
  }

  TEST_CASE(
      "a failing batch leaves nothing applied, even its valid operations") {
    registry reg = make_registry();
    batch b;
    organization amd = reg.at(org_id{"amd"});
    amd.name = "renamed";
    b.add(make_org("nvidia"))
        .join(org_id{"nvidia"}, pf, general, ymd(2024, 1, 1))
        .update(amd)
        .leave(org_id{"meta"}, pf, ymd(2024, 1, 1))
        .change_tier(org_id{"aws"}, pf, general, ymd(2024, 1, 1))
        .affiliate(person_id{"jane-doe"}, tie("meta", since(ymd(2024, 1, 1))))
        .end_affiliation(person_id{"alex-kim"}, org_id{"meta"}, ymd(2024, 1, 1))
        .end_seat(board, person_id{"alex-kim"}, ymd(2024, 1, 1))
        .end_role(person_id{"jane-doe"}, "Treasurer", pf, ymd(2024, 1, 1))
        .transfer(pytorch, lf, ymd(2024, 1, 1))
        .add(make_seat("at-large", "nvidia-person", std::nullopt,
                       since(ymd(2024, 1, 1))));  // no such person
    const auto problems = rejected(reg, b);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].id == "nvidia-person");
    CHECK(reg.find(org_id{"nvidia"}) == nullptr);
    CHECK(reg.at(org_id{"amd"}).name == "amd");
    CHECK(reg.membership_of(org_id{"meta"}, pf, ymd(2024, 1, 1)) != nullptr);
    CHECK(reg.membership_of(org_id{"aws"}, pf, ymd(2024, 1, 1))->tier ==
          premier);
    CHECK(reg.steward_of(pytorch, ymd(2024, 1, 1))->who == steward_ref{pf});
    // And the registry still takes valid batches afterwards.
    reg.apply(batch{}
                  .add(make_org("nvidia"))
                  .join(org_id{"nvidia"}, pf, general, ymd(2024, 1, 1)));
    CHECK(org_ids(reg.members(pf, general, ymd(2024, 1, 1))) ==
          strings{"nvidia"});
  }

  TEST_CASE("a failed batch keeps the order of equal-dated history entries") {
    registry reg = make_registry();
    // ibrahim-haddad's two roles both start on 2022-09-12. The entries
    // point into the registry, which the failed batch may have moved:
    // compare what they say.
    const auto before =
        worded(reg.history(person_id{"ibrahim-haddad"}), record_kind::person);
    batch b;
    b.end_role(person_id{"ibrahim-haddad"}, "Executive Director", pf,
               ymd(2024, 1, 1))
        .add(make_org("Bad Id"));
    rejected(reg, b);
    CHECK(worded(reg.history(person_id{"ibrahim-haddad"}),
                 record_kind::person) == before);
    std::vector<std::string> titles;
    for (const auto& e : reg.history(person_id{"ibrahim-haddad"}))
      if (e.role) titles.push_back(e.role->title);
    CHECK(titles == strings{"Secretary", "Executive Director"});
  }

  TEST_CASE(
      "a failed batch that would add many records leaves every record as it "
      "was") {
    registry reg = make_registry();
    const organization amd = *reg.find(org_id{"amd"});
    const membership m = *reg.membership_of(org_id{"amd"}, pf, ymd(2023, 1, 1));
    const seat s = *reg.seats(board, ymd(2023, 1, 1)).front();
    const auto orgs = reg.organizations().size();
    batch b;
    for (int i = 0; i < 1000; ++i) {
      const auto id = "bulk-" + std::to_string(i);
      const date from = add_days(ymd(2024, 1, 1), i);
      b.add(make_org(id))
          .join(org_id{id}, pf, general, from)
          .add(make_seat("at-large", "pat-nobody", std::nullopt,
                         between(from, add_days(from))));
    }
    b.add(make_org("Bad Id"));
    rejected(reg, b);
    // Records may have moved (pointers are valid only until the next apply),
    // but none was changed, added or lost.
    CHECK(reg.organizations().size() == orgs);
    CHECK(*reg.find(org_id{"amd"}) == amd);
    CHECK(*reg.membership_of(org_id{"amd"}, pf, ymd(2023, 1, 1)) == m);
    CHECK(*reg.seats(board, ymd(2023, 1, 1)).front() == s);
  }

  TEST_CASE(
      "roles of a foundation and a project that share an id are both written "
      "and checked") {
    registry reg = make_registry();
    // Ids are unique within a collection only: a foundation may be called
    // like a project.
    reg.apply(
        batch{}.add(make_foundation("pytorch", {make_tier("member", 1)})));
    const auto in_foundation = make_role(
        "jane-doe", "Chair", foundation_id{"pytorch"}, since(ymd(2024, 1, 1)));
    const auto in_project =
        make_role("jane-doe", "Chair", pytorch, since(ymd(2024, 1, 1)));
    REQUIRE_FALSE(key_of(in_foundation) == key_of(in_project));

    SUBCASE("both keys are returned") {
      const auto written =
          reg.apply(batch{}.add(in_foundation).add(in_project));
      CHECK(written ==
            std::vector<record_key>{key_of(in_foundation), key_of(in_project)});
      CHECK(reg.roles(foundation_id{"pytorch"}, ymd(2024, 1, 1)).size() == 1);
      CHECK(reg.roles(pytorch, ymd(2024, 1, 1)).size() == 3);
    }
    SUBCASE("the second is checked too") {
      role bad = in_project;
      bad.when.to = ymd(2023, 1, 1);
      const auto problems = rejected(reg, batch{}.add(in_foundation).add(bad));
      EXPECT_PROBLEM(problems, place(key_of(bad), "/to"), "jane-doe");
    }
  }

  // ============================================================ persist,
  // locator

  TEST_CASE("persist sees the changed registry and the keys written") {
    registry reg = make_registry();
    int calls = 0;
    batch b;
    b.add(make_org("nvidia"))
        .join(org_id{"nvidia"}, pf, general, ymd(2024, 1, 1));
    std::vector<record_key> seen;
    const auto written = apply_with(
        reg, b, locator{},
        [&](const registry& changed, const std::vector<record_key>& keys) {
          ++calls;
          CHECK(&changed == &reg);
          CHECK(changed.find(org_id{"nvidia"}) != nullptr);
          CHECK(changed.membership_of(org_id{"nvidia"}, pf, ymd(2024, 1, 1)) !=
                nullptr);
          seen = keys;
        });
    CHECK(calls == 1);
    CHECK(seen == written);
    CHECK(written.size() == 2);
    CHECK(reg.find(org_id{"nvidia"}) != nullptr);
  }

  TEST_CASE("persist is not called when the batch is rejected") {
    registry reg = make_registry();
    int calls = 0;
    CHECK_THROWS_AS(
        apply_with(
            reg, batch{}.add(make_org("amd")), locator{},
            [&](const registry&, const std::vector<record_key>&) { ++calls; }),
        validation_error);
    CHECK(calls == 0);
  }

  TEST_CASE(
      "when persist throws, the registry is rolled back and the exception "
      "propagates") {
    struct disk_full {
      int code;
    };
    registry reg = make_registry();
    const auto before = snap(reg);
    const auto before_answers = answers(reg);
    organization amd = reg.at(org_id{"amd"});
    amd.name = "renamed";
    batch b;
    b.add(make_org("nvidia"))
        .join(org_id{"nvidia"}, pf, general, ymd(2024, 1, 1))
        .update(amd)
        .change_tier(org_id{"aws"}, pf, general, ymd(2024, 1, 1))
        .transfer(pytorch, lf, ymd(2024, 1, 1));
    try {
      apply_with(reg, b, locator{},
                 [](const registry&, const std::vector<record_key>&) {
                   throw disk_full{28};
                 });
      FAIL_CHECK("persist's exception was swallowed");
    } catch (const disk_full& e) {
      CHECK(e.code == 28);
    }
    CHECK(snap(reg) == before);
    CHECK(answers(reg) == before_answers);

    CHECK_THROWS_WITH_AS(
        apply_with(reg, b, locator{},
                   [](const registry&, const std::vector<record_key>&) {
                     throw storage_error("locked");
                   }),
        "locked", storage_error);
    CHECK(snap(reg) == before);
    // Then the same batch goes through.
    reg.apply(b);
    CHECK(reg.find(org_id{"nvidia"}) != nullptr);
    CHECK(reg.at(org_id{"amd"}).name == "renamed");
  }

  TEST_CASE("the locator places every problem") {
    registry reg = make_registry();
    std::vector<std::pair<std::string, std::string>> asked;
    const locator pointer = [&](const record_key& key, std::string_view field) {
      asked.emplace_back(to_string(key), std::string(field));
      std::string where = std::holds_alternative<membership_key>(key)
                              ? "/memberships/7"
                              : "/organizations/3";
      return where + std::string(field);
    };
    batch b;
    b.join(org_id{"amazon"}, pf, tier_id{"silver"}, ymd(2024, 1, 1))
        .add(make_org("amd"));
    try {
      apply_with(reg, b, pointer);
      FAIL("accepted");
    } catch (const validation_error& e) {
      const auto& problems = e.problems();
      REQUIRE(problems.size() == 2);
      EXPECT_PROBLEM(problems, "/memberships/7/tier", "silver", "silver");
      EXPECT_PROBLEM(problems, "/organizations/3/id", "amd", "amd");
    }
    CHECK(std::find(asked.begin(), asked.end(),
                    std::pair<std::string, std::string>{
                        to_string(record_key{membership_key{
                            org_id{"amazon"}, pf, ymd(2024, 1, 1)}}),
                        "/tier"}) != asked.end());
    CHECK(std::find(asked.begin(), asked.end(),
                    std::pair<std::string, std::string>{
                        to_string(record_key{org_id{"amd"}}), "/id"}) !=
          asked.end());
  }

  TEST_CASE("a locator that throws leaves the registry unchanged") {
    registry reg = make_registry();
    const auto before = snap(reg);
    const locator broken = [](const record_key&,
                              std::string_view) -> std::string {
      throw std::runtime_error("locator failed");
    };
    batch b;
    b.add(make_org("nvidia")).add(make_org("amd"));
    CHECK_THROWS_WITH_AS(apply_with(reg, b, broken), "locator failed",
                         std::runtime_error);
    CHECK(snap(reg) == before);
  }

  // ==================================================================== copies

  TEST_CASE("a copy is independent of the original") {
    registry original = make_registry();
    const auto before = snap(original);
    registry copy = original;
    CHECK(snap(copy) == before);
    CHECK(answers(copy) == answers(original));
    // Different storage.
    CHECK(copy.find(org_id{"amd"}) != original.find(org_id{"amd"}));

    copy.apply(batch{}
                   .add(make_org("nvidia"))
                   .leave(org_id{"amd"}, pf, ymd(2024, 1, 1)));
    CHECK(copy.find(org_id{"nvidia"}) != nullptr);
    CHECK(original.find(org_id{"nvidia"}) == nullptr);
    CHECK(original.membership_of(org_id{"amd"}, pf, ymd(2024, 1, 1)) !=
          nullptr);
    CHECK(copy.membership_of(org_id{"amd"}, pf, ymd(2024, 1, 1)) == nullptr);
    CHECK(snap(original) == before);

    original.apply(batch{}.add(make_org("arm")));
    CHECK(copy.find(org_id{"arm"}) == nullptr);

    // A failed batch on the copy rolls back the copy only.
    const auto copy_before = snap(copy);
    CHECK_THROWS_AS(copy.apply(batch{}.add(make_org("meta"))),
                    validation_error);
    CHECK(snap(copy) == copy_before);
    CHECK(original.find(org_id{"arm"}) != nullptr);
  }

  TEST_CASE("copy and move assignment") {
    registry original = make_registry();
    registry target;
    target.apply(batch{}.add(make_org("stale")));
    target = original;
    CHECK(target.find(org_id{"stale"}) == nullptr);
    CHECK(snap(target) == snap(original));
    target.apply(batch{}.add(make_org("nvidia")));
    CHECK(original.find(org_id{"nvidia"}) == nullptr);

    registry& self = target;
    target = self;
    CHECK(target.find(org_id{"nvidia"}) != nullptr);

    registry moved = std::move(target);
    CHECK(moved.find(org_id{"nvidia"}) != nullptr);
    registry assigned;
    assigned = std::move(moved);
    CHECK(assigned.find(org_id{"nvidia"}) != nullptr);
    CHECK(org_ids(assigned.members(pf, premier, ymd(2023, 1, 1))) ==
          strings{"amd", "aws", "meta"});
  }

  TEST_CASE("a copy made inside persist is independent and complete") {
    registry reg = make_registry();
    std::optional<registry> saved;
    apply_with(reg, batch{}.add(make_org("nvidia")), locator{},
               [&](const registry& changed, const std::vector<record_key>&) {
                 saved.emplace(changed);
               });
    REQUIRE(saved);
    CHECK(saved->find(org_id{"nvidia"}) != nullptr);
    CHECK(snap(*saved) == snap(reg));
    // A failed batch on the copy does not disturb it or the original.
    CHECK_THROWS_AS(saved->apply(batch{}.add(make_org("amd"))),
                    validation_error);
    CHECK(snap(*saved) == snap(reg));
  }

  TEST_CASE(
      "values the interchange format refuses are refused by the registry too") {
    registry reg = make_registry();
    SUBCASE("an empty name") {
      auto o = make_org("nameless");
      o.name.clear();
      EXPECT_PROBLEM(rejected(reg, batch{}.add(o)), place(o.id, "/name"),
                     "nameless");
    }
    SUBCASE("a tier ranked below 1, a negative fee, a made-up currency") {
      foundation f{foundation_id{"newf"}, "New"};
      f.tiers = {tier{tier_id{"top"}, "Top", 0, money{-100, "usd"}, {}, {}}};
      const auto problems = rejected(reg, batch{}.add(f));
      CHECK(problems.size() == 3);
      EXPECT_PROBLEM(problems, place(f.id, "/tiers/0/rank"), "top");
      EXPECT_PROBLEM(problems, place(f.id, "/tiers/0/annual_fee/amount"),
                     "top");
      EXPECT_PROBLEM(problems, place(f.id, "/tiers/0/annual_fee/currency"),
                     "top");
    }
    SUBCASE(
        "a tier-based seat class of a project that no foundation stewards") {
      project lone{project_id{"lone"}, "Lone"};
      lone.stewards = {steward{org_id{"meta"}, since(ymd(2020, 1, 1)), {}}};
      body b{body_id{"lone-tac"}, "Lone TAC", "committee", lone.id};
      b.seat_classes = {make_class([](seat_class& c) {
        c.id = seat_class_id{"members"};
        c.mode = seat_mode::per_member;
        c.tier = tier_id{"premier"};
      })};
      EXPECT_PROBLEM(rejected(reg, batch{}.add(lone).add(b)),
                     place(b.id, "/seat_classes/0/tier"), "premier");
    }
  }

  TEST_CASE("the answers do not depend on the order records are added in") {
    // Children before parents, memberships before their foundation: the
    // indexes apply keeps (families, members by tier) must still agree.
    const auto ops = fixture_batch().operations();
    batch reversed;
    for (auto it = ops.rbegin(); it != ops.rend(); ++it)
      std::visit(
          [&](const auto& o) {
            if constexpr (requires { o.record; })
              reversed.add(o.record);
            else
              FAIL("the fixture holds only additions");
          },
          *it);
    registry reg;
    reg.apply(reversed);
    // Records are listed in the order added: compare the answers as sets.
    auto sorted = [](strings lines) {
      std::sort(lines.begin(), lines.end());
      return lines;
    };
    CHECK(sorted(answers(reg)) == sorted(answers(make_registry())));
    CHECK(reg.family(org_id{"aws-labs"}).id == org_id{"amazon"});
    REQUIRE(reg.membership_of(org_id{"intel"}, pf, ymd(2023, 6, 1)));
    CHECK(reg.membership_of(org_id{"intel"}, pf, ymd(2023, 6, 1))->tier ==
          premier);
  }

  TEST_CASE(
      "the buffer overloads answer as the others do, and reuse the buffer") {
    const registry reg = make_registry();
    std::vector<const affiliation*> ties{nullptr, nullptr, nullptr};
    std::vector<tier_members> groups(5);
    const date dates[] = {ymd(2018, 1, 1), ymd(2020, 1, 1), ymd(2022, 9, 12),
                          ymd(2023, 1, 1), ymd(2024, 6, 1)};
    for (date d : dates) {
      CAPTURE(to_string(d));
      for (const auto& p : reg.people()) {
        reg.affiliations(p.id, d, ties);
        CHECK(ties == reg.affiliations(p.id, d));
      }
      for (const auto& f : reg.foundations()) {
        reg.members(f.id, d, groups);
        const auto expected = reg.members(f.id, d);
        REQUIRE(groups.size() == expected.size());
        for (std::size_t i = 0; i < groups.size(); ++i) {
          CHECK(groups[i].tier == expected[i].tier);
          CHECK(groups[i].members == expected[i].members);
        }
      }
    }
    CHECK_THROWS_AS(
        reg.affiliations(person_id{"nobody"}, ymd(2023, 1, 1), ties),
        not_found_error);
    CHECK_THROWS_AS(
        reg.members(foundation_id{"apache"}, ymd(2023, 1, 1), groups),
        not_found_error);
  }

  TEST_CASE("affiliations: many, far-off dates, and a copy's own") {
    registry reg = make_registry();
    // More ties than the registry keeps beside a person's slot, and dates
    // outside the 16-bit range it keeps them in.
    reg.apply(
        batch{}
            .add(make_person(
                "many",
                {tie("amd", between(ymd(2001, 1, 1), ymd(2002, 1, 1))),
                 tie("meta", between(ymd(2002, 1, 1), ymd(2003, 1, 1))),
                 tie("intel", between(ymd(2003, 1, 1), ymd(2004, 1, 1))),
                 tie("ibm", between(ymd(2004, 1, 1), ymd(2005, 1, 1))),
                 tie("aws", since(ymd(2001, 6, 1)))}))
            .add(make_person(
                "old", {tie("ibm", between(ymd(1850, 1, 1), ymd(1950, 1, 1))),
                        tie("amd", since(ymd(2100, 1, 1)))}))
            .add(make_person(
                "edges", {tie("ibm", between(ymd(1900, 1, 1), ymd(2079, 6, 5))),
                          tie("amd", since(ymd(2079, 6, 5)))})));
    auto orgs = [](const registry& r, std::string_view who, date on) {
      strings out;
      for (const auto* a : r.affiliations(person_id{who}, on))
        out.push_back(a->org.str());
      return out;
    };
    CHECK(orgs(reg, "many", ymd(2000, 12, 31)).empty());
    CHECK(orgs(reg, "many", ymd(2001, 6, 1)) == strings{"amd", "aws"});
    CHECK(orgs(reg, "many", ymd(2004, 12, 31)) == strings{"ibm", "aws"});
    CHECK(orgs(reg, "many", ymd(2030, 1, 1)) == strings{"aws"});
    CHECK(orgs(reg, "old", ymd(1849, 12, 31)).empty());
    CHECK(orgs(reg, "old", ymd(1850, 1, 1)) == strings{"ibm"});
    CHECK(orgs(reg, "old", ymd(1949, 12, 31)) == strings{"ibm"});
    CHECK(orgs(reg, "old", ymd(2099, 12, 31)).empty());
    CHECK(orgs(reg, "old", ymd(2100, 1, 1)) == strings{"amd"});
    CHECK(orgs(reg, "edges", ymd(1899, 12, 31)).empty());
    CHECK(orgs(reg, "edges", ymd(1900, 1, 1)) == strings{"ibm"});
    CHECK(orgs(reg, "edges", ymd(2079, 6, 4)) == strings{"ibm"});
    CHECK(orgs(reg, "edges", ymd(2079, 6, 5)) == strings{"amd"});
    CHECK(orgs(reg, "edges", ymd(3000, 1, 1)) == strings{"amd"});
    CHECK(orgs(reg, "edges", ymd(-3000, 1, 1)).empty());
    CHECK(orgs(reg, "john-roe", ymd(3000, 1, 1)) == strings{"meta"});
    CHECK(orgs(reg, "john-roe", ymd(1000, 1, 1)).empty());

    // A copy answers with its own records, and outlives the original.
    auto original = std::make_unique<registry>(reg);
    const registry copy = *original;
    original.reset();
    const auto ties = copy.affiliations(person_id{"jane-doe"}, ymd(2023, 1, 1));
    REQUIRE(ties.size() == 1);
    CHECK(ties[0] == &copy.at(person_id{"jane-doe"}).affiliations[0]);
    CHECK(ties[0]->title == "Engineer");
    registry assigned;
    assigned = copy;
    CHECK(assigned.affiliations(person_id{"jane-doe"}, ymd(2023, 1, 1))[0] ==
          &assigned.at(person_id{"jane-doe"}).affiliations[0]);

    // A change of a person's ties shows at once; a rejected one not at all.
    reg.apply(batch{}.end_affiliation(person_id{"jane-doe"}, org_id{"amd"},
                                      ymd(2024, 1, 1)));
    CHECK(orgs(reg, "jane-doe", ymd(2024, 1, 1)).empty());
    rejected(reg, batch{}.affiliate(person_id{"jane-doe"},
                                    tie("nvidia", since(ymd(2024, 1, 1)))));
    CHECK(orgs(reg, "jane-doe", ymd(2024, 1, 1)).empty());
    CHECK(orgs(reg, "jane-doe", ymd(2023, 12, 31)) == strings{"amd"});
  }

  TEST_CASE("a batch applied to an empty registry is all or nothing too") {
    // Applied without an undo journal: a failure empties the registry again.
    auto empty_and_usable = [](registry& reg) {
      CHECK(snap(reg) == snapshot{});
      CHECK_THROWS_AS(reg.members(pf, ymd(2023, 1, 1)), not_found_error);
      CHECK(reg.find(org_id{"amazon"}) == nullptr);
      reg.apply(fixture_batch());
      CHECK(answers(reg) == answers(make_registry()));
    };
    SUBCASE(
        "rejected: the fixture with one dangling reference, changes after "
        "adds") {
      registry reg;
      batch b = fixture_batch();
      b.change_tier(org_id{"amd"}, pf, general, ymd(2024, 1, 1))
          .leave(org_id{"aws"}, lf, ymd(2024, 1, 1))
          .update(make_org("aws-labs", "a9"))
          .affiliate(person_id{"pat-nobody"},
                     tie("amd", since(ymd(2024, 1, 1))))
          .add(
              make_membership("nvidia", pf, "premier", since(ymd(2024, 1, 1))));
      const auto problems = rejected(reg, b);
      EXPECT_PROBLEM(
          problems,
          place(membership_key{org_id{"nvidia"}, pf, ymd(2024, 1, 1)}, "/org"),
          "nvidia");
      empty_and_usable(reg);
    }
    SUBCASE("persist throws") {
      registry reg;
      CHECK_THROWS_AS(
          apply_with(
              reg, fixture_batch(), locator{},
              [](const registry& changed, const std::vector<record_key>&) {
                CHECK(changed.find(org_id{"amazon"}) != nullptr);
                throw std::runtime_error("disk full");
              }),
          std::runtime_error);
      empty_and_usable(reg);
    }
    SUBCASE("pieces, the source failing after some were applied") {
      registry reg;
      int at = 0;
      CHECK_THROWS_AS(
          apply_pieces(reg,
                       [&](batch& next) {
                         if (at == 20) throw std::runtime_error("truncated");
                         next.add(make_org("piece-" + std::to_string(at++)));
                         return true;
                       }),
          std::runtime_error);
      empty_and_usable(reg);
    }
    SUBCASE("pieces, rejected once all are in") {
      registry reg;
      int pieces = 0;
      CHECK_THROWS_AS(
          apply_pieces(reg,
                       [&](batch& next) {
                         if (pieces == 3) return false;
                         if (pieces++ == 0)
                           next = fixture_batch();
                         else
                           next.add(make_org("alone"));  // twice: a duplicate
                         return true;
                       }),
          validation_error);
      empty_and_usable(reg);
    }
    SUBCASE("pieces, accepted") {
      registry reg;
      int pieces = 0;
      const auto written = apply_pieces(reg, [&](batch& next) {
        if (pieces++ == 0) next = fixture_batch();
        return pieces == 1;
      });
      CHECK(written == fixture_batch().size());
      CHECK(answers(reg) == answers(make_registry()));
      // Now holding records, a rejected batch is undone record by record.
      rejected(reg, batch{}.add(make_org("nvidia")).add(make_org("amd")));
    }
  }

  TEST_CASE("family follows a change of parent") {
    registry reg = make_registry();
    organization aws = reg.at(org_id{"aws"});
    aws.parent.reset();
    organization amd = reg.at(org_id{"amd"});
    amd.parent = org_id{"aws-labs"};
    reg.apply(batch{}.update(aws).update(amd));
    CHECK(reg.family(org_id{"aws"}).id == org_id{"aws"});
    CHECK(reg.family(org_id{"aws-labs"}).id == org_id{"aws"});
    CHECK(reg.family(org_id{"amd"}).id == org_id{"aws"});
    CHECK(reg.family(org_id{"a9"}).id == org_id{"amazon"});
    // A new top above an existing family, added after it in one batch.
    organization top = make_org("holding");
    aws.parent = top.id;
    reg.apply(batch{}.update(aws).add(top));
    CHECK(reg.family(org_id{"amd"}).id == org_id{"holding"});
    CHECK(reg.family(org_id{"aws"}).id == org_id{"holding"});
    CHECK(reg.family(org_id{"amazon"}).id == org_id{"amazon"});
    // A rejected loop leaves every family as it was (rejected() compares).
    organization holding = reg.at(org_id{"holding"});
    holding.parent = org_id{"amd"};
    rejected(reg, batch{}.update(holding));
    CHECK(reg.family(org_id{"amd"}).id == org_id{"holding"});
  }

  TEST_CASE("members follow an update of the foundation's tiers") {
    registry reg = make_registry();
    // The same tiers in another order, and general now above premier.
    foundation f = reg.at(pf);
    std::reverse(f.tiers.begin(),
                 f.tiers.end());  // general, associate, premier
    f.tiers[0].rank = 1;
    f.tiers[2].rank = 2;
    reg.apply(batch{}.update(f));
    const auto groups = reg.members(pf, ymd(2023, 3, 1));
    REQUIRE(groups.size() == 3);
    CHECK(groups[0].tier->id == general);
    CHECK(org_ids(groups[0].members) == strings{"ibm", "intel"});
    CHECK(groups[1].tier->id == premier);
    CHECK(org_ids(groups[1].members) == strings{"amd", "aws", "meta"});
    CHECK(org_ids(groups[2].members) == strings{"hugging-face"});
    CHECK(org_ids(reg.members(pf, premier, ymd(2023, 6, 1))) ==
          strings{"amd", "aws", "intel", "meta"});
    // A batch dropping a tier that members hold is rejected, and changes
    // no answer.
    foundation g = reg.at(pf);
    g.tiers.erase(g.tiers.begin());
    rejected(reg, batch{}.update(g));
  }

  TEST_CASE(
      "members are sorted by organization whatever the order they joined in") {
    registry reg = make_registry();
    reg.apply(batch{}
                  .add(make_org("zeta"))
                  .add(make_org("alpha"))
                  .add(make_org("mu"))
                  .join(org_id{"zeta"}, pf, associate, ymd(2024, 1, 1))
                  .join(org_id{"alpha"}, pf, associate, ymd(2024, 1, 1))
                  .join(org_id{"mu"}, pf, associate, ymd(2024, 2, 1)));
    CHECK(org_ids(reg.members(pf, ymd(2024, 3, 1))[2].members) ==
          strings{"alpha", "hugging-face", "mu", "zeta"});
    CHECK(org_ids(reg.members(pf, associate, ymd(2024, 1, 15))) ==
          strings{"alpha", "hugging-face", "zeta"});
    reg.apply(batch{}
                  .change_tier(org_id{"mu"}, pf, premier, ymd(2024, 3, 1))
                  .leave(org_id{"alpha"}, pf, ymd(2024, 3, 1)));
    CHECK(org_ids(reg.members(pf, ymd(2024, 3, 1))[0].members) ==
          strings{"amd", "aws", "intel", "meta", "mu"});
    CHECK(org_ids(reg.members(pf, ymd(2024, 3, 1))[2].members) ==
          strings{"hugging-face", "zeta"});
    CHECK(org_ids(reg.members(pf, ymd(2024, 2, 29))[2].members) ==
          strings{"alpha", "hugging-face", "mu", "zeta"});
    REQUIRE(reg.membership_of(org_id{"mu"}, pf, ymd(2024, 3, 1)));
    CHECK(reg.membership_of(org_id{"mu"}, pf, ymd(2024, 3, 1))->tier ==
          premier);
    CHECK(reg.membership_of(org_id{"alpha"}, pf, ymd(2024, 3, 1)) == nullptr);
    CHECK(reg.membership_of(org_id{"alpha"}, lf, ymd(2024, 1, 15)) == nullptr);
  }

  TEST_CASE(
      "a project back with an earlier steward appears once per stewardship in "
      "the steward's history") {
    registry reg = make_registry();
    project p{project_id{"boomerang"}, "Boomerang"};
    p.stewards = {
        steward{org_id{"ibm"}, between(ymd(2010, 1, 1), ymd(2012, 1, 1)), {}},
        steward{foundation_id{"linux-foundation"},
                between(ymd(2012, 1, 1), ymd(2014, 1, 1)),
                {}},
        steward{org_id{"ibm"}, since(ymd(2014, 1, 1)), {}}};
    reg.apply(batch{}.add(p));
    std::size_t lines = 0;
    for (const auto& h : reg.history(org_id{"ibm"}))
      if (h.kind == history_kind::steward) {
        CHECK(h.project == reg.find(project_id{"boomerang"}));
        ++lines;
      }
    CHECK(lines == 2);
  }
}

TEST_SUITE("registry") {
  TEST_CASE("a body's home foundation follows its project's steward") {
    registry reg = make_registry();
    body tsc;
    tsc.id = body_id{"pytorch-tsc"};
    tsc.name = "PyTorch TSC";
    tsc.owner = pytorch;
    reg.apply(batch{}.add(tsc));
    CHECK(reg.home_of(reg.at(board), ymd(2020, 1, 1)) == pf);  // its own
    // Meta (a company) stewarded PyTorch until 2022-09-12.
    CHECK_FALSE(reg.home_of(reg.at(tsc.id), ymd(2022, 9, 11)).has_value());
    CHECK(reg.home_of(reg.at(tsc.id), ymd(2022, 9, 12)) == pf);
  }

  TEST_CASE(
      "a seat counts toward the family it represents, else its holder's") {
    const registry reg = make_registry();
    const date on = ymd(2022, 10, 1);
    std::map<std::string, std::vector<org_id>> by_person;
    for (const auto* s : reg.seats(board, on))
      by_person[s->person.str()] = reg.families_of(*s, on);
    // John Roe represents AWS, whose family is Amazon; Ibrahim Haddad holds
    // an ex-officio seat for nobody and works for the Linux Foundation.
    CHECK(by_person.at("john-roe") == std::vector<org_id>{org_id{"amazon"}});
    CHECK(by_person.at("jane-doe") == std::vector<org_id>{org_id{"amd"}});
    CHECK(by_person.at("ibrahim-haddad") ==
          std::vector<org_id>{org_id{"linux-foundation"}});
  }

  TEST_CASE("a batch handed over is moved into the registry, not copied") {
    person p = make_person("ada");
    p.name = "Ada King, Countess of Lovelace (a name too long to be inline)";
    const char* text = p.name.data();
    batch b;
    b.add(std::move(p));
    REQUIRE(std::get<op::add<person>>(b.operations()[0]).record.name.data() ==
            text);
    registry reg;
    reg.stage(std::move(b)).commit();
    CHECK(reg.people()[0].name.data() == text);  // the same buffer

    batch kept;
    kept.add(make_person("bob"));
    registry other;
    other.apply(kept);  // a batch not handed over stays as it was
    CHECK(std::get<op::add<person>>(kept.operations()[0]).record.name == "bob");
  }

  TEST_CASE("a batch handed over in pieces is applied as one") {
    registry reg;
    reg.apply(batch{}.add(make_org("meta")));

    // A membership in the first piece refers to an organization and a
    // foundation of later pieces: references are checked at the end.
    std::vector<batch> pieces(3);
    pieces[0].add(
        make_membership("amd", pf, "premier", since(ymd(2022, 9, 12))));
    pieces[1].add(make_org("amd")).add(make_org("intel"));
    pieces[2].add(
        make_foundation("pytorch-foundation", {make_tier("premier", 1)}));
    auto source = [&pieces](std::size_t fail_at = 99) {
      return [&pieces, fail_at, i = std::size_t{0}](batch& next) mutable {
        CHECK(next.empty());  // each piece is emptied before the next
        if (i == fail_at) throw std::runtime_error("the source failed");
        if (i == pieces.size()) return false;
        next = pieces[i++];
        return true;
      };
    };
    CHECK(apply_pieces(reg, source()) == 4);
    CHECK(reg.organizations().size() == 3);
    CHECK(reg.membership_of(org_id{"amd"}, pf, ymd(2023, 1, 1)) != nullptr);

    // All or nothing: a problem in any piece, or a failing source, leaves
    // the registry as it was.
    registry other;
    other.apply(batch{}.add(make_org("meta")));
    pieces[1] = batch{}.add(make_org("intel"));  // amd is gone: dangling
    try {
      apply_pieces(other, source(),
                   [](const record_key& key, std::string_view field) {
                     return "at " + to_string(key) + std::string(field);
                   });
      FAIL("a dangling reference was accepted");
    } catch (const validation_error& e) {
      REQUIRE(e.problems().size() == 1);
      CHECK(contains(e.problems()[0].where, "at membership of amd"));
    }
    CHECK(other.organizations().size() == 1);
    CHECK(other.foundations().empty());
    CHECK_THROWS_WITH_AS(apply_pieces(other, source(2)), "the source failed",
                         std::runtime_error);
    CHECK(other.organizations().size() == 1);
    CHECK(other.memberships().empty());
  }

  TEST_CASE("reserve makes room and changes no record") {
    registry reg;
    reg.apply(
        batch{}
            .add(make_org("meta"))
            .add(make_person("ada", {tie("meta", since(ymd(2020, 1, 1)))})));
    const organization* meta = &reg.at(org_id{"meta"});
    reg.reserve({.organizations = 1});  // below what is held: nothing to do
    CHECK(&reg.at(org_id{"meta"}) == meta);
    reg.reserve({.organizations = 500,
                 .people = 2000,
                 .memberships = 300,
                 .seats = 10,
                 .roles = 10});
    CHECK(reg.organizations().size() == 1);
    CHECK(reg.people().size() == 1);
    CHECK(reg.affiliated_people(org_id{"meta"}, ymd(2021, 1, 1)).size() == 1);

    // A load of the size reserved: every record is found by its key.
    batch b;
    b.add(make_foundation("pytorch-foundation", {make_tier("premier", 1)}));
    for (int i = 0; i < 499; ++i) b.add(make_org("org-" + std::to_string(i)));
    for (int i = 0; i < 1999; ++i)
      b.add(make_person(
          "p-" + std::to_string(i),
          {tie("org-" + std::to_string(i % 499), since(ymd(2020, 1, 1)))}));
    for (int i = 0; i < 300; ++i)
      b.add(make_membership("org-" + std::to_string(i), pf, "premier",
                            since(ymd(2021, 1, 1))));
    reg.apply(b);
    CHECK(reg.organizations().size() == 500);
    CHECK(reg.at(person_id{"p-1998"}).affiliations[0].org ==
          org_id{"org-2"});  // 1998 = 4 * 499 + 2
    CHECK(reg.find(membership_key{org_id{"org-299"}, pf, ymd(2021, 1, 1)}) !=
          nullptr);
    CHECK(reg.find(membership_key{org_id{"org-300"}, pf, ymd(2021, 1, 1)}) ==
          nullptr);
    // p-3, p-502, p-1001, p-1500, p-1999 is not there: 4 people with org-3.
    CHECK(reg.affiliated_people(org_id{"org-3"}, ymd(2021, 1, 1)).size() == 4);
  }

  TEST_CASE("ids longer than fifteen characters are keys like any other") {
    // Keys of up to 15 characters are kept in place, longer ones apart.
    const std::string long_org(64, 'o');
    const std::string long_person =
        "person-with-a-rather-long-id-" + std::string(30, '7');
    const std::string fifteen(15, 'f'), sixteen(16, 's');
    registry reg;
    batch b;
    b.add(make_org(long_org))
        .add(make_org(fifteen))
        .add(make_org(sixteen, fifteen));
    b.add(make_person(long_person, {tie(long_org, since(ymd(2020, 1, 1))),
                                    tie(sixteen, between(ymd(2010, 1, 1),
                                                         ymd(2019, 1, 1)))}));
    reg.apply(b);
    CHECK(reg.at(org_id{long_org}).id.str() == long_org);
    CHECK(reg.family(org_id{sixteen}).id.str() == fifteen);
    CHECK(reg.affiliations(person_id{long_person}, ymd(2021, 1, 1)).size() ==
          1);
    CHECK(reg.affiliated_people(org_id{sixteen}, ymd(2015, 1, 1)).size() == 1);
    CHECK(reg.find(org_id{std::string(63, 'o')}) == nullptr);
    CHECK(reg.find(org_id{std::string(65, 'o')}) == nullptr);
    CHECK_THROWS_WITH_AS(reg.apply(batch{}.add(make_org(long_org))),
                         doctest::Contains("duplicate organization id"),
                         validation_error);

    registry copy = reg;  // keys copied, not shared
    reg = registry{};
    CHECK(copy.at(org_id{long_org}).id.str() == long_org);
    CHECK(copy.affiliations(person_id{long_person}, ymd(2015, 1, 1)).size() ==
          1);
  }

  TEST_CASE(
      "memberships, seats and roles are found by key in copies, after moves "
      "and rollbacks") {
    // Their tables find a row by reading its key fields from the row: a
    // copy must read its own rows.
    auto reg = std::make_unique<registry>();
    reg->apply(
        batch{}
            .add(make_org("amd"))
            .add(make_foundation(
                "pytorch-foundation",
                {make_tier("premier", 1), make_tier("general", 2)}))
            .add(make_membership("amd", pf, "premier", since(ymd(2022, 9, 12))))
            .add(make_person("lisa", {tie("amd", since(ymd(2014, 1, 1)))}))
            .add(make_role("lisa", "Board Member", pf,
                           since(ymd(2022, 9, 12)))));
    const membership_key amd{org_id{"amd"}, pf, ymd(2022, 9, 12)};
    const role_key lisa{person_id{"lisa"}, "Board Member", pf,
                        ymd(2022, 9, 12)};
    registry copy = *reg;
    registry moved = std::move(*reg);
    reg.reset();
    for (registry* r : {&copy, &moved}) {
      CHECK(r->find(amd) != nullptr);
      CHECK(r->find(amd) == &r->memberships()[0]);
      CHECK(r->find(lisa) == &r->roles()[0]);
      CHECK(r->find(membership_key{org_id{"amd"}, pf, ymd(2022, 9, 13)}) ==
            nullptr);
      CHECK(r->find(role_key{person_id{"lisa"}, "Board Member",
                             foundation_id{"other"}, ymd(2022, 9, 12)}) ==
            nullptr);
    }

    // An update found by key, a duplicate refused by key.
    copy.apply(batch{}.update(
        make_membership("amd", pf, "general", since(ymd(2022, 9, 12)))));
    CHECK(copy.find(amd)->tier == general);
    CHECK_THROWS_WITH_AS(
        copy.apply(batch{}.add(
            make_membership("amd", pf, "premier", since(ymd(2022, 9, 12))))),
        doctest::Contains("duplicate membership of amd in pytorch-foundation "
                          "from 2022-09-12"),
        validation_error);

    // A bulk batch (onto an empty registry) rolled back: the empty registry
    // finds nothing, then takes the same records.
    registry fresh;
    batch bad;
    bad.add(make_org("amd"))
        .add(make_membership("amd", pf, "premier", since(ymd(2022, 9, 12))));
    CHECK_THROWS_AS(fresh.apply(bad), validation_error);  // no foundation
    CHECK(fresh.find(amd) == nullptr);
    bad.add(make_foundation("pytorch-foundation", {make_tier("premier", 1)}));
    fresh.apply(bad);
    CHECK(fresh.find(amd) == &fresh.memberships()[0]);
  }

  TEST_CASE("a duplicate in a batch handed over is reported by its id") {
    // The record is moved out of the batch only once its key is free.
    registry reg;
    batch b;
    b.add(make_person("ada")).add(make_person("ada"));
    try {
      reg.stage(std::move(b)).commit();
      FAIL("a duplicate was accepted");
    } catch (const validation_error& e) {
      REQUIRE(e.problems().size() == 1);
      CHECK(e.problems()[0].id == "ada");
      CHECK(contains(e.problems()[0].message, "duplicate person id 'ada'"));
    }
    CHECK(reg.people().empty());
  }

  TEST_CASE(
      "a batch onto an empty registry indexes people by organization as "
      "smaller batches do") {
    // One batch onto an empty registry builds this index at its end; the
    // same records one batch at a time build it record by record.
    batch all;
    std::vector<batch> each;
    auto add = [&](auto record) {
      all.add(record);
      each.push_back(batch{}.add(std::move(record)));
    };
    add(make_org("amd"));
    add(make_org("meta"));
    add(make_person(
        "ada",
        {tie("amd", between(ymd(2010, 1, 1), ymd(2015, 1, 1))),
         tie("amd", since(ymd(2018, 1, 1)))}));  // amd twice: listed once
    add(make_person("bob", {tie("meta", since(ymd(2012, 1, 1)))}));
    add(make_person("cy"));
    all.affiliate(person_id{"cy"}, tie("meta", since(ymd(2016, 1, 1))));
    each.push_back(batch{}.affiliate(person_id{"cy"},
                                     tie("meta", since(ymd(2016, 1, 1)))));
    all.end_affiliation(person_id{"bob"}, org_id{"meta"}, ymd(2017, 1, 1));
    each.push_back(batch{}.end_affiliation(person_id{"bob"}, org_id{"meta"},
                                           ymd(2017, 1, 1)));

    registry bulk, step;
    bulk.apply(all);
    for (const auto& b : each) step.apply(b);
    auto ids = [](const std::vector<const person*>& people) {
      std::vector<std::string> out;
      for (const auto* p : people) out.push_back(p->id.str());
      return out;
    };
    for (const registry* r : {&bulk, &step}) {
      CHECK(ids(r->affiliated_people(org_id{"amd"}, ymd(2012, 1, 1))) ==
            std::vector<std::string>{"ada"});
      CHECK(ids(r->affiliated_people(org_id{"amd"}, ymd(2016, 1, 1))).empty());
      CHECK(ids(r->affiliated_people(org_id{"meta"}, ymd(2016, 6, 1))) ==
            std::vector<std::string>{"bob", "cy"});
      CHECK(ids(r->affiliated_people(org_id{"meta"}, ymd(2018, 1, 1))) ==
            std::vector<std::string>{"cy"});
      CHECK(r->history(org_id{"amd"}).size() == 2);
    }

    // People before the organizations they name, in one batch: found too.
    batch late;
    late.add(make_person("ada", {tie("amd", since(ymd(2018, 1, 1)))}));
    late.add(make_person("bob", {tie("meta", since(ymd(2012, 1, 1))),
                                 tie("amd", since(ymd(2000, 1, 1)))}));
    late.add(make_org("meta")).add(make_org("amd"));
    registry later;
    later.apply(late);
    CHECK(ids(later.affiliated_people(org_id{"amd"}, ymd(2019, 1, 1))) ==
          std::vector<std::string>{"ada", "bob"});
    CHECK(ids(later.affiliated_people(org_id{"meta"}, ymd(2019, 1, 1))) ==
          std::vector<std::string>{"bob"});

    // And an organization that never comes is reported.
    batch missing;
    missing.add(make_person("ada", {tie("amd", since(ymd(2018, 1, 1)))}))
        .add(make_org("meta"));
    CHECK_THROWS_WITH_AS(registry{}.apply(missing),
                         doctest::Contains("no organization 'amd'"),
                         validation_error);
  }

  TEST_CASE("membership indexes order far-off and impossible dates as dates") {
    // Their entries keep a date as year, month and day in 32 bits.
    registry reg;
    reg.apply(batch{}
                  .add(make_org("amd"))
                  .add(make_org("old"))
                  .add(make_foundation("pytorch-foundation",
                                       {make_tier("premier", 1)}))
                  .add(make_membership("old", pf, "premier",
                                       between(ymd(-400, 1, 1), ymd(1, 1, 1))))
                  .add(make_membership("amd", pf, "premier",
                                       between(ymd(1, 1, 1), ymd(2023, 3, 1))))
                  .add(make_membership("amd", pf, "premier",
                                       since(ymd(9999, 12, 31)))));
    CHECK(reg.membership_of(org_id{"old"}, pf, ymd(-1, 6, 15)) != nullptr);
    CHECK(reg.membership_of(org_id{"old"}, pf, ymd(1, 1, 1)) == nullptr);
    CHECK(reg.membership_of(org_id{"amd"}, pf, ymd(1, 1, 1)) != nullptr);
    // 2023-02-30 is not a date, but orders before 2023-03-01.
    CHECK(reg.membership_of(org_id{"amd"}, pf, ymd(2023, 2, 30)) != nullptr);
    CHECK(reg.membership_of(org_id{"amd"}, pf, ymd(2023, 3, 1)) == nullptr);
    CHECK(reg.membership_of(org_id{"amd"}, pf, ymd(32767, 12, 31)) != nullptr);
    CHECK(reg.members(pf, tier_id{"premier"}, ymd(-100, 1, 1)).size() == 1);
    CHECK(reg.members(pf, tier_id{"premier"}, ymd(5000, 1, 1)).empty());
  }
}

// ============================================================ values and ids

namespace {

// What a registry answers to every query about records it does not hold:
// not found, for each query and each kind of id (registry.hpp's rule).
template <class F>
bool refuses(F&& query) {
  try {
    query();
  } catch (const not_found_error&) {
    return true;
  }
  return false;
}

void check_refuses_unknown_ids(const registry& reg) {
  const org_id nobody_org{"no-such-org"};
  const person_id nobody{"no-such-person"};
  const foundation_id no_foundation{"no-such-foundation"};
  const body_id no_body{"no-such-body"};
  const project_id no_project{"no-such-project"};
  const date on = ymd(2023, 1, 1);
  CHECK(reg.find(nobody_org) == nullptr);
  CHECK(reg.find(nobody) == nullptr);
  CHECK(reg.find(no_foundation) == nullptr);
  CHECK(reg.find(no_project) == nullptr);
  CHECK(reg.find(no_body) == nullptr);
  CHECK(reg.find(membership_key{nobody_org, no_foundation, on}) == nullptr);
  CHECK(reg.find(seat_key{no_body, seat_class_id{"x"}, nobody, on}) == nullptr);
  CHECK(reg.find(role_key{nobody, "Chair", no_foundation, on}) == nullptr);
  CHECK(refuses([&] { (void)reg.at(nobody_org); }));
  CHECK(refuses([&] { (void)reg.at(nobody); }));
  CHECK(refuses([&] { (void)reg.at(no_foundation); }));
  CHECK(refuses([&] { (void)reg.at(no_project); }));
  CHECK(refuses([&] { (void)reg.at(no_body); }));
  CHECK(refuses([&] { (void)reg.members(no_foundation, on); }));
  std::vector<tier_members> groups;
  CHECK(refuses([&] { reg.members(no_foundation, on, groups); }));
  CHECK(refuses([&] { (void)reg.members(no_foundation, premier, on); }));
  CHECK(
      refuses([&] { (void)reg.membership_of(nobody_org, no_foundation, on); }));
  CHECK(refuses([&] { (void)reg.memberships_of(nobody_org, on); }));
  CHECK(refuses(
      [&] { (void)reg.membership_history(nobody_org, no_foundation); }));
  CHECK(
      refuses([&] { (void)reg.member_since(nobody_org, no_foundation, on); }));
  CHECK(refuses([&] { (void)reg.affiliations(nobody, on); }));
  std::vector<const affiliation*> ties;
  CHECK(refuses([&] { reg.affiliations(nobody, on, ties); }));
  CHECK(refuses([&] { (void)reg.affiliated_people(nobody_org, on); }));
  CHECK(refuses([&] { (void)reg.family(nobody_org); }));
  CHECK(refuses([&] { (void)reg.family_members(nobody_org); }));
  CHECK(refuses([&] { (void)reg.children(nobody_org); }));
  CHECK(refuses([&] {
    (void)reg.families_of(
        make_seat("x", "no-such-person", std::nullopt, since(on)), on);
  }));
  CHECK(refuses([&] { (void)reg.seats(no_body, on); }));
  CHECK(refuses([&] { (void)reg.seats_of(nobody, on); }));
  CHECK(refuses([&] { (void)reg.seat_history(no_body); }));
  CHECK(refuses([&] { (void)reg.seat_history(nobody); }));
  CHECK(refuses([&] { (void)reg.entitlements(no_body, on); }));
  CHECK(refuses(
      [&] { (void)reg.entitlement_of(no_body, seat_class_id{"x"}, on); }));
  CHECK(refuses([&] { (void)reg.roles(no_foundation, on); }));
  CHECK(refuses([&] { (void)reg.roles(no_project, on); }));
  CHECK(refuses([&] { (void)reg.roles(no_body, on); }));
  CHECK(refuses([&] { (void)reg.roles_of(nobody, on); }));
  CHECK(refuses([&] { (void)reg.steward_of(no_project, on); }));
  CHECK(refuses([&] { (void)reg.stage_of(no_project, on); }));
  CHECK(refuses([&] { (void)reg.history(nobody_org); }));
  CHECK(refuses([&] { (void)reg.history(nobody); }));
  CHECK(refuses([&] { (void)reg.history(no_project); }));
}

}  // namespace

TEST_SUITE("registry") {
  TEST_CASE(
      "every query refuses an id with no record, on an empty registry and a "
      "full one") {
    check_refuses_unknown_ids(registry{});
    check_refuses_unknown_ids(make_registry());
  }

  TEST_CASE("a known record with nothing to answer is empty, not refused") {
    registry reg = make_registry();
    reg.apply(batch{}.add(make_org("nvidia")).add(make_person("pat-new")));
    const date on = ymd(2023, 1, 1);
    CHECK(reg.membership_of(org_id{"nvidia"}, pf, on) == nullptr);
    CHECK(reg.memberships_of(org_id{"nvidia"}, on).empty());
    CHECK(reg.membership_history(org_id{"nvidia"}, pf).empty());
    CHECK_FALSE(reg.member_since(org_id{"nvidia"}, pf, on));
    CHECK(reg.affiliated_people(org_id{"nvidia"}, on).empty());
    CHECK(reg.children(org_id{"nvidia"}).empty());
    CHECK(reg.seats_of(person_id{"pat-new"}, on).empty());
    CHECK(reg.seat_history(person_id{"pat-new"}).empty());
    CHECK(reg.roles_of(person_id{"pat-new"}, on).empty());
    CHECK(reg.roles(pytorch, ymd(1990, 1, 1)).empty());
  }

  TEST_CASE(
      "a moved-from registry is empty and answers every query as registry{} "
      "does") {
    static_assert(std::is_nothrow_default_constructible_v<registry>);
    registry a = make_registry();
    const auto full = snap(a);
    registry b = std::move(a);
    CHECK(snap(b) == full);
    // NOLINTBEGIN(bugprone-use-after-move): what this test is about
    CHECK(snap(a) == snap(registry{}));
    CHECK(answers(a) == answers(registry{}));
    check_refuses_unknown_ids(a);
    CHECK(refuses([&] { (void)a.members(pf, ymd(2023, 1, 1)); }));
    CHECK(a.find(org_id{"amd"}) == nullptr);
    // And it is usable: it takes records again, and copies as an empty one.
    registry copy_of_empty = a;
    CHECK(snap(copy_of_empty) == snap(registry{}));
    a.apply(batch{}.add(make_org("nvidia")));
    CHECK(a.organizations().size() == 1);
    // Move assignment leaves the source empty too.
    registry c;
    c = std::move(b);
    CHECK(snap(c) == full);
    CHECK(snap(b) == snap(registry{}));
    b.apply(batch{}.add(make_org("arm")));
    CHECK(b.at(org_id{"arm"}).name == "arm");
    // NOLINTEND(bugprone-use-after-move)
  }

  TEST_CASE("a moved-from batch is empty and usable") {
    batch b;
    b.add(make_org("nvidia"))
        .join(org_id{"nvidia"}, pf, general, ymd(2024, 1, 1));
    batch other = std::move(b);
    CHECK(other.size() == 2);
    CHECK(b.empty());  // NOLINT(bugprone-use-after-move)
    b.add(make_org("arm"));
    CHECK(b.size() == 1);
    batch third;
    third = std::move(other);
    CHECK(third.size() == 2);
    CHECK(other.empty());  // NOLINT(bugprone-use-after-move)
  }
}

// ============================================================== transactions

TEST_SUITE("registry") {
  TEST_CASE("a transaction shows its changes, and commits them explicitly") {
    registry reg = make_registry();
    batch b;
    b.add(make_org("nvidia"))
        .join(org_id{"nvidia"}, pf, general, ymd(2024, 1, 1));
    auto tx = reg.stage(b);
    CHECK(tx.open());
    CHECK(&tx.staged() == &reg);
    CHECK(reg.find(org_id{"nvidia"}) != nullptr);  // staged, visible
    REQUIRE(tx.written().size() == 2);
    CHECK(tx.written()[0] == record_key{org_id{"nvidia"}});
    CHECK(tx.written()[1] ==
          record_key{membership_key{org_id{"nvidia"}, pf, ymd(2024, 1, 1)}});
    CHECK(tx.written_count() == 2);
    tx.commit();
    CHECK_FALSE(tx.open());
    CHECK(tx.written().size() == 2);  // kept after the commit
    CHECK(tx.written_count() == 2);
    CHECK(reg.membership_of(org_id{"nvidia"}, pf, ymd(2024, 1, 1)) != nullptr);
  }

  TEST_CASE("a transaction not committed is rolled back when it ends") {
    registry reg = make_registry();
    const auto before = snap(reg);
    const auto before_answers = answers(reg);
    organization amd = reg.at(org_id{"amd"});
    amd.name = "renamed";
    batch b;
    b.add(make_org("nvidia"))
        .join(org_id{"nvidia"}, pf, general, ymd(2024, 1, 1))
        .update(amd)
        .change_tier(org_id{"aws"}, pf, general, ymd(2024, 1, 1))
        .transfer(pytorch, lf, ymd(2024, 1, 1));
    {
      auto tx = reg.stage(b);
      CHECK(reg.at(org_id{"amd"}).name == "renamed");
    }
    CHECK(snap(reg) == before);
    CHECK(answers(reg) == before_answers);
    // An exception between staging and committing (a store that cannot
    // persist) rolls back the same way.
    struct disk_full {};
    try {
      auto tx = reg.stage(b);
      throw disk_full{};
    } catch (const disk_full&) {
    }
    CHECK(snap(reg) == before);
    // roll_back() undoes at once, and the registry takes the batch again.
    auto tx = reg.stage(b);
    tx.roll_back();
    CHECK_FALSE(tx.open());
    CHECK(snap(reg) == before);
    CHECK_THROWS_AS(tx.commit(), error);
    CHECK(reg.apply(b).size() == 6);
    CHECK(reg.at(org_id{"amd"}).name == "renamed");
  }

  TEST_CASE(
      "a transaction that does not check leaves the registry unchanged and "
      "closes") {
    registry reg = make_registry();
    const auto before = snap(reg);
    CHECK_THROWS_AS(auto tx = reg.stage(batch{}.add(make_org("amd"))),
                    validation_error);
    CHECK(snap(reg) == before);
    auto tx = reg.begin();
    tx.run(batch{}.add(make_org("nvidia")));
    tx.run(
        batch{}.join(org_id{"nvidia"}, pf, tier_id{"silver"}, ymd(2024, 1, 1)));
    CHECK_THROWS_AS(tx.check(), validation_error);
    CHECK_FALSE(tx.open());
    CHECK(snap(reg) == before);
    // A new transaction can begin once the last one ended.
    auto next = reg.stage(batch{}.add(make_org("nvidia")));
    next.commit();
    CHECK(reg.find(org_id{"nvidia"}) != nullptr);
  }

  TEST_CASE(
      "a transaction's pieces are checked together, and each piece is "
      "emptied") {
    registry reg;
    auto tx = reg.begin();
    batch piece;
    piece.add(make_membership("amd", pf, "premier", since(ymd(2022, 9, 12))));
    tx.run(std::move(piece));
    CHECK(piece.empty());  // NOLINT(bugprone-use-after-move): run empties it
    piece.add(make_org("amd"));
    piece.add(make_foundation("pytorch-foundation", {make_tier("premier", 1)}));
    tx.run(std::move(piece));
    tx.commit();
    CHECK(tx.written_count() == 3);
    CHECK(reg.membership_of(org_id{"amd"}, pf, ymd(2023, 1, 1)) != nullptr);
  }

  TEST_CASE("one transaction at a time, and no piece once checked") {
    registry reg = make_registry();
    auto tx = reg.begin();
    CHECK_THROWS_AS(auto other = reg.begin(), error);
    CHECK_THROWS_AS(reg.apply(batch{}), error);
    tx.run(batch{}.add(make_org("nvidia")));
    tx.check();
    CHECK_THROWS_AS(tx.run(batch{}.add(make_org("arm"))), error);
    // A moved transaction is the one that stays open.
    auto moved = std::move(tx);
    CHECK_FALSE(tx.open());  // NOLINT(bugprone-use-after-move)
    CHECK(moved.open());
    moved.commit();
    CHECK(reg.find(org_id{"nvidia"}) != nullptr);
    CHECK(reg.apply(batch{}.add(make_org("arm"))).size() == 1);
  }

  TEST_CASE("written needs a checked transaction") {
    registry reg = make_registry();
    auto tx = reg.begin();
    tx.run(batch{}.add(make_org("nvidia")));
    CHECK_THROWS_AS(tx.written(), error);
    tx.commit();
    CHECK_THROWS_AS(tx.written(), error);  // not asked before the commit
    CHECK(tx.written_count() == 1);
  }
}

// ---------------------------------------------------------------- corrections

namespace corrections {

// Merging two records that are one, upserting a document (import --merge)
// and previewing a change (--dry-run). The registry below is made for
// them: AMD entered twice (amd and amd-inc, the second with a subsidiary,
// a membership, a seat and a project), and Lisa Su twice.

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

}  // namespace corrections
