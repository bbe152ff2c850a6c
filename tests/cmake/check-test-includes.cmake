# Each doctest file tests one public header, and includes it first (as
# Boost.JSON's tests do): so that every public header compiles on its own.
#
#   cmake -DSOURCE_DIR=... -P check-test-includes.cmake

cmake_minimum_required(VERSION 3.25)

set(not_for_a_header main.cpp example_data.cpp hostile.cpp)
# tests/election/ holds the tests of the election headers (ballots, count),
# in their own program.
file(GLOB tests LIST_DIRECTORIES false "${SOURCE_DIR}/tests/*.cpp"
  "${SOURCE_DIR}/tests/election/*.cpp")
file(GLOB headers LIST_DIRECTORIES false RELATIVE "${SOURCE_DIR}/include/charter"
  "${SOURCE_DIR}/include/charter/*.hpp")
set(wrong)
set(tested)
foreach(test IN LISTS tests)
  get_filename_component(name "${test}" NAME)
  file(RELATIVE_PATH path "${SOURCE_DIR}" "${test}")
  if(name IN_LIST not_for_a_header)
    continue()
  endif()
  get_filename_component(stem "${test}" NAME_WE)
  file(STRINGS "${test}" first REGEX "^#include " LIMIT_COUNT 1)
  if(NOT first STREQUAL "#include <charter/${stem}.hpp>")
    list(APPEND wrong "${path} starts with '${first}', not '#include <charter/${stem}.hpp>'")
  endif()
  list(APPEND tested "${stem}.hpp")
endforeach()
# charter.hpp (the umbrella) is compiled by tests/fwd.cpp.
set(untested)
foreach(header IN LISTS headers)
  if(NOT header IN_LIST tested AND NOT header STREQUAL "charter.hpp")
    string(REGEX REPLACE "\\.hpp$" ".cpp" test_name "${header}")
    list(APPEND untested "include/charter/${header} has no tests/${test_name}")
  endif()
endforeach()
if(wrong OR untested)
  list(APPEND wrong ${untested})
  list(JOIN wrong "\n  " listed)
  message(FATAL_ERROR "test files and public headers do not match:\n  ${listed}")
endif()
