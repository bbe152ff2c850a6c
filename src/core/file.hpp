#ifndef CHARTER_SRC_CORE_FILE_HPP
#define CHARTER_SRC_CORE_FILE_HPP

// Internal: writing a file so that a crash leaves the old one or the new
// one, never a mix (save_json, and the CLI's -o).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace charter::detail {

/// Writes `text` to a temporary file beside `file`, flushes it to disk, and
/// renames it over `file`. @returns why it failed, or nothing on success
/// (the temporary file is then gone).
std::optional<std::string> replace_file(const std::filesystem::path& file,
                                        std::string_view text);

}  // namespace charter::detail

#endif
