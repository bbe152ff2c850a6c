// run_election: an election of a registry's body counted with the body's
// company caps as the seat rule, its winners made seats.

#include <charter/election.hpp>
#include <charter/error.hpp>
#include <charter/extra_json.hpp>
#include <charter/registry.hpp>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace charter {

// Named, not anonymous: the library is built in unity batches.
namespace election_run {

std::string folded(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Problems of an election, each naming it.
struct problems {
  std::string record;
  std::vector<problem> list;

  void add(std::string id, std::string message) {
    list.push_back({"", std::move(id), std::move(message), record, ""});
  }
  void throw_if_any() {
    if (!list.empty()) throw validation_error(std::move(list));
  }
};

// Which candidacy of `e` the ballot candidate `name` is: by person id, or
// by any handle of the person, in any case.
std::optional<std::size_t> candidacy_of(const registry& reg, const election& e,
                                        std::string_view name) {
  const std::string key = folded(name);
  for (std::size_t i = 0; i < e.candidates.size(); ++i) {
    const auto& id = e.candidates[i].person;
    if (folded(id.str()) == key) return i;
    if (const person* p = reg.find(id))
      for (const auto& [site, handle] : p->handles)
        if (folded(handle) == key) return i;
  }
  return std::nullopt;
}

// The families a candidate's seat would count for: their declared
// organization's, else those of their affiliations on the day.
std::set<std::string> families_of(const registry& reg,
                                  const election_candidate& c, date on) {
  std::set<std::string> out;
  if (c.org) {
    out.insert(reg.family(*c.org).id.str());
    return out;
  }
  for (const auto* a : reg.affiliations(c.person, on))
    out.insert(reg.family(a->org).id.str());
  return out;
}

// The seat rule of the body's caps: the seats that continue past the
// election (held on `seated`) and the winners so far, per family.
class family_caps {
 public:
  family_caps(const registry& reg, const election& e, const body& b,
              std::vector<std::set<std::string>> families)
      : rules_(b.rules), body_(b.id.str()), families_(std::move(families)) {
    std::set<person_id> standing;
    for (const auto& c : e.candidates) standing.insert(c.person);
    for (const auto* s : reg.seats(b.id, e.seated)) {
      // A candidate's own seat is up for election, not continuing (a
      // roster taken after the election lists the winners already).
      if (standing.count(s->person)) continue;
      ++continuing_;
      for (const auto& f : reg.families_of(*s, e.seated)) ++held_[f.str()];
    }
    total_ = continuing_ + e.seats;
  }

  bool any() const {
    return rules_.max_per_family.has_value() ||
           rules_.max_fraction_per_family.has_value();
  }

  /// The most seats one family may hold: the smaller of the two caps, the
  /// fraction's taken of the seats the body will have filled (those that
  /// continue and those elected), rounded down.
  std::optional<std::size_t> cap() const {
    std::optional<std::size_t> most;
    if (rules_.max_per_family)
      most = static_cast<std::size_t>(std::max(0, *rules_.max_per_family));
    if (rules_.max_fraction_per_family) {
      // A little over the product, so that 2/3 of 3 seats is 2, not 1.
      const double share =
          *rules_.max_fraction_per_family * static_cast<double>(total_);
      const auto by_share = static_cast<std::size_t>(std::floor(share + 1e-9));
      most = most ? std::min(*most, by_share) : by_share;
    }
    return most;
  }

  std::optional<std::string> refuse(std::size_t candidate,
                                    std::span<const std::size_t> seated) const {
    const auto most = cap();
    if (!most) return std::nullopt;
    for (const auto& family : families_.at(candidate)) {
      const auto at = held_.find(family);
      const std::size_t continuing = at == held_.end() ? 0 : at->second;
      std::size_t elected = 0;
      for (const auto w : seated) elected += families_.at(w).count(family);
      if (continuing + elected + 1 > *most)
        return fmt::format(
            "the family of {} would hold {} of the {} seats of {}, over its "
            "cap of {} ({} continuing, {} elected before)",
            family, continuing + elected + 1, total_, body_, *most, continuing,
            elected);
    }
    return std::nullopt;
  }

 private:
  const body_rules& rules_;
  std::string body_;
  std::vector<std::set<std::string>> families_;  // per ballot candidate
  std::map<std::string, std::size_t> held_;      // continuing seats
  std::size_t continuing_ = 0;
  std::size_t total_ = 0;
};

}  // namespace election_run

election_result run_election(const registry& reg, const election& recorded,
                             const ballot_box& ballots, std::uint64_t seed) {
  using namespace election_run;
  // No candidates recorded: the ballots' names, as person ids.
  election named_by_ballots;
  if (recorded.candidates.empty()) {
    named_by_ballots = recorded;
    for (const auto& name : ballots.candidates)
      named_by_ballots.candidates.push_back({person_id{name}, std::nullopt});
  }
  const election& e = recorded.candidates.empty() ? named_by_ballots : recorded;
  problems bad{fmt::format("election {}", e.id.str()), {}};
  const body* b = reg.find(e.body);
  if (!b)
    bad.add(e.body.str(), fmt::format("no body '{}'", e.body.str()));
  else if (!b->find_class(e.seat_class))
    bad.add(e.seat_class.str(), fmt::format("body '{}' has no seat class '{}'",
                                            e.body.str(), e.seat_class.str()));
  std::set<std::string> standing;
  for (const auto& c : e.candidates) {
    if (!reg.find(c.person))
      bad.add(c.person.str(), fmt::format("no person '{}'", c.person.str()));
    if (!standing.insert(c.person.str()).second)
      bad.add(c.person.str(), fmt::format("'{}' stands twice", c.person.str()));
    if (c.org && !reg.find(*c.org))
      bad.add(c.org->str(), fmt::format("no organization '{}'", c.org->str()));
  }
  bad.throw_if_any();

  // The ballots' candidates as the election's, in the ballots' order.
  std::vector<std::size_t> candidacy;
  std::set<std::size_t> taken;
  for (const auto& name : ballots.candidates) {
    const auto at = candidacy_of(reg, e, name);
    if (!at)
      bad.add(name, fmt::format("the ballots name '{}', who is not a "
                                "candidate of the election",
                                name));
    else if (!taken.insert(*at).second)
      bad.add(name, fmt::format("the ballots name '{}' twice",
                                e.candidates[*at].person.str()));
    candidacy.push_back(at.value_or(0));
  }
  bad.throw_if_any();

  std::vector<std::set<std::string>> families;
  for (const auto i : candidacy)
    families.push_back(families_of(reg, e.candidates[i], e.seated));
  const family_caps caps(reg, e, *b, families);

  count_options o;
  o.method = e.method;
  o.seats = e.seats;
  o.unranked = e.unranked;
  o.seed = seed;
  if (caps.any())
    o.may_seat = [&caps](std::size_t candidate,
                         std::span<const std::size_t> seated) {
      return caps.refuse(candidate, seated);
    };

  // The candidates' own seats of the class are up for election: they end
  // on the day the winners take theirs.
  batch changes;
  for (const auto* s : reg.seats(e.body, e.seated)) {
    if (s->seat_class != e.seat_class || !standing.count(s->person.str()))
      continue;
    if (s->when.from == e.seated)
      bad.add(s->person.str(),
              fmt::format("{} holds a seat of class {} from {} already: the "
                          "election was seated before",
                          s->person.str(), e.seat_class.str(),
                          to_string(e.seated)));
    else
      changes.end_seat(e.body, s->person, e.seated, e.seat_class);
  }
  bad.throw_if_any();

  ballot_box named = ballots;
  for (std::size_t i = 0; i < candidacy.size(); ++i)
    named.candidates[i] = e.candidates[candidacy[i]].person.str();
  election_result out;
  try {
    out.count = count(named, o);
  } catch (const validation_error& error) {
    for (const auto& p : error.problems()) bad.add(p.id, p.message);
    bad.throw_if_any();
  }
  for (const auto w : out.count.elected) {
    const auto& c = e.candidates[candidacy[w]];
    seat s;
    s.body = e.body;
    s.seat_class = e.seat_class;
    s.person = c.person;
    s.represents = c.org;
    s.when = {e.seated, e.term_end};
    s.extra = from_object(boost::json::object{{"election", e.id.str()}});
    changes.add(s);
    out.seats.push_back(std::move(s));
  }
  out.changes = std::move(changes);
  return out;
}

}  // namespace charter
