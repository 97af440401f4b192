// RUN: %rcu_verify -Wno-unused-value -fplugin-arg-rcu-lifetime-checks=-*,rcu-guard-misuse %s
// Templates, macros and suppressions.
#include <rcu/guard.hpp>

void use(int);

template <class T> void keep_static() {
  static T kept; // expected-warning {{guard 'kept' is a static local variable}}
  use(sizeof(kept));
}
void instantiate() {
  keep_static<rcu::Guard>(); // Reported once, at the template.
  keep_static<int>();
  keep_static<long>();
}

template <class T> void never_instantiated() {
  static T kept;
  T{};
  new T;
}

template <class G> void discard_dependent() {
  G{}; // expected-warning {{guard temporary of type 'rcu::Guard' is destroyed at the end of the statement}}
}
template void discard_dependent<rcu::Guard>();
template void discard_dependent<int>();

#define DECLARE_STATIC_GUARD(name) static rcu::Guard name
void from_macro() {
  DECLARE_STATIC_GUARD(g); // expected-warning {{guard 'g' is a static local variable}}
}

void suppressed() {
  static rcu::Guard g; // NOLINT(rcu-guard-misuse)
  rcu::Guard{}; // NOLINT(rcu-guard-misuse)
}

// A guard type declared but never defined, and incomplete types.
struct Incomplete;
static Incomplete *incomplete;
struct RCU_GUARD_TYPE ForwardGuard;
static ForwardGuard *forward_guard;
