#ifndef CHARTER_BALLOTS_HPP
#define CHARTER_BALLOTS_HPP

// Ranked ballots, kept apart from the registry (one file per election,
// anonymous), and the readers of the layouts elections publish them in:
// Kubernetes' Elekto CSV, Debian's tally sheets and BLT.

#include <charter/error.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace charter {

/// The most candidates a ballot file may name: a reader refuses a file
/// with more (a BLT file's first line, an Elekto header, a tally sheet's
/// options), before it reads any ballot.
inline constexpr std::size_t max_ballot_candidates = 1000;

/// One voter's ranking of an election's candidates.
struct ballot {
  /// `ranks[i]` is the rank this voter gave candidate i: 1 is the best,
  /// equal ranks are a tie, 0 is unranked (how an unranked candidate counts
  /// is the counting method's `unranked_rule`). One entry per candidate.
  std::vector<unsigned> ranks;
  /// How many voters cast this same ballot (BLT files group them); at
  /// least 1.
  std::uint64_t weight = 1;

  friend bool operator==(const ballot&, const ballot&) = default;
};

/// The ballots of one election, as a ballot file gives them.
struct ballot_box {
  /// The candidates, as the file names them (ids in an Elekto CSV, names
  /// in a Debian tally sheet or a BLT file), in the file's order; ballots
  /// refer to them by index.
  std::vector<std::string> candidates;
  std::vector<ballot> ballots;
  /// Seats to fill, when the file says (BLT); else 0.
  std::size_t seats = 0;
  /// Candidates withdrawn before the count (BLT's negative line), by index.
  std::vector<std::size_t> withdrawn;
  /// The election's title, when the file has one (BLT).
  std::string title;

  /// The number of voters: the sum of the ballots' weights.
  std::uint64_t voters() const noexcept;

  friend bool operator==(const ballot_box&, const ballot_box&) = default;
};

/// The layouts a ballot file may be in.
enum class ballot_format {
  /// Kubernetes/Elekto: a header row of candidate ids, then one ballot per
  /// row; a cell is a rank, "No opinion" (or empty) is unranked.
  elekto_csv,
  /// Debian's tally sheet: "Option N--->: Name" lines, then one
  /// "V: <ranks> <hash>" line per voter ('-' unranked).
  debian_tally,
  /// BLT (the ERS/OpenSTV format): "<candidates> <seats>", an optional line
  /// of withdrawn candidates, "<weight> <c1> <c2> ... 0" ballots ended by a
  /// lone 0, then the quoted candidate names and title.
  blt,
};

/// "elekto-csv", "debian-tally", "blt".
std::string_view to_string(ballot_format format) noexcept;
/// The format named by `to_string`, or nothing.
std::optional<ballot_format> parse_ballot_format(std::string_view name);

/// The format `text` shows: a first line of two numbers is BLT, an
/// "Option 1--->:" or "V:" line a Debian tally sheet, anything else CSV.
ballot_format detect_ballot_format(std::string_view text) noexcept;

/// The ballot_box in `text`, in `format`. `file` names the text in errors.
///
/// Every ballot of the box ranks every candidate, and a box has at least
/// one candidate and one ballot. Names are UTF-8: when `text` is not valid
/// UTF-8 it is taken to be Latin-1 (older files, Debian's 2007 tally
/// sheet), and its names and title are converted. A UTF-8 byte order mark
/// at the start is skipped. docs/elections.md says what each format
/// accepts.
///
/// Throws `source_error` placed at the file, line and column (in bytes,
/// from 1) of the first thing wrong: a rank that is not a positive number
/// (or is more than the candidates), a candidate that is not one of the
/// election's (or named twice), a row with too many or too few cells, a
/// truncated file (no ballots, a BLT file without its lone 0, its names or
/// its title), more than `max_ballot_candidates` candidates.
ballot_box read_ballots(std::string_view text, ballot_format format,
                        std::string_view file);

/// The ballot_box in the file at `path`, in `format`, or when none is given,
/// in the format its content shows (a BLT's leading numbers, a tally
/// sheet's "Option 1--->" line, else CSV). Throws `source_error`, and
/// `storage_error` when the file cannot be read.
ballot_box read_ballots(const std::filesystem::path& path,
                        std::optional<ballot_format> format = std::nullopt);

}  // namespace charter

#endif
