// RUN: %rcu_verify -Wno-return-stack-address -I %inputs %s
// An object reached through a local std::unique_ptr holds what is stored
// into it: returning the unique_ptr, or moving it into a member, lets the
// borrow out.
#include "routes.h"
#include <memory>
#include <utility>

struct Holder {
  const Route *route = nullptr;
  int key = 0;
};

std::unique_ptr<Holder> make_holder(const RoutePtr &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  auto box = std::make_unique<Holder>();
  box->route = p.load(g); // expected-note {{the borrow is taken from 'g' here}}
  return box; // expected-warning {{returning a value holding a pointer into RCU-protected data that outlives the read-side critical section of 'g'}}
} // expected-note {{the read-side critical section of 'g' ends here}}

class Cache {
public:
  void refresh(const RoutePtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    auto box = std::make_unique<Holder>();
    box->route = p.load(g); // expected-note {{the borrow is taken from 'g' here}}
    last_ = std::move(box); // expected-warning {{value holding a pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'last_'}}
  } // expected-note {{the read-side critical section of 'g' ends here}}

  // Silent: only a copied value goes into the box.
  void refresh_key(const RoutePtr &p) {
    rcu::Guard g;
    auto box = std::make_unique<Holder>();
    box->key = p.load(g)->key;
    last_ = std::move(box);
  }

private:
  std::unique_ptr<Holder> last_;
};

int used_after_guard(const RoutePtr &p) {
  auto box = std::make_unique<Holder>();
  {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    box->route = p.load(g); // expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  return box->route->key; // expected-warning {{value holding a pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

// Silent: the owned object's pointer is overwritten before it is read.
int overwritten_after_guard(const RoutePtr &p, const Route &fallback) {
  auto box = std::make_unique<Holder>();
  {
    rcu::Guard g;
    box->route = p.load(g);
  }
  box->route = &fallback;
  return box->route->key;
}

// Silent.

std::unique_ptr<Holder> copy_out(const RoutePtr &p) {
  rcu::Guard g;
  auto box = std::make_unique<Holder>();
  box->key = p.load(g)->key;
  return box;
}

int box_dies_in_section(const RoutePtr &p) {
  rcu::Guard g;
  auto box = std::make_unique<Holder>();
  box->route = p.load(g);
  return box->route ? box->route->key : 0;
}

std::unique_ptr<Holder> caller_guard(const RoutePtr &p,
                                     const rcu::Guard &g RCU_BORROW) {
  auto box = std::make_unique<Holder>();
  box->route = p.load(g);
  return box;
}
