// The site's stylesheet (the reports' page style, and what only the site
// has: the header, the search box, member cards, the foundations' tree)
// and its one script, the search box.
#include <string>
#include <string_view>

#include "report/document.hpp"
#include "site/site.hpp"

namespace charter::website {

namespace {

constexpr std::string_view site_style = R"css(
header.site { max-width: 1100px; margin: 0 auto; padding: 16px 32px 0; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: baseline; justify-content: space-between; }
nav.crumbs { color: var(--muted); }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--band); padding: 1px 4px; border-radius: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
nav.toc { margin: 12px 0 0; padding: 8px 12px; background: var(--band); border-radius: 6px; }
form#search { position: relative; }
form#search label { color: var(--muted); margin-right: 6px; }
form#search input { font: inherit; padding: 4px 8px; width: 18em; border: 1px solid var(--line); border-radius: 6px; }
#search-results { position: absolute; right: 0; z-index: 2; list-style: none; margin: 4px 0 0; padding: 0; min-width: 24em; max-height: 60vh; overflow-y: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; box-shadow: 0 6px 18px rgba(0, 0, 0, 0.12); }
#search-results:empty { display: none; }
#search-results li { padding: 6px 10px; border-bottom: 1px solid var(--line); }
#search-results li:last-child { border-bottom: 0; }
.meta { color: var(--muted); font-size: 13px; margin-left: 6px; }
ul.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 10px; }
ul.cards li { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
ul.cards li .meta { display: block; margin: 2px 0 0; }
ul.cards img, h1 img.logo { float: right; width: 48px; height: 48px; object-fit: contain; margin-left: 8px; }
ul.tree, ul.tree ul { list-style: none; padding-left: 18px; }
ul.tree { padding-left: 0; }
ul.tree li { margin: 4px 0; }
ul.buckets { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 14px; }
tr.current td { background: #ddf4ff; }
)css";

// The search box: hidden until this script shows it, so that the pages
// work without JavaScript. The index is loaded when the box is first used.
constexpr std::string_view search_script = R"js("use strict";
(function () {
  var form = document.getElementById("search");
  if (!form) return;
  var box = document.getElementById("search-box");
  var results = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "";
  var entries = null;
  form.hidden = false;
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function load(then) {
    if (entries) return then();
    var script = document.createElement("script");
    script.src = root + "assets/search-index.js";
    script.onload = function () {
      entries = (window.charterSearchIndex || []).map(function (e) {
        return { folder: e[0], id: e[1], name: e[2], words: e.slice(1).map(fold) };
      });
      then();
    };
    document.head.appendChild(script);
  }
  function show() {
    var query = fold(box.value.trim());
    results.textContent = "";
    if (!query) return;
    var exact = [], starts = [], within = [];
    entries.forEach(function (e) {
      if (e.words.indexOf(query) >= 0) exact.push(e);
      else if (e.words.some(function (w) { return w.startsWith(query); })) starts.push(e);
      else if (e.words.some(function (w) { return w.indexOf(query) >= 0; })) within.push(e);
    });
    var found = exact.concat(starts, within).slice(0, 30);
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = "No match.";
      results.appendChild(none);
    }
    found.forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + e.folder + "/" + e.id + ".html";
      link.textContent = e.name;
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = e.folder + " " + e.id;
      item.appendChild(link);
      item.appendChild(meta);
      results.appendChild(item);
    });
  }
  box.addEventListener("input", function () { load(show); });
  // A search can be linked to: page.html?q=words.
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    box.value = asked;
    load(show);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(show);
  });
})();
)js";

}  // namespace

void write_assets(context& c) {
  c.write("assets/site.css",
          std::string{detail::html_style()} + std::string{site_style});
  c.write("assets/search.js", search_script);
}

}  // namespace charter::website
