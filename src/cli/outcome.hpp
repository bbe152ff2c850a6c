#ifndef CHARTER_SRC_CLI_OUTCOME_HPP
#define CHARTER_SRC_CLI_OUTCOME_HPP

// Internal to the `charter` executable: what a change did (its audit entry
// and the records it added, changed and removed) or, with --dry-run, would
// do (and the findings it would bring and end), in text and JSON; and the
// pieces `diff` and `check` print the same way.

#include <charter/checks.hpp>
#include <charter/diff.hpp>
#include <charter/store.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/session.hpp"

namespace charter::cli {

/// A record key as JSON: its kind, its words (`key`) and, for the kinds
/// with an id, the id.
boost::json::object key_json(const record_key& key);

/// A finding as `check --format json` gives it.
boost::json::object finding_json(const finding& f);

/// Records added, changed and removed: each its key, `change` and, when
/// changed, its `fields` (JSON Pointer, before, after).
boost::json::array diffs_json(const std::vector<record_diff>& diffs);

/// The same as text: `+ key`, `- key`, `~ key` and a line per field; the
/// first `limit` records, then a line that says there are more.
std::string diffs_text(const std::vector<record_diff>& diffs,
                       std::size_t limit = static_cast<std::size_t>(-1));

/// `N added, N removed, N changed`.
std::string diff_counts(const std::vector<record_diff>& diffs);

/// Findings as `check` prints them: a table, with date ranges.
std::string findings_text(const std::vector<finding>& findings);

/// Prints what `preview` says a change would do, in the session's change
/// format; `operations` are the change's own words (`batch::describe`).
int show_preview(const session& s, const charter::preview& preview,
                 const std::vector<std::string>& operations);

/// Prints what a committed change did: its operations, its audit entry and
/// the records it wrote.
int show_commit(const session& s, const std::vector<std::string>& operations,
                std::int64_t audit_id, const std::vector<record_diff>& diffs);

}  // namespace charter::cli

#endif
