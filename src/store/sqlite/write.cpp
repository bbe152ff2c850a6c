// Writing a registry to SQLite: sqlite_store::impl::save() (the records
// named, upserted) and replace_all() (everything, as a bulk load), each in
// one write transaction with its audit entry.

#include <charter/json.hpp>
#include <charter/store.hpp>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "store/audit.hpp"
#include "store/sqlite/impl.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/statements.hpp"

namespace charter {

using detail::column_text;
using detail::record_table_names;
using detail::run;
namespace sql = detail::sql;

namespace {

// An id of a variant's alternative, bound as NULL when it holds another.
template <class Id>
std::optional<std::string_view> id_or_null(const Id* id) {
  if (!id) return std::nullopt;
  return std::string_view(id->str());
}

}  // namespace

// ---- writing
//
// `fresh`: the tables hold no row of this record (replace_all emptied
// them), so its rows go in with plain INSERTs and no child row is
// deleted first.

void sqlite_store::impl::write(const organization& o, bool fresh) {
  run(statement(fresh ? sql::insert_org : sql::upsert_org), o.id, o.name,
      to_string(o.kind), o.parent, o.extra);
  if (!fresh) run(statement(sql::delete_aliases), o.id);
  for (std::size_t i = 0; i < o.aliases.size(); ++i)
    run(statement(sql::insert_alias), o.id, i, o.aliases[i]);
  if (!fresh) run(statement(sql::delete_domains), o.id);
  for (std::size_t i = 0; i < o.domains.size(); ++i)
    run(statement(sql::insert_domain), o.id, i, o.domains[i]);
}

void sqlite_store::impl::write(const person& p, bool fresh) {
  run(statement(fresh ? sql::insert_person : sql::upsert_person), p.id, p.name,
      p.extra);
  if (!fresh) run(statement(sql::delete_emails), p.id);
  for (std::size_t i = 0; i < p.emails.size(); ++i)
    run(statement(sql::insert_email), p.id, i, p.emails[i]);
  if (!fresh) run(statement(sql::delete_handles), p.id);
  for (const auto& [service, handle] : p.handles)
    run(statement(sql::insert_handle), p.id, service, handle);
  if (!fresh) run(statement(sql::delete_affiliations), p.id);
  for (std::size_t i = 0; i < p.affiliations.size(); ++i) {
    const auto& a = p.affiliations[i];
    run(statement(sql::insert_affiliation), p.id, i, a.org, a.when.from,
        a.when.to, a.title, a.extra);
  }
}

void sqlite_store::impl::write(const foundation& f, bool fresh) {
  run(statement(fresh ? sql::insert_foundation : sql::upsert_foundation), f.id,
      f.name, f.parent, f.founded, f.extra);
  if (!fresh || f.dues) {
    std::optional<int> due_days, grace_days;
    if (f.dues) {
      due_days = f.dues->due_days;
      grace_days = f.dues->grace_days;
    }
    run(statement(sql::update_foundation_dues), f.id, f.dues.has_value(),
        due_days, grace_days);
  }
  if (!fresh) {
    run(statement(sql::delete_requirements), f.id);
    run(statement(sql::delete_tiers), f.id);
  }
  for (std::size_t i = 0; i < f.tiers.size(); ++i) {
    const auto& t = f.tiers[i];
    std::optional<std::int64_t> cents;
    std::optional<std::string_view> currency;
    if (t.annual_fee) {
      cents = t.annual_fee->cents;
      currency = t.annual_fee->currency;
    }
    run(statement(sql::insert_tier), f.id, t.id, i, t.name, t.rank, cents,
        currency, t.extra);
  }
  for (const auto& t : f.tiers)
    for (std::size_t j = 0; j < t.requirements.size(); ++j)
      run(statement(sql::insert_requirement), f.id, t.id, j,
          t.requirements[j].foundation, t.requirements[j].min_tier);
}

void sqlite_store::impl::write(const project& p, bool fresh) {
  run(statement(fresh ? sql::insert_project : sql::upsert_project), p.id,
      p.name, p.founded, p.extra);
  if (!fresh) run(statement(sql::delete_stewards), p.id);
  for (std::size_t i = 0; i < p.stewards.size(); ++i) {
    const auto& s = p.stewards[i];
    const auto* org = std::get_if<org_id>(&s.who);
    const auto* f = std::get_if<foundation_id>(&s.who);
    run(statement(sql::insert_steward), p.id, i, id_or_null(org), id_or_null(f),
        s.when.from, s.when.to, s.extra);
  }
  if (!fresh) run(statement(sql::delete_stages), p.id);
  for (std::size_t i = 0; i < p.stages.size(); ++i) {
    const auto& s = p.stages[i];
    run(statement(sql::insert_stage), p.id, i, s.name, s.when.from, s.when.to,
        s.extra);
  }
}

void sqlite_store::impl::write(const body& b, bool fresh) {
  const auto* f = std::get_if<foundation_id>(&b.owner);
  const auto* p = std::get_if<project_id>(&b.owner);
  const auto& r = b.rules;
  run(statement(fresh ? sql::insert_body : sql::upsert_body), b.id, b.name,
      b.kind, id_or_null(f), id_or_null(p), r.max_per_family,
      r.max_fraction_per_family, r.term_years, r.max_consecutive_terms,
      r.min_size, r.max_size, r.quorum, b.extra);
  write_governance(b, fresh);
  if (!fresh) run(statement(sql::delete_classes), b.id);
  for (std::size_t i = 0; i < b.seat_classes.size(); ++i) {
    const auto& c = b.seat_classes[i];
    run(statement(sql::insert_class), b.id, c.id, i, to_string(c.mode), c.tier,
        c.per, c.min, c.max, to_string(c.round), c.count, c.role, c.voting,
        c.extra);
  }
  if (!fresh) run(statement(sql::delete_exclusions), b.id);
  for (std::size_t i = 0; i < r.exclusive_with.size(); ++i)
    run(statement(sql::insert_exclusion), b.id, i, r.exclusive_with[i]);
}

void sqlite_store::impl::write(const membership& m, bool fresh) {
  run(statement(fresh ? sql::insert_membership : sql::upsert_membership), m.org,
      m.foundation, m.tier, m.when.from, m.when.to, m.founding, m.extra);
}

void sqlite_store::impl::write(const seat& s, bool fresh) {
  std::optional<std::string_view> office;
  if (s.office) office = to_string(*s.office);
  run(statement(fresh ? sql::insert_seat : sql::upsert_seat), s.body,
      s.seat_class, s.person, s.when.from, s.when.to, s.represents, office,
      s.voting, s.extra);
  if (!fresh || s.alternate_for || s.appointed_by) {
    std::optional<std::string_view> appointed;
    if (s.appointed_by) appointed = to_string(*s.appointed_by);
    run(statement(sql::update_seat_governance), s.body, s.seat_class, s.person,
        s.when.from, s.alternate_for, appointed);
  }
}

void sqlite_store::impl::write(const role& r, bool fresh) {
  const auto* f = std::get_if<foundation_id>(&r.scope);
  const auto* p = std::get_if<project_id>(&r.scope);
  const auto* b = std::get_if<body_id>(&r.scope);
  run(statement(fresh ? sql::insert_role : sql::upsert_role), r.person, r.title,
      id_or_null(f), id_or_null(p), id_or_null(b), r.when.from, r.when.to,
      r.extra);
}

// ---- Governance records (schema 3)

namespace {

// A reporting schedule's months as the column holds them: "1,4,7,10".
std::string months_text(const std::vector<int>& months) {
  std::string out;
  for (int m : months) {
    if (!out.empty()) out += ',';
    out += std::to_string(m);
  }
  return out;
}

}  // namespace

void sqlite_store::impl::write_governance(const body& b, bool fresh) {
  const auto& r = b.rules;
  if (fresh && !r.suspend_after_missed && !r.proxies && !b.reporting) return;
  std::optional<std::string_view> to;
  std::optional<std::string> months, from;
  if (b.reporting) {
    to = b.reporting->to.str();
    months = months_text(b.reporting->months);
    if (b.reporting->from) from = to_string(*b.reporting->from);
  }
  run(statement(sql::update_body_governance), b.id, r.suspend_after_missed,
      r.proxies, to, months, from);
}

void sqlite_store::impl::write(const meeting& m, bool fresh) {
  run(statement(fresh ? sql::insert_meeting : sql::upsert_meeting), m.id,
      m.body, m.on, to_string(m.kind), m.extra);
  if (!fresh) run(statement(sql::delete_attendance), m.id);
  for (std::size_t i = 0; i < m.attendance.size(); ++i) {
    const auto& a = m.attendance[i];
    run(statement(sql::insert_attendance), m.id, i, a.person,
        to_string(a.status), a.by, a.extra);
  }
  if (!fresh) run(statement(sql::delete_votes), m.id);
  for (std::size_t i = 0; i < m.votes.size(); ++i) {
    const auto& v = m.votes[i];
    run(statement(sql::insert_vote), m.id, i, v.motion, v.yes, v.no, v.abstain,
        v.extra);
  }
}

void sqlite_store::impl::write(const invoice& inv, bool fresh) {
  run(statement(fresh ? sql::insert_invoice : sql::upsert_invoice), inv.id,
      inv.org, inv.foundation, inv.issued, inv.due, inv.amount.cents,
      inv.amount.currency, inv.extra);
  if (!fresh) run(statement(sql::delete_payments), inv.id);
  for (std::size_t i = 0; i < inv.payments.size(); ++i) {
    const auto& p = inv.payments[i];
    run(statement(sql::insert_payment), inv.id, i, p.on, p.amount.cents,
        p.amount.currency, p.extra);
  }
}

void sqlite_store::impl::write(const submitted_report& r, bool fresh) {
  run(statement(fresh ? sql::insert_report : sql::upsert_report), r.body,
      to_string(r.month), r.submitted, r.extra);
}

void sqlite_store::impl::write(const election& e, bool fresh) {
  run(statement(fresh ? sql::insert_election : sql::upsert_election), e.id,
      e.body, e.seat_class, e.seats, to_string(e.method), to_string(e.unranked),
      e.seated, e.term_end, e.eligibility, e.extra);
  if (!fresh) run(statement(sql::delete_candidates), e.id);
  for (std::size_t i = 0; i < e.candidates.size(); ++i)
    run(statement(sql::insert_candidate), e.id, i, e.candidates[i].person,
        e.candidates[i].org);
}

void sqlite_store::impl::writable() const {
  if (opts.read_only)
    throw storage_error(fmt::format("{} was opened read-only", name()));
}

// Runs `f` in the write transaction held by a lock, committing it (which
// releases the lock), or else in a transaction of its own. IMMEDIATE
// takes the write lock first, so two writers queue (up to the busy
// timeout) instead of one failing when it upgrades a read lock.
template <class F>
void sqlite_store::impl::write_transaction(F&& f) {
  writable();
  const auto before = total_changes();
  if (held) {
    try {
      f();
      held->commit();
    } catch (...) {
      held.reset();
      throw;
    }
    held.reset();
  } else {
    SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
    f();
    tx.commit();
  }
  last_changes = total_changes() - before;
}

// Deletes the rows of the record `key` names (its lists' rows too).
void sqlite_store::impl::erase(const record_key& key) {
  const auto each = [this](std::initializer_list<const char*> queries,
                           const auto& id) {
    for (const char* q : queries) run(statement(q), id);
  };
  std::visit(
      [&](const auto& k) {
        using key_type = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<key_type, org_id>) {
          each({sql::delete_aliases, sql::delete_domains, sql::delete_org}, k);
        } else if constexpr (std::is_same_v<key_type, person_id>) {
          each({sql::delete_emails, sql::delete_handles,
                sql::delete_affiliations, sql::delete_person},
               k);
        } else if constexpr (std::is_same_v<key_type, foundation_id>) {
          each({sql::delete_requirements, sql::delete_tiers,
                sql::delete_foundation},
               k);
        } else if constexpr (std::is_same_v<key_type, project_id>) {
          each({sql::delete_stewards, sql::delete_stages, sql::delete_project},
               k);
        } else if constexpr (std::is_same_v<key_type, body_id>) {
          each({sql::delete_classes, sql::delete_exclusions, sql::delete_body},
               k);
        } else if constexpr (std::is_same_v<key_type, membership_key>) {
          run(statement(sql::delete_membership), k.org, k.foundation, k.from);
        } else if constexpr (std::is_same_v<key_type, seat_key>) {
          run(statement(sql::delete_seat), k.body, k.seat_class, k.person,
              k.from);
        } else if constexpr (std::is_same_v<key_type, meeting_id>) {
          each({sql::delete_attendance, sql::delete_votes, sql::delete_meeting},
               k);
        } else if constexpr (std::is_same_v<key_type, invoice_id>) {
          each({sql::delete_payments, sql::delete_invoice}, k);
        } else if constexpr (std::is_same_v<key_type, report_key>) {
          run(statement(sql::delete_report), k.body, to_string(k.month));
        } else if constexpr (std::is_same_v<key_type, election_id>) {
          each({sql::delete_candidates, sql::delete_election}, k);
        } else {
          const auto* f = std::get_if<foundation_id>(&k.scope);
          const auto* p = std::get_if<project_id>(&k.scope);
          const auto* b = std::get_if<body_id>(&k.scope);
          run(statement(sql::delete_role), k.person, k.title, id_or_null(f),
              id_or_null(p), id_or_null(b), k.from);
        }
      },
      key);
}

std::int64_t sqlite_store::impl::save(const registry& reg,
                                      const change_set& changes,
                                      const audit_info& who,
                                      std::string_view summary) {
  std::int64_t entry = 0;
  write_transaction([&] {
    if (const auto current = newest_entry(); current != seen)
      throw conflict_error(
          fmt::format("{} was changed by another writer (audit entry {}, "
                      "this one has seen {}); reload and try again",
                      name(), current, seen));
    // Foreign keys are checked at the commit: the order does not matter.
    for (const auto& key : changes.removed) erase(key);
    for (const auto& key : changes.written) {
      std::visit(
          [&](const auto& k) {
            const auto* r = reg.find(k);
            if (!r)
              throw storage_error(
                  fmt::format("{}: {} is not in the registry saved", name(),
                              to_string(key)));
            write(*r);
          },
          key);
    }
    entry = write_audit(who, summary, detail::touched_ids(reg, changes));
    write_changes(entry, audit_changes(reg, changes));
  });
  seen = entry;
  return entry;
}

// Every record of `reg`, into tables that hold none.
void sqlite_store::impl::insert_records(const registry& reg) {
  for (const auto& r : reg.organizations()) write(r, true);
  for (const auto& r : reg.people()) write(r, true);
  for (const auto& r : reg.foundations()) write(r, true);
  for (const auto& r : reg.projects()) write(r, true);
  for (const auto& r : reg.bodies()) write(r, true);
  for (const auto& r : reg.memberships()) write(r, true);
  for (const auto& r : reg.seats()) write(r, true);
  for (const auto& r : reg.roles()) write(r, true);
  for (const auto& r : reg.meetings()) write(r, true);
  for (const auto& r : reg.invoices()) write(r, true);
  for (const auto& r : reg.reports()) write(r, true);
  for (const auto& r : reg.elections()) write(r, true);
}

// Sets the connection up for a bulk load of `records` records and back as
// it was: foreign keys off (checked by hand before the commit instead) and
// a page cache sized to the load. Pragmas that SQLite ignores inside a
// transaction: set before it begins.
struct sqlite_store::impl::bulk_mode {
  impl& owner;
  std::int64_t cache_size;
  bool unchecked = false;  // foreign keys are off
  bulk_mode(impl& o, std::size_t records)
      : owner(o), cache_size(o.pragma_int("cache_size")) {
    // KiB: one per 128 records, from SQLite's default 2 MiB to 16 MiB.
    // Measured importing 1.5M records (1M people): 16 MiB, 16.0 s and a
    // peak of 938 MiB; 256 MiB, 17.4 s and 1,183 MiB; 2 MiB, 17.5 s. At
    // 150,000 records 2 MiB rather than 16 saves a quarter of the peak.
    const auto kib = std::clamp<std::size_t>(records / 128, 2048, 16384);
    owner.db->exec(fmt::format("PRAGMA cache_size = -{}", kib));
    owner.db->exec("PRAGMA foreign_keys = OFF");
    unchecked = owner.pragma_int("foreign_keys") == 0;
  }
  bulk_mode(const bulk_mode&) = delete;
  bulk_mode& operator=(const bulk_mode&) = delete;
  ~bulk_mode() {
    // Cannot fail outside a transaction, which has ended by now.
    sqlite3_exec(owner.db->getHandle(), "PRAGMA foreign_keys = ON", nullptr,
                 nullptr, nullptr);
    const auto restore = fmt::format("PRAGMA cache_size = {}", cache_size);
    sqlite3_exec(owner.db->getHandle(), restore.c_str(), nullptr, nullptr,
                 nullptr);
  }
};

// What PRAGMA foreign_keys would have refused at the commit, as an error.
void sqlite_store::impl::check_foreign_keys() {
  SQLite::Statement q(*db, sql::foreign_key_check);
  for (const char* table : record_table_names) {
    q.tryReset();
    q.bind(1, table);
    if (q.executeStep())
      throw storage_error(fmt::format(
          "{}: foreign key: a row of {} (rowid {}) names a missing row of {}",
          name(), column_text(q.getColumn(0)),
          q.getColumn(1).isNull() ? std::string("?")
                                  : column_text(q.getColumn(1)),
          column_text(q.getColumn(2))));
  }
}

std::int64_t sqlite_store::impl::replace_all(const registry& reg,
                                             const audit_info& who,
                                             std::string_view summary,
                                             const registry* previous) {
  writable();
  std::int64_t entry = 0;
  std::optional<bulk_mode> bulk;
  // A lock's transaction is already open: there the foreign keys stay on
  // and the indexes in place.
  if (!held)
    bulk.emplace(*this, reg.organizations().size() + reg.people().size() +
                            reg.foundations().size() + reg.projects().size() +
                            reg.bodies().size() + reg.memberships().size() +
                            reg.seats().size() + reg.roles().size() +
                            reg.meetings().size() + reg.invoices().size() +
                            reg.reports().size() + reg.elections().size());
  write_transaction([&] {
    for (const char* table : record_table_names)
      db->exec(fmt::format("DELETE FROM {}", table));
    // Loading into tables without their secondary indexes and building
    // each index once afterwards is much cheaper than keeping them up to
    // date row by row. With foreign keys on, a row naming a record not
    // written yet would make SQLite search the referring tables on every
    // later insert, without these indexes: so only when they are off.
    std::vector<std::pair<std::string, std::string>> indexes;
    if (bulk && bulk->unchecked) {
      {
        SQLite::Statement q(*db, sql::record_indexes);
        while (q.executeStep())
          indexes.emplace_back(column_text(q.getColumn(0)),
                               column_text(q.getColumn(1)));
      }
      for (const auto& [index, create] : indexes)
        db->exec(fmt::format("DROP INDEX \"{}\"", index));
    }
    insert_records(reg);
    for (const auto& [index, create] : indexes) db->exec(create);
    if (bulk && bulk->unchecked) check_foreign_keys();
    entry = write_audit(who, summary, detail::all_ids(reg));
    if (previous)
      write_changes(entry,
                    {{audit_change::action::replaced, {}, to_json(*previous)}});
  });
  seen = entry;
  return entry;
}

}  // namespace charter
