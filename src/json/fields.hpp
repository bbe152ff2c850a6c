#ifndef CHARTER_SRC_JSON_FIELDS_HPP
#define CHARTER_SRC_JSON_FIELDS_HPP

// Internal: typed access to the members of a record's JSON object, for the
// record decoders (json/decode.cpp). Every problem is reported at the JSON
// Pointer of the field it is about, and the problems of a document are
// gathered in a json_decoder. The members are defined here, inline: they run
// for every field of every record.

#include <charter/date.hpp>
#include <charter/error.hpp>
#include <charter/id.hpp>
#include <charter/limits.hpp>
#include <charter/model.hpp>
#include <charter/money.hpp>

#include <boost/json/value.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/edit_distance.hpp"
#include "json/extra_text.hpp"
#include "json/format.hpp"
#include "json/pointer.hpp"

namespace charter::detail {

namespace json = boost::json;

/// How a value of kind `k` is named in a message ("a string").
std::string_view kind_name(json::kind k);

/// The problems found in a document's records (up to max_problems), and
/// the texts of its non-integer amounts.
class json_decoder {
 public:
  /// `amounts`: the texts of non-integer amounts, by pointer (see
  /// document_handler); null when there are none to look up.
  explicit json_decoder(
      const std::unordered_map<std::string, std::string>* amounts = nullptr)
      : amounts_(amounts) {}

  void report(std::string where, std::string message, std::string id = {}) {
    if (problems_.size() < max_problems)
      problems_.push_back(
          {std::move(where), std::move(id), std::move(message)});
  }
  bool full() const noexcept { return problems_.size() >= max_problems; }
  std::size_t count() const noexcept { return problems_.size(); }
  std::vector<problem>& problems() noexcept { return problems_; }

  const std::string* amount_text(const std::string& pointer) const {
    if (!amounts_) return nullptr;
    auto found = amounts_->find(pointer);
    return found == amounts_->end() ? nullptr : &found->second;
  }

  /// Where the canonical text of each record's `extra` is written before
  /// it is adopted; it keeps its room from one record to the next.
  std::string& extra_scratch() noexcept { return extra_scratch_; }

 private:
  const std::unordered_map<std::string, std::string>* amounts_;
  std::vector<problem> problems_;
  std::string extra_scratch_;
};

// One JSON object read field by field; every problem is reported at the
// pointer of the field it is about.
class json_fields {
 public:
  /// Reports the members not in `known`, unless `known` is empty.
  json_fields(json_decoder& d, json::object& object, std::string at,
              std::initializer_list<std::string_view> known)
      : d_(d), object_(object), at_(std::move(at)) {
    if (known.size() == 0) return;
    for (const auto& member : object_) {
      const std::string_view key(member.key().data(), member.key().size());
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      d_.report(child_pointer(at_, key), unknown_field(key, known));
    }
  }

  /// `unknown field "nmae" (did you mean "name"?)`: the closest of `known`
  /// is suggested when the key is long enough for a suggestion to mean
  /// something, and at most two edits away.
  template <class Names>
  static std::string unknown_field(std::string_view key, const Names& known) {
    std::string message = fmt::format("unknown field \"{}\"", key);
    std::string_view closest;
    std::size_t best = 3;
    for (std::string_view candidate : known) {
      if (const std::size_t edits = detail::edit_distance(key, candidate);
          edits < best) {
        best = edits;
        closest = candidate;
      }
    }
    if (key.size() > 2 && !closest.empty())
      message += fmt::format(" (did you mean \"{}\"?)", closest);
    return message;
  }

  json_decoder& owner() noexcept { return d_; }
  const std::string& at() const noexcept { return at_; }
  std::string at(std::string_view key) const { return child_pointer(at_, key); }

  /// The field's value; null when it is absent or `null`.
  json::value* find(std::string_view key) {
    json::value* v =
        object_.if_contains(json::string_view(key.data(), key.size()));
    return v && !v->is_null() ? v : nullptr;
  }
  bool has(std::string_view key) { return find(key) != nullptr; }

  void missing(std::string_view key) {
    d_.report(at(key), fmt::format("missing required field \"{}\"", key));
  }
  void wrong_type(std::string_view key, std::string_view expected,
                  const json::value& v) {
    d_.report(at(key), fmt::format("expected {}, found {}", expected,
                                   kind_name(v.kind())));
  }

  /// The field if present; reports it missing when `required`.
  json::value* get(std::string_view key, bool required) {
    json::value* v = find(key);
    if (!v && required) missing(key);
    return v;
  }

  std::optional<std::string> string(std::string_view key, bool required,
                                    bool allow_empty = true) {
    json::value* v = get(key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      wrong_type(key, "a string", *v);
      return std::nullopt;
    }
    const json::string& s = v->get_string();
    if (!allow_empty && s.empty()) {
      d_.report(at(key), fmt::format("\"{}\" must not be empty", key));
      return std::nullopt;
    }
    return std::string(s.data(), s.size());
  }

  /// A slug: a record's own id or a reference to one.
  std::optional<std::string> id(std::string_view key, bool required) {
    auto s = string(key, required);
    if (s && !is_slug(*s)) {
      d_.report(at(key),
                fmt::format("\"{}\" is not a valid id (lowercase letters, "
                            "digits, '.', '_' and '-', starting with a letter "
                            "or digit, at most 64 characters)",
                            *s),
                *s);
      return std::nullopt;
    }
    return s;
  }

  std::optional<date> date_field(std::string_view key, bool required) {
    json::value* v = get(key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      wrong_type(key, "a string", *v);
      return std::nullopt;
    }
    const std::string_view s(v->get_string().data(), v->get_string().size());
    auto d = try_parse_date(s);
    if (!d)
      d_.report(at(key), fmt::format("\"{}\" is not a date (expected "
                                     "YYYY-MM-DD)",
                                     s));
    return d;
  }

  std::optional<int> integer(std::string_view key, bool required,
                             std::int64_t min = 0) {
    json::value* v = get(key, required);
    if (!v) return std::nullopt;
    std::int64_t value = 0;
    if (v->is_int64()) {
      value = v->get_int64();
    } else if (v->is_uint64()) {
      value = std::numeric_limits<std::int64_t>::max();
    } else {
      wrong_type(key, "an integer", *v);
      return std::nullopt;
    }
    if (value < min || value > std::numeric_limits<int>::max()) {
      d_.report(at(key),
                fmt::format("\"{}\" must be an integer from {} to {}", key, min,
                            std::numeric_limits<int>::max()));
      return std::nullopt;
    }
    return static_cast<int>(value);
  }

  /// A fraction: a number above 0 and at most 1.
  std::optional<double> fraction(std::string_view key) {
    json::value* v = get(key, false);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      wrong_type(key, "a number", *v);
      return std::nullopt;
    }
    const double value = v->to_number<double>();
    if (!(value > 0 && value <= 1)) {
      d_.report(at(key),
                fmt::format("\"{}\" must be above 0 and at most 1", key));
      return std::nullopt;
    }
    return value;
  }

  std::optional<bool> boolean(std::string_view key) {
    json::value* v = get(key, false);
    if (!v) return std::nullopt;
    if (!v->is_bool()) {
      wrong_type(key, "true or false", *v);
      return std::nullopt;
    }
    return v->get_bool();
  }

  json::array* array(std::string_view key) {
    json::value* v = get(key, false);
    if (!v) return nullptr;
    if (!v->is_array()) {
      wrong_type(key, "an array", *v);
      return nullptr;
    }
    return &v->get_array();
  }

  json::object* object(std::string_view key) {
    json::value* v = get(key, false);
    if (!v) return nullptr;
    if (!v->is_object()) {
      wrong_type(key, "an object", *v);
      return nullptr;
    }
    return &v->get_object();
  }

  std::vector<std::string> strings(std::string_view key) {
    std::vector<std::string> result;
    json::array* a = array(key);
    if (!a) return result;
    result.reserve(a->size());
    const std::string base = at(key);
    for (std::size_t i = 0; i < a->size(); ++i) {
      const json::value& v = (*a)[i];
      if (v.is_string())
        result.emplace_back(v.get_string().data(), v.get_string().size());
      else
        d_.report(
            child_pointer(base, i),
            fmt::format("expected a string, found {}", kind_name(v.kind())));
    }
    return result;
  }

  /// `from` (required) and `to` (optional; `null` or absent: open-ended).
  /// Whether `to` is after `from` is the registry's check.
  period when() {
    period p{};
    if (auto from = date_field("from", true)) p.from = *from;
    p.to = date_field("to", false);
    return p;
  }

  /// The record's `extra` object, as its canonical text. The reader has
  /// checked its numbers (each is the number its text says); here it is
  /// held to extra_fields' limits, as deep and as long as
  /// extra_fields::parse() allows, so that every store can read it back.
  extra_fields extra() {
    json::object* o = object("extra");
    if (!o) return {};
    if (const std::size_t depth = nesting_of(*o); depth > max_extra_depth) {
      d_.report(at("extra"),
                fmt::format("nested {} levels deep, deeper than the "
                            "limit of {}",
                            depth, max_extra_depth));
      return {};
    }
    extra_fields e = extra_of(*o, d_.extra_scratch());
    if (e.json().size() > max_extra_bytes) {
      d_.report(
          at("extra"),
          fmt::format("{} bytes long (in canonical form), longer than the "
                      "limit of {} bytes",
                      e.json().size(), max_extra_bytes));
      return {};
    }
    return e;
  }

  /// Reports unless exactly one of `keys` is present; returns its index.
  std::optional<std::size_t> one_of(
      std::initializer_list<std::string_view> keys) {
    std::optional<std::size_t> found;
    std::size_t index = 0;
    std::vector<std::string_view> present;
    for (std::string_view key : keys) {
      if (has(key)) {
        present.push_back(key);
        found = index;
      }
      ++index;
    }
    if (present.size() == 1) return found;
    std::string names;
    index = 0;
    for (std::string_view key : keys) {
      names += index == 0 ? "" : index + 1 == keys.size() ? " or " : ", ";
      names += fmt::format("\"{}\"", key);
      ++index;
    }
    if (present.empty())
      d_.report(at_,
                fmt::format("missing field: one of {} is required", names));
    else
      d_.report(at(present.back()),
                fmt::format("only one of {} may be given", names));
    return std::nullopt;
  }

 private:
  json_decoder& d_;
  json::object& object_;
  std::string at_;
};

template <class Enum>
std::optional<Enum> enum_field(json_fields& f, std::string_view key,
                               bool required,
                               std::optional<Enum> (*parse)(std::string_view),
                               std::string_view choices) {
  auto s = f.string(key, required);
  if (!s) return std::nullopt;
  auto value = parse(*s);
  if (!value)
    f.owner().report(f.at(key), fmt::format("unknown {} \"{}\" (expected {})",
                                            key, *s, choices));
  return value;
}

/// The money object `key` (`{"amount": 1250.5, "currency": "USD"}`), its
/// amount read exactly; nothing if absent or wrong (reported).
std::optional<money> money_field(json_fields& f, std::string_view key);

}  // namespace charter::detail

#endif
