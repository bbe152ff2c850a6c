// libFuzzer target: `charter update`'s field edits (cli/edit_fields.hpp),
// parsed from arguments and made on records of three kinds. The input is
// the arguments separated by NUL bytes, each led by the edit it is: `s`
// (--set FIELD=VALUE), `u` (--unset FIELD), `a` (--add), `d` (--drop). Any
// input ends in an edited record or in a usage_error or validation_error,
// never a crash or another exception.
#include <charter/error.hpp>
#include <charter/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cli/edit_fields.hpp"
#include "cli/session.hpp"

namespace {

const charter::any_record& sample(std::size_t which) {
  static const charter::any_record records[] = {
      charter::record_from_json(R"({"format": "charter-registry", "version": 1,
        "organizations": [{"id": "aws", "name": "Amazon Web Services",
          "parent": "amazon", "aliases": ["AWS"], "domains": ["aws.com"],
          "extra": {"ticker": "AMZN"}}]})"),
      charter::record_from_json(R"({"format": "charter-registry", "version": 1,
        "bodies": [{"id": "board", "name": "Board", "foundation": "pf",
          "seat_classes": [{"id": "premier", "mode": "per-member",
                            "tier": "premier"}],
          "rules": {"max_per_family": 1, "exclusive_with": ["coc"]}}]})"),
      charter::record_from_json(R"({"format": "charter-registry", "version": 1,
        "memberships": [{"org": "amd", "foundation": "pf", "tier": "premier",
          "from": "2022-09-12", "founding": true}]})"),
  };
  return records[which % 3];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace charter::cli;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  field_edits edits;
  try {
    for (std::size_t start = 0; start < input.size() && edits.size() < 16;) {
      const auto end = std::min(input.find('\0', start), input.size());
      const auto arg = input.substr(start, end - start);
      start = end + 1;
      if (arg.empty()) continue;
      const edit_kind kind = arg[0] == 'u'   ? edit_kind::unset
                             : arg[0] == 'a' ? edit_kind::add
                             : arg[0] == 'd' ? edit_kind::drop
                                             : edit_kind::set;
      edits.push_back(parse_edit(kind, arg.substr(1)));
    }
    (void)edit_record(sample(size), edits);
  } catch (const usage_error&) {
  } catch (const charter::validation_error&) {
  }
  return 0;
}
