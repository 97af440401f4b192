// A C project's own section functions and waiting function, declared in
// .rcubox.yaml's Model key: rcu-unbalanced-section and
// rcu-sync-in-read-section follow them as they follow rcu_read_lock(),
// rcu_read_unlock() and synchronize_rcu(), in a unit that includes no
// liburcu header.
//
// Without the configuration they are ordinary functions.
// RUN: %rcu_c_clang -Xclang -verify=plain %s
// RUN: %rcu_check %s -- %c_compile_args 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: rm -rf %t && mkdir -p %t/project/src && cp %s %t/project/src/sections.c
// RUN: cp %S/Inputs/model-config/sections.rcubox.yaml %t/project/.rcubox.yaml
// RUN: %rcu_c_clang -Xclang -verify=cfg %t/project/src/sections.c
// RUN: not %rcu_check %t/project/src/sections.c -- %c_compile_args 2>&1 | FileCheck %s
// RUN: not %rcu_check --config-file=%S/Inputs/model-config/sections.rcubox.yaml %s -- %c_compile_args 2>&1 | FileCheck %s
//
// plain-no-diagnostics

#include <errno.h>

void my_rcu_read_lock(void);
void my_rcu_read_unlock(void);
void my_synchronize(void);

struct zone {
  int serial;
};
struct zone *zone_lookup(const char *name);

int zone_serial(const char *name, int *out) {
  struct zone *z;
  my_rcu_read_lock(); // cfg-note {{read-side critical section opened here}}
  z = zone_lookup(name);
  if (!z) // cfg-note {{taking the true branch}}
    return -ENOENT; // cfg-warning {{returning with an RCU read-side critical section still open; other paths out of 'zone_serial' close it}}
  *out = z->serial;
  my_rcu_read_unlock();
  return 0;
}

int zone_serial_balanced(const char *name, int *out) {
  struct zone *z;
  int ret = 0;
  my_rcu_read_lock();
  z = zone_lookup(name);
  if (z)
    *out = z->serial;
  else
    ret = -ENOENT;
  my_rcu_read_unlock();
  return ret;
}

void unlock_twice(void) {
  my_rcu_read_lock(); // cfg-note {{read-side critical section opened here}}
  my_rcu_read_unlock(); // cfg-note {{and closed here}}
  my_rcu_read_unlock(); // cfg-warning {{'my_rcu_read_unlock' called with no RCU read-side critical section open: the one this function opened is already closed}}
}

void wait_under_lock(void) {
  my_rcu_read_lock(); // cfg-note {{read-side critical section opened here}}
  my_synchronize(); // cfg-warning {{waiting for an RCU grace period inside a read-side critical section deadlocks}}
  my_rcu_read_unlock();
}

void wait_after_unlock(void) {
  my_rcu_read_lock();
  my_rcu_read_unlock();
  my_synchronize();
}

// CHECK-DAG: sections.c:34:5: warning: returning with an RCU read-side critical section still open{{.*}}[rcu-unbalanced-section]
// CHECK-DAG: sections.c:56:3: warning: 'my_rcu_read_unlock' called with no RCU read-side critical section open{{.*}}[rcu-unbalanced-section]
// CHECK-DAG: sections.c:61:3: warning: waiting for an RCU grace period inside a read-side critical section deadlocks [rcu-sync-in-read-section]
// CHECK: 3 warnings
// NONE-NOT: warning:
// NONE: 0 warnings
