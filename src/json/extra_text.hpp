#ifndef CHARTER_SRC_JSON_EXTRA_TEXT_HPP
#define CHARTER_SRC_JSON_EXTRA_TEXT_HPP

// Internal: making extra_fields from text charter has already made
// canonical (json/extra.cpp), without parsing it again: the JSON reader
// writes a record's `extra` from its DOM, and the SQLite loader checks and
// rewrites a column's text in one pass into a buffer it keeps.

#include <charter/extra.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace charter::detail {

struct extra_access {
  /// Takes `canonical` as it is: the canonical text of a JSON object,
  /// which is not checked ("{}" gives the empty object).
  static extra_fields adopt(std::string_view canonical);
};

/// The canonical text of `o` (written in `scratch`, which keeps its room
/// for the next call), adopted. `o`'s numbers are taken as they are: the
/// reader has checked that each is the number its text says.
extra_fields extra_of(const boost::json::object& o, std::string& scratch);

/// How deep `o` nests, itself included: 1 for `{}` and `{"a": 1}`.
std::size_t nesting_of(const boost::json::object& o);

/// extra_fields::parse(), writing the canonical text in `scratch` (which
/// keeps its room for the next call) before it is adopted.
/// @throws parse_error as extra_fields::parse.
extra_fields parse_extra(std::string_view text, std::string& scratch);

}  // namespace charter::detail

#endif
