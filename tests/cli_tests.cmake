# Command-line tests: each runs the real binary and compares its whole output.
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/cli-output)
set(RKPLAN_TODAY 2026-11-21)

# rkplan_cli_test(NAME WORKDIR dir RC n [RC_FILE file] [STDOUT file] [STDERR file] [STDIN file] ARGS ...)
#   runs rkplan with ARGS and compares with the expected files (run_cli.cmake); RC_FILE
#   holds the exit status, for RKPLAN_UPDATE_GOLDEN=1 to rewrite.
# rkplan_cli_test(NAME WORKDIR dir CASE file.test)
#   runs the golden case of one .test file (the format is at the top of run_cli.cmake).
function(rkplan_cli_test name)
  cmake_parse_arguments(T "" "WORKDIR;RC;RC_FILE;STDOUT;STDERR;STDIN;CASE" "ARGS" ${ARGN})
  string(REPLACE "/" "_" scratch ${name})
  set(out -DOUT=${CMAKE_CURRENT_BINARY_DIR}/cli-output/${scratch})
  if(T_CASE)
    add_test(NAME ${name}
      COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:rkplan> -DWORKDIR=${T_WORKDIR} -DCASE=${T_CASE} ${out}
              -P ${CMAKE_CURRENT_SOURCE_DIR}/run_cli.cmake)
    return()
  endif()
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:rkplan> "-DARGS=${T_ARGS}" -DWORKDIR=${T_WORKDIR}
            -DEXPECT_RC=${T_RC} -DEXPECT_RC_FILE=${T_RC_FILE} -DEXPECT_STDOUT=${T_STDOUT} -DEXPECT_STDERR=${T_STDERR}
            -DSTDIN=${T_STDIN} ${out} -P ${CMAKE_CURRENT_SOURCE_DIR}/run_cli.cmake)
endfunction()

# The bad-input catalogue: one case per mistake, its whole expected error output in
# NAME.stderr; every one exits 2 and prints nothing on standard output. A file NAME.toml
# is read by `rkplan weeks NAME.toml`; a mistake on the command line has NAME.args instead
# (the arguments, one a line, run in data/errors; a log case names a history that does not
# exist, so that nothing can be written even if the option were accepted).
set(errors_dir ${CMAKE_CURRENT_SOURCE_DIR}/data/errors)
file(GLOB error_cases RELATIVE ${errors_dir} ${errors_dir}/*.toml ${errors_dir}/*.args)
set(error_stems)
foreach(case ${error_cases})
  string(REGEX REPLACE "\\.(toml|args)$" "" stem ${case})
  list(APPEND error_stems ${stem})
endforeach()
list(REMOVE_DUPLICATES error_stems)
foreach(stem ${error_stems})
  if(EXISTS ${errors_dir}/${stem}.args)
    file(STRINGS ${errors_dir}/${stem}.args error_args)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${errors_dir}/${stem}.args)
  else()
    set(error_args weeks ${stem}.toml --today ${RKPLAN_TODAY})
  endif()
  rkplan_cli_test(errors/${stem} WORKDIR ${errors_dir} RC 2 STDERR ${errors_dir}/${stem}.stderr ARGS ${error_args})
endforeach()

# Golden command tests: one file tests/golden/NAME.test per case, the test golden/NAME:
# the command line ($ rkplan ..., run in the source tree's top folder), its standard
# input (<), the expected standard output (>) and standard error (>2), and the exit
# status (>= N). The format is described at the top of run_cli.cmake and in
# docs/development.md; the file is read when the test runs, so an edited case needs no
# new cmake run (a new one does: the folder is a configure dependency).
# RKPLAN_UPDATE_GOLDEN=1 ctest -R golden/ rewrites each .test file in place.
file(GLOB golden_cases ${CMAKE_CURRENT_SOURCE_DIR}/golden/*.test)
foreach(case ${golden_cases})
  get_filename_component(stem ${case} NAME_WLE)
  rkplan_cli_test(golden/${stem} WORKDIR ${PROJECT_SOURCE_DIR} CASE ${case})
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/golden ${CMAKE_CURRENT_SOURCE_DIR}/data/errors)

# toml-test, the TOML project's conformance corpus, as a peer's test suite.
add_test(NAME toml-test COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/toml_test.sh $<TARGET_FILE:rkplan> ${RKPLAN_TOML_TEST_DIR})
set_tests_properties(toml-test PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 1200)

# The README's tour: each shown command's output must match what rkplan prints.
add_test(NAME readme COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/readme_test.sh $<TARGET_FILE:rkplan> ${PROJECT_SOURCE_DIR}/README.md)
# The manual's pages whose commands run on files of this tree are kept true the same way
# (import.md shows runs on real exports that are not in the repository).
foreach(page commands)
  add_test(NAME manual/${page}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/readme_test.sh $<TARGET_FILE:rkplan>
                   ${PROJECT_SOURCE_DIR}/docs/manual/${page}.md ${PROJECT_SOURCE_DIR})
endforeach()

# The rules catalogue: one small history per rule of SPEC §3's findings table (and its
# edge cases, and clean histories that obey every rule), checked with --fail-on info;
# NAME.stdout / NAME.stderr hold the whole expected output, NAME.rc the exit status
# (RKPLAN_UPDATE_GOLDEN=1 rewrites all three).
file(GLOB rules_cases RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/data/rules ${CMAKE_CURRENT_SOURCE_DIR}/data/rules/*.toml)
foreach(case ${rules_cases})
  string(REGEX REPLACE "\\.toml$" "" stem ${case})
  set(rules_dir ${CMAKE_CURRENT_SOURCE_DIR}/data/rules)
  # Without NAME.rc the test fails (an expected status that no run can have).
  set(rules_rc missing-${stem}.rc)
  if(EXISTS ${rules_dir}/${stem}.rc)
    file(READ ${rules_dir}/${stem}.rc rules_rc)
    string(STRIP "${rules_rc}" rules_rc)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${rules_dir}/${stem}.rc)
  endif()
  rkplan_cli_test(rules/${stem} WORKDIR ${rules_dir} RC ${rules_rc} RC_FILE ${rules_dir}/${stem}.rc
    STDOUT ${rules_dir}/${stem}.stdout STDERR ${rules_dir}/${stem}.stderr
    ARGS check ${case} --today ${RKPLAN_TODAY} --fail-on info)
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/data/rules)

# The calendar output, byte for byte, through a real iCalendar parser (Debian's
# python3-icalendar, installed by cmake/dev.sh test).
foreach(example return-to-run half-marathon weekly-miles)
  add_test(NAME ics/${example}
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/ics_check.py ${CMAKE_CURRENT_SOURCE_DIR}/golden/plan-${example}-ics.ics)
endforeach()

add_test(NAME ics/calculator
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/ics_check.py ${CMAKE_CURRENT_SOURCE_DIR}/golden/plan-from-ics.ics)

# init writes a file: in a scratch folder, never in the source tree.
add_test(NAME init-writes COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/init_test.sh $<TARGET_FILE:rkplan>)

# plot writes (and replaces) a chart in a scratch folder, never over the history it reads.
add_test(NAME plot-writes COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/plot_test.sh $<TARGET_FILE:rkplan>
                                  ${PROJECT_SOURCE_DIR}/examples/return-to-run.toml)
# The PNG is drawn through fontconfig, whose caches live as long as the process (lsan.supp).
set_tests_properties(plot-writes PROPERTIES ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp:print_suppressions=0")
# The README's example chart is what rkplan draws today (RKPLAN_UPDATE_GOLDEN=1 renews it).
rkplan_cli_test(docs/plot-example WORKDIR ${PROJECT_SOURCE_DIR} RC 0 STDOUT ${PROJECT_SOURCE_DIR}/docs/plot-example.svg
  ARGS plot examples/return-to-run.toml --today ${RKPLAN_TODAY} -o -)

# log appends to a copy of an example in a scratch folder: exact bytes, permissions, and
# the file untouched (no leftovers) on every refusal and every failed step of the write.
add_test(NAME log-appends COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/log_test.sh $<TARGET_FILE:rkplan> ${PROJECT_SOURCE_DIR}/examples)

# Hostile inputs (oversized, 100,000 entries, deep nesting, 10,000 errors, long strings,
# a week of 10,000 runs) and a checksum of every input around every read-only command.
add_test(NAME hostile-inputs COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/hostile_test.sh $<TARGET_FILE:rkplan>)
set_tests_properties(hostile-inputs PROPERTIES TIMEOUT 900)
add_test(NAME inputs-untouched COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/untouched_test.sh $<TARGET_FILE:rkplan> ${PROJECT_SOURCE_DIR})

# import --append in a scratch folder: the history kept as a prefix, re-import adds
# nothing, the result plans; bad input appends nothing; a truncated FIT refused at its byte offset.
add_test(NAME import-appends COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/import_test.sh $<TARGET_FILE:rkplan> ${PROJECT_SOURCE_DIR})

# log KIND: every entry kind with an option per key, option syntax errors naming the
# option, and what the entry means (its findings, the status it changes, --fail-on).
add_test(NAME log-kinds COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/log_kinds_test.sh $<TARGET_FILE:rkplan>)
# log soreness: the next morning's value set on a run in place, every other byte kept.
add_test(NAME log-soreness COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/soreness_test.sh $<TARGET_FILE:rkplan> ${PROJECT_SOURCE_DIR}/examples)
# Concurrent writers wait for the history's lock: 30 at once all land; a lock held too
# long is a clear error that changes nothing.
add_test(NAME log-concurrent-writers COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/lock_test.sh $<TARGET_FILE:rkplan> ${PROJECT_SOURCE_DIR})
set_tests_properties(log-concurrent-writers PROPERTIES TIMEOUT 300)

# Text from a file never reaches a terminal as control characters (every command, every
# format meant for people; CSV and TSV carry it as it is).
add_test(NAME control-characters COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/control_chars_test.sh $<TARGET_FILE:rkplan> ${PROJECT_SOURCE_DIR})

# The golden runner itself (run_cli.cmake), on cases of its own in data/runner, with
# /bin/sh standing for rkplan: odd bytes (no final line break, CRLF, ; and [ ]), inline
# and side-file input and output, an update that writes each file back as it was and
# fixes a stale one's output and exit status, and cases that must fail, each for its
# reason.
set(runner_dir ${CMAKE_CURRENT_SOURCE_DIR}/data/runner)
foreach(case odd-bytes stdin silent side-file)
  add_test(NAME runner/${case}
    COMMAND ${CMAKE_COMMAND} -DBIN=/bin/sh -DCASE=${runner_dir}/${case}.test -DWORKDIR=${runner_dir}
            -DOUT=${CMAKE_CURRENT_BINARY_DIR}/cli-output/runner_${case} -P ${CMAKE_CURRENT_SOURCE_DIR}/run_cli.cmake)
endforeach()
set(runner_fails
  "wrong-byte=stdout differs.*\n-y\n\\+x\n"
  "wrong-status=exit status 0, expected 1"
  "missing-no-newline=stdout differs.*\n-x\n\\+x\n. No newline at end of file"
  "unexpected-stderr=stderr differs.*\n\\+x\n")
foreach(pair ${runner_fails})
  string(REGEX MATCH "^[^=]+" case "${pair}")
  string(REGEX REPLACE "^[^=]+=" "" reason "${pair}")
  add_test(NAME runner/fails-${case}
    COMMAND ${CMAKE_COMMAND} -DBIN=/bin/sh -DCASE=${runner_dir}/${case}.fail -DWORKDIR=${runner_dir}
            -DOUT=${CMAKE_CURRENT_BINARY_DIR}/cli-output/runner_${case} -P ${CMAKE_CURRENT_SOURCE_DIR}/run_cli.cmake)
  # Passes only on the failure it is meant to show (and its diff).
  set_tests_properties(runner/fails-${case} PROPERTIES PASS_REGULAR_EXPRESSION "${reason}")
endforeach()
add_test(NAME runner/update
  COMMAND ${CMAKE_COMMAND} -DRUNNER=${CMAKE_CURRENT_SOURCE_DIR}/run_cli.cmake -DCASES=${runner_dir}
          -DSCRATCH=${CMAKE_CURRENT_BINARY_DIR}/cli-output/runner-update -P ${CMAKE_CURRENT_SOURCE_DIR}/run_cli_update_test.cmake)
# RKPLAN_UPDATE_GOLDEN=1 ctest must not rewrite these cases (the failing ones least of all).
get_property(runner_tests DIRECTORY PROPERTY TESTS)
list(FILTER runner_tests INCLUDE REGEX "^runner/")
set_tests_properties(${runner_tests} PROPERTIES ENVIRONMENT_MODIFICATION "RKPLAN_UPDATE_GOLDEN=unset:")
