// RUN: %rcu_verify -Wno-return-stack-address -Wno-dangling -I %inputs %s
// RUN: %rcu_clang -Wno-return-stack-address -Wno-dangling -I %inputs %s -fno-color-diagnostics 2>&1 | FileCheck %s
// Every note of every rule, asserted: where the guard is declared, where its
// read-side section ends, and where the borrow was taken.
#include "routes.h"
#include <thread>

int use_after(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    p = ptr.load(g); // expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  return p->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape]}}
}
// CHECK: notes.cpp:[[@LINE-2]]:10: warning: pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape]
// CHECK-NEXT: {{.*}}return p->key;
// CHECK-NEXT: {{^ *\| *\^$}}
// CHECK-NEXT: notes.cpp:11:16: note: guard 'g' is declared here
// CHECK: notes.cpp:13:3: note: the read-side critical section of 'g' ends here
// CHECK: notes.cpp:12:13: note: the borrow is taken from 'g' here
// CHECK-NEXT: {{.*}}p = ptr.load(g);
// CHECK-NEXT: {{^ *\| *~~~~\^~~~~~~$}}

const Route *g_route;
void store_global(const RoutePtr &ptr) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  g_route = ptr.load(g); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in variable 'g_route' with static storage duration}} expected-note {{the borrow is taken from 'g' here}}
} // expected-note {{the read-side critical section of 'g' ends here}}
// CHECK: notes.cpp:[[@LINE-2]]:11: warning: pointer into RCU-protected data escapes the read-side critical section of 'g': stored in variable 'g_route' with static storage duration [rcu-borrow-escape]
// CHECK-NEXT: {{.*}}g_route = ptr.load(g);
// CHECK-NEXT: {{^ *\| *~~~~~~~~\^~~~~~~~~~~~~$}}

const Route &return_temporary(const RouteBox &b) {
  return b.with_rcu(rcu::Guard{}); // expected-warning {{returning a reference into RCU-protected data that outlives the read-side critical section of the temporary guard}} expected-note {{the temporary guard is destroyed at the end of the full-expression, ending its read-side critical section}} expected-note {{the borrow is taken from the temporary guard here}}
}

void to_thread(const RoutePtr &ptr) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  const Route *r = ptr.load(g); // expected-note {{the borrow is taken from 'g' here}}
  std::thread t([r] { consume_ptr(r); }); // expected-warning {{lambda capturing a borrow of RCU-protected data is handed to 'std::thread', whose thread may outlive the read-side critical section of 'g'}}
  t.detach();
} // expected-note {{the read-side critical section of 'g' ends here}}

struct Member {
  const Route *last;
  void keep(const RoutePtr &ptr, const rcu::Guard &g) { // expected-note {{the caller's guard 'g' is declared here}}
    last = ptr.load(g); // expected-warning {{stored in member 'last'}} expected-note {{the borrow is taken from 'g' here}}
  }
};
