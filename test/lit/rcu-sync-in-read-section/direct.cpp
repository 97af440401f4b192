// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-sync-in-read-section %s
// Calling rcu::synchronize() or rcu::barrier() while a guard is live, flow-
// sensitively: a section runs from the guard's declaration to its scope end.
#include <rcu/guard.hpp>

void consume(int);

void synchronize_under_guard() {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  rcu::synchronize(); // expected-warning {{waiting for an RCU grace period inside the read-side critical section of 'g' deadlocks [rcu-sync-in-read-section]}}
}

void barrier_under_guard() {
  rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
  consume(1);
  rcu::barrier(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

void after_scope_is_fine() {
  {
    rcu::Guard g;
    consume(1);
  }
  rcu::synchronize();
  rcu::barrier();
}

void before_guard_is_fine() {
  rcu::synchronize();
  rcu::Guard g;
  consume(1);
}

void nested_guards_keep_section_open() {
  rcu::Guard outer; // expected-note {{read-side critical section of 'outer' begins here}}
  {
    rcu::Guard inner;
    consume(1);
  }
  rcu::synchronize(); // expected-warning {{read-side critical section of 'outer' deadlocks}}
}

void nested_guards_both_ended() {
  {
    rcu::Guard outer;
    {
      rcu::Guard inner;
    }
  }
  rcu::synchronize();
}

void guard_on_one_branch(bool c) {
  if (c) {
    rcu::Guard g; // expected-note {{read-side critical section of 'g' begins here}}
    if (c)
      rcu::synchronize(); // expected-warning {{read-side critical section of 'g' deadlocks}}
  }
  rcu::synchronize();
}

void guard_ended_early_on_a_branch(bool c) {
  for (int i = 0; i < 3; ++i) {
    rcu::Guard g;
    if (c)
      continue;
    consume(i);
  }
  rcu::synchronize();
}

void temporary_guard_lives_to_end_of_full_expression() {
  (void)rcu::Guard{}, rcu::synchronize(); // expected-warning {{read-side critical section of the temporary guard deadlocks}} expected-note {{read-side critical section of the temporary guard begins here and lasts to the end of the full-expression}}
}

void temporary_guard_ended_before_next_statement() {
  (void)rcu::Guard{};
  rcu::synchronize();
}

void lifetime_extended_temporary() {
  const rcu::Guard &g = rcu::Guard{}; // expected-note {{read-side critical section of 'g' begins here}}
  rcu::barrier(); // expected-warning {{read-side critical section of 'g' deadlocks}}
}

void loop_waits_after_each_section() {
  for (int i = 0; i < 3; ++i) {
    {
      rcu::Guard g;
      consume(i);
    }
    rcu::synchronize();
  }
}
