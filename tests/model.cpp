#include <charter/model.hpp>

#include <doctest/doctest.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

using namespace charter;

namespace {

constexpr date ymd(int y, unsigned m, unsigned d) {
  return date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// References to a steward, a body's owner or a role's scope keep the kind
// of what they name: the same text in two kinds is two different values.
static_assert(std::variant_size_v<steward_ref> == 2);
static_assert(std::variant_size_v<body_owner> == 2);
static_assert(std::variant_size_v<role_scope> == 3);
static_assert(
    std::is_same_v<std::variant_alternative_t<0, steward_ref>, org_id>);
static_assert(
    std::is_same_v<std::variant_alternative_t<1, steward_ref>, foundation_id>);
static_assert(!std::is_convertible_v<std::string, steward_ref>);

// Records are regular values.
static_assert(std::is_copy_constructible_v<organization>);
static_assert(std::is_nothrow_move_constructible_v<organization>);
static_assert(std::equality_comparable<organization>);
static_assert(std::equality_comparable<person>);
static_assert(std::equality_comparable<foundation>);
static_assert(std::equality_comparable<project>);
static_assert(std::equality_comparable<membership>);
static_assert(std::equality_comparable<body>);
static_assert(std::equality_comparable<seat>);
static_assert(std::equality_comparable<role>);

// Ids inside records are typed.
static_assert(std::is_same_v<decltype(membership::org), org_id>);
static_assert(std::is_same_v<decltype(membership::foundation), foundation_id>);
static_assert(std::is_same_v<decltype(membership::tier), tier_id>);
static_assert(std::is_same_v<decltype(seat::person), person_id>);
static_assert(
    std::is_same_v<decltype(seat::represents), std::optional<org_id>>);

}  // namespace

TEST_SUITE("model") {
  TEST_CASE("org_kind names round trip") {
    const std::array<std::pair<org_kind, std::string_view>, 6> all{{
        {org_kind::company, "company"},
        {org_kind::nonprofit, "nonprofit"},
        {org_kind::academic, "academic"},
        {org_kind::government, "government"},
        {org_kind::foundation, "foundation"},
        {org_kind::other, "other"},
    }};
    for (const auto& [k, spelled] : all) {
      const std::string_view name = spelled;
      CAPTURE(name);
      CHECK(to_string(k) == name);
      CHECK(parse_org_kind(name) == k);
    }
    CHECK_FALSE(parse_org_kind(""));
    CHECK_FALSE(parse_org_kind("Company"));
    CHECK_FALSE(parse_org_kind("corporation"));
    CHECK_FALSE(parse_org_kind("company "));
  }

  TEST_CASE("seat_mode names round trip") {
    const std::array<std::pair<seat_mode, std::string_view>, 4> all{{
        {seat_mode::per_member, "per-member"},
        {seat_mode::elected, "elected"},
        {seat_mode::fixed, "fixed"},
        {seat_mode::ex_officio, "ex-officio"},
    }};
    for (const auto& [m, spelled] : all) {
      const std::string_view name = spelled;
      CAPTURE(name);
      CHECK(to_string(m) == name);
      CHECK(parse_seat_mode(name) == m);
    }
    CHECK_FALSE(parse_seat_mode("per_member"));
    CHECK_FALSE(parse_seat_mode("ex_officio"));
    CHECK_FALSE(parse_seat_mode("Elected"));
    CHECK_FALSE(parse_seat_mode(""));
  }

  TEST_CASE("rounding names round trip") {
    CHECK(to_string(rounding::up) == "up");
    CHECK(to_string(rounding::down) == "down");
    CHECK(parse_rounding("up") == rounding::up);
    CHECK(parse_rounding("down") == rounding::down);
    CHECK_FALSE(parse_rounding("nearest"));
    CHECK_FALSE(parse_rounding("UP"));
    CHECK_FALSE(parse_rounding(""));
  }

  TEST_CASE("office names round trip") {
    const std::array<std::pair<office, std::string_view>, 4> all{{
        {office::chair, "chair"},
        {office::vice_chair, "vice-chair"},
        {office::treasurer, "treasurer"},
        {office::secretary, "secretary"},
    }};
    for (const auto& [o, spelled] : all) {
      const std::string_view name = spelled;
      CAPTURE(name);
      CHECK(to_string(o) == name);
      CHECK(parse_office(name) == o);
    }
    CHECK_FALSE(parse_office("vice_chair"));
    CHECK_FALSE(parse_office("Chair"));
    CHECK_FALSE(parse_office("president"));
    CHECK_FALSE(parse_office(""));
  }

  TEST_CASE("record defaults") {
    const organization o{};
    CHECK(o.kind == org_kind::company);
    CHECK_FALSE(o.parent);
    const tier t{};
    CHECK(t.rank == 1);
    CHECK_FALSE(t.annual_fee);
    CHECK(t.requirements.empty());
    const membership m{};
    CHECK_FALSE(m.founding);
    const seat_class c{};
    CHECK(c.mode == seat_mode::fixed);
    CHECK(c.per == 1);
    CHECK(c.round == rounding::up);
    CHECK(c.count == 0);
    CHECK_FALSE(c.min);
    CHECK_FALSE(c.max);
    CHECK_FALSE(c.voting);
    const body b{};
    CHECK(b.kind == "board");
    CHECK_FALSE(b.rules.max_per_family);
    CHECK(b.rules.exclusive_with.empty());
  }

  TEST_CASE("seat_class::is_voting defaults to true") {
    seat_class c;
    CHECK(c.is_voting());
    c.voting = false;
    CHECK_FALSE(c.is_voting());
    c.voting = true;
    CHECK(c.is_voting());
  }

  TEST_CASE("foundation::find_tier") {
    foundation f;
    f.id = foundation_id{"pytorch-foundation"};
    f.tiers = {
        tier{tier_id{"premier"}, "Premier", 1, money{0, "USD"}, {}, {}},
        tier{tier_id{"general"}, "General", 2, std::nullopt, {}, {}},
        tier{tier_id{"associate"}, "Associate", 3, std::nullopt, {}, {}},
    };
    const tier* premier = f.find_tier(tier_id{"premier"});
    REQUIRE(premier);
    CHECK(premier == &f.tiers[0]);
    CHECK(premier->rank == 1);
    CHECK(premier->annual_fee == money{0, "USD"});
    const tier* associate = f.find_tier(tier_id{"associate"});
    REQUIRE(associate);
    CHECK(associate->name == "Associate");
    CHECK(f.find_tier(tier_id{"platinum"}) == nullptr);
    CHECK(f.find_tier(tier_id{""}) == nullptr);
    CHECK(f.find_tier(tier_id{"Premier"}) == nullptr);
    CHECK(foundation{}.find_tier(tier_id{"premier"}) == nullptr);
  }

  TEST_CASE("body::find_class") {
    body b;
    b.id = body_id{"pytorch-board"};
    b.owner = foundation_id{"pytorch-foundation"};
    seat_class premier;
    premier.id = seat_class_id{"premier"};
    premier.mode = seat_mode::per_member;
    premier.tier = tier_id{"premier"};
    seat_class at_large;
    at_large.id = seat_class_id{"at-large"};
    at_large.count = 2;
    b.seat_classes = {premier, at_large};

    const seat_class* found = b.find_class(seat_class_id{"at-large"});
    REQUIRE(found);
    CHECK(found == &b.seat_classes[1]);
    CHECK(found->count == 2);
    REQUIRE(b.find_class(seat_class_id{"premier"}));
    CHECK(b.find_class(seat_class_id{"premier"})->mode ==
          seat_mode::per_member);
    CHECK(b.find_class(seat_class_id{"general"}) == nullptr);
    CHECK(body{}.find_class(seat_class_id{"premier"}) == nullptr);
  }

  TEST_CASE("str names the id of a steward, an owner or a scope") {
    CHECK(str(steward_ref{org_id{"meta"}}) == "meta");
    CHECK(str(steward_ref{foundation_id{"pytorch-foundation"}}) ==
          "pytorch-foundation");
    CHECK(str(body_owner{project_id{"pytorch"}}) == "pytorch");
    CHECK(str(body_owner{foundation_id{"linux-foundation"}}) ==
          "linux-foundation");
    CHECK(str(role_scope{body_id{"pytorch-board"}}) == "pytorch-board");
    CHECK(str(role_scope{project_id{"pytorch"}}) == "pytorch");
    CHECK(str(role_scope{foundation_id{"pytorch-foundation"}}) ==
          "pytorch-foundation");
    // Same text, different kinds: not equal.
    CHECK(steward_ref{org_id{"x"}} != steward_ref{foundation_id{"x"}});
    CHECK(role_scope{project_id{"x"}} != role_scope{body_id{"x"}});
  }

  TEST_CASE("records compare by every field") {
    membership a{org_id{"amd"},
                 foundation_id{"pytorch-foundation"},
                 tier_id{"premier"},
                 period{ymd(2022, 9, 12), std::nullopt},
                 true,
                 {}};
    membership b = a;
    CHECK(a == b);
    b.when.to = ymd(2024, 1, 1);
    CHECK(a != b);
    b = a;
    b.founding = false;
    CHECK(a != b);
    b = a;
    b.extra = extra_fields::parse(R"({"note": "x"})");
    CHECK(a != b);

    organization o{org_id{"aws"},
                   "Amazon Web Services",
                   org_kind::company,
                   org_id{"amazon"},
                   {"AWS"},
                   {"aws.amazon.com"},
                   {}};
    organization p = o;
    CHECK(o == p);
    p.parent.reset();
    CHECK(o != p);
  }
}
