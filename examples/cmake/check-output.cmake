# Runs an example program and checks what it prints, for ctest:
#
#   cmake -DPROGRAM=exe -DARGS="a;;b" -DEXPECT="regex;;regex" -DCOUNT="regex==n"
#         [-DEXIT=0] [-DREMOVE=file] [-DRUNS=1] [-DREJECT="regex"] -P check-output.cmake
#
# Lists are separated by ";;" (add_test would split a plain ";"). Every
# EXPECT regex must match standard output; each COUNT entry "regex==n"
# must match exactly n times; no REJECT regex may match. REMOVE is deleted
# first (a database from an earlier run); with RUNS=2 the program runs twice
# and the second run is checked (it must not print "created" on stderr).
cmake_minimum_required(VERSION 3.25)

string(ASCII 31 unit_separator)
function(split out text)
  string(REPLACE ";;" "${unit_separator}" text "${text}")
  string(REPLACE ";" "\\;" text "${text}")
  string(REPLACE "${unit_separator}" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

split(args "${ARGS}")
split(expect "${EXPECT}")
split(counts "${COUNT}")
split(reject "${REJECT}")
if("${EXIT}" STREQUAL "")
  set(EXIT 0)
endif()
if("${RUNS}" STREQUAL "")
  set(RUNS 1)
endif()
if(REMOVE)
  file(REMOVE "${REMOVE}")
endif()

foreach(run RANGE 1 ${RUNS})
  execute_process(COMMAND "${PROGRAM}" ${args}
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
endforeach()

set(failed "")
if(NOT status STREQUAL "${EXIT}")
  string(APPEND failed "exit status ${status}, expected ${EXIT}\n")
endif()
if(RUNS GREATER 1 AND err MATCHES "created")
  string(APPEND failed "the second run created the database again\n")
endif()
foreach(regex IN LISTS expect)
  if(NOT out MATCHES "${regex}")
    string(APPEND failed "no match for: ${regex}\n")
  endif()
endforeach()
foreach(regex IN LISTS reject)
  if(out MATCHES "${regex}")
    string(APPEND failed "unexpected match for: ${regex}\n")
  endif()
endforeach()
foreach(entry IN LISTS counts)
  string(FIND "${entry}" "==" at REVERSE)
  string(SUBSTRING "${entry}" 0 ${at} regex)
  math(EXPR from "${at} + 2")
  string(SUBSTRING "${entry}" ${from} -1 want)
  string(REGEX MATCHALL "${regex}" found "${out}")
  list(LENGTH found n)
  if(NOT n EQUAL want)
    string(APPEND failed "${n} matches for ${regex}, expected ${want}\n")
  endif()
endforeach()

if(failed)
  message(FATAL_ERROR "${PROGRAM} ${args}\n${failed}--- stdout ---\n${out}--- stderr ---\n${err}")
endif()
