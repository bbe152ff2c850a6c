// `charter import --from SOURCE FILE...`: what a foundation publishes, read
// by the source's importer (<charter/import.hpp>), matched with the
// registry's records, and committed as one audited change.

#include <charter/diff.hpp>
#include <charter/import.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"

namespace charter::cli {
namespace {

namespace json = boost::json;

json::object place_json(const source_place& where) {
  json::object o{{"file", where.file}};
  if (where.line) o.emplace("line", where.line);
  if (where.column) o.emplace("column", where.column);
  return o;
}

json::object summary_json(const import_summary& s) {
  json::array files(s.files.begin(), s.files.end());
  json::array unmapped;
  for (const auto& u : s.unmapped) {
    auto o = place_json(u.where);
    o.emplace("value", u.value);
    o.emplace("reason", u.reason);
    unmapped.push_back(std::move(o));
  }
  json::object none;
  for (const auto& [spelling, n] : s.without_organization)
    none.emplace(spelling, n);
  json::array findings;
  for (const auto& f : s.findings) {
    json::array places;
    for (const auto& p : f.places) places.push_back(place_json(p));
    findings.push_back(json::object{{"code", f.code},
                                    {"record", f.record},
                                    {"message", f.message},
                                    {"places", std::move(places)}});
  }
  return {{"source", s.source},
          {"files", std::move(files)},
          {"read", s.read},
          {"mapped", s.mapped},
          {"skipped", s.skipped},
          {"matched", s.matched},
          {"added", s.added},
          {"updated", s.updated},
          {"unchanged", s.unchanged},
          {"without_organization", std::move(none)},
          {"unmapped", std::move(unmapped)},
          {"findings", std::move(findings)}};
}

std::string summary_text(const import_summary& s) {
  std::string text = fmt::format(
      "Read {} from {} ({}): {} mapped, {} skipped; {} matched in the "
      "registry\n",
      plural(s.read, "entry", "entries"), s.source, fmt::join(s.files, ", "),
      s.mapped, s.skipped,
      plural(s.matched, "organization or person", "organizations and people"));
  text += fmt::format("Records: {} added, {} updated, {} unchanged\n", s.added,
                      s.updated, s.unchanged);
  if (!s.without_organization.empty()) {
    std::size_t total = 0;
    std::string spellings;
    for (const auto& [spelling, n] : s.without_organization) {
      total += n;
      spellings +=
          fmt::format("{}{} {}", spellings.empty() ? "" : ", ", spelling, n);
    }
    text += fmt::format("{} said there is no organization ({})\n",
                        plural(total, "value", "values"), spellings);
  }
  if (!s.unmapped.empty()) {
    text += fmt::format("Not mapped ({}):\n", s.unmapped.size());
    for (const auto& u : s.unmapped)
      text += fmt::format("  {}: '{}': {}\n", to_string(u.where), u.value,
                          u.reason);
  }
  for (const auto& f : s.findings) {
    text += fmt::format("{} [{}]: {}\n", f.record, f.code, f.message);
    for (const auto& p : f.places) text += fmt::format("  {}\n", to_string(p));
  }
  return text;
}

import_options options_of(const import_args& a) {
  import_options o;
  o.foundation = a.foundation;
  if (!a.as_of.empty()) o.as_of = parse_date_arg(a.as_of);
  o.alias_files = a.aliases;
  return o;
}

}  // namespace

int run_source_import(session& s, const import_args& a) {
  progress bar("import", {"loading", "reading", "validating", "writing"});
  auto& db = s.open(!s.dry_run);
  const bool full = !db.registry().empty();
  if (full && !a.merge && !a.replace)
    throw usage_error(fmt::format(
        "the registry holds records already ({}): nothing imported; say "
        "--merge to add the import's records and match its organizations "
        "and people with those held, or --replace to replace them all "
        "(either can be previewed with --dry-run)",
        counts(db.registry())));
  bar.phase(1);
  // --replace matches nothing with the records it replaces.
  const charter::registry none;
  const auto& matched_with = a.replace ? none : db.registry();
  auto result = read_source(matched_with, a.source, a.files, options_of(a));
  bar.phase(2);
  const std::string operation =
      fmt::format("import --from {} {}{}", a.source, fmt::join(a.files, " "),
                  a.merge     ? " (merge)"
                  : a.replace ? " (replace)"
                              : "");
  const std::vector<std::string> operations{operation};

  const auto report = [&](json::object outcome) {
    if (s.change_format == "json") {
      auto out = summary_json(result.summary);
      for (auto& [key, value] : outcome) out.insert_or_assign(key, value);
      write_output(json_line(out), "-");
    } else {
      tell(summary_text(result.summary));
    }
  };

  if (a.replace) {
    charter::registry reg;
    reg.apply(result.changes);
    bar.phase(3);
    if (s.dry_run) {
      bar.stop();
      const auto p = db.preview_replace(reg);
      report({{"dry_run", true}, {"records", diffs_json(p.changes)}});
      return s.change_format == "json" ? exit_ok
                                       : show_preview(s, p, operations);
    }
    const charter::registry before = db.registry();
    const auto id = db.replace(std::move(reg), a.who, operation);
    bar.stop();
    const auto diffs = compare(before, db.registry());
    report({{"audit_id", id}, {"records", diffs_json(diffs)}});
    return s.change_format == "json" ? exit_ok
                                     : show_commit(s, operations, id, diffs);
  }

  bar.phase(3);
  if (s.dry_run) {
    bar.stop();
    const auto p = db.preview(result.changes);
    report({{"dry_run", true}, {"records", diffs_json(p.changes)}});
    return s.change_format == "json" ? exit_ok : show_preview(s, p, operations);
  }
  std::int64_t id = 0;
  std::vector<record_diff> diffs;
  if (!result.changes.empty()) {
    const auto done = db.commit(result.changes, a.who, operation);
    id = done.audit_id;
    diffs = record_diffs(db.registry(), done.changes);
  }
  bar.stop();
  report({{"audit_id", id ? json::value(id) : json::value()},
          {"records", diffs_json(diffs)}});
  return s.change_format == "json" ? exit_ok
                                   : show_commit(s, operations, id, diffs);
}

}  // namespace charter::cli
