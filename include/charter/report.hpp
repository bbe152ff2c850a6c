#ifndef CHARTER_REPORT_HPP
#define CHARTER_REPORT_HPP

// Reports on a registry: who is a member, who sits on a board, what changed,
// what members owe, what is out of compliance, and how things moved over
// time. Each report is first built as a plain model (`make_roster`...), then
// rendered in a format (`render_report`). docs/reports.md shows each report
// in each format and documents the JSON shapes. `describe` words a record's
// history (`registry::history`).

#include <charter/checks.hpp>
#include <charter/count.hpp>
#include <charter/error.hpp>
#include <charter/model.hpp>
#include <charter/registry.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace charter {

/// The kinds of report.
enum class report_kind { roster, board, changes, dues, compliance, timeline };

/// How a report is written out.
///
/// - `text`: aligned columns for a terminal;
/// - `markdown`: GitHub-flavoured Markdown with pipe tables;
/// - `csv`: one RFC 4180 table (CRLF line ends, quoted where needed);
/// - `json`: one JSON document per report, in the shapes of docs/reports.md;
/// - `html`: a self-contained page (inline CSS, inline SVG charts, no script);
/// - `svg`: a self-contained chart; only `board` and `timeline` have one.
enum class report_format { text, markdown, csv, json, html, svg };

std::string_view to_string(report_kind k) noexcept;
std::string_view to_string(report_format f) noexcept;
/// `roster`, `board`, `changes`, `dues`, `compliance`, `timeline`.
std::optional<report_kind> parse_report_kind(std::string_view s) noexcept;
/// `text` (or `txt`), `markdown` (or `md`), `csv`, `json`, `html`, `svg`.
std::optional<report_format> parse_report_format(std::string_view s) noexcept;
/// True if `kind` can be rendered in `format` (everything but `svg`, which
/// only `board` and `timeline` have).
bool supports(report_kind kind, report_format format) noexcept;

/// What a report is about. Which fields each kind needs:
///
/// - roster: `foundation`, `at`;
/// - board: `body`, `at`;
/// - changes: `foundation`, `from`, `to`;
/// - dues: `foundation`, and `at` or `year`;
/// - compliance: `foundation` (which covers its bodies) or else `body`, and
///   `at` or `all_dates`;
/// - timeline: `project` and/or `foundation`; `from` and `to` (or `at` as
///   the end) are optional.
struct report_options {
  std::optional<foundation_id> foundation;
  std::optional<body_id> body;
  std::optional<project_id> project;
  std::optional<date> at;
  std::optional<date> from;
  std::optional<date> to;
  std::optional<int> year;
  bool all_dates = false;
};

// ---- roster

struct roster_member {
  org_id org;
  std::string name;
  /// The top-most ancestor (the organization itself when it has none).
  org_id family;
  std::string family_name;
  /// The start of the unbroken run of memberships holding the report's date.
  date since;
  /// Any of its memberships of the foundation is marked founding.
  bool founding = false;
  std::optional<money> annual_fee;  ///< its tier's fee, when the tier has one
};

struct roster_tier {
  tier_id id;
  std::string name;
  int rank = 1;
  std::optional<money> annual_fee;
  /// By the name shown, case and Latin accents folded (no locale), ties
  /// by organization id.
  std::vector<roster_member> members;
};

/// The members of a foundation on a date, by tier in rank order.
struct roster_report {
  foundation_id foundation;
  std::string name;
  date on;
  std::vector<roster_tier> tiers;  ///< every tier, empty ones too

  std::size_t total() const noexcept;
};

/// @throws not_found_error when `f` does not exist.
roster_report make_roster(const registry& reg, const foundation_id& f, date on);

// ---- board

struct board_seat {
  person_id person;
  std::string name;
  std::optional<org_id> represents;
  /// Empty when the seat represents no organization.
  std::string represents_name;
  std::optional<charter::office> office;
  bool voting = true;  ///< the seat's own flag, else its class's
  date since;          ///< the seat record's start
};

struct board_class {
  seat_class_id id;
  seat_mode mode = seat_mode::fixed;
  int entitled = 0;
  int filled = 0;
  /// By the holder's name, case and Latin accents folded (no locale),
  /// ties by person id.
  std::vector<board_seat> seats;

  int vacant() const noexcept {
    return entitled > filled ? entitled - filled : 0;
  }
};

/// The seats held for one organization family (by representation, or for a
/// seat that represents no one, by the holder's affiliations).
struct board_family {
  org_id family;
  std::string name;
  int seats = 0;
};

/// A body on a date: its seat classes, their holders and vacancies, and the
/// share of the seats each family holds against the body's cap.
struct board_report {
  body_id body;
  std::string name;
  date on;
  std::vector<board_class> classes;  ///< in the body's class order
  /// Most seats first, then by name (folded, as the seats), then by id.
  std::vector<board_family> families;
  std::optional<int> max_per_family;
  std::optional<double> max_fraction_per_family;

  int entitled() const noexcept;
  int filled() const noexcept;
  int vacant() const noexcept;
  /// The most seats one family may hold under the caps, with `filled()`
  /// seats filled; nothing when the body has no cap.
  std::optional<int> family_cap() const noexcept;
};

/// @throws not_found_error when `b` does not exist.
board_report make_board(const registry& reg, const body_id& b, date on);

// ---- changes

/// An organization joined, left, or moved between tiers on `on`.
struct membership_change {
  org_id org;
  std::string name;
  date on;
  std::optional<tier_id> from_tier;  ///< none for a join
  std::optional<tier_id> to_tier;    ///< none for a departure
};

/// A seat taken (its first day) or vacated (the day after its last).
struct seat_change {
  body_id body;
  seat_class_id seat_class;
  person_id person;
  std::string name;
  std::optional<org_id> represents;
  date on;
};

/// A role started (its first day) or ended (the day after its last).
struct role_change {
  person_id person;
  std::string name;
  std::string title;
  role_scope scope;  ///< the foundation, project or body it is held in
  date on;
};

/// What changed in a foundation on the days `from` (included) to `to`
/// (excluded). docs/reports.md defines each list precisely; in short, runs
/// of memberships that meet are one membership (a tier change is not a
/// departure and a join), and likewise for a person's seats on one body.
struct changes_report {
  foundation_id foundation;
  std::string name;
  date from;
  date to;
  std::vector<membership_change> joined;
  std::vector<membership_change> left;
  std::vector<membership_change> upgraded;    ///< to a better (lower) rank
  std::vector<membership_change> downgraded;  ///< to a worse (higher) rank
  std::vector<seat_change> seats_taken;
  std::vector<seat_change> seats_vacated;
  std::vector<role_change> roles_started;
  std::vector<role_change> roles_ended;
};

/// Every list is sorted by date, then by id.
/// @throws not_found_error when `f` does not exist.
/// @throws report_error when `to` is not after `from`.
changes_report make_changes(const registry& reg, const foundation_id& f,
                            date from, date to);

// ---- dues

struct dues_tier {
  tier_id id;
  std::string name;
  int rank = 1;
  /// None: the tier has no fee, and adds nothing.
  std::optional<money> annual_fee;
  int members = 0;
  /// Members × fee, exactly, in the fee's currency; none when the tier has
  /// no fee (it owes nothing, in no currency).
  std::optional<money> amount;
};

/// One organization's dues: the fee of the tier it is counted in.
struct dues_member {
  org_id org;
  std::string name;
  tier_id tier;
  std::string tier_name;
  /// None: its tier has no fee, and it owes nothing.
  std::optional<money> annual_fee;
};

/// What the members of a foundation owe, exactly, in integer cents.
///
/// On a date: every member on that date owes its tier's annual fee. For a
/// calendar year: every organization that is a member on any day of the
/// year owes one full annual fee, that of the tier it holds on its last day
/// of membership in the year (no pro-rating).
struct dues_report {
  foundation_id foundation;
  std::string name;
  std::optional<date> on;        ///< set for a report on a date
  std::optional<int> year;       ///< set for a report for a year
  std::vector<dues_tier> tiers;  ///< in rank order
  /// Who owes what: every organization counted in a tier's `members`, in
  /// the tiers' order, then by organization id.
  std::vector<dues_member> members;
  /// The sum of the tiers' amounts, in the one currency of the fees; none
  /// when no tier has a fee.
  std::optional<money> total;
};

/// @throws not_found_error when `f` does not exist.
/// @throws report_error when the tiers' fees are in more than one currency.
dues_report make_dues(const registry& reg, const foundation_id& f, date on);
dues_report make_dues_for_year(const registry& reg, const foundation_id& f,
                               int year);

// ---- compliance

/// The governance findings for a foundation or a body, on a date or over
/// all dates (`check` / `check_all` of <charter/checks.hpp>).
struct compliance_report {
  std::optional<foundation_id> foundation;
  std::optional<body_id> body;
  std::string name;        ///< of the foundation or body
  std::optional<date> on;  ///< none: over all dates
  std::vector<finding> findings;
};

/// @throws not_found_error when the scope names no record.
/// @throws report_error when the scope names neither a foundation nor a body.
compliance_report make_compliance(const registry& reg, const check_scope& scope,
                                  std::optional<date> on);

// ---- timeline

struct timeline_steward {
  steward_ref who;   ///< the organization or foundation
  std::string name;  ///< its name, or its id when it has no record
  period when;
};

struct timeline_stage {
  std::string name;
  period when;
};

/// A foundation's member count per tier from `on` until the next point.
struct timeline_point {
  date on;
  std::vector<int> counts;  ///< one per tier of `timeline_report::tiers`
  int total() const noexcept;
};

struct timeline_tier {
  tier_id id;
  std::string name;
  int rank = 1;
};

/// A project's stewards and stages, and a foundation's member count per
/// tier over time; either part may be absent.
struct timeline_report {
  std::optional<project_id> project;
  std::string project_name;
  std::vector<timeline_steward> stewards;  ///< earliest first
  std::vector<timeline_stage> stages;      ///< earliest first

  std::optional<foundation_id> foundation;
  std::string foundation_name;
  std::vector<timeline_tier> tiers;  ///< in rank order
  /// Each date a count changes, earliest first.
  std::vector<timeline_point> points;
  /// Each member's joins, tier changes and departures (`from_tier` none for
  /// a join, `to_tier` none for a departure), by organization id, then
  /// date; memberships that meet are one run, as in `changes_report`.
  std::vector<membership_change> member_changes;

  /// The days a chart shows (`to` always set); none when nothing is dated.
  std::optional<period> span;
};

/// `from`/`to` bound the chart's span (the points list every change
/// still); when absent, the span runs from the earliest date in the report
/// to a year after the latest.
/// @throws not_found_error when an id does not exist.
/// @throws report_error when neither a project nor a foundation is given.
timeline_report make_timeline(const registry& reg,
                              const std::optional<project_id>& p,
                              const std::optional<foundation_id>& f,
                              std::optional<date> from = {},
                              std::optional<date> to = {});

// ---- history in words

/// The wording of one fact of a record's history (`registry::history`), as
/// `charter whois --history` and Python's `HistoryEntry.text` show it.
///
/// `subject` is the kind of the record whose history `e` is in; where a
/// fact ties two records, it decides which one the line names:
///
/// - membership: `premier member of pytorch-foundation`, then
///   ` (founding)` for a founding membership;
/// - affiliation: for an organization, the person (`sam-lee`, or
///   `sam-lee (Engineer)` with a title); otherwise the organization
///   (`aws`, or `Engineer at aws`);
/// - seat: `jane-doe on pytorch-board (premier)`, then ` for amd` when it
///   represents an organization and `, chair` when it has an office;
/// - role: for a project, the title and the person (`Maintainer:
///   alex-kim`); otherwise the title and the scope's id (`Treasurer of
///   pytorch-foundation`);
/// - steward: for a project, the steward (`organization meta`,
///   `foundation pytorch-foundation`); otherwise the project (`steward of
///   pytorch`);
/// - stage: its name (`graduated`).
///
/// An entry without the records of its kind (a default `history_entry`)
/// has no words: the empty string.
/// @pre `e`'s pointers are valid: made by `registry::history`, with no
/// change to the registry since.
std::string describe(const history_entry& e, record_kind subject);

/// One fact of a record's history in words.
struct history_line {
  period when;
  history_kind kind = history_kind::membership;
  std::string text;  ///< `describe(entry, subject)`

  friend bool operator==(const history_line&, const history_line&) = default;
};

/// Every entry of `h` in words (`describe(e, subject)`), in the order the
/// CLI and Python show a history: earliest first, then by kind, then by
/// text; lines alike in all three in the order of `h`.
/// @pre as for one entry.
std::vector<history_line> describe(std::span<const history_entry> h,
                                   record_kind subject);

// ---- rendering

/// How a report is written out, beyond its format.
struct render_options {
  /// CSV: every cell exactly as it is. By default a cell that starts with
  /// `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote
  /// before it, so that a spreadsheet shows it as text instead of running it
  /// as a formula (OWASP's rule against CSV injection). That holds for every
  /// cell of text, the header and whatever the registry holds (names,
  /// titles, ids, messages); only the numbers a report writes itself in its
  /// number columns (counts, ranks, amounts such as `-5.00`) are left as
  /// they are. Either way a cell is quoted as RFC 4180 needs.
  bool csv_raw = false;
};

/// Builds the report `kind` from `options` and renders it in `format`.
///
/// Everything taken from the registry is escaped as the format needs
/// (HTML and SVG entities, Markdown backslashes, CSV quotes and the formula
/// guard of `render_options::csv_raw`, JSON strings; control characters
/// made visible in text).
/// @throws report_error for a format the kind has no rendering in or a
/// missing option; not_found_error for an id that does not exist.
std::string render_report(const registry& reg, report_kind kind,
                          report_format format, const report_options& options,
                          const render_options& how = {});
/// As above, the kind by name. @throws report_error for an unknown kind.
std::string render_report(const registry& reg, std::string_view kind,
                          report_format format, const report_options& options,
                          const render_options& how = {});

/// Several reports in one output: text and Markdown one after the other,
/// CSV tables separated by a blank line, one JSON object keyed by kind
/// (`{"roster": {...}, "board": {...}}`), one HTML page. Not for `svg`.
std::string render_reports(const registry& reg,
                           std::span<const report_kind> kinds,
                           report_format format, const report_options& options,
                           const render_options& how = {});

// The models rendered directly, for callers that built (or changed) one.
std::string render(const roster_report& r, report_format format,
                   const render_options& how = {});
std::string render(const board_report& r, report_format format,
                   const render_options& how = {});
std::string render(const changes_report& r, report_format format,
                   const render_options& how = {});
std::string render(const dues_report& r, report_format format,
                   const render_options& how = {});
std::string render(const compliance_report& r, report_format format,
                   const render_options& how = {});
std::string render(const timeline_report& r, report_format format,
                   const render_options& how = {});
/// A count of ballots (<charter/count.hpp>): the winners, and the ranking
/// and matrices (Schulze) or the stages (STV) that found them, the
/// candidates a seat rule skipped and the ties drawn; in every format but
/// SVG (docs/elections.md).
std::string render(const count_result& r, report_format format,
                   const render_options& how = {});

}  // namespace charter

#endif
