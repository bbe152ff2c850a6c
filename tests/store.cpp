#include <charter/store.hpp>

#include <charter/json.hpp>
#include <charter/limits.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace charter;
namespace fs = std::filesystem;

// A folder of its own for each test, removed at the end.
class temp_dir {
 public:
  temp_dir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("charter-store-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter++) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string head_of(const fs::path& file, std::size_t n) {
  std::ifstream in(file, std::ios::binary);
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

date d(const char* text) { return parse_date(text); }

template <class T>
std::vector<T> all(std::span<const T> s) {
  return {s.begin(), s.end()};
}

void check_same(const registry& a, const registry& b) {
  CHECK(all(a.organizations()) == all(b.organizations()));
  CHECK(all(a.people()) == all(b.people()));
  CHECK(all(a.foundations()) == all(b.foundations()));
  CHECK(all(a.projects()) == all(b.projects()));
  CHECK(all(a.bodies()) == all(b.bodies()));
  CHECK(all(a.memberships()) == all(b.memberships()));
  CHECK(all(a.seats()) == all(b.seats()));
  CHECK(all(a.roles()) == all(b.roles()));
  CHECK(all(a.elections()) == all(b.elections()));
}

// Every kind of record, with every optional field somewhere.
batch sample() {
  batch b;
  b.add(organization{
      .id = org_id{"amazon"}, .name = "Amazon", .kind = org_kind::company});
  b.add(organization{
      .id = org_id{"aws"},
      .name = "Amazon Web Services",
      .kind = org_kind::company,
      .parent = org_id{"amazon"},
      .aliases = {"AWS", "Amazon AWS"},
      .domains = {"aws.amazon.com"},
      .extra = extra_fields::parse(R"({"ticker": "AMZN", "rank": 3})")});
  b.add(organization{.id = org_id{"amd"},
                     .name = "AMD",
                     .kind = org_kind::company,
                     .domains = {"amd.com"}});
  b.add(organization{
      .id = org_id{"meta"}, .name = "Meta", .kind = org_kind::company});
  b.add(organization{
      .id = org_id{"mit"}, .name = "MIT", .kind = org_kind::academic});
  b.add(person{
      .id = person_id{"jane-doe"},
      .name = "Jane Doe",
      .emails = {"jane@amd.com", "jane@example.org"},
      .handles = {{"github", "janed"}, {"mastodon", "@jane@x.social"}},
      .affiliations = {
          affiliation{
              org_id{"mit"}, {d("2010-01-01"), d("2015-06-30")}, "Student", {}},
          affiliation{org_id{"amd"},
                      {d("2015-07-01"), std::nullopt},
                      "Fellow",
                      extra_fields::parse(R"({"source": "press release"})")}}});
  b.add(person{.id = person_id{"ibrahim-haddad"}, .name = "Ibrahim Haddad"});
  b.add(person{.id = person_id{"bob"},
               .name = "Bob",
               .extra = extra_fields::parse(R"({"note": "quorum 0.1"})")});
  b.add(foundation{
      .id = foundation_id{"linux-foundation"},
      .name = "Linux Foundation",
      .founded = d("2000-01-01"),
      .tiers = {tier{tier_id{"platinum"},
                     "Platinum",
                     1,
                     money{50000000, "USD"},
                     {},
                     {}},
                tier{tier_id{"gold"}, "Gold", 2, std::nullopt, {}, {}},
                tier{tier_id{"silver"},
                     "Silver",
                     3,
                     money{1234567, "EUR"},
                     {},
                     extra_fields::parse(R"({"x": true})")}}});
  b.add(foundation{
      .id = foundation_id{"pytorch-foundation"},
      .name = "PyTorch Foundation",
      .parent = foundation_id{"linux-foundation"},
      .founded = d("2022-09-12"),
      .tiers = {tier{tier_id{"premier"},
                     "Premier",
                     1,
                     money{0, "USD"},
                     {tier_requirement{foundation_id{"linux-foundation"},
                                       tier_id{"silver"}}},
                     {}},
                tier{tier_id{"general"}, "General", 2, std::nullopt, {}, {}}}});
  b.add(project{
      .id = project_id{"pytorch"},
      .name = "PyTorch",
      .founded = d("2016-09-01"),
      .stewards = {steward{
                       org_id{"meta"}, {d("2016-09-01"), d("2022-09-12")}, {}},
                   steward{foundation_id{"pytorch-foundation"},
                           {d("2022-09-12"), std::nullopt},
                           {}}},
      .stages = {stage{"active",
                       {d("2016-09-01"), std::nullopt},
                       extra_fields::parse(R"({"k": "v"})")}}});
  body board{.id = body_id{"pytorch-board"},
             .name = "Governing Board",
             .kind = "board",
             .owner = foundation_id{"pytorch-foundation"}};
  board.seat_classes = {seat_class{.id = seat_class_id{"premier"},
                                   .mode = seat_mode::per_member,
                                   .tier = tier_id{"premier"}},
                        seat_class{.id = seat_class_id{"general"},
                                   .mode = seat_mode::elected,
                                   .tier = tier_id{"general"},
                                   .per = 10,
                                   .min = 0,
                                   .max = 3,
                                   .round = rounding::down},
                        seat_class{.id = seat_class_id{"at-large"},
                                   .mode = seat_mode::fixed,
                                   .count = 2},
                        seat_class{.id = seat_class_id{"executive-director"},
                                   .mode = seat_mode::ex_officio,
                                   .role = "Executive Director",
                                   .voting = false}};
  board.rules = body_rules{.max_per_family = 1,
                           .max_fraction_per_family = 0.1 + 0.2,
                           .term_years = 2,
                           .max_consecutive_terms = 3,
                           .min_size = 3,
                           .max_size = 15,
                           .quorum = 0.5,
                           .exclusive_with = {body_id{"coc"}}};
  board.extra =
      extra_fields::parse(R"({"charter_url": "https://example.org"})");
  b.add(board);
  b.add(body{.id = body_id{"coc"},
             .name = "Code of Conduct Committee",
             .kind = "committee",
             .owner = project_id{"pytorch"},
             .seat_classes = {seat_class{.id = seat_class_id{"members"},
                                         .mode = seat_mode::fixed,
                                         .count = 3}}});
  b.join(org_id{"amd"}, foundation_id{"linux-foundation"}, tier_id{"silver"},
         d("2015-01-01"));
  b.join(org_id{"amd"}, foundation_id{"pytorch-foundation"}, tier_id{"premier"},
         d("2022-09-12"), true);
  b.join(org_id{"aws"}, foundation_id{"pytorch-foundation"}, tier_id{"premier"},
         d("2022-09-12"), true);
  b.add(membership{org_id{"meta"},
                   foundation_id{"pytorch-foundation"},
                   tier_id{"general"},
                   {d("2022-09-12"), d("2023-01-01")},
                   false,
                   extra_fields::parse(R"({"invoice": 42})")});
  b.add(seat{.body = body_id{"pytorch-board"},
             .seat_class = seat_class_id{"premier"},
             .person = person_id{"jane-doe"},
             .represents = org_id{"amd"},
             .office = office::chair,
             .voting = true,
             .when = {d("2022-09-12"), std::nullopt}});
  b.add(seat{.body = body_id{"coc"},
             .seat_class = seat_class_id{"members"},
             .person = person_id{"bob"},
             .when = {d("2023-01-01"), d("2024-01-01")},
             .extra = extra_fields::parse(R"({"elected": false})")});
  b.add(role{person_id{"ibrahim-haddad"},
             "Executive Director",
             foundation_id{"pytorch-foundation"},
             {d("2022-09-12"), std::nullopt},
             {}});
  b.add(role{person_id{"bob"},
             "Maintainer",
             project_id{"pytorch"},
             {d("2020-01-01"), std::nullopt},
             {}});
  b.add(role{person_id{"jane-doe"},
             "Secretary",
             body_id{"coc"},
             {d("2023-01-01"), d("2023-06-01")},
             {}});
  b.add(election{
      .id = election_id{"board-2024"},
      .body = body_id{"pytorch-board"},
      .seat_class = seat_class_id{"at-large"},
      .seats = 1,
      .method = count_method::scottish_stv,
      .unranked = unranked_rule::below,
      .candidates = {{person_id{"ibrahim-haddad"}, org_id{"meta"}},
                     {person_id{"bob"}, std::nullopt}},
      .seated = d("2024-01-01"),
      .term_end = d("2026-01-01"),
      .eligibility = "General members",
      .extra = extra_fields::parse(R"({"ballots": "board-2024.blt"})")});
  return b;
}

// The rows of every record table, in rowid or key order, as text.
std::vector<std::string> table_rows(const fs::path& file) {
  SQLite::Database db(file, SQLite::OPEN_READONLY);
  std::vector<std::string> rows;
  for (const char* table : {"organizations",
                            "organization_aliases",
                            "organization_domains",
                            "people",
                            "person_emails",
                            "person_handles",
                            "affiliations",
                            "foundations",
                            "tiers",
                            "tier_requirements",
                            "projects",
                            "stewards",
                            "stages",
                            "memberships",
                            "bodies",
                            "seat_classes",
                            "body_exclusions",
                            "seats",
                            "roles",
                            "elections",
                            "election_candidates"}) {
    SQLite::Statement q(db, std::string("SELECT * FROM ") + table);
    while (q.executeStep()) {
      std::string row = table;
      for (int i = 0; i < q.getColumnCount(); ++i)
        row += "|" + q.getColumn(i).getString();
      rows.push_back(row);
    }
  }
  return rows;
}

std::int64_t scalar(const fs::path& file, const std::string& query) {
  SQLite::Database db(file, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, query);
  REQUIRE(q.executeStep());
  return q.getColumn(0).getInt64();
}

// The catalogue's indexes, as (name, sql), sorted: what a bulk load that
// drops and creates them again must leave as it was.
std::vector<std::string> index_catalogue(const fs::path& file) {
  SQLite::Database db(file, SQLite::OPEN_READONLY);
  SQLite::Statement q(db,
                      "SELECT name, ifnull(sql, '') FROM sqlite_master "
                      "WHERE type = 'index' ORDER BY name");
  std::vector<std::string> out;
  while (q.executeStep())
    out.push_back(q.getColumn(0).getString() + ": " +
                  q.getColumn(1).getString());
  return out;
}

// A store that fails every write, to check that commit rolls back.
class failing_store final : public store {
 public:
  registry load() override { return inner_.load(); }
  std::int64_t save(const registry&, const change_set&, const audit_info&,
                    std::string_view) override {
    throw storage_error("disk on fire");
  }
  using store::replace_all;
  std::int64_t replace_all(const registry&, const audit_info&, std::string_view,
                           const registry*) override {
    throw storage_error("disk on fire");
  }
  std::vector<audit_entry> log(const log_filter& f) const override {
    return inner_.log(f);
  }
  std::vector<audit_change> changes(std::int64_t id) const override {
    return inner_.changes(id);
  }

 private:
  memory_store inner_;
};

// Tells a pipe when each save starts ('s') and ends ('e').
class signalling_store final : public store {
 public:
  signalling_store(std::unique_ptr<store> inner, int fd)
      : inner_(std::move(inner)), fd_(fd) {}
  registry load() override { return inner_->load(); }
  std::int64_t save(const registry& reg, const change_set& changes,
                    const audit_info& who, std::string_view summary) override {
    signal('s');
    const auto id = inner_->save(reg, changes, who, summary);
    signal('e');
    return id;
  }
  using store::replace_all;
  std::int64_t replace_all(const registry& reg, const audit_info& who,
                           std::string_view summary,
                           const registry* previous) override {
    return inner_->replace_all(reg, who, summary, previous);
  }
  std::vector<audit_entry> log(const log_filter& f) const override {
    return inner_->log(f);
  }
  std::vector<audit_change> changes(std::int64_t id) const override {
    return inner_->changes(id);
  }

 private:
  void signal(char c) const {
    if (::write(fd_, &c, 1) != 1) throw storage_error("pipe closed");
  }
  std::unique_ptr<store> inner_;
  int fd_;
};

// Runs `body` in a child process; returns its exit status. The child never
// returns into doctest.
template <class F>
pid_t spawn(F&& body) {
  std::cout.flush();
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 0;
    try {
      code = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child %d: %s\n", static_cast<int>(::getpid()),
                   e.what());
      code = 3;
    } catch (...) {
      code = 4;
    }
    std::fflush(nullptr);
    ::_exit(code);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE("memory store: commit, log and rollback") {
    database db(std::make_unique<memory_store>());
    const auto done =
        db.commit(sample(), {.actor = "alice", .reason = "initial import"});
    CHECK(done.changes.written.size() == 23);
    CHECK(done.audit_id == 1);
    CHECK(db.registry().organizations().size() == 5);
    check_same(db.registry(), db.store().load());

    batch b;
    b.change_tier(org_id{"aws"}, foundation_id{"pytorch-foundation"},
                  tier_id{"general"}, d("2024-01-01"));
    db.commit(b, {.actor = "bob"});
    check_same(db.registry(), db.store().load());

    const auto log = db.log();
    REQUIRE(log.size() == 2);
    CHECK(log[0].actor == "alice");
    CHECK(log[0].reason == "initial import");
    CHECK(log[1].actor == "bob");
    CHECK(log[1].reason.empty());
    CHECK(log[1].summary ==
          "change-tier aws pytorch-foundation general 2024-01-01");
    CHECK(log[1].ids == std::vector<std::string>{"aws", "pytorch-foundation"});
    CHECK(log[1].id > log[0].id);
    CHECK(db.log({.id = "aws"}).size() == 2);
    CHECK(db.log({.id = "bob"}).size() == 1);
    CHECK(db.log({.limit = 1}).front().actor == "bob");
    // `since` compares the time's text: a whole time or any prefix of one.
    const std::string time = to_string(log[0].time);
    CHECK(db.log({.since = time}).size() == 2);
    CHECK(db.log({.since = time.substr(0, 10)}).size() == 2);
    CHECK(db.log({.since = time.substr(0, 7)}).size() == 2);
    CHECK(db.log({.since = "2000"}).size() == 2);
    CHECK(db.log({.since = "9999"}).empty());
    CHECK(db.log({.since = to_string(log[1].time + std::chrono::seconds{1})})
              .empty());

    batch bad;
    bad.join(org_id{"nobody"}, foundation_id{"pytorch-foundation"},
             tier_id{"premier"}, d("2024-01-01"));
    CHECK_THROWS_AS(db.commit(bad), validation_error);
    CHECK(db.log().size() == 2);
    check_same(db.registry(), db.store().load());
  }

  TEST_CASE("a failing store leaves the registry unchanged") {
    database db(std::make_unique<failing_store>());
    CHECK_THROWS_WITH_AS(db.commit(sample()), "disk on fire", storage_error);
    CHECK(db.registry().organizations().empty());
    CHECK(db.registry().memberships().empty());
    CHECK_THROWS_AS(db.replace(registry{}, {}, "import"), storage_error);
  }

  TEST_CASE("the actor defaults to the operating-system user") {
    database db(std::make_unique<memory_store>());
    batch b;
    b.add(organization{.id = org_id{"x"}, .name = "X"});
    db.commit(b);
    const auto entry = db.log().at(0);
    CHECK_FALSE(entry.actor.empty());
    if (const char* user = std::getenv("USER"); user && *user)
      CHECK(entry.actor == user);
    // Made now, to the second.
    const auto now = std::chrono::system_clock::now();
    CHECK(entry.time <= now);
    CHECK(entry.time > now - std::chrono::hours{1});
    CHECK(entry.time == std::chrono::floor<std::chrono::seconds>(entry.time));
  }

  TEST_CASE("sqlite: commits survive reopening, record for record") {
    temp_dir dir;
    const auto file = dir / "registry.db";
    registry expected;
    {
      auto db = database::open(file);
      db.commit(sample(), {.actor = "alice"});
      batch b;
      b.change_tier(org_id{"aws"}, foundation_id{"pytorch-foundation"},
                    tier_id{"general"}, d("2024-01-01"));
      b.leave(org_id{"amd"}, foundation_id{"linux-foundation"},
              d("2023-01-01"));
      b.end_seat(body_id{"pytorch-board"}, person_id{"jane-doe"},
                 d("2024-02-01"));
      b.affiliate(
          person_id{"bob"},
          affiliation{
              org_id{"meta"}, {d("2019-01-01"), std::nullopt}, "Engineer", {}});
      b.end_role(person_id{"bob"}, "Maintainer", project_id{"pytorch"},
                 d("2024-03-01"));
      b.transfer(project_id{"pytorch"}, org_id{"amd"}, d("2030-01-01"));
      db.commit(b, {.actor = "bob", .reason = "cleanup"});
      expected = db.registry();
    }
    auto db = database::open(file);
    check_same(db.registry(), expected);
    CHECK(db.registry()
              .at(body_id{"pytorch-board"})
              .rules.max_fraction_per_family == 0.1 + 0.2);
    CHECK(db.log().size() == 2);

    sqlite_store s(file);
    CHECK(s.integrity_check() == "ok");
  }

  TEST_CASE(
      "sqlite: updating a foundation or a body rewrites the rows others name") {
    temp_dir dir;
    const auto file = dir / "update.db";
    registry expected;
    {
      auto db = database::open(file);
      db.commit(sample());
      // The tiers are deleted and written again while memberships name them,
      // and the seat classes while seats do: the deferred foreign keys only
      // look at the end of the transaction.
      auto lf = db.registry().at(foundation_id{"linux-foundation"});
      lf.tiers[1].name = "Gold (renamed)";
      lf.tiers.push_back(
          tier{tier_id{"associate"}, "Associate", 4, std::nullopt, {}, {}});
      auto board = db.registry().at(body_id{"pytorch-board"});
      board.seat_classes[2].count = 4;
      board.rules.quorum.reset();
      batch u;
      u.update(lf);
      u.update(board);
      db.commit(u);
      expected = db.registry();
    }
    auto db = database::open(file);
    check_same(db.registry(), expected);
    CHECK(db.registry().at(foundation_id{"linux-foundation"}).tiers[1].name ==
          "Gold (renamed)");
    CHECK(db.registry().at(foundation_id{"linux-foundation"}).tiers.size() ==
          4);
    CHECK_FALSE(db.registry().at(body_id{"pytorch-board"}).rules.quorum);
    CHECK(sqlite_store(file).integrity_check() == "ok");

    // A tier that members hold cannot go: the registry refuses first.
    auto lf = db.registry().at(foundation_id{"linux-foundation"});
    lf.tiers.erase(lf.tiers.begin() + 2);  // silver, which amd held
    batch gone;
    gone.update(lf);
    CHECK_THROWS_AS(db.commit(gone), validation_error);
  }

  TEST_CASE("sqlite: SQLite -> registry -> SQLite leaves every row as it was") {
    temp_dir dir;
    const auto a = dir / "a.db";
    const auto b = dir / "b.db";
    {
      auto db = database::open(a);
      db.commit(sample());
      batch more;
      more.change_tier(org_id{"amd"}, foundation_id{"pytorch-foundation"},
                       tier_id{"general"}, d("2025-01-01"));
      db.commit(more);
    }
    registry loaded;
    {
      sqlite_store source(a);
      loaded = source.load();
    }
    {
      sqlite_store target(b);
      target.replace_all(loaded, {.actor = "copy"}, "import a.db");
      check_same(target.load(), loaded);
      // A second import over existing rows gives the same rows again.
      target.replace_all(loaded, {.actor = "copy"}, "import a.db again");
    }
    const auto rows_a = table_rows(a);
    CHECK(rows_a.size() > 40);
    CHECK(rows_a == table_rows(b));
  }

  TEST_CASE("sqlite: an import keeps the indexes and the checks") {
    temp_dir dir;
    const auto file = dir / "import.db";
    registry reg;
    reg.apply(sample());
    { sqlite_store make(file); }
    const auto indexes = index_catalogue(file);
    REQUIRE(indexes.size() > 20);

    SUBCASE("into an empty file and over existing rows") {
      for (int i = 0; i < 2; ++i) {
        sqlite_store s(file);
        s.replace_all(reg, {.actor = "test"}, "import");
        check_same(s.load(), reg);
        CHECK(s.integrity_check() == "ok");
      }
      CHECK(index_catalogue(file) == indexes);
      CHECK(scalar(file, "SELECT count(*) FROM audit_log") == 2);
    }
    SUBCASE("under a write lock") {
      sqlite_store s(file);
      {
        const auto held = s.lock();
        s.replace_all(reg, {.actor = "test"}, "import");
      }
      check_same(s.load(), reg);
      CHECK(index_catalogue(file) == indexes);
      CHECK(s.integrity_check() == "ok");
    }
    SUBCASE("foreign keys are enforced again after it") {
      // An organization whose parent the file does not hold: saving it
      // alone must fail at the commit, as the foreign key says.
      sqlite_store s(file);
      s.replace_all(reg, {.actor = "test"}, "import");
      registry more = reg;
      batch b;
      b.add(organization{.id = org_id{"holding"}, .name = "Holding"});
      b.add(organization{.id = org_id{"subsidiary"},
                         .name = "Subsidiary",
                         .parent = org_id{"holding"}});
      more.apply(b);
      CHECK_THROWS_AS(
          s.save(more, change_set{{record_key{org_id{"subsidiary"}}}},
                 {.actor = "test"}, "half a family"),
          storage_error);
      check_same(s.load(), reg);
    }
  }

  TEST_CASE("sqlite: a failed import leaves rows and indexes as they were") {
    temp_dir dir;
    const auto file = dir / "failed.db";
    registry reg;
    reg.apply(sample());
    {
      sqlite_store s(file);
      s.replace_all(reg, {.actor = "test"}, "first import");
    }
    const auto rows = table_rows(file);
    const auto indexes = index_catalogue(file);
    registry other;
    batch b;
    b.add(organization{.id = org_id{"solo"}, .name = "Solo"});
    b.add(person{.id = person_id{"pat"}, .name = "Pat"});
    other.apply(b);

    // Triggers added by hand stand for what SQL refuses that the registry
    // does not know about: an abort midway, and a dangling reference,
    // which only the foreign key check before the commit sees.
    SUBCASE("an abort midway") {
      SQLite::Database(file, SQLite::OPEN_READWRITE)
          .exec(
              "CREATE TRIGGER refuse BEFORE INSERT ON people "
              "BEGIN SELECT RAISE(ABORT, 'refused by hand'); END");
      sqlite_store s(file);
      CHECK_THROWS_WITH_AS(s.replace_all(other, {.actor = "test"}, "import"),
                           doctest::Contains("refused by hand"), storage_error);
    }
    SUBCASE("a dangling reference") {
      SQLite::Database(file, SQLite::OPEN_READWRITE)
          .exec(
              "CREATE TRIGGER dangle AFTER INSERT ON people BEGIN "
              "INSERT INTO person_emails (person, position, email) "
              "VALUES ('ghost', 0, 'ghost@example.com'); END");
      sqlite_store s(file);
      CHECK_THROWS_WITH_AS(s.replace_all(other, {.actor = "test"}, "import"),
                           doctest::Contains("foreign key"), storage_error);
      // The same under a lock, where SQLite's own check at the commit
      // refuses it.
      const auto held = s.lock();
      CHECK_THROWS_AS(s.replace_all(other, {.actor = "test"}, "import"),
                      storage_error);
    }
    CHECK(table_rows(file) == rows);
    CHECK(index_catalogue(file) == indexes);
    CHECK(scalar(file, "SELECT count(*) FROM audit_log") == 1);
    sqlite_store s(file);
    check_same(s.load(), reg);
    CHECK(s.integrity_check() == "ok");
  }

  TEST_CASE("sqlite: load finds child rows of records in any order") {
    // Records written in id order are found by walking along with their
    // child rows, others by a hash: both, and one name missing.
    temp_dir dir;
    const auto file = dir / "order.db";
    auto make = [](bool ascending) {
      batch b;
      for (int k = 0; k < 300; ++k) {
        const int i = ascending ? k : 299 - k;
        organization o{org_id{fmt::format("org-{:03}", i)},
                       fmt::format("Org {}", i)};
        if (i % 3 == 0) o.aliases = {fmt::format("O{}", i), "Other"};
        if (i % 5 == 0) o.domains = {fmt::format("o{}.example.org", i)};
        b.add(std::move(o));
        person p{person_id{fmt::format("p-{:03}", i)},
                 fmt::format("Person {}", i)};
        if (i % 2 == 0)
          p.affiliations.push_back({org_id{fmt::format("org-{:03}", i)},
                                    {d("2020-01-01"), std::nullopt},
                                    "Engineer",
                                    {}});
        if (i % 7 == 0) p.emails = {fmt::format("p{}@example.org", i)};
        if (i % 11 == 0) p.handles["github"] = fmt::format("gh{}", i);
        b.add(std::move(p));
      }
      registry reg;
      reg.apply(b);
      return reg;
    };
    for (const bool ascending : {true, false}) {
      CAPTURE(ascending);
      const auto reg = make(ascending);
      sqlite_store s(file);
      s.replace_all(reg, {.actor = "test"}, "import");
      const auto loaded = s.load();
      check_same(loaded, reg);
      CHECK(loaded.organizations().front().id.str() ==
            (ascending ? "org-000" : "org-299"));
      SQLite::Database(file, SQLite::OPEN_READWRITE)
          .exec(
              "PRAGMA foreign_keys = OFF; "
              "INSERT INTO person_emails (person, position, email) "
              "VALUES ('p-1000', 0, 'ghost@example.org')");
      CHECK_THROWS_WITH_AS(s.load(),
                           doctest::Contains("'p-1000', which has no record"),
                           storage_error);
    }
  }

  TEST_CASE(
      "sqlite: load keeps records added after an import, before and after its "
      "ids") {
    // A load walks each kind's child rows (in id order) along with its
    // records (in the order written). Records added later with ids that
    // sort first find their child rows waiting; ids that sort last find
    // theirs still ahead.
    temp_dir dir;
    const auto file = dir / "later.db";
    auto db = database::open(file);
    db.commit(sample());
    batch later;
    for (const std::string id : {"aaa-first", "zzz-last", "mid-m"}) {
      later.add(organization{.id = org_id{id},
                             .name = id,
                             .kind = org_kind::nonprofit,
                             .aliases = {id + "-alias", "Another " + id},
                             .domains = {id + ".example.org"}});
      person p{.id = person_id{id}, .name = id};
      p.emails = {id + "@example.org", id + "@example.com"};
      p.handles = {{"github", id}, {"gitlab", id + "-gl"}};
      p.affiliations = {
          affiliation{
              org_id{"mit"}, {d("2001-01-01"), d("2005-01-01")}, "Student", {}},
          affiliation{
              org_id{id}, {d("2005-01-01"), std::nullopt}, "Founder", {}}};
      later.add(std::move(p));
      later.add(foundation{
          .id = foundation_id{id + "-foundation"},
          .name = id,
          .tiers = {tier{tier_id{"top"},
                         "Top",
                         1,
                         std::nullopt,
                         {tier_requirement{foundation_id{"pytorch-foundation"},
                                           tier_id{"premier"}},
                          tier_requirement{foundation_id{"linux-foundation"},
                                           tier_id{"gold"}}},
                         {}},
                    tier{tier_id{"base"}, "Base", 2, std::nullopt, {}, {}}}});
      later.add(project{
          .id = project_id{id + "-project"},
          .name = id,
          .stewards = {steward{
                           org_id{id}, {d("2010-01-01"), d("2012-01-01")}, {}},
                       steward{foundation_id{id + "-foundation"},
                               {d("2012-01-01"), std::nullopt},
                               {}}},
          .stages = {stage{"sandbox", {d("2010-01-01"), std::nullopt}, {}}}});
      later.add(body{.id = body_id{id + "-board"},
                     .name = id,
                     .owner = foundation_id{id + "-foundation"},
                     .seat_classes = {seat_class{.id = seat_class_id{"top"},
                                                 .mode = seat_mode::per_member,
                                                 .tier = tier_id{"top"}},
                                      seat_class{.id = seat_class_id{"open"},
                                                 .mode = seat_mode::fixed,
                                                 .count = 2}},
                     .rules = {.exclusive_with = {body_id{"pytorch-board"}}}});
    }
    db.commit(later);

    const auto loaded = sqlite_store(file).load();
    check_same(loaded, db.registry());
    CHECK(loaded.organizations().size() == 8);
    CHECK(loaded.organizations().back().id.str() ==
          "mid-m");  // in the order written
    CHECK(loaded.at(person_id{"aaa-first"}).affiliations.size() == 2);
    CHECK(loaded.at(person_id{"aaa-first"}).handles.at("gitlab") ==
          "aaa-first-gl");
    CHECK(loaded.at(foundation_id{"aaa-first-foundation"})
              .tiers[0]
              .requirements.size() == 2);
    CHECK(loaded.at(body_id{"zzz-last-board"}).seat_classes.size() == 2);

    // A child row whose record is missing, past every id: named.
    SQLite::Database(file, SQLite::OPEN_READWRITE)
        .exec(
            "PRAGMA foreign_keys = OFF; "
            "INSERT INTO organization_domains (org, position, domain) "
            "VALUES ('zzzz-ghost', 0, 'ghost.example.org')");
    CHECK_THROWS_WITH_AS(sqlite_store(file).load(),
                         doctest::Contains("'zzzz-ghost', which has no record"),
                         storage_error);
  }

  TEST_CASE("sqlite: a commit writes only the rows that changed") {
    temp_dir dir;
    const auto file = dir / "big.db";
    auto owned = std::make_unique<sqlite_store>(file);
    auto& s = *owned;
    database db(std::move(owned));
    batch setup = sample();
    for (int i = 0; i < 2000; ++i)
      setup.add(organization{.id = org_id{"org-" + std::to_string(i)},
                             .name = "Organization " + std::to_string(i),
                             .aliases = {"O" + std::to_string(i)}});
    db.commit(setup);
    CHECK(s.last_commit_changes() > 4000);

    batch join;
    join.join(org_id{"org-7"}, foundation_id{"pytorch-foundation"},
              tier_id{"general"}, d("2024-05-01"));
    db.commit(join);
    // One membership, one audit entry, two audit ids, one audit change.
    CHECK(s.last_commit_changes() == 5);

    batch end;
    end.leave(org_id{"org-7"}, foundation_id{"pytorch-foundation"},
              d("2024-06-01"));
    db.commit(end);
    CHECK(s.last_commit_changes() == 5);
    CHECK(db.log().back().summary ==
          "leave org-7 pytorch-foundation 2024-06-01");
  }

  TEST_CASE(
      "sqlite: a rejected batch changes neither the registry nor the file") {
    temp_dir dir;
    const auto file = dir / "r.db";
    auto db = database::open(file);
    db.commit(sample());
    const registry before = db.registry();
    batch bad;
    bad.join(org_id{"mit"}, foundation_id{"pytorch-foundation"},
             tier_id{"premier"}, d("2024-01-01"));
    bad.join(org_id{"amd"}, foundation_id{"pytorch-foundation"},
             tier_id{"general"}, d("2024-01-01"));  // overlaps
    CHECK_THROWS_AS(db.commit(bad), validation_error);
    check_same(db.registry(), before);
    check_same(sqlite_store(file).load(), before);
    CHECK(db.log().size() == 1);
  }

  TEST_CASE("sqlite: a busy database gives a clear error and changes nothing") {
    temp_dir dir;
    const auto file = dir / "busy.db";
    database db(std::make_unique<sqlite_store>(
        file,
        sqlite_store::options{.busy_timeout = std::chrono::milliseconds(100)}));
    db.commit(sample());
    const registry before = db.registry();

    SQLite::Database other(file, SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    batch b;
    b.join(org_id{"mit"}, foundation_id{"pytorch-foundation"},
           tier_id{"general"}, d("2024-01-01"));
    try {
      db.commit(b);
      FAIL("commit should have failed");
    } catch (const busy_error& e) {
      CHECK(std::string(e.what()).find("database busy") != std::string::npos);
    }
    check_same(db.registry(), before);
    other.exec("ROLLBACK");

    db.commit(b);
    CHECK(db.registry().membership_of(
        org_id{"mit"}, foundation_id{"pytorch-foundation"}, d("2024-01-01")));
  }

  TEST_CASE("sqlite: durable commits are synced (synchronous = FULL)") {
    temp_dir dir;
    const auto file = dir / "durable.db";
    CHECK(sqlite_store(file).synchronous() == "NORMAL");
    sqlite_store durable(file, sqlite_store::options{.durable = true});
    CHECK(durable.synchronous() == "FULL");
    database db(std::make_unique<sqlite_store>(std::move(durable)));
    db.commit(sample());
    check_same(sqlite_store(file).load(), db.registry());
    // A setting of the connection, not of the file.
    CHECK(sqlite_store(file).synchronous() == "NORMAL");
  }

  TEST_CASE("sqlite: a write lock keeps other writers out until released") {
    temp_dir dir;
    const auto file = dir / "lock.db";
    sqlite_store first(file);
    database other(std::make_unique<sqlite_store>(
        file,
        sqlite_store::options{.busy_timeout = std::chrono::milliseconds(100)}));
    batch b;
    b.add(organization{.id = org_id{"x"}, .name = "X"});

    auto held = first.lock();
    REQUIRE(held);
    CHECK_FALSE(first.stale());
    CHECK_THROWS_WITH_AS(other.commit(b), doctest::Contains("database busy"),
                         busy_error);
    held.reset();  // released without a write: nothing changed
    CHECK(first.log().empty());

    other.commit(b);
    CHECK(first.stale());
    CHECK_THROWS_AS(
        first.save(other.registry(), change_set{{org_id{"x"}}}, {}, "again"),
        conflict_error);
    CHECK(first.load().organizations().size() == 1);
    CHECK_FALSE(first.stale());

    // A lock's transaction is the one the next save commits.
    held = first.lock();
    registry reg = first.load();
    batch c;
    c.add(organization{.id = org_id{"y"}, .name = "Y"});
    const auto written = reg.apply(c);
    first.save(reg, change_set{written}, {.actor = "locked"},
               "add organization y");
    held.reset();
    CHECK(other.log().back().actor == "locked");
    other.reload();
    CHECK(other.registry().organizations().size() == 2);
  }

  TEST_CASE("sqlite: the audit log keeps its times as ISO 8601 text") {
    temp_dir dir;
    const auto file = dir / "audit.db";
    {
      auto db = database::open(file);
      db.commit(sample(), {.actor = "alice"});
      const auto entry = db.log().at(0);
      SQLite::Database raw(file, SQLite::OPEN_READONLY);
      CHECK(raw.execAndGet("SELECT time FROM audit_log WHERE id = 1")
                .getString() == to_string(entry.time));
    }
    {
      // A time of the right shape that is no time (the schema's CHECK
      // admits it) is refused when read, naming the entry.
      SQLite::Database raw(file, SQLite::OPEN_READWRITE);
      raw.exec("UPDATE audit_log SET time = '2026-13-01T00:00:00Z'");
    }
    sqlite_store s(file);
    CHECK_THROWS_WITH_AS(
        s.log(), doctest::Contains("audit entry 1 has the time '2026-13-01"),
        storage_error);
  }

  TEST_CASE("sqlite: audit log filters by time and by id") {
    temp_dir dir;
    const auto file = dir / "audit.db";
    auto db = database::open(file);
    db.commit(sample(), {.actor = "alice", .reason = "founding"});
    batch b;
    b.join(org_id{"mit"}, foundation_id{"pytorch-foundation"},
           tier_id{"general"}, d("2024-01-01"));
    db.commit(b, {.actor = "bob"});
    batch s;
    s.add(seat{.body = body_id{"coc"},
               .seat_class = seat_class_id{"members"},
               .person = person_id{"ibrahim-haddad"},
               .represents = org_id{"mit"},
               .when = {d("2024-01-01"), std::nullopt}});
    db.commit(s, {.actor = "carol", .reason = "appointed"});

    const auto log = db.log();
    REQUIRE(log.size() == 3);
    CHECK(log[0].actor == "alice");
    CHECK(log[0].reason == "founding");
    CHECK(log[0].summary.starts_with(
        "add organization amazon; add organization aws; "));
    CHECK(log[1].summary == "join mit pytorch-foundation general 2024-01-01");
    CHECK(log[1].ids == std::vector<std::string>{"mit", "pytorch-foundation"});
    CHECK(log[2].ids ==
          std::vector<std::string>{"coc", "ibrahim-haddad", "mit"});
    CHECK(log[2].reason == "appointed");

    const auto mit = db.log({.id = "mit"});
    REQUIRE(mit.size() == 3);  // the first entry added it
    CHECK(db.log({.id = "coc"}).size() == 2);
    CHECK(db.log({.id = "nobody"}).empty());
    CHECK(db.log({.since = "2000-01-01"}).size() == 3);
    CHECK(db.log({.since = to_string(log[0].time).substr(0, 10)}).size() == 3);
    CHECK(db.log({.since = to_string(log[0].time)}).size() == 3);
    CHECK(db.log({.since = to_string(log[2].time + std::chrono::seconds{1})})
              .empty());
    CHECK(db.log({.since = "9999"}).empty());
    const auto last = db.log({.id = "mit", .limit = 2});
    REQUIRE(last.size() == 2);
    CHECK(last[0].actor == "bob");
    CHECK(last[1].actor == "carol");
    // The log is the same seen from another connection.
    CHECK(sqlite_store(file).log() == log);
  }

  TEST_CASE("sqlite: a database of schema 0 is migrated") {
    temp_dir dir;
    const auto file = dir / "v0.db";
    registry expected;
    {
      auto db = database::open(file);
      db.commit(sample());
      expected = db.registry();
    }
    {
      // Turn it into what the first prototype wrote: the audit log with Unix
      // times and the ids in one column, no audit_ids, no indexes, no
      // application id.
      SQLite::Database db(file, SQLite::OPEN_READWRITE);
      db.exec("PRAGMA journal_mode = DELETE");
      SQLite::Transaction tx(db);
      db.exec(
          "DROP TABLE audit_changes;"
          "DROP TABLE audit_ids;"
          "DROP TABLE audit_log;"
          "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, time INTEGER NOT "
          "NULL, actor TEXT NOT NULL,"
          "  summary TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', ids TEXT "
          "NOT NULL DEFAULT '');"
          "INSERT INTO audit_log VALUES"
          "  (1, 1663000000, 'alice', 'join amd pytorch-foundation premier "
          "2022-09-12', '', 'amd pytorch-foundation'),"
          "  (2, 1663086400, 'bob', 'add organization mit', 'board vote', "
          "'mit');");
      std::vector<std::string> indexes;
      SQLite::Statement q(db,
                          "SELECT name FROM sqlite_master WHERE type = 'index' "
                          "AND sql IS NOT NULL");
      while (q.executeStep()) indexes.push_back(q.getColumn(0).getString());
      CHECK(indexes.size() > 10);
      for (const auto& name : indexes) db.exec("DROP INDEX " + name);
      db.exec("PRAGMA application_id = 0");
      db.exec("PRAGMA user_version = 0");
      tx.commit();
    }
    CHECK(scalar(file, "PRAGMA user_version") == 0);

    // Read-only, it is refused (and left alone) rather than migrated.
    const auto v0 = bytes_of(file);
    CHECK_THROWS_WITH_AS(sqlite_store(file, {.read_only = true}),
                         doctest::Contains("needs migrating"), storage_error);
    CHECK(bytes_of(file) == v0);

    {
      sqlite_store s(file);
      check_same(s.load(), expected);
      const auto log = s.log();
      REQUIRE(log.size() == 2);
      CHECK(log[0] ==
            audit_entry{1,
                        parse_time("2022-09-12T16:26:40Z"),
                        "alice",
                        "join amd pytorch-foundation premier 2022-09-12",
                        "",
                        {"amd", "pytorch-foundation"}});
      CHECK(log[1] == audit_entry{2,
                                  parse_time("2022-09-13T16:26:40Z"),
                                  "bob",
                                  "add organization mit",
                                  "board vote",
                                  {"mit"}});
      CHECK(s.log({.id = "pytorch-foundation"}).size() == 1);
      CHECK(s.integrity_check() == "ok");
    }
    CHECK(scalar(file, "PRAGMA user_version") == sqlite_store::schema_version);
    CHECK(scalar(file,
                 "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                 "sql IS NOT NULL") > 10);

    auto db = database::open(file);
    batch b;
    b.join(org_id{"mit"}, foundation_id{"pytorch-foundation"},
           tier_id{"general"}, d("2024-01-01"));
    db.commit(b, {.actor = "carol"});
    CHECK(db.log().back().id == 3);
    CHECK(db.log({.id = "mit"}).size() == 2);
  }

  TEST_CASE(
      "sqlite: files that are not ours are refused and left byte for byte") {
    temp_dir dir;

    SUBCASE("a newer schema") {
      const auto file = dir / "newer.db";
      { sqlite_store s(file); }
      {
        SQLite::Database db(file, SQLite::OPEN_READWRITE);
        db.exec("PRAGMA journal_mode = DELETE");
        db.exec("PRAGMA user_version = 5");
      }
      const auto before = bytes_of(file);
      CHECK_THROWS_WITH_AS(
          sqlite_store{file},
          doctest::Contains("was written by a newer charter (schema 5 > 4)"),
          storage_error);
      CHECK(bytes_of(file) == before);
      CHECK_FALSE(fs::exists(dir / "newer.db-wal"));
    }

    SUBCASE("random bytes") {
      const auto file = dir / "random.db";
      std::mt19937 gen(42);
      std::string noise(8192, '\0');
      for (auto& c : noise) c = static_cast<char>(gen());
      std::ofstream(file, std::ios::binary) << noise;
      CHECK_THROWS_WITH_AS(sqlite_store{file},
                           doctest::Contains("not a charter database"),
                           storage_error);
      CHECK_THROWS_AS(database::open(file), storage_error);
      CHECK(bytes_of(file) == noise);
      CHECK_FALSE(fs::exists(dir / "random.db-wal"));
      CHECK_FALSE(fs::exists(dir / "random.db-journal"));
    }

    SUBCASE("a foreign SQLite database") {
      const auto file = dir / "foreign.db";
      {
        SQLite::Database db(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); "
            "INSERT INTO customers (name) VALUES ('x')");
      }
      const auto before = bytes_of(file);
      CHECK_THROWS_WITH_AS(sqlite_store{file},
                           doctest::Contains("not a charter database"),
                           storage_error);
      CHECK(bytes_of(file) == before);
    }

    SUBCASE("a foreign database with a meta table") {
      const auto file = dir / "other-meta.db";
      {
        SQLite::Database db(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO "
            "meta VALUES ('application', 'other')");
      }
      const auto before = bytes_of(file);
      CHECK_THROWS_WITH_AS(sqlite_store{file},
                           doctest::Contains("not a charter database"),
                           storage_error);
      CHECK(bytes_of(file) == before);
    }

    SUBCASE("a missing file, without create") {
      const auto file = dir / "missing.db";
      CHECK_THROWS_AS(sqlite_store(file, {.create = false}), storage_error);
      CHECK_FALSE(fs::exists(file));
    }
  }

  TEST_CASE("sqlite: rows edited by hand into nonsense are reported") {
    temp_dir dir;
    const auto file = dir / "edited.db";
    { database::open(file).commit(sample()); }
    SUBCASE("an extra that is not an object") {
      SQLite::Database(file, SQLite::OPEN_READWRITE)
          .exec("UPDATE organizations SET extra = '[1]' WHERE id = 'amd'");
      CHECK_THROWS_WITH_AS(sqlite_store(file).load(),
                           doctest::Contains("unreadable record"),
                           storage_error);
    }
    SUBCASE("an extra that is not JSON, past the CHECK constraint") {
      SQLite::Database db(file, SQLite::OPEN_READWRITE);
      db.exec("PRAGMA ignore_check_constraints = ON");
      db.exec("UPDATE organizations SET extra = '{\"a\": 1' WHERE id = 'amd'");
      CHECK_THROWS_WITH_AS(
          sqlite_store(file).load(),
          doctest::Contains("unreadable record: extra fields: line 1, column "
                            "8: incomplete JSON (unexpected end of text)"),
          storage_error);
    }
    SUBCASE("an extra with a repeated key") {
      SQLite::Database(file, SQLite::OPEN_READWRITE)
          .exec(
              R"(UPDATE organizations SET extra = '{"a": 1, "a": 2}' WHERE id = 'amd')");
      CHECK_THROWS_WITH_AS(
          sqlite_store(file).load(),
          doctest::Contains("unreadable record: extra fields: line 1, column "
                            "10: duplicate key \"a\""),
          storage_error);
    }
    SUBCASE("records that the registry rejects") {
      SQLite::Database(file, SQLite::OPEN_READWRITE)
          .exec(
              "INSERT INTO memberships (org, foundation, tier, date_from)"
              " VALUES ('amd', 'pytorch-foundation', 'general', "
              "'2023-01-01')");
      CHECK_THROWS_WITH_AS(sqlite_store(file).load(),
                           doctest::Contains("do not fit together"),
                           storage_error);
    }
    SUBCASE("a CHECK constraint stops a bad period") {
      CHECK_THROWS(SQLite::Database(file, SQLite::OPEN_READWRITE)
                       .exec("UPDATE memberships SET date_to = '2000-01-01'"));
    }
  }

  TEST_CASE("sqlite: an extra column holds the canonical text") {
    temp_dir dir;
    const auto file = dir / "extra.db";
    { database::open(file).commit(sample()); }
    auto extra_of = [&](const char* id) {
      SQLite::Database db(file, SQLite::OPEN_READONLY);
      SQLite::Statement q(db, "SELECT extra FROM organizations WHERE id = ?1");
      q.bind(1, id);
      REQUIRE(q.executeStep());
      return q.getColumn(0).isNull() ? std::string("NULL")
                                     : q.getColumn(0).getString();
    };
    CHECK(extra_of("aws") == R"({"ticker": "AMZN", "rank": 3})");
    CHECK(extra_of("amd") == "NULL");  // the empty object
    // What an earlier charter wrote (Boost.JSON's compact layout, its
    // doubles with an exponent) reads back in canonical form.
    SQLite::Database(file, SQLite::OPEN_READWRITE)
        .exec(
            R"(UPDATE organizations SET extra = '{"ticker":"AMZN","rank":3,"share":1.5E0,"list":[1E-1,"x"]}' WHERE id = 'aws')");
    const registry reg = sqlite_store(file).load();
    CHECK(reg.at(org_id{"aws"}).extra.json() ==
          R"({"ticker": "AMZN", "rank": 3, "share": 1.5, "list": [0.1, "x"]})");
  }

  TEST_CASE("sqlite: read-only stores read and refuse writes") {
    temp_dir dir;
    const auto file = dir / "ro.db";
    {
      auto db = database::open(file);
      db.commit(sample());
    }
    database db(std::make_unique<sqlite_store>(
        file, sqlite_store::options{.read_only = true}));
    CHECK(db.registry().organizations().size() == 5);
    batch b;
    b.join(org_id{"mit"}, foundation_id{"pytorch-foundation"},
           tier_id{"general"}, d("2024-01-01"));
    CHECK_THROWS_WITH_AS(db.commit(b), doctest::Contains("read-only"),
                         storage_error);
    CHECK(db.registry().memberships().size() == 4);
  }

  TEST_CASE("sqlite: a stale writer reloads instead of overwriting") {
    temp_dir dir;
    const auto file = dir / "stale.db";
    auto first = database::open(file);
    first.commit(sample());
    auto second = database::open(file);

    batch a;
    a.join(org_id{"mit"}, foundation_id{"pytorch-foundation"},
           tier_id{"general"}, d("2024-01-01"));
    first.commit(a);
    // `second` has not seen that membership: its commit is checked again
    // against the stored state, where this one overlaps it.
    batch b;
    b.join(org_id{"mit"}, foundation_id{"pytorch-foundation"},
           tier_id{"premier"}, d("2024-06-01"));
    CHECK_THROWS_AS(second.commit(b), validation_error);
    CHECK(second.registry().membership_of(
        org_id{"mit"}, foundation_id{"pytorch-foundation"}, d("2024-01-01")));

    batch c;
    c.add(organization{.id = org_id{"lf-energy"}, .name = "LF Energy"});
    second.commit(c);
    first.reload();
    check_same(first.registry(), second.registry());
  }

  TEST_CASE("sqlite: two processes commit to one file at once") {
    temp_dir dir;
    const auto file = dir / "shared.db";
    {
      auto db = database::open(file);
      db.commit(sample());
    }
    constexpr int commits = 50;
    // Both writers open the file, then wait for the start signal, so that
    // their commits overlap.
    std::array<int, 2> start{};
    REQUIRE(::pipe(start.data()) == 0);
    auto writer = [&](int w) {
      return [&file, &start, w] {
        ::close(start[1]);
        auto db = database::open(file);
        char go = 0;
        if (::read(start[0], &go, 1) != 1) return 5;
        for (int i = 0; i < commits; ++i) {
          const org_id id{"w" + std::to_string(w) + "-" + std::to_string(i)};
          batch b;
          b.add(organization{.id = id, .name = "Writer org"});
          b.join(id, foundation_id{"pytorch-foundation"}, tier_id{"general"},
                 d("2024-01-01"));
          db.commit(b, {.actor = "writer-" + std::to_string(w)});
          // A pause, as between real commits: without one the writer that
          // holds the lock takes it again before the other one's busy
          // handler wakes up.
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return 0;
      };
    };
    const pid_t a = spawn(writer(1));
    const pid_t b = spawn(writer(2));
    ::close(start[0]);
    REQUIRE(::write(start[1], "gg", 2) == 2);
    ::close(start[1]);
    CHECK(wait_for(a) == 0);
    CHECK(wait_for(b) == 0);

    sqlite_store s(file);
    CHECK(s.integrity_check() == "ok");
    {
      SQLite::Database raw(file, SQLite::OPEN_READONLY);
      CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
    }
    const auto reg = s.load();
    for (int w = 1; w <= 2; ++w)
      for (int i = 0; i < commits; ++i) {
        const org_id id{"w" + std::to_string(w) + "-" + std::to_string(i)};
        CHECK(reg.find(id));
        CHECK(reg.membership_of(id, foundation_id{"pytorch-foundation"},
                                d("2024-06-01")));
      }
    CHECK(reg.organizations().size() == 5 + 2 * commits);
    CHECK(s.log().size() == 1 + 2 * commits);
    CHECK(s.log({.id = "w1-0"}).size() == 1);
    // They interleaved (each commit after the other writer's one finds its
    // registry stale, reloads and applies again), unless the scheduler
    // ran one writer alone.
    const auto log = s.log();
    int switches = 0;
    for (std::size_t i = 2; i < log.size(); ++i)
      if (log[i].actor != log[i - 1].actor) ++switches;
    WARN(switches > 1);
  }

  TEST_CASE("sqlite: a writer killed mid-commit leaves whole batches or none") {
    temp_dir dir;
    const auto file = dir / "killed.db";
    { sqlite_store s(file); }
    constexpr int batch_size = 20000;
    std::array<int, 2> signals{};
    REQUIRE(::pipe(signals.data()) == 0);
    const pid_t child = spawn([&] {
      ::close(signals[0]);
      auto inner = std::make_unique<sqlite_store>(file);
      database db(
          std::make_unique<signalling_store>(std::move(inner), signals[1]));
      for (int k = 0; k < 1000; ++k) {
        batch b;
        for (int i = 0; i < batch_size; ++i)
          b.add(person{.id = person_id{"p" + std::to_string(k) + "-" +
                                       std::to_string(i)},
                       .name = std::string(400, 'x'),
                       .emails = {"someone@example.org"}});
        db.commit(b);
      }
      return 0;
    });
    ::close(signals[1]);
    // Let the first batch in, then kill the writer as soon as the second one
    // has written part of itself to the file. The first commit's checkpoint
    // emptied the WAL, so the second transaction starts it again with a new
    // header: when that header changes, pages of an uncommitted transaction
    // are on disk (a 10 MB batch spills from SQLite's cache long before it
    // commits).
    auto next = [&] {
      char byte = 0;
      REQUIRE(::read(signals[0], &byte, 1) == 1);
      return byte;
    };
    const auto wal = dir / "killed.db-wal";
    REQUIRE(next() == 's');
    REQUIRE(next() == 'e');
    REQUIRE(next() == 's');
    const auto header = head_of(wal, 32);
    bool mid_transaction = false;
    for (const auto deadline =
             std::chrono::steady_clock::now() + std::chrono::seconds(60);
         std::chrono::steady_clock::now() < deadline;) {
      if (head_of(wal, 32) != header) {
        mid_transaction = true;
        break;
      }
      pollfd ended{signals[0], POLLIN, 0};
      if (::poll(&ended, 1, 0) > 0)
        break;  // the save ended first: kill it later on
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    ::kill(child, SIGKILL);
    CHECK(wait_for(child) == 128 + SIGKILL);
    ::close(signals[0]);

    sqlite_store s(file);
    CHECK(s.integrity_check() == "ok");
    const auto people = scalar(file, "SELECT count(*) FROM people");
    CHECK(people >= batch_size);
    CHECK(people % batch_size == 0);
    // Killed with part of it written, the second batch must be left out.
    WARN(mid_transaction);
    if (mid_transaction) CHECK(people == batch_size);
    CHECK(scalar(file, "SELECT count(*) FROM person_emails") == people);
    CHECK(static_cast<std::int64_t>(s.log().size()) == people / batch_size);
    CHECK(s.load().people().size() == static_cast<std::size_t>(people));

    // The file takes new commits.
    auto db = database::open(file);
    batch b;
    b.add(organization{.id = org_id{"after"}, .name = "After"});
    db.commit(b);
    CHECK(sqlite_store(file).integrity_check() == "ok");
  }

  TEST_CASE("docs/storage.md: the example") {
    temp_dir dir;
    {
      auto db = database::open(dir / "registry.db");
      batch setup = sample();
      setup.leave(org_id{"amd"}, foundation_id{"pytorch-foundation"},
                  d("2022-09-13"));
      db.commit(setup);
    }
    std::ostringstream out;
    // As in docs/storage.md, with a temporary file and a string stream.
    auto db = charter::database::open(dir / "registry.db");

    charter::batch b;
    b.join(charter::org_id{"amd"}, charter::foundation_id{"pytorch-foundation"},
           charter::tier_id{"premier"}, charter::parse_date("2023-01-01"));
    db.commit(b, {.actor = "ci", .reason = "founding members"});

    for (const auto& e : db.log({.id = "amd"}))
      out << charter::to_string(e.time) << ' ' << e.actor << ' ' << e.summary
          << '\n';

    auto recent = db.log({.since = "2000", .id = "amd", .limit = 10});
    CHECK(recent.size() == 2);
    CHECK(out.str().find(
              " ci join amd pytorch-foundation premier 2023-01-01\n") !=
          std::string::npos);
  }

  TEST_CASE("open_store picks the backend by extension") {
    temp_dir dir;
    CHECK(dynamic_cast<sqlite_store*>(open_store(dir / "a.db").get()));
    CHECK(dynamic_cast<sqlite_store*>(open_store(dir / "a.sqlite").get()));
    CHECK(dynamic_cast<json_store*>(open_store(dir / "a.json").get()));
    CHECK(dynamic_cast<json_store*>(open_store(dir / "A.JSON").get()));
  }

  TEST_CASE("json store: commits rewrite the document") {
    temp_dir dir;
    const auto file = dir / "registry.json";
    registry expected;
    {
      auto db = database::open(file);
      CHECK(db.registry().organizations().empty());
      CHECK_FALSE(fs::exists(file));
      db.commit(sample(), {.actor = "alice"});
      batch b;
      b.change_tier(org_id{"aws"}, foundation_id{"pytorch-foundation"},
                    tier_id{"general"}, d("2024-01-01"));
      db.commit(b);
      CHECK(db.log().size() == 2);
      expected = db.registry();
    }
    CHECK(to_json(load_json(file)) == to_json(expected));
    auto db = database::open(file);
    CHECK(to_json(db.registry()) == to_json(expected));

    // Into SQLite and back out: the same document.
    const auto sqlite_file = dir / "registry.db";
    auto sdb = database::open(sqlite_file);
    sdb.replace(db.registry(), {.actor = "import"}, "import registry.json");
    CHECK(to_json(database::open(sqlite_file).registry()) == to_json(expected));
    CHECK(sdb.log().back().summary == "import registry.json");
  }

}  // TEST_SUITE

namespace {

// A registry of thousands of records with every kind of record and field:
// families, affiliations that end and start again, tier changes, seats of
// every class mode, roles in every scope, extra fields, fees.
std::string generated_document(int orgs) {
  registry reg;
  batch b;
  for (int i = 0; i < orgs; ++i) {
    organization o{org_id{fmt::format("org-{:05}", i)},
                   fmt::format("Org \"{}\" <{}>, Inc.", i, i)};
    o.kind = static_cast<org_kind>(i % 6);
    if (i % 10 == 9) o.parent = org_id{fmt::format("org-{:05}", i - 9)};
    if (i % 7 == 0) o.aliases = {fmt::format("O{}", i)};
    if (i % 11 == 0)
      o.extra = extra_fields::parse(fmt::format(R"({{"rank": {}}})", i));
    b.add(std::move(o));
  }
  for (int i = 0; i < orgs * 2; ++i) {
    person p{person_id{fmt::format("p-{:05}", i)},
             fmt::format("Person {} \u00e9\u00e8", i)};
    p.affiliations.push_back({org_id{fmt::format("org-{:05}", i % orgs)},
                              {d("2010-01-01"), d("2015-06-01")},
                              "Engineer",
                              {}});
    if (i % 3)
      p.affiliations.push_back(
          {org_id{fmt::format("org-{:05}", (i * 7) % orgs)},
           {d("2015-06-01"), std::nullopt},
           "Lead",
           {}});
    if (i % 5 == 0) p.handles["github"] = fmt::format("gh{}", i);
    b.add(std::move(p));
  }
  foundation lf{foundation_id{"lf"}, "LF"};
  lf.tiers = {
      tier{tier_id{"platinum"}, "Platinum", 1, money{50000000, "USD"}, {}, {}},
      tier{tier_id{"gold"}, "Gold", 2, money{12345678, "USD"}, {}, {}},
      tier{tier_id{"silver"}, "Silver", 3, std::nullopt, {}, {}}};
  b.add(lf);
  foundation sub{foundation_id{"sub"}, "Sub"};
  sub.parent = foundation_id{"lf"};
  sub.founded = d("2012-03-04");
  sub.tiers = {tier{tier_id{"premier"},
                    "Premier",
                    1,
                    std::nullopt,
                    {{foundation_id{"lf"}, tier_id{"gold"}}},
                    {}},
               tier{tier_id{"general"}, "General", 2, std::nullopt, {}, {}}};
  b.add(sub);
  project proj{project_id{"proj"}, "Project"};
  proj.stewards = {
      {steward_ref{org_id{"org-00000"}},
       {d("2010-01-01"), d("2014-01-01")},
       {}},
      {steward_ref{foundation_id{"sub"}}, {d("2014-01-01"), std::nullopt}, {}}};
  proj.stages = {{"incubating", {d("2014-01-01"), d("2016-01-01")}, {}},
                 {"graduated", {d("2016-01-01"), std::nullopt}, {}}};
  b.add(proj);
  for (int i = 0; i < orgs; i += 2) {
    const org_id org{fmt::format("org-{:05}", i)};
    b.join(org, foundation_id{"lf"}, tier_id{"silver"}, d("2011-01-01"),
           i % 4 == 0);
    b.change_tier(org, foundation_id{"lf"},
                  tier_id{i % 3 ? "gold" : "platinum"}, d("2016-07-01"));
    if (i % 8 == 0) b.leave(org, foundation_id{"lf"}, d("2020-01-01"));
  }
  body board{body_id{"board"}, "Board", "board", foundation_id{"lf"}};
  board.seat_classes = {
      seat_class{seat_class_id{"platinum"}, seat_mode::per_member,
                 tier_id{"platinum"}},
      seat_class{seat_class_id{"gold"}, seat_mode::elected, tier_id{"gold"}, 10,
                 1, 5, rounding::down},
      seat_class{seat_class_id{"at-large"}, seat_mode::fixed, std::nullopt, 1,
                 std::nullopt, std::nullopt, rounding::up, 3},
      seat_class{seat_class_id{"ed"}, seat_mode::ex_officio, std::nullopt, 1,
                 std::nullopt, std::nullopt, rounding::up, 0,
                 "Executive Director", false}};
  board.rules.max_per_family = 2;
  board.rules.max_fraction_per_family = 0.25;
  board.rules.quorum = 0.5;
  b.add(board);
  body tac{body_id{"tac"}, "TAC", "committee", project_id{"proj"}};
  tac.seat_classes = {seat_class{seat_class_id{"maintainers"}, seat_mode::fixed,
                                 std::nullopt, 1, std::nullopt, std::nullopt,
                                 rounding::up, 5}};
  tac.rules.exclusive_with = {body_id{"board"}};
  b.add(tac);
  for (int i = 0; i < orgs / 4; ++i) {
    seat s{body_id{"board"}, seat_class_id{"at-large"},
           person_id{fmt::format("p-{:05}", i)}};
    s.when = {add_days(d("2012-01-01"), i), add_days(d("2012-01-01"), i + 30)};
    if (i % 9 == 0) s.office = office::secretary;
    b.add(s);
    seat t{body_id{"tac"}, seat_class_id{"maintainers"},
           person_id{fmt::format("p-{:05}", i + 1)}};
    t.when = {add_days(d("2015-01-01"), i), std::nullopt};
    t.voting = i % 2 == 0;
    b.add(t);
  }
  b.add(role{person_id{"p-00001"},
             "Executive Director",
             foundation_id{"lf"},
             {d("2011-01-01"), std::nullopt},
             {}});
  b.add(role{person_id{"p-00002"},
             "Lead Maintainer",
             project_id{"proj"},
             {d("2014-01-01"), std::nullopt},
             {}});
  b.add(role{person_id{"p-00003"},
             "Chair",
             body_id{"tac"},
             {d("2015-01-01"), d("2017-01-01")},
             {}});
  election board_2030;
  board_2030.id = election_id{"board-2030"};
  board_2030.body = body_id{"board"};
  board_2030.seat_class = seat_class_id{"at-large"};
  board_2030.seats = 2;
  board_2030.method = count_method::meek_stv;
  board_2030.unranked = unranked_rule::below;
  board_2030.candidates = {{person_id{"p-00004"}, org_id{"org-00001"}},
                           {person_id{"p-00005"}, std::nullopt},
                           {person_id{"p-00003"}, org_id{"org-00009"}}};
  board_2030.seated = d("2030-01-01");
  board_2030.term_end = d("2032-01-01");
  board_2030.eligibility = "Members \"in good standing\"";
  board_2030.extra = extra_fields::parse(R"({"ballots": "board-2030.blt"})");
  b.add(board_2030);
  election tac_2031;
  tac_2031.id = election_id{"tac-2031"};
  tac_2031.body = body_id{"tac"};
  tac_2031.seat_class = seat_class_id{"maintainers"};
  tac_2031.seated = d("2031-05-01");
  b.add(tac_2031);
  reg.apply(b);
  return to_json(reg);
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE("interchange: JSON -> SQLite -> JSON is byte-identical") {
    temp_dir dir;
    SUBCASE("the example registry") {
      const auto text =
          bytes_of(CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json");
      {
        auto db = database::open(dir / "example.db");
        db.replace(from_json(text), {"test", ""}, "import");
      }
      CHECK(to_json(database::open(dir / "example.db").registry()) == text);
    }
    SUBCASE("a generated registry of thousands of records") {
      const auto text = generated_document(2000);
      const auto reg = from_json(text);
      REQUIRE(reg.organizations().size() == 2000);
      REQUIRE(reg.people().size() == 4000);
      REQUIRE(reg.memberships().size() > 1000);
      {
        auto db = database::open(dir / "generated.db");
        db.replace(reg, {"test", ""}, "import");
      }
      CHECK(to_json(database::open(dir / "generated.db").registry()) == text);
    }
  }

  TEST_CASE(
      "interchange: a document with any structural error leaves the store "
      "unchanged") {
    temp_dir dir;
    const auto file = dir / "store.db";
    const auto example =
        bytes_of(CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json");
    {
      auto db = database::open(file);
      db.replace(from_json(example), {"test", ""}, "import");
    }
    const auto before = bytes_of(file);

    const std::string head = R"({"format": "charter-registry", "version": 1, )";
    struct bad_document {
      const char* what;
      std::string text;
      const char* pointer;
    };
    const bad_document cases[] = {
        {"malformed JSON",
         head + R"("organizations": [{"id": "a", "name": "A",}]})", ""},
        {"wrong type", head + R"("organizations": [{"id": "a", "name": 7}]})",
         "/organizations/0/name"},
        {"missing field", head + R"("organizations": [{"id": "a"}]})",
         "/organizations/0/name"},
        {"unknown field",
         head + R"("organizations": [{"id": "a", "name": "A", "nmae": "B"}]})",
         "/organizations/0/nmae"},
        {"bad date",
         head +
             R"("foundations": [{"id": "f", "name": "F", "founded": "2022-02-30"}]})",
         "/foundations/0/founded"},
        {"to not after from",
         head +
             R"("organizations": [{"id": "a", "name": "A"}], "foundations": [{"id": "f", "name": "F", "tiers": [{"id": "t", "name": "T", "rank": 1}]}],
                   "memberships": [{"org": "a", "foundation": "f", "tier": "t", "from": "2022-01-01", "to": "2021-01-01"}]})",
         "/memberships/0/to"},
        {"duplicate id",
         head +
             R"("organizations": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]})",
         "/organizations/1/id"},
        {"dangling reference",
         head +
             R"("organizations": [{"id": "a", "name": "A", "parent": "zz"}]})",
         "/organizations/0/parent"},
        {"parent loop",
         head +
             R"("organizations": [{"id": "a", "name": "A", "parent": "b"}, {"id": "b", "name": "B", "parent": "a"}]})",
         "/organizations/0/parent"},
        {"overlapping memberships",
         head +
             R"("organizations": [{"id": "a", "name": "A"}], "foundations": [{"id": "f", "name": "F", "tiers": [{"id": "t", "name": "T", "rank": 1}]}],
                   "memberships": [{"org": "a", "foundation": "f", "tier": "t", "from": "2020-01-01"},
                                   {"org": "a", "foundation": "f", "tier": "t", "from": "2021-01-01"}]})",
         "/memberships/1/from"},
        {"overlapping stewards",
         head +
             R"("organizations": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
                   "projects": [{"id": "p", "name": "P", "stewards": [{"org": "a", "from": "2020-01-01"}, {"org": "b", "from": "2021-01-01"}]}]})",
         "/projects/0/stewards/1"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.what);
      std::vector<problem> problems;
      try {
        auto db = database::open(file);
        db.replace(from_json(c.text), {"test", ""}, "import");
        FAIL_CHECK("the document was accepted");
      } catch (const validation_error& e) {
        problems = e.problems();
      }
      REQUIRE_FALSE(problems.empty());
      if (*c.pointer) {
        CHECK(std::any_of(problems.begin(), problems.end(),
                          [&](const problem& p) {
                            return p.where.rfind(c.pointer, 0) == 0;
                          }));
      } else {
        CHECK(problems[0].message.find("line 1, column") != std::string::npos);
      }
      CHECK(bytes_of(file) == before);
      CHECK(to_json(database::open(file).registry()) == example);
    }
  }
}

// ======================================================= moves of the stores

static_assert(!std::is_copy_constructible_v<database>);
static_assert(!std::is_move_constructible_v<database>);
static_assert(!std::is_move_assignable_v<database>);
static_assert(std::is_nothrow_move_constructible_v<sqlite_store>);
static_assert(std::is_nothrow_move_assignable_v<sqlite_store>);

TEST_SUITE("store") {
  // Issue 13: an `extra` 32 to 60 deep was accepted by the reader but read
  // back from SQLite with Boost.JSON's default depth of 32, after which
  // nothing could read the file; and an `extra` as deep as
  // extra_fields::parse allows was exported into a document deeper than the
  // reader took. The limits are now one set (<charter/limits.hpp>): an
  // `extra` of max_extra_depth levels, at the deepest place a document
  // holds one (a foundation's tier, six levels down) and on a record, and a
  // name of max_text_bytes, go through every store and back unchanged.
  TEST_CASE("every store reads back the deepest and longest values allowed") {
    std::string deep_text;
    for (std::size_t i = 2; i < max_extra_depth; ++i) deep_text += R"({"a": )";
    deep_text += R"({"a": [1, "x"]})";
    for (std::size_t i = 2; i < max_extra_depth; ++i) deep_text += "}";
    // max_extra_depth - 2 objects around an object holding an array.
    const extra_fields deep = extra_fields::parse(deep_text);
    CHECK_THROWS_AS(extra_fields::parse(R"({"b": )" + deep_text + "}"),
                    parse_error);

    registry reg;
    reg.apply(sample());
    batch b;
    organization amd = reg.at(org_id{"amd"});
    amd.extra = deep;
    amd.name = std::string(max_text_bytes, 'n');
    b.update(amd);
    foundation lf = reg.at(foundation_id{"linux-foundation"});
    lf.tiers.back().extra = deep;
    b.update(lf);
    person jane = reg.at(person_id{"jane-doe"});
    jane.affiliations.front().extra = deep;
    b.update(jane);
    reg.apply(b);
    const std::string text = to_json(reg);

    CHECK(to_json(from_json(text)) == text);
    temp_dir dir;
    for (const char* name : {"limits.db", "limits.json"}) {
      CAPTURE(name);
      {
        auto db = database::open(dir / name);
        db.replace(reg, {"test", ""}, "import");
      }
      const registry back = database::open(dir / name).registry();
      CHECK(back.at(org_id{"amd"}).extra == deep);
      CHECK(back.at(org_id{"amd"}).name.size() == max_text_bytes);
      CHECK(back.at(foundation_id{"linux-foundation"}).tiers.back().extra ==
            deep);
      CHECK(to_json(back) == text);
    }
  }

  TEST_CASE("sqlite: a moved-from store is closed, and says so") {
    temp_dir dir;
    const auto file = dir / "registry.db";
    registry reg;
    reg.apply(sample());
    sqlite_store a(file);
    a.replace_all(reg, {.actor = "alice"}, "import");
    sqlite_store b = std::move(a);
    CHECK(b.path() == file);
    CHECK(b.load().organizations().size() == reg.organizations().size());
    // NOLINTBEGIN(bugprone-use-after-move): what this test is about
    CHECK(a.path().empty());
    CHECK(a.last_commit_changes() == 0);
    CHECK_THROWS_WITH_AS(a.load(), doctest::Contains("moved from"),
                         storage_error);
    CHECK_THROWS_AS(a.log(), storage_error);
    CHECK_THROWS_AS(a.lock(), storage_error);
    CHECK_THROWS_AS(a.stale(), storage_error);
    CHECK_THROWS_AS(a.integrity_check(), storage_error);
    CHECK_THROWS_AS(a.replace_all(registry{}, {}, "x"), storage_error);
    // Assigning a store to it opens it again.
    a = sqlite_store(file);
    CHECK(a.log().size() == 1);
    // NOLINTEND(bugprone-use-after-move)
  }

  TEST_CASE("a memory store moves as a value") {
    registry reg;
    reg.apply(sample());
    memory_store m(reg);
    memory_store moved = std::move(m);
    CHECK(moved.load().organizations().size() == reg.organizations().size());
    CHECK(
        m.load().organizations().empty());  // NOLINT(bugprone-use-after-move):
                                            // a moved-from registry is empty
  }
}

// ---- corrections: removing records, reverting audit entries

namespace {

// The sample's memberships and seat that name amd, as the sample adds them.
const membership_key amd_in_lf{org_id{"amd"}, foundation_id{"linux-foundation"},
                               d("2015-01-01")};
const membership_key amd_in_pytorch{
    org_id{"amd"}, foundation_id{"pytorch-foundation"}, d("2022-09-12")};
const seat_key jane_on_board{body_id{"pytorch-board"}, seat_class_id{"premier"},
                             person_id{"jane-doe"}, d("2022-09-12")};

batch one(auto&& make) {
  batch b;
  make(b);
  return b;
}

std::vector<std::string> messages(const validation_error& e) {
  std::vector<std::string> out;
  for (const auto& p : e.problems()) out.push_back(p.message);
  return out;
}

}  // namespace

TEST_SUITE("corrections") {
  TEST_CASE("referrers name every record that refers to one") {
    registry reg;
    reg.apply(sample());
    // amd: jane-doe's affiliation, its two memberships, jane-doe's seat
    // that represents it; nothing has amd as parent or steward.
    const auto refs = reg.referrers(org_id{"amd"});
    REQUIRE(refs.size() == 4);
    CHECK(refs[0] == reference{person_id{"jane-doe"}, "affiliations", false});
    CHECK(refs[1] == reference{amd_in_lf, "org", true});
    CHECK(refs[2] == reference{amd_in_pytorch, "org", true});
    CHECK(refs[3] == reference{jane_on_board, "represents", true});
    // amazon is aws's parent; coc is excluded by the board and owns a seat
    // and a role.
    CHECK(reg.referrers(org_id{"amazon"}) ==
          std::vector<reference>{{org_id{"aws"}, "parent", false}});
    const auto coc = reg.referrers(body_id{"coc"});
    REQUIRE(coc.size() == 3);
    CHECK(coc[0] == reference{body_id{"pytorch-board"}, "rules", false});
    CHECK(kind_of(coc[1].from) == record_kind::seat);
    CHECK(kind_of(coc[2].from) == record_kind::role);
    CHECK(reg.referrers(membership_key{amd_in_lf}).empty());
    CHECK_THROWS_WITH_AS(reg.referrers(org_id{"nobody"}),
                         "no organization 'nobody'", not_found_error);
  }

  TEST_CASE("a removal others depend on is refused, naming each") {
    registry reg;
    reg.apply(sample());
    const auto before = to_json(reg);
    try {
      reg.apply(one([](batch& b) { b.remove(org_id{"amd"}); }));
      FAIL("removed");
    } catch (const validation_error& e) {
      const auto m = messages(e);
      REQUIRE(m.size() == 4);
      CHECK(
          m[0].starts_with("person jane-doe refers to it (its affiliations)"));
      CHECK(m[1].find("linux-foundation") != std::string::npos);
      CHECK(m[3].find("(its represents)") != std::string::npos);
      CHECK(e.problems()[0].id == "amd");
    }
    CHECK(to_json(reg) == before);
    CHECK_THROWS_WITH_AS(
        reg.apply(one([](batch& b) { b.remove(org_id{"nobody"}); })),
        doctest::Contains("no organization nobody to remove"),
        validation_error);
  }

  TEST_CASE("a removal with cascade takes the dependents and the references") {
    registry reg;
    reg.apply(sample());
    const auto memberships = reg.memberships().size();
    auto tx = reg.stage(
        one([](batch& b) { b.remove(org_id{"amd"}, /*cascade=*/true); }));
    const auto c = tx.changes();
    tx.commit();
    CHECK_FALSE(reg.find(org_id{"amd"}));
    CHECK_FALSE(reg.find(amd_in_lf));
    CHECK_FALSE(reg.find(amd_in_pytorch));
    CHECK(reg.memberships().size() == memberships - 2);
    // jane-doe keeps her MIT affiliation; her seat for amd goes.
    const auto& jane = reg.at(person_id{"jane-doe"});
    REQUIRE(jane.affiliations.size() == 1);
    CHECK(jane.affiliations[0].org == org_id{"mit"});
    CHECK_FALSE(reg.find(jane_on_board));
    CHECK(c.written == std::vector<record_key>{person_id{"jane-doe"}});
    CHECK(c.removed == std::vector<record_key>{org_id{"amd"}, amd_in_lf,
                                               amd_in_pytorch, jane_on_board});
    REQUIRE(c.before.size() == 5);
    CHECK(std::get<person>(c.before[0]).affiliations.size() == 2);
    // The indexes follow the rows that moved: aws is still a premier member,
    // and the memberships after amd's are found by their organization.
    const auto tiers =
        reg.members(foundation_id{"pytorch-foundation"}, d("2022-09-12"));
    REQUIRE(tiers.size() == 2);
    REQUIRE(tiers[0].members.size() == 1);
    CHECK(tiers[0].members[0]->org == org_id{"aws"});
    CHECK(reg.memberships_of(org_id{"meta"}, d("2022-10-01")).size() == 1);
    // What a reload gives is what the registry holds.
    CHECK(to_json(from_json(to_json(reg))) == to_json(reg));
  }

  TEST_CASE("an election's body, candidates and their organizations") {
    registry reg;
    reg.apply(sample());
    const record_key board_2024 = election_id{"board-2024"};
    CHECK(reg.referrers(org_id{"meta"}).back() ==
          reference{board_2024, "candidates", false});
    CHECK(reg.referrers(person_id{"bob"}).back() ==
          reference{board_2024, "candidates", true});
    CHECK(reg.referrers(body_id{"pytorch-board"}).back() ==
          reference{board_2024, "body", true});
    // Removing a candidate is refused, naming the election; with cascade
    // the election goes.
    try {
      reg.apply(one([](batch& b) { b.remove(person_id{"bob"}); }));
      FAIL("removed");
    } catch (const validation_error& e) {
      CHECK(messages(e).back().starts_with(
          "election board-2024 refers to it (its candidates)"));
    }
    {
      registry copy = reg;
      copy.apply(
          one([](batch& b) { b.remove(person_id{"bob"}, /*cascade=*/true); }));
      CHECK_FALSE(copy.find(election_id{"board-2024"}));
    }
    // A candidate's organization is taken off the candidate with cascade.
    {
      registry copy = reg;
      copy.apply(
          one([](batch& b) { b.remove(org_id{"meta"}, /*cascade=*/true); }));
      const auto& e = copy.at(election_id{"board-2024"});
      REQUIRE(e.candidates.size() == 2);
      CHECK_FALSE(e.candidates[0].org.has_value());
    }
    // A merge moves the candidates' references.
    reg.apply(one([](batch& b) {
      b.merge(org_id{"meta"}, org_id{"mit"});
      b.merge(person_id{"bob"}, person_id{"jane-doe"});
    }));
    const auto& e = reg.at(election_id{"board-2024"});
    CHECK(e.candidates[0].org == org_id{"mit"});
    CHECK(e.candidates[1].person == person_id{"jane-doe"});
    // A body whose class an election names cannot lose the class.
    auto board = reg.at(body_id{"pytorch-board"});
    std::erase_if(board.seat_classes, [](const seat_class& c) {
      return c.id == seat_class_id{"at-large"};
    });
    CHECK_THROWS_WITH_AS(
        reg.apply(one([&](batch& b) { b.update(board); })),
        doctest::Contains("election board-2024: body 'pytorch-board' has no "
                          "seat class 'at-large'"),
        validation_error);
  }

  TEST_CASE("a removal rolled back leaves the registry as it was") {
    registry reg;
    reg.apply(sample());
    const auto before = to_json(reg);
    CHECK_THROWS_AS(reg.apply(one([](batch& b) {
      b.remove(org_id{"amd"}, true);
      b.join(org_id{"nobody"}, foundation_id{"linux-foundation"},
             tier_id{"gold"}, d("2024-01-01"));
    })),
                    validation_error);
    CHECK(to_json(reg) == before);
    CHECK(reg.members(foundation_id{"pytorch-foundation"}, d("2022-09-12"))[0]
              .members.size() == 2);
    // Added and removed in one batch: it never was.
    auto tx = reg.stage(one([](batch& b) {
      b.add(organization{.id = org_id{"typo-co"}, .name = "Typo Co"});
      b.remove(org_id{"typo-co"});
    }));
    CHECK(tx.changes().empty());
    tx.commit();
    CHECK(to_json(reg) == before);
  }

  TEST_CASE("a removal reaches the SQLite file, and is reverted") {
    temp_dir dir;
    const auto file = dir / "corrections.db";
    auto db = database::open(file);
    db.commit(sample());
    const auto original = to_json(db.registry());
    const auto done =
        db.commit(one([](batch& b) { b.remove(org_id{"amd"}, true); }),
                  {.actor = "staff", .reason = "entered in error"});
    CHECK(done.audit_id == 2);
    CHECK(db.log().back().summary == "remove organization amd cascade");
    CHECK(db.log().back().ids ==
          std::vector<std::string>{"amd", "jane-doe", "linux-foundation",
                                   "pytorch-board", "pytorch-foundation"});
    {
      sqlite_store s(file);
      CHECK(to_json(s.load()) == to_json(db.registry()));
      CHECK(s.integrity_check() == "ok");
      const auto kept = s.changes(2);
      REQUIRE(kept.size() == 5);
      CHECK(kept[0].what == audit_change::action::changed);
      CHECK(kept[1].what == audit_change::action::removed);
      CHECK(std::get<organization>(*kept[1].record).id == org_id{"amd"});
      CHECK(std::get<seat>(*kept[4].record).represents == org_id{"amd"});
    }
    const auto undone = db.revert(2, {.actor = "staff"});
    CHECK(undone.audit_id == 3);
    CHECK(db.log().back().summary == "revert 2");
    CHECK(to_json(db.registry()) == original);
    CHECK(to_json(sqlite_store(file).load()) == original);
    // The revert is a change like another: reverting it removes amd again.
    db.revert(3);
    CHECK_FALSE(db.registry().find(org_id{"amd"}));
    CHECK(sqlite_store(file).integrity_check() == "ok");
  }

  TEST_CASE("a revert that later changes depend on is refused, naming them") {
    database db(std::make_unique<memory_store>());
    db.commit(sample());
    const auto join = db.commit(one([](batch& b) {
      b.join(org_id{"mit"}, foundation_id{"pytorch-foundation"},
             tier_id{"general"}, d("2024-01-01"));
    }));
    db.commit(one([](batch& b) {
      b.leave(org_id{"mit"}, foundation_id{"pytorch-foundation"},
              d("2024-06-01"));
    }));
    const auto before = to_json(db.registry());
    CHECK_THROWS_WITH_AS(
        db.revert(join.audit_id),
        doctest::Contains("later changes depend on it: audit entry 3 (leave "
                          "mit pytorch-foundation 2024-06-01)"),
        validation_error);
    CHECK(to_json(db.registry()) == before);

    // A record added, then referred to by a later change.
    const auto added = db.commit(one([](batch& b) {
      b.add(organization{.id = org_id{"typo-co"}, .name = "Typo Co"});
    }));
    db.commit(one([](batch& b) {
      b.join(org_id{"typo-co"}, foundation_id{"linux-foundation"},
             tier_id{"gold"}, d("2024-01-01"));
    }));
    CHECK_THROWS_WITH_AS(db.revert(added.audit_id),
                         doctest::Contains("audit entry 5 (join typo-co"),
                         validation_error);
    CHECK_THROWS_AS(db.revert(99), not_found_error);
  }

  TEST_CASE("a revert puts an update, and an import, back") {
    temp_dir dir;
    auto db = database::open(dir / "imports.db");
    db.commit(sample());
    auto renamed = db.registry().at(org_id{"aws"});
    renamed.name = "Amazon Web Services, Inc.";
    const auto update = db.commit(one([&](batch& b) { b.update(renamed); }));
    CHECK(db.registry().at(org_id{"aws"}).name == "Amazon Web Services, Inc.");
    db.revert(update.audit_id);
    CHECK(db.registry().at(org_id{"aws"}).name == "Amazon Web Services");

    const auto before = to_json(db.registry());
    registry small;
    small.apply(one([](batch& b) {
      b.add(organization{.id = org_id{"solo"}, .name = "Solo"});
    }));
    const auto replaced = db.replace(small, {.actor = "oops"}, "import small");
    CHECK(db.registry().organizations().size() == 1);
    db.revert(replaced, {.actor = "staff"});
    CHECK(to_json(db.registry()) == before);
    CHECK(to_json(sqlite_store(dir / "imports.db").load()) == before);
    // An import with changes after it cannot be reverted.
    const auto again = db.replace(small, {}, "import small again");
    db.commit(one([](batch& b) {
      b.add(organization{.id = org_id{"later"}, .name = "Later"});
    }));
    CHECK_THROWS_WITH_AS(db.revert(again),
                         doctest::Contains("later changes depend on it"),
                         validation_error);
  }

  TEST_CASE("entries of schema 1 kept nothing, and cannot be reverted") {
    temp_dir dir;
    const auto file = dir / "v1.db";
    {
      auto db = database::open(file);
      db.commit(sample());
    }
    {
      SQLite::Database raw(file, SQLite::OPEN_READWRITE);
      raw.exec("DROP TABLE audit_changes; PRAGMA user_version = 1");
    }
    auto db = database::open(file);
    CHECK(scalar(file, "PRAGMA user_version") == sqlite_store::schema_version);
    CHECK(db.store().changes(1).empty());
    CHECK_THROWS_WITH_AS(db.revert(1), doctest::Contains("kept nothing"),
                         validation_error);
    const auto next = db.commit(one([](batch& b) {
      b.add(organization{.id = org_id{"new"}, .name = "New"});
    }));
    CHECK(db.store().changes(next.audit_id).size() == 1);
  }

  TEST_CASE("a database of schema 2 is upgraded in place to hold elections") {
    temp_dir dir;
    const auto file = dir / "v2.db";
    {
      auto db = database::open(file);
      db.commit(sample());
    }
    {
      // A database as schema 2 made it: no election tables.
      SQLite::Database raw(file, SQLite::OPEN_READWRITE);
      raw.exec(
          "DROP TABLE election_candidates; DROP TABLE elections; "
          "PRAGMA user_version = 2");
    }
    auto db = database::open(file);
    CHECK(scalar(file, "PRAGMA user_version") == sqlite_store::schema_version);
    CHECK(db.registry().elections().empty());
    CHECK(db.store().changes(1).size() > 0);  // schema 2's changes are kept
    const auto& b = db.registry().bodies().front();
    election e;
    e.id = election_id{"board-2030"};
    e.body = b.id;
    e.seat_class = b.seat_classes.front().id;
    e.seats = 1;
    e.seated = d("2030-01-01");
    e.candidates = {{db.registry().people().front().id, std::nullopt}};
    db.commit(one([&](batch& x) { x.add(e); }));
    CHECK(database::open(file).registry().at(e.id) == e);
  }

  TEST_CASE("a backup is a consistent copy") {
    temp_dir dir;
    const auto file = dir / "live.db";
    sqlite_store s(file);
    database db(std::make_unique<sqlite_store>(file));
    db.commit(sample());
    s.backup(dir / "copy.db");
    CHECK(to_json(sqlite_store(dir / "copy.db").load()) ==
          to_json(db.registry()));
    CHECK(sqlite_store(dir / "copy.db").log().size() == 1);
    CHECK_FALSE(fs::exists(dir / "copy.db.partial"));
    CHECK_THROWS_WITH_AS(s.backup(file), doctest::Contains("the same file"),
                         storage_error);
    CHECK_THROWS_AS(s.backup(dir / "missing" / "copy.db"), storage_error);
  }

  TEST_CASE("a merge is one audited change, previewed and reverted") {
    temp_dir dir;
    const auto file = dir / "merge.db";
    auto db = database::open(file);
    db.commit(sample());
    const auto original = to_json(db.registry());
    const auto bytes = [&file] {
      std::ifstream in(file, std::ios::binary);
      return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const auto merge =
        one([](batch& b) { b.merge(org_id{"amd"}, org_id{"mit"}); });

    // The preview writes nothing: the file's bytes stay as they were.
    const auto file_before = bytes();
    const auto p = db.preview(merge);
    CHECK(bytes() == file_before);
    CHECK(to_json(db.registry()) == original);
    std::size_t removed = 0;
    for (const auto& c : p.changes)
      if (c.change == record_change::removed) ++removed;
    CHECK(removed == 3);  // amd and its two memberships (under amd's key)

    const auto done = db.commit(merge, {.actor = "staff"});
    CHECK(db.log().back().summary ==
          "merge organization amd into organization mit");
    CHECK(db.registry().at(org_id{"mit"}).aliases ==
          std::vector<std::string>{"AMD"});
    CHECK(db.registry().at(org_id{"mit"}).domains ==
          std::vector<std::string>{"amd.com"});
    // Jane Doe (both her affiliations are with mit now), the two
    // memberships and her seat.
    CHECK(db.registry().referrers(org_id{"mit"}).size() == 4);

    const auto undo = db.preview_revert(done.audit_id);
    CHECK_FALSE(undo.empty());
    db.revert(done.audit_id);
    CHECK(to_json(db.registry()) == original);
    CHECK(to_json(sqlite_store(file).load()) == original);
  }

  TEST_CASE("an entry and its revert undo each other: earlier entries revert") {
    database db(std::make_unique<memory_store>());
    db.commit(sample());
    const auto before = to_json(db.registry());
    const auto added = db.commit(one([](batch& b) {
      b.add(organization{.id = org_id{"typo-co"}, .name = "Typo Co"});
    }));
    const auto joined = db.commit(one([](batch& b) {
      b.join(org_id{"typo-co"}, foundation_id{"linux-foundation"},
             tier_id{"gold"}, d("2024-01-01"));
    }));
    CHECK_THROWS_WITH_AS(db.revert(added.audit_id),
                         doctest::Contains("audit entry 3 (join typo-co"),
                         validation_error);
    // Entry 3, then entry 2: each revert is an entry of its own (4, 5).
    const auto undo_join = db.revert(joined.audit_id);
    CHECK(undo_join.audit_id == 4);
    // Reverting 3 twice is refused: its revert stands after it.
    CHECK_THROWS_WITH_AS(db.revert(joined.audit_id),
                         doctest::Contains("audit entry 4 (revert 3)"),
                         validation_error);
    db.revert(added.audit_id);
    CHECK(to_json(db.registry()) == before);
    // A revert of a revert puts the entry back in effect: 4 reverted (6)
    // would make the join stand again, so 2 is blocked by 3 once more.
    database again(std::make_unique<memory_store>());
    again.commit(sample());
    const auto a2 = again.commit(one([](batch& b) {
      b.add(organization{.id = org_id{"typo-co"}, .name = "Typo Co"});
    }));
    const auto j2 = again.commit(one([](batch& b) {
      b.join(org_id{"typo-co"}, foundation_id{"linux-foundation"},
             tier_id{"gold"}, d("2024-01-01"));
    }));
    const auto r2 = again.revert(j2.audit_id);
    again.revert(r2.audit_id);
    CHECK_THROWS_WITH_AS(again.revert(a2.audit_id),
                         doctest::Contains("audit entry 3 (join typo-co"),
                         validation_error);
  }
}
