#ifndef CHARTER_SRC_REGISTRY_INDEX_HPP
#define CHARTER_SRC_REGISTRY_INDEX_HPP

// Internal: the registry's lookup tables and secondary indexes (slots by
// id, dated entries that answer a query at a date without reading rows).

#include <charter/date.hpp>
#include <charter/model.hpp>

#include <boost/unordered/unordered_flat_map.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text_hash.hpp"
#include "registry/big_block_allocator.hpp"
#include "registry/short_text.hpp"

namespace charter::detail {

// A record's place in its table: rows are never reordered while a batch is
// applied, so a slot names a record as long as its key would.
using slot = std::uint32_t;
constexpr slot no_slot = std::numeric_limits<slot>::max();

// Open addressing: a lookup touches one group of metadata and one slot,
// where a node-based map chases a bucket, then a node.
template <class Value>
using text_map = boost::unordered_flat_map<
    short_text, Value, text_hash, text_equal,
    big_block_allocator<std::pair<const short_text, Value>>>;

// Secondary index: an id to the slots of the records that mention it.
using group_index = text_map<std::vector<slot>>;

// A date as an integer that orders as the date does (including dates that
// are not ok()), so that index entries are filtered without a calendar:
// the year, month and day in 16, 8 and 8 bits.
inline std::int32_t day_key(date d) noexcept {
  const auto year = static_cast<std::uint32_t>(
      static_cast<int>(d.year()));  // two's complement
  return static_cast<std::int32_t>(year << 16 |
                                   static_cast<unsigned>(d.month()) << 8 |
                                   static_cast<unsigned>(d.day()));
}
// After every date's key but that of 32767-255-255, which is not a date.
constexpr std::int32_t open_end = std::numeric_limits<std::int32_t>::max();

// An index entry that carries the row's period, so that queries at a date
// skip rows not in force without reading them. 16 bytes.
struct dated_slot {
  slot row;
  slot aux;  // what else the index needs of the row (see registry_state)
  std::int32_t from, to;
  bool contains(std::int32_t day) const noexcept {
    return from <= day && day < to;
  }
};
inline dated_slot dated(slot row, slot aux, const period& p) noexcept {
  return {row, aux, day_key(p.from), p.to ? day_key(*p.to) : open_end};
}
using dated_index = text_map<std::vector<dated_slot>>;

// A person's slot, with the periods of their affiliations beside it: the
// lookup that finds the person answers affiliations() at a date without
// reading the person's row (one cache miss at most, at a million people).
// 48 bytes with the key.
struct person_slot {
  static constexpr std::size_t inline_ties = 4;
  static constexpr std::uint32_t ask_the_row =
      0x8000'0000;  // in `ties`: periods not all here
  slot row;
  std::uint32_t ties = ask_the_row;  // how many affiliations, when all are here
  const affiliation* first = nullptr;  // the row's affiliations
  std::uint16_t from[inline_ties] = {}, to[inline_ties] = {};  // short_day
  person_slot(slot s) noexcept : row(s) {}  // NOLINT: converts as a slot does
  operator slot() const noexcept { return row; }
};

// Days since 1900-01-01 in 16 bits, up to 2079; `no_short_day` for a date
// outside (or not ok()), and in `to` for no date.
constexpr std::uint16_t no_short_day = 0xFFFF;
inline std::uint16_t short_day(date d) noexcept {
  constexpr auto base = std::chrono::sys_days{std::chrono::year{1900} / 1 / 1};
  if (!d.ok()) return no_short_day;
  const auto n = (std::chrono::sys_days{d} - base).count();
  return n < 0 || n >= no_short_day ? no_short_day
                                    : static_cast<std::uint16_t>(n);
}

// The slots a group index holds under `key` (none when it has no entry).
inline const std::vector<slot>& slots_in(const group_index& g,
                                         std::string_view key) {
  static const std::vector<slot> none;
  auto it = g.find(key);
  return it == g.end() ? none : it->second;
}

// The entries a dated index holds under `key`.
inline const std::vector<dated_slot>& entries_in(const dated_index& g,
                                                 std::string_view key) {
  static const std::vector<dated_slot> none;
  auto it = g.find(key);
  return it == g.end() ? none : it->second;
}

}  // namespace charter::detail

#endif
