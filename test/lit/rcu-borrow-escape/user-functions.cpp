// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// User functions take part through RCU_BORROW or [[clang::lifetimebound]].
#include "routes.h"

template <class K, class V> class RcuMap {
public:
  const V *find(const rcu::Guard &g RCU_BORROW, const K &k) const;
  const V &at(const rcu::Guard &g [[clang::lifetimebound]], const K &k) const;
};

// A view object: its constructor takes the guard RCU_BORROW, so the object
// is itself a borrow of that guard.
class RouteView {
public:
  RouteView(const RoutePtr &p, const rcu::Guard &g RCU_BORROW) : r_(p.load(g)) {}
  const Route *get() const { return r_; }
  const std::string &name() const { return r_->name; }

private:
  const Route *r_;
};

// Forwards the caller's guard: its result borrows from it too.
const Route *lookup(const RouteTable &t, const rcu::Guard &g RCU_BORROW, int key) {
  return t.find(g, key);
}

int user_find_after_scope(const RcuMap<int, Route> &m) {
  const Route *r;
  {
    rcu::Guard g;
    r = m.find(g, 1);
  }
  return r->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

int lifetimebound_after_scope(const RcuMap<int, Route> &m) {
  const Route *r;
  {
    rcu::Guard g;
    r = &m.at(g, 1);
  }
  return r->key; // expected-warning {{pointer into RCU-protected data is used after}}
}

int forwarded_after_scope(const RouteTable &t) {
  const Route *r;
  {
    rcu::Guard g;
    r = lookup(t, g, 3);
  }
  return r->key; // expected-warning {{pointer into RCU-protected data is used after}}
}

int view_after_scope(const RoutePtr &p) {
  const Route *r;
  {
    rcu::Guard g;
    RouteView v(p, g);
    r = v.get();
  }
  return r->key; // expected-warning {{pointer into RCU-protected data is used after}}
}

size_t view_method_after_scope(const RoutePtr &p) {
  const std::string *name;
  {
    rcu::Guard g;
    RouteView v(p, g);
    name = &v.name();
  }
  return name->size(); // expected-warning {{pointer into RCU-protected data is used after}}
}

class Holder {
public:
  // Not RCU_BORROW: nothing ties Holder objects to the caller's guard.
  Holder(const RoutePtr &p, const rcu::Guard &g) : r_(p.load(g)) {} // expected-warning {{stored in member 'r_'}}

private:
  const Route *r_;
};

// --- Silent ---

int view_in_scope(const RoutePtr &p) {
  rcu::Guard g;
  RouteView v(p, g);
  return v.get() ? v.get()->key : 0;
}

int pass_to_ordinary_function(const RouteTable &t) {
  rcu::Guard g;
  const Route *r = t.find(g, 7);
  if (!r)
    return 0;
  consume(*r);
  consume_ptr(r);
  consume_sv(r->name);
  return r->key;
}

int unannotated_guard_param(const RoutePtr &p, const rcu::Guard &g) {
  // Without RCU_BORROW the result is not a borrow; here it is copied anyway.
  return p.load(g)->key;
}

// Out-parameters: passing a holder by non-const reference or by address lets
// the callee overwrite it; that is not a use of the old, dangling value.
bool find_into(const RoutePtr &p, const rcu::Guard &g, const Route *&out);
bool find_into_borrowing(const RoutePtr &p, const rcu::Guard &g RCU_BORROW,
                         const Route *&out);
bool find_at(const RoutePtr &p, const rcu::Guard &g RCU_BORROW,
             const Route **out);

int out_param_reused(const RoutePtr &p) {
  const Route *r;
  int s = 0;
  {
    rcu::Guard g;
    r = p.load(g);
    s += r->key;
  }
  {
    rcu::Guard g;
    if (find_into(p, g, r))
      s += r->key;
  }
  {
    rcu::Guard g;
    if (find_at(p, g, &r))
      s += r->key;
  }
  return s;
}

// The callee takes the guard RCU_BORROW: what it stores borrows from it.
int out_param_used_after_guard(const RoutePtr &p) {
  const Route *r = nullptr;
  {
    rcu::Guard g;
    find_into_borrowing(p, g, r);
  }
  return r->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

int address_out_param_used_after_guard(const RoutePtr &p) {
  const Route *r = nullptr;
  {
    rcu::Guard g;
    find_at(p, g, &r);
  }
  return r->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

// A const reference is read, not overwritten: passing a dangling pointer
// there is a use.
void inspect(const Route *const &r);
void dangling_by_const_reference(const RoutePtr &p) {
  const Route *r;
  {
    rcu::Guard g;
    r = p.load(g);
  }
  inspect(r); // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}
