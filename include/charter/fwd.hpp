#ifndef CHARTER_FWD_HPP
#define CHARTER_FWD_HPP

// Forward declarations, for headers that only name charter's types (as
// <boost/json/fwd.hpp> is for Boost.JSON).

#include <cstdint>

namespace charter {

// <charter/id.hpp>
template <class Tag>
class basic_id;
struct org_tag;
struct person_tag;
struct foundation_tag;
struct project_tag;
struct body_tag;
struct tier_tag;
struct seat_class_tag;
struct election_tag;
using org_id = basic_id<org_tag>;
using person_id = basic_id<person_tag>;
using foundation_id = basic_id<foundation_tag>;
using project_id = basic_id<project_tag>;
using body_id = basic_id<body_tag>;
using tier_id = basic_id<tier_tag>;
using seat_class_id = basic_id<seat_class_tag>;
struct meeting_tag;
struct invoice_tag;
using meeting_id = basic_id<meeting_tag>;
using invoice_id = basic_id<invoice_tag>;
using election_id = basic_id<election_tag>;

// <charter/date.hpp>, <charter/money.hpp>
struct period;
struct money;

// <charter/extra.hpp>
class extra_fields;

// <charter/model.hpp>
struct organization;
struct affiliation;
struct person;
struct tier_requirement;
struct tier;
struct foundation;
struct steward;
struct stage;
struct project;
struct membership;
struct seat_class;
struct body_rules;
struct body;
struct seat;
struct role;
struct reporting_schedule;
struct dues_policy;
struct attendee;
struct meeting_vote;
struct meeting;
struct payment;
struct invoice;
struct submitted_report;
struct election_candidate;
struct election;

// <charter/batch.hpp>
struct membership_key;
struct seat_key;
struct role_key;
struct report_key;
class batch;

// <charter/registry.hpp>
class registry;
class transaction;
struct tier_members;
struct entitlement;
struct history_entry;
struct record_counts;
struct quorum_count;
struct suspension;
struct report_due;

// <charter/find.hpp>
enum class find_kind : std::uint8_t;
enum class find_field : std::uint8_t;
enum class find_match : std::uint8_t;
enum class resolved_by : std::uint8_t;
struct find_hit;
struct resolved;

// <charter/checks.hpp>
struct finding;
struct check_scope;

// <charter/diff.hpp>
enum class change_kind : std::uint8_t;
enum class record_change : std::uint8_t;
struct dated_change;
struct field_change;
struct record_diff;

// <charter/store.hpp>
struct audit_info;
struct audit_entry;
struct log_filter;
class store;
class memory_store;
class sqlite_store;
class json_store;
class database;

// <charter/report.hpp>
enum class report_kind;
enum class report_format;
struct report_options;
struct render_options;
struct roster_report;
struct board_report;
struct changes_report;
struct dues_report;
struct compliance_report;
struct timeline_report;
struct history_line;

// <charter/count.hpp>
struct count_result;

// <charter/site.hpp>
enum class site_part;
struct site_options;
struct site_summary;

// <charter/import.hpp>
struct unmapped_value;
struct import_finding;
struct import_options;
struct import_summary;
struct import_result;

// <charter/error.hpp>: every exception charter throws.
class error;
class validation_error;
class not_found_error;
class parse_error;
class storage_error;
class busy_error;
class conflict_error;
class report_error;
class source_error;
class import_error;
struct problem;
struct source_place;

}  // namespace charter

#endif
