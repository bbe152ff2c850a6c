#ifndef CHARTER_SRC_JSON_NUMBERS_HPP
#define CHARTER_SRC_JSON_NUMBERS_HPP

// Internal: numbers read from their text, exactly: whether a double keeps a
// number of `extra`, and money amounts as integer hundredths.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace charter::detail {

// The double that the text of a JSON number denotes (correctly rounded, as
// std::from_chars reads it; Boost.JSON 1.81 reads some numbers one unit in
// the last place off), when that double, written back as charter writes it
// (the shortest form that reads back as itself), has the value of `text`.
// Otherwise nullopt: the number cannot be kept exactly.
std::optional<double> exact_double(std::string_view text);

// Reads the text of a JSON number as integer hundredths, exactly. The text
// has already passed the JSON grammar. When it cannot, says why in `why`
// ("has more than two decimals", "is too large").
std::optional<std::int64_t> decimal_cents(std::string_view text,
                                          std::string& why);

}  // namespace charter::detail

#endif
