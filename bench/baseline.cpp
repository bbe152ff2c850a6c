#include "baseline.hpp"

#include <charter/extra_json.hpp>
#include <charter/model.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <numeric>
#include <stdexcept>
#include <tuple>

namespace charter::bench::baseline {

namespace json = boost::json;

// ============================================================== JSON parsing

namespace {

enum class key : std::uint8_t {
  other,
  id,
  to,
  org,
  per,
  min,
  max,
  name,
  kind,
  from,
  rank,
  tier,
  mode,
  role,
  body,
  title,
  tiers,
  round,
  count,
  rules,
  class_,
  seats,
  roles,
  extra,
  parent,
  emails,
  people,
  stages,
  amount,
  voting,
  office,
  person,
  stage,
  format,
  aliases,
  domains,
  handles,
  founded,
  project,
  version,
  bodies,
  requires_,
  min_tier,
  currency,
  founding,
  stewards,
  projects,
  min_size,
  max_size,
  quorum,
  foundation,
  annual_fee,
  memberships,
  term_years,
  foundations,
  affiliations,
  seat_classes,
  organizations,
  represents,
  exclusive_with,
  max_per_family,
  max_consecutive_terms,
  max_fraction_per_family
};

// A switch on the length, then a few comparisons: the keys of the format.
key key_of(std::string_view s) noexcept {
  auto is = [&s](std::string_view k) {
    return std::memcmp(s.data(), k.data(), k.size()) == 0;
  };
  switch (s.size()) {
    case 2:
      if (is("id")) return key::id;
      if (is("to")) return key::to;
      break;
    case 3:
      if (is("org")) return key::org;
      if (is("per")) return key::per;
      if (is("min")) return key::min;
      if (is("max")) return key::max;
      break;
    case 4:
      if (is("name")) return key::name;
      if (is("from")) return key::from;
      if (is("kind")) return key::kind;
      if (is("tier")) return key::tier;
      if (is("body")) return key::body;
      if (is("rank")) return key::rank;
      if (is("mode")) return key::mode;
      if (is("role")) return key::role;
      break;
    case 5:
      if (is("title")) return key::title;
      if (is("class")) return key::class_;
      if (is("tiers")) return key::tiers;
      if (is("round")) return key::round;
      if (is("count")) return key::count;
      if (is("rules")) return key::rules;
      if (is("seats")) return key::seats;
      if (is("roles")) return key::roles;
      if (is("extra")) return key::extra;
      if (is("stage")) return key::stage;
      break;
    case 6:
      if (is("person")) return key::person;
      if (is("parent")) return key::parent;
      if (is("emails")) return key::emails;
      if (is("people")) return key::people;
      if (is("stages")) return key::stages;
      if (is("amount")) return key::amount;
      if (is("voting")) return key::voting;
      if (is("office")) return key::office;
      if (is("format")) return key::format;
      if (is("bodies")) return key::bodies;
      if (is("quorum")) return key::quorum;
      break;
    case 7:
      if (is("domains")) return key::domains;
      if (is("aliases")) return key::aliases;
      if (is("handles")) return key::handles;
      if (is("founded")) return key::founded;
      if (is("project")) return key::project;
      if (is("version")) return key::version;
      break;
    case 8:
      if (is("founding")) return key::founding;
      if (is("requires")) return key::requires_;
      if (is("min_tier")) return key::min_tier;
      if (is("currency")) return key::currency;
      if (is("stewards")) return key::stewards;
      if (is("projects")) return key::projects;
      if (is("min_size")) return key::min_size;
      if (is("max_size")) return key::max_size;
      break;
    case 10:
      if (is("foundation")) return key::foundation;
      if (is("annual_fee")) return key::annual_fee;
      if (is("represents")) return key::represents;
      if (is("term_years")) return key::term_years;
      break;
    case 11:
      if (is("memberships")) return key::memberships;
      if (is("foundations")) return key::foundations;
      break;
    case 12:
      if (is("affiliations")) return key::affiliations;
      if (is("seat_classes")) return key::seat_classes;
      break;
    case 13:
      if (is("organizations")) return key::organizations;
      break;
    case 14:
      if (is("exclusive_with")) return key::exclusive_with;
      if (is("max_per_family")) return key::max_per_family;
      break;
    case 21:
      if (is("max_consecutive_terms")) return key::max_consecutive_terms;
      break;
    case 23:
      if (is("max_fraction_per_family")) return key::max_fraction_per_family;
      break;
    default:
      break;
  }
  return key::other;
}

// Where the parser is: what the innermost object or array holds.
enum class at : std::uint8_t {
  root,
  skip,
  organizations,
  organization,
  people,
  person,
  handles,
  affiliations,
  affiliation,
  foundations,
  foundation,
  tiers,
  tier,
  fee,
  requirements,
  requirement,
  projects,
  project,
  stewards,
  steward,
  stages,
  stage,
  memberships,
  membership,
  bodies,
  body,
  seat_classes,
  seat_class,
  rules,
  seats,
  seat,
  roles,
  role,
  strings
};

class handler {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  document doc;

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

  bool on_object_begin(json::error_code&) {
    if (stack_.empty()) {
      stack_.push_back(at::root);
      return true;
    }
    stack_.push_back(object_in(stack_.back()));
    return true;
  }
  bool on_object_end(std::size_t, json::error_code&) {
    stack_.pop_back();
    return true;
  }
  bool on_array_begin(json::error_code&) {
    stack_.push_back(array_in(stack_.back()));
    return true;
  }
  bool on_array_end(std::size_t, json::error_code&) {
    stack_.pop_back();
    return true;
  }

  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    part_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    std::string_view k = whole(s);
    key_ = key_of(k);
    if (stack_.back() == at::handles) handle_service_.assign(k);
    part_.clear();
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    part_.append(s.data(), s.size());
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    text(whole(s));
    part_.clear();
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    integer(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    integer(static_cast<std::int64_t>(u));
    return true;
  }
  bool on_double(double d, json::string_view, json::error_code&) {
    number(d);
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    boolean(b);
    return true;
  }
  bool on_null(json::error_code&) { return true; }

 private:
  std::vector<at> stack_;
  key key_ = key::other;
  std::string part_;
  std::string handle_service_;
  std::vector<std::string>* strings_ = nullptr;

  std::string_view whole(json::string_view s) {
    if (part_.empty()) return {s.data(), s.size()};
    part_.append(s.data(), s.size());
    return part_;
  }

  at object_in(at a) {
    switch (a) {
      case at::organizations:
        doc.organizations.emplace_back();
        return at::organization;
      case at::people:
        doc.people.emplace_back();
        return at::person;
      case at::affiliations:
        doc.people.back().affiliations.emplace_back();
        return at::affiliation;
      case at::foundations:
        doc.foundations.emplace_back();
        return at::foundation;
      case at::tiers:
        doc.foundations.back().tiers.emplace_back();
        return at::tier;
      case at::requirements:
        doc.foundations.back().tiers.back().requirements.emplace_back();
        return at::requirement;
      case at::projects:
        doc.projects.emplace_back();
        return at::project;
      case at::stewards:
        doc.projects.back().stewards.emplace_back();
        return at::steward;
      case at::stages:
        doc.projects.back().stages.emplace_back();
        return at::stage;
      case at::memberships:
        doc.memberships.emplace_back();
        return at::membership;
      case at::bodies:
        doc.bodies.emplace_back();
        return at::body;
      case at::seat_classes:
        doc.bodies.back().classes.emplace_back();
        return at::seat_class;
      case at::seats:
        doc.seats.emplace_back();
        return at::seat;
      case at::roles:
        doc.roles.emplace_back();
        return at::role;
      case at::person:
        if (key_ == key::handles) return at::handles;
        return at::skip;
      case at::tier:
        if (key_ == key::annual_fee) return at::fee;
        return at::skip;
      case at::body:
        if (key_ == key::rules) return at::rules;
        return at::skip;
      default:
        return at::skip;
    }
  }

  at array_in(at a) {
    switch (a) {
      case at::root:
        switch (key_) {
          case key::organizations:
            return at::organizations;
          case key::people:
            return at::people;
          case key::foundations:
            return at::foundations;
          case key::projects:
            return at::projects;
          case key::memberships:
            return at::memberships;
          case key::bodies:
            return at::bodies;
          case key::seats:
            return at::seats;
          case key::roles:
            return at::roles;
          default:
            return at::skip;
        }
      case at::organization:
        if (key_ == key::aliases) return list(doc.organizations.back().aliases);
        if (key_ == key::domains) return list(doc.organizations.back().domains);
        return at::skip;
      case at::person:
        if (key_ == key::emails) return list(doc.people.back().emails);
        if (key_ == key::affiliations) return at::affiliations;
        return at::skip;
      case at::foundation:
        return key_ == key::tiers ? at::tiers : at::skip;
      case at::tier:
        return key_ == key::requires_ ? at::requirements : at::skip;
      case at::project:
        if (key_ == key::stewards) return at::stewards;
        if (key_ == key::stages) return at::stages;
        return at::skip;
      case at::body:
        return key_ == key::seat_classes ? at::seat_classes : at::skip;
      case at::rules:
        if (key_ == key::exclusive_with)
          return list(doc.bodies.back().exclusive_with);
        return at::skip;
      default:
        return at::skip;
    }
  }

  at list(std::vector<std::string>& v) {
    strings_ = &v;
    return at::strings;
  }

  void text(std::string_view v) {
    switch (stack_.back()) {
      case at::strings:
        strings_->emplace_back(v);
        break;
      case at::organization: {
        auto& r = doc.organizations.back();
        switch (key_) {
          case key::id:
            r.id.assign(v);
            break;
          case key::name:
            r.name.assign(v);
            break;
          case key::kind:
            r.kind.assign(v);
            break;
          case key::parent:
            r.parent.assign(v);
            break;
          default:
            break;
        }
        break;
      }
      case at::person: {
        auto& r = doc.people.back();
        if (key_ == key::id)
          r.id.assign(v);
        else if (key_ == key::name)
          r.name.assign(v);
        break;
      }
      case at::handles:
        doc.people.back().handles.emplace_back(handle_service_, v);
        break;
      case at::affiliation: {
        auto& r = doc.people.back().affiliations.back();
        switch (key_) {
          case key::org:
            r.org.assign(v);
            break;
          case key::from:
            r.from.assign(v);
            break;
          case key::to:
            r.to.assign(v);
            break;
          case key::title:
            r.title.assign(v);
            break;
          default:
            break;
        }
        break;
      }
      case at::foundation: {
        auto& r = doc.foundations.back();
        switch (key_) {
          case key::id:
            r.id.assign(v);
            break;
          case key::name:
            r.name.assign(v);
            break;
          case key::parent:
            r.parent.assign(v);
            break;
          case key::founded:
            r.founded.assign(v);
            break;
          default:
            break;
        }
        break;
      }
      case at::tier: {
        auto& r = doc.foundations.back().tiers.back();
        if (key_ == key::id)
          r.id.assign(v);
        else if (key_ == key::name)
          r.name.assign(v);
        break;
      }
      case at::fee:
        if (key_ == key::currency)
          doc.foundations.back().tiers.back().fee_currency.assign(v);
        break;
      case at::requirement: {
        auto& r = doc.foundations.back().tiers.back().requirements.back();
        if (key_ == key::foundation)
          r.foundation.assign(v);
        else if (key_ == key::min_tier)
          r.min_tier.assign(v);
        break;
      }
      case at::project: {
        auto& r = doc.projects.back();
        if (key_ == key::id)
          r.id.assign(v);
        else if (key_ == key::name)
          r.name.assign(v);
        else if (key_ == key::founded)
          r.founded.assign(v);
        break;
      }
      case at::steward: {
        auto& r = doc.projects.back().stewards.back();
        switch (key_) {
          case key::org:
            r.org.assign(v);
            break;
          case key::foundation:
            r.foundation.assign(v);
            break;
          case key::from:
            r.from.assign(v);
            break;
          case key::to:
            r.to.assign(v);
            break;
          default:
            break;
        }
        break;
      }
      case at::stage: {
        auto& r = doc.projects.back().stages.back();
        switch (key_) {
          case key::stage:
            r.name.assign(v);
            break;
          case key::from:
            r.from.assign(v);
            break;
          case key::to:
            r.to.assign(v);
            break;
          default:
            break;
        }
        break;
      }
      case at::membership: {
        auto& r = doc.memberships.back();
        switch (key_) {
          case key::org:
            r.org.assign(v);
            break;
          case key::foundation:
            r.foundation.assign(v);
            break;
          case key::tier:
            r.tier.assign(v);
            break;
          case key::from:
            r.from.assign(v);
            break;
          case key::to:
            r.to.assign(v);
            break;
          default:
            break;
        }
        break;
      }
      case at::body: {
        auto& r = doc.bodies.back();
        switch (key_) {
          case key::id:
            r.id.assign(v);
            break;
          case key::name:
            r.name.assign(v);
            break;
          case key::kind:
            r.kind.assign(v);
            break;
          case key::foundation:
            r.foundation.assign(v);
            break;
          case key::project:
            r.project.assign(v);
            break;
          default:
            break;
        }
        break;
      }
      case at::seat_class: {
        auto& r = doc.bodies.back().classes.back();
        switch (key_) {
          case key::id:
            r.id.assign(v);
            break;
          case key::mode:
            r.mode.assign(v);
            break;
          case key::tier:
            r.tier.assign(v);
            break;
          case key::round:
            r.round.assign(v);
            break;
          case key::role:
            r.role.assign(v);
            break;
          default:
            break;
        }
        break;
      }
      case at::seat: {
        auto& r = doc.seats.back();
        switch (key_) {
          case key::body:
            r.body.assign(v);
            break;
          case key::class_:
            r.seat_class.assign(v);
            break;
          case key::person:
            r.person.assign(v);
            break;
          case key::represents:
            r.represents.assign(v);
            break;
          case key::office:
            r.office.assign(v);
            break;
          case key::from:
            r.from.assign(v);
            break;
          case key::to:
            r.to.assign(v);
            break;
          default:
            break;
        }
        break;
      }
      case at::role: {
        auto& r = doc.roles.back();
        switch (key_) {
          case key::person:
            r.person.assign(v);
            break;
          case key::title:
            r.title.assign(v);
            break;
          case key::foundation:
            r.foundation.assign(v);
            break;
          case key::project:
            r.project.assign(v);
            break;
          case key::body:
            r.body.assign(v);
            break;
          case key::from:
            r.from.assign(v);
            break;
          case key::to:
            r.to.assign(v);
            break;
          default:
            break;
        }
        break;
      }
      default:
        break;
    }
  }

  void integer(std::int64_t i) {
    switch (stack_.back()) {
      case at::tier:
        if (key_ == key::rank) doc.foundations.back().tiers.back().rank = i;
        break;
      case at::fee:
        if (key_ == key::amount)
          doc.foundations.back().tiers.back().fee_cents = i * 100;
        break;
      case at::seat_class: {
        auto& r = doc.bodies.back().classes.back();
        switch (key_) {
          case key::per:
            r.per = i;
            break;
          case key::min:
            r.min = i;
            break;
          case key::max:
            r.max = i;
            break;
          case key::count:
            r.count = i;
            break;
          default:
            break;
        }
        break;
      }
      case at::rules: {
        auto& r = doc.bodies.back();
        switch (key_) {
          case key::max_per_family:
            r.max_per_family = i;
            break;
          case key::term_years:
            r.term_years = i;
            break;
          case key::max_consecutive_terms:
            r.max_consecutive_terms = i;
            break;
          case key::min_size:
            r.min_size = i;
            break;
          case key::max_size:
            r.max_size = i;
            break;
          case key::max_fraction_per_family:
            r.max_fraction_per_family = static_cast<double>(i);
            break;
          case key::quorum:
            r.quorum = static_cast<double>(i);
            break;
          default:
            break;
        }
        break;
      }
      default:
        break;
    }
  }

  void number(double d) {
    if (stack_.back() == at::fee && key_ == key::amount) {
      doc.foundations.back().tiers.back().fee_cents = std::llround(d * 100);
    } else if (stack_.back() == at::rules) {
      if (key_ == key::max_fraction_per_family)
        doc.bodies.back().max_fraction_per_family = d;
      else if (key_ == key::quorum)
        doc.bodies.back().quorum = d;
    }
  }

  void boolean(bool b) {
    switch (stack_.back()) {
      case at::membership:
        if (key_ == key::founding) doc.memberships.back().founding = b;
        break;
      case at::seat_class:
        if (key_ == key::voting) doc.bodies.back().classes.back().voting = b;
        break;
      case at::seat:
        if (key_ == key::voting) doc.seats.back().voting = b;
        break;
      default:
        break;
    }
  }
};

}  // namespace

document parse(std::string_view text) {
  json::basic_parser<handler> parser(json::parse_options{});
  json::error_code ec;
  const auto consumed = parser.write_some(false, text.data(), text.size(), ec);
  if (ec || consumed != text.size())
    throw std::runtime_error(
        fmt::format("baseline parse: {} at byte {}", ec.message(), consumed));
  return std::move(parser.handler().doc);
}

// ============================================================== SQLite rows

namespace {

// Binds without copying: the strings outlive the step.
class stmt {
 public:
  stmt(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_,
                           nullptr) != SQLITE_OK)
      throw std::runtime_error(
          fmt::format("prepare: {}: {}", sqlite3_errmsg(db), sql));
  }
  stmt(const stmt&) = delete;
  stmt& operator=(const stmt&) = delete;
  ~stmt() { sqlite3_finalize(s_); }

  stmt& text(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()),
                      SQLITE_STATIC);
    return *this;
  }
  // An empty string is a NULL.
  stmt& opt(int i, std::string_view v) {
    if (v.empty())
      sqlite3_bind_null(s_, i);
    else
      text(i, v);
    return *this;
  }
  stmt& integer(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  template <class T>
  stmt& opt_num(int i, const std::optional<T>& v) {
    if (!v)
      sqlite3_bind_null(s_, i);
    else if constexpr (std::is_floating_point_v<T>)
      sqlite3_bind_double(s_, i, *v);
    else
      sqlite3_bind_int64(s_, i, static_cast<std::int64_t>(*v));
    return *this;
  }
  stmt& null(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  void run() {
    const int rc = sqlite3_step(s_);
    sqlite3_reset(s_);
    if (rc != SQLITE_DONE)
      throw std::runtime_error(
          fmt::format("insert: {}", sqlite3_errmsg(sqlite3_db_handle(s_))));
    ++rows;
  }

  // Reading
  bool step() {
    const int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE)
      throw std::runtime_error(
          fmt::format("select: {}", sqlite3_errmsg(sqlite3_db_handle(s_))));
    return false;
  }
  std::string str(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string(
                   p, static_cast<std::size_t>(sqlite3_column_bytes(s_, i)))
             : std::string();
  }
  std::string_view view(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string_view(
                   p, static_cast<std::size_t>(sqlite3_column_bytes(s_, i)))
             : std::string_view();
  }
  bool null_at(int i) const {
    return sqlite3_column_type(s_, i) == SQLITE_NULL;
  }
  std::int64_t i64(int i) const { return sqlite3_column_int64(s_, i); }
  std::optional<std::int64_t> opt_i64(int i) const {
    if (null_at(i)) return std::nullopt;
    return i64(i);
  }
  std::optional<double> opt_double(int i) const {
    if (null_at(i)) return std::nullopt;
    return sqlite3_column_double(s_, i);
  }
  std::optional<bool> opt_bool(int i) const {
    if (null_at(i)) return std::nullopt;
    return i64(i) != 0;
  }

  std::int64_t rows = 0;

 private:
  sqlite3_stmt* s_ = nullptr;
};

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string why = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error(fmt::format("{}: {}", why, sql));
  }
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t)
      .count();
}

std::string utc_now() {
  const auto now = std::chrono::floor<std::chrono::seconds>(
      std::chrono::system_clock::now());
  const auto d = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::hh_mm_ss clock{now - d};
  const std::chrono::year_month_day ymd{d};
  return fmt::format(
      "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
      clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

}  // namespace

insert_times insert(const document& doc, const std::filesystem::path& db_file) {
  SQLite::Database connection(db_file.string(),
                              SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
  sqlite3* db = connection.getHandle();
  exec(db, "PRAGMA journal_mode = WAL");
  exec(db, "PRAGMA synchronous = NORMAL");
  exec(db, "PRAGMA foreign_keys = ON");
  insert_times times;

  // The secondary indexes of the schema, to create after the load.
  std::vector<std::pair<std::string, std::string>> indexes;
  {
    stmt q(db,
           "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql "
           "IS NOT NULL");
    while (q.step()) indexes.emplace_back(q.str(0), q.str(1));
  }
  for (const auto& [name, sql] : indexes)
    exec(db, fmt::format("DROP INDEX {}", name));

  auto start = std::chrono::steady_clock::now();
  exec(db, "BEGIN IMMEDIATE");
  std::int64_t rows = 0;
  {
    stmt org(db,
             "INSERT INTO organizations (id, name, kind, parent, extra) VALUES "
             "(?1, ?2, ?3, ?4, NULL)");
    stmt alias(db,
               "INSERT INTO organization_aliases (org, position, alias) VALUES "
               "(?1, ?2, ?3)");
    stmt domain(db,
                "INSERT INTO organization_domains (org, position, domain) "
                "VALUES (?1, ?2, ?3)");
    for (const auto& o : doc.organizations) {
      org.text(1, o.id)
          .text(2, o.name)
          .text(3, o.kind.empty() ? "company" : o.kind)
          .opt(4, o.parent)
          .run();
      for (std::size_t i = 0; i < o.aliases.size(); ++i)
        alias.text(1, o.id)
            .integer(2, static_cast<std::int64_t>(i))
            .text(3, o.aliases[i])
            .run();
      for (std::size_t i = 0; i < o.domains.size(); ++i)
        domain.text(1, o.id)
            .integer(2, static_cast<std::int64_t>(i))
            .text(3, o.domains[i])
            .run();
    }
    rows += org.rows + alias.rows + domain.rows;

    stmt person(db,
                "INSERT INTO people (id, name, extra) VALUES (?1, ?2, NULL)");
    stmt email(db,
               "INSERT INTO person_emails (person, position, email) VALUES "
               "(?1, ?2, ?3)");
    stmt handle(db,
                "INSERT INTO person_handles (person, service, handle) VALUES "
                "(?1, ?2, ?3)");
    stmt tie(db,
             "INSERT INTO affiliations (person, position, org, date_from, "
             "date_to, title, extra)"
             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)");
    for (const auto& p : doc.people) {
      person.text(1, p.id).text(2, p.name).run();
      for (std::size_t i = 0; i < p.emails.size(); ++i)
        email.text(1, p.id)
            .integer(2, static_cast<std::int64_t>(i))
            .text(3, p.emails[i])
            .run();
      for (const auto& [service, h] : p.handles)
        handle.text(1, p.id).text(2, service).text(3, h).run();
      for (std::size_t i = 0; i < p.affiliations.size(); ++i) {
        const auto& a = p.affiliations[i];
        tie.text(1, p.id)
            .integer(2, static_cast<std::int64_t>(i))
            .text(3, a.org)
            .text(4, a.from)
            .opt(5, a.to)
            .text(6, a.title)
            .run();
      }
    }
    rows += person.rows + email.rows + handle.rows + tie.rows;

    stmt foundation(db,
                    "INSERT INTO foundations (id, name, parent, founded, "
                    "extra) VALUES (?1, ?2, ?3, ?4, NULL)");
    stmt tier(db,
              "INSERT INTO tiers (foundation, id, position, name, rank, "
              "fee_cents, fee_currency, extra)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)");
    stmt requirement(db,
                     "INSERT INTO tier_requirements (foundation, tier, "
                     "position, required_foundation, min_tier)"
                     " VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const auto& f : doc.foundations) {
      foundation.text(1, f.id)
          .text(2, f.name)
          .opt(3, f.parent)
          .opt(4, f.founded)
          .run();
      for (std::size_t i = 0; i < f.tiers.size(); ++i) {
        const auto& t = f.tiers[i];
        tier.text(1, f.id)
            .text(2, t.id)
            .integer(3, static_cast<std::int64_t>(i))
            .text(4, t.name)
            .integer(5, t.rank)
            .opt_num(6, t.fee_cents)
            .opt(7, t.fee_cents ? std::string_view(t.fee_currency) : "")
            .run();
      }
      for (const auto& t : f.tiers)
        for (std::size_t j = 0; j < t.requirements.size(); ++j)
          requirement.text(1, f.id)
              .text(2, t.id)
              .integer(3, static_cast<std::int64_t>(j))
              .text(4, t.requirements[j].foundation)
              .text(5, t.requirements[j].min_tier)
              .run();
    }
    rows += foundation.rows + tier.rows + requirement.rows;

    stmt project(db,
                 "INSERT INTO projects (id, name, founded, extra) VALUES (?1, "
                 "?2, ?3, NULL)");
    stmt steward(db,
                 "INSERT INTO stewards (project, position, org, foundation, "
                 "date_from, date_to, extra)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)");
    stmt stage(db,
               "INSERT INTO stages (project, position, name, date_from, "
               "date_to, extra)"
               " VALUES (?1, ?2, ?3, ?4, ?5, NULL)");
    for (const auto& p : doc.projects) {
      project.text(1, p.id).text(2, p.name).opt(3, p.founded).run();
      for (std::size_t i = 0; i < p.stewards.size(); ++i) {
        const auto& s = p.stewards[i];
        steward.text(1, p.id)
            .integer(2, static_cast<std::int64_t>(i))
            .opt(3, s.org)
            .opt(4, s.foundation)
            .text(5, s.from)
            .opt(6, s.to)
            .run();
      }
      for (std::size_t i = 0; i < p.stages.size(); ++i) {
        const auto& s = p.stages[i];
        stage.text(1, p.id)
            .integer(2, static_cast<std::int64_t>(i))
            .text(3, s.name)
            .text(4, s.from)
            .opt(5, s.to)
            .run();
      }
    }
    rows += project.rows + steward.rows + stage.rows;

    stmt body(
        db,
        "INSERT INTO bodies (id, name, kind, foundation, project, "
        "max_per_family,"
        " max_fraction_per_family, term_years, max_consecutive_terms, min_size,"
        " max_size, quorum, extra)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL)");
    stmt cls(
        db,
        "INSERT INTO seat_classes (body, id, position, mode, tier, per, min, "
        "max,"
        " round, count, role, voting, extra)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL)");
    stmt exclusion(db,
                   "INSERT INTO body_exclusions (body, position, other) VALUES "
                   "(?1, ?2, ?3)");
    for (const auto& b : doc.bodies) {
      body.text(1, b.id)
          .text(2, b.name)
          .text(3, b.kind)
          .opt(4, b.foundation)
          .opt(5, b.project)
          .opt_num(6, b.max_per_family)
          .opt_num(7, b.max_fraction_per_family)
          .opt_num(8, b.term_years)
          .opt_num(9, b.max_consecutive_terms)
          .opt_num(10, b.min_size)
          .opt_num(11, b.max_size)
          .opt_num(12, b.quorum)
          .run();
      for (std::size_t i = 0; i < b.classes.size(); ++i) {
        const auto& c = b.classes[i];
        cls.text(1, b.id)
            .text(2, c.id)
            .integer(3, static_cast<std::int64_t>(i))
            .text(4, c.mode)
            .opt(5, c.tier)
            .integer(6, c.per)
            .opt_num(7, c.min)
            .opt_num(8, c.max)
            .text(9, c.round)
            .integer(10, c.count)
            .text(11, c.role)
            .opt_num(12, c.voting)
            .run();
      }
      for (std::size_t i = 0; i < b.exclusive_with.size(); ++i)
        exclusion.text(1, b.id)
            .integer(2, static_cast<std::int64_t>(i))
            .text(3, b.exclusive_with[i])
            .run();
    }
    rows += body.rows + cls.rows + exclusion.rows;

    stmt membership(db,
                    "INSERT INTO memberships (org, foundation, tier, "
                    "date_from, date_to, founding, extra)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)");
    for (const auto& m : doc.memberships)
      membership.text(1, m.org)
          .text(2, m.foundation)
          .text(3, m.tier)
          .text(4, m.from)
          .opt(5, m.to)
          .integer(6, m.founding)
          .run();
    rows += membership.rows;

    stmt seat(db,
              "INSERT INTO seats (body, class, person, date_from, date_to, "
              "represents,"
              " office, voting, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
              "NULL)");
    for (const auto& s : doc.seats)
      seat.text(1, s.body)
          .text(2, s.seat_class)
          .text(3, s.person)
          .text(4, s.from)
          .opt(5, s.to)
          .opt(6, s.represents)
          .opt(7, s.office)
          .opt_num(8, s.voting)
          .run();
    rows += seat.rows;

    stmt role(db,
              "INSERT INTO roles (person, title, foundation, project, body, "
              "date_from, date_to, extra)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)");
    for (const auto& r : doc.roles)
      role.text(1, r.person)
          .text(2, r.title)
          .opt(3, r.foundation)
          .opt(4, r.project)
          .opt(5, r.body)
          .text(6, r.from)
          .opt(7, r.to)
          .run();
    rows += role.rows;

    // The audit entry of an import names every record with an id, sorted.
    stmt audit(db,
               "INSERT INTO audit_log (time, actor, summary, reason) VALUES "
               "(?1, ?2, ?3, NULL)");
    const std::string now = utc_now();
    audit.text(1, now).text(2, "bench").text(3, "import").run();
    const auto entry = sqlite3_last_insert_rowid(db);
    std::vector<std::string_view> ids;
    ids.reserve(doc.organizations.size() + doc.people.size() +
                doc.foundations.size() + doc.projects.size() +
                doc.bodies.size());
    for (const auto& r : doc.organizations) ids.emplace_back(r.id);
    for (const auto& r : doc.people) ids.emplace_back(r.id);
    for (const auto& r : doc.foundations) ids.emplace_back(r.id);
    for (const auto& r : doc.projects) ids.emplace_back(r.id);
    for (const auto& r : doc.bodies) ids.emplace_back(r.id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    stmt audit_id(db, "INSERT INTO audit_ids (entry, id) VALUES (?1, ?2)");
    for (auto id : ids) audit_id.integer(1, entry).text(2, id).run();
    rows += audit.rows + audit_id.rows;
  }
  times.rows = seconds_since(start);
  start = std::chrono::steady_clock::now();
  for (const auto& [name, sql] : indexes) exec(db, sql);
  exec(db, "COMMIT");
  times.indexes = seconds_since(start);
  times.row_count = rows;
  return times;
}

std::int64_t table_rows::row_count() const {
  return static_cast<std::int64_t>(
      meta.size() + organizations.size() + aliases.size() + domains.size() +
      emails.size() + handles.size() + people.size() + projects.size() +
      affiliations.size() + foundations.size() + tiers.size() +
      requirements.size() + stewards.size() + stages.size() +
      memberships.size() + bodies.size() + seat_classes.size() +
      exclusions.size() + seats.size() + roles.size());
}

table_rows select_all(const std::filesystem::path& db_file) {
  SQLite::Database connection(db_file.string(),
                              SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
  sqlite3* db = connection.getHandle();
  table_rows t;
  exec(db, "BEGIN");
  {
    stmt q(db, "SELECT key, value FROM meta");
    while (q.step()) t.meta.emplace_back(q.str(0), q.str(1));
  }
  {
    stmt q(db, "SELECT id, name, kind, parent, extra FROM organizations");
    while (q.step())
      t.organizations.push_back(
          {q.str(0), q.str(1), q.str(2), q.str(3), q.str(4)});
  }
  auto listed = [&](const char* sql, std::vector<table_rows::listed>& out) {
    stmt q(db, sql);
    while (q.step()) out.push_back({q.str(0), q.i64(1), q.str(2)});
  };
  listed("SELECT org, position, alias FROM organization_aliases", t.aliases);
  listed("SELECT org, position, domain FROM organization_domains", t.domains);
  listed("SELECT person, position, email FROM person_emails", t.emails);
  {
    stmt q(db, "SELECT person, service, handle FROM person_handles");
    while (q.step()) t.handles.push_back({q.str(0), q.str(1), q.str(2)});
  }
  {
    stmt q(db, "SELECT id, name, extra FROM people");
    while (q.step()) t.people.push_back({q.str(0), q.str(1), {}, q.str(2)});
  }
  {
    stmt q(db,
           "SELECT person, position, org, title, extra, date_from, date_to "
           "FROM affiliations");
    while (q.step())
      t.affiliations.push_back({q.str(0), q.i64(1), q.str(2), q.str(3),
                                q.str(4), q.str(5), q.str(6)});
  }
  {
    stmt q(db, "SELECT id, name, parent, founded, extra FROM foundations");
    while (q.step())
      t.foundations.push_back(
          {q.str(0), q.str(1), q.str(2), q.str(3), q.str(4)});
  }
  {
    stmt q(db,
           "SELECT foundation, id, position, name, rank, fee_cents, "
           "fee_currency, extra FROM tiers");
    while (q.step())
      t.tiers.push_back({q.str(0), q.str(1), q.i64(2), q.str(3), q.i64(4),
                         q.opt_i64(5), q.str(6), q.str(7)});
  }
  {
    stmt q(db,
           "SELECT foundation, tier, position, required_foundation, min_tier "
           "FROM tier_requirements");
    while (q.step())
      t.requirements.push_back(
          {q.str(0), q.str(1), q.i64(2), q.str(3), q.str(4)});
  }
  {
    stmt q(db, "SELECT id, name, founded, extra FROM projects");
    while (q.step())
      t.projects.push_back({q.str(0), q.str(1), q.str(2), q.str(3)});
  }
  {
    stmt q(db,
           "SELECT project, position, org, foundation, extra, date_from, "
           "date_to FROM stewards");
    while (q.step())
      t.stewards.push_back({q.str(0), q.i64(1), q.str(2), q.str(3), q.str(4),
                            q.str(5), q.str(6)});
  }
  {
    stmt q(db,
           "SELECT project, position, name, extra, date_from, date_to FROM "
           "stages");
    while (q.step())
      t.stages.push_back(
          {q.str(0), q.i64(1), q.str(2), q.str(3), q.str(4), q.str(5)});
  }
  {
    stmt q(db,
           "SELECT org, foundation, tier, founding, extra, date_from, date_to "
           "FROM memberships");
    while (q.step())
      t.memberships.push_back({q.str(0), q.str(1), q.str(2), q.i64(3) != 0,
                               q.str(4), q.str(5), q.str(6)});
  }
  {
    stmt q(db,
           "SELECT id, name, kind, foundation, project, max_per_family, "
           "max_fraction_per_family,"
           " term_years, max_consecutive_terms, min_size, max_size, quorum, "
           "extra FROM bodies");
    while (q.step())
      t.bodies.push_back({q.str(0), q.str(1), q.str(2), q.str(3), q.str(4),
                          q.opt_i64(5), q.opt_double(6), q.opt_i64(7),
                          q.opt_i64(8), q.opt_i64(9), q.opt_i64(10),
                          q.opt_double(11), q.str(12)});
  }
  {
    stmt q(db,
           "SELECT body, id, position, mode, tier, per, min, max, round, "
           "count, role, voting, extra"
           " FROM seat_classes");
    while (q.step())
      t.seat_classes.push_back({q.str(0), q.str(1), q.i64(2), q.str(3),
                                q.str(4), q.i64(5), q.opt_i64(6), q.opt_i64(7),
                                q.str(8), q.i64(9), q.str(10), q.opt_bool(11),
                                q.str(12)});
  }
  {
    stmt q(db, "SELECT body, position, other FROM body_exclusions");
    while (q.step()) t.exclusions.push_back({q.str(0), q.i64(1), q.str(2)});
  }
  {
    stmt q(db,
           "SELECT body, class, person, represents, office, voting, extra, "
           "date_from, date_to FROM seats");
    while (q.step())
      t.seats.push_back({q.str(0), q.str(1), q.str(2), q.str(3), q.str(4),
                         q.opt_bool(5), q.str(6), q.str(7), q.str(8)});
  }
  {
    stmt q(db,
           "SELECT person, title, foundation, project, body, extra, date_from, "
           "date_to FROM roles");
    while (q.step())
      t.roles.push_back({q.str(0), q.str(1), q.str(2), q.str(3), q.str(4),
                         q.str(5), q.str(6), q.str(7)});
  }
  exec(db, "COMMIT");
  return t;
}

// ============================================================== export DOM

namespace {

json::string_view sv(const std::string& s) { return {s.data(), s.size()}; }

void put_when(json::object& o, const period& p) {
  o.emplace("from", to_string(p.from));
  if (p.to) o.emplace("to", to_string(*p.to));
}

json::value amount(std::int64_t cents) {
  if (cents % 100 == 0) return cents / 100;
  return static_cast<double>(cents) / 100.0;
}

template <class Record, class Less, class Make>
json::array sorted(std::span<const Record> records, Less less, Make make) {
  std::vector<const Record*> order;
  order.reserve(records.size());
  for (const auto& r : records) order.push_back(&r);
  std::sort(order.begin(), order.end(),
            [&](const Record* a, const Record* b) { return less(*a, *b); });
  json::array out;
  out.reserve(order.size());
  for (const Record* r : order) out.push_back(make(*r));
  return out;
}

constexpr auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };

}  // namespace

json::value dom_of(const registry& reg) {
  json::object doc;
  doc.emplace("format", "charter-registry");
  doc.emplace("version", 1);
  doc.emplace(
      "organizations",
      sorted(reg.organizations(), by_id, [](const organization& r) {
        json::object o;
        o.emplace("id", sv(r.id.str()));
        o.emplace("name", sv(r.name));
        o.emplace("kind", to_string(r.kind));
        if (r.parent) o.emplace("parent", sv(r.parent->str()));
        if (!r.aliases.empty())
          o.emplace("aliases", json::array(r.aliases.begin(), r.aliases.end()));
        if (!r.domains.empty())
          o.emplace("domains", json::array(r.domains.begin(), r.domains.end()));
        if (!r.extra.empty()) o.emplace("extra", charter::to_object(r.extra));
        return o;
      }));
  doc.emplace("people", sorted(reg.people(), by_id, [](const person& r) {
                json::object o;
                o.emplace("id", sv(r.id.str()));
                o.emplace("name", sv(r.name));
                if (!r.emails.empty())
                  o.emplace("emails",
                            json::array(r.emails.begin(), r.emails.end()));
                if (!r.handles.empty()) {
                  json::object h;
                  for (const auto& [k, v] : r.handles) h.emplace(k, sv(v));
                  o.emplace("handles", std::move(h));
                }
                if (!r.affiliations.empty()) {
                  json::array ties;
                  for (const auto& a : r.affiliations) {
                    json::object t;
                    t.emplace("org", sv(a.org.str()));
                    put_when(t, a.when);
                    if (!a.title.empty()) t.emplace("title", sv(a.title));
                    if (!a.extra.empty())
                      t.emplace("extra", charter::to_object(a.extra));
                    ties.push_back(std::move(t));
                  }
                  o.emplace("affiliations", std::move(ties));
                }
                if (!r.extra.empty())
                  o.emplace("extra", charter::to_object(r.extra));
                return o;
              }));
  doc.emplace(
      "foundations", sorted(reg.foundations(), by_id, [](const foundation& r) {
        json::object o;
        o.emplace("id", sv(r.id.str()));
        o.emplace("name", sv(r.name));
        if (r.parent) o.emplace("parent", sv(r.parent->str()));
        if (r.founded) o.emplace("founded", to_string(*r.founded));
        if (!r.tiers.empty()) {
          json::array tiers;
          for (const auto& t : r.tiers) {
            json::object x;
            x.emplace("id", sv(t.id.str()));
            x.emplace("name", sv(t.name));
            x.emplace("rank", t.rank);
            if (t.annual_fee)
              x.emplace("annual_fee",
                        json::object{{"amount", amount(t.annual_fee->cents)},
                                     {"currency", sv(t.annual_fee->currency)}});
            if (!t.requirements.empty()) {
              json::array reqs;
              for (const auto& q : t.requirements)
                reqs.push_back(
                    json::object{{"foundation", sv(q.foundation.str())},
                                 {"min_tier", sv(q.min_tier.str())}});
              x.emplace("requires", std::move(reqs));
            }
            if (!t.extra.empty())
              x.emplace("extra", charter::to_object(t.extra));
            tiers.push_back(std::move(x));
          }
          o.emplace("tiers", std::move(tiers));
        }
        if (!r.extra.empty()) o.emplace("extra", charter::to_object(r.extra));
        return o;
      }));
  doc.emplace("projects", sorted(reg.projects(), by_id, [](const project& r) {
                json::object o;
                o.emplace("id", sv(r.id.str()));
                o.emplace("name", sv(r.name));
                if (r.founded) o.emplace("founded", to_string(*r.founded));
                if (!r.stewards.empty()) {
                  json::array a;
                  for (const auto& s : r.stewards) {
                    json::object x;
                    x.emplace(std::holds_alternative<org_id>(s.who)
                                  ? "org"
                                  : "foundation",
                              sv(str(s.who)));
                    put_when(x, s.when);
                    if (!s.extra.empty())
                      x.emplace("extra", charter::to_object(s.extra));
                    a.push_back(std::move(x));
                  }
                  o.emplace("stewards", std::move(a));
                }
                if (!r.stages.empty()) {
                  json::array a;
                  for (const auto& s : r.stages) {
                    json::object x;
                    x.emplace("stage", sv(s.name));
                    put_when(x, s.when);
                    if (!s.extra.empty())
                      x.emplace("extra", charter::to_object(s.extra));
                    a.push_back(std::move(x));
                  }
                  o.emplace("stages", std::move(a));
                }
                if (!r.extra.empty())
                  o.emplace("extra", charter::to_object(r.extra));
                return o;
              }));
  doc.emplace("memberships",
              sorted(
                  reg.memberships(),
                  [](const membership& a, const membership& b) {
                    return std::tie(a.org, a.foundation, a.when.from) <
                           std::tie(b.org, b.foundation, b.when.from);
                  },
                  [](const membership& r) {
                    json::object o;
                    o.emplace("org", sv(r.org.str()));
                    o.emplace("foundation", sv(r.foundation.str()));
                    o.emplace("tier", sv(r.tier.str()));
                    put_when(o, r.when);
                    if (r.founding) o.emplace("founding", true);
                    if (!r.extra.empty())
                      o.emplace("extra", charter::to_object(r.extra));
                    return o;
                  }));
  doc.emplace(
      "bodies", sorted(reg.bodies(), by_id, [](const body& r) {
        json::object o;
        o.emplace("id", sv(r.id.str()));
        o.emplace("name", sv(r.name));
        o.emplace("kind", sv(r.kind));
        o.emplace(std::holds_alternative<foundation_id>(r.owner) ? "foundation"
                                                                 : "project",
                  sv(str(r.owner)));
        if (!r.seat_classes.empty()) {
          json::array a;
          for (const auto& c : r.seat_classes) {
            json::object x;
            x.emplace("id", sv(c.id.str()));
            x.emplace("mode", to_string(c.mode));
            switch (c.mode) {
              case seat_mode::per_member:
                if (c.tier) x.emplace("tier", sv(c.tier->str()));
                break;
              case seat_mode::elected:
                if (c.tier) x.emplace("tier", sv(c.tier->str()));
                x.emplace("per", c.per);
                if (c.min) x.emplace("min", *c.min);
                if (c.max) x.emplace("max", *c.max);
                if (c.round != rounding::up)
                  x.emplace("round", to_string(c.round));
                break;
              case seat_mode::fixed:
                x.emplace("count", c.count);
                break;
              case seat_mode::ex_officio:
                x.emplace("role", sv(c.role));
                break;
            }
            if (c.voting) x.emplace("voting", *c.voting);
            if (!c.extra.empty())
              x.emplace("extra", charter::to_object(c.extra));
            a.push_back(std::move(x));
          }
          o.emplace("seat_classes", std::move(a));
        }
        const auto& ru = r.rules;
        if (ru != body_rules{}) {
          json::object x;
          if (ru.max_per_family)
            x.emplace("max_per_family", *ru.max_per_family);
          if (ru.max_fraction_per_family)
            x.emplace("max_fraction_per_family", *ru.max_fraction_per_family);
          if (ru.term_years) x.emplace("term_years", *ru.term_years);
          if (ru.max_consecutive_terms)
            x.emplace("max_consecutive_terms", *ru.max_consecutive_terms);
          if (ru.min_size) x.emplace("min_size", *ru.min_size);
          if (ru.max_size) x.emplace("max_size", *ru.max_size);
          if (ru.quorum) x.emplace("quorum", *ru.quorum);
          if (!ru.exclusive_with.empty()) {
            json::array a;
            for (const auto& b : ru.exclusive_with) a.push_back(sv(b.str()));
            x.emplace("exclusive_with", std::move(a));
          }
          o.emplace("rules", std::move(x));
        }
        if (!r.extra.empty()) o.emplace("extra", charter::to_object(r.extra));
        return o;
      }));
  doc.emplace("seats", sorted(
                           reg.seats(),
                           [](const seat& a, const seat& b) {
                             return std::tie(a.body, a.seat_class, a.person,
                                             a.when.from) <
                                    std::tie(b.body, b.seat_class, b.person,
                                             b.when.from);
                           },
                           [](const seat& r) {
                             json::object o;
                             o.emplace("body", sv(r.body.str()));
                             o.emplace("class", sv(r.seat_class.str()));
                             o.emplace("person", sv(r.person.str()));
                             if (r.represents)
                               o.emplace("represents", sv(r.represents->str()));
                             if (r.office)
                               o.emplace("office", to_string(*r.office));
                             if (r.voting) o.emplace("voting", *r.voting);
                             put_when(o, r.when);
                             if (!r.extra.empty())
                               o.emplace("extra", charter::to_object(r.extra));
                             return o;
                           }));
  doc.emplace(
      "roles",
      sorted(
          reg.roles(),
          [](const role& a, const role& b) {
            const auto ai = a.scope.index(), bi = b.scope.index();
            return std::tie(a.person, a.title, str(a.scope), ai, a.when.from) <
                   std::tie(b.person, b.title, str(b.scope), bi, b.when.from);
          },
          [](const role& r) {
            static constexpr const char* keys[] = {"foundation", "project",
                                                   "body"};
            json::object o;
            o.emplace("person", sv(r.person.str()));
            o.emplace("title", sv(r.title));
            o.emplace(keys[r.scope.index()], sv(str(r.scope)));
            put_when(o, r.when);
            if (!r.extra.empty())
              o.emplace("extra", charter::to_object(r.extra));
            return o;
          }));
  return doc;
}

// ============================================================== compact
// structs

std::uint32_t interner::intern(std::string_view s) {
  if (auto it = numbers_.find(s); it != numbers_.end()) return it->second;
  if (used_ + s.size() > capacity_) {
    capacity_ = std::max<std::size_t>(1 << 20, s.size());
    blocks_.push_back(std::make_unique<char[]>(capacity_));
    used_ = 0;
  }
  char* at = blocks_.back().get() + used_;
  std::memcpy(at, s.data(), s.size());
  used_ += s.size();
  const std::string_view kept(at, s.size());
  const auto n = static_cast<std::uint32_t>(views_.size());
  views_.push_back(kept);
  numbers_.emplace(kept, n);
  return n;
}

std::uint32_t interner::find(std::string_view s) const {
  auto it = numbers_.find(s);
  return it == numbers_.end() ? none : it->second;
}

day to_day(std::string_view iso) {
  if (iso.size() != 10) return open_end;
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (iso[i] - '0');
    return v;
  };
  const std::chrono::year_month_day ymd{
      std::chrono::year{num(0, 4)},
      std::chrono::month{static_cast<unsigned>(num(5, 2))},
      std::chrono::day{static_cast<unsigned>(num(8, 2))}};
  return static_cast<day>(
      std::chrono::sys_days{ymd}.time_since_epoch().count());
}

namespace {

// Counting sort of row numbers by an owner number: `at` gets the offsets.
template <class Owner>
std::vector<std::uint32_t> offsets_by(std::size_t owners, std::size_t rows,
                                      Owner owner) {
  std::vector<std::uint32_t> at(owners + 1, 0);
  for (std::size_t i = 0; i < rows; ++i) ++at[owner(i) + 1];
  std::partial_sum(at.begin(), at.end(), at.begin());
  return at;
}

}  // namespace

compact load_compact(const std::filesystem::path& db_file) {
  SQLite::Database connection(db_file.string(),
                              SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
  sqlite3* db = connection.getHandle();
  compact c;
  exec(db, "BEGIN");
  {
    stmt q(db,
           "SELECT id, name, kind, parent FROM organizations ORDER BY rowid");
    std::vector<std::string> parents;
    while (q.step()) {
      c.org_ids.intern(q.view(0));
      c.org_name.push_back(c.text.intern(q.view(1)));
      c.org_kind.push_back(static_cast<std::uint8_t>(
          parse_org_kind(q.view(2)).value_or(org_kind::other)));
      parents.emplace_back(q.view(3));
    }
    c.org_parent.reserve(parents.size());
    for (const auto& p : parents)
      c.org_parent.push_back(p.empty() ? interner::none : c.org_ids.find(p));
  }
  {
    stmt q(
        db,
        "SELECT org, alias FROM organization_aliases ORDER BY org, position");
    while (q.step())
      c.org_aliases.emplace_back(c.org_ids.find(q.view(0)),
                                 c.text.intern(q.view(1)));
  }
  {
    stmt q(
        db,
        "SELECT org, domain FROM organization_domains ORDER BY org, position");
    while (q.step())
      c.org_domains.emplace_back(c.org_ids.find(q.view(0)),
                                 c.text.intern(q.view(1)));
  }
  {
    stmt q(db, "SELECT id, name FROM people ORDER BY rowid");
    while (q.step()) {
      c.person_ids.intern(q.view(0));
      c.person_name.push_back(c.text.intern(q.view(1)));
    }
  }
  {
    stmt q(db,
           "SELECT person, email FROM person_emails ORDER BY person, position");
    while (q.step())
      c.person_emails.emplace_back(c.person_ids.find(q.view(0)),
                                   c.text.intern(q.view(1)));
  }
  {
    stmt q(db, "SELECT person, service, handle FROM person_handles");
    while (q.step())
      c.person_handles.emplace_back(c.person_ids.find(q.view(0)),
                                    c.text.intern(q.view(1)),
                                    c.text.intern(q.view(2)));
  }
  {
    // Rows come in insertion order, by person; sorted to be sure.
    stmt q(db,
           "SELECT person, org, date_from, date_to, title FROM affiliations");
    std::vector<std::pair<period_row, std::uint32_t>> rows;
    while (q.step())
      rows.push_back(
          {{c.person_ids.find(q.view(0)), c.org_ids.find(q.view(1)),
            to_day(q.view(2)), q.null_at(3) ? open_end : to_day(q.view(3))},
           c.text.intern(q.view(4))});
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) {
                       return a.first.subject < b.first.subject;
                     });
    c.affiliations.reserve(rows.size());
    c.affiliation_title.reserve(rows.size());
    for (const auto& [r, t] : rows) {
      c.affiliations.push_back(r);
      c.affiliation_title.push_back(t);
    }
    c.affiliations_at =
        offsets_by(c.person_ids.size(), c.affiliations.size(),
                   [&](std::size_t i) { return c.affiliations[i].subject; });
  }
  {
    stmt q(db,
           "SELECT id, name, parent, founded FROM foundations ORDER BY rowid");
    std::vector<std::string> parents;
    while (q.step()) {
      c.foundation_ids.intern(q.view(0));
      c.foundations.push_back({c.text.intern(q.view(1)),
                               interner::none,
                               q.null_at(3) ? open_end : to_day(q.view(3)),
                               {}});
      parents.emplace_back(q.view(2));
    }
    for (std::size_t i = 0; i < parents.size(); ++i)
      if (!parents[i].empty())
        c.foundations[i].parent = c.foundation_ids.find(parents[i]);
  }
  {
    stmt q(db,
           "SELECT foundation, id, name, rank, fee_cents FROM tiers ORDER BY "
           "foundation, position");
    while (q.step())
      c.foundations[c.foundation_ids.find(q.view(0))].tiers.push_back(
          {c.text.intern(q.view(1)),
           c.text.intern(q.view(2)),
           static_cast<std::int32_t>(q.i64(3)),
           q.null_at(4) ? -1 : q.i64(4),
           {}});
  }
  {
    stmt q(db,
           "SELECT foundation, tier, required_foundation, min_tier FROM "
           "tier_requirements"
           " ORDER BY foundation, tier, position");
    while (q.step()) {
      auto& f = c.foundations[c.foundation_ids.find(q.view(0))];
      const auto t = c.text.find(q.view(1));
      for (auto& x : f.tiers)
        if (x.id == t)
          x.requirements.emplace_back(c.foundation_ids.find(q.view(2)),
                                      c.text.intern(q.view(3)));
    }
  }
  {
    stmt q(db, "SELECT id, name, founded FROM projects ORDER BY rowid");
    while (q.step()) {
      c.project_ids.intern(q.view(0));
      c.projects.push_back({c.text.intern(q.view(1)),
                            q.null_at(2) ? open_end : to_day(q.view(2)),
                            {},
                            {}});
    }
  }
  {
    stmt q(db,
           "SELECT project, org, foundation, date_from, date_to FROM stewards "
           "ORDER BY project, position");
    while (q.step()) {
      const bool org = !q.null_at(1);
      c.projects[c.project_ids.find(q.view(0))].stewards.push_back(
          {org ? c.org_ids.find(q.view(1)) : c.foundation_ids.find(q.view(2)),
           org ? 0u : 1u, to_day(q.view(3)),
           q.null_at(4) ? open_end : to_day(q.view(4))});
    }
  }
  {
    stmt q(db,
           "SELECT project, name, date_from, date_to FROM stages ORDER BY "
           "project, position");
    while (q.step())
      c.projects[c.project_ids.find(q.view(0))].stages.push_back(
          {c.text.intern(q.view(1)),
           {0, 0, to_day(q.view(2)),
            q.null_at(3) ? open_end : to_day(q.view(3))}});
  }
  {
    stmt q(db,
           "SELECT org, foundation, tier, founding, date_from, date_to FROM "
           "memberships");
    struct row {
      period_row p;
      bool founding;
    };
    std::vector<row> rows;
    while (q.step()) {
      const auto f = c.foundation_ids.find(q.view(1));
      const auto tier = c.text.find(q.view(2));
      std::uint32_t t = 0;
      const auto& tiers = c.foundations[f].tiers;
      while (t < tiers.size() && tiers[t].id != tier) ++t;
      rows.push_back({{c.org_ids.find(q.view(0)), f << 8 | t, to_day(q.view(4)),
                       q.null_at(5) ? open_end : to_day(q.view(5))},
                      q.i64(3) != 0});
    }
    std::sort(rows.begin(), rows.end(), [](const row& a, const row& b) {
      return std::tie(a.p.subject, a.p.object, a.p.from) <
             std::tie(b.p.subject, b.p.object, b.p.from);
    });
    c.memberships.reserve(rows.size());
    c.membership_founding.reserve(rows.size());
    for (const auto& r : rows) {
      c.memberships.push_back(r.p);
      c.membership_founding.push_back(r.founding);
    }
    c.memberships_at =
        offsets_by(c.org_ids.size(), c.memberships.size(),
                   [&](std::size_t i) { return c.memberships[i].subject; });
    c.foundation_rows_at =
        offsets_by(c.foundations.size(), c.memberships.size(),
                   [&](std::size_t i) { return c.memberships[i].object >> 8; });
    c.foundation_rows.resize(c.memberships.size());
    auto next = c.foundation_rows_at;
    for (std::size_t i = 0; i < c.memberships.size(); ++i)
      c.foundation_rows[next[c.memberships[i].object >> 8]++] =
          static_cast<std::uint32_t>(i);
  }
  {
    stmt q(db,
           "SELECT id, name, kind, foundation, project, max_per_family, "
           "max_fraction_per_family,"
           " term_years, max_consecutive_terms, min_size, max_size, quorum "
           "FROM bodies ORDER BY rowid");
    while (q.step()) {
      c.body_ids.intern(q.view(0));
      compact::body b{};
      b.name = c.text.intern(q.view(1));
      b.kind = c.text.intern(q.view(2));
      b.of_project = q.null_at(3);
      b.owner = b.of_project ? c.project_ids.find(q.view(4))
                             : c.foundation_ids.find(q.view(3));
      const int columns[] = {5, 7, 8, 9, 10};
      for (int i = 0; i < 5; ++i)
        b.rules[i] = q.null_at(columns[i])
                         ? -1
                         : static_cast<std::int32_t>(q.i64(columns[i]));
      b.rules[5] = -1;
      b.fraction = q.opt_double(6).value_or(-1);
      b.quorum = q.opt_double(11).value_or(-1);
      c.bodies.push_back(std::move(b));
    }
  }
  {
    stmt q(db,
           "SELECT body, id, mode, tier, per, min, max, round, count, role, "
           "voting FROM seat_classes"
           " ORDER BY body, position");
    while (q.step()) {
      compact::seat_class k{};
      k.id = c.text.intern(q.view(1));
      k.mode = static_cast<std::uint8_t>(
          parse_seat_mode(q.view(2)).value_or(seat_mode::fixed));
      k.tier = q.null_at(3) ? interner::none : c.text.intern(q.view(3));
      k.per = static_cast<std::int32_t>(q.i64(4));
      k.min = q.null_at(5) ? -1 : static_cast<std::int32_t>(q.i64(5));
      k.max = q.null_at(6) ? -1 : static_cast<std::int32_t>(q.i64(6));
      k.round_down = q.view(7) == "down";
      k.count = static_cast<std::int32_t>(q.i64(8));
      k.role = c.text.intern(q.view(9));
      k.voting = q.null_at(10) ? -1 : static_cast<std::int8_t>(q.i64(10));
      c.bodies[c.body_ids.find(q.view(0))].classes.push_back(k);
    }
  }
  {
    stmt q(db,
           "SELECT body, other FROM body_exclusions ORDER BY body, position");
    while (q.step())
      c.bodies[c.body_ids.find(q.view(0))].exclusive_with.push_back(
          c.body_ids.find(q.view(1)));
  }
  {
    stmt q(db,
           "SELECT body, class, person, represents, office, voting, date_from, "
           "date_to FROM seats");
    struct row {
      period_row p;
      std::uint32_t represents;
      std::uint8_t flags;
    };
    std::vector<row> rows;
    while (q.step()) {
      const auto b = c.body_ids.find(q.view(0));
      const auto cls = c.text.find(q.view(1));
      std::uint32_t k = 0;
      const auto& classes = c.bodies[b].classes;
      while (k < classes.size() && classes[k].id != cls) ++k;
      std::uint8_t flags = 0;
      if (!q.null_at(4))
        flags = static_cast<std::uint8_t>(*parse_office(q.view(4))) + 1;
      if (!q.null_at(5))
        flags |= static_cast<std::uint8_t>((q.i64(5) ? 2 : 1) << 4);
      rows.push_back(
          {{c.person_ids.find(q.view(2)), b << 8 | k, to_day(q.view(6)),
            q.null_at(7) ? open_end : to_day(q.view(7))},
           q.null_at(3) ? interner::none : c.org_ids.find(q.view(3)),
           flags});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const row& a, const row& b) {
      return a.p.object < b.p.object;
    });
    for (const auto& r : rows) {
      c.seats.push_back(r.p);
      c.seat_represents.push_back(r.represents);
      c.seat_flags.push_back(r.flags);
    }
    c.seats_at =
        offsets_by(c.bodies.size(), c.seats.size(),
                   [&](std::size_t i) { return c.seats[i].object >> 8; });
  }
  {
    stmt q(db,
           "SELECT person, title, foundation, project, body, date_from, "
           "date_to FROM roles");
    struct row {
      period_row p;
      std::uint32_t scope;
    };
    std::vector<row> rows;
    while (q.step()) {
      std::uint32_t scope;
      if (!q.null_at(2))
        scope = c.foundation_ids.find(q.view(2));
      else if (!q.null_at(3))
        scope = 1u << 30 | c.project_ids.find(q.view(3));
      else
        scope = 2u << 30 | c.body_ids.find(q.view(4));
      rows.push_back(
          {{c.person_ids.find(q.view(0)), c.text.intern(q.view(1)),
            to_day(q.view(5)), q.null_at(6) ? open_end : to_day(q.view(6))},
           scope});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const row& a, const row& b) {
      return a.scope < b.scope;
    });
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i == 0 || rows[i].scope != rows[i - 1].scope)
        c.roles_at.emplace_back(rows[i].scope, static_cast<std::uint32_t>(i));
      c.roles.push_back(rows[i].p);
      c.role_scope.push_back(rows[i].scope);
    }
  }
  exec(db, "COMMIT");
  return c;
}

// ---- the queries on compact structs

void compact::affiliations_of(std::uint32_t person, day on,
                              std::vector<const period_row*>& out) const {
  out.clear();
  for (auto i = affiliations_at[person]; i < affiliations_at[person + 1]; ++i)
    if (affiliations[i].contains(on)) out.push_back(&affiliations[i]);
}

const period_row* compact::membership_of(std::uint32_t org, std::uint32_t f,
                                         day on) const {
  for (auto i = memberships_at[org]; i < memberships_at[org + 1]; ++i)
    if (memberships[i].object >> 8 == f && memberships[i].contains(on))
      return &memberships[i];
  return nullptr;
}

void compact::members(
    std::uint32_t f, day on,
    std::vector<std::vector<const period_row*>>& by_tier) const {
  const auto& tiers = foundations[f].tiers;
  by_tier.resize(tiers.size());
  for (auto& g : by_tier) g.clear();
  for (auto i = foundation_rows_at[f]; i < foundation_rows_at[f + 1]; ++i) {
    const auto& m = memberships[foundation_rows[i]];
    if (m.contains(on)) by_tier[m.object & 0xFF].push_back(&m);
  }
  // Rows are sorted by organization number, and organizations were
  // numbered in id order as loaded: already sorted by id. Tiers are stored
  // in rank order.
}

void compact::seats_and_entitlements(
    std::uint32_t b, day on, std::vector<const period_row*>& out,
    std::vector<std::pair<int, int>>& owed_filled) const {
  out.clear();
  const auto& bd = bodies[b];
  owed_filled.assign(bd.classes.size(), {0, 0});
  for (auto i = seats_at[b]; i < seats_at[b + 1]; ++i)
    if (seats[i].contains(on)) {
      out.push_back(&seats[i]);
      ++owed_filled[seats[i].object & 0xFF].second;
    }
  std::sort(out.begin(), out.end(),
            [](const period_row* x, const period_row* y) {
              return std::tie(x->object, x->subject) <
                     std::tie(y->object, y->subject);
            });
  // The foundation whose members count: the owner, or the project's steward.
  std::uint32_t home = interner::none;
  if (!bd.of_project)
    home = bd.owner;
  else
    for (const auto& s : projects[bd.owner].stewards)
      if (s.contains(on) && s.object == 1) home = s.subject;
  const std::uint32_t scope = (bd.of_project ? 1u << 30 : 0u) | bd.owner;
  for (std::size_t k = 0; k < bd.classes.size(); ++k) {
    const auto& c = bd.classes[k];
    int owed = 0;
    switch (static_cast<seat_mode>(c.mode)) {
      case seat_mode::per_member:
      case seat_mode::elected: {
        if (home == interner::none) break;
        const auto& tiers = foundations[home].tiers;
        std::uint32_t t = 0;
        while (t < tiers.size() && tiers[t].id != c.tier) ++t;
        int n = 0;
        for (auto i = foundation_rows_at[home];
             i < foundation_rows_at[home + 1]; ++i) {
          const auto& m = memberships[foundation_rows[i]];
          if ((m.object & 0xFF) == t && m.contains(on)) ++n;
        }
        if (static_cast<seat_mode>(c.mode) == seat_mode::per_member) {
          owed = n;
        } else if (n > 0) {
          const int per = std::max(1, c.per);
          owed = c.round_down ? n / per : (n + per - 1) / per;
          if (c.min >= 0) owed = std::max(owed, c.min);
          if (c.max >= 0) owed = std::min(owed, c.max);
        }
        break;
      }
      case seat_mode::fixed:
        owed = c.count;
        break;
      case seat_mode::ex_officio: {
        auto it = std::lower_bound(roles_at.begin(), roles_at.end(),
                                   std::pair{scope, 0u});
        if (it == roles_at.end() || it->first != scope) break;
        const auto end = std::next(it) == roles_at.end()
                             ? roles.size()
                             : std::next(it)->second;
        for (auto i = it->second; i < end; ++i)
          if (roles[i].object == c.role && roles[i].contains(on)) ++owed;
        break;
      }
    }
    owed_filled[k].first = owed;
  }
}

std::uint32_t compact::family(std::uint32_t org) const {
  while (org_parent[org] != interner::none) org = org_parent[org];
  return org;
}

}  // namespace charter::bench::baseline
