#ifndef CHARTER_BENCH_GENERATOR_HPP
#define CHARTER_BENCH_GENERATOR_HPP

// A deterministic generator of large registries in the interchange format
// (docs/registry-format.md), for the benchmarks. It writes the text
// directly, record by record: it never builds a registry, so a million
// people cost little memory.

#include <cstdint>
#include <cstdio>
#include <string>

namespace charter::bench {

/// How large a registry to make. Scale 1 is issue 7's default size.
struct generator_options {
  double scale = 1.0;
  std::uint64_t seed = 42;
};

/// The sizes a scale gives (every count grows linearly, with small floors so
/// that a tiny scale still has every kind of record).
struct generator_sizes {
  std::int64_t organizations = 0;
  std::int64_t people = 0;
  std::int64_t foundations = 0;
  std::int64_t projects = 0;
  std::int64_t bodies = 0;
  // Targets: the counts written are close to these, not equal.
  std::int64_t affiliations = 0;
  std::int64_t memberships = 0;
  std::int64_t seats = 0;
  std::int64_t roles = 0;
};

generator_sizes sizes_for(double scale);

/// What was written.
struct generator_counts {
  std::int64_t organizations = 0;
  std::int64_t with_parent = 0;
  std::int64_t people = 0;
  std::int64_t affiliations = 0;
  std::int64_t open_affiliations = 0;
  std::int64_t foundations = 0;
  std::int64_t tiers = 0;
  std::int64_t projects = 0;
  std::int64_t memberships = 0;
  std::int64_t bodies = 0;
  std::int64_t seat_classes = 0;
  std::int64_t seats = 0;
  std::int64_t roles = 0;
  std::int64_t bytes = 0;
};

/// Writes a registry document to `out`, in charter's canonical layout
/// (records sorted by id or key, the fields in the spec's order), so that
/// `to_json(from_json(text)) == text`.
/// @throws std::runtime_error when writing fails.
generator_counts generate(const generator_options& options, std::FILE* out);

/// Writes the document to `file`.
generator_counts generate(const generator_options& options,
                          const std::string& file);

}  // namespace charter::bench

#endif
