// Elections: `read_ballots` (<charter/ballots.hpp>), `count`
// (<charter/count.hpp>) and the result's report. Candidates are named as
// the ballot file names them; votes are `decimal.Decimal`s, exact.

#include <charter/ballots.hpp>
#include <charter/count.hpp>
#include <charter/election.hpp>
#include <charter/report.hpp>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "module.hpp"

namespace charter::python {

namespace {

template <class T>
T parsed(std::optional<T> value, std::string_view what, std::string_view name) {
  if (!value) throw py::value_error(fmt::format("unknown {} '{}'", what, name));
  return *value;
}

// Votes as an exact decimal.Decimal: the units, scaled by 10 to the minus
// the count's decimals.
// (The module is looked up each time: a static Python object would outlive
// the interpreter.)
py::object decimal_of(votes v, std::int64_t scale) {
  const py::object decimal = py::module_::import("decimal").attr("Decimal");
  int decimals = 0;
  for (std::int64_t s = scale; s >= 10 && s % 10 == 0; s /= 10) ++decimals;
  return decimal(py::int_(v.units)).attr("scaleb")(-decimals);
}

py::list names_of(const count_result& r, const std::vector<std::size_t>& who) {
  py::list out;
  for (const auto i : who) out.append(r.candidates.at(i));
  return out;
}

// A stage with the names of the result it belongs to.
struct stage_view {
  std::shared_ptr<const count_result> result;
  std::size_t index = 0;
  const count_stage& stage() const { return result->stages.at(index); }
};

py::dict tally_of(const count_result& r, const std::vector<votes>& tally) {
  py::dict out;
  for (std::size_t c = 0; c < tally.size() && c < r.candidates.size(); ++c)
    out[py::str(r.candidates[c])] = decimal_of(tally[c], r.scale);
  return out;
}

void bind_ballots(py::module_& m) {
  py::class_<ballot_box>(m, "BallotBox",
                         "The ballots of one election, as a ballot file gives "
                         "them.")
      .def_property_readonly(
          "candidates", [](const ballot_box& b) { return b.candidates; },
          "The candidates as the file names them, in its order.")
      .def_property_readonly(
          "ballots",
          [](const ballot_box& b) {
            py::list out;
            for (const auto& x : b.ballots)
              out.append(
                  py::make_tuple(py::tuple(py::cast(x.ranks)), x.weight));
            return out;
          },
          "Each ballot as (ranks, weight): ranks[i] is candidate i's rank "
          "(1 best, equal ranks tie, 0 unranked).")
      .def_property_readonly(
          "seats", [](const ballot_box& b) { return b.seats; },
          "Seats to fill when the file says (BLT), else 0.")
      .def_property_readonly(
          "withdrawn", [](const ballot_box& b) { return b.withdrawn; },
          "Indexes of the candidates withdrawn before the count.")
      .def_property_readonly(
          "title", [](const ballot_box& b) { return b.title; },
          "The election's title, when the file has one.")
      .def_property_readonly("voters", &ballot_box::voters,
                             "The number of voters (the ballots' weights).")
      .def("__repr__", [](const ballot_box& b) {
        return fmt::format("<BallotBox: {} candidates, {} voters>",
                           b.candidates.size(), b.voters());
      });

  m.def(
      "read_ballots",
      [](const std::filesystem::path& path,
         const std::optional<std::string>& format) {
        std::optional<ballot_format> layout;
        if (format)
          layout =
              parsed(parse_ballot_format(*format), "ballot format", *format);
        py::gil_scoped_release release;
        return read_ballots(path, layout);
      },
      py::arg("path"), py::kw_only(), py::arg("format") = std::nullopt,
      "The ballots of a ballot file: a Kubernetes/Elekto CSV "
      "('elekto-csv'), a Debian tally sheet ('debian-tally') or a BLT file "
      "('blt'), told by its content unless `format` says. Raises "
      "SourceError at the file, line and column of what is wrong.");
}

void bind_results(py::module_& m) {
  py::class_<stage_view>(m, "CountRound", "One round (stage) of an STV count.")
      .def_property_readonly(
          "action", [](const stage_view& s) { return s.stage().action; },
          "What the stage did: 'first preferences', 'surplus of X', ...")
      .def_property_readonly(
          "tally",
          [](const stage_view& s) {
            return tally_of(*s.result, s.stage().tally);
          },
          "Each candidate's votes after the stage, by name.")
      .def_property_readonly(
          "exhausted",
          [](const stage_view& s) {
            return decimal_of(s.stage().exhausted, s.result->scale);
          },
          "Votes on papers that went to no candidate.")
      .def_property_readonly(
          "lost",
          [](const stage_view& s) {
            return decimal_of(s.stage().lost, s.result->scale);
          },
          "Votes lost to truncation.")
      .def_property_readonly(
          "quota",
          [](const stage_view& s) {
            return decimal_of(s.stage().quota, s.result->scale);
          },
          "The quota in force at the stage.")
      .def_property_readonly(
          "elected",
          [](const stage_view& s) {
            return names_of(*s.result, s.stage().elected);
          },
          "Candidates elected at the stage.")
      .def_property_readonly(
          "excluded",
          [](const stage_view& s) {
            return names_of(*s.result, s.stage().excluded);
          },
          "Candidates excluded at the stage.")
      .def("__repr__", [](const stage_view& s) {
        return fmt::format("<CountRound {}: {}>", s.index + 1,
                           s.stage().action);
      });

  using result_ptr = std::shared_ptr<count_result>;
  py::class_<count_result, result_ptr>(m, "CountResult",
                                       "The result of a count, with its work.")
      .def_property_readonly(
          "method",
          [](const count_result& r) {
            return std::string(to_string(r.method));
          },
          "'schulze', 'scottish-stv' or 'meek-stv'.")
      .def_property_readonly("seats",
                             [](const count_result& r) { return r.seats; })
      .def_property_readonly("voters",
                             [](const count_result& r) { return r.voters; })
      .def_property_readonly("candidates",
                             [](const count_result& r) { return r.candidates; })
      .def_property_readonly(
          "winners",
          [](const count_result& r) { return names_of(r, r.elected); },
          "The winners' names, in the order they were seated.")
      .def_property_readonly(
          "ranking",
          [](const count_result& r) {
            py::list out;
            for (const auto& tied : r.ranking) out.append(names_of(r, tied));
            return out;
          },
          "Schulze: the full ranking, best first; tied candidates share an "
          "entry.")
      .def_property_readonly(
          "pairwise", [](const count_result& r) { return r.pairwise; },
          "Schulze: d[i][j], the voters who prefer candidate i to j.")
      .def_property_readonly(
          "strongest_paths",
          [](const count_result& r) { return r.strongest_paths; },
          "Schulze: p[i][j], the strongest path from i to j.")
      .def_property_readonly(
          "quota",
          [](const count_result& r) -> py::object {
            if (r.method == count_method::schulze) return py::none();
            return decimal_of(r.quota, r.scale);
          },
          "STV: the quota (None for Schulze).")
      .def_property_readonly(
          "rounds",
          [](const result_ptr& r) {
            py::list out;
            for (std::size_t i = 0; i < r->stages.size(); ++i)
              out.append(stage_view{r, i});
            return out;
          },
          "STV: the rounds (stages) of the count, in order.")
      .def_property_readonly(
          "skipped",
          [](const count_result& r) {
            py::list out;
            for (const auto& s : r.skipped)
              out.append(
                  py::make_tuple(r.candidates.at(s.candidate), s.reason));
            return out;
          },
          "(candidate, reason) for each candidate the seat rule kept from a "
          "seat.")
      .def_property_readonly(
          "draws",
          [](const count_result& r) {
            py::list out;
            for (const auto& d : r.draws) {
              py::dict o;
              o["about"] = d.about;
              o["among"] = names_of(r, d.among);
              o["chosen"] = r.candidates.at(d.chosen);
              out.append(o);
            }
            return out;
          },
          "Every tie the seeded draw decided: {'about', 'among', 'chosen'}.")
      .def(
          "report",
          [](const count_result& r, const std::string& format, bool csv_raw) {
            const auto f =
                parsed(parse_report_format(format), "report format", format);
            return render(r, f, render_options{.csv_raw = csv_raw});
          },
          py::arg("format") = "text", py::kw_only(), py::arg("csv_raw") = false,
          "The count as a report: 'text', 'markdown', 'csv', 'json' or "
          "'html'. In CSV a cell that starts with ``=``, ``+``, ``-``, "
          "``@``, a tab or a carriage return gets a ``'`` before it, unless "
          "``csv_raw=True``.")
      .def("__repr__", [](const count_result& r) {
        std::string elected;
        for (const auto i : r.elected)
          elected += (elected.empty() ? "" : ", ") + r.candidates.at(i);
        return fmt::format("<CountResult {}: {}>", to_string(r.method),
                           elected);
      });

  m.def(
      "count",
      [](const std::variant<ballot_box, std::filesystem::path>& ballots,
         const std::string& method, std::optional<std::size_t> seats,
         const std::string& unranked, std::uint64_t seed,
         const std::optional<std::string>& format) {
        count_options o;
        o.method = parsed(parse_count_method(method), "count method", method);
        o.unranked =
            parsed(parse_unranked_rule(unranked), "unranked rule", unranked);
        o.seed = seed;
        std::optional<ballot_format> layout;
        if (format)
          layout =
              parsed(parse_ballot_format(*format), "ballot format", *format);
        py::gil_scoped_release release;
        const ballot_box box =
            std::holds_alternative<ballot_box>(ballots)
                ? std::get<ballot_box>(ballots)
                : read_ballots(std::get<std::filesystem::path>(ballots),
                               layout);
        o.seats = seats.value_or(0);  // 0: the file's
        return std::make_shared<count_result>(count(box, o));
      },
      py::arg("ballots"), py::kw_only(), py::arg("method"),
      py::arg("seats") = std::nullopt, py::arg("unranked") = "ignored",
      py::arg("seed") = 0, py::arg("format") = std::nullopt,
      "Counts ballots (a BallotBox, or the path of a ballot file read as "
      "read_ballots reads it) by `method`: 'schulze', 'scottish-stv' or "
      "'meek-stv'. `seats` defaults to the file's (BLT); `unranked` is "
      "'ignored' (Elekto) or 'below' (Debian); `seed` seeds the draw that "
      "breaks ties left to lot.");
}

// What Registry.run_election gives: the count, the winners' seats, and the
// audit entry that seated them (with apply=True on a database).
struct election_outcome {
  std::shared_ptr<count_result> count;
  std::vector<seat> seats;
  std::optional<std::int64_t> audit_id;
};

election_outcome run(
    registry_holder& h, const std::variant<election_id, election>& which,
    const std::variant<ballot_box, std::filesystem::path>& ballots,
    std::uint64_t seed, const std::optional<std::string>& format, bool apply,
    const std::string& actor, const std::string& reason) {
  std::optional<ballot_format> layout;
  if (format)
    layout = parsed(parse_ballot_format(*format), "ballot format", *format);
  election_outcome out;
  py::gil_scoped_release release;
  const ballot_box box =
      std::holds_alternative<ballot_box>(ballots)
          ? std::get<ballot_box>(ballots)
          : read_ballots(std::get<std::filesystem::path>(ballots), layout);
  std::unique_lock lock(h.mutex());
  const election e = std::holds_alternative<election>(which)
                         ? std::get<election>(which)
                         : h.reg().at(std::get<election_id>(which));
  auto result = run_election(h.reg(), e, box, seed);
  out.count = std::make_shared<count_result>(std::move(result.count));
  out.seats = std::move(result.seats);
  if (apply && !result.changes.empty()) {
    const auto done = h.commit(result.changes, {actor, reason},
                               fmt::format("election run {}", e.id.str()));
    if (done.audit_id) out.audit_id = done.audit_id;
  }
  return out;
}

void bind_runs(py::module_& m) {
  py::class_<election_outcome>(m, "ElectionResult",
                               "What Registry.run_election gave.")
      .def_property_readonly(
          "count", [](const election_outcome& o) { return o.count; },
          "The CountResult, candidates named by person id.")
      .def_property_readonly(
          "seats", [](const election_outcome& o) { return o.seats; },
          "The winners' seats, in the order seated.")
      .def_property_readonly(
          "audit_id", [](const election_outcome& o) { return o.audit_id; },
          "The audit entry that seated them (apply=True on a database), or "
          "None.");
  py::cast<py::class_<registry_holder, holder_ptr>>(m.attr("Registry"))
      .def("run_election", &run, py::arg("election"), py::arg("ballots"),
           py::kw_only(), py::arg("seed") = 0, py::arg("format") = std::nullopt,
           py::arg("apply") = false, py::arg("actor") = "",
           py::arg("reason") = "",
           "Counts `election` (the id of one of the registry's elections, or "
           "an Election) with its body's family caps applied while seating "
           "(docs/elections.md): `ballots` a BallotBox or a ballot file's "
           "path, read as read_ballots reads it (`format`). The method, "
           "seats, candidates and dates are the election's. With apply=True "
           "the winners' seats, from `seated` to `term_end`, are committed "
           "as one change (audited, 'election run ID', on a database). "
           "Raises NotFoundError for an unknown id, ValidationError for "
           "ballots the election cannot count.");
}

}  // namespace

void bind_elections(py::module_& m) {
  bind_ballots(m);
  bind_results(m);
  bind_runs(m);
}

}  // namespace charter::python
