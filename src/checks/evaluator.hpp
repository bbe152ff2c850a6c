#ifndef CHARTER_SRC_CHECKS_EVALUATOR_HPP
#define CHARTER_SRC_CHECKS_EVALUATOR_HPP

// Internal: the governance rules at one date (evaluator.cpp), what a scope
// covers and a person's runs of service on a body, shared by check() and
// check_all() (checks.cpp, check_all.cpp).

#include <charter/checks.hpp>
#include <charter/registry.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace charter::detail {

/// `d` plus `years`; 29 February in a year without one is the last day of
/// February.
date add_years(date d, int years);

/// The bodies a scope covers: one body, a foundation's (its own and those
/// of the projects it stewards at any time), or every body.
std::vector<const body*> bodies_in(const registry& reg,
                                   const check_scope& scope);
/// The foundations a scope covers: none for a body, else one or all.
std::vector<const foundation*> foundations_in(const registry& reg,
                                              const check_scope& scope);

/// Periods that overlap or meet, merged into unbroken runs, earliest first.
std::vector<period> merge_runs(std::vector<period> spans);
/// Every period in which `person` sat on `b`, in any class.
std::vector<period> service(const registry& reg, const body_id& b,
                            const person_id& person);
/// The start of the run (of merge_runs) that includes `on`.
std::optional<date> run_start(const std::vector<period>& runs, date on);
/// Each person's runs of service on one body (merge_runs of service()).
using service_runs = std::map<person_id, std::vector<period>>;

// The rules of the spec's governance findings, evaluated at one date: each
// check_* adds the findings of one part (a body, a seat class, a
// foundation) to `findings`, once per code and subjects.
class evaluator {
 public:
  using subjects = std::vector<std::string>;

  evaluator(const registry& reg, date on) : reg_(reg), on_(on) {}

  /// Starts over at another date.
  void at(date on) {
    on_ = on;
    findings.clear();
    seen_.clear();
  }

  std::vector<finding> findings;

  /// The runs of service on the body checked, when known beforehand (a
  /// body checked at many dates).
  const service_runs* runs_known = nullptr;

  void check_body(const body& b);

  // Each seat for an organization: its membership, its holder's ties.
  void check_representation(const body& b,
                            const std::vector<const seat*>& seats);

  void check_families(const body& b, const std::vector<const seat*>& seats);

  // What the seats filled alone decide: terms, size, offices, conflicts.
  void check_seated(const body& b, const std::vector<const seat*>& seats);

  void check_entitlements(const body& b);

  void check_entitlement(const body& b, const seat_class_id& id, int filled,
                         int seats);

  void check_foundation(const foundation& f);

  // `org`, a `t` member of `f`, against one requirement of `t`; `held` is
  // its membership of the required foundation `other` (or null).
  void check_prerequisite(const foundation& f, const tier& t,
                          const tier_requirement& req, const foundation& other,
                          const tier& min, const org_id& org,
                          const membership* held);

  // Each alternate seat among `seats` (those in force, alternates
  // included) against its principal's seats among them.
  void check_alternates(const body& b, const std::vector<const seat*>& seats);

  // `quorum-not-met` of each meeting of `b` held on this date.
  void check_meetings(const body& b);

  // `vote-suspended`: those of `all` (registry::suspensions of `b`) in
  // force on this date.
  void check_suspensions(const body& b, const std::vector<suspension>& all);

  // `report-missing`: the reports `b` owed for the months before the
  // current one, not submitted by now.
  void check_reports(const body& b);

  // Each invoice of `f` (check_invoice).
  void check_dues(const foundation& f);

  // `dues-overdue` and `membership-lapsed` of one invoice of `f`.
  void check_invoice(const foundation& f, const invoice& inv);

 private:
  const registry& reg_;
  date on_;
  std::set<std::pair<std::string, subjects>> seen_;

  void add(std::string code, severity sev, subjects ids, std::string message);
};

/// The findings of the foundations and bodies on `on`, unsorted.
std::vector<finding> evaluate(
    const registry& reg, date on, const std::vector<const body*>& bodies,
    const std::vector<const foundation*>& foundations);

/// The order of findings at one date: by code, then subjects.
bool by_code(const finding& a, const finding& b);

}  // namespace charter::detail

#endif
