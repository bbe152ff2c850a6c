// open_store: which store a file names (is_json_file).

#include <charter/store.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <string>

namespace charter {

// ------------------------------------------------------------------ open_store

bool is_json_file(const std::filesystem::path& file) {
  auto ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return ext == ".json";
}

std::unique_ptr<store> open_store(const std::filesystem::path& file) {
  if (is_json_file(file)) return std::make_unique<json_store>(file);
  return std::make_unique<sqlite_store>(file);
}

}  // namespace charter
