// apache: the JSON the ASF publishes about its committees and podlings
// (apache/comdev-projects, site/json/foundation/). Each PMC is a body of
// the foundation with its chair and its roster (seats from their join
// dates), a retired PMC's seats end when it retired, and each podling is a
// project with its incubation stages (docs/importers/apache.md).

#include "import/dates.hpp"
#include "import/sources.hpp"

#include <charter/extra_json.hpp>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <unordered_map>

namespace charter::import {

// A namespace of its own: the library is a unity build, and the other
// sources have helpers of the same names.
namespace apache_source {
namespace {

constexpr std::string_view asf_id = "asf";
constexpr std::string_view asf_name = "The Apache Software Foundation";

// ---- JSON with places

// A JSON file parsed with Boost.JSON, which keeps no places, so the place
// of every object member's value is found by walking the text alongside
// the parsed values (objects keep their members in file order): one
// forward pass over the text, whatever the file's size.
class json_file {
 public:
  explicit json_file(const source_file& file) : file_(file) {
    boost::json::parser parser;
    boost::system::error_code ec;
    const std::string& text = file.text();
    const std::size_t consumed = parser.write(text.data(), text.size(), ec);
    if (ec) {
      // Boost stops at the character it could not take; a truncated file
      // stops at its end, which is where the missing part belongs.
      throw import_error(file.place(std::min(consumed, text.size())),
                         fmt::format("not JSON: {}", ec.message()));
    }
    root_ = parser.release();
    locate(root_);
  }

  const source_file& file() const noexcept { return file_; }
  const boost::json::value& root() const noexcept { return root_; }

  /// Where `v`, a value of this file, starts (the file as a whole when
  /// it cannot be told).
  source_place at(const boost::json::value& v) const {
    const auto found = offsets_.find(&v);
    if (found == offsets_.end()) return {file_.name(), 0, 0};
    return file_.place(found->second);
  }

 private:
  void locate(const boost::json::value& v) {
    if (const auto* o = v.if_object()) {
      bool first = true;
      for (const auto& member : *o) {
        const std::size_t key = find_key(member.key());
        if (key == std::string::npos) return;  // written with escapes
        if (first) offsets_.try_emplace(&v, key);
        first = false;
        offsets_.try_emplace(&member.value(), cursor_);
        locate(member.value());
      }
    } else if (const auto* a = v.if_array()) {
      for (const auto& element : *a) locate(element);
    }
  }

  // The next `"key":` from the cursor, moving the cursor to the value
  // after it; npos (the cursor kept) when there is none.
  std::size_t find_key(std::string_view key) {
    const std::string& text = file_.text();
    const std::string quoted = fmt::format("\"{}\"", key);
    for (std::size_t at = text.find(quoted, cursor_); at != std::string::npos;
         at = text.find(quoted, at + 1)) {
      if (at > 0 && text[at - 1] == '\\') continue;  // inside a string
      std::size_t after = skip_space(text, at + quoted.size());
      if (after >= text.size() || text[after] != ':') continue;  // a value
      cursor_ = skip_space(text, after + 1);
      return at;
    }
    return std::string::npos;
  }

  static std::size_t skip_space(const std::string& text, std::size_t at) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t' ||
                                text[at] == '\n' || text[at] == '\r'))
      ++at;
    return at;
  }

  const source_file& file_;
  boost::json::value root_;
  std::size_t cursor_ = 0;
  std::unordered_map<const boost::json::value*, std::size_t> offsets_;
};

const boost::json::object& object_of(const json_file& j,
                                     const boost::json::value& v,
                                     std::string_view what) {
  if (const auto* o = v.if_object()) return *o;
  throw import_error(j.at(v), fmt::format("{} is not a JSON object", what));
}

// The text of `o[key]`: "" when absent or null, an error when it is there
// and not a string.
std::string text_of(const json_file& j, const boost::json::value& owner,
                    std::string_view key) {
  const auto& o = owner.as_object();
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (const auto* s = v->if_string()) return std::string(*s);
  throw import_error(j.at(*v), fmt::format("'{}' is not a string", key));
}

std::string required_text(const json_file& j, const boost::json::value& owner,
                          std::string_view key, std::string_view what) {
  std::string text = text_of(j, owner, key);
  if (trim(text).empty())
    throw import_error(j.at(owner), fmt::format("{} has no '{}'", what, key));
  return text;
}

// `o[key]` as a date (`2012-03`, `2012-03-21`); none when absent.
// @throws import_error at the value when it is not a date.
std::optional<loose_date> date_of(const json_file& j,
                                  const boost::json::value& owner,
                                  std::string_view key) {
  const std::string text = text_of(j, owner, key);
  if (trim(text).empty()) return std::nullopt;
  const auto d = parse_loose_date(text);
  if (!d)
    throw import_error(j.at(owner.as_object().at(key)),
                       fmt::format("'{}' is not a date ({})", text, key));
  return d;
}

std::string month_text(const loose_date& d) {
  return fmt::format("{:04}-{:02}", static_cast<int>(d.first.year()),
                     static_cast<unsigned>(d.first.month()));
}

// Runs of white space as one space, trimmed (descriptions carry tabs and
// line breaks).
std::string squeezed(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void set_extra_text(extra_fields& extra, std::string_view key,
                    const std::string& text) {
  if (!text.empty()) set_extra(extra, key, boost::json::value(text));
}

// ---- committees

struct committee_file {
  foundation_id owner;
  bool retired = false;
};

// The roster's members as seats of class `member`, from their join dates
// to `end` (a retired committee's), and the name each roster gives.
void read_roster(builder& b, const json_file& j, const boost::json::value& c,
                 charter::body& pmc, std::optional<date> end,
                 std::unordered_map<std::string, std::string>& names) {
  const auto* roster = c.as_object().if_contains("roster");
  if (!roster || roster->is_null()) return;
  const auto& members = object_of(j, *roster, "the roster");
  auto& members_class = b.seat_class(pmc, "member");
  members_class.count = static_cast<int>(members.size());
  for (const auto& member : members) {
    const auto& entry = member.value();
    const source_place where = j.at(entry);
    object_of(j, entry, fmt::format("roster entry '{}'", member.key()));
    const std::string name = text_of(j, entry, "name");
    names.emplace(std::string(member.key()), name);
    const auto joined = date_of(j, entry, "date");
    if (!joined) {
      b.skip(where, std::string(member.key()), "a roster entry with no date");
      continue;
    }
    if (end && joined->first >= *end) {
      b.skip(where, std::string(member.key()),
             "joined after the committee retired");
      continue;
    }
    charter::seat s;
    s.body = pmc.id;
    s.seat_class = members_class.id;
    s.person = b.person("apache", member.key(), name, where);
    s.when = {joined->first, end};
    b.add(std::move(s));
    b.took();
  }
}

// The chair: a seat of class `chair` with the office, from `as_of` (the
// file says who chairs now, not since when). The class does not vote: the
// chair votes in their member seat.
void read_chair(builder& b, const json_file& j, const boost::json::value& c,
                charter::body& pmc,
                const std::unordered_map<std::string, std::string>& names) {
  const std::string chair = text_of(j, c, "chair");
  const auto* value = c.as_object().if_contains("chair");
  const source_place where = value ? j.at(*value) : j.at(c);
  if (trim(chair).empty()) {
    b.unmapped(where, chair, "a committee with no chair");
    return;
  }
  auto& chair_class = b.seat_class(pmc, "chair");
  chair_class.count = 1;
  chair_class.voting = false;
  const auto named = names.find(chair);
  charter::seat s;
  s.body = pmc.id;
  s.seat_class = chair_class.id;
  s.person = b.person("apache", chair,
                      named == names.end() ? "" : named->second, where);
  s.office = office::chair;
  s.when = {b.as_of(), std::nullopt};
  b.add(std::move(s), true);
}

void read_committee(builder& b, const json_file& j, const boost::json::value& c,
                    committee_file kind) {
  object_of(j, c, "a committee");
  const std::string id = required_text(j, c, "id", "a committee");
  const std::string name = text_of(j, c, "name");
  const auto established = date_of(j, c, "established");
  const auto retired = date_of(j, c, "retired");
  if (kind.retired && !retired)
    throw import_error(
        j.at(c), fmt::format("retired committee '{}' has no 'retired'", id));
  std::string body_id = slug(id);
  if (body_id.empty()) body_id = hashed_slug("pmc", id);
  auto& pmc =
      b.body(body_id, (name.empty() ? id : name) + " PMC", "pmc", kind.owner);
  if (established)
    set_extra(pmc.extra, "established",
              boost::json::value(month_text(*established)));
  // Retired in a month: its seats end with that month (a roster may name
  // someone who joined in it).
  std::optional<date> end;
  if (retired) {
    set_extra(pmc.extra, "retired", boost::json::value(month_text(*retired)));
    end = retired->after();
  }
  if (body_id != id) set_extra_text(pmc.extra, "apache_id", id);
  set_extra_text(pmc.extra, "homepage", text_of(j, c, "homepage"));
  set_extra_text(pmc.extra, "shortdesc", squeezed(text_of(j, c, "shortdesc")));
  set_extra_text(pmc.extra, "charter", squeezed(text_of(j, c, "charter")));
  if (const auto* r = c.as_object().if_contains("reporting");
      r && r->is_int64())
    set_extra(pmc.extra, "reporting", *r);
  b.took();  // the committee itself

  std::unordered_map<std::string, std::string> names;
  read_roster(b, j, c, pmc, end, names);
  if (!kind.retired) read_chair(b, j, c, pmc, names);
}

void read_committees(builder& b, const json_file& j, committee_file kind) {
  const auto* list = j.root().if_array();
  if (!list)
    throw import_error(j.file().place(0), "not a JSON array of committees");
  for (const auto& c : *list) read_committee(b, j, c, kind);
}

// ---- podlings

// Sets the stage `name` of `p` to `when` (the file is the authority on
// it), keeping the stages in order.
void set_stage(charter::project& p, std::string_view name, period when) {
  auto found = std::find_if(p.stages.begin(), p.stages.end(),
                            [&](const stage& s) { return s.name == name; });
  if (found == p.stages.end()) {
    p.stages.push_back({std::string(name), when, {}});
  } else {
    found->when = when;
  }
  std::stable_sort(
      p.stages.begin(), p.stages.end(),
      [](const stage& a, const stage& b) { return a.when.from < b.when.from; });
}

void set_steward(charter::project& p, const foundation_id& asf, period when) {
  for (auto& s : p.stewards)
    if (std::holds_alternative<foundation_id>(s.who) &&
        std::get<foundation_id>(s.who) == asf) {
      s.when = when;
      return;
    }
  p.stewards.push_back({asf, when, {}});
}

std::string podling_name(std::string name) {
  constexpr std::string_view suffix = " (Incubating)";
  if (name.ends_with(suffix)) name.erase(name.size() - suffix.size());
  return name;
}

// A podling: a project stewarded by the foundation, `incubating` from its
// start; from podlings-history.json, `graduated` or `retired` from its
// end (a retired podling left the foundation then).
void read_podling(builder& b, const json_file& j, const foundation_id& asf,
                  std::string_view key, const boost::json::value& v,
                  bool history) {
  const std::string what = fmt::format("podling '{}'", key);
  object_of(j, v, what);
  const source_place where = j.at(v);
  const auto started = date_of(j, v, "started");
  if (!started)
    throw import_error(where, fmt::format("{} has no 'started'", what));
  std::string id = slug(key);
  if (id.empty()) id = hashed_slug("podling", key);
  const std::string name = text_of(j, v, "name");
  auto& p = b.project(id, podling_name(name.empty() ? std::string(key) : name));
  set_extra_text(p.extra, "homepage", text_of(j, v, "homepage"));
  set_extra_text(p.extra, "description",
                 squeezed(text_of(j, v, "description")));
  set_extra_text(p.extra, "sponsor", text_of(j, v, "pmc"));
  set_extra(p.extra, "started", boost::json::value(month_text(*started)));
  if (!history) {
    set_stage(p, "incubating", {started->first, std::nullopt});
    set_steward(p, asf, {started->first, std::nullopt});
    b.took();
    return;
  }
  const auto ended = date_of(j, v, "ended");
  if (!ended) throw import_error(where, fmt::format("{} has no 'ended'", what));
  if (ended->first < started->first)
    throw import_error(j.at(v.as_object().at("ended")),
                       fmt::format("{} ended before it started", what));
  set_extra(p.extra, "ended", boost::json::value(month_text(*ended)));
  // Months, not days: a podling that started and ended in one month spent
  // that month incubating.
  const date end =
      ended->first > started->first ? ended->first : ended->after();
  set_stage(p, "incubating", {started->first, end});
  const std::string status = text_of(j, v, "status");
  if (status == "graduated") {
    set_stage(p, "graduated", {end, std::nullopt});
    set_steward(p, asf, {started->first, std::nullopt});
  } else if (status == "retired") {
    set_stage(p, "retired", {end, std::nullopt});
    set_steward(p, asf, {started->first, end});
  } else {
    set_steward(p, asf, {started->first, std::nullopt});
    b.unmapped(
        j.at(v.as_object().contains("status") ? v.as_object().at("status") : v),
        status, "a podling status other than graduated or retired");
  }
  b.took();
}

void read_podlings(builder& b, const json_file& j, const foundation_id& asf,
                   bool history) {
  const auto* podlings = j.root().if_object();
  if (!podlings)
    throw import_error(j.file().place(0), "not a JSON object of podlings");
  for (const auto& podling : *podlings)
    read_podling(b, j, asf, podling.key(), podling.value(), history);
}

}  // namespace
}  // namespace apache_source

void read_apache(builder& b, std::span<const source_file> files) {
  using namespace apache_source;
  const foundation_id asf = b.owner_foundation(asf_id, asf_name).id;
  for (const auto& f : files) {
    const std::string name =
        std::filesystem::path(f.name()).filename().string();
    if (name != "committees.json" && name != "committees-retired.json" &&
        name != "podlings.json" && name != "podlings-history.json")
      throw error(fmt::format(
          "{}: the source apache takes committees.json, "
          "committees-retired.json, podlings.json and podlings-history.json",
          f.name()));
    const json_file j(f);
    if (name == "committees.json")
      read_committees(b, j, {.owner = asf, .retired = false});
    if (name == "committees-retired.json")
      read_committees(b, j, {.owner = asf, .retired = true});
    if (name == "podlings.json") read_podlings(b, j, asf, false);
    if (name == "podlings-history.json") read_podlings(b, j, asf, true);
  }
}

}  // namespace charter::import
