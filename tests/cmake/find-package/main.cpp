// A program built against an installed charter: parses a small registry,
// changes it and asks it a question, so that every linked dependency is used.
// It includes the umbrella header only: run-find-package.cmake checks that
// no header of Boost or fmt comes with it.
#include <charter/charter.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

int main() {
  auto reg = charter::from_json(R"({
    "format": "charter-registry", "version": 1,
    "organizations": [{"id": "amd", "name": "AMD", "kind": "company"}],
    "foundations": [{"id": "pytorch-foundation", "name": "PyTorch Foundation",
                     "tiers": [{"id": "premier", "name": "Premier", "rank": 1}]}]})");
  charter::batch changes;
  changes.join(
      charter::org_id{"amd"}, charter::foundation_id{"pytorch-foundation"},
      charter::tier_id{"premier"}, charter::parse_date("2022-09-12"), true);
  reg.apply(changes);
  const auto tiers = reg.members(charter::foundation_id{"pytorch-foundation"},
                                 charter::parse_date("2022-09-12"));
  if (tiers.size() != 1 || tiers[0].members.size() != 1 ||
      tiers[0].members[0]->org != charter::org_id{"amd"}) {
    std::cerr << "charter_consumer: unexpected members\n";
    return EXIT_FAILURE;
  }
  // extra fields are charter's own value: JSON text, no JSON library needed.
  const charter::organization& amd = reg.at(charter::org_id{"amd"});
  charter::organization listed = amd;
  listed.extra =
      charter::extra_fields::parse(R"({"ticker":"AMD", "founded": 1969})");
  reg.apply(charter::batch{}.update(listed));
  if (reg.at(charter::org_id{"amd"}).extra.string("ticker") != "AMD" ||
      charter::to_json(reg).find(
          R"("extra": {"ticker": "AMD", "founded": 1969})") ==
          std::string::npos) {
    std::cerr << "charter_consumer: unexpected extra fields\n";
    return EXIT_FAILURE;
  }
  std::cout << charter::to_json(reg).size() << " bytes of registry\n";
  return EXIT_SUCCESS;
}
