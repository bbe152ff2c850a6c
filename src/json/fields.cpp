// The typed field readers of json/fields.hpp that are not inline: kind
// names, and money.
#include "json/fields.hpp"

#include <charter/money.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "json/numbers.hpp"

namespace charter::detail {

std::string_view kind_name(json::kind k) {
  switch (k) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "true or false";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "a number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "a value";
}

std::optional<money> money_field(json_fields& f, std::string_view key) {
  json::object* o = f.object(key);
  if (!o) return std::nullopt;
  json_decoder& d = f.owner();
  json_fields m(d, *o, f.at(key), {"amount", "currency"});
  money result;
  bool ok = true;
  if (json::value* amount = m.get("amount", true)) {
    const std::string at = m.at("amount");
    std::string why;
    std::optional<std::int64_t> cents;
    if (amount->is_int64()) {
      const std::int64_t units = amount->get_int64();
      if (units > std::numeric_limits<std::int64_t>::max() / 100 ||
          units < std::numeric_limits<std::int64_t>::min() / 100)
        why = "is too large";
      else
        cents = units * 100;
    } else if (amount->is_uint64()) {
      why = "is too large";
    } else if (amount->is_double()) {
      // The handler keeps the text of every non-integer amount; the
      // shortest form of the double is only a fallback.
      const std::string* text = d.amount_text(at);
      const std::string shortest =
          text ? std::string() : fmt::format("{}", amount->get_double());
      cents = decimal_cents(text ? *text : shortest, why);
    } else {
      m.wrong_type("amount", "a number", *amount);
      ok = false;
    }
    if (cents && *cents < 0) {
      cents.reset();
      why = "must not be negative";
    }
    if (cents)
      result.cents = *cents;
    else if (ok)
      d.report(at, fmt::format("amount {}", why));
    ok = ok && cents;
  } else {
    ok = false;
  }
  if (auto currency = m.string("currency", true)) {
    const bool code = currency->size() == 3 &&
                      std::all_of(currency->begin(), currency->end(),
                                  [](char c) { return c >= 'A' && c <= 'Z'; });
    if (code)
      result.currency = std::move(*currency);
    else
      d.report(m.at("currency"),
               fmt::format("\"{}\" is not a currency code (three capital "
                           "letters, as \"USD\")",
                           *currency));
    ok = ok && code;
  } else {
    ok = false;
  }
  if (!ok) return std::nullopt;
  return result;
}

}  // namespace charter::detail
