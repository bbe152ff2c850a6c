#include <charter/registry.hpp>

#include <fmt/format.h>

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "core/text_hash.hpp"

namespace charter {
namespace detail {

using slot = std::uint32_t;
constexpr slot no_slot = std::numeric_limits<slot>::max();

// The key of a lookup table: up to 15 characters in place, longer ones on
// the heap. Ids are short, and a key half the size of a std::string saves
// 16 bytes in each of the million slots of a table of people.
class short_text {
 public:
  short_text(std::string_view s) {  // NOLINT: converts as the text does
    if (s.size() < sizeof(bytes_)) {
      std::memcpy(bytes_, s.data(), s.size());
      bytes_[last] = static_cast<char>(s.size());
    } else {
      char* copy = new char[s.size()];
      std::memcpy(copy, s.data(), s.size());
      set_heap(copy, s.size());
    }
  }
  short_text(const std::string& s) : short_text(std::string_view(s)) {}  // NOLINT
  short_text(const short_text& other) : short_text(other.view()) {}
  short_text(short_text&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof(bytes_));
    other.bytes_[last] = 0;  // empty, in place: owns nothing now
  }
  short_text& operator=(short_text other) noexcept {
    std::swap(bytes_, other.bytes_);
    return *this;
  }
  ~short_text() {
    if (on_heap()) delete[] heap_data();
  }

  std::string_view view() const noexcept {
    if (on_heap()) return {heap_data(), heap_size()};
    return {bytes_, static_cast<std::size_t>(bytes_[last])};
  }
  operator std::string_view() const noexcept { return view(); }  // NOLINT

 private:
  static constexpr std::size_t last = 15;
  static constexpr char heap = static_cast<char>(0x80);  // in bytes_[last]
  bool on_heap() const noexcept { return bytes_[last] == heap; }
  void set_heap(char* data, std::size_t size) noexcept {
    const auto n = static_cast<std::uint64_t>(size);
    std::memcpy(bytes_, &data, sizeof data);
    std::memcpy(bytes_ + 8, &n, 7);  // little or big endian alike: read back the same way
    bytes_[last] = heap;
  }
  const char* heap_data() const noexcept {
    const char* data;
    std::memcpy(&data, bytes_, sizeof data);
    return data;
  }
  std::size_t heap_size() const noexcept {
    std::uint64_t n = 0;
    std::memcpy(&n, bytes_ + 8, 7);
    return static_cast<std::size_t>(n);
  }

  alignas(8) char bytes_[16];
};
static_assert(sizeof(short_text) == 16);


// Allocates blocks of 2 MiB or more on huge pages, where the system gives
// them on request (Linux's transparent huge pages in `madvise` mode). A
// query at a million people touches one slot of a table of 64 MB: with 4 KiB
// pages, nearly every lookup also misses the TLB.
template <class T>
struct big_block_allocator {
  using value_type = T;
  static constexpr std::size_t huge = std::size_t{2} << 20;

  big_block_allocator() = default;
  template <class U>
  big_block_allocator(const big_block_allocator<U>&) noexcept {}  // NOLINT: rebinding converts

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge || alignof(T) > huge) return std::allocator<T>{}.allocate(n);
    const std::size_t rounded = (bytes + huge - 1) / huge * huge;
    void* p = std::aligned_alloc(huge, rounded);
    if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    ::madvise(p, rounded, MADV_HUGEPAGE);  // advice: failing is harmless
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < huge || alignof(T) > huge) std::allocator<T>{}.deallocate(p, n);
    else std::free(p);
  }
  template <class U>
  friend bool operator==(const big_block_allocator&, const big_block_allocator<U>&) noexcept {
    return true;
  }
};

// Open addressing: a lookup touches one group of metadata and one slot,
// where a node-based map chases a bucket, then a node.
template <class Value>
using text_map = boost::unordered_flat_map<short_text, Value, text_hash, text_equal,
                                           big_block_allocator<std::pair<const short_text, Value>>>;

// Secondary index: a key (an id, with a kind prefix where kinds mix) to the
// slots of the records that mention it.
using group_index = text_map<std::vector<slot>>;

// A date as an integer that orders as the date does (including dates that
// are not ok()), so that index entries are filtered without a calendar:
// the year, month and day in 16, 8 and 8 bits.
inline std::int32_t day_key(date d) noexcept {
  const auto year = static_cast<std::uint32_t>(static_cast<int>(d.year()));  // two's complement
  return static_cast<std::int32_t>(year << 16 | static_cast<unsigned>(d.month()) << 8 | static_cast<unsigned>(d.day()));
}
// After every date's key but that of 32767-255-255, which is not a date.
constexpr std::int32_t open_end = std::numeric_limits<std::int32_t>::max();

// An index entry that carries the row's period, so that queries at a date
// skip rows not in force without reading them. 16 bytes.
struct dated_slot {
  slot row;
  slot aux;  // what else the index needs of the row (see registry_state)
  std::int32_t from, to;
  bool contains(std::int32_t day) const noexcept { return from <= day && day < to; }
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
  static constexpr std::uint32_t ask_the_row = 0x8000'0000;  // in `ties`: periods not all here
  slot row;
  std::uint32_t ties = ask_the_row;    // how many affiliations, when all are here
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
  return n < 0 || n >= no_short_day ? no_short_day : static_cast<std::uint16_t>(n);
}

template <class Record>
using row_vector = std::vector<Record, big_block_allocator<Record>>;

// The records of one kind with an id, and their slots by id.
template <class Record>
struct table {
  row_vector<Record> rows;
  text_map<std::conditional_t<std::is_same_v<Record, person>, person_slot, slot>> slots;

  // The slot of the record with this id, or no_slot.
  slot find_slot(std::string_view id) const {
    auto it = slots.find(id);
    return it == slots.end() ? no_slot : slot{it->second};
  }
  const Record* find(std::string_view id) const {
    const slot s = find_slot(id);
    return s == no_slot ? nullptr : &rows[s];
  }
};

// The fields that make the key of a record without an id, or of its key
// struct, as views: the two compare and hash alike.
inline auto key_fields(const membership& m) noexcept {
  return std::tuple<std::string_view, std::string_view, date>(m.org.str(), m.foundation.str(), m.when.from);
}
inline auto key_fields(const membership_key& k) noexcept {
  return std::tuple<std::string_view, std::string_view, date>(k.org.str(), k.foundation.str(), k.from);
}
inline auto key_fields(const seat& s) noexcept {
  return std::tuple<std::string_view, std::string_view, std::string_view, date>(s.body.str(), s.seat_class.str(),
                                                                               s.person.str(), s.when.from);
}
inline auto key_fields(const seat_key& k) noexcept {
  return std::tuple<std::string_view, std::string_view, std::string_view, date>(k.body.str(), k.seat_class.str(),
                                                                               k.person.str(), k.from);
}
inline auto key_fields(const role& r) noexcept {
  return std::tuple<std::string_view, std::string_view, std::size_t, std::string_view, date>(
      r.person.str(), r.title, r.scope.index(), str(r.scope), r.when.from);
}
inline auto key_fields(const role_key& k) noexcept {
  return std::tuple<std::string_view, std::string_view, std::size_t, std::string_view, date>(
      k.person.str(), k.title, k.scope.index(), str(k.scope), k.from);
}

template <class Record>
concept keyed_by_fields = requires(const Record& r) { key_fields(r); };

inline std::size_t field_hash(std::string_view s) noexcept { return std::hash<std::string_view>{}(s); }
inline std::size_t field_hash(std::size_t n) noexcept { return n; }
inline std::size_t field_hash(date d) noexcept {
  return static_cast<std::size_t>(std::chrono::sys_days{d}.time_since_epoch().count());
}
template <class... Field>
std::size_t fields_hash(const std::tuple<Field...>& fields) noexcept {
  std::size_t h = 0;
  std::apply([&h](const auto&... f) { ((h ^= field_hash(f) + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)), ...); },
             fields);
  return h;
}

// Hash and equality of a table of slots whose keys are their rows' fields:
// a slot stands for its row, and a record or a key struct for itself.
template <class Record>
struct row_key_hash {
  using is_transparent = void;
  const row_vector<Record>* rows = nullptr;
  std::size_t operator()(slot s) const noexcept { return fields_hash(key_fields((*rows)[s])); }
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
  boost::unordered_flat_set<slot, row_key_hash<Record>, row_key_equal<Record>, big_block_allocator<slot>> slots{
      0, row_key_hash<Record>{&rows}, row_key_equal<Record>{&rows}};

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

 private:
  void index_rows() {
    decltype(slots) fresh(rows.size(), row_key_hash<Record>{&rows}, row_key_equal<Record>{&rows});
    for (slot s = 0; s < rows.size(); ++s) fresh.insert(s);
    slots.swap(fresh);
  }
};

// What a table finds a record by: its id, or the record itself.
template <class Record>
decltype(auto) lookup_key(const Record& r) noexcept {
  if constexpr (keyed_by_fields<Record>) return (r);
  else return std::string_view(r.id.str());
}

// Keys of the secondary indexes where kinds mix: a letter for the kind, a
// colon, the id.
inline std::string scope_key(const role_scope& s) {
  static constexpr char prefix[] = {'f', 'p', 'b'};
  return std::string(1, prefix[s.index()]) + ':' + str(s);
}
inline std::string owner_key(const body_owner& o) {
  return std::string(1, o.index() == 0 ? 'f' : 'p') + ':' + str(o);
}
inline std::string steward_key(const steward_ref& s) {
  return std::string(1, s.index() == 0 ? 'o' : 'f') + ':' + str(s);
}

inline record_key record_key_of(const organization& r) { return r.id; }
inline record_key record_key_of(const person& r) { return r.id; }
inline record_key record_key_of(const foundation& r) { return r.id; }
inline record_key record_key_of(const project& r) { return r.id; }
inline record_key record_key_of(const body& r) { return r.id; }
inline record_key record_key_of(const membership& r) { return key_of(r); }
inline record_key record_key_of(const seat& r) { return key_of(r); }
inline record_key record_key_of(const role& r) { return key_of(r); }

struct registry_state {
  table<organization> orgs;
  table<person> people;
  table<foundation> foundations;
  table<project> projects;
  table<body> bodies;
  table<membership> memberships;
  table<seat> seats;
  table<role> roles;

  group_index orgs_by_parent;
  group_index people_by_org;
  group_index projects_by_steward;
  group_index bodies_by_owner;
  // An organization's memberships by slot, `aux` the foundation's slot;
  // a foundation's memberships by organization id, then start, then slot,
  // `aux` the index of the tier in the foundation (so members() neither
  // reads nor sorts rows). `no_slot` while the foundation or tier is
  // missing, which validation then reports.
  dated_index memberships_by_org;
  dated_index memberships_by_foundation;
  // The top-most ancestor of each organization, by slot.
  std::vector<slot> org_root;

  // Points each person's slot at their row's affiliations: after a write,
  // and after a copy (whose slots point into the original's rows).
  void link(person_slot& e, const person& p) const noexcept {
    e.first = p.affiliations.data();
    e.ties = person_slot::ask_the_row;
    if (p.affiliations.size() > person_slot::inline_ties) return;
    for (std::size_t i = 0; i < p.affiliations.size(); ++i) {
      const auto& w = p.affiliations[i].when;
      e.from[i] = short_day(w.from);
      e.to[i] = w.to ? short_day(*w.to) : no_short_day;
      if (e.from[i] == no_short_day || (w.to && e.to[i] == no_short_day)) return;
    }
    e.ties = static_cast<std::uint32_t>(p.affiliations.size());
  }
  void relink_people() noexcept {
    for (auto& [key, e] : people.slots) link(e, people.rows[e.row]);
  }
  group_index seats_by_body;
  group_index seats_by_person;
  group_index seats_by_represents;
  group_index roles_by_scope;
  group_index roles_by_person;

  // The index of each kind of record in `record_key`.
  static constexpr std::uint8_t kind_of(const organization*) { return 0; }
  static constexpr std::uint8_t kind_of(const person*) { return 1; }
  static constexpr std::uint8_t kind_of(const foundation*) { return 2; }
  static constexpr std::uint8_t kind_of(const project*) { return 3; }
  static constexpr std::uint8_t kind_of(const body*) { return 4; }
  static constexpr std::uint8_t kind_of(const membership*) { return 5; }
  static constexpr std::uint8_t kind_of(const seat*) { return 6; }
  static constexpr std::uint8_t kind_of(const role*) { return 7; }

  record_key key_at(std::uint8_t kind, slot s) const {
    switch (kind) {
      case 0: return orgs.rows[s].id;
      case 1: return people.rows[s].id;
      case 2: return foundations.rows[s].id;
      case 3: return projects.rows[s].id;
      case 4: return bodies.rows[s].id;
      case 5: return key_of(memberships.rows[s]);
      case 6: return key_of(seats.rows[s]);
      default: return key_of(roles.rows[s]);
    }
  }

  table<organization>& of(const organization*) { return orgs; }
  table<person>& of(const person*) { return people; }
  table<foundation>& of(const foundation*) { return foundations; }
  table<project>& of(const project*) { return projects; }
  table<body>& of(const body*) { return bodies; }
  table<membership>& of(const membership*) { return memberships; }
  table<seat>& of(const seat*) { return seats; }
  table<role>& of(const role*) { return roles; }

  // Calls f(index, key) for every secondary index entry of a record.
  template <class F>
  void groups(const organization& r, F&& f) {
    if (r.parent) f(orgs_by_parent, r.parent->str());
  }
  template <class F>
  void groups(const person& r, F&& f) {
    // A bulk load builds this index once all people are in (index_people_by_org).
    if (!journaling) return;
    for (const auto& a : r.affiliations) f(people_by_org, a.org.str());
  }
  template <class F>
  void groups(const foundation&, F&&) {}
  template <class F>
  void groups(const project& r, F&& f) {
    for (const auto& s : r.stewards) f(projects_by_steward, steward_key(s.who));
  }
  template <class F>
  void groups(const body& r, F&& f) {
    f(bodies_by_owner, owner_key(r.owner));
  }
  template <class F>
  void groups(const membership&, F&&) {}  // dated: see index_more
  template <class F>
  void groups(const seat& r, F&& f) {
    f(seats_by_body, r.body.str());
    f(seats_by_person, r.person.str());
    if (r.represents) f(seats_by_represents, r.represents->str());
  }
  template <class F>
  void groups(const role& r, F&& f) {
    f(roles_by_scope, scope_key(r.scope));
    f(roles_by_person, r.person.str());
  }

  template <class Record>
  void index(const Record& r, slot s) {
    // Kept sorted by slot, so that the order of query results does not
    // depend on the history of changes (or of rolled back changes).
    // A record that names one key twice (a project back with an earlier
    // steward) is indexed under it once.
    groups(r, [s](group_index& g, const std::string& key) {
      auto& slots = g[key];
      if (auto pos = std::lower_bound(slots.begin(), slots.end(), s); pos == slots.end() || *pos != s)
        slots.insert(pos, s);
    });
    index_more(r, s);
  }
  template <class Record>
  void unindex(const Record& r, slot s) {
    groups(r, [s](group_index& g, const std::string& key) {
      auto it = g.find(key);
      if (it == g.end()) return;
      auto& slots = it->second;
      if (auto pos = std::lower_bound(slots.begin(), slots.end(), s); pos != slots.end() && *pos == s)
        slots.erase(pos);
      if (slots.empty()) g.erase(it);
    });
    unindex_more(r, s);
  }

  // Indexes beyond the slot lists of `groups`.
  template <class Record>
  void index_more(const Record&, slot) {}
  template <class Record>
  void unindex_more(const Record&, slot) {}

  static slot tier_index(const foundation& f, const tier_id& t) {
    for (std::size_t i = 0; i < f.tiers.size(); ++i)
      if (f.tiers[i].id == t) return static_cast<slot>(i);
    return no_slot;
  }

  // Where a membership goes in its foundation's list: by organization id,
  // then start, then slot.
  // Both look at the end first: records loaded in order go there.
  auto foundation_position(std::vector<dated_slot>& list, const membership& m, slot s) {
    const auto key = std::forward_as_tuple(m.org.str(), m.when.from, s);
    const auto before = [this](const dated_slot& e, const auto& k) {
      const auto& other = memberships.rows[e.row];
      return std::forward_as_tuple(other.org.str(), other.when.from, e.row) < k;
    };
    if (list.empty() || before(list.back(), key)) return list.end();
    return std::lower_bound(list.begin(), list.end(), key, before);
  }
  static auto slot_position(std::vector<dated_slot>& list, slot s) {
    if (list.empty() || list.back().row < s) return list.end();
    return std::lower_bound(list.begin(), list.end(), s, [](const dated_slot& e, slot x) { return e.row < x; });
  }

  void index_more(const membership& m, slot s) {
    const slot f = foundations.find_slot(m.foundation.str());
    const slot t = f == no_slot ? no_slot : tier_index(foundations.rows[f], m.tier);
    auto& by_org = memberships_by_org[m.org.str()];
    by_org.insert(slot_position(by_org, s), dated(s, f, m.when));
    auto& by_foundation = memberships_by_foundation[m.foundation.str()];
    by_foundation.insert(foundation_position(by_foundation, m, s), dated(s, t, m.when));
  }
  void unindex_more(const membership& m, slot s) {
    auto erase = [s](dated_index& index, const std::string& key, auto position) {
      auto it = index.find(key);
      if (it == index.end()) return;
      auto& list = it->second;
      if (auto pos = position(list); pos != list.end() && pos->row == s) list.erase(pos);
      if (list.empty()) index.erase(it);
    };
    erase(memberships_by_org, m.org.str(), [s](auto& list) { return slot_position(list, s); });
    erase(memberships_by_foundation, m.foundation.str(),
          [&](auto& list) { return foundation_position(list, m, s); });
  }
  void index_more(const person&, slot) {}  // insert() and replace() link the person's slot

  // A foundation added or changed: its memberships' tiers and slot.
  void index_more(const foundation& f, slot s) {
    auto it = memberships_by_foundation.find(f.id.str());
    if (it == memberships_by_foundation.end()) return;
    for (auto& e : it->second) {
      const auto& m = memberships.rows[e.row];
      e.aux = tier_index(f, m.tier);
      auto& by_org = memberships_by_org[m.org.str()];
      if (auto pos = slot_position(by_org, e.row); pos != by_org.end() && pos->row == e.row) pos->aux = s;
    }
  }

  // An organization added or changed: its root, and its descendants'.
  // Bounded, since a batch being applied may hold a parent loop (which
  // validation reports, rolling the batch back).
  void index_more(const organization& o, slot s) {
    if (org_root.size() < orgs.rows.size()) org_root.resize(orgs.rows.size(), no_slot);
    slot root = s;
    if (o.parent)
      if (auto it = orgs.slots.find(o.parent->str()); it != orgs.slots.end() && org_root[it->second] != no_slot)
        root = org_root[it->second];
    org_root[s] = root;
    std::vector<slot> todo{s};
    for (std::size_t visits = 0; !todo.empty() && visits <= orgs.rows.size(); ++visits) {
      const slot at = todo.back();
      todo.pop_back();
      if (auto it = orgs_by_parent.find(orgs.rows[at].id.str()); it != orgs_by_parent.end())
        for (slot child : it->second) {
          org_root[child] = root;
          todo.push_back(child);
        }
    }
  }

  // How to undo one write of the batch being applied. An insert needs no
  // more than its kind (it added the last row of that table), which keeps
  // the journal of a bulk import small; a replacement keeps the old record.
  struct undo_step {
    std::uint8_t kind;
    std::function<void()> restore;  ///< empty for an insert
  };
  std::vector<undo_step> journal;
  // Off while a batch is applied to an empty registry: undoing it is
  // emptying the registry again, and a bulk import saves a journal entry
  // (and a copy of each record it replaces) per write.
  bool journaling = true;

  bool holds_records() const noexcept {
    return !orgs.rows.empty() || !people.rows.empty() || !foundations.rows.empty() || !projects.rows.empty() ||
           !bodies.rows.empty() || !memberships.rows.empty() || !seats.rows.empty() || !roles.rows.empty();
  }
  /// Before a batch: journal its writes unless the registry is empty.
  void begin_batch() noexcept {
    journal.clear();
    journaling = holds_records();
  }
  /// Once a batch's records are all in and valid: the indexes that a batch
  /// applied to an empty registry (a bulk load) builds at the end.
  void complete_batch() {
    if (!journaling) index_people_by_org();
  }
  /// After a batch, made or rolled back.
  void end_batch() noexcept {
    journal.clear();
    journaling = true;
    bulk_affiliation_orgs = {};
    bulk_ties_checked = {};
    bulk_ties_in_row_order = true;
  }

  // Reserved before a write, so that recording its undo cannot throw.
  void make_room_for_undo() {
    if (journaling && journal.size() == journal.capacity()) journal.reserve(2 * journal.size() + 16);
  }

  /// Adds `r` unless its key is taken (then returns false, changing
  /// nothing). The table must have room for one more row (applier::make_room).
  template <class Record>
  bool insert(Record&& r) {
    static_assert(!std::is_reference_v<Record>, "insert takes the record over");
    make_room_for_undo();
    auto& t = of(&r);
    const auto s = static_cast<slot>(t.rows.size());
    if constexpr (keyed_by_fields<Record>) {
      if (t.slots.contains(r)) return false;
      t.rows.push_back(std::move(r));
      try {
        t.slots.insert(s);
      } catch (...) {
        t.rows.pop_back();
        throw;
      }
    } else {
      auto [entry, fresh] = t.slots.try_emplace(r.id.str(), s);
      if (!fresh) return false;
      t.rows.push_back(std::move(r));
      if constexpr (std::is_same_v<Record, person>) link(entry->second, t.rows.back());
    }
    // From here on, a failure (of the indexes' allocations) is undone by
    // the journal, whose room is made; in a bulk load, by emptying the
    // registry again.
    if (journaling) journal.push_back({kind_of(&t.rows.back()), {}});
    if constexpr (std::is_same_v<Record, person>)
      if (!journaling && bulk_ties_in_row_order) note_ties(t.rows.back());
    index(t.rows.back(), s);
    return true;
  }

  template <class Record>
  void replace(slot s, Record r) {
    make_room_for_undo();
    if constexpr (std::is_same_v<Record, person>)
      if (!journaling) forget_ties();
    auto& t = of(&r);
    // The undo step is made before anything changes, as making it may
    // throw; the record it puts back goes into it once swapped out. Until
    // then it only indexes the row again (unindex may have stopped half way).
    std::shared_ptr<std::optional<Record>> old;
    if (journaling) {
      old = std::make_shared<std::optional<Record>>();
      journal.push_back({kind_of(&r), [this, &t, s, old] {
                           unindex(t.rows[s], s);
                           if (*old) std::swap(t.rows[s], **old);
                           reindex(t, s);
                         }});
    }
    unindex(t.rows[s], s);
    std::swap(t.rows[s], r);
    if (old) *old = std::move(r);
    reindex(t, s);
  }
  template <class Record>
  void reindex(table<Record>& t, slot s) {
    index(t.rows[s], s);
    if constexpr (std::is_same_v<Record, person>)
      if (auto it = t.slots.find(t.rows[s].id.str()); it != t.slots.end()) link(it->second, t.rows[s]);
  }

  // While a batch is applied to an empty registry (a bulk load): each
  // affiliation's organization, looked up as its person is inserted (the
  // person was just read: its affiliations are in the cache, where after
  // the load they would be read again from memory), in row order; and by
  // person, whether that lookup found every organization and every period
  // was ok, so that validation need not read the affiliations again.
  // Cleared, and not used, once a person is replaced in the batch.
  std::vector<slot> bulk_affiliation_orgs;
  std::vector<bool> bulk_ties_checked;
  bool bulk_ties_in_row_order = true;

  void note_ties(const person& p) {
    bool checked = true;
    for (const auto& a : p.affiliations) {
      const slot o = orgs.find_slot(a.org.str());
      bulk_affiliation_orgs.push_back(o);
      checked = checked && o != no_slot && a.when.ok();
    }
    bulk_ties_checked.push_back(checked);
  }
  void forget_ties() {
    bulk_ties_in_row_order = false;
    bulk_affiliation_orgs = {};
    bulk_ties_checked = {};
  }
  bool ties_checked(slot person) const {
    return !journaling && bulk_ties_in_row_order && person < bulk_ties_checked.size() && bulk_ties_checked[person];
  }

  /// Builds people_by_org from every person at once, after a bulk load
  /// (which skips it record by record): each organization's list is sized
  /// once and filled in slot order, so nothing is sorted or moved.
  void index_people_by_org() {
    people_by_org.clear();
    std::vector<slot> org_of;  // each affiliation's organization, in row order
    if (bulk_ties_in_row_order) org_of.swap(bulk_affiliation_orgs);
    else
      for (const auto& p : people.rows)
        for (const auto& a : p.affiliations) org_of.push_back(orgs.find_slot(a.org.str()));
    std::vector<std::uint32_t> ties(orgs.rows.size());
    std::size_t next = 0;
    for (const auto& p : people.rows)
      for (const auto& a : p.affiliations) {
        auto& o = org_of[next++];
        if (o == no_slot) o = orgs.find_slot(a.org.str());  // added after the person
        if (o != no_slot) ++ties[o];
      }
    people_by_org.reserve(static_cast<std::size_t>(std::count_if(ties.begin(), ties.end(), [](auto n) { return n > 0; })));
    // Room for every list first: the table does not move them as they go in.
    std::vector<std::vector<slot>*> lists(orgs.rows.size());
    for (slot o = 0; o < lists.size(); ++o)
      if (ties[o] > 0) {
        lists[o] = &people_by_org.emplace(orgs.rows[o].id.str(), std::vector<slot>{}).first->second;
        lists[o]->reserve(ties[o]);
      }
    next = 0;
    for (slot s = 0; s < people.rows.size(); ++s)
      for (std::size_t i = 0; i < people.rows[s].affiliations.size(); ++i) {
        const slot o = org_of[next++];
        if (o == no_slot) continue;  // validation has reported it
        if (auto& list = *lists[o]; list.empty() || list.back() != s) list.push_back(s);
      }
  }

  template <class Record>
  void pop(table<Record>& t) {
    const auto s = static_cast<slot>(t.rows.size() - 1);
    unindex(t.rows[s], s);
    if constexpr (keyed_by_fields<Record>) t.slots.erase(s);
    else t.slots.erase(t.rows[s].id.str());
    t.rows.pop_back();
    if constexpr (std::is_same_v<Record, organization>) org_root.resize(t.rows.size());
  }

  /// Undoes every write of the batch being applied, latest first.
  void roll_back() {
    if (!journaling) {
      // The batch started from an empty registry.
      *this = registry_state{};
      return;
    }
    for (auto it = journal.rbegin(); it != journal.rend(); ++it) {
      if (it->restore) {
        it->restore();
        continue;
      }
      switch (it->kind) {
        case 0: pop(orgs); break;
        case 1: pop(people); break;
        case 2: pop(foundations); break;
        case 3: pop(projects); break;
        case 4: pop(bodies); break;
        case 5: pop(memberships); break;
        case 6: pop(seats); break;
        default: pop(roles); break;
      }
    }
    journal.clear();
  }
};

}  // namespace detail

using detail::slot;

namespace {

const std::vector<slot>& slots_in(const detail::group_index& g, std::string_view key) {
  static const std::vector<slot> none;
  auto it = g.find(key);
  return it == g.end() ? none : it->second;
}

const std::vector<detail::dated_slot>& entries_in(const detail::dated_index& g, std::string_view key) {
  static const std::vector<detail::dated_slot> none;
  auto it = g.find(key);
  return it == g.end() ? none : it->second;
}

std::string default_place(const record_key& key, std::string_view field) {
  auto where = to_string(key);
  if (!field.empty()) where += fmt::format(" {}", field);
  return where;
}

}  // namespace

// ---------------------------------------------------------------- lifecycle

registry::registry() : state_(std::make_unique<detail::registry_state>()) {}
registry::registry(const registry& other) : state_(std::make_unique<detail::registry_state>(*other.state_)) {
  state_->end_batch();
  state_->relink_people();
}
registry::registry(registry&&) noexcept = default;
registry& registry::operator=(const registry& other) {
  if (this != &other) *this = registry(other);
  return *this;
}
registry& registry::operator=(registry&&) noexcept = default;
registry::~registry() = default;

// ---------------------------------------------------------------- apply

namespace {

// Applies the operations of one batch to the state, journaling each write,
// then validates every record written and the records that depend on them.
class applier {
 public:
  // With `consume`, records are moved out of the batch rather than copied.
  applier(detail::registry_state& s, const locator& where, bool consume)
      : s_(s), where_(where), consume_(consume), bulk_(!s.journaling) {}

  void run(const batch& changes) {
    execute_all(changes);
    validate_written();
  }

  // The two halves of `run`, for a batch handed over in pieces.
  void execute_all(const batch& changes) {
    make_room(changes);
    for (const auto& o : changes.operations()) std::visit([this](const auto& x) { execute(x); }, o);
  }
  void validate_written() { validate(); }

  std::size_t written_count() const noexcept { return written_count_; }

  /// The keys of the records written, in the order first written.
  std::vector<record_key> written() const {
    std::vector<record_key> keys;
    keys.reserve(written_count_);
    each_written([&](std::uint8_t kind, slot at) { keys.push_back(s_.key_at(kind, at)); });
    return keys;
  }

  std::vector<problem> problems;

 private:
  // A record as (kind, slot): slots do not change while a batch is applied.
  using record_slot = std::pair<std::uint8_t, slot>;
  static std::uint64_t code(record_slot r) { return (std::uint64_t{r.first} << 32) | r.second; }

  detail::registry_state& s_;
  const locator& where_;
  bool consume_;
  // Applied to an empty registry: every row is new, so a record was
  // written if and only if it is there.
  bool bulk_;
  // The records written, in the order first written, as runs of slots of
  // one kind: a bulk load writes millions in a few runs.
  struct written_run {
    std::uint8_t kind;
    slot first, count;
  };
  std::vector<written_run> written_;
  std::size_t written_count_ = 0;
  // Whether a record was written, by kind then slot: a bit per record
  // (where a bulk import would hash millions of codes), or in a bulk
  // load how many rows of the kind were.
  std::array<std::vector<bool>, 8> written_bits_;
  std::array<slot, 8> rows_written_{};

  bool was_written(record_slot r) const {
    if (bulk_) return r.second < rows_written_[r.first];
    const auto& bits = written_bits_[r.first];
    return r.second < bits.size() && bits[r.second];
  }
  template <class F>
  void each_written(F&& f) const {
    for (const auto& r : written_)
      for (slot i = 0; i < r.count; ++i) f(r.kind, r.first + i);
  }
  static constexpr std::size_t max_problems = 100;

  void report(const record_key& key, std::string_view field, std::string id, std::string message) {
    if (problems.size() >= max_problems) return;
    problems.push_back({where_(key, field), std::move(id), std::move(message)});
  }

  // Rows and keys for the records `changes` adds, at once: an import of
  // millions would otherwise move every row, and rehash every key, a few
  // times over.
  void make_room(const batch& changes) {
    std::array<std::size_t, 8> adds{};
    for (const auto& o : changes.operations())
      std::visit(
          [&](const auto& x) {
            if constexpr (requires { x.record; }) {
              using record_type = std::decay_t<decltype(x.record)>;
              if constexpr (std::is_same_v<decltype(x), const op::add<record_type>&>)
                ++adds[detail::registry_state::kind_of(&x.record)];
            }
          },
          o);
    grow(s_.orgs, adds[0]);
    grow(s_.people, adds[1]);
    grow(s_.foundations, adds[2]);
    grow(s_.projects, adds[3]);
    grow(s_.bodies, adds[4]);
    grow(s_.memberships, adds[5]);
    grow(s_.seats, adds[6]);
    grow(s_.roles, adds[7]);
  }
  template <class Record>
  static void grow(detail::table<Record>& t, std::size_t more) {
    if (more == 0) return;
    const auto need = t.rows.size() + more;
    if (need > t.rows.capacity()) t.rows.reserve(std::max(need, 2 * t.rows.capacity()));
    if (need > t.slots.max_load()) t.slots.reserve(std::max(need, 2 * t.slots.size()));
  }

  template <class Record>
  void wrote(slot at) {
    const auto kind = detail::registry_state::kind_of(static_cast<const Record*>(nullptr));
    if (bulk_) {
      if (at < rows_written_[kind]) return;
      rows_written_[kind] = at + 1;  // new rows are appended
    } else {
      auto& bits = written_bits_[kind];
      if (bits.size() <= at) bits.resize(std::max<std::size_t>(std::size_t{at} + 1, 2 * bits.size()));
      if (bits[at]) return;
      bits[at] = true;
    }
    ++written_count_;
    if (!written_.empty() && written_.back().kind == kind && written_.back().first + written_.back().count == at)
      ++written_.back().count;
    else
      written_.push_back({kind, at, 1});
  }

  template <class Record>
  Record take(const Record& r) {
    // The batch was handed over (`apply(batch&&)`), so the record is not
    // really const: moving from it is sound.
    return consume_ ? std::move(const_cast<Record&>(r)) : r;
  }

  template <class Record>
  static const char* kind_name() {
    if constexpr (std::is_same_v<Record, organization>) return "organization";
    else if constexpr (std::is_same_v<Record, person>) return "person";
    else if constexpr (std::is_same_v<Record, foundation>) return "foundation";
    else if constexpr (std::is_same_v<Record, project>) return "project";
    else if constexpr (std::is_same_v<Record, body>) return "body";
    else if constexpr (std::is_same_v<Record, membership>) return "membership";
    else if constexpr (std::is_same_v<Record, seat>) return "seat";
    else return "role";
  }

  template <class Record>
  static constexpr bool has_id = std::is_same_v<Record, organization> || std::is_same_v<Record, person> ||
                                 std::is_same_v<Record, foundation> || std::is_same_v<Record, project> ||
                                 std::is_same_v<Record, body>;

  template <class Record>
  static std::string id_of(const Record& r) {
    if constexpr (has_id<Record>) return r.id.str();
    else return to_string(detail::record_key_of(r));
  }

  template <class Record>
  void execute(const op::add<Record>& o) {
    auto& t = s_.of(&o.record);
    // Moved out of the batch only once its key is known to be free, so that
    // a duplicate can still be reported by its id.
    if (!(consume_ ? s_.insert(std::move(const_cast<Record&>(o.record))) : s_.insert(Record(o.record)))) {
      auto rk = detail::record_key_of(o.record);
      if constexpr (has_id<Record>)
        report(rk, "/id", id_of(o.record), fmt::format("duplicate {} id '{}'", kind_name<Record>(), o.record.id.str()));
      else
        report(rk, "", id_of(o.record), fmt::format("duplicate {}", to_string(rk)));
      return;
    }
    wrote<Record>(static_cast<slot>(t.rows.size() - 1));
  }

  template <class Record>
  void execute(const op::update<Record>& o) {
    auto& t = s_.of(&o.record);
    const slot at = t.find_slot(detail::lookup_key(o.record));
    if (at == detail::no_slot) {
      auto rk = detail::record_key_of(o.record);
      report(rk, "", id_of(o.record), fmt::format("no {} to update", to_string(rk)));
      return;
    }
    s_.replace(at, take(o.record));
    wrote<Record>(at);
  }

  // The slot of org's membership of f in force on `on`, or a problem
  // reported against the operation.
  std::optional<slot> membership_slot(const org_id& org, const foundation_id& f, date on) {
    for (const auto& e : entries_in(s_.memberships_by_org, org.str())) {
      const slot i = e.row;
      const auto& m = s_.memberships.rows[i];
      if (m.foundation == f && m.when.contains(on)) return i;
    }
    report(membership_key{org, f, on}, "", org.str(),
           fmt::format("'{}' holds no membership of '{}' on {}", org.str(), f.str(), to_string(on)));
    return std::nullopt;
  }

  void execute(const op::join& o) {
    execute(op::add<membership>{membership{o.org, o.foundation, o.tier, {o.on, std::nullopt}, o.founding, {}}});
  }

  void execute(const op::leave& o) {
    auto i = membership_slot(o.org, o.foundation, o.on);
    if (!i) return;
    auto m = s_.memberships.rows[*i];
    m.when.to = o.on;
    s_.replace(*i, std::move(m));
    wrote<membership>(*i);
  }

  void execute(const op::change_tier& o) {
    const record_key key = membership_key{o.org, o.foundation, o.on};
    auto i = membership_slot(o.org, o.foundation, o.on);
    if (!i) return;
    auto current = s_.memberships.rows[*i];
    if (current.tier == o.tier) {
      report(key, "/tier", o.tier.str(),
             fmt::format("'{}' is already in tier '{}' of '{}' on {}", o.org.str(), o.tier.str(),
                         o.foundation.str(), to_string(o.on)));
      return;
    }
    if (current.when.from == o.on) {
      report(key, "/from", o.org.str(),
             fmt::format("the membership of '{}' in '{}' starts on {}: update it instead of changing tier",
                         o.org.str(), o.foundation.str(), to_string(o.on)));
      return;
    }
    membership next{o.org, o.foundation, o.tier, {o.on, current.when.to}, false, {}};
    current.when.to = o.on;
    s_.replace(*i, std::move(current));
    wrote<membership>(*i);
    execute(op::add<membership>{std::move(next)});
  }

  // The slot of a person, or a problem reported against the operation.
  std::optional<slot> person_slot(const person_id& p, const record_key& key) {
    auto it = s_.people.slots.find(p.str());
    if (it == s_.people.slots.end()) {
      report(key, "", p.str(), fmt::format("no person '{}'", p.str()));
      return std::nullopt;
    }
    return it->second;
  }

  void execute(const op::affiliate& o) {
    auto i = person_slot(o.person, o.person);
    if (!i) return;
    auto p = s_.people.rows[*i];
    p.affiliations.push_back(o.tie);
    s_.replace(*i, std::move(p));
    wrote<person>(*i);
  }

  void execute(const op::end_affiliation& o) {
    auto i = person_slot(o.person, o.person);
    if (!i) return;
    auto p = s_.people.rows[*i];
    auto it = std::find_if(p.affiliations.begin(), p.affiliations.end(),
                           [&](const affiliation& a) { return a.org == o.org && a.when.contains(o.on); });
    if (it == p.affiliations.end()) {
      report(o.person, "/affiliations", o.org.str(),
             fmt::format("'{}' has no affiliation with '{}' on {}", o.person.str(), o.org.str(), to_string(o.on)));
      return;
    }
    it->when.to = o.on;
    s_.replace(*i, std::move(p));
    wrote<person>(*i);
  }

  void execute(const op::end_seat& o) {
    std::vector<slot> found;
    for (slot i : slots_in(s_.seats_by_person, o.person.str())) {
      const auto& st = s_.seats.rows[i];
      if (st.body == o.body && st.when.contains(o.on)) found.push_back(i);
    }
    if (found.empty()) {
      report(seat_key{o.body, {}, o.person, o.on}, "", o.person.str(),
             fmt::format("'{}' holds no seat on '{}' on {}", o.person.str(), o.body.str(), to_string(o.on)));
      return;
    }
    for (slot i : found) {
      auto st = s_.seats.rows[i];
      st.when.to = o.on;
      s_.replace(i, std::move(st));
      wrote<seat>(i);
    }
  }

  void execute(const op::end_role& o) {
    for (slot i : slots_in(s_.roles_by_person, o.person.str())) {
      const auto& r = s_.roles.rows[i];
      if (r.title == o.title && r.scope == o.scope && r.when.contains(o.on)) {
        auto copy = r;
        copy.when.to = o.on;
        s_.replace(i, std::move(copy));
        wrote<role>(i);
        return;
      }
    }
    report(role_key{o.person, o.title, o.scope, o.on}, "", o.person.str(),
           fmt::format("'{}' holds no role '{}' in '{}' on {}", o.person.str(), o.title, str(o.scope),
                       to_string(o.on)));
  }

  void execute(const op::transfer& o) {
    auto it = s_.projects.slots.find(o.project.str());
    if (it == s_.projects.slots.end()) {
      report(o.project, "", o.project.str(), fmt::format("no project '{}'", o.project.str()));
      return;
    }
    auto p = s_.projects.rows[it->second];
    std::optional<date> until;
    for (auto& st : p.stewards) {
      if (!st.when.contains(o.on)) continue;
      if (st.who == o.to) {
        report(o.project, "/stewards", str(o.to),
               fmt::format("'{}' is already the steward of '{}' on {}", str(o.to), o.project.str(), to_string(o.on)));
        return;
      }
      until = st.when.to;
      st.when.to = o.on;
    }
    p.stewards.push_back(steward{o.to, {o.on, until}, {}});
    s_.replace(it->second, std::move(p));
    wrote<project>(it->second);
  }

  // ---- validation

  bool org_exists(const org_id& id) const { return s_.orgs.slots.contains(id.str()); }
  bool foundation_exists(const foundation_id& id) const { return s_.foundations.slots.contains(id.str()); }

  void check_id(const record_key& key, const std::string& id, const char* kind) {
    if (!is_slug(id))
      report(key, "/id", id, fmt::format("{} id '{}' is not a slug ([a-z0-9][a-z0-9._-]*, at most 64)", kind, id));
  }

  void check_period(const record_key& key, std::string_view field_prefix, const period& p, const std::string& id) {
    if (!p.ok())
      report(key, fmt::format("{}/to", field_prefix), id,
             fmt::format("'to' ({}) is not after 'from' ({})", to_string(*p.to), to_string(p.from)));
  }

  void check_name(const record_key& key, std::string_view field, const std::string& name, const std::string& id) {
    if (name.empty()) report(key, field, id, "must not be empty");
  }

  void check_org_ref(const record_key& key, std::string_view field, const org_id& org) {
    if (!org_exists(org)) report(key, field, org.str(), fmt::format("no organization '{}'", org.str()));
  }

  void validate(const organization& o) {
    const record_key key = o.id;
    check_id(key, o.id.str(), "organization");
    check_name(key, "/name", o.name, o.id.str());
    if (!o.parent) return;
    if (!org_exists(*o.parent)) {
      check_org_ref(key, "/parent", *o.parent);
      return;
    }
    std::vector<std::string> chain{o.id.str()};
    for (const organization* at = s_.orgs.find(o.parent->str()); at; at = at->parent ? s_.orgs.find(at->parent->str()) : nullptr) {
      chain.push_back(at->id.str());
      if (at->id == o.id || chain.size() > s_.orgs.rows.size() + 1) {
        report(key, "/parent", o.id.str(), fmt::format("parent chain loops: {}", fmt::join(chain, " -> ")));
        return;
      }
    }
  }

  void validate(const person& p, slot at) {
    const record_key key = p.id;
    check_id(key, p.id.str(), "person");
    check_name(key, "/name", p.name, p.id.str());
    if (s_.ties_checked(at)) return;  // when it was inserted
    for (std::size_t i = 0; i < p.affiliations.size(); ++i) {
      // The places are formatted only for a problem: people have millions.
      const auto& a = p.affiliations[i];
      if (!org_exists(a.org)) check_org_ref(key, fmt::format("/affiliations/{}/org", i), a.org);
      if (!a.when.ok()) check_period(key, fmt::format("/affiliations/{}", i), a.when, p.id.str());
    }
  }

  void validate(const foundation& f) {
    const record_key key = f.id;
    check_id(key, f.id.str(), "foundation");
    check_name(key, "/name", f.name, f.id.str());
    if (f.parent) {
      if (!foundation_exists(*f.parent)) {
        report(key, "/parent", f.parent->str(), fmt::format("no foundation '{}'", f.parent->str()));
      } else {
        std::vector<std::string> chain{f.id.str()};
        for (const foundation* at = s_.foundations.find(f.parent->str()); at;
             at = at->parent ? s_.foundations.find(at->parent->str()) : nullptr) {
          chain.push_back(at->id.str());
          if (at->id == f.id || chain.size() > s_.foundations.rows.size() + 1) {
            report(key, "/parent", f.id.str(), fmt::format("parent chain loops: {}", fmt::join(chain, " -> ")));
            break;
          }
        }
      }
    }
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < f.tiers.size(); ++i) {
      const auto& t = f.tiers[i];
      check_name(key, fmt::format("/tiers/{}/name", i), t.name, t.id.str());
      if (t.rank < 1) report(key, fmt::format("/tiers/{}/rank", i), t.id.str(), "must be at least 1");
      if (t.annual_fee) {
        const auto& c = t.annual_fee->currency;
        if (t.annual_fee->cents < 0)
          report(key, fmt::format("/tiers/{}/annual_fee/amount", i), t.id.str(), "must not be negative");
        if (c.size() != 3 || !std::all_of(c.begin(), c.end(), [](char x) { return x >= 'A' && x <= 'Z'; }))
          report(key, fmt::format("/tiers/{}/annual_fee/currency", i), t.id.str(),
                 fmt::format("'{}' is not a currency code (three capital letters)", c));
      }
      if (!is_slug(t.id.str()))
        report(key, fmt::format("/tiers/{}/id", i), t.id.str(), fmt::format("tier id '{}' is not a slug", t.id.str()));
      if (!seen.insert(t.id.str()).second)
        report(key, fmt::format("/tiers/{}/id", i), t.id.str(),
               fmt::format("duplicate tier id '{}' in foundation '{}'", t.id.str(), f.id.str()));
      for (std::size_t j = 0; j < t.requirements.size(); ++j) {
        const auto& r = t.requirements[j];
        const foundation* other = s_.foundations.find(r.foundation.str());
        if (!other)
          report(key, fmt::format("/tiers/{}/requires/{}/foundation", i, j), r.foundation.str(),
                 fmt::format("no foundation '{}'", r.foundation.str()));
        else if (!other->find_tier(r.min_tier))
          report(key, fmt::format("/tiers/{}/requires/{}/min_tier", i, j), r.min_tier.str(),
                 fmt::format("foundation '{}' has no tier '{}'", r.foundation.str(), r.min_tier.str()));
      }
    }
  }

  void validate(const project& p) {
    const record_key key = p.id;
    check_id(key, p.id.str(), "project");
    check_name(key, "/name", p.name, p.id.str());
    for (std::size_t i = 0; i < p.stewards.size(); ++i) {
      const auto& st = p.stewards[i];
      if (std::holds_alternative<org_id>(st.who))
        check_org_ref(key, fmt::format("/stewards/{}/org", i), std::get<org_id>(st.who));
      else if (!foundation_exists(std::get<foundation_id>(st.who)))
        report(key, fmt::format("/stewards/{}/foundation", i), str(st.who),
               fmt::format("no foundation '{}'", str(st.who)));
      check_period(key, fmt::format("/stewards/{}", i), st.when, p.id.str());
      for (std::size_t j = 0; j < i; ++j) {
        if (p.stewards[j].when.overlaps(st.when) && st.when.ok() && p.stewards[j].when.ok())
          report(key, fmt::format("/stewards/{}", i), p.id.str(),
                 fmt::format("steward '{}' ({}) overlaps steward '{}' ({}): a project has one home at a time",
                             str(st.who), to_string(st.when), str(p.stewards[j].who),
                             to_string(p.stewards[j].when)));
      }
    }
    for (std::size_t i = 0; i < p.stages.size(); ++i)
    {
      check_name(key, fmt::format("/stages/{}/stage", i), p.stages[i].name, p.id.str());
      check_period(key, fmt::format("/stages/{}", i), p.stages[i].when, p.id.str());
    }
  }

  // The foundations whose tiers a body's seat classes may name.
  std::vector<const foundation*> tier_sources(const body& b) const {
    std::vector<const foundation*> out;
    if (const auto* f = std::get_if<foundation_id>(&b.owner)) {
      if (auto* found = s_.foundations.find(f->str())) out.push_back(found);
    } else if (const auto* p = s_.projects.find(std::get<project_id>(b.owner).str())) {
      for (const auto& st : p->stewards)
        if (const auto* f = std::get_if<foundation_id>(&st.who))
          if (auto* found = s_.foundations.find(f->str())) out.push_back(found);
    }
    return out;
  }

  void validate(const body& b) {
    const record_key key = b.id;
    check_id(key, b.id.str(), "body");
    check_name(key, "/name", b.name, b.id.str());
    check_name(key, "/kind", b.kind, b.id.str());
    if (const auto* f = std::get_if<foundation_id>(&b.owner)) {
      if (!foundation_exists(*f)) report(key, "/foundation", f->str(), fmt::format("no foundation '{}'", f->str()));
    } else if (!s_.projects.slots.contains(str(b.owner))) {
      report(key, "/project", str(b.owner), fmt::format("no project '{}'", str(b.owner)));
    }
    const auto sources = tier_sources(b);
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < b.seat_classes.size(); ++i) {
      const auto& c = b.seat_classes[i];
      const auto at = [i](std::string_view field) { return fmt::format("/seat_classes/{}/{}", i, field); };
      if (!is_slug(c.id.str()))
        report(key, at("id"), c.id.str(), fmt::format("seat class id '{}' is not a slug", c.id.str()));
      if (!seen.insert(c.id.str()).second)
        report(key, at("id"), c.id.str(), fmt::format("duplicate seat class '{}' in body '{}'", c.id.str(), b.id.str()));
      if (c.mode == seat_mode::per_member || c.mode == seat_mode::elected) {
        if (!c.tier) {
          report(key, at("tier"), c.id.str(), fmt::format("a {} seat class needs a tier", to_string(c.mode)));
        } else if (std::none_of(sources.begin(), sources.end(),
                                [&](const foundation* f) { return f->find_tier(*c.tier); })) {
          report(key, at("tier"), c.tier->str(),
                 fmt::format("no tier '{}' in the foundation of body '{}'", c.tier->str(), b.id.str()));
        }
      }
      if (c.mode == seat_mode::elected) {
        if (c.per < 1) report(key, at("per"), c.id.str(), "'per' must be at least 1");
        if (c.min && c.max && *c.min > *c.max)
          report(key, at("max"), c.id.str(), fmt::format("'max' ({}) is below 'min' ({})", *c.max, *c.min));
        if ((c.min && *c.min < 0) || (c.max && *c.max < 0))
          report(key, at("min"), c.id.str(), "'min' and 'max' must not be negative");
      }
      if (c.mode == seat_mode::fixed && c.count < 0) report(key, at("count"), c.id.str(), "'count' must not be negative");
      if (c.mode == seat_mode::ex_officio && c.role.empty())
        report(key, at("role"), c.id.str(), "an ex-officio seat class needs a role");
    }
    const auto& r = b.rules;
    for (std::size_t i = 0; i < r.exclusive_with.size(); ++i)
      if (!s_.bodies.slots.contains(r.exclusive_with[i].str()))
        report(key, fmt::format("/rules/exclusive_with/{}", i), r.exclusive_with[i].str(),
               fmt::format("no body '{}'", r.exclusive_with[i].str()));
    if (r.max_per_family && *r.max_per_family < 1) report(key, "/rules/max_per_family", b.id.str(), "must be at least 1");
    if (r.max_fraction_per_family && !(*r.max_fraction_per_family > 0 && *r.max_fraction_per_family <= 1))
      report(key, "/rules/max_fraction_per_family", b.id.str(), "must be above 0 and at most 1");
    if (r.quorum && !(*r.quorum > 0 && *r.quorum <= 1)) report(key, "/rules/quorum", b.id.str(), "must be above 0 and at most 1");
    if (r.term_years && *r.term_years < 1) report(key, "/rules/term_years", b.id.str(), "must be at least 1");
    if (r.max_consecutive_terms && *r.max_consecutive_terms < 1)
      report(key, "/rules/max_consecutive_terms", b.id.str(), "must be at least 1");
    if (r.min_size && r.max_size && *r.min_size > *r.max_size)
      report(key, "/rules/max_size", b.id.str(), fmt::format("'max_size' ({}) is below 'min_size' ({})", *r.max_size, *r.min_size));
  }

  void validate(const membership& m, slot at) {
    const record_key key = key_of(m);
    const auto& id = m.org.str();
    check_org_ref(key, "/org", m.org);
    const foundation* f = s_.foundations.find(m.foundation.str());
    if (!f) report(key, "/foundation", m.foundation.str(), fmt::format("no foundation '{}'", m.foundation.str()));
    else if (!f->find_tier(m.tier))
      report(key, "/tier", m.tier.str(), fmt::format("foundation '{}' has no tier '{}'", m.foundation.str(), m.tier.str()));
    check_period(key, "", m.when, id);
    if (!m.when.ok()) return;
    // The index entries carry the foundation's slot and the period: rows
    // are read only for an overlap (or a foundation that is missing).
    const auto mine = detail::dated(at, f ? static_cast<slot>(f - s_.foundations.rows.data()) : detail::no_slot, m.when);
    for (const auto& e : entries_in(s_.memberships_by_org, m.org.str())) {
      const slot i = e.row;
      if (i == at) continue;  // the primary key is unique: no other row is this one
      if (f ? e.aux != mine.aux : s_.memberships.rows[i].foundation != m.foundation) continue;
      if (!(e.from < e.to) || !(e.from < mine.to && mine.from < e.to)) continue;  // not ok(), or no overlap
      const auto& other = s_.memberships.rows[i];
      // Report an overlap once, on the later record, when both were written.
      if (was_written({5, i}) && detail::key_fields(other) > detail::key_fields(m)) continue;
      report(key, "/from", id,
             fmt::format("membership of '{}' in '{}' ({}) overlaps its membership {}", m.org.str(),
                         m.foundation.str(), to_string(m.when), to_string(other.when)));
    }
  }

  void validate(const seat& st) {
    const record_key key = key_of(st);
    const body* b = s_.bodies.find(st.body.str());
    if (!b) {
      report(key, "/body", st.body.str(), fmt::format("no body '{}'", st.body.str()));
    } else if (const seat_class* c = b->find_class(st.seat_class); !c) {
      report(key, "/class", st.seat_class.str(),
             fmt::format("body '{}' has no seat class '{}'", st.body.str(), st.seat_class.str()));
    } else if (c->mode == seat_mode::per_member && !st.represents) {
      report(key, "/represents", st.person.str(),
             fmt::format("a seat of the per-member class '{}' must name the organization it represents",
                         c->id.str()));
    }
    if (!s_.people.slots.contains(st.person.str()))
      report(key, "/person", st.person.str(), fmt::format("no person '{}'", st.person.str()));
    if (st.represents) check_org_ref(key, "/represents", *st.represents);
    check_period(key, "", st.when, st.person.str());
  }

  void validate(const role& r) {
    const record_key key = key_of(r);
    if (!s_.people.slots.contains(r.person.str()))
      report(key, "/person", r.person.str(), fmt::format("no person '{}'", r.person.str()));
    if (r.title.empty()) report(key, "/title", r.person.str(), "a role needs a title");
    static constexpr const char* fields[] = {"/foundation", "/project", "/body"};
    static constexpr const char* kinds[] = {"foundation", "project", "body"};
    const bool exists = std::visit(
        [this](const auto& id) {
          using T = std::decay_t<decltype(id)>;
          if constexpr (std::is_same_v<T, foundation_id>) return s_.foundations.slots.contains(id.str());
          else if constexpr (std::is_same_v<T, project_id>) return s_.projects.slots.contains(id.str());
          else return s_.bodies.slots.contains(id.str());
        },
        r.scope);
    if (!exists)
      report(key, fields[r.scope.index()], str(r.scope), fmt::format("no {} '{}'", kinds[r.scope.index()], str(r.scope)));
    check_period(key, "", r.when, r.person.str());
  }

  // The records a write may have broken without being written themselves:
  // a foundation's memberships, bodies (its own and those of the projects
  // it stewards) and the foundations whose tiers require it; a body's
  // seats; a project's bodies.
  std::vector<record_slot> dependents() const {
    std::vector<record_slot> todo;
    if (bulk_) return todo;  // every record was written
    std::unordered_set<std::uint64_t> added;
    auto add = [&](std::uint8_t kind, slot at) {
      const record_slot r{kind, at};
      if (!was_written(r) && added.insert(code(r)).second) todo.push_back(r);
    };
    each_written([&](std::uint8_t kind, slot at) {
      if (kind == 2) {
        const auto& f = s_.foundations.rows[at].id;
        for (const auto& e : entries_in(s_.memberships_by_foundation, f.str())) add(5, e.row);
        for (slot j : slots_in(s_.bodies_by_owner, "f:" + f.str())) add(4, j);
        for (slot j : slots_in(s_.projects_by_steward, "f:" + f.str()))
          for (slot k : slots_in(s_.bodies_by_owner, "p:" + s_.projects.rows[j].id.str())) add(4, k);
        for (slot j = 0; j < s_.foundations.rows.size(); ++j)
          for (const auto& t : s_.foundations.rows[j].tiers)
            for (const auto& r : t.requirements)
              if (r.foundation == f) add(2, j);
      } else if (kind == 4) {
        for (slot j : slots_in(s_.seats_by_body, s_.bodies.rows[at].id.str())) add(6, j);
      } else if (kind == 3) {
        for (slot j : slots_in(s_.bodies_by_owner, "p:" + s_.projects.rows[at].id.str())) add(4, j);
      }
    });
    return todo;
  }

  // The records written, then their dependents.
  void validate() {
    each_written([this](std::uint8_t kind, slot at) { validate(kind, at); });
    for (const auto& [kind, at] : dependents()) validate(kind, at);
  }
  void validate(std::uint8_t kind, slot at) {
    switch (kind) {
      case 0: validate(s_.orgs.rows[at]); break;
      case 1: validate(s_.people.rows[at], at); break;
      case 2: validate(s_.foundations.rows[at]); break;
      case 3: validate(s_.projects.rows[at]); break;
      case 4: validate(s_.bodies.rows[at]); break;
      case 5: validate(s_.memberships.rows[at], at); break;
      case 6: validate(s_.seats.rows[at]); break;
      default: validate(s_.roles.rows[at]); break;
    }
  }
};
}  // namespace

namespace {
const locator& default_locator() {
  static const locator place = default_place;
  return place;
}
}  // namespace

std::vector<record_key> registry::apply(const batch& changes) { return apply(changes, {}, nullptr); }

std::vector<record_key> registry::apply(const batch& changes, const locator& where) {
  return apply(changes, where, nullptr);
}

std::vector<record_key> registry::apply(const batch& changes, const locator& where, const persist_fn& persist) {
  return apply(changes, where, persist, false);
}

std::vector<record_key> registry::apply(batch&& changes, const locator& where, const persist_fn& persist) {
  // Held here so that the records' moved-from shells are freed as soon as
  // the batch has run, before the keys are gathered.
  batch consumed = std::move(changes);
  return apply(consumed, where, persist, true);
}

std::size_t registry::apply(const batch_source& source, const locator& where) {
  auto& s = *state_;
  s.begin_batch();
  applier a(s, where ? where : default_locator(), true);
  try {
    batch piece;
    while (source(piece)) {
      a.execute_all(piece);
      piece.clear();  // its records moved out: the shells go, the room stays for the next
    }
    piece = batch{};
    a.validate_written();
    if (a.problems.empty()) s.complete_batch();
  } catch (...) {
    s.roll_back();
    throw;
  }
  if (!a.problems.empty()) {
    s.roll_back();
    throw validation_error(std::move(a.problems));
  }
  s.end_batch();
  return a.written_count();
}

std::vector<record_key> registry::apply(const batch& changes, const locator& where, const persist_fn& persist,
                                        bool consume) {
  auto& s = *state_;
  s.begin_batch();
  auto rollback = [&s] { s.roll_back(); };
  applier a(s, where ? where : default_locator(), consume);
  std::vector<record_key> written;
  try {
    a.run(changes);
    if (consume) const_cast<batch&>(changes) = batch{};  // owned by apply(batch&&)
    if (a.problems.empty()) {
      s.complete_batch();
      written = a.written();
    }
  } catch (...) {
    rollback();
    throw;
  }
  if (!a.problems.empty()) {
    rollback();
    throw validation_error(std::move(a.problems));
  }
  if (persist) {
    try {
      persist(*this, written);
    } catch (...) {
      rollback();
      throw;
    }
  }
  s.end_batch();
  return written;
}

void registry::reserve(const record_counts& total) {
  auto& s = *state_;
  auto room = [](auto& t, std::size_t n) {
    if (n <= t.rows.size()) return;
    t.rows.reserve(n);
    t.slots.reserve(n);
  };
  room(s.orgs, total.organizations);
  room(s.people, total.people);
  room(s.foundations, total.foundations);
  room(s.projects, total.projects);
  room(s.bodies, total.bodies);
  room(s.memberships, total.memberships);
  room(s.seats, total.seats);
  room(s.roles, total.roles);
  if (total.organizations > s.org_root.size()) s.org_root.reserve(total.organizations);
}

// ---------------------------------------------------------------- lookups

const organization* registry::find(const org_id& id) const noexcept { return state_->orgs.find(id.str()); }
const person* registry::find(const person_id& id) const noexcept { return state_->people.find(id.str()); }
const foundation* registry::find(const foundation_id& id) const noexcept { return state_->foundations.find(id.str()); }
const project* registry::find(const project_id& id) const noexcept { return state_->projects.find(id.str()); }
const body* registry::find(const body_id& id) const noexcept { return state_->bodies.find(id.str()); }
const membership* registry::find(const membership_key& k) const noexcept {
  return state_->memberships.find(k);
}
const seat* registry::find(const seat_key& k) const noexcept { return state_->seats.find(k); }
const role* registry::find(const role_key& k) const noexcept { return state_->roles.find(k); }

namespace {
template <class Record, class Id>
const Record& found(const Record* r, const char* kind, const Id& id) {
  if (!r) throw not_found_error(kind, id.str());
  return *r;
}
}  // namespace

const organization& registry::at(const org_id& id) const { return found(find(id), "organization", id); }
const person& registry::at(const person_id& id) const { return found(find(id), "person", id); }
const foundation& registry::at(const foundation_id& id) const { return found(find(id), "foundation", id); }
const project& registry::at(const project_id& id) const { return found(find(id), "project", id); }
const body& registry::at(const body_id& id) const { return found(find(id), "body", id); }

std::span<const organization> registry::organizations() const noexcept { return state_->orgs.rows; }
std::span<const person> registry::people() const noexcept { return state_->people.rows; }
std::span<const foundation> registry::foundations() const noexcept { return state_->foundations.rows; }
std::span<const project> registry::projects() const noexcept { return state_->projects.rows; }
std::span<const body> registry::bodies() const noexcept { return state_->bodies.rows; }
std::span<const membership> registry::memberships() const noexcept { return state_->memberships.rows; }
std::span<const seat> registry::seats() const noexcept { return state_->seats.rows; }
std::span<const role> registry::roles() const noexcept { return state_->roles.rows; }

// ---------------------------------------------------------------- memberships

std::vector<tier_members> registry::members(const foundation_id& f, date on) const {
  std::vector<tier_members> groups;
  members(f, on, groups);
  return groups;
}

void registry::members(const foundation_id& f, date on, std::vector<tier_members>& groups) const {
  const auto& fd = at(f);
  // Reuses the caller's groups and their capacity.
  groups.resize(fd.tiers.size());
  for (std::size_t i = 0; i < fd.tiers.size(); ++i) {
    groups[i].tier = &fd.tiers[i];
    groups[i].members.clear();
  }
  std::stable_sort(groups.begin(), groups.end(),
                   [](const tier_members& a, const tier_members& b) { return a.tier->rank < b.tier->rank; });
  // The group of each tier, by the tier's index in the foundation.
  constexpr std::size_t small = 16;
  std::size_t group_of_small[small];
  std::vector<std::size_t> group_of_large;
  std::size_t* group_of = group_of_small;
  if (fd.tiers.size() > small) {
    group_of_large.resize(fd.tiers.size());
    group_of = group_of_large.data();
  }
  for (std::size_t g = 0; g < groups.size(); ++g) group_of[groups[g].tier - fd.tiers.data()] = g;
  // The list is sorted by organization id: each group is too.
  const auto day = detail::day_key(on);
  const auto* rows = state_->memberships.rows.data();
  for (const auto& e : entries_in(state_->memberships_by_foundation, f.str()))
    if (e.contains(day) && e.aux < fd.tiers.size()) groups[group_of[e.aux]].members.push_back(rows + e.row);
}

std::vector<const membership*> registry::members(const foundation_id& f, const tier_id& t, date on) const {
  std::vector<const membership*> out;
  const auto* fd = find(f);
  if (!fd) return out;
  const slot tier = detail::registry_state::tier_index(*fd, t);
  if (tier == detail::no_slot) return out;
  const auto day = detail::day_key(on);
  for (const auto& e : entries_in(state_->memberships_by_foundation, f.str()))
    if (e.aux == tier && e.contains(day)) out.push_back(&state_->memberships.rows[e.row]);
  return out;
}

const membership* registry::membership_of(const org_id& org, const foundation_id& f, date on) const {
  const auto& entries = entries_in(state_->memberships_by_org, org.str());
  if (entries.empty()) return nullptr;
  const slot fs = state_->foundations.find_slot(f.str());
  if (fs == detail::no_slot) return nullptr;
  const auto day = detail::day_key(on);
  for (const auto& e : entries)
    if (e.aux == fs && e.contains(day)) return &state_->memberships.rows[e.row];
  return nullptr;
}

std::vector<const membership*> registry::memberships_of(const org_id& org, date on) const {
  std::vector<const membership*> out;
  const auto day = detail::day_key(on);
  for (const auto& e : entries_in(state_->memberships_by_org, org.str()))
    if (e.contains(day)) out.push_back(&state_->memberships.rows[e.row]);
  std::sort(out.begin(), out.end(),
            [](const membership* a, const membership* b) { return a->foundation < b->foundation; });
  return out;
}

std::vector<const membership*> registry::membership_history(const org_id& org, const foundation_id& f) const {
  std::vector<const membership*> out;
  const slot fs = state_->foundations.find_slot(f.str());
  if (fs == detail::no_slot) return out;
  for (const auto& e : entries_in(state_->memberships_by_org, org.str()))
    if (e.aux == fs) out.push_back(&state_->memberships.rows[e.row]);
  std::sort(out.begin(), out.end(),
            [](const membership* a, const membership* b) { return a->when.from < b->when.from; });
  return out;
}

std::optional<date> registry::member_since(const org_id& org, const foundation_id& f, date on) const {
  const auto runs = membership_history(org, f);
  auto it = std::find_if(runs.begin(), runs.end(), [on](const membership* m) { return m->when.contains(on); });
  if (it == runs.end()) return std::nullopt;
  while (it != runs.begin() && (*std::prev(it))->when.meets((*it)->when)) --it;
  return (*it)->when.from;
}

// ---------------------------------------------------------------- people and families

namespace {
// Which of a person's ties (when all are beside their slot) are in force on
// `on`, as bits; nothing when they must be read from the row.
std::optional<unsigned> ties_in_force(const detail::person_slot& e, date on) {
  if (e.ties == detail::person_slot::ask_the_row || !on.ok()) return std::nullopt;
  // Every period here starts in 1900..2079: a later date is as good as the
  // last day of the range, an earlier one is in none.
  if (on < date{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}}) return 0u;
  const auto day = std::min<std::uint16_t>(detail::short_day(on), detail::no_short_day - 1);
  unsigned bits = 0;
  for (std::uint32_t i = 0; i < e.ties; ++i)
    if (e.from[i] <= day && day < e.to[i]) bits |= 1u << i;
  return bits;
}
}  // namespace

std::vector<const affiliation*> registry::affiliations(const person_id& p, date on) const {
  const auto& slots = state_->people.slots;
  auto it = slots.find(p.str());
  if (it == slots.end()) throw not_found_error("person", p.str());
  std::vector<const affiliation*> out;
  if (const auto bits = ties_in_force(it->second, on)) {
    // One allocation, of the right size.
    out.reserve(static_cast<std::size_t>(std::popcount(*bits)));
    for (unsigned b = *bits; b; b &= b - 1) out.push_back(it->second.first + std::countr_zero(b));
    return out;
  }
  affiliations(p, on, out);
  return out;
}

void registry::affiliations(const person_id& p, date on, std::vector<const affiliation*>& out) const {
  out.clear();
  const auto& slots = state_->people.slots;
  auto it = slots.find(p.str());
  if (it == slots.end()) throw not_found_error("person", p.str());
  if (const auto bits = ties_in_force(it->second, on)) {
    for (unsigned b = *bits; b; b &= b - 1) out.push_back(it->second.first + std::countr_zero(b));
    return;
  }
  for (const auto& a : state_->people.rows[it->second.row].affiliations)
    if (a.when.contains(on)) out.push_back(&a);
}

std::vector<const person*> registry::affiliated_people(const org_id& org, date on) const {
  std::vector<const person*> out;
  for (slot i : slots_in(state_->people_by_org, org.str())) {
    const auto& p = state_->people.rows[i];
    if (std::any_of(p.affiliations.begin(), p.affiliations.end(),
                    [&](const affiliation& a) { return a.org == org && a.when.contains(on); }))
      out.push_back(&p);
  }
  std::sort(out.begin(), out.end(), [](const person* a, const person* b) { return a->id < b->id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const organization& registry::family(const org_id& org) const {
  const auto& rows = state_->orgs.rows;
  return rows[state_->org_root[static_cast<slot>(&at(org) - rows.data())]];
}

std::vector<const organization*> registry::children(const org_id& org) const {
  std::vector<const organization*> out;
  for (slot i : slots_in(state_->orgs_by_parent, org.str())) out.push_back(&state_->orgs.rows[i]);
  std::sort(out.begin(), out.end(), [](const organization* a, const organization* b) { return a->id < b->id; });
  return out;
}

std::vector<const organization*> registry::family_members(const org_id& org) const {
  const organization& top = family(org);
  std::vector<const organization*> out{&top};
  for (std::size_t i = 0; i < out.size(); ++i)
    for (slot j : slots_in(state_->orgs_by_parent, out[i]->id.str())) out.push_back(&state_->orgs.rows[j]);
  std::sort(out.begin() + 1, out.end(), [](const organization* a, const organization* b) { return a->id < b->id; });
  return out;
}

// ---------------------------------------------------------------- bodies

std::vector<const seat*> registry::seats(const body_id& b, date on) const {
  const auto& bd = at(b);
  std::vector<const seat*> out;
  for (slot i : slots_in(state_->seats_by_body, b.str()))
    if (state_->seats.rows[i].when.contains(on)) out.push_back(&state_->seats.rows[i]);
  auto class_index = [&bd](const seat* s) {
    for (std::size_t i = 0; i < bd.seat_classes.size(); ++i)
      if (bd.seat_classes[i].id == s->seat_class) return i;
    return bd.seat_classes.size();
  };
  std::sort(out.begin(), out.end(), [&](const seat* x, const seat* y) {
    auto cx = class_index(x), cy = class_index(y);
    return cx != cy ? cx < cy : x->person < y->person;
  });
  return out;
}

std::vector<const seat*> registry::seats_of(const person_id& p, date on) const {
  std::vector<const seat*> out;
  for (slot i : slots_in(state_->seats_by_person, p.str()))
    if (state_->seats.rows[i].when.contains(on)) out.push_back(&state_->seats.rows[i]);
  std::sort(out.begin(), out.end(), [](const seat* x, const seat* y) { return x->body < y->body; });
  return out;
}

std::vector<const seat*> registry::seat_history(const body_id& b) const {
  (void)at(b);
  std::vector<const seat*> out;
  for (slot i : slots_in(state_->seats_by_body, b.str())) out.push_back(&state_->seats.rows[i]);
  return out;
}

std::vector<const seat*> registry::seat_history(const person_id& p) const {
  std::vector<const seat*> out;
  for (slot i : slots_in(state_->seats_by_person, p.str())) out.push_back(&state_->seats.rows[i]);
  return out;
}

std::vector<org_id> registry::families_of(const seat& s, date on) const {
  std::vector<org_id> out;
  if (s.represents) {
    out.push_back(family(*s.represents).id);
    return out;
  }
  for (const auto* a : affiliations(s.person, on)) out.push_back(family(a->org).id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<foundation_id> registry::home_of(const body& b, date on) const {
  if (const auto* f = std::get_if<foundation_id>(&b.owner)) return *f;
  if (const auto* st = steward_of(std::get<project_id>(b.owner), on))
    if (const auto* f = std::get_if<foundation_id>(&st->who)) return *f;
  return std::nullopt;
}

entitlement registry::entitlement_of(const body_id& b, const seat_class_id& c, date on) const {
  const auto& bd = at(b);
  const seat_class* sc = bd.find_class(c);
  if (!sc) throw not_found_error("seat class", b.str() + "/" + c.str());
  entitlement e{sc, 0, 0};
  const auto home = home_of(bd, on);
  switch (sc->mode) {
    case seat_mode::per_member:
      e.seats = home && sc->tier ? static_cast<int>(members(*home, *sc->tier, on).size()) : 0;
      break;
    case seat_mode::elected:
      e.seats = home && sc->tier ? sc->elected_seats(members(*home, *sc->tier, on).size()) : 0;
      break;
    case seat_mode::fixed:
      e.seats = sc->count;
      break;
    case seat_mode::ex_officio: {
      const role_scope scope = std::visit([](const auto& id) -> role_scope { return id; }, bd.owner);
      for (const role* r : roles(scope, on))
        if (r->title == sc->role) ++e.seats;
      break;
    }
  }
  for (slot i : slots_in(state_->seats_by_body, b.str())) {
    const auto& s = state_->seats.rows[i];
    if (s.seat_class == c && s.when.contains(on)) ++e.filled;
  }
  return e;
}

std::vector<entitlement> registry::entitlements(const body_id& b, date on) const {
  std::vector<entitlement> out;
  for (const auto& c : at(b).seat_classes) out.push_back(entitlement_of(b, c.id, on));
  return out;
}

// ---------------------------------------------------------------- roles and projects

std::vector<const role*> registry::roles(const role_scope& scope, date on) const {
  std::vector<const role*> out;
  for (slot i : slots_in(state_->roles_by_scope, detail::scope_key(scope)))
    if (state_->roles.rows[i].when.contains(on)) out.push_back(&state_->roles.rows[i]);
  std::sort(out.begin(), out.end(), [](const role* x, const role* y) {
    return x->title != y->title ? x->title < y->title : x->person < y->person;
  });
  return out;
}

std::vector<const role*> registry::roles_of(const person_id& p, date on) const {
  std::vector<const role*> out;
  for (slot i : slots_in(state_->roles_by_person, p.str()))
    if (state_->roles.rows[i].when.contains(on)) out.push_back(&state_->roles.rows[i]);
  std::sort(out.begin(), out.end(), [](const role* x, const role* y) { return x->title < y->title; });
  return out;
}

const steward* registry::steward_of(const project_id& p, date on) const {
  for (const auto& s : at(p).stewards)
    if (s.when.contains(on)) return &s;
  return nullptr;
}

const stage* registry::stage_of(const project_id& p, date on) const {
  const stage* found = nullptr;
  // Stages may overlap in a sloppy registry; the latest start wins.
  for (const auto& s : at(p).stages)
    if (s.when.contains(on) && (!found || s.when.from >= found->when.from)) found = &s;
  return found;
}

// ---------------------------------------------------------------- history

namespace {
void sort_history(std::vector<history_entry>& h) {
  std::stable_sort(h.begin(), h.end(), [](const history_entry& a, const history_entry& b) {
    return std::tie(a.when.from, a.kind, a.text) < std::tie(b.when.from, b.kind, b.text);
  });
}

std::string seat_text(const seat& s) {
  std::string text = fmt::format("{} on {} ({})", s.person.str(), s.body.str(), s.seat_class.str());
  if (s.represents) text += fmt::format(" for {}", s.represents->str());
  if (s.office) text += fmt::format(", {}", to_string(*s.office));
  return text;
}
}  // namespace

std::vector<history_entry> registry::history(const org_id& org) const {
  const auto& o = at(org);
  std::vector<history_entry> h;
  for (const auto& e : entries_in(state_->memberships_by_org, org.str())) {
    const auto& m = state_->memberships.rows[e.row];
    h.push_back({m.when, "membership",
                 fmt::format("{} member of {}{}", m.tier.str(), m.foundation.str(), m.founding ? " (founding)" : "")});
  }
  std::unordered_set<slot> people;
  for (slot i : slots_in(state_->people_by_org, org.str())) {
    if (!people.insert(i).second) continue;
    const auto& p = state_->people.rows[i];
    for (const auto& a : p.affiliations)
      if (a.org == org)
        h.push_back({a.when, "affiliation", a.title.empty() ? p.id.str() : fmt::format("{} ({})", p.id.str(), a.title)});
  }
  for (slot i : slots_in(state_->seats_by_represents, org.str()))
    h.push_back({state_->seats.rows[i].when, "seat", seat_text(state_->seats.rows[i])});
  for (slot i : slots_in(state_->projects_by_steward, "o:" + org.str())) {
    const auto& p = state_->projects.rows[i];
    for (const auto& s : p.stewards)
      if (s.who == steward_ref{o.id}) h.push_back({s.when, "steward", fmt::format("steward of {}", p.id.str())});
  }
  sort_history(h);
  return h;
}

std::vector<history_entry> registry::history(const person_id& id) const {
  const auto& p = at(id);
  std::vector<history_entry> h;
  for (const auto& a : p.affiliations)
    h.push_back({a.when, "affiliation", a.title.empty() ? a.org.str() : fmt::format("{} at {}", a.title, a.org.str())});
  for (slot i : slots_in(state_->seats_by_person, id.str()))
    h.push_back({state_->seats.rows[i].when, "seat", seat_text(state_->seats.rows[i])});
  for (slot i : slots_in(state_->roles_by_person, id.str())) {
    const auto& r = state_->roles.rows[i];
    h.push_back({r.when, "role", fmt::format("{} of {}", r.title, str(r.scope))});
  }
  sort_history(h);
  return h;
}

std::vector<history_entry> registry::history(const project_id& id) const {
  const auto& p = at(id);
  std::vector<history_entry> h;
  for (const auto& s : p.stewards)
    h.push_back({s.when, "steward", fmt::format("{} {}", s.who.index() == 0 ? "organization" : "foundation", str(s.who))});
  for (const auto& s : p.stages) h.push_back({s.when, "stage", s.name});
  for (slot i : slots_in(state_->roles_by_scope, "p:" + id.str())) {
    const auto& r = state_->roles.rows[i];
    h.push_back({r.when, "role", fmt::format("{}: {}", r.title, r.person.str())});
  }
  sort_history(h);
  return h;
}

}  // namespace charter
