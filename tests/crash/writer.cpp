// charter_crash_writer: the crash harness (issue 13, "standing proofs").
//
// A writer commits numbered operations to an SQLite registry through the
// public API until it is killed; the driver kills it with SIGKILL at a
// random moment, then has the checker prove that the file holds exactly
// what operations 1..M leave, for an M no less than the last operation the
// writer acknowledged, and that it takes the next operation. Every trial
// goes on with the file the previous one left, so damage would accumulate.
// docs/testing.md describes the checks.
//
//   charter_crash_writer crash [--trials N] [--seed S] [--db FILE]
//                              [--min-delay-ms A] [--max-delay-ms B]
//   charter_crash_writer write FILE [COUNT]
//   charter_crash_writer check FILE LAST_ACK|any
//
// `crash` is the driver (ctest's crash_harness). `write` commits the
// operations after the last one in FILE, printing "start M" once opened,
// then "begin N" before and "ack N" after each commit, until it is killed
// (or has done COUNT). `check` verifies FILE, prints "state M", commits
// operation M + 1 and prints "ack M+1"; with `any` it does not hold M to a
// last acknowledgement.

#include "child.hpp"

#include <charter/batch.hpp>
#include <charter/date.hpp>
#include <charter/error.hpp>
#include <charter/extra.hpp>
#include <charter/model.hpp>
#include <charter/registry.hpp>
#include <charter/store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace {

using namespace charter;
namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

// ------------------------------------------------------- the operations

// Operations are numbered from 1, and what each one writes follows from its
// number alone, so that a checker knows what any prefix of them leaves.
// Every import_every-th one, the first included (it creates the foundation
// the batches' memberships need), is a replacing import; the others are
// audited batches.
constexpr std::int64_t import_every = 25;
// An import carries over the records of the last import_window operations
// (its own included), marked with its number, and drops the older ones: it
// both keeps and replaces, and the file stays small however long the
// harness runs. (An import of everything ever written would soon take
// longer than the longest delay before a kill and never be finished.)
constexpr std::int64_t import_window = 50;
// Organizations of an import's own, named after it, so that an import is a
// larger write than a batch and kills land inside some. Not many more: an
// import's audit entry names every record, every check rereads the audit
// log and checks the file's integrity, and both grow with every trial.
constexpr std::int64_t import_bulk = 100;

const foundation_id crash_foundation{"crash-foundation"};
const tier_id member_tier{"member"};
constexpr std::string_view writer_actor = "crash-writer";

bool is_import(std::int64_t n) { return (n - 1) % import_every == 0; }

// The import whose registry operations 1..m start from (m >= 1).
std::int64_t last_import(std::int64_t m) { return m - (m - 1) % import_every; }

// The oldest operation whose records import n carries over.
std::int64_t first_carried(std::int64_t n) {
  return std::max<std::int64_t>(1, n - import_window + 1);
}

std::string_view kind_name(std::int64_t n) {
  return is_import(n) ? "import" : "batch";
}

org_id org_of(std::int64_t k) { return org_id{fmt::format("org-{}", k)}; }
person_id person_of(std::int64_t k) {
  return person_id{fmt::format("person-{}", k)};
}
org_id bulk_org(std::int64_t import, std::int64_t j) {
  return org_id{fmt::format("bulk-{}-{}", import, j)};
}
date joined_on(std::int64_t k) {
  return add_days(parse_date("2000-01-01"), static_cast<int>(k % 10000));
}

std::string reason_for(std::int64_t n) {
  return fmt::format("crash harness {} {}", kind_name(n), n);
}

audit_info who_for(std::int64_t n) {
  return {.actor = std::string(writer_actor), .reason = reason_for(n)};
}

// What operation k writes: as its own batch writes them (import 0), or as
// import `import` carries them over, marked with its number.
void add_records_of(batch& b, std::int64_t k, std::int64_t import) {
  const auto mark =
      import ? extra_fields::parse(fmt::format(R"({{"import": {}}})", import))
             : extra_fields{};
  b.add(organization{.id = org_of(k),
                     .name = fmt::format("Organization {}", k),
                     .kind = org_kind::company,
                     .extra = mark});
  b.add(person{.id = person_of(k),
               .name = fmt::format("Person {}", k),
               .affiliations = {affiliation{.org = org_of(k),
                                            .when = {joined_on(k), {}},
                                            .title = "Member",
                                            .extra = mark}},
               .extra = mark});
  if (import)
    b.add(membership{.org = org_of(k),
                     .foundation = crash_foundation,
                     .tier = member_tier,
                     .when = {joined_on(k), {}},
                     .extra = mark});
  else
    b.join(org_of(k), crash_foundation, member_tier, joined_on(k));
}

batch batch_for(std::int64_t n) {
  batch b;
  add_records_of(b, n, 0);
  return b;
}

registry import_registry(std::int64_t n) {
  const auto mark = extra_fields::parse(fmt::format(R"({{"import": {}}})", n));
  batch b;
  b.add(foundation{.id = crash_foundation,
                   .name = "Crash harness foundation",
                   .founded = parse_date("1990-01-01"),
                   .tiers = {tier{.id = member_tier, .name = "Member"}},
                   .extra = mark});
  for (auto k = first_carried(n); k <= n; ++k) add_records_of(b, k, n);
  for (std::int64_t j = 0; j < import_bulk; ++j)
    b.add(organization{.id = bulk_org(n, j),
                       .name = fmt::format("Bulk organization {}", j),
                       .extra = mark});
  registry reg;
  reg.apply(b);
  return reg;
}

std::string import_summary(std::int64_t n) {
  return fmt::format("import {}: operations {} to {} and {} organizations", n,
                     first_carried(n), n, import_bulk);
}

// The audit summary of a batch, as database::commit writes it
// (docs/storage.md): its describe() lines joined by "; ".
std::string batch_summary(std::int64_t n) {
  std::string text;
  for (const auto& line : batch_for(n).describe()) {
    if (!text.empty()) text += "; ";
    text += line;
  }
  return text;
}

// The ids an audit entry of operation n names, sorted.
std::vector<std::string> ids_of(std::int64_t n) {
  std::vector<std::string> ids{crash_foundation.str()};
  auto carry = [&](std::int64_t k) {
    ids.push_back(org_of(k).str());
    ids.push_back(person_of(k).str());
  };
  if (is_import(n)) {
    for (auto k = first_carried(n); k <= n; ++k) carry(k);
    for (std::int64_t j = 0; j < import_bulk; ++j)
      ids.push_back(bulk_org(n, j).str());
  } else {
    carry(n);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

// What operations 1..m leave.
registry expected_after(std::int64_t m) {
  if (m == 0) return {};
  const auto base = last_import(m);
  auto reg = import_registry(base);
  for (auto k = base + 1; k <= m; ++k) reg.apply(batch_for(k));
  return reg;
}

void run_operation(database& db, std::int64_t n) {
  if (is_import(n))
    db.replace(import_registry(n), who_for(n), import_summary(n));
  else
    db.commit(batch_for(n), who_for(n));
}

// The number at the end of `text` after `prefix`; 0 when it is not that.
std::int64_t number_after(std::string_view text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return 0;
  text.remove_prefix(prefix.size());
  std::int64_t n = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), n);
  return ec == std::errc{} && end == text.data() + text.size() && n > 0 ? n : 0;
}

// The operation an audit entry records; 0 when it is not one of ours.
std::int64_t operation_of(const audit_entry& e) {
  if (auto n = number_after(e.reason, "crash harness batch "); n)
    return is_import(n) ? 0 : n;
  if (auto n = number_after(e.reason, "crash harness import "); n)
    return is_import(n) ? n : 0;
  return 0;
}

// --------------------------------------------------------------- checks

// What a check found wrong, for a person; empty when nothing.
using problems = std::vector<std::string>;

// Audit entries that should record operations first, first + 1, ...
void check_log(std::span<const audit_entry> log, std::int64_t first,
               problems& found) {
  std::int64_t previous_id = 0;
  for (std::size_t i = 0; i < log.size(); ++i) {
    const auto& e = log[i];
    const auto n = first + static_cast<std::int64_t>(i);
    const auto where = fmt::format("audit entry {} (operation {})", e.id, n);
    if (operation_of(e) != n) {
      found.push_back(fmt::format("{}: reason '{}', not '{}'", where, e.reason,
                                  reason_for(n)));
      continue;
    }
    if (e.id <= previous_id)
      found.push_back(fmt::format("{}: id not after {}", where, previous_id));
    previous_id = e.id;
    if (e.actor != writer_actor)
      found.push_back(fmt::format("{}: actor '{}'", where, e.actor));
    const auto summary = is_import(n) ? import_summary(n) : batch_summary(n);
    if (e.summary != summary)
      found.push_back(
          fmt::format("{}: summary '{}', not '{}'", where, e.summary, summary));
    if (e.ids != ids_of(n))
      found.push_back(fmt::format("{}: names {} ids, not those it wrote", where,
                                  e.ids.size()));
  }
}

// "organization org-17", "membership org-17@crash-foundation/2000-01-18".
template <class Record>
std::string key_text(const Record& r) {
  if constexpr (requires { r.id; })
    return to_string(record_key{r.id});
  else
    return to_string(record_key{key_of(r)});
}

// Every stored record of one kind is one that should be there, as it
// should be, and none is missing.
template <class Record>
void compare_records(std::span<const Record> stored,
                     std::span<const Record> wanted, problems& found) {
  std::map<std::string, const Record*> want;
  for (const auto& r : wanted) want.emplace(key_text(r), &r);
  std::set<std::string> seen;
  for (const auto& r : stored) {
    auto key = key_text(r);
    const auto it = want.find(key);
    if (!seen.insert(key).second)
      found.push_back(fmt::format("{} is stored twice", key));
    else if (it == want.end())
      found.push_back(
          fmt::format("{} is stored, but no operation up to the "
                      "last audited one leaves it",
                      key));
    else if (!(*it->second == r))
      found.push_back(
          fmt::format("{} is stored, but not as the operations left it", key));
  }
  for (const auto& [key, r] : want)
    if (!seen.contains(key)) found.push_back(fmt::format("{} is missing", key));
}

// The records of each operation are all there or none is; those of every
// operation that operations 1..m keep are there (acknowledged or not),
// those of others are not; then every record, as it should be.
void check_data(const registry& stored, std::int64_t m, std::int64_t last_ack,
                problems& found) {
  // Which of its three records each operation has in the file.
  std::map<std::int64_t, std::array<bool, 3>> present;
  for (const auto& r : stored.organizations())
    if (auto k = number_after(r.id.str(), "org-")) present[k][0] = true;
  for (const auto& r : stored.people())
    if (auto k = number_after(r.id.str(), "person-")) present[k][1] = true;
  for (const auto& r : stored.memberships())
    if (auto k = number_after(r.org.str(), "org-")) present[k][2] = true;
  const auto kept_from = m ? first_carried(last_import(m)) : 1;
  for (auto k = kept_from; k <= m; ++k) present.try_emplace(k);

  for (const auto& [k, has] : present) {
    const auto count = std::count(has.begin(), has.end(), true);
    const bool kept = k >= kept_from && k <= m;
    if (count != 0 && count != 3)
      found.push_back(fmt::format(
          "{} {} is partly there: {} {}, {} {}, its membership {}",
          kind_name(k), k, org_of(k).str(), has[0] ? "present" : "missing",
          person_of(k).str(), has[1] ? "present" : "missing",
          has[2] ? "present" : "missing"));
    else if (count == 0 && kept)
      found.push_back(fmt::format(
          "{} {} is missing ({})", kind_name(k), k,
          k <= last_ack ? "acknowledged" : "audited, not acknowledged"));
    else if (count == 3 && !kept)
      found.push_back(
          k > m ? fmt::format("{} {} is there without its audit entry",
                              kind_name(k), k)
                : fmt::format("{} {} is there, though import {} replaced it",
                              kind_name(k), k, last_import(m)));
  }

  const auto wanted = expected_after(m);
  compare_records(stored.organizations(), wanted.organizations(), found);
  compare_records(stored.people(), wanted.people(), found);
  compare_records(stored.foundations(), wanted.foundations(), found);
  compare_records(stored.projects(), wanted.projects(), found);
  compare_records(stored.bodies(), wanted.bodies(), found);
  compare_records(stored.memberships(), wanted.memberships(), found);
  compare_records(stored.seats(), wanted.seats(), found);
  compare_records(stored.roles(), wanted.roles(), found);
}

// Checks `file` through a store of its own; returns M, the operations it
// records. `last_ack` is the last operation acknowledged (M is that, or
// one more that was committed but not acknowledged), or nullopt not to
// hold M to one. With `whole` false only the data and the newest audit
// entry are checked (the rest was a moment ago, and the next check sees
// the whole file again).
std::int64_t check_file(const fs::path& file,
                        std::optional<std::int64_t> last_ack, bool whole,
                        problems& found) {
  sqlite_store s(file);
  if (whole)
    if (const auto result = s.integrity_check(); result != "ok")
      found.push_back("integrity check: " + result);
  std::int64_t m = 0;
  if (whole) {
    const auto log = s.log();
    m = static_cast<std::int64_t>(log.size());
    check_log(log, 1, found);
  } else {
    const auto newest = s.log({.limit = 1});
    if (!newest.empty()) m = operation_of(newest.front());
    check_log(newest, m, found);
  }
  if (last_ack && m < *last_ack)
    found.push_back(
        fmt::format("the audit log records {} operations; {} were acknowledged",
                    m, *last_ack));
  if (last_ack && m > *last_ack + 1)
    found.push_back(fmt::format(
        "the audit log records {} operations; only {} were acknowledged, and "
        "a writer begins one at a time",
        m, *last_ack));
  check_data(s.load(), m, last_ack.value_or(m), found);
  return m;
}

void report(const problems& found) {
  constexpr std::size_t shown = 20;
  for (std::size_t i = 0; i < found.size() && i < shown; ++i)
    std::cerr << "check: " << found[i] << '\n';
  if (found.size() > shown)
    std::cerr << "check: ... and " << found.size() - shown << " more\n";
}

// ---------------------------------------------------------------- modes

int write_mode(const fs::path& file, std::optional<std::int64_t> count) {
  database db(std::make_unique<sqlite_store>(file));
  const auto newest = db.log({.limit = 1});
  const auto done = newest.empty() ? 0 : operation_of(newest.front());
  if (!newest.empty() && done == 0)
    throw storage_error(
        fmt::format("{} was not written by this harness", file.string()));
  std::cout << "start " << done << std::endl;
  for (auto n = done + 1; !count || n <= done + *count; ++n) {
    std::cout << "begin " << n << std::endl;
    run_operation(db, n);
    // Flushed before the next commit begins: a kill after this line must
    // find operation n in the file.
    std::cout << "ack " << n << std::endl;
  }
  return 0;
}

int check_mode(const fs::path& file, std::optional<std::int64_t> last_ack) {
  problems found;
  const auto m = check_file(file, last_ack, true, found);
  if (!found.empty()) {
    report(found);
    return 1;
  }
  std::cout << "state " << m << std::endl;
  // The file takes a further commit: the next operation, so that the
  // sequence (and what the next writer and check expect) goes on.
  {
    database db(std::make_unique<sqlite_store>(file));
    run_operation(db, m + 1);
  }
  check_file(file, m + 1, false, found);
  if (!found.empty()) {
    std::cerr << "check: after committing " << kind_name(m + 1) << ' ' << m + 1
              << ":\n";
    report(found);
    return 1;
  }
  std::cout << "ack " << m + 1 << std::endl;
  return 0;
}

// The kill delays follow from the seed alone (splitmix64), the same with
// every standard library, so that `--seed` replays a run's delays.
class delay_source {
 public:
  delay_source(std::uint64_t seed, int min_ms, int max_ms)
      : state_(seed), min_ms_(min_ms), max_ms_(max_ms) {}

  std::chrono::milliseconds next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    const auto span = static_cast<std::uint64_t>(max_ms_ - min_ms_ + 1);
    return std::chrono::milliseconds(min_ms_ +
                                     static_cast<std::int64_t>(z % span));
  }

 private:
  std::uint64_t state_;
  int min_ms_;
  int max_ms_;
};

struct crash_options {
  std::int64_t trials = 50;
  std::optional<std::uint64_t> seed;
  fs::path db;  // empty: a new file in a folder of its own
  int min_delay_ms = 2;
  int max_delay_ms = 250;
};

// Where each kill landed, as the writer's output and the check tell it.
struct kill_tally {
  std::int64_t starting = 0;  // before the writer had opened the file
  std::int64_t between = 0;   // after an "ack", before the next "begin"
  // Inside an operation ("begin" without its "ack"), by kind (batch,
  // import): rolled back, or committed but not acknowledged.
  std::array<std::int64_t, 2> rolled_back{};
  std::array<std::int64_t, 2> unacknowledged{};
};

// The writer's and the check's lines: "start M", "begin N", "ack N",
// "state M". Only whole lines count: a kill may cut the last one short.
std::map<std::string, std::int64_t> last_of_each(const std::string& output) {
  std::map<std::string, std::int64_t> last;
  std::istringstream lines(output.substr(0, output.rfind('\n') + 1));
  for (std::string line; std::getline(lines, line);) {
    const auto space = line.find(' ');
    if (space == std::string::npos) continue;
    std::int64_t n = 0;
    const auto* begin = line.data() + space + 1;
    const auto* end = line.data() + line.size();
    if (std::from_chars(begin, end, n).ptr == end)
      last[line.substr(0, space)] = n;
  }
  return last;
}

// The end of a writer's output, for a failure's message.
std::string last_lines(const std::string& output) {
  constexpr int shown = 4;
  auto from = output.size();
  for (int lines = 0; from > 0 && lines <= shown; --from)
    if (output[from - 1] == '\n') ++lines;
  return output.substr(from == 0 ? 0 : from + 1);
}

// A line of progress every this many trials, for long runs.
constexpr std::int64_t progress_every = 100;

int crash_mode(const crash_options& o) {
  const auto seed = o.seed ? *o.seed : std::random_device{}();
  std::cout << "crash harness: " << o.trials << " trials, seed " << seed
            << " (replay with --seed " << seed << "), kills after "
            << o.min_delay_ms << " to " << o.max_delay_ms << " ms" << std::endl;
  fs::path folder;
  fs::path file = o.db;
  if (file.empty()) {
    folder = fs::temp_directory_path() /
             fmt::format("charter-crash-{}-{}", ::getpid(), seed);
    fs::create_directories(folder);
    file = folder / "crash.db";
  }
  auto fail = [&](std::int64_t trial, const std::string& what) {
    std::cerr << "crash harness FAILED at trial " << trial << " of " << o.trials
              << " (seed " << seed << "): " << what
              << "\nthe file is kept: " << file.string() << '\n';
    return 1;
  };

  const auto started = clock_type::now();
  // The operations known to be in the file: a writer must find them all.
  std::int64_t known = 0;
  if (fs::exists(file)) {
    harness::child check({"check", file.string(), "any"});
    check.read_all();
    if (check.wait() != 0) return fail(0, "the file given fails its check");
    known = last_of_each(check.output())["ack"];
  }
  delay_source delays(seed, o.min_delay_ms, o.max_delay_ms);
  kill_tally kills;
  std::int64_t acknowledged = 0;
  // The checks reread the whole audit log, so they slow down as it grows.
  std::chrono::duration<double> checking{0};
  std::chrono::duration<double> last_check{0};
  auto seconds_since = [](clock_type::time_point t) {
    return std::chrono::duration<double>(clock_type::now() - t);
  };
  for (std::int64_t trial = 1; trial <= o.trials; ++trial) {
    const auto delay = delays.next();
    const auto what = [&](const std::string& text) {
      return fmt::format("after a kill at {} ms: {}", delay.count(), text);
    };
    harness::child writer({"write", file.string()});
    if (!writer.read_until(clock_type::now() + delay))
      return fail(
          trial, what(fmt::format("the writer stopped by itself "
                                  "(status {}); its last lines:\n{}",
                                  writer.wait(), last_lines(writer.output()))));
    writer.kill();
    writer.read_all();
    if (const auto status = writer.wait(); status != 128 + SIGKILL)
      return fail(trial,
                  what(fmt::format("the writer ended with status {}", status)));
    auto said = last_of_each(writer.output());
    if (said.contains("start") && said["start"] != known)
      return fail(trial, what(fmt::format("the writer found {} operations in "
                                          "the file, the last check left {}",
                                          said["start"], known)));
    const auto last_ack = said.contains("ack") ? said["ack"] : known;
    acknowledged += last_ack - known;

    const auto check_started = clock_type::now();
    harness::child check({"check", file.string(), std::to_string(last_ack)});
    check.read_all();
    const auto status = check.wait();
    last_check = seconds_since(check_started);
    checking += last_check;
    if (status != 0)
      return fail(trial, what(fmt::format(
                             "the check failed (status {}) with {} "
                             "operations acknowledged; the writer's "
                             "last lines:\n{}",
                             status, last_ack, last_lines(writer.output()))));
    auto checked = last_of_each(check.output());
    const auto in_file = checked["state"];
    if (!said.contains("start"))
      ++kills.starting;
    else if (!said.contains("begin") || said["begin"] == last_ack)
      ++kills.between;
    else if (in_file == said["begin"])
      ++kills.unacknowledged[is_import(in_file) ? 1 : 0];
    else
      ++kills.rolled_back[is_import(said["begin"]) ? 1 : 0];
    known = checked["ack"];
    if (trial % progress_every == 0 && trial < o.trials)
      std::cout << fmt::format(
                       "trial {}: {} operations in the file, {:.0f} "
                       "s, the last check {:.2f} s",
                       trial, known, seconds_since(started).count(),
                       last_check.count())
                << std::endl;
  }
  const auto seconds = seconds_since(started).count();
  std::cout << fmt::format(
      "passed: {} trials in {:.1f} s ({:.0f} ms a trial, of which checks "
      "{:.0f} ms, the last one {:.2f} s); {} operations acknowledged by "
      "writers, {} committed by checks, {} in the file\n"
      "kills: {} while the writer was starting, {} between operations, {} "
      "inside a batch ({} rolled back, {} committed but not acknowledged), "
      "{} inside an import ({} rolled back, {} committed but not "
      "acknowledged)\n",
      o.trials, seconds, 1000 * seconds / static_cast<double>(o.trials),
      1000 * checking.count() / static_cast<double>(o.trials),
      last_check.count(), acknowledged, o.trials, known, kills.starting,
      kills.between, kills.rolled_back[0] + kills.unacknowledged[0],
      kills.rolled_back[0], kills.unacknowledged[0],
      kills.rolled_back[1] + kills.unacknowledged[1], kills.rolled_back[1],
      kills.unacknowledged[1]);
  if (!folder.empty()) fs::remove_all(folder);
  return 0;
}

[[noreturn]] void usage(int code) {
  (code ? std::cerr : std::cout)
      << "usage: charter_crash_writer crash [--trials N] [--seed S] "
         "[--db FILE] [--min-delay-ms A] [--max-delay-ms B]\n"
         "       charter_crash_writer write FILE [COUNT]\n"
         "       charter_crash_writer check FILE LAST_ACK|any\n";
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
  if (args.empty()) usage(2);
  try {
    if (args[0] == "write" && (args.size() == 2 || args.size() == 3))
      return write_mode(args[1], args.size() == 3
                                     ? std::optional(to_count(args[2]))
                                     : std::nullopt);
    if (args[0] == "check" && args.size() == 3)
      return check_mode(args[1], args[2] == "any"
                                     ? std::nullopt
                                     : std::optional(to_count(args[2])));
    if (args[0] != "crash") usage(args[0] == "--help" ? 0 : 2);
    crash_options o;
    for (std::size_t i = 1; i < args.size(); ++i) {
      auto value = [&] {
        if (i + 1 >= args.size()) usage(2);
        return args[++i];
      };
      if (args[i] == "--trials")
        o.trials = to_count(value());
      else if (args[i] == "--seed")
        o.seed = static_cast<std::uint64_t>(to_count(value()));
      else if (args[i] == "--db")
        o.db = value();
      else if (args[i] == "--min-delay-ms")
        o.min_delay_ms = static_cast<int>(to_count(value()));
      else if (args[i] == "--max-delay-ms")
        o.max_delay_ms = static_cast<int>(to_count(value()));
      else
        usage(2);
    }
    if (o.trials < 1 || o.max_delay_ms < o.min_delay_ms) usage(2);
    return crash_mode(o);
  } catch (const std::exception& e) {
    std::cerr << "charter_crash_writer " << args[0] << ": " << e.what() << '\n';
    return 3;
  }
}
