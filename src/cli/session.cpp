// The session: which database a run uses, opened once.
#include "cli/session.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <memory>

#include "cli/output.hpp"

namespace charter::cli {

std::filesystem::path session::db_path() const {
  if (!db_option.empty()) return db_option;
  if (const char* env = std::getenv("CHARTER_DB"); env && *env) return env;
  return "charter.db";
}

void session::say_db(std::string_view kind) const {
  if (!verbose) return;  // --verbose (detail() says nothing otherwise)
  const char* why = !db_option.empty() ? "from --db"
                    : std::getenv("CHARTER_DB") && *std::getenv("CHARTER_DB")
                        ? "from $CHARTER_DB"
                        : "the default";
  std::error_code ec;
  auto path = std::filesystem::absolute(db_path(), ec);
  detail(fmt::format("database: {} ({}, {})",
                     visible((ec ? db_path() : path).string()), kind, why));
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
    say_db("an interchange document");
    db_.emplace(std::make_unique<charter::json_store>(path));
  } else {
    say_db(write ? "SQLite" : "SQLite, read-only");
    db_.emplace(std::make_unique<charter::sqlite_store>(
        path, sqlite_options(write, /*create=*/false)));
  }
  return *db_;
}

}  // namespace charter::cli
