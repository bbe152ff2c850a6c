#include <charter/limits.hpp>

// The limits of <charter/limits.hpp> are held by every way in: the JSON
// reader, extra_fields::parse and the registry, each refusing a value one
// past a limit with a message that names the place and the limit. That the
// values at the limits go through every store and back is in
// tests/store.cpp.

#include <charter/error.hpp>
#include <charter/extra.hpp>
#include <charter/json.hpp>
#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

using namespace charter;

namespace {

// An object `depth` levels deep: {"a": {"a": ... {"a": 1}}}.
std::string nested(std::size_t depth) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += R"({"a": )";
  text += "1";
  text += std::string(depth, '}');
  return text;
}

// A document of one organization whose `extra` is `extra_text`.
std::string organization_with_extra(const std::string& extra_text) {
  return R"({"format": "charter-registry", "version": 1, "organizations": [)"
         R"({"id": "amd", "name": "AMD", "extra": )" +
         extra_text + "}]}";
}

std::vector<problem> refusal(const std::string& document) {
  try {
    (void)from_json(document);
  } catch (const validation_error& e) {
    return e.problems();
  }
  FAIL("the document was accepted");
  return {};
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

TEST_SUITE("limits") {
  TEST_CASE("the limits are those docs/registry-format.md states") {
    CHECK(max_extra_depth == 64);
    CHECK(max_extra_bytes == 64u * 1024 * 1024);
    CHECK(max_text_bytes == 16u * 1024 * 1024);
  }

  TEST_CASE("extra_fields::parse takes max_extra_depth levels, not one more") {
    CHECK(extra_fields::parse(nested(max_extra_depth)).json() ==
          nested(max_extra_depth));
    try {
      (void)extra_fields::parse(nested(max_extra_depth + 1));
      FAIL("accepted");
    } catch (const parse_error& e) {
      CHECK(contains(e.what(), "nested deeper than the limit of 64 levels"));
    }
  }

  TEST_CASE("the reader holds a record's extra to max_extra_depth") {
    // Deeper than any extra may be, though well within the document's own
    // limit (the extra stands three levels down): refused at its pointer.
    const auto problems =
        refusal(organization_with_extra(nested(max_extra_depth + 1)));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "/organizations/0/extra");
    CHECK(problems[0].message ==
          "nested 65 levels deep, deeper than the limit of 64");
    const registry reg =
        from_json(organization_with_extra(nested(max_extra_depth)));
    CHECK(reg.at(org_id{"amd"}).extra.json() == nested(max_extra_depth));
  }

  TEST_CASE("an extra longer than max_extra_bytes is refused, never cut") {
    // {"s": "xxx..."}: 9 bytes around the string's characters.
    const std::string over =
        R"({"s": ")" + std::string(max_extra_bytes - 8, 'x') + R"("})";
    REQUIRE(over.size() == max_extra_bytes + 1);
    try {
      (void)extra_fields::parse(over);
      FAIL("accepted");
    } catch (const parse_error& e) {
      CHECK(contains(e.what(), "an object of 67108865 bytes"));
      CHECK(contains(e.what(), "limit of 67108864 bytes"));
    }
    const auto problems = refusal(organization_with_extra(over));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "/organizations/0/extra");
    CHECK(contains(problems[0].message, "67108865 bytes long"));
    const std::string at_limit =
        R"({"s": ")" + std::string(max_extra_bytes - 9, 'x') + R"("})";
    CHECK(extra_fields::parse(at_limit).json().size() == max_extra_bytes);
  }

  TEST_CASE("the registry refuses a text longer than max_text_bytes") {
    const std::string longest(max_text_bytes, 'n');
    const std::string over(max_text_bytes + 1, 'n');
    registry reg;
    batch b;
    b.add(organization{.id = org_id{"amd"}, .name = longest});
    reg.apply(b);
    CHECK(reg.at(org_id{"amd"}).name.size() == max_text_bytes);

    batch bad;
    bad.add(organization{.id = org_id{"intel"},
                         .name = "Intel",
                         .aliases = {"Intel Corporation", over}});
    bad.add(person{.id = person_id{"jane"}, .name = over});
    try {
      reg.apply(bad);
      FAIL("accepted");
    } catch (const validation_error& e) {
      REQUIRE(e.problems().size() == 2);
      // In no document: placed by the record and field, which the message
      // names too.
      CHECK(e.problems()[0].where.empty());
      CHECK(e.problems()[0].record == "organization intel");
      CHECK(e.problems()[0].field == "/aliases/1");
      CHECK(e.problems()[0].message ==
            "'aliases/1' is 16777217 bytes long, longer than the limit of "
            "16777216 bytes");
      CHECK(to_string(e.problems()[0]) ==
            "organization intel: 'aliases/1' is 16777217 bytes long, longer "
            "than the limit of 16777216 bytes");
      CHECK(e.problems()[1].record == "person jane");
      CHECK(e.problems()[1].field == "/name");
    }
    // Nothing of the refused batch was applied.
    CHECK(reg.find(org_id{"intel"}) == nullptr);
    CHECK(reg.find(person_id{"jane"}) == nullptr);
  }
}
