#ifndef CHARTER_COUNT_HPP
#define CHARTER_COUNT_HPP

// Counting ranked ballots for elected seats: Schulze (winning votes),
// Scottish STV (WIGM, the Scottish Local Government Elections Order 2007)
// and Meek STV (as Apache STeVe counts it), each with a seat rule that a
// caller supplies (a company cap) applied while seating, and every step
// shown.

#include <charter/ballots.hpp>
#include <charter/model.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace charter {

/// The most voters (the ballots' weights) a Scottish STV count takes: its
/// tallies, in 1/100000 of a vote, must fit 64 bits.
inline constexpr std::uint64_t max_scottish_stv_voters =
    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) /
    100000;
/// The most voters a Meek STV count takes: it passes every voter's paper
/// apart at each iteration, as Apache STeVe does (its rounding is STeVe's
/// only so), so that its time grows with the voters, not the ballot lines.
inline constexpr std::uint64_t max_meek_stv_voters = 10'000'000;

// count_method and unranked_rule, with their names (to_string,
// parse_count_method, parse_unranked_rule), are the model's: an election
// record names them.

/// Why a candidate may not take the next seat (a company cap: "Google
/// already holds 2 of 7 seats, the most one family may hold"), or nothing
/// when they may. `seated` are the candidates already seated by this count,
/// in order.
using seat_rule = std::function<std::optional<std::string>(
    std::size_t candidate, std::span<const std::size_t> seated)>;

struct count_options {
  count_method method = count_method::schulze;
  /// Seats to fill; 0: the ballot box's `seats` (a BLT file states them).
  std::size_t seats = 1;
  unranked_rule unranked = unranked_rule::ignored;
  /// The seed of the draw that breaks the ties the rules leave to lot: the
  /// same ballots, options and seed always give the same result.
  std::uint64_t seed = 0;
  /// Applied each time a candidate would be seated; a candidate it refuses
  /// is skipped (Schulze: the next in the ranking is taken; STV: the
  /// candidate is excluded and their papers transferred), and the skip is
  /// in the result with its reason. Empty: everyone may be seated.
  seat_rule may_seat;
};

/// A candidate the seat rule kept from a seat, and why.
struct skipped_candidate {
  std::size_t candidate = 0;
  std::string reason;

  friend bool operator==(const skipped_candidate&,
                         const skipped_candidate&) = default;
};

/// A tie the rules leave to lot, and how the seeded draw decided it.
struct draw {
  /// The tied candidates, in index order.
  std::vector<std::size_t> among;
  /// The one the draw chose (to be elected, or to be excluded, as `about`
  /// says).
  std::size_t chosen = 0;
  /// What was drawn for: "elect", "exclude", "surplus", "rank".
  std::string about;

  friend bool operator==(const draw&, const draw&) = default;
};

/// Votes in a count, exact: `units` of 1/`scale` vote. Scottish STV counts
/// in 1/100000 (values truncated to 5 decimal places, as the Order says);
/// Meek's iteration in the precision `count_result::scale` states.
struct votes {
  std::int64_t units = 0;

  friend auto operator<=>(const votes&, const votes&) = default;
};

/// One stage of an STV count: what was done, and every candidate's votes
/// after it.
struct count_stage {
  /// "first preferences", "surplus of X", "exclusion of Y", "iteration 12"
  std::string action;
  /// Per candidate, after the stage.
  std::vector<votes> tally;
  /// Votes that went to no candidate (exhausted papers), and those lost
  /// to truncation, after the stage.
  votes exhausted;
  votes lost;
  /// Candidates elected at this stage, and excluded at it.
  std::vector<std::size_t> elected;
  std::vector<std::size_t> excluded;
  /// The quota in force at the stage (Meek's changes as votes exhaust).
  votes quota;
  /// Meek: each candidate's keep factor, in the count's scale.
  std::vector<std::int64_t> keep;
};

struct count_result {
  count_method method = count_method::schulze;
  std::size_t seats = 0;
  unranked_rule unranked = unranked_rule::ignored;
  /// The candidates' names, as the ballot box gives them.
  std::vector<std::string> candidates;
  std::uint64_t voters = 0;
  /// The winners, in the order they were seated.
  std::vector<std::size_t> elected;

  /// Schulze: the full ranking, best first; candidates tied in it share an
  /// entry.
  std::vector<std::vector<std::size_t>> ranking;
  /// Schulze: d[i][j], the voters who prefer i to j, and p[i][j], the
  /// strength of the strongest path from i to j (winning votes).
  std::vector<std::vector<std::uint64_t>> pairwise;
  std::vector<std::vector<std::uint64_t>> strongest_paths;

  /// STV: the scale of every `votes` (units per vote), the quota, and the
  /// stages.
  std::int64_t scale = 1;
  votes quota;
  std::vector<count_stage> stages;

  std::vector<skipped_candidate> skipped;
  /// Every tie decided by the seeded draw, in the order drawn; empty when
  /// no draw decided anything.
  std::vector<draw> draws;
};

/// Counts `box` as `options` say. The ballot box's withdrawn candidates
/// stand in no count.
///
/// Throws `validation_error` when neither `options` nor the box say how
/// many seats are to be filled, fewer candidates
/// standing than seats, a ballot whose ranks are not one per candidate
/// (each at most the number of candidates), or more voters than the method
/// takes (`max_scottish_stv_voters`, `max_meek_stv_voters`).
count_result count(const ballot_box& box, const count_options& options);

}  // namespace charter

#endif
