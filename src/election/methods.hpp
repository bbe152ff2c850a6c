#ifndef CHARTER_ELECTION_METHODS_HPP
#define CHARTER_ELECTION_METHODS_HPP

// The counting methods behind charter::count, and what they share: the
// candidates standing, the seeded draw, the seat rule and the papers an STV
// count moves.

#include <charter/ballots.hpp>
#include <charter/count.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace charter::counting {

/// 128 bits for the products of fixed-point values (GCC and clang).
__extension__ typedef __int128 wide;

/// The draw that breaks the ties the rules leave to lot: splitmix64 over
/// the count's seed, one stream per count (docs/elections.md, "Counting
/// methods").
class lot {
 public:
  explicit lot(std::uint64_t seed) noexcept : state_(seed) {}

  /// The next number of the stream: splitmix64 (Steele, Lea and Flood
  /// 2014; Vigna's reference constants).
  std::uint64_t next() noexcept;

  /// One of `among` (in index order, at least one), each equally likely:
  /// numbers at or above the largest multiple of among.size() are drawn
  /// again, then the remainder picks. Recorded in `result.draws` when there
  /// was a choice.
  std::size_t choose(std::vector<std::size_t> among, std::string about,
                     count_result& result);

 private:
  std::uint64_t state_;
};

/// What every method is given: the ballot box, the options, the candidates
/// standing (not withdrawn, in index order), and the draw.
struct count_context {
  const ballot_box& box;
  const count_options& options;
  std::vector<std::size_t> standing;
  lot& draw;
};

/// Whether the seat rule lets `candidate` take the next seat; a refusal is
/// recorded in `result.skipped`.
bool may_seat(const count_context& context, std::size_t candidate,
              count_result& result);

/// One group of identical papers in an STV count: the candidates the
/// voters ranked, best first, standing only, up to the first tie (a paper
/// whose voter ranked two candidates equal is used up to there, as the ERS
/// rules and the Order's "next available preference" read it).
struct paper {
  std::vector<std::size_t> preferences;
  std::uint64_t count = 1;
};

/// Whether the seat rule would let `candidate` take the next seat now,
/// recording nothing (STV's last vacancies count only those it would).
bool would_seat(const count_context& context, std::size_t candidate,
                const count_result& result);

/// The papers of `box` that have a first preference (the valid ones).
std::vector<paper> stv_papers(const count_context& context);

void count_schulze(const count_context& context, count_result& result);
void count_scottish_stv(const count_context& context, count_result& result);
void count_meek_stv(const count_context& context, count_result& result);

}  // namespace charter::counting

#endif
