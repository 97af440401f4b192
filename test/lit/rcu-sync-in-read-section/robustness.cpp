// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-sync-in-read-section %s
// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-sync-in-read-section %s 2>&1 | FileCheck %s --allow-empty --implicit-check-not="internal error"
// Templates, dependent code, macros and suppressions.
#include <rcu/guard.hpp>

template <class T> void dependent(T t) {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  t.wait(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}
struct Waits {
  void wait() { rcu::synchronize(); } // expected-note {{'Waits::wait' calls 'rcu::synchronize' here}}
};
struct Quiet {
  void wait() {}
};
void instantiate() {
  dependent(Waits{});
  dependent(Quiet{});
}

template <class T> void never_instantiated(T t) {
  rcu::Guard g;
  t.whatever();
  rcu::synchronize();
}

void suppressed() {
  rcu::Guard g;
  rcu::synchronize(); // NOLINT(rcu-sync-in-read-section)
}

int deep(int n) { return n <= 0 ? 0 : deep(n - 1) + deep(n - 2); }
void many_calls() {
  rcu::Guard g;
  deep(3);
  deep(4);
}

// Expressions without a type (a static_assert's message) next to a guard.
void static_assert_message_in_section() {
  rcu::Guard g;
  static_assert(sizeof(int) >= 2, "a message is an expression without a type");
}
