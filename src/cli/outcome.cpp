// What a change did or would do, in text and JSON (cli/outcome.hpp).

#include "cli/outcome.hpp"

#include <boost/json/parse.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <variant>

#include "cli/output.hpp"

namespace charter::cli {

namespace json = boost::json;

json::object key_json(const record_key& key) {
  json::object out{{"kind", to_string(kind_of(key))}, {"key", to_string(key)}};
  std::visit(
      [&out](const auto& k) {
        if constexpr (requires { k.str(); }) out.emplace("id", k.str());
      },
      key);
  return out;
}

json::object finding_json(const finding& f) {
  json::array subjects;
  for (const auto& id : f.subjects) subjects.emplace_back(id);
  return {{"code", f.code},
          {"severity", to_string(f.severity)},
          {"subjects", std::move(subjects)},
          {"from", to_string(f.when.from)},
          {"to", json_of(f.when.to)},
          {"message", f.message}};
}

json::array diffs_json(const std::vector<record_diff>& diffs) {
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
  return records;
}

std::string diffs_text(const std::vector<record_diff>& diffs,
                       std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < diffs.size(); ++i) {
    const auto& d = diffs[i];
    if (i == limit) {
      text += fmt::format("... and {} more (--format json lists them all)\n",
                          diffs.size() - i);
      break;
    }
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
  return text;
}

namespace {

// How many records a change's text lists (an import may write millions).
constexpr std::size_t shown_records = 200;

std::array<std::size_t, 3> count(const std::vector<record_diff>& diffs) {
  std::array<std::size_t, 3> n{};
  for (const auto& d : diffs) ++n[static_cast<std::size_t>(d.change)];
  return n;
}

json::array findings_json(const std::vector<finding>& findings) {
  json::array out;
  for (const auto& f : findings) out.emplace_back(finding_json(f));
  return out;
}

json::array strings_json(const std::vector<std::string>& lines) {
  json::array out;
  for (const auto& l : lines) out.emplace_back(l);
  return out;
}

}  // namespace

std::string diff_counts(const std::vector<record_diff>& diffs) {
  const auto n = count(diffs);
  return fmt::format("{} added, {} removed, {} changed", n[0], n[1], n[2]);
}

std::string findings_text(const std::vector<finding>& findings) {
  table t({"SEVERITY", "DATES", "CODE", "SUBJECTS", "MESSAGE"});
  for (const auto& f : findings)
    t.row({std::string(to_string(f.severity)), to_string(f.when), f.code,
           fmt::format("{}", fmt::join(f.subjects, " ")), f.message});
  return t.str();
}

int show_preview(const session& s, const charter::preview& p,
                 const std::vector<std::string>& operations) {
  if (s.change_format == "json") {
    const auto n = count(p.changes);
    write_output(
        json_line(json::object{{"dry_run", true},
                               {"operations", strings_json(operations)},
                               {"added", n[0]},
                               {"removed", n[1]},
                               {"changed", n[2]},
                               {"records", diffs_json(p.changes)},
                               {"introduced", findings_json(p.introduced)},
                               {"resolved", findings_json(p.resolved)}}),
        "-");
    return exit_ok;
  }
  std::string text = "Dry run: nothing was written.\n";
  for (const auto& line : operations) text += visible("would " + line) + "\n";
  if (p.changes.empty()) {
    text += "It would change no record.\n";
  } else {
    text += diffs_text(p.changes, shown_records);
    text += diff_counts(p.changes) + "\n";
  }
  const auto list = [&text](const char* what,
                            const std::vector<finding>& findings) {
    if (findings.empty()) {
      text += fmt::format("Findings it would {}: none.\n", what);
    } else {
      text +=
          fmt::format("Findings it would {} ({}):\n", what, findings.size());
      text += findings_text(findings);
    }
  };
  list("bring", p.introduced);
  list("end", p.resolved);
  write_output(text, "-");
  return exit_ok;
}

int show_commit(const session& s, const std::vector<std::string>& operations,
                std::int64_t audit_id, const std::vector<record_diff>& diffs) {
  if (audit_id) detail(fmt::format("audit log entry {}", audit_id));
  if (s.change_format == "json") {
    const auto n = count(diffs);
    write_output(
        json_line(json::object{
            {"audit_id", audit_id ? json::value(audit_id) : json::value()},
            {"operations", strings_json(operations)},
            {"added", n[0]},
            {"removed", n[1]},
            {"changed", n[2]},
            {"records", diffs_json(diffs)}}),
        "-");
    return exit_ok;
  }
  std::string text;
  for (const auto& line : operations) text += visible(line) + "\n";
  text += diffs_text(diffs, shown_records);
  if (audit_id == 0)
    text += "Nothing changed: the registry holds that already.\n";
  else
    text += fmt::format("Audit entry {} ({}; charter revert {} undoes it)\n",
                        audit_id, diff_counts(diffs), audit_id);
  tell(text);
  return exit_ok;
}

}  // namespace charter::cli
