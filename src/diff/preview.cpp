// What a change would do, without doing it: the records it would write
// and remove (from the transaction's change set, staged and rolled back),
// and the findings over all dates before and after.
#include <charter/diff.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace charter {

namespace {

// The findings of `b` that `a` does not hold, each as often as `b` holds it
// more often.
std::vector<finding> missing_from(const std::vector<finding>& a,
                                  std::vector<finding> b) {
  std::vector<bool> used(a.size(), false);
  std::erase_if(b, [&](const finding& f) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!used[i] && a[i] == f) {
        used[i] = true;
        return true;
      }
    return false;
  });
  return b;
}

void add_findings(preview& p, const std::vector<finding>& before,
                  const std::vector<finding>& after) {
  p.introduced = missing_from(before, after);
  p.resolved = missing_from(after, before);
}

}  // namespace

std::vector<record_diff> record_diffs(const registry& after,
                                      const change_set& made) {
  // The before-images by key: a merge import may change millions.
  std::unordered_map<std::string, const any_record*> before;
  before.reserve(made.before.size());
  for (const auto& r : made.before) before.emplace(to_string(key_of(r)), &r);
  std::vector<record_diff> out;
  for (const auto& key : made.written) {
    const auto now = after.find_record(key);
    if (!now) continue;  // written, then removed by the same change
    const auto was = before.find(to_string(key));
    if (was == before.end())
      out.push_back({key, record_change::added, {}});
    else if (auto fields = compare(*was->second, *now); !fields.empty())
      out.push_back({key, record_change::changed, std::move(fields)});
  }
  for (const auto& key : made.removed)
    out.push_back({key, record_change::removed, {}});
  std::stable_sort(out.begin(), out.end(),
                   [](const record_diff& a, const record_diff& b) {
                     return kind_of(a.key) < kind_of(b.key);
                   });
  return out;
}

preview preview_changes(registry& reg, const batch& changes,
                        const locator& where) {
  const auto before = check_all(reg);
  auto tx = reg.stage(changes, where);
  preview p;
  p.changes = record_diffs(reg, tx.changes());
  add_findings(p, before, check_all(reg));
  tx.roll_back();
  return p;
}

preview preview_replace(const registry& before, const registry& after) {
  preview p;
  p.changes = compare(before, after);
  add_findings(p, check_all(before), check_all(after));
  return p;
}

}  // namespace charter
