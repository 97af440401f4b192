// REQUIRES: clang-tidy
// The clang-tidy module: same checks, names, notes; clang-tidy's own NOLINT
// forms and warnings-as-errors; loaded next to clang-tidy's built-in checks.
// RUN: %rcu_tidy --checks='-*,rcu-*' %s -- %compile_args -I %inputs 2>&1 | FileCheck %s
// RUN: not %rcu_tidy --checks='-*,rcu-*' --warnings-as-errors='rcu-borrow-escape' %s -- %compile_args -I %inputs 2>&1 | FileCheck %s --check-prefix=WAE
// RUN: %rcu_tidy --checks='-*,rcu-*,bugprone-*,performance-*,readability-*,modernize-*' %s -- %compile_args -I %inputs 2>&1 | FileCheck %s --check-prefix=BUILTIN
// RUN: %rcu_tidy --checks='-*,rcu-send-sync' %s -- %compile_args -I %inputs 2>&1 | FileCheck %s --check-prefix=OTHER --allow-empty
// RUN: %rcu_tidy --checks='-*,rcu-*' --list-checks | FileCheck %s --check-prefix=LIST
// RUN: not %clang_tidy --checks='-*,rcu-*' --list-checks
#include "routes.h"

int reported(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p->key;
}
// CHECK: basics.cpp:[[@LINE-2]]:10: warning: pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape]
// CHECK: basics.cpp:[[@LINE-6]]:16: note: guard 'g' is declared here
// CHECK: basics.cpp:[[@LINE-5]]:3: note: the read-side critical section of 'g' ends here
// CHECK: basics.cpp:[[@LINE-7]]:13: note: the borrow is taken from 'g' here
// WAE: basics.cpp:[[@LINE-6]]:10: error: pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape,-warnings-as-errors]
// BUILTIN: basics.cpp:[[@LINE-7]]:10: warning: pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape]
// OTHER-NOT: rcu-borrow-escape

int suppressed(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p->key; // NOLINT(rcu-borrow-escape)
}

int suppressed_next_line(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  // NOLINTNEXTLINE(rcu-*)
  return p->key;
}

// NOLINTBEGIN(rcu-borrow-escape)
int suppressed_block(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p->key;
}
// NOLINTEND(rcu-borrow-escape)
// CHECK-NOT: warning:

// LIST: Enabled checks:
// LIST-NEXT: rcu-borrow-escape
// LIST-NEXT: rcu-guard-misuse
// LIST-NEXT: rcu-send-sync
