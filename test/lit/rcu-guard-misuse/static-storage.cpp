// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-guard-misuse %s
// A guard with static or thread storage never ends its read-side critical
// section (before the program or thread exits): no grace period can end.
#include <array>
#include <rcu/guard.hpp>

void use(int);

rcu::Guard global_guard; // expected-warning {{guard 'global_guard' is a global variable: its read-side critical section would last until the program exits, and no grace period could end before}}

namespace inner {
extern rcu::Guard declared_guard; // expected-warning {{guard 'declared_guard' is a global variable}}
rcu::Guard declared_guard; // Reported once, at the first declaration.
} // namespace inner

void static_local() {
  static rcu::Guard g; // expected-warning {{guard 'g' is a static local variable: its read-side critical section would last until the program exits}}
  use(1);
}

struct Holder {
  static inline rcu::Guard member_guard; // expected-warning {{guard 'member_guard' is a static data member}}
};

void thread_local_guard() {
  thread_local rcu::Guard g; // expected-warning {{guard 'g' is thread_local: its read-side critical section would last until the thread exits, and no grace period could end before}}
  use(2);
}

rcu::Guard global_array[2]; // expected-warning {{'global_array', an array of guards, is a global variable}}

void local_array() {
  rcu::Guard gs[2]; // expected-warning {{'gs', an array of guards, is not one automatic local: a read-side guard must be a named local, one per critical section}}
  use(3);
}

void local_std_array() {
  std::array<rcu::Guard, 2> gs; // expected-warning {{'gs', an array of guards, is not one automatic local}}
  use(4);
}

// A pointer to a guard type forms no guard: nothing to report until it is
// made to point at one (see address-stored.cpp).
static rcu::Guard *never_assigned;
static rcu::Guard *null_pointer = nullptr;
static const rcu::Guard *const_pointer;
