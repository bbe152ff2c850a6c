#ifndef CHARTER_FWD_HPP
#define CHARTER_FWD_HPP

// Forward declarations, for headers that only name charter's types.

namespace charter {

template <class Tag>
class basic_id;
struct period;
struct money;
struct organization;
struct affiliation;
struct person;
struct tier;
struct foundation;
struct steward;
struct stage;
struct project;
struct membership;
struct seat_class;
struct body;
struct seat;
struct role;
class batch;
class registry;
class transaction;
class error;
class validation_error;
class not_found_error;
class parse_error;
class storage_error;
class conflict_error;
class report_error;

}  // namespace charter

#endif
