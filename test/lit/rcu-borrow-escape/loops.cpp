// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// A guard declared in a loop body ends every iteration.
#include "routes.h"

int carried_into_next_iteration(const RoutePtr &ptr, int n) {
  int sum = 0;
  const Route *prev = nullptr;
  for (int i = 0; i < n; ++i) {
    if (prev)
      sum += prev->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
    rcu::Guard g;
    prev = ptr.load(g);
  }
  return sum;
}

int used_after_loop(const RoutePtr &ptr, int n) {
  const Route *last = nullptr;
  for (int i = 0; i < n; ++i) {
    rcu::Guard g;
    last = ptr.load(g);
  }
  return last ? last->key : -1; // expected-warning {{pointer into RCU-protected data is used after}}
}

int while_loop_break(const RoutePtr &ptr) {
  const Route *found = nullptr;
  while (true) {
    rcu::Guard g;
    found = ptr.load(g);
    if (found)
      break;
  }
  return found->key; // expected-warning {{pointer into RCU-protected data is used after}}
}

// --- Silent ---

int fresh_guard_per_iteration(const RoutePtr &ptr, int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    rcu::Guard g;
    const Route *r = ptr.load(g);
    sum += r ? r->key : 0;
  }
  return sum;
}

int reassigned_each_iteration(const RoutePtr &ptr, int n) {
  int sum = 0;
  const Route *r = nullptr;
  for (int i = 0; i < n; ++i) {
    rcu::Guard g;
    r = ptr.load(g);
    sum += r ? r->key : 0;
  }
  return sum;
}

int guard_outside_loop(const RoutePtr &ptr, int n) {
  int sum = 0;
  rcu::Guard g;
  const Route *prev = nullptr;
  for (int i = 0; i < n; ++i) {
    if (prev)
      sum += prev->key;
    prev = ptr.load(g);
  }
  return sum + (prev ? prev->key : 0);
}

int range_for_inside_guard(const RouteBox &b) {
  int sum = 0;
  rcu::Guard g;
  for (int hop : b.with_rcu(g).hops)
    sum += hop;
  for (const int &hop : b.with_rcu(g).hops)
    sum += hop;
  return sum;
}
