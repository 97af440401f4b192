// RUN: %rcu_verify -I %inputs %s
// A range-for's loop variable declared by reference is an alias of an
// element of the range it walks: storing a borrow through it stores into
// that range (a member, an outer container, a parameter's object).
#include "routes.h"
#include <array>
#include <map>
#include <vector>

struct Slot {
  const Route *route = nullptr;
  int hits = 0;
};

class Table {
public:
  void fill(const RoutePtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    const Route *r = p.load(g); // expected-note {{the borrow is taken from 'g' here}}
    for (auto &slot : slots_)
      slot.route = r; // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'slots_'}}
  } // expected-note {{the read-side critical section of 'g' ends here}}

  void fill_array(const RoutePtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    for (Slot &slot : fixed_)
      slot.route = p.load(g); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'fixed_'}} expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}

  void fill_map(const RoutePtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    for (auto &[key, route] : by_key_)
      route = p.load(g); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'by_key_'}} expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}

  // Silent: only values are stored through the alias.
  void count(const RoutePtr &p) {
    rcu::Guard g;
    const Route *r = p.load(g);
    for (auto &slot : slots_)
      slot.hits = r ? r->key : 0;
  }

  // Silent: the loop variable is a copy, not an alias.
  int copies(const RoutePtr &p) {
    rcu::Guard g;
    int n = 0;
    for (Slot slot : slots_) {
      slot.route = p.load(g);
      n += slot.route ? slot.route->key : 0;
    }
    return n;
  }

private:
  std::vector<Slot> slots_;
  Slot fixed_[4];
  std::map<int, const Route *> by_key_;
};

int outer_container(const RoutePtr &p) {
  std::vector<Slot> slots(3);
  {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    const Route *r = p.load(g); // expected-note {{the borrow is taken from 'g' here}}
    for (auto &s : slots)
      s.route = r; // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in 'slots', which outlives the guard}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  return slots[0].route->key;
}

void through_parameter(std::vector<Slot> &out, const RoutePtr &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  for (auto &s : out)
    s.route = p.load(g); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored through parameter 'out'}} expected-note {{the borrow is taken from 'g' here}}
} // expected-note {{the read-side critical section of 'g' ends here}}

// Silent: the container dies inside the read-side section.

int local_container(const RoutePtr &p) {
  rcu::Guard g;
  std::vector<Slot> slots(3);
  for (auto &s : slots)
    s.route = p.load(g);
  int n = 0;
  for (const auto &s : slots)
    n += s.route ? s.route->key : 0;
  return n;
}

int local_array(const RoutePtr &p) {
  rcu::Guard g;
  std::array<Slot, 2> slots{};
  for (auto &s : slots)
    s.route = p.load(g);
  return slots[1].route ? slots[1].route->key : 0;
}

int guard_per_iteration(std::vector<Slot> &cache, const RoutePtr &p) {
  int n = 0;
  for (auto &s : cache) {
    rcu::Guard g;
    const Route *r = p.load(g);
    s.hits = r ? r->key : 0;
    n += s.hits;
  }
  return n;
}
