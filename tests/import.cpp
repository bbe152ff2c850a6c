#include <charter/import.hpp>

// The importers' shared mapping layer (src/import): text, tables, dates,
// names, the builder's matching; and the registry several sources build
// together. Each source's own tests are in tests/import/.

#include <charter/find.hpp>
#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <tuple>

#include "import/builder.hpp"
#include "import/dates.hpp"
#include "import/names.hpp"
#include "import/text.hpp"
#include "import/yaml.hpp"

using namespace charter;

TEST_SUITE("import") {
  TEST_CASE("a place is written file:line:column") {
    CHECK(to_string(source_place{"sigs.yaml", 12, 3}) == "sigs.yaml:12:3");
    CHECK(to_string(source_place{"sigs.yaml", 12, 0}) == "sigs.yaml:12");
    CHECK(to_string(source_place{"sigs.yaml", 0, 0}) == "sigs.yaml");
    const import_error e({"a.md", 4, 7}, "the column 'Name' is missing");
    CHECK(std::string(e.what()) == "a.md:4:7: the column 'Name' is missing");
    CHECK(e.reason() == "the column 'Name' is missing");
  }

  TEST_CASE("the nine sources, in the documented order") {
    const auto s = import_sources();
    REQUIRE(s.size() == 9);
    CHECK(s.front() == "landscape");
    CHECK(s.back() == "gitdm");
    const std::string none[] = {"x"};
    CHECK_THROWS_WITH_AS(read_source(registry{}, "landscapes", none),
                         doctest::Contains("unknown source 'landscapes'"),
                         error);
  }
}

// ---- the shared layer, piece by piece

namespace {

date ymd(int y, unsigned m, unsigned d) {
  return date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

}  // namespace

TEST_SUITE("import dates") {
  using charter::import::parse_loose_date;
  using charter::import::parse_term;
  using charter::import::precision;

  TEST_CASE("the seven styles foundations write dates in") {
    CHECK(parse_loose_date("2021-09-14")->first == ymd(2021, 9, 14));
    CHECK(parse_loose_date("'2021-09-14'")->first == ymd(2021, 9, 14));
    const auto month = parse_loose_date("2019-07");
    REQUIRE(month);
    CHECK(month->first == ymd(2019, 7, 1));
    CHECK(month->precise == precision::month);
    CHECK(month->after() == ymd(2019, 8, 1));
    CHECK(parse_loose_date("3/7/2024")->first == ymd(2024, 3, 7));  // M/D/YYYY
    CHECK(parse_loose_date("09/2023")->first == ymd(2023, 9, 1));   // MM/YYYY
    CHECK(parse_loose_date("January 2026")->first == ymd(2026, 1, 1));
    CHECK(parse_loose_date("Sept 5, 2024")->first == ymd(2024, 9, 5));
    CHECK(parse_loose_date("5 December 2023")->first == ymd(2023, 12, 5));
    CHECK(parse_loose_date("2020")->after() == ymd(2021, 1, 1));
  }

  TEST_CASE("impossible and unreadable dates are none") {
    CHECK_FALSE(parse_loose_date("2023-02-29"));
    CHECK_FALSE(parse_loose_date("2023-13-01"));
    CHECK_FALSE(parse_loose_date("13/2023"));
    CHECK_FALSE(parse_loose_date("2/30/2024"));
    CHECK_FALSE(parse_loose_date("Smarch 2024"));
    CHECK_FALSE(parse_loose_date("soon"));
    CHECK_FALSE(parse_loose_date(""));
  }

  TEST_CASE("terms: a period to the day after their last month") {
    // OpenSSF TAC's README writes terms this way.
    const auto t = parse_term("January 2026 - December 2027");
    REQUIRE(t);
    CHECK(t->from == ymd(2026, 1, 1));
    CHECK(t->to == ymd(2028, 1, 1));
    CHECK(parse_term("2024-03-01 to present")->open_ended());
    CHECK(parse_term("2024-2026")->to == ymd(2027, 1, 1));
    CHECK_FALSE(parse_term("December 2027 - January 2026"));  // backwards
    CHECK_FALSE(parse_term("January 2026"));
  }

  TEST_CASE("years added keep the day, or the day after 28 February") {
    CHECK(charter::import::add_years(ymd(2024, 10, 1), 2) == ymd(2026, 10, 1));
    CHECK(charter::import::add_years(ymd(2024, 2, 29), 1) == ymd(2025, 3, 1));
  }
}

TEST_SUITE("import names") {
  using namespace charter::import;

  TEST_CASE("spellings of one organization share a key") {
    CHECK(org_key("Red Hat") == "redhat");
    CHECK(org_key("RedHat") == "redhat");
    CHECK(org_key("Red Hat, Inc.") == "redhat");
    CHECK(org_key("Kubermatic GmbH") == "kubermatic");
    CHECK(org_key("NVIDIA Corporation") == org_key("Nvidia"));
    CHECK(org_key("Google LLC") == "google");
    CHECK(org_key("Acme B.V.") == "acme");
    CHECK(org_key("IBM (member)") == "ibm");
    CHECK(org_key("Firebolt \u00B7 from 2021-08-01") == "firebolt");
    // A name that is only a legal word keeps it.
    CHECK(org_key("Inc") == "inc");
  }

  TEST_CASE("placeholders, compound values and 'no organization'") {
    CHECK(classify_org("Independent") == org_value::none);
    CHECK(classify_org("NotFound") == org_value::none);
    CHECK(classify_org("-") == org_value::placeholder);
    CHECK(classify_org("_") == org_value::placeholder);
    CHECK(classify_org("N/A") == org_value::placeholder);
    CHECK(classify_org("NULL") == org_value::placeholder);
    CHECK(classify_org("(Robots)") == org_value::placeholder);
    CHECK(classify_org("Various") == org_value::placeholder);
    CHECK(classify_org("Red Hat/IBM") == org_value::compound);
    CHECK(classify_org("Core 24/7") == org_value::name);
    CHECK(classify_org("Praqma A/S") == org_value::name);
    CHECK(classify_org("Procter & Gamble") == org_value::name);
    CHECK(classify_org("AT&T") == org_value::name);
  }

  TEST_CASE("slugs from names and handles") {
    CHECK(slug("Red Hat") == "red-hat");
    CHECK(slug("Société Générale") == "societe-generale");
    CHECK(slug("  --Weird__Name!! ") == "weird-name");
    CHECK(slug("\u5B57\u8282\u8DF3\u52A8")
              .empty());  // 字节跳动: no Latin letters
    // FNV-1a of "x", worked out apart: the same on every run and machine.
    CHECK(hashed_slug("org", "x") == "org-fd0c5087");
    CHECK(is_slug(hashed_slug("org", "\u5B57\u8282")));
    CHECK(handle_key("@Dims") == "dims");
  }
}

TEST_SUITE("import text") {
  using namespace charter::import;

  TEST_CASE("entities and Markdown are what a reader sees") {
    CHECK(decode_entities("Le&nbsp;Hors") == "Le Hors");
    CHECK(decode_entities("A &amp; B &#233; &#x2013; &bogus; &") ==
          "A & B \u00E9 \u2013 &bogus; &");
    CHECK(plain_text("**[Jane Doe](https://github.com/jdoe)**") == "Jane Doe");
    CHECK(plain_text("`code`  and <br> *more*") == "code and more");
    CHECK(plain_text("snake_case_name") == "snake_case_name");
    CHECK(plain_text("![logo](x.png) Name") == "Name");
    CHECK(link_target("[@jdoe](https://github.com/jdoe)") ==
          "https://github.com/jdoe");
  }

  TEST_CASE("Markdown tables with their lines, columns and heading") {
    const source_file f("tac.md",
                        "# TAC\n"
                        "\n"
                        "## Members\n"
                        "| Name | Organization |\n"
                        "|------|:------------:|\n"
                        "| [Ann](https://x) | Acme \\| Co |\n"
                        "| Bob  | `a|b` |\n"
                        "\n"
                        "text\n");
    const auto tables = read_tables(f);
    REQUIRE(tables.size() == 1);
    const auto& t = tables[0];
    CHECK(t.heading == "Members");
    CHECK(t.line == 4);
    CHECK(t.header == std::vector<std::string>{"Name", "Organization"});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].line == 6);
    CHECK(t.rows[0].cells[0].text == "[Ann](https://x)");
    CHECK(t.rows[0].cells[0].column == 3);
    CHECK(t.rows[0].cells[1].text == "Acme \\| Co");
    CHECK(t.rows[1].cells[1].text == "`a|b`");
    CHECK(t.column("organization") == 1);
    CHECK_FALSE(t.column("Company"));
    CHECK(&table_with(tables, f, {"Name"}) == &t);
    CHECK_THROWS_WITH_AS(table_with(tables, f, {"Name", "Term"}),
                         "tac.md: no table with the columns 'Name', 'Term'",
                         import_error);
  }

  TEST_CASE("a row with a missing column is refused at its end") {
    const source_file f("t.md",
                        "| A | B | C |\n"
                        "|---|---|---|\n"
                        "| 1 | 2 | 3 |\n"
                        "| 4 | 5 |\n");
    try {
      read_tables(f);
      FAIL("no error");
    } catch (const import_error& e) {
      // "| 4 | 5 |" is 9 characters: the missing cell would start after.
      CHECK(e.where() == source_place{"t.md", 4, 10});
      CHECK(e.reason().find("the column 'C' is missing") != std::string::npos);
    }
  }

  TEST_CASE("places of offsets and lines") {
    const source_file f("x", "ab\r\ncd\nef");
    CHECK(f.line_count() == 3);
    CHECK(f.line(1) == "ab");
    CHECK(f.line(3) == "ef");
    CHECK(f.place(5) == source_place{"x", 2, 2});
    CHECK(f.place_of(f.line(3)) == source_place{"x", 3, 1});
  }

  TEST_CASE("yaml-cpp's own errors are placed in the file being read") {
    // A node of a shape no check expected, in the second of two files: the
    // place is that file's, at the node (yaml-cpp counts from 0, places
    // from 1: "b: [1]" has its sequence at line 2, column 4).
    const source_file second("second.yml", "a: 1\nb: [1]\n");
    try {
      reading_yaml(second, [&] {
        const YAML::Node doc = load_yaml(second);
        throw YAML::Exception(doc["b"].Mark(), "not a scalar");
      });
      FAIL("no error");
    } catch (const import_error& e) {
      CHECK(e.where() == source_place{"second.yml", 2, 4});
      CHECK(e.reason() == "unexpected YAML: not a scalar");
    }
  }
}

TEST_SUITE("import builder") {
  using namespace charter::import;

  const source_place here{"f", 1, 1};

  import_options on(date d) {
    import_options o;
    o.as_of = d;
    return o;
  }

  TEST_CASE("organizations: the alias table, parents, spellings kept") {
    const registry none;
    builder b(none, "test", on(ymd(2026, 1, 1)));
    const auto rh = b.organization("Red Hat, Inc.", here);
    const auto rh2 = b.organization("RedHat", here);
    REQUIRE(rh);
    CHECK(*rh == org_id{"red-hat"});  // the table's id
    CHECK(rh2 == rh);
    // Red Hat's parent in the table is IBM, made with it.
    CHECK(b.org(*rh).parent == org_id{"ibm"});
    CHECK(b.org(*rh).extra.string("parent_since") == "2019-07-09");
    CHECK(b.org(org_id{"ibm"}).name == "IBM");
    CHECK(b.organization("International Business Machines Corporation", here) ==
          org_id{"ibm"});
    const auto& aliases = b.org(*rh).aliases;
    CHECK(std::find(aliases.begin(), aliases.end(), "RedHat") != aliases.end());
    CHECK(std::find(aliases.begin(), aliases.end(), "Red Hat, Inc.") !=
          aliases.end());
    // Not in the table: a new organization under its own name.
    const auto k = b.organization("Kubermatic GmbH", here);
    CHECK(b.organization("Kubermatic", here) == k);
    const auto brand_new = b.organization("Zebra Widgets Ltd", here);
    CHECK(*brand_new == org_id{"zebra-widgets-ltd"});
    CHECK(b.org(*brand_new).name == "Zebra Widgets Ltd");
    // What names none.
    CHECK_FALSE(b.organization("Independent", here));
    CHECK_FALSE(b.organization("Red Hat/IBM", {"f", 7, 3}));
    CHECK_FALSE(b.organization("-", {"f", 8, 3}));
    auto r = b.finish();
    REQUIRE(r.summary.unmapped.size() == 2);
    CHECK(r.summary.unmapped[0].where == source_place{"f", 7, 3});
    CHECK(r.summary.unmapped[0].reason == "names more than one organization");
    CHECK(r.summary.unmapped[1].value == "-");
    REQUIRE(r.summary.without_organization.size() == 1);
    CHECK(r.summary.without_organization[0] ==
          std::pair<std::string, std::size_t>{"Independent", 1});
    registry reg;
    reg.apply(r.changes);
    CHECK(reg.family(org_id{"red-hat"}).id == org_id{"ibm"});
  }

  TEST_CASE("organizations the registry holds are matched by name or alias") {
    registry reg;
    organization acme;
    acme.id = org_id{"acme"};
    acme.name = "Acme Corporation";
    acme.aliases = {"ACME Widgets"};
    reg.apply(batch().add(acme));
    builder b(reg, "test", on(ymd(2026, 1, 1)));
    CHECK(b.organization("acme widgets", here) == org_id{"acme"});
    CHECK(b.organization("ACME Corp.", here) == org_id{"acme"});
    auto r = b.finish();
    CHECK(r.summary.matched == 1);
    CHECK(r.summary.updated == 1);  // the new spellings became aliases
    reg.apply(r.changes);
    const auto& aliases = reg.at(org_id{"acme"}).aliases;
    CHECK(aliases == std::vector<std::string>{"ACME Widgets", "acme widgets",
                                              "ACME Corp."});
    // The same again: every spelling is known, nothing changes.
    builder again(reg, "test", on(ymd(2026, 1, 1)));
    again.organization("acme widgets", here);
    again.organization("ACME Corp.", here);
    const auto r2 = again.finish();
    CHECK(r2.changes.empty());
    CHECK(r2.summary.unchanged == 1);
  }

  TEST_CASE("people: one per handle, in any case, with or without @") {
    const registry none;
    builder b(none, "test", on(ymd(2026, 1, 1)));
    const auto a = b.person("github", "@JDoe", "J. Doe", here);
    const auto c = b.person("github", "jdoe", "Jane&nbsp;Doe", here);
    CHECK(a == c);
    CHECK(a == person_id{"jdoe"});
    const auto& p = b.who(a);
    CHECK(p.name == "Jane Doe");  // the longest well-formed name
    CHECK(p.extra.value_json("aliases") == R"(["J. Doe"])");
    CHECK(p.handles.at("github") == "JDoe");
    // Known by name from a source without GitHub handles: the same person.
    CHECK(b.person_named("jane doe", here) == a);
    // Another site's handle with the same text is someone else.
    const auto apache = b.person("apache", "jdoe", "John Doe", here);
    CHECK(apache != a);
    CHECK(apache == person_id{"jdoe-apache"});
  }

  TEST_CASE("affiliations: dated periods join, undated ones start as of") {
    const registry none;
    builder b(none, "test", on(ymd(2026, 1, 1)));
    const auto p = b.person("github", "ann", "Ann", here);
    const auto acme = *b.organization("Acme", here);
    const auto zeta = *b.organization("Zeta", here);
    b.affiliate(p, acme, period{ymd(2018, 1, 1), ymd(2020, 1, 1)}, here);
    b.affiliate(p, acme, period{ymd(2020, 1, 1), ymd(2022, 1, 1)}, here);
    b.affiliate(p, zeta, period{ymd(2022, 1, 1), std::nullopt}, here);
    b.affiliate(p, zeta, std::nullopt, here);  // says the same: nothing new
    const auto q = b.person("github", "bob", "Bob", here);
    b.affiliate(q, acme, std::nullopt, here);
    auto r = b.finish();
    CHECK(r.summary.findings.empty());
    registry reg;
    reg.apply(r.changes);
    const auto& ann = reg.at(person_id{"ann"}).affiliations;
    REQUIRE(ann.size() == 2);
    CHECK(ann[0].org == acme);
    CHECK(ann[0].when == period{ymd(2018, 1, 1), ymd(2022, 1, 1)});
    CHECK(ann[1].org == zeta);
    const auto& bob = reg.at(person_id{"bob"}).affiliations;
    REQUIRE(bob.size() == 1);
    CHECK(bob[0].when == period{ymd(2026, 1, 1), std::nullopt});
    CHECK(bob[0].extra.contains("undated_start"));
  }

  TEST_CASE("undated claims of two organizations are a finding, not a guess") {
    const registry none;
    builder b(none, "test", on(ymd(2026, 1, 1)));
    const auto p = b.person("github", "ann", "Ann", here);
    b.affiliate(p, *b.organization("Acme", here), std::nullopt, {"a", 3, 5});
    b.affiliate(p, *b.organization("Zeta", here), std::nullopt, {"b", 9, 5});
    auto r = b.finish();
    REQUIRE(r.summary.findings.size() == 1);
    const auto& f = r.summary.findings[0];
    CHECK(f.code == "affiliation-conflict");
    CHECK(f.record == "person ann");
    CHECK(f.places == std::vector<source_place>{{"a", 3, 5}, {"b", 9, 5}});
    registry reg;
    reg.apply(r.changes);
    CHECK(reg.at(person_id{"ann"}).affiliations.empty());
  }
}

// ---- several sources, one registry

TEST_SUITE("import across sources") {
  using charter::import::org_key;
  // The CNCF landscape, Kubernetes sigs.yaml, the 2024 and 2025 steering
  // elections and the gitdm sample, merged one after the other into one
  // registry, as `charter import --from ... --merge` does.
  //
  // From the files: k8s-community/sigs.yaml lines 4104-4131 list the
  // Steering Committee's seven chairs and their companies (Google twice,
  // Minimus, DaoCloud, Microsoft, Red Hat, Defense Unicorns); the 2024
  // results.md elects bentheelder, aojea and saschagrunert, the 2025 one
  // soltysh, ritazh, pacoxu and katcosgrove; cncf-landscape/landscape.yml
  // lists "Google Cloud (member)", "Microsoft (member)" and "Red Hat
  // (member)" under Platinum (lines 14242, 14275, 14295) and "DaoCloud
  // (member)", "Defense Unicorns (member)", "Minimus (member)" under Silver
  // (lines 15376, 15430, 16448).
  const std::string real = CHARTER_SHARED_DIR "/data/real/";

  registry merged() {
    registry reg;
    import_options o;
    o.as_of = ymd(2026, 1, 1);
    const auto take = [&](std::string_view source,
                          std::vector<std::string> files) {
      for (auto& f : files) f = real + f;
      auto r = read_source(reg, source, files, o);
      reg.apply(r.changes);
      return r.summary;
    };
    take("landscape", {"cncf-landscape/landscape.yml"});
    take("k8s-sigs", {"k8s-community/sigs.yaml"});
    take("k8s-steering", {"k8s-steering-elections/2024/election.yaml",
                          "k8s-steering-elections/2024/results.md"});
    std::vector<std::string> y2025{"k8s-steering-elections/2025/election.yaml",
                                   "k8s-steering-elections/2025/results.md"};
    for (const char* c :
         {"katcosgrove", "natalisucks", "pacoxu", "priyankasaggu11929",
          "ritazh", "soltysh", "stmcginnis", "xmudrii"})
      y2025.push_back(std::string("k8s-steering-elections/2025/candidate-") +
                      c + ".md");
    take("k8s-steering", y2025);
    take("gitdm", {"gitdm/developers_affiliations1-sample.txt"});
    return reg;
  }

  TEST_CASE("the steering committee's people are one record in every source") {
    const registry reg = merged();
    const std::tuple<const char*, const char*, int> steering[] = {
        {"bentheelder", "Google", 2024},
        {"aojea", "Google", 2024},
        {"katcosgrove", "Minimus", 2025},
        {"pacoxu", "DaoCloud", 2025},
        {"ritazh", "Microsoft", 2025},
        {"saschagrunert", "Red Hat", 2024},
        {"soltysh", "Defense Unicorns", 2025}};
    const date on = ymd(2026, 1, 1);
    for (const auto& entry : steering) {
      // Not a structured binding: CAPTURE takes these.
      const char* const handle = std::get<0>(entry);
      const char* const company = std::get<1>(entry);
      const int elected = std::get<2>(entry);
      CAPTURE(handle);
      const person* p = reg.find(person_id{handle});
      REQUIRE(p);
      // sigs.yaml's seat (known only from --as-of) and the election's (with
      // its term) name the same person record, so the dated one replaced
      // the other: one seat, from the election that won it, for two years.
      std::vector<const seat*> seats;
      for (const auto& s : reg.seats())
        if (s.body == body_id{"steering-committee"} && s.person == p->id)
          seats.push_back(&s);
      REQUIRE(seats.size() == 1);
      CHECK_FALSE(seats[0]->extra.contains("undated_start"));
      CHECK(seats[0]->when.from.year() == std::chrono::year{elected});
      const date from = seats[0]->when.from;
      CHECK(seats[0]->when.to ==
            date{std::chrono::year{elected + 2}, from.month(), from.day()});
      std::size_t same_name = 0;
      for (const auto& other : reg.people())
        same_name += fold(other.name) == fold(p->name) ? 1 : 0;
      CHECK(same_name == 1);
      // Their employer is the organization CNCF lists as a member.
      const auto ties = reg.affiliations(p->id, on);
      REQUIRE_FALSE(ties.empty());
      const organization& employer = reg.at(ties.front()->org);
      CHECK(org_key(employer.name) == org_key(company));
      CHECK(reg.membership_of(employer.id, foundation_id{"cncf"}, on));
    }
  }

  TEST_CASE("sigs.yaml again after the elections adds no undated seat back") {
    const registry reg = merged();
    import_options o;
    o.as_of = ymd(2026, 1, 1);
    const std::string files[] = {real + "k8s-community/sigs.yaml"};
    const auto again = read_source(reg, "k8s-sigs", files, o);
    CHECK(again.summary.added == 0);
    CHECK(again.summary.updated == 0);
  }

  TEST_CASE("spellings from every source meet on one organization") {
    const registry reg = merged();
    // "Google Cloud (member)" (landscape), "Google" (sigs.yaml) and
    // "Google LLC" (gitdm) are one organization, as are "Red Hat (member)",
    // "Red Hat" and "Red Hat Inc.".
    for (const char* name : {"Google", "Red Hat", "Microsoft"}) {
      CAPTURE(name);
      std::size_t found = 0;
      for (const auto& o : reg.organizations())
        found += org_key(o.name) == org_key(name) ? 1 : 0;
      CHECK(found == 1);
    }
    CHECK(reg.family(org_id{"red-hat"}).id == org_id{"ibm"});
  }
}
