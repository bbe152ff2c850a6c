// Record keys' fingerprints, for the place index of json/places.hpp.
#include "json/places.hpp"

#include <charter/batch.hpp>
#include <charter/date.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <type_traits>
#include <variant>

namespace charter::detail {

namespace {

class fingerprinter {
 public:
  explicit fingerprinter(std::size_t kind) { add(kind); }

  void add(std::uint64_t v) noexcept {
    hash_ = (hash_ ^ v) * 0x9E3779B97F4A7C15ULL;
    hash_ ^= hash_ >> 29;
    for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(v >> (8 * i)));
  }
  void add(std::string_view s) noexcept {
    hash_ = (hash_ ^ std::hash<std::string_view>{}(s)) * 0x9E3779B97F4A7C15ULL;
    hash_ ^= hash_ >> 29;
    for (char c : s) byte(static_cast<unsigned char>(c));
    byte(0xFF);  // not UTF-8: ends the string
  }
  void add(date d) noexcept {
    add(static_cast<std::uint64_t>(
        std::chrono::sys_days(d).time_since_epoch().count()));
  }

  key_fingerprint result() const noexcept {
    return {hash_, static_cast<std::uint32_t>(fnv_ ^ (fnv_ >> 32))};
  }

 private:
  void byte(unsigned char c) noexcept { fnv_ = (fnv_ ^ c) * 0x100000001B3ULL; }

  std::uint64_t hash_ = 0;
  std::uint64_t fnv_ = 0xCBF29CE484222325ULL;
};

}  // namespace

key_fingerprint fingerprint_of(const record_key& key) noexcept {
  fingerprinter f(key.index());
  std::visit(
      [&f](const auto& k) {
        using key_type = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<key_type, membership_key>) {
          f.add(k.org.str());
          f.add(k.foundation.str());
          f.add(k.from);
        } else if constexpr (std::is_same_v<key_type, seat_key>) {
          f.add(k.body.str());
          f.add(k.seat_class.str());
          f.add(k.person.str());
          f.add(k.from);
        } else if constexpr (std::is_same_v<key_type, role_key>) {
          f.add(k.person.str());
          f.add(k.title);
          f.add(str(k.scope));
          f.add(k.scope.index());
          f.add(k.from);
        } else if constexpr (std::is_same_v<key_type, report_key>) {
          f.add(k.body.str());
          f.add(first_day(k.month));
        } else {
          f.add(k.str());
        }
      },
      key);
  return f.result();
}

}  // namespace charter::detail
