#ifndef CHARTER_SRC_REPORT_CHANGES_HPP
#define CHARTER_SRC_REPORT_CHANGES_HPP

// Internal to the report sources: the eight lists of a changes report, in
// order, as its document (changes.cpp) and its JSON (json.cpp) name them.
// A key is the value of the CSV's `change` column and the JSON's key.

#include <array>
#include <string_view>

namespace charter::detail {

const std::array<std::string_view, 8> change_titles{
    "Joined",      "Left",          "Upgraded",      "Downgraded",
    "Seats taken", "Seats vacated", "Roles started", "Roles ended"};
const std::array<std::string_view, 8> change_keys{
    "joined",      "left",          "upgraded",      "downgraded",
    "seats_taken", "seats_vacated", "roles_started", "roles_ended"};

}  // namespace charter::detail

#endif
