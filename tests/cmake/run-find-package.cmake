# Installs a charter build tree into PREFIX, then configures, builds and runs
# the consumer in CONSUMER_SOURCE_DIR against it.  Run with cmake -P; see
# tests/CMakeLists.txt for the variables it expects.
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

# Sanitizer and other flags of the charter build must reach the consumer's
# link too, since the installed archive carries instrumented code.
run(configure "${CMAKE_COMMAND}"
  -S "${CONSUMER_SOURCE_DIR}" -B "${CONSUMER_BINARY_DIR}" -G "${GENERATOR}"
  "-DCMAKE_PREFIX_PATH=${PREFIX}"
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
  "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
  "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}"
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
