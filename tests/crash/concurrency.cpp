// charter_concurrency_harness: the concurrency harness (issue 13, "standing
// proofs").
//
// P processes each commit B small audited batches to one SQLite registry at
// once, each waiting for the others with the store's busy timeout (as the
// CLI's --busy-timeout sets it). Afterwards every batch must be in the file
// exactly once, with one audit entry each, in each process's order, and
// every process must have succeeded. docs/testing.md describes the checks.
//
//   charter_concurrency_harness [--processes P] [--batches B]
//                               [--busy-timeout-ms T] [--pause-ms W]
//                               [--db FILE]
//   charter_concurrency_harness worker FILE INDEX BATCHES BUSY_TIMEOUT_MS
//                                      PAUSE_MS
//
// ctest's concurrency_harness runs 4 x 50; issue 13's full size is 8 x 250.
// Each process pauses W ms (1 by default) between its commits, as a real
// client does: without a pause the one that holds the lock takes it again
// before the others' busy handlers wake up (SQLite's polls, sleeping
// between tries), and the processes take turns only a few times in a run.

#include "child.hpp"

#include <charter/batch.hpp>
#include <charter/error.hpp>
#include <charter/model.hpp>
#include <charter/registry.hpp>
#include <charter/store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <unistd.h>

namespace {

using namespace charter;
namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

const foundation_id shared_foundation{"shared-foundation"};
const tier_id member_tier{"member"};
constexpr std::string_view setup_reason = "concurrency harness setup";

org_id org_of(std::int64_t process, std::int64_t b) {
  return org_id{fmt::format("p{}-b{}", process, b)};
}
std::string actor_of(std::int64_t process) {
  return fmt::format("worker-{}", process);
}
std::string reason_for(std::int64_t process, std::int64_t b) {
  return fmt::format("process {} batch {}", process, b);
}

// Batch b of a process: one organization and its membership.
batch batch_for(std::int64_t process, std::int64_t b) {
  batch changes;
  changes.add(organization{.id = org_of(process, b),
                           .name = fmt::format("Process {} org {}", process, b),
                           .kind = org_kind::company});
  changes.join(org_of(process, b), shared_foundation, member_tier,
               parse_date("2024-01-01"));
  return changes;
}

// The process and batch a reason names ("process 3 batch 17").
std::optional<std::pair<std::int64_t, std::int64_t>> batch_named(
    std::string_view reason) {
  std::int64_t p = -1;
  std::int64_t b = -1;
  const auto* end = reason.data() + reason.size();
  constexpr std::string_view process = "process ";
  constexpr std::string_view middle = " batch ";
  if (!reason.starts_with(process)) return std::nullopt;
  const auto first = std::from_chars(reason.data() + process.size(), end, p);
  if (first.ec != std::errc{} ||
      !std::string_view(first.ptr, end).starts_with(middle))
    return std::nullopt;
  const auto second = std::from_chars(first.ptr + middle.size(), end, b);
  if (second.ec != std::errc{} || second.ptr != end) return std::nullopt;
  return std::pair{p, b};
}

std::string summary_of(const batch& changes) {
  std::string text;
  for (const auto& line : changes.describe()) {
    if (!text.empty()) text += "; ";
    text += line;
  }
  return text;
}

sqlite_store::options store_options(std::chrono::milliseconds busy_timeout) {
  sqlite_store::options opts;
  opts.busy_timeout = busy_timeout;
  return opts;
}

// One process: opens the file, says "ready", waits for a byte on its input
// (so that all of them start together), commits its batches, then says
// "done" with the longest a commit took.
int worker_mode(const fs::path& file, std::int64_t process,
                std::int64_t batches, std::chrono::milliseconds busy_timeout,
                std::chrono::milliseconds pause) {
  database db(
      std::make_unique<sqlite_store>(file, store_options(busy_timeout)));
  std::cout << "ready" << std::endl;
  char go = 0;
  if (::read(STDIN_FILENO, &go, 1) != 1) return 5;
  std::chrono::duration<double, std::milli> slowest{0};
  for (std::int64_t b = 0; b < batches; ++b) {
    const auto started = clock_type::now();
    try {
      db.commit(batch_for(process, b),
                {.actor = actor_of(process), .reason = reason_for(process, b)});
    } catch (const std::exception& e) {
      std::cerr << fmt::format("worker {}: batch {}: {}\n", process, b,
                               e.what());
      return 1;
    }
    slowest = std::max(slowest, std::chrono::duration<double, std::milli>(
                                    clock_type::now() - started));
    if (pause.count() > 0) std::this_thread::sleep_for(pause);
  }
  std::cout << fmt::format("done {:.1f}", slowest.count()) << std::endl;
  return 0;
}

struct run_options {
  std::int64_t processes = 4;
  std::int64_t batches = 50;
  std::chrono::milliseconds busy_timeout = sqlite_store::options{}.busy_timeout;
  std::chrono::milliseconds pause{1};
  fs::path db;  // empty: a new file in a folder of its own
};

// Everything the processes wrote, against what they should have: the
// problems found, for a person.
std::vector<std::string> check_file(const fs::path& file,
                                    const run_options& o) {
  std::vector<std::string> found;
  sqlite_store s(file);
  if (const auto result = s.integrity_check(); result != "ok")
    found.push_back("integrity check: " + result);

  const auto log = s.log();
  const auto expected_entries = 1 + o.processes * o.batches;
  if (static_cast<std::int64_t>(log.size()) != expected_entries)
    found.push_back(fmt::format("the audit log has {} entries, not {}",
                                log.size(), expected_entries));
  if (log.empty() || log.front().reason != setup_reason)
    found.push_back("the audit log does not start with the setup");
  // Each batch's entry: once, in its process's order, naming what it wrote.
  std::map<std::pair<std::int64_t, std::int64_t>, int> entries;
  std::vector<std::int64_t> next_of(static_cast<std::size_t>(o.processes), 0);
  for (std::size_t i = 1; i < log.size(); ++i) {
    const auto& e = log[i];
    const auto named = batch_named(e.reason);
    if (!named || named->first < 0 || named->first >= o.processes ||
        named->second < 0 || named->second >= o.batches ||
        e.reason != reason_for(named->first, named->second)) {
      found.push_back(
          fmt::format("audit entry {}: reason '{}'", e.id, e.reason));
      continue;
    }
    const auto [p, b] = *named;
    if (++entries[{p, b}] > 1)
      found.push_back(
          fmt::format("audit entry {}: process {} batch {} again", e.id, p, b));
    auto& next = next_of[static_cast<std::size_t>(p)];
    if (b != next)
      found.push_back(fmt::format(
          "audit entry {}: process {} batch {} where batch {} was next", e.id,
          p, b, next));
    next = b + 1;
    if (e.actor != actor_of(p))
      found.push_back(fmt::format("audit entry {}: actor '{}'", e.id, e.actor));
    if (e.summary != summary_of(batch_for(p, b)))
      found.push_back(
          fmt::format("audit entry {}: summary '{}'", e.id, e.summary));
    std::vector<std::string> ids{org_of(p, b).str(), shared_foundation.str()};
    std::sort(ids.begin(), ids.end());
    if (e.ids != ids)
      found.push_back(fmt::format("audit entry {}: names other ids", e.id));
  }

  const auto reg = s.load();
  const auto expected_records = o.processes * o.batches;
  if (static_cast<std::int64_t>(reg.organizations().size()) != expected_records)
    found.push_back(fmt::format("{} organizations, not {}",
                                reg.organizations().size(), expected_records));
  if (static_cast<std::int64_t>(reg.memberships().size()) != expected_records)
    found.push_back(fmt::format("{} memberships, not {}",
                                reg.memberships().size(), expected_records));
  for (std::int64_t p = 0; p < o.processes; ++p)
    for (std::int64_t b = 0; b < o.batches; ++b) {
      const auto* org = reg.find(org_of(p, b));
      if (!org || org->name != fmt::format("Process {} org {}", p, b))
        found.push_back(fmt::format("process {} batch {}: organization {}", p,
                                    b, org ? "changed" : "missing"));
      if (org && !reg.membership_of(org_of(p, b), shared_foundation,
                                    parse_date("2024-06-01")))
        found.push_back(
            fmt::format("process {} batch {}: membership missing", p, b));
    }
  return found;
}

int run_mode(const run_options& o) {
  fs::path folder;
  fs::path file = o.db;
  if (file.empty()) {
    folder = fs::temp_directory_path() /
             fmt::format("charter-concurrency-{}", ::getpid());
    fs::create_directories(folder);
    file = folder / "shared.db";
  } else if (fs::exists(file)) {
    std::cerr << "concurrency harness: " << file.string()
              << " exists; it needs a new file\n";
    return 2;
  }
  {
    auto db = database::open(file);
    batch setup;
    setup.add(foundation{.id = shared_foundation,
                         .name = "Shared foundation",
                         .tiers = {tier{.id = member_tier, .name = "Member"}}});
    db.commit(setup, {.actor = "concurrency-harness",
                      .reason = std::string(setup_reason)});
  }

  // A worker that dies before its start signal must fail the run, not
  // kill it: writing to its input then is an error, not SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  const auto started = clock_type::now();
  std::vector<std::unique_ptr<harness::child>> workers;
  for (std::int64_t p = 0; p < o.processes; ++p)
    workers.push_back(std::make_unique<harness::child>(std::vector<std::string>{
        "worker", file.string(), std::to_string(p), std::to_string(o.batches),
        std::to_string(o.busy_timeout.count()),
        std::to_string(o.pause.count())}));
  // All of them have opened the file before any commits.
  const auto give_up = clock_type::now() + std::chrono::seconds(60);
  for (auto& w : workers)
    if (!w->read_line(give_up))
      throw std::runtime_error(
          fmt::format("worker {} did not open the file", w->pid()));
  const auto ready = clock_type::now();
  for (auto& w : workers) w->send("g");
  int failed = 0;
  double slowest = 0;
  for (std::size_t p = 0; p < workers.size(); ++p) {
    workers[p]->read_all();
    if (const auto status = workers[p]->wait(); status != 0) {
      std::cerr << "concurrency harness: worker " << p << " failed (status "
                << status << ")\n";
      ++failed;
    }
    const auto& out = workers[p]->output();
    if (const auto at = out.find("done "); at != std::string::npos)
      slowest = std::max(slowest, std::stod(out.substr(at + 5)));
  }
  const auto finished = clock_type::now();

  auto found = check_file(file, o);
  if (failed)
    found.insert(found.begin(),
                 fmt::format("{} of {} processes failed", failed, o.processes));
  if (!found.empty()) {
    for (std::size_t i = 0; i < found.size() && i < 20; ++i)
      std::cerr << "concurrency harness: " << found[i] << '\n';
    if (found.size() > 20)
      std::cerr << "concurrency harness: ... and " << found.size() - 20
                << " more\n";
    std::cerr << "concurrency harness FAILED; the file is kept: "
              << file.string() << '\n';
    return 1;
  }
  // How often the writers took turns: consecutive entries of different
  // processes (a run that never interleaved would prove little).
  const auto log = sqlite_store(file).log();
  std::int64_t turns = 0;
  for (std::size_t i = 2; i < log.size(); ++i)
    if (log[i].actor != log[i - 1].actor) ++turns;
  const auto seconds = std::chrono::duration<double>(finished - ready).count();
  const auto total = o.processes * o.batches;
  std::cout << fmt::format(
      "passed: {} processes x {} batches = {} commits in {:.1f} s ({:.0f} "
      "commits/s, {:.1f} s starting), busy timeout {} ms, pause {} ms, "
      "slowest commit {:.0f} ms, {} changes of writer in the audit log\n",
      o.processes, o.batches, total, seconds,
      static_cast<double>(total) / seconds,
      std::chrono::duration<double>(ready - started).count(),
      o.busy_timeout.count(), o.pause.count(), slowest, turns);
  if (!folder.empty()) fs::remove_all(folder);
  return 0;
}

[[noreturn]] void usage(int code) {
  (code ? std::cerr : std::cout)
      << "usage: charter_concurrency_harness [--processes P] [--batches B] "
         "[--busy-timeout-ms T] [--pause-ms W] [--db FILE]\n";
  std::exit(code);
}

std::int64_t to_count(std::string_view text) {
  const auto n = harness::parse_count(text);
  if (!n) usage(2);
  return *n;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  try {
    if (!args.empty() && args[0] == "worker") {
      if (args.size() != 6) usage(2);
      return worker_mode(args[1], to_count(args[2]), to_count(args[3]),
                         std::chrono::milliseconds(to_count(args[4])),
                         std::chrono::milliseconds(to_count(args[5])));
    }
    run_options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
      auto value = [&] {
        if (i + 1 >= args.size()) usage(2);
        return args[++i];
      };
      if (args[i] == "--processes")
        o.processes = to_count(value());
      else if (args[i] == "--batches")
        o.batches = to_count(value());
      else if (args[i] == "--busy-timeout-ms")
        o.busy_timeout = std::chrono::milliseconds(to_count(value()));
      else if (args[i] == "--pause-ms")
        o.pause = std::chrono::milliseconds(to_count(value()));
      else if (args[i] == "--db")
        o.db = value();
      else
        usage(args[i] == "--help" ? 0 : 2);
    }
    if (o.processes < 1 || o.batches < 1) usage(2);
    return run_mode(o);
  } catch (const std::exception& e) {
    std::cerr << "charter_concurrency_harness: " << e.what() << '\n';
    return 3;
  }
}
