// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// Borrows held in fields and elements of local aggregates: only the part
// that is read counts as a use, and storing into the one part that can hold
// a borrow overwrites it.
#include "routes.h"
#include <array>
#include <string>
#include <utility>

struct Lookup {
  const Route *route = nullptr;
  int hops = 0;
};
struct Both {
  const Route *primary = nullptr;
  const Route *backup = nullptr;
};
struct Copied {
  std::string name;
  const Route *route = nullptr;
};
void consume_lookup(const Lookup &);

// Still reported.

int field_read_after_guard(const RoutePtr &ptr) {
  Lookup x;
  {
    rcu::Guard g;
    x.route = ptr.load(g);
  }
  return x.route->key; // expected-warning {{used after the read-side critical section of 'g' ended}}
}

void whole_aggregate_used_after_guard(const RoutePtr &ptr) {
  Lookup x;
  {
    rcu::Guard g;
    x.route = ptr.load(g);
  }
  consume_lookup(x); // expected-warning {{value holding a pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

int other_field_still_dangling(const RoutePtr &a, const RoutePtr &b,
                               const Route &fallback) {
  Both both;
  {
    rcu::Guard g;
    both.primary = a.load(g);
    both.backup = b.load(g);
  }
  both.primary = &fallback;
  return both.backup->key; // expected-warning {{used after the read-side critical section of 'g' ended}}
}

int pair_first_after_guard(const RoutePtr &ptr) {
  std::pair<const Route *, int> p;
  {
    rcu::Guard g;
    p.first = ptr.load(g);
  }
  return p.first->key; // expected-warning {{used after the read-side critical section of 'g' ended}}
}

int array_element_after_guard(const RoutePtr &ptr) {
  const Route *cur[2] = {};
  {
    rcu::Guard g;
    cur[0] = ptr.load(g);
  }
  return cur[0]->key; // expected-warning {{used after the read-side critical section of 'g' ended}}
}

int std_array_element_after_guard(const RoutePtr &ptr) {
  std::array<const Route *, 2> cur{};
  {
    rcu::Guard g;
    cur[1] = ptr.load(g);
  }
  return cur[1]->key; // expected-warning {{used after the read-side critical section of 'g' ended}}
}

// Silent.

int field_reused_per_iteration(const RoutePtr &ptr, int rounds) {
  Lookup m;
  int total = 0;
  for (int i = 0; i < rounds; ++i) {
    rcu::Guard g;
    m.route = ptr.load(g);
    m.hops = m.route ? m.route->key : 0;
    total += m.hops;
  }
  return total;
}

int pair_reused_per_iteration(const RoutePtr &ptr, int rounds) {
  std::pair<const Route *, int> m;
  int total = 0;
  for (int i = 0; i < rounds; ++i) {
    rcu::Guard g;
    m.first = ptr.load(g);
    total += m.first ? m.first->key : 0;
  }
  return total;
}

int field_overwritten_after_guard(const RoutePtr &ptr, const Route &fallback) {
  Lookup x;
  {
    rcu::Guard g;
    x.route = ptr.load(g);
  }
  x.route = &fallback;
  return x.route->key;
}

void other_field_written_after_guard(const RoutePtr &ptr) {
  Lookup x;
  {
    rcu::Guard g;
    x.route = ptr.load(g);
  }
  x.hops = 5;
}

std::string copied_field_read_after_guard(const RoutePtr &ptr) {
  Copied c;
  {
    rcu::Guard g;
    c.route = ptr.load(g);
    c.name = c.route->name;
  }
  return c.name;
}

int pair_second_after_guard(const RoutePtr &ptr) {
  std::pair<const Route *, int> p;
  {
    rcu::Guard g;
    p.first = ptr.load(g);
    p.second = p.first->key;
  }
  return p.second;
}

bool field_null_test_after_guard(const RoutePtr &ptr) {
  Lookup x;
  {
    rcu::Guard g;
    x.route = ptr.load(g);
  }
  return x.route != nullptr;
}

int array_reused_per_iteration(const RoutePtr &a, const RoutePtr &b,
                               int rounds) {
  const Route *cur[2] = {};
  int total = 0;
  for (int i = 0; i < rounds; ++i) {
    rcu::Guard g;
    cur[0] = a.load(g);
    cur[1] = b.load(g);
    total += cur[0]->key + cur[1]->key;
  }
  return total;
}

int std_array_reused_per_iteration(const RoutePtr &a, int rounds) {
  std::array<const Route *, 2> cur{};
  int total = 0;
  for (int i = 0; i < rounds; ++i) {
    rcu::Guard g;
    cur[0] = a.load(g);
    total += cur[0]->key;
  }
  return total;
}
