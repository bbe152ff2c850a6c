#ifndef CHARTER_SRC_REPORT_JSON_HPP
#define CHARTER_SRC_REPORT_JSON_HPP

// Internal to the report sources: each report as a JSON value, in the
// shapes of docs/reports.md (json.cpp).

#include <charter/fwd.hpp>

#include <boost/json/value.hpp>

namespace charter::detail {

boost::json::value to_json_value(const roster_report& r);
boost::json::value to_json_value(const board_report& r);
boost::json::value to_json_value(const changes_report& r);
boost::json::value to_json_value(const dues_report& r);
boost::json::value to_json_value(const compliance_report& r);
boost::json::value to_json_value(const timeline_report& r);
boost::json::value to_json_value(const count_result& r);  // count.cpp

}  // namespace charter::detail

#endif
