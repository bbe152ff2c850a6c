// charter_bench: issue 7's figures, each beside a raw baseline measured in
// the same process on the same data.
//
//   charter_bench [--scale S] [--seed N] [--json FILE] [--work DIR]
//                 [--queries N] [--query-budget SECONDS]
//                 [--check-all-timeout SECONDS]
//                 [--only import,memory,load,export,queries,checks,commit]
//
// It generates the registry (or reuses the one already in DIR, by default
// /tmp/charter-bench), then measures import, load, export, memory, query
// latencies, governance checks and one audited commit, prints a table
// (figure | charter | baseline | ratio | target | met) and writes the same
// figures as JSON (by default DIR/bench-s<S>-seed<N>.json).
// docs/performance.md describes every figure.

#include "baseline.hpp"
#include "generator.hpp"

#include <charter/checks.hpp>
#include <charter/json.hpp>
#include <charter/registry.hpp>
#include <charter/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <malloc.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
namespace base = charter::bench::baseline;
using clock_type = std::chrono::steady_clock;

double since(clock_type::time_point t) {
  return std::chrono::duration<double>(clock_type::now() - t).count();
}

template <class F>
double timed(F&& f) {
  const auto t = clock_type::now();
  f();
  return since(t);
}

// Keeps results alive so that the optimizer cannot drop a query.
volatile std::size_t sink = 0;

clock_type::time_point started = clock_type::now();
void progress(std::string_view what) {
  fmt::print(stderr, "[{:7.1f} s] {}\n", since(started), what);
}

// ---- memory

long status_kb(std::string_view field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with(field) && line.size() > field.size() &&
        line[field.size()] == ':')
      return std::strtol(line.c_str() + field.size() + 1, nullptr, 10);
  return -1;
}

void reset_peak() {
  std::ofstream("/proc/self/clear_refs") << "5";  // VmHWM := VmRSS
}

void release_memory() { malloc_trim(0); }

struct memory_use {
  double held_mib = 0;  // resident after the load, less before
  double peak_mib = 0;  // peak resident during the load, less before
  double seconds = 0;
  bool ok = false;
};

// Runs `load` in a child process, which returns how much memory it took:
// figures do not pollute each other, nor the parent.
template <class Load>
memory_use in_child(Load load) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    memory_use m;
    try {
      release_memory();
      reset_peak();
      const long before = status_kb("VmRSS");
      const auto t = clock_type::now();
      auto kept = load();
      m.seconds = since(t);
      release_memory();
      m.held_mib = static_cast<double>(status_kb("VmRSS") - before) / 1024.0;
      m.peak_mib = static_cast<double>(status_kb("VmHWM") - before) / 1024.0;
      sink = sink + sizeof(kept);
      m.ok = true;
    } catch (const std::exception& e) {
      fmt::print(stderr, "child: {}\n", e.what());
    }
    [[maybe_unused]] auto n = ::write(fds[1], &m, sizeof m);
    ::_exit(0);
  }
  ::close(fds[1]);
  memory_use m;
  if (::read(fds[0], &m, sizeof m) != sizeof m) m.ok = false;
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return m;
}

// ---- latency

struct latency {
  double median_ns = 0, p99_ns = 0, mean_ns = 0;
  std::int64_t queries = 0;
  int batch = 1;
};

// Runs `query(i)` up to `count` times (or for `budget` seconds), timing
// batches: each sample is one batch's time divided by its size, so that the
// clock's own cost does not swamp 50 ns queries. Median and p99 are over the
// samples.
template <class Query>
latency measure(std::int64_t count, double budget, Query&& query) {
  latency l;
  // Warm up, and size the batch so that one takes about 20 µs.
  const auto t0 = clock_type::now();
  std::int64_t i = 0;
  for (; i < 200 && i < count; ++i) query(i);
  const double per = std::max(
      1e-9, since(t0) / static_cast<double>(std::max<std::int64_t>(i, 1)));
  l.batch = static_cast<int>(std::clamp(20e-6 / per, 1.0, 1000.0));
  std::vector<double> samples;
  samples.reserve(static_cast<std::size_t>(count / l.batch + 1));
  const auto start = clock_type::now();
  std::int64_t done = 0;
  double total = 0;
  while (done < count && since(start) < budget) {
    const auto t = clock_type::now();
    for (int k = 0; k < l.batch; ++k) query(done + k);
    const double s = since(t);
    total += s;
    samples.push_back(s / l.batch * 1e9);
    done += l.batch;
  }
  std::sort(samples.begin(), samples.end());
  l.queries = done;
  l.median_ns = samples[samples.size() / 2];
  l.p99_ns = samples[std::min(samples.size() - 1, samples.size() * 99 / 100)];
  l.mean_ns = total / static_cast<double>(done) * 1e9;
  return l;
}

// ---- the table

struct figure {
  std::string name;
  std::string charter, baseline;  // as printed
  double charter_value = NAN, baseline_value = NAN;
  std::string unit;
  double ratio = NAN;
  std::string target;
  std::optional<bool> met;
  json::object details;
};

std::vector<figure> figures;

std::string seconds_text(double s) {
  if (s >= 10) return fmt::format("{:.1f} s", s);
  if (s >= 1) return fmt::format("{:.2f} s", s);
  if (s >= 1e-3) return fmt::format("{:.1f} ms", s * 1e3);
  return fmt::format("{:.0f} µs", s * 1e6);
}

// A figure whose target is a ratio to its baseline, in seconds or MiB.
figure ratio_figure(std::string name, double c, double b, std::string unit,
                    double limit) {
  auto text = [&](double v) {
    return unit == "s" ? seconds_text(v) : fmt::format("{:.0f} {}", v, unit);
  };
  return {.name = std::move(name),
          .charter = text(c),
          .baseline = text(b),
          .charter_value = c,
          .baseline_value = b,
          .unit = std::move(unit),
          .ratio = c / b,
          .target = fmt::format("≤ {}×", limit),
          .met = c / b <= limit};
}

std::string ns_text(double ns) {
  if (ns >= 1e6) return fmt::format("{:.1f} ms", ns / 1e6);
  if (ns >= 1e4) return fmt::format("{:.0f} µs", ns / 1e3);
  if (ns >= 1e3) return fmt::format("{:.1f} µs", ns / 1e3);
  return fmt::format("{:.0f} ns", ns);
}

std::string latency_text(const latency& l) {
  return fmt::format("{} (p99 {})", ns_text(l.median_ns), ns_text(l.p99_ns));
}

json::object latency_json(const latency& l) {
  return {{"median_ns", l.median_ns},
          {"p99_ns", l.p99_ns},
          {"mean_ns", l.mean_ns},
          {"queries", l.queries},
          {"batch", l.batch}};
}

// Visible width of UTF-8 text.
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string pad(std::string s, std::size_t w) {
  const auto n = width(s);
  if (n < w) s.append(w - n, ' ');
  return s;
}

void print_table(std::FILE* out) {
  const std::vector<std::string> head{"figure", "charter", "baseline",
                                      "ratio",  "target",  "met"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& f : figures)
    rows.push_back({f.name, f.charter, f.baseline,
                    std::isnan(f.ratio) ? "—" : fmt::format("{:.2f}×", f.ratio),
                    f.target,
                    !f.met   ? "—"
                    : *f.met ? "yes"
                             : "NO"});
  std::vector<std::size_t> w(head.size());
  for (std::size_t c = 0; c < head.size(); ++c) {
    w[c] = width(head[c]);
    for (const auto& r : rows) w[c] = std::max(w[c], width(r[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s = "|";
    for (std::size_t c = 0; c < cells.size(); ++c)
      s += " " + pad(cells[c], w[c]) + " |";
    fmt::print(out, "{}\n", s);
  };
  line(head);
  std::string rule = "|";
  for (auto n : w) rule += std::string(n + 2, '-') + "|";
  fmt::print(out, "{}\n", rule);
  for (const auto& r : rows) line(r);
}

// ---- data

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw std::runtime_error(fmt::format("cannot read {}", file.string()));
  std::string text;
  text.resize(fs::file_size(file));
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return text;
}

void remove_db(const fs::path& db) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    fs::remove(db.string() + suffix);
}

charter::date to_date(base::day d) {
  return charter::date{std::chrono::sys_days{std::chrono::days{d}}};
}

struct options {
  double scale = 1.0;
  std::uint64_t seed = 42;
  fs::path json_file;
  fs::path work = "/tmp/charter-bench";
  std::int64_t queries = 1'000'000;
  double query_budget = 15;
  double check_all_timeout = 600;
  std::set<std::string> only;  // figure groups to run; empty: all
  bool runs(std::string_view group) const {
    return only.empty() || only.contains(std::string(group));
  }
};

// ---- the figures

void import_figures(const options& o, const fs::path& data, const fs::path& db,
                    const fs::path& base_db, const fs::path& empty_db) {
  const int reps = o.scale < 0.2 ? 3 : 1;
  std::vector<double> charter_total, baseline_total;
  json::object cd, bd;
  for (int rep = 0; rep < reps; ++rep) {
    {
      remove_db(db);
      // As `charter import` does: the file streams through the decoder into
      // the registry.
      double read = 0, open = 0, write = 0;
      charter::registry reg;
      read = timed([&] {
        std::ifstream in(data, std::ios::binary);
        reg = charter::from_json(in);
      });
      std::optional<charter::sqlite_store> store;
      open = timed([&] { store.emplace(db); });
      write = timed([&] {
        store->replace_all(reg, {.actor = "bench", .reason = {}}, "import");
      });
      charter_total.push_back(read + open + write);
      cd = {{"from_json_s", read},
            {"open_s", open},
            {"replace_all_s", write},
            {"rows_written", store->last_commit_changes()}};
    }
    release_memory();
    {
      remove_db(base_db);
      fs::copy_file(empty_db, base_db);
      double read = 0, parse = 0;
      std::string text;
      read = timed([&] { text = read_file(data); });
      base::document doc;
      parse = timed([&] { doc = base::parse(text); });
      base::insert_times t;
      const double insert = timed([&] { t = base::insert(doc, base_db); });
      baseline_total.push_back(read + parse + insert);
      bd = {{"read_s", read},
            {"parse_s", parse},
            {"insert_rows_s", t.rows},
            {"create_indexes_and_commit_s", t.indexes},
            {"rows_written", t.row_count}};
    }
    release_memory();
  }
  std::sort(charter_total.begin(), charter_total.end());
  std::sort(baseline_total.begin(), baseline_total.end());
  const double c = charter_total[charter_total.size() / 2],
               b = baseline_total[baseline_total.size() / 2];
  figure f = ratio_figure("JSON import into a new SQLite file", c, b, "s", 1.3);
  f.details = {{"charter", cd}, {"baseline", bd}, {"runs", reps}};
  figures.push_back(std::move(f));
}

// Issue 3: importing a document takes a small multiple of its size.
void import_memory_figure(const fs::path& data, const fs::path& db) {
  remove_db(db);
  const auto c = in_child([&] {
    auto reg = std::make_unique<charter::registry>(charter::load_json(data));
    charter::sqlite_store(db).replace_all(
        *reg, {.actor = "bench", .reason = {}}, "import");
    return reg;
  });
  remove_db(db);
  const double file_mib = double(fs::file_size(data)) / (1024 * 1024);
  figure f = ratio_figure("peak memory of importing the document", c.peak_mib,
                          file_mib, "MiB", 4);
  f.baseline += " (the file)";
  f.target += " (issue 3)";
  f.details = {{"held_mib", c.held_mib}, {"seconds", c.seconds}};
  figures.push_back(std::move(f));
}

void load_figure(const fs::path& db, charter::registry& reg) {
  const int reps = 3;  // the median of three: single loads move by 10–20 %
  std::vector<double> cs, bs;
  std::int64_t rows = 0;
  for (int rep = 0; rep < reps; ++rep) {
    reg = charter::registry();
    release_memory();
    cs.push_back(timed([&] {
      charter::sqlite_store store(db, {.read_only = true});
      reg = store.load();
    }));
    base::table_rows t;
    bs.push_back(timed([&] { t = base::select_all(db); }));
    rows = t.row_count();
  }
  std::sort(cs.begin(), cs.end());
  std::sort(bs.begin(), bs.end());
  const double c = cs[cs.size() / 2], b = bs[bs.size() / 2];
  figure f = ratio_figure("load a registry from SQLite", c, b, "s", 1.5);
  f.details = {{"rows", rows}, {"runs", reps}};
  figures.push_back(std::move(f));
}

void export_figure(const fs::path& data, const charter::registry& reg) {
  std::string text;
  const double c = timed([&] { text = charter::to_json(reg); });
  const bool identical = text == read_file(data);
  const auto bytes = text.size();
  text = {};
  std::string serialized;
  double b = 0;
  double build = 0;
  {
    json::value dom;
    build = timed([&] { dom = base::dom_of(reg); });
    b = timed([&] { serialized = json::serialize(dom); });
  }
  release_memory();
  figure f = ratio_figure("JSON export", c, b, "s", 1.2);
  f.details = {{"bytes", bytes},
               {"baseline_bytes", serialized.size()},
               {"dom_build_s", build},
               {"round_trip_identical", identical}};
  if (!identical)
    fmt::print(stderr,
               "warning: to_json(load(import(document))) differs from the "
               "generated document\n");
  figures.push_back(std::move(f));
}

void memory_figure(const fs::path& db) {
  const auto c = in_child([&] {
    charter::sqlite_store store(db, {.read_only = true});
    return std::make_unique<charter::registry>(store.load());
  });
  const auto b = in_child(
      [&] { return std::make_unique<base::compact>(base::load_compact(db)); });
  figure f = ratio_figure("peak memory of the loaded registry", c.peak_mib,
                          b.peak_mib, "MiB", 2);
  f.details = {{"charter_held_mib", c.held_mib},
               {"baseline_held_mib", b.held_mib},
               {"held_ratio", c.held_mib / b.held_mib},
               {"charter_load_s", c.seconds},
               {"baseline_load_s", b.seconds}};
  figures.push_back(std::move(f));
  figure held = ratio_figure("memory held by the loaded registry", c.held_mib,
                             b.held_mib, "MiB", 2);
  held.target =
      "(" + held.target + ")";  // shown beside the peak, which has the target
  figures.push_back(std::move(held));
}

void latency_figure(std::string name, std::string target, double target_ns,
                    const latency& c, const latency& b,
                    json::object extra = {}) {
  figure f{.name = std::move(name),
           .charter = latency_text(c),
           .baseline = latency_text(b),
           .charter_value = c.median_ns,
           .baseline_value = b.median_ns,
           .unit = "ns",
           .ratio = c.median_ns / b.median_ns,
           .target = std::move(target),
           .met = target_ns > 0 ? std::optional<bool>(c.median_ns <= target_ns)
                                : std::nullopt};
  f.details = {{"charter", latency_json(c)}, {"baseline", latency_json(b)}};
  for (auto& [k, v] : extra) f.details.emplace(k, v);
  figures.push_back(std::move(f));
}

struct query_pool {
  static constexpr std::size_t size = 1 << 16;
  static constexpr std::size_t mask = size - 1;
};

void query_figures(const options& o, const charter::registry& reg,
                   const base::compact& c) {
  std::mt19937_64 random(o.seed ^ 0x5EED);
  auto below = [&](std::size_t n) {
    return static_cast<std::size_t>(random() % n);
  };
  const base::day lo = base::to_day(std::string_view("2000-01-01")),
                  hi = base::to_day(std::string_view("2026-01-01"));
  const base::day d2010 = base::to_day(std::string_view("2010-01-01"));
  auto day_in = [&](base::day a, base::day b) {
    return static_cast<base::day>(
        a +
        static_cast<base::day>(random() % static_cast<std::uint64_t>(b - a)));
  };
  const auto n = query_pool::size;
  const auto people = reg.people();
  const auto orgs = reg.organizations();
  const auto memberships = reg.memberships();
  const auto foundations = reg.foundations();
  const auto bodies = reg.bodies();

  // A person's affiliations at a date.
  {
    std::vector<std::pair<charter::person_id, base::day>> q(n);
    std::vector<std::uint32_t> qi(n);
    for (std::size_t i = 0; i < n; ++i)
      q[i] = {people[below(people.size())].id, day_in(lo, hi)};
    std::vector<const base::period_row*> out;
    // Both sides fill a vector reused from one query to the next.
    std::vector<const charter::affiliation*> ties;
    const auto cl = measure(o.queries, o.query_budget, [&](std::int64_t i) {
      const auto& [p, d] = q[static_cast<std::size_t>(i) & query_pool::mask];
      reg.affiliations(p, to_date(d), ties);
      sink = sink + ties.size();
    });
    const auto bl = measure(o.queries, o.query_budget, [&](std::int64_t i) {
      const auto& [p, d] = q[static_cast<std::size_t>(i) & query_pool::mask];
      c.affiliations_of(c.person_ids.find(p.str()), d, out);
      sink = sink + out.size();
    });
    latency_figure("a person's affiliations at a date", "median ≤ 200 ns", 200,
                   cl, bl);
  }
  progress("queries: affiliations");
  // An organization's membership of a foundation at a date.
  {
    struct query {
      charter::org_id org;
      charter::foundation_id foundation;
      base::day d;
    };
    std::vector<query> q(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& m = memberships[below(memberships.size())];
      q[i] = {m.org, m.foundation, day_in(d2010, hi)};
    }
    std::int64_t hits = 0;
    const auto cl = measure(o.queries, o.query_budget, [&](std::int64_t i) {
      const auto& x = q[static_cast<std::size_t>(i) & query_pool::mask];
      hits += reg.membership_of(x.org, x.foundation, to_date(x.d)) != nullptr;
    });
    const auto bl = measure(o.queries, o.query_budget, [&](std::int64_t i) {
      const auto& x = q[static_cast<std::size_t>(i) & query_pool::mask];
      sink = sink + (c.membership_of(c.org_ids.find(x.org.str()),
                                     c.foundation_ids.find(x.foundation.str()),
                                     x.d) != nullptr);
    });
    latency_figure("an organization's membership at a date", "median ≤ 200 ns",
                   200, cl, bl,
                   {{"hit_rate", static_cast<double>(hits) /
                                     static_cast<double>(cl.queries + 200)}});
  }
  progress("queries: membership_of");
  // Members of a foundation at a date: the largest foundation (about 1,000
  // members at scale 1), and any foundation.
  {
    std::map<std::string, std::size_t> size;
    for (const auto& m : memberships) ++size[m.foundation.str()];
    const auto largest = std::max_element(size.begin(), size.end(),
                                          [](const auto& a, const auto& b) {
                                            return a.second < b.second;
                                          })
                             ->first;
    const auto d2016 = base::to_day(std::string_view("2016-01-01"));
    for (const bool any : {false, true}) {
      std::vector<std::pair<charter::foundation_id, base::day>> q(n);
      for (std::size_t i = 0; i < n; ++i)
        q[i] = {any ? foundations[below(foundations.size())].id
                    : charter::foundation_id(largest),
                any ? day_in(d2010, hi) : day_in(d2016, hi)};
      double members = 0;
      std::vector<std::vector<const base::period_row*>> groups;
      std::int64_t count = 0;
      std::vector<charter::tier_members> tiers;  // reused, as `groups` is
      const auto cl = measure(o.queries, o.query_budget, [&](std::int64_t i) {
        const auto& [f, d] = q[static_cast<std::size_t>(i) & query_pool::mask];
        std::size_t k = 0;
        reg.members(f, to_date(d), tiers);
        for (const auto& g : tiers) k += g.members.size();
        members += static_cast<double>(k);
        ++count;
      });
      const auto bl = measure(o.queries, o.query_budget, [&](std::int64_t i) {
        const auto& [f, d] = q[static_cast<std::size_t>(i) & query_pool::mask];
        c.members(c.foundation_ids.find(f.str()), d, groups);
        sink = sink + groups.size();
      });
      if (any)
        latency_figure(
            "members of any foundation at a date", "—", 0, cl, bl,
            {{"mean_members", members / static_cast<double>(count)}});
      else
        latency_figure(
            fmt::format(
                "members of the largest foundation at a date ({:.0f} members)",
                members / static_cast<double>(count)),
            "median ≤ 20 µs (1,000)", 20'000, cl, bl,
            {{"mean_members", members / static_cast<double>(count)},
             {"foundation", largest}});
    }
  }
  progress("queries: members");
  // A body's seats and entitlements at a date.
  {
    std::vector<std::pair<charter::body_id, base::day>> q(n);
    for (std::size_t i = 0; i < n; ++i)
      q[i] = {bodies[below(bodies.size())].id, day_in(d2010, hi)};
    std::vector<const base::period_row*> seats;
    std::vector<std::pair<int, int>> owed;
    double filled = 0;
    std::int64_t count = 0;
    const auto cl = measure(o.queries, o.query_budget, [&](std::int64_t i) {
      const auto& [b, d] = q[static_cast<std::size_t>(i) & query_pool::mask];
      const auto s = reg.seats(b, to_date(d));
      const auto e = reg.entitlements(b, to_date(d));
      filled += static_cast<double>(s.size());
      ++count;
      sink = sink + e.size();
    });
    const auto bl = measure(o.queries, o.query_budget, [&](std::int64_t i) {
      const auto& [b, d] = q[static_cast<std::size_t>(i) & query_pool::mask];
      c.seats_and_entitlements(c.body_ids.find(b.str()), d, seats, owed);
      sink = sink + seats.size() + owed.size();
    });
    latency_figure("a body's seats and entitlements at a date",
                   "median ≤ 10 µs", 10'000, cl, bl,
                   {{"mean_seats", filled / static_cast<double>(count)}});
  }
  progress("queries: seats and entitlements");
  // An organization's family.
  {
    std::vector<charter::org_id> q(n);
    for (std::size_t i = 0; i < n; ++i) q[i] = orgs[below(orgs.size())].id;
    const auto cl = measure(o.queries, o.query_budget, [&](std::int64_t i) {
      sink =
          sink + reg.family(q[static_cast<std::size_t>(i) & query_pool::mask])
                     .name.size();
    });
    const auto bl = measure(o.queries, o.query_budget, [&](std::int64_t i) {
      sink =
          sink + c.org_name[c.family(c.org_ids.find(
                     q[static_cast<std::size_t>(i) & query_pool::mask].str()))];
    });
    latency_figure("an organization's family", "median ≤ 50 ns", 50, cl, bl);
  }
  progress("queries: family");
}

void check_figures(const options& o, const charter::registry& reg) {
  std::mt19937_64 random(o.seed ^ 0xC4EC);
  const auto bodies = reg.bodies();
  const base::day from = base::to_day(std::string_view("2010-01-01")),
                  to = base::to_day(std::string_view("2026-01-01"));
  auto day = [&] {
    return to_date(static_cast<base::day>(
        from + static_cast<base::day>(random() %
                                      static_cast<std::uint64_t>(to - from))));
  };
  // One body at one date.
  {
    std::vector<std::pair<charter::body_id, charter::date>> q(query_pool::size);
    for (auto& x : q) x = {bodies[random() % bodies.size()].id, day()};
    std::size_t found = 0;
    const auto cl =
        measure(std::min<std::int64_t>(o.queries, 100'000), o.query_budget,
                [&](std::int64_t i) {
                  const auto& [b, d] =
                      q[static_cast<std::size_t>(i) & query_pool::mask];
                  found += charter::check(reg, d, {.body = b}).size();
                });
    figure f{.name = "check one body at one date",
             .charter = latency_text(cl),
             .baseline = "—",
             .charter_value = cl.median_ns,
             .unit = "ns",
             .target = "median ≤ 50 µs",
             .met = cl.median_ns <= 50'000};
    f.details = {{"charter", latency_json(cl)}, {"findings", found}};
    figures.push_back(std::move(f));
  }
  progress("checks: one body");
  // The whole registry at one date: what check_all repeats at every date
  // where something changes.
  std::vector<double> one;
  std::size_t findings_one = 0;
  const auto t0 = clock_type::now();
  while (one.size() < 3 || (one.size() < 20 && since(t0) < o.query_budget)) {
    const auto d = day();
    one.push_back(
        timed([&] { findings_one += charter::check(reg, d).size(); }));
  }
  std::sort(one.begin(), one.end());
  const double per_date = one[one.size() / 2];
  progress(fmt::format("checks: whole registry at one date: {}",
                       seconds_text(per_date)));
  // check_all itself, in a child process with a time limit.
  double measured = NAN;
  std::int64_t findings = -1;
  {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      std::pair<double, std::int64_t> r{0, 0};
      r.first = timed([&] {
        r.second = static_cast<std::int64_t>(charter::check_all(reg).size());
      });
      [[maybe_unused]] auto w = ::write(fds[1], &r, sizeof r);
      ::_exit(0);
    }
    ::close(fds[1]);
    const auto t = clock_type::now();
    int status = 0;
    bool finished = false;
    while (since(t) < o.check_all_timeout) {
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        finished = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!finished) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
    } else {
      std::pair<double, std::int64_t> r;
      if (::read(fds[0], &r, sizeof r) == sizeof r) {
        measured = r.first;
        findings = r.second;
      }
    }
    ::close(fds[0]);
  }
  const bool ran = !std::isnan(measured);
  figure f{.name = "check the whole registry over all dates",
           .charter = ran ? seconds_text(measured)
                          : fmt::format("> {} (stopped)",
                                        seconds_text(o.check_all_timeout)),
           .baseline = "—",
           .charter_value = ran ? measured : NAN,
           .unit = "s",
           .target = "≤ 5 s (2 cores)",
           .met = ran && measured <= 5};
  f.details = {{"finished", ran},
               {"timeout_s", o.check_all_timeout},
               {"findings", findings},
               {"one_date_s", per_date},
               {"one_date_findings", static_cast<double>(findings_one) /
                                         static_cast<double>(one.size())}};
  f.details["seconds"] = ran ? json::value(measured) : json::value(nullptr);
  figures.push_back(std::move(f));
  progress("checks: check_all");
}

void commit_figure(const options& o, const fs::path& db) {
  std::mt19937_64 random(o.seed ^ 0xC0);
  constexpr int commits = 30;
  std::vector<double> cs, bs;
  std::int64_t changes = 0;
  double open = 0;
  std::vector<std::pair<std::string, std::string>> used;
  {
    std::optional<charter::database> data;
    open = timed(
        [&] { data.emplace(std::make_unique<charter::sqlite_store>(db)); });
    auto& d = *data;
    const auto& reg = d.registry();
    const auto orgs = reg.organizations();
    const auto foundations = reg.foundations();
    // Far enough ahead that every membership with an end has ended.
    const charter::date on = charter::parse_date("2040-01-02");
    std::set<std::pair<std::string, std::string>> taken;
    for (int k = 0; k < 2 * commits; ++k) {
      // An organization that is not a member of the foundation on that day
      // (most never were: at a tiny scale every one may have been).
      const charter::organization* org = nullptr;
      const charter::foundation* f = nullptr;
      for (int attempt = 0;; ++attempt) {
        if (attempt == 1'000'000)
          throw std::runtime_error(
              "commit: no organization can join a foundation");
        org = &orgs[random() % orgs.size()];
        f = &foundations[random() % foundations.size()];
        if (taken.contains({org->id.str(), f->id.str()})) continue;
        const auto history = reg.membership_history(org->id, f->id);
        if (std::all_of(history.begin(), history.end(),
                        [&](const charter::membership* m) {
                          return m->when.to && *m->when.to <= on;
                        }))
          break;
      }
      taken.emplace(org->id.str(), f->id.str());
      if (k % 2 == 1) {  // for the raw baseline, later
        used.emplace_back(org->id.str(), f->id.str());
        continue;
      }
      charter::batch b;
      b.join(org->id, f->id, f->tiers.back().id, on);
      cs.push_back(
          timed([&] { d.commit(b, {.actor = "bench", .reason = "join"}); }));
      changes =
          dynamic_cast<charter::sqlite_store&>(d.store()).last_commit_changes();
    }
  }
  release_memory();
  {
    SQLite::Database connection(db.string(), SQLite::OPEN_READWRITE);
    connection.exec("PRAGMA journal_mode = WAL");
    connection.exec("PRAGMA synchronous = NORMAL");
    connection.exec("PRAGMA foreign_keys = ON");
    SQLite::Statement last(connection,
                           "SELECT ifnull(max(id), 0) FROM audit_log");
    SQLite::Statement membership(
        connection,
        "INSERT INTO memberships (org, foundation, tier, date_from, date_to, "
        "founding, extra)"
        " VALUES (?1, ?2, (SELECT id FROM tiers WHERE foundation = ?2 ORDER BY "
        "position DESC LIMIT 1),"
        " '2040-01-02', NULL, 0, NULL)");
    SQLite::Statement audit(connection,
                            "INSERT INTO audit_log (time, actor, summary, "
                            "reason) VALUES (?1, 'bench', ?2, 'join')");
    SQLite::Statement audit_id(
        connection, "INSERT INTO audit_ids (entry, id) VALUES (?1, ?2)");
    for (const auto& [org, f] : used) {
      bs.push_back(timed([&] {
        SQLite::Transaction tx(connection,
                               SQLite::TransactionBehavior::IMMEDIATE);
        last.reset();
        last.executeStep();
        membership.reset();
        membership.bind(1, org);
        membership.bind(2, f);
        membership.exec();
        audit.reset();
        audit.bind(1, "2026-01-01T00:00:00Z");
        audit.bind(2, "join " + org + " " + f);
        audit.exec();
        const auto entry = connection.getLastInsertRowid();
        for (const auto* id : {&org, &f}) {
          audit_id.reset();
          audit_id.bind(1, entry);
          audit_id.bind(2, *id);
          audit_id.exec();
        }
        tx.commit();
      }));
    }
  }
  std::sort(cs.begin(), cs.end());
  std::sort(bs.begin(), bs.end());
  const double c = cs[cs.size() / 2], b = bs[bs.size() / 2];
  figure f{.name = "commit one audited join to the SQLite registry",
           .charter = fmt::format("{} (max {})", seconds_text(c),
                                  seconds_text(cs.back())),
           .baseline = fmt::format("{} (max {})", seconds_text(b),
                                   seconds_text(bs.back())),
           .charter_value = c,
           .baseline_value = b,
           .unit = "s",
           .ratio = c / b,
           .target = "median ≤ 5 ms",
           .met = c <= 5e-3};
  f.details = {{"commits", cs.size()},
               {"rows_changed", changes},
               {"database_open_s", open},
               {"charter_max_s", cs.back()},
               {"baseline_max_s", bs.back()}};
  figures.push_back(std::move(f));
}

[[noreturn]] void usage(int code) {
  std::fputs(
      "usage: charter_bench [--scale S] [--seed N] [--json FILE] [--work DIR]\n"
      "                     [--queries N] [--query-budget SECONDS] "
      "[--check-all-timeout SECONDS]\n"
      "                     [--only "
      "import,memory,load,export,queries,checks,commit]\n",
      code ? stderr : stdout);
  std::exit(code);
}

}  // namespace

int main(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(2);
      return argv[++i];
    };
    if (arg == "--scale")
      o.scale = std::stod(value());
    else if (arg == "--seed")
      o.seed = std::stoull(value());
    else if (arg == "--json")
      o.json_file = value();
    else if (arg == "--work")
      o.work = value();
    else if (arg == "--queries")
      o.queries = std::stoll(value());
    else if (arg == "--query-budget")
      o.query_budget = std::stod(value());
    else if (arg == "--check-all-timeout")
      o.check_all_timeout = std::stod(value());
    else if (arg == "--only") {
      const std::string list = value();
      for (std::size_t at = 0; at <= list.size();) {
        auto end = list.find(',', at);
        if (end == std::string::npos) end = list.size();
        if (end > at) o.only.insert(list.substr(at, end - at));
        at = end + 1;
      }
    } else if (arg == "-h" || arg == "--help")
      usage(0);
    else
      usage(2);
  }
  if (!(o.scale > 0)) usage(2);
  try {
    fs::create_directories(o.work);
    const auto tag = fmt::format("s{}-seed{}", o.scale, o.seed);
    const fs::path data = o.work / fmt::format("registry-{}.json", tag);
    const fs::path db = o.work / fmt::format("charter-{}.db", tag);
    const fs::path base_db = o.work / fmt::format("baseline-{}.db", tag);
    const fs::path empty_db = o.work / "empty.db";

    charter::bench::generator_counts counts;
    if (!fs::exists(data)) {
      progress(fmt::format("generating {}", data.string()));
      const fs::path partial = data.string() + ".partial";
      counts = charter::bench::generate({.scale = o.scale, .seed = o.seed},
                                        partial.string());
      fs::rename(partial, data);
    } else {
      progress(fmt::format("reusing {}", data.string()));
    }
    // The schema, for the baseline: an empty charter database.
    remove_db(empty_db);
    { charter::sqlite_store make(empty_db); }

    if (o.runs("import") || !fs::exists(db)) {
      import_figures(o, data, db, base_db, empty_db);
      progress("import");
    }
    if (o.runs("memory")) {
      import_memory_figure(data,
                           o.work / fmt::format("import-memory-{}.db", tag));
      memory_figure(db);
      progress("memory");
    }
    charter::registry reg;
    if (o.runs("load")) {
      load_figure(db, reg);
      progress("load");
    } else {
      reg = charter::sqlite_store(db, {.read_only = true}).load();
    }
    if (o.runs("export")) {
      export_figure(data, reg);
      progress("export");
    }
    json::object sizes{{"organizations", reg.organizations().size()},
                       {"people", reg.people().size()},
                       {"foundations", reg.foundations().size()},
                       {"projects", reg.projects().size()},
                       {"memberships", reg.memberships().size()},
                       {"bodies", reg.bodies().size()},
                       {"seats", reg.seats().size()},
                       {"roles", reg.roles().size()}};
    std::size_t affiliations = 0;
    for (const auto& p : reg.people()) affiliations += p.affiliations.size();
    sizes.emplace("affiliations", affiliations);
    sizes.emplace("json_bytes", fs::file_size(data));
    if (o.runs("queries")) {
      const auto c = base::load_compact(db);
      query_figures(o, reg, c);
    }
    release_memory();
    if (o.runs("checks")) check_figures(o, reg);
    reg = charter::registry();
    release_memory();
    if (o.runs("commit")) {
      // On a copy, so that the commits do not change the data of later runs.
      const fs::path copy = o.work / fmt::format("commit-{}.db", tag);
      remove_db(copy);
      fs::copy_file(db, copy);
      commit_figure(o, copy);
      remove_db(copy);
      progress("commit");
    }

    fmt::print(
        "\ncharter_bench --scale {} --seed {}: {} organizations, {} people, {} "
        "affiliations, "
        "{} foundations, {} memberships, {} bodies, {} seats, {} roles ({:.1f} "
        "MB of JSON)\n\n",
        o.scale, o.seed, sizes["organizations"].as_uint64(),
        sizes["people"].as_uint64(), affiliations,
        sizes["foundations"].as_uint64(), sizes["memberships"].as_uint64(),
        sizes["bodies"].as_uint64(), sizes["seats"].as_uint64(),
        sizes["roles"].as_uint64(),
        static_cast<double>(fs::file_size(data)) / 1e6);
    print_table(stdout);
    std::fflush(stdout);

    if (o.json_file.empty())
      o.json_file = o.work / fmt::format("bench-{}.json", tag);
    {
      json::array rows;
      for (const auto& f : figures) {
        json::object r{{"figure", f.name},       {"charter", f.charter},
                       {"baseline", f.baseline}, {"unit", f.unit},
                       {"target", f.target},     {"details", f.details}};
        r["charter_value"] = std::isnan(f.charter_value)
                                 ? json::value(nullptr)
                                 : json::value(f.charter_value);
        r["baseline_value"] = std::isnan(f.baseline_value)
                                  ? json::value(nullptr)
                                  : json::value(f.baseline_value);
        r["ratio"] =
            std::isnan(f.ratio) ? json::value(nullptr) : json::value(f.ratio);
        r["met"] = f.met ? json::value(*f.met) : json::value(nullptr);
        rows.push_back(std::move(r));
      }
      const json::object out{{"scale", o.scale},
                             {"seed", o.seed},
                             {"cores", std::thread::hardware_concurrency()},
                             {"sizes", sizes},
                             {"figures", rows}};
      std::ofstream(o.json_file) << json::serialize(out) << '\n';
      fmt::print("\nfigures as JSON: {}\n", o.json_file.string());
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "charter_bench: {}\n", e.what());
    return 1;
  }
}
