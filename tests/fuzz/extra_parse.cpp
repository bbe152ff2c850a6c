// libFuzzer target: extra_fields::parse. Whatever the input, it is refused
// with charter::parse_error or kept as canonical text, which parses back to
// itself.
#include <charter/error.hpp>
#include <charter/extra.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  charter::extra_fields kept;
  try {
    kept = charter::extra_fields::parse(text);
  } catch (const charter::parse_error&) {
    return 0;
  }
  if (charter::extra_fields::parse(kept.json()).json() != kept.json())
    std::abort();
  return 0;
}
