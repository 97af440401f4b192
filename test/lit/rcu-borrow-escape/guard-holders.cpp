// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -Wno-dangling -I %inputs %s
// An object with a guard member (a user's read-section wrapper) is a
// read-side section for its own lifetime: a borrow taken from its guard
// (through the member, an accessor, or a conversion) ends when it dies.
#include "routes.h"

class ReadSection {
public:
  rcu::Guard g_; // expected-note 2 {{'ReadSection' holds a guard in member 'g_'}}
  const rcu::Guard &guard() const { return g_; }
  operator const rcu::Guard &() const { return g_; }
};

// A wrapper of a wrapper: the guard is two members deep.
struct Outer {
  ReadSection section;
};

// A wrapper whose lookups borrow from the section it is.
class Reader {
public:
  const Route *find(const RoutePtr &p) const [[clang::lifetimebound]] {
    return p.load(g_);
  }

private:
  rcu::Guard g_;
};

int through_member(const RoutePtr &p) {
  const Route *r;
  {
    ReadSection s; // expected-note {{'s', which holds a guard, is declared here}}
    r = p.load(s.g_);
  } // expected-note {{the read-side critical section of 's' ends here}}
  return r->key; // expected-warning {{pointer into RCU-protected data is used after the read-side critical section of 's' ended}}
}

int through_accessor(const RoutePtr &p) {
  const Route *r;
  {
    ReadSection s; // expected-note {{'s', which holds a guard, is declared here}}
    r = p.load(s.guard());
  }
  return r->key; // expected-warning {{used after the read-side critical section of 's' ended}}
}

int through_conversion(const RoutePtr &p) {
  const Route *r;
  {
    ReadSection s;
    r = p.load(s);
  }
  return r->key; // expected-warning {{used after the read-side critical section of 's' ended}}
}

int nested_wrapper(const RoutePtr &p) {
  const Route *r;
  {
    Outer o;
    r = p.load(o.section.g_);
  }
  return r->key; // expected-warning {{used after the read-side critical section of 'o' ended}}
}

int lifetimebound_method(const RoutePtr &p) {
  const Route *r;
  {
    Reader reader;
    r = reader.find(p);
  }
  return r->key; // expected-warning {{used after the read-side critical section of 'reader' ended}}
}

const Route *returned_from_local_wrapper(const RoutePtr &p) {
  ReadSection s;
  return p.load(s.guard()); // expected-warning {{returning a pointer into RCU-protected data that outlives the read-side critical section of 's'}}
}

const Route *g_last;
void stored_from_wrapper(const RoutePtr &p) {
  ReadSection s;
  g_last = p.load(s.g_); // expected-warning {{escapes the read-side critical section of 's': stored in variable 'g_last' with static storage duration}}
}

// --- Silent: every use while the wrapper lives. ---

int used_while_wrapper_lives(const RoutePtr &p) {
  ReadSection s;
  const Route *r = p.load(s.guard());
  const Route *q = p.load(s);
  return r->key + q->key;
}

int copied_before_wrapper_dies(const RoutePtr &p) {
  int key;
  {
    Outer o;
    key = p.load(o.section.g_)->key;
  }
  return key;
}

int reader_in_scope(const RoutePtr &p) {
  Reader reader;
  const Route *r = reader.find(p);
  return r ? r->key : 0;
}

// The caller's wrapper outlives the call: returning its borrow is fine.
const Route *from_callers_wrapper(const RoutePtr &p,
                                  const ReadSection &s [[clang::lifetimebound]]) {
  return p.load(s.g_);
}

// A wrapper reached through a pointer is not followed.
int through_pointer(const RoutePtr &p, const ReadSection *s) {
  return p.load(s->g_)->key;
}
