// RUN: %rcu_verify -I %inputs %s
// A borrow handed to a function defined in this translation unit goes where
// that function's summary says: into a member, a global, a thread, through an
// out-parameter, or back out in its result.
#include "routes.h"
#include <thread>

std::vector<const Route *> g_seen;

void record(const Route *r) {
  g_seen.push_back(r); // expected-note {{'record' stores its argument into 'g_seen', which has static storage duration}}
}

void collect(std::vector<const Route *> &out, const Route *r) {
  out.push_back(r); // expected-note {{'collect' stores its argument through its parameter 'out'}}
}

void log_detached(const Route *r) {
  std::thread([r] { consume(*r); }).detach(); // expected-note {{'log_detached' hands its argument to 'std::thread'}}
}

void log_joined(const Route *r) {
  std::thread t([r] { consume(*r); });
  t.join();
}

struct Hit {
  const Route *route;
  int score;
};
Hit score(const Route *r) { return Hit{r, r->key * 2}; }
int rank(const Route *r) { return r->key; }
const char *kind_name(const Route *r) { return r->key > 0 ? "up" : "down"; }

class PrefixIndex {
public:
  void store_all(const Route *r) {
    by_prefix_[r->name] = r; // expected-note 3 {{'store_all' stores its argument into member 'by_prefix_'}}
  }
  void remember(const Route &r) {
    last_ = &r; // expected-note {{'remember' stores its argument into member 'last_'}}
  }
  void note_name(const Route &r) { last_name_ = r.name; }
  void relay(const Route *r) {
    store_all(r); // expected-note {{'relay' passes its argument to 'store_all'}}
  }

  void add(const RoutePtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    store_all(p.load(g)); // expected-warning {{pointer into RCU-protected data escapes the read-side critical section of 'g': stored in member 'by_prefix_'}} expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  void add_via_relay(const RoutePtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    relay(p.load(g)); // expected-warning {{stored in member 'by_prefix_'}} expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  void add_ref(const RouteBox &b) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    remember(b.with_rcu(g)); // expected-warning {{reference into RCU-protected data escapes the read-side critical section of 'g': stored in member 'last_'}} expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  void add_to_other(PrefixIndex &other, const RoutePtr &p) {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    other.store_all(p.load(g)); // expected-warning {{stored through parameter 'other'}} expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}

  // Silent: copies, and objects that live inside the section.
  void add_name(const RouteBox &b) {
    rcu::Guard g;
    note_name(b.with_rcu(g));
  }
  int scratch_index(const RoutePtr &p) {
    rcu::Guard g;
    PrefixIndex scratch;
    scratch.store_all(p.load(g));
    return scratch.last_ ? 1 : 0;
  }

private:
  std::map<std::string, const Route *> by_prefix_;
  const Route *last_ = nullptr;
  std::string last_name_;
};

void to_global(const RoutePtr &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  record(p.load(g)); // expected-warning {{stored in variable 'g_seen' with static storage duration}} expected-note {{the borrow is taken from 'g' here}}
} // expected-note {{the read-side critical section of 'g' ends here}}

size_t to_outer_container(const RoutePtr &p) {
  std::vector<const Route *> seen;
  {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    collect(seen, p.load(g)); // expected-warning {{stored in 'seen', which outlives the guard}} expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  return seen.size();
}

void to_thread(const RoutePtr &p) {
  rcu::Guard g; // expected-note {{guard 'g' is declared here}}
  log_detached(p.load(g)); // expected-warning {{pointer into RCU-protected data is handed to 'std::thread', whose thread may outlive the read-side critical section of 'g'}} expected-note {{the borrow is taken from 'g' here}}
} // expected-note {{the read-side critical section of 'g' ends here}}

int through_result(const RoutePtr &p) {
  Hit h;
  {
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    h = score(p.load(g)); // expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  return h.route->key; // expected-warning {{used after the read-side critical section of 'g' ended}}
}

// --- Silent ---

size_t to_inner_container(const RoutePtr &p) {
  rcu::Guard g;
  std::vector<const Route *> seen;
  collect(seen, p.load(g));
  return seen.size();
}

void to_joined_thread(const RoutePtr &p) {
  rcu::Guard g;
  log_joined(p.load(g));
}

int unrelated_results(const RoutePtr &p) {
  int k;
  const char *kind;
  {
    rcu::Guard g;
    k = rank(p.load(g));
    kind = kind_name(p.load(g));
  }
  return k + kind[0];
}

// Recursion reaches a fixpoint: the argument reaches 'b' only through the
// recursive call, which swaps the containers.
void swap_walk(std::vector<const Route *> &a, std::vector<const Route *> &b,
               const Route *r, int n) {
  if (n == 0) {
    a.push_back(r); // expected-note {{'swap_walk' stores its argument through its parameter 'a'}}
    return;
  }
  swap_walk(b, a, r, n - 1); // expected-note {{'swap_walk' passes its argument to 'swap_walk'}}
}
size_t recursive(const RoutePtr &p) {
  std::vector<const Route *> seen;
  {
    std::vector<const Route *> scratch;
    rcu::Guard g; // expected-note {{guard 'g' is declared here}}
    swap_walk(scratch, seen, p.load(g), 3); // expected-warning {{stored in 'seen', which outlives the guard}} expected-note {{the borrow is taken from 'g' here}}
  } // expected-note {{the read-side critical section of 'g' ends here}}
  return seen.size();
}
