#include <charter/extra.hpp>

#include <charter/error.hpp>
#include <charter/extra_json.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <doctest/doctest.h>

#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

using charter::extra_fields;

// One pointer, as cheap to hold as can be: every record and every
// affiliation carries one.
static_assert(sizeof(extra_fields) == sizeof(void*));
static_assert(std::is_nothrow_default_constructible_v<extra_fields>);
static_assert(std::is_copy_constructible_v<extra_fields>);
static_assert(std::is_copy_assignable_v<extra_fields>);
static_assert(std::is_nothrow_move_constructible_v<extra_fields>);
static_assert(std::is_nothrow_move_assignable_v<extra_fields>);
static_assert(std::is_nothrow_swappable_v<extra_fields>);
static_assert(std::is_nothrow_destructible_v<extra_fields>);
static_assert(std::equality_comparable<extra_fields>);

namespace {

std::string canonical(std::string_view text) {
  return std::string(extra_fields::parse(text).json());
}

// The message parse() throws for `text`.
std::string refusal(std::string_view text) {
  try {
    extra_fields::parse(text);
  } catch (const charter::parse_error& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST_SUITE("extra") {
  TEST_CASE("the empty object") {
    const extra_fields e;
    CHECK(e.empty());
    CHECK(e.json() == "{}");
    CHECK(e.size() == 0);
    CHECK_FALSE(e.contains(""));
    CHECK(e.string("a") == std::nullopt);
    CHECK(e.value_json("a") == std::nullopt);
    CHECK(e == extra_fields{});
    // "{}" in any layout is the empty object, which holds no block: its
    // text is the same literal as every other empty one's.
    for (std::string_view text : {"{}", " {\n } ", "\t{}\r\n"}) {
      const extra_fields parsed = extra_fields::parse(text);
      CHECK(parsed.empty());
      CHECK(parsed == e);
      CHECK(parsed.json().data() == e.json().data());
    }
    // (That it allocates nothing is checked where operator new is counted:
    // tests/alloc/alloc_failure.cpp.)
  }

  TEST_CASE("parse keeps the canonical form: export's layout") {
    CHECK(canonical(R"({"a":1,"b":[true,null,"x"],"c":{"d":{}},"e":[]})") ==
          R"({"a": 1, "b": [true, null, "x"], "c": {"d": {}}, "e": []})");
    CHECK(canonical("\n{ \"a\" :\t1 ,\r\n  \"b\" : [ ] }  ") ==
          R"({"a": 1, "b": []})");
    // Members stay in their order.
    CHECK(canonical(R"({"z": 1, "a": 2, "m": 3})") ==
          R"({"z": 1, "a": 2, "m": 3})");
    // Numbers in their shortest form; integers as they are. A negative
    // zero stays one (issue 13: it came back as 0): "-0" would read back as
    // the integer 0, so it is "-0.0", which reads back as itself.
    CHECK(canonical(R"({"a": 0.1, "b": 2.50e-3, "c": 1E300, "d": -0.0})") ==
          R"({"a": 0.1, "b": 0.0025, "c": 1e+300, "d": -0.0})");
    CHECK(canonical(R"({"d": -0.0})") == canonical(R"({"d": -0e5})"));
    CHECK(canonical(canonical(R"({"d": [-0.0, 0.0]})")) ==
          R"({"d": [-0.0, 0]})");
    CHECK(
        canonical(
            R"({"a": 1.0, "b": 1.5e3, "c": 1e16, "d": 100000000000000000000})") ==
        R"({"a": 1, "b": 1500, "c": 1e+16, "d": 1e+20})");
    CHECK(
        canonical(
            R"({"u": 18446744073709551615, "i": -9223372036854775808, "z": -0})") ==
        R"({"u": 18446744073709551615, "i": -9223372036854775808, "z": 0})");
    // Strings escaped as boost::json::serialize escapes them: quotes,
    // backslashes and control characters; the rest as UTF-8.
    CHECK(canonical(R"({"s": "\u00e9\/\ud83d\ude00\u001f\t\"\\\u007f"})") ==
          "{\"s\": \"\xc3\xa9/\xf0\x9f\x98\x80\\u001f\\t\\\"\\\\\x7f\"}");
    CHECK(canonical(R"({"\u0041\n": 1})") == R"({"A\n": 1})");
    // Canonical text is its own canonical form.
    const std::string text =
        R"({"a": [1, 2.5, {"b": "c\"d"}], "e": -1e-07, "f": {"g": null}})";
    CHECK(canonical(text) == text);
  }

  TEST_CASE("parse refuses what is not one JSON object, saying where") {
    CHECK(refusal("[1]") ==
          "extra fields: line 1, column 1: expected a JSON object, found an "
          "array");
    CHECK(refusal("  42") ==
          "extra fields: line 1, column 3: expected a JSON object, found a "
          "number");
    CHECK(refusal(R"("x")") ==
          "extra fields: line 1, column 1: expected a JSON object, found a "
          "string");
    CHECK(refusal("true") ==
          "extra fields: line 1, column 1: expected a JSON object, found true "
          "or false");
    CHECK(refusal("\n null") ==
          "extra fields: line 2, column 2: expected a JSON object, found null");
    CHECK(refusal("") ==
          "extra fields: line 1, column 1: incomplete JSON (unexpected end of "
          "text)");
    CHECK(refusal(R"({"a": 1)") ==
          "extra fields: line 1, column 8: incomplete JSON (unexpected end of "
          "text)");
    CHECK(refusal(R"({"a": 1} x)") ==
          "extra fields: line 1, column 10: extra data (unexpected 'x')");
    CHECK(refusal(R"({"a": 1} {})") ==
          "extra fields: line 1, column 10: extra data (unexpected '{')");
    CHECK(refusal(R"({"a": 1,})") ==
          "extra fields: line 1, column 9: syntax error (unexpected '}')");
    CHECK(refusal("{\n  \"a\": [1,\n    2 3]}") ==
          "extra fields: line 3, column 7: syntax error (unexpected '3')");
    CHECK(refusal("{\"a\": \"caf\xc3\xa9 \xff\"}") ==
          "extra fields: line 1, column 13: syntax error (unexpected byte "
          "0xFF)");
    CHECK(refusal("{\"a\": \"\x01\"}") ==
          "extra fields: line 1, column 8: syntax error (unexpected byte "
          "0x01)");
    CHECK(refusal(R"({/* no */ "a": 1})") ==
          "extra fields: line 1, column 2: syntax error (unexpected '/')");
  }

  TEST_CASE("parse refuses what the JSON reader refuses in extra") {
    // A key repeated within an object (a DOM would keep only the last).
    CHECK(refusal(R"({"a": 1, "b": {"a": 2}, "a": 3})") ==
          "extra fields: line 1, column 25: duplicate key \"a\"");
    CHECK(refusal(R"({"x": {"k\"": 1, "k\"": 2}})") ==
          "extra fields: line 1, column 18: duplicate key \"k\\\"\"");
    std::string many = "{";
    for (int i = 0; i < 100; ++i)
      many += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
    CHECK(extra_fields::parse(many + "\"k100\": 0}").size() == 101);
    CHECK(refusal(many + "\"k42\": 0}") ==
          "extra fields: line 1, column 1082: duplicate key \"k42\"");
    // A number that a double cannot hold exactly.
    CHECK(refusal(R"({"n": [1, 123456789012345678901234567890]})") ==
          "extra fields: line 1, column 11: 123456789012345678901234567890 "
          "cannot be kept exactly (a number keeps about 17 significant "
          "digits): write it as a string");
    CHECK(refusal(R"({"n": 1e400})") ==
          "extra fields: line 1, column 7: 1e400 cannot be kept exactly (a "
          "number keeps about 17 significant digits): write it as a string");
    // Read correctly rounded: Boost.JSON 1.81 reads both of these one unit
    // in the last place off, so the first was kept as 1.23456789020305e+145
    // and that text was then refused (found by fuzz_extra_parse).
    const auto big = extra_fields::parse(R"({"x": 1234567890203050e130})");
    CHECK(big.json() == R"({"x": 1.23456789020305e+145})");
    CHECK(extra_fields::parse(big.json()).json() == big.json());
    // An escaped surrogate without its other half, placed at itself.
    const std::string lone =
        " (an escaped UTF-16 surrogate must be a pair: \\ud800 to \\udbff, "
        "then \\udc00 to \\udfff)";
    CHECK(refusal(R"({"x": "ab\ud800"})") ==
          "extra fields: line 1, column 10: lone surrogate \\ud800" + lone);
    CHECK(refusal(R"({"x": "ab\uD800\u0041"})") ==
          "extra fields: line 1, column 10: lone surrogate \\uD800" + lone);
    CHECK(refusal(R"({"x": "\ud83d\ude00\udc00z"})") ==
          "extra fields: line 1, column 20: lone surrogate \\udc00" + lone);
    CHECK(extra_fields::parse(R"({"x": "\ud83d\ude00"})").json() ==
          "{\"x\": \"\xF0\x9F\x98\x80\"}");
    // Nesting deeper than 64.
    const std::string deep =
        "{\"a\": " + std::string(63, '[') + std::string(63, ']') + "}";
    CHECK(extra_fields::parse(deep).json() == deep);
    const std::string too_deep =
        "{\"a\": " + std::string(64, '[') + std::string(64, ']') + "}";
    CHECK(refusal(too_deep) ==
          "extra fields: line 1, column 70: nested deeper than the limit of "
          "64 levels (unexpected '[')");
  }

  TEST_CASE("equality is the objects', in any order of members") {
    const auto a =
        extra_fields::parse(R"({"a": 1, "b": {"x": [1, 2], "y": "z"}})");
    CHECK(a ==
          extra_fields::parse(R"({"b": {"y": "z", "x": [1, 2]}, "a": 1})"));
    CHECK(a == extra_fields::parse(R"({"a":1.0,"b":{"x":[1,2.0],"y":"z"}})"));
    CHECK(a !=
          extra_fields::parse(R"({"a": 1, "b": {"x": [2, 1], "y": "z"}})"));
    CHECK(a !=
          extra_fields::parse(R"({"a": 2, "b": {"x": [1, 2], "y": "z"}})"));
    CHECK(a !=
          extra_fields::parse(R"({"a": 1, "b": {"x": [1, 2], "y": "w"}})"));
    CHECK(a != extra_fields::parse(R"({"a": 1})"));
    CHECK(a != extra_fields{});
    CHECK(extra_fields{} != a);
    // Same length, other members.
    CHECK(extra_fields::parse(R"({"a": 1, "b": 2})") !=
          extra_fields::parse(R"({"b": 1, "c": 2})"));
    CHECK(extra_fields::parse(R"({"a": 1, "b": 2})") !=
          extra_fields::parse(R"({"b": 1, "a": 2})"));
  }

  TEST_CASE("accessors") {
    const auto e = extra_fields::parse(
        R"({"name": "caf\u00e9 \"x\"\n", "n": 1.5, "list": [1, "a,b]"],)"
        R"( "obj": {"name": "inner", "k": {}}, "q\"k": null, "": true, "s": "}"})");
    CHECK(e.size() == 7);
    CHECK(e.contains("name"));
    CHECK(e.contains("q\"k"));
    CHECK(e.contains(""));
    CHECK_FALSE(e.contains("k"));  // nested members are not the object's
    CHECK_FALSE(e.contains("nam"));
    CHECK(e.string("name") == "caf\xc3\xa9 \"x\"\n");
    CHECK(e.string("s") == "}");
    CHECK(e.string("n") == std::nullopt);  // not a string
    CHECK(e.string("missing") == std::nullopt);
    CHECK(e.value_json("name") == R"("café \"x\"\n")");
    CHECK(e.value_json("n") == "1.5");
    CHECK(e.value_json("list") == R"([1, "a,b]"])");
    CHECK(e.value_json("obj") == R"({"name": "inner", "k": {}})");
    CHECK(e.value_json("q\"k") == "null");
    CHECK(e.value_json("") == "true");
    CHECK(e.value_json("missing") == std::nullopt);
    CHECK(extra_fields::parse(R"({"only": 1})").size() == 1);
    // A string with every escape reads back as it was.
    const auto escapes = extra_fields::parse(
        R"({"s": "\b\f\n\r\t\u0001\u001f\"\\\/\u00e9\ud834\udd1e"})");
    CHECK(escapes.string("s") ==
          "\b\f\n\r\t\x01\x1f\"\\/\xc3\xa9\xf0\x9d\x84\x9e");
  }

  TEST_CASE("copies and moves") {
    const auto a = extra_fields::parse(R"({"k": [1, 2, 3]})");
    extra_fields b = a;
    CHECK(b == a);
    CHECK(b.json() == a.json());
    CHECK(b.json().data() != a.json().data());  // a copy of its own

    extra_fields c = std::move(b);
    CHECK(c == a);
    CHECK(b.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
    CHECK(b.json() == "{}");

    b = c;
    CHECK(b == a);
    b = extra_fields{};
    CHECK(b.empty());
    b = std::move(c);
    CHECK(b == a);
    CHECK(c.empty());  // NOLINT(bugprone-use-after-move)

    auto& self = b;
    b = self;
    CHECK(b == a);

    extra_fields d = extra_fields::parse(R"({"d": 1})");
    swap(b, d);
    CHECK(d == a);
    CHECK(b.json() == R"({"d": 1})");
    b.swap(d);
    CHECK(b == a);
  }

  TEST_CASE("damaged texts are refused or kept canonical") {
    // Truncations, flipped and inserted bytes: each text is either refused
    // with a parse_error (nothing else escapes) or kept as text that is its
    // own canonical form, that Boost.JSON reads as the same object, and
    // that the accessors walk.
    const std::string original =
        R"({"a": [1, -2.5e-3, {"b\"c": "d\u00e9\n"}], "e": {"f": null, "g": true},)"
        R"( "h": "x,y}", "i": 18446744073709551615, "j": [[], {}]})";
    std::mt19937 random(20260101);
    int kept = 0;
    for (int i = 0; i < 3000; ++i) {
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
          damaged.insert(at, 1, "{}[],:\"0a-\\ "[random() % 12]);
          break;
      }
      INFO(damaged);
      extra_fields e;
      try {
        e = extra_fields::parse(damaged);
      } catch (const charter::parse_error& error) {
        CHECK(
            std::string_view(error.what()).starts_with("extra fields: line "));
        continue;
      }
      ++kept;
      CHECK(extra_fields::parse(e.json()).json() == e.json());
      CHECK(e == charter::from_value(boost::json::parse(damaged)));
      const boost::json::object o = charter::to_object(e);
      CHECK(e.size() == o.size());
      for (const auto& member : o) {
        const std::string_view key(member.key().data(), member.key().size());
        CHECK(e.contains(key));
        CHECK(boost::json::parse(e.value_json(key).value()) == member.value());
        if (member.value().is_string())
          CHECK(e.string(key) == std::string_view(member.value().get_string()));
        else
          CHECK(e.string(key) == std::nullopt);
      }
    }
    CHECK(kept > 100);  // some damage leaves a good object
  }

  TEST_CASE("docs/model.md: the example") {
    auto e = charter::extra_fields::parse(
        R"({"wikidata":"Q858851", "founded": 2000.0})");
    CHECK(e.json() == R"({"wikidata": "Q858851", "founded": 2000})");
    CHECK((e.string("wikidata") == "Q858851" &&
           e.value_json("founded") == "2000"));
    CHECK(e == charter::extra_fields::parse(
                   R"({"founded": 2000, "wikidata": "Q858851"})"));
  }
}
