// RUN: %rcu_verify -Xclang -verify-ignore-unexpected=note -fplugin-arg-rcu-lifetime-checks=-*,rcu-send-sync %s
// A declaration that names a specialization twice (its type and the
// make_rcu_box call) is one mistake: one warning.
#include <rcu/rcu.hpp>

struct Device;
struct Route {
  Device *dev;
};

rcu::RcuBox<Route> box = rcu::make_rcu_box<Route>(); // expected-warning {{'rcu::RcuBox<Route>' requires 'Route' to be Send}}

// The declared type is reported; make_rcu_box<Route> was instantiated (and
// reported) above, and an instantiation is reported once, where it happens.
void two_lines() {
  rcu::RcuBox<Route> a = // expected-warning {{'rcu::RcuBox<Route>' requires 'Route' to be Send}}
      rcu::make_rcu_box<Route>();
}
