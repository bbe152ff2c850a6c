#include "import/names.hpp"

#include "import/text.hpp"

#include <charter/find.hpp>

#include <fmt/format.h>

#include <array>
#include <vector>

namespace charter::import {

std::string clean_org_name(std::string_view name) {
  std::string text = plain_text(name);
  // LinkedIn-style "Org · from 2021-08-01" or "Org · Internship".
  if (const auto dot = text.find("\u00B7"); dot != std::string::npos)
    text = std::string(trim(std::string_view(text).substr(0, dot)));
  // "IBM (member)", "Acme (Member)".
  if (text.ends_with(')')) {
    const auto open = text.rfind('(');
    if (open != std::string::npos && open > 0 &&
        lower(std::string_view(text).substr(open)).find("member") !=
            std::string::npos)
      text = std::string(trim(std::string_view(text).substr(0, open)));
  }
  return text;
}

namespace {

constexpr std::array<std::string_view, 24> legal_suffixes{
    "inc",         "incorporated", "llc", "ltd", "limited", "gmbh",
    "corporation", "corp",         "co",  "bv",  "sa",      "ag",
    "plc",         "sas",          "srl", "pty", "oy",      "ab",
    "kk",          "nv",           "spa", "lp",  "llp",     "sarl"};

bool alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// The folded words of a name; "B.V." is one word "bv", as is "S.A.".
std::vector<std::string> words_of(std::string_view name) {
  const std::string folded = fold(name);
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const auto c = static_cast<unsigned char>(folded[i]);
    if (alnum(c)) {
      word += static_cast<char>(c);
    } else if (c == '.' && word.size() == 1 && i + 1 < folded.size() &&
               alnum(static_cast<unsigned char>(folded[i + 1]))) {
      continue;  // "b.v." stays one word
    } else if (c == '\'') {
      continue;  // "McDonald's"
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A letter standing alone just before (after) `at`: "A/S", "f/k/a".
bool single_letter_before(std::string_view s, std::size_t at) {
  return at >= 1 && ascii_letter(s[at - 1]) &&
         (at == 1 || !ascii_letter(s[at - 2]));
}
bool digit_around(std::string_view s, std::size_t at) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return at >= 1 && at + 1 < s.size() && digit(s[at - 1]) && digit(s[at + 1]);
}
bool single_letter_after(std::string_view s, std::size_t at) {
  return at + 1 < s.size() && ascii_letter(s[at + 1]) &&
         (at + 2 == s.size() || !ascii_letter(s[at + 2]));
}

}  // namespace

std::string org_key(std::string_view name) {
  auto words = words_of(clean_org_name(name));
  while (words.size() > 1) {
    bool legal = false;
    for (auto s : legal_suffixes) legal = legal || words.back() == s;
    if (!legal) break;
    words.pop_back();
  }
  std::string key;
  for (const auto& w : words) key += w;
  return key;
}

org_value classify_org(std::string_view name) {
  const std::string key = org_key(name);
  // "Selbständig" is German for self-employed (gitdm writes it).
  static constexpr std::array<std::string_view, 10> none{
      "independent", "notfound",     "selfemployed", "self",
      "unemployed",  "freelance",    "freelancer",   "myself",
      "selbstandig", "selbststandig"};
  // "NDA": an employer not disclosed.
  static constexpr std::array<std::string_view, 11> placeholders{
      "na",  "null", "none",  "unknown",   "various", "robots",
      "tbd", "nil",  "other", "undefined", "nda"};
  if (key.empty()) return org_value::placeholder;
  for (auto n : none)
    if (key == n) return org_value::none;
  for (auto p : placeholders)
    if (key == p) return org_value::placeholder;
  // "Red Hat/IBM", "IBM; Red Hat": two names where one was asked for.
  // ("Procter & Gamble" and "AT&T" are one name each: only these divide.)
  // Not within parentheses ("(CNRS/IN2P3-CC)", "(f/k/a Mesosphere)"), nor
  // a slash between single letters ("Praqma A/S", "f/k/a") or digits
  // ("Core 24/7").
  // Only the first of each divider is tried (a long value stays linear).
  const auto trimmed = trim(name);
  int depth = 0;
  bool slash_tried = false, semicolon_tried = false;
  for (std::size_t at = 0; at < trimmed.size(); ++at) {
    const char c = trimmed[at];
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (depth > 0 || (c != '/' && c != ';')) continue;
    if (c == '/' && ((single_letter_before(trimmed, at) &&
                      single_letter_after(trimmed, at)) ||
                     digit_around(trimmed, at)))
      continue;
    bool& tried = c == '/' ? slash_tried : semicolon_tried;
    if (tried) continue;
    tried = true;
    if (!org_key(trimmed.substr(0, at)).empty() &&
        !org_key(trimmed.substr(at + 1)).empty())
      return org_value::compound;
  }
  return org_value::name;
}

std::string slug(std::string_view text) {
  const std::string folded = fold(text);
  std::string out;
  for (const char ch : folded) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c == '\'') {
      continue;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 64) {
    out.resize(64);
    while (!out.empty() && out.back() == '-') out.pop_back();
  }
  return out;
}

std::string hashed_slug(std::string_view prefix, std::string_view text) {
  // FNV-1a: stable across runs and platforms, which std::hash is not.
  std::uint32_t h = 2166136261u;
  for (const char ch : text) {
    h ^= static_cast<unsigned char>(ch);
    h *= 16777619u;
  }
  return fmt::format("{}-{:08x}", prefix, h);
}

std::string clean_person_name(std::string_view name) {
  return plain_text(name);
}

bool well_formed_name(std::string_view name) {
  return !trim(name).empty() && name.find('@') == std::string_view::npos &&
         name.find("://") == std::string_view::npos;
}

std::string handle_key(std::string_view handle) {
  handle = trim(handle);
  if (handle.starts_with('@')) handle.remove_prefix(1);
  return lower(handle);
}

}  // namespace charter::import
