#include <charter/extra_json.hpp>

#include <charter/error.hpp>
#include <charter/extra.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <doctest/doctest.h>

using charter::extra_fields;

TEST_SUITE("extra_json") {
  TEST_CASE("to and from Boost.JSON through <charter/extra_json.hpp>") {
    const auto e = extra_fields::parse(
        R"({"z": 1, "a": [true, null, 2.5], "o": {"s": "caf\u00e9"}, "u": 18446744073709551615})");
    const boost::json::object o = charter::to_object(e);
    REQUIRE(o.size() == 4);
    CHECK(o.begin()->key() == "z");  // in their order
    CHECK(o.at("z").is_int64());
    CHECK(o.at("a").as_array().at(2).as_double() == 2.5);
    CHECK(o.at("o").at("s").as_string() == "caf\xc3\xa9");
    CHECK(o.at("u").as_uint64() == 18446744073709551615ull);
    CHECK(charter::from_object(o).json() == e.json());
    CHECK(charter::from_value(charter::to_value(e)) == e);

    boost::json::object built{{"b", 1.0}, {"a", {1, "two"}}, {"n", -0.0}};
    CHECK(charter::from_object(built).json() ==
          R"({"b": 1, "a": [1, "two"], "n": -0.0})");
    CHECK(charter::from_object({}).empty());
    CHECK(charter::to_object(extra_fields{}).empty());
    CHECK_THROWS_WITH_AS(charter::from_value(boost::json::value{1, 2}),
                         "extra fields: line 1, column 1: expected a JSON "
                         "object, found an array",
                         charter::parse_error);
  }
}
