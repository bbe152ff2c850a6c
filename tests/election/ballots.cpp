#include <charter/ballots.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "election/ballot_text.hpp"

// Every figure checked against a real file below was worked out from the
// file itself (wc -l, awk, Python's csv module), not from this reader, and
// names the line it comes from; the vote counts agree with the published
// results (SOURCES.md, each year's results.md).

namespace ballot_tests {

using charter::ballot_box;
using charter::ballot_format;
using charter::read_ballots;

const std::string data = CHARTER_SHARED_DIR "/data/ballots/";

ballot_box read_file(const std::string& name) {
  return read_ballots(std::filesystem::path(data + name));
}

std::vector<unsigned> ranks(std::initializer_list<unsigned> r) { return r; }

struct failure {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string reason;
};

failure failure_of(std::string_view text, ballot_format format) {
  try {
    read_ballots(text, format, "in.txt");
  } catch (const charter::source_error& e) {
    CHECK(e.where().file == "in.txt");
    CHECK(std::string(e.what()).starts_with(to_string(e.where())));
    return {e.where().line, e.where().column, e.reason()};
  }
  FAIL("read without an error: " << text);
  return {};
}

// The first failure's line and column, and that its reason holds `words`.
#define CHECK_FAILS_AT(text, format, l, c, words)                         \
  do {                                                                    \
    const auto f_ = ballot_tests::failure_of(text, format);               \
    CHECK(f_.line == (l));                                                \
    CHECK(f_.column == (c));                                              \
    CHECK_MESSAGE(f_.reason.find(words) != std::string::npos, f_.reason); \
  } while (false)

// A temporary folder of one test, removed after it.
struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    static std::atomic<int> n{0};
    path = std::filesystem::temp_directory_path() /
           ("charter-ballots-" +
            std::to_string(
                std::chrono::steady_clock::now().time_since_epoch().count()) +
            "-" + std::to_string(n++));
    std::filesystem::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path write(const std::string& name,
                              std::string_view text) const {
    const auto file = path / name;
    std::ofstream(file, std::ios::binary)
        .write(text.data(), static_cast<std::streamsize>(text.size()));
    return file;
  }
};

}  // namespace ballot_tests

using ballot_tests::ranks;
using charter::ballot_format;
using charter::read_ballots;

TEST_SUITE("ballots") {
  TEST_CASE("formats are named and parsed back") {
    for (const auto f : {ballot_format::elekto_csv, ballot_format::debian_tally,
                         ballot_format::blt})
      CHECK(charter::parse_ballot_format(to_string(f)) == f);
    CHECK(to_string(ballot_format::elekto_csv) == "elekto-csv");
    CHECK(to_string(ballot_format::debian_tally) == "debian-tally");
    CHECK(to_string(ballot_format::blt) == "blt");
    CHECK(!charter::parse_ballot_format("csv"));
    CHECK(!charter::parse_ballot_format(""));
  }

  TEST_CASE("voters are the sum of the weights, saturating") {
    charter::ballot_box box;
    CHECK(box.voters() == 0);
    box.ballots = {{{1}, 3}, {{1}, 4}};
    CHECK(box.voters() == 7);
    box.ballots.push_back({{1}, UINT64_MAX});
    CHECK(box.voters() == UINT64_MAX);
  }

  TEST_CASE("Kubernetes steering ballots, 2020 to 2025") {
    struct year {
      const char* file;
      std::size_t candidates, ballots;  // wc -l minus the header
      const char* first;
      const char* last;
    };
    const year years[] = {
        {"k8s-steering/2020/BALLOTS.csv", 10, 312, "Bob Killen",
         "Mayank Kumar"},
        {"k8s-steering/2021/ballots.csv", 13, 256, "jeremyrickard", "cblecker"},
        {"k8s-steering/2022/ballots.csv", 8, 219, "qedrakmar", "cici37"},
        {"k8s-steering/2023/ballots.csv", 11, 209, "detiber", "pacoxu"},
        {"k8s-steering/2024/ballots.csv", 7, 233, "aojea", "saschagrunert"},
        {"k8s-steering/2025/ballots.csv", 8, 210, "ritazh", "katcosgrove"},
    };
    for (const auto& y : years) {
      CAPTURE(y.file);
      const auto box = ballot_tests::read_file(y.file);
      CHECK(box.candidates.size() == y.candidates);
      CHECK(box.ballots.size() == y.ballots);
      CHECK(box.voters() == y.ballots);  // "Number of votes cast"
      CHECK(box.candidates.front() == y.first);
      CHECK(box.candidates.back() == y.last);
      CHECK(box.seats == 0);
      CHECK(box.withdrawn.empty());
      CHECK(box.title.empty());
      for (const auto& b : box.ballots) CHECK(b.ranks.size() == y.candidates);
    }
    // 2020 line 2: "4,4,2,10,10,1,4,3,10,10" (ties at 4 and 10).
    const auto k2020 = ballot_tests::read_file("k8s-steering/2020/BALLOTS.csv");
    CHECK(k2020.ballots[0].ranks == ranks({4, 4, 2, 10, 10, 1, 4, 3, 10, 10}));
    // Lines 21 and 158: "No opinion" for all ten.
    CHECK(k2020.ballots[19].ranks == std::vector<unsigned>(10, 0));
    CHECK(k2020.ballots[156].ranks == std::vector<unsigned>(10, 0));
    // 2024 line 3: "2,No opinion,No opinion,1,No opinion,No opinion,No
    // opinion".
    const auto k2024 = ballot_tests::read_file("k8s-steering/2024/ballots.csv");
    CHECK(k2024.ballots[1].ranks == ranks({2, 0, 0, 1, 0, 0, 0}));
    // 2025 line 211, the last: "2,6,8,5,4,3,1,7".
    const auto k2025 = ballot_tests::read_file("k8s-steering/2025/ballots.csv");
    CHECK(k2025.ballots.back().ranks == ranks({2, 6, 8, 5, 4, 3, 1, 7}));
    // awk -F, '$1=="1"': ballots that put the first candidate first.
    std::size_t first = 0;
    for (const auto& b : k2024.ballots) first += b.ranks[0] == 1 ? 1 : 0;
    CHECK(first == 56);
  }

  TEST_CASE("Debian project leader tally sheets") {
    struct vote {
      const char* file;
      std::size_t options, voters;  // grep -c '^V: ', the vote pages' counts
      const char* first;
      const char* last;
    };
    const vote votes[] = {
        {"debian/leader2006_tally.txt", 8, 421, "Jeroen van Wolffelaar",
         "None of the Above"},
        {"debian/leader2007_tally.txt", 9, 482, "Wouter Verhelst",
         "None Of The Above"},
        {"debian/leader2020_tally.txt", 4, 339, "Jonathan Carter",
         "None Of The Above"},
    };
    for (const auto& v : votes) {
      CAPTURE(v.file);
      const auto box = ballot_tests::read_file(v.file);
      CHECK(box.candidates.size() == v.options);
      CHECK(box.ballots.size() == v.voters);
      CHECK(box.voters() == v.voters);
      CHECK(box.candidates.front() == v.first);
      CHECK(box.candidates.back() == v.last);
      for (const auto& b : box.ballots) CHECK(b.ranks.size() == v.options);
    }
    const auto d2006 = ballot_tests::read_file("debian/leader2006_tally.txt");
    // Line 25, the first vote: "V: 57213846".
    CHECK(d2006.ballots[0].ranks == ranks({5, 7, 2, 1, 3, 8, 4, 6}));
    // Line 29: "V: 2-1----3".
    CHECK(d2006.ballots[4].ranks == ranks({2, 0, 1, 0, 0, 0, 0, 3}));
    // Line 445, the last: "V: 3--1-2--".
    CHECK(d2006.ballots.back().ranks == ranks({3, 0, 0, 1, 0, 2, 0, 0}));
    // awk: 70 voters ranked option 1 first, 71 left option 8 unranked.
    std::size_t first = 0, unranked = 0;
    for (const auto& b : d2006.ballots) {
      first += b.ranks[0] == 1 ? 1 : 0;
      unranked += b.ranks[7] == 0 ? 1 : 0;
    }
    CHECK(first == 70);
    CHECK(unranked == 71);
    // Line 26 of 2007: "V: 111111312".
    const auto d2007 = ballot_tests::read_file("debian/leader2007_tally.txt");
    CHECK(d2007.ballots[0].ranks == ranks({1, 1, 1, 1, 1, 1, 3, 1, 2}));
    // Line 21 of 2020: "V: 2313".
    const auto d2020 = ballot_tests::read_file("debian/leader2020_tally.txt");
    CHECK(d2020.ballots[0].ranks == ranks({2, 3, 1, 3}));
  }

  TEST_CASE("the Latin-1 name of Debian 2007 is read as UTF-8") {
    // Line 21: "Option 6----->: Rapha\xEBl Hertzog", the byte 0xEB being
    // Latin-1's e with diaeresis (U+00EB, UTF-8 C3 AB).
    const auto box = ballot_tests::read_file("debian/leader2007_tally.txt");
    CHECK(box.candidates[5] == "Rapha\xC3\xABl Hertzog");
    CHECK(charter::detail::valid_utf8(box.candidates[5]));
    // The same line in UTF-8 stays as it is; in Latin-1 it is converted.
    const std::string utf8 =
        "Option 1-->: Rapha\xC3\xABl\nOption 2->: Zo\xC3\xAB\nV: 12 h\n";
    const auto same = read_ballots(utf8, ballot_format::debian_tally, "u");
    CHECK(same.candidates[0] == "Rapha\xC3\xABl");
    CHECK(same.candidates[1] == "Zo\xC3\xAB");
    const std::string latin1 =
        "Option 1-->: Rapha\xEBl\nOption 2->: \xC9mile\n"
        "V: 12 h\n";
    const auto converted =
        read_ballots(latin1, ballot_format::debian_tally, "l");
    CHECK(converted.candidates[0] == "Rapha\xC3\xABl");
    CHECK(converted.candidates[1] == "\xC3\x89mile");
    // The rule is the file's: one byte that is not UTF-8 makes every name
    // Latin-1, in CSV and BLT files too.
    const auto csv = read_ballots("\xC9mile,Zo\xC3\xAB\n1,2\n",
                                  ballot_format::elekto_csv, "c");
    CHECK(csv.candidates[0] == "\xC3\x89mile");
    CHECK(csv.candidates[1] == "Zo\xC3\x83\xC2\xAB");
    const auto blt =
        read_ballots("1 1\n1 1 0\n0\n\"\xC9mile\"\n\"\xE9t\xE9\"\n",
                     ballot_format::blt, "b");
    CHECK(blt.candidates[0] == "\xC3\x89mile");
    CHECK(blt.title == "\xC3\xA9t\xC3\xA9");
  }

  TEST_CASE("UTF-8 is checked strictly") {
    using charter::detail::valid_utf8;
    CHECK(valid_utf8(""));
    CHECK(valid_utf8("plain"));
    CHECK(valid_utf8("\xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80"));
    CHECK(!valid_utf8("\xEB"));
    CHECK(!valid_utf8("\xC3"));              // cut short
    CHECK(!valid_utf8("\xC0\xAF"));          // overlong
    CHECK(!valid_utf8("\xE0\x80\xAF"));      // overlong
    CHECK(!valid_utf8("\xED\xA0\x80"));      // a surrogate
    CHECK(!valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    CHECK(!valid_utf8("\xE2\x82"));
    CHECK(charter::detail::latin1_to_utf8("a\xFF") == "a\xC3\xBF");
  }

  TEST_CASE("Glasgow 2007 wards in BLT") {
    // Anderston/City: line 1 "9 4"; 2031 ballot lines (2 to 2032), the lone
    // 0 on line 2033, nine names, the title on line 2043; the weights add
    // up to 6900, droop's report's "Ballots: 6900".
    const auto a = ballot_tests::read_file("glasgow/Anderston-City-2007.blt");
    CHECK(a.candidates.size() == 9);
    CHECK(a.seats == 4);
    CHECK(a.ballots.size() == 2031);
    CHECK(a.voters() == 6900);
    CHECK(a.withdrawn.empty());
    CHECK(a.title == "ANDERSTON-CITY");
    CHECK(a.candidates.front() == "Nina Baker");
    CHECK(a.candidates[6] == "Craig MacKay");
    CHECK(a.candidates.back() == "Peter Murray");
    // Line 2: "149 1 0".
    CHECK(a.ballots[0].weight == 149);
    CHECK(a.ballots[0].ranks == ranks({1, 0, 0, 0, 0, 0, 0, 0, 0}));
    // Line 2032, the last: "1 9 8 7 6 5 4 3 2 1 0".
    CHECK(a.ballots.back().weight == 1);
    CHECK(a.ballots.back().ranks == ranks({9, 8, 7, 6, 5, 4, 3, 2, 1}));
    // awk '$2==1': first preferences of candidate 1 weigh 880.
    std::uint64_t baker = 0;
    for (const auto& b : a.ballots) baker += b.ranks[0] == 1 ? b.weight : 0;
    CHECK(baker == 880);

    // Calton: "10 3", 1516 ballot lines weighing 5199, "CALTON".
    const auto c = ballot_tests::read_file("glasgow/Calton-2007.blt");
    CHECK(c.candidates.size() == 10);
    CHECK(c.seats == 3);
    CHECK(c.ballots.size() == 1516);
    CHECK(c.voters() == 5199);
    CHECK(c.title == "CALTON");
    CHECK(c.candidates[1] == "Alasdair Duke - Wardrop");
    CHECK(c.candidates.back() == "Alison E Thewliss");
    // Line 4: "1 1 10 2 6 3 5 4 7 8 9 0".
    CHECK(c.ballots[2].ranks == ranks({1, 3, 5, 7, 6, 4, 8, 9, 10, 2}));
  }

  TEST_CASE("BLT: withdrawn candidates, ties, blank ballots") {
    const auto box = read_ballots(
        "4 2\n-2 -4\n3 1 3 0\n2 4 1=2 0\n\n1 0\n0\n\"A\"\n\"B\" \"C\"\n"
        "\"D\"\n\"The title\"\n\n",
        ballot_format::blt, "w.blt");
    CHECK(box.candidates == std::vector<std::string>{"A", "B", "C", "D"});
    CHECK(box.seats == 2);
    CHECK(box.withdrawn == std::vector<std::size_t>{1, 3});
    REQUIRE(box.ballots.size() == 3);
    CHECK(box.ballots[0] == charter::ballot{{1, 0, 2, 0}, 3});
    CHECK(box.ballots[1] == charter::ballot{{2, 2, 0, 1}, 2});
    CHECK(box.ballots[2] == charter::ballot{{0, 0, 0, 0}, 1});
    CHECK(box.voters() == 6);
    CHECK(box.title == "The title");
  }

  TEST_CASE("BLT errors, at their line and column") {
    constexpr auto blt = ballot_format::blt;
    CHECK_FAILS_AT("", blt, 1, 1, "empty file");
    CHECK_FAILS_AT("3\n", blt, 1, 2, "<candidates> <seats>");
    CHECK_FAILS_AT("3 1 2\n", blt, 1, 5, "and no more");
    CHECK_FAILS_AT("x 1\n", blt, 1, 1, "not a number of candidates");
    CHECK_FAILS_AT("3 -1\n", blt, 1, 3, "not a number of seats");
    CHECK_FAILS_AT("0 1\n", blt, 1, 1, "no candidates");
    CHECK_FAILS_AT("3 0\n", blt, 1, 3, "no seats");
    CHECK_FAILS_AT("2 3\n", blt, 1, 3, "3 seats for 2 candidates");
    CHECK_FAILS_AT("1001 1\n", blt, 1, 1, "more than the 1000");
    // Withdrawn candidates.
    CHECK_FAILS_AT("3 1\n-4\n", blt, 2, 2, "candidate 4 is not one of the 3");
    CHECK_FAILS_AT("3 1\n-1 2\n", blt, 2, 4, "only negative numbers");
    CHECK_FAILS_AT("3 1\n-1 -1\n", blt, 2, 4, "withdrawn twice");
    // Ballots.
    CHECK_FAILS_AT("3 1\n1 4 0\n", blt, 2, 3, "candidate 4 is not one of");
    CHECK_FAILS_AT("3 1\n1 0 0\n0\n", blt, 2, 5, "nothing comes after the 0");
    CHECK_FAILS_AT("3 1\n1 2 2 0\n", blt, 2, 5, "ranked twice");
    CHECK_FAILS_AT("3 1\n1 2=2 0\n", blt, 2, 5, "ranked twice");
    CHECK_FAILS_AT("3 1\n2 1 3\n", blt, 2, 6, "a ballot ends with 0");
    CHECK_FAILS_AT("3 1\n2 1 3   \n", blt, 2, 6, "a ballot ends with 0");
    CHECK_FAILS_AT("3 1\n1 2 0 3\n", blt, 2, 7, "nothing comes after");
    CHECK_FAILS_AT("3 1\n0 1 0\n", blt, 2, 1, "weight 0");
    CHECK_FAILS_AT("3 1\nx 1 0\n", blt, 2, 1, "not a ballot's weight");
    CHECK_FAILS_AT("3 1\n1 x 0\n", blt, 2, 3, "'x' is not a candidate");
    CHECK_FAILS_AT("3 1\n1 2= 0\n", blt, 2, 5, "'=' ties two");
    CHECK_FAILS_AT("3 1\n1 =2 0\n", blt, 2, 3, "'=' ties two");
    CHECK_FAILS_AT("3 1\n(a7) 1 2 0\n", blt, 2, 1, "ballot ids");
    CHECK_FAILS_AT("3 1\n1 1 - 2 0\n", blt, 2, 5, "skipped preferences");
    CHECK_FAILS_AT("2 1\n18446744073709551615 1 0\n1 2 0\n0\n", blt, 3, 1,
                   "add up to more than");
    CHECK_FAILS_AT("2 1\n\n0\n\"A\"\n\"B\"\n\"T\"\n", blt, 3, 1, "no ballots");
    // A truncated file: no lone 0, names or title missing.
    CHECK_FAILS_AT("3 1\n1 2 0\n", blt, 3, 1, "no line '0'");
    CHECK_FAILS_AT("3 1\n1 2 0", blt, 2, 6, "no line '0'");
    CHECK_FAILS_AT("3 1\n1 2 0\n0\n\"A\"\n\"B\"\n", blt, 6, 1,
                   "2 of 3 candidates named");
    CHECK_FAILS_AT("2 1\n1 2 0\n0\n\"A\"\n\"B\"\n", blt, 6, 1, "no title");
    // Names.
    CHECK_FAILS_AT("2 1\n1 2 0\n0\n\"A\"\nB\n\"T\"\n", blt, 5, 1,
                   "the name of candidate 2, in double quotes");
    CHECK_FAILS_AT("2 1\n1 2 0\n0\n\"A\"\n  \"B\n\"T\"\n", blt, 5, 3,
                   "no closing quote");
    CHECK_FAILS_AT("2 1\n1 2 0\n0\n\"A\"x\n", blt, 4, 4,
                   "ends at its closing quote");
    CHECK_FAILS_AT("2 1\n1 2 0\n0\n\"A\"\n\"\"\n", blt, 5, 2, "empty name");
    CHECK_FAILS_AT("2 1\n1 2 0\n0\n\"A\"\n\"A\"\n", blt, 5, 2,
                   "candidates 1 and 2 are both 'A'");
    CHECK_FAILS_AT("2 1\n1 2 0\n0\n\"A\"\n\"B\"\n\"T\"\n\n x\n", blt, 8, 2,
                   "nothing comes after the title");
  }

  TEST_CASE("Elekto CSV: quoting as RFC 4180 has it") {
    const auto box = read_ballots(
        "\"a,1\",\"b \"\"B\"\"\",\"c\nd\"\r\n\"1\",\"No opinion\",2\r\n"
        "\r\n2,1, \r\n no OPINION ,3 , 1\r\n",
        ballot_format::elekto_csv, "q.csv");
    CHECK(box.candidates == std::vector<std::string>{"a,1", "b \"B\"", "c\nd"});
    REQUIRE(box.ballots.size() == 3);
    CHECK(box.ballots[0].ranks == ranks({1, 0, 2}));
    CHECK(box.ballots[1].ranks == ranks({2, 1, 0}));
    CHECK(box.ballots[2].ranks == ranks({0, 3, 1}));
    for (const auto& b : box.ballots) CHECK(b.weight == 1);
    // Ties, no final line ending, a byte order mark.
    const auto ties = read_ballots("\xEF\xBB\xBFx,y,z\n2,2,1",
                                   ballot_format::elekto_csv, "t.csv");
    CHECK(ties.candidates.front() == "x");
    CHECK(ties.ballots.at(0).ranks == ranks({2, 2, 1}));
  }

  TEST_CASE("Elekto CSV errors, at their line and column") {
    constexpr auto csv = ballot_format::elekto_csv;
    CHECK_FAILS_AT("", csv, 1, 1, "no header row");
    CHECK_FAILS_AT("\n\n", csv, 3, 1, "no header row");
    CHECK_FAILS_AT("a,b\n", csv, 2, 1, "no ballots");
    CHECK_FAILS_AT("a,b", csv, 1, 4, "no ballots");
    CHECK_FAILS_AT("a,b,c\n1,x,2\n", csv, 2, 3, "'x' is not a rank");
    CHECK_FAILS_AT("a,b,c\n1, 1.5,2\n", csv, 2, 4, "'1.5' is not a rank");
    CHECK_FAILS_AT("a,b\n-1,1\n", csv, 2, 1, "'-1' is not a rank");
    CHECK_FAILS_AT("a,b\n0,1\n", csv, 2, 1, "rank 0");
    CHECK_FAILS_AT("a,b\n1,3\n", csv, 2, 3, "rank 3 is more than the 2");
    CHECK_FAILS_AT("a,b\n1,99999999999999999999999\n", csv, 2, 3,
                   "is more than the 2");
    CHECK_FAILS_AT("a,b\n1,\"2\"\n1,\" x\"\n", csv, 3, 5, "'x' is not a rank");
    CHECK_FAILS_AT("a,b,a\n", csv, 1, 5, "'a' is named twice");
    CHECK_FAILS_AT("a, ,b\n", csv, 1, 3, "no id");
    CHECK_FAILS_AT("a,b\n1,2,3\n", csv, 2, 5, "3 cells under a header of 2");
    CHECK_FAILS_AT("a,b,c\n1,2\r\n", csv, 2, 4, "2 cells under a header of 3");
    CHECK_FAILS_AT("a,b\n1,2\n1\n", csv, 3, 2, "1 cells under a header of 2");
    // Quotes.
    CHECK_FAILS_AT("a,b\n\"1,2\n", csv, 2, 1, "never closed");
    CHECK_FAILS_AT("a,b\n1,2\"\n", csv, 2, 4, "a quote in a cell");
    CHECK_FAILS_AT("a,b\n\"1\"x,2\n", csv, 2, 4, "ends at its closing quote");
    CHECK_FAILS_AT("\"x\ny\",z\n1,q\n", csv, 3, 3, "'q' is not a rank");
  }

  TEST_CASE("Debian tally sheets: what is read and what is skipped") {
    const std::string sheet =
        "\n\t\t       Tally Sheet for the votes cast. \n"
        "   The format is:\n       \"V: vote \t\tMD5SUM\"\n"
        " -=-=-=-=-=-=-=\n\n"
        "     Option 1----->: Ann Smith \n"
        "   /  Option 2---->: Bob\n"
        "   |/  Option 3--->: Cy\r\n"
        "   ||/\n"
        "V: 1-2 \t\t0123abcd\n"
        "V: 21-\t\tdeadbeef\r\n"
        "V: 111 h\n";
    const auto box = read_ballots(sheet, ballot_format::debian_tally, "s");
    CHECK(box.candidates == std::vector<std::string>{"Ann Smith", "Bob", "Cy"});
    REQUIRE(box.ballots.size() == 3);
    CHECK(box.ballots[0].ranks == ranks({1, 0, 2}));
    CHECK(box.ballots[1].ranks == ranks({2, 1, 0}));
    CHECK(box.ballots[2].ranks == ranks({1, 1, 1}));
    CHECK(box.seats == 0);
  }

  TEST_CASE("Debian tally errors, at their line and column") {
    constexpr auto deb = ballot_format::debian_tally;
    const std::string head =
        "Option 1--->: Ann\n  /  Option 2-->: Bob\n   |/  Option 3->: Cy\n";
    // The votes are on line 4.
    CHECK_FAILS_AT(head + "V: 1x2 h\n", deb, 4, 5, "'x' is not a rank");
    CHECK_FAILS_AT(head + "V: 102 h\n", deb, 4, 5, "rank 0");
    CHECK_FAILS_AT(head + "V: 14- h\n", deb, 4, 5, "rank 4 is more than the 3");
    CHECK_FAILS_AT(head + "V: 12 h\n", deb, 4, 6, "2 ranks for 3 options");
    CHECK_FAILS_AT(head + "V: 1234 h\n", deb, 4, 7, "4 ranks for 3 options");
    CHECK_FAILS_AT(head + "V: 123\n", deb, 4, 7, "the voter's hash");
    CHECK_FAILS_AT(head + "V: 123 \t\n", deb, 4, 9, "the voter's hash");
    CHECK_FAILS_AT(head + "V: 123 h x\n", deb, 4, 10, "after the voter's hash");
    CHECK_FAILS_AT(head + "V:\n", deb, 4, 3, "no ranks");
    CHECK_FAILS_AT(head + "V: 123 h\n  Option 4->: Di\n", deb, 5, 3,
                   "after the votes");
    CHECK_FAILS_AT(head, deb, 4, 1, "no votes");
    CHECK_FAILS_AT("V: 1 h\n", deb, 1, 1, "before the options");
    CHECK_FAILS_AT("Tally Sheet\n\nnothing here\n", deb, 4, 1,
                   "no 'Option 1--->: name' line");
    CHECK_FAILS_AT("Option 1-->: Ann\nOption 3-->: Cy\n", deb, 2, 8,
                   "option 3 where option 2 comes next");
    CHECK_FAILS_AT("Option 1-->: Ann\n |/ Option 2-->: Ann\n", deb, 2, 18,
                   "options 1 and 2 are both 'Ann'");
    CHECK_FAILS_AT("Option 1-->: \n", deb, 1, 13, "option 1 has no name");
    CHECK_FAILS_AT("Option 1--: Ann\n", deb, 1, 11, "'Option N--->: name'");
  }

  TEST_CASE("the format a file's content shows") {
    using charter::detect_ballot_format;
    CHECK(detect_ballot_format("9 4\n149 1 0\n") == ballot_format::blt);
    CHECK(detect_ballot_format("\n  10 3 \r\n1 1 0\n") == ballot_format::blt);
    CHECK(detect_ballot_format("\n\t\tTally Sheet\n    Option 1--->: A\n") ==
          ballot_format::debian_tally);
    CHECK(detect_ballot_format("V: 12 abc\n") == ballot_format::debian_tally);
    CHECK(detect_ballot_format("a,b\n1,2\n") == ballot_format::elekto_csv);
    CHECK(detect_ballot_format("9,4\n1,2\n") == ballot_format::elekto_csv);
    CHECK(detect_ballot_format("9 4 1\n") == ballot_format::elekto_csv);
    CHECK(detect_ballot_format("") == ballot_format::elekto_csv);

    // Each real file, read by path without a format, is read as its own.
    for (const char* f :
         {"k8s-steering/2020/BALLOTS.csv", "k8s-steering/2023/ballots.csv",
          "debian/leader2006_tally.txt", "debian/leader2007_tally.txt",
          "glasgow/Calton-2007.blt"}) {
      CAPTURE(f);
      const auto path = ballot_tests::data + f;
      std::ifstream in(path, std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
      const auto expected = std::string_view(f).starts_with("k8s")
                                ? ballot_format::elekto_csv
                            : std::string_view(f).starts_with("debian")
                                ? ballot_format::debian_tally
                                : ballot_format::blt;
      CHECK(detect_ballot_format(text) == expected);
      CHECK(read_ballots(std::filesystem::path(path)) ==
            read_ballots(text, expected, path));
    }

    const ballot_tests::temp_dir dir;
    const auto blt =
        dir.write("x.txt", "2 1\n1 2 1 0\n0\n\"A\"\n\"B\"\n\"T\"\n");
    CHECK(read_ballots(blt).seats == 1);
    // A format given wins over the content.
    try {
      read_ballots(blt, ballot_format::debian_tally);
      FAIL("read a BLT file as a tally sheet");
    } catch (const charter::source_error& e) {
      CHECK(e.where().file == blt.string());
      CHECK(e.where().line == 7);
    }
    const auto csv = dir.write("x.blt", "a,b\n1,x\n");
    try {
      read_ballots(csv);
      FAIL("read a broken CSV file");
    } catch (const charter::source_error& e) {
      CHECK(e.where() == charter::source_place{csv.string(), 2, 3});
    }
  }

  TEST_CASE("a file that cannot be read is a storage_error") {
    const ballot_tests::temp_dir dir;
    CHECK_THROWS_AS(read_ballots(dir.path / "missing.csv"),
                    charter::storage_error);
    CHECK_THROWS_AS(read_ballots(dir.path), charter::storage_error);
    try {
      read_ballots(dir.path / "missing.csv", ballot_format::blt);
    } catch (const charter::storage_error& e) {
      CHECK(std::string(e.what()).find("missing.csv") != std::string::npos);
    }
  }
}
