// REQUIRES: clang-tidy
// clang-tidy --fix applies the checks' fix-its; --export-fixes writes them
// for clang-apply-replacements.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixes.cpp
// RUN: %rcu_tidy --checks='-*,rcu-*' --export-fixes=%t/fixes.yaml %t/fixes.cpp -- %compile_args -Wno-dangling -I %inputs 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=YAML --input-file=%t/fixes.yaml
// RUN: %rcu_tidy --checks='-*,rcu-*' --fix %t/fixes.cpp -- %compile_args -Wno-dangling -I %inputs 2>&1 | FileCheck %s --check-prefix=FIX
// RUN: FileCheck %s --check-prefix=APPLIED --input-file=%t/fixes.cpp
// RUN: %rcu_tidy --checks='-*,rcu-*' %t/fixes.cpp -- %compile_args -Wno-dangling -I %inputs 2>&1 | FileCheck %s --check-prefix=CLEAN --allow-empty
#include "routes.h"

int named_by_fixit(const RouteBox &b) {
  if (b) {
    const Route *p = &b.with_rcu(rcu::Guard{});
    return p->key;
  }
  return 0;
}
// CHECK: warning: pointer into RCU-protected data is used after the read-side critical section of the temporary guard ended [rcu-borrow-escape]
// YAML: DiagnosticName: rcu-borrow-escape
// YAML: ReplacementText: "rcu::Guard guard;\n    "
// YAML: ReplacementText: guard
// FIX: note: FIX-IT applied suggested code changes
// APPLIED: rcu::Guard guard;
// APPLIED-NEXT: const Route *p = &b.with_rcu(guard);
// CLEAN-NOT: rcu-borrow-escape
