#ifndef CHARTER_IMPORT_HPP
#define CHARTER_IMPORT_HPP

// Importers of what foundations publish (landscape.yml, sigs.yaml, Apache's
// committee JSON, README tables, gitdm affiliation files...), each turning
// its files into a batch of records for a registry. Organizations and people
// are matched against the registry's records and across sources, so that
// importing several sources one after the other builds one registry
// (docs/importers.md has each source's mapping).

#include <charter/batch.hpp>
#include <charter/date.hpp>
#include <charter/error.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace charter {

class registry;

/// A source file is not what its source publishes: a YAML syntax error, a
/// missing category, a table with a missing column, an impossible date.
/// Nothing was imported.
class import_error : public source_error {
 public:
  using source_error::source_error;
};

/// A value an importer read and did not map, and why: a placeholder
/// organization (`Independent`, `-`), a compound one (`Red Hat/IBM`), a
/// date it cannot read, an entry with no person. Never dropped silently.
struct unmapped_value {
  source_place where;
  std::string value;
  std::string reason;

  friend bool operator==(const unmapped_value&,
                         const unmapped_value&) = default;
};

/// What a person must resolve after an import: `affiliation-conflict`, one
/// person given different organizations by files with no dates to tell
/// them apart (no affiliation was added for them: charter does not guess).
struct import_finding {
  std::string code;
  /// The record it is about ("person kubernetes-dev").
  std::string record;
  std::string message;
  /// Where the files say what conflicts.
  std::vector<source_place> places;

  friend bool operator==(const import_finding&,
                         const import_finding&) = default;
};

/// How to read a source.
struct import_options {
  /// The foundation or project the data belongs to (`cncf`, `kubernetes`);
  /// empty for the source's own default (docs/importers.md). Created when
  /// the registry has none of that id.
  std::string foundation;
  /// The start of memberships and seats the files give no date for (a
  /// landscape member with no `joined`), marked `undated_start` in their
  /// `extra`; today when absent.
  std::optional<date> as_of;
  /// Files of organization aliases read after the ones shipped with charter
  /// (docs/importers.md has their layout).
  std::vector<std::string> alias_files;
};

/// What an import read and made of it.
struct import_summary {
  std::string source;
  std::vector<std::string> files;
  /// Entries of the files (a landscape item, a gitdm developer or
  /// affiliation line, a table row...), and how many became records or
  /// parts of records; `skipped` = `read` - `mapped`, each one listed in
  /// `unmapped`.
  std::size_t read = 0;
  std::size_t mapped = 0;
  std::size_t skipped = 0;
  /// Organizations and people of the files found in the registry already
  /// (by id, name, alias or handle) rather than added.
  std::size_t matched = 0;
  /// What the batch does to the registry, record by record (an upsert:
  /// see `upsert` of <charter/registry.hpp>).
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  /// Every value not mapped, in file order.
  std::vector<unmapped_value> unmapped;
  /// Values that say there is no organization (`Independent`,
  /// `NotFound`), by spelling: understood, so mapped, but no record.
  std::vector<std::pair<std::string, std::size_t>> without_organization;
  /// What a person must resolve.
  std::vector<import_finding> findings;
};

/// An import read and matched, not yet applied.
struct import_result {
  /// An upsert of `existing` (see `read_source`): updates of the records it
  /// matched, additions of the new ones; empty when nothing would change.
  batch changes;
  import_summary summary;
};

/// The sources `read_source` knows, in the order docs/importers.md lists
/// them: landscape, k8s-sigs, k8s-steering, apache, whimsy, ossf-tac,
/// openjs-cpc, pytorch-tac, gitdm.
std::span<const std::string_view> import_sources() noexcept;

/// Reads `paths` as `source` publishes them and matches their
/// organizations and people with those of `existing`.
///
/// @throws import_error when a file is not what the source publishes (its
/// place named); error for an unknown source, a missing file, or a file
/// the source does not take.
import_result read_source(const registry& existing, std::string_view source,
                          std::span<const std::string> paths,
                          const import_options& options = {});

}  // namespace charter

#endif
