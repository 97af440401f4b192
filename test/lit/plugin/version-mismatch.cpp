// REQUIRES: other-clang
// A module built for one Clang, loaded into another: one line that says what
// to do instead, and the compilation stops (checks that silently did not run
// would pass a CI that relies on them). Never a crash.
// RUN: not %other_clangxx -fsyntax-only -fplugin=%rcu_plugin %s 2>&1 | FileCheck %s -DMAJOR=%other_major
// RUN: %if other-clang-tidy %{ not %other_clang_tidy --load=%rcu_tidy_module --checks='-*,rcu-*' %s -- 2>&1 | FileCheck %s --check-prefix=TIDY -DMAJOR=%other_major %}
int main() { return 0; }
// CHECK: error: rcu-lifetime.so: built for Clang {{[0-9]+}} but loaded into Clang [[MAJOR]] ({{.*}}); build rcubox's checks for that Clang (cmake -DRCUBOX_LLVM_VERSION=<N>; supported: 19, 22) or check with rcu-check -p <build-dir>
// CHECK-NOT: Stack dump
// TIDY: error: rcu-tidy.so: built for Clang {{[0-9]+}} but loaded into Clang [[MAJOR]]
// TIDY-NOT: Stack dump
