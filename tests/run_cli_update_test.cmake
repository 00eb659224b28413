# Checks that RKPLAN_UPDATE_GOLDEN=1 writes a .test file back exactly as the runner reads
# it: each case of tests/data/runner is copied to a scratch folder and updated (with
# /bin/sh as "rkplan"), and must come out byte for byte as it went in; stale.update (a
# wrong output and exit status) must come out as odd-bytes.test.
# cmake -DRUNNER=run_cli.cmake -DCASES=dir -DSCRATCH=dir -P run_cli_update_test.cmake
cmake_minimum_required(VERSION 3.21)
file(REMOVE_RECURSE "${SCRATCH}")
file(COPY "${CASES}/" DESTINATION "${SCRATCH}")
file(RENAME "${SCRATCH}/stale.update" "${SCRATCH}/stale.test")
set(failed FALSE)
foreach(case odd-bytes stdin silent side-file stale)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env RKPLAN_UPDATE_GOLDEN=1
            ${CMAKE_COMMAND} -DBIN=/bin/sh -DCASE=${SCRATCH}/${case}.test -DWORKDIR=${SCRATCH}
            -DOUT=${SCRATCH}/out-${case} -P ${RUNNER}
    RESULT_VARIABLE rc)
  set(expected "${CASES}/${case}.test")
  if(case STREQUAL "stale")
    set(expected "${CASES}/odd-bytes.test")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${expected}" "${SCRATCH}/${case}.test"
                  RESULT_VARIABLE differ)
  if(NOT rc EQUAL 0 OR differ)
    file(READ "${SCRATCH}/${case}.test" written)
    message(NOTICE "${case}: the update (exit status ${rc}) wrote, instead of ${expected}:\n${written}")
    set(failed TRUE)
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${CASES}/side.in" "${SCRATCH}/side.in" RESULT_VARIABLE differ)
if(differ)
  message(NOTICE "side-file: the side file changed")
  set(failed TRUE)
endif()
if(failed)
  message(FATAL_ERROR "the update does not write .test files back as they are read")
endif()
