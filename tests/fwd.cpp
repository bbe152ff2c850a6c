#include <charter/fwd.hpp>

// The forward declarations agree with the definitions: including both in
// either order compiles only if every declaration matches its kind (class or
// struct aside) and every alias names the same type.
#include <charter/charter.hpp>

#include <doctest/doctest.h>

#include <type_traits>

namespace {

// Functions that take the declared types by reference compile from fwd.hpp
// alone; here they are called with the complete types.
int count(const charter::registry&, const charter::batch&,
          const charter::database*) {
  return 3;
}

}  // namespace

static_assert(
    std::is_same_v<charter::org_id, charter::basic_id<charter::org_tag>>);
static_assert(std::is_same_v<charter::seat_class_id,
                             charter::basic_id<charter::seat_class_tag>>);

TEST_SUITE("fwd") {
  TEST_CASE("declared types are the defined ones") {
    charter::registry reg;
    charter::batch b;
    CHECK(count(reg, b, nullptr) == 3);
  }
}
