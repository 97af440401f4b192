// REQUIRES: run-clang-tidy
// run-clang-tidy -load over a compilation database.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/a.cpp && cp %s %t/b.cpp
// RUN: printf '[{"directory":"%t","file":"%t/a.cpp","command":"clang++ %compile_args -I %inputs -c a.cpp"},{"directory":"%t","file":"%t/b.cpp","command":"clang++ %compile_args -I %inputs -c b.cpp"}]' > %t/compile_commands.json
// RUN: %run_clang_tidy -clang-tidy-binary %clang_tidy -load=%rcu_tidy_module -checks='-*,rcu-*' -p %t -quiet 2>&1 | FileCheck %s
#include "routes.h"

int reported(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p->key;
}
// CHECK-DAG: a.cpp:[[@LINE-2]]:10: warning: pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape]
// CHECK-DAG: b.cpp:[[@LINE-3]]:10: warning: pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape]
