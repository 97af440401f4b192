// The bugs `cmake/rcubox.sh example` shows with rcu-check stay found, each
// with its explanation.
// RUN: not %rcu_check --quiet %rcubox_src/examples/bugs/session_cache.cpp %rcubox_src/examples/bugs/hit_counter.cpp -- %compile_args | FileCheck %s
// CHECK: session_cache.cpp:25:18: warning: pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'last_limits_' [rcu-borrow-escape]
// CHECK: session_cache.cpp:43:12: warning: pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape]
// CHECK: hit_counter.cpp:17:6: warning: 'rcu::Pointer<RouteStats>' requires 'RouteStats' to be Sync: readers on many threads share it [rcu-send-sync]
// CHECK: hit_counter.cpp:12:25: note: 'RouteStats' is not Sync because 'mutable std::uint64_t hits' allows unsynchronised mutation through a shared reference
// CHECK-NOT: warning:
