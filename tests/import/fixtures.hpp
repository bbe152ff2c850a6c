// What the tests of one source each need: the day an import is taken on,
// a source read into an empty registry, and the seats and affiliations the
// tests look up.

#ifndef CHARTER_TESTS_IMPORT_FIXTURES_HPP
#define CHARTER_TESTS_IMPORT_FIXTURES_HPP

#include <charter/import.hpp>
#include <charter/registry.hpp>

#include "import/sources.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace charter::import_test {

inline import_options on(std::string_view day) {
  import_options o;
  o.as_of = parse_date(day);
  return o;
}

/// A source's result and the empty registry it was applied to.
struct imported {
  import_result result;
  registry reg;
};

inline imported import_alone(std::string_view source,
                             const std::vector<std::string>& files,
                             const import_options& options) {
  imported i{read_source(registry{}, source, files, options), {}};
  i.reg.apply(i.result.changes);
  return i;
}

/// The first seat `person` holds (or held) on `body`, if any.
inline const seat* seat_of(const registry& reg, std::string_view body,
                           std::string_view person) {
  for (const auto& s : reg.seats())
    if (s.body.str() == body && s.person.str() == person) return &s;
  return nullptr;
}

/// Every seat `person` holds (or held) on `body`.
inline std::vector<const seat*> seats_of(const registry& reg,
                                         std::string_view body,
                                         std::string_view person) {
  std::vector<const seat*> out;
  for (const auto& s : reg.seats())
    if (s.body.str() == body && s.person.str() == person) out.push_back(&s);
  return out;
}

/// The ids of the organizations `person` is affiliated with on `day`.
inline std::vector<std::string> orgs_of(const registry& reg,
                                        std::string_view person, date day) {
  std::vector<std::string> out;
  for (const auto* a : reg.affiliations(person_id{std::string(person)}, day))
    out.push_back(a->org.str());
  return out;
}

using orgs = std::vector<std::string>;

}  // namespace charter::import_test

#endif
