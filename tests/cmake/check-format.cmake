# Fails when a C++ file of the tree does not follow .clang-format: runs
# `clang-format --dry-run -Werror` over include, src, tests, bindings, bench
# and examples, and lists the files that would change.
#
#   cmake -DCLANG_FORMAT=/usr/bin/clang-format -DSOURCE_DIR=... -P check-format.cmake
#
# Fix them with: clang-format -i $(the files listed)

if(NOT CLANG_FORMAT OR NOT SOURCE_DIR)
  message(FATAL_ERROR "check-format.cmake needs -DCLANG_FORMAT=... and -DSOURCE_DIR=...")
endif()

set(files)
foreach(folder include src tests bindings bench examples)
  file(GLOB_RECURSE found LIST_DIRECTORIES false
    "${SOURCE_DIR}/${folder}/*.cpp" "${SOURCE_DIR}/${folder}/*.hpp")
  list(APPEND files ${found})
endforeach()
list(SORT files)

set(bad)
foreach(file IN LISTS files)
  execute_process(
    COMMAND "${CLANG_FORMAT}" --style=file --dry-run -Werror "${file}"
    WORKING_DIRECTORY "${SOURCE_DIR}"
    RESULT_VARIABLE result
    OUTPUT_QUIET ERROR_QUIET)
  if(NOT result EQUAL 0)
    file(RELATIVE_PATH relative "${SOURCE_DIR}" "${file}")
    list(APPEND bad "${relative}")
  endif()
endforeach()

list(LENGTH files checked)
if(bad)
  list(LENGTH bad count)
  list(JOIN bad "\n  " listed)
  message(FATAL_ERROR "${count} of ${checked} files do not follow .clang-format "
    "(clang-format -i FILE fixes one):\n  ${listed}")
endif()
message(STATUS "${checked} files follow .clang-format")
