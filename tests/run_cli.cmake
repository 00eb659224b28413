# Runs one rkplan command and compares its standard output, standard error and exit
# status with what is expected, byte for byte. Two ways to say what is expected:
#
#   cmake -DBIN=rkplan -DCASE=tests/golden/NAME.test -DWORKDIR=dir -DOUT=scratch-prefix -P run_cli.cmake
#     A golden case: one file holding the command, its standard input, the expected
#     output and the exit status (the format is below).
#   cmake -DBIN=rkplan -DARGS=a;b -DWORKDIR=dir -DEXPECT_STDOUT=file -DEXPECT_STDERR=file
#         -DEXPECT_RC=n [-DEXPECT_RC_FILE=file] [-DSTDIN=file] -DOUT=scratch-prefix -P run_cli.cmake
#     Expected files side by side (the bad-input catalogue, the rules catalogue, the
#     README's chart); an expected file left out means that stream must be empty.
#
# The command runs in WORKDIR with NO_COLOR=1; its output goes to OUT.stdout and
# OUT.stderr (files, not variables: CMake would alter the bytes, CRLF among them). A
# difference is shown as a unified diff (a carriage return shown as \r).
#
# With the environment variable RKPLAN_UPDATE_GOLDEN=1 it writes what the command printed
# and its exit status into the expected files, or into the .test file in place, instead
# of comparing (review the diff before committing).
#
# The .test format (after hledger's shelltest files, format 3), for example:
#
#   # Comment lines, and blank lines, may come before the command.
#   $ rkplan plan - --today 2026-11-21 --weeks 2
#   <
#   [[run]]
#   date = 2026-11-16
#   distance = 3.0
#   >
#   ...expected standard output...
#   >2
#   ...expected standard error...
#   >= 0
#
# - `$ rkplan ARGS`: the command, one line, split as CMake's separate_arguments(UNIX_COMMAND)
#   does: whitespace separates, '...' and "..." quote, and a backslash escapes the next
#   character (unlike a shell, also within '...'); no variables or globs. The first word
#   is rkplan, run as BIN.
# - `<`, `>` and `>2` start the standard input, the expected standard output and the
#   expected standard error, in that order. Each holds the lines that follow it up to the
#   next marker, byte for byte (a carriage return stays part of its line). A section left
#   out is empty: an output without its section must be empty, and without `<` the
#   command reads the test's own standard input, as ctest gives it.
# - The line `\ No newline at end of file` (as diff writes it) after a section's last line
#   means the text does not end with a line break.
# - `< @FILE`, `> @FILE`, `>2 @FILE`: the section is the bytes of FILE, beside the .test
#   file (the iCalendar outputs, whose CRLF lines are kept as the calendar tools read them).
# - `>= N`, the last line, is the exit status.
# A line of a section cannot be `<`, `>` or `>2`, alone or followed by ` @...`, nor the
# no-newline line: the update refuses such output (keep it in a side file, `> @FILE`).

cmake_minimum_required(VERSION 3.21)
set(no_eol_line "\\ No newline at end of file")

# The bytes of `file` into `out`. file(READ) drops the carriage return of each CRLF (it
# reads line by line), so where the file has one, the lines are told apart by its HEX
# reading and the carriage returns put back. (No NUL byte can be held: no output has one.)
function(read_exact file out)
  file(READ "${file}" text)
  file(READ "${file}" hex HEX)
  string(REGEX REPLACE "(..)" "\\1 " hex "${hex}")
  if(NOT hex MATCHES "0d 0a ")
    set(${out} "${text}" PARENT_SCOPE)
    return()
  endif()
  # One element per line of the file, in hex: hex has no ';' of its own.
  string(REPLACE "0a " "0a;" hex_lines "${hex}")
  set(exact "")
  set(rest "${text}")
  foreach(hex_line IN LISTS hex_lines)
    if(NOT hex_line MATCHES "0a$")
      break()
    endif()
    string(FIND "${rest}" "\n" eol)
    string(SUBSTRING "${rest}" 0 ${eol} line)
    math(EXPR eol "${eol} + 1")
    string(SUBSTRING "${rest}" ${eol} -1 rest)
    if(hex_line MATCHES "0d 0a$")
      string(APPEND exact "${line}\r\n")
    else()
      string(APPEND exact "${line}\n")
    endif()
  endforeach()
  set(${out} "${exact}${rest}" PARENT_SCOPE)
endfunction()

# Splits the lines of `text` (a line break after each) at the first line for which
# `regex` matches: `before` gets the lines above it, `line` the line itself (without its
# line break), `after` the rest. `line` is unset if no line matches.
function(split_at_line text regex before line after)
  set(head "")
  set(rest "${text}")
  while(NOT rest STREQUAL "")
    string(FIND "${rest}" "\n" eol)
    if(eol EQUAL -1)
      message(FATAL_ERROR "${CASE}: the last line has no line break")
    endif()
    string(SUBSTRING "${rest}" 0 ${eol} current)
    math(EXPR next "${eol} + 1")
    string(SUBSTRING "${rest}" ${next} -1 rest)
    if(current MATCHES "${regex}")
      set(${before} "${head}" PARENT_SCOPE)
      set(${line} "${current}" PARENT_SCOPE)
      set(${after} "${rest}" PARENT_SCOPE)
      return()
    endif()
    string(APPEND head "${current}\n")
  endwhile()
  set(${before} "${head}" PARENT_SCOPE)
  unset(${line} PARENT_SCOPE)
  set(${after} "" PARENT_SCOPE)
endfunction()

# The bytes a section's lines stand for: the no-newline line taken off with the line
# break before it.
function(section_bytes lines out)
  set(mark "${no_eol_line}\n")
  string(LENGTH "${lines}" n)
  string(LENGTH "${mark}" m)
  if(n GREATER m)
    math(EXPR at "${n} - ${m}")
    string(SUBSTRING "${lines}" ${at} -1 tail)
    if(tail STREQUAL mark)
      math(EXPR at "${at} - 1")
      string(SUBSTRING "${lines}" 0 ${at} lines)
    endif()
  endif()
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()

# A section as the .test file writes it: `header`, then the lines of `bytes`.
function(section_text header bytes out)
  set(text "${header}\n${bytes}")
  if(NOT bytes MATCHES "\n$")
    string(APPEND text "\n${no_eol_line}\n")
  endif()
  set(probe "\n${bytes}\n")
  string(FIND "${probe}" "\n${no_eol_line}\n" no_eol_at)
  set(reserved "")
  if(probe MATCHES "\n(<|>|>2)( @[^\n]*)?\n")
    string(STRIP "${CMAKE_MATCH_0}" reserved)
  elseif(NOT no_eol_at EQUAL -1)
    set(reserved "${no_eol_line}")
  endif()
  if(NOT reserved STREQUAL "")
    message(FATAL_ERROR "${CASE}: the output has a line '${reserved}', which would read as a marker: "
                        "keep this output in a side file (${header} @FILE)")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Reads CASE into: command, stdin_file (or none), expect_stdout / expect_stderr (the
# bytes), stdout_side / stderr_side (a side file, or none), expect_rc, and keep (the
# text up to the expected output, which an update leaves as it is).
function(read_case)
  get_filename_component(dir "${CASE}" DIRECTORY)
  read_exact("${CASE}" text)
  split_at_line("${text}" "^\\$ " comments command_line rest)
  if(NOT DEFINED command_line)
    message(FATAL_ERROR "${CASE}: no command line ($ rkplan ...)")
  endif()
  if("\n${comments}" MATCHES "\n[^#\n]")
    message(FATAL_ERROR "${CASE}: only comment lines (#) may come before the command")
  endif()
  string(SUBSTRING "${command_line}" 2 -1 command)
  separate_arguments(command UNIX_COMMAND "${command}")
  # Not list(POP_FRONT): separate_arguments writes a ';' inside an argument as '\;', which
  # list operations would turn into a separator.
  if(NOT command MATCHES "^rkplan(;|$)")
    message(FATAL_ERROR "${CASE}: the command must start with rkplan: ${command_line}")
  endif()
  string(REGEX REPLACE "^rkplan(;|$)" "" command "${command}")
  set(command "${command}" PARENT_SCOPE)
  set(command_line "${command_line}" PARENT_SCOPE)

  # The exit status: the last line.
  if(NOT "\n${rest}" MATCHES "\n>= (-?[0-9]+)\n$")
    message(FATAL_ERROR "${CASE}: the last line must be the exit status, '>= N'")
  endif()
  set(expect_rc "${CMAKE_MATCH_1}" PARENT_SCOPE)
  string(LENGTH "${rest}" n)
  string(LENGTH "${CMAKE_MATCH_0}" m)
  math(EXPR n "${n} - ${m} + 1")
  string(SUBSTRING "${rest}" 0 ${n} body)

  set(keep "${comments}${command_line}\n")
  set(marker_regex "^(<|>|>2)( @.*)?$")
  split_at_line("${body}" "${marker_regex}" junk header body)
  if(NOT junk STREQUAL "")
    message(FATAL_ERROR "${CASE}: lines after the command that belong to no section (< > >2)")
  endif()
  set(seen "")
  set(stdin_file "none")
  set(stdout_side "none")
  set(stderr_side "none")
  set(expect_stdout "")
  set(expect_stderr "")
  while(DEFINED header)
    string(REGEX MATCH "^[<>2]+" name "${header}")
    set(side "")
    if(header MATCHES "^[<>2]+ @(.+)$")
      set(side "${dir}/${CMAKE_MATCH_1}")
    endif()
    split_at_line("${body}" "${marker_regex}" lines next_header body)
    if(NOT side STREQUAL "" AND NOT lines STREQUAL "")
      message(FATAL_ERROR "${CASE}: '${header}' takes its bytes from a file: no lines may follow it")
    endif()
    section_bytes("${lines}" bytes)
    list(APPEND seen "${name}")
    if(name STREQUAL "<")
      string(APPEND keep "${header}\n${lines}")
      if(side STREQUAL "")
        set(stdin_file "${OUT}.stdin")
        file(WRITE "${stdin_file}" "${bytes}")
      else()
        set(stdin_file "${side}")
      endif()
    elseif(name STREQUAL ">")
      if(side STREQUAL "")
        set(expect_stdout "${bytes}")
      else()
        set(stdout_side "${side}")
        read_exact("${side}" expect_stdout)
      endif()
    else()
      if(side STREQUAL "")
        set(expect_stderr "${bytes}")
      else()
        set(stderr_side "${side}")
        read_exact("${side}" expect_stderr)
      endif()
    endif()
    if(DEFINED next_header)
      set(header "${next_header}")
    else()
      unset(header)
    endif()
  endwhile()
  # Each section at most once, in the order < > >2.
  set(order "")
  foreach(name < > >2)
    if(name IN_LIST seen)
      list(APPEND order "${name}")
    endif()
  endforeach()
  if(NOT seen STREQUAL order)
    message(FATAL_ERROR "${CASE}: sections must come once each, in the order < > >2 (found: ${seen})")
  endif()
  foreach(var keep stdin_file stdout_side stderr_side expect_stdout expect_stderr)
    set(${var} "${${var}}" PARENT_SCOPE)
  endforeach()
endfunction()

if(DEFINED CASE)
  read_case()
  set(ARGS "${command}")
  set(STDIN "")
  if(NOT stdin_file STREQUAL "none")
    set(STDIN "${stdin_file}")
  endif()
  set(EXPECT_RC "${expect_rc}")
  # The expected bytes go to files, to be compared (and diffed) as the actual ones are.
  foreach(stream stdout stderr)
    string(TOUPPER "${stream}" upper)
    set(EXPECT_${upper} "${OUT}.expected.${stream}")
    file(WRITE "${EXPECT_${upper}}" "${expect_${stream}}")
  endforeach()
endif()

set(input_args)
if(DEFINED STDIN AND NOT STDIN STREQUAL "")
  set(input_args INPUT_FILE "${STDIN}")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env NO_COLOR=1 "${BIN}" ${ARGS}
  WORKING_DIRECTORY "${WORKDIR}"
  ${input_args}
  RESULT_VARIABLE rc
  OUTPUT_FILE "${OUT}.stdout"
  ERROR_FILE "${OUT}.stderr")

if(NOT "$ENV{RKPLAN_UPDATE_GOLDEN}" STREQUAL "" AND NOT "$ENV{RKPLAN_UPDATE_GOLDEN}" STREQUAL "0")
  if(NOT rc MATCHES "^-?[0-9]+$")
    message(FATAL_ERROR "the command did not run (${rc}): nothing updated")
  endif()
  if(DEFINED CASE)
    set(text "${keep}")
    foreach(stream stdout stderr)
      set(header ">")
      if(stream STREQUAL "stderr")
        set(header ">2")
      endif()
      read_exact("${OUT}.${stream}" actual)
      if(NOT ${stream}_side STREQUAL "none")
        file(COPY_FILE "${OUT}.${stream}" "${${stream}_side}")
        get_filename_component(side "${${stream}_side}" NAME)
        string(APPEND text "${header} @${side}\n")
      elseif(NOT actual STREQUAL "")
        section_text("${header}" "${actual}" section)
        string(APPEND text "${section}")
      endif()
    endforeach()
    string(APPEND text ">= ${rc}\n")
    file(WRITE "${CASE}" "${text}")
    message(STATUS "updated ${CASE} (exit status ${rc})")
    return()
  endif()
  foreach(stream STDOUT STDERR)
    if(EXPECT_${stream})
      string(TOLOWER "${stream}" lower)
      file(COPY_FILE "${OUT}.${lower}" "${EXPECT_${stream}}")
    endif()
  endforeach()
  if(DEFINED EXPECT_RC_FILE AND NOT EXPECT_RC_FILE STREQUAL "")
    file(WRITE "${EXPECT_RC_FILE}" "${rc}\n")
  endif()
  message(STATUS "updated the expected files (exit status ${rc})")
  return()
endif()

find_program(DIFF diff)
set(failed FALSE)
if(NOT rc STREQUAL "${EXPECT_RC}")
  message(NOTICE "exit status ${rc}, expected ${EXPECT_RC}")
  set(failed TRUE)
endif()
foreach(stream STDOUT STDERR)
  string(TOLOWER "${stream}" lower)
  set(expected_file "${EXPECT_${stream}}")
  if(NOT expected_file)
    file(SIZE "${OUT}.${lower}" size)
    if(NOT size EQUAL 0)
      read_exact("${OUT}.${lower}" actual)
      message(NOTICE "unexpected ${lower}:\n${actual}")
      set(failed TRUE)
    endif()
    continue()
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${expected_file}" "${OUT}.${lower}"
                  RESULT_VARIABLE differ)
  if(differ)
    if(DIFF)
      # To a file: OUTPUT_VARIABLE, like file(READ), would drop carriage returns.
      execute_process(COMMAND "${DIFF}" -u --label "expected ${lower}" --label "actual ${lower}"
                              "${expected_file}" "${OUT}.${lower}"
                      OUTPUT_FILE "${OUT}.${lower}.diff")
      read_exact("${OUT}.${lower}.diff" shown)
    else()
      read_exact("${expected_file}" expected)
      read_exact("${OUT}.${lower}" actual)
      set(shown "--- expected ${lower}\n${expected}\n--- actual ${lower}\n${actual}")
    endif()
    string(REPLACE "\r" "\\r" shown "${shown}")
    message(NOTICE "${lower} differs (actual output in ${OUT}.${lower}):\n${shown}")
    set(failed TRUE)
  endif()
endforeach()
if(failed)
  if(DEFINED CASE)
    set(command "${CASE}: ${command_line} (rkplan: ${BIN}, in ${WORKDIR})")
  else()
    string(REPLACE ";" " " command "${BIN} ${ARGS}")
    set(command "command: ${command} (in ${WORKDIR})")
  endif()
  message(FATAL_ERROR "${command}; after a deliberate change, RKPLAN_UPDATE_GOLDEN=1 rewrites what is expected")
endif()
