#include <charter/count.hpp>

#include <charter/error.hpp>

#include "election/methods.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace charter {

namespace counting {

std::uint64_t lot::next() noexcept {
  state_ += 0x9e3779b97f4a7c15U;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9U;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebU;
  return z ^ (z >> 31);
}

std::size_t lot::choose(std::vector<std::size_t> among, std::string about,
                        count_result& result) {
  std::sort(among.begin(), among.end());
  if (among.size() == 1) return among.front();
  const auto n = static_cast<std::uint64_t>(among.size());
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() / n * n;
  std::uint64_t r = next();
  while (r >= limit) r = next();
  const std::size_t chosen = among[static_cast<std::size_t>(r % n)];
  result.draws.push_back(draw{
      .among = std::move(among), .chosen = chosen, .about = std::move(about)});
  return chosen;
}

bool may_seat(const count_context& context, std::size_t candidate,
              count_result& result) {
  if (!context.options.may_seat) return true;
  auto reason = context.options.may_seat(candidate, result.elected);
  if (!reason) return true;
  result.skipped.push_back(
      skipped_candidate{.candidate = candidate, .reason = std::move(*reason)});
  return false;
}

bool would_seat(const count_context& context, std::size_t candidate,
                const count_result& result) {
  return !context.options.may_seat ||
         !context.options.may_seat(candidate, result.elected);
}

std::vector<paper> stv_papers(const count_context& context) {
  std::vector<bool> stands(context.box.candidates.size(), false);
  for (auto c : context.standing) stands[c] = true;
  std::vector<paper> papers;
  papers.reserve(context.box.ballots.size());
  for (const auto& b : context.box.ballots) {
    std::vector<std::pair<unsigned, std::size_t>> ranked;
    for (std::size_t c = 0; c < b.ranks.size(); ++c)
      if (b.ranks[c] != 0 && stands[c]) ranked.emplace_back(b.ranks[c], c);
    std::sort(ranked.begin(), ranked.end());
    paper p{.preferences = {}, .count = b.weight};
    for (std::size_t k = 0; k < ranked.size(); ++k) {
      const bool tied =
          (k + 1 < ranked.size() && ranked[k + 1].first == ranked[k].first) ||
          (k > 0 && ranked[k - 1].first == ranked[k].first);
      if (tied) break;
      p.preferences.push_back(ranked[k].second);
    }
    if (!p.preferences.empty() && p.count > 0) papers.push_back(std::move(p));
  }
  return papers;
}

}  // namespace counting

count_result count(const ballot_box& box, const count_options& given) {
  // Seats 0: the file's (a BLT file states them).
  count_options resolved;
  const bool from_box = given.seats == 0;
  if (from_box) {
    resolved = given;
    resolved.seats = box.seats;
  }
  const count_options& options = from_box ? resolved : given;
  std::vector<problem> problems;
  std::vector<bool> withdrawn(box.candidates.size(), false);
  for (auto c : box.withdrawn) {
    if (c < withdrawn.size()) {
      withdrawn[c] = true;
    } else {
      problems.push_back(problem{
          .message = fmt::format("withdrawn candidate {} is not one of the {}",
                                 c + 1, box.candidates.size())});
    }
  }
  std::vector<std::size_t> standing;
  for (std::size_t c = 0; c < box.candidates.size(); ++c)
    if (!withdrawn[c]) standing.push_back(c);
  if (options.seats == 0)
    problems.push_back(
        problem{.message = "the ballots do not say how many seats are to be "
                           "filled: give the seats"});
  else if (standing.size() < options.seats)
    problems.push_back(problem{
        .message = fmt::format("{} seats to fill, but only {} candidates stand",
                               options.seats, standing.size())});
  for (std::size_t i = 0; i < box.ballots.size(); ++i) {
    if (problems.size() >= max_problems) break;
    const auto& ranks = box.ballots[i].ranks;
    if (std::any_of(ranks.begin(), ranks.end(),
                    [&](unsigned r) { return r > box.candidates.size(); }))
      problems.push_back(
          problem{.message = fmt::format(
                      "ballot {} gives a rank past the {} candidates", i + 1,
                      box.candidates.size())});
    if (box.ballots[i].ranks.size() != box.candidates.size())
      problems.push_back(
          problem{.message = fmt::format(
                      "ballot {} ranks {} candidates, not {}", i + 1,
                      box.ballots[i].ranks.size(), box.candidates.size())});
  }
  // What the arithmetic of each method can hold: Scottish STV's tallies
  // are voters x 100000 in 64 bits; Meek STV passes each voter's paper
  // apart at every iteration, as STeVe does, so its time grows with them.
  const std::uint64_t voters = box.voters();
  const std::uint64_t most =
      options.method == count_method::scottish_stv ? max_scottish_stv_voters
      : options.method == count_method::meek_stv   ? max_meek_stv_voters
                                                   : UINT64_MAX - 1;
  if (voters > most)
    problems.push_back(problem{
        .message = fmt::format("{} voters: {} counts at most {}", voters,
                               to_string(options.method), most)});
  if (!problems.empty()) throw validation_error(std::move(problems));

  count_result result;
  result.method = options.method;
  result.seats = options.seats;
  result.unranked = options.unranked;
  result.candidates = box.candidates;
  result.voters = voters;
  counting::lot draw(options.seed);
  const counting::count_context context{.box = box,
                                        .options = options,
                                        .standing = std::move(standing),
                                        .draw = draw};
  switch (options.method) {
    case count_method::schulze:
      counting::count_schulze(context, result);
      break;
    case count_method::scottish_stv:
      counting::count_scottish_stv(context, result);
      break;
    case count_method::meek_stv:
      counting::count_meek_stv(context, result);
      break;
  }
  return result;
}

}  // namespace charter
