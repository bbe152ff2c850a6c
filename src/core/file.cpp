#include "core/file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace charter {

std::optional<std::string> detail::replace_file(
    const std::filesystem::path& file, std::string_view text) {
  std::filesystem::path temporary = file;
  temporary.replace_filename(fmt::format(
      ".{}.tmp-{:08x}", file.filename().string(), std::random_device{}()));
  auto failed = [&](std::string why) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return std::optional<std::string>(std::move(why));
  };
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return failed(std::generic_category().message(errno));
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) return failed(std::generic_category().message(errno));
  }
#if defined(__unix__) || defined(__APPLE__)
  // Make the new text durable before it replaces the old one, so that a
  // crash leaves one or the other, never an empty file.
  if (int fd = ::open(temporary.c_str(), O_RDONLY); fd >= 0) {
    const bool synced = ::fsync(fd) == 0;
    const int code = errno;
    ::close(fd);
    if (!synced) return failed(std::generic_category().message(code));
  }
#endif
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec) return failed(ec.message());
  return std::nullopt;
}

}  // namespace charter
