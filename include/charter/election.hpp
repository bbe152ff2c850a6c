#ifndef CHARTER_ELECTION_HPP
#define CHARTER_ELECTION_HPP

// An election of a registry's body: who stands, for which seats, and the
// count of its ballots with the body's company caps applied while seating,
// as Kubernetes' charter says ("that company's lowest vote-getters are
// skipped for the next ones"). The winners become seats.

#include <charter/ballots.hpp>
#include <charter/batch.hpp>
#include <charter/count.hpp>
#include <charter/date.hpp>
#include <charter/id.hpp>
#include <charter/model.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace charter {

class registry;

// `election` and `election_candidate`, the record, are in
// <charter/model.hpp>.

/// What an election's count gave.
struct election_result {
  /// The count, its candidates in the ballots' order named by person id.
  count_result count;
  /// The winners' seats, in the order they were seated: on the body, in
  /// the class, from `seated` to `term_end`, representing the declared
  /// organization, with `"election": id` in `extra`.
  std::vector<seat> seats;
  /// What seats the winners, for the caller to commit: the seats of the
  /// class that candidates hold on `seated` end that day (they were up for
  /// election), then `seats` are added.
  batch changes;
};

/// Counts `ballots` for `e` in `reg`, with the body's `max_per_family` and
/// `max_fraction_per_family` applied while seating: a candidate whose
/// organization family holds the cap already, counting the body's seats
/// that continue past `seated` (held on that day by someone who does not
/// stand) and the winners seated before them, is skipped for the next one,
/// with the reason in
/// `count.skipped`. A candidate's family is their declared organization's,
/// or, with none declared, those of the organizations they are affiliated
/// with on `seated`; families are the registry's (a candidate from AWS and
/// one from Amazon are one family).
///
/// The ballots' candidates are matched to `e`'s by person id (or a
/// person's handle, in any case: Elekto files name GitHub handles). An
/// election without candidates takes the ballots' names as person ids,
/// none declaring an organization. Seats are `e.seats`.
///
/// @throws validation_error naming the election when the body, its class,
/// a candidate or an organization is not in the registry, when a ballot
/// candidate stands in no candidacy of `e` (or two name one person), when
/// a candidate holds a seat of the class from `seated` already (the
/// election was seated before), or when a count cannot be made (no seats,
/// fewer candidates than seats: `count`'s problems).
election_result run_election(const registry& reg, const election& e,
                             const ballot_box& ballots, std::uint64_t seed = 0);

}  // namespace charter

#endif
