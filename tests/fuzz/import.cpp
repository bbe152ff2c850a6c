// libFuzzer target: every importer of <charter/import.hpp>, over files in
// memory. The input's first line says which source reads it and under which
// file name ("k8s-sigs sigs.yaml", "apache committees.json"), since a
// source tells its files apart by name; the rest is the file, or, where a
// line "@@file NAME" starts another file, the files (k8s-steering reads
// election.yaml, results.md and candidate-*.md together). Whatever the
// bytes, an import either gives a batch that a registry takes whole or
// refuses it with charter's own error; a refusal with a place names a line
// of the file. The source `aliases` reads the file as an organization alias
// file (`--aliases`). Seeds: tests/fuzz/corpus/import/<source>-<n>.
#include <charter/import.hpp>
#include <charter/registry.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "import/aliases.hpp"
#include "import/sources.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::string_view head = input.substr(0, newline);
  const auto space = head.find(' ');
  if (space == std::string_view::npos) return 0;
  const std::string source(head.substr(0, space));
  const std::string name(head.substr(space + 1));
  std::vector<std::pair<std::string, std::string>> texts{{name, {}}};
  constexpr std::string_view next_file = "@@file ";
  for (auto rest = input.substr(newline + 1); !rest.empty();) {
    const auto end = rest.find('\n');
    const auto line = rest.substr(0, end);
    if (line.starts_with(next_file))
      texts.emplace_back(std::string(line.substr(next_file.size())), "");
    else
      texts.back().second.append(
          end == std::string_view::npos ? line : rest.substr(0, end + 1));
    rest = end == std::string_view::npos ? "" : rest.substr(end + 1);
  }
  const std::string& text = texts.front().second;
  if (source == "aliases") {
    auto table = charter::import::alias_table::shipped();
    try {
      table.read({name, text});
    } catch (const charter::import_error& e) {
      check(e.where().file == name);
    }
    return 0;
  }
  bool known = false;
  for (const auto s : charter::import_sources()) known = known || s == source;
  if (!known) return 0;
  std::vector<charter::import::source_file> files;
  for (const auto& [file, content] : texts) files.emplace_back(file, content);
  charter::import_options options;
  options.as_of = charter::date{std::chrono::year{2026}, std::chrono::month{1},
                                std::chrono::day{1}};
  try {
    auto result = charter::import::read_files(charter::registry{}, source,
                                              files, options);
    const auto& s = result.summary;
    check(s.mapped + s.skipped == s.read);
    charter::registry reg;
    try {
      reg.apply(result.changes);
    } catch (const charter::validation_error& e) {
      check(!e.problems().empty());
    }
  } catch (const charter::import_error& e) {
    const auto& at = e.where();
    bool placed = false;
    for (const auto& f : files)
      placed = placed || (at.file == f.name() && at.line <= f.line_count() + 1);
    check(placed);
  } catch (const charter::error&) {
    // A file the source does not take ("not a file of this source").
  }
  return 0;
}
