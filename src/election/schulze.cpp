// Schulze (winning votes) with a full ranking, as Elekto and Debian count
// it: Schulze, "A new monotonic, clone-independent, reversal symmetric, and
// Condorcet-consistent single-winner election method" (2011), section 2.3
// for the strongest paths, and Elekto's schulze_rank for the ranking.

#include <charter/count.hpp>

#include "election/methods.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace charter::counting {

namespace schulze_local {

using matrix = std::vector<std::vector<std::uint64_t>>;

// d[i][j]: the voters who rank i above j. A ballot's unranked candidates
// (rank 0) take part in no pair when ignored, and are below every ranked
// candidate when below.
//
// Counted in a flat matrix over the standing candidates, a ballot's ranks
// first copied out with unranked as rank 0 (ignored: no rank is below it) or
// as the largest rank there is (below: every rank is above it), so the
// inner loop is one comparison and one add, without branches.
matrix pairwise(const count_context& context) {
  const std::size_t n = context.box.candidates.size();
  const std::size_t m = context.standing.size();
  const bool below = context.options.unranked == unranked_rule::below;
  const unsigned unranked = below ? std::numeric_limits<unsigned>::max() : 0U;
  std::vector<std::uint64_t> flat(m * m, 0);
  std::vector<unsigned> r(m);
  for (const auto& b : context.box.ballots) {
    for (std::size_t k = 0; k < m; ++k) {
      const unsigned rank = b.ranks[context.standing[k]];
      r[k] = rank == 0 ? unranked : rank;
    }
    const std::uint64_t w = b.weight;
    for (std::size_t i = 0; i < m; ++i) {
      const unsigned ri = r[i];
      if (ri == 0 || ri == std::numeric_limits<unsigned>::max()) continue;
      std::uint64_t* row = flat.data() + i * m;
      // ri < ri is false: the diagonal stays 0.
      for (std::size_t j = 0; j < m; ++j)
        row[j] += w * static_cast<std::uint64_t>(ri < r[j]);
    }
  }
  matrix d(n, std::vector<std::uint64_t>(n, 0));
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < m; ++j)
      d[context.standing[i]][context.standing[j]] = flat[i * m + j];
  return d;
}

// p[i][j]: the strength of the strongest path from i to j, a path's
// strength being its weakest link, a link i->j being d[i][j] when i beats j
// (winning votes), else none.
matrix strongest_paths(const count_context& context, const matrix& d) {
  const std::size_t n = d.size();
  matrix p(n, std::vector<std::uint64_t>(n, 0));
  for (auto i : context.standing)
    for (auto j : context.standing)
      if (i != j && d[i][j] > d[j][i]) p[i][j] = d[i][j];
  for (auto i : context.standing)
    for (auto j : context.standing) {
      if (i == j || p[j][i] == 0) continue;
      for (auto k : context.standing)
        if (k != i && k != j)
          p[j][k] = std::max(p[j][k], std::min(p[j][i], p[i][k]));
    }
  return p;
}

// The ranking: i is above j when p[i][j] > p[j][i]. That relation is a
// strict partial order (Schulze 2011, 4.1); candidates are ranked by how
// many others they are above, those beating the same number sharing an
// entry, as Elekto's schulze_rank does.
std::vector<std::vector<std::size_t>> ranking(const count_context& context,
                                              const matrix& p) {
  std::vector<std::pair<std::size_t, std::size_t>> wins;  // (beaten, who)
  for (auto i : context.standing) {
    std::size_t beaten = 0;
    for (auto j : context.standing)
      if (i != j && p[i][j] > p[j][i]) ++beaten;
    wins.emplace_back(beaten, i);
  }
  std::stable_sort(wins.begin(), wins.end(), [](const auto& a, const auto& b) {
    return a.first > b.first;
  });
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t k = 0; k < wins.size(); ++k) {
    if (k == 0 || wins[k].first != wins[k - 1].first) out.emplace_back();
    out.back().push_back(wins[k].second);
  }
  return out;
}

}  // namespace schulze_local

void count_schulze(const count_context& context, count_result& result) {
  result.pairwise = schulze_local::pairwise(context);
  result.strongest_paths =
      schulze_local::strongest_paths(context, result.pairwise);
  result.ranking = schulze_local::ranking(context, result.strongest_paths);

  // Seats in ranking order. An entry that fits in the seats left is taken
  // whole, in index order; one that does not is drawn from, a candidate at
  // a time. A candidate the seat rule refuses is skipped.
  const std::size_t seats = context.options.seats;
  for (const auto& entry : result.ranking) {
    std::vector<std::size_t> left = entry;
    while (!left.empty() && result.elected.size() < seats) {
      std::size_t next = left.front();
      if (left.size() > seats - result.elected.size())
        next = context.draw.choose(left, "elect", result);
      left.erase(std::find(left.begin(), left.end(), next));
      if (may_seat(context, next, result)) result.elected.push_back(next);
    }
    if (result.elected.size() == seats) break;
  }
}

}  // namespace charter::counting
