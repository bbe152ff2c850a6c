// A program built against an installed charter: parses a small registry,
// changes it and asks it a question, so that every linked dependency is used.
#include <charter/charter.hpp>

#include <cstdlib>
#include <iostream>

int main() {
  auto reg = charter::from_json(R"({
    "format": "charter-registry", "version": 1,
    "organizations": [{"id": "amd", "name": "AMD", "kind": "company"}],
    "foundations": [{"id": "pytorch-foundation", "name": "PyTorch Foundation",
                     "tiers": [{"id": "premier", "name": "Premier", "rank": 1}]}]})");
  charter::batch changes;
  changes.join(charter::org_id{"amd"}, charter::foundation_id{"pytorch-foundation"}, charter::tier_id{"premier"},
               charter::parse_date("2022-09-12"), true);
  reg.apply(changes);
  const auto tiers = reg.members(charter::foundation_id{"pytorch-foundation"}, charter::parse_date("2022-09-12"));
  if (tiers.size() != 1 || tiers[0].members.size() != 1 || tiers[0].members[0]->org != charter::org_id{"amd"}) {
    std::cerr << "charter_consumer: unexpected members\n";
    return EXIT_FAILURE;
  }
  std::cout << charter::to_json(reg).size() << " bytes of registry\n";
  return EXIT_SUCCESS;
}
