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

charter::sqlite_store::options session::sqlite_options(bool write,
                                                       bool create) const {
  charter::sqlite_store::options opts;
  opts.create = create;
  opts.read_only = !write;
  opts.busy_timeout = std::chrono::seconds(busy_timeout_seconds);
  opts.durable = durable;
  return opts;
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
    db_.emplace(std::make_unique<charter::sqlite_store>(
        path, sqlite_options(write, /*create=*/false)));
  }
  return *db_;
}

}  // namespace charter::cli
