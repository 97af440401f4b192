// REQUIRES: clang-tidy
// examples/ci/.clang-tidy, as the CI workflow uses it: rcubox's checks only,
// findings are errors, so the job fails on examples/bugs.
// RUN: not %rcu_tidy --config-file=%rcubox_src/examples/ci/.clang-tidy %rcubox_src/examples/bugs/hit_counter.cpp -- %compile_args 2>&1 | FileCheck %s
// RUN: %rcu_tidy --config-file=%rcubox_src/examples/ci/.clang-tidy %inputs/project/clean.cpp -- %compile_args 2>&1 | FileCheck %s --check-prefix=CLEAN --allow-empty
// CHECK: hit_counter.cpp:17:6: error: 'rcu::Pointer<RouteStats>' requires 'RouteStats' to be Sync: readers on many threads share it [rcu-send-sync,-warnings-as-errors]
// CLEAN-NOT: error:
