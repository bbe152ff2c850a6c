// Commands that correct the registry: update any field of a record,
// remove a record entered in error, merge two records that are one, revert
// an audit entry; and backup. Each is one audited change (or, with
// --dry-run, a preview of it).

#include <charter/diff.hpp>
#include <charter/json.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cli/commands.hpp"
#include "cli/edit_fields.hpp"
#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/suggest.hpp"

namespace charter::cli {
namespace {

// ---- which record

// The kind a user names: `org` or `organization`, `person`, ... `role`.
record_kind parse_kind(std::string_view text) {
  if (text == "org") return record_kind::organization;
  for (std::size_t k = 0; k < record_kind_count; ++k) {
    const auto kind = static_cast<record_kind>(k);
    if (text == to_string(kind)) return kind;
  }
  throw usage_error(fmt::format(
      "'{}' is not a kind of record (org, person, foundation, project, body, "
      "membership, seat, role, election)",
      text));
}

std::optional<date> from_of(const record_args& a) {
  return parse_date_arg(a.from, /*optional=*/true);
}

// The one record among `candidates` (a dated record's, matched on every
// key field given): none is an error naming what was looked for, several
// one that lists their start dates.
template <class Record>
record_key pick(const std::vector<const Record*>& candidates,
                const std::string& what) {
  if (candidates.size() == 1) return key_of(*candidates.front());
  if (candidates.empty()) throw usage_error(fmt::format("no {}", what));
  std::vector<std::string> froms;
  for (const auto* r : candidates) froms.push_back(to_string(r->when.from));
  throw usage_error(fmt::format("{} {} match: from {}; say which with --from",
                                candidates.size(), what,
                                fmt::join(froms, ", ")));
}

record_key membership_of(const registry& reg, const record_args& a) {
  if (a.org.empty() || a.foundation.empty())
    throw usage_error(
        "which membership? give --org and --foundation (and "
        "--from when it has several)");
  const auto org = need(reg, org_id{a.org}).id;
  const auto f = need(reg, foundation_id{a.foundation}).id;
  const auto from = from_of(a);
  std::vector<const membership*> found;
  for (const auto& m : reg.memberships())
    if (m.org == org && m.foundation == f && (!from || m.when.from == *from))
      found.push_back(&m);
  return pick(found,
              fmt::format("membership of {} in {}{}", org.str(), f.str(),
                          from ? " from " + to_string(*from) : std::string{}));
}

record_key seat_of(const registry& reg, const record_args& a) {
  if (a.body.empty() || a.person.empty())
    throw usage_error(
        "which seat? give --body and --person (and --class or "
        "--from when they hold several)");
  const auto& b = need(reg, body_id{a.body});
  const auto who = need(reg, person_id{a.person}).id;
  std::optional<seat_class_id> cls;
  if (!a.seat_class.empty())
    cls = need_class(b, seat_class_id{a.seat_class}).id;
  const auto from = from_of(a);
  std::vector<const seat*> found;
  for (const auto& st : reg.seats())
    if (st.body == b.id && st.person == who &&
        (!cls || st.seat_class == *cls) && (!from || st.when.from == *from))
      found.push_back(&st);
  return pick(found,
              fmt::format("seat of {} on {}{}", who.str(), b.id.str(),
                          from ? " from " + to_string(*from) : std::string{}));
}

record_key role_of(const registry& reg, const record_args& a) {
  if (a.person.empty())
    throw usage_error(
        "whose role? give --person (and --title, --foundation, "
        "--project, --body or --from when they hold several)");
  const auto who = need(reg, person_id{a.person}).id;
  std::optional<std::string> scope;
  if (!a.foundation.empty())
    scope = need(reg, foundation_id{a.foundation}).id.str();
  if (!a.project.empty()) scope = need(reg, project_id{a.project}).id.str();
  if (!a.body.empty()) scope = need(reg, body_id{a.body}).id.str();
  const auto from = from_of(a);
  std::vector<const role*> found;
  for (const auto& r : reg.roles())
    if (r.person == who && (a.title.empty() || r.title == a.title) &&
        (!scope || str(r.scope) == *scope) && (!from || r.when.from == *from))
      found.push_back(&r);
  return pick(found,
              fmt::format("role of {}{}{}", who.str(),
                          a.title.empty() ? "" : " '" + a.title + "'",
                          from ? " from " + to_string(*from) : std::string{}));
}

record_key key_from(const registry& reg, const record_args& a) {
  const auto kind = parse_kind(a.kind);
  const bool dated = kind == record_kind::membership ||
                     kind == record_kind::seat || kind == record_kind::role ||
                     kind == record_kind::report;
  if (dated && !a.id.empty())
    throw usage_error(
        fmt::format("a {} has no id: name it by its key fields (see --help)",
                    to_string(kind)));
  if (!dated && a.id.empty())
    throw usage_error(fmt::format("which {}? give its id", to_string(kind)));
  switch (kind) {
    case record_kind::organization:
      return need(reg, org_id{a.id}).id;
    case record_kind::person:
      return need(reg, person_id{a.id}).id;
    case record_kind::foundation:
      return need(reg, foundation_id{a.id}).id;
    case record_kind::project:
      return need(reg, project_id{a.id}).id;
    case record_kind::body:
      return need(reg, body_id{a.id}).id;
    case record_kind::membership:
      return membership_of(reg, a);
    case record_kind::seat:
      return seat_of(reg, a);
    case record_kind::role:
      return role_of(reg, a);
    case record_kind::meeting:
      if (!reg.find(meeting_id{a.id}))
        throw usage_error(fmt::format("no meeting '{}'", a.id));
      return meeting_id{a.id};
    case record_kind::invoice:
      if (!reg.find(invoice_id{a.id}))
        throw usage_error(fmt::format("no invoice '{}'", a.id));
      return invoice_id{a.id};
    case record_kind::report:
      // Named by body and month: no option says a month yet.
      throw usage_error("a report cannot be named here yet");
    case record_kind::election:
      return need(reg, election_id{a.id}).id;
  }
  throw usage_error("unknown kind");
}

// ---- update

// The batch that makes `now` of the record `key` names: an update in
// place; for a dated record whose key fields changed, a removal and an
// addition; for an organization or person with a new id, the new record
// and a merge of the old one into it (every reference moves).
batch update_batch(const record_key& key, any_record now) {
  batch b;
  const auto new_key = key_of(now);
  if (new_key == key) {
    std::visit([&b](auto& r) { b.update(std::move(r)); }, now);
    return b;
  }
  switch (kind_of(key)) {
    case record_kind::organization:
      b.add(std::get<organization>(now));
      b.merge(std::get<org_id>(key), std::get<org_id>(new_key));
      return b;
    case record_kind::person:
      b.add(std::get<person>(now));
      b.merge(std::get<person_id>(key), std::get<person_id>(new_key));
      return b;
    case record_kind::foundation:
    case record_kind::project:
    case record_kind::body:
      throw usage_error(fmt::format(
          "the id of a {} cannot be changed: records elsewhere name it",
          to_string(kind_of(key))));
    case record_kind::membership:
    case record_kind::seat:
    case record_kind::role:
    case record_kind::meeting:  // nothing refers to these
    case record_kind::invoice:
    case record_kind::report:
    case record_kind::election:  // no record names an election
      break;
  }
  b.remove(key);
  std::visit([&b](auto& r) { b.add(std::move(r)); }, now);
  return b;
}

}  // namespace

int run_update(session& s, const update_args& a) {
  const auto& reg = s.open(!s.dry_run).registry();
  const auto key = key_from(reg, a.record);
  if (a.set.empty() && a.unset.empty() && a.add.empty() && a.drop.empty())
    throw usage_error(
        "what to change? give --set FIELD=VALUE, --unset FIELD, --add "
        "FIELD=VALUE or --drop FIELD=VALUE");
  field_edits edits;
  for (const auto& e : a.set) edits.push_back(parse_edit(edit_kind::set, e));
  for (const auto& e : a.unset)
    edits.push_back(parse_edit(edit_kind::unset, e));
  for (const auto& e : a.add) edits.push_back(parse_edit(edit_kind::add, e));
  for (const auto& e : a.drop) edits.push_back(parse_edit(edit_kind::drop, e));
  auto now = edit_record(*reg.find_record(key), edits);
  return commit_change(s, update_batch(key, std::move(now)), a.who);
}

int run_remove(session& s, const remove_args& a) {
  const auto& reg = s.open(!s.dry_run).registry();
  return commit_change(s, batch().remove(key_from(reg, a.record), a.cascade),
                       a.who);
}

int run_merge(session& s, const merge_args& a) {
  const auto& reg = s.open(!s.dry_run).registry();
  batch b;
  switch (parse_kind(a.kind)) {
    case record_kind::organization:
      b.merge(need(reg, org_id{a.duplicate}).id, need(reg, org_id{a.into}).id);
      break;
    case record_kind::person:
      b.merge(need(reg, person_id{a.duplicate}).id,
              need(reg, person_id{a.into}).id);
      break;
    default:
      throw usage_error(fmt::format(
          "only organizations and people are merged, not {}", a.kind));
  }
  return commit_change(s, b, a.who);
}

int run_revert(session& s, const revert_args& a) {
  auto& db = s.open(!s.dry_run);
  const std::vector<std::string> operations{fmt::format("revert {}", a.id)};
  if (s.dry_run) return show_preview(s, db.preview_revert(a.id), operations);
  // Reverting an import replaces the registry, and says nothing of what
  // changed: a copy to compare with.
  const auto kept = db.store().changes(a.id);
  std::optional<registry> before;
  if (kept.size() == 1 && kept.front().what == audit_change::action::replaced)
    before = db.registry();
  const auto done = db.revert(a.id, a.who);
  return show_commit(s, operations, done.audit_id,
                     before ? compare(*before, db.registry())
                            : record_diffs(db.registry(), done.changes));
}

int run_backup(session& s, const backup_args& a) {
  auto& db = s.open(false);
  auto* sqlite = dynamic_cast<charter::sqlite_store*>(&db.store());
  if (!sqlite)
    throw usage_error(
        fmt::format("'{}' is an interchange document, not an SQLite "
                    "database: copy it instead",
                    s.db_path().string()));
  const std::filesystem::path to = a.file;
  std::error_code ec;
  if (std::filesystem::exists(to, ec) || std::filesystem::is_symlink(to, ec))
    throw usage_error(
        fmt::format("'{}' already exists; nothing written (remove it, or "
                    "choose another name)",
                    a.file));
  sqlite->backup(to);
  tell(fmt::format("Backed up {} to {} ({} bytes)", s.db_path().string(),
                   a.file, std::filesystem::file_size(to)));
  return exit_ok;
}

}  // namespace charter::cli
