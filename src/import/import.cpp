// read_source: the sources by name, each over the builder.

#include "import/sources.hpp"

#include <charter/import.hpp>

#include <fmt/format.h>

#include <array>
#include <utility>

namespace charter {

namespace {

struct known_source {
  std::string_view name;
  import::source_reader read;
};

constexpr std::array<known_source, 9> known{{
    {"landscape", import::read_landscape},
    {"k8s-sigs", import::read_k8s_sigs},
    {"k8s-steering", import::read_k8s_steering},
    {"apache", import::read_apache},
    {"whimsy", import::read_whimsy},
    {"ossf-tac", import::read_ossf_tac},
    {"openjs-cpc", import::read_openjs_cpc},
    {"pytorch-tac", import::read_pytorch_tac},
    {"gitdm", import::read_gitdm},
}};

constexpr auto names = [] {
  std::array<std::string_view, known.size()> out{};
  for (std::size_t i = 0; i < known.size(); ++i) out[i] = known[i].name;
  return out;
}();

const known_source& source_named(std::string_view source) {
  for (const auto& k : known)
    if (k.name == source) return k;
  std::string list;
  for (auto n : names) list += fmt::format("{}{}", list.empty() ? "" : ", ", n);
  throw error(
      fmt::format("unknown source '{}' (the sources: {})", source, list));
}

}  // namespace

std::span<const std::string_view> import_sources() noexcept { return names; }

namespace import {

import_result read_files(const registry& existing, std::string_view source,
                         std::span<const source_file> files,
                         const import_options& options) {
  const auto& reader = source_named(source);
  if (files.empty())
    throw error(fmt::format("the source {} needs at least one file", source));
  builder b(existing, std::string(source), options);
  for (const auto& f : files) b.file(f.name());
  reader.read(b, files);
  return b.finish();
}

}  // namespace import

import_result read_source(const registry& existing, std::string_view source,
                          std::span<const std::string> paths,
                          const import_options& options) {
  source_named(source);  // an unknown source before a missing file
  std::vector<import::source_file> files;
  files.reserve(paths.size());
  for (const auto& path : paths)
    files.push_back(import::source_file::read(path));
  return import::read_files(existing, source, files, options);
}

}  // namespace charter
