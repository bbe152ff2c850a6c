# Installs a charter build tree into PREFIX, then configures, builds and runs
# the consumer in CONSUMER_SOURCE_DIR against it, and proves that charter's
# public headers bring neither Boost nor fmt along: the consumer's compile
# command names no include directory holding their headers, and the same
# command run again with -H (GCC, Clang: print every header included) shows
# none of theirs included. Run with cmake -P; see tests/CMakeLists.txt for
# the variables it expects.
foreach(var CHARTER_BINARY_DIR CONSUMER_SOURCE_DIR PREFIX CONSUMER_BINARY_DIR GENERATOR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run-find-package.cmake: ${var} is not set")
  endif()
endforeach()

function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "find-package test: ${step} failed (${result})")
  endif()
endfunction()

set(config_args "")
set(build_type_arg "")
if(NOT "${CONFIG}" STREQUAL "")
  set(config_args --config "${CONFIG}")
  set(build_type_arg "-DCMAKE_BUILD_TYPE=${CONFIG}")
endif()

file(REMOVE_RECURSE "${PREFIX}" "${CONSUMER_BINARY_DIR}")

run(install "${CMAKE_COMMAND}" --install "${CHARTER_BINARY_DIR}"
  --prefix "${PREFIX}" ${config_args})

# The files the install must hold besides the library (the program and
# its man page, when the CLI is built), and the man page made from the
# program's commands: it names every one (the CLI tests check which).
foreach(file IN LISTS INSTALLED)
  if(NOT EXISTS "${PREFIX}/${file}")
    message(FATAL_ERROR "find-package test: ${file} was not installed in ${PREFIX}")
  endif()
  if(file MATCHES "/man1/charter\\.1$")
    file(READ "${PREFIX}/${file}" page)
    foreach(section ".TH CHARTER 1" ".SH COMMANDS" ".SS \"charter join")
      string(FIND "${page}" "${section}" at)
      if(at EQUAL -1)
        message(FATAL_ERROR "find-package test: ${file} has no '${section}'")
      endif()
    endforeach()
  endif()
endforeach()

# Sanitizer and other flags of the charter build must reach the consumer's
# link too, since the installed archive carries instrumented code.
run(configure "${CMAKE_COMMAND}"
  -S "${CONSUMER_SOURCE_DIR}" -B "${CONSUMER_BINARY_DIR}" -G "${GENERATOR}"
  "-DCMAKE_PREFIX_PATH=${PREFIX}"
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
  "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
  "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}"
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
  ${build_type_arg})

run(build "${CMAKE_COMMAND}" --build "${CONSUMER_BINARY_DIR}" ${config_args})

set(exe "")
foreach(candidate
    "${CONSUMER_BINARY_DIR}/charter_consumer"
    "${CONSUMER_BINARY_DIR}/${CONFIG}/charter_consumer")
  if(EXISTS "${candidate}" AND NOT IS_DIRECTORY "${candidate}")
    set(exe "${candidate}")
    break()
  endif()
endforeach()
if(exe STREQUAL "")
  message(FATAL_ERROR "find-package test: charter_consumer was not built")
endif()

run(run "${exe}")

# ---- no Boost, no fmt in the consumer's compilation
set(commands_file "${CONSUMER_BINARY_DIR}/compile_commands.json")
if(NOT EXISTS "${commands_file}")
  # Only the Makefile and Ninja generators write it.
  message(STATUS "find-package test: no compile_commands.json with ${GENERATOR}; "
                 "the include check is skipped")
  return()
endif()
file(READ "${commands_file}" commands)
string(JSON count LENGTH "${commands}")
set(command "")
if(count GREATER 0)
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON file GET "${commands}" ${i} file)
    if(file MATCHES "/main\\.cpp$")
      string(JSON command GET "${commands}" ${i} command)
      string(JSON directory GET "${commands}" ${i} directory)
    endif()
  endforeach()
endif()
if(command STREQUAL "")
  message(FATAL_ERROR "find-package test: main.cpp is not in ${commands_file}")
endif()
separate_arguments(args UNIX_COMMAND "${command}")

# The include directories of the command line (-I, -isystem, -iquote,
# -idirafter; joined to their value or not): none may hold Boost's or fmt's
# headers. (On Debian those live in /usr/include, which compilers search
# without being told, hence the second check.)
set(expect_dir OFF)
foreach(arg IN LISTS args)
  set(dir "")
  if(expect_dir)
    set(dir "${arg}")
    set(expect_dir OFF)
  elseif(arg MATCHES "^(-I|-isystem|-iquote|-idirafter)$")
    set(expect_dir ON)
  elseif(arg MATCHES "^(-I|-isystem|-iquote|-idirafter)(.+)$")
    set(dir "${CMAKE_MATCH_2}")
  endif()
  if(NOT dir STREQUAL "" AND (EXISTS "${dir}/boost/json.hpp" OR EXISTS "${dir}/fmt/format.h"))
    message(FATAL_ERROR "find-package test: the consumer is compiled with ${dir}, "
                        "which holds Boost's or fmt's headers:\n${command}")
  endif()
endforeach()

# The headers the compilation includes, every one.
if(NOT CXX_COMPILER_ID MATCHES "^(GNU|Clang|AppleClang)$")
  message(STATUS "find-package test: ${CXX_COMPILER_ID} has no -H; the check of "
                 "the included headers is skipped")
  return()
endif()
execute_process(COMMAND ${args} -H -fsyntax-only
  WORKING_DIRECTORY "${directory}"
  RESULT_VARIABLE result
  OUTPUT_VARIABLE out
  ERROR_VARIABLE included)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "find-package test: main.cpp with -H failed (${result}):\n${included}")
endif()
string(REGEX MATCHALL "(^|\n)\\.+ [^\n]+" lines "${included}")
set(headers "")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "^\n?\\.+ " "" header "${line}")
  list(APPEND headers "${header}")
endforeach()
list(LENGTH headers header_count)
# The check sees what it checks: charter's headers are among those listed.
if(NOT headers MATCHES "charter/charter\\.hpp" OR NOT headers MATCHES "charter/extra\\.hpp")
  message(FATAL_ERROR "find-package test: -H did not list charter's headers:\n${included}")
endif()
set(third_party "")
foreach(header IN LISTS headers)
  if(header MATCHES "/(boost|fmt)/")
    list(APPEND third_party "${header}")
  endif()
endforeach()
if(third_party)
  list(JOIN third_party "\n  " third_party)
  message(FATAL_ERROR "find-package test: <charter/charter.hpp> includes headers "
                      "of Boost or fmt:\n  ${third_party}")
endif()
message(STATUS "find-package test: ${header_count} headers included, none of Boost or fmt")
