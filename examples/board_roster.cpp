// Who sits on the PyTorch Foundation's Governing Board on a date, and which
// seats are vacant: one report, built and rendered in one call.
//
//   board_roster [DATE] [FORMAT] [--data FILE]
//
// DATE is YYYY-MM-DD (default: today); FORMAT is text (the default),
// markdown, csv, json, html or svg.

#include <charter/json.hpp>
#include <charter/report.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

int main(int argc, char** argv) {
  std::string data = "examples/data/pytorch-foundation.json";
  std::string when = "today", format = "text";
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--data" && i + 1 < argc)
      data = argv[++i];
    else if (positional++ == 0)
      when = arg;
    else
      format = arg;
  }
  try {
    const auto fmt = charter::parse_report_format(format);
    if (!fmt) throw charter::report_error("unknown format '" + format + "'");
    const charter::registry reg = charter::load_json(data);

    charter::report_options options;
    options.body = charter::body_id{"pytorch-board"};
    options.at = when == "today" ? charter::today() : charter::parse_date(when);
    fmt::print("{}", charter::render_report(reg, charter::report_kind::board,
                                            *fmt, options));
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "board_roster: {}\n", e.what());
    return 2;
  }
}
