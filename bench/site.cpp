// charter_site_bench: how long `charter site DIR --no-people` takes on a
// generated registry (issue 18's goal: under 30 s at scale 1 on 2 cores).
//
//   charter_site_bench [--scale S] [--seed N] [--work DIR] [--people]
//
// Generates the registry's document under DIR (or reuses it), loads it,
// then writes the site into DIR/site and prints the figures; the load is
// timed apart from the site, which is what the goal is about.

#include <charter/json.hpp>
#include <charter/site.hpp>

#include <fmt/format.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>

#include "generator.hpp"

namespace {

[[noreturn]] void usage(int code) {
  std::fputs(
      "usage: charter_site_bench [--scale S] [--seed N] [--work DIR] "
      "[--people]\n",
      code ? stderr : stdout);
  std::exit(code);
}

double since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// User and system time of the process so far, in seconds.
double cpu() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
  charter::bench::generator_options options;
  std::filesystem::path work = "/tmp/charter-bench";
  bool people = false;
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
    else if (arg == "--work")
      work = value();
    else if (arg == "--people")
      people = true;
    else if (arg == "-h" || arg == "--help")
      usage(0);
    else
      usage(2);
  }
  if (!(options.scale > 0)) usage(2);
  try {
    std::filesystem::create_directories(work);
    const auto document = work / fmt::format("registry-s{}-seed{}.json",
                                             options.scale, options.seed);
    if (!std::filesystem::exists(document))
      charter::bench::generate(options, document.string());
    auto start = std::chrono::steady_clock::now();
    const charter::registry reg = charter::load_json(document);
    const double load = since(start);
    const auto dir = work / "site";
    std::filesystem::remove_all(dir);
    start = std::chrono::steady_clock::now();
    const double cpu_start = cpu();
    const charter::site_summary summary = charter::write_site(
        reg, dir, {.at = charter::parse_date("2025-06-01"), .people = people});
    const double site = since(start);
    const double site_cpu = cpu() - cpu_start;
    fmt::print(
        "| scale {} ({} organizations, {} people{}) | seconds |\n|---|---:|\n"
        "| load the document | {:.2f} |\n"
        "| write the site: {} pages, {} files, {:.1f} MB | {:.2f} |\n"
        "| its CPU time (user + system, all threads) | {:.2f} |\n",
        options.scale, reg.organizations().size(), reg.people().size(),
        people ? "" : ", --no-people", load, summary.pages, summary.files,
        static_cast<double>(summary.bytes) / 1e6, site, site_cpu);
  } catch (const std::exception& e) {
    fmt::print(stderr, "charter_site_bench: {}\n", e.what());
    return 1;
  }
  return 0;
}
