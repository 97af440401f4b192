# Shared by the install tests' scripts (cmake -P).

# consumer_run(<what> COMMAND <command>... [WILL_FAIL] [OUTPUT <var>])
# Runs <command>, stdout and stderr together; fails the test when it fails
# (or, with WILL_FAIL, when it succeeds), showing what it printed.
function(consumer_run what)
  cmake_parse_arguments(PARSE_ARGV 1 arg "WILL_FAIL" "OUTPUT" "COMMAND")
  list(JOIN arg_COMMAND " " shown)
  message(STATUS "${what}: ${shown}")
  execute_process(COMMAND ${arg_COMMAND}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(arg_WILL_FAIL AND rc EQUAL 0)
    message(FATAL_ERROR "${what} succeeded but must fail:\n${out}")
  elseif(NOT arg_WILL_FAIL AND NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}")
  endif()
  if(arg_OUTPUT)
    set(${arg_OUTPUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

# consumer_count(<var> <regex> <text>): how many times <regex> matches <text>.
# (Not REGEX MATCHALL: it returns a list, and the matches contain semicolons.)
function(consumer_count out_var regex text)
  set(n 0)
  while(text MATCHES "${regex}")
    math(EXPR n "${n} + 1")
    string(FIND "${text}" "${CMAKE_MATCH_0}" at)
    string(LENGTH "${CMAKE_MATCH_0}" length)
    math(EXPR after "${at} + ${length}")
    string(SUBSTRING "${text}" ${after} -1 text)
  endwhile()
  set(${out_var} ${n} PARENT_SCOPE)
endfunction()

# The one line rcubox_enable_checks() prints when it adds nothing.
set(CONSUMER_NO_CHECKS_LINE "rcubox: rcubox_enable_checks\\(\\) adds no checks to this build: [^\n]*; check it with `rcu-check -p <build-dir>` instead")

# Everything a configure step needs to use the same generator as the tree.
set(CONSUMER_GENERATOR_ARGS -G ${GENERATOR})
if(MAKE_PROGRAM)
  list(APPEND CONSUMER_GENERATOR_ARGS -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
