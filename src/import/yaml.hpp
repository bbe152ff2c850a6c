#ifndef CHARTER_SRC_IMPORT_YAML_HPP
#define CHARTER_SRC_IMPORT_YAML_HPP

// YAML files through yaml-cpp, with every error placed by line and column.

#include "import/text.hpp"

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

namespace charter::import {

/// The document of a YAML file.
/// @throws import_error at the line and column of a syntax error.
YAML::Node load_yaml(const source_file& file);

/// The import_error of `e` in `file`: "what: yaml-cpp's message" at its
/// mark.
import_error yaml_error(const source_file& file, const YAML::Exception& e,
                        std::string_view what);

/// Runs `read`, which reads `file`'s YAML: a YAML::Exception escaping it (a
/// node of a shape the importer did not expect, which yaml-cpp meets before
/// the importer's own checks) becomes an import_error at its place in
/// `file`, whichever of a source's files it is.
template <class Read>
void reading_yaml(const source_file& file, Read&& read) {
  try {
    read();
  } catch (const YAML::Exception& e) {
    throw yaml_error(file, e, "unexpected YAML");
  }
}

/// Where `node` starts in `file` (yaml-cpp counts from 0).
source_place place_of(const source_file& file, const YAML::Node& node);

/// The scalar `node[key]` as text; "" when it is absent or null.
/// @throws import_error when it is there but not a scalar.
std::string scalar(const source_file& file, const YAML::Node& node,
                   std::string_view key);

/// `node[key]`, which must be a sequence (absent: an empty one).
/// @throws import_error when it is there but not a sequence.
YAML::Node sequence(const source_file& file, const YAML::Node& node,
                    std::string_view key);

}  // namespace charter::import

#endif
