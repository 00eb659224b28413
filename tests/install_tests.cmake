# rkplan installed like a real tool (cmake/RkplanInstall.cmake), in a scratch prefix
# inside the build folder: what lands where, that another CMake project can
# find_package(rkplan) and link rkplan::rkplan (as fmt's find-package-test does), and
# that the man page and the shell completions are well-formed, work, and know every
# command and option the binary has. See tests/install_test.sh.
if(NOT RKPLAN_INSTALL)
  return()
endif()

set(install_scratch ${CMAKE_CURRENT_BINARY_DIR}/install-test)
set(install_env
  RKPLAN_BINDIR=${CMAKE_INSTALL_BINDIR} RKPLAN_LIBDIR=${CMAKE_INSTALL_LIBDIR}
  RKPLAN_INCLUDEDIR=${CMAKE_INSTALL_INCLUDEDIR} RKPLAN_MANDIR=${CMAKE_INSTALL_MANDIR}
  RKPLAN_DATADIR=${CMAKE_INSTALL_DATADIR} RKPLAN_CMAKEDIR=${RKPLAN_INSTALL_CMAKEDIR}
  RKPLAN_VERSION=${PROJECT_VERSION})

# The consumer is built like rkplan: same compiler, generator, build type and, in a
# sanitizer build, the runtime the instrumented library needs.
set(consumer_args -G ${CMAKE_GENERATOR} -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
    -DCMAKE_BUILD_TYPE=$<CONFIG>)
if(RKPLAN_SANITIZE)
  list(APPEND consumer_args "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined"
       "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined")
endif()

add_test(NAME install/prefix
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/install_test.sh prefix ${install_scratch}/prefix
          ${CMAKE_COMMAND} ${PROJECT_BINARY_DIR} $<CONFIG> ${PROJECT_SOURCE_DIR})
add_test(NAME install/find-package
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/install_test.sh find-package ${install_scratch}/prefix
          ${CMAKE_COMMAND} ${CMAKE_CURRENT_SOURCE_DIR}/find-package ${install_scratch}/consumer ${consumer_args})
add_test(NAME install/docs
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/install_test.sh docs ${install_scratch}/prefix
          ${install_scratch}/docs)
set_tests_properties(install/prefix PROPERTIES FIXTURES_SETUP rkplan_installed)
set_tests_properties(install/find-package install/docs PROPERTIES FIXTURES_REQUIRED rkplan_installed)
set_tests_properties(install/prefix install/find-package install/docs PROPERTIES
  ENVIRONMENT "${install_env}" TIMEOUT 300)
