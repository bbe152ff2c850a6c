// Loading a registry from SQLite: reading columns (row, cursor), the
// records of one kind with their child rows (record_query, record_reader),
// the kinds one after the other in pieces (record_stream), what is read of
// each kind (queries), and sqlite_store::impl::load().

#include <charter/store.hpp>

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text_hash.hpp"
#include "json/extra_text.hpp"
#include "store/sqlite/impl.hpp"
#include "store/sqlite/statements.hpp"

namespace charter {

using detail::prepared_statement;
using detail::step_failed;
namespace sql = detail::sql;

namespace {

// ---- reading columns
//
// Also through SQLite's own calls: SQLiteCpp's Column copies a shared
// pointer for every value read and its getString() a string.

// The current row of a SELECT.
class row {
 public:
  explicit row(sqlite3_stmt* s) : s_(s) {}

  bool null(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
  // Valid until the next step. NULL reads as "".
  std::string_view view(int i) const {
    const auto* p = sqlite3_column_text(s_, i);
    if (!p) return {};
    return {reinterpret_cast<const char*>(p),
            static_cast<std::size_t>(sqlite3_column_bytes(s_, i))};
  }
  std::string str(int i) const { return std::string(view(i)); }
  template <class Id>
  Id id(int i) const {
    return Id{view(i)};
  }
  template <class Id>
  std::optional<Id> opt_id(int i) const {
    if (null(i)) return std::nullopt;
    return Id{view(i)};
  }
  int integer(int i) const { return sqlite3_column_int(s_, i); }
  std::int64_t int64(int i) const { return sqlite3_column_int64(s_, i); }
  std::optional<int> opt_int(int i) const {
    if (null(i)) return std::nullopt;
    return integer(i);
  }
  std::optional<double> opt_double(int i) const {
    if (null(i)) return std::nullopt;
    return sqlite3_column_double(s_, i);
  }
  std::optional<bool> opt_bool(int i) const {
    if (null(i)) return std::nullopt;
    return integer(i) != 0;
  }
  date day(int i) const { return parse_date(view(i)); }
  std::optional<date> opt_day(int i) const {
    if (null(i)) return std::nullopt;
    return day(i);
  }
  period when(int from) const { return {day(from), opt_day(from + 1)}; }
  // The one place an `extra` column is read (bind_value binds one). Its
  // text is checked and rewritten in canonical form in one pass, without a
  // DOM: a row edited by hand may hold anything, and one written by an
  // earlier charter holds Boost.JSON's compact layout.
  // @throws parse_error for text that is not a JSON object.
  extra_fields extra(int i) const {
    if (null(i)) return {};
    return detail::parse_extra(view(i), extra_text_);
  }

 private:
  sqlite3_stmt* s_;
  mutable std::string extra_text_;  // keeps its room from row to row
};

// The rows of a query, stepped one at a time.
class cursor {
 public:
  cursor(sqlite3* db, const char* query) : q_(db, query, 0), row_(q_.get()) {
    step();
  }
  bool done() const noexcept { return done_; }
  const row& operator*() const noexcept { return row_; }
  void step() {
    const int rc = sqlite3_step(q_.get());
    if (rc == SQLITE_ROW) return;
    if (rc != SQLITE_DONE) step_failed(q_.get(), rc);
    done_ = true;
  }

 private:
  prepared_statement q_;
  row row_;
  bool done_ = false;
};

// Calls `f` with each row of `query`.
template <class F>
void each_row(sqlite3* db, const char* query, F&& f) {
  for (cursor c(db, query); !c.done(); c.step()) f(*c);
}

// Moves a record's child rows, gathered in `from` (which keeps its room
// for the next record), into `to` (empty) in one allocation of the right
// size: a million people's affiliations would otherwise be reallocated, and
// freed, as each row arrived.
template <class T>
void take_rows(std::vector<T>& to, std::vector<T>& from) {
  if (from.empty()) return;
  to.assign(std::make_move_iterator(from.begin()),
            std::make_move_iterator(from.end()));
  from.clear();
}
void take_children(organization& to, organization& from) {
  take_rows(to.aliases, from.aliases);
  take_rows(to.domains, from.domains);
}
void take_children(person& to, person& from) {
  take_rows(to.emails, from.emails);
  to.handles.merge(from.handles);  // moves the nodes
  take_rows(to.affiliations, from.affiliations);
}
void take_children(foundation& to, foundation& from) {
  take_rows(to.tiers, from.tiers);
}
void take_children(project& to, project& from) {
  take_rows(to.stewards, from.stewards);
  take_rows(to.stages, from.stages);
}
void take_children(body& to, body& from) {
  take_rows(to.seat_classes, from.seat_classes);
  take_rows(to.rules.exclusive_with, from.rules.exclusive_with);
}
void take_children(meeting& to, meeting& from) {
  take_rows(to.attendance, from.attendance);
  take_rows(to.votes, from.votes);
}
void take_children(invoice& to, invoice& from) {
  take_rows(to.payments, from.payments);
}
void take_children(election& to, election& from) {
  take_rows(to.candidates, from.candidates);
}

// How to read one kind of record: its rows, in the order written, and the
// rows of its child tables, each ordered by the record's id (their first
// column), then by position.
template <class Record>
struct record_query {
  using reader = void (*)(Record&, const row&);
  const char* rows;
  reader decode;  // sets the record's own fields, not its children's
  std::vector<std::pair<const char*, reader>> children = {};
};

// The records of one kind, one at a time in the order written, with their
// child rows attached. The child queries are walked alongside the records:
// when the records were written in id order (as an import writes them),
// each one's child rows are next in line. Child rows passed on the way to
// a later id wait in `early_` for their record, which comes out of order
// (as a record added after an import may); so memory grows only with the
// records out of order, and nothing is read twice.
template <class Record>
class record_reader {
 public:
  record_reader(sqlite3* db, const record_query<Record>& q)
      : query_(q), rows_(db, q.rows) {
    for (const auto& child : q.children)
      children_.push_back(std::make_unique<cursor>(db, child.first));
  }

  // The next record into `out`; false after the last.
  bool next(Record& out) {
    if (rows_.done()) {
      finish();
      return false;
    }
    out = Record{};
    if constexpr (has_children) {
      if (!early_.empty())
        if (auto it = early_.find((*rows_).view(0)); it != early_.end()) {
          out = std::move(it->second);
          early_.erase(it);
        }
    }
    query_.decode(out, *rows_);
    rows_.step();
    if constexpr (has_children) {
      attach_children(out);
      take_children(out, gathered_);
    }
    return true;
  }

 private:
  // The kinds with an id are those with child rows.
  static constexpr bool has_children = requires(Record r) { r.id; };

  void attach_children(Record& r) {
    const std::string_view id = r.id.str();
    for (std::size_t i = 0; i < children_.size(); ++i) {
      auto& c = *children_[i];
      const auto attach = query_.children[i].second;
      for (; !c.done(); c.step()) {
        const auto owner = (*c).view(0);
        if (owner > id) break;
        attach(owner == id ? gathered_ : early_[std::string(owner)], *c);
      }
    }
  }

  // After the last record: a child row left over names no record.
  void finish() {
    if constexpr (has_children) {
      for (auto& c : children_)
        if (!c->done()) orphan((**c).view(0));
      if (!early_.empty()) orphan(early_.begin()->first);
    }
  }
  [[noreturn]] static void orphan(std::string_view owner) {
    throw parse_error(
        fmt::format("a child row names '{}', which has no record", owner));
  }

  const record_query<Record>& query_;
  cursor rows_;
  std::vector<std::unique_ptr<cursor>> children_;
  std::unordered_map<std::string, Record, detail::text_hash, detail::text_equal>
      early_;
  Record gathered_;  // the child rows of the record being read
};

// The records handed to the registry at a time while loading.
constexpr std::size_t piece_size = 1 << 14;

// Reads the records of several kinds, one kind after the other, into
// pieces of a batch (a registry::batch_source).
template <class... Record>
class record_stream {
 public:
  record_stream(sqlite3* db, const record_query<Record>&... queries)
      : db_(db), queries_(&queries...) {}

  // Fills `piece` (empty) with the next records; false when none is left.
  bool operator()(batch& piece) {
    while (kind_ < sizeof...(Record) && piece.size() < piece_size)
      if (read_kind(piece, std::index_sequence_for<Record...>{})) ++kind_;
    return !piece.empty();
  }

 private:
  template <std::size_t... I>
  bool read_kind(batch& piece, std::index_sequence<I...>) {
    bool done = false;
    (void)((I == kind_ && (done = read_some(*std::get<I>(queries_),
                                            std::get<I>(readers_), piece),
                           true)) ||
           ...);
    return done;
  }
  // Moves records of one kind into `piece` until it is full; true once the
  // kind has no more.
  template <class R>
  bool read_some(const record_query<R>& query,
                 std::optional<record_reader<R>>& reader, batch& piece) {
    if (!reader) reader.emplace(db_, query);
    R r;
    while (piece.size() < piece_size) {
      if (!reader->next(r)) {
        reader.reset();  // its statements are done with
        return true;
      }
      piece.add(std::move(r));
    }
    return false;
  }

  sqlite3* db_;
  std::tuple<const record_query<Record>*...> queries_;
  std::tuple<std::optional<record_reader<Record>>...> readers_;
  std::size_t kind_ = 0;
};

// Columns of the governance records (schema 3) that are not a plain value.
namespace governance_rows {

year_month month(const row& r, int i) { return parse_year_month(r.view(i)); }

// reporting_to, reporting_months ("1,4,7,10"), reporting_from at i, i+1, i+2.
reporting_schedule schedule(const row& r, int i) {
  reporting_schedule out;
  out.to = r.id<body_id>(i);
  const std::string_view text = r.view(i + 1);
  int value = 0;
  bool digits = false;
  for (char c : text) {
    if (c >= '0' && c <= '9' && value < 1000) {
      value = value * 10 + (c - '0');
      digits = true;
    } else if (c == ',' && digits) {
      out.months.push_back(value);
      value = 0;
      digits = false;
    } else {
      throw parse_error(
          fmt::format("body reporting months '{}' are not a list", text));
    }
  }
  if (digits) out.months.push_back(value);
  if (!r.null(i + 2)) out.from = month(r, i + 2);
  return out;
}

}  // namespace governance_rows

// What load() reads, kind by kind.
namespace queries {

const record_query<organization> organizations{
    "SELECT id, name, kind, parent, extra FROM organizations ORDER BY rowid",
    [](organization& o, const row& r) {
      o.id = r.id<org_id>(0);
      o.name = r.str(1);
      auto kind = parse_org_kind(r.view(2));
      if (!kind)
        throw parse_error(
            fmt::format("organization '{}' has an unknown kind", o.id.str()));
      o.kind = *kind;
      o.parent = r.opt_id<org_id>(3);
      o.extra = r.extra(4);
    },
    {{"SELECT org, alias FROM organization_aliases ORDER BY org, position",
      [](organization& o, const row& r) { o.aliases.push_back(r.str(1)); }},
     {"SELECT org, domain FROM organization_domains ORDER BY org, position",
      [](organization& o, const row& r) { o.domains.push_back(r.str(1)); }}}};

const record_query<person> people{
    "SELECT id, name, extra FROM people ORDER BY rowid",
    [](person& p, const row& r) {
      p.id = r.id<person_id>(0);
      p.name = r.str(1);
      p.extra = r.extra(2);
    },
    {{"SELECT person, email FROM person_emails ORDER BY person, position",
      [](person& p, const row& r) { p.emails.push_back(r.str(1)); }},
     {"SELECT person, service, handle FROM person_handles ORDER BY person, "
      "service",
      [](person& p, const row& r) { p.handles.emplace(r.str(1), r.str(2)); }},
     {"SELECT person, org, date_from, date_to, title, extra FROM affiliations "
      "ORDER BY person, position",
      [](person& p, const row& r) {
        p.affiliations.push_back(
            {r.id<org_id>(1), r.when(2), r.str(4), r.extra(5)});
      }}}};

const record_query<foundation> foundations{
    "SELECT id, name, parent, founded, extra, dues, due_days, grace_days "
    "FROM foundations ORDER BY rowid",
    [](foundation& f, const row& r) {
      f.id = r.id<foundation_id>(0);
      f.name = r.str(1);
      f.parent = r.opt_id<foundation_id>(2);
      f.founded = r.opt_day(3);
      f.extra = r.extra(4);
      if (r.integer(5) != 0) f.dues = dues_policy{r.opt_int(6), r.opt_int(7)};
    },
    {{"SELECT foundation, id, name, rank, fee_cents, fee_currency, extra FROM "
      "tiers "
      "ORDER BY foundation, position",
      [](foundation& f, const row& r) {
        tier t;
        t.id = r.id<tier_id>(1);
        t.name = r.str(2);
        t.rank = r.integer(3);
        if (!r.null(4)) t.annual_fee = money{r.int64(4), r.str(5)};
        t.extra = r.extra(6);
        f.tiers.push_back(std::move(t));
      }},
     // After the tiers: a requirement goes into its tier.
     {"SELECT foundation, tier, required_foundation, min_tier FROM "
      "tier_requirements "
      "ORDER BY foundation, tier, position",
      [](foundation& f, const row& r) {
        const auto t = r.view(1);
        auto it = std::find_if(f.tiers.begin(), f.tiers.end(),
                               [&](const tier& x) { return x.id.str() == t; });
        if (it == f.tiers.end())
          throw parse_error(fmt::format(
              "a requirement names tier '{}', which has no record", t));
        it->requirements.push_back({r.id<foundation_id>(2), r.id<tier_id>(3)});
      }}}};

const record_query<project> projects{
    "SELECT id, name, founded, extra FROM projects ORDER BY rowid",
    [](project& p, const row& r) {
      p.id = r.id<project_id>(0);
      p.name = r.str(1);
      p.founded = r.opt_day(2);
      p.extra = r.extra(3);
    },
    {{"SELECT project, org, foundation, date_from, date_to, extra FROM "
      "stewards ORDER BY project, position",
      [](project& p, const row& r) {
        steward s;
        if (!r.null(1))
          s.who = r.id<org_id>(1);
        else
          s.who = r.id<foundation_id>(2);
        s.when = r.when(3);
        s.extra = r.extra(5);
        p.stewards.push_back(std::move(s));
      }},
     {"SELECT project, name, date_from, date_to, extra FROM stages ORDER BY "
      "project, position",
      [](project& p, const row& r) {
        p.stages.push_back({r.str(1), r.when(2), r.extra(4)});
      }}}};

const record_query<body> bodies{
    "SELECT id, name, kind, foundation, project, max_per_family, "
    "max_fraction_per_family, term_years, "
    "max_consecutive_terms, min_size, max_size, quorum, extra, "
    "suspend_after_missed, proxies, reporting_to, reporting_months, "
    "reporting_from FROM bodies ORDER BY rowid",
    [](body& b, const row& r) {
      b.id = r.id<body_id>(0);
      b.name = r.str(1);
      b.kind = r.str(2);
      if (!r.null(3))
        b.owner = r.id<foundation_id>(3);
      else
        b.owner = r.id<project_id>(4);
      b.rules.max_per_family = r.opt_int(5);
      b.rules.max_fraction_per_family = r.opt_double(6);
      b.rules.term_years = r.opt_int(7);
      b.rules.max_consecutive_terms = r.opt_int(8);
      b.rules.min_size = r.opt_int(9);
      b.rules.max_size = r.opt_int(10);
      b.rules.quorum = r.opt_double(11);
      b.extra = r.extra(12);
      b.rules.suspend_after_missed = r.opt_int(13);
      b.rules.proxies = r.integer(14) != 0;
      if (!r.null(15)) b.reporting = governance_rows::schedule(r, 15);
    },
    {{"SELECT body, id, mode, tier, per, min, max, round, count, role, voting, "
      "extra FROM seat_classes "
      "ORDER BY body, position",
      [](body& b, const row& r) {
        seat_class c;
        c.id = r.id<seat_class_id>(1);
        auto mode = parse_seat_mode(r.view(2));
        auto round = parse_rounding(r.view(7));
        if (!mode || !round)
          throw parse_error(fmt::format(
              "seat class '{}' has an unknown mode or rounding", c.id.str()));
        c.mode = *mode;
        c.tier = r.opt_id<tier_id>(3);
        c.per = r.integer(4);
        c.min = r.opt_int(5);
        c.max = r.opt_int(6);
        c.round = *round;
        c.count = r.integer(8);
        c.role = r.str(9);
        c.voting = r.opt_bool(10);
        c.extra = r.extra(11);
        b.seat_classes.push_back(std::move(c));
      }},
     {"SELECT body, other FROM body_exclusions ORDER BY body, position",
      [](body& b, const row& r) {
        b.rules.exclusive_with.push_back(r.id<body_id>(1));
      }}}};

const record_query<membership> memberships{
    "SELECT org, foundation, tier, date_from, date_to, founding, extra FROM "
    "memberships ORDER BY rowid",
    [](membership& m, const row& r) {
      m = {r.id<org_id>(0), r.id<foundation_id>(1), r.id<tier_id>(2),
           r.when(3),       r.integer(5) != 0,      r.extra(6)};
    }};

const record_query<seat> seats{
    "SELECT body, class, person, represents, office, voting, date_from, "
    "date_to, extra, alternate_for, appointed_by FROM seats ORDER BY rowid",
    [](seat& s, const row& r) {
      s.body = r.id<body_id>(0);
      s.seat_class = r.id<seat_class_id>(1);
      s.person = r.id<person_id>(2);
      s.represents = r.opt_id<org_id>(3);
      if (!r.null(4)) {
        auto o = parse_office(r.view(4));
        if (!o) throw parse_error("a seat has an unknown office");
        s.office = *o;
      }
      s.voting = r.opt_bool(5);
      s.when = r.when(6);
      s.extra = r.extra(8);
      s.alternate_for = r.opt_id<person_id>(9);
      if (!r.null(10)) {
        auto how = parse_appointment_kind(r.view(10));
        if (!how) throw parse_error("a seat has an unknown appointed_by");
        s.appointed_by = *how;
      }
    }};

const record_query<role> roles{
    "SELECT person, title, foundation, project, body, date_from, date_to, "
    "extra FROM roles ORDER BY rowid",
    [](role& x, const row& r) {
      x.person = r.id<person_id>(0);
      x.title = r.str(1);
      if (!r.null(2))
        x.scope = r.id<foundation_id>(2);
      else if (!r.null(3))
        x.scope = r.id<project_id>(3);
      else
        x.scope = r.id<body_id>(4);
      x.when = r.when(5);
      x.extra = r.extra(7);
    }};

// ---- Governance records (schema 3)

const record_query<meeting> meetings{
    "SELECT id, body, date, kind, extra FROM meetings ORDER BY rowid",
    [](meeting& m, const row& r) {
      m.id = r.id<meeting_id>(0);
      m.body = r.id<body_id>(1);
      m.on = r.day(2);
      auto kind = parse_meeting_kind(r.view(3));
      if (!kind)
        throw parse_error(
            fmt::format("meeting '{}' has an unknown kind", m.id.str()));
      m.kind = *kind;
      m.extra = r.extra(4);
    },
    {{"SELECT meeting, person, status, by, extra FROM meeting_attendance "
      "ORDER BY meeting, position",
      [](meeting& m, const row& r) {
        auto status = parse_attendance_status(r.view(2));
        if (!status)
          throw parse_error(fmt::format(
              "meeting '{}' has an unknown attendance status", m.id.str()));
        m.attendance.push_back(
            {r.id<person_id>(1), *status, r.opt_id<person_id>(3), r.extra(4)});
      }},
     {"SELECT meeting, motion, yes, no, abstain, extra FROM meeting_votes "
      "ORDER BY meeting, position",
      [](meeting& m, const row& r) {
        m.votes.push_back(
            {r.str(1), r.integer(2), r.integer(3), r.integer(4), r.extra(5)});
      }}}};

const record_query<invoice> invoices{
    "SELECT id, org, foundation, issued, due, amount_cents, currency, extra "
    "FROM invoices ORDER BY rowid",
    [](invoice& i, const row& r) {
      i.id = r.id<invoice_id>(0);
      i.org = r.id<org_id>(1);
      i.foundation = r.id<foundation_id>(2);
      i.issued = r.day(3);
      i.due = r.opt_day(4);
      i.amount = money{r.int64(5), r.str(6)};
      i.extra = r.extra(7);
    },
    {{"SELECT invoice, date, amount_cents, currency, extra FROM "
      "invoice_payments ORDER BY invoice, position",
      [](invoice& i, const row& r) {
        i.payments.push_back(
            {r.day(1), money{r.int64(2), r.str(3)}, r.extra(4)});
      }}}};

const record_query<submitted_report> reports{
    "SELECT body, month, submitted, extra FROM reports ORDER BY rowid",
    [](submitted_report& x, const row& r) {
      x.body = r.id<body_id>(0);
      x.month = governance_rows::month(r, 1);
      x.submitted = r.day(2);
      x.extra = r.extra(3);
    }};

const record_query<election> elections{
    "SELECT id, body, class, seats, method, unranked, seated, term_end, "
    "eligibility, extra FROM elections ORDER BY rowid",
    [](election& e, const row& r) {
      e.id = r.id<election_id>(0);
      e.body = r.id<body_id>(1);
      e.seat_class = r.id<seat_class_id>(2);
      e.seats = static_cast<std::size_t>(std::max<std::int64_t>(r.int64(3), 0));
      auto method = parse_count_method(r.view(4));
      auto unranked = parse_unranked_rule(r.view(5));
      if (!method || !unranked)
        throw parse_error(
            fmt::format("election '{}' has an unknown method or unranked rule",
                        e.id.str()));
      e.method = *method;
      e.unranked = *unranked;
      e.seated = r.day(6);
      e.term_end = r.opt_day(7);
      e.eligibility = r.str(8);
      e.extra = r.extra(9);
    },
    {{"SELECT election, person, org FROM election_candidates "
      "ORDER BY election, position",
      [](election& e, const row& r) {
        e.candidates.push_back({r.id<person_id>(1), r.opt_id<org_id>(2)});
      }}}};

}  // namespace queries

}  // namespace

// ---- loading

// How many records of each kind the database holds.
record_counts sqlite_store::impl::counts() const {
  sqlite3* h = db->getHandle();
  auto count = [h](const char* query) {
    std::size_t n = 0;
    each_row(h, query,
             [&](const row& r) { n = static_cast<std::size_t>(r.int64(0)); });
    return n;
  };
  return {count("SELECT count(*) FROM organizations"),
          count("SELECT count(*) FROM people"),
          count("SELECT count(*) FROM foundations"),
          count("SELECT count(*) FROM projects"),
          count("SELECT count(*) FROM bodies"),
          count("SELECT count(*) FROM memberships"),
          count("SELECT count(*) FROM seats"),
          count("SELECT count(*) FROM roles"),
          count("SELECT count(*) FROM meetings"),
          count("SELECT count(*) FROM invoices"),
          count("SELECT count(*) FROM reports"),

          count("SELECT count(*) FROM elections")};
}

registry sqlite_store::impl::load() {
  // A read transaction (or the write transaction held): every SELECT
  // below sees the same state.
  std::optional<SQLite::Transaction> tx;
  if (!held) tx.emplace(*db, SQLite::TransactionBehavior::DEFERRED);
  sqlite3* h = db->getHandle();
  std::int64_t version = 0;
  each_row(h, sql::last_audit, [&](const row& r) { version = r.int64(0); });

  // The records are read straight into the registry, a piece at a time,
  // into tables sized from the row counts: no kind's records are ever all
  // held outside it, and no table grows by steps.
  registry reg;
  reg.reserve(counts());
  record_stream<organization, person, foundation, project, body, membership,
                seat, role, meeting, invoice, submitted_report, election>
      records(h, queries::organizations, queries::people, queries::foundations,
              queries::projects, queries::bodies, queries::memberships,
              queries::seats, queries::roles, queries::meetings,
              queries::invoices, queries::reports, queries::elections);
  try {
    auto staged = reg.begin();
    batch piece;
    while (records(piece)) staged.run(std::move(piece));
    piece = batch{};  // the room of the last piece, freed before the check
    staged.commit();
  } catch (const validation_error& e) {
    throw storage_error(fmt::format(
        "{} holds records that do not fit together: {}", name(), e.what()));
  }
  if (tx) tx->commit();
  seen = version;
  return reg;
}

}  // namespace charter
