// Reading a document: Boost.JSON's basic_parser (its template code is
// instantiated here only) streams the text, a piece at a time, through
// document_handler, which builds one record's DOM at a time for the
// decoder; syntax errors are reported with their line and column.
#include "json/reader.hpp"

#include <charter/batch.hpp>
#include <charter/error.hpp>
#include <charter/json.hpp>
#include <charter/registry.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "json/decode.hpp"
#include "json/format.hpp"
#include "json/numbers.hpp"
#include "json/pointer.hpp"
#include "json/position.hpp"

namespace charter::detail {

namespace {

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

  explicit document_handler(document_decoder& sink)
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
      collection_ = collection_of(frames_[0].key);
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
    refuse_if_too_long(n, depth_ - 1);
    if (building_) stack_.push_chars(s);
    key_part(s, n);
    return true;
  }
  bool on_key(json::string_view s, std::size_t n, json::error_code&) {
    refuse_if_too_long(n, depth_ - 1);
    if (building_) stack_.push_key(s);
    key_part(s, n);
    frame& top = frames_[depth_ - 1];
    if (depth_ == 1 && streaming_ && !document_decoder::is_top_member(top.key))
      sink_.refuse_top_member(top.key, std::move(problems));
    if (top.repeated(top.key) && problems.size() < max_problems)
      problems.push_back(
          {pointer(), {}, fmt::format("duplicate key \"{}\"", top.key)});
    return true;
  }

  bool on_string_part(json::string_view s, std::size_t n, json::error_code&) {
    begin_value();
    refuse_if_too_long(n, depth_);
    stack_.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t n, json::error_code&) {
    begin_value();
    refuse_if_too_long(n, depth_);
    stack_.push_string(s);
    value_done();
    return true;
  }

  bool on_number_part(json::string_view s, json::error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  /// The length of the number being read, begun in earlier pieces.
  std::size_t number_size() const noexcept { return number_.size(); }
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
    number_.append(s.data(), s.size());
    const auto exact = exact_double(number_);
    stack_.push_double(exact.value_or(d));
    if (depth_ > 0 && frames_[depth_ - 1].object &&
        frames_[depth_ - 1].key == "amount")
      amounts.emplace(pointer(), number_);
    if (in_extra() && !exact && problems.size() < max_problems)
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

  // No field keeps a string longer than the largest `extra`: one that
  // grows past that is refused before it is held whole (a gigabyte name
  // took gigabytes), at the value, or for a key at its object.
  void refuse_if_too_long(std::size_t size, std::size_t depth) const {
    if (size <= max_extra_bytes) return;
    throw validation_error({problem{
        pointer(depth),
        {},
        fmt::format("a {} longer than {} bytes, the limit of any text; the "
                    "document is read no further",
                    depth == depth_ ? "string" : "key", max_extra_bytes)}});
  }

  // The pointer of the value being read, or of its container `depth`
  // levels down from the root.
  std::string pointer() const { return pointer(depth_); }
  std::string pointer(std::size_t depth) const {
    std::string result;
    for (std::size_t i = 0; i < depth; ++i) {
      if (frames_[i].object)
        append_pointer_token(result, frames_[i].key);
      else
        append_pointer_index(result, frames_[i].index);
    }
    return result;
  }

  // The decoder itself rather than a document_sink&: it is final, so that
  // the calls for every element are direct (it is defined in another file,
  // where the compiler cannot see that it is the only sink).
  document_decoder& sink_;
  std::vector<frame> frames_;
  std::size_t depth_ = 0;
  bool streaming_ = false;                 // the top-level value is an object
  std::optional<record_kind> collection_;  // the array being streamed
  bool building_ = false;
  std::size_t unit_depth_ = 0;
  json::value_stack stack_;
  std::array<unsigned char, 16 * 1024> buffer_;
  json::monotonic_resource records_;
  std::string number_;
};

// Reads a document, from a text or a stream, a piece at a time.
class document_reader {
 public:
  /// The parser is handed pieces of at most `piece_bytes` (at least 16).
  explicit document_reader(std::string_view text,
                           std::size_t piece_bytes = default_piece_bytes)
      : text_(text),
        piece_bytes_(std::max<std::size_t>(piece_bytes, 16)),
        records_hint_(records_in(text.size())) {
    init();
  }
  /// `size_hint`: the size of the text, if known.
  document_reader(std::istream& in, std::size_t size_hint)
      : in_(&in),
        buffer_(default_piece_bytes),
        records_hint_(records_in(size_hint)) {
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
  static constexpr std::size_t default_piece_bytes = 1 << 20;

  // About how many records a text of `size` bytes holds, for reserving
  // room: one per 128 bytes (records take some 200), and no more than a
  // million, since the size does not tell (a text may be mostly space).
  static std::size_t records_in(std::size_t size) {
    return std::min<std::size_t>(size / 128, std::size_t{1} << 20);
  }
  static constexpr std::size_t piece_operations = 1 << 14;

  void init() {
    json::parse_options options;
    options.max_depth = max_document_depth;
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
      if (!last) piece = piece.substr(0, piece_end(piece));
      carried_ = size - piece.size();
    } else {
      piece = text_.substr(0, piece_bytes_);
      if (piece.size() < text_.size())
        piece = piece.substr(0, piece_end(piece));
      text_.remove_prefix(piece.size());
    }
    if (piece.empty()) return false;
    write(piece);
    // The start of a character cut off at the end, for the next piece.
    if (carried_ > 0)
      std::memmove(buffer_.data(), buffer_.data() + piece.size(), carried_);
    return true;
  }

  // Where to end a piece `s` of the text, so that a syntax error near the
  // seam is placed as in the whole text: Boost.JSON places some errors
  // differently when a token is cut (a bad literal, `tated`, at its first
  // letter whole but at the second when cut after it). So a piece ends
  // after white space or punctuation in its last 4 KiB, which no token
  // straddles; failing that (within a long string or number), anywhere.
  // Either way at a `safe_end`.
  static std::size_t piece_end(std::string_view s) {
    constexpr std::size_t window = 4096;
    const std::size_t from = s.size() - std::min(s.size(), window);
    for (std::size_t between = s.size();
         between > from &&
         (between = s.find_last_of(" \t\r\n,:[]{}", between - 1)) !=
             std::string_view::npos &&
         between >= from;)
      if (safe_end(s, between + 1) == between + 1) return between + 1;
    // Else all but what is cut off (a piece of lead bytes only is refused
    // at its first, as are two first halves of a surrogate pair).
    const std::size_t end = safe_end(s, s.size());
    return end > 0 ? end : s.size();
  }

  // The start of an escape cut off at the end of `s` ("\u00" or "\"), or
  // its length. A backslash starts an escape after an even number of them.
  static std::size_t cut_escape(std::string_view s) {
    const std::size_t from = s.size() - std::min<std::size_t>(s.size(), 5);
    const std::size_t last = s.substr(from).find_last_of('\\');
    if (last == std::string_view::npos) return s.size();
    const std::size_t at = from + last;
    std::size_t run = 1;  // backslashes ending at `at`
    while (run <= at && s[at - run] == '\\') ++run;
    if (run % 2 == 0) return s.size();  // "\\\\", whole
    const bool unicode = at + 1 == s.size() || s[at + 1] == 'u';
    return at + (unicode ? 6 : 2) > s.size() ? at : s.size();
  }

  // The last end of a piece of `s` at or before `end` that cuts off no
  // UTF-8 sequence, well formed or not (Boost.JSON places a bad sequence cut
  // by a seam at a later byte), no escape, nor a surrogate pair after its
  // first half (a lone surrogate is found by looking back from the error,
  // within the piece). Or `end` itself, when a bad sequence that Boost.JSON
  // refuses lies before it, which an earlier cut would cut off (a run of
  // lead bytes, "\xDF\xDE", or one before an escape): cutting before it
  // would cut what is before, a bad literal perhaps ("tr\xF6\"f\ud83d\ude0").
  static std::size_t safe_end(std::string_view s, const std::size_t end) {
    for (std::size_t at = end;;) {
      if (const std::size_t cut = cut_character(s.substr(0, at)); cut < at) {
        // Whole before `end`, but cut by an earlier cut: a bad sequence.
        if (cut + sequence_length(s[cut]) <= end) return end;
        at = cut;
      } else if (const std::size_t escape = cut_escape(s.substr(0, at));
                 escape < at) {
        at = escape;
      } else if (at >= 6 && surrogates::leading(surrogates::escaped_unit(
                                s.substr(0, at), at - 6))) {
        at -= 6;
      } else {
        return at;
      }
    }
  }

  // The start of a sequence cut off at the end of `s`, or its length.
  static std::size_t cut_character(std::string_view s) {
    for (std::size_t back = std::min<std::size_t>(3, s.size()); back > 0;
         --back) {
      const std::size_t at = s.size() - back;
      if (static_cast<unsigned char>(s[at]) >= 0xC0 &&
          sequence_length(s[at]) > back)
        return at;
    }
    return s.size();
  }
  // The bytes of a UTF-8 sequence by its lead byte (0xC0 and up).
  static std::size_t sequence_length(char lead) {
    const auto c = static_cast<unsigned char>(lead);
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
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
    const auto place = place_syntax_error(text, offset, ec);
    position_.advance(text.substr(0, place.offset));
    // A number begun in an earlier piece starts as many characters back as
    // the handler holds of it.
    if (ec == json::error::exponent_overflow && place.offset == 0)
      position_.back(parser_->handler().number_size());
    throw validation_error({problem{
        {}, {}, fmt::format("{}: {}", position_.str(), place.message)}});
  }

  std::string_view text_;
  std::size_t piece_bytes_ = default_piece_bytes;
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
  auto tx = result.begin(reader.where());
  {
    batch piece;
    while (reader.fill(piece)) tx.run(std::move(piece));
  }  // the room of the last piece, freed before the check
  tx.commit();
  return result;
}

}  // namespace

decoded_document decode_json_document(std::string_view text) {
  return document_reader(text).read_all();
}

decoded_document decode_json_document(std::istream& in) {
  return document_reader(in, remaining_size(in)).read_all();
}

registry read_json_registry(std::string_view text) {
  document_reader reader(text);
  return read_registry(reader);
}

registry read_json_registry(std::string_view text, std::size_t piece_bytes) {
  document_reader reader(text, piece_bytes);
  return read_registry(reader);
}

registry read_json_registry(std::istream& in) {
  document_reader reader(in, remaining_size(in));
  return read_registry(reader);
}

}  // namespace charter::detail
