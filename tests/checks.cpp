#include <charter/checks.hpp>

// Governance findings: for each code of the spec's table, a hand-built
// registry that triggers exactly that finding and a clean variant that
// triggers none; date ranges of check_all; entitlement arithmetic.
#include <charter/batch.hpp>
#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace {
using namespace charter;

date d(const char* text) { return parse_date(text); }

// A small world to build scenarios in: organizations acme (with acme-sub
// under it), beta and gamma; people ann (acme), cy (acme-sub), bob (beta),
// dee (gamma), all affiliated since 2020-01-01, when most scenarios begin
// (so that check_all finds nothing before); foundation f with tiers
// premier (1) and general (2).
struct world {
  batch b;

  world() {
    b.add(organization{.id = org_id{"acme"}, .name = "Acme"});
    b.add(organization{.id = org_id{"acme-sub"},
                       .name = "Acme Sub",
                       .parent = org_id{"acme"}});
    b.add(organization{.id = org_id{"beta"}, .name = "Beta"});
    b.add(organization{.id = org_id{"gamma"}, .name = "Gamma"});
    person_at("ann", "acme");
    person_at("cy", "acme-sub");
    person_at("bob", "beta");
    person_at("dee", "gamma");
    b.add(foundation{
        .id = foundation_id{"f"},
        .name = "F",
        .tiers = {
            tier{.id = tier_id{"premier"}, .name = "Premier", .rank = 1},
            tier{.id = tier_id{"general"}, .name = "General", .rank = 2}}});
  }

  void person_at(const char* id, const char* org) {
    b.add(person{
        .id = person_id{id},
        .name = id,
        .affiliations = {affiliation{
            .org = org_id{org}, .when = {d("2020-01-01"), std::nullopt}}}});
  }

  world& member(const char* org, const char* tier, const char* from,
                std::optional<const char*> to = {},
                const char* foundation = "f") {
    b.add(membership{
        .org = org_id{org},
        .foundation = foundation_id{foundation},
        .tier = tier_id{tier},
        .when = {d(from), to ? std::optional<date>{d(*to)} : std::nullopt}});
    return *this;
  }

  world& board(std::vector<seat_class> classes, body_rules rules = {},
               const char* id = "board") {
    b.add(body{.id = body_id{id},
               .name = id,
               .owner = foundation_id{"f"},
               .seat_classes = std::move(classes),
               .rules = std::move(rules)});
    return *this;
  }

  world& sit(const char* person, const char* cls, const char* from,
             std::optional<const char*> represents = {},
             std::optional<const char*> to = {}, const char* body = "board",
             std::optional<office> o = {}) {
    b.add(seat{
        .body = body_id{body},
        .seat_class = seat_class_id{cls},
        .person = person_id{person},
        .represents = represents ? std::optional<org_id>{org_id{*represents}}
                                 : std::nullopt,
        .office = o,
        .when = {d(from), to ? std::optional<date>{d(*to)} : std::nullopt}});
    return *this;
  }

  // Foundation g, with a billing policy: due in 30 days, 10 days' grace.
  world& billing_foundation() {
    b.add(foundation{
        .id = foundation_id{"g"},
        .name = "G",
        .tiers = {tier{.id = tier_id{"member"}, .name = "Member", .rank = 1}},
        .dues = dues_policy{.due_days = 30, .grace_days = 10}});
    return *this;
  }

  // An invoice of 1000 USD; `due` absent: the foundation's default.
  world& invoice_to(const char* id, const char* org, const char* foundation,
                    const char* issued, std::optional<const char*> due,
                    std::vector<std::pair<const char*, int>> payments = {}) {
    std::vector<payment> paid;
    for (const auto& [on, cents] : payments)
      paid.push_back(payment{.on = d(on), .amount = money{.cents = cents}});
    b.add(invoice{.id = invoice_id{id},
                  .org = org_id{org},
                  .foundation = foundation_id{foundation},
                  .issued = d(issued),
                  .due = due ? std::optional<date>{d(*due)} : std::nullopt,
                  .amount = money{.cents = 1000},
                  .payments = std::move(paid)});
    return *this;
  }

  // Body pmc, one fixed seat held by ann from 2020-01-01 (when her
  // affiliation begins: no vacancy), owing board a report for January of
  // every year from 2024-01; board has no seat classes.
  world& reporting_pmc() {
    board({});
    b.add(body{
        .id = body_id{"pmc"},
        .name = "PMC",
        .owner = foundation_id{"f"},
        .seat_classes = {seat_class{.id = seat_class_id{"members"},
                                    .mode = seat_mode::fixed,
                                    .count = 1}},
        .reporting = reporting_schedule{.to = body_id{"board"},
                                        .months = {1},
                                        .from = parse_year_month("2024-01")}});
    return sit("ann", "members", "2020-01-01", {}, {}, "pmc");
  }

  world& report(const char* body, const char* month, const char* submitted) {
    b.add(submitted_report{.body = body_id{body},
                           .month = parse_year_month(month),
                           .submitted = d(submitted)});
    return *this;
  }

  // An alternate seat on board: `person` stands in for `principal`.
  world& alternate(const char* person, const char* cls, const char* principal,
                   const char* from, std::optional<const char*> represents = {},
                   std::optional<const char*> to = {}) {
    b.add(seat{
        .body = body_id{"board"},
        .seat_class = seat_class_id{cls},
        .person = person_id{person},
        .represents = represents ? std::optional<org_id>{org_id{*represents}}
                                 : std::nullopt,
        .when = {d(from), to ? std::optional<date>{d(*to)} : std::nullopt},
        .alternate_for = person_id{principal}});
    return *this;
  }

  // A meeting of `body`: each of `rows` is (person, status, by).
  using row = std::tuple<const char*, attendance_status, const char*>;
  world& meet(const char* id, const char* on, meeting_kind kind,
              std::vector<row> rows, bool voted = false,
              const char* body = "board") {
    std::vector<attendee> attendance;
    for (const auto& [p, status, by] : rows)
      attendance.push_back(attendee{
          .person = person_id{p},
          .status = status,
          .by = by ? std::optional<person_id>{person_id{by}} : std::nullopt});
    std::vector<meeting_vote> votes;
    if (voted) votes.push_back(meeting_vote{.motion = "Budget", .yes = 2});
    b.add(meeting{.id = meeting_id{id},
                  .body = body_id{body},
                  .on = d(on),
                  .kind = kind,
                  .attendance = std::move(attendance),
                  .votes = std::move(votes)});
    return *this;
  }

  registry build() const {
    registry reg;
    reg.apply(b);
    return reg;
  }
};

seat_class per_member(const char* id, const char* tier) {
  return seat_class{.id = seat_class_id{id},
                    .mode = seat_mode::per_member,
                    .tier = tier_id{tier}};
}

seat_class fixed(const char* id, int count) {
  return seat_class{
      .id = seat_class_id{id}, .mode = seat_mode::fixed, .count = count};
}

seat_class elected(const char* id, const char* tier, int per,
                   std::optional<int> min, std::optional<int> max,
                   rounding round = rounding::up) {
  return seat_class{.id = seat_class_id{id},
                    .mode = seat_mode::elected,
                    .tier = tier_id{tier},
                    .per = per,
                    .min = min,
                    .max = max,
                    .round = round};
}

using ids = std::vector<std::string>;

// The one finding on `on`, checked for code, severity, subjects and day.
void expect_only(const registry& reg, date on, const std::string& code,
                 severity sev, const ids& subjects) {
  const auto found = check(reg, on);
  REQUIRE_MESSAGE(
      found.size() == 1,
      (found.empty() ? "no finding"
                     : found.front().code + ": " + found.front().message));
  CHECK(found[0].code == code);
  CHECK(found[0].severity == sev);
  CHECK(found[0].subjects == subjects);
  CHECK(found[0].when == period{on, add_days(on)});
  CHECK_FALSE(found[0].message.empty());
}

void expect_clean(const registry& reg, date on) {
  const auto found = check(reg, on);
  CHECK_MESSAGE(
      found.empty(),
      (found.empty() ? "" : found.front().code + ": " + found.front().message));
  CHECK(check_all(reg).empty());
}

const date on = d("2022-06-01");

// "2021-03-01" for (2021, 3).
std::string fmt_date(int year, int month) {
  std::string text = std::to_string(year) + "-";
  if (month < 10) text += "0";
  return text + std::to_string(month) + "-01";
}

// What check_all should find, the slow way: check() on every day from
// `first` (check_all's first change point) to `last` (after every change),
// a finding that holds on consecutive days with the same message joined
// into one (a change in its figures starts the next range).
std::vector<finding> day_by_day(const registry& reg, date first, date last,
                                const check_scope& scope = {}) {
  std::vector<finding> done;
  std::map<std::pair<std::string, ids>, finding> open;
  for (date day = first; day <= last; day = add_days(day)) {
    std::map<std::pair<std::string, ids>, finding> now;
    for (auto& f : check(reg, day, scope)) {
      auto key = std::make_pair(f.code, f.subjects);
      if (auto it = open.find(key);
          it != open.end() && it->second.message == f.message) {
        now.emplace(key, std::move(it->second));
        open.erase(it);
      } else {
        f.when = {day, std::nullopt};
        now.emplace(key, std::move(f));
      }
    }
    for (auto& [key, f] : open) {
      f.when.to = day;
      done.push_back(std::move(f));
    }
    open = std::move(now);
  }
  for (auto& [key, f] : open) done.push_back(std::move(f));
  std::sort(done.begin(), done.end(), [](const finding& a, const finding& b) {
    return std::tie(a.when.from, a.code, a.subjects) <
           std::tie(b.when.from, b.code, b.subjects);
  });
  return done;
}

// check_all's findings as (code, subjects, from, to) with "" for open.
using dated = std::tuple<std::string, ids, std::string, std::string>;
std::vector<dated> spans_of(const std::vector<finding>& found) {
  std::vector<dated> out;
  for (const auto& f : found)
    out.emplace_back(f.code, f.subjects, to_string(f.when.from),
                     f.when.to ? to_string(*f.when.to) : "");
  return out;
}

// Those of `code` alone.
std::vector<dated> spans_of(const std::vector<finding>& found,
                            const std::string& code) {
  auto out = spans_of(found);
  std::erase_if(out, [&](const dated& x) { return std::get<0>(x) != code; });
  return out;
}

// Two findings' lists side by side, for a failure message.
std::string listing(const std::vector<finding>& found) {
  std::string out;
  for (const auto& f : found)
    out += to_string(f.when) + " " + f.code + " " + f.message + "\n";
  return out;
}
}  // namespace

TEST_SUITE("checks") {
  TEST_CASE(
      "seat-without-membership: a per-member seat for an organization not in "
      "the class's tier") {
    world w;
    w.member("acme", "premier", "2020-01-01")
        .member("beta", "general", "2020-01-01")
        .board({per_member("premier", "premier")});
    SUBCASE("beta is a general member, not premier") {
      w.sit("bob", "premier", "2021-01-01", "beta");
      expect_only(w.build(), on, "seat-without-membership", severity::error,
                  {"board", "premier", "bob", "beta"});
    }
    SUBCASE("clean: acme's seat") {
      w.sit("ann", "premier", "2020-01-01", "acme");
      expect_clean(w.build(), on);
    }
  }

  TEST_CASE(
      "seat-without-membership: an elected seat checks the class's tier too") {
    world w;
    w.person_at("bea", "beta");
    w.member("acme", "general", "2020-01-01")
        .member("beta", "premier", "2020-01-01");
    w.board({per_member("premier", "premier"),
             elected("general", "general", 1, 0, 3)});
    w.sit("bob", "premier", "2020-01-01", "beta");
    SUBCASE("an elected general seat for beta, a premier member") {
      w.sit("bea", "general", "2020-01-01", "beta");
      expect_only(w.build(), on, "seat-without-membership", severity::error,
                  {"board", "general", "bea", "beta"});
    }
    SUBCASE("clean: acme's elected seat") {
      w.sit("ann", "general", "2020-01-01", "acme");
      expect_clean(w.build(), on);
    }
  }

  TEST_CASE(
      "representative-not-affiliated: the holder is not affiliated with the "
      "organization represented") {
    world w;
    w.member("acme", "premier", "2020-01-01")
        .board({per_member("premier", "premier")});
    SUBCASE("bob (beta) represents acme") {
      w.sit("bob", "premier", "2020-01-01", "acme");
      expect_only(w.build(), on, "representative-not-affiliated",
                  severity::warning, {"board", "bob", "acme"});
    }
    SUBCASE("clean: ann (acme) represents acme") {
      w.sit("ann", "premier", "2020-01-01", "acme");
      expect_clean(w.build(), on);
    }
    SUBCASE("cy (acme-sub) represents acme: the same family is not enough") {
      w.sit("cy", "premier", "2020-01-01", "acme");
      expect_only(w.build(), on, "representative-not-affiliated",
                  severity::warning, {"board", "cy", "acme"});
    }
  }

  TEST_CASE("family-cap-exceeded: by count and by share") {
    SUBCASE("two seats for the acme family, cap 1") {
      world w;
      w.board({fixed("at-large", 2)}, body_rules{.max_per_family = 1});
      w.sit("ann", "at-large", "2020-01-01")
          .sit("cy", "at-large", "2020-01-01");
      expect_only(w.build(), on, "family-cap-exceeded", severity::error,
                  {"board", "acme"});
    }
    SUBCASE("clean: acme and beta, cap 1") {
      world w;
      w.board({fixed("at-large", 2)}, body_rules{.max_per_family = 1});
      w.sit("ann", "at-large", "2020-01-01")
          .sit("bob", "at-large", "2020-01-01");
      expect_clean(w.build(), on);
    }
    SUBCASE("two of three seats, over a share of one half") {
      world w;
      w.board({fixed("at-large", 3)},
              body_rules{.max_fraction_per_family = 0.5});
      w.sit("ann", "at-large", "2020-01-01")
          .sit("cy", "at-large", "2020-01-01")
          .sit("bob", "at-large", "2020-01-01");
      expect_only(w.build(), on, "family-cap-exceeded", severity::error,
                  {"board", "acme"});
    }
    SUBCASE("clean: two of four seats is exactly one half") {
      world w;
      w.board({fixed("at-large", 4)},
              body_rules{.max_fraction_per_family = 0.5});
      w.sit("ann", "at-large", "2020-01-01")
          .sit("cy", "at-large", "2020-01-01")
          .sit("bob", "at-large", "2020-01-01");
      w.sit("dee", "at-large", "2020-01-01");
      expect_clean(w.build(), on);
    }
  }

  TEST_CASE("seats-over-entitlement and seat-vacant") {
    SUBCASE("two seats filled in a class of one") {
      world w;
      w.board({fixed("at-large", 1)});
      w.sit("ann", "at-large", "2020-01-01")
          .sit("bob", "at-large", "2020-01-01");
      expect_only(w.build(), on, "seats-over-entitlement", severity::error,
                  {"board", "at-large"});
    }
    SUBCASE("one seat filled in a class of two") {
      world w;
      w.board({fixed("at-large", 2)});
      w.sit("ann", "at-large", "2020-01-01");
      expect_only(w.build(), on, "seat-vacant", severity::warning,
                  {"board", "at-large"});
    }
    SUBCASE("clean: two of two") {
      world w;
      w.board({fixed("at-large", 2)});
      w.sit("ann", "at-large", "2020-01-01")
          .sit("bob", "at-large", "2020-01-01");
      expect_clean(w.build(), on);
    }
  }

  TEST_CASE(
      "term-limit-exceeded: three terms of two years, from start + 6 years") {
    world w;
    w.board({fixed("at-large", 1)},
            body_rules{.term_years = 2, .max_consecutive_terms = 3});
    SUBCASE("one open-ended seat") {
      w.sit("ann", "at-large", "2010-01-01");
      const auto reg = w.build();
      CHECK(check(reg, d("2015-12-31")).empty());
      expect_only(reg, d("2016-01-01"), "term-limit-exceeded",
                  severity::warning, {"board", "ann"});
      const auto all = check_all(reg);
      REQUIRE(all.size() == 1);
      CHECK(all[0].code == "term-limit-exceeded");
      CHECK(all[0].when == period{d("2016-01-01"), std::nullopt});
    }
    SUBCASE("seats that meet are one run of service") {
      w.sit("ann", "at-large", "2010-01-01", {}, "2013-01-01")
          .sit("ann", "at-large", "2013-01-01");
      const auto reg = w.build();
      CHECK(check(reg, d("2015-12-31")).empty());
      expect_only(reg, d("2016-01-01"), "term-limit-exceeded",
                  severity::warning, {"board", "ann"});
    }
    SUBCASE("a gap starts a new run") {
      w.sit("ann", "at-large", "2010-01-01", {}, "2013-01-01")
          .sit("ann", "at-large", "2013-06-01");
      const auto reg = w.build();
      CHECK(check(reg, d("2018-01-01")).empty());
      expect_only(reg, d("2019-06-01"), "term-limit-exceeded",
                  severity::warning, {"board", "ann"});
    }
    SUBCASE("clean: five years each") {
      w.sit("ann", "at-large", "2012-01-01", {}, "2017-01-01")
          .sit("bob", "at-large", "2017-01-01");
      const auto reg = w.build();
      CHECK(check(reg, on).empty());
      const auto all = check_all(reg);
      REQUIRE(all.size() == 1);  // bob's sixth year
      CHECK(all[0].subjects == ids{"board", "bob"});
      CHECK(all[0].when == period{d("2023-01-01"), std::nullopt});
    }
  }

  // check() finds the limit passed on 2016-01-01, but check_all() starts
  // the finding on 2019-01-01: change_points() adds term ends counted from
  // each seat record's own start (2013 + 6 = 2019) instead of from the start
  // of the unbroken run (2010 + 6 = 2016), and the first record ends
  // (2013) before its own limit, so no point falls on 2016-01-01.
  TEST_CASE(
      "check_all: the term limit of a run of several seat records starts at "
      "run start + 6 years") {
    world w;
    w.board({fixed("at-large", 1)},
            body_rules{.term_years = 2, .max_consecutive_terms = 3});
    w.sit("ann", "at-large", "2010-01-01", {}, "2013-01-01")
        .sit("ann", "at-large", "2013-01-01");
    const auto all = check_all(w.build());
    REQUIRE(all.size() == 1);
    CHECK(all[0].code == "term-limit-exceeded");
    CHECK(all[0].when == period{d("2016-01-01"), std::nullopt});
  }

  TEST_CASE("body-size-out-of-range") {
    SUBCASE("one seat filled, at least two wanted") {
      world w;
      w.board({fixed("at-large", 1)}, body_rules{.min_size = 2});
      w.sit("ann", "at-large", "2020-01-01");
      expect_only(w.build(), on, "body-size-out-of-range", severity::warning,
                  {"board"});
    }
    SUBCASE("three seats filled, at most two wanted") {
      world w;
      w.board({fixed("at-large", 3)}, body_rules{.max_size = 2});
      w.sit("ann", "at-large", "2020-01-01")
          .sit("bob", "at-large", "2020-01-01")
          .sit("dee", "at-large", "2020-01-01");
      expect_only(w.build(), on, "body-size-out-of-range", severity::warning,
                  {"board"});
    }
    SUBCASE("clean: within range") {
      world w;
      w.board({fixed("at-large", 2)}, body_rules{.min_size = 2, .max_size = 2});
      w.sit("ann", "at-large", "2020-01-01")
          .sit("bob", "at-large", "2020-01-01");
      expect_clean(w.build(), on);
    }
  }

  TEST_CASE("office-held-twice") {
    world w;
    w.board({fixed("at-large", 2)});
    w.sit("ann", "at-large", "2020-01-01", {}, {}, "board", office::chair);
    SUBCASE("two chairs") {
      w.sit("bob", "at-large", "2020-01-01", {}, {}, "board", office::chair);
      expect_only(w.build(), on, "office-held-twice", severity::error,
                  {"board", "ann", "bob"});
    }
    SUBCASE("clean: a chair and a vice-chair") {
      w.sit("bob", "at-large", "2020-01-01", {}, {}, "board",
            office::vice_chair);
      expect_clean(w.build(), on);
    }
  }

  TEST_CASE(
      "prerequisite-missing: a premier member of f must be a silver member of "
      "lf or better") {
    world w;
    w.b.add(foundation{
        .id = foundation_id{"lf"},
        .name = "LF",
        .tiers = {tier{.id = tier_id{"gold"}, .name = "Gold", .rank = 1},
                  tier{.id = tier_id{"silver"}, .name = "Silver", .rank = 2},
                  tier{.id = tier_id{"bronze"}, .name = "Bronze", .rank = 3}}});
    w.b.add(foundation{
        .id = foundation_id{"g"},
        .name = "G",
        .tiers = {tier{.id = tier_id{"premier"},
                       .name = "Premier",
                       .rank = 1,
                       .requirements = {tier_requirement{
                           foundation_id{"lf"}, tier_id{"silver"}}}}}});
    w.member("acme", "premier", "2020-01-01", {}, "g");
    SUBCASE("acme is bronze in lf") {
      w.member("acme", "bronze", "2020-01-01", {}, "lf");
      expect_only(w.build(), on, "prerequisite-missing", severity::error,
                  {"g", "acme", "lf"});
    }
    SUBCASE("acme is not in lf at all") {
      expect_only(w.build(), on, "prerequisite-missing", severity::error,
                  {"g", "acme", "lf"});
    }
    SUBCASE("clean: gold is better than silver") {
      w.member("acme", "gold", "2020-01-01", {}, "lf");
      expect_clean(w.build(), on);
    }
    SUBCASE("clean: silver itself") {
      w.member("acme", "silver", "2019-01-01", {}, "lf");
      expect_clean(w.build(), on);
    }
  }

  TEST_CASE(
      "conflicting-seats: one person on two bodies that exclude each other") {
    world w;
    w.board({fixed("at-large", 1)},
            body_rules{.exclusive_with = {body_id{"coc"}}});
    w.board({fixed("member", 1)}, {}, "coc");
    w.sit("ann", "at-large", "2020-01-01");
    SUBCASE("ann on both") {
      w.sit("ann", "member", "2020-01-01", {}, {}, "coc");
      expect_only(w.build(), on, "conflicting-seats", severity::error,
                  {"board", "coc", "ann"});
    }
    SUBCASE("clean: bob on the committee") {
      w.sit("bob", "member", "2020-01-01", {}, {}, "coc");
      expect_clean(w.build(), on);
    }
  }

  TEST_CASE(
      "check_all: date ranges, open ends, a finding that stops and starts "
      "again") {
    // acme is premier from 2020; beta joins premier in 2021, but bob takes
    // a seat for beta half a year before that.
    world w;
    w.member("acme", "premier", "2020-01-01")
        .member("beta", "premier", "2021-01-01");
    w.board({per_member("premier", "premier")});
    w.sit("bob", "premier", "2020-06-01", "beta");
    const auto all = check_all(w.build());
    REQUIRE(all.size() == 3);
    CHECK(all[0].code == "seat-vacant");  // acme's seat, before bob sits
    CHECK(all[0].when == period{d("2020-01-01"), d("2020-06-01")});
    CHECK(all[1].code == "seat-without-membership");
    CHECK(all[1].subjects == ids{"board", "premier", "bob", "beta"});
    CHECK(all[1].when == period{d("2020-06-01"), d("2021-01-01")});
    CHECK(all[2].code ==
          "seat-vacant");  // acme's seat again, once beta is a member
    CHECK(all[2].when == period{d("2021-01-01"), std::nullopt});
  }

  // Worked out by hand: acme, beta and gamma are premier members from
  // 2020-01-01 (3 seats owed), acme-sub joins on 2021-01-01 (4 owed); ann
  // sits for acme from 2020-01-01, bob for beta from 2021-06-01. The class
  // is short of seats all along, but its figures change twice.
  TEST_CASE(
      "check_all: a finding whose figures change is split into consecutive "
      "ranges, each with its own figures") {
    world w;
    w.member("acme", "premier", "2020-01-01")
        .member("beta", "premier", "2020-01-01")
        .member("gamma", "premier", "2020-01-01")
        .member("acme-sub", "premier", "2021-01-01");
    w.board({per_member("premier", "premier")});
    w.sit("ann", "premier", "2020-01-01", "acme")
        .sit("bob", "premier", "2021-06-01", "beta");
    const auto reg = w.build();
    const auto all = check_all(reg);
    REQUIRE_MESSAGE(all.size() == 3, listing(all));
    const ids subjects{"board", "premier"};
    const std::vector<std::pair<period, std::string>> expected{
        {{d("2020-01-01"), d("2021-01-01")},
         "class premier of board has 1 of 3 seats filled"},
        {{d("2021-01-01"), d("2021-06-01")},
         "class premier of board has 1 of 4 seats filled"},
        {{d("2021-06-01"), std::nullopt},
         "class premier of board has 2 of 4 seats filled"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CAPTURE(i);
      CHECK(all[i].code == "seat-vacant");
      CHECK(all[i].subjects == subjects);
      CHECK(all[i].when == expected[i].first);
      CHECK(all[i].message == expected[i].second);
      // check() on the range's first and last day says the same.
      const date last = expected[i].first.to
                            ? add_days(*expected[i].first.to, -1)
                            : d("2030-01-01");
      for (const date day : {expected[i].first.from, last}) {
        const auto at = check(reg, day);
        REQUIRE(at.size() == 1);
        CHECK(at[0].message == expected[i].second);
      }
    }
    // Over all days, the same ranges.
    CHECK(all == day_by_day(reg, d("2020-01-01"), d("2022-01-01")));
  }

  TEST_CASE(
      "check_all: the term limit's message holds on every day of its range") {
    // Three terms of two years from 2010: past the limit from 2016 on, and
    // still in 2030 (one open range, one message, whatever the date).
    world w;
    w.board({fixed("at-large", 1)},
            body_rules{.term_years = 2, .max_consecutive_terms = 3});
    w.sit("ann", "at-large", "2010-01-01");
    const auto reg = w.build();
    const auto all = check_all(reg);
    REQUIRE(all.size() == 1);
    CHECK(all[0].message ==
          "ann has sat on board without a break since 2010-01-01, past the "
          "limit of 3 terms of 2 years (reached 2016-01-01)");
    for (const char* day : {"2016-01-01", "2019-05-05", "2030-01-01"}) {
      const auto at = check(reg, d(day));
      REQUIRE(at.size() == 1);
      CHECK(at[0].message == all[0].message);
    }
  }

  TEST_CASE("check and check_all on a scope") {
    world w;
    w.board({fixed("at-large", 2)});
    w.board({fixed("member", 1)}, {}, "coc");
    w.sit("ann", "at-large", "2020-01-01")
        .sit("bob", "member", "2020-01-01", {}, {}, "coc");
    const auto reg = w.build();
    CHECK(check(reg, on, {.body = body_id{"coc"}}).empty());
    CHECK(check(reg, on, {.body = body_id{"board"}}).size() == 1);
    CHECK(check(reg, on, {.foundation = foundation_id{"f"}}).size() == 1);
    CHECK(check_all(reg, {.body = body_id{"coc"}}).empty());
    CHECK_THROWS_AS(check(reg, on, {.body = body_id{"nope"}}), not_found_error);
    CHECK(has_errors({finding{.code = "x", .severity = severity::error}}));
    CHECK_FALSE(
        has_errors({finding{.code = "x", .severity = severity::warning}}));
  }

  TEST_CASE(
      "elected entitlement: 0 for no members, ceil or floor of n / per, "
      "clamped to min and max") {
    world w;
    w.board({elected("up", "general", 2, {}, {}),
             elected("down", "general", 2, {}, {}, rounding::down),
             elected("min", "general", 10, 2, {}),
             elected("max", "general", 1, {}, 3),
             elected("zero", "general", 1, 1, 5)});
    auto entitled = [](const registry& reg, const char* cls) {
      return reg.entitlement_of(body_id{"board"}, seat_class_id{cls}, on).seats;
    };
    const char* orgs[] = {"o1", "o2", "o3", "o4", "o5"};
    SUBCASE("n = 0: no seats, even with a minimum") {
      const auto reg = w.build();
      for (const char* c : {"up", "down", "min", "max", "zero"})
        CHECK(entitled(reg, c) == 0);
    }
    SUBCASE("n = 4: exact multiple of 2") {
      for (int i = 0; i < 4; ++i) {
        w.b.add(organization{.id = org_id{orgs[i]}, .name = orgs[i]});
        w.member(orgs[i], "general", "2020-01-01");
      }
      const auto reg = w.build();
      CHECK(entitled(reg, "up") == 2);
      CHECK(entitled(reg, "down") == 2);
      CHECK(entitled(reg, "min") == 2);  // ceil(4 / 10) = 1, raised to 2
      CHECK(entitled(reg, "max") == 3);  // 4, capped at 3
      CHECK(entitled(reg, "zero") == 4);
    }
    SUBCASE("n = 5: rounding up and down") {
      for (const char* o : orgs) {
        w.b.add(organization{.id = org_id{o}, .name = o});
        w.member(o, "general", "2020-01-01");
      }
      const auto reg = w.build();
      CHECK(entitled(reg, "up") == 3);
      CHECK(entitled(reg, "down") == 2);
      CHECK(entitled(reg, "min") == 2);
      CHECK(entitled(reg, "max") == 3);
      CHECK(entitled(reg, "zero") == 5);
    }
    SUBCASE("n = 1 with round down: floor(1 / 2) = 0, no minimum") {
      w.b.add(organization{.id = org_id{"o1"}, .name = "o1"});
      w.member("o1", "general", "2020-01-01");
      const auto reg = w.build();
      CHECK(entitled(reg, "up") == 1);
      CHECK(entitled(reg, "down") == 0);
      CHECK(entitled(reg, "min") == 2);
      CHECK(entitled(reg, "max") == 1);
      CHECK(entitled(reg, "zero") == 1);
    }
  }

  // Dues, worked out by hand from the spec (governance-records.md): g's
  // invoices are due 30 days after issue and have 10 days' grace; an
  // invoice due 2021-01-31 is overdue from 2021-02-01 and lapses the
  // membership from 2021-01-31 + 10 + 1 = 2021-02-11, each to the day it
  // is paid in full (exclusive).
  TEST_CASE("dues-overdue: an invoice not paid in full by its due date") {
    world w;
    w.billing_foundation();
    SUBCASE("unpaid, due by default 30 days after issue") {
      w.invoice_to("inv-1", "acme", "g", "2021-01-01", {});
      const auto reg = w.build();
      CHECK(check(reg, d("2021-01-31")).empty());  // the due date itself
      expect_only(reg, d("2021-02-01"), "dues-overdue", severity::warning,
                  {"inv-1", "acme"});
      // No membership of g: nothing lapses.
      CHECK(spans_of(check_all(reg)) ==
            std::vector<dated>{
                {"dues-overdue", {"inv-1", "acme"}, "2021-02-01", ""}});
    }
    SUBCASE("paid in full in two payments, the second on 2021-02-10") {
      w.invoice_to("inv-1", "acme", "g", "2021-01-01", "2021-01-31",
                   {{"2021-01-20", 400}, {"2021-02-10", 600}});
      const auto reg = w.build();
      CHECK(
          spans_of(check_all(reg)) ==
          std::vector<dated>{
              {"dues-overdue", {"inv-1", "acme"}, "2021-02-01", "2021-02-10"}});
      CHECK(check(reg, d("2021-02-10")).empty());
    }
    SUBCASE("clean: paid in full on the day after its due date (empty span)") {
      w.invoice_to("inv-1", "acme", "g", "2021-01-01", "2021-01-31",
                   {{"2021-02-01", 1000}});
      expect_clean(w.build(), d("2021-02-01"));
    }
    SUBCASE("clean: paid on its due date") {
      w.invoice_to("inv-1", "acme", "g", "2021-01-01", "2021-01-31",
                   {{"2021-01-31", 1000}});
      expect_clean(w.build(), d("2021-02-01"));
    }
  }

  TEST_CASE(
      "membership-lapsed: a membership in force while its invoice is unpaid "
      "past the grace") {
    world w;
    w.billing_foundation();
    SUBCASE("unpaid: lapsed from due + grace + 1 while the membership holds") {
      w.member("acme", "member", "2020-01-01", "2021-03-01", "g");
      w.invoice_to("inv-1", "acme", "g", "2021-01-01", {});
      const auto reg = w.build();
      // The last day of grace: overdue, not lapsed.
      expect_only(reg, d("2021-02-10"), "dues-overdue", severity::warning,
                  {"inv-1", "acme"});
      const auto found = check(reg, d("2021-02-11"));
      REQUIRE(found.size() == 2);
      CHECK(found[1].code == "membership-lapsed");
      CHECK(found[1].severity == severity::error);
      CHECK(found[1].subjects == ids{"acme", "g", "inv-1"});
      CHECK(spans_of(check_all(reg)) ==
            std::vector<dated>{
                {"dues-overdue", {"inv-1", "acme"}, "2021-02-01", ""},
                {"membership-lapsed",
                 {"acme", "g", "inv-1"},
                 "2021-02-11",
                 "2021-03-01"}});
    }
    SUBCASE("paid late: lapsed until the day it is paid in full") {
      w.member("acme", "member", "2020-01-01", {}, "g");
      w.invoice_to("inv-1", "acme", "g", "2021-01-01", {},
                   {{"2021-02-20", 1000}});
      CHECK(spans_of(check_all(w.build())) ==
            std::vector<dated>{
                {"dues-overdue", {"inv-1", "acme"}, "2021-02-01", "2021-02-20"},
                {"membership-lapsed",
                 {"acme", "g", "inv-1"},
                 "2021-02-11",
                 "2021-02-20"}});
    }
    SUBCASE(
        "a payment completing it on the day of the grace limit: overdue, "
        "never lapsed") {
      w.member("acme", "member", "2020-01-01", {}, "g");
      w.invoice_to("inv-1", "acme", "g", "2021-01-01", {},
                   {{"2021-02-05", 500}, {"2021-02-11", 500}});
      const auto reg = w.build();
      CHECK(check(reg, d("2021-02-11")).empty());
      CHECK(
          spans_of(check_all(reg)) ==
          std::vector<dated>{
              {"dues-overdue", {"inv-1", "acme"}, "2021-02-01", "2021-02-11"}});
    }
    SUBCASE("clean: paid on time, member throughout") {
      w.member("acme", "member", "2020-01-01", {}, "g");
      w.invoice_to("inv-1", "acme", "g", "2021-01-01", {},
                   {{"2021-01-31", 1000}});
      expect_clean(w.build(), d("2021-03-01"));
    }
  }

  // Alternates, worked out by hand from the spec: an alternate seat needs
  // its principal seated in the same body and class, for the same
  // organization, on every day it is in force.
  TEST_CASE("alternate-without-principal and alternate-other-organization") {
    world w;
    w.person_at("al", "acme");
    w.board({fixed("members", 1), fixed("other", 1)});
    SUBCASE("the principal's seat ends before the alternate's") {
      w.sit("ann", "members", "2020-01-01", "acme", "2022-01-01")
          .sit("bob", "other", "2020-01-01", "beta")
          .alternate("al", "members", "ann", "2020-01-01", "acme");
      const auto reg = w.build();
      CHECK(check(reg, d("2021-12-31")).empty());
      const auto found = check(reg, d("2022-01-01"));
      REQUIRE(found.size() == 2);  // and the class is vacant
      CHECK(found[0].code == "alternate-without-principal");
      CHECK(found[0].severity == severity::error);
      CHECK(found[0].subjects == ids{"board", "al", "ann"});
      CHECK(spans_of(check_all(reg), "alternate-without-principal") ==
            std::vector<dated>{{"alternate-without-principal",
                                {"board", "al", "ann"},
                                "2022-01-01",
                                ""}});
    }
    SUBCASE("the principal sits in another class only") {
      w.sit("ann", "other", "2020-01-01", "acme")
          .sit("bob", "members", "2020-01-01", "beta")
          .alternate("al", "members", "ann", "2020-01-01", "acme");
      expect_only(w.build(), on, "alternate-without-principal", severity::error,
                  {"board", "al", "ann"});
    }
    SUBCASE("the alternate represents another organization (acme-sub)") {
      w.sit("ann", "members", "2020-01-01", "acme")
          .sit("bob", "other", "2020-01-01", "beta")
          .alternate("cy", "members", "ann", "2021-01-01", "acme-sub",
                     "2021-07-01");
      const auto reg = w.build();
      expect_only(reg, d("2021-03-01"), "alternate-other-organization",
                  severity::warning, {"board", "cy", "ann"});
      CHECK(spans_of(check_all(reg)) ==
            std::vector<dated>{{"alternate-other-organization",
                                {"board", "cy", "ann"},
                                "2021-01-01",
                                "2021-07-01"}});
    }
    SUBCASE("clean: an alternate for the same organization, same class") {
      w.sit("ann", "members", "2020-01-01", "acme")
          .sit("bob", "other", "2020-01-01", "beta")
          .alternate("al", "members", "ann", "2020-01-01", "acme");
      expect_clean(w.build(), on);
    }
  }

  // Quorum, worked out by hand from the spec: board has three voting
  // members (ann, bob, dee) and a quorum of 2/3; a member represented by
  // someone who is not their alternate, in a body without proxies, is not
  // counted.
  TEST_CASE("quorum-not-met: counted / voting members below the quorum") {
    using enum attendance_status;
    world w;
    const auto regular = meeting_kind::regular;
    SUBCASE("2 of 3 is exactly 2/3: met") {
      w.board({fixed("members", 3)}, body_rules{.quorum = 2.0 / 3});
      w.sit("ann", "members", "2020-01-01")
          .sit("bob", "members", "2020-01-01")
          .sit("dee", "members", "2020-01-01");
      w.meet("m1", "2022-03-01", regular,
             {{"ann", present, nullptr},
              {"bob", present, nullptr},
              {"dee", absent, nullptr}},
             true);
      expect_clean(w.build(), d("2022-03-01"));
    }
    SUBCASE("bob represented by cy, not his alternate, no proxies: 1 of 3") {
      w.board({fixed("members", 3)}, body_rules{.quorum = 2.0 / 3});
      w.sit("ann", "members", "2020-01-01")
          .sit("bob", "members", "2020-01-01")
          .sit("dee", "members", "2020-01-01");
      SUBCASE("no votes: a warning, on the meeting's day alone") {
        w.meet("m1", "2022-03-01", regular,
               {{"ann", present, nullptr}, {"bob", represented, "cy"}});
        const auto reg = w.build();
        expect_only(reg, d("2022-03-01"), "quorum-not-met", severity::warning,
                    {"m1", "board"});
        CHECK(spans_of(check_all(reg)) == std::vector<dated>{{"quorum-not-met",
                                                              {"m1", "board"},
                                                              "2022-03-01",
                                                              "2022-03-02"}});
      }
      SUBCASE("a vote taken: an error") {
        w.meet("m1", "2022-03-01", regular,
               {{"ann", present, nullptr}, {"bob", represented, "cy"}}, true);
        expect_only(w.build(), d("2022-03-01"), "quorum-not-met",
                    severity::error, {"m1", "board"});
      }
      SUBCASE("clean: cy is bob's alternate") {
        w.alternate("cy", "members", "bob", "2020-01-01");
        w.meet("m1", "2022-03-01", regular,
               {{"ann", present, nullptr}, {"bob", represented, "cy"}}, true);
        expect_clean(w.build(), d("2022-03-01"));
      }
    }
    SUBCASE("clean: the body allows proxies") {
      w.board({fixed("members", 3)},
              body_rules{.quorum = 2.0 / 3, .proxies = true});
      w.sit("ann", "members", "2020-01-01")
          .sit("bob", "members", "2020-01-01")
          .sit("dee", "members", "2020-01-01");
      w.meet("m1", "2022-03-01", regular,
             {{"ann", present, nullptr}, {"bob", represented, "cy"}}, true);
      expect_clean(w.build(), d("2022-03-01"));
    }
  }

  // Suspensions, worked out by hand from the spec: with
  // suspend_after_missed 2, bob misses the regular meetings of 2022-01-10
  // (absent) and 2022-02-10 (not listed), so his vote is suspended from the
  // next meeting, the special one of 2022-02-20, which he attends without
  // ending it; being represented on 2022-03-10 does not end it either; he
  // attends the regular meeting of 2022-04-10, which ends it.
  TEST_CASE(
      "vote-suspended: after N missed regular meetings, until the next "
      "regular meeting attended") {
    using enum attendance_status;
    const auto regular = meeting_kind::regular;
    world w;
    w.board({fixed("members", 2)}, body_rules{.suspend_after_missed = 2});
    w.sit("ann", "members", "2020-01-01").sit("bob", "members", "2020-01-01");
    w.meet("r1", "2022-01-10", regular,
           {{"ann", present, nullptr}, {"bob", absent, nullptr}});
    SUBCASE("suspended from the special meeting to the attended regular one") {
      w.meet("r2", "2022-02-10", regular, {{"ann", present, nullptr}})
          .meet("s1", "2022-02-20", meeting_kind::special,
                {{"ann", present, nullptr}, {"bob", present, nullptr}})
          .meet("r3", "2022-03-10", regular,
                {{"ann", present, nullptr}, {"bob", represented, "ann"}})
          .meet("r4", "2022-04-10", regular,
                {{"ann", present, nullptr}, {"bob", present, nullptr}});
      const auto reg = w.build();
      CHECK(check(reg, d("2022-02-19")).empty());
      expect_only(reg, d("2022-02-20"), "vote-suspended", severity::warning,
                  {"board", "bob"});
      CHECK(check(reg, d("2022-04-10")).empty());
      CHECK(spans_of(check_all(reg)) == std::vector<dated>{{"vote-suspended",
                                                            {"board", "bob"},
                                                            "2022-02-20",
                                                            "2022-04-10"}});
    }
    SUBCASE("clean: represented is not a miss") {
      w.meet("r2", "2022-02-10", regular,
             {{"ann", present, nullptr}, {"bob", represented, "ann"}})
          .meet("r3", "2022-03-10", regular, {{"ann", present, nullptr}})
          .meet("r4", "2022-04-10", regular, {{"ann", present, nullptr}});
      // bob misses r3 and r4: suspended from the next meeting, none yet.
      expect_clean(w.build(), d("2022-04-11"));
    }
  }

  // Reports, worked out by hand from the spec: pmc's report for 2024-01 is
  // on time when submitted by 2024-01-31; otherwise it is missing from
  // 2024-02-01 to the day it is submitted (exclusive). check_all covers the
  // months whose report goes missing on or before the last date the
  // registry names.
  TEST_CASE(
      "report-missing: a scheduled report not submitted by the end of "
      "its month") {
    world w;
    w.reporting_pmc();
    SUBCASE("submitted two days late: missing on 2024-02-01 alone") {
      w.report("pmc", "2024-01", "2024-02-02");
      const auto reg = w.build();
      expect_only(reg, d("2024-02-01"), "report-missing", severity::warning,
                  {"pmc", "2024-01"});
      CHECK(check(reg, d("2024-02-02")).empty());
      CHECK(spans_of(check_all(reg)) == std::vector<dated>{{"report-missing",
                                                            {"pmc", "2024-01"},
                                                            "2024-02-01",
                                                            "2024-02-02"}});
    }
    SUBCASE(
        "never submitted: missing, open, and 2025-01's too once the "
        "registry reaches 2025-02-01") {
      // The registry's last date: an affiliation of someone never seated.
      w.b.add(person{.id = person_id{"zed"},
                     .name = "zed",
                     .affiliations = {affiliation{
                         .org = org_id{"beta"},
                         .when = {d("2025-02-01"), std::nullopt}}}});
      const auto reg = w.build();
      expect_only(reg, d("2024-06-01"), "report-missing", severity::warning,
                  {"pmc", "2024-01"});
      CHECK(spans_of(check_all(reg)) ==
            std::vector<dated>{
                {"report-missing", {"pmc", "2024-01"}, "2024-02-01", ""},
                {"report-missing", {"pmc", "2025-01"}, "2025-02-01", ""}});
    }
    SUBCASE("clean: submitted on the last day of its month") {
      w.report("pmc", "2024-01", "2024-01-31");
      expect_clean(w.build(), d("2024-06-01"));
    }
    SUBCASE("clean: submitted a day late, on 2024-02-01 (an empty span)") {
      w.report("pmc", "2024-01", "2024-02-01");
      const auto reg = w.build();
      CHECK(check(reg, d("2024-02-01")).empty());
      expect_clean(reg, d("2024-06-01"));
    }
  }

  TEST_CASE(
      "check_all finds what check finds day by day: every part of a body "
      "and a foundation changing at its own dates") {
    // Each body and each member of a foundation is evaluated only where
    // what it reads changes; this world changes everything at different
    // dates, so a part that missed one would start or stop a finding on
    // the wrong day.
    world w;
    w.b.add(person{.id = person_id{"eve"},
                   .name = "eve",
                   .affiliations = {
                       affiliation{.org = org_id{"acme"},
                                   .when = {d("2019-06-01"), d("2021-01-01")}},
                       affiliation{.org = org_id{"beta"},
                                   .when = {d("2021-01-01"), std::nullopt}}}});
    // h requires general membership of f or better.
    w.b.add(foundation{
        .id = foundation_id{"h"},
        .name = "H",
        .tiers = {tier{.id = tier_id{"member"},
                       .name = "Member",
                       .rank = 1,
                       .requirements = {tier_requirement{foundation_id{"f"},
                                                         tier_id{"general"}}}}},
        .dues = dues_policy{.due_days = 30, .grace_days = 45}});
    // Dues: paid late, paid in part, unpaid across a membership's end, and
    // one paid in full on the day after its due date (no finding).
    w.invoice_to("inv-a", "acme", "h", "2020-07-01", {},
                 {{"2020-08-10", 300}, {"2020-10-02", 700}})
        .invoice_to("inv-b", "beta", "h", "2022-09-01", "2022-10-15",
                    {{"2022-11-01", 100}})
        .invoice_to("inv-c", "gamma", "f", "2021-05-01", {},
                    {{"2021-05-02", 1000}})
        .invoice_to("inv-d", "gamma", "h", "2021-05-01", "2021-06-01",
                    {{"2021-06-02", 1000}});
    w.member("acme", "premier", "2020-01-01", "2022-01-01")
        .member("acme", "general", "2022-01-01")
        .member("beta", "general", "2020-03-01", "2021-06-01")
        .member("gamma", "premier", "2021-01-01")
        .member("acme", "member", "2020-06-01", {}, "h")
        .member("beta", "member", "2020-06-01", "2023-01-01", "h")
        .member("gamma", "member", "2020-02-01", {}, "h");
    auto ed = seat_class{.id = seat_class_id{"ed"},
                         .mode = seat_mode::ex_officio,
                         .role = "Executive Director"};
    w.board(
        {per_member("premier", "premier"),
         elected("general", "general", 1, {}, {}), fixed("at-large", 1), ed},
        body_rules{.max_per_family = 1,
                   .term_years = 1,
                   .max_consecutive_terms = 2,
                   .min_size = 2,
                   .max_size = 4,
                   .exclusive_with = {body_id{"audit"}}});
    w.b.add(body{.id = body_id{"audit"},
                 .name = "audit",
                 .owner = foundation_id{"f"},
                 .seat_classes = {fixed("members", 2)},
                 .rules = body_rules{.quorum = 0.6,
                                     .exclusive_with = {body_id{"board"}},
                                     .suspend_after_missed = 2},
                 .reporting = reporting_schedule{.to = body_id{"board"},
                                                 .months = {3, 9}}});
    // audit's meetings: quorum missed with and without votes, a suspension
    // through a special meeting, one that starts after its holder's seat
    // ends.
    {
      using enum attendance_status;
      const auto regular = meeting_kind::regular;
      w.meet("a1", "2020-02-01", regular, {{"bob", present, nullptr}}, false,
             "audit")
          .meet("a2", "2020-03-01", regular,
                {{"bob", present, nullptr}, {"dee", absent, nullptr}}, true,
                "audit")
          .meet("a3", "2020-04-01", meeting_kind::special,
                {{"bob", present, nullptr}}, true, "audit")
          .meet("a4", "2021-02-01", regular,
                {{"bob", present, nullptr},
                 {"dee", present, nullptr},
                 {"cy", represented, "bob"}},
                true, "audit")
          .meet("a5", "2021-03-01", regular, {{"bob", present, nullptr}}, false,
                "audit")
          .meet("a6", "2021-05-01", regular, {{"bob", present, nullptr}}, false,
                "audit")
          .meet("a7", "2021-07-01", regular, {{"bob", present, nullptr}}, false,
                "audit");
    }
    // audit's reports: on time, late, a day late (no finding), missing; the
    // last (2025-01-01) is the last date the registry names.
    w.report("audit", "2020-03", "2020-03-31")
        .report("audit", "2020-09", "2020-11-15")
        .report("audit", "2021-03", "2021-04-01")
        .report("audit", "2022-09", "2025-01-01");
    // A project hosted by acme, then by f.
    w.b.add(project{
        .id = project_id{"p"},
        .name = "P",
        .stewards = {
            steward{org_id{"acme"}, {d("2020-01-01"), d("2020-11-01")}, {}},
            steward{foundation_id{"f"}, {d("2020-11-01"), std::nullopt}, {}}}});
    w.b.add(body{
        .id = body_id{"tsc"},
        .name = "TSC",
        .owner = project_id{"p"},
        .seat_classes = {per_member("premier", "premier"), fixed("maint", 2),
                         seat_class{.id = seat_class_id{"lead"},
                                    .mode = seat_mode::ex_officio,
                                    .role = "Lead"}},
        .rules = body_rules{.max_fraction_per_family = 0.5}});
    w.b.add(role{person_id{"ann"},
                 "Executive Director",
                 foundation_id{"f"},
                 {d("2021-01-01"), d("2022-01-01")},
                 {}});
    w.b.add(role{person_id{"bob"},
                 "Lead",
                 project_id{"p"},
                 {d("2020-05-01"), std::nullopt},
                 {}});
    w.sit("ann", "premier", "2020-01-01", "acme")
        .sit("bob", "premier", "2020-06-01", "beta", "2021-03-01")
        .sit("dee", "general", "2021-02-01", "gamma")
        .sit("cy", "at-large", "2020-01-01", {}, "2020-12-31")
        .sit("cy", "at-large", "2020-12-31", {}, "2023-06-01")
        .sit("ann", "ed", "2021-03-01", {}, "2021-04-01", "board",
             office::chair)
        .sit("cy", "members", "2021-01-01", {}, "2021-06-01", "audit")
        .sit("bob", "members", "2020-01-01", {}, {}, "audit")
        .sit("dee", "members", "2020-01-01", {}, "2022-01-01", "audit")
        .sit("eve", "maint", "2019-06-01", {}, {}, "tsc")
        .sit("cy", "maint", "2020-09-01", {}, "2024-01-01", "tsc")
        .sit("ann", "premier", "2020-10-01", "acme", {}, "tsc")
        .sit("bob", "lead", "2020-05-01", "gamma", {}, "tsc")
        .sit("eve", "at-large", "2020-07-01", "acme", "2021-09-01");
    // Alternates: dee for cy (at-large, for gamma: another organization),
    // outliving cy's seat; eve for bob on the tsc, for beta (bob's lead
    // seat is for gamma).
    w.b.add(seat{.body = body_id{"board"},
                 .seat_class = seat_class_id{"at-large"},
                 .person = person_id{"dee"},
                 .represents = org_id{"gamma"},
                 .when = {d("2022-05-01"), d("2023-09-01")},
                 .alternate_for = person_id{"cy"}});
    w.b.add(seat{.body = body_id{"tsc"},
                 .seat_class = seat_class_id{"lead"},
                 .person = person_id{"eve"},
                 .represents = org_id{"beta"},
                 .when = {d("2021-02-01"), std::nullopt},
                 .alternate_for = person_id{"bob"}});
    // Two chairs at once: ann (above) and bob, for a month.
    w.b.add(seat{.body = body_id{"board"},
                 .seat_class = seat_class_id{"at-large"},
                 .person = person_id{"bob"},
                 .office = office::chair,
                 .when = {d("2021-03-15"), d("2021-04-15")}});
    const auto reg = w.build();
    const date first = d("2019-06-01"), last = d("2025-01-01");

    const auto all = check_all(reg);
    const auto expected = day_by_day(reg, first, last);
    CHECK_MESSAGE(all == expected, (listing(all) + "--\n" + listing(expected)));
    // The world does raise every kind of finding.
    std::set<std::string> codes;
    for (const auto& f : all) codes.insert(f.code);
    CHECK(codes ==
          std::set<std::string>{
              "alternate-other-organization", "alternate-without-principal",
              "body-size-out-of-range", "conflicting-seats", "dues-overdue",
              "family-cap-exceeded", "membership-lapsed", "office-held-twice",
              "prerequisite-missing", "quorum-not-met", "report-missing",
              "representative-not-affiliated", "seat-vacant",
              "seat-without-membership", "seats-over-entitlement",
              "term-limit-exceeded", "vote-suspended"});
    // audit's meetings, by hand: bob alone of bob and dee at a1 and a2
    // (1/2 < 0.6; a2 took a vote); dee misses a1 and a2, so is suspended
    // from a3 (special) to a4, where she is present; cy (represented at a4,
    // no miss) and dee miss a5 and a6 (1/3 each), so both are suspended
    // from a7 on, cy after his seat has ended (the spec's span: from the
    // first meeting at which it is suspended).
    CHECK(spans_of(all, "vote-suspended") ==
          std::vector<dated>{
              {"vote-suspended", {"audit", "dee"}, "2020-04-01", "2021-02-01"},
              {"vote-suspended", {"audit", "cy"}, "2021-07-01", ""},
              {"vote-suspended", {"audit", "dee"}, "2021-07-01", ""}});
    auto quorum = spans_of(all, "quorum-not-met");
    CHECK(quorum ==
          std::vector<dated>{
              {"quorum-not-met", {"a1", "audit"}, "2020-02-01", "2020-02-02"},
              {"quorum-not-met", {"a2", "audit"}, "2020-03-01", "2020-03-02"},
              {"quorum-not-met", {"a5", "audit"}, "2021-03-01", "2021-03-02"},
              {"quorum-not-met", {"a6", "audit"}, "2021-05-01", "2021-05-02"}});
    for (const auto& f : all)
      if (f.code == "quorum-not-met")
        CHECK(f.severity ==
              (f.subjects[0] == "a2" ? severity::error : severity::warning));
    // Each scope's first change point is eve's first affiliation too (she
    // sits on the board, which the audit committee excludes).
    for (const auto& scope : {check_scope{.foundation = foundation_id{"f"}},
                              check_scope{.body = body_id{"tsc"}},
                              check_scope{.body = body_id{"audit"}}})
      CHECK(check_all(reg, scope) == day_by_day(reg, first, last, scope));
  }

  TEST_CASE(
      "check_all on many bodies (shared among threads) finds what check "
      "finds day by day, a conflict between two bodies once") {
    world w;
    w.member("acme", "premier", "2020-01-01", "2020-07-01")
        .member("beta", "premier", "2020-04-01");
    const char* people[] = {"ann", "bob", "cy", "dee"};
    const char* orgs[] = {"acme", "beta", "acme-sub", "gamma"};
    std::vector<std::string> names;
    for (int i = 0; i < 80; ++i) names.push_back("c" + std::to_string(i));
    for (int i = 0; i < 80; ++i) {
      // Neighbours exclude each other, both ways.
      const auto& prev = names[static_cast<std::size_t>((i + 79) % 80)];
      const auto& next = names[static_cast<std::size_t>((i + 1) % 80)];
      w.board({fixed("members", 2), per_member("premier", "premier")},
              body_rules{.max_per_family = 1,
                         .term_years = 1,
                         .max_consecutive_terms = 1,
                         .exclusive_with = {body_id{prev}, body_id{next}}},
              names[static_cast<std::size_t>(i)].c_str());
      const auto month = [](int m) {
        return fmt_date(2020 + m / 12, m % 12 + 1);
      };
      const auto* who = people[i % 4];
      w.sit(who, "members", month(i % 12).c_str(), {},
            month(i % 12 + 3 + i % 5).c_str(),
            names[static_cast<std::size_t>(i)].c_str());
      w.sit(people[(i + 1) % 4], "premier", month(i % 7).c_str(),
            orgs[(i + 1) % 4], {}, names[static_cast<std::size_t>(i)].c_str());
    }
    const auto reg = w.build();
    const auto all = check_all(reg);
    const auto expected = day_by_day(reg, d("2020-01-01"), d("2022-01-01"));
    CHECK_MESSAGE(all == expected, (listing(all) + "--\n" + listing(expected)));
    CHECK(std::any_of(all.begin(), all.end(), [](const finding& f) {
      return f.code == "conflicting-seats";
    }));
  }
}
