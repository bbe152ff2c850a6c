// Searching a registry for text (`find`) and naming one record by what was
// typed for it (`resolve`), both on folded text (fold.cpp).
#include <charter/find.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace charter {

namespace {

constexpr std::array<std::string_view, 7> kind_names{
    "organization", "person", "foundation", "project",
    "body",         "tier",   "seat-class"};

// How `value` (folded) holds `q` (folded, not empty), or nothing.
std::optional<find_match> match_of(std::string_view value, std::string_view q) {
  if (value == q) return find_match::exact;
  auto at = value.find(q);
  if (at == std::string_view::npos) return std::nullopt;
  if (at == 0) return find_match::prefix;
  // A word starts after any ASCII byte that is neither a letter nor a
  // digit; the bytes of other letters (UTF-8 lead and continuation bytes)
  // are inside words.
  auto starts_word = [&](std::size_t p) {
    const auto c = static_cast<unsigned char>(value[p - 1]);
    return c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
  };
  for (; at != std::string_view::npos; at = value.find(q, at + 1))
    if (starts_word(at)) return find_match::word;
  return find_match::substring;
}

// Looks at the fields of one record and keeps its best match.
class candidate {
 public:
  candidate(std::string_view q, find_kind kind, std::string id,
            std::string owner, std::string name)
      : q_(q) {
    hit_.kind = kind;
    hit_.id = std::move(id);
    hit_.owner = std::move(owner);
    hit_.name = std::move(name);
  }

  void field(find_field f, std::string_view value, std::string_view site = {}) {
    if (value.empty()) return;
    auto m = match_of(fold(value), q_);
    if (!m) return;
    if (found_ && std::tie(*m, f) >= std::tie(hit_.match, hit_.field)) return;
    found_ = true;
    hit_.match = *m;
    hit_.field = f;
    hit_.text = std::string(value);
    hit_.site = std::string(site);
  }

  void keep_in(std::vector<find_hit>& hits) {
    if (found_) hits.push_back(std::move(hit_));
  }

 private:
  std::string_view q_;
  find_hit hit_;
  bool found_ = false;
};

}  // namespace

std::string_view to_string(find_kind k) noexcept {
  return kind_names[static_cast<std::size_t>(k)];
}

std::optional<find_kind> parse_find_kind(std::string_view s) noexcept {
  for (std::size_t i = 0; i < kind_names.size(); ++i)
    if (kind_names[i] == s) return static_cast<find_kind>(i);
  return std::nullopt;
}

std::string_view to_string(find_field f) noexcept {
  switch (f) {
    case find_field::id:
      return "id";
    case find_field::alias:
      return "alias";
    case find_field::email:
      return "email";
    case find_field::handle:
      return "handle";
    case find_field::domain:
      return "domain";
    case find_field::name:
      return "name";
  }
  return "?";
}

std::string_view to_string(find_match m) noexcept {
  switch (m) {
    case find_match::exact:
      return "exact";
    case find_match::prefix:
      return "prefix";
    case find_match::word:
      return "word";
    case find_match::substring:
      return "substring";
  }
  return "?";
}

std::string_view to_string(resolved_by b) noexcept {
  switch (b) {
    case resolved_by::id:
      return "id";
    case resolved_by::alias:
      return "alias";
    case resolved_by::email:
      return "email";
    case resolved_by::handle:
      return "handle";
  }
  return "?";
}

std::vector<find_hit> find(const registry& reg, std::string_view text,
                           std::optional<find_kind> kind) {
  std::vector<find_hit> hits;
  const std::string q = fold(text);
  if (q.empty()) return hits;
  auto wanted = [&](find_kind k) { return !kind || *kind == k; };

  if (wanted(find_kind::organization))
    for (const auto& o : reg.organizations()) {
      candidate c(q, find_kind::organization, o.id.str(), {}, o.name);
      c.field(find_field::id, o.id.str());
      for (const auto& a : o.aliases) c.field(find_field::alias, a);
      for (const auto& d : o.domains) c.field(find_field::domain, d);
      c.field(find_field::name, o.name);
      c.keep_in(hits);
    }
  if (wanted(find_kind::person))
    for (const auto& p : reg.people()) {
      candidate c(q, find_kind::person, p.id.str(), {}, p.name);
      c.field(find_field::id, p.id.str());
      for (const auto& e : p.emails) c.field(find_field::email, e);
      for (const auto& [site, handle] : p.handles)
        c.field(find_field::handle, handle, site);
      c.field(find_field::name, p.name);
      c.keep_in(hits);
    }
  auto plain = [&](find_kind k, const auto& records) {
    if (!wanted(k)) return;
    for (const auto& r : records) {
      candidate c(q, k, r.id.str(), {}, r.name);
      c.field(find_field::id, r.id.str());
      c.field(find_field::name, r.name);
      c.keep_in(hits);
    }
  };
  plain(find_kind::foundation, reg.foundations());
  plain(find_kind::project, reg.projects());
  plain(find_kind::body, reg.bodies());
  if (wanted(find_kind::tier))
    for (const auto& f : reg.foundations())
      for (const auto& t : f.tiers) {
        candidate c(q, find_kind::tier, t.id.str(), f.id.str(), t.name);
        c.field(find_field::id, t.id.str());
        c.field(find_field::name, t.name);
        c.keep_in(hits);
      }
  if (wanted(find_kind::seat_class))
    for (const auto& b : reg.bodies())
      for (const auto& sc : b.seat_classes) {
        candidate c(q, find_kind::seat_class, sc.id.str(), b.id.str(), {});
        c.field(find_field::id, sc.id.str());
        c.keep_in(hits);
      }

  std::sort(hits.begin(), hits.end(), [](const find_hit& a, const find_hit& b) {
    return std::tie(a.match, a.field, a.kind, a.owner, a.id) <
           std::tie(b.match, b.field, b.kind, b.owner, b.id);
  });
  return hits;
}

std::vector<resolved> resolve(const registry& reg, find_kind kind,
                              std::string_view text) {
  std::vector<resolved> out;
  if (text.empty()) return out;
  auto by_id = [&](const auto* record) {
    if (record)
      out.push_back(
          {kind, record->id.str(), resolved_by::id, record->id.str()});
    return record != nullptr;
  };
  switch (kind) {
    case find_kind::foundation:
      by_id(reg.find(foundation_id{text}));
      return out;
    case find_kind::project:
      by_id(reg.find(project_id{text}));
      return out;
    case find_kind::body:
      by_id(reg.find(body_id{text}));
      return out;
    case find_kind::tier:
    case find_kind::seat_class:
      return out;
    case find_kind::organization:
      if (by_id(reg.find(org_id{text}))) return out;
      break;
    case find_kind::person:
      if (by_id(reg.find(person_id{text}))) return out;
      break;
  }

  const std::string q = fold(text);
  if (kind == find_kind::organization) {
    for (const auto& o : reg.organizations())
      for (const auto& a : o.aliases)
        if (fold(a) == q) {
          out.push_back({kind, o.id.str(), resolved_by::alias, a});
          break;
        }
  } else {
    auto without_at = [](std::string_view s) {
      return !s.empty() && s.front() == '@' ? s.substr(1) : s;
    };
    const std::string_view handle_q = without_at(q);
    for (const auto& p : reg.people()) {
      const auto email =
          std::find_if(p.emails.begin(), p.emails.end(),
                       [&](const std::string& e) { return fold(e) == q; });
      if (email != p.emails.end()) {
        out.push_back({kind, p.id.str(), resolved_by::email, *email});
        continue;
      }
      for (const auto& [site, handle] : p.handles)
        if (!handle_q.empty() && without_at(fold(handle)) == handle_q) {
          out.push_back(
              {kind, p.id.str(), resolved_by::handle, site + "=" + handle});
          break;
        }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const resolved& a, const resolved& b) { return a.id < b.id; });
  return out;
}

}  // namespace charter
