// rcu-check on files named on the command line: Clang's text format, exit
// status 0 clean / 1 findings / 2 usage, configuration or compile errors.
// RUN: not %rcu_check %s -- %compile_args -I %inputs > %t.out 2> %t.err
// RUN: FileCheck %s --input-file=%t.out
// RUN: FileCheck %s --check-prefix=SUMMARY --input-file=%t.err
// RUN: %rcu_check %inputs/project/clean.cpp -- %compile_args 2>&1 | FileCheck %s --check-prefix=CLEAN
// RUN: %expect_exit 1 %rcu_check %s -- %compile_args -I %inputs
// RUN: not %rcu_check %inputs/project/broken.cpp -- %compile_args 2>&1 | FileCheck %s --check-prefix=BROKEN
// RUN: %expect_exit 2 %rcu_check %inputs/project/broken.cpp -- %compile_args
// RUN: %expect_exit 0 %rcu_check %inputs/project/clean.cpp -- %compile_args
// RUN: not %rcu_check --checks=rcu-typo %s -- %compile_args 2>&1 | FileCheck %s --check-prefix=BAD-CHECKS
// RUN: %expect_exit 2 %rcu_check --checks=rcu-typo %s -- %compile_args
// RUN: not %rcu_check --check-option=rcu-send-sync.Nope=1 %s -- %compile_args 2>&1 | FileCheck %s --check-prefix=BAD-OPTION
// RUN: %rcu_check --checks=-rcu-borrow-escape %s -- %compile_args -I %inputs 2>&1 | FileCheck %s --check-prefix=CLEAN
// RUN: not %rcu_check --warnings-as-errors='rcu-*' %s -- %compile_args -I %inputs 2>&1 | FileCheck %s --check-prefix=WAE
// RUN: %rcu_check --list-checks | FileCheck %s --check-prefix=LIST
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
// CHECK-NEXT: {{^}}  return p->key;
// CHECK-NEXT: {{^}}         ^
// CHECK-NEXT: basics.cpp:[[@LINE-8]]:16: note: guard 'g' is declared here
// CHECK-NEXT: {{^}}    rcu::Guard g;
// CHECK-NEXT: {{^}}    ~~~~~~~~~~~^
// CHECK-NEXT: basics.cpp:[[@LINE-9]]:3: note: the read-side critical section of 'g' ends here
// CHECK: basics.cpp:[[@LINE-11]]:13: note: the borrow is taken from 'g' here
// CHECK-NEXT: {{^}}    p = ptr.load(g);
// CHECK-NEXT: {{^}}        ~~~~^~~~~~~
// CHECK-NOT: warning:
// WAE: basics.cpp:[[@LINE-13]]:10: error: pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape]

int suppressed(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  // NOLINTNEXTLINE(rcu-borrow-escape)
  return p->key;
}

// SUMMARY: rcu-check: 1 file checked, 1 warning, 0 errors
// CLEAN: rcu-check: 1 file checked, 0 warnings, 0 errors
// BROKEN: broken.cpp:2:23: error: use of undeclared identifier 'undeclared_name'
// BROKEN: rcu-check: 1 file checked, 0 warnings, 0 errors; some files did not compile
// BAD-CHECKS: rcu-check: error: --checks=rcu-typo: 'rcu-typo' selects no check (checks: rcu-borrow-escape, rcu-guard-misuse, rcu-send-sync, rcu-sync-in-read-section, rcu-unbalanced-section)
// BAD-OPTION: rcu-check: error: --check-option=rcu-send-sync.Nope=1: unknown option 'rcu-send-sync.Nope' (options: rcu-send-sync.Audit)
// LIST: rcu-borrow-escape: A pointer or reference into RCU-protected data outlives
// LIST-NEXT: rcu-guard-misuse: A read-side guard that is not an automatic local
// LIST-NEXT: rcu-send-sync: A value put under RCU is not safe
