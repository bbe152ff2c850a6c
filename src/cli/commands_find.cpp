// `charter find`: the records whose ids, names, aliases, domains, emails or
// handles hold some text (charter::find), best match first.

#include <charter/find.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "cli/commands.hpp"
#include "cli/output.hpp"

namespace charter::cli {
namespace {

namespace json = boost::json;

json::value or_null(const std::string& s) {
  if (s.empty()) return nullptr;
  return json::string(s);
}

// `pytorch-foundation/premier` for a tier or seat class, else the id.
std::string full_id(const find_hit& h) {
  return h.owner.empty() ? h.id : h.owner + "/" + h.id;
}

}  // namespace

int run_find(session& s, const find_args& a) {
  if (fold(a.text).empty())
    throw usage_error("nothing to find: the text is empty");
  const auto& reg = s.open(false).registry();
  std::optional<find_kind> kind;
  if (!a.kind.empty()) kind = parse_find_kind(a.kind);  // the parser checked it
  const auto hits = find(reg, a.text, kind);
  const std::size_t shown =
      a.limit == 0 ? hits.size() : std::min(a.limit, hits.size());

  if (a.format == "json") {
    json::array list;
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& h = hits[i];
      list.emplace_back(json::object{{"kind", to_string(h.kind)},
                                     {"id", h.id},
                                     {"owner", or_null(h.owner)},
                                     {"name", h.name},
                                     {"field", to_string(h.field)},
                                     {"text", h.text},
                                     {"site", or_null(h.site)},
                                     {"match", to_string(h.match)}});
    }
    write_output(json_line(json::object{
                     {"text", a.text},
                     {"kind", kind ? json::value(to_string(*kind)) : nullptr},
                     {"total", hits.size()},
                     {"hits", std::move(list)}}),
                 "-");
    return exit_ok;
  }

  if (hits.empty()) {
    write_output(visible(fmt::format("Nothing matches '{}'.", a.text)) + "\n",
                 "-");
    return exit_ok;
  }
  table t({"KIND", "ID", "NAME", "FIELD", "MATCH", "TEXT"});
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& h = hits[i];
    t.row({std::string(to_string(h.kind)), full_id(h), h.name,
           std::string(to_string(h.field)), std::string(to_string(h.match)),
           h.site.empty() ? h.text : h.site + "=" + h.text});
  }
  std::string text = t.str();
  if (shown < hits.size())
    text += fmt::format("... and {} more (--limit 0 shows all)\n",
                        hits.size() - shown);
  write_output(text, "-");
  return exit_ok;
}

}  // namespace charter::cli
