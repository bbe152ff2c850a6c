// `charter site DIR`: the static website of the registry (docs/site.md),
// written by the library's write_site with a progress bar.
#include <charter/site.hpp>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"

namespace charter::cli {

int run_site(session& s, const site_args& a) {
  progress bar("site", {"loading", "foundations", "bodies", "projects",
                        "organizations", "people", "index"});
  const auto& reg = s.open(false).registry();
  site_options options;
  options.at = a.at.empty() ? today() : parse_date_arg(std::string_view(a.at));
  options.people = !a.no_people;
  options.on_part = [&bar](site_part p) {
    bar.phase(1 + static_cast<std::size_t>(p));
  };
  const site_summary summary = write_site(reg, a.dir, options);
  bar.stop();
  tell(fmt::format(
      "site: {} pages, {} files, {:.1f} MB in {} (the registry on "
      "{}{})",
      summary.pages, summary.files, static_cast<double>(summary.bytes) / 1e6,
      a.dir, to_string(options.at), options.people ? "" : ", without people"));
  return exit_ok;
}

}  // namespace charter::cli
