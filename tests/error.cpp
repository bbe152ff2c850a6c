#include <charter/error.hpp>

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

using namespace charter;

// One hierarchy: everything charter throws is a charter::error, itself a
// std::runtime_error (STYLE.md).
static_assert(std::is_base_of_v<std::runtime_error, error>);
static_assert(std::is_base_of_v<error, validation_error>);
static_assert(std::is_base_of_v<error, not_found_error>);
static_assert(std::is_base_of_v<error, parse_error>);
static_assert(std::is_base_of_v<error, storage_error>);
static_assert(std::is_base_of_v<storage_error, conflict_error>);
static_assert(std::is_base_of_v<storage_error, busy_error>);
static_assert(std::is_base_of_v<error, report_error>);
static_assert(max_problems == 100);

TEST_SUITE("error") {
  TEST_CASE(
      "a validation error keeps every problem and says the first, with a "
      "count") {
    std::vector<problem> problems{
        {"/memberships/3/tier", "silver",
         "foundation 'pytorch-foundation' has no tier 'silver'"},
        {"/organizations/0/id", "AMD", "organization id 'AMD' is not a slug"},
        {"/people/2/name", "jane", "'name' must not be empty"}};
    const validation_error e(problems);
    CHECK(e.problems() == problems);
    CHECK(std::string(e.what()) ==
          "/memberships/3/tier: foundation 'pytorch-foundation' has no tier "
          "'silver' (and 2 more)");
  }

  TEST_CASE("a problem is said with its place, else its record") {
    const problem in_document{
        "/memberships/0/tier", "gold", "foundation 'f' has no tier 'gold'",
        "membership of amd in f from 2022-09-12", "/tier"};
    CHECK(to_string(in_document) ==
          "/memberships/0/tier: foundation 'f' has no tier 'gold'");
    const problem in_record{"", "arm", "duplicate organization id 'arm'",
                            "organization arm", "/id"};
    CHECK(to_string(in_record) ==
          "organization arm: duplicate organization id 'arm'");
    const problem alone{"", "amazon",
                        "'amazon' holds no membership of 'f' on 2024-01-01", "",
                        ""};
    CHECK(to_string(alone) ==
          "'amazon' holds no membership of 'f' on 2024-01-01");
    CHECK(std::string(validation_error({in_record}).what()) ==
          "organization arm: duplicate organization id 'arm'");
  }

  TEST_CASE("a problem without a place is said alone") {
    const validation_error one({{"", "", "line 3, column 17: expected ':'"}});
    CHECK(std::string(one.what()) == "line 3, column 17: expected ':'");
    const validation_error none({});
    CHECK(std::string(none.what()) == "invalid");
  }

  TEST_CASE("not found names the kind and the id") {
    const not_found_error e("organization", "nvidia");
    CHECK(e.kind() == "organization");
    CHECK(e.id() == "nvidia");
    CHECK(std::string(e.what()) == "no organization 'nvidia'");
  }

  TEST_CASE("the other errors carry their message") {
    CHECK(std::string(parse_error("'2023-02-30' is not a date").what()) ==
          "'2023-02-30' is not a date");
    CHECK(std::string(storage_error("database busy").what()) ==
          "database busy");
    CHECK(std::string(conflict_error("changed by another writer").what()) ==
          "changed by another writer");
    CHECK(std::string(report_error("no svg for roster").what()) ==
          "no svg for roster");
  }
}
