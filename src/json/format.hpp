#ifndef CHARTER_SRC_JSON_FORMAT_HPP
#define CHARTER_SRC_JSON_FORMAT_HPP

// Internal: the fixed names and limits of the interchange format
// (docs/registry-format.md), shared by its reader and its writer.

#include <charter/batch.hpp>
#include <charter/limits.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace charter::detail {

constexpr std::string_view format_name = "charter-registry";
constexpr std::int64_t format_version = 1;

// How deep a document may nest: enough for an `extra` of max_extra_depth
// where it stands deepest, five levels down (the document, "foundations",
// a foundation, "tiers", a tier; so too affiliations, stewards, stages and
// seat classes). The decoder then holds each `extra` to max_extra_depth, so
// that the writer's documents are always within this limit.
constexpr std::size_t max_document_depth = max_extra_depth + 5;

// The collections of a document, one per kind of record, in the order the
// spec lists them (memberships before bodies, unlike record_kind); the
// governance records (meetings, invoices, reports) come after roles, and
// elections, an extension, last; the extensions are written only when
// there are any.
constexpr std::array<record_kind, record_kind_count> document_order{
    record_kind::organization, record_kind::person,     record_kind::foundation,
    record_kind::project,      record_kind::membership, record_kind::body,
    record_kind::seat,         record_kind::role,       record_kind::meeting,
    record_kind::invoice,      record_kind::report,     record_kind::election};

// The name of the collection of a kind of record: "organizations"...
constexpr std::string_view collection_name(record_kind kind) noexcept {
  switch (kind) {
    case record_kind::organization:
      return "organizations";
    case record_kind::person:
      return "people";
    case record_kind::foundation:
      return "foundations";
    case record_kind::project:
      return "projects";
    case record_kind::body:
      return "bodies";
    case record_kind::membership:
      return "memberships";
    case record_kind::seat:
      return "seats";
    case record_kind::role:
      return "roles";
    case record_kind::meeting:
      return "meetings";
    case record_kind::invoice:
      return "invoices";
    case record_kind::report:
      return "reports";
    case record_kind::election:
      return "elections";
  }
  return {};
}

// The kind of record whose collection is named `name`, if any.
constexpr std::optional<record_kind> collection_of(
    std::string_view name) noexcept {
  for (const record_kind kind : document_order)
    if (collection_name(kind) == name) return kind;
  return std::nullopt;
}

}  // namespace charter::detail

#endif
