// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -Wno-dangling -I %inputs %s
// A temporary guard ends at the end of its full-expression.
#include "routes.h"

int pointer_from_temporary_guard(const RouteBox &b) {
  const Route *p = &b.with_rcu(rcu::Guard{});
  return p->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of the temporary guard ended}}
}

int reference_from_temporary_guard(const RouteBox &b) {
  const Route &r = b.with_rcu(rcu::Guard{});
  return r.key; // expected-warning {{reference into RCU-protected data is used after the read-side critical section of the temporary guard ended}}
}

size_t view_from_temporary_guard(const RoutePtr &ptr) {
  std::string_view name = ptr.load(rcu::Guard{})->name;
  return name.size(); // expected-warning {{view into RCU-protected data is used after}}
}

const Route *returned_from_temporary_guard(const RoutePtr &ptr) {
  return ptr.load(rcu::Guard{}); // expected-warning {{returning a pointer into RCU-protected data that outlives the read-side critical section of the temporary guard}}
}

// --- Silent ---

int used_within_full_expression(const RouteBox &b) {
  return b.with_rcu(rcu::Guard{}).key + static_cast<int>(b.with_rcu(rcu::Guard{}).name.size());
}

std::string copied_within_full_expression(const RoutePtr &ptr) {
  std::string name = ptr.load(rcu::Guard{})->name;
  return name;
}

void passed_within_full_expression(const RouteBox &b) {
  consume(b.with_rcu(rcu::Guard{}));
  consume_sv(b.with_rcu(rcu::Guard{}).name);
}

int lifetime_extended_guard(const RouteBox &b) {
  const rcu::Guard &g = rcu::Guard{};
  const Route &r = b.with_rcu(g);
  return r.key;
}
