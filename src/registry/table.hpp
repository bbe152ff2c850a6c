#ifndef CHARTER_SRC_REGISTRY_TABLE_HPP
#define CHARTER_SRC_REGISTRY_TABLE_HPP

// Internal: the records of one kind and their slots by key (an id, or the
// key fields of a membership, seat or role).

#include <charter/batch.hpp>
#include <charter/model.hpp>

#include <boost/unordered/unordered_flat_set.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "registry/big_block_allocator.hpp"
#include "registry/index.hpp"

namespace charter::detail {

template <class Record>
using row_vector = std::vector<Record, big_block_allocator<Record>>;

// The records of one kind with an id, and their slots by id.
template <class Record>
struct table {
  row_vector<Record> rows;
  text_map<
      std::conditional_t<std::is_same_v<Record, person>, person_slot, slot>>
      slots;

  // The slot of the record with this id, or no_slot.
  slot find_slot(std::string_view id) const {
    auto it = slots.find(id);
    return it == slots.end() ? no_slot : slot{it->second};
  }
  const Record* find(std::string_view id) const {
    const slot s = find_slot(id);
    return s == no_slot ? nullptr : &rows[s];
  }

  // The slots by id again, after rows were taken out.
  void index_rows() {
    slots.clear();
    slots.reserve(rows.size());
    for (slot s = 0; s < rows.size(); ++s)
      slots.try_emplace(rows[s].id.str(), s);
  }
};

// The fields that make the key of a record without an id, or of its key
// struct, as views: the two compare and hash alike.
inline auto key_fields(const membership& m) noexcept {
  return std::tuple<std::string_view, std::string_view, date>(
      m.org.str(), m.foundation.str(), m.when.from);
}
inline auto key_fields(const membership_key& k) noexcept {
  return std::tuple<std::string_view, std::string_view, date>(
      k.org.str(), k.foundation.str(), k.from);
}
inline auto key_fields(const seat& s) noexcept {
  return std::tuple<std::string_view, std::string_view, std::string_view, date>(
      s.body.str(), s.seat_class.str(), s.person.str(), s.when.from);
}
inline auto key_fields(const seat_key& k) noexcept {
  return std::tuple<std::string_view, std::string_view, std::string_view, date>(
      k.body.str(), k.seat_class.str(), k.person.str(), k.from);
}
inline auto key_fields(const role& r) noexcept {
  return std::tuple<std::string_view, std::string_view, std::size_t,
                    std::string_view, date>(
      r.person.str(), r.title, r.scope.index(), str(r.scope), r.when.from);
}
inline auto key_fields(const role_key& k) noexcept {
  return std::tuple<std::string_view, std::string_view, std::size_t,
                    std::string_view, date>(
      k.person.str(), k.title, k.scope.index(), str(k.scope), k.from);
}

inline auto key_fields(const submitted_report& r) noexcept {
  return std::tuple<std::string_view, date>(r.body.str(), first_day(r.month));
}
inline auto key_fields(const report_key& k) noexcept {
  return std::tuple<std::string_view, date>(k.body.str(), first_day(k.month));
}

template <class Record>
concept keyed_by_fields = requires(const Record& r) {
  key_fields(r);
};

inline std::size_t field_hash(std::string_view s) noexcept {
  return std::hash<std::string_view>{}(s);
}
inline std::size_t field_hash(std::size_t n) noexcept { return n; }
inline std::size_t field_hash(date d) noexcept {
  return static_cast<std::size_t>(
      std::chrono::sys_days{d}.time_since_epoch().count());
}
template <class... Field>
std::size_t fields_hash(const std::tuple<Field...>& fields) noexcept {
  std::size_t h = 0;
  std::apply(
      [&h](const auto&... f) {
        ((h ^= field_hash(f) + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)), ...);
      },
      fields);
  return h;
}

// Hash and equality of a table of slots whose keys are their rows' fields:
// a slot stands for its row, and a record or a key struct for itself.
template <class Record>
struct row_key_hash {
  using is_transparent = void;
  const row_vector<Record>* rows = nullptr;
  std::size_t operator()(slot s) const noexcept {
    return fields_hash(key_fields((*rows)[s]));
  }
  template <class Key>
  std::size_t operator()(const Key& k) const noexcept {
    return fields_hash(key_fields(k));
  }
};
template <class Record>
struct row_key_equal {
  using is_transparent = void;
  const row_vector<Record>* rows = nullptr;
  auto fields(slot s) const noexcept { return key_fields((*rows)[s]); }
  template <class Key>
  auto fields(const Key& k) const noexcept {
    return key_fields(k);
  }
  template <class A, class B>
  bool operator()(const A& a, const B& b) const noexcept {
    return fields(a) == fields(b);
  }
};

// The records of one kind whose key is made of fields (memberships, seats,
// roles), and their slots by key. The set holds slots alone and reads the
// key from the row: a membership's key as a string was 70 bytes more per
// record. Its hash and equality point at `rows`, so a copy or move of the
// table builds its set again.
template <keyed_by_fields Record>
struct table<Record> {
  row_vector<Record> rows;
  boost::unordered_flat_set<slot, row_key_hash<Record>, row_key_equal<Record>,
                            big_block_allocator<slot>>
      slots{0, row_key_hash<Record>{&rows}, row_key_equal<Record>{&rows}};

  table() = default;
  table(const table& other) : rows(other.rows) { index_rows(); }
  table(table&& other) : rows(std::move(other.rows)) {
    other.slots.clear();
    index_rows();
  }
  table& operator=(table other) {
    rows.swap(other.rows);
    index_rows();
    return *this;
  }

  template <class Key>
  slot find_slot(const Key& key) const {
    auto it = slots.find(key);
    return it == slots.end() ? no_slot : *it;
  }
  template <class Key>
  const Record* find(const Key& key) const {
    const slot s = find_slot(key);
    return s == no_slot ? nullptr : &rows[s];
  }

  // The slots by key again (after a copy, or after rows were taken out).
  void index_rows() {
    decltype(slots) fresh(rows.size(), row_key_hash<Record>{&rows},
                          row_key_equal<Record>{&rows});
    for (slot s = 0; s < rows.size(); ++s) fresh.insert(s);
    slots.swap(fresh);
  }
};

// What a table finds a record by: its id, or the record itself.
template <class Record>
decltype(auto) lookup_key(const Record& r) noexcept {
  if constexpr (keyed_by_fields<Record>)
    return (r);
  else
    return std::string_view(r.id.str());
}

// Keys of the secondary indexes where kinds mix: a letter for the kind, a

inline record_key record_key_of(const organization& r) { return r.id; }
inline record_key record_key_of(const person& r) { return r.id; }
inline record_key record_key_of(const foundation& r) { return r.id; }
inline record_key record_key_of(const project& r) { return r.id; }
inline record_key record_key_of(const body& r) { return r.id; }
inline record_key record_key_of(const membership& r) { return key_of(r); }
inline record_key record_key_of(const seat& r) { return key_of(r); }
inline record_key record_key_of(const role& r) { return key_of(r); }
inline record_key record_key_of(const meeting& r) { return r.id; }
inline record_key record_key_of(const invoice& r) { return r.id; }
inline record_key record_key_of(const submitted_report& r) { return key_of(r); }
inline record_key record_key_of(const election& r) { return r.id; }

}  // namespace charter::detail

#endif
