#include "import/aliases.hpp"

#include "import/names.hpp"
#include "import/yaml.hpp"

#include <fmt/format.h>

namespace charter::import {

// The text of organization-aliases.yml, made into a source by CMake.
extern const char* const shipped_aliases_text;

alias_table alias_table::shipped() {
  alias_table table;
  table.read(source_file("organization-aliases.yml", shipped_aliases_text));
  return table;
}

void alias_table::read(const source_file& file) {
  const YAML::Node doc = load_yaml(file);
  if (!doc || doc.IsNull()) return;
  if (!doc.IsSequence())
    throw import_error(place_of(file, doc),
                       "an alias file is a list of organizations");
  for (const auto& node : doc) {
    const auto where = place_of(file, node);
    if (!node.IsMap())
      throw import_error(where, "an entry is a mapping with 'id' and 'name'");
    alias_entry e;
    e.id = scalar(file, node, "id");
    e.name = scalar(file, node, "name");
    if (!is_slug(e.id))
      throw import_error(where,
                         fmt::format("'id' must be a slug, not '{}'", e.id));
    if (const auto kind = scalar(file, node, "kind"); !kind.empty()) {
      const auto k = parse_org_kind(kind);
      if (!k)
        throw import_error(place_of(file, node["kind"]),
                           fmt::format("unknown organization kind '{}'", kind));
      e.kind = *k;
    }
    for (const auto& alias : sequence(file, node, "aliases")) {
      if (!alias.IsScalar())
        throw import_error(place_of(file, alias), "an alias is a name");
      e.aliases.push_back(alias.Scalar());
    }
    e.parent = scalar(file, node, "parent");
    if (const auto since = scalar(file, node, "parent_since"); !since.empty()) {
      e.parent_since = try_parse_date(since);
      if (!e.parent_since)
        throw import_error(
            place_of(file, node["parent_since"]),
            fmt::format("'{}' is not a date (YYYY-MM-DD)", since));
    }
    if (const auto at = by_id_.find(e.id); at != by_id_.end()) {
      auto& old = entries_[at->second];
      if (!e.name.empty()) old.name = e.name;
      if (node["kind"]) old.kind = e.kind;
      if (!e.parent.empty())
        old.parent = e.parent, old.parent_since = e.parent_since;
      old.aliases.insert(old.aliases.end(), e.aliases.begin(), e.aliases.end());
      index(at->second);
      continue;
    }
    if (e.name.empty())
      throw import_error(where,
                         fmt::format("the entry '{}' has no name", e.id));
    entries_.push_back(std::move(e));
    by_id_.emplace(entries_.back().id, entries_.size() - 1);
    index(entries_.size() - 1);
  }
  for (const auto& e : entries_)
    if (!e.parent.empty() && !by_id_.contains(e.parent))
      throw import_error(
          file.place(0, 0),
          fmt::format("the parent '{}' of '{}' is no entry", e.parent, e.id));
}

void alias_table::index(std::size_t entry) {
  const auto& e = entries_[entry];
  by_key_[org_key(e.name)] = entry;
  by_key_[org_key(e.id)] = entry;
  for (const auto& a : e.aliases) by_key_[org_key(a)] = entry;
}

const alias_entry* alias_table::find(const std::string& key) const {
  const auto at = by_key_.find(key);
  return at == by_key_.end() ? nullptr : &entries_[at->second];
}

const alias_entry* alias_table::by_id(const std::string& id) const {
  const auto at = by_id_.find(id);
  return at == by_id_.end() ? nullptr : &entries_[at->second];
}

}  // namespace charter::import
