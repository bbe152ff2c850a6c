// charter_generate: writes a large registry in the interchange format.
//
//   charter_generate [--scale S] [--seed N] -o FILE
//
// Scale 1 is issue 7's default size (100,000 organizations, 1,000,000
// people, 300 foundations...); the same scale and seed always give the same
// bytes. "-o -" writes to standard output.

#include "generator.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void usage(int code) {
  std::fputs("usage: charter_generate [--scale S] [--seed N] -o FILE\n",
             code ? stderr : stdout);
  std::exit(code);
}

}  // namespace

int main(int argc, char** argv) {
  charter::bench::generator_options options;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(2);
      return argv[++i];
    };
    if (arg == "--scale")
      options.scale = std::stod(value());
    else if (arg == "--seed")
      options.seed = std::stoull(value());
    else if (arg == "-o" || arg == "--output")
      file = value();
    else if (arg == "-h" || arg == "--help")
      usage(0);
    else
      usage(2);
  }
  if (file.empty() || !(options.scale > 0)) usage(2);
  try {
    const auto n = file == "-" ? charter::bench::generate(options, stdout)
                               : charter::bench::generate(options, file);
    fmt::print(stderr,
               "{} organizations ({} with a parent), {} people, {} "
               "affiliations ({} open-ended), "
               "{} foundations ({} tiers), {} projects, {} memberships, {} "
               "bodies ({} seat classes), "
               "{} seats, {} roles: {} bytes\n",
               n.organizations, n.with_parent, n.people, n.affiliations,
               n.open_affiliations, n.foundations, n.tiers, n.projects,
               n.memberships, n.bodies, n.seat_classes, n.seats, n.roles,
               n.bytes);
  } catch (const std::exception& e) {
    fmt::print(stderr, "charter_generate: {}\n", e.what());
    return 1;
  }
}
