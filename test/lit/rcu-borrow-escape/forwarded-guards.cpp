// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// A guard forwarded into a view's constructor by std::make_unique,
// std::make_shared, std::make_optional, std::optional::emplace,
// std::construct_at or a container's emplace_back lends to the object made,
// as if the constructor had been called directly.
#include "routes.h"
#include <memory>
#include <optional>
#include <vector>

class RouteView {
public:
  RouteView(const RoutePtr &p, const rcu::Guard &g RCU_BORROW)
      : r_(p.load(g)) {}
  int key() const { return r_ ? r_->key : 0; }

private:
  const Route *r_;
};

// Built from a guard it does not borrow: an owning snapshot.
class RouteSnapshot {
public:
  RouteSnapshot(const RoutePtr &p, const rcu::Guard &g)
      : key_(p.load(g) ? p.load(g)->key : 0) {}
  int key() const { return key_; }

private:
  int key_;
};

int make_unique_used_after(const RoutePtr &p) {
  std::unique_ptr<RouteView> v;
  {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    v = std::make_unique<RouteView>(p, g); // expected-note {{the borrow is taken from 'g' here}}
  }
  return v->key(); // expected-warning {{used after the read-side critical section of 'g' ended}}
}

std::shared_ptr<RouteView> make_shared_returned(const RoutePtr &p) {
  rcu::Guard g;
  return std::make_shared<RouteView>(p, g); // expected-warning {{outlives the read-side critical section of 'g'}}
}

int make_optional_used_after(const RoutePtr &p) {
  std::optional<RouteView> v;
  {
    rcu::Guard g;
    v = std::make_optional<RouteView>(p, g);
  }
  return v->key(); // expected-warning {{used after the read-side critical section of 'g' ended}}
}

int emplace_used_after(const RoutePtr &p) {
  std::optional<RouteView> v;
  {
    rcu::Guard g;
    v.emplace(p, g);
  }
  return v->key(); // expected-warning {{used after the read-side critical section of 'g' ended}}
}

int construct_at_used_after(const RoutePtr &p, RouteView *storage) {
  RouteView *v;
  {
    rcu::Guard g;
    v = std::construct_at(storage, p, g);
  }
  return v->key(); // expected-warning {{used after the read-side critical section of 'g' ended}}
}

std::vector<RouteView> g_views;
void emplace_back_into_global(const RoutePtr &p) {
  rcu::Guard g;
  g_views.emplace_back(p, g); // expected-warning {{escapes the read-side critical section of 'g': stored in variable 'g_views' with static storage duration}}
}

// --- Silent ---

int views_used_in_section(const RoutePtr &p) {
  rcu::Guard g;
  auto u = std::make_unique<RouteView>(p, g);
  std::optional<RouteView> o;
  o.emplace(p, g);
  std::vector<RouteView> local;
  local.emplace_back(p, g);
  return u->key() + o->key() + local.back().key();
}

int snapshots_outlive_the_section(const RoutePtr &p) {
  std::unique_ptr<RouteSnapshot> s;
  std::optional<RouteSnapshot> o;
  {
    rcu::Guard g;
    s = std::make_unique<RouteSnapshot>(p, g);
    o.emplace(p, g);
  }
  return s->key() + o->key();
}

std::unique_ptr<RouteView> callers_guard(const RoutePtr &p,
                                         const rcu::Guard &g RCU_BORROW) {
  return std::make_unique<RouteView>(p, g);
}
