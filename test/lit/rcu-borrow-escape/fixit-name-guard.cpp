// A temporary guard whose borrow is used later in the same block: naming the
// guard is certainly right, so the warning carries that fix-it.
// RUN: %rcu_clang -Wno-dangling -I %inputs %s -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// RUN: cp %s %t.cpp
// RUN: %rcu_clang -Wno-dangling -I %inputs -Xclang -fixit %t.cpp || true
// RUN: %rcu_clang -Wno-dangling -I %inputs %t.cpp 2>&1 | FileCheck %s --check-prefix=FIXED --allow-empty
// RUN: FileCheck %s --check-prefix=APPLIED --input-file=%t.cpp
#include "routes.h"

int named_by_fixit(const RouteBox &b) {
  if (b) {
    const Route *p = &b.with_rcu(rcu::Guard{});
    return p->key;
  }
  return 0;
}
// CHECK: warning: pointer into RCU-protected data is used after the read-side critical section of the temporary guard ended [rcu-borrow-escape]
// CHECK: fix-it:"{{.*}}":{12:5-12:5}:"rcu::Guard guard;\n    "
// CHECK: fix-it:"{{.*}}":{12:34-12:46}:"guard"
// CHECK: note: name the guard to extend its read-side critical section to the end of the block
// APPLIED: rcu::Guard guard;
// APPLIED-NEXT: const Route *p = &b.with_rcu(guard);
// FIXED-NOT: .cpp:14:{{.*}}rcu-borrow-escape

// Not offered: the use is outside the block, where a named guard would not
// reach either; and a name already in use would make the fix uncertain.
int used_outside_block(const RouteBox &b) {
  const Route *p;
  {
    p = &b.with_rcu(rcu::Guard{});
  }
  return p->key;
}
// CHECK: warning: pointer into RCU-protected data is used after the read-side critical section of the temporary guard ended
// CHECK-NOT: fix-it:"{{.*}}":{30:
