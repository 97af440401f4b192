// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-sync-in-read-section %s
// A class holding a guard (a user's read-section wrapper) begins a read-side
// critical section like the guard itself, for as long as the object lives.
#include <rcu/guard.hpp>

void consume(int);

class ReadSection {
  rcu::Guard guard_; // expected-note 3 {{'ReadSection' holds a guard in member 'guard_'}}
  int epoch_ = 0;

public:
  int epoch() const { return epoch_; }
};
struct Nested {
  ReadSection section; // expected-note {{'Nested' holds a guard in member 'section'}}
};

void wrapper_local() {
  ReadSection s; // expected-note {{read-side critical section of 's' begins here}}
  consume(s.epoch());
  rcu::synchronize(); // expected-warning {{read-side critical section of 's' deadlocks}}
}

void nested_wrapper() {
  Nested n; // expected-note {{read-side critical section of 'n' begins here}}
  rcu::barrier(); // expected-warning {{read-side critical section of 'n' deadlocks}}
}

void wrapper_parameter(const ReadSection &s) { // expected-note {{the function runs inside its caller's read-side critical section: 's' is a guard parameter}}
  consume(s.epoch());
  rcu::synchronize(); // expected-warning {{read-side critical section of 's' deadlocks}}
}

// Negatives: the wrapper ended before the wait; a pointer to one is no
// section of its own.
void wrapper_scope_ends() {
  {
    ReadSection s;
    consume(s.epoch());
  }
  rcu::synchronize();
}
void pointer_to_wrapper(const ReadSection *s) {
  consume(s->epoch());
  rcu::synchronize();
}
struct NoGuard {
  rcu::Guard *borrowed;
};
void holder_of_pointer(NoGuard n) {
  consume(n.borrowed != nullptr);
  rcu::synchronize();
}
