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
// RUN: not %rcu_clang -I %inputs %s -fplugin-arg-rcu-lifetime-warnings-as-errors=rcu-borrow-escape 2>&1 | FileCheck %s --check-prefix=ERROR
// RUN: %rcu_clang -I %inputs %s -fplugin-arg-rcu-lifetime-warnings-as-errors=rcu-send-sync 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: not %rcu_clang -I %inputs %s -fplugin-arg-rcu-lifetime-warnings-as-errors=rcu-typo 2>&1 | FileCheck %s --check-prefix=BAD-WAE
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

// NOLINTBEGIN(rcu-send-sync)
int other_check_block(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p->key;
}
// NOLINTEND(rcu-send-sync)
// DEFAULT: arguments.cpp:[[@LINE-3]]:10: warning: pointer into RCU-protected data is used after
// ERROR: arguments.cpp:[[@LINE-4]]:10: error: pointer into RCU-protected data is used after

int suppressed_all(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p->key; // NOLINT
}

// BAD-ARG: error: rcu-lifetime plugin: bad argument 'bogus': unknown argument (arguments: checks=<globs>, werror, warnings-as-errors=<globs>, config=<file>, help, <check>.<Option>=<value>; checks: rcu-borrow-escape, rcu-guard-misuse, rcu-send-sync, rcu-sync-in-read-section, rcu-unbalanced-section; options: rcu-send-sync.Audit)
// BAD-WAE: error: rcu-lifetime plugin: bad argument 'warnings-as-errors=rcu-typo': 'rcu-typo' selects no check
// BAD-CHECK: error: rcu-lifetime plugin: bad argument 'checks=rcu-typo': 'rcu-typo' selects no check (checks: rcu-borrow-escape, rcu-guard-misuse, rcu-send-sync, rcu-sync-in-read-section, rcu-unbalanced-section)
// HELP: rcu-lifetime plugin arguments
// HELP: rcu-send-sync.Audit=all|main
// HELP: rcu-borrow-escape: A pointer or reference into RCU-protected data outlives
