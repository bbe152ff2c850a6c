// The session: which database a run uses, opened once.
#include "cli/session.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <memory>

namespace charter::cli {

std::filesystem::path session::db_path() const {
  if (!db_option.empty()) return db_option;
  if (const char* env = std::getenv("CHARTER_DB"); env && *env) return env;
  return "charter.db";
}

charter::database& session::open(bool write) {
  if (db_) return *db_;
  auto path = db_path();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw usage_error(
        fmt::format("no registry at '{}' (create one with 'charter init', or "
                    "name one with --db PATH or $CHARTER_DB)",
                    path.string()));
  if (std::filesystem::is_directory(path, ec))
    throw usage_error(fmt::format("'{}' is a folder, not a registry database",
                                  path.string()));
  if (charter::is_json_file(path)) {
    db_.emplace(std::make_unique<charter::json_store>(path));
  } else {
    charter::sqlite_store::options opts;
    opts.create = false;
    opts.read_only = !write;
    db_.emplace(std::make_unique<charter::sqlite_store>(path, opts));
  }
  return *db_;
}

}  // namespace charter::cli
