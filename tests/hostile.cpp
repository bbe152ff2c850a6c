#include <charter/json.hpp>

// Issue 13: hostile input. Each row is a document holding one hostile value
// in one place, and the outcome docs/registry-format.md and
// docs/interchange.md give for it:
//
// - kept: the value reads, writes and reads back exactly (from_json ->
//   to_json -> from_json), and the same through every store (memory, JSON
//   file, SQLite; replaced whole and committed record by record), checked
//   byte for byte in every registry read back;
// - refused: a validation_error whose first problem is placed where the
//   docs say (a JSON Pointer, or for a syntax error the line and column of
//   the character where reading stops), the same when the document is
//   merged into a registry (decode_json, then the registry's checks), and
//   an SQLite store holding the example registry is left byte for byte as
//   it was by an import and by a merge of it.
//
// tests/cli/test_hostile.py does the same through the `charter` program.

#include <charter/batch.hpp>
#include <charter/error.hpp>
#include <charter/extra.hpp>
#include <charter/limits.hpp>
#include <charter/registry.hpp>
#include <charter/store.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <unistd.h>

namespace {

using namespace charter;
namespace fs = std::filesystem;

// ------------------------------------------------------------------ helpers

const audit_info tester{"test", ""};

// A folder of its own for each test, removed at the end.
class temp_dir {
 public:
  temp_dir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("charter-hostile-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter++) + "-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string bytes(fs::file_size(file), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(in.gcount() == static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

template <class T>
std::vector<T> all(std::span<const T> records) {
  return {records.begin(), records.end()};
}

void check_same(const registry& a, const registry& b) {
  CHECK(all(a.organizations()) == all(b.organizations()));
  CHECK(all(a.people()) == all(b.people()));
  CHECK(all(a.foundations()) == all(b.foundations()));
  CHECK(all(a.projects()) == all(b.projects()));
  CHECK(all(a.bodies()) == all(b.bodies()));
  CHECK(all(a.memberships()) == all(b.memberships()));
  CHECK(all(a.seats()) == all(b.seats()));
  CHECK(all(a.roles()) == all(b.roles()));
}

// Bytes shown as C escapes, so that a failing check of a value holding
// NULs, controls or broken UTF-8 says what it holds (cut when long).
std::string shown(std::string_view bytes) {
  std::string text;
  for (const char c : bytes.substr(0, 200)) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x20 && b < 0x7f && b != '\\')
      text += c;
    else
      text += fmt::format("\\x{:02x}", b);
  }
  if (bytes.size() > 200) text += fmt::format("... ({} bytes)", bytes.size());
  return text;
}

// "line L, column C: ", the place of a syntax error at the character that
// follows `before` (1-based; columns count characters, not bytes).
std::string place_after(std::string_view before) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (const char c : before) {
    if (c == '\n') {
      line += 1;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      column += 1;
    }
  }
  return fmt::format("line {}, column {}: ", line, column);
}

// `depth` objects, one in the other: {"a": {"a": ... {"a": 1}}}.
std::string nested(std::size_t depth) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += R"({"a": )";
  text += "1";
  text += std::string(depth, '}');
  return text;
}

// ---------------------------------------------------------------- the slots

// A document with a hole: `before` + the hostile JSON text + `after`.
struct slot {
  std::string before;
  std::string after;
  std::string operator()(std::string_view value) const {
    return before + std::string(value) + after;
  }
};

const std::string head = R"({"format": "charter-registry", "version": 1, )";

slot in_collections(std::string_view before, std::string_view after) {
  return {head + std::string(before), std::string(after) + "}"};
}

// Records that the others refer to: organization x, foundation f with tier
// t, person p.
const std::string org_x = R"("organizations": [{"id": "x", "name": "X"}], )";
const std::string foundation_f =
    R"("foundations": [{"id": "f", "name": "F", "tiers": [{"id": "t", "name": "T", "rank": 1}]}], )";

const slot org_id_slot =
    in_collections(R"("organizations": [{"id": )", R"(, "name": "X"}])");
const slot org_name =
    in_collections(R"("organizations": [{"id": "x", "name": )", "}]");
const slot org_alias = in_collections(
    R"("organizations": [{"id": "x", "name": "X", "aliases": ["X Corp", )",
    "]}]");
const slot org_kind_slot = in_collections(
    R"("organizations": [{"id": "x", "name": "X", "kind": )", "}]");
const slot org_extra = in_collections(
    R"("organizations": [{"id": "x", "name": "X", "extra": )", "}]");
// The whole record, for hostile keys.
const slot org_record = in_collections(R"("organizations": [)", "]");
const slot person_email =
    in_collections(R"("people": [{"id": "p", "name": "P", "emails": [)", "]}]");
const slot person_handles =
    in_collections(R"("people": [{"id": "p", "name": "P", "handles": )", "}]");
const slot affiliation_title = in_collections(
    org_x +
        R"("people": [{"id": "p", "name": "P", "affiliations": [{"org": "x", "from": "2020-01-01", "title": )",
    "}]}]");
const slot tier_rank = in_collections(
    R"("foundations": [{"id": "f", "name": "F", "tiers": [{"id": "t", "name": "T", "rank": )",
    "}]}]");
const slot tier_amount = in_collections(
    R"("foundations": [{"id": "f", "name": "F", "tiers": [{"id": "t", "name": "T", "rank": 1, "annual_fee": {"amount": )",
    R"(, "currency": "USD"}}]}])");
const slot tier_currency = in_collections(
    R"("foundations": [{"id": "f", "name": "F", "tiers": [{"id": "t", "name": "T", "rank": 1, "annual_fee": {"amount": 5, "currency": )",
    "}}]}]");
// A tier's extra stands as deep as an extra can: six levels down.
const slot tier_extra = in_collections(
    R"("foundations": [{"id": "f", "name": "F", "tiers": [{"id": "t", "name": "T", "rank": 1, "extra": )",
    "}]}]");
const slot founded = in_collections(
    R"("foundations": [{"id": "f", "name": "F", "founded": )", "}]");
const slot membership_from = in_collections(
    org_x + foundation_f +
        R"("memberships": [{"org": "x", "foundation": "f", "tier": "t", "from": )",
    "}]");
const slot membership_org = in_collections(
    org_x + foundation_f + R"("memberships": [{"org": )",
    R"(, "foundation": "f", "tier": "t", "from": "2020-01-01"}])");
const slot stage_name = in_collections(
    R"("projects": [{"id": "q", "name": "Q", "stages": [{"stage": )",
    R"(, "from": "2020-01-01"}]}])");
const slot body_quorum = in_collections(
    foundation_f +
        R"("bodies": [{"id": "b", "name": "B", "foundation": "f", "rules": {"quorum": )",
    "}}]");
const slot org_domain = in_collections(
    R"("organizations": [{"id": "x", "name": "X", "domains": [)", "]}]");
const slot seat_class_count = in_collections(
    foundation_f +
        R"("bodies": [{"id": "b", "name": "B", "foundation": "f", "seat_classes": [{"id": "c", "mode": "fixed", "count": )",
    "}]}]");
const slot body_fraction = in_collections(
    foundation_f +
        R"("bodies": [{"id": "b", "name": "B", "foundation": "f", "rules": {"max_fraction_per_family": )",
    "}}]");
// Between the header and the collections, for top-level members.
const slot top_level{head, R"("organizations": []})"};

// -------------------------------------------------------------- the rows

using pick = std::function<std::string(const registry&)>;

struct row {
  std::string name;
  std::string document;
  bool kept;
  // kept: the hostile value, read back from a registry, and what it must be.
  pick value;
  std::string expected;
  // refused: the first problem's place, the start of its message (all of
  // it, when the docs give all of it) and its offending id, when checked.
  std::string where;
  std::string message;
  std::optional<std::string> id;
};

row kept(std::string name, std::string document, pick value,
         std::string expected) {
  return {std::move(name),
          std::move(document),
          true,
          std::move(value),
          std::move(expected),
          {},
          {},
          std::nullopt};
}

row refused(std::string name, std::string document, std::string where,
            std::string message = {},
            std::optional<std::string> id = std::nullopt) {
  return {std::move(name),  std::move(document), false,        {}, {},
          std::move(where), std::move(message),  std::move(id)};
}

// A syntax error at the character after `before`: the document is
// `before + rest`.
row syntax(std::string name, const std::string& before, std::string_view rest,
           std::string_view message_rest = {}) {
  return refused(std::move(name), before + std::string(rest), "",
                 place_after(before) + std::string(message_rest));
}

// The value pickers.
std::string name_of_x(const registry& r) { return r.at(org_id{"x"}).name; }
std::string alias_of_x(const registry& r) {
  return r.at(org_id{"x"}).aliases.at(1);
}
std::string extra_of_x(const registry& r) {
  return std::string(r.at(org_id{"x"}).extra.json());
}
std::string ids_of_organizations(const registry& r) {
  std::string ids;
  for (const auto& o : r.organizations()) ids += o.id.str() + ";";
  return ids;
}
std::string email_of_p(const registry& r) {
  return r.at(person_id{"p"}).emails.at(0);
}
std::string handles_of_p(const registry& r) {
  std::string text;
  for (const auto& [k, v] : r.at(person_id{"p"}).handles)
    text += k + "=" + v + ";";
  return text;
}
std::string title_of_p(const registry& r) {
  return r.at(person_id{"p"}).affiliations.at(0).title;
}
std::string stage_of_q(const registry& r) {
  return r.at(project_id{"q"}).stages.at(0).name;
}
std::string tier_extra_of_f(const registry& r) {
  return std::string(r.at(foundation_id{"f"}).tiers.at(0).extra.json());
}
std::string fee_of_f(const registry& r) {
  const auto& fee = r.at(foundation_id{"f"}).tiers.at(0).annual_fee;
  return fee ? fmt::format("{} {}", fee->cents, fee->currency) : "none";
}
std::string founded_of_f(const registry& r) {
  const auto& when = r.at(foundation_id{"f"}).founded;
  return when ? to_string(*when) : "none";
}
std::string from_of_membership(const registry& r) {
  return to_string(r.memberships()[0].when.from);
}

std::string domain_of_x(const registry& r) {
  return r.at(org_id{"x"}).domains.at(0);
}
std::string fraction_of_b(const registry& r) {
  const auto& f = r.at(body_id{"b"}).rules.max_fraction_per_family;
  return f ? fmt::format("{}", *f) : "none";
}

// A JSON string of `value` (which holds no character that needs escaping).
std::string as_string(std::string_view value) {
  return "\"" + std::string(value) + "\"";
}

const std::string rlo = "\xE2\x80\xAE";     // U+202E RIGHT-TO-LEFT OVERRIDE
const std::string zwsp = "\xE2\x80\x8B";    // U+200B ZERO WIDTH SPACE
const std::string zwj = "\xE2\x80\x8D";     // U+200D ZERO WIDTH JOINER
const std::string zwnbsp = "\xEF\xBB\xBF";  // U+FEFF, the BOM's character
const std::string lone_surrogate_text =
    " (an escaped UTF-16 surrogate must be a pair: \\ud800 to \\udbff, then "
    "\\udc00 to \\udfff)";

// ------------------------------------------------------------- the tables

std::vector<row> string_rows() {
  std::vector<row> rows;
  // Quotes and backslashes.
  rows.push_back(kept("quotes and backslashes in a name",
                      org_name(R"("Jane \"JD\" \\ Doe \\\\ \"")"), name_of_x,
                      R"(Jane "JD" \ Doe \\ ")"));
  rows.push_back(kept("escaped solidus and \\u escapes in an alias",
                      org_alias(R"("a\/b \u0041\u00e9\u2713")"), alias_of_x,
                      "a/b A\xC3\xA9\xE2\x9C\x93"));
  rows.push_back(refused("a quote in an id", org_id_slot(R"("a\"b")"),
                         "/organizations/0/id", "", "a\"b"));
  rows.push_back(refused("a backslash in an id", org_id_slot(R"("a\\b")"),
                         "/organizations/0/id", "", "a\\b"));
  rows.push_back(refused("a quote in a reference", membership_org(R"("x\"")"),
                         "/memberships/0/org", "", "x\""));
  // NUL.
  rows.push_back(kept("an escaped NUL inside a name", org_name(R"("A\u0000B")"),
                      name_of_x, std::string("A\0B", 3)));
  rows.push_back(kept("NULs at both ends of an email",
                      person_email(R"("\u0000a@example.org\u0000")"),
                      email_of_p, std::string("\0a@example.org\0", 15)));
  rows.push_back(kept("NULs in a handle's key and value",
                      person_handles(R"({"git\u0000hub": "j\u0000d"})"),
                      handles_of_p, std::string("git\0hub=j\0d;", 12)));
  rows.push_back(kept("NULs in extra keys that differ after them",
                      org_extra(R"({"a\u0000b": "\u0000", "a\u0000c": 1})"),
                      extra_of_x, R"({"a\u0000b": "\u0000", "a\u0000c": 1})"));
  rows.push_back(refused("an escaped NUL in an id", org_id_slot(R"("x\u0000")"),
                         "/organizations/0/id", "", std::string("x\0", 2)));
  rows.push_back(syntax("a raw NUL inside a name", org_name.before + "\"A",
                        std::string("\0B\"", 3) + org_name.after));
  // Newlines, tabs and other controls.
  rows.push_back(kept("escaped newlines, tabs and controls in a title",
                      affiliation_title(R"("a\nb\r\nc\td\b\f\u001f\u007f")"),
                      title_of_p, "a\nb\r\nc\td\b\f\x1f\x7f"));
  {
    std::string every;  // every control character, escaped
    std::string expected;
    for (int c = 1; c < 0x20; ++c) {
      every += fmt::format("\\u{:04x}", c);
      expected += static_cast<char>(c);
    }
    rows.push_back(kept("every control character in a stage",
                        stage_name(as_string(every)), stage_of_q, expected));
  }
  rows.push_back(kept("controls in extra, in canonical escapes",
                      org_extra(R"({"k\t": "\n\u0001\u001F\"\\\/"})"),
                      extra_of_x, R"({"k\t": "\n\u0001\u001f\"\\/"})"));
  rows.push_back(syntax("a raw newline inside a name", org_name.before + "\"A",
                        "\nB\"" + org_name.after));
  rows.push_back(syntax("a raw tab inside an extra key",
                        org_extra.before + "{\"k",
                        "\t\": 1}" + org_extra.after));
  rows.push_back(refused("a newline at the end of an id",
                         org_id_slot(R"("x\n")"), "/organizations/0/id", "",
                         "x\n"));
  // Bidi and zero-width characters: text like any other in names and
  // extra, not slugs.
  rows.push_back(
      kept("RTL override and isolates in a name, raw and escaped",
           org_name(as_string(rlo + "gnp.exe \\u202e\\u2066x\\u2069")),
           name_of_x, rlo + "gnp.exe " + rlo + "\xE2\x81\xA6x\xE2\x81\xA9"));
  rows.push_back(
      kept("zero-width characters and U+FEFF in an alias",
           org_alias(as_string(zwsp + "X" + zwj + "\\ufeff" + zwnbsp)),
           alias_of_x, zwsp + "X" + zwj + zwnbsp + zwnbsp));
  rows.push_back(kept("bidi and zero-width keys and values in extra",
                      org_extra(R"({"\u202e": "\u200b", "": "", ")" + zwj +
                                R"(": [")" + rlo + R"("]})"),
                      extra_of_x,
                      "{\"" + rlo + "\": \"" + zwsp + "\", \"\": \"\", \"" +
                          zwj + "\": [\"" + rlo + "\"]}"));
  rows.push_back(refused("an RTL override in an id",
                         org_id_slot(as_string("x" + rlo)),
                         "/organizations/0/id", "", "x" + rlo));
  rows.push_back(refused("a zero-width space in an id",
                         org_id_slot(R"("x\u200b")"), "/organizations/0/id", "",
                         "x" + zwsp));
  rows.push_back(refused(
      "the same id twice, once escaped",
      org_record(R"({"id": "x", "name": "X"}, {"id": "\u0078", "name": "Y"})"),
      "/organizations/1/id", "duplicate organization x", "x"));
  // Characters at the edges of Unicode, written raw and as escapes.
  rows.push_back(
      kept("a surrogate pair, U+10FFFF and noncharacters in a name",
           org_name(R"("\ud83d\ude00 \uDBFF\uDFFF )"
                    "\xF4\x8F\xBF\xBF \xEF\xBF\xBE\xEF\xBF\xBF \\uffff\""),
           name_of_x,
           "\xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF \xF4\x8F\xBF\xBF "
           "\xEF\xBF\xBE\xEF\xBF\xBF \xEF\xBF\xBF"));
  // A pointer escapes ~ and / in keys; extra keeps them as they are.
  rows.push_back(kept("~ and / in extra keys",
                      org_extra(R"({"a/b~c": {"~1": 1}})"), extra_of_x,
                      R"({"a/b~c": {"~1": 1}})"));
  // Ids at and over their length.
  rows.push_back(kept("an id of 64 characters",
                      org_id_slot(as_string(std::string(64, 'x'))),
                      ids_of_organizations, std::string(64, 'x') + ";"));
  rows.push_back(refused("an id of 65 characters",
                         org_id_slot(as_string(std::string(65, 'x'))),
                         "/organizations/0/id", "", std::string(65, 'x')));
  rows.push_back(refused("an empty id", org_id_slot(R"("")"),
                         "/organizations/0/id", "", ""));
  // Enums and currencies are not text.
  rows.push_back(refused("a NUL after an enum's name",
                         org_kind_slot(R"("company\u0000")"),
                         "/organizations/0/kind"));
  rows.push_back(refused("fullwidth letters as a currency",
                         tier_currency(R"("ＵＳＤ")"),
                         "/foundations/0/tiers/0/annual_fee/currency"));
  // Text that means something to SQL, to fmt and to printf is only text.
  rows.push_back(kept("SQL in a name",
                      org_name(R"("Robert'); DROP TABLE organizations;-- \"")"),
                      name_of_x, R"(Robert'); DROP TABLE organizations;-- ")"));
  rows.push_back(
      kept("SQL and format strings in extra",
           org_extra(R"({"'; DELETE FROM people; --": "{} {0} %s %n %%"})"),
           extra_of_x, R"({"'; DELETE FROM people; --": "{} {0} %s %n %%"})"));
  rows.push_back(
      refused("format strings in an unknown field",
              org_record(R"({"id": "x", "name": "X", "{}{0}%s%n": 1})"),
              "/organizations/0/{}{0}%s%n", "unknown field \"{}{0}%s%n\""));
  rows.push_back(refused("format strings in an id", org_id_slot(R"("{}%s")"),
                         "/organizations/0/id", "", "{}%s"));
  // Line breaks that are not ASCII, raw: text, not new lines of the
  // document (a syntax error after them is still on line 1).
  rows.push_back(kept("U+2028, U+2029, NEL and DEL in a domain",
                      org_domain("\"a\xE2\x80\xA8"
                                 "b\xE2\x80\xA9"
                                 "c\xC2\x85"
                                 "d\x7f\""),
                      domain_of_x,
                      "a\xE2\x80\xA8"
                      "b\xE2\x80\xA9"
                      "c\xC2\x85"
                      "d\x7f"));
  rows.push_back(syntax("a syntax error after U+2028 and NEL",
                        org_name.before + "\"a\xE2\x80\xA8\xC2\x85\", ",
                        "}]}"));
  // CRLF line ends count one line each.
  rows.push_back(syntax(
      "a syntax error on line 3 of CRLF lines",
      "{\r\n  \"format\": \"charter-registry\",\r\n  \"version\" ", "1\r\n}"));
  // No normalisation: composed and decomposed are two keys, two names.
  rows.push_back(kept("composed and decomposed keys in extra",
                      org_extra("{\"\\u00e9\": 1, \"e\\u0301\": 2}"),
                      extra_of_x, "{\"\xC3\xA9\": 1, \"e\xCC\x81\": 2}"));
  rows.push_back(kept("a name of a NUL alone (not empty)",
                      org_name(R"("\u0000")"), name_of_x,
                      std::string(1, '\0')));
  rows.push_back(kept("a name of white space alone", org_name(R"(" \t\n ")"),
                      name_of_x, " \t\n "));
  rows.push_back(
      refused("an empty name", org_name(R"("")"), "/organizations/0/name"));
  rows.push_back(refused("a reference of 65 characters",
                         membership_org(as_string(std::string(65, 'x'))),
                         "/memberships/0/org", "", std::string(65, 'x')));
  return rows;
}

std::vector<row> limit_rows() {
  std::vector<row> rows;
  // The field is named in the message, which is also shown for a record
  // that is in no document.
  const auto too_long = [](std::string_view field) {
    return fmt::format(
        "'{}' is 16777217 bytes long, longer than the limit of 16777216 bytes",
        field);
  };
  {
    // 1 MB of mixed text: multi-byte characters, quotes, escapes.
    std::string json;
    std::string value;
    while (value.size() < 1'000'000) {
      json += "caf\u00e9 \\\"\\u2713\\n ";
      value += "caf\xC3\xA9 \"\xE2\x9C\x93\n ";
    }
    rows.push_back(
        kept("a 1 MB name", org_name(as_string(json)), name_of_x, value));
  }
  {
    // Exactly max_text_bytes bytes of UTF-8, its last character written as
    // an escape: the text is longer than the value, which is what counts.
    const std::string value =
        std::string(max_text_bytes - 3, 'n') + "\xE2\x9C\x93";
    rows.push_back(kept(
        "a name of max_text_bytes, ending in an escape",
        org_name(as_string(std::string(max_text_bytes - 3, 'n') + "\\u2713")),
        name_of_x, value));
  }
  // One byte over, though only max_text_bytes characters: bytes count.
  rows.push_back(refused(
      "a name one byte over max_text_bytes (a two-byte last character)",
      org_name(as_string(std::string(max_text_bytes - 1, 'n') + "\xC3\xA9")),
      "/organizations/0/name", too_long("name")));
  rows.push_back(
      refused("an email one byte over max_text_bytes",
              person_email(as_string(std::string(max_text_bytes + 1, 'e'))),
              "/people/0/emails/0", too_long("emails/0")));
  // extra at its depth limit, and one deeper.
  rows.push_back(kept("an organization's extra at max_extra_depth",
                      org_extra(nested(max_extra_depth)), extra_of_x,
                      nested(max_extra_depth)));
  {
    // In arrays: {"a": [[...[1]...]]}, 64 levels, at the deepest place a
    // document holds an extra (69 levels in all).
    const std::string arrays =
        "{\"a\": " + std::string(max_extra_depth - 1, '[') + "1" +
        std::string(max_extra_depth - 1, ']') + "}";
    rows.push_back(kept("a tier's extra at max_extra_depth, in arrays",
                        tier_extra(arrays), tier_extra_of_f, arrays));
  }
  rows.push_back(refused("an organization's extra one level too deep",
                         org_extra(nested(max_extra_depth + 1)),
                         "/organizations/0/extra",
                         "nested 65 levels deep, deeper than the limit of 64"));
  {
    // Under a tier, one level more makes the document 70 deep: a syntax
    // error at the 65th object of the extra.
    std::string before = tier_extra.before;
    for (std::size_t i = 0; i < max_extra_depth; ++i) before += R"({"a": )";
    rows.push_back(syntax("a tier's extra one level too deep", before,
                          R"({"a": 1)" + std::string(max_extra_depth + 1, '}') +
                              tier_extra.after));
  }
  {
    // A million brackets, in an extra and as a record: never read past the
    // 70th level of the document (no recursion to the end, no crash).
    const std::string brackets(1'000'000, '[');
    // The extra object is the 4th level; its 66th bracket the 70th.
    rows.push_back(
        syntax("a million brackets in extra",
               org_extra.before + "{\"a\": " + brackets.substr(0, 65),
               brackets.substr(65)));
    // The collection is the 2nd level; the 69th bracket the 70th.
    rows.push_back(syntax("a million brackets as organizations",
                          head + "\"organizations\": " + brackets.substr(0, 68),
                          brackets.substr(68)));
  }
  rows.push_back(
      refused("a domain one byte over max_text_bytes",
              org_domain(as_string(std::string(max_text_bytes + 1, 'd'))),
              "/organizations/0/domains/0", too_long("domains/0")));
  rows.push_back(refused(
      "a title one byte over max_text_bytes",
      affiliation_title(as_string(std::string(max_text_bytes + 1, 't'))),
      "/people/0/affiliations/0/title", too_long("affiliations/0/title")));
  rows.push_back(refused(
      "a handle one byte over max_text_bytes",
      person_handles(
          "{\"gh\": " + as_string(std::string(max_text_bytes + 1, 'h')) + "}"),
      "/people/0/handles/gh", too_long("handles/gh")));
  {
    // 100,000 keys in one extra (a quadratic search for duplicates would
    // hang), and 200,000 values in one array.
    std::string keys = "{";
    for (int i = 0; i < 100'000; ++i)
      keys += fmt::format("{}\"k{}\": {}", i ? ", " : "", i, i);
    keys += "}";
    rows.push_back(
        kept("100,000 keys in extra", org_extra(keys), extra_of_x, keys));
    std::string values = "{\"a\": [";
    for (int i = 0; i < 200'000; ++i) values += i ? ", 0" : "0";
    values += "]}";
    rows.push_back(kept("200,000 values in an extra array", org_extra(values),
                        extra_of_x, values));
    // The last of the 100,000 keys repeats the first.
    keys.replace(keys.rfind("\"k99999\""), 8, "\"k0\"");
    rows.push_back(refused("100,000 keys in extra, the last a repeat",
                           org_extra(keys), "/organizations/0/extra/k0",
                           "duplicate key \"k0\""));
  }
  {
    // 100,000 escapes: six bytes of text for one of value.
    std::string json;
    for (int i = 0; i < 100'000; ++i) json += "\\u0000";
    rows.push_back(kept("100,000 escaped NULs in a name",
                        org_name(as_string(json)), name_of_x,
                        std::string(100'000, '\0')));
  }
  return rows;
}

std::vector<row> number_rows() {
  std::vector<row> rows;
  const std::string amount = "/foundations/0/tiers/0/annual_fee/amount";
  const auto too_big = [](std::string_view number) {
    return std::string(number) +
           " cannot be kept exactly (a number keeps about 17 significant "
           "digits): write it as a string";
  };
  rows.push_back(refused("1e400 in extra", org_extra(R"({"x": 1e400})"),
                         "/organizations/0/extra/x", too_big("1e400")));
  rows.push_back(refused("-1e400 in extra", org_extra(R"({"x": [-1e400]})"),
                         "/organizations/0/extra/x/0", too_big("-1e400")));
  rows.push_back(refused("1e-400 in extra (not zero)",
                         org_extra(R"({"x": {"y": 1e-400}})"),
                         "/organizations/0/extra/x/y", too_big("1e-400")));
  rows.push_back(refused(
      "a 30-digit integer in extra",
      org_extra(R"({"big": 123456789012345678901234567890})"),
      "/organizations/0/extra/big", too_big("123456789012345678901234567890")));
  rows.push_back(
      refused("2^64 in extra", org_extra(R"({"x": 18446744073709551616})"),
              "/organizations/0/extra/x", too_big("18446744073709551616")));
  rows.push_back(refused("one below the least 64-bit integer in extra",
                         org_extra(R"({"x": -9223372036854775809})"),
                         "/organizations/0/extra/x",
                         too_big("-9223372036854775809")));
  rows.push_back(kept(
      "the 64-bit extremes in extra",
      org_extra(R"({"a": 18446744073709551615, "b": -9223372036854775808})"),
      extra_of_x, R"({"a": 18446744073709551615, "b": -9223372036854775808})"));
  rows.push_back(kept("-0.0 in extra",
                      org_extra(R"({"z": -0.0, "w": [-0.0e7]})"), extra_of_x,
                      R"({"z": -0.0, "w": [-0.0]})"));
  rows.push_back(kept(
      "doubles at their edges in extra",
      org_extra(
          R"({"min": 5e-324, "max": 1.7976931348623157e308, "e": 1E300, "f": 0.1})"),
      extra_of_x,
      R"({"min": 5e-324, "max": 1.7976931348623157e+308, "e": 1e+300, "f": 0.1})"));
  // Money: exact, two decimals at most, at most 92233720368547758.07.
  rows.push_back(refused("an amount with 3 decimals", tier_amount("1.234"),
                         amount, "amount has more than two decimals"));
  rows.push_back(refused("an amount one cent too large",
                         tier_amount("92233720368547758.08"), amount));
  rows.push_back(refused("an amount of 1e400", tier_amount("1e400"), amount));
  rows.push_back(refused("a negative amount", tier_amount("-0.01"), amount));
  rows.push_back(kept("the largest amount", tier_amount("92233720368547758.07"),
                      fee_of_f, "9223372036854775807 USD"));
  rows.push_back(kept("an amount with trailing zeros and an exponent",
                      tier_amount("1.2300e1"), fee_of_f, "1230 USD"));
  // Integers of the model: JSON integers in range, never wrapped.
  rows.push_back(refused("a rank of 2^32 + 1", tier_rank("4294967297"),
                         "/foundations/0/tiers/0/rank"));
  rows.push_back(refused("a rank of 2^64", tier_rank("18446744073709551616"),
                         "/foundations/0/tiers/0/rank"));
  rows.push_back(refused("a rank of 1.5", tier_rank("1.5"),
                         "/foundations/0/tiers/0/rank"));
  rows.push_back(refused("a quorum of 1e400", body_quorum("1e400"),
                         "/bodies/0/rules/quorum"));
  rows.push_back(refused("a quorum of 1e-400 (zero as a double)",
                         body_quorum("1e-400"), "/bodies/0/rules/quorum"));
  // Not JSON numbers.
  rows.push_back(syntax("NaN in extra", org_extra.before + R"({"x": )",
                        "NaN}" + org_extra.after));
  rows.push_back(syntax("Infinity in extra", org_extra.before + R"({"x": )",
                        "Infinity}" + org_extra.after));
  rows.push_back(syntax("a leading zero in a rank", tier_rank.before + "0",
                        "1" + tier_rank.after));
  rows.push_back(syntax("a plus sign in extra", org_extra.before + R"({"x": )",
                        "+1}" + org_extra.after));
  // Exponents at the edge of an int: read as any other number.
  rows.push_back(refused("an amount of 1e2147483647",
                         tier_amount("1e2147483647"), amount));
  rows.push_back(refused("1e-2147483647 in extra",
                         org_extra(R"({"x": 1e-2147483647})"),
                         "/organizations/0/extra/x", too_big("1e-2147483647")));
  rows.push_back(
      kept("an amount of 100e-2", tier_amount("100e-2"), fee_of_f, "100 USD"));
  rows.push_back(kept("an amount of -0 (zero, not negative)", tier_amount("-0"),
                      fee_of_f, "0 USD"));
  rows.push_back(refused("1E+400 in extra", org_extra(R"({"x": 1E+400})"),
                         "/organizations/0/extra/x", too_big("1E+400")));
  // The value of the text must be that of the double's shortest form:
  // 0.1's exact binary value is not 0.1, and 1e23 is kept though no
  // double is 1e23 (its shortest form is).
  rows.push_back(refused(
      "the exact binary value of 0.1 in extra",
      org_extra(
          R"({"x": 0.1000000000000000055511151231257827021181583404541015625})"),
      "/organizations/0/extra/x"));
  rows.push_back(kept("1e23 in extra", org_extra(R"({"x": 1e23, "y": 0.10})"),
                      extra_of_x, R"({"x": 1e+23, "y": 0.1})"));
  // The model's integers and fractions.
  rows.push_back(refused("a rank of 1.0", tier_rank("1.0"),
                         "/foundations/0/tiers/0/rank"));
  rows.push_back(
      refused("a rank of 0", tier_rank("0"), "/foundations/0/tiers/0/rank"));
  rows.push_back(
      refused("a rank of -1", tier_rank("-1"), "/foundations/0/tiers/0/rank"));
  rows.push_back(refused("a count of 2^31", seat_class_count("2147483648"),
                         "/bodies/0/seat_classes/0/count"));
  rows.push_back(refused("a count of 2^63 - 1",
                         seat_class_count("9223372036854775807"),
                         "/bodies/0/seat_classes/0/count"));
  rows.push_back(refused("a count of -1", seat_class_count("-1"),
                         "/bodies/0/seat_classes/0/count"));
  rows.push_back(refused("a quorum of -0.0", body_quorum("-0.0"),
                         "/bodies/0/rules/quorum"));
  rows.push_back(refused("a quorum just above 1",
                         body_quorum("1.0000000000000002"),
                         "/bodies/0/rules/quorum"));
  rows.push_back(kept("a subnormal fraction", body_fraction("1e-320"),
                      fraction_of_b, "1e-320"));
  rows.push_back(kept("a fraction of 0.1 + 0.2",
                      body_fraction("0.30000000000000004"), fraction_of_b,
                      "0.30000000000000004"));
  return rows;
}

// A number whose exponent an int cannot hold (|exponent| > 2147483647) is
// valid JSON, which Boost.JSON 1.81's reader cannot read: charter refuses
// it as a limit of the reader (docs/interchange.md, Limits), placed at the
// number's first character, whatever its value would be (0e... is 0).
std::vector<row> exponent_overflow_rows() {
  const auto beyond = [](std::string name, const std::string& document,
                         std::string_view number) {
    const std::size_t at = document.find(number);
    return syntax(std::move(name), document.substr(0, at),
                  std::string_view(document).substr(at),
                  "a number whose exponent is beyond "
                  "-2147483648..2147483647, the limit of the JSON reader");
  };
  std::vector<row> rows;
  rows.push_back(beyond("an amount of 0e999999999999999999",
                        tier_amount("0e999999999999999999"),
                        "0e999999999999999999"));
  rows.push_back(beyond("an amount of 1e2147483648",
                        tier_amount("1e2147483648"), "1e2147483648"));
  rows.push_back(beyond("an amount of 1e-999999999999999999",
                        tier_amount("1e-999999999999999999"),
                        "1e-999999999999999999"));
  rows.push_back(beyond("1e-2147483648 in extra",
                        org_extra(R"({"x": 1e-2147483648})"), "1e-2147483648"));
  return rows;
}

std::vector<row> date_rows() {
  std::vector<row> rows;
  const auto not_a_date = [](std::string_view text) {
    return fmt::format("\"{}\" is not a date (expected YYYY-MM-DD)", text);
  };
  for (const char* text :
       {"2023-02-29", "2022-13-01", "2022-00-10", "2022-01-00", "2022-04-31",
        "2022-9-1", "22-09-01", "2022-09-01T00:00:00Z", " 2022-09-01",
        "2022/09/01", "+2022-09-01", "10000-01-01"})
    rows.push_back(refused(fmt::format("the date \"{}\"", text),
                           founded(as_string(text)), "/foundations/0/founded",
                           not_a_date(text)));
  rows.push_back(refused("fullwidth digits in a date",
                         founded(as_string("２０２２-09-01")),
                         "/foundations/0/founded"));
  rows.push_back(refused("a NUL after a date", founded(R"("2022-09-01\u0000")"),
                         "/foundations/0/founded"));
  rows.push_back(refused("a date of the wrong type",
                         membership_from("20220901"), "/memberships/0/from",
                         "expected a string, found a number"));
  rows.push_back(refused("an impossible date in a membership",
                         membership_from(R"("2022-02-29")"),
                         "/memberships/0/from", not_a_date("2022-02-29")));
  // Dates that exist: the spec's dates are ISO 8601 calendar dates, whose
  // years run from 0000 to 9999.
  rows.push_back(kept("29 February of a leap year", founded(R"("2024-02-29")"),
                      founded_of_f, "2024-02-29"));
  rows.push_back(kept("the first ISO 8601 date", founded(R"("0000-01-01")"),
                      founded_of_f, "0000-01-01"));
  rows.push_back(kept("29 February 2000", membership_from(R"("2000-02-29")"),
                      from_of_membership, "2000-02-29"));
  rows.push_back(kept("the last four-digit date", founded(R"("9999-12-31")"),
                      founded_of_f, "9999-12-31"));
  for (const char* text : {"1900-02-29", "2100-02-29", "-001-01-01"})
    rows.push_back(refused(fmt::format("the date \"{}\"", text),
                           founded(as_string(text)), "/foundations/0/founded",
                           not_a_date(text)));
  return rows;
}

std::vector<row> utf8_rows() {
  std::vector<row> rows;
  // The BOM is no part of JSON (RFC 8259 section 8.1) and reading is strict.
  rows.push_back(syntax("a UTF-8 BOM at the start", "",
                        "\xEF\xBB\xBF" + org_name(R"("X")")));
  rows.push_back(syntax("a UTF-8 BOM after white space", "\n ",
                        "\xEF\xBB\xBF" + org_name(R"("X")")));
  // Invalid UTF-8 is a syntax error, placed at the sequence it starts.
  const std::pair<const char*, const char*> invalid[] = {
      {"an overlong '/' (C0 AF)", "\xC0\xAF"},
      {"an overlong three-byte NUL (E0 80 80)", "\xE0\x80\x80"},
      {"a lone continuation byte", "\x80"},
      {"a truncated three-byte sequence", "\xE2\x82"},
      {"a truncated four-byte sequence", "\xF0\x9F\x98"},
      {"a surrogate encoded in UTF-8 (ED A0 80)", "\xED\xA0\x80"},
      {"a code point above U+10FFFF (F4 90 80 80)", "\xF4\x90\x80\x80"},
      {"the byte FF", "\xFF"},
  };
  for (const auto& [what, bytes] : invalid) {
    rows.push_back(syntax(fmt::format("{} in a name", what),
                          org_name.before + "\"ok ",
                          std::string(bytes) + "\"" + org_name.after));
    rows.push_back(syntax(fmt::format("{} in an extra key", what),
                          org_extra.before + "{\"k",
                          std::string(bytes) + "\": 1}" + org_extra.after));
  }
  rows.push_back(syntax("invalid UTF-8 in a record's key",
                        org_record.before + R"({"id": "x", "na)",
                        "\xC0\xAF"
                        R"(me": "X"}])" +
                            org_record.after));
  rows.push_back(syntax("invalid UTF-8 after a multi-byte character",
                        org_name.before + "\"\xC3\xA9\xE2\x9C\x93",
                        "\xED\xBF\xBF\"" + org_name.after));
  // An escaped surrogate must be a pair.
  rows.push_back(syntax("a lone escaped high surrogate",
                        org_name.before + "\"a", "\\ud800\"" + org_name.after,
                        "lone surrogate \\ud800" + lone_surrogate_text));
  rows.push_back(syntax("a lone escaped low surrogate", org_name.before + "\"a",
                        "\\udc00\"" + org_name.after,
                        "lone surrogate \\udc00" + lone_surrogate_text));
  rows.push_back(
      syntax("a high surrogate before a letter", org_alias.before + "\"",
             "\\ud800\\u0041\"" + org_alias.after, "lone surrogate \\ud800"));
  rows.push_back(syntax("two high surrogates", org_alias.before + "\"",
                        "\\ud83d\\ud83d\"" + org_alias.after,
                        "lone surrogate \\ud83d"));
  rows.push_back(
      syntax("a pair in the wrong order", org_extra.before + "{\"k\": \"",
             "\\ude00\\ud83d\"}" + org_extra.after, "lone surrogate \\ude00"));
  rows.push_back(
      syntax("a lone surrogate in an extra key", org_extra.before + "{\"",
             "\\udbff\": 1}" + org_extra.after, "lone surrogate \\udbff"));
  rows.push_back(
      syntax("a lone surrogate after a valid pair, on line 3",
             head + "\n\n" + R"("people": [{"id": "p", "name": "\ud83d\ude00)",
             R"(\ud800"}]})", "lone surrogate \\ud800"));
  // An unknown top-level member is refused at its key: its value, broken
  // as it may be, is never read.
  rows.push_back(refused("invalid UTF-8 in an unknown member's value",
                         top_level("\"junk\": \"\xFF\xC0\xAF\", "), "/junk"));
  rows.push_back(syntax("invalid UTF-8 in an unknown member's key",
                        head + "\"ju",
                        "\xFF"
                        "nk\": 1}"));
  return rows;
}

std::vector<row> structure_rows() {
  std::vector<row> rows;
  // Duplicate keys, wherever they are.
  rows.push_back(refused("a duplicate key at top level",
                         top_level(R"("people": [], "people": [], )"),
                         "/people", "duplicate key \"people\""));
  rows.push_back(refused(
      "the header twice",
      R"({"format": "charter-registry", "version": 1, "format": "charter-registry"})",
      "/format", "duplicate key \"format\""));
  rows.push_back(refused("a duplicate key in a record",
                         org_record(R"({"id": "x", "name": "X", "name": "Y"})"),
                         "/organizations/0/name", "duplicate key \"name\""));
  rows.push_back(refused("a duplicate key in a money object",
                         tier_currency(R"("USD", "currency": "EUR")"),
                         "/foundations/0/tiers/0/annual_fee/currency",
                         "duplicate key \"currency\""));
  rows.push_back(refused(
      "a duplicate handle", person_handles(R"({"github": "a", "github": "b"})"),
      "/people/0/handles/github", "duplicate key \"github\""));
  rows.push_back(refused("a duplicate key in extra",
                         org_extra(R"({"k": 1, "k": 1})"),
                         "/organizations/0/extra/k", "duplicate key \"k\""));
  rows.push_back(refused("a duplicate key deep in extra",
                         org_extra(R"({"a": [0, {"b": 1, "c": 2, "b": 1}]})"),
                         "/organizations/0/extra/a/1/b",
                         "duplicate key \"b\""));
  rows.push_back(refused("a duplicate key in extra, once escaped",
                         org_extra(R"({"k": 1, "\u006b": 2})"),
                         "/organizations/0/extra/k", "duplicate key \"k\""));
  rows.push_back(refused("a duplicate key with ~ and / in extra",
                         org_extra(R"({"a/b~c": 1, "a/b~c": 2})"),
                         "/organizations/0/extra/a~1b~0c"));
  rows.push_back(refused("a duplicate empty key in extra",
                         org_extra(R"({"": 1, "": 2})"),
                         "/organizations/0/extra/", "duplicate key \"\""));
  // Unknown members.
  rows.push_back(refused("an unknown top-level member",
                         top_level(R"("junk": {"a": [1, 2, 3]}, )"), "/junk",
                         "unknown field \"junk\"; the document is read no "
                         "further"));
  rows.push_back(refused(
      "an unknown top-level member before the header",
      R"({"junk": 1, "format": "charter-registry", "version": 1})", "/junk"));
  rows.push_back(refused("an unknown top-level member with ~ and /",
                         top_level(R"("a/b~": 1, )"), "/a~1b~0"));
  rows.push_back(refused("an RTL override before a collection's name",
                         top_level(R"("\u202eorganizations": [], )"),
                         "/" + rlo + "organizations"));
  rows.push_back(refused("an unknown member inside a record",
                         org_record(R"({"id": "x", "name": "X", "nmae": "Y"})"),
                         "/organizations/0/nmae",
                         "unknown field \"nmae\" (did you mean \"name\"?)"));
  rows.push_back(
      refused("a known field's name with a NUL after it",
              org_record(R"({"id": "x", "name": "X", "name\u0000": "Y"})"),
              "/organizations/0/name" + std::string(1, '\0'), "unknown field"));
  rows.push_back(refused("an unknown member inside a tier",
                         tier_currency(R"("USD", "colour": "red")"),
                         "/foundations/0/tiers/0/annual_fee/colour"));
  // Wrong types.
  rows.push_back(refused("a number as a name", org_name("5"),
                         "/organizations/0/name",
                         "expected a string, found a number"));
  rows.push_back(refused("an object as a name", org_name(R"({"first": "X"})"),
                         "/organizations/0/name",
                         "expected a string, found an object"));
  rows.push_back(refused("null as an id", org_id_slot("null"),
                         "/organizations/0/id",
                         "missing required field \"id\""));
  rows.push_back(refused(
      "a string as aliases",
      in_collections(
          R"("organizations": [{"id": "x", "name": "X", "aliases": "X Corp"}])",
          "")(""),
      "/organizations/0/aliases", "expected an array, found a string"));
  rows.push_back(refused("a number among aliases", org_alias("7"),
                         "/organizations/0/aliases/1",
                         "expected a string, found a number"));
  rows.push_back(
      refused("an array as extra", org_extra("[1]"), "/organizations/0/extra"));
  rows.push_back(refused("a string as extra", org_extra(R"("{}")"),
                         "/organizations/0/extra"));
  rows.push_back(refused("an object as a collection",
                         top_level(R"("people": {"id": "p"}, )"), "/people",
                         "expected an array, found an object"));
  rows.push_back(refused("true as a rank", tier_rank("true"),
                         "/foundations/0/tiers/0/rank"));
  rows.push_back(refused("a string as the version",
                         R"({"format": "charter-registry", "version": "1"})",
                         "/version"));
  rows.push_back(refused(
      "a NUL after the format",
      R"({"format": "charter-registry\u0000", "version": 1})", "/format"));
  rows.push_back(refused(
      "version 2^64 + 1",
      R"({"format": "charter-registry", "version": 18446744073709551617})",
      "/version"));
  rows.push_back(refused("an array as the document", "[]", "",
                         "expected an object, found an array"));
  rows.push_back(refused("a string as the document", R"("charter-registry")",
                         "", "expected an object, found a string"));
  rows.push_back(refused("null as the document", "null", ""));
  rows.push_back(refused("an object without the header", R"({"version": 1})",
                         "/format", "missing required field \"format\""));
  // Empty documents and trailing garbage.
  rows.push_back(refused("an empty document", "", "",
                         "line 1, column 1: incomplete JSON (unexpected end "
                         "of text)"));
  rows.push_back(refused("white space alone", "  \n\t", "",
                         "line 2, column 2: incomplete JSON (unexpected end "
                         "of text)"));
  rows.push_back(syntax("a document cut inside a record",
                        org_record.before + R"({"id": "x", "name": "X")", "",
                        "incomplete JSON (unexpected end of text)"));
  const std::string whole = org_name(R"("X")");
  rows.push_back(syntax("trailing garbage", whole + " ", "x",
                        "extra data (unexpected 'x')"));
  rows.push_back(syntax("a second document", whole + "\n", whole,
                        "extra data (unexpected '{')"));
  rows.push_back(
      syntax("a NUL after the document", whole, std::string(1, '\0')));
  rows.push_back(syntax("a trailing comma in a collection",
                        org_record.before + R"({"id": "x", "name": "X"},)",
                        "]" + org_record.after,
                        "syntax error (unexpected ']')"));
  rows.push_back(syntax("a comment", head + " ",
                        R"(// note)"
                        "\n"
                        R"("organizations": []})"));
  rows.push_back(
      syntax("single quotes", org_name.before, "'X'" + org_name.after));
  return rows;
}

// -------------------------------------------------------------- the checks

std::string describe(const std::vector<problem>& problems) {
  std::string text;
  for (const auto& p : problems)
    text += "\n  " + shown(p.where) + ": " + shown(p.message);
  return text;
}

void check_value(const row& r, const registry& reg, std::string_view where) {
  INFO("read back from " << where);
  const std::string value = r.value(reg);
  INFO("value:    " << shown(value));
  INFO("expected: " << shown(r.expected));
  CHECK(value == r.expected);
}

// Everything a registry read back from somewhere must be.
void check_read_back(const row& r, const registry& original,
                     const std::string& text, const registry& back,
                     std::string_view where) {
  INFO("read back from " << where);
  check_same(back, original);
  CHECK(to_json(back) == text);
  check_value(r, back, where);
}

// A store used through another's interface, so that a `database` can
// work on a memory store that outlives it.
class borrowed_store final : public store {
 public:
  explicit borrowed_store(store& inner) : inner_(inner) {}
  registry load() override { return inner_.load(); }
  std::int64_t save(const registry& reg, const change_set& changes,
                    const audit_info& who, std::string_view summary) override {
    return inner_.save(reg, changes, who, summary);
  }
  using store::replace_all;
  std::int64_t replace_all(const registry& reg, const audit_info& who,
                           std::string_view summary,
                           const registry* previous) override {
    return inner_.replace_all(reg, who, summary, previous);
  }
  std::vector<audit_entry> log(const log_filter& filter) const override {
    return inner_.log(filter);
  }
  std::vector<audit_change> changes(std::int64_t id) const override {
    return inner_.changes(id);
  }

 private:
  store& inner_;
};

void check_kept(const row& r) {
  registry reg;
  try {
    reg = from_json(r.document);
  } catch (const validation_error& e) {
    FAIL_CHECK("refused:" << describe(e.problems()));
    return;
  }
  check_value(r, reg, "the document");
  const std::string text = to_json(reg);
  const registry again = from_json(text);
  check_read_back(r, reg, text, again, "its export");

  temp_dir dir;
  // Each store, opened by name: a memory store is the same object each
  // time (it holds what it was given), a file is opened anew.
  const auto through = [&](const char* what, auto open) {
    CAPTURE(what);
    {
      // Replaced whole, as an import does.
      open("replaced")->replace_all(reg, tester, "import");
      check_read_back(r, reg, text, open("replaced")->load(),
                      std::string(what) + ", replaced");
    }
    {
      // Committed record by record, as a merge does.
      database db(open("committed"));
      db.commit(decode_json(r.document).changes, tester);
      check_read_back(r, reg, text, db.registry(),
                      std::string(what) + ", committed");
    }
    check_read_back(r, reg, text, open("committed")->load(),
                    std::string(what) + ", committed, reopened");
  };
  std::map<std::string, memory_store> memories;
  through("memory", [&](const std::string& name) -> std::unique_ptr<store> {
    return std::make_unique<borrowed_store>(memories[name]);
  });
  through("a JSON file",
          [&](const std::string& name) -> std::unique_ptr<store> {
            return std::make_unique<json_store>(dir / (name + ".json"));
          });
  through("SQLite", [&](const std::string& name) -> std::unique_ptr<store> {
    return std::make_unique<sqlite_store>(dir / (name + ".db"));
  });
}

// The problems of a refused document, or none when it was accepted.
std::optional<std::vector<problem>> problems_of(auto read) {
  try {
    read();
  } catch (const validation_error& e) {
    return e.problems();
  }
  return std::nullopt;
}

void check_problems(const row& r, const std::optional<std::vector<problem>>& p,
                    std::string_view how) {
  INFO("read by " << how);
  if (!p) {
    FAIL_CHECK("accepted");
    return;
  }
  INFO("problems:" << describe(*p));
  REQUIRE_FALSE(p->empty());
  const problem& first = p->front();
  CHECK(p->size() == 1);
  CHECK(first.where == r.where);
  CHECK(first.message.starts_with(r.message));
  if (r.id) CHECK(first.id == *r.id);
}

// An SQLite store holding the example registry, that refused documents
// must leave as it is.
struct known_store {
  temp_dir dir;
  fs::path file = dir / "known.db";
  std::string example =
      bytes_of(CHARTER_SOURCE_DIR "/examples/data/pytorch-foundation.json");
  registry reg = from_json(example);
  std::string bytes;
  std::size_t log_size = 0;

  known_store() {
    {
      auto db = database::open(file);
      db.replace(reg, tester, "import");
      log_size = db.log().size();
    }
    bytes = bytes_of(file);
    REQUIRE_FALSE(fs::exists(wal()));
  }
  ~known_store() {
    // Read back once more at the end: the registry and its log as they were.
    auto db = database::open(file);
    CHECK(to_json(db.registry()) == example);
    CHECK(db.log().size() == log_size);
  }
  known_store(const known_store&) = delete;
  known_store& operator=(const known_store&) = delete;

  fs::path wal() const { return fs::path(file.string() + "-wal"); }

  // Once its connection is closed, a database that anything was committed
  // to differs from what it was (the last connection checkpoints the
  // write-ahead log into the file and removes it).
  void check_unchanged() const {
    CHECK(bytes_of(file) == bytes);
    CHECK_FALSE(fs::exists(wal()));
  }
};

void check_refused(const row& r, const known_store& known) {
  check_problems(r, problems_of([&] { (void)from_json(r.document); }),
                 "from_json");
  // Merged into the example registry (its ids are not those of the rows),
  // checked on a copy as `charter import --merge` does.
  check_problems(r, problems_of([&] {
                   const auto doc = decode_json(r.document);
                   registry trial = known.reg;
                   trial.stage(doc.changes, doc.where).roll_back();
                 }),
                 "decode_json and a merge");

  // Nothing reaches the store: neither an import nor a merge committed
  // straight to it.
  {
    auto db = database::open(known.file);
    CHECK_THROWS_AS(db.replace(from_json(r.document), tester, "import"),
                    validation_error);
    CHECK_THROWS_AS(db.commit(decode_json(r.document).changes, tester),
                    validation_error);
  }
  known.check_unchanged();
}

void run(const std::vector<row>& rows) {
  std::size_t refusals = 0;
  for (const row& r : rows)
    if (!r.kept) ++refusals;
  std::optional<known_store> known;
  if (refusals > 0) known.emplace();
  for (const row& r : rows) {
    INFO("row: " << r.name);
    INFO("document: " << shown(r.document));
    if (r.kept)
      check_kept(r);
    else
      check_refused(r, *known);
  }
}

}  // namespace

TEST_SUITE("hostile") {
  TEST_CASE("hostile text: quotes, NULs, controls, bidi, zero-width, ids") {
    run(string_rows());
  }
  TEST_CASE("hostile sizes: 1 MB, max_text_bytes, max_extra_depth") {
    run(limit_rows());
  }
  TEST_CASE("hostile numbers: out of range, inexact, -0.0, money") {
    run(number_rows());
  }
  TEST_CASE("hostile exponents beyond an int: refused at the number") {
    run(exponent_overflow_rows());
  }
  TEST_CASE("hostile dates: days that do not exist, other layouts") {
    run(date_rows());
  }
  TEST_CASE("hostile bytes: a BOM, invalid UTF-8, lone surrogates") {
    run(utf8_rows());
  }
  TEST_CASE("hostile structure: duplicates, unknowns, types, garbage") {
    run(structure_rows());
  }
}
