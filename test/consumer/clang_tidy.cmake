# clang-tidy with the installed rcu-tidy.so: the escape in installed/escape.cpp
# is reported, so the shim found and loaded its -impl next to it.
# -D: PREFIX LIBDIR INCLUDEDIR CLANG_TIDY SOURCE
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

consumer_run("clang-tidy" WILL_FAIL OUTPUT out COMMAND ${CLANG_TIDY}
  --load=${PREFIX}/${LIBDIR}/rcubox/rcu-tidy.so --checks=-*,rcu-*
  --warnings-as-errors=rcu-* ${SOURCE}
  -- -std=c++20 -I${PREFIX}/${INCLUDEDIR})
if(NOT out MATCHES "used after the read-side critical section[^\n]*\\[rcu-borrow-escape[],]")
  message(FATAL_ERROR "clang-tidy failed, but not with rcu-borrow-escape:\n${out}")
endif()
