#include <charter/batch.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

using namespace charter;

namespace {

constexpr date ymd(int y, unsigned m, unsigned d) {
  return date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

const org_id amd{"amd"};
const foundation_id pf{"pytorch-foundation"};

static_assert(std::is_default_constructible_v<batch>);
static_assert(std::is_copy_constructible_v<batch>);
static_assert(std::variant_size_v<record_key> == 12);
static_assert(std::equality_comparable<report_key>);
static_assert(std::equality_comparable<membership_key>);
static_assert(std::equality_comparable<seat_key>);
static_assert(std::equality_comparable<role_key>);
static_assert(std::equality_comparable<record_key>);

}  // namespace

TEST_SUITE("batch") {
  TEST_CASE("a new batch is empty") {
    const batch b;
    CHECK(b.empty());
    CHECK(b.size() == 0);
    CHECK(b.operations().empty());
    CHECK(b.describe().empty());
  }

  TEST_CASE("operations keep their order and their fields") {
    batch b;
    organization nvidia;
    nvidia.id = org_id{"nvidia"};
    nvidia.name = "NVIDIA";
    affiliation tie{org_id{"nvidia"},
                    period{ymd(2020, 1, 1), std::nullopt},
                    "Engineer",
                    {}};
    batch& same =
        b.add(nvidia)
            .join(org_id{"nvidia"}, pf, tier_id{"premier"}, ymd(2023, 1, 1),
                  true)
            .leave(amd, pf, ymd(2024, 1, 1))
            .change_tier(org_id{"intel"}, pf, tier_id{"general"},
                         ymd(2024, 2, 1))
            .affiliate(person_id{"jane-doe"}, tie)
            .end_affiliation(person_id{"jane-doe"}, amd, ymd(2024, 3, 1))
            .end_seat(body_id{"pytorch-board"}, person_id{"jane-doe"},
                      ymd(2024, 4, 1))
            .end_role(person_id{"ibrahim-haddad"}, "Executive Director", pf,
                      ymd(2024, 5, 1))
            .transfer(project_id{"pytorch"}, org_id{"meta"}, ymd(2024, 6, 1))
            .update(nvidia);
    CHECK(&same == &b);
    CHECK_FALSE(b.empty());
    REQUIRE(b.size() == 10);
    const auto& ops = b.operations();
    REQUIRE(ops.size() == 10);

    const auto* add = std::get_if<op::add<organization>>(&ops[0]);
    REQUIRE(add);
    CHECK(add->record == nvidia);

    const auto* join = std::get_if<op::join>(&ops[1]);
    REQUIRE(join);
    CHECK(join->org == org_id{"nvidia"});
    CHECK(join->foundation == pf);
    CHECK(join->tier == tier_id{"premier"});
    CHECK(join->on == ymd(2023, 1, 1));
    CHECK(join->founding);

    const auto* leave = std::get_if<op::leave>(&ops[2]);
    REQUIRE(leave);
    CHECK(leave->org == amd);
    CHECK(leave->on == ymd(2024, 1, 1));

    const auto* change = std::get_if<op::change_tier>(&ops[3]);
    REQUIRE(change);
    CHECK(change->tier == tier_id{"general"});

    const auto* affiliate = std::get_if<op::affiliate>(&ops[4]);
    REQUIRE(affiliate);
    CHECK(affiliate->person == person_id{"jane-doe"});
    CHECK(affiliate->tie == tie);

    CHECK(std::holds_alternative<op::end_affiliation>(ops[5]));
    CHECK(std::holds_alternative<op::end_seat>(ops[6]));
    const auto* end_role = std::get_if<op::end_role>(&ops[7]);
    REQUIRE(end_role);
    CHECK(end_role->title == "Executive Director");
    CHECK(end_role->scope == role_scope{pf});
    const auto* transfer = std::get_if<op::transfer>(&ops[8]);
    REQUIRE(transfer);
    CHECK(transfer->to == steward_ref{org_id{"meta"}});
    CHECK(std::holds_alternative<op::update<organization>>(ops[9]));
  }

  TEST_CASE("join defaults to not founding") {
    batch b;
    b.join(amd, pf, tier_id{"premier"}, ymd(2022, 9, 12));
    REQUIRE(b.size() == 1);
    CHECK_FALSE(std::get<op::join>(b.operations()[0]).founding);
  }

  TEST_CASE("key_of names a membership, a seat and a role") {
    const membership m{
        amd,  pf, tier_id{"premier"}, period{ymd(2022, 9, 12), std::nullopt},
        true, {}};
    CHECK(key_of(m) == membership_key{amd, pf, ymd(2022, 9, 12)});

    seat s;
    s.body = body_id{"pytorch-board"};
    s.seat_class = seat_class_id{"premier"};
    s.person = person_id{"jane-doe"};
    s.represents = amd;
    s.when = period{ymd(2022, 9, 12), ymd(2024, 1, 1)};
    CHECK(key_of(s) == seat_key{body_id{"pytorch-board"},
                                seat_class_id{"premier"}, person_id{"jane-doe"},
                                ymd(2022, 9, 12)});

    const role r{person_id{"ibrahim-haddad"},
                 "Executive Director",
                 pf,
                 period{ymd(2022, 9, 12), std::nullopt},
                 {}};
    CHECK(key_of(r) == role_key{person_id{"ibrahim-haddad"},
                                "Executive Director", pf, ymd(2022, 9, 12)});
    // The scope's kind is part of the key.
    CHECK_FALSE(key_of(r) ==
                role_key{person_id{"ibrahim-haddad"}, "Executive Director",
                         project_id{"pytorch-foundation"}, ymd(2022, 9, 12)});
  }

  TEST_CASE("to_string of a record key names the record as a person does") {
    CHECK(to_string(record_key{org_id{"arm"}}) == "organization arm");
    CHECK(to_string(record_key{person_id{"jane-doe"}}) == "person jane-doe");
    CHECK(to_string(record_key{foundation_id{"linux-foundation"}}) ==
          "foundation linux-foundation");
    CHECK(to_string(record_key{project_id{"pytorch"}}) == "project pytorch");
    CHECK(to_string(record_key{body_id{"pytorch-board"}}) ==
          "body pytorch-board");
    CHECK(to_string(record_key{
              membership_key{org_id{"ibm"}, pf, ymd(2022, 9, 12)}}) ==
          "membership of ibm in pytorch-foundation from 2022-09-12");
    CHECK(to_string(record_key{
              seat_key{body_id{"pytorch-board"}, seat_class_id{"premier"},
                       person_id{"ian-buck"}, ymd(2020, 1, 1)}}) ==
          "seat of ian-buck on pytorch-board (class premier) from 2020-01-01");
    CHECK(to_string(record_key{
              role_key{person_id{"soumith-chintala"}, "Lead Maintainer",
                       project_id{"pytorch"}, ymd(2022, 9, 12)}}) ==
          "role 'Lead Maintainer' of soumith-chintala in project pytorch from "
          "2022-09-12");
    CHECK(to_string(record_key{role_key{person_id{"ibrahim-haddad"},
                                        "Executive Director", pf,
                                        ymd(2022, 9, 12)}}) ==
          "role 'Executive Director' of ibrahim-haddad in foundation "
          "pytorch-foundation "
          "from 2022-09-12");
    // A body is sat on.
    CHECK(to_string(record_key{role_key{person_id{"jane-doe"}, "Secretary",
                                        body_id{"pytorch-board"},
                                        ymd(2023, 1, 1)}}) ==
          "role 'Secretary' of jane-doe on body pytorch-board from 2023-01-01");
    CHECK(to_string(record_key{election_id{"steering-2025"}}) ==
          "election steering-2025");
    CHECK(to_string(record_kind::election) == "election");
    CHECK(kind_of(record_key{election_id{"x"}}) == record_kind::election);
    static_assert(record_kind_of<election> == record_kind::election);
  }

  TEST_CASE(
      "to_string tells apart keys of different kinds with the same text") {
    const std::set<std::string> names{
        to_string(record_key{org_id{"x"}}),
        to_string(record_key{person_id{"x"}}),
        to_string(record_key{foundation_id{"x"}}),
        to_string(record_key{project_id{"x"}}),
        to_string(record_key{body_id{"x"}}),
    };
    CHECK(names.size() == 5);
  }

  TEST_CASE("to_string tells apart role keys whose scopes differ in kind") {
    const date on = ymd(2024, 1, 1);
    const person_id jane{"jane-doe"};
    const std::set<std::string> names{
        to_string(record_key{role_key{jane, "Chair", foundation_id{"x"}, on}}),
        to_string(record_key{role_key{jane, "Chair", project_id{"x"}, on}}),
        to_string(record_key{role_key{jane, "Chair", body_id{"x"}, on}}),
    };
    CHECK(names.size() == 3);
  }

  TEST_CASE("describe: one audit line per operation") {
    batch b;
    b.join(amd, pf, tier_id{"premier"}, ymd(2022, 9, 12));
    const auto lines = b.describe();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "join amd pytorch-foundation premier 2022-09-12");
  }

  TEST_CASE("describe names each operation and its arguments") {
    organization nvidia;
    nvidia.id = org_id{"nvidia"};
    membership m{
        amd,  pf, tier_id{"premier"}, period{ymd(2022, 9, 12), std::nullopt},
        true, {}};
    batch b;
    b.add(nvidia)
        .add(m)
        .update(nvidia)
        .join(amd, pf, tier_id{"premier"}, ymd(2022, 9, 12), true)
        .leave(amd, pf, ymd(2024, 1, 1))
        .change_tier(amd, pf, tier_id{"general"}, ymd(2024, 2, 1))
        .affiliate(
            person_id{"jane-doe"},
            affiliation{
                amd, period{ymd(2020, 1, 1), std::nullopt}, "Engineer", {}})
        .end_affiliation(person_id{"jane-doe"}, amd, ymd(2024, 3, 1))
        .end_seat(body_id{"pytorch-board"}, person_id{"jane-doe"},
                  ymd(2024, 4, 1))
        .end_role(person_id{"ibrahim-haddad"}, "Executive Director", pf,
                  ymd(2024, 5, 1))
        .transfer(project_id{"pytorch"}, foundation_id{"linux-foundation"},
                  ymd(2024, 6, 1));
    const auto lines = b.describe();
    REQUIRE(lines.size() == b.size());

    CHECK(lines[0].starts_with("add "));
    CHECK(contains(lines[0], "nvidia"));
    CHECK(lines[1] ==
          "add membership of amd in pytorch-foundation from 2022-09-12");
    CHECK(lines[2].starts_with("update "));
    CHECK(contains(lines[2], "nvidia"));
    CHECK(
        lines[3].starts_with("join amd pytorch-foundation premier 2022-09-12"));
    CHECK(lines[3] !=
          "join amd pytorch-foundation premier 2022-09-12");  // founding shows

    CHECK(lines[4].starts_with("leave "));
    for (const char* part : {"amd", "pytorch-foundation", "2024-01-01"})
      CHECK(contains(lines[4], part));
    for (const char* part :
         {"amd", "pytorch-foundation", "general", "2024-02-01"})
      CHECK(contains(lines[5], part));
    CHECK(lines[6].starts_with("affiliate "));
    for (const char* part : {"jane-doe", "amd", "2020-01-01"})
      CHECK(contains(lines[6], part));
    for (const char* part : {"jane-doe", "amd", "2024-03-01"})
      CHECK(contains(lines[7], part));
    for (const char* part : {"pytorch-board", "jane-doe", "2024-04-01"})
      CHECK(contains(lines[8], part));
    for (const char* part : {"ibrahim-haddad", "Executive Director",
                             "pytorch-foundation", "2024-05-01"})
      CHECK(contains(lines[9], part));
    CHECK(lines[10].starts_with("transfer "));
    for (const char* part : {"pytorch", "linux-foundation", "2024-06-01"})
      CHECK(contains(lines[10], part));

    // Every line is different: an audit log can tell the operations apart.
    CHECK(std::set<std::string>(lines.begin(), lines.end()).size() ==
          lines.size());
  }

  TEST_CASE("clear empties a batch and keeps its room") {
    batch b;
    b.reserve(64);
    b.join(org_id{"amd"}, foundation_id{"pytorch-foundation"},
           tier_id{"premier"}, date{std::chrono::year{2022} / 9 / 12});
    b.add(organization{.id = org_id{"meta"}, .name = "Meta"});
    REQUIRE(b.size() == 2);
    const auto* room = b.operations().data();
    b.clear();
    CHECK(b.empty());
    CHECK(b.describe().empty());
    b.add(organization{.id = org_id{"intel"}, .name = "Intel"});
    CHECK(b.size() == 1);
    CHECK(b.operations().data() == room);  // the same storage, not a new one
    CHECK(std::get<op::add<organization>>(b.operations()[0]).record.id.str() ==
          "intel");
  }
}
