// Scottish STV: the Scottish Local Government Elections Order 2007 (SSI
// 2007/42), schedule 1 rules 45 to 52, counted as droop's Rule 'scotland'
// counts it (jklundell/droop, droop/rules/scotland.py): five decimal places,
// values truncated, one transfer a stage.

#include <charter/count.hpp>

#include "election/methods.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace charter::counting {

namespace scottish_local {

constexpr std::int64_t scale = 100000;  // 5 decimal places, rule 48(3)

enum class state { hopeful, pending, elected, refused, excluded };

// Where one group of identical papers lies: with the candidate of its
// preference `at`, each paper worth `value` units.
struct pile {
  std::size_t paper = 0;
  std::size_t at = 0;
  std::int64_t value = scale;
};

class counter {
 public:
  counter(const count_context& context, count_result& result)
      : context_(context),
        result_(result),
        papers_(stv_papers(context)),
        state_(context.box.candidates.size(), state::excluded),
        tally_(context.box.candidates.size(), 0),
        piles_(context.box.candidates.size()) {
    for (auto c : context.standing) state_[c] = state::hopeful;
  }

  void run() {
    std::uint64_t valid = 0;
    for (const auto& p : papers_) valid += p.count;
    const std::size_t seats = context_.options.seats;
    // Rule 46: the valid papers over seats + 1, decimals ignored, plus one.
    quota_ = static_cast<std::int64_t>(valid / (seats + 1) + 1) * scale;
    result_.scale = scale;
    result_.quota = votes{quota_};
    // Rule 45: first preferences.
    for (std::size_t i = 0; i < papers_.size(); ++i)
      place(pile{.paper = i, .at = 0, .value = scale});
    record("first preferences");

    while (true) {
      elect_with_quota();
      if (complete()) break;
      if (!refused_.empty()) {
        const std::size_t c = refused_.front();
        refused_.erase(refused_.begin());
        exclude(c, fmt::format("exclusion of {} (seat rule)",
                               context_.box.candidates[c]));
        if (complete()) break;
        continue;
      }
      std::vector<std::size_t> pending = with(state::pending);
      if (!pending.empty()) {
        transfer_surplus(break_tie(highest(pending), true, "surplus"));
        continue;
      }
      std::vector<std::size_t> hopeful = with(state::hopeful);
      if (hopeful.empty()) break;
      const std::size_t low = break_tie(lowest(hopeful), false, "exclude");
      exclude(low,
              fmt::format("exclusion of {}", context_.box.candidates[low]));
      if (complete()) break;
    }
    // Rule 52: as many continuing candidates as vacancies: all elected.
    if (seats_left() > 0 && complete()) {
      std::vector<std::size_t> hopeful = with(state::hopeful);
      by_votes(hopeful);
      for (auto c : hopeful) seat(c);
    }
  }

 private:
  std::size_t seats_left() const {
    return context_.options.seats - result_.elected.size();
  }

  // Rule 52's test, counting only the continuing candidates the seat rule
  // would seat now (all of them when there is no rule).
  bool complete() const {
    if (seats_left() == 0) return true;
    std::size_t eligible = 0;
    for (auto c : with(state::hopeful))
      if (would_seat(context_, c, result_)) ++eligible;
    return eligible <= seats_left();
  }

  std::vector<std::size_t> with(state s) const {
    std::vector<std::size_t> out;
    for (auto c : context_.standing)
      if (state_[c] == s) out.push_back(c);
    return out;
  }

  // Highest votes first, then index order.
  void by_votes(std::vector<std::size_t>& cs) const {
    std::stable_sort(cs.begin(), cs.end(), [&](std::size_t a, std::size_t b) {
      return tally_[a] > tally_[b];
    });
  }

  std::vector<std::size_t> highest(const std::vector<std::size_t>& cs) const {
    std::int64_t top = tally_[cs.front()];
    for (auto c : cs) top = std::max(top, tally_[c]);
    std::vector<std::size_t> out;
    for (auto c : cs)
      if (tally_[c] == top) out.push_back(c);
    return out;
  }

  std::vector<std::size_t> lowest(const std::vector<std::size_t>& cs) const {
    std::int64_t low = tally_[cs.front()];
    for (auto c : cs) low = std::min(low, tally_[c]);
    std::vector<std::size_t> out;
    for (auto c : cs)
      if (tally_[c] == low) out.push_back(c);
    return out;
  }

  // Rules 49(2) and 51(2): the candidates' votes at the end of the most
  // recent preceding stage at which one of them had more (a surplus) or
  // fewer (an exclusion) than every other; rules 49(3) and 51(2)(b): by lot
  // when there is none. As droop, each earlier stage is looked at with all
  // the tied candidates, and decides only when it has a single one at the
  // top (or bottom).
  std::size_t break_tie(std::vector<std::size_t> tied, bool highest_wins,
                        const char* about) {
    if (tied.size() == 1) return tied.front();
    for (auto s = result_.stages.size(); s-- > 0;) {
      const auto& tally = result_.stages[s].tally;
      std::int64_t best = tally[tied.front()].units;
      for (auto c : tied)
        best = highest_wins ? std::max(best, tally[c].units)
                            : std::min(best, tally[c].units);
      std::size_t found = 0;
      std::size_t which = 0;
      for (auto c : tied)
        if (tally[c].units == best) ++found, which = c;
      if (found == 1) return which;
    }
    return context_.draw.choose(std::move(tied), about, result_);
  }

  // Moves `p` to the continuing candidate of its next available preference
  // from `p.at` on, or to the non-transferable papers.
  void place(pile p) {
    const auto& prefs = papers_[p.paper].preferences;
    while (p.at < prefs.size() && state_[prefs[p.at]] != state::hopeful) ++p.at;
    const auto worth =
        static_cast<std::int64_t>(papers_[p.paper].count) * p.value;
    if (p.at == prefs.size()) {
      exhausted_ += worth;
      return;
    }
    tally_[prefs[p.at]] += worth;
    piles_[prefs[p.at]].push_back(p);
  }

  // Rule 47: a candidate at the quota is elected; their surplus, when they
  // have one, waits to be transferred. Those reaching it at one stage are
  // seated highest first.
  void elect_with_quota() {
    std::vector<std::size_t> reached;
    for (auto c : with(state::hopeful))
      if (tally_[c] >= quota_) reached.push_back(c);
    by_votes(reached);
    for (auto c : reached) {
      if (seats_left() == 0) break;
      seat(c);
      if (state_[c] == state::elected && tally_[c] > quota_)
        state_[c] = state::pending;
    }
  }

  void seat(std::size_t c) {
    if (!may_seat(context_, c, result_)) {
      state_[c] = state::refused;
      refused_.push_back(c);
      return;
    }
    state_[c] = state::elected;
    result_.elected.push_back(c);
    result_.stages.back().elected.push_back(c);
  }

  // Rule 48: every paper of `c` moves at surplus x its value / c's votes,
  // truncated to 5 places; what truncation loses is `lost`.
  void transfer_surplus(std::size_t c) {
    const std::int64_t total = tally_[c];
    const std::int64_t surplus = total - quota_;
    std::vector<pile> moving = std::move(piles_[c]);
    piles_[c].clear();
    tally_[c] = quota_;
    state_[c] = state::elected;
    std::int64_t moved = 0;
    for (auto p : moving) {
      p.value = static_cast<std::int64_t>(static_cast<wide>(surplus) * p.value /
                                          total);
      moved += static_cast<std::int64_t>(papers_[p.paper].count) * p.value;
      place(p);
    }
    lost_ += surplus - moved;
    record(fmt::format("surplus of {}", context_.box.candidates[c]));
  }

  // Rule 50: every paper of `c` moves at the value it had.
  void exclude(std::size_t c, std::string action) {
    std::vector<pile> moving = std::move(piles_[c]);
    piles_[c].clear();
    tally_[c] = 0;
    state_[c] = state::excluded;
    for (auto p : moving) place(p);
    record(std::move(action));
    result_.stages.back().excluded.push_back(c);
  }

  void record(std::string action) {
    count_stage stage;
    stage.action = std::move(action);
    stage.tally.reserve(tally_.size());
    for (auto t : tally_) stage.tally.push_back(votes{t});
    stage.exhausted = votes{exhausted_};
    stage.lost = votes{lost_};
    stage.quota = votes{quota_};
    result_.stages.push_back(std::move(stage));
  }

  const count_context& context_;
  count_result& result_;
  std::vector<paper> papers_;
  std::vector<state> state_;
  std::vector<std::int64_t> tally_;
  std::vector<std::vector<pile>> piles_;
  std::vector<std::size_t> refused_;
  std::int64_t quota_ = 0;
  std::int64_t exhausted_ = 0;
  std::int64_t lost_ = 0;
};

}  // namespace scottish_local

void count_scottish_stv(const count_context& context, count_result& result) {
  scottish_local::counter(context, result).run();
}

}  // namespace charter::counting
