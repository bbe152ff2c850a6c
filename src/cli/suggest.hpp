#ifndef CHARTER_SRC_CLI_SUGGEST_HPP
#define CHARTER_SRC_CLI_SUGGEST_HPP

// Internal to the `charter` executable: "did you mean" suggestions, and
// lookups that fail with a message that names the closest id.

#include <charter/find.hpp>
#include <charter/registry.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace charter::cli {

// ---- suggestions (suggest.cpp)

/// The candidate closest to `word` when it is close enough to be a likely
/// typo (or the only candidate `word` is a prefix of); empty otherwise.
std::string closest(std::string_view word,
                    const std::vector<std::string>& candidates);

/// ` (did you mean 'x'?)`, or nothing when no candidate is close.
std::string did_you_mean(std::string_view word,
                         const std::vector<std::string>& candidates);

/// The ids of every record of `kind` ("organization", "person",
/// "foundation", "project", "body") in `reg`.
std::vector<std::string> ids_of_kind(const charter::registry& reg,
                                     std::string_view kind);

// ---- lookups with good messages (suggest.cpp)
//
// Every id a command takes goes through these: an id, or else what
// `charter::resolve` accepts for the kind (an organization's alias, a
// person's email or handle) when it names one record, which is then said on
// stderr (`charter: 'AWS' is organization aws (an alias)`). Unknown: `no
// organization 'x'` with the closest id; ambiguous: every candidate. Both
// are usage errors (exit 2).

/// The one record of `kind` that `text` names (see above).
/// @throws usage_error when none or several do.
resolved resolve_one(const charter::registry& reg, find_kind kind,
                     std::string_view text);
/// True if a record of any kind (organization, person, foundation,
/// project, body) has the id `text`.
bool has_id(const charter::registry& reg, std::string_view text);
/// The organizations and people that `text` names as an alias, email or
/// handle (`charter::resolve` of both kinds), for commands that take any id.
std::vector<resolved> resolve_any(const charter::registry& reg,
                                  std::string_view text);
/// Says on stderr which record `text` was taken for, unless it was its id.
void note_resolved(std::string_view text, const resolved& r);
/// @throws usage_error naming every candidate.
[[noreturn]] void throw_ambiguous(std::string_view text,
                                  const std::vector<resolved>& found);

const organization& need(const charter::registry& reg, const org_id& id);
const person& need(const charter::registry& reg, const person_id& id);
const foundation& need(const charter::registry& reg, const foundation_id& id);
const project& need(const charter::registry& reg, const project_id& id);
const body& need(const charter::registry& reg, const body_id& id);
/// The election `id` names (by id alone), or a usage error with the
/// closest election id.
const election& need(const charter::registry& reg, const election_id& id);
const tier& need_tier(const foundation& f, const tier_id& t);
const seat_class& need_class(const body& b, const seat_class_id& c);

}  // namespace charter::cli

#endif
