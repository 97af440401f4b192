// Plugin arguments, -Werror/-w, and NOLINT suppression.
// RUN: %rcu_clang -I %inputs %s 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: not %rcu_clang -I %inputs %s -fplugin-arg-rcu-lifetime-werror 2>&1 | FileCheck %s --check-prefix=ERROR
// RUN: not %rcu_clang -I %inputs %s -Werror 2>&1 | FileCheck %s --check-prefix=ERROR
// RUN: %rcu_clang -I %inputs %s -w 2>&1 | count 0
// RUN: %rcu_clang -I %inputs %s -fplugin-arg-rcu-lifetime-checks=-rcu-borrow-escape 2>&1 | count 0
// RUN: %rcu_clang -I %inputs %s -fplugin-arg-rcu-lifetime-checks=-*,rcu-borrow-escape 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: %rcu_clang -I %inputs %s -Xclang -plugin-arg-rcu-lifetime -Xclang checks=-rcu-borrow* 2>&1 | count 0
// RUN: not %rcu_clang -I %inputs %s -fplugin-arg-rcu-lifetime-bogus 2>&1 | FileCheck %s --check-prefix=BAD-ARG
// RUN: not %rcu_clang -I %inputs %s -fplugin-arg-rcu-lifetime-checks=rcu-typo 2>&1 | FileCheck %s --check-prefix=BAD-CHECK
// RUN: %rcu_clang -I %inputs %s -fplugin-arg-rcu-lifetime-help 2>&1 | FileCheck %s --check-prefix=HELP
#include "routes.h"

int reported(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p->key;
}
// DEFAULT: arguments.cpp:[[@LINE-2]]:10: warning: pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape]
// DEFAULT-NOT: warning:
// ERROR: arguments.cpp:[[@LINE-4]]:10: error: pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape]
// ERROR-NOT: warning:

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

int suppressed_all(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p->key; // NOLINT
}

// BAD-ARG: error: rcu-lifetime plugin: bad argument 'bogus': unknown argument (arguments: werror, checks=<globs>, help; checks: rcu-borrow-escape
// BAD-CHECK: error: rcu-lifetime plugin: bad argument 'checks=rcu-typo': it selects no known check
// HELP: rcu-lifetime plugin arguments
// HELP: rcu-borrow-escape
