#ifndef CHARTER_SRC_ELECTION_BALLOT_TEXT_HPP
#define CHARTER_SRC_ELECTION_BALLOT_TEXT_HPP

// Internal: what the three ballot readers share. The text of a ballot file
// with the places of its bytes, its lines, its numbers, and the rule for
// names that are not UTF-8 (Debian's 2007 tally sheet is Latin-1).

#include <charter/ballots.hpp>
#include <charter/error.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace charter::detail {

/// One line of a text: its bytes without the line ending, and the offset of
/// its first byte in the text.
struct text_line {
  std::string_view text;
  std::size_t offset = 0;
};

/// The text of a ballot file, read by offsets; errors are placed by them.
///
/// A UTF-8 byte order mark at the start is skipped: offsets, and columns,
/// count from the byte after it. Columns count bytes, from 1.
class ballot_text {
 public:
  ballot_text(std::string_view text, std::string_view file);

  std::string_view text() const noexcept { return text_; }
  std::size_t size() const noexcept { return text_.size(); }

  /// The line that starts at `offset` (ended by "\n" or "\r\n", or by the
  /// end of the text), or nothing at the end of the text. `offset` moves to
  /// the start of the next line.
  std::optional<text_line> next_line(std::size_t& offset) const noexcept;

  /// The offset of `part`, a view into `text()`.
  std::size_t offset_of(std::string_view part) const noexcept {
    return static_cast<std::size_t>(part.data() - text_.data());
  }
  /// The place of the byte at `offset` (`size()`: just past the last byte:
  /// the line after a final line ending, or the column after the last
  /// byte of a last line without one).
  source_place place(std::size_t offset) const;
  /// Throws `source_error` at `offset`.
  [[noreturn]] void fail(std::size_t offset, const std::string& why) const;
  [[noreturn]] void fail(std::string_view part, const std::string& why) const {
    fail(offset_of(part), why);
  }

  /// A name as the file gives it, in UTF-8: the bytes themselves when the
  /// whole file is valid UTF-8, else each byte read as Latin-1
  /// (ISO 8859-1, whose 256 characters are U+0000 to U+00FF).
  std::string name(std::string_view bytes) const;

 private:
  std::string_view text_;
  std::string file_;
  bool latin1_ = false;
};

/// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or
/// code points past U+10FFFF).
bool valid_utf8(std::string_view bytes) noexcept;
/// `bytes` read as Latin-1, in UTF-8.
std::string latin1_to_utf8(std::string_view bytes);

/// `s` without leading and trailing spaces and tabs.
std::string_view trim_blanks(std::string_view s) noexcept;
/// The unsigned number that is all of `s` (decimal digits only), or
/// nothing when `s` is not one or does not fit.
std::optional<std::uint64_t> whole_number(std::string_view s) noexcept;

ballot_box read_elekto_csv(const ballot_text& text);
ballot_box read_debian_tally(const ballot_text& text);
ballot_box read_blt(const ballot_text& text);

}  // namespace charter::detail

#endif
