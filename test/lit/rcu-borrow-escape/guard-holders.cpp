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

// A wrapper whose methods borrow from its own guard, with no annotation:
// their summaries say so.
class Section {
public:
  const Route *load(const RoutePtr &p) const {
    return p.load(g_); // expected-note {{'load' returns a borrow of its object's guard, taken here}}
  }
  const Route *first(const RouteTable &t) const {
    return t.find(guard(), 1); // expected-note {{'first' returns a borrow of its object's guard, taken here}}
  }
  int key(const RoutePtr &p) const {
    const Route *r = p.load(g_);
    return r ? r->key : 0;
  }
  // Its own member borrows from its own guard: both live as long as it.
  void remember(const RoutePtr &p) { last_ = p.load(g_); }

private:
  const rcu::Guard &guard() const { return g_; }
  rcu::Guard g_;
  const Route *last_ = nullptr;
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

int inferred_wrapper_method(const RoutePtr &p) {
  const Route *r;
  {
    Section s;
    r = s.load(p);
  }
  return r->key; // expected-warning {{used after the read-side critical section of 's' ended}}
}

const Route *inferred_through_accessor(const RouteTable &t) {
  Section s;
  return s.first(t); // expected-warning {{returning a pointer into RCU-protected data that outlives the read-side critical section of 's'}}
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

int section_methods_in_scope(const RoutePtr &p) {
  int key;
  {
    Section s;
    s.remember(p);
    key = s.key(p) + s.load(p)->key;
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
