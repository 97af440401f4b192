# add_subdirectory(rcubox): configure, build and test test/consumer/subdir.
# GTest, Google Benchmark and LLVM are made unfindable: a subproject must not
# need them, since its tests, benchmarks and plugin are off by default.
# -D: RCUBOX_SOURCE_DIR SOURCE_DIR BINARY_DIR CC CXX GENERATOR MAKE_PROGRAM CTEST
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

file(REMOVE_RECURSE ${BINARY_DIR})
consumer_run("configure" OUTPUT out COMMAND ${CMAKE_COMMAND}
  -S ${SOURCE_DIR} -B ${BINARY_DIR} ${CONSUMER_GENERATOR_ARGS}
  -DCMAKE_C_COMPILER=${CC} -DCMAKE_CXX_COMPILER=${CXX}
  -DRCUBOX_SOURCE_DIR=${RCUBOX_SOURCE_DIR}
  -DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON
  -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON
  -DCMAKE_DISABLE_FIND_PACKAGE_LLVM=ON
  -DCMAKE_DISABLE_FIND_PACKAGE_Clang=ON
  --no-warn-unused-cli) # the DISABLE variables are unused when all is well
message(STATUS "${out}")
consumer_count(lines "${CONSUMER_NO_CHECKS_LINE}" "${out}")
if(NOT lines EQUAL 1)
  message(FATAL_ERROR "expected rcubox_enable_checks() to print one line, got ${lines}")
endif()

consumer_run("build" COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} -j 2)
# Only the consumer's own test: none of rcubox's suites were added.
consumer_run("list tests" OUTPUT out COMMAND ${CTEST} --test-dir ${BINARY_DIR} -N)
if(NOT out MATCHES "Total Tests: 1\n")
  message(FATAL_ERROR "expected only the consumer's test:\n${out}")
endif()
consumer_run("test" COMMAND ${CTEST} --test-dir ${BINARY_DIR} --output-on-failure)
