# Runs one rkplan command and compares its standard output, standard error and exit
# status with expected files, byte for byte. Used as: cmake -DBIN=... -DARGS=a;b
#   -DWORKDIR=... -DEXPECT_STDOUT=file -DEXPECT_STDERR=file -DEXPECT_RC=n [-DSTDIN=file]
#   -DOUT=scratch-prefix -P run_cli.cmake
# With the environment variable RKPLAN_UPDATE_GOLDEN=1 it rewrites the expected files
# instead (review the diff before committing).
set(input_args)
if(DEFINED STDIN AND NOT STDIN STREQUAL "")
  set(input_args INPUT_FILE "${STDIN}")
endif()
# Output goes to files, not variables: CMake would turn CRLF (iCalendar) into LF.
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env NO_COLOR=1 "${BIN}" ${ARGS}
  WORKING_DIRECTORY "${WORKDIR}"
  ${input_args}
  RESULT_VARIABLE rc
  OUTPUT_FILE "${OUT}.stdout"
  ERROR_FILE "${OUT}.stderr")

if(DEFINED ENV{RKPLAN_UPDATE_GOLDEN})
  foreach(stream STDOUT STDERR)
    if(EXPECT_${stream})
      string(TOLOWER "${stream}" lower)
      file(COPY_FILE "${OUT}.${lower}" "${EXPECT_${stream}}")
    endif()
  endforeach()
  message(STATUS "updated golden files (exit status ${rc})")
  return()
endif()

set(failed FALSE)
if(NOT rc STREQUAL "${EXPECT_RC}")
  message(SEND_ERROR "exit status ${rc}, expected ${EXPECT_RC}")
  set(failed TRUE)
endif()
foreach(stream STDOUT STDERR)
  string(TOLOWER "${stream}" lower)
  set(expected_file "${EXPECT_${stream}}")
  if(NOT expected_file)
    file(SIZE "${OUT}.${lower}" size)
    if(NOT size EQUAL 0)
      file(READ "${OUT}.${lower}" actual)
      message(SEND_ERROR "unexpected ${lower}:\n${actual}")
      set(failed TRUE)
    endif()
    continue()
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${expected_file}" "${OUT}.${lower}"
                  RESULT_VARIABLE differ)
  if(differ)
    file(READ "${expected_file}" expected)
    file(READ "${OUT}.${lower}" actual)
    message(SEND_ERROR "${lower} differs from ${expected_file}\n--- expected ---\n${expected}\n--- actual ---\n${actual}")
    set(failed TRUE)
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "command: ${BIN} ${ARGS} (in ${WORKDIR})")
endif()
