#ifndef CHARTER_EXTRA_HPP
#define CHARTER_EXTRA_HPP

// The fields a record carries under "extra", as charter's own value type: a
// JSON object held as its canonical text, so that this header (and every
// header that includes it) needs no JSON library. <charter/extra_json.hpp>
// converts to and from Boost.JSON's types, for programs that use them.

#include <charter/limits.hpp>

#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace charter {

namespace detail {
struct extra_access;
}

/// Fields a record carries under `"extra"`, kept verbatim: a JSON object,
/// held as its canonical text.
///
/// The canonical text is what charter's export writes for the object: the
/// members in the order they came, `", "` between members and elements,
/// `": "` after a key, strings escaped as `boost::json::serialize` escapes
/// them (quote, backslash and control characters; other characters as they
/// are, in UTF-8), numbers in the shortest form that reads back as the same
/// double (`0.0025`, `1e+300`; a number with an integral value below 1e16 as
/// an integer, except a negative zero, which is `-0.0`). So `{"a":1.50, "b" : [
/// true ]}` is kept as
/// `{"a": 1.5, "b": [true]}`, and exporting an `extra` copies its text.
///
/// A value type, one pointer in size: a non-empty object's text lives in one
/// heap block of its own; the empty object `{}` holds no block and allocates
/// nothing. Copies copy the text; moves leave the source empty.
class extra_fields {
 public:
  /// The empty object `{}`. Allocates nothing.
  extra_fields() noexcept = default;

  /// A copy of `other`'s text (one allocation, none when it is empty).
  extra_fields(const extra_fields& other);

  /// Takes `other`'s text; leaves `other` empty.
  extra_fields(extra_fields&& other) noexcept
      : block_(std::exchange(other.block_, nullptr)) {}

  /// Strong guarantee: on failure, `*this` is unchanged.
  extra_fields& operator=(const extra_fields& other);

  /// Takes `other`'s text; leaves `other` empty.
  extra_fields& operator=(extra_fields&& other) noexcept {
    extra_fields(std::move(other)).swap(*this);
    return *this;
  }

  ~extra_fields();

  /// The object of a JSON text, kept in canonical form.
  ///
  /// Any JSON object is accepted, whatever its layout, with these limits
  /// (those of charter's JSON reader): no key repeated within an object, no
  /// number that a double cannot hold exactly (a string keeps such a value
  /// as it is), no nesting deeper than max_extra_depth (64), no canonical
  /// text longer than max_extra_bytes (64 MiB) (<charter/limits.hpp>).
  ///
  /// @throws parse_error when `json_text` is not one JSON object (an array,
  /// a number, text after the object, invalid UTF-8...) or breaks a limit;
  /// the message says what, and at which line and column.
  static extra_fields parse(std::string_view json_text);

  /// The canonical text; `"{}"` when empty. Valid while `*this` lives and is
  /// not assigned to.
  std::string_view json() const noexcept {
    if (!block_) return "{}";
    std::size_t size = 0;
    std::memcpy(&size, block_, sizeof size);
    return {block_ + sizeof size, size};
  }

  /// Whether the object has no members.
  bool empty() const noexcept { return block_ == nullptr; }

  /// The number of members (of the object itself, not of nested ones).
  ///
  /// Linear in the length of the text.
  std::size_t size() const;

  /// Whether the object has a member named `key`.
  ///
  /// Linear in the length of the text.
  bool contains(std::string_view key) const;

  /// The value of member `key`, unescaped, when it is a string; nothing
  /// when there is no such member or its value is not a string.
  std::optional<std::string> string(std::string_view key) const;

  /// The value of member `key`, whatever its kind, as canonical JSON text
  /// (`"1.5"`, `"\"text\""`, `"[1, 2]"`); nothing when there is no such
  /// member.
  std::optional<std::string> value_json(std::string_view key) const;

  /// Exchanges the texts of `*this` and `other`.
  void swap(extra_fields& other) noexcept { std::swap(block_, other.block_); }
  friend void swap(extra_fields& a, extra_fields& b) noexcept { a.swap(b); }

  /// Equality of the objects, as `boost::json::object`'s: the same members,
  /// in any order, with equal values (arrays in order).
  ///
  /// Equal texts are compared alone; otherwise both are parsed.
  friend bool operator==(const extra_fields& a, const extra_fields& b);

 private:
  friend struct detail::extra_access;

  // The size of the text (a std::size_t, unaligned-safe through memcpy)
  // followed by the text itself; null for the empty object.
  char* block_ = nullptr;
};

static_assert(sizeof(extra_fields) == sizeof(void*));

}  // namespace charter

#endif
