#ifndef CHARTER_SRC_IMPORT_NAMES_HPP
#define CHARTER_SRC_IMPORT_NAMES_HPP

// Names of organizations and people as sources write them, made
// comparable: the key two spellings of one organization share, what a
// placeholder or compound value is, and ids made from names.

#include <string>
#include <string_view>

namespace charter::import {

/// `name` as a display name: entities decoded, a LinkedIn `·` suffix
/// ("Firebolt · Internship") and a membership suffix ("IBM (member)")
/// removed, spaces squeezed.
std::string clean_org_name(std::string_view name);

/// The key under which spellings of one organization meet: the cleaned
/// name folded (case, Latin accents), without punctuation or spaces, and
/// without trailing legal suffixes (Inc, LLC, Ltd, GmbH, Corporation,
/// Corp, Co, B.V., S.A., AG, PLC, Limited, SAS, SRL, Pty, Oy, AB, KK).
/// "Red Hat, Inc." and "RedHat" share "redhat". Empty for a name of
/// punctuation alone.
std::string org_key(std::string_view name);

/// What an organization value is, when it names none.
enum class org_value {
  name,         ///< a name
  none,         ///< says there is no organization: Independent, NotFound
  placeholder,  ///< a placeholder: `-`, `_`, `N/A`, `NULL`, `Various`...
  compound,     ///< more than one: `Red Hat/IBM`, `Google & Microsoft`
};
org_value classify_org(std::string_view cleaned_name);

/// A slug (`[a-z0-9][a-z0-9._-]*`, at most 64 characters) made from a
/// name or handle: ASCII letters lowered, Latin accents folded, other
/// runs of characters as one `-`. Empty when nothing is left (a name in
/// another script: the caller then makes one from its handle or a hash).
std::string slug(std::string_view text);

/// A short stable slug for text with no Latin letters (`org-3f2a9c1b`).
std::string hashed_slug(std::string_view prefix, std::string_view text);

/// A person's name as a source writes it, made presentable: entities
/// decoded, spaces squeezed and trimmed.
std::string clean_person_name(std::string_view name);

/// True if `name` looks like a person's name rather than a handle or an
/// address: not empty, no `@`, no `://`.
bool well_formed_name(std::string_view name);

/// A GitHub (or other site's) handle compared: `@` removed, lowered.
std::string handle_key(std::string_view handle);

}  // namespace charter::import

#endif
