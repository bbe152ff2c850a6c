#ifndef CHARTER_SRC_CLI_SUGGEST_HPP
#define CHARTER_SRC_CLI_SUGGEST_HPP

// Internal to the `charter` executable: "did you mean" suggestions, and
// lookups that fail with a message that names the closest id.

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

const organization& need(const charter::registry& reg, const org_id& id);
const person& need(const charter::registry& reg, const person_id& id);
const foundation& need(const charter::registry& reg, const foundation_id& id);
const project& need(const charter::registry& reg, const project_id& id);
const body& need(const charter::registry& reg, const body_id& id);
const tier& need_tier(const foundation& f, const tier_id& t);
const seat_class& need_class(const body& b, const seat_class_id& c);

}  // namespace charter::cli

#endif
