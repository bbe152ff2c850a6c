// extra_fields: its block of text, parse() (Boost.JSON's basic_parser
// streams the text through canonical_writer, which writes the canonical
// form as the tokens come, without a DOM), the accessors (a scan of the
// canonical text, which is known to be good) and equality.
#include <charter/extra.hpp>

#include <charter/error.hpp>
#include <charter/limits.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "json/canonical.hpp"
#include "json/extra_text.hpp"
#include "json/numbers.hpp"
#include "json/position.hpp"

namespace charter {

namespace detail {

namespace {

namespace json = boost::json;
using namespace std::string_view_literals;

// A block holding `text`: its size, then its bytes.
char* new_block(std::string_view text) {
  auto* block =
      static_cast<char*>(::operator new(sizeof(std::size_t) + text.size()));
  const std::size_t size = text.size();
  std::memcpy(block, &size, sizeof size);
  std::memcpy(block + sizeof size, text.data(), text.size());
  return block;
}

// Writes the canonical text of a JSON text as basic_parser reports its
// tokens, and checks what a DOM would hide or lose: the root's kind, keys
// repeated within an object, numbers that a double cannot hold exactly.
class canonical_writer {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  enum class refusal { none, not_object, inexact, repeated_key };

  explicit canonical_writer(std::string& out) : out_(out) {}

  /// Why the handler stopped the parser, if it did.
  refusal refused = refusal::none;
  /// The number or key (as canonical JSON) refused.
  std::string culprit;

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }

  bool on_object_begin(json::error_code& ec) {
    if (!frames_.empty() && !begin_value(ec)) return false;  // not the root
    out_ += '{';
    open(true);
    return true;
  }
  bool on_object_end(std::size_t, json::error_code&) {
    out_ += '}';
    close();
    return true;
  }
  bool on_array_begin(json::error_code& ec) {
    if (!begin_value(ec)) return false;
    out_ += '[';
    open(false);
    return true;
  }
  bool on_array_end(std::size_t, json::error_code&) {
    out_ += ']';
    close();
    return true;
  }

  bool on_key_part(json::string_view s, std::size_t n, json::error_code&) {
    if (n == s.size()) begin_key();
    append_json_escaped(out_, {s.data(), s.size()});
    return true;
  }
  bool on_key(json::string_view s, std::size_t n, json::error_code& ec) {
    if (n == s.size()) begin_key();
    append_json_escaped(out_, {s.data(), s.size()});
    out_ += '"';
    if (repeated()) {
      culprit.assign(out_, key_start_);
      return refuse(refusal::repeated_key, ec);
    }
    out_ += ": "sv;
    return true;
  }

  bool on_string_part(json::string_view s, std::size_t n,
                      json::error_code& ec) {
    if (n == s.size()) {
      if (!begin_value(ec)) return false;
      out_ += '"';
    }
    append_json_escaped(out_, {s.data(), s.size()});
    return true;
  }
  bool on_string(json::string_view s, std::size_t n, json::error_code& ec) {
    if (n == s.size()) {
      if (!begin_value(ec)) return false;
      out_ += '"';
    }
    append_json_escaped(out_, {s.data(), s.size()});
    out_ += '"';
    return true;
  }

  bool on_number_part(json::string_view s, json::error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view s, json::error_code& ec) {
    number_.append(s.data(), s.size());
    if (!begin_value(ec)) return false;
    append_json_integer(out_, i);
    number_.clear();
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view s, json::error_code& ec) {
    number_.append(s.data(), s.size());
    if (!begin_value(ec)) return false;
    append_json_integer(out_, u);
    number_.clear();
    return true;
  }
  bool on_double(double, json::string_view s, json::error_code& ec) {
    number_.append(s.data(), s.size());
    if (!begin_value(ec)) return false;
    const auto exact = exact_double(number_);
    if (!exact) {
      culprit = number_;
      return refuse(refusal::inexact, ec);
    }
    append_json_number(out_, *exact);
    number_.clear();
    return true;
  }

  bool on_bool(bool b, json::error_code& ec) {
    if (!begin_value(ec)) return false;
    out_ += b ? "true"sv : "false"sv;
    return true;
  }
  bool on_null(json::error_code& ec) {
    if (!begin_value(ec)) return false;
    out_ += "null"sv;
    return true;
  }
  // Comments are not allowed (the default parse_options): never called.
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

  /// The length of the number being read, for placing a refused one.
  std::size_t number_size() const noexcept { return number_.size(); }

 private:
  // An open object or array.
  struct frame {
    bool object = false;
    bool first = true;
    std::size_t keys = 0;  // objects: where its keys start in keys_
    // Objects with many keys: the keys, beyond the linear search's reach.
    std::unique_ptr<std::unordered_set<std::string>> many;
  };
  // Linear search is faster for the few keys that most objects have.
  static constexpr std::size_t few_keys = 32;

  bool refuse(refusal why, json::error_code& ec) {
    refused = why;
    // Any code: it only stops the parser; `refused` says why.
    ec = json::error::syntax;
    return false;
  }

  // Starts a value: the root must be an object, and an element after
  // another takes a separator.
  bool begin_value(json::error_code& ec) {
    if (frames_.empty()) return refuse(refusal::not_object, ec);
    frame& top = frames_.back();
    if (!top.object) {
      if (!top.first) out_ += ", "sv;
      top.first = false;
    }
    return true;
  }

  void begin_key() {
    frame& top = frames_.back();
    if (!top.first) out_ += ", "sv;
    top.first = false;
    key_start_ = out_.size();
    out_ += '"';
  }

  // Whether the key just written (from key_start_ to the end of out_, as
  // canonical JSON, which tells keys apart as their values do) was seen in
  // the current object before; remembers it.
  bool repeated() {
    frame& top = frames_.back();
    const std::string_view text(out_);
    const std::string_view key = text.substr(key_start_);
    // Views into out_ would not survive its growth: the set owns copies.
    if (top.many) return !top.many->emplace(key).second;
    for (std::size_t i = top.keys; i < keys_.size(); ++i)
      if (text.substr(keys_[i].first, keys_[i].second) == key) return true;
    keys_.emplace_back(key_start_, key.size());
    if (keys_.size() - top.keys > few_keys) {
      top.many = std::make_unique<std::unordered_set<std::string>>();
      for (std::size_t i = top.keys; i < keys_.size(); ++i)
        top.many->emplace(text.substr(keys_[i].first, keys_[i].second));
      keys_.resize(top.keys);
    }
    return false;
  }

  void open(bool object) {
    frames_.push_back({object, true, keys_.size(), nullptr});
  }
  void close() {
    keys_.resize(frames_.back().keys);
    frames_.pop_back();
  }

  std::string& out_;
  std::vector<frame> frames_;
  // The keys of the open objects, as (offset, size) in out_.
  std::vector<std::pair<std::size_t, std::size_t>> keys_;
  std::size_t key_start_ = 0;
  std::string number_;
};

// The kind of JSON value that starts with `c`, for a message.
std::string_view kind_at(char c) {
  switch (c) {
    case '[':
      return "an array";
    case '"':
      return "a string";
    case 't':
    case 'f':
      return "true or false";
    case 'n':
      return "null";
    default:
      return "a number";
  }
}

// Where the key whose closing quote is at or just before `end` starts.
std::size_t key_start(std::string_view text, std::size_t end) {
  const std::size_t close =
      end < text.size() && text[end] == '"' ? end : end - 1;
  for (std::size_t i = close; i-- > 0;) {
    if (text[i] != '"') continue;
    std::size_t backslashes = 0;
    while (i - backslashes > 0 && text[i - backslashes - 1] == '\\')
      ++backslashes;
    if (backslashes % 2 == 0) return i;
  }
  return 0;
}

[[noreturn]] void fail_at(std::string_view text, std::size_t offset,
                          std::string_view what) {
  text_position where;
  where.advance(text.substr(0, offset));
  throw parse_error(fmt::format("extra fields: {}: {}", where.str(), what));
}

// Scanning canonical text, which is known to be good: every string is
// closed, every container balanced, and separators are ", " and ": ".

// The end of the string that starts (with its quote) at `i`.
std::size_t skip_string(std::string_view t, std::size_t i) {
  for (++i; t[i] != '"'; ++i)
    if (t[i] == '\\') ++i;
  return i + 1;
}

// The end of the value that starts at `i`.
std::size_t skip_value(std::string_view t, std::size_t i) {
  if (t[i] == '"') return skip_string(t, i);
  if (t[i] == '{' || t[i] == '[') {
    std::size_t depth = 0;
    do {
      const char c = t[i];
      if (c == '"') {
        i = skip_string(t, i);
        continue;
      }
      if (c == '{' || c == '[')
        ++depth;
      else if (c == '}' || c == ']')
        --depth;
      ++i;
    } while (depth > 0);
    return i;
  }
  while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']') ++i;
  return i;
}

// Calls f(key, value) for each member of the object `t`, with the key as
// canonical JSON (quoted) and the value's text, until f returns false.
template <class F>
void each_member(std::string_view t, F&& f) {
  if (t.size() <= 2) return;  // "{}"
  std::size_t i = 1;
  while (true) {
    const std::size_t key_end = skip_string(t, i);
    const std::size_t value = key_end + 2;  // after ": "
    const std::size_t value_end = skip_value(t, value);
    if (!f(t.substr(i, key_end - i), t.substr(value, value_end - value)))
      return;
    if (t[value_end] == '}') return;
    i = value_end + 2;  // after ", "
  }
}

// The value of member `key` of the object `t`, as text.
std::optional<std::string_view> find_member(std::string_view t,
                                            std::string_view key) {
  std::string quoted;
  append_json_string(quoted, key);
  std::optional<std::string_view> found;
  each_member(t, [&](std::string_view k, std::string_view v) {
    if (k != quoted) return true;
    found = v;
    return false;
  });
  return found;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

char32_t hex4(std::string_view t, std::size_t i) {
  char32_t c = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    const char h = t[k];
    c = c * 16 + static_cast<char32_t>(h <= '9'   ? h - '0'
                                       : h <= 'F' ? h - 'A' + 10
                                                  : h - 'a' + 10);
  }
  return c;
}

// The characters of the JSON string `t` (quoted). Canonical text escapes
// only quotes, backslashes and control characters; the rest is for any
// good JSON.
std::string unescape(std::string_view t) {
  std::string out;
  out.reserve(t.size() - 2);
  for (std::size_t i = 1; i + 1 < t.size(); ++i) {
    if (t[i] != '\\') {
      out += t[i];
      continue;
    }
    switch (t[++i]) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        char32_t c = hex4(t, i + 1);
        i += 4;
        if (c >= 0xD800 && c < 0xDC00 && i + 6 < t.size() && t[i + 1] == '\\' &&
            t[i + 2] == 'u') {
          const char32_t low = hex4(t, i + 3);
          if (low >= 0xDC00 && low < 0xE000) {
            c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        append_utf8(out, c);
        break;
      }
      default:  // '"', '\\', '/'
        out += t[i];
    }
  }
  return out;
}

json::value parse_canonical(std::string_view text) {
  json::parse_options options;
  options.max_depth = max_extra_depth;
  return json::parse(json::string_view(text.data(), text.size()), {}, options);
}

}  // namespace

extra_fields extra_access::adopt(std::string_view canonical) {
  extra_fields result;
  if (canonical.size() > 2) result.block_ = new_block(canonical);
  return result;
}

extra_fields extra_of(const boost::json::object& o, std::string& scratch) {
  if (o.empty()) return {};
  scratch.clear();
  append_json_object(scratch, o);
  return extra_access::adopt(scratch);
}

extra_fields parse_extra(std::string_view text, std::string& scratch) {
  scratch.clear();
  json::parse_options options;
  options.max_depth = max_extra_depth;
  json::basic_parser<canonical_writer> parser(options, scratch);
  json::error_code ec;
  const std::size_t used =
      parser.write_some(false, text.data(), text.size(), ec);
  canonical_writer& w = parser.handler();
  switch (w.refused) {
    case canonical_writer::refusal::none:
      break;
    case canonical_writer::refusal::not_object: {
      const std::size_t at = text.find_first_not_of(" \t\r\n");
      fail_at(
          text, at,
          fmt::format("expected a JSON object, found {}", kind_at(text[at])));
    }
    case canonical_writer::refusal::inexact:
      fail_at(text, used - w.number_size(),
              fmt::format("{} cannot be kept exactly (a number keeps about 17 "
                          "significant digits): write it as a string",
                          w.culprit));
    case canonical_writer::refusal::repeated_key:
      fail_at(text, key_start(text, used),
              fmt::format("duplicate key {}", w.culprit));
  }
  if (ec == json::error::too_deep)
    fail_at(text, used,
            fmt::format("nested deeper than the limit of {} levels ({})",
                        max_extra_depth, culprit(text, used)));
  if (ec) {
    const auto place = place_syntax_error(text, used, ec);
    fail_at(text, place.offset, place.message);
  }
  // After the object, only white space.
  const std::size_t after = text.find_first_not_of(" \t\r\n", used);
  if (after != std::string_view::npos)
    fail_at(text, after,
            fmt::format("{} ({})",
                        json::error_code(json::error::extra_data).message(),
                        culprit(text, after)));
  if (scratch.size() > max_extra_bytes)
    throw parse_error(
        fmt::format("extra fields: an object of {} bytes (in canonical form) "
                    "is longer than the "
                    "limit of {} bytes",
                    scratch.size(), max_extra_bytes));
  return extra_access::adopt(scratch);
}

std::size_t nesting_of(const json::object& o) {
  // Recursion is bounded: `o` came from a parser with a depth limit.
  struct depth {
    static std::size_t of(const json::value& v) {
      std::size_t deepest = 0;
      if (const json::object* inner = v.if_object()) {
        for (const auto& member : *inner)
          deepest = std::max(deepest, of(member.value()));
      } else if (const json::array* a = v.if_array()) {
        for (const json::value& element : *a)
          deepest = std::max(deepest, of(element));
      } else {
        return 0;
      }
      return deepest + 1;
    }
  };
  std::size_t deepest = 0;
  for (const auto& member : o)
    deepest = std::max(deepest, depth::of(member.value()));
  return deepest + 1;
}

}  // namespace detail

extra_fields::extra_fields(const extra_fields& other)
    : block_(other.block_ ? detail::new_block(other.json()) : nullptr) {}

extra_fields& extra_fields::operator=(const extra_fields& other) {
  if (this != &other) extra_fields(other).swap(*this);
  return *this;
}

extra_fields::~extra_fields() { ::operator delete(block_); }

extra_fields extra_fields::parse(std::string_view json_text) {
  std::string scratch;
  return detail::parse_extra(json_text, scratch);
}

std::size_t extra_fields::size() const {
  std::size_t n = 0;
  detail::each_member(json(), [&](std::string_view, std::string_view) {
    ++n;
    return true;
  });
  return n;
}

bool extra_fields::contains(std::string_view key) const {
  return !empty() && detail::find_member(json(), key).has_value();
}

std::optional<std::string> extra_fields::string(std::string_view key) const {
  if (empty()) return std::nullopt;
  const auto value = detail::find_member(json(), key);
  if (!value || value->front() != '"') return std::nullopt;
  return detail::unescape(*value);
}

std::optional<std::string> extra_fields::value_json(
    std::string_view key) const {
  if (empty()) return std::nullopt;
  const auto value = detail::find_member(json(), key);
  if (!value) return std::nullopt;
  return std::string(*value);
}

bool operator==(const extra_fields& a, const extra_fields& b) {
  const std::string_view x = a.json();
  const std::string_view y = b.json();
  if (x == y) return true;
  // Canonical texts of equal objects differ only in the order of members,
  // which keeps their length.
  if (x.size() != y.size()) return false;
  return detail::parse_canonical(x) == detail::parse_canonical(y);
}

}  // namespace charter
