#include "generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace charter::bench {

namespace {

// ---- randomness: our own, so that a seed gives the same document with any
// standard library (std::uniform_int_distribution is implementation-defined).

constexpr std::uint64_t mix(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

class rng {
 public:
  explicit rng(std::uint64_t seed) : state_(mix(seed)) {}
  rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t index)
      : state_(mix(mix(mix(seed) ^ stream) ^ index)) {}

  std::uint64_t next() noexcept { return mix(state_++); }
  // GCC's 128-bit integer: __extension__ says it is meant (-Wpedantic).
  __extension__ using wide = unsigned __int128;

  /// Uniform in [0, n).
  std::int64_t below(std::int64_t n) noexcept {
    if (n <= 1) return 0;
    return static_cast<std::int64_t>(
        (static_cast<wide>(next()) * static_cast<std::uint64_t>(n)) >> 64);
  }
  /// Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept {
    return lo + below(hi - lo + 1);
  }
  /// Uniform in [0, 1).
  double unit() noexcept {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
  }
  bool chance(double p) noexcept { return unit() < p; }

 private:
  std::uint64_t state_;
};

// Streams: each kind of record draws from its own, so that changing one
// kind's shape does not reshuffle the others.
enum stream : std::uint64_t {
  s_org = 1,
  s_person,
  s_foundation,
  s_project,
  s_membership,
  s_body,
  s_seat,
  s_role,
  s_special,
  s_layout
};

// ---- dates: days since 1970-01-01

using day = std::int32_t;
constexpr day no_day = -1;  // open-ended

constexpr day days_from_civil(int y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct civil {
  int y;
  unsigned m, d;
};

constexpr civil civil_from_days(day z) noexcept {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

constexpr day d2000 = days_from_civil(2000, 1, 1);
constexpr day d2008 = days_from_civil(2008, 1, 1);
constexpr day d2010 = days_from_civil(2010, 1, 1);
constexpr day d2015 = days_from_civil(2015, 1, 1);
constexpr day d2016 = days_from_civil(2016, 1, 1);
constexpr day d2022 = days_from_civil(2022, 1, 1);
constexpr day d_last_start = days_from_civil(2025, 7, 1);
// The end of the 15-year window: later periods are written open-ended.
constexpr day d_end = days_from_civil(2026, 1, 1);
constexpr day year = 365;

// ---- output

class writer {
 public:
  explicit writer(std::FILE* out) : out_(out) { buf_.reserve(capacity + 4096); }

  void raw(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= capacity) flush();
  }
  void ch(char c) { buf_ += c; }

  // Every generated string is printable ASCII without quotes or
  // backslashes, so it needs no escaping; checked rather than assumed.
  void str(std::string_view s) {
    for (char c : s)
      if (static_cast<unsigned char>(c) < 0x20 ||
          static_cast<unsigned char>(c) > 0x7E || c == '"' || c == '\\')
        throw std::logic_error(
            fmt::format("generator: string needs escaping: {}", s));
    buf_ += '"';
    buf_.append(s);
    buf_ += '"';
  }

  // Members of an object: `{"a": 1, "b": 2}`.
  void open() {
    buf_ += '{';
    first_ = true;
  }
  void close() {
    buf_ += '}';
    first_ = false;
  }
  void key(std::string_view k) {
    if (!first_) buf_.append(", ");
    first_ = false;
    str(k);
    buf_.append(": ");
  }
  void field(std::string_view k, std::string_view v) {
    key(k);
    str(v);
  }
  void field(std::string_view k, std::int64_t v) {
    key(k);
    fmt::format_to(std::back_inserter(buf_), "{}", v);
  }
  void field_bool(std::string_view k, bool v) {
    key(k);
    buf_.append(v ? "true" : "false");
  }
  void field_double(std::string_view k, double v) {
    key(k);
    fmt::format_to(std::back_inserter(buf_), "{}", v);
  }
  void date(std::string_view k, day d) {
    key(k);
    const civil c = civil_from_days(d);
    char text[13];
    text[0] = '"';
    text[1] = static_cast<char>('0' + c.y / 1000);
    text[2] = static_cast<char>('0' + c.y / 100 % 10);
    text[3] = static_cast<char>('0' + c.y / 10 % 10);
    text[4] = static_cast<char>('0' + c.y % 10);
    text[5] = '-';
    text[6] = static_cast<char>('0' + c.m / 10);
    text[7] = static_cast<char>('0' + c.m % 10);
    text[8] = '-';
    text[9] = static_cast<char>('0' + c.d / 10);
    text[10] = static_cast<char>('0' + c.d % 10);
    text[11] = '"';
    buf_.append(text, 12);
  }
  void when(day from, day to) {
    date("from", from);
    if (to != no_day) date("to", to);
  }
  // Nested arrays of objects reset `first_` as they go; callers that write
  // members after one call `next_member()`.
  void next_member() { first_ = false; }

  // Collections: one record per line.
  void begin_collection(std::string_view name) {
    raw(",\n  ");
    str(name);
    raw(": [");
    count_ = 0;
  }
  void begin_record() { raw(count_++ == 0 ? "\n    " : ",\n    "); }
  void end_collection() { raw(count_ == 0 ? "]" : "\n  ]"); }

  void flush() {
    if (buf_.empty()) return;
    if (std::fwrite(buf_.data(), 1, buf_.size(), out_) != buf_.size())
      throw std::runtime_error(
          fmt::format("generator: write failed: {}", std::strerror(errno)));
    bytes_ += static_cast<std::int64_t>(buf_.size());
    buf_.clear();
  }
  std::int64_t bytes() const noexcept {
    return bytes_ + static_cast<std::int64_t>(buf_.size());
  }

 private:
  static constexpr std::size_t capacity = 1 << 20;
  std::FILE* out_;
  std::string buf_;
  bool first_ = true;
  std::size_t count_ = 0;
  std::int64_t bytes_ = 0;
};

// ---- ids: fixed-width numbers, so that sorting by id is sorting by index

int digits(std::int64_t n) {
  int d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

struct id_format {
  std::string prefix;
  int width;
  std::string operator()(std::int64_t i) const {
    return fmt::format("{}{:0{}}", prefix, i, width);
  }
};

constexpr std::array<std::string_view, 5> tier_ids{"platinum", "gold", "silver",
                                                   "bronze", "associate"};
constexpr std::array<std::string_view, 5> tier_names{
    "Platinum", "Gold", "Silver", "Bronze", "Associate"};
constexpr std::array<std::int64_t, 5> tier_fees{500000, 250000, 100000, 25000,
                                                0};
// Relative frequency of a run starting in each tier: the top tiers are rare.
constexpr std::array<int, 5> tier_weights{1, 3, 6, 10, 15};

constexpr std::array<std::string_view, 8> titles{
    "Engineer",        "Senior Engineer",    "Director", "VP Engineering",
    "Program Manager", "Developer Advocate", "CTO",      "Architect"};

constexpr std::array<std::string_view, 6> org_kinds{
    "company", "nonprofit", "academic", "government", "foundation", "other"};

// ---- the plan: everything but organizations and people is small enough to
// build in memory first (and must be, to be written sorted).

struct segment {  // one membership row
  std::uint32_t org;
  std::uint16_t foundation;
  std::uint8_t tier;
  bool founding;
  day from;
  day to;
};

struct requirement {  // an affiliation a seat holder must have
  std::uint32_t org;
  day from;
  day to;
};

struct seat_class_plan {
  std::string id;
  std::string mode;  // per-member, elected, fixed, ex-officio
  int tier = -1;
  int per = 1, min = -1, max = -1;
  bool round_down = false;
  int count = 0;
  std::string role;
  std::optional<bool> voting;
};

struct body_plan {
  std::string id;
  std::string name;
  std::string kind;
  int foundation = -1;  // the owner when project < 0
  int project = -1;
  int home = 0;   // the foundation whose members fill tier classes
  day start = 0;  // when its seats start being filled
  std::vector<seat_class_plan> classes;
  // rules
  std::optional<int> max_per_family, term_years, max_consecutive_terms,
      min_size, max_size;
  std::optional<double> max_fraction_per_family, quorum;
  std::vector<std::string> exclusive_with;
};

struct seat_plan {
  std::uint32_t body;  // index into the sorted bodies
  std::uint8_t cls;
  std::int8_t office;  // -1: none; else index into offices
  std::int8_t voting;  // -1: absent
  std::uint32_t person;
  std::int64_t represents;  // -1: none
  day from;
  day to;
};

constexpr std::array<std::string_view, 4> offices{"chair", "vice-chair",
                                                  "treasurer", "secretary"};

struct role_plan {
  std::uint32_t person;
  std::uint8_t title;  // index into role_titles
  std::uint8_t scope;  // 0 foundation, 1 project, 2 body
  std::uint32_t scope_index;
  day from;
  day to;
};

constexpr std::array<std::string_view, 9> role_titles{
    "Executive Director", "CTO",           "Project Lead",      "Secretary",
    "Program Manager",    "Legal Counsel", "Community Manager", "Treasurer",
    "Release Manager"};
enum role_title : std::uint8_t {
  t_executive_director,
  t_cto,
  t_project_lead,
  t_secretary,
  t_program_manager,
  t_legal_counsel,
  t_community_manager,
  t_treasurer,
  t_release_manager
};

struct foundation_plan {
  std::string id;
  int parent = -1;
  day founded = 0;
  int tiers = 3;
};

struct project_plan {
  std::string id;
  int foundation = 0;
  day founded = 0;
  std::int64_t org_steward = -1;  // the organization that hosted it first
  day transfer = 0;               // when the foundation took it
  day graduated = no_day;
};

class planner {
 public:
  planner(const generator_options& o, const generator_sizes& n)
      : opt_(o),
        n_(n),
        org_id_{"org-", std::max(6, digits(n.organizations - 1))},
        person_id_{"person-", std::max(7, digits(n.people - 1))},
        foundation_id_{"fdn-", std::max(3, digits(n.foundations - 1))},
        project_id_{"proj-", std::max(4, digits(n.projects - 1))} {
    // A stride coprime with the number of people spreads the people who
    // hold seats and roles over the whole collection.
    std::int64_t stride = 7919 * 13 + 1;
    while (std::gcd(stride, n_.people) != 1) ++stride;
    special_stride_ = stride;
    special_offset_ = rng(opt_.seed, s_special, 0).below(n_.people);
  }

  generator_counts run(std::FILE* out) {
    plan_foundations();
    plan_projects();
    plan_memberships();
    plan_bodies();
    plan_seats_and_roles();
    write(out);
    return counts_;
  }

 private:
  const generator_options& opt_;
  const generator_sizes& n_;
  id_format org_id_, person_id_, foundation_id_, project_id_;
  std::int64_t special_stride_ = 1, special_offset_ = 0, specials_ = 0;

  std::vector<foundation_plan> foundations_;
  std::vector<project_plan> projects_;
  std::vector<segment> segments_;
  // Per foundation and tier: the segments, for picking members to seat.
  std::vector<std::array<std::vector<std::uint32_t>, 5>> by_tier_;
  std::vector<body_plan> bodies_;
  std::vector<seat_plan> seats_;
  std::vector<role_plan> roles_;
  std::unordered_map<std::uint32_t, requirement> required_;
  generator_counts counts_;

  // A person no other seat or role line uses (until they run out).
  std::uint32_t special_person() {
    const auto k = specials_++;
    return static_cast<std::uint32_t>(
        (special_offset_ + (k % n_.people) * special_stride_) % n_.people);
  }

  // ---- organizations: a pure function of the index, written as streamed

  std::int64_t org_parent(std::int64_t i) const {
    if (i == 0) return -1;
    rng r(opt_.seed, s_org, static_cast<std::uint64_t>(i));
    if (!r.chance(0.10)) return -1;
    return r.below(i);  // an earlier one: no loops
  }

  // Skewed toward the first organizations: big companies employ many.
  std::int64_t random_org(rng& r) const {
    const double u = r.unit();
    return std::min<std::int64_t>(
        n_.organizations - 1,
        static_cast<std::int64_t>(u * u *
                                  static_cast<double>(n_.organizations)));
  }

  void plan_foundations() {
    rng r(opt_.seed, s_foundation, 0);
    foundations_.resize(static_cast<std::size_t>(n_.foundations));
    for (std::int64_t f = 0; f < n_.foundations; ++f) {
      auto& p = foundations_[static_cast<std::size_t>(f)];
      p.id = foundation_id_(f);
      // About one in ten is a root; the others nest under an earlier one.
      p.parent = f % 10 == 0 ? -1 : static_cast<int>(r.below(f));
      p.founded =
          static_cast<day>(r.between(d2008, days_from_civil(2014, 12, 31)));
      p.tiers = static_cast<int>(r.between(3, 5));
    }
  }

  void plan_projects() {
    rng r(opt_.seed, s_project, 0);
    projects_.resize(static_cast<std::size_t>(n_.projects));
    for (std::int64_t i = 0; i < n_.projects; ++i) {
      auto& p = projects_[static_cast<std::size_t>(i)];
      p.id = project_id_(i);
      p.foundation = static_cast<int>(i % n_.foundations);
      const auto& f = foundations_[static_cast<std::size_t>(p.foundation)];
      p.founded = static_cast<day>(r.between(f.founded, d2022));
      if (r.chance(0.3)) {
        p.org_steward = random_org(r);
        p.transfer = static_cast<day>(p.founded + r.between(200, 1000));
      } else {
        p.transfer = p.founded;
      }
      if (r.chance(0.5)) {
        const day g =
            static_cast<day>(p.transfer + r.between(2 * year, 5 * year));
        if (g < d_end) p.graduated = g;
      }
    }
  }

  void plan_memberships() {
    // Foundation sizes follow a power law (the largest about four times the
    // mean), in a shuffled order.
    const auto nf = static_cast<std::size_t>(n_.foundations);
    rng r(opt_.seed, s_membership, 0);
    std::vector<std::size_t> rank(nf);
    std::iota(rank.begin(), rank.end(), 0);
    for (std::size_t i = nf; i > 1; --i)
      std::swap(rank[i - 1], rank[static_cast<std::size_t>(
                                 r.below(static_cast<std::int64_t>(i)))]);
    std::vector<double> weight(nf);
    double total = 0;
    for (std::size_t f = 0; f < nf; ++f)
      total += weight[f] = std::pow(static_cast<double>(rank[f]) + 5.0, -0.45);
    // A run of memberships has about 1.67 rows (tier changes; runs are cut
    // at the end of the window).
    const double pairs = static_cast<double>(n_.memberships) / 1.67;
    by_tier_.resize(nf);
    segments_.reserve(static_cast<std::size_t>(n_.memberships * 11 / 10));
    for (std::size_t f = 0; f < nf; ++f) {
      const auto& fp = foundations_[f];
      const auto members = std::min<std::int64_t>(
          n_.organizations, std::llround(pairs * weight[f] / total));
      // Distinct organizations: a stride coprime with their number.
      std::int64_t stride = 104729 + static_cast<std::int64_t>(f) * 2;
      while (std::gcd(stride, n_.organizations) != 1) ++stride;
      const auto offset = r.below(n_.organizations);
      int weights = 0;
      for (int t = 0; t < fp.tiers; ++t)
        weights += tier_weights[static_cast<std::size_t>(t)];
      for (std::int64_t k = 0; k < members; ++k) {
        const auto org = static_cast<std::uint32_t>((offset + k * stride) %
                                                    n_.organizations);
        const bool founding = r.chance(0.02);
        day from = founding ? fp.founded
                            : static_cast<day>(r.between(
                                  std::max(fp.founded, d2010), d_last_start));
        int w = static_cast<int>(r.below(weights));
        int t = 0;
        while (w >= tier_weights[static_cast<std::size_t>(t)])
          w -= tier_weights[static_cast<std::size_t>(t++)];
        const int rows = 1 + r.chance(0.5) + r.chance(0.25) + r.chance(0.125);
        for (int s = 0; s < rows && from < d_end; ++s) {
          day to = static_cast<day>(from + r.between(year, 5 * year));
          const bool last = s == rows - 1;
          if (last && (to >= d_end || r.chance(0.6))) to = no_day;
          segments_.push_back({org, static_cast<std::uint16_t>(f),
                               static_cast<std::uint8_t>(t), founding && s == 0,
                               from, to});
          if (to == no_day) break;
          from = to;
          // A tier change: one step, up more often than down.
          if (t == 0)
            ++t;
          else if (t == fp.tiers - 1)
            --t;
          else
            t += r.chance(0.6) ? -1 : 1;
        }
      }
    }
    // Canonical order: by organization, foundation, start.
    std::sort(segments_.begin(), segments_.end(),
              [](const segment& a, const segment& b) {
                return std::tie(a.org, a.foundation, a.from) <
                       std::tie(b.org, b.foundation, b.from);
              });
    for (std::size_t i = 0; i < segments_.size(); ++i)
      by_tier_[segments_[i].foundation][segments_[i].tier].push_back(
          static_cast<std::uint32_t>(i));
  }

  void plan_bodies() {
    const auto tier = [&](int f, int t) {
      return std::string(tier_ids[static_cast<std::size_t>(
          std::min(t, foundations_[static_cast<std::size_t>(f)].tiers - 1))]);
    };
    for (int f = 0; f < static_cast<int>(foundations_.size()); ++f) {
      const auto& fp = foundations_[static_cast<std::size_t>(f)];
      const std::string& fid = fp.id;
      const std::string fname = fmt::format("Foundation {}", f);
      auto add = [&](std::string suffix, std::string name,
                     std::string kind) -> body_plan& {
        body_plan& b = bodies_.emplace_back();
        b.id = fid + "-" + suffix;
        b.name = fname + " " + name;
        b.kind = std::move(kind);
        b.foundation = f;
        b.home = f;
        b.start = fp.founded;
        return b;
      };
      {
        auto& b = add("board", "Governing Board", "board");
        b.classes.push_back(
            {.id = tier(f, 0), .mode = "per-member", .tier = 0});
        b.classes.push_back({.id = tier(f, 1),
                             .mode = "elected",
                             .tier = 1,
                             .per = 10,
                             .min = 0,
                             .max = 3});
        b.classes.push_back({.id = "at-large", .mode = "fixed", .count = 2});
        b.classes.push_back(
            {.id = "executive-director",
             .mode = "ex-officio",
             .role = std::string(role_titles[t_executive_director]),
             .voting = false});
        b.max_per_family = 1;
        b.term_years = 2;
        b.max_consecutive_terms = 3;
        b.min_size = 3;
        b.max_size = 25;
        b.quorum = 0.5;
        b.exclusive_with = {fid + "-audit"};
      }
      {
        auto& b = add("audit", "Audit Committee", "committee");
        b.classes.push_back({.id = "members", .mode = "fixed", .count = 3});
        b.term_years = 2;
        b.max_consecutive_terms = 4;
        b.min_size = 3;
        b.exclusive_with = {fid + "-board"};
      }
      {
        auto& b = add("finance", "Finance Committee", "committee");
        b.classes.push_back({.id = "members", .mode = "fixed", .count = 3});
        b.classes.push_back({.id = tier(f, 1),
                             .mode = "elected",
                             .tier = 1,
                             .per = 25,
                             .max = 2});
        b.quorum = 0.5;
      }
      {
        auto& b = add("marketing", "Marketing Committee", "committee");
        b.classes.push_back({.id = tier(f, 2),
                             .mode = "elected",
                             .tier = 2,
                             .per = 20,
                             .min = 1,
                             .max = 2});
        b.classes.push_back(
            {.id = "staff", .mode = "fixed", .count = 1, .voting = false});
        b.max_fraction_per_family = 0.34;
      }
      {
        auto& b = add("outreach", "Outreach Committee", "committee");
        b.classes.push_back({.id = "members", .mode = "fixed", .count = 4});
      }
      {
        auto& b = add("security", "Security Committee", "committee");
        b.classes.push_back({.id = "members", .mode = "fixed", .count = 3});
        b.term_years = 2;
        b.max_consecutive_terms = 2;
      }
      {
        auto& b = add("tac", "Technical Advisory Council", "council");
        b.classes.push_back({.id = "members", .mode = "fixed", .count = 4});
        b.classes.push_back({.id = "cto",
                             .mode = "ex-officio",
                             .role = std::string(role_titles[t_cto])});
        b.min_size = 3;
        b.max_size = 9;
      }
    }
    for (int p = 0; p < static_cast<int>(projects_.size()); ++p) {
      const auto& pp = projects_[static_cast<std::size_t>(p)];
      body_plan& b = bodies_.emplace_back();
      b.id = pp.id + "-tsc";
      b.name = fmt::format("Project {} Technical Steering Committee", p);
      b.kind = "committee";
      b.project = p;
      b.home = pp.foundation;
      b.start = pp.transfer;
      b.classes.push_back({.id = "maintainers", .mode = "fixed", .count = 3});
      b.classes.push_back({.id = "lead",
                           .mode = "ex-officio",
                           .role = std::string(role_titles[t_project_lead])});
      b.classes.push_back({.id = "members",
                           .mode = "elected",
                           .tier = 2,
                           .per = 50,
                           .min = 0,
                           .max = 1,
                           .round_down = true});
      b.max_fraction_per_family = 0.5;
      b.min_size = 3;
      b.max_size = 9;
    }
    std::sort(
        bodies_.begin(), bodies_.end(),
        [](const body_plan& a, const body_plan& b) { return a.id < b.id; });
  }

  // Successive holders of one seat (or one role) from `start` to the end of
  // the window: each serves 1 to `max_terms` terms, with short gaps between.
  // Roles get one row per term; seats one row per holder's tenure.
  template <class Emit>
  void line(rng& r, day start, day term, int max_terms, bool per_term,
            Emit emit) {
    day t = static_cast<day>(start + r.between(0, 120));
    while (t < d_end) {
      const int terms = static_cast<int>(r.between(1, max_terms));
      const auto person = special_person();
      for (int k = 0; k < terms && t < d_end; ++k) {
        const int span = per_term ? 1 : terms;
        day to = static_cast<day>(t + span * term);
        if (to >= d_end) to = no_day;
        emit(person, t, to);
        if (to == no_day) return;
        t = to;
        if (!per_term) break;
      }
      t = static_cast<day>(t + r.between(0, 90));
    }
  }

  // The seat needs an affiliation with the organization it represents; one
  // holder in twenty is left without one (a finding for the checks).
  void require(rng& r, std::uint32_t person, std::uint32_t org, day from,
               day to) {
    if (r.chance(0.05)) return;
    auto [it, fresh] =
        required_.try_emplace(person, requirement{org, from, to});
    if (!fresh) {
      it->second.from = std::min(it->second.from, from);
      it->second.to = (it->second.to == no_day || to == no_day)
                          ? no_day
                          : std::max(it->second.to, to);
    }
  }

  void add_role(std::uint32_t person, role_title t, int scope,
                std::size_t index, day from, day to) {
    roles_.push_back({person, t, static_cast<std::uint8_t>(scope),
                      static_cast<std::uint32_t>(index), from, to});
  }

  void plan_seats_and_roles() {
    rng r(opt_.seed, s_seat, 0);
    std::vector<std::size_t> board_of(foundations_.size()),
        tac_of(foundations_.size()), tsc_of(projects_.size());
    for (std::size_t b = 0; b < bodies_.size(); ++b) {
      const auto& bp = bodies_[b];
      if (bp.project >= 0)
        tsc_of[static_cast<std::size_t>(bp.project)] = b;
      else if (bp.id.ends_with("-board"))
        board_of[static_cast<std::size_t>(bp.foundation)] = b;
      else if (bp.id.ends_with("-tac"))
        tac_of[static_cast<std::size_t>(bp.foundation)] = b;
    }
    // Roles first: ex-officio seats follow them.
    auto role_line =
        [&](role_title t, int scope, std::size_t index, day start, int years,
            std::optional<std::pair<std::size_t, std::uint8_t>> seat) {
          line(r, start, static_cast<day>(years * year), 2, true,
               [&](std::uint32_t p, day from, day to) {
                 add_role(p, t, scope, index, from, to);
                 if (seat)
                   seats_.push_back({static_cast<std::uint32_t>(seat->first),
                                     seat->second, -1, -1, p, -1, from, to});
               });
        };
    auto class_index = [&](std::size_t b, std::string_view id) {
      const auto& cs = bodies_[b].classes;
      for (std::size_t i = 0; i < cs.size(); ++i)
        if (cs[i].id == id) return static_cast<std::uint8_t>(i);
      throw std::logic_error("generator: no such seat class");
    };
    for (std::size_t f = 0; f < foundations_.size(); ++f) {
      const day start = foundations_[f].founded;
      role_line(t_executive_director, 0, f, start, 3,
                std::pair{board_of[f],
                          class_index(board_of[f], "executive-director")});
      role_line(t_cto, 0, f, start, 3,
                std::pair{tac_of[f], class_index(tac_of[f], "cto")});
      for (role_title t : {t_program_manager, t_legal_counsel,
                           t_community_manager, t_treasurer})
        role_line(t, 0, f, start, 4, std::nullopt);
    }
    for (std::size_t p = 0; p < projects_.size(); ++p) {
      const day start = projects_[p].transfer;
      role_line(t_project_lead, 1, p, start, 3,
                std::pair{tsc_of[p], class_index(tsc_of[p], "lead")});
      role_line(t_release_manager, 1, p, start, 3, std::nullopt);
    }
    for (std::size_t b = 0; b < bodies_.size(); ++b)
      role_line(t_secretary, 2, b, bodies_[b].start, 6, std::nullopt);

    for (std::size_t b = 0; b < bodies_.size(); ++b) {
      const auto& bp = bodies_[b];
      const day term = static_cast<day>(bp.term_years.value_or(3) * year);
      for (std::size_t c = 0; c < bp.classes.size(); ++c) {
        const auto& cp = bp.classes[c];
        const auto cls = static_cast<std::uint8_t>(c);
        if (cp.mode == "fixed") {
          for (int l = 0; l < cp.count; ++l) {
            // The first seat of the first fixed class carries an office.
            const std::int8_t office =
                (c == 0 || cp.id == "at-large") && l == 0
                    ? static_cast<std::int8_t>(bp.kind == "board" ? 0 : b % 4)
                    : std::int8_t{-1};
            line(r, bp.start, term, 3, false,
                 [&](std::uint32_t p, day from, day to) {
                   seats_.push_back({static_cast<std::uint32_t>(b), cls, office,
                                     -1, p, -1, from, to});
                 });
          }
        } else if (cp.mode == "per-member") {
          // One seat per member of the tier, for as long as it is one.
          for (std::uint32_t s : by_tier_[static_cast<std::size_t>(bp.home)]
                                         [static_cast<std::size_t>(cp.tier)]) {
            const auto& m = segments_[s];
            if (!r.chance(0.45)) continue;  // many leave their seat empty
            day t = static_cast<day>(m.from + r.between(0, 60));
            const day end = m.to == no_day ? d_end : m.to;
            while (t < end) {
              const auto p = special_person();
              const auto terms = r.between(1, 4);
              day to = static_cast<day>(t + terms * term);
              if (to >= end) to = m.to == no_day ? no_day : m.to;
              seats_.push_back({static_cast<std::uint32_t>(b), cls, -1, -1, p,
                                m.org, t, to});
              require(r, p, m.org, t, to);
              if (to == no_day) break;
              t = to;
            }
          }
        } else if (cp.mode == "elected") {
          const auto& pool = by_tier_[static_cast<std::size_t>(bp.home)]
                                     [static_cast<std::size_t>(cp.tier)];
          const int lines = cp.max > 0 ? cp.max : 2;
          for (int l = 0; l < lines; ++l) {
            day t = static_cast<day>(bp.start + r.between(0, 365));
            while (t < d_end && !pool.empty()) {
              // A member of the tier on that day, else try again later.
              std::vector<std::uint32_t> active;
              for (std::uint32_t s : pool)
                if (segments_[s].from <= t &&
                    (segments_[s].to == no_day || t < segments_[s].to))
                  active.push_back(s);
              if (active.empty()) {
                t = static_cast<day>(t + 180);
                continue;
              }
              const auto& m = segments_[active[static_cast<std::size_t>(
                  r.below(static_cast<std::int64_t>(active.size())))]];
              const auto p = special_person();
              const day end = m.to == no_day ? d_end : m.to;
              const auto terms = r.between(1, 3);
              day to = static_cast<day>(t + terms * term);
              if (to >= end) to = m.to == no_day ? no_day : m.to;
              seats_.push_back({static_cast<std::uint32_t>(b), cls, -1, -1, p,
                                m.org, t, to});
              require(r, p, m.org, t, to);
              if (to == no_day) break;
              t = static_cast<day>(to + r.between(0, 60));
            }
          }
        }
      }
    }
    // Canonical orders.
    std::sort(seats_.begin(), seats_.end(),
              [&](const seat_plan& a, const seat_plan& b) {
                if (a.body != b.body) return a.body < b.body;
                const auto& ca = bodies_[a.body].classes[a.cls].id;
                const auto& cb = bodies_[b.body].classes[b.cls].id;
                if (ca != cb) return ca < cb;
                return std::tie(a.person, a.from) < std::tie(b.person, b.from);
              });
    std::sort(roles_.begin(), roles_.end(),
              [&](const role_plan& a, const role_plan& b) {
                if (a.person != b.person) return a.person < b.person;
                if (a.title != b.title)
                  return role_titles[a.title] < role_titles[b.title];
                const auto sa = scope_id(a), sb = scope_id(b);
                if (sa != sb) return sa < sb;
                return std::tie(a.scope, a.from) < std::tie(b.scope, b.from);
              });
  }

  std::string scope_id(const role_plan& r) const {
    switch (r.scope) {
      case 0:
        return foundations_[r.scope_index].id;
      case 1:
        return projects_[r.scope_index].id;
      default:
        return bodies_[r.scope_index].id;
    }
  }

  // ---- writing

  void write(std::FILE* out) {
    writer w(out);
    w.raw("{\n  \"format\": \"charter-registry\",\n  \"version\": 1");
    write_organizations(w);
    write_people(w);
    write_foundations(w);
    write_projects(w);
    write_memberships(w);
    write_bodies(w);
    write_seats(w);
    write_roles(w);
    w.raw("\n}\n");
    w.flush();
    counts_.bytes = w.bytes();
  }

  void write_organizations(writer& w) {
    w.begin_collection("organizations");
    for (std::int64_t i = 0; i < n_.organizations; ++i) {
      rng r(opt_.seed, s_org + 100, static_cast<std::uint64_t>(i));
      const std::string id = org_id_(i);
      w.begin_record();
      w.open();
      w.field("id", id);
      w.field("name", fmt::format("Organization {}", i));
      const double k = r.unit();
      w.field("kind", org_kinds[k < 0.80   ? 0
                                : k < 0.88 ? 1
                                : k < 0.94 ? 2
                                : k < 0.97 ? 3
                                : k < 0.99 ? 4
                                           : 5]);
      if (const auto parent = org_parent(i); parent >= 0) {
        w.field("parent", org_id_(parent));
        ++counts_.with_parent;
      }
      if (r.chance(0.1)) {
        w.key("aliases");
        w.raw("[");
        w.str(fmt::format("ORG{}", i));
        w.raw("]");
      }
      if (r.chance(0.5)) {
        w.key("domains");
        w.raw("[");
        w.str(fmt::format("{}.example.com", id));
        w.raw("]");
      }
      w.close();
      ++counts_.organizations;
    }
    w.end_collection();
  }

  void write_affiliation(writer& w, bool& first, std::int64_t org, day from,
                         day to, rng& r) {
    if (!first) w.raw(", ");
    first = false;
    w.open();
    w.field("org", org_id_(org));
    w.when(from, to);
    if (r.chance(0.8))
      w.field("title",
              titles[static_cast<std::size_t>(r.below(titles.size()))]);
    w.close();
    ++counts_.affiliations;
    if (to == no_day) ++counts_.open_affiliations;
  }

  void write_people(writer& w) {
    w.begin_collection("people");
    for (std::int64_t i = 0; i < n_.people; ++i) {
      rng r(opt_.seed, s_person, static_cast<std::uint64_t>(i));
      const std::string id = person_id_(i);
      w.begin_record();
      w.open();
      w.field("id", id);
      w.field("name", fmt::format("Person {}", i));
      if (r.chance(0.5)) {
        w.key("emails");
        w.raw("[");
        w.str(fmt::format("{}@example.org", id));
        w.raw("]");
      }
      if (r.chance(0.2)) {
        w.key("handles");
        w.open();
        w.field("github", fmt::format("gh-{}", i));
        w.close();
        w.next_member();
      }
      w.key("affiliations");
      w.raw("[");
      bool first = true;
      if (auto it = required_.find(static_cast<std::uint32_t>(i));
          it != required_.end()) {
        // A seat holder: an earlier job perhaps, then the organization the
        // seat is held for, from before the seat until after it.
        const auto& q = it->second;
        const day from = static_cast<day>(q.from - r.between(0, 3 * year));
        if (from - d2000 > 3 * year && r.chance(0.5)) {
          const day start = static_cast<day>(r.between(d2000, from - 2 * year));
          write_affiliation(w, first, random_org(r), start,
                            static_cast<day>(from - r.between(0, year)), r);
        }
        day to = no_day;
        if (q.to != no_day && r.chance(0.5))
          to = static_cast<day>(q.to + r.between(0, 2 * year));
        if (to != no_day && to >= d_end) to = no_day;
        write_affiliation(w, first, q.org, from, to, r);
      } else {
        const int k = 1 + static_cast<int>(r.below(3));
        const bool open = r.chance(2.0 / 3.0);
        day t = static_cast<day>(r.between(d2000, d2016));
        for (int j = 0; j < k && t < d_end; ++j) {
          day to = static_cast<day>(t + r.between(year, 7 * year));
          if ((j == k - 1 && open) || to >= d_end) to = no_day;
          write_affiliation(w, first, random_org(r), t, to, r);
          if (to == no_day) break;
          t = static_cast<day>(to + r.between(0, year));
        }
      }
      w.raw("]");
      w.next_member();
      w.close();
      ++counts_.people;
    }
    w.end_collection();
  }

  void write_foundations(writer& w) {
    w.begin_collection("foundations");
    for (std::size_t f = 0; f < foundations_.size(); ++f) {
      const auto& fp = foundations_[f];
      w.begin_record();
      w.open();
      w.field("id", fp.id);
      w.field("name", fmt::format("Foundation {}", f));
      if (fp.parent >= 0)
        w.field("parent", foundations_[static_cast<std::size_t>(fp.parent)].id);
      w.date("founded", fp.founded);
      w.key("tiers");
      w.raw("[");
      for (int t = 0; t < fp.tiers; ++t) {
        const auto ti = static_cast<std::size_t>(t);
        if (t) w.raw(", ");
        w.open();
        w.field("id", tier_ids[ti]);
        w.field("name", tier_names[ti]);
        w.field("rank", t + 1);
        if (tier_fees[ti] > 0) {
          w.key("annual_fee");
          w.open();
          w.field("amount", tier_fees[ti]);
          w.field("currency", "USD");
          w.close();
          w.next_member();
        }
        // A top-tier member of a nested foundation must be a gold member
        // (or better) of its parent.
        if (t == 0 && fp.parent >= 0) {
          w.key("requires");
          w.raw("[");
          w.open();
          w.field("foundation",
                  foundations_[static_cast<std::size_t>(fp.parent)].id);
          w.field("min_tier", tier_ids[1]);
          w.close();
          w.raw("]");
          w.next_member();
        }
        w.close();
        ++counts_.tiers;
      }
      w.raw("]");
      w.next_member();
      w.close();
      ++counts_.foundations;
    }
    w.end_collection();
  }

  void write_projects(writer& w) {
    w.begin_collection("projects");
    for (std::size_t p = 0; p < projects_.size(); ++p) {
      const auto& pp = projects_[p];
      const auto& fid =
          foundations_[static_cast<std::size_t>(pp.foundation)].id;
      w.begin_record();
      w.open();
      w.field("id", pp.id);
      w.field("name", fmt::format("Project {}", p));
      w.date("founded", pp.founded);
      w.key("stewards");
      w.raw("[");
      if (pp.org_steward >= 0) {
        w.open();
        w.field("org", org_id_(pp.org_steward));
        w.when(pp.founded, pp.transfer);
        w.close();
        w.raw(", ");
      }
      w.open();
      w.field("foundation", fid);
      w.when(pp.transfer, no_day);
      w.close();
      w.raw("]");
      w.next_member();
      w.key("stages");
      w.raw("[");
      w.open();
      w.field("stage", "incubating");
      w.when(pp.founded, pp.graduated);
      w.close();
      if (pp.graduated != no_day) {
        w.raw(", ");
        w.open();
        w.field("stage", "graduated");
        w.when(pp.graduated, no_day);
        w.close();
      }
      w.raw("]");
      w.next_member();
      w.close();
      ++counts_.projects;
    }
    w.end_collection();
  }

  void write_memberships(writer& w) {
    w.begin_collection("memberships");
    for (const auto& m : segments_) {
      w.begin_record();
      w.open();
      w.field("org", org_id_(m.org));
      w.field("foundation", foundations_[m.foundation].id);
      w.field("tier", tier_ids[m.tier]);
      w.when(m.from, m.to);
      if (m.founding) w.field_bool("founding", true);
      w.close();
      ++counts_.memberships;
    }
    w.end_collection();
  }

  void write_bodies(writer& w) {
    w.begin_collection("bodies");
    for (const auto& b : bodies_) {
      w.begin_record();
      w.open();
      w.field("id", b.id);
      w.field("name", b.name);
      w.field("kind", b.kind);
      if (b.project >= 0)
        w.field("project", projects_[static_cast<std::size_t>(b.project)].id);
      else
        w.field("foundation",
                foundations_[static_cast<std::size_t>(b.foundation)].id);
      w.key("seat_classes");
      w.raw("[");
      bool first = true;
      for (const auto& c : b.classes) {
        if (!first) w.raw(", ");
        first = false;
        w.open();
        w.field("id", c.id);
        w.field("mode", c.mode);
        if (c.mode == "per-member") {
          w.field("tier", tier_ids[static_cast<std::size_t>(c.tier)]);
        } else if (c.mode == "elected") {
          w.field("tier", tier_ids[static_cast<std::size_t>(c.tier)]);
          w.field("per", c.per);
          if (c.min >= 0) w.field("min", c.min);
          if (c.max >= 0) w.field("max", c.max);
          if (c.round_down) w.field("round", "down");
        } else if (c.mode == "fixed") {
          w.field("count", c.count);
        } else {
          w.field("role", c.role);
        }
        if (c.voting) w.field_bool("voting", *c.voting);
        w.close();
        ++counts_.seat_classes;
      }
      w.raw("]");
      w.next_member();
      const bool rules = b.max_per_family || b.max_fraction_per_family ||
                         b.term_years || b.max_consecutive_terms ||
                         b.min_size || b.max_size || b.quorum ||
                         !b.exclusive_with.empty();
      if (rules) {
        w.key("rules");
        w.open();
        if (b.max_per_family) w.field("max_per_family", *b.max_per_family);
        if (b.max_fraction_per_family)
          w.field_double("max_fraction_per_family", *b.max_fraction_per_family);
        if (b.term_years) w.field("term_years", *b.term_years);
        if (b.max_consecutive_terms)
          w.field("max_consecutive_terms", *b.max_consecutive_terms);
        if (b.min_size) w.field("min_size", *b.min_size);
        if (b.max_size) w.field("max_size", *b.max_size);
        if (b.quorum) w.field_double("quorum", *b.quorum);
        if (!b.exclusive_with.empty()) {
          w.key("exclusive_with");
          w.raw("[");
          for (std::size_t i = 0; i < b.exclusive_with.size(); ++i) {
            if (i) w.raw(", ");
            w.str(b.exclusive_with[i]);
          }
          w.raw("]");
        }
        w.close();
        w.next_member();
      }
      w.close();
      ++counts_.bodies;
    }
    w.end_collection();
  }

  void write_seats(writer& w) {
    w.begin_collection("seats");
    for (const auto& s : seats_) {
      const auto& b = bodies_[s.body];
      w.begin_record();
      w.open();
      w.field("body", b.id);
      w.field("class", b.classes[s.cls].id);
      w.field("person", person_id_(s.person));
      if (s.represents >= 0) w.field("represents", org_id_(s.represents));
      if (s.office >= 0)
        w.field("office", offices[static_cast<std::size_t>(s.office)]);
      if (s.voting >= 0) w.field_bool("voting", s.voting != 0);
      w.when(s.from, s.to);
      w.close();
      ++counts_.seats;
    }
    w.end_collection();
  }

  void write_roles(writer& w) {
    w.begin_collection("roles");
    static constexpr std::array<std::string_view, 3> scope_keys{
        "foundation", "project", "body"};
    for (const auto& r : roles_) {
      w.begin_record();
      w.open();
      w.field("person", person_id_(r.person));
      w.field("title", role_titles[r.title]);
      w.field(scope_keys[r.scope], scope_id(r));
      w.when(r.from, r.to);
      w.close();
      ++counts_.roles;
    }
    w.end_collection();
  }
};

}  // namespace

generator_sizes sizes_for(double scale) {
  auto at_least = [scale](double full, std::int64_t floor) {
    return std::max<std::int64_t>(floor, std::llround(full * scale));
  };
  generator_sizes n;
  n.organizations = at_least(100'000, 100);
  n.people = at_least(1'000'000, 1'000);
  n.foundations = at_least(300, 3);
  // Per foundation the shape does not change with the scale: about 1,000
  // memberships, 3 projects, 10 bodies, 200 seats and 67 roles each.
  n.projects = 3 * n.foundations;
  n.bodies = 10 * n.foundations;
  n.affiliations = 2 * n.people;
  n.memberships = 1'000 * n.foundations;
  n.seats = 200 * n.foundations;
  n.roles = 20'000 * n.foundations / 300;
  return n;
}

generator_counts generate(const generator_options& options, std::FILE* out) {
  const generator_sizes n = sizes_for(options.scale);
  return planner(options, n).run(out);
}

generator_counts generate(const generator_options& options,
                          const std::string& file) {
  std::FILE* out = std::fopen(file.c_str(), "wb");
  if (!out)
    throw std::runtime_error(
        fmt::format("cannot write {}: {}", file, std::strerror(errno)));
  try {
    auto counts = generate(options, out);
    if (std::fclose(out) != 0)
      throw std::runtime_error(
          fmt::format("cannot write {}: {}", file, std::strerror(errno)));
    return counts;
  } catch (...) {
    std::fclose(out);
    throw;
  }
}

}  // namespace charter::bench
