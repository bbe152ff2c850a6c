// libFuzzer target: a whole document through the JSON reader. Whatever the
// input, it is refused with charter::error or accepted; an accepted one is
// exported, and the export reads back to the same bytes.
#include <charter/error.hpp>
#include <charter/json.hpp>
#include <charter/registry.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string exported;
  try {
    exported = charter::to_json(charter::from_json(text));
  } catch (const charter::error&) {
    return 0;  // refused, with a message: fine
  }
  if (charter::to_json(charter::from_json(exported)) != exported) std::abort();
  return 0;
}
