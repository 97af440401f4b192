// RUN: %rcu_verify -Wno-unused-value -fplugin-arg-rcu-lifetime-checks=-*,rcu-guard-misuse %s
// RUN: %rcu_clang -Wno-unused-value -fplugin-arg-rcu-lifetime-checks=-*,rcu-guard-misuse -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
// A guard temporary as a statement ends its section at the semicolon; the
// fix-it names it, so it lives to the end of the scope.
#include <rcu/guard.hpp>

void use(int);

void braces() {
  rcu::Guard{}; // expected-warning {{guard temporary of type 'rcu::Guard' is destroyed at the end of the statement: its read-side critical section protects nothing}}
  use(1);
}
// CHECK: fix-it:"{{.*}}discarded.cpp":{[[@LINE-3]]:13-[[@LINE-3]]:13}:" guard"

void parentheses() {
  rcu::Guard(); // expected-warning {{guard temporary of type 'rcu::Guard' is destroyed at the end of the statement}}
  use(2);
}
// Not `rcu::Guard guard();`, which declares a function.
// CHECK: fix-it:"{{.*}}discarded.cpp":{[[@LINE-4]]:13-[[@LINE-4]]:15}:" guard"

void name_taken(int guard) {
  rcu::Guard{}; // expected-warning {{guard temporary of type 'rcu::Guard' is destroyed at the end of the statement}}
  use(guard);
}
// CHECK: fix-it:"{{.*}}discarded.cpp":{[[@LINE-3]]:13-[[@LINE-3]]:13}:" guard2"

struct Section {
  Section() = default;
  explicit Section(int id) : id(id) {}
  rcu::Guard guard_; // expected-note 3 {{'Section' holds a guard in member 'guard_'}}
  int id = 0;
};

void wrapper_temporary() {
  Section{}; // expected-warning {{temporary of type 'Section', which holds a guard, is destroyed at the end of the statement}}
  Section(7); // expected-warning {{temporary of type 'Section', which holds a guard, is destroyed at the end of the statement}}
  use(3);
}
// CHECK: fix-it:"{{.*}}discarded.cpp":{[[@LINE-4]]:10-[[@LINE-4]]:10}:" guard"
// CHECK: fix-it:"{{.*}}discarded.cpp":{[[@LINE-4]]:10-[[@LINE-4]]:10}:" guard"

Section begin_section();

void returned_wrapper_discarded() {
  begin_section(); // expected-warning {{the object holding a guard returned by 'begin_section' is destroyed at the end of the statement}}
}

void cast_to_void() {
  (void)rcu::Guard{}; // expected-warning {{guard temporary of type 'rcu::Guard' is destroyed at the end of the statement}}
}

#define TAKE_GUARD() rcu::Guard {}
void from_macro() {
  TAKE_GUARD(); // expected-warning {{guard temporary of type 'rcu::Guard' is destroyed at the end of the statement}}
}

// Named guards, and temporaries that live for the expression using them.
int read(const rcu::Guard &g);
void named() {
  rcu::Guard guard;
  rcu::Guard other{};
  use(read(rcu::Guard{}));
}
// CHECK-NOT: fix-it
