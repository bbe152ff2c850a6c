#ifndef CHARTER_SRC_IMPORT_SOURCES_HPP
#define CHARTER_SRC_IMPORT_SOURCES_HPP

// The importers, one file each under sources/: each reads the files of its
// source and tells the builder what they hold.

#include "import/builder.hpp"

#include <span>
#include <string>

namespace charter::import {

using source_reader = void (*)(builder&, std::span<const std::string> paths);

void read_landscape(builder& b, std::span<const std::string> paths);
void read_k8s_sigs(builder& b, std::span<const std::string> paths);
void read_k8s_steering(builder& b, std::span<const std::string> paths);
void read_apache(builder& b, std::span<const std::string> paths);
void read_whimsy(builder& b, std::span<const std::string> paths);
void read_ossf_tac(builder& b, std::span<const std::string> paths);
void read_openjs_cpc(builder& b, std::span<const std::string> paths);
void read_pytorch_tac(builder& b, std::span<const std::string> paths);
void read_gitdm(builder& b, std::span<const std::string> paths);

}  // namespace charter::import

#endif
