// Writing the canonical layout of a document: the writer (escaping, dates,
// numbers, and `extra` as it came), one `write` per kind of record, and the
// order of the collections (that of the records in each is in
// json/order.cpp).
#include "json/writer.hpp"

#include <charter/date.hpp>
#include <charter/id.hpp>
#include <charter/model.hpp>
#include <charter/money.hpp>
#include <charter/registry.hpp>

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "json/canonical.hpp"
#include "json/format.hpp"
#include "json/order.hpp"

namespace charter::detail {

namespace {

using namespace std::string_view_literals;

// Writes the canonical layout: one record per line, fields in the spec's
// order, ", " and ": " between them.
class writer {
 public:
  std::string& text() noexcept { return out_; }

  void raw(std::string_view s) { out_ += s; }

  // Escaped as append_json_string (json/canonical.hpp) escapes, with the
  // loop here rather than a call to it: this runs for every string of
  // every record, and the shared inline function that the linker keeps
  // may be any file's copy, optimized as that file's budget allowed (a
  // call to it made the export take a fifth more instructions).
  void string(std::string_view s) {
    out_ += '"';
    std::size_t plain = 0;  // start of the run not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (json_plain_byte[c]) continue;
      out_.append(s.data() + plain, i - plain);
      plain = i + 1;
      append_json_escape(out_, c);
    }
    out_.append(s.data() + plain, s.size() - plain);
    out_ += '"';
  }

  void begin_object() {
    out_ += '{';
    first_.push_back(true);
  }
  void end_object() {
    out_ += '}';
    first_.pop_back();
  }
  void begin_array() {
    out_ += '[';
    first_.push_back(true);
  }
  void end_array() {
    out_ += ']';
    first_.pop_back();
  }
  /// Starts an array element.
  void element() {
    if (!first_.back()) out_ += ", "sv;
    first_.back() = false;
  }
  /// Starts an object member.
  void key(std::string_view k) {
    element();
    string(k);
    out_ += ": "sv;
  }

  void field(std::string_view k, std::string_view v) {
    key(k);
    string(v);
  }
  void field(std::string_view k, std::int64_t v) {
    key(k);
    fmt::format_to(std::back_inserter(out_), "{}", v);
  }
  void field(std::string_view k, int v) {
    field(k, static_cast<std::int64_t>(v));
  }
  void field(std::string_view k, double v) {
    key(k);
    number(v);
  }
  void field(std::string_view k, bool v) {
    key(k);
    out_ += v ? "true"sv : "false"sv;
  }
  void field(std::string_view k, date d) {
    key(k);
    // "YYYY-MM-DD" without a string of its own (dates are half the fields).
    const int y = static_cast<int>(d.year());
    if (y < 0 || y > 9999) return string(to_string(d));
    const unsigned m = static_cast<unsigned>(d.month());
    const unsigned day = static_cast<unsigned>(d.day());
    const char text[] = {'"',
                         char('0' + y / 1000),
                         char('0' + y / 100 % 10),
                         char('0' + y / 10 % 10),
                         char('0' + y % 10),
                         '-',
                         char('0' + m / 10),
                         char('0' + m % 10),
                         '-',
                         char('0' + day / 10),
                         char('0' + day % 10),
                         '"'};
    out_.append(text, sizeof text);
  }

  void number(double v) { append_json_number(out_, v); }

  void when(const period& p) {
    field("from", p.from);
    if (p.to) field("to", *p.to);
  }

  void strings(std::string_view k, const std::vector<std::string>& values) {
    if (values.empty()) return;
    key(k);
    begin_array();
    for (const auto& v : values) {
      element();
      string(v);
    }
    end_array();
  }

  template <class Tag>
  void ids(std::string_view k, const std::vector<basic_id<Tag>>& values) {
    if (values.empty()) return;
    key(k);
    begin_array();
    for (const auto& v : values) {
      element();
      string(v.str());
    }
    end_array();
  }

  void amount(std::string_view k, const money& m) {
    key(k);
    begin_object();
    key("amount");
    if (m.cents % 100 == 0)
      fmt::format_to(std::back_inserter(out_), "{}", m.cents / 100);
    else
      out_ += format_amount(m.cents);
    field("currency", std::string_view(m.currency));
    end_object();
  }

  // `extra`, written back as it was read: its text is already in the
  // canonical layout.
  void extra(const extra_fields& e) {
    if (e.empty()) return;
    key("extra");
    out_ += e.json();
  }

 private:
  std::string out_;
  std::vector<bool> first_;
};

void write(writer& w, const organization& r) {
  w.field("id", std::string_view(r.id.str()));
  w.field("name", std::string_view(r.name));
  w.field("kind", to_string(r.kind));
  if (r.parent) w.field("parent", std::string_view(r.parent->str()));
  w.strings("aliases", r.aliases);
  w.strings("domains", r.domains);
  w.extra(r.extra);
}

void write(writer& w, const person& r) {
  w.field("id", std::string_view(r.id.str()));
  w.field("name", std::string_view(r.name));
  w.strings("emails", r.emails);
  if (!r.handles.empty()) {
    w.key("handles");
    w.begin_object();
    for (const auto& [site, handle] : r.handles)
      w.field(site, std::string_view(handle));
    w.end_object();
  }
  if (!r.affiliations.empty()) {
    w.key("affiliations");
    w.begin_array();
    for (const affiliation& a : r.affiliations) {
      w.element();
      w.begin_object();
      w.field("org", std::string_view(a.org.str()));
      w.when(a.when);
      if (!a.title.empty()) w.field("title", std::string_view(a.title));
      w.extra(a.extra);
      w.end_object();
    }
    w.end_array();
  }
  w.extra(r.extra);
}

void write(writer& w, const foundation& r) {
  w.field("id", std::string_view(r.id.str()));
  w.field("name", std::string_view(r.name));
  if (r.parent) w.field("parent", std::string_view(r.parent->str()));
  if (r.founded) w.field("founded", *r.founded);
  if (!r.tiers.empty()) {
    w.key("tiers");
    w.begin_array();
    for (const tier& t : r.tiers) {
      w.element();
      w.begin_object();
      w.field("id", std::string_view(t.id.str()));
      w.field("name", std::string_view(t.name));
      w.field("rank", t.rank);
      if (t.annual_fee) w.amount("annual_fee", *t.annual_fee);
      if (!t.requirements.empty()) {
        w.key("requires");
        w.begin_array();
        for (const tier_requirement& req : t.requirements) {
          w.element();
          w.begin_object();
          w.field("foundation", std::string_view(req.foundation.str()));
          w.field("min_tier", std::string_view(req.min_tier.str()));
          w.end_object();
        }
        w.end_array();
      }
      w.extra(t.extra);
      w.end_object();
    }
    w.end_array();
  }
  if (r.dues) {
    w.key("dues");
    w.begin_object();
    if (r.dues->due_days) w.field("due_days", *r.dues->due_days);
    if (r.dues->grace_days) w.field("grace_days", *r.dues->grace_days);
    w.end_object();
  }
  w.extra(r.extra);
}

void write(writer& w, const project& r) {
  w.field("id", std::string_view(r.id.str()));
  w.field("name", std::string_view(r.name));
  if (r.founded) w.field("founded", *r.founded);
  if (!r.stewards.empty()) {
    w.key("stewards");
    w.begin_array();
    for (const steward& s : r.stewards) {
      w.element();
      w.begin_object();
      w.field(std::holds_alternative<org_id>(s.who) ? "org" : "foundation",
              std::string_view(str(s.who)));
      w.when(s.when);
      w.extra(s.extra);
      w.end_object();
    }
    w.end_array();
  }
  if (!r.stages.empty()) {
    w.key("stages");
    w.begin_array();
    for (const stage& s : r.stages) {
      w.element();
      w.begin_object();
      w.field("stage", std::string_view(s.name));
      w.when(s.when);
      w.extra(s.extra);
      w.end_object();
    }
    w.end_array();
  }
  w.extra(r.extra);
}

void write(writer& w, const membership& r) {
  w.field("org", std::string_view(r.org.str()));
  w.field("foundation", std::string_view(r.foundation.str()));
  w.field("tier", std::string_view(r.tier.str()));
  w.when(r.when);
  if (r.founding) w.field("founding", true);
  w.extra(r.extra);
}

void write(writer& w, const seat_class& c) {
  w.field("id", std::string_view(c.id.str()));
  w.field("mode", to_string(c.mode));
  switch (c.mode) {
    case seat_mode::per_member:
      if (c.tier) w.field("tier", std::string_view(c.tier->str()));
      break;
    case seat_mode::elected:
      if (c.tier) w.field("tier", std::string_view(c.tier->str()));
      w.field("per", c.per);
      if (c.min) w.field("min", *c.min);
      if (c.max) w.field("max", *c.max);
      if (c.round != rounding::up) w.field("round", to_string(c.round));
      break;
    case seat_mode::fixed:
      w.field("count", c.count);
      break;
    case seat_mode::ex_officio:
      w.field("role", std::string_view(c.role));
      break;
  }
  if (c.voting) w.field("voting", *c.voting);
  w.extra(c.extra);
}

void write(writer& w, const body_rules& r) {
  if (r.max_per_family) w.field("max_per_family", *r.max_per_family);
  if (r.max_fraction_per_family)
    w.field("max_fraction_per_family", *r.max_fraction_per_family);
  if (r.term_years) w.field("term_years", *r.term_years);
  if (r.max_consecutive_terms)
    w.field("max_consecutive_terms", *r.max_consecutive_terms);
  if (r.min_size) w.field("min_size", *r.min_size);
  if (r.max_size) w.field("max_size", *r.max_size);
  if (r.quorum) w.field("quorum", *r.quorum);
  w.ids("exclusive_with", r.exclusive_with);
  if (r.suspend_after_missed)
    w.field("suspend_after_missed", *r.suspend_after_missed);
  if (r.proxies) w.field("proxies", true);
}

void write(writer& w, const reporting_schedule& r) {
  w.field("to", std::string_view(r.to.str()));
  w.key("months");
  w.begin_array();
  for (int m : r.months) {
    w.element();
    w.raw(fmt::format("{}", m));
  }
  w.end_array();
  if (r.from) w.field("from", std::string_view(to_string(*r.from)));
}

void write(writer& w, const body& r) {
  w.field("id", std::string_view(r.id.str()));
  w.field("name", std::string_view(r.name));
  w.field("kind", std::string_view(r.kind));
  w.field(
      std::holds_alternative<foundation_id>(r.owner) ? "foundation" : "project",
      std::string_view(str(r.owner)));
  if (!r.seat_classes.empty()) {
    w.key("seat_classes");
    w.begin_array();
    for (const seat_class& c : r.seat_classes) {
      w.element();
      w.begin_object();
      write(w, c);
      w.end_object();
    }
    w.end_array();
  }
  if (r.rules != body_rules{}) {
    w.key("rules");
    w.begin_object();
    write(w, r.rules);
    w.end_object();
  }
  if (r.reporting) {
    w.key("reporting");
    w.begin_object();
    write(w, *r.reporting);
    w.end_object();
  }
  w.extra(r.extra);
}

void write(writer& w, const seat& r) {
  w.field("body", std::string_view(r.body.str()));
  w.field("class", std::string_view(r.seat_class.str()));
  w.field("person", std::string_view(r.person.str()));
  if (r.represents)
    w.field("represents", std::string_view(r.represents->str()));
  if (r.office) w.field("office", to_string(*r.office));
  if (r.voting) w.field("voting", *r.voting);
  w.when(r.when);
  if (r.alternate_for)
    w.field("alternate_for", std::string_view(r.alternate_for->str()));
  if (r.appointed_by) w.field("appointed_by", to_string(*r.appointed_by));
  w.extra(r.extra);
}

constexpr std::array<std::string_view, 3> scope_keys{"foundation", "project",
                                                     "body"};

void write(writer& w, const role& r) {
  w.field("person", std::string_view(r.person.str()));
  w.field("title", std::string_view(r.title));
  w.field(scope_keys[r.scope.index()], std::string_view(str(r.scope)));
  w.when(r.when);
  w.extra(r.extra);
}

void write(writer& w, const election& r) {
  w.field("id", std::string_view(r.id.str()));
  w.field("body", std::string_view(r.body.str()));
  w.field("class", std::string_view(r.seat_class.str()));
  w.field("seats", static_cast<std::int64_t>(r.seats));
  w.field("method", to_string(r.method));
  w.field("unranked", to_string(r.unranked));
  if (!r.candidates.empty()) {
    w.key("candidates");
    w.begin_array();
    for (const auto& c : r.candidates) {
      w.element();
      w.begin_object();
      w.field("person", std::string_view(c.person.str()));
      if (c.org) w.field("org", std::string_view(c.org->str()));
      w.end_object();
    }
    w.end_array();
  }
  w.field("seated", r.seated);
  if (r.term_end) w.field("term_end", *r.term_end);
  if (!r.eligibility.empty())
    w.field("eligibility", std::string_view(r.eligibility));
  w.extra(r.extra);
}

// ---- Governance records (issue 17)

void write(writer& w, const meeting& r) {
  w.field("id", std::string_view(r.id.str()));
  w.field("body", std::string_view(r.body.str()));
  w.field("date", r.on);
  w.field("kind", to_string(r.kind));
  if (!r.attendance.empty()) {
    w.key("attendance");
    w.begin_array();
    for (const attendee& a : r.attendance) {
      w.element();
      w.begin_object();
      w.field("person", std::string_view(a.person.str()));
      w.field("status", to_string(a.status));
      if (a.by) w.field("by", std::string_view(a.by->str()));
      w.extra(a.extra);
      w.end_object();
    }
    w.end_array();
  }
  if (!r.votes.empty()) {
    w.key("votes");
    w.begin_array();
    for (const meeting_vote& v : r.votes) {
      w.element();
      w.begin_object();
      w.field("motion", std::string_view(v.motion));
      w.field("yes", v.yes);
      w.field("no", v.no);
      w.field("abstain", v.abstain);
      w.extra(v.extra);
      w.end_object();
    }
    w.end_array();
  }
  w.extra(r.extra);
}

void write(writer& w, const invoice& r) {
  w.field("id", std::string_view(r.id.str()));
  w.field("org", std::string_view(r.org.str()));
  w.field("foundation", std::string_view(r.foundation.str()));
  w.field("issued", r.issued);
  if (r.due) w.field("due", *r.due);
  w.amount("amount", r.amount);
  if (!r.payments.empty()) {
    w.key("payments");
    w.begin_array();
    for (const payment& p : r.payments) {
      w.element();
      w.begin_object();
      w.field("on", p.on);
      w.amount("amount", p.amount);
      w.extra(p.extra);
      w.end_object();
    }
    w.end_array();
  }
  w.extra(r.extra);
}

void write(writer& w, const submitted_report& r) {
  w.field("body", std::string_view(r.body.str()));
  w.field("month", std::string_view(to_string(r.month)));
  w.field("submitted", r.submitted);
  w.extra(r.extra);
}

template <class Record>
void write_collection(writer& w, std::string_view name,
                      std::span<const Record> records) {
  w.raw(",\n  ");
  w.string(name);
  w.raw(": [");
  if (records.empty()) {
    w.raw("]");
    return;
  }
  bool first = true;
  for (const Record* r : canonical_order(records)) {
    w.raw(first ? "\n    " : ",\n    ");
    first = false;
    w.begin_object();
    write(w, *r);
    w.end_object();
  }
  w.raw("\n  ]");
}

}  // namespace

namespace {
void write_header(writer& w) {
  w.raw("{\n  \"format\": ");
  w.string(format_name);
  w.raw(fmt::format(",\n  \"version\": {}", format_version));
}
}  // namespace

std::string write_json_record(const any_record& record) {
  writer w;
  write_header(w);
  std::visit(
      [&w](const auto& r) {
        using record_type = std::decay_t<decltype(r)>;
        write_collection(w, collection_name(record_kind_of<record_type>),
                         std::span<const record_type>(&r, 1));
      },
      record);
  w.raw("\n}\n");
  return std::move(w.text());
}

std::string write_json_document(const registry& reg) {
  writer w;
  write_header(w);
  write_collection(w, collection_name(record_kind::organization),
                   reg.organizations());
  write_collection(w, collection_name(record_kind::person), reg.people());
  write_collection(w, collection_name(record_kind::foundation),
                   reg.foundations());
  write_collection(w, collection_name(record_kind::project), reg.projects());
  write_collection(w, collection_name(record_kind::membership),
                   reg.memberships());
  write_collection(w, collection_name(record_kind::body), reg.bodies());
  write_collection(w, collection_name(record_kind::seat), reg.seats());
  write_collection(w, collection_name(record_kind::role), reg.roles());
  // The governance records (issue 17) are an additive extension: their
  // collections are written when they hold records, so that a document of
  // before round trips byte for byte.
  if (!reg.meetings().empty())
    write_collection(w, collection_name(record_kind::meeting), reg.meetings());
  if (!reg.invoices().empty())
    write_collection(w, collection_name(record_kind::invoice), reg.invoices());
  if (!reg.reports().empty())
    write_collection(w, collection_name(record_kind::report), reg.reports());
  // An extension of the format: a registry without elections is written
  // as before it.
  if (!reg.elections().empty())
    write_collection(w, collection_name(record_kind::election),
                     reg.elections());
  w.raw("\n}\n");
  return std::move(w.text());
}

}  // namespace charter::detail
