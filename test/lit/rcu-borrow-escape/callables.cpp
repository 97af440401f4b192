// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// A lambda called in the section runs inside it: what its body stores (into
// members through `this`, by-reference captures, globals) escapes as if the
// section stored it; what it returns from a captured guard is a borrow.
#include "routes.h"

const Route *g_route;

class Service {
public:
  void store_captured_borrow(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    auto keep = [&] { last_ = r; }; // expected-note {{the lambda stores 'r' into member 'last_'}}
    keep(); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'last_'}}
  }
  void load_with_captured_guard(const RoutePtr &p) {
    rcu::Guard g;
    auto refresh = [&] {
      last_ = p.load(g); // expected-warning {{escapes the read-side critical section of 'g': stored in member 'last_'}}
    };
    refresh();
  }
  void global_from_lambda(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    [r] { g_route = r; }(); // expected-warning {{stored in variable 'g_route' with static storage duration}}
  }
  // Silent: the lambda only reads, or copies.
  int read_in_lambda(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    auto key = [&] { return r->key; };
    name_ = [&] { return r->name; }();
    return key();
  }

private:
  const Route *last_ = nullptr;
  std::string name_;
};

int out_through_capture(const RoutePtr &p) {
  const Route *out = nullptr;
  {
    rcu::Guard g;
    const Route *r = p.load(g);
    auto set = [&] { out = r; };
    set();
  }
  return out->key; // expected-warning {{used after the read-side critical section of 'g' ended}}
}

int borrow_from_captured_guard(const RoutePtr &p) {
  const Route *r;
  {
    rcu::Guard g;
    auto find = [&] { return p.load(g); };
    r = find();
  }
  return r->key; // expected-warning {{used after the read-side critical section of 'g' ended}}
}

// --- Silent ---

int used_in_scope(const RoutePtr &p) {
  rcu::Guard g;
  auto find = [&] { return p.load(g); };
  const Route *r = find();
  const Route *out = nullptr;
  auto set = [&] { out = r; };
  set();
  return r->key + out->key;
}
