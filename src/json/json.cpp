#include <charter/batch.hpp>
#include <charter/date.hpp>
#include <charter/error.hpp>
#include <charter/id.hpp>
#include <charter/json.hpp>
#include <charter/model.hpp>
#include <charter/money.hpp>
#include <charter/registry.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <istream>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "core/edit_distance.hpp"
#include "core/file.hpp"


namespace charter {

namespace {

namespace json = boost::json;
using namespace std::string_view_literals;

constexpr std::size_t max_problems = 100;
constexpr std::string_view format_name = "charter-registry";
constexpr std::int64_t format_version = 1;

// ---- JSON Pointers (RFC 6901)

void append_token(std::string& pointer, std::string_view token) {
  pointer += '/';
  if (token.find_first_of("~/") == std::string_view::npos) {
    pointer += token;
    return;
  }
  for (char c : token) {
    if (c == '~')
      pointer += "~0";
    else if (c == '/')
      pointer += "~1";
    else
      pointer += c;
  }
}

void append_index(std::string& pointer, std::size_t index) {
  std::array<char, 24> digits;
  const auto end =
      std::to_chars(digits.data(), digits.data() + digits.size(), index).ptr;
  pointer += '/';
  pointer.append(digits.data(), end);
}

std::string child(std::string_view base, std::string_view key) {
  std::string pointer(base);
  append_token(pointer, key);
  return pointer;
}

std::string child(std::string_view base, std::size_t index) {
  std::string pointer(base);
  append_index(pointer, index);
  return pointer;
}

// ---- exact numbers

// A number's value as its significant digits and the power of ten of the
// last one: "-0.0250" is ("-25", -3), "1.2e+3" is ("12", 2). The text has
// passed the JSON grammar (or is fmt's shortest form of a double).
std::pair<std::string, long long> decimal_of(std::string_view text) {
  std::string digits;
  long long power = 0;
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
    digits += text[i];
  if (i < text.size() && text[i] == '.')
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      digits += text[i];
      --power;
    }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool down = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    long long e = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
      e = std::min(e * 10 + (text[i] - '0'), 1'000'000'000LL);
    power += down ? -e : e;
  }
  const auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) return {"0", 0};
  digits.erase(0, first);
  while (digits.back() == '0') {
    digits.pop_back();
    ++power;
  }
  if (negative) digits.insert(0, 1, '-');
  return {std::move(digits), power};
}

// Whether `d`, written back as charter writes it (the shortest form that
// reads back as `d`), has the value of `text`, the number it was read from.
bool kept_exactly(double d, std::string_view text) {
  return decimal_of(fmt::format("{}", d)) == decimal_of(text);
}

// ---- parsing

// The collections of a document, in the order the spec lists them.
constexpr std::array<std::string_view, 8> collection_names{
    "organizations", "people", "foundations", "projects",
    "memberships",   "bodies", "seats",       "roles"};

std::optional<std::size_t> collection_index(std::string_view key) {
  for (std::size_t i = 0; i < collection_names.size(); ++i)
    if (collection_names[i] == key) return i;
  return std::nullopt;
}

// What the handler hands over as the document streams by.
class document_sink {
 public:
  /// A member of the top-level object, other than a collection's array.
  virtual void top_member(std::string_view key, json::value value) = 0;
  /// One element of a collection's array, with its pointer.
  virtual void element(std::size_t collection, std::size_t index,
                       json::value& value, std::string at) = 0;
  /// The top-level value, when it is not an object.
  virtual void root(json::value value) = 0;
  /// Whether elements are still wanted (no more once the problems are many).
  virtual bool wants_elements() const = 0;

 protected:
  ~document_sink() = default;
};

// Streams a document through basic_parser without building it whole: each
// element of a top-level collection is built as a small DOM on its own,
// handed to the sink and freed before the next one begins, so that memory
// follows one record, not the document. It also keeps what a DOM loses: the
// text of non-integer money amounts (a double cannot tell 1.234 from
// 1.2340000000000001, nor hold every amount exactly) and keys repeated within
// an object (a DOM keeps only the last, silently).
class document_handler {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  explicit document_handler(document_sink& sink)
      : sink_(sink), records_(buffer_.data(), buffer_.size()) {}

  /// Pointer of an `amount` member → its text, for non-integers only; for
  /// the element being decoded.
  std::unordered_map<std::string, std::string> amounts;
  /// What a DOM would hide: keys repeated within an object, and numbers
  /// in `extra` that a double cannot keep (`extra` is kept as it came).
  std::vector<problem> problems;

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }

  bool on_object_begin(json::error_code&) {
    if (!building_ && depth_ > 0) begin_value();
    if (!building_ && depth_ == 0) streaming_ = true;  // the root object
    open(true);
    return true;
  }
  bool on_object_end(std::size_t n, json::error_code&) {
    if (building_) stack_.push_object(n);
    close();
    value_done();
    return true;
  }
  bool on_array_begin(json::error_code&) {
    // A collection's array streams: its elements are built one by one.
    if (!building_ && depth_ == 1 && streaming_)
      collection_ = collection_index(frames_[0].key);
    if (!collection_ || depth_ != 1) begin_value();
    open(false);
    return true;
  }
  bool on_array_end(std::size_t n, json::error_code&) {
    if (building_) stack_.push_array(n);
    close();
    value_done();
    return true;
  }

  bool on_key_part(json::string_view s, std::size_t n, json::error_code&) {
    if (building_) stack_.push_chars(s);
    key_part(s, n);
    return true;
  }
  bool on_key(json::string_view s, std::size_t n, json::error_code&) {
    if (building_) stack_.push_key(s);
    key_part(s, n);
    frame& top = frames_[depth_ - 1];
    if (top.repeated(top.key) && problems.size() < max_problems)
      problems.push_back(
          {pointer(), {}, fmt::format("duplicate key \"{}\"", top.key)});
    return true;
  }

  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    begin_value();
    stack_.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    begin_value();
    stack_.push_string(s);
    value_done();
    return true;
  }

  bool on_number_part(json::string_view s, json::error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    begin_value();
    stack_.push_int64(i);
    number_.clear();
    value_done();
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    begin_value();
    stack_.push_uint64(u);
    number_.clear();
    value_done();
    return true;
  }
  bool on_double(double d, json::string_view s, json::error_code&) {
    begin_value();
    stack_.push_double(d);
    number_.append(s.data(), s.size());
    if (depth_ > 0 && frames_[depth_ - 1].object &&
        frames_[depth_ - 1].key == "amount")
      amounts.emplace(pointer(), number_);
    if (in_extra() && !kept_exactly(d, number_) &&
        problems.size() < max_problems)
      problems.push_back(
          {pointer(),
           {},
           fmt::format("{} cannot be kept exactly (a number keeps about 17 "
                       "significant digits): write it as a string",
                       number_)});
    number_.clear();
    value_done();
    return true;
  }

  bool on_bool(bool b, json::error_code&) {
    begin_value();
    stack_.push_bool(b);
    value_done();
    return true;
  }
  bool on_null(json::error_code&) {
    begin_value();
    stack_.push_null();
    value_done();
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  // Frames are kept when closed, so that their strings keep their capacity.
  struct frame {
    bool object = false;
    std::string key;        // objects: the current member's key
    std::size_t index = 0;  // arrays: the current element's index
    // Objects: the keys seen, in a vector while they are few (records are
    // small), in a set beyond.
    std::vector<std::string> keys;
    std::unordered_set<std::string> many;

    // Whether `k` was seen in this object before; remembers it.
    bool repeated(const std::string& k) {
      if (many.empty()) {
        if (std::find(keys.begin(), keys.end(), k) != keys.end()) return true;
        if (keys.size() < 32) {
          keys.push_back(k);
          return false;
        }
        many.insert(keys.begin(), keys.end());
      }
      return !many.insert(k).second;
    }
  };

  void open(bool object) {
    if (depth_ == frames_.size()) frames_.emplace_back();
    frame& f = frames_[depth_++];
    f.object = object;
    f.index = 0;
    f.keys.clear();
    f.many.clear();
  }
  void close() { --depth_; }

  // Starts building a value, unless one is being built already: an element
  // of a collection, a member of the top-level object, or the top-level value.
  void begin_value() {
    if (building_) return;
    building_ = true;
    unit_depth_ = depth_;
    // An element is freed once decoded, so it takes its memory from a
    // resource released after each one; the others live to the end.
    json::storage_ptr storage;
    if (depth_ == 2 && collection_) {
      records_.release();
      storage = &records_;
    }
    stack_.reset(std::move(storage));
  }

  void value_done() {
    if (building_ && depth_ == unit_depth_) {
      building_ = false;
      json::value value = stack_.release();
      if (depth_ == 0) {
        sink_.root(std::move(value));
      } else if (depth_ == 1) {
        sink_.top_member(frames_[0].key, std::move(value));
      } else if (sink_.wants_elements()) {
        sink_.element(*collection_, frames_[1].index, value, pointer());
        amounts.clear();
      }
    }
    if (depth_ > 0 && !frames_[depth_ - 1].object) ++frames_[depth_ - 1].index;
    if (depth_ == 1) collection_.reset();
  }

  // Inside the `extra` object of a record (frame 2) or of a part of one.
  bool in_extra() const noexcept {
    for (std::size_t i = 2; i < depth_; ++i)
      if (frames_[i].object && frames_[i].key == "extra") return true;
    return false;
  }

  void key_part(json::string_view s, std::size_t n) {
    std::string& key = frames_[depth_ - 1].key;
    if (n == s.size()) key.clear();  // the first part of a new key
    key.append(s.data(), s.size());
  }

  std::string pointer() const {
    std::string result;
    for (std::size_t i = 0; i < depth_; ++i) {
      if (frames_[i].object)
        append_token(result, frames_[i].key);
      else
        append_index(result, frames_[i].index);
    }
    return result;
  }

  document_sink& sink_;
  std::vector<frame> frames_;
  std::size_t depth_ = 0;
  bool streaming_ = false;                 // the top-level value is an object
  std::optional<std::size_t> collection_;  // the array being streamed
  bool building_ = false;
  std::size_t unit_depth_ = 0;
  json::value_stack stack_;
  std::array<unsigned char, 16 * 1024> buffer_;
  json::monotonic_resource records_;
  std::string number_;
};

// Line and column of the next byte of a text read in pieces; columns count
// characters (UTF-8 code points).
class text_position {
 public:
  void advance(std::string_view s) {
    if (s.empty()) return;       // its data() may be null, which memchr forbids
    const char* last = nullptr;  // the last newline
    for (const char* p = s.data();
         const void* found = std::memchr(
             p, '\n', static_cast<std::size_t>(s.data() + s.size() - p));) {
      last = static_cast<const char*>(found);
      p = last + 1;
      ++line_;
    }
    if (!last) {
      column_ += code_points(s);
      return;
    }
    column_ = 1 + code_points({last + 1, static_cast<std::size_t>(
                                             s.data() + s.size() - last - 1)});
  }
  std::string str() const {
    return fmt::format("line {}, column {}", line_, column_);
  }

 private:
  static std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(),
        [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }
  std::size_t line_ = 1;
  std::size_t column_ = 1;
};

// What the parser stopped at, for the message of a syntax error.
std::string culprit(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return "unexpected end of text";
  const auto c = static_cast<unsigned char>(text[offset]);
  if (c >= 0x20 && c < 0x7F) return fmt::format("unexpected '{}'", char(c));
  return fmt::format("unexpected byte 0x{:02X}", c);
}

// ---- exact amounts

// Reads the text of a JSON number as integer hundredths, exactly. The text
// has already passed the JSON grammar.
std::optional<std::int64_t> decimal_cents(std::string_view text,
                                          std::string& why) {
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  std::string digits;
  long exponent = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9')
    digits += text[i++];
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      digits += text[i++];
      --exponent;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
      negative_exponent = text[i++] == '-';
    long e = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (e < 1'000'000) e = e * 10 + (text[i] - '0');
      ++i;
    }
    exponent += negative_exponent ? -e : e;
  }
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  if (digits.empty()) return 0;
  long shift = exponent + 2;  // from units to hundredths
  while (shift < 0 && digits.back() == '0') {
    digits.pop_back();
    ++shift;
  }
  if (shift < 0) {
    why = "has more than two decimals";
    return std::nullopt;
  }
  if (shift > 19 || digits.size() + static_cast<std::size_t>(shift) > 19) {
    why = "is too large";
    return std::nullopt;
  }
  digits.append(static_cast<std::size_t>(shift), '0');
  std::uint64_t magnitude = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
  if (magnitude >
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    why = "is too large";
    return std::nullopt;
  }
  const auto value = static_cast<std::int64_t>(magnitude);
  return negative ? -value : value;
}

// ---- decoding

std::string_view kind_name(json::kind k) {
  switch (k) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "true or false";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "a number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "a value";
}

// Edit distance, to suggest the field a typo meant.

class decoder {
 public:
  /// `amounts`: the texts of non-integer amounts, by pointer (see
  /// document_handler); null when there are none to look up.
  explicit decoder(
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

 private:
  const std::unordered_map<std::string, std::string>* amounts_;
  std::vector<problem> problems_;
};

// One JSON object read field by field; every problem is reported at the
// pointer of the field it is about.
class fields {
 public:
  /// Reports the members not in `known`, unless `known` is empty.
  fields(decoder& d, json::object& object, std::string at,
         std::initializer_list<std::string_view> known)
      : d_(d), object_(object), at_(std::move(at)) {
    if (known.size() == 0) return;
    for (const auto& member : object_) {
      const std::string_view key(member.key().data(), member.key().size());
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string message = fmt::format("unknown field \"{}\"", key);
      // Suggest the closest known field, if the key is long enough for a
      // suggestion to mean something.
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
      d_.report(child(at_, key), std::move(message));
    }
  }

  decoder& owner() noexcept { return d_; }
  const std::string& at() const noexcept { return at_; }
  std::string at(std::string_view key) const { return child(at_, key); }

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
        d_.report(child(base, i), fmt::format("expected a string, found {}",
                                              kind_name(v.kind())));
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

  /// The record's `extra` object, moved out of the document (copied when
  /// the document's memory is only the current record's).
  extra_fields extra() {
    json::object* o = object("extra");
    return o ? extra_fields(std::move(*o), json::storage_ptr())
             : extra_fields{};
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
  decoder& d_;
  json::object& object_;
  std::string at_;
};

template <class Enum>
std::optional<Enum> enum_field(fields& f, std::string_view key, bool required,
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

std::optional<money> money_field(fields& f, std::string_view key) {
  json::object* o = f.object(key);
  if (!o) return std::nullopt;
  decoder& d = f.owner();
  fields m(d, *o, f.at(key), {"amount", "currency"});
  money result;
  bool ok = true;
  if (json::value* amount = m.get("amount", true)) {
    const std::string at = m.at("amount");
    std::string why;
    std::optional<std::int64_t> cents;
    if (amount->is_int64()) {
      const std::int64_t units = amount->get_int64();
      if (units > std::numeric_limits<std::int64_t>::max() / 100 ||
          units < std::numeric_limits<std::int64_t>::min() / 100)
        why = "is too large";
      else
        cents = units * 100;
    } else if (amount->is_uint64()) {
      why = "is too large";
    } else if (amount->is_double()) {
      // The handler keeps the text of every non-integer amount; the
      // shortest form of the double is only a fallback.
      const std::string* text = d.amount_text(at);
      const std::string shortest =
          text ? std::string() : fmt::format("{}", amount->get_double());
      cents = decimal_cents(text ? *text : shortest, why);
    } else {
      m.wrong_type("amount", "a number", *amount);
      ok = false;
    }
    if (cents && *cents < 0) {
      cents.reset();
      why = "must not be negative";
    }
    if (cents)
      result.cents = *cents;
    else if (ok)
      d.report(at, fmt::format("amount {}", why));
    ok = ok && cents;
  } else {
    ok = false;
  }
  if (auto currency = m.string("currency", true)) {
    const bool code = currency->size() == 3 &&
                      std::all_of(currency->begin(), currency->end(),
                                  [](char c) { return c >= 'A' && c <= 'Z'; });
    if (code)
      result.currency = std::move(*currency);
    else
      d.report(m.at("currency"),
               fmt::format("\"{}\" is not a currency code (three capital "
                           "letters, as \"USD\")",
                           *currency));
    ok = ok && code;
  } else {
    ok = false;
  }
  if (!ok) return std::nullopt;
  return result;
}

constexpr std::string_view org_kinds =
    "company, nonprofit, academic, government, foundation or other";
constexpr std::string_view seat_modes =
    "per-member, elected, fixed or ex-officio";
constexpr std::string_view offices =
    "chair, vice-chair, treasurer or secretary";

// ---- places

// A record key's fingerprint: two hashes computed independently (std::hash
// of each part, combined; and FNV-1a over all of them), 96 bits in all, so
// that two keys of one document share one with a chance of about 1e-17.
struct fingerprint {
  std::uint64_t hash = 0;
  std::uint32_t check = 0;
};

class fingerprinter {
 public:
  explicit fingerprinter(std::size_t kind) { add(kind); }

  void add(std::uint64_t v) noexcept {
    hash_ = (hash_ ^ v) * 0x9E3779B97F4A7C15ULL;
    hash_ ^= hash_ >> 29;
    for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(v >> (8 * i)));
  }
  void add(std::string_view s) noexcept {
    hash_ = (hash_ ^ std::hash<std::string_view>{}(s)) * 0x9E3779B97F4A7C15ULL;
    hash_ ^= hash_ >> 29;
    for (char c : s) byte(static_cast<unsigned char>(c));
    byte(0xFF);  // not UTF-8: ends the string
  }
  void add(date d) noexcept {
    add(static_cast<std::uint64_t>(
        std::chrono::sys_days(d).time_since_epoch().count()));
  }

  fingerprint result() const noexcept {
    return {hash_, static_cast<std::uint32_t>(fnv_ ^ (fnv_ >> 32))};
  }

 private:
  void byte(unsigned char c) noexcept { fnv_ = (fnv_ ^ c) * 0x100000001B3ULL; }

  std::uint64_t hash_ = 0;
  std::uint64_t fnv_ = 0xCBF29CE484222325ULL;
};

fingerprint fingerprint_of(const record_key& key) noexcept {
  fingerprinter f(key.index());
  std::visit(
      [&f](const auto& k) {
        using key_type = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<key_type, membership_key>) {
          f.add(k.org.str());
          f.add(k.foundation.str());
          f.add(k.from);
        } else if constexpr (std::is_same_v<key_type, seat_key>) {
          f.add(k.body.str());
          f.add(k.seat_class.str());
          f.add(k.person.str());
          f.add(k.from);
        } else if constexpr (std::is_same_v<key_type, role_key>) {
          f.add(k.person.str());
          f.add(k.title);
          f.add(str(k.scope));
          f.add(k.scope.index());
          f.add(k.from);
        } else {
          f.add(k.str());
        }
      },
      key);
  return f.result();
}

// Where each record of a document is, by its key's fingerprint: 16 bytes a
// record (a map from key names to pointers took ten times as much on a
// million-record document), and nothing of the records themselves, which
// may be in a registry already when the document is read in pieces.
class place_index {
 public:
  struct place {
    std::size_t collection;
    std::size_t element;  // its index in the collection's array
  };
  /// The largest element index a place can hold.
  static constexpr std::size_t max_element = (std::size_t{1} << 29) - 2;

  /// Makes room for `n` records.
  void reserve(std::size_t n) {
    while (n * 4 > slots_.size() * 3) grow();
  }

  /// Adds the place of a record; returns the place of an earlier record
  /// with the same key instead, if there is one.
  std::optional<place> add(fingerprint key, place where) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    for (std::size_t i = key.hash & mask();; i = (i + 1) & mask()) {
      slot& s = slots_[i];
      if (s.where == empty) {
        s = {
            key.hash, key.check,
            static_cast<std::uint32_t>(where.collection << 29 | where.element)};
        ++size_;
        return std::nullopt;
      }
      if (s.hash == key.hash && s.check == key.check) return decode(s.where);
    }
  }

  std::optional<place> find(fingerprint key) const {
    if (slots_.empty()) return std::nullopt;
    for (std::size_t i = key.hash & mask(); slots_[i].where != empty;
         i = (i + 1) & mask())
      if (slots_[i].hash == key.hash && slots_[i].check == key.check)
        return decode(slots_[i].where);
    return std::nullopt;
  }

 private:
  struct slot {
    std::uint64_t hash;
    std::uint32_t check;
    std::uint32_t where;  // collection (3 bits), element (29 bits)
  };
  static constexpr std::uint32_t empty = ~std::uint32_t{0};

  static place decode(std::uint32_t where) noexcept {
    return {where >> 29, where & ((std::uint32_t{1} << 29) - 1)};
  }
  std::size_t mask() const noexcept { return slots_.size() - 1; }

  void grow() {
    std::vector<slot> old(std::max<std::size_t>(slots_.size() * 2, 1024),
                          slot{0, 0, empty});
    old.swap(slots_);
    for (const slot& s : old) {
      if (s.where == empty) continue;
      std::size_t i = s.hash & mask();
      while (slots_[i].where != empty) i = (i + 1) & mask();
      slots_[i] = s;
    }
  }

  std::vector<slot> slots_;
  std::size_t size_ = 0;
};

// ---- records

// Decodes the document's elements as the handler hands them over, into the
// batch it is given; the top-level members are kept and checked at the end,
// since the spec does not fix their order.
class document_decoder final : public document_sink {
 public:
  void set_amounts(const std::unordered_map<std::string, std::string>* a) {
    d_ = decoder(a);
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

  void element(std::size_t collection, std::size_t index, json::value& value,
               std::string at) override {
    if (!value.is_object()) {
      d_.report(std::move(at), fmt::format("expected an object, found {}",
                                           kind_name(value.kind())));
      return;
    }
    if (index > place_index::max_element) {
      d_.report(std::move(at), "too many records");
      return;
    }
    here_ = {collection, index};
    json::object& o = value.get_object();
    switch (collection) {
      case 0:
        read_organization(o, std::move(at));
        break;
      case 1:
        read_person(o, std::move(at));
        break;
      case 2:
        read_foundation(o, std::move(at));
        break;
      case 3:
        read_project(o, std::move(at));
        break;
      case 4:
        read_membership(o, std::move(at));
        break;
      case 5:
        read_body(o, std::move(at));
        break;
      case 6:
        read_seat(o, std::move(at));
        break;
      default:
        read_role(o, std::move(at));
        break;
    }
  }

  bool has_problems() const noexcept { return d_.count() > 0; }

  /// Throws the problems found, if any, once the whole document is read:
  /// those of the header alone if it is wrong; else `problems` (those the
  /// handler found: repeated keys, inexact numbers), then the top-level
  /// members', then the records'.
  void check(std::vector<problem> problems) {
    decoder top;
    check_top(top);
    // A document of another format or version would only drown the reader
    // in problems that are not its own: report the header alone.
    if (top.count() > 0) throw validation_error(std::move(top.problems()));
    check_members(top);
    for (auto& p : top.problems()) problems.push_back(std::move(p));
    for (auto& p : d_.problems()) problems.push_back(std::move(p));
    if (problems.size() > max_problems) problems.resize(max_problems);
    if (!problems.empty()) throw validation_error(std::move(problems));
  }

  /// Places the problems of the records decoded by their JSON Pointer.
  locator where() const {
    return [places = places_](const record_key& key, std::string_view field) {
      if (auto p = places->find(fingerprint_of(key)))
        return fmt::format("/{}/{}{}", collection_names[p->collection],
                           p->element, field);
      std::string name = to_string(key);
      if (!field.empty()) name += fmt::format(" {}", field);
      return name;
    };
  }

 private:
  void check_top(decoder& top) {
    if (root_kind_) {
      top.report({}, fmt::format("expected an object, found {}",
                                 kind_name(*root_kind_)));
      return;
    }
    fields header(top, top_, {}, {});
    if (auto format = header.string("format", true);
        format && *format != format_name) {
      top.report("/format",
                 fmt::format(R"(unknown format "{}" (expected "{}"))", *format,
                             format_name));
    }
    if (json::value* version = header.get("version", true)) {
      if (!version->is_int64())
        header.wrong_type("version", "an integer", *version);
      else if (version->get_int64() != format_version)
        top.report("/version",
                   fmt::format("unsupported version {} (this library reads "
                               "version {})",
                               version->get_int64(), format_version));
    }
  }

  // Unknown members, and collections that are not arrays (the handler
  // streams arrays only, so whatever is left here under a collection's name
  // is something else).
  void check_members(decoder& top) {
    const fields known(
        top, top_, {},
        {"format", "version", "organizations", "people", "foundations",
         "projects", "memberships", "bodies", "seats", "roles"});
    for (std::string_view name : collection_names) {
      const json::value* v =
          top_.if_contains(json::string_view(name.data(), name.size()));
      if (v && !v->is_null())
        top.report(child("", name), fmt::format("expected an array, found {}",
                                                kind_name(v->kind())));
    }
  }

  // Remembers where the record is, and reports it if its key was seen.
  void place(const record_key& key, const std::string& at,
             std::string_view key_field) {
    if (places_->add(fingerprint_of(key), here_)) {
      d_.report(key_field.empty() ? at : child(at, key_field),
                fmt::format("duplicate {}", to_string(key)),
                std::visit(
                    [](const auto& k) -> std::string {
                      if constexpr (requires { k.str(); })
                        return k.str();
                      else
                        return {};
                    },
                    key));
    }
  }

  void read_organization(json::object& o, std::string at) {
    fields f(d_, o, std::move(at),
             {"id", "name", "kind", "parent", "aliases", "domains", "extra"});
    organization r;
    auto id = f.id("id", true);
    r.name = f.string("name", true, false).value_or("");
    r.kind = enum_field(f, "kind", false, &parse_org_kind, org_kinds)
                 .value_or(org_kind::company);
    if (auto parent = f.id("parent", false)) r.parent = org_id(*parent);
    r.aliases = f.strings("aliases");
    r.domains = f.strings("domains");
    r.extra = f.extra();
    if (id) {
      r.id = org_id(*id);
      place(r.id, f.at(), "id");
    }
    out_->add(std::move(r));
  }

  affiliation read_affiliation(fields& f) {
    affiliation a;
    if (auto org = f.id("org", true)) a.org = org_id(*org);
    a.when = f.when();
    a.title = f.string("title", false).value_or("");
    a.extra = f.extra();
    return a;
  }

  void read_person(json::object& o, std::string at) {
    fields f(d_, o, std::move(at),
             {"id", "name", "emails", "handles", "affiliations", "extra"});
    person r;
    auto id = f.id("id", true);
    r.name = f.string("name", true, false).value_or("");
    r.emails = f.strings("emails");
    if (json::object* handles = f.object("handles")) {
      const std::string base = f.at("handles");
      for (const auto& member : *handles) {
        const std::string_view key(member.key().data(), member.key().size());
        if (member.value().is_string()) {
          const json::string& s = member.value().get_string();
          r.handles.emplace(key, std::string(s.data(), s.size()));
        } else {
          d_.report(child(base, key),
                    fmt::format("expected a string, found {}",
                                kind_name(member.value().kind())));
        }
      }
    }
    if (json::array* ties = f.array("affiliations")) {
      const std::string base = f.at("affiliations");
      each_object(*ties, base, [&](json::object& t, std::string tat) {
        fields a(d_, t, std::move(tat),
                 {"org", "from", "to", "title", "extra"});
        r.affiliations.push_back(read_affiliation(a));
      });
    }
    r.extra = f.extra();
    if (id) {
      r.id = person_id(*id);
      place(r.id, f.at(), "id");
    }
    out_->add(std::move(r));
  }

  template <class Read>
  void each_object(json::array& a, const std::string& base, Read read) {
    for (std::size_t i = 0; i < a.size() && !d_.full(); ++i) {
      json::value& v = a[i];
      std::string at = child(base, i);
      if (!v.is_object()) {
        d_.report(std::move(at), fmt::format("expected an object, found {}",
                                             kind_name(v.kind())));
        continue;
      }
      read(v.get_object(), std::move(at));
    }
  }

  tier read_tier(fields& f) {
    tier t;
    if (auto id = f.id("id", true)) t.id = tier_id(*id);
    t.name = f.string("name", true, false).value_or("");
    t.rank = f.integer("rank", true, 1).value_or(1);
    t.annual_fee = money_field(f, "annual_fee");
    if (json::array* requirements = f.array("requires")) {
      each_object(*requirements, f.at("requires"),
                  [&](json::object& o, std::string at) {
                    fields r(d_, o, std::move(at), {"foundation", "min_tier"});
                    tier_requirement req;
                    if (auto foundation = r.id("foundation", true))
                      req.foundation = foundation_id(*foundation);
                    if (auto min_tier = r.id("min_tier", true))
                      req.min_tier = tier_id(*min_tier);
                    t.requirements.push_back(std::move(req));
                  });
    }
    t.extra = f.extra();
    return t;
  }

  void read_foundation(json::object& o, std::string at) {
    fields f(d_, o, std::move(at),
             {"id", "name", "parent", "founded", "tiers", "extra"});
    foundation r;
    auto id = f.id("id", true);
    r.name = f.string("name", true, false).value_or("");
    if (auto parent = f.id("parent", false)) r.parent = foundation_id(*parent);
    r.founded = f.date_field("founded", false);
    if (json::array* tiers = f.array("tiers")) {
      std::unordered_set<std::string> seen;
      each_object(*tiers, f.at("tiers"), [&](json::object& t, std::string tat) {
        fields tf(d_, t, std::move(tat),
                  {"id", "name", "rank", "annual_fee", "requires", "extra"});
        tier value = read_tier(tf);
        if (!value.id.empty() && !seen.insert(value.id.str()).second)
          d_.report(tf.at("id"),
                    fmt::format("duplicate tier \"{}\"", value.id.str()),
                    value.id.str());
        r.tiers.push_back(std::move(value));
      });
    }
    r.extra = f.extra();
    if (id) {
      r.id = foundation_id(*id);
      place(r.id, f.at(), "id");
    }
    out_->add(std::move(r));
  }

  void read_project(json::object& o, std::string at) {
    fields f(d_, o, std::move(at),
             {"id", "name", "founded", "stewards", "stages", "extra"});
    project r;
    auto id = f.id("id", true);
    r.name = f.string("name", true, false).value_or("");
    r.founded = f.date_field("founded", false);
    if (json::array* stewards = f.array("stewards")) {
      each_object(*stewards, f.at("stewards"),
                  [&](json::object& s, std::string sat) {
                    fields sf(d_, s, std::move(sat),
                              {"org", "foundation", "from", "to", "extra"});
                    steward value;
                    if (auto which = sf.one_of({"org", "foundation"})) {
                      if (*which == 0) {
                        if (auto org = sf.id("org", true))
                          value.who = org_id(*org);
                      } else {
                        if (auto fid = sf.id("foundation", true))
                          value.who = foundation_id(*fid);
                      }
                    }
                    value.when = sf.when();
                    value.extra = sf.extra();
                    r.stewards.push_back(std::move(value));
                  });
    }
    if (json::array* stages = f.array("stages")) {
      each_object(
          *stages, f.at("stages"), [&](json::object& s, std::string sat) {
            fields sf(d_, s, std::move(sat), {"stage", "from", "to", "extra"});
            stage value;
            value.name = sf.string("stage", true, false).value_or("");
            value.when = sf.when();
            value.extra = sf.extra();
            r.stages.push_back(std::move(value));
          });
    }
    r.extra = f.extra();
    if (id) {
      r.id = project_id(*id);
      place(r.id, f.at(), "id");
    }
    out_->add(std::move(r));
  }

  seat_class read_seat_class(fields& f) {
    seat_class c;
    if (auto id = f.id("id", true)) c.id = seat_class_id(*id);
    auto mode = enum_field(f, "mode", true, &parse_seat_mode, seat_modes);
    if (mode) {
      c.mode = *mode;
      // Fields of other modes would be dropped on export: reject them.
      struct use {
        std::string_view field;
        bool per_member, elected, fixed, ex_officio;
      };
      static constexpr std::array<use, 7> uses{{
          {"tier", true, true, false, false},
          {"per", false, true, false, false},
          {"min", false, true, false, false},
          {"max", false, true, false, false},
          {"round", false, true, false, false},
          {"count", false, false, true, false},
          {"role", false, false, false, true},
      }};
      for (const use& u : uses) {
        const bool applies = *mode == seat_mode::per_member ? u.per_member
                             : *mode == seat_mode::elected  ? u.elected
                             : *mode == seat_mode::fixed    ? u.fixed
                                                            : u.ex_officio;
        if (!applies && f.has(u.field))
          d_.report(f.at(u.field),
                    fmt::format("\"{}\" does not apply to {} seat classes",
                                u.field, to_string(*mode)));
      }
    }
    const bool elected = mode == seat_mode::elected;
    const bool counted = elected || mode == seat_mode::per_member;
    if (!mode || counted) {
      if (auto tier = f.id("tier", counted)) c.tier = tier_id(*tier);
    }
    if (!mode || elected) {
      c.per = f.integer("per", elected, 1).value_or(1);
      c.min = f.integer("min", false);
      c.max = f.integer("max", false);
      if (c.min && c.max && *c.max < *c.min)
        d_.report(f.at("max"), R"("max" is less than "min")");
      c.round = enum_field(f, "round", false, &parse_rounding, "up or down")
                    .value_or(rounding::up);
    }
    if (!mode || mode == seat_mode::fixed)
      c.count = f.integer("count", mode.has_value()).value_or(0);
    if (!mode || mode == seat_mode::ex_officio)
      c.role = f.string("role", mode.has_value(), false).value_or("");
    c.voting = f.boolean("voting");
    c.extra = f.extra();
    return c;
  }

  body_rules read_rules(fields& f) {
    body_rules r;
    r.max_per_family = f.integer("max_per_family", false, 1);
    r.max_fraction_per_family = f.fraction("max_fraction_per_family");
    r.term_years = f.integer("term_years", false, 1);
    r.max_consecutive_terms = f.integer("max_consecutive_terms", false, 1);
    r.min_size = f.integer("min_size", false);
    r.max_size = f.integer("max_size", false);
    if (r.min_size && r.max_size && *r.max_size < *r.min_size)
      d_.report(f.at("max_size"), R"("max_size" is less than "min_size")");
    r.quorum = f.fraction("quorum");
    if (f.has("exclusive_with")) {
      const std::string base = f.at("exclusive_with");
      std::vector<std::string> ids = f.strings("exclusive_with");
      for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!is_slug(ids[i]))
          d_.report(child(base, i),
                    fmt::format("\"{}\" is not a valid id", ids[i]), ids[i]);
        r.exclusive_with.emplace_back(std::move(ids[i]));
      }
    }
    return r;
  }

  void read_body(json::object& o, std::string at) {
    fields f(d_, o, std::move(at),
             {"id", "name", "kind", "foundation", "project", "seat_classes",
              "rules", "extra"});
    body r;
    auto id = f.id("id", true);
    r.name = f.string("name", true, false).value_or("");
    r.kind = f.string("kind", false, false).value_or("board");
    if (auto which = f.one_of({"foundation", "project"})) {
      if (*which == 0) {
        if (auto owner = f.id("foundation", true))
          r.owner = foundation_id(*owner);
      } else {
        if (auto owner = f.id("project", true)) r.owner = project_id(*owner);
      }
    }
    if (json::array* classes = f.array("seat_classes")) {
      std::unordered_set<std::string> seen;
      each_object(
          *classes, f.at("seat_classes"),
          [&](json::object& c, std::string cat) {
            fields cf(d_, c, std::move(cat),
                      {"id", "mode", "tier", "per", "min", "max", "round",
                       "count", "role", "voting", "extra"});
            seat_class value = read_seat_class(cf);
            if (!value.id.empty() && !seen.insert(value.id.str()).second)
              d_.report(
                  cf.at("id"),
                  fmt::format("duplicate seat class \"{}\"", value.id.str()),
                  value.id.str());
            r.seat_classes.push_back(std::move(value));
          });
    }
    if (json::object* rules = f.object("rules")) {
      fields rf(d_, *rules, f.at("rules"),
                {"max_per_family", "max_fraction_per_family", "term_years",
                 "max_consecutive_terms", "min_size", "max_size", "quorum",
                 "exclusive_with"});
      r.rules = read_rules(rf);
    }
    r.extra = f.extra();
    if (id) {
      r.id = body_id(*id);
      place(r.id, f.at(), "id");
    }
    out_->add(std::move(r));
  }

  void read_membership(json::object& o, std::string at) {
    fields f(d_, o, std::move(at),
             {"org", "foundation", "tier", "from", "to", "founding", "extra"});
    membership r;
    auto org = f.id("org", true);
    auto foundation = f.id("foundation", true);
    if (auto tier = f.id("tier", true)) r.tier = tier_id(*tier);
    auto from = f.date_field("from", true);
    r.when.to = f.date_field("to", false);
    r.founding = f.boolean("founding").value_or(false);
    r.extra = f.extra();
    if (org) r.org = org_id(*org);
    if (foundation) r.foundation = foundation_id(*foundation);
    if (from) r.when.from = *from;
    if (org && foundation && from) place(key_of(r), f.at(), {});
    out_->add(std::move(r));
  }

  void read_seat(json::object& o, std::string at) {
    fields f(d_, o, std::move(at),
             {"body", "class", "person", "represents", "office", "voting",
              "from", "to", "extra"});
    seat r;
    auto body = f.id("body", true);
    auto seat_class = f.id("class", true);
    auto person = f.id("person", true);
    if (auto represents = f.id("represents", false))
      r.represents = org_id(*represents);
    r.office = enum_field(f, "office", false, &parse_office, offices);
    r.voting = f.boolean("voting");
    auto from = f.date_field("from", true);
    r.when.to = f.date_field("to", false);
    r.extra = f.extra();
    if (body) r.body = body_id(*body);
    if (seat_class) r.seat_class = seat_class_id(*seat_class);
    if (person) r.person = person_id(*person);
    if (from) r.when.from = *from;
    if (body && seat_class && person && from) place(key_of(r), f.at(), {});
    out_->add(std::move(r));
  }

  void read_role(json::object& o, std::string at) {
    fields f(d_, o, std::move(at),
             {"person", "title", "foundation", "project", "body", "from", "to",
              "extra"});
    role r;
    auto person = f.id("person", true);
    auto title = f.string("title", true, false);
    std::optional<std::string> scope;
    if (auto which = f.one_of({"foundation", "project", "body"})) {
      switch (*which) {
        case 0:
          if ((scope = f.id("foundation", true)))
            r.scope = foundation_id(*scope);
          break;
        case 1:
          if ((scope = f.id("project", true))) r.scope = project_id(*scope);
          break;
        default:
          if ((scope = f.id("body", true))) r.scope = body_id(*scope);
          break;
      }
    }
    auto from = f.date_field("from", true);
    r.when.to = f.date_field("to", false);
    r.extra = f.extra();
    if (person) r.person = person_id(*person);
    if (title) r.title = std::move(*title);
    if (from) r.when.from = *from;
    if (person && title && scope && from) place(key_of(r), f.at(), {});
    out_->add(std::move(r));
  }

  decoder d_;
  json::object top_;
  std::optional<json::kind> root_kind_;
  batch* out_ = nullptr;
  std::shared_ptr<place_index> places_ = std::make_shared<place_index>();
  place_index::place here_{};
};

// ---- encoding

// Writes the canonical layout: one record per line, fields in the spec's
// order, ", " and ": " between them.
class writer {
 public:
  std::string& text() noexcept { return out_; }

  void raw(std::string_view s) { out_ += s; }

  // Escapes as boost::json::serialize does (quote, backslash and control
  // characters only), without its per-string set-up.
  void string(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    static constexpr auto plain_byte = [] {
      std::array<bool, 256> table{};
      for (int c = 0x20; c < 256; ++c) table[c] = c != '"' && c != '\\';
      return table;
    }();
    out_ += '"';
    std::size_t plain = 0;  // start of the run not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (plain_byte[c]) continue;
      out_.append(s.data() + plain, i - plain);
      plain = i + 1;
      switch (c) {
        case '"':
          out_ += "\\\""sv;
          break;
        case '\\':
          out_ += "\\\\"sv;
          break;
        case '\b':
          out_ += "\\b"sv;
          break;
        case '\t':
          out_ += "\\t"sv;
          break;
        case '\n':
          out_ += "\\n"sv;
          break;
        case '\f':
          out_ += "\\f"sv;
          break;
        case '\r':
          out_ += "\\r"sv;
          break;
        default:
          out_ += "\\u00"sv;
          out_ += hex[c >> 4];
          out_ += hex[c & 0xF];
      }
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

  void number(double v) {
    // -0.0 would come back as the integer 0, which prints as "0".
    if (v == 0)
      out_ += '0';
    else if (std::isfinite(v))
      fmt::format_to(std::back_inserter(out_), "{}", v);
    else
      out_ += "null"sv;
  }

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

  void extra(const extra_fields& e) {
    if (e.empty()) return;
    key("extra");
    value(e);
  }

  void value(const json::object& o) {
    begin_object();
    for (const auto& member : o) {
      key(std::string_view(member.key().data(), member.key().size()));
      value(member.value());
    }
    end_object();
  }

  void value(const json::value& v) {
    switch (v.kind()) {
      case json::kind::null:
        out_ += "null"sv;
        break;
      case json::kind::bool_:
        out_ += v.get_bool() ? "true"sv : "false"sv;
        break;
      case json::kind::int64:
        fmt::format_to(std::back_inserter(out_), "{}", v.get_int64());
        break;
      case json::kind::uint64:
        fmt::format_to(std::back_inserter(out_), "{}", v.get_uint64());
        break;
      case json::kind::double_:
        number(v.get_double());
        break;
      case json::kind::string:
        string(std::string_view(v.get_string().data(), v.get_string().size()));
        break;
      case json::kind::array:
        begin_array();
        for (const auto& e : v.get_array()) {
          element();
          value(e);
        }
        end_array();
        break;
      case json::kind::object:
        value(v.get_object());
        break;
    }
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

template <class Record, class Less>
void write_collection(writer& w, std::string_view name,
                      std::span<const Record> records, Less less) {
  w.raw(",\n  ");
  w.string(name);
  w.raw(": [");
  if (records.empty()) {
    w.raw("]");
    return;
  }
  std::vector<const Record*> sorted;
  sorted.reserve(records.size());
  for (const Record& r : records) sorted.push_back(&r);
  // Records read from a canonical document or a store are in order already.
  auto by = [&](const Record* a, const Record* b) { return less(*a, *b); };
  if (!std::is_sorted(sorted.begin(), sorted.end(), by))
    std::sort(sorted.begin(), sorted.end(), by);
  bool first = true;
  for (const Record* r : sorted) {
    w.raw(first ? "\n    " : ",\n    ");
    first = false;
    w.begin_object();
    write(w, *r);
    w.end_object();
  }
  w.raw("\n  ]");
}

constexpr auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };

// Reads a document, from a text or a stream, a piece at a time.
class document_reader {
 public:
  explicit document_reader(std::string_view text)
      : text_(text), records_hint_(records_in(text.size())) {
    init();
  }
  /// `size_hint`: the size of the text, if known.
  document_reader(std::istream& in, std::size_t size_hint)
      : in_(&in), buffer_(piece_bytes), records_hint_(records_in(size_hint)) {
    init();
  }

  /// Decodes the whole document into one batch.
  /// @throws validation_error listing the document's problems.
  decoded_document read_all() {
    decoded_document result;
    result.changes.reserve(records_hint_);
    decoder_.set_output(&result.changes);
    while (feed()) {
    }
    end();
    result.where = decoder_.where();
    return result;
  }

  /// Decodes the next operations into `out` (empty): some thousands of
  /// them, or what is left; false once there are none. Once a problem is
  /// found, no more operations are handed out, and the problems are thrown
  /// at the end of the document.
  /// @throws validation_error listing the document's problems.
  bool fill(batch& out) {
    decoder_.set_output(&out);
    while (!ended_ && out.size() < piece_operations) {
      if (!feed()) end();
      if (failed()) out = batch{};
    }
    decoder_.set_output(nullptr);
    return !out.empty();
  }

  /// Places the problems of the records decoded by their JSON Pointer.
  locator where() const { return decoder_.where(); }

 private:
  static constexpr std::size_t piece_bytes = 1 << 20;

  // About how many records a text of `size` bytes holds, for reserving
  // room: one per 128 bytes (records take some 200), and no more than a
  // million, since the size does not tell (a text may be mostly space).
  static std::size_t records_in(std::size_t size) {
    return std::min<std::size_t>(size / 128, std::size_t{1} << 20);
  }
  static constexpr std::size_t piece_operations = 1 << 14;

  void init() {
    json::parse_options options;
    options.max_depth = 64;
    parser_.emplace(options, decoder_);
    decoder_.set_amounts(&parser_->handler().amounts);
    // Slots are written when made, so these are made for fewer records
    // (one per 256 bytes): at worst, they are made again once.
    decoder_.reserve(records_hint_ / 2);
  }

  bool failed() const {
    return decoder_.has_problems() || !parser_->handler().problems.empty();
  }

  // Hands the next piece of the text to the parser; false at its end.
  // @throws storage_error when the stream fails.
  // Pieces end between characters: a character split between two would
  // put a syntax error in it one or two columns off.
  bool feed() {
    std::string_view piece;
    if (in_) {
      // Straight from the stream's buffer: the stream's exception mask and
      // state are the caller's, and the last piece always sets failbit.
      std::streambuf* source = in_->rdbuf();
      if (!source) throw storage_error("the stream has no buffer");
      std::size_t size = carried_;
      try {
        while (size < buffer_.size()) {
          const auto n = source->sgetn(
              buffer_.data() + size,
              static_cast<std::streamsize>(buffer_.size() - size));
          if (n <= 0) break;
          size += static_cast<std::size_t>(n);
        }
      } catch (const std::exception& e) {
        throw storage_error(fmt::format("the stream failed: {}", e.what()));
      }
      piece = {buffer_.data(), size};
      const bool last = size < buffer_.size();
      if (!last) piece = piece.substr(0, whole_characters(piece));
      carried_ = size - piece.size();
    } else {
      piece = text_.substr(0, piece_bytes);
      if (piece.size() < text_.size())
        piece = piece.substr(0, whole_characters(piece));
      text_.remove_prefix(piece.size());
    }
    if (piece.empty()) return false;
    write(piece);
    // The start of a character cut off at the end, for the next piece.
    if (carried_ > 0)
      std::memmove(buffer_.data(), buffer_.data() + piece.size(), carried_);
    return true;
  }

  // The length of `s` without a UTF-8 sequence cut off at its end.
  static std::size_t whole_characters(std::string_view s) {
    for (std::size_t back = 1; back <= 4 && back <= s.size(); ++back) {
      const auto c = static_cast<unsigned char>(s[s.size() - back]);
      if ((c & 0xC0) == 0x80) continue;  // a continuation byte
      const std::size_t length = c >= 0xF0   ? 4
                                 : c >= 0xE0 ? 3
                                 : c >= 0xC0 ? 2
                                             : 1;
      return length > back ? s.size() - back : s.size();
    }
    return s.size();
  }

  void write(std::string_view text) {
    if (parser_->done()) return trailing(text);
    json::error_code ec;
    const std::size_t used =
        parser_->write_some(true, text.data(), text.size(), ec);
    if (ec) fail(text, used, ec);
    position_.advance(text.substr(0, used));
    if (parser_->done()) trailing(text.substr(used));
  }

  // The end of the text: the document must be complete, and good.
  void end() {
    ended_ = true;
    if (!parser_->done()) {
      json::error_code ec;
      parser_->write_some(false, nullptr, 0, ec);
      if (ec) fail({}, 0, ec);
    }
    decoder_.check(std::move(parser_->handler().problems));
  }

  // After the document, only white space.
  void trailing(std::string_view text) {
    const std::size_t extra = text.find_first_not_of(" \t\r\n");
    if (extra != std::string_view::npos)
      fail(text, extra, json::error::extra_data);
    position_.advance(text);
  }

  [[noreturn]] void fail(std::string_view text, std::size_t offset,
                         json::error_code ec) {
    position_.advance(text.substr(0, offset));
    throw validation_error(
        {problem{{},
                 {},
                 fmt::format("{}: {} ({})", position_.str(), ec.message(),
                             culprit(text, offset))}});
  }

  std::string_view text_;
  std::istream* in_ = nullptr;
  std::vector<char> buffer_;
  // One record takes some 200 bytes of text: reserving for one per 128
  // bytes costs address space only, too little a copy of what was read.
  std::size_t records_hint_ = 0;
  std::size_t carried_ = 0;  // bytes of a cut character, at buffer_'s start
  document_decoder decoder_;
  std::optional<json::basic_parser<document_handler>> parser_;
  text_position position_;
  bool ended_ = false;
};

// The size of what is left to read in `in`, when it can tell (a file, not a
// pipe); 0 otherwise.
std::size_t remaining_size(std::istream& in) {
  // Through the stream's buffer, which neither throws nor changes the
  // stream's state when it cannot seek.
  std::streambuf* buffer = in.rdbuf();
  if (!buffer) return 0;
  const auto here = buffer->pubseekoff(0, std::ios::cur, std::ios::in);
  if (here < 0) return 0;
  const auto end = buffer->pubseekoff(0, std::ios::end, std::ios::in);
  buffer->pubseekpos(here, std::ios::in);
  return end > here ? static_cast<std::size_t>(end - here) : 0;
}

// A new registry of the document's records, applied as they are decoded so
// that the whole batch is never held.
registry read_registry(document_reader& reader) {
  registry result;
  result.apply([&reader](batch& next) { return reader.fill(next); },
               reader.where());
  return result;
}

}  // namespace

decoded_document decode_json(std::string_view text) {
  return document_reader(text).read_all();
}

decoded_document decode_json(std::istream& in) {
  return document_reader(in, remaining_size(in)).read_all();
}

registry from_json(std::string_view text) {
  document_reader reader(text);
  return read_registry(reader);
}

registry from_json(std::istream& in) {
  document_reader reader(in, remaining_size(in));
  return read_registry(reader);
}

std::string to_json(const registry& reg) {
  writer w;
  w.raw("{\n  \"format\": ");
  w.string(format_name);
  w.raw(fmt::format(",\n  \"version\": {}", format_version));
  write_collection(w, "organizations", reg.organizations(), by_id);
  write_collection(w, "people", reg.people(), by_id);
  write_collection(w, "foundations", reg.foundations(), by_id);
  write_collection(w, "projects", reg.projects(), by_id);
  write_collection(w, "memberships", reg.memberships(),
                   [](const membership& a, const membership& b) {
                     return std::tie(a.org, a.foundation, a.when.from) <
                            std::tie(b.org, b.foundation, b.when.from);
                   });
  write_collection(w, "bodies", reg.bodies(), by_id);
  write_collection(w, "seats", reg.seats(), [](const seat& a, const seat& b) {
    return std::tie(a.body, a.seat_class, a.person, a.when.from) <
           std::tie(b.body, b.seat_class, b.person, b.when.from);
  });
  write_collection(w, "roles", reg.roles(), [](const role& a, const role& b) {
    const auto a_scope = a.scope.index();
    const auto b_scope = b.scope.index();
    return std::tie(a.person, a.title, str(a.scope), a_scope, a.when.from) <
           std::tie(b.person, b.title, str(b.scope), b_scope, b.when.from);
  });
  w.raw("\n}\n");
  return std::move(w.text());
}

registry load_json(const std::filesystem::path& file) {
  auto fail = [&](const std::string& why) {
    throw storage_error(fmt::format("cannot read {}: {}", file.string(), why));
  };
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) fail("is a folder");
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(std::generic_category().message(errno));
  try {
    return from_json(in);
  } catch (const storage_error& e) {
    throw storage_error(
        fmt::format("cannot read {}: {}", file.string(), e.what()));
  }
}

void save_json(const registry& reg, const std::filesystem::path& file) {
  if (auto why = detail::replace_file(file, to_json(reg)))
    throw storage_error(
        fmt::format("cannot write {}: {}", file.string(), *why));
}

}  // namespace charter
