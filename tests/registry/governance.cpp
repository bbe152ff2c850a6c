// The governance records of issue 17 (../shared/spec/governance-records.md):
// their registry queries, worked out by hand from the spec; their JSON
// (round trips, and every problem at its JSON Pointer); their SQLite store,
// and a schema 2 database of the charter of before, upgraded in place. In
// tests/registry/ since it spans the registry, JSON and store headers (the
// one-file-per-header rule holds for tests/*.cpp).
#include <charter/registry.hpp>

#include <charter/checks.hpp>
#include <charter/json.hpp>
#include <charter/store.hpp>

#include <doctest/doctest.h>
#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace charter;
namespace fs = std::filesystem;

date d(const char* text) { return parse_date(text); }

// The fixture. Board: four directors (ann, bob, cat, dan) from 2023-02-15,
// and eve, ann's alternate; quorum 1/2, votes suspended after 2 missed
// regular meetings; it reports to the council in January, April, July and
// October. Council: ann and bob, quorum 0.6, proxies allowed.
const char* const fixture = R"({"format": "charter-registry", "version": 1,
"organizations": [
  {"id": "amd", "name": "AMD", "kind": "company"},
  {"id": "meta", "name": "Meta", "kind": "company"}],
"people": [
  {"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"},
  {"id": "cat", "name": "Cat"}, {"id": "dan", "name": "Dan"},
  {"id": "eve", "name": "Eve"}, {"id": "zed", "name": "Zed"}],
"foundations": [
  {"id": "pf", "name": "PF", "tiers": [{"id": "premier", "name": "Premier", "rank": 1}],
   "dues": {"due_days": 30, "grace_days": 90}}],
"memberships": [
  {"org": "amd", "foundation": "pf", "tier": "premier", "from": "2023-01-01"},
  {"org": "meta", "foundation": "pf", "tier": "premier", "from": "2023-01-01"}],
"bodies": [
  {"id": "board", "name": "Board", "kind": "board", "foundation": "pf",
   "seat_classes": [{"id": "directors", "mode": "fixed", "count": 4}],
   "rules": {"quorum": 0.5, "suspend_after_missed": 2},
   "reporting": {"to": "council", "months": [1, 4, 7, 10]}},
  {"id": "council", "name": "Council", "kind": "council", "foundation": "pf",
   "seat_classes": [{"id": "members", "mode": "fixed", "count": 3}],
   "rules": {"quorum": 0.6, "proxies": true}}],
"seats": [
  {"body": "board", "class": "directors", "person": "ann", "office": "chair", "from": "2023-02-15", "appointed_by": "election"},
  {"body": "board", "class": "directors", "person": "bob", "from": "2023-02-15"},
  {"body": "board", "class": "directors", "person": "cat", "from": "2023-02-15"},
  {"body": "board", "class": "directors", "person": "dan", "from": "2023-02-15"},
  {"body": "board", "class": "directors", "person": "eve", "office": "chair", "from": "2023-02-15", "alternate_for": "ann", "appointed_by": "appointment"},
  {"body": "council", "class": "members", "person": "ann", "from": "2023-01-01"},
  {"body": "council", "class": "members", "person": "bob", "from": "2023-01-01"}],
"meetings": [
  {"id": "b1", "body": "board", "date": "2023-03-01", "kind": "regular",
   "attendance": [{"person": "ann", "status": "present"}, {"person": "bob", "status": "present"},
                  {"person": "cat", "status": "absent"}, {"person": "dan", "status": "absent"}],
   "votes": [{"motion": "Budget", "yes": 2, "no": 0, "abstain": 0}]},
  {"id": "b2", "body": "board", "date": "2023-04-01", "kind": "regular",
   "attendance": [{"person": "ann", "status": "represented", "by": "eve"},
                  {"person": "bob", "status": "represented", "by": "zed"},
                  {"person": "cat", "status": "present"}]},
  {"id": "b3", "body": "board", "date": "2023-04-15", "kind": "special",
   "attendance": [{"person": "ann", "status": "present"}, {"person": "dan", "status": "present"}]},
  {"id": "b4", "body": "board", "date": "2023-05-01", "kind": "regular",
   "attendance": [{"person": "ann", "status": "present"}, {"person": "cat", "status": "absent"},
                  {"person": "dan", "status": "absent"}]},
  {"id": "b5", "body": "board", "date": "2023-06-01", "kind": "regular",
   "attendance": [{"person": "ann", "status": "present"}, {"person": "bob", "status": "absent"},
                  {"person": "cat", "status": "present"}, {"person": "dan", "status": "present", "extra": {"note": "back"}}]},
  {"id": "b6", "body": "board", "date": "2023-07-01", "kind": "special"},
  {"id": "c1", "body": "council", "date": "2023-05-01", "kind": "regular",
   "attendance": [{"person": "ann", "status": "present"}, {"person": "bob", "status": "represented", "by": "zed"}]}],
"invoices": [
  {"id": "inv-1", "org": "amd", "foundation": "pf", "issued": "2023-01-01",
   "amount": {"amount": 1000, "currency": "USD"},
   "payments": [{"on": "2023-02-01", "amount": {"amount": 400, "currency": "USD"}},
                {"on": "2023-03-01", "amount": {"amount": 600, "currency": "USD"}}]},
  {"id": "inv-2", "org": "amd", "foundation": "pf", "issued": "2023-06-01", "due": "2023-06-15",
   "amount": {"amount": 500, "currency": "EUR"}},
  {"id": "inv-3", "org": "meta", "foundation": "pf", "issued": "2023-01-01",
   "amount": {"amount": 100, "currency": "USD"},
   "payments": [{"on": "2023-04-01", "amount": {"amount": 50, "currency": "USD"}},
                {"on": "2023-02-01", "amount": {"amount": 60, "currency": "USD"}}],
   "extra": {"po": "PO-7"}}],
"reports": [
  {"body": "board", "month": "2023-04", "submitted": "2023-04-20"},
  {"body": "board", "month": "2023-07", "submitted": "2023-08-02"}]}
)";

registry sample() { return from_json(fixture); }

// The fixture with the first `from` replaced by `to`.
std::string edited(const std::string& from, const std::string& to) {
  std::string text = fixture;
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

// The JSON Pointers of the problems the document has.
std::vector<std::string> problems_at(const std::string& text) {
  std::vector<std::string> out;
  try {
    (void)from_json(text);
  } catch (const validation_error& e) {
    for (const auto& p : e.problems()) out.push_back(p.where);
  }
  return out;
}

std::vector<std::string> ids(const std::vector<person_id>& people) {
  std::vector<std::string> out;
  for (const auto& p : people) out.push_back(p.str());
  return out;
}

class temp_dir {
 public:
  temp_dir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("charter-governance-" + std::to_string(::getpid()) + "-" +
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

std::string text_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_SUITE("governance records") {
  TEST_CASE("year-month values") {
    static_assert(
        last_day(year_month{std::chrono::year{2024}, std::chrono::February}) ==
        date{std::chrono::year{2024}, std::chrono::February,
             std::chrono::day{29}});
    static_assert(month_of(date{std::chrono::year{2024}, std::chrono::March,
                                std::chrono::day{9}}) ==
                  year_month{std::chrono::year{2024}, std::chrono::March});
    CHECK(to_string(parse_year_month("2024-01")) == "2024-01");
    CHECK_FALSE(try_parse_year_month("2024-13"));
    CHECK_FALSE(try_parse_year_month("2024-1"));
    CHECK_FALSE(try_parse_year_month("2024-01-01"));
    CHECK_THROWS_AS(parse_year_month("24-01"), parse_error);
  }

  TEST_CASE("alternate seats are not filled seats") {
    const auto reg = sample();
    // Five seats of the class in force, one of them eve's alternate seat:
    // four filled, as the class is owed.
    CHECK(reg.seats(body_id{"board"}, d("2023-03-01")).size() == 5);
    const auto e = reg.entitlement_of(
        body_id{"board"}, seat_class_id{"directors"}, d("2023-03-01"));
    CHECK(e.seats == 4);
    CHECK(e.filled == 4);
  }

  TEST_CASE("alternate seats count toward no size, cap or office") {
    // eve, ann's alternate, is a fifth seat of a class owed 4, on a body of
    // at most 4, and chair as ann is: counted, she would be each of
    // seats-over-entitlement, body-size-out-of-range and office-held-twice.
    const auto reg =
        from_json(edited(R"("rules": {"quorum": 0.5,)",
                         R"("rules": {"max_size": 4, "quorum": 0.5,)"));
    const auto none_of_them = [](const std::vector<finding>& found) {
      for (const auto& f : found)
        if (f.code == "seats-over-entitlement" ||
            f.code == "body-size-out-of-range" || f.code == "office-held-twice")
          return false;
      return true;
    };
    CHECK(
        none_of_them(check(reg, d("2023-03-01"), {.body = body_id{"board"}})));
    CHECK(none_of_them(check_all(reg, {.body = body_id{"board"}})));
    // Her seat as a director instead: all three are found.
    const auto counted = from_json(
        edited(R"(, "alternate_for": "ann", "appointed_by": "appointment")", "")
            .replace(std::string(fixture).find(R"("rules": {"quorum": 0.5,)"),
                     std::string_view(R"("rules": {"quorum": 0.5,)").size(),
                     R"("rules": {"max_size": 4, "quorum": 0.5,)"));
    CHECK_FALSE(none_of_them(
        check(counted, d("2023-03-01"), {.body = body_id{"board"}})));
  }

  TEST_CASE("meetings of a body in a period, by date") {
    const auto reg = sample();
    const auto in_april =
        reg.meetings(body_id{"board"}, {d("2023-04-01"), d("2023-05-01")});
    REQUIRE(in_april.size() == 2);
    CHECK(in_april[0]->id.str() == "b2");
    CHECK(in_april[1]->id.str() == "b3");
    CHECK(reg.meetings(body_id{"board"}, {d("2023-01-01"), std::nullopt})
              .size() == 6);
    CHECK_THROWS_AS(reg.meetings(body_id{"nobody"}, {d("2023-01-01"), {}}),
                    not_found_error);
  }

  TEST_CASE("quorum: exactly at the fraction, alternates and proxies") {
    const auto reg = sample();
    // b1: ann and bob present of 4 voting members (eve is an alternate):
    // 2/4 = 0.5, exactly the quorum of 0.5: met.
    auto q = reg.quorum(meeting_id{"b1"});
    CHECK(q.voting == 4);
    CHECK(q.counted == 2);
    CHECK(q.required == 0.5);
    CHECK(q.met);
    // b2: ann represented by eve, her alternate (counted); bob by zed, who
    // is not his alternate, in a body without proxies (not counted); cat
    // present: 2/4, met. Without eve's seat it would be 1/4.
    q = reg.quorum(meeting_id{"b2"});
    CHECK(q.counted == 2);
    CHECK(q.met);
    CHECK(reg.may_represent(meeting_id{"b2"}, person_id{"ann"},
                            person_id{"eve"}));
    CHECK_FALSE(reg.may_represent(meeting_id{"b2"}, person_id{"bob"},
                                  person_id{"zed"}));
    // b3 (special): dan is suspended (below), so 3 voting members, of whom
    // ann alone is present: 1/3 < 0.5.
    q = reg.quorum(meeting_id{"b3"});
    CHECK(q.voting == 3);
    CHECK(q.counted == 1);
    CHECK_FALSE(q.met);
    // c1: the council allows proxies: bob represented by zed counts, 2/2.
    q = reg.quorum(meeting_id{"c1"});
    CHECK(q.voting == 2);
    CHECK(q.counted == 2);
    CHECK(q.met);
    CHECK(reg.may_represent(meeting_id{"c1"}, person_id{"bob"},
                            person_id{"zed"}));
  }

  TEST_CASE("a body without quorum, and a meeting without voting members") {
    auto text = edited(R"("rules": {"quorum": 0.6, "proxies": true})",
                       R"("rules": {"proxies": true})");
    const auto reg = from_json(text);
    auto q = reg.quorum(meeting_id{"c1"});
    CHECK_FALSE(q.required);
    CHECK(q.met);
    // Before any seat: no voting members, no quorum to meet.
    text = edited(R"("date": "2023-03-01")", R"("date": "2023-02-01")");
    q = from_json(text).quorum(meeting_id{"b1"});
    CHECK(q.voting == 0);
    CHECK(q.met);
  }

  TEST_CASE("suspension after N missed regular meetings") {
    const auto reg = sample();
    // dan misses b1 and b2 (2 = suspend_after_missed): suspended from the
    // next meeting, b3 (special, 2023-04-15), on; attending b3 (special)
    // does not end it, nor does missing b4; attending b5 (regular,
    // 2023-06-01) present ends it, and he counts again at b5. bob: b2
    // represented (no miss), b4 not listed and b5 absent (two misses), so
    // suspended from b6 (2023-07-01) on, open. cat's misses (b1, b4) are
    // never consecutive.
    const auto s = reg.suspensions(body_id{"board"});
    REQUIRE(s.size() == 2);
    CHECK(s[0].person.str() == "bob");
    CHECK(s[0].when == period{d("2023-07-01"), std::nullopt});
    CHECK(s[1].person.str() == "dan");
    CHECK(s[1].when == period{d("2023-04-15"), d("2023-06-01")});
    CHECK(ids(reg.suspended(body_id{"board"}, d("2023-04-14"))).empty());
    CHECK(ids(reg.suspended(body_id{"board"}, d("2023-04-15"))) ==
          std::vector<std::string>{"dan"});
    CHECK(ids(reg.suspended(body_id{"board"}, d("2023-05-31"))) ==
          std::vector<std::string>{"dan"});
    CHECK(ids(reg.suspended(body_id{"board"}, d("2023-06-01"))).empty());
    CHECK(ids(reg.suspended(body_id{"board"}, d("2023-07-01"))) ==
          std::vector<std::string>{"bob"});
    CHECK(ids(reg.voting_members(meeting_id{"b4"})) ==
          std::vector<std::string>{"ann", "bob", "cat"});
    CHECK(ids(reg.voting_members(meeting_id{"b5"})) ==
          std::vector<std::string>{"ann", "bob", "cat", "dan"});
    CHECK(ids(reg.voting_members(meeting_id{"b6"})) ==
          std::vector<std::string>{"ann", "cat", "dan"});
    // The council has no such rule.
    CHECK(reg.suspensions(body_id{"council"}).empty());
  }

  TEST_CASE("invoices: due dates, paid in full, balances") {
    const auto reg = sample();
    const auto amd = reg.invoices_of(org_id{"amd"});
    REQUIRE(amd.size() == 2);
    CHECK(amd[0]->id.str() == "inv-1");
    CHECK(reg.invoices_of(org_id{"amd"}, foundation_id{"pf"}).size() == 2);
    // No `due`: issued + the foundation's 30 due days.
    CHECK(reg.due_date(invoice_id{"inv-1"}) == d("2023-01-31"));
    CHECK(reg.due_date(invoice_id{"inv-2"}) == d("2023-06-15"));
    // 400 then 600 of 1000: in full on the second payment's day.
    CHECK(reg.paid_in_full_on(invoice_id{"inv-1"}) == d("2023-03-01"));
    // Listed out of order: 60 on 02-01 (60 < 100), then 50 on 04-01 (110):
    // in full on 2023-04-01, the day they first add up.
    CHECK(reg.paid_in_full_on(invoice_id{"inv-3"}) == d("2023-04-01"));
    CHECK_FALSE(reg.paid_in_full_on(invoice_id{"inv-2"}));
    auto owed = reg.balance(org_id{"amd"}, d("2023-02-15"));
    REQUIRE(owed.size() == 1);
    CHECK(owed[0] == money{60000, "USD"});
    owed = reg.balance(org_id{"amd"}, d("2023-06-01"));
    REQUIRE(owed.size() == 2);
    CHECK(owed[0] == money{50000, "EUR"});
    CHECK(owed[1] == money{0, "USD"});
    CHECK(reg.balance(org_id{"amd"}, d("2022-12-31")).empty());
  }

  TEST_CASE("a due date without a billing policy is the issue date") {
    const auto reg = from_json(edited(R"(,
   "dues": {"due_days": 30, "grace_days": 90})",
                                      ""));
    CHECK(reg.due_date(invoice_id{"inv-1"}) == d("2023-01-01"));
  }

  TEST_CASE("reports owed from the month of the first seat") {
    const auto reg = sample();
    // The board's first seat begins 2023-02-15: January 2023 is not owed;
    // April (on time), July (late), October and January 2024 (missing).
    const auto due =
        reg.reports_due(body_id{"board"}, {d("2023-01-01"), d("2024-02-01")});
    REQUIRE(due.size() == 4);
    CHECK(to_string(due[0].month) == "2023-04");
    CHECK(due[0].on_time());
    CHECK(to_string(due[1].month) == "2023-07");
    REQUIRE(due[1].submitted);
    CHECK_FALSE(due[1].on_time());
    CHECK(to_string(due[2].month) == "2023-10");
    CHECK_FALSE(due[2].submitted);
    CHECK(to_string(due[3].month) == "2024-01");
    CHECK(
        reg.reports_due(body_id{"council"}, {d("2023-01-01"), d("2024-01-01")})
            .empty());
    // With "from": owed from that month.
    const auto from =
        from_json(edited(R"("months": [1, 4, 7, 10]})",
                         R"("months": [1, 4, 7, 10], "from": "2023-01"})"));
    CHECK(from.reports_due(body_id{"board"}, {d("2023-01-01"), d("2023-02-01")})
              .size() == 1);
  }

  TEST_CASE("export, import, export: byte for byte, every field present") {
    const auto first = to_json(sample());
    const auto second = to_json(from_json(first));
    CHECK(first == second);
    // The collections come after roles, in this order.
    const auto roles = first.find("\"roles\"");
    const auto meetings = first.find("\"meetings\"");
    const auto invoices = first.find("\"invoices\"");
    const auto reports = first.find("\"reports\"");
    CHECK(roles < meetings);
    CHECK(meetings < invoices);
    CHECK(invoices < reports);
    // A given due is kept; an absent one stays absent.
    CHECK(first.find("\"due\": \"2023-06-15\"") != std::string::npos);
    CHECK(first.find("\"due\": \"2023-01-31\"") == std::string::npos);
    for (const char* field :
         {"\"alternate_for\": \"ann\"", "\"appointed_by\": \"appointment\"",
          "\"suspend_after_missed\": 2", "\"proxies\": true",
          "\"reporting\": {\"to\": \"council\", \"months\": [1, 4, 7, 10]}",
          "\"dues\": {\"due_days\": 30, \"grace_days\": 90}",
          "\"status\": \"represented\", \"by\": \"eve\"",
          "\"month\": \"2023-07\""})
      CHECK_MESSAGE(first.find(field) != std::string::npos, field);
  }

  TEST_CASE("JSON problems at their JSON Pointers") {
    using v = std::vector<std::string>;
    // An attendance row naming someone twice.
    CHECK(problems_at(edited(R"({"person": "cat", "status": "absent"})",
                             R"({"person": "ann", "status": "absent"})")) ==
          v{"/meetings/0/attendance/2/person"});
    // `represented` without `by`, and `by` on a row not represented.
    CHECK(problems_at(edited(R"("status": "represented", "by": "eve")",
                             R"("status": "represented")")) ==
          v{"/meetings/1/attendance/0/by"});
    CHECK(problems_at(
              edited(R"({"person": "cat", "status": "present"}]},
  {"id": "b3")",
                     R"({"person": "cat", "status": "present", "by": "zed"}]},
  {"id": "b3")")) == v{"/meetings/1/attendance/2/by"});
    // A payment in another currency.
    CHECK(problems_at(edited(R"({"amount": 600, "currency": "USD"})",
                             R"({"amount": 600, "currency": "EUR"})")) ==
          v{"/invoices/0/payments/1/amount/currency"});
    // An unknown body in reporting.to.
    CHECK(problems_at(edited(R"("to": "council")", R"("to": "senate")")) ==
          v{"/bodies/0/reporting/to"});
    // Months outside 1..12, or repeated.
    CHECK(problems_at(edited("[1, 4, 7, 10]", "[1, 13, 7, 1]")) ==
          v{"/bodies/0/reporting/months/1", "/bodies/0/reporting/months/3"});
    CHECK(problems_at(edited("[1, 4, 7, 10]", "[1, \"4\"]")) ==
          v{"/bodies/0/reporting/months/1"});
    // A meeting of an unknown body.
    CHECK(problems_at(edited(R"("id": "b1", "body": "board")",
                             R"("id": "b1", "body": "senate")")) ==
          v{"/meetings/0/body"});
    // An invoice for an unknown organization or foundation.
    CHECK(problems_at(
              edited(R"("id": "inv-2", "org": "amd", "foundation": "pf")",
                     R"("id": "inv-2", "org": "ibm", "foundation": "lf")")) ==
          v{"/invoices/1/org", "/invoices/1/foundation"});
    // alternate_for naming an unknown person, or the holder.
    CHECK(problems_at(edited(R"("alternate_for": "ann")",
                             R"("alternate_for": "amy")")) ==
          v{"/seats/4/alternate_for"});
    CHECK(problems_at(edited(R"("alternate_for": "ann")",
                             R"("alternate_for": "eve")")) ==
          v{"/seats/4/alternate_for"});
    // The decoder's own: enums, months, a missing amount, a rule below 1.
    CHECK(problems_at(edited(R"("appointed_by": "election")",
                             R"("appointed_by": "lottery")")) ==
          v{"/seats/0/appointed_by"});
    CHECK(problems_at(edited(R"("kind": "special"},)",
                             R"("kind": "extraordinary"},)")) ==
          v{"/meetings/5/kind"});
    CHECK(problems_at(edited(R"("month": "2023-04")",
                             R"("month": "2023-4")")) == v{"/reports/0/month"});
    CHECK(problems_at(edited(R"("suspend_after_missed": 2)",
                             R"("suspend_after_missed": 0)")) ==
          v{"/bodies/0/rules/suspend_after_missed"});
    CHECK(problems_at(edited(R"("grace_days": 90)", R"("grace_days": -1)")) ==
          v{"/foundations/0/dues/grace_days"});
    CHECK(
        problems_at(edited(
            R"("submitted": "2023-04-20"},)",
            R"("submitted": "2023-04-20"}, {"body": "board", "month": "2023-04", "submitted": "2023-04-21"},)")) ==
        v{"/reports/1"});
  }

  TEST_CASE("batch helpers: a vote, a payment, a report") {
    auto reg = sample();
    batch b;
    b.record_vote(meeting_id{"b2"}, meeting_vote{"Minutes", 3, 0, 1, {}});
    b.record_payment(invoice_id{"inv-2"}, d("2023-06-10"), money{50000, "EUR"});
    b.submit_report(body_id{"board"}, parse_year_month("2023-10"),
                    d("2023-10-31"));
    reg.apply(b);
    CHECK(reg.at(meeting_id{"b2"}).votes.size() == 1);
    CHECK(reg.paid_in_full_on(invoice_id{"inv-2"}) == d("2023-06-10"));
    CHECK(reg.find(report_key{body_id{"board"}, parse_year_month("2023-10")}));
    CHECK(b.describe()[0] == "record-vote b2 'Minutes' 3-0-1");
    batch wrong;
    wrong.record_payment(invoice_id{"inv-9"}, d("2023-06-10"), money{1, "EUR"});
    CHECK_THROWS_AS(reg.apply(wrong), validation_error);
    batch other_currency;
    other_currency.record_payment(invoice_id{"inv-1"}, d("2023-06-10"),
                                  money{1, "EUR"});
    CHECK_THROWS_AS(reg.apply(other_currency), validation_error);
  }

  TEST_CASE("removing and merging people and bodies") {
    auto reg = sample();
    // ann is referred to by seats, an alternate seat and meetings.
    const auto refs = reg.referrers(person_id{"ann"});
    CHECK(std::any_of(refs.begin(), refs.end(), [](const reference& r) {
      return r.field == "alternate_for";
    }));
    // zed into eve: the rows that name zed (as `by`) name eve.
    batch m;
    m.merge(person_id{"zed"}, person_id{"eve"});
    reg.apply(m);
    CHECK(reg.at(meeting_id{"b2"}).attendance[1].by->str() == "eve");
    // Removing the council with cascade takes the board's reporting off.
    batch r;
    r.remove(body_id{"council"}, true);
    reg.apply(r);
    CHECK_FALSE(reg.at(body_id{"board"}).reporting);
    CHECK_FALSE(reg.find(meeting_id{"c1"}));
    // Removing ann with cascade: her seats go, eve's seat loses its
    // principal, the meetings lose her rows.
    batch a;
    a.remove(person_id{"ann"}, true);
    reg.apply(a);
    CHECK(reg.at(meeting_id{"b1"}).attendance.size() == 3);
    CHECK_FALSE(reg.find(seat_key{body_id{"board"}, seat_class_id{"directors"},
                                  person_id{"eve"}, d("2023-02-15")})
                    ->alternate_for);
    // An organization's invoices go with it.
    batch o;
    o.remove(org_id{"meta"}, true);
    reg.apply(o);
    CHECK_FALSE(reg.find(invoice_id{"inv-3"}));
  }

  TEST_CASE("JSON -> SQLite -> JSON, byte for byte; updates and removals") {
    temp_dir dir;
    const auto file = dir / "governance.db";
    const auto expected = to_json(sample());
    {
      auto db = database::open(file);
      db.replace(sample(), {.actor = "test"}, "import");
    }
    {
      auto db = database::open(file);
      CHECK(to_json(db.registry()) == expected);
      batch b;
      b.record_vote(meeting_id{"b2"}, meeting_vote{"Minutes", 3, 0, 1, {}});
      b.record_payment(invoice_id{"inv-2"}, d("2023-06-10"),
                       money{50000, "EUR"});
      auto board = db.registry().at(body_id{"board"});
      board.rules.proxies = true;
      board.reporting->from = parse_year_month("2023-01");
      b.update(board);
      b.remove(report_key{body_id{"board"}, parse_year_month("2023-07")});
      db.commit(b, {.actor = "test"});
    }
    auto db = database::open(file);
    const auto& reg = db.registry();
    CHECK(reg.at(meeting_id{"b2"}).votes.size() == 1);
    CHECK(reg.at(invoice_id{"inv-2"}).payments.size() == 1);
    CHECK(reg.at(body_id{"board"}).rules.proxies);
    CHECK(reg.at(body_id{"board"}).reporting->from ==
          parse_year_month("2023-01"));
    CHECK(reg.reports().size() == 1);
    CHECK(sqlite_store(file).integrity_check() == "ok");
  }

  TEST_CASE("a schema 2 database of the charter of before upgrades in place") {
    // tests/data/schema-2.db: written by charter at fd66b76's successor
    // f2d146a (schema 2), see tests/data/README.md.
    temp_dir dir;
    const auto file = dir / "old.db";
    fs::copy_file(fs::path(CHARTER_SOURCE_DIR) / "tests/data/schema-2.db",
                  file);
    {
      SQLite::Database raw(file.string());
      CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 2);
    }
    {
      auto db = database::open(file);
      // Every record as the old charter exported it (the new collections,
      // empty, are not written).
      const auto before =
          text_of(fs::path(CHARTER_SOURCE_DIR) / "tests/data/schema-2.json");
      CHECK(to_json(db.registry()) == before);
      CHECK(db.log().size() == 2);
      // A write of the new records works.
      batch b;
      b.add(meeting{meeting_id{"m1"},
                    body_id{"pytorch-board"},
                    d("2024-02-01"),
                    meeting_kind::regular,
                    {attendee{person_id{"ann-lee"},
                              attendance_status::present,
                              std::nullopt,
                              {}}},
                    {},
                    {}});
      b.add(invoice{invoice_id{"i1"},
                    org_id{"amd"},
                    foundation_id{"pytorch-foundation"},
                    d("2024-01-01"),
                    std::nullopt,
                    money{100000, "USD"},
                    {},
                    {}});
      auto ann = *db.registry().find(
          seat_key{body_id{"pytorch-board"}, seat_class_id{"premier"},
                   person_id{"ann-lee"}, d("2022-09-12")});
      ann.appointed_by = appointment_kind::entitlement;
      b.update(ann);
      db.commit(b, {.actor = "test"});
    }
    SQLite::Database raw(file.string());
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 4);
    for (const char* table :
         {"meetings", "meeting_attendance", "meeting_votes", "elections",
          "election_candidates", "invoices", "invoice_payments", "reports"}) {
      SQLite::Statement q(raw,
                          "SELECT count(*) FROM sqlite_master WHERE name = ?");
      q.bind(1, table);
      REQUIRE(q.executeStep());
      CHECK_MESSAGE(q.getColumn(0).getInt() == 1, table);
    }
    CHECK(raw.execAndGet("SELECT count(*) FROM seats").getInt() == 2);
    CHECK(raw.execAndGet("SELECT appointed_by FROM seats WHERE person = "
                         "'ann-lee'")
              .getString() == "entitlement");
    auto db = database::open(file);
    CHECK(db.registry().meetings().size() == 1);
    CHECK(db.registry().invoices().size() == 1);
    CHECK(sqlite_store(file).integrity_check() == "ok");
  }
}
