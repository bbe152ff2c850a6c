// A registry's life (construction, copies, moves, reserve) and its lookups
// by id. The queries are in the files named after what they ask about.

#include <charter/error.hpp>
#include <charter/registry.hpp>

#include <cstddef>
#include <iterator>
#include <memory>
#include <span>
#include <type_traits>

#include "registry/applier.hpp"
#include "registry/state.hpp"

namespace charter {

namespace {
// What a registry without a state (new, or moved from) answers from.
const detail::registry_state& empty_state() noexcept {
  static const detail::registry_state empty;
  return empty;
}
}  // namespace

const detail::registry_state& registry::state() const noexcept {
  return state_ ? *state_ : empty_state();
}

detail::registry_state& registry::own_state() {
  if (!state_) state_ = std::make_unique<detail::registry_state>();
  return *state_;
}

registry::registry() noexcept = default;
registry::registry(const registry& other)
    : state_(other.state_
                 ? std::make_unique<detail::registry_state>(*other.state_)
                 : nullptr) {
  if (!state_) return;
  state_->end_batch();
  state_->relink_people();
}
registry::registry(registry&& other) noexcept = default;
registry& registry::operator=(const registry& other) {
  if (this != &other) *this = registry(other);
  return *this;
}
registry& registry::operator=(registry&& other) noexcept = default;
registry::~registry() = default;

void registry::reserve(const record_counts& total) {
  auto& s = own_state();
  const std::size_t counts[] = {
      total.organizations, total.people,  total.foundations,
      total.projects,      total.bodies,  total.memberships,
      total.seats,         total.roles,   total.meetings,
      total.invoices,      total.reports, total.elections};
  static_assert(std::size(counts) == record_kind_count);
  s.each_table([&counts](auto& t) {
    using record_type = typename std::decay_t<decltype(t.rows)>::value_type;
    const std::size_t n =
        counts[static_cast<std::size_t>(record_kind_of<record_type>)];
    if (n <= t.rows.size()) return;
    t.rows.reserve(n);
    t.slots.reserve(n);
  });
  if (total.organizations > s.org_root.size())
    s.org_root.reserve(total.organizations);
}

// ---- lookups

const organization* registry::find(const org_id& id) const noexcept {
  return state().orgs.find(id.str());
}
const person* registry::find(const person_id& id) const noexcept {
  return state().people.find(id.str());
}
const foundation* registry::find(const foundation_id& id) const noexcept {
  return state().foundations.find(id.str());
}
const project* registry::find(const project_id& id) const noexcept {
  return state().projects.find(id.str());
}
const body* registry::find(const body_id& id) const noexcept {
  return state().bodies.find(id.str());
}
const membership* registry::find(const membership_key& k) const noexcept {
  return state().memberships.find(k);
}
const seat* registry::find(const seat_key& k) const noexcept {
  return state().seats.find(k);
}
const role* registry::find(const role_key& k) const noexcept {
  return state().roles.find(k);
}
const meeting* registry::find(const meeting_id& id) const noexcept {
  return state().meetings.find(id.str());
}
const invoice* registry::find(const invoice_id& id) const noexcept {
  return state().invoices.find(id.str());
}
const submitted_report* registry::find(const report_key& k) const noexcept {
  return state().reports.find(k);
}

const election* registry::find(const election_id& id) const noexcept {
  return state().elections.find(id.str());
}

namespace {
template <class Record, class Id>
const Record& found(const Record* r, const char* kind, const Id& id) {
  if (!r) throw not_found_error(kind, id.str());
  return *r;
}
}  // namespace

const organization& registry::at(const org_id& id) const {
  return found(find(id), "organization", id);
}
const person& registry::at(const person_id& id) const {
  return found(find(id), "person", id);
}
const foundation& registry::at(const foundation_id& id) const {
  return found(find(id), "foundation", id);
}
const project& registry::at(const project_id& id) const {
  return found(find(id), "project", id);
}
const body& registry::at(const body_id& id) const {
  return found(find(id), "body", id);
}
const meeting& registry::at(const meeting_id& id) const {
  return found(find(id), "meeting", id);
}
const invoice& registry::at(const invoice_id& id) const {
  return found(find(id), "invoice", id);
}

const election& registry::at(const election_id& id) const {
  return found(find(id), "election", id);
}

bool registry::empty() const noexcept { return !state().holds_records(); }

std::span<const organization> registry::organizations() const noexcept {
  return state().orgs.rows;
}
std::span<const person> registry::people() const noexcept {
  return state().people.rows;
}
std::span<const foundation> registry::foundations() const noexcept {
  return state().foundations.rows;
}
std::span<const project> registry::projects() const noexcept {
  return state().projects.rows;
}
std::span<const body> registry::bodies() const noexcept {
  return state().bodies.rows;
}
std::span<const membership> registry::memberships() const noexcept {
  return state().memberships.rows;
}
std::span<const seat> registry::seats() const noexcept {
  return state().seats.rows;
}
std::span<const role> registry::roles() const noexcept {
  return state().roles.rows;
}
std::span<const meeting> registry::meetings() const noexcept {
  return state().meetings.rows;
}
std::span<const invoice> registry::invoices() const noexcept {
  return state().invoices.rows;
}
std::span<const submitted_report> registry::reports() const noexcept {
  return state().reports.rows;
}

std::span<const election> registry::elections() const noexcept {
  return state().elections.rows;
}

}  // namespace charter
