// RUN: %rcu_verify -I %inputs %s
// A function whose result carries a borrow of the guard it is given borrows
// from that guard, as if its parameter were marked RCU_BORROW.
#include "routes.h"

const Route *find_route(const rcu::Guard &g, const RoutePtr &p, int key) {
  const Route *r = p.load(g); // expected-note {{'find_route' returns a borrow of the guard it is given, taken here}}
  return r && r->key == key ? r : nullptr;
}

// Two levels: the helper forwards to another unannotated helper.
const Route *find_first(const rcu::Guard &g, const RoutePtr &p) {
  return find_route(g, p, 1); // expected-note {{'find_first' returns a borrow of the guard it is given, taken here}}
}

Route copy_route(const rcu::Guard &g, const RoutePtr &p) { return *p.load(g); }
int key_of(const rcu::Guard &g, const RoutePtr &p) { return p.load(g)->key; }

class Registry {
public:
  const std::string *name_of(const rcu::Guard &g, int key) const {
    const Route *r = table_.find(g, key); // expected-note {{'name_of' returns a borrow of the guard it is given, taken here}}
    return r ? &r->name : nullptr;
  }

private:
  RouteTable table_;
};

int used_after_guard(const RoutePtr &p) {
  const Route *r;
  {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    r = find_route(g, p, 7); // expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  return r->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

const Route *g_route;
void stored_in_global(const RoutePtr &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  g_route = find_first(g, p); // expected-warning {{escapes the read-side critical section of 'g': stored in variable 'g_route'}} expected-note {{the borrow is taken from 'g' here}} 
} // expected-note {{the read-side critical section of 'g' ends here}}

size_t member_helper(const Registry &reg) {
  const std::string *name;
  {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    name = reg.name_of(g, 3); // expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  return name->size(); // expected-warning {{used after the read-side critical section of 'g' ended}}
}

// --- Silent ---

int copies(const RoutePtr &p) {
  Route c;
  int k;
  {
    rcu::Guard g;
    c = copy_route(g, p);
    k = key_of(g, p);
  }
  return c.key + k;
}

int in_scope(const RoutePtr &p) {
  rcu::Guard g;
  const Route *r = find_route(g, p, 7);
  return r ? r->key : 0;
}
