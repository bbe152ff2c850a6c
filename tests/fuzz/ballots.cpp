// libFuzzer target: the ballot readers of <charter/ballots.hpp>. The
// input's first byte chooses the format (its value modulo 4: Elekto CSV,
// Debian tally sheet, BLT, or the format the content shows), the rest is
// the file. Whatever the bytes, a reader either gives a ballot box whose
// every ballot ranks every candidate, or refuses the text with a
// source_error placed in it.
#include <charter/ballots.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "election/ballot_text.hpp"

namespace fuzz_ballot_files {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace fuzz_ballot_files

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using fuzz_ballot_files::check;
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1,
                              size - 1);
  const auto choice = data[0] % 4U;
  const auto format = choice == 3U
                          ? charter::detect_ballot_format(text)
                          : static_cast<charter::ballot_format>(choice);
  try {
    const auto box = charter::read_ballots(text, format, "fuzz");
    const auto n = box.candidates.size();
    check(n >= 1 && n <= charter::max_ballot_candidates);
    check(!box.ballots.empty());
    for (const auto& b : box.ballots) {
      check(b.ranks.size() == n);
      check(b.weight >= 1);
      for (const auto r : b.ranks) check(r <= n);
    }
    for (const auto w : box.withdrawn) check(w < n);
    check(box.voters() >= box.ballots.size());
    if (format == charter::ballot_format::blt)
      check(box.seats >= 1 && box.seats <= n);
    for (const auto& c : box.candidates) check(!c.empty());
    for (const auto& c : box.candidates) check(charter::detail::valid_utf8(c));
  } catch (const charter::source_error& e) {
    const auto& at = e.where();
    check(at.file == "fuzz");
    const auto lines =
        static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    check(at.line >= 1 && at.line <= lines + 1);
    check(at.column >= 1 && at.column <= text.size() + 1);
  }
  return 0;
}
