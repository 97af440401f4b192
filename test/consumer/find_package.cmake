# find_package(rcubox CONFIG) from the installed prefix, with compiler CXX:
# configure, build and run test/consumer/installed.
#   CHECKS=ON:  CXX can load the installed plugin. `app` builds (WERROR, so a
#               false positive would fail it) and the deliberate escape in
#               `escape` must fail to build with an rcu-borrow-escape error,
#               but build in `escape_deselected` (CHECKS "-*" rcu-send-sync).
#   CHECKS=OFF: rcubox_enable_checks() prints its one line and adds nothing,
#               so every target builds. The route that line names then
#               works: the installed rcu-check (RCU_CHECK, when installed)
#               finds the escape in this build's compile_commands.json and
#               nothing in app.cpp.
# -D: PREFIX SOURCE_DIR BINARY_DIR CXX CHECKS GENERATOR MAKE_PROGRAM [RCU_CHECK]
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

file(REMOVE_RECURSE ${BINARY_DIR})
consumer_run("configure" OUTPUT out COMMAND ${CMAKE_COMMAND}
  -S ${SOURCE_DIR} -B ${BINARY_DIR} ${CONSUMER_GENERATOR_ARGS}
  -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${PREFIX}
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)
message(STATUS "${out}")

# The package that was found is the one just installed, not a system one.
file(STRINGS ${BINARY_DIR}/CMakeCache.txt found REGEX "^rcubox_DIR:")
string(REGEX REPLACE "^[^=]*=" "" found "${found}")
cmake_path(IS_PREFIX PREFIX "${found}" NORMALIZE from_prefix)
if(NOT from_prefix)
  message(FATAL_ERROR "found rcubox in ${found}, not under ${PREFIX}")
endif()

consumer_count(lines "${CONSUMER_NO_CHECKS_LINE}" "${out}")
if(CHECKS AND NOT lines EQUAL 0)
  message(FATAL_ERROR "${CXX} can load the plugin, but rcubox_enable_checks() declined")
elseif(NOT CHECKS AND NOT lines EQUAL 1)
  message(FATAL_ERROR "expected rcubox_enable_checks() to print one line, got ${lines}")
endif()

consumer_run("build" COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} -j 2)
consumer_run("run app" OUTPUT out COMMAND ${BINARY_DIR}/app)
if(NOT out MATCHES "consumer: generation 100")
  message(FATAL_ERROR "app printed:\n${out}")
endif()

if(CHECKS)
  consumer_run("build escape" WILL_FAIL OUTPUT out
    COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --target escape)
  if(NOT out MATCHES "error: [^\n]*used after the read-side critical section[^\n]*\\[rcu-borrow-escape\\]")
    message(FATAL_ERROR "escape failed to build, but not because of rcu-borrow-escape:\n${out}")
  endif()
  message(STATUS "escape rejected as expected")
  consumer_run("build escape_deselected"
    COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --target escape_deselected)
else()
  consumer_run("build escape" COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR}
    --target escape escape_deselected)
endif()

if(NOT CHECKS AND RCU_CHECK)
  consumer_run("rcu-check app.cpp" COMMAND ${RCU_CHECK} -p ${BINARY_DIR} ${SOURCE_DIR}/app.cpp)
  consumer_run("rcu-check escape.cpp" WILL_FAIL OUTPUT out
    COMMAND ${RCU_CHECK} -p ${BINARY_DIR} ${SOURCE_DIR}/escape.cpp)
  if(NOT out MATCHES "used after the read-side critical section[^\n]*\\[rcu-borrow-escape")
    message(FATAL_ERROR "rcu-check failed, but not with rcu-borrow-escape:\n${out}")
  endif()
endif()
