// Escaping, one function per format, and the columns text takes in a
// terminal; both decode UTF-8 the same way. Documents hold plain text only,
// so every string that reaches the writers is escaped there with these, and
// nowhere else (the charts escape their text with escape_html).
#include <fmt/format.h>

#include <cstdint>

#include "report/escape.hpp"

namespace charter::detail {

namespace {

// What next_code_point returns for a byte that is not valid UTF-8, plus
// the byte: beyond every code point.
constexpr char32_t invalid_byte = 0x110000;

// Decodes one UTF-8 code point at `i` (advancing it). A byte that does not
// start a complete sequence comes out alone, as `invalid_byte + byte`, so
// that no escaping can be skipped by hiding a `<` behind a lead byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) {
    return static_cast<unsigned char>(s[k]);
  };
  const unsigned char b = byte(i);
  if (b < 0x80) {
    ++i;
    return b;
  }
  const int extra = b >= 0xF8   ? 0
                    : b >= 0xF0 ? 3
                    : b >= 0xE0 ? 2
                    : b >= 0xC0 ? 1
                                : 0;
  bool ok = extra > 0 && i + static_cast<std::size_t>(extra) < s.size();
  for (int k = 1; ok && k <= extra; ++k)
    ok = (byte(i + static_cast<std::size_t>(k)) & 0xC0) == 0x80;
  if (!ok) {
    ++i;
    return invalid_byte + b;
  }
  char32_t cp = extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k <= extra; ++k)
    cp = (cp << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
  i += 1 + static_cast<std::size_t>(extra);
  return cp;
}

// C0 and C1 control characters and DEL: a terminal may act on them.
bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp < 0xA0); }

// A control character or an invalid byte, as text: `\x1b`.
std::string visible(char32_t cp) {
  if (cp >= invalid_byte) cp -= invalid_byte;
  return fmt::format("\\x{:02x}", static_cast<unsigned>(cp & 0xFF));
}

bool is_invalid(char32_t cp) { return cp >= invalid_byte; }

int code_point_width(char32_t cp) {
  if ((cp >= 0x0300 && cp < 0x0370) || (cp >= 0x200B && cp <= 0x200F) ||
      cp == 0xFE0F)
    return 0;
  const bool wide =
      (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

}  // namespace

// ---- escaping

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(s, i);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // XML 1.0 allows no C0 controls but tab, LF and CR, and no invalid
        // UTF-8: SVG must parse.
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            is_invalid(cp))
          out += "\xEF\xBF\xBD";
        else
          out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string escape_markdown(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(s, i);
    if (cp == '\n' || cp == '\r' || cp == '\t') {
      out += ' ';  // a line break would end a table row or a paragraph
    } else if (is_control(cp) || is_invalid(cp)) {
      out += '\\' + visible(cp);  // "\\x1b" shows as \x1b
    } else if (cp < 0x80 &&
               std::string_view{"\\`*_[]<>|&~#"}.find(static_cast<char>(cp)) !=
                   std::string_view::npos) {
      out += '\\';
      out += static_cast<char>(cp);
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string escape_csv(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string{s};
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string escape_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(s, i);
    if (is_control(cp) || is_invalid(cp))
      out += visible(cp);
    else
      out.append(s.substr(start, i - start));
  }
  return out;
}

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();)
    width += static_cast<std::size_t>(code_point_width(next_code_point(s, i)));
  return width;
}

}  // namespace charter::detail
