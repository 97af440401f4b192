// RUN: %rcu_verify -I %inputs %s
// Code with errors: no crash, and only the compiler's own errors; a TU that
// does not compile has no reliable meaning to analyse.
#include "routes.h"

int broken(const RoutePtr &ptr) {
  rcu::Guard g;
  const Route *r = ptr.load(g, 1); // expected-error {{too many arguments to function call}} expected-note@rcu/pointer.hpp:* {{declared here}}
  return r->missing; // expected-error {{no member named 'missing' in 'Route'}}
}

int dangling_in_broken_tu(const RoutePtr &ptr) {
  const Route *r;
  {
    rcu::Guard g;
    r = ptr.load(g);
  }
  return r->key + undeclared_name; // expected-error {{use of undeclared identifier 'undeclared_name'}}
}

template <class T> struct Broken {
  const T *f(const rcu::Pointer<T> &p) { rcu::Guard g; return p.load(g) + ; } // expected-error {{expected expression}}
};
