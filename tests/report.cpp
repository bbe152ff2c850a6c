#include <charter/report.hpp>

// Reports: facts read back from the example registry, the JSON shapes, the
// definitions of changes and dues, and escaping in every format.
#include <charter/batch.hpp>
#include <charter/json.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "report/palette.hpp"

namespace {
using namespace charter;
namespace json = boost::json;

date d(const char* text) { return parse_date(text); }

const registry& example() {
  static const registry reg =
      load_json(CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json");
  return reg;
}

const foundation_id pytorch_foundation{"pytorch-foundation"};
const body_id pytorch_board{"pytorch-board"};
const date announced = d("2022-09-12");

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos;
       at = text.find(what, at + what.size()))
    ++n;
  return n;
}

// Parses RFC 4180 text: fields, quoted or not, records ended by CRLF.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      REQUIRE_MESSAGE(field.empty(), "a quote inside an unquoted field");
      quoted = was_quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.back().push_back(std::move(field));
      field.clear();
      was_quoted = false;
      records.emplace_back();
      ++i;
    } else {
      REQUIRE_MESSAGE(c != '\n', "a bare LF ends a record");
      field += c;
    }
  }
  REQUIRE_FALSE(quoted);
  if (records.back().empty() && field.empty() && !was_quoted)
    records.pop_back();
  return records;
}

std::string str(const json::value& v) { return std::string{v.as_string()}; }

// A foundation with names that need escaping, fees with cents, and a board
// whose seats are held for them.
const char* const evil = "<script>alert(1)</script>";
const char* const acme_inc = "Acme, \"Inc\"";

registry tricky() {
  batch b;
  b.add(organization{.id = org_id{"evil"}, .name = evil});
  b.add(organization{.id = org_id{"acme"}, .name = acme_inc});
  b.add(organization{.id = org_id{"plain"},
                     .name = "Plain | *Co* _x_ `y` & 'z'"});
  b.add(person{
      .id = person_id{"mal"},
      .name = "Mal <img src=x onerror=alert(2)>",
      .affiliations = {affiliation{.org = org_id{"evil"},
                                   .when = {d("2020-01-01"), std::nullopt}}}});
  b.add(person{
      .id = person_id{"ace"},
      .name = "Ace \"Quote\", Jr.",
      .affiliations = {affiliation{.org = org_id{"acme"},
                                   .when = {d("2020-01-01"), std::nullopt}}}});
  b.add(foundation{.id = foundation_id{"f"},
                   .name = "F & <Friends>",
                   .tiers = {tier{.id = tier_id{"gold"},
                                  .name = "Gold",
                                  .rank = 1,
                                  .annual_fee = money{123456, "USD"}},
                             tier{.id = tier_id{"silver"},
                                  .name = "Silver",
                                  .rank = 2,
                                  .annual_fee = money{10, "USD"}}}});
  b.join(org_id{"evil"}, foundation_id{"f"}, tier_id{"gold"}, d("2020-01-01"),
         true);
  b.join(org_id{"acme"}, foundation_id{"f"}, tier_id{"gold"}, d("2020-01-01"));
  b.join(org_id{"plain"}, foundation_id{"f"}, tier_id{"silver"},
         d("2020-01-01"));
  b.add(body{.id = body_id{"board"},
             .name = "Board <of> \"Directors\"",
             .owner = foundation_id{"f"},
             .seat_classes = {seat_class{.id = seat_class_id{"gold"},
                                         .mode = seat_mode::per_member,
                                         .tier = tier_id{"gold"}}},
             .rules = body_rules{.max_per_family = 1}});
  b.add(seat{.body = body_id{"board"},
             .seat_class = seat_class_id{"gold"},
             .person = person_id{"mal"},
             .represents = org_id{"evil"},
             .office = office::chair,
             .when = {d("2020-01-01"), std::nullopt}});
  b.add(seat{.body = body_id{"board"},
             .seat_class = seat_class_id{"gold"},
             .person = person_id{"ace"},
             .represents = org_id{"acme"},
             .when = {d("2020-01-01"), std::nullopt}});
  b.add(
      project{.id = project_id{"p"},
              .name = "P <proj>",
              .stewards = {steward{.who = org_id{"evil"},
                                   .when = {d("2019-01-01"), d("2021-01-01")}},
                           steward{.who = foundation_id{"f"},
                                   .when = {d("2021-01-01"), std::nullopt}}}});
  registry reg;
  reg.apply(b);
  return reg;
}

report_options tricky_options(report_kind kind) {
  report_options o;
  o.foundation = foundation_id{"f"};
  o.at = d("2021-06-01");
  if (kind == report_kind::board) o.body = body_id{"board"};
  if (kind == report_kind::changes)
    o.from = d("2019-01-01"), o.to = d("2022-01-01");
  if (kind == report_kind::timeline) o.project = project_id{"p"};
  return o;
}

constexpr std::array all_kinds{report_kind::roster,     report_kind::board,
                               report_kind::changes,    report_kind::dues,
                               report_kind::compliance, report_kind::timeline};

// Text that a spreadsheet would take for a formula: each of OWASP's
// leading characters (= + - @ tab CR).
constexpr std::array<const char*, 6> formulas{
    "=HYPERLINK(\"http://x.example\",\"go\")",
    "+1+2",
    "-3+4",
    "@SUM(A1:A9)",
    "\tTab",
    "\rReturn"};

// A registry whose every name and title starts like a formula: a
// foundation, its tiers, organizations, people, a body, a project and its
// stage, a role. Its tiers charge fees, so that amounts are written too.
registry formula_names() {
  batch b;
  const char* orgs[] = {"o1", "o2", "o3", "o4", "o5", "o6"};
  const char* people[] = {"p1", "p2", "p3", "p4", "p5", "p6"};
  for (std::size_t i = 0; i < formulas.size(); ++i) {
    b.add(organization{.id = org_id{orgs[i]}, .name = formulas[i]});
    b.add(person{
        .id = person_id{people[i]},
        .name = formulas[(i + 1) % formulas.size()],
        .affiliations = {affiliation{
            .org = org_id{orgs[i]}, .when = {d("2020-01-01"), std::nullopt}}}});
  }
  b.add(foundation{
      .id = foundation_id{"f"},
      .name = "=F()",
      .tiers = {tier{.id = tier_id{"gold"},
                     .name = "-Gold",
                     .rank = 1,
                     .annual_fee = money{400000000, "USD"}},
                tier{.id = tier_id{"free"}, .name = "@Free", .rank = 2}}});
  for (std::size_t i = 0; i < formulas.size(); ++i)
    b.join(org_id{orgs[i]}, foundation_id{"f"},
           tier_id{i % 2 ? "gold" : "free"}, d("2020-01-01"));
  b.add(body{.id = body_id{"board"},
             .name = "+Board",
             .owner = foundation_id{"f"},
             .seat_classes = {seat_class{.id = seat_class_id{"gold"},
                                         .mode = seat_mode::per_member,
                                         .tier = tier_id{"gold"}},
                              seat_class{.id = seat_class_id{"at-large"},
                                         .mode = seat_mode::fixed,
                                         .count = 4}}});
  for (std::size_t i = 0; i < formulas.size(); ++i)
    b.add(seat{.body = body_id{"board"},
               .seat_class = seat_class_id{i % 2 ? "gold" : "at-large"},
               .person = person_id{people[i]},
               .represents = org_id{orgs[i]},
               .when = {d("2020-06-01"), std::nullopt}});
  b.add(project{.id = project_id{"p"},
                .name = "=Project",
                .stewards = {steward{.who = org_id{"o1"},
                                     .when = {d("2019-01-01"), std::nullopt}}},
                .stages = {stage{.name = "@stage",
                                 .when = {d("2019-01-01"), std::nullopt}}}});
  b.add(role{person_id{"p1"},
             "=Treasurer",
             foundation_id{"f"},
             {d("2020-03-01"), std::nullopt},
             {}});
  registry reg;
  reg.apply(b);
  return reg;
}

// A seat-vacant finding's words for a board report's class.
std::string fmt_figures(const board_class& c) {
  return "class " + c.id.str() + " of board has " + std::to_string(c.filled) +
         " of " + std::to_string(c.entitled) + " seats filled";
}

bool starts_like_formula(const std::string& s) {
  return !s.empty() &&
         std::string_view{"=+-@\t\r"}.find(s.front()) != std::string_view::npos;
}

// `guarded` is `raw` with a quote before every cell that starts like a
// formula (the same records, the same columns); returns how many.
std::size_t expect_guarded(const std::string& guarded, const std::string& raw) {
  const auto g = parse_csv(guarded), r = parse_csv(raw);
  REQUIRE(g.size() == r.size());
  std::size_t quoted = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    REQUIRE(g[i].size() == r[i].size());
    for (std::size_t c = 0; c < r[i].size(); ++c) {
      CAPTURE(r[i][c]);
      if (starts_like_formula(r[i][c])) {
        CHECK(g[i][c] == "'" + r[i][c]);
        ++quoted;
      } else {
        CHECK(g[i][c] == r[i][c]);
      }
    }
  }
  return quoted;
}
}  // namespace

TEST_SUITE("report") {
  TEST_CASE("chart palette: text on every colour has WCAG AA contrast") {
    // The WCAG 2 formulas, worked out here apart from palette.hpp's.
    auto luminance = [](const std::string& hex) {
      double sum = 0;
      const double weight[3] = {0.2126, 0.7152, 0.0722};
      for (int i = 0; i < 3; ++i) {
        const double c =
            std::stoi(hex.substr(1 + 2 * static_cast<std::size_t>(i), 2),
                      nullptr, 16) /
            255.0;
        sum += weight[i] *
               (c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
      }
      return sum;
    };
    auto ratio = [&](const std::string& a, const std::string& b) {
      const double la = luminance(a), lb = luminance(b);
      return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
    };
    CHECK(ratio("#ffffff", "#000000") == doctest::Approx(21.0));
    CHECK(ratio("#767676", "#ffffff") == doctest::Approx(4.54).epsilon(0.01));
    std::set<std::string> colours;
    for (const auto fill : charter::detail::chart_palette) {
      const std::string f{fill};
      CAPTURE(f);
      colours.insert(f);
      const std::string text{charter::detail::text_color_on(fill)};
      CHECK(ratio(text, f) >= 4.5);
      CHECK(charter::detail::contrast_ratio(text, fill) ==
            doctest::Approx(ratio(text, f)));
      // White wherever white reaches 4.5:1, dark text only where it does not.
      CHECK((text == "#ffffff") == (ratio("#ffffff", f) >= 4.5));
    }
    CHECK(colours.size() == charter::detail::chart_palette.size());
    CHECK_FALSE(colours.contains(std::string{charter::detail::chart_alert}));
    CHECK_FALSE(charter::detail::relative_luminance("blue"));
    CHECK(charter::detail::contrast_ratio("#12345g", "#ffffff") == 1.0);
  }

  TEST_CASE("names of kinds and formats") {
    CHECK(parse_report_format("md") == report_format::markdown);
    CHECK(parse_report_format("markdown") == report_format::markdown);
    CHECK(parse_report_format("txt") == report_format::text);
    CHECK(parse_report_format("html") == report_format::html);
    CHECK_FALSE(parse_report_format("pdf"));
    CHECK(to_string(report_format::markdown) == "markdown");
    for (auto k : all_kinds) CHECK(parse_report_kind(to_string(k)) == k);
    CHECK_FALSE(parse_report_kind("rooster"));
    CHECK(supports(report_kind::board, report_format::svg));
    CHECK(supports(report_kind::timeline, report_format::svg));
    CHECK_FALSE(supports(report_kind::roster, report_format::svg));
  }

  TEST_CASE(
      "errors: unknown kind, unsupported format, missing options, unknown "
      "ids") {
    report_options o;
    o.foundation = pytorch_foundation;
    o.at = announced;
    CHECK_THROWS_AS(render_report(example(), "rooster", report_format::text, o),
                    report_error);
    CHECK_THROWS_AS(render_report(example(), "roster", report_format::svg, o),
                    report_error);
    CHECK_THROWS_AS(render_report(example(), "board", report_format::text, o),
                    report_error);  // no body
    CHECK_THROWS_AS(render_report(example(), "changes", report_format::text, o),
                    report_error);  // no from/to
    CHECK_THROWS_AS(render_report(example(), "timeline", report_format::text,
                                  report_options{}),
                    report_error);
    report_options undated;
    undated.foundation = pytorch_foundation;
    CHECK_THROWS_AS(
        render_report(example(), "roster", report_format::text, undated),
        report_error);
    CHECK_THROWS_AS(
        render_report(example(), "compliance", report_format::text, undated),
        report_error);
    CHECK_THROWS_AS(
        render_report(example(), "dues", report_format::text, undated),
        report_error);
    report_options nowhere = o;
    nowhere.foundation = foundation_id{"nowhere"};
    CHECK_THROWS_AS(
        render_report(example(), "roster", report_format::text, nowhere),
        not_found_error);
    CHECK_THROWS_AS(
        make_changes(example(), pytorch_foundation, announced, announced),
        report_error);
    try {
      render_report(example(), "roster", report_format::svg, o);
    } catch (const report_error& e) {
      CHECK(std::string{e.what()}.find("svg") != std::string::npos);
    }
  }

  TEST_CASE(
      "roster of the example: six founding Premier members since 2022-09-12") {
    report_options o;
    o.foundation = pytorch_foundation;
    o.at = announced;
    const auto doc =
        json::parse(render_report(example(), "roster", report_format::json, o));
    CHECK(str(doc.at("foundation")) == "pytorch-foundation");
    CHECK(str(doc.at("date")) == "2022-09-12");
    const auto& tiers = doc.at("tiers").as_array();
    REQUIRE(tiers.size() == 3);
    CHECK(str(tiers[0].at("id")) == "premier");
    CHECK(str(tiers[0].at("name")) == "Premier");
    CHECK(tiers[0].at("rank").as_int64() == 1);
    const auto& premier = tiers[0].at("members").as_array();
    REQUIRE(premier.size() == 6);
    std::set<std::string> orgs;
    for (const auto& m : premier) {
      orgs.insert(str(m.at("org")));
      CHECK(m.at("founding").as_bool());
      CHECK(str(m.at("since")) == "2022-09-12");
    }
    CHECK(orgs == std::set<std::string>{"amd", "aws", "google-cloud", "meta",
                                        "microsoft-azure", "nvidia"});
    for (const auto& m : premier)
      if (str(m.at("org")) == "aws") CHECK(str(m.at("family")) == "amazon");
    CHECK(tiers[1].at("members").as_array().empty());
    CHECK(tiers[2].at("members").as_array().empty());

    const auto text =
        render_report(example(), "roster", report_format::text, o);
    CHECK(text.find("Premier (rank 1): 6 members") != std::string::npos);
    CHECK(text.find("Amazon Web Services") != std::string::npos);
    CHECK(text.find("6 members are founding.") != std::string::npos);

    const auto model =
        make_roster(example(), pytorch_foundation, d("2022-09-11"));
    CHECK(model.total() == 0);
  }

  TEST_CASE("board of the example: six Premier seats, all vacant") {
    report_options o;
    o.body = pytorch_board;
    o.at = announced;
    const auto text = render_report(example(), "board", report_format::text, o);
    CHECK(count(text, "(vacant)") == 6);
    CHECK(text.find("6 seats owed, 0 filled, 6 vacant") != std::string::npos);

    const auto doc =
        json::parse(render_report(example(), "board", report_format::json, o));
    CHECK(str(doc.at("body")) == "pytorch-board");
    CHECK(str(doc.at("date")) == "2022-09-12");
    const auto& classes = doc.at("classes").as_array();
    REQUIRE(classes.size() == 1);
    CHECK(str(classes[0].at("id")) == "premier");
    CHECK(classes[0].at("entitled").as_int64() == 6);
    CHECK(classes[0].at("filled").as_int64() == 0);
    CHECK(classes[0].at("vacant").as_int64() == 6);
    CHECK(classes[0].at("seats").as_array().empty());

    const auto csv =
        parse_csv(render_report(example(), "board", report_format::csv, o));
    REQUIRE(csv.size() == 7);
    for (std::size_t i = 1; i < csv.size(); ++i) CHECK(csv[i][4] == "vacant");

    const auto svg = render_report(example(), "board", report_format::svg, o);
    CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(svg.find("0 of 6 filled, 6 vacant") != std::string::npos);
  }

  TEST_CASE(
      "timeline of the example: Meta until 2022-09-12, then the PyTorch "
      "Foundation") {
    report_options o;
    o.project = project_id{"pytorch"};
    o.foundation = pytorch_foundation;
    const auto model = make_timeline(example(), o.project, o.foundation);
    REQUIRE(model.stewards.size() == 2);
    CHECK(model.stewards[0].who == steward_ref{org_id{"meta"}});
    CHECK(model.stewards[0].name == "Meta");
    CHECK(model.stewards[0].when.to == announced);
    CHECK(model.stewards[1].who == steward_ref{pytorch_foundation});
    CHECK(model.stewards[1].name == "PyTorch Foundation");
    CHECK(model.stewards[1].when == period{announced, std::nullopt});
    REQUIRE(model.points.size() == 1);
    CHECK(model.points[0].on == announced);
    CHECK(model.points[0].counts == std::vector<int>{6, 0, 0});
    // Per member: the six founding joins, by organization id.
    REQUIRE(model.member_changes.size() == 6);
    CHECK(model.member_changes[0].org == org_id{"amd"});
    CHECK(model.member_changes[5].org == org_id{"nvidia"});
    for (const auto& c : model.member_changes) {
      CHECK(c.on == announced);
      CHECK_FALSE(c.from_tier);
      CHECK(c.to_tier == tier_id{"premier"});
    }
    REQUIRE(model.span);
    CHECK(model.span->from == d("2016-01-01"));
    CHECK(model.span->to == d("2023-09-12"));

    const auto doc = json::parse(
        render_report(example(), "timeline", report_format::json, o));
    const auto& stewards = doc.at("project").at("stewards").as_array();
    REQUIRE(stewards.size() == 2);
    CHECK(str(stewards[0].at("kind")) == "org");
    CHECK(str(stewards[0].at("id")) == "meta");
    CHECK(str(stewards[0].at("to")) == "2022-09-12");
    CHECK(str(stewards[1].at("kind")) == "foundation");
    CHECK(str(stewards[1].at("id")) == "pytorch-foundation");
    CHECK(str(stewards[1].at("from")) == "2022-09-12");
    CHECK(stewards[1].at("to").is_null());
    const auto& members = doc.at("foundation").at("members").as_array();
    REQUIRE(members.size() == 1);
    CHECK(members[0].at("counts").at("premier").as_int64() == 6);

    const auto text =
        render_report(example(), "timeline", report_format::text, o);
    CHECK(text.find("2016-01-01  2022-09-12  Meta") != std::string::npos);
    CHECK(text.find("2022-09-12  (still)     PyTorch Foundation") !=
          std::string::npos);
    const auto svg =
        render_report(example(), "timeline", report_format::svg, o);
    CHECK(svg.find("Meta: 2016-01-01 to 2022-09-12") != std::string::npos);
    CHECK(svg.find("PyTorch Foundation: from 2022-09-12") != std::string::npos);
  }

  TEST_CASE("compliance of the example: the vacant board seats") {
    report_options o;
    o.foundation = pytorch_foundation;
    o.at = announced;
    auto doc = json::parse(
        render_report(example(), "compliance", report_format::json, o));
    auto findings = doc.at("findings").as_array();
    REQUIRE(findings.size() == 1);
    CHECK(str(findings[0].at("code")) == "seat-vacant");
    CHECK(str(findings[0].at("severity")) == "warning");
    CHECK(findings[0].at("subjects") ==
          json::parse(R"(["pytorch-board", "premier"])"));
    CHECK(str(findings[0].at("from")) == "2022-09-12");
    CHECK(str(findings[0].at("to")) == "2022-09-13");
    CHECK_FALSE(str(findings[0].at("message")).empty());

    o.at.reset();
    o.all_dates = true;
    doc = json::parse(
        render_report(example(), "compliance", report_format::json, o));
    findings = doc.at("findings").as_array();
    REQUIRE(findings.size() == 1);
    CHECK(str(findings[0].at("from")) == "2022-09-12");
    CHECK(findings[0].at("to").is_null());
    CHECK(doc.at("date").is_null());
    const auto text =
        render_report(example(), "compliance", report_format::text, o);
    CHECK(text.find("over all dates") != std::string::npos);
    CHECK(text.find("(still)") != std::string::npos);
  }

  TEST_CASE("changes of the example in 2022: six organizations joined") {
    report_options o;
    o.foundation = pytorch_foundation;
    o.from = d("2022-01-01");
    o.to = d("2023-01-01");
    const auto doc = json::parse(
        render_report(example(), "changes", report_format::json, o));
    CHECK(str(doc.at("from")) == "2022-01-01");
    CHECK(str(doc.at("to")) == "2023-01-01");
    const auto& joined = doc.at("joined").as_array();
    REQUIRE(joined.size() == 6);
    CHECK(str(joined[0].at("org")) == "amd");
    CHECK(str(joined[0].at("date")) == "2022-09-12");
    CHECK(str(joined[0].at("to_tier")) == "premier");
    CHECK(joined[0].at("from_tier").is_null());
    for (const char* key :
         {"left", "upgraded", "downgraded", "seats_taken", "seats_vacated"})
      CHECK(doc.at(key).as_array().empty());
    CHECK(doc.at("roles_started").as_array().size() == 2);
    // A year later nothing has changed.
    o.from = d("2023-01-01");
    o.to = d("2024-01-01");
    const auto later =
        make_changes(example(), pytorch_foundation, *o.from, *o.to);
    CHECK(later.joined.empty());
    CHECK(later.roles_started.empty());
  }

  TEST_CASE(
      "changes: joins, departures, tier moves, seats and roles in [from, to)") {
    batch b;
    for (const char* o : {"a", "b", "c", "e", "g"})
      b.add(organization{.id = org_id{o}, .name = o});
    b.add(person{.id = person_id{"pat"}, .name = "Pat"});
    b.add(foundation{
        .id = foundation_id{"f"},
        .name = "F",
        .tiers = {tier{.id = tier_id{"gold"}, .name = "Gold", .rank = 1},
                  tier{.id = tier_id{"silver"}, .name = "Silver", .rank = 2}}});
    b.join(org_id{"a"}, foundation_id{"f"}, tier_id{"silver"},
           d("2020-01-01"));  // before: no join
    b.change_tier(org_id{"a"}, foundation_id{"f"}, tier_id{"gold"},
                  d("2021-03-01"));  // upgrade
    b.join(org_id{"b"}, foundation_id{"f"}, tier_id{"gold"},
           d("2021-02-01"));  // join
    b.change_tier(org_id{"b"}, foundation_id{"f"}, tier_id{"silver"},
                  d("2021-05-01"));                             // downgrade
    b.leave(org_id{"b"}, foundation_id{"f"}, d("2021-09-01"));  // leave
    b.join(org_id{"c"}, foundation_id{"f"}, tier_id{"silver"}, d("2020-01-01"));
    b.leave(org_id{"c"}, foundation_id{"f"},
            d("2021-01-01"));  // leaves on the first day: in
    b.join(org_id{"e"}, foundation_id{"f"}, tier_id{"silver"},
           d("2022-01-01"));  // on `to`: out
    b.join(org_id{"g"}, foundation_id{"f"}, tier_id{"gold"}, d("2020-01-01"));
    b.leave(org_id{"g"}, foundation_id{"f"}, d("2021-04-01"));
    b.join(org_id{"g"}, foundation_id{"f"}, tier_id{"gold"},
           d("2021-06-01"));  // a gap: left, then joined again
    b.add(body{
        .id = body_id{"board"},
        .name = "Board",
        .owner = foundation_id{"f"},
        .seat_classes = {seat_class{
            .id = seat_class_id{"x"}, .mode = seat_mode::fixed, .count = 1}}});
    // One tenure split in two records (a new office) is neither vacated nor
    // taken in between.
    b.add(seat{.body = body_id{"board"},
               .seat_class = seat_class_id{"x"},
               .person = person_id{"pat"},
               .when = {d("2021-02-01"), d("2021-07-01")}});
    b.add(seat{.body = body_id{"board"},
               .seat_class = seat_class_id{"x"},
               .person = person_id{"pat"},
               .office = office::chair,
               .when = {d("2021-07-01"), d("2021-10-01")}});
    b.add(role{.person = person_id{"pat"},
               .title = "Treasurer",
               .scope = foundation_id{"f"},
               .when = {d("2020-01-01"), d("2021-08-01")}});
    registry reg;
    reg.apply(b);

    const auto r =
        make_changes(reg, foundation_id{"f"}, d("2021-01-01"), d("2022-01-01"));
    auto orgs = [](const std::vector<membership_change>& list) {
      std::vector<std::string> out;
      for (const auto& c : list)
        out.push_back(c.org.str() + "@" + to_string(c.on));
      return out;
    };
    using strings = std::vector<std::string>;
    CHECK(orgs(r.joined) == strings{"b@2021-02-01", "g@2021-06-01"});
    CHECK(orgs(r.left) ==
          strings{"c@2021-01-01", "g@2021-04-01", "b@2021-09-01"});
    CHECK(orgs(r.upgraded) == strings{"a@2021-03-01"});
    CHECK(orgs(r.downgraded) == strings{"b@2021-05-01"});
    REQUIRE(r.upgraded.size() == 1);
    CHECK(r.upgraded[0].from_tier == tier_id{"silver"});
    CHECK(r.upgraded[0].to_tier == tier_id{"gold"});
    REQUIRE(r.left.size() == 3);
    CHECK(r.left[2].from_tier == tier_id{"silver"});  // b's last tier
    CHECK_FALSE(r.left[2].to_tier);
    REQUIRE(r.seats_taken.size() == 1);
    CHECK(r.seats_taken[0].on == d("2021-02-01"));
    REQUIRE(r.seats_vacated.size() == 1);
    CHECK(r.seats_vacated[0].on == d("2021-10-01"));
    CHECK(r.roles_started.empty());  // began before the range
    REQUIRE(r.roles_ended.size() == 1);
    CHECK(r.roles_ended[0].title == "Treasurer");
    CHECK(r.roles_ended[0].scope == role_scope{foundation_id{"f"}});
    CHECK(r.roles_ended[0].on == d("2021-08-01"));

    const auto csv = parse_csv(render(r, report_format::csv));
    REQUIRE(csv.size() == 1 + 2 + 3 + 1 + 1 + 1 + 1 + 1);
    CHECK(csv[0][0] == "change");
    CHECK(csv[1] == strings{"joined", "2021-02-01", "b", "b", "", "gold", "",
                            "", "", "", ""});
  }

  TEST_CASE("dues: exact sums of fees with cents, on a date and for a year") {
    batch b;
    for (const char* o : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"})
      b.add(organization{.id = org_id{o}, .name = o});
    b.add(foundation{
        .id = foundation_id{"fd"},
        .name = "FD",
        .tiers = {tier{.id = tier_id{"gold"},
                       .name = "Gold",
                       .rank = 1,
                       .annual_fee = money{123456, "USD"}},
                  tier{.id = tier_id{"silver"},
                       .name = "Silver",
                       .rank = 2,
                       .annual_fee = money{10, "USD"}},
                  tier{.id = tier_id{"free"}, .name = "Free", .rank = 3}}});
    for (const char* o : {"a", "b", "c"})
      b.join(org_id{o}, foundation_id{"fd"}, tier_id{"gold"}, d("2020-01-01"));
    for (const char* o : {"d", "e", "f", "g", "h", "i"})
      b.join(org_id{o}, foundation_id{"fd"}, tier_id{"silver"},
             d("2020-01-01"));
    b.join(org_id{"j"}, foundation_id{"fd"}, tier_id{"free"}, d("2020-01-01"));
    // In 2023: i leaves in March, h moves up to gold in June, g joins... the
    // year after (not counted), c moves down to silver.
    b.leave(org_id{"i"}, foundation_id{"fd"}, d("2023-03-01"));
    b.change_tier(org_id{"h"}, foundation_id{"fd"}, tier_id{"gold"},
                  d("2023-06-01"));
    b.change_tier(org_id{"c"}, foundation_id{"fd"}, tier_id{"silver"},
                  d("2023-11-01"));
    registry reg;
    reg.apply(b);

    const auto on = make_dues(reg, foundation_id{"fd"}, d("2022-06-01"));
    REQUIRE(on.tiers.size() == 3);
    CHECK(on.tiers[0].members == 3);
    CHECK(on.tiers[0].amount == money{370368, "USD"});
    CHECK(on.tiers[1].members == 6);
    CHECK(on.tiers[1].amount == money{60, "USD"});
    CHECK(on.tiers[2].members == 1);
    CHECK_FALSE(on.tiers[2].amount);  // no fee: owes nothing
    CHECK(on.total == money{370428, "USD"});

    report_options o;
    o.foundation = foundation_id{"fd"};
    o.at = d("2022-06-01");
    const auto doc =
        json::parse(render_report(reg, "dues", report_format::json, o));
    CHECK(str(doc.at("total")) == "3704.28");
    CHECK(doc.at("total_cents").as_int64() == 370428);
    CHECK(str(doc.at("currency")) == "USD");
    CHECK(str(doc.at("tiers").at(0).at("amount")) == "3703.68");
    CHECK(doc.at("tiers").at(0).at("members").as_int64() == 3);
    CHECK(doc.at("tiers").at(2).at("annual_fee").is_null());
    const auto text = render_report(reg, "dues", report_format::text, o);
    CHECK(text.find("3,704.28 USD") != std::string::npos);

    // 2023: gold a, b, h (its last tier), silver c (its last tier), d, e, f,
    // g, i (left in March, still owes the year); free j.
    const auto year = make_dues_for_year(reg, foundation_id{"fd"}, 2023);
    CHECK(year.tiers[0].members == 3);
    CHECK(year.tiers[1].members == 6);
    CHECK(year.tiers[2].members == 1);
    CHECK(year.total == money{3 * 123456 + 6 * 10, "USD"});
    const auto next = make_dues_for_year(reg, foundation_id{"fd"}, 2024);
    CHECK(next.tiers[1].members == 5);  // i is gone
    o.at.reset();
    o.year = 2024;
    CHECK(json::parse(render_report(reg, "dues", report_format::json, o))
              .at("year")
              .as_int64() == 2024);
  }

  TEST_CASE("dues of the example: no tier has a fee, so there is no total") {
    const auto r = make_dues(example(), pytorch_foundation, announced);
    CHECK_FALSE(r.total);
    REQUIRE(r.tiers.size() == 3);
    CHECK(r.tiers[0].members == 6);
    for (const auto& t : r.tiers) CHECK_FALSE(t.amount);
    // Written as nothing owed, in no currency.
    const auto doc = json::parse(render(r, report_format::json));
    CHECK(doc.at("currency").is_null());
    CHECK(str(doc.at("total")) == "0.00");
    CHECK(doc.at("total_cents").as_int64() == 0);
    CHECK(doc.at("tiers").at(0).at("cents").as_int64() == 0);
    CHECK(render(r, report_format::text).find("No tier has an annual fee.") !=
          std::string::npos);
  }

  TEST_CASE("dues: fees in two currencies have no single total") {
    batch b;
    b.add(foundation{.id = foundation_id{"fd"},
                     .name = "FD",
                     .tiers = {tier{.id = tier_id{"a"},
                                    .name = "A",
                                    .rank = 1,
                                    .annual_fee = money{100, "USD"}},
                               tier{.id = tier_id{"b"},
                                    .name = "B",
                                    .rank = 2,
                                    .annual_fee = money{100, "EUR"}}}});
    registry reg;
    reg.apply(b);
    CHECK_THROWS_AS(make_dues(reg, foundation_id{"fd"}, d("2022-01-01")),
                    report_error);
  }

  TEST_CASE("roster: fees in two currencies are not added up") {
    batch b;
    b.add(organization{.id = org_id{"x"}, .name = "X"});
    b.add(organization{.id = org_id{"y"}, .name = "Y"});
    b.add(foundation{.id = foundation_id{"fd"},
                     .name = "FD",
                     .tiers = {tier{.id = tier_id{"a"},
                                    .name = "A",
                                    .rank = 1,
                                    .annual_fee = money{100, "USD"}},
                               tier{.id = tier_id{"b"},
                                    .name = "B",
                                    .rank = 2,
                                    .annual_fee = money{250, "EUR"}}}});
    b.join(org_id{"x"}, foundation_id{"fd"}, tier_id{"a"}, d("2022-01-01"));
    b.join(org_id{"y"}, foundation_id{"fd"}, tier_id{"b"}, d("2022-01-01"));
    registry reg;
    reg.apply(b);
    report_options options;
    options.foundation = foundation_id{"fd"};
    options.at = d("2022-06-01");
    const auto text =
        render_report(reg, "roster", report_format::text, options);
    CHECK(text.find("(mixed currencies)") != std::string::npos);
    CHECK(text.find("3.50") == std::string::npos);
  }

  TEST_CASE("board: holders, offices, voting, family shares against the cap") {
    const auto r = make_board(tricky(), body_id{"board"}, d("2021-06-01"));
    REQUIRE(r.classes.size() == 1);
    CHECK(r.classes[0].entitled == 2);
    CHECK(r.classes[0].filled == 2);
    CHECK(r.vacant() == 0);
    REQUIRE(r.families.size() == 2);
    CHECK(r.family_cap() == 1);
    CHECK(r.classes[0].seats[1].office == office::chair);  // mal, after ace
    const auto doc = json::parse(render(r, report_format::json));
    CHECK(doc.at("cap").at("max_per_family").as_int64() == 1);
    CHECK(doc.at("families").as_array().size() == 2);
    CHECK(str(doc.at("classes").at(0).at("seats").at(1).at("office")) ==
          "chair");
    CHECK(doc.at("classes").at(0).at("seats").at(1).at("voting").as_bool());
  }

  TEST_CASE(
      "escaping: hostile names come out intact and harmless in every format") {
    const auto reg = tricky();
    for (const auto kind : all_kinds) {
      CAPTURE(to_string(kind));
      const auto o = tricky_options(kind);
      const bool names_orgs =
          kind != report_kind::dues && kind != report_kind::compliance;

      const auto text = render_report(reg, kind, report_format::text, o);
      if (names_orgs) CHECK(text.find(evil) != std::string::npos);

      const auto md = render_report(reg, kind, report_format::markdown, o);
      CHECK(md.find("<script>") == std::string::npos);
      for (auto at = md.find("<img"); at != std::string::npos;
           at = md.find("<img", at + 1))
        CHECK(md.substr(at - 1, 1) == "\\");  // \<img is text, not a tag
      if (names_orgs)
        CHECK(md.find("\\<script\\>alert(1)\\</script\\>") !=
              std::string::npos);

      const auto html = render_report(reg, kind, report_format::html, o);
      CHECK(html.starts_with("<!DOCTYPE html>"));
      CHECK(html.find("<script") == std::string::npos);
      CHECK(html.find("<img") == std::string::npos);
      CHECK(html.find(kind == report_kind::board
                          ? "Board &lt;of&gt; &quot;Directors&quot;"
                          : "F &amp; &lt;Friends&gt;") != std::string::npos);
      if (names_orgs)
        CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") !=
              std::string::npos);

      const auto doc =
          json::parse(render_report(reg, kind, report_format::json, o));
      CHECK(doc.is_object());

      const auto csv =
          parse_csv(render_report(reg, kind, report_format::csv, o));
      REQUIRE(csv.size() >= (kind == report_kind::compliance ? 1u : 2u));
      for (const auto& row : csv) CHECK(row.size() == csv[0].size());

      if (supports(kind, report_format::svg)) {
        const auto svg = render_report(reg, kind, report_format::svg, o);
        CHECK(svg.find("<script") == std::string::npos);
        CHECK(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;") !=
              std::string::npos);
        if (kind == report_kind::board)
          CHECK(svg.find("Acme, &quot;Inc&quot;") != std::string::npos);
        else
          CHECK(svg.find("P &lt;proj&gt;") != std::string::npos);
      }
    }

    // The names, read back.
    const auto o = tricky_options(report_kind::roster);
    const auto text = render_report(reg, "roster", report_format::text, o);
    CHECK(text.find(acme_inc) != std::string::npos);
    const auto md = render_report(reg, "roster", report_format::markdown, o);
    CHECK(md.find("Acme, \"Inc\"") != std::string::npos);
    CHECK(md.find("Plain \\| \\*Co\\* \\_x\\_ \\`y\\` \\& 'z'") !=
          std::string::npos);
    const auto html = render_report(reg, "roster", report_format::html, o);
    CHECK(html.find("Acme, &quot;Inc&quot;") != std::string::npos);
    CHECK(html.find("&#39;z&#39;") != std::string::npos);

    const auto doc =
        json::parse(render_report(reg, "roster", report_format::json, o));
    std::set<std::string> names;
    for (const auto& t : doc.at("tiers").as_array())
      for (const auto& m : t.at("members").as_array())
        names.insert(str(m.at("name")));
    CHECK(names.contains(evil));
    CHECK(names.contains(acme_inc));

    const auto csv =
        parse_csv(render_report(reg, "roster", report_format::csv, o));
    const auto name_col =
        std::find(csv[0].begin(), csv[0].end(), "name") - csv[0].begin();
    std::set<std::string> csv_names;
    for (std::size_t i = 1; i < csv.size(); ++i)
      csv_names.insert(csv[i][static_cast<std::size_t>(name_col)]);
    CHECK(csv_names.contains(evil));
    CHECK(csv_names.contains(acme_inc));
    CHECK(render_report(reg, "roster", report_format::csv, o)
              .find("\"Acme, \"\"Inc\"\"\"") != std::string::npos);

    const auto board = render_report(reg, "board", report_format::text,
                                     tricky_options(report_kind::board));
    CHECK(board.find("Mal <img src=x onerror=alert(2)>") != std::string::npos);
    CHECK(board.find("Ace \"Quote\", Jr.") != std::string::npos);
  }

  TEST_CASE(
      "escaping: control characters are shown, not sent to the terminal") {
    batch b;
    b.add(organization{.id = org_id{"esc"},
                       .name = "Red\x1b[31m\nBold\t\xc2\x9b"});
    b.add(foundation{.id = foundation_id{"f"},
                     .name = "F",
                     .tiers = {tier{.id = tier_id{"t"}, .name = "T"}}});
    b.join(org_id{"esc"}, foundation_id{"f"}, tier_id{"t"}, d("2020-01-01"));
    registry reg;
    reg.apply(b);
    const auto r = make_roster(reg, foundation_id{"f"}, d("2021-01-01"));
    const auto text = render(r, report_format::text);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("\xc2\x9b") == std::string::npos);
    CHECK(text.find("Red\\x1b[31m\\x0aBold\\x09\\x9b") != std::string::npos);
    const auto md = render(r, report_format::markdown);
    CHECK(md.find('\x1b') == std::string::npos);
    CHECK(md.find("Red\\\\x1b\\[31m Bold") != std::string::npos);
    const auto html = render(r, report_format::html);
    CHECK(html.find('\x1b') == std::string::npos);
    const auto csv = parse_csv(render(r, report_format::csv));
    CHECK(csv[1][6] ==
          "Red\x1b[31m\nBold\t\xc2\x9b");  // CSV keeps the data as it is
    CHECK(json::parse(render(r, report_format::json))
              .at("tiers")
              .at(0)
              .at("members")
              .at(0)
              .at("name") == "Red\x1b[31m\nBold\t\xc2\x9b");
  }

  TEST_CASE("escaping: a stray UTF-8 lead byte cannot hide a '<'") {
    batch b;
    b.add(organization{.id = org_id{"bad"},
                       .name = "x\xC3<script>alert(3)</script>\xE2\x82"});
    b.add(foundation{.id = foundation_id{"f"},
                     .name = "F",
                     .tiers = {tier{.id = tier_id{"t"}, .name = "T"}}});
    b.join(org_id{"bad"}, foundation_id{"f"}, tier_id{"t"}, d("2020-01-01"));
    registry reg;
    reg.apply(b);
    const auto r = make_roster(reg, foundation_id{"f"}, d("2021-01-01"));
    const auto html = render(r, report_format::html);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("x\xEF\xBF\xBD&lt;script&gt;alert(3)") !=
          std::string::npos);
    const auto md = render(r, report_format::markdown);
    CHECK(md.find("x\\\\xc3\\<script\\>") != std::string::npos);
    const auto text = render(r, report_format::text);
    CHECK(text.find("x\\xc3<script>alert(3)</script>\\xe2\\x82") !=
          std::string::npos);
  }

  TEST_CASE("text columns are aligned by characters, not bytes") {
    batch b;
    b.add(organization{.id = org_id{"u"}, .name = "Überwald"});
    b.add(organization{.id = org_id{"v"}, .name = "Vienna"});
    b.add(foundation{.id = foundation_id{"f"},
                     .name = "F",
                     .tiers = {tier{.id = tier_id{"t"}, .name = "T"}}});
    b.join(org_id{"u"}, foundation_id{"f"}, tier_id{"t"}, d("2020-01-01"));
    b.join(org_id{"v"}, foundation_id{"f"}, tier_id{"t"}, d("2020-01-01"));
    registry reg;
    reg.apply(b);
    const auto text =
        render(make_roster(reg, foundation_id{"f"}, d("2021-01-01")),
               report_format::text);
    CHECK(text.find("  Überwald      u") != std::string::npos);
    CHECK(text.find("  Vienna        v") != std::string::npos);
  }

  TEST_CASE("several reports in one output") {
    report_options o;
    o.foundation = pytorch_foundation;
    o.body = pytorch_board;
    o.at = announced;
    const std::array kinds{report_kind::roster, report_kind::board,
                           report_kind::compliance};
    const auto doc =
        json::parse(render_reports(example(), kinds, report_format::json, o));
    CHECK(doc.at("roster").at("tiers").at(0).at("members").as_array().size() ==
          6);
    CHECK(doc.at("board").at("vacant").as_int64() == 6);
    CHECK(doc.at("compliance").at("findings").as_array().size() == 1);
    const auto html = render_reports(example(), kinds, report_format::html, o);
    CHECK(count(html, "<!DOCTYPE html>") == 1);
    CHECK(count(html, "<article") == 3);
    CHECK(count(html, "<svg") == 1);  // the board's chart
    const auto text = render_reports(example(), kinds, report_format::text, o);
    CHECK(text.find("PyTorch Foundation: members on 2022-09-12") !=
          std::string::npos);
    CHECK(text.find("Governing Board: seats on 2022-09-12") !=
          std::string::npos);
    CHECK(text.find("seat-vacant") != std::string::npos);
    CHECK_THROWS_AS(render_reports(example(), kinds, report_format::svg, o),
                    report_error);
  }

  TEST_CASE("describe: the words of each kind of history line") {
    const registry reg = from_json(R"({
      "format": "charter-registry", "version": 1,
      "organizations": [{"id": "amd", "name": "AMD"},
                        {"id": "aws", "name": "AWS"},
                        {"id": "meta", "name": "Meta"}],
      "people": [
        {"id": "jane-doe", "name": "Jane Doe",
         "affiliations": [{"org": "amd", "from": "2020-01-01",
                           "title": "Engineer"}]},
        {"id": "sam-lee", "name": "Sam Lee",
         "affiliations": [{"org": "aws", "from": "2021-01-01",
                           "title": "Engineer"},
                          {"org": "amd", "from": "2021-01-01"}]},
        {"id": "alex-kim", "name": "Alex Kim"}],
      "foundations": [{"id": "pytorch-foundation", "name": "PyTorch Foundation",
                       "tiers": [{"id": "premier", "name": "Premier",
                                  "rank": 1}]}],
      "projects": [{"id": "pytorch", "name": "PyTorch",
                    "stewards": [{"org": "meta", "from": "2016-09-01",
                                  "to": "2022-09-12"},
                                 {"foundation": "pytorch-foundation",
                                  "from": "2022-09-12"}],
                    "stages": [{"stage": "graduated", "from": "2022-09-12"}]}],
      "memberships": [{"org": "amd", "foundation": "pytorch-foundation",
                       "tier": "premier", "from": "2022-09-12",
                       "founding": true},
                      {"org": "aws", "foundation": "pytorch-foundation",
                       "tier": "premier", "from": "2022-09-12"}],
      "bodies": [{"id": "pytorch-board", "name": "Board",
                  "foundation": "pytorch-foundation",
                  "seat_classes": [{"id": "premier", "mode": "per-member",
                                    "tier": "premier"},
                                   {"id": "at-large", "mode": "fixed",
                                    "count": 1}]}],
      "seats": [{"body": "pytorch-board", "class": "premier",
                 "person": "jane-doe", "represents": "amd", "office": "chair",
                 "from": "2022-09-12"},
                {"body": "pytorch-board", "class": "at-large",
                 "person": "sam-lee", "from": "2022-09-12"}],
      "roles": [{"person": "jane-doe", "title": "Treasurer",
                 "foundation": "pytorch-foundation", "from": "2023-01-01"},
                {"person": "alex-kim", "title": "Maintainer",
                 "project": "pytorch", "from": "2017-01-01"}]})");
    using strings = std::vector<std::string>;
    auto words = [](const std::vector<history_line>& lines) {
      strings out;
      for (const auto& l : lines)
        out.push_back(std::string(to_string(l.kind)) + ": " + l.text);
      return out;
    };
    CHECK(words(describe(reg.history(org_id{"amd"}),
                         record_kind::organization)) ==
          strings{"affiliation: jane-doe (Engineer)", "affiliation: sam-lee",
                  "membership: premier member of pytorch-foundation (founding)",
                  "seat: jane-doe on pytorch-board (premier) for amd, chair"});
    CHECK(words(describe(reg.history(org_id{"aws"}),
                         record_kind::organization)) ==
          strings{"affiliation: sam-lee (Engineer)",
                  "membership: premier member of pytorch-foundation"});
    CHECK(words(describe(reg.history(org_id{"meta"}),
                         record_kind::organization)) ==
          strings{"steward: steward of pytorch"});
    CHECK(words(describe(reg.history(person_id{"jane-doe"}),
                         record_kind::person)) ==
          strings{"affiliation: Engineer at amd",
                  "seat: jane-doe on pytorch-board (premier) for amd, chair",
                  "role: Treasurer of pytorch-foundation"});
    // One day's affiliations by their words: "Engineer at aws" before "amd"
    // ('E' before 'a'), though the data puts amd's before aws's.
    const auto sam = reg.history(person_id{"sam-lee"});
    REQUIRE(sam.size() == 3);
    CHECK(sam[0].affiliation->org == org_id{"amd"});
    CHECK(words(describe(sam, record_kind::person)) ==
          strings{"affiliation: Engineer at aws", "affiliation: amd",
                  "seat: sam-lee on pytorch-board (at-large)"});
    CHECK(words(describe(reg.history(project_id{"pytorch"}),
                         record_kind::project)) ==
          strings{"steward: organization meta", "role: Maintainer: alex-kim",
                  "stage: graduated",
                  "steward: foundation pytorch-foundation"});

    // One entry at a time, the subject deciding whom a line names.
    const auto amd = reg.history(org_id{"amd"});
    CHECK(describe(amd.at(0), record_kind::organization) ==
          "jane-doe (Engineer)");
    CHECK(describe(amd.at(0), record_kind::person) == "Engineer at amd");
    const auto torch = reg.history(project_id{"pytorch"});
    CHECK(describe(torch.at(0), record_kind::organization) ==
          "steward of pytorch");
    CHECK(describe(torch.at(1), record_kind::person) ==
          "Maintainer of pytorch");
    // An entry that points at nothing has nothing to say.
    CHECK(describe(history_entry{}, record_kind::organization).empty());
    // The lines keep the entries' periods.
    const auto lines = describe(torch, record_kind::project);
    CHECK(lines.at(0).when == period{d("2016-09-01"), d("2022-09-12")});
    CHECK(lines.at(0).kind == history_kind::steward);
    CHECK(describe(std::vector<history_entry>{}, record_kind::person).empty());
  }

  TEST_CASE("docs/reports.md: history in words") {
    std::ostringstream out;
    // As in docs/reports.md, with the source folder and a string stream.
    const charter::registry reg = charter::load_json(
        CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json");
    for (const auto& line :
         charter::describe(reg.history(charter::org_id{"meta"}),
                           charter::record_kind::organization))
      out << charter::to_string(line.when) << ' '
          << charter::to_string(line.kind) << ' ' << line.text << '\n';

    CHECK(out.str() ==
          "2016-01-01..2022-09-12 steward steward of pytorch\n"
          "2022-09-12.. affiliation mark-zuckerberg (Founder & CEO)\n"
          "2022-09-12.. affiliation soumith-chintala (AI Researcher)\n"
          "2022-09-12.. membership premier member of pytorch-foundation "
          "(founding)\n");
  }

  TEST_CASE(
      "CSV: a cell that starts like a formula gets a quote in every report; "
      "csv_raw keeps the exact values") {
    const auto reg = formula_names();
    report_options o;
    o.foundation = foundation_id{"f"};
    o.body = body_id{"board"};
    o.project = project_id{"p"};
    o.at = d("2021-01-01");
    o.from = d("2019-01-01");
    o.to = d("2022-01-01");
    const render_options raw{.csv_raw = true};
    for (const auto kind : all_kinds) {
      CAPTURE(to_string(kind));
      const auto guarded = render_report(reg, kind, report_format::csv, o);
      const auto exact = render_report(reg, kind, report_format::csv, o, raw);
      const std::size_t quoted = expect_guarded(guarded, exact);
      // Every report but compliance (codes, ids and messages) names them.
      if (kind != report_kind::compliance) CHECK(quoted > 0);
      for (const auto& row : parse_csv(guarded))
        for (const auto& cell : row) CHECK_FALSE(starts_like_formula(cell));
    }
    // Every one of the six, quoted where it is a name, exact when raw.
    const auto roster = render_report(reg, "roster", report_format::csv, o);
    const auto roster_raw =
        render_report(reg, "roster", report_format::csv, o, raw);
    for (const char* f : formulas) {
      CAPTURE(f);
      bool found = false, found_raw = false;
      for (const auto& row : parse_csv(roster))
        found = found || std::find(row.begin(), row.end(),
                                   std::string{"'"} + f) != row.end();
      for (const auto& row : parse_csv(roster_raw))
        found_raw = found_raw || std::find(row.begin(), row.end(),
                                           std::string{f}) != row.end();
      CHECK(found);
      CHECK(found_raw);
    }
    // Quoted as RFC 4180 wants either way: a CR or a quote inside.
    CHECK(roster.find("\"'\rReturn\"") != std::string::npos);
    CHECK(roster_raw.find("\"\rReturn\"") != std::string::npos);
    CHECK(roster.find("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"go\"\")\"") !=
          std::string::npos);
    // The amounts are exact digits in CSV.
    CHECK(roster.find(",400000000") == std::string::npos);
    CHECK(roster.find(",4000000.00,USD") != std::string::npos);
    // Several reports in one output, and a model rendered directly.
    const std::array kinds{report_kind::roster, report_kind::board};
    expect_guarded(render_reports(reg, kinds, report_format::csv, o),
                   render_reports(reg, kinds, report_format::csv, o, raw));
    const auto board = make_board(reg, body_id{"board"}, d("2021-01-01"));
    expect_guarded(render(board, report_format::csv),
                   render(board, report_format::csv, raw));
    // Other formats are unchanged by the option.
    CHECK(render(board, report_format::text) ==
          render(board, report_format::text, raw));
  }

  TEST_CASE(
      "CSV: the numbers a report writes itself are not quoted, the same text "
      "as a name is") {
    // A model built by hand (a registry refuses a negative fee): the fee's
    // "-5.00" in its number column stays a number; the name "-5.00" is text.
    roster_report r{foundation_id{"f"}, "F", d("2021-01-01"), {}};
    r.tiers.push_back(
        roster_tier{tier_id{"t"}, "T", 1, money{-500, "USD"}, {}});
    r.tiers[0].members.push_back(
        roster_member{org_id{"o"}, "-5.00", org_id{"o"}, "-5.00",
                      d("2020-01-01"), false, money{-500, "USD"}});
    const auto csv = parse_csv(render(r, report_format::csv));
    REQUIRE(csv.size() == 2);
    const auto col = [&](const char* name) {
      return static_cast<std::size_t>(
          std::find(csv[0].begin(), csv[0].end(), name) - csv[0].begin());
    };
    CHECK(csv[1][col("annual_fee")] == "-5.00");
    CHECK(csv[1][col("name")] == "'-5.00");
    CHECK(csv[1][col("family_name")] == "'-5.00");
    CHECK(parse_csv(render(r, report_format::csv,
                           render_options{.csv_raw = true}))[1][col("name")] ==
          "-5.00");
  }

  TEST_CASE(
      "CSV: a count's candidates that start like a formula are quoted, "
      "csv_raw keeps them") {
    ballot_box box;
    box.candidates = {"=cmd|' /C calc'!A0", "@alice", "bob"};
    box.ballots = {ballot{{1, 2, 3}, 3}, ballot{{2, 1, 3}, 2}};
    const auto result =
        count(box, count_options{.method = count_method::schulze, .seats = 1});
    const auto guarded = render(result, report_format::csv);
    const auto exact =
        render(result, report_format::csv, render_options{.csv_raw = true});
    CHECK(expect_guarded(guarded, exact) == 2);
    CHECK(guarded.find("'@alice") != std::string::npos);
    CHECK(exact.find("\"=cmd|' /C calc'!A0\"") == std::string::npos);
    CHECK(exact.find("=cmd|' /C calc'!A0") != std::string::npos);
  }

  TEST_CASE(
      "rosters are sorted by the name shown, case and accents folded, ties "
      "by id") {
    // Ids in one order, names in another: by folded name the order is
    // Alpha (beta), alvarez (yy), Álvarez (zeta: the same folded name, so
    // after yy by id), beta (alpha), delta (dd), Éclair (eel).
    batch b;
    const std::vector<std::pair<const char*, const char*>> orgs{
        {"zeta", "\xC3\x81lvarez"},
        {"alpha", "beta"},
        {"beta", "Alpha"},
        {"yy", "alvarez"},
        {"eel",
         "\xC3\x89"
         "clair"},
        {"dd", "delta"}};
    for (const auto& [id, name] : orgs) {
      b.add(organization{.id = org_id{id}, .name = name});
      b.add(person{
          .id = person_id{std::string{"p-"} + id},
          .name = name,
          .affiliations = {affiliation{
              .org = org_id{id}, .when = {d("2020-01-01"), std::nullopt}}}});
    }
    b.add(foundation{.id = foundation_id{"f"},
                     .name = "F",
                     .tiers = {tier{.id = tier_id{"t"}, .name = "T"}}});
    b.add(body{.id = body_id{"board"},
               .name = "Board",
               .owner = foundation_id{"f"},
               .seat_classes = {seat_class{.id = seat_class_id{"all"},
                                           .mode = seat_mode::fixed,
                                           .count = 6}}});
    for (const auto& [id, name] : orgs) {
      b.join(org_id{id}, foundation_id{"f"}, tier_id{"t"}, d("2020-01-01"));
      b.add(seat{.body = body_id{"board"},
                 .seat_class = seat_class_id{"all"},
                 .person = person_id{std::string{"p-"} + id},
                 .represents = org_id{id},
                 .when = {d("2020-01-01"), std::nullopt}});
    }
    registry reg;
    reg.apply(b);
    const std::vector<std::string> by_name{"beta",  "yy", "zeta",
                                           "alpha", "dd", "eel"};
    const auto roster = make_roster(reg, foundation_id{"f"}, d("2021-01-01"));
    std::vector<std::string> got;
    for (const auto& m : roster.tiers.at(0).members) got.push_back(m.org.str());
    CHECK(got == by_name);
    const auto board = make_board(reg, body_id{"board"}, d("2021-01-01"));
    got.clear();
    for (const auto& st : board.classes.at(0).seats)
      got.push_back(st.person.str().substr(2));
    CHECK(got == by_name);
    // Each organization is its own family, one seat each: by name too.
    got.clear();
    for (const auto& f : board.families) got.push_back(f.family.str());
    CHECK(got == by_name);
    // The renderings keep the order: in text, the rows (each starting with
    // the name) Alpha, alvarez, Álvarez, beta.
    const auto text = render(roster, report_format::text);
    const auto row = [&](const std::string& name) {
      return text.find("\n  " + name + " ");
    };
    CHECK(row("Alpha") < row("alvarez"));
    CHECK(row("alvarez") < row("\xC3\x81lvarez"));
    CHECK(row("\xC3\x81lvarez") < row("beta"));
    CHECK(row("beta") != std::string::npos);
    const auto csv = parse_csv(render(board, report_format::csv));
    REQUIRE(csv.size() == 7);
    CHECK(csv[1][5] == "p-beta");
    CHECK(csv[6][5] == "p-eel");
  }

  TEST_CASE(
      "money: thousands separators in text, Markdown and HTML; exact digits "
      "in CSV and JSON") {
    batch b;
    b.add(organization{.id = org_id{"o"}, .name = "O"});
    b.add(foundation{.id = foundation_id{"f"},
                     .name = "F",
                     .tiers = {tier{.id = tier_id{"t"},
                                    .name = "T",
                                    .annual_fee = money{400000000, "USD"}}}});
    b.join(org_id{"o"}, foundation_id{"f"}, tier_id{"t"}, d("2020-01-01"));
    registry reg;
    reg.apply(b);
    report_options o;
    o.foundation = foundation_id{"f"};
    o.at = d("2021-01-01");
    for (const char* kind : {"roster", "dues"}) {
      CAPTURE(kind);
      for (const auto format : {report_format::text, report_format::markdown,
                                report_format::html}) {
        const auto out = render_report(reg, kind, format, o);
        CHECK(out.find("4,000,000.00 USD") != std::string::npos);
        CHECK(out.find("4000000.00") == std::string::npos);
      }
      const auto csv = render_report(reg, kind, report_format::csv, o);
      CHECK(csv.find("4000000.00") != std::string::npos);
      CHECK(csv.find("4,000,000") == std::string::npos);
      const auto doc = render_report(reg, kind, report_format::json, o);
      CHECK(doc.find("\"4000000.00\"") != std::string::npos);
      CHECK(doc.find("4,000,000") == std::string::npos);
    }
    // Small and large amounts, and the groups of a negative one.
    roster_report r{foundation_id{"f"}, "F", d("2021-01-01"), {}};
    for (const std::int64_t cents :
         {std::int64_t{5}, std::int64_t{99999}, std::int64_t{100000},
          std::int64_t{-123456789}}) {
      r.tiers = {roster_tier{tier_id{"t"}, "T", 1, money{cents, "EUR"}, {}}};
      CAPTURE(cents);
      const auto text = render(r, report_format::text);
      const char* want = cents == 5        ? "Annual fee: 0.05 EUR."
                         : cents == 99999  ? "Annual fee: 999.99 EUR."
                         : cents == 100000 ? "Annual fee: 1,000.00 EUR."
                                           : "Annual fee: -1,234,567.89 EUR.";
      CHECK(text.find(want) != std::string::npos);
    }
  }

  // Worked out by hand: a class owed one seat per premier member; a, b, c
  // are members from 2020-01-01 (3 owed), d joins on 2021-01-01 (4 owed);
  // pa sits for a from 2020-01-01, pb for b from 2021-06-01.
  TEST_CASE(
      "compliance over all dates: a finding's figures change with its "
      "ranges, and agree with the board and the check on a date") {
    batch b;
    for (const char* id : {"a", "b", "c", "d"}) {
      b.add(organization{.id = org_id{id}, .name = id});
      b.add(person{
          .id = person_id{std::string{"p"} + id},
          .name = std::string{"p"} + id,
          .affiliations = {affiliation{
              .org = org_id{id}, .when = {d("2020-01-01"), std::nullopt}}}});
    }
    b.add(foundation{
        .id = foundation_id{"f"},
        .name = "F",
        .tiers = {tier{.id = tier_id{"premier"}, .name = "Premier"}}});
    for (const char* id : {"a", "b", "c"})
      b.join(org_id{id}, foundation_id{"f"}, tier_id{"premier"},
             d("2020-01-01"));
    b.join(org_id{"d"}, foundation_id{"f"}, tier_id{"premier"},
           d("2021-01-01"));
    b.add(body{.id = body_id{"board"},
               .name = "Board",
               .owner = foundation_id{"f"},
               .seat_classes = {seat_class{.id = seat_class_id{"premier"},
                                           .mode = seat_mode::per_member,
                                           .tier = tier_id{"premier"}}}});
    b.add(seat{.body = body_id{"board"},
               .seat_class = seat_class_id{"premier"},
               .person = person_id{"pa"},
               .represents = org_id{"a"},
               .when = {d("2020-01-01"), std::nullopt}});
    b.add(seat{.body = body_id{"board"},
               .seat_class = seat_class_id{"premier"},
               .person = person_id{"pb"},
               .represents = org_id{"b"},
               .when = {d("2021-06-01"), std::nullopt}});
    registry reg;
    reg.apply(b);
    const auto all =
        make_compliance(reg, {.body = body_id{"board"}}, std::nullopt);
    REQUIRE(all.findings.size() == 3);
    const auto text = render(all, report_format::text);
    CHECK(text.find("2020-01-01  2021-01-01  class premier of board has 1 of "
                    "3 seats filled") != std::string::npos);
    CHECK(text.find("2021-01-01  2021-06-01  class premier of board has 1 of "
                    "4 seats filled") != std::string::npos);
    CHECK(text.find("2021-06-01  (still)     class premier of board has 2 of "
                    "4 seats filled") != std::string::npos);
    // On any date: the board's figures, the check's and the range's agree.
    for (const char* day : {"2020-06-01", "2021-03-01", "2024-06-01"}) {
      CAPTURE(day);
      const auto board = make_board(reg, body_id{"board"}, d(day));
      REQUIRE(board.classes.size() == 1);
      const std::string said = fmt_figures(board.classes[0]);
      const auto at = check(reg, d(day), {.body = body_id{"board"}});
      REQUIRE(at.size() == 1);
      CHECK(at[0].message == said);
      const auto range = std::find_if(
          all.findings.begin(), all.findings.end(),
          [&](const finding& f) { return f.when.contains(d(day)); });
      REQUIRE(range != all.findings.end());
      CHECK(range->message == said);
    }
  }
}
