#ifndef CHARTER_SRC_SITE_SITE_HPP
#define CHARTER_SRC_SITE_SITE_HPP

// Internal to the site's sources: what every page writer shares (the
// output folder, the options, the page shell) and the writers, one file
// each (pages.cpp, people.cpp, index.cpp, chart.cpp, assets.cpp).

#include <charter/checks.hpp>
#include <charter/registry.hpp>
#include <charter/site.hpp>

#include <boost/json/value.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace charter::website {

/// The site being written: where, what of, and what was written so far.
struct context {
  const registry& reg;
  const site_options& options;
  std::filesystem::path dir;
  site_summary summary;

  /// The same site, with a summary of its own: one per thread.
  context fork() const { return context{reg, options, dir, {}}; }
  void merge(const context& other) noexcept {
    summary.pages += other.summary.pages;
    summary.files += other.summary.files;
    summary.bytes += other.summary.bytes;
  }

  bool people() const noexcept { return options.people; }
  date at() const noexcept { return options.at; }
  /// Writes `text` to `path` (relative to the site's root, `/`-separated).
  /// @throws storage_error
  void write(std::string_view path, std::string_view text);
  /// Writes `value` to `path` as one line of JSON.
  void write_json(std::string_view path, const boost::json::value& value);
};

/// One HTML page. Every path is relative to the site's root; the shell
/// makes them relative to the page.
struct page {
  std::string path;  ///< `foundation/pytorch-foundation.html`
  std::string title;
  /// Where the page sits, from the index down: label and root path.
  std::vector<std::pair<std::string, std::string>> crumbs;
  std::string body;  ///< the markup inside <main>, already escaped
  std::string json;  ///< the root path of the page's JSON, or empty
};

/// The page, whole: head, header with the search box, body, footer.
std::string render_page(const page& p, const context& c);
/// How a page at `from` (a root path) links to `to` (a root path).
std::string relative(std::string_view from, std::string_view to);

// Root paths of the records' pages.
std::string page_of(const foundation_id& id);
std::string history_of(const foundation_id& id);
std::string page_of(const org_id& id);
std::string page_of(const person_id& id);
std::string page_of(const body_id& id);
std::string page_of(const project_id& id);
/// The page of a steward or a body's owner, whatever its kind.
std::string page_of(const steward_ref& who);
std::string page_of(const body_owner& owner);
std::string page_of(const role_scope& scope);
/// The JSON file beside a page: `foundation/x.json` for `foundation/x.html`.
std::string json_path(std::string_view html);
/// A date, or null.
boost::json::value date_json(const std::optional<date>& d);
/// A period's end as the tables show it: the date, or `(still)`.
std::string until(const period& p);
/// An office's name, or empty.
std::string office_text(const std::optional<office>& o);
/// `<a href="...">text</a>`, the href relative to `from`, text escaped.
std::string anchor(std::string_view from, std::string_view to,
                   std::string_view text);

// What the pages share (pages.cpp).

/// Takes people out of findings' subjects and messages, for a site without
/// people (nothing happens otherwise).
void scrub(context& c, std::vector<finding>& findings);
/// The findings as a section (id `compliance`), linked from `from`.
std::string findings_section(context& c, std::string_view from,
                             const std::vector<finding>& findings);
/// The findings as the compliance report's JSON writes them.
boost::json::value findings_json(const std::vector<finding>& findings);

// The pages (pages.cpp, people.cpp, index.cpp).
void write_foundation(context& c, const foundation& f);
void write_history(context& c, const foundation& f);
void write_body(context& c, const body& b);
void write_project(context& c, const project& p);
void write_organization(context& c, const organization& o);
void write_person(context& c, const person& p);
void write_lists(context& c);
void write_index(context& c);
void write_search_index(context& c);
void write_assets(context& c);

// The charts of the site's own (chart.cpp); the reports' charts are
// reused as they are.

/// Joins and departures per calendar year, as bars either side of an axis.
struct year_count {
  int year = 0;
  int joined = 0;
  int left = 0;
};
std::string joins_chart(std::string_view title,
                        const std::vector<year_count>& years);

/// One bar of a body's seats timeline.
struct seat_bar {
  std::string label;  ///< the row's label (a person, or a class and an org)
  std::string seat_class;
  period when;
};
/// Every seat of a body on one time axis, the snapshot's date marked.
std::string seats_chart(std::string_view title,
                        const std::vector<seat_bar>& bars, date at);

}  // namespace charter::website

#endif
