#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <memory>

#include "cli.hpp"

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

void add_db_option(CLI::App* app, session& s) {
  app->add_option("--db", s.db_option,
                  "The registry (default: $CHARTER_DB, else ./charter.db); a "
                  ".json file is an interchange document")
      ->type_name("PATH");
}

CLI::Validator date_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (text == "today" || try_parse_date(text)) return {};
        return fmt::format(
            "'{}' is not a date (expected YYYY-MM-DD, a day that exists, or "
            "'today')",
            text);
      },
      "", "DATE");
}

CLI::Option* add_date_option(CLI::App* app, const std::string& name,
                             std::string& value,
                             const std::string& description) {
  return app->add_option(name, value, description)
      ->type_name("DATE")
      ->check(date_check());
}

CLI::Validator one_of(std::vector<std::string> names) {
  std::string desc = "{";
  for (std::size_t i = 0; i < names.size(); ++i)
    desc += (i ? "," : "") + names[i];
  desc += "}";
  return CLI::Validator(
      [names](std::string& value) -> std::string {
        for (const auto& n : names)
          if (n == value) return {};
        std::string list;
        for (std::size_t i = 0; i < names.size(); ++i)
          list += (i ? ", " : "") + names[i];
        return fmt::format("'{}' is not one of {}{}", value, list,
                           did_you_mean(value, names));
      },
      desc, "one-of");
}

CLI::Validator whole_number(long long min, long long max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        long long n = 0;
        auto [end, ec] =
            std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc{} || end != text.data() + text.size() || n < min ||
            n > max)
          return fmt::format("'{}' is not a whole number from {} to {}", text,
                             min, max);
        return {};
      },
      "", "whole-number");
}

CLI::Option* add_format_option(CLI::App* app, std::string& value,
                               std::vector<std::string> choices) {
  value = choices.front();
  return app
      ->add_option("--format", value,
                   "Output format (default: " + choices.front() + ")")
      ->type_name("FORMAT")
      ->check(one_of(std::move(choices)));
}

date parse_date_arg(std::string_view text) {
  if (text == "today") return today();
  if (auto d = try_parse_date(text)) return *d;
  // The parser's check lets nothing else through; this is for safety.
  throw usage_error(
      fmt::format("'{}' is not a date (expected YYYY-MM-DD or 'today')", text));
}

std::optional<date> parse_date_arg(const std::string& text, bool) {
  if (text.empty()) return std::nullopt;
  return parse_date_arg(std::string_view(text));
}

void add_audit_options(CLI::App* app, charter::audit_info& who) {
  app->add_option("--actor", who.actor,
                  "Who makes the change, for the audit log (default: $USER)")
      ->type_name("NAME");
  app->add_option("--reason", who.reason, "Why, for the audit log")
      ->type_name("TEXT");
}

std::string examples(std::initializer_list<std::string_view> lines) {
  std::string out = lines.size() > 1 ? "Examples:\n" : "Example:\n";
  for (auto line : lines) out += fmt::format("  {}\n", line);
  return out;
}

}  // namespace charter::cli
