// RUN: %rcu_c_clang -fplugin-arg-rcu-lifetime-checks=-*,rcu-unbalanced-section %s 2>&1 | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t/src %t/build && cp %s %t/src/reader.c
// RUN: printf '[{"directory":"%t/build","file":"%t/src/reader.c","command":"gcc -std=gnu11 -O2 -Wall -c ../src/reader.c -o reader.o"}]' > %t/build/compile_commands.json
// RUN: not %rcu_check -p %t/build --checks=rcu-unbalanced-section %t/src/reader.c 2>&1 | FileCheck %s --check-prefixes=CHECK,DB
// A C translation unit through the compiler plugin (clang, not clang++) and
// through rcu-check reading a C entry of a compilation database made by gcc.
#include <urcu.h>

int get(const int *p) {
  rcu_read_lock();
  if (!p)
    return -1;
  int v = *p;
  rcu_read_unlock();
  return v;
}

// CHECK: {{.*}}.c:12:5: warning: returning with an RCU read-side critical section still open; other paths out of 'get' close it [rcu-unbalanced-section]
// CHECK: {{.*}}.c:10:3: note: read-side critical section opened here
// CHECK: {{.*}}.c:11:7: note: taking the true branch
// DB: rcu-check: 1 file checked, 1 warning, 0 errors
