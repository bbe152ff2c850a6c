#include "import/text.hpp"

#include <charter/find.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <utility>

namespace charter::import {

source_file source_file::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error(fmt::format("{}: cannot be read", path));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw error(fmt::format("{}: cannot be read", path));
  return source_file(path, std::move(text).str());
}

source_file::source_file(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n' && i + 1 < text_.size()) starts_.push_back(i + 1);
  if (text_.empty()) starts_.clear();
}

std::string_view source_file::file_name() const noexcept {
  const auto slash = name_.find_last_of("/\\");
  return slash == std::string::npos ? std::string_view(name_)
                                    : std::string_view(name_).substr(slash + 1);
}

std::string_view source_file::line(std::size_t n) const noexcept {
  if (n == 0 || n > starts_.size()) return {};
  const std::size_t begin = starts_[n - 1];
  std::size_t end = n < starts_.size() ? starts_[n] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\n') --end;  // the last line
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

source_place source_file::place(std::size_t offset) const {
  if (starts_.empty()) return {name_, 1, 1};
  const auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::size_t>(after - starts_.begin());
  return {name_, line, offset - starts_[line - 1] + 1};
}

source_place source_file::place_of(std::string_view part) const {
  const char* begin = text_.data();
  if (part.data() < begin || part.data() > begin + text_.size())
    return {name_, 0, 0};
  return place(static_cast<std::size_t>(part.data() - begin));
}

std::string_view trim(std::string_view s) noexcept {
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool starts_with_folded(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         lower(s.substr(0, prefix.size())) == lower(prefix);
}

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto at = s.find(separator);
    parts.push_back(trim(s.substr(0, at)));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

struct named_entity {
  std::string_view name;
  std::string_view text;
};
// The entities met in what foundations publish; others stay as written.
constexpr named_entity named_entities[] = {
    {"nbsp", " "},        {"amp", "&"},        {"lt", "<"},
    {"gt", ">"},          {"quot", "\""},      {"apos", "'"},
    {"ndash", "\u2013"},  {"mdash", "\u2014"}, {"rsquo", "\u2019"},
    {"lsquo", "\u2018"},  {"ldquo", "\u201C"}, {"rdquo", "\u201D"},
    {"eacute", "\u00E9"}, {"uuml", "\u00FC"},  {"ouml", "\u00F6"},
    {"auml", "\u00E4"},   {"copy", "\u00A9"},
};

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const auto end = text.find(';', i + 1);
    if (end == std::string_view::npos || end - i > 10) {
      out += '&';
      continue;
    }
    const std::string_view name = text.substr(i + 1, end - i - 1);
    bool done = false;
    if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string_view digits = name.substr(hex ? 2 : 1);
      unsigned long cp = 0;
      bool ok = !digits.empty();
      for (char c : digits) {
        int d = -1;
        if (c >= '0' && c <= '9')
          d = c - '0';
        else if (hex && c >= 'a' && c <= 'f')
          d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F')
          d = c - 'A' + 10;
        if (d < 0 || cp > 0x10FFFF) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
      }
      if (ok) {
        append_utf8(out, cp);
        done = true;
      }
    } else {
      for (const auto& e : named_entities)
        if (e.name == name) {
          out += e.text;
          done = true;
          break;
        }
    }
    if (done)
      i = end;
    else
      out += '&';
  }
  return out;
}

namespace {

// The text of `s` from `open` to its matching `close`, or npos.
std::size_t closing(std::string_view s, std::size_t open, char o, char c) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == o) ++depth;
    if (s[i] == c && --depth == 0) return i;
  }
  return std::string_view::npos;
}

}  // namespace

std::string plain_text(std::string_view markdown) {
  std::string out;
  out.reserve(markdown.size());
  for (std::size_t i = 0; i < markdown.size(); ++i) {
    const char c = markdown[i];
    if (c == '!' && i + 1 < markdown.size() && markdown[i + 1] == '[') {
      // An image: dropped, with its target.
      const auto text_end = closing(markdown, i + 1, '[', ']');
      if (text_end != std::string_view::npos &&
          text_end + 1 < markdown.size() && markdown[text_end + 1] == '(') {
        const auto target_end = closing(markdown, text_end + 1, '(', ')');
        if (target_end != std::string_view::npos) {
          i = target_end;
          continue;
        }
      }
    }
    if (c == '[') {
      const auto text_end = closing(markdown, i, '[', ']');
      if (text_end != std::string_view::npos &&
          text_end + 1 < markdown.size() && markdown[text_end + 1] == '(') {
        const auto target_end = closing(markdown, text_end + 1, '(', ')');
        if (target_end != std::string_view::npos) {
          out += plain_text(markdown.substr(i + 1, text_end - i - 1));
          i = target_end;
          continue;
        }
      }
    }
    if (c == '<') {
      const auto end = markdown.find('>', i);
      // A tag (<br>, <a href=...>, </sup>), not a "<" in prose.
      if (end != std::string_view::npos && i + 1 < markdown.size() &&
          (std::isalpha(static_cast<unsigned char>(markdown[i + 1])) ||
           markdown[i + 1] == '/')) {
        const auto tag = lower(
            markdown.substr(i + 1, std::min<std::size_t>(3, end - i - 1)));
        out += tag.starts_with("br") ? " " : "";
        i = end;
        continue;
      }
    }
    if (c == '*' || c == '`' ||
        (c == '_' && (i + 1 == markdown.size() || markdown[i + 1] == '_' ||
                      (i > 0 && markdown[i - 1] == '_') || i == 0 ||
                      markdown[i - 1] == ' ' || markdown[i + 1] == ' '))) {
      // Emphasis and code marks; an underscore inside a word stays
      // (`foo_bar`), as CommonMark keeps it.
      if (!(c == '_' && i > 0 && i + 1 < markdown.size() &&
            std::isalnum(static_cast<unsigned char>(markdown[i - 1])) &&
            std::isalnum(static_cast<unsigned char>(markdown[i + 1]))))
        continue;
    }
    if (c == '\\' && i + 1 < markdown.size() &&
        std::ispunct(static_cast<unsigned char>(markdown[i + 1]))) {
      out += markdown[++i];
      continue;
    }
    out += c;
  }
  std::string decoded = decode_entities(out);
  // Runs of white space as one space.
  std::string squeezed;
  squeezed.reserve(decoded.size());
  for (char ch : decoded) {
    const bool space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
    if (space) {
      if (!squeezed.empty() && squeezed.back() != ' ') squeezed += ' ';
    } else {
      squeezed += ch;
    }
  }
  return std::string(trim(squeezed));
}

std::string_view link_target(std::string_view text) {
  const auto open = text.find("](");
  if (open == std::string_view::npos) return {};
  const auto close = closing(text, open + 1, '(', ')');
  if (close == std::string_view::npos) return {};
  return trim(text.substr(open + 2, close - open - 2));
}

namespace {

// The cells of a table row (`| a | b |` or `a | b`), with their columns;
// `\|` and pipes inside code spans do not split.
std::vector<cell> row_cells(std::string_view line, std::size_t line_start) {
  std::vector<cell> cells;
  std::string_view rest = line;
  std::size_t offset = 0;
  // Leading white space and the leading pipe.
  while (offset < rest.size() && (rest[offset] == ' ' || rest[offset] == '\t'))
    ++offset;
  if (offset < rest.size() && rest[offset] == '|') ++offset;
  std::size_t begin = offset;
  bool code = false;
  for (std::size_t i = offset; i <= rest.size(); ++i) {
    const bool end = i == rest.size();
    if (!end && rest[i] == '`') code = !code;
    if (!end && rest[i] == '\\') {
      ++i;
      continue;
    }
    if (end || (rest[i] == '|' && !code)) {
      std::string_view raw = rest.substr(begin, i - begin);
      const std::string_view text = trim(raw);
      const std::size_t lead =
          text.empty() ? 0 : static_cast<std::size_t>(text.data() - raw.data());
      if (!(end && trim(raw).empty() && !cells.empty()))
        cells.push_back({text, line_start + begin + lead + 1});
      begin = i + 1;
    }
  }
  return cells;
}

bool is_delimiter_row(const std::vector<cell>& cells) {
  if (cells.empty()) return false;
  for (const auto& c : cells) {
    if (c.text.empty()) return false;
    for (char ch : c.text)
      if (ch != '-' && ch != ':' && ch != ' ') return false;
    if (c.text.find('-') == std::string_view::npos) return false;
  }
  return true;
}

bool could_be_row(std::string_view line) {
  const auto t = trim(line);
  return !t.empty() && t.find('|') != std::string_view::npos;
}

}  // namespace

std::vector<heading> read_headings(const source_file& file) {
  std::vector<heading> out;
  bool fenced = false;
  for (std::size_t n = 1; n <= file.line_count(); ++n) {
    const auto line = file.line(n);
    if (trim(line).starts_with("```")) fenced = !fenced;
    if (fenced || !line.starts_with('#')) continue;
    std::size_t level = 0;
    while (level < line.size() && line[level] == '#') ++level;
    if (level > 6 || (level < line.size() && line[level] != ' ')) continue;
    out.push_back({static_cast<int>(level), plain_text(line.substr(level)), n});
  }
  return out;
}

namespace {

// The length of a list marker at the start of `s` ("- ", "12. "), or 0.
std::size_t list_marker(std::string_view s) {
  if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') &&
      (s[1] == ' ' || s[1] == '\t'))
    return 2;
  std::size_t digits = 0;
  while (digits < s.size() && digits < 9 &&
         std::isdigit(static_cast<unsigned char>(s[digits])))
    ++digits;
  if (digits > 0 && digits + 1 < s.size() &&
      (s[digits] == '.' || s[digits] == ')') &&
      (s[digits + 1] == ' ' || s[digits + 1] == '\t'))
    return digits + 2;
  return 0;
}

}  // namespace

std::vector<list_item> read_list_items(const source_file& file) {
  std::vector<list_item> items;
  std::string heading;
  bool fenced = false;
  for (std::size_t n = 1; n <= file.line_count(); ++n) {
    const auto line = file.line(n);
    if (trim(line).starts_with("```")) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    if (line.starts_with('#')) {
      std::size_t level = 0;
      while (level < line.size() && line[level] == '#') ++level;
      heading = plain_text(line.substr(level));
      continue;
    }
    std::size_t at = 0;
    std::size_t indent = 0;
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t'))
      indent += line[at++] == '\t' ? 4 : 1;
    const std::size_t marker = list_marker(line.substr(at));
    if (marker == 0) continue;
    std::string_view rest = line.substr(at + marker);
    list_item item;
    item.heading = heading;
    item.line = n;
    item.indent = indent;
    const auto box = trim(rest);
    if (box.size() >= 3 && box[0] == '[' && box[2] == ']' &&
        (box[1] == ' ' || box[1] == 'x' || box[1] == 'X') &&
        (box.size() == 3 || box[3] == ' ')) {
      item.checked = box[1] != ' ';
      rest = box.substr(3);
    }
    item.text = trim(rest);
    item.column =
        item.text.empty()
            ? line.size() + 1
            : static_cast<std::size_t>(item.text.data() - line.data()) + 1;
    items.push_back(std::move(item));
  }
  return items;
}

std::optional<std::size_t> markdown_table::column(std::string_view name) const {
  const std::string wanted = fold(plain_text(name));
  for (std::size_t i = 0; i < header.size(); ++i)
    if (fold(header[i]) == wanted) return i;
  return std::nullopt;
}

std::vector<markdown_table> read_tables(const source_file& file) {
  std::vector<markdown_table> tables;
  std::string heading;
  bool fenced = false;
  const std::size_t lines = file.line_count();
  for (std::size_t n = 1; n <= lines; ++n) {
    const auto line = file.line(n);
    if (trim(line).starts_with("```")) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    if (line.starts_with('#')) {
      std::size_t level = 0;
      while (level < line.size() && line[level] == '#') ++level;
      heading = plain_text(line.substr(level));
      continue;
    }
    if (!could_be_row(line) || n == lines) continue;
    const auto below = row_cells(file.line(n + 1), 0);
    if (!is_delimiter_row(below)) continue;
    const auto start =
        static_cast<std::size_t>(line.data() - file.text().data());
    markdown_table table;
    table.heading = heading;
    table.line = n;
    for (const auto& c : row_cells(line, start))
      table.header.push_back(plain_text(c.text));
    if (below.size() != table.header.size())
      throw import_error(file.place(n + 1, 1),
                         fmt::format("the table's delimiter row has {} "
                                     "columns where its header has {}",
                                     below.size(), table.header.size()));
    n += 2;
    for (; n <= lines && could_be_row(file.line(n)); ++n) {
      const auto row = file.line(n);
      const auto row_start =
          static_cast<std::size_t>(row.data() - file.text().data());
      table_row r{n, row_cells(row, row_start)};
      // Columns count from the line's start, as editors show them.
      for (auto& c : r.cells) c.column -= row_start;
      if (r.cells.size() < table.header.size())
        throw import_error(
            file.place(n, row.size() + 1),
            fmt::format("the row has {} cells where the table (line {}) has "
                        "{} columns: the column '{}' is missing",
                        r.cells.size(), table.line, table.header.size(),
                        table.header[r.cells.size()]));
      if (r.cells.size() > table.header.size())
        throw import_error(
            file.place(n, r.cells[table.header.size()].column),
            fmt::format("the row has {} cells where the table (line {}) has "
                        "{} columns",
                        r.cells.size(), table.line, table.header.size()));
      table.rows.push_back(std::move(r));
    }
    --n;
    tables.push_back(std::move(table));
  }
  return tables;
}

const markdown_table& table_with(
    const std::vector<markdown_table>& tables, const source_file& file,
    std::initializer_list<std::string_view> columns) {
  for (const auto& t : tables) {
    bool all = true;
    for (auto c : columns) all = all && t.column(c).has_value();
    if (all) return t;
  }
  std::string names;
  for (auto c : columns)
    names += fmt::format("{}'{}'", names.empty() ? "" : ", ", c);
  throw import_error(file.place(0, 0),
                     fmt::format("no table with the columns {}", names));
}

}  // namespace charter::import
