#include <charter/import.hpp>

// The apache source over the ASF's real committee and podling JSON
// (apache/comdev-projects @ 2d2692b8, site/json/foundation/, copied to
// shared/data/real/apache-projects/). Every figure below was read off the
// files with grep or a JSON one-liner, not from the importer's output.

#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "import/sources.hpp"

using namespace charter;

namespace {

#define APACHE_DIR CHARTER_SHARED_DIR "/data/real/apache-projects/"

const std::string committees = APACHE_DIR "committees.json";
const std::string retired = APACHE_DIR "committees-retired.json";
const std::string podlings = APACHE_DIR "podlings.json";
const std::string history = APACHE_DIR "podlings-history.json";

import_options on(date d) {
  import_options o;
  o.as_of = d;
  return o;
}

constexpr date import_day{std::chrono::year{2026}, std::chrono::month{12},
                          std::chrono::day{1}};

date ymd(int y, unsigned m, unsigned d) {
  return date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

import_result read(const registry& reg, std::vector<std::string> paths) {
  return read_source(reg, "apache", paths, on(import_day));
}

// The seats of `body` in class `cls`.
std::vector<const seat*> seats_in(const registry& reg, std::string_view body,
                                  std::string_view cls) {
  std::vector<const seat*> out;
  for (const auto& s : reg.seats())
    if (s.body.str() == body && s.seat_class.str() == cls) out.push_back(&s);
  return out;
}

const seat* seat_of(const registry& reg, std::string_view body,
                    std::string_view cls, std::string_view person) {
  for (const auto* s : seats_in(reg, body, cls))
    if (s->person.str() == person) return s;
  return nullptr;
}

import_error error_of(std::string name, std::string text) {
  const import::source_file f(std::move(name), std::move(text));
  try {
    import::read_files(registry{}, "apache", std::span(&f, 1), on(import_day));
  } catch (const import_error& e) {
    return e;
  }
  FAIL("no import_error");
  return import_error({}, "");
}

}  // namespace

TEST_SUITE("import apache") {
  TEST_CASE("committees.json: each PMC a body with its chair and roster") {
    registry reg;
    const auto result = read(reg, {committees});
    reg.apply(result.changes);

    // 208 committees ("id" 208 times) and 5,387 roster entries ("date"
    // 5,387 times), every one mapped.
    CHECK(result.summary.read == 208 + 5387);
    CHECK(result.summary.mapped == result.summary.read);
    CHECK(result.summary.skipped == 0);
    CHECK(result.summary.unmapped.empty());

    const auto* asf = reg.find(foundation_id{"asf"});
    REQUIRE(asf);
    CHECK(asf->name == "The Apache Software Foundation");

    // committees.json:3-8: Accumulo's chair is edcoleman, established
    // 2012-03; its roster (lines 12-169) has 39 members.
    const auto* accumulo = reg.find(body_id{"accumulo"});
    REQUIRE(accumulo);
    CHECK(accumulo->kind == "pmc");
    CHECK(accumulo->name == "Apache Accumulo PMC");
    CHECK(std::get<foundation_id>(accumulo->owner).str() == "asf");
    CHECK(accumulo->extra.value_json("established") == "\"2012-03\"");
    CHECK(seats_in(reg, "accumulo", "member").size() == 39);
    const auto chairs = seats_in(reg, "accumulo", "chair");
    REQUIRE(chairs.size() == 1);
    CHECK(chairs[0]->person.str() == "edcoleman");
    CHECK(chairs[0]->office == office::chair);
    CHECK(chairs[0]->when.from == import_day);  // the file gives no start

    // committees.json:85-87: edcoleman joined 2015-05-14, as Ed Coleman.
    const auto* ed = seat_of(reg, "accumulo", "member", "edcoleman");
    REQUIRE(ed);
    CHECK(ed->when == period{ymd(2015, 5, 14), std::nullopt});
    const auto* person = reg.find(person_id{"edcoleman"});
    REQUIRE(person);
    CHECK(person->name == "Ed Coleman");
    CHECK(person->handles.at("apache") == "edcoleman");

    // The HTTP Server PMC: chair jorton, 54 roster entries.
    REQUIRE(seats_in(reg, "httpd", "chair").size() == 1);
    CHECK(seats_in(reg, "httpd", "chair")[0]->person.str() == "jorton");
    CHECK(seats_in(reg, "httpd", "member").size() == 54);

    // committees.json:307: AGE's chair jjirsa is not on AGE's roster; his
    // name comes from another roster (committees.json:3305-3307).
    REQUIRE(seats_in(reg, "age", "chair").size() == 1);
    CHECK(!seat_of(reg, "age", "member", "jjirsa"));
    CHECK(reg.find(person_id{"jjirsa"})->name == "Jeff Jirsa");
  }

  TEST_CASE("one Apache id is one person, the longest name wins") {
    registry reg;
    reg.apply(read(reg, {committees}).changes);
    // committees.json:57-59 "Christopher L. Shannon" (accumulo) and
    // committees.json:211-213 "Christopher Shannon" (activemq).
    const auto* p = reg.find(person_id{"cshannon"});
    REQUIRE(p);
    CHECK(p->name == "Christopher L. Shannon");
    CHECK(p->extra.value_json("aliases") == "[\"Christopher Shannon\"]");
    CHECK(seat_of(reg, "accumulo", "member", "cshannon")->when.from ==
          ymd(2022, 9, 27));
    CHECK(seat_of(reg, "activemq", "member", "cshannon")->when.from ==
          ymd(2016, 1, 25));
  }

  TEST_CASE("committees-retired.json: the seats end when the PMC retired") {
    registry reg;
    const auto result = read(reg, {retired});
    reg.apply(result.changes);
    // 78 committees ("retired" 78 times), 1,059 roster entries.
    CHECK(result.summary.read == 78 + 1059);
    CHECK(result.summary.skipped == 0);
    // committees-retired.json:118-131: Onami, established 2013-04,
    // retired 2016-01, 13 members; ash2k joined 2013-04-17.
    const auto* onami = reg.find(body_id{"onami"});
    REQUIRE(onami);
    CHECK(onami->extra.value_json("retired") == "\"2016-01\"");
    CHECK(seats_in(reg, "onami", "member").size() == 13);
    CHECK(seats_in(reg, "onami", "chair").empty());
    CHECK(seat_of(reg, "onami", "member", "ash2k")->when ==
          period{ymd(2013, 4, 17), ymd(2016, 2, 1)});
    CHECK(reg.seats(body_id{"onami"}, import_day).empty());
    // committees-retired.json:4901-4907: Logo Development retired 2024-08
    // and akm joined 2024-08-21, in that month: the seat runs to its end.
    CHECK(seat_of(reg, "logodevelopment", "member", "akm")->when ==
          period{ymd(2024, 8, 21), ymd(2024, 9, 1)});
  }

  TEST_CASE("podlings as projects with incubation stages") {
    registry reg;
    const auto result = read(reg, {podlings, history});
    reg.apply(result.changes);
    // 32 current podlings, 326 in the history ("started" 32 and 326 times).
    CHECK(result.summary.read == 32 + 326);
    CHECK(result.summary.mapped == 32 + 326);

    // podlings-history.json:10-16: Accumulo incubated 2011-09 to 2012-03,
    // graduated.
    const auto* accumulo = reg.find(project_id{"accumulo"});
    REQUIRE(accumulo);
    CHECK(accumulo->name == "Apache Accumulo");
    REQUIRE(accumulo->stages.size() == 2);
    CHECK(accumulo->stages[0].name == "incubating");
    CHECK(accumulo->stages[0].when == period{ymd(2011, 9, 1), ymd(2012, 3, 1)});
    CHECK(accumulo->stages[1].name == "graduated");
    CHECK(accumulo->stages[1].when == period{ymd(2012, 3, 1), std::nullopt});

    // podlings-history.json:42-48: Agila, 2004-09 to 2006-12, retired: it
    // left the foundation then.
    const auto* agila = reg.find(project_id{"agila"});
    REQUIRE(agila);
    CHECK(agila->stages.back().name == "retired");
    REQUIRE(agila->stewards.size() == 1);
    CHECK(agila->stewards[0].when == period{ymd(2004, 9, 1), ymd(2006, 12, 1)});

    // podlings-history.json:1386-1392: MerlinDeveloper started and ended in
    // 2004-01: it incubated that month.
    const auto* merlin = reg.find(project_id{"merlin-developer"});
    REQUIRE(merlin);
    CHECK(merlin->stages[0].when == period{ymd(2004, 1, 1), ymd(2004, 2, 1)});

    // podlings.json:2-8: Amoro, incubating since 2024-03, sponsored by the
    // Incubator.
    const auto* amoro = reg.find(project_id{"amoro"});
    REQUIRE(amoro);
    REQUIRE(amoro->stages.size() == 1);
    CHECK(amoro->stages[0].name == "incubating");
    CHECK(amoro->stages[0].when == period{ymd(2024, 3, 1), std::nullopt});
    CHECK(amoro->extra.value_json("sponsor") == "\"incubator\"");
  }

  TEST_CASE("a second import of the same files adds nothing") {
    registry reg;
    const std::vector<std::string> all{committees, retired, podlings, history};
    reg.apply(read(reg, all).changes);
    // A later day: the chairs' undated seats are found, not made again.
    const auto again = read_source(reg, "apache", all, on(ymd(2027, 3, 1)));
    CHECK(again.summary.added == 0);
    CHECK(again.summary.updated == 0);
    CHECK(again.summary.matched > 0);
  }

  TEST_CASE("bad input: a clear error with its place, nothing imported") {
    // A file cut short: the error is at its end.
    const auto cut = error_of("committees.json",
                              "[\n{\n\"chair\": \"edcoleman\",\n\"id\": \"ac");
    CHECK(cut.where().file == "committees.json");
    CHECK(cut.where().line == 4);
    CHECK(cut.where().column == 10);

    // An impossible join date: at its value.
    const auto day =
        error_of("committees.json",
                 "[\n{\n\"id\": \"x\",\n\"roster\": {\n\"a\": "
                 "{\n\"date\": \"2012-02-30\",\n\"name\": \"A\"}}}]");
    CHECK(day.where().line == 6);
    CHECK(day.where().column == 9);
    CHECK(day.reason() == "'2012-02-30' is not a date (date)");

    // A committee with no id.
    const auto id = error_of("committees.json", "[\n{\"name\": \"Apache X\"}]");
    CHECK(id.where().line == 2);
    CHECK(id.reason() == "a committee has no 'id'");

    // committees.json is an array: an object is not what it publishes.
    const auto shape = error_of("committees.json", "{\"id\": \"x\"}");
    CHECK(shape.where().line == 1);
    CHECK(shape.reason() == "not a JSON array of committees");

    // A file the source does not take.
    const import::source_file other("projects.json", "[]");
    CHECK_THROWS_WITH_AS(
        import::read_files(registry{}, "apache", std::span(&other, 1)),
        doctest::Contains("committees.json"), error);
  }
}
