// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-sync-in-read-section %s
// Functions defined in the translation unit that may wait, directly or
// through a chain of calls; the notes spell the chain.
#include <rcu/guard.hpp>

void consume(int);
void unknown_external(); // No definition: assumed not to wait.

void drain_queue() {
  consume(0);
  rcu::synchronize(); // expected-note 2 {{'drain_queue' calls 'rcu::synchronize' here}}
}
void reload_all() {
  drain_queue(); // expected-note {{'reload_all' calls 'drain_queue' here}}
}
void harmless() { consume(1); }

void chain_under_guard() {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  reload_all(); // expected-warning {{waiting for an RCU grace period inside the read-side critical section of 'g' deadlocks}}
}

void helper_outside_any_guard() {
  {
    rcu::Guard g;
    harmless();
  }
  reload_all();
}

void harmless_helpers_inside() {
  rcu::Guard g;
  harmless();
  unknown_external();
}

// The user's own wrapper, marked like the runtime's.
RCU_WAITS_FOR_GRACE_PERIOD void my_quiesce();

void annotated_user_function() {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  my_quiesce(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

// Recursion and mutual recursion terminate.
void recurse(int n) {
  if (n > 0)
    recurse(n - 1);
}
void ping(int n);
void pong(int n) {
  if (n > 0)
    ping(n - 1); // expected-note {{'pong' calls 'ping' here}}
}
void ping(int n) {
  pong(n);
  if (n == 0)
    rcu::barrier(); // expected-note {{'ping' calls 'rcu::barrier' here}}
}
void recursion_that_never_waits() {
  rcu::Guard g;
  recurse(3);
}
void mutual_recursion_that_waits() {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  pong(2); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

// A function taking a guard runs inside its caller's section.
void with_guard_param(const rcu::Guard &g) { // expected-note {{the function runs inside its caller's read-side critical section: 'g' is a guard parameter}}
  consume(1);
  drain_queue(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}
void with_guard_param_harmless(const rcu::Guard &) { harmless(); }
void calls_guard_param_helper() {
  rcu::Guard g;
  with_guard_param(g); // Reported once, inside the helper.
  with_guard_param_harmless(g);
}

template <class F> void call_twice(F f) {
  f();
  f();
}
void template_helper_under_guard() {
  rcu::Guard g;
  call_twice(harmless);
}
