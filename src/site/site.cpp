// write_site: the folders, the parts in order, and the page shell every
// page shares (head, breadcrumbs, search box, footer).
#include "site/site.hpp"

#include <charter/error.hpp>
#include <charter/site.hpp>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <span>
#include <system_error>
#include <thread>
#include <vector>

#include "report/escape.hpp"

namespace charter {

std::string_view to_string(site_part p) noexcept {
  switch (p) {
    case site_part::foundations:
      return "foundations";
    case site_part::bodies:
      return "bodies";
    case site_part::projects:
      return "projects";
    case site_part::organizations:
      return "organizations";
    case site_part::people:
      return "people";
    case site_part::index:
      return "index";
  }
  return "index";
}

namespace website {

using detail::escape_html;

void context::write(std::string_view path, std::string_view text) {
  const std::filesystem::path file = dir / std::filesystem::path{path};
  // Plain writes, not replace_file's sync and rename: a site is rebuilt
  // whole, and a million files synced one by one would take minutes.
  std::FILE* out = std::fopen(file.c_str(), "wb");
  if (!out)
    throw storage_error(fmt::format("cannot write {}: {}", file.string(),
                                    std::strerror(errno)));
  const bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  if (std::fclose(out) != 0 || !ok)
    throw storage_error(fmt::format("cannot write {}: {}", file.string(),
                                    std::strerror(errno)));
  ++summary.files;
  summary.bytes += text.size();
  if (path.ends_with(".html")) ++summary.pages;
}

void context::write_json(std::string_view path,
                         const boost::json::value& value) {
  write(path, boost::json::serialize(value) + "\n");
}

std::string relative(std::string_view from, std::string_view to) {
  std::string out;
  for (char ch : from)
    if (ch == '/') out += "../";
  return out.append(to);
}

std::string page_of(const foundation_id& id) {
  return "foundation/" + id.str() + ".html";
}
std::string history_of(const foundation_id& id) {
  return "history/" + id.str() + ".html";
}
std::string page_of(const org_id& id) {
  return "organization/" + id.str() + ".html";
}
std::string page_of(const person_id& id) {
  return "person/" + id.str() + ".html";
}
std::string page_of(const body_id& id) { return "body/" + id.str() + ".html"; }
std::string page_of(const project_id& id) {
  return "project/" + id.str() + ".html";
}
std::string page_of(const steward_ref& who) {
  return std::visit([](const auto& id) { return page_of(id); }, who);
}
std::string page_of(const body_owner& owner) {
  return std::visit([](const auto& id) { return page_of(id); }, owner);
}
std::string page_of(const role_scope& scope) {
  return std::visit([](const auto& id) { return page_of(id); }, scope);
}

std::string json_path(std::string_view html) {
  return std::string{html.substr(0, html.size() - 5)} + ".json";
}

boost::json::value date_json(const std::optional<date>& d) {
  return d ? boost::json::value(to_string(*d)) : boost::json::value(nullptr);
}

std::string until(const period& p) {
  return p.to ? to_string(*p.to) : std::string{"(still)"};
}

std::string office_text(const std::optional<office>& o) {
  return o ? std::string{to_string(*o)} : std::string{};
}

std::string anchor(std::string_view from, std::string_view to,
                   std::string_view text) {
  return "<a href=\"" + escape_html(relative(from, to)) + "\">" +
         escape_html(text) + "</a>";
}

std::string render_page(const page& p, const context& c) {
  const std::string root = relative(p.path, "");
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n"
      // The site's own script and style only; logos may come from https.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src "
      "'self' https: data:\">\n<title>" +
      escape_html(p.title) + "</title>\n<link rel=\"stylesheet\" href=\"" +
      root + "assets/site.css\">\n<script src=\"" + root +
      "assets/search.js\" defer></script>\n</head>\n<body>\n"
      "<header class=\"site\">\n<nav class=\"crumbs\" "
      "aria-label=\"Breadcrumbs\">";
  for (std::size_t i = 0; i < p.crumbs.size(); ++i) {
    if (i) out += " <span aria-hidden=\"true\">›</span> ";
    out += anchor(p.path, p.crumbs[i].second, p.crumbs[i].first);
  }
  out += "</nav>\n<form id=\"search\" role=\"search\" hidden data-root=\"" +
         root +
         "\">\n<label for=\"search-box\">Search</label>\n<input "
         "id=\"search-box\" name=\"q\" type=\"search\" autocomplete=\"off\" "
         "placeholder=\"Name, alias or id\">\n<ul "
         "id=\"search-results\"></ul>\n</form>\n</header>\n<main>\n";
  out += p.body;
  out += "</main>\n<footer>\n<p>The registry on " + to_string(c.at()) + ".";
  if (!p.json.empty())
    out += " " + anchor(p.path, p.json, "This page's data as JSON") + ".";
  out += " Made by charter.</p>\n</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace website

namespace website {

namespace {

// The pages of many records (organizations, people) on every core: each
// page is a file of its own and the registry is only read, so the threads
// share nothing but it, and the output is the same as from one.
template <class Record, class Write>
void in_parallel(context& c, std::span<const Record> records, Write write) {
  const std::size_t threads =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  if (threads == 1 || records.size() < 64) {
    for (const auto& r : records) write(c, r);
    return;
  }
  std::vector<context> parts(threads, c.fork());
  std::vector<std::exception_ptr> failed(threads);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      try {
        for (std::size_t i = t; i < records.size(); i += threads)
          write(parts[t], records[i]);
      } catch (...) {
        failed[t] = std::current_exception();
      }
    });
  for (auto& w : workers) w.join();
  for (const auto& e : failed)
    if (e) std::rethrow_exception(e);
  for (const auto& p : parts) c.merge(p);
}

}  // namespace

}  // namespace website

site_summary write_site(const registry& reg, const std::filesystem::path& dir,
                        const site_options& options) {
  website::context c{reg, options, dir, {}};
  std::error_code ec;
  for (const char* folder : {"", "assets", "foundation", "history", "body",
                             "project", "organization", "person"}) {
    if (!options.people && std::string_view{folder} == "person") continue;
    std::filesystem::create_directories(dir / folder, ec);
    if (ec)
      throw storage_error(fmt::format("cannot make the folder {}: {}",
                                      (dir / folder).string(), ec.message()));
  }
  auto part = [&](site_part p) {
    if (options.on_part) options.on_part(p);
  };
  part(site_part::foundations);
  website::in_parallel(c, reg.foundations(),
                       [](website::context& to, const foundation& f) {
                         website::write_foundation(to, f);
                         website::write_history(to, f);
                       });
  part(site_part::bodies);
  website::in_parallel(c, reg.bodies(), website::write_body);
  part(site_part::projects);
  website::in_parallel(c, reg.projects(), website::write_project);
  part(site_part::organizations);
  website::in_parallel(c, reg.organizations(), website::write_organization);
  if (options.people) {
    part(site_part::people);
    website::in_parallel(c, reg.people(), website::write_person);
  }
  part(site_part::index);
  website::write_lists(c);
  website::write_search_index(c);
  website::write_assets(c);
  website::write_index(c);
  return c.summary;
}

}  // namespace charter
