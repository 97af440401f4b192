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

// Destinations reached through pointers, aliases and accessors.
struct Registry {
  const Route *last;
  std::vector<const Route *> seen;
};
Registry g_registry;
Registry &registry();
Registry &registry_for(std::vector<const Route *> &scratch);

void push_through_pointer_param(const RoutePtr &p, std::vector<const Route *> *out) {
  rcu::Guard g;
  out->push_back(p.load(g)); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored through parameter 'out'}}
}

void subscript_pointer_param(const RoutePtr &p, const Route **out) {
  rcu::Guard g;
  out[0] = p.load(g); // expected-warning {{stored through parameter 'out'}}
}

void through_alias_of_global(const RoutePtr &p) {
  rcu::Guard g;
  auto &reg = g_registry;
  reg.last = p.load(g); // expected-warning {{stored in variable 'g_registry' with static storage duration}}
}

void through_accessor(const RoutePtr &p) {
  rcu::Guard g;
  registry().seen.push_back(p.load(g)); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in storage that outlives it}}
}

struct Tracker {
  Registry *registry_;
  std::vector<const Route *> seen_;
  void through_member_pointer(const RoutePtr &p) {
    rcu::Guard g;
    registry_->last = p.load(g); // expected-warning {{stored in member 'registry_'}}
  }
  void through_alias_of_member(const RoutePtr &p) {
    rcu::Guard g;
    auto &s = seen_;
    s.push_back(p.load(g)); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'seen_'}}
  }
};

// Silent: local pointers and aliases that stay within the guard's scope, and
// an accessor that may return the caller's own scratch space.
int local_destinations(const RoutePtr &p) {
  rcu::Guard g;
  const Route *slots[2] = {};
  const Route **cursor = slots;
  cursor[0] = p.load(g);
  std::vector<const Route *> local;
  auto &alias = local;
  alias.push_back(p.load(g));
  std::vector<const Route *> scratch;
  registry_for(scratch).seen.push_back(p.load(g));
  return slots[0]->key + alias.front()->key;
}
