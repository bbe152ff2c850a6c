#ifndef CHARTER_SRC_IMPORT_ALIASES_HPP
#define CHARTER_SRC_IMPORT_ALIASES_HPP

// The curated table of organization aliases (organization-aliases.yml,
// compiled into the library) and the user's own (`--aliases FILE`).

#include "import/text.hpp"

#include <charter/model.hpp>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace charter::import {

struct alias_entry {
  std::string id;
  std::string name;
  org_kind kind = org_kind::company;
  std::vector<std::string> aliases;
  std::string parent;                ///< an entry's id, or ""
  std::optional<date> parent_since;  ///< kept in the record's extra
};

class alias_table {
 public:
  /// The table shipped with charter.
  static alias_table shipped();
  /// Adds the entries of a file of the same layout; an entry of an id the
  /// table has already gains its aliases (and, when given, name, kind and
  /// parent). @throws import_error at a bad entry.
  void read(const source_file& file);

  /// The entry whose name or alias has `org_key` `key`, or null.
  const alias_entry* find(const std::string& key) const;
  const alias_entry* by_id(const std::string& id) const;

 private:
  void index(std::size_t entry);
  std::vector<alias_entry> entries_;
  std::unordered_map<std::string, std::size_t> by_key_;
  std::unordered_map<std::string, std::size_t> by_id_;
};

}  // namespace charter::import

#endif
