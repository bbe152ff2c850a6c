// `charter diff`: the facts that began or ended between two dates
// (charter::changes_between), or the records that differ between two
// interchange documents (charter::compare).

#include <charter/diff.hpp>
#include <charter/error.hpp>
#include <charter/json.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include <fstream>
#include <string>
#include <variant>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/suggest.hpp"

namespace charter::cli {
namespace {

namespace json = boost::json;

// A record key as JSON: its kind and, for the kinds with an id, the id;
// `key` names it (`membership of amd in pytorch-foundation from 2022-09-12`).
json::object key_json(const record_key& key) {
  json::object out{{"kind", to_string(kind_of(key))}, {"key", to_string(key)}};
  std::visit(
      [&out](const auto& k) {
        if constexpr (requires { k.str(); }) out.emplace("id", k.str());
      },
      key);
  return out;
}

json::value text_or_null(const std::string& s) {
  if (s.empty()) return nullptr;
  return json::string(s);
}

// The document in `file` (`-`: standard input), its problems placed in it:
// `FILE: line 3, column 17: ...` for a syntax error, `FILE: /pointer: ...`
// for a record.
registry read_document(const std::string& file) {
  std::ifstream storage;
  std::istream& in = open_input(file, storage);
  const std::string name = file == "-" ? "standard input" : file;
  try {
    return from_json(in);
  } catch (const validation_error& e) {
    std::vector<problem> placed = e.problems();
    for (auto& p : placed)
      p.where = p.where.empty() ? name : fmt::format("{}: {}", name, p.where);
    throw validation_error(std::move(placed));
  } catch (const storage_error& e) {
    throw usage_error(fmt::format("cannot read '{}': {}", name, e.what()));
  }
}

int compare_documents(const diff_args& a) {
  const registry before = read_document(a.files[0]);
  const registry after = read_document(a.files[1]);
  const auto diffs = compare(before, after);
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& d : diffs) ++counts[static_cast<std::size_t>(d.change)];
  const int status = diffs.empty() ? exit_ok : exit_findings;

  if (a.format == "json") {
    json::array records;
    for (const auto& d : diffs) {
      json::object r = key_json(d.key);
      r.emplace("change", to_string(d.change));
      if (d.change == record_change::changed) {
        json::array fields;
        for (const auto& f : d.fields) {
          json::object field{{"field", f.field}};
          if (f.before) field.emplace("before", json::parse(*f.before));
          if (f.after) field.emplace("after", json::parse(*f.after));
          fields.emplace_back(std::move(field));
        }
        r.emplace("fields", std::move(fields));
      }
      records.emplace_back(std::move(r));
    }
    write_output(json_line(json::object{{"before", a.files[0]},
                                        {"after", a.files[1]},
                                        {"equal", diffs.empty()},
                                        {"added", counts[0]},
                                        {"removed", counts[1]},
                                        {"changed", counts[2]},
                                        {"records", std::move(records)}}),
                 "-");
    return status;
  }

  if (diffs.empty()) {
    write_output(visible(fmt::format("No differences between {} and {}.",
                                     a.files[0], a.files[1])) +
                     "\n",
                 "-");
    return status;
  }
  std::string text;
  for (const auto& d : diffs) {
    const char sign = d.change == record_change::added     ? '+'
                      : d.change == record_change::removed ? '-'
                                                           : '~';
    text += paint(visible(fmt::format("{} {}", sign, to_string(d.key))),
                  d.change == record_change::added     ? style::added
                  : d.change == record_change::removed ? style::removed
                                                       : style::changed) +
            "\n";
    for (const auto& f : d.fields)
      text += visible(fmt::format("    {}: {} -> {}", f.field,
                                  f.before.value_or("(none)"),
                                  f.after.value_or("(none)"))) +
              "\n";
  }
  text += fmt::format("{} added, {} removed, {} changed\n", counts[0],
                      counts[1], counts[2]);
  write_output(text, "-");
  return status;
}

int dated_changes(session& s, const diff_args& a) {
  const auto& reg = s.open(false).registry();
  std::optional<foundation_id> only;
  if (!a.foundation.empty()) only = need(reg, foundation_id{a.foundation}).id;
  const date from = parse_date_arg(std::string_view(a.from));
  const date to =
      a.to.empty() ? today() : parse_date_arg(std::string_view(a.to));
  if (!(from < to))
    throw usage_error(fmt::format("--from ({}) must be before --to ({})",
                                  to_string(from), to_string(to)));
  const auto changes = changes_between(reg, from, to, only);

  if (a.format == "json") {
    json::array list;
    for (const auto& c : changes)
      list.emplace_back(json::object{
          {"on", to_string(c.on)},
          {"kind", to_string(c.kind)},
          {"subject", key_json(c.subject)},
          {"object", c.object ? json::value(key_json(*c.object)) : nullptr},
          {"before", text_or_null(c.before)},
          {"after", text_or_null(c.after)},
          {"represents",
           c.represents ? json::value(c.represents->str()) : nullptr},
          {"text", c.text}});
    write_output(json_line(json::object{
                     {"from", to_string(from)},
                     {"to", to_string(to)},
                     {"foundation", only ? json::value(only->str()) : nullptr},
                     {"changes", std::move(list)}}),
                 "-");
    return exit_ok;
  }

  std::string text =
      fmt::format("{} change{} from {} up to {}{}\n", changes.size(),
                  changes.size() == 1 ? "" : "s", to_string(from),
                  to_string(to), only ? " in " + only->str() : std::string{});
  if (!changes.empty()) {
    table t({"DATE", "CHANGE", "WHAT"});
    for (const auto& c : changes)
      t.row({to_string(c.on), std::string(to_string(c.kind)), c.text});
    text += t.str();
  }
  write_output(text, "-");
  return exit_ok;
}

}  // namespace

int run_diff(session& s, const diff_args& a) {
  if (!a.files.empty()) {
    if (!a.from.empty() || !a.to.empty() || !a.foundation.empty())
      throw usage_error(
          "two documents or two dates, not both: --from, --to and "
          "--foundation are for the registry between dates");
    return compare_documents(a);
  }
  if (a.from.empty())
    throw usage_error(
        "what to compare? give two documents (A.json B.json) or --from DATE");
  return dated_changes(s, a);
}

}  // namespace charter::cli
