// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-guard-misuse %s
// A guard's address stored where other threads reach it shares the guard.
#include <rcu/guard.hpp>

void use(int);

rcu::Guard *current_guard;

void stored_in_global() {
  rcu::Guard g;
  current_guard = &g; // expected-warning {{the address of guard 'g' is stored in global variable 'current_guard', which other threads can reach; a read-side critical section belongs to the thread that began it}}
  use(1);
  current_guard = nullptr;
}

struct Context {
  const rcu::Guard *guard = nullptr;
  static const rcu::Guard *shared;
  void enter(const rcu::Guard &g) {
    guard = &g; // expected-warning {{the address of guard 'g' is stored in member 'guard', which other threads can reach}}
  }
};

void stored_in_static_member() {
  rcu::Guard g;
  Context::shared = &g; // expected-warning {{the address of guard 'g' is stored in static member 'shared', which other threads can reach}}
}

void static_initialised_with_address() {
  rcu::Guard g;
  static rcu::Guard *remembered = &g; // expected-warning {{the address of guard 'g' is stored in static variable 'remembered', which other threads can reach}}
  (void)remembered;
}

// The thread's own storage and locals: silent.
thread_local const rcu::Guard *this_threads_guard;

void stored_in_thread_local() {
  rcu::Guard g;
  this_threads_guard = &g;
  this_threads_guard = nullptr;
}

void stored_in_local() {
  rcu::Guard g;
  const rcu::Guard *p = &g;
  const rcu::Guard *q;
  q = &g;
  (void)p;
  (void)q;
}
