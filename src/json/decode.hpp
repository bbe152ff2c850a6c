#ifndef CHARTER_SRC_JSON_DECODE_HPP
#define CHARTER_SRC_JSON_DECODE_HPP

// Internal: the record decoders. The streaming reader (json/reader.cpp)
// hands a document's elements over one by one; document_decoder turns each
// into an `add` of a batch, checking its fields, and remembers where it was
// for the problems the registry finds later.

#include <charter/batch.hpp>
#include <charter/error.hpp>
#include <charter/model.hpp>
#include <charter/registry.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "json/fields.hpp"
#include "json/places.hpp"

namespace charter::detail {

namespace json = boost::json;

// What the handler (json/reader.cpp) hands over as the document streams by.
class document_sink {
 public:
  /// A member of the top-level object, other than a collection's array.
  virtual void top_member(std::string_view key, json::value value) = 0;
  /// One element of a collection's array, with its pointer.
  virtual void element(record_kind collection, std::size_t index,
                       json::value& value, std::string at) = 0;
  /// The top-level value, when it is not an object.
  virtual void root(json::value value) = 0;
  /// Whether elements are still wanted (no more once the problems are many).
  virtual bool wants_elements() const = 0;

 protected:
  ~document_sink() = default;
};

// Decodes the document's elements as the handler hands them over, into the
// batch it is given; the top-level members are kept and checked at the end,
// since the spec does not fix their order. Final: the handler holds the
// decoder itself, so that its calls for every element are direct.
class document_decoder final : public document_sink {
 public:
  void set_amounts(const std::unordered_map<std::string, std::string>* a) {
    d_ = json_decoder(a);
  }
  /// Where the decoded operations go.
  void set_output(batch* out) noexcept { out_ = out; }
  /// Makes room for the places of `n` records.
  void reserve(std::size_t n) { places_->reserve(n); }

  void top_member(std::string_view key, json::value value) override {
    top_.insert_or_assign(json::string_view(key.data(), key.size()),
                          std::move(value));
  }

  void root(json::value value) override { root_kind_ = value.kind(); }

  bool wants_elements() const override { return !d_.full(); }

  void element(record_kind collection, std::size_t index, json::value& value,
               std::string at) override;

  bool has_problems() const noexcept { return d_.count() > 0; }

  /// Whether `key` names a member of the top-level object.
  static bool is_top_member(std::string_view key) noexcept;

  /// Throws at once for an unknown member of the top-level object, before
  /// its value is read: the value may be of any size, and none of it is
  /// wanted. The problems are `problems` (the handler's), then the records'
  /// found so far, then this one.
  [[noreturn]] void refuse_top_member(std::string_view key,
                                      std::vector<problem> problems);

  /// Throws the problems found, if any, once the whole document is read:
  /// those of the header alone if it is wrong; else `problems` (those the
  /// handler found: repeated keys, inexact numbers), then the top-level
  /// members', then the records'.
  void check(std::vector<problem> problems);

  /// Places the problems of the records decoded by their JSON Pointer.
  locator where() const;

 private:
  void check_top(json_decoder& top);
  void check_members(json_decoder& top);
  void place(const record_key& key, const std::string& at,
             std::string_view key_field);

  void read_organization(json::object& o, std::string at);
  affiliation read_affiliation(json_fields& f);
  void read_person(json::object& o, std::string at);
  template <class Read>
  void each_object(json::array& a, const std::string& base, Read read);
  tier read_tier(json_fields& f);
  void read_foundation(json::object& o, std::string at);
  void read_project(json::object& o, std::string at);
  seat_class read_seat_class(json_fields& f);
  body_rules read_rules(json_fields& f);
  void read_body(json::object& o, std::string at);
  void read_membership(json::object& o, std::string at);
  void read_seat(json::object& o, std::string at);
  void read_role(json::object& o, std::string at);
  // Governance records (issue 17).
  std::optional<reporting_schedule> read_reporting(json_fields& f);
  std::optional<dues_policy> read_dues(json_fields& f);
  void read_meeting(json::object& o, std::string at);
  void read_invoice(json::object& o, std::string at);
  void read_report(json::object& o, std::string at);
  void read_election(json::object& o, std::string at);

  json_decoder d_;
  json::object top_;
  std::optional<json::kind> root_kind_;
  batch* out_ = nullptr;
  std::shared_ptr<place_index> places_ = std::make_shared<place_index>();
  place_index::place here_{};
};

}  // namespace charter::detail

#endif
