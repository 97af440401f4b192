// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -Wno-return-stack-address -I %inputs %s
// Rule 3: returning a borrow of a local or temporary guard.
#include "routes.h"

const Route &return_reference(const RouteBox &b) {
  rcu::Guard g;
  return b.with_rcu(g); // expected-warning {{returning a reference into RCU-protected data that outlives the read-side critical section of 'g' [rcu-borrow-escape]}}
}

const Route *return_pointer(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  return r; // expected-warning {{returning a pointer into RCU-protected data that outlives the read-side critical section of 'g'}}
}

std::string_view return_view(const RouteBox &b) {
  rcu::Guard g;
  return b.with_rcu(g).name; // expected-warning {{returning a view into RCU-protected data}}
}

std::vector<int>::const_iterator return_iterator(const RouteBox &b) {
  rcu::Guard g;
  return b.with_rcu(g).hops.begin(); // expected-warning {{returning an iterator into RCU-protected data}}
}

std::span<const int> return_span(const RouteBox &b) {
  rcu::Guard g;
  return b.with_rcu(g).hops; // expected-warning {{returning a view into RCU-protected data}}
}

const char *return_c_str(const RouteBox &b) {
  rcu::Guard g;
  return b.with_rcu(g).name.c_str(); // expected-warning {{returning a pointer into RCU-protected data}}
}

const Route *return_user_borrow(const RouteTable &t, int key) {
  rcu::Guard g;
  return t.find(g, key); // expected-warning {{returning a pointer into RCU-protected data}}
}

int lambda_returning_borrow(const RoutePtr &ptr) {
  auto f = [&]() -> const Route * {
    rcu::Guard g;
    return ptr.load(g); // expected-warning {{returning a pointer into RCU-protected data}}
  };
  return f() ? 1 : 0;
}

// --- Silent ---

const Route &return_caller_guard_borrow(const RouteBox &b, const rcu::Guard &g RCU_BORROW) {
  return b.with_rcu(g);
}

const Route *return_caller_guard_pointer(const RouteTable &t, const rcu::Guard &g RCU_BORROW, int key) {
  const Route *r = t.find(g, key);
  return r;
}

Route return_copy(const RoutePtr &ptr) {
  rcu::Guard g;
  return *ptr.load(g);
}

std::string return_string_copy(const RouteBox &b) {
  rcu::Guard g;
  return b.with_rcu(g).name;
}

int return_value(const RouteBox &b) {
  rcu::Guard g;
  return b.with_rcu(g).key;
}

const Route &return_deref_of_box(const RouteBox &b) {
  // operator* borrows the box, not a guard: valid while the box lives.
  return *b;
}

// A view class that follows the rule of five with defaulted copies still
// copies the pointer it holds.
class RouteView {
  const Route *r_;

public:
  RouteView(const RoutePtr &p, const rcu::Guard &g RCU_BORROW) : r_(p.load(g)) {}
  RouteView(const RouteView &) = default;
  RouteView &operator=(const RouteView &) = default;
  int key() const { return r_->key; }
};
RouteView return_view_with_defaulted_copy(const RoutePtr &p) {
  rcu::Guard g;
  return RouteView(p, g); // expected-warning {{returning a view into RCU-protected data that outlives the read-side critical section of 'g'}}
}
