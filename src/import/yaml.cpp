#include "import/yaml.hpp"

#include <fmt/format.h>

namespace charter::import {

import_error yaml_error(const source_file& file, const YAML::Exception& e,
                        std::string_view what) {
  const auto line = static_cast<std::size_t>(e.mark.line + 1);
  const auto column = static_cast<std::size_t>(e.mark.column + 1);
  return import_error(
      e.mark.is_null() ? file.place(0, 0) : file.place(line, column),
      fmt::format("{}: {}", what, e.msg));
}

YAML::Node load_yaml(const source_file& file) {
  try {
    return YAML::Load(file.text());
  } catch (const YAML::Exception& e) {
    throw yaml_error(file, e, "not valid YAML");
  }
}

source_place place_of(const source_file& file, const YAML::Node& node) {
  const auto mark = node.Mark();
  if (mark.is_null()) return file.place(0, 0);
  return file.place(static_cast<std::size_t>(mark.line + 1),
                    static_cast<std::size_t>(mark.column + 1));
}

std::string scalar(const source_file& file, const YAML::Node& node,
                   std::string_view key) {
  if (!node.IsMap()) return {};
  const YAML::Node value = node[std::string(key)];
  if (!value || value.IsNull()) return {};
  if (!value.IsScalar())
    throw import_error(place_of(file, value),
                       fmt::format("'{}' is not a single value", key));
  return value.Scalar();
}

YAML::Node sequence(const source_file& file, const YAML::Node& node,
                    std::string_view key) {
  if (!node.IsMap()) return YAML::Node(YAML::NodeType::Sequence);
  const YAML::Node value = node[std::string(key)];
  if (!value || value.IsNull()) return YAML::Node(YAML::NodeType::Sequence);
  if (!value.IsSequence())
    throw import_error(place_of(file, value),
                       fmt::format("'{}' is not a list", key));
  return value;
}

}  // namespace charter::import
