#ifndef CHARTER_POPOLO_HPP
#define CHARTER_POPOLO_HPP

// A registry as Popolo JSON (https://www.popoloproject.com): persons,
// organizations, memberships and posts, the shapes civic-tech tools read.
// docs/interchange.md documents the mapping field by field.

#include <charter/registry.hpp>

#include <string>

namespace charter {

/// Writes `reg` as one Popolo document: `{"persons": [...],
/// "organizations": [...], "memberships": [...], "posts": [...]}`.
///
/// Organizations, foundations, projects and bodies are all Popolo
/// organizations, their ids prefixed by their kind (`organization/aws`,
/// `foundation/pytorch-foundation`, `body/pytorch-board`); people are
/// `person/<id>`. Memberships of foundations, affiliations, seats (with
/// `on_behalf_of_id` for the organization a seat represents, `post_id` for
/// its class), offices and roles are memberships, dated by ISO dates
/// (`end_date` is the last day, inclusive). The output is deterministic.
std::string to_popolo(const registry& reg);

}  // namespace charter

#endif
