// The PyTorch Foundation's members by tier, its Governing Board and its
// compliance findings as of a date: the main job of charter.
//
//   membership_report [DATE] [--format FORMAT] [--db FILE] [--data FILE]
//
// DATE is YYYY-MM-DD or `today` (the default). FORMAT is text (the
// default), md, csv, json or html. The registry lives in the SQLite file
// FILE (default: membership-report.db in the current folder); on the first
// run it is created from the example data (default:
// examples/data/pytorch-foundation.json).

#include <charter/json.hpp>
#include <charter/report.hpp>
#include <charter/store.hpp>

#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

int main(int argc, char** argv) {
  std::string db_path = "membership-report.db";
  std::string data = "examples/data/pytorch-foundation.json";
  std::string when = "today", format_name = "text";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--db" && has_value)
      db_path = argv[++i];
    else if (arg == "--data" && has_value)
      data = argv[++i];
    else if (arg == "--format" && has_value)
      format_name = argv[++i];
    else if (arg == "-h" || arg == "--help") {
      fmt::print(
          "usage: membership_report [DATE] [--format text|md|csv|json|html] "
          "[--db FILE] [--data FILE]\n");
      return 0;
    } else if (!arg.starts_with("-"))
      when = arg;
    else {
      fmt::print(stderr,
                 "membership_report: unknown option '{}' (try --help)\n", arg);
      return 2;
    }
  }
  try {
    const auto format = charter::parse_report_format(format_name);
    if (!format || *format == charter::report_format::svg)
      throw charter::report_error("unknown format '" + format_name +
                                  "' (expected text, md, csv, json or html)");
    const charter::date on =
        when == "today" ? charter::today() : charter::parse_date(when);

    auto db = charter::database::open(db_path);
    if (db.registry().foundations().empty()) {
      db.replace(charter::load_json(data),
                 {"membership_report", "initial import"}, "import " + data);
      fmt::print(stderr, "membership_report: created {} from {}\n", db_path,
                 data);
    }

    charter::report_options options;
    options.foundation = charter::foundation_id{"pytorch-foundation"};
    options.body = charter::body_id{"pytorch-board"};
    options.at = on;
    constexpr std::array kinds{charter::report_kind::roster,
                               charter::report_kind::board,
                               charter::report_kind::compliance};
    fmt::print("{}",
               charter::render_reports(db.registry(), kinds, *format, options));
    return 0;
  } catch (const charter::validation_error& e) {
    for (const auto& p : e.problems())
      fmt::print(stderr, "membership_report: {}\n", charter::to_string(p));
  } catch (const std::exception& e) {
    fmt::print(stderr, "membership_report: {}\n", e.what());
  }
  return 2;
}
