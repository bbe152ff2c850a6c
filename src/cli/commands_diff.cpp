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
#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/suggest.hpp"

namespace charter::cli {
namespace {

namespace json = boost::json;

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
    write_output(json_line(json::object{{"before", a.files[0]},
                                        {"after", a.files[1]},
                                        {"equal", diffs.empty()},
                                        {"added", counts[0]},
                                        {"removed", counts[1]},
                                        {"changed", counts[2]},
                                        {"records", diffs_json(diffs)}}),
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
  write_output(diffs_text(diffs) + diff_counts(diffs) + "\n", "-");
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
