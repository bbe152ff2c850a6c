#include <charter/json.hpp>

#include <charter/batch.hpp>
#include <charter/error.hpp>
#include <charter/extra_json.hpp>
#include <charter/limits.hpp>
#include <charter/model.hpp>
#include <charter/registry.hpp>

#include "json/reader.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

using charter::problem;

// A document in the canonical layout: importing and exporting it gives it
// back byte for byte.
constexpr std::string_view canonical = R"({
  "format": "charter-registry",
  "version": 1,
  "organizations": [
    {"id": "amazon", "name": "Amazon", "kind": "company"},
    {"id": "aws", "name": "Amazon Web Services", "kind": "company", "parent": "amazon", "aliases": ["AWS"], "domains": ["aws.amazon.com"]},
    {"id": "linux-foundation", "name": "The Linux Foundation", "kind": "nonprofit", "extra": {"wikidata": "Q858851"}},
    {"id": "meta", "name": "Meta", "kind": "company"}
  ],
  "people": [
    {"id": "ibrahim-haddad", "name": "Ibrahim Haddad", "emails": ["ibrahim@example.org"], "handles": {"github": "ibrahimhaddad", "x": "ih"}, "affiliations": [{"org": "linux-foundation", "from": "2020-01-01", "title": "VP, Strategic Programs"}]},
    {"id": "jane-doe", "name": "Jane \"JD\" Doe é✓", "affiliations": [{"org": "aws", "from": "2019-03-01", "to": "2024-01-01"}]}
  ],
  "foundations": [
    {"id": "linux-foundation", "name": "The Linux Foundation", "founded": "2000-01-01", "tiers": [{"id": "platinum", "name": "Platinum", "rank": 1, "annual_fee": {"amount": 500000, "currency": "USD"}}, {"id": "silver", "name": "Silver", "rank": 3, "annual_fee": {"amount": 1234.56, "currency": "EUR"}}]},
    {"id": "pytorch-foundation", "name": "PyTorch Foundation", "parent": "linux-foundation", "founded": "2022-09-12", "tiers": [{"id": "premier", "name": "Premier", "rank": 1, "requires": [{"foundation": "linux-foundation", "min_tier": "silver"}]}, {"id": "general", "name": "General", "rank": 2}]}
  ],
  "projects": [
    {"id": "pytorch", "name": "PyTorch", "founded": "2016-09-01", "stewards": [{"org": "meta", "from": "2016-09-01", "to": "2022-09-12"}, {"foundation": "pytorch-foundation", "from": "2022-09-12"}], "stages": [{"stage": "active", "from": "2016-09-01"}]}
  ],
  "memberships": [
    {"org": "aws", "foundation": "linux-foundation", "tier": "silver", "from": "2015-01-01"},
    {"org": "aws", "foundation": "pytorch-foundation", "tier": "general", "from": "2022-09-12", "to": "2023-01-01", "founding": true},
    {"org": "aws", "foundation": "pytorch-foundation", "tier": "premier", "from": "2023-01-01"},
    {"org": "meta", "foundation": "pytorch-foundation", "tier": "premier", "from": "2022-09-12", "founding": true, "extra": {"note": "founding member"}}
  ],
  "bodies": [
    {"id": "pytorch-board", "name": "Governing Board", "kind": "board", "foundation": "pytorch-foundation", "seat_classes": [{"id": "premier", "mode": "per-member", "tier": "premier"}, {"id": "general", "mode": "elected", "tier": "general", "per": 10, "min": 0, "max": 3, "round": "down"}, {"id": "at-large", "mode": "fixed", "count": 2}, {"id": "executive-director", "mode": "ex-officio", "role": "Executive Director", "voting": false}], "rules": {"max_per_family": 1, "max_fraction_per_family": 0.25, "term_years": 2, "max_consecutive_terms": 3, "min_size": 3, "max_size": 15, "quorum": 0.5, "exclusive_with": ["pytorch-tac"]}},
    {"id": "pytorch-tac", "name": "Technical Advisory Council", "kind": "committee", "project": "pytorch"}
  ],
  "seats": [
    {"body": "pytorch-board", "class": "executive-director", "person": "ibrahim-haddad", "from": "2022-09-12"},
    {"body": "pytorch-board", "class": "premier", "person": "jane-doe", "represents": "aws", "office": "chair", "voting": true, "from": "2023-01-01", "to": "2024-01-01"}
  ],
  "roles": [
    {"person": "ibrahim-haddad", "title": "Executive Director", "foundation": "pytorch-foundation", "from": "2022-09-12"}
  ]
}
)";

// A document with the given collections (the text between the braces).
std::string document(std::string_view collections) {
  std::string text = R"({"format": "charter-registry", "version": 1)";
  if (!collections.empty()) text += ", ";
  text += collections;
  text += "}";
  return text;
}

// Two organizations and a foundation, for the records that refer to them.
constexpr std::string_view base = R"(
  "organizations": [{"id": "amd", "name": "AMD"}, {"id": "meta", "name": "Meta"}],
  "foundations": [{"id": "pf", "name": "PyTorch Foundation",
                   "tiers": [{"id": "premier", "name": "Premier", "rank": 1},
                             {"id": "general", "name": "General", "rank": 2}]}])";

std::string with_base(std::string_view more) {
  std::string collections(base);
  if (!more.empty()) collections += ", " + std::string(more);
  return document(collections);
}

// The problems `from_json` reports for a document it must reject.
std::vector<problem> problems_of(const std::string& text) {
  try {
    (void)charter::from_json(text);
  } catch (const charter::validation_error& e) {
    return e.problems();
  }
  FAIL("the document was accepted:\n" << text);
  return {};
}

std::string describe(const std::vector<problem>& problems) {
  std::string text;
  for (const auto& p : problems) text += "\n  " + p.where + ": " + p.message;
  return text;
}

// The only problem of a rejected document.
problem only_problem(const std::string& text) {
  auto problems = problems_of(text);
  INFO("problems:" << describe(problems));
  REQUIRE(problems.size() == 1);
  return problems.front();
}

// A document of `n` organizations, one a line, larger than the pieces a
// stream is read in (1 MiB) when `n` is in the thousands. Names hold
// multi-byte characters so that pieces end inside them.
std::string many_organizations(int n) {
  std::string text = "{\n  \"organizations\": [\n";
  for (int i = 0; i < n; ++i) {
    text += fmt::format(
        R"(    {{"id": "org-{:05}", "name": "Caf\u00e9 Ünïcødé ✓ {}", )"
        R"("domains": ["org{}.example"], "extra": {{"n": {}, "tags": ["a", "b"]}}}})",
        i, i, i, i);
    text += i + 1 < n ? ",\n" : "\n";
  }
  text += "  ],\n  \"format\": \"charter-registry\",\n  \"version\": 1\n}\n";
  return text;
}

// The problems `from_json(std::istream&)` reports for a document it must
// reject.
std::vector<problem> stream_problems_of(std::istream& in) {
  try {
    (void)charter::from_json(in);
  } catch (const charter::validation_error& e) {
    return e.problems();
  }
  FAIL("the document was accepted");
  return {};
}
std::vector<problem> stream_problems_of(const std::string& text) {
  std::istringstream in(text);
  return stream_problems_of(in);
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// A folder of its own for one test, removed at the end.
struct temporary_folder {
  std::filesystem::path path;
  temporary_folder() {
    std::random_device random;
    path = std::filesystem::temp_directory_path() /
           ("charter-json-test-" + std::to_string(random()));
    std::filesystem::create_directories(path);
  }
  ~temporary_folder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

TEST_SUITE("json") {
  TEST_CASE("a canonical document round trips byte for byte") {
    const charter::registry reg = charter::from_json(canonical);
    const std::string exported = charter::to_json(reg);
    CHECK(exported == canonical);
    CHECK(charter::to_json(charter::from_json(exported)) == exported);

    CHECK(reg.organizations().size() == 4);
    CHECK(reg.at(charter::org_id("aws")).parent == charter::org_id("amazon"));
    const auto& silver = *reg.at(charter::foundation_id("linux-foundation"))
                              .find_tier(charter::tier_id("silver"));
    REQUIRE(silver.annual_fee.has_value());
    CHECK(silver.annual_fee->cents == 123456);
    CHECK(silver.annual_fee->currency == "EUR");
    CHECK(reg.at(charter::person_id("jane-doe")).name ==
          "Jane \"JD\" Doe \xc3\xa9\xe2\x9c\x93");
    const auto& board = reg.at(charter::body_id("pytorch-board"));
    CHECK(board.rules.quorum == 0.5);
    CHECK(board.seat_classes.at(1).round == charter::rounding::down);
    CHECK(board.seat_classes.at(3).voting == false);
  }

  TEST_CASE("export is canonical whatever the input's order and defaults") {
    const std::string messy = R"({
      "roles": [], "seats": [],
      "version": 1,
      "memberships": [
        {"founding": false, "to": null, "from": "2022-09-12", "tier": "premier",
         "foundation": "pf", "org": "meta"},
        {"org": "amd", "foundation": "pf", "tier": "premier", "from": "2022-09-12",
         "founding": true, "extra": {}}],
      "organizations": [
        {"name": "Meta", "id": "meta", "aliases": [], "parent": null},
        {"id": "amd", "name": "AMD", "kind": "company"}],
      "bodies": [{"id": "b", "name": "Board", "foundation": "pf",
                  "seat_classes": [{"mode": "elected", "id": "e", "tier": "premier",
                                    "per": 2, "round": "up", "voting": null}],
                  "rules": {"quorum": null}}],
      "format": "charter-registry",
      "foundations": [{"id": "pf", "name": "PF", "tiers": [
        {"id": "premier", "name": "Premier", "rank": 1,
         "annual_fee": {"currency": "USD", "amount": 1e3}}]}]
    })";
    CHECK(charter::to_json(charter::from_json(messy)) == R"({
  "format": "charter-registry",
  "version": 1,
  "organizations": [
    {"id": "amd", "name": "AMD", "kind": "company"},
    {"id": "meta", "name": "Meta", "kind": "company"}
  ],
  "people": [],
  "foundations": [
    {"id": "pf", "name": "PF", "tiers": [{"id": "premier", "name": "Premier", "rank": 1, "annual_fee": {"amount": 1000, "currency": "USD"}}]}
  ],
  "projects": [],
  "memberships": [
    {"org": "amd", "foundation": "pf", "tier": "premier", "from": "2022-09-12", "founding": true},
    {"org": "meta", "foundation": "pf", "tier": "premier", "from": "2022-09-12"}
  ],
  "bodies": [
    {"id": "b", "name": "Board", "kind": "board", "foundation": "pf", "seat_classes": [{"id": "e", "mode": "elected", "tier": "premier", "per": 2}]}
  ],
  "seats": [],
  "roles": []
}
)");
  }

  TEST_CASE("an empty registry exports empty collections") {
    CHECK(charter::to_json(charter::registry{}) == R"({
  "format": "charter-registry",
  "version": 1,
  "organizations": [],
  "people": [],
  "foundations": [],
  "projects": [],
  "memberships": [],
  "bodies": [],
  "seats": [],
  "roles": []
}
)");
    CHECK(charter::from_json(document("")).organizations().empty());
  }

  TEST_CASE("malformed JSON is reported with its line and column") {
    const auto p = only_problem(
        "{\n  \"format\": \"charter-registry\",\n  \"version\" 1\n}");
    CHECK(p.where == "");
    CHECK(p.message == "line 3, column 13: syntax error (unexpected '1')");

    // Columns count characters, not bytes.
    CHECK(contains(only_problem("{\"people\": [\"na\xc3\xafve\",, 2]}").message,
                   "line 1, column 21: syntax error (unexpected ',')"));
    CHECK(only_problem("").message ==
          "line 1, column 1: incomplete JSON (unexpected end of text)");
    // A bad literal, at its first letter (Boost.JSON alone says the first
    // letter that differs when the text holds fewer bytes than the literal:
    // found by fuzz_stream_pieces).
    CHECK(only_problem(R"({"people": n")").message ==
          "line 1, column 12: syntax error (unexpected 'n')");
    CHECK(only_problem(R"({"people": [1, tru]})").message ==
          "line 1, column 16: syntax error (unexpected 't')");
    // A bad \u escape, at its first character that is not a hex digit
    // (Boost.JSON alone says the '0' before it, or the '-', depending on
    // how much text follows: found by fuzz_stream_pieces).
    CHECK(only_problem(R"({"people": [{"id": "a", "name": "\u00-9"}]})")
              .message ==
          "line 1, column 38: expected hex digit (unexpected '-')");
    CHECK(only_problem(R"({"people": [{"id": "a", "name": "\u00-9")").message ==
          "line 1, column 38: expected hex digit (unexpected '-')");
    // The second half of a pair with a backslash among its digits, where
    // Boost.JSON says the 'u' after that backslash; and a "\u" after an
    // escaped backslash, which is text (found by fuzz_stream_pieces).
    CHECK(only_problem(R"({"people": [{"id": "\ud83d\u\ude00!"}]})").message ==
          "line 1, column 29: expected hex digit (unexpected '\\')");
    CHECK(only_problem(R"({"people": [{"id": "\\u\uZ"}]})").message ==
          "line 1, column 26: expected hex digit (unexpected 'Z')");
    CHECK(contains(only_problem(document("") + " {}").message,
                   "line 1, column 46: extra data (unexpected '{')"));
    CHECK(contains(only_problem("{\"format\": \"charter-registry\",\n").message,
                   "line 2, column 1: "));
  }

  TEST_CASE("an escaped surrogate without its pair is reported at itself") {
    const std::string lone =
        "lone surrogate \\ud800 (an escaped UTF-16 surrogate must be a "
        "pair: \\ud800 to \\udbff, then \\udc00 to \\udfff)";
    // The backslash of \ud800 is the 73rd character, on line 1.
    CHECK(only_problem(
              document(R"("organizations": [{"id": "a\ud800", "name": "A"}])"))
              .message == "line 1, column 73: " + lone);
    // The same in a name on line 3, after a pair and before another escape.
    CHECK(only_problem("{\n\n  \"people\": [{\"id\": \"p\", \"name\": "
                       "\"\\ud83d\\ude00\\ud800\\u0041\"}]}")
              .message == "line 3, column 47: " + lone);
    // Cut between two pieces of the reader (1 MiB each): the backslash is
    // the piece's last byte but two, on line 2.
    const std::string head = "{\n";
    const std::string before = R"("people": [{"id": "p", "name": "x)";
    const std::size_t at = (std::size_t{1} << 20) - 3;
    const std::string padding(at - head.size() - before.size(), ' ');
    const std::string cut =
        head + padding + before +
        R"(\ud800"}], "format": "charter-registry", "version": 1})";
    const std::string expected = fmt::format(
        "line 2, column {}: {}", padding.size() + before.size() + 1, lone);
    CHECK(only_problem(cut).message == expected);
    CHECK(stream_problems_of(cut) == std::vector<problem>{{{}, {}, expected}});
    // A bad literal cut after its first letter by the seam is placed at
    // that letter, as in a text read whole (found by fuzz_stream_pieces).
    const std::string open = "\"people\": [";
    const std::string literal_padding(at + 2 - head.size() - open.size(), ' ');
    CHECK(only_problem(head + literal_padding + open + "tated]}").message ==
          fmt::format("line 2, column {}: syntax error (unexpected 't')",
                      literal_padding.size() + open.size() + 1));
    // An escaped backslash starts no escape: "\\\\ud800" is text.
    CHECK(charter::from_json(
              document(R"("people": [{"id": "p", "name": "\\ud800"}])"))
              .people()[0]
              .name == "\\ud800");
  }

  TEST_CASE("a syntax error is placed alike wherever the text is cut") {
    // The reader hands the parser pieces of 1 MiB; here of 16 bytes, so
    // that every few bytes is a seam. Each case is a document with four
    // bytes put at each of 16 offsets, so that a seam falls before, within
    // and after them; read in pieces it gives what it gives read whole.
    const auto message = [](auto read) -> std::string {
      try {
        (void)read();
      } catch (const charter::validation_error& e) {
        return describe(e.problems());
      }
      return "accepted";
    };
    const auto alike = [&](const std::string& text) {
      INFO("text: " << text);
      const std::string whole =
          message([&] { return charter::from_json(text); });
      CHECK(message([&] {
              return charter::detail::read_json_registry(text, 16);
            }) == whole);
      return whole;
    };
    const std::string name = R"({"people": [{"id": "x", "name": ")";
    const std::string lone =
        "lone surrogate \\ud83d (an escaped UTF-16 surrogate must be a "
        "pair: \\ud800 to \\udbff, then \\udc00 to \\udfff)";
    const std::string value =
        R"({"people": [{"id": "x", "name": "y", "extra": {"k": [)";
    for (std::size_t shift = 0; shift < 16; ++shift) {
      const std::string in_name = name + std::string(30 + shift, '!');
      const std::string in_value = value + std::string(30 + shift, ' ');
      // Found by fuzz_stream_pieces and a sweep of all four-byte strings of
      // 16 bytes (UTF-8 lead and continuation bytes, escapes, quotes,
      // letters): a bad UTF-8 sequence whose lead byte ends a piece while
      // the next lead byte (\xDE) is cut off, or before a cut before an
      // escape or after white space; a second \u right after a first; a
      // bad literal before bad UTF-8, before lead bytes only (\xFF...) or
      // before bad UTF-8 cut off by a surrogate pair cut off; a
      // letter in a string, taken for a
      // literal; and the first half of a surrogate pair at the end of a
      // piece, cut before the backslash of its second half or before bad
      // UTF-8 after it; and a piece ending inside an escape after a pair.
      // Each is placed at its first byte, counted in characters.
      struct placed {
        std::string bytes;
        std::size_t at;  // the index in `bytes` of the error
        std::string what;
      };
      for (const placed& p :
           {placed{"\xDF\xDE\xDE!", 0, "syntax error (unexpected byte 0xDF)"},
            placed{"!\xC3\\u", 1, "syntax error (unexpected byte 0xC3)"},
            placed{"!\xE2 !", 1, "syntax error (unexpected byte 0xE2)"},
            placed{"\\u\\u", 2, "expected hex digit (unexpected '\\')"},
            placed{" t\xE2 ", 2, "syntax error (unexpected byte 0xE2)"},
            placed{"\\u00e9\\ud83d\\\xD7ud", 6, lone},
            placed{"\\ud83d\xD7\\\\", 0, lone},
            placed{"\\ud83d\\ude00\\ude00", 12,
                   "lone surrogate \\ude00" + lone.substr(21)}}) {
        const std::size_t column = name.size() + 30 + shift + p.at + 1;
        CHECK(alike(in_name + p.bytes + std::string(20, '!') +
                    "\", \"name\": \"x\"}]}") ==
              fmt::format("\n  : line 1, column {}: {}", column, p.what));
      }
      const std::size_t letter = value.size() + 30 + shift + 1;
      for (const std::string& literal :
           {std::string("tr\xE2 "), std::string("f\xE2t "),
            "f" + std::string(20, '\xFF'),
            std::string("tr\xF6\"f\\ud83d\\ude00")})
        CHECK(alike(in_value + literal + "]}}]}") ==
              fmt::format("\n  : line 1, column {}: syntax error "
                          "(unexpected '{}')",
                          letter, literal[0]));
    }
  }

  TEST_CASE("a value of the wrong type is reported at its pointer") {
    const auto p = only_problem(
        document(R"("organizations": [{"id": "amd", "name": 5}])"));
    CHECK(p.where == "/organizations/0/name");
    CHECK(p.message == "expected a string, found a number");

    CHECK(only_problem(document(R"("people": {})")).where == "/people");
    CHECK(only_problem(document(R"("people": ["x"])")).where == "/people/0");
    CHECK(only_problem(
              with_base(R"("memberships": [{"org": "amd", "foundation": "pf",
        "tier": "premier", "from": "2022-09-12", "founding": "yes"}])"))
              .where == "/memberships/0/founding");
    CHECK(only_problem("[]").message == "expected an object, found an array");
  }

  TEST_CASE("a missing required field is reported at its pointer") {
    const auto p = only_problem(with_base(
        R"("memberships": [{"org": "amd", "foundation": "pf", "from": "2022-09-12"}])"));
    CHECK(p.where == "/memberships/0/tier");
    CHECK(p.message == "missing required field \"tier\"");

    CHECK(
        only_problem(document(R"("organizations": [{"name": "AMD"}])")).where ==
        "/organizations/0/id");
    CHECK(only_problem(R"({"version": 1})").where == "/format");
  }

  TEST_CASE("an unknown field is named") {
    const auto p = only_problem(document(
        R"("organizations": [{"id": "amd", "name": "AMD", "nmae": "x"}])"));
    CHECK(p.where == "/organizations/0/nmae");
    CHECK(p.message == "unknown field \"nmae\" (did you mean \"name\"?)");

    CHECK(only_problem(document(R"("organisations": [])")).where ==
          "/organisations");
    // JSON Pointer escaping of the key.
    CHECK(
        only_problem(
            document(
                R"("organizations": [{"id": "amd", "name": "AMD", "a/b~c": 1}])"))
            .where == "/organizations/0/a~1b~0c");
    // Inside extra, anything goes.
    CHECK_NOTHROW(charter::from_json(document(
        R"("organizations": [{"id": "amd", "name": "AMD", "extra": {"nmae": {"x": [1]}}}])")));
  }

  TEST_CASE("a bad date is reported at its pointer") {
    const auto p = only_problem(
        with_base(R"("memberships": [{"org": "amd", "foundation": "pf",
        "tier": "premier", "from": "2022-02-30"}])"));
    CHECK(p.where == "/memberships/0/from");
    CHECK(contains(p.message, "2022-02-30"));

    CHECK(only_problem(
              document(R"("people": [{"id": "p", "name": "P", "affiliations": [
        {"org": "x", "from": "2020-01-01"}, {"org": "x", "from": "2020-1-1"}]}])"))
              .where == "/people/0/affiliations/1/from");
  }

  TEST_CASE("a period whose to is not after its from is rejected") {
    const auto p = only_problem(
        with_base(R"("memberships": [{"org": "amd", "foundation": "pf",
        "tier": "premier", "from": "2022-09-12", "to": "2022-09-12"}])"));
    CHECK(p.where == "/memberships/0/to");

    CHECK(only_problem(
              with_base(R"("people": [{"id": "p", "name": "P", "affiliations": [
        {"org": "amd", "from": "2020-01-01", "to": "2019-01-01"}]}])"))
              .where == "/people/0/affiliations/0/to");
  }

  TEST_CASE("a duplicate id is reported at the duplicate") {
    const auto p = only_problem(document(R"("organizations": [
        {"id": "amd", "name": "AMD"}, {"id": "meta", "name": "Meta"},
        {"id": "amd", "name": "AMD again"}])"));
    CHECK(p.where == "/organizations/2/id");
    CHECK(p.id == "amd");

    CHECK(only_problem(
              document(R"("foundations": [{"id": "f", "name": "F", "tiers": [
        {"id": "a", "name": "A", "rank": 1}, {"id": "a", "name": "A", "rank": 2}]}])"))
              .where == "/foundations/0/tiers/1/id");
    CHECK(
        only_problem(
            with_base(R"("bodies": [{"id": "b", "name": "B", "foundation": "pf",
        "seat_classes": [{"id": "c", "mode": "fixed", "count": 1},
                         {"id": "c", "mode": "fixed", "count": 2}]}])"))
            .where == "/bodies/0/seat_classes/1/id");
    CHECK(only_problem(with_base(R"("memberships": [
        {"org": "amd", "foundation": "pf", "tier": "premier", "from": "2022-09-12", "to": "2023-01-01"},
        {"org": "amd", "foundation": "pf", "tier": "general", "from": "2022-09-12"}])"))
              .where == "/memberships/1");
    // A key repeated within one object.
    CHECK(
        only_problem(
            document(
                R"("organizations": [{"id": "amd", "name": "AMD", "name": "AMD"}])"))
            .where == "/organizations/0/name");
  }

  TEST_CASE("a dangling reference is reported at its pointer") {
    const auto p = only_problem(with_base(R"("memberships": [
        {"org": "amd", "foundation": "pf", "tier": "premier", "from": "2022-09-12"},
        {"org": "intel", "foundation": "pf", "tier": "premier", "from": "2022-09-12"}])"));
    CHECK(p.where == "/memberships/1/org");
    CHECK(p.id == "intel");

    CHECK(only_problem(with_base(R"("memberships": [
        {"org": "amd", "foundation": "pf", "tier": "platinum", "from": "2022-09-12"}])"))
              .where == "/memberships/0/tier");
    CHECK(only_problem(
              with_base(R"("roles": [{"person": "nobody", "title": "Chair",
        "foundation": "pf", "from": "2022-09-12"}])"))
              .where == "/roles/0/person");
  }

  TEST_CASE("a parent loop is rejected") {
    const auto problems = problems_of(document(R"("organizations": [
        {"id": "a", "name": "A", "parent": "b"}, {"id": "b", "name": "B", "parent": "a"}])"));
    INFO("problems:" << describe(problems));
    REQUIRE(!problems.empty());
    CHECK(problems.front().where == "/organizations/0/parent");
    CHECK(std::all_of(problems.begin(), problems.end(), [](const problem& p) {
      return p.where.ends_with("/parent") && contains(p.message, "loop");
    }));
  }

  TEST_CASE(
      "overlapping memberships of one organization in one foundation are "
      "rejected") {
    const auto p = only_problem(with_base(R"("memberships": [
        {"org": "amd", "foundation": "pf", "tier": "premier", "from": "2022-09-12", "to": "2023-06-01"},
        {"org": "amd", "foundation": "pf", "tier": "general", "from": "2023-01-01"}])"));
    CHECK(p.where == "/memberships/1/from");
  }

  TEST_CASE("overlapping steward periods are rejected") {
    const auto p = only_problem(
        with_base(R"("projects": [{"id": "pytorch", "name": "PyTorch",
        "stewards": [{"org": "meta", "from": "2016-09-01", "to": "2022-09-13"},
                     {"foundation": "pf", "from": "2022-09-12"}]}])"));
    CHECK(p.where == "/projects/0/stewards/1");
  }

  TEST_CASE("exactly one owner, steward or scope") {
    CHECK(only_problem(with_base(R"("bodies": [{"id": "b", "name": "B"}])"))
              .where == "/bodies/0");
    CHECK(
        only_problem(
            with_base(R"("bodies": [{"id": "b", "name": "B", "foundation": "pf",
        "project": "p"}])"))
            .where == "/bodies/0/project");
    CHECK(only_problem(with_base(R"("projects": [{"id": "p", "name": "P",
        "stewards": [{"org": "amd", "foundation": "pf", "from": "2020-01-01"}]}])"))
              .where == "/projects/0/stewards/0/foundation");
    CHECK(only_problem(with_base(R"("roles": [{"person": "x", "title": "Chair",
        "from": "2020-01-01"}])"))
              .where == "/roles/0");
  }

  TEST_CASE("seat classes take the fields of their mode") {
    auto body = [](std::string_view seat_class) {
      return with_base(
          R"("bodies": [{"id": "b", "name": "B", "foundation": "pf", "seat_classes": [)" +
          std::string(seat_class) + "]}]");
    };
    CHECK(only_problem(
              body(R"({"id": "c", "mode": "elected", "tier": "general"})"))
              .where == "/bodies/0/seat_classes/0/per");
    CHECK(only_problem(body(R"({"id": "c", "mode": "per-member"})")).where ==
          "/bodies/0/seat_classes/0/tier");
    CHECK(only_problem(body(R"({"id": "c", "mode": "fixed"})")).where ==
          "/bodies/0/seat_classes/0/count");
    CHECK(only_problem(body(R"({"id": "c", "mode": "ex-officio"})")).where ==
          "/bodies/0/seat_classes/0/role");
    CHECK(
        only_problem(
            body(
                R"({"id": "c", "mode": "fixed", "count": 1, "tier": "premier"})"))
            .where == "/bodies/0/seat_classes/0/tier");
    const auto p = only_problem(body(R"({"id": "c", "mode": "appointed"})"));
    CHECK(p.where == "/bodies/0/seat_classes/0/mode");
    CHECK(contains(p.message, "per-member, elected, fixed or ex-officio"));
  }

  // A stream of `start`, then of 'x' until a gibibyte has been given.
  struct endless_junk : std::streambuf {
    explicit endless_junk(std::string head) : start(std::move(head)) {}
    std::string start;
    std::string chunk = std::string(64 * 1024, 'x');
    std::size_t given = 0;
    bool started = false;
    int_type underflow() override {
      std::string& next = started ? chunk : start;
      started = true;
      if (given > (std::size_t{1} << 30)) return traits_type::eof();
      given += next.size();
      setg(next.data(), next.data(), next.data() + next.size());
      return traits_type::to_int_type(next.front());
    }
  };

  // Issue 13: the reader's memory is bounded by what it keeps. A string or
  // key that no field could keep (longer than the largest extra) is refused
  // once it grows past that, not held whole: a gibibyte name is refused
  // after 64 MiB of it.
  TEST_CASE("a string longer than any field keeps is refused as it grows") {
    const std::string limit = std::to_string(charter::max_extra_bytes);
    const std::string head =
        R"({"format": "charter-registry", "version": 1, "organizations": [)"
        R"({"id": "amd", "name": "AMD"}, {"id": "x", "name": ")";
    for (const auto& [start, where, what] :
         {std::tuple{head, "/organizations/1/name", "string"},
          {R"({"organizations": [{"id": "x", "extra": {"a": [")",
           "/organizations/0/extra/a/0", "string"},
          {R"({"organizations": [{"id": "x", "extra": {")",
           "/organizations/0/extra", "key"},
          {R"({")", "", "key"}}) {
      endless_junk junk(start);
      std::istream in(&junk);
      const auto problems = stream_problems_of(in);
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].where == where);
      CHECK(problems[0].message ==
            fmt::format("a {} longer than {} bytes, the limit of any text; "
                        "the document is read no further",
                        what, limit));
      CHECK(junk.given <= charter::max_extra_bytes + (std::size_t{2} << 20));
    }
  }

  // Issue 13: an unknown top-level member was held whole before it was
  // rejected (a 1 GB file took 13.3 GB and 61 s). It is refused as soon as
  // its key is read: what follows is never parsed, whatever its size.
  TEST_CASE("an unknown top-level member is refused at its key") {
    const std::string head =
        R"({"format": "charter-registry", "version": 1, "organizations": [)"
        R"({"id": "amd", "name": "AMD"}], "junk": ")";
    // An unterminated string: reading it would end in a syntax error.
    const auto p = only_problem(head + std::string(5'000'000, 'x'));
    CHECK(p.where == "/junk");
    CHECK(p.message ==
          "unknown field \"junk\"; the document is read no further");
    CHECK(
        only_problem(R"({"format": "charter-registry", "peple": [)").message ==
        "unknown field \"peple\" (did you mean \"people\"?); the document "
        "is read no further");

    // A stream that would give a gibibyte of junk: no more of it is read
    // than the first piece the reader takes (1 MiB).
    endless_junk junk(head);
    std::istream in(&junk);
    const auto problems = stream_problems_of(in);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "/junk");
    CHECK(junk.given <= (std::size_t{2} << 20));
  }

  TEST_CASE("ids, enums, format and version are checked") {
    const auto p = only_problem(
        document(R"("organizations": [{"id": "AMD", "name": "AMD"}])"));
    CHECK(p.where == "/organizations/0/id");
    CHECK(p.id == "AMD");
    CHECK(
        only_problem(
            document(
                R"("organizations": [{"id": "amd", "name": "AMD", "kind": "corp"}])"))
            .where == "/organizations/0/kind");
    CHECK(only_problem(
              with_base(R"("seats": [{"body": "b", "class": "c", "person": "p",
        "office": "president", "from": "2020-01-01"}])"))
              .where == "/seats/0/office");
    CHECK(only_problem(R"({"format": "other", "version": 1, "x": 1})").where ==
          "/format");
    const auto v =
        only_problem(R"({"format": "charter-registry", "version": 2, "x": 1})");
    CHECK(v.where == "/version");
    CHECK(contains(v.message, "version 2"));
  }

  TEST_CASE("money is exact") {
    auto fee = [](std::string_view amount) {
      return document(
          R"("foundations": [{"id": "f", "name": "F", "tiers": [{"id": "t",
          "name": "T", "rank": 1, "annual_fee": {"amount": )" +
          std::string(amount) + R"(, "currency": "USD"}}]}])");
    };
    auto cents = [&](std::string_view amount) {
      const auto reg = charter::from_json(fee(amount));
      return reg.foundations()[0].tiers[0].annual_fee->cents;
    };
    CHECK(cents("1234.56") == 123456);
    CHECK(cents("0.29") == 29);  // 0.29 * 100 is 28.999999999999996 as doubles
    CHECK(cents("1.10") == 110);
    CHECK(cents("1.230") == 123);
    CHECK(cents("12.5e1") == 12500);
    CHECK(cents("1E-2") == 1);
    CHECK(cents("92233720368547758.07") == 9223372036854775807);
    CHECK(cents("0") == 0);

    const auto p = only_problem(fee("1.234"));
    CHECK(p.where == "/foundations/0/tiers/0/annual_fee/amount");
    CHECK(contains(p.message, "more than two decimals"));
    CHECK(contains(only_problem(fee("1.0000000000000000001")).message,
                   "more than two decimals"));
    CHECK(contains(only_problem(fee("92233720368547758.08")).message,
                   "too large"));
    CHECK(contains(only_problem(fee("1e30")).message, "too large"));
    CHECK(contains(only_problem(fee("-5")).message, "negative"));
    CHECK(only_problem(fee("\"100\"")).message ==
          "expected a number, found a string");
    CHECK(
        only_problem(
            document(
                R"("foundations": [{"id": "f", "name": "F", "tiers": [{"id": "t",
        "name": "T", "rank": 1, "annual_fee": {"amount": 1, "currency": "usd"}}]}])"))
            .where == "/foundations/0/tiers/0/annual_fee/currency");

    // Written exactly: whole amounts as integers, others with two decimals.
    const std::string exported =
        charter::to_json(charter::from_json(fee("1234.5")));
    CHECK(contains(exported,
                   R"("annual_fee": {"amount": 1234.50, "currency": "USD"})"));
    CHECK(charter::to_json(charter::from_json(exported)) == exported);
  }

  TEST_CASE("extra is kept verbatim") {
    const std::string text =
        document(R"("organizations": [{"id": "amd", "name": "AMD",
        "extra": {"zeta": 1, "alpha": [true, null, "x\n\"y\""], "nested": {"k": 1.5, "big": 18446744073709551615, "neg": -3},
                  "unicode": "caf\u00e9 \ud83d\ude00"}}])");
    const auto reg = charter::from_json(text);
    const auto& extra = reg.at(charter::org_id("amd")).extra;
    REQUIRE(extra.size() == 4);
    CHECK(extra.json().starts_with(R"({"zeta": 1, )"));
    CHECK(extra.value_json("nested") ==
          R"({"k": 1.5, "big": 18446744073709551615, "neg": -3})");
    CHECK(charter::to_object(extra).at("nested").at("big").as_uint64() ==
          18446744073709551615ull);
    CHECK(extra.string("unicode") == "caf\xc3\xa9 \xf0\x9f\x98\x80");

    const std::string exported = charter::to_json(reg);
    CHECK(contains(
        exported,
        R"("extra": {"zeta": 1, "alpha": [true, null, "x\n\"y\""], "nested": {"k": 1.5, "big": 18446744073709551615, "neg": -3}, "unicode": "café 😀"}})"));
    CHECK(charter::to_json(charter::from_json(exported)) == exported);
  }

  TEST_CASE("strings are escaped as boost::json::serialize escapes them") {
    std::string every;  // every byte but NUL, then some UTF-8
    for (int c = 1; c < 128; ++c) every += static_cast<char>(c);
    every += "é✓𝄞";
    boost::json::object extra{{"s", every}};
    const std::string expected =
        boost::json::serialize(boost::json::string(every));
    CHECK(expected.find("\\u001f") != std::string::npos);  // a sanity check

    const charter::registry reg = charter::from_json(
        document(R"("organizations": [{"id": "a", "name": "A", "extra": )" +
                 boost::json::serialize(extra) + "}]"));
    const std::string exported = charter::to_json(reg);
    CHECK(exported.find("\"extra\": {\"s\": " + expected + "}") !=
          std::string::npos);
    CHECK(charter::to_json(charter::from_json(exported)) == exported);
  }

  TEST_CASE("a repeated key is found in a large object too") {
    std::string extra = "{";
    for (int i = 0; i < 2000; ++i) extra += fmt::format(R"("k{}": {}, )", i, i);
    extra += R"("k1234": 0})";
    const auto p = only_problem(
        document(R"("organizations": [{"id": "a", "name": "A", "extra": )" +
                 extra + "}]"));
    CHECK(p.where == "/organizations/0/extra/k1234");
    CHECK(p.message == "duplicate key \"k1234\"");
    // Without the repetition, all 2,000 keys are kept.
    extra.replace(extra.rfind("k1234"), 5, "k2000");
    const auto reg = charter::from_json(
        document(R"("organizations": [{"id": "a", "name": "A", "extra": )" +
                 extra + "}]"));
    CHECK(reg.organizations()[0].extra.size() == 2001);
  }

  TEST_CASE("a number in extra that a double cannot keep is refused") {
    auto with_extra = [](std::string_view extra) {
      return document(
          R"("organizations": [{"id": "a", "name": "A", "extra": )" +
          std::string(extra) + "}]");
    };
    // Kept: what a double holds exactly, written back in its shortest form.
    const auto reg = charter::from_json(with_extra(
        R"({"a": 0.1, "b": 2.50e-3, "c": 1E300, "d": -0.0, "e": 18446744073709551615,)"
        R"( "g": [1.5, {"h": 123456789.125}]})"));
    CHECK(
        charter::to_json(reg).find(
            R"("extra": {"a": 0.1, "b": 0.0025, "c": 1e+300, "d": -0.0, )"
            R"("e": 18446744073709551615, "g": [1.5, {"h": 123456789.125}]})") !=
        std::string::npos);

    // Read correctly rounded, so what is written is read back the same
    // (Boost.JSON 1.81 alone reads 1.23456789020305e+145 one unit off).
    const auto rounded = charter::to_json(charter::from_json(with_extra(
        R"({"x": 1234567890203050e130, "y": 1.23456789020305e+145})")));
    CHECK(
        rounded.find(
            R"("extra": {"x": 1.23456789020305e+145, "y": 1.23456789020305e+145})") !=
        std::string::npos);
    CHECK(charter::to_json(charter::from_json(rounded)) == rounded);

    auto p =
        only_problem(with_extra(R"({"big": 123456789012345678901234567890})"));
    CHECK(p.where == "/organizations/0/extra/big");
    CHECK(p.message ==
          "123456789012345678901234567890 cannot be kept exactly (a number "
          "keeps about 17 significant digits): write it as a string");
    p = only_problem(with_extra(R"({"pi": [3.14159265358979323846]})"));
    CHECK(p.where == "/organizations/0/extra/pi/0");
    p = only_problem(with_extra(R"({"x": 9007199254740993.0})"));
    CHECK(p.where == "/organizations/0/extra/x");
    // Outside extra, numbers are the model's: a fraction is a double.
    CHECK_NOTHROW(charter::from_json(document(
        R"("organizations": [{"id": "a", "name": "A"}], "foundations": [{"id": "f", "name": "F"}],)"
        R"( "bodies": [{"id": "b", "name": "B", "foundation": "f", "rules": {"quorum": 0.66666666666666666666}}])")));
  }

  TEST_CASE("every problem is reported together") {
    const auto problems = problems_of(document(R"(
      "organizations": [{"id": "amd", "name": 1}, {"id": "Bad", "name": "B", "colour": "red"}],
      "memberships": [{"org": "amd", "foundation": "pf", "tier": "premier", "from": "yesterday"}])"));
    INFO("problems:" << describe(problems));
    std::vector<std::string> places;
    places.reserve(problems.size());
    for (const auto& p : problems) places.push_back(p.where);
    CHECK(places == std::vector<std::string>{
                        "/organizations/0/name", "/organizations/1/colour",
                        "/organizations/1/id", "/memberships/0/from"});

    // No more than 100.
    std::string many = R"("organizations": [)";
    for (int i = 0; i < 150; ++i)
      many += (i ? "," : "") + std::string(R"({"id": "X"})");
    CHECK(problems_of(document(many + "]")).size() == 100);
  }

  TEST_CASE("a document is read from a stream, in pieces, record by record") {
    const int n = 20000;
    const std::string text = many_organizations(n);
    REQUIRE(text.size() > 2u << 20);  // three pieces or more

    std::istringstream in(text);
    const charter::registry streamed = charter::from_json(in);
    REQUIRE(streamed.organizations().size() == std::size_t(n));
    const auto* org = streamed.find(charter::org_id("org-12345"));
    REQUIRE(org != nullptr);
    CHECK(org->name == "Caf\u00e9 Ünïcødé ✓ 12345");
    CHECK(org->domains == std::vector<std::string>{"org12345.example"});
    // Each record's DOM is freed before the next; what it keeps is copied.
    CHECK(org->extra.json() == R"({"n": 12345, "tags": ["a", "b"]})");
    // The same registry as from the whole text, whose members came in
    // another order than the canonical one.
    CHECK(charter::to_json(streamed) ==
          charter::to_json(charter::from_json(text)));

    // Problems far into the document are placed as in a small one.
    std::string bad = text;
    const std::string name = R"("name": "Caf\u00e9 Ünïcødé ✓ 19999")";
    bad.replace(bad.find(name), name.size(), "\"name\": 19999");
    const std::string dup = "\"id\": \"org-15000\"";
    bad.replace(bad.find(dup), dup.size(), "\"id\": \"org-00007\"");
    const auto problems = stream_problems_of(bad);
    INFO("problems:" << describe(problems));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].where == "/organizations/15000/id");
    CHECK(problems[0].message == "duplicate organization org-00007");
    CHECK(problems[1].where == "/organizations/19999/name");
    CHECK(problems == problems_of(bad));

    // And so are the registry's, by the decoded document's locator.
    const auto doc = charter::decode_json(text);
    CHECK(doc.changes.size() == std::size_t(n));
    CHECK(doc.where(charter::org_id("org-17777"), "/parent") ==
          "/organizations/17777/parent");
  }

  TEST_CASE("a syntax error is placed by line and column across pieces") {
    const std::string text = many_organizations(20000);
    // Line 3 + i holds organization i; break the one on line 16003, whose
    // 33rd character is the opening quote of the name.
    std::string bad = text;
    const std::string at = "\"id\": \"org-16000\", \"name\":";
    const std::size_t where = bad.find(at);
    REQUIRE(where != std::string::npos);
    bad.replace(where + at.size() - 1, 1, " ");  // "name" "Café..."
    const auto problems = stream_problems_of(bad);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "");
    CHECK(problems[0].message ==
          "line 16003, column 33: syntax error (unexpected '\"')");
    CHECK(problems == problems_of(bad));

    // Extra data after the document (which ends on line 20006), past 2 MiB
    // of white space on line 20007.
    std::string trailing = text + std::string(2u << 20, ' ') + "\n  x";
    CHECK(stream_problems_of(trailing)[0].message ==
          "line 20008, column 3: extra data (unexpected 'x')");
    CHECK(problems_of(trailing)[0].message ==
          "line 20008, column 3: extra data (unexpected 'x')");
    // White space alone is fine.
    std::istringstream in(text + std::string(2u << 20, ' '));
    CHECK(charter::from_json(in).organizations().size() == 20000);

    // The end of the text inside the document, after `  "version": 1`.
    CHECK(stream_problems_of(text.substr(0, text.size() - 3))[0].message ==
          "line 20005, column 15: incomplete JSON (unexpected end of text)");
  }

  TEST_CASE("damaged documents are refused alike from a text and a stream") {
    // Truncations, flipped and inserted bytes of the canonical document:
    // each is either read or refused with a validation_error (nothing else
    // escapes), and the text and the stream say the same.
    std::mt19937 random(20261126);
    auto outcome = [](auto read) -> std::string {
      try {
        return charter::to_json(read());
      } catch (const charter::validation_error& e) {
        std::string text = "refused:";
        for (const auto& p : e.problems())
          text += p.where + " " + p.message + ";";
        return text;
      }
    };
    const std::string original(canonical);
    int refused = 0;
    for (int i = 0; i < 300; ++i) {
      std::string damaged = original;
      const std::size_t at = random() % damaged.size();
      switch (i % 3) {
        case 0:
          damaged.resize(at);
          break;
        case 1:
          damaged[at] = static_cast<char>(random() % 256);
          break;
        default:
          damaged.insert(at, 1, "{}[],:\"0a-"[random() % 10]);
          break;
      }
      const std::string from_text =
          outcome([&] { return charter::from_json(damaged); });
      std::istringstream in(damaged);
      const std::string from_stream =
          outcome([&] { return charter::from_json(in); });
      INFO("damaged at " << at << ": " << damaged);
      CHECK(from_text == from_stream);
      refused += from_text.starts_with("refused:");
    }
    CHECK(refused > 200);  // most damage is caught
  }

  TEST_CASE("streams: their exception mask, their failures, cut characters") {
    const std::string text = many_organizations(100);
    // A stream that throws on failbit: reading to its end sets it, which is
    // the reader's business, not an error.
    std::istringstream strict(text);
    strict.exceptions(std::ios::failbit | std::ios::badbit);
    CHECK(charter::from_json(strict).organizations().size() == 100);
    std::istringstream strict_again(text);
    strict_again.exceptions(std::ios::failbit | std::ios::badbit);
    CHECK(charter::decode_json(strict_again).changes.size() == 100);

    // A stream whose source fails half-way: a storage_error that says why.
    struct failing : std::streambuf {
      std::string data;
      bool served = false;
      int_type underflow() override {
        if (served) throw std::runtime_error("disk on fire");
        served = true;
        setg(data.data(), data.data(), data.data() + data.size() / 2);
        return traits_type::to_int_type(data[0]);
      }
    } source;
    source.data = text;
    std::istream broken(&source);
    CHECK_THROWS_WITH_AS(charter::from_json(broken),
                         "the stream failed: disk on fire",
                         charter::storage_error);

    // Invalid UTF-8 (E2 82 28) starting just before the end of the first
    // 1 MiB piece is placed where it starts, as it is anywhere else.
    const std::string head =
        R"({"format": "charter-registry", "version": 1, "organizations": [{"id": "a", "name": ")";
    for (const std::size_t at :
         {std::size_t{1} << 20, (std::size_t{1} << 20) - 1,
          (std::size_t{1} << 20) - 2}) {
      std::string bad = head + std::string(at - head.size(), 'y') +
                        "\xE2\x82\x28" + R"("}]})";
      const std::string expected = fmt::format("line 1, column {}: ", at + 1);
      const auto problems = problems_of(bad);
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].message.starts_with(expected));
      CHECK(problems[0].message.ends_with("(unexpected byte 0xE2)"));
      CHECK(stream_problems_of(bad) == problems);
    }
  }

  TEST_CASE("a wrong header is reported alone") {
    std::string orgs;
    for (int i = 0; i < 120; ++i)
      orgs += fmt::format(
          R"({}{{"id": "o{}", "name": "A", "name": "B", "extra": {{"x": 1e400}}}})",
          i ? ", " : "", i);
    const auto problems = problems_of(
        R"({"format": "charter-registry", "version": 2, "organizations": [)" +
        orgs + "]}");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "/version");
  }

  TEST_CASE("a collection or a record of the wrong kind is reported") {
    auto problems = problems_of(document(
        R"("organizations": {"id": "amd"}, "people": [1, [2], {"id": "p", "name": "P"}, null])"));
    INFO("problems:" << describe(problems));
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].where == "/organizations");
    CHECK(problems[0].message == "expected an array, found an object");
    CHECK(problems[1].where == "/people/0");
    CHECK(problems[1].message == "expected an object, found a number");
    CHECK(problems[2].where == "/people/1");
    CHECK(problems[2].message == "expected an object, found an array");
    CHECK(problems[3].where == "/people/3");

    // A top-level value that is not an object.
    problems = problems_of(R"([{"format": "charter-registry"}])");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "expected an object, found an array");
    // The header is checked whenever it comes, and alone when it is wrong.
    problems = problems_of(
        R"({"organizations": [{"id": "A"}], "format": "other", "version": 1})");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "/format");
  }

  TEST_CASE("decode_json imports into a registry that already holds records") {
    charter::registry reg = charter::from_json(with_base(""));
    const auto doc = charter::decode_json(document(R"("memberships": [
        {"org": "amd", "foundation": "pf", "tier": "premier", "from": "2022-09-12"},
        {"org": "intel", "foundation": "pf", "tier": "premier", "from": "2022-09-12"}])"));
    CHECK(doc.changes.size() == 2);
    try {
      reg.stage(doc.changes, doc.where).commit();
      FAIL("a dangling reference was accepted");
    } catch (const charter::validation_error& e) {
      REQUIRE(e.problems().size() == 1);
      CHECK(e.problems()[0].where == "/memberships/1/org");
    }
    CHECK(reg.memberships().empty());

    const auto good = charter::decode_json(document(R"("memberships": [
        {"org": "amd", "foundation": "pf", "tier": "premier", "from": "2022-09-12"}])"));
    reg.stage(good.changes, good.where).commit();
    CHECK(reg.memberships().size() == 1);

    // Keys the document does not hold have no place in it: their problems
    // name their records (problem::record) instead.
    CHECK(good.where(charter::org_id("zzz"), "/name").empty());
  }

  TEST_CASE("save_json and load_json use files") {
    temporary_folder folder;
    const auto file = folder.path / "registry.json";
    const charter::registry reg = charter::from_json(canonical);
    charter::save_json(reg, file);
    charter::save_json(reg, file);  // replaces
    CHECK(std::distance(std::filesystem::directory_iterator(folder.path),
                        std::filesystem::directory_iterator()) == 1);
    CHECK(charter::to_json(charter::load_json(file)) == canonical);

    const auto missing = folder.path / "missing.json";
    CHECK_THROWS_WITH_AS((void)charter::load_json(missing),
                         doctest::Contains(missing.string().c_str()),
                         charter::storage_error);
    CHECK_THROWS_AS(
        charter::save_json(reg, folder.path / "no-such-folder" / "r.json"),
        charter::storage_error);
    CHECK_THROWS_AS((void)charter::load_json(folder.path),
                    charter::storage_error);
  }

  TEST_CASE("the PyTorch Foundation example loads and round trips") {
    const std::filesystem::path file =
        CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json";
    REQUIRE(std::filesystem::exists(file));
    const charter::registry reg = charter::load_json(file);
    CHECK(reg.organizations().size() >= 9);
    const std::string exported = charter::to_json(reg);
    CHECK(charter::to_json(charter::from_json(exported)) == exported);

    // The example is kept in the canonical layout, so that its diffs are
    // the diffs an export would make.
    std::ifstream in(file, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in),
                           std::istreambuf_iterator<char>()};
    CHECK(exported == text);
  }
}

namespace {

// Two people and a board with an elected class, for elections.
std::string with_election(std::string_view election) {
  return with_base(std::string(R"(
  "people": [{"id": "jane-doe", "name": "Jane Doe"}, {"id": "sam-roe", "name": "Sam Roe"}],
  "bodies": [{"id": "board", "name": "Board", "foundation": "pf",
              "seat_classes": [{"id": "elected", "mode": "fixed", "count": 2}]}],
  "elections": [)") +
                   std::string(election) + "]");
}

}  // namespace

TEST_SUITE("json") {
  TEST_CASE("elections: an extension written last, read back byte for byte") {
    const auto reg = charter::from_json(with_election(
        R"({"id": "steering-2025", "body": "board", "class": "elected",
            "seats": 2, "method": "schulze",
            "candidates": [{"person": "jane-doe", "org": "amd"},
                           {"person": "sam-roe"}],
            "seated": "2025-10-25", "term_end": "2027-10-25",
            "eligibility": "Contributors with 50 contributions",
            "extra": {"ballots": "elekto"}},
           {"id": "board-2024", "body": "board", "class": "elected",
            "seats": 1, "method": "meek-stv", "unranked": "below",
            "seated": "2024-01-01", "term_end": null})"));
    const auto& e = reg.at(charter::election_id("steering-2025"));
    CHECK(e.seats == 2);
    CHECK(e.method == charter::count_method::schulze);
    CHECK(e.unranked == charter::unranked_rule::ignored);
    REQUIRE(e.candidates.size() == 2);
    CHECK(e.candidates[0].org == charter::org_id("amd"));
    CHECK_FALSE(e.candidates[1].org.has_value());
    CHECK(e.term_end == charter::parse_date("2027-10-25"));
    CHECK(reg.at(charter::election_id("board-2024")).candidates.empty());
    const auto text = charter::to_json(reg);
    CHECK(text.ends_with(R"(  "roles": [],
  "elections": [
    {"id": "board-2024", "body": "board", "class": "elected", "seats": 1, "method": "meek-stv", "unranked": "below", "seated": "2024-01-01"},
    {"id": "steering-2025", "body": "board", "class": "elected", "seats": 2, "method": "schulze", "unranked": "ignored", "candidates": [{"person": "jane-doe", "org": "amd"}, {"person": "sam-roe"}], "seated": "2025-10-25", "term_end": "2027-10-25", "eligibility": "Contributors with 50 contributions", "extra": {"ballots": "elekto"}}
  ]
}
)"));
    CHECK(charter::to_json(charter::from_json(text)) == text);
    // A registry without elections is written as before the extension.
    CHECK(charter::to_json(charter::registry{}).find("elections") ==
          std::string::npos);
  }

  TEST_CASE("elections: every problem at its JSON Pointer") {
    const auto good = std::string(
        R"("id": "e", "body": "board", "class": "elected", "seats": 1, )"
        R"("method": "schulze", "seated": "2025-10-25")");
    const auto at = [&](std::string_view more) {
      return only_problem(with_election("{" + good + std::string(more) + "}"));
    };
    auto p = only_problem(with_election(
        R"({"id": "e", "body": "board", "class": "elected", "seats": 1,
            "method": "condorcet", "seated": "2025-10-25"})"));
    CHECK(p.where == "/elections/0/method");
    CHECK(p.message ==
          "unknown method \"condorcet\" (expected schulze, scottish-stv or "
          "meek-stv)");
    p = only_problem(with_election(
        R"({"id": "e", "body": "board", "class": "elected", "seats": 0,
            "method": "schulze", "seated": "2025-10-25"})"));
    CHECK(p.where == "/elections/0/seats");
    p = at(R"(, "sets": 2)");
    CHECK(p.where == "/elections/0/sets");
    CHECK(p.message == "unknown field \"sets\" (did you mean \"seats\"?)");
    p = at(R"(, "candidates": [{"person": "nobody"}])");
    CHECK(p.where == "/elections/0/candidates/0/person");
    CHECK(p.message == "no person 'nobody'");
    p = at(R"(, "candidates": [{"person": "jane-doe", "org": "nowhere"}])");
    CHECK(p.where == "/elections/0/candidates/0/org");
    p = at(
        R"(, "candidates": [{"person": "jane-doe"}, {"person": "jane-doe"}])");
    CHECK(p.where == "/elections/0/candidates/1/person");
    CHECK(p.message == "'jane-doe' stands twice");
    p = at(R"(, "candidates": [{"person": "jane-doe", "party": "x"}])");
    CHECK(p.where == "/elections/0/candidates/0/party");
    p = at(R"(, "term_end": "2025-10-25")");
    CHECK(p.where == "/elections/0/term_end");
    CHECK(p.message ==
          "'term_end' (2025-10-25) is not after 'seated' (2025-10-25)");
    p = only_problem(with_election(
        R"({"id": "e", "body": "board", "class": "at-large", "seats": 1,
            "method": "schulze", "seated": "2025-10-25"})"));
    CHECK(p.where == "/elections/0/class");
    CHECK(p.message == "body 'board' has no seat class 'at-large'");
    p = only_problem(with_election(
        R"({"id": "e", "body": "board", "class": "elected", "seats": 1,
            "method": "schulze"})"));
    CHECK(p.where == "/elections/0/seated");
    p = only_problem(with_election(
        R"({"id": "e", "body": "board", "class": "elected", "seats": 1,
            "method": "schulze", "seated": "2025-10-25"},
           {"id": "e", "body": "board", "class": "elected", "seats": 1,
            "method": "schulze", "seated": "2026-10-25"})"));
    CHECK(p.where == "/elections/1/id");
  }
}
