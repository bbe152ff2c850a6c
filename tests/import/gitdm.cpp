#include <charter/import.hpp>

// The gitdm importer over the real developers_affiliations1-sample.txt
// (../shared/data/real/gitdm: cncf/gitdm @ 0021fcdb, its e-mails replaced
// by `email-removed`). Every figure below was read off that file with grep
// or awk, the line it is on named; none was copied from the importer.

#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include "import/sources.hpp"
#include "import/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace charter;
using namespace std::chrono;

namespace {

const std::string sample =
    CHARTER_SHARED_DIR "/data/real/gitdm/developers_affiliations1-sample.txt";
const std::string sample_name = "developers_affiliations1-sample.txt";

const date as_of{year{2026}, December, day{1}};

import_options options() {
  import_options o;
  o.as_of = as_of;
  return o;
}

import_result import_sample(const registry& existing = {}) {
  const std::string paths[] = {sample};
  return read_source(existing, "gitdm", paths, options());
}

// The sample imported into an empty registry, once for the whole suite.
const registry& imported() {
  static const registry reg = [] {
    registry r;
    r.apply(import_sample().changes);
    return r;
  }();
  return reg;
}

import_result import_text(std::string text,
                          std::string name = "developers_affiliations1.txt") {
  const import::source_file files[] = {{std::move(name), std::move(text)}};
  return import::read_files(registry{}, "gitdm", files, options());
}

date ymd(int y, unsigned m, unsigned d) {
  return date{year{y}, month{m}, day{d}};
}

// The affiliations of `person` with `org`, earliest first.
std::vector<affiliation> ties(const registry& reg, const char* person,
                              const char* org) {
  std::vector<affiliation> out;
  for (const auto& a : reg.at(person_id{person}).affiliations)
    if (a.org == org_id{org}) out.push_back(a);
  return out;
}

std::size_t unmapped_with(const import_summary& s, std::string_view reason) {
  return static_cast<std::size_t>(
      std::count_if(s.unmapped.begin(), s.unmapped.end(), [&](const auto& u) {
        return u.reason.find(reason) != std::string::npos;
      }));
}

const unmapped_value* unmapped_at(const import_summary& s, std::size_t line) {
  for (const auto& u : s.unmapped)
    if (u.where.line == line) return &u;
  return nullptr;
}

std::size_t without(const import_summary& s, std::string_view spelling) {
  for (const auto& [name, n] : s.without_organization)
    if (name == spelling) return n;
  return 0;
}

void check_error_at(std::string text, std::size_t line, std::size_t column,
                    std::string_view says) {
  try {
    import_text(std::move(text));
    FAIL("no import_error");
  } catch (const import_error& e) {
    CHECK(e.where().file == "developers_affiliations1.txt");
    CHECK(e.where().line == line);
    CHECK(e.where().column == column);
    CHECK(e.reason().find(says) != std::string::npos);
  }
}

}  // namespace

TEST_SUITE("import gitdm") {
  TEST_CASE("every developer entry and organization line is read") {
    const auto s = import_sample().summary;
    CHECK(s.source == "gitdm");
    // 1,234 entry lines (`handle: e-mails`, not indented, not `#`) and
    // 3,827 organization lines (3,826 tab-indented, line 3729 four spaces).
    CHECK(s.read == 1234 + 3827);
    // Not mapped: 8 placeholders (NULL at 2065, `(Robots)` at 3710 and 4572,
    // `Various` at 604 and 2373, `NDA` at 621, 623 and 3289), 2 compound
    // values (`CSIRO/DATA 61` at 2205, `CBC/Radio-Canada` at 3483), the typo
    // `Imdependent` (3306) and Rowland Institute from 2100-01-01 (2028).
    CHECK(s.skipped == 12);
    CHECK(s.mapped == s.read - 12);
    CHECK(s.unmapped.size() == 12);
    CHECK(unmapped_with(s, "a placeholder") == 8);
    CHECK(unmapped_with(s, "more than one organization") == 2);
    CHECK(unmapped_with(s, "misspelling of Independent") == 1);
    CHECK(unmapped_with(s, "never") == 1);
    REQUIRE(unmapped_at(s, 2065));
    CHECK(unmapped_at(s, 2065)->value == "NULL");
    CHECK(unmapped_at(s, 2065)->where.column == 2);  // after the tab
    REQUIRE(unmapped_at(s, 3306));
    CHECK(unmapped_at(s, 3306)->value == "Imdependent");
    REQUIRE(unmapped_at(s, 2028));
    CHECK(unmapped_at(s, 2028)->value == "Rowland Institute from 2100-01-01");
    // Line 2373: `Various until 2020-08-01`, the value without its date.
    REQUIRE(unmapped_at(s, 2373));
    CHECK(unmapped_at(s, 2373)->value == "Various");
    CHECK(s.mapped * 100 >= s.read * 99);
  }

  TEST_CASE("Independent and the like are no organization, counted") {
    const auto s = import_sample().summary;
    // grep -c $'^\tIndependent\( \|$\)': 962; Myself (line 452),
    // Selbstständig (4524) and Selbständig (4905) once each.
    CHECK(without(s, "Independent") == 962);
    CHECK(without(s, "Myself") == 1);
    CHECK(without(s, "Selbständig") == 1);
    CHECK(without(s, "Selbstständig") == 1);
    // 00r2 (lines 10-14) was Independent from 2014-08-01 to 2015-10-01:
    // three affiliations, none of them for that period.
    const auto& p = imported().at(person_id{"00r2"});
    CHECK(p.affiliations.size() == 3);
  }

  TEST_CASE("a person per GitHub handle, two entries of a handle one") {
    const auto& reg = imported();
    // 1,234 entries, 1,225 distinct handles (9 appear twice).
    CHECK(reg.people().size() == 1225);
    // 0xANDREW, lines 112-115 and 116-119.
    const auto* andrew = reg.find(person_id{"0xandrew"});
    REQUIRE(andrew);
    CHECK(andrew->handles.at("github") == "0xANDREW");
    CHECK(andrew->name == "0xANDREW");  // gitdm gives no names
    const auto& firsts = andrew->affiliations;
    const auto has = [&](std::string_view name) {
      return std::any_of(firsts.begin(), firsts.end(), [&](const auto& a) {
        return reg.at(a.org).name == name;
      });
    };
    CHECK(has("Raiffeisen Bank Russia"));  // line 113, the first entry
    CHECK(has("Windtech"));                // line 118, the second
    // The sample's addresses are all `email-removed` (line 8: 007).
    CHECK(reg.at(person_id{"007"}).emails.empty());
  }

  TEST_CASE("until, from ... until, from: periods") {
    const auto& reg = imported();
    // Line 11: `PerkinElmer Inc. until 2014-08-01`: from gitdm's first day.
    const auto perkin = ties(reg, "00r2", "perkinelmer-inc");
    REQUIRE(perkin.size() == 1);
    CHECK(perkin[0].when.from == ymd(1900, 1, 1));
    CHECK(perkin[0].when.to == ymd(2014, 8, 1));
    CHECK(perkin[0].extra.contains("open_start"));
    // Line 13: `PwC from 2015-10-01 until 2020-01-01`.
    const auto pwc = ties(reg, "00r2", "pwc");
    REQUIRE(pwc.size() == 1);
    CHECK(pwc[0].when.from == ymd(2015, 10, 1));
    CHECK(pwc[0].when.to == ymd(2020, 1, 1));
    CHECK_FALSE(pwc[0].extra.contains("open_start"));
    // Line 14: `Simplebet Inc. from 2020-01-01`: open-ended.
    const auto simplebet = ties(reg, "00r2", "simplebet-inc");
    REQUIRE(simplebet.size() == 1);
    CHECK(simplebet[0].when.from == ymd(2020, 1, 1));
    CHECK(simplebet[0].when.open_ended());
    // Lines 741-742: QuanticMind 2017-04-01..2017-05-01 then
    // 2017-05-01..2018-06-01: one affiliation.
    const auto quantic = ties(reg, "85matthew", "quanticmind");
    REQUIRE(quantic.size() == 1);
    CHECK(quantic[0].when.from == ymd(2017, 4, 1));
    CHECK(quantic[0].when.to == ymd(2018, 6, 1));
  }

  TEST_CASE("a line indented with spaces; a start in 2100; no dates") {
    const auto& reg = imported();
    // Line 3729 (Archups), four spaces: `Kubermatic GmbH from 2024-10-01`,
    // the alias table's Kubermatic.
    const auto kubermatic = ties(reg, "archups", "kubermatic");
    REQUIRE(kubermatic.size() == 1);
    CHECK(kubermatic[0].when.from == ymd(2024, 10, 1));
    CHECK(kubermatic[0].when.open_ended());
    // AlanStern, lines 2026-2028: Harvard University with no date (from
    // the import's date, marked undated), and no affiliation from 2100.
    const auto& alan = reg.at(person_id{"alanstern"});
    REQUIRE(alan.affiliations.size() == 1);
    CHECK(reg.at(alan.affiliations[0].org).name == "Harvard University");
    CHECK(alan.affiliations[0].when.from == as_of);
    CHECK(alan.affiliations[0].extra.contains("undated_start"));
  }

  TEST_CASE("organizations: one per key, LinkedIn suffixes, f/k/a") {
    const auto& reg = imported();
    // `Red Hat Inc.` is on 33 lines of 32 developers: the alias table's
    // Red Hat, one record.
    std::size_t at_red_hat = 0;
    for (const auto& p : reg.people())
      at_red_hat +=
          std::any_of(p.affiliations.begin(), p.affiliations.end(),
                      [](const auto& a) { return a.org == org_id{"red-hat"}; });
    CHECK(at_red_hat == 32);
    const auto& red_hat = reg.at(org_id{"red-hat"});
    CHECK(std::find(red_hat.aliases.begin(), red_hat.aliases.end(),
                    "Red Hat Inc.") != red_hat.aliases.end());
    // Line 241 (123BLiN): `Firebolt · from 2021-08-01`.
    const auto firebolt = ties(reg, "123blin", "firebolt");
    REQUIRE(firebolt.size() == 1);
    CHECK(reg.at(org_id{"firebolt"}).name == "Firebolt");
    CHECK(firebolt[0].when.from == ymd(2021, 8, 1));
    // Line 244 (123liuziming): `爱奇艺 · Internship from 2020-09-01 until
    // 2021-03-01`: the organization 爱奇艺, the kind of employment kept.
    const auto& liu = reg.at(person_id{"123liuziming"});
    const auto iqiyi = std::find_if(
        liu.affiliations.begin(), liu.affiliations.end(),
        [&](const auto& a) { return reg.at(a.org).name == "爱奇艺"; });
    REQUIRE(iqiyi != liu.affiliations.end());
    CHECK(iqiyi->when.from == ymd(2020, 9, 1));
    CHECK(iqiyi->extra.value_json("employment") == "\"Internship\"");
    // `MayaData Inc. (f/k/a CloudByte Inc)` (7 lines) and `Praqma A/S`
    // name one organization each.
    const auto named = [&](std::string_view name) {
      return std::any_of(reg.organizations().begin(), reg.organizations().end(),
                         [&](const auto& o) { return o.name == name; });
    };
    CHECK(named("MayaData Inc. (f/k/a CloudByte Inc)"));
    CHECK(named("Praqma A/S"));
    CHECK_FALSE(named("CSIRO/DATA 61"));
    // Line 2917 (Anderssorby): `Rikagaku KenkyÅ«jo (Riken)`, mojibake of
    // Kenkyūjo: RIKEN (an entry of the alias table), the spelling kept as an
    // alias.
    const auto riken = ties(reg, "anderssorby", "riken");
    REQUIRE(riken.size() == 1);
    CHECK(riken[0].when.from == ymd(2018, 6, 1));
    CHECK(reg.at(org_id{"riken"}).name == "RIKEN");
    // Line 16: `Tencent Holdings Limited`, the alias table's Tencent.
    CHECK(ties(reg, "01deyishu", "tencent").size() == 1);
  }

  TEST_CASE("undated entries of one handle that disagree are a finding") {
    const auto s = import_sample().summary;
    // Allenhaozi: Alibaba Group (2461), 4Paradigm (2463); BSBandme: Google
    // LLC (4563), Sina (4565). No other handle has two undated lines.
    REQUIRE(s.findings.size() == 2);
    for (const auto& f : s.findings) CHECK(f.code == "affiliation-conflict");
    const auto allen = std::find_if(
        s.findings.begin(), s.findings.end(),
        [](const auto& f) { return f.record == "person allenhaozi"; });
    REQUIRE(allen != s.findings.end());
    REQUIRE(allen->places.size() == 2);
    CHECK(allen->places[0].line == 2461);
    CHECK(allen->places[1].line == 2463);
    CHECK(imported().at(person_id{"allenhaozi"}).affiliations.empty());
  }

  TEST_CASE("a second import of the same file changes nothing") {
    const auto again = import_sample(imported());
    CHECK(again.summary.added == 0);
    CHECK(again.summary.updated == 0);
    CHECK(again.changes.empty());
  }

  TEST_CASE("a person already known by their GitHub handle is matched") {
    registry reg;
    person andrew;
    andrew.id = person_id{"andrew"};
    andrew.name = "Andrew";
    andrew.handles["github"] = "@0xandrew";  // another case, with @
    batch b;
    b.add(andrew);
    reg.apply(b);
    const auto result = import_sample(reg);
    CHECK(result.summary.matched >= 1);
    reg.apply(result.changes);
    CHECK_FALSE(reg.find(person_id{"0xandrew"}));
    // Line 115: `Tinkoff Bank from 2016-10-01`.
    CHECK(ties(reg, "andrew", "tinkoff-bank").size() == 1);
  }

  TEST_CASE("e-mails as gitdm writes them, `!` for `@`") {
    const auto result = import_text(
        "# comment\n"
        "alice: alice!example.com, alice!users.noreply.github.com "
        "a2!example.org, email-removed\n"
        "\tAcme\n");
    registry reg;
    reg.apply(result.changes);
    CHECK(reg.at(person_id{"alice"}).emails ==
          std::vector<std::string>{"alice@example.com",
                                   "alice@users.noreply.github.com",
                                   "a2@example.org"});
    CHECK(result.summary.read == 2);
  }

  TEST_CASE("bad input: an error at its line and column, nothing imported") {
    // An impossible date: the column of the date, after a tab and
    // "Google LLC from ".
    check_error_at("x: email-removed\n\tGoogle LLC from 2023-02-30\n", 2, 18,
                   "'2023-02-30' after 'from' is not a date");
    check_error_at("x: email-removed\n\tAcme from 2019-01-01 until 2020-13\n",
                   2, 29, "not a date");
    // A file cut after a developer's line.
    check_error_at("x: email-removed\n\tAcme\ny: email-removed\n", 3, 1,
                   "no organization line");
    // An organization line first, a developer line with no colon.
    check_error_at("\tAcme\n", 1, 2, "before any developer");
    check_error_at("x: email-removed\n\tAcme\ny email-removed\n", 3, 1,
                   "'handle: e-mails'");
    check_error_at("@: email-removed\n\tAcme\n", 1, 1, "'handle: e-mails'");
    CHECK_THROWS_WITH_AS(import_text("x: e\n\tAcme\n", "sigs.yaml"),
                         doctest::Contains("not a gitdm file"), error);
  }
}
