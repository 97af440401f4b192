// rcu-check -p <build-dir>: every entry of compile_commands.json (C and C++,
// whatever compiler the project uses), or just the files named; -j; the
// project's own -fplugin flags are dropped (it may load rcu-lifetime itself).
// RUN: rm -rf %t && mkdir -p %t/src %t/build && cp %s %t/src/reader.cpp && cp %inputs/project/clean.cpp %inputs/project/legacy.c %t/src/
// RUN: printf '[{"directory":"%t/build","file":"%t/src/reader.cpp","command":"/usr/bin/g++ -std=c++20 -O2 -I%rcu_include -I%inputs -fplugin=/nonexistent/rcu-lifetime.so -fplugin-arg-rcu-lifetime-werror -c ../src/reader.cpp -o reader.o"},{"directory":"%t/build","file":"%t/src/clean.cpp","command":"g++ -std=c++20 -I%rcu_include -c ../src/clean.cpp"},{"directory":"%t/build","file":"%t/src/legacy.c","command":"gcc -std=c11 -c ../src/legacy.c"}]' > %t/build/compile_commands.json
// RUN: not %rcu_check -p %t/build -j 2 > %t/all.out 2> %t/all.err
// RUN: FileCheck %s --input-file=%t/all.out
// RUN: FileCheck %s --check-prefix=ALL --input-file=%t/all.err
// RUN: %rcu_check -p %t/build %t/src/clean.cpp %t/src/legacy.c 2>&1 | FileCheck %s --check-prefix=SOME
// RUN: not %rcu_check -p %t/src 2>&1 | FileCheck %s --check-prefix=NO-DB
// RUN: rm -rf %t/empty && mkdir %t/empty && printf '[]' > %t/empty/compile_commands.json
// RUN: %expect_exit 2 %rcu_check -p %t/empty
#include "routes.h"

const Route *leak(const RoutePtr &ptr) {
  rcu::Guard g;
  return ptr.load(g);
}
// CHECK: compile-db.cpp.tmp/src/reader.cpp:[[@LINE-2]]:3: warning: returning a pointer into RCU-protected data that outlives the read-side critical section of 'g' [rcu-borrow-escape]
// CHECK-NEXT: {{^}}  return ptr.load(g);
// ALL: rcu-check: 3 files checked, 1 warning, 0 errors
// SOME: rcu-check: 2 files checked, 0 warnings, 0 errors
// NO-DB: rcu-check: error: no compilation database in '{{.*}}/src'
