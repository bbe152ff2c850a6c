// Commands that move whole registries or look at them whole: init, import,
// export, check, report.

#include <charter/checks.hpp>
#include <charter/json.hpp>
#include <charter/popolo.hpp>
#include <charter/report.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>

#include "cli/commands.hpp"
#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "cli/suggest.hpp"

namespace charter::cli {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string counts(const charter::registry& reg) {
  return fmt::format(
      "{}, {}, {}, {}, {}, {}, {}, {}",
      plural(reg.organizations().size(), "organization", "organizations"),
      plural(reg.people().size(), "person", "people"),
      plural(reg.foundations().size(), "foundation", "foundations"),
      plural(reg.projects().size(), "project", "projects"),
      plural(reg.memberships().size(), "membership", "memberships"),
      plural(reg.bodies().size(), "body", "bodies"),
      plural(reg.seats().size(), "seat", "seats"),
      plural(reg.roles().size(), "role", "roles"));
}

std::optional<report_format> format_of_output(const std::string& file) {
  if (file.empty() || file == "-") return report_format::text;
  std::string ext = std::filesystem::path(file).extension().string();
  if (ext.empty()) return report_format::text;
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  static constexpr std::pair<std::string_view, report_format> known[] = {
      {".txt", report_format::text},    {".text", report_format::text},
      {".md", report_format::markdown}, {".markdown", report_format::markdown},
      {".csv", report_format::csv},     {".json", report_format::json},
      {".html", report_format::html},   {".htm", report_format::html},
      {".svg", report_format::svg}};
  for (const auto& [name, format] : known)
    if (ext == name) return format;
  throw usage_error(fmt::format(
      "-o: cannot tell the format from '{}': its extension '{}' is none of "
      ".txt, .md, .csv, .json, .html, .svg; give --format",
      file, std::filesystem::path(file).extension().string()));
}

int run_init(session& s) {
  auto path = s.db_path();
  std::error_code ec;
  if (std::filesystem::exists(path, ec) ||
      std::filesystem::is_symlink(path, ec))
    throw usage_error(
        fmt::format("'{}' already exists; nothing changed (remove it, or "
                    "choose another --db)",
                    path.string()));
  if (charter::is_json_file(path)) {
    s.say_db("a new interchange document");
    save_json(charter::registry{}, path);
  } else {
    s.say_db("a new SQLite database");
    charter::sqlite_store store(
        path, s.sqlite_options(/*write=*/true, /*create=*/true));
  }
  tell(fmt::format("Created an empty registry in {}", path.string()));
  return exit_ok;
}

namespace {

// The problems of a document placed in it; a syntax error, which has no
// place in the document, names the file instead.
[[noreturn]] void rethrow_placed(const validation_error& e,
                                 const std::string& name) {
  std::vector<problem> placed = e.problems();
  for (auto& p : placed)
    if (p.where.empty() && p.record.empty()) p.where = name;
  throw validation_error(std::move(placed));
}

}  // namespace

int run_import(session& s, const import_args& a) {
  progress bar("import", {"loading", "reading", "validating", "writing"});
  auto& db = s.open(!s.dry_run);
  const bool full = !db.registry().empty();
  const std::string& file = a.files.front();
  const std::string name = file == "-" ? std::string("standard input") : file;
  bar.phase(1);
  std::ifstream stream;
  std::istream& in = open_input(file, stream);
  bar.phase(2);
  const std::vector<std::string> operations{
      fmt::format("import {}{}", name, a.merge ? " (merge)" : "")};
  try {
    if (a.merge) {
      auto doc = decode_json(in);
      upsert_counts n;
      auto changes = upsert(db.registry(), std::move(doc.changes), &n);
      bar.phase(3);
      if (s.dry_run) {
        bar.stop();
        return show_preview(s, db.preview(changes, doc.where), operations);
      }
      // Check on a copy first so that problems are placed by JSON Pointer;
      // commit checks again against what is really stored.
      charter::registry trial = db.registry();
      trial.stage(changes, doc.where).roll_back();
      const auto done = db.commit(changes, a.who, operations.front());
      bar.stop();
      return show_commit(s, operations, done.audit_id,
                         record_diffs(db.registry(), done.changes));
    }
    charter::registry reg = from_json(in);
    // Refused once the document is known to be good, so that its problems
    // come first.
    if (full && !a.replace)
      throw usage_error(fmt::format(
          "the registry holds records already ({}): nothing imported; say "
          "--merge to add and update records by id, or --replace to replace "
          "them all (either can be previewed with --dry-run)",
          counts(db.registry())));
    bar.phase(3);
    if (s.dry_run) {
      bar.stop();
      return show_preview(s, db.preview_replace(reg), operations);
    }
    // Compared only when it replaces records: a first import adds them all
    // (and may be millions).
    std::optional<charter::registry> before;
    if (full) before = db.registry();
    const auto id = db.replace(std::move(reg), a.who, operations.front());
    bar.stop();
    detail(fmt::format("audit log entry {}", id));
    std::vector<record_diff> diffs;
    if (before) diffs = compare(*before, db.registry());
    const auto& now = db.registry();
    if (s.change_format == "json") {
      const std::size_t total = now.organizations().size() +
                                now.people().size() + now.foundations().size() +
                                now.projects().size() + now.bodies().size() +
                                now.memberships().size() + now.seats().size() +
                                now.roles().size();
      auto out = boost::json::object{{"audit_id", id},
                                     {"file", name},
                                     {"replaced", full},
                                     {"records", total}};
      if (before) out.emplace("changes", diffs_json(diffs));
      write_output(json_line(out), "-");
      return exit_ok;
    }
    std::string text = fmt::format("Imported {}: the registry now holds {}\n",
                                   name, counts(now));
    if (before)
      text += fmt::format(
          "Audit entry {} ({}; charter revert {} puts the registry back)\n", id,
          diff_counts(diffs), id);
    tell(text);
    return exit_ok;
  } catch (const validation_error& e) {
    rethrow_placed(e, name);
  }
}

int run_export(session& s, const export_args& a) {
  auto& db = s.open(false);
  if (a.format == "popolo")
    write_output(to_popolo(db.registry()), a.file);
  else if (a.file == "-")
    write_output(to_json(db.registry()), "-");
  else
    save_json(db.registry(), a.file);
  return exit_ok;
}

int run_check(session& s, const check_args& a) {
  const auto& reg = s.open(false).registry();
  check_scope scope;
  if (!a.foundation.empty())
    scope.foundation = need(reg, foundation_id{a.foundation}).id;
  if (!a.body.empty()) scope.body = need(reg, body_id{a.body}).id;
  std::optional<date> on;
  if (!a.all)
    on = a.at.empty() ? today() : parse_date_arg(std::string_view(a.at));
  auto findings = on ? check(reg, *on, scope) : check_all(reg, scope);
  auto errors = std::count_if(
      findings.begin(), findings.end(),
      [](const finding& f) { return f.severity == severity::error; });
  auto warnings = static_cast<std::ptrdiff_t>(findings.size()) - errors;

  if (a.format == "json") {
    boost::json::array list;
    for (const auto& f : findings) list.emplace_back(finding_json(f));
    boost::json::object out{
        {"at", json_of(on)},
        {"foundation", a.foundation.empty() ? boost::json::value(nullptr)
                                            : boost::json::value(a.foundation)},
        {"body", a.body.empty() ? boost::json::value(nullptr)
                                : boost::json::value(a.body)},
        {"findings", std::move(list)},
        {"errors", errors},
        {"warnings", warnings}};
    write_output(json_line(out), "-");
  } else {
    std::string text;
    if (!findings.empty()) {
      table t(
          {"SEVERITY", on ? "DATE" : "DATES", "CODE", "SUBJECTS", "MESSAGE"});
      for (const auto& f : findings)
        t.row({std::string(to_string(f.severity)),
               on ? to_string(f.when.from) : to_string(f.when), f.code,
               fmt::format("{}", fmt::join(f.subjects, " ")), f.message},
              {f.severity == severity::error ? style::error : style::warning});
      text = t.str();
    }
    if (findings.empty())
      text += fmt::format("No findings{}.\n",
                          on ? " on " + to_string(*on) : std::string{});
    else
      text += fmt::format(
          "{}: {}, {}\n", plural(findings.size(), "finding", "findings"),
          plural(static_cast<std::size_t>(errors), "error", "errors"),
          plural(static_cast<std::size_t>(warnings), "warning", "warnings"));
    write_output(text, "-");
  }
  return errors > 0 ? exit_findings : exit_ok;
}

int run_report(session& s, const report_args& a) {
  progress bar("report", {"loading", "building", "writing"});
  const auto& reg = s.open(false).registry();
  bar.phase(1);

  auto has = [&](std::string_view k) {
    return std::find(a.kinds.begin(), a.kinds.end(), k) != a.kinds.end();
  };
  report_options opts;
  if (!a.foundation.empty())
    opts.foundation = need(reg, foundation_id{a.foundation}).id;
  if (!a.body.empty()) opts.body = need(reg, body_id{a.body}).id;
  if (!a.project.empty()) opts.project = need(reg, project_id{a.project}).id;
  opts.at = parse_date_arg(a.at, true);
  opts.from = parse_date_arg(a.from, true);
  opts.to = parse_date_arg(a.to, true);
  if (a.year != 0) opts.year = a.year;
  opts.all_dates = a.all;

  // The defaults a person expects: today, and the foundation's only body.
  bool dated = has("roster") || has("board") || (has("dues") && !opts.year) ||
               (has("compliance") && !a.all);
  if (!opts.at && dated) opts.at = today();
  if (has("changes") && opts.from && !opts.to) opts.to = today();
  if (has("board") && !opts.body && opts.foundation) {
    std::vector<const body*> owned;
    for (const auto& b : reg.bodies())
      if (const auto* f = std::get_if<foundation_id>(&b.owner);
          f && *f == *opts.foundation)
        owned.push_back(&b);
    if (owned.size() == 1) opts.body = owned.front()->id;
  }

  auto format = a.format.empty() ? format_of_output(a.output)
                                 : parse_report_format(a.format);
  if (!format)
    throw usage_error(fmt::format("unknown format '{}'",
                                  a.format));  // the parser checked it
  std::vector<report_kind> kinds;
  for (const auto& k : a.kinds) {
    auto kind = parse_report_kind(k);
    if (!kind) throw usage_error(fmt::format("unknown report '{}'", k));
    if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end())
      kinds.push_back(*kind);
  }
  const render_options how{.csv_raw = a.csv_raw};
  std::string text = kinds.size() == 1
                         ? render_report(reg, kinds.front(), *format, opts, how)
                         : render_reports(reg, kinds, *format, opts, how);
  bar.phase(2);
  bar.stop();
  write_output(text, a.output);
  return exit_ok;
}

}  // namespace charter::cli
