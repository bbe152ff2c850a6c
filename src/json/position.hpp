#ifndef CHARTER_SRC_JSON_POSITION_HPP
#define CHARTER_SRC_JSON_POSITION_HPP

// Internal: where a syntax error is, for its message ("line 3, column 14:
// syntax error (unexpected '}')"): the document reader (json/reader.cpp)
// and extra_fields::parse (json/extra.cpp) place their errors alike.

#include <boost/json/error.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace charter::detail {

// Line and column of the next byte of a text read in pieces; columns count
// characters (UTF-8 code points).
class text_position {
 public:
  void advance(std::string_view s) {
    if (s.empty()) return;       // its data() may be null, which memchr forbids
    const char* last = nullptr;  // the last newline
    for (const char* p = s.data();
         const void* found = std::memchr(
             p, '\n', static_cast<std::size_t>(s.data() + s.size() - p));) {
      last = static_cast<const char*>(found);
      p = last + 1;
      ++line_;
    }
    if (!last) {
      column_ += code_points(s);
      return;
    }
    column_ = 1 + code_points({last + 1, static_cast<std::size_t>(
                                             s.data() + s.size() - last - 1)});
  }
  /// Moves `n` characters back on the line, to the start of what ends
  /// here (`n` is at most the column).
  void back(std::size_t n) { column_ -= std::min(n, column_ - 1); }
  std::string str() const {
    return fmt::format("line {}, column {}", line_, column_);
  }

 private:
  static std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(),
        [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }
  std::size_t line_ = 1;
  std::size_t column_ = 1;
};

// What the parser stopped at, for the message of a syntax error.
inline std::string culprit(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return "unexpected end of text";
  const auto c = static_cast<unsigned char>(text[offset]);
  if (c >= 0x20 && c < 0x7F) return fmt::format("unexpected '{}'", char(c));
  return fmt::format("unexpected byte 0x{:02X}", c);
}

// Whether a \u escape starts at `at` (after an escaped backslash, "\\\\u",
// none does).
inline bool starts_unicode_escape(std::string_view text, std::size_t at) {
  if (at + 2 > text.size() || text[at] != '\\' || text[at + 1] != 'u')
    return false;
  std::size_t backslashes = 0;
  while (backslashes < at && text[at - backslashes - 1] == '\\') ++backslashes;
  return backslashes % 2 == 0;
}

namespace surrogates {

// The UTF-16 unit of a \uXXXX escape starting at `at`, or -1.
inline long escaped_unit(std::string_view text, std::size_t at) {
  if (at + 6 > text.size() || !starts_unicode_escape(text, at)) return -1;
  long unit = 0;
  for (std::size_t i = at + 2; i < at + 6; ++i) {
    const char c = text[i];
    const int digit = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}
inline bool leading(long unit) { return unit >= 0xD800 && unit < 0xDC00; }
inline bool trailing(long unit) { return unit >= 0xDC00 && unit < 0xE000; }

}  // namespace surrogates

// Where the parser stops at an escaped surrogate without its other half
// ("\ud800" then no "\udc00".."\udfff"), it stops after it: the escape
// starts at most 12 bytes before. Returns its offset, for an error placed at
// the surrogate rather than at the byte after.
inline std::optional<std::size_t> lone_surrogate(std::string_view text,
                                                 std::size_t offset) {
  using namespace surrogates;
  offset = std::min(offset, text.size());
  for (std::size_t at = offset - std::min<std::size_t>(offset, 12); at < offset;
       ++at) {
    const long unit = escaped_unit(text, at);
    if (leading(unit) && !trailing(escaped_unit(text, at + 6))) return at;
    if (trailing(unit) && (at < 6 || !leading(escaped_unit(text, at - 6))))
      return at;
  }
  return std::nullopt;
}

// The message of a syntax error at `offset`, "syntax error (unexpected
// '}')", and where it is. Errors that Boost.JSON places after their cause,
// or in a place that depends on where the text was cut into pieces, are
// placed at their cause: a bad literal, a bad \u escape, an escaped
// surrogate without its other half, and a number whose exponent an int
// cannot hold (which Boost.JSON 1.81 cannot read, though JSON allows it:
// charter refuses it, at the number).
struct syntax_error_place {
  std::size_t offset;
  std::string message;
};
inline syntax_error_place place_syntax_error(std::string_view text,
                                             std::size_t offset,
                                             boost::json::error_code ec) {
  const std::string what = ec.message();
  if (ec == boost::json::error::exponent_overflow) {
    std::size_t start = std::min(offset, text.size());
    while (start > 0 &&
           std::string_view("0123456789+-.eE").find(text[start - 1]) !=
               std::string_view::npos)
      --start;
    return {start,
            "a number whose exponent is beyond -2147483648..2147483647, the "
            "limit of the JSON reader"};
  }
  if (ec == boost::json::error::expected_hex_digit) {
    // Boost.JSON places a bad \uXXXX after its 'u' (or, the second of a
    // pair, after its "\u") by as many of its first three digits as are hex
    // digits, or at the first that is not when the text ends within it: its
    // backslash is 1 to 5 bytes before the error. It is the first escape
    // there whose digits are not all hex ("\u\ude00" is one bad escape, not
    // a good one after a bad one); placed at its first that is not. A
    // "\u" at the error is the next escape ("\u\u", cut between the two).
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t at = end - std::min<std::size_t>(end, 5); at < end; ++at)
      if (starts_unicode_escape(text, at)) {
        std::size_t bad = at + 2;
        while (bad < at + 6 && bad < text.size() &&
               std::isxdigit(static_cast<unsigned char>(text[bad])))
          ++bad;
        if (bad < at + 6)
          return {bad, fmt::format("{} ({})", what, culprit(text, bad))};
      }
  }
  if (ec == boost::json::error::syntax) {
    // A bad UTF-8 sequence: Boost.JSON places it at its lead byte or at the
    // byte that breaks it, by how it reads the string: at its lead byte.
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t at = end - std::min<std::size_t>(end, 3); at < end; ++at) {
      const auto lead = static_cast<unsigned char>(text[at]);
      const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      if (lead < 0xC0) continue;
      for (std::size_t i = at + 1;
           i < at + length && i <= end && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
          return {at, fmt::format("{} ({})", what, culprit(text, at))};
    }
    // A bad literal: Boost.JSON places it at its first letter when the
    // text holds as many bytes as the literal, else at the first that
    // differs ("nul]"): at its first letter either way. Which token failed
    // is told by where in the parser it failed (" t\xE2" is bad UTF-8 in a
    // string, but a bad literal in an array): the function of the error's
    // source location, which Boost.JSON records (not when built with
    // BOOST_DISABLE_CURRENT_LOCATION, which tests/json.cpp would catch).
    const std::string_view function =
        ec.has_location() ? ec.location().function_name() : "";
    for (const std::string_view literal : {"true", "false", "null"})
      if (function.find(fmt::format("parse_{}", literal)) !=
          std::string_view::npos)
        for (std::size_t k = std::min(end, literal.size() - 1); k > 0; --k)
          if (text.substr(end - k, k) == literal.substr(0, k))
            return {end - k,
                    fmt::format("{} ({})", what, culprit(text, end - k))};
  }
  if (const auto at = lone_surrogate(text, offset))
    return {*at, fmt::format("lone surrogate {} (an escaped UTF-16 surrogate "
                             "must be a pair: \\ud800 to \\udbff, then "
                             "\\udc00 to \\udfff)",
                             text.substr(*at, 6))};
  return {offset, fmt::format("{} ({})", what, culprit(text, offset))};
}

}  // namespace charter::detail

#endif
