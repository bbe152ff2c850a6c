// gitdm's developers_affiliations*.txt (cncf/gitdm): each developer a
// person with their GitHub handle and e-mails, each organization line under
// them a dated affiliation. The layout, as gitdm's own tools write it:
//
//   # comment lines
//   handle: user!example.com, other!example.org
//   <TAB>Org A until 2016-02-01
//   <TAB>Org B from 2016-02-01 until 2017-03-01
//   <TAB>Org C from 2017-03-01
//   <TAB>Org D                     (no dates: the whole time)
//
// gitdm writes `!` for `@` in addresses, and leaves out `from 1900-01-01`
// and `until 2100-01-01`: its first and last days (docs/importers/gitdm.md).

#include "import/sources.hpp"

#include <charter/extra_json.hpp>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace charter::import {

// Named, since the importers share a unity build: their helpers must not
// meet.
namespace gitdm {
namespace {

using namespace std::chrono;

// What gitdm leaves unwritten: a line with only `until` started on its first
// day, one with only `from` runs to its last (a date it uses for never).
constexpr date gitdm_first_day{year{1900}, January, day{1}};
constexpr date gitdm_never{year{2100}, January, day{1}};

// Misspellings of "Independent" met in gitdm's files: no organization is
// made of them, and none is guessed.
constexpr std::array<std::string_view, 1> independent_misspelt{"imdependent"};

bool digit(char c) { return c >= '0' && c <= '9'; }
bool space(char c) { return c == ' ' || c == '\t'; }

bool affiliations_file(std::string_view name) {
  return name.starts_with("developers_affiliations") && name.ends_with(".txt");
}

// An organization line with its dates taken off the end.
struct org_line {
  std::string_view org;  // as written, with a LinkedIn "· Internship"
  std::optional<date> from;
  std::optional<date> until;
};

// Takes " <keyword> <date>" off the end of `text`, if that is how it ends:
// the last word must begin with a digit to be a date at all ("Made from
// Scratch" is a name), and one that does must be a real YYYY-MM-DD.
std::optional<date> take_date(std::string_view& text, std::string_view keyword,
                              const source_file& file) {
  const auto last_space = text.find_last_of(" \t");
  if (last_space == std::string_view::npos) return std::nullopt;
  const std::string_view token = text.substr(last_space + 1);
  if (token.empty() || !digit(token.front())) return std::nullopt;
  std::string_view before = text.substr(0, last_space);
  while (!before.empty() && space(before.back())) before.remove_suffix(1);
  const auto word_start = before.find_last_of(" \t");
  const std::string_view word = word_start == std::string_view::npos
                                    ? before
                                    : before.substr(word_start + 1);
  if (word != keyword) return std::nullopt;
  const auto when = try_parse_date(token);
  if (!when)
    throw import_error(file.place_of(token),
                       fmt::format("'{}' after '{}' is not a date (gitdm "
                                   "writes YYYY-MM-DD, a day that exists)",
                                   token, keyword));
  text = trim(before.substr(0, before.size() - word.size()));
  return when;
}

org_line read_org_line(std::string_view text, const source_file& file) {
  org_line out;
  out.until = take_date(text, "until", file);
  out.from = take_date(text, "from", file);
  out.org = text;
  return out;
}

// The LinkedIn suffix of "爱奇艺 · Internship": the kind of employment.
std::string employment_of(std::string_view org) {
  const auto dot = org.find("\u00B7");
  if (dot == std::string_view::npos) return {};
  return std::string(trim(org.substr(dot + std::string_view("\u00B7").size())));
}

bool misspelt_independent(std::string_view org) {
  const std::string key = org_key(org);
  for (const auto m : independent_misspelt)
    if (key == m) return true;
  return false;
}

// One file, line by line: each developer's entry, then its organizations.
class file_reader {
 public:
  file_reader(builder& b, const source_file& file) : b_(b), file_(file) {}

  void read() {
    for (std::size_t n = 1; n <= file_.line_count(); ++n) {
      const std::string_view line = file_.line(n);
      const std::string_view text = trim(line);
      if (text.empty() || text.front() == '#') continue;
      // Organizations are indented: a tab, or (once in the real file, for
      // Archups) spaces.
      if (space(line.front()))
        read_organization(text);
      else
        read_developer(text);
    }
    finish_developer();
  }

 private:
  void read_developer(std::string_view text) {
    finish_developer();
    const auto colon = text.find(':');
    const std::string_view handle =
        trim(text.substr(0, colon == std::string_view::npos ? 0 : colon));
    if (colon == std::string_view::npos || handle_key(handle).empty() ||
        handle.find_first_of(" \t") != std::string_view::npos)
      throw import_error(file_.place_of(text),
                         "a developer line is 'handle: e-mails' (an "
                         "organization line is indented)");
    const source_place where = file_.place_of(text);
    person_ = b_.person("github", handle, "", where);
    developer_ = where;
    developer_handle_ = std::string(handle);
    organizations_ = 0;
    b_.took();
    read_emails(text.substr(colon + 1));
  }

  // Comma-separated, though some lines separate two with a space.
  void read_emails(std::string_view list) {
    std::size_t i = 0;
    while (i < list.size()) {
      while (i < list.size() && (space(list[i]) || list[i] == ',')) ++i;
      const std::size_t begin = i;
      while (i < list.size() && !space(list[i]) && list[i] != ',') ++i;
      std::string address(list.substr(begin, i - begin));
      // gitdm writes `!` for `@`; "email-removed" is dropped by the builder.
      if (address.find('@') == std::string::npos)
        if (const auto bang = address.rfind('!'); bang != std::string::npos)
          address[bang] = '@';
      if (!address.empty()) b_.email(*person_, address);
    }
  }

  void finish_developer() {
    if (person_ && organizations_ == 0)
      throw import_error(developer_,
                         fmt::format("the developer '{}' has no organization "
                                     "line under it (a truncated file?)",
                                     developer_handle_));
  }

  void read_organization(std::string_view text) {
    const source_place where = file_.place_of(text);
    if (!person_)
      throw import_error(where,
                         "an organization line before any developer line "
                         "('handle: e-mails')");
    ++organizations_;
    const org_line line = read_org_line(text, file_);
    if (const auto reason = not_an_affiliation(line)) {
      b_.skip(where, std::string(text), *reason);
      return;
    }
    switch (classify_org(clean_org_name(line.org))) {
      case org_value::placeholder:
        b_.skip(where, std::string(line.org),
                "a placeholder, not an organization");
        return;
      case org_value::compound:
        b_.skip(where, std::string(line.org),
                "names more than one organization");
        return;
      case org_value::none:
        b_.organization(line.org, where);  // counted as no organization
        b_.took();
        return;
      case org_value::name:
        break;
    }
    if (misspelt_independent(line.org)) {
      b_.skip(where, std::string(line.org),
              "a misspelling of Independent: no organization, none guessed");
      return;
    }
    const auto org = b_.organization(line.org, where);
    if (!org) {  // not expected after classify_org: never dropped silently
      b_.skip(where, std::string(line.org), "not an organization");
      return;
    }
    affiliate(*org, line, where);
    b_.took();
  }

  // Why a line's dates make no affiliation, if they do not.
  static std::optional<std::string> not_an_affiliation(const org_line& line) {
    if (line.from && *line.from >= gitdm_never)
      return fmt::format(
          "starts on {}, gitdm's date for never: an affiliation that never "
          "begins",
          to_string(*line.from));
    if (line.from && line.until && *line.until <= *line.from)
      return fmt::format("ends on {}, not after it starts ({})",
                         to_string(*line.until), to_string(*line.from));
    if (!line.from && line.until && *line.until <= gitdm_first_day)
      return fmt::format("ends on {}, before gitdm's first day ({})",
                         to_string(*line.until), to_string(gitdm_first_day));
    return std::nullopt;
  }

  void affiliate(const org_id& org, const org_line& line,
                 const source_place& where) {
    boost::json::object extra;
    if (const auto kind = employment_of(line.org); !kind.empty())
      extra["employment"] = kind;
    std::optional<period> when;
    if (line.from || line.until) {
      when = period{line.from.value_or(gitdm_first_day), line.until};
      if (when->to == gitdm_never) when->to.reset();
      // gitdm knows no start for "X until D": the first day stands in.
      if (!line.from) extra["open_start"] = true;
    }
    b_.affiliate(*person_, org, when, where, {},
                 extra.empty() ? extra_fields{} : from_object(extra));
  }

  builder& b_;
  const source_file& file_;
  std::optional<person_id> person_;
  source_place developer_;
  std::string developer_handle_;
  std::size_t organizations_ = 0;
};

}  // namespace
}  // namespace gitdm

void read_gitdm(builder& b, std::span<const source_file> files) {
  for (const auto& f : files) {
    if (!gitdm::affiliations_file(f.file_name()))
      throw error(
          fmt::format("{}: not a gitdm file (the source gitdm takes "
                      "developers_affiliations*.txt)",
                      f.name()));
    gitdm::file_reader(b, f).read();
  }
}

}  // namespace charter::import
