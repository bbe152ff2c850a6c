// The PyTorch Foundation's members by tier and its governing board, as of a
// date: the main job of charter, on the bundled example registry.
//
//   membership_report [DATE] [--data FILE]
//
// DATE is YYYY-MM-DD or `today` (the default).

#include <charter/charter.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

int main(int argc, char** argv) {
  std::string data = "examples/data/pytorch-foundation.json";
  std::string when = "today";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--data" && i + 1 < argc) data = argv[++i];
    else if (arg == "-h" || arg == "--help") {
      fmt::print("usage: membership_report [DATE] [--data FILE]\n");
      return 0;
    } else when = arg;
  }
  try {
    const charter::date on = when == "today" ? charter::today() : charter::parse_date(when);
    const charter::registry reg = charter::load_json(data);
    const charter::foundation_id foundation{"pytorch-foundation"};
    const charter::body_id board{"pytorch-board"};

    fmt::print("{} members on {}\n\n", reg.at(foundation).name, charter::to_string(on));
    for (const auto& group : reg.members(foundation, on)) {
      fmt::print("{} ({})\n", group.tier->name, group.members.size());
      for (const auto* m : group.members) {
        const auto& org = reg.at(m->org);
        const auto& family = reg.family(m->org);
        fmt::print("  {:<24} {:<12} since {}{}\n", org.name, family.id == org.id ? "" : family.name,
                   charter::to_string(*reg.member_since(m->org, foundation, on)), m->founding ? "  founding" : "");
      }
    }

    fmt::print("\n{} on {}\n", reg.at(board).name, charter::to_string(on));
    for (const auto& e : reg.entitlements(board, on)) {
      fmt::print("  class {}: {} seats, {} filled\n", e.seat_class->id.str(), e.seats, e.filled);
      for (const auto* s : reg.seats(board, on))
        if (s->seat_class == e.seat_class->id)
          fmt::print("    {:<24} for {}\n", reg.at(s->person).name, s->represents ? reg.at(*s->represents).name : "-");
      for (int i = 0; i < e.vacant(); ++i) fmt::print("    (vacant)\n");
    }
    return 0;
  } catch (const charter::validation_error& e) {
    for (const auto& p : e.problems()) fmt::print(stderr, "membership_report: {}: {}\n", p.where, p.message);
  } catch (const std::exception& e) {
    fmt::print(stderr, "membership_report: {}\n", e.what());
  }
  return 2;
}
