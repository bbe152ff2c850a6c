// whimsy: the ASF's private committee and member files in the layouts
// apache/whimsy reads (committee-info.txt, committee-info.yaml,
// members.txt). Committees become the same PMC bodies the apache source
// makes, with their chairs and members; the ASF's members are seats of the
// body `asf-members` (docs/importers/whimsy.md).

#include "import/dates.hpp"
#include "import/sources.hpp"
#include "import/yaml.hpp"

#include <charter/extra_json.hpp>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace charter::import {

// A namespace of its own: the library is a unity build, and the other
// sources have helpers of the same names.
namespace whimsy_source {
namespace {

constexpr std::string_view asf_id = "asf";
constexpr std::string_view asf_name = "The Apache Software Foundation";
constexpr std::string_view members_body = "asf-members";

std::string month_text(const loose_date& d) {
  return fmt::format("{:04}-{:02}", static_cast<int>(d.first.year()),
                     static_cast<unsigned>(d.first.month()));
}

// What the files read first tell the others: the committees' ids by the
// names committee-info.txt gives them.
struct context {
  foundation_id asf;
  std::map<std::string, std::string> id_of_name;  // by lowered name
  std::map<std::string, std::string> name_of_id;
};

// A committee's id: the one committee-info.yaml's `:name2id:` gives its
// name, or the name's letters and digits lowered ("Web Services" →
// "webservices"), as whimsy makes them.
std::string committee_id(const context& c, std::string_view name) {
  if (const auto at = c.id_of_name.find(lower(trim(name)));
      at != c.id_of_name.end())
    return at->second;
  std::string id;
  for (char ch : lower(name))
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) id += ch;
  return id.empty() ? hashed_slug("pmc", name) : id;
}

charter::body& committee(builder& b, const context& c, const std::string& id,
                         std::string_view name, std::string_view kind) {
  std::string shown(trim(name));
  if (shown.empty())
    if (const auto at = c.name_of_id.find(id); at != c.name_of_id.end())
      shown = at->second;
  if (shown.empty()) shown = id;
  // A PMC as the apache source names it; a board committee by its name.
  return b.body(id, kind == "pmc" ? fmt::format("Apache {} PMC", shown) : shown,
                kind, c.asf);
}

// ---- committee-info.txt

// `Name <id@apache.org>`: the name and the Apache id (the e-mail's local
// part at apache.org), the address kept otherwise.
struct named_address {
  std::string_view name;
  std::string_view address;
  std::string_view apache_id;
};

std::optional<named_address> read_address(std::string_view text) {
  const auto open = text.find('<');
  const auto close = text.find('>', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos)
    return std::nullopt;
  named_address out;
  out.name = trim(text.substr(0, open));
  out.address = trim(text.substr(open + 1, close - open - 1));
  const auto at = out.address.find('@');
  if (at != std::string_view::npos &&
      lower(out.address.substr(at + 1)) == "apache.org")
    out.apache_id = out.address.substr(0, at);
  return out;
}

person_id person_at(builder& b, const named_address& a,
                    const source_place& where) {
  if (!a.apache_id.empty())
    return b.person("apache", a.apache_id, a.name, where);
  const person_id p = b.person_named(a.name, where);
  b.email(p, a.address);
  return p;
}

// The column of `part`, a view into `line`.
std::size_t column_in(std::string_view line, std::string_view part) {
  return static_cast<std::size_t>(part.data() - line.data()) + 1;
}

// A numbered section heading ("3. COMMITTEE MEMBERSHIP AND CHANGE
// PROCESS"): its number, or 0.
int section_number(std::string_view line) {
  int n = 0;
  std::size_t i = 0;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9')
    n = n * 10 + (line[i++] - '0');
  if (i == 0 || i + 1 >= line.size() || line[i] != '.' || line[i + 1] != ' ')
    return 0;
  return n;
}

// Section 1's table: `    Name    Chair <chair@apache.org>`, the name and
// the chair parted by a run of two spaces or more.
void read_chair_row(builder& b, const context& c, const source_file& f,
                    std::size_t n) {
  const std::string_view line = f.line(n);
  const std::string_view row = trim(line);
  const auto gap = row.find("  ");
  const auto address = gap == std::string_view::npos
                           ? std::nullopt
                           : read_address(trim(row.substr(gap)));
  if (!address) {
    b.skip(f.place(n, column_in(line, row)), std::string(row),
           "a committee row without a chair <e-mail>");
    return;
  }
  const std::string_view name = trim(row.substr(0, gap));
  auto& pmc = committee(b, c, committee_id(c, name), name, "pmc");
  auto& chair_class = b.seat_class(pmc, "chair");
  chair_class.count = 1;
  chair_class.voting = false;
  charter::seat s;
  s.body = pmc.id;
  s.seat_class = chair_class.id;
  s.person = person_at(b, *address, f.place(n, column_in(line, address->name)));
  s.office = office::chair;
  s.when = {b.as_of(), std::nullopt};
  b.add(std::move(s), true);
  b.took();
}

// `* HTTP Server  (est. 02/1995)`: the committee whose members follow.
charter::body& read_committee_header(builder& b, const context& c,
                                     const source_file& f, std::size_t n) {
  const std::string_view line = f.line(n);
  std::string_view text = trim(trim(line).substr(1));
  std::optional<loose_date> established;
  if (const auto est = text.find("(est."); est != std::string_view::npos) {
    const auto close = text.find(')', est);
    const std::string_view when = trim(text.substr(
        est + 5, close == std::string_view::npos ? std::string_view::npos
                                                 : close - est - 5));
    established = parse_loose_date(when);
    if (!established)
      throw import_error(f.place(n, column_in(line, when)),
                         fmt::format("'{}' is not a month (est.)", when));
    text = trim(text.substr(0, est));
  }
  auto& pmc = committee(b, c, committee_id(c, text), text, "pmc");
  if (established)
    set_extra(pmc.extra, "established",
              boost::json::value(month_text(*established)));
  b.took();
  return pmc;
}

// `    Name     <id@apache.org>     [1995-02-11]`: a member since the date
// in brackets (none: since `as_of`, undated).
void read_member_line(builder& b, const source_file& f, std::size_t n,
                      charter::body& pmc) {
  const std::string_view line = f.line(n);
  const auto address = read_address(line);
  if (!address)
    throw import_error(f.place(n, column_in(line, trim(line))),
                       "a committee member without <e-mail>");
  std::optional<date> since;
  if (const auto open = line.find(
          '[', static_cast<std::size_t>(address->address.data() - line.data()));
      open != std::string_view::npos) {
    const auto close = line.find(']', open);
    const std::string_view text = trim(line.substr(
        open + 1, close == std::string_view::npos ? std::string_view::npos
                                                  : close - open - 1));
    const auto d = try_parse_date(text);
    if (!d)
      throw import_error(f.place(n, column_in(line, text)),
                         fmt::format("'{}' is not a date", text));
    since = *d;
  }
  auto& members_class = b.seat_class(pmc, "member");
  charter::seat s;
  s.body = pmc.id;
  s.seat_class = members_class.id;
  s.person = person_at(b, *address, f.place(n, column_in(line, trim(line))));
  s.when = {since.value_or(b.as_of()), std::nullopt};
  b.add(std::move(s), !since);
  ++members_class.count;
  b.took();
}

void read_committee_info_txt(builder& b, const context& c,
                             const source_file& f) {
  int section = 0;
  bool in_table = false;
  charter::body* pmc = nullptr;
  for (std::size_t n = 1; n <= f.line_count(); ++n) {
    const std::string_view line = f.line(n);
    if (const int s = section_number(line)) {
      section = s;
      in_table = false;
      pmc = nullptr;
      continue;
    }
    if (trim(line).empty()) {
      in_table = false;
      pmc = nullptr;
      continue;
    }
    if (section == 1) {
      if (trim(line).starts_with("---")) {
        in_table = true;
      } else if (in_table) {
        read_chair_row(b, c, f, n);
      }
    } else if (section == 3) {
      if (trim(line).starts_with("* ")) {
        // The class's count is the members listed.
        pmc = &read_committee_header(b, c, f, n);
        b.seat_class(*pmc, "member").count = 0;
      } else if (pmc) {
        read_member_line(b, f, n, *pmc);
      }
    }
  }
}

// ---- committee-info.yaml

void read_name2id(builder& b, context& c, const source_file& f,
                  const YAML::Node& root) {
  const YAML::Node map = root[":name2id"];
  if (!map || map.IsNull()) return;
  if (!map.IsMap())
    throw import_error(place_of(f, map), "':name2id:' is not a map");
  for (const auto& entry : map) {
    const std::string name = entry.first.Scalar();
    const std::string id = entry.second.IsScalar() ? entry.second.Scalar() : "";
    if (slug(id) != id || id.empty()) {
      b.skip(place_of(f, entry.second), id, "not a committee id");
      continue;
    }
    c.id_of_name[lower(trim(name))] = id;
    c.name_of_id[id] = name;
    b.took();
  }
}

// The key of `extra` a committee field goes to: those of the apache
// source (committees.json's `shortdesc` is this file's `:description:`).
std::string extra_key_of(std::string_view field) {
  if (field == ":site") return "homepage";
  if (field == ":description") return "shortdesc";
  return std::string(field.substr(1));
}

// `:tlps:` (PMCs) and `:cttees:` (the board's other committees), each by
// id: established, retired, site, description.
void read_yaml_committees(builder& b, const context& c, const source_file& f,
                          const YAML::Node& root, std::string_view key,
                          std::string_view kind) {
  const YAML::Node map = root[std::string(key)];
  if (!map || map.IsNull()) return;
  if (!map.IsMap())
    throw import_error(place_of(f, map),
                       fmt::format("'{}:' is not a map", key));
  for (const auto& entry : map) {
    const std::string id = entry.first.Scalar();
    const YAML::Node& fields = entry.second;
    if (slug(id) != id || !fields.IsMap()) {
      b.skip(place_of(f, entry.first), id, "not a committee id with fields");
      continue;
    }
    auto& body = committee(b, c, id, scalar(f, fields, ":name"), kind);
    for (const auto& field : fields) {
      const std::string name = field.first.Scalar();
      const source_place where = place_of(f, field.second);
      if (name == ":name") continue;
      if (name == ":established" || name == ":retired") {
        const std::string text = scalar(f, fields, name);
        const auto d = parse_loose_date(text);
        if (!d)
          throw import_error(
              where, fmt::format("'{}' is not a month ({}:)", text, name));
        set_extra(body.extra, name.substr(1),
                  boost::json::value(month_text(*d)));
      } else if (name == ":site" || name == ":description" ||
                 name == ":comment") {
        const std::string text = scalar(f, fields, name);
        set_extra(body.extra, extra_key_of(name), boost::json::value(text));
      } else {
        b.unmapped(where, name, "a committee field charter does not keep");
      }
    }
    b.took();
  }
}

void read_committee_info_yaml(builder& b, context& c, const source_file& f) {
  const YAML::Node root = load_yaml(f);
  if (!root.IsMap())
    throw import_error(f.place(1, 1), "not a map of :name2id:, :tlps:...");
  read_name2id(b, c, f, root);
  read_yaml_committees(b, c, f, root, ":tlps", "pmc");
  read_yaml_committees(b, c, f, root, ":cttees", "committee");
}

// ---- members.txt

// The classes of members.txt's sections: voting members, emeritus members
// and other representatives sit on `asf-members`; deceased members have
// no seat.
struct member_section {
  std::string_view heading;
  std::string_view seat_class;  // "" for the deceased
  bool voting = true;
};
constexpr member_section member_sections[] = {
    {"Active (Voting) Members", "member", true},
    {"Emeritus (Non-voting) Members", "emeritus", false},
    {"Other (Non-voting) Representatives", "representative", false},
    {"Deceased Members", "", false},
};

const member_section* section_named(std::string_view line) {
  for (const auto& s : member_sections)
    if (trim(line) == s.heading) return &s;
  return nullptr;
}

// "1 January 1970" as the loose reader takes it ("January 1, 1970").
std::optional<loose_date> day_month_year(std::string_view text) {
  if (auto d = parse_loose_date(text)) return d;
  const auto words = split(trim(text), ' ');
  if (words.size() != 3) return std::nullopt;
  return parse_loose_date(
      fmt::format("{} {}, {}", words[1], words[0], words[2]));
}

struct member_entry {
  std::size_t line = 0;
  std::string_view name;
  std::string_view comment;
  std::string_view email;
  std::string_view apache_id;
  std::string_view forms;
};

void add_member(builder& b, const source_file& f, const member_section& s,
                const member_entry& e) {
  const source_place where = f.place(e.line, column_in(f.line(e.line), e.name));
  const person_id p = e.apache_id.empty()
                          ? b.person_named(e.name, where)
                          : b.person("apache", e.apache_id, e.name, where);
  b.email(p, e.email);
  if (s.seat_class.empty()) {
    // Deceased: a date in the comment (`/* deceased, 1 January 1970 */`).
    const auto comma = e.comment.find(',');
    const std::string_view when = comma == std::string_view::npos
                                      ? ""
                                      : trim(e.comment.substr(comma + 1));
    if (const auto d = day_month_year(when))
      set_extra(b.who(p).extra, "deceased",
                boost::json::value(to_string(d->first)));
    else
      set_extra(b.who(p).extra, "deceased", boost::json::value(true));
    b.took();
    return;
  }
  auto& body = b.body(members_body, "ASF Members", "members",
                      b.owner_foundation(asf_id, asf_name).id);
  auto& cls = b.seat_class(body, s.seat_class);
  if (!s.voting) cls.voting = false;
  charter::seat seat;
  seat.body = body.id;
  seat.seat_class = cls.id;
  seat.person = p;
  seat.when = {b.as_of(), std::nullopt};
  if (!e.forms.empty())
    set_extra(seat.extra, "forms_on_file", boost::json::value(e.forms));
  b.add(std::move(seat), true);
  b.took();
}

// An entry: ` *) Name /* comment */`, then its lines up to a blank one;
// only `Email:`, `Avail ID:` and `Forms on File:` are read (the postal
// address and telephone are private and not kept).
void read_members_txt(builder& b, const source_file& f) {
  const member_section* section = nullptr;
  std::optional<member_entry> entry;
  const auto flush = [&] {
    if (entry && section) add_member(b, f, *section, *entry);
    entry.reset();
  };
  for (std::size_t n = 1; n <= f.line_count(); ++n) {
    const std::string_view line = f.line(n);
    const std::string_view text = trim(line);
    if (const auto* s = section_named(line)) {
      flush();
      section = s;
      continue;
    }
    if (text.empty()) {
      flush();
      continue;
    }
    if (text.starts_with("*)")) {
      flush();
      if (!section)
        throw import_error(f.place(n, column_in(line, text)),
                           "a member before any section heading");
      member_entry e;
      e.line = n;
      std::string_view name = trim(text.substr(2));
      if (const auto c = name.find("/*"); c != std::string_view::npos) {
        const auto end = name.find("*/", c);
        e.comment = trim(name.substr(c + 2, end == std::string_view::npos
                                                ? std::string_view::npos
                                                : end - c - 2));
        name = trim(name.substr(0, c));
      }
      if (name.empty())
        throw import_error(f.place(n, column_in(line, text)),
                           "a member entry with no name");
      e.name = name;
      entry = e;
      continue;
    }
    if (!entry) continue;  // the header's prose, a note
    const auto field = [&](std::string_view label) -> std::string_view {
      if (!text.starts_with(label)) return {};
      return trim(text.substr(label.size()));
    };
    if (const auto v = field("Email:"); !v.empty() && entry->email.empty())
      entry->email = v;
    else if (const auto id = field("Avail ID:"); !id.empty())
      entry->apache_id = id;
    else if (const auto forms = field("Forms on File:"); !forms.empty())
      entry->forms = forms;
  }
  flush();
}

}  // namespace
}  // namespace whimsy_source

void read_whimsy(builder& b, std::span<const source_file> files) {
  using namespace whimsy_source;
  context c;
  c.asf = b.owner_foundation(asf_id, asf_name).id;
  const auto name_of = [](const source_file& f) {
    return std::filesystem::path(f.name()).filename().string();
  };
  for (const auto& f : files) {
    const std::string name = name_of(f);
    if (name != "committee-info.txt" && name != "committee-info.yaml" &&
        name != "members.txt")
      throw error(
          fmt::format("{}: the source whimsy takes committee-info.txt, "
                      "committee-info.yaml and members.txt",
                      f.name()));
  }
  // The YAML first: its `:name2id:` gives the text file's committees ids.
  for (const auto& f : files)
    if (name_of(f) == "committee-info.yaml")
      reading_yaml(f, [&] { read_committee_info_yaml(b, c, f); });
  for (const auto& f : files) {
    if (name_of(f) == "committee-info.txt") read_committee_info_txt(b, c, f);
    if (name_of(f) == "members.txt") read_members_txt(b, f);
  }
}

}  // namespace charter::import
