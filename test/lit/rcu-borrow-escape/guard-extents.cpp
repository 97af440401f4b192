// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -Wno-dangling -Wno-return-stack-address -I %inputs %s
// Guards that are not a plain local: a guard in a default argument lives
// until the end of the full-expression of each call; a guard in the
// init-statement of a range-for ends with the loop, like the if-statement's.
#include "routes.h"

class Table {
public:
  const Route *find(int key,
                    const rcu::Guard &g RCU_BORROW = rcu::Guard{}) const { // expected-note 2 {{the temporary guard is a default argument, destroyed at the end of the full-expression of the call}}
    const Route *r = head_.load(g);
    return r && r->key == key ? r : nullptr;
  }

private:
  RoutePtr head_;
};

int default_argument_kept(const Table &t) {
  const Route *r = t.find(1);
  return r ? r->key : 0; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of the temporary guard ended}}
}

const Route *default_argument_returned(const Table &t) {
  return t.find(2); // expected-warning {{returning a pointer into RCU-protected data that outlives the read-side critical section of the temporary guard}}
}

int range_for_guard_used_after(const RouteTable &t,
                               const std::vector<int> &keys) {
  const Route *last = nullptr;
  for (rcu::Guard g; int key : keys) // expected-note {{guard 'g' is declared here}}
    last = t.find(g, key);
  return last ? last->key : 0; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 'g' ended}}
}

int range_for_guard_break(const RouteTable &t, const std::vector<int> &keys) {
  const Route *found = nullptr;
  for (rcu::Guard g; int key : keys) {
    if (const Route *r = t.find(g, key)) {
      found = r;
      break;
    }
  }
  return found ? found->key : 0; // expected-warning {{used after the read-side critical section of 'g' ended}}
}

int range_for_guard_next_to_a_try(const RouteTable &t,
                                  const std::vector<int> &keys) {
  const Route *last = nullptr;
  try {
    for (rcu::Guard g; int key : keys)
      last = t.find(g, key);
  } catch (...) {
    return 0;
  }
  return last ? last->key : 0; // expected-warning {{used after the read-side critical section of 'g' ended}}
}

// --- Silent ---

int default_argument_within_call(const Table &t) {
  return t.find(1) ? t.find(1)->key : 0;
}

int default_argument_overridden(const Table &t) {
  rcu::Guard g;
  const Route *r = t.find(1, g);
  return r ? r->key : 0;
}

int default_argument_copied(const Table &t) {
  const Route *r = t.find(1);
  r = nullptr; // Reassigned before its next use.
  int key = t.find(3) ? t.find(3)->key : 0;
  return key + (r ? 1 : 0);
}

int range_for_guard_within_loop(const RouteTable &t,
                                const std::vector<int> &keys) {
  int sum = 0;
  for (rcu::Guard g; int key : keys) {
    const Route *r = t.find(g, key);
    sum += r ? r->key : 0;
  }
  return sum;
}

int range_for_guard_copies_out(const RouteTable &t,
                               const std::vector<int> &keys) {
  int last = 0;
  for (rcu::Guard g; int key : keys)
    if (const Route *r = t.find(g, key))
      last = r->key;
  return last;
}

int if_init_guard_used_after(const RoutePtr &p) {
  const Route *r = nullptr;
  if (rcu::Guard g; p.load(g))
    r = p.load(g);
  return r ? r->key : 0; // expected-warning {{used after the read-side critical section of 'g' ended}}
}
