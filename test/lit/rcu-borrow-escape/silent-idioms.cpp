// RUN: %rcu_verify -I %inputs %s
// Correct RCU code the check must accept: every idiom here is silent.
// expected-no-diagnostics
#include "routes.h"
#include <memory>
#include <optional>

int copy_value_out(const RouteBox &b) {
  int k;
  {
    rcu::Guard g;
    k = b.with_rcu(g).key;
  }
  return k;
}

std::string copy_string_out(const RouteBox &b) {
  std::string name;
  {
    rcu::Guard g;
    name = b.with_rcu(g).name;
  }
  return name;
}

Route copy_struct_out(const RoutePtr &ptr) {
  Route r;
  {
    rcu::Guard g;
    r = *ptr.load(g);
  }
  return r;
}

int drop_box_while_guard_lives(RouteBox b) {
  rcu::Guard g;
  const Route &r = b.with_rcu(g);
  { RouteBox gone = std::move(b); } // Deferred: r stays valid until g ends.
  return r.key;
}

int replace_while_guard_lives(RoutePtr &ptr) {
  rcu::Guard g;
  const Route *old = ptr.load(g);
  RouteBox previous = ptr.replace(rcu::make_rcu_box<Route>());
  return old ? old->key : 0; // Still inside g's read-side section.
}

int guard_in_outer_scope(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = nullptr;
  {
    r = ptr.load(g);
  }
  return r ? r->key : 0;
}

int nested_guards(const RoutePtr &ptr) {
  rcu::Guard outer;
  const Route *r = ptr.load(outer);
  {
    rcu::Guard inner;
    const Route *s = ptr.load(inner);
    (void)s;
  }
  return r ? r->key : 0;
}

int deref_is_not_a_guard_borrow(const RouteBox &b) {
  const Route *r;
  {
    rcu::Guard g;
    r = &*b; // Borrows the box (valid while it lives), not the guard.
  }
  return r->key + b->key;
}

int foreign_borrow_is_not_a_guard_borrow(void *foreign) {
  const Route *r;
  {
    rcu::Guard g;
    r = &RouteBox::borrow(foreign);
  }
  return r->key;
}

int foreign_rcu_borrow_in_scope(void *foreign) {
  rcu::Guard g;
  const Route &r = RouteBox::rcu_borrow(foreign, g);
  return r.key;
}

std::optional<int> optional_value(const RoutePtr &ptr) {
  rcu::Guard g;
  if (const Route *r = ptr.load(g))
    return r->key;
  return std::nullopt;
}

int shared_ptr_copy(const RoutePtr &ptr) {
  std::shared_ptr<Route> snapshot;
  {
    rcu::Guard g;
    snapshot = std::make_shared<Route>(*ptr.load(g));
  }
  return snapshot->key;
}

int dangling_then_overwritten_in_loop(const RoutePtr &ptr, int n) {
  int sum = 0;
  const Route *r = nullptr;
  for (int i = 0; i < n; ++i) {
    {
      rcu::Guard g;
      r = ptr.load(g);
      sum += r ? r->key : 0;
    }
    r = nullptr;
  }
  return sum + (r ? 1 : 0);
}

int early_return_inside_guard(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  if (!r)
    return -1;
  return r->key;
}

int switch_inside_guard(const RoutePtr &ptr, int mode) {
  rcu::Guard g;
  const Route *r = ptr.load(g);
  switch (mode) {
  case 0:
    return r ? r->key : 0;
  default:
    return r ? static_cast<int>(r->hops.size()) : 0;
  }
}

int try_catch_inside_guard(const RoutePtr &ptr) {
  try {
    rcu::Guard g;
    const Route *r = ptr.load(g);
    return r ? r->hops.at(0) : 0;
  } catch (...) {
    return -1;
  }
}
