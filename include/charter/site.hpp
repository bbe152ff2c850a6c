#ifndef CHARTER_SITE_HPP
#define CHARTER_SITE_HPP

// A static website of a registry (docs/site.md): an index of the
// foundations, a page per foundation, organization, person, body and
// project, each beside a JSON file of what it shows, with the interchange
// document and a Popolo export to download and a search that needs no
// server. Relative links only, so the folder can be served from anywhere
// (GitHub Pages, any web server) or opened from the disk.

#include <charter/date.hpp>
#include <charter/registry.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

namespace charter {

/// The parts of a site, in the order `write_site` writes them.
enum class site_part {
  foundations,
  bodies,
  projects,
  organizations,
  people,
  index
};

/// `foundations`, `bodies`, `projects`, `organizations`, `people`, `index`.
std::string_view to_string(site_part p) noexcept;

/// What a site shows.
struct site_options {
  /// The snapshot's date: members, seats, roles and findings on that day.
  /// The history pages cover every date up to it.
  date at;
  /// False: no person pages, and no person's name or id anywhere (seats
  /// show their class and the organization they represent); the search
  /// index and the JSON files leave people out too. The interchange and
  /// Popolo downloads are left out then, since they hold everyone.
  bool people = true;
  /// Called as each part starts, for a progress bar; may be empty.
  std::function<void(site_part)> on_part;
};

/// What `write_site` wrote.
struct site_summary {
  std::size_t pages = 0;  ///< HTML files
  std::size_t files = 0;  ///< every file, pages included
  std::uintmax_t bytes = 0;
};

/// Writes the site of `reg` into `dir` (created if needed; files of an
/// earlier site there are overwritten, others left alone).
///
/// The output is deterministic: the same registry and options always give
/// the same bytes in the same files.
/// @throws storage_error naming a file that cannot be written.
site_summary write_site(const registry& reg, const std::filesystem::path& dir,
                        const site_options& options);

}  // namespace charter

#endif
