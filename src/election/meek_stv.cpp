// Meek STV as Apache STeVe counts it: apache/steve, monitoring/stv_tool.py
// (run_stv and the functions it calls), itself a line-by-line port of
// VoteMain.java. The same steps in the same order, in IEEE doubles as
// Python's floats are, each voter's paper distributed one at a time in
// ballot order: the sums are STeVe's, rounding for rounding. What STeVe
// leaves to its fixed random numbers is left to the seeded draw here
// (docs/elections.md, "Counting methods").

#include <charter/count.hpp>

#include "election/methods.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace charter::counting {

namespace meek_local {

constexpr double error_margin = 0.00001;    // STeVe's ERROR_MARGIN
constexpr double billionth = 0.000000001;   // STeVe's BILLIONTH
constexpr std::int64_t scale = 1000000000;  // the stages' units: 1e-9 vote

enum class state { hopeful, elected, eliminated, almost };

struct candidate {
  std::size_t index = 0;
  state status = state::hopeful;
  double weight = 1.0;
  double vote = 0.0;
  std::size_t ahead = 0;
};

class counter {
 public:
  counter(const count_context& context, count_result& result)
      : context_(context), result_(result), papers_(stv_papers(context)) {
    for (auto c : context.standing)
      list_.push_back(
          candidate{.index = c, .ahead = context.standing.size() - 1});
    position_.assign(context.box.candidates.size(), 0);
    for (std::size_t k = 0; k < list_.size(); ++k)
      position_[list_[k].index] = k;
    for (const auto& p : papers_) voters_ += p.count;
  }

  void run() {
    result_.scale = scale;
    const std::size_t seats = context_.options.seats;
    if (remaining_fill(seats)) {
      elect_remaining();
      return;
    }
    std::size_t iteration = 1;
    while (count(state::elected) < seats) {
      if (!iterate_one(iteration)) break;
      ++iteration;
    }
  }

 private:
  std::size_t count(state a, state b = state::eliminated) const {
    std::size_t n = 0;
    for (const auto& c : list_)
      if (c.status == a || (b != state::eliminated && c.status == b)) ++n;
    return n;
  }

  // STeVe's count(ELECTED + HOPEFUL) <= seats, counting only the hopefuls
  // the seat rule would seat now.
  bool remaining_fill(std::size_t seats) const {
    std::size_t n = count(state::elected);
    for (const auto& c : list_)
      if (c.status == state::hopeful && would_seat(context_, c.index, result_))
        ++n;
    return n <= seats;
  }

  std::int64_t units(double v) const {
    return static_cast<std::int64_t>(
        std::llround(v * static_cast<double>(scale)));
  }

  // STeVe: "All remaining candidates elected".
  void elect_remaining() {
    std::vector<std::size_t> hopeful;
    for (std::size_t k = 0; k < list_.size(); ++k)
      if (list_[k].status == state::hopeful) hopeful.push_back(k);
    by_votes(hopeful);
    for (auto k : hopeful) seat(k);
  }

  // Highest votes first, then STeVe's list order.
  void by_votes(std::vector<std::size_t>& ks) const {
    std::stable_sort(ks.begin(), ks.end(), [&](std::size_t a, std::size_t b) {
      return list_[a].vote > list_[b].vote;
    });
  }

  void seat(std::size_t k) {
    if (!may_seat(context_, list_[k].index, result_)) {
      eliminate(k);
      return;
    }
    list_[k].status = state::elected;
    result_.elected.push_back(list_[k].index);
    if (!result_.stages.empty())
      result_.stages.back().elected.push_back(list_[k].index);
  }

  void eliminate(std::size_t k) {
    list_[k].status = state::eliminated;
    list_[k].weight = 0.0;
    if (!result_.stages.empty())
      result_.stages.back().excluded.push_back(list_[k].index);
  }

  // iterate_one. False when nothing can change any more.
  bool iterate_one(std::size_t iteration) {
    const std::size_t seats = context_.options.seats;
    if (remaining_fill(seats)) {
      elect_remaining();
      return false;
    }
    if (have_quota_)  // adjust_weights: keep x quota / votes
      for (auto& c : list_)
        if (c.status == state::elected) c.weight = (c.weight * quota_) / c.vote;

    const std::vector<double> before = votes_now();
    const std::vector<double> weights = weights_now();
    // recalc
    const double excess = apply_votes();
    calc_aheads();
    quota_ = calc_quota(excess);
    have_quota_ = true;
    record(iteration, excess);
    bool changed = elect();
    const double surplus = calc_surplus();
    changed |= try_remove_lowest(surplus);
    if (!changed && surplus < error_margin) {
      exclude_lowest();  // "Remove Lowest (forced)"
    } else if (!changed && before == votes_now() && weights == weights_now()) {
      // Not in STeVe, which would loop for ever: an iteration that moved
      // nothing will never bring the surplus under the margin.
      exclude_lowest();
    }
    return true;
  }

  std::vector<double> votes_now() const {
    std::vector<double> v;
    for (const auto& c : list_) v.push_back(c.vote);
    return v;
  }
  std::vector<double> weights_now() const {
    std::vector<double> v;
    for (const auto& c : list_) v.push_back(c.weight);
    return v;
  }

  // apply_votes: each voter's one vote, down their ranking: an elected
  // candidate keeps their weight of what is left, a hopeful takes it all,
  // the eliminated are passed over; what is left at the end is excess.
  double apply_votes() {
    for (auto& c : list_) c.vote = 0.0;
    double excess = 0.0;
    for (const auto& p : papers_) {
      for (std::uint64_t n = 0; n < p.count; ++n) {
        double vote = 1.0;
        for (auto idx : p.preferences) {
          auto& c = list_[position_[idx]];
          if (c.status == state::hopeful) {
            c.vote += vote;
            vote = 0.0;
            break;
          }
          if (c.status != state::eliminated) {
            const double wv = c.weight * vote;
            c.vote += wv;
            vote -= wv;
            if (vote == 0.0) break;
          }
        }
        excess += vote;
      }
    }
    return excess;
  }

  // calc_aheads: candidates sorted by their previous `ahead`, then votes
  // (Python's stable sort); a run of equal votes in that order shares
  // ahead = first + last position.
  void calc_aheads() {
    std::vector<std::size_t> sorted(list_.size());
    for (std::size_t k = 0; k < sorted.size(); ++k) sorted[k] = k;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](std::size_t a, std::size_t b) {
                       if (list_[a].ahead != list_[b].ahead)
                         return list_[a].ahead < list_[b].ahead;
                       return list_[a].vote < list_[b].vote;
                     });
    std::size_t last = 0;
    for (std::size_t i = 1; i <= sorted.size(); ++i) {
      if (i == sorted.size() ||
          list_[sorted[last]].vote != list_[sorted[i]].vote) {
        for (std::size_t k = last; k < i; ++k)
          list_[sorted[k]].ahead = (i - 1) + last;
        last = i;
      }
    }
  }

  double calc_quota(double excess) const {
    const std::size_t seats = context_.options.seats;
    const double v = static_cast<double>(voters_);
    if (seats > 2)
      return (v - excess) / (static_cast<double>(seats + 1) + billionth);
    return (v - excess) / static_cast<double>(seats + 1);
  }

  // elect: hopefuls at the quota are almost elected; while that makes too
  // many, every hopeful is eliminated and the lowest (by ahead) of those
  // almost elected too.
  bool elect() {
    const std::size_t seats = context_.options.seats;
    for (auto& c : list_)
      if (c.status == state::hopeful && c.vote >= quota_)
        c.status = state::almost;
    bool changed = false;
    while (count(state::elected, state::almost) > seats) {
      for (std::size_t k = 0; k < list_.size(); ++k)
        if (list_[k].status == state::hopeful) eliminate(k);
      exclude_lowest();
      changed = true;
    }
    std::vector<std::size_t> almost;
    for (std::size_t k = 0; k < list_.size(); ++k)
      if (list_[k].status == state::almost) almost.push_back(k);
    by_votes(almost);
    for (auto k : almost) {
      list_[k].status = state::hopeful;
      seat(k);
      changed = true;
    }
    return changed;
  }

  double calc_surplus() const {
    double surplus = 0.0;
    for (const auto& c : list_)
      if (c.status == state::elected) surplus += c.vote - quota_;
    return surplus;
  }

  // try_remove_lowest: the lowest hopeful goes when the gap to the next
  // higher vote (of anyone not eliminated) is more than the whole surplus.
  bool try_remove_lowest(double surplus) {
    constexpr double none = 1e18;
    double lowest1 = none;
    for (const auto& c : list_)
      if (c.status == state::hopeful && c.vote < lowest1) lowest1 = c.vote;
    if (lowest1 == none) return false;
    double lowest2 = none;
    for (const auto& c : list_)
      if (c.status != state::eliminated && c.vote > lowest1 && c.vote < lowest2)
        lowest2 = c.vote;
    if (!(lowest2 - lowest1 > surplus)) return false;
    // STeVe takes the first in its list among equal lowest; a draw here.
    std::vector<std::size_t> tied;
    for (const auto& c : list_)
      if (c.status == state::hopeful && c.vote == lowest1)
        tied.push_back(c.index);
    eliminate(position_[context_.draw.choose(tied, "exclude", result_)]);
    return true;
  }

  // exclude_lowest: the hopeful or almost elected candidate with the
  // lowest ahead; STeVe breaks equal aheads by its random numbers, the
  // seeded draw here.
  void exclude_lowest() {
    std::size_t low = std::numeric_limits<std::size_t>::max();
    for (const auto& c : list_)
      if (c.status == state::hopeful || c.status == state::almost)
        low = std::min(low, c.ahead);
    std::vector<std::size_t> tied;
    for (const auto& c : list_)
      if ((c.status == state::hopeful || c.status == state::almost) &&
          c.ahead == low)
        tied.push_back(c.index);
    if (tied.empty()) return;
    eliminate(position_[context_.draw.choose(tied, "exclude", result_)]);
  }

  void record(std::size_t iteration, double excess) {
    count_stage stage;
    stage.action = fmt::format("iteration {}", iteration);
    stage.tally.assign(context_.box.candidates.size(), votes{});
    stage.keep.assign(context_.box.candidates.size(), 0);
    for (const auto& c : list_) {
      stage.tally[c.index] = votes{units(c.vote)};
      stage.keep[c.index] = units(c.weight);
    }
    stage.exhausted = votes{units(excess)};
    stage.quota = votes{units(quota_)};
    result_.quota = stage.quota;
    result_.stages.push_back(std::move(stage));
  }

  const count_context& context_;
  count_result& result_;
  std::vector<paper> papers_;
  std::vector<candidate> list_;
  std::vector<std::size_t> position_;
  std::uint64_t voters_ = 0;
  double quota_ = 0.0;
  bool have_quota_ = false;
};

}  // namespace meek_local

void count_meek_stv(const count_context& context, count_result& result) {
  meek_local::counter(context, result).run();
}

}  // namespace charter::counting
