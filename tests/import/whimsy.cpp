#include <charter/import.hpp>

// The whimsy source over the fixtures of apache/whimsy @ 537f0d87
// (lib/test/svn/board/, copied to shared/data/real/apache-whimsy-fixtures/):
// fake people in the real layouts of committee-info.txt,
// committee-info.yaml and members.txt. Every figure below was read off the
// files, not from the importer's output.

#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "import/sources.hpp"

using namespace charter;

namespace {

#define WHIMSY_DIR CHARTER_SHARED_DIR "/data/real/apache-whimsy-fixtures/"

const std::string info_txt = WHIMSY_DIR "committee-info.txt";
const std::string info_yaml = WHIMSY_DIR "committee-info.yaml";
const std::string members_txt = WHIMSY_DIR "members.txt";

constexpr date import_day{std::chrono::year{2026}, std::chrono::month{12},
                          std::chrono::day{1}};

import_options on(date d) {
  import_options o;
  o.as_of = d;
  return o;
}

import_result read(const registry& reg, std::vector<std::string> paths) {
  return read_source(reg, "whimsy", paths, on(import_day));
}

std::vector<const seat*> seats_in(const registry& reg, std::string_view body,
                                  std::string_view cls) {
  std::vector<const seat*> out;
  for (const auto& s : reg.seats())
    if (s.body.str() == body && s.seat_class.str() == cls) out.push_back(&s);
  return out;
}

import_error error_of(std::string name, std::string text) {
  const import::source_file f(std::move(name), std::move(text));
  try {
    import::read_files(registry{}, "whimsy", std::span(&f, 1), on(import_day));
  } catch (const import_error& e) {
    return e;
  }
  FAIL("no import_error");
  return import_error({}, "");
}

}  // namespace

TEST_SUITE("import whimsy") {
  TEST_CASE("committee-info.txt with the YAML's ids: chair and members") {
    registry reg;
    const auto result = read(reg, {info_txt, info_yaml});
    reg.apply(result.changes);
    CHECK(result.summary.skipped == 0);

    // committee-info.yaml:5: "HTTP Server" is httpd.
    const auto* httpd = reg.find(body_id{"httpd"});
    REQUIRE(httpd);
    CHECK(httpd->kind == "pmc");
    CHECK(httpd->name == "Apache HTTP Server PMC");
    // committee-info.txt:20: est. 02/1995.
    CHECK(httpd->extra.value_json("established") == "\"1995-02\"");
    // committee-info.txt:13: the chair is Person1 <person1@apache.org>.
    const auto chair = seats_in(reg, "httpd", "chair");
    REQUIRE(chair.size() == 1);
    CHECK(chair[0]->person.str() == "person1");
    CHECK(chair[0]->office == office::chair);
    // committee-info.txt:21-22: two members since 1995-02-11.
    const auto members = seats_in(reg, "httpd", "member");
    REQUIRE(members.size() == 2);
    for (const auto* s : members)
      CHECK(s->when.from == date{std::chrono::year{1995}, std::chrono::month{2},
                                 std::chrono::day{11}});
    const auto* p2 = reg.find(person_id{"person2"});
    REQUIRE(p2);
    CHECK(p2->name == "Person2");
    CHECK(p2->handles.at("apache") == "person2");

    // committee-info.yaml:13-17: Avalon, 2002-11 to 2004-11.
    const auto* avalon = reg.find(body_id{"avalon"});
    REQUIRE(avalon);
    CHECK(avalon->name == "Apache Avalon PMC");
    CHECK(avalon->extra.value_json("established") == "\"2002-11\"");
    CHECK(avalon->extra.value_json("retired") == "\"2004-11\"");
    // committee-info.yaml:7-10: comdev, a board committee.
    const auto* comdev = reg.find(body_id{"comdev"});
    REQUIRE(comdev);
    CHECK(comdev->kind == "committee");
    CHECK(comdev->extra.value_json("homepage") ==
          "\"http://community.apache.org/\"");

    // committee-info.yaml:27: Jakarta's `:diary: []` is reported.
    REQUIRE(result.summary.unmapped.size() == 1);
    CHECK(result.summary.unmapped[0].value == ":diary");
    CHECK(result.summary.unmapped[0].where.line == 27);
  }

  TEST_CASE("committee-info.txt alone: the name's letters as the id") {
    registry reg;
    const auto result = read(reg, {info_txt});
    reg.apply(result.changes);
    // committee-info.txt:13, 20, 21, 22: a chair row, a committee, two
    // members.
    CHECK(result.summary.read == 4);
    CHECK(result.summary.mapped == 4);
    CHECK(reg.find(body_id{"httpserver"}));
    CHECK(seats_in(reg, "httpserver", "member").size() == 2);
  }

  TEST_CASE("members.txt: the ASF's members by section") {
    registry reg;
    const auto result = read(reg, {members_txt});
    reg.apply(result.changes);
    // members.txt:24, 33, 51, 58, 69, 75: six entries.
    CHECK(result.summary.read == 6);
    CHECK(result.summary.mapped == 6);
    // Active (voting): Barry N Anaheim (banana, :24-31), Alice P Plesk.
    const auto voting = seats_in(reg, "asf-members", "member");
    REQUIRE(voting.size() == 2);
    const auto* banana = reg.find(person_id{"banana"});
    REQUIRE(banana);
    CHECK(banana->name == "Barry N Anaheim");
    CHECK(banana->emails ==
          std::vector<std::string>{"random@gmail.com.invalid"});
    // Emeritus (non-voting): Damsel Fly (:51), Charlie Ryman (:58).
    CHECK(seats_in(reg, "asf-members", "emeritus").size() == 2);
    const auto* body = reg.find(body_id{"asf-members"});
    REQUIRE(body);
    CHECK(!body->find_class(seat_class_id{"emeritus"})->is_voting());
    // Other representatives: Adam Zulu (:69), no Avail ID.
    const auto reps = seats_in(reg, "asf-members", "representative");
    REQUIRE(reps.size() == 1);
    CHECK(reg.find(reps[0]->person)->name == "Adam Zulu");
    // Deceased: El Dorado (:75, "deceased, 1 January 1970"), no seat.
    const auto* elder = reg.find(person_id{"elder"});
    REQUIRE(elder);
    CHECK(elder->extra.value_json("deceased") == "\"1970-01-01\"");
    CHECK(reg.seats_of(person_id{"elder"}, import_day).empty());
  }

  TEST_CASE("the apache source's bodies are the same bodies") {
    registry reg;
    const std::string json = CHARTER_SHARED_DIR "/data/real/apache-projects/";
    const std::vector<std::string> apache{json + "committees.json",
                                          json + "committees-retired.json"};
    reg.apply(read_source(reg, "apache", apache, on(import_day)).changes);
    const auto bodies = reg.bodies().size();
    const auto result = read(reg, {info_yaml});
    reg.apply(result.changes);
    // committee-info.yaml:8, 13, 18, 21 name comdev, avalon, httpd and
    // jakarta; committees.json:4236 and 9520 hold comdev and httpd,
    // committees-retired.json:47 jakarta; neither file has avalon.
    CHECK(result.summary.added == 1);
    CHECK(reg.bodies().size() == bodies + 1);
    // committee-info.yaml:10: comdev's description, as committees.json's
    // shortdesc is named.
    CHECK(reg.find(body_id{"comdev"})->extra.value_json("shortdesc") ==
          "\"Resources to help people become involved with Apache "
          "projects\"");
  }

  TEST_CASE("a second import of the same files adds nothing") {
    registry reg;
    const std::vector<std::string> all{info_txt, info_yaml, members_txt};
    reg.apply(read(reg, all).changes);
    const auto again =
        read_source(reg, "whimsy", all,
                    on(date{std::chrono::year{2027}, std::chrono::month{5},
                            std::chrono::day{2}}));
    CHECK(again.summary.added == 0);
    CHECK(again.summary.updated == 0);
  }

  TEST_CASE("bad input: a clear error with its place") {
    // An impossible date in a member's brackets: at the date.
    const auto day = error_of("committee-info.txt",
                              "3. COMMITTEE MEMBERSHIP\n"
                              "* HTTP Server  (est. 02/1995)\n"
                              "    Person1   <person1@apache.org>   "
                              "[1995-02-30]\n");
    CHECK(day.where().line == 3);
    CHECK(day.where().column == 39);
    // A member line with no address.
    const auto address =
        error_of("committee-info.txt", "3. X\n* HTTP Server\n    Person1\n");
    CHECK(address.where().line == 3);
    CHECK(address.where().column == 5);
    // A YAML syntax error.
    const auto yaml =
        error_of("committee-info.yaml", ":tlps:\n  httpd: [a\n  b: c\n");
    CHECK(yaml.where().line > 0);
    CHECK(yaml.reason().find("not valid YAML") == 0);
  }
}
