#include <charter/import.hpp>

// The importers' shared mapping layer (src/import): text, tables, dates,
// names, the builder's matching; and the registry several sources build
// together. Each source's own tests are in tests/import/.

#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include "import/dates.hpp"
#include "import/names.hpp"
#include "import/text.hpp"

using namespace charter;

TEST_SUITE("import") {
  TEST_CASE("a place is written file:line:column") {
    CHECK(to_string(source_place{"sigs.yaml", 12, 3}) == "sigs.yaml:12:3");
    CHECK(to_string(source_place{"sigs.yaml", 12, 0}) == "sigs.yaml:12");
    CHECK(to_string(source_place{"sigs.yaml", 0, 0}) == "sigs.yaml");
    const import_error e({"a.md", 4, 7}, "the column 'Name' is missing");
    CHECK(std::string(e.what()) == "a.md:4:7: the column 'Name' is missing");
    CHECK(e.reason() == "the column 'Name' is missing");
  }

  TEST_CASE("the nine sources, in the documented order") {
    const auto s = import_sources();
    REQUIRE(s.size() == 9);
    CHECK(s.front() == "landscape");
    CHECK(s.back() == "gitdm");
    const std::string none[] = {"x"};
    CHECK_THROWS_WITH_AS(read_source(registry{}, "landscapes", none),
                         doctest::Contains("unknown source 'landscapes'"),
                         error);
  }
}
