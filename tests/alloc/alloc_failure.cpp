// A batch that runs out of memory at any point is rolled back whole.
//
// Its own program: it replaces the global operator new so that the n-th
// allocation from now throws std::bad_alloc, then applies the same batch
// for every n until it succeeds, and compares the registry with how it was.
// (A review found that a failure in an index's allocation, after a record
// was written but before its undo step was recorded, left the record in.)
// The same counter shows that an empty extra_fields allocates nothing.

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <charter/registry.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <sstream>
#include <string>
#include <type_traits>
#include <variant>

namespace {
long countdown = -1;  // allocations left before one fails; below 0, none fails
}  // namespace

// Every form of operator new and delete, so that all of them pair up.
namespace {
void* allocate(std::size_t n, std::size_t alignment) {
  if (countdown == 0) {
    countdown = -1;
    throw std::bad_alloc();
  }
  if (countdown > 0) --countdown;
  n = n ? n : 1;
  void* p = alignment <= alignof(std::max_align_t)
                ? std::malloc(n)
                : std::aligned_alloc(
                      alignment, (n + alignment - 1) / alignment * alignment);
  if (!p) throw std::bad_alloc();
  return p;
}
void* allocate_or_null(std::size_t n, std::size_t alignment) noexcept {
  try {
    return allocate(n, alignment);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
}  // namespace

void* operator new(std::size_t n) { return allocate(n, 0); }
void* operator new[](std::size_t n) { return allocate(n, 0); }
void* operator new(std::size_t n, std::align_val_t a) {
  return allocate(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a) {
  return allocate(n, static_cast<std::size_t>(a));
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  return allocate_or_null(n, 0);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  return allocate_or_null(n, 0);
}
void* operator new(std::size_t n, std::align_val_t a,
                   const std::nothrow_t&) noexcept {
  return allocate_or_null(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a,
                     const std::nothrow_t&) noexcept {
  return allocate_or_null(n, static_cast<std::size_t>(a));
}
// GCC sees free() of what a new-expression returned and warns; these are the
// replacements of operator new above, which allocate with malloc.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t,
                     const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t,
                       const std::nothrow_t&) noexcept {
  std::free(p);
}

using namespace charter;

namespace {

date ymd(int y, unsigned m, unsigned d) {
  return date{std::chrono::year{y} / std::chrono::month{m} /
              std::chrono::day{d}};
}
period since(date from) { return {from, std::nullopt}; }

organization org(std::string_view id,
                 std::optional<std::string_view> parent = {}) {
  organization o{.id = org_id{id}, .name = std::string(id)};
  if (parent) o.parent = org_id{*parent};
  return o;
}
person someone(std::string_view id, std::string_view at, date from) {
  return person{.id = person_id{id},
                .name = std::string(id),
                .affiliations = {{org_id{at}, since(from), "", {}}}};
}
foundation fdn(std::string_view id, std::vector<std::string_view> tiers) {
  foundation f{.id = foundation_id{id}, .name = std::string(id)};
  int rank = 1;
  for (auto t : tiers)
    f.tiers.push_back(
        tier{.id = tier_id{t}, .name = std::string(t), .rank = rank++});
  return f;
}

// Ids of more than 15 characters, so that keys and index keys take heap
// memory too.
const foundation_id f{"a-foundation-with-a-long-id"};

batch base() {
  batch b;
  b.add(org("acme")).add(org("beta-corporation-long-id"));
  b.add(fdn(f.str(), {"top", "base"}));
  b.add(someone("pat", "acme", ymd(2020, 1, 1)));
  b.join(org_id{"acme"}, f, tier_id{"top"}, ymd(2020, 1, 1));
  b.add(role{person_id{"pat"},
             "Executive Director of the long title",
             f,
             since(ymd(2020, 1, 1)),
             {}});
  return b;
}

batch change() {
  batch b;
  b.add(someone("newbie-with-a-long-identifier", "gamma", ymd(2021, 1, 1)));
  b.add(org("gamma")).add(org("acme-child", "acme"));
  b.affiliate(
      person_id{"pat"},
      {org_id{"beta-corporation-long-id"}, since(ymd(2021, 1, 1)), "", {}});
  b.join(org_id{"gamma"}, f, tier_id{"base"}, ymd(2021, 1, 1));
  b.change_tier(org_id{"acme"}, f, tier_id{"base"}, ymd(2021, 6, 1));
  b.update(fdn(f.str(), {"top", "base", "extra"}));
  b.end_affiliation(person_id{"pat"}, org_id{"acme"}, ymd(2021, 3, 1));
  b.end_role(person_id{"pat"}, "Executive Director of the long title", f,
             ymd(2021, 9, 1));
  b.add(someone("sam", "acme-child", ymd(2020, 1, 1)));
  return b;
}

// What the queries answer, as text.
std::string dump(const registry& r) {
  const date on = ymd(2022, 1, 1);
  std::ostringstream o;
  for (const auto& x : r.organizations())
    o << "org " << x.id.str() << " family " << r.family(x.id).id.str()
      << " people " << r.affiliated_people(x.id, on).size() << " memberships "
      << r.memberships_of(x.id, on).size() << "\n";
  for (const auto& x : r.people())
    o << "person " << x.id.str() << " ties " << x.affiliations.size() << " now "
      << r.affiliations(x.id, on).size() << " roles "
      << r.roles_of(x.id, on).size() << "\n";
  for (const auto& x : r.foundations()) {
    o << "foundation " << x.id.str() << " tiers " << x.tiers.size();
    for (const auto& g : r.members(x.id, on))
      o << " " << g.tier->id.str() << "=" << g.members.size();
    o << "\n";
  }
  for (const auto& x : r.memberships())
    o << "membership " << to_string(key_of(x)) << " " << to_string(x.when)
      << " found " << (r.find(key_of(x)) == &x) << "\n";
  for (const auto& x : r.roles())
    o << "role " << to_string(key_of(x)) << " found "
      << (r.find(key_of(x)) == &x) << "\n";
  return o.str();
}

// The operations of base() and change() as one batch.
batch both() {
  batch b = base();
  const batch more = change();
  for (const auto& o : more.operations())
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, op::add<person>> ||
                        std::is_same_v<T, op::add<organization>>)
            b.add(x.record);
          else if constexpr (std::is_same_v<T, op::update<foundation>>)
            b.update(x.record);
          else if constexpr (std::is_same_v<T, op::affiliate>)
            b.affiliate(x.person, x.tie);
          else if constexpr (std::is_same_v<T, op::join>)
            b.join(x.org, x.foundation, x.tier, x.on);
          else if constexpr (std::is_same_v<T, op::change_tier>)
            b.change_tier(x.org, x.foundation, x.tier, x.on);
          else if constexpr (std::is_same_v<T, op::end_affiliation>)
            b.end_affiliation(x.person, x.org, x.on);
          else if constexpr (std::is_same_v<T, op::end_role>)
            b.end_role(x.person, x.title, x.scope, x.on);
        },
        o);
  return b;
}

}  // namespace

TEST_CASE(
    "a registry that held records is as it was after a batch runs out of "
    "memory anywhere") {
  registry r;
  r.apply(base());
  const std::string before = dump(r);
  long failed_at = 0;
  for (long n = 0;; ++n) {
    batch c = change();
    countdown = n;
    try {
      r.apply(c);
      countdown = -1;
      break;
    } catch (const std::bad_alloc&) {
      countdown = -1;
    }
    ++failed_at;
    INFO("allocation ", n, " failed");
    REQUIRE(dump(r) == before);
  }
  CHECK(failed_at >
        50);  // the batch allocates that often: every point was tried
  CHECK(r.at(person_id{"pat"}).affiliations.size() == 2);
  CHECK(r.roles_of(person_id{"pat"}, ymd(2022, 1, 1)).empty());
}

TEST_CASE(
    "an empty registry is empty again after a batch runs out of memory "
    "anywhere") {
  long failed_at = 0;
  for (long n = 0;; ++n) {
    registry r;
    batch b = both();
    countdown = n;
    try {
      r.apply(std::move(b));
      countdown = -1;
      CHECK(r.people().size() == 3);
      break;
    } catch (const std::bad_alloc&) {
      countdown = -1;
    }
    ++failed_at;
    INFO("allocation ", n, " failed");
    REQUIRE(r.organizations().empty());
    REQUIRE(r.people().empty());
    REQUIRE(r.memberships().empty());
    r.apply(base());  // and works
    REQUIRE(r.affiliated_people(org_id{"acme"}, ymd(2022, 1, 1)).size() == 1);
  }
  CHECK(failed_at > 50);
}

// extra_fields (tests/extra.cpp has the rest): the empty object holds no
// block, so that a record without extra fields costs no allocation for them.
TEST_CASE("an empty extra_fields allocates nothing") {
  const extra_fields filled = extra_fields::parse(R"({"k": 1})");
  bool allocated = false;
  bool as_empty = false;
  countdown = 0;  // the next allocation throws (doctest's checks come after)
  try {
    extra_fields a;
    extra_fields b = a;
    extra_fields c = std::move(b);
    a = c;
    c = std::move(a);
    swap(a, c);
    const extra_fields d{};
    as_empty = !a.contains("k") && a.size() == 0 && a.json() == "{}" && a == d;
  } catch (const std::bad_alloc&) {
    allocated = true;
  }
  countdown = -1;
  CHECK_FALSE(allocated);
  CHECK(as_empty);
  // The counter sees a filled one's copy.
  countdown = 0;
  CHECK_THROWS_AS(extra_fields{filled}, std::bad_alloc);
  countdown = -1;
}
