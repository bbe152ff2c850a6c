// Comparing two registries record by record (`compare`), as their
// interchange documents hold them: the writer gives every field of every
// record, `extra` included, so a difference anywhere is found without a
// comparison per record kind.
#include <charter/diff.hpp>
#include <charter/json.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "json/canonical.hpp"
#include "json/format.hpp"
#include "json/order.hpp"
#include "json/pointer.hpp"
#include "json/writer.hpp"

namespace charter {

namespace {

namespace json = boost::json;

std::string canonical_text(const json::value& v) {
  std::string out;
  detail::append_json_value(out, v);
  return out;
}

// The fields that differ between `a` and `b` (either may be missing), at
// `path` and below.
void compare_values(const std::string& path, const json::value* a,
                    const json::value* b, std::vector<field_change>& out) {
  if (a && b && *a == *b) return;
  if (a && b && a->is_object() && b->is_object()) {
    const auto& oa = a->get_object();
    const auto& ob = b->get_object();
    for (const auto& m : oa)
      compare_values(detail::child_pointer(path, m.key()), &m.value(),
                     ob.if_contains(m.key()), out);
    for (const auto& m : ob)
      if (!oa.contains(m.key()))
        compare_values(detail::child_pointer(path, m.key()), nullptr,
                       &m.value(), out);
    return;
  }
  if (a && b && a->is_array() && b->is_array() &&
      a->get_array().size() == b->get_array().size()) {
    const auto& xa = a->get_array();
    const auto& xb = b->get_array();
    for (std::size_t i = 0; i < xa.size(); ++i)
      compare_values(detail::child_pointer(path, i), &xa[i], &xb[i], out);
    return;
  }
  field_change c{path, std::nullopt, std::nullopt};
  if (a) c.before = canonical_text(*a);
  if (b) c.after = canonical_text(*b);
  out.push_back(std::move(c));
}

record_key key_for(const organization& r) { return r.id; }
record_key key_for(const person& r) { return r.id; }
record_key key_for(const foundation& r) { return r.id; }
record_key key_for(const project& r) { return r.id; }
record_key key_for(const body& r) { return r.id; }
record_key key_for(const membership& r) { return key_of(r); }
record_key key_for(const seat& r) { return key_of(r); }
record_key key_for(const role& r) { return key_of(r); }
record_key key_for(const meeting& r) { return r.id; }
record_key key_for(const invoice& r) { return r.id; }
record_key key_for(const submitted_report& r) { return key_of(r); }
record_key key_for(const election& r) { return r.id; }

const auto* find_in(const registry& reg, const organization& r) {
  return reg.find(r.id);
}
const auto* find_in(const registry& reg, const person& r) {
  return reg.find(r.id);
}
const auto* find_in(const registry& reg, const foundation& r) {
  return reg.find(r.id);
}
const auto* find_in(const registry& reg, const project& r) {
  return reg.find(r.id);
}
const auto* find_in(const registry& reg, const body& r) {
  return reg.find(r.id);
}
const auto* find_in(const registry& reg, const membership& r) {
  return reg.find(key_of(r));
}
const auto* find_in(const registry& reg, const seat& r) {
  return reg.find(key_of(r));
}
const auto* find_in(const registry& reg, const role& r) {
  return reg.find(key_of(r));
}
const auto* find_in(const registry& reg, const meeting& r) {
  return reg.find(r.id);
}
const auto* find_in(const registry& reg, const invoice& r) {
  return reg.find(r.id);
}
const auto* find_in(const registry& reg, const submitted_report& r) {
  return reg.find(key_of(r));
}
const auto* find_in(const registry& reg, const election& r) {
  return reg.find(r.id);
}

// One collection, in the canonical order of both (that of the documents'
// arrays): the records both hold come in the same order in each, so one
// walk through the two finds every record removed, added or changed.
template <class Record>
void compare_kind(const registry& before, const json::array& before_json,
                  std::span<const Record> before_records, const registry& after,
                  const json::array& after_json,
                  std::span<const Record> after_records,
                  std::vector<record_diff>& out) {
  const auto order_before = detail::canonical_order(before_records);
  const auto order_after = detail::canonical_order(after_records);
  std::size_t i = 0, j = 0;
  while (i < order_before.size() || j < order_after.size()) {
    if (i < order_before.size() && !find_in(after, *order_before[i])) {
      out.push_back({key_for(*order_before[i]), record_change::removed, {}});
      ++i;
    } else if (j < order_after.size() && !find_in(before, *order_after[j])) {
      out.push_back({key_for(*order_after[j]), record_change::added, {}});
      ++j;
    } else {
      // Both in both: the same record (the orders agree on every key).
      std::vector<field_change> fields;
      compare_values({}, &before_json[i], &after_json[j], fields);
      if (!fields.empty())
        out.push_back({key_for(*order_before[i]), record_change::changed,
                       std::move(fields)});
      ++i;
      ++j;
    }
  }
}

}  // namespace

std::string_view to_string(record_change c) noexcept {
  switch (c) {
    case record_change::added:
      return "added";
    case record_change::removed:
      return "removed";
    case record_change::changed:
      return "changed";
  }
  return "?";
}

std::vector<record_diff> compare(const registry& before,
                                 const registry& after) {
  const json::value doc_before =
      json::parse(detail::write_json_document(before));
  const json::value doc_after = json::parse(detail::write_json_document(after));
  std::vector<record_diff> out;
  // A collection the writer leaves out when it is empty (elections) is an
  // empty array.
  const json::array none;
  const auto collection = [&none](const json::value& doc,
                                  std::string_view name) -> const json::array& {
    const auto* found = doc.as_object().if_contains(name);
    return found ? found->as_array() : none;
  };
  auto each = [&](record_kind kind, auto records_before, auto records_after) {
    const auto name = detail::collection_name(kind);
    compare_kind(before, collection(doc_before, name), records_before, after,
                 collection(doc_after, name), records_after, out);
  };
  each(record_kind::organization, before.organizations(),
       after.organizations());
  each(record_kind::person, before.people(), after.people());
  each(record_kind::foundation, before.foundations(), after.foundations());
  each(record_kind::project, before.projects(), after.projects());
  each(record_kind::body, before.bodies(), after.bodies());
  each(record_kind::membership, before.memberships(), after.memberships());
  each(record_kind::seat, before.seats(), after.seats());
  each(record_kind::role, before.roles(), after.roles());
  each(record_kind::meeting, before.meetings(), after.meetings());
  each(record_kind::invoice, before.invoices(), after.invoices());
  each(record_kind::report, before.reports(), after.reports());
  each(record_kind::election, before.elections(), after.elections());
  return out;
}

std::vector<field_change> compare(const any_record& before,
                                  const any_record& after) {
  std::vector<field_change> fields;
  if (before.index() != after.index()) return fields;
  // Each as the one record of a document of its kind.
  const auto name = detail::collection_name(kind_of(key_of(before)));
  const auto a = json::parse(to_json(before));
  const auto b = json::parse(to_json(after));
  compare_values({}, &a.as_object().at(name).as_array().at(0),
                 &b.as_object().at(name).as_array().at(0), fields);
  return fields;
}

}  // namespace charter
