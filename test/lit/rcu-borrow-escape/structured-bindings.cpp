// RUN: %rcu_verify -Wno-return-stack-address -Wno-dangling -I %inputs %s
// Structured bindings of tuple-like results (std::pair, std::tuple, a type
// with get<N>): a binding holds a borrow if its element does; an element
// that holds a value (an int, a std::string) is free to outlive the guard.
#include "routes.h"
#include <string>
#include <tuple>
#include <utility>

std::pair<const Route *, int> lookup_pair(const rcu::Guard &g RCU_BORROW,
                                          const RoutePtr &p);
std::tuple<int, std::string, const Route *>
lookup_tuple(const rcu::Guard &g RCU_BORROW, const RoutePtr &p);
std::tuple<const Route &, int> lookup_ref(const rcu::Guard &g RCU_BORROW,
                                          const RoutePtr &p);

// A user's tuple-like type: private members, get<N> and the two traits.
class Found {
public:
  Found(const Route *r, int hops) : route_(r), hops_(hops) {}
  template <std::size_t N> auto get() const {
    if constexpr (N == 0)
      return route_;
    else
      return hops_;
  }

private:
  const Route *route_;
  int hops_;
};
template <> struct std::tuple_size<Found> : std::integral_constant<std::size_t, 2> {};
template <> struct std::tuple_element<0, Found> { using type = const Route *; };
template <> struct std::tuple_element<1, Found> { using type = int; };
Found lookup_found(const rcu::Guard &g RCU_BORROW, const RoutePtr &p);

// Reported.

int pair_binding_after_guard(const RoutePtr &p) {
  const Route *kept = nullptr;
  {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    auto [r, hops] = lookup_pair(g, p); // expected-note {{the borrow is taken from 'g' here}}
    kept = r;
  } // expected-note {{the read-side critical section of 'g' ends here}}
  return kept->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

int binding_of_temporary_guard(const RoutePtr &p) {
  auto [r, hops] = lookup_pair(rcu::Guard{}, p); // expected-note {{the temporary guard is destroyed at the end of the full-expression, ending its read-side critical section}} expected-note {{the borrow is taken from the temporary guard here}} expected-note {{name the guard to extend its read-side critical section to the end of the block}}
  return r->key + hops; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of the temporary guard ended}}
}

struct Cache {
  const Route *last_ = nullptr;
  const Route *found_ = nullptr;
  void remember(const RoutePtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    auto [hops, name, r] = lookup_tuple(g, p); // expected-note {{the borrow is taken from 'g' here}}
    last_ = r; // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'last_'}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  void remember_found(const RoutePtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    auto [r, hops] = lookup_found(g, p); // expected-note {{the borrow is taken from 'g' here}}
    found_ = r; // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'found_'}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
};

const Route *return_binding(const RoutePtr &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  auto [r, hops] = lookup_found(g, p); // expected-note {{the borrow is taken from 'g' here}}
  return r; // expected-warning {{returning a pointer into RCU-protected data that outlives the read-side critical section of 'g'}}
} // expected-note {{the read-side critical section of 'g' ends here}}

const Route *g_route;
void reference_element_escapes(const RoutePtr &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  auto [route, hops] = lookup_ref(g, p); // expected-note {{the borrow is taken from 'g' here}}
  g_route = &route; // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in variable 'g_route' with static storage duration}}
} // expected-note {{the read-side critical section of 'g' ends here}}

// Silent.

int value_element_after_guard(const RoutePtr &p) {
  int kept = 0;
  {
    rcu::Guard g;
    auto [r, hops] = lookup_pair(g, p);
    kept = hops;
  }
  return kept;
}

std::string owned_elements_of_temporary_guard(const RoutePtr &p) {
  auto [hops, name, r] = lookup_tuple(rcu::Guard{}, p);
  return name + std::to_string(hops);
}

struct Counter {
  int hops_ = 0;
  void count(const RoutePtr &p) {
    rcu::Guard g;
    auto [r, hops] = lookup_found(g, p);
    hops_ = hops + (r ? r->key : 0);
  }
};

int binding_used_within_guard(const RoutePtr &p) {
  rcu::Guard g;
  auto [route, hops] = lookup_ref(g, p);
  return route.key + hops;
}

const Route *caller_guard_binding(const RoutePtr &p,
                                  const rcu::Guard &g RCU_BORROW) {
  auto [r, hops] = lookup_pair(g, p);
  return r;
}

// In a template, reported once per function; arrays, bit-fields and
// aggregates next to a tuple-like binding stay what they were.
template <class P> void template_escape(const P &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  auto [r, hops] = std::make_pair(p.load(g), 1); // expected-note {{the borrow is taken from 'g' here}}
  g_route = r; // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in variable 'g_route' with static storage duration}}
} // expected-note {{the read-side critical section of 'g' ends here}}
void instantiate(const RoutePtr &p) { template_escape(p); }

template <class P> int template_mixed(const P &p) {
  rcu::Guard g;
  auto [r, hops] = std::make_pair(p.load(g), 1);
  int arr[2] = {1, 2};
  auto [x, y] = arr;
  struct Bits {
    int f : 3;
    const Route *route;
  } bits{1, r};
  auto [f, route] = bits;
  return r->key + hops + x + y + f + (route ? route->key : 0);
}
int instantiate_mixed(const RoutePtr &p) { return template_mixed(p); }

// An aggregate's bindings name its members: using one after the guard is a
// use too, and a member that holds a value is free.
struct Lookup {
  const Route *route;
  int hops;
};
Lookup lookup_struct(const rcu::Guard &g RCU_BORROW, const RoutePtr &p);

int aggregate_binding_after_guard(const RoutePtr &p) {
  auto [route, hops] = lookup_struct(rcu::Guard{}, p); // expected-note {{the temporary guard is destroyed at the end of the full-expression, ending its read-side critical section}} expected-note {{the borrow is taken from the temporary guard here}} expected-note {{name the guard to extend its read-side critical section to the end of the block}}
  return route->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of the temporary guard ended}}
}

int aggregate_value_after_guard(const RoutePtr &p) {
  auto [route, hops] = lookup_struct(rcu::Guard{}, p);
  return hops;
}
