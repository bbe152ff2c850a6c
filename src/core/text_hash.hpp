#ifndef CHARTER_SRC_CORE_TEXT_HASH_HPP
#define CHARTER_SRC_CORE_TEXT_HASH_HPP

// Internal: hash and equality of hash tables keyed by text, transparent so
// that a lookup by a string_view builds no key.

#include <functional>
#include <string_view>

namespace charter::detail {

struct text_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

struct text_equal {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    return a == b;
  }
};

}  // namespace charter::detail

#endif
