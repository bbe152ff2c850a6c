// The index (the foundations' hierarchy and the downloads), the lists of
// every record of a kind, and the search index the search box reads.
#include <charter/json.hpp>
#include <charter/popolo.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "report/document.hpp"
#include "report/escape.hpp"
#include "site/site.hpp"

namespace charter::website {

namespace json = boost::json;
using detail::doc_section;
using detail::doc_table;
using detail::escape_html;
using detail::html_section;

namespace {

/// One line of a list page.
struct listed {
  std::string name;
  std::string id;
  std::string page;  ///< root path
  std::string about;
};

// Lists longer than this are split by the first character of the ids.
constexpr std::size_t list_limit = 2000;

doc_table list_table(std::string_view from, const std::vector<listed>& rows,
                     std::string_view about) {
  doc_table t{{"Name", "Id", std::string{about}}, {}, {}, "None."};
  for (const auto& r : rows) {
    t.add({r.name, r.id, r.about});
    t.link(0, relative(from, r.page));
  }
  return t;
}

void write_list(context& c, const std::string& path, const std::string& title,
                const std::string& folder, std::vector<listed> rows,
                std::string_view about) {
  std::sort(rows.begin(), rows.end(),
            [](const listed& a, const listed& b) { return a.id < b.id; });
  std::string body = "<article class=\"site-page\">\n<h1>" +
                     escape_html(title) + "</h1>\n<p class=\"intro\">" +
                     escape_html(fmt::format("{} in all.", rows.size())) +
                     "</p>\n";
  const std::vector<std::pair<std::string, std::string>> crumbs{
      {"Registry", "index.html"}, {title, path}};
  if (rows.size() <= list_limit) {
    doc_section s;
    s.heading = title;
    s.table = list_table(path, rows, about);
    body += html_section(s);
  } else {
    // Pages of `list_limit` in id order, named by their number, listed
    // with the first and last id each holds.
    body += "<ul class=\"buckets\">\n";
    for (std::size_t first = 0, n = 1; first < rows.size();
         first += list_limit, ++n) {
      const std::size_t last = std::min(rows.size(), first + list_limit);
      const std::vector<listed> part(rows.begin() + static_cast<long>(first),
                                     rows.begin() + static_cast<long>(last));
      const std::string bucket = fmt::format("{}/_list-{}.html", folder, n);
      const std::string range =
          fmt::format("{} – {}", part.front().id, part.back().id);
      body += "<li>" + anchor(path, bucket, range) + "</li>\n";
      doc_section s;
      s.heading = fmt::format("{}: {}", title, range);
      s.table = list_table(bucket, part, about);
      auto bucket_crumbs = crumbs;
      bucket_crumbs.emplace_back(range, bucket);
      c.write(bucket, render_page({bucket,
                                   s.heading,
                                   std::move(bucket_crumbs),
                                   "<article class=\"site-page\">\n" +
                                       html_section(s) + "</article>\n",
                                   {}},
                                  c));
    }
    body += "</ul>\n";
  }
  body += "</article>\n";
  c.write(path, render_page({path, title, crumbs, std::move(body), {}}, c));
}

std::string owner_name(const registry& reg, const body_owner& owner) {
  return std::visit([&](const auto& id) { return reg.at(id).name; }, owner);
}

}  // namespace

void write_lists(context& c) {
  std::vector<listed> rows;
  rows.reserve(c.reg.organizations().size());
  for (const auto& o : c.reg.organizations())
    rows.push_back(
        {o.name, o.id.str(), page_of(o.id), std::string{to_string(o.kind)}});
  write_list(c, "organizations.html", "Organizations", "organization",
             std::move(rows), "Kind");
  rows.clear();
  for (const auto& b : c.reg.bodies())
    rows.push_back({b.name, b.id.str(), page_of(b.id),
                    b.kind + " of " + owner_name(c.reg, b.owner)});
  write_list(c, "bodies.html", "Bodies", "body", std::move(rows), "Kind");
  rows.clear();
  for (const auto& p : c.reg.projects()) {
    const steward* s = c.reg.steward_of(p.id, c.at());
    rows.push_back({p.name, p.id.str(), page_of(p.id), s ? str(s->who) : ""});
  }
  write_list(c, "projects.html", "Projects", "project", std::move(rows),
             "Steward");
  if (c.people()) {
    rows.clear();
    rows.reserve(c.reg.people().size());
    for (const auto& p : c.reg.people())
      rows.push_back({p.name, p.id.str(), page_of(p.id), ""});
    write_list(c, "people.html", "People", "person", std::move(rows), "");
  }
}

void write_search_index(context& c) {
  // [folder, id, name, aliases...]: a page is folder/id.html.
  json::array entries;
  for (const auto& f : c.reg.foundations())
    entries.push_back(json::array{"foundation", f.id.str(), f.name});
  for (const auto& o : c.reg.organizations()) {
    json::array e{"organization", o.id.str(), o.name};
    for (const auto& a : o.aliases) e.push_back(json::value(a));
    entries.push_back(std::move(e));
  }
  for (const auto& b : c.reg.bodies())
    entries.push_back(json::array{"body", b.id.str(), b.name});
  for (const auto& p : c.reg.projects())
    entries.push_back(json::array{"project", p.id.str(), p.name});
  if (c.people())
    for (const auto& p : c.reg.people())
      entries.push_back(json::array{"person", p.id.str(), p.name});
  c.write("assets/search-index.js",
          "window.charterSearchIndex = " + json::serialize(entries) + ";\n");
}

void write_index(context& c) {
  const std::string path = "index.html";
  std::map<std::string, std::vector<const foundation*>> children;
  std::vector<const foundation*> roots;
  for (const auto& f : c.reg.foundations()) {
    if (f.parent)
      children[f.parent->str()].push_back(&f);
    else
      roots.push_back(&f);
  }
  auto by_id = [](const foundation* a, const foundation* b) {
    return a->id < b->id;
  };
  std::sort(roots.begin(), roots.end(), by_id);
  for (auto& [id, list] : children) std::sort(list.begin(), list.end(), by_id);

  json::array foundations_json;
  std::vector<tier_members> groups;
  std::string tree;
  auto walk = [&](auto& self, const foundation* f) -> void {
    c.reg.members(f->id, c.at(), groups);
    std::size_t members = 0;
    for (const auto& g : groups) members += g.members.size();
    tree += "<li>" + anchor(path, page_of(f->id), f->name) +
            " <span class=\"meta\">" +
            escape_html(fmt::format(
                "{} · {}", f->id.str(),
                detail::report_plural(members, "member", "members"))) +
            " · " + anchor(path, history_of(f->id), "history") + "</span>";
    foundations_json.push_back(json::object{
        {"id", f->id.str()},
        {"name", f->name},
        {"parent", f->parent ? json::value(f->parent->str()) : nullptr},
        {"members", members}});
    if (auto it = children.find(f->id.str()); it != children.end()) {
      tree += "\n<ul>\n";
      for (const foundation* child : it->second) self(self, child);
      tree += "</ul>\n";
    }
    tree += "</li>\n";
  };
  for (const foundation* f : roots) walk(walk, f);

  std::string body =
      "<article class=\"site-page\">\n<h1>The registry on " +
      to_string(c.at()) + "</h1>\n<p class=\"intro\">" +
      escape_html(fmt::format(
          "{}, {}, {}, {}{}.",
          detail::report_plural(c.reg.foundations().size(), "foundation",
                                "foundations"),
          detail::report_plural(c.reg.organizations().size(), "organization",
                                "organizations"),
          detail::report_plural(c.reg.bodies().size(), "body", "bodies"),
          detail::report_plural(c.reg.projects().size(), "project", "projects"),
          c.people() ? ", " + detail::report_plural(c.reg.people().size(),
                                                    "person", "people")
                     : std::string{})) +
      "</p>\n<section id=\"foundations\">\n<h2>Foundations</h2>\n";
  body += tree.empty() ? "<p class=\"empty\">No foundations.</p>\n"
                       : "<ul class=\"tree\">\n" + tree + "</ul>\n";
  body += "</section>\n<section id=\"browse\">\n<h2>Browse</h2>\n<ul>\n<li>" +
          anchor(path, "organizations.html", "Organizations") + "</li>\n<li>" +
          anchor(path, "bodies.html", "Bodies") + "</li>\n<li>" +
          anchor(path, "projects.html", "Projects") + "</li>\n";
  if (c.people())
    body += "<li>" + anchor(path, "people.html", "People") + "</li>\n";
  body += "</ul>\n</section>\n<section id=\"downloads\">\n<h2>Downloads</h2>\n";
  json::array downloads{"index.json"};
  if (c.people()) {
    body += "<ul>\n<li>" +
            anchor(path, "registry.json",
                   "The whole registry (charter's interchange format)") +
            "</li>\n<li>" +
            anchor(path, "popolo.json", "The whole registry as Popolo JSON") +
            "</li>\n<li>" +
            anchor(path, "index.json", "This page's data as JSON") +
            "</li>\n</ul>\n";
    c.write("registry.json", to_json(c.reg));
    c.write("popolo.json", to_popolo(c.reg));
    downloads.push_back("registry.json");
    downloads.push_back("popolo.json");
  } else {
    body +=
        "<p>This site leaves people out, and so does it leave out the "
        "registry's documents, which hold everyone.</p>\n<ul>\n<li>" +
        anchor(path, "index.json", "This page's data as JSON") +
        "</li>\n</ul>\n";
  }
  body += "</section>\n</article>\n";
  c.write(path, render_page({path,
                             "The registry on " + to_string(c.at()),
                             {{"Registry", path}},
                             std::move(body),
                             "index.json"},
                            c));
  c.write_json(
      "index.json",
      json::object{
          {"date", to_string(c.at())},
          {"people", c.people()},
          {"counts",
           json::object{
               {"foundations", c.reg.foundations().size()},
               {"organizations", c.reg.organizations().size()},
               {"bodies", c.reg.bodies().size()},
               {"projects", c.reg.projects().size()},
               {"people",
                c.people() ? json::value(c.reg.people().size()) : nullptr}}},
          {"foundations", std::move(foundations_json)},
          {"downloads", std::move(downloads)}});
}

}  // namespace charter::website
