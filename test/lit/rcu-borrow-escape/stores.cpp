// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// Rule 2: a borrow stored where the guard cannot follow.
#include "routes.h"

const Route *g_last;
thread_local const Route *t_last;

void store_in_global(const RoutePtr &ptr) {
  rcu::Guard g;
  g_last = ptr.load(g); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in variable 'g_last' with static storage duration [rcu-borrow-escape]}}
}

void store_in_thread_local(const RoutePtr &ptr) {
  rcu::Guard g;
  t_last = ptr.load(g); // expected-warning {{stored in variable 't_last' with static storage duration}}
}

void store_in_function_static(const RoutePtr &ptr) {
  rcu::Guard g;
  static const Route *cached = ptr.load(g); // expected-warning {{stored in variable 'cached' with static storage duration}}
  (void)cached;
}

void store_in_global_from_caller_guard(const RoutePtr &ptr, const rcu::Guard &g) {
  g_last = ptr.load(g); // expected-warning {{escapes the read-side critical section of 'g': stored in variable 'g_last'}}
}

class Cache {
public:
  explicit Cache(const RoutePtr &ptr) : last_(ptr.load(rcu::Guard{})) {} // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of the temporary guard: stored in member 'last_'}} expected-warning {{binds to a temporary object whose lifetime is shorter}}

  void remember(const RoutePtr &ptr) {
    rcu::Guard g;
    last_ = ptr.load(g); // expected-warning {{stored in member 'last_'}}
  }
  void remember_name(const RouteBox &b) {
    rcu::Guard g;
    name_ = b.with_rcu(g).name; // expected-warning {{view into RCU-protected data escapes the read-side critical section of 'g': stored in member 'name_'}}
  }
  void remember_from_caller(const RoutePtr &ptr, const rcu::Guard &g) {
    this->last_ = ptr.load(g); // expected-warning {{stored in member 'last_'}}
  }
  // Silent: owned copies.
  void copy_name(const RouteBox &b) {
    rcu::Guard g;
    owned_ = b.with_rcu(g).name;
    key_ = b.with_rcu(g).key;
  }

private:
  const Route *last_ = nullptr;
  std::string_view name_;
  std::string owned_;
  int key_ = 0;
};

struct Slot {
  const Route *route;
};

void store_through_pointer_param(const RoutePtr &ptr, const Route **out) {
  rcu::Guard g;
  *out = ptr.load(g); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored through parameter 'out'}}
}

void store_through_reference_param(const RoutePtr &ptr, const Route *&out) {
  rcu::Guard g;
  out = ptr.load(g); // expected-warning {{stored through parameter 'out'}}
}

void store_in_param_member(const RoutePtr &ptr, Slot &slot) {
  rcu::Guard g;
  slot.route = ptr.load(g); // expected-warning {{stored through parameter 'slot'}}
}

void store_in_param_pointee_member(const RoutePtr &ptr, Slot *slot) {
  rcu::Guard g;
  slot->route = ptr.load(g); // expected-warning {{stored through parameter 'slot'}}
}

// --- Silent ---

// The caller's guard outlives this call: an out-parameter may carry its
// borrow back, as `out: &mut &'rcu T` may in Rust.
void out_param_of_caller_guard(const RoutePtr &ptr, const rcu::Guard &g, const Route **out) {
  *out = ptr.load(g);
}

void copy_through_out_param(const RoutePtr &ptr, int *key, std::string *name) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  *key = r ? r->key : 0;
  *name = r ? r->name : "";
}

void local_aggregate_in_scope(const RoutePtr &ptr) {
  rcu::Guard g;
  Slot s{ptr.load(g)};
  if (s.route)
    consume(*s.route);
}
