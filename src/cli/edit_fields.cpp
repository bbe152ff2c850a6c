// `update`'s field edits, made on the record's interchange form.

#include "cli/edit_fields.hpp"

#include <charter/error.hpp>
#include <charter/json.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <system_error>
#include <utility>

#include "cli/session.hpp"
#include "json/format.hpp"

namespace charter::cli {
namespace {

namespace json = boost::json;

std::string_view name_of(edit_kind kind) {
  switch (kind) {
    case edit_kind::set:
      return "--set";
    case edit_kind::unset:
      return "--unset";
    case edit_kind::add:
      return "--add";
    case edit_kind::drop:
      return "--drop";
  }
  return "--set";
}

// A JSON Pointer's tokens (RFC 6901: ~1 is '/', ~0 is '~').
std::vector<std::string> pointer_tokens(std::string_view pointer,
                                        std::string_view argument) {
  std::vector<std::string> tokens;
  for (std::size_t at = 1; at <= pointer.size();) {
    auto end = pointer.find('/', at);
    if (end == std::string_view::npos) end = pointer.size();
    std::string token;
    for (std::size_t i = at; i < end; ++i) {
      if (pointer[i] != '~') {
        token += pointer[i];
      } else if (i + 1 < end &&
                 (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token += pointer[++i] == '0' ? '~' : '/';
      } else {
        throw usage_error(fmt::format(
            "'{}': a '~' in a JSON Pointer must be ~0 or ~1", argument));
      }
    }
    tokens.push_back(std::move(token));
    at = end + 1;
  }
  return tokens;
}

std::vector<std::string> dotted_tokens(std::string_view field) {
  std::vector<std::string> tokens;
  for (std::size_t at = 0;;) {
    const auto end = field.find('.', at);
    tokens.emplace_back(field.substr(at, end - at));
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return tokens;
}

// A list index, or none when `token` is not one.
std::optional<std::size_t> index_of(std::string_view token) {
  std::size_t n = 0;
  const auto [end, ec] =
      std::from_chars(token.data(), token.data() + token.size(), n);
  if (ec != std::errc{} || end != token.data() + token.size()) return {};
  return n;
}

// What the user typed as a value: JSON where it is JSON and the field does
// not hold text, else the text itself.
json::value value_of(const std::string& text, const json::value* now) {
  if (now && now->is_string()) return json::string(text);
  std::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return json::string(text);
  return v;
}

// A list element as typed: JSON for an object or list, else text.
json::value element_of(const field_edit& e) {
  if (!e.value.empty() && (e.value.front() == '{' || e.value.front() == '[')) {
    std::error_code ec;
    auto v = json::parse(e.value, ec);
    if (ec)
      throw usage_error(fmt::format("{} {}: '{}' is not valid JSON",
                                    name_of(e.kind), e.field, e.value));
    return v;
  }
  return json::string(e.value);
}

[[noreturn]] void cannot(const field_edit& e, std::string_view why) {
  throw usage_error(fmt::format("{} {}: {}", name_of(e.kind), e.field, why));
}

// The member or element `token` of `parent`, or null. `create` makes a
// missing member an empty object on the way to a deeper one.
json::value* child(json::value& parent, const std::string& token,
                   const field_edit& e) {
  if (auto* o = parent.if_object()) return o->if_contains(token);
  if (auto* a = parent.if_array()) {
    const auto i = index_of(token);
    if (!i) cannot(e, fmt::format("'{}' is not a list index", token));
    if (*i >= a->size())
      cannot(e, fmt::format("the list has {} element{}, no {}", a->size(),
                            a->size() == 1 ? "" : "s", *i));
    return &(*a)[*i];
  }
  cannot(e, fmt::format("'{}' is inside a value that is neither an object "
                        "nor a list",
                        token));
}

void apply(json::value& record, const field_edit& e) {
  json::value* parent = &record;
  for (std::size_t i = 0; i + 1 < e.path.size(); ++i) {
    json::value* next = child(*parent, e.path[i], e);
    if (!next) {
      if (e.kind == edit_kind::unset || e.kind == edit_kind::drop)
        cannot(e, "the record has no such field");
      next = &parent->as_object()[e.path[i]];
      *next = json::object{};
    }
    parent = next;
  }
  const auto& last = e.path.back();
  json::value* target = child(*parent, last, e);
  switch (e.kind) {
    case edit_kind::set: {
      auto v = value_of(e.value, target);
      if (target)
        *target = std::move(v);
      else
        parent->as_object()[last] = std::move(v);
      return;
    }
    case edit_kind::unset:
      if (!target) cannot(e, "the record has no such field");
      if (auto* o = parent->if_object())
        o->erase(last);
      else
        parent->as_array().erase(parent->as_array().begin() +
                                 static_cast<std::ptrdiff_t>(*index_of(last)));
      return;
    case edit_kind::add: {
      if (!target) {
        target = &parent->as_object()[last];
        *target = json::array{};
      }
      if (!target->is_array()) cannot(e, "it is not a list");
      auto v = element_of(e);
      auto& list = target->as_array();
      if (std::find(list.begin(), list.end(), v) != list.end())
        cannot(e, fmt::format("the list holds {} already", json::serialize(v)));
      list.push_back(std::move(v));
      return;
    }
    case edit_kind::drop: {
      if (!target || !target->is_array()) cannot(e, "it is not a list");
      auto& list = target->as_array();
      const auto v = element_of(e);
      const auto it = std::find(list.begin(), list.end(), v);
      if (it == list.end())
        cannot(e, fmt::format("the list holds no {}", json::serialize(v)));
      list.erase(it);
      return;
    }
  }
}

}  // namespace

field_edit parse_edit(edit_kind kind, std::string_view argument) {
  field_edit e;
  e.kind = kind;
  std::string_view field = argument;
  if (kind != edit_kind::unset) {
    const auto eq = argument.find('=');
    if (eq == std::string_view::npos)
      throw usage_error(fmt::format(
          "{} '{}': expected FIELD=VALUE (name=Arm, rules.quorum=0.5)",
          name_of(kind), argument));
    field = argument.substr(0, eq);
    e.value = std::string(argument.substr(eq + 1));
  }
  e.field = std::string(field);
  e.path = field.starts_with('/') ? pointer_tokens(field, argument)
                                  : dotted_tokens(field);
  if (field.empty() ||
      std::any_of(e.path.begin(), e.path.end(),
                  [](const std::string& t) { return t.empty(); }))
    throw usage_error(fmt::format(
        "{} '{}': no field named (a name, names joined by dots, or a JSON "
        "Pointer such as /rules/quorum)",
        name_of(kind), argument));
  return e;
}

any_record edit_record(const any_record& record, const field_edits& edits) {
  const auto collection = detail::collection_name(kind_of(key_of(record)));
  json::value doc = json::parse(to_json(record));
  json::value& fields = doc.as_object().at(collection).as_array().at(0);
  for (const auto& e : edits) apply(fields, e);
  try {
    return record_from_json(json::serialize(doc));
  } catch (const validation_error& e) {
    // Placed in the record (its field `/tier`), not in the document made
    // for it.
    const std::string prefix = fmt::format("/{}/0", collection);
    std::vector<problem> placed = e.problems();
    for (auto& p : placed)
      if (p.where.starts_with(prefix)) {
        p.record = to_string(key_of(record));
        p.field = p.where.substr(prefix.size());
        p.where.clear();
      }
    throw validation_error(std::move(placed));
  }
}

}  // namespace charter::cli
