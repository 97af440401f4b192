// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -I %inputs %s
// An override keeps the RCU_BORROW contract of the function it overrides,
// whether or not it repeats the annotation.
#include "routes.h"

class RouteSource {
public:
  virtual ~RouteSource() = default;
  virtual const Route *find(const rcu::Guard &g RCU_BORROW, int key) const = 0;
  virtual const Route *probe(const rcu::Guard &g, int key) const = 0;
};

class TableSource : public RouteSource {
public:
  const Route *find(const rcu::Guard &g, int key) const override {
    return table_.find(g, key);
  }
  const Route *probe(const rcu::Guard &g, int key) const override;

private:
  RouteTable table_;
};

// Two levels down, the contract still holds.
class CachedSource final : public TableSource {
public:
  const Route *find(const rcu::Guard &g, int key) const override;
};

// Not an override: a function of the same name in an unrelated class.
class Unrelated {
public:
  const Route *find(const rcu::Guard &g, int key) const;
};

int through_override(const TableSource &s) {
  const Route *r;
  {
    rcu::Guard g;
    r = s.find(g, 1);
  }
  return r->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

int through_final_override(const CachedSource &s) {
  const Route *r;
  {
    rcu::Guard g;
    r = s.find(g, 1);
  }
  return r->key; // expected-warning {{used after the read-side critical section of 'g' ended}}
}

const Route *g_kept;
void override_stored_in_global(const CachedSource &s) {
  rcu::Guard g;
  g_kept = s.find(g, 2); // expected-warning {{escapes the read-side critical section of 'g': stored in variable 'g_kept'}}
}

// --- Silent ---

int override_of_unannotated(const TableSource &s) {
  const Route *r;
  {
    rcu::Guard g;
    r = s.probe(g, 1);
  }
  return r ? 1 : 0;
}

int unrelated_same_name(const Unrelated &u) {
  const Route *r;
  {
    rcu::Guard g;
    r = u.find(g, 1);
  }
  return r->key;
}

int override_in_scope(const TableSource &s) {
  rcu::Guard g;
  const Route *r = s.find(g, 1);
  return r ? r->key : 0;
}
