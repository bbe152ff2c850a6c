#ifndef CHARTER_SRC_JSON_POSITION_HPP
#define CHARTER_SRC_JSON_POSITION_HPP

// Internal: where a syntax error is, for its message ("line 3, column 14:
// syntax error (unexpected '}')"): the document reader (json/reader.cpp)
// and extra_fields::parse (json/extra.cpp) place their errors alike.

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
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

}  // namespace charter::detail

#endif
