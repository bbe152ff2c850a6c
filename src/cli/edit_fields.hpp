#ifndef CHARTER_SRC_CLI_EDIT_FIELDS_HPP
#define CHARTER_SRC_CLI_EDIT_FIELDS_HPP

// Internal to the `charter` executable: `update`'s field edits
// (`--set name=Arm`, `--set rules.max_per_family=2`, `--unset parent`,
// `--add aliases=AWS`, `--drop domains=old.example`), parsed from the
// command line and made on the record's interchange form, so that every
// field of every kind can be edited and is checked by the JSON reader.

#include <charter/batch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace charter::cli {

enum class edit_kind { set, unset, add, drop };

/// One edit of one field.
struct field_edit {
  edit_kind kind = edit_kind::set;
  /// The field as typed (`rules.max_per_family` or `/rules/max_per_family`).
  std::string field;
  /// Its path in the record: member names, or indexes into lists.
  std::vector<std::string> path;
  /// The value (none for `unset`): JSON (`2`, `true`, `null`, `["a"]`)
  /// unless the field holds text, or the value is not JSON: then text.
  std::string value;
};

using field_edits = std::vector<field_edit>;

/// Reads `FIELD=VALUE` (or `FIELD` for `unset`). FIELD is member names
/// joined by dots, or a JSON Pointer (for a name with a dot in it).
/// @throws usage_error naming the argument when it is malformed.
field_edit parse_edit(edit_kind kind, std::string_view argument);

/// `record` with `edits` made, in order, as the interchange format reads
/// it back: an unknown field, a value of the wrong type, an id that is not
/// a slug are refused with the field's JSON Pointer in the record.
/// @throws usage_error when an edit cannot be made (no such list element,
/// a value to drop that is not there).
/// @throws validation_error when the edited record is not valid.
any_record edit_record(const any_record& record, const field_edits& edits);

}  // namespace charter::cli

#endif
