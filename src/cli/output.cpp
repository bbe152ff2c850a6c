#include "cli/output.hpp"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <unistd.h>

#include "cli/session.hpp"
#include "core/file.hpp"

namespace charter::cli {

// ---- how much a run says, and in which colours

namespace {

// Set once per run by configure_output (the fuzz target runs many).
verbosity verbosity_ = verbosity::normal;
colour_mode colour_ = colour_mode::automatic;

bool coloured(stream to) {
  if (colour_ != colour_mode::automatic) return colour_ == colour_mode::always;
  // https://no-color.org: set and not empty disables colour.
  if (const char* no = std::getenv("NO_COLOR"); no && *no) return false;
  if (const char* term = std::getenv("TERM");
      term && std::strcmp(term, "dumb") == 0)
    return false;
  return ::isatty(to == stream::out ? STDOUT_FILENO : STDERR_FILENO) == 1;
}

// SGR parameters: bold red, yellow, green, red, yellow.
std::string_view sgr(style s) {
  switch (s) {
    case style::error:
      return "1;31";
    case style::warning:
    case style::changed:
      return "33";
    case style::added:
      return "32";
    case style::removed:
      return "31";
    case style::plain:
      break;
  }
  return {};
}

void to_stderr(std::string_view text) {
  std::cerr << "charter: " << text << '\n';
}

}  // namespace

void configure_output(verbosity v, colour_mode c) {
  verbosity_ = v;
  colour_ = c;
}

bool quiet() noexcept { return verbosity_ == verbosity::quiet; }
bool verbose() noexcept { return verbosity_ == verbosity::verbose; }

void tell(std::string_view text) {
  if (quiet()) return;
  std::cout << text;
  if (!text.empty() && text.back() != '\n') std::cout << '\n';
  finish_stdout();
}

void note(std::string_view text) {
  if (!quiet()) to_stderr(text);
}

void detail(std::string_view text) {
  if (verbose()) to_stderr(text);
}

std::string paint(std::string_view text, style s, stream to) {
  if (s == style::plain || text.empty() || !coloured(to))
    return std::string(text);
  return fmt::format("\x1b[{}m{}\x1b[0m", sgr(s), text);
}

// ---- text

std::string visible(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (u < 0x20 || u == 0x7f)
      out += fmt::format("\\x{:02x}", u);
    else
      out += c;
  }
  return out;
}

namespace {

// Display width in code points: good enough for names in Latin scripts,
// and never splits a UTF-8 sequence.
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  }));
}

}  // namespace

table::table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void table::row(std::vector<std::string> cells, std::vector<style> styles) {
  cells.resize(headers_.size());
  for (auto& cell : cells) cell = visible(cell);
  rows_.push_back(std::move(cells));
  styles.resize(headers_.size(), style::plain);
  styles_.push_back(std::move(styles));
}

std::string table::str() const {
  std::vector<std::size_t> widths(headers_.size());
  for (std::size_t i = 0; i < headers_.size(); ++i)
    widths[i] = width(headers_[i]);
  for (const auto& r : rows_)
    for (std::size_t i = 0; i < r.size(); ++i)
      widths[i] = std::max(widths[i], width(r[i]));

  std::string out;
  // Padded by the width of the text, then painted: colour never moves a
  // column.
  auto line = [&](const std::vector<std::string>& cells,
                  const std::vector<style>* styles) {
    std::string l;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      l += styles ? paint(cells[i], (*styles)[i]) : cells[i];
      if (i + 1 < cells.size()) l.append(widths[i] - width(cells[i]) + 2, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l;
    out += '\n';
  };
  line(headers_, nullptr);
  for (std::size_t i = 0; i < rows_.size(); ++i) line(rows_[i], &styles_[i]);
  return out;
}

std::string text_of(const std::optional<date>& d) {
  return d ? to_string(*d) : "-";
}

boost::json::value json_of(const std::optional<date>& d) {
  if (!d) return nullptr;
  return boost::json::string(to_string(*d));
}

std::string json_line(const boost::json::value& value) {
  return boost::json::serialize(value) + "\n";
}

void write_output(std::string_view text, const std::string& file) {
  if (file.empty() || file == "-") {
    std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
    finish_stdout();
    return;
  }
  // Beside the target, flushed to disk, then renamed: a reader never sees
  // half a file, and a failure or a crash leaves the old one in place.
  if (auto why = charter::detail::replace_file(file, text))
    throw usage_error(fmt::format("cannot write '{}': {}", file, *why));
}

void finish_stdout() {
  std::cout.flush();
  if (!std::cout) throw usage_error("cannot write to standard output");
}

std::istream& open_input(const std::string& file, std::ifstream& storage) {
  if (file == "-") return std::cin;
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    throw usage_error(fmt::format("cannot read '{}': is a folder", file));
  storage.open(file, std::ios::binary);
  if (!storage)
    throw usage_error(
        fmt::format("cannot read '{}': {}", file, std::strerror(errno)));
  return storage;
}

}  // namespace charter::cli
