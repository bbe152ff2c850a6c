#ifndef CHARTER_SRC_JSON_POINTER_HPP
#define CHARTER_SRC_JSON_POINTER_HPP

// Internal: building JSON Pointers (RFC 6901), which place every problem
// found in a document (`/memberships/3/tier`). Inline: the reader and the
// decoders build some for every record.

#include <array>
#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>

namespace charter::detail {

inline void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer += '/';
  if (token.find_first_of("~/") == std::string_view::npos) {
    pointer += token;
    return;
  }
  for (char c : token) {
    if (c == '~')
      pointer += "~0";
    else if (c == '/')
      pointer += "~1";
    else
      pointer += c;
  }
}

inline void append_pointer_index(std::string& pointer, std::size_t index) {
  std::array<char, 24> digits;
  const auto end =
      std::to_chars(digits.data(), digits.data() + digits.size(), index).ptr;
  pointer += '/';
  pointer.append(digits.data(), end);
}

inline std::string child_pointer(std::string_view base, std::string_view key) {
  std::string pointer(base);
  append_pointer_token(pointer, key);
  return pointer;
}

inline std::string child_pointer(std::string_view base, std::size_t index) {
  std::string pointer(base);
  append_pointer_index(pointer, index);
  return pointer;
}

}  // namespace charter::detail

#endif
