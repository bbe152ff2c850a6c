#ifndef CHARTER_SRC_IMPORT_SOURCES_HPP
#define CHARTER_SRC_IMPORT_SOURCES_HPP

// The importers, one file each under sources/: each reads the files of its
// source and tells the builder what they hold. A file's role is told by its
// name (committees.json, results.md...), so the files come with theirs.

#include "import/builder.hpp"

#include <span>
#include <string>

namespace charter::import {

using source_reader = void (*)(builder&, std::span<const source_file> files);

void read_landscape(builder& b, std::span<const source_file> files);
void read_k8s_sigs(builder& b, std::span<const source_file> files);
void read_k8s_steering(builder& b, std::span<const source_file> files);
void read_apache(builder& b, std::span<const source_file> files);
void read_whimsy(builder& b, std::span<const source_file> files);
void read_ossf_tac(builder& b, std::span<const source_file> files);
void read_openjs_cpc(builder& b, std::span<const source_file> files);
void read_pytorch_tac(builder& b, std::span<const source_file> files);
void read_gitdm(builder& b, std::span<const source_file> files);

/// `read_source` over files in memory (the fuzz target's way in).
import_result read_files(const registry& existing, std::string_view source,
                         std::span<const source_file> files,
                         const import_options& options = {});

}  // namespace charter::import

#endif
