#ifndef CHARTER_SRC_JSON_CANONICAL_HPP
#define CHARTER_SRC_JSON_CANONICAL_HPP

// Internal: the canonical layout of JSON values (json/canonical.cpp), which
// the writer (json/writer.cpp) uses for a whole document and extra_fields
// (json/extra.cpp) for the text it keeps: ", " between members and
// elements, ": " after keys, strings escaped as boost::json::serialize
// escapes them, numbers in their shortest form. The small parts are inline:
// the writer escapes every string of every record.

#include <boost/json/fwd.hpp>
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace charter::detail {

// Strings are escaped as boost::json::serialize escapes them: quote,
// backslash and control characters only; other bytes as they are.

// Whether byte `c` stands for itself in a JSON string.
inline constexpr auto json_plain_byte = [] {
  std::array<bool, 256> table{};
  for (std::size_t c = 0x20; c < 256; ++c) table[c] = c != '"' && c != '\\';
  return table;
}();

// Appends the escape of `c`, a byte that is not plain. Out of line: escapes
// are rare, and the writer's loop stays small.
void append_json_escape(std::string& out, unsigned char c);

// Appends `s` escaped, without quotes (a string, or a piece of one),
// copying the runs of plain bytes whole. (The writer has its own copy of
// this loop: see writer::string.)
inline void append_json_escaped(std::string& out, std::string_view s) {
  std::size_t plain = 0;  // start of the run not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (json_plain_byte[c]) continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    append_json_escape(out, c);
  }
  out.append(s.data() + plain, s.size() - plain);
}

// Appends `s` quoted and escaped.
inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  append_json_escaped(out, s);
  out += '"';
}

inline void append_json_integer(std::string& out, std::int64_t v) {
  fmt::format_to(std::back_inserter(out), "{}", v);
}
inline void append_json_integer(std::string& out, std::uint64_t v) {
  fmt::format_to(std::back_inserter(out), "{}", v);
}

// The shortest text that reads back as `v` (fmt's); a negative zero as
// "-0.0", since fmt's "-0" would come back as the integer 0; a value JSON
// cannot hold as null.
inline void append_json_number(std::string& out, double v) {
  using namespace std::string_view_literals;
  if (v == 0)
    out += std::signbit(v) ? "-0.0"sv : "0"sv;
  else if (std::isfinite(v))
    fmt::format_to(std::back_inserter(out), "{}", v);
  else
    out += "null"sv;
}

// Appends the canonical text of a value, or of an object.
void append_json_value(std::string& out, const boost::json::value& v);
void append_json_object(std::string& out, const boost::json::object& o);

}  // namespace charter::detail

#endif
