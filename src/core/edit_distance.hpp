#ifndef CHARTER_SRC_CORE_EDIT_DISTANCE_HPP
#define CHARTER_SRC_CORE_EDIT_DISTANCE_HPP

// Internal: how far a mistyped name is from a known one, for "did you mean"
// (unknown JSON fields, and the CLI's commands and options).

#include <cstddef>
#include <string_view>

namespace charter::detail {

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of neighbours (the commonest typo: "nmae"), one edit each.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace charter::detail

#endif
