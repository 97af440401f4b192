// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// Rule 1: a borrow used on any path after its guard ended.
#include "routes.h"

int pointer_used_after_scope(const RouteBox &b) {
  const Route *p;
  {
    rcu::Guard g;
    p = &b.with_rcu(g);
  }
  return p->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended [rcu-borrow-escape]}}
}

int load_used_after_scope(const RoutePtr &ptr) {
  const Route *p = nullptr;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p ? p->key : 0; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

int reference_used_after_scope(const RouteBox &b) {
  const Route *keep = nullptr;
  {
    rcu::Guard g;
    const Route &r = b.with_rcu(g);
    keep = &r;
  }
  return keep->key; // expected-warning {{pointer into RCU-protected data is used after}}
}

size_t string_view_after_scope(const RouteBox &b) {
  std::string_view name;
  {
    rcu::Guard g;
    name = b.with_rcu(g).name;
  }
  return name.size(); // expected-warning {{view into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

char c_str_after_scope(const RouteBox &b) {
  const char *s;
  {
    rcu::Guard g;
    s = b.with_rcu(g).name.c_str();
  }
  return s[0]; // expected-warning {{pointer into RCU-protected data is used after}}
}

int data_after_scope(const RouteBox &b) {
  const int *d;
  {
    rcu::Guard g;
    d = b.with_rcu(g).hops.data();
  }
  return *d; // expected-warning {{pointer into RCU-protected data is used after}}
}

int iterator_after_scope(const RouteBox &b) {
  std::vector<int>::const_iterator it;
  {
    rcu::Guard g;
    it = b.with_rcu(g).hops.begin();
  }
  return *it; // expected-warning {{iterator into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

int span_after_scope(const RouteBox &b) {
  std::span<const int> s;
  {
    rcu::Guard g;
    s = b.with_rcu(g).hops;
  }
  return s[0]; // expected-warning {{view into RCU-protected data is used after}}
}

int member_address_after_scope(const RouteBox &b) {
  const int *k;
  {
    rcu::Guard g;
    k = &b.with_rcu(g).key;
  }
  return *k; // expected-warning {{pointer into RCU-protected data is used after}}
}

int array_element_after_scope(const RouteBox &b) {
  const int *m;
  {
    rcu::Guard g;
    m = &b.with_rcu(g).metrics[2];
  }
  return *m; // expected-warning {{pointer into RCU-protected data is used after}}
}

int pointer_arithmetic_after_scope(const RouteBox &b) {
  const int *m;
  {
    rcu::Guard g;
    m = b.with_rcu(g).metrics + 1;
  }
  return m[0]; // expected-warning {{pointer into RCU-protected data is used after}}
}

int conditional_after_scope(const RouteBox &a, const RouteBox &b, bool c) {
  const Route *p;
  {
    rcu::Guard g;
    p = c ? &a.with_rcu(g) : &b.with_rcu(g);
  }
  return p->key; // expected-warning {{pointer into RCU-protected data is used after}}
}

struct Ref {
  const Route *route;
  int weight;
};

int aggregate_field_after_scope(const RouteBox &b) {
  Ref ref{nullptr, 0};
  {
    rcu::Guard g;
    ref.route = &b.with_rcu(g);
  }
  return ref.route->key; // expected-warning {{pointer into RCU-protected data is used after}}
}

int aggregate_init_after_scope(const RouteBox &b) {
  const Route *out;
  {
    rcu::Guard g;
    Ref ref{&b.with_rcu(g), 1};
    out = ref.route;
  }
  return out->key; // expected-warning {{pointer into RCU-protected data is used after}}
}

int copied_pointer_after_scope(const RoutePtr &ptr) {
  const Route *q;
  {
    rcu::Guard g;
    const Route *p = ptr.load(g);
    q = p;
  }
  return q->key; // expected-warning {{pointer into RCU-protected data is used after}}
}

int some_path_after_scope(const RoutePtr &ptr, bool early) {
  const Route *p = nullptr;
  if (early) {
    rcu::Guard g;
    p = ptr.load(g);
  } else {
    static Route fallback;
    p = &fallback;
  }
  return p->key; // expected-warning {{pointer into RCU-protected data is used after}}
}

void passed_after_scope(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  consume_ptr(p); // expected-warning {{pointer into RCU-protected data is used after}}
}

// --- Silent: flow-sensitive like Rust's NLL. ---

void dangling_but_never_used(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
    consume_ptr(p);
  }
}

int reassigned_before_use(const RoutePtr &ptr) {
  static Route fallback;
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
    consume_ptr(p);
  }
  p = &fallback;
  return p->key;
}

bool nullness_after_scope(const RoutePtr &ptr) {
  const Route *p;
  {
    rcu::Guard g;
    p = ptr.load(g);
  }
  return p != nullptr; // Only compares the value; never dereferences.
}

int used_inside_scope(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *p = ptr.load(g);
  const Route &r = *p;
  return r.key + p->key;
}

// Unwinding out of a try block destroys its guards before the handler runs.
void may_throw(const Route *);
int used_in_handler_after_throw(const RoutePtr &p) {
  const Route *r = nullptr;
  try {
    rcu::Guard g;
    r = p.load(g);
    if (r->key < 0)
      throw 1;
    return r->key;
  } catch (int) {
    return r->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
  }
}
int used_in_handler_after_call(const RoutePtr &p) {
  const Route *r = nullptr;
  try {
    rcu::Guard g;
    r = p.load(g);
    may_throw(r);
    return r->key;
  } catch (...) {
    return r ? r->key : 0; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
  }
}
// Silent: the guard encloses the whole try statement.
int handler_inside_guard(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = nullptr;
  try {
    r = p.load(g);
    may_throw(r);
    return r->key;
  } catch (...) {
    return r ? r->key : 0;
  }
}

// One report per dangling borrow; the same variable reloaded under another
// guard and misused again is a second bug.
int two_bugs_one_variable(const RoutePtr &p) {
  const Route *r;
  {
    rcu::Guard g1;
    r = p.load(g1);
  }
  int a = r->key; // expected-warning {{read-side critical section of 'g1' ended}}
  a += r->key;
  {
    rcu::Guard g2;
    r = p.load(g2);
  }
  return a + r->key; // expected-warning {{read-side critical section of 'g2' ended}}
}
