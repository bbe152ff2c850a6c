// libFuzzer target: the streaming reader's seams. The first byte of the
// input chooses the size of the pieces the parser is handed (16 to 271
// bytes), the rest is a document: read in those pieces, it is accepted or
// refused exactly as when read whole (the same registry, or the same
// problems, with the same lines and columns).
#include <charter/error.hpp>
#include <charter/json.hpp>
#include <charter/registry.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "json/reader.hpp"

namespace {

// What reading gave: the exported registry, or the problems.
struct outcome {
  std::string exported;
  std::vector<charter::problem> problems;
  std::string error;
  bool operator==(const outcome&) const = default;
};

template <class Read>
outcome read(Read read_registry) {
  outcome result;
  try {
    result.exported = charter::to_json(read_registry());
  } catch (const charter::validation_error& e) {
    result.problems = e.problems();
  } catch (const charter::error& e) {
    result.error = e.what();
  }
  return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece_bytes = 16 + data[0];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1,
                              size - 1);
  const outcome whole = read([&] { return charter::from_json(text); });
  const outcome in_pieces = read(
      [&] { return charter::detail::read_json_registry(text, piece_bytes); });
  if (!(whole == in_pieces)) std::abort();
  return 0;
}
