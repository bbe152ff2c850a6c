// Commands that change the registry: each builds one batch, commits it as
// one audited change (or nothing), and prints what it did.

#include <charter/batch.hpp>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/suggest.hpp"

namespace charter::cli {
namespace {

/// Opens the registry (for writing, unless --dry-run), calls `build` with
/// it and the parsed arguments, and commits the batch it returns.
template <class Args, class Build>
int run_change(session& s, const Args& a, Build build) {
  const auto& reg = s.open(!s.dry_run).registry();
  return commit_change(s, build(reg, a), a.who);
}

// Where a role is held: the one of --foundation, --project and --body given.
role_scope scope_of(const registry& reg, const role_args& a) {
  if (!a.foundation.empty()) return need(reg, foundation_id{a.foundation}).id;
  if (!a.project.empty()) return need(reg, project_id{a.project}).id;
  if (!a.body.empty()) return need(reg, body_id{a.body}).id;
  throw usage_error(
      "where is the role held? give --foundation, --project or --body");
}

batch build_org_add(const registry& reg, const org_args& a) {
  organization o;
  o.id = org_id{a.id};
  o.name = a.name;
  o.kind = *parse_org_kind(a.kind);
  if (!a.parent.empty()) o.parent = need(reg, org_id{a.parent}).id;
  o.aliases = a.aliases;
  o.domains = a.domains;
  return batch().add(std::move(o));
}

batch build_person_add(const registry&, const person_args& a) {
  person p;
  p.id = person_id{a.id};
  p.name = a.name;
  p.emails = a.emails;
  for (const auto& h : a.handles) {
    auto eq = h.find('=');
    p.handles[h.substr(0, eq)] = h.substr(eq + 1);
  }
  return batch().add(std::move(p));
}

batch build_affiliate(const registry& reg, const affiliation_args& a) {
  affiliation tie;
  tie.org = need(reg, org_id{a.org}).id;
  tie.when = period{parse_date_arg(a.from), parse_date_arg(a.to, true)};
  tie.title = a.title;
  return batch().affiliate(need(reg, person_id{a.person}).id, std::move(tie));
}

batch build_unaffiliate(const registry& reg, const affiliation_args& a) {
  return batch().end_affiliation(need(reg, person_id{a.person}).id,
                                 need(reg, org_id{a.org}).id,
                                 parse_date_arg(a.from));
}

batch build_join(const registry& reg, const membership_args& a) {
  const auto& f = need(reg, foundation_id{a.foundation});
  return batch().join(need(reg, org_id{a.org}).id, f.id,
                      need_tier(f, tier_id{a.tier}).id, parse_date_arg(a.on),
                      a.founding);
}

batch build_leave(const registry& reg, const membership_args& a) {
  return batch().leave(need(reg, org_id{a.org}).id,
                       need(reg, foundation_id{a.foundation}).id,
                       parse_date_arg(a.on));
}

batch build_change_tier(const registry& reg, const membership_args& a) {
  const auto& f = need(reg, foundation_id{a.foundation});
  return batch().change_tier(need(reg, org_id{a.org}).id, f.id,
                             need_tier(f, tier_id{a.tier}).id,
                             parse_date_arg(a.on));
}

batch build_seat_add(const registry& reg, const seat_args& a) {
  const auto& b = need(reg, body_id{a.body});
  seat st;
  st.body = b.id;
  st.seat_class = need_class(b, seat_class_id{a.seat_class}).id;
  st.person = need(reg, person_id{a.person}).id;
  if (!a.represents.empty()) st.represents = need(reg, org_id{a.represents}).id;
  if (!a.office.empty()) st.office = parse_office(a.office);
  if (a.non_voting) st.voting = false;
  st.when = period{parse_date_arg(a.from), parse_date_arg(a.to, true)};
  return batch().add(std::move(st));
}

batch build_seat_end(const registry& reg, const seat_args& a) {
  const auto& body = need(reg, body_id{a.body});
  std::optional<seat_class_id> seat_class;
  if (!a.seat_class.empty())
    seat_class = need_class(body, seat_class_id{a.seat_class}).id;
  return batch().end_seat(body.id, need(reg, person_id{a.person}).id,
                          parse_date_arg(a.from), std::move(seat_class));
}

batch build_role_add(const registry& reg, const role_args& a) {
  role ro;
  ro.person = need(reg, person_id{a.person}).id;
  ro.title = a.title;
  ro.scope = scope_of(reg, a);
  ro.when = period{parse_date_arg(a.from), parse_date_arg(a.to, true)};
  return batch().add(std::move(ro));
}

batch build_role_end(const registry& reg, const role_args& a) {
  return batch().end_role(need(reg, person_id{a.person}).id, a.title,
                          scope_of(reg, a), parse_date_arg(a.from));
}

batch build_transfer(const registry& reg, const transfer_args& a) {
  steward_ref who;
  if (!a.to_foundation.empty()) {
    who = need(reg, foundation_id{a.to_foundation}).id;
  } else if (!a.to_org.empty()) {
    who = need(reg, org_id{a.to_org}).id;
  } else if (!a.to.empty()) {
    const auto* f = reg.find(foundation_id{a.to});
    const auto* o = reg.find(org_id{a.to});
    if (f && o)
      throw usage_error(
          fmt::format("'{}' names both a foundation and an organization; "
                      "say which with --to-foundation or --to-org",
                      a.to));
    if (f) {
      who = f->id;
    } else if (o) {
      who = o->id;
    } else if (auto aliased = resolve(reg, find_kind::organization, a.to);
               aliased.size() > 1) {
      throw_ambiguous(a.to, aliased);
    } else if (aliased.size() == 1) {
      note_resolved(a.to, aliased.front());
      who = org_id{aliased.front().id};
    } else {
      auto ids = ids_of_kind(reg, "foundation");
      auto orgs = ids_of_kind(reg, "organization");
      ids.insert(ids.end(), orgs.begin(), orgs.end());
      throw usage_error(fmt::format("no foundation or organization '{}'{}",
                                    a.to, did_you_mean(a.to, ids)));
    }
  } else {
    throw usage_error("to whom? give --to, --to-foundation or --to-org");
  }
  return batch().transfer(need(reg, project_id{a.project}).id, who,
                          parse_date_arg(a.on));
}

}  // namespace

int commit_change(session& s, const batch& changes, const audit_info& who,
                  std::string_view summary) {
  auto& db = s.open(!s.dry_run);
  const auto operations = changes.describe();
  if (s.dry_run) return show_preview(s, db.preview(changes), operations);
  const auto done = summary.empty() ? db.commit(changes, who)
                                    : db.commit(changes, who, summary);
  return show_commit(s, operations, done.audit_id,
                     record_diffs(db.registry(), done.changes));
}

int run_org_add(session& s, const org_args& a) {
  return run_change(s, a, build_org_add);
}

int run_person_add(session& s, const person_args& a) {
  return run_change(s, a, build_person_add);
}

int run_affiliate(session& s, const affiliation_args& a) {
  return run_change(s, a, build_affiliate);
}

int run_unaffiliate(session& s, const affiliation_args& a) {
  return run_change(s, a, build_unaffiliate);
}

int run_join(session& s, const membership_args& a) {
  return run_change(s, a, build_join);
}

int run_leave(session& s, const membership_args& a) {
  return run_change(s, a, build_leave);
}

int run_change_tier(session& s, const membership_args& a) {
  return run_change(s, a, build_change_tier);
}

int run_seat_add(session& s, const seat_args& a) {
  return run_change(s, a, build_seat_add);
}

int run_seat_end(session& s, const seat_args& a) {
  return run_change(s, a, build_seat_end);
}

int run_role_add(session& s, const role_args& a) {
  return run_change(s, a, build_role_add);
}

int run_role_end(session& s, const role_args& a) {
  return run_change(s, a, build_role_end);
}

int run_transfer(session& s, const transfer_args& a) {
  return run_change(s, a, build_transfer);
}

}  // namespace charter::cli
