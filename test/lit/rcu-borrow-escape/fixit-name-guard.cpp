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

// Two temporaries in one function: each fix-it declares its own name, so
// applying both still compiles.
int two_temporaries(const RouteBox &a, const RouteBox &b) {
  const Route &r = a.with_rcu(rcu::Guard{});
  const Route &s = b.with_rcu(rcu::Guard{});
  return r.key + s.key;
}
// CHECK: warning: reference into RCU-protected data is used after the read-side critical section of the temporary guard ended
// CHECK: fix-it:"{{.*}}":{40:3-40:3}:"rcu::Guard guard;\n  "
// CHECK: fix-it:"{{.*}}":{40:31-40:43}:"guard"
// CHECK: warning: reference into RCU-protected data is used after the read-side critical section of the temporary guard ended
// CHECK: fix-it:"{{.*}}":{41:3-41:3}:"rcu::Guard guard2;\n  "
// CHECK: fix-it:"{{.*}}":{41:31-41:43}:"guard2"
// APPLIED-LABEL: int two_temporaries(
// APPLIED-NEXT: rcu::Guard guard;
// APPLIED-NEXT: const Route &r = a.with_rcu(guard);
// APPLIED-NEXT: rcu::Guard guard2;
// APPLIED-NEXT: const Route &s = b.with_rcu(guard2);
