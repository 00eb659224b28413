# What `cmake --install` puts where (GNUInstallDirs, relative to the prefix):
#   bin/rkplan                                    the command            (component runtime)
#   share/man/man1/rkplan.1                       its manual page        (runtime)
#   share/bash-completion/completions/rkplan      bash completion        (runtime)
#   share/zsh/site-functions/_rkplan              zsh completion         (runtime)
#   include/rkplan/*.hpp                          the public headers     (development)
#   lib/librkplan.a                               the library            (development)
#   lib/cmake/rkplan/rkplan{Config,ConfigVersion,Targets}.cmake
#                                                 find_package(rkplan) -> rkplan::rkplan
# Included from the top-level CMakeLists.txt when RKPLAN_INSTALL is on.
include(CMakePackageConfigHelpers)

set(RKPLAN_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/rkplan
    CACHE STRING "Where rkplanConfig.cmake is installed, relative to the prefix")
mark_as_advanced(RKPLAN_INSTALL_CMAKEDIR)

install(TARGETS rkplan
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
# The page as written, with its version filled in.
configure_file(${PROJECT_SOURCE_DIR}/docs/rkplan.1 ${PROJECT_BINARY_DIR}/rkplan.1 @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/rkplan.1
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/docs/completions/rkplan.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME rkplan COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/docs/completions/_rkplan
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions COMPONENT runtime)

install(TARGETS rkplan_lib EXPORT rkplanTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/rkplan
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development
  FILES_MATCHING PATTERN "*.hpp")
install(EXPORT rkplanTargets NAMESPACE rkplan::
  DESTINATION ${RKPLAN_INSTALL_CMAKEDIR} COMPONENT development)

# Before 1.0 a minor release may change the library's interface.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/rkplanConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/rkplanConfigVersion.cmake
  DESTINATION ${RKPLAN_INSTALL_CMAKEDIR} COMPONENT development)

# The static library's PRIVATE dependencies (toml++, ...) are in its exported link
# interface as $<LINK_ONLY:...>, so the config must find every package whose imported
# targets rkplan_lib links, not only the PUBLIC fmt. The list is read from the target at
# the end of the top-level directory, so a dependency added anywhere in CMakeLists.txt
# is seen; a package is named by its target's namespace (fmt::fmt -> fmt) or, for a plain
# imported target, by the target itself.
function(rkplan_write_package_config)
  get_target_property(links rkplan_lib LINK_LIBRARIES)
  get_target_property(interface_links rkplan_lib INTERFACE_LINK_LIBRARIES)
  set(packages)
  foreach(item IN LISTS links interface_links)
    if(NOT TARGET "${item}")
      continue()
    endif()
    get_target_property(imported "${item}" IMPORTED)
    if(NOT imported)
      continue()
    endif()
    if(item MATCHES "^([^:]+)::")
      list(APPEND packages ${CMAKE_MATCH_1})
    else()
      list(APPEND packages ${item})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES packages)
  set(RKPLAN_FIND_DEPENDENCIES)
  foreach(package IN LISTS packages)
    string(APPEND RKPLAN_FIND_DEPENDENCIES "find_dependency(${package})\n")
  endforeach()
  configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/rkplanConfig.cmake.in
    ${PROJECT_BINARY_DIR}/rkplanConfig.cmake
    INSTALL_DESTINATION ${RKPLAN_INSTALL_CMAKEDIR})
endfunction()
cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL rkplan_write_package_config)
install(FILES ${PROJECT_BINARY_DIR}/rkplanConfig.cmake
  DESTINATION ${RKPLAN_INSTALL_CMAKEDIR} COMPONENT development)
