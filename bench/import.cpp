// The importers' benchmark (issue 15): each real source file of
// ../shared/data/real read by its importer, against two baselines measured
// in the same run on the same machine: the same records read back from the
// interchange format (`from_json` of the import's own registry, the rate of
// docs/performance.md's JSON import), and, for YAML sources, yaml-cpp
// parsing the file alone (the floor no YAML importer can beat).
//
//   charter_import_bench [--shared DIR] [--runs N]
//
// Prints a Markdown table; docs/importers.md has the figures.

#include <charter/import.hpp>
#include <charter/json.hpp>
#include <charter/registry.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

struct source_case {
  const char* source;
  std::vector<std::string> files;  // under DIR/data/real
  bool yaml;
};

// The median of `runs` timings of `f`, in seconds.
template <class F>
double median_seconds(int runs, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = clock_type::now();
    f();
    times.push_back(
        std::chrono::duration<double>(clock_type::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

std::size_t records(const charter::registry& r) {
  std::size_t ties = 0;
  for (const auto& p : r.people()) ties += p.affiliations.size();
  return r.organizations().size() + r.people().size() + ties +
         r.foundations().size() + r.projects().size() + r.bodies().size() +
         r.memberships().size() + r.seats().size() + r.roles().size();
}

}  // namespace

int main(int argc, char** argv) {
  std::string shared = CHARTER_SHARED_DIR;
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--shared" && i + 1 < argc) {
      shared = argv[++i];
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      fmt::print(stderr,
                 "usage: charter_import_bench [--shared DIR] [--runs N]\n");
      return 2;
    }
  }
  const std::vector<source_case> cases{
      {"gitdm", {"gitdm/developers_affiliations1-sample.txt"}, false},
      {"landscape", {"cncf-landscape/landscape.yml"}, true},
      {"landscape", {"lfai-landscape/landscape.yml"}, true},
      {"k8s-sigs", {"k8s-community/sigs.yaml"}, true},
      {"apache",
       {"apache-projects/committees.json",
        "apache-projects/committees-retired.json",
        "apache-projects/podlings.json",
        "apache-projects/podlings-history.json"},
       false},
  };
  charter::import_options options;
  options.as_of = charter::date{std::chrono::year{2026}, std::chrono::month{1},
                                std::chrono::day{1}};
  fmt::print(
      "| source | file | records | import (median of {}) | records/s | JSON "
      "import of the same records | ratio | yaml-cpp parse alone |\n"
      "|---|---|---:|---:|---:|---:|---:|---:|\n",
      runs);
  for (const auto& c : cases) {
    std::vector<std::string> paths;
    for (const auto& f : c.files) paths.push_back(shared + "/data/real/" + f);
    charter::registry imported;
    const double seconds = median_seconds(runs, [&] {
      auto result =
          charter::read_source(charter::registry{}, c.source, paths, options);
      charter::registry reg;
      reg.apply(result.changes);
      imported = std::move(reg);
    });
    const std::string document = charter::to_json(imported);
    const double json_seconds =
        median_seconds(runs, [&] { (void)charter::from_json(document); });
    std::string floor = "—";
    if (c.yaml) {
      const std::string text = slurp(paths.front());
      const double yaml_seconds =
          median_seconds(runs, [&] { (void)YAML::Load(text); });
      floor = fmt::format("{:.1f} ms", yaml_seconds * 1e3);
    }
    const std::size_t n = records(imported);
    fmt::print(
        "| {} | {} | {} | {:.1f} ms | {:.0f} | {:.1f} ms | {:.1f}× | {} |\n",
        c.source, c.files.front(), n, seconds * 1e3,
        static_cast<double>(n) / seconds, json_seconds * 1e3,
        seconds / json_seconds, floor);
  }
  return 0;
}
