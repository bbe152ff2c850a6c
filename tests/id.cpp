#include <charter/id.hpp>

#include <doctest/doctest.h>

#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>

namespace {

using charter::body_id;
using charter::foundation_id;
using charter::org_id;
using charter::person_id;
using charter::project_id;
using charter::seat_class_id;
using charter::tier_id;

// Ids of different kinds are different types: no conversion, construction,
// assignment or comparison between them.
static_assert(!std::is_same_v<org_id, person_id>);
static_assert(!std::is_convertible_v<org_id, person_id>);
static_assert(!std::is_convertible_v<person_id, org_id>);
static_assert(!std::is_constructible_v<person_id, org_id>);
static_assert(!std::is_constructible_v<org_id, person_id>);
static_assert(!std::is_constructible_v<foundation_id, project_id>);
static_assert(!std::is_constructible_v<tier_id, seat_class_id>);
static_assert(!std::is_constructible_v<body_id, foundation_id>);
static_assert(!std::is_assignable_v<org_id&, person_id>);
static_assert(!std::is_assignable_v<foundation_id&, org_id>);
static_assert(!std::equality_comparable_with<org_id, person_id>);
static_assert(!std::equality_comparable_with<org_id, foundation_id>);

// Built from text only on purpose, and never turned back into it silently.
static_assert(std::is_constructible_v<org_id, std::string>);
static_assert(std::is_constructible_v<org_id, std::string_view>);
static_assert(std::is_constructible_v<org_id, const char*>);
static_assert(!std::is_convertible_v<std::string, org_id>);
static_assert(!std::is_convertible_v<const char*, org_id>);
static_assert(!std::is_convertible_v<org_id, std::string>);
static_assert(!std::is_constructible_v<org_id, int>);

// Regular value types, ordered and hashable.
static_assert(std::regular<org_id>);
static_assert(std::totally_ordered<org_id>);
static_assert(std::three_way_comparable<person_id>);
static_assert(std::is_nothrow_move_constructible_v<org_id>);
static_assert(std::is_default_constructible_v<org_id>);

// is_slug is usable at compile time.
static_assert(charter::is_slug("amd"));
static_assert(charter::is_slug("pytorch-foundation"));
static_assert(!charter::is_slug(""));
static_assert(!charter::is_slug("AMD"));
static_assert(noexcept(charter::is_slug("x")));

}  // namespace

TEST_SUITE("id") {
  TEST_CASE("is_slug accepts [a-z0-9][a-z0-9._-]*") {
    for (const char* s :
         {"a", "0", "amd", "aws", "pytorch-foundation", "linux-foundation",
          "a9", "9a", "0.1", "a.b", "a_b", "a-b", "a--b", "a-", "a.", "a_",
          "x1.2_3-4", "ibrahim-haddad", "2022-09-12"}) {
      CAPTURE(s);
      CHECK(charter::is_slug(s));
    }
  }

  TEST_CASE("is_slug rejects other text") {
    for (const char* s :
         {"",    "-a",  ".a",   "_a",          "-",    ".",   "A",
          "Amd", "amD", "a b",  " a",          "a ",   "a/b", "a:b",
          "a@b", "a+b", "a\tb", "caf\xc3\xa9", "a\nb", "AWS"}) {
      CAPTURE(s);
      CHECK_FALSE(charter::is_slug(s));
    }
  }

  TEST_CASE("is_slug allows at most 64 characters") {
    CHECK(charter::is_slug(std::string(63, 'a')));
    CHECK(charter::is_slug(std::string(64, 'a')));
    CHECK_FALSE(charter::is_slug(std::string(65, 'a')));
    CHECK(charter::is_slug("a" + std::string(63, '-')));
    CHECK_FALSE(charter::is_slug("a" + std::string(64, '-')));
    CHECK_FALSE(charter::is_slug(std::string(200, 'z')));
  }

  TEST_CASE("is_slug looks at the whole view, not at a terminator") {
    const std::string_view text("amd\0x", 5);
    CHECK_FALSE(charter::is_slug(text));
    CHECK(charter::is_slug(text.substr(0, 3)));
  }

  TEST_CASE("basic_id holds its text") {
    const org_id a{"amd"};
    CHECK(a.str() == "amd");
    CHECK_FALSE(a.empty());
    CHECK(org_id{}.empty());
    CHECK(org_id{}.str().empty());
    CHECK(org_id{std::string("aws")}.str() == "aws");
    CHECK(org_id{std::string_view("meta")}.str() == "meta");
    // Any text is held; whether it is a slug is checked by the registry.
    CHECK(org_id{"Not A Slug"}.str() == "Not A Slug");
  }

  TEST_CASE("basic_id compares by its text") {
    CHECK(org_id{"amd"} == org_id{"amd"});
    CHECK(org_id{"amd"} != org_id{"aws"});
    CHECK(org_id{"amd"} < org_id{"aws"});
    CHECK(org_id{"aws"} < org_id{"aws-labs"});
    CHECK(org_id{"a9"} < org_id{"aws"});
    CHECK(org_id{} < org_id{"a"});
    CHECK((person_id{"b"} <=> person_id{"a"}) > 0);
  }

  TEST_CASE("basic_id is hashable by its text") {
    std::unordered_set<org_id> ids{org_id{"amd"}, org_id{"aws"}, org_id{"amd"}};
    CHECK(ids.size() == 2);
    CHECK(ids.contains(org_id{"aws"}));
    CHECK_FALSE(ids.contains(org_id{"meta"}));
    CHECK(std::hash<org_id>{}(org_id{"amd"}) ==
          std::hash<std::string>{}("amd"));
    CHECK(std::hash<person_id>{}(person_id{"x"}) ==
          std::hash<person_id>{}(person_id{"x"}));
  }
}
