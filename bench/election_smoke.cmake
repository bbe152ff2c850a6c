# The elections' benchmark's smoke test (ctest -R bench_election_smoke): the
# benchmark runs at a tiny size and produces its table, its winners and its
# JSON. Nothing about speed is asserted.
#
#   cmake -DBENCH=... -DWORK=... -P election_smoke.cmake

foreach(var IN ITEMS BENCH WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "election_smoke.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

execute_process(
  COMMAND "${BENCH}" --ballots 200 --candidates 6 --seats 3 --runs 1
    --work "${WORK}" --json "${WORK}/election.json"
  RESULT_VARIABLE status
  OUTPUT_VARIABLE table
  ERROR_VARIABLE log)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "charter_election_bench failed (${status}):\n${log}\n${table}")
endif()
message(STATUS "${table}")

foreach(row IN ITEMS
    "| what (best of 1) | seconds |"
    "| read the Elekto CSV (floor) |"
    "| read the BLT (floor) |"
    "| Schulze, unranked ignored (CSV) |"
    "| Schulze, unranked below (CSV) |"
    "| Scottish STV (BLT) |"
    "| Meek STV (BLT) |"
    "peak memory (getrusage)"
    "winners:")
  string(FIND "${table}" "${row}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the output has no \"${row}\":\n${table}")
  endif()
endforeach()

# Both files were written where asked, and every count seated 3.
foreach(file IN ITEMS ballots.csv ballots.blt)
  if(NOT EXISTS "${WORK}/${file}")
    message(FATAL_ERROR "no ${WORK}/${file}")
  endif()
endforeach()
file(READ "${WORK}/election.json" report)
string(JSON figures LENGTH "${report}" figures)
if(NOT figures EQUAL 6)
  message(FATAL_ERROR "election.json has ${figures} figures, expected 6")
endif()
foreach(i RANGE 2 5)
  string(JSON winners GET "${report}" figures ${i} winners)
  string(REPLACE " " ";" winners "${winners}")
  list(LENGTH winners seated)
  if(NOT seated EQUAL 3)
    message(FATAL_ERROR "figure ${i} seated ${seated}, not 3:\n${report}")
  endif()
endforeach()
