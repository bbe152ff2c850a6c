#ifndef CHARTER_EXTRA_JSON_HPP
#define CHARTER_EXTRA_JSON_HPP

// Opt-in: extra_fields to and from Boost.JSON's object and value, for
// programs that work with Boost.JSON themselves. The only public header of
// charter that includes Boost; <charter/charter.hpp> does not include it.
// A program that includes it links Boost.JSON itself (in CMake:
// `target_link_libraries(app PRIVATE charter::charter Boost::json)`), as a
// program that includes <fmt/ostream.h> uses fmt's ostream support.
// Header-only: it goes through extra_fields' JSON text.

#include <charter/extra.hpp>
#include <charter/limits.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <utility>

namespace charter {

/// The fields as a Boost.JSON value (an object), in their order.
///
/// A number keeps its canonical text's kind: an integer (`3`, including a
/// double with an integral value, such as `3.0`) is an `int64` (`uint64`
/// above its range), any other number a `double`.
/// @throws std::bad_alloc
inline boost::json::value to_value(const extra_fields& e) {
  boost::json::parse_options options;
  options.max_depth = max_extra_depth;  // as extra_fields::parse allows
  // The text is canonical, hence a JSON object: this cannot fail.
  return boost::json::parse(e.json(), {}, options);
}

/// The fields as a Boost.JSON object, in their order (see to_value()).
/// @throws std::bad_alloc
inline boost::json::object to_object(const extra_fields& e) {
  return std::move(to_value(e).as_object());
}

/// The fields of a Boost.JSON object, in canonical form.
/// @throws parse_error when `o` breaks a limit of extra_fields::parse (a
/// number that is not finite, nesting deeper than max_extra_depth, a text
/// longer than max_extra_bytes).
inline extra_fields from_object(const boost::json::object& o) {
  return extra_fields::parse(boost::json::serialize(o));
}

/// The fields of a Boost.JSON value, which must be an object.
/// @throws parse_error when `v` is not an object, or as from_object().
inline extra_fields from_value(const boost::json::value& v) {
  return extra_fields::parse(boost::json::serialize(v));
}

}  // namespace charter

#endif
