#include <charter/ballots.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

#include "election/ballot_text.hpp"

namespace charter {

namespace ballot_files {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

// A line that names a tally sheet's option: "   ||/  Option 3------->: Name".
bool is_option_line(std::string_view line) noexcept {
  const auto start = line.find_first_not_of(" \t/|");
  if (start == std::string_view::npos) return false;
  line.remove_prefix(start);
  constexpr std::string_view option = "Option ";
  return line.starts_with(option) && line.size() > option.size() &&
         line[option.size()] >= '0' && line[option.size()] <= '9';
}

// Two numbers and nothing else: the first line of a BLT file.
bool is_blt_head(std::string_view line) noexcept {
  int numbers = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    if (is_blank(line[i]) || line[i] == '\r') {
      ++i;
      continue;
    }
    if (line[i] < '0' || line[i] > '9') return false;
    while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
    ++numbers;
  }
  return numbers == 2;
}

}  // namespace ballot_files

std::uint64_t ballot_box::voters() const noexcept {
  std::uint64_t sum = 0;
  // The readers refuse weights whose sum does not fit; a box built by hand
  // saturates rather than wraps.
  for (const auto& b : ballots)
    sum = b.weight > UINT64_MAX - sum ? UINT64_MAX : sum + b.weight;
  return sum;
}

std::string_view to_string(ballot_format format) noexcept {
  switch (format) {
    case ballot_format::elekto_csv:
      return "elekto-csv";
    case ballot_format::debian_tally:
      return "debian-tally";
    case ballot_format::blt:
      return "blt";
  }
  return "unknown";
}

std::optional<ballot_format> parse_ballot_format(std::string_view name) {
  for (const auto f : {ballot_format::elekto_csv, ballot_format::debian_tally,
                       ballot_format::blt})
    if (to_string(f) == name) return f;
  return std::nullopt;
}

namespace detail {

ballot_text::ballot_text(std::string_view text, std::string_view file)
    : text_(text), file_(file) {
  if (text_.starts_with(ballot_files::byte_order_mark))
    text_.remove_prefix(ballot_files::byte_order_mark.size());
  latin1_ = !valid_utf8(text_);
}

std::optional<text_line> ballot_text::next_line(
    std::size_t& offset) const noexcept {
  if (offset >= text_.size()) return std::nullopt;
  const std::size_t begin = offset;
  const auto newline = text_.find('\n', begin);
  std::size_t end = newline == std::string_view::npos ? text_.size() : newline;
  offset = newline == std::string_view::npos ? text_.size() : newline + 1;
  if (end > begin && text_[end - 1] == '\r') --end;
  return text_line{text_.substr(begin, end - begin), begin};
}

source_place ballot_text::place(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto before = text_.substr(0, offset);
  const auto line =
      static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const auto last = before.rfind('\n');
  const std::size_t start = last == std::string_view::npos ? 0 : last + 1;
  return {file_, line + 1, offset - start + 1};
}

void ballot_text::fail(std::size_t offset, const std::string& why) const {
  throw source_error(place(offset), why);
}

std::string ballot_text::name(std::string_view bytes) const {
  return latin1_ ? latin1_to_utf8(bytes) : std::string(bytes);
}

bool valid_utf8(std::string_view bytes) noexcept {
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  auto continuation = [&](std::size_t at) {
    return at < n && (static_cast<unsigned char>(bytes[at]) & 0xC0U) == 0x80U;
  };
  while (i < n) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80U) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned min_second = 0x80U, max_second = 0xBFU;
    if (c >= 0xC2U && c <= 0xDFU) {
      length = 2;
    } else if (c >= 0xE0U && c <= 0xEFU) {
      length = 3;
      if (c == 0xE0U) min_second = 0xA0U;  // overlong
      if (c == 0xEDU) max_second = 0x9FU;  // surrogates
    } else if (c >= 0xF0U && c <= 0xF4U) {
      length = 4;
      if (c == 0xF0U) min_second = 0x90U;  // overlong
      if (c == 0xF4U) max_second = 0x8FU;  // past U+10FFFF
    } else {
      return false;
    }
    if (i + 1 >= n) return false;
    const auto second = static_cast<unsigned char>(bytes[i + 1]);
    if (second < min_second || second > max_second) return false;
    for (std::size_t k = 2; k < length; ++k)
      if (!continuation(i + k)) return false;
    i += length;
  }
  return true;
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80U) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0U | (c >> 6U)));
      out.push_back(static_cast<char>(0x80U | (c & 0x3FU)));
    }
  }
  return out;
}

std::string_view trim_blanks(std::string_view s) noexcept {
  while (!s.empty() && ballot_files::is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && ballot_files::is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<std::uint64_t> whole_number(std::string_view s) noexcept {
  if (s.empty() || s.front() < '0' || s.front() > '9') return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace detail

ballot_format detect_ballot_format(std::string_view text) noexcept {
  if (text.starts_with(ballot_files::byte_order_mark))
    text.remove_prefix(ballot_files::byte_order_mark.size());
  bool first = true;
  std::size_t offset = 0;
  while (offset < text.size()) {
    const auto newline = text.find('\n', offset);
    const auto end = newline == std::string_view::npos ? text.size() : newline;
    const auto line = text.substr(offset, end - offset);
    offset = end + 1;
    if (first) {
      if (detail::trim_blanks(line).empty() || line == "\r") continue;
      if (ballot_files::is_blt_head(line)) return ballot_format::blt;
      first = false;
    }
    if (ballot_files::is_option_line(line) || line.starts_with("V:"))
      return ballot_format::debian_tally;
  }
  return ballot_format::elekto_csv;
}

ballot_box read_ballots(std::string_view text, ballot_format format,
                        std::string_view file) {
  const detail::ballot_text source(text, file);
  switch (format) {
    case ballot_format::elekto_csv:
      return detail::read_elekto_csv(source);
    case ballot_format::debian_tally:
      return detail::read_debian_tally(source);
    case ballot_format::blt:
      return detail::read_blt(source);
  }
  throw parse_error(fmt::format("{}: not a ballot format", file));
}

ballot_box read_ballots(const std::filesystem::path& path,
                        std::optional<ballot_format> format) {
  const auto name = path.string();
  auto fail = [&](const std::string& why) {
    throw storage_error(fmt::format("cannot read {}: {}", name, why));
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail("is a folder");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(std::generic_category().message(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) fail(std::generic_category().message(errno));
  const std::string content = std::move(text).str();
  return read_ballots(content, format.value_or(detect_ballot_format(content)),
                      name);
}

}  // namespace charter
