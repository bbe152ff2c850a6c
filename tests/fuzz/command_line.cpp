// libFuzzer target: the `charter` command line, parsed (never run) by the
// program's own code, messages included (suggestions, help). The input is
// the arguments, separated by NUL bytes; any of them is handled with an
// exit status, never a crash. Run with -close_fd_mask=3 to keep the
// messages off the terminal.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli/run.hpp"
#include "cli/session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args{"charter"};
  for (std::size_t start = 0; start <= input.size() && args.size() < 64;) {
    const auto end = std::min(input.find('\0', start), input.size());
    args.emplace_back(input.substr(start, end - start));
    start = end + 1;
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int status =
      charter::cli::run(static_cast<int>(args.size()), argv.data(),
                        charter::cli::run_mode::parse_only);
  if (status != charter::cli::exit_ok && status != charter::cli::exit_failure)
    std::abort();
  return 0;
}
