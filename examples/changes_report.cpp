// What changed in the PyTorch Foundation between two dates: who joined,
// left, moved between tiers, took or left a board seat, started or ended a
// role. Builds the report model, then renders it.
//
//   changes_report FROM TO [FORMAT] [--data FILE]
//
// FROM is included, TO is not (YYYY-MM-DD); FORMAT is text (the default),
// markdown, csv, json or html.

#include <charter/json.hpp>
#include <charter/report.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

int main(int argc, char** argv) {
  std::string data = "examples/data/pytorch-foundation.json";
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--data" && i + 1 < argc)
      data = argv[++i];
    else
      args.emplace_back(arg);
  }
  if (args.size() < 2 || args.size() > 3) {
    fmt::print(stderr,
               "usage: changes_report FROM TO [FORMAT] [--data FILE]\n");
    return 2;
  }
  try {
    const auto format =
        charter::parse_report_format(args.size() > 2 ? args[2] : "text");
    if (!format)
      throw charter::report_error("unknown format '" + args[2] + "'");
    const charter::registry reg = charter::load_json(data);

    const auto changes = charter::make_changes(
        reg, charter::foundation_id{"pytorch-foundation"},
        charter::parse_date(args[0]), charter::parse_date(args[1]));
    fmt::print("{}", charter::render(changes, *format));
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "changes_report: {}\n", e.what());
    return 2;
  }
}
