#include <charter/find.hpp>

#include <charter/batch.hpp>
#include <charter/json.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {
using namespace charter;

// examples/data/pytorch-foundation.json: 10 organizations (aws has the
// alias "AWS" and the name "Amazon Web Services"), 10 people, the
// foundations linux-foundation and pytorch-foundation (tiers premier,
// general, associate), the body pytorch-board (seat class premier).
const registry& example() {
  static const registry reg =
      load_json(CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json");
  return reg;
}

std::vector<std::string> ids(const std::vector<find_hit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits)
    out.push_back(std::string(to_string(h.kind)) + " " +
                  (h.owner.empty() ? h.id : h.owner + "/" + h.id));
  return out;
}

// People and organizations with accents, emails and handles.
registry people() {
  batch b;
  b.add(organization{.id = org_id{"ibm"},
                     .name = "International Business Machines",
                     .aliases = {"IBM", "Big Blue"},
                     .domains = {"ibm.com"}});
  b.add(organization{.id = org_id{"ibm-research"},
                     .name = "IBM Research",
                     .aliases = {"big blue"}});
  b.add(organization{.id = org_id{"telecom"}, .name = "Télécom Paris"});
  b.add(person{.id = person_id{"jose-muller"},
               .name = "José Müller",
               .emails = {"Jose@Example.org"},
               .handles = {{"github", "jmuller"}}});
  b.add(person{.id = person_id{"anna-strasser"},
               .name = "Anna Straßer",
               .emails = {"anna@example.org"},
               .handles = {{"github", "@astrasser"}, {"gitlab", "jmuller"}}});
  b.add(person{.id = person_id{"lech"}, .name = "Łukasz Łódź"});
  registry reg;
  reg.apply(b);
  return reg;
}

}  // namespace

TEST_SUITE("find") {
  TEST_CASE("fold: ASCII case and Latin accents, nothing else") {
    CHECK(fold("AbC-09") == "abc-09");
    CHECK(fold("ÀÁÂÃÄÅ àáâãäå") == "aaaaaa aaaaaa");
    CHECK(fold("Ç É È Ê Ë Ì Í Î Ï Ñ Ò Ó Ô Õ Ö Ø Ù Ú Û Ü Ý ÿ") ==
          "c e e e e i i i i n o o o o o o u u u u y y");
    CHECK(fold("Straße") == "strasse");
    CHECK(fold("Æsir Œuvre Þór Ðan") == "aesir oeuvre thor dan");
    CHECK(fold("Łukasz Łódź") == "lukasz lodz");
    CHECK(fold("Dvořák Šťastný Žižek") == "dvorak stastny zizek");
    CHECK(fold("Ĳssel ſ ŉ") == "ijssel s n");
    // Not letters, or outside the table: kept byte for byte.
    CHECK(fold("2×3÷4") == "2×3÷4");
    CHECK(fold("АО «Флант» 字节跳动") == "АО «Флант» 字节跳动");
    CHECK(fold("\xC3") == "\xC3");           // a lead byte at the end
    CHECK(fold("\xC3(") == "\xC3(");         // without its continuation
    CHECK(fold("\xC5\xC5\x81") == "\xC5l");  // a stray lead byte, then Ł
    CHECK(fold("") == "");
  }

  TEST_CASE("kinds and fields have names") {
    CHECK(to_string(find_kind::seat_class) == "seat-class");
    CHECK(parse_find_kind("seat-class") == find_kind::seat_class);
    CHECK(parse_find_kind("organization") == find_kind::organization);
    CHECK_FALSE(parse_find_kind("org"));
    CHECK(to_string(find_field::handle) == "handle");
    CHECK(to_string(find_match::word) == "word");
    CHECK(to_string(resolved_by::email) == "email");
  }

  TEST_CASE(
      "the example: 'amazon' is amazon's id and the start of aws's name") {
    const auto hits = find(example(), "amazon");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0] == find_hit{.kind = find_kind::organization,
                              .id = "amazon",
                              .name = "Amazon",
                              .field = find_field::id,
                              .text = "amazon",
                              .match = find_match::exact});
    CHECK(hits[1] == find_hit{.kind = find_kind::organization,
                              .id = "aws",
                              .name = "Amazon Web Services",
                              .field = find_field::name,
                              .text = "Amazon Web Services",
                              .match = find_match::prefix});
    // Case does not matter; the id field is preferred to the alias.
    const auto aws = find(example(), "AWS");
    REQUIRE(aws.size() == 1);
    CHECK(aws[0].field == find_field::id);
    CHECK(aws[0].match == find_match::exact);
  }

  TEST_CASE("the example: kinds, and tiers and seat classes with their owner") {
    // premier is a tier of pytorch-foundation and a seat class of
    // pytorch-board; both are exact matches of an id, tiers first.
    CHECK(ids(find(example(), "premier")) ==
          std::vector<std::string>{"tier pytorch-foundation/premier",
                                   "seat-class pytorch-board/premier"});
    const auto tiers = find(example(), "Premier", find_kind::tier);
    REQUIRE(tiers.size() == 1);
    CHECK(tiers[0].owner == "pytorch-foundation");
    CHECK(tiers[0].name == "Premier");
    // "foundation" starts a word of two foundations' ids and of the
    // organization linux-foundation's id; no person's name holds it.
    CHECK(ids(find(example(), "foundation")) ==
          std::vector<std::string>{"organization linux-foundation",
                                   "foundation linux-foundation",
                                   "foundation pytorch-foundation"});
    CHECK(find(example(), "foundation", find_kind::person).empty());
    CHECK(find(example(), "zzz").empty());
    CHECK(find(example(), "").empty());
  }

  TEST_CASE("ranking: exact, prefix, word, substring; then by field") {
    batch b;
    b.add(organization{.id = org_id{"repay"}, .name = "Repay"});
    b.add(organization{.id = org_id{"ebay"}, .name = "eBay Pay Services"});
    b.add(organization{.id = org_id{"paypal"}, .name = "PayPal"});
    b.add(organization{.id = org_id{"pay"}, .name = "Pay"});
    b.add(person{.id = person_id{"pat"}, .name = "Pat", .emails = {"pay"}});
    registry reg;
    reg.apply(b);
    const auto hits = find(reg, "PAY");
    CHECK(ids(hits) ==
          std::vector<std::string>{"organization pay", "person pat",
                                   "organization paypal", "organization ebay",
                                   "organization repay"});
    REQUIRE(hits.size() == 5);
    CHECK(hits[1].field == find_field::email);  // exact, after an id
    CHECK(hits[2].match == find_match::prefix);
    CHECK(hits[3].match == find_match::word);
    CHECK(hits[3].field == find_field::name);
    CHECK(hits[4].match == find_match::substring);
    CHECK(hits[4].field == find_field::id);  // the id before the name
  }

  TEST_CASE("accents, emails, handles and domains") {
    const auto reg = people();
    auto jose = find(reg, "jose muller");
    REQUIRE(jose.size() == 1);
    CHECK(jose[0].field == find_field::name);
    CHECK(jose[0].match == find_match::exact);
    CHECK(jose[0].text == "José Müller");
    CHECK(ids(find(reg, "STRASSER")) ==
          std::vector<std::string>{"person anna-strasser"});  // the id
    auto lodz = find(reg, "lodz");
    REQUIRE(lodz.size() == 1);
    CHECK(lodz[0].match == find_match::word);
    auto telecom = find(reg, "TELECOM");
    REQUIRE(telecom.size() == 1);
    CHECK(telecom[0].field == find_field::id);
    auto handle = find(reg, "jmuller");
    // anna-strasser's gitlab handle and jose-muller's github one: equal
    // matches, by id.
    REQUIRE(handle.size() == 2);
    CHECK(handle[0].id == "anna-strasser");
    CHECK(handle[0].site == "gitlab");
    CHECK(handle[1].id == "jose-muller");
    CHECK(handle[1].site == "github");
    auto email = find(reg, "jose@example.ORG");
    REQUIRE(email.size() == 1);
    CHECK(email[0].field == find_field::email);
    CHECK(email[0].text == "Jose@Example.org");
    auto domain = find(reg, "ibm.com");
    REQUIRE(domain.size() == 1);
    CHECK(domain[0].field == find_field::domain);
    CHECK(ids(find(reg, "big blue", find_kind::organization)) ==
          std::vector<std::string>{"organization ibm",
                                   "organization ibm-research"});
  }

  TEST_CASE("resolve: an id, else an alias, email or handle") {
    // The example's "AWS" is an alias of aws (not its id: ids are slugs).
    CHECK(resolve(example(), find_kind::organization, "AWS") ==
          std::vector<resolved>{
              {find_kind::organization, "aws", resolved_by::alias, "AWS"}});
    CHECK(resolve(example(), find_kind::organization, "aws") ==
          std::vector<resolved>{
              {find_kind::organization, "aws", resolved_by::id, "aws"}});
    CHECK(resolve(example(), find_kind::organization, "amz").empty());
    CHECK(resolve(example(), find_kind::foundation, "pytorch-foundation")
              .size() == 1);
    CHECK(resolve(example(), find_kind::foundation, "PyTorch-Foundation")
              .empty());  // ids are exact
    CHECK(resolve(example(), find_kind::tier, "premier").empty());
    CHECK(resolve(example(), find_kind::person, "").empty());

    const auto reg = people();
    CHECK(resolve(reg, find_kind::organization, "ibm") ==
          std::vector<resolved>{
              {find_kind::organization, "ibm", resolved_by::id, "ibm"}});
    CHECK(resolve(reg, find_kind::organization, "Big Blue") ==
          std::vector<resolved>{
              {find_kind::organization, "ibm", resolved_by::alias, "Big Blue"},
              {find_kind::organization, "ibm-research", resolved_by::alias,
               "big blue"}});
    CHECK(resolve(reg, find_kind::person, "JOSE@example.org") ==
          std::vector<resolved>{{find_kind::person, "jose-muller",
                                 resolved_by::email, "Jose@Example.org"}});
    // A handle with or without its @, on either side.
    CHECK(resolve(reg, find_kind::person, "astrasser") ==
          std::vector<resolved>{{find_kind::person, "anna-strasser",
                                 resolved_by::handle, "github=@astrasser"}});
    CHECK(resolve(reg, find_kind::person, "@JMuller").size() == 2);
    CHECK(resolve(reg, find_kind::person, "@").empty());
    // Aliases are organizations', emails people's.
    CHECK(resolve(reg, find_kind::person, "IBM").empty());
    CHECK(resolve(reg, find_kind::organization, "anna@example.org").empty());
  }

  TEST_CASE("an empty registry finds and resolves nothing") {
    const registry reg;
    CHECK(find(reg, "a").empty());
    CHECK(resolve(reg, find_kind::organization, "a").empty());
  }
}
