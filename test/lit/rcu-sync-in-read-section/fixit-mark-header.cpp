// A function declared in a header and found to wait from its definition here:
// other translation units see only the declaration, so a note offers the
// marker on it (the warning itself stays: the call still deadlocks). Each
// such function in the chain gets its note and fix-it.
// RUN: rm -rf %t && mkdir %t && cp %inputs/sync/maintenance.h %t/ && cp %s %t/main.cpp
// RUN: %rcu_clang -I %t %t/main.cpp -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// clang-tidy applies a note's fix-it on request when it is the warning's only
// one (the first warning here), not when several notes offer one.
// RUN: %rcu_tidy --checks='-*,rcu-sync-in-read-section' --fix-notes %t/main.cpp -- %compile_args -I %t
// RUN: FileCheck %s --check-prefix=APPLIED --input-file=%t/maintenance.h
// RUN: %rcu_clang -I %t %t/main.cpp 2>&1 | FileCheck %s --check-prefix=FIXED
#include "maintenance.h"

void compact_tables() { rcu::synchronize(); }
void Store::reload() { rcu::synchronize(); }
void Store::reload_all() { compact_tables(); }
template <class T> void Store::visit(T) { rcu::synchronize(); }
void already_marked() { rcu::synchronize(); }
static void local_helper() { rcu::synchronize(); }

void under_guard(Store &s) {
  rcu::Guard g;
  s.reload();
  s.reload_all();
  s.visit(1);
  already_marked();
  local_helper();
}
// CHECK: main.cpp:23:5: warning: waiting for an RCU grace period inside the read-side critical section of 'g' deadlocks [rcu-sync-in-read-section]
// CHECK: maintenance.h:7:3: note: 'Store::reload' is declared here without RCU_WAITS_FOR_GRACE_PERIOD; other translation units that call it cannot see that it waits
// CHECK: fix-it:"{{.*}}maintenance.h":{7:3-7:3}:"RCU_WAITS_FOR_GRACE_PERIOD "
// CHECK: main.cpp:15:24: note: 'Store::reload' calls 'rcu::synchronize' here
// CHECK: main.cpp:24:5: warning: waiting for an RCU grace period
// CHECK: maintenance.h:8:3: note: 'Store::reload_all' is declared here without RCU_WAITS_FOR_GRACE_PERIOD
// CHECK: fix-it:"{{.*}}maintenance.h":{8:3-8:3}:"RCU_WAITS_FOR_GRACE_PERIOD "
// CHECK: main.cpp:16:28: note: 'Store::reload_all' calls 'compact_tables' here
// CHECK: maintenance.h:5:1: note: 'compact_tables' is declared here without RCU_WAITS_FOR_GRACE_PERIOD
// CHECK: fix-it:"{{.*}}maintenance.h":{5:1-5:1}:"RCU_WAITS_FOR_GRACE_PERIOD "
// CHECK: main.cpp:14:25: note: 'compact_tables' calls 'rcu::synchronize' here
// Not offered for a template (the marker's place is not certain), a function
// already marked, or one declared only in this file.
// CHECK: main.cpp:25:5: warning: waiting for an RCU grace period
// CHECK-NOT: declared here without
// CHECK: main.cpp:26:3: warning: waiting for an RCU grace period
// CHECK-NOT: declared here without
// CHECK: main.cpp:27:3: warning: waiting for an RCU grace period
// CHECK-NOT: declared here without
// CHECK: 5 warnings generated

// APPLIED: void compact_tables();
// APPLIED: RCU_WAITS_FOR_GRACE_PERIOD void reload();
// APPLIED-NEXT: void reload_all();
// FIXED: main.cpp:23:5: warning: waiting for an RCU grace period
// FIXED-NOT: 'Store::reload' is declared here without
// FIXED: 5 warnings generated
