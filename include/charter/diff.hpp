#ifndef CHARTER_DIFF_HPP
#define CHARTER_DIFF_HPP

// What changed: in one registry between two dates (`changes_between`: the
// facts that began or ended), or from one registry to another
// (`compare`: the records added, removed and changed, field by field).
// `charter diff` shows both (docs/cli.md).

#include <charter/batch.hpp>
#include <charter/checks.hpp>
#include <charter/registry.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace charter {

// ---- between two dates

/// What kind of fact began or ended. The enumerators are in the order of
/// one day's changes.
enum class change_kind : std::uint8_t {
  joined,         ///< an organization became a member of a foundation
  tier_changed,   ///< a member moved to another tier, without a gap
  left,           ///< a member's unbroken run of memberships ended
  affiliated,     ///< a person's affiliation with an organization began
  unaffiliated,   ///< and ended
  seat_taken,     ///< a person took a seat on a body
  seat_vacated,   ///< and left it
  role_started,   ///< a person took a title
  role_ended,     ///< and gave it up
  steward_began,  ///< a project got a steward, none before it
  transferred,    ///< a project moved from one steward to the next
  steward_ended,  ///< a project's steward ended, none after it
  stage_began,    ///< a project entered a stage, none before it
  stage_changed,  ///< a project moved from one stage to the next
  stage_ended,    ///< a project's stage ended, none after it
};

/// `joined`, `tier-changed`, `left`, `affiliated`, `unaffiliated`,
/// `seat-taken`, `seat-vacated`, `role-started`, `role-ended`,
/// `steward-began`, `transferred`, `steward-ended`, `stage-began`,
/// `stage-changed`, `stage-ended`.
std::string_view to_string(change_kind k) noexcept;

/// One fact that began or ended on a day.
struct dated_change {
  date on;
  change_kind kind = change_kind::joined;
  /// Whom or what it happened to: the organization (joined, tier changed,
  /// left), the person (affiliations, seats, roles) or the project
  /// (stewards, stages).
  record_key subject;
  /// Where: the foundation (memberships), the organization (affiliations),
  /// the body (seats), the role's scope (a foundation, project or body id),
  /// the steward that began or ended (an organization or foundation id);
  /// for a transfer the new steward; none for a stage.
  std::optional<record_key> object;
  /// What it was before and after, where a fact has a value: the tier
  /// (joined: after; tier changed: both; left: before), the affiliation's
  /// title, the seat class, the role's title, the steward (`organization
  /// meta`), the stage; empty when none.
  std::string before, after;
  /// The organization a seat taken or vacated represents.
  std::optional<org_id> represents;
  /// The fact in words: `amd joined pytorch-foundation as premier`.
  std::string text;

  friend bool operator==(const dated_change&, const dated_change&) = default;
};

/// Every fact that began or ended on a day from `from` (included) to `to`
/// (excluded), in date order, then in `change_kind` order, then by subject
/// and object.
///
/// Memberships, seats and roles are as the changes report
/// (`make_changes` of <charter/report.hpp>) counts them: runs of records
/// that meet are one (a tier change is neither a departure nor a join, a
/// new office on the same seat is no vacancy), and a tier change between
/// tiers of one rank is listed too. Affiliations, stewards and stages
/// likewise: a steward or stage that ends the day its successor begins is a
/// transfer or a stage change.
///
/// With `only`, the foundation's part: its memberships, the seats on its
/// bodies and its projects' bodies, the roles in it, its projects and those
/// bodies, the stewards and stages of the projects it ever stewarded, and
/// the affiliations of people with organizations that were ever its
/// members.
/// @throws not_found_error when `only` names no foundation.
/// @throws error when `to` is not after `from`.
std::vector<dated_change> changes_between(
    const registry& reg, date from, date to,
    const std::optional<foundation_id>& only = {});

// ---- between two registries

/// What became of a record from one registry to the other.
enum class record_change : std::uint8_t { added, removed, changed };

/// `added`, `removed`, `changed`.
std::string_view to_string(record_change c) noexcept;

/// One field of a record whose value differs. Values are JSON text in the
/// canonical layout of the interchange format (`"Amazon"`, `["AWS"]`,
/// `3`); a field that one side does not have is none on that side.
struct field_change {
  /// A JSON Pointer relative to the record (`/name`, `/tiers/0/rank`): the
  /// deepest member that differs, or an array's element by index when both
  /// arrays have the same length (otherwise the whole array).
  std::string field;
  std::optional<std::string> before, after;

  friend bool operator==(const field_change&, const field_change&) = default;
};

/// One record that was added, removed or changed, by its key.
struct record_diff {
  record_key key;
  record_change change = record_change::changed;
  /// For a changed record, what differs, in the order of the document's
  /// members; empty for the others.
  std::vector<field_change> fields;

  friend bool operator==(const record_diff&, const record_diff&) = default;
};

/// The records that differ from `before` to `after`, compared as their
/// interchange documents (`to_json`) hold them, every field and `extra`
/// included. By kind in `record_kind` order; within a kind in the
/// documents' canonical order (by id, or by key), a removed record where
/// `before` has it and an added one where `after` does. Empty when the
/// registries hold the same records.
std::vector<record_diff> compare(const registry& before, const registry& after);

/// The fields that differ from `before` to `after`, two versions of one
/// record, as `compare` gives them for a changed record.
std::vector<field_change> compare(const any_record& before,
                                  const any_record& after);

// ---- a change, before and after

/// The records a change wrote and removed (`transaction::changes`,
/// `commit_result::changes`) as added, changed (field by field) and
/// removed, `after` being the registry with the change: by kind (in
/// `record_kind` order), then as the change first wrote them, the removed
/// last. A record written but left as it was is not listed.
std::vector<record_diff> record_diffs(const registry& after,
                                      const change_set& made);

/// What a change would do, worked out without doing it (`--dry-run`,
/// Python's `batch.preview()`): the records it would add, change and remove,
/// and the governance findings (`check_all`) it would bring and end.
struct preview {
  /// As `record_diffs` gives them; for an import as `compare` does.
  std::vector<record_diff> changes;
  /// Findings over all dates that hold after the change and not before, and
  /// those that held before and no longer do. A finding whose dates or
  /// figures the change moves is in both lists, as it was and as it would
  /// be.
  std::vector<finding> introduced, resolved;
  /// True when the change would change nothing.
  bool empty() const noexcept { return changes.empty(); }
};

/// What applying `changes` to `reg` would do. Stages them and rolls them
/// back: `reg` is as it was when this returns.
/// @throws validation_error when they do not apply, as `registry::apply`.
preview preview_changes(registry& reg, const batch& changes,
                        const locator& where = {});

/// What replacing `before` with `after` (an import) would do.
preview preview_replace(const registry& before, const registry& after);

}  // namespace charter

#endif
