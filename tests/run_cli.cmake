# Runs one rkplan command and compares its standard output, standard error and exit
# status with expected files, exactly. Used as: cmake -DBIN=... -DARGS=a;b -DWORKDIR=...
#   -DEXPECT_STDOUT=file -DEXPECT_STDERR=file -DEXPECT_RC=n [-DSTDIN=file] -P run_cli.cmake
# With the environment variable RKPLAN_UPDATE_GOLDEN=1 it rewrites the expected files
# instead (review the diff before committing).
set(input_args)
if(DEFINED STDIN AND NOT STDIN STREQUAL "")
  set(input_args INPUT_FILE "${STDIN}")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env NO_COLOR=1 "${BIN}" ${ARGS}
  WORKING_DIRECTORY "${WORKDIR}"
  ${input_args}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)

if(DEFINED ENV{RKPLAN_UPDATE_GOLDEN})
  if(EXPECT_STDOUT)
    file(WRITE "${EXPECT_STDOUT}" "${out}")
  endif()
  if(EXPECT_STDERR)
    file(WRITE "${EXPECT_STDERR}" "${err}")
  endif()
  message(STATUS "updated golden files (exit status ${rc})")
  return()
endif()

set(failed FALSE)
if(NOT rc STREQUAL "${EXPECT_RC}")
  message(SEND_ERROR "exit status ${rc}, expected ${EXPECT_RC}")
  set(failed TRUE)
endif()
foreach(stream stdout stderr)
  string(TOUPPER "${stream}" upper)
  if(stream STREQUAL "stdout")
    set(actual "${out}")
  else()
    set(actual "${err}")
  endif()
  if(EXPECT_${upper})
    file(READ "${EXPECT_${upper}}" expected)
  else()
    set(expected "")
  endif()
  if(NOT actual STREQUAL expected)
    message(SEND_ERROR "${stream} differs from ${EXPECT_${upper}}\n--- expected ---\n${expected}\n--- actual ---\n${actual}")
    set(failed TRUE)
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "command: ${BIN} ${ARGS} (in ${WORKDIR})")
endif()
