#ifndef CHARTER_SRC_REGISTRY_SHORT_TEXT_HPP
#define CHARTER_SRC_REGISTRY_SHORT_TEXT_HPP

// Internal: the key type of the registry's lookup tables.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace charter::detail {

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
  short_text(const std::string& s)
      : short_text(std::string_view(s)) {}  // NOLINT
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
    std::memcpy(bytes_ + 8, &n,
                7);  // little or big endian alike: read back the same way
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

}  // namespace charter::detail

#endif
