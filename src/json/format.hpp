#ifndef CHARTER_SRC_JSON_FORMAT_HPP
#define CHARTER_SRC_JSON_FORMAT_HPP

// Internal: the fixed names and limits of the interchange format
// (docs/registry-format.md), shared by its reader and its writer.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace charter::detail {

constexpr std::string_view format_name = "charter-registry";
constexpr std::int64_t format_version = 1;

// The collections of a document, in the order the spec lists them.
constexpr std::array<std::string_view, 8> collection_names{
    "organizations", "people", "foundations", "projects",
    "memberships",   "bodies", "seats",       "roles"};

}  // namespace charter::detail

#endif
