# pkg-config: compile and run test/consumer/installed/app.cpp with nothing but
# `pkg-config --cflags --libs rcubox` against the installed prefix.
# -D: PREFIX LIBDIR PKG_CONFIG CXX SOURCE BINARY_DIR VERSION
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

file(REMOVE_RECURSE ${BINARY_DIR})
file(MAKE_DIRECTORY ${BINARY_DIR})
# Only the test's prefix is searched for rcubox.pc (liburcu's own .pc file is
# still found through pkg-config's default path).
set(ENV{PKG_CONFIG_PATH} ${PREFIX}/${LIBDIR}/pkgconfig)

consumer_run("version" OUTPUT version COMMAND ${PKG_CONFIG} --modversion rcubox)
string(STRIP "${version}" version)
if(NOT version STREQUAL VERSION)
  message(FATAL_ERROR "rcubox.pc says version ${version}, the project is ${VERSION}")
endif()

consumer_run("flags" OUTPUT flags COMMAND ${PKG_CONFIG} --cflags --libs rcubox)
string(STRIP "${flags}" flags)
message(STATUS "pkg-config --cflags --libs rcubox: ${flags}")
if(NOT flags MATCHES "-I${PREFIX}/")
  message(FATAL_ERROR "rcubox.pc does not point into ${PREFIX}: ${flags}")
endif()
if(NOT flags MATCHES "-DRCUBOX_URCU_INLINE=[01]")
  message(FATAL_ERROR "rcubox.pc lacks the runtime's RCUBOX_URCU_INLINE definition: ${flags}")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")

consumer_run("compile" COMMAND ${CXX} -std=c++20 ${SOURCE} ${flags} -o ${BINARY_DIR}/app)
consumer_run("run app" OUTPUT out COMMAND ${BINARY_DIR}/app)
if(NOT out MATCHES "consumer: generation 100")
  message(FATAL_ERROR "app printed:\n${out}")
endif()
