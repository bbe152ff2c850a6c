// k8s-steering: a Kubernetes Steering Committee election
// (kubernetes/community elections/steering/YEAR): election.yaml for its
// dates, results.md for the winners and their terms, candidate-*.md for the
// candidates' employers. The winners' seats are on the body the k8s-sigs
// importer makes for the committee (`steering-committee`), so both sources
// meet on one record (docs/importers.md, "k8s-steering").

#include "import/dates.hpp"
#include "import/sources.hpp"
#include "import/yaml.hpp"

#include <fmt/format.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace charter::import {

namespace k8s_steering {

// The handle of a "[Name](https://github.com/handle)" link, or "".
std::string_view github_handle(std::string_view target) {
  const auto at = target.find("github.com/");
  if (at == std::string_view::npos) return {};
  auto handle = target.substr(at + 11);
  return handle.substr(0, handle.find_first_of("/?#"));
}

struct winner {
  std::string name, handle;
  source_place where;
};

struct election {
  std::optional<date> seated;  // the day after voting closed
  int term_years = 0;
  std::vector<winner> winners;
  std::map<std::string, std::pair<std::string, source_place>> employers;
  // The candidates' names (candidate-HANDLE.md's "name:"), by handle.
  std::map<std::string, std::string> names;
};

void read_election_yaml(const source_file& f, election& e) {
  const YAML::Node doc = load_yaml(f);
  const std::string end = scalar(f, doc, "end_datetime");
  const auto closed = parse_loose_date(trim(end).substr(0, 10));
  if (!closed)
    throw import_error(
        doc["end_datetime"] ? place_of(f, doc["end_datetime"]) : f.place(1, 1),
        "election.yaml has no readable 'end_datetime'");
  e.seated = closed->first;
}

void read_results(const source_file& f, election& e) {
  bool in_winners = false;
  for (std::size_t n = 1; n <= f.line_count(); ++n) {
    const auto line = trim(f.line(n));
    if (line.find("year term") != std::string_view::npos && e.term_years == 0) {
      // "Number of seats open: 4 (2 year term)"
      const auto at = line.find("year term");
      const auto digits = line.substr(0, at);
      const auto d = digits.find_last_of("0123456789");
      if (d != std::string_view::npos) e.term_years = digits[d] - '0';
    }
    if (line.starts_with("## "))
      in_winners = lower(line).find("winner") != std::string::npos;
    if (line.starts_with("The rest")) in_winners = false;
    if (!in_winners || line.empty() ||
        !std::isdigit(static_cast<unsigned char>(line[0])))
      continue;
    const auto handle = github_handle(link_target(line));
    const auto dot = line.find(". ");
    const std::string name =
        plain_text(dot == std::string_view::npos ? line : line.substr(dot + 2));
    e.winners.push_back({name, std::string(handle), f.place_of(line)});
  }
  if (e.winners.empty())
    throw import_error(f.place(0, 0),
                       "results.md lists no winners under '## Winners'");
}

void read_candidate(const source_file& f, election& e) {
  // candidate-HANDLE.md: "name: Name" and "- employer: Name" in its front
  // list.
  std::string handle(f.file_name());
  handle = lower(handle.substr(10, handle.size() - 13));
  for (std::size_t n = 1; n <= f.line_count(); ++n) {
    auto line = trim(f.line(n));
    if (starts_with_folded(line, "name:") && !e.names.contains(handle)) {
      const auto value = trim(line.substr(5));
      if (!value.empty()) e.names[handle] = std::string(value);
      continue;
    }
    if (line.starts_with("- ")) line = trim(line.substr(2));
    if (!starts_with_folded(line, "employer:")) continue;
    const auto value = trim(line.substr(9));
    if (!value.empty())
      e.employers[handle] = {std::string(value), f.place_of(value)};
    return;
  }
}

}  // namespace k8s_steering

void read_k8s_steering(builder& b, std::span<const source_file> files) {
  using namespace k8s_steering;
  election e;
  for (const auto& f : files) {
    const auto name = f.file_name();
    if (name == "election.yaml")
      reading_yaml(f, [&] { read_election_yaml(f, e); });
    else if (name == "results.md")
      read_results(f, e);
    else if (name.starts_with("candidate-") && name.ends_with(".md"))
      read_candidate(f, e);
    else
      throw error(
          fmt::format("{}: k8s-steering reads election.yaml, results.md and "
                      "candidate-*.md, not this file",
                      f.name()));
  }
  if (!e.seated)
    throw error("k8s-steering needs the election's election.yaml (its dates)");
  if (e.winners.empty())
    throw error("k8s-steering needs the election's results.md (its winners)");
  b.foundation("cncf", "Cloud Native Computing Foundation");
  body_owner owner = project_id{"kubernetes"};
  const std::string& chosen = b.options().foundation;
  if (!chosen.empty() && chosen != "kubernetes" && !b.is_project(chosen)) {
    b.foundation(chosen, chosen);
    owner = foundation_id{chosen};
  } else {
    b.project(chosen.empty() ? "kubernetes" : chosen, "Kubernetes");
    if (!chosen.empty()) owner = project_id{chosen};
  }
  auto& committee =
      b.body("steering-committee", "Steering Committee", "committee", owner);
  // A candidate file gives the employer at the election: from then on, so
  // that the seat's `represents` is an affiliation from its first day.
  const std::optional<period> since_election = period{*e.seated, std::nullopt};
  auto& members = b.seat_class(committee, "member");
  members.count = std::max<int>(members.count, 7);
  for (const auto& w : e.winners) {
    const auto who = w.handle.empty()
                         ? b.person_named(w.name, w.where)
                         : b.person("github", w.handle, w.name, w.where);
    seat s;
    s.body = committee.id;
    s.seat_class = members.id;
    s.person = who;
    s.when = {*e.seated, e.term_years > 0 ? std::optional<date>(add_years(
                                                *e.seated, e.term_years))
                                          : std::nullopt};
    if (const auto at = e.employers.find(lower(w.handle));
        at != e.employers.end())
      if (const auto org =
              b.organization(at->second.first, at->second.second)) {
        s.represents = org;
        b.affiliate(who, *org, since_election, at->second.second);
      }
    b.add(std::move(s));
    b.took();
  }
  // The candidates who were not elected: their employers are still what
  // the files say of them.
  for (const auto& [handle, employer] : e.employers) {
    bool won = false;
    for (const auto& w : e.winners) won = won || lower(w.handle) == handle;
    if (won) continue;
    const auto named = e.names.find(handle);
    const auto who =
        b.person("github", handle, named == e.names.end() ? "" : named->second,
                 employer.second);
    if (const auto org = b.organization(employer.first, employer.second))
      b.affiliate(who, *org, since_election, employer.second);
    b.took();
  }
}

}  // namespace charter::import
