// charter_election_bench: issue 16's speed goals for counting ranked
// ballots, each beside the time to merely read the ballot file it counts
// (the floor: a count needs its ballots read first), measured in the same
// run on the same machine.
//
//   charter_election_bench [--ballots N] [--candidates C] [--seats S]
//                          [--runs R] [--seed X] [--json FILE] [--work DIR]
//
// Defaults: 100,000 ballots, 30 candidates, 7 seats, best of 3 runs, seed
// 16. The goals (for the defaults, on 2 cores): Schulze under 0.5 s,
// Scottish STV under 2 s, Meek STV under 5 s.
//
// The ballots are generated deterministically from the seed (splitmix64 and
// integer arithmetic only, so the same options give the same files on every
// machine):
//
// - four camps of voters (40, 30, 20 and 10 % of them); each camp has its
//   view of the candidates, a score per candidate that is half a common
//   popularity (one random order shared by all camps) and half the camp's
//   own random order;
// - a voter takes their camp's scores plus noise (about normal, Irwin-Hall
//   of four uniforms, with a standard deviation of C/6 positions), and
//   ranks candidates by that noisy score;
// - they rank only a prefix of it: all C candidates for 15 % of voters,
//   else 1 + floor(C * u^1.5) of them (u uniform in [0, 1)), so many
//   short ballots and a long tail; the others are unranked;
// - 8 % of ballots tie one candidate with the one above it (equal ranks,
//   the ranks after them dense: 1, 2, 2, 3); 0.5 % rank no one.
//
// The same ballots are written as an Elekto CSV (a header of candidate ids,
// a rank or "No opinion" per cell) and as a BLT file (identical ballots
// grouped, one line each with its weight, in the order first cast; ties
// written "a=b"), in a temporary folder (or --work DIR) removed at the end.
//
// Each figure is the best of R runs: reading each file with read_ballots
// from its path (the floors), Schulze on the CSV's box with unranked
// candidates ignored (Elekto) and below (Debian), Scottish STV and Meek STV
// on the BLT's box. Each count's ratio is to the floor of the file it counts.
// The winners are printed, so no count can be optimised away. Prints a
// Markdown table and peak memory (getrusage); --json writes the same figures.
// docs/performance.md ("Elections") has the figures.

#include <charter/ballots.hpp>
#include <charter/count.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

// splitmix64: the same stream on every platform (std's distributions are
// not specified bit for bit).
class random_stream {
 public:
  explicit random_stream(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15U;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9U;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebU;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1), 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n).
  std::size_t below(std::size_t n) {
    return static_cast<std::size_t>(uniform() * static_cast<double>(n));
  }
  // About normal, mean 0, standard deviation 1: four uniforms (Irwin-Hall),
  // whose variance is 4/12.
  double normal() {
    const double s = uniform() + uniform() + uniform() + uniform() - 2.0;
    return s * 1.7320508075688772;  // sqrt(3)
  }

 private:
  std::uint64_t state_;
};

std::vector<std::size_t> shuffled(std::size_t n, random_stream& rng) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  for (std::size_t i = n; i > 1; --i)
    std::swap(order[i - 1], order[rng.below(i)]);
  return order;
}

struct generated {
  fs::path csv;
  fs::path blt;
  std::uintmax_t csv_bytes = 0;
  std::uintmax_t blt_bytes = 0;
  std::size_t blt_lines = 0;  // distinct ballots
  std::size_t ranked = 0;     // ranks given, over all ballots
  std::size_t tied = 0;       // ballots with a tie
  std::size_t blank = 0;      // ballots ranking no one
};

// The ballot file pair described at the top of this file.
generated generate(const fs::path& dir, std::size_t ballots,
                   std::size_t candidates, std::size_t seats,
                   std::uint64_t seed) {
  random_stream rng(seed);
  const std::size_t n = candidates;
  constexpr std::size_t camps = 4;
  constexpr double share[camps] = {0.4, 0.3, 0.2, 0.1};
  const auto popularity = shuffled(n, rng);
  std::vector<std::vector<double>> camp_score(camps, std::vector<double>(n));
  for (auto& score : camp_score) {
    const auto own = shuffled(n, rng);
    for (std::size_t c = 0; c < n; ++c)
      score[c] = 0.5 * static_cast<double>(popularity[c]) +
                 0.5 * static_cast<double>(own[c]);
  }
  const double noise = static_cast<double>(n) / 6.0;

  generated out;
  out.csv = dir / "ballots.csv";
  out.blt = dir / "ballots.blt";
  std::ofstream csv(out.csv, std::ios::binary);
  if (!csv) throw std::runtime_error(out.csv.string() + ": cannot be written");
  std::vector<std::string> ids(n);
  for (std::size_t c = 0; c < n; ++c) ids[c] = fmt::format("cand{:02}", c + 1);
  for (std::size_t c = 0; c < n; ++c) csv << (c ? "," : "") << ids[c];
  csv << '\n';

  // BLT: distinct ballots in the order first cast, with their weights.
  std::vector<std::pair<std::string, std::uint64_t>> lines;
  std::unordered_map<std::string, std::size_t> line_of;

  std::vector<std::pair<double, std::size_t>> noisy(n);
  std::vector<unsigned> rank(n);
  fmt::memory_buffer row;
  std::string prefs;
  for (std::size_t b = 0; b < ballots; ++b) {
    double pick = rng.uniform();
    std::size_t camp = 0;
    while (camp + 1 < camps && pick >= share[camp]) pick -= share[camp++];
    for (std::size_t c = 0; c < n; ++c)
      noisy[c] = {camp_score[camp][c] + noise * rng.normal(), c};
    std::sort(noisy.begin(), noisy.end());
    std::size_t length = n;
    if (rng.uniform() >= 0.15) {
      const double u = rng.uniform();
      length = std::min(n, 1 + static_cast<std::size_t>(static_cast<double>(n) *
                                                        u * std::sqrt(u)));
    }
    if (rng.uniform() < 0.005) length = 0;
    // A tie of the candidate at `tie` with the one above it.
    std::size_t tie = 0;
    if (length >= 2 && rng.uniform() < 0.08) tie = 1 + rng.below(length - 1);
    std::fill(rank.begin(), rank.end(), 0U);
    prefs.clear();
    unsigned r = 0;
    for (std::size_t k = 0; k < length; ++k) {
      const std::size_t c = noisy[k].second;
      if (k != tie || k == 0) {
        ++r;
        prefs += ' ';
      } else {
        prefs += '=';
      }
      rank[c] = r;
      prefs += fmt::format("{}", c + 1);
    }
    out.ranked += length;
    if (tie != 0) ++out.tied;
    if (length == 0) ++out.blank;
    row.clear();
    for (std::size_t c = 0; c < n; ++c) {
      if (c) row.push_back(',');
      if (rank[c] == 0)
        fmt::format_to(std::back_inserter(row), "No opinion");
      else
        fmt::format_to(std::back_inserter(row), "{}", rank[c]);
    }
    row.push_back('\n');
    csv.write(row.data(), static_cast<std::streamsize>(row.size()));
    const auto [at, added] = line_of.try_emplace(prefs, lines.size());
    if (added)
      lines.emplace_back(prefs, 1);
    else
      ++lines[at->second].second;
  }
  csv.close();
  if (!csv) throw std::runtime_error(out.csv.string() + ": cannot be written");

  std::ofstream blt(out.blt, std::ios::binary);
  if (!blt) throw std::runtime_error(out.blt.string() + ": cannot be written");
  blt << n << ' ' << seats << '\n';
  for (const auto& [line, weight] : lines) blt << weight << line << " 0\n";
  blt << "0\n";
  for (const auto& id : ids) blt << '"' << id << "\"\n";
  blt << '"'
      << fmt::format("charter_election_bench {} x {}, seed {}", ballots,
                     candidates, seed)
      << "\"\n";
  blt.close();
  if (!blt) throw std::runtime_error(out.blt.string() + ": cannot be written");
  out.blt_lines = lines.size();
  out.csv_bytes = fs::file_size(out.csv);
  out.blt_bytes = fs::file_size(out.blt);
  return out;
}

// The best of `runs` timings of `f`, in seconds.
double best_seconds(int runs, const std::function<void()>& f) {
  double best = 0.0;
  for (int i = 0; i < runs; ++i) {
    const auto start = clock_type::now();
    f();
    const double s =
        std::chrono::duration<double>(clock_type::now() - start).count();
    if (i == 0 || s < best) best = s;
  }
  return best;
}

struct figure {
  std::string what;
  double seconds = 0.0;
  std::optional<double> floor;  // the read time this count is compared with
  std::optional<double> goal;   // seconds
  std::string winners;
  std::size_t stages = 0;
};

std::string winners_of(const charter::count_result& r) {
  std::string out;
  for (auto c : r.elected) out += (out.empty() ? "" : " ") + r.candidates[c];
  return out;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

int usage() {
  fmt::print(stderr,
             "usage: charter_election_bench [--ballots N] [--candidates C] "
             "[--seats S] [--runs R] [--seed X] [--json FILE] [--work DIR]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t ballots = 100000;
  std::size_t candidates = 30;
  std::size_t seats = 7;
  int runs = 3;
  std::uint64_t seed = 16;
  std::string json_path;
  std::string work;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) return usage();
    const char* value = argv[++i];
    if (arg == "--ballots")
      ballots = std::strtoull(value, nullptr, 10);
    else if (arg == "--candidates")
      candidates = std::strtoull(value, nullptr, 10);
    else if (arg == "--seats")
      seats = std::strtoull(value, nullptr, 10);
    else if (arg == "--runs")
      runs = std::max(1, std::atoi(value));
    else if (arg == "--seed")
      seed = std::strtoull(value, nullptr, 10);
    else if (arg == "--json")
      json_path = value;
    else if (arg == "--work")
      work = value;
    else
      return usage();
  }
  if (ballots == 0 || candidates < 2 || seats == 0 || seats >= candidates ||
      candidates > charter::max_ballot_candidates) {
    fmt::print(stderr,
               "charter_election_bench: at least one ballot, 2 to {} "
               "candidates, and fewer seats than candidates\n",
               charter::max_ballot_candidates);
    return 2;
  }

  const bool own_dir = work.empty();
  const fs::path dir =
      own_dir ? fs::temp_directory_path() /
                    fmt::format("charter-election-bench-{}", getpid())
              : fs::path(work);
  fs::create_directories(dir);

  try {
    const auto start = clock_type::now();
    const generated files = generate(dir, ballots, candidates, seats, seed);
    fmt::print(
        "{} ballots x {} candidates, {} seats, seed {}: {} ranks given, {} "
        "ballots with a tie, {} blank; generated in {:.2f} s\n"
        "Elekto CSV {:.1f} MB, BLT {:.1f} MB ({} distinct ballots)\n\n",
        ballots, candidates, seats, seed, files.ranked, files.tied, files.blank,
        std::chrono::duration<double>(clock_type::now() - start).count(),
        static_cast<double>(files.csv_bytes) / 1e6,
        static_cast<double>(files.blt_bytes) / 1e6, files.blt_lines);
    const long rss_generated = peak_rss_kib();

    std::vector<figure> figures;
    charter::ballot_box csv_box;
    const double csv_read = best_seconds(runs, [&] {
      csv_box =
          charter::read_ballots(files.csv, charter::ballot_format::elekto_csv);
    });
    figures.push_back({.what = "read the Elekto CSV (floor)",
                       .seconds = csv_read,
                       .floor = std::nullopt,
                       .goal = std::nullopt,
                       .winners = {},
                       .stages = 0});
    charter::ballot_box blt_box;
    const double blt_read = best_seconds(runs, [&] {
      blt_box = charter::read_ballots(files.blt, charter::ballot_format::blt);
    });
    figures.push_back({.what = "read the BLT (floor)",
                       .seconds = blt_read,
                       .floor = std::nullopt,
                       .goal = std::nullopt,
                       .winners = {},
                       .stages = 0});
    if (csv_box.voters() != blt_box.voters())
      throw std::runtime_error("the CSV and the BLT hold different voters");

    struct counted {
      const char* what;
      const charter::ballot_box* box;
      double floor;
      charter::count_method method;
      charter::unranked_rule unranked;
      double goal;
    };
    const std::vector<counted> counts{
        {"Schulze, unranked ignored (CSV)", &csv_box, csv_read,
         charter::count_method::schulze, charter::unranked_rule::ignored, 0.5},
        {"Schulze, unranked below (CSV)", &csv_box, csv_read,
         charter::count_method::schulze, charter::unranked_rule::below, 0.5},
        {"Scottish STV (BLT)", &blt_box, blt_read,
         charter::count_method::scottish_stv, charter::unranked_rule::ignored,
         2.0},
        {"Meek STV (BLT)", &blt_box, blt_read, charter::count_method::meek_stv,
         charter::unranked_rule::ignored, 5.0},
    };
    for (const auto& c : counts) {
      charter::count_options options;
      options.method = c.method;
      options.seats = seats;
      options.unranked = c.unranked;
      charter::count_result result;
      const double seconds =
          best_seconds(runs, [&] { result = charter::count(*c.box, options); });
      figures.push_back({.what = c.what,
                         .seconds = seconds,
                         .floor = c.floor,
                         .goal = c.goal,
                         .winners = winners_of(result),
                         .stages = result.stages.size()});
    }
    const long rss = peak_rss_kib();

    fmt::print(
        "| what (best of {}) | seconds | × read floor | goal | met |\n"
        "|---|---:|---:|---:|---|\n",
        runs);
    for (const auto& f : figures) {
      fmt::print("| {} | {:.4f} | {} | {} | {} |\n", f.what, f.seconds,
                 f.floor ? fmt::format("{:.2f}×", f.seconds / *f.floor) : "—",
                 f.goal ? fmt::format("< {} s", *f.goal) : "—",
                 f.goal ? (f.seconds < *f.goal ? "yes" : "no") : "—");
    }
    fmt::print(
        "\npeak memory (getrusage): {:.1f} MiB ({:.1f} MiB after "
        "generating the files)\n\nwinners:\n",
        static_cast<double>(rss) / 1024.0,
        static_cast<double>(rss_generated) / 1024.0);
    for (const auto& f : figures)
      if (f.goal)
        fmt::print("  {}: {}{}\n", f.what, f.winners,
                   f.stages ? fmt::format(" ({} stages)", f.stages) : "");

    if (!json_path.empty()) {
      std::string j = fmt::format(
          "{{\n  \"ballots\": {},\n  \"candidates\": {},\n  \"seats\": {},\n"
          "  \"seed\": {},\n  \"runs\": {},\n  \"csv_bytes\": {},\n"
          "  \"blt_bytes\": {},\n  \"blt_lines\": {},\n"
          "  \"peak_rss_kib\": {},\n  \"figures\": [",
          ballots, candidates, seats, seed, runs, files.csv_bytes,
          files.blt_bytes, files.blt_lines, rss);
      for (std::size_t i = 0; i < figures.size(); ++i) {
        const auto& f = figures[i];
        j += fmt::format("{}\n    {{\"what\": {}, \"seconds\": {:.6f}",
                         i ? "," : "", json_string(f.what), f.seconds);
        if (f.floor)
          j += fmt::format(
              ", \"floor_seconds\": {:.6f}, \"ratio\": {:.4f}, "
              "\"goal_seconds\": {}, \"met\": {}, \"winners\": {}, "
              "\"stages\": {}",
              *f.floor, f.seconds / *f.floor, *f.goal,
              f.seconds < *f.goal ? "true" : "false", json_string(f.winners),
              f.stages);
        j += "}";
      }
      j += "\n  ]\n}\n";
      std::ofstream out(json_path, std::ios::binary);
      out << j;
      if (!out) throw std::runtime_error(json_path + ": cannot be written");
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "charter_election_bench: {}\n", e.what());
    if (own_dir) fs::remove_all(dir);
    return 1;
  }
  if (own_dir) fs::remove_all(dir);
  return 0;
}
