# The benchmarks' smoke test (ctest -R bench_smoke): the generator and the
# benchmark run at a tiny size and produce their document, table and JSON.
# Nothing about speed is asserted: CI machines vary too much for that.
#
#   cmake -DBENCH=... -DGENERATE=... -DWORK=... -P smoke.cmake

foreach(var IN ITEMS BENCH GENERATE WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "smoke.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# The generator alone, twice: the same seed gives the same bytes.
foreach(run IN ITEMS a b)
  execute_process(
    COMMAND "${GENERATE}" --scale 0.001 --seed 7 -o "${WORK}/generated-${run}.json"
    RESULT_VARIABLE status
    ERROR_VARIABLE summary)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "charter_generate failed (${status}): ${summary}")
  endif()
endforeach()
file(SHA256 "${WORK}/generated-a.json" first)
file(SHA256 "${WORK}/generated-b.json" second)
if(NOT first STREQUAL second)
  message(FATAL_ERROR "charter_generate is not deterministic")
endif()

execute_process(
  COMMAND "${BENCH}" --scale 0.002 --work "${WORK}" --json "${WORK}/bench.json"
    --queries 2000 --query-budget 0.2 --check-all-timeout 60
  RESULT_VARIABLE status
  OUTPUT_VARIABLE table
  ERROR_VARIABLE log)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "charter_bench failed (${status}):\n${log}\n${table}")
endif()
message(STATUS "${table}")

foreach(row IN ITEMS
    "| figure"
    "JSON import into a new SQLite file"
    "load a registry from SQLite"
    "JSON export"
    "peak memory of the loaded registry"
    "a person's affiliations at a date"
    "an organization's membership at a date"
    "members of the largest foundation at a date"
    "a body's seats and entitlements at a date"
    "an organization's family"
    "check one body at one date"
    "check the whole registry over all dates"
    "commit one audited join to the SQLite registry")
  string(FIND "${table}" "${row}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the table has no row \"${row}\":\n${table}")
  endif()
endforeach()

file(READ "${WORK}/bench.json" report)
string(JSON figures LENGTH "${report}" figures)
if(figures LESS 14)
  message(FATAL_ERROR "bench.json has ${figures} figures, expected at least 14")
endif()
# The generated document is in charter's canonical layout: export gives it
# back byte for byte.
math(EXPR last "${figures} - 1")
foreach(i RANGE 0 ${last})
  string(JSON name GET "${report}" figures ${i} figure)
  if(name STREQUAL "JSON export")
    string(JSON identical GET "${report}" figures ${i} details round_trip_identical)
    if(NOT identical)
      message(FATAL_ERROR "export of the imported document differs from the document")
    endif()
  endif()
endforeach()
