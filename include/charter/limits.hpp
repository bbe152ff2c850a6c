#ifndef CHARTER_LIMITS_HPP
#define CHARTER_LIMITS_HPP

// The largest values charter keeps. They are one set of constants for every
// reader and writer (the JSON reader, extra_fields::parse, the stores), so
// that whatever one of them accepts, every other can read back: a registry
// never holds a value it could not save, load or export again.

#include <cstddef>

namespace charter {

/// How deep an `extra` object may nest, itself included: `{}` and
/// `{"a": 1}` are 1 deep, `{"a": {"b": [1]}}` is 3 deep.
inline constexpr std::size_t max_extra_depth = 64;

/// The longest canonical text of one `extra` object, in bytes.
inline constexpr std::size_t max_extra_bytes = std::size_t{64} << 20;

/// The longest text of any other field (an id, a name, a title, an email,
/// an office...), in bytes of UTF-8.
inline constexpr std::size_t max_text_bytes = std::size_t{16} << 20;

}  // namespace charter

#endif
