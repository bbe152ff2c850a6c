#include <charter/date.hpp>
#include <charter/error.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>
#include <type_traits>

namespace {

using charter::date;
using charter::period;

constexpr date ymd(int y, unsigned m, unsigned d) {
  return date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// Periods and day arithmetic are usable at compile time, like date's types.
static_assert(std::is_trivially_copyable_v<date>);
static_assert(std::is_nothrow_copy_constructible_v<period>);
static_assert(std::is_nothrow_move_constructible_v<period>);
static_assert(std::is_aggregate_v<period>);

static_assert(charter::add_days(ymd(2024, 2, 28)) == ymd(2024, 2, 29));
static_assert(charter::add_days(ymd(2023, 2, 28)) == ymd(2023, 3, 1));
static_assert(charter::add_days(ymd(2023, 12, 31)) == ymd(2024, 1, 1));
static_assert(charter::add_days(ymd(2024, 1, 1), -1) == ymd(2023, 12, 31));
static_assert(charter::add_days(ymd(2024, 1, 1), 0) == ymd(2024, 1, 1));
static_assert(charter::add_days(ymd(2024, 1, 1), 366) == ymd(2025, 1, 1));

constexpr period closed{ymd(2022, 1, 1), ymd(2023, 1, 1)};
constexpr period open{ymd(2022, 9, 12), std::nullopt};

static_assert(closed.ok() && open.ok());
static_assert(!period{ymd(2022, 1, 1), ymd(2022, 1, 1)}.ok());
static_assert(!period{ymd(2022, 1, 2), ymd(2022, 1, 1)}.ok());
static_assert(period{ymd(2022, 1, 1), ymd(2022, 1, 2)}.ok());
static_assert(open.open_ended() && !closed.open_ended());
static_assert(closed.contains(ymd(2022, 1, 1)));   // from is included
static_assert(!closed.contains(ymd(2023, 1, 1)));  // to is not
static_assert(closed.contains(ymd(2022, 12, 31)));
static_assert(!closed.contains(ymd(2021, 12, 31)));
static_assert(open.contains(ymd(9999, 12, 31)));
static_assert(!open.contains(ymd(2022, 9, 11)));
static_assert(closed.overlaps(open) && open.overlaps(closed));
static_assert(closed.intersect(open) ==
              period{ymd(2022, 9, 12), ymd(2023, 1, 1)});
static_assert(closed.meets(period{ymd(2023, 1, 1), std::nullopt}));
static_assert(closed == period{ymd(2022, 1, 1), ymd(2023, 1, 1)});
static_assert(closed != open);

}  // namespace

TEST_SUITE("date") {
  TEST_CASE("try_parse_date accepts exactly YYYY-MM-DD of a real day") {
    CHECK(charter::try_parse_date("2022-09-12") == ymd(2022, 9, 12));
    CHECK(charter::try_parse_date("2016-01-01") == ymd(2016, 1, 1));
    CHECK(charter::try_parse_date("1999-12-31") == ymd(1999, 12, 31));
    CHECK(charter::try_parse_date("2024-02-29") == ymd(2024, 2, 29));
    CHECK(charter::try_parse_date("2000-02-29") == ymd(2000, 2, 29));
    CHECK(charter::try_parse_date("9999-12-31") == ymd(9999, 12, 31));
  }

  TEST_CASE("try_parse_date rejects days that do not exist") {
    CHECK_FALSE(charter::try_parse_date("2023-02-29"));
    CHECK_FALSE(charter::try_parse_date("1900-02-29"));  // not a leap year
    CHECK_FALSE(charter::try_parse_date("2022-04-31"));
    CHECK_FALSE(charter::try_parse_date("2022-13-01"));
    CHECK_FALSE(charter::try_parse_date("2022-00-10"));
    CHECK_FALSE(charter::try_parse_date("2022-09-00"));
    CHECK_FALSE(charter::try_parse_date("2022-09-32"));
  }

  TEST_CASE("try_parse_date rejects other formats") {
    for (const char* text : {"",
                             "2022-9-12",
                             "2022-09-1",
                             "22-09-12",
                             "2022-09-12x",
                             "x2022-09-12",
                             " 2022-09-12",
                             "2022-09-12 ",
                             "2022/09/12",
                             "2022.09.12",
                             "20220912",
                             "2022-09-12T00:00",
                             "+022-09-12",
                             "-022-09-12",
                             "2022-+9-12",
                             "2022--9-12",
                             "2022-09- 1",
                             "abcd-ef-gh",
                             "2022_09_12",
                             "02022-09-12"}) {
      CAPTURE(text);
      CHECK_FALSE(charter::try_parse_date(text));
    }
  }

  TEST_CASE(
      "parse_date returns the date or throws parse_error naming the text") {
    CHECK(charter::parse_date("2022-09-12") == ymd(2022, 9, 12));
    CHECK_THROWS_AS(charter::parse_date("2023-02-29"), charter::parse_error);
    CHECK_THROWS_AS(charter::parse_date(""), charter::parse_error);
    try {
      charter::parse_date("2022-9-12");
      FAIL("parse_date accepted 2022-9-12");
    } catch (const charter::parse_error& e) {
      CHECK(std::string(e.what()).find("2022-9-12") != std::string::npos);
    }
    // parse_error is part of charter's hierarchy.
    CHECK_THROWS_AS(charter::parse_date("nope"), charter::error);
  }

  TEST_CASE("to_string writes YYYY-MM-DD with zero padding") {
    CHECK(charter::to_string(ymd(2022, 9, 12)) == "2022-09-12");
    CHECK(charter::to_string(ymd(2016, 1, 1)) == "2016-01-01");
    CHECK(charter::to_string(ymd(1999, 12, 31)) == "1999-12-31");
    CHECK(charter::to_string(ymd(5, 1, 2)) == "0005-01-02");
  }

  TEST_CASE("to_string and parse_date round trip") {
    for (date d = ymd(2023, 12, 1); d < ymd(2024, 3, 15);
         d = charter::add_days(d)) {
      const auto text = charter::to_string(d);
      CAPTURE(text);
      CHECK(charter::parse_date(text) == d);
    }
  }

  TEST_CASE(
      "try_parse_time accepts exactly YYYY-MM-DDTHH:MM:SSZ of a real time") {
    using namespace std::chrono;
    CHECK(charter::try_parse_time("2026-11-26T13:45:07Z") ==
          sys_days{ymd(2026, 11, 26)} + 13h + 45min + 7s);
    CHECK(charter::try_parse_time("1970-01-01T00:00:00Z") == sys_seconds{});
    CHECK(charter::try_parse_time("2024-02-29T23:59:59Z") ==
          sys_days{ymd(2024, 3, 1)} - 1s);
    CHECK(charter::try_parse_time("1969-12-31T23:59:59Z") ==
          sys_seconds{} - 1s);
    for (const char* text :
         {"", "2026-11-26", "2026-11-26T13:45", "2026-11-26T13:45:07",
          "2026-11-26T13:45:07z", "2026-11-26 13:45:07Z",
          "2026-11-26T13:45:07+00:00", "2026-11-26T13:45:07.5Z",
          "2026-11-26T24:00:00Z", "2026-11-26T13:60:00Z",
          "2026-11-26T23:59:60Z", "2023-02-29T00:00:00Z", "2026-11-26T1:45:07Z",
          "2026-11-26T13:45:0xZ", "2026-11-26T13-45-07Z",
          " 2026-11-26T13:45:07Z", "2026-11-26T13:45:07Z "}) {
      CAPTURE(text);
      CHECK_FALSE(charter::try_parse_time(text));
    }
  }

  TEST_CASE(
      "parse_time returns the time or throws parse_error naming the text") {
    CHECK(charter::parse_time("2026-11-26T13:45:07Z") ==
          *charter::try_parse_time("2026-11-26T13:45:07Z"));
    try {
      (void)charter::parse_time("2026-11-26");
      FAIL("parse_time accepted a date");
    } catch (const charter::parse_error& e) {
      CHECK(std::string(e.what()).find("'2026-11-26' is not a time") !=
            std::string::npos);
    }
  }

  TEST_CASE("to_string of a time: ISO 8601 UTC, whole seconds, zero padded") {
    using namespace std::chrono;
    CHECK(charter::to_string(sys_days{ymd(2026, 11, 26)} + 13h + 45min + 7s) ==
          "2026-11-26T13:45:07Z");
    CHECK(charter::to_string(sys_seconds{}) == "1970-01-01T00:00:00Z");
    CHECK(charter::to_string(sys_seconds{} - 1s) == "1969-12-31T23:59:59Z");
    CHECK(charter::to_string(sys_days{ymd(5, 1, 2)} + 1h + 2min + 3s) ==
          "0005-01-02T01:02:03Z");
    // Round trip, across a day, a month, a year and a leap day.
    for (sys_seconds t = sys_days{ymd(2023, 12, 31)} + 23h;
         t < sys_days{ymd(2024, 3, 2)}; t += 3h + 7min + 11s) {
      const auto text = charter::to_string(t);
      CAPTURE(text);
      CHECK(charter::parse_time(text) == t);
    }
  }

  TEST_CASE("add_days crosses months, years and leap days") {
    CHECK(charter::add_days(ymd(2022, 9, 11)) == ymd(2022, 9, 12));
    CHECK(charter::add_days(ymd(2022, 9, 30)) == ymd(2022, 10, 1));
    CHECK(charter::add_days(ymd(2024, 2, 29)) == ymd(2024, 3, 1));
    CHECK(charter::add_days(ymd(2024, 3, 1), -1) == ymd(2024, 2, 29));
    CHECK(charter::add_days(ymd(2023, 3, 1), -1) == ymd(2023, 2, 28));
    CHECK(charter::add_days(ymd(2022, 1, 1), 365) == ymd(2023, 1, 1));
    CHECK(charter::add_days(ymd(2023, 1, 1), -365) == ymd(2022, 1, 1));
  }

  TEST_CASE("today is a valid date") {
    const date t = charter::today();
    CHECK(t.ok());
    CHECK(t > ymd(2024, 1, 1));
    CHECK(t < ymd(2200, 1, 1));
  }

  TEST_CASE("period::ok requires to after from or no to") {
    CHECK(period{ymd(2022, 1, 1), std::nullopt}.ok());
    CHECK(period{ymd(2022, 1, 1), ymd(2022, 1, 2)}.ok());
    CHECK_FALSE(period{ymd(2022, 1, 1), ymd(2022, 1, 1)}.ok());
    CHECK_FALSE(period{ymd(2022, 1, 1), ymd(2021, 12, 31)}.ok());
  }

  TEST_CASE("period::contains: from inclusive, to exclusive") {
    const period p{ymd(2016, 9, 1), ymd(2022, 9, 12)};
    CHECK_FALSE(p.contains(ymd(2016, 8, 31)));
    CHECK(p.contains(ymd(2016, 9, 1)));
    CHECK(p.contains(ymd(2020, 6, 15)));
    CHECK(p.contains(ymd(2022, 9, 11)));
    CHECK_FALSE(p.contains(ymd(2022, 9, 12)));
    CHECK_FALSE(p.contains(ymd(2030, 1, 1)));

    const period one_day{ymd(2022, 9, 12), ymd(2022, 9, 13)};
    CHECK(one_day.contains(ymd(2022, 9, 12)));
    CHECK_FALSE(one_day.contains(ymd(2022, 9, 13)));
    CHECK_FALSE(one_day.contains(ymd(2022, 9, 11)));
  }

  TEST_CASE("period::contains: open-ended periods never end") {
    const period p{ymd(2022, 9, 12), std::nullopt};
    CHECK(p.open_ended());
    CHECK_FALSE(p.contains(ymd(2022, 9, 11)));
    CHECK(p.contains(ymd(2022, 9, 12)));
    CHECK(p.contains(ymd(2100, 1, 1)));
    CHECK_FALSE(period{ymd(2022, 9, 12), ymd(2023, 1, 1)}.open_ended());
  }

  TEST_CASE("period::overlaps") {
    const period a{ymd(2020, 1, 1), ymd(2021, 1, 1)};
    const period b{ymd(2020, 6, 1), ymd(2021, 6, 1)};
    const period touching{ymd(2021, 1, 1), ymd(2022, 1, 1)};
    const period later{ymd(2021, 2, 1), std::nullopt};
    const period earlier{ymd(2019, 1, 1), ymd(2019, 12, 31)};
    const period inside{ymd(2020, 3, 1), ymd(2020, 4, 1)};
    const period open_before{ymd(2010, 1, 1), std::nullopt};

    CHECK(a.overlaps(b));
    CHECK(b.overlaps(a));
    CHECK(a.overlaps(a));
    CHECK(a.overlaps(inside));
    CHECK(inside.overlaps(a));
    // Periods that only touch share no day: `to` is exclusive.
    CHECK_FALSE(a.overlaps(touching));
    CHECK_FALSE(touching.overlaps(a));
    CHECK_FALSE(a.overlaps(later));
    CHECK_FALSE(later.overlaps(a));
    CHECK_FALSE(a.overlaps(earlier));
    CHECK_FALSE(earlier.overlaps(a));
    // Open-ended periods.
    CHECK(later.overlaps(open_before));
    CHECK(open_before.overlaps(later));
    CHECK(open_before.overlaps(a));
    CHECK_FALSE(later.overlaps(period{ymd(2020, 1, 1), ymd(2021, 2, 1)}));
    CHECK(later.overlaps(period{ymd(2020, 1, 1), ymd(2021, 2, 2)}));
    // A one-day overlap counts.
    CHECK(a.overlaps(period{ymd(2020, 12, 31), ymd(2022, 1, 1)}));
  }

  TEST_CASE("period::intersect") {
    const period a{ymd(2020, 1, 1), ymd(2021, 1, 1)};
    const period b{ymd(2020, 6, 1), ymd(2021, 6, 1)};
    const period open{ymd(2020, 9, 1), std::nullopt};
    const period open_early{ymd(2019, 1, 1), std::nullopt};

    CHECK(a.intersect(b) == period{ymd(2020, 6, 1), ymd(2021, 1, 1)});
    CHECK(b.intersect(a) == period{ymd(2020, 6, 1), ymd(2021, 1, 1)});
    CHECK(a.intersect(open) == period{ymd(2020, 9, 1), ymd(2021, 1, 1)});
    CHECK(open.intersect(a) == period{ymd(2020, 9, 1), ymd(2021, 1, 1)});
    CHECK(open.intersect(open_early) == period{ymd(2020, 9, 1), std::nullopt});
    CHECK(open_early.intersect(open) == period{ymd(2020, 9, 1), std::nullopt});
    CHECK(a.intersect(a) == a);
    CHECK(a.intersect(period{ymd(2020, 3, 1), ymd(2020, 4, 1)}) ==
          period{ymd(2020, 3, 1), ymd(2020, 4, 1)});
    CHECK_FALSE(a.intersect(period{ymd(2021, 1, 1), std::nullopt}));
    CHECK_FALSE(a.intersect(period{ymd(2018, 1, 1), ymd(2020, 1, 1)}));
  }

  TEST_CASE("period::meets") {
    const period a{ymd(2016, 9, 1), ymd(2022, 9, 12)};
    CHECK(a.meets(period{ymd(2022, 9, 12), std::nullopt}));
    CHECK(a.meets(period{ymd(2022, 9, 12), ymd(2023, 1, 1)}));
    CHECK_FALSE(a.meets(period{ymd(2022, 9, 13), std::nullopt}));
    CHECK_FALSE(a.meets(period{ymd(2022, 9, 11), std::nullopt}));
    // meets is directional, and an open-ended period meets nothing.
    CHECK_FALSE(period{ymd(2022, 9, 12), std::nullopt}.meets(a));
    CHECK_FALSE(period{ymd(2022, 9, 12), ymd(2023, 1, 1)}.meets(a));
  }

  TEST_CASE("to_string of a period") {
    CHECK(charter::to_string(period{ymd(2022, 9, 12), std::nullopt}) ==
          "2022-09-12..");
    CHECK(charter::to_string(period{ymd(2016, 1, 1), ymd(2022, 9, 12)}) ==
          "2016-01-01..2022-09-12");
  }
}
