// RUN: %rcu_verify -fplugin-arg-rcu-lifetime-checks=-*,rcu-guard-misuse %s
// rcu::Guard cannot be copied or moved (the compiler says so). A user's guard
// type that allows it is reported where a copy or move happens: the copy's
// section has no scope of its own, and the original's ends twice or never.
#include <rcu/guard.hpp>
#include <utility>

class RCU_GUARD_TYPE CountedGuard { // expected-note 7 {{'CountedGuard' is marked as a read-side guard type here}}
public:
  CountedGuard();
  CountedGuard(const CountedGuard &);
  CountedGuard(CountedGuard &&);
  CountedGuard &operator=(const CountedGuard &);
  ~CountedGuard();
};

void take(CountedGuard g);
CountedGuard make_guard();

void copy_construct() {
  CountedGuard a;
  CountedGuard b = a; // expected-warning {{guard 'a' is copied; a read-side critical section belongs to the one guard object that began it}}
}

void move_construct() {
  CountedGuard a;
  CountedGuard b(std::move(a)); // expected-warning {{guard 'a' is moved; a read-side critical section belongs to the one guard object that began it}}
}

void copy_assign(CountedGuard &out) {
  CountedGuard a;
  out = a; // expected-warning {{guard 'a' is copy-assigned}}
}

void pass_by_value() {
  CountedGuard a;
  take(a); // expected-warning {{guard 'a' is copied}}
}

CountedGuard return_local() {
  CountedGuard g;
  return g; // expected-warning {{guard 'g' is moved}}
}

struct Session {
  CountedGuard guard; // expected-note {{'Session' holds a guard in member 'guard'}}
  int id = 0;
};

void copy_wrapper() {
  Session s1;
  Session s2 = s1; // expected-warning {{'s1', which holds a guard, is copied}}
}

void copy_temporary_member(const Session &s) {
  CountedGuard copy(s.guard); // expected-warning {{guard 'guard' is copied}}
}

// No copy or move: silent.
void references_and_elision(const CountedGuard &caller) {
  const CountedGuard &same = caller;
  CountedGuard made = make_guard();
  CountedGuard braced = CountedGuard{};
  (void)same;
}

struct Plain {
  int value = 0;
};
void copy_plain(const Plain &p) {
  Plain q = p;
  (void)q;
}

void runtime_guard_by_reference(const rcu::Guard &g);
void runtime_guard() {
  rcu::Guard g;
  runtime_guard_by_reference(g);
}
