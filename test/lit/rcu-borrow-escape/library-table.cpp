// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// Standard library calls that store a value somewhere, from the table in
// LibraryEffects.cpp.
#include "routes.h"
#include <algorithm>
#include <any>
#include <atomic>
#include <future>
#include <iterator>
#include <tuple>
#include <utility>

class Router {
public:
  void exchange_into_member(const RoutePtr &p) {
    rcu::Guard g;
    const Route *old = std::exchange(last_, p.load(g)); // expected-warning {{escapes the read-side critical section of 'g': stored in member 'last_'}}
    (void)old;
  }
  void swap_into_member(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    std::swap(last_, r); // expected-warning {{stored in member 'last_'}}
  }
  void atomic_store(const RoutePtr &p) {
    rcu::Guard g;
    current_.store(p.load(g)); // expected-warning {{stored in member 'current_'}}
  }
  void atomic_exchange(const RoutePtr &p) {
    rcu::Guard g;
    current_.exchange(p.load(g)); // expected-warning {{stored in member 'current_'}}
  }
  void atomic_cas(const RoutePtr &p) {
    rcu::Guard g;
    const Route *expected = nullptr;
    current_.compare_exchange_strong(expected, p.load(g)); // expected-warning {{stored in member 'current_'}}
  }
  void promise_value(const RoutePtr &p) {
    rcu::Guard g;
    promise_.set_value(p.load(g)); // expected-warning {{stored in member 'promise_'}}
  }
  void any_assign(const RoutePtr &p) {
    rcu::Guard g;
    any_ = p.load(g); // expected-warning {{stored in member 'any_'}}
  }
  void copy_into_member(const RoutePtr &p) {
    rcu::Guard g;
    std::vector<const Route *> picked{p.load(g)};
    std::copy(picked.begin(), picked.end(), std::back_inserter(all_)); // expected-warning {{stored in member 'all_'}}
  }
  void transform_into_member(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    std::transform(r->hops.begin(), r->hops.end(), std::back_inserter(hops_), // expected-warning {{stored in member 'hops_'}}
                   [](const int &h) { return &h; });
  }
  void tie_into_members(const RoutePtr &p) {
    rcu::Guard g;
    int k;
    std::tie(last_, k) = std::make_pair(p.load(g), 1); // expected-warning {{stored in member 'last_'}}
  }

  // --- Silent: values, copies of elements, objects within the section ---
  void exchange_value(const RoutePtr &p) {
    rcu::Guard g;
    key_ = std::exchange(count_, p.load(g)->key);
  }
  void copy_elements(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    std::copy(r->hops.begin(), r->hops.end(), std::back_inserter(keys_));
    std::transform(r->hops.begin(), r->hops.end(), std::back_inserter(keys_),
                   [](int h) { return h * 2; });
  }
  int local_atomic(const RoutePtr &p) {
    rcu::Guard g;
    std::atomic<const Route *> local{nullptr};
    local.store(p.load(g));
    return local.load()->key;
  }
  int local_swap(const RoutePtr &p) {
    rcu::Guard g;
    const Route *a = p.load(g), *b = nullptr;
    std::swap(a, b);
    return b ? b->key : 0;
  }

private:
  const Route *last_ = nullptr;
  std::atomic<const Route *> current_{nullptr};
  std::promise<const Route *> promise_;
  std::any any_;
  std::vector<const Route *> all_;
  std::vector<const int *> hops_;
  std::vector<int> keys_;
  int key_ = 0, count_ = 0;
};

int swap_then_use(const RoutePtr &p) {
  const Route *out = nullptr;
  {
    rcu::Guard g;
    const Route *r = p.load(g);
    std::swap(out, r);
  }
  return out->key; // expected-warning {{used after the read-side critical section of 'g' ended}}
}
