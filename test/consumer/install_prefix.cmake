# Fixture: install the built tree into PREFIX (a scratch directory of the
# test), then check that everything went there and only there.
# -D: BUILD_DIR PREFIX LIBDIR INCLUDEDIR DOCDIR BINDIR
#     FRONT_ENDS (","-separated file names of the front ends built)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

file(REMOVE_RECURSE ${PREFIX})
# `cmake --install` always writes install_manifest.txt into the build tree;
# put back whatever a real install left there (or nothing).
set(manifest ${BUILD_DIR}/install_manifest.txt)
set(saved ${PREFIX}.manifest)
file(REMOVE ${saved})
if(EXISTS ${manifest})
  file(RENAME ${manifest} ${saved})
endif()
unset(ENV{DESTDIR}) # would redirect the install under another root

execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(EXISTS ${saved})
  file(RENAME ${saved} ${manifest})
else()
  file(REMOVE ${manifest})
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}")
endif()
message(STATUS "${out}")

# Nothing outside the prefix: an absolute DESTINATION would write to /.
string(REGEX MATCHALL "-- (Installing|Up-to-date): [^\n]*" lines "${out}")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "^-- [^:]*: " "" path "${line}")
  cmake_path(IS_PREFIX PREFIX "${path}" NORMALIZE inside)
  if(NOT inside)
    message(FATAL_ERROR "installed outside ${PREFIX}: ${path}")
  endif()
endforeach()

set(expected
  ${INCLUDEDIR}/rcu/rcu.hpp
  ${INCLUDEDIR}/rcu/detail/config.hpp
  ${LIBDIR}/librcubox.a
  ${LIBDIR}/cmake/rcubox/rcuboxConfig.cmake
  ${LIBDIR}/cmake/rcubox/rcuboxConfigVersion.cmake
  ${LIBDIR}/cmake/rcubox/rcuboxTargets.cmake
  ${LIBDIR}/cmake/rcubox/RcuboxChecks.cmake
  ${LIBDIR}/pkgconfig/rcubox.pc
  ${DOCDIR}/install.md
  ${DOCDIR}/LICENSE)
string(REPLACE "," ";" front_ends "${FRONT_ENDS}")
foreach(name IN LISTS front_ends)
  if(name STREQUAL "rcu-check")
    list(APPEND expected ${BINDIR}/${name})
  else()
    list(APPEND expected ${LIBDIR}/rcubox/${name})
  endif()
endforeach()
foreach(file IN LISTS expected)
  if(NOT EXISTS ${PREFIX}/${file})
    message(FATAL_ERROR "not installed: ${PREFIX}/${file}")
  endif()
endforeach()
