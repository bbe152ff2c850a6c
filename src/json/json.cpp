// The public functions of <charter/json.hpp>: the entry points, and the
// reading and writing of files. Reading a document is in json/reader.cpp
// (the records' decoders in json/decode.cpp), writing one in
// json/writer.cpp.
#include <charter/error.hpp>
#include <charter/json.hpp>
#include <charter/registry.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <istream>
#include <string>
#include <string_view>
#include <system_error>

#include "core/file.hpp"
#include "json/reader.hpp"
#include "json/writer.hpp"

namespace charter {

decoded_document decode_json(std::string_view text) {
  return detail::decode_json_document(text);
}

decoded_document decode_json(std::istream& in) {
  return detail::decode_json_document(in);
}

registry from_json(std::string_view text) {
  return detail::read_json_registry(text);
}

registry from_json(std::istream& in) { return detail::read_json_registry(in); }

std::string to_json(const registry& reg) {
  return detail::write_json_document(reg);
}

std::string to_json(const any_record& record) {
  return detail::write_json_record(record);
}

any_record record_from_json(std::string_view text) {
  auto doc = decode_json(text);
  const auto& ops = doc.changes.operations();
  if (ops.size() != 1)
    throw validation_error({{"", "",
                             fmt::format("expected a document of one record, "
                                         "found {} records",
                                         ops.size())}});
  return std::visit(
      [](const auto& o) -> any_record {
        if constexpr (requires { o.record; })
          return o.record;
        else
          throw error("a decoded document holds only additions");
      },
      ops.front());
}

registry load_json(const std::filesystem::path& file) {
  auto fail = [&](const std::string& why) {
    throw storage_error(fmt::format("cannot read {}: {}", file.string(), why));
  };
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) fail("is a folder");
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(std::generic_category().message(errno));
  try {
    return from_json(in);
  } catch (const storage_error& e) {
    throw storage_error(
        fmt::format("cannot read {}: {}", file.string(), e.what()));
  }
}

void save_json(const registry& reg, const std::filesystem::path& file) {
  if (auto why = detail::replace_file(file, to_json(reg)))
    throw storage_error(
        fmt::format("cannot write {}: {}", file.string(), *why));
}

}  // namespace charter
