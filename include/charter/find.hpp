#ifndef CHARTER_FIND_HPP
#define CHARTER_FIND_HPP

// Finding records by what people call them: `find` searches ids, names,
// aliases, domains, emails and handles for a piece of text, ranked;
// `resolve` turns what was typed for one record (an id, an organization's
// alias, a person's email or handle) into that record. Both compare text
// folded by `fold`: case and Latin accents do not matter.

#include <charter/registry.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace charter {

/// The kinds of record `find` and `resolve` look through: those with an
/// id, and the tiers of foundations and the seat classes of bodies.
enum class find_kind : std::uint8_t {
  organization,
  person,
  foundation,
  project,
  body,
  tier,
  seat_class
};

/// `organization`, `person`, `foundation`, `project`, `body`, `tier`,
/// `seat-class`.
std::string_view to_string(find_kind k) noexcept;
/// The kind by its name (`to_string`), or nothing.
std::optional<find_kind> parse_find_kind(std::string_view s) noexcept;

/// Which field of a record matched.
enum class find_field : std::uint8_t {
  id,
  alias,   ///< an organization's alias
  email,   ///< a person's email address
  handle,  ///< a person's handle (the account name, not the site)
  domain,  ///< an organization's internet domain
  name
};

/// `id`, `alias`, `email`, `handle`, `domain`, `name`.
std::string_view to_string(find_field f) noexcept;

/// How well a field matched, best first.
enum class find_match : std::uint8_t {
  exact,      ///< the whole field, folded, is the text
  prefix,     ///< the field starts with the text
  word,       ///< a word of the field starts with the text
  substring,  ///< the text is somewhere inside the field
};

/// `exact`, `prefix`, `word`, `substring`.
std::string_view to_string(find_match m) noexcept;

/// A record that `find` found: one per record, by its best field.
struct find_hit {
  find_kind kind = find_kind::organization;
  /// The record's id; for a tier or seat class, its own id (`premier`).
  std::string id;
  /// For a tier, its foundation's id; for a seat class, its body's id;
  /// empty for the others.
  std::string owner;
  /// The record's name (a seat class, which has none: empty).
  std::string name;
  find_field field = find_field::id;
  /// The field's value as the registry holds it (`AWS`, `jane@example.org`).
  std::string text;
  /// For a handle, its site (`github`); empty otherwise.
  std::string site;
  find_match match = find_match::exact;

  friend bool operator==(const find_hit&, const find_hit&) = default;
};

/// `text` for comparing: ASCII letters in lower case, and the letters of
/// Latin-1 and Latin Extended-A (U+00C0 to U+017F) without their accents,
/// in lower case (`É` and `é` → `e`, `ß` → `ss`, `Æ` → `ae`, `Ø` → `o`,
/// `Ł` → `l`, `Þ` → `th`). Every other byte is kept as it is, invalid
/// UTF-8 too: no locale, no ICU.
std::string fold(std::string_view text);

/// Every record whose id, name, alias, domain, email or handle contains
/// `text`, folded (`fold`), among the records of `kind` (all kinds when
/// none). Each record is found once, by its best field.
///
/// Ranking: by `find_match` (exact, then prefix, then word start, then
/// substring); among equal matches by `find_field` (id, alias, email,
/// handle, domain, name: the fields that name one record before the
/// names that describe it); then by kind (in `find_kind` order), owner and
/// id. Text that folds to nothing finds nothing.
/// Complexity: linear in the size of the registry's names.
std::vector<find_hit> find(const registry& reg, std::string_view text,
                           std::optional<find_kind> kind = {});

/// How `resolve` recognised a record.
enum class resolved_by : std::uint8_t {
  id,      ///< the text is its id, exactly
  alias,   ///< an organization's alias, folded
  email,   ///< a person's email, folded
  handle,  ///< a person's handle, folded (with or without a leading `@`)
};

/// `id`, `alias`, `email`, `handle`.
std::string_view to_string(resolved_by b) noexcept;

/// A record that some text names.
struct resolved {
  find_kind kind = find_kind::organization;
  std::string id;
  resolved_by by = resolved_by::id;
  /// What matched, as the registry holds it: the id, the alias, the email,
  /// or the handle as `site=name`.
  std::string text;

  friend bool operator==(const resolved&, const resolved&) = default;
};

/// The records of `kind` that `text` names, for a command-line argument or
/// a form field: a record whose id is exactly `text` alone when there is
/// one; otherwise every organization with an alias, or person with an
/// email or handle, equal to `text` when both are folded (`fold`). Empty
/// when nothing matches; more than one when the text is ambiguous. Sorted
/// by id; a record appears once (by its first field, in `resolved_by`
/// order). Foundations, projects and bodies have only their ids; tiers and
/// seat classes are not resolved (empty).
std::vector<resolved> resolve(const registry& reg, find_kind kind,
                              std::string_view text);

}  // namespace charter

#endif
