// Every string of a few bytes from an alphabet chosen to trouble the
// reader's seams (UTF-8 lead and continuation bytes, escapes and surrogate
// halves, quotes, white space, literals' letters), put in a string and in
// an array at each of 16 offsets, read whole and in pieces of 16 bytes:
// the outcome must be the same (the property of fuzz_stream_pieces, tried
// exhaustively near the seams rather than at random).
//
//   charter_seam_sweep [LENGTH]   strings of LENGTH bytes (4 when omitted)
//
// Prints the number of documents read and the first few that differ; exits
// 1 when any does.
#include <charter/error.hpp>
#include <charter/json.hpp>
#include <charter/registry.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "json/reader.hpp"

namespace {

template <class Read>
std::string outcome(Read read_registry) {
  try {
    return charter::to_json(read_registry());
  } catch (const charter::validation_error& e) {
    std::string problems;
    for (const auto& p : e.problems()) problems += p.where + ": " + p.message;
    return problems;
  } catch (const charter::error& e) {
    return e.what();
  }
}

struct context {
  std::string before;  // then 30 to 45 of `padding`, then the bytes
  char padding;
  std::string after;
  std::vector<std::string_view> heads;  // put before the bytes, in turn
  std::string_view alphabet;
};

}  // namespace

int main(int argc, char** argv) {
  const std::size_t length = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 4;
  const std::vector<context> contexts = {
      {R"({"people": [{"id": "x", "name": ")",
       '!',
       std::string(20, '!') + R"(", "name": "x"}]})",
       {"", "\\ud83d", "\\u00e9"},
       "!\x80\xBF\xC3\xDF\xE2\xED\xF0\xF4\xFF\\u\"D8c "},
      {R"({"people": [{"id": "x", "name": "y", "extra": {"k": [)",
       ' ',
       "]}}]}",
       {""},
       "trufalsn ,[]\"\xE2\xFF"
       "1"},
  };
  long documents = 0;
  long differ = 0;
  for (const context& c : contexts) {
    const std::size_t letters = c.alphabet.size();
    std::size_t combinations = 1;
    for (std::size_t i = 0; i < length; ++i) combinations *= letters;
    for (const std::string_view head : c.heads)
      for (std::size_t n = 0; n < combinations; ++n) {
        std::string bytes(head);
        for (std::size_t rest = n, i = 0; i < length; ++i, rest /= letters)
          bytes += c.alphabet[rest % letters];
        for (std::size_t shift = 0; shift < 16; ++shift) {
          const std::string text =
              c.before + std::string(30 + shift, c.padding) + bytes + c.after;
          const std::string whole =
              outcome([&] { return charter::from_json(text); });
          const std::string pieces = outcome(
              [&] { return charter::detail::read_json_registry(text, 16); });
          ++documents;
          if (whole != pieces && ++differ <= 5)
            fmt::print("{:?}\n  whole:  {}\n  pieces: {}\n", text, whole,
                       pieces);
        }
      }
  }
  fmt::print("{} documents, {} read differently in pieces\n", documents,
             differ);
  return differ == 0 ? 0 : 1;
}
