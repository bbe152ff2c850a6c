#ifndef CHARTER_SRC_JSON_PLACES_HPP
#define CHARTER_SRC_JSON_PLACES_HPP

// Internal: where each record of a document is, so that the problems the
// registry finds in the records are placed by their JSON Pointer in the
// document (`/memberships/3`): record keys' fingerprints, and the index from
// fingerprints to places in the document.

#include <charter/batch.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace charter::detail {

// A record key's fingerprint: two hashes computed independently (std::hash
// of each part, combined; and FNV-1a over all of them), 96 bits in all, so
// that two keys of one document share one with a chance of about 1e-17.
struct key_fingerprint {
  std::uint64_t hash = 0;
  std::uint32_t check = 0;
};

key_fingerprint fingerprint_of(const record_key& key) noexcept;

// Where each record of a document is, by its key's fingerprint: 16 bytes a
// record (a map from key names to pointers took ten times as much on a
// million-record document), and nothing of the records themselves, which
// may be in a registry already when the document is read in pieces.
class place_index {
 public:
  struct place {
    record_kind collection;
    std::size_t element;  // its index in the collection's array
  };
  /// The bits of a place for the element index; the 4 above it hold the
  /// collection (up to 16 kinds of record).
  static constexpr unsigned element_bits = 28;
  static_assert(record_kind_count <= 16);
  /// The largest element index a place can hold.
  static constexpr std::size_t max_element =
      (std::size_t{1} << element_bits) - 2;

  /// Makes room for `n` records.
  void reserve(std::size_t n) {
    while (n * 4 > slots_.size() * 3) grow();
  }

  /// Adds the place of a record; returns the place of an earlier record
  /// with the same key instead, if there is one.
  std::optional<place> add(key_fingerprint key, place where) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    for (std::size_t i = key.hash & mask();; i = (i + 1) & mask()) {
      slot& s = slots_[i];
      if (s.where == empty) {
        s = {key.hash, key.check,
             static_cast<std::uint32_t>(
                 std::uint32_t{static_cast<std::uint8_t>(where.collection)}
                     << element_bits |
                 where.element)};
        ++size_;
        return std::nullopt;
      }
      if (s.hash == key.hash && s.check == key.check) return decode(s.where);
    }
  }

  std::optional<place> find(key_fingerprint key) const {
    if (slots_.empty()) return std::nullopt;
    for (std::size_t i = key.hash & mask(); slots_[i].where != empty;
         i = (i + 1) & mask())
      if (slots_[i].hash == key.hash && slots_[i].check == key.check)
        return decode(slots_[i].where);
    return std::nullopt;
  }

 private:
  struct slot {
    std::uint64_t hash;
    std::uint32_t check;
    std::uint32_t
        where;  // collection (its record_kind, 4 bits), element (28 bits)
  };
  static constexpr std::uint32_t empty = ~std::uint32_t{0};

  static place decode(std::uint32_t where) noexcept {
    return {static_cast<record_kind>(where >> element_bits),
            where & ((std::uint32_t{1} << element_bits) - 1)};
  }
  std::size_t mask() const noexcept { return slots_.size() - 1; }

  void grow() {
    std::vector<slot> old(std::max<std::size_t>(slots_.size() * 2, 1024),
                          slot{0, 0, empty});
    old.swap(slots_);
    for (const slot& s : old) {
      if (s.where == empty) continue;
      std::size_t i = s.hash & mask();
      while (slots_[i].where != empty) i = (i + 1) & mask();
      slots_[i] = s;
    }
  }

  std::vector<slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace charter::detail

#endif
